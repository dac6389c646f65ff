//! Guessed entities (docs/formats.md, "Guessed entities"): names the gazetteer does not know,
//! recognised from titles, first names, head words, context and acronyms. Fictional names only.

mod common;

use common::{mention_texts, record};
use relgraph::types::{EntityType, MentionKind};

/// (id, type, mention texts) of the guessed entities of `text`.
fn guessed(text: &str) -> Vec<(String, EntityType, Vec<String>)> {
    record(text)
        .entities
        .into_iter()
        .filter(|e| e.id.contains(":guess:"))
        .map(|e| {
            assert!(e.confidence.is_some_and(|c| c > 0.0 && c < 1.0), "{e:?}");
            (
                e.id,
                e.etype,
                e.mentions.into_iter().map(|m| m.text).collect(),
            )
        })
        .collect()
}

#[test]
fn table() {
    use EntityType::*;
    let cases: &[(&str, &[(&str, EntityType)])] = &[
        (
            "Secretary Jane Doe arrived.",
            &[("person:guess:jane-doe", Person)],
        ),
        (
            "The club sacked coach Jan Novakowsky on Monday.",
            &[("person:guess:jan-novakowsky", Person)],
        ),
        (
            "Bertil Oxenstjerna said the talks failed.",
            &[("person:guess:bertil-oxenstjerna", Person)],
        ),
        (
            "The Vexlarian Brotherhood Party won the vote.",
            &[("org:guess:vexlarian-brotherhood-party", Organization)],
        ),
        (
            "The Ministry of Culture and Heritage of Zembla objected.",
            &[(
                "org:guess:ministry-of-culture-and-heritage-of-zembla",
                Organization,
            )],
        ),
        (
            "Shares of Quorvex Holdings fell.",
            &[("org:guess:quorvex-holdings", Organization)],
        ),
        ("Floods hit Kleinbruck overnight.", &[]),
        (
            "Floods hit villages near Kleinbruck overnight.",
            &[("loc:guess:kleinbruck", Location)],
        ),
        ("The delegates met in European capitals.", &[]),
        // Initials and a surname; an age in apposition; a name and its state in parentheses.
        (
            "The wicket fell to G. Brantwick late on.",
            &[("person:guess:g-brantwick", Person)],
        ),
        (
            "Pellowitz, 53, lost his seat.",
            &[("person:guess:pellowitz", Person)],
        ),
        (
            "1. Arvo Kettunen (Finland) 3:46.8",
            &[("person:guess:arvo-kettunen", Person)],
        ),
        // An organization after a noun that introduces one.
        (
            "The news agency Zeltrax reported the fire.",
            &[("org:guess:zeltrax", Organization)],
        ),
        // An acronym or name followed by a noun for an organization's people.
        (
            "An FXQA spokesman declined to comment.",
            &[("org:guess:fxqa", Organization)],
        ),
        (
            "Two Zeltrax employees were hurt.",
            &[("org:guess:zeltrax", Organization)],
        ),
        // A person in apposition with a demonym, as a predicate, as the object of a killing.
        (
            "Pellowitz, a German, was elected.",
            &[("person:guess:pellowitz", Person)],
        ),
        (
            "Brantwick is a lawyer in town.",
            &[("person:guess:brantwick", Person)],
        ),
        (
            "Rebels murdered Tomas Brantwick in 1990.",
            &[("person:guess:tomas-brantwick", Person)],
        ),
        // One unknown word in a person's context.
        (
            "Pellowitz said the talks failed.",
            &[("person:guess:pellowitz", Person)],
        ),
        // Unknown entries of a results line in a sports report are teams.
        (
            "League results: Zelvorn 6 Brantco 2",
            &[
                ("org:guess:zelvorn", Organization),
                ("org:guess:brantco", Organization),
            ],
        ),
        ("Exports: Zelvorn 6 Brantco 2", &[]),
        // A town followed by its state or region, as in datelines and addresses.
        (
            "He was born in 1950 at Kleinbruck, Germany, and left.",
            &[("loc:guess:kleinbruck", Location)],
        ),
        (
            "A storm flooded Pellston, Mich., overnight.",
            &[("loc:guess:pellston", Location)],
        ),
        (
            "Visitors to Kleinbruck, southern Germany, rose.",
            &[("loc:guess:kleinbruck", Location)],
        ),
        // A possessive state is no address: the name before it is not a place.
        (
            "Tomasz Wiecki, Poland's envoy, spoke.",
            &[("person:guess:tomasz-wiecki", Person)],
        ),
        // Occupations before a name, events of a life after it, kin after a possessive.
        (
            "The museum honors jazz pianist Tobias Wrenfield.",
            &[("person:guess:tobias-wrenfield", Person)],
        ),
        (
            "Karsten Dovic was born in a farmhouse.",
            &[("person:guess:karsten-dovic", Person)],
        ),
        (
            "Oskarin Velt died in 1960.",
            &[("person:guess:oskarin-velt", Person)],
        ),
        (
            "Lemberg's widow opened the archive.",
            &[("person:guess:lemberg", Person)],
        ),
        ("Lemberg's exports rose.", &[]),
        // A common word with an age in apposition, and appositions with a party or an
        // organization's member.
        (
            "Quarrel, 61, is a former ambassador.",
            &[("person:guess:quarrel", Person)],
        ),
        ("Quarrel, 61 percent, rose.", &[]),
        (
            "Tilden, a Republican, said nothing.",
            &[("person:guess:tilden", Person)],
        ),
        (
            "Brasko, a Greenpeace activist, said so.",
            &[("person:guess:brasko", Person)],
        ),
        // Organizations and places of a role, company head words, a place before a head word.
        (
            "Tomas Rell, chairman of Velmar Paper, resigned.",
            &[
                ("person:guess:tomas-rell", Person),
                ("org:guess:velmar-paper", Organization),
            ],
        ),
        (
            "The mayor of Brentwick spoke.",
            &[("loc:guess:brentwick", Location)],
        ),
        ("The head of Research spoke.", &[]),
        (
            "Shares of Zorvan Systems fell.",
            &[("org:guess:zorvan-systems", Organization)],
        ),
        (
            "The Caribbean Fleet sailed.",
            &[("org:guess:caribbean-fleet", Organization)],
        ),
        // A person after a noun whose object is a person, even a one-word gazetteer place.
        (
            "Brandt, the assassin of Lincoln, hid in a barn.",
            &[
                ("person:guess:brandt", Person),
                ("person:guess:lincoln", Person),
            ],
        ),
        (
            "The assassination of Velmont shocked the town.",
            &[("person:guess:velmont", Person)],
        ),
        // A name starting with a first name is a town before a US state or region.
        (
            "Workers were missing off Morgan Falls, La., after the storm.",
            &[("loc:guess:morgan-falls", Location)],
        ),
        (
            "The race was won by Jan Kovarik, Czech Republic, in 3:46.",
            &[("person:guess:jan-kovarik", Person)],
        ),
        // `General` starts an organization's name; broadcasters by head word.
        (
            "The General Audit Office issued a report.",
            &[("org:guess:general-audit-office", Organization)],
        ),
        (
            "The report aired on Zelvo Television.",
            &[("org:guess:zelvo-television", Organization)],
        ),
        // Another person with the surname of a gazetteer person, and a son.
        (
            "The historian Ivan Medvedev wrote it.",
            &[("person:guess:ivan-medvedev", Person)],
        ),
        (
            "Dmitry Medvedev III spoke on Monday.",
            &[("person:guess:dmitry-medvedev-iii", Person)],
        ),
        (
            "Shares on the Zelvor Stock Exchange rose.",
            &[("org:guess:zelvor-stock-exchange", Organization)],
        ),
        (
            "Zorvan Motoren AG of Hamburg said so.",
            &[("org:guess:zorvan-motoren-ag", Organization)],
        ),
        // Armed services by head word, or alone after `the`.
        (
            "The Navy will rotate two carriers and the Air Force will help.",
            &[
                ("org:guess:navy", Organization),
                ("org:guess:air-force", Organization),
            ],
        ),
        ("Navy blue suits him.", &[]),
        ("On Monday the talks resumed.", &[]),
        // A gazetteer surname alone is a person (`Gandhi` is the surname of several people the
        // gazetteer knows, and no alias of one)...
        (
            "Historians say Gandhi had known.",
            &[("person:guess:gandhi", Person)],
        ),
        (
            "Evaluating Gandhi's visit, the paper was kind.",
            &[("person:guess:gandhi", Person)],
        ),
        // ... but not in firm names and lists, before company or place nouns, after initials,
        // hyphens or place nouns, or when an organization of the document has the word.
        ("The Hughes shares rose.", &[]),
        ("Underwriters are Ostrander and Hughes.", &[]),
        (
            "Underwriters are Hughes, Ostrander and Co.",
            &[("org:guess:ostrander-and-co", Organization)],
        ),
        ("The rebels hold the town of Hughes.", &[]),
        ("Flights land at Washington-Hughes daily.", &[]),
        (
            "Hughes Aircraft Corp said profits rose. Hughes expects more.",
            &[("org:guess:hughes-aircraft-corp", Organization)],
        ),
        ("Trade slowed by Easter.", &[]),
        // Military units named by an ordinal.
        (
            "The 6th Fleet sailed east and the 3rd Battalion followed.",
            &[
                ("org:guess:6th-fleet", Organization),
                ("org:guess:3rd-battalion", Organization),
            ],
        ),
        ("The Fleet sailed east in the 19th Century.", &[]),
        // `and` joins names to an organization's head, but not a person's name after a title.
        (
            "Deputy Jan Novak and Caribbean Fleet Admiral Tomas Brandt met.",
            &[
                ("person:guess:jan-novak", Person),
                ("org:guess:caribbean-fleet", Organization),
                ("person:guess:tomas-brandt", Person),
            ],
        ),
        (
            "The Zelvorn Law and Order Restoration Council met.",
            &[(
                "org:guess:zelvorn-law-and-order-restoration-council",
                Organization,
            )],
        ),
        // An unknown acronym before a title is the title's organization; a headline word is not.
        (
            "The communique was signed by ZNTP Secretary Jan Novak.",
            &[
                ("org:guess:zntp", Organization),
                ("person:guess:jan-novak", Person),
            ],
        ),
        (
            "NEWS Director Jan Novak resigned.",
            &[("person:guess:jan-novak", Person)],
        ),
        // An apposition with `vice president`, `executive`, `attorney`, ...
        (
            "Jo Ann Novakova, vice president of programs for Velmar Entertainment, said so.",
            &[
                ("person:guess:jo-ann-novakova", Person),
                ("org:guess:velmar-entertainment", Organization),
            ],
        ),
        // Events only people have.
        (
            "Novakowsky taught at a small college.",
            &[("person:guess:novakowsky", Person)],
        ),
        // A one-word gazetteer alias that is a head word heads another organization after a
        // capitalised word (`Congress` alone is the US Congress).
        (
            "Zelvorn National Congress Chairman Jan Novak spoke. Congress voted.",
            &[
                ("org:guess:zelvorn-national-congress", Organization),
                ("person:guess:jan-novak", Person),
            ],
        ),
        (
            "The Zelvorn Workers Party fought.",
            &[("org:guess:zelvorn-workers-party", Organization)],
        ),
        // `City` names a place after a locative.
        (
            "Rescuers worked near Desmond City overnight.",
            &[("loc:guess:desmond-city", Location)],
        ),
    ];
    for (text, want) in cases {
        let got: Vec<(String, EntityType)> = guessed(text)
            .into_iter()
            .map(|(id, t, _)| (id, t))
            .collect();
        let want: Vec<(String, EntityType)> =
            want.iter().map(|(i, t)| (i.to_string(), *t)).collect();
        assert_eq!(got, want, "{text}");
    }
}

#[test]
fn guessed_names_recur_and_short_forms_resolve() {
    let r = record(
        "Coach Jan Novakowsky was sacked. Jan Novakowsky said he was surprised. Novakowsky left.",
    );
    let e = r
        .entities
        .iter()
        .find(|e| e.id == "person:guess:jan-novakowsky")
        .expect("guessed person");
    let kinds: Vec<(&str, MentionKind)> = e
        .mentions
        .iter()
        .map(|m| (m.text.as_str(), m.kind))
        .collect();
    assert_eq!(
        kinds,
        vec![
            ("Jan Novakowsky", MentionKind::Guessed),
            ("Jan Novakowsky", MentionKind::Guessed),
            ("Novakowsky", MentionKind::Coreference),
        ]
    );
}

#[test]
fn acronyms_defined_in_text() {
    let r =
        record("The Zemblan Liberation Front (ZLF) claimed the attack. Later the ZLF denied it.");
    let e = r
        .entities
        .iter()
        .find(|e| e.id == "org:guess:zemblan-liberation-front")
        .expect("guessed organization");
    let texts: Vec<&str> = e.mentions.iter().map(|m| m.text.as_str()).collect();
    assert_eq!(texts, vec!["Zemblan Liberation Front", "ZLF", "ZLF"]);
    // An organization of three or more words may be abbreviated in its own language.
    let r = record("The National Workers Union of Ruritania (SNTR) called a strike.");
    let e = r
        .entities
        .iter()
        .find(|e| e.id == "org:guess:national-workers-union-of-ruritania")
        .expect("guessed organization");
    assert_eq!(e.mentions[1].text, "SNTR");
    // An acronym that does not spell the name before it is not an alias of it.
    let r = record("Officials in Kleinbruck (XQV) said so.");
    assert!(
        r.entities
            .iter()
            .all(|e| e.mentions.iter().all(|m| m.text != "XQV"))
    );
    let r = record("Shares of Zorvan Systems (ZRV) fell.");
    assert!(
        r.entities
            .iter()
            .all(|e| e.mentions.iter().all(|m| m.text != "ZRV"))
    );
}

#[test]
fn guessed_entities_take_part_in_relations() {
    let r = record("Tomas Brandt, a spokesman for the Vexlar Brotherhood Party, said so.");
    assert!(
        r.relations
            .iter()
            .any(|x| x.source == "person:guess:tomas-brandt"
                && x.target == "org:guess:vexlar-brotherhood-party"
                && x.rtype.as_str() == "official_of"),
        "{:?}",
        r.relations
    );
}

#[test]
fn mentions_never_overlap_and_ids_are_stable() {
    let texts = [
        "German Chancellor Jana Novakova met Acme CEO Jan Novak in Kleinbruck.",
        "The Zemblan Liberation Front (ZLF) and the ZLF's allies, said Jan Novak.",
        "Pro-Zemblan groups of the Oder River Basin Council, near Kleinbruck, Inc.",
    ];
    for t in texts {
        let r = record(t);
        let mut spans: Vec<(usize, usize)> = r
            .entities
            .iter()
            .flat_map(|e| e.mentions.iter().map(|m| (m.start, m.end)))
            .collect();
        spans.sort();
        for w in spans.windows(2) {
            assert!(w[0].1 <= w[1].0, "overlap {w:?} in {t}");
        }
        assert_eq!(record(t), r, "deterministic");
    }
    let a = guessed("Coach Jan Novak spoke.");
    let b = guessed("Jan Novak said so.");
    assert_eq!(a[0].0, b[0].0);
}

/// Places standing for sports teams (src/extract/teams.rs): (text, mention, expected type of
/// every mention of that name).
#[test]
fn places_as_teams() {
    use EntityType::*;
    let cases: &[(&str, &str, EntityType)] = &[
        ("Kent beat Durham by an innings.", "Durham", Organization),
        ("Kent beat Durham by an innings.", "Kent", Organization),
        ("Kent captain Tom Harkwell made 80.", "Kent", Organization),
        (
            "League results: Chicago 4 Houston 3",
            "Chicago",
            Organization,
        ),
        // Figures by place outside a sports report are no scores.
        (
            "Exports by region: Chicago 4 Houston 3",
            "Chicago",
            Location,
        ),
        (
            "Acres planted: Chicago 875,000 and Houston 3,000.",
            "Chicago",
            Location,
        ),
        ("STANDINGS / CHICAGO 71 64 .526 10", "CHICAGO", Organization),
        ("Innings: Durham 114 and 81-3.", "Durham", Organization),
        ("She moved to Chicago in 1990.", "Chicago", Location),
        ("Chicago 12 May - Prices rose.", "Chicago", Location),
        ("CHICAGO 2001-05-14 Shares fell.", "CHICAGO", Location),
        ("Chicago 3 miles away was quiet.", "Chicago", Location),
        (
            "Houston beat Chicago, and fans in Chicago wept.",
            "Chicago",
            Organization,
        ),
        // A state keeps its type: national sides are their state.
        ("France beat Italy 2-1.", "France", State),
    ];
    for &(text, name, want) in cases {
        let r = record(text);
        let types: Vec<EntityType> = r
            .entities
            .iter()
            .filter(|e| e.mentions.iter().any(|m| m.text == name))
            .map(|e| e.etype)
            .collect();
        assert!(!types.is_empty(), "{text:?}: no mention {name:?}");
        // Where a locative preposition shows the place, that mention stays a place.
        let first = types[0];
        assert_eq!(first, want, "{text:?}: {name}: {types:?}");
    }
    // The team's mention after `in` stays the place.
    let r = record("Houston beat Chicago, and fans in Chicago wept.");
    let kinds: Vec<(EntityType, usize)> = r
        .entities
        .iter()
        .filter(|e| e.mentions.iter().any(|m| m.text == "Chicago"))
        .map(|e| (e.etype, e.mentions.len()))
        .collect();
    assert_eq!(kinds, vec![(Organization, 1), (Location, 1)], "{kinds:?}");
}

/// Short forms: one-word guesses and places that are the surname of a person the document
/// names in full, anywhere in the document; a capitalised particle joins the surname.
#[test]
fn short_forms_of_people_named_in_full() {
    // (text, mention, expected entity id of that mention, expected kind)
    let cases: &[(&str, &str, &str, MentionKind)] = &[
        // a headline names the person before the story does
        (
            "Brantwick wins again.\nCoach Jan Brantwick said the team was ready.",
            "Brantwick",
            "person:guess:jan-brantwick",
            MentionKind::Coreference,
        ),
        // a one-word guess (`Pellowitz said`) is a short form, not another person
        (
            "Coach Anna Pellowitz arrived. Pellowitz said the team was ready.",
            "Pellowitz",
            "person:guess:anna-pellowitz",
            MentionKind::Coreference,
        ),
        // an unknown word before a guessed surname makes the full name
        (
            "Pellowitz said so. Later Donovan Pellowitz left.",
            "Donovan Pellowitz",
            "person:guess:donovan-pellowitz",
            MentionKind::Guessed,
        ),
        // a place that is the surname of a person named in full
        (
            "Coach Anna Jordan arrived. Jordan said the team was ready.",
            "Jordan",
            "person:guess:anna-jordan",
            MentionKind::Coreference,
        ),
        // a capitalised particle joins the surname
        (
            "Coach Filip de Brantwick arrived. De Brantwick said so.",
            "De Brantwick",
            "person:guess:filip-de-brantwick",
            MentionKind::Coreference,
        ),
        // an apostrophe stays inside the name
        (
            "Coach Alex O'Brantwick arrived. O'Brantwick said so.",
            "O'Brantwick",
            "person:guess:alex-o-brantwick",
            MentionKind::Coreference,
        ),
    ];
    for &(text, mention, id, kind) in cases {
        let r = record(text);
        let found: Vec<(&str, MentionKind)> = r
            .entities
            .iter()
            .flat_map(|e| {
                e.mentions
                    .iter()
                    .filter(|m| m.text == mention)
                    .map(move |m| (e.id.as_str(), m.kind))
            })
            .collect();
        assert!(found.contains(&(id, kind)), "{text:?}: {found:?}");
    }
    // `in Jordan` stays the state.
    let r = record("Coach Anna Jordan arrived. She lives in Jordan.");
    assert!(
        r.entities
            .iter()
            .any(|e| e.id == "state:JO" && e.mentions.iter().any(|m| m.text == "Jordan")),
        "{:?}",
        r.entities
    );
}

/// A demonym after `in` that ends the phrase is a language, not a mention of the state.
#[test]
fn languages_are_not_states() {
    let r = record("The station broadcast the speech in Spanish. Spanish troops left.");
    let spain: Vec<&str> = r
        .entities
        .iter()
        .filter(|e| e.id == "state:ES")
        .flat_map(|e| e.mentions.iter().map(|m| m.text.as_str()))
        .collect();
    assert_eq!(spain, vec!["Spanish"], "{:?}", r.entities);
    let r = record("It aired in French 1700 GMT.");
    assert!(r.entities.is_empty(), "{:?}", r.entities);
}

#[test]
fn towns_with_their_region_are_located_in_it() {
    let located = |text: &str| -> Vec<(String, String, String)> {
        record(text)
            .relations
            .into_iter()
            .filter(|x| x.rtype.as_str() == "located_in")
            .map(|x| (x.source, x.target, x.evidence[0].rule.clone()))
            .collect()
    };
    let rule = "located_in.address".to_string();
    assert_eq!(
        located("Workers were missing off Pellston, Mich., after the storm."),
        vec![(
            "loc:guess:pellston".to_string(),
            "loc:us-michigan".to_string(),
            rule.clone()
        )]
    );
    assert_eq!(
        located("It rained in Dallas, Texas on Monday."),
        vec![(
            "loc:us-dallas".to_string(),
            "loc:us-texas".to_string(),
            rule
        )]
    );
    // A list of places, and a city with a region of another state, give nothing.
    assert_eq!(located("She flew from Paris, London and Berlin."), vec![]);
    assert_eq!(
        located("She flew from Paris, Texas Comets fans said."),
        vec![]
    );
}

#[test]
fn an_acronym_defined_in_the_text_beats_the_gazetteer() {
    // `FDF` is a gazetteer alias of a Belgian party; here the text defines it.
    let text = "The Kleinbruck Frontier Defence Force (FDF) arrested two men. The FDF said so.";
    let g = guessed(text);
    assert_eq!(g.len(), 1, "{g:?}");
    assert_eq!(g[0].0, "org:guess:kleinbruck-frontier-defence-force");
    assert_eq!(
        g[0].2,
        ["Kleinbruck Frontier Defence Force", "FDF", "FDF"],
        "{g:?}"
    );
    let r = record(text);
    assert!(!r.entities.iter().any(|e| e.id == "org:be-fdf"), "{r:?}");
}

#[test]
fn a_capitalised_region_head_belongs_to_the_name() {
    let text = "Troops reached Anbar Province, not the anbar province of old.";
    let r = record(text);
    let spans = mention_texts(&r);
    assert!(spans.contains(&"Anbar Province"), "{spans:?}");
}

//! `relgraph eval`: the readers, the scoring definitions (on hand-built predictions, so they do
//! not move when the gazetteer or rules change), and the command line on small hand-written
//! fixtures with a fictional gazetteer (tests/fixtures/eval/).

mod common;
use common::*;

use relgraph::eval::report::{Prf, Reason, Report};
use relgraph::eval::{self, Dataset, GoldDoc, score};
use relgraph::types::{EntityType, MentionKind, Origin, RelationType};
use relgraph::wire::extraction::{
    DocRecord, EntityRecord, EvidenceRecord, MentionRecord, RelationRecord,
};
use std::path::Path;

const FIXTURES: &str = "tests/fixtures/eval";

fn fixture(name: &str) -> std::path::PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join(FIXTURES)
        .join(name)
}

fn chars(text: &str, (s, e): (usize, usize)) -> String {
    text.chars().skip(s).take(e - s).collect()
}

/// Gold mention texts of a document, with their labels.
fn gold_mentions(d: &GoldDoc) -> Vec<(String, String)> {
    d.entities
        .iter()
        .flat_map(|e| {
            e.mentions
                .iter()
                .map(|&m| (e.label.clone(), chars(&d.text, m)))
        })
        .collect()
}

#[test]
fn dwie_reader_rebuilds_text_and_offsets() {
    let docs = eval::read(Dataset::Dwie, &fixture("dwie.json")).unwrap();
    assert_eq!(docs.len(), 1);
    let d = &docs[0];
    assert_eq!(d.id, "fixture_1");
    assert_eq!(
        d.text,
        "Firefly Visits Sylvania\nFreedonian President Rufus Firefly met Carlo Trentino in Port Marx \
         on Monday. Firefly's Freedonian Grain Board (FGB) didn't comment."
    );
    let m = gold_mentions(d);
    assert!(m.contains(&("type::person".into(), "Rufus Firefly".into())));
    assert!(m.contains(&("type::organization".into(), "FGB".into())));
    assert!(m.contains(&("type::other".into(), "Freedonian".into())));
    assert_eq!(d.entities[0].mentions.len(), 3);
    assert_eq!(d.relations.len(), 5);
    assert_eq!(d.relations[0].label, "is_meeting");
}

#[test]
fn conll04_reader_makes_one_document_per_sentence() {
    let docs = eval::read(Dataset::Conll04, &fixture("conll04.json")).unwrap();
    let ids: Vec<&str> = docs.iter().map(|d| d.id.as_str()).collect();
    assert_eq!(ids, ["101", "102"]);
    assert_eq!(
        docs[0].text,
        "President Rufus Firefly of Freedonia spoke in Port Marx."
    );
    assert_eq!(
        gold_mentions(&docs[0]),
        [
            ("Peop".to_string(), "Rufus Firefly".to_string()),
            ("Loc".into(), "Freedonia".into()),
            ("Loc".into(), "Port Marx".into())
        ]
    );
    assert_eq!(docs[1].entities[2].class, None, "Other is not scored");
}

#[test]
fn conll03_reader_splits_documents_and_reads_iob1() {
    let docs = eval::read(Dataset::Conll03, &fixture("conll03.txt")).unwrap();
    assert_eq!(docs.len(), 2);
    assert_eq!(docs[0].id, "conll03.txt#1");
    assert_eq!(
        docs[0].text,
        "FREEDONIA WINS.\nRufus Firefly (Freedonia) beat Trentino, a Sylvanian."
    );
    assert_eq!(
        docs[1].text,
        "Freedonian Grain Board shares rose 5% in Port Marx."
    );
    let names: Vec<(String, String)> = gold_mentions(&docs[0]);
    assert_eq!(
        names,
        [
            ("LOC".to_string(), "FREEDONIA".to_string()),
            ("PER".into(), "Rufus Firefly".into()),
            ("LOC".into(), "Freedonia".into()),
            ("PER".into(), "Trentino".into()),
            ("MISC".into(), "Sylvanian".into())
        ]
    );
}

#[test]
fn iob1_b_tags_split_adjacent_names_of_one_type() {
    let dir = tempdir();
    let cases: &[(&str, &[&str])] = &[
        ("A x x I-PER\nB x x I-PER\nC x x B-PER\n", &["A B", "C"]),
        ("A x x I-PER\nB x x I-ORG\nC x x I-ORG\n", &["A", "B C"]),
        ("A x x I-PER\n\nB x x I-PER\n", &["A", "B"]),
        (
            "A x x B-LOC\nB x x I-LOC\nc x x O\nD x x I-LOC\n",
            &["A B", "D"],
        ),
    ];
    for (input, want) in cases {
        let p = write(dir.path(), "t.conll", input);
        let docs = eval::read(Dataset::Conll03, &p).unwrap();
        let got: Vec<String> = gold_mentions(&docs[0])
            .into_iter()
            .map(|(_, t)| t)
            .collect();
        assert_eq!(&got, want, "{input}");
    }
}

#[test]
fn bad_input_names_file_and_line() {
    let dir = tempdir();
    let cases: &[(Dataset, &str, &str)] = &[
        (
            Dataset::Conll03,
            "A x x I-PER\nB x x Q-PER\n",
            "t.txt:2: bad IOB tag",
        ),
        (Dataset::Conll03, "A\n", "t.txt:1: expected"),
        (
            Dataset::Conll04,
            "[{\"tokens\": [\"A\"], \"entities\": [{\"type\": \"Peop\", \"start\": 0, \"end\": 2}]}]",
            "bad entity span 0..2",
        ),
        (
            Dataset::Dwie,
            "[\n{\"title\": 1}]",
            "t.txt:2: not the expected JSON",
        ),
        (
            Dataset::Dwie,
            "[{\"title\": \"d\", \"sents\": [[\"A\"]], \"vertexSet\": [[{\"pos\": [0, 3], \"sent_id\": 0, \"type\": \"type::person\"}]]}]",
            "document \"d\": entity 0: bad token span 0..3",
        ),
    ];
    for (dataset, input, want) in cases {
        let p = write(dir.path(), "t.txt", input);
        let err = eval::read(*dataset, &p).unwrap_err().to_string();
        assert!(err.contains(want), "{dataset}: {err:?} lacks {want:?}");
    }
}

// ---- scoring on hand-built predictions ------------------------------------------------------

/// A predicted entity: id, type, mentions as (char start, end, kind).
fn entity(
    id: &str,
    etype: EntityType,
    text: &str,
    mentions: &[(usize, usize, MentionKind)],
) -> EntityRecord {
    EntityRecord {
        id: id.into(),
        name: id.into(),
        etype,
        qid: None,
        confidence: None,
        mentions: mentions
            .iter()
            .map(|&(start, end, kind)| MentionRecord {
                start,
                end,
                text: chars(text, (start, end)),
                kind,
            })
            .collect(),
    }
}

fn relation(source: &str, rtype: RelationType, target: &str, origin: Origin) -> RelationRecord {
    RelationRecord {
        source: source.into(),
        target: target.into(),
        rtype,
        origin,
        roles: Vec::new(),
        evidence: vec![EvidenceRecord {
            start: 0,
            end: 1,
            trigger: "x".into(),
            rule: "test".into(),
            confidence: 1.0,
            role: None,
            features: Vec::new(),
            sentence: None,
        }],
    }
}

fn record(entities: Vec<EntityRecord>, relations: Vec<RelationRecord>) -> DocRecord {
    DocRecord {
        doc: "d".into(),
        date: None,
        entities,
        relations,
    }
}

fn counts(p: &Prf) -> (usize, usize, usize) {
    (p.gold, p.predicted, p.correct)
}

fn per_type(r: &Report, name: &str) -> (usize, usize, usize) {
    let s = r.entities.per_type.iter().find(|t| t.name == name).unwrap();
    counts(&s.prf)
}

fn rel_type(r: &Report, name: &str) -> (usize, usize, usize) {
    let s = r
        .relations
        .as_ref()
        .unwrap()
        .per_type
        .iter()
        .find(|t| t.name == name)
        .unwrap();
    counts(&s.prf)
}

/// A DWIE document written inline: `sents` tokens separated by spaces.
fn dwie_doc(tokens: &str, vertex: &str, labels: &str) -> GoldDoc {
    let toks: Vec<String> = tokens.split(' ').map(|t| format!("{t:?}")).collect();
    let json = format!(
        "[{{\"title\": \"d\", \"sents\": [[{}]], \"vertexSet\": {vertex}, \"labels\": {labels}}}]",
        toks.join(", ")
    );
    eval::readers::dwie("inline", &json).unwrap().remove(0)
}

fn mention(pos: [usize; 2], t: &str) -> String {
    format!(
        "{{\"pos\": [{}, {}], \"sent_id\": 0, \"type\": \"type::{t}\"}}",
        pos[0], pos[1]
    )
}

use MentionKind::{Coreference, Demonym, Name, Role};

/// Character span of the `nth` (from 0) occurrence of `needle` in an ASCII text.
fn span_of(text: &str, needle: &str, nth: usize) -> (usize, usize) {
    let s = text.match_indices(needle).nth(nth).unwrap().0;
    (s, s + needle.len())
}

#[test]
fn dwie_entities_match_by_most_shared_mentions_once_each() {
    let g = dwie_doc(
        "Ann Lee met Bo Lee . Lee left Lunaria . Lunarian",
        &format!(
            "[[{}, {}], [{}], [{}], [{}]]",
            mention([0, 2], "person"),
            mention([6, 7], "person"),
            mention([3, 5], "person"),
            mention([8, 9], "location"),
            mention([10, 11], "other"),
        ),
        "[]",
    );
    let t = &g.text;
    assert_eq!(t, "Ann Lee met Bo Lee. Lee left Lunaria. Lunarian");
    let m = |s: &str, nth, k| {
        let (a, b) = span_of(t, s, nth);
        (a, b, k)
    };
    let rec = record(
        vec![
            // Shares 2 mentions with Ann Lee: the match.
            entity(
                "person:ann",
                EntityType::Person,
                t,
                &[m("Ann Lee", 0, Name), m("Lee", 2, Coreference)],
            ),
            // Shares 1 mention with Ann Lee: a duplicate, a false alarm.
            entity("person:ann2", EntityType::Person, t, &[m("Lee", 0, Name)]),
            // Bo Lee found as an organization: wrong class.
            entity(
                "org:bo",
                EntityType::Organization,
                t,
                &[m("Bo Lee", 0, Name)],
            ),
            // A state counts as location.
            entity(
                "state:LU",
                EntityType::State,
                t,
                &[m("Lunaria", 0, Name), m("Lunarian", 0, Demonym)],
            ),
            // A role-only entity is not a prediction.
            entity("person:x", EntityType::Person, t, &[m("left", 0, Role)]),
        ],
        vec![],
    );
    let r = score::score(Dataset::Dwie, "inline", &[g], &[rec], 10);
    assert_eq!(per_type(&r, "person"), (2, 2, 1));
    assert_eq!(per_type(&r, "organization"), (0, 1, 0));
    assert_eq!(per_type(&r, "location"), (1, 1, 1));
    assert_eq!(counts(&r.entities.overall), (3, 4, 2));
    assert_eq!(r.not_scored.get("role"), Some(&1));
    let e = r.errors.unwrap();
    let reasons = |l: &eval::report::ErrorList| -> Vec<(String, Reason)> {
        l.worst.iter().map(|g| (g.text.clone(), g.reason)).collect()
    };
    assert_eq!(
        reasons(&e.entity_misses),
        [("Bo Lee".to_string(), Reason::Type)]
    );
    let mut fa = reasons(&e.entity_false_alarms);
    fa.sort();
    assert_eq!(
        fa,
        [
            ("Bo Lee".to_string(), Reason::Type),
            ("Lee".into(), Reason::Duplicate)
        ]
    );
}

#[test]
fn dwie_demonym_only_entity_is_a_false_alarm_and_relations_use_matched_entities() {
    // Ann Lee of Lunaria met Bo Kim in Sol . Lunarian
    let g = dwie_doc(
        "Ann Lee of Lunaria met Bo Kim in Sol . Lunarian",
        &format!(
            "[[{}], [{}], [{}], [{}], [{}]]",
            mention([0, 2], "person"),
            mention([3, 4], "location"),
            mention([5, 7], "person"),
            mention([8, 9], "location"),
            mention([10, 11], "other"),
        ),
        r#"[{"h": 0, "t": 1, "r": "citizen_of"}, {"h": 2, "t": 0, "r": "is_meeting"},
            {"h": 3, "t": 1, "r": "in0"}, {"h": 0, "t": 4, "r": "citizen_of-x"},
            {"h": 0, "t": 1, "r": "head_of"}]"#,
    );
    let t = &g.text;
    let pos = |s: &str| t.find(s).unwrap();
    let span = |s: &str| (pos(s), pos(s) + s.len());
    let m = |s: &str, k| (span(s).0, span(s).1, k);
    let rec = record(
        vec![
            entity("person:ann", EntityType::Person, t, &[m("Ann Lee", Name)]),
            entity("state:LU", EntityType::State, t, &[m("Lunaria", Name)]),
            entity("person:bo", EntityType::Person, t, &[m("Bo Kim", Name)]),
            entity("loc:sol", EntityType::Location, t, &[m("Sol", Name)]),
            entity("state:XX", EntityType::State, t, &[m("Lunarian", Demonym)]),
        ],
        vec![
            relation(
                "person:ann",
                RelationType::CitizenOf,
                "state:LU",
                Origin::Gazetteer,
            ),
            relation(
                "person:ann",
                RelationType::CitizenOf,
                "state:LU",
                Origin::Text,
            ),
            // met_with is unordered: gold says Bo meets Ann.
            relation(
                "person:ann",
                RelationType::MetWith,
                "person:bo",
                Origin::Text,
            ),
            // Wrong direction.
            relation(
                "state:LU",
                RelationType::LocatedIn,
                "loc:sol",
                Origin::Gazetteer,
            ),
            // Endpoint is no gold entity.
            relation(
                "person:bo",
                RelationType::CitizenOf,
                "state:XX",
                Origin::Text,
            ),
            // Not scored on DWIE.
            relation("person:ann", RelationType::Visited, "loc:sol", Origin::Text),
        ],
    );
    let r = score::score(Dataset::Dwie, "inline", &[g], &[rec], 10);
    assert_eq!(per_type(&r, "location"), (2, 3, 2));
    assert_eq!(rel_type(&r, "citizen_of"), (1, 2, 1));
    assert_eq!(rel_type(&r, "met_with"), (1, 1, 1));
    assert_eq!(rel_type(&r, "located_in"), (1, 1, 0));
    assert_eq!(rel_type(&r, "leader_of"), (1, 0, 0));
    assert_eq!(counts(&r.relations.as_ref().unwrap().overall), (4, 4, 2));
    assert_eq!(
        counts(&r.relations_text_only.as_ref().unwrap().overall),
        (4, 3, 2)
    );
    let e = r.errors.unwrap();
    let rm: Vec<(String, Reason)> = e
        .relation_misses
        .unwrap()
        .worst
        .iter()
        .map(|g| (g.class.clone(), g.reason))
        .collect();
    assert_eq!(
        rm,
        [
            ("leader_of".to_string(), Reason::Type),
            ("located_in".into(), Reason::Type)
        ]
    );
    let rf: Vec<(String, Reason)> = e
        .relation_false_alarms
        .unwrap()
        .worst
        .iter()
        .map(|g| (g.class.clone(), g.reason))
        .collect();
    assert_eq!(
        rf,
        [
            ("citizen_of".to_string(), Reason::Endpoint),
            ("located_in".into(), Reason::Type)
        ]
    );
}

fn conll04_doc(json: &str) -> GoldDoc {
    eval::readers::conll04("inline", json).unwrap().remove(0)
}

#[test]
fn conll04_is_strict_by_span_and_class_and_maps_relations() {
    // Ann Lee of Acme lives in Sol .   Ann Lee 0..7, Acme 11..15, Sol 25..28
    let g = conll04_doc(
        r#"[{"tokens": ["Ann", "Lee", "of", "Acme", "lives", "in", "Sol", "."],
             "entities": [{"type": "Peop", "start": 0, "end": 2}, {"type": "Org", "start": 3, "end": 4},
                          {"type": "Loc", "start": 6, "end": 7}],
             "relations": [{"type": "Work_For", "head": 0, "tail": 1}, {"type": "Live_In", "head": 0, "tail": 2},
                           {"type": "OrgBased_In", "head": 1, "tail": 2}]}]"#,
    );
    let t = &g.text;
    let rec = record(
        vec![
            // Span too short: a boundary error, so its relations cannot be right.
            entity("person:ann", EntityType::Person, t, &[(4, 7, Name)]),
            entity("org:acme", EntityType::Organization, t, &[(11, 15, Name)]),
            entity("state:SO", EntityType::State, t, &[(25, 28, Name)]),
        ],
        vec![
            relation(
                "person:ann",
                RelationType::MemberOf,
                "org:acme",
                Origin::Text,
            ),
            relation(
                "person:ann",
                RelationType::OfficialOf,
                "org:acme",
                Origin::Text,
            ),
            relation(
                "org:acme",
                RelationType::PartOf,
                "state:SO",
                Origin::Gazetteer,
            ),
            relation("org:acme", RelationType::BasedIn, "state:SO", Origin::Text),
        ],
    );
    let r = score::score(
        Dataset::Conll04,
        "inline",
        std::slice::from_ref(&g),
        &[rec],
        10,
    );
    assert_eq!(counts(&r.entities.overall), (3, 3, 2));
    // member_of and official_of are both Work_For: one prediction.
    assert_eq!(rel_type(&r, "Work_For"), (1, 1, 0));
    assert_eq!(rel_type(&r, "OrgBased_In"), (1, 1, 1));
    assert_eq!(rel_type(&r, "Live_In"), (1, 0, 0));
    let e = r.errors.unwrap();
    assert_eq!(e.entity_misses.worst[0].reason, Reason::Boundary);
    assert_eq!(e.entity_false_alarms.worst[0].text, "Lee");

    // With the right span, Work_For is right; a reversed relation is not.
    let rec = record(
        vec![
            entity("person:ann", EntityType::Person, t, &[(0, 7, Name)]),
            entity("org:acme", EntityType::Organization, t, &[(11, 15, Name)]),
            entity("state:SO", EntityType::State, t, &[(25, 28, Name)]),
        ],
        vec![
            relation(
                "person:ann",
                RelationType::LeaderOf,
                "org:acme",
                Origin::Text,
            ),
            relation(
                "state:SO",
                RelationType::CitizenOf,
                "person:ann",
                Origin::Text,
            ),
        ],
    );
    let r = score::score(Dataset::Conll04, "inline", &[g], &[rec], 0);
    assert_eq!(rel_type(&r, "Work_For"), (1, 1, 1));
    assert_eq!(rel_type(&r, "Live_In"), (1, 1, 0));
    assert!(r.errors.is_none());
}

#[test]
fn conll_spans_are_measured_in_gold_tokens() {
    // The data set keeps a sentence-final period in the last token: "Ann Lee." is one token
    // pair `Ann`, `Lee.`; a name that stops before the period covers the token.
    let g = conll04_doc(
        r#"[{"tokens": ["Ann", "met", "Bo", "Lee."],
             "entities": [{"type": "Peop", "start": 0, "end": 1}, {"type": "Peop", "start": 2, "end": 4}],
             "relations": []}]"#,
    );
    assert_eq!(g.text, "Ann met Bo Lee.");
    let t = &g.text;
    let rec = record(
        vec![
            entity("person:ann", EntityType::Person, t, &[(0, 3, Name)]),
            entity("person:bo", EntityType::Person, t, &[(8, 14, Name)]),
        ],
        vec![],
    );
    let r = score::score(
        Dataset::Conll04,
        "inline",
        std::slice::from_ref(&g),
        &[rec],
        0,
    );
    assert_eq!(counts(&r.entities.overall), (2, 2, 2));
    // Still strict: a span that misses a whole token is wrong.
    let rec = record(
        vec![entity(
            "person:bo",
            EntityType::Person,
            t,
            &[(11, 14, Name)],
        )],
        vec![],
    );
    let r = score::score(Dataset::Conll04, "inline", &[g], &[rec], 0);
    assert_eq!(counts(&r.entities.overall), (2, 1, 0));
    for (span, want) in [
        ((0, 3), (0, 3)),
        ((1, 2), (0, 3)),
        ((8, 14), (8, 15)),
        ((3, 4), (3, 4)),
    ] {
        assert_eq!(
            score::snap_to_tokens(&[(0, 3), (4, 7), (8, 10), (11, 15)], span),
            want
        );
    }
}

#[test]
fn conll03_does_not_count_demonyms_pronouns_or_misc() {
    let dir = tempdir();
    let p = write(
        dir.path(),
        "t.conll",
        "Lunarian x x I-MISC\nAnn x x I-PER\nLee x x I-PER\nwon x x O\n. x x O\n\nShe x x O\nwon x x O\n. x x O\n",
    );
    let g = eval::read(Dataset::Conll03, &p).unwrap().remove(0);
    let t = &g.text;
    assert_eq!(t, "Lunarian Ann Lee won.\nShe won.");
    let rec = record(
        vec![
            entity("state:LU", EntityType::State, t, &[(0, 8, Demonym)]),
            entity(
                "person:ann",
                EntityType::Person,
                t,
                &[(9, 16, Name), (22, 25, Coreference)],
            ),
        ],
        vec![],
    );
    let r = score::score(Dataset::Conll03, "t", &[g], &[rec], 0);
    assert_eq!(counts(&r.entities.overall), (1, 1, 1));
    assert_eq!(r.not_scored.get("demonym"), Some(&1));
    assert_eq!(r.not_scored.get("pronoun"), Some(&1));
    assert!(r.relations.is_none());
}

// ---- the command line -------------------------------------------------------------------------

fn eval_cli(dataset: &str, file: &str, extra: &[&str]) -> std::process::Output {
    let path = format!("{FIXTURES}/{file}");
    let gaz = format!("{FIXTURES}/gazetteer.jsonl");
    let mut args = vec![
        "eval",
        "--dataset",
        dataset,
        &path,
        "--no-default-gazetteer",
        "--gazetteer",
        &gaz,
        "--no-default-rules",
        // The scoring is under test, not the shipped models (tests/models.rs).
        "--no-default-models",
    ];
    args.extend_from_slice(extra);
    relgraph(&args, None)
}

#[test]
fn eval_prints_scores_and_errors() {
    for (dataset, file) in [
        ("dwie", "dwie.json"),
        ("conll04", "conll04.json"),
        ("conll03", "conll03.txt"),
    ] {
        let o = eval_cli(dataset, file, &["--errors", "3"]);
        assert!(o.status.success(), "{dataset}: {}", stderr(&o));
        insta::assert_snapshot!(format!("eval_{dataset}"), stdout(&o));
    }
}

#[test]
fn eval_json_is_stable_and_does_not_depend_on_threads() {
    let a = eval_cli("conll04", "conll04.json", &["--json", "-j", "1"]);
    let b = eval_cli("conll04", "conll04.json", &["--json", "-j", "3"]);
    assert!(a.status.success(), "{}", stderr(&a));
    assert_eq!(a.stdout, b.stdout);
    let v: serde_json::Value = serde_json::from_slice(&a.stdout).unwrap();
    assert_eq!(v["dataset"], "conll04");
    assert_eq!(v["gazetteer_facts"], "mentioned");
    for key in ["entities", "relations", "relations_text_only"] {
        let f1 = v[key]["overall"]["f1"].as_f64().unwrap();
        assert!((0.0..=1.0).contains(&f1), "{key}");
    }
    assert!(v.get("errors").is_none());
    let none = eval_cli("conll04", "conll04.json", &["--json", "--facts", "none"]);
    let v: serde_json::Value = serde_json::from_slice(&none.stdout).unwrap();
    assert_eq!(v["gazetteer_facts"], "none");
    assert_eq!(v["relations"], v["relations_text_only"]);
}

#[test]
fn eval_rejects_wrong_formats_and_usage() {
    let o = eval_cli("conll03", "conll04.json", &[]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("conll04.json:1:"), "{}", stderr(&o));
    let o = eval_cli("dwie", "conll04.json", &[]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).contains("missing field `title`"),
        "{}",
        stderr(&o)
    );
    let o = eval_cli("conll04", "conll04.json", &["--facts", "all"]);
    assert_eq!(o.status.code(), Some(2));
    let o = relgraph(&["eval", "--help"], None);
    assert!(stdout(&o).contains("Examples:"));
}

#[test]
fn docs_print_the_label_tables_of_the_code() {
    use relgraph::eval::labels::{ENTITY_TABLE, RELATION_TABLE};
    let doc =
        std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/evaluation.md"))
            .unwrap();
    let join = |v: Vec<String>| v.join(", ");
    for r in ENTITY_TABLE {
        let row = format!(
            "| {} | {} | {} | {} |",
            r.dataset,
            r.gold.join(", "),
            r.class,
            join(r.predicted.iter().map(|t| t.to_string()).collect())
        );
        assert!(doc.contains(&row), "docs/evaluation.md lacks {row}");
    }
    for r in RELATION_TABLE {
        let sym = if r.symmetric { " (symmetric)" } else { "" };
        let row = format!(
            "| {} | {} | {} | {}{sym} |",
            r.dataset,
            r.gold.join(", "),
            r.class,
            join(r.predicted.iter().map(|t| t.to_string()).collect())
        );
        assert!(doc.contains(&row), "docs/evaluation.md lacks {row}");
    }
}

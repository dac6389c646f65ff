//! Text helpers: normalisation keys, slugs, case conversion of Phoenix's `ALL_CAPS_UNDERSCORE`
//! names, demonym plurals, and the word lists that drive the ambiguity policy.

use std::collections::HashSet;
use unicode_normalization::UnicodeNormalization;
use unicode_normalization::char::is_combining_mark;

/// Strip diacritics (NFD, drop combining marks), map typographic quotes and dashes to ASCII.
pub fn fold(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.nfd() {
        if is_combining_mark(c) {
            continue;
        }
        let c = match c {
            '\u{2018}' | '\u{2019}' | '\u{02BC}' | '\u{02BB}' | '`' | '\u{00B4}' => '\'',
            '\u{201C}' | '\u{201D}' => '"',
            '\u{2010}' | '\u{2011}' | '\u{2012}' | '\u{2013}' | '\u{2014}' => '-',
            '\u{00A0}' => ' ',
            'ı' => 'i',
            'ł' => 'l',
            'Ł' => 'L',
            'ø' => 'o',
            'Ø' => 'O',
            'đ' => 'd',
            'Đ' => 'D',
            'ß' => 's',
            'æ' => 'a',
            'Æ' => 'A',
            'ð' => 'd',
            'þ' => 't',
            'ʿ' | 'ʾ' => '\'',
            c => c,
        };
        out.push(c);
    }
    out
}

/// Key used to decide that two surfaces name the same thing: folded, lower case, punctuation
/// (hyphens, dots, apostrophes, commas) dropped or turned into spaces, spaces collapsed.
pub fn norm_key(s: &str) -> String {
    let f = fold(s).to_lowercase();
    let mut out = String::with_capacity(f.len());
    let mut space = true;
    for c in f.chars() {
        if c.is_alphanumeric() {
            out.push(c);
            space = false;
        } else if c == '.' || c == '\'' {
            continue;
        } else if !space {
            out.push(' ');
            space = true;
        }
    }
    while out.ends_with(' ') {
        out.pop();
    }
    out
}

/// `[a-z0-9-]+` slug for ids.
pub fn slug(s: &str) -> String {
    let k = norm_key(s);
    let mut out = String::new();
    for c in k.chars() {
        if c.is_ascii_alphanumeric() {
            out.push(c);
        } else if c == ' ' && !out.ends_with('-') {
            out.push('-');
        }
    }
    let out = out.trim_matches('-').to_string();
    // keep ids readable
    if out.len() > 60 {
        let mut cut = out[..60].to_string();
        while cut.ends_with('-') {
            cut.pop();
        }
        return cut;
    }
    out
}

/// True when every letter of `s` is Latin (ASCII or Latin-1/Extended with diacritics).
pub fn is_latin(s: &str) -> bool {
    s.chars().all(|c| {
        !c.is_alphabetic()
            || c.is_ascii_alphabetic()
            || ('\u{00C0}'..='\u{024F}').contains(&c)
            || ('\u{1E00}'..='\u{1EFF}').contains(&c)
    })
}

pub fn collapse_ws(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Upper-case the first letter of each word (and of each hyphen part) of an ALL-CAPS word.
fn cap_word(w: &str) -> String {
    let lower = w.to_lowercase();
    let mut out = String::with_capacity(w.len());
    let mut up = true;
    for c in lower.chars() {
        if up && c.is_alphabetic() {
            out.extend(c.to_uppercase());
            up = false;
        } else {
            out.push(c);
        }
    }
    out
}

const LOWER_PARTICLES: &[&str] = &[
    "of", "the", "and", "for", "in", "on", "at", "to", "de", "da", "di", "del", "della", "dos",
    "das", "do", "du", "des", "van", "von", "der", "den", "la", "le", "y", "bin", "ibn", "bint",
    "ben", "al", "el", "ul",
];

const ROMAN: &[&str] = &[
    "ii", "iii", "iv", "vi", "vii", "viii", "ix", "xi", "xii", "xiii", "xiv", "xv", "xvi",
];

/// Convert a Phoenix/TABARI phrase (`NORTH_KOREA_`, `BAN_KI-MOON`, `ABU_BAKR_AL-BAGHDADI`) to
/// natural case ("North Korea", "Ban Ki-moon", "Abu Bakr al-Baghdadi"). `korean` lower-cases
/// the syllable after a hyphen, as in Korean given names.
pub fn phoenix_case(raw: &str, person: bool, korean: bool) -> String {
    let cleaned: String = raw.replace('_', " ");
    let words: Vec<&str> = cleaned.split_whitespace().collect();
    let mut out: Vec<String> = Vec::new();
    for (i, w) in words.iter().enumerate() {
        let lw = w.to_lowercase();
        let letters: String = w.chars().filter(|c| c.is_alphabetic()).collect();
        // acronyms: no vowel ("FSB", "PKK"), or a parenthesised short form
        let has_vowel = letters
            .chars()
            .any(|c| matches!(c.to_ascii_lowercase(), 'a' | 'e' | 'i' | 'o' | 'u' | 'y'));
        if ROMAN.contains(&lw.as_str()) {
            out.push(w.to_uppercase());
            continue;
        }
        if w.starts_with('(') && w.ends_with(')') && !person {
            out.push(w.to_string());
            continue;
        }
        if !person && (!has_vowel && letters.len() >= 2) {
            out.push(w.to_string());
            continue;
        }
        if i > 0 && LOWER_PARTICLES.contains(&lw.as_str()) {
            out.push(lw);
            continue;
        }
        if w.len() <= 2 && w.ends_with('.') {
            out.push(w.to_string()); // initial "B."
            continue;
        }
        let mut c = String::new();
        for (j, part) in w.split('-').enumerate() {
            if j > 0 {
                c.push('-');
            }
            let lp = part.to_lowercase();
            if j == 0
                && i > 0
                && (lp == "al"
                    || lp == "el"
                    || lp == "ad"
                    || lp == "as"
                    || lp == "ash"
                    || lp == "az"
                    || lp == "ar"
                    || lp == "an"
                    || lp == "at")
                && person
                || j > 0 && korean
            {
                c.push_str(&lp);
            } else {
                let mut s = cap_word(part);
                // McCain, O'Neill, D'Alema
                if s.len() > 3 && s.starts_with("Mc") {
                    s = format!("Mc{}", cap_word(&s[2..]));
                }
                if s.len() > 2 && (s.starts_with("O'") || s.starts_with("D'")) {
                    s = format!("{}{}", &s[..2], cap_word(&s[2..]));
                }
                c.push_str(&s);
            }
        }
        out.push(c);
    }
    out.join(" ")
}

/// Plural people noun for a demonym adjective ("North Korean" -> "North Koreans").
/// Returns None where the adjective doubles as the plural ("Chinese", "Swiss", "French").
pub fn demonym_plural(adj: &str) -> Option<String> {
    const IRREGULAR: &[(&str, &str)] = &[
        ("British", "Britons"),
        ("French", "Frenchmen"),
        ("Dutch", "Dutchmen"),
        ("Irish", "Irishmen"),
        ("Danish", "Danes"),
        ("Swedish", "Swedes"),
        ("Polish", "Poles"),
        ("Finnish", "Finns"),
        ("Turkish", "Turks"),
        ("Spanish", "Spaniards"),
        ("Scottish", "Scots"),
        ("Kurdish", "Kurds"),
        ("Welsh", "Welshmen"),
        ("Luxembourgish", "Luxembourgers"),
        ("Icelandic", "Icelanders"),
        ("Thai", "Thais"),
        ("Lao", "Laotians"),
        ("Swiss", "Swiss"),
        ("Malagasy", "Malagasy"),
        ("New Zealander", "New Zealanders"),
        ("Filipino", "Filipinos"),
        ("Emirati", "Emiratis"),
        ("Kittitian or Nevisian", "Kittitians"),
    ];
    for (a, p) in IRREGULAR {
        if *a == adj {
            return if p == a { None } else { Some(p.to_string()) };
        }
    }
    if adj.ends_with("ese") || adj.ends_with("ss") || adj.ends_with("sh") || adj.ends_with("ch") {
        return None;
    }
    if adj.ends_with('s') || adj.ends_with('x') || adj.ends_with('z') {
        return None;
    }
    Some(format!("{adj}s"))
}

/// The ambiguity lexicon: stop words, common English words and frequent first names.
pub struct Lexicon {
    pub stop: HashSet<String>,
    pub common: HashSet<String>,
}

impl Lexicon {
    pub fn load(stop: &str, common: &str) -> Lexicon {
        let read = |t: &str| -> HashSet<String> {
            t.lines()
                .map(str::trim)
                .filter(|l| !l.is_empty() && !l.starts_with('#'))
                .map(str::to_lowercase)
                .collect()
        };
        Lexicon {
            stop: read(stop),
            common: read(common),
        }
    }

    pub fn is_stop(&self, s: &str) -> bool {
        self.stop.contains(&s.trim().to_lowercase())
    }

    /// Lower-case form is in the common-words list.
    pub fn is_common(&self, s: &str) -> bool {
        let l = s.trim().to_lowercase();
        self.common.contains(&l) || self.stop.contains(&l)
    }
}

/// Words too generic to be an alias on their own, even capitalised.
pub const GENERIC: &[&str] = &[
    "government",
    "army",
    "party",
    "navy",
    "police",
    "military",
    "parliament",
    "congress",
    "senate",
    "assembly",
    "council",
    "ministry",
    "cabinet",
    "court",
    "union",
    "league",
    "front",
    "movement",
    "alliance",
    "bank",
    "agency",
    "committee",
    "commission",
    "forces",
    "force",
    "state",
    "states",
    "republic",
    "kingdom",
    "federation",
    "president",
    "minister",
    "prime minister",
    "the government",
    "the army",
    "the party",
    "the state",
    "the president",
    "security council",
    "national assembly",
    "supreme court",
    "central bank",
    "air force",
    "the military",
    "the police",
    "opposition",
    "rebels",
    "militants",
    "regime",
    "authority",
    "the authority",
    "administration",
    "the administration",
    "office",
    "group",
    "the group",
    "organization",
    "organisation",
    "institute",
    "foundation",
    "association",
    "society",
    "corporation",
    "company",
    "inc",
    "ltd",
    "city",
    "capital",
    "province",
    "region",
    "district",
    "county",
    "island",
    "islands",
    "north",
    "south",
    "east",
    "west",
    "central",
    "northern",
    "southern",
    "eastern",
    "western",
    "people",
    "national",
    "international",
    "world",
    "new",
    "democratic party",
    "labour party",
    "labor party",
    "liberal party",
    "conservative party",
    "socialist party",
    "communist party",
    "green party",
    "people's party",
    "national party",
    "republican party",
    "the greens",
    "greens",
    "liberals",
    "conservatives",
    "socialists",
    "communists",
    "democrats",
    "republicans",
    "independents",
    "independent",
    "others",
    "other",
    "the left",
    "left",
    "right",
    "centre",
    "center",
    "reform",
    "unity",
    "progress",
    "renewal",
    "justice",
    "freedom",
    "liberty",
    "solidarity",
    "democracy",
    "forward",
    "together",
    "hope",
    "change",
    "future",
    "homeland",
    "fatherland",
    "motherland",
    "nation",
    "patriots",
    "the people",
    "conservative",
    "liberal",
    "socialist",
    "communist",
    "democrat",
    "europeans",
    "muslim",
    "muslims",
    "christian",
    "christians",
    "catholic",
    "jewish",
    "arab",
    "arabs",
    "islamic",
    "islam",
    "workers",
    "farmers",
    "women",
    "youth",
    "green",
];

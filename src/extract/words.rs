//! The extractor's word lists (title words, head words, cue words, ...), one file each in
//! `data/lexicon/` (docs/formats.md, "Word lists"), embedded with `include_str!` and split into
//! slices when the crate is compiled: a list costs what a `const` array of words costs, and a
//! file that is not a list of words fails the build. The name guesser puts most of them into
//! its one-lookup class table; the others are scanned where a decision needs them.

/// Where an entry ends and the next line starts, for the line that starts at byte `i` of a word
/// list: `(start, end, next)`, the entry trimmed of ASCII white space, empty for a blank line or
/// a `#` comment.
const fn line(b: &[u8], i: usize) -> (usize, usize, usize) {
    let mut e = i;
    while e < b.len() && b[e] != b'\n' {
        e += 1;
    }
    let next = if e < b.len() { e + 1 } else { e };
    let mut s = i;
    while s < e && b[s].is_ascii_whitespace() {
        s += 1;
    }
    let mut t = e;
    while t > s && b[t - 1].is_ascii_whitespace() {
        t -= 1;
    }
    if s < t && b[s] == b'#' {
        t = s;
    }
    (s, t, next)
}

/// The number of entries of a word list: its lines that are neither blank nor comments.
pub const fn count(text: &str) -> usize {
    let b = text.as_bytes();
    let (mut i, mut n) = (0, 0);
    while i < b.len() {
        let (s, t, next) = line(b, i);
        if s < t {
            n += 1;
        }
        i = next;
    }
    n
}

/// The `N` entries of a word list, in file order ([`count`] gives `N`).
pub const fn entries<const N: usize>(text: &str) -> [&str; N] {
    let b = text.as_bytes();
    let mut out = [""; N];
    let (mut i, mut n) = (0, 0);
    while i < b.len() {
        let (s, t, next) = line(b, i);
        if s < t {
            let (entry, _) = b.split_at(t).0.split_at(s).1.split_at(t - s);
            out[n] = match core::str::from_utf8(entry) {
                Ok(w) => w,
                Err(_) => panic!("a word list entry is not UTF-8"),
            };
            n += 1;
        }
        i = next;
    }
    out
}

/// Two-word phrases split at their space (`drew with` is `("drew", "with")`); `N` is the
/// length of `list`.
const fn pairs<const N: usize>(list: &[&'static str]) -> [(&'static str, &'static str); N] {
    assert!(list.len() == N);
    let mut out = [("", ""); N];
    let mut k = 0;
    while k < N {
        let b = list[k].as_bytes();
        let mut sp = 0;
        while sp < b.len() && b[sp] != b' ' {
            sp += 1;
        }
        if sp == 0 || sp + 1 >= b.len() {
            panic!("a phrase of two words expected");
        }
        let (a, rest) = b.split_at(sp);
        let (_, c) = rest.split_at(1);
        out[k] = match (core::str::from_utf8(a), core::str::from_utf8(c)) {
            (Ok(a), Ok(c)) => (a, c),
            _ => panic!("a word list entry is not UTF-8"),
        };
        k += 1;
    }
    out
}

/// What the entries of a list are.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// Single folded words (no spaces), looked up word by word.
    Words,
    /// Folded phrases: words separated by one space.
    Phrases,
}

/// A word list and the file it comes from.
#[derive(Debug, Clone, Copy)]
pub struct WordList {
    /// The file name in `data/lexicon/`.
    pub file: &'static str,
    pub words: &'static [&'static str],
    pub kind: Kind,
}

/// Declares each list as a `&[&str]` constant embedded from its file in `data/lexicon/`, and
/// [`LISTS`] with all of them.
macro_rules! word_lists {
    ($($(#[$doc:meta])* $name:ident = $file:literal, $kind:ident;)*) => {
        $(
            $(#[$doc])*
            pub(crate) const $name: &[&str] = {
                const TEXT: &str = include_str!(concat!(
                    env!("CARGO_MANIFEST_DIR"),
                    "/data/lexicon/",
                    $file
                ));
                const LIST: [&str; count(TEXT)] = entries(TEXT);
                &LIST
            };
        )*
        /// Every word list of this module with its file (for tests of the files' invariants).
        pub const LISTS: &[WordList] = &[
            $(WordList { file: $file, words: $name, kind: Kind::$kind },)*
        ];
    };
}

word_lists! {
    // The name guesser (`guess`).
    /// Last words of organization names.
    ORG_HEADS = "org-heads.txt", Words;
    /// Legal forms that end a company's name (`Acme Inc`, `Zorvan AG`).
    LEGAL_SUFFIXES = "legal-suffixes.txt", Words;
    /// Words that begin an organization name followed by `of`/`for` (`Ministry of Health`).
    ORG_FIRST = "org-first-words.txt", Words;
    /// Last words of place names.
    LOC_HEADS = "place-heads.txt", Words;
    /// Capitalised titles and honorifics that precede a person's name inside a run.
    TITLE_WORDS = "title-words.txt", Words;
    /// Title words that also name a ministry's portfolio (`Interior Ministry`).
    PORTFOLIOS = "portfolios.txt", Words;
    /// Lower-case words right before a name that make it a person (`coach Jan Novak`).
    PERSON_CUES = "person-cues.txt", Words;
    /// Verbs of saying right after a person's name (`Jan Novak said`), or right before it.
    SAY_VERBS = "say-verbs.txt", Words;
    /// Role nouns of an apposition after a person's name (`Jan Novak, a spokesman for ...`).
    APPOSITION_ROLES = "apposition-roles.txt", Words;
    /// Head words of the names of state organs (`Interior Ministry`, `Supreme Court`).
    ORGAN_HEADS = "organ-heads.txt", Words;
    /// Lower-case nouns after which an unknown name is an organization's (`the news agency Tanjug`,
    /// `carmaker Zelvo`, `the daily Gazeta Nova`).
    ORG_CUES = "org-cues.txt", Words;
    /// Lower-case nouns after which an unknown name is an organization's (`the FAA spokesman`,
    /// `Zeltrax employees`).
    ORG_STAFF_WORDS = "org-staff-words.txt", Words;
    /// Lower-case words that may stand between a town and its state (`Kleinstadt, northern
    /// Ruritania`).
    COMPASS_WORDS = "compass-words.txt", Words;
    /// Prepositions after which an unknown name is a place.
    LOCATIVES = "locatives.txt", Words;
    /// Lower-case words that may join the capitalised words of one name.
    CONNECTORS = "name-connectors.txt", Words;
    /// Lower-case particles inside person names (`Ursula von der Leyen`).
    NAME_PARTICLES = "name-particles.txt", Words;
    /// Capitalised words that never start or make a name, besides month and day names
    /// ([`CALENDAR_WORDS`]).
    NOT_NAMES = "not-names.txt", Words;
    /// Capitalised words after a region's name that belong to it (`Kanchanaburi Province`).
    REGION_HEADS = "region-heads.txt", Words;
    /// Head words of military units, which may be named by an ordinal (`6th Fleet`).
    MILITARY_UNITS = "military-units.txt", Words;
    /// Holidays, faiths and names of God, which the surname set may hold (`Islam`) but which name
    /// no person here.
    HOLIDAYS = "holidays.txt", Words;
    /// Nouns after which a one-word name is a company's, a product's or a place's, not a person's
    /// (`Novak shares`, `the Novak plant`).
    NOT_PERSON_NOUNS = "not-person-nouns.txt", Words;
    /// Nouns for places that name one with `of` (`the town of Kleinstadt`).
    PLACE_NOUNS = "place-nouns.txt", Words;
    /// Roles held in an organization, named before `of` (`chairman of ...`).
    ORG_ROLES = "org-roles.txt", Words;
    /// Roles held in a place, named before `of` (`mayor of ...`).
    PLACE_ROLES = "place-roles.txt", Words;
    /// Nouns before `of` whose object is a person (`the assassination of ...`, `widow of ...`).
    PERSON_OF = "person-of-nouns.txt", Words;
    /// Events of a person's life told right after the name (`Jan Novak was born in`, `Novak died`).
    LIFE_EVENTS = "life-events.txt", Phrases;
    /// Nouns after a possessive that only people have (`Novak's widow`, `Novak's assassin`).
    KIN_NOUNS = "kin-nouns.txt", Words;
    // Resolution and coreference (`resolve`).
    /// Words after which a metonym's place reading wins (`in Moscow`, `visited Pyongyang`).
    PLACE_READING_WORDS = "place-reading-words.txt", Words;
    /// Suffixes after which a metonym's place reading wins (`London-based`).
    PLACE_SUFFIXES = "place-suffixes.txt", Words;
    /// Name particles and generations, which are no short form of a name (`de`, `bin`, `Jr`);
    /// a capitalised particle right before a surname joins it (`De Brantse`).
    SURNAME_PARTICLES = "surname-particles.txt", Words;
    /// Name words that are also month or day names never serve as short forms ("May" after
    /// "Theresa May" would otherwise swallow the month). Common first names do ("Kim" after
    /// "Kim Jong Un"): a short form needs the full name earlier in the same document.
    CALENDAR_WORDS = "calendar-words.txt", Words;
    // Places as teams (`teams`).
    /// Verbs and prepositions of a result between two sides.
    RESULT_WORDS = "result-words.txt", Words;
    /// Sports roles and groups written after a team's name.
    TEAM_ROLES = "team-roles.txt", Words;
    /// Words before a place that show it is the place (`in Leeds`, `at Chester`).
    PLACE_WORDS = "place-words.txt", Words;
    /// Month abbreviations that make `26 Apr 94` a date, not a score (the full month names are
    /// the first twelve of [`CALENDAR_WORDS`]).
    MONTH_ABBREVIATIONS = "month-abbreviations.txt", Words;
    /// Places that are no states but field national sides (`England captain`), folded: like
    /// states, they stay places.
    NATIONAL_SIDES = "national-sides.txt", Phrases;
    /// Words only sports reports use: a score after a name counts as a team's only in a document
    /// that has one (tables of regions or states with figures are no standings).
    SPORTS_WORDS = "sports-words.txt", Words;
    /// Result phrases of two words between two sides (`drew with`, `lost to`); see
    /// [`RESULT_PAIRS`].
    RESULT_PHRASES = "result-phrases.txt", Phrases;
}

/// [`RESULT_PHRASES`] as pairs of words.
pub(crate) const RESULT_PAIRS: &[(&str, &str)] = {
    const PAIRS: [(&str, &str); RESULT_PHRASES.len()] = pairs(RESULT_PHRASES);
    &PAIRS
};

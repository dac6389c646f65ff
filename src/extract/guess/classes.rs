//! Word classes: the word lists of `data/lexicon/` as bits of one table (one hash lookup
//! answers every list), first names, common words, and what a name's head word says.

use crate::extract::words::{
    APPOSITION_ROLES, CALENDAR_WORDS, COMPASS_WORDS, CONNECTORS, LOC_HEADS, LOCATIVES,
    NAME_PARTICLES, NOT_NAMES, ORG_CUES, ORG_FIRST, ORG_HEADS, ORG_STAFF_WORDS, ORGAN_HEADS,
    PERSON_CUES, PORTFOLIOS, SAY_VERBS, TITLE_WORDS,
};
use crate::gazetteer::lexicon::{common_words, stop_words};
use crate::text::wordtable::WordTable;
use rustc_hash::{FxHashMap, FxHashSet};
use std::sync::OnceLock;

const FIRST_NAMES: &str = include_str!("../../../data/lexicon/first-names.txt");

/// Lower-case first names (`data/lexicon/first-names.txt`).
pub fn first_names() -> &'static FxHashSet<&'static str> {
    static SET: OnceLock<FxHashSet<&'static str>> = OnceLock::new();
    SET.get_or_init(|| {
        FIRST_NAMES
            .lines()
            .map(str::trim)
            .filter(|l| !l.is_empty() && !l.starts_with('#'))
            .collect()
    })
}

/// Whether a guessed organization name names a state organ: its head word (`Supreme Court`),
/// or a leading `Ministry of ...`.
pub fn is_organ_name(name: &str) -> bool {
    let mut words = name.split_whitespace();
    let first = words.next().unwrap_or("").to_lowercase();
    let last = name
        .split_whitespace()
        .next_back()
        .unwrap_or("")
        .to_lowercase();
    has(last.as_str(), ORGAN) || (has(first.as_str(), ORGAN) && name.contains(" of "))
}

/// Whether a folded word is one of [`CONNECTORS`] (all of three bytes or fewer, so most words
/// are answered by their length).
#[inline]
pub(super) fn is_connector(w: &str) -> bool {
    w.len() <= 3 && CONNECTORS.contains(&w)
}

// Word classes of the lists above, as bits of one table (one hash lookup per word).
pub(super) const ORG_HEAD: u32 = 1 << 0;

pub(super) const ORG_FIRST_W: u32 = 1 << 1;

pub(super) const LOC_HEAD: u32 = 1 << 2;

pub(super) const TITLE: u32 = 1 << 3;

pub(super) const PERSON_CUE: u32 = 1 << 4;

pub(super) const SAY: u32 = 1 << 5;

pub(super) const APPOS: u32 = 1 << 6;

const CONNECTOR: u32 = 1 << 7;

pub(super) const PARTICLE: u32 = 1 << 8;

pub(super) const NOT_NAME: u32 = 1 << 9;

pub(super) const PORTFOLIO: u32 = 1 << 10;

pub(super) const LOCATIVE: u32 = 1 << 11;

const ORGAN: u32 = 1 << 12;

/// A stop word ([`crate::gazetteer::lexicon::is_stop_word`]).
pub(super) const STOP: u32 = 1 << 13;

/// A first name ([`first_names`]).
pub(super) const FIRST: u32 = 1 << 14;

/// A compass word ([`COMPASS_WORDS`]).
pub(super) const COMPASS: u32 = 1 << 15;

/// A noun that introduces an organization's name ([`ORG_CUES`]).
pub(super) const ORG_CUE: u32 = 1 << 16;

/// A noun for an organization's people or seat ([`ORG_STAFF_WORDS`]).
pub(super) const ORG_STAFF: u32 = 1 << 17;

/// Whether the folded word is a common English word
/// ([`crate::gazetteer::lexicon::is_common_word`]). Kept out of [`classes`]: the list is ten
/// times longer than all the others together, and it is only asked about a few words of a run,
/// so the class table stays small enough to stay in cache.
pub(super) fn is_common(w: &str) -> bool {
    static TABLE: OnceLock<WordTable<()>> = OnceLock::new();
    TABLE
        .get_or_init(|| {
            let mut words: Vec<&[u8]> = common_words().iter().map(|w| w.as_bytes()).collect();
            words.sort_unstable();
            WordTable::new(words.into_iter().map(|w| (w, ())))
        })
        .lookup(w)
        .is_some()
}

/// The classes (bits) of a folded word: one hash lookup answers every word list.
pub(super) fn classes(w: &str) -> u32 {
    static TABLE: OnceLock<WordTable<u32>> = OnceLock::new();
    let t = TABLE.get_or_init(|| {
        let mut t: FxHashMap<&'static str, u32> = FxHashMap::default();
        for (list, bit) in [
            (ORG_HEADS, ORG_HEAD),
            (ORG_FIRST, ORG_FIRST_W),
            (LOC_HEADS, LOC_HEAD),
            (TITLE_WORDS, TITLE),
            (PERSON_CUES, PERSON_CUE),
            (SAY_VERBS, SAY),
            (APPOSITION_ROLES, APPOS),
            (CONNECTORS, CONNECTOR),
            (NAME_PARTICLES, PARTICLE),
            (NOT_NAMES, NOT_NAME),
            (CALENDAR_WORDS, NOT_NAME),
            (PORTFOLIOS, PORTFOLIO),
            (LOCATIVES, LOCATIVE),
            (ORGAN_HEADS, ORGAN),
            (COMPASS_WORDS, COMPASS),
            (ORG_CUES, ORG_CUE),
            (ORG_STAFF_WORDS, ORG_STAFF),
        ] {
            for w in list {
                *t.entry(w).or_default() |= bit;
            }
        }
        for (set, bit) in [(stop_words(), STOP), (first_names(), FIRST)] {
            for w in set {
                *t.entry(w).or_default() |= bit;
            }
        }
        let mut entries: Vec<(&[u8], u32)> =
            t.into_iter().map(|(w, c)| (w.as_bytes(), c)).collect();
        entries.sort_unstable();
        WordTable::new(entries.into_iter())
    });
    t.lookup(w).unwrap_or(0)
}

#[inline]
pub(super) fn has(w: &str, class: u32) -> bool {
    classes(w) & class != 0
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn connectors_are_short() {
        // `is_connector` answers longer words by their length alone.
        for c in CONNECTORS {
            assert!(c.len() <= 3 && is_connector(c), "{c}");
        }
        assert!(!is_connector("ofx") && !is_connector("party"));
    }

    #[test]
    fn first_names_load() {
        assert!(has("jane", FIRST) && !has("the", FIRST));
        assert!(first_names().contains("jane"));
    }
}

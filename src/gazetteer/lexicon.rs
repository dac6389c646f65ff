//! Word lists embedded from `data/lexicon/`: stop words (never aliases) and common words or first
//! names (surfaces that match only with their exact capitalisation).

use rustc_hash::FxHashSet as HashSet;
use std::sync::OnceLock;

const STOP_WORDS: &str = include_str!("../../data/lexicon/stop-words.txt");
const COMMON_WORDS: &str = include_str!("../../data/lexicon/common-words.txt");

fn parse(list: &str) -> HashSet<&str> {
    list.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .collect()
}

/// Generations written after a surname, folded (`Jr.`, `III`).
pub const GENERATIONS: &[&str] = &["jr", "sr", "ii", "iii", "iv"];

/// English function words.
pub fn stop_words() -> &'static HashSet<&'static str> {
    static SET: OnceLock<HashSet<&'static str>> = OnceLock::new();
    SET.get_or_init(|| parse(STOP_WORDS))
}

/// Common English words and frequent first names.
pub fn common_words() -> &'static HashSet<&'static str> {
    static SET: OnceLock<HashSet<&'static str>> = OnceLock::new();
    SET.get_or_init(|| parse(COMMON_WORDS))
}

/// Whether the folded (lower-case) surface is a stop word.
pub fn is_stop_word(folded: &str) -> bool {
    stop_words().contains(folded)
}

/// Whether the folded surface is a common word or first name.
pub fn is_common_word(folded: &str) -> bool {
    common_words().contains(folded)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lists_are_lower_case_and_unique_words() {
        for list in [STOP_WORDS, COMMON_WORDS] {
            let mut seen = HashSet::default();
            for l in list
                .lines()
                .filter(|l| !l.starts_with('#') && !l.is_empty())
            {
                assert_eq!(l, l.trim(), "stray space in {l:?}");
                assert_eq!(l, l.to_lowercase(), "not lower case: {l:?}");
                assert!(seen.insert(l), "duplicate {l:?}");
            }
        }
        assert!(is_stop_word("the") && is_common_word("may") && !is_common_word("korea"));
    }
}

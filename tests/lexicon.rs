//! The word lists of `data/lexicon/` (docs/formats.md, "Word lists"): every file parses, has a
//! header, holds folded entries without duplicates, and each list the extractor embeds
//! (`relgraph::extract::words::LISTS`) is exactly its file.

use relgraph::extract::words::{Kind, LISTS};
use relgraph::text::normalize::Folded;
use std::collections::HashSet;
use std::path::PathBuf;

/// The lists the gazetteer side reads as sets (src/gazetteer/lexicon.rs, src/extract/guess/,
/// data/generator): no `LISTS` entry, same invariants.
const SETS: &[&str] = &["common-words.txt", "first-names.txt", "stop-words.txt"];

fn dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("data/lexicon")
}

/// The entries of a list file as the extractor reads them: lines trimmed, blank lines and `#`
/// comments left out.
fn entries(text: &str) -> Vec<&str> {
    text.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .collect()
}

fn read(file: &str) -> String {
    std::fs::read_to_string(dir().join(file)).unwrap_or_else(|e| panic!("{file}: {e}"))
}

#[test]
fn every_file_is_a_known_list() {
    let mut files: Vec<String> = std::fs::read_dir(dir())
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .collect();
    files.sort();
    let known: HashSet<&str> = LISTS
        .iter()
        .map(|l| l.file)
        .chain(SETS.iter().copied())
        .collect();
    for f in &files {
        assert!(f.ends_with(".txt"), "{f}: not a .txt word list");
        assert!(known.contains(f.as_str()), "{f}: no list reads it");
    }
    assert_eq!(known.len(), files.len(), "a list without its file");
    let mut seen = HashSet::new();
    for l in LISTS {
        assert!(seen.insert(l.file), "{}: declared twice", l.file);
    }
}

#[test]
fn embedded_lists_are_their_files() {
    for l in LISTS {
        let text = read(l.file);
        assert_eq!(entries(&text), l.words, "{}", l.file);
        assert!(!l.words.is_empty(), "{}: empty", l.file);
    }
}

#[test]
fn files_have_a_header_and_folded_unique_entries() {
    for file in LISTS.iter().map(|l| l.file).chain(SETS.iter().copied()) {
        let text = read(file);
        assert!(text.starts_with("# "), "{file}: no `#` header line");
        assert!(text.ends_with('\n'), "{file}: no final line break");
        let mut seen = HashSet::new();
        for (no, line) in text.lines().enumerate() {
            let at = format!("{file}:{}", no + 1);
            if line.starts_with('#') {
                continue;
            }
            assert!(!line.is_empty(), "{at}: blank line");
            assert_eq!(line, line.trim(), "{at}: stray white space");
            assert_eq!(
                Folded::new(line).text,
                line,
                "{at}: not folded (lower case)"
            );
            assert!(seen.insert(line), "{at}: duplicate {line:?}");
        }
    }
}

#[test]
fn words_are_words_and_phrases_are_phrases() {
    for l in LISTS {
        for w in l.words {
            match l.kind {
                Kind::Words => assert!(!w.contains(' '), "{}: {w:?} is no word", l.file),
                Kind::Phrases => assert!(
                    w.split(' ').all(|p| !p.is_empty()),
                    "{}: {w:?} is no phrase",
                    l.file
                ),
            }
        }
    }
    let phrases = LISTS
        .iter()
        .find(|l| l.file == "result-phrases.txt")
        .unwrap();
    for p in phrases.words {
        assert_eq!(p.split(' ').count(), 2, "result-phrases.txt: {p:?}");
    }
}

#[test]
fn calendar_words_start_with_the_months() {
    // teams.rs reads the first twelve entries as the months.
    let l = LISTS
        .iter()
        .find(|l| l.file == "calendar-words.txt")
        .unwrap();
    assert_eq!(
        &l.words[..12],
        [
            "january",
            "february",
            "march",
            "april",
            "may",
            "june",
            "july",
            "august",
            "september",
            "october",
            "november",
            "december"
        ]
    );
}

#[test]
fn connectors_are_short() {
    // The name guesser answers words longer than three bytes by their length alone.
    let l = LISTS
        .iter()
        .find(|l| l.file == "name-connectors.txt")
        .unwrap();
    assert!(l.words.iter().all(|w| w.len() <= 3), "{:?}", l.words);
}

#[test]
fn cue_words_hold_every_list() {
    let cues: HashSet<&str> = relgraph::extract::cue_words().into_iter().collect();
    for l in LISTS.iter().filter(|l| l.file != "result-phrases.txt") {
        for w in l.words {
            assert!(cues.contains(w), "{}: {w:?} is no cue word", l.file);
        }
    }
}

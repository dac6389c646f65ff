//! What the stages of the name guesser share: the items of a run, the document context, the
//! guesses collected, and small text helpers.

use super::classes::{NOT_NAME, PARTICLE, STOP, classes, has, is_common};
use crate::doc::{DocResult, EntityRef, Mention};
use crate::extract::resolve::last_word;
use crate::gazetteer::Gazetteer;
use crate::text::normalize::Folded;
use crate::types::{EntityType, RelationType};

/// One item of a capitalised run: a word or a gazetteer mention (original and folded spans).
#[derive(Debug, Clone, Copy)]
pub(super) struct Item {
    pub(super) s: usize,
    pub(super) e: usize,
    pub(super) fs: usize,
    pub(super) fe: usize,
    /// Index of the gazetteer mention, or `u32::MAX` for a word.
    pub(super) mention: u32,
    /// A lower-case connector (`of`, `and`, `von`).
    pub(super) connector: bool,
    /// Written entirely in capitals (an acronym or a headline word).
    pub(super) caps: bool,
    /// The word's classes (0 for a mention), looked up once.
    pub(super) cls: u32,
}

impl Item {
    /// The word at folded `start..end` (`word` is its folded text).
    pub(super) fn word(
        folded: &Folded,
        original: &str,
        start: usize,
        end: usize,
        word: &str,
        connector: bool,
    ) -> Item {
        let (s, e) = folded.orig_span(start, end, original);
        let written = &original[s..e];
        // Two or more letters, none lower case (a lower-case word is never `caps`).
        let caps = if written.is_ascii() {
            let w = written.as_bytes();
            w.iter().filter(|b| b.is_ascii_alphabetic()).count() >= 2
                && !w.iter().any(u8::is_ascii_lowercase)
        } else {
            written.chars().filter(|c| c.is_alphabetic()).count() >= 2
                && !written.chars().any(char::is_lowercase)
        };
        Item {
            s,
            e,
            fs: start,
            fe: end,
            mention: u32::MAX,
            connector,
            caps,
            cls: classes(word),
        }
    }

    pub(super) fn is_word(&self) -> bool {
        self.mention == u32::MAX && !self.connector
    }

    #[inline]
    pub(super) fn has(&self, class: u32) -> bool {
        self.cls & class != 0
    }
}

/// Buffers reused from one document to the next.
#[derive(Default)]
pub struct GuessScratch {
    pub(super) items: Vec<Item>,
    /// Runs (item ranges) left unclassified, for the second pass.
    pub(super) pending: Vec<(usize, usize)>,
    pub(super) all_items: Vec<Item>,
}

/// What the guesser adds to the document.
#[derive(Default)]
pub(super) struct Out {
    pub(super) mentions: Vec<Mention>,
    /// Gazetteer mentions that became part of a guessed organization's name.
    pub(super) absorbed: Vec<usize>,
    /// Relations implied by names: (organization, based_in/part_of, place or organization).
    pub(super) relations: Vec<(EntityRef, RelationType, EntityRef)>,
}

/// A guess: item range, type, confidence.
pub(super) struct Guess {
    pub(super) lo: usize,
    pub(super) hi: usize,
    pub(super) etype: EntityType,
    pub(super) confidence: f32,
}

pub(super) struct Ctx<'t> {
    pub(super) g: &'t Gazetteer,
    pub(super) original: &'t str,
    pub(super) folded: &'t Folded,
    /// Whether the document reads like a sports report (`teams::sporty`), once asked.
    pub(super) sporty: &'t std::cell::OnceCell<bool>,
}

impl<'t> Ctx<'t> {
    pub(super) fn fword(&self, it: &Item) -> &'t str {
        &self.folded.text[it.fs..it.fe]
    }

    /// Whether the item is a word (or connector) that is a common English word.
    pub(super) fn common(&self, it: &Item) -> bool {
        it.mention == u32::MAX && is_common(self.fword(it))
    }

    /// The folded word before folded offset `at` (empty at punctuation or the start).
    pub(super) fn word_before(&self, at: usize) -> &'t str {
        crate::extract::resolve::word_before(&self.folded.text, at)
    }

    /// The folded offset where `t`, a slice of the folded text, starts.
    pub(super) fn offset_in_folded(&self, t: &str) -> usize {
        t.as_ptr() as usize - self.folded.text.as_ptr() as usize
    }

    /// The next non-space folded text after `at`.
    pub(super) fn after(&self, at: usize) -> &'t str {
        self.folded.text[at..].trim_start()
    }

    /// Whether the text before original offset `s` ends with what may be the first part of a
    /// longer name: a capitalised word (`Tomas Brandt`), an initial (`A. Brandt`), a name
    /// particle (`de Silva`), or a closing quote or parenthesis (`(Tom) Harkwell`), or `of` after
    /// a capitalised word (`Nation of Islam`). A capitalised common or stop word is no name
    /// part (`Evaluating Novak's visit`, `The Novak case`). `s` and `fs` are the original and
    /// folded offsets of the same place.
    pub(super) fn name_part_before(&self, s: usize, fs: usize) -> bool {
        let head = self.original[..s].trim_end();
        let Some(c) = head.chars().next_back() else {
            return false;
        };
        if matches!(c, '"' | ')' | '\'' | '’' | '”') {
            return true;
        }
        if c == '.' {
            let w = last_word(&head[..head.len() - 1]);
            return w.len() == 1 && w.bytes().all(|b| b.is_ascii_uppercase());
        }
        if !c.is_alphanumeric() {
            return false;
        }
        let w = last_word(head);
        // The same word, folded (lower case).
        let fw = self.word_before(fs);
        if has(fw, PARTICLE)
            || (w.chars().next().is_some_and(char::is_uppercase)
                && !is_common(fw)
                && !has(fw, STOP | NOT_NAME))
        {
            return true;
        }
        w == "of"
            && last_word(head[..head.len() - 2].trim_end_matches(' '))
                .chars()
                .next()
                .is_some_and(char::is_uppercase)
    }

    /// Whether the capitalised word at original offset `s` starts a sentence or a line.
    pub(super) fn sentence_initial(&self, s: usize) -> bool {
        let head = &self.original[..s];
        let trimmed = head.trim_end_matches([' ', '\t']);
        match trimmed.chars().next_back() {
            None => true,
            Some(c) => !(c.is_alphanumeric() || c == ',' || c == ';' || c == '&'),
        }
    }
}

pub(super) fn first_word_end(text: &str) -> usize {
    text.find(|c: char| !c.is_alphanumeric() && c != '-')
        .unwrap_or(text.len())
}

pub(super) fn starts_with_word(text: &str, class: u32) -> bool {
    has(&text[..first_word_end(text)], class)
}

/// Whether `text` starts with one of `words` as a whole word.
pub(super) fn starts_with_any(text: &str, words: &[&str]) -> bool {
    let w = &text[..first_word_end(text)];
    words.contains(&w)
}

/// The mention starting at folded offset `at`, if any.
pub(super) fn mention_starting<'r>(res: &'r DocResult, at: usize) -> Option<&'r Mention> {
    let i = res.mentions.partition_point(|m| m.fstart < at);
    res.mentions.get(i).filter(|m| m.fstart == at)
}

/// Spans of mentions, for "does anything already cover this span" in logarithmic time.
#[derive(Default)]
pub(super) struct SpanIndex {
    /// (start, serial) -> end.
    pub(super) spans: std::collections::BTreeMap<(usize, u32), usize>,
    /// The longest span: a span overlapping `s..e` starts after `s - longest`.
    pub(super) longest: usize,
    pub(super) serial: u32,
}

impl SpanIndex {
    pub(super) fn insert(&mut self, start: usize, end: usize) {
        self.spans.insert((start, self.serial), end);
        self.serial += 1;
        self.longest = self.longest.max(end.saturating_sub(start));
    }

    /// Whether a span overlaps `start..end`.
    pub(super) fn overlaps(&self, start: usize, end: usize) -> bool {
        let from = start.saturating_sub(self.longest);
        self.spans
            .range((from, 0)..(end, 0))
            .any(|(&(s, _), &e)| s < end && start < e)
    }
}

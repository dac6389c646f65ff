//! Guessed entities: names the gazetteer does not know, recognised from news grammar
//! (docs/formats.md, "Guessed entities").
//!
//! Only runs of capitalised words that no gazetteer mention covers are looked at, so the cost
//! grows with the number of unknown capitalised words, not with the text. A run is split and
//! classified by its words and its context:
//!
//! * **organizations** by a head word or suffix (`... Council`, `... Party`, `Ministry of ...`,
//!   `... Inc.`), and by an acronym defined in the text (`the Islamic Front (IF)`) whose letters
//!   are the initials of the words before it. Place mentions inside such a name become part of it,
//!   and the organization is `based_in` the place (`the Ruritanian Academy of Arts`).
//! * **persons** after a title or role word (`Secretary Jane Doe`, `coach Jan Novak`), from a
//!   first-name list (`data/lexicon/first-names.txt`), or from the context of two or three
//!   capitalised words (`Jan Novak said`, `Jan Novak, a spokesman for ...`, `Jan Novak, who`).
//! * **locations** after a locative preposition (`in Kleinstadt`) or with a geographic head word
//!   (`the Oder River`).
//!
//! A name guessed once is recognised wherever it recurs in the document, and an acronym defined
//! in parentheses becomes a mention of the entity before it, also later on. Guessed entities
//! get document-independent ids from their type and normalised name (`person:guess:jane-doe`),
//! a confidence below any gazetteer match, and mentions of kind `guessed`; later short forms of
//! guessed people resolve in `resolve::coreference`.

use super::resolve::last_word;
use super::words::{
    APPOSITION_ROLES, CALENDAR_WORDS, COMPASS_WORDS, CONNECTORS, HOLIDAYS, KIN_NOUNS,
    LEGAL_SUFFIXES, LIFE_EVENTS, LOC_HEADS, LOCATIVES, MILITARY_UNITS, NAME_PARTICLES, NOT_NAMES,
    NOT_PERSON_NOUNS, ORG_CUES, ORG_FIRST, ORG_HEADS, ORG_ROLES, ORG_STAFF_WORDS, ORGAN_HEADS,
    PERSON_CUES, PERSON_OF, PLACE_NOUNS, PLACE_ROLES, PORTFOLIOS, REGION_HEADS, SAY_VERBS,
    TITLE_WORDS,
};
use crate::doc::{DocResult, EntityRef, Found, GuessedEntity, Mention, RuleRef};
use crate::gazetteer::Gazetteer;
use crate::gazetteer::lexicon::{GENERATIONS, common_words, stop_words};
use crate::text::normalize::Folded;
use crate::text::wordtable::WordTable;
use crate::types::{EntityType, MentionKind, Origin, RelationType};
use rustc_hash::{FxHashMap, FxHashSet};
use std::sync::OnceLock;

const FIRST_NAMES: &str = include_str!("../../data/lexicon/first-names.txt");

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
fn is_connector(w: &str) -> bool {
    w.len() <= 3 && CONNECTORS.contains(&w)
}

// Word classes of the lists above, as bits of one table (one hash lookup per word).
const ORG_HEAD: u32 = 1 << 0;
const ORG_FIRST_W: u32 = 1 << 1;
const LOC_HEAD: u32 = 1 << 2;
const TITLE: u32 = 1 << 3;
const PERSON_CUE: u32 = 1 << 4;
const SAY: u32 = 1 << 5;
const APPOS: u32 = 1 << 6;
const CONNECTOR: u32 = 1 << 7;
const PARTICLE: u32 = 1 << 8;
const NOT_NAME: u32 = 1 << 9;
const PORTFOLIO: u32 = 1 << 10;
const LOCATIVE: u32 = 1 << 11;
const ORGAN: u32 = 1 << 12;
/// A stop word ([`is_stop_word`]).
const STOP: u32 = 1 << 13;
/// A first name ([`first_names`]).
const FIRST: u32 = 1 << 14;
/// A compass word ([`COMPASS_WORDS`]).
const COMPASS: u32 = 1 << 15;
/// A noun that introduces an organization's name ([`ORG_CUES`]).
const ORG_CUE: u32 = 1 << 16;
/// A noun for an organization's people or seat ([`ORG_STAFF_WORDS`]).
const ORG_STAFF: u32 = 1 << 17;
/// Whether the folded word is a common English word
/// ([`crate::gazetteer::lexicon::is_common_word`]). Kept out of [`classes`]: the list is ten
/// times longer than all the others together, and it is only asked about a few words of a run,
/// so the class table stays small enough to stay in cache.
fn is_common(w: &str) -> bool {
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
fn classes(w: &str) -> u32 {
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
fn has(w: &str, class: u32) -> bool {
    classes(w) & class != 0
}

/// One item of a capitalised run: a word or a gazetteer mention (original and folded spans).
#[derive(Debug, Clone, Copy)]
struct Item {
    s: usize,
    e: usize,
    fs: usize,
    fe: usize,
    /// Index of the gazetteer mention, or `u32::MAX` for a word.
    mention: u32,
    /// A lower-case connector (`of`, `and`, `von`).
    connector: bool,
    /// Written entirely in capitals (an acronym or a headline word).
    caps: bool,
    /// The word's classes (0 for a mention), looked up once.
    cls: u32,
}

impl Item {
    /// The word at folded `start..end` (`word` is its folded text).
    fn word(
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

    fn is_word(&self) -> bool {
        self.mention == u32::MAX && !self.connector
    }

    #[inline]
    fn has(&self, class: u32) -> bool {
        self.cls & class != 0
    }
}

/// Buffers reused from one document to the next.
#[derive(Default)]
pub struct GuessScratch {
    items: Vec<Item>,
    /// Runs (item ranges) left unclassified, for the second pass.
    pending: Vec<(usize, usize)>,
    all_items: Vec<Item>,
}

/// What the guesser adds to the document.
#[derive(Default)]
struct Out {
    mentions: Vec<Mention>,
    /// Gazetteer mentions that became part of a guessed organization's name.
    absorbed: Vec<usize>,
    /// Relations implied by names: (organization, based_in/part_of, place or organization).
    relations: Vec<(EntityRef, RelationType, EntityRef)>,
}

/// A guess: item range, type, confidence.
struct Guess {
    lo: usize,
    hi: usize,
    etype: EntityType,
    confidence: f32,
}

struct Ctx<'t> {
    g: &'t Gazetteer,
    original: &'t str,
    folded: &'t Folded,
    /// Whether the document reads like a sports report (`teams::sporty`), once asked.
    sporty: &'t std::cell::OnceCell<bool>,
}

impl<'t> Ctx<'t> {
    fn fword(&self, it: &Item) -> &'t str {
        &self.folded.text[it.fs..it.fe]
    }

    /// Whether the item is a word (or connector) that is a common English word.
    fn common(&self, it: &Item) -> bool {
        it.mention == u32::MAX && is_common(self.fword(it))
    }

    /// The folded word before folded offset `at` (empty at punctuation or the start).
    fn word_before(&self, at: usize) -> &'t str {
        super::resolve::word_before(&self.folded.text, at)
    }

    /// The folded offset where `t`, a slice of the folded text, starts.
    fn offset_in_folded(&self, t: &str) -> usize {
        t.as_ptr() as usize - self.folded.text.as_ptr() as usize
    }

    /// The next non-space folded text after `at`.
    fn after(&self, at: usize) -> &'t str {
        self.folded.text[at..].trim_start()
    }

    /// Whether the text before original offset `s` ends with what may be the first part of a
    /// longer name: a capitalised word (`Tomas Brandt`), an initial (`A. Brandt`), a name
    /// particle (`de Silva`), or a closing quote or parenthesis (`(Tom) Harkwell`), or `of` after
    /// a capitalised word (`Nation of Islam`). A capitalised common or stop word is no name
    /// part (`Evaluating Novak's visit`, `The Novak case`). `s` and `fs` are the original and
    /// folded offsets of the same place.
    fn name_part_before(&self, s: usize, fs: usize) -> bool {
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
    fn sentence_initial(&self, s: usize) -> bool {
        let head = &self.original[..s];
        let trimmed = head.trim_end_matches([' ', '\t']);
        match trimmed.chars().next_back() {
            None => true,
            Some(c) => !(c.is_alphanumeric() || c == ',' || c == ';' || c == '&'),
        }
    }
}

fn first_word_end(text: &str) -> usize {
    text.find(|c: char| !c.is_alphanumeric() && c != '-')
        .unwrap_or(text.len())
}

fn starts_with_word(text: &str, class: u32) -> bool {
    has(&text[..first_word_end(text)], class)
}

/// The end of the word at folded offset `i` when it is written in lower-case ASCII letters (or
/// starts with a digit) and followed by ASCII or the end: such a word never starts a name.
#[inline]
fn lower_ascii_word_end(original: &str, folded: &Folded, i: usize) -> Option<usize> {
    let bytes = folded.text.as_bytes();
    let b = bytes[i];
    let lower = b.is_ascii_digit()
        || (b.is_ascii_lowercase()
            && original.as_bytes()[folded.orig_offset(i)].is_ascii_lowercase());
    if !lower {
        return None;
    }
    let k = crate::text::scan::ascii_alnum_end(bytes, i);
    (k == bytes.len() || bytes[k] < 0x80).then_some(k)
}

/// Where the skip loop of [`guess`] (outside a run, before `stop`) would arrive from folded
/// offset `i` through text in which no capitalised word can begin: a scan of the original text,
/// eight bytes at a time, for the next ASCII capital or non-ASCII byte, moved back to the start
/// of the word it is in. The loop then goes on from there byte by byte, so the result is the
/// same as without the jump, only reached faster.
#[inline]
fn skip_uncapitalised(original: &str, folded: &Folded, i: usize, stop: usize) -> usize {
    use crate::text::scan::{ascii_word_start, capital_or_non_ascii};
    let bytes = folded.text.as_bytes();
    let (o, ostop) = (folded.orig_offset(i), folded.orig_offset(stop));
    // Original text up to `q` is ASCII and holds no capital.
    let q = capital_or_non_ascii::<false>(original.as_bytes(), o, ostop);
    let j = folded.folded_offset_over_ascii(i, q, stop);
    if j >= stop {
        // Up to the next mention: it starts a word, so the loop would arrive exactly there.
        return if stop == i || !bytes[stop - 1].is_ascii_alphanumeric() {
            stop
        } else {
            i
        };
    }
    ascii_word_start(bytes, j, i)
}

/// Guesses entities in the runs of capitalised words no mention covers; appends their mentions
/// (kind `guessed`, and `alias` for acronyms of gazetteer entities), entities and the
/// `based_in`/`part_of` relations their names imply.
pub fn guess<'a>(
    g: &Gazetteer,
    original: &str,
    folded: &Folded,
    res: &mut DocResult<'a>,
    scratch: &mut GuessScratch,
    sporty: &std::cell::OnceCell<bool>,
) {
    let ctx = Ctx {
        g,
        original,
        folded,
        sporty,
    };
    let text = folded.text.as_str();
    let bytes = text.as_bytes();
    let mentions_len = res.mentions.len();
    let mut out = Out::default();
    scratch.pending.clear();
    scratch.all_items.clear();
    let mut acronyms: Vec<(usize, usize, EntityRef)> = Vec::new(); // folded span of definition, entity

    // Pass 1: build runs of capitalised words and mentions.
    let mut i = 0;
    let mut mi = 0;
    let mut si = 0;
    scratch.items.clear();
    let sentences = std::mem::take(&mut res.sentences);
    let mut run_sentence = usize::MAX;
    // Folded start of mention `mi` (no mention matters before it).
    let mention_at = |res: &DocResult, mi: usize| {
        res.mentions
            .get(mi)
            .map_or(usize::MAX, |m: &Mention| m.fstart)
    };
    let mut next_mention = mention_at(res, 0);
    while i < bytes.len() {
        // Mentions are single items.
        if i >= next_mention {
            while mi < mentions_len && res.mentions[mi].fend <= i {
                mi += 1;
            }
            next_mention = mention_at(res, mi);
        }
        if i >= next_mention {
            let m = res.mentions[mi];
            let o = m.start;
            while si < sentences.len() && sentences[si].1 <= o {
                si += 1;
            }
            if run_sentence != si {
                flush(&ctx, res, scratch, &mut out);
                run_sentence = si;
            }
            scratch.items.push(Item {
                s: m.start,
                e: m.end,
                fs: m.fstart,
                fe: m.fend,
                mention: mi as u32,
                connector: false,
                caps: false,
                cls: 0,
            });
            i = m.fend;
            continue;
        }
        // Outside a run, skip at once what cannot start one (as the paths below would, one
        // step at a time): ASCII punctuation and spaces, and lower-case or numeric ASCII words
        // followed by ASCII.
        if scratch.items.is_empty() {
            let from = i;
            let stop = next_mention.min(bytes.len());
            i = skip_uncapitalised(original, folded, i, stop);
            while i < stop {
                let b = bytes[i];
                if b >= 0x80 {
                    break;
                }
                if !b.is_ascii_alphanumeric() {
                    i += 1;
                    continue;
                }
                match lower_ascii_word_end(original, folded, i) {
                    Some(k) => i = k,
                    None => break,
                }
            }
            if i != from {
                continue;
            }
        }
        let b = bytes[i];
        let is_alnum_start = b.is_ascii_alphanumeric() || b >= 0x80;
        if !is_alnum_start {
            if b != b' ' && b != b'-' && b != b'.' && b != b'\'' {
                flush(&ctx, res, scratch, &mut out);
            } else if b == b'.' || b == b'-' {
                // `Jr.`, `St.` and initials continue a run; other periods end it.
                let prev_short = scratch.items.last().is_some_and(|it| {
                    it.e == folded.orig_offset(i) && it.fe - it.fs <= 3 && it.is_word()
                });
                if !(b == b'.' && prev_short) {
                    flush(&ctx, res, scratch, &mut out);
                }
            } else if b == b'\'' {
                flush(&ctx, res, scratch, &mut out);
            }
            i += 1;
            continue;
        }
        // Fast path: an ASCII lower-case word outside a run, or one that cannot continue the
        // run (not a connector), is skipped byte by byte.
        if let Some(k) = lower_ascii_word_end(original, folded, i) {
            let word = &text[i..k];
            let keeps_run = !scratch.items.is_empty() && (is_connector(word) || word == "party");
            if !keeps_run {
                flush(&ctx, res, scratch, &mut out);
                i = k;
                continue;
            }
        }
        // A word: letters and digits, joined by inner hyphens and apostrophes.
        let c = text[i..].chars().next().unwrap_or(' ');
        if !c.is_alphanumeric() {
            flush(&ctx, res, scratch, &mut out);
            i += c.len_utf8();
            continue;
        }
        let start = i;
        let mut end = i;
        let mut k = i;
        let limit = if mi < mentions_len {
            res.mentions[mi].fstart
        } else {
            bytes.len()
        };
        while k < limit {
            let run_end = crate::text::scan::alnum_end(text, k).min(limit);
            if run_end > k {
                k = run_end;
                end = k;
                continue;
            }
            let ch = text[k..].chars().next().unwrap_or(' ');
            if (ch == '-' || ch == '\'')
                && text[k + 1..]
                    .chars()
                    .next()
                    .is_some_and(char::is_alphanumeric)
                && !(ch == '\''
                    && text[k + 1..].starts_with(['s', 't'])
                    && !text[k + 2..]
                        .chars()
                        .next()
                        .is_some_and(char::is_alphanumeric))
            {
                k += 1;
            } else {
                break;
            }
        }
        i = end;
        let o = folded.orig_offset(start);
        let first = original[o..].chars().next().unwrap_or(' ');
        let word = &text[start..end];
        if first.is_uppercase() {
            while si < sentences.len() && sentences[si].1 <= o {
                si += 1;
            }
            if run_sentence != si {
                flush(&ctx, res, scratch, &mut out);
                run_sentence = si;
            }
            let item = Item::word(folded, original, start, end, word, false);
            scratch.items.push(item);
        } else if word == "party" && scratch.items.last().is_some_and(|it| it.is_word()) {
            // `the Left party`: a lower-case head after a capitalised name.
            let item = Item::word(folded, original, start, end, word, false);
            scratch.items.push(item);
            flush(&ctx, res, scratch, &mut out);
        } else if !scratch.items.is_empty() && is_connector(word) {
            let item = Item::word(folded, original, start, end, word, true);
            scratch.items.push(item);
        } else {
            flush(&ctx, res, scratch, &mut out);
        }
    }
    flush(&ctx, res, scratch, &mut out);
    res.sentences = sentences;

    // Acronyms defined in parentheses: `Name (ACR)` -> ACR is the entity of Name.
    define_acronyms(
        &ctx,
        res,
        scratch,
        &mut out.mentions,
        &mut out.absorbed,
        &mut acronyms,
    );

    // Pass 2: unclassified runs equal to a guessed name or a defined acronym.
    if !res.guessed.is_empty() || !acronyms.is_empty() {
        let mut known = KnownNames::new(&acronyms, text);
        known.update(res);
        let mut taken = SpanIndex::default();
        for m in &out.mentions {
            taken.insert(m.start, m.end);
        }
        let pending = std::mem::take(&mut scratch.pending);
        for &(lo, hi) in &pending {
            let items = &scratch.all_items[lo..hi];
            for a in 0..items.len() {
                if !items[a].is_word() {
                    continue;
                }
                // Longest sequence of words from a that names a known guess.
                let mut best: Option<(usize, EntityRef)> = None;
                for b in a..items.len().min(a + 6) {
                    if items[b].mention != u32::MAX {
                        break;
                    }
                    let span = &text[items[a].fs..items[b].fe];
                    if let Some(e) = known.lookup(span) {
                        best = Some((b, e));
                    }
                }
                // A guessed surname after an unknown capitalised word is a full name
                // (`Donovan Brantley` where `Brantley said` was guessed): a new person, of whom
                // the one-word guess is a short form.
                if let Some((b, EntityRef::Guessed(g))) = best
                    && b == a
                    && a > 0
                    && res.guessed[g as usize].etype == EntityType::Person
                    && {
                        let p = &items[a - 1];
                        p.is_word()
                            && !p.caps
                            && !p.has(TITLE | STOP | NOT_NAME | ORG_HEAD)
                            && (p.has(FIRST) || !ctx.common(p))
                            && p.e < items[a].s
                    }
                    && !taken.overlaps(items[a - 1].s, items[a].e)
                {
                    let before = out.mentions.len();
                    add_entity(
                        &ctx,
                        res,
                        &items[a - 1..=a],
                        EntityType::Person,
                        0.5,
                        &mut out.mentions,
                    );
                    for m in &out.mentions[before..] {
                        taken.insert(m.start, m.end);
                    }
                    known.update(res);
                    continue;
                }
                // A one-word guessed person after a name part outside the run (`A. Novak`,
                // `Duncan Novak` with `Duncan` a gazetteer place), or next to another
                // capitalised word of the run (`Gavin Novak`, `Novak Brantley`), is part of
                // someone else's name.
                if let Some((b, EntityRef::Guessed(g))) = best
                    && b == a
                    && res.guessed[g as usize].etype == EntityType::Person
                    && ((a == 0 && ctx.name_part_before(items[a].s, items[a].fs))
                        || (a > 0 && !items[a - 1].connector)
                        || items.get(a + 1).is_some_and(|x| !x.connector))
                {
                    continue;
                }
                if let Some((b, e)) = best
                    && !taken.overlaps(items[a].s, items[b].e)
                {
                    taken.insert(items[a].s, items[b].e);
                    out.mentions.push(Mention {
                        start: items[a].s,
                        end: items[b].e,
                        fstart: items[a].fs,
                        fend: items[b].fe,
                        entity: e,
                        etype: match e {
                            EntityRef::Gaz(i) => ctx.g.entity(i).etype,
                            EntityRef::Guessed(i) => res.guessed[i as usize].etype,
                        },
                        kind: match e {
                            EntityRef::Gaz(_) => MentionKind::Alias,
                            EntityRef::Guessed(_) => MentionKind::Guessed,
                        },
                    });
                }
            }
        }
        scratch.pending = pending;
    }

    if out.mentions.is_empty() {
        return;
    }
    drop_short_forms(&ctx, res, &mut out);
    drop_company_surnames(&ctx, res, &mut out);
    if !out.absorbed.is_empty() {
        out.absorbed.sort_unstable();
        let mut idx = 0;
        res.mentions.retain(|_| {
            let keep = out.absorbed.binary_search(&idx).is_err();
            idx += 1;
            keep
        });
    }
    // Never two overlapping mentions: a guess yields to what is already there.
    out.mentions.sort_by_key(|m| (m.start, m.end));
    let mut kept: Vec<Mention> = Vec::with_capacity(out.mentions.len());
    for m in out.mentions {
        // `res.mentions` is sorted by start and never overlaps itself.
        let after = res.mentions.partition_point(|x| x.start < m.end);
        let clash = kept.last().is_some_and(|k| m.start < k.end)
            || (after > 0 && res.mentions[after - 1].end > m.start);
        if !clash {
            kept.push(m);
        }
    }
    // Relations implied by names, between entities that kept a mention.
    if !out.relations.is_empty() {
        let mut first_kept: FxHashMap<EntityRef, usize> = FxHashMap::default();
        for (i, m) in kept.iter().enumerate() {
            first_kept.entry(m.entity).or_insert(i);
        }
        let mentioned: FxHashSet<EntityRef> = res.mentions.iter().map(|m| m.entity).collect();
        for &(org, relation, place) in &out.relations {
            let Some(&mi) = first_kept.get(&org) else {
                continue;
            };
            let m = &kept[mi];
            if !mentioned.contains(&place) && !first_kept.contains_key(&place) {
                continue;
            }
            let sentence = crate::doc::sentence_around(&res.sentences, m.start, m.end);
            res.relations.push(Found {
                source: org,
                relation,
                target: place,
                origin: Origin::Text,
                role: None,
                sentence,
                trigger: (m.start, m.end),
                rule: RuleRef::Builtin("guess.name_place"),
                confidence: 0.6,
            });
        }
    }
    res.mentions.extend(kept);
    res.mentions.sort_by_key(|m| (m.start, m.end));
}

/// One-word guessed people (`Novak said`) whose word is the first or last name of a person
/// the document names in full (`Jan Novak`) are short forms: their mentions are dropped here,
/// and `resolve::coreference` links them to that person.
fn drop_short_forms(ctx: &Ctx, res: &DocResult, out: &mut Out) {
    // The one word of a name besides particles (`Novak`, `De Novak`).
    let core = |name: &str| -> Option<String> {
        let mut words = name
            .split(' ')
            .filter(|x| !x.is_empty() && !has(&x.to_lowercase(), PARTICLE));
        let w = words.next()?;
        words.next().is_none().then(|| w.to_lowercase())
    };
    let single = |e: EntityRef| match e {
        EntityRef::Guessed(i) => {
            let g = &res.guessed[i as usize];
            g.etype == EntityType::Person && core(&g.name).is_some()
        }
        EntityRef::Gaz(_) => false,
    };
    if !out.mentions.iter().any(|m| single(m.entity)) {
        return;
    }
    let text = ctx.folded.text.as_str();
    let full_names: Vec<&str> = res
        .mentions
        .iter()
        .chain(out.mentions.iter())
        .filter(|m| {
            m.etype == EntityType::Person
                && matches!(
                    m.kind,
                    MentionKind::Name | MentionKind::Alias | MentionKind::Guessed
                )
                && !single(m.entity)
        })
        .map(|m| &text[m.fstart..m.fend])
        .collect();
    // The first and last words of every full name, once.
    let mut ends: FxHashSet<&str> = FxHashSet::default();
    for n in &full_names {
        let mut words = n
            .split([' ', '.', ','])
            .filter(|x| !x.is_empty() && !has(x, PARTICLE));
        let first = words.next();
        if let (Some(f), Some(l)) = (first, words.next_back()) {
            ends.insert(f);
            ends.insert(l);
        }
    }
    let named = |w: &str| ends.contains(w);
    out.mentions.retain(|m| {
        !(single(m.entity) && core(&text[m.fstart..m.fend]).is_some_and(|w| named(&w)))
    });
}

/// One-word people guessed from a gazetteer surname alone ([`SURNAME_CONFIDENCE`]) whose word
/// is part of an organization's name in the document (`Rockwell` after `Rockwell International
/// Corp`, `Hutton` after `E.F. Hutton Group`) name that organization, not a person: their
/// mentions are dropped.
fn drop_company_surnames(ctx: &Ctx, res: &DocResult, out: &mut Out) {
    let surname_guess = |e: EntityRef| match e {
        EntityRef::Guessed(i) => {
            let g = &res.guessed[i as usize];
            g.etype == EntityType::Person && g.confidence == SURNAME_CONFIDENCE
        }
        EntityRef::Gaz(_) => false,
    };
    if !out.mentions.iter().any(|m| surname_guess(m.entity)) {
        return;
    }
    let text = ctx.folded.text.as_str();
    // Every word of every organization's name, once.
    let org_words: FxHashSet<&str> = res
        .mentions
        .iter()
        .chain(out.mentions.iter())
        .filter(|m| m.etype == EntityType::Organization)
        .flat_map(|m| text[m.fstart..m.fend].split(|c: char| !c.is_alphanumeric()))
        .collect();
    let drop: FxHashSet<EntityRef> = out
        .mentions
        .iter()
        .filter(|m| surname_guess(m.entity) && org_words.contains(&text[m.fstart..m.fend]))
        .map(|m| m.entity)
        .collect();
    if !drop.is_empty() {
        out.mentions.retain(|m| !drop.contains(&m.entity));
    }
}

/// The names pass 2 looks for: defined acronyms (folded span -> entity, the first definition
/// wins) and guessed entities other than places (lower-cased name -> the first such guess).
/// Kept up to date as pass 2 guesses more, so each lookup is one hash probe.
#[derive(Default)]
struct KnownNames<'t> {
    acronyms: FxHashMap<&'t str, EntityRef>,
    guessed: FxHashMap<String, u32>,
    /// How many of `res.guessed` are indexed.
    indexed: usize,
}

impl<'t> KnownNames<'t> {
    fn new(acronyms: &[(usize, usize, EntityRef)], text: &'t str) -> KnownNames<'t> {
        let mut k = KnownNames::default();
        for &(s, e, ent) in acronyms {
            k.acronyms.entry(&text[s..e]).or_insert(ent);
        }
        k
    }

    /// Indexes the guesses added since the last call.
    fn update(&mut self, res: &DocResult) {
        for (i, g) in res.guessed.iter().enumerate().skip(self.indexed) {
            if g.etype == EntityType::Location {
                continue;
            }
            let lower: String = g.name.chars().flat_map(char::to_lowercase).collect();
            // A name whose lower case changes its length never equals a folded span.
            if lower.len() == g.name.len() {
                self.guessed.entry(lower).or_insert(i as u32);
            }
        }
        self.indexed = res.guessed.len();
    }

    /// A guessed entity or acronym named exactly by folded `span`.
    fn lookup(&self, span: &str) -> Option<EntityRef> {
        if let Some(&e) = self.acronyms.get(span) {
            return Some(e);
        }
        self.guessed.get(span).map(|&i| EntityRef::Guessed(i))
    }
}

/// Spans of mentions, for "does anything already cover this span" in logarithmic time.
#[derive(Default)]
struct SpanIndex {
    /// (start, serial) -> end.
    spans: std::collections::BTreeMap<(usize, u32), usize>,
    /// The longest span: a span overlapping `s..e` starts after `s - longest`.
    longest: usize,
    serial: u32,
}

impl SpanIndex {
    fn insert(&mut self, start: usize, end: usize) {
        self.spans.insert((start, self.serial), end);
        self.serial += 1;
        self.longest = self.longest.max(end.saturating_sub(start));
    }

    /// Whether a span overlaps `start..end`.
    fn overlaps(&self, start: usize, end: usize) -> bool {
        let from = start.saturating_sub(self.longest);
        self.spans
            .range((from, 0)..(end, 0))
            .any(|(&(s, _), &e)| s < end && start < e)
    }
}

/// Processes the current run (if any) and clears it.
#[inline(always)]
fn flush(ctx: &Ctx, res: &mut DocResult, scratch: &mut GuessScratch, out: &mut Out) {
    if scratch.items.is_empty() {
        return;
    }
    flush_run(ctx, res, scratch, out);
}

#[inline(never)]
fn flush_run(ctx: &Ctx, res: &mut DocResult, scratch: &mut GuessScratch, out: &mut Out) {
    // Trailing connectors are not part of the run.
    while scratch.items.last().is_some_and(|it| it.connector) {
        scratch.items.pop();
    }
    // A lone stop word, title or non-name (`The`, `He`, `President`) names nothing: `rest`
    // would strip it, and it is no organization's head.
    if let [it] = scratch.items[..]
        && it.is_word()
        && it.has(STOP | NOT_NAME | TITLE)
        && !it.has(ORG_HEAD | ORG_FIRST_W)
    {
        scratch.items.clear();
        return;
    }
    let items = std::mem::take(&mut scratch.items);
    if let [_] = items[..] {
        place_as_person_of(ctx, res, &items, out);
    }
    if items.iter().any(|it| it.is_word()) {
        let base = scratch.all_items.len();
        scratch.all_items.extend_from_slice(&items);
        classify(
            ctx,
            res,
            &scratch.all_items[base..],
            base,
            &mut scratch.pending,
            out,
        );
    }
    scratch.items = items;
    scratch.items.clear();
}

/// `the assassination of Lincoln`: a one-word gazetteer place (the one item of `item`) after a
/// noun whose object is a person ([`PERSON_OF`]) is a person's name the gazetteer mistook for
/// a place.
fn place_as_person_of(ctx: &Ctx, res: &mut DocResult, item: &[Item], out: &mut Out) {
    let it = &item[0];
    if it.mention == u32::MAX {
        return;
    }
    let m = res.mentions[it.mention as usize];
    if m.etype == EntityType::Location
        && m.kind == MentionKind::Name
        && !ctx.original[m.start..m.end].contains(' ')
        && role_of_before(ctx, m.fstart).is_some_and(|r| PERSON_OF.contains(&r))
    {
        out.absorbed.push(it.mention as usize);
        add_entity(ctx, res, item, EntityType::Person, 0.6, &mut out.mentions);
    }
}

/// Classifies one run: organizations by head words, then persons and places in the rest.
fn classify(
    ctx: &Ctx,
    res: &mut DocResult,
    items: &[Item],
    base: usize,
    pending: &mut Vec<(usize, usize)>,
    out: &mut Out,
) {
    let n = items.len();
    // Organizations: a head word (not in capitals) with the capitalised words before it, or a
    // leading head followed by of/for and more words.
    let mut h = 0;
    while h < n {
        let it = &items[h];
        // Heads in capitals are headline words (`NEWS`), except legal suffixes (`AG`, `PLC`).
        let legal = it.is_word() && it.has(ORG_HEAD) && LEGAL_SUFFIXES.contains(&ctx.fword(it));
        // A gazetteer alias that ends in a head word, after a plain capitalised word, is the
        // end of another organization's name (`National Congress` is not the US Congress,
        // `Kurdish Workers Party` not a Workers Party elsewhere).
        let alias_head = it.mention != u32::MAX
            && h > 0
            && {
                let m = &res.mentions[it.mention as usize];
                m.etype == EntityType::Organization
                    && m.kind == MentionKind::Alias
                    && ctx
                        .fword(it)
                        .rsplit(' ')
                        .next()
                        .is_some_and(|w| has(w, ORG_HEAD))
            }
            && {
                let p = &items[h - 1];
                p.is_word() && !p.connector && !p.caps && !p.has(TITLE | STOP | NOT_NAME)
            };
        let head_last = (it.is_word() && it.has(ORG_HEAD) && (!it.caps || legal)) || alias_head;
        let head_first = it.is_word()
            && !it.caps
            && it.has(ORG_FIRST_W)
            && h + 2 < n
            && items[h + 1].connector
            && matches!(ctx.fword(&items[h + 1]), "of" | "for" | "on")
            && !items[h + 2].connector;
        if !(head_last || head_first) {
            h += 1;
            continue;
        }
        // Start: walk left over words and mentions (and `and`/`&` between them).
        let mut lo = h;
        while lo > 0 {
            let p = &items[lo - 1];
            let pw = ctx.fword(p);
            if p.connector {
                // `Procter and Gamble Co`, `State Law and Order Council`; not from a name after
                // a title, which is a person's (`Deputy Jan Novak and Caribbean Fleet`).
                if matches!(pw, "and" | "&")
                    && lo >= 2
                    && !items[lo - 2].connector
                    && !titled_name_ends_at(items, lo - 2)
                {
                    lo -= 1;
                    continue;
                }
                break;
            }
            // `General` starts organization names (`General Audit Office`); other titles end
            // them on the left (`Director Acme Institute`).
            let title = p.has(TITLE) && !p.has(PORTFOLIO) && pw != "general";
            if p.is_word() && (title || p.has(STOP) || p.caps) {
                break;
            }
            if p.mention != u32::MAX && res.mentions[p.mention as usize].etype == EntityType::Person
            {
                break;
            }
            lo -= 1;
        }
        // End: the head, further heads and suffixes, or `of ...` to the end of the run.
        let mut hi = h + 1;
        // A legal suffix ends the name: `Zorvan Motoren AG of Hamburg` is based there.
        if !legal
            && hi + 1 < n
            && items[hi].connector
            && matches!(ctx.fword(&items[hi]), "of" | "for" | "on")
            && !items[hi + 1].connector
        {
            hi += 1;
            while hi < n && !(items[hi].is_word() && items[hi].has(TITLE)) {
                hi += 1;
            }
            while hi > h && items[hi - 1].connector {
                hi -= 1;
            }
        } else {
            while hi < n && items[hi].is_word() && items[hi].has(ORG_HEAD) {
                hi += 1;
            }
        }
        // Leading sentence-initial common words are not part of the name.
        while lo < h && items[lo].is_word() && items[lo].has(NOT_NAME | STOP) {
            lo += 1;
        }
        let words = items[lo..hi].iter().filter(|x| !x.connector).count();
        let plain = ctx.fword(&items[lo]);
        // `West Bank`, `North Front`: a compass word and a head name a region.
        let compass = words == 2
            && matches!(
                plain,
                "west" | "east" | "north" | "south" | "northern" | "southern"
            );
        // A lone head names nothing (`Party`), except a service after `the` (`the Navy`).
        let lone_head = lo == h && hi == h + 1 && items[lo].has(ORG_HEAD);
        let service = lone_head
            && matches!(ctx.fword(&items[h]), "navy" | "army" | "marines")
            && ctx.word_before(items[h].fs) == "the";
        // `6th Fleet`, `the 21st Brigade`: a military unit named by an ordinal.
        let ordinal = if MILITARY_UNITS.contains(&ctx.fword(&items[h])) && !items[h].caps {
            ordinal_before(ctx, items[lo].s)
        } else {
            None
        };
        if (service || (words >= 2 && !lone_head) || ordinal.is_some()) && !compass {
            rest(ctx, res, items, 0, lo, base, pending, out);
            let with_ordinal: Vec<Item>;
            let named = match ordinal {
                Some(o) => {
                    with_ordinal = std::iter::once(o)
                        .chain(items[lo..hi].iter().copied())
                        .collect();
                    &with_ordinal[..]
                }
                None => &items[lo..hi],
            };
            let e = add_entity(
                ctx,
                res,
                named,
                EntityType::Organization,
                0.6,
                &mut out.mentions,
            );
            // Absorbed mentions: the organization is based in a place, part of an organization.
            for (i, it) in items[lo..hi].iter().enumerate() {
                if it.mention == u32::MAX {
                    continue;
                }
                if alias_head && lo + i == h {
                    // The head itself: another organization's alias, no relation.
                    out.absorbed.push(it.mention as usize);
                    continue;
                }
                let m = &res.mentions[it.mention as usize];
                out.absorbed.push(it.mention as usize);
                let relation = match m.etype {
                    EntityType::State | EntityType::Location => RelationType::BasedIn,
                    EntityType::Organization => RelationType::PartOf,
                    EntityType::Person => continue,
                };
                out.relations.push((e, relation, m.entity));
            }
            classify(ctx, res, &items[hi..], base + hi, pending, out);
            return;
        }
        h += 1;
    }
    rest(ctx, res, items, 0, n, base, pending, out);
}

/// Whether `items[..=end]` ends with plain words right after a title or a person cue
/// (`Deputy Jan Novak`): a person's name.
fn titled_name_ends_at(items: &[Item], end: usize) -> bool {
    let plain = |x: &Item| x.is_word() && !x.connector && !x.has(TITLE | PERSON_CUE | STOP);
    let mut j = end + 1;
    while j > 0 && plain(&items[j - 1]) {
        j -= 1;
    }
    j <= end && j > 0 && items[j - 1].is_word() && items[j - 1].has(TITLE | PERSON_CUE)
}

/// The ordinal right before original offset `s` (`6th`, `21st`, `82nd`, `3rd`), as a word
/// item, if there is one.
fn ordinal_before(ctx: &Ctx, s: usize) -> Option<Item> {
    let head = &ctx.original[..s];
    let trimmed = head.trim_end_matches(' ');
    if trimmed.len() == head.len() {
        return None;
    }
    // The word is ASCII: it starts after the last other character, whatever its width.
    let start = trimmed
        .char_indices()
        .rev()
        .find(|&(_, c)| !c.is_ascii_alphanumeric())
        .map_or(0, |(i, c)| i + c.len_utf8());
    let w = &trimmed[start..];
    let digits = w.bytes().take_while(u8::is_ascii_digit).count();
    let suffix = &w[digits..];
    if digits == 0
        || !["st", "nd", "rd", "th"]
            .iter()
            .any(|x| suffix.eq_ignore_ascii_case(x))
    {
        return None;
    }
    let fs = ctx.folded.folded_offset(start);
    let fe = ctx.folded.folded_offset(trimmed.len());
    Some(Item::word(
        ctx.folded,
        ctx.original,
        fs,
        fe,
        &ctx.folded.text[fs..fe],
        false,
    ))
}

/// Persons and places among `items[lo..hi]` (no organization head there): each maximal
/// sequence of plain words (with name particles) is one candidate.
#[allow(clippy::too_many_arguments)]
fn rest(
    ctx: &Ctx,
    res: &mut DocResult,
    items: &[Item],
    lo: usize,
    hi: usize,
    base: usize,
    pending: &mut Vec<(usize, usize)>,
    out: &mut Out,
) {
    let mut a = lo;
    while a < hi {
        if !items[a].is_word() {
            if a + 1 == hi || !items[a + 1].is_word() {
                place_as_person_of(ctx, res, &items[a..=a], out);
            } else if res
                .mentions
                .get(items[a].mention as usize)
                .is_some_and(|m| m.etype == EntityType::Person)
                && GENERATIONS.contains(&ctx.fword(&items[a + 1]))
            {
                // `Jan Novak III`: the son of the person the gazetteer knows.
                out.absorbed.push(items[a].mention as usize);
                add_entity(
                    ctx,
                    res,
                    &items[a..=a + 1],
                    EntityType::Person,
                    0.6,
                    &mut out.mentions,
                );
                a += 2;
                continue;
            } else if a + 1 < hi
                && items[a].mention != u32::MAX
                && res.mentions[items[a].mention as usize].etype == EntityType::Location
                && !items[a + 1].caps
                && REGION_HEADS.contains(&ctx.fword(&items[a + 1]))
            {
                // `Kanchanaburi Province`, `Kent County`: the capitalised head is part of the name.
                let (e, fe) = (items[a + 1].e, items[a + 1].fe);
                let m = &mut res.mentions[items[a].mention as usize];
                m.end = e;
                m.fend = fe;
                a += 2;
                continue;
            }
            a += 1;
            continue;
        }
        let mut b = a;
        while b < hi
            && (items[b].is_word()
                || (items[b].connector
                    && items[b].has(PARTICLE)
                    && b + 1 < hi
                    && items[b + 1].is_word()))
        {
            b += 1;
        }
        // A title inside the words (`Energy Commissioner Jan Novak`, `Acme CEO Jan Novak`):
        // the name starts after the last one.
        let mut cue = false;
        let mut s = a;
        if let Some(t) = (a..b.saturating_sub(1))
            .rev()
            .find(|&t| items[t].has(TITLE))
        {
            s = t + 1;
            cue = true;
            // An unknown acronym opening the words before the title is the organization the
            // title belongs to (`ZNTP Secretary Jan Novak`, `ZNEN Safety Director ...`).
            let it = &items[a];
            if t > a
                && it.caps
                && it.e - it.s <= 5
                && !it.has(TITLE | NOT_NAME | STOP)
                && !ctx.common(it)
            {
                add_entity(
                    ctx,
                    res,
                    &items[a..=a],
                    EntityType::Organization,
                    0.5,
                    &mut out.mentions,
                );
            }
        }
        // Strip leading non-names.
        while s < b {
            let it = &items[s];
            if it.has(TITLE) {
                cue = true;
                s += 1;
            } else if it.has(STOP | NOT_NAME)
                || (s == a
                    && !it.has(FIRST)
                    && ctx.sentence_initial(it.s)
                    && ctx.common(it)
                    // `Winter, 53, is a professor`: a common word with an age is a name.
                    && !(b == s + 1 && age_follows(ctx.after(it.fe))))
            {
                // A sentence-initial role word is a cue (`Composer Jan Novak`).
                cue |= it.has(PERSON_CUE) && s + 1 < b;
                s += 1;
            } else {
                break;
            }
        }
        // `President Madison`, `Anna Kent`: a one-word place right after a title or a
        // first name is a person's name the gazetteer mistook for a place.
        if b < hi
            && items[b].mention != u32::MAX
            && (s == b || (b - s <= 2 && items[s..b].iter().all(|x| x.has(FIRST))))
            && (cue || s < b)
        {
            let m = res.mentions[items[b].mention as usize];
            let one_word = !ctx.original[m.start..m.end].contains(' ');
            // A state only when its name is also a common word or name (`Anna Jordan`,
            // `Anna Georgia`; never `Will Russia`).
            let place_or_name = m.etype == EntityType::Location
                || (m.etype == EntityType::State
                    && one_word
                    && is_common(&ctx.folded.text[m.fstart..m.fend]));
            // `Roy Novak` where the gazetteer knows another Novak by the one-word alias.
            let other_person =
                m.etype == EntityType::Person && m.kind == MentionKind::Alias && one_word && s < b;
            if (place_or_name && one_word && m.kind == MentionKind::Name) || other_person {
                out.absorbed.push(items[b].mention as usize);
                let from = if s < b { s } else { b };
                add_entity(
                    ctx,
                    res,
                    &items[from..=b],
                    EntityType::Person,
                    0.6,
                    &mut out.mentions,
                );
                a = b + 1;
                continue;
            }
        }
        if s < b {
            if let Some(g) = decide(ctx, res, items, s, b, cue) {
                add_entity(
                    ctx,
                    res,
                    &items[g.lo..g.hi],
                    g.etype,
                    g.confidence,
                    &mut out.mentions,
                );
            } else {
                pending.push((base + s, base + b));
            }
        }
        a = b;
    }
}

/// Decides what the words `items[s..b]` name, if anything.
fn decide(
    ctx: &Ctx,
    res: &DocResult,
    items: &[Item],
    s: usize,
    b: usize,
    title: bool,
) -> Option<Guess> {
    let words = &items[s..b];
    let k = words.iter().filter(|x| !x.connector).count();
    let (w0, wn) = (&words[0], &words[words.len() - 1]);
    let last = ctx.fword(wn);
    let any_caps = words.iter().any(|x| x.caps);
    let before = classes(ctx.word_before(words[0].fs));
    let after = ctx.after(words[words.len() - 1].fe);
    let common = |x: &Item| !x.has(FIRST) && ctx.common(x);
    let guess = |etype, confidence| {
        Some(Guess {
            lo: s,
            hi: b,
            etype,
            confidence,
        })
    };
    // An unknown name followed by a noun for an organization's people or seat (`the FAA
    // spokesman`, `ZNSA agents`, `Zeltrax employees`), or an acronym after a noun that
    // introduces an organization (`the separatist organization ZLF`).
    let staff_after = starts_with_word(after, ORG_STAFF);
    // A first name only after an article (`a Desmond employee`, not `Jan Novak employees`).
    let article = matches!(ctx.word_before(words[0].fs), "a" | "an" | "the");
    if k <= 3
        && (!w0.has(FIRST) || (article && staff_after))
        && (staff_after || (any_caps && before & ORG_CUE != 0))
        && !words.iter().any(|x| !x.connector && !x.caps && common(x))
    {
        return guess(EntityType::Organization, 0.5);
    }
    if any_caps {
        return None;
    }
    // Places by head word; `City` only after a locative (`near Desmond City`), since clubs are
    // named so too (`Bradford City`).
    if k >= 2 && (wn.has(LOC_HEAD) || (last == "city" && before & LOCATIVE != 0)) {
        return guess(EntityType::Location, 0.5);
    }
    if k > 4 {
        return None;
    }
    let initial = |x: &Item| {
        x.e == x.s + 1
            && ctx.original.as_bytes()[x.s].is_ascii_uppercase()
            && ctx.original.as_bytes().get(x.e) == Some(&b'.')
    };
    // An organization after a noun that introduces one (`the news agency Tanjug`).
    if before & ORG_CUE != 0 && !w0.has(FIRST) && !initial(w0) {
        return guess(EntityType::Organization, 0.5);
    }
    // The organization or place of a role (`chairman of Velmar Paper`, `mayor of Brenton`).
    if let Some(role) = role_of_before(ctx, words[0].fs)
        && !w0.has(FIRST)
        && !initial(w0)
        && !words.iter().all(|x| x.connector || common(x))
    {
        let etype = if PLACE_ROLES.contains(&role) {
            EntityType::Location
        } else if PERSON_OF.contains(&role) {
            EntityType::Person
        } else {
            EntityType::Organization
        };
        return guess(etype, 0.5);
    }
    let cue_before = before & PERSON_CUE != 0;
    // A person after a title or role word.
    if (title || cue_before) && !(k == 1 && common(&words[0])) {
        return guess(EntityType::Person, 0.7);
    }
    // Initials and a surname (`G. Brantwick`, `J. R. Doe`).
    if k >= 2 && initial(w0) && !initial(wn) && !wn.has(NOT_NAME | STOP) {
        return guess(EntityType::Person, 0.6);
    }
    // An age in apposition (`Jan Novak, 45,`, `Novak, 45, said`).
    if age_follows(after) {
        return guess(EntityType::Person, 0.6);
    }
    // A name followed by a state in parentheses, as in results and line-ups
    // (`Jan Novak (Ruritania)`).
    if k >= 2
        && let Some(inner) = after.strip_prefix('(')
        && let Some(m) = mention_starting(res, ctx.offset_in_folded(inner.trim_start_matches(' ')))
        && m.etype == EntityType::State
        && ctx.after(m.fend).starts_with(')')
        && !words.iter().any(|x| !x.connector && common(x))
    {
        return guess(EntityType::Person, 0.5);
    }
    // A place followed by the state or region it is in (`Kleinstadt, Ruritania`,
    // `Kleinstadt, northern Ruritania,`). Names that start with a first name are places only
    // before a region or US state (`Morgan Falls, La.`), not a state: results and line-ups
    // write `Jan Novak, Ruritania, 3:46`.
    let first = w0.has(FIRST);
    if k <= 3
        && (first || !words.iter().any(|x| !x.connector && common(x)))
        && let Some(m) = address_after(ctx, res, after)
        && (!first || (k >= 2 && town_or_region(ctx, res, m)))
    {
        return guess(EntityType::Location, 0.5);
    }
    // A first name followed by one to three more words.
    let plural_common = || last.ends_with('s') && !wn.has(FIRST) && ctx.common(wn);
    if k >= 2 && w0.has(FIRST) && !wn.has(NOT_NAME) && !plural_common() {
        return guess(EntityType::Person, 0.6);
    }
    // Two or three unknown words in a person's context.
    if (1..=3).contains(&k) {
        let say_after = starts_with_word(after, SAY);
        let say_before = before & SAY != 0;
        let apposition = after.starts_with(", ") && {
            let a = after[2..].trim_start();
            let a = a
                .strip_prefix("a ")
                .or_else(|| a.strip_prefix("an "))
                .or_else(|| a.strip_prefix("the "))
                .unwrap_or(a);
            starts_with_word(a, APPOS | PERSON_CUE)
                || a.starts_with("who ")
                || mention_starting(res, ctx.offset_in_folded(a)).is_some_and(|m| {
                    // `Novak, a German,`; `Novak, a Greenpeace activist,`
                    m.kind == MentionKind::Demonym
                        || starts_with_word(ctx.after(m.fend), APPOS | PERSON_CUE)
                })
        };
        // `Jan Novak is a lawyer`, `Novak was an adviser`.
        let predicate = {
            let a = after
                .strip_prefix("is ")
                .or_else(|| after.strip_prefix("was "))
                .unwrap_or("");
            let a = a
                .strip_prefix("a ")
                .or_else(|| a.strip_prefix("an "))
                .or_else(|| a.strip_prefix("the "))
                .unwrap_or("");
            starts_with_word(a, APPOS | PERSON_CUE)
        };
        if (say_after
            || say_before
            || apposition
            || predicate
            || life_event(after)
            || kin_after(after))
            && !words.iter().any(|x| !x.connector && common(x))
        {
            return guess(EntityType::Person, 0.5);
        }
    }
    // A team on a results line (`Zelvo 6 Kentshire 2`, `Leeds: Kentshire 259 and 207`).
    if k <= 3
        && !w0.has(FIRST)
        && !initial(w0)
        && !super::teams::is_month(ctx.fword(w0))
        && super::teams::entry_start(ctx.original, w0.s)
        && super::teams::score_follows(ctx.original, ctx.folded, wn.fe)
        && super::teams::sporty(ctx.sporty, &ctx.folded.text)
    {
        return guess(EntityType::Organization, 0.5);
    }
    // The surname of a person the gazetteer knows (`Gandhi had known`, `Gandhi's widow`),
    // not after a locative unless a possessive follows (`into Gandhi's office`).
    let locative = before & LOCATIVE != 0;
    if k == 1
        && ctx.g.is_surname(last)
        && !ctx.common(w0)
        && !w0.has(STOP | NOT_NAME | TITLE | ORG_HEAD | LOC_HEAD)
        && !CALENDAR_WORDS.contains(&last)
        && !super::teams::is_month(last)
        && !HOLIDAYS.contains(&last)
        && (!locative || after.starts_with("'s "))
        && items.get(b).is_none_or(|x| x.is_word())
        && lone_surname_context(ctx, res, w0, after)
    {
        return guess(EntityType::Person, SURNAME_CONFIDENCE);
    }
    // A place after a locative preposition (not a demonym: `from European countries`).
    let demonym_like = ["ean", "ian", "can", "ish", "ese", "ans"]
        .iter()
        .any(|x| last.ends_with(x));
    if locative
        && k <= 2
        && !demonym_like
        && !w0.has(FIRST)
        && !words.iter().any(|x| !x.connector && common(x))
    {
        return guess(EntityType::Location, 0.5);
    }
    None
}

/// The confidence of a one-word guess from a gazetteer surname ([`lone_surname_context`]).
const SURNAME_CONFIDENCE: f32 = 0.4;

/// Whether the one word `w` (a gazetteer surname) stands alone as a person's name: not part of
/// a longer name or a list of capitalised names (`Robertson, Colman and Stephens`, `Tate and
/// Lyle`, firms and partnerships), not before a company or product noun (`Novak shares`), not a
/// town in an address (`Maynard, Mass.`) or after a place noun (`the town of Amarah`), and not
/// joined by a hyphen or slash (`Washington-Dulles`).
fn lone_surname_context(ctx: &Ctx, res: &DocResult, w: &Item, after: &str) -> bool {
    if ctx.name_part_before(w.s, w.fs) || after.starts_with(['-', '/']) {
        return false;
    }
    let head = ctx.original[..w.s].trim_end();
    // After a hyphen or slash, a score (`2-2 Novak`: a team) or an opening parenthesis (a club
    // or country in a line-up).
    if head.ends_with(|c: char| matches!(c, '-' | '/' | '(') || c.is_ascii_digit()) {
        return false;
    }
    let capitalised = |t: &str| t.chars().next().is_some_and(char::is_uppercase);
    let orig_after = ctx.original[w.e..].trim_start();
    // Another name or a number follows (`Novak Bloedel`, `Novak's Inc`, `Fermi 2`).
    let next = orig_after
        .strip_prefix("'s ")
        .map_or(orig_after, str::trim_start);
    if capitalised(next) || orig_after.starts_with(|c: char| c.is_ascii_digit()) {
        return false;
    }
    // In a list of capitalised names.
    let next_listed = ["and ", "& ", ", "].iter().any(|p| {
        orig_after
            .strip_prefix(p)
            .is_some_and(|r| capitalised(r.trim_start()))
    });
    let before = ctx.word_before(w.fs);
    let prev_listed = (matches!(before, "and") || head.ends_with(['&', ','])) && {
        let h = head.trim_end_matches(['&', ',']).trim_end();
        capitalised(last_word(h.strip_suffix("and").unwrap_or(h).trim_end()))
    };
    if next_listed || prev_listed {
        return false;
    }
    if starts_with_any(after, NOT_PERSON_NOUNS) {
        return false;
    }
    if PLACE_NOUNS.contains(&before)
        || (before == "of" && {
            let at = ctx.folded.text[..w.fs].trim_end().len() - before.len();
            PLACE_NOUNS.contains(&ctx.word_before(at))
        })
    {
        return false;
    }
    address_after(ctx, res, after).is_none()
}

/// Whether `text` starts with one of `words` as a whole word.
fn starts_with_any(text: &str, words: &[&str]) -> bool {
    let w = &text[..first_word_end(text)];
    words.contains(&w)
}

/// The place mention after a name in `Town, State` or `Town, northern State` form (the way
/// datelines and addresses name towns), if the address ends there.
fn address_after<'r>(ctx: &Ctx, res: &'r DocResult, after: &str) -> Option<&'r Mention> {
    let mut a = after.strip_prefix(',')?.trim_start_matches(' ');
    if let Some(w) = a.split(' ').next()
        && has(w, COMPASS)
    {
        a = a[w.len()..].trim_start_matches(' ');
    }
    mention_starting(res, ctx.offset_in_folded(a)).filter(|m| {
        matches!(m.etype, EntityType::State | EntityType::Location)
            && matches!(m.kind, MentionKind::Name | MentionKind::Alias)
            && place_ends(&ctx.folded.text[m.fend..])
    })
}

/// Whether the place `m` after a name that starts with a first name makes that name a town:
/// a first-level region (`Morgan Falls, La.`) or a city that no state follows (`Desmond Park,
/// Queens`), not a city with its state (`Jan Novak, Valletta, Malta` credits a reporter).
fn town_or_region(ctx: &Ctx, res: &DocResult, m: &Mention) -> bool {
    if m.etype != EntityType::Location {
        return false;
    }
    let region =
        matches!(m.entity, EntityRef::Gaz(i) if ctx.g.entity(i).kind.as_deref() == Some("region"));
    let state_follows = ctx
        .after(m.fend)
        .strip_prefix(',')
        .and_then(|a| mention_starting(res, ctx.offset_in_folded(a.trim_start_matches(' '))))
        .is_some_and(|s| s.etype == EntityType::State);
    region || !state_follows
}

/// The mention starting at folded offset `at`, if any.
fn mention_starting<'r>(res: &'r DocResult, at: usize) -> Option<&'r Mention> {
    let i = res.mentions.partition_point(|m| m.fstart < at);
    res.mentions.get(i).filter(|m| m.fstart == at)
}

/// Whether the text after a place named in `Town, State` ends the address: the end of the
/// text, punctuation other than a possessive, a line break, a number (a dateline's date) or
/// `and`.
pub(crate) fn place_ends(rest: &str) -> bool {
    match rest.as_bytes().first() {
        None => true,
        Some(b',' | b'.' | b';' | b':' | b')' | b'\n' | b'-') => true,
        Some(b' ') => {
            let r = rest.trim_start_matches(' ');
            r.is_empty()
                || r.starts_with(|c: char| c.is_ascii_digit() || matches!(c, '(' | '-' | '\n'))
                || r.starts_with("and ")
        }
        _ => false,
    }
}

/// The role word before `of` or `of the` that precedes folded offset `at`, if it is one of
/// [`ORG_ROLES`], [`PLACE_ROLES`] or [`PERSON_OF`].
fn role_of_before<'t>(ctx: &Ctx<'t>, at: usize) -> Option<&'t str> {
    let start = |w: &str| w.as_ptr() as usize - ctx.folded.text.as_ptr() as usize;
    let mut w = ctx.word_before(at);
    if w == "the" {
        w = ctx.word_before(start(w));
    }
    if w != "of" {
        return None;
    }
    let role = ctx.word_before(start(w));
    (ORG_ROLES.contains(&role) || PLACE_ROLES.contains(&role) || PERSON_OF.contains(&role))
        .then_some(role)
}

/// Whether folded text `after` a name tells an event of a person's life ([`LIFE_EVENTS`]).
fn life_event(after: &str) -> bool {
    LIFE_EVENTS.iter().any(|e| {
        after
            .strip_prefix(e)
            .is_some_and(|r| !r.starts_with(|c: char| c.is_alphanumeric()))
    })
}

/// Whether folded text `after` a name starts with a possessive and one of [`KIN_NOUNS`].
fn kin_after(after: &str) -> bool {
    after.strip_prefix("'s ").is_some_and(|r| {
        let w = &r[..first_word_end(r)];
        KIN_NOUNS.contains(&w)
    })
}

/// Whether folded text `after` a name starts with an age in apposition: `, 45,` or `, 45)`.
fn age_follows(after: &str) -> bool {
    let Some(a) = after.strip_prefix(',') else {
        return false;
    };
    let a = a.trim_start_matches(' ');
    let digits = a.bytes().take_while(u8::is_ascii_digit).count();
    (1..=3).contains(&digits)
        && a[digits..]
            .trim_start_matches(' ')
            .starts_with([',', ')', ';'])
}

/// Creates (or finds) the guessed entity named by `items` and adds its mention.
fn add_entity(
    ctx: &Ctx,
    res: &mut DocResult,
    items: &[Item],
    etype: EntityType,
    confidence: f32,
    new_mentions: &mut Vec<Mention>,
) -> EntityRef {
    let (s, e) = (items[0].s, items[items.len() - 1].e);
    let (fs, fe) = (items[0].fs, items[items.len() - 1].fe);
    let span = &ctx.original[s..e];
    // The name is the span with its white space runs made single spaces; a plain span (ASCII,
    // words one space apart) is its own name.
    let plain = span.is_ascii() && {
        let b = span.as_bytes();
        !b.iter().any(|b| matches!(b, 0x09..=0x0D)) && !b.windows(2).any(|w| w == b"  ")
    };
    let same_name = |name: &str| {
        if plain {
            name == span
        } else {
            name.split(' ').eq(span.split_whitespace())
        }
    };
    let idx = match res
        .guessed
        .iter()
        .position(|g| g.etype == etype && same_name(&g.name))
    {
        Some(i) => {
            let g = &mut res.guessed[i];
            g.confidence = g.confidence.max(confidence);
            i
        }
        None => {
            let name = if plain {
                span.to_string()
            } else {
                span.split_whitespace().collect::<Vec<_>>().join(" ")
            };
            res.guessed.push(GuessedEntity {
                id: guess_id(etype, &ctx.folded.text[fs..fe]),
                name,
                etype,
                confidence,
            });
            res.guessed.len() - 1
        }
    };
    let entity = EntityRef::Guessed(idx as u32);
    new_mentions.push(Mention {
        start: s,
        end: e,
        fstart: fs,
        fend: fe,
        entity,
        etype,
        kind: MentionKind::Guessed,
    });
    entity
}

/// `person:guess:jane-doe`: the type prefix and the folded name reduced to ASCII letters and
/// digits joined by hyphens (accents dropped; other scripts kept as code points).
pub fn guess_id(etype: EntityType, folded: &str) -> String {
    use std::fmt::Write as _;
    use unicode_normalization::UnicodeNormalization;
    let mut id = String::with_capacity(folded.len() + 12);
    id.push_str(etype.id_prefix());
    id.push_str(":guess:");
    let base = id.len();
    // A letter or digit after a separator gets a hyphen first (never at the start).
    let mut dash = false;
    let mut sep = |id: &mut String, alnum: bool| {
        if alnum && dash && id.len() > base {
            id.push('-');
        }
        dash = !alnum;
    };
    if folded.is_ascii() {
        // ASCII is its own canonical decomposition; built as bytes.
        let mut bytes = std::mem::take(&mut id).into_bytes();
        let mut gap = false;
        for &b in folded.as_bytes() {
            let alnum = b.is_ascii_alphanumeric();
            if alnum {
                if gap && bytes.len() > base {
                    bytes.push(b'-');
                }
                bytes.push(b.to_ascii_lowercase());
            }
            gap = !alnum;
        }
        id = String::from_utf8(bytes).expect("ASCII bytes");
    } else {
        for c in folded.nfd() {
            if !c.is_alphanumeric() && unicode_normalization::char::is_combining_mark(c) {
                continue;
            }
            sep(&mut id, c.is_alphanumeric());
            if c.is_ascii_alphanumeric() {
                id.push(c.to_ascii_lowercase());
            } else if c.is_alphanumeric() {
                let _ = write!(id, "u{:x}", c as u32);
            }
        }
    }
    if id.len() == base {
        id.push('x');
    }
    id
}

/// `Name (ACR)`: when an all-capitals word in parentheses follows a mention or a guessed name,
/// it and its later occurrences are mentions of that entity; when it follows unknown words whose
/// initials it spells, those words are a guessed organization.
fn define_acronyms(
    ctx: &Ctx,
    res: &mut DocResult,
    scratch: &mut GuessScratch,
    new_mentions: &mut Vec<Mention>,
    absorbed: &mut Vec<usize>,
    acronyms: &mut Vec<(usize, usize, EntityRef)>,
) {
    let text = ctx.folded.text.as_str();
    let mut from = 0;
    let bytes = text.as_bytes();
    // `res.mentions` is sorted by start and disjoint: lookups are binary searches. The new
    // mentions are indexed as they come (end -> first mention ending there, and their spans),
    // and the gazetteer aliases of acronym length by their text, so that each definition costs
    // a logarithmic time, however many a document has.
    let mut new_by_end: FxHashMap<usize, usize> = FxHashMap::default();
    let mut new_spans = SpanIndex::default();
    let mut indexed = 0;
    let mut aliases: Option<FxHashMap<&str, Vec<usize>>> = None;
    let mut absorbed_set: FxHashSet<usize> = absorbed.iter().copied().collect();
    while let Some(p) = memchr::memchr(b'(', &bytes[from..]) {
        for (k, m) in new_mentions.iter().enumerate().skip(indexed) {
            new_by_end.entry(m.fend).or_insert(k);
            new_spans.insert(m.fstart, m.fend);
        }
        indexed = new_mentions.len();
        let open = from + p;
        from = open + 1;
        if open == 0 || bytes[open - 1] != b' ' {
            continue;
        }
        let Some(close_rel) = memchr::memchr(b')', &bytes[open + 1..]) else {
            break;
        };
        let (as_, ae) = (open + 1, open + 1 + close_rel);
        if !(2..=8).contains(&(ae - as_)) {
            continue;
        }
        let (os, oe) = ctx.folded.orig_span(as_, ae, ctx.original);
        let acr = &ctx.original[os..oe];
        let letters = acr.chars().filter(|c| c.is_alphabetic()).count();
        if letters < 2
            || !acr
                .chars()
                .all(|c| c.is_uppercase() || c == '-' || c == '&' || c.is_ascii_digit())
            || !acr.chars().next().is_some_and(char::is_uppercase)
        {
            continue;
        }
        // The entity right before the parenthesis.
        let before_end = open - 1;
        let prev = new_by_end
            .get(&before_end)
            .map(|&k| &new_mentions[k])
            .or_else(|| {
                let k = res.mentions.partition_point(|m| m.fend < before_end);
                res.mentions.get(k).filter(|m| m.fend == before_end)
            })
            .map(|m| (m.entity, m.etype, m.start, m.end));
        let entity = match prev {
            Some((e, t, s, end))
                if t != EntityType::Person
                    && (spells(acr, &ctx.original[s..end])
                        // An organization of three or more words abbreviated in its own
                        // language (`National Workers' Union of Ruritania (SNTR)`).
                        || (t == EntityType::Organization
                            && ctx.original[s..end].split(' ').count() >= 3
                            && acr.chars().all(|c| c.is_ascii_uppercase()))) =>
            {
                Some(e)
            }
            Some(_) => None,
            None => {
                // Unknown words whose initials spell the acronym.
                let initials: Vec<char> = acr.chars().filter(|c| c.is_alphabetic()).collect();
                initials_org(ctx, res, scratch, before_end, &initials, new_mentions)
            }
        };
        let Some(entity) = entity else { continue };
        for (k, m) in new_mentions.iter().enumerate().skip(indexed) {
            new_by_end.entry(m.fend).or_insert(k);
            new_spans.insert(m.fstart, m.fend);
        }
        indexed = new_mentions.len();
        if new_spans.overlaps(as_, ae) {
            continue;
        }
        let etype = match entity {
            EntityRef::Guessed(i) => res.guessed[i as usize].etype,
            EntityRef::Gaz(i) => ctx.g.entity(i).etype,
        };
        let kind = match entity {
            EntityRef::Gaz(_) => MentionKind::Alias,
            EntityRef::Guessed(_) => MentionKind::Guessed,
        };
        // A gazetteer alias of another entity yields to the definition in the text (`the
        // Frontier Defence Force (FDF)`), here and wherever the document repeats it.
        let acr_folded = &text[as_..ae];
        let other_alias = |m: &Mention| {
            m.entity != entity
                && m.kind == MentionKind::Alias
                && &text[m.fstart..m.fend] == acr_folded
        };
        let first_overlap = {
            let k = res.mentions.partition_point(|m| m.fend <= as_);
            res.mentions.get(k).filter(|m| m.fstart < ae)
        };
        match first_overlap {
            None => {}
            Some(m) if m.fstart == as_ && m.fend == ae && other_alias(m) => {
                let aliases = aliases.get_or_insert_with(|| {
                    let mut by_text: FxHashMap<&str, Vec<usize>> = FxHashMap::default();
                    for (i, m) in res.mentions.iter().enumerate() {
                        if m.kind == MentionKind::Alias && (2..=8).contains(&(m.fend - m.fstart)) {
                            by_text.entry(&text[m.fstart..m.fend]).or_default().push(i);
                        }
                    }
                    by_text
                });
                let same_text = aliases.get(acr_folded).map_or(&[][..], Vec::as_slice);
                for &i in same_text {
                    let m = &res.mentions[i];
                    if other_alias(m) && absorbed_set.insert(i) {
                        absorbed.push(i);
                        if m.fstart != as_ {
                            new_mentions.push(Mention {
                                entity,
                                etype,
                                kind,
                                ..*m
                            });
                        }
                    }
                }
            }
            // Already a mention (a known acronym, or part of a longer name).
            Some(_) => continue,
        }
        acronyms.push((as_, ae, entity));
        new_mentions.push(Mention {
            start: os,
            end: oe,
            fstart: as_,
            fend: ae,
            entity,
            etype,
            kind,
        });
    }
}

/// Whether acronym `acr` abbreviates `name`: its letters are, in order, initials of the
/// name's words or capitals inside them (`CDU` for `Christian Democratic Union`, `ISI` for
/// `Inter-Services Intelligence`), starting with the name's first initial.
fn spells(acr: &str, name: &str) -> bool {
    let mut letters = acr.chars().filter(|c| c.is_alphabetic());
    let Some(first) = letters.next() else {
        return false;
    };
    let mut caps = name
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .flat_map(|w| w.chars().filter(|c| c.is_uppercase()));
    if caps.next() != Some(first) {
        return false;
    }
    letters.all(|l| caps.any(|c| c == l))
}

/// The pending words ending at folded `end` whose initials (ignoring connectors) spell
/// `initials`, as a new guessed organization.
fn initials_org(
    ctx: &Ctx,
    res: &mut DocResult,
    scratch: &mut GuessScratch,
    end: usize,
    initials: &[char],
    new_mentions: &mut Vec<Mention>,
) -> Option<EntityRef> {
    let &(lo, hi) = scratch
        .pending
        .iter()
        .find(|&&(lo, hi)| hi > lo && scratch.all_items[hi - 1].fe == end)?;
    let items = &scratch.all_items[lo..hi];
    let n = initials.len();
    // Take words from the end until their initials spell the acronym.
    let mut got: Vec<char> = Vec::new();
    let mut start = items.len();
    while start > 0 && got.len() < n {
        start -= 1;
        if items[start].connector {
            continue;
        }
        let w = &ctx.original[items[start].s..items[start].e];
        // Hyphenated words give one initial per part (`Inter-Services`).
        let parts: Vec<char> = w
            .split('-')
            .filter_map(|p| p.chars().next())
            .filter(|c| c.is_uppercase())
            .collect();
        for c in parts.into_iter().rev() {
            got.insert(0, c);
        }
    }
    let want: String = initials.iter().flat_map(|c| c.to_uppercase()).collect();
    let have: String = got.iter().flat_map(|c| c.to_uppercase()).collect();
    if have != want || start == items.len() || items.len() - start < 2 {
        return None;
    }
    let sel = items[start..].to_vec();
    Some(add_entity(
        ctx,
        res,
        &sel,
        EntityType::Organization,
        0.6,
        new_mentions,
    ))
}

/// Every word list of this module (for tests that put odd text next to every cue word).
#[doc(hidden)]
pub fn cue_word_lists() -> Vec<&'static [&'static str]> {
    vec![
        ORG_HEADS,
        LEGAL_SUFFIXES,
        ORG_FIRST,
        LOC_HEADS,
        TITLE_WORDS,
        PORTFOLIOS,
        PERSON_CUES,
        SAY_VERBS,
        APPOSITION_ROLES,
        ORGAN_HEADS,
        ORG_CUES,
        ORG_STAFF_WORDS,
        COMPASS_WORDS,
        LOCATIVES,
        CONNECTORS,
        NAME_PARTICLES,
        NOT_NAMES,
        REGION_HEADS,
        MILITARY_UNITS,
        HOLIDAYS,
        NOT_PERSON_NOUNS,
        PLACE_NOUNS,
        ORG_ROLES,
        PLACE_ROLES,
        PERSON_OF,
        LIFE_EVENTS,
        KIN_NOUNS,
    ]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_are_stable_ascii() {
        assert_eq!(
            guess_id(EntityType::Person, "jane doe"),
            "person:guess:jane-doe"
        );
        assert_eq!(
            guess_id(EntityType::Organization, "göring-eckardt & co."),
            "org:guess:goring-eckardt-co"
        );
        assert_eq!(
            guess_id(EntityType::Location, "москва"),
            "loc:guess:u43cu43eu441u43au432u430"
        );
        // A vowel sign is a combining mark and a letter: kept.
        assert_eq!(
            guess_id(EntityType::Person, "\u{930}\u{93e}\u{92e} x"),
            "person:guess:u930u93eu92e-x"
        );
        assert_eq!(guess_id(EntityType::Person, " -- "), "person:guess:x");
    }

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

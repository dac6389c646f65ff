//! Places that stand for sports teams: `Kent beat Durham`, `Kent captain Tom Harkwell`,
//! `Kent 259 and 207`, a standings line `CHICAGO 71 64 .526`. Sports pages name clubs
//! and county sides after their towns; read as places they are wrong in a graph (`Kent`
//! does not beat anything).
//!
//! A place (a location of the gazetteer, never a state: national sides keep their state) is a
//! team in a document when one of its mentions has a team context:
//!
//! * a result verb joins it to another name (`X beat Y`, `X drew with Y`, `X v Y`);
//! * a sports role or group follows it (`X captain`, `X coach`, `X fans`);
//! * a score follows it on a results line: a number of one to three digits (`X 2 Y 1`,
//!   `X 259 and 207`, `X 114 (`, `X 71 64 .526`), not a date or a quantity.
//!
//! Then every mention of the place in the document becomes a mention of a guessed organization
//! of the same name, except where a locative preposition shows the place (`in Chester`,
//! `at Leeds`).

use super::words::{
    CALENDAR_WORDS, MONTH_ABBREVIATIONS, NATIONAL_SIDES, PLACE_WORDS, RESULT_PAIRS, RESULT_WORDS,
    SPORTS_WORDS, TEAM_ROLES,
};
use crate::doc::{DocResult, EntityRef, GuessedEntity, Mention};
use crate::text::normalize::Folded;
use crate::types::{EntityType, MentionKind};
use std::cell::OnceCell;

/// Turns places used as teams into guessed organizations (see the module docs).
pub fn teams(original: &str, folded: &Folded, res: &mut DocResult, sporty: &OnceCell<bool>) {
    let text = folded.text.as_str();
    // Places of the gazetteer with a team context somewhere in the document.
    let mut places: rustc_hash::FxHashSet<EntityRef> = rustc_hash::FxHashSet::default();
    for (i, m) in res.mentions.iter().enumerate() {
        if !is_place(m)
            || places.contains(&m.entity)
            || NATIONAL_SIDES.contains(&&text[m.fstart..m.fend])
        {
            continue;
        }
        let before = super::resolve::word_before(text, m.fstart);
        if PLACE_WORDS.contains(&before) {
            continue;
        }
        let after = &text[m.fend..];
        let next = res.mentions.get(i + 1);
        if result_between(text, m, next)
            || result_between_before(text, m, i.checked_sub(1).map(|p| &res.mentions[p]))
            || team_role_follows(after)
            || (score_follows(original, folded, m.fend) && self::sporty(sporty, text))
        {
            places.insert(m.entity);
        }
    }
    if places.is_empty() {
        return;
    }
    for k in 0..res.mentions.len() {
        let m = res.mentions[k];
        if !is_place(&m) || !places.contains(&m.entity) {
            continue;
        }
        if PLACE_WORDS.contains(&super::resolve::word_before(text, m.fstart))
            || year_follows(text, m.fend)
        {
            continue;
        }
        let span = &original[m.start..m.end];
        let name: String = span.split_whitespace().collect::<Vec<_>>().join(" ");
        let idx =
            match res.guessed.iter().position(|g| {
                g.etype == EntityType::Organization && g.name.eq_ignore_ascii_case(&name)
            }) {
                Some(i) => i,
                None => {
                    res.guessed.push(GuessedEntity {
                        id: super::ids::guess_id(EntityType::Organization, &text[m.fstart..m.fend]),
                        name,
                        etype: EntityType::Organization,
                        confidence: 0.5,
                    });
                    res.guessed.len() - 1
                }
            };
        res.mentions[k] = Mention {
            entity: EntityRef::Guessed(idx as u32),
            etype: EntityType::Organization,
            kind: MentionKind::Guessed,
            ..m
        };
    }
}

/// A gazetteer place named by name or alias (not a state, not a guess).
fn is_place(m: &Mention) -> bool {
    m.etype == EntityType::Location
        && matches!(m.entity, EntityRef::Gaz(_))
        && matches!(m.kind, MentionKind::Name | MentionKind::Alias)
}

/// Whether a year follows the name ending at folded offset `end` (a dateline:
/// `CHICAGO 2001-05-14`, `Arlington, Texas 2001-05-15`).
fn year_follows(text: &str, end: usize) -> bool {
    text[end..]
        .strip_prefix(' ')
        .is_some_and(|a| a.bytes().take_while(u8::is_ascii_digit).count() == 4)
}

/// The folded words of `gap` (the text between two mentions), if it is one result word or
/// phrase.
fn is_result_gap(gap: &str) -> bool {
    let mut words = gap.split_whitespace();
    match (words.next(), words.next(), words.next()) {
        (Some(w), None, None) => RESULT_WORDS.contains(&w.trim_end_matches('.')),
        (Some(a), Some(b), None) => RESULT_PAIRS.contains(&(a, b)),
        _ => false,
    }
}

/// Whether a result word joins `m` to the next mention (`m beat next`).
fn result_between(text: &str, m: &Mention, next: Option<&Mention>) -> bool {
    next.is_some_and(|n| n.fstart >= m.fend && is_result_gap(&text[m.fend..n.fstart]))
}

/// Whether a result word joins the previous mention to `m` (`prev beat m`).
fn result_between_before(text: &str, m: &Mention, prev: Option<&Mention>) -> bool {
    prev.is_some_and(|p| {
        p.fend <= m.fstart
            && p.etype != EntityType::Person
            && is_result_gap(&text[p.fend..m.fstart])
    })
}

/// Whether a sports role follows (`Kent captain`).
fn team_role_follows(after: &str) -> bool {
    let Some(a) = after.strip_prefix(' ') else {
        return false;
    };
    let end = a.find(|c: char| !c.is_alphanumeric()).unwrap_or(a.len());
    TEAM_ROLES.contains(&&a[..end])
}

/// Whether a score follows the name ending at folded offset `end`: a space, one to three digits
/// (optionally `-N`, wickets), then the end of the line, punctuation or `and`, or another
/// score or name (`Kent 2 Essex 1`, `CHICAGO 71 64 .526`) — not a date (`12 May`) or a
/// quantity (`3 miles`).
pub(crate) fn score_follows(original: &str, folded: &Folded, end: usize) -> bool {
    let text = folded.text.as_str();
    let Some(a) = text[end..].strip_prefix(' ') else {
        return false;
    };
    let digits = a.bytes().take_while(u8::is_ascii_digit).count();
    if !(1..=3).contains(&digits) {
        return false;
    }
    let mut r = &a[digits..];
    // `875,000` and `1.5` are quantities.
    if r.len() >= 2 && matches!(r.as_bytes()[0], b',' | b'.') && r.as_bytes()[1].is_ascii_digit() {
        return false;
    }
    if let Some(w) = r.strip_prefix('-') {
        let d = w.bytes().take_while(u8::is_ascii_digit).count();
        if d == 0 {
            return false;
        }
        r = &w[d..];
    }
    match r.as_bytes().first() {
        None | Some(b'\n' | b',' | b';' | b')') => true,
        Some(b' ') => {
            let r2 = r.trim_start_matches(' ');
            let next = r2.as_bytes().first().copied();
            match next {
                None | Some(b'\n' | b'(' | b'.' | b'/') => true,
                Some(b) if b.is_ascii_digit() => true,
                Some(_) if r2.starts_with("and ") => true,
                Some(_) => {
                    // Another name: a capitalised word in the original, not a month.
                    let at = text.len() - r2.len();
                    let capital = original[folded.orig_offset(at)..]
                        .chars()
                        .next()
                        .is_some_and(char::is_uppercase);
                    let word_end = r2.find(|c: char| !c.is_alphanumeric()).unwrap_or(r2.len());
                    capital && !is_month(&r2[..word_end])
                }
            }
        }
        _ => false,
    }
}

/// Whether the name starting at original offset `start` begins an entry of a results line:
/// at the start of a line or after `/`, `,`, `;`, `:` or a number (`Kent 2 Essex 1`,
/// `Leeds: Kent 259`), not after a word (`b Smith 33` in a scorecard names a bowler).
pub(crate) fn entry_start(original: &str, start: usize) -> bool {
    let head = original[..start].trim_end_matches([' ', '\t']);
    match head.as_bytes().last() {
        None => true,
        Some(&b) => matches!(b, b'\n' | b'/' | b',' | b';' | b':') || b.is_ascii_digit(),
    }
}

/// Whether a folded word is a month name or its abbreviation (`12 May`, `26 Apr 94`).
pub(crate) fn is_month(w: &str) -> bool {
    CALENDAR_WORDS[..12].contains(&w) || MONTH_ABBREVIATIONS.contains(&w)
}

/// Whether the document (folded text) reads like a sports report, asked once per document:
/// `cell` is shared by the name guesser and [`teams`].
pub(crate) fn sporty(cell: &OnceCell<bool>, folded: &str) -> bool {
    *cell.get_or_init(|| is_sporty(folded))
}

/// Whether the folded text of a document reads like a sports report (see [`SPORTS_WORDS`]).
fn is_sporty(folded: &str) -> bool {
    // One pass over the text for all the words.
    static WORDS: std::sync::OnceLock<aho_corasick::AhoCorasick> = std::sync::OnceLock::new();
    WORDS
        .get_or_init(|| {
            aho_corasick::AhoCorasick::new(SPORTS_WORDS).expect("sports words build an automaton")
        })
        .is_match(folded)
}

/// Every word list of this module (for tests that put odd text next to every cue word).
#[doc(hidden)]
pub fn cue_word_lists() -> Vec<&'static [&'static str]> {
    vec![
        RESULT_WORDS,
        TEAM_ROLES,
        PLACE_WORDS,
        MONTH_ABBREVIATIONS,
        NATIONAL_SIDES,
        SPORTS_WORDS,
    ]
}

//! In-document resolution: choosing among ambiguous candidates, metonyms versus places, short
//! forms of people introduced in full, and sentence-initial pronouns.
//!
//! * **Ambiguity**: when a surface names several entities, a metonym (`Moscow` for Russia)
//!   yields to a location of the same name after a locative preposition or verb of movement
//!   or attack (`in Moscow`, `visited Moscow`, `Moscow-based`) and wins otherwise; then an entity the document already names unambiguously wins; then the order of
//!   docs/gazetteer.md (kind, type, id).
//! * **Short forms**: when a person is named with two or more words (`Sergei Shoigu`), a
//!   capitalised occurrence of their first or last name word (`Shoigu`) anywhere in the document
//!   (a headline may come first) is a coreference mention, unless two people of the document share
//!   that word (then it stays unresolved). A one-word place or state mention that is such a
//!   surname becomes the person unless a locative word precedes it (`Jordan` after `Anna Jordan`,
//!   not `in Jordan`); a capitalised particle before the surname joins it (`De Brantse`).
//! * **Pronouns**: a sentence-initial `He` or `She` refers to the first person mentioned in the
//!   previous sentence whose gender (when the gazetteer knows it) agrees.

use super::words::{CALENDAR_WORDS, PLACE_READING_WORDS, PLACE_SUFFIXES, SURNAME_PARTICLES};
use crate::doc::{EntityRef, Mention};
use crate::gazetteer::lexicon::is_stop_word;
use crate::gazetteer::{EntityIdx, Gazetteer, Gender};
use crate::matcher::{MatchBuf, SurfaceIdx};
use crate::text::normalize::Folded;
use crate::types::{EntityType, MentionKind};
use rustc_hash::FxHashMap;

/// Whether the demonym at folded `start..end` names a language: after `in` and followed by the
/// end of the text, punctuation or a number (`broadcast in Spanish`, `in French 1700 GMT`).
fn is_language(folded: &str, start: usize, end: usize) -> bool {
    word_before(folded, start) == "in"
        && match folded[end..].trim_start_matches(' ').bytes().next() {
            None => true,
            Some(b) => b.is_ascii_digit() || b.is_ascii_punctuation() || b == b'\n',
        }
}

/// The lower-case word before folded offset `at`, if any.
pub(crate) fn word_before(folded: &str, at: usize) -> &str {
    last_word(folded[..at].trim_end())
}

/// The run of letters and digits that ends `text` (empty if it ends otherwise).
pub(crate) fn last_word(text: &str) -> &str {
    let start = text
        .char_indices()
        .rev()
        .find(|&(_, c)| !c.is_alphanumeric())
        .map_or(0, |(i, c)| i + c.len_utf8());
    &text[start..]
}

/// Turns raw matches into resolved mentions (appended to `out`, sorted by position).
pub fn resolve(
    g: &Gazetteer,
    _original: &str,
    folded: &Folded,
    matches: &MatchBuf,
    out: &mut Vec<Mention>,
) {
    out.clear();
    let surfaces = g.surfaces();
    // Entities named unambiguously, for the ambiguity rule.
    let mut sure: rustc_hash::FxHashSet<EntityIdx> = rustc_hash::FxHashSet::default();
    for m in &matches.matches {
        let cands = &matches.cands[m.cands.clone()];
        let e0 = surfaces[cands[0] as usize].entity;
        if cands.iter().all(|&c| surfaces[c as usize].entity == e0) {
            sure.insert(e0);
        }
    }
    for (i, m) in matches.matches.iter().enumerate() {
        let cands = &matches.cands[m.cands.clone()];
        let best_of = |filter: &dyn Fn(EntityIdx, MentionKind) -> bool| {
            cands
                .iter()
                .map(|&c| &surfaces[c as usize])
                .filter(|s| filter(s.entity, s.kind))
                .min_by(|a, b| {
                    let ea = g.entity(a.entity);
                    let eb = g.entity(b.entity);
                    (a.kind.preference(), ea.etype.preference(), &ea.id).cmp(&(
                        b.kind.preference(),
                        eb.etype.preference(),
                        &eb.id,
                    ))
                })
                .map(|s| (s.entity, s.kind, s.text.starts_with("the ")))
        };
        let has_metonym = cands
            .iter()
            .any(|&c| surfaces[c as usize].kind == MentionKind::Metonym);
        let is_loc = |e: EntityIdx| g.entity(e).etype == EntityType::Location;
        let chosen = if has_metonym && cands.iter().any(|&c| is_loc(surfaces[c as usize].entity)) {
            let place = PLACE_READING_WORDS.contains(&word_before(&folded.text, m.folded.start))
                || capital_before(&folded.text, m.folded.start)
                || PLACE_SUFFIXES
                    .iter()
                    .any(|x| folded.text[m.folded.end..].starts_with(x))
                || own_state_follows(g, folded, matches, i);
            if place {
                best_of(&|e, _| is_loc(e))
            } else {
                best_of(&|_, k| k == MentionKind::Metonym)
            }
        } else {
            best_of(&|e, _| sure.contains(&e)).or_else(|| best_of(&|_, _| true))
        };
        let Some((entity, kind, article)) = chosen else {
            continue;
        };
        // `in Spanish`, `in French 1700 GMT`: a language, not the state.
        if kind == MentionKind::Demonym && is_language(&folded.text, m.folded.start, m.folded.end) {
            continue;
        }
        // A name or alias listed with its article (`the Mediterranean`) needs it to match, but
        // the name does not include it. A metonym keeps it: `the Kremlin` as a whole stands for
        // the state.
        let skip = if article && kind != MentionKind::Metonym {
            4
        } else {
            0
        };
        out.push(Mention {
            start: m.original.start + skip,
            end: m.original.end,
            fstart: m.folded.start + skip,
            fend: m.folded.end,
            entity: EntityRef::Gaz(entity),
            etype: g.entity(entity).etype,
            kind,
        });
    }
}

/// Whether `capital` (and a comma) comes right before folded offset `at`: `the capital
/// Moscow`, `Ruritania's capital, Moscow` name the city.
fn capital_before(folded: &str, at: usize) -> bool {
    let head = folded[..at].trim_end();
    word_before(folded, head.strip_suffix(',').map_or(head.len(), str::len)) == "capital"
}

/// Whether match `i` is followed by `, ` and a name of the state it is a metonym of, as in
/// datelines and addresses (`Bangkok, Thailand`): there it names the city.
fn own_state_follows(g: &Gazetteer, folded: &Folded, matches: &MatchBuf, i: usize) -> bool {
    let surfaces = g.surfaces();
    let m = &matches.matches[i];
    let Some(next) = matches.matches.get(i + 1) else {
        return false;
    };
    if folded.text.get(m.folded.end..next.folded.start) != Some(", ") {
        return false;
    }
    let metonym_of = |c: &SurfaceIdx| {
        let s = &surfaces[*c as usize];
        (s.kind == MentionKind::Metonym).then_some(s.entity)
    };
    matches.cands[m.cands.clone()]
        .iter()
        .filter_map(metonym_of)
        .any(|state| {
            matches.cands[next.cands.clone()].iter().any(|&c| {
                let s = &surfaces[c as usize];
                s.entity == state && s.kind != MentionKind::Metonym
            })
        })
}

/// Document-level coreference after the gazetteer mentions and the guessed names are known:
/// short forms of people named in full, then sentence-initial pronouns.
pub fn coreference(
    g: &Gazetteer,
    original: &str,
    folded: &Folded,
    sentences: &[(usize, usize)],
    out: &mut Vec<Mention>,
) {
    short_forms(original, folded, out);
    pronouns(g, original, folded, sentences, out);
}

/// Adds coreference mentions for short forms of people named in full.
fn short_forms(original: &str, folded: &Folded, out: &mut Vec<Mention>) {
    // Short form in folded text -> (person, whether it is the surname, whether two people of
    // the document share it). One entry per word keeps the cost linear in the document.
    let mut forms: FxHashMap<&str, (EntityRef, bool, bool)> = FxHashMap::default();
    let mut order: Vec<&str> = Vec::new();
    for m in out.iter() {
        if m.etype != EntityType::Person
            || !matches!(
                m.kind,
                MentionKind::Name | MentionKind::Alias | MentionKind::Guessed
            )
        {
            continue;
        }
        let span = &folded.text[m.fstart..m.fend];
        // Words are separated by spaces and periods (`G. Novak`); apostrophes and hyphens stay
        // inside them (`O'Brien`, `Zia-ul-Karim`).
        let words = || {
            span.split([' ', '.', ','])
                .map(|w| w.trim_matches(|c: char| !c.is_alphanumeric()))
                .filter(|w| !w.is_empty() && !SURNAME_PARTICLES.contains(w))
        };
        if words().nth(1).is_none() {
            continue;
        }
        let first = words().next().map(|w| (w, false));
        let last = words().next_back().map(|w| (w, true));
        for (w, surname) in first.into_iter().chain(last) {
            if w.chars().count() < 3 || is_stop_word(w) || CALENDAR_WORDS.contains(&w) {
                continue;
            }
            match forms.entry(w) {
                std::collections::hash_map::Entry::Vacant(v) => {
                    v.insert((m.entity, surname, false));
                    order.push(w);
                }
                std::collections::hash_map::Entry::Occupied(mut o) => {
                    if o.get().0 != m.entity {
                        o.get_mut().2 = true;
                    }
                }
            }
        }
    }
    if forms.is_empty() {
        return;
    }
    let text = &folded.text;
    let bytes = text.as_bytes();
    // Whole-word occurrences of each form anywhere in the document (a headline may name a
    // person by surname before the story names them in full): (start, end, entity, surname,
    // ambiguous). A word inside a hyphenated or apostrophised name (`Karim` in
    // `Zia-ul-Karim`) is none.
    let joiner = |c: char| c == '-' || c == '\'';
    let bounded = |p: usize, end: usize| {
        let mut before = text[..p].chars().rev();
        let before_ok = match before.next() {
            Some(c) if c.is_alphanumeric() => false,
            Some(c) if joiner(c) => !before.next().is_some_and(char::is_alphanumeric),
            _ => true,
        };
        let mut after = text[end..].chars();
        let after_ok = match after.next() {
            Some(c) if c.is_alphanumeric() => false,
            Some(c) if joiner(c) => {
                !after.next().is_some_and(char::is_alphanumeric) || text[end..].starts_with("'s")
            }
            _ => true,
        };
        before_ok && after_ok
    };
    let mut hits: Vec<(usize, usize, EntityRef, bool, bool)> = Vec::new();
    let mut hit = |p: usize, f: &str| {
        let end = p + f.len();
        if bounded(p, end) {
            let (e, surname, ambiguous) = forms[f];
            hits.push((p, end, e, surname, ambiguous));
        }
    };
    if order.len() <= 4 {
        for &f in &order {
            for p in memchr::memmem::find_iter(bytes, f.as_bytes()) {
                hit(p, f);
            }
        }
    } else {
        // Many names: one pass over the text for all of them.
        let ac = aho_corasick::AhoCorasick::new(&order).expect("short forms compile");
        for m in ac.find_overlapping_iter(bytes) {
            hit(m.start(), order[m.pattern().as_usize()]);
        }
    }
    hits.sort_unstable_by_key(|&(p, end, ..)| (p, end));
    let mut added = Vec::new();
    let mut next_mention = 0;
    let mut k = 0;
    while k < hits.len() {
        let (i, end, e, surname, mut ambiguous) = hits[k];
        // Every form found at `i`: a word that is the short form of two people is left alone.
        let mut group_end = k + 1;
        while group_end < hits.len() && hits[group_end].0 == i {
            ambiguous |= hits[group_end].2 != e;
            group_end += 1;
        }
        k = group_end;
        // Only a capitalised word can be a short form of a name.
        let capitalised = original[folded.orig_offset(i)..]
            .chars()
            .next()
            .is_some_and(char::is_uppercase);
        if !capitalised {
            continue;
        }
        while next_mention < out.len() && out[next_mention].fend <= i {
            next_mention += 1;
        }
        let covered = next_mention < out.len() && out[next_mention].fstart <= i;
        if ambiguous {
            continue;
        }
        if covered {
            // A one-word place or state that is the surname of a person the document names in
            // full is that person (`Jordan` after `Michael Jordan`), unless a locative word
            // shows the place (`in Jordan`).
            let c = &mut out[next_mention];
            if surname
                && c.fstart == i
                && c.fend == end
                && matches!(c.etype, EntityType::State | EntityType::Location)
                && matches!(c.kind, MentionKind::Name | MentionKind::Alias)
                && !PLACE_READING_WORDS.contains(&word_before(text, i))
            {
                c.entity = e;
                c.etype = EntityType::Person;
                c.kind = MentionKind::Coreference;
            }
            continue;
        }
        // A capitalised particle before the surname belongs to it (`De Brantse`, `Van Oostveld`).
        let mut i = i;
        if surname {
            let head = &text[..i];
            let w = head.trim_end_matches(' ');
            let p = w
                .char_indices()
                .rev()
                .find(|&(_, c)| !c.is_alphanumeric())
                .map_or(0, |(k, c)| k + c.len_utf8());
            let particle = &w[p..];
            if w.len() < head.len()
                && SURNAME_PARTICLES.contains(&particle)
                && original[folded.orig_offset(p)..]
                    .chars()
                    .next()
                    .is_some_and(char::is_uppercase)
                && !(next_mention > 0 && out[next_mention - 1].fend > p)
            {
                i = p;
            }
        }
        let (os, oe) = folded.orig_span(i, end, original);
        added.push(Mention {
            start: os,
            end: oe,
            fstart: i,
            fend: end,
            entity: e,
            etype: EntityType::Person,
            kind: MentionKind::Coreference,
        });
    }
    if !added.is_empty() {
        out.extend(added);
        out.sort_by_key(|m| m.start);
    }
}

/// Adds coreference mentions for sentence-initial he/she.
fn pronouns(
    g: &Gazetteer,
    original: &str,
    folded: &Folded,
    sentences: &[(usize, usize)],
    out: &mut Vec<Mention>,
) {
    let mut added = Vec::new();
    for w in sentences.windows(2) {
        let (prev, cur) = (w[0], w[1]);
        let gender = if original[cur.0..].starts_with("He ") {
            Gender::Male
        } else if original[cur.0..].starts_with("She ") {
            Gender::Female
        } else {
            continue;
        };
        // The mentions of the previous sentence: `out` is sorted by start, and the only added
        // mention that can lie there is the pronoun added for it.
        let from = out.partition_point(|m| m.start < prev.0);
        let to = from + out[from..].partition_point(|m| m.start < prev.1);
        let fits = |m: &&Mention| {
            m.start >= prev.0
                && m.end <= prev.1
                && m.etype == EntityType::Person
                && m.entity
                    .gaz()
                    .is_none_or(|e| g.entity(e).gender.is_none_or(|x| x == gender))
        };
        let subject = out[from..to]
            .iter()
            .chain(added.last())
            .filter(fits)
            .min_by_key(|m| m.start)
            .copied();
        if let Some(s) = subject {
            let len = if gender == Gender::Male { 2 } else { 3 };
            let fstart = folded.folded_offset(cur.0);
            added.push(Mention {
                start: cur.0,
                end: cur.0 + len,
                fstart,
                fend: fstart + len,
                entity: s.entity,
                etype: EntityType::Person,
                kind: MentionKind::Coreference,
            });
        }
    }
    if !added.is_empty() {
        out.extend(added);
        out.sort_by_key(|m| m.start);
    }
}

/// Every word list of this module (for tests that put odd text next to every cue word).
#[doc(hidden)]
pub fn cue_word_lists() -> Vec<&'static [&'static str]> {
    vec![
        PLACE_READING_WORDS,
        PLACE_SUFFIXES,
        SURNAME_PARTICLES,
        CALENDAR_WORDS,
    ]
}

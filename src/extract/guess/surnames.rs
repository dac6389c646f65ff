//! Surnames: one-word guesses from the surnames the gazetteer knows, and one-word guesses
//! dropped as short forms of a person named in full or as a word of a company's name.

use super::classes::{PARTICLE, has};
use super::common::{Ctx, Item, Out, starts_with_any};
use super::places::address_after;
use crate::doc::{DocResult, EntityRef};
use crate::extract::resolve::last_word;
use crate::extract::words::{NOT_PERSON_NOUNS, PLACE_NOUNS};
use crate::types::{EntityType, MentionKind};
use rustc_hash::FxHashSet;

/// One-word guessed people (`Novak said`) whose word is the first or last name of a person
/// the document names in full (`Jan Novak`) are short forms: their mentions are dropped here,
/// and `resolve::coreference` links them to that person.
pub(super) fn drop_short_forms(ctx: &Ctx, res: &DocResult, out: &mut Out) {
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
pub(super) fn drop_company_surnames(ctx: &Ctx, res: &DocResult, out: &mut Out) {
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

/// The confidence of a one-word guess from a gazetteer surname ([`lone_surname_context`]).
pub(super) const SURNAME_CONFIDENCE: f32 = 0.4;

/// Whether the one word `w` (a gazetteer surname) stands alone as a person's name: not part of
/// a longer name or a list of capitalised names (`Robertson, Colman and Stephens`, `Tate and
/// Lyle`, firms and partnerships), not before a company or product noun (`Novak shares`), not a
/// town in an address (`Maynard, Mass.`) or after a place noun (`the town of Amarah`), and not
/// joined by a hyphen or slash (`Washington-Dulles`).
pub(super) fn lone_surname_context(ctx: &Ctx, res: &DocResult, w: &Item, after: &str) -> bool {
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

//! Acronyms defined in parentheses (`Name (ACR)`): mentions of the entity before them, or
//! new organizations whose initials they spell.

use super::common::{Ctx, GuessScratch, SpanIndex};
use super::entities::add_entity;
use crate::doc::{DocResult, EntityRef, Mention};
use crate::types::{EntityType, MentionKind};
use rustc_hash::{FxHashMap, FxHashSet};

/// `Name (ACR)`: when an all-capitals word in parentheses follows a mention or a guessed name,
/// it and its later occurrences are mentions of that entity; when it follows unknown words whose
/// initials it spells, those words are a guessed organization.
pub(super) fn define_acronyms(
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

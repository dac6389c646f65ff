//! Splitting a run into names: organizations at their head words (across `and`), titles and
//! the names after them, units named by an ordinal; the rest goes to [`super::decide`].

use super::classes::{
    FIRST, NOT_NAME, ORG_FIRST_W, ORG_HEAD, PARTICLE, PERSON_CUE, PORTFOLIO, STOP, TITLE, has,
    is_common,
};
use super::common::{Ctx, GuessScratch, Item, Out};
use super::decide::decide;
use super::entities::add_entity;
use super::people::{age_follows, role_of_before};
use crate::doc::DocResult;
use crate::extract::words::{LEGAL_SUFFIXES, MILITARY_UNITS, PERSON_OF, REGION_HEADS};
use crate::gazetteer::lexicon::GENERATIONS;
use crate::types::{EntityType, MentionKind, RelationType};

#[inline(never)]
pub(super) fn flush_run(ctx: &Ctx, res: &mut DocResult, scratch: &mut GuessScratch, out: &mut Out) {
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
pub(super) fn rest(
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

//! Runs of capitalised words: the walk over the document that collects them (mentions are
//! single items), the second pass that finds guessed names and defined acronyms where they
//! recur, and the merge of the guesses into the document.

use super::acronyms::define_acronyms;
use super::classes::{FIRST, NOT_NAME, ORG_HEAD, STOP, TITLE, is_connector};
use super::common::{Ctx, GuessScratch, Item, Out, SpanIndex};
use super::entities::add_entity;
use super::split::flush_run;
use super::surnames::{drop_company_surnames, drop_short_forms};
use crate::doc::{DocResult, EntityRef, Found, Mention, RuleRef};
use crate::gazetteer::Gazetteer;
use crate::text::normalize::Folded;
use crate::types::{EntityType, MentionKind, Origin};
use rustc_hash::{FxHashMap, FxHashSet};

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
                features: Vec::new(),
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

/// The names pass 2 looks for: defined acronyms (folded span -> entity, the first definition
/// wins) and guessed entities other than places (lower-cased name -> the first such guess).
/// Kept up to date as pass 2 guesses more, so each lookup is one hash probe.
#[derive(Default)]
struct KnownNames<'t> {
    pub(super) acronyms: FxHashMap<&'t str, EntityRef>,
    pub(super) guessed: FxHashMap<String, u32>,
    /// How many of `res.guessed` are indexed.
    pub(super) indexed: usize,
}

impl<'t> KnownNames<'t> {
    pub(super) fn new(acronyms: &[(usize, usize, EntityRef)], text: &'t str) -> KnownNames<'t> {
        let mut k = KnownNames::default();
        for &(s, e, ent) in acronyms {
            k.acronyms.entry(&text[s..e]).or_insert(ent);
        }
        k
    }

    /// Indexes the guesses added since the last call.
    pub(super) fn update(&mut self, res: &DocResult) {
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
    pub(super) fn lookup(&self, span: &str) -> Option<EntityRef> {
        if let Some(&e) = self.acronyms.get(span) {
            return Some(e);
        }
        self.guessed.get(span).map(|&i| EntityRef::Guessed(i))
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

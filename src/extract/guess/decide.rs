//! The type of a group of unknown capitalised words, from its words and its context.

use super::classes::{
    APPOS, FIRST, LOC_HEAD, LOCATIVE, NOT_NAME, ORG_CUE, ORG_HEAD, ORG_STAFF, PERSON_CUE, SAY,
    STOP, TITLE, classes,
};
use super::common::{Ctx, Guess, Item, mention_starting, starts_with_word};
use super::people::{age_follows, kin_after, life_event, role_of_before};
use super::places::{address_after, town_or_region};
use super::surnames::{SURNAME_CONFIDENCE, lone_surname_context};
use crate::doc::DocResult;
use crate::extract::words::{CALENDAR_WORDS, HOLIDAYS, PERSON_OF, PLACE_ROLES};
use crate::types::{EntityType, MentionKind};

/// Decides what the words `items[s..b]` name, if anything.
pub(super) fn decide(
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
        && !crate::extract::teams::is_month(ctx.fword(w0))
        && crate::extract::teams::entry_start(ctx.original, w0.s)
        && crate::extract::teams::score_follows(ctx.original, ctx.folded, wn.fe)
        && crate::extract::teams::sporty(ctx.sporty, &ctx.folded.text)
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
        && !crate::extract::teams::is_month(last)
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

//! Places named with their region or state: `Town, Region` addresses and datelines.

use super::classes::{COMPASS, has};
use super::common::{Ctx, mention_starting};
use crate::doc::{DocResult, EntityRef, Mention};
use crate::types::{EntityType, MentionKind};

/// The place mention after a name in `Town, State` or `Town, northern State` form (the way
/// datelines and addresses name towns), if the address ends there.
pub(super) fn address_after<'r>(ctx: &Ctx, res: &'r DocResult, after: &str) -> Option<&'r Mention> {
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
pub(super) fn town_or_region(ctx: &Ctx, res: &DocResult, m: &Mention) -> bool {
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

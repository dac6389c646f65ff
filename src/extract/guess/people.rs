//! Contexts that only people have: roles before `of`, events of a life, kin after a
//! possessive, an age in apposition.

use super::common::{Ctx, first_word_end};
use crate::extract::words::{KIN_NOUNS, LIFE_EVENTS, ORG_ROLES, PERSON_OF, PLACE_ROLES};

/// The role word before `of` or `of the` that precedes folded offset `at`, if it is one of
/// [`ORG_ROLES`], [`PLACE_ROLES`] or [`PERSON_OF`].
pub(super) fn role_of_before<'t>(ctx: &Ctx<'t>, at: usize) -> Option<&'t str> {
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
pub(super) fn life_event(after: &str) -> bool {
    LIFE_EVENTS.iter().any(|e| {
        after
            .strip_prefix(e)
            .is_some_and(|r| !r.starts_with(|c: char| c.is_alphanumeric()))
    })
}

/// Whether folded text `after` a name starts with a possessive and one of [`KIN_NOUNS`].
pub(super) fn kin_after(after: &str) -> bool {
    after.strip_prefix("'s ").is_some_and(|r| {
        let w = &r[..first_word_end(r)];
        KIN_NOUNS.contains(&w)
    })
}

/// Whether folded text `after` a name starts with an age in apposition: `, 45,` or `, 45)`.
pub(super) fn age_follows(after: &str) -> bool {
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

//! Guessed entities: their ids and mentions.

use super::common::{Ctx, Item};
use crate::doc::{DocResult, EntityRef, GuessedEntity, Mention};
use crate::types::{EntityType, MentionKind};

/// Creates (or finds) the guessed entity named by `items` and adds its mention.
pub(super) fn add_entity(
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
}

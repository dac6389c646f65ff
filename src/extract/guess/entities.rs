//! Guessed entities: their ids and mentions.

use super::common::{Ctx, Item};
use crate::doc::{DocResult, EntityRef, GuessedEntity, Mention};
use crate::extract::ids::guess_id;
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

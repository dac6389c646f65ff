//! Leaders act for their states. When a state-level event (sending personnel, invading,
//! sanctioning, attacking, supporting, agreeing, cooperating, threatening, criticizing) has as
//! its source a person who is head of state or government of a state S — by the gazetteer's
//! roles, active on the document date (or still held, without a date) — the same event is also
//! recorded with S as its source: "Kim Jong Un decided to send sappers to Russia" also yields
//! North Korea sends_personnel_to Russia. Event-data coders (CAMEO, PETRARCH) code leaders as
//! their governments in the same way. The derived edge keeps the evidence and rule, with the
//! confidence scaled by [`LIFT_CONFIDENCE`], and is added only when the document mentions the
//! state, never towards the state itself.

use crate::doc::{EntityRef, Found, Mention};
use crate::gazetteer::{Date, Gazetteer};
use crate::types::{EntityType, Origin, RelationType};

/// Confidence factor of an edge derived from a leader's action.
pub const LIFT_CONFIDENCE: f32 = 0.8;

fn state_level(r: RelationType) -> bool {
    use RelationType::*;
    matches!(
        r,
        SendsPersonnelTo
            | Invades
            | Sanctions
            | Attacks
            | Supports
            | AgreementWith
            | CooperatesWith
            | Threatens
            | Criticizes
    )
}

/// Appends, for each text edge whose source leads a state that the document also mentions, the
/// same edge from that state (every endpoint of a record is an entity of the record).
pub fn lift_leaders<'a>(
    g: &Gazetteer,
    date: Option<Date>,
    mentions: &[Mention],
    found: &mut Vec<Found<'a>>,
) {
    let n = found.len();
    // The entities the document mentions, found once (not per edge).
    let mut mentioned: Option<rustc_hash::FxHashSet<EntityRef>> = None;
    for i in 0..n {
        let f = &found[i];
        if f.origin != Origin::Text || !state_level(f.relation) {
            continue;
        }
        let Some(person) = f.source.gaz() else {
            continue;
        };
        if g.entity(person).etype != EntityType::Person {
            continue;
        }
        let led = g.entity(person).roles.iter().find(|r| {
            matches!(
                r.relation,
                RelationType::HeadOfState | RelationType::HeadOfGovernment
            ) && r.active(date)
        });
        let Some(role) = led else { continue };
        let state = EntityRef::Gaz(role.of);
        // Guessed targets carry their type in the document, not here: not lifted.
        let Some(target) = f.target.gaz() else {
            continue;
        };
        if state == f.target
            || !f.relation.allows(EntityType::State, g.entity(target).etype)
            || !mentioned
                .get_or_insert_with(|| mentions.iter().map(|m| m.entity).collect())
                .contains(&state)
        {
            continue;
        }
        let lifted = Found {
            source: state,
            confidence: f.confidence * LIFT_CONFIDENCE,
            ..f.clone()
        };
        found.push(lifted);
    }
}

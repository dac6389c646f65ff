//! Addresses: `Town, Region` (`Kleinstadt, Md.`, `Kleinbruck, Bavaria,`), the way datelines and
//! news name a town with its first-level region. The town is `located_in` the region when the
//! gazetteer says the region is one (kind `region`) and the town, if the gazetteer knows it, lies
//! in the region's state. The rule engine cannot ask the gazetteer these questions, and a list
//! of places (`Paris, London, Berlin`) must give nothing.

use crate::doc::{DocResult, EntityRef, Found, Mention, RuleRef};
use crate::gazetteer::Gazetteer;
use crate::types::{EntityType, MentionKind, Origin, RelationType};

/// The rule id recorded on the edges.
pub const RULE: &str = "located_in.address";

/// Adds `town located_in region` for each `Town, Region` address of the document.
pub fn addresses(g: &Gazetteer, text: &str, res: &mut DocResult) {
    let n = res.mentions.len();
    for i in 1..n {
        let (town, region) = (res.mentions[i - 1], res.mentions[i]);
        if text.get(town.end..region.start) != Some(", ") || !is_town(g, &town) {
            continue;
        }
        let Some(r) = region.entity.gaz() else {
            continue;
        };
        let re = g.entity(r);
        if re.etype != EntityType::Location
            || re.kind.as_deref() != Some("region")
            || !matches!(region.kind, MentionKind::Name | MentionKind::Alias)
            || !ends_address(&text[region.end..])
        {
            continue;
        }
        if let Some(t) = town.entity.gaz()
            && (re.state.is_none() || g.entity(t).state != re.state)
        {
            continue;
        }
        let sentence = crate::doc::sentence_around(&res.sentences, town.start, region.end);
        res.relations.push(Found {
            features: Vec::new(),
            source: town.entity,
            relation: RelationType::LocatedIn,
            target: region.entity,
            origin: Origin::Text,
            role: None,
            sentence,
            trigger: (town.start, region.end),
            rule: RuleRef::Builtin(RULE),
            confidence: 0.8,
        });
    }
}

/// A town: a guessed place, or a gazetteer city or capital named by its name or an alias.
fn is_town(g: &Gazetteer, m: &Mention) -> bool {
    if m.etype != EntityType::Location {
        return false;
    }
    match m.entity {
        EntityRef::Guessed(_) => m.kind == MentionKind::Guessed,
        EntityRef::Gaz(i) => {
            matches!(m.kind, MentionKind::Name | MentionKind::Alias)
                && matches!(g.entity(i).kind.as_deref(), Some("city" | "capital"))
        }
    }
}

/// Whether the text after the region ends the address as a guessed town's does
/// ([`super::guess::place_ends`]), or a lower-case word follows (`Pellston, Mich. residents`);
/// not another capitalised name (`Paris, Texas Comets`).
fn ends_address(rest: &str) -> bool {
    super::guess::place_ends(rest)
        || rest
            .strip_prefix(' ')
            .is_some_and(|r| r.trim_start_matches(' ').starts_with(char::is_lowercase))
}

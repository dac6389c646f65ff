//! The gazetteer: typed entities with their surfaces (names, aliases, demonyms, metonyms), the
//! state or organization they belong to, and people's dated roles. docs/gazetteer.md documents
//! the file format; [`load`] parses it; `crate::embedded` holds the default files.

pub mod date;
pub mod lexicon;
pub mod load;

pub use date::Date;
pub use load::{GazetteerBuilder, GazetteerError};

use crate::text::normalize::fold_str;
use crate::types::{EntityType, MentionKind, RelationType};
use rustc_hash::FxHashMap as HashMap;

/// Index of an entity inside one [`Gazetteer`].
pub type EntityIdx = u32;

/// Gender, used only to skip pronouns of the other gender.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Gender {
    Male,
    Female,
}

/// An office a person held.
#[derive(Debug, Clone)]
pub struct Role {
    pub relation: RelationType,
    pub of: EntityIdx,
    pub title: Option<String>,
    pub start: Option<Date>,
    pub end: Option<Date>,
}

impl Role {
    /// Whether the role is held on `date`; without a date, whether it is still held (no end).
    pub fn active(&self, date: Option<Date>) -> bool {
        match date {
            Some(d) => date::active_on(self.start, self.end, d),
            None => self.end.is_none(),
        }
    }
}

/// One gazetteer entity.
#[derive(Debug, Clone)]
pub struct Entity {
    pub id: String,
    pub etype: EntityType,
    pub name: String,
    pub qid: Option<String>,
    pub kind: Option<String>,
    pub state: Option<EntityIdx>,
    pub parent: Option<EntityIdx>,
    pub members: Vec<EntityIdx>,
    /// Organizations that list this entity in `members` (computed at load).
    pub member_of: Vec<EntityIdx>,
    pub roles: Vec<Role>,
    pub gender: Option<Gender>,
    pub aliases: Vec<String>,
    pub source: Option<String>,
}

/// How strictly a surface's capitalisation must match (docs/gazetteer.md, "Case policy").
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CasePolicy {
    /// Only as written.
    Exact,
    /// As written, with a capitalised first letter, or in capitals.
    Cased,
}

/// A surface form the matcher looks for.
#[derive(Debug, Clone)]
pub struct Surface {
    /// As written in the gazetteer.
    pub text: String,
    /// Folded form (the matcher's pattern).
    pub folded: String,
    pub entity: EntityIdx,
    pub kind: MentionKind,
    pub case: CasePolicy,
}

/// A loaded gazetteer.
#[derive(Debug, Clone, Default)]
pub struct Gazetteer {
    entities: Vec<Entity>,
    by_id: HashMap<String, EntityIdx>,
    surfaces: Vec<Surface>,
    /// State or organization -> (person, role index) of every role held in it.
    holders: HashMap<EntityIdx, Vec<(EntityIdx, u32)>>,
    /// Folded last words of people's names of two or more words ([`Gazetteer::is_surname`]).
    surnames: rustc_hash::FxHashSet<Box<str>>,
}

/// The kinds of organization that are part of their state (rather than based in it).
const STATE_ORGAN_KINDS: &[&str] = &[
    "ministry",
    "military",
    "council",
    "parliament",
    "government",
    "agency",
    "court",
];

/// A relation the gazetteer itself knows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Fact<'g> {
    pub source: EntityIdx,
    pub relation: RelationType,
    pub target: EntityIdx,
    /// The role title, for role facts.
    pub role: Option<&'g str>,
}

impl Entity {
    /// Whether this is an organ of its state (kind ministry, military, council, parliament,
    /// government, agency or court): part of the state rather than merely based in it.
    pub fn is_state_organ(&self) -> bool {
        self.kind
            .as_deref()
            .is_some_and(|k| STATE_ORGAN_KINDS.contains(&k))
    }
}

impl Gazetteer {
    /// The default gazetteer embedded in the binary.
    pub fn embedded() -> Result<Gazetteer, GazetteerError> {
        let mut b = GazetteerBuilder::new();
        b.add_embedded()?;
        b.build()
    }

    pub fn entities(&self) -> &[Entity] {
        &self.entities
    }

    /// Whether folded `word` is the surname of a person the gazetteer knows: the last word of
    /// the name or an alias of two or more words, before a generation (`Bush` from `George W.
    /// Bush`, `Novak` from `Jan Novak Jr.`).
    pub fn is_surname(&self, word: &str) -> bool {
        self.surnames.contains(word)
    }

    pub fn entity(&self, idx: EntityIdx) -> &Entity {
        &self.entities[idx as usize]
    }

    pub fn surfaces(&self) -> &[Surface] {
        &self.surfaces
    }

    pub fn len(&self) -> usize {
        self.entities.len()
    }

    pub fn is_empty(&self) -> bool {
        self.entities.is_empty()
    }

    /// Looks an entity up by id.
    pub fn by_id(&self, id: &str) -> Option<EntityIdx> {
        self.by_id.get(id).copied()
    }

    /// The state an entity belongs to (itself for a state).
    pub fn state_of(&self, idx: EntityIdx) -> Option<EntityIdx> {
        let e = self.entity(idx);
        if e.etype == EntityType::State {
            Some(idx)
        } else {
            e.state
        }
    }

    /// Every fact about `idx` as subject: located_in / part_of / based_in / citizen_of,
    /// member_of (for states, through organizations' member lists) and active roles.
    pub fn facts_about<'g>(&'g self, idx: EntityIdx, date: Option<Date>, out: &mut Vec<Fact<'g>>) {
        let e = self.entity(idx);
        let fact = |relation, target| Fact {
            source: idx,
            relation,
            target,
            role: None,
        };
        if let Some(s) = e.state {
            let rel = match e.etype {
                EntityType::Location => Some(RelationType::LocatedIn),
                EntityType::Person => Some(RelationType::CitizenOf),
                EntityType::Organization => {
                    if e.is_state_organ() {
                        Some(RelationType::PartOf)
                    } else {
                        Some(RelationType::BasedIn)
                    }
                }
                EntityType::State => None,
            };
            if let Some(rel) = rel {
                out.push(fact(rel, s));
            }
        }
        if let Some(p) = e.parent {
            out.push(fact(RelationType::PartOf, p));
        }
        for r in &e.roles {
            if r.active(date) {
                out.push(Fact {
                    role: r.title.as_deref(),
                    ..fact(r.relation, r.of)
                });
            }
        }
        for &o in &e.member_of {
            out.push(fact(RelationType::MemberOf, o));
        }
    }

    /// The role title `relation` of `of` held by `person` on `date`, if any.
    pub fn role_of(
        &self,
        person: EntityIdx,
        relation: RelationType,
        of: EntityIdx,
        date: Option<Date>,
    ) -> Option<&Role> {
        self.entity(person)
            .roles
            .iter()
            .find(|r| r.relation == relation && r.of == of && r.active(date))
    }

    /// Whether the gazetteer ties `person` to a state other than `state` (citizenship or a
    /// state-level role), so that a text edge making them head of `state` is implausible.
    pub fn belongs_elsewhere(&self, person: EntityIdx, state: EntityIdx) -> bool {
        let e = self.entity(person);
        let mut known = e.state.into_iter().chain(
            e.roles
                .iter()
                .filter(|r| self.entity(r.of).etype == EntityType::State)
                .map(|r| r.of),
        );
        let first = known.next();
        match first {
            None => false,
            Some(s) => s != state && known.all(|k| k != state),
        }
    }

    /// The people who held `relation` in `of` on `date`, with the role. When several people
    /// qualify (several ministers), only those whose role title, folded, equals `title` are kept.
    pub fn holders_on(
        &self,
        of: EntityIdx,
        relation: RelationType,
        title: &str,
        date: Date,
    ) -> Vec<(EntityIdx, &Role)> {
        let Some(list) = self.holders.get(&of) else {
            return Vec::new();
        };
        let mut found: Vec<(EntityIdx, &Role)> = list
            .iter()
            .map(|&(p, ri)| (p, &self.entity(p).roles[ri as usize]))
            .filter(|(_, r)| r.relation == relation && r.active(Some(date)))
            .collect();
        found.dedup_by_key(|(p, _)| *p);
        if found.len() > 1 {
            found.retain(|(_, r)| r.title.as_deref().is_some_and(|t| fold_str(t) == title));
        }
        found
    }

    /// Folded surfaces of all entities, for diagnostics.
    pub fn find_surface(&self, text: &str) -> Vec<&Surface> {
        let f = fold_str(text);
        self.surfaces.iter().filter(|s| s.folded == f).collect()
    }
}

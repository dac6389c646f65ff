//! The label mapping of `relgraph eval`: how each data set's entity and relation labels meet
//! relgraph's types. This file is the one place the mapping lives; docs/evaluation.md prints the
//! same tables. A data-set label missing from these tables is not scored.

use super::Dataset;
use crate::types::{EntityType, RelationType};
use serde::Serialize;
use std::fmt;

/// The entity classes scored on every data set.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Class {
    Person,
    Organization,
    /// relgraph's `state` and `location` both count as location.
    Location,
}

impl Class {
    pub const ALL: &'static [Class] = &[Class::Person, Class::Organization, Class::Location];

    pub fn as_str(self) -> &'static str {
        match self {
            Class::Person => "person",
            Class::Organization => "organization",
            Class::Location => "location",
        }
    }

    /// The class a relgraph entity type is scored as.
    pub fn of(t: EntityType) -> Class {
        match t {
            EntityType::Person => Class::Person,
            EntityType::Organization => Class::Organization,
            EntityType::State | EntityType::Location => Class::Location,
        }
    }
}

impl fmt::Display for Class {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A scored relation class: one of relgraph's relation types (DWIE is scored in relgraph's
/// vocabulary) or one of CoNLL04's five relations.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum RelClass {
    Ours(RelationType),
    WorkFor,
    LiveIn,
    OrgBasedIn,
    LocatedIn,
    Kill,
}

impl RelClass {
    pub fn as_str(self) -> &'static str {
        match self {
            RelClass::Ours(r) => r.as_str(),
            RelClass::WorkFor => "Work_For",
            RelClass::LiveIn => "Live_In",
            RelClass::OrgBasedIn => "OrgBased_In",
            RelClass::LocatedIn => "Located_In",
            RelClass::Kill => "Kill",
        }
    }
}

impl fmt::Display for RelClass {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// One row of the entity table: these gold labels are scored as `class`, and so are predicted
/// entities of the `predicted` types.
#[derive(Debug, Clone, Copy)]
pub struct EntityRow {
    pub dataset: Dataset,
    pub gold: &'static [&'static str],
    pub class: Class,
    pub predicted: &'static [EntityType],
}

/// One row of the relation table: these gold labels are scored as `class`, and so are predicted
/// relations of the `predicted` types. Symmetric classes compare unordered pairs.
#[derive(Debug, Clone, Copy)]
pub struct RelationRow {
    pub dataset: Dataset,
    pub gold: &'static [&'static str],
    pub class: RelClass,
    pub predicted: &'static [RelationType],
    pub symmetric: bool,
}

use Dataset::{Conll03, Conll04, Dwie};
use EntityType as E;
use RelationType as R;

const PERSON: &[EntityType] = &[E::Person];
const ORGANIZATION: &[EntityType] = &[E::Organization];
const LOCATION: &[EntityType] = &[E::State, E::Location];

/// Entity labels. CoNLL-2003 labels are the IOB1 tag types (`I-PER`, `B-PER` -> `PER`). Every
/// other gold label (DWIE `type::misc`, `type::other`, `type::ethnicity`, ...; CoNLL04 `Other`;
/// CoNLL-2003 `MISC`) is not scored.
#[rustfmt::skip]
pub const ENTITY_TABLE: &[EntityRow] = &[
    EntityRow { dataset: Dwie, gold: &["type::person"], class: Class::Person, predicted: PERSON },
    EntityRow { dataset: Dwie, gold: &["type::organization"], class: Class::Organization, predicted: ORGANIZATION },
    EntityRow { dataset: Dwie, gold: &["type::location"], class: Class::Location, predicted: LOCATION },
    EntityRow { dataset: Conll04, gold: &["Peop"], class: Class::Person, predicted: PERSON },
    EntityRow { dataset: Conll04, gold: &["Org"], class: Class::Organization, predicted: ORGANIZATION },
    EntityRow { dataset: Conll04, gold: &["Loc"], class: Class::Location, predicted: LOCATION },
    EntityRow { dataset: Conll03, gold: &["PER"], class: Class::Person, predicted: PERSON },
    EntityRow { dataset: Conll03, gold: &["ORG"], class: Class::Organization, predicted: ORGANIZATION },
    EntityRow { dataset: Conll03, gold: &["LOC"], class: Class::Location, predicted: LOCATION },
];

/// Relation labels. DWIE labels not listed (the `-x` variants, `gpe0`, sports, arts, family,
/// ...) are not scored; CoNLL-2003 has no relations.
#[rustfmt::skip]
pub const RELATION_TABLE: &[RelationRow] = &[
    RelationRow { dataset: Dwie, gold: &["head_of_state"], class: RelClass::Ours(R::HeadOfState), predicted: &[R::HeadOfState], symmetric: false },
    RelationRow { dataset: Dwie, gold: &["head_of_gov"], class: RelClass::Ours(R::HeadOfGovernment), predicted: &[R::HeadOfGovernment], symmetric: false },
    RelationRow { dataset: Dwie, gold: &["head_of"], class: RelClass::Ours(R::LeaderOf), predicted: &[R::LeaderOf], symmetric: false },
    RelationRow { dataset: Dwie, gold: &["minister_of"], class: RelClass::Ours(R::MinisterOf), predicted: &[R::MinisterOf], symmetric: false },
    RelationRow { dataset: Dwie, gold: &["member_of"], class: RelClass::Ours(R::MemberOf), predicted: &[R::MemberOf], symmetric: false },
    RelationRow { dataset: Dwie, gold: &["citizen_of"], class: RelClass::Ours(R::CitizenOf), predicted: &[R::CitizenOf], symmetric: false },
    RelationRow { dataset: Dwie, gold: &["agent_of", "spokesperson_of", "advisor_of"], class: RelClass::Ours(R::OfficialOf), predicted: &[R::OfficialOf], symmetric: false },
    RelationRow { dataset: Dwie, gold: &["ministry_of", "agency_of", "institution_of", "part_of"], class: RelClass::Ours(R::PartOf), predicted: &[R::PartOf], symmetric: false },
    RelationRow { dataset: Dwie, gold: &["based_in0", "based_in1", "based_in2"], class: RelClass::Ours(R::BasedIn), predicted: &[R::BasedIn], symmetric: false },
    RelationRow { dataset: Dwie, gold: &["in0", "in1", "in2"], class: RelClass::Ours(R::LocatedIn), predicted: &[R::LocatedIn], symmetric: false },
    RelationRow { dataset: Dwie, gold: &["is_meeting"], class: RelClass::Ours(R::MetWith), predicted: &[R::MetWith], symmetric: true },
    RelationRow { dataset: Dwie, gold: &["sanctions"], class: RelClass::Ours(R::Sanctions), predicted: &[R::Sanctions], symmetric: false },
    RelationRow { dataset: Conll04, gold: &["Work_For"], class: RelClass::WorkFor, predicted: &[R::LeaderOf, R::OfficialOf, R::MemberOf], symmetric: false },
    RelationRow { dataset: Conll04, gold: &["Live_In"], class: RelClass::LiveIn, predicted: &[R::CitizenOf, R::HeadOfState, R::HeadOfGovernment, R::MinisterOf], symmetric: false },
    RelationRow { dataset: Conll04, gold: &["OrgBased_In"], class: RelClass::OrgBasedIn, predicted: &[R::BasedIn, R::PartOf], symmetric: false },
    RelationRow { dataset: Conll04, gold: &["Located_In"], class: RelClass::LocatedIn, predicted: &[R::LocatedIn], symmetric: false },
    RelationRow { dataset: Conll04, gold: &["Kill"], class: RelClass::Kill, predicted: &[R::Killed], symmetric: false },
];

/// The scored class of a gold entity label, if it is scored.
pub fn gold_class(dataset: Dataset, label: &str) -> Option<Class> {
    ENTITY_TABLE
        .iter()
        .find(|r| r.dataset == dataset && r.gold.contains(&label))
        .map(|r| r.class)
}

/// The class a predicted entity type is scored as on `dataset`.
pub fn predicted_class(dataset: Dataset, t: EntityType) -> Option<Class> {
    ENTITY_TABLE
        .iter()
        .find(|r| r.dataset == dataset && r.predicted.contains(&t))
        .map(|r| r.class)
}

/// The scored class of a gold relation label, if it is scored.
pub fn gold_relation(dataset: Dataset, label: &str) -> Option<&'static RelationRow> {
    RELATION_TABLE
        .iter()
        .find(|r| r.dataset == dataset && r.gold.contains(&label))
}

/// The scored class a predicted relation type counts as on `dataset`, if any.
pub fn predicted_relation(dataset: Dataset, t: RelationType) -> Option<&'static RelationRow> {
    RELATION_TABLE
        .iter()
        .find(|r| r.dataset == dataset && r.predicted.contains(&t))
}

/// The scored relation classes of `dataset`, in table order.
pub fn relation_classes(dataset: Dataset) -> impl Iterator<Item = RelClass> {
    RELATION_TABLE
        .iter()
        .filter(move |r| r.dataset == dataset)
        .map(|r| r.class)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_entity_type_has_one_class_per_dataset() {
        for d in Dataset::ALL {
            for t in EntityType::ALL {
                let rows = ENTITY_TABLE
                    .iter()
                    .filter(|r| r.dataset == *d && r.predicted.contains(t))
                    .count();
                assert_eq!(rows, 1, "{d} {t}");
                assert_eq!(predicted_class(*d, *t), Some(Class::of(*t)));
            }
        }
    }

    #[test]
    fn labels_and_predicted_types_are_never_listed_twice() {
        for d in Dataset::ALL {
            let rows: Vec<_> = RELATION_TABLE.iter().filter(|r| r.dataset == *d).collect();
            for (i, a) in rows.iter().enumerate() {
                for b in &rows[i + 1..] {
                    assert!(
                        a.gold.iter().all(|g| !b.gold.contains(g)),
                        "{d}: gold label twice"
                    );
                    assert!(
                        a.predicted.iter().all(|p| !b.predicted.contains(p)),
                        "{d}: type twice"
                    );
                    assert_ne!(a.class, b.class);
                }
                for p in a.predicted {
                    // Symmetric classes are exactly relgraph's symmetric types.
                    assert_eq!(a.symmetric, p.is_symmetric(), "{p}");
                }
            }
        }
        assert!(RELATION_TABLE.iter().all(|r| r.dataset != Dataset::Conll03));
    }

    #[test]
    fn lookups_follow_the_table() {
        assert_eq!(gold_class(Dwie, "type::location"), Some(Class::Location));
        assert_eq!(gold_class(Dwie, "type::misc"), None);
        assert_eq!(gold_class(Conll03, "MISC"), None);
        assert_eq!(
            gold_relation(Dwie, "in2").map(|r| r.class),
            Some(RelClass::Ours(R::LocatedIn))
        );
        assert!(gold_relation(Dwie, "in0-x").is_none());
        assert_eq!(
            predicted_relation(Conll04, R::HeadOfState).map(|r| r.class),
            Some(RelClass::LiveIn)
        );
        assert!(predicted_relation(Conll04, R::MetWith).is_none());
        assert_eq!(relation_classes(Conll04).count(), 5);
    }
}

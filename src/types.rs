//! Typed vocabulary shared by every part of relgraph: entity types, mention kinds, relation types
//! and edge origins. Strings appear only at the edges (parsing files, writing JSON).

use serde::{Deserialize, Serialize};
use std::fmt;
use std::str::FromStr;

/// Error returned when a string does not name a known variant.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("unknown {what} {value:?} (expected one of: {expected})")]
pub struct ParseKindError {
    pub what: &'static str,
    pub value: String,
    pub expected: String,
}

macro_rules! string_enum {
    ($(#[$meta:meta])* $name:ident, $what:literal, { $($(#[$vmeta:meta])* $variant:ident => $text:literal),+ $(,)? }) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
        pub enum $name {
            $($(#[$vmeta])* #[serde(rename = $text)] $variant),+
        }

        impl $name {
            /// Every variant, in declaration order.
            pub const ALL: &'static [$name] = &[$($name::$variant),+];

            /// The wire name of this variant.
            pub fn as_str(self) -> &'static str {
                match self { $($name::$variant => $text),+ }
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(self.as_str())
            }
        }

        impl FromStr for $name {
            type Err = ParseKindError;
            fn from_str(s: &str) -> Result<Self, Self::Err> {
                match s {
                    $($text => Ok($name::$variant),)+
                    _ => Err(ParseKindError {
                        what: $what,
                        value: s.to_string(),
                        expected: [$($text),+].join(", "),
                    }),
                }
            }
        }
    };
}

string_enum!(
    /// The four entity types of the graph.
    EntityType, "entity type", {
        Person => "person",
        State => "state",
        Organization => "organization",
        Location => "location",
    }
);

impl EntityType {
    /// Rank used to order ambiguous candidates: lower wins.
    pub fn preference(self) -> u8 {
        match self {
            EntityType::State => 0,
            EntityType::Organization => 1,
            EntityType::Person => 2,
            EntityType::Location => 3,
        }
    }

    /// The id prefix entities of this type use (`person:`, `state:`, `org:`, `loc:`).
    pub fn id_prefix(self) -> &'static str {
        match self {
            EntityType::Person => "person",
            EntityType::State => "state",
            EntityType::Organization => "org",
            EntityType::Location => "loc",
        }
    }
}

string_enum!(
    /// How a mention refers to its entity.
    MentionKind, "mention kind", {
        /// The canonical name.
        Name => "name",
        /// Another listed surface form (acronym, official name, spelling).
        Alias => "alias",
        /// A demonym standing for a state ("North Korean soldiers").
        Demonym => "demonym",
        /// A capital or seat standing for the entity ("the Kremlin", "Pyongyang").
        Metonym => "metonym",
        /// A short form or pronoun resolved inside the document ("Kim", "He").
        Coreference => "coreference",
        /// A role description resolved through the gazetteer's dated roles ("the Russian president").
        Role => "role",
        /// A name the gazetteer does not know, guessed from its context ("Secretary Jane Doe",
        /// "the Bank of Ruritania"); its entity is document-local with a `guess` id.
        Guessed => "guessed",
    }
);

impl MentionKind {
    /// Rank used to order ambiguous candidates: lower wins.
    pub fn preference(self) -> u8 {
        match self {
            MentionKind::Name => 0,
            MentionKind::Alias => 1,
            MentionKind::Demonym => 2,
            MentionKind::Metonym => 3,
            MentionKind::Role => 4,
            MentionKind::Coreference => 5,
            MentionKind::Guessed => 6,
        }
    }
}

string_enum!(
    /// Where an edge comes from: what the text said, or what the gazetteer knows.
    Origin, "origin", {
        Text => "text",
        Gazetteer => "gazetteer",
    }
);

/// A set of entity types, as a bit set (used for rule slots and relation signatures).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub struct TypeSet(u8);

impl TypeSet {
    pub const EMPTY: TypeSet = TypeSet(0);
    pub const ANY: TypeSet = TypeSet(0b1111);

    pub const fn of(t: EntityType) -> TypeSet {
        TypeSet(1 << t as u8)
    }

    pub const fn with(self, t: EntityType) -> TypeSet {
        TypeSet(self.0 | (1 << t as u8))
    }

    pub fn contains(self, t: EntityType) -> bool {
        self.0 & (1 << t as u8) != 0
    }

    pub fn is_empty(self) -> bool {
        self.0 == 0
    }

    pub fn intersect(self, other: TypeSet) -> TypeSet {
        TypeSet(self.0 & other.0)
    }

    pub fn is_subset_of(self, other: TypeSet) -> bool {
        self.0 & !other.0 == 0
    }

    pub fn iter(self) -> impl Iterator<Item = EntityType> {
        EntityType::ALL
            .iter()
            .copied()
            .filter(move |t| self.contains(*t))
    }
}

impl FromStr for TypeSet {
    type Err = ParseKindError;
    /// Parses `person|state`, or `any`.
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        if s == "any" {
            return Ok(TypeSet::ANY);
        }
        let mut set = TypeSet::EMPTY;
        for part in s.split('|') {
            set = set.with(part.trim().parse()?);
        }
        Ok(set)
    }
}

impl fmt::Display for TypeSet {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if *self == TypeSet::ANY {
            return f.write_str("any");
        }
        let names: Vec<&str> = self.iter().map(EntityType::as_str).collect();
        f.write_str(&names.join("|"))
    }
}

const P: TypeSet = TypeSet::of(EntityType::Person);
const S: TypeSet = TypeSet::of(EntityType::State);
const O: TypeSet = TypeSet::of(EntityType::Organization);
const L: TypeSet = TypeSet::of(EntityType::Location);
const SO: TypeSet = S.with(EntityType::Organization);
const PSO: TypeSet = SO.with(EntityType::Person);
const SL: TypeSet = S.with(EntityType::Location);
const SOL: TypeSet = SO.with(EntityType::Location);
const OL: TypeSet = O.with(EntityType::Location);

string_enum!(
    /// The fixed relation inventory. docs/relations.md documents direction, signature and examples.
    RelationType, "relation type", {
        HeadOfState => "head_of_state",
        HeadOfGovernment => "head_of_government",
        MinisterOf => "minister_of",
        LeaderOf => "leader_of",
        OfficialOf => "official_of",
        MemberOf => "member_of",
        CitizenOf => "citizen_of",
        PartOf => "part_of",
        BasedIn => "based_in",
        LocatedIn => "located_in",
        MetWith => "met_with",
        Visited => "visited",
        SendsPersonnelTo => "sends_personnel_to",
        Supports => "supports",
        AgreementWith => "agreement_with",
        CooperatesWith => "cooperates_with",
        Criticizes => "criticizes",
        Threatens => "threatens",
        Sanctions => "sanctions",
        Attacks => "attacks",
        Invades => "invades",
        Killed => "killed",
    }
);

impl RelationType {
    /// Entity types allowed as (source, target).
    pub fn signature(self) -> (TypeSet, TypeSet) {
        use RelationType::*;
        match self {
            HeadOfState => (P, S),
            HeadOfGovernment => (P, S),
            MinisterOf => (P, S),
            LeaderOf => (P, SO),
            OfficialOf => (P, SO),
            MemberOf => (PSO, O),
            CitizenOf => (P, S),
            PartOf => (OL, SO),
            BasedIn => (O, SL),
            LocatedIn => (L, SL),
            MetWith => (P, P),
            Visited => (PSO, SL),
            SendsPersonnelTo => (PSO, SOL),
            Supports => (PSO, PSO),
            AgreementWith => (PSO, PSO),
            CooperatesWith => (PSO, PSO),
            Criticizes => (PSO, PSO),
            Threatens => (PSO, PSO),
            Sanctions => (PSO, PSO),
            Attacks => (PSO, PSOL),
            Invades => (SO, SL),
            Killed => (PSO, P),
        }
    }

    /// What the relation means, as docs/relations.md's table says (a test keeps them equal).
    pub fn meaning(self) -> &'static str {
        use RelationType::*;
        match self {
            HeadOfState => "president, monarch, supreme leader of a state",
            HeadOfGovernment => "prime minister, premier, chancellor",
            MinisterOf => "a minister or secretary of a state's government",
            LeaderOf => "leads an organization (or, by a generic title, a state)",
            OfficialOf => "holds another office; the role is recorded",
            MemberOf => "membership",
            CitizenOf => "nationality",
            PartOf => "an organ of a state or organization",
            BasedIn => "seat or headquarters",
            LocatedIn => "geography",
            MetWith => "a meeting or talks",
            Visited => "a visit or trip",
            SendsPersonnelTo => "sends troops, workers, engineers",
            Supports => "military, economic or political support",
            AgreementWith => "an agreement, treaty or deal",
            CooperatesWith => "cooperation, partnership",
            Criticizes => "criticism, condemnation, accusation",
            Threatens => "threats and warnings",
            Sanctions => "sanctions, blacklisting",
            Attacks => "strikes, attacks",
            Invades => "invasion, occupation, annexation",
            Killed => "killing",
        }
    }

    /// Symmetric relations are stored with the smaller id as source.
    pub fn is_symmetric(self) -> bool {
        matches!(
            self,
            RelationType::MetWith | RelationType::AgreementWith | RelationType::CooperatesWith
        )
    }

    /// Events and stances (met_with ... killed), as opposed to roles and structure.
    pub fn is_event(self) -> bool {
        use RelationType::*;
        matches!(
            self,
            MetWith
                | Visited
                | SendsPersonnelTo
                | Supports
                | AgreementWith
                | CooperatesWith
                | Criticizes
                | Threatens
                | Sanctions
                | Attacks
                | Invades
                | Killed
        )
    }

    /// Whether (source, target) types fit the signature.
    pub fn allows(self, source: EntityType, target: EntityType) -> bool {
        let (s, t) = self.signature();
        s.contains(source) && t.contains(target)
    }
}

const PSOL: TypeSet = TypeSet::ANY;

#[cfg(test)]
mod tests {
    use super::*;

    /// Each relation's meaning is the one docs/relations.md's table gives in its row.
    #[test]
    fn meanings_match_the_relation_docs() {
        let doc = include_str!("../docs/relations.md");
        for r in RelationType::ALL {
            let row = doc
                .lines()
                .find(|l| l.starts_with(&format!("| `{r}` |")))
                .unwrap_or_else(|| panic!("{r} has no row in docs/relations.md"));
            assert!(
                row.contains(r.meaning()),
                "{r}: {:?} not in {row}",
                r.meaning()
            );
        }
    }

    #[test]
    fn enums_round_trip_through_strings_and_serde() {
        for t in EntityType::ALL {
            assert_eq!(t.as_str().parse::<EntityType>().unwrap(), *t);
            let json = serde_json::to_string(t).unwrap();
            assert_eq!(json, format!("\"{t}\""));
        }
        for r in RelationType::ALL {
            assert_eq!(r.as_str().parse::<RelationType>().unwrap(), *r);
            let back: RelationType = serde_json::from_str(&format!("\"{r}\"")).unwrap();
            assert_eq!(back, *r);
        }
        for k in MentionKind::ALL {
            assert_eq!(k.as_str().parse::<MentionKind>().unwrap(), *k);
        }
        assert!("boss_of".parse::<RelationType>().is_err());
    }

    #[test]
    fn type_sets_parse_and_display() {
        let s: TypeSet = "person|state".parse().unwrap();
        assert!(s.contains(EntityType::Person) && s.contains(EntityType::State));
        assert!(!s.contains(EntityType::Location));
        assert_eq!(s.to_string(), "person|state");
        assert_eq!("any".parse::<TypeSet>().unwrap(), TypeSet::ANY);
        assert!("persn".parse::<TypeSet>().is_err());
    }

    #[test]
    fn signatures_are_never_empty() {
        for r in RelationType::ALL {
            let (s, t) = r.signature();
            assert!(!s.is_empty() && !t.is_empty(), "{r}");
        }
        assert!(RelationType::HeadOfState.allows(EntityType::Person, EntityType::State));
        assert!(!RelationType::HeadOfState.allows(EntityType::State, EntityType::Person));
    }
}

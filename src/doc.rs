//! The per-document model the pipeline fills: mentions of entities and the relations found
//! between them, with offsets into the document's original text. `wire::extraction` turns it
//! into the JSONL contract.

use crate::gazetteer::{Date, EntityIdx, Gazetteer};
use crate::types::{EntityType, MentionKind, Origin, RelationType};
use std::borrow::Cow;

/// An entity a document refers to: a gazetteer entry (guessed entities come with issue 4).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum EntityRef {
    Gaz(EntityIdx),
}

impl EntityRef {
    pub fn id<'g>(&self, g: &'g Gazetteer) -> &'g str {
        match *self {
            EntityRef::Gaz(i) => &g.entity(i).id,
        }
    }

    pub fn name<'g>(&self, g: &'g Gazetteer) -> &'g str {
        match *self {
            EntityRef::Gaz(i) => &g.entity(i).name,
        }
    }

    pub fn etype(&self, g: &Gazetteer) -> EntityType {
        match *self {
            EntityRef::Gaz(i) => g.entity(i).etype,
        }
    }

    pub fn gaz(&self) -> Option<EntityIdx> {
        match *self {
            EntityRef::Gaz(i) => Some(i),
        }
    }
}

/// One mention: original byte span, folded byte span, entity and kind.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Mention {
    pub start: usize,
    pub end: usize,
    pub fstart: usize,
    pub fend: usize,
    pub entity: EntityRef,
    pub etype: EntityType,
    pub kind: MentionKind,
}

/// Which rule produced a relation.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum RuleRef {
    /// Index into the rule set.
    Text(u32),
    /// A gazetteer fact of this relation.
    Gazetteer(RelationType),
    /// A role description resolved through dated roles ("the Russian president").
    DatedRole,
}

/// A relation found in one document, with its evidence.
#[derive(Debug, Clone, PartialEq)]
pub struct Found<'a> {
    pub source: EntityRef,
    pub relation: RelationType,
    pub target: EntityRef,
    pub origin: Origin,
    pub role: Option<Cow<'a, str>>,
    /// Original byte span of the sentence.
    pub sentence: (usize, usize),
    /// Original byte span of the trigger.
    pub trigger: (usize, usize),
    pub rule: RuleRef,
    pub confidence: f32,
}

/// Everything extracted from one document.
#[derive(Debug, Clone, Default)]
pub struct DocResult<'a> {
    pub mentions: Vec<Mention>,
    pub relations: Vec<Found<'a>>,
    /// Original byte spans of the sentences.
    pub sentences: Vec<(usize, usize)>,
}

/// A document to process.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Document {
    pub id: String,
    pub text: String,
    pub date: Option<Date>,
}

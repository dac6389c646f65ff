//! The per-document model the pipeline fills: mentions of entities and the relations found
//! between them, with offsets into the text the extractor read (the prepared text;
//! [`crate::extract::Extractor::record`] maps them back to the original). `wire::extraction` turns it
//! into the JSONL contract.

use crate::gazetteer::{Date, EntityIdx, Gazetteer};
use crate::types::{EntityType, MentionKind, Origin, RelationType};
use std::borrow::Cow;

/// An entity a document refers to: a gazetteer entry, or an entity guessed from the text
/// (an index into [`DocResult::guessed`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum EntityRef {
    Gaz(EntityIdx),
    Guessed(u32),
}

impl EntityRef {
    pub fn gaz(&self) -> Option<EntityIdx> {
        match *self {
            EntityRef::Gaz(i) => Some(i),
            EntityRef::Guessed(_) => None,
        }
    }

    pub fn is_guessed(&self) -> bool {
        matches!(self, EntityRef::Guessed(_))
    }
}

/// An entity the gazetteer does not know, guessed from one document's text. Its id derives
/// from its type and normalised name (`person:guess:jane-doe`), so the same name guessed in two
/// documents is one graph node.
#[derive(Debug, Clone, PartialEq)]
pub struct GuessedEntity {
    pub id: String,
    pub name: String,
    pub etype: EntityType,
    /// How sure the guess is (0..1): always below a gazetteer match.
    pub confidence: f32,
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
    /// A built-in inference of the extractor, by rule id (`guess.name_place`, ...).
    Builtin(&'static str),
    /// The relation model (docs/models.md), deciding this relation type.
    Model(RelationType),
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
    /// For a model's edge, the features that weighed most in its decision, each with its
    /// weight toward the relation against `none` (log-odds; empty for rule and gazetteer edges).
    pub features: Vec<(String, f32)>,
}

/// Everything extracted from one document.
#[derive(Debug, Clone, Default)]
pub struct DocResult<'a> {
    pub mentions: Vec<Mention>,
    pub relations: Vec<Found<'a>>,
    /// Original byte spans of the sentences.
    pub sentences: Vec<(usize, usize)>,
    /// Entities guessed from the text (`EntityRef::Guessed` indexes this).
    pub guessed: Vec<GuessedEntity>,
}

/// The sentence (original byte span) of `sentences` that contains `start..end`, or the span
/// itself when none does.
pub fn sentence_around(sentences: &[(usize, usize)], start: usize, end: usize) -> (usize, usize) {
    // Sentences are sorted and disjoint: only the last one starting at or before `start` can
    // hold the span.
    let k = sentences.partition_point(|&(s, _)| s <= start);
    k.checked_sub(1)
        .map(|k| sentences[k])
        .filter(|&(s, e)| s <= start && end <= e)
        .unwrap_or((start, end))
}

impl DocResult<'_> {
    /// The id of an entity: the gazetteer id, or the guessed entity's id.
    pub fn id<'s>(&'s self, e: EntityRef, g: &'s Gazetteer) -> &'s str {
        match e {
            EntityRef::Gaz(i) => &g.entity(i).id,
            EntityRef::Guessed(i) => &self.guessed[i as usize].id,
        }
    }

    /// The canonical name of an entity.
    pub fn name<'s>(&'s self, e: EntityRef, g: &'s Gazetteer) -> &'s str {
        match e {
            EntityRef::Gaz(i) => &g.entity(i).name,
            EntityRef::Guessed(i) => &self.guessed[i as usize].name,
        }
    }

    /// The type of an entity.
    pub fn etype(&self, e: EntityRef, g: &Gazetteer) -> EntityType {
        match e {
            EntityRef::Gaz(i) => g.entity(i).etype,
            EntityRef::Guessed(i) => self.guessed[i as usize].etype,
        }
    }
}

/// A document to process.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Document {
    pub id: String,
    pub text: String,
    pub date: Option<Date>,
}

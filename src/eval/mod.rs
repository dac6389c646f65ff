//! `relgraph eval`: extraction quality measured on annotated data sets (docs/evaluation.md).
//!
//! * [`readers`] turn DWIE (DocRED JSON), CoNLL04 (SpERT JSON) and CoNLL-2003 (IOB1) into
//!   [`GoldDoc`]s, rebuilding each text from its tokens by the rule of [`detok`];
//! * [`labels`] is the one table that maps the data sets' labels onto relgraph's types;
//! * [`score`] runs the exact definitions: entity-level matching for DWIE, strict mention-level
//!   matching for the CoNLL sets, relations over the matched entities;
//! * [`report`] holds the result (the `--json` shape) and its text rendering.
//!
//! Predictions are what the extractor outputs for the rebuilt text (its [`DocRecord`]), with no
//! publication date. Only *name* mentions are scored (see [`score::is_name`]).

pub mod detok;
pub mod labels;
pub mod readers;
pub mod report;
pub mod score;

use crate::doc::Document;
use crate::error::Result;
use crate::extract::{Extractor, FactsMode};
use crate::wire::extraction::DocRecord;
use labels::Class;
use serde::Serialize;
use std::fmt;
use std::path::Path;

/// The annotated data sets `eval` reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, clap::ValueEnum)]
#[serde(rename_all = "lowercase")]
pub enum Dataset {
    /// DWIE (DocRED JSON): entity-level entities, relations between gold entities.
    #[value(name = "dwie")]
    Dwie,
    /// CoNLL04 (SpERT JSON): strict mention-level entities and relations.
    #[value(name = "conll04")]
    Conll04,
    /// CoNLL-2003 (IOB1 columns): strict mention-level PER/ORG/LOC, demonyms not counted.
    #[value(name = "conll03")]
    Conll03,
}

impl Dataset {
    pub const ALL: &'static [Dataset] = &[Dataset::Dwie, Dataset::Conll04, Dataset::Conll03];

    pub fn as_str(self) -> &'static str {
        match self {
            Dataset::Dwie => "dwie",
            Dataset::Conll04 => "conll04",
            Dataset::Conll03 => "conll03",
        }
    }

    /// Whether entities are scored as entities (DWIE) rather than as single mentions.
    pub fn entity_level(self) -> bool {
        self == Dataset::Dwie
    }

    /// Whether the data set annotates relations.
    pub fn has_relations(self) -> bool {
        self != Dataset::Conll03
    }

    /// Whether demonym mentions ("German") are left out of the predictions: CoNLL-2003 tags
    /// them MISC, so they are not names of PER/ORG/LOC there.
    pub fn drops_demonyms(self) -> bool {
        self == Dataset::Conll03
    }

    /// The scoring definition, in one paragraph (printed by `eval`, kept in the JSON).
    pub fn definition(self) -> &'static str {
        match self {
            Dataset::Dwie => {
                "DWIE, entity-level: a predicted entity (its name mentions) matches the gold entity of the same class \
                 (person, organization, location = state|location) with which it shares the most overlapping mentions \
                 (ties: first gold entity); a gold entity is matched at most once (by the prediction with most overlaps, \
                 then the earliest), other predictions choosing it are false alarms. Relations compare (gold head, class, \
                 gold tail) per document after the label table; predicted endpoints are their matched gold entities; \
                 met_with is unordered; gold relations with an endpoint outside the three classes are not scored."
            }
            Dataset::Conll04 => {
                "CoNLL04, strict mention-level: a predicted name mention is right when its span and class \
                 (Peop=person, Org=organization, Loc=state|location) equal a gold mention's, spans measured in the \
                 gold tokens (a predicted span covers every token it touches). A predicted relation \
                 (source, type, target; deduplicated after the label table) is right when some name mention of each \
                 endpoint equals the gold head and tail spans with their classes and the mapped type is the gold type; \
                 each gold relation is matched at most once."
            }
            Dataset::Conll03 => {
                "CoNLL-2003, strict mention-level over PER/ORG/LOC (MISC not scored): a predicted name mention is right \
                 when its span and class (PER=person, ORG=organization, LOC=state|location) equal a gold name's, spans \
                 measured in the gold tokens (a predicted span covers every token it touches); \
                 demonym mentions are not counted."
            }
        }
    }
}

impl fmt::Display for Dataset {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A character span (Unicode scalar offsets, end exclusive).
pub type Span = (usize, usize);

/// One annotated document.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GoldDoc {
    pub id: String,
    /// The text rebuilt from the tokens.
    pub text: String,
    pub entities: Vec<GoldEntity>,
    /// The character span of every token, in text order. Mention-level scoring measures
    /// predicted spans in these tokens.
    pub tokens: Vec<Span>,
    /// Relations in the data set's labels (mapped when scored).
    pub relations: Vec<GoldRelation>,
}

/// A gold entity: for DWIE an entity with all its mentions; for the CoNLL sets one mention.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GoldEntity {
    /// The data set's label (`type::person`, `Peop`, `MISC`).
    pub label: String,
    /// The scored class; `None` when the label is not scored.
    pub class: Option<Class>,
    pub mentions: Vec<Span>,
}

/// A gold relation between two gold entities (indices into `entities`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GoldRelation {
    pub head: usize,
    pub tail: usize,
    pub label: String,
}

/// Reads the data set at `path` (see [`readers`]).
pub fn read(dataset: Dataset, path: &Path) -> Result<Vec<GoldDoc>> {
    readers::read(dataset, path)
}

/// Runs the extractor over `docs` (on `threads` threads; the result does not depend on it).
pub fn predict(ex: &Extractor, docs: &[GoldDoc], threads: usize) -> Result<Vec<DocRecord>> {
    let mut out = Vec::with_capacity(docs.len());
    let inputs = docs.iter().map(|d| {
        Ok(Document {
            id: d.id.clone(),
            text: d.text.clone(),
            date: None,
        })
    });
    crate::pipeline::run(ex, inputs, threads, |_, rec| {
        out.push(rec);
        Ok(())
    })?;
    Ok(out)
}

/// Extracts and scores `gold` (read from `path`): `relgraph eval` but reading and printing.
pub fn evaluate(
    ex: &Extractor,
    dataset: Dataset,
    path: &Path,
    gold: &[GoldDoc],
    threads: usize,
    errors: usize,
) -> Result<report::Report> {
    let predicted = predict(ex, gold, threads)?;
    let mut report = score::score(
        dataset,
        &path.display().to_string(),
        gold,
        &predicted,
        errors,
    );
    report.gazetteer_facts = match ex.facts_mode() {
        FactsMode::None => "none",
        FactsMode::Mentioned => "mentioned",
        FactsMode::All => "all",
    }
    .to_string();
    Ok(report)
}

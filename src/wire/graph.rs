//! The graph file (`relgraph build -f json`): node-link JSON that NetworkX's
//! `node_link_graph(data)` reads with its defaults (NetworkX 3.6 on; older versions need
//! `edges="edges"` or `link="edges"`, docs/formats.md), with a format version.
//! docs/formats.md documents every field.

use crate::gazetteer::Date;
use crate::types::{EntityType, Origin, RelationType};
use crate::wire::extraction::FeatureWeight;
use serde::{Deserialize, Serialize};

/// The `graph.format` value of relgraph graph files.
pub const FORMAT_NAME: &str = "relgraph-graph";
/// The current `graph.format_version`; readers reject other versions.
pub const FORMAT_VERSION: u32 = 1;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct GraphFile {
    pub directed: bool,
    pub multigraph: bool,
    pub graph: GraphMeta,
    pub nodes: Vec<NodeRecord>,
    /// `edges`, NetworkX's default key since 3.6; files written before relgraph used it have
    /// `links`, still read.
    #[serde(alias = "links")]
    pub edges: Vec<LinkRecord>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct GraphMeta {
    pub format: String,
    pub format_version: u32,
    pub generator: String,
    /// Number of documents the graph was built from.
    pub documents: u64,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct NodeRecord {
    pub id: String,
    pub name: String,
    #[serde(rename = "type")]
    pub etype: EntityType,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub qid: Option<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub aliases: Vec<String>,
    /// Mentions over all documents.
    pub mentions: u64,
    /// Documents that mention the entity.
    pub documents: u64,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct LinkRecord {
    pub source: String,
    pub target: String,
    /// Multigraph key: `type` or `type/gazetteer`, unique per (source, target).
    pub key: String,
    #[serde(rename = "type")]
    pub rtype: RelationType,
    pub origin: Origin,
    /// Number of evidence items seen (may exceed `evidence.len()` with `--max-evidence`).
    pub count: u64,
    /// Highest evidence confidence.
    pub confidence: f32,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub roles: Vec<String>,
    pub evidence: Vec<EvidenceItem>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct EvidenceItem {
    pub doc: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date: Option<Date>,
    /// Sentence span in characters (0, 0 for gazetteer facts added with `--facts all`).
    pub start: usize,
    pub end: usize,
    pub trigger: String,
    pub rule: String,
    pub confidence: f32,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub role: Option<String>,
    /// For an edge of the relation model, the features that weighed most in its decision.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub features: Vec<FeatureWeight>,
    /// The sentence's text, when the graph keeps it (`relgraph build`, unless
    /// `--no-sentences`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sentence: Option<String>,
    /// Where `sentence` names the edge's source: character ranges `[start, end)` counted from
    /// the sentence's start (every mention of the source in the sentence, in text order).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub source_spans: Vec<[usize; 2]>,
    /// Where `sentence` names the edge's target, as `source_spans`.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub target_spans: Vec<[usize; 2]>,
}

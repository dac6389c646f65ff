//! The JSON shapes of `relgraph query ... --json` (documented in docs/query.md). Every command
//! builds one of these; the table output is rendered from the same values.

use crate::query::view::Direction;
use crate::types::{EntityType, Origin, RelationType};
use crate::wire::graph::EvidenceItem;
use serde::Serialize;
use std::collections::BTreeMap;

/// An entity as queries print it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Entity {
    pub id: String,
    pub name: String,
    #[serde(rename = "type")]
    pub etype: EntityType,
}

/// An edge seen from one of its ends.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct EdgeRef {
    #[serde(rename = "type")]
    pub rtype: RelationType,
    /// `out`: this end is the source; `in`: the target; `both`: a symmetric relation.
    pub direction: Direction,
    pub origin: Origin,
    pub count: u64,
    pub confidence: f32,
}

/// `query neighbors`.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Neighbors {
    pub entity: Entity,
    pub depth: usize,
    pub direction: Direction,
    pub neighbors: Vec<Neighbor>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Neighbor {
    /// Hops from the queried entity.
    pub depth: usize,
    pub entity: Entity,
    /// The entity one hop closer that reached this one (the queried entity at depth 1).
    pub via: String,
    /// The edges between `via` and this entity, seen from `via`.
    pub edges: Vec<EdgeRef>,
}

/// `query path`.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Paths {
    pub from: Entity,
    pub to: Entity,
    /// `shortest` or `all`.
    pub mode: &'static str,
    /// The hop limit searched (`null`: none).
    pub max_len: Option<usize>,
    /// Shortest first, then by entity ids.
    pub paths: Vec<Path>,
    /// Paths left out by `--limit`.
    pub omitted: usize,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Path {
    /// Number of hops.
    pub length: usize,
    pub nodes: Vec<Entity>,
    pub hops: Vec<Hop>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Hop {
    pub from: String,
    pub to: String,
    /// Every edge between the two, seen from `from`.
    pub edges: Vec<EdgeRef>,
}

/// `query explain`.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Explain {
    pub a: Entity,
    pub b: Entity,
    pub edges: Vec<ExplainedEdge>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ExplainedEdge {
    pub source: String,
    pub target: String,
    #[serde(rename = "type")]
    pub rtype: RelationType,
    pub origin: Origin,
    pub count: u64,
    pub confidence: f32,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub roles: Vec<String>,
    /// Evidence as in the graph file (with `--since`/`--until`: the items in range).
    pub evidence: Vec<EvidenceItem>,
}

/// `query top`.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Top {
    /// `degree`, `pagerank` or `betweenness`.
    pub by: &'static str,
    /// Betweenness from this many sampled sources (`null`: exact).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub samples: Option<usize>,
    pub entities: Vec<Ranked>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Ranked {
    pub rank: usize,
    #[serde(flatten)]
    pub entity: Entity,
    /// The degree (an integer), PageRank or betweenness.
    pub score: Score,
    /// Kept edges pointing to the entity.
    #[serde(rename = "in")]
    pub in_degree: u64,
    /// Kept edges leaving the entity.
    pub out: u64,
}

/// A ranking score: degrees are integers, centralities are floats.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
#[serde(untagged)]
pub enum Score {
    Count(u64),
    Value(f64),
}

/// `query stats`.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Stats {
    pub documents: u64,
    pub nodes: usize,
    pub edges: usize,
    pub nodes_by_type: BTreeMap<EntityType, usize>,
    pub edges_by_type: BTreeMap<RelationType, usize>,
    pub edges_by_origin: BTreeMap<Origin, usize>,
    /// Weakly connected components (isolated entities count as one each).
    pub components: usize,
    pub largest_component: usize,
    /// Entities with no kept edge.
    pub isolated: usize,
    /// edges / (nodes × (nodes − 1)).
    pub density: f64,
}

/// `query find`.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Find {
    pub query: String,
    pub matches: Vec<FindMatch>,
    /// Matches left out by `--limit`.
    pub omitted: usize,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct FindMatch {
    #[serde(flatten)]
    pub entity: Entity,
    /// Which field matched: `id`, `name` or `alias`.
    pub field: &'static str,
    /// The matching text (the alias, for an alias).
    pub text: String,
    /// `exact`, `prefix`, `word` (starts a word), `substring` or `similar`.
    pub how: &'static str,
    /// Kept edges at the entity.
    pub degree: u64,
}

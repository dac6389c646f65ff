//! Queries over a built graph file (`relgraph query`, docs/query.md): neighbourhoods, paths,
//! ego subgraphs, edge explanations, rankings, statistics and entity lookup.
//!
//! A query loads the graph ([`load`]), or, from a binary graph file, only the part of it the
//! query looks at ([`parts`]), applies the common edge filters ([`view::View`]),
//! resolves entity names ([`names`]), computes a result in the documented JSON shape
//! ([`wire`]) and prints it as JSON or as an aligned table ([`render`]).

pub mod explain;
pub mod load;
pub mod names;
pub mod parts;
pub mod paths;
pub mod rank;
pub mod render;
pub mod stats;
pub mod table;
pub mod view;
pub mod wire;

pub use load::load;
pub use view::{Direction, EdgeFilter, View};

/// A small graph for unit tests: nodes as (id, name, aliases), links as (source, target,
/// relation, count); every entity is a person unless its id says otherwise.
#[cfg(test)]
pub(crate) fn test_graph(
    nodes: &[(&str, &str, &[&str])],
    links: &[(&str, &str, crate::types::RelationType, u64)],
) -> crate::graph::KnowledgeGraph {
    use crate::types::{EntityType, Origin};
    use crate::wire::graph::*;
    let file = GraphFile {
        directed: true,
        multigraph: true,
        graph: GraphMeta {
            format: FORMAT_NAME.into(),
            format_version: FORMAT_VERSION,
            generator: "test".into(),
            documents: 1,
        },
        nodes: nodes
            .iter()
            .map(|(id, name, aliases)| NodeRecord {
                id: id.to_string(),
                name: name.to_string(),
                etype: match id.split(':').next() {
                    Some("state") => EntityType::State,
                    Some("org") => EntityType::Organization,
                    Some("loc") => EntityType::Location,
                    _ => EntityType::Person,
                },
                qid: None,
                aliases: aliases.iter().map(|a| a.to_string()).collect(),
                mentions: 1,
                documents: 1,
            })
            .collect(),
        edges: links
            .iter()
            .map(|(s, t, r, count)| LinkRecord {
                source: s.to_string(),
                target: t.to_string(),
                key: r.to_string(),
                rtype: *r,
                origin: Origin::Text,
                count: *count,
                confidence: 0.5,
                roles: Vec::new(),
                evidence: Vec::new(),
            })
            .collect(),
    };
    crate::graph::KnowledgeGraph::from_wire(file, "test").unwrap()
}

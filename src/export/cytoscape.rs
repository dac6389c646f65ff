//! Cytoscape JSON (`.cyjs`): the elements format that Cytoscape desktop (File → Import →
//! Network from File) and Cytoscape.js read, and NetworkX's `cytoscape_graph` (docs/targets/
//! gephi.md).
//!
//! `elements.nodes[].data`: `id` (the entity id; `value` repeats it for NetworkX), `name`, `type`, `qid`, `aliases` (a list),
//! `mentions`, `documents`, `degree`, and the style hints `color` (by type, as in the GEXF
//! export) and `size` (by degree). `elements.edges[].data`: `id` (`e0`, `e1`, ... in the sorted
//! edge order), `source`, `target`, `key` (as in the JSON graph file), `interaction` (the
//! relation type, Cytoscape's edge type column), `type`, `origin`, `count`, `confidence`,
//! `roles` (a list), `color` (by relation type) and `evidence` (every evidence item kept in the
//! graph, as a JSON string: Cytoscape's tables hold lists of plain values only). Top-level
//! `directed` and `multigraph` are for NetworkX.

use crate::export::gexf;
use crate::graph::KnowledgeGraph;
use serde::Serialize;
use std::io::Write;

#[derive(Serialize)]
struct File<'a> {
    format_version: &'static str,
    generated_by: &'static str,
    target_cytoscapejs_version: &'static str,
    directed: bool,
    multigraph: bool,
    data: Meta,
    elements: Elements<'a>,
}

#[derive(Serialize)]
struct Meta {
    name: &'static str,
}

#[derive(Serialize)]
struct Elements<'a> {
    nodes: Vec<Element<NodeData<'a>>>,
    edges: Vec<Element<EdgeData<'a>>>,
}

#[derive(Serialize)]
struct Element<T> {
    data: T,
}

#[derive(Serialize)]
struct NodeData<'a> {
    id: &'a str,
    /// The node's key for NetworkX (`cytoscape_graph`): the id again.
    value: &'a str,
    name: &'a str,
    #[serde(rename = "type")]
    etype: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    qid: Option<&'a str>,
    aliases: &'a [String],
    mentions: u64,
    documents: u64,
    degree: usize,
    color: String,
    size: f64,
}

#[derive(Serialize)]
struct EdgeData<'a> {
    id: String,
    source: &'a str,
    target: &'a str,
    key: String,
    interaction: &'static str,
    #[serde(rename = "type")]
    rtype: &'static str,
    origin: &'static str,
    count: u64,
    confidence: f32,
    roles: Vec<&'a str>,
    color: String,
    evidence: String,
}

fn hex((r, g, b): (u8, u8, u8)) -> String {
    format!("#{r:02x}{g:02x}{b:02x}")
}

/// Writes the graph as Cytoscape JSON.
pub fn write(kg: &KnowledgeGraph, out: &mut dyn Write) -> std::io::Result<()> {
    let g = kg.graph();
    let nodes = kg
        .sorted_nodes()
        .into_iter()
        .map(|n| {
            let d = &g[n];
            let degree = kg.degree(n);
            Element {
                data: NodeData {
                    id: &d.id,
                    value: &d.id,
                    name: &d.name,
                    etype: d.etype.as_str(),
                    qid: d.qid.as_deref(),
                    aliases: &d.aliases,
                    mentions: d.mentions,
                    documents: d.documents,
                    degree,
                    color: hex(gexf::node_rgb(d.etype)),
                    size: (gexf::node_size(degree) * 100.0).round() / 100.0,
                },
            }
        })
        .collect();
    let mut edges = Vec::new();
    for (i, e) in kg.sorted_edges().into_iter().enumerate() {
        let (s, t) = g.edge_endpoints(e).expect("edge exists");
        let d = &g[e];
        edges.push(Element {
            data: EdgeData {
                id: format!("e{i}"),
                source: &g[s].id,
                target: &g[t].id,
                key: crate::graph::link_key(d.rtype, d.origin),
                interaction: d.rtype.as_str(),
                rtype: d.rtype.as_str(),
                origin: d.origin.as_str(),
                count: d.count,
                confidence: if d.confidence.is_finite() {
                    d.confidence
                } else {
                    0.0
                },
                roles: d.roles.iter().map(String::as_str).collect(),
                color: hex(gexf::edge_rgb(d.rtype)),
                evidence: serde_json::to_string(&d.evidence).map_err(std::io::Error::other)?,
            },
        });
    }
    let file = File {
        format_version: "1.0",
        generated_by: "relgraph",
        target_cytoscapejs_version: "~3.0",
        directed: true,
        multigraph: true,
        data: Meta { name: "relgraph" },
        elements: Elements { nodes, edges },
    };
    serde_json::to_writer_pretty(&mut *out, &file).map_err(std::io::Error::other)?;
    out.write_all(b"\n")
}

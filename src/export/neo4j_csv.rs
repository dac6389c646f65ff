//! CSV files for `neo4j-admin database import` (and Kùzu's `COPY FROM`), written into a folder:
//! `nodes.csv` and `relationships.csv` (docs/targets/neo4j.md).
//!
//! Headers follow neo4j-admin's import format: `id:ID`, `:LABEL` (`Entity;Person`, ...),
//! `:START_ID`, `:END_ID`, `:TYPE` (`HEAD_OF_STATE`, ...) and typed property columns
//! (`mentions:long`, `confidence:double`). `:START_ID` and `:END_ID` come first in the
//! relationship file, as Kùzu wants. Fields are quoted when needed (RFC 4180, quotes doubled);
//! names may hold line breaks, so neo4j-admin needs `--multiline-fields=true`. An absent value is
//! an empty field. Node aliases are not exported here (the JSON and Cypher exports have them).

use crate::export::cypher;
use crate::graph::KnowledgeGraph;
use std::io::Write;

/// The node file's name in the output folder.
pub const NODES_FILE: &str = "nodes.csv";
/// The relationship file's name in the output folder.
pub const RELATIONSHIPS_FILE: &str = "relationships.csv";

/// Header of `nodes.csv`.
pub const NODE_HEADER: [&str; 7] = [
    "id:ID",
    ":LABEL",
    "name",
    "type",
    "qid",
    "mentions:long",
    "documents:long",
];

/// Header of `relationships.csv`.
pub const RELATIONSHIP_HEADER: [&str; 13] = [
    ":START_ID",
    ":END_ID",
    ":TYPE",
    "origin",
    "count:long",
    "confidence:double",
    "roles",
    "evidence_doc",
    "evidence_date",
    "evidence_start:long",
    "evidence_end:long",
    "evidence_trigger",
    "evidence_rule",
];

fn csv_err(e: ::csv::Error) -> std::io::Error {
    match e.into_kind() {
        ::csv::ErrorKind::Io(e) => e,
        other => std::io::Error::other(format!("{other:?}")),
    }
}

/// Writes `nodes.csv`.
pub fn write_nodes(kg: &KnowledgeGraph, out: &mut dyn Write) -> std::io::Result<()> {
    let mut w = ::csv::Writer::from_writer(out);
    w.write_record(NODE_HEADER).map_err(csv_err)?;
    let g = kg.graph();
    for n in kg.sorted_nodes() {
        let d = &g[n];
        let labels = format!("Entity;{}", cypher::label(d.etype));
        let mentions = d.mentions.to_string();
        let documents = d.documents.to_string();
        w.write_record([
            d.id.as_str(),
            &labels,
            &d.name,
            d.etype.as_str(),
            d.qid.as_deref().unwrap_or(""),
            &mentions,
            &documents,
        ])
        .map_err(csv_err)?;
    }
    w.flush()
}

/// Writes `relationships.csv`.
pub fn write_relationships(kg: &KnowledgeGraph, out: &mut dyn Write) -> std::io::Result<()> {
    let mut w = ::csv::Writer::from_writer(out);
    w.write_record(RELATIONSHIP_HEADER).map_err(csv_err)?;
    let g = kg.graph();
    for e in kg.sorted_edges() {
        let (s, t) = g.edge_endpoints(e).expect("edge exists");
        let d = &g[e];
        let ev = d.evidence.first();
        let roles: Vec<&str> = d.roles.iter().map(String::as_str).collect();
        let confidence = if d.confidence.is_finite() {
            d.confidence
        } else {
            0.0
        };
        w.write_record([
            g[s].id.as_str(),
            g[t].id.as_str(),
            &cypher::rel_type(d.rtype),
            d.origin.as_str(),
            &d.count.to_string(),
            &format!("{confidence:?}"),
            &roles.join("; "),
            ev.map_or("", |e| e.doc.as_str()),
            &ev.and_then(|e| e.date)
                .map(|d| d.to_string())
                .unwrap_or_default(),
            &ev.map(|e| e.start.to_string()).unwrap_or_default(),
            &ev.map(|e| e.end.to_string()).unwrap_or_default(),
            ev.map_or("", |e| e.trigger.as_str()),
            ev.map_or("", |e| e.rule.as_str()),
        ])
        .map_err(csv_err)?;
    }
    w.flush()
}

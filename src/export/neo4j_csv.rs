//! CSV files for `neo4j-admin database import`, written into a folder: `nodes.csv` and
//! `relationships.csv` (docs/targets/neo4j.md).
//!
//! Headers follow neo4j-admin's import format: `id:ID`, `:LABEL` (`Entity` and the type label),
//! `:START_ID`, `:END_ID`, `:TYPE` (`HEAD_OF_STATE`, ...) and typed property columns
//! (`mentions:long`, `confidence:double`, `aliases:string[]`). Fields are quoted when needed
//! (RFC 4180, quotes doubled); names may hold line breaks, so neo4j-admin needs
//! `--multiline-fields=true`. An absent value is an empty field.
//!
//! The graph model is the Cypher script's: lists are lists (`aliases`, `roles`, labels), and a
//! relationship carries every evidence item kept in the graph as parallel lists
//! (`evidence_doc`, `evidence_date`, ..., item `i` of each list is evidence item `i`; a missing
//! date, role or feature list is an empty item). List items are joined with U+001F (the unit
//! separator, which no name holds), so neo4j-admin needs `--array-delimiter=U+001F`.

use crate::export::cypher;
use crate::export::tables::{csv_err, finite, list};
use crate::graph::KnowledgeGraph;
use crate::wire::graph::EvidenceItem;
use std::io::Write;

/// The node file's name in the output folder.
pub const NODES_FILE: &str = "nodes.csv";
/// The relationship file's name in the output folder.
pub const RELATIONSHIPS_FILE: &str = "relationships.csv";

/// Joins the items of a list field (`--array-delimiter=U+001F`).
pub const ARRAY_DELIMITER: char = crate::export::tables::UNIT_SEPARATOR;

/// Header of `nodes.csv`.
pub const NODE_HEADER: [&str; 8] = [
    "id:ID",
    ":LABEL",
    "name",
    "type",
    "qid",
    "aliases:string[]",
    "mentions:long",
    "documents:long",
];

/// Header of `relationships.csv`.
pub const RELATIONSHIP_HEADER: [&str; 17] = [
    ":START_ID",
    ":END_ID",
    ":TYPE",
    "origin",
    "count:long",
    "confidence:double",
    "roles:string[]",
    "evidence_doc:string[]",
    "evidence_date:string[]",
    "evidence_start:long[]",
    "evidence_end:long[]",
    "evidence_trigger:string[]",
    "evidence_rule:string[]",
    "evidence_confidence:double[]",
    "evidence_role:string[]",
    "evidence_features:string[]",
    "evidence_sentence:string[]",
];

/// Writes `nodes.csv`.
pub fn write_nodes(kg: &KnowledgeGraph, out: &mut dyn Write) -> std::io::Result<()> {
    let mut w = ::csv::Writer::from_writer(out);
    w.write_record(NODE_HEADER).map_err(csv_err)?;
    let g = kg.graph();
    for n in kg.sorted_nodes() {
        let d = &g[n];
        w.write_record([
            d.id.as_str(),
            &list(["Entity", cypher::label(d.etype)], ARRAY_DELIMITER),
            &d.name,
            d.etype.as_str(),
            d.qid.as_deref().unwrap_or(""),
            &list(&d.aliases, ARRAY_DELIMITER),
            &d.mentions.to_string(),
            &d.documents.to_string(),
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
        let ev = &d.evidence;
        let each = |f: fn(&EvidenceItem) -> String| list(ev.iter().map(f), ARRAY_DELIMITER);
        w.write_record([
            g[s].id.as_str(),
            g[t].id.as_str(),
            &cypher::rel_type(d.rtype),
            d.origin.as_str(),
            &d.count.to_string(),
            &finite(d.confidence),
            &list(&d.roles, ARRAY_DELIMITER),
            &each(|e| e.doc.clone()),
            &each(|e| e.date.map(|d| d.to_string()).unwrap_or_default()),
            &each(|e| e.start.to_string()),
            &each(|e| e.end.to_string()),
            &each(|e| e.trigger.clone()),
            &each(|e| e.rule.clone()),
            &each(|e| finite(e.confidence)),
            &each(|e| e.role.clone().unwrap_or_default()),
            &each(cypher::features_json),
            &each(|e| e.sentence.clone().unwrap_or_default()),
        ])
        .map_err(csv_err)?;
    }
    w.flush()
}

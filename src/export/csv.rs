//! Plain CSV for spreadsheets, pandas, R and Spark, written into a folder (`-f csv -o DIR`):
//!
//! - `nodes.csv`: `id,name,type,qid,aliases,mentions,documents`, one row per entity (isolated
//!   ones included);
//! - `edges.csv`: `id,source,source_name,source_type,type,target,target_name,target_type,origin,count,confidence,roles`,
//!   one row per edge (`id`: its position in the export order);
//! - `evidence.csv`: `edge,doc,date,start,end,trigger,rule,confidence,role,features,sentence`,
//!   one row per evidence item kept in the graph (`edge`: the edge's id; `features`: the
//!   relation model's reasons, `name +weight` joined with `; `; `sentence`: its text, when the
//!   graph keeps it).
//!
//! Rows are sorted like every export. Fields are quoted when needed (RFC 4180, quotes doubled);
//! lists (aliases, roles) are joined with `; `.
//!
//! These files are for spreadsheets, so a text cell that a spreadsheet would run as a formula
//! (it starts with `=`, `+`, `-`, `@`, a tab or a carriage return: `=HYPERLINK(...)` as a
//! document id) is written with a leading `'`, which spreadsheets show as text (OWASP's advice
//! against CSV injection). Numbers are never changed. The kuzu and neo4j-csv exports keep every
//! value exact.

use crate::export::tables::{csv_err, finite};
use crate::graph::KnowledgeGraph;
use std::io::Write;

/// The files of the folder.
pub const NODES_FILE: &str = "nodes.csv";
pub const EDGES_FILE: &str = "edges.csv";
pub const EVIDENCE_FILE: &str = "evidence.csv";

/// Header of `nodes.csv`.
pub const NODE_HEADER: [&str; 7] = [
    "id",
    "name",
    "type",
    "qid",
    "aliases",
    "mentions",
    "documents",
];

/// Header of `edges.csv`.
pub const EDGE_HEADER: [&str; 12] = [
    "id",
    "source",
    "source_name",
    "source_type",
    "type",
    "target",
    "target_name",
    "target_type",
    "origin",
    "count",
    "confidence",
    "roles",
];

/// Header of `evidence.csv`.
pub const EVIDENCE_HEADER: [&str; 11] = [
    "edge",
    "doc",
    "date",
    "start",
    "end",
    "trigger",
    "rule",
    "confidence",
    "role",
    "features",
    "sentence",
];

/// `s` as a cell no spreadsheet runs as a formula.
pub fn spreadsheet_safe(s: &str) -> std::borrow::Cow<'_, str> {
    if s.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        std::borrow::Cow::Owned(format!("'{s}"))
    } else {
        std::borrow::Cow::Borrowed(s)
    }
}

/// Writes `nodes.csv`.
pub fn write_nodes(kg: &KnowledgeGraph, out: &mut dyn Write) -> std::io::Result<()> {
    let mut w = ::csv::Writer::from_writer(out);
    w.write_record(NODE_HEADER).map_err(csv_err)?;
    let g = kg.graph();
    let safe = spreadsheet_safe;
    for n in kg.sorted_nodes() {
        let d = &g[n];
        w.write_record([
            &*safe(&d.id),
            &*safe(&d.name),
            d.etype.as_str(),
            d.qid.as_deref().unwrap_or(""),
            &*safe(&d.aliases.join("; ")),
            &d.mentions.to_string(),
            &d.documents.to_string(),
        ])
        .map_err(csv_err)?;
    }
    w.flush()
}

/// Writes `edges.csv`.
pub fn write_edges(kg: &KnowledgeGraph, out: &mut dyn Write) -> std::io::Result<()> {
    let mut w = ::csv::Writer::from_writer(out);
    w.write_record(EDGE_HEADER).map_err(csv_err)?;
    let g = kg.graph();
    let safe = spreadsheet_safe;
    for (id, e) in kg.sorted_edges().into_iter().enumerate() {
        let (s, t) = g.edge_endpoints(e).expect("edge exists");
        let (s, t, d) = (&g[s], &g[t], &g[e]);
        let roles: Vec<&str> = d.roles.iter().map(String::as_str).collect();
        w.write_record([
            &id.to_string(),
            &*safe(&s.id),
            &*safe(&s.name),
            s.etype.as_str(),
            d.rtype.as_str(),
            &*safe(&t.id),
            &*safe(&t.name),
            t.etype.as_str(),
            d.origin.as_str(),
            &d.count.to_string(),
            &finite(d.confidence),
            &*safe(&roles.join("; ")),
        ])
        .map_err(csv_err)?;
    }
    w.flush()
}

/// Writes `evidence.csv`.
pub fn write_evidence(kg: &KnowledgeGraph, out: &mut dyn Write) -> std::io::Result<()> {
    let mut w = ::csv::Writer::from_writer(out);
    w.write_record(EVIDENCE_HEADER).map_err(csv_err)?;
    let g = kg.graph();
    let safe = spreadsheet_safe;
    for (id, e) in kg.sorted_edges().into_iter().enumerate() {
        for ev in &g[e].evidence {
            let features: Vec<String> = ev
                .features
                .iter()
                .map(|f| format!("{} {:+}", f.feature, f.weight))
                .collect();
            w.write_record([
                &id.to_string(),
                &*safe(&ev.doc),
                &ev.date.map(|d| d.to_string()).unwrap_or_default(),
                &ev.start.to_string(),
                &ev.end.to_string(),
                &*safe(&ev.trigger),
                &*safe(&ev.rule),
                &finite(ev.confidence),
                &*safe(ev.role.as_deref().unwrap_or("")),
                &*safe(&features.join("; ")),
                &*safe(ev.sentence.as_deref().unwrap_or("")),
            ])
            .map_err(csv_err)?;
        }
    }
    w.flush()
}

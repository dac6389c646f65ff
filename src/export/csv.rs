//! Edge list CSV with a header row, one row per edge (sorted like every export):
//! `source,source_name,source_type,type,target,target_name,target_type,origin,count,confidence,roles,evidence_doc,evidence_trigger`.
//! Fields are quoted when needed (RFC 4180, quotes doubled); roles are joined with `; `.
//!
//! This file is for spreadsheets, so a text cell that a spreadsheet would run as a formula (it
//! starts with `=`, `+`, `-`, `@`, a tab or a carriage return: `=HYPERLINK(...)` as a document
//! id) is written with a leading `'`, which spreadsheets show as text (OWASP's advice against
//! CSV injection). Counts and confidences are numbers and never changed. The neo4j-csv export,
//! read by `neo4j-admin`, keeps every value exact.

use crate::graph::KnowledgeGraph;
use std::io::Write;

/// The header row.
pub const HEADER: [&str; 13] = [
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
    "evidence_doc",
    "evidence_trigger",
];

/// `s` as a cell no spreadsheet runs as a formula.
pub fn spreadsheet_safe(s: &str) -> std::borrow::Cow<'_, str> {
    if s.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        std::borrow::Cow::Owned(format!("'{s}"))
    } else {
        std::borrow::Cow::Borrowed(s)
    }
}

/// Writes the edge list.
pub fn write(kg: &KnowledgeGraph, out: &mut dyn Write) -> std::io::Result<()> {
    let mut w = ::csv::Writer::from_writer(out);
    let err = |e: ::csv::Error| match e.into_kind() {
        ::csv::ErrorKind::Io(e) => e,
        other => std::io::Error::other(format!("{other:?}")),
    };
    w.write_record(HEADER).map_err(err)?;
    let g = kg.graph();
    for e in kg.sorted_edges() {
        let (s, t) = g.edge_endpoints(e).expect("edge exists");
        let (s, t, d) = (&g[s], &g[t], &g[e]);
        let ev = d.evidence.first();
        let roles: Vec<&str> = d.roles.iter().map(String::as_str).collect();
        let confidence = if d.confidence.is_finite() {
            d.confidence
        } else {
            0.0
        };
        let safe = spreadsheet_safe;
        w.write_record([
            &*safe(&s.id),
            &*safe(&s.name),
            s.etype.as_str(),
            d.rtype.as_str(),
            &*safe(&t.id),
            &*safe(&t.name),
            t.etype.as_str(),
            d.origin.as_str(),
            &d.count.to_string(),
            &format!("{confidence:?}"),
            &*safe(&roles.join("; ")),
            &*safe(ev.map_or("", |e| e.doc.as_str())),
            &*safe(ev.map_or("", |e| e.trigger.as_str())),
        ])
        .map_err(err)?;
    }
    w.flush()
}

//! Edge list CSV with a header row, one row per edge (sorted like every export):
//! `source,source_name,source_type,type,target,target_name,target_type,origin,count,confidence,roles,evidence_doc,evidence_trigger`.
//! Fields are quoted when needed (RFC 4180, quotes doubled); roles are joined with `; `.

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
        w.write_record([
            s.id.as_str(),
            &s.name,
            s.etype.as_str(),
            d.rtype.as_str(),
            &t.id,
            &t.name,
            t.etype.as_str(),
            d.origin.as_str(),
            &d.count.to_string(),
            &format!("{confidence:?}"),
            &roles.join("; "),
            ev.map_or("", |e| e.doc.as_str()),
            ev.map_or("", |e| e.trigger.as_str()),
        ])
        .map_err(err)?;
    }
    w.flush()
}

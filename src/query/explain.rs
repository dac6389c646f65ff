//! `query explain`: every kept edge between two entities, with its evidence.

use crate::error::Error;
use crate::query::names::entity;
use crate::query::view::View;
use crate::query::wire::{Explain, ExplainedEdge};
use petgraph::stable_graph::NodeIndex;

/// Edges between `a` and `b` in either direction, sorted by (source id, target id, type,
/// origin); with a date range, only the evidence items in range.
pub fn explain(view: &View, a: NodeIndex, b: NodeIndex) -> Result<Explain, Error> {
    let g = view.graph();
    let mut edges = Vec::new();
    for i in view.between(a, b) {
        let (s, t) = g.edge_endpoints(i.edge).expect("edge exists");
        let d = &g[i.edge];
        let evidence = view.evidence(i.edge)?;
        edges.push(ExplainedEdge {
            source: g[s].id.clone(),
            target: g[t].id.clone(),
            rtype: d.rtype,
            origin: d.origin,
            count: d.count,
            confidence: d.confidence,
            roles: d.roles.iter().cloned().collect(),
            evidence: evidence
                .iter()
                .filter(|ev| view.filter().keeps_evidence(ev))
                .cloned()
                .collect(),
        });
    }
    edges.sort_by(|x, y| {
        (&x.source, &x.target, x.rtype, x.origin).cmp(&(&y.source, &y.target, y.rtype, y.origin))
    });
    Ok(Explain {
        a: entity(&g[a]),
        b: entity(&g[b]),
        edges,
    })
}

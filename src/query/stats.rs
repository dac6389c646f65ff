//! `query stats`: counts by entity and relation type, components and density.

use crate::query::view::View;
use crate::query::wire::Stats;
use crate::types::EntityType;
use petgraph::unionfind::UnionFind;
use petgraph::visit::{EdgeRef, IntoEdgeReferences, NodeIndexable};
use std::collections::BTreeMap;

/// Summary counts over the kept edges (every entity counts as a node).
pub fn stats(view: &View) -> Stats {
    let g = view.graph();
    let mut nodes_by_type: BTreeMap<EntityType, usize> =
        EntityType::ALL.iter().map(|t| (*t, 0)).collect();
    for n in g.node_indices() {
        *nodes_by_type.entry(g[n].etype).or_default() += 1;
    }
    let mut edges_by_type = BTreeMap::new();
    let mut edges_by_origin = BTreeMap::new();
    let mut uf: UnionFind<usize> = UnionFind::new(g.node_bound());
    let mut touched = vec![false; g.node_bound()];
    let mut edges = 0usize;
    for e in g.edge_references() {
        if !view.keeps(e.id()) {
            continue;
        }
        edges += 1;
        let d = e.weight();
        *edges_by_type.entry(d.rtype).or_insert(0) += 1;
        *edges_by_origin.entry(d.origin).or_insert(0) += 1;
        let (s, t) = (e.source().index(), e.target().index());
        uf.union(s, t);
        touched[s] = true;
        touched[t] = true;
    }
    let mut sizes = vec![0usize; g.node_bound()];
    for n in g.node_indices() {
        sizes[uf.find_mut(n.index())] += 1;
    }
    let nodes = g.node_count();
    Stats {
        documents: view.kg().documents(),
        nodes,
        edges,
        nodes_by_type,
        edges_by_type,
        edges_by_origin,
        components: sizes.iter().filter(|&&s| s > 0).count(),
        largest_component: sizes.iter().copied().max().unwrap_or(0),
        isolated: g.node_indices().filter(|n| !touched[n.index()]).count(),
        density: if nodes > 1 {
            edges as f64 / (nodes as f64 * (nodes - 1) as f64)
        } else {
            0.0
        },
    }
}

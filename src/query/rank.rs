//! Rankings for `query top`: degree, PageRank and betweenness over the kept edges.
//!
//! petgraph 0.8 has `page_rank`, but it compares every pair of nodes in every iteration
//! (O(n²·iterations): days on 200,000 nodes) and uses its own variant of the formula; it has no
//! betweenness. Both are implemented here over flat arrays, with NetworkX's conventions, and
//! checked against NetworkX values in the tests.

use crate::query::names::entity;
use crate::query::view::View;
use crate::query::wire::{Ranked, Score, Top};
use crate::types::EntityType;
use petgraph::stable_graph::NodeIndex;
use petgraph::visit::{EdgeRef, IntoEdgeReferences, NodeIndexable};

/// PageRank damping factor (NetworkX's default).
pub const DAMPING: f64 = 0.85;
/// PageRank stops after this many iterations...
pub const PAGERANK_MAX_ITER: usize = 100;
/// ...or once the summed change is below `nodes × PAGERANK_TOL` (NetworkX's test).
pub const PAGERANK_TOL: f64 = 1e-6;
/// Betweenness on graphs with more nodes than this samples sources unless told otherwise.
pub const EXACT_BETWEENNESS_MAX_NODES: usize = 5_000;
/// Sources sampled on larger graphs.
pub const DEFAULT_BETWEENNESS_SAMPLES: usize = 256;

/// What `query top` ranks by.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum RankBy {
    /// Kept edges at the entity (in + out).
    Degree,
    /// PageRank over the directed edges (symmetric relations count both ways).
    Pagerank,
    /// Betweenness centrality over the undirected simple graph of kept edges.
    Betweenness,
}

impl RankBy {
    pub fn as_str(self) -> &'static str {
        match self {
            RankBy::Degree => "degree",
            RankBy::Pagerank => "pagerank",
            RankBy::Betweenness => "betweenness",
        }
    }
}

/// (in, out) kept-edge counts per node index.
pub fn degrees(view: &View) -> Vec<(u64, u64)> {
    let g = view.graph();
    let mut deg = vec![(0u64, 0u64); g.node_bound()];
    for e in g.edge_references() {
        if view.keeps(e.id()) {
            deg[e.source().index()].1 += 1;
            deg[e.target().index()].0 += 1;
        }
    }
    deg
}

/// PageRank per node index (0 for unused indices): damping [`DAMPING`], uniform teleport and
/// dangling redistribution, every kept edge an arc of weight 1, symmetric relations an arc
/// each way — NetworkX's `pagerank` on the same multigraph.
pub fn pagerank(view: &View) -> Vec<f64> {
    let g = view.graph();
    let bound = g.node_bound();
    let live: Vec<usize> = g.node_indices().map(|n| n.index()).collect();
    let n = live.len();
    let mut x = vec![0.0; bound];
    if n == 0 {
        return x;
    }
    let mut arcs: Vec<(u32, u32)> = Vec::with_capacity(g.edge_count());
    for e in g.edge_references() {
        if view.keeps(e.id()) {
            let (s, t) = (e.source().index() as u32, e.target().index() as u32);
            arcs.push((s, t));
            if e.weight().rtype.is_symmetric() && s != t {
                arcs.push((t, s));
            }
        }
    }
    let mut out = vec![0u32; bound];
    for &(s, _) in &arcs {
        out[s as usize] += 1;
    }
    let inv_out: Vec<f64> = out
        .iter()
        .map(|&o| if o == 0 { 0.0 } else { 1.0 / o as f64 })
        .collect();
    let nf = n as f64;
    for &v in &live {
        x[v] = 1.0 / nf;
    }
    let mut last = vec![0.0; bound];
    for _ in 0..PAGERANK_MAX_ITER {
        std::mem::swap(&mut x, &mut last);
        let dangling: f64 = live
            .iter()
            .filter(|&&v| out[v] == 0)
            .map(|&v| last[v])
            .sum();
        let base = (DAMPING * dangling + (1.0 - DAMPING)) / nf;
        for &v in &live {
            x[v] = base;
        }
        for &(s, t) in &arcs {
            x[t as usize] += DAMPING * last[s as usize] * inv_out[s as usize];
        }
        let err: f64 = live.iter().map(|&v| (x[v] - last[v]).abs()).sum();
        if err < nf * PAGERANK_TOL {
            break;
        }
    }
    x
}

/// Betweenness centrality per node index (Brandes), over the undirected simple graph of kept
/// edges (parallel edges and directions merged, self-loops ignored), normalised like
/// NetworkX's `betweenness_centrality(G)` on an undirected graph. With `samples` < nodes,
/// only that many sources (evenly spaced in id order) are used and the result is scaled up.
pub fn betweenness(view: &View, samples: Option<usize>) -> Vec<f64> {
    let g = view.graph();
    let bound = g.node_bound();
    // Undirected adjacency in CSR form, deduplicated.
    let mut pairs: Vec<(u32, u32)> = Vec::with_capacity(2 * g.edge_count());
    for e in g.edge_references() {
        let (s, t) = (e.source().index() as u32, e.target().index() as u32);
        if s != t && view.keeps(e.id()) {
            pairs.push((s, t));
            pairs.push((t, s));
        }
    }
    pairs.sort_unstable();
    pairs.dedup();
    let mut start = vec![0usize; bound + 1];
    for &(s, _) in &pairs {
        start[s as usize + 1] += 1;
    }
    for i in 0..bound {
        start[i + 1] += start[i];
    }
    let adj: Vec<u32> = pairs.iter().map(|&(_, t)| t).collect();
    drop(pairs);
    let nbrs = |v: usize| &adj[start[v]..start[v + 1]];

    let mut sorted: Vec<NodeIndex> = g.node_indices().collect();
    sorted.sort_by(|a, b| view.cmp_ids(*a, *b));
    let n = sorted.len();
    let k = samples.unwrap_or(n).min(n);
    let sources: Vec<usize> = if k == n {
        sorted.iter().map(|v| v.index()).collect()
    } else {
        (0..k).map(|i| sorted[i * n / k].index()).collect()
    };

    let mut bc = vec![0.0f64; bound];
    let mut dist = vec![u32::MAX; bound];
    let mut sigma = vec![0.0f64; bound];
    let mut delta = vec![0.0f64; bound];
    let mut order: Vec<usize> = Vec::with_capacity(n);
    for &s in &sources {
        order.clear();
        dist[s] = 0;
        sigma[s] = 1.0;
        order.push(s);
        let mut head = 0;
        while head < order.len() {
            let v = order[head];
            head += 1;
            for &w in nbrs(v) {
                let w = w as usize;
                if dist[w] == u32::MAX {
                    dist[w] = dist[v] + 1;
                    order.push(w);
                }
                if dist[w] == dist[v] + 1 {
                    sigma[w] += sigma[v];
                }
            }
        }
        for &w in order.iter().rev() {
            let coeff = (1.0 + delta[w]) / sigma[w];
            for &v in nbrs(w) {
                let v = v as usize;
                if dist[v] != u32::MAX && dist[v] + 1 == dist[w] {
                    delta[v] += sigma[v] * coeff;
                }
            }
            if w != s {
                bc[w] += delta[w];
            }
        }
        for &w in &order {
            dist[w] = u32::MAX;
            sigma[w] = 0.0;
            delta[w] = 0.0;
        }
    }
    // Each unordered pair was counted from both ends; normalise by the (n-1)(n-2)/2 pairs.
    if n > 2 {
        let scale = 1.0 / ((n - 1) as f64 * (n - 2) as f64) * (n as f64 / k.max(1) as f64);
        for v in g.node_indices() {
            bc[v.index()] *= scale;
        }
    } else {
        bc.iter_mut().for_each(|b| *b = 0.0);
    }
    bc
}

/// Options of `query top`.
#[derive(Debug, Clone)]
pub struct TopOptions {
    pub by: RankBy,
    /// List only entities of these types (empty: all); scores use the whole graph.
    pub types: Vec<EntityType>,
    pub n: usize,
    /// Betweenness sources to sample (`None`: exact up to [`EXACT_BETWEENNESS_MAX_NODES`]
    /// nodes, else [`DEFAULT_BETWEENNESS_SAMPLES`]).
    pub samples: Option<usize>,
}

/// `query top`: the `n` highest-scoring entities, ties by id.
pub fn top(view: &View, opts: &TopOptions) -> Top {
    let g = view.graph();
    let deg = degrees(view);
    let mut samples = None;
    let scores: Vec<f64> = match opts.by {
        RankBy::Degree => deg.iter().map(|&(i, o)| (i + o) as f64).collect(),
        RankBy::Pagerank => pagerank(view),
        RankBy::Betweenness => {
            let n = g.node_count();
            let k = match opts.samples {
                Some(k) => k.min(n),
                None if n > EXACT_BETWEENNESS_MAX_NODES => DEFAULT_BETWEENNESS_SAMPLES,
                None => n,
            };
            if k < n {
                samples = Some(k);
            }
            betweenness(view, Some(k))
        }
    };
    let mut cands: Vec<NodeIndex> = g
        .node_indices()
        .filter(|n| opts.types.is_empty() || opts.types.contains(&g[*n].etype))
        .collect();
    let cmp = |a: &NodeIndex, b: &NodeIndex| {
        scores[b.index()]
            .total_cmp(&scores[a.index()])
            .then_with(|| view.cmp_ids(*a, *b))
    };
    if cands.len() > opts.n {
        cands.select_nth_unstable_by(opts.n, cmp);
        cands.truncate(opts.n);
    }
    cands.sort_by(cmp);
    Top {
        by: opts.by.as_str(),
        samples,
        entities: cands
            .iter()
            .enumerate()
            .map(|(i, n)| {
                let (in_degree, out) = deg[n.index()];
                Ranked {
                    rank: i + 1,
                    entity: entity(&g[*n]),
                    score: match opts.by {
                        RankBy::Degree => Score::Count(in_degree + out),
                        _ => Score::Value(scores[n.index()]),
                    },
                    in_degree,
                    out,
                }
            })
            .collect(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::query::{EdgeFilter, test_graph};
    use crate::types::RelationType::{Criticizes, MetWith, Supports};

    /// NetworkX 3.6 on the same graph: `pagerank(MultiDiGraph)` with the symmetric `met_with`
    /// edge added both ways, and `betweenness_centrality(Graph)` on the undirected simple graph.
    #[test]
    fn pagerank_and_betweenness_match_networkx() {
        let ids = [
            "person:a", "person:b", "person:c", "person:d", "person:e", "person:f", "state:X",
        ];
        let nodes: Vec<(&str, &str, &[&str])> = ids.iter().map(|i| (*i, *i, &[][..])).collect();
        let kg = test_graph(
            &nodes,
            &[
                ("person:a", "person:b", MetWith, 1),
                ("person:a", "person:c", Supports, 1),
                ("person:c", "person:d", Supports, 1),
                ("person:d", "person:a", Criticizes, 1),
                ("person:b", "person:d", Supports, 2),
                ("person:e", "person:f", Supports, 1),
                ("person:f", "state:X", Criticizes, 1),
                ("person:c", "state:X", Supports, 1),
                ("person:c", "state:X", Criticizes, 1),
            ],
        );
        let view = View::new(&kg, EdgeFilter::default());
        let pr = pagerank(&view);
        let bc = betweenness(&view, None);
        let want_pr = [
            0.23303708507913393,
            0.1446815765871125,
            0.1446815765871125,
            0.1481239662369146,
            0.04564135551352448,
            0.08443627402273689,
            0.199398165973465,
        ];
        let want_bc = [
            0.13333333333333333,
            0.0,
            0.6,
            0.13333333333333333,
            0.0,
            0.3333333333333333,
            0.5333333333333333,
        ];
        for (i, id) in ids.iter().enumerate() {
            let n = kg.node_index(id).unwrap().index();
            assert!(
                (pr[n] - want_pr[i]).abs() < 1e-9,
                "pagerank {id}: {} vs {}",
                pr[n],
                want_pr[i]
            );
            assert!(
                (bc[n] - want_bc[i]).abs() < 1e-12,
                "betweenness {id}: {} vs {}",
                bc[n],
                want_bc[i]
            );
        }
        // Sampling every source is the exact computation.
        assert_eq!(betweenness(&view, Some(ids.len())), bc);
        let top = top(
            &view,
            &TopOptions {
                by: RankBy::Degree,
                types: vec![EntityType::State],
                n: 5,
                samples: None,
            },
        );
        assert_eq!(top.entities.len(), 1);
        assert_eq!(top.entities[0].score, Score::Count(3));
    }
}

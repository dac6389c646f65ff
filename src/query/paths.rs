//! Traversals: neighbourhoods (`neighbors`, `ego`), shortest paths and all simple paths.
//!
//! Breadth-first searches here are written over dense per-node arrays with a canonical
//! tie-break (smaller entity id first), so that the same graph always gives the same answer and
//! a query on a million edges stays in milliseconds. Enumerating every simple path uses
//! petgraph's `all_simple_paths` on the small subgraph that can hold such paths.

use crate::error::Error;
use crate::query::names::entity;
use crate::query::view::{Direction, Incident, View};
use crate::query::wire::{EdgeRef, Hop, Neighbor, Neighbors, Path, Paths};
use crate::types::EntityType;
use petgraph::graph::UnGraph;
use petgraph::stable_graph::NodeIndex;
use petgraph::visit::NodeIndexable;
use std::collections::HashSet;

/// More simple paths than this is an error (narrow the search instead).
pub const MAX_ENUMERATED_PATHS: usize = 100_000;

const UNSEEN: u32 = u32::MAX;

/// The edge reference of an incident edge.
pub fn edge_ref(view: &View, i: &Incident) -> EdgeRef {
    let d = &view.graph()[i.edge];
    EdgeRef {
        rtype: d.rtype,
        direction: i.direction,
        origin: d.origin,
        count: d.count,
        confidence: d.confidence,
    }
}

/// Edge references sorted by (type, direction, origin), then by the id of the edge's stored
/// source (a symmetric relation stored both ways between two entities: both edges read
/// `Both`), so that the order never depends on which end a search walked.
fn edge_refs(view: &View, incident: &[Incident]) -> Vec<EdgeRef> {
    let g = view.graph();
    let mut v: Vec<(EdgeRef, petgraph::stable_graph::NodeIndex)> = incident
        .iter()
        .map(|i| {
            let (source, _) = g.edge_endpoints(i.edge).expect("edge exists");
            (edge_ref(view, i), source)
        })
        .collect();
    v.sort_by(|(x, sx), (y, sy)| {
        (x.rtype, x.direction, x.origin)
            .cmp(&(y.rtype, y.direction, y.origin))
            .then_with(|| view.cmp_ids(*sx, *sy))
    });
    v.into_iter().map(|(e, _)| e).collect()
}

/// Options of `query neighbors`.
#[derive(Debug, Clone)]
pub struct NeighborsOptions {
    pub depth: usize,
    pub direction: Direction,
    /// List only entities of these types (empty: all); traversal goes through every type.
    pub types: Vec<EntityType>,
}

struct Reached {
    node: NodeIndex,
    depth: usize,
    via: NodeIndex,
    /// Summed count of `edges`.
    weight: u64,
    edges: Vec<Incident>,
}

/// Breadth-first layers from `start` up to `depth` hops following `dir`: every reached node,
/// the node one hop closer that reached it (the one with the heaviest edges to it — summed
/// counts — ties to the smaller id) and the edges between the two.
fn layers(view: &View, start: NodeIndex, depth: usize, dir: Direction) -> Vec<Reached> {
    let g = view.graph();
    // Per node: index into `reached`, START, or UNSEEN.
    const START: u32 = UNSEEN - 1;
    let mut slot = vec![UNSEEN; g.node_bound()];
    let mut reached: Vec<Reached> = Vec::new();
    slot[start.index()] = START;
    let mut frontier = vec![start];
    let mut next = Vec::new();
    let mut around: Vec<Incident> = Vec::new();
    for d in 1..=depth {
        frontier.sort_by(|a, b| view.cmp_ids(*a, *b));
        for &v in &frontier {
            // The edges from v, grouped by the node they reach.
            around.clear();
            around.extend(view.incident(v, dir).filter(|i| {
                let s = slot[i.other.index()];
                s == UNSEEN || (s != START && reached[s as usize].depth == d)
            }));
            around.sort_by_key(|i| i.other.index());
            for group in around.chunk_by(|a, b| a.other == b.other) {
                let u = group[0].other;
                let weight: u64 = group.iter().map(|i| g[i.edge].count).sum();
                let s = slot[u.index()];
                if s == UNSEEN {
                    slot[u.index()] = reached.len() as u32;
                    reached.push(Reached {
                        node: u,
                        depth: d,
                        via: v,
                        weight,
                        edges: group.to_vec(),
                    });
                    next.push(u);
                } else {
                    let r = &mut reached[s as usize];
                    if weight > r.weight {
                        r.via = v;
                        r.weight = weight;
                        r.edges = group.to_vec();
                    }
                }
            }
        }
        if next.is_empty() {
            break;
        }
        std::mem::swap(&mut frontier, &mut next);
        next.clear();
    }
    reached
}

/// `query neighbors`: entities within `depth` hops, sorted by depth, then by the summed count
/// of the edges that reach them (most first), then by id.
pub fn neighbors(view: &View, start: NodeIndex, opts: &NeighborsOptions) -> Neighbors {
    let g = view.graph();
    let mut reached = layers(view, start, opts.depth, opts.direction);
    if !opts.types.is_empty() {
        reached.retain(|r| opts.types.contains(&g[r.node].etype));
    }
    reached.sort_by(|a, b| {
        a.depth
            .cmp(&b.depth)
            .then_with(|| b.weight.cmp(&a.weight))
            .then_with(|| view.cmp_ids(a.node, b.node))
    });
    Neighbors {
        entity: entity(&g[start]),
        depth: opts.depth,
        direction: opts.direction,
        neighbors: reached
            .iter()
            .map(|r| Neighbor {
                depth: r.depth,
                entity: entity(&g[r.node]),
                via: g[r.via].id.clone(),
                edges: edge_refs(view, &r.edges),
            })
            .collect(),
    }
}

/// `start` and the nodes within `radius` hops of it (any direction), in id order.
pub fn ego_nodes(view: &View, start: NodeIndex, radius: usize) -> Vec<NodeIndex> {
    let mut nodes: Vec<NodeIndex> = layers(view, start, radius, Direction::Both)
        .into_iter()
        .map(|r| r.node)
        .collect();
    nodes.push(start);
    nodes.sort_by(|a, b| view.cmp_ids(*a, *b));
    nodes
}

/// Hop distances from `start` over kept edges of any direction, up to `limit` hops.
/// `UNSEEN` marks nodes not reached.
fn distances(view: &View, start: NodeIndex, limit: usize) -> Vec<u32> {
    let mut dist = vec![UNSEEN; view.graph().node_bound()];
    dist[start.index()] = 0;
    let mut frontier = vec![start];
    let mut next = Vec::new();
    for d in 1..=limit.min(UNSEEN as usize - 1) as u32 {
        for &v in &frontier {
            for inc in view.incident(v, Direction::Both) {
                let u = inc.other.index();
                if dist[u] == UNSEEN {
                    dist[u] = d;
                    next.push(inc.other);
                }
            }
        }
        if next.is_empty() {
            break;
        }
        std::mem::swap(&mut frontier, &mut next);
        next.clear();
    }
    dist
}

/// The shortest path from `a` to `b` over kept edges of any direction, at most `max_len`
/// hops; among equally short paths, the one whose entity ids are smallest, hop by hop.
///
/// A bidirectional breadth-first search: whole layers are added on the side with the smaller
/// frontier until the two balls touch, so only the neighbourhoods of the two ends are explored
/// (on a million edges, milliseconds instead of a sweep of the graph). If the balls have radii
/// `ka` and `kb` when they first share nodes, the distance is `ka + kb` and the shared nodes
/// are exactly the middle nodes of the shortest paths at distance `ka` from `a`.
pub fn shortest_path(
    view: &View,
    a: NodeIndex,
    b: NodeIndex,
    max_len: Option<usize>,
) -> Option<Vec<NodeIndex>> {
    if a == b {
        return Some(vec![a]);
    }
    let g = view.graph();
    let limit = max_len.unwrap_or(usize::MAX);
    let bound = g.node_bound();
    let (mut da, mut db) = (vec![UNSEEN; bound], vec![UNSEEN; bound]);
    da[a.index()] = 0;
    db[b.index()] = 0;
    // Layers of the side of `a` (kept to walk them back), and the frontier of the side of `b`.
    let mut layers_a: Vec<Vec<NodeIndex>> = vec![vec![a]];
    let mut front_b = vec![b];
    let (mut ka, mut kb) = (0u32, 0u32);
    let mut meet: Vec<NodeIndex> = Vec::new();
    while meet.is_empty() {
        if (ka + kb) as usize >= limit {
            return None;
        }
        let grow_a = layers_a.last().map_or(0, Vec::len) <= front_b.len();
        let (front, dist, other, k): (&[NodeIndex], &mut Vec<u32>, &Vec<u32>, u32) = if grow_a {
            (layers_a.last().expect("a layer"), &mut da, &db, ka + 1)
        } else {
            (&front_b, &mut db, &da, kb + 1)
        };
        let mut next = Vec::new();
        for &v in front {
            for inc in view.incident(v, Direction::Both) {
                let u = inc.other;
                if dist[u.index()] == UNSEEN {
                    dist[u.index()] = k;
                    next.push(u);
                    if other[u.index()] != UNSEEN {
                        meet.push(u);
                    }
                }
            }
        }
        if next.is_empty() {
            return None;
        }
        if grow_a {
            ka = k;
            layers_a.push(next);
        } else {
            kb = k;
            front_b = next;
        }
    }
    // good[v]: v (on the side of `a`) leads to a meeting node through increasing distances.
    let mut good = vec![false; bound];
    for &m in &meet {
        good[m.index()] = true;
    }
    for layer in layers_a.iter().rev().skip(1) {
        for &v in layer {
            let d = da[v.index()];
            good[v.index()] = view
                .incident(v, Direction::Both)
                .any(|i| da[i.other.index()] == d + 1 && good[i.other.index()]);
        }
    }
    let pick = |cur: NodeIndex, ok: &dyn Fn(NodeIndex) -> bool| {
        view.incident(cur, Direction::Both)
            .map(|i| i.other)
            .filter(|u| ok(*u))
            .min_by(|x, y| view.cmp_ids(*x, *y))
            .expect("a node on a shortest path has a next node")
    };
    let mut path = vec![a];
    let mut cur = a;
    for i in 0..ka {
        cur = pick(cur, &|u| da[u.index()] == i + 1 && good[u.index()]);
        path.push(cur);
    }
    while cur != b {
        let want = db[cur.index()] - 1;
        cur = pick(cur, &|u| db[u.index()] == want);
        path.push(cur);
    }
    Some(path)
}

/// Every simple path from `a` to `b` of at most `max_len` hops, shortest first, then by ids.
/// Errors when there are more than [`MAX_ENUMERATED_PATHS`].
pub fn all_paths(
    view: &View,
    a: NodeIndex,
    b: NodeIndex,
    max_len: usize,
) -> Result<Vec<Vec<NodeIndex>>, Error> {
    if a == b {
        return Ok(vec![vec![a]]);
    }
    let g = view.graph();
    // Only nodes v with d(a, v) + d(v, b) <= max_len can lie on such a path.
    let da = distances(view, a, max_len);
    let db = distances(view, b, max_len);
    let mut cands: Vec<NodeIndex> = g
        .node_indices()
        .filter(|v| {
            let (x, y) = (da[v.index()], db[v.index()]);
            x != UNSEEN && y != UNSEEN && (x + y) as usize <= max_len
        })
        .collect();
    if !cands.contains(&b) {
        return Ok(Vec::new());
    }
    cands.sort_by(|x, y| view.cmp_ids(*x, *y));
    let mut small: UnGraph<NodeIndex, ()> = UnGraph::default();
    let mut local = vec![UNSEEN; g.node_bound()];
    for &v in &cands {
        local[v.index()] = small.add_node(v).index() as u32;
    }
    let mut seen = HashSet::new();
    for &v in &cands {
        let lv = local[v.index()];
        for inc in view.incident(v, Direction::Both) {
            let lu = local[inc.other.index()];
            if lu != UNSEEN && lu != lv && seen.insert((lv.min(lu), lv.max(lu))) {
                small.add_edge(lv.into(), lu.into(), ());
            }
        }
    }
    let (sa, sb) = (local[a.index()].into(), local[b.index()].into());
    let mut paths: Vec<Vec<NodeIndex>> = Vec::new();
    let found = petgraph::algo::all_simple_paths::<
        Vec<petgraph::graph::NodeIndex>,
        _,
        std::hash::RandomState,
    >(&small, sa, sb, 0, Some(max_len.saturating_sub(1)));
    for p in found {
        if paths.len() == MAX_ENUMERATED_PATHS {
            return Err(Error::Usage(format!(
                "more than {MAX_ENUMERATED_PATHS} paths of up to {max_len} hops: lower --max-len or filter with --relation/--min-count"
            )));
        }
        paths.push(p.into_iter().map(|n| small[n]).collect());
    }
    paths.sort_by(|x, y| {
        x.len()
            .cmp(&y.len())
            .then_with(|| x.iter().map(|n| &g[*n].id).cmp(y.iter().map(|n| &g[*n].id)))
    });
    Ok(paths)
}

/// The wire form of a path: its entities and, for each hop, every kept edge between the two.
pub fn path_wire(view: &View, nodes: &[NodeIndex]) -> Path {
    let g = view.graph();
    Path {
        length: nodes.len() - 1,
        nodes: nodes.iter().map(|n| entity(&g[*n])).collect(),
        hops: nodes
            .windows(2)
            .map(|w| Hop {
                from: g[w[0]].id.clone(),
                to: g[w[1]].id.clone(),
                edges: edge_refs(view, &view.between(w[0], w[1])),
            })
            .collect(),
    }
}

/// Options of `query path`.
#[derive(Debug, Clone)]
pub struct PathOptions {
    /// Every simple path instead of the shortest one.
    pub all: bool,
    pub max_len: Option<usize>,
    /// At most this many paths (with `all`).
    pub limit: usize,
}

/// Hop limit of `--all` without `--max-len`.
pub const DEFAULT_ALL_MAX_LEN: usize = 3;

/// `query path`.
pub fn paths(view: &View, a: NodeIndex, b: NodeIndex, opts: &PathOptions) -> Result<Paths, Error> {
    let g = view.graph();
    let (mode, max_len, found) = if opts.all {
        let k = opts.max_len.unwrap_or(DEFAULT_ALL_MAX_LEN);
        ("all", Some(k), all_paths(view, a, b, k)?)
    } else {
        (
            "shortest",
            opts.max_len,
            shortest_path(view, a, b, opts.max_len)
                .into_iter()
                .collect(),
        )
    };
    let omitted = found.len().saturating_sub(opts.limit);
    Ok(Paths {
        from: entity(&g[a]),
        to: entity(&g[b]),
        mode,
        max_len,
        paths: found
            .iter()
            .take(opts.limit)
            .map(|p| path_wire(view, p))
            .collect(),
        omitted,
    })
}

//! The part of a graph a query looks at, read from a mapped binary graph file
//! ([`MappedGraph`]) instead of loading the whole graph, so that `neighbors`, `path`, `explain`,
//! `ego`, `find` and `top --by degree` on a graph of millions of edges read what they need
//! rather than the whole file (docs/query.md, "Performance").
//!
//! Each query runs unchanged on a small graph made of the nodes and links it can look at,
//! in the file's order. The part is chosen so that the answer is the one the whole graph
//! gives (a property test in tests/query_props.rs checks this against the whole graph under
//! random filters):
//!
//! * `neighbors --depth K`: every link touching a node fewer than K hops away (either
//!   direction, any edge), and the nodes at their ends. A search that follows only some
//!   directions or only kept edges reaches no node outside, and looks at no other link.
//! * `ego --radius K`: the nodes at most K hops away (either direction, any edge) and the links
//!   among them.
//! * `explain`: the two entities and the links between them.
//! * `find`: the entities it finds (or, finding none, those similar enough to suggest), every
//!   link touching them (their degrees rank them) and the nodes at the other ends.
//! * `top --by degree`: the top entities by kept edges counted on the adjacency tables, every
//!   link touching them and the nodes at the other ends (whose degrees there are at most
//!   their own, so the top entities stay on top). PageRank and betweenness read the whole
//!   graph.
//! * `path`: the nodes on the paths the query can return, found by breadth-first searches over
//!   the kept links from both ends (shortest: the nodes on a shortest path; `--all`: the nodes
//!   within `--max-len` hops of both ends in total), and the links among them. The shortest
//!   path is the lexicographically smallest by ids, hop by hop, among all shortest paths
//!   (`paths::shortest_path`), and every one of them is in the part.
//!
//! Names are resolved among the nodes that could match ([`names::Candidates`]): the same
//! entity, or the same error, as on the whole graph.

use crate::error::Error;
use crate::export::bin::mapped::{MappedGraph, NodeNames};
use crate::gazetteer::Date;
use crate::query::load::{self, Loaded};
use crate::query::names::{self, Candidates};
use crate::query::paths::DEFAULT_ALL_MAX_LEN;
use crate::query::view::EdgeFilter;
use crate::types::EntityType;
use std::path::Path;

/// What a query needs of the graph.
#[derive(Debug, Clone)]
pub enum Part<'a> {
    /// `neighbors --depth K`.
    Neighbors { depth: usize },
    /// `ego --radius K`.
    Ego { radius: usize },
    /// `explain`: the links between the two entities.
    Between,
    /// `path` over the edges `filter` keeps.
    Paths {
        filter: &'a EdgeFilter,
        max_len: Option<usize>,
        all: bool,
    },
    /// `find TEXT`: the entities it finds (or, if none, those similar to it) and their links.
    Find { text: &'a str },
    /// `top --by degree -n N` over the edges `filter` keeps, listing entities of `types`.
    TopDegree {
        filter: &'a EdgeFilter,
        types: &'a [EntityType],
        n: usize,
    },
}

/// Loads what a query on the graph file `path` needs to answer about the entities `names`
/// (ids, names or aliases): the part of a mapped binary graph file, or the whole graph of any
/// other file (JSON, an older binary version, standard input). Returns the graph and the ids
/// of the entities, resolved on the whole graph.
pub fn load_for(path: &Path, names: &[&str], part: &Part) -> Result<(Loaded, Vec<String>), Error> {
    let display = load::display_name(path);
    if path.as_os_str() != "-"
        && let Some(m) = MappedGraph::open(path)?
    {
        return load_part(m, names, part, &display);
    }
    let loaded = load::load(path)?;
    let ids = names
        .iter()
        .map(|q| names::resolve(&loaded.kg, q, &display).map(|n| loaded.kg.graph()[n].id.clone()))
        .collect::<Result<Vec<_>, _>>()?;
    Ok((loaded, ids))
}

/// The part of a mapped graph a query needs, and the ids of its entities `names`; `display`
/// names the graph in errors.
pub fn load_part(
    m: MappedGraph,
    names: &[&str],
    part: &Part,
    display: &str,
) -> Result<(Loaded, Vec<String>), Error> {
    let ends = names
        .iter()
        .map(|q| resolve(&m, q, display))
        .collect::<Result<Vec<_>, _>>()?;
    let ids = ends
        .iter()
        .map(|&i| m.node_id(i).map(str::to_string))
        .collect::<Result<Vec<_>, _>>()?;
    let (nodes, links) = select(&m, &ends, part)?;
    let (kg, lazy) = m.subgraph(&nodes, &links)?;
    Ok((
        Loaded {
            kg,
            evidence: Some(lazy),
        },
        ids,
    ))
}

/// Resolves a name on a mapped graph: [`names::resolve`] among the candidates.
fn resolve(m: &MappedGraph, query: &str, display: &str) -> Result<usize, Error> {
    // An exact id wins, as in `names::resolve`.
    if let Some(i) = m.find_id(query.trim())? {
        return Ok(i);
    }
    let mut found = m.nodes_named(query.trim())?;
    if found.is_empty() {
        let mut c = Candidates::new(query);
        found = scan(m, |n| c.similar(n.id, n.name, &n.aliases))?;
    }
    let kg = m.node_graph(&found)?;
    let n = names::resolve(&kg, query, display)?;
    Ok(found[n.index()])
}

/// The nodes and links (positions, ascending) of a query's part; `ends` are its entities.
fn select(m: &MappedGraph, ends: &[usize], part: &Part) -> Result<(Vec<usize>, Vec<usize>), Error> {
    match part {
        Part::Find { text } => return found(m, text),
        Part::TopDegree { filter, types, n } => return top_degree(m, filter, types, *n),
        _ => {}
    }
    let a = ends[0];
    Ok(match part {
        Part::Neighbors { depth } => {
            let inner = if *depth == 0 {
                Vec::new()
            } else {
                ball(m, a, depth - 1)?
            };
            let (mut nodes, links) = with_links(m, inner);
            nodes.push(a);
            sort_unique(&mut nodes);
            (nodes, links)
        }
        Part::Ego { radius } => {
            let nodes = ball(m, a, *radius)?;
            let links = induced(m, &nodes);
            (nodes, links)
        }
        Part::Between => {
            let b = ends[1];
            let mut links: Vec<usize> = m.out_links(a).filter(|&l| m.target(l) == b).collect();
            links.extend(m.in_links(a).filter(|&(_, s)| s == b).map(|(l, _)| l));
            sort_unique(&mut links);
            let mut nodes = vec![a, b];
            sort_unique(&mut nodes);
            (nodes, links)
        }
        Part::Paths {
            filter,
            max_len,
            all,
        } => {
            let nodes = path_nodes(m, filter, a, ends[1], *max_len, *all)?;
            let links = induced(m, &nodes);
            (nodes, links)
        }
        Part::Find { .. } | Part::TopDegree { .. } => unreachable!("handled above"),
    })
}

/// The part `top --by degree` needs: the `n` entities of `types` with the most kept edges
/// (ties by id), counted on the adjacency tables, with every link touching them and the
/// nodes at the other ends. In that part they have their whole degrees and every other node
/// at most its own, so they are its top `n` too, in the same order.
fn top_degree(
    m: &MappedGraph,
    filter: &EdgeFilter,
    types: &[EntityType],
    n: usize,
) -> Result<(Vec<usize>, Vec<usize>), Error> {
    let mut kept = Kept::new(m, filter);
    let mut degree = vec![0u64; m.node_count()];
    for v in 0..m.node_count() {
        for l in m.out_links(v) {
            if kept.keeps(l)? {
                degree[v] += 1;
                degree[m.target(l)] += 1;
            }
        }
    }
    let mut best = Vec::new();
    for v in 0..m.node_count() {
        if types.is_empty() || types.contains(&m.node_type(v)?) {
            best.push(v);
        }
    }
    // Nodes are in id order: ties go to the smaller position.
    let rank = |a: &usize, b: &usize| degree[*b].cmp(&degree[*a]).then(a.cmp(b));
    if best.len() > n {
        best.select_nth_unstable_by(n, rank);
        best.truncate(n);
    }
    Ok(with_links(m, best))
}

/// `hits`, every link touching them and the nodes at the links' other ends (both sorted).
fn with_links(m: &MappedGraph, hits: Vec<usize>) -> (Vec<usize>, Vec<usize>) {
    let mut nodes = hits.clone();
    let mut links = Vec::new();
    for &v in &hits {
        for l in m.out_links(v) {
            links.push(l);
            nodes.push(m.target(l));
        }
        for (l, s) in m.in_links(v) {
            links.push(l);
            nodes.push(s);
        }
    }
    sort_unique(&mut links);
    sort_unique(&mut nodes);
    (nodes, links)
}

/// The part `find` needs: the nodes it finds (or, if none, the similar ones), every link
/// touching them (for their degrees) and the nodes at the links' other ends.
fn found(m: &MappedGraph, text: &str) -> Result<(Vec<usize>, Vec<usize>), Error> {
    let mut c = Candidates::new(text);
    let mut hits = scan(m, |n| c.found(n.id, n.name, n.qid, &n.aliases))?;
    if hits.is_empty() {
        hits = scan(m, |n| c.similar(n.id, n.name, &n.aliases))?;
    }
    Ok(with_links(m, hits))
}

/// The nodes whose names `keep` accepts, ascending.
fn scan(m: &MappedGraph, mut keep: impl FnMut(&NodeNames) -> bool) -> Result<Vec<usize>, Error> {
    let mut hits = Vec::new();
    for i in 0..m.node_count() {
        if keep(&m.node_names(i)?) {
            hits.push(i);
        }
    }
    Ok(hits)
}

fn sort_unique(v: &mut Vec<usize>) {
    v.sort_unstable();
    v.dedup();
}

const UNSEEN: u32 = u32::MAX;

/// `start` and the nodes at most `radius` hops from it over any link, either direction,
/// ascending.
fn ball(m: &MappedGraph, start: usize, radius: usize) -> Result<Vec<usize>, Error> {
    let any = EdgeFilter::default();
    let dist = Kept::new(m, &any).distances(start, radius, None)?;
    Ok((0..m.node_count()).filter(|&v| dist[v] != UNSEEN).collect())
}

/// The links among `nodes` (ascending), ascending.
fn induced(m: &MappedGraph, nodes: &[usize]) -> Vec<usize> {
    let mut inside = vec![false; m.node_count()];
    for &v in nodes {
        inside[v] = true;
    }
    // Links are in source order: walking the sources in order gives them in order.
    nodes
        .iter()
        .flat_map(|&v| m.out_links(v))
        .filter(|&l| inside[m.target(l)])
        .collect()
}

/// Which links an edge filter keeps, decided once per link.
struct Kept<'m> {
    m: &'m MappedGraph,
    filter: &'m EdgeFilter,
    /// Per link: 0 undecided, 1 kept, 2 left out.
    memo: Vec<u8>,
    dates: Vec<Option<Date>>,
}

impl<'m> Kept<'m> {
    fn new(m: &'m MappedGraph, filter: &'m EdgeFilter) -> Kept<'m> {
        Kept {
            m,
            filter,
            memo: if filter.is_trivial() {
                Vec::new()
            } else {
                vec![0; m.link_count()]
            },
            dates: Vec::new(),
        }
    }

    fn keeps(&mut self, l: usize) -> Result<bool, Error> {
        if self.memo.is_empty() {
            return Ok(true);
        }
        if self.memo[l] == 0 {
            let h = self.m.link_head(l)?;
            let mut keep = self.filter.keeps_fields(h.rtype, h.origin, h.count);
            if keep && self.filter.is_dated() {
                self.dates.clear();
                self.m.link_dates(l, &mut self.dates)?;
                keep = self.filter.keeps_dates(self.dates.iter().copied());
            }
            self.memo[l] = if keep { 1 } else { 2 };
        }
        Ok(self.memo[l] == 1)
    }

    /// Hop distances from `start` over kept links of either direction, up to `limit` hops
    /// (stopping after the layer that reaches `stop`, if given). `UNSEEN`: not reached.
    fn distances(
        &mut self,
        start: usize,
        limit: usize,
        stop: Option<usize>,
    ) -> Result<Vec<u32>, Error> {
        let m = self.m;
        let mut dist = vec![UNSEEN; m.node_count()];
        dist[start] = 0;
        let mut frontier = vec![start];
        let mut next = Vec::new();
        for d in 1..=limit.min(UNSEEN as usize - 1) as u32 {
            for &v in &frontier {
                for l in m.out_links(v) {
                    let u = m.target(l);
                    if dist[u] == UNSEEN && self.keeps(l)? {
                        dist[u] = d;
                        next.push(u);
                    }
                }
                for (l, u) in m.in_links(v) {
                    if dist[u] == UNSEEN && self.keeps(l)? {
                        dist[u] = d;
                        next.push(u);
                    }
                }
            }
            if next.is_empty() || stop.is_some_and(|s| dist[s] != UNSEEN) {
                break;
            }
            std::mem::swap(&mut frontier, &mut next);
            next.clear();
        }
        Ok(dist)
    }
}

/// The nodes a `path` query can return (with `a` and `b`), ascending.
fn path_nodes(
    m: &MappedGraph,
    filter: &EdgeFilter,
    a: usize,
    b: usize,
    max_len: Option<usize>,
    all: bool,
) -> Result<Vec<usize>, Error> {
    let mut nodes = vec![a, b];
    if a != b {
        let mut kept = Kept::new(m, filter);
        // Nodes v with da(v) + db(v) at most `total` (`--all`) or exactly `total` (shortest).
        let (da, db, total) = if all {
            let k = max_len.unwrap_or(DEFAULT_ALL_MAX_LEN);
            let da = kept.distances(a, k, None)?;
            let db = kept.distances(b, k, None)?;
            (da, db, k as u64)
        } else {
            let da = kept.distances(a, max_len.unwrap_or(usize::MAX), Some(b))?;
            let len = da[b];
            let db = if len == UNSEEN {
                Vec::new()
            } else {
                kept.distances(b, len as usize, None)?
            };
            (da, db, len as u64)
        };
        if !db.is_empty() {
            nodes.extend((0..m.node_count()).filter(|&v| {
                let (x, y) = (da[v], db[v]);
                let sum = x as u64 + y as u64;
                x != UNSEEN && y != UNSEEN && (sum == total || (all && sum < total))
            }));
        }
    }
    sort_unique(&mut nodes);
    Ok(nodes)
}

//! Properties of the query algorithms on random graphs, checked against petgraph and brute
//! force: shortest paths have petgraph's Dijkstra length, `--all` finds exactly the simple
//! paths, neighbourhoods are the nodes within reach, PageRank sums to one, and the binary graph
//! file round-trips.

use petgraph::visit::{EdgeFiltered, EdgeRef, IntoEdgeReferences, UndirectedAdaptor};
use proptest::prelude::*;
use relgraph::gazetteer::Date;
use relgraph::graph::KnowledgeGraph;
use relgraph::query::paths::{self, NeighborsOptions};
use relgraph::query::{Direction, EdgeFilter, View, rank};
use relgraph::types::{EntityType, Origin, RelationType};
use relgraph::wire::graph::{
    EvidenceItem, FORMAT_NAME, FORMAT_VERSION, GraphFile, GraphMeta, LinkRecord, NodeRecord,
};
use std::collections::{BTreeSet, HashSet};

const RELATIONS: [RelationType; 3] = [
    RelationType::MetWith,
    RelationType::Supports,
    RelationType::Criticizes,
];

/// A graph of `n` people with the given (source, target, relation, count) edges; duplicate
/// keys and self-loops are dropped, symmetric edges stored with the smaller id first.
fn graph(n: usize, edges: &[(usize, usize, usize, u64)]) -> KnowledgeGraph {
    let nodes = (0..n)
        .map(|i| node(i, format!("Person ü{i}"), EntityType::Person, None))
        .collect();
    let mut seen = HashSet::new();
    let mut links = Vec::new();
    for &(s, t, r, count) in edges {
        let (mut s, mut t, r) = (s % n, t % n, RELATIONS[r % RELATIONS.len()]);
        if s == t {
            continue;
        }
        if r.is_symmetric() && s > t {
            std::mem::swap(&mut s, &mut t);
        }
        if !seen.insert((s, t, r)) {
            continue;
        }
        let date = (count > 1).then(|| Date::ymd(2020 + (s % 3) as i32, 1 + (t % 12) as u8, 0));
        let evidence = vec![item(format!("d{s}"), date, None)];
        links.push(link(s, t, r, Origin::Text, count, evidence));
    }
    from_records(nodes, links)
}

fn id(i: usize) -> String {
    format!("person:p{i:02}")
}

fn node(i: usize, name: String, etype: EntityType, qid: Option<String>) -> NodeRecord {
    NodeRecord {
        id: id(i),
        name,
        etype,
        qid,
        aliases: vec![format!("P{i}")],
        mentions: 1,
        documents: 1,
    }
}

fn link(
    s: usize,
    t: usize,
    r: RelationType,
    origin: Origin,
    count: u64,
    evidence: Vec<EvidenceItem>,
) -> LinkRecord {
    LinkRecord {
        source: id(s),
        target: id(t),
        key: r.to_string(),
        rtype: r,
        origin,
        count,
        confidence: 0.5,
        roles: Vec::new(),
        evidence,
    }
}

/// An evidence item; with a sentence, the source is named at its start.
fn item(doc: String, date: Option<Date>, sentence: Option<String>) -> EvidenceItem {
    EvidenceItem {
        doc,
        date,
        start: 0,
        end: 10,
        trigger: "t".into(),
        rule: "r".into(),
        confidence: 0.5,
        role: None,
        features: Vec::new(),
        source_spans: if sentence.is_some() {
            vec![[0, 2]]
        } else {
            Vec::new()
        },
        sentence,
        target_spans: Vec::new(),
    }
}

/// A graph of these node and link records.
fn from_records(nodes: Vec<NodeRecord>, edges: Vec<LinkRecord>) -> KnowledgeGraph {
    let file = GraphFile {
        directed: true,
        multigraph: true,
        graph: GraphMeta {
            format: FORMAT_NAME.into(),
            format_version: FORMAT_VERSION,
            generator: "test".into(),
            documents: 1,
        },
        nodes,
        edges,
    };
    KnowledgeGraph::from_wire(file, "test").unwrap()
}

fn arb_graph() -> impl Strategy<Value = (usize, Vec<(usize, usize, usize, u64)>)> {
    (2usize..16).prop_flat_map(|n| {
        (
            Just(n),
            prop::collection::vec((0..n, 0..n, 0usize..3, 1u64..3), 0..40),
        )
    })
}

/// Simple undirected adjacency of the kept edges.
fn adjacency(view: &View) -> Vec<BTreeSet<usize>> {
    let g = view.graph();
    let mut adj = vec![BTreeSet::new(); g.node_count()];
    for e in g.edge_references() {
        if view.keeps(e.id()) && e.source() != e.target() {
            adj[e.source().index()].insert(e.target().index());
            adj[e.target().index()].insert(e.source().index());
        }
    }
    adj
}

fn count_simple_paths(
    adj: &[BTreeSet<usize>],
    at: usize,
    to: usize,
    left: usize,
    seen: &mut Vec<bool>,
) -> usize {
    if at == to {
        return 1;
    }
    if left == 0 {
        return 0;
    }
    seen[at] = true;
    let mut n = 0;
    for &u in &adj[at] {
        if !seen[u] {
            n += count_simple_paths(adj, u, to, left - 1, seen);
        }
    }
    seen[at] = false;
    n
}

proptest! {
    #[test]
    fn shortest_paths_match_petgraph_dijkstra(
        (n, edges) in arb_graph(),
        a in 0usize..16,
        b in 0usize..16,
        min_count in 1u64..3,
    ) {
        let kg = graph(n, &edges);
        let view = View::new(&kg, EdgeFilter { min_count, ..Default::default() });
        let (a, b) = (kg.sorted_nodes()[a % n], kg.sorted_nodes()[b % n]);
        let filtered = EdgeFiltered::from_fn(kg.graph(), |e| e.weight().count >= min_count);
        let dist = petgraph::algo::dijkstra(UndirectedAdaptor(&filtered), a, Some(b), |_| 1usize);
        let path = paths::shortest_path(&view, a, b, None);
        prop_assert_eq!(path.as_ref().map(|p| p.len() - 1), dist.get(&b).copied());
        let adj = adjacency(&view);
        if let Some(p) = &path {
            prop_assert_eq!(p[0], a);
            prop_assert_eq!(*p.last().unwrap(), b);
            for w in p.windows(2) {
                prop_assert!(adj[w[0].index()].contains(&w[1].index()));
            }
            // A hop limit below the length finds nothing, at the length finds the same path.
            let len = p.len() - 1;
            if len > 0 {
                prop_assert!(paths::shortest_path(&view, a, b, Some(len - 1)).is_none());
            }
            let again = paths::shortest_path(&view, a, b, Some(len));
            prop_assert_eq!(again.as_ref(), Some(p));
        }
    }

    #[test]
    fn all_paths_are_exactly_the_simple_paths(
        (n, edges) in arb_graph(),
        a in 0usize..16,
        b in 0usize..16,
        k in 1usize..5,
    ) {
        let kg = graph(n, &edges);
        let view = View::new(&kg, EdgeFilter::default());
        let (a, b) = (kg.sorted_nodes()[a % n], kg.sorted_nodes()[b % n]);
        prop_assume!(a != b);
        let found = paths::all_paths(&view, a, b, k).unwrap();
        let adj = adjacency(&view);
        let want = count_simple_paths(&adj, a.index(), b.index(), k, &mut vec![false; n]);
        prop_assert_eq!(found.len(), want);
        let distinct: HashSet<_> = found.iter().collect();
        prop_assert_eq!(distinct.len(), found.len());
        for p in &found {
            prop_assert!(p.len() - 1 <= k);
            let unique: HashSet<_> = p.iter().collect();
            prop_assert_eq!(unique.len(), p.len());
            for w in p.windows(2) {
                prop_assert!(adj[w[0].index()].contains(&w[1].index()));
            }
        }
        if let Some(first) = found.first() {
            let shortest = paths::shortest_path(&view, a, b, None).unwrap();
            prop_assert_eq!(first, &shortest);
        }
    }

    #[test]
    fn neighbourhoods_are_the_nodes_within_reach(
        (n, edges) in arb_graph(),
        a in 0usize..16,
        depth in 1usize..4,
    ) {
        let kg = graph(n, &edges);
        let view = View::new(&kg, EdgeFilter::default());
        let a = kg.sorted_nodes()[a % n];
        let opts = NeighborsOptions { depth, direction: Direction::Both, types: Vec::new() };
        let r = paths::neighbors(&view, a, &opts);
        let dist = petgraph::algo::dijkstra(UndirectedAdaptor(kg.graph()), a, None, |_| 1usize);
        let want: BTreeSet<(usize, String)> = dist
            .iter()
            .filter(|(v, d)| **v != a && **d <= depth)
            .map(|(v, d)| (*d, kg.graph()[*v].id.clone()))
            .collect();
        let got: BTreeSet<(usize, String)> =
            r.neighbors.iter().map(|x| (x.depth, x.entity.id.clone())).collect();
        prop_assert_eq!(got, want);
        prop_assert!(r.neighbors.iter().all(|x| !x.edges.is_empty()));
    }

    #[test]
    fn pagerank_is_a_distribution((n, edges) in arb_graph()) {
        let kg = graph(n, &edges);
        let view = View::new(&kg, EdgeFilter::default());
        let pr = rank::pagerank(&view);
        let sum: f64 = pr.iter().sum();
        prop_assert!((sum - 1.0).abs() < 1e-6, "{}", sum);
        prop_assert!(pr.iter().all(|&x| x > 0.0));
        let bc = rank::betweenness(&view, None);
        prop_assert!(bc.iter().all(|&x| (0.0..=1.0 + 1e-9).contains(&x)));
    }

    #[test]
    fn binary_graph_files_round_trip((n, edges) in arb_graph()) {
        let kg = graph(n, &edges);
        let mut bytes = Vec::new();
        relgraph::export::bin::write(&kg, &mut bytes).unwrap();
        let back = relgraph::export::bin::read(&bytes, "g.bin").unwrap();
        prop_assert_eq!(back.to_wire(), kg.to_wire());
        // Read lazily, the same graph without evidence, and the evidence on demand.
        let (lazy, evidence) = relgraph::export::bin::read_lazy(bytes.clone(), "g.bin").unwrap();
        prop_assert_eq!(lazy.edge_count(), kg.edge_count());
        let key = |g: &KnowledgeGraph, e| {
            let (s, t) = g.graph().edge_endpoints(e).unwrap();
            let d = &g.graph()[e];
            (g.graph()[s].id.clone(), g.graph()[t].id.clone(), d.rtype, d.origin)
        };
        let want: std::collections::HashMap<_, _> = kg
            .graph()
            .edge_indices()
            .map(|e| (key(&kg, e), &kg.graph()[e]))
            .collect();
        for e in lazy.graph().edge_indices() {
            let d = want[&key(&lazy, e)];
            prop_assert!(lazy.graph()[e].evidence.is_empty());
            prop_assert_eq!(lazy.graph()[e].count, d.count);
            let items = evidence.items(e).unwrap();
            prop_assert_eq!(&items, &d.evidence);
            let dates: Vec<_> = items.iter().map(|i| i.date).collect();
            prop_assert_eq!(evidence.dates(e), &dates[..]);
        }
        prop_assert_eq!(evidence.full_graph(lazy.clone()).unwrap().to_wire(), kg.to_wire());
        // Any truncation is an error, not a panic.
        for cut in [bytes.len() / 3, bytes.len() - 1] {
            prop_assert!(relgraph::export::bin::read(&bytes[..cut], "g.bin").is_err());
        }
    }
}

/// A graph for comparing a mapped file's parts with the whole graph: people with shared
/// names (ambiguous), aliases, self-loops, edges of both origins and of symmetric and directed
/// types in both directions, dated and undated evidence.
fn mixed_graph(n: usize, edges: &[(usize, usize, usize, u64, bool)]) -> KnowledgeGraph {
    let nodes = (0..n)
        .map(|i| {
            let etype = if i % 4 == 3 {
                EntityType::State
            } else {
                EntityType::Person
            };
            let qid = (i % 3 == 0).then(|| format!("Q{}", 100 + i));
            node(i, format!("Person {}", i % 5), etype, qid)
        })
        .collect();
    let mut seen = HashSet::new();
    let mut links = Vec::new();
    for &(s, t, r, count, gazetteer) in edges {
        let (s, t, r) = (s % n, t % n, RELATIONS[r % RELATIONS.len()]);
        let origin = if gazetteer {
            Origin::Gazetteer
        } else {
            Origin::Text
        };
        if !seen.insert((s, t, r, origin)) {
            continue;
        }
        let evidence = (0..count)
            .map(|k| {
                let year = 2019 + ((s + k as usize) % 4) as i32;
                let date = (k > 0).then(|| Date::ymd(year, 1 + (t % 12) as u8, 0));
                item(format!("d{s}-{k}"), date, Some(format!("s{t}")))
            })
            .collect();
        links.push(link(s, t, r, origin, count, evidence));
    }
    from_records(nodes, links)
}

type MixedEdges = Vec<(usize, usize, usize, u64, bool)>;

fn arb_mixed() -> impl Strategy<Value = (usize, MixedEdges)> {
    (2usize..24).prop_flat_map(|n| {
        (
            Just(n),
            prop::collection::vec((0..n, 0..n, 0usize..3, 1u64..4, any::<bool>()), 0..60),
        )
    })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    /// `neighbors`, `path`, `explain`, `ego`, `find` and `top --by degree` on the part of a mapped binary graph file
    /// that `query::parts` reads answer exactly as on the whole graph, under any filter; names
    /// resolve to the same entity or fail with the same message.
    #[test]
    fn mapped_parts_answer_like_the_whole_graph(
        (n, edges) in arb_mixed(),
        (a, b, qa) in (0usize..24, 0usize..24, 0usize..8),
        (depth, max_len, all) in (0usize..4, 0usize..5, any::<bool>()),
        (min_count, rel, origin, dated, direction) in (1u64..3, 0usize..4, 0usize..3, any::<bool>(), 0usize..3),
    ) {
        use relgraph::export::bin::mapped::MappedGraph;
        use relgraph::query::parts::{self, Part};
        use relgraph::query::{explain, names};
        let kg = mixed_graph(n, &edges);
        let mut bytes = Vec::new();
        relgraph::export::bin::write(&kg, &mut bytes).unwrap();
        let filter = EdgeFilter {
            min_count,
            since: dated.then(|| Date::ymd(2021, 0, 0)),
            until: None,
            origin: [None, Some(Origin::Text), Some(Origin::Gazetteer)][origin],
            relations: RELATIONS.get(rel).map(|r| vec![*r]).unwrap_or_default(),
        };
        let direction = [Direction::Both, Direction::Out, Direction::In][direction];
        let nodes = kg.sorted_nodes();
        let (na, nb) = (nodes[a % n], nodes[b % n]);
        let g = kg.graph();
        // The first entity by id, alias, name (maybe ambiguous) or a near miss.
        let query_a = match qa {
            0 => g[na].name.clone(),
            1 => format!("{}x", g[na].name),
            2 | 3 => g[na].aliases[0].to_lowercase(),
            _ => g[na].id.clone(),
        };
        let query_b = g[nb].id.clone();
        let part_of = |part: &Part, names: &[&str]| {
            let m = MappedGraph::from_vec(bytes.clone(), "g.bin").unwrap();
            parts::load_part(m, names, part, "g.bin")
        };
        let whole = View::new(&kg, filter.clone());
        // Names.
        let want_a = names::resolve(&kg, &query_a, "g.bin").map_err(|e| e.to_string());
        let got = part_of(&Part::Between, &[&query_a, &query_b]);
        match (&want_a, &got) {
            (Ok(n), Ok((_, ids))) => prop_assert_eq!(&g[*n].id, &ids[0]),
            (Err(w), Err(e)) => prop_assert_eq!(w, &e.to_string()),
            _ => prop_assert!(false, "resolution differs: {:?}", want_a),
        }
        // find: substrings of names, ids and aliases, a QID, near misses, nothing
        let text = ["person", "son 2", "p1", "Q103", "persn 3", "xyzzy", ""][qa % 7];
        let (l, _) = part_of(&Part::Find { text }, &[]).unwrap();
        let view = View::of(&l, filter.clone());
        prop_assert_eq!(names::find(&view, text, 3), names::find(&whole, text, 3));
        // top --by degree
        let types = [vec![], vec![EntityType::Person], vec![EntityType::State]][b % 3].clone();
        let topts = rank::TopOptions { by: rank::RankBy::Degree, types: types.clone(), n: depth + 1, samples: None };
        let part = Part::TopDegree { filter: &filter, types: &types, n: depth + 1 };
        let (l, _) = part_of(&part, &[]).unwrap();
        let view = View::of(&l, filter.clone());
        prop_assert_eq!(rank::top(&view, &topts), rank::top(&whole, &topts));
        let Ok(na) = names::resolve(&kg, &query_a, "g.bin") else { return Ok(()) };
        let at = |kg: &KnowledgeGraph, ids: &[String], i: usize| kg.node_index(&ids[i]).unwrap();
        // explain
        let (l, ids) = got.unwrap();
        let want = explain::explain(&whole, na, nb).unwrap();
        let view = View::of(&l, filter.clone());
        prop_assert_eq!(explain::explain(&view, at(&l.kg, &ids, 0), at(&l.kg, &ids, 1)).unwrap(), want);
        // neighbors
        let opts = NeighborsOptions { depth, direction, types: Vec::new() };
        let (l, ids) = part_of(&Part::Neighbors { depth }, &[&query_a]).unwrap();
        let view = View::of(&l, filter.clone());
        prop_assert_eq!(
            paths::neighbors(&view, at(&l.kg, &ids, 0), &opts),
            paths::neighbors(&whole, na, &opts)
        );
        // path
        let popts = paths::PathOptions { all, max_len: (max_len > 0).then_some(max_len), limit: 100 };
        let part = Part::Paths { filter: &filter, max_len: popts.max_len, all };
        let (l, ids) = part_of(&part, &[&query_a, &query_b]).unwrap();
        let view = View::of(&l, filter.clone());
        prop_assert_eq!(
            paths::paths(&view, at(&l.kg, &ids, 0), at(&l.kg, &ids, 1), &popts).unwrap(),
            paths::paths(&whole, na, nb, &popts).unwrap()
        );
        // ego, with the evidence decoded
        let (l, ids) = part_of(&Part::Ego { radius: depth }, &[&query_a]).unwrap();
        let full = l.full().unwrap();
        let view = View::new(&full, filter.clone());
        let ego = paths::ego_nodes(&view, at(&full, &ids, 0), depth);
        let sub = full.subgraph(&ego, |e| view.keeps(e));
        let ego_whole = paths::ego_nodes(&whole, na, depth);
        let sub_whole = kg.subgraph(&ego_whole, |e| whole.keeps(e));
        prop_assert_eq!(sub.to_wire(), sub_whole.to_wire());
    }
}

//! The knowledge graph: a petgraph `StableDiGraph` whose nodes are entities merged across
//! documents by id and whose edges aggregate evidence by (source, type, target, origin).
//! Text and gazetteer edges never merge: they have different origins.

use crate::error::Error;
use crate::gazetteer::{Date, Gazetteer};
use crate::types::{EntityType, Origin, RelationType};
use crate::wire::extraction::{DocRecord, MentionRecord};
use crate::wire::graph::{
    EvidenceItem, FORMAT_NAME, FORMAT_VERSION, GraphFile, GraphMeta, LinkRecord, NodeRecord,
};
use petgraph::stable_graph::{EdgeIndex, NodeIndex, StableDiGraph};
use petgraph::visit::EdgeRef;
use std::collections::{BTreeSet, HashMap};

/// An entity node.
#[derive(Debug, Clone, PartialEq)]
pub struct NodeData {
    pub id: String,
    pub name: String,
    pub etype: EntityType,
    pub qid: Option<String>,
    pub aliases: Vec<String>,
    pub mentions: u64,
    pub documents: u64,
}

/// An aggregated edge.
#[derive(Debug, Clone, PartialEq)]
pub struct EdgeData {
    pub rtype: RelationType,
    pub origin: Origin,
    pub count: u64,
    pub confidence: f32,
    pub roles: BTreeSet<String>,
    pub evidence: Vec<EvidenceItem>,
}

/// The multigraph key of an edge in exports: `type` for text edges, `type/gazetteer` for
/// gazetteer edges (unique per source and target).
pub fn link_key(rtype: RelationType, origin: Origin) -> String {
    match origin {
        Origin::Text => rtype.to_string(),
        Origin::Gazetteer => format!("{rtype}/gazetteer"),
    }
}

/// The mentions among `mentions` (one entity's) inside the sentence `start..end` of a
/// document, as character ranges counted from the sentence's start; none when the sentence's
/// text is not kept.
fn spans_in(mentions: &[&MentionRecord], kept: bool, start: usize, end: usize) -> Vec<[usize; 2]> {
    if !kept {
        return Vec::new();
    }
    let mut spans: Vec<[usize; 2]> = mentions
        .iter()
        .filter(|m| m.start >= start && m.end <= end && m.start < m.end)
        .map(|m| [m.start - start, m.end - start])
        .collect();
    spans.sort_unstable();
    spans.dedup();
    spans
}

/// The `doc` of the evidence items `--facts all` adds (facts of the gazetteer that no document
/// gave).
pub const FACTS_DOC: &str = "gazetteer";

/// Whether an evidence item is one `--facts all` added rather than one a document gave.
fn is_listed_fact(item: &EvidenceItem) -> bool {
    item.doc == FACTS_DOC && item.start == 0 && item.end == 0 && item.rule.starts_with("gazetteer.")
}

/// Whether every evidence item of an edge (all of them kept) is one `--facts all` added.
fn only_listed_facts(d: &EdgeData) -> bool {
    d.count == d.evidence.len() as u64 && d.evidence.iter().all(is_listed_fact)
}

/// What [`KnowledgeGraph::merge`] met.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct MergeStats {
    /// Evidence items of the added graph already in this one (same document, sentence span,
    /// rule and trigger), kept once.
    pub duplicates: u64,
}

type EdgeKey = (NodeIndex, RelationType, NodeIndex, Origin);

/// The knowledge graph.
#[derive(Debug, Clone, Default)]
pub struct KnowledgeGraph {
    graph: StableDiGraph<NodeData, EdgeData>,
    nodes: HashMap<String, NodeIndex>,
    edges: HashMap<EdgeKey, EdgeIndex>,
    documents: u64,
    /// Keep at most this many evidence items per edge (all are counted).
    max_evidence: Option<usize>,
}

impl KnowledgeGraph {
    pub fn new(max_evidence: Option<usize>) -> KnowledgeGraph {
        KnowledgeGraph {
            max_evidence,
            ..Default::default()
        }
    }

    /// The underlying petgraph graph (for algorithms).
    pub fn graph(&self) -> &StableDiGraph<NodeData, EdgeData> {
        &self.graph
    }

    /// The data of an edge, to change it in place (its key fields must stay).
    pub(crate) fn edge_data_mut(&mut self, e: EdgeIndex) -> &mut EdgeData {
        &mut self.graph[e]
    }

    pub fn documents(&self) -> u64 {
        self.documents
    }

    pub fn node_index(&self, id: &str) -> Option<NodeIndex> {
        self.nodes.get(id).copied()
    }

    /// Edges into and out of a node.
    pub fn degree(&self, n: NodeIndex) -> usize {
        self.graph
            .edges_directed(n, petgraph::Direction::Outgoing)
            .count()
            + self
                .graph
                .edges_directed(n, petgraph::Direction::Incoming)
                .count()
    }

    pub fn node_count(&self) -> usize {
        self.graph.node_count()
    }

    pub fn edge_count(&self) -> usize {
        self.graph.edge_count()
    }

    fn node(&mut self, id: &str, make: impl FnOnce() -> NodeData) -> NodeIndex {
        if let Some(&n) = self.nodes.get(id) {
            return n;
        }
        let n = self.graph.add_node(make());
        self.nodes.insert(id.to_string(), n);
        n
    }

    fn gazetteer_node(&mut self, g: &Gazetteer, id: &str) -> NodeIndex {
        self.node(id, || {
            let e = g.by_id(id).map(|i| g.entity(i));
            NodeData {
                id: id.to_string(),
                name: e.map_or_else(|| id.to_string(), |e| e.name.clone()),
                etype: e.map_or(EntityType::Location, |e| e.etype),
                qid: e.and_then(|e| e.qid.clone()),
                aliases: e.map(|e| e.aliases.clone()).unwrap_or_default(),
                mentions: 0,
                documents: 0,
            }
        })
    }

    fn add_evidence(&mut self, key: EdgeKey, item: EvidenceItem, role: Option<&str>) {
        let max = self.max_evidence;
        let e = *self.edges.entry(key).or_insert_with(|| {
            self.graph.add_edge(
                key.0,
                key.2,
                EdgeData {
                    rtype: key.1,
                    origin: key.3,
                    count: 0,
                    confidence: 0.0,
                    roles: BTreeSet::new(),
                    evidence: Vec::new(),
                },
            )
        });
        let edge = &mut self.graph[e];
        edge.count += 1;
        edge.confidence = edge.confidence.max(item.confidence);
        if let Some(r) = role
            && !edge.roles.contains(r)
        {
            edge.roles.insert(r.to_string());
        }
        if max.is_none_or(|m| edge.evidence.len() < m) {
            edge.evidence.push(item);
        }
    }

    /// Merges one document's extraction.
    pub fn add_doc(&mut self, rec: &DocRecord, g: &Gazetteer) {
        self.documents += 1;
        for e in &rec.entities {
            let n = self.node(&e.id, || NodeData {
                id: e.id.clone(),
                name: e.name.clone(),
                etype: e.etype,
                qid: e.qid.clone(),
                aliases: g
                    .by_id(&e.id)
                    .map(|i| g.entity(i).aliases.clone())
                    .unwrap_or_default(),
                mentions: 0,
                documents: 0,
            });
            let node = &mut self.graph[n];
            node.mentions += e.mentions.len() as u64;
            node.documents += 1;
        }
        // An entity may have several entries in a record (one per reading of its mentions).
        let mentions_of = |id: &str| -> Vec<&MentionRecord> {
            rec.entities
                .iter()
                .filter(|e| e.id == id)
                .flat_map(|e| &e.mentions)
                .collect()
        };
        for r in &rec.relations {
            let s = self.gazetteer_node(g, &r.source);
            let t = self.gazetteer_node(g, &r.target);
            let (source_mentions, target_mentions) =
                (mentions_of(&r.source), mentions_of(&r.target));
            for ev in &r.evidence {
                let item = EvidenceItem {
                    doc: rec.doc.clone(),
                    date: rec.date,
                    start: ev.start,
                    end: ev.end,
                    trigger: ev.trigger.clone(),
                    rule: ev.rule.clone(),
                    confidence: ev.confidence,
                    role: ev.role.clone(),
                    features: ev.features.clone(),
                    sentence: ev.sentence.clone(),
                    source_spans: spans_in(
                        &source_mentions,
                        ev.sentence.is_some(),
                        ev.start,
                        ev.end,
                    ),
                    target_spans: spans_in(
                        &target_mentions,
                        ev.sentence.is_some(),
                        ev.start,
                        ev.end,
                    ),
                };
                let role = ev.role.clone();
                self.add_evidence((s, r.rtype, t, r.origin), item, role.as_deref());
            }
        }
    }

    /// Adds another graph to this one, as if its documents had been added after this graph's:
    /// entities merge by id (the first graph's name, type, QID and aliases; mentions and
    /// document counts add), edges by (source, type, target, origin) (counts add, the highest
    /// confidence, roles unite, evidence items follow this graph's, up to this graph's
    /// `max_evidence`), document counts add. An evidence item already here (same document,
    /// sentence span, rule and trigger) is kept once and counted in the returned stats; an edge
    /// that only `--facts all` gave yields to one a document gave, as in a single build.
    /// Merging the graphs of consecutive parts of a corpus, in order, gives the graph of the
    /// whole corpus built at once.
    pub fn merge(&mut self, other: &KnowledgeGraph) -> MergeStats {
        let mut stats = MergeStats::default();
        self.documents += other.documents;
        let mut map = HashMap::with_capacity(other.node_count());
        for n in other.sorted_nodes() {
            let d = &other.graph[n];
            let idx = match self.nodes.get(&d.id) {
                Some(&i) => {
                    let mine = &mut self.graph[i];
                    mine.mentions += d.mentions;
                    mine.documents += d.documents;
                    i
                }
                None => {
                    let i = self.graph.add_node(d.clone());
                    self.nodes.insert(d.id.clone(), i);
                    i
                }
            };
            map.insert(n, idx);
        }
        let max = self.max_evidence;
        let truncate = |mut d: EdgeData| {
            if let Some(m) = max {
                d.evidence.truncate(m);
            }
            d
        };
        for e in other.sorted_edges() {
            let (s, t) = other.graph.edge_endpoints(e).expect("edge exists");
            let theirs = &other.graph[e];
            let key = (map[&s], theirs.rtype, map[&t], theirs.origin);
            let Some(&idx) = self.edges.get(&key) else {
                let idx = self.graph.add_edge(key.0, key.2, truncate(theirs.clone()));
                self.edges.insert(key, idx);
                continue;
            };
            let mine = &mut self.graph[idx];
            let (mine_listed, theirs_listed) = (only_listed_facts(mine), only_listed_facts(theirs));
            if mine_listed && !theirs_listed {
                *mine = truncate(theirs.clone());
                continue;
            }
            if theirs_listed && !mine_listed {
                continue;
            }
            let seen: std::collections::HashSet<(&str, usize, usize, &str, &str)> = mine
                .evidence
                .iter()
                .map(|v| {
                    (
                        v.doc.as_str(),
                        v.start,
                        v.end,
                        v.rule.as_str(),
                        v.trigger.as_str(),
                    )
                })
                .collect();
            let mut fresh = Vec::new();
            let mut duplicates = 0;
            for v in &theirs.evidence {
                if seen.contains(&(
                    v.doc.as_str(),
                    v.start,
                    v.end,
                    v.rule.as_str(),
                    v.trigger.as_str(),
                )) {
                    duplicates += 1;
                } else {
                    fresh.push(v.clone());
                }
            }
            drop(seen);
            // Both parts listing the same gazetteer fact is expected, not a duplicate document.
            if !(mine_listed && theirs_listed) {
                stats.duplicates += duplicates;
            }
            mine.count += theirs.count - duplicates;
            mine.confidence = mine.confidence.max(theirs.confidence);
            mine.roles.extend(theirs.roles.iter().cloned());
            let room = max.map_or(usize::MAX, |m| m.saturating_sub(mine.evidence.len()));
            mine.evidence.extend(fresh.into_iter().take(room));
        }
        stats
    }

    /// Adds every fact of the gazetteer as an edge of origin `gazetteer` (`--facts all`).
    /// Roles are those active on `date`, or still held without one.
    pub fn add_all_facts(&mut self, g: &Gazetteer, date: Option<Date>) {
        let mut facts = Vec::new();
        for idx in 0..g.len() as u32 {
            facts.clear();
            g.facts_about(idx, date, &mut facts);
            for f in &facts {
                let s = self.gazetteer_node(g, &g.entity(f.source).id);
                let t = self.gazetteer_node(g, &g.entity(f.target).id);
                let item = EvidenceItem {
                    doc: FACTS_DOC.to_string(),
                    date: None,
                    start: 0,
                    end: 0,
                    trigger: String::new(),
                    rule: format!("gazetteer.{}", f.relation),
                    confidence: 1.0,
                    role: f.role.map(str::to_string),
                    features: Vec::new(),
                    sentence: None,
                    source_spans: Vec::new(),
                    target_spans: Vec::new(),
                };
                let key = (s, f.relation, t, Origin::Gazetteer);
                if !self.edges.contains_key(&key) {
                    self.add_evidence(key, item, f.role);
                }
            }
        }
    }

    /// Node indices sorted by entity id.
    pub fn sorted_nodes(&self) -> Vec<NodeIndex> {
        let mut v: Vec<NodeIndex> = self.graph.node_indices().collect();
        v.sort_by(|a, b| self.graph[*a].id.cmp(&self.graph[*b].id));
        v
    }

    /// Edge indices sorted by (source id, target id, type, origin).
    pub fn sorted_edges(&self) -> Vec<EdgeIndex> {
        let mut v: Vec<EdgeIndex> = self.graph.edge_indices().collect();
        let key = |e: EdgeIndex| {
            let (s, t) = self.graph.edge_endpoints(e).expect("edge exists");
            let d = &self.graph[e];
            (&self.graph[s].id, &self.graph[t].id, d.rtype, d.origin)
        };
        v.sort_by(|a, b| key(*a).cmp(&key(*b)));
        v
    }

    /// The node-link wire form (sorted, deterministic).
    pub fn to_wire(&self) -> GraphFile {
        let nodes = self
            .sorted_nodes()
            .into_iter()
            .map(|n| {
                let d = &self.graph[n];
                NodeRecord {
                    id: d.id.clone(),
                    name: d.name.clone(),
                    etype: d.etype,
                    qid: d.qid.clone(),
                    aliases: d.aliases.clone(),
                    mentions: d.mentions,
                    documents: d.documents,
                }
            })
            .collect();
        let links = self
            .sorted_edges()
            .into_iter()
            .map(|e| {
                let (s, t) = self.graph.edge_endpoints(e).expect("edge exists");
                let d = &self.graph[e];
                LinkRecord {
                    source: self.graph[s].id.clone(),
                    target: self.graph[t].id.clone(),
                    key: link_key(d.rtype, d.origin),
                    rtype: d.rtype,
                    origin: d.origin,
                    count: d.count,
                    confidence: d.confidence,
                    roles: d.roles.iter().cloned().collect(),
                    evidence: d.evidence.clone(),
                }
            })
            .collect();
        GraphFile {
            directed: true,
            multigraph: true,
            graph: GraphMeta {
                format: FORMAT_NAME.to_string(),
                format_version: FORMAT_VERSION,
                generator: format!("relgraph {}", env!("CARGO_PKG_VERSION")),
                documents: self.documents,
            },
            nodes,
            edges: links,
        }
    }

    /// Rebuilds a graph from its wire form, checking the format version and references.
    pub fn from_wire(file: GraphFile, path: &str) -> Result<KnowledgeGraph, Error> {
        let bad = |message: String| Error::Input {
            path: path.to_string(),
            line: None,
            message,
        };
        if file.graph.format != FORMAT_NAME || file.graph.format_version != FORMAT_VERSION {
            return Err(bad(format!(
                "not a relgraph graph file of version {FORMAT_VERSION} (found format {:?} version {})",
                file.graph.format, file.graph.format_version
            )));
        }
        let mut kg = KnowledgeGraph::new(None);
        kg.documents = file.graph.documents;
        for n in file.nodes {
            if kg.nodes.contains_key(&n.id) {
                return Err(bad(format!("duplicate node id {:?}", n.id)));
            }
            let id = n.id.clone();
            let idx = kg.graph.add_node(NodeData {
                id: n.id,
                name: n.name,
                etype: n.etype,
                qid: n.qid,
                aliases: n.aliases,
                mentions: n.mentions,
                documents: n.documents,
            });
            kg.nodes.insert(id, idx);
        }
        for l in file.edges {
            let s = kg
                .node_index(&l.source)
                .ok_or_else(|| bad(format!("link source {:?} is not a node", l.source)))?;
            let t = kg
                .node_index(&l.target)
                .ok_or_else(|| bad(format!("link target {:?} is not a node", l.target)))?;
            let key = (s, l.rtype, t, l.origin);
            if kg.edges.contains_key(&key) {
                return Err(bad(format!(
                    "duplicate link {} {} {}",
                    l.source, l.rtype, l.target
                )));
            }
            let e = kg.graph.add_edge(
                s,
                t,
                EdgeData {
                    rtype: l.rtype,
                    origin: l.origin,
                    count: l.count,
                    confidence: l.confidence,
                    roles: l.roles.into_iter().collect(),
                    evidence: l.evidence,
                },
            );
            kg.edges.insert(key, e);
        }
        Ok(kg)
    }

    /// Edges touching `n`, in both directions.
    pub fn incident(
        &self,
        n: NodeIndex,
    ) -> impl Iterator<Item = (EdgeIndex, NodeIndex, NodeIndex)> + '_ {
        self.graph
            .edges_directed(n, petgraph::Direction::Outgoing)
            .chain(self.graph.edges_directed(n, petgraph::Direction::Incoming))
            .map(|e| (e.id(), e.source(), e.target()))
    }

    /// The subgraph induced by `nodes`, keeping the edges between them for which `keep` is
    /// true (used by `query ego`). Node and edge data are copied unchanged; the document
    /// count is the whole graph's.
    pub fn subgraph(
        &self,
        nodes: &[NodeIndex],
        keep: impl Fn(EdgeIndex) -> bool,
    ) -> KnowledgeGraph {
        let mut kg = KnowledgeGraph::new(self.max_evidence);
        kg.documents = self.documents;
        let mut map = HashMap::with_capacity(nodes.len());
        for &n in nodes {
            let d = &self.graph[n];
            let idx = kg.graph.add_node(d.clone());
            kg.nodes.insert(d.id.clone(), idx);
            map.insert(n, idx);
        }
        for &n in nodes {
            for e in self.graph.edges_directed(n, petgraph::Direction::Outgoing) {
                let Some(&t) = map.get(&e.target()) else {
                    continue;
                };
                if !keep(e.id()) {
                    continue;
                }
                let d = e.weight();
                let s = map[&n];
                let idx = kg.graph.add_edge(s, t, d.clone());
                kg.edges.insert((s, d.rtype, t, d.origin), idx);
            }
        }
        kg
    }

    /// Builds a graph from decoded parts: the nodes, and the edges as (source, target)
    /// positions in `nodes`, taken one by one as they are decoded. Checks what
    /// [`KnowledgeGraph::from_wire`] checks (unique ids, unique (source, type, target, origin)
    /// keys, valid endpoints) without looking ids up; stops at the first error of `edges`.
    /// The binary graph reader (`export::bin`) uses it.
    pub fn from_parts(
        documents: u64,
        nodes: Vec<NodeData>,
        edges: impl IntoIterator<Item = Result<(usize, usize, EdgeData), Error>>,
        path: &str,
    ) -> Result<KnowledgeGraph, Error> {
        use std::collections::hash_map::Entry;
        let bad = |message: String| Error::Input {
            path: path.to_string(),
            line: None,
            message,
        };
        let mut kg = KnowledgeGraph::new(None);
        kg.documents = documents;
        let edges = edges.into_iter();
        let m = edges.size_hint().0;
        kg.graph = StableDiGraph::with_capacity(nodes.len(), m);
        kg.nodes.reserve(nodes.len());
        kg.edges.reserve(m);
        let mut index = Vec::with_capacity(nodes.len());
        for n in nodes {
            match kg.nodes.entry(n.id.clone()) {
                Entry::Occupied(_) => return Err(bad(format!("duplicate node id {:?}", n.id))),
                Entry::Vacant(slot) => index.push(*slot.insert(kg.graph.add_node(n))),
            }
        }
        for edge in edges {
            let (s, t, d) = edge?;
            let (Some(&s), Some(&t)) = (index.get(s), index.get(t)) else {
                return Err(bad(format!("edge endpoint {s} or {t} is not a node")));
            };
            match kg.edges.entry((s, d.rtype, t, d.origin)) {
                Entry::Occupied(_) => {
                    return Err(bad(format!(
                        "duplicate link {} {} {}",
                        kg.graph[s].id, d.rtype, kg.graph[t].id
                    )));
                }
                Entry::Vacant(slot) => {
                    slot.insert(kg.graph.add_edge(s, t, d));
                }
            }
        }
        Ok(kg)
    }
}

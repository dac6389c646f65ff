//! Graphviz DOT export through graphviz-rust: node shape and colour by entity type, edge label =
//! relation type (with the count when above one), gazetteer facts dashed, stable order.
//!
//! Options ([`DotOptions`]): a legend (on by default), clusters by state (each entity drawn inside
//! the box of the state it belongs to), and a cap on the number of nodes (the N nodes of highest
//! degree, ties by id) so that a diagram of a big graph stays readable.

use crate::graph::KnowledgeGraph;
use crate::types::{EntityType, Origin, RelationType};
use graphviz_rust::dot_structures::{
    Attribute, Edge, EdgeTy, Graph, GraphAttributes, Id, Node, NodeId, Stmt, Subgraph, Vertex,
};
use graphviz_rust::printer::{DotPrinter, PrinterContext};
use petgraph::stable_graph::NodeIndex;
use petgraph::visit::{EdgeRef, IntoEdgeReferences};
use std::collections::{BTreeMap, BTreeSet};
use std::io::Write;

/// Options of the DOT export.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DotOptions {
    /// Draw a legend of the entity types and edge styles present.
    pub legend: bool,
    /// Group entities into one box per state they belong to.
    pub clusters: bool,
    /// Keep only this many nodes, those of highest degree.
    pub max_nodes: Option<usize>,
}

impl Default for DotOptions {
    fn default() -> DotOptions {
        DotOptions {
            legend: true,
            clusters: false,
            max_nodes: None,
        }
    }
}

/// Labels longer than this many characters are cut (the tooltip keeps more).
pub const MAX_LABEL_CHARS: usize = 80;

/// A DOT double-quoted string: backslashes and quotes escaped, line breaks as `\n`, NUL and
/// carriage returns dropped, other characters XML forbids (control characters) as U+FFFD. Safe for any input: nothing can end the string early.
pub fn quote(s: &str) -> Id {
    Id::Escaped(quote_with(s, false))
}

/// Like [`quote`], for text Graphviz displays: `&` is also written `&amp;`, since Graphviz
/// decodes HTML entities in labels.
pub fn quote_label(s: &str) -> Id {
    Id::Escaped(quote_with(s, true))
}

/// Graphviz rejects quoted strings longer than 16384 bytes: longer ones are written as pieces
/// of at most this many bytes joined with DOT's `+` (`"abc" + "def"`).
pub const MAX_PIECE_BYTES: usize = 8192;

fn quote_with(s: &str, label: bool) -> String {
    let mut q = String::with_capacity(s.len() + 2);
    q.push('"');
    let mut piece_start = 0;
    for c in s.chars() {
        if q.len() - piece_start >= MAX_PIECE_BYTES {
            q.push_str("\" + \"");
            piece_start = q.len() - 1;
        }
        match c {
            '"' => q.push_str("\\\""),
            '\\' => q.push_str("\\\\"),
            '\n' => q.push_str("\\n"),
            '&' if label => q.push_str("&amp;"),
            '\r' | '\0' => {}
            // Graphviz copies other characters into SVG as they are: one that XML forbids (a
            // control character) would make the picture unreadable.
            c if !crate::export::graphml::allowed_in_xml(c) => q.push('\u{FFFD}'),
            c => q.push(c),
        }
    }
    q.push('"');
    q
}

fn attr(k: &str, v: &str) -> Attribute {
    Attribute(Id::Plain(k.to_string()), quote(v))
}

fn label_attr(k: &str, v: &str) -> Attribute {
    Attribute(Id::Plain(k.to_string()), quote_label(v))
}

/// Tooltips (the whole name, shown on hover in SVG) are cut at this many characters.
pub const MAX_TOOLTIP_CHARS: usize = 1000;

/// A label cut to [`MAX_LABEL_CHARS`] characters.
fn short(s: &str) -> String {
    cut(s, MAX_LABEL_CHARS)
}

fn cut(s: &str, max: usize) -> String {
    match s.char_indices().nth(max) {
        None => s.to_string(),
        Some((i, _)) => format!("{}…", &s[..i]),
    }
}

/// (shape, fill colour) per entity type.
pub fn style(t: EntityType) -> (&'static str, &'static str) {
    match t {
        EntityType::Person => ("ellipse", "#cfe2f3"),
        EntityType::State => ("box", "#ffe599"),
        EntityType::Organization => ("hexagon", "#d9ead3"),
        EntityType::Location => ("octagon", "#f4cccc"),
    }
}

/// Relations that place their source inside the target state's cluster.
fn places_in_state(r: RelationType) -> bool {
    use RelationType::*;
    matches!(
        r,
        LocatedIn
            | PartOf
            | BasedIn
            | CitizenOf
            | HeadOfState
            | HeadOfGovernment
            | MinisterOf
            | OfficialOf
            | LeaderOf
    )
}

/// Relations through which an entity inherits the cluster of a non-state target.
fn inherits_place(r: RelationType) -> bool {
    matches!(
        r,
        RelationType::LocatedIn | RelationType::PartOf | RelationType::BasedIn
    )
}

/// The nodes a diagram shows: all of them, or the `max` of highest degree (in + out edges),
/// ties broken by id. Sorted by id.
pub fn selected_nodes(kg: &KnowledgeGraph, max: Option<usize>) -> Vec<NodeIndex> {
    let mut nodes = kg.sorted_nodes();
    if let Some(max) = max
        && max < nodes.len()
    {
        let g = kg.graph();
        let degree = |n: NodeIndex| {
            g.edges_directed(n, petgraph::Direction::Outgoing).count()
                + g.edges_directed(n, petgraph::Direction::Incoming).count()
        };
        // Stable sort: equal degrees keep id order.
        nodes.sort_by_key(|n| std::cmp::Reverse(degree(*n)));
        nodes.truncate(max);
        nodes.sort_by(|a, b| g[*a].id.cmp(&g[*b].id));
    }
    nodes
}

/// The warning to show when `opts.max_nodes` leaves nodes out of the diagram.
pub fn cap_warning(kg: &KnowledgeGraph, opts: &DotOptions) -> Option<String> {
    let max = opts.max_nodes?;
    let total = kg.node_count();
    (max < total).then(|| {
        format!(
            "the diagram shows {max} of {total} nodes (those with the most edges); raise --max-nodes to show more"
        )
    })
}

/// For each shown node that belongs to a shown state, that state (clusters by state).
fn clusters(
    kg: &KnowledgeGraph,
    shown: &BTreeSet<NodeIndex>,
    order: &[NodeIndex],
) -> BTreeMap<NodeIndex, NodeIndex> {
    let g = kg.graph();
    let mut home: BTreeMap<NodeIndex, NodeIndex> = BTreeMap::new();
    // Direct: an edge to a state. Best = highest count, then smallest state id.
    for &n in order {
        if g[n].etype == EntityType::State {
            continue;
        }
        let best = g
            .edges_directed(n, petgraph::Direction::Outgoing)
            .filter(|e| {
                places_in_state(e.weight().rtype)
                    && shown.contains(&e.target())
                    && g[e.target()].etype == EntityType::State
            })
            .min_by(|a, b| {
                b.weight()
                    .count
                    .cmp(&a.weight().count)
                    .then_with(|| g[a.target()].id.cmp(&g[b.target()].id))
            });
        if let Some(e) = best {
            home.insert(n, e.target());
        }
    }
    // Indirect: located in / part of / based in something that has a state (a few hops).
    for _ in 0..4 {
        let mut changed = false;
        for &n in order {
            if g[n].etype == EntityType::State || home.contains_key(&n) {
                continue;
            }
            let best = g
                .edges_directed(n, petgraph::Direction::Outgoing)
                .filter(|e| inherits_place(e.weight().rtype) && shown.contains(&e.target()))
                .filter_map(|e| home.get(&e.target()).map(|s| (e.weight().count, *s)))
                .min_by(|a, b| b.0.cmp(&a.0).then_with(|| g[a.1].id.cmp(&g[b.1].id)));
            if let Some((_, s)) = best {
                home.insert(n, s);
                changed = true;
            }
        }
        if !changed {
            break;
        }
    }
    home
}

fn node_stmt(kg: &KnowledgeGraph, n: NodeIndex) -> Stmt {
    let d = &kg.graph()[n];
    let (shape, fill) = style(d.etype);
    Stmt::Node(Node::new(
        NodeId(quote(&d.id), None),
        vec![
            label_attr("label", &short(&d.name)),
            attr("shape", shape),
            attr("fillcolor", fill),
            label_attr(
                "tooltip",
                &format!(
                    "{} ({}, {})",
                    cut(&d.name, MAX_TOOLTIP_CHARS),
                    d.id,
                    d.etype
                ),
            ),
        ],
    ))
}

/// A prefix for legend node ids that no entity id starts with.
fn legend_prefix(kg: &KnowledgeGraph) -> String {
    let mut p = String::from("legend");
    while kg.graph().node_weights().any(|d| d.id.starts_with(&p)) {
        p.push('_');
    }
    p.push(':');
    p
}

fn legend(kg: &KnowledgeGraph, shown: &[NodeIndex]) -> Stmt {
    let g = kg.graph();
    let prefix = legend_prefix(kg);
    let types: BTreeSet<EntityType> = shown.iter().map(|n| g[*n].etype).collect();
    let mut stmts = vec![
        Stmt::Attribute(attr("label", "Legend")),
        Stmt::Attribute(attr("style", "rounded")),
        Stmt::Attribute(attr("color", "#999999")),
        Stmt::Attribute(attr("fontname", "Helvetica")),
    ];
    for t in EntityType::ALL.iter().filter(|t| types.contains(t)) {
        let (shape, fill) = style(*t);
        stmts.push(Stmt::Node(Node::new(
            NodeId(quote(&format!("{prefix}{t}")), None),
            vec![
                attr("label", t.as_str()),
                attr("shape", shape),
                attr("fillcolor", fill),
            ],
        )));
    }
    let shown_set: BTreeSet<NodeIndex> = shown.iter().copied().collect();
    let origins: BTreeSet<Origin> = g
        .edge_references()
        .filter(|e| shown_set.contains(&e.source()) && shown_set.contains(&e.target()))
        .map(|e| e.weight().origin)
        .collect();
    for o in origins {
        let (label, extra): (&str, &[(&str, &str)]) = match o {
            Origin::Text => ("stated in the text", &[]),
            Origin::Gazetteer => (
                "gazetteer fact",
                &[
                    ("style", "dashed"),
                    ("color", "#888888"),
                    ("fontcolor", "#888888"),
                ],
            ),
        };
        let a = format!("{prefix}{o}:a");
        let b = format!("{prefix}{o}:b");
        for id in [&a, &b] {
            stmts.push(Stmt::Node(Node::new(
                NodeId(quote(id), None),
                vec![
                    attr("shape", "point"),
                    attr("width", "0.05"),
                    attr("label", ""),
                ],
            )));
        }
        let mut attrs = vec![attr("label", label)];
        attrs.extend(extra.iter().map(|(k, v)| attr(k, v)));
        stmts.push(Stmt::Edge(Edge {
            ty: EdgeTy::Pair(
                Vertex::N(NodeId(quote(&a), None)),
                Vertex::N(NodeId(quote(&b), None)),
            ),
            attributes: attrs,
        }));
    }
    Stmt::Subgraph(Subgraph {
        id: Id::Plain("cluster_legend".into()),
        stmts,
    })
}

/// Builds the graphviz-rust graph.
pub fn to_graph(kg: &KnowledgeGraph, opts: &DotOptions) -> Graph {
    let g = kg.graph();
    let mut stmts = vec![
        Stmt::Attribute(attr("rankdir", "LR")),
        Stmt::GAttribute(GraphAttributes::Node(vec![
            attr("style", "filled"),
            attr("fontname", "Helvetica"),
        ])),
        Stmt::GAttribute(GraphAttributes::Edge(vec![
            attr("fontname", "Helvetica"),
            attr("fontsize", "10"),
        ])),
    ];
    let shown = selected_nodes(kg, opts.max_nodes);
    let shown_set: BTreeSet<NodeIndex> = shown.iter().copied().collect();
    let home = if opts.clusters {
        clusters(kg, &shown_set, &shown)
    } else {
        BTreeMap::new()
    };
    // States with at least one member get a cluster, in id order; members in id order.
    let mut members: BTreeMap<&str, (NodeIndex, Vec<NodeIndex>)> = BTreeMap::new();
    for (&n, &s) in &home {
        members
            .entry(g[s].id.as_str())
            .or_insert((s, Vec::new()))
            .1
            .push(n);
    }
    for &n in &shown {
        if home.contains_key(&n) || members.contains_key(g[n].id.as_str()) {
            continue;
        }
        stmts.push(node_stmt(kg, n));
    }
    for (i, (_, (state, mut inside))) in members.into_iter().enumerate() {
        inside.sort_by(|a, b| g[*a].id.cmp(&g[*b].id));
        let mut sub = vec![
            Stmt::Attribute(label_attr("label", &short(&g[state].name))),
            Stmt::Attribute(attr("style", "rounded,filled")),
            Stmt::Attribute(attr("fillcolor", "#fafaf2")),
            Stmt::Attribute(attr("color", "#bdb58a")),
            Stmt::Attribute(attr("fontname", "Helvetica")),
            node_stmt(kg, state),
        ];
        sub.extend(inside.into_iter().map(|n| node_stmt(kg, n)));
        stmts.push(Stmt::Subgraph(Subgraph {
            id: Id::Plain(format!("cluster_{i}")),
            stmts: sub,
        }));
    }
    for e in kg.sorted_edges() {
        let (s, t) = g.edge_endpoints(e).expect("edge exists");
        if !shown_set.contains(&s) || !shown_set.contains(&t) {
            continue;
        }
        let d = &g[e];
        let label = if d.count > 1 {
            format!("{} ({})", d.rtype, d.count)
        } else {
            d.rtype.to_string()
        };
        let mut attrs = vec![attr("label", &label)];
        if d.rtype.is_symmetric() {
            attrs.push(attr("dir", "none"));
        }
        if d.origin == Origin::Gazetteer {
            attrs.push(attr("style", "dashed"));
            attrs.push(attr("color", "#888888"));
            attrs.push(attr("fontcolor", "#888888"));
        }
        stmts.push(Stmt::Edge(Edge {
            ty: EdgeTy::Pair(
                Vertex::N(NodeId(quote(&g[s].id), None)),
                Vertex::N(NodeId(quote(&g[t].id), None)),
            ),
            attributes: attrs,
        }));
    }
    if opts.legend && !shown.is_empty() {
        stmts.push(legend(kg, &shown));
    }
    Graph::DiGraph {
        id: Id::Plain("relgraph".into()),
        strict: false,
        stmts,
    }
}

/// The DOT text of the graph.
pub fn to_string(kg: &KnowledgeGraph, opts: &DotOptions) -> String {
    let mut text = to_graph(kg, opts).print(PrinterContext::default().with_semi());
    text.push('\n');
    text
}

/// Writes the graph as DOT.
pub fn write(kg: &KnowledgeGraph, opts: &DotOptions, out: &mut dyn Write) -> std::io::Result<()> {
    out.write_all(to_string(kg, opts).as_bytes())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quoting_never_ends_the_string_early() {
        let cases = [
            ("plain", "\"plain\""),
            ("a\"b", "\"a\\\"b\""),
            ("back\\slash", "\"back\\\\slash\""),
            ("two\nlines\r", "\"two\\nlines\""),
            ("\\\"", "\"\\\\\\\"\""),
            ("nul\0", "\"nul\""),
        ];
        for (raw, want) in cases {
            assert_eq!(quote(raw), Id::Escaped(want.to_string()), "{raw:?}");
        }
        assert_eq!(
            quote_label("a&lt;b"),
            Id::Escaped("\"a&amp;lt;b\"".to_string())
        );
        let long = "\"".repeat(MAX_PIECE_BYTES);
        let Id::Escaped(q) = quote(&long) else {
            unreachable!()
        };
        assert_eq!(q.matches("\" + \"").count(), 1);
        assert!(q.split("\" + \"").all(|p| p.len() <= MAX_PIECE_BYTES + 2));
    }

    #[test]
    fn labels_are_cut() {
        assert_eq!(short("abc"), "abc");
        let long = "é".repeat(MAX_LABEL_CHARS + 5);
        let cut = short(&long);
        assert_eq!(cut.chars().count(), MAX_LABEL_CHARS + 1);
        assert!(cut.ends_with('…'));
    }
}

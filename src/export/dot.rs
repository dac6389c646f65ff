//! Graphviz DOT export through graphviz-rust: node shape and colour by entity type; one drawn
//! edge per fact (the text's and the gazetteer's evidence for the same relation between the same
//! two entities merged), labelled with the relation type and the text's count, coloured by
//! relation type (as in the GEXF export), dashed when only the gazetteer states it, with the
//! evidence sentences as its tooltip (SVG); stable order.
//!
//! Options ([`DotOptions`]): a legend (on by default; a table in the graph's own label, so no
//! layout engine ever places it as part of the graph), clusters by state (each entity drawn
//! inside the box of the state it belongs to), and a cap on the number of nodes that keeps the
//! best connected part of the graph ([`selected_nodes`]) so that a diagram of a big graph stays
//! readable.

use crate::graph::KnowledgeGraph;
use crate::types::{EntityType, Origin, RelationType};
use graphviz_rust::dot_structures::{
    Attribute, Edge, EdgeTy, Graph, GraphAttributes, Id, Node, NodeId, Stmt, Subgraph, Vertex,
};
use graphviz_rust::printer::{DotPrinter, PrinterContext};
use petgraph::stable_graph::NodeIndex;
use petgraph::visit::EdgeRef;
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

/// The nodes a diagram shows: all of them, or `max` of them chosen to keep the graph connected:
/// the node of highest degree (in + out edges) first, then again and again the node with the
/// most edges to those already chosen (then the highest degree, then the smallest id); when no
/// node outside is linked to them, the next of highest degree starts another part. Sorted by id.
pub fn selected_nodes(kg: &KnowledgeGraph, max: Option<usize>) -> Vec<NodeIndex> {
    let mut nodes = kg.sorted_nodes();
    let Some(max) = max.filter(|&m| m < nodes.len()) else {
        return nodes;
    };
    let g = kg.graph();
    // Candidates in id order; `links[i]`: edges from candidate i to the chosen nodes.
    let degrees: Vec<usize> = nodes.iter().map(|&n| kg.degree(n)).collect();
    let position: std::collections::HashMap<NodeIndex, usize> =
        nodes.iter().enumerate().map(|(i, &n)| (n, i)).collect();
    let mut links = vec![0usize; nodes.len()];
    let mut chosen = vec![false; nodes.len()];
    let mut picked = Vec::with_capacity(max);
    while picked.len() < max {
        let best = (0..nodes.len())
            .filter(|&i| !chosen[i])
            .max_by(|&a, &b| {
                (links[a], degrees[a])
                    .cmp(&(links[b], degrees[b]))
                    .then(b.cmp(&a))
            })
            .expect("fewer chosen than nodes");
        chosen[best] = true;
        picked.push(nodes[best]);
        let n = nodes[best];
        for e in g
            .edges_directed(n, petgraph::Direction::Outgoing)
            .map(|e| e.target())
            .chain(
                g.edges_directed(n, petgraph::Direction::Incoming)
                    .map(|e| e.source()),
            )
        {
            links[position[&e]] += 1;
        }
    }
    picked.sort_by(|a, b| g[*a].id.cmp(&g[*b].id));
    nodes = picked;
    nodes
}

/// The warning to show when `opts.max_nodes` leaves nodes out of the diagram.
pub fn cap_warning(kg: &KnowledgeGraph, opts: &DotOptions) -> Option<String> {
    let max = opts.max_nodes?;
    let total = kg.node_count();
    (max < total).then(|| {
        format!(
            "the diagram shows {max} of {total} nodes (the best connected); raise --max-nodes to show more"
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

/// The colour of a relation type's edges (`#rrggbb`, as in the GEXF export).
pub fn edge_colour(r: RelationType) -> String {
    let (red, green, blue) = crate::export::gexf::edge_rgb(r);
    format!("#{red:02x}{green:02x}{blue:02x}")
}

/// The legend: an HTML-like table that is the graph's own label (bottom right), listing the
/// entity types, relation types and edge styles the diagram shows. Being a label, not nodes,
/// it is never laid out as part of the graph, whatever the layout engine.
fn legend(kg: &KnowledgeGraph, shown: &[NodeIndex], edges: &[Drawn]) -> Vec<Stmt> {
    let g = kg.graph();
    let types: BTreeSet<EntityType> = shown.iter().map(|n| g[*n].etype).collect();
    let relations: BTreeSet<RelationType> = edges.iter().map(|e| e.rtype).collect();
    let mut t = String::from(
        "<<TABLE BORDER=\"0\" CELLBORDER=\"1\" CELLSPACING=\"0\" CELLPADDING=\"3\" COLOR=\"#999999\">\
         <TR><TD COLSPAN=\"2\"><B>Legend</B></TD></TR>",
    );
    for ty in EntityType::ALL.iter().filter(|t| types.contains(t)) {
        let (shape, fill) = style(*ty);
        t.push_str(&format!(
            "<TR><TD BGCOLOR=\"{fill}\">{ty}</TD><TD>{shape}</TD></TR>"
        ));
    }
    for r in &relations {
        t.push_str(&format!(
            "<TR><TD><FONT COLOR=\"{}\"><B>&#8212;&#8212;&#9658;</B></FONT></TD><TD>{r}</TD></TR>",
            edge_colour(*r)
        ));
    }
    if edges.iter().any(|e| e.text == 0) {
        t.push_str("<TR><TD>- - -</TD><TD>gazetteer fact only</TD></TR>");
    }
    if edges.iter().any(|e| e.text > 0 && e.gazetteer) {
        t.push_str("<TR><TD>+ gazetteer</TD><TD>also a gazetteer fact</TD></TR>");
    }
    t.push_str("</TABLE>>");
    vec![
        Stmt::Attribute(Attribute(Id::Plain("label".into()), Id::Html(t))),
        Stmt::Attribute(attr("labelloc", "b")),
        Stmt::Attribute(attr("labeljust", "r")),
        Stmt::Attribute(attr("fontname", "Helvetica")),
        Stmt::Attribute(attr("fontsize", "10")),
    ]
}

/// One drawn edge: a relation between two entities, with the text's and the gazetteer's
/// evidence merged.
struct Drawn {
    source: NodeIndex,
    target: NodeIndex,
    rtype: RelationType,
    /// Evidence items the text gave (0: a gazetteer fact only).
    text: u64,
    /// Whether the gazetteer states it too.
    gazetteer: bool,
    /// The evidence, text first, for the tooltip: (doc, date, sentence or trigger).
    evidence: Vec<String>,
}

/// Evidence lines shown in an edge's tooltip.
pub const TOOLTIP_EVIDENCE: usize = 5;

/// The edges to draw between shown nodes, one per (source, type, target), in the graph's order.
fn drawn_edges(kg: &KnowledgeGraph, shown: &BTreeSet<NodeIndex>) -> Vec<Drawn> {
    let g = kg.graph();
    let mut out: Vec<Drawn> = Vec::new();
    let mut index: BTreeMap<(NodeIndex, RelationType, NodeIndex), usize> = BTreeMap::new();
    for e in kg.sorted_edges() {
        let (s, t) = g.edge_endpoints(e).expect("edge exists");
        if !shown.contains(&s) || !shown.contains(&t) {
            continue;
        }
        let d = &g[e];
        let i = *index.entry((s, d.rtype, t)).or_insert_with(|| {
            out.push(Drawn {
                source: s,
                target: t,
                rtype: d.rtype,
                text: 0,
                gazetteer: false,
                evidence: Vec::new(),
            });
            out.len() - 1
        });
        let drawn = &mut out[i];
        match d.origin {
            Origin::Text => drawn.text += d.count,
            Origin::Gazetteer => drawn.gazetteer = true,
        }
        let lines = d.evidence.iter().map(|ev| {
            let what = ev.sentence.as_deref().unwrap_or(&ev.trigger);
            let date = ev.date.map(|d| format!(" {d}")).unwrap_or_default();
            format!("{}{date}: {}", ev.doc, cut(what, 200))
        });
        if d.origin == Origin::Text {
            // Text evidence first.
            let gaz = std::mem::take(&mut drawn.evidence);
            drawn.evidence.extend(lines);
            drawn.evidence.extend(gaz);
        } else {
            drawn.evidence.extend(lines);
        }
    }
    out
}

/// Builds the graphviz-rust graph.
pub fn to_graph(kg: &KnowledgeGraph, opts: &DotOptions) -> Graph {
    let g = kg.graph();
    let mut stmts = vec![
        Stmt::Attribute(attr("rankdir", "LR")),
        // Force-directed layouts (neato, fdp, sfdp) move nodes apart instead of overlapping them.
        Stmt::Attribute(attr("overlap", "false")),
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
    let edges = drawn_edges(kg, &shown_set);
    for d in &edges {
        let mut label = d.rtype.to_string();
        if d.text > 1 {
            label.push_str(&format!(" ({})", d.text));
        }
        if d.text > 0 && d.gazetteer {
            label.push_str(" + gazetteer");
        }
        let colour = edge_colour(d.rtype);
        let mut tooltip = format!("{} {} {}", g[d.source].name, d.rtype, g[d.target].name);
        for line in d.evidence.iter().take(TOOLTIP_EVIDENCE) {
            tooltip.push('\n');
            tooltip.push_str(line);
        }
        if d.evidence.len() > TOOLTIP_EVIDENCE {
            tooltip.push_str(&format!(
                "\n... {} more",
                d.evidence.len() - TOOLTIP_EVIDENCE
            ));
        }
        let mut attrs = vec![
            label_attr("label", &label),
            attr("color", &colour),
            attr("fontcolor", &colour),
            label_attr("tooltip", &cut(&tooltip, MAX_TOOLTIP_CHARS * 2)),
        ];
        if d.rtype.is_symmetric() {
            attrs.push(attr("dir", "none"));
        }
        if d.text == 0 {
            attrs.push(attr("style", "dashed"));
        }
        stmts.push(Stmt::Edge(Edge {
            ty: EdgeTy::Pair(
                Vertex::N(NodeId(quote(&g[d.source].id), None)),
                Vertex::N(NodeId(quote(&g[d.target].id), None)),
            ),
            attributes: attrs,
        }));
    }
    if opts.legend && !shown.is_empty() {
        stmts.extend(legend(kg, &shown, &edges));
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

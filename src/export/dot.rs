//! Graphviz DOT export through graphviz-rust: node shape and colour by entity type, edge label =
//! relation type (with the count when above one), gazetteer facts dashed, stable order.

use crate::graph::KnowledgeGraph;
use crate::types::{EntityType, Origin};
use graphviz_rust::dot_structures::{
    Attribute, Edge, EdgeTy, Graph, GraphAttributes, Id, Node, NodeId, Stmt, Vertex,
};
use graphviz_rust::printer::{DotPrinter, PrinterContext};
use std::io::Write;

/// Options of the DOT export.
#[derive(Debug, Clone, Default)]
pub struct DotOptions {}

/// A DOT double-quoted string: backslashes and quotes escaped, line breaks as `\n`.
pub fn quote(s: &str) -> Id {
    let mut q = String::with_capacity(s.len() + 2);
    q.push('"');
    for c in s.chars() {
        match c {
            '"' => q.push_str("\\\""),
            '\\' => q.push_str("\\\\"),
            '\n' => q.push_str("\\n"),
            '\r' => {}
            c => q.push(c),
        }
    }
    q.push('"');
    Id::Escaped(q)
}

fn attr(k: &str, v: &str) -> Attribute {
    Attribute(Id::Plain(k.to_string()), quote(v))
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

/// Builds the graphviz-rust graph.
pub fn to_graph(kg: &KnowledgeGraph, _opts: &DotOptions) -> Graph {
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
    for n in kg.sorted_nodes() {
        let d = &g[n];
        let (shape, fill) = style(d.etype);
        stmts.push(Stmt::Node(Node::new(
            NodeId(quote(&d.id), None),
            vec![
                attr("label", &d.name),
                attr("shape", shape),
                attr("fillcolor", fill),
                attr("tooltip", &format!("{} ({})", d.id, d.etype)),
            ],
        )));
    }
    for e in kg.sorted_edges() {
        let (s, t) = g.edge_endpoints(e).expect("edge exists");
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
    Graph::DiGraph {
        id: Id::Plain("relgraph".into()),
        strict: false,
        stmts,
    }
}

/// Writes the graph as DOT.
pub fn write(kg: &KnowledgeGraph, opts: &DotOptions, out: &mut dyn Write) -> std::io::Result<()> {
    let text = to_graph(kg, opts).print(PrinterContext::default().with_semi());
    out.write_all(text.as_bytes())?;
    out.write_all(b"\n")
}

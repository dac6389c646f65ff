//! GEXF 1.3 export for Gephi (and Gephi Lite, sigma.js/graphology, NetworkX), written with
//! quick-xml (docs/targets/gephi.md).
//!
//! Nodes carry `label` (the name), a colour by entity type and a size by degree (`viz:color`,
//! `viz:size`: 8 + 4·√degree), and the attributes `type`, `qid`, `aliases` (a JSON list),
//! `mentions`, `documents` and `degree`. Edges carry `label` (the relation type), `weight` (the
//! evidence count, which Gephi's layouts use), a colour by relation type, and the attributes
//! `type`, `origin`, `count`, `confidence`, `roles` (joined with `; `) and `evidence` (every
//! evidence item kept in the graph, a JSON list of objects as in the JSON graph file). Edge ids
//! are `0`, `1`, ... in the sorted edge order; the graph is directed and may hold parallel edges
//! (one per relation type and origin). Text is escaped as in GraphML (`graphml::escape`).

use crate::export::graphml::start;
use crate::graph::KnowledgeGraph;
use crate::types::{EntityType, RelationType};
use quick_xml::Writer;
use quick_xml::events::{BytesDecl, BytesEnd, BytesText, Event};
use std::io::Write;

/// The GEXF 1.3 namespace.
pub const NAMESPACE: &str = "http://gexf.net/1.3";
/// The GEXF 1.3 visualisation namespace.
pub const VIZ: &str = "http://gexf.net/1.3/viz";

/// (id, title, type) of the node attributes, in output order.
pub const NODE_ATTRIBUTES: [(&str, &str, &str); 6] = [
    ("0", "type", "string"),
    ("1", "qid", "string"),
    ("2", "aliases", "string"),
    ("3", "mentions", "long"),
    ("4", "documents", "long"),
    ("5", "degree", "integer"),
];

/// (id, title, type) of the edge attributes, in output order.
pub const EDGE_ATTRIBUTES: [(&str, &str, &str); 6] = [
    ("0", "type", "string"),
    ("1", "origin", "string"),
    ("2", "count", "long"),
    ("3", "confidence", "double"),
    ("4", "roles", "string"),
    ("5", "evidence", "string"),
];

/// The colour of an entity type's nodes (red, green, blue).
pub fn node_rgb(t: EntityType) -> (u8, u8, u8) {
    match t {
        EntityType::Person => (66, 133, 244),
        EntityType::State => (234, 153, 0),
        EntityType::Organization => (52, 168, 83),
        EntityType::Location => (204, 65, 37),
    }
}

/// The colour of a relation type's edges: roles in purples, membership and structure in
/// greys and browns, meetings and cooperation in greens, flows in blues, hostility in reds.
pub fn edge_rgb(r: RelationType) -> (u8, u8, u8) {
    use RelationType::*;
    match r {
        HeadOfState => (103, 58, 183),
        HeadOfGovernment => (142, 36, 170),
        MinisterOf => (171, 71, 188),
        LeaderOf => (94, 53, 177),
        OfficialOf => (149, 117, 205),
        MemberOf => (121, 85, 72),
        CitizenOf => (161, 136, 127),
        PartOf => (96, 125, 139),
        BasedIn => (120, 144, 156),
        LocatedIn => (144, 164, 174),
        MetWith => (67, 160, 71),
        AgreementWith => (0, 137, 123),
        CooperatesWith => (124, 179, 66),
        Visited => (30, 136, 229),
        SendsPersonnelTo => (3, 155, 229),
        Supports => (0, 172, 193),
        Criticizes => (251, 140, 0),
        Threatens => (244, 81, 30),
        Sanctions => (216, 27, 96),
        Attacks => (229, 57, 53),
        Invades => (198, 40, 40),
        Killed => (136, 14, 79),
    }
}

/// A node's size for its degree.
pub fn node_size(degree: usize) -> f64 {
    8.0 + 4.0 * (degree as f64).sqrt()
}

fn attvalues<W: Write>(w: &mut Writer<W>, values: &[(&str, &str)]) -> std::io::Result<()> {
    w.write_event(Event::Start(start("attvalues", &[])))?;
    for (key, value) in values {
        w.write_event(Event::Empty(start(
            "attvalue",
            &[("for", key), ("value", value)],
        )))?;
    }
    w.write_event(Event::End(BytesEnd::new("attvalues")))
}

fn color<W: Write>(w: &mut Writer<W>, (r, g, b): (u8, u8, u8)) -> std::io::Result<()> {
    let (r, g, b) = (r.to_string(), g.to_string(), b.to_string());
    w.write_event(Event::Empty(start(
        "viz:color",
        &[("r", &r), ("g", &g), ("b", &b)],
    )))
}

fn attributes<W: Write>(
    w: &mut Writer<W>,
    class: &str,
    list: &[(&str, &str, &str)],
) -> std::io::Result<()> {
    w.write_event(Event::Start(start(
        "attributes",
        &[("class", class), ("mode", "static")],
    )))?;
    for (id, title, ty) in list {
        w.write_event(Event::Empty(start(
            "attribute",
            &[("id", id), ("title", title), ("type", ty)],
        )))?;
    }
    w.write_event(Event::End(BytesEnd::new("attributes")))
}

/// Writes the graph as GEXF 1.3.
pub fn write(kg: &KnowledgeGraph, out: &mut dyn Write) -> std::io::Result<()> {
    let mut w = Writer::new_with_indent(out, b' ', 2);
    w.write_event(Event::Decl(BytesDecl::new("1.0", Some("UTF-8"), None)))?;
    w.write_event(Event::Start(start(
        "gexf",
        &[
            ("xmlns", NAMESPACE),
            ("xmlns:viz", VIZ),
            ("xmlns:xsi", "http://www.w3.org/2001/XMLSchema-instance"),
            (
                "xsi:schemaLocation",
                "http://gexf.net/1.3 http://gexf.net/1.3/gexf.xsd",
            ),
            ("version", "1.3"),
        ],
    )))?;
    w.write_event(Event::Start(start("meta", &[])))?;
    for (tag, text) in [
        ("creator", "relgraph"),
        (
            "description",
            "Entities and the relations between them, extracted from text",
        ),
    ] {
        w.write_event(Event::Start(start(tag, &[])))?;
        w.write_event(Event::Text(BytesText::new(text)))?;
        w.write_event(Event::End(BytesEnd::new(tag)))?;
    }
    w.write_event(Event::End(BytesEnd::new("meta")))?;
    w.write_event(Event::Start(start(
        "graph",
        &[("defaultedgetype", "directed"), ("mode", "static")],
    )))?;
    attributes(&mut w, "node", &NODE_ATTRIBUTES)?;
    attributes(&mut w, "edge", &EDGE_ATTRIBUTES)?;
    let g = kg.graph();
    w.write_event(Event::Start(start("nodes", &[])))?;
    for n in kg.sorted_nodes() {
        let d = &g[n];
        let degree = kg.degree(n);
        w.write_event(Event::Start(start(
            "node",
            &[("id", &d.id), ("label", &d.name)],
        )))?;
        let aliases = if d.aliases.is_empty() {
            String::new()
        } else {
            serde_json::to_string(&d.aliases).map_err(std::io::Error::other)?
        };
        let (mentions, documents, deg) = (
            d.mentions.to_string(),
            d.documents.to_string(),
            degree.to_string(),
        );
        let mut values = vec![("0", d.etype.as_str())];
        if let Some(q) = &d.qid {
            values.push(("1", q));
        }
        if !aliases.is_empty() {
            values.push(("2", &aliases));
        }
        values.extend([("3", &*mentions), ("4", &documents), ("5", &deg)]);
        attvalues(&mut w, &values)?;
        color(&mut w, node_rgb(d.etype))?;
        let size = format!("{:.2}", node_size(degree));
        w.write_event(Event::Empty(start("viz:size", &[("value", &size)])))?;
        w.write_event(Event::End(BytesEnd::new("node")))?;
    }
    w.write_event(Event::End(BytesEnd::new("nodes")))?;
    w.write_event(Event::Start(start("edges", &[])))?;
    for (i, e) in kg.sorted_edges().into_iter().enumerate() {
        let (s, t) = g.edge_endpoints(e).expect("edge exists");
        let d = &g[e];
        let (id, count) = (i.to_string(), d.count.to_string());
        w.write_event(Event::Start(start(
            "edge",
            &[
                ("id", &id),
                ("source", &g[s].id),
                ("target", &g[t].id),
                ("label", d.rtype.as_str()),
                ("weight", &count),
            ],
        )))?;
        let confidence = format!(
            "{:?}",
            if d.confidence.is_finite() {
                d.confidence
            } else {
                0.0
            }
        );
        let roles: Vec<&str> = d.roles.iter().map(String::as_str).collect();
        let roles = roles.join("; ");
        let evidence = if d.evidence.is_empty() {
            String::new()
        } else {
            serde_json::to_string(&d.evidence).map_err(std::io::Error::other)?
        };
        let mut values = vec![
            ("0", d.rtype.as_str()),
            ("1", d.origin.as_str()),
            ("2", &*count),
            ("3", &confidence),
        ];
        if !roles.is_empty() {
            values.push(("4", &roles));
        }
        if !evidence.is_empty() {
            values.push(("5", &evidence));
        }
        attvalues(&mut w, &values)?;
        color(&mut w, edge_rgb(d.rtype))?;
        w.write_event(Event::End(BytesEnd::new("edge")))?;
    }
    w.write_event(Event::End(BytesEnd::new("edges")))?;
    w.write_event(Event::End(BytesEnd::new("graph")))?;
    w.write_event(Event::End(BytesEnd::new("gexf")))?;
    w.get_mut().write_all(b"\n")
}

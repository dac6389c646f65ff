//! GraphML export (for Gephi, yEd, NetworkX, igraph) written with quick-xml, with typed keys
//! (docs/targets/gephi.md).
//!
//! Node keys: `label` (the name, which Gephi and yEd display), `name`, `type`, `qid`,
//! `mentions` (long), `documents` (long), `aliases` (a JSON list of strings). Edge keys:
//! `label` (the relation type), `type`, `origin`, `count` (long), `confidence` (double), `roles`
//! (joined with `; `), `evidence_doc`, `evidence_trigger` (the first evidence item, for display),
//! `evidence` (every evidence item kept in the graph, as the JSON graph file writes them: a JSON
//! list of objects). GraphML has no list type, so lists are JSON strings. Node ids are the entity ids; edge ids are `e0`, `e1`, ... in the sorted
//! edge order. An absent value has no `<data>` element. Characters XML 1.0 cannot carry (C0
//! controls other than tab, line feed and carriage return) become U+FFFD; carriage returns and
//! line breaks in attribute values are written as character references, so parsers keep them.

use crate::graph::KnowledgeGraph;
use quick_xml::Writer;
use quick_xml::events::attributes::Attribute;
use quick_xml::events::{BytesDecl, BytesEnd, BytesStart, BytesText, Event};
use quick_xml::name::QName;
use std::borrow::Cow;
use std::io::Write;

/// The GraphML namespace.
pub const NAMESPACE: &str = "http://graphml.graphdrawing.org/xmlns";

/// (key id, for, attr.name, attr.type) of every key, in output order.
pub const KEYS: [(&str, &str, &str, &str); 16] = [
    ("n_label", "node", "label", "string"),
    ("n_name", "node", "name", "string"),
    ("n_type", "node", "type", "string"),
    ("n_qid", "node", "qid", "string"),
    ("n_mentions", "node", "mentions", "long"),
    ("n_documents", "node", "documents", "long"),
    ("n_aliases", "node", "aliases", "string"),
    ("e_label", "edge", "label", "string"),
    ("e_type", "edge", "type", "string"),
    ("e_origin", "edge", "origin", "string"),
    ("e_count", "edge", "count", "long"),
    ("e_confidence", "edge", "confidence", "double"),
    ("e_roles", "edge", "roles", "string"),
    ("e_evidence_doc", "edge", "evidence_doc", "string"),
    ("e_evidence_trigger", "edge", "evidence_trigger", "string"),
    ("e_evidence", "edge", "evidence", "string"),
];

/// Whether XML 1.0 allows `c` in a document.
pub fn allowed_in_xml(c: char) -> bool {
    matches!(c, '\t' | '\n' | '\r' | '\u{20}'..='\u{D7FF}' | '\u{E000}'..='\u{FFFD}' | '\u{10000}'..)
}

/// Escapes text for an element's content or (with `attribute`) a double-quoted attribute value.
pub fn escape(s: &str, attribute: bool) -> Cow<'_, str> {
    let clean = |c: char| {
        matches!(c, '&' | '<' | '>' | '\r') || (attribute && matches!(c, '"' | '\n' | '\t'))
    };
    if s.chars().all(|c| allowed_in_xml(c) && !clean(c)) {
        return Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len() + 16);
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '\r' => out.push_str("&#13;"),
            '"' if attribute => out.push_str("&quot;"),
            '\n' if attribute => out.push_str("&#10;"),
            '\t' if attribute => out.push_str("&#9;"),
            c if !allowed_in_xml(c) => out.push('\u{FFFD}'),
            c => out.push(c),
        }
    }
    Cow::Owned(out)
}

pub fn start<'a>(name: &'a str, attrs: &[(&'a str, &'a str)]) -> BytesStart<'a> {
    let mut e = BytesStart::new(name);
    for (k, v) in attrs {
        e.push_attribute(Attribute {
            key: QName(k),
            value: escape(v, true),
        });
    }
    e
}

fn data<W: Write>(w: &mut Writer<W>, key: &str, value: &str) -> std::io::Result<()> {
    w.write_event(Event::Start(start("data", &[("key", key)])))?;
    w.write_event(Event::Text(BytesText::from_escaped(escape(value, false))))?;
    w.write_event(Event::End(BytesEnd::new("data")))
}

/// Writes the graph as GraphML.
pub fn write(kg: &KnowledgeGraph, out: &mut dyn Write) -> std::io::Result<()> {
    let mut w = Writer::new_with_indent(out, b' ', 2);
    w.write_event(Event::Decl(BytesDecl::new("1.0", Some("UTF-8"), None)))?;
    w.write_event(Event::Start(start(
        "graphml",
        &[
            ("xmlns", NAMESPACE),
            ("xmlns:xsi", "http://www.w3.org/2001/XMLSchema-instance"),
            (
                "xsi:schemaLocation",
                "http://graphml.graphdrawing.org/xmlns http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd",
            ),
        ],
    )))?;
    for (id, what, name, ty) in KEYS {
        w.write_event(Event::Empty(start(
            "key",
            &[
                ("id", id),
                ("for", what),
                ("attr.name", name),
                ("attr.type", ty),
            ],
        )))?;
    }
    w.write_event(Event::Start(start(
        "graph",
        &[("id", "relgraph"), ("edgedefault", "directed")],
    )))?;
    let g = kg.graph();
    for n in kg.sorted_nodes() {
        let d = &g[n];
        w.write_event(Event::Start(start("node", &[("id", &d.id)])))?;
        data(&mut w, "n_label", &d.name)?;
        data(&mut w, "n_name", &d.name)?;
        data(&mut w, "n_type", d.etype.as_str())?;
        if let Some(q) = &d.qid {
            data(&mut w, "n_qid", q)?;
        }
        data(&mut w, "n_mentions", &d.mentions.to_string())?;
        data(&mut w, "n_documents", &d.documents.to_string())?;
        if !d.aliases.is_empty() {
            let aliases = serde_json::to_string(&d.aliases).map_err(std::io::Error::other)?;
            data(&mut w, "n_aliases", &aliases)?;
        }
        w.write_event(Event::End(BytesEnd::new("node")))?;
    }
    for (i, e) in kg.sorted_edges().into_iter().enumerate() {
        let (s, t) = g.edge_endpoints(e).expect("edge exists");
        let d = &g[e];
        let id = format!("e{i}");
        w.write_event(Event::Start(start(
            "edge",
            &[("id", &id), ("source", &g[s].id), ("target", &g[t].id)],
        )))?;
        data(&mut w, "e_label", d.rtype.as_str())?;
        data(&mut w, "e_type", d.rtype.as_str())?;
        data(&mut w, "e_origin", d.origin.as_str())?;
        data(&mut w, "e_count", &d.count.to_string())?;
        let confidence = if d.confidence.is_finite() {
            d.confidence
        } else {
            0.0
        };
        data(&mut w, "e_confidence", &format!("{confidence:?}"))?;
        if !d.roles.is_empty() {
            let roles: Vec<&str> = d.roles.iter().map(String::as_str).collect();
            data(&mut w, "e_roles", &roles.join("; "))?;
        }
        if let Some(ev) = d.evidence.first() {
            data(&mut w, "e_evidence_doc", &ev.doc)?;
            data(&mut w, "e_evidence_trigger", &ev.trigger)?;
            let all = serde_json::to_string(&d.evidence).map_err(std::io::Error::other)?;
            data(&mut w, "e_evidence", &all)?;
        }
        w.write_event(Event::End(BytesEnd::new("edge")))?;
    }
    w.write_event(Event::End(BytesEnd::new("graph")))?;
    w.write_event(Event::End(BytesEnd::new("graphml")))?;
    w.get_mut().write_all(b"\n")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escaping() {
        assert!(matches!(escape("plain", false), Cow::Borrowed(_)));
        assert_eq!(escape("a<&>b\r\n", false), "a&lt;&amp;&gt;b&#13;\n");
        assert_eq!(escape("q\"\n\t", true), "q&quot;&#10;&#9;");
        assert_eq!(escape("bell\u{7}", false), "bell\u{FFFD}");
        assert_eq!(escape("😀 Ким", true), "😀 Ким");
    }
}

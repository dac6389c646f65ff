//! openCypher script export for Neo4j, Memgraph and FalkorDB (docs/targets/).
//!
//! The script is idempotent: nodes are merged on their entity id, relationships on (source,
//! type, origin, target), and every property is set to its value, so running it twice changes
//! nothing. Every statement is one line that ends with `;` (string values escape their line
//! breaks), lines starting with `//` are comments, and rows come in batches of
//! [`BATCH_ROWS`] through `UNWIND`, so that a loader can send the script line by line.
//!
//! Graph model: every node has the label `Entity` plus its type label (`Person`, `State`,
//! `Organization`, `Location`) and the properties `id`, `name`, `type`, `qid`, `aliases`,
//! `mentions`, `documents`. A relationship's type is the relation type in capitals
//! (`HEAD_OF_STATE`); its properties are `origin`, `count`, `confidence`, `roles` and every
//! evidence item kept in the graph, as parallel lists (item `i` of each list is evidence item
//! `i`): `evidence_doc`, `evidence_date`, `evidence_start`, `evidence_end`, `evidence_trigger`,
//! `evidence_rule`, `evidence_confidence`, `evidence_role`, `evidence_features` (the relation
//! model's reasons as JSON), `evidence_sentence` (the sentence's text, when the graph keeps it).
//! Lists hold no nulls (property lists cannot): a missing date, role, feature list or sentence
//! is `''`. Absent values are null (no property).

use crate::graph::KnowledgeGraph;
use crate::types::{EntityType, RelationType};
use crate::wire::graph::EvidenceItem;
use petgraph::stable_graph::{EdgeIndex, NodeIndex};
use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::io::Write;

/// Rows per `UNWIND` statement.
pub const BATCH_ROWS: usize = 500;

/// The node label of an entity type.
pub fn label(t: EntityType) -> &'static str {
    match t {
        EntityType::Person => "Person",
        EntityType::State => "State",
        EntityType::Organization => "Organization",
        EntityType::Location => "Location",
    }
}

/// The relationship type of a relation type: its name in capitals.
pub fn rel_type(r: RelationType) -> String {
    r.as_str().to_ascii_uppercase()
}

/// Appends `s` as a single-quoted Cypher string literal. Backslash and quote are escaped, line
/// breaks, tabs, backspace and form feed use their backslash escapes, and so do the Unicode
/// line separators NEL, U+2028 and U+2029 (`\u2028`: a literal never spans lines, whatever
/// splits them), and NUL, which no engine accepts in a query, becomes U+FFFD. Other characters are
/// written as they are, so every engine reads back the same text.
pub fn push_string(out: &mut String, s: &str) {
    out.reserve(s.len() + 2);
    out.push('\'');
    for c in s.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            '\'' => out.push_str("\\'"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            '\u{8}' => out.push_str("\\b"),
            '\u{c}' => out.push_str("\\f"),
            '\0' => out.push('\u{FFFD}'),
            // Line separators some loaders split lines at.
            '\u{85}' => out.push_str("\\u0085"),
            '\u{2028}' => out.push_str("\\u2028"),
            '\u{2029}' => out.push_str("\\u2029"),
            c => out.push(c),
        }
    }
    out.push('\'');
}

/// A Cypher string literal (see [`push_string`]).
pub fn string(s: &str) -> String {
    let mut out = String::new();
    push_string(&mut out, s);
    out
}

fn push_opt_string(out: &mut String, s: Option<&str>) {
    match s {
        Some(s) => push_string(out, s),
        None => out.push_str("null"),
    }
}

fn push_list(out: &mut String, items: &[String]) {
    if items.is_empty() {
        out.push_str("null");
        return;
    }
    out.push('[');
    for (i, s) in items.iter().enumerate() {
        if i > 0 {
            out.push_str(", ");
        }
        push_string(out, s);
    }
    out.push(']');
}

/// A float literal that every engine reads as a float (`1.0`, never `1`, never NaN).
fn push_float(out: &mut String, x: f32) {
    let x = if x.is_finite() { x } else { 0.0 };
    let _ = write!(out, "{x:?}");
}

fn node_row(out: &mut String, kg: &KnowledgeGraph, n: NodeIndex) {
    let d = &kg.graph()[n];
    out.push_str("{id: ");
    push_string(out, &d.id);
    out.push_str(", name: ");
    push_string(out, &d.name);
    out.push_str(", qid: ");
    push_opt_string(out, d.qid.as_deref());
    out.push_str(", aliases: ");
    push_list(out, &d.aliases);
    let _ = write!(
        out,
        ", mentions: {}, documents: {}}}",
        d.mentions, d.documents
    );
}

fn edge_row(out: &mut String, kg: &KnowledgeGraph, e: EdgeIndex) {
    let g = kg.graph();
    let (s, t) = g.edge_endpoints(e).expect("edge exists");
    let d = &g[e];
    out.push_str("{source: ");
    push_string(out, &g[s].id);
    out.push_str(", target: ");
    push_string(out, &g[t].id);
    let _ = write!(
        out,
        ", origin: '{}', count: {}, confidence: ",
        d.origin, d.count
    );
    push_float(out, d.confidence);
    out.push_str(", roles: ");
    let roles: Vec<String> = d.roles.iter().cloned().collect();
    push_list(out, &roles);
    let ev = &d.evidence;
    let strings =
        |f: &dyn Fn(&EvidenceItem) -> String| -> Vec<String> { ev.iter().map(f).collect() };
    for (name, items) in [
        ("evidence_doc", strings(&|e| e.doc.clone())),
        (
            "evidence_date",
            strings(&|e| e.date.map(|d| d.to_string()).unwrap_or_default()),
        ),
        ("evidence_trigger", strings(&|e| e.trigger.clone())),
        ("evidence_rule", strings(&|e| e.rule.clone())),
        (
            "evidence_role",
            strings(&|e| e.role.clone().unwrap_or_default()),
        ),
        ("evidence_features", strings(&features_json)),
        (
            "evidence_sentence",
            strings(&|e| e.sentence.clone().unwrap_or_default()),
        ),
    ] {
        let _ = write!(out, ", {name}: ");
        push_list(out, &items);
    }
    for (name, get) in [
        (
            "evidence_start",
            (|e: &EvidenceItem| e.start) as fn(&EvidenceItem) -> usize,
        ),
        ("evidence_end", |e: &EvidenceItem| e.end),
    ] {
        let _ = write!(out, ", {name}: ");
        if ev.is_empty() {
            out.push_str("null");
        } else {
            out.push('[');
            for (i, e) in ev.iter().enumerate() {
                let _ = write!(out, "{}{}", if i > 0 { ", " } else { "" }, get(e));
            }
            out.push(']');
        }
    }
    out.push_str(", evidence_confidence: ");
    if ev.is_empty() {
        out.push_str("null");
    } else {
        out.push('[');
        for (i, e) in ev.iter().enumerate() {
            if i > 0 {
                out.push_str(", ");
            }
            push_float(out, e.confidence);
        }
        out.push(']');
    }
    out.push('}');
}

/// An evidence item's model features as JSON (`''` when it has none).
pub fn features_json(e: &EvidenceItem) -> String {
    if e.features.is_empty() {
        String::new()
    } else {
        serde_json::to_string(&e.features).expect("features serialise")
    }
}

fn unwind<T: Copy>(
    rows: &[T],
    batch: usize,
    tail: &str,
    mut row: impl FnMut(&mut String, T),
    statements: &mut Vec<String>,
) {
    for chunk in rows.chunks(batch.max(1)) {
        let mut s = String::from("UNWIND [");
        for (i, r) in chunk.iter().enumerate() {
            if i > 0 {
                s.push_str(", ");
            }
            row(&mut s, *r);
        }
        s.push_str("] AS row ");
        s.push_str(tail);
        statements.push(s);
    }
}

/// The statements of the script (without the final `;`), nodes first, in a stable order:
/// node batches by type then id, relationship batches by type then (source, target, origin).
pub fn statements(kg: &KnowledgeGraph, batch: usize) -> Vec<String> {
    let g = kg.graph();
    let mut out = Vec::new();
    let mut by_type: BTreeMap<EntityType, Vec<NodeIndex>> = BTreeMap::new();
    for n in kg.sorted_nodes() {
        by_type.entry(g[n].etype).or_default().push(n);
    }
    for (t, nodes) in &by_type {
        let tail = format!(
            "MERGE (n:Entity:{} {{id: row.id}}) SET n.name = row.name, n.type = '{}', n.qid = row.qid, \
             n.aliases = row.aliases, n.mentions = row.mentions, n.documents = row.documents",
            label(*t),
            t
        );
        unwind(nodes, batch, &tail, |s, n| node_row(s, kg, n), &mut out);
    }
    let mut by_rel: BTreeMap<RelationType, Vec<EdgeIndex>> = BTreeMap::new();
    for e in kg.sorted_edges() {
        by_rel.entry(g[e].rtype).or_default().push(e);
    }
    for (r, edges) in &by_rel {
        let tail = format!(
            "MATCH (a:Entity {{id: row.source}}) MATCH (b:Entity {{id: row.target}}) \
             MERGE (a)-[r:{} {{origin: row.origin}}]->(b) SET r.count = row.count, r.confidence = row.confidence, \
             r.roles = row.roles, r.evidence_doc = row.evidence_doc, r.evidence_date = row.evidence_date, \
             r.evidence_start = row.evidence_start, r.evidence_end = row.evidence_end, \
             r.evidence_trigger = row.evidence_trigger, r.evidence_rule = row.evidence_rule, \
             r.evidence_confidence = row.evidence_confidence, r.evidence_role = row.evidence_role, \
             r.evidence_features = row.evidence_features, r.evidence_sentence = row.evidence_sentence",
            rel_type(*r)
        );
        unwind(edges, batch, &tail, |s, e| edge_row(s, kg, e), &mut out);
    }
    out
}

/// Writes the script.
pub fn write(kg: &KnowledgeGraph, out: &mut dyn Write) -> std::io::Result<()> {
    writeln!(
        out,
        "// relgraph openCypher script: {} nodes, {} relationships.",
        kg.node_count(),
        kg.edge_count()
    )?;
    writeln!(
        out,
        "// Idempotent (MERGE on Entity.id and on (source, type, origin, target)). One statement per line."
    )?;
    writeln!(
        out,
        "// Create the index first for speed: Neo4j `CREATE INDEX entity_id IF NOT EXISTS FOR (n:Entity) ON (n.id)`,"
    )?;
    writeln!(
        out,
        "// Memgraph `CREATE INDEX ON :Entity(id)`, FalkorDB `CREATE INDEX FOR (n:Entity) ON (n.id)`."
    )?;
    for s in statements(kg, BATCH_ROWS) {
        out.write_all(s.as_bytes())?;
        out.write_all(b";\n")?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn strings_cannot_break_out() {
        let cases = [
            ("plain", "'plain'"),
            ("it's", "'it\\'s'"),
            ("say \"hi\"", "'say \"hi\"'"),
            ("back\\", "'back\\\\'"),
            ("\\'", "'\\\\\\''"),
            ("a\nb\rc\td", "'a\\nb\\rc\\td'"),
            ("nul\0", "'nul\u{FFFD}'"),
            ("'}) DETACH DELETE n //", "'\\'}) DETACH DELETE n //'"),
            ("😀 Ким", "'😀 Ким'"),
        ];
        for (raw, want) in cases {
            assert_eq!(string(raw), want, "{raw:?}");
        }
    }

    #[test]
    fn floats_always_have_a_point() {
        let mut s = String::new();
        push_float(&mut s, 1.0);
        s.push(' ');
        push_float(&mut s, 0.85);
        s.push(' ');
        push_float(&mut s, f32::NAN);
        assert_eq!(s, "1.0 0.85 0.0");
    }

    #[test]
    fn relationship_types_are_capitals() {
        assert_eq!(rel_type(RelationType::HeadOfState), "HEAD_OF_STATE");
        for r in RelationType::ALL {
            assert!(
                rel_type(*r)
                    .chars()
                    .all(|c| c.is_ascii_uppercase() || c == '_')
            );
        }
    }
}

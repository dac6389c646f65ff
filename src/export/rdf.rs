//! RDF export (N-Triples and Turtle), built with oxrdf and serialised with oxttl. The vocabulary
//! (prefix `rg:`, [`NS`]) is documented in docs/targets/rdf.md:
//!
//! * an entity's IRI is its Wikidata IRI (`http://www.wikidata.org/entity/Q423`) when its QID is
//!   known (and no entity earlier in id order has the same QID), else
//!   `https://relgraph.dev/id/` followed by its id, percent-encoded;
//! * `?e a rg:Person` (or `rg:State`, `rg:Organization`, `rg:Location`), `rg:id`, `rdfs:label`
//!   (the name), `rg:alias`, `rg:qid`, `rg:mentions`, `rg:documents`;
//! * each relation is a direct triple `?s rg:head_of_state ?t` (predicate = `rg:` + relation type),
//!   stated once even when both the text and the gazetteer support it;
//! * each edge (one per origin) is also an `rdf:Statement` (blank node `_:e0`, `_:e1`, ... in the
//!   sorted edge order) with `rdf:subject`, `rdf:predicate`, `rdf:object`, `rg:origin`,
//!   `rg:count`, `rg:confidence`, `rg:role` and the first evidence item: `rg:evidence_doc`,
//!   `rg:evidence_date`, `rg:evidence_trigger`, `rg:evidence_rule`.

use crate::graph::KnowledgeGraph;
use crate::types::EntityType;
use oxrdf::vocab::{rdf, rdfs, xsd};
use oxrdf::{BlankNode, Literal, NamedNode, NamedOrBlankNode, Term, Triple};
use std::collections::HashSet;
use std::io::Write;

/// The relgraph vocabulary namespace.
pub const NS: &str = "https://relgraph.dev/ns#";
/// Base of the IRIs of entities without a (unique) QID.
pub const ID_BASE: &str = "https://relgraph.dev/id/";
/// Wikidata's entity namespace.
pub const WIKIDATA: &str = "http://www.wikidata.org/entity/";

/// A term of the relgraph vocabulary.
pub fn rg(local: &str) -> NamedNode {
    NamedNode::new_unchecked(format!("{NS}{local}"))
}

/// The class of an entity type.
pub fn class(t: EntityType) -> NamedNode {
    rg(crate::export::cypher::label(t))
}

fn is_qid(q: &str) -> bool {
    q.len() > 1 && q.starts_with('Q') && q[1..].bytes().all(|b| b.is_ascii_digit())
}

/// The IRI of an entity id without a usable QID: unreserved characters and `:` are kept, every
/// other byte is percent-encoded.
pub fn id_iri(id: &str) -> NamedNode {
    let mut s = String::with_capacity(ID_BASE.len() + id.len());
    s.push_str(ID_BASE);
    for b in id.bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'.' | b'_' | b'~' | b':') {
            s.push(b as char);
        } else {
            s.push_str(&format!("%{b:02X}"));
        }
    }
    NamedNode::new_unchecked(s)
}

fn double(x: f32) -> Literal {
    let x = if x.is_finite() { x } else { 0.0 };
    Literal::new_typed_literal(format!("{x:?}"), xsd::DOUBLE)
}

fn triple(s: impl Into<NamedOrBlankNode>, p: impl Into<NamedNode>, o: impl Into<Term>) -> Triple {
    Triple::new(s, p, o)
}

/// Every triple of the export, in output order.
pub fn triples(kg: &KnowledgeGraph) -> Vec<Triple> {
    let g = kg.graph();
    let nodes = kg.sorted_nodes();
    // Entity IRIs.
    let mut iri = vec![None; petgraph::visit::NodeIndexable::node_bound(g)];
    let mut qids_used = HashSet::new();
    for &n in &nodes {
        let d = &g[n];
        let node = match d.qid.as_deref() {
            Some(q) if is_qid(q) && qids_used.insert(q) => {
                NamedNode::new_unchecked(format!("{WIKIDATA}{q}"))
            }
            _ => id_iri(&d.id),
        };
        iri[n.index()] = Some(node);
    }
    let iri_of = |n: petgraph::stable_graph::NodeIndex| {
        iri[n.index()].clone().expect("every node has an IRI")
    };
    let edges = kg.sorted_edges();
    let mut out = Vec::new();
    let mut next_edge = 0;
    for &n in &nodes {
        let d = &g[n];
        let s = iri_of(n);
        out.push(triple(s.clone(), rdf::TYPE, class(d.etype)));
        out.push(triple(
            s.clone(),
            rg("id"),
            Literal::new_simple_literal(&d.id),
        ));
        out.push(triple(
            s.clone(),
            rdfs::LABEL,
            Literal::new_simple_literal(&d.name),
        ));
        if let Some(q) = &d.qid {
            out.push(triple(s.clone(), rg("qid"), Literal::new_simple_literal(q)));
        }
        for a in &d.aliases {
            out.push(triple(
                s.clone(),
                rg("alias"),
                Literal::new_simple_literal(a),
            ));
        }
        out.push(triple(s.clone(), rg("mentions"), Literal::from(d.mentions)));
        out.push(triple(
            s.clone(),
            rg("documents"),
            Literal::from(d.documents),
        ));
        // Direct relation triples of this source (edges are sorted by source id first).
        let mut last: Option<(NamedNode, NamedNode)> = None;
        while let Some(&e) = edges.get(next_edge) {
            let (src, tgt) = g.edge_endpoints(e).expect("edge exists");
            if src != n {
                break;
            }
            next_edge += 1;
            let key = (rg(g[e].rtype.as_str()), iri_of(tgt));
            if last.as_ref() != Some(&key) {
                out.push(triple(s.clone(), key.0.clone(), key.1.clone()));
                last = Some(key);
            }
        }
    }
    for (i, &e) in edges.iter().enumerate() {
        let (src, tgt) = g.edge_endpoints(e).expect("edge exists");
        let d = &g[e];
        let st = BlankNode::new_unchecked(format!("e{i}"));
        out.push(triple(st.clone(), rdf::TYPE, rdf::STATEMENT));
        out.push(triple(st.clone(), rdf::SUBJECT, iri_of(src)));
        out.push(triple(st.clone(), rdf::PREDICATE, rg(d.rtype.as_str())));
        out.push(triple(st.clone(), rdf::OBJECT, iri_of(tgt)));
        out.push(triple(
            st.clone(),
            rg("origin"),
            Literal::new_simple_literal(d.origin.as_str()),
        ));
        out.push(triple(st.clone(), rg("count"), Literal::from(d.count)));
        out.push(triple(st.clone(), rg("confidence"), double(d.confidence)));
        for r in &d.roles {
            out.push(triple(
                st.clone(),
                rg("role"),
                Literal::new_simple_literal(r),
            ));
        }
        if let Some(ev) = d.evidence.first() {
            out.push(triple(
                st.clone(),
                rg("evidence_doc"),
                Literal::new_simple_literal(&ev.doc),
            ));
            if let Some(date) = ev.date {
                out.push(triple(
                    st.clone(),
                    rg("evidence_date"),
                    Literal::new_simple_literal(date.to_string()),
                ));
            }
            out.push(triple(
                st.clone(),
                rg("evidence_trigger"),
                Literal::new_simple_literal(&ev.trigger),
            ));
            out.push(triple(
                st.clone(),
                rg("evidence_rule"),
                Literal::new_simple_literal(&ev.rule),
            ));
        }
    }
    out
}

/// Writes N-Triples.
pub fn write_ntriples(kg: &KnowledgeGraph, out: &mut dyn Write) -> std::io::Result<()> {
    let mut w = oxttl::NTriplesSerializer::new().for_writer(out);
    for t in triples(kg) {
        w.serialize_triple(&t)?;
    }
    w.finish();
    Ok(())
}

/// Writes Turtle with the prefixes `rg:`, `wd:`, `rdf:`, `rdfs:` and `xsd:`.
pub fn write_turtle(kg: &KnowledgeGraph, out: &mut dyn Write) -> std::io::Result<()> {
    let bad = |e: oxrdf::IriParseError| std::io::Error::other(e.to_string());
    let mut w = oxttl::TurtleSerializer::new()
        .with_prefix("rg", NS)
        .map_err(bad)?
        .with_prefix("wd", WIKIDATA)
        .map_err(bad)?
        .with_prefix("rdf", "http://www.w3.org/1999/02/22-rdf-syntax-ns#")
        .map_err(bad)?
        .with_prefix("rdfs", "http://www.w3.org/2000/01/rdf-schema#")
        .map_err(bad)?
        .with_prefix("xsd", "http://www.w3.org/2001/XMLSchema#")
        .map_err(bad)?
        .for_writer(out);
    for t in triples(kg) {
        w.serialize_triple(&t)?;
    }
    w.finish()?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn id_iris_are_valid_and_distinct() {
        let ids = [
            "person:kim-jong-un",
            "loc:a b",
            "org:\"<x>\"",
            "x:é😀",
            "x:%41",
            "x:A",
        ];
        let iris: Vec<NamedNode> = ids.iter().map(|i| id_iri(i)).collect();
        for i in &iris {
            NamedNode::new(i.as_str()).expect("valid IRI");
        }
        assert_eq!(
            iris[0].as_str(),
            "https://relgraph.dev/id/person:kim-jong-un"
        );
        assert_eq!(iris[1].as_str(), "https://relgraph.dev/id/loc:a%20b");
        let distinct: HashSet<&str> = iris.iter().map(NamedNode::as_str).collect();
        assert_eq!(distinct.len(), ids.len());
    }

    #[test]
    fn qids() {
        assert!(is_qid("Q423"));
        assert!(!is_qid("Q"));
        assert!(!is_qid("Q42x"));
        assert!(!is_qid("P31"));
    }
}

//! RDF export (N-Triples, Turtle and JSON-LD), built with oxrdf and serialised with oxttl and
//! oxjsonld. docs/targets/rdf.md documents the model; its vocabulary (prefix `rg:`, [`NS`]) is
//! declared by [`vocabulary`], which every export includes and docs/vocabulary.ttl holds:
//!
//! * an entity's IRI is the base IRI (`--base-iri`, default [`ID_BASE`]) followed by its id,
//!   percent-encoded; an entity with a Wikidata QID is `owl:sameAs` its Wikidata IRI, so local
//!   statistics stay on the local resource and the link to Wikidata is explicit;
//! * `?e a rg:Person` (or `rg:State`, `rg:Organization`, `rg:Location`, subclasses of
//!   `rg:Entity`), `rg:id`, `rdfs:label` (the name), `rg:alias`, `rg:qid`, `rg:mentions`,
//!   `rg:documents`;
//! * each relation is a direct triple `?s rg:head_of_state ?t` (predicate = `rg:` + relation type),
//!   stated once even when both the text and the gazetteer support it; symmetric relations are
//!   `owl:SymmetricProperty` and stored once (from the smaller id);
//! * each edge (one per origin) is also an `rdf:Statement` (blank node `_:e0`, `_:e1`, ... in the
//!   sorted edge order) with `rdf:subject`, `rdf:predicate`, `rdf:object`, `rg:origin`,
//!   `rg:count`, `rg:confidence`, `rg:role`, and `rg:evidence` for every evidence item kept in the
//!   graph: an `rg:Evidence` (`_:e0v0`, ...) with `rg:doc`, `rg:date`, `rg:start`, `rg:end`,
//!   `rg:trigger`, `rg:rule`, `rg:confidence`, `rg:role`, `rg:features` (the relation model's
//!   reasons, JSON) and `rg:sentence` (its text, when the graph keeps it).

use crate::graph::KnowledgeGraph;
use crate::types::{EntityType, RelationType};
use oxrdf::vocab::{rdf, rdfs, xsd};
use oxrdf::{BlankNode, GraphNameRef, Literal, NamedNode, NamedOrBlankNode, Term, Triple};
use std::io::Write;

/// The relgraph vocabulary namespace.
pub const NS: &str = "https://relgraph.dev/ns#";
/// The vocabulary's own IRI (the `owl:Ontology`).
pub const ONTOLOGY: &str = "https://relgraph.dev/ns";
/// Default base of entity IRIs (`--base-iri`).
pub const ID_BASE: &str = "https://relgraph.dev/id/";
/// Wikidata's entity namespace.
pub const WIKIDATA: &str = "http://www.wikidata.org/entity/";
/// The OWL namespace.
pub const OWL: &str = "http://www.w3.org/2002/07/owl#";

/// Options of the RDF exports.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RdfOptions {
    /// Entity IRIs are this followed by the percent-encoded entity id.
    pub base_iri: String,
}

impl Default for RdfOptions {
    fn default() -> Self {
        RdfOptions {
            base_iri: ID_BASE.to_string(),
        }
    }
}

impl RdfOptions {
    /// Options with `base` as the base of entity IRIs, which must make valid absolute IRIs.
    pub fn with_base_iri(base: &str) -> Result<RdfOptions, String> {
        NamedNode::new(format!("{base}x"))
            .map_err(|e| format!("--base-iri {base:?} is not an absolute IRI: {e}"))?;
        Ok(RdfOptions {
            base_iri: base.to_string(),
        })
    }
}

/// A term of the relgraph vocabulary.
pub fn rg(local: &str) -> NamedNode {
    NamedNode::new_unchecked(format!("{NS}{local}"))
}

fn owl(local: &str) -> NamedNode {
    NamedNode::new_unchecked(format!("{OWL}{local}"))
}

/// The class of an entity type.
pub fn class(t: EntityType) -> NamedNode {
    rg(crate::export::cypher::label(t))
}

fn is_qid(q: &str) -> bool {
    q.len() > 1 && q.starts_with('Q') && q[1..].bytes().all(|b| b.is_ascii_digit())
}

/// The IRI of an entity id under `base`: unreserved characters and `:` are kept, every other
/// byte is percent-encoded.
pub fn entity_iri(base: &str, id: &str) -> NamedNode {
    let mut s = String::with_capacity(base.len() + id.len());
    s.push_str(base);
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

fn text(s: &str) -> Literal {
    Literal::new_simple_literal(s)
}

fn triple(s: impl Into<NamedOrBlankNode>, p: impl Into<NamedNode>, o: impl Into<Term>) -> Triple {
    Triple::new(s, p, o)
}

/// The class a relation end must be: its type's class when the signature allows one type,
/// else `rg:Entity`.
fn end_class(types: crate::types::TypeSet) -> NamedNode {
    let mut it = types.iter();
    match (it.next(), it.next()) {
        (Some(t), None) => class(t),
        _ => rg("Entity"),
    }
}

/// The vocabulary: the ontology, its classes and its properties with labels, comments, domains
/// and ranges; symmetric relations declared `owl:SymmetricProperty`. docs/vocabulary.ttl is
/// this, in Turtle (a test keeps them equal).
pub fn vocabulary() -> Vec<Triple> {
    let mut out = Vec::new();
    let ont = NamedNode::new_unchecked(ONTOLOGY);
    out.push(triple(ont.clone(), rdf::TYPE, owl("Ontology")));
    out.push(triple(
        ont.clone(),
        rdfs::LABEL,
        text("relgraph vocabulary"),
    ));
    out.push(triple(
        ont,
        rdfs::COMMENT,
        text("Entities, typed relations and their evidence, as relgraph extracts them from text (docs/relations.md)."),
    ));
    let class_decl = |out: &mut Vec<Triple>, c: NamedNode, label: &str, comment: &str| {
        // Declared for RDFS and for OWL readers alike.
        out.push(triple(c.clone(), rdf::TYPE, rdfs::CLASS));
        out.push(triple(c.clone(), rdf::TYPE, owl("Class")));
        out.push(triple(c.clone(), rdfs::LABEL, text(label)));
        out.push(triple(c, rdfs::COMMENT, text(comment)));
    };
    class_decl(
        &mut out,
        rg("Entity"),
        "entity",
        "A person, state, organization or location.",
    );
    for t in EntityType::ALL {
        let c = class(*t);
        class_decl(
            &mut out,
            c.clone(),
            t.as_str(),
            &format!("An entity of type {t}."),
        );
        out.push(triple(c, rdfs::SUB_CLASS_OF, rg("Entity")));
    }
    class_decl(
        &mut out,
        rg("Evidence"),
        "evidence",
        "One place in a document that supports an edge: the sentence, trigger, rule and confidence.",
    );
    for r in RelationType::ALL {
        let p = rg(r.as_str());
        out.push(triple(p.clone(), rdf::TYPE, rdf::PROPERTY));
        out.push(triple(p.clone(), rdf::TYPE, owl("ObjectProperty")));
        if r.is_symmetric() {
            out.push(triple(p.clone(), rdf::TYPE, owl("SymmetricProperty")));
        }
        out.push(triple(
            p.clone(),
            rdfs::LABEL,
            text(&r.as_str().replace('_', " ")),
        ));
        out.push(triple(p.clone(), rdfs::COMMENT, text(r.meaning())));
        let (s, t) = r.signature();
        out.push(triple(p.clone(), rdfs::DOMAIN, end_class(s)));
        out.push(triple(p, rdfs::RANGE, end_class(t)));
    }
    let entity = Some(rg("Entity"));
    let statement = Some(NamedNode::from(rdf::STATEMENT));
    let evidence = Some(rg("Evidence"));
    let string = NamedNode::from(xsd::STRING);
    let integer = NamedNode::from(xsd::INTEGER);
    let dbl = NamedNode::from(xsd::DOUBLE);
    let data: [(&str, Option<NamedNode>, NamedNode, &str); 18] = [
        (
            "id",
            entity.clone(),
            string.clone(),
            "The relgraph entity id (state:KP).",
        ),
        (
            "qid",
            entity.clone(),
            string.clone(),
            "The Wikidata QID, when known.",
        ),
        (
            "alias",
            entity.clone(),
            string.clone(),
            "Another name of the entity.",
        ),
        (
            "mentions",
            entity.clone(),
            integer.clone(),
            "Mentions over all documents.",
        ),
        (
            "documents",
            entity,
            integer.clone(),
            "Documents that mention the entity.",
        ),
        (
            "origin",
            statement.clone(),
            string.clone(),
            "text or gazetteer: where the edge comes from.",
        ),
        (
            "count",
            statement.clone(),
            integer.clone(),
            "Evidence items seen for the edge.",
        ),
        (
            "confidence",
            None,
            dbl,
            "Confidence, 0 to 1 (an edge's: its highest evidence confidence).",
        ),
        (
            "role",
            None,
            string.clone(),
            "A role title the evidence gives (president, foreign minister).",
        ),
        ("doc", evidence.clone(), string.clone(), "The document id."),
        (
            "date",
            evidence.clone(),
            string.clone(),
            "The document date (YYYY, YYYY-MM or YYYY-MM-DD).",
        ),
        (
            "start",
            evidence.clone(),
            integer.clone(),
            "Start of the sentence, in characters.",
        ),
        (
            "end",
            evidence.clone(),
            integer,
            "End of the sentence, in characters (exclusive).",
        ),
        (
            "trigger",
            evidence.clone(),
            string.clone(),
            "The words that triggered the rule.",
        ),
        (
            "rule",
            evidence.clone(),
            string.clone(),
            "The rule id, model:<type> or gazetteer.<type>.",
        ),
        (
            "features",
            evidence.clone(),
            string.clone(),
            "For a model edge: the relation model's heaviest features, as JSON.",
        ),
        (
            "sentence",
            evidence,
            string,
            "The text of the sentence, when the graph keeps it.",
        ),
        (
            "evidence",
            statement,
            rg("Evidence"),
            "An evidence item of the edge.",
        ),
    ];
    for (name, domain, range, comment) in data {
        let p = rg(name);
        let kind = if name == "evidence" {
            "ObjectProperty"
        } else {
            "DatatypeProperty"
        };
        out.push(triple(p.clone(), rdf::TYPE, rdf::PROPERTY));
        out.push(triple(p.clone(), rdf::TYPE, owl(kind)));
        out.push(triple(p.clone(), rdfs::LABEL, text(name)));
        out.push(triple(p.clone(), rdfs::COMMENT, text(comment)));
        if let Some(d) = domain {
            out.push(triple(p.clone(), rdfs::DOMAIN, d));
        }
        out.push(triple(p, rdfs::RANGE, range));
    }
    out
}

/// Every triple of the export, in output order: the vocabulary, then the entities (each with its
/// direct relation triples), then the edges' statements and evidence.
pub fn triples(kg: &KnowledgeGraph, opts: &RdfOptions) -> Vec<Triple> {
    let g = kg.graph();
    let nodes = kg.sorted_nodes();
    let iri_of = |n: petgraph::stable_graph::NodeIndex| entity_iri(&opts.base_iri, &g[n].id);
    let edges = kg.sorted_edges();
    let mut out = vocabulary();
    let mut next_edge = 0;
    for &n in &nodes {
        let d = &g[n];
        let s = iri_of(n);
        out.push(triple(s.clone(), rdf::TYPE, class(d.etype)));
        out.push(triple(s.clone(), rg("id"), text(&d.id)));
        out.push(triple(s.clone(), rdfs::LABEL, text(&d.name)));
        if let Some(q) = &d.qid {
            out.push(triple(s.clone(), rg("qid"), text(q)));
            if is_qid(q) {
                out.push(triple(
                    s.clone(),
                    owl("sameAs"),
                    NamedNode::new_unchecked(format!("{WIKIDATA}{q}")),
                ));
            }
        }
        for a in &d.aliases {
            out.push(triple(s.clone(), rg("alias"), text(a)));
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
        out.push(triple(st.clone(), rg("origin"), text(d.origin.as_str())));
        out.push(triple(st.clone(), rg("count"), Literal::from(d.count)));
        out.push(triple(st.clone(), rg("confidence"), double(d.confidence)));
        for r in &d.roles {
            out.push(triple(st.clone(), rg("role"), text(r)));
        }
        for (k, ev) in d.evidence.iter().enumerate() {
            let item = BlankNode::new_unchecked(format!("e{i}v{k}"));
            out.push(triple(st.clone(), rg("evidence"), item.clone()));
            out.push(triple(item.clone(), rdf::TYPE, rg("Evidence")));
            out.push(triple(item.clone(), rg("doc"), text(&ev.doc)));
            if let Some(date) = ev.date {
                out.push(triple(item.clone(), rg("date"), text(&date.to_string())));
            }
            out.push(triple(
                item.clone(),
                rg("start"),
                Literal::from(ev.start as u64),
            ));
            out.push(triple(
                item.clone(),
                rg("end"),
                Literal::from(ev.end as u64),
            ));
            out.push(triple(item.clone(), rg("trigger"), text(&ev.trigger)));
            out.push(triple(item.clone(), rg("rule"), text(&ev.rule)));
            out.push(triple(
                item.clone(),
                rg("confidence"),
                double(ev.confidence),
            ));
            if let Some(r) = &ev.role {
                out.push(triple(item.clone(), rg("role"), text(r)));
            }
            if !ev.features.is_empty() {
                out.push(triple(
                    item.clone(),
                    rg("features"),
                    text(&crate::export::cypher::features_json(ev)),
                ));
            }
            if let Some(sentence) = &ev.sentence {
                out.push(triple(item, rg("sentence"), text(sentence)));
            }
        }
    }
    out
}

/// The prefixes of Turtle and JSON-LD output.
pub const PREFIXES: [(&str, &str); 6] = [
    ("rg", NS),
    ("wd", WIKIDATA),
    ("owl", OWL),
    ("rdf", "http://www.w3.org/1999/02/22-rdf-syntax-ns#"),
    ("rdfs", "http://www.w3.org/2000/01/rdf-schema#"),
    ("xsd", "http://www.w3.org/2001/XMLSchema#"),
];

fn bad_prefix(e: oxrdf::IriParseError) -> std::io::Error {
    std::io::Error::other(e.to_string())
}

/// Writes the vocabulary alone, in Turtle, with a comment saying what it is: the content of
/// docs/vocabulary.ttl.
pub fn write_vocabulary(out: &mut dyn Write) -> std::io::Result<()> {
    out.write_all(
        b"# The relgraph RDF vocabulary (docs/targets/rdf.md). Every RDF export of relgraph\n\
          # (-f ntriples, turtle, jsonld) includes these triples. Generated from src/export/rdf.rs\n\
          # (`vocabulary`); tests/export_roundtrip.rs checks that this file is what it generates.\n\n",
    )?;
    write_turtle_triples(&vocabulary(), out)
}

/// Writes N-Triples.
pub fn write_ntriples(
    kg: &KnowledgeGraph,
    opts: &RdfOptions,
    out: &mut dyn Write,
) -> std::io::Result<()> {
    let mut w = oxttl::NTriplesSerializer::new().for_writer(out);
    for t in triples(kg, opts) {
        w.serialize_triple(&t)?;
    }
    w.finish();
    Ok(())
}

/// Turtle for any triples, with [`PREFIXES`].
pub fn write_turtle_triples(triples: &[Triple], out: &mut dyn Write) -> std::io::Result<()> {
    let mut s = oxttl::TurtleSerializer::new();
    for (p, iri) in PREFIXES {
        s = s.with_prefix(p, iri).map_err(bad_prefix)?;
    }
    let mut w = s.for_writer(out);
    for t in triples {
        w.serialize_triple(t)?;
    }
    w.finish()?;
    Ok(())
}

/// Writes Turtle with [`PREFIXES`].
pub fn write_turtle(
    kg: &KnowledgeGraph,
    opts: &RdfOptions,
    out: &mut dyn Write,
) -> std::io::Result<()> {
    write_turtle_triples(&triples(kg, opts), out)
}

/// Writes JSON-LD (streaming JSON-LD, oxjsonld), with [`PREFIXES`] as its `@context`.
pub fn write_jsonld(
    kg: &KnowledgeGraph,
    opts: &RdfOptions,
    out: &mut dyn Write,
) -> std::io::Result<()> {
    let mut s = oxjsonld::JsonLdSerializer::new();
    for (p, iri) in PREFIXES {
        s = s.with_prefix(p, iri).map_err(bad_prefix)?;
    }
    let mut w = s.for_writer(out);
    for t in triples(kg, opts) {
        w.serialize_quad(t.as_ref().in_graph(GraphNameRef::DefaultGraph))?;
    }
    w.finish()?.write_all(b"\n")
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
        let iris: Vec<NamedNode> = ids.iter().map(|i| entity_iri(ID_BASE, i)).collect();
        for i in &iris {
            NamedNode::new(i.as_str()).expect("valid IRI");
        }
        assert_eq!(
            iris[0].as_str(),
            "https://relgraph.dev/id/person:kim-jong-un"
        );
        assert_eq!(iris[1].as_str(), "https://relgraph.dev/id/loc:a%20b");
        let distinct: std::collections::HashSet<&str> =
            iris.iter().map(NamedNode::as_str).collect();
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

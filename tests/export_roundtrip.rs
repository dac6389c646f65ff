//! Every export read back (in process, no external tool): the names, ids, counts and attributes
//! that went in come back out, for the bundled examples and for hostile names. RDF is loaded
//! into Oxigraph (in memory) and queried with SPARQL.

#[path = "engines/common.rs"]
mod common;

use common::{
    DIRECT_ORG, DIRECT_PERSON, DIRECT_STATE, edge_keys, examples_built, graphs, hostile_direct,
};
use graphviz_rust::dot_structures::Stmt;
use oxigraph::io::RdfFormat;
use oxigraph::model::Term;
use oxigraph::sparql::{QueryResults, SparqlEvaluator};
use oxigraph::store::Store;
use quick_xml::events::Event;
use relgraph::export::dot::DotOptions;
use relgraph::export::{ExportOptions, GraphFormat, cypher, graphml, neo4j_csv, rdf};
use relgraph::graph::KnowledgeGraph;
use std::collections::{BTreeMap, BTreeSet};

fn bytes(kg: &KnowledgeGraph, f: GraphFormat) -> Vec<u8> {
    let mut buf = Vec::new();
    f.write(kg, &mut buf).unwrap();
    buf
}

fn text(kg: &KnowledgeGraph, f: GraphFormat) -> String {
    String::from_utf8(bytes(kg, f)).unwrap()
}

fn names(kg: &KnowledgeGraph) -> BTreeMap<String, String> {
    let g = kg.graph();
    g.node_weights()
        .map(|d| (d.id.clone(), d.name.clone()))
        .collect()
}

const STREAM_FORMATS: [GraphFormat; 9] = [
    GraphFormat::Json,
    GraphFormat::Dot,
    GraphFormat::Cypher,
    GraphFormat::Graphml,
    GraphFormat::Gexf,
    GraphFormat::Cytoscape,
    GraphFormat::Ntriples,
    GraphFormat::Turtle,
    GraphFormat::Jsonld,
];

const FOLDER_FORMATS: [GraphFormat; 3] =
    [GraphFormat::Neo4jCsv, GraphFormat::Csv, GraphFormat::Kuzu];

/// Every file of a folder format, by name.
fn folder(kg: &KnowledgeGraph, f: GraphFormat) -> Vec<(&'static str, Vec<u8>)> {
    let dir = tempfile::tempdir().unwrap();
    f.save(kg, &ExportOptions::default(), Some(dir.path()))
        .unwrap();
    f.folder_files()
        .iter()
        .map(|(name, _)| (*name, std::fs::read(dir.path().join(name)).unwrap()))
        .collect()
}

#[test]
fn json_round_trips() {
    for (name, kg) in graphs() {
        let wire = kg.to_wire();
        let back = KnowledgeGraph::from_wire(
            serde_json::from_slice(&bytes(&kg, GraphFormat::Json)).unwrap(),
            name,
        )
        .unwrap();
        assert_eq!(back.to_wire(), wire, "{name}");
    }
}

#[test]
fn every_format_is_deterministic() {
    for (name, kg) in graphs() {
        // A graph rebuilt from its wire form has other node indices: same bytes all the same.
        let rebuilt = KnowledgeGraph::from_wire(kg.to_wire(), name).unwrap();
        for f in STREAM_FORMATS {
            assert_eq!(bytes(&kg, f), bytes(&rebuilt, f), "{name} {f:?}");
        }
        for f in FOLDER_FORMATS {
            assert_eq!(folder(&kg, f), folder(&rebuilt, f), "{name} {f:?}");
        }
    }
}

#[test]
fn folder_formats_can_only_write_a_folder() {
    let kg = hostile_direct();
    for f in FOLDER_FORMATS {
        assert!(f.write(&kg, &mut Vec::new()).is_err(), "{f:?}");
        assert!(
            f.save(&kg, &ExportOptions::default(), None).is_err(),
            "{f:?}"
        );
    }
}

/// The plain CSV folder keeps every entity (isolated ones too), every edge and every evidence
/// item, each evidence row naming its edge.
#[test]
fn csv_folder_reads_back() {
    for (name, kg) in graphs() {
        let files: std::collections::HashMap<_, _> =
            folder(&kg, GraphFormat::Csv).into_iter().collect();
        let read = |file: &str, header: &[&str]| -> Vec<csv::StringRecord> {
            let mut r = csv::Reader::from_reader(files[file].as_slice());
            assert_eq!(r.headers().unwrap().iter().collect::<Vec<_>>(), header);
            r.records().map(Result::unwrap).collect()
        };
        use relgraph::export::csv as c;
        let nodes = read(c::NODES_FILE, &c::NODE_HEADER);
        let unsafe_cell = |s: &str| relgraph::export::csv::spreadsheet_safe(s).into_owned();
        let mut want: Vec<(String, String)> = kg
            .graph()
            .node_weights()
            .map(|d| (unsafe_cell(&d.id), unsafe_cell(&d.name)))
            .collect();
        want.sort();
        let mut got: Vec<(String, String)> = nodes
            .iter()
            .map(|r| (r[0].to_string(), r[1].to_string()))
            .collect();
        got.sort();
        assert_eq!(got, want, "{name}: nodes");
        let names = names(&kg);
        let edges = read(c::EDGES_FILE, &c::EDGE_HEADER);
        let mut keys = Vec::new();
        for (i, row) in edges.iter().enumerate() {
            assert_eq!(row[0], i.to_string(), "{name}: edge id");
            if !row[1].starts_with('\'') {
                assert_eq!(names[&row[1]], &row[2], "{name}: source name");
            }
            if !row[5].starts_with('\'') {
                assert_eq!(names[&row[5]], &row[6], "{name}: target name");
            }
            keys.push((
                row[1].trim_start_matches('\'').to_string(),
                row[5].trim_start_matches('\'').to_string(),
                row[4].to_string(),
                row[8].to_string(),
            ));
        }
        let mut want_keys = edge_keys(&kg);
        for k in &mut want_keys {
            k.0 = k.0.trim_start_matches('\'').to_string();
            k.1 = k.1.trim_start_matches('\'').to_string();
        }
        assert_eq!(keys, want_keys, "{name}");
        let evidence = read(c::EVIDENCE_FILE, &c::EVIDENCE_HEADER);
        let g = kg.graph();
        let per_edge: Vec<usize> = kg
            .sorted_edges()
            .into_iter()
            .map(|e| g[e].evidence.len())
            .collect();
        assert_eq!(evidence.len(), per_edge.iter().sum::<usize>(), "{name}");
        let mut counted = vec![0; per_edge.len()];
        for row in &evidence {
            counted[row[0].parse::<usize>().unwrap()] += 1;
        }
        assert_eq!(counted, per_edge, "{name}: evidence per edge");
    }
}

/// `s` as an XML export writes it: characters XML cannot carry become U+FFFD.
fn xml_safe(s: &str) -> String {
    s.chars()
        .map(|c| {
            if graphml::allowed_in_xml(c) {
                c
            } else {
                '\u{FFFD}'
            }
        })
        .collect()
}

/// A parsed GraphML document: keys, nodes and edges with their data by attribute name.
#[derive(Default)]
struct GraphMl {
    keys: BTreeMap<String, (String, String, String)>,
    nodes: BTreeMap<String, BTreeMap<String, String>>,
    edges: Vec<(String, String, BTreeMap<String, String>)>,
}

fn parse_graphml(xml: &str) -> GraphMl {
    let mut r = quick_xml::Reader::from_str(xml);
    let mut doc = GraphMl::default();
    let mut current: Option<BTreeMap<String, String>> = None;
    let mut node_id = None;
    let mut edge_ends = None;
    let mut data_key: Option<String> = None;
    let mut data_text = String::new();
    let attr = |e: &quick_xml::events::BytesStart, k: &str| -> Option<String> {
        e.try_get_attribute(k).unwrap().map(|a| {
            a.normalized_value(quick_xml::XmlVersion::Explicit1_0)
                .unwrap()
                .into_owned()
        })
    };
    loop {
        match r.read_event().unwrap() {
            Event::Eof => break,
            Event::Empty(e) if e.name().as_ref() == "key" => {
                doc.keys.insert(
                    attr(&e, "id").unwrap(),
                    (
                        attr(&e, "for").unwrap(),
                        attr(&e, "attr.name").unwrap(),
                        attr(&e, "attr.type").unwrap(),
                    ),
                );
            }
            Event::Start(e) => match e.name().as_ref() {
                "node" => {
                    node_id = attr(&e, "id");
                    current = Some(BTreeMap::new());
                }
                "edge" => {
                    edge_ends = Some((attr(&e, "source").unwrap(), attr(&e, "target").unwrap()));
                    current = Some(BTreeMap::new());
                }
                "data" => {
                    data_key = attr(&e, "key");
                    data_text.clear();
                }
                _ => {}
            },
            Event::Text(t) if data_key.is_some() => data_text.push_str(&t.xml10_content()),
            Event::GeneralRef(r) if data_key.is_some() => {
                let entity = format!("&{};", &*r);
                data_text.push_str(&quick_xml::escape::unescape(&entity).unwrap());
            }
            Event::End(e) => match e.name().as_ref() {
                "data" => {
                    let key = data_key.take().unwrap();
                    let attr_name = doc.keys[&key].1.clone();
                    current
                        .as_mut()
                        .unwrap()
                        .insert(attr_name, std::mem::take(&mut data_text));
                }
                "node" => {
                    doc.nodes
                        .insert(node_id.take().unwrap(), current.take().unwrap());
                }
                "edge" => {
                    let (s, t) = edge_ends.take().unwrap();
                    doc.edges.push((s, t, current.take().unwrap()));
                }
                _ => {}
            },
            _ => {}
        }
    }
    doc
}

#[test]
fn graphml_reads_back_with_typed_keys() {
    for (name, kg) in graphs() {
        let doc = parse_graphml(&text(&kg, GraphFormat::Graphml));
        let want: BTreeMap<String, (String, String, String)> = graphml::KEYS
            .iter()
            .map(|(id, f, n, t)| {
                (
                    id.to_string(),
                    (f.to_string(), n.to_string(), t.to_string()),
                )
            })
            .collect();
        assert_eq!(doc.keys, want);
        let g = kg.graph();
        assert_eq!(doc.nodes.len(), kg.node_count(), "{name}");
        for (id, data) in &doc.nodes {
            let d = &g[kg
                .node_index(id)
                .unwrap_or_else(|| panic!("{name}: unknown id {id:?}"))];
            assert_eq!(data["name"], d.name, "{name}");
            assert_eq!(data["label"], d.name, "{name}");
            assert_eq!(data["type"], d.etype.as_str(), "{name}");
            assert_eq!(data.get("qid"), d.qid.as_ref(), "{name}");
            assert_eq!(data["mentions"], d.mentions.to_string(), "{name}");
        }
        let keys: Vec<_> = doc
            .edges
            .iter()
            .map(|(s, t, d)| (s.clone(), t.clone(), d["type"].clone(), d["origin"].clone()))
            .collect();
        assert_eq!(keys, edge_keys(&kg), "{name}");
        for ((_, _, data), e) in doc.edges.iter().zip(kg.sorted_edges()) {
            let d = &g[e];
            assert_eq!(data["count"], d.count.to_string(), "{name}");
            assert_eq!(
                data["confidence"].parse::<f32>().unwrap(),
                d.confidence,
                "{name}"
            );
            assert_eq!(
                data.get("evidence_trigger"),
                d.evidence.first().map(|e| &e.trigger),
                "{name}"
            );
            // Every evidence item, as JSON (characters XML cannot carry become U+FFFD).
            let want = (!d.evidence.is_empty())
                .then(|| xml_safe(&serde_json::to_string(&d.evidence).unwrap()));
            assert_eq!(data.get("evidence"), want.as_ref(), "{name}: evidence");
        }
        for (id, data) in &doc.nodes {
            let d = &g[kg.node_index(id).unwrap()];
            let want = (!d.aliases.is_empty())
                .then(|| serde_json::from_str::<Vec<String>>(&data["aliases"]).unwrap());
            if let Some(want) = want {
                let aliases: Vec<String> = d.aliases.iter().map(|a| xml_safe(a)).collect();
                assert_eq!(want, aliases, "{name}: aliases of {id}");
            } else {
                assert!(data.get("aliases").is_none(), "{name}");
            }
        }
    }
}

/// GEXF: every node with its label and type, every edge with its type, origin, weight and
/// every evidence item, whatever the names hold.
#[test]
fn gexf_reads_back_with_every_evidence_item() {
    for (name, kg) in graphs() {
        let xml = text(&kg, GraphFormat::Gexf);
        let mut r = quick_xml::Reader::from_str(&xml);
        let attr = |e: &quick_xml::events::BytesStart, k: &str| -> Option<String> {
            e.try_get_attribute(k).unwrap().map(|a| {
                a.normalized_value(quick_xml::XmlVersion::Explicit1_0)
                    .unwrap()
                    .into_owned()
            })
        };
        let (mut nodes, mut edges) = (Vec::new(), Vec::new());
        let mut in_edge = false;
        let mut values: BTreeMap<String, String> = BTreeMap::new();
        let mut current: Vec<String> = Vec::new();
        loop {
            match r.read_event().unwrap() {
                Event::Eof => break,
                Event::Start(e) if e.name().as_ref() == "node" => {
                    current = vec![attr(&e, "id").unwrap(), attr(&e, "label").unwrap()];
                    values.clear();
                }
                Event::Start(e) if e.name().as_ref() == "edge" => {
                    in_edge = true;
                    current = ["source", "target", "label", "weight"]
                        .iter()
                        .map(|k| attr(&e, k).unwrap())
                        .collect();
                    values.clear();
                }
                Event::Empty(e) if e.name().as_ref() == "attvalue" => {
                    values.insert(attr(&e, "for").unwrap(), attr(&e, "value").unwrap());
                }
                Event::End(e) if e.name().as_ref() == "node" => {
                    nodes.push((current.clone(), values.clone()));
                }
                Event::End(e) if e.name().as_ref() == "edge" => {
                    edges.push((current.clone(), values.clone()));
                    in_edge = false;
                }
                _ => {}
            }
        }
        assert!(!in_edge);
        let g = kg.graph();
        assert_eq!(nodes.len(), kg.node_count(), "{name}");
        for ((ids, values), n) in nodes.iter().zip(kg.sorted_nodes()) {
            let d = &g[n];
            assert_eq!(ids[0], xml_safe(&d.id), "{name}");
            assert_eq!(ids[1], xml_safe(&d.name), "{name}");
            assert_eq!(values["0"], d.etype.as_str(), "{name}");
        }
        assert_eq!(edges.len(), kg.edge_count(), "{name}");
        for ((ends, values), e) in edges.iter().zip(kg.sorted_edges()) {
            let d = &g[e];
            assert_eq!(ends[2], d.rtype.as_str(), "{name}");
            assert_eq!(ends[3], d.count.to_string(), "{name}");
            assert_eq!(values["1"], d.origin.as_str(), "{name}");
            let items = values.get("5").map_or(0, |v| {
                serde_json::from_str::<Vec<serde_json::Value>>(v)
                    .unwrap()
                    .len()
            });
            assert_eq!(items, d.evidence.len(), "{name}: evidence items");
        }
    }
}

/// Splits a Cypher statement into its string literals (decoded) and the text around them, with
/// each literal replaced by `?`.
fn cypher_literals(stmt: &str) -> (Vec<String>, String) {
    let mut literals = Vec::new();
    let mut skeleton = String::new();
    let mut chars = stmt.chars();
    while let Some(c) = chars.next() {
        if c != '\'' {
            skeleton.push(c);
            continue;
        }
        let mut lit = String::new();
        loop {
            match chars.next().expect("unterminated literal") {
                '\'' => break,
                '\\' => lit.push(match chars.next().expect("dangling escape") {
                    'n' => '\n',
                    'r' => '\r',
                    't' => '\t',
                    'b' => '\u{8}',
                    'f' => '\u{c}',
                    c @ ('\\' | '\'' | '"') => c,
                    c => panic!("unknown escape \\{c}"),
                }),
                c => lit.push(c),
            }
        }
        literals.push(lit);
        skeleton.push('?');
    }
    (literals, skeleton)
}

#[test]
fn cypher_literals_hold_every_name_and_nothing_breaks_out() {
    for (name, kg) in graphs() {
        let script = text(&kg, GraphFormat::Cypher);
        assert!(script.ends_with(";\n"));
        let mut literals = BTreeSet::new();
        let mut statements = 0;
        for line in script.lines() {
            if line.starts_with("//") {
                continue;
            }
            statements += 1;
            assert!(
                line.starts_with("UNWIND [{") && line.ends_with(';'),
                "{name}: {line:.80}"
            );
            let (lits, skeleton) = cypher_literals(line);
            // Outside the literals only the statement's own syntax remains: no piece of a name.
            assert!(
                skeleton.chars().all(|c| c.is_ascii_graphic() || c == ' '),
                "{name}: text outside literals: {skeleton:.200}"
            );
            assert!(
                !skeleton.contains("//") && !skeleton.contains("--"),
                "{name}: {skeleton:.200}"
            );
            literals.extend(lits);
        }
        assert!(statements >= 2, "{name}");
        for d in kg.graph().node_weights() {
            assert!(literals.contains(&d.id), "{name}: id {:?}", d.id);
            assert!(literals.contains(&d.name), "{name}: name {:.40?}", d.name);
        }
    }
}

fn store(kg: &KnowledgeGraph, format: GraphFormat) -> Store {
    let store = Store::new().unwrap();
    let rdf_format = match format {
        GraphFormat::Ntriples => RdfFormat::NTriples,
        GraphFormat::Turtle => RdfFormat::Turtle,
        GraphFormat::Jsonld => RdfFormat::JsonLd {
            profile: Default::default(),
        },
        _ => unreachable!(),
    };
    store
        .load_from_slice(rdf_format, &bytes(kg, format))
        .unwrap();
    store
}

const PREFIXES: &str = "PREFIX rg: <https://relgraph.dev/ns#>\nPREFIX rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#>\nPREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>\nPREFIX owl: <http://www.w3.org/2002/07/owl#>\nPREFIX wd: <http://www.wikidata.org/entity/>\n";

fn select(store: &Store, query: &str) -> Vec<Vec<String>> {
    let q = SparqlEvaluator::new()
        .parse_query(&format!("{PREFIXES}{query}"))
        .unwrap();
    let QueryResults::Solutions(solutions) = q.on_store(store).execute().unwrap() else {
        panic!("not a SELECT");
    };
    let vars: Vec<_> = solutions.variables().to_vec();
    solutions
        .map(|s| {
            let s = s.unwrap();
            vars.iter()
                .map(|v| match s.get(v) {
                    Some(Term::Literal(l)) => l.value().to_string(),
                    Some(Term::NamedNode(n)) => n.as_str().to_string(),
                    Some(t) => t.to_string(),
                    None => String::new(),
                })
                .collect()
        })
        .collect()
}

fn ask(store: &Store, query: &str) -> bool {
    let q = SparqlEvaluator::new()
        .parse_query(&format!("{PREFIXES}{query}"))
        .unwrap();
    match q.on_store(store).execute().unwrap() {
        QueryResults::Boolean(b) => b,
        _ => panic!("not an ASK"),
    }
}

#[test]
fn rdf_loads_into_oxigraph_with_counts_names_and_edges() {
    for (name, kg) in graphs() {
        let nt = store(&kg, GraphFormat::Ntriples);
        let ttl = store(&kg, GraphFormat::Turtle);
        let jsonld = store(&kg, GraphFormat::Jsonld);
        for (other, what) in [(&ttl, "Turtle"), (&jsonld, "JSON-LD")] {
            assert_eq!(
                nt.len().unwrap(),
                other.len().unwrap(),
                "{name}: N-Triples and {what} differ"
            );
        }
        assert_eq!(
            nt.len().unwrap(),
            rdf::triples(&kg, &Default::default()).len(),
            "{name}"
        );
        let evidence_items: usize = kg.graph().edge_weights().map(|d| d.evidence.len()).sum();
        for s in [&nt, &ttl, &jsonld] {
            let count = select(
                s,
                "SELECT (COUNT(?v) AS ?n) WHERE { ?st rg:evidence ?v . ?v a rg:Evidence }",
            );
            assert_eq!(
                count[0][0],
                evidence_items.to_string(),
                "{name}: evidence items"
            );
            let count = select(
                s,
                "SELECT (COUNT(DISTINCT ?e) AS ?n) WHERE { ?e rg:id ?id }",
            );
            assert_eq!(count[0][0], kg.node_count().to_string(), "{name}: entities");
            let count = select(s, "SELECT (COUNT(?s) AS ?n) WHERE { ?s a rdf:Statement }");
            assert_eq!(
                count[0][0],
                kg.edge_count().to_string(),
                "{name}: statements"
            );
            let rows = select(
                s,
                "SELECT ?id ?name WHERE { ?e rg:id ?id ; rdfs:label ?name }",
            );
            let back: BTreeMap<String, String> = rows
                .into_iter()
                .map(|r| (r[0].clone(), r[1].clone()))
                .collect();
            assert_eq!(back, names(&kg), "{name}: names");
            // Every edge, as a direct triple between the right entities.
            for (src, tgt, rtype, _) in edge_keys(&kg) {
                let q = format!(
                    "ASK {{ ?a rg:id {} . ?b rg:id {} . ?a rg:{rtype} ?b }}",
                    sparql_string(&src),
                    sparql_string(&tgt)
                );
                assert!(ask(s, &q), "{name}: {src} {rtype} {tgt}");
            }
        }
    }
}

fn sparql_string(s: &str) -> String {
    let mut out = String::from("\"");
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

#[test]
fn rdf_links_wikidata_with_same_as_and_reifies_every_evidence_item() {
    let kg = hostile_direct();
    let s = store(&kg, GraphFormat::Turtle);
    // Local IRIs, linked to Wikidata; local statistics stay on the local resource.
    let rows = select(
        &s,
        &format!(
            "SELECT ?e ?w WHERE {{ ?e rg:id {} ; a rg:Person ; owl:sameAs ?w }}",
            sparql_string(DIRECT_PERSON)
        ),
    );
    assert_eq!(rows.len(), 1);
    assert!(rows[0][0].starts_with(rdf::ID_BASE), "{rows:?}");
    assert_eq!(rows[0][1], "http://www.wikidata.org/entity/Q1");
    assert!(!ask(
        &s,
        "ASK { ?w rg:mentions ?m FILTER(STRSTARTS(STR(?w), \"http://www.wikidata.org/\")) }"
    ));
    // Q2 is claimed by two entities: both say so, each on its own IRI.
    let rows = select(&s, "SELECT ?e WHERE { ?e owl:sameAs wd:Q2 } ORDER BY ?e");
    assert_eq!(rows.len(), 2);
    assert!(rows.iter().all(|r| r[0].starts_with(rdf::ID_BASE)));
    // The known edge: the text head_of_state edge, with its count and every evidence item.
    let q = format!(
        "SELECT ?origin ?count (COUNT(?v) AS ?items) (GROUP_CONCAT(?trigger; separator=\"|\") AS ?triggers) \
         WHERE {{ ?st rdf:subject ?a ; rdf:predicate rg:head_of_state ; rdf:object ?b ; \
         rg:count ?count ; rg:origin ?origin . OPTIONAL {{ ?st rg:evidence ?v . ?v rg:trigger ?trigger }} \
         ?a rg:id {} . ?b rg:id {} }} GROUP BY ?origin ?count ORDER BY ?origin",
        sparql_string(DIRECT_PERSON),
        sparql_string(DIRECT_STATE)
    );
    let rows = select(&s, &q);
    let g = kg.graph();
    let edge = |origin: &str| {
        kg.sorted_edges()
            .into_iter()
            .find(|&e| {
                let (a, b) = g.edge_endpoints(e).unwrap();
                g[a].id == DIRECT_PERSON
                    && g[b].id == DIRECT_STATE
                    && g[e].rtype.as_str() == "head_of_state"
                    && g[e].origin.as_str() == origin
            })
            .map(|e| &g[e])
            .unwrap()
    };
    for row in &rows {
        let d = edge(&row[0]);
        assert_eq!(row[1], d.count.to_string());
        assert_eq!(row[2], d.evidence.len().to_string(), "{row:?}");
        let mut want: Vec<&str> = d.evidence.iter().map(|e| e.trigger.as_str()).collect();
        let mut got: Vec<&str> = if row[3].is_empty() {
            Vec::new()
        } else {
            row[3].split('|').collect()
        };
        want.sort();
        got.sort();
        if d.evidence.iter().all(|e| !e.trigger.contains('|')) {
            assert_eq!(got, want, "{row:?}");
        }
    }
    assert_eq!(rows.len(), 2, "{rows:?}");
    assert!(ask(
        &s,
        &format!(
            "ASK {{ ?a rg:id {} ; rg:leader_of ?o . ?o rg:id {} }}",
            sparql_string(DIRECT_PERSON),
            sparql_string(DIRECT_ORG)
        )
    ));
}

/// The vocabulary travels with the data: a query that asks it which relations are symmetric
/// finds a met_with edge from either end, and only symmetric relations backwards.
#[test]
fn rdf_vocabulary_answers_symmetric_queries_from_either_end() {
    let kg = hostile_direct();
    for format in [
        GraphFormat::Ntriples,
        GraphFormat::Turtle,
        GraphFormat::Jsonld,
    ] {
        let s = store(&kg, format);
        let around = |id: &str, p: &str| -> Vec<String> {
            let q = format!(
                "SELECT ?id WHERE {{ ?e rg:id {} . \
                 {{ ?e ?p ?x }} UNION {{ ?x ?p ?e . ?p a owl:SymmetricProperty }} \
                 FILTER(?p = rg:{p}) ?x rg:id ?id }}",
                sparql_string(id)
            );
            select(&s, &q).into_iter().map(|r| r[0].clone()).collect()
        };
        // Stored once, from legend:person: found from both ends.
        assert_eq!(
            around("legend:person", "met_with"),
            ["x:\n\""],
            "{format:?}"
        );
        assert_eq!(
            around("x:\n\"", "met_with"),
            ["legend:person"],
            "{format:?}"
        );
        // criticizes is not symmetric: not found backwards.
        assert_eq!(
            around("legend:person", "criticizes"),
            [DIRECT_ORG],
            "{format:?}"
        );
        assert!(around(DIRECT_ORG, "criticizes").is_empty(), "{format:?}");
        // Domains and ranges from the signatures.
        assert!(ask(
            &s,
            "ASK { rg:head_of_state rdfs:domain rg:Person ; rdfs:range rg:State . \
             rg:Person rdfs:subClassOf rg:Entity ; a rdfs:Class . \
             rg:met_with a owl:SymmetricProperty, rdf:Property ; rdfs:label ?l }"
        ));
    }
}

/// `--base-iri` puts every entity under the user's namespace.
#[test]
fn rdf_entity_iris_take_the_base_iri() {
    let kg = hostile_direct();
    let opts = ExportOptions {
        rdf: rdf::RdfOptions::with_base_iri("https://example.org/kg/").unwrap(),
        ..Default::default()
    };
    let mut out = Vec::new();
    GraphFormat::Ntriples
        .write_with(&kg, &opts, &mut out)
        .unwrap();
    let s = Store::new().unwrap();
    s.load_from_slice(RdfFormat::NTriples, &out).unwrap();
    let rows = select(&s, "SELECT ?e WHERE { ?e rg:id ?id }");
    assert_eq!(rows.len(), kg.node_count());
    assert!(
        rows.iter()
            .all(|r| r[0].starts_with("https://example.org/kg/")),
        "{rows:?}"
    );
    assert!(rdf::RdfOptions::with_base_iri("no iri").is_err());
}

/// DOT statements that `pick` accepts, subgraphs included.
fn count_stmts(stmts: &[Stmt], pick: &dyn Fn(&Stmt) -> bool) -> usize {
    stmts
        .iter()
        .map(|s| match s {
            Stmt::Subgraph(sub) => count_stmts(&sub.stmts, pick),
            s => usize::from(pick(s)),
        })
        .sum()
}

#[test]
fn dot_parses_back_with_every_option() {
    let option_sets = [
        DotOptions::default(),
        DotOptions {
            legend: false,
            ..DotOptions::default()
        },
        DotOptions {
            clusters: true,
            ..DotOptions::default()
        },
        DotOptions {
            clusters: true,
            max_nodes: Some(3),
            legend: true,
        },
    ];
    for (name, kg) in graphs() {
        for opts in &option_sets {
            let dot = relgraph::export::dot::to_string(&kg, opts);
            let parsed = graphviz_rust::parse(&dot)
                .unwrap_or_else(|e| panic!("{name} {opts:?}: {:.300}", e.to_string()));
            let printed = graphviz_rust::printer::DotPrinter::print(
                &parsed,
                graphviz_rust::printer::PrinterContext::default().with_semi(),
            );
            let shown = relgraph::export::dot::selected_nodes(&kg, opts.max_nodes);
            for n in &shown {
                let graphviz_rust::dot_structures::Id::Escaped(id) =
                    relgraph::export::dot::quote(&kg.graph()[*n].id)
                else {
                    unreachable!()
                };
                assert!(
                    printed.contains(&id),
                    "{name} {opts:?}: node {id:.60} missing"
                );
            }
            // The legend is the graph's label (a table), never nodes.
            assert_eq!(
                dot.contains("<B>Legend</B>"),
                opts.legend,
                "{name} {opts:?}"
            );
            // One drawn edge per (source, type, target) among the shown nodes.
            let shown_set: BTreeSet<_> = shown.iter().copied().collect();
            let g = kg.graph();
            let facts: BTreeSet<_> = kg
                .sorted_edges()
                .into_iter()
                .filter_map(|e| {
                    let (s, t) = g.edge_endpoints(e).unwrap();
                    (shown_set.contains(&s) && shown_set.contains(&t)).then_some((s, g[e].rtype, t))
                })
                .collect();
            let graphviz_rust::dot_structures::Graph::DiGraph { stmts, .. } = &parsed else {
                panic!("not a digraph")
            };
            let is_edge = |s: &Stmt| matches!(s, Stmt::Edge(_));
            assert_eq!(count_stmts(stmts, &is_edge), facts.len(), "{name} {opts:?}");
            // Only the entities are nodes (the legend is none).
            let is_node = |s: &Stmt| matches!(s, Stmt::Node(_));
            assert_eq!(count_stmts(stmts, &is_node), shown.len(), "{name} {opts:?}");
            if opts.clusters && opts.max_nodes.is_none() {
                assert!(dot.contains("subgraph cluster_0"), "{name} {opts:?}");
            }
        }
    }
}

#[test]
fn dot_cap_keeps_the_best_connected_nodes_and_warns() {
    let kg = hostile_direct();
    let shown = relgraph::export::dot::selected_nodes(&kg, Some(2));
    let ids: Vec<&str> = shown.iter().map(|n| kg.graph()[*n].id.as_str()).collect();
    // The state has the most edges (4); the second node is one linked to it.
    assert!(ids.contains(&DIRECT_STATE), "{ids:?}");
    let g = kg.graph();
    assert!(g.find_edge(shown[0], shown[1]).is_some() || g.find_edge(shown[1], shown[0]).is_some());
    let opts = DotOptions {
        max_nodes: Some(2),
        ..DotOptions::default()
    };
    let w = relgraph::export::dot::cap_warning(&kg, &opts).unwrap();
    assert!(w.contains("2 of 7 nodes"), "{w}");
    assert!(relgraph::export::dot::cap_warning(&kg, &DotOptions::default()).is_none());
    let dot = relgraph::export::dot::to_string(&kg, &opts);
    assert!(!dot.contains("loc:long"));
    // On the examples, the capped diagram is one connected piece, not a column of lone nodes.
    let kg = examples_built();
    for max in [5, 10, 20] {
        let shown = relgraph::export::dot::selected_nodes(&kg, Some(max));
        assert_eq!(shown.len(), max);
        let set: BTreeSet<_> = shown.iter().copied().collect();
        let g = kg.graph();
        let mut reached = BTreeSet::from([shown[0]]);
        let mut todo = vec![shown[0]];
        while let Some(n) = todo.pop() {
            for m in g.neighbors_undirected(n) {
                if set.contains(&m) && reached.insert(m) {
                    todo.push(m);
                }
            }
        }
        assert_eq!(reached.len(), max, "max {max}: not connected");
    }
}

/// A small, plain graph whose every export is kept as a snapshot.
fn tiny() -> KnowledgeGraph {
    let json = r#"{"directed":true,"multigraph":true,
      "graph":{"format":"relgraph-graph","format_version":1,"generator":"test","documents":1},
      "nodes":[
        {"id":"person:kim-jong-un","name":"Kim Jong Un","type":"person","qid":"Q56226","aliases":["Kim Jong-un"],"mentions":2,"documents":1},
        {"id":"state:KP","name":"North Korea","type":"state","qid":"Q423","mentions":3,"documents":1},
        {"id":"state:RU","name":"Russia","type":"state","qid":"Q159","mentions":1,"documents":1}],
      "links":[
        {"source":"person:kim-jong-un","target":"state:KP","key":"head_of_state/gazetteer","type":"head_of_state","origin":"gazetteer","count":1,"confidence":1.0,"roles":["Supreme Leader"],
         "evidence":[{"doc":"a.txt","date":"2024-06-19","start":0,"end":30,"trigger":"Kim Jong Un","rule":"gazetteer.head_of_state","confidence":1.0,"role":"Supreme Leader"}]},
        {"source":"state:KP","target":"state:RU","key":"agreement_with","type":"agreement_with","origin":"text","count":2,"confidence":0.85,
         "evidence":[{"doc":"a.txt","date":"2024-06-19","start":31,"end":90,"trigger":"signed","rule":"events.agreement_signed","confidence":0.85,"sentence":"North Korea and Russia signed a treaty; \"strategic\", they said."}]}]}"#;
    KnowledgeGraph::from_wire(serde_json::from_str(json).unwrap(), "tiny").unwrap()
}

#[test]
fn snapshots_of_every_format() {
    let kg = tiny();
    for f in STREAM_FORMATS {
        if f == GraphFormat::Json {
            continue;
        }
        insta::assert_snapshot!(format!("tiny_{}", f.name()), text(&kg, f));
    }
    let dot = relgraph::export::dot::to_string(
        &kg,
        &DotOptions {
            clusters: true,
            ..DotOptions::default()
        },
    );
    insta::assert_snapshot!("tiny_dot_clusters", dot);
    for f in FOLDER_FORMATS {
        for (file, content) in folder(&kg, f) {
            let prefix = if f == GraphFormat::Neo4jCsv {
                "neo4j".to_string()
            } else {
                f.name().to_string()
            };
            insta::assert_snapshot!(
                format!("tiny_{prefix}_{file}"),
                String::from_utf8(content).unwrap()
            );
        }
    }
}

/// docs/vocabulary.ttl is the vocabulary every RDF export includes (`RELGRAPH_BLESS=1` rewrites
/// it after a change of the vocabulary).
#[test]
fn the_shipped_vocabulary_is_the_generated_one() {
    let mut want = Vec::new();
    rdf::write_vocabulary(&mut want).unwrap();
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/vocabulary.ttl");
    if std::env::var_os("RELGRAPH_BLESS").is_some() {
        std::fs::write(&path, &want).unwrap();
    }
    let got = std::fs::read(&path).unwrap_or_default();
    assert!(
        got == want,
        "docs/vocabulary.ttl differs from rdf::vocabulary(): rerun with RELGRAPH_BLESS=1"
    );
}

/// A value as neo4j-admin would store it: absent (empty field), a scalar or an array.
#[derive(Debug, Clone, PartialEq)]
enum Neo4jValue {
    Str(String),
    Long(i64),
    Double(f64),
    Array(Vec<Neo4jValue>),
}

/// One column of a neo4j-admin CSV header: `name:type`, `name:ID`, `:LABEL`, `:START_ID`, ...
#[derive(Debug)]
enum Neo4jColumn {
    Id(String),
    Label,
    StartId,
    EndId,
    Type,
    Property {
        name: String,
        ty: String,
        array: bool,
    },
}

/// Parses a header by neo4j-admin's rules (Operations Manual, "Import: CSV header format"):
/// `<name>:<field_type>`; special field types ID (with an optional id space), LABEL, START_ID,
/// END_ID, TYPE, IGNORE; property types int, long, float, double, boolean, byte, short, char,
/// string (and the temporal and point types), `[]` for arrays; no type means string.
fn neo4j_header(fields: &csv::StringRecord) -> Result<Vec<Neo4jColumn>, String> {
    const TYPES: [&str; 16] = [
        "int",
        "long",
        "float",
        "double",
        "boolean",
        "byte",
        "short",
        "char",
        "string",
        "point",
        "date",
        "localtime",
        "time",
        "localdatetime",
        "datetime",
        "duration",
    ];
    fields
        .iter()
        .map(|f| {
            let (name, kind) = f.rsplit_once(':').unwrap_or((f, "string"));
            Ok(match kind {
                "LABEL" => Neo4jColumn::Label,
                "START_ID" => Neo4jColumn::StartId,
                "END_ID" => Neo4jColumn::EndId,
                "TYPE" => Neo4jColumn::Type,
                k if k == "ID" || k.starts_with("ID(") => Neo4jColumn::Id(name.to_string()),
                k => {
                    let (ty, array) = match k.strip_suffix("[]") {
                        Some(t) => (t, true),
                        None => (k, false),
                    };
                    if !TYPES.contains(&ty) {
                        return Err(format!("unknown field type {k:?} in {f:?}"));
                    }
                    if name.is_empty() {
                        return Err(format!("property column without a name: {f:?}"));
                    }
                    Neo4jColumn::Property {
                        name: name.to_string(),
                        ty: ty.to_string(),
                        array,
                    }
                }
            })
        })
        .collect()
}

fn neo4j_scalar(ty: &str, s: &str) -> Result<Neo4jValue, String> {
    Ok(match ty {
        "long" | "int" | "short" | "byte" => {
            Neo4jValue::Long(s.parse().map_err(|e| format!("{s:?}: {e}"))?)
        }
        "double" | "float" => Neo4jValue::Double(s.parse().map_err(|e| format!("{s:?}: {e}"))?),
        _ => Neo4jValue::Str(s.to_string()),
    })
}

/// Reads a neo4j-admin CSV file: per row, the special fields and the properties present (an
/// empty field is no property; arrays split at `delimiter`).
type Neo4jRow = (Vec<(String, String)>, BTreeMap<String, Neo4jValue>);

fn read_neo4j(path: &std::path::Path, delimiter: char) -> Result<Vec<Neo4jRow>, String> {
    let mut r = csv::Reader::from_path(path).map_err(|e| e.to_string())?;
    let columns = neo4j_header(r.headers().map_err(|e| e.to_string())?)?;
    let mut rows = Vec::new();
    for row in r.records() {
        let row = row.map_err(|e| e.to_string())?;
        let (mut special, mut props) = (Vec::new(), BTreeMap::new());
        for (col, field) in columns.iter().zip(row.iter()) {
            match col {
                Neo4jColumn::Id(_) => special.push(("ID".into(), field.to_string())),
                Neo4jColumn::Label => special.push(("LABEL".into(), field.to_string())),
                Neo4jColumn::StartId => special.push(("START_ID".into(), field.to_string())),
                Neo4jColumn::EndId => special.push(("END_ID".into(), field.to_string())),
                Neo4jColumn::Type => special.push(("TYPE".into(), field.to_string())),
                Neo4jColumn::Property { .. } if field.is_empty() => {}
                Neo4jColumn::Property { name, ty, array } => {
                    let v = if *array {
                        Neo4jValue::Array(
                            field
                                .split(delimiter)
                                .map(|s| neo4j_scalar(ty, s))
                                .collect::<Result<_, _>>()?,
                        )
                    } else {
                        neo4j_scalar(ty, field)?
                    };
                    props.insert(name.clone(), v);
                }
            }
        }
        if let Neo4jColumn::Id(name) = &columns[0]
            && !name.is_empty()
        {
            props.insert(name.clone(), Neo4jValue::Str(special[0].1.clone()));
        }
        rows.push((special, props));
    }
    Ok(rows)
}

/// The neo4j-csv files, read by neo4j-admin's header rules with `--array-delimiter=U+001F`, hold
/// every entity with its aliases and every relationship with every evidence item.
#[test]
fn neo4j_csv_follows_neo4j_admin_header_rules() {
    for (name, kg) in graphs() {
        let dir = tempfile::tempdir().unwrap();
        GraphFormat::Neo4jCsv
            .save(&kg, &ExportOptions::default(), Some(dir.path()))
            .unwrap();
        let delim = neo4j_csv::ARRAY_DELIMITER;
        let nodes = read_neo4j(&dir.path().join(neo4j_csv::NODES_FILE), delim).unwrap();
        let rels = read_neo4j(&dir.path().join(neo4j_csv::RELATIONSHIPS_FILE), delim).unwrap();
        let g = kg.graph();
        assert_eq!(nodes.len(), kg.node_count(), "{name}");
        for ((special, props), n) in nodes.iter().zip(kg.sorted_nodes()) {
            let d = &g[n];
            assert_eq!(special[0], ("ID".to_string(), d.id.clone()), "{name}");
            let labels: Vec<&str> = special[1].1.split(delim).collect();
            assert_eq!(labels, ["Entity", cypher::label(d.etype)], "{name}");
            assert_eq!(props["name"], Neo4jValue::Str(d.name.clone()), "{name}");
            assert_eq!(
                props["mentions"],
                Neo4jValue::Long(d.mentions as i64),
                "{name}"
            );
            let aliases = props.get("aliases").cloned();
            let want = (!d.aliases.is_empty()).then(|| {
                Neo4jValue::Array(
                    d.aliases
                        .iter()
                        .map(|a| Neo4jValue::Str(a.clone()))
                        .collect(),
                )
            });
            // A single empty alias would be an empty field; no gazetteer has one.
            assert_eq!(aliases, want, "{name}: aliases of {}", d.id);
        }
        assert_eq!(rels.len(), kg.edge_count(), "{name}");
        let mut evidence_items = 0;
        for ((special, props), e) in rels.iter().zip(kg.sorted_edges()) {
            let (s, t) = g.edge_endpoints(e).unwrap();
            let d = &g[e];
            assert_eq!(special[0].1, g[s].id, "{name}");
            assert_eq!(special[1].1, g[t].id, "{name}");
            assert_eq!(special[2].1, cypher::rel_type(d.rtype), "{name}");
            assert_eq!(props["count"], Neo4jValue::Long(d.count as i64), "{name}");
            let items = match props.get("evidence_rule") {
                Some(Neo4jValue::Array(a)) => a.len(),
                None => 0,
                other => panic!("{name}: evidence_rule {other:?}"),
            };
            assert_eq!(items, d.evidence.len(), "{name}: evidence of an edge");
            // Every list of an edge has one item per evidence item (date, role and features
            // of a single undated, roleless item are an empty field, so absent).
            for (key, v) in props {
                if let (true, Neo4jValue::Array(a)) = (key.starts_with("evidence_"), v) {
                    assert_eq!(a.len(), items, "{name}: {key}");
                }
            }
            if let Some(Neo4jValue::Array(starts)) = props.get("evidence_start") {
                let want: Vec<Neo4jValue> = d
                    .evidence
                    .iter()
                    .map(|e| Neo4jValue::Long(e.start as i64))
                    .collect();
                assert_eq!(starts, &want, "{name}");
            }
            evidence_items += items;
        }
        let want: usize = g.edge_weights().map(|d| d.evidence.len()).sum();
        assert_eq!(evidence_items, want, "{name}: evidence items");
    }
}

/// The SPARQL queries of docs/targets/rdf.md run in Oxigraph on the bundled examples' graph,
/// in each RDF format, and the symmetric-relation query finds the meetings from either end.
#[test]
fn rdf_doc_queries_run_as_written() {
    let doc = std::fs::read_to_string(
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/targets/rdf.md"),
    )
    .unwrap();
    let start = doc.find("```sparql\n").expect("a sparql block") + "```sparql\n".len();
    let block = &doc[start..start + doc[start..].find("```").unwrap()];
    let prefixes: String = block
        .lines()
        .filter(|l| l.starts_with("PREFIX"))
        .map(|l| format!("{l}\n"))
        .collect();
    let queries: Vec<String> = block
        .split("\n\n")
        .map(|q| {
            q.lines()
                .filter(|l| !l.starts_with("PREFIX") && !l.starts_with('#'))
                .collect::<Vec<_>>()
                .join("\n")
        })
        .filter(|q| !q.trim().is_empty())
        .collect();
    assert!(queries.len() >= 3, "{queries:?}");
    let kg = examples_built();
    for format in [
        GraphFormat::Ntriples,
        GraphFormat::Turtle,
        GraphFormat::Jsonld,
    ] {
        let s = store(&kg, format);
        for q in &queries {
            let prepared = SparqlEvaluator::new()
                .parse_query(&format!("{prefixes}{q}"))
                .unwrap_or_else(|e| panic!("docs/targets/rdf.md: {e}\n{q}"));
            let QueryResults::Solutions(rows) = prepared.on_store(&s).execute().unwrap() else {
                panic!("not a SELECT: {q}");
            };
            assert!(rows.count() > 0, "{format:?}: no answer to {q}");
        }
    }
}

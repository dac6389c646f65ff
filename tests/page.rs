//! The interactive graph page without a browser (tests/engines_browser.rs loads it in one):
//! the embedded data is the graph (one edge per fact, every evidence item with its origin,
//! sentence and name spans), hostile names cannot break out of the data block, the page holds
//! no address to fetch, the bytes depend only on the graph, and every command writes it.

#[path = "engines/common.rs"]
mod common;

use common::{examples_built, graphs, relgraph, repo, save_json};
use relgraph::export::GraphFormat;
use serde_json::Value;
use std::collections::{BTreeMap, BTreeSet};

/// (source id, relation, target id) of a fact.
type Fact = (String, String, String);
/// (text count, gazetteer count, text evidence items, gazetteer evidence items).
type Counts = (u64, u64, usize, usize);

fn page(kg: &relgraph::graph::KnowledgeGraph) -> String {
    let mut buf = Vec::new();
    GraphFormat::Html.write(kg, &mut buf).unwrap();
    String::from_utf8(buf).unwrap()
}

/// The JSON of the page's data block.
fn data(page: &str) -> Value {
    let open = "<script type=\"application/json\" id=\"relgraph-data\">";
    let start = page.find(open).expect("data block") + open.len();
    let end = start + page[start..].find("</script>").unwrap();
    serde_json::from_str(&page[start..end]).expect("data block is JSON")
}

#[test]
fn the_data_block_is_the_graph_with_one_edge_per_fact() {
    for (name, kg) in graphs() {
        let p = page(&kg);
        let d = data(&p);
        let nodes = d["nodes"].as_array().unwrap();
        assert_eq!(nodes.len(), kg.node_count(), "{name}");
        let wire = kg.to_wire();
        let ids: Vec<&str> = nodes.iter().map(|n| n[0].as_str().unwrap()).collect();
        let want_ids: Vec<&str> = wire.nodes.iter().map(|n| n.id.as_str()).collect();
        assert_eq!(ids, want_ids, "{name}: nodes in id order");
        // Per (source, type, target): (text count, gazetteer count, evidence items by origin).
        let mut want: BTreeMap<Fact, Counts> = BTreeMap::new();
        for l in &wire.edges {
            let e = want
                .entry((l.source.clone(), l.rtype.to_string(), l.target.clone()))
                .or_default();
            match l.origin {
                relgraph::types::Origin::Text => {
                    e.0 += l.count;
                    e.2 += l.evidence.len();
                }
                relgraph::types::Origin::Gazetteer => {
                    e.1 += l.count;
                    e.3 += l.evidence.len();
                }
            }
        }
        let relations: Vec<&str> = d["relations"]
            .as_array()
            .unwrap()
            .iter()
            .map(|r| r["name"].as_str().unwrap())
            .collect();
        let mut got: BTreeMap<Fact, Counts> = BTreeMap::new();
        for e in d["edges"].as_array().unwrap() {
            let ev = e[7].as_array().unwrap();
            let by = |o: u64| ev.iter().filter(|v| v[2].as_u64() == Some(o)).count();
            let key = (
                ids[e[0].as_u64().unwrap() as usize].to_string(),
                relations[e[2].as_u64().unwrap() as usize].to_string(),
                ids[e[1].as_u64().unwrap() as usize].to_string(),
            );
            let fact = (e[3].as_u64().unwrap(), e[4].as_u64().unwrap(), by(0), by(1));
            assert!(
                got.insert(key, fact).is_none(),
                "{name}: a fact drawn twice"
            );
        }
        assert_eq!(got, want, "{name}");
    }
}

#[test]
fn evidence_keeps_sentence_and_name_spans() {
    let kg = examples_built();
    let d = data(&page(&kg));
    let mut marked = 0;
    for e in d["edges"].as_array().unwrap() {
        for v in e[7].as_array().unwrap() {
            let Some(sentence) = v[6].as_str() else {
                continue;
            };
            let chars = sentence.chars().count() as u64;
            for spans in [&v[7], &v[8]] {
                for s in spans.as_array().unwrap() {
                    let (a, b) = (s[0].as_u64().unwrap(), s[1].as_u64().unwrap());
                    assert!(a < b && b <= chars, "span {a}..{b} outside {sentence:?}");
                    marked += 1;
                }
            }
        }
    }
    assert!(
        marked > 20,
        "only {marked} name spans in the examples' evidence"
    );
}

#[test]
fn hostile_names_stay_inside_the_data_block_and_nothing_is_fetched() {
    for (name, kg) in graphs() {
        let p = page(&kg);
        // The data block, Cytoscape.js and the page's script: three script elements, closed once each.
        assert_eq!(p.matches("</script>").count(), 3, "{name}");
        assert_eq!(
            p.to_ascii_lowercase().matches("<script").count(),
            3,
            "{name}"
        );
        let d = data(&p);
        assert!(!d["nodes"].as_array().unwrap().is_empty(), "{name}");
        // No address the browser would fetch: no src/href attribute, no stylesheet import.
        for bad in [" src=", "@import", "<link", "<iframe", "<img"] {
            assert!(!p.contains(bad), "{name}: {bad}");
        }
    }
    // Names that would end the script element or open a comment are kept, as JSON escapes.
    let kg = common::hostile_direct();
    let p = page(&kg);
    let names: BTreeSet<String> = data(&p)["nodes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|n| n[1].as_str().unwrap().to_string())
        .collect();
    let wire: BTreeSet<String> = kg.to_wire().nodes.into_iter().map(|n| n.name).collect();
    assert_eq!(names, wire);
}

#[test]
fn same_graph_same_bytes() {
    let kg = examples_built();
    assert_eq!(page(&kg), page(&kg.clone()));
}

#[test]
fn render_build_and_query_write_the_page() {
    let dir = tempfile::tempdir().unwrap();
    let kg = examples_built();
    let graph = save_json(&kg, dir.path(), "g");
    let want = page(&kg);
    let rendered = dir.path().join("r.html");
    let o = relgraph()
        .arg("render")
        .arg(&graph)
        .arg("-o")
        .arg(&rendered)
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    assert_eq!(std::fs::read_to_string(&rendered).unwrap(), want);
    let exported = dir.path().join("e.html");
    let o = relgraph()
        .args(["query", "export"])
        .arg(&graph)
        .arg("-o")
        .arg(&exported)
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    assert_eq!(std::fs::read_to_string(&exported).unwrap(), want);
    let built = dir.path().join("b.html");
    let o = relgraph()
        .current_dir(repo())
        .args(["build", "data/examples", "-o"])
        .arg(&built)
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    assert!(
        std::fs::read_to_string(&built)
            .unwrap()
            .contains("relgraph-data")
    );
    let ego = dir.path().join("ego.html");
    let o = relgraph()
        .args(["query", "ego"])
        .arg(&graph)
        .args(["Russia", "-o"])
        .arg(&ego)
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let d = data(&std::fs::read_to_string(&ego).unwrap());
    let n = d["nodes"].as_array().unwrap().len();
    assert!(n > 1 && n < kg.node_count(), "ego page of {n} nodes");
}

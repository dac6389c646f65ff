//! The interactive graph page (`relgraph render graph.json -o graph.html`) in a real headless
//! browser, Debian's Chromium, driven by tests/engines/page_check.py over the DevTools pipe:
//! it loads from a file URL without touching the network, draws the expected nodes and edges,
//! shows an edge's evidence sentence when the edge is clicked, and its screenshot is a drawn
//! graph. Ignored by a plain `cargo test`; `cargo test -- --ignored` runs them (docs/testing.md).

#[path = "engines/common.rs"]
mod common;

use common::{engine, graphs, python, relgraph, repo, run, save_json};
use serde_json::json;
use std::path::Path;
use std::process::Command;

fn chromium_path() -> String {
    std::env::var("RELGRAPH_CHROMIUM").unwrap_or_else(|_| "/usr/bin/chromium".to_string())
}

fn chromium() -> bool {
    engine(
        "Chromium",
        run(Command::new(chromium_path()).arg("--version"))
            .map(|_| ())
            .map_err(|e| format!("{e} (apt-get install chromium)")),
    )
}

/// Renders the graph file to a page and runs the browser check on it; returns its JSON line.
fn check_page(graph: &Path, dir: &Path, name: &str) -> serde_json::Value {
    let page = dir.join(format!("{name}.html"));
    let shot = dir.join(format!("{name}.png"));
    let out = relgraph()
        .arg("render")
        .arg(graph)
        .arg("-o")
        .arg(&page)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "render {name}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    let script = repo().join("tests/engines/page_check.py");
    let line = run(Command::new(python())
        .arg(script)
        .arg(&page)
        .arg(graph)
        .arg(&shot)
        .env("RELGRAPH_CHROMIUM", chromium_path()))
    .unwrap_or_else(|e| panic!("the page of {name} failed in Chromium: {e}"));
    assert!(
        std::fs::metadata(&shot).unwrap().len() > 10_000,
        "{name}: tiny screenshot"
    );
    eprintln!(
        "{name}: page of {} bytes: {}",
        std::fs::metadata(&page).unwrap().len(),
        line.trim()
    );
    serde_json::from_str(line.trim()).unwrap_or_else(|e| panic!("{name}: {e}: {line}"))
}

#[test]
#[ignore = "needs Chromium: see docs/testing.md"]
fn every_test_graph_works_in_the_browser() {
    if !chromium() {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    for (name, kg) in graphs() {
        let graph = save_json(&kg, dir.path(), name);
        let result = check_page(&graph, dir.path(), name);
        assert!(result["nodes"].as_u64().unwrap() > 0, "{name}: {result}");
    }
}

/// A graph of 10,000 entities and 30,000 edges (every relation type, both origins, dated
/// evidence with sentences), generated with a fixed-seed generator.
fn large_graph() -> serde_json::Value {
    const NODES: u64 = 10_000;
    let types = ["person", "state", "organization", "location"];
    let relations = [
        "leader_of",
        "member_of",
        "met_with",
        "citizen_of",
        "based_in",
        "visited",
        "criticizes",
    ];
    let mut seed: u64 = 0x2545_f491_4f6c_dd1d;
    let mut next = move |n: u64| {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        seed % n
    };
    let nodes: Vec<_> = (0..NODES)
        .map(|i| {
            json!({"id": format!("n:{i:05}"), "name": format!("Entity {i}"),
                   "type": types[(i % 4) as usize], "mentions": 1 + i % 7, "documents": 1})
        })
        .collect();
    let mut seen = std::collections::BTreeSet::new();
    let mut edges = Vec::new();
    while edges.len() < 30_000 {
        // Skewed endpoints: low ids are hubs, as states are in news.
        let s = next(NODES).min(next(NODES));
        let t = next(NODES).min(next(NODES)).min(next(NODES));
        let r = relations[next(relations.len() as u64) as usize];
        let origin = if next(5) == 0 { "gazetteer" } else { "text" };
        if s == t || !seen.insert((s, t, r, origin)) {
            continue;
        }
        let (ss, ts) = (format!("Entity {s}"), format!("Entity {t}"));
        let sentence = format!("{ss} and {ts} were seen together.");
        let key = if origin == "text" {
            r.to_string()
        } else {
            format!("{r}/gazetteer")
        };
        edges.push(json!({
            "source": format!("n:{s:05}"), "target": format!("n:{t:05}"), "key": key,
            "type": r, "origin": origin, "count": 1, "confidence": 0.8,
            "evidence": [{"doc": format!("doc-{}", edges.len()),
                          "date": format!("2024-{:02}-{:02}", 1 + next(12), 1 + next(28)),
                          "start": 0, "end": sentence.chars().count(), "trigger": "seen",
                          "rule": "test.seen", "confidence": 0.8, "sentence": sentence,
                          "source_spans": [[0, ss.chars().count()]],
                          "target_spans": [[ss.chars().count() + 5, ss.chars().count() + 5 + ts.chars().count()]]}]
        }));
    }
    json!({"directed": true, "multigraph": true,
           "graph": {"format": "relgraph-graph", "format_version": 1, "generator": "test", "documents": 30000},
           "nodes": nodes, "edges": edges})
}

#[test]
#[ignore = "needs Chromium: see docs/testing.md"]
fn a_page_of_ten_thousand_nodes_opens_capped_with_a_notice() {
    if !chromium() {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let graph = dir.path().join("large.json");
    std::fs::write(&graph, serde_json::to_vec(&large_graph()).unwrap()).unwrap();
    let result = check_page(&graph, dir.path(), "large");
    assert_eq!(
        result["nodes"].as_u64(),
        Some(relgraph::export::html::DEFAULT_CAP as u64),
        "{result}"
    );
}

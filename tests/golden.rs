//! Golden tests: the bundled examples' extraction records, graph JSON and DOT are pinned with
//! insta snapshots (review changes with `cargo insta review`).

mod common;
use common::*;

#[test]
fn examples_extract_jsonl() {
    let o = relgraph(&["extract", "data/examples", "-j", "2"], None);
    assert!(o.status.success(), "{}", stderr(&o));
    insta::assert_snapshot!("examples_extract", stdout(&o));
}

#[test]
fn examples_graph_json() {
    let o = relgraph(&["build", "data/examples"], None);
    assert!(o.status.success(), "{}", stderr(&o));
    insta::assert_snapshot!("examples_graph_json", stdout(&o));
}

#[test]
fn examples_graph_dot() {
    let o = relgraph(&["build", "data/examples", "-f", "dot"], None);
    assert!(o.status.success(), "{}", stderr(&o));
    insta::assert_snapshot!("examples_graph_dot", stdout(&o));
}

#[test]
#[ignore = "needs Graphviz (dot): see docs/testing.md"]
fn examples_dot_renders_with_graphviz() {
    need_tool("dot", "-V");
    let dir = tempdir();
    let dot = dir.path().join("g.dot");
    let o = relgraph(
        &["build", "data/examples", "-o", dot.to_str().unwrap()],
        None,
    );
    assert!(o.status.success(), "{}", stderr(&o));
    let svg = dir.path().join("g.svg");
    let status = std::process::Command::new("dot")
        .args(["-Tsvg", dot.to_str().unwrap(), "-o", svg.to_str().unwrap()])
        .status()
        .unwrap();
    assert!(status.success());
    assert!(std::fs::read_to_string(&svg).unwrap().contains("<svg"));
}

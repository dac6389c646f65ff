//! Graphviz reads every DOT output (hostile names included, every diagram option) and renders it
//! to SVG with exit 0; `relgraph render` writes a valid SVG, PNG and PDF.
//! Ignored by a plain `cargo test`; `cargo test -- --ignored` runs them (docs/testing.md).

#[path = "engines/common.rs"]
mod common;

use common::{engine, graphs, relgraph, run, save_json};
use quick_xml::events::Event;
use relgraph::export::dot::{self, DotOptions};
use std::process::Command;

fn graphviz() -> bool {
    engine(
        "Graphviz",
        run(Command::new("dot").arg("-V"))
            .map(|_| ())
            .map_err(|e| format!("{e} (apt-get install graphviz)")),
    )
}

/// The text content of an SVG document (which must be well-formed XML).
fn svg_texts(svg: &[u8]) -> Vec<String> {
    let text = std::str::from_utf8(svg).expect("SVG is UTF-8");
    assert!(text.contains("<svg"), "not an SVG");
    let mut r = quick_xml::Reader::from_str(text);
    let mut texts = Vec::new();
    let mut current = String::new();
    loop {
        match r
            .read_event()
            .unwrap_or_else(|e| panic!("SVG is not well-formed XML: {e}"))
        {
            Event::Eof => break,
            Event::Text(t) => current.push_str(&t.xml10_content()),
            Event::GeneralRef(g) => {
                current.push_str(&quick_xml::escape::unescape(&format!("&{};", &*g)).unwrap());
            }
            Event::End(_) | Event::Start(_) => {
                if !current.trim().is_empty() {
                    texts.push(std::mem::take(&mut current));
                }
                current.clear();
            }
            _ => {}
        }
    }
    texts
}

#[test]
#[ignore = "needs Graphviz (dot): see docs/testing.md"]
fn every_dot_output_renders_to_svg() {
    if !graphviz() {
        return;
    }
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
            max_nodes: Some(4),
            legend: true,
        },
    ];
    let dir = tempfile::tempdir().unwrap();
    for (name, kg) in graphs() {
        for (i, opts) in option_sets.iter().enumerate() {
            let path = dir.path().join(format!("{name}-{i}.dot"));
            std::fs::write(&path, dot::to_string(&kg, opts)).unwrap();
            let out = Command::new("dot")
                .arg("-Tsvg")
                .arg(&path)
                .output()
                .unwrap();
            assert!(
                out.status.success(),
                "{name} {opts:?}: dot failed: {}",
                String::from_utf8_lossy(&out.stderr)
            );
            let texts = svg_texts(&out.stdout);
            // Every shown one-line name is drawn exactly as written (cut names are long).
            for n in dot::selected_nodes(&kg, opts.max_nodes) {
                let d = &kg.graph()[n];
                if d.name.chars().count() <= dot::MAX_LABEL_CHARS && !d.name.contains(['\n', '\r'])
                {
                    assert!(
                        texts.iter().any(|t| t == &d.name),
                        "{name} {opts:?}: label {:?} not in the SVG",
                        d.name
                    );
                }
            }
        }
    }
}

#[test]
#[ignore = "needs Graphviz (dot): see docs/testing.md"]
fn build_dot_output_pipes_into_graphviz() {
    if !graphviz() {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("h.gv");
    let mut cmd = relgraph();
    cmd.current_dir(common::repo())
        .arg("build")
        .args(common::HOSTILE_BUILD)
        .args(["--clusters", "--max-nodes", "8", "-o"])
        .arg(&path);
    let out = cmd.output().unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(String::from_utf8_lossy(&out.stderr).contains("warning: the diagram shows 8 of"));
    run(Command::new("dot").arg("-Tsvg").arg(&path)).unwrap();
}

#[test]
#[ignore = "needs Graphviz (dot): see docs/testing.md"]
fn render_writes_valid_svg_png_and_pdf() {
    if !graphviz() {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    for (name, kg) in graphs() {
        let graph = save_json(&kg, dir.path(), name);
        for (ext, magic) in [
            ("svg", &b"<?xml"[..]),
            ("png", &b"\x89PNG\r\n\x1a\n"[..]),
            ("pdf", &b"%PDF-"[..]),
        ] {
            let out = dir.path().join(format!("{name}.{ext}"));
            let mut cmd = relgraph();
            cmd.arg("render")
                .arg(&graph)
                .arg("-o")
                .arg(&out)
                .arg("--clusters");
            run(&mut cmd).unwrap_or_else(|e| panic!("{name} {ext}: {e}"));
            let bytes = std::fs::read(&out).unwrap();
            assert!(
                bytes.starts_with(magic),
                "{name}.{ext} does not start with {magic:?}"
            );
            if ext == "svg" {
                svg_texts(&bytes);
            }
        }
    }
    // Another layout engine, written to standard output.
    let graph = save_json(&common::hostile_direct(), dir.path(), "direct");
    let mut cmd = relgraph();
    cmd.arg("render")
        .arg(&graph)
        .args(["-o", "-", "-f", "svg", "--layout", "sfdp"]);
    svg_texts(run(&mut cmd).unwrap().as_bytes());
}

/// A graph too big to lay out is drawn capped, with a message; `query ego -o x.svg|png` draws a
/// picture; edges carry their evidence sentence as an SVG tooltip.
#[test]
#[ignore = "needs Graphviz: see docs/testing.md"]
fn big_graphs_are_capped_and_ego_draws_pictures() {
    if !graphviz() {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    // A chain of 600 people, each meeting the next.
    let mut nodes = Vec::new();
    let mut edges = Vec::new();
    for i in 0..600 {
        nodes.push(
            serde_json::json!({"id": format!("person:p{i:03}"), "name": format!("P {i}"),
            "type": "person", "mentions": 1, "documents": 1}),
        );
        if i > 0 {
            edges.push(serde_json::json!({"source": format!("person:p{:03}", i - 1),
                "target": format!("person:p{i:03}"), "key": "met_with", "type": "met_with",
                "origin": "text", "count": 1, "confidence": 0.8,
                "evidence": [{"doc": "d", "start": 0, "end": 9, "trigger": "met",
                    "rule": "r", "confidence": 0.8, "sentence": format!("P {} met P {i}.", i - 1)}]}));
        }
    }
    let graph = serde_json::json!({"directed": true, "multigraph": true,
        "graph": {"format": "relgraph-graph", "format_version": 1, "generator": "test", "documents": 1},
        "nodes": nodes, "edges": edges});
    let path = dir.path().join("big.json");
    std::fs::write(&path, graph.to_string()).unwrap();
    let svg = dir.path().join("big.svg");
    let o = relgraph()
        .args([
            "render",
            path.to_str().unwrap(),
            "-o",
            svg.to_str().unwrap(),
        ])
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(
        err.contains("600 nodes") && err.contains("150 best connected"),
        "{err}"
    );
    let image = std::fs::read(&svg).unwrap();
    svg_texts(&image);
    let text = String::from_utf8_lossy(&image);
    assert_eq!(text.matches("class=\"node\"").count(), 150);
    // Connected: 149 edges between the 150.
    assert_eq!(text.matches("class=\"edge\"").count(), 149);
    assert!(
        text.contains(" met P "),
        "the evidence sentence is in a tooltip"
    );
    // ego -o picture.
    for ext in ["svg", "png"] {
        let out = dir.path().join(format!("ego.{ext}"));
        let o = relgraph()
            .args([
                "query",
                "ego",
                path.to_str().unwrap(),
                "P 300",
                "-o",
                out.to_str().unwrap(),
            ])
            .output()
            .unwrap();
        assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
        let bytes = std::fs::read(&out).unwrap();
        match ext {
            "svg" => {
                svg_texts(&bytes);
                let t = String::from_utf8_lossy(&bytes);
                assert_eq!(t.matches("class=\"node\"").count(), 3);
            }
            _ => assert!(bytes.starts_with(b"\x89PNG")),
        }
    }
}

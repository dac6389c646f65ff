//! NetworkX reads the GraphML export and the node-link JSON (with `node_link_graph(data)`'s
//! defaults on the NetworkX CI installs, and as docs/formats.md says on the oldest supported
//! version, 3.0, from `RELGRAPH_NETWORKX_OLD`) with the same counts and attributes; Kùzu loads
//! the kuzu export folder by its own schema.cypher and copy.cypher and returns every entity,
//! relation and evidence item. Through the scripts in tests/engines/.
//! Ignored by a plain `cargo test`; `cargo test -- --ignored` runs them (docs/testing.md).

#[path = "engines/common.rs"]
mod common;

use common::{engine, graphs, python, python_module, run, save_json};
use relgraph::export::{ExportOptions, GraphFormat};
use relgraph::graph::KnowledgeGraph;
use serde_json::Value;
use std::process::Command;

fn script(name: &str) -> std::path::PathBuf {
    common::repo().join("tests/engines").join(name)
}

fn check_networkx_view(view: &Value, kg: &KnowledgeGraph, what: &str) {
    let g = kg.graph();
    assert_eq!(view["directed"], true, "{what}");
    assert_eq!(view["multigraph"], true, "{what}");
    let nodes = view["nodes"].as_object().unwrap();
    assert_eq!(nodes.len(), kg.node_count(), "{what}: nodes");
    for (id, attrs) in nodes {
        let d = &g[kg
            .node_index(id)
            .unwrap_or_else(|| panic!("{what}: unknown id {id:?}"))];
        assert!(attrs["name"] == d.name.as_str(), "{what}: name of {id:?}");
        assert_eq!(attrs["type"], d.etype.as_str(), "{what}");
        assert_eq!(
            attrs.get("qid").and_then(Value::as_str),
            d.qid.as_deref(),
            "{what}"
        );
        assert_eq!(attrs["mentions"], d.mentions, "{what}");
    }
    let edges = view["edges"].as_array().unwrap();
    assert_eq!(edges.len(), kg.edge_count(), "{what}: edges");
    let mut want: Vec<(String, String, String, String, u64, f32, usize)> = kg
        .sorted_edges()
        .into_iter()
        .map(|e| {
            let (s, t) = g.edge_endpoints(e).unwrap();
            let d = &g[e];
            (
                g[s].id.clone(),
                g[t].id.clone(),
                d.rtype.to_string(),
                d.origin.to_string(),
                d.count,
                d.confidence,
                d.evidence.len(),
            )
        })
        .collect();
    want.sort_by(|a, b| (&a.0, &a.1, &a.2, &a.3).cmp(&(&b.0, &b.1, &b.2, &b.3)));
    let mut got: Vec<(String, String, String, String, u64, f32, usize)> = edges
        .iter()
        .map(|e| {
            (
                e[0].as_str().unwrap().to_string(),
                e[1].as_str().unwrap().to_string(),
                e[2].as_str().unwrap().to_string(),
                e[3].as_str().unwrap().to_string(),
                e[4].as_u64().unwrap(),
                e[5].as_f64().unwrap() as f32,
                e[6].as_u64().unwrap() as usize,
            )
        })
        .collect();
    got.sort_by(|a, b| (&a.0, &a.1, &a.2, &a.3).cmp(&(&b.0, &b.1, &b.2, &b.3)));
    assert_eq!(got, want, "{what}: edges");
}

#[test]
#[ignore = "needs Python with NetworkX: see docs/testing.md"]
fn networkx_reads_graphml_and_node_link_json_alike() {
    if !engine(
        "NetworkX",
        python_module("networkx").map_err(|e| format!("{e} (pip install networkx)")),
    ) {
        return;
    }
    // The oldest NetworkX the JSON graph file supports, installed into a folder of its own
    // (`pip install --target DIR networkx==3.0`, .ci/engines.sh).
    let old = std::env::var_os("RELGRAPH_NETWORKX_OLD");
    if old.is_none() && std::env::var_os("RELGRAPH_REQUIRE_ENGINES").is_some() {
        panic!("RELGRAPH_NETWORKX_OLD is not set (.ci/engines.sh installs NetworkX 3.0 there)");
    }
    let dir = tempfile::tempdir().unwrap();
    for (name, kg) in graphs() {
        let json = save_json(&kg, dir.path(), name);
        let graphml = dir.path().join(format!("{name}.graphml"));
        GraphFormat::Graphml
            .save(&kg, &ExportOptions::default(), Some(&graphml))
            .unwrap();
        let gexf = dir.path().join(format!("{name}.gexf"));
        GraphFormat::Gexf
            .save(&kg, &ExportOptions::default(), Some(&gexf))
            .unwrap();
        let cyjs = dir.path().join(format!("{name}.cyjs"));
        GraphFormat::Cytoscape
            .save(&kg, &ExportOptions::default(), Some(&cyjs))
            .unwrap();
        let mut pythonpaths = vec![None];
        pythonpaths.extend(old.as_deref().map(Some));
        for pythonpath in pythonpaths {
            let mut cmd = Command::new(python());
            cmd.arg(script("networkx_check.py"))
                .arg(&graphml)
                .arg(&json)
                .arg(&gexf)
                .arg(&cyjs);
            if let Some(p) = pythonpath {
                cmd.env("PYTHONPATH", p).arg("--json-only");
            }
            let out = run(&mut cmd).unwrap_or_else(|e| panic!("{name}: {e}"));
            let v: Value = serde_json::from_str(&out).unwrap();
            let version = v["networkx"].as_str().unwrap().to_string();
            let numbers: Vec<u32> = version
                .split('.')
                .take(2)
                .map(|x| x.parse().unwrap())
                .collect();
            match pythonpath {
                // The installed NetworkX reads the file with its defaults.
                None => assert!(
                    numbers >= vec![3, 6],
                    "NetworkX {version} is older than 3.6"
                ),
                Some(_) => assert_eq!(numbers, vec![3, 0], "{version}"),
            }
            let what = format!("{name}, NetworkX {version}");
            check_networkx_view(&v["node_link"], &kg, &format!("{what}, node-link JSON"));
            if pythonpath.is_some() {
                // The oldest supported NetworkX is for the JSON graph file.
                continue;
            }
            check_networkx_view(&v["graphml"], &kg, &format!("{what}, GraphML"));
            // GraphML's label key is what Gephi and yEd display.
            for (id, attrs) in v["graphml"]["nodes"].as_object().unwrap() {
                assert_eq!(attrs["label"], attrs["name"], "{what}: {id}");
            }
            check_networkx_view(&v["gexf"], &kg, &format!("{what}, GEXF"));
            check_networkx_view(&v["cytoscape"], &kg, &format!("{what}, Cytoscape JSON"));
            // Gephi's colours and sizes: by type, and growing with the degree.
            let g = kg.graph();
            for n in kg.sorted_nodes() {
                let d = &g[n];
                let viz = &v["gexf_viz"][&d.id];
                let (r, gr, b) = relgraph::export::gexf::node_rgb(d.etype);
                assert_eq!(viz["color"]["r"], r, "{what}: colour of {}", d.id);
                assert_eq!(viz["color"]["g"], gr, "{what}");
                assert_eq!(viz["color"]["b"], b, "{what}");
                let degree = kg.degree(n);
                let size = viz["size"].as_f64().unwrap();
                let want = relgraph::export::gexf::node_size(degree);
                assert!((size - want).abs() < 0.01, "{what}: size of {}", d.id);
            }
            // GraphML's label key is what Gephi and yEd display.
            for (id, attrs) in v["graphml"]["nodes"].as_object().unwrap() {
                assert_eq!(attrs["label"], attrs["name"], "{what}: {id}");
            }
        }
    }
}

#[test]
#[ignore = "needs Python with Kùzu: see docs/testing.md"]
fn kuzu_loads_the_kuzu_export_with_every_evidence_item() {
    if !engine(
        "Kùzu",
        python_module("kuzu").map_err(|e| format!("{e} (pip install kuzu)")),
    ) {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let mut features_seen = 0;
    for (name, kg) in graphs() {
        let folder = dir.path().join(format!("{name}-kuzu"));
        GraphFormat::Kuzu
            .save(&kg, &ExportOptions::default(), Some(&folder))
            .unwrap();
        let db = dir.path().join(format!("{name}.kuzu"));
        let out = run(Command::new(python())
            .arg(script("kuzu_check.py"))
            .arg(&folder)
            .arg(&db))
        .unwrap_or_else(|e| panic!("{name}: {e}"));
        let v: Value = serde_json::from_str(&out).unwrap();
        let g = kg.graph();
        // Entities: every field, the aliases as a list.
        let want: Vec<Value> = kg
            .sorted_nodes()
            .into_iter()
            .map(|n| {
                let d = &g[n];
                serde_json::json!([
                    d.id,
                    d.name,
                    d.etype.as_str(),
                    d.qid,
                    d.aliases,
                    d.mentions,
                    d.documents
                ])
            })
            .collect();
        let mut got = v["nodes"].as_array().unwrap().clone();
        // Kùzu orders strings by bytes, like Rust; sort both the same way regardless.
        got.sort_by(|a, b| a[0].as_str().cmp(&b[0].as_str()));
        let mut want = want;
        want.sort_by(|a, b| a[0].as_str().cmp(&b[0].as_str()));
        assert_eq!(got, want, "{name}: entities");
        // Relations and every evidence item, in export order.
        let mut want_edges = Vec::new();
        let mut want_evidence = Vec::new();
        for (id, e) in kg.sorted_edges().into_iter().enumerate() {
            let (s, t) = g.edge_endpoints(e).unwrap();
            let d = &g[e];
            want_edges.push(serde_json::json!([
                id,
                g[s].id,
                g[t].id,
                d.rtype.as_str(),
                d.origin.as_str(),
                d.count,
                d.confidence,
                d.roles
            ]));
            for (k, ev) in d.evidence.iter().enumerate() {
                let features =
                    (!ev.features.is_empty()).then(|| serde_json::to_string(&ev.features).unwrap());
                features_seen += usize::from(features.is_some());
                let text = |s: &str| (!s.is_empty()).then(|| s.to_string());
                want_evidence.push(serde_json::json!([
                    format!("{id}/{k}"),
                    id,
                    ev.doc,
                    ev.date.map(|d| d.to_string()),
                    ev.start,
                    ev.end,
                    text(&ev.trigger),
                    ev.rule,
                    ev.confidence,
                    ev.role,
                    features,
                    ev.sentence
                ]));
            }
        }
        let close = |a: &Value, b: &Value| match (a.as_f64(), b.as_f64()) {
            (Some(x), Some(y)) if a.is_f64() || b.is_f64() => (x - y).abs() < 1e-6,
            _ => a == b,
        };
        let same = |got: &Value, want: &[Value], what: &str| {
            let got = got.as_array().unwrap();
            assert_eq!(got.len(), want.len(), "{name}: {what} count");
            for (g, w) in got.iter().zip(want) {
                let (g, w) = (g.as_array().unwrap(), w.as_array().unwrap());
                assert!(
                    g.len() == w.len() && g.iter().zip(w).all(|(a, b)| close(a, b)),
                    "{name}: {what}: got {g:?}, want {w:?}"
                );
            }
        };
        same(&v["edges"], &want_edges, "relations");
        same(&v["evidence"], &want_evidence, "evidence");
    }
    assert!(features_seen > 0, "no model evidence among the test graphs");
}

/// The fenced blocks of the docs/targets pages: (file, language, first line, content).
fn target_doc_blocks() -> Vec<(String, String, usize, String)> {
    let mut files: Vec<_> = std::fs::read_dir(common::repo().join("docs/targets"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "md"))
        .collect();
    files.sort();
    let mut blocks = Vec::new();
    for path in files {
        let text = std::fs::read_to_string(&path).unwrap();
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        let mut open: Option<(String, usize, String)> = None;
        for (i, line) in text.lines().enumerate() {
            if let Some(info) = line.strip_prefix("```") {
                match open.take() {
                    None => open = Some((info.trim().to_string(), i + 1, String::new())),
                    Some((lang, at, body)) => blocks.push((name.clone(), lang, at, body)),
                }
            } else if let Some((_, _, body)) = open.as_mut() {
                body.push_str(line);
                body.push('\n');
            }
        }
    }
    blocks
}

/// The commands of docs/targets/*.md run as written: every `relgraph` command of the shell
/// blocks (with the bundled examples for `corpus/`), then every Python block in a folder
/// holding what those commands wrote, then the Kùzu queries against the database the Kùzu page
/// builds. Commands of tools CI does not run (neo4j-admin, cypher-shell, mgconsole, redis-cli,
/// Docker, Jena, the Oxigraph server) are not; `relgraph push` needs a FalkorDB and runs in
/// tests/engines_falkordb.rs; the SPARQL queries run in tests/export_roundtrip.rs.
#[test]
#[ignore = "needs Python with networkx, kuzu, pandas, igraph, rdflib and Graphviz: see docs/testing.md"]
fn target_docs_commands_run_as_written() {
    for module in ["networkx", "kuzu", "pandas", "igraph", "rdflib"] {
        if !engine(
            module,
            python_module(module).map_err(|e| format!("{e} (pip install {module})")),
        ) {
            return;
        }
    }
    let dir = tempfile::tempdir().unwrap();
    let examples = common::repo().join("data/examples");
    let blocks = target_doc_blocks();
    let mut ran = 0;
    for (file, lang, at, body) in &blocks {
        if lang != "sh" {
            continue;
        }
        for line in body.lines() {
            let line = line.split("  #").next().unwrap().trim();
            let Some(rest) = line.strip_prefix("relgraph ") else {
                continue;
            };
            if rest.starts_with("push ") {
                continue;
            }
            let mut words: Vec<String> = rest
                .split_whitespace()
                .map(|w| {
                    if w == "corpus/" {
                        examples.display().to_string()
                    } else {
                        w.to_string()
                    }
                })
                .collect();
            // `relgraph build corpus/ -f dot | dot -Tsvg > graph.svg`: the part before the pipe,
            // its output kept in a file for the pipe's reader.
            let piped = words.iter().position(|w| w == "|");
            if let Some(p) = piped {
                words.truncate(p);
                words.extend(["-o".to_string(), "piped.dot".to_string()]);
            }
            let out = run(common::relgraph().args(&words).current_dir(dir.path()))
                .unwrap_or_else(|e| panic!("{file}:{at}: relgraph {rest}: {e}"));
            let _ = out;
            ran += 1;
        }
    }
    assert!(
        ran >= 10,
        "only {ran} relgraph commands found in docs/targets"
    );
    let mut python_blocks = 0;
    for (file, lang, at, body) in &blocks {
        if lang != "python" {
            continue;
        }
        run(Command::new(python())
            .arg("-c")
            .arg(body)
            .current_dir(dir.path()))
        .unwrap_or_else(|e| panic!("{file}:{at}: the Python example fails: {e}"));
        python_blocks += 1;
    }
    assert!(python_blocks >= 5, "only {python_blocks} Python examples");
    // The Kùzu page's queries, on the database its Python example built.
    let (file, _, at, queries) = blocks
        .iter()
        .find(|(f, lang, _, _)| f == "kuzu.md" && lang == "cypher")
        .expect("kuzu.md has a cypher block");
    let script = r#"
import sys, kuzu
conn = kuzu.Connection(kuzu.Database("relgraph.kuzu"))
text = sys.stdin.read()
for q in [q for q in text.split(";") if q.strip()]:
    lines = [l for l in q.splitlines() if not l.strip().startswith("//")]
    conn.execute("\n".join(lines))
"#;
    let mut child = Command::new(python())
        .arg("-c")
        .arg(script)
        .current_dir(dir.path())
        .stdin(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    std::io::Write::write_all(&mut child.stdin.take().unwrap(), queries.as_bytes()).unwrap();
    let out = child.wait_with_output().unwrap();
    assert!(
        out.status.success(),
        "{file}:{at}: the Kùzu queries fail: {}",
        String::from_utf8_lossy(&out.stderr)
    );
}

//! Shared by the export and engine tests (`#[path = "engines/common.rs"] mod common;`): the test
//! graphs (hostile names everywhere) and the engine-availability rule.
//!
//! A test that needs an engine is `#[ignore = "needs ..."]`: a plain `cargo test` reports it as
//! ignored with the reason; `cargo test -- --ignored` runs it, and a missing engine then fails it.

#![allow(dead_code)]

use relgraph::graph::KnowledgeGraph;
use relgraph::types::{EntityType, Origin, RelationType};
use relgraph::wire::graph::{
    EvidenceItem, FORMAT_NAME, FORMAT_VERSION, GraphFile, GraphMeta, LinkRecord, NodeRecord,
};
use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::OnceLock;

/// The repository root.
pub fn repo() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// The relgraph binary.
pub fn relgraph() -> Command {
    Command::new(env!("CARGO_BIN_EXE_relgraph"))
}

/// `true` when the engine is there; otherwise the test fails. Tests that need an engine are
/// `#[ignore = "needs ..."]`, so a plain `cargo test` lists them as ignored (never as passed),
/// and `cargo test -- --ignored` (CI, after `.ci/engines.sh`) runs them: an engine missing
/// then is a failure, never a silent skip (docs/testing.md).
pub fn engine(name: &str, available: Result<(), String>) -> bool {
    match available {
        Ok(()) => true,
        Err(why) => panic!(
            "{name} is needed by this test but unavailable: {why} (see docs/testing.md, `bash .ci/engines.sh` installs it)"
        ),
    }
}

/// Runs a command, returning its stdout, or why it could not run / failed.
pub fn run(cmd: &mut Command) -> Result<String, String> {
    let out = cmd
        .output()
        .map_err(|e| format!("{:?}: {e}", cmd.get_program()))?;
    if out.status.success() {
        Ok(String::from_utf8_lossy(&out.stdout).into_owned())
    } else {
        Err(format!(
            "{:?} exited with {}: {}",
            cmd.get_program(),
            out.status,
            String::from_utf8_lossy(&out.stderr)
        ))
    }
}

/// The Python interpreter for engine checks (`RELGRAPH_PYTHON`, else `python3`).
pub fn python() -> String {
    std::env::var("RELGRAPH_PYTHON").unwrap_or_else(|_| "python3".to_string())
}

/// Whether the Python interpreter can import `module`.
pub fn python_module(module: &str) -> Result<(), String> {
    run(Command::new(python()).args(["-c", &format!("import {module}")])).map(|_| ())
}

/// Builds a graph with the binary (JSON) and reads it back.
pub fn build_with_cli(args: &[&str]) -> KnowledgeGraph {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("g.json");
    let mut cmd = relgraph();
    cmd.current_dir(repo())
        .arg("build")
        .args(args)
        .arg("-o")
        .arg(&out);
    run(&mut cmd).unwrap_or_else(|e| panic!("build failed: {e}"));
    let text = std::fs::read_to_string(&out).unwrap();
    let file: GraphFile = serde_json::from_str(&text).unwrap();
    KnowledgeGraph::from_wire(file, "g.json").unwrap()
}

/// The arguments that build the hostile graph from the fixtures.
pub const HOSTILE_BUILD: [&str; 6] = [
    "tests/fixtures/hostile-texts",
    "--gazetteer",
    "tests/fixtures/hostile.jsonl",
    "--no-default-gazetteer",
    "--facts",
    "all",
];

/// The hostile gazetteer fixture built into a graph by the CLI (text and gazetteer edges).
pub fn hostile_built() -> KnowledgeGraph {
    static G: OnceLock<KnowledgeGraph> = OnceLock::new();
    G.get_or_init(|| build_with_cli(&HOSTILE_BUILD)).clone()
}

/// The bundled examples, built with the default gazetteer and rules.
pub fn examples_built() -> KnowledgeGraph {
    static G: OnceLock<KnowledgeGraph> = OnceLock::new();
    G.get_or_init(|| build_with_cli(&["data/examples"])).clone()
}

/// A 10,000-character name.
pub fn long_name(prefix: &str) -> String {
    let mut s = prefix.to_string();
    while s.chars().count() < 10_000 {
        s.push('ж');
    }
    s
}

fn node(
    id: &str,
    name: &str,
    etype: EntityType,
    qid: Option<&str>,
    aliases: &[&str],
) -> NodeRecord {
    NodeRecord {
        id: id.to_string(),
        name: name.to_string(),
        etype,
        qid: qid.map(str::to_string),
        aliases: aliases.iter().map(|s| s.to_string()).collect(),
        mentions: 3,
        documents: 2,
    }
}

fn link(
    source: &str,
    rtype: RelationType,
    target: &str,
    origin: Origin,
    evidence: Vec<EvidenceItem>,
) -> LinkRecord {
    LinkRecord {
        source: source.to_string(),
        target: target.to_string(),
        key: relgraph::graph::link_key(rtype, origin),
        rtype,
        origin,
        count: evidence.len().max(1) as u64,
        confidence: 0.75,
        roles: Vec::new(),
        evidence,
    }
}

fn ev(doc: &str, trigger: &str) -> EvidenceItem {
    EvidenceItem {
        doc: doc.to_string(),
        date: Some("2024-06-19".parse().unwrap()),
        start: 10,
        end: 42,
        trigger: trigger.to_string(),
        rule: "events.met_with".to_string(),
        confidence: 0.75,
        role: None,
        features: Vec::new(),
        sentence: None,
        source_spans: Vec::new(),
        target_spans: Vec::new(),
    }
}

/// Ids of the direct hostile graph, for tests that look for a known edge or path.
pub const DIRECT_PERSON: &str = "person:\"O'Brien\" \\ {x}";
pub const DIRECT_STATE: &str = "state:]] <&> // --";
pub const DIRECT_ORG: &str = "org:MATCH (n) DETACH DELETE n";

/// A graph built directly (not through the gazetteer, whose ids are restricted): hostile ids as
/// well as names, ids that look like the DOT legend's, text and gazetteer edges between the same
/// pair, an edge without evidence, a duplicated QID.
pub fn hostile_direct() -> KnowledgeGraph {
    let long = long_name("Long ");
    let nodes = vec![
        node(
            DIRECT_PERSON,
            "O'Brien \"the \\\"Q\\\"\" \\ }]) RETURN 1 //",
            EntityType::Person,
            Some("Q1"),
            &["Ob'", "\"Q\""],
        ),
        node(
            DIRECT_STATE,
            "État <&> ]]> --> 北方王国 😀🏳️‍🌈",
            EntityType::State,
            Some("Q2"),
            &[],
        ),
        node(
            DIRECT_ORG,
            "CREATE (x)-[:R]->(y); MERGE\nSET\r\nDELETE\tREMOVE",
            EntityType::Organization,
            Some("Q2"),
            &[],
        ),
        node("loc:long", &long, EntityType::Location, None, &[]),
        node(
            "legend:person",
            "Владимир 🚀",
            EntityType::Person,
            None,
            &[],
        ),
        node("cluster_0", "مدينة", EntityType::Location, None, &[]),
        node(
            "x:\n\"",
            "line\nbreak \"dq\" 'sq'",
            EntityType::Person,
            None,
            &[],
        ),
    ];
    let mut links = vec![
        link(
            DIRECT_PERSON,
            RelationType::HeadOfState,
            DIRECT_STATE,
            Origin::Gazetteer,
            vec![],
        ),
        link(
            DIRECT_PERSON,
            RelationType::HeadOfState,
            DIRECT_STATE,
            Origin::Text,
            vec![ev("doc \"one\".txt", "President\n\"Q\""), ev("doc2", "x")],
        ),
        link(
            DIRECT_PERSON,
            RelationType::LeaderOf,
            DIRECT_ORG,
            Origin::Text,
            vec![ev("a\\b", "leads")],
        ),
        link(
            DIRECT_ORG,
            RelationType::PartOf,
            DIRECT_STATE,
            Origin::Gazetteer,
            vec![ev("gazetteer", "")],
        ),
        link(
            "loc:long",
            RelationType::LocatedIn,
            DIRECT_STATE,
            Origin::Gazetteer,
            vec![ev("gazetteer", "")],
        ),
        link(
            "cluster_0",
            RelationType::LocatedIn,
            "loc:long",
            Origin::Text,
            vec![ev("d", "in")],
        ),
        link(
            "legend:person",
            RelationType::MetWith,
            "x:\n\"",
            Origin::Text,
            vec![ev("d", "met")],
        ),
        link(
            "legend:person",
            RelationType::Criticizes,
            DIRECT_ORG,
            Origin::Text,
            vec![ev("d", "'}]")],
        ),
    ];
    links[0].roles = vec![
        "Chief \"Exec\" \\ 'Officer'".to_string(),
        "Leader {of} [all]".to_string(),
    ];
    links[1].count = 7;
    links[1].confidence = 1.0;
    links.sort_by(|a, b| {
        (&a.source, &a.target, a.rtype, a.origin).cmp(&(&b.source, &b.target, b.rtype, b.origin))
    });
    let file = GraphFile {
        directed: true,
        multigraph: true,
        graph: GraphMeta {
            format: FORMAT_NAME.to_string(),
            format_version: FORMAT_VERSION,
            generator: "test".to_string(),
            documents: 3,
        },
        nodes,
        edges: links,
    };
    KnowledgeGraph::from_wire(file, "direct").unwrap()
}

/// Every test graph, named.
pub fn graphs() -> Vec<(&'static str, KnowledgeGraph)> {
    vec![
        ("examples", examples_built()),
        ("hostile-built", hostile_built()),
        ("hostile-direct", hostile_direct()),
    ]
}

/// Writes a graph as JSON into `dir` and returns the path.
pub fn save_json(kg: &KnowledgeGraph, dir: &Path, name: &str) -> PathBuf {
    let path = dir.join(format!("{name}.json"));
    let mut buf = Vec::new();
    relgraph::export::GraphFormat::Json
        .write(kg, &mut buf)
        .unwrap();
    std::fs::write(&path, buf).unwrap();
    path
}

/// (source id, target id, relation type, origin) of every edge, sorted.
pub fn edge_keys(kg: &KnowledgeGraph) -> Vec<(String, String, String, String)> {
    let g = kg.graph();
    kg.sorted_edges()
        .into_iter()
        .map(|e| {
            let (s, t) = g.edge_endpoints(e).unwrap();
            (
                g[s].id.clone(),
                g[t].id.clone(),
                g[e].rtype.to_string(),
                g[e].origin.to_string(),
            )
        })
        .collect()
}

/// A path a -> b -> c of two edges (the first in id order), for path queries.
pub fn two_hop_path(kg: &KnowledgeGraph) -> Option<(String, String, String)> {
    let g = kg.graph();
    for e1 in kg.sorted_edges() {
        let (a, b) = g.edge_endpoints(e1).unwrap();
        for e2 in kg.sorted_edges() {
            let (b2, c) = g.edge_endpoints(e2).unwrap();
            if b2 == b && c != a && a != b {
                return Some((g[a].id.clone(), g[b].id.clone(), g[c].id.clone()));
            }
        }
    }
    None
}

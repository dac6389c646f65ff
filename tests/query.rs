//! `relgraph query`: golden tables and JSON for every command on a graph built from
//! tests/fixtures/query/news.jsonl, the "did you mean" path, filters, stdin and errors.

mod common;
use common::*;
use std::path::PathBuf;
use std::sync::OnceLock;

/// The fixture graph, built once per test run with `relgraph build`. The gazetteer is pinned to
/// a copy of the curated entries of the default gazetteer (tests/fixtures/query/gazetteer.jsonl)
/// so that the golden output does not move when the generated gazetteer grows.
fn graph() -> &'static str {
    static GRAPH: OnceLock<String> = OnceLock::new();
    GRAPH.get_or_init(|| {
        let path = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("query-fixture.json");
        let o = relgraph(
            &[
                "build",
                "tests/fixtures/query/news.jsonl",
                "--no-default-gazetteer",
                "--gazetteer",
                "tests/fixtures/query/gazetteer.jsonl",
                "-j",
                "1",
                "-o",
                path.to_str().unwrap(),
            ],
            None,
        );
        assert!(o.status.success(), "build failed: {}", stderr(&o));
        path.to_str().unwrap().to_string()
    })
}

/// Runs `relgraph query <args>` with the fixture graph in place of `G`.
fn query(args: &[&str]) -> std::process::Output {
    let g = graph();
    let mut full = vec!["query"];
    full.extend(args.iter().map(|a| if *a == "G" { g } else { a }));
    relgraph(&full, None)
}

/// Every command, as a table and as JSON.
const GOLDEN: &[(&str, &[&str])] = &[
    ("neighbors", &["neighbors", "G", "Vladimir Putin"]),
    (
        "neighbors_depth2_states",
        &[
            "neighbors",
            "G",
            "kim jong un",
            "--depth",
            "2",
            "--entity-type",
            "state",
        ],
    ),
    (
        "neighbors_in_text",
        &[
            "neighbors",
            "G",
            "state:RU",
            "--direction",
            "in",
            "--origin",
            "text",
        ],
    ),
    ("path", &["path", "G", "Sergei Shoigu", "Xi Jinping"]),
    (
        "path_all",
        &[
            "path",
            "G",
            "Poland",
            "North Korea",
            "--all",
            "--max-len",
            "3",
        ],
    ),
    (
        "path_none",
        &[
            "path",
            "G",
            "Poland",
            "Xi Jinping",
            "--relation",
            "supports",
        ],
    ),
    (
        "explain",
        &["explain", "G", "Vladimir Putin", "Kim Jong Un"],
    ),
    (
        "explain_since",
        &["explain", "G", "Russia", "North Korea", "--since", "2024"],
    ),
    ("top_degree", &["top", "G", "-n", "5"]),
    (
        "top_pagerank_people",
        &["top", "G", "--by", "pagerank", "--entity-type", "person"],
    ),
    (
        "top_betweenness",
        &["top", "G", "--by", "betweenness", "-n", "5"],
    ),
    ("stats", &["stats", "G"]),
    (
        "stats_text_until_2023",
        &["stats", "G", "--origin", "text", "--until", "2023"],
    ),
    ("find", &["find", "G", "korea"]),
    ("find_alias", &["find", "G", "dprk"]),
    ("find_similar", &["find", "G", "Vladmir Putn"]),
];

#[test]
fn golden_tables_and_json() {
    for (name, args) in GOLDEN {
        let o = query(args);
        assert!(o.status.success(), "{name}: {}", stderr(&o));
        insta::assert_snapshot!(format!("query_{name}"), stdout(&o));
        let mut json_args = args.to_vec();
        json_args.push("--json");
        let o = query(&json_args);
        assert!(o.status.success(), "{name} --json: {}", stderr(&o));
        let text = stdout(&o);
        let value: serde_json::Value =
            serde_json::from_str(&text).unwrap_or_else(|e| panic!("{name}: {e}"));
        assert!(value.is_object(), "{name}");
        insta::assert_snapshot!(format!("query_{name}_json"), text);
    }
}

#[test]
fn unknown_names_suggest_the_closest_entities() {
    let o = query(&["neighbors", "G", "Vladimir Putn"]);
    assert_eq!(o.status.code(), Some(2));
    let err = stderr(&o);
    assert!(err.contains("no entity named \"Vladimir Putn\""), "{err}");
    assert!(
        err.contains("did you mean: Vladimir Putin (person:vladimir-putin, person)"),
        "{err}"
    );
    // A surname alone is not a name or alias, but the suggestion finds it.
    let o = query(&["path", "G", "Vladimir Putin", "Shoigu"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).contains("did you mean: Sergei Shoigu (person:sergei-shoigu, person)"),
        "{}",
        stderr(&o)
    );
    // Nothing close: point to `find`.
    let o = query(&["explain", "G", "Russia", "zzzzqqq"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("query find"), "{}", stderr(&o));
    assert!(stdout(&o).is_empty());
}

#[test]
fn names_resolve_through_ids_names_and_aliases_ignoring_case() {
    for name in ["state:KP", "North Korea", "NORTH KOREA", "dprk", "  DPRK "] {
        let o = query(&["neighbors", "G", name, "--json"]);
        assert!(o.status.success(), "{name}: {}", stderr(&o));
        let v: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
        assert_eq!(v["entity"]["id"], "state:KP", "{name}");
    }
}

#[test]
fn reads_the_graph_from_stdin() {
    let text = std::fs::read_to_string(graph()).unwrap();
    let a = relgraph(&["query", "stats", "-"], Some(&text));
    assert!(a.status.success(), "{}", stderr(&a));
    let b = query(&["stats", "G"]);
    assert_eq!(stdout(&a), stdout(&b));
}

#[test]
fn output_is_deterministic() {
    for args in [
        &["top", "G", "--by", "pagerank", "--json"][..],
        &["path", "G", "Poland", "Russia", "--all"],
    ] {
        assert_eq!(stdout(&query(args)), stdout(&query(args)));
    }
}

#[test]
fn filters_restrict_edges() {
    let edges = |args: &[&str]| -> u64 {
        let mut a = vec!["stats", "G", "--json"];
        a.extend_from_slice(args);
        let o = query(&a);
        assert!(o.status.success(), "{}", stderr(&o));
        serde_json::from_str::<serde_json::Value>(&stdout(&o)).unwrap()["edges"]
            .as_u64()
            .unwrap()
    };
    let all = edges(&[]);
    let text = edges(&["--origin", "text"]);
    let gaz = edges(&["--origin", "gazetteer"]);
    assert_eq!(all, text + gaz);
    assert!(text > 0 && gaz > 0);
    assert!(edges(&["--min-count", "2"]) < all);
    // A date range leaves out undated evidence (here the undated document's one edge).
    assert_eq!(edges(&["--since", "2015"]), all - 1);
    assert_eq!(
        edges(&["--since", "2019-04", "--until", "2019-04-25"]),
        edges(&["--until", "2019"])
    );
    let o = query(&["stats", "G", "--since", "2025", "--until", "2024"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("--since 2025 is after --until 2024"));
}

#[test]
fn ego_writes_an_export_format() {
    let o = query(&["ego", "G", "Kim Jong Un", "-f", "json"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let v: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
    assert_eq!(v["graph"]["format"], "relgraph-graph");
    let ids: Vec<&str> = v["nodes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|n| n["id"].as_str().unwrap())
        .collect();
    assert!(
        ids.contains(&"person:kim-jong-un") && ids.contains(&"person:vladimir-putin"),
        "{ids:?}"
    );
    assert!(!ids.contains(&"state:PL"), "{ids:?}");
    // The subgraph is itself a graph file the queries read.
    let dir = tempdir();
    let sub = write(dir.path(), "kim.json", &stdout(&o));
    let o = relgraph(
        &["query", "neighbors", sub.to_str().unwrap(), "Kim Jong Un"],
        None,
    );
    assert!(o.status.success(), "{}", stderr(&o));
    assert_eq!(
        stdout(&o),
        stdout(&query(&["neighbors", "G", "Kim Jong Un"]))
    );

    let o = query(&["ego", "G", "Kim Jong Un", "--radius", "1", "-f", "dot"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let dot = stdout(&o);
    assert!(dot.starts_with("digraph"), "{dot}");
    for id in ["person:kim-jong-un", "person:vladimir-putin", "state:KP"] {
        assert!(dot.contains(&format!("\"{id}\"")), "{id} missing:\n{dot}");
    }
    assert!(!dot.contains("\"state:PL\""), "{dot}");
}

#[test]
#[ignore = "needs Graphviz (dot): see docs/testing.md"]
fn ego_dot_renders_with_graphviz() {
    need_tool("dot", "-V");
    let dir = tempdir();
    let o = query(&["ego", "G", "Kim Jong Un", "--radius", "1", "-f", "dot"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let p = write(dir.path(), "kim.dot", &stdout(&o));
    let r = std::process::Command::new("dot")
        .arg("-Tsvg")
        .arg(&p)
        .output()
        .unwrap();
    assert!(r.status.success(), "{}", String::from_utf8_lossy(&r.stderr));
}

#[test]
fn path_all_respects_the_limit() {
    let o = query(&[
        "path",
        "G",
        "Poland",
        "Russia",
        "--all",
        "--max-len",
        "4",
        "--json",
    ]);
    let v: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
    let n = v["paths"].as_array().unwrap().len();
    assert!(n >= 2, "{v}");
    let lens: Vec<u64> = v["paths"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["length"].as_u64().unwrap())
        .collect();
    assert!(lens.windows(2).all(|w| w[0] <= w[1]), "{lens:?}");
    let o = query(&[
        "path",
        "G",
        "Poland",
        "Russia",
        "--all",
        "--max-len",
        "4",
        "--limit",
        "1",
        "--json",
    ]);
    let v: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
    assert_eq!(v["paths"].as_array().unwrap().len(), 1);
    assert_eq!(v["omitted"].as_u64().unwrap() as usize, n - 1);
}

#[test]
fn bad_graph_files_name_the_file_and_line() {
    let dir = tempdir();
    let p = write(
        dir.path(),
        "bad.json",
        "{\n  \"directed\": true,\n  \"nodes\": [}\n",
    );
    let o = relgraph(&["query", "stats", p.to_str().unwrap()], None);
    assert_eq!(o.status.code(), Some(2));
    let err = stderr(&o);
    assert!(
        err.contains("bad.json:3: not a readable relgraph graph file"),
        "{err}"
    );
    let o = relgraph(&["query", "stats", "no/such/graph.json"], None);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("no/such/graph.json"), "{}", stderr(&o));
}

#[test]
fn query_help_has_examples() {
    for sub in [
        "neighbors",
        "path",
        "ego",
        "explain",
        "top",
        "stats",
        "find",
        "export",
    ] {
        let o = relgraph(&["query", sub, "--help"], None);
        assert!(o.status.success(), "{sub}");
        assert!(
            stdout(&o).contains("Examples:"),
            "query {sub} --help lacks examples"
        );
    }
}

#[test]
fn binary_graph_files_round_trip_and_answer_the_same() {
    let dir = tempdir();
    let bin = dir.path().join("g.bin");
    let back = dir.path().join("back.json");
    let o = query(&["export", "G", "-o", bin.to_str().unwrap()]);
    assert!(o.status.success(), "{}", stderr(&o));
    let bytes = std::fs::read(&bin).unwrap();
    assert!(bytes.starts_with(b"RELGRAPH-BIN"));
    assert!(bytes.len() * 4 < std::fs::metadata(graph()).unwrap().len() as usize);
    let o = relgraph(
        &[
            "query",
            "export",
            bin.to_str().unwrap(),
            "-f",
            "json",
            "-o",
            back.to_str().unwrap(),
        ],
        None,
    );
    assert!(o.status.success(), "{}", stderr(&o));
    assert_eq!(
        std::fs::read(&back).unwrap(),
        std::fs::read(graph()).unwrap()
    );
    for args in [
        &["top", "--by", "pagerank"][..],
        &["explain", "Russia", "North Korea"],
        &["explain", "Russia", "North Korea", "--since", "2024"],
        &["stats", "--until", "2023-12"],
        &["neighbors", "Russia", "--since", "2024", "--json"],
    ] {
        let mut a = vec!["query", args[0], bin.to_str().unwrap()];
        a.extend_from_slice(&args[1..]);
        let from_bin = relgraph(&a, None);
        assert!(from_bin.status.success(), "{}", stderr(&from_bin));
        let mut b = vec![args[0], "G"];
        b.extend_from_slice(&args[1..]);
        assert_eq!(stdout(&from_bin), stdout(&query(&b)));
    }
    // A damaged file is an error naming the file, never a panic.
    let cut = dir.path().join("cut.bin");
    std::fs::write(&cut, &bytes[..bytes.len() / 2]).unwrap();
    let o = relgraph(&["query", "stats", cut.to_str().unwrap()], None);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).contains("cut.bin: binary graph file: checksum mismatch"),
        "{}",
        stderr(&o)
    );
    // Every single-bit flip past the magic bytes is caught by the checksum (or the header
    // checks): no damaged file loads as a different graph.
    let flipped = dir.path().join("flip.bin");
    let step = (bytes.len() / 150).max(1);
    let mut loaded = 0;
    for (k, at) in (16..bytes.len()).step_by(step).enumerate() {
        let mut b = bytes.clone();
        b[at] ^= 1 << (k % 8);
        std::fs::write(&flipped, &b).unwrap();
        let o = relgraph(&["query", "stats", flipped.to_str().unwrap()], None);
        if o.status.success() {
            loaded += 1;
        } else {
            assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
        }
    }
    assert_eq!(loaded, 0, "damaged files loaded");
    // Queries that map the file check only the blocks they read: a flip anywhere gives the
    // undamaged answer or an error naming the file, never another answer.
    let args = |file: &str| {
        vec!["query", "explain", file, "Russia", "North Korea", "--json"]
            .into_iter()
            .map(str::to_string)
            .collect::<Vec<_>>()
    };
    let run = |file: &str| {
        let a = args(file);
        relgraph(&a.iter().map(String::as_str).collect::<Vec<_>>(), None)
    };
    let want = stdout(&run(bin.to_str().unwrap()));
    assert!(want.contains("\"edges\""), "{want}");
    let (mut errors, mut same) = (0, 0);
    for (k, at) in (16..bytes.len()).step_by(step).enumerate() {
        let mut b = bytes.clone();
        b[at] ^= 1 << (k % 8);
        std::fs::write(&flipped, &b).unwrap();
        let o = run(flipped.to_str().unwrap());
        if o.status.success() {
            assert_eq!(stdout(&o), want, "a flip at byte {at} changed the answer");
            same += 1;
        } else {
            assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
            assert!(stderr(&o).contains("flip.bin"), "{}", stderr(&o));
            errors += 1;
        }
    }
    // The test file is one checksum block: only flips in the file checksum go unnoticed.
    assert!(
        errors > 100 && same <= 1,
        "{errors} errors, {same} unchanged"
    );
}

#[test]
fn export_applies_the_filters() {
    let o = query(&["export", "G", "--origin", "gazetteer", "-f", "json"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let v: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
    let links = v["edges"].as_array().unwrap();
    assert!(!links.is_empty());
    assert!(links.iter().all(|l| l["origin"] == "gazetteer"), "{v}");
}

#[test]
fn wikidata_qids_name_entities() {
    // Any command resolves a QID, in any case, to its entity.
    let by_name = query(&["neighbors", "G", "Vladimir Putin", "--json"]);
    let by_qid = query(&["neighbors", "G", "q7747", "--json"]);
    assert!(by_qid.status.success(), "{}", stderr(&by_qid));
    assert_eq!(by_qid.stdout, by_name.stdout);
    // find lists it as a QID match; a part of a QID matches nothing by QID.
    let o = query(&["find", "G", "Q7747", "--json"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(v["matches"][0]["id"], "person:vladimir-putin", "{v}");
    assert_eq!(v["matches"][0]["field"], "qid", "{v}");
    let o = query(&["find", "G", "Q774", "--json"]);
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert!(
        v["matches"]
            .as_array()
            .unwrap()
            .iter()
            .all(|m| m["field"] != "qid"),
        "{v}"
    );
}

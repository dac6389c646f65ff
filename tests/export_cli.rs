//! The export command lines: `-f` and the `-o` extension agree, the folder format, clear errors
//! (missing Graphviz, unknown extension, bad graph file), the diagram node-cap warning.

#[path = "engines/common.rs"]
mod common;

use common::{HOSTILE_BUILD, relgraph, repo, save_json};
use relgraph::export::{ExportOptions, GraphFormat};
use std::process::Output;

fn build(extra: &[&str]) -> Output {
    relgraph()
        .current_dir(repo())
        .arg("build")
        .args(HOSTILE_BUILD)
        .args(extra)
        .output()
        .unwrap()
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

#[test]
fn format_flag_and_extension_agree() {
    let dir = tempfile::tempdir().unwrap();
    let cases = [
        ("json", "json"),
        ("dot", "dot"),
        ("dot", "gv"),
        ("cypher", "cypher"),
        ("graphml", "graphml"),
        ("ntriples", "nt"),
        ("turtle", "ttl"),
    ];
    for (format, ext) in cases {
        let by_ext = dir.path().join(format!("g.{ext}"));
        let o = build(&["-o", by_ext.to_str().unwrap()]);
        assert!(o.status.success(), "{ext}: {}", stderr(&o));
        let o = build(&["-f", format]);
        assert!(o.status.success(), "{format}: {}", stderr(&o));
        assert_eq!(
            std::fs::read(&by_ext).unwrap(),
            o.stdout,
            "-f {format} vs .{ext}"
        );
    }
}

#[test]
fn neo4j_csv_writes_a_folder_and_needs_one() {
    let o = build(&["-f", "neo4j-csv"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("writes a folder"), "{}", stderr(&o));
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("deep/neo4j");
    let o = build(&["-f", "neo4j-csv", "-o", out.to_str().unwrap()]);
    assert!(o.status.success(), "{}", stderr(&o));
    let nodes = std::fs::read_to_string(out.join("nodes.csv")).unwrap();
    assert!(
        nodes.starts_with(
            "id:ID,:LABEL,name,type,qid,aliases:string[],mentions:long,documents:long\n"
        )
    );
    let rels = std::fs::read_to_string(out.join("relationships.csv")).unwrap();
    assert!(rels.starts_with(":START_ID,:END_ID,:TYPE,origin,count:long,confidence:double,"));
}

/// The folder formats need `-o DIR` and write every file of theirs there.
#[test]
fn folder_formats_write_their_files() {
    for (format, files) in [
        ("csv", &["nodes.csv", "edges.csv", "evidence.csv"][..]),
        (
            "kuzu",
            &[
                "entities.csv",
                "relations.csv",
                "evidence.csv",
                "schema.cypher",
                "copy.cypher",
            ][..],
        ),
    ] {
        let o = build(&["-f", format]);
        assert_eq!(o.status.code(), Some(2), "{format}");
        let e = stderr(&o);
        assert!(e.contains("writes a folder") && e.contains(files[0]), "{e}");
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join(format);
        let o = build(&["-f", format, "-o", out.to_str().unwrap()]);
        assert!(o.status.success(), "{format}: {}", stderr(&o));
        for f in files {
            assert!(
                std::fs::metadata(out.join(f)).unwrap().len() > 0,
                "{format}: {f}"
            );
        }
    }
}

#[test]
fn unknown_extension_is_a_usage_error() {
    let o = build(&["-o", "/tmp/relgraph-never-written.xyz"]);
    assert_eq!(o.status.code(), Some(2));
    let e = stderr(&o);
    assert!(
        e.contains("cannot tell the format") && e.contains("neo4j-csv"),
        "{e}"
    );
}

#[test]
fn node_cap_warns_on_stderr() {
    let o = build(&["-f", "dot", "--max-nodes", "3"]);
    assert!(o.status.success());
    let e = stderr(&o);
    assert!(e.contains("warning: the diagram shows 3 of"), "{e}");
    let o = build(&["-f", "dot", "--max-nodes", "0"]);
    assert_eq!(o.status.code(), Some(2));
    // A run without warnings ends with its one-line summary and nothing else.
    let o = build(&["-f", "dot"]);
    let e = stderr(&o);
    assert_eq!(e.lines().count(), 1, "{e}");
    assert!(e.starts_with("relgraph: 1 document ("), "{e}");
    assert!(e.contains("0 skipped: "), "{e}");
    let o = build(&["-f", "dot", "--quiet"]);
    assert!(stderr(&o).is_empty(), "{}", stderr(&o));
}

#[test]
fn render_without_graphviz_says_how_to_install_it() {
    let dir = tempfile::tempdir().unwrap();
    let json = save_json(&common::hostile_direct(), dir.path(), "g");
    // The binary graph file that `query` reads is read too.
    let bin = dir.path().join("g.bin");
    GraphFormat::Bin
        .save(
            &common::hostile_direct(),
            &ExportOptions::default(),
            Some(&bin),
        )
        .unwrap();
    let empty = tempfile::tempdir().unwrap();
    let out = dir.path().join("g.svg");
    for graph in [&json, &bin] {
        let o = relgraph()
            .env("PATH", empty.path())
            .arg("render")
            .arg(graph)
            .arg("-o")
            .arg(&out)
            .output()
            .unwrap();
        assert_eq!(o.status.code(), Some(2));
        let e = stderr(&o);
        assert!(
            e.contains("Graphviz") && e.contains("apt-get install graphviz"),
            "{e}"
        );
        assert!(!out.exists());
    }
}

#[test]
fn render_needs_a_known_image_format() {
    let dir = tempfile::tempdir().unwrap();
    let graph = save_json(&common::hostile_direct(), dir.path(), "g");
    for args in [&["-o", "g.gif"][..], &["-o", "-"][..]] {
        let o = relgraph()
            .arg("render")
            .arg(&graph)
            .args(args)
            .output()
            .unwrap();
        assert_eq!(o.status.code(), Some(2), "{args:?}");
        assert!(stderr(&o).contains("-f"), "{}", stderr(&o));
    }
}

#[test]
fn bad_graph_files_name_file_and_line() {
    let dir = tempfile::tempdir().unwrap();
    let bad = dir.path().join("bad.json");
    std::fs::write(&bad, "{\n  \"directed\": true,\n  oops\n}\n").unwrap();
    for cmd in [
        vec!["render", bad.to_str().unwrap(), "-o", "x.svg"],
        vec![
            "push",
            bad.to_str().unwrap(),
            "--falkordb",
            "redis://127.0.0.1:1",
            "--graph",
            "g",
        ],
    ] {
        let o = relgraph().args(&cmd).output().unwrap();
        assert_eq!(o.status.code(), Some(2), "{cmd:?}");
        let e = stderr(&o);
        assert!(e.contains(&format!("{}:3:", bad.display())), "{e}");
    }
}

/// `build` keeps each evidence item's sentence (`--no-sentences` drops it), and `extract
/// --sentences` gives it, in characters of the document text whatever its script.
#[test]
fn sentences_travel_with_the_evidence() {
    let dir = tempfile::tempdir().unwrap();
    let text = "Приветствие — Kim Jong Un met Vladimir Putin in Vladivostok.\nLater, «Sergei Shoigu» visited Pyongyang.\n";
    let input = dir.path().join("doc.txt");
    std::fs::write(&input, text).unwrap();
    let chars: Vec<char> = text.chars().collect();
    let sentence_of = |ev: &serde_json::Value| -> String {
        let (s, e) = (
            ev["start"].as_u64().unwrap() as usize,
            ev["end"].as_u64().unwrap() as usize,
        );
        chars[s..e].iter().collect()
    };
    let run = |args: &[&str]| {
        let o = std::process::Command::new(env!("CARGO_BIN_EXE_relgraph"))
            .args(args)
            .output()
            .unwrap();
        assert!(o.status.success(), "{}", stderr(&o));
        o.stdout
    };
    let rec: serde_json::Value =
        serde_json::from_slice(&run(&["extract", "--sentences", input.to_str().unwrap()])).unwrap();
    let mut seen = 0;
    for r in rec["relations"].as_array().unwrap() {
        for ev in r["evidence"].as_array().unwrap() {
            assert_eq!(ev["sentence"].as_str().unwrap(), sentence_of(ev), "{ev}");
            seen += 1;
        }
    }
    assert!(seen > 0);
    let plain: serde_json::Value =
        serde_json::from_slice(&run(&["extract", input.to_str().unwrap()])).unwrap();
    assert!(!plain.to_string().contains("\"sentence\""));
    let graph: serde_json::Value =
        serde_json::from_slice(&run(&["build", input.to_str().unwrap()])).unwrap();
    let items: Vec<&serde_json::Value> = graph["edges"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|e| e["evidence"].as_array().unwrap())
        .collect();
    assert!(!items.is_empty());
    for ev in items {
        assert_eq!(ev["sentence"].as_str().unwrap(), sentence_of(ev), "{ev}");
    }
    let lean: serde_json::Value =
        serde_json::from_slice(&run(&["build", "--no-sentences", input.to_str().unwrap()]))
            .unwrap();
    assert!(!lean.to_string().contains("\"sentence\""));
}

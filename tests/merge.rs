//! `relgraph merge` and `relgraph build --into`: building a corpus in parts and merging gives,
//! byte for byte, the graph of one build, for every split of the bundled examples, and with
//! `--facts all` and `--max-evidence`, from JSON and binary parts; duplicates are
//! kept once with a warning; bad inputs name the file and leave the output alone.

#[path = "engines/common.rs"]
mod common;

use common::{relgraph, repo};
use std::path::{Path, PathBuf};
use std::process::Output;

/// The bundled examples in the order a build of the folder reads them.
const EXAMPLES: [&str; 4] = [
    "data/examples/beijing-parade.txt",
    "data/examples/briefs.jsonl",
    "data/examples/kyiv-allies.txt",
    "data/examples/pyongyang-treaty.txt",
];

fn ok(o: Output) -> Output {
    assert!(
        o.status.success(),
        "exit {:?}: {}",
        o.status.code(),
        String::from_utf8_lossy(&o.stderr)
    );
    o
}

fn build(inputs: &[&str], extra: &[&str], out: &Path) {
    ok(relgraph()
        .current_dir(repo())
        .arg("build")
        .arg("-q")
        .args(inputs)
        .args(extra)
        .arg("-o")
        .arg(out)
        .output()
        .unwrap());
}

fn merge(parts: &[PathBuf], extra: &[&str], out: &Path) -> Output {
    ok(relgraph()
        .arg("merge")
        .args(parts)
        .args(extra)
        .arg("-o")
        .arg(out)
        .output()
        .unwrap())
}

#[test]
fn parts_merged_in_order_are_the_whole_build() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let modes: [&[&str]; 3] = [&[], &["--facts", "all"], &["--max-evidence", "1"]];
    for (m, extra) in modes.iter().enumerate() {
        let whole = d.join(format!("whole-{m}.json"));
        build(&["data/examples"], extra, &whole);
        let want = std::fs::read(&whole).unwrap();
        let keep: &[&str] = if extra.first() == Some(&"--max-evidence") {
            extra
        } else {
            &[]
        };
        // Every split without options; the middle one with each option.
        let splits = if extra.is_empty() {
            1..EXAMPLES.len()
        } else {
            2..3
        };
        for split in splits {
            // The first part as JSON, the second as a binary graph file.
            let a = d.join(format!("a-{m}-{split}.json"));
            let b = d.join(format!("b-{m}-{split}.bin"));
            build(&EXAMPLES[..split], extra, &a);
            build(&EXAMPLES[split..], extra, &b);
            let merged = d.join(format!("m-{m}-{split}.json"));
            let o = merge(&[a.clone(), b], keep, &merged);
            assert!(
                !String::from_utf8_lossy(&o.stderr).contains("warning"),
                "mode {m}, split {split}: {}",
                String::from_utf8_lossy(&o.stderr)
            );
            assert!(
                std::fs::read(&merged).unwrap() == want,
                "mode {m}, split {split}: merged graph differs from the single build"
            );
            // The same with --into: the second part added to a copy of the first.
            let into = d.join(format!("into-{m}-{split}.json"));
            std::fs::copy(&a, &into).unwrap();
            let mut args: Vec<&str> = extra.to_vec();
            args.push("--into");
            let into_s = into.to_str().unwrap();
            args.push(into_s);
            ok(relgraph()
                .current_dir(repo())
                .arg("build")
                .arg("-q")
                .args(&EXAMPLES[split..])
                .args(&args)
                .output()
                .unwrap());
            assert!(
                std::fs::read(&into).unwrap() == want,
                "mode {m}, split {split}: --into differs from the single build"
            );
        }
    }
}

#[test]
fn three_parts_and_a_binary_output() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let whole = d.join("whole.bin");
    build(&["data/examples"], &[], &whole);
    let parts: Vec<PathBuf> = [&EXAMPLES[..1], &EXAMPLES[1..3], &EXAMPLES[3..]]
        .iter()
        .enumerate()
        .map(|(i, inputs)| {
            let p = d.join(format!("p{i}.json"));
            build(inputs, &[], &p);
            p
        })
        .collect();
    let merged = d.join("merged.bin");
    merge(&parts, &[], &merged);
    assert!(std::fs::read(&merged).unwrap() == std::fs::read(&whole).unwrap());
}

#[test]
fn the_same_documents_twice_are_kept_once_with_a_warning() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let g = d.join("g.json");
    build(&["data/examples"], &[], &g);
    let twice = d.join("twice.json");
    let o = merge(&[g.clone(), g.clone()], &[], &twice);
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(err.contains("were in more than one input"), "{err}");
    let one: serde_json::Value = serde_json::from_slice(&std::fs::read(&g).unwrap()).unwrap();
    let two: serde_json::Value = serde_json::from_slice(&std::fs::read(&twice).unwrap()).unwrap();
    assert_eq!(
        one["edges"], two["edges"],
        "evidence and counts not doubled"
    );
    assert_eq!(
        two["graph"]["documents"].as_u64(),
        one["graph"]["documents"].as_u64().map(|n| 2 * n)
    );
}

#[test]
fn into_a_missing_graph_starts_one() {
    let dir = tempfile::tempdir().unwrap();
    let g = dir.path().join("new.json");
    let o = ok(relgraph()
        .current_dir(repo())
        .args(["build", "-q", "data/examples", "--into"])
        .arg(&g)
        .output()
        .unwrap());
    assert!(String::from_utf8_lossy(&o.stderr).contains("starting a new graph"));
    let whole = dir.path().join("whole.json");
    build(&["data/examples"], &[], &whole);
    assert!(std::fs::read(&g).unwrap() == std::fs::read(&whole).unwrap());
}

#[test]
fn into_summarises_the_graph_and_what_the_run_added() {
    let dir = tempfile::tempdir().unwrap();
    let g = dir.path().join("g.json");
    build(&["data/examples"], &[], &g);
    let before: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&g).unwrap()).unwrap();
    let doc = dir.path().join("new.txt");
    std::fs::write(
        &doc,
        "The Zorvanian Fishing Guild signed a deal in Ulm on Monday.\n",
    )
    .unwrap();
    let o = ok(relgraph()
        .current_dir(repo())
        .arg("build")
        .arg(&doc)
        .arg("--into")
        .arg(&g)
        .output()
        .unwrap());
    let after: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&g).unwrap()).unwrap();
    let n = |v: &serde_json::Value, k: &str| v[k].as_array().unwrap().len();
    let docs = |v: &serde_json::Value| v["graph"]["documents"].as_u64().unwrap();
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(err.contains("1 document (0.0 MB) in "), "{err}");
    let want = format!(
        "the graph now has {} documents ({} before), {} entities (+{}), {} relations (+{})",
        docs(&after),
        docs(&before),
        n(&after, "nodes"),
        n(&after, "nodes") - n(&before, "nodes"),
        n(&after, "edges"),
        n(&after, "edges") - n(&before, "edges"),
    );
    assert!(err.contains(&want), "{err}\nwanted: {want}");
    assert!(n(&after, "nodes") > n(&before, "nodes"), "{err}");
}

#[test]
fn bad_inputs_name_the_file_and_leave_the_output_alone() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let good = d.join("good.json");
    build(&["data/examples"], &[], &good);
    let bad = d.join("bad.json");
    std::fs::write(&bad, "{\"directed\": true,\n \"nodes\": [oops]}\n").unwrap();
    let out = d.join("out.json");
    std::fs::write(&out, "precious").unwrap();
    let cases: [(&[&Path], &str); 2] = [
        (&[&good, &bad], "bad.json"),
        (&[&good, Path::new("missing.json")], "missing.json"),
    ];
    for (inputs, name) in cases {
        let o = relgraph()
            .arg("merge")
            .args(inputs)
            .arg("-o")
            .arg(&out)
            .output()
            .unwrap();
        assert_eq!(o.status.code(), Some(2));
        let err = String::from_utf8_lossy(&o.stderr);
        assert!(err.contains(name), "{err}");
        assert_eq!(std::fs::read_to_string(&out).unwrap(), "precious");
    }
    // --into a bad graph: an error before any extraction, the file untouched.
    let o = relgraph()
        .current_dir(repo())
        .args(["build", "data/examples", "--into"])
        .arg(&bad)
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&o.stderr).contains("bad.json"));
    assert!(std::fs::read_to_string(&bad).unwrap().contains("oops"));
}

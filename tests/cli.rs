//! Command-line behaviour: help, inputs, errors naming file and line, atomic output, threads.

mod common;
use common::*;

#[test]
fn every_subcommand_has_help_with_examples() {
    for sub in ["extract", "build", "check-rules"] {
        let o = relgraph(&[sub, "--help"], None);
        assert!(o.status.success(), "{sub}");
        assert!(
            stdout(&o).contains("Examples:"),
            "{sub} --help lacks examples"
        );
    }
    let o = relgraph(&["--help"], None);
    assert!(stdout(&o).contains("extract") && stdout(&o).contains("build"));
}

#[test]
fn extract_offsets_are_character_offsets_into_the_input() {
    let text =
        "“Chairman” Kim Jong Un met Sergei Shoigu — in [North Korea]’s capital,\u{a0}Pyongyang.";
    let o = relgraph(&["extract", "-"], Some(text));
    assert!(o.status.success(), "{}", stderr(&o));
    let rec: serde_json::Value = serde_json::from_str(stdout(&o).trim()).unwrap();
    assert_eq!(rec["doc"], "stdin");
    let chars: Vec<char> = text.chars().collect();
    let mut seen = 0;
    for e in rec["entities"].as_array().unwrap() {
        for m in e["mentions"].as_array().unwrap() {
            let (s, t) = (
                m["start"].as_u64().unwrap() as usize,
                m["end"].as_u64().unwrap() as usize,
            );
            let slice: String = chars[s..t].iter().collect();
            assert_eq!(slice, m["text"].as_str().unwrap());
            seen += 1;
        }
    }
    assert!(seen >= 4, "{rec}");
    let rels = rec["relations"].as_array().unwrap();
    assert!(
        rels.iter()
            .any(|r| r["type"] == "met_with" && r["origin"] == "text"),
        "{rec}"
    );
}

#[test]
fn jsonl_input_uses_line_ids_and_dates() {
    let dir = tempdir();
    let p = write(
        dir.path(),
        "docs.jsonl",
        "{\"id\":\"a\",\"text\":\"Vladimir Putin met Xi Jinping.\",\"date\":\"2024-05-16\"}\n\n{\"id\":\"b\",\"text\":\"Nothing here.\"}\n",
    );
    let o = relgraph(&["extract", p.to_str().unwrap()], None);
    assert!(o.status.success(), "{}", stderr(&o));
    let lines: Vec<serde_json::Value> = stdout(&o)
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(lines.len(), 2);
    assert_eq!(lines[0]["doc"], "a");
    assert_eq!(lines[0]["date"], "2024-05-16");
    assert_eq!(lines[1]["doc"], "b");
    assert!(lines[1].get("date").is_none());
}

#[test]
fn errors_name_the_file_and_line() {
    let dir = tempdir();
    let gaz = write(
        dir.path(),
        "g.jsonl",
        "{\"id\":\"state:XA\",\"type\":\"state\",\"name\":\"Xanadu\"}\n{\"id\":\"state:XB\",\"type\":\"nation\",\"name\":\"B\"}\n",
    );
    let text = write(dir.path(), "t.txt", "Xanadu.");
    let o = relgraph(
        &[
            "extract",
            "--gazetteer",
            gaz.to_str().unwrap(),
            text.to_str().unwrap(),
        ],
        None,
    );
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).contains(&format!(
            "{}:2: unknown entity type \"nation\"",
            gaz.display()
        )),
        "{}",
        stderr(&o)
    );

    let bad = write(
        dir.path(),
        "bad.jsonl",
        "{\"id\":\"a\",\"text\":\"x\"}\n{\"id\":\"b\"}\n",
    );
    // A bad line is skipped with a warning naming it; the run finishes with status 3.
    let o = relgraph(&["extract", bad.to_str().unwrap()], None);
    assert_eq!(o.status.code(), Some(3), "{}", stderr(&o));
    assert!(
        stderr(&o).contains(&format!("{}:2: column", bad.display())),
        "{}",
        stderr(&o)
    );
    assert!(
        stderr(&o).contains("missing field `text`"),
        "{}",
        stderr(&o)
    );
    assert_eq!(String::from_utf8_lossy(&o.stdout).lines().count(), 1);
    // --strict: the first bad line is an error.
    let o = relgraph(&["extract", "--strict", bad.to_str().unwrap()], None);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).contains(&format!("{}:2: column", bad.display())),
        "{}",
        stderr(&o)
    );

    let rules = write(
        dir.path(),
        "r.toml",
        "[[rule]]\nid = \"x\"\nrelation = \"met_with\"\npattern = \"{A:person} met\"\nconfidence = 2.0\nexamples = [{ text = \"a\", expect = [] }]\n",
    );
    let o = relgraph(
        &[
            "extract",
            "--rules",
            rules.to_str().unwrap(),
            text.to_str().unwrap(),
        ],
        None,
    );
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).contains(&format!("{}:1: rule x", rules.display())),
        "{}",
        stderr(&o)
    );

    let o = relgraph(&["extract", "does/not/exist.txt"], None);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("does/not/exist.txt"), "{}", stderr(&o));

    let latin1 = dir.path().join("latin1.txt");
    std::fs::write(&latin1, b"caf\xe9").unwrap();
    // Not UTF-8: read as windows-1252 with a warning (nothing skipped), or an error with
    // --strict.
    let o = relgraph(&["extract", latin1.to_str().unwrap()], None);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(
        stderr(&o).contains("not valid UTF-8 (byte 3): read as windows-1252"),
        "{}",
        stderr(&o)
    );
    assert!(String::from_utf8_lossy(&o.stdout).contains("\"doc\""));
    let o = relgraph(&["extract", "--strict", latin1.to_str().unwrap()], None);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("not valid UTF-8"), "{}", stderr(&o));
    let o = relgraph(
        &["extract", "--encoding", "latin1", latin1.to_str().unwrap()],
        None,
    );
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(!stderr(&o).contains("warning"), "{}", stderr(&o));
}

#[test]
fn failed_runs_leave_existing_outputs_intact() {
    let dir = tempdir();
    let out = write(dir.path(), "graph.json", "precious");
    let bad = write(dir.path(), "bad.jsonl", "not json\n");
    let o = relgraph(
        &["build", bad.to_str().unwrap(), "-o", out.to_str().unwrap()],
        None,
    );
    assert_eq!(o.status.code(), Some(2));
    assert_eq!(std::fs::read_to_string(&out).unwrap(), "precious");
    let leftovers: Vec<_> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert_eq!(
        leftovers.len(),
        2,
        "temporary files left behind: {leftovers:?}"
    );

    let good = write(
        dir.path(),
        "good.txt",
        "Vladimir Putin met Xi Jinping in Beijing.",
    );
    let o = relgraph(
        &["build", good.to_str().unwrap(), "-o", out.to_str().unwrap()],
        None,
    );
    assert!(o.status.success(), "{}", stderr(&o));
    let g: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&out).unwrap()).unwrap();
    assert_eq!(g["graph"]["format"], "relgraph-graph");
}

#[test]
fn output_does_not_depend_on_threads_and_folders_are_walked_in_order() {
    let dir = tempdir();
    for (i, t) in [
        "Vladimir Putin met Xi Jinping.",
        "North Korea sent troops to Russia.",
        "Poland, a member of NATO, backed Ukraine.",
        "Ukraine condemned Russia.",
    ]
    .iter()
    .cycle()
    .take(300)
    .enumerate()
    {
        write(dir.path(), &format!("sub{}/doc{:03}.txt", i % 3, i), t);
    }
    write(dir.path(), ".hidden/skip.txt", "Kim Jong Un");
    write(dir.path(), "ignored.csv", "Kim Jong Un");
    let d = dir.path().to_str().unwrap();
    let one = relgraph(&["extract", d, "-j", "1"], None);
    let four = relgraph(&["extract", d, "-j", "4"], None);
    assert!(one.status.success() && four.status.success());
    assert_eq!(one.stdout, four.stdout);
    let ids: Vec<String> = stdout(&one)
        .lines()
        .map(|l| {
            serde_json::from_str::<serde_json::Value>(l).unwrap()["doc"]
                .as_str()
                .unwrap()
                .to_string()
        })
        .collect();
    assert_eq!(ids.len(), 300);
    let mut sorted = ids.clone();
    sorted.sort();
    assert_eq!(ids, sorted);
    let b1 = relgraph(&["build", d, "-j", "1"], None);
    let b4 = relgraph(&["build", d, "-j", "3"], None);
    assert_eq!(b1.stdout, b4.stdout);
}

#[test]
fn format_comes_from_the_output_extension() {
    let dir = tempdir();
    let dot = dir.path().join("g.dot");
    let o = relgraph(
        &["build", "data/examples", "-o", dot.to_str().unwrap()],
        None,
    );
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(
        std::fs::read_to_string(&dot)
            .unwrap()
            .starts_with("digraph relgraph {")
    );
    let o = relgraph(
        &[
            "build",
            "data/examples",
            "-o",
            dir.path().join("g.xyz").to_str().unwrap(),
        ],
        None,
    );
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("-f"), "{}", stderr(&o));
}

#[test]
fn facts_flag_controls_gazetteer_edges() {
    let text = "The Russian Security Council met in Moscow. Russia said so.";
    let with = relgraph(&["extract", "-"], Some(text));
    let none = relgraph(&["extract", "--facts", "none", "-"], Some(text));
    assert!(stdout(&with).contains("\"origin\":\"gazetteer\""));
    assert!(!stdout(&none).contains("\"origin\":\"gazetteer\""));
    let all = relgraph(&["extract", "--facts", "all", "-"], Some(text));
    assert_eq!(all.status.code(), Some(2));
}

#[test]
fn check_rules_reports_failing_examples() {
    let dir = tempdir();
    let rules = write(
        dir.path(),
        "r.toml",
        "[[rule]]\nid = \"mine.met\"\nrelation = \"met_with\"\npattern = \"{A:person} greeted {B:person}\"\nconfidence = 0.5\nexamples = [{ text = \"Vladimir Putin met Xi Jinping.\", expect = [\"Vladimir Putin met_with Xi Jinping\"] }]\n",
    );
    let o = relgraph(
        &[
            "check-rules",
            "--no-default-rules",
            "--rules",
            rules.to_str().unwrap(),
        ],
        None,
    );
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("rule mine.met"), "{}", stderr(&o));
    let o = relgraph(&["check-rules"], None);
    assert!(o.status.success(), "{}", stderr(&o));
}

#[test]
fn no_documents_is_an_error_for_build_and_a_warning_for_extract() {
    let dir = tempdir();
    let empty = dir.path().join("empty");
    std::fs::create_dir(&empty).unwrap();
    write(dir.path(), "empty/graph.json", "{}");
    let out = dir.path().join("g.json");
    let o = relgraph(
        &[
            "build",
            empty.to_str().unwrap(),
            "-o",
            out.to_str().unwrap(),
        ],
        None,
    );
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("no documents in"), "{}", stderr(&o));
    assert!(stderr(&o).contains("--glob"), "{}", stderr(&o));
    assert!(!out.exists());
    let o = relgraph(&["extract", empty.to_str().unwrap()], None);
    assert_eq!(o.status.code(), Some(0));
    assert!(
        stderr(&o).contains("warning: no documents in"),
        "{}",
        stderr(&o)
    );
}

#[test]
fn help_offers_only_what_each_command_takes() {
    let help = |sub: &str| stdout(&relgraph(&[sub, "--help"], None));
    assert!(help("build").contains("all"), "build takes --facts all");
    let extract = help("extract");
    assert!(extract.contains("--facts"));
    assert!(
        !extract.contains("[possible values: none, mentioned, all]"),
        "{extract}"
    );
    assert!(!help("check-rules").contains("--facts"));
    let o = relgraph(&["extract", "--facts", "all", "-"], Some("x"));
    assert_eq!(o.status.code(), Some(2));
}

#[test]
fn completions_and_man_pages_come_from_the_command_line_definitions() {
    for shell in ["bash", "zsh", "fish"] {
        let o = relgraph(&["completions", shell], None);
        assert!(o.status.success(), "{shell}");
        assert!(stdout(&o).contains("check-rules"), "{shell}");
    }
    let o = relgraph(&["manpage"], None);
    assert!(o.status.success());
    assert!(stdout(&o).starts_with(".ie") || stdout(&o).contains(".TH relgraph 1"));
    let dir = tempdir();
    let o = relgraph(&["manpage", "-o", dir.path().to_str().unwrap()], None);
    assert!(o.status.success(), "{}", stderr(&o));
    for page in [
        "relgraph.1",
        "relgraph-build.1",
        "relgraph-extract.1",
        "relgraph-query.1",
    ] {
        let text = std::fs::read_to_string(dir.path().join(page)).unwrap();
        assert!(text.contains(".TH"), "{page}");
    }
    assert!(!dir.path().join("relgraph-help.1").exists());
}

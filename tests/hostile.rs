//! Messy, hostile and huge input (issue 15): a corpus run always finishes, says what it could
//! not read, never destroys what the user had, and every output stays valid for its consumer.
//! The hostile corpus is tests/fixtures/hostile (see its README.md), plus what git cannot hold,
//! made here: a FIFO, symbolic link loops, a dangling link and a very long line.

mod common;
use common::*;
use serde_json::Value;
use std::path::{Path, PathBuf};

fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/hostile")
}

/// A copy of the hostile corpus with the special files added.
fn hostile_corpus() -> (tempfile::TempDir, PathBuf) {
    let dir = tempdir();
    let corpus = dir.path().join("corpus");
    std::fs::create_dir(&corpus).unwrap();
    for e in std::fs::read_dir(fixtures()).unwrap() {
        let e = e.unwrap();
        std::fs::copy(e.path(), corpus.join(e.file_name())).unwrap();
    }
    // A line of 300 KB without a sentence end.
    let long: String = "Vladimir Putin met Kim Jong Un and ".repeat(9000);
    std::fs::write(corpus.join("long-line.txt"), long).unwrap();
    #[cfg(unix)]
    {
        use std::os::unix::fs::symlink;
        symlink("loop-b", corpus.join("loop-a.txt")).unwrap();
        symlink("loop-a.txt", corpus.join("loop-b")).unwrap();
        symlink("missing.txt", corpus.join("dangling.txt")).unwrap();
        std::fs::create_dir(corpus.join("sub")).unwrap();
        std::fs::write(
            corpus.join("sub/inner.txt"),
            "Xi Jinping visited Moscow on Monday.",
        )
        .unwrap();
        symlink("..", corpus.join("sub/up")).unwrap();
        let fifo = corpus.join("pipe.txt");
        let c = std::ffi::CString::new(fifo.to_str().unwrap()).unwrap();
        assert_eq!(unsafe { libc::mkfifo(c.as_ptr(), 0o644) }, 0);
    }
    (dir, corpus)
}

fn graph_docs(graph: &Value) -> u64 {
    graph["graph"]["documents"].as_u64().unwrap()
}

#[test]
fn a_hostile_corpus_builds_with_nothing_readable_lost() {
    let (dir, corpus) = hostile_corpus();
    let out = dir.path().join("graph.json");
    let o = relgraph(
        &[
            "build",
            corpus.to_str().unwrap(),
            "-o",
            out.to_str().unwrap(),
        ],
        None,
    );
    let err = stderr(&o);
    // Finished, wrote the graph, and says it skipped something.
    assert_eq!(o.status.code(), Some(3), "{err}");
    let graph: Value = serde_json::from_slice(&std::fs::read(&out).unwrap()).unwrap();
    // Every readable document: 15 fixture files minus the binary one and the earlier output,
    // the three good lines of mixed.jsonl counted as documents (one line is broken), the long
    // line and sub/inner.txt.
    let readable = [
        "README.md",
        "control-chars.txt",
        "empty.txt",
        "latin1.txt",
        "nfd.txt",
        "nul-bytes.txt",
        "plain.txt",
        "tokenized.txt",
        "typography.txt",
        "utf16le-bom.txt",
        "utf8-bom.txt",
        "windows-1252.txt",
        "long-line.txt",
        "sub/inner.txt",
    ];
    assert_eq!(graph_docs(&graph), readable.len() as u64 + 3, "{err}");
    // Each skipped or re-decoded input is named.
    for (file, why) in [
        ("binary.txt", "looks like a binary file (skipped)"),
        ("earlier-output.txt", "extraction records"),
        ("mixed.jsonl:2", "column"),
        ("mixed.jsonl:3", "invalid date \"2023-02-29\""),
        ("mixed.jsonl:4", "read as windows-1252"),
        ("windows-1252.txt", "read as windows-1252"),
        ("latin1.txt", "read as windows-1252"),
        ("loop-a.txt", "symbolic link loop"),
        ("loop-b", "symbolic link loop"),
        ("dangling.txt", "dangling"),
        ("pipe.txt", "not a regular file"),
        ("sub/up", "a folder already read"),
    ] {
        assert!(
            err.lines()
                .any(|l| l.contains("warning") && l.contains(file) && l.contains(why)),
            "no warning for {file} ({why}):\n{err}"
        );
    }
    let summary = err.lines().last().unwrap();
    assert!(
        summary.starts_with("relgraph: 17 documents")
            && summary.contains("3 re-decoded")
            && summary.contains("7 skipped"),
        "{summary}"
    );
    // Names from re-decoded, NFD, tokenised and typographic text all reached the graph.
    let names: Vec<&str> = graph["nodes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|n| n["name"].as_str().unwrap())
        .collect();
    for name in [
        "Emmanuel Macron",
        "Zürich",
        "São Paulo",
        "Recep Tayyip Erdoğan",
        "Volodymyr Zelenskyy",
        "Fumio Kishida",
        "Xi Jinping",
    ] {
        assert!(names.contains(&name), "{name} missing: {names:?}");
    }
    // --strict stops at the first bad input and writes nothing.
    let strict_out = dir.path().join("strict.json");
    let o = relgraph(
        &[
            "build",
            "--strict",
            corpus.to_str().unwrap(),
            "-o",
            strict_out.to_str().unwrap(),
        ],
        None,
    );
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    assert!(!strict_out.exists());
}

#[test]
fn glob_chooses_the_files_of_a_folder() {
    let (_dir, corpus) = hostile_corpus();
    let o = relgraph(
        &[
            "extract",
            "-q",
            "--glob",
            "p*.txt",
            "--glob",
            "!pipe.txt",
            corpus.to_str().unwrap(),
        ],
        None,
    );
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let docs: Vec<Value> = stdout(&o)
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(docs.len(), 1, "{docs:?}");
    assert!(docs[0]["doc"].as_str().unwrap().ends_with("plain.txt"));
}

#[test]
fn the_output_is_never_an_input() {
    let dir = tempdir();
    let article = write(dir.path(), "a.txt", "Vladimir Putin met Xi Jinping.");
    // -o equal to an input: refused, the article untouched.
    let o = relgraph(
        &[
            "extract",
            article.to_str().unwrap(),
            "-o",
            article.to_str().unwrap(),
        ],
        None,
    );
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).contains("both an input and the output"),
        "{}",
        stderr(&o)
    );
    assert_eq!(
        std::fs::read_to_string(&article).unwrap(),
        "Vladimir Putin met Xi Jinping."
    );
    // -o inside the input folder: the next run does not read the earlier output.
    let out = dir.path().join("out.txt");
    for _ in 0..2 {
        let o = relgraph(
            &[
                "extract",
                dir.path().to_str().unwrap(),
                "-o",
                out.to_str().unwrap(),
            ],
            None,
        );
        assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
        assert_eq!(std::fs::read_to_string(&out).unwrap().lines().count(), 1);
    }
    // -o onto a document of the input folder: refused, the document kept.
    let doc = write(dir.path(), "b.txt", "Xi Jinping visited Moscow.");
    let o = relgraph(
        &[
            "build",
            dir.path().to_str().unwrap(),
            "-f",
            "json",
            "-o",
            doc.to_str().unwrap(),
        ],
        None,
    );
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).contains("would overwrite a document of"),
        "{}",
        stderr(&o)
    );
    assert_eq!(
        std::fs::read_to_string(&doc).unwrap(),
        "Xi Jinping visited Moscow."
    );
    std::fs::remove_file(&doc).unwrap();
    // An earlier output under another name is recognised and skipped.
    std::fs::copy(&out, dir.path().join("copy.txt")).unwrap();
    let o = relgraph(&["extract", "-q", dir.path().to_str().unwrap()], None);
    assert_eq!(o.status.code(), Some(3));
    assert!(stderr(&o).contains("copy.txt: holds relgraph extraction records"));
    assert_eq!(stdout(&o).lines().count(), 1);
}

#[cfg(unix)]
#[test]
fn output_through_a_symbolic_link_keeps_the_link() {
    let dir = tempdir();
    let article = write(dir.path(), "in/a.txt", "Vladimir Putin met Xi Jinping.");
    let target = dir.path().join("real.jsonl");
    std::fs::write(&target, "old").unwrap();
    let link = dir.path().join("link.jsonl");
    std::os::unix::fs::symlink("real.jsonl", &link).unwrap();
    let o = relgraph(
        &[
            "extract",
            article.to_str().unwrap(),
            "-o",
            link.to_str().unwrap(),
        ],
        None,
    );
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(
        std::fs::symlink_metadata(&link)
            .unwrap()
            .file_type()
            .is_symlink()
    );
    assert!(
        std::fs::read_to_string(&target)
            .unwrap()
            .starts_with("{\"doc\"")
    );
}

#[cfg(unix)]
#[test]
fn an_interrupted_run_leaves_no_temporary_file() {
    use std::process::{Command, Stdio};
    let dir = tempdir();
    let out = write(dir.path(), "graph.json", "precious");
    // A FIFO named on the command line is read: the run waits on it until interrupted.
    let fifo = dir.path().join("feed.txt");
    let c = std::ffi::CString::new(fifo.to_str().unwrap()).unwrap();
    assert_eq!(unsafe { libc::mkfifo(c.as_ptr(), 0o644) }, 0);
    let mut child = Command::new(env!("CARGO_BIN_EXE_relgraph"))
        .args([
            "extract",
            fifo.to_str().unwrap(),
            "-o",
            out.to_str().unwrap(),
        ])
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    // Wait until the temporary output exists, then interrupt.
    let pending = || {
        std::fs::read_dir(dir.path())
            .unwrap()
            .filter(|e| {
                e.as_ref()
                    .unwrap()
                    .file_name()
                    .to_string_lossy()
                    .starts_with(".relgraph-")
            })
            .count()
    };
    let mut waited = 0;
    while pending() == 0 && waited < 600 {
        std::thread::sleep(std::time::Duration::from_millis(100));
        waited += 1;
    }
    assert_eq!(pending(), 1, "the run never created its temporary file");
    unsafe { libc::kill(child.id() as i32, libc::SIGINT) };
    let status = child.wait().unwrap();
    assert_eq!(status.code(), Some(130));
    assert_eq!(pending(), 0, "temporary file left behind");
    assert_eq!(std::fs::read_to_string(&out).unwrap(), "precious");
}

/// Decomposed accents and tokenised spacing give what the same text gives written normally.
#[test]
fn nfd_and_tokenised_text_read_like_normal_text() {
    let ex = extractor();
    let rec = |text: &str| {
        let doc = relgraph::doc::Document {
            id: "t".into(),
            text: text.into(),
            date: None,
        };
        let r = ex.record(&doc, &mut relgraph::extract::Scratch::default());
        let ents: Vec<String> = r.entities.iter().map(|e| e.id.clone()).collect();
        let rels: Vec<String> = r
            .relations
            .iter()
            .map(|x| format!("{} {} {} {:?}", x.source, x.rtype, x.target, x.origin))
            .collect();
        (ents, rels, r)
    };
    for (normal, odd) in [
        (
            "Turkey's president, Recep Tayyip Erdogan, met Vladimir Putin in Moscow.",
            "Turkey 's president , Recep Tayyip Erdogan , met Vladimir Putin in Moscow .",
        ),
        (
            "The mayor of São Paulo met Luiz Inácio Lula da Silva in Zürich.",
            "The mayor of Sa\u{303}o Paulo met Luiz Ina\u{301}cio Lula da Silva in Zu\u{308}rich.",
        ),
        (
            "Kim Jong Un (North Korea) didn't meet Xi Jinping in Beijing.",
            "Kim Jong Un ( North Korea ) did n't meet Xi Jinping in Beijing .",
        ),
        (
            "Russia's Northern Fleet moved - Sergei Shoigu said.",
            "Russia\u{2019}s Northern Fleet moved\u{2014}Sergei Shoigu said.",
        ),
    ] {
        let (e1, r1, _) = rec(normal);
        let (e2, r2, rec2) = rec(odd);
        assert!(!e1.is_empty());
        assert_eq!(e1, e2, "{odd}");
        assert_eq!(r1, r2, "{odd}");
        // Offsets point into the odd text itself.
        let chars: Vec<char> = odd.chars().collect();
        for e in &rec2.entities {
            for m in &e.mentions {
                let slice: String = chars[m.start..m.end].iter().collect();
                assert_eq!(slice, m.text);
            }
        }
    }
}

#[test]
fn impossible_dates_are_errors() {
    for date in ["2023-02-29", "0000", "2024-04-31"] {
        let o = relgraph(
            &["extract", "--date", date, "-"],
            Some("Kim Jong Un spoke."),
        );
        assert_eq!(o.status.code(), Some(2), "{date}");
        assert!(stderr(&o).contains("invalid date"), "{}", stderr(&o));
    }
    let o = relgraph(
        &["extract", "--date", "2024-02-29", "-"],
        Some("Kim Jong Un spoke."),
    );
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
}

/// Names and document ids that would harm the consumer of an export.
#[test]
fn every_output_is_valid_for_its_consumer() {
    let dir = tempdir();
    let docs = write(
        dir.path(),
        "docs.jsonl",
        "{\"id\":\"=HYPERLINK(\\\"http://x\\\")\",\"text\":\"Vladimir Putin met Xi Jinping in Beijing.\"}\n",
    );
    let gaz = write(
        dir.path(),
        "g.jsonl",
        "{\"id\":\"person:esc\",\"name\":\"Evil\\u001b[31m Name\\u2028x\",\"type\":\"person\",\"aliases\":[\"Evil Name\"]}\n",
    );
    let text = write(
        dir.path(),
        "t.txt",
        "Evil Name met Vladimir Putin in Moscow.",
    );
    // CSV: a formula cell is neutralised.
    let csv_dir = dir.path().join("csv");
    let o = relgraph(
        &[
            "build",
            "-q",
            docs.to_str().unwrap(),
            "-f",
            "csv",
            "-o",
            csv_dir.to_str().unwrap(),
        ],
        None,
    );
    assert!(o.status.success(), "{}", stderr(&o));
    let csv = std::fs::read_to_string(csv_dir.join("evidence.csv")).unwrap();
    assert!(csv.contains("'=HYPERLINK("), "{csv}");
    assert!(
        !csv.contains(",=HYPERLINK") && !csv.contains(",\"=HYPERLINK"),
        "{csv}"
    );
    // DOT: no control character (Graphviz would copy it into SVG, which XML forbids).
    let args = |f: &'static str| {
        vec![
            "build".to_string(),
            "-q".into(),
            "--gazetteer".into(),
            gaz.to_str().unwrap().into(),
            text.to_str().unwrap().into(),
            "-f".into(),
            f.into(),
        ]
    };
    let run = |a: Vec<String>| {
        let a: Vec<&str> = a.iter().map(String::as_str).collect();
        relgraph(&a, None)
    };
    let o = run(args("dot"));
    assert!(o.status.success(), "{}", stderr(&o));
    let dot = stdout(&o);
    assert!(dot.contains("Evil"), "{dot}");
    assert!(!dot.chars().any(|c| c.is_control() && c != '\n'), "{dot}");
    // Cypher: line separators escaped, every statement on one line.
    let o = run(args("cypher"));
    let cypher = stdout(&o);
    assert!(cypher.contains("\\u2028"), "{cypher}");
    assert!(!cypher.contains('\u{2028}'));
    // Query tables: the escape sequence is shown, not sent to the terminal.
    let graph = dir.path().join("g.json");
    let mut a = args("json");
    a.extend(["-o".into(), graph.to_str().unwrap().into()]);
    assert!(run(a).status.success());
    let o = relgraph(
        &[
            "query",
            "neighbors",
            graph.to_str().unwrap(),
            "Vladimir Putin",
        ],
        None,
    );
    assert!(o.status.success(), "{}", stderr(&o));
    let table = stdout(&o);
    assert!(table.contains("Evil\\u{1b}[31m Name"), "{table}");
    assert!(!table.contains('\u{1b}'));
}

#[test]
fn files_left_out_for_their_name_are_counted() {
    let dir = tempdir();
    write(dir.path(), "UPPER.TXT", "Vladimir Putin met Xi Jinping.");
    write(dir.path(), "news.sgm", "<BODY>Kim Jong Un spoke.</BODY>");
    write(dir.path(), "data.csv", "a,b");
    write(dir.path(), "sub/more.sgm", "<BODY>x</BODY>");
    let o = relgraph(&["extract", dir.path().to_str().unwrap()], None);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert_eq!(stdout(&o).lines().count(), 1, "UPPER.TXT is a document");
    assert!(
        stderr(&o).contains(
            "3 files in the folders not read for their name (1 .csv, 2 .sgm): --glob chooses"
        ),
        "{}",
        stderr(&o)
    );
}

/// `-o` naming a device or a named pipe writes to it in place: renaming a finished file over it
/// (the atomic path for regular files) would replace `/dev/null` with a file.
#[cfg(unix)]
#[test]
fn output_to_a_named_pipe_or_device_is_written_in_place() {
    use std::io::Read;
    use std::os::unix::fs::FileTypeExt;
    let dir = tempdir();
    let fifo = dir.path().join("out.pipe");
    let c = std::ffi::CString::new(fifo.to_str().unwrap()).unwrap();
    assert_eq!(unsafe { libc::mkfifo(c.as_ptr(), 0o644) }, 0);
    let reader = {
        let fifo = fifo.clone();
        std::thread::spawn(move || {
            let mut s = String::new();
            std::fs::File::open(&fifo)
                .unwrap()
                .read_to_string(&mut s)
                .unwrap();
            s
        })
    };
    let o = relgraph(
        &["extract", "-", "-o", fifo.to_str().unwrap()],
        Some("Vladimir Putin visited Pyongyang.\n"),
    );
    assert!(o.status.success(), "{}", stderr(&o));
    // Checked before joining the reader, which would wait forever on a replaced pipe.
    let ft = std::fs::symlink_metadata(&fifo).unwrap().file_type();
    assert!(ft.is_fifo(), "the pipe was replaced by a {ft:?}");
    let written = reader.join().unwrap();
    assert!(written.contains("person:vladimir-putin"), "{written}");
    // The device users name to discard output stays a device.
    let o = relgraph(&["extract", "-", "-o", "/dev/null"], Some("Kyiv.\n"));
    assert!(o.status.success(), "{}", stderr(&o));
    let ft = std::fs::metadata("/dev/null").unwrap().file_type();
    assert!(ft.is_char_device(), "/dev/null is now a {ft:?}");
}

//! Helpers shared by the integration tests.
#![allow(dead_code)]

use relgraph::extract::{Extractor, FactsMode, Scratch};
use relgraph::gazetteer::Gazetteer;
use relgraph::rules::RuleSet;
use relgraph::wire::extraction::DocRecord;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::sync::OnceLock;

/// The default extractor without models: the rule stages alone (embedded gazetteer and rules,
/// gazetteer facts between mentioned entities), built once per test binary.
pub fn extractor() -> &'static Extractor {
    static EX: OnceLock<Extractor> = OnceLock::new();
    EX.get_or_init(|| default_extractor(relgraph::model::Models::default()))
}

fn default_extractor(models: relgraph::model::Models) -> Extractor {
    Extractor::new(
        Gazetteer::embedded().unwrap(),
        RuleSet::embedded().unwrap(),
        FactsMode::Mentioned,
    )
    .with_models(models)
}

/// The default extractor with the shipped models (what `relgraph extract` runs), built once
/// per test binary.
pub fn modeled() -> &'static Extractor {
    static EX: OnceLock<Extractor> = OnceLock::new();
    EX.get_or_init(|| default_extractor(relgraph::model::Models::embedded().unwrap()))
}

/// The extraction record of `text` (document id `t`) with the default extractor.
pub fn record(text: &str) -> DocRecord {
    let ex = extractor();
    let res = ex.extract(text, None, &mut Scratch::default());
    DocRecord::new("t".into(), None, text, &res, ex.gazetteer(), ex.rules())
}

/// Characters of several bytes (and ones that change on preparation) that real news puts next
/// to words: curly apostrophes, ellipses, dashes, currency, accents, combining marks, emoji,
/// no-break and zero-width spaces, line separators, a byte order mark.
pub const WIDE: &[&str] = &[
    "\u{2019}",
    "\u{2026}",
    "\u{2014}",
    "\u{2013}",
    "\u{a3}",
    "\u{e9}",
    "\u{a0}",
    "\u{1F600}",
    "\u{301}",
    "\u{130}",
    "\u{df}",
    "\u{2028}",
    "\u{feff}",
    "\u{200b}",
    "\u{201c}",
    "\u{fb03}",
    "3rd",
    " ,",
    " 's",
    "( ",
    "``",
];

/// Checks a record against its text: every mention's offsets are character offsets into
/// `text` whose slice is the mention's text, every relation's ends are entities of the record,
/// and every evidence span lies inside the text.
pub fn check_offsets(text: &str, rec: &DocRecord) -> Result<(), String> {
    let chars: Vec<char> = text.chars().collect();
    for e in &rec.entities {
        for m in &e.mentions {
            if !(m.start < m.end && m.end <= chars.len()) {
                return Err(format!("mention {}..{} outside the text", m.start, m.end));
            }
            let slice: String = chars[m.start..m.end].iter().collect();
            if slice != m.text {
                return Err(format!(
                    "mention text {:?} but the text has {slice:?}",
                    m.text
                ));
            }
        }
    }
    for r in &rec.relations {
        for end in [&r.source, &r.target] {
            if !rec.entities.iter().any(|e| &e.id == end) {
                return Err(format!("relation end {end} is no entity of the record"));
            }
        }
        for ev in &r.evidence {
            if !(ev.start <= ev.end && ev.end <= chars.len()) {
                return Err(format!(
                    "evidence {}..{} outside the text",
                    ev.start, ev.end
                ));
            }
        }
    }
    Ok(())
}

/// The texts of every mention of `rec`.
pub fn mention_texts(rec: &DocRecord) -> Vec<&str> {
    rec.entities
        .iter()
        .flat_map(|e| e.mentions.iter().map(|m| m.text.as_str()))
        .collect()
}

/// Runs the relgraph binary with `args` (and optional stdin), from the crate root.
pub fn relgraph(args: &[&str], stdin: Option<&str>) -> Output {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_relgraph"));
    cmd.args(args)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .stdin(if stdin.is_some() {
            Stdio::piped()
        } else {
            Stdio::null()
        })
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    let mut child = cmd.spawn().expect("run relgraph");
    if let Some(input) = stdin {
        use std::io::Write;
        // A command that fails on its arguments may exit before reading: a closed pipe is fine.
        if let Err(e) = child.stdin.take().unwrap().write_all(input.as_bytes()) {
            assert_eq!(
                e.kind(),
                std::io::ErrorKind::BrokenPipe,
                "writing stdin: {e}"
            );
        }
    }
    child.wait_with_output().expect("relgraph output")
}

pub fn stdout(o: &Output) -> String {
    String::from_utf8(o.stdout.clone()).expect("utf-8 stdout")
}

pub fn stderr(o: &Output) -> String {
    String::from_utf8(o.stderr.clone()).expect("utf-8 stderr")
}

/// A fresh temporary folder.
pub fn tempdir() -> tempfile::TempDir {
    tempfile::tempdir().expect("temp dir")
}

pub fn write(dir: &Path, name: &str, text: &str) -> PathBuf {
    let p = dir.join(name);
    if let Some(parent) = p.parent() {
        std::fs::create_dir_all(parent).unwrap();
    }
    std::fs::write(&p, text).unwrap();
    p
}

/// Fails the test when `program` cannot be run. Tests that need a tool are
/// `#[ignore = "needs ..."]` and run by `cargo test -- --ignored` (docs/testing.md).
pub fn need_tool(program: &str, version_arg: &str) {
    let ok = Command::new(program)
        .arg(version_arg)
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .is_ok_and(|s| s.success());
    assert!(
        ok,
        "{program} is needed by this test but cannot be run (see docs/testing.md)"
    );
}

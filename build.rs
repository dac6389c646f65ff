//! Embeds every `data/gazetteer/*.jsonl` file every `data/rules/*.toml` file and every `data/models/*.model` file
//! (sorted by name)
//! into the binary, so the default gazetteer and rules never need the data folder at run time.

use std::env;
use std::fmt::Write as _;
use std::fs;
use std::path::{Path, PathBuf};

fn embed(dir: &str, ext: &str, name: &str, out: &mut String) {
    let bytes = ext == "model";
    let root = PathBuf::from(env::var("CARGO_MANIFEST_DIR").unwrap());
    let path = root.join(dir);
    println!("cargo:rerun-if-changed={}", path.display());
    let mut files: Vec<PathBuf> = fs::read_dir(&path)
        .map(|rd| rd.filter_map(|e| e.ok().map(|e| e.path())).collect())
        .unwrap_or_default();
    files.retain(|p| p.extension().is_some_and(|e| e == ext));
    files.sort();
    let (ty, inc) = if bytes {
        ("&[u8]", "include_bytes")
    } else {
        ("&str", "include_str")
    };
    writeln!(out, "pub static {name}: &[(&str, {ty})] = &[").unwrap();
    for f in &files {
        println!("cargo:rerun-if-changed={}", f.display());
        let rel = f.strip_prefix(&root).unwrap_or(Path::new(f));
        writeln!(
            out,
            "    ({:?}, {inc}!({:?})),",
            rel.display().to_string(),
            f.display().to_string()
        )
        .unwrap();
    }
    writeln!(out, "];").unwrap();
}

fn main() {
    let mut out = String::new();
    embed("data/gazetteer", "jsonl", "GAZETTEER_FILES", &mut out);
    embed("data/rules", "toml", "RULE_FILES", &mut out);
    embed("data/models", "model", "MODEL_FILES", &mut out);
    embed("data/lexicon", "txt", "LEXICON_FILES", &mut out);
    let dest = PathBuf::from(env::var("OUT_DIR").unwrap()).join("embedded.rs");
    fs::write(dest, out).unwrap();
}

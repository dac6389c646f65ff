//! Embeds every `data/gazetteer/*.jsonl` file every `data/rules/*.toml` file and every `data/models/*.model` file
//! (sorted by name)
//! into the binary, so the default gazetteer and rules never need the data folder at run time.
//! The gazetteer files (11.6 MB, most of the binary) are embedded LZ4-compressed (2.5 MB) and
//! decompressed when the gazetteer is loaded, by `embedded::gazetteer_files` (src/embedded.rs).

use std::env;
use std::fmt::Write as _;
use std::fs;
use std::path::{Path, PathBuf};

/// How a folder's files are embedded.
#[derive(PartialEq)]
enum As {
    Text,
    Bytes,
    /// LZ4 block-compressed, the size prepended (`lz4_flex::compress_prepend_size`).
    Lz4,
}

/// Writes the table of a folder's files; returns their total number of lines.
fn embed(dir: &str, ext: &str, name: &str, how: As, out: &mut String) -> usize {
    let root = PathBuf::from(env::var("CARGO_MANIFEST_DIR").unwrap());
    let path = root.join(dir);
    println!("cargo:rerun-if-changed={}", path.display());
    let mut files: Vec<PathBuf> = fs::read_dir(&path)
        .map(|rd| rd.filter_map(|e| e.ok().map(|e| e.path())).collect())
        .unwrap_or_default();
    files.retain(|p| p.extension().is_some_and(|e| e == ext));
    files.sort();
    let (ty, inc) = match how {
        As::Text => ("&str", "include_str"),
        As::Bytes | As::Lz4 => ("&[u8]", "include_bytes"),
    };
    let out_dir = PathBuf::from(env::var("OUT_DIR").unwrap());
    writeln!(out, "pub static {name}: &[(&str, {ty})] = &[").unwrap();
    let mut lines = 0;
    for f in &files {
        println!("cargo:rerun-if-changed={}", f.display());
        let rel = f.strip_prefix(&root).unwrap_or(Path::new(f));
        let file = if how == As::Lz4 {
            let packed = out_dir.join(format!("{}.lz4", f.file_name().unwrap().to_string_lossy()));
            let raw = fs::read(f).unwrap();
            lines += raw.split(|&b| b == b'\n').filter(|l| !l.is_empty()).count();
            fs::write(&packed, lz4_flex::compress_prepend_size(&raw)).unwrap();
            packed
        } else {
            f.clone()
        };
        writeln!(
            out,
            "    ({:?}, {inc}!({:?})),",
            rel.display().to_string(),
            file.display().to_string()
        )
        .unwrap();
    }
    writeln!(out, "];").unwrap();
    lines
}

fn main() {
    let mut out = String::new();
    let lines = embed(
        "data/gazetteer",
        "jsonl",
        "GAZETTEER_LZ4",
        As::Lz4,
        &mut out,
    );
    writeln!(
        out,
        "/// Lines of the gazetteer files that are not empty (about one entity each).\npub const GAZETTEER_LINES: usize = {lines};"
    )
    .unwrap();
    embed("data/rules", "toml", "RULE_FILES", As::Text, &mut out);
    embed("data/models", "model", "MODEL_FILES", As::Bytes, &mut out);
    embed("data/lexicon", "txt", "LEXICON_FILES", As::Text, &mut out);
    let dest = PathBuf::from(env::var("OUT_DIR").unwrap()).join("embedded.rs");
    fs::write(dest, out).unwrap();
}

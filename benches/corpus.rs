//! Loading the news corpora of ../shared/data/corpus for benchmarks: Reuters-21578 bodies
//! (SGML, Latin-1) and BBC News articles (UTF-8 text files), or the mixed bench corpus that
//! `benches/make_corpus.py` writes (a JSON Lines file per kind of news).

use std::path::Path;

/// Decodes Latin-1 bytes.
fn latin1(bytes: &[u8]) -> String {
    bytes.iter().map(|&b| b as char).collect()
}

fn unescape(s: &str) -> String {
    s.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&amp;", "&")
        .replace("&#3;", "")
}

/// All Reuters `<BODY>` texts and BBC articles under `root`, as (id, text).
pub fn load(root: &Path) -> Vec<(String, String)> {
    let mut docs = Vec::new();
    let reuters = root.join("reuters21578");
    if let Ok(rd) = std::fs::read_dir(&reuters) {
        let mut files: Vec<_> = rd.filter_map(|e| e.ok().map(|e| e.path())).collect();
        files.sort();
        for f in files
            .into_iter()
            .filter(|f| f.extension().is_some_and(|e| e == "sgm"))
        {
            let text = latin1(&std::fs::read(&f).expect("read reuters file"));
            for (i, part) in text.split("<BODY>").skip(1).enumerate() {
                if let Some((body, _)) = part.split_once("</BODY>") {
                    docs.push((format!("{}#{i}", f.display()), unescape(body)));
                }
            }
        }
    }
    let bbc = root.join("bbc").join("bbc");
    if let Ok(rd) = std::fs::read_dir(&bbc) {
        let mut dirs: Vec<_> = rd
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| p.is_dir())
            .collect();
        dirs.sort();
        for d in dirs {
            let mut files: Vec<_> = std::fs::read_dir(&d)
                .unwrap()
                .filter_map(|e| e.ok().map(|e| e.path()))
                .collect();
            files.sort();
            for f in files {
                let bytes = std::fs::read(&f).expect("read bbc file");
                docs.push((
                    f.display().to_string(),
                    String::from_utf8_lossy(&bytes).into_owned(),
                ));
            }
        }
    }
    docs
}

/// The kinds of a bench corpus folder written by `benches/make_corpus.py`: every `*.jsonl`
/// file but `mixed.jsonl` (the union), by file name, each as (id, text) in file order.
/// Empty when the folder has no such file.
#[allow(dead_code)]
pub fn load_kinds(dir: &Path) -> Vec<(String, Vec<(String, String)>)> {
    let Ok(rd) = std::fs::read_dir(dir) else {
        return Vec::new();
    };
    let mut files: Vec<_> = rd
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|e| e == "jsonl"))
        .filter(|p| p.file_stem().is_some_and(|s| s != "mixed"))
        .collect();
    files.sort();
    files
        .into_iter()
        .map(|f| {
            let text = std::fs::read_to_string(&f).expect("read bench corpus file");
            let docs = text
                .lines()
                .map(|l| {
                    let v: serde_json::Value = serde_json::from_str(l).expect("JSON line");
                    (
                        v["id"].as_str().unwrap_or("").to_string(),
                        v["text"].as_str().unwrap_or("").to_string(),
                    )
                })
                .collect();
            let kind = f.file_stem().unwrap().to_string_lossy().into_owned();
            (kind, docs)
        })
        .collect()
}

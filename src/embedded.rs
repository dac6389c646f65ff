//! Data files embedded at build time by build.rs: the default gazetteer (`data/gazetteer/*.jsonl`)
//! and the default relation rules (`data/rules/*.toml`), each as `(path, contents)` sorted by path.

include!(concat!(env!("OUT_DIR"), "/embedded.rs"));

//! Data files embedded at build time by build.rs: the default gazetteer (`data/gazetteer/*.jsonl`)
//! the default relation rules (`data/rules/*.toml`) and the default models (`data/models/*.model`,
//! docs/models.md), each as `(path, contents)` sorted by path.

include!(concat!(env!("OUT_DIR"), "/embedded.rs"));

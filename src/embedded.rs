//! Data files embedded at build time by build.rs: the default gazetteer (`data/gazetteer/*.jsonl`)
//! the default relation rules (`data/rules/*.toml`), the default models (`data/models/*.model`,
//! docs/models.md) and the word lists (`data/lexicon/*.txt`, read as features by the name
//! model), each as `(path, contents)` sorted by path.

include!(concat!(env!("OUT_DIR"), "/embedded.rs"));

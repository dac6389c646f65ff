//! relgraph: English text in, typed and evidenced knowledge graph out.
//!
//! The pipeline (docs/architecture.md): [`text::normalize`] folds the text keeping offsets,
//! [`matcher`] finds gazetteer surfaces with an anchored Aho-Corasick automaton,
//! [`text::sentences`] splits sentences, [`extract::resolve`] resolves mentions in the
//! document, [`rules`] find typed relations, [`graph`] merges documents, and [`export`] writes
//! JSON or DOT. [`wire`] holds the JSON shapes other tools read.

pub mod cli;
pub mod config;
pub mod doc;
pub mod embedded;
pub mod error;
pub mod eval;
pub mod export;
pub mod extract;
pub mod gazetteer;
pub mod graph;
pub mod input;
pub mod matcher;
pub mod output;
pub mod pipeline;
pub mod query;
pub mod report;
pub mod rules;
pub mod text;
pub mod types;
pub mod wire;

pub use error::{Error, Result};

/// Runs the command line (the binary's whole `main`).
pub fn run() -> std::process::ExitCode {
    cli::main()
}

//! relgraph: English text in, typed and evidenced knowledge graph out.
//!
//! The pipeline (docs/architecture.md has every stage with its file): [`input`] reads documents
//! lazily (files, folders, stdin, JSONL; a file that is not UTF-8 is read as windows-1252, an
//! unreadable one skipped with a warning) and [`pipeline`] runs them on N threads, delivered in
//! input order. For each document, [`text::prepare`] rewrites the text into one spelling (NFC,
//! typography, tokenised spacing) with a map back to the original, [`text::normalize`] folds it
//! keeping offsets, [`matcher`] finds gazetteer surfaces with an anchored walk of a trie,
//! [`text::sentences`] splits sentences, [`extract`] resolves mentions (ambiguity, guessed names,
//! sports teams, coreference, dated role descriptions), [`rules`] find typed relations, and
//! [`extract`] adds addresses, leaders acting for their states, gazetteer facts and implied
//! edges. The record ([`wire`]) maps offsets back into the original text. [`graph`] merges
//! documents and [`export`] writes json, dot, cypher, neo4j-csv, graphml, ntriples, turtle, csv
//! or bin. Beside the pipeline: [`query`] (questions to a graph file), [`eval`] (scores on
//! annotated data sets), [`report`] (warnings, summary, exit status) and [`output`] (atomic
//! output files).

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
pub mod model;
pub mod output;
pub mod pipeline;
pub mod query;
pub mod report;
pub mod rules;
pub mod show;
pub mod text;
pub mod types;
pub mod wire;

pub use error::{Error, Result};

/// Runs the command line (the binary's whole `main`).
pub fn run() -> std::process::ExitCode {
    cli::main()
}

//! `relgraph extract`: per-document JSONL of entities, mentions and relations with evidence.

use super::common::{DocKnowledgeArgs, InputArgs, extract_all_with};
use crate::config;
use crate::doc::Document;
use crate::error::{Error, Result};
use crate::output::Output;
use crate::report::count;
use crate::wire::extraction::DocRecord;
use clap::{Args, ValueEnum};
use std::io::Write;
use std::path::PathBuf;

/// Output formats of extract.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ExtractFormat {
    /// One JSON object per document (docs/formats.md, "Extraction records").
    Jsonl,
}

/// Extract entities and typed relations from each document, one JSON object per line.
#[derive(Debug, Args)]
#[command(
    after_help = "Examples:\n  relgraph extract article.txt\n  relgraph extract --date 2025-06-18 article.txt -o article.jsonl\n  relgraph extract corpus.jsonl --threads 4 > records.jsonl\n  cat article.txt | relgraph extract -"
)]
pub struct ExtractArgs {
    #[command(flatten)]
    pub input: InputArgs,
    #[command(flatten)]
    pub knowledge: DocKnowledgeArgs,
    /// Output format.
    #[arg(short = 'f', long, value_enum, default_value_t = ExtractFormat::Jsonl)]
    pub format: ExtractFormat,
    /// Write to this file (atomically) instead of standard output.
    #[arg(short = 'o', long, value_name = "PATH")]
    pub output: Option<PathBuf>,
    /// Give each evidence item its sentence's text (`sentence`), not only its span.
    #[arg(long)]
    pub sentences: bool,
}

pub fn run(a: ExtractArgs) -> Result<u8> {
    let ex = a.knowledge.extractor()?.with_sentences(a.sentences);
    let inputs = config::inputs(&a.input, a.output.as_deref())?;
    let reporter = inputs.reporter.clone();
    let mut out = Output::create(a.output.as_deref())?;
    let name = out.name();
    let (mut entities, mut relations) = (0u64, 0u64);
    // Records are serialised on the worker threads; this thread only writes the lines.
    let line = |doc: &Document, rec: DocRecord| {
        // A record is about twice its text as JSON: one allocation, no regrowth.
        let mut bytes = Vec::with_capacity(1024 + 2 * doc.text.len());
        serde_json::to_writer(&mut bytes, &rec)?;
        bytes.push(b'\n');
        Ok::<_, serde_json::Error>((rec.entities.len() as u64, rec.relations.len() as u64, bytes))
    };
    extract_all_with(&ex, inputs, line, |_, line| {
        let (e, r, bytes) = line.map_err(|e| Error::io(&name, e.into()))?;
        entities += e;
        relations += r;
        out.write_all(&bytes).map_err(|e| Error::io(&name, e))
    })?;
    out.finish()?;
    let (documents, skipped) = {
        let r = reporter.borrow();
        (r.stats().documents, r.stats().skipped)
    };
    if documents == 0 {
        reporter
            .borrow_mut()
            .warn(super::build::no_documents(&a.input.inputs, skipped));
    }
    // Summed over the records: an entity of two documents is in both records.
    let stats = reporter.borrow_mut().finish(&format!(
        "records with {}, {}",
        count(entities, "entity", "entities"),
        count(relations, "relation", "relations")
    ));
    // The extractor's tables (gazetteer, matcher, models: about a million allocations) go
    // with the process: freeing them one by one is a few percent of a short run.
    std::mem::forget(ex);
    Ok(stats.exit_code())
}

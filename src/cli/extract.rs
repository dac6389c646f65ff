//! `relgraph extract`: per-document JSONL of entities, mentions and relations with evidence.

use super::common::{InputArgs, KnowledgeArgs};
use crate::config;
use crate::error::{Error, Result};
use crate::extract::FactsMode;
use crate::output::Output;
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
    pub knowledge: KnowledgeArgs,
    /// Output format.
    #[arg(short = 'f', long, value_enum, default_value_t = ExtractFormat::Jsonl)]
    pub format: ExtractFormat,
    /// Write to this file (atomically) instead of standard output.
    #[arg(short = 'o', long, value_name = "PATH")]
    pub output: Option<PathBuf>,
}

pub fn run(a: ExtractArgs) -> Result<()> {
    if a.knowledge.facts == FactsMode::All {
        return Err(Error::Usage(
            "--facts all is for build; extract takes none or mentioned".into(),
        ));
    }
    let ex = config::extractor(&a.knowledge)?;
    let inputs = config::inputs(&a.input)?;
    let mut out = Output::create(a.output.as_deref())?;
    let name = out.name();
    crate::pipeline::run(&ex, inputs.documents, inputs.threads, |_, rec| {
        serde_json::to_writer(&mut out, &rec).map_err(|e| Error::io(&name, e.into()))?;
        out.write_all(b"\n").map_err(|e| Error::io(&name, e))
    })?;
    out.finish()
}

//! `relgraph eval`: precision, recall and F1 of the extractor on an annotated data set
//! (docs/evaluation.md).

use super::common::DocKnowledgeArgs;
use crate::error::{Error, Result};
use crate::eval::{self, Dataset};
use crate::output::Output;
use clap::Args;
use std::io::Write;
use std::path::PathBuf;

/// Score entities and relations against an annotated data set (DWIE, CoNLL04, CoNLL-2003).
#[derive(Debug, Args)]
#[command(
    after_help = "Examples:\n  relgraph eval --dataset dwie ../shared/data/eval/dwie/dev.json\n  relgraph eval --dataset conll04 ../shared/data/eval/conll04/dev.json --errors 20\n  relgraph eval --dataset conll03 ../shared/data/eval/conll2003/eng.testa --json"
)]
pub struct EvalArgs {
    /// The data set's format and scoring: dwie (DocRED JSON), conll04 (SpERT JSON) or conll03
    /// (CoNLL-2003 IOB1 columns).
    #[arg(long, value_enum)]
    pub dataset: Dataset,
    /// The annotated file.
    #[arg(value_name = "PATH")]
    pub path: PathBuf,
    /// Also list the N largest groups of misses and false alarms, with their sentences.
    #[arg(long, value_name = "N", default_value_t = 0)]
    pub errors: usize,
    /// Write the report as JSON.
    #[arg(long)]
    pub json: bool,
    #[command(flatten)]
    pub knowledge: DocKnowledgeArgs,
    /// Worker threads (default: all cores). The scores do not depend on it.
    #[arg(long, short = 'j', value_name = "N")]
    pub threads: Option<usize>,
    /// Write to this file (atomically) instead of standard output.
    #[arg(short = 'o', long, value_name = "PATH")]
    pub output: Option<PathBuf>,
}

pub fn run(a: EvalArgs) -> Result<()> {
    let threads = match a.threads {
        Some(0) => return Err(Error::Usage("--threads must be at least 1".into())),
        Some(n) => n,
        None => std::thread::available_parallelism().map_or(1, |n| n.get()),
    };
    let gold = eval::read(a.dataset, &a.path)?;
    let ex = a.knowledge.extractor()?;
    let report = eval::evaluate(&ex, a.dataset, &a.path, &gold, threads, a.errors)?;
    let mut out = Output::create(a.output.as_deref())?;
    let name = out.name();
    if a.json {
        serde_json::to_writer_pretty(&mut out, &report).map_err(|e| Error::io(&name, e.into()))?;
        out.write_all(b"\n").map_err(|e| Error::io(&name, e))?;
    } else {
        out.write_all(report.render().as_bytes())
            .map_err(|e| Error::io(&name, e))?;
    }
    out.finish()
}

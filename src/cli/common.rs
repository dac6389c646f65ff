//! Argument groups shared by several subcommands.

use crate::config::Inputs;
use crate::doc::Document;
use crate::error::Result;
use crate::extract::{Extractor, FactsMode};
use crate::input::InputFormat;
use crate::wire::extraction::DocRecord;
use clap::Args;
use std::path::PathBuf;

/// Which gazetteer and rules to use.
#[derive(Debug, Clone, Default, Args)]
pub struct KnowledgeArgs {
    /// Add a gazetteer file (JSON Lines, docs/gazetteer.md); repeatable.
    #[arg(long = "gazetteer", value_name = "PATH")]
    pub gazetteers: Vec<PathBuf>,
    /// Do not load the embedded default gazetteer.
    #[arg(long)]
    pub no_default_gazetteer: bool,
    /// Add a rule file (TOML, docs/rules.md); repeatable.
    #[arg(long = "rules", value_name = "PATH")]
    pub rules: Vec<PathBuf>,
    /// Do not load the embedded default rules.
    #[arg(long)]
    pub no_default_rules: bool,
    /// Use this model file (from `relgraph train`; its kind, names or relations, is read
    /// from the file) instead of the embedded one of that kind; repeatable.
    #[arg(long = "model", value_name = "PATH")]
    pub models: Vec<PathBuf>,
    /// Do not load the embedded default models: names and relations are decided by the
    /// rule stages alone (docs/models.md).
    #[arg(long)]
    pub no_default_models: bool,
}

/// Gazetteer facts of one document (`extract`, `show`, `eval`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, clap::ValueEnum)]
pub enum DocFacts {
    /// No gazetteer facts.
    None,
    /// Facts between two entities the document mentions.
    #[default]
    Mentioned,
}

impl From<DocFacts> for FactsMode {
    fn from(f: DocFacts) -> FactsMode {
        match f {
            DocFacts::None => FactsMode::None,
            DocFacts::Mentioned => FactsMode::Mentioned,
        }
    }
}

/// The knowledge of the commands that read documents one by one (`extract`, `show`, `eval`):
/// gazetteer, rules and models, and which gazetteer facts a document's record carries.
#[derive(Debug, Clone, Args)]
pub struct DocKnowledgeArgs {
    #[command(flatten)]
    pub knowledge: KnowledgeArgs,
    /// Gazetteer facts to add as relations of origin "gazetteer": none, or mentioned (between
    /// entities the document mentions).
    #[arg(long, value_enum, default_value_t = DocFacts::Mentioned)]
    pub facts: DocFacts,
}

impl DocKnowledgeArgs {
    /// The extractor these arguments ask for.
    pub fn extractor(&self) -> crate::error::Result<crate::extract::Extractor> {
        crate::config::extractor(&self.knowledge, self.facts.into())
    }
}

/// Where documents come from.
#[derive(Debug, Clone, Args)]
pub struct InputArgs {
    /// Input files or folders (recursive); `-` reads standard input.
    #[arg(required = true, value_name = "INPUT")]
    pub inputs: Vec<PathBuf>,
    /// How to read inputs: auto (JSONL for .jsonl files), text or jsonl.
    #[arg(long, value_enum, default_value_t = InputFormat::Auto)]
    pub input_format: InputFormat,
    /// Publication date of plain-text documents (YYYY, YYYY-MM or YYYY-MM-DD); JSONL
    /// documents carry their own "date".
    #[arg(long, value_name = "DATE")]
    pub date: Option<String>,
    /// Worker threads (default: all cores). The output does not depend on it.
    #[arg(long, short = 'j', value_name = "N")]
    pub threads: Option<usize>,
    /// Encoding of every input (a WHATWG label: utf-8, windows-1252, iso-8859-2, shift_jis,
    /// ...). Default: UTF-8, and a file that is not valid UTF-8 is read as windows-1252 with a
    /// warning.
    #[arg(long, value_name = "LABEL")]
    pub encoding: Option<String>,
    /// Which files of a folder to read, matched against their path below the folder
    /// (repeatable; `!GLOB` excludes). Default: *.txt, *.text, *.md, *.jsonl and files without
    /// an extension.
    #[arg(long = "glob", value_name = "GLOB")]
    pub globs: Vec<String>,
    /// Stop at the first input that cannot be read or decoded (default: skip it with a
    /// warning, finish the run, and exit with status 3).
    #[arg(long)]
    pub strict: bool,
    /// No progress line and no summary on standard error (warnings are still printed).
    #[arg(long, short = 'q')]
    pub quiet: bool,
}

/// Runs the extractor over the inputs for a command, with warnings, progress and the document
/// count going to the inputs' reporter; an internal error on one document skips it (or stops
/// the run with `--strict`).
pub fn extract_all<F>(ex: &Extractor, inputs: Inputs, sink: F) -> Result<()>
where
    F: FnMut(&Document, DocRecord) -> Result<()>,
{
    extract_all_with(ex, inputs, |_, rec| rec, sink)
}

/// [`extract_all`], with `prepare` turning each record into what `sink` takes on the worker
/// threads (`pipeline::run_with`).
pub fn extract_all_with<P, T, F>(
    ex: &Extractor,
    inputs: Inputs,
    prepare: P,
    mut sink: F,
) -> Result<()>
where
    P: Fn(&Document, DocRecord) -> T + Sync,
    T: Send,
    F: FnMut(&Document, T) -> Result<()>,
{
    let reporter = inputs.reporter.clone();
    let strict = inputs.documents.is_strict();
    crate::pipeline::run_with(
        ex,
        inputs.documents,
        inputs.threads,
        prepare,
        |doc, message| {
            if strict {
                return Err(crate::pipeline::internal_error(doc, message));
            }
            reporter.borrow_mut().skip(format!(
                "{}: internal error (please report it): {message}",
                doc.id
            ));
            Ok(())
        },
        |doc, rec| {
            reporter.borrow_mut().document(doc.text.len());
            sink(doc, rec)
        },
    )
}

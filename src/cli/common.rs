//! Argument groups shared by several subcommands.

use crate::extract::FactsMode;
use crate::input::InputFormat;
use clap::Args;
use std::path::PathBuf;

/// Which gazetteer and rules to use.
#[derive(Debug, Clone, Args)]
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
    /// Gazetteer facts to add as relations of origin "gazetteer": none, mentioned (between
    /// entities the document mentions) or all (build only: every fact of the gazetteer).
    #[arg(long, value_enum, default_value_t = FactsMode::Mentioned)]
    pub facts: FactsMode,
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
}

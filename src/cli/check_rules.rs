//! `relgraph check-rules`: load rule files and run every rule's own examples.

use super::common::KnowledgeArgs;
use crate::config;
use crate::error::{Error, Result};
use crate::extract::FactsMode;
use clap::Args;

/// Validate rule files and run each rule's examples against the gazetteer.
#[derive(Debug, Args)]
#[command(
    after_help = "Examples:\n  relgraph check-rules\n  relgraph check-rules --rules my-rules.toml --gazetteer my-entities.jsonl"
)]
pub struct CheckRulesArgs {
    #[command(flatten)]
    pub knowledge: KnowledgeArgs,
}

pub fn run(a: CheckRulesArgs) -> Result<()> {
    // Rules are checked on their own: their examples show what each rule finds.
    let ex = crate::extract::Extractor::new(
        config::gazetteer(&a.knowledge)?,
        config::rules(&a.knowledge)?,
        FactsMode::None,
    );
    let failures = crate::rules::examples::check(&ex);
    let examples: usize = ex.rules().rules.iter().map(|r| r.examples.len()).sum();
    for f in &failures {
        eprintln!("{f}");
    }
    if failures.is_empty() {
        println!(
            "{} rules, {} titles, {} examples: all pass",
            ex.rules().rules.len(),
            ex.rules().titles.len(),
            examples
        );
        Ok(())
    } else {
        Err(Error::Usage(format!(
            "{} of {} examples fail",
            failures.len(),
            examples
        )))
    }
}

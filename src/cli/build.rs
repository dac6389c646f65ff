//! `relgraph build`: merge many documents into one graph and write it in any export format
//! (JSON, DOT, Cypher, neo4j-admin CSV, GraphML, N-Triples, Turtle, CSV edge list).

use super::common::{InputArgs, KnowledgeArgs};
use super::render::DiagramArgs;
use crate::config;
use crate::error::Result;
use crate::export::{ExportOptions, GraphFormat};
use crate::extract::FactsMode;
use crate::graph::KnowledgeGraph;
use clap::Args;
use std::path::PathBuf;

/// Build one knowledge graph from many documents (files, folders, stdin, JSONL).
#[derive(Debug, Args)]
#[command(
    after_help = "Examples:\n  relgraph build corpus/ -o graph.json\n  relgraph build corpus/ -f dot | dot -Tsvg > graph.svg\n  relgraph build news.jsonl --facts all -o graph.json"
)]
pub struct BuildArgs {
    #[command(flatten)]
    pub input: InputArgs,
    #[command(flatten)]
    pub knowledge: KnowledgeArgs,
    /// Output format (default: from the -o extension, else json).
    #[arg(short = 'f', long, value_enum)]
    pub format: Option<GraphFormat>,
    /// Write to this file (atomically) instead of standard output.
    #[arg(short = 'o', long, value_name = "PATH")]
    pub output: Option<PathBuf>,
    /// Keep at most N evidence items per edge (all are still counted).
    #[arg(long, value_name = "N")]
    pub max_evidence: Option<usize>,
    #[command(flatten)]
    pub diagram: DiagramArgs,
}

pub fn run(a: BuildArgs) -> Result<()> {
    let format = GraphFormat::resolve(a.format, a.output.as_deref())?;
    let opts = ExportOptions {
        dot: a.diagram.options()?,
    };
    let ex = config::extractor(&a.knowledge)?;
    let inputs = config::inputs(&a.input)?;
    let mut kg = KnowledgeGraph::new(a.max_evidence);
    crate::pipeline::run(&ex, inputs.documents, inputs.threads, |_, rec| {
        kg.add_doc(&rec, ex.gazetteer());
        Ok(())
    })?;
    if ex.facts_mode() == FactsMode::All {
        kg.add_all_facts(ex.gazetteer(), inputs.date);
    }
    format.save(&kg, &opts, a.output.as_deref())
}

//! `relgraph merge`: several graph files into one, as if their documents had been built
//! together ([`KnowledgeGraph::merge`]).

use super::render::{DiagramArgs, RdfArgs, read_graph};
use crate::error::Result;
use crate::export::{ExportOptions, GraphFormat};
use crate::graph::{KnowledgeGraph, MergeStats};
use crate::report::count;
use clap::Args;
use std::path::PathBuf;

/// Merge graph files (JSON or binary) into one: entities by id, edges by source, type, target
/// and origin; counts add and evidence items follow each other in the order of the files.
#[derive(Debug, Args)]
#[command(
    after_help = "Examples:\n  relgraph merge monday.json tuesday.json -o week.json\n  relgraph merge parts/*.bin -o all.bin\n\nGraphs of consecutive parts of a corpus, merged in order, give byte for byte the graph of the\nwhole corpus built at once (with the same --max-evidence). An evidence item found in two files\n(same document, sentence, rule and trigger) is kept once, with a warning."
)]
pub struct MergeArgs {
    /// The graph files written by `relgraph build` (JSON or binary), in document order.
    #[arg(value_name = "GRAPH", required = true, num_args = 1..)]
    pub graphs: Vec<PathBuf>,
    /// Output format (default: from the -o extension, else json).
    #[arg(short = 'f', long, value_enum)]
    pub format: Option<GraphFormat>,
    /// Write to this file (atomically) instead of standard output.
    #[arg(short = 'o', long, value_name = "PATH")]
    pub output: Option<PathBuf>,
    /// Keep at most N evidence items per edge (all are still counted); give the value the
    /// parts were built with to get the graph of a single build.
    #[arg(long, value_name = "N")]
    pub max_evidence: Option<usize>,
    /// Print nothing but errors.
    #[arg(short = 'q', long)]
    pub quiet: bool,
    #[command(flatten)]
    pub diagram: DiagramArgs,
    #[command(flatten)]
    pub rdf: RdfArgs,
}

/// Merges graph files in order into a graph that keeps at most `max_evidence` items per edge.
pub fn merge_files(
    paths: &[PathBuf],
    max_evidence: Option<usize>,
) -> Result<(KnowledgeGraph, MergeStats)> {
    let mut kg = KnowledgeGraph::new(max_evidence);
    let mut stats = MergeStats::default();
    for p in paths {
        let part = read_graph(p)?;
        stats.duplicates += kg.merge(&part).duplicates;
    }
    Ok((kg, stats))
}

/// The warning for evidence found in more than one input.
pub fn duplicates_warning(stats: MergeStats) -> Option<String> {
    (stats.duplicates > 0).then(|| {
        format!(
            "{} were in more than one input and were kept once: were the same documents built \
             twice? (their entities' mention and document counts were added regardless)",
            count(stats.duplicates, "evidence item", "evidence items")
        )
    })
}

pub fn run(a: MergeArgs) -> Result<()> {
    let format = GraphFormat::resolve(a.format, a.output.as_deref())?;
    let opts = ExportOptions {
        dot: a.diagram.options()?,
        rdf: a.rdf.options()?,
    };
    let (kg, stats) = merge_files(&a.graphs, a.max_evidence)?;
    if let Some(w) = duplicates_warning(stats) {
        eprintln!("relgraph: warning: {w}");
    }
    format.save(&kg, &opts, a.output.as_deref())?;
    if !a.quiet {
        eprintln!(
            "relgraph: merged {}: {} documents, {}, {}",
            count(a.graphs.len() as u64, "graph", "graphs"),
            crate::report::group(kg.documents()),
            count(kg.node_count() as u64, "entity", "entities"),
            count(kg.edge_count() as u64, "relation", "relations")
        );
    }
    Ok(())
}

//! `relgraph build`: merge many documents into one graph and write it in any export format
//! (JSON, DOT, Cypher, neo4j-admin CSV, GraphML, N-Triples, Turtle, CSV edge list, binary).

use super::common::{InputArgs, KnowledgeArgs, extract_all};
use super::render::{DiagramArgs, RdfArgs};
use crate::config;
use crate::error::{Error, Result};
use crate::export::{ExportOptions, GraphFormat};
use crate::extract::FactsMode;
use crate::graph::KnowledgeGraph;
use crate::report::count;
use clap::Args;
use std::path::PathBuf;

/// Build one knowledge graph from many documents (files, folders, stdin, JSONL).
#[derive(Debug, Args)]
#[command(
    after_help = "Examples:\n  relgraph build corpus/ -o graph.json\n  relgraph build corpus/ -f dot | dot -Tsvg > graph.svg\n  relgraph build news.jsonl --facts all -o graph.json\n  relgraph build today/ --into graph.json"
)]
pub struct BuildArgs {
    #[command(flatten)]
    pub input: InputArgs,
    #[command(flatten)]
    pub knowledge: KnowledgeArgs,
    /// Gazetteer facts to add as relations of origin "gazetteer": none, mentioned (between
    /// entities a document mentions) or all (every fact of the gazetteer).
    #[arg(long, value_enum, default_value_t = FactsMode::Mentioned)]
    pub facts: FactsMode,
    /// Output format (default: from the -o extension, else json).
    #[arg(short = 'f', long, value_enum)]
    pub format: Option<GraphFormat>,
    /// Write to this file (atomically) instead of standard output.
    #[arg(short = 'o', long, value_name = "PATH")]
    pub output: Option<PathBuf>,
    /// Add the documents to this graph file (JSON or binary; created if missing), written
    /// back in place unless -o says elsewhere: the same graph as building all its documents
    /// and these at once.
    #[arg(long, value_name = "GRAPH")]
    pub into: Option<PathBuf>,
    /// Keep at most N evidence items per edge (all are still counted).
    #[arg(long, value_name = "N")]
    pub max_evidence: Option<usize>,
    /// Keep only each evidence item's sentence span, not its text (a smaller graph file; the
    /// text is what `query explain` and the exports show as the evidence sentence).
    #[arg(long)]
    pub no_sentences: bool,
    #[command(flatten)]
    pub diagram: DiagramArgs,
    #[command(flatten)]
    pub rdf: RdfArgs,
}

pub fn run(a: BuildArgs) -> Result<u8> {
    let output = a.output.clone().or_else(|| a.into.clone());
    let format = GraphFormat::resolve(a.format, output.as_deref())?;
    // Read the graph to add to first: a bad file is reported before any extraction.
    let base = match &a.into {
        Some(p) if p.exists() => Some(super::render::read_graph(p)?),
        Some(p) => {
            eprintln!(
                "relgraph: {} does not exist yet: starting a new graph",
                p.display()
            );
            None
        }
        None => None,
    };
    let opts = ExportOptions {
        dot: a.diagram.options()?,
        rdf: a.rdf.options()?,
    };
    let ex = config::extractor(&a.knowledge, a.facts)?.with_sentences(!a.no_sentences);
    let inputs = config::inputs(&a.input, output.as_deref())?;
    let reporter = inputs.reporter.clone();
    let date = inputs.date;
    let mut kg = KnowledgeGraph::new(a.max_evidence);
    extract_all(&ex, inputs, |_, rec| {
        kg.add_doc(&rec, ex.gazetteer());
        Ok(())
    })?;
    let (documents, skipped) = {
        let r = reporter.borrow();
        (r.stats().documents, r.stats().skipped)
    };
    if documents == 0 {
        return Err(Error::Usage(no_documents(&a.input.inputs, skipped)));
    }
    if ex.facts_mode() == FactsMode::All {
        kg.add_all_facts(ex.gazetteer(), date);
    }
    // With --into the summary says what the graph holds and what this run added to it.
    let mut before = None;
    if let Some(base) = base {
        let mut all = KnowledgeGraph::new(a.max_evidence);
        all.merge(&base);
        before = Some((
            all.documents(),
            all.graph().node_count(),
            all.graph().edge_count(),
        ));
        let stats = all.merge(&kg);
        if let Some(w) = super::merge::duplicates_warning(stats) {
            eprintln!("relgraph: warning: {w}");
        }
        kg = all;
    }
    format.save(&kg, &opts, output.as_deref())?;
    let g = kg.graph();
    let (entities, relations) = (
        count(g.node_count() as u64, "entity", "entities"),
        count(g.edge_count() as u64, "relation", "relations"),
    );
    let summary = match before {
        None => format!("{entities}, {relations}"),
        Some((docs, nodes, edges)) => format!(
            "the graph now has {} ({docs} before), {entities} (+{}), {relations} (+{})",
            count(kg.documents(), "document", "documents"),
            g.node_count().saturating_sub(nodes),
            g.edge_count().saturating_sub(edges)
        ),
    };
    let stats = reporter.borrow_mut().finish(&summary);
    // The extractor's tables go with the process (see `extract::run`).
    std::mem::forget(ex);
    Ok(stats.exit_code())
}

/// The error of a run that found no document to read.
pub fn no_documents(inputs: &[PathBuf], skipped: u64) -> String {
    let names = inputs
        .iter()
        .map(|p| p.display().to_string())
        .collect::<Vec<_>>()
        .join(", ");
    if skipped > 0 {
        format!("no document of {names} could be read ({skipped} skipped: see the warnings)")
    } else {
        format!(
            "no documents in {names} (folders yield *.txt, *.text, *.md, *.jsonl and files without an extension; see --glob)"
        )
    }
}

//! `relgraph query`: questions to a graph file written by `relgraph build` (docs/query.md).

use crate::error::{Error, Result};
use crate::export::{ExportOptions, GraphFormat};
use crate::gazetteer::Date;
use crate::graph::KnowledgeGraph;
use crate::output::Output;
use crate::query::parts::{Part, load_for};
use crate::query::paths::{NeighborsOptions, PathOptions};
use crate::query::rank::{RankBy, TopOptions};
use crate::query::{Direction, EdgeFilter, View, load, names, render};
use crate::types::{EntityType, Origin, RelationType};
use clap::{Args, Subcommand};
use petgraph::stable_graph::NodeIndex;
use serde::Serialize;
use std::io::Write;
use std::path::PathBuf;

/// Ask a built graph who is connected to whom and how, who matters most, and why an edge is
/// there.
#[derive(Debug, Args)]
#[command(after_help = "Examples:
  relgraph query neighbors graph.json \"Kim Jong Un\"
  relgraph query path graph.json \"Sergei Shoigu\" \"Xi Jinping\"
  relgraph query explain graph.json \"Vladimir Putin\" \"Xi Jinping\"
  relgraph query top graph.json --by pagerank --entity-type person -n 10
  relgraph query ego graph.json Russia --radius 1 -f dot | dot -Tsvg > russia.svg
  relgraph build corpus/ | relgraph query stats - --json")]
pub struct QueryArgs {
    #[command(subcommand)]
    pub command: QueryCommand,
}

#[derive(Debug, Subcommand)]
pub enum QueryCommand {
    Neighbors(NeighborsArgs),
    Path(PathArgs),
    Ego(EgoArgs),
    Explain(ExplainArgs),
    Top(TopArgs),
    Stats(StatsArgs),
    Find(FindArgs),
    Export(ExportArgs),
}

/// Filters on the edges a query may use, common to every query command.
#[derive(Debug, Clone, Args)]
#[command(next_help_heading = "Edge filters")]
pub struct FilterArgs {
    /// Keep edges seen at least N times.
    #[arg(long, value_name = "N", default_value_t = 1)]
    pub min_count: u64,
    /// Keep edges with evidence dated on or after DATE (YYYY, YYYY-MM or YYYY-MM-DD). Undated
    /// evidence (documents without a date, `--facts all` facts) is then left out.
    #[arg(long, value_name = "DATE")]
    pub since: Option<Date>,
    /// Keep edges with evidence dated on or before DATE.
    #[arg(long, value_name = "DATE")]
    pub until: Option<Date>,
    /// Keep edges of this origin only: text or gazetteer.
    #[arg(long, value_name = "ORIGIN")]
    pub origin: Option<Origin>,
}

/// Output options common to the table-printing query commands.
#[derive(Debug, Clone, Args)]
pub struct OutputArgs {
    /// Print JSON (shapes in docs/query.md) instead of a table.
    #[arg(long)]
    pub json: bool,
    /// Write to this file (atomically) instead of standard output.
    #[arg(short = 'o', long, value_name = "PATH")]
    pub output: Option<PathBuf>,
}

/// Entities connected to NAME, up to --depth hops away.
#[derive(Debug, Args)]
#[command(
    after_help = "Examples:\n  relgraph query neighbors graph.json \"Kim Jong Un\"\n  relgraph query neighbors graph.json Russia --direction in --relation supports\n  relgraph query neighbors graph.json person:xi-jinping --depth 2 --entity-type state"
)]
pub struct NeighborsArgs {
    /// Graph file written by `relgraph build` (`-` reads standard input).
    pub graph: PathBuf,
    /// Entity id, name or alias (case-insensitive).
    pub name: String,
    /// Hops to go out.
    #[arg(long, short = 'd', value_name = "K", default_value_t = 1)]
    pub depth: usize,
    /// Follow only these relation types (repeatable, or comma-separated).
    #[arg(
        long = "relation",
        short = 'r',
        value_name = "TYPE",
        value_delimiter = ','
    )]
    pub relations: Vec<RelationType>,
    /// List only entities of these types (repeatable, or comma-separated); the search still
    /// goes through entities of every type.
    #[arg(
        long = "entity-type",
        short = 't',
        value_name = "TYPE",
        value_delimiter = ','
    )]
    pub entity_types: Vec<EntityType>,
    /// Follow edges leaving the entity (out), reaching it (in) or both. Symmetric relations
    /// are followed either way.
    #[arg(long, value_enum, default_value_t = Direction::Both)]
    pub direction: Direction,
    #[command(flatten)]
    pub filters: FilterArgs,
    #[command(flatten)]
    pub out: OutputArgs,
}

/// The shortest path between two entities (over edges of any direction), or every simple
/// path up to --max-len hops.
#[derive(Debug, Args)]
#[command(
    after_help = "Examples:\n  relgraph query path graph.json \"Sergei Shoigu\" \"Xi Jinping\"\n  relgraph query path graph.json Poland Russia --all --max-len 3\n  relgraph query path graph.json \"Kim Jong Un\" China --origin text --json"
)]
pub struct PathArgs {
    /// Graph file written by `relgraph build` (`-` reads standard input).
    pub graph: PathBuf,
    /// Start entity: id, name or alias.
    pub from: String,
    /// End entity: id, name or alias.
    pub to: String,
    /// Every simple path, shortest first, instead of the shortest one.
    #[arg(long)]
    pub all: bool,
    /// Longest path searched, in hops (with --all, default 3).
    #[arg(long, value_name = "K")]
    pub max_len: Option<usize>,
    /// Print at most N paths (with --all).
    #[arg(long, value_name = "N", default_value_t = 100)]
    pub limit: usize,
    /// Use only these relation types (repeatable, or comma-separated).
    #[arg(
        long = "relation",
        short = 'r',
        value_name = "TYPE",
        value_delimiter = ','
    )]
    pub relations: Vec<RelationType>,
    #[command(flatten)]
    pub filters: FilterArgs,
    #[command(flatten)]
    pub out: OutputArgs,
}

/// The subgraph around an entity (every kept edge among the entities within --radius hops),
/// in an export format.
#[derive(Debug, Args)]
#[command(
    after_help = "Examples:\n  relgraph query ego graph.json \"Kim Jong Un\" -f dot | dot -Tsvg > kim.svg\n  relgraph query ego graph.json Russia --radius 2 --origin text -o russia.json"
)]
pub struct EgoArgs {
    /// Graph file written by `relgraph build` (`-` reads standard input).
    pub graph: PathBuf,
    /// Entity id, name or alias.
    pub name: String,
    /// Hops around the entity.
    #[arg(long, short = 'k', value_name = "K", default_value_t = 1)]
    pub radius: usize,
    /// Use only these relation types (repeatable, or comma-separated).
    #[arg(
        long = "relation",
        short = 'r',
        value_name = "TYPE",
        value_delimiter = ','
    )]
    pub relations: Vec<RelationType>,
    /// Output format (default: from the -o extension, else json; `-o x.svg|png|pdf` draws a
    /// picture with Graphviz).
    #[arg(short = 'f', long, value_enum)]
    pub format: Option<GraphFormat>,
    /// Same as `-f json`.
    #[arg(long, conflicts_with = "format")]
    pub json: bool,
    /// Write to this file (atomically) instead of standard output.
    #[arg(short = 'o', long, value_name = "PATH")]
    pub output: Option<PathBuf>,
    #[command(flatten)]
    pub rdf: super::render::RdfArgs,
    #[command(flatten)]
    pub filters: FilterArgs,
}

/// Every edge between two entities, with its evidence (document, sentence span, trigger, rule,
/// confidence).
#[derive(Debug, Args)]
#[command(
    after_help = "Examples:\n  relgraph query explain graph.json \"Vladimir Putin\" \"Xi Jinping\"\n  relgraph query explain graph.json \"North Korea\" Russia --since 2024 --json"
)]
pub struct ExplainArgs {
    /// Graph file written by `relgraph build` (`-` reads standard input).
    pub graph: PathBuf,
    /// First entity: id, name or alias.
    pub a: String,
    /// Second entity: id, name or alias.
    pub b: String,
    #[command(flatten)]
    pub filters: FilterArgs,
    #[command(flatten)]
    pub out: OutputArgs,
}

/// The most connected or most central entities.
#[derive(Debug, Args)]
#[command(
    after_help = "Examples:\n  relgraph query top graph.json\n  relgraph query top graph.json --by pagerank --entity-type person -n 10\n  relgraph query top graph.json --by betweenness --origin text --json"
)]
pub struct TopArgs {
    /// Graph file written by `relgraph build` (`-` reads standard input).
    pub graph: PathBuf,
    /// Ranking.
    #[arg(long, value_enum, default_value_t = RankBy::Degree)]
    pub by: RankBy,
    /// List only entities of these types (repeatable, or comma-separated); scores are
    /// computed over the whole graph.
    #[arg(
        long = "entity-type",
        short = 't',
        value_name = "TYPE",
        value_delimiter = ','
    )]
    pub entity_types: Vec<EntityType>,
    /// How many entities to list.
    #[arg(short = 'n', value_name = "N", default_value_t = 20)]
    pub n: usize,
    /// Betweenness: estimate from this many source entities (default: exact up to 5,000
    /// entities, 256 sources above).
    #[arg(long, value_name = "K")]
    pub samples: Option<usize>,
    #[command(flatten)]
    pub filters: FilterArgs,
    #[command(flatten)]
    pub out: OutputArgs,
}

/// Counts of entities and edges by type and origin, components and density.
#[derive(Debug, Args)]
#[command(
    after_help = "Examples:\n  relgraph query stats graph.json\n  relgraph query stats graph.json --origin text --json"
)]
pub struct StatsArgs {
    /// Graph file written by `relgraph build` (`-` reads standard input).
    pub graph: PathBuf,
    #[command(flatten)]
    pub filters: FilterArgs,
    #[command(flatten)]
    pub out: OutputArgs,
}

/// Look entities up by id, name or alias (case-insensitive substring; the most similar names
/// when nothing contains the text).
#[derive(Debug, Args)]
#[command(
    after_help = "Examples:\n  relgraph query find graph.json korea\n  relgraph query find graph.json DPRK --json"
)]
pub struct FindArgs {
    /// Graph file written by `relgraph build` (`-` reads standard input).
    pub graph: PathBuf,
    /// Text to look for.
    pub text: String,
    /// List at most N entities.
    #[arg(long, short = 'n', value_name = "N", default_value_t = 20)]
    pub limit: usize,
    #[command(flatten)]
    pub filters: FilterArgs,
    #[command(flatten)]
    pub out: OutputArgs,
}

/// Write the graph (with the edge filters applied) in an export format: for instance convert a
/// JSON graph file to the binary one, which loads several times faster.
#[derive(Debug, Args)]
#[command(
    after_help = "Examples:\n  relgraph query export graph.json -o graph.bin\n  relgraph query export graph.bin --origin text --since 2024 -o recent.json\n  relgraph query export graph.json --min-count 3 -f dot | dot -Tsvg > strong.svg"
)]
pub struct ExportArgs {
    /// Graph file written by `relgraph build` (`-` reads standard input).
    pub graph: PathBuf,
    /// Keep only these relation types (repeatable, or comma-separated).
    #[arg(
        long = "relation",
        short = 'r',
        value_name = "TYPE",
        value_delimiter = ','
    )]
    pub relations: Vec<RelationType>,
    /// Output format (default: from the -o extension, else json).
    #[arg(short = 'f', long, value_enum)]
    pub format: Option<GraphFormat>,
    /// Write to this file (atomically) instead of standard output.
    #[arg(short = 'o', long, value_name = "PATH")]
    pub output: Option<PathBuf>,
    #[command(flatten)]
    pub rdf: super::render::RdfArgs,
    #[command(flatten)]
    pub filters: FilterArgs,
}

/// The edge filter the arguments ask for.
fn edge_filter(f: &FilterArgs, relations: &[RelationType]) -> Result<EdgeFilter> {
    if let (Some(s), Some(u)) = (f.since, f.until)
        && s.first_day() > u.last_day()
    {
        return Err(Error::Usage(format!("--since {s} is after --until {u}")));
    }
    let mut relations = relations.to_vec();
    relations.sort();
    relations.dedup();
    Ok(EdgeFilter {
        min_count: f.min_count,
        since: f.since,
        until: f.until,
        origin: f.origin,
        relations,
    })
}

fn types(t: &[EntityType]) -> Vec<EntityType> {
    let mut t = t.to_vec();
    t.sort();
    t.dedup();
    t
}

/// Writes `value` as pretty JSON, or the table `render` writes.
fn emit<T: Serialize>(
    out: &OutputArgs,
    value: &T,
    render: impl FnOnce(&mut dyn Write) -> std::io::Result<()>,
) -> Result<()> {
    let mut o = Output::create(out.output.as_deref())?;
    let name = o.name();
    let res = if out.json {
        serde_json::to_writer_pretty(&mut o, value)
            .map_err(std::io::Error::from)
            .and_then(|()| o.write_all(b"\n"))
    } else {
        // Tables show names from the graph: no raw control characters reach the terminal.
        let mut text = Vec::new();
        render(&mut text).and_then(|()| {
            let text = String::from_utf8_lossy(&text);
            o.write_all(crate::text::terminal::printable(&text).as_bytes())
        })
    };
    res.map_err(|e| Error::io(&name, e))?;
    o.finish()
}

/// The node of an entity id that [`load_for`] resolved.
fn node(kg: &KnowledgeGraph, id: &str) -> NodeIndex {
    kg.node_index(id)
        .expect("a resolved entity is in the graph loaded for it")
}

pub fn run(a: QueryArgs) -> Result<()> {
    match a.command {
        QueryCommand::Neighbors(a) => {
            let filter = edge_filter(&a.filters, &a.relations)?;
            let part = Part::Neighbors { depth: a.depth };
            let (loaded, ids) = load_for(&a.graph, &[&a.name], &part)?;
            let kg = &loaded.kg;
            let start = node(kg, &ids[0]);
            let view = View::of(&loaded, filter);
            let opts = NeighborsOptions {
                depth: a.depth,
                direction: a.direction,
                types: types(&a.entity_types),
            };
            let r = crate::query::paths::neighbors(&view, start, &opts);
            emit(&a.out, &r, |w| render::neighbors(&r, kg, w))
        }
        QueryCommand::Path(a) => {
            if a.max_len == Some(0) {
                return Err(Error::Usage("--max-len must be at least 1".into()));
            }
            let filter = edge_filter(&a.filters, &a.relations)?;
            let part = Part::Paths {
                filter: &filter,
                max_len: a.max_len,
                all: a.all,
            };
            let (loaded, ids) = load_for(&a.graph, &[&a.from, &a.to], &part)?;
            let kg = &loaded.kg;
            let (from, to) = (node(kg, &ids[0]), node(kg, &ids[1]));
            let view = View::of(&loaded, filter);
            let opts = PathOptions {
                all: a.all,
                max_len: a.max_len,
                limit: a.limit,
            };
            let r = crate::query::paths::paths(&view, from, to, &opts)?;
            emit(&a.out, &r, |w| render::paths(&r, w))
        }
        QueryCommand::Ego(a) => {
            // `-o x.svg|png|pdf` (without -f) asks for a picture.
            let picture = if a.json || a.format.is_some() {
                None
            } else {
                a.output
                    .as_deref()
                    .and_then(super::render::ImageFormat::from_extension)
            };
            let format = if a.json || picture.is_some() {
                GraphFormat::Json
            } else {
                GraphFormat::resolve(a.format, a.output.as_deref())?
            };
            let filter = edge_filter(&a.filters, &a.relations)?;
            let part = Part::Ego { radius: a.radius };
            let (loaded, ids) = load_for(&a.graph, &[&a.name], &part)?;
            let kg = loaded.full()?;
            let start = node(&kg, &ids[0]);
            let view = View::new(&kg, filter);
            let nodes = crate::query::paths::ego_nodes(&view, start, a.radius);
            let sub = kg.subgraph(&nodes, |e| view.keeps(e));
            // A picture: drawn by Graphviz straight away.
            if let (Some(image), Some(path)) = (picture, a.output.as_deref()) {
                let bytes = super::render::render(
                    &sub,
                    &Default::default(),
                    image,
                    super::render::LayoutEngine::Dot,
                )?;
                return crate::output::write_atomic(path, &bytes);
            }
            let opts = ExportOptions {
                rdf: a.rdf.options()?,
                ..Default::default()
            };
            format.save(&sub, &opts, a.output.as_deref())
        }
        QueryCommand::Export(a) => {
            let format = GraphFormat::resolve(a.format, a.output.as_deref())?;
            let filter = edge_filter(&a.filters, &a.relations)?;
            let kg = load(&a.graph)?.full()?;
            let sub = if filter.is_trivial() {
                kg
            } else {
                let view = View::new(&kg, filter);
                let nodes: Vec<_> = kg.graph().node_indices().collect();
                kg.subgraph(&nodes, |e| view.keeps(e))
            };
            let opts = ExportOptions {
                rdf: a.rdf.options()?,
                ..Default::default()
            };
            format.save(&sub, &opts, a.output.as_deref())
        }
        QueryCommand::Explain(a) => {
            let filter = edge_filter(&a.filters, &[])?;
            let (loaded, ids) = load_for(&a.graph, &[&a.a, &a.b], &Part::Between)?;
            let kg = &loaded.kg;
            let (x, y) = (node(kg, &ids[0]), node(kg, &ids[1]));
            let view = View::of(&loaded, filter);
            let r = crate::query::explain::explain(&view, x, y)?;
            emit(&a.out, &r, |w| render::explain(&r, kg, w))
        }
        QueryCommand::Top(a) => {
            if a.samples == Some(0) {
                return Err(Error::Usage("--samples must be at least 1".into()));
            }
            let filter = edge_filter(&a.filters, &[])?;
            let opts = TopOptions {
                by: a.by,
                types: types(&a.entity_types),
                n: a.n,
                samples: a.samples,
            };
            // Degrees are local: a mapped file is read in part. PageRank and betweenness need
            // the whole graph.
            let loaded = if a.by == RankBy::Degree {
                let part = Part::TopDegree {
                    filter: &filter,
                    types: &opts.types,
                    n: a.n,
                };
                load_for(&a.graph, &[], &part)?.0
            } else {
                load(&a.graph)?
            };
            let view = View::of(&loaded, filter);
            let r = crate::query::rank::top(&view, &opts);
            emit(&a.out, &r, |w| render::top(&r, w))
        }
        QueryCommand::Stats(a) => {
            let filter = edge_filter(&a.filters, &[])?;
            let loaded = load(&a.graph)?;
            let view = View::of(&loaded, filter);
            let r = crate::query::stats::stats(&view);
            emit(&a.out, &r, |w| render::stats(&r, w))
        }
        QueryCommand::Find(a) => {
            let filter = edge_filter(&a.filters, &[])?;
            let (loaded, _) = load_for(&a.graph, &[], &Part::Find { text: &a.text })?;
            let view = View::of(&loaded, filter);
            let r = names::find(&view, &a.text, a.limit);
            emit(&a.out, &r, |w| render::find(&r, w))
        }
    }
}

//! `relgraph render`: lay a graph file out with Graphviz (through graphviz-rust) into SVG, PNG or
//! PDF, or write the interactive page (HTML, [`crate::export::html`]). Also home of the diagram options shared by every command that writes DOT, and of the
//! graph-file reader used by render and push.

use crate::error::{Error, Result};
use crate::export::dot::{self, DotOptions};
use crate::graph::KnowledgeGraph;
use crate::output::write_atomic;
use clap::{Args, ValueEnum};
use graphviz_rust::cmd::{CommandArg, Format, Layout};
use graphviz_rust::printer::PrinterContext;
use std::io::{Read, Write};
use std::path::{Path, PathBuf};

/// Diagram options (DOT output and render).
#[derive(Debug, Clone, Default, Args)]
pub struct DiagramArgs {
    /// Diagrams: group entities into one box per state they belong to.
    #[arg(long)]
    pub clusters: bool,
    /// Diagrams: draw only the N nodes with the most edges (a warning says how many were left out).
    #[arg(long, value_name = "N")]
    pub max_nodes: Option<usize>,
    /// Diagrams: no legend.
    #[arg(long)]
    pub no_legend: bool,
}

/// RDF options (ntriples, turtle, jsonld output).
#[derive(Debug, Clone, Default, Args)]
pub struct RdfArgs {
    /// RDF: entity IRIs are IRI followed by the entity id (default https://relgraph.dev/id/).
    #[arg(long, value_name = "IRI")]
    pub base_iri: Option<String>,
}

impl RdfArgs {
    /// The RDF options these arguments ask for.
    pub fn options(&self) -> Result<crate::export::rdf::RdfOptions> {
        match &self.base_iri {
            None => Ok(Default::default()),
            Some(b) => crate::export::rdf::RdfOptions::with_base_iri(b).map_err(Error::Usage),
        }
    }
}

impl DiagramArgs {
    /// The DOT options these arguments ask for.
    pub fn options(&self) -> Result<DotOptions> {
        if self.max_nodes == Some(0) {
            return Err(Error::Usage("--max-nodes must be at least 1".into()));
        }
        Ok(DotOptions {
            legend: !self.no_legend,
            clusters: self.clusters,
            max_nodes: self.max_nodes,
        })
    }
}

/// Reads a graph file (node-link JSON, docs/formats.md, or the binary graph file that
/// `relgraph query` reads); `-` reads standard input.
pub fn read_graph(path: &Path) -> Result<KnowledgeGraph> {
    let name = path.display().to_string();
    let bytes = if path.as_os_str() == "-" {
        let mut b = Vec::new();
        std::io::stdin()
            .read_to_end(&mut b)
            .map_err(|e| Error::io("<stdin>", e))?;
        b
    } else {
        std::fs::read(path).map_err(|e| Error::io(&name, e))?
    };
    if crate::export::bin::is_binary(&bytes) {
        return crate::export::bin::read(&bytes, &name);
    }
    let file = crate::query::load::parse_json(&bytes, &name)?;
    KnowledgeGraph::from_wire(file, &name)
}

/// Image formats of render.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ImageFormat {
    Svg,
    Png,
    Pdf,
    /// The interactive page (no Graphviz needed): the whole graph in one file, searchable and
    /// filtered in the browser; it opens on the best connected entities.
    Html,
}

impl ImageFormat {
    pub fn from_extension(path: &Path) -> Option<ImageFormat> {
        match path.extension()?.to_str()?.to_ascii_lowercase().as_str() {
            "svg" => Some(ImageFormat::Svg),
            "png" => Some(ImageFormat::Png),
            "pdf" => Some(ImageFormat::Pdf),
            "html" | "htm" => Some(ImageFormat::Html),
            _ => None,
        }
    }

    /// The Graphviz output format (none for the HTML page, which Graphviz does not draw).
    fn graphviz(self) -> Option<Format> {
        match self {
            ImageFormat::Svg => Some(Format::Svg),
            ImageFormat::Png => Some(Format::Png),
            ImageFormat::Pdf => Some(Format::Pdf),
            ImageFormat::Html => None,
        }
    }
}

/// Graphviz layout engines.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum LayoutEngine {
    /// Layered (the default; best for directed graphs).
    Dot,
    /// Spring model.
    Neato,
    /// Force-directed.
    Fdp,
    /// Force-directed for large graphs.
    Sfdp,
    /// Circular.
    Circo,
    /// Radial.
    Twopi,
}

impl LayoutEngine {
    fn graphviz(self) -> Layout {
        match self {
            LayoutEngine::Dot => Layout::Dot,
            LayoutEngine::Neato => Layout::Neato,
            LayoutEngine::Fdp => Layout::Fdp,
            LayoutEngine::Sfdp => Layout::Sfdp,
            LayoutEngine::Circo => Layout::Circo,
            LayoutEngine::Twopi => Layout::Twopi,
        }
    }
}

/// What to tell a user whose machine has no Graphviz.
pub const INSTALL_GRAPHVIZ: &str = "Graphviz's `dot` program was not found on PATH. Install Graphviz \
(Debian/Ubuntu: `sudo apt-get install graphviz`; Fedora: `sudo dnf install graphviz`; macOS: \
`brew install graphviz`; Windows: `winget install graphviz`), or write DOT with \
`relgraph build ... -f dot` and render it elsewhere.";

/// Lay out a graph file with Graphviz and write SVG, PNG or PDF.
#[derive(Debug, Args)]
#[command(
    after_help = "Examples:\n  relgraph render graph.json -o graph.html\n  relgraph render graph.json -o graph.svg\n  relgraph render graph.json -o graph.png --clusters --max-nodes 60\n  relgraph render graph.json -o graph.pdf --layout sfdp"
)]
pub struct RenderArgs {
    /// The graph file written by `relgraph build` (JSON or binary); `-` reads standard input.
    #[arg(value_name = "GRAPH")]
    pub graph: PathBuf,
    /// The image to write (atomically); `-` writes to standard output (then give -f).
    #[arg(short = 'o', long, value_name = "PATH")]
    pub output: PathBuf,
    /// Image format (default: from the -o extension: .svg, .png, .pdf, or .html for the interactive page).
    #[arg(short = 'f', long, value_enum)]
    pub format: Option<ImageFormat>,
    /// Graphviz layout engine.
    #[arg(long, value_enum, default_value_t = LayoutEngine::Dot)]
    pub layout: LayoutEngine,
    #[command(flatten)]
    pub diagram: DiagramArgs,
}

/// Above this many nodes, `render` without `--max-nodes` draws only [`AUTO_CAP`] of them: Graphviz
/// takes minutes on thousands of nodes (3 minutes on the BBC corpus graph's 8,000) and the picture
/// is unreadable anyway.
pub const AUTO_CAP_ABOVE: usize = 500;

/// The nodes `render` draws of a graph above [`AUTO_CAP_ABOVE`] nodes.
pub const AUTO_CAP: usize = 150;

/// Runs Graphviz on the graph and returns the image bytes; for [`ImageFormat::Html`], writes
/// the interactive page of the whole graph (`opts` and `layout` are for Graphviz only).
pub fn render(
    kg: &KnowledgeGraph,
    opts: &DotOptions,
    format: ImageFormat,
    layout: LayoutEngine,
) -> Result<Vec<u8>> {
    let Some(gv_format) = format.graphviz() else {
        let mut page = Vec::new();
        crate::export::html::write(kg, &mut page).map_err(|e| Error::io("<page>", e))?;
        return Ok(page);
    };
    let graph = dot::to_graph(kg, opts);
    let args = vec![
        CommandArg::Layout(layout.graphviz()),
        CommandArg::Format(gv_format),
    ];
    graphviz_rust::exec(graph, &mut PrinterContext::default(), args).map_err(|e| {
        if e.kind() == std::io::ErrorKind::NotFound {
            Error::Tool(INSTALL_GRAPHVIZ.to_string())
        } else {
            Error::Tool(format!("Graphviz failed: {}", e.to_string().trim()))
        }
    })
}

pub fn run(a: RenderArgs) -> Result<()> {
    let to_stdout = a.output.as_os_str() == "-";
    let format = match a.format {
        Some(f) => f,
        None if to_stdout => return Err(Error::Usage("-o - needs -f svg|png|pdf|html".into())),
        None => ImageFormat::from_extension(&a.output).ok_or_else(|| {
            Error::Usage(format!(
                "cannot tell the image format of {} from its extension: use .svg, .png, .pdf or .html, or -f",
                a.output.display()
            ))
        })?,
    };
    let mut opts = a.diagram.options()?;
    let kg = read_graph(&a.graph)?;
    if format == ImageFormat::Html {
        if a.diagram.max_nodes.is_some() || a.diagram.clusters {
            eprintln!(
                "relgraph: note: the page holds every node and draws the {} best connected at                  first (the reader can raise it); --max-nodes and --clusters are for Graphviz pictures",
                crate::export::html::DEFAULT_CAP
            );
        }
    } else if opts.max_nodes.is_none() && kg.node_count() > AUTO_CAP_ABOVE {
        eprintln!(
            "relgraph: the graph has {} nodes, too many to lay out in reasonable time: drawing the \
             {AUTO_CAP} best connected (--max-nodes N to choose how many)",
            kg.node_count()
        );
        opts.max_nodes = Some(AUTO_CAP);
    } else if let Some(w) = dot::cap_warning(&kg, &opts) {
        eprintln!("relgraph: warning: {w}");
    }
    let image = render(&kg, &opts, format, a.layout)?;
    if to_stdout {
        let mut out = std::io::stdout().lock();
        out.write_all(&image)
            .and_then(|()| out.flush())
            .map_err(|e| Error::io("<stdout>", e))
    } else {
        write_atomic(&a.output, &image)
    }
}

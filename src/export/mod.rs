//! Graph exporters, one per file, behind [`GraphFormat`].
//!
//! Commands write a graph with [`GraphFormat::resolve`] (from `-f` or the `-o` extension) then
//! [`GraphFormat::save`] (stdout, an atomic file, or for `neo4j-csv`, `kuzu` and `csv` a folder
//! of files, each written atomically). Stream formats
//! can also be written to any writer with [`GraphFormat::write`] / [`GraphFormat::write_with`].

pub mod bin;
pub mod csv;
pub mod cypher;
pub mod cytoscape;
pub mod dot;
pub mod gexf;
pub mod graphml;
pub mod html;
pub mod json;
pub mod kuzu;
pub mod neo4j_csv;
pub mod rdf;
pub mod tables;

use crate::error::{Error, Result};
use crate::graph::KnowledgeGraph;
use crate::output::Output;
use std::io::Write;
use std::path::Path;

/// The formats a graph can be written in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, clap::ValueEnum)]
pub enum GraphFormat {
    /// Node-link JSON (docs/formats.md), readable by NetworkX.
    Json,
    /// Graphviz DOT (docs/targets/graphviz.md).
    Dot,
    /// Idempotent openCypher script for Neo4j, Memgraph, FalkorDB (docs/targets/).
    Cypher,
    /// nodes.csv + relationships.csv for neo4j-admin import, written into the -o folder.
    #[value(name = "neo4j-csv")]
    Neo4jCsv,
    /// GraphML with typed keys, for Gephi, yEd, NetworkX, igraph.
    Graphml,
    /// GEXF 1.3 for Gephi, with node colours and sizes (docs/targets/gephi.md).
    Gexf,
    /// Cytoscape JSON (.cyjs) for Cytoscape desktop and Cytoscape.js (docs/targets/gephi.md).
    Cytoscape,
    /// RDF N-Triples (docs/targets/rdf.md).
    Ntriples,
    /// RDF Turtle (docs/targets/rdf.md).
    Turtle,
    /// RDF as JSON-LD, with a @context (docs/targets/rdf.md).
    Jsonld,
    /// nodes.csv + edges.csv + evidence.csv for spreadsheets, pandas, Spark, written into the -o folder.
    Csv,
    /// Kùzu: schema.cypher, copy.cypher and the CSV files they load, written into the -o folder.
    Kuzu,
    /// Compact binary graph file for fast loading by `relgraph query` (docs/query.md).
    Bin,
    /// Interactive page: one self-contained HTML file to explore the graph in a browser.
    Html,
}

/// Writes one file of a folder format.
pub type FileWriter = fn(&KnowledgeGraph, &mut dyn Write) -> std::io::Result<()>;

/// Options of the exports that have some.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ExportOptions {
    pub dot: dot::DotOptions,
    pub rdf: rdf::RdfOptions,
}

impl GraphFormat {
    /// The `-f` name of the format.
    pub fn name(self) -> &'static str {
        match self {
            GraphFormat::Json => "json",
            GraphFormat::Dot => "dot",
            GraphFormat::Cypher => "cypher",
            GraphFormat::Neo4jCsv => "neo4j-csv",
            GraphFormat::Graphml => "graphml",
            GraphFormat::Gexf => "gexf",
            GraphFormat::Cytoscape => "cytoscape",
            GraphFormat::Ntriples => "ntriples",
            GraphFormat::Turtle => "turtle",
            GraphFormat::Jsonld => "jsonld",
            GraphFormat::Csv => "csv",
            GraphFormat::Kuzu => "kuzu",
            GraphFormat::Bin => "bin",
            GraphFormat::Html => "html",
        }
    }

    /// The format implied by a file name's extension (the folder formats have none).
    pub fn from_extension(path: &Path) -> Option<GraphFormat> {
        match path.extension()?.to_str()?.to_ascii_lowercase().as_str() {
            "json" => Some(GraphFormat::Json),
            "dot" | "gv" => Some(GraphFormat::Dot),
            "cypher" | "cyp" | "cql" => Some(GraphFormat::Cypher),
            "graphml" => Some(GraphFormat::Graphml),
            "gexf" => Some(GraphFormat::Gexf),
            "cyjs" => Some(GraphFormat::Cytoscape),
            "nt" => Some(GraphFormat::Ntriples),
            "ttl" => Some(GraphFormat::Turtle),
            "jsonld" => Some(GraphFormat::Jsonld),
            "bin" => Some(GraphFormat::Bin),
            "html" | "htm" => Some(GraphFormat::Html),
            _ => None,
        }
    }

    /// Whether the format writes a folder of files rather than one stream.
    pub fn writes_folder(self) -> bool {
        !self.folder_files().is_empty()
    }

    /// The files a folder format writes (empty for a stream format), in writing order.
    pub fn folder_files(self) -> &'static [(&'static str, FileWriter)] {
        match self {
            GraphFormat::Neo4jCsv => &[
                (neo4j_csv::NODES_FILE, neo4j_csv::write_nodes),
                (
                    neo4j_csv::RELATIONSHIPS_FILE,
                    neo4j_csv::write_relationships,
                ),
            ],
            GraphFormat::Csv => &[
                (csv::NODES_FILE, csv::write_nodes),
                (csv::EDGES_FILE, csv::write_edges),
                (csv::EVIDENCE_FILE, csv::write_evidence),
            ],
            GraphFormat::Kuzu => &[
                (kuzu::ENTITIES_FILE, kuzu::write_entities),
                (kuzu::RELATIONS_FILE, kuzu::write_relations),
                (kuzu::EVIDENCE_FILE, kuzu::write_evidence),
                (kuzu::SCHEMA_FILE, kuzu::write_schema),
                (kuzu::COPY_FILE, kuzu::write_copy),
            ],
            _ => &[],
        }
    }

    /// `-f` if given, else the output extension, else JSON. A folder format needs `-o DIR`.
    pub fn resolve(explicit: Option<GraphFormat>, output: Option<&Path>) -> Result<GraphFormat> {
        let to_stdout = output.is_none_or(|p| p.as_os_str() == "-");
        let format = match (explicit, output) {
            (Some(f), _) => f,
            (None, _) if to_stdout => GraphFormat::Json,
            (None, Some(p)) => GraphFormat::from_extension(p).ok_or_else(|| {
                Error::Usage(format!(
                    "cannot tell the format of {} from its extension (.json .dot .gv .cypher .graphml .gexf .cyjs .nt .ttl .jsonld .bin .html): \
                     use -f json|dot|cypher|graphml|gexf|cytoscape|ntriples|turtle|jsonld|bin|html, or -f csv|kuzu|neo4j-csv with -o DIR",
                    p.display()
                ))
            })?,
            (None, None) => unreachable!("no output is stdout"),
        };
        if format.writes_folder() && to_stdout {
            let files: Vec<&str> = format.folder_files().iter().map(|f| f.0).collect();
            return Err(Error::Usage(format!(
                "-f {} writes a folder ({}): give -o DIR",
                format.name(),
                files.join(", ")
            )));
        }
        Ok(format)
    }

    /// Writes `kg` in this format with default options.
    pub fn write(self, kg: &KnowledgeGraph, out: &mut dyn Write) -> std::io::Result<()> {
        self.write_with(kg, &ExportOptions::default(), out)
    }

    /// Writes `kg` in this format. A folder format writes several files: use
    /// [`GraphFormat::save`].
    pub fn write_with(
        self,
        kg: &KnowledgeGraph,
        opts: &ExportOptions,
        out: &mut dyn Write,
    ) -> std::io::Result<()> {
        match self {
            GraphFormat::Json => json::write(kg, out),
            GraphFormat::Dot => dot::write(kg, &opts.dot, out),
            GraphFormat::Cypher => cypher::write(kg, out),
            GraphFormat::Graphml => graphml::write(kg, out),
            GraphFormat::Gexf => gexf::write(kg, out),
            GraphFormat::Cytoscape => cytoscape::write(kg, out),
            GraphFormat::Ntriples => rdf::write_ntriples(kg, &opts.rdf, out),
            GraphFormat::Turtle => rdf::write_turtle(kg, &opts.rdf, out),
            GraphFormat::Jsonld => rdf::write_jsonld(kg, &opts.rdf, out),
            GraphFormat::Bin => bin::write(kg, out),
            GraphFormat::Html => html::write(kg, out),
            GraphFormat::Neo4jCsv | GraphFormat::Csv | GraphFormat::Kuzu => {
                Err(std::io::Error::new(
                    std::io::ErrorKind::InvalidInput,
                    format!(
                        "{} writes a folder of files, not one stream (give -o DIR)",
                        self.name()
                    ),
                ))
            }
        }
    }

    /// Warnings about what the output leaves out (the DOT node cap), for stderr.
    pub fn warnings(self, kg: &KnowledgeGraph, opts: &ExportOptions) -> Vec<String> {
        match self {
            GraphFormat::Dot => dot::cap_warning(kg, &opts.dot).into_iter().collect(),
            _ => Vec::new(),
        }
    }

    /// Writes `kg` to `output`: standard output for `None` or `-`, else the file, atomically;
    /// for a folder format, the folder (created if needed) gets its
    /// [`GraphFormat::folder_files`], each written atomically. Prints [`GraphFormat::warnings`] to standard error.
    pub fn save(
        self,
        kg: &KnowledgeGraph,
        opts: &ExportOptions,
        output: Option<&Path>,
    ) -> Result<()> {
        for w in self.warnings(kg, opts) {
            eprintln!("relgraph: warning: {w}");
        }
        if self.writes_folder() {
            let dir = match output {
                Some(p) if p.as_os_str() != "-" => p,
                _ => {
                    return Err(Error::Usage(format!(
                        "-f {} writes a folder: give -o DIR",
                        self.name()
                    )));
                }
            };
            std::fs::create_dir_all(dir).map_err(|e| Error::io(dir.display(), e))?;
            for &(name, write) in self.folder_files() {
                let path = dir.join(name);
                let mut out = Output::create(Some(&path))?;
                write(kg, &mut out).map_err(|e| Error::io(path.display(), e))?;
                out.finish()?;
            }
            return Ok(());
        }
        let mut out = Output::create(output)?;
        let name = out.name();
        self.write_with(kg, opts, &mut out)
            .map_err(|e| Error::io(name, e))?;
        out.finish()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::ValueEnum;

    #[test]
    fn formats_from_extensions() {
        let cases = [
            ("g.json", Some(GraphFormat::Json)),
            ("g.DOT", Some(GraphFormat::Dot)),
            ("g.gv", Some(GraphFormat::Dot)),
            ("g.cypher", Some(GraphFormat::Cypher)),
            ("g.cql", Some(GraphFormat::Cypher)),
            ("g.graphml", Some(GraphFormat::Graphml)),
            ("g.gexf", Some(GraphFormat::Gexf)),
            ("g.cyjs", Some(GraphFormat::Cytoscape)),
            ("g.nt", Some(GraphFormat::Ntriples)),
            ("g.ttl", Some(GraphFormat::Turtle)),
            ("g.jsonld", Some(GraphFormat::Jsonld)),
            ("g.html", Some(GraphFormat::Html)),
            ("g.csv", None),
            ("folder", None),
            ("g.svg", None),
        ];
        for (path, want) in cases {
            assert_eq!(GraphFormat::from_extension(Path::new(path)), want, "{path}");
        }
    }

    #[test]
    fn names_match_the_command_line() {
        for f in GraphFormat::value_variants() {
            assert_eq!(f.to_possible_value().unwrap().get_name(), f.name());
        }
    }

    #[test]
    fn resolution() {
        let p = |s: &str| Some(Path::new(s).to_path_buf());
        assert_eq!(GraphFormat::resolve(None, None).unwrap(), GraphFormat::Json);
        assert_eq!(
            GraphFormat::resolve(None, p("-").as_deref()).unwrap(),
            GraphFormat::Json
        );
        assert_eq!(
            GraphFormat::resolve(None, p("x.ttl").as_deref()).unwrap(),
            GraphFormat::Turtle
        );
        assert_eq!(
            GraphFormat::resolve(Some(GraphFormat::Csv), p("x.ttl").as_deref()).unwrap(),
            GraphFormat::Csv
        );
        assert!(GraphFormat::resolve(None, p("out").as_deref()).is_err());
        assert!(GraphFormat::resolve(Some(GraphFormat::Neo4jCsv), None).is_err());
        assert!(GraphFormat::resolve(Some(GraphFormat::Neo4jCsv), p("-").as_deref()).is_err());
        assert_eq!(
            GraphFormat::resolve(Some(GraphFormat::Neo4jCsv), p("out").as_deref()).unwrap(),
            GraphFormat::Neo4jCsv
        );
    }
}

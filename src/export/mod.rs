//! Graph exporters, one per file, behind [`GraphFormat`].

pub mod dot;
pub mod json;

use crate::error::{Error, Result};
use crate::graph::KnowledgeGraph;
use std::io::Write;
use std::path::Path;

/// The formats a graph can be written in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum GraphFormat {
    /// Node-link JSON (docs/formats.md), readable by NetworkX.
    Json,
    /// Graphviz DOT.
    Dot,
}

impl GraphFormat {
    /// The format implied by a file name's extension.
    pub fn from_extension(path: &Path) -> Option<GraphFormat> {
        match path.extension()?.to_str()?.to_ascii_lowercase().as_str() {
            "json" => Some(GraphFormat::Json),
            "dot" | "gv" => Some(GraphFormat::Dot),
            _ => None,
        }
    }

    /// `-f` if given, else the output extension, else JSON.
    pub fn resolve(explicit: Option<GraphFormat>, output: Option<&Path>) -> Result<GraphFormat> {
        if let Some(f) = explicit {
            return Ok(f);
        }
        match output {
            None => Ok(GraphFormat::Json),
            Some(p) if p.as_os_str() == "-" => Ok(GraphFormat::Json),
            Some(p) => GraphFormat::from_extension(p).ok_or_else(|| {
                Error::Usage(format!(
                    "cannot tell the format of {} from its extension: use -f json|dot",
                    p.display()
                ))
            }),
        }
    }

    /// Writes `kg` in this format.
    pub fn write(self, kg: &KnowledgeGraph, out: &mut dyn Write) -> std::io::Result<()> {
        match self {
            GraphFormat::Json => json::write(kg, out),
            GraphFormat::Dot => dot::write(kg, &dot::DotOptions::default(), out),
        }
    }
}

//! Loading a graph file for queries. Both graph files `relgraph build` writes are read, told
//! apart by their first bytes: the JSON graph file (`-f json`), read whole into memory and
//! parsed with `serde_json::from_slice` (much faster than a streaming reader), and the compact
//! binary graph file (`-f bin`, [`crate::export::bin`]), read with its evidence left in the file
//! bytes until a query asks for it — several times faster and smaller again.

use crate::error::Error;
use crate::export::bin::{self, LazyEvidence};
use crate::graph::KnowledgeGraph;
use crate::wire::graph::GraphFile;
use std::io::Read;
use std::path::Path;

/// The name of a graph path in messages (`-` is standard input).
pub fn display_name(path: &Path) -> String {
    if path.as_os_str() == "-" {
        "<stdin>".to_string()
    } else {
        path.display().to_string()
    }
}

/// A graph loaded for queries.
pub struct Loaded {
    /// The graph; read from a binary file, its edges have no evidence items (see `evidence`).
    pub kg: KnowledgeGraph,
    /// For a binary file, the evidence still in the file bytes.
    pub evidence: Option<LazyEvidence>,
}

impl Loaded {
    /// The graph with its evidence (decoding a binary file's evidence, which takes a while on
    /// large graphs): for commands that write graphs.
    pub fn full(self) -> Result<KnowledgeGraph, Error> {
        match self.evidence {
            None => Ok(self.kg),
            Some(lazy) => lazy.full_graph(self.kg),
        }
    }
}

/// Reads a graph file, JSON or binary; `-` reads standard input.
pub fn load(path: &Path) -> Result<Loaded, Error> {
    let name = display_name(path);
    let bytes = if path.as_os_str() == "-" {
        let mut buf = Vec::new();
        std::io::stdin()
            .lock()
            .read_to_end(&mut buf)
            .map_err(|e| Error::io(&name, e))?;
        buf
    } else {
        std::fs::read(path).map_err(|e| Error::io(&name, e))?
    };
    parse(bytes, &name)
}

/// Parses graph-file bytes (JSON or binary); `name` is used in errors.
pub fn parse(bytes: Vec<u8>, name: &str) -> Result<Loaded, Error> {
    if bin::is_binary(&bytes) {
        let (kg, evidence) = bin::read_lazy(bytes, name)?;
        return Ok(Loaded {
            kg,
            evidence: Some(evidence),
        });
    }
    let file = parse_json(&bytes, name)?;
    // The text can go before the graph is built: it is the largest thing in memory.
    drop(bytes);
    Ok(Loaded {
        kg: KnowledgeGraph::from_wire(file, name)?,
        evidence: None,
    })
}

/// Parses a JSON graph file into its wire form.
pub fn parse_json(bytes: &[u8], name: &str) -> Result<GraphFile, Error> {
    serde_json::from_slice(bytes).map_err(|e| {
        // serde_json appends " at line L column C"; the line goes to its own field.
        let text = e.to_string();
        let text = match text.rfind(" at line ") {
            Some(i) if e.line() > 0 => format!("{} (column {})", &text[..i], e.column()),
            _ => text,
        };
        Error::Input {
            path: name.to_string(),
            line: (e.line() > 0).then_some(e.line()),
            message: format!("not a readable relgraph graph file: {text}"),
        }
    })
}

//! Node-link JSON export (the graph file format, docs/formats.md).

use crate::graph::KnowledgeGraph;
use std::io::Write;

/// Writes the graph file, pretty-printed with a final newline.
pub fn write(kg: &KnowledgeGraph, out: &mut dyn Write) -> std::io::Result<()> {
    serde_json::to_writer_pretty(&mut *out, &kg.to_wire())?;
    out.write_all(b"\n")
}

//! Wire types: the JSON shapes other tools read, kept apart from the internal model and
//! documented in docs/formats.md.

pub mod extraction;
pub mod graph;

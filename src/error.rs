//! The crate's error type. Every error names the file (and line, where there is one) it is about.

use crate::gazetteer::GazetteerError;
use crate::rules::RuleError;

#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error(transparent)]
    Gazetteer(#[from] GazetteerError),
    #[error(transparent)]
    Rules(#[from] RuleError),
    /// Bad input data (a JSONL line, a graph file).
    #[error("{path}{}: {message}", line.map(|l| format!(":{l}")).unwrap_or_default())]
    Input {
        path: String,
        line: Option<usize>,
        message: String,
    },
    /// Reading or writing a file failed.
    #[error("{path}: {source}")]
    Io {
        path: String,
        #[source]
        source: std::io::Error,
    },
    /// A command-line combination that cannot work.
    #[error("{0}")]
    Usage(String),
    /// An external tool failed or is missing.
    #[error("{0}")]
    Tool(String),
}

impl Error {
    pub fn io(path: impl std::fmt::Display, source: std::io::Error) -> Error {
        Error::Io {
            path: path.to_string(),
            source,
        }
    }

    /// Whether this error is a closed output pipe (a normal way for `| head` to end).
    pub fn is_broken_pipe(&self) -> bool {
        matches!(self, Error::Io { source, .. } if source.kind() == std::io::ErrorKind::BrokenPipe)
    }
}

pub type Result<T, E = Error> = std::result::Result<T, E>;

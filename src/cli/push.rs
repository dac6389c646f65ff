//! `relgraph push`: load a graph file into a running FalkorDB over the Redis protocol, in batches
//! of `UNWIND` statements (the same statements as `-f cypher`). Idempotent: nodes are merged on
//! their id and relationships on (source, type, origin, target), so a second push changes nothing.

use super::render::read_graph;
use crate::error::{Error, Result};
use crate::export::cypher;
use clap::Args;
use std::path::PathBuf;
use std::time::Duration;

/// Load a graph file into a running FalkorDB (docs/targets/falkordb.md).
#[derive(Debug, Args)]
#[command(
    after_help = "Examples:\n  relgraph push graph.json --falkordb redis://127.0.0.1:6379 --graph news\n  relgraph build corpus/ -o graph.json && relgraph push graph.json --falkordb redis://127.0.0.1:6379 --graph news"
)]
pub struct PushArgs {
    /// The graph file written by `relgraph build` (JSON or binary); `-` reads standard input.
    #[arg(value_name = "GRAPH")]
    pub graph: PathBuf,
    /// FalkorDB server URL: redis://[user:password@]host:port[/db].
    #[arg(long, value_name = "URL")]
    pub falkordb: String,
    /// Name of the FalkorDB graph to load into (created if missing).
    #[arg(long = "graph", value_name = "NAME")]
    pub name: String,
    /// Nodes or relationships per query.
    #[arg(long, value_name = "N", default_value_t = cypher::BATCH_ROWS)]
    pub batch_size: usize,
}

/// The URL without its password, for messages.
fn redact(url: &str) -> String {
    match (url.find("://"), url.rfind('@')) {
        (Some(scheme), Some(at)) if at > scheme => {
            format!("{}***{}", &url[..scheme + 3], &url[at..])
        }
        _ => url.to_string(),
    }
}

fn server_error(url: &str, e: &redis::RedisError) -> Error {
    let text = e.to_string();
    if text.to_ascii_lowercase().contains("unknown command") {
        Error::Tool(format!(
            "{url}: the server does not know GRAPH.QUERY: is the FalkorDB module loaded? ({text})"
        ))
    } else {
        Error::Tool(format!("{url}: {text}"))
    }
}

pub fn run(a: PushArgs) -> Result<()> {
    if a.batch_size == 0 {
        return Err(Error::Usage("--batch-size must be at least 1".into()));
    }
    if a.name.is_empty() {
        return Err(Error::Usage("--graph needs a name".into()));
    }
    let kg = read_graph(&a.graph)?;
    let shown = redact(&a.falkordb);
    let url = shown.as_str();
    let client = redis::Client::open(a.falkordb.as_str())
        .map_err(|e| Error::Usage(format!("--falkordb {url}: {e}")))?;
    let mut con = client
        .get_connection_with_timeout(Duration::from_secs(10))
        .map_err(|e| Error::Tool(format!("cannot connect to FalkorDB at {url}: {e}")))?;
    let query = |con: &mut redis::Connection, q: &str| {
        redis::cmd("GRAPH.QUERY")
            .arg(&a.name)
            .arg(q)
            .query::<redis::Value>(con)
    };
    // The index makes MERGE on id fast; it exists already on a second push.
    if let Err(e) = query(&mut con, "CREATE INDEX FOR (n:Entity) ON (n.id)")
        && !e.to_string().contains("already indexed")
    {
        return Err(server_error(url, &e));
    }
    for s in cypher::statements(&kg, a.batch_size) {
        query(&mut con, &s).map_err(|e| server_error(url, &e))?;
    }
    eprintln!(
        "relgraph: pushed {} nodes and {} relationships to FalkorDB graph {:?} at {url}",
        kg.node_count(),
        kg.edge_count(),
        a.name
    );
    Ok(())
}

#[cfg(test)]
mod tests {
    #[test]
    fn passwords_are_not_shown() {
        assert_eq!(
            super::redact("redis://127.0.0.1:6379"),
            "redis://127.0.0.1:6379"
        );
        assert_eq!(
            super::redact("redis://u:secret@host:1/0"),
            "redis://***@host:1/0"
        );
    }
}

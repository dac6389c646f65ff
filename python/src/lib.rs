//! The `relgraph._relgraph` extension module: relgraph's extractor and graph for Python
//! (docs/python.md). The package `relgraph` (python/relgraph/__init__.py) re-exports it.
//!
//! Records cross the boundary as the JSON `relgraph extract` writes, decoded by Python's `json`
//! module, so a Python record is exactly a CLI record (character offsets index Python strings,
//! which count code points as relgraph does). The GIL is released while documents are
//! extracted; errors are `relgraph.RelgraphError` (a `ValueError`) naming the file and line,
//! or `OSError` for a file that cannot be read or written.

use pyo3::create_exception;
use pyo3::exceptions::{PyOSError, PyTypeError, PyValueError};
use pyo3::prelude::*;
use pyo3::types::{PyDict, PyString, PyTuple};
use relgraph::cli::common::KnowledgeArgs;
use relgraph::doc::Document;
use relgraph::error::Error;
use relgraph::export::{ExportOptions, GraphFormat};
use relgraph::extract::{Extractor as Inner, FactsMode, Scratch};
use relgraph::gazetteer::Date;
use relgraph::graph::KnowledgeGraph;
use relgraph::wire::extraction::DocRecord;
use std::path::PathBuf;
use std::sync::{Arc, Mutex, OnceLock};

create_exception!(
    _relgraph,
    RelgraphError,
    PyValueError,
    "Bad input for relgraph: the message names the file (and line) or the argument."
);

/// `OSError` when a file could not be read or written (an I/O error anywhere in the chain),
/// else `RelgraphError`; the message names the file and line either way.
fn py_err(e: Error) -> PyErr {
    let mut cause: Option<&(dyn std::error::Error + 'static)> = Some(&e);
    while let Some(c) = cause {
        if c.is::<std::io::Error>() || matches!(c.downcast_ref::<Error>(), Some(Error::Io { .. })) {
            return PyOSError::new_err(e.to_string());
        }
        cause = c.source();
    }
    RelgraphError::new_err(e.to_string())
}

fn json_module(py: Python<'_>) -> PyResult<Bound<'_, PyModule>> {
    py.import("json")
}

/// A record as a Python dict (through `json.loads`).
fn to_dict<'py>(py: Python<'py>, rec: &DocRecord) -> PyResult<Bound<'py, PyAny>> {
    let text = serde_json::to_string(rec).map_err(|e| RelgraphError::new_err(e.to_string()))?;
    json_module(py)?.call_method1("loads", (text,))
}

fn parse_date(date: Option<&str>) -> PyResult<Option<Date>> {
    date.map(|d| {
        d.parse::<Date>()
            .map_err(|e| RelgraphError::new_err(format!("date {d:?}: {e}")))
    })
    .transpose()
}

fn facts_mode(facts: &str) -> PyResult<FactsMode> {
    match facts {
        "none" => Ok(FactsMode::None),
        "mentioned" => Ok(FactsMode::Mentioned),
        "all" => Ok(FactsMode::All),
        _ => Err(RelgraphError::new_err(format!(
            "facts={facts:?}: use \"none\", \"mentioned\" or \"all\""
        ))),
    }
}

/// relgraph's extractor: gazetteers, rules and models loaded once, reused for every document.
///
/// `Extractor(gazetteers=[], rules=[], models=[], facts="mentioned", default_gazetteer=True,
/// default_rules=True, default_models=True, sentences=False)`: the files are added to the
/// embedded defaults (as `--gazetteer`, `--rules`, `--model` on the command line); `facts` is
/// "none", "mentioned" or "all"; `sentences` puts each evidence item's sentence in the records.
#[pyclass(frozen, module = "relgraph")]
struct Extractor {
    inner: Arc<Inner>,
    facts: FactsMode,
}

/// A document from an item of `extract_many`: a string, a dict with "text" (and "id",
/// "date"), or an (id, text) tuple.
fn document(item: &Bound<'_, PyAny>, index: usize) -> PyResult<Document> {
    let default_id = || index.to_string();
    if let Ok(s) = item.cast::<PyString>() {
        return Ok(Document {
            id: default_id(),
            text: s.to_cow()?.into_owned(),
            date: None,
        });
    }
    if let Ok(d) = item.cast::<PyDict>() {
        let text: String = d
            .get_item("text")?
            .ok_or_else(|| RelgraphError::new_err(format!("document {index}: no \"text\"")))?
            .extract()?;
        let id: Option<String> = match d.get_item("id")? {
            Some(v) if !v.is_none() => Some(v.str()?.to_cow()?.into_owned()),
            _ => None,
        };
        let date: Option<String> = match d.get_item("date")? {
            Some(v) if !v.is_none() => Some(v.extract()?),
            _ => None,
        };
        return Ok(Document {
            id: id.unwrap_or_else(default_id),
            text,
            date: parse_date(date.as_deref())?,
        });
    }
    if let Ok(t) = item.cast::<PyTuple>()
        && t.len() == 2
    {
        return Ok(Document {
            id: t.get_item(0)?.str()?.to_cow()?.into_owned(),
            text: t.get_item(1)?.extract()?,
            date: None,
        });
    }
    Err(PyTypeError::new_err(format!(
        "document {index}: expected a str, a dict with \"text\" or an (id, text) tuple, got {}",
        item.get_type().name()?
    )))
}

#[pymethods]
impl Extractor {
    #[new]
    #[pyo3(signature = (gazetteers=Vec::new(), rules=Vec::new(), models=Vec::new(), facts="mentioned", default_gazetteer=true, default_rules=true, default_models=true, sentences=false))]
    #[allow(clippy::too_many_arguments)]
    fn new(
        py: Python<'_>,
        gazetteers: Vec<PathBuf>,
        rules: Vec<PathBuf>,
        models: Vec<PathBuf>,
        facts: &str,
        default_gazetteer: bool,
        default_rules: bool,
        default_models: bool,
        sentences: bool,
    ) -> PyResult<Self> {
        let facts = facts_mode(facts)?;
        let k = KnowledgeArgs {
            gazetteers,
            no_default_gazetteer: !default_gazetteer,
            rules,
            no_default_rules: !default_rules,
            models,
            no_default_models: !default_models,
        };
        // `all` adds the listed facts when a graph is built; documents get the mentioned ones.
        let doc_facts = if facts == FactsMode::All {
            FactsMode::Mentioned
        } else {
            facts
        };
        let inner = py
            .detach(|| relgraph::config::extractor(&k, doc_facts))
            .map_err(py_err)?
            .with_sentences(sentences);
        Ok(Extractor {
            inner: Arc::new(inner),
            facts,
        })
    }

    /// The record of one document: the dict `relgraph extract` prints as a JSON line.
    #[pyo3(signature = (text, date=None, id=None))]
    fn extract<'py>(
        &self,
        py: Python<'py>,
        text: String,
        date: Option<&str>,
        id: Option<String>,
    ) -> PyResult<Bound<'py, PyAny>> {
        let doc = Document {
            id: id.unwrap_or_else(|| "0".to_string()),
            text,
            date: parse_date(date)?,
        };
        let inner = Arc::clone(&self.inner);
        let rec = py.detach(move || {
            let mut scratch = Scratch::default();
            inner.record(&doc, &mut scratch)
        });
        to_dict(py, &rec)
    }

    /// Records of many documents, streamed in input order: an iterator over `documents`
    /// (strings, dicts with "text" and optional "id" and "date", or (id, text) tuples), read in
    /// batches extracted on `threads` threads without the GIL.
    #[pyo3(signature = (documents, threads=1))]
    fn extract_many(&self, documents: &Bound<'_, PyAny>, threads: usize) -> PyResult<Records> {
        if threads == 0 {
            return Err(RelgraphError::new_err("threads must be at least 1"));
        }
        Ok(Records {
            inner: Arc::clone(&self.inner),
            source: documents.try_iter()?.unbind().into_any(),
            threads: threads.max(1),
            state: Mutex::new(RecordsState::default()),
        })
    }

    fn __repr__(&self) -> String {
        format!(
            "relgraph.Extractor({} gazetteer entities, facts={:?})",
            self.inner.gazetteer().len(),
            match self.facts {
                FactsMode::None => "none",
                FactsMode::Mentioned => "mentioned",
                FactsMode::All => "all",
            }
        )
    }
}

#[derive(Default)]
struct RecordsState {
    ready: std::collections::VecDeque<DocRecord>,
    read: usize,
    done: bool,
}

/// The iterator `Extractor.extract_many` returns.
#[pyclass(module = "relgraph")]
struct Records {
    inner: Arc<Inner>,
    source: Py<PyAny>,
    threads: usize,
    state: Mutex<RecordsState>,
}

/// Documents read from the Python iterator per thread and batch.
const BATCH_PER_THREAD: usize = 64;

#[pymethods]
impl Records {
    fn __iter__(slf: PyRef<'_, Self>) -> PyRef<'_, Self> {
        slf
    }

    fn __next__<'py>(&self, py: Python<'py>) -> PyResult<Option<Bound<'py, PyAny>>> {
        let mut state = self.state.lock().expect("records lock");
        if state.ready.is_empty() && !state.done {
            let mut batch = Vec::new();
            let source = self.source.bind(py);
            while batch.len() < self.threads * BATCH_PER_THREAD {
                match source.call_method0("__next__") {
                    Ok(item) => {
                        batch.push(document(&item, state.read)?);
                        state.read += 1;
                    }
                    Err(e) if e.is_instance_of::<pyo3::exceptions::PyStopIteration>(py) => {
                        state.done = true;
                        break;
                    }
                    Err(e) => return Err(e),
                }
            }
            let inner = Arc::clone(&self.inner);
            let threads = self.threads;
            let records = py.detach(move || {
                let mut out = Vec::with_capacity(batch.len());
                relgraph::pipeline::run(&inner, batch.into_iter().map(Ok), threads, |_, rec| {
                    out.push(rec);
                    Ok(())
                })
                .map(|()| out)
            });
            state.ready.extend(records.map_err(py_err)?);
        }
        match state.ready.pop_front() {
            Some(rec) => Ok(Some(to_dict(py, &rec)?)),
            None => Ok(None),
        }
    }
}

/// The extractor `Graph.build` uses when given none: the embedded defaults, built once.
fn default_extractor(py: Python<'_>) -> PyResult<Arc<Inner>> {
    static DEFAULT: OnceLock<Arc<Inner>> = OnceLock::new();
    if let Some(x) = DEFAULT.get() {
        return Ok(Arc::clone(x));
    }
    let k = KnowledgeArgs::default();
    let ex = py
        .detach(|| relgraph::config::extractor(&k, FactsMode::Mentioned))
        .map_err(py_err)?;
    Ok(Arc::clone(DEFAULT.get_or_init(|| Arc::new(ex))))
}

/// A knowledge graph: built from records, loaded from a graph file, saved in every format.
#[pyclass(module = "relgraph")]
struct Graph {
    inner: KnowledgeGraph,
}

/// A format from its name (`turtle`) or its file extension (`ttl`).
fn format_of(format: Option<&str>) -> PyResult<Option<GraphFormat>> {
    use clap::ValueEnum;
    format
        .map(|f| {
            let by_extension =
                || GraphFormat::from_extension(std::path::Path::new(&format!("x.{f}")));
            GraphFormat::from_str(f, true)
                .ok()
                .or_else(by_extension)
                .ok_or_else(|| {
                    let names: Vec<&str> = GraphFormat::value_variants()
                        .iter()
                        .map(|v| v.name())
                        .collect();
                    RelgraphError::new_err(format!("format {f:?}: use one of {}", names.join(", ")))
                })
        })
        .transpose()
}

#[pymethods]
impl Graph {
    /// The graph of extraction records (dicts from `Extractor.extract` or `extract_many`, or
    /// lines of `relgraph extract`, parsed), merged as `relgraph build` merges documents.
    /// `extractor` supplies the gazetteer (names of entities known only from facts) and, with
    /// `facts="all"`, every listed fact; by default the embedded gazetteer.
    #[staticmethod]
    #[pyo3(signature = (records, extractor=None, max_evidence=None))]
    fn build(
        py: Python<'_>,
        records: &Bound<'_, PyAny>,
        extractor: Option<PyRef<'_, Extractor>>,
        max_evidence: Option<usize>,
    ) -> PyResult<Graph> {
        let (ex, facts) = match &extractor {
            Some(e) => (Arc::clone(&e.inner), e.facts),
            None => (default_extractor(py)?, FactsMode::Mentioned),
        };
        let dumps = json_module(py)?.getattr("dumps")?;
        let mut kg = KnowledgeGraph::new(max_evidence);
        for (i, r) in records.try_iter()?.enumerate() {
            let text: String = dumps.call1((r?,))?.extract()?;
            let rec: DocRecord = serde_json::from_str(&text).map_err(|e| {
                RelgraphError::new_err(format!("record {i}: not a relgraph record: {e}"))
            })?;
            kg.add_doc(&rec, ex.gazetteer());
        }
        if facts == FactsMode::All {
            kg.add_all_facts(ex.gazetteer(), None);
        }
        Ok(Graph { inner: kg })
    }

    /// A graph file written by `relgraph build` or `Graph.save` (JSON or binary).
    #[staticmethod]
    fn load(py: Python<'_>, path: PathBuf) -> PyResult<Graph> {
        let kg = py
            .detach(|| relgraph::cli::render::read_graph(&path))
            .map_err(py_err)?;
        Ok(Graph { inner: kg })
    }

    /// A graph from the text of a JSON graph file (what `dumps()` returns).
    #[staticmethod]
    fn loads(text: &str) -> PyResult<Graph> {
        let file =
            relgraph::query::load::parse_json(text.as_bytes(), "<string>").map_err(py_err)?;
        let kg = KnowledgeGraph::from_wire(file, "<string>").map_err(py_err)?;
        Ok(Graph { inner: kg })
    }

    /// Writes the graph (atomically) in any export format: from `format` (a name or an
    /// extension: "json", "bin", "graphml", "turtle" or "ttl", "csv", "kuzu", "html", ...) or the
    /// path's extension; the folder
    /// formats (csv, kuzu, neo4j-csv) write into the folder `path`.
    #[pyo3(signature = (path, format=None))]
    fn save(&self, py: Python<'_>, path: PathBuf, format: Option<&str>) -> PyResult<()> {
        let explicit = format_of(format)?;
        if explicit.is_none() && GraphFormat::from_extension(&path).is_none() {
            return Err(RelgraphError::new_err(format!(
                "cannot tell the format of {} from its extension: give format= (json, bin, \
                 graphml, gexf, cytoscape, turtle, ntriples, jsonld, cypher, dot, html; csv, kuzu \
                 and neo4j-csv write into the folder `path`)",
                path.display()
            )));
        }
        let kg = &self.inner;
        py.detach(|| {
            let f = GraphFormat::resolve(explicit, Some(&path))?;
            f.save(kg, &ExportOptions::default(), Some(&path))
        })
        .map_err(py_err)
    }

    /// The graph in one stream format as a string (JSON by default).
    #[pyo3(signature = (format="json"))]
    fn dumps(&self, format: &str) -> PyResult<String> {
        let f = format_of(Some(format))?.expect("a format");
        if f.writes_folder() {
            return Err(RelgraphError::new_err(format!(
                "format {format:?} writes a folder of files: use save(path, format={format:?})"
            )));
        }
        let mut buf = Vec::new();
        f.write(&self.inner, &mut buf)
            .map_err(|e| RelgraphError::new_err(e.to_string()))?;
        String::from_utf8(buf)
            .map_err(|_| RelgraphError::new_err(format!("{format} is binary: use save")))
    }

    /// The graph as a NetworkX `MultiDiGraph` (node and edge attributes as in the JSON graph
    /// file, evidence included); needs the `networkx` package.
    fn to_networkx<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        let nx = py.import("networkx").map_err(|e| {
            pyo3::exceptions::PyImportError::new_err(format!(
                "Graph.to_networkx needs NetworkX (pip install networkx): {e}"
            ))
        })?;
        let data = json_module(py)?.call_method1("loads", (self.dumps("json")?,))?;
        let kwargs = PyDict::new(py);
        kwargs.set_item("edges", "edges")?;
        match nx.call_method("node_link_graph", (&data,), Some(&kwargs)) {
            Ok(g) => Ok(g),
            // NetworkX before 3.4 names the keyword `link`.
            Err(e) if e.is_instance_of::<PyTypeError>(py) => {
                let kwargs = PyDict::new(py);
                kwargs.set_item("link", "edges")?;
                nx.call_method("node_link_graph", (data,), Some(&kwargs))
            }
            Err(e) => Err(e),
        }
    }

    /// Adds another graph, as `relgraph merge` does; returns the number of evidence items
    /// that were in both and were kept once.
    fn merge(&mut self, other: PyRef<'_, Graph>) -> u64 {
        self.inner.merge(&other.inner).duplicates
    }

    /// Number of documents the graph was built from.
    #[getter]
    fn documents(&self) -> u64 {
        self.inner.documents()
    }

    /// Number of entities.
    #[getter]
    fn node_count(&self) -> usize {
        self.inner.node_count()
    }

    /// Number of edges (one per source, type, target and origin).
    #[getter]
    fn edge_count(&self) -> usize {
        self.inner.edge_count()
    }

    fn __repr__(&self) -> String {
        format!(
            "relgraph.Graph({} entities, {} edges, {} documents)",
            self.inner.node_count(),
            self.inner.edge_count(),
            self.inner.documents()
        )
    }
}

#[pymodule]
fn _relgraph(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_class::<Extractor>()?;
    m.add_class::<Records>()?;
    m.add_class::<Graph>()?;
    m.add("RelgraphError", m.py().get_type::<RelgraphError>())?;
    m.add("__version__", env!("CARGO_PKG_VERSION"))?;
    Ok(())
}

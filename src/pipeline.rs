//! Streams documents through the extractor on N threads, delivering results in input order so
//! that the output is the same bytes whatever the thread count.
//!
//! A document whose extraction fails with an internal error (a bug: a panic) does not take the
//! run down with it: the failure goes to the caller's `on_failure`, which skips it with a
//! warning or stops the run (`--strict`), and the thread's buffers are renewed.

use crate::doc::Document;
use crate::error::{Error, Result};
use crate::extract::{Extractor, Scratch};
use crate::wire::extraction::DocRecord;
use std::panic::{AssertUnwindSafe, catch_unwind};

/// Documents read ahead per thread.
const BATCH_PER_THREAD: usize = 64;

/// The record of one document, or the message of the internal error that stopped it.
fn process(ex: &Extractor, doc: &Document, scratch: &mut Scratch) -> Result<DocRecord, String> {
    catch_unwind(AssertUnwindSafe(|| ex.record(doc, scratch))).map_err(|payload| {
        *scratch = Scratch::default();
        payload
            .downcast_ref::<&str>()
            .map(|s| s.to_string())
            .or_else(|| payload.downcast_ref::<String>().cloned())
            .unwrap_or_else(|| "unknown panic".into())
    })
}

/// An internal error on one document as an error of the run.
pub fn internal_error(doc: &Document, message: &str) -> Error {
    Error::Input {
        path: doc.id.clone(),
        line: None,
        message: format!("internal error (please report it): {message}"),
    }
}

/// Runs `ex` over `docs` with `threads` workers and calls `sink` for each document in order; an
/// internal error on a document stops the run.
pub fn run<I, F>(ex: &Extractor, docs: I, threads: usize, sink: F) -> Result<()>
where
    I: Iterator<Item = Result<Document>>,
    F: FnMut(&Document, DocRecord) -> Result<()>,
{
    run_with(ex, docs, threads, |d, m| Err(internal_error(d, m)), sink)
}

/// [`run`], with `on_failure` deciding what an internal error on one document does (return
/// `Ok` to skip the document and go on).
pub fn run_with<I, E, F>(
    ex: &Extractor,
    docs: I,
    threads: usize,
    mut on_failure: E,
    mut sink: F,
) -> Result<()>
where
    I: Iterator<Item = Result<Document>>,
    E: FnMut(&Document, &str) -> Result<()>,
    F: FnMut(&Document, DocRecord) -> Result<()>,
{
    let threads = threads.max(1);
    let mut scratches: Vec<Scratch> = (0..threads).map(|_| Scratch::default()).collect();
    let mut deliver = |doc: &Document, rec: Result<DocRecord, String>| match rec {
        Ok(rec) => sink(doc, rec),
        Err(m) => on_failure(doc, &m),
    };
    if threads == 1 {
        for doc in docs {
            let doc = doc?;
            let rec = process(ex, &doc, &mut scratches[0]);
            deliver(&doc, rec)?;
        }
        return Ok(());
    }
    let mut docs = docs.peekable();
    let mut batch: Vec<Document> = Vec::with_capacity(threads * BATCH_PER_THREAD);
    while docs.peek().is_some() {
        batch.clear();
        // A read error ends the batch: the documents before it are still delivered.
        let mut error = None;
        for doc in docs.by_ref().take(threads * BATCH_PER_THREAD) {
            match doc {
                Ok(d) => batch.push(d),
                Err(e) => {
                    error = Some(e);
                    break;
                }
            }
        }
        let chunk = batch.len().div_ceil(threads).max(1);
        let results: Vec<Vec<Result<DocRecord, String>>> = std::thread::scope(|s| {
            let handles: Vec<_> = batch
                .chunks(chunk)
                .zip(scratches.iter_mut())
                .map(|(docs, scratch)| {
                    s.spawn(move || {
                        docs.iter()
                            .map(|d| process(ex, d, scratch))
                            .collect::<Vec<_>>()
                    })
                })
                .collect();
            handles
                .into_iter()
                .map(|h| h.join().unwrap_or_else(|p| std::panic::resume_unwind(p)))
                .collect()
        });
        for (doc, rec) in batch.iter().zip(results.into_iter().flatten()) {
            deliver(doc, rec)?;
        }
        if let Some(e) = error {
            return Err(e);
        }
    }
    Ok(())
}

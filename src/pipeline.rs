//! Streams documents through the extractor on N threads, delivering results in input order so
//! that the output is the same bytes whatever the thread count.

use crate::doc::Document;
use crate::error::Result;
use crate::extract::{Extractor, Scratch};
use crate::wire::extraction::DocRecord;

/// Documents read ahead per thread.
const BATCH_PER_THREAD: usize = 64;

fn process(ex: &Extractor, doc: &Document, scratch: &mut Scratch) -> DocRecord {
    let res = ex.extract(&doc.text, doc.date, scratch);
    DocRecord::new(
        doc.id.clone(),
        doc.date,
        &doc.text,
        &res,
        ex.gazetteer(),
        ex.rules(),
    )
}

/// Runs `ex` over `docs` with `threads` workers and calls `sink` for each document in order.
pub fn run<I, F>(ex: &Extractor, docs: I, threads: usize, mut sink: F) -> Result<()>
where
    I: Iterator<Item = Result<Document>>,
    F: FnMut(&Document, DocRecord) -> Result<()>,
{
    let threads = threads.max(1);
    let mut scratches: Vec<Scratch> = (0..threads).map(|_| Scratch::default()).collect();
    if threads == 1 {
        for doc in docs {
            let doc = doc?;
            let rec = process(ex, &doc, &mut scratches[0]);
            sink(&doc, rec)?;
        }
        return Ok(());
    }
    let mut docs = docs.peekable();
    let mut batch: Vec<Document> = Vec::with_capacity(threads * BATCH_PER_THREAD);
    while docs.peek().is_some() {
        batch.clear();
        for doc in docs.by_ref().take(threads * BATCH_PER_THREAD) {
            batch.push(doc?);
        }
        let chunk = batch.len().div_ceil(threads).max(1);
        let results: Vec<Vec<DocRecord>> = std::thread::scope(|s| {
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
            sink(doc, rec)?;
        }
    }
    Ok(())
}

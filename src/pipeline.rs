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
use std::collections::BTreeMap;
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::sync::{Mutex, mpsc};

/// A batch of documents handed to a worker ends at this many documents...
const BATCH_DOCS: usize = 64;
/// ... or at this many bytes of text, whichever comes first.
const BATCH_BYTES: usize = 256 << 10;
/// Batches read ahead per worker: enough to keep every worker busy while the caller writes,
/// few enough to bound memory.
const AHEAD_PER_THREAD: usize = 4;

/// The record of one document, made into what the caller's sink takes by `prepare` (on the
/// worker's thread), or the message of the internal error that stopped it.
fn process<T>(
    ex: &Extractor,
    doc: &Document,
    scratch: &mut Scratch,
    prepare: &(impl Fn(&Document, DocRecord) -> T + ?Sized),
) -> Result<T, String> {
    catch_unwind(AssertUnwindSafe(|| prepare(doc, ex.record(doc, scratch)))).map_err(|payload| {
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
    run_with(
        ex,
        docs,
        threads,
        |_, rec| rec,
        |d, m| Err(internal_error(d, m)),
        sink,
    )
}

/// [`run`], with `prepare` turning each record into what `sink` takes on the worker threads
/// (serialising it, say, so that the calling thread only writes bytes), and `on_failure`
/// deciding what an internal error on one document does (return `Ok` to skip the document
/// and go on).
///
/// The calling thread reads the documents, hands them to the workers in batches, and delivers
/// the results in input order; workers never wait for one another (a slow document holds up
/// delivery, not work), and at most `threads * AHEAD_PER_THREAD` batches are in flight.
pub fn run_with<I, P, T, E, F>(
    ex: &Extractor,
    docs: I,
    threads: usize,
    prepare: P,
    mut on_failure: E,
    mut sink: F,
) -> Result<()>
where
    I: Iterator<Item = Result<Document>>,
    P: Fn(&Document, DocRecord) -> T + Sync,
    T: Send,
    E: FnMut(&Document, &str) -> Result<()>,
    F: FnMut(&Document, T) -> Result<()>,
{
    let threads = threads.max(1);
    let mut deliver = |doc: &Document, rec: Result<T, String>| match rec {
        Ok(rec) => sink(doc, rec),
        Err(m) => on_failure(doc, &m),
    };
    if threads == 1 {
        let mut scratch = Scratch::default();
        for doc in docs {
            let doc = doc?;
            let rec = process(ex, &doc, &mut scratch, &prepare);
            deliver(&doc, rec)?;
        }
        return Ok(());
    }
    type Done<T> = Vec<(Document, Result<T, String>)>;
    let (job_tx, job_rx) = mpsc::channel::<(usize, Vec<Document>)>();
    let job_rx = Mutex::new(job_rx);
    let (done_tx, done_rx) = mpsc::channel::<(usize, Done<T>)>();
    let prepare = &prepare;
    std::thread::scope(|s| {
        for _ in 0..threads {
            let (job_rx, done_tx) = (&job_rx, done_tx.clone());
            s.spawn(move || {
                let mut scratch = Scratch::default();
                loop {
                    // The lock is held only while waiting for the next batch.
                    let job = job_rx
                        .lock()
                        .map_err(|_| ())
                        .and_then(|rx| rx.recv().map_err(|_| ()));
                    let Ok((seq, batch)) = job else { break };
                    let out: Done<T> = batch
                        .into_iter()
                        .map(|d| {
                            let r = process(ex, &d, &mut scratch, prepare);
                            (d, r)
                        })
                        .collect();
                    if done_tx.send((seq, out)).is_err() {
                        break;
                    }
                }
            });
        }
        drop(done_tx);
        // On return (an error, or the end) the job channel closes and the workers stop.
        let job_tx = job_tx;
        let mut docs = docs.fuse();
        let mut read_error = None;
        let (mut sent, mut next) = (0usize, 0usize);
        let mut early: BTreeMap<usize, Done<T>> = BTreeMap::new();
        loop {
            while read_error.is_none() && sent - next < threads * AHEAD_PER_THREAD {
                let mut batch = Vec::new();
                let mut bytes = 0;
                while batch.len() < BATCH_DOCS && bytes < BATCH_BYTES {
                    match docs.next() {
                        Some(Ok(d)) => {
                            bytes += d.text.len();
                            batch.push(d);
                        }
                        Some(Err(e)) => {
                            // The documents before a read error are still delivered.
                            read_error = Some(e);
                            break;
                        }
                        None => break,
                    }
                }
                if batch.is_empty() {
                    break;
                }
                // Workers only stop when the job channel closes, or by a panic the scope
                // raises again once they are joined.
                if job_tx.send((sent, batch)).is_err() {
                    return Ok(());
                }
                sent += 1;
            }
            if next == sent {
                return match read_error {
                    Some(e) => Err(e),
                    None => Ok(()),
                };
            }
            let Ok((seq, out)) = done_rx.recv() else {
                return Ok(());
            };
            early.insert(seq, out);
            while let Some(out) = early.remove(&next) {
                next += 1;
                for (doc, rec) in out {
                    deliver(&doc, rec)?;
                }
            }
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::extract::FactsMode;
    use crate::gazetteer::Gazetteer;
    use crate::rules::RuleSet;

    fn extractor() -> Extractor {
        Extractor::new(
            Gazetteer::embedded().unwrap(),
            RuleSet::embedded().unwrap(),
            FactsMode::Mentioned,
        )
    }

    /// Documents of very different lengths, so that batches end by count and by size.
    fn docs(n: usize) -> Vec<Document> {
        (0..n)
            .map(|i| Document {
                id: format!("d{i}"),
                text: "The president of France met the prime minister of Japan in Berlin. "
                    .repeat(1 + (i * 7919) % 600),
                date: None,
            })
            .collect()
    }

    fn lines(ex: &Extractor, docs: Vec<Document>, threads: usize) -> Vec<String> {
        let mut out = Vec::new();
        run_with(
            ex,
            docs.into_iter().map(Ok),
            threads,
            |d, rec| format!("{} {}", d.id, serde_json::to_string(&rec).unwrap()),
            |d, m| panic!("{}: {m}", d.id),
            |_, line| {
                out.push(line);
                Ok(())
            },
        )
        .unwrap();
        out
    }

    #[test]
    fn results_arrive_in_input_order_whatever_the_thread_count() {
        let ex = extractor();
        let one = lines(&ex, docs(300), 1);
        assert_eq!(one.len(), 300);
        assert!(
            one.iter()
                .enumerate()
                .all(|(i, l)| l.starts_with(&format!("d{i} ")))
        );
        for threads in [2, 3, 8] {
            assert_eq!(lines(&ex, docs(300), threads), one, "{threads} threads");
        }
    }

    #[test]
    fn a_read_error_delivers_the_documents_before_it_then_stops() {
        let ex = extractor();
        for threads in [1, 2, 3] {
            let input = docs(200).into_iter().enumerate().map(|(i, d)| {
                if i == 150 {
                    Err(Error::Usage("unreadable".into()))
                } else {
                    Ok(d)
                }
            });
            let mut seen = Vec::new();
            let r = run(&ex, input, threads, |d, _| {
                seen.push(d.id.clone());
                Ok(())
            });
            assert!(matches!(r, Err(Error::Usage(_))), "{threads} threads");
            let want: Vec<String> = (0..150).map(|i| format!("d{i}")).collect();
            assert_eq!(seen, want, "{threads} threads");
        }
    }

    #[test]
    fn a_sink_error_stops_the_run() {
        let ex = extractor();
        for threads in [1, 2, 3] {
            let mut calls = 0;
            let r = run(&ex, docs(500).into_iter().map(Ok), threads, |_, _| {
                calls += 1;
                if calls == 10 {
                    Err(Error::Usage("disk full".into()))
                } else {
                    Ok(())
                }
            });
            assert!(matches!(r, Err(Error::Usage(_))));
            assert_eq!(calls, 10, "{threads} threads");
        }
    }
}

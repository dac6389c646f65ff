//! What a corpus run tells the user on standard error: warnings about inputs it re-decoded or
//! skipped, a progress line while it runs (only when standard error is a terminal), and a
//! one-line summary at the end. The run's exit status says whether anything was skipped
//! ([`RunStats::exit_code`], docs/formats.md "Errors, warnings and the exit status").

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use std::cell::RefCell;
use std::io::IsTerminal;
use std::rc::Rc;
use std::time::{Duration, Instant};

/// Exit status of a run that finished and wrote its output but skipped some input.
pub const EXIT_SKIPPED: u8 = 3;

/// Counts of one run.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct RunStats {
    /// Documents extracted.
    pub documents: u64,
    /// Bytes of document text extracted.
    pub bytes: u64,
    /// Inputs (files, JSONL lines, documents) skipped, with a warning each.
    pub skipped: u64,
    /// Files read in a fallback encoding, with a warning each.
    pub redecoded: u64,
    /// Files or lines named by warnings, in order (for tests and the summary).
    pub warnings: Vec<String>,
}

impl RunStats {
    /// The process exit status for a run that finished: 0, or [`EXIT_SKIPPED`].
    pub fn exit_code(&self) -> u8 {
        if self.skipped > 0 { EXIT_SKIPPED } else { 0 }
    }
}

/// The stderr side of a run: warnings, progress and summary.
pub struct Reporter {
    stats: RunStats,
    quiet: bool,
    /// Whether warnings reach standard error (always, but for [`Reporter::silent`]).
    loud: bool,
    started: Instant,
    progress: Option<ProgressBar>,
}

/// A reporter shared by the input reader and the command (single-threaded: both run on the
/// main thread).
pub type SharedReporter = Rc<RefCell<Reporter>>;

impl Reporter {
    /// A reporter; the progress line is shown only when standard error is a terminal and the
    /// run is not `quiet`; `quiet` also drops the summary, never the warnings.
    pub fn new(quiet: bool) -> Reporter {
        let progress = (!quiet && std::io::stderr().is_terminal()).then(|| {
            let pb = ProgressBar::with_draw_target(None, ProgressDrawTarget::stderr());
            pb.set_style(
                // The position counts bytes of text (for the rate); the message, documents.
                ProgressStyle::with_template(
                    "{spinner} {msg}, {bytes} ({bytes_per_sec}), {elapsed}",
                )
                .expect("valid template"),
            );
            pb.set_message("0 documents");
            pb.enable_steady_tick(Duration::from_millis(200));
            pb
        });
        Reporter {
            stats: RunStats::default(),
            quiet,
            loud: true,
            started: Instant::now(),
            progress,
        }
    }

    /// A reporter that prints nothing (library use, tests): warnings are only counted.
    pub fn silent() -> Reporter {
        Reporter {
            stats: RunStats::default(),
            quiet: true,
            loud: false,
            started: Instant::now(),
            progress: None,
        }
    }

    pub fn shared(self) -> SharedReporter {
        Rc::new(RefCell::new(self))
    }

    fn print(&self, line: &str) {
        let line = crate::text::terminal::printable(line);
        let line = line.as_ref();
        match &self.progress {
            _ if !self.loud => {}
            Some(pb) => pb.println(line),
            None => eprintln!("{line}"),
        }
    }

    /// A warning that does not change the output (a file re-decoded, a date dropped).
    pub fn warn(&mut self, what: String) {
        self.print(&format!("relgraph: warning: {what}"));
        self.stats.warnings.push(what);
    }

    /// An input that was skipped: warned and counted.
    pub fn skip(&mut self, what: String) {
        self.stats.skipped += 1;
        self.warn(format!("{what} (skipped)"));
    }

    /// A file read in a fallback encoding.
    pub fn redecoded(&mut self, what: String) {
        self.stats.redecoded += 1;
        self.warn(what);
    }

    /// A document was extracted.
    pub fn document(&mut self, bytes: usize) {
        self.stats.documents += 1;
        self.stats.bytes += bytes as u64;
        if let Some(pb) = &self.progress {
            pb.set_position(self.stats.bytes);
            pb.set_message(count(self.stats.documents, "document", "documents"));
        }
    }

    pub fn stats(&self) -> &RunStats {
        &self.stats
    }

    /// Ends the progress line and prints the summary (`what` is the output's own count, such as
    /// "7,966 entities, 3,429 relations"); returns the counts.
    pub fn finish(&mut self, what: &str) -> RunStats {
        if let Some(pb) = self.progress.take() {
            pb.finish_and_clear();
        }
        if !self.quiet {
            eprintln!("relgraph: {}", self.summary(what));
        }
        self.stats.clone()
    }

    /// The one-line summary.
    pub fn summary(&self, what: &str) -> String {
        let s = &self.stats;
        let secs = self.started.elapsed().as_secs_f64();
        let mb = s.bytes as f64 / 1e6;
        let mut line = format!(
            "{} ({:.1} MB) in {:.2} s ({:.1} MB/s)",
            count(s.documents, "document", "documents"),
            mb,
            secs,
            if secs > 0.0 { mb / secs } else { 0.0 }
        );
        if s.redecoded > 0 {
            line.push_str(&format!(", {} re-decoded", group(s.redecoded)));
        }
        line.push_str(&format!(", {} skipped", group(s.skipped)));
        if !what.is_empty() {
            line.push_str(": ");
            line.push_str(what);
        }
        line
    }
}

/// `n` things, grouped, singular or plural: `1 relation`, `3,429 relations`.
pub fn count(n: u64, one: &str, many: &str) -> String {
    format!("{} {}", group(n), if n == 1 { one } else { many })
}

/// `1234567` as `1,234,567`.
pub fn group(n: u64) -> String {
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(c);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn groups_thousands() {
        for (n, s) in [
            (0, "0"),
            (999, "999"),
            (1000, "1,000"),
            (1234567, "1,234,567"),
        ] {
            assert_eq!(group(n), s);
        }
    }

    #[test]
    fn skipping_sets_the_exit_status() {
        let mut r = Reporter::silent();
        r.redecoded("a.txt: re-decoded".into());
        assert_eq!(r.stats().exit_code(), 0);
        r.skip("b.txt: binary".into());
        assert_eq!(r.stats().exit_code(), EXIT_SKIPPED);
        assert_eq!(r.stats().warnings.len(), 2);
    }
}

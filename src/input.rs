//! Input documents: plain-text files, folders (walked recursively in name order), standard input
//! (`-`), and JSON Lines files (`{"id": ..., "text": ..., "date": ...}` per line, chosen by the
//! `.jsonl` extension or `--input-format jsonl`). Documents are read lazily, one at a time.
//!
//! **Which files a folder yields** (docs/formats.md, "Input documents"): files ending in `.txt`,
//! `.text`, `.md` or `.jsonl` (in any case), and files without an extension; files left out for
//! their extension are counted in one warning per run; or, with `--glob`, the files whose
//! path below the folder matches a glob (`!GLOB` excludes). Hidden files and folders (name
//! starting with `.`, which includes relgraph's own temporary files), the run's output file, and
//! files that hold relgraph's extraction records are never read. Symbolic links are followed;
//! a dangling link, a link loop, a folder reached twice, and anything that is not a regular file
//! (a FIFO, a socket, a device) are skipped with a warning. A file named on the command line is
//! always read, whatever its name or kind (`<(cmd)` works).
//!
//! **Encodings.** UTF-8 (with or without a byte order mark) and UTF-16 with a byte order mark are
//! read as they are. A file that is not valid UTF-8 is read as Windows-1252 (a superset of
//! Latin-1, what such news files almost always are) with a warning, or in the encoding
//! `--encoding` names. A file that looks binary (more than 5% control bytes) is skipped.
//!
//! **Errors.** By default nothing stops a run: an input that cannot be read is skipped with a
//! warning naming it (and its line, for JSONL), and counted in the [`Reporter`]. With `strict`,
//! the first such input is an error instead.

use crate::doc::Document;
use crate::error::{Error, Result};
use crate::gazetteer::Date;
use crate::report::{Reporter, SharedReporter};
use encoding_rs::{Encoding, WINDOWS_1252};
use globset::{Glob, GlobSet, GlobSetBuilder};
use serde::Deserialize;
use std::collections::{HashSet, VecDeque};
use std::io::{BufRead, BufReader, Read};
use std::path::{Path, PathBuf};
use std::rc::Rc;

/// How to read inputs.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, clap::ValueEnum)]
pub enum InputFormat {
    /// JSONL for `.jsonl` files, plain text otherwise (stdin: plain text).
    #[default]
    Auto,
    /// Every input is one plain-text document.
    Text,
    /// Every input is JSON Lines.
    Jsonl,
}

/// Which files of a folder are documents: `--glob` patterns, or the default extensions.
#[derive(Debug, Clone, Default)]
pub struct FileFilter {
    include: Option<GlobSet>,
    exclude: Option<GlobSet>,
}

/// The extensions a folder walk reads by default.
pub const FOLDER_EXTENSIONS: &[&str] = &["txt", "text", "md", "jsonl"];

impl FileFilter {
    /// A filter from `--glob` patterns (`!` before a pattern excludes).
    pub fn from_globs(globs: &[String]) -> Result<FileFilter> {
        let mut inc = GlobSetBuilder::new();
        let mut exc = GlobSetBuilder::new();
        let (mut n_inc, mut n_exc) = (0, 0);
        for g in globs {
            let (neg, pat) = match g.strip_prefix('!') {
                Some(p) => (true, p),
                None => (false, g.as_str()),
            };
            let glob = Glob::new(pat).map_err(|e| Error::Usage(format!("--glob {g:?}: {e}")))?;
            if neg {
                exc.add(glob);
                n_exc += 1;
            } else {
                inc.add(glob);
                n_inc += 1;
            }
        }
        let build = |b: GlobSetBuilder| b.build().map_err(|e| Error::Usage(format!("--glob: {e}")));
        Ok(FileFilter {
            include: if n_inc > 0 { Some(build(inc)?) } else { None },
            exclude: if n_exc > 0 { Some(build(exc)?) } else { None },
        })
    }

    /// Whether the file at `rel` (its path below the walked folder) is a document.
    pub fn accepts(&self, rel: &Path) -> bool {
        if self.exclude.as_ref().is_some_and(|x| x.is_match(rel)) {
            return false;
        }
        match &self.include {
            Some(inc) => inc.is_match(rel),
            None => rel.extension().is_none_or(|x| {
                FOLDER_EXTENSIONS
                    .iter()
                    .any(|f| x.to_str().is_some_and(|x| x.eq_ignore_ascii_case(f)))
            }),
        }
    }
}

/// How to read the inputs.
#[derive(Debug, Clone, Default)]
pub struct InputOptions {
    pub format: InputFormat,
    /// Publication date of plain-text documents.
    pub date: Option<Date>,
    /// The encoding of every input (`None`: UTF-8, falling back to Windows-1252).
    pub encoding: Option<&'static Encoding>,
    /// Stop at the first input that cannot be read.
    pub strict: bool,
    pub filter: FileFilter,
    /// Files never read (the run's own output), as canonical paths.
    pub exclude: Vec<PathBuf>,
}

#[derive(Deserialize)]
struct JsonlDoc {
    id: String,
    text: String,
    #[serde(default)]
    date: Option<String>,
}

enum Source {
    Stdin,
    /// A file; `walked` when a folder walk found it (not named on the command line).
    File {
        path: PathBuf,
        walked: bool,
    },
    /// A folder and the folder named on the command line it lies in (for `--glob`).
    Dir {
        path: PathBuf,
        root: Rc<PathBuf>,
    },
}

struct JsonlState {
    name: String,
    reader: Box<dyn BufRead>,
    line_no: usize,
}

/// A lazy stream of documents from the inputs.
pub struct Documents {
    queue: VecDeque<Source>,
    opts: InputOptions,
    jsonl: Option<JsonlState>,
    line: Vec<u8>,
    report: SharedReporter,
    /// Folders already walked (device and inode, or canonical path): a link back is a loop.
    seen_dirs: HashSet<DirKey>,
    /// Files of walked folders not read for their name (extension or `--glob`), by extension.
    left_out: std::collections::BTreeMap<String, u64>,
}

#[derive(Debug, Clone, PartialEq, Eq, Hash)]
enum DirKey {
    #[cfg(unix)]
    Inode(u64, u64),
    #[cfg_attr(unix, allow(dead_code))]
    Path(PathBuf),
}

fn dir_key(path: &Path, meta: &std::fs::Metadata) -> DirKey {
    #[cfg(unix)]
    {
        let _ = path;
        use std::os::unix::fs::MetadataExt;
        DirKey::Inode(meta.dev(), meta.ino())
    }
    #[cfg(not(unix))]
    {
        let _ = meta;
        DirKey::Path(std::fs::canonicalize(path).unwrap_or_else(|_| path.to_path_buf()))
    }
}

fn is_jsonl_name(p: &Path) -> bool {
    p.extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| e.eq_ignore_ascii_case("jsonl"))
}

/// An error when the output `out` (canonical) is a document a walk of `inputs` would read:
/// an existing file, inside one of the folders, accepted by the filter, and not an earlier
/// relgraph output (extraction records or a graph file), which the walk skips anyway.
fn overwrites_a_document(inputs: &[PathBuf], opts: &InputOptions, out: &Path) -> Result<()> {
    if !out.is_file() {
        return Ok(());
    }
    for dir in inputs.iter().filter(|p| p.is_dir()) {
        let Ok(root) = std::fs::canonicalize(dir) else {
            continue;
        };
        let Ok(rel) = out.strip_prefix(&root) else {
            continue;
        };
        let hidden = rel
            .components()
            .any(|c| c.as_os_str().to_string_lossy().starts_with('.'));
        if hidden || !opts.filter.accepts(rel) {
            continue;
        }
        let mut head = [0u8; 64];
        let n = std::fs::File::open(out)
            .and_then(|mut f| f.read(&mut head))
            .unwrap_or(0);
        let head = &head[..n];
        let ours = head.starts_with(RECORD_PREFIX) || is_graph_file_start(head);
        if !ours {
            return Err(Error::Usage(format!(
                "-o {} would overwrite a document of {}: choose another -o",
                out.display(),
                dir.display()
            )));
        }
    }
    Ok(())
}

/// Whether bytes start a relgraph graph file (JSON node-link or binary).
fn is_graph_file_start(head: &[u8]) -> bool {
    let text = String::from_utf8_lossy(head);
    let compact: String = text.chars().filter(|c| !c.is_whitespace()).collect();
    compact.starts_with("{\"directed\":") || head.starts_with(b"RELGRAPH-BIN")
}

/// The start of every line `relgraph extract` writes.
const RECORD_PREFIX: &[u8] = b"{\"doc\":";

/// Whether `bytes` look binary: more than 5% control bytes (other than white space) in the
/// first 8 KiB.
fn looks_binary(bytes: &[u8]) -> bool {
    let sample = &bytes[..bytes.len().min(8192)];
    let controls = sample
        .iter()
        .filter(|&&b| (b < 0x20 && !matches!(b, b'\t' | b'\n' | b'\r' | 0x0C)) || b == 0x7F)
        .count();
    !sample.is_empty() && controls * 20 > sample.len()
}

/// Text decoded from bytes, and a note when it was not plain UTF-8.
enum Decoded {
    Text(String, Option<String>),
    Undecodable(String),
}

fn decode(bytes: Vec<u8>, forced: Option<&'static Encoding>, strict: bool) -> Decoded {
    if let Some(enc) = forced {
        let (text, _, errors) = enc.decode(&bytes);
        let note = errors.then(|| format!("bytes invalid in {} replaced by U+FFFD", enc.name()));
        return Decoded::Text(text.into_owned(), note);
    }
    if let Some((enc, _)) = Encoding::for_bom(&bytes)
        && enc != encoding_rs::UTF_8
    {
        let (text, _, _) = enc.decode(&bytes);
        return Decoded::Text(text.into_owned(), None);
    }
    match String::from_utf8(bytes) {
        Ok(s) => Decoded::Text(s, None),
        Err(e) => {
            let at = e.utf8_error().valid_up_to();
            if strict {
                return Decoded::Undecodable(format!(
                    "not valid UTF-8 (byte {at}); --encoding reads other encodings"
                ));
            }
            let bytes = e.into_bytes();
            let (text, _, _) = WINDOWS_1252.decode(&bytes);
            Decoded::Text(
                text.into_owned(),
                Some(format!(
                    "not valid UTF-8 (byte {at}): read as windows-1252 (--encoding to choose)"
                )),
            )
        }
    }
}

impl Documents {
    /// Documents of `inputs` (`-` = stdin) with a reporter that prints nothing.
    pub fn new(inputs: &[PathBuf], format: InputFormat, date: Option<Date>) -> Result<Documents> {
        let opts = InputOptions {
            format,
            date,
            ..InputOptions::default()
        };
        Documents::open(inputs, opts, Reporter::silent().shared())
    }

    /// Documents of `inputs`, reporting skipped and re-decoded inputs to `report`. A path named
    /// here must exist, and must not be one of `opts.exclude` (the output).
    pub fn open(
        inputs: &[PathBuf],
        opts: InputOptions,
        report: SharedReporter,
    ) -> Result<Documents> {
        let mut queue = VecDeque::new();
        for out in &opts.exclude {
            overwrites_a_document(inputs, &opts, out)?;
        }
        for p in inputs {
            if p.as_os_str() == "-" {
                queue.push_back(Source::Stdin);
                continue;
            }
            let meta = std::fs::metadata(p).map_err(|e| Error::io(p.display(), e))?;
            if meta.is_dir() {
                queue.push_back(Source::Dir {
                    path: p.clone(),
                    root: Rc::new(p.clone()),
                });
            } else {
                if let Ok(c) = std::fs::canonicalize(p)
                    && opts.exclude.contains(&c)
                {
                    return Err(Error::Usage(format!(
                        "{} is both an input and the output: choose another -o",
                        p.display()
                    )));
                }
                queue.push_back(Source::File {
                    path: p.clone(),
                    walked: false,
                });
            }
        }
        Ok(Documents {
            queue,
            opts,
            jsonl: None,
            line: Vec::new(),
            report,
            seen_dirs: HashSet::new(),
            left_out: std::collections::BTreeMap::new(),
        })
    }

    /// Whether the first unreadable input is an error (`--strict`).
    pub fn is_strict(&self) -> bool {
        self.opts.strict
    }

    /// The reporter (counts of documents, skipped and re-decoded inputs).
    pub fn reporter(&self) -> SharedReporter {
        self.report.clone()
    }

    /// A problem with one input: an error when strict, else a warning and a skip.
    fn problem(&mut self, path: &str, line: Option<usize>, message: String) -> Option<Error> {
        if self.opts.strict {
            return Some(Error::Input {
                path: path.to_string(),
                line,
                message,
            });
        }
        let at = line.map(|l| format!(":{l}")).unwrap_or_default();
        self.report
            .borrow_mut()
            .skip(format!("{path}{at}: {message}"));
        None
    }

    fn io_problem(&mut self, path: &Path, e: std::io::Error) -> Option<Error> {
        if self.opts.strict {
            return Some(Error::io(path.display(), e));
        }
        let why = match e.raw_os_error() {
            #[cfg(unix)]
            Some(40) => "a symbolic link loop".to_string(),
            _ if e.kind() == std::io::ErrorKind::NotFound => {
                "cannot be read (a dangling symbolic link?)".to_string()
            }
            _ => e.to_string(),
        };
        self.report
            .borrow_mut()
            .skip(format!("{}: {why}", path.display()));
        None
    }

    fn excluded(&self, path: &Path) -> bool {
        // Canonicalising costs system calls: only for a file named like an excluded one.
        self.opts
            .exclude
            .iter()
            .any(|x| x.file_name() == path.file_name())
            && std::fs::canonicalize(path).is_ok_and(|c| self.opts.exclude.contains(&c))
    }

    fn expand_dir(&mut self, dir: &Path, root: &Rc<PathBuf>) -> Option<Error> {
        let meta = match std::fs::metadata(dir) {
            Ok(m) => m,
            Err(e) => return self.io_problem(dir, e),
        };
        if !self.seen_dirs.insert(dir_key(dir, &meta)) {
            // Nothing is lost: its documents were read the first time.
            self.report.borrow_mut().warn(format!(
                "{}: a folder already read (a link back to a parent?): not read again",
                dir.display()
            ));
            return None;
        }
        let rd = match std::fs::read_dir(dir) {
            Ok(rd) => rd,
            Err(e) => return self.io_problem(dir, e),
        };
        let mut entries: Vec<(PathBuf, bool)> = Vec::new();
        for e in rd {
            let e = match e {
                Ok(e) => e,
                Err(err) => {
                    if let Some(x) = self.io_problem(dir, err) {
                        return Some(x);
                    }
                    continue;
                }
            };
            if e.file_name().to_string_lossy().starts_with('.') {
                continue;
            }
            let path = e.path();
            let rel = path.strip_prefix(root.as_path()).unwrap_or(&path);
            let meta = match std::fs::metadata(&path) {
                Ok(m) => m,
                // A broken link the walk would not read anyway is no loss.
                Err(_) if !self.opts.filter.accepts(rel) => continue,
                Err(err) => {
                    if let Some(x) = self.io_problem(&path, err) {
                        return Some(x);
                    }
                    continue;
                }
            };
            if meta.is_dir() {
                entries.push((path, true));
                continue;
            }
            if self.excluded(&path) {
                continue;
            }
            if !self.opts.filter.accepts(rel) {
                let ext = path.extension().map_or_else(
                    || "(none)".to_string(),
                    |e| format!(".{}", e.to_string_lossy()),
                );
                *self.left_out.entry(ext).or_default() += 1;
                continue;
            }
            if !meta.is_file() {
                if let Some(x) = self.problem(
                    &path.display().to_string(),
                    None,
                    "not a regular file (a FIFO, socket or device)".into(),
                ) {
                    return Some(x);
                }
                continue;
            }
            entries.push((path, false));
        }
        entries.sort();
        for (p, is_dir) in entries.into_iter().rev() {
            self.queue.push_front(if is_dir {
                Source::Dir {
                    path: p,
                    root: root.clone(),
                }
            } else {
                Source::File {
                    path: p,
                    walked: true,
                }
            });
        }
        None
    }

    fn next_jsonl(&mut self) -> Option<Result<Document>> {
        loop {
            let st = self.jsonl.as_mut()?;
            self.line.clear();
            st.line_no += 1;
            let line_no = st.line_no;
            let name = st.name.clone();
            match st.reader.read_until(b'\n', &mut self.line) {
                Err(e) => {
                    self.jsonl = None;
                    if self.opts.strict {
                        return Some(Err(Error::io(&name, e)));
                    }
                    self.report
                        .borrow_mut()
                        .skip(format!("{name}:{line_no}: {e} (the rest of the file)"));
                    return None;
                }
                Ok(0) => {
                    self.jsonl = None;
                    return None;
                }
                Ok(_) => {}
            }
            let bytes = std::mem::take(&mut self.line);
            let text = match decode(bytes, self.opts.encoding, self.opts.strict) {
                Decoded::Text(t, note) => {
                    if let Some(n) = note {
                        self.report
                            .borrow_mut()
                            .redecoded(format!("{name}:{line_no}: {n}"));
                    }
                    t
                }
                Decoded::Undecodable(m) => {
                    if let Some(e) = self.problem(&name, Some(line_no), m) {
                        return Some(Err(e));
                    }
                    continue;
                }
            };
            let l = text.trim();
            if l.is_empty() {
                continue;
            }
            let doc: JsonlDoc = match serde_json::from_str(l) {
                Ok(d) => d,
                Err(_)
                    if l.starts_with('[')
                        || serde_json::from_str::<serde_json::Value>(l)
                            .is_ok_and(|v| !v.is_object()) =>
                {
                    let msg = "not a document: each line is a JSON object with \"id\" and \"text\""
                        .to_string();
                    if let Some(e) = self.problem(&name, Some(line_no), msg) {
                        return Some(Err(e));
                    }
                    continue;
                }
                Err(e) => {
                    let msg = e.to_string();
                    let msg = msg
                        .rsplit_once(" at line ")
                        .map_or(msg.as_str(), |(m, _)| m);
                    let msg = format!("column {}: {msg}", e.column());
                    if let Some(e) = self.problem(&name, Some(line_no), msg) {
                        return Some(Err(e));
                    }
                    continue;
                }
            };
            let date = match doc.date.as_deref().map(str::parse::<Date>).transpose() {
                Ok(d) => d,
                Err(e) => {
                    if self.opts.strict {
                        return Some(Err(Error::Input {
                            path: name,
                            line: Some(line_no),
                            message: e.to_string(),
                        }));
                    }
                    self.report.borrow_mut().warn(format!(
                        "{name}:{line_no}: {e}: the document is read without it"
                    ));
                    None
                }
            };
            return Some(Ok(Document {
                id: doc.id,
                text: doc.text,
                date,
            }));
        }
    }

    /// One warning for the files of walked folders that were not read for their name.
    fn report_left_out(&mut self) {
        if self.left_out.is_empty() {
            return;
        }
        let total: u64 = self.left_out.values().sum();
        let kinds: Vec<String> = self
            .left_out
            .iter()
            .map(|(ext, n)| format!("{n} {ext}"))
            .collect();
        self.report.borrow_mut().warn(format!(
            "{total} file{} in the folders not read for their name ({}): --glob chooses which files are documents",
            if total == 1 { "" } else { "s" },
            kinds.join(", ")
        ));
        self.left_out.clear();
    }

    /// Reads one source's bytes; `None` when it was skipped (or `Some(Err)` when strict).
    fn read_bytes(&mut self, name: &str, src: &Source) -> Option<Result<Vec<u8>>> {
        let mut bytes = Vec::new();
        let res = match src {
            Source::Stdin => std::io::stdin().lock().read_to_end(&mut bytes),
            Source::File { path, .. } => {
                std::fs::File::open(path).and_then(|mut f| f.read_to_end(&mut bytes))
            }
            Source::Dir { .. } => unreachable!("folders are expanded"),
        };
        match res {
            Ok(_) => Some(Ok(bytes)),
            Err(e) => {
                let path = PathBuf::from(name);
                self.io_problem(&path, e).map(Err)
            }
        }
    }
}

impl Iterator for Documents {
    type Item = Result<Document>;

    fn next(&mut self) -> Option<Result<Document>> {
        loop {
            if self.jsonl.is_some() {
                if let Some(d) = self.next_jsonl() {
                    return Some(d);
                }
                continue;
            }
            let Some(src) = self.queue.pop_front() else {
                self.report_left_out();
                return None;
            };
            let (name, is_jsonl_file, walked) = match &src {
                Source::Stdin => ("-".to_string(), false, false),
                Source::File { path, walked } => {
                    (path.display().to_string(), is_jsonl_name(path), *walked)
                }
                Source::Dir { path, root } => {
                    let (p, r) = (path.clone(), root.clone());
                    if let Some(e) = self.expand_dir(&p, &r) {
                        return Some(Err(e));
                    }
                    continue;
                }
            };
            let jsonl = match self.opts.format {
                InputFormat::Jsonl => true,
                InputFormat::Text => false,
                InputFormat::Auto => is_jsonl_file,
            };
            if jsonl && !walked {
                // Streamed line by line (a JSONL file may be larger than memory).
                let reader: Box<dyn Read> = match &src {
                    Source::Stdin => Box::new(std::io::stdin()),
                    Source::File { path, .. } => match std::fs::File::open(path) {
                        Ok(f) => Box::new(f),
                        Err(e) => match self.io_problem(path, e) {
                            Some(err) => return Some(Err(err)),
                            None => continue,
                        },
                    },
                    Source::Dir { .. } => unreachable!(),
                };
                self.jsonl = Some(JsonlState {
                    name,
                    reader: Box::new(BufReader::with_capacity(1 << 16, reader)),
                    line_no: 0,
                });
                continue;
            }
            let bytes = match self.read_bytes(&name, &src) {
                Some(Ok(b)) => b,
                Some(Err(e)) => return Some(Err(e)),
                None => continue,
            };
            if walked && bytes.starts_with(RECORD_PREFIX) {
                if let Some(e) = self.problem(
                    &name,
                    None,
                    "holds relgraph extraction records (an earlier run's output?)".into(),
                ) {
                    return Some(Err(e));
                }
                continue;
            }
            if looks_binary(&bytes)
                && !bytes.starts_with(&[0xFF, 0xFE])
                && !bytes.starts_with(&[0xFE, 0xFF])
            {
                if let Some(e) = self.problem(&name, None, "looks like a binary file".into()) {
                    return Some(Err(e));
                }
                continue;
            }
            if jsonl {
                // A walked JSONL file, read whole: lines from memory.
                self.jsonl = Some(JsonlState {
                    name,
                    reader: Box::new(std::io::Cursor::new(bytes)),
                    line_no: 0,
                });
                continue;
            }
            let text = match decode(bytes, self.opts.encoding, self.opts.strict) {
                Decoded::Text(t, note) => {
                    if let Some(n) = note {
                        self.report.borrow_mut().redecoded(format!("{name}: {n}"));
                    }
                    t
                }
                Decoded::Undecodable(m) => match self.problem(&name, None, m) {
                    Some(e) => return Some(Err(e)),
                    None => continue,
                },
            };
            return Some(Ok(Document {
                id: if name == "-" {
                    "stdin".to_string()
                } else {
                    name
                },
                text,
                date: self.opts.date,
            }));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn binary_detection() {
        assert!(!looks_binary(b"Plain text\nwith lines\tand tabs."));
        assert!(!looks_binary(b""));
        assert!(looks_binary(&[0u8; 100]));
        let mut text = b"A long line of ordinary news text. ".repeat(20);
        text.push(0);
        assert!(!looks_binary(&text), "one stray NUL is not binary");
    }

    #[test]
    fn filter_defaults_and_globs() {
        let f = FileFilter::default();
        assert!(f.accepts(Path::new("a/b.txt")));
        assert!(f.accepts(Path::new("README")));
        assert!(!f.accepts(Path::new("graph.json")));
        let f = FileFilter::from_globs(&["*.news".into(), "!old/*".into()]).unwrap();
        assert!(f.accepts(Path::new("x/y.news")));
        assert!(!f.accepts(Path::new("old/y.news")));
        assert!(!f.accepts(Path::new("y.txt")));
        assert!(FileFilter::from_globs(&["a[".into()]).is_err());
    }

    #[test]
    fn windows_1252_fallback_and_strict() {
        let bytes = b"Caf\xe9 in Paris".to_vec();
        match decode(bytes.clone(), None, false) {
            Decoded::Text(t, Some(note)) => {
                assert_eq!(t, "Café in Paris");
                assert!(note.contains("windows-1252"), "{note}");
            }
            _ => panic!("not decoded"),
        }
        assert!(matches!(decode(bytes, None, true), Decoded::Undecodable(_)));
        let utf16: Vec<u8> = [0xFF, 0xFE]
            .into_iter()
            .chain("Kim".encode_utf16().flat_map(u16::to_le_bytes))
            .collect();
        assert!(matches!(decode(utf16, None, false), Decoded::Text(t, None) if t == "Kim"));
    }
}

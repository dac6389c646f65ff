//! Input documents: plain-text files, folders (walked recursively in name order), standard input
//! (`-`), and JSON Lines files (`{"id": ..., "text": ..., "date": ...}` per line, chosen by the
//! `.jsonl` extension or `--input-format jsonl`). Documents are read lazily, one at a time.
//!
//! In folders, files ending in `.txt`, `.text`, `.md` or `.jsonl`, and files without an
//! extension, are read; hidden files and folders (name starting with `.`) are skipped.
//! A file named on the command line is always read.

use crate::doc::Document;
use crate::error::{Error, Result};
use crate::gazetteer::Date;
use serde::Deserialize;
use std::collections::VecDeque;
use std::io::{BufRead, BufReader, Read};
use std::path::{Path, PathBuf};

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

#[derive(Deserialize)]
struct JsonlDoc {
    id: String,
    text: String,
    #[serde(default)]
    date: Option<String>,
}

enum Source {
    Stdin,
    File(PathBuf),
    Dir(PathBuf),
}

/// A lazy stream of documents from the inputs.
pub struct Documents {
    queue: VecDeque<Source>,
    format: InputFormat,
    date: Option<Date>,
    jsonl: Option<(String, Box<dyn BufRead>, usize)>,
    line: String,
}

const FOLDER_EXTENSIONS: &[&str] = &["txt", "text", "md", "jsonl"];

fn is_jsonl_name(p: &Path) -> bool {
    p.extension().is_some_and(|e| e == "jsonl")
}

impl Documents {
    /// Documents of `inputs` (`-` = stdin). `date` applies to plain-text documents.
    pub fn new(inputs: &[PathBuf], format: InputFormat, date: Option<Date>) -> Result<Documents> {
        let mut queue = VecDeque::new();
        for p in inputs {
            if p.as_os_str() == "-" {
                queue.push_back(Source::Stdin);
            } else {
                let meta = std::fs::metadata(p).map_err(|e| Error::io(p.display(), e))?;
                queue.push_back(if meta.is_dir() {
                    Source::Dir(p.clone())
                } else {
                    Source::File(p.clone())
                });
            }
        }
        Ok(Documents {
            queue,
            format,
            date,
            jsonl: None,
            line: String::new(),
        })
    }

    fn expand_dir(&mut self, dir: &Path) -> Result<()> {
        let mut entries: Vec<(PathBuf, bool)> = Vec::new();
        for e in std::fs::read_dir(dir).map_err(|e| Error::io(dir.display(), e))? {
            let e = e.map_err(|e| Error::io(dir.display(), e))?;
            let path = e.path();
            if e.file_name().to_string_lossy().starts_with('.') {
                continue;
            }
            let ft = std::fs::metadata(&path).map_err(|err| Error::io(path.display(), err))?;
            if ft.is_dir() {
                entries.push((path, true));
            } else if path
                .extension()
                .is_none_or(|x| FOLDER_EXTENSIONS.iter().any(|f| x == *f))
            {
                entries.push((path, false));
            }
        }
        entries.sort();
        for (p, is_dir) in entries.into_iter().rev() {
            self.queue.push_front(if is_dir {
                Source::Dir(p)
            } else {
                Source::File(p)
            });
        }
        Ok(())
    }

    fn read_text(name: &str, mut r: impl Read) -> Result<String> {
        let mut bytes = Vec::new();
        r.read_to_end(&mut bytes).map_err(|e| Error::io(name, e))?;
        String::from_utf8(bytes).map_err(|e| Error::Input {
            path: name.to_string(),
            line: None,
            message: format!("not valid UTF-8 (byte {})", e.utf8_error().valid_up_to()),
        })
    }

    fn next_jsonl(&mut self) -> Option<Result<Document>> {
        let (name, reader, line_no) = self.jsonl.as_mut()?;
        loop {
            self.line.clear();
            *line_no += 1;
            match reader.read_line(&mut self.line) {
                Err(e) => {
                    let err = if e.kind() == std::io::ErrorKind::InvalidData {
                        Error::Input {
                            path: name.clone(),
                            line: Some(*line_no),
                            message: "not valid UTF-8".into(),
                        }
                    } else {
                        Error::io(&*name, e)
                    };
                    self.jsonl = None;
                    return Some(Err(err));
                }
                Ok(0) => {
                    self.jsonl = None;
                    return None;
                }
                Ok(_) => {}
            }
            let l = self.line.trim();
            if l.is_empty() {
                continue;
            }
            let bad = |message: String| Error::Input {
                path: name.clone(),
                line: Some(*line_no),
                message,
            };
            let doc: JsonlDoc = match serde_json::from_str(l) {
                Ok(d) => d,
                Err(e) => {
                    let msg = e.to_string();
                    let msg = msg
                        .rsplit_once(" at line ")
                        .map_or(msg.as_str(), |(m, _)| m);
                    return Some(Err(bad(format!("column {}: {msg}", e.column()))));
                }
            };
            let date = match doc.date.as_deref().map(str::parse::<Date>).transpose() {
                Ok(d) => d,
                Err(e) => return Some(Err(bad(e.to_string()))),
            };
            return Some(Ok(Document {
                id: doc.id,
                text: doc.text,
                date,
            }));
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
            let src = self.queue.pop_front()?;
            let (name, is_jsonl_file) = match &src {
                Source::Stdin => ("-".to_string(), false),
                Source::File(p) => (p.display().to_string(), is_jsonl_name(p)),
                Source::Dir(p) => {
                    let p = p.clone();
                    if let Err(e) = self.expand_dir(&p) {
                        return Some(Err(e));
                    }
                    continue;
                }
            };
            let jsonl = match self.format {
                InputFormat::Jsonl => true,
                InputFormat::Text => false,
                InputFormat::Auto => is_jsonl_file,
            };
            let reader: Box<dyn Read> = match &src {
                Source::Stdin => Box::new(std::io::stdin()),
                Source::File(p) => match std::fs::File::open(p) {
                    Ok(f) => Box::new(f),
                    Err(e) => return Some(Err(Error::io(&name, e))),
                },
                Source::Dir(_) => unreachable!(),
            };
            if jsonl {
                self.jsonl = Some((name, Box::new(BufReader::with_capacity(1 << 16, reader)), 0));
                continue;
            }
            return Some(Self::read_text(&name, reader).map(|text| Document {
                id: if name == "-" {
                    "stdin".to_string()
                } else {
                    name
                },
                text,
                date: self.date,
            }));
        }
    }
}

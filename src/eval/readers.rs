//! Readers of the three annotated data sets. Each turns its format into [`GoldDoc`]s: the text
//! rebuilt from the tokens ([`super::detok`]), and gold entities with character spans.

use super::detok::TextBuilder;
use super::labels::{self, Class};
use super::{Dataset, GoldDoc, GoldEntity, GoldRelation, Span};
use crate::error::{Error, Result};
use serde::Deserialize;
use std::path::Path;

/// Reads the data set at `path`.
pub fn read(dataset: Dataset, path: &Path) -> Result<Vec<GoldDoc>> {
    let text = std::fs::read_to_string(path).map_err(|e| Error::io(path.display(), e))?;
    let name = path.display().to_string();
    match dataset {
        Dataset::Dwie => dwie(&name, &text),
        Dataset::Conll04 => conll04(&name, &text),
        Dataset::Conll03 => conll03(&name, &text),
    }
}

fn input_error(path: &str, line: Option<usize>, message: impl Into<String>) -> Error {
    Error::Input {
        path: path.to_string(),
        line,
        message: message.into(),
    }
}

fn json_error(path: &str, e: serde_json::Error) -> Error {
    input_error(path, Some(e.line()), format!("not the expected JSON: {e}"))
}

/// The class of a gold entity label (`None`: not scored).
fn class(dataset: Dataset, label: &str) -> Option<Class> {
    labels::gold_class(dataset, label)
}

// ---- DWIE (DocRED JSON) -------------------------------------------------------------------

#[derive(Deserialize)]
struct DocRedDoc {
    title: String,
    sents: Vec<Vec<String>>,
    #[serde(rename = "vertexSet")]
    vertex_set: Vec<Vec<DocRedMention>>,
    #[serde(default)]
    labels: Vec<DocRedLabel>,
}

#[derive(Deserialize)]
struct DocRedMention {
    pos: [usize; 2],
    sent_id: usize,
    #[serde(rename = "type")]
    etype: String,
}

#[derive(Deserialize)]
struct DocRedLabel {
    h: usize,
    t: usize,
    r: String,
}

/// DWIE in DocRED format. An entity's label is the type of its first mention (the DocRED
/// convention).
pub fn dwie(path: &str, json: &str) -> Result<Vec<GoldDoc>> {
    let docs: Vec<DocRedDoc> = serde_json::from_str(json).map_err(|e| json_error(path, e))?;
    docs.into_iter()
        .map(|d| {
            let bad = |m: String| input_error(path, None, format!("document {:?}: {m}", d.title));
            let mut b = TextBuilder::new();
            let mut spans: Vec<Vec<(usize, usize)>> = Vec::with_capacity(d.sents.len());
            for s in &d.sents {
                b.begin_sentence();
                spans.push(s.iter().map(|t| b.token(t)).collect());
            }
            let (text, _) = b.finish();
            let mut entities = Vec::with_capacity(d.vertex_set.len());
            for (i, v) in d.vertex_set.iter().enumerate() {
                let Some(first) = v.first() else {
                    return Err(bad(format!("entity {i} has no mentions")));
                };
                let mut mentions = Vec::with_capacity(v.len());
                for m in v {
                    let toks = spans
                        .get(m.sent_id)
                        .ok_or_else(|| bad(format!("entity {i}: no sentence {}", m.sent_id)))?;
                    let [a, z] = m.pos;
                    if a >= z || z > toks.len() {
                        return Err(bad(format!("entity {i}: bad token span {a}..{z}")));
                    }
                    mentions.push((toks[a].0, toks[z - 1].1));
                }
                entities.push(GoldEntity {
                    class: class(Dataset::Dwie, &first.etype),
                    label: first.etype.clone(),
                    mentions,
                });
            }
            let mut relations = Vec::with_capacity(d.labels.len());
            for l in &d.labels {
                if l.h >= entities.len() || l.t >= entities.len() {
                    return Err(bad(format!(
                        "relation {} {}->{}: no such entity",
                        l.r, l.h, l.t
                    )));
                }
                relations.push(GoldRelation {
                    head: l.h,
                    tail: l.t,
                    label: l.r.clone(),
                });
            }
            Ok(GoldDoc {
                id: d.title,
                text,
                entities,
                tokens: spans.into_iter().flatten().filter(|t| t.0 < t.1).collect(),
                relations,
            })
        })
        .collect()
}

// ---- CoNLL04 (SpERT JSON) -----------------------------------------------------------------

#[derive(Deserialize)]
struct SpertDoc {
    tokens: Vec<String>,
    entities: Vec<SpertEntity>,
    #[serde(default)]
    relations: Vec<SpertRelation>,
    #[serde(default)]
    orig_id: Option<serde_json::Value>,
}

#[derive(Deserialize)]
struct SpertEntity {
    #[serde(rename = "type")]
    etype: String,
    start: usize,
    end: usize,
}

#[derive(Deserialize)]
struct SpertRelation {
    #[serde(rename = "type")]
    rtype: String,
    head: usize,
    tail: usize,
}

/// CoNLL04 in SpERT format: one sentence per document, entity spans `start..end` (exclusive)
/// in tokens; each entity is one mention.
pub fn conll04(path: &str, json: &str) -> Result<Vec<GoldDoc>> {
    let docs: Vec<SpertDoc> = serde_json::from_str(json).map_err(|e| json_error(path, e))?;
    docs.into_iter()
        .enumerate()
        .map(|(n, d)| {
            let id = match &d.orig_id {
                Some(serde_json::Value::String(s)) => s.clone(),
                Some(v @ serde_json::Value::Number(_)) => v.to_string(),
                _ => (n + 1).to_string(),
            };
            let bad =
                |m: String| input_error(path, None, format!("sentence {} (id {id}): {m}", n + 1));
            let mut b = TextBuilder::new();
            b.begin_sentence();
            let spans: Vec<(usize, usize)> = d.tokens.iter().map(|t| b.token(t)).collect();
            let (text, _) = b.finish();
            let mut entities = Vec::with_capacity(d.entities.len());
            for e in &d.entities {
                if e.start >= e.end || e.end > spans.len() {
                    return Err(bad(format!("bad entity span {}..{}", e.start, e.end)));
                }
                entities.push(GoldEntity {
                    class: class(Dataset::Conll04, &e.etype),
                    label: e.etype.clone(),
                    mentions: vec![(spans[e.start].0, spans[e.end - 1].1)],
                });
            }
            let mut relations = Vec::with_capacity(d.relations.len());
            for r in &d.relations {
                if r.head >= entities.len() || r.tail >= entities.len() {
                    return Err(bad(format!(
                        "relation {} {}->{}: no such entity",
                        r.rtype, r.head, r.tail
                    )));
                }
                relations.push(GoldRelation {
                    head: r.head,
                    tail: r.tail,
                    label: r.rtype.clone(),
                });
            }
            Ok(GoldDoc {
                id,
                text,
                entities,
                tokens: spans,
                relations,
            })
        })
        .collect()
}

// ---- CoNLL-2003 (IOB1) --------------------------------------------------------------------

/// CoNLL-2003: `token POS chunk tag` lines, blank lines between sentences, `-DOCSTART-` lines
/// between documents. IOB1: `I-X` continues a name of type X when the token before has tag
/// `I-X` or `B-X`, and begins one otherwise; `B-X` always begins one. Documents are named
/// `<file name>#<n>`, n counting from 1.
pub fn conll03(path: &str, text: &str) -> Result<Vec<GoldDoc>> {
    let stem = Path::new(path)
        .file_name()
        .map_or_else(|| path.to_string(), |f| f.to_string_lossy().into_owned());
    let mut docs = Vec::new();
    let mut doc = Conll03Doc::default();
    let flush = |doc: &mut Conll03Doc, docs: &mut Vec<GoldDoc>| {
        let d = std::mem::take(doc);
        if d.has_tokens {
            docs.push(d.finish(format!("{stem}#{}", docs.len() + 1)));
        }
    };
    for (i, line) in text.lines().enumerate() {
        let line = line.trim_end_matches('\r');
        if line.trim().is_empty() {
            doc.end_sentence();
            continue;
        }
        let cols: Vec<&str> = line.split_whitespace().collect();
        if cols[0] == "-DOCSTART-" {
            flush(&mut doc, &mut docs);
            continue;
        }
        if cols.len() < 2 {
            return Err(input_error(
                path,
                Some(i + 1),
                "expected `token ... tag` columns",
            ));
        }
        let tag = cols[cols.len() - 1];
        let (prefix, label) = match tag.split_once('-') {
            None if tag == "O" => ('O', ""),
            Some(("I", l)) if !l.is_empty() => ('I', l),
            Some(("B", l)) if !l.is_empty() => ('B', l),
            _ => {
                return Err(input_error(
                    path,
                    Some(i + 1),
                    format!("bad IOB tag {tag:?}"),
                ));
            }
        };
        doc.token(cols[0], prefix, label);
    }
    flush(&mut doc, &mut docs);
    Ok(docs)
}

#[derive(Default)]
struct Conll03Doc {
    b: TextBuilder,
    in_sentence: bool,
    has_tokens: bool,
    entities: Vec<GoldEntity>,
    tokens: Vec<Span>,
    /// Label of the name the previous token belongs to ("" = none).
    open: String,
}

impl Conll03Doc {
    fn end_sentence(&mut self) {
        self.in_sentence = false;
        self.open.clear();
    }

    fn token(&mut self, tok: &str, prefix: char, label: &str) {
        if !self.in_sentence {
            self.b.begin_sentence();
            self.in_sentence = true;
        }
        self.has_tokens = true;
        let (s, e) = self.b.token(tok);
        self.tokens.push((s, e));
        match prefix {
            'I' if self.open == label => {
                if let Some(last) = self.entities.last_mut() {
                    last.mentions[0].1 = e;
                }
            }
            'I' | 'B' => {
                self.entities.push(GoldEntity {
                    class: class(Dataset::Conll03, label),
                    label: label.to_string(),
                    mentions: vec![(s, e)],
                });
                self.open = label.to_string();
            }
            _ => self.open.clear(),
        }
    }

    fn finish(self, id: String) -> GoldDoc {
        GoldDoc {
            id,
            text: self.b.finish().0,
            entities: self.entities,
            tokens: self.tokens,
            relations: Vec::new(),
        }
    }
}

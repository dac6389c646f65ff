//! The compact binary graph file (`-f bin`, docs/query.md): the same content as the JSON
//! graph file, about a tenth of its size and several times faster to load, for `relgraph query`
//! on large graphs. `relgraph query` recognises it by its magic bytes.
//!
//! Layout (integers are unsigned LEB128 varints unless noted, strings are indices into the
//! string table):
//!
//! ```text
//! magic "RELGRAPH-BIN" (12 bytes), format version (u32 little-endian)
//! documents
//! vocabulary: entity types, relation types, origins — each a count then names (len + UTF-8)
//! string table: count, then each string as len + UTF-8
//! nodes: count, then per node: id, name, type (u8), qid+1 or 0, alias count, aliases,
//!        mentions, documents
//! links: count, then per link: source node, target node (positions in the node list),
//!        type (u8), origin (u8), count, confidence (f32 LE), role count, roles,
//!        evidence count, then per item: doc, date code, start, end, trigger, rule,
//!        confidence (f32 LE), role+1 or 0, feature count, then per feature (the
//!        relation model's reasons, `EvidenceItem::features`): name, weight (f32 LE);
//!        then sentence+1 or 0, then the source's spans in the sentence (count, then start
//!        and end of each), then the target's
//! index (version 5; fixed-width little-endian tables, layout in [`mapped`])
//! trailer (version 5): block checksums, block count, the index's offset, its own CRC-32
//! checksum: CRC-32 of every byte before it (u32 LE)
//! ```
//!
//! Version 5 added the index, which lets `relgraph query` map the file and answer from the
//! records it needs instead of decoding the whole graph ([`mapped`]); version 4 added the
//! spans, version 3 the features and the sentence; files of versions 4, 3, 2 (without them)
//! and 1 (without the checksum) are still read.
//!
//! Date code: 0 for none, else `((zigzag(year) << 9) | (month << 5) | day) + 1`. Types are
//! written by name in the vocabulary, so adding a type to relgraph never misreads old files.
//! Nodes are in id order and links in (source, target, type, origin) order, as in the JSON
//! file; the bytes depend only on the graph.

use crate::error::Error;
use crate::gazetteer::Date;
use crate::graph::{EdgeData, KnowledgeGraph, NodeData};
use crate::types::{EntityType, Origin, RelationType};
use crate::wire::extraction::FeatureWeight;
use crate::wire::graph::EvidenceItem;
use petgraph::stable_graph::EdgeIndex;
use std::collections::{BTreeSet, HashMap};
use std::io::{self, Write};

pub mod mapped;

/// First bytes of every binary graph file.
pub const MAGIC: &[u8; 12] = b"RELGRAPH-BIN";
/// The binary layout version; readers read it and the earlier ones (1 without checksum, 2–4
/// without index), and reject newer ones.
pub const VERSION: u32 = 5;

/// First bytes of the index of a version 5 file ([`mapped`]).
pub const INDEX_MAGIC: &[u8; 8] = b"RGINDEX\0";

/// Whether `bytes` start like a binary graph file.
pub fn is_binary(bytes: &[u8]) -> bool {
    bytes.starts_with(MAGIC)
}

fn varint(buf: &mut Vec<u8>, mut v: u64) {
    while v >= 0x80 {
        buf.push((v as u8) | 0x80);
        v >>= 7;
    }
    buf.push(v as u8);
}

fn bytes_str(buf: &mut Vec<u8>, s: &str) {
    varint(buf, s.len() as u64);
    buf.extend_from_slice(s.as_bytes());
}

fn date_code(d: Option<Date>) -> u64 {
    match d {
        None => 0,
        Some(d) => {
            let y = ((d.year << 1) ^ (d.year >> 31)) as u32 as u64;
            ((y << 9) | ((d.month as u64) << 5) | d.day as u64) + 1
        }
    }
}

/// The date of a date code (`None` inside: no date); `None` for an invalid code.
fn code_date(code: u64) -> Option<Option<Date>> {
    if code == 0 {
        return Some(None);
    }
    let c = code - 1;
    let zz = u32::try_from(c >> 9).ok()?;
    let year = ((zz >> 1) as i32) ^ -((zz & 1) as i32);
    let (month, day) = (((c >> 5) & 0xf) as u8, (c & 0x1f) as u8);
    if month > 12 || (month == 0 && day != 0) {
        return None;
    }
    Some(Some(Date::ymd(year, month, day)))
}

/// Interns strings in order of first use.
#[derive(Default)]
struct Strings<'a> {
    index: HashMap<&'a str, u32>,
    list: Vec<&'a str>,
}

impl<'a> Strings<'a> {
    fn id(&mut self, s: &'a str) -> u64 {
        if let Some(&i) = self.index.get(s) {
            return i as u64;
        }
        let i = self.list.len() as u32;
        self.index.insert(s, i);
        self.list.push(s);
        i as u64
    }
}

/// Writes `kg` as a binary graph file.
pub fn write(kg: &KnowledgeGraph, out: &mut dyn Write) -> io::Result<()> {
    let g = kg.graph();
    let mut strings = Strings::default();
    let mut body = Vec::new();
    let nodes = kg.sorted_nodes();
    let mut position = vec![0u64; nodes.iter().map(|n| n.index() + 1).max().unwrap_or(0)];
    varint(&mut body, nodes.len() as u64);
    // Where each record starts in `body` (for the index).
    let mut node_at = Vec::with_capacity(nodes.len());
    // (string, node) of every id, name, QID and alias, for the index's name table.
    let mut names = Vec::new();
    for (i, &n) in nodes.iter().enumerate() {
        position[n.index()] = i as u64;
        node_at.push(body.len() as u64);
        let d = &g[n];
        let mut name = |s| {
            let k = strings.id(s);
            names.push((k, i as u64));
            k
        };
        varint(&mut body, name(&d.id));
        varint(&mut body, name(&d.name));
        body.push(d.etype as u8);
        varint(&mut body, d.qid.as_deref().map_or(0, |q| name(q) + 1));
        varint(&mut body, d.aliases.len() as u64);
        for a in &d.aliases {
            varint(&mut body, name(a));
        }
        varint(&mut body, d.mentions);
        varint(&mut body, d.documents);
    }
    let edges = kg.sorted_edges();
    varint(&mut body, edges.len() as u64);
    let mut link_at = Vec::with_capacity(edges.len());
    let mut ends = Vec::with_capacity(edges.len());
    for e in edges {
        let (s, t) = g.edge_endpoints(e).expect("edge exists");
        let d = &g[e];
        link_at.push(body.len() as u64);
        ends.push((position[s.index()], position[t.index()]));
        varint(&mut body, position[s.index()]);
        varint(&mut body, position[t.index()]);
        body.push(d.rtype as u8);
        body.push(d.origin as u8);
        varint(&mut body, d.count);
        body.extend_from_slice(&d.confidence.to_le_bytes());
        varint(&mut body, d.roles.len() as u64);
        for r in &d.roles {
            varint(&mut body, strings.id(r));
        }
        varint(&mut body, d.evidence.len() as u64);
        for ev in &d.evidence {
            varint(&mut body, strings.id(&ev.doc));
            varint(&mut body, date_code(ev.date));
            varint(&mut body, ev.start as u64);
            varint(&mut body, ev.end as u64);
            varint(&mut body, strings.id(&ev.trigger));
            varint(&mut body, strings.id(&ev.rule));
            body.extend_from_slice(&ev.confidence.to_le_bytes());
            varint(
                &mut body,
                ev.role.as_deref().map_or(0, |r| strings.id(r) + 1),
            );
            varint(&mut body, ev.features.len() as u64);
            for f in &ev.features {
                varint(&mut body, strings.id(&f.feature));
                body.extend_from_slice(&f.weight.to_le_bytes());
            }
            varint(
                &mut body,
                ev.sentence.as_deref().map_or(0, |s| strings.id(s) + 1),
            );
            for spans in [&ev.source_spans, &ev.target_spans] {
                varint(&mut body, spans.len() as u64);
                for [a, b] in spans {
                    varint(&mut body, *a as u64);
                    varint(&mut body, *b as u64);
                }
            }
        }
    }
    let mut head = Vec::new();
    head.extend_from_slice(MAGIC);
    head.extend_from_slice(&VERSION.to_le_bytes());
    varint(&mut head, kg.documents());
    varint(&mut head, EntityType::ALL.len() as u64);
    for t in EntityType::ALL {
        bytes_str(&mut head, t.as_str());
    }
    varint(&mut head, RelationType::ALL.len() as u64);
    for t in RelationType::ALL {
        bytes_str(&mut head, t.as_str());
    }
    varint(&mut head, Origin::ALL.len() as u64);
    for o in Origin::ALL {
        bytes_str(&mut head, o.as_str());
    }
    varint(&mut head, strings.list.len() as u64);
    let mut string_at = Vec::with_capacity(strings.list.len());
    for s in &strings.list {
        string_at.push(head.len() as u64);
        bytes_str(&mut head, s);
    }
    let base = head.len() as u64;
    let index = mapped::index(
        base + body.len() as u64,
        &strings.list,
        &string_at,
        &names,
        node_at.iter().map(|p| p + base),
        link_at.iter().map(|p| p + base),
        &ends,
    )?;
    let trailer = mapped::trailer(&[&head, &body, &index], base + body.len() as u64);
    let mut crc = crc32fast::Hasher::new();
    for part in [&head, &body, &index, &trailer] {
        crc.update(part);
        out.write_all(part)?;
    }
    out.write_all(&crc.finalize().to_le_bytes())
}

/// A bounds-checked reader over the file bytes.
struct Reader<'a> {
    bytes: &'a [u8],
    pos: usize,
    name: &'a str,
    /// The file's format version (evidence items carry features from 3 on, spans from 4 on).
    version: u32,
}

type R<T> = Result<T, Error>;

impl<'a> Reader<'a> {
    fn err(&self, message: impl std::fmt::Display) -> Error {
        Error::Input {
            path: self.name.to_string(),
            line: None,
            message: format!("binary graph file, byte {}: {message}", self.pos),
        }
    }

    fn take(&mut self, n: usize) -> R<&'a [u8]> {
        if self.bytes.len() - self.pos < n {
            return Err(self.err("unexpected end of file (truncated?)"));
        }
        let s = &self.bytes[self.pos..self.pos + n];
        self.pos += n;
        Ok(s)
    }

    fn u8(&mut self) -> R<u8> {
        Ok(self.take(1)?[0])
    }

    fn f32(&mut self) -> R<f32> {
        let b = self.take(4)?;
        Ok(f32::from_le_bytes([b[0], b[1], b[2], b[3]]))
    }

    fn varint(&mut self) -> R<u64> {
        let mut v = 0u64;
        for shift in (0..64).step_by(7) {
            let b = self.u8()?;
            v |= ((b & 0x7f) as u64) << shift;
            if b & 0x80 == 0 {
                return Ok(v);
            }
        }
        Err(self.err("varint too long"))
    }

    fn usize(&mut self) -> R<usize> {
        let v = self.varint()?;
        usize::try_from(v).map_err(|_| self.err("number too large"))
    }

    /// A count of items of at least `min_size` bytes each, checked against the bytes left.
    fn count(&mut self, min_size: usize) -> R<usize> {
        let n = self.usize()?;
        if n.saturating_mul(min_size) > self.bytes.len() - self.pos {
            return Err(self.err(format!("count {n} exceeds the file size (corrupt?)")));
        }
        Ok(n)
    }

    fn str(&mut self) -> R<&'a str> {
        let n = self.count(1)?;
        let b = self.take(n)?;
        std::str::from_utf8(b).map_err(|_| self.err("string is not UTF-8"))
    }
}

/// Reads the vocabulary of one type: names in the file → current values.
fn vocabulary<T: std::str::FromStr>(r: &mut Reader, what: &str) -> R<Vec<T>> {
    let n = r.count(1)?;
    let mut v = Vec::with_capacity(n);
    for _ in 0..n {
        let s = r.str()?;
        v.push(s.parse().map_err(|_| {
            r.err(format!(
                "unknown {what} {s:?} (written by a newer relgraph?)"
            ))
        })?);
    }
    Ok(v)
}

fn pick<T: Copy>(r: &Reader, v: &[T], i: u8, what: &str) -> R<T> {
    v.get(i as usize)
        .copied()
        .ok_or_else(|| r.err(format!("{what} index {i} out of range")))
}

/// A string table: the strings of a file by index.
trait Table {
    fn at(&self, i: usize) -> Option<&str>;
    fn len(&self) -> usize;

    /// Why string `i` cannot be read.
    fn missing(&self, i: usize) -> String {
        format!("string index {i} out of range")
    }
}

impl Table for [&str] {
    fn at(&self, i: usize) -> Option<&str> {
        self.get(i).copied()
    }

    fn len(&self) -> usize {
        <[&str]>::len(self)
    }
}

/// The table of a [`LazyEvidence`]: (offset, length) pairs into the file bytes.
struct Spans<'a> {
    bytes: &'a [u8],
    spans: &'a [(usize, usize)],
}

impl Table for Spans<'_> {
    fn at(&self, i: usize) -> Option<&str> {
        let &(o, l) = self.spans.get(i)?;
        std::str::from_utf8(self.bytes.get(o..o + l)?).ok()
    }

    fn len(&self) -> usize {
        self.spans.len()
    }
}

/// The string at a table index.
fn string<T: Table + ?Sized>(r: &mut Reader, strings: &T) -> R<String> {
    let i = r.usize()?;
    match strings.at(i) {
        Some(s) => Ok(s.to_string()),
        None => Err(r.err(strings.missing(i))),
    }
}

/// An optional string: 0 for none, else the table index plus one.
fn opt_string<T: Table + ?Sized>(r: &mut Reader, strings: &T) -> R<Option<String>> {
    match r.usize()? {
        0 => Ok(None),
        i => match strings.at(i - 1) {
            Some(s) => Ok(Some(s.to_string())),
            None => Err(r.err(strings.missing(i - 1))),
        },
    }
}

/// The vocabularies of a file: its type names mapped to the current types.
struct Vocab {
    etypes: Vec<EntityType>,
    rtypes: Vec<RelationType>,
    origins: Vec<Origin>,
}

fn node<T: Table + ?Sized>(r: &mut Reader, strings: &T, v: &Vocab) -> R<NodeData> {
    let id = string(r, strings)?;
    let name = string(r, strings)?;
    let t = r.u8()?;
    let etype = pick(r, &v.etypes, t, "entity type")?;
    let qid = opt_string(r, strings)?;
    let k = r.count(1)?;
    let aliases = (0..k).map(|_| string(r, strings)).collect::<R<Vec<_>>>()?;
    Ok(NodeData {
        id,
        name,
        etype,
        qid,
        aliases,
        mentions: r.varint()?,
        documents: r.varint()?,
    })
}

/// Checks a string index without copying the string.
fn skip_string<T: Table + ?Sized>(r: &mut Reader, strings: &T, optional: bool) -> R<()> {
    let i = r.usize()?;
    let i = if optional {
        match i.checked_sub(1) {
            None => return Ok(()),
            Some(i) => i,
        }
    } else {
        i
    };
    if i >= strings.len() {
        return Err(r.err(format!("string index {i} out of range")));
    }
    Ok(())
}

/// The evidence items of one link (the reader is at their count).
fn evidence<T: Table + ?Sized>(r: &mut Reader, strings: &T) -> R<Vec<EvidenceItem>> {
    let k = r.count(10)?;
    let mut items = Vec::with_capacity(k);
    for _ in 0..k {
        let doc = string(r, strings)?;
        let code = r.varint()?;
        let date = code_date(code).ok_or_else(|| r.err(format!("invalid date code {code}")))?;
        items.push(EvidenceItem {
            doc,
            date,
            start: r.usize()?,
            end: r.usize()?,
            trigger: string(r, strings)?,
            rule: string(r, strings)?,
            confidence: r.f32()?,
            role: opt_string(r, strings)?,
            features: if r.version >= 3 {
                let n = r.count(5)?;
                (0..n)
                    .map(|_| {
                        Ok(FeatureWeight {
                            feature: string(r, strings)?,
                            weight: r.f32()?,
                        })
                    })
                    .collect::<R<Vec<_>>>()?
            } else {
                Vec::new()
            },
            sentence: if r.version >= 3 {
                opt_string(r, strings)?
            } else {
                None
            },
            source_spans: spans(r)?,
            target_spans: spans(r)?,
        });
    }
    Ok(items)
}

/// Checks the evidence items of one link and collects their dates, without copying strings.
fn evidence_dates<T: Table + ?Sized>(
    r: &mut Reader,
    strings: &T,
    dates: &mut Vec<Option<Date>>,
) -> R<()> {
    let k = r.count(10)?;
    for _ in 0..k {
        skip_string(r, strings, false)?;
        let code = r.varint()?;
        dates.push(code_date(code).ok_or_else(|| r.err(format!("invalid date code {code}")))?);
        r.varint()?;
        r.varint()?;
        skip_string(r, strings, false)?;
        skip_string(r, strings, false)?;
        r.f32()?;
        skip_string(r, strings, true)?;
        if r.version >= 3 {
            for _ in 0..r.count(5)? {
                skip_string(r, strings, false)?;
                r.f32()?;
            }
            skip_string(r, strings, true)?;
        }
        spans(r)?;
        spans(r)?;
    }
    Ok(())
}

/// One list of name spans (none before format version 4).
fn spans(r: &mut Reader) -> R<Vec<[usize; 2]>> {
    if r.version < 4 {
        return Ok(Vec::new());
    }
    let n = r.count(2)?;
    (0..n).map(|_| Ok([r.usize()?, r.usize()?])).collect()
}

/// One link; its evidence is decoded, or with `lazy` only checked, its position and dates
/// recorded.
fn edge<T: Table + ?Sized>(
    r: &mut Reader,
    strings: &T,
    v: &Vocab,
    lazy: Option<&mut LazyParts>,
) -> R<(usize, usize, EdgeData)> {
    let source = r.usize()?;
    let target = r.usize()?;
    let t = r.u8()?;
    let rtype = pick(r, &v.rtypes, t, "relation type")?;
    let o = r.u8()?;
    let origin = pick(r, &v.origins, o, "origin")?;
    let count = r.varint()?;
    let confidence = r.f32()?;
    let k = r.count(1)?;
    let roles = (0..k)
        .map(|_| string(r, strings))
        .collect::<R<BTreeSet<_>>>()?;
    let evidence = match lazy {
        None => evidence(r, strings)?,
        Some(parts) => {
            parts.offsets.push(r.pos);
            evidence_dates(r, strings, &mut parts.dates)?;
            parts.date_ends.push(parts.dates.len());
            Vec::new()
        }
    };
    let data = EdgeData {
        rtype,
        origin,
        count,
        confidence,
        roles,
        evidence,
    };
    Ok((source, target, data))
}

/// What [`read_lazy`] keeps per link.
#[derive(Default)]
struct LazyParts {
    offsets: Vec<usize>,
    dates: Vec<Option<Date>>,
    date_ends: Vec<usize>,
}

/// What a checksum that does not match means.
const DAMAGED: &str = "checksum mismatch, the file is damaged or truncated: rebuild it";

/// The error of a file whose checksum does not match.
fn damaged(name: &str) -> Error {
    Error::Input {
        path: name.to_string(),
        line: None,
        message: format!("binary graph file: {DAMAGED}"),
    }
}

/// A reader of a binary graph file's bytes after its version, up to its checksum, which is
/// checked (files of version 1 have none).
fn checked<'a>(bytes: &'a [u8], name: &'a str) -> R<Reader<'a>> {
    let mut r = Reader {
        bytes,
        pos: 0,
        name,
        version: 0,
    };
    if r.take(MAGIC.len())? != MAGIC {
        return Err(r.err("not a relgraph binary graph file"));
    }
    let v = r.take(4)?;
    let version = u32::from_le_bytes([v[0], v[1], v[2], v[3]]);
    r.version = version;
    if (2..=VERSION).contains(&version) {
        // The last four bytes are the checksum of the rest.
        let Some(body_len) = bytes.len().checked_sub(4).filter(|&n| n >= r.pos) else {
            return Err(r.err("unexpected end of file (truncated?)"));
        };
        let (body, sum) = bytes.split_at(body_len);
        let want = u32::from_le_bytes([sum[0], sum[1], sum[2], sum[3]]);
        if crc32fast::hash(body) != want {
            return Err(damaged(name));
        }
        r.bytes = body;
    } else if version != 1 {
        return Err(r.err(format!(
            "binary graph format version {version}, this relgraph reads versions 1 to {VERSION}: \
             rebuild the graph or convert it with `relgraph query export`"
        )));
    }
    Ok(r)
}

/// The document count and the vocabularies, which follow the version.
fn header(r: &mut Reader) -> R<(u64, Vocab)> {
    let documents = r.varint()?;
    let vocab = Vocab {
        etypes: vocabulary(r, "entity type")?,
        rtypes: vocabulary(r, "relation type")?,
        origins: vocabulary(r, "origin")?,
    };
    Ok((documents, vocab))
}

fn read_impl(
    bytes: &[u8],
    name: &str,
    mut lazy: Option<&mut LazyParts>,
) -> Result<(KnowledgeGraph, Vec<(usize, usize)>), Error> {
    let mut r = checked(bytes, name)?;
    if r.version >= 5 {
        // The index (for mapped queries) follows the links; the trailer gives its offset.
        let end = mapped::index_start(r.bytes).map_err(|m| r.err(m))?;
        r.bytes = &r.bytes[..end];
    }
    let (documents, vocab) = header(&mut r)?;
    let n = r.count(1)?;
    let mut strings: Vec<&str> = Vec::with_capacity(n);
    for _ in 0..n {
        strings.push(r.str()?);
    }
    let n = r.count(6)?;
    let nodes = (0..n)
        .map(|_| node(&mut r, strings.as_slice(), &vocab))
        .collect::<R<Vec<_>>>()?;
    let m = r.count(10)?;
    if let Some(parts) = lazy.as_deref_mut() {
        parts.offsets.reserve_exact(m);
        parts.date_ends.reserve_exact(m);
    }
    let edges = (0..m).map(|_| edge(&mut r, strings.as_slice(), &vocab, lazy.as_deref_mut()));
    let kg = KnowledgeGraph::from_parts(documents, nodes, edges, name)?;
    if r.pos != r.bytes.len() {
        return Err(r.err("unexpected bytes after the last link"));
    }
    let base = bytes.as_ptr() as usize;
    let table = strings
        .iter()
        .map(|s| (s.as_ptr() as usize - base, s.len()))
        .collect();
    Ok((kg, table))
}

/// Reads a binary graph file. `name` names the file in errors.
pub fn read(bytes: &[u8], name: &str) -> Result<KnowledgeGraph, Error> {
    Ok(read_impl(bytes, name, None)?.0)
}

/// Reads a binary graph file leaving the evidence in its bytes: the graph's edges have no
/// evidence items (their `count`, `confidence` and roles are there), and [`LazyEvidence`]
/// gives each edge's items or evidence dates on demand. Several times faster and smaller than
/// [`read`] on large graphs, for queries that look at the evidence of a few edges only. The
/// whole file is still checked.
pub fn read_lazy(bytes: Vec<u8>, name: &str) -> Result<(KnowledgeGraph, LazyEvidence), Error> {
    let mut parts = LazyParts::default();
    let (kg, strings) = read_impl(&bytes, name, Some(&mut parts))?;
    debug_assert!(
        kg.graph()
            .edge_indices()
            .enumerate()
            .all(|(i, e)| e.index() == i)
    );
    Ok((
        kg,
        LazyEvidence {
            // read_impl checked the magic and version.
            version: u32::from_le_bytes([bytes[12], bytes[13], bytes[14], bytes[15]]),
            bytes: FileBytes::Owned(bytes),
            name: name.to_string(),
            strings: StringIndex::Spans(strings),
            whole: true,
            offsets: parts.offsets,
            dates: parts.dates,
            date_ends: parts.date_ends,
        },
    ))
}

/// The bytes of a graph file: read into memory, or mapped ([`mapped`]).
pub enum FileBytes {
    Owned(Vec<u8>),
    Mapped(memmap2::Mmap),
}

impl std::ops::Deref for FileBytes {
    type Target = [u8];

    fn deref(&self) -> &[u8] {
        match self {
            FileBytes::Owned(v) => v,
            FileBytes::Mapped(m) => m,
        }
    }
}

/// Where the strings of a file are: found by reading its string table, or in the index of a
/// version 5 file.
enum StringIndex {
    Spans(Vec<(usize, usize)>),
    Mapped(mapped::StringPositions),
}

/// The evidence of a graph read by [`read_lazy`] (or of a part of one read through its index,
/// [`mapped::MappedGraph::subgraph`]), still in the file bytes. Edge `i` of the graph is the
/// `i`-th link read.
pub struct LazyEvidence {
    bytes: FileBytes,
    name: String,
    /// The file's format version.
    version: u32,
    strings: StringIndex,
    /// Whether the graph is the whole file (else a part of it).
    whole: bool,
    /// Per link: where its evidence starts in `bytes`.
    offsets: Vec<usize>,
    /// Every evidence item's date, link after link.
    dates: Vec<Option<Date>>,
    /// Per link: the end of its dates in `dates`.
    date_ends: Vec<usize>,
}

impl LazyEvidence {
    /// The dates of an edge's evidence items (`None`: undated).
    pub fn dates(&self, e: EdgeIndex) -> &[Option<Date>] {
        let i = e.index();
        let start = if i == 0 { 0 } else { self.date_ends[i - 1] };
        &self.dates[start..self.date_ends[i]]
    }

    /// An edge's evidence items.
    pub fn items(&self, e: EdgeIndex) -> Result<Vec<EvidenceItem>, Error> {
        let mut r = Reader {
            bytes: &self.bytes,
            pos: self.offsets[e.index()],
            name: &self.name,
            version: self.version,
        };
        match &self.strings {
            StringIndex::Spans(spans) => evidence(
                &mut r,
                &Spans {
                    bytes: &self.bytes,
                    spans,
                },
            ),
            StringIndex::Mapped(p) => evidence(&mut r, &p.table(&self.bytes)),
        }
    }

    /// `kg` (the graph this evidence belongs to) with its evidence: the whole file decoded
    /// again, or each edge's items for a part of a file.
    pub fn full_graph(&self, mut kg: KnowledgeGraph) -> Result<KnowledgeGraph, Error> {
        if self.whole {
            return read(&self.bytes, &self.name);
        }
        let edges: Vec<EdgeIndex> = kg.graph().edge_indices().collect();
        for e in edges {
            let items = self.items(e)?;
            kg.edge_data_mut(e).evidence = items;
        }
        Ok(kg)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn varints_and_dates_round_trip() {
        for d in [
            None,
            Some(Date::ymd(2024, 6, 19)),
            Some(Date::ymd(1999, 0, 0)),
            Some(Date::ymd(-44, 3, 15)),
        ] {
            let code = date_code(d);
            let mut buf = Vec::new();
            varint(&mut buf, code);
            let mut r = Reader {
                bytes: &buf,
                pos: 0,
                name: "t",
                version: VERSION,
            };
            assert_eq!(r.varint().unwrap(), code);
            assert_eq!(r.pos, buf.len());
            assert_eq!(code_date(code), Some(d));
        }
        let mut r = Reader {
            bytes: &[0xff; 11],
            pos: 0,
            name: "t",
            version: VERSION,
        };
        assert!(r.varint().is_err());
    }

    #[test]
    fn rejects_other_files_and_versions() {
        assert!(read(b"{\"directed\": true}", "g.json").is_err());
        let mut b = MAGIC.to_vec();
        b.extend_from_slice(&99u32.to_le_bytes());
        let e = read(&b, "g.bin").unwrap_err().to_string();
        assert!(e.contains("version 99"), "{e}");
        let mut b = MAGIC.to_vec();
        b.extend_from_slice(&VERSION.to_le_bytes());
        let e = read(&b, "g.bin").unwrap_err().to_string();
        assert!(e.contains("g.bin") && e.contains("truncated"), "{e}");
    }
}

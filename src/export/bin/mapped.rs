//! The index of a version 5 binary graph file, and the file read through it ([`MappedGraph`]):
//! mapped into memory, not decoded, so that a query reads only the records it needs (a node's
//! neighbourhood, the edges between two nodes) and its cost does not grow with the graph.
//!
//! The index follows the last link. Its tables have fixed-width little-endian entries, so that
//! entry `i` is found without reading the others:
//!
//! ```text
//! "RGINDEX\0", width W (u8: 4 or 8, the bytes of a file position), 7 zero bytes
//! node count n, link count m, string count s (u64 each)
//! string positions  s × W   where string i's length starts (the string table)
//! node positions    n × W   where node i's record starts
//! link positions    m × W   where link i's record starts
//! link targets      m × u32 the target of link i (its source: the out-starts below)
//! out starts    (n + 1) × u32  links of source i: out_starts[i] .. out_starts[i + 1]
//!                              (links are in source order)
//! in starts     (n + 1) × u32  entries of target i in the two tables below
//! in links          m × u32 links by target, then link order
//! in sources        m × u32 the source of each of them
//! the index's own offset in the file (u64)
//! ```
//!
//! W is 4 when every record lies in the first 4 GiB of the file, else 8. Opening a file checks
//! its checksum and every table entry that traversals use unread (the counts, the starts, the
//! targets and sources); positions are checked when their record is read, like every record
//! of the file.

use super::{
    FileBytes, INDEX_MAGIC, LazyEvidence, LazyParts, MAGIC, R, Reader, StringIndex, Table,
    VERSION, Vocab, checked, edge, evidence_dates, header, node, pick,
};
use crate::error::Error;
use crate::gazetteer::Date;
use crate::graph::KnowledgeGraph;
use crate::types::{EntityType, Origin, RelationType};
use std::io;
use std::ops::Range;
use std::path::Path;

/// Bytes of the index header: magic, width and padding, three counts.
const HEADER: usize = 8 + 8 + 3 * 8;

/// Builds the index of a file whose records end (and whose index starts) at `start`:
/// `strings`, `nodes` and `links` are the positions of the records, `ends` the (source,
/// target) node positions of each link, in link order (sorted by source).
pub(super) fn index(
    start: u64,
    strings: &[u64],
    nodes: impl ExactSizeIterator<Item = u64>,
    links: impl ExactSizeIterator<Item = u64>,
    ends: &[(u64, u64)],
) -> io::Result<Vec<u8>> {
    let (n, m) = (nodes.len(), links.len());
    if n >= u32::MAX as usize || m >= u32::MAX as usize {
        return Err(io::Error::new(
            io::ErrorKind::InvalidData,
            format!(
                "{n} nodes and {m} links: the binary graph file holds fewer than 2^32 of each \
                 (write JSON instead)"
            ),
        ));
    }
    debug_assert!(ends.windows(2).all(|w| w[0].0 <= w[1].0));
    let width = if start <= u32::MAX as u64 { 4 } else { 8 };
    let size = HEADER + (strings.len() + n + m) * width + (3 * m + 2 * (n + 1)) * 4 + 8;
    let mut out = Vec::with_capacity(size);
    out.extend_from_slice(INDEX_MAGIC);
    out.push(width as u8);
    out.extend_from_slice(&[0; 7]);
    for c in [n, m, strings.len()] {
        out.extend_from_slice(&(c as u64).to_le_bytes());
    }
    let mut position = |p: u64| {
        if width == 4 {
            out.extend_from_slice(&(p as u32).to_le_bytes());
        } else {
            out.extend_from_slice(&p.to_le_bytes());
        }
    };
    strings.iter().for_each(|&p| position(p));
    nodes.for_each(&mut position);
    links.for_each(&mut position);
    let mut u32s = |v: &mut dyn Iterator<Item = u64>| {
        for x in v {
            out.extend_from_slice(&(x as u32).to_le_bytes());
        }
    };
    u32s(&mut ends.iter().map(|e| e.1));
    // Starts of each node's links by source, then by target (counting sorts).
    let starts = |key: &dyn Fn(&(u64, u64)) -> u64| {
        let mut s = vec![0u64; n + 1];
        for e in ends {
            s[key(e) as usize + 1] += 1;
        }
        for i in 0..n {
            s[i + 1] += s[i];
        }
        s
    };
    let out_starts = starts(&|e| e.0);
    let in_starts = starts(&|e| e.1);
    let mut fill = in_starts.clone();
    let (mut in_links, mut in_sources) = (vec![0u64; m], vec![0u64; m]);
    for (l, &(s, t)) in ends.iter().enumerate() {
        let k = fill[t as usize] as usize;
        in_links[k] = l as u64;
        in_sources[k] = s;
        fill[t as usize] += 1;
    }
    u32s(&mut out_starts.into_iter());
    u32s(&mut in_starts.into_iter());
    u32s(&mut in_links.into_iter());
    u32s(&mut in_sources.into_iter());
    out.extend_from_slice(&start.to_le_bytes());
    debug_assert_eq!(out.len(), size);
    Ok(out)
}

/// Where the index starts in `body` (a version 5 file without its checksum).
pub(super) fn index_start(body: &[u8]) -> Result<usize, String> {
    let bad = || "the index is missing or damaged (rebuild the graph)".to_string();
    let tail = body.len().checked_sub(8).ok_or_else(bad)?;
    let start = u64::from_le_bytes(body[tail..].try_into().expect("8 bytes"));
    let start = usize::try_from(start).map_err(|_| bad())?;
    if start.checked_add(HEADER).is_none_or(|e| e > tail)
        || &body[start..start + INDEX_MAGIC.len()] != INDEX_MAGIC
    {
        return Err(bad());
    }
    Ok(start)
}

/// Where the string table's positions are in a file's index.
pub(super) struct StringPositions {
    at: usize,
    count: usize,
    width: usize,
}

impl StringPositions {
    pub(super) fn table<'a>(&self, bytes: &'a [u8]) -> MappedStrings<'a> {
        MappedStrings {
            bytes,
            at: self.at,
            count: self.count,
            width: self.width,
        }
    }
}

/// The strings of a mapped file, found through the index.
pub(super) struct MappedStrings<'a> {
    bytes: &'a [u8],
    at: usize,
    count: usize,
    width: usize,
}

impl<'a> MappedStrings<'a> {
    fn get(&self, i: usize) -> Option<&'a str> {
        if i >= self.count {
            return None;
        }
        let pos = read_position(self.bytes, self.at + i * self.width, self.width)?;
        let mut r = Reader {
            bytes: self.bytes,
            pos,
            name: "",
            version: VERSION,
        };
        r.str().ok()
    }
}

impl Table for MappedStrings<'_> {
    fn at(&self, i: usize) -> Option<&str> {
        self.get(i)
    }

    fn len(&self) -> usize {
        self.count
    }
}

fn read_position(bytes: &[u8], at: usize, width: usize) -> Option<usize> {
    let b = bytes.get(at..at + width)?;
    let v = if width == 4 {
        u32::from_le_bytes(b.try_into().ok()?) as u64
    } else {
        u64::from_le_bytes(b.try_into().ok()?)
    };
    usize::try_from(v).ok()
}

/// The names of a node, borrowed from the file.
#[derive(Debug, Clone)]
pub struct NodeNames<'a> {
    pub id: &'a str,
    pub name: &'a str,
    pub etype: EntityType,
    pub qid: Option<&'a str>,
    pub aliases: Vec<&'a str>,
}

/// The fields of a link the edge filters look at.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct LinkHead {
    pub rtype: RelationType,
    pub origin: Origin,
    pub count: u64,
}

/// A version 5 binary graph file, mapped, read through its index. Nodes and links are
/// numbered by their position in the file (nodes in id order, links in (source, target, type,
/// origin) order).
pub struct MappedGraph {
    bytes: FileBytes,
    name: String,
    version: u32,
    documents: u64,
    vocab: Vocab,
    /// Where the records end and the index starts.
    records_end: usize,
    width: usize,
    n: usize,
    m: usize,
    strings: StringPositions,
    nodes_at: usize,
    links_at: usize,
    targets_at: usize,
    out_at: usize,
    in_at: usize,
    in_links_at: usize,
    in_sources_at: usize,
}

impl MappedGraph {
    /// Maps the graph file at `path` if it is a binary graph file of the current version with
    /// an index; `None` for any other file (JSON, an older version, not a regular file),
    /// which the caller reads whole instead. A damaged file is an error.
    pub fn open(path: &Path) -> Result<Option<MappedGraph>, Error> {
        let name = path.display().to_string();
        let file = std::fs::File::open(path).map_err(|e| Error::io(&name, e))?;
        let meta = file.metadata().map_err(|e| Error::io(&name, e))?;
        if !meta.is_file() || meta.len() < 16 {
            return Ok(None);
        }
        // SAFETY: the map is only read. relgraph never changes a graph file in place (it
        // writes a temporary file and renames it); if another program changes the file while
        // a query runs, the query may read changed bytes, and every read is bounds-checked.
        let Ok(map) = (unsafe { memmap2::Mmap::map(&file) }) else {
            return Ok(None);
        };
        if !map.starts_with(MAGIC) || map[12..16] != VERSION.to_le_bytes() {
            return Ok(None);
        }
        MappedGraph::from_bytes(FileBytes::Mapped(map), name).map(Some)
    }

    /// Reads a version 5 file from its bytes through its index (for tests; [`open`] maps).
    ///
    /// [`open`]: MappedGraph::open
    pub fn from_vec(bytes: Vec<u8>, name: &str) -> Result<MappedGraph, Error> {
        MappedGraph::from_bytes(FileBytes::Owned(bytes), name.to_string())
    }

    fn from_bytes(bytes: FileBytes, name: String) -> Result<MappedGraph, Error> {
        let mut r = checked(&bytes, &name)?;
        if r.version != VERSION {
            return Err(r.err(format!(
                "binary graph format version {}, not {VERSION}",
                r.version
            )));
        }
        let body = r.bytes;
        let start = index_start(body).map_err(|m| r.err(m))?;
        let (documents, vocab) = header(&mut r)?;
        let bad = |what: &str| Error::Input {
            path: name.clone(),
            line: None,
            message: format!("binary graph file: the index is damaged ({what}): rebuild the graph"),
        };
        let u64_at = |at: usize| u64::from_le_bytes(body[at..at + 8].try_into().expect("8 bytes"));
        let width = body[start + 8] as usize;
        if width != 4 && width != 8 {
            return Err(bad("position width"));
        }
        let count = |at: usize| usize::try_from(u64_at(at)).ok().filter(|&c| c < u32::MAX as usize);
        let (Some(n), Some(m), Some(s)) = (
            count(start + 16),
            count(start + 24),
            usize::try_from(u64_at(start + 32)).ok(),
        ) else {
            return Err(bad("counts"));
        };
        // The tables must fill the index exactly.
        let strings_at = start + HEADER;
        let size = s
            .checked_add(n)
            .and_then(|x| x.checked_add(m))
            .and_then(|x| x.checked_mul(width))
            .and_then(|x| x.checked_add((3 * m + 2 * (n + 1)) * 4 + 8));
        if size.is_none_or(|size| strings_at.checked_add(size) != Some(body.len())) {
            return Err(bad("table sizes"));
        }
        let nodes_at = strings_at + s * width;
        let links_at = nodes_at + n * width;
        let targets_at = links_at + m * width;
        let out_at = targets_at + m * 4;
        let in_at = out_at + (n + 1) * 4;
        let in_links_at = in_at + (n + 1) * 4;
        let in_sources_at = in_links_at + m * 4;
        let g = MappedGraph {
            version: r.version,
            documents,
            vocab,
            records_end: start,
            width,
            n,
            m,
            strings: StringPositions {
                at: strings_at,
                count: s,
                width,
            },
            nodes_at,
            links_at,
            targets_at,
            out_at,
            in_at,
            in_links_at,
            in_sources_at,
            name: String::new(),
            bytes: FileBytes::Owned(Vec::new()),
        };
        // Check what traversals read without checks.
        let u32s = |at: usize, len: usize| {
            body[at..at + 4 * len]
                .chunks_exact(4)
                .map(|c| u32::from_le_bytes(c.try_into().expect("4 bytes")) as usize)
        };
        let starts_ok = |at: usize| {
            let mut prev = 0;
            u32s(at, n + 1).enumerate().all(|(i, x)| {
                let ok = if i == 0 { x == 0 } else { x >= prev } && (i < n || x == m);
                prev = x;
                ok
            })
        };
        if !starts_ok(out_at) || !starts_ok(in_at) {
            return Err(bad("link starts"));
        }
        if u32s(targets_at, m).any(|t| t >= n)
            || u32s(in_sources_at, m).any(|t| t >= n)
            || u32s(in_links_at, m).any(|l| l >= m)
        {
            return Err(bad("link ends"));
        }
        Ok(MappedGraph { bytes, name, ..g })
    }

    /// The file's name in messages.
    pub fn name(&self) -> &str {
        &self.name
    }

    pub fn node_count(&self) -> usize {
        self.n
    }

    pub fn link_count(&self) -> usize {
        self.m
    }

    #[inline]
    fn u32_at(&self, table: usize, i: usize) -> usize {
        let at = table + 4 * i;
        u32::from_le_bytes(self.bytes[at..at + 4].try_into().expect("4 bytes")) as usize
    }

    fn reader(&self, pos: usize) -> Reader<'_> {
        Reader {
            bytes: &self.bytes[..self.records_end],
            pos,
            name: &self.name,
            version: self.version,
        }
    }

    fn record(&self, table: usize, i: usize) -> R<Reader<'_>> {
        let r = self.reader(0);
        match read_position(&self.bytes, table + i * self.width, self.width) {
            Some(pos) if pos < self.records_end => Ok(self.reader(pos)),
            _ => Err(r.err(format!("record position {i} out of range"))),
        }
    }

    fn string_table(&self) -> MappedStrings<'_> {
        self.strings.table(&self.bytes)
    }

    fn string(&self, r: &mut Reader, optional: bool) -> R<Option<&str>> {
        let i = r.usize()?;
        let i = if optional {
            match i.checked_sub(1) {
                None => return Ok(None),
                Some(i) => i,
            }
        } else {
            i
        };
        match self.string_table().get(i) {
            Some(s) => Ok(Some(s)),
            None => Err(r.err(format!("string index {i} out of range"))),
        }
    }

    /// The names of node `i` (`i` < [`node_count`](Self::node_count)), without copying them.
    pub fn node_names(&self, i: usize) -> R<NodeNames<'_>> {
        let mut r = self.record(self.nodes_at, i)?;
        let id = self.string(&mut r, false)?.unwrap_or_default();
        let name = self.string(&mut r, false)?.unwrap_or_default();
        let t = r.u8()?;
        let etype = pick(&r, &self.vocab.etypes, t, "entity type")?;
        let qid = self.string(&mut r, true)?;
        let k = r.count(1)?;
        let mut aliases = Vec::with_capacity(k);
        for _ in 0..k {
            aliases.extend(self.string(&mut r, false)?);
        }
        Ok(NodeNames {
            id,
            name,
            etype,
            qid,
            aliases,
        })
    }

    /// The id of node `i`.
    pub fn node_id(&self, i: usize) -> R<&str> {
        let mut r = self.record(self.nodes_at, i)?;
        Ok(self.string(&mut r, false)?.unwrap_or_default())
    }

    /// The node whose id is exactly `id` (nodes are in id order).
    pub fn find_id(&self, id: &str) -> R<Option<usize>> {
        let (mut lo, mut hi) = (0, self.n);
        while lo < hi {
            let mid = lo + (hi - lo) / 2;
            match self.node_id(mid)?.cmp(id) {
                std::cmp::Ordering::Less => lo = mid + 1,
                std::cmp::Ordering::Greater => hi = mid,
                std::cmp::Ordering::Equal => return Ok(Some(mid)),
            }
        }
        Ok(None)
    }

    /// The links whose source is node `i`.
    pub fn out_links(&self, i: usize) -> Range<usize> {
        self.u32_at(self.out_at, i)..self.u32_at(self.out_at, i + 1)
    }

    /// The target of link `l`.
    pub fn target(&self, l: usize) -> usize {
        self.u32_at(self.targets_at, l)
    }

    /// The links whose target is node `i`, each with its source, in link order.
    pub fn in_links(&self, i: usize) -> impl Iterator<Item = (usize, usize)> + '_ {
        (self.u32_at(self.in_at, i)..self.u32_at(self.in_at, i + 1)).map(|k| {
            (
                self.u32_at(self.in_links_at, k),
                self.u32_at(self.in_sources_at, k),
            )
        })
    }

    /// The type, origin and count of link `l`.
    pub fn link_head(&self, l: usize) -> R<LinkHead> {
        self.link_reader(l).map(|(_, h)| h)
    }

    fn link_reader(&self, l: usize) -> R<(Reader<'_>, LinkHead)> {
        let mut r = self.record(self.links_at, l)?;
        r.varint()?;
        r.varint()?;
        let t = r.u8()?;
        let rtype = pick(&r, &self.vocab.rtypes, t, "relation type")?;
        let o = r.u8()?;
        let origin = pick(&r, &self.vocab.origins, o, "origin")?;
        let count = r.varint()?;
        Ok((
            r,
            LinkHead {
                rtype,
                origin,
                count,
            },
        ))
    }

    /// The dates of link `l`'s evidence items, appended to `dates`.
    pub fn link_dates(&self, l: usize, dates: &mut Vec<Option<Date>>) -> R<()> {
        let (mut r, _) = self.link_reader(l)?;
        r.f32()?;
        for _ in 0..r.count(1)? {
            self.string(&mut r, false)?;
        }
        evidence_dates(&mut r, &self.string_table(), dates)
    }

    /// The graph of the nodes given (positions, ascending), without links.
    pub fn node_graph(&self, nodes: &[usize]) -> Result<KnowledgeGraph, Error> {
        let data = self.decode_nodes(nodes)?;
        KnowledgeGraph::from_parts(self.documents, data, std::iter::empty(), &self.name)
    }

    fn decode_nodes(&self, nodes: &[usize]) -> R<Vec<crate::graph::NodeData>> {
        let table = self.string_table();
        nodes
            .iter()
            .map(|&i| node(&mut self.record(self.nodes_at, i)?, &table, &self.vocab))
            .collect()
    }

    /// The graph of the nodes and links given (positions, ascending; every link's ends among
    /// the nodes), with its evidence left in the file: the relative order of nodes and of
    /// links is the file's, so a query on it gives what it gives on the whole graph if the
    /// part holds everything the query looks at.
    pub fn subgraph(
        self,
        nodes: &[usize],
        links: &[usize],
    ) -> Result<(KnowledgeGraph, LazyEvidence), Error> {
        debug_assert!(nodes.windows(2).all(|w| w[0] < w[1]));
        debug_assert!(links.windows(2).all(|w| w[0] < w[1]));
        let table = self.string_table();
        let data = self.decode_nodes(nodes)?;
        let mut parts = LazyParts {
            offsets: Vec::with_capacity(links.len()),
            // Most links have a few evidence items.
            dates: Vec::with_capacity(links.len() * 2),
            date_ends: Vec::with_capacity(links.len()),
        };
        let local = |r: &Reader, i: usize| {
            nodes
                .binary_search(&i)
                .map_err(|_| r.err(format!("link end {i} is not in the part read")))
        };
        let edges = links.iter().map(|&l| {
            let mut r = self.record(self.links_at, l)?;
            let (s, t, d) = edge(&mut r, &table, &self.vocab, Some(&mut parts))?;
            Ok((local(&r, s)?, local(&r, t)?, d))
        });
        let kg = KnowledgeGraph::from_parts(self.documents, data, edges, &self.name)?;
        let lazy = LazyEvidence {
            version: self.version,
            strings: StringIndex::Mapped(self.strings),
            whole: false,
            offsets: parts.offsets,
            dates: parts.dates,
            date_ends: parts.date_ends,
            name: self.name,
            bytes: self.bytes,
        };
        Ok((kg, lazy))
    }
}

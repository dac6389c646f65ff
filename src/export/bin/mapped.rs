//! The index of a version 5 binary graph file, and the file read through it ([`MappedGraph`]):
//! mapped into memory, not decoded, so that a query reads only the records it needs (a node's
//! neighbourhood, the edges between two nodes) rather than the whole graph.
//!
//! The index follows the last link. Its tables have fixed-width little-endian entries, so that
//! entry `i` is found without reading the others:
//!
//! ```text
//! "RGINDEX\0", width W (u8: 4 or 8, the bytes of a file position), 7 zero bytes
//! node count n, link count m, string count s, name count k (u64 each)
//! string positions  s × W   where string i's length starts (the string table)
//! node positions    n × W   where node i's record starts
//! link positions    m × W   where link i's record starts
//! link targets      m × u32 the target of link i (its source: the out-starts below)
//! out starts    (n + 1) × u32  links of source i: out_starts[i] .. out_starts[i + 1]
//!                              (links are in source order)
//! in starts     (n + 1) × u32  entries of target i in the two tables below
//! in links          m × u32 links by target, then link order
//! in sources        m × u32 the source of each of them
//! names             k × (u32 string, u32 node): every node's id, name, QID and aliases,
//!                   sorted by the lowercase form of the string (`char::to_lowercase`), then
//!                   by node: the nodes a name matches ignoring case are found by binary search
//! trailer: block checksums b × u32 (CRC-32 of each 64 KiB of the file before them, the last
//!          block shorter), block count b (u64), the index's offset (u64), CRC-32 of the
//!          trailer before it (u32)
//! ```
//!
//! W is 4 when every record lies in the first 4 GiB of the file, else 8.
//!
//! A query reads only the bytes it needs, and checks only those: the block checksums let it
//! verify each 64 KiB block the first time it reads from it (the file's header, the index's
//! header and the link tables traversals use on opening; the blocks of a record, a string or
//! a position when it is read), so that its answer depends on no byte that was not checked,
//! at a cost that does not grow with the file. Opening a file also checks every entry of the
//! link tables (starts, targets, sources) against the counts, so that traversals cannot go out
//! of bounds; positions and names are checked when read, like every record of the file.

use super::{
    DAMAGED, FileBytes, INDEX_MAGIC, LazyEvidence, LazyParts, MAGIC, R, Reader, StringIndex, Table,
    VERSION, Vocab, damaged, edge, evidence_dates, header, node, pick,
};
use crate::error::Error;
use crate::gazetteer::Date;
use crate::graph::KnowledgeGraph;
use crate::types::{EntityType, Origin, RelationType};
use std::cell::Cell;
use std::io;
use std::ops::Range;
use std::path::Path;

/// Bytes of the index header: magic, width and padding, four counts.
const HEADER: usize = 8 + 8 + 4 * 8;

/// The lowercase form of a string, as names are compared (`query::names`).
fn folded(s: &str) -> impl Iterator<Item = char> + '_ {
    s.chars().flat_map(char::to_lowercase)
}

/// Builds the index of a file whose records end (and whose index starts) at `start`:
/// `strings`, `nodes` and `links` are the positions of the records, `ends` the (source,
/// target) node positions of each link, in link order (sorted by source).
pub(super) fn index(
    start: u64,
    string_list: &[&str],
    strings: &[u64],
    names: &[(u64, u64)],
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
    // Sorted by folded string, then node; fields of one node that fold alike once.
    let mut names: Vec<(String, u64, u64)> = names
        .iter()
        .map(|&(s, node)| (folded(string_list[s as usize]).collect(), node, s))
        .collect();
    names.sort_unstable();
    names.dedup_by(|a, b| a.0 == b.0 && a.1 == b.1);
    let k = names.len();
    let size = HEADER + (strings.len() + n + m) * width + (3 * m + 2 * (n + 1) + 2 * k) * 4;
    let mut out = Vec::with_capacity(size);
    out.extend_from_slice(INDEX_MAGIC);
    out.push(width as u8);
    out.extend_from_slice(&[0; 7]);
    for c in [n, m, strings.len(), k] {
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
    u32s(&mut names.iter().flat_map(|&(_, node, s)| [s, node]));
    debug_assert_eq!(out.len(), size);
    Ok(out)
}

/// Bytes a block checksum covers.
pub(super) const BLOCK: usize = 1 << 16;

/// The trailer after the index: a CRC-32 of each [`BLOCK`] bytes of `parts` (the file up to
/// here; the last block shorter), the block count (u64), the index's offset (u64), and a
/// CRC-32 of the trailer before it.
pub(super) fn trailer(parts: &[&[u8]], index_at: u64) -> Vec<u8> {
    let mut out = Vec::new();
    let (mut crc, mut filled, mut blocks) = (crc32fast::Hasher::new(), 0, 0u64);
    for part in parts {
        let mut rest: &[u8] = part;
        while !rest.is_empty() {
            let take = rest.len().min(BLOCK - filled);
            crc.update(&rest[..take]);
            filled += take;
            rest = &rest[take..];
            if filled == BLOCK {
                out.extend_from_slice(&std::mem::take(&mut crc).finalize().to_le_bytes());
                filled = 0;
                blocks += 1;
            }
        }
    }
    if filled > 0 {
        out.extend_from_slice(&crc.finalize().to_le_bytes());
        blocks += 1;
    }
    out.extend_from_slice(&blocks.to_le_bytes());
    out.extend_from_slice(&index_at.to_le_bytes());
    let own = crc32fast::hash(&out);
    out.extend_from_slice(&own.to_le_bytes());
    out
}

/// What a missing or damaged index or trailer means.
const NO_INDEX: &str = "the index is missing or damaged (rebuild the graph)";

/// Where the block checksums start, and the index's offset, of `body` (a version 5 file
/// without its file checksum); the trailer's own checksum is checked.
fn read_trailer(body: &[u8]) -> Result<(usize, usize), String> {
    let bad = || NO_INDEX.to_string();
    let len = body.len();
    let fixed = len.checked_sub(20).ok_or_else(bad)?;
    let u64_at = |at: usize| u64::from_le_bytes(body[at..at + 8].try_into().expect("8 bytes"));
    let blocks = usize::try_from(u64_at(fixed)).map_err(|_| bad())?;
    let index_at = usize::try_from(u64_at(fixed + 8)).map_err(|_| bad())?;
    let crcs_at = blocks
        .checked_mul(4)
        .and_then(|b| fixed.checked_sub(b))
        .ok_or_else(bad)?;
    let own = u32::from_le_bytes(body[len - 4..].try_into().expect("4 bytes"));
    if crc32fast::hash(&body[crcs_at..len - 4]) != own
        || blocks != crcs_at.div_ceil(BLOCK)
        || index_at.checked_add(HEADER).is_none_or(|e| e > crcs_at)
    {
        return Err(bad());
    }
    Ok((crcs_at, index_at))
}

/// Where the index starts in `body` (a version 5 file without its checksum).
pub(super) fn index_start(body: &[u8]) -> Result<usize, String> {
    let (_, start) = read_trailer(body)?;
    if &body[start..start + INDEX_MAGIC.len()] != INDEX_MAGIC {
        return Err(NO_INDEX.into());
    }
    Ok(start)
}

/// The block checksums of a file, and which blocks were verified.
pub(super) struct Blocks {
    /// Where the checksums start: the end of the bytes they cover.
    crcs_at: usize,
    /// One bit per block.
    verified: Vec<Cell<u64>>,
}

impl Blocks {
    fn new(crcs_at: usize) -> Blocks {
        Blocks {
            crcs_at,
            verified: vec![Cell::new(0); crcs_at.div_ceil(BLOCK).div_ceil(64)],
        }
    }

    /// Whether the blocks holding `range` of `bytes` match their checksums (each block is
    /// hashed once, the first time).
    fn check(&self, bytes: &[u8], range: Range<usize>) -> bool {
        if range.end > self.crcs_at {
            return false;
        }
        if range.is_empty() {
            return true;
        }
        for b in range.start / BLOCK..=(range.end - 1) / BLOCK {
            let (word, bit) = (&self.verified[b / 64], 1u64 << (b % 64));
            if word.get() & bit != 0 {
                continue;
            }
            let lo = b * BLOCK;
            let hi = (lo + BLOCK).min(self.crcs_at);
            let at = self.crcs_at + 4 * b;
            let want = u32::from_le_bytes(bytes[at..at + 4].try_into().expect("4 bytes"));
            if crc32fast::hash(&bytes[lo..hi]) != want {
                return false;
            }
            word.set(word.get() | bit);
        }
        true
    }
}

/// Where the string table's positions are in a file's index, and the file's checksums.
pub(super) struct StringPositions {
    at: usize,
    count: usize,
    width: usize,
    blocks: Blocks,
}

impl StringPositions {
    pub(super) fn table<'a>(&'a self, bytes: &'a [u8]) -> MappedStrings<'a> {
        MappedStrings { bytes, p: self }
    }
}

/// The strings of a mapped file, found through the index.
pub(super) struct MappedStrings<'a> {
    bytes: &'a [u8],
    p: &'a StringPositions,
}

impl<'a> MappedStrings<'a> {
    /// String `i`, its bytes checked (`None`: out of range, damaged or not UTF-8).
    fn get(&self, i: usize) -> Option<&'a str> {
        if i >= self.p.count {
            return None;
        }
        let pos = read_position(
            self.bytes,
            &self.p.blocks,
            self.p.at + i * self.p.width,
            self.p.width,
        )?;
        let mut r = Reader {
            bytes: self.bytes,
            pos,
            name: "",
            version: VERSION,
        };
        let s = r.str().ok()?;
        self.p.blocks.check(self.bytes, pos..r.pos).then_some(s)
    }
}

impl Table for MappedStrings<'_> {
    fn at(&self, i: usize) -> Option<&str> {
        self.get(i)
    }

    fn len(&self) -> usize {
        self.p.count
    }

    fn missing(&self, i: usize) -> String {
        if i < self.p.count {
            format!("string {i}: {DAMAGED}")
        } else {
            format!("string index {i} out of range")
        }
    }
}

/// The file position stored at `at`, its bytes checked.
fn read_position(bytes: &[u8], blocks: &Blocks, at: usize, width: usize) -> Option<usize> {
    let b = bytes.get(at..at + width)?;
    if !blocks.check(bytes, at..at + width) {
        return None;
    }
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
    /// The string positions and the block checksums.
    strings: StringPositions,
    nodes_at: usize,
    links_at: usize,
    targets_at: usize,
    out_at: usize,
    in_at: usize,
    in_links_at: usize,
    in_sources_at: usize,
    names_at: usize,
    /// Entries of the name table.
    k: usize,
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
        let bad = |what: &str| Error::Input {
            path: name.clone(),
            line: None,
            message: format!("binary graph file: the index is damaged ({what}): rebuild the graph"),
        };
        // Everything but the file checksum, which would mean reading every byte.
        let Some(body) = bytes.len().checked_sub(4).map(|n| &bytes[..n]) else {
            return Err(damaged(&name));
        };
        let (crcs_at, start) = read_trailer(body).map_err(|_| damaged(&name))?;
        let blocks = Blocks::new(crcs_at);
        // The header is checked before it is read (it is far shorter than a block; the rest
        // of it, if any, after).
        if !blocks.check(body, 0..BLOCK.min(start)) {
            return Err(damaged(&name));
        }
        let mut r = Reader {
            bytes: &body[..start],
            pos: 16,
            name: &name,
            version: VERSION,
        };
        let (documents, vocab) = header(&mut r)?;
        if !blocks.check(body, 0..r.pos) || !blocks.check(body, start..start + HEADER) {
            return Err(damaged(&name));
        }
        let u64_at = |at: usize| u64::from_le_bytes(body[at..at + 8].try_into().expect("8 bytes"));
        let width = body[start + 8] as usize;
        if width != 4 && width != 8 {
            return Err(bad("position width"));
        }
        let count = |at: usize| {
            usize::try_from(u64_at(at))
                .ok()
                .filter(|&c| c < u32::MAX as usize)
        };
        let (Some(n), Some(m), Some(s), Some(k)) = (
            count(start + 16),
            count(start + 24),
            usize::try_from(u64_at(start + 32)).ok(),
            count(start + 40),
        ) else {
            return Err(bad("counts"));
        };
        // The tables must fill the index exactly.
        let strings_at = start + HEADER;
        let size = s
            .checked_add(n)
            .and_then(|x| x.checked_add(m))
            .and_then(|x| x.checked_mul(width))
            .and_then(|x| x.checked_add((3 * m + 2 * (n + 1) + 2 * k) * 4));
        if size.is_none_or(|size| strings_at.checked_add(size) != Some(crcs_at)) {
            return Err(bad("table sizes"));
        }
        let nodes_at = strings_at + s * width;
        let links_at = nodes_at + n * width;
        let targets_at = links_at + m * width;
        let out_at = targets_at + m * 4;
        let in_at = out_at + (n + 1) * 4;
        let in_links_at = in_at + (n + 1) * 4;
        let in_sources_at = in_links_at + m * 4;
        let names_at = in_sources_at + m * 4;
        // The link tables, which traversals read without checks: verified and checked whole.
        if !blocks.check(body, targets_at..names_at) {
            return Err(damaged(&name));
        }
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
        let version = r.version;
        Ok(MappedGraph {
            version,
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
                blocks,
            },
            nodes_at,
            links_at,
            targets_at,
            out_at,
            in_at,
            in_links_at,
            in_sources_at,
            names_at,
            k,
            name,
            bytes,
        })
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

    /// Entry `i` of a link table (verified on opening).
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

    fn damaged(&self) -> Error {
        damaged(&self.name)
    }

    /// Decodes record `i` of a position table with `f`, then checks the bytes it read.
    fn decode<'s, T>(
        &'s self,
        table: usize,
        i: usize,
        f: impl FnOnce(&mut Reader<'s>) -> R<T>,
    ) -> R<T> {
        let blocks = &self.strings.blocks;
        let pos = match read_position(&self.bytes, blocks, table + i * self.width, self.width) {
            Some(pos) if pos < self.records_end => pos,
            Some(_) => {
                return Err(self
                    .reader(0)
                    .err(format!("record position {i} out of range")));
            }
            None => return Err(self.damaged()),
        };
        let mut r = self.reader(pos);
        let out = f(&mut r);
        if !blocks.check(&self.bytes, pos..r.pos.max(pos + 1)) {
            return Err(self.damaged());
        }
        out
    }

    fn string_table(&self) -> MappedStrings<'_> {
        self.strings.table(&self.bytes)
    }

    fn string<'s>(&'s self, r: &mut Reader, optional: bool) -> R<Option<&'s str>> {
        let i = r.usize()?;
        let i = if optional {
            match i.checked_sub(1) {
                None => return Ok(None),
                Some(i) => i,
            }
        } else {
            i
        };
        let table = self.string_table();
        match table.get(i) {
            Some(s) => Ok(Some(s)),
            None => Err(r.err(table.missing(i))),
        }
    }

    /// The names of node `i` (`i` < [`node_count`](Self::node_count)), without copying them.
    pub fn node_names(&self, i: usize) -> R<NodeNames<'_>> {
        self.decode(self.nodes_at, i, |r| {
            let id = self.string(r, false)?.unwrap_or_default();
            let name = self.string(r, false)?.unwrap_or_default();
            let t = r.u8()?;
            let etype = pick(r, &self.vocab.etypes, t, "entity type")?;
            let qid = self.string(r, true)?;
            let k = r.count(1)?;
            let mut aliases = Vec::with_capacity(k);
            for _ in 0..k {
                aliases.extend(self.string(r, false)?);
            }
            Ok(NodeNames {
                id,
                name,
                etype,
                qid,
                aliases,
            })
        })
    }

    /// The entity type of node `i`.
    pub fn node_type(&self, i: usize) -> R<EntityType> {
        self.decode(self.nodes_at, i, |r| {
            r.varint()?;
            r.varint()?;
            let t = r.u8()?;
            pick(r, &self.vocab.etypes, t, "entity type")
        })
    }

    /// The id of node `i`.
    pub fn node_id(&self, i: usize) -> R<&str> {
        self.decode(self.nodes_at, i, |r| {
            Ok(self.string(r, false)?.unwrap_or_default())
        })
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

    /// The nodes with an id, name, QID or alias equal to `query` ignoring case (as
    /// `query::names` compares them), ascending.
    pub fn nodes_named(&self, query: &str) -> R<Vec<usize>> {
        let table = self.string_table();
        let entry = |j: usize| -> R<(&str, usize)> {
            let at = self.names_at + 8 * j;
            if !self.strings.blocks.check(&self.bytes, at..at + 8) {
                return Err(self.damaged());
            }
            let (s, node) = (self.u32_at(at, 0), self.u32_at(at, 1));
            match table.get(s) {
                Some(text) if node < self.n => Ok((text, node)),
                _ => Err(self
                    .reader(0)
                    .err(format!("name table entry {j}: {}", table.missing(s)))),
            }
        };
        let key: String = folded(query).collect();
        // The first entry not below the key, then the run of entries equal to it.
        let (mut lo, mut hi) = (0, self.k);
        while lo < hi {
            let mid = lo + (hi - lo) / 2;
            if folded(entry(mid)?.0).lt(key.chars()) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        let mut found = Vec::new();
        for j in lo..self.k {
            let (text, node) = entry(j)?;
            if !folded(text).eq(key.chars()) {
                break;
            }
            found.push(node);
        }
        found.sort_unstable();
        found.dedup();
        Ok(found)
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
        self.decode(self.links_at, l, |r| self.head(r))
    }

    fn head(&self, r: &mut Reader) -> R<LinkHead> {
        r.varint()?;
        r.varint()?;
        let t = r.u8()?;
        let rtype = pick(r, &self.vocab.rtypes, t, "relation type")?;
        let o = r.u8()?;
        let origin = pick(r, &self.vocab.origins, o, "origin")?;
        let count = r.varint()?;
        Ok(LinkHead {
            rtype,
            origin,
            count,
        })
    }

    /// The dates of link `l`'s evidence items, appended to `dates`.
    pub fn link_dates(&self, l: usize, dates: &mut Vec<Option<Date>>) -> R<()> {
        self.decode(self.links_at, l, |r| {
            self.head(r)?;
            r.f32()?;
            for _ in 0..r.count(1)? {
                self.string(r, false)?;
            }
            evidence_dates(r, &self.string_table(), dates)
        })
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
            .map(|&i| self.decode(self.nodes_at, i, |r| node(r, &table, &self.vocab)))
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
        let local = |i: usize| {
            nodes.binary_search(&i).map_err(|_| {
                self.reader(0)
                    .err(format!("link end {i} is not in the part read"))
            })
        };
        let edges = links.iter().map(|&l| {
            let (s, t, d) = self.decode(self.links_at, l, |r| {
                edge(r, &table, &self.vocab, Some(&mut parts))
            })?;
            Ok((local(s)?, local(t)?, d))
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::types::RelationType;

    /// A graph of a few checksum blocks: 3,000 people in a chain.
    fn bytes() -> Vec<u8> {
        let ids: Vec<(String, String)> = (0..3000)
            .map(|i| {
                (
                    format!("person:p{i:04}"),
                    format!("Person number {i} of the chain"),
                )
            })
            .collect();
        let nodes: Vec<(&str, &str, &[&str])> = ids
            .iter()
            .map(|(id, name)| (id.as_str(), name.as_str(), &[][..]))
            .collect();
        let links: Vec<(&str, &str, RelationType, u64)> = ids
            .windows(2)
            .map(|w| (w[0].0.as_str(), w[1].0.as_str(), RelationType::MetWith, 1))
            .collect();
        let kg = crate::query::test_graph(&nodes, &links);
        let mut out = Vec::new();
        super::super::write(&kg, &mut out).unwrap();
        assert!(out.len() > 3 * BLOCK, "{}", out.len());
        out
    }

    #[test]
    fn reads_through_the_index() {
        let m = MappedGraph::from_vec(bytes(), "g.bin").unwrap();
        assert_eq!((m.node_count(), m.link_count()), (3000, 2999));
        assert_eq!(m.find_id("person:p0042").unwrap(), Some(42));
        assert_eq!(m.find_id("person:p9999").unwrap(), None);
        assert_eq!(
            m.node_names(42).unwrap().name,
            "Person number 42 of the chain"
        );
        assert_eq!(
            m.nodes_named("PERSON NUMBER 42 of the CHAIN").unwrap(),
            [42]
        );
        assert_eq!(
            m.nodes_named("Person number 42").unwrap(),
            Vec::<usize>::new()
        );
        assert_eq!(
            m.out_links(42).map(|l| m.target(l)).collect::<Vec<_>>(),
            [43]
        );
        assert_eq!(m.in_links(42).collect::<Vec<_>>(), [(41, 41)]);
        let h = m.link_head(41).unwrap();
        assert_eq!((h.rtype, h.count), (RelationType::MetWith, 1));
    }

    #[test]
    fn blocks_are_checked_when_read() {
        let good = bytes();
        let m = MappedGraph::from_vec(good.clone(), "g.bin").unwrap();
        let find = |text: &str| {
            good.windows(text.len())
                .position(|w| w == text.as_bytes())
                .unwrap()
        };
        // Strings come first, node records after them.
        let (first, middle, records) = (
            find("Person number 0 of the chain"),
            find("Person number 1500 of the chain"),
            m.records_end - 1,
        );
        assert!(first / BLOCK < middle / BLOCK && middle / BLOCK < records / BLOCK);
        // A flipped bit in a name in the middle: that node is an error, the first reads.
        let mut bad = good.clone();
        bad[middle + 3] ^= 4;
        let m = MappedGraph::from_vec(bad, "g.bin").unwrap();
        assert_eq!(
            m.node_names(0).unwrap().name,
            "Person number 0 of the chain"
        );
        let e = m.node_names(1500).unwrap_err().to_string();
        assert!(
            e.contains("g.bin") && e.contains("checksum mismatch"),
            "{e}"
        );
        // A damaged trailer or link table fails on opening.
        for at in [good.len() - 6, m.targets_at + 4] {
            let mut bad = good.clone();
            bad[at] ^= 1;
            let e = MappedGraph::from_vec(bad, "g.bin")
                .err()
                .unwrap()
                .to_string();
            assert!(e.contains("checksum mismatch"), "{e}");
        }
    }
}

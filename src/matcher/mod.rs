//! Gazetteer matching with a trie of the folded surfaces walked only where a name can begin.
//!
//! # Policy
//! * The trie ([`trie`]) holds every folded surface (see [`crate::text::normalize`]); it is walked
//!   **anchored** from word starts only: a position whose character is alphanumeric and whose
//!   previous character is not. Word starts whose original character is lower case are skipped
//!   unless some surface itself begins in lower case there (`the Kremlin`), and so are words that
//!   begin no surface: a Bloom filter of the surfaces' first words is checked before the walk, so
//!   most capitalised words cost one hash and never touch the (large, cache-unfriendly) trie.
//!   Lower-case text is not even walked word by word: the scan jumps, eight bytes at a time, to
//!   the next capital, digit or non-ASCII byte, and visits the few words before it that can begin
//!   a surface written in lower case (`the` of `the Kremlin`); surfaces with no capital at all
//!   (`dpa`) are found in advance with a small Aho-Corasick automaton of their own.
//! * **Token boundaries**: a match whose last character is alphanumeric must be followed by a
//!   non-alphanumeric character (or the end), so `Korea` never matches inside `Koreans`, while
//!   possessives (`Kim's`), brackets (`[North Korea]`) and hyphenated compounds
//!   (`Russia-North Korea ties`) keep their names.
//! * **Case**: every candidate surface is checked against the original text with its
//!   [`CasePolicy`]; a match is kept if at least one candidate passes.
//! * **Overlaps**: leftmost-longest. Scanning left to right, at each word start the longest
//!   match that passes the boundary and case checks wins and the scan resumes after it; matches
//!   never overlap and a shorter match inside a longer one is dropped (`Russian Security Council`
//!   hides `Russian`).

pub mod trie;

use crate::gazetteer::{CasePolicy, Gazetteer, Surface};
use crate::text::normalize::{Folded, fold_punct};
use crate::text::scan::alnum_end;
use crate::text::wordtable::{WordTable, hash};
use std::ops::Range;
use trie::Trie;

/// Index of a surface in [`Gazetteer::surfaces`].
pub type SurfaceIdx = u32;

/// A match: folded and original byte spans and the candidate surfaces that passed the case check.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RawMatch {
    pub folded: Range<usize>,
    pub original: Range<usize>,
    /// Range into the candidate buffer filled by [`Matcher::find`].
    pub cands: Range<usize>,
}

/// The compiled matcher for one gazetteer.
pub struct Matcher {
    /// The distinct folded surfaces (patterns), sorted; a pattern's id is its index.
    trie: Trie,
    /// Per pattern: range into `cands`.
    pattern_cands: Vec<Range<u32>>,
    cands: Vec<SurfaceIdx>,
    /// Folded first bytes of surfaces written with a lower-case first letter.
    lower_starts: [bool; 256],
    /// Folded first words of those surfaces (`the` of `the Kremlin`, `dpa`): a word written in
    /// lower case is looked up only if it is one of them.
    lower_firsts: WordTable<()>,
    /// The patterns' first words, with the state they lead to.
    first_words: WordTable<FirstHit>,
    /// The most words a surface written with a lower-case first letter has before its first
    /// word with a capital letter or a digit (`the Kremlin`: 1): how far back from a capital a
    /// name can begin (see [`Matcher::skip`]).
    lower_span: usize,
    /// First words of the surfaces written in lower case throughout (`dpa`), which no capital
    /// announces: found in the folded text before the scan.
    all_lower: Option<aho_corasick::AhoCorasick>,
}

/// No pattern.
const NO_PATTERN: u32 = u32::MAX;

/// What the first-word table knows of a word.
#[derive(Clone, Copy, Default)]
struct FirstHit {
    /// Trie state after the word.
    state: trie::State,
    /// Id of the pattern that is the word alone, or [`NO_PATTERN`].
    whole: u32,
    /// Whether some pattern goes on after the word.
    continues: bool,
}

/// Scans the alphanumeric run at `i` of `s`: its byte length and the hash of its bytes.
#[inline]
fn scan_word(s: &str, i: usize) -> (usize, u64) {
    let end = alnum_end(s, i);
    (end - i, hash(&s.as_bytes()[i..end]))
}

/// Scratch buffers reused across documents.
#[derive(Default)]
pub struct MatchBuf {
    pub matches: Vec<RawMatch>,
    pub cands: Vec<SurfaceIdx>,
    /// Folded word starts where a lower-case-only surface's first word occurs, in order.
    lower_hits: Vec<u32>,
}

/// Whether `c`, in a surface, can only be written with a byte that [`Matcher::skip`] stops at
/// (an ASCII capital or digit, or a byte of a non-ASCII character): the case policies let a
/// character be written as itself or as its capital, never in lower-case ASCII.
fn marks_capital(c: char) -> bool {
    c.is_ascii_uppercase()
        || c.is_ascii_digit()
        || (!c.is_ascii() && c.is_alphanumeric() && c.to_uppercase().all(|u| !u.is_ascii()))
}

/// For a surface written with a lower-case first letter: the index of its first folded word
/// (alphanumeric run) holding a character that [`marks_capital`], or `None` if it has none.
fn words_before_capital(text: &str) -> Option<usize> {
    let (at, _) = text.char_indices().find(|&(_, c)| marks_capital(c))?;
    let prefix = crate::text::normalize::fold_str(&text[..at]);
    let mut runs = 0;
    let mut in_run = false;
    for c in prefix.chars() {
        let alnum = c.is_alphanumeric();
        if alnum && !in_run {
            runs += 1;
        }
        in_run = alnum;
    }
    // The marking character continues the prefix's last run, or starts a new one.
    let continues = text[..at]
        .chars()
        .next_back()
        .is_some_and(char::is_alphanumeric);
    Some(if continues { runs - 1 } else { runs })
}

#[inline]
fn char_at(s: &str, i: usize) -> Option<char> {
    s[i..].chars().next()
}

#[inline]
fn char_before(s: &str, i: usize) -> Option<char> {
    s[..i].chars().next_back()
}

/// Whether the original text `orig` spells `surface` under `policy` (typographic punctuation and
/// white-space runs are equivalent to their ASCII forms).
pub fn case_ok(orig: &str, surface: &str, policy: CasePolicy) -> bool {
    if orig.is_ascii() && surface.is_ascii() {
        // `fold_punct` on ASCII: white space to a space, the backtick to an apostrophe.
        let fold = |b: u8| match b {
            b'`' => '\'',
            0x09..=0x0D => ' ',
            b => char::from(b),
        };
        case_ok_chars(orig.bytes().map(fold), surface.bytes().map(fold), policy)
    } else {
        case_ok_chars(
            orig.chars().filter_map(fold_punct),
            surface.chars().filter_map(fold_punct),
            policy,
        )
    }
}

/// [`case_ok`] over the folded characters of the original text and of the surface.
#[inline]
fn case_ok_chars(
    a: impl Iterator<Item = char>,
    mut b: impl Iterator<Item = char>,
    policy: CasePolicy,
) -> bool {
    let mut a = a.peekable();
    let mut exact = true;
    let mut first_cap = true;
    let mut all_caps = true;
    let mut first = true;
    loop {
        let (ca, cb) = match (a.next(), b.next()) {
            (None, None) => break,
            (Some(x), Some(y)) => (x, y),
            _ => return false,
        };
        if ca == ' ' {
            while a.peek() == Some(&' ') {
                a.next();
            }
        }
        if ca != cb {
            exact = false;
            let upper = single_upper(cb) == Some(ca);
            if !(first && upper) {
                first_cap = false;
            }
            if !upper {
                all_caps = false;
            }
        } else if ca.is_lowercase() {
            all_caps = false;
        }
        first = false;
        if !(exact || first_cap || all_caps) {
            return false;
        }
    }
    match policy {
        CasePolicy::Exact => exact,
        CasePolicy::Cased => exact || first_cap || all_caps,
    }
}

#[inline]
fn single_upper(c: char) -> Option<char> {
    let mut u = c.to_uppercase();
    let first = u.next()?;
    if u.next().is_some() {
        None
    } else {
        Some(first)
    }
}

impl Matcher {
    /// Compiles the matcher over every surface of `g` (a few milliseconds: see [`trie`]).
    pub fn new(g: &Gazetteer) -> Matcher {
        let mut lower_starts = [false; 256];
        let mut lower_firsts: Vec<(&[u8], ())> = Vec::new();
        let mut lower_span = 0;
        let mut all_lower: Vec<&str> = Vec::new();
        // (first bytes, folded, surface): sorted, surfaces with the same folded text are
        // adjacent. The first eight bytes, big-endian in a machine word, settle most comparisons
        // without reading the strings (a third of the sort's time otherwise).
        let mut keyed: Vec<(u64, &str, SurfaceIdx)> = Vec::with_capacity(g.surfaces().len());
        for (i, s) in g.surfaces().iter().enumerate() {
            let mut head = [0u8; 8];
            let n = s.folded.len().min(8);
            head[..n].copy_from_slice(&s.folded.as_bytes()[..n]);
            keyed.push((u64::from_be_bytes(head), &s.folded, i as SurfaceIdx));
            if s.text.chars().next().is_some_and(char::is_lowercase) {
                let first = &s.folded[..alnum_end(&s.folded, 0)];
                lower_starts[s.folded.as_bytes()[0] as usize] = true;
                lower_firsts.push((first.as_bytes(), ()));
                match words_before_capital(&s.text) {
                    Some(k) => lower_span = lower_span.max(k),
                    None => all_lower.push(first),
                }
            }
        }
        keyed.sort_unstable();
        // Distinct patterns with their candidate surfaces.
        let mut patterns: Vec<&str> = Vec::new();
        let mut pattern_cands = Vec::new();
        let mut cands = Vec::with_capacity(keyed.len());
        for &(_, folded, si) in &keyed {
            if patterns.last() != Some(&folded) {
                if let Some(r) = pattern_cands.last_mut() {
                    let r: &mut Range<u32> = r;
                    r.end = cands.len() as u32;
                }
                patterns.push(folded);
                pattern_cands.push(cands.len() as u32..0);
            }
            cands.push(si);
        }
        if let Some(r) = pattern_cands.last_mut() {
            r.end = cands.len() as u32;
        }
        let trie = Trie::new(&patterns);
        // The first words, each with the state it leads to, whether it is a pattern itself and
        // whether a pattern goes on after it (`korea` of `korea strait`; not `korean`, whose
        // first word is another).
        let mut first_words: Vec<(&str, bool)> = Vec::new();
        for p in &patterns {
            let end = alnum_end(p, 0);
            let (w, continues) = (&p[..end], end < p.len());
            match first_words.last_mut() {
                // A first word's patterns are mostly adjacent: merge them on the way.
                Some(last) if last.0 == w => last.1 |= continues,
                _ => first_words.push((w, continues)),
            }
        }
        // Apart only where a byte that is not part of a word sorts after letters (`a~b` between
        // `a` and `ab`): sort and merge again.
        first_words.sort_unstable();
        first_words.dedup_by(|later, earlier| {
            // Sorted: `(w, false)` before `(w, true)`.
            later.0 == earlier.0 && {
                earlier.1 |= later.1;
                true
            }
        });
        let firsts = first_words.into_iter().map(|(w, continues)| {
            let state = trie
                .walk(trie.root(), w.as_bytes())
                .expect("a first word is a prefix of a pattern");
            let hit = FirstHit {
                state,
                whole: trie.value(state).unwrap_or(NO_PATTERN),
                continues,
            };
            (w.as_bytes(), hit)
        });
        Matcher {
            first_words: WordTable::new(firsts),
            trie,
            pattern_cands,
            cands,
            lower_starts,
            lower_firsts: WordTable::new(lower_firsts.into_iter()),
            lower_span,
            all_lower: (!all_lower.is_empty()).then(|| {
                all_lower.sort_unstable();
                all_lower.dedup();
                aho_corasick::AhoCorasick::new(all_lower).expect("a few short words")
            }),
        }
    }

    /// Number of distinct folded patterns.
    pub fn pattern_count(&self) -> usize {
        self.pattern_cands.len()
    }

    /// Finds all matches in `folded` (the folded copy of `original`), leftmost-longest.
    pub fn find(&self, g: &Gazetteer, original: &str, folded: &Folded, buf: &mut MatchBuf) {
        self.find_with(g, original, folded, buf, true);
    }

    /// [`Matcher::find`]; `skip` jumps over text in which no name can begin (the result is
    /// the same without it, which the tests check).
    fn find_with(
        &self,
        g: &Gazetteer,
        original: &str,
        folded: &Folded,
        buf: &mut MatchBuf,
        skip: bool,
    ) {
        buf.matches.clear();
        buf.cands.clear();
        buf.lower_hits.clear();
        let text = folded.text.as_bytes();
        if let Some(ac) = self.all_lower.as_ref().filter(|_| skip) {
            for m in ac.find_overlapping_iter(&folded.text) {
                if !char_before(&folded.text, m.start()).is_some_and(char::is_alphanumeric) {
                    buf.lower_hits.push(m.start() as u32);
                }
            }
            buf.lower_hits.sort_unstable();
            buf.lower_hits.dedup();
        }
        let mut hit = 0;
        // `i` is always at the end of a word or at a character that is not part of one.
        let mut i = 0;
        while i < text.len() {
            if skip {
                i = self.skip(original, folded, i, &buf.lower_hits, &mut hit);
                if i >= text.len() {
                    break;
                }
            }
            let b = text[i];
            if b < 0x80 {
                if !b.is_ascii_alphanumeric() {
                    i += 1;
                    continue;
                }
            } else {
                let c = char_at(&folded.text, i).unwrap_or(' ');
                if !c.is_alphanumeric() {
                    i += c.len_utf8();
                    continue;
                }
            }
            // A word starts at `i`; unless a name begins here, skip the whole word. A word
            // written in lower case can only begin a surface written in lower case.
            let lower = {
                let o = folded.orig_offset(i);
                let ob = original.as_bytes()[o];
                if ob < 0x80 {
                    ob.is_ascii_lowercase()
                } else {
                    char_at(original, o).is_some_and(char::is_lowercase)
                }
            };
            if lower && !self.lower_starts[b as usize] {
                i = alnum_end(&folded.text, i);
                continue;
            }
            let (wlen, h) = scan_word(&folded.text, i);
            if lower && self.lower_firsts.get(&text[i..i + wlen], h).is_none() {
                i += wlen;
                continue;
            }
            let first = self.first_words.get(&text[i..i + wlen], h);
            let found = match first {
                // The word alone is the only pattern it begins: no trie walk needed.
                Some(hit) if !hit.continues => (hit.whole != NO_PATTERN
                    && self.accept(g, original, folded, i, i + wlen, hit.whole as usize, buf))
                .then_some(i + wlen),
                Some(hit) => self.longest_at(g, original, folded, i, wlen, hit.state, buf),
                None => None,
            };
            if let Some(end) = found {
                // Resume after the match, at the end of the word it ends in.
                i = if char_before(&folded.text, end).is_some_and(char::is_alphanumeric) {
                    alnum_end(&folded.text, end)
                } else {
                    end
                };
                continue;
            }
            i += wlen;
        }
    }

    /// Where the scan of [`Matcher::find_with`] can go on from folded offset `i` (at the end of
    /// a word or at a character that is not part of one) without passing a word where a name
    /// can begin: a word written with a capital, a digit or a non-ASCII character, one of the
    /// [`Matcher::lower_span`] words before such a word (`the` of `the Kremlin`), or a word in
    /// `lower_hits` (from `*hit` on). The original text is scanned eight bytes at a time for the
    /// next ASCII capital, digit or non-ASCII byte; everything before it is ASCII, so it folds
    /// byte for byte and the scan lands on a position the word-by-word loop passes through.
    #[inline]
    fn skip(
        &self,
        original: &str,
        folded: &Folded,
        i: usize,
        lower_hits: &[u32],
        hit: &mut usize,
    ) -> usize {
        use crate::text::scan::{ascii_word_start, capital_or_non_ascii};
        let text = folded.text.as_bytes();
        let o = folded.orig_offset(i);
        let q = capital_or_non_ascii::<true>(original.as_bytes(), o, original.len());
        let mut r = if q >= original.len() {
            text.len()
        } else {
            // The start of the word the capital is in, then the earliest of the words before
            // it that can begin a lower-case surface (the scan passes the others by anyway).
            let mut j =
                ascii_word_start(text, folded.folded_offset_over_ascii(i, q, text.len()), i);
            let mut r = j;
            for _ in 0..self.lower_span {
                let mut k = j;
                while k > i && !text[k - 1].is_ascii_alphanumeric() {
                    k -= 1;
                }
                if k == i {
                    break;
                }
                j = ascii_word_start(text, k, i);
                if self.lower_starts[text[j] as usize] {
                    r = j;
                }
            }
            r
        };
        while *hit < lower_hits.len() && (lower_hits[*hit] as usize) < i {
            *hit += 1;
        }
        if let Some(&h) = lower_hits.get(*hit) {
            r = r.min(h as usize);
        }
        r
    }

    /// The longest valid match starting at folded byte `at`, whose first word (`wlen` bytes)
    /// led the trie to `state`; pushes it and returns its end.
    #[allow(clippy::too_many_arguments)]
    fn longest_at(
        &self,
        g: &Gazetteer,
        original: &str,
        folded: &Folded,
        at: usize,
        wlen: usize,
        mut state: trie::State,
        buf: &mut MatchBuf,
    ) -> Option<usize> {
        let text = folded.text.as_bytes();
        // Ends of prefix matches (pattern ids), shortest first.
        let mut best: Option<(usize, usize)> = None; // (end, pattern)
        let mut ends: [(u32, u32); 8] = [(0, 0); 8];
        let mut n_ends = 0;
        let mut record = |pid: u32, end: usize| {
            if n_ends < ends.len() {
                ends[n_ends] = (end as u32, pid);
                n_ends += 1;
            } else {
                best = Some((end, pid as usize));
            }
        };
        if let Some(pid) = self.trie.value(state) {
            record(pid, at + wlen);
        }
        for (k, &byte) in text[at + wlen..].iter().enumerate() {
            let Some(next) = self.trie.next(state, byte) else {
                break;
            };
            state = next;
            if let Some(pid) = self.trie.value(state) {
                record(pid, at + wlen + k + 1);
            }
        }
        // Try the longest first: an overflow candidate, then the recorded ends in reverse.
        let overflow = best.into_iter();
        let recorded = ends[..n_ends]
            .iter()
            .rev()
            .map(|&(e, p)| (e as usize, p as usize));
        for (end, pid) in overflow.chain(recorded) {
            if self.accept(g, original, folded, at, end, pid, buf) {
                return Some(end);
            }
        }
        None
    }

    /// Pushes the match of pattern `pid` over folded `at..end` if it ends on a token boundary
    /// and some candidate surface passes its case check.
    #[allow(clippy::too_many_arguments)]
    fn accept(
        &self,
        g: &Gazetteer,
        original: &str,
        folded: &Folded,
        at: usize,
        end: usize,
        pid: usize,
        buf: &mut MatchBuf,
    ) -> bool {
        let last_alnum = char_before(&folded.text, end).is_some_and(char::is_alphanumeric);
        if last_alnum && char_at(&folded.text, end).is_some_and(char::is_alphanumeric) {
            return false;
        }
        let (os, oe) = folded.orig_span(at, end, original);
        let orig = &original[os..oe];
        let first = buf.cands.len();
        let range = &self.pattern_cands[pid];
        for &si in &self.cands[range.start as usize..range.end as usize] {
            let s: &Surface = &g.surfaces()[si as usize];
            if case_ok(orig, &s.text, s.case) {
                buf.cands.push(si);
            }
        }
        if buf.cands.len() == first {
            return false;
        }
        buf.matches.push(RawMatch {
            folded: at..end,
            original: os..oe,
            cands: first..buf.cands.len(),
        });
        true
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::gazetteer::GazetteerBuilder;

    const GAZ: &str = r#"{"id":"state:KP","type":"state","name":"North Korea","aliases":["DPRK"],"demonyms":["North Korean"],"metonyms":["Pyongyang"]}
{"id":"state:KR","type":"state","name":"South Korea","demonyms":["South Korean","South Koreans"]}
{"id":"state:RU","type":"state","name":"Russia","demonyms":["Russian"],"metonyms":["the Kremlin","Moscow"]}
{"id":"state:US","type":"state","name":"United States","aliases":["US"]}
{"id":"state:TD","type":"state","name":"Chad"}
{"id":"state:CN","type":"state","name":"China","demonyms":["Chinese"]}
{"id":"org:rsc","type":"organization","name":"Russian Security Council","state":"state:RU"}
{"id":"org:wpk","type":"organization","name":"Workers' Party of Korea"}
{"id":"person:kju","type":"person","name":"Kim Jong Un"}
{"id":"person:tm","type":"person","name":"Theresa May","aliases":["May"]}
{"id":"person:re","type":"person","name":"Recep Tayyip Erdoğan","aliases":["Erdoğan"]}
{"id":"org:aq","type":"organization","name":"al-Qaeda","aliases":["al Qaeda"]}
{"id":"org:dpa","type":"organization","name":"Deutsche Presse-Agentur","aliases":["dpa"]}
{"id":"loc:emb","type":"location","name":"eMbalenhle"}
{"id":"loc:ghp","type":"location","name":"the Great Hall of the People"}
{"id":"state:RR","type":"state","name":"Ruritania","aliases":["the people's Republic of Ruritania"]}
{"id":"loc:sh","type":"location","name":"s-Hertogenbosch"}
{"id":"loc:2d","type":"location","name":"10 Downing Street"}
{"id":"org:xo","type":"organization","name":"ze other one"}
"#;

    fn matches(text: &str) -> Vec<String> {
        let mut b = GazetteerBuilder::new();
        b.add_str("t", GAZ).unwrap();
        let g = b.build().unwrap();
        let m = Matcher::new(&g);
        let f = Folded::new(text);
        let mut buf = MatchBuf::default();
        m.find(&g, text, &f, &mut buf);
        // The skip over text where no name can begin changes nothing.
        let mut every_word = MatchBuf::default();
        m.find_with(&g, text, &f, &mut every_word, false);
        assert_eq!(buf.matches, every_word.matches, "{text:?}");
        assert_eq!(buf.cands, every_word.cands, "{text:?}");
        buf.matches
            .iter()
            .map(|x| {
                let ids: Vec<&str> = buf.cands[x.cands.clone()]
                    .iter()
                    .map(|&s| g.entity(g.surfaces()[s as usize].entity).id.as_str())
                    .collect();
                format!("{}={}", &text[x.original.clone()], ids.join(","))
            })
            .collect()
    }

    #[test]
    fn table() {
        let cases: &[(&str, &[&str])] = &[
            // boundaries
            ("South Koreans arrived", &["South Koreans=state:KR"]),
            ("Koreanness of Russians", &[]),
            (
                "Russia-North Korea ties",
                &["Russia=state:RU", "North Korea=state:KP"],
            ),
            ("Kim Jong Un's visit", &["Kim Jong Un=person:kju"]),
            ("in [North Korea] today", &["North Korea=state:KP"]),
            ("USA and US", &["US=state:US"]),
            // case policy
            ("the US said", &["US=state:US"]),
            ("let us go", &[]),
            ("Chad and chad and CHAD", &["Chad=state:TD"]),
            ("May said in may", &["May=person:tm"]),
            (
                "SOUTH KOREA SEEKING CHINESE HELP",
                &["SOUTH KOREA=state:KR", "CHINESE=state:CN"],
            ),
            ("north korea is lower case", &[]),
            (
                "The Kremlin said; the Kremlin",
                &["The Kremlin=state:RU", "the Kremlin=state:RU"],
            ),
            ("ThE KrEmLiN", &[]),
            // overlaps: leftmost-longest
            (
                "Russian Security Council Secretary",
                &["Russian Security Council=org:rsc"],
            ),
            ("Russian security", &["Russian=state:RU"]),
            // Unicode normalisation
            (
                "Workers\u{2019} Party of Korea",
                &["Workers\u{2019} Party of Korea=org:wpk"],
            ),
            ("Kim\u{00A0}Jong\nUn", &["Kim\u{00A0}Jong\nUn=person:kju"]),
            ("Kim Jong  \n Un", &["Kim Jong  \n Un=person:kju"]),
            (
                "ERDOĞAN and Erdoğan's",
                &["ERDOĞAN=person:re", "Erdoğan=person:re"],
            ),
            (
                "Pyongyang\u{2014}Moscow",
                &["Pyongyang=state:KP", "Moscow=state:RU"],
            ),
        ];
        for (text, want) in cases {
            assert_eq!(matches(text), *want, "{text:?}");
        }
    }

    #[test]
    fn lower_case_surfaces_and_the_skip() {
        let cases: &[(&str, &[&str])] = &[
            (
                "said the Kremlin and al-Qaeda",
                &["the Kremlin=state:RU", "al-Qaeda=org:aq"],
            ),
            ("reported dpa, not DPA", &["dpa=org:dpa"]),
            ("in eMbalenhle and embalenhle", &["eMbalenhle=loc:emb"]),
            (
                "at the Great Hall of the People today",
                &["the Great Hall of the People=loc:ghp"],
            ),
            (
                "of the people's Republic of Ruritania",
                &["the people's Republic of Ruritania=state:RR"],
            ),
            ("near s-Hertogenbosch", &["s-Hertogenbosch=loc:sh"]),
            ("at 10 Downing Street", &["10 Downing Street=loc:2d"]),
            (
                "and ze other one, ZE OTHER ONE, Ze Other One",
                &["ze other one=org:xo", "ZE OTHER ONE=org:xo"],
            ),
            ("xdpa dpax the  \n  Kremlin", &["the  \n  Kremlin=state:RU"]),
        ];
        for (text, want) in cases {
            assert_eq!(matches(text), *want, "{text:?}");
        }
    }

    #[test]
    fn capitals_are_found_behind_lower_case_words() {
        let mut b = GazetteerBuilder::new();
        b.add_str("t", GAZ).unwrap();
        let g = b.build().unwrap();
        let m = Matcher::new(&g);
        assert_eq!(m.lower_span, 3, "the people's Republic");
        assert!(m.all_lower.is_some(), "dpa, the other one");
        assert_eq!(words_before_capital("the Kremlin"), Some(1));
        assert_eq!(words_before_capital("al-Qaeda"), Some(1));
        assert_eq!(words_before_capital("eMbalenhle"), Some(0));
        assert_eq!(words_before_capital("the élysée"), Some(1));
        assert_eq!(words_before_capital("the people's Republic"), Some(3));
        assert_eq!(words_before_capital("dpa"), None);
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig { cases: 300, ..Default::default() })]

        /// Any text: the skip finds exactly what a visit of every word finds.
        #[test]
        fn the_skip_changes_nothing(parts in proptest::collection::vec(proptest::sample::select(&[
            "the ", "The ", "THE ", "Kremlin", "kremlin", " ", "  ", "\n", "-", "al", "Qaeda", "dpa",
            "DPA", "al-", "ze ", "eMbalenhle", "people's ", "Republic of Ruritania", "s", "Hertogenbosch", "10 ",
            "Downing Street", "other one", "Great Hall of the People", "North Korea", "ns", "Kim ",
            "Jong Un", "é", "Ü", "\u{2019}", ".", ",", "x", "9", "May", "us", "US", "Erdoğan", "İ", "ß",
            "ﬁ", "\u{00A0}", "K\u{0301}",
        ][..]), 0..30)) {
            let text: String = parts.concat();
            matches(&text);
        }
    }

    #[test]
    fn case_ok_policies() {
        assert!(case_ok("US", "US", CasePolicy::Exact));
        assert!(!case_ok("us", "US", CasePolicy::Exact));
        assert!(case_ok("NORTH KOREA", "North Korea", CasePolicy::Cased));
        assert!(case_ok("The Kremlin", "the Kremlin", CasePolicy::Cased));
        assert!(!case_ok("north korea", "North Korea", CasePolicy::Cased));
        assert!(case_ok(
            "Workers\u{2019} Party",
            "Workers' Party",
            CasePolicy::Exact
        ));
    }
}

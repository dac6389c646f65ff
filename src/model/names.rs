//! The name model: which words of a document are names, and of which type.
//!
//! A greedy left-to-right tagger (averaged perceptron, BIO tags over PER, ORG, LOC and MISC)
//! reads the *candidate* tokens of each sentence: words with a capital letter, words inside a
//! gazetteer match or a mention the earlier stages proposed, and up to three lower-case words or
//! connecting marks between two such words ("Bank of the Isles"). Every other token is outside
//! a name. Its features are the words and their shapes and affixes, a window of two words each
//! side, the tags already given, every gazetteer reading of the token (type, kind, position),
//! the mention the rule stages proposed there (type, kind, position), the word lists of
//! `data/lexicon` the word and its neighbours are on, document-level evidence
//! (the same word written in lower case or typed elsewhere in the document) and whether the
//! sentence is a headline. [`NameModel::apply`] then makes the document's mentions agree with
//! the tags (docs/models.md).

use super::linear::{Feat, LinearModel, ModelError, argmax, softmax};
use crate::doc::{DocResult, EntityRef, GuessedEntity, Mention};
use crate::gazetteer::Gazetteer;
use crate::matcher::MatchBuf;
use crate::text::normalize::Folded;
use crate::text::tokens::tokens;
use crate::types::{EntityType, MentionKind};
use rustc_hash::FxHashMap;

/// The model kind written in name model files.
pub const KIND: &str = "names";

/// The name classes the model tags.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum NameClass {
    Per,
    Org,
    Loc,
    /// Other names (events, nationalities, works): recognised so they are not taken for the
    /// other three, and not kept as entities.
    Misc,
}

impl NameClass {
    pub const ALL: [NameClass; 4] = [
        NameClass::Per,
        NameClass::Org,
        NameClass::Loc,
        NameClass::Misc,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            NameClass::Per => "PER",
            NameClass::Org => "ORG",
            NameClass::Loc => "LOC",
            NameClass::Misc => "MISC",
        }
    }

    /// The class an entity type is tagged as.
    pub fn of(t: EntityType) -> NameClass {
        match t {
            EntityType::Person => NameClass::Per,
            EntityType::Organization => NameClass::Org,
            EntityType::State | EntityType::Location => NameClass::Loc,
        }
    }

    /// The class of a label in training data (`PER`, `Peop`, `type::person`, ...), if any.
    pub fn from_label(label: &str) -> Option<NameClass> {
        match label {
            "PER" | "Peop" | "person" | "type::person" => Some(NameClass::Per),
            "ORG" | "Org" | "organization" | "type::organization" => Some(NameClass::Org),
            "LOC" | "Loc" | "location" | "state" | "type::location" => Some(NameClass::Loc),
            "MISC" | "Other" | "misc" => Some(NameClass::Misc),
            _ => None,
        }
    }

    fn index(self) -> usize {
        match self {
            NameClass::Per => 0,
            NameClass::Org => 1,
            NameClass::Loc => 2,
            NameClass::Misc => 3,
        }
    }
}

/// Tag indices: 0 is outside; `1 + 2k` begins and `2 + 2k` continues a name of class `k`.
pub fn tag_labels() -> Vec<String> {
    let mut v = vec!["O".to_string()];
    for c in NameClass::ALL {
        v.push(format!("B-{}", c.as_str()));
        v.push(format!("I-{}", c.as_str()));
    }
    v
}

pub const OUTSIDE: u8 = 0;

pub fn begin(c: NameClass) -> u8 {
    1 + 2 * c.index() as u8
}

pub fn inside(c: NameClass) -> u8 {
    2 + 2 * c.index() as u8
}

pub fn class_of_tag(t: u8) -> Option<NameClass> {
    (t > 0).then(|| NameClass::ALL[((t - 1) / 2) as usize])
}

fn is_begin(t: u8) -> bool {
    t > 0 && t % 2 == 1
}

/// Whether tag `t` may follow tag `prev` (I-X only after B-X or I-X).
fn allowed(prev: u8, t: u8) -> bool {
    t == OUTSIDE || is_begin(t) || class_of_tag(prev) == class_of_tag(t)
}

// Token flags.
const CAP: u16 = 1;
const ALLCAPS: u16 = 2;
const LOWER: u16 = 4;
const DIGIT: u16 = 8;
const ALPHA: u16 = 16;
const SSTART: u16 = 32;
const CAND: u16 = 64;
const HEADLINE: u16 = 128;
const INNER_CAP: u16 = 256;
/// A line break separates the token from the one before: no name runs across it.
const NEWLINE: u16 = 512;

/// One token of the document.
#[derive(Debug, Clone, Copy)]
pub struct Tok {
    pub s: u32,
    pub e: u32,
    /// Index of the sentence's first token.
    sent_first: u32,
    /// One past the sentence's last token.
    sent_end: u32,
    flags: u16,
    word: u64,
    shape: u64,
    /// Range into [`NameScratch::gaz`].
    gaz: (u32, u32),
    /// The proposed mention's feature, or 0.
    pm: u64,
    /// The word lists the word is on (looked up for candidates and their neighbours).
    lex: &'static [u64],
}

impl Tok {
    pub fn is_candidate(&self) -> bool {
        self.flags & CAND != 0
    }

    /// Whether the token follows a tag of the token before it (same sentence, same line).
    pub fn continues(&self, i: usize) -> bool {
        i > self.sent_first as usize && self.flags & NEWLINE == 0
    }
}

/// The two tags before token `i` (outside at a sentence start or a line break).
pub fn history(toks: &[Tok], tags: &[u8], i: usize) -> (u8, u8) {
    let prev = if toks[i].continues(i) {
        tags[i - 1]
    } else {
        OUTSIDE
    };
    let prev2 = if toks[i].continues(i) && toks[i - 1].continues(i - 1) {
        tags[i - 2]
    } else {
        OUTSIDE
    };
    (prev, prev2)
}

/// The tokens a byte span overlaps: `(first, end)` indices into `toks`.
fn token_range(toks: &[Tok], a: usize, b: usize) -> (usize, usize) {
    let i = toks.partition_point(|t| (t.e as usize) <= a);
    let j = toks.partition_point(|t| (t.s as usize) < b);
    (i, j.max(i))
}

/// The tag `t` after `prev`, made valid: a continuation with nothing to continue begins.
pub fn repair(prev: u8, t: u8) -> u8 {
    if allowed(prev, t) { t } else { t - 1 }
}

/// Buffers reused from one document to the next.
#[derive(Default)]
pub struct NameScratch {
    pub toks: Vec<Tok>,
    gaz: Vec<u64>,
    gaz_pairs: Vec<(u32, u64)>,
    doc: FxHashMap<u64, u8>,
    pub feats: Vec<u64>,
    scores: Vec<f32>,
    /// The tags of the last tagged document, one per token.
    pub tags: Vec<u8>,
    /// Leave out what the rule stages proposed (training only: a share of documents is read
    /// without it, so the model also learns names from their own evidence).
    pub hide_proposals: bool,
    probs: Vec<f32>,
    /// `NameModel::apply`'s lists, kept for the next document: the tagged names, whether a
    /// proposed mention covers each, the running largest end of the kept mentions, the new
    /// mentions, the entities still mentioned, and the mention list of the last document
    /// (the next one's kept list).
    spans: Vec<(usize, usize, NameClass)>,
    covered: Vec<bool>,
    max_end: Vec<usize>,
    added: Vec<Mention>,
    mentioned: Vec<EntityRef>,
    spare: Vec<Mention>,
}

// Feature templates.
const T_BIAS: u8 = 0;
const T_W0: u8 = 1;
const T_WM1: u8 = 2;
const T_WP1: u8 = 3;
const T_WM2: u8 = 4;
const T_WP2: u8 = 5;
const T_SH0: u8 = 6;
const T_SHM1: u8 = 7;
const T_SHP1: u8 = 8;
const T_SUF: u8 = 9;
const T_PRE: u8 = 12;
const T_BIM: u8 = 13;
const T_BIP: u8 = 14;
const T_PREV: u8 = 15;
const T_PREV2: u8 = 16;
const T_PREV_W: u8 = 17;
const T_PREV_SH: u8 = 18;
const T_START_SH: u8 = 19;
const T_GAZ: u8 = 20;
const T_PM: u8 = 21;
const T_DOC: u8 = 22;
const T_DOCTYPE: u8 = 23;
const T_HEAD_SH: u8 = 24;
const T_RUN: u8 = 25;
const T_WORD_WORD: u8 = 26;
const T_LEX: u8 = 27;

/// Which word lists of `data/lexicon/` each word is on (by the word's hash): the cue words the
/// rule stages use (titles, head words, first names, ...) as features of the token and its
/// neighbours. Phrases of several words are left out.
fn lexicon() -> &'static FxHashMap<u64, Vec<u64>> {
    static LEX: std::sync::OnceLock<FxHashMap<u64, Vec<u64>>> = std::sync::OnceLock::new();
    LEX.get_or_init(|| {
        let mut map: FxHashMap<u64, Vec<u64>> = FxHashMap::default();
        for (path, text) in crate::embedded::LEXICON_FILES {
            let list = std::path::Path::new(path)
                .file_stem()
                .and_then(|s| s.to_str())
                .unwrap_or(path);
            let class = Feat::new(T_LEX).bytes(list.as_bytes()).done();
            for line in text.lines() {
                let w = line.trim();
                if w.is_empty() || w.starts_with('#') || w.contains(' ') {
                    continue;
                }
                let v = map.entry(Feat::new(0).lower(w).done()).or_default();
                if !v.contains(&class) {
                    v.push(class);
                }
            }
        }
        map
    })
}

/// Position of a token in a span: unit, begin, inside, last.
fn pos_byte(t: usize, a: usize, b: usize) -> u8 {
    if b - a == 1 {
        b'U'
    } else if t == a {
        b'B'
    } else if t + 1 == b {
        b'L'
    } else {
        b'I'
    }
}

fn shape_hash(w: &str) -> u64 {
    let mut f = Feat::new(T_SH0);
    let mut last = 0u8;
    let mut n = 0;
    for c in w.chars() {
        let k = if c.is_uppercase() {
            b'X'
        } else if c.is_lowercase() {
            b'x'
        } else if c.is_numeric() {
            b'd'
        } else if c.is_ascii() {
            c as u8
        } else {
            b'o'
        };
        if k != last {
            f = f.byte(k);
            last = k;
            n += 1;
            if n == 6 {
                break;
            }
        }
    }
    f.done()
}

fn flags_of(w: &str) -> u16 {
    if w.is_ascii() {
        return ascii_flags(w.as_bytes());
    }
    let mut f = 0;
    let mut first = true;
    let mut upper = 0;
    let mut lower = 0;
    for c in w.chars() {
        if c.is_alphabetic() {
            f |= ALPHA;
            if c.is_uppercase() {
                upper += 1;
                if first {
                    f |= CAP;
                } else {
                    f |= INNER_CAP;
                }
            } else if c.is_lowercase() {
                lower += 1;
                if first {
                    f |= LOWER;
                }
            }
        } else if c.is_numeric() {
            f |= DIGIT;
        }
        first = false;
    }
    if upper > 0 && lower == 0 {
        f |= ALLCAPS;
    }
    f
}

/// [`flags_of`] for ASCII words.
fn ascii_flags(w: &[u8]) -> u16 {
    let mut f = 0;
    let (mut upper, mut lower) = (0, 0);
    for (k, &b) in w.iter().enumerate() {
        if b.is_ascii_uppercase() {
            f |= ALPHA | if k == 0 { CAP } else { INNER_CAP };
            upper += 1;
        } else if b.is_ascii_lowercase() {
            f |= ALPHA | if k == 0 { LOWER } else { 0 };
            lower += 1;
        } else if b.is_ascii_digit() {
            f |= DIGIT;
        }
    }
    if upper > 0 && lower == 0 {
        f |= ALLCAPS;
    }
    f
}

fn is_connector_mark(w: &str) -> bool {
    matches!(w, "." | "&" | "-" | "'" | "'s")
}

/// The document as the name model reads it. Built by [`NameModel::read_document`] (also used
/// by training) from the text, the gazetteer matches and the mentions proposed so far.
pub fn read_document(
    g: &Gazetteer,
    text: &str,
    matches: &MatchBuf,
    res: &DocResult,
    s: &mut NameScratch,
) {
    s.toks.clear();
    s.gaz.clear();
    s.gaz_pairs.clear();
    s.doc.clear();
    for &(ss, se) in &res.sentences {
        let first = s.toks.len() as u32;
        let mut lower_words = 0;
        let mut last_end = ss;
        for (a, b) in tokens(text, ss, se) {
            let w = &text[a..b];
            let mut flags = flags_of(w);
            if s.toks.len() as u32 == first {
                flags |= SSTART;
            } else if text.as_bytes()[last_end..a].contains(&b'\n') {
                flags |= NEWLINE;
            }
            last_end = b;
            if flags & LOWER != 0 {
                lower_words += 1;
            }
            if flags & (CAP | ALLCAPS | INNER_CAP) != 0 {
                flags |= CAND;
            }
            s.toks.push(Tok {
                s: a as u32,
                e: b as u32,
                sent_first: first,
                sent_end: 0,
                flags,
                word: Feat::new(0).lower(w).done(),
                shape: shape_hash(w),
                gaz: (0, 0),
                pm: 0,
                lex: &[],
            });
        }
        let end = s.toks.len() as u32;
        for t in &mut s.toks[first as usize..] {
            t.sent_end = end;
            if lower_words == 0 {
                t.flags |= HEADLINE;
            }
        }
    }
    let toks = &mut s.toks;
    for m in &matches.matches {
        let (a, b) = token_range(toks, m.original.start, m.original.end);
        for &c in &matches.cands[m.cands.clone()] {
            let surface = &g.surfaces()[c as usize];
            let ent = g.entity(surface.entity);
            for t in a..b {
                let pos = pos_byte(t, a, b);
                let base = Feat::new(T_GAZ).byte(pos);
                s.gaz_pairs
                    .push((t as u32, base.bytes(ent.etype.as_str().as_bytes()).done()));
                s.gaz_pairs.push((
                    t as u32,
                    base.byte(1)
                        .bytes(ent.kind.as_deref().unwrap_or("").as_bytes())
                        .done(),
                ));
                s.gaz_pairs.push((
                    t as u32,
                    base.byte(2).bytes(surface.kind.as_str().as_bytes()).done(),
                ));
            }
        }
    }
    for m in &res.mentions {
        let (a, b) = token_range(toks, m.start, m.end);
        let bit = match NameClass::of(m.etype) {
            NameClass::Per => 4,
            NameClass::Org => 8,
            _ => 16,
        };
        for (t, tok) in toks.iter_mut().enumerate().take(b).skip(a) {
            tok.pm = Feat::new(T_PM)
                .byte(pos_byte(t, a, b))
                .bytes(m.etype.as_str().as_bytes())
                .bytes(m.kind.as_str().as_bytes())
                .done();
            if m.kind != MentionKind::Role {
                tok.flags |= CAND;
            }
            *s.doc.entry(tok.word).or_default() |= bit;
        }
    }
    s.gaz_pairs.sort_unstable();
    s.gaz_pairs.dedup();
    let mut k = 0;
    for (t, tok) in toks.iter_mut().enumerate() {
        let start = s.gaz.len() as u32;
        while k < s.gaz_pairs.len() && s.gaz_pairs[k].0 as usize == t {
            s.gaz.push(s.gaz_pairs[k].1);
            k += 1;
        }
        tok.gaz = (start, s.gaz.len() as u32);
        if tok.gaz.1 > tok.gaz.0 {
            tok.flags |= CAND;
        }
        // Document evidence: written with a capital inside a sentence...
        if tok.flags & CAP != 0 && tok.flags & (SSTART | HEADLINE) == 0 {
            *s.doc.entry(tok.word).or_default() |= 1;
        }
    }
    // ... or in lower case (only words the document also capitalises or names are kept).
    for tok in toks.iter() {
        if tok.flags & LOWER != 0
            && let Some(v) = s.doc.get_mut(&tok.word)
        {
            *v |= 2;
        }
    }
    // Short gaps between candidates: lower-case words and connecting marks.
    let mut i = 0;
    while i < toks.len() {
        if toks[i].flags & CAND != 0 {
            let mut j = i + 1;
            while j < toks.len()
                && j - i <= 4
                && toks[j].flags & CAND == 0
                && toks[j].sent_first == toks[i].sent_first
                && (toks[j].flags & LOWER != 0 && toks[j].flags & (DIGIT | CAP) == 0
                    || is_connector_mark(&text[toks[j].s as usize..toks[j].e as usize]))
            {
                j += 1;
            }
            if j > i + 1
                && j < toks.len()
                && toks[j].flags & CAND != 0
                && toks[j].sent_first == toks[i].sent_first
            {
                for t in &mut toks[i + 1..j] {
                    t.flags |= CAND;
                }
            }
            i = j.max(i + 1);
        } else {
            i += 1;
        }
    }
    // Word lists of the candidates and their neighbours (the features read them).
    let lex = lexicon();
    for i in 0..toks.len() {
        let near = toks[i].flags & CAND != 0
            || (i > 0 && toks[i - 1].flags & CAND != 0)
            || (i + 1 < toks.len() && toks[i + 1].flags & CAND != 0);
        if near && let Some(classes) = lex.get(&toks[i].word) {
            toks[i].lex = classes;
        }
    }
}

/// The features of token `i` given the two tags before it.
pub fn features(s: &NameScratch, text: &str, i: usize, prev: u8, prev2: u8, out: &mut Vec<u64>) {
    out.clear();
    let toks = &s.toks;
    let t = &toks[i];
    let w = &text[t.s as usize..t.e as usize];
    let first = t.sent_first as usize;
    let end = t.sent_end as usize;
    let word_at = |k: isize| -> u64 {
        let j = i as isize + k;
        if j < first as isize {
            1
        } else if j >= end as isize {
            2
        } else {
            toks[j as usize].word
        }
    };
    let shape_at = |k: isize| -> u64 {
        let j = i as isize + k;
        if j < first as isize || j >= end as isize {
            3
        } else {
            toks[j as usize].shape
        }
    };
    out.push(Feat::new(T_BIAS).done());
    out.push(Feat::new(T_W0).with(t.word).done());
    out.push(Feat::new(T_WM1).with(word_at(-1)).done());
    out.push(Feat::new(T_WP1).with(word_at(1)).done());
    out.push(Feat::new(T_WM2).with(word_at(-2)).done());
    out.push(Feat::new(T_WP2).with(word_at(2)).done());
    out.push(Feat::new(T_SH0).with(t.shape).done());
    out.push(Feat::new(T_SHM1).with(shape_at(-1)).done());
    out.push(Feat::new(T_SHP1).with(shape_at(1)).done());
    out.push(
        Feat::new(T_WORD_WORD)
            .with(word_at(-1))
            .with(t.shape)
            .with(shape_at(1))
            .done(),
    );
    // Affixes: by bytes for ASCII words, by characters otherwise (the same strings).
    let ascii = w.is_ascii();
    let chars = if ascii { w.len() } else { w.chars().count() };
    let char_at = |n: usize| {
        if ascii {
            n
        } else {
            w.char_indices().nth(n).map_or(w.len(), |(b, _)| b)
        }
    };
    for (k, n) in [(0u8, 2usize), (1, 3), (2, 4)] {
        if chars > n {
            let at = char_at(chars - n);
            out.push(Feat::new(T_SUF + k).lower(&w[at..]).done());
        }
    }
    if chars > 3 {
        out.push(Feat::new(T_PRE).lower(&w[..char_at(3)]).done());
    }
    out.push(Feat::new(T_BIM).with(word_at(-1)).with(t.word).done());
    out.push(Feat::new(T_BIP).with(t.word).with(word_at(1)).done());
    out.push(Feat::new(T_PREV).byte(prev).done());
    out.push(Feat::new(T_PREV2).byte(prev2).byte(prev).done());
    out.push(Feat::new(T_PREV_W).byte(prev).with(t.word).done());
    out.push(Feat::new(T_PREV_SH).byte(prev).with(t.shape).done());
    if t.flags & SSTART != 0 {
        out.push(Feat::new(T_START_SH).with(t.shape).done());
    }
    if t.flags & HEADLINE != 0 {
        out.push(Feat::new(T_HEAD_SH).with(t.shape).done());
    }
    if t.flags & NEWLINE != 0 {
        out.push(Feat::new(T_START_SH).byte(b'\n').with(t.shape).done());
    }
    out.extend_from_slice(&s.gaz[t.gaz.0 as usize..t.gaz.1 as usize]);
    // The next token's gazetteer readings (a name often ends where another begins).
    if i + 1 < end {
        let n = &toks[i + 1];
        for &f in &s.gaz[n.gaz.0 as usize..n.gaz.1 as usize] {
            out.push(Feat::new(T_GAZ).byte(b'+').with(f).done());
        }
    }
    for (k, pos) in [(-1isize, b'<'), (0, b'='), (1, b'>')] {
        let j = i as isize + k;
        if j < first as isize || j >= end as isize {
            continue;
        }
        for &c in toks[j as usize].lex {
            out.push(Feat::new(T_LEX).byte(pos).with(c).done());
        }
    }
    if s.hide_proposals {
        // No proposal features at all.
    } else if t.pm != 0 {
        out.push(t.pm);
        out.push(Feat::new(T_PM).byte(prev).with(t.pm).done());
    } else {
        out.push(Feat::new(T_PM).byte(0).done());
    }
    let doc = s.doc.get(&t.word).copied().unwrap_or(0);
    out.push(
        Feat::new(T_DOC)
            .byte(doc & 3)
            .byte((t.flags & (CAP | ALLCAPS | SSTART)) as u8)
            .done(),
    );
    for bit in [4u8, 8, 16] {
        if doc & bit != 0 && !s.hide_proposals {
            out.push(Feat::new(T_DOCTYPE).byte(bit).done());
        }
    }
    // Length of the candidate run and the place of the token in it.
    let mut a = i;
    while a > first && toks[a - 1].flags & CAND != 0 {
        a -= 1;
    }
    let mut b = i + 1;
    while b < end && toks[b].flags & CAND != 0 {
        b += 1;
    }
    out.push(
        Feat::new(T_RUN)
            .byte((b - a).min(6) as u8)
            .byte((i - a).min(4) as u8)
            .done(),
    );
}

/// A trained name model.
pub struct NameModel {
    model: LinearModel,
    /// A listed gazetteer name keeps its reading unless the model's class for it is at
    /// least this probable (`overrule=` in the model's meta).
    pub overrule: f32,
    /// A name no stage proposed needs at least this probability (`min_new=`).
    pub min_new: f32,
}

impl NameModel {
    pub fn new(model: LinearModel) -> Result<NameModel, ModelError> {
        if model.kind != KIND || model.classes != tag_labels() {
            return Err(ModelError::Kind {
                found: model.kind.clone(),
                expected: KIND.to_string(),
            });
        }
        let meta = |key: &str| {
            model
                .meta
                .lines()
                .find_map(|l| l.strip_prefix(key)?.strip_prefix('='))
                .and_then(|v| v.trim().parse::<f32>().ok())
        };
        Ok(NameModel {
            overrule: meta("overrule").unwrap_or(0.0),
            min_new: meta("min_new").unwrap_or(0.0),
            model,
        })
    }

    pub fn from_bytes(bytes: &[u8]) -> Result<NameModel, ModelError> {
        NameModel::new(LinearModel::from_bytes(bytes, KIND)?)
    }

    pub fn linear(&self) -> &LinearModel {
        &self.model
    }

    /// Tags the tokens [`read_document`] left in `s` (`s.tags`, with each tag's probability).
    pub fn tag(&self, text: &str, s: &mut NameScratch) {
        let n = s.toks.len();
        let mut tags = std::mem::take(&mut s.tags);
        let mut probs = std::mem::take(&mut s.probs);
        let mut feats = std::mem::take(&mut s.feats);
        let mut scores = std::mem::take(&mut s.scores);
        tags.clear();
        tags.resize(n, OUTSIDE);
        probs.clear();
        probs.resize(n, 1.0);
        scores.resize(self.model.n_classes(), 0.0);
        for i in 0..n {
            let t = s.toks[i];
            if t.flags & CAND == 0 {
                continue;
            }
            let (prev, prev2) = history(&s.toks, &tags, i);
            features(s, text, i, prev, prev2, &mut feats);
            self.model.score(&feats, &mut scores);
            for (k, sc) in scores.iter_mut().enumerate() {
                if !allowed(prev, k as u8) {
                    *sc = f32::NEG_INFINITY;
                }
            }
            let best = argmax(&scores);
            tags[i] = best as u8;
            // Probabilities are only read for names.
            if best != OUTSIDE as usize {
                softmax(&mut scores);
                probs[i] = scores[best];
            }
        }
        s.tags = tags;
        s.probs = probs;
        s.feats = feats;
        s.scores = scores;
    }

    /// Tags the document and makes its mentions agree with the tags: a proposed mention whose
    /// tokens are exactly a tagged name of its class stays; of another class, it takes a
    /// gazetteer reading of that class if the span has one, or becomes a guessed entity of the
    /// class; a proposed mention the tags do not cover as a name goes. Tagged names no mention
    /// covers become mentions (a gazetteer reading of their class, or a guessed entity).
    /// Demonyms, capitals standing for their state and role descriptions are kept unless a
    /// new name overlaps them. MISC names are recognised but not kept.
    pub fn apply(
        &self,
        g: &Gazetteer,
        text: &str,
        folded: &Folded,
        matches: &MatchBuf,
        res: &mut DocResult,
        s: &mut NameScratch,
    ) {
        read_document(g, text, matches, res, s);
        self.tag(text, s);
        let toks = &s.toks;
        let edge = |t: &Tok| matches!(&text[t.s as usize..t.e as usize], "-" | "&" | "'" | ",");
        let mut spans = std::mem::take(&mut s.spans);
        spans_into(&s.tags, &mut spans);
        spans.retain_mut(|(a, b, _)| {
            while *a < *b && edge(&toks[*a]) {
                *a += 1;
            }
            while *b > *a && edge(&toks[*b - 1]) {
                *b -= 1;
            }
            a < b
        });
        let mut kept = std::mem::take(&mut s.spare);
        kept.clear();
        kept.reserve(res.mentions.len() + spans.len());
        let mut covered = std::mem::take(&mut s.covered);
        covered.clear();
        covered.resize(spans.len(), false);
        let mut proposed = std::mem::take(&mut res.mentions);
        let mut guesses = FxHashMap::default();
        for m in &proposed {
            let (a, b) = token_range(toks, m.start, m.end);
            // Mentions on tokens the model did not read (lower-case names) stay.
            if a == b || !toks[a..b].iter().all(Tok::is_candidate) {
                kept.push(*m);
                continue;
            }
            // Spans are disjoint and in text order: those meeting a..b are a contiguous range.
            let lo = spans.partition_point(|sp| sp.1 <= a);
            let hi = spans.partition_point(|sp| sp.0 < b);
            let meeting = lo..hi.max(lo);
            let exact = meeting
                .clone()
                .find(|&k| spans[k].0 == a && spans[k].1 == b);
            if matches!(
                m.kind,
                MentionKind::Demonym | MentionKind::Metonym | MentionKind::Role
            ) {
                // These readings stand unless a name crosses their edge; names inside them
                // ("Kremlin" in "the Kremlin") are theirs.
                let crossing = spans[meeting.clone()]
                    .iter()
                    .any(|sp| sp.2 != NameClass::Misc && (sp.0 < a || sp.1 > b));
                if !crossing {
                    for k in meeting {
                        covered[k] = true;
                    }
                    kept.push(*m);
                }
                continue;
            }
            let Some(k) = exact else { continue };
            let class = spans[k].2;
            if class == NameClass::Misc {
                continue;
            }
            covered[k] = true;
            let p = span_prob(&s.probs, spans[k]);
            let listed = m.entity.gaz().is_some()
                && matches!(m.kind, MentionKind::Name | MentionKind::Alias);
            if NameClass::of(m.etype) == class || (listed && p < self.overrule) {
                kept.push(*m);
            } else {
                let (entity, etype, kind) = reading(g, matches, m.start, m.end, class)
                    .unwrap_or_else(|| {
                        new_guess(res, &mut guesses, text, folded, (m.start, m.end), class, p)
                    });
                kept.push(Mention {
                    entity,
                    etype,
                    kind,
                    ..*m
                });
            }
        }
        kept.sort_by_key(|m| (m.start, m.end));
        // The largest end among kept[..i], to test overlaps with a binary search.
        let mut max_end = std::mem::take(&mut s.max_end);
        max_end.clear();
        max_end.push(0);
        for m in &kept {
            max_end.push(max_end.last().copied().unwrap_or(0).max(m.end));
        }
        let names = NameIndex::new(&kept, folded);
        let mut added = std::mem::take(&mut s.added);
        added.clear();
        for (k, sp) in spans.iter().enumerate() {
            if covered[k] || sp.2 == NameClass::Misc {
                continue;
            }
            let (start, end) = (toks[sp.0].s as usize, toks[sp.1 - 1].e as usize);
            // A name overlapping a kept mention yields to it.
            let before = kept.partition_point(|m| m.start < end);
            if max_end[before] > start {
                continue;
            }
            let p = span_prob(&s.probs, *sp);
            if p < self.min_new {
                continue;
            }
            let (fstart, fend) = (folded.folded_offset(start), folded.folded_offset(end));
            // Part of a longer name of the same class in the document ("Novak" after "Jana
            // Novak"): the same entity.
            let (entity, etype, kind) = match names.whole_name(&kept, folded, fstart, fend, sp.2) {
                Some(m) => (m.entity, m.etype, MentionKind::Coreference),
                None => reading(g, matches, start, end, sp.2).unwrap_or_else(|| {
                    new_guess(res, &mut guesses, text, folded, (start, end), sp.2, p)
                }),
            };
            added.push(Mention {
                start,
                end,
                fstart,
                fend,
                entity,
                etype,
                kind,
            });
        }
        kept.extend_from_slice(&added);
        kept.sort_by_key(|m| (m.start, m.end));
        // A guessed name that is part of a longer name of its class in the document is that
        // name's entity ("Vellqvist" after "Oskarine Vellqvist"), whichever stage proposed it.
        let names = NameIndex::new(&kept, folded);
        let relinked: Vec<(usize, EntityRef, EntityType)> = kept
            .iter()
            .enumerate()
            .filter(|(_, m)| m.kind == MentionKind::Guessed)
            .filter_map(|(i, m)| {
                let whole =
                    names.whole_name(&kept, folded, m.fstart, m.fend, NameClass::of(m.etype))?;
                (whole.entity != m.entity).then_some((i, whole.entity, whole.etype))
            })
            .collect();
        for (i, entity, etype) in relinked {
            kept[i].entity = entity;
            kept[i].etype = etype;
            kept[i].kind = MentionKind::Coreference;
        }
        res.mentions = kept;
        // Relations the earlier stages found between entities no longer mentioned go.
        let mut mentioned = std::mem::take(&mut s.mentioned);
        mentioned.clear();
        mentioned.extend(res.mentions.iter().map(|m| m.entity));
        mentioned.sort_unstable();
        mentioned.dedup();
        res.relations.retain(|f| {
            mentioned.binary_search(&f.source).is_ok() && mentioned.binary_search(&f.target).is_ok()
        });
        proposed.clear();
        (s.spans, s.covered, s.max_end, s.added) = (spans, covered, max_end, added);
        (s.mentioned, s.spare) = (mentioned, proposed);
    }
}

/// How many names sharing a word are read on each side of a part of a name.
const WHOLE_NAME_WINDOW: usize = 16;

/// The document's names of two or more words, by folded word, to find the whole name a
/// part belongs to: (word, index in the kept mentions) sorted, so that one allocation holds the
/// index and a word's names are a contiguous run in text order.
struct NameIndex<'k> {
    by_word: Vec<(&'k str, u32)>,
}

fn words(s: &str) -> impl Iterator<Item = &str> + Clone {
    s.split(' ')
        .map(|w| w.trim_matches(|c: char| !c.is_alphanumeric()))
        .filter(|w| !w.is_empty())
}

/// Whether the words of `whole` are more than those of `part` and include them in order,
/// side by side.
fn contains_words(whole: &str, part: &str) -> bool {
    let (nw, np) = (words(whole).count(), words(part).count());
    nw > np && (0..=nw - np).any(|k| words(whole).skip(k).take(np).eq(words(part)))
}

impl<'k> NameIndex<'k> {
    fn new(kept: &[Mention], folded: &'k Folded) -> NameIndex<'k> {
        let mut by_word: Vec<(&'k str, u32)> = Vec::new();
        for (i, m) in kept.iter().enumerate() {
            if !matches!(
                m.kind,
                MentionKind::Name | MentionKind::Alias | MentionKind::Guessed
            ) {
                continue;
            }
            let text = &folded.text[m.fstart..m.fend];
            if words(text).nth(1).is_none() {
                continue;
            }
            by_word.extend(words(text).map(|w| (w, i as u32)));
        }
        by_word.sort_unstable();
        by_word.dedup();
        NameIndex { by_word }
    }

    /// The mention of a longer name of class `class` whose words include the words of
    /// `fs..fe` in order: the nearest before the part, or else the first after it.
    fn whole_name<'m>(
        &self,
        kept: &'m [Mention],
        folded: &Folded,
        fs: usize,
        fe: usize,
        class: NameClass,
    ) -> Option<&'m Mention> {
        let part = &folded.text[fs..fe];
        let first = words(part).next()?;
        let mut best: Option<&Mention> = None;
        // The names with that word, in text order: only the nearest few each side are read,
        // so a document of many names sharing a word stays linear.
        let from = self.by_word.partition_point(|&(w, _)| w < first);
        let to = from + self.by_word[from..].partition_point(|&(w, _)| w == first);
        let with_word = &self.by_word[from..to];
        if with_word.is_empty() {
            return None;
        }
        let at = with_word.partition_point(|&(_, i)| kept[i as usize].fstart < fs);
        let lo = at.saturating_sub(WHOLE_NAME_WINDOW);
        let hi = (at + WHOLE_NAME_WINDOW).min(with_word.len());
        for &(_, i) in &with_word[lo..hi] {
            let m = &kept[i as usize];
            if NameClass::of(m.etype) != class
                || !contains_words(&folded.text[m.fstart..m.fend], part)
            {
                continue;
            }
            best = match best {
                None => Some(m),
                Some(b) if m.fstart < fs && (b.fstart > fs || m.fstart > b.fstart) => Some(m),
                b => b,
            };
        }
        best
    }
}

/// The names of a tag sequence: (first token, end token, class).
pub fn spans_of(tags: &[u8]) -> Vec<(usize, usize, NameClass)> {
    let mut out = Vec::new();
    spans_into(tags, &mut out);
    out
}

/// [`spans_of`] into `out` (cleared first).
fn spans_into(tags: &[u8], out: &mut Vec<(usize, usize, NameClass)>) {
    out.clear();
    let mut i = 0;
    while i < tags.len() {
        let Some(c) = class_of_tag(tags[i]) else {
            i += 1;
            continue;
        };
        let mut j = i + 1;
        while j < tags.len() && tags[j] == inside(c) {
            j += 1;
        }
        out.push((i, j, c));
        i = j;
    }
}

fn span_prob(probs: &[f32], sp: (usize, usize, NameClass)) -> f32 {
    let n = (sp.1 - sp.0) as f32;
    probs[sp.0..sp.1].iter().sum::<f32>() / n
}

/// The best gazetteer reading of exactly `start..end` whose type is of `class`.
fn reading(
    g: &Gazetteer,
    matches: &MatchBuf,
    start: usize,
    end: usize,
    class: NameClass,
) -> Option<(EntityRef, EntityType, MentionKind)> {
    let mut best: Option<((u8, u8, u32), MentionKind)> = None;
    // Matches come in text order (by start): those starting at `start` are a contiguous run.
    let first = matches
        .matches
        .partition_point(|m| m.original.start < start);
    for m in matches.matches[first..]
        .iter()
        .take_while(|m| m.original.start == start)
    {
        if m.original.end != end {
            continue;
        }
        for &c in &matches.cands[m.cands.clone()] {
            let surface = &g.surfaces()[c as usize];
            let ent = g.entity(surface.entity);
            if NameClass::of(ent.etype) != class
                || matches!(
                    surface.kind,
                    MentionKind::Demonym | MentionKind::Role | MentionKind::Coreference
                )
            {
                continue;
            }
            let key = (
                surface.kind.preference(),
                ent.etype.preference(),
                surface.entity,
            );
            if best.is_none_or(|b| key < b.0) {
                best = Some((key, surface.kind));
            }
        }
    }
    best.map(|((_, _, idx), kind)| (EntityRef::Gaz(idx), g.entity(idx).etype, kind))
}

fn etype_of(class: NameClass) -> EntityType {
    match class {
        NameClass::Per => EntityType::Person,
        NameClass::Org => EntityType::Organization,
        NameClass::Loc | NameClass::Misc => EntityType::Location,
    }
}

/// A guessed entity for the name at `start..end` (the same name and type in the document is
/// one entity).
fn new_guess(
    res: &mut DocResult,
    guesses: &mut FxHashMap<(EntityType, String), u32>,
    text: &str,
    folded: &Folded,
    (start, end): (usize, usize),
    class: NameClass,
    confidence: f32,
) -> (EntityRef, EntityType, MentionKind) {
    let etype = etype_of(class);
    let name = text[start..end]
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ");
    let confidence = (0.5 * confidence).clamp(0.05, 0.5);
    // The guessed entities by type and name, indexed on first use (the earlier stages'
    // guesses included), so that many guesses cost linear time.
    if guesses.is_empty() {
        for (i, g) in res.guessed.iter().enumerate() {
            guesses.entry((g.etype, g.name.clone())).or_insert(i as u32);
        }
    }
    let idx = match guesses.get(&(etype, name.clone())) {
        Some(&i) => {
            let g = &mut res.guessed[i as usize];
            g.confidence = g.confidence.max(confidence);
            i as usize
        }
        None => {
            let (fs, fe) = (folded.folded_offset(start), folded.folded_offset(end));
            res.guessed.push(GuessedEntity {
                id: crate::extract::ids::guess_id(etype, &folded.text[fs..fe]),
                name: name.clone(),
                etype,
                confidence,
            });
            guesses.insert((etype, name), (res.guessed.len() - 1) as u32);
            res.guessed.len() - 1
        }
    };
    (EntityRef::Guessed(idx as u32), etype, MentionKind::Guessed)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tags_round_trip_through_classes() {
        let labels = tag_labels();
        assert_eq!(labels.len(), 9);
        for c in NameClass::ALL {
            assert_eq!(labels[begin(c) as usize], format!("B-{}", c.as_str()));
            assert_eq!(labels[inside(c) as usize], format!("I-{}", c.as_str()));
            assert_eq!(class_of_tag(begin(c)), Some(c));
            assert!(allowed(begin(c), inside(c)));
            assert!(!allowed(OUTSIDE, inside(c)));
        }
        let tags = [
            0,
            begin(NameClass::Per),
            inside(NameClass::Per),
            begin(NameClass::Loc),
            0,
        ];
        assert_eq!(
            spans_of(&tags),
            vec![(1, 3, NameClass::Per), (3, 4, NameClass::Loc)]
        );
    }

    #[test]
    fn flags_and_shapes() {
        assert_eq!(flags_of("Paris") & (CAP | LOWER | ALLCAPS), CAP);
        assert_eq!(flags_of("NATO") & ALLCAPS, ALLCAPS);
        assert_eq!(flags_of("iPhone") & (INNER_CAP | LOWER), INNER_CAP | LOWER);
        assert_eq!(shape_hash("Paris"), shape_hash("Lyon"));
        assert_ne!(shape_hash("Paris"), shape_hash("PARIS"));
    }
}

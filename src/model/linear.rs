//! Sparse linear models over hashed binary features: scoring, the model file format and an
//! averaged trainer (perceptron or logistic regression), all deterministic.
//!
//! A feature is a 64-bit hash of a template number and its parts ([`Feat`]); a model maps
//! each feature it kept to one weight per class. Scores are sums of the weights of a
//! token's (or pair's) active features. Files are small and exact: weights are stored as
//! 16-bit integers with one scale per model, features sorted by hash (docs/models.md).

use rustc_hash::FxHashMap;

/// FNV-1a 64 offset basis and prime: a fixed hash, so model files do not depend on a
/// hasher's version.
const FNV_OFFSET: u64 = 0xcbf2_9ce4_8422_2325;
const FNV_PRIME: u64 = 0x0000_0100_0000_01b3;

/// A feature hash under construction: `Feat::new(T).str(a).str(b).done()`.
#[derive(Clone, Copy)]
pub struct Feat(u64);

impl Feat {
    #[inline]
    pub fn new(template: u8) -> Feat {
        Feat((FNV_OFFSET ^ u64::from(template)).wrapping_mul(FNV_PRIME))
    }

    #[inline]
    pub fn byte(self, b: u8) -> Feat {
        Feat((self.0 ^ u64::from(b)).wrapping_mul(FNV_PRIME))
    }

    /// Adds `s` and a separator.
    #[inline]
    pub fn bytes(self, s: &[u8]) -> Feat {
        let mut h = self.0;
        for &b in s {
            h = (h ^ u64::from(b)).wrapping_mul(FNV_PRIME);
        }
        Feat((h ^ 0xff).wrapping_mul(FNV_PRIME))
    }

    /// Adds `s` lower-cased (ASCII fast path; other letters through `char::to_lowercase`).
    #[inline]
    pub fn lower(self, s: &str) -> Feat {
        let mut h = self.0;
        if s.is_ascii() {
            for &b in s.as_bytes() {
                h = (h ^ u64::from(b.to_ascii_lowercase())).wrapping_mul(FNV_PRIME);
            }
        } else {
            let mut buf = [0u8; 4];
            for c in s.chars().flat_map(char::to_lowercase) {
                for &b in c.encode_utf8(&mut buf).as_bytes() {
                    h = (h ^ u64::from(b)).wrapping_mul(FNV_PRIME);
                }
            }
        }
        Feat((h ^ 0xff).wrapping_mul(FNV_PRIME))
    }

    /// Adds another finished hash (for conjunctions of features): one multiply and a
    /// rotation (a 64-bit mix, not FNV's byte loop: conjunctions are most of the features).
    #[inline]
    pub fn with(self, other: u64) -> Feat {
        let h = (self.0 ^ other.rotate_left(17)).wrapping_mul(0x9e37_79b9_7f4a_7c15);
        Feat(h ^ (h >> 31))
    }

    #[inline]
    pub fn done(self) -> u64 {
        self.0
    }
}

/// Errors reading a model file.
#[derive(Debug, thiserror::Error)]
pub enum ModelError {
    #[error("not a relgraph model file (bad magic bytes)")]
    Magic,
    #[error("model file version {0} is not supported (this relgraph reads version 1)")]
    Version(u32),
    #[error("model file is truncated")]
    Truncated,
    #[error("model is a {found} model, expected a {expected} model")]
    Kind { found: String, expected: String },
    #[error("model file is damaged: {0}")]
    Damaged(&'static str),
}

const MAGIC: &[u8; 8] = b"RGMODEL\0";
const VERSION: u32 = 1;

/// A trained linear model: classes, and per kept feature one weight per class.
///
/// In memory the weights stay the file's 16-bit integers, in an open-addressing table (load at
/// most one half) keyed by feature hash: scoring a token prefetches every feature's slot first
/// and then adds the rows, so the memory reads of one token overlap instead of queueing.
#[derive(Debug, Clone, PartialEq)]
pub struct LinearModel {
    /// What the model decides (`names`, `relations`).
    pub kind: String,
    /// Class labels, in score order.
    pub classes: Vec<String>,
    /// Facts about the training run, written into the file (data, epochs, scores).
    pub meta: String,
    /// Feature hash per slot (0: empty).
    keys: Vec<u64>,
    /// `q[slot * classes.len() + c]`: the weight in units of `scale`.
    q: Vec<i16>,
    scale: f32,
    /// log2 of the slot count.
    bits: u32,
    features: usize,
}

#[inline]
fn slot_of(h: u64, bits: u32) -> usize {
    ((h ^ (h >> 32)).wrapping_mul(0x9e37_79b9_7f4a_7c15) >> (64 - bits)) as usize
}

#[inline]
fn prefetch<T>(p: &T) {
    // SAFETY: a prefetch is a hint that never faults and changes no memory; SSE, which the
    // instruction needs, is part of every x86_64 CPU.
    #[cfg(target_arch = "x86_64")]
    unsafe {
        std::arch::x86_64::_mm_prefetch::<{ std::arch::x86_64::_MM_HINT_T0 }>(
            (p as *const T).cast::<i8>(),
        );
    }
    #[cfg(not(target_arch = "x86_64"))]
    let _ = p;
}

impl LinearModel {
    /// A model from rows of quantised weights (`scale` per unit), sorted by feature.
    fn from_rows(
        kind: String,
        classes: Vec<String>,
        meta: String,
        scale: f32,
        rows: &[(u64, &[i16])],
    ) -> LinearModel {
        let n = classes.len();
        let bits = (rows.len().max(1) * 2)
            .next_power_of_two()
            .trailing_zeros()
            .max(4);
        let slots = 1usize << bits;
        let mut keys = vec![0u64; slots];
        let mut q = vec![0i16; slots * n];
        let mut features = 0;
        for &(f, w) in rows {
            if f == 0 {
                continue;
            }
            let mut i = slot_of(f, bits);
            while keys[i] != 0 {
                i = (i + 1) & (slots - 1);
            }
            keys[i] = f;
            q[i * n..i * n + n].copy_from_slice(w);
            features += 1;
        }
        LinearModel {
            kind,
            classes,
            meta,
            keys,
            q,
            scale,
            bits,
            features,
        }
    }

    pub fn n_classes(&self) -> usize {
        self.classes.len()
    }

    /// Number of features with weights.
    pub fn n_features(&self) -> usize {
        self.features
    }

    #[inline]
    fn find(&self, f: u64) -> Option<usize> {
        if f == 0 {
            return None;
        }
        let mask = self.keys.len() - 1;
        let mut i = slot_of(f, self.bits);
        loop {
            let k = self.keys[i];
            if k == f {
                return Some(i);
            }
            if k == 0 {
                return None;
            }
            i = (i + 1) & mask;
        }
    }

    /// How much feature `f` adds to class `class`'s score over class `against`'s (0 for a
    /// feature the model does not know).
    pub fn weight_over(&self, f: u64, class: usize, against: usize) -> f32 {
        let n = self.classes.len();
        self.find(f).map_or(0.0, |i| {
            let w = &self.q[i * n..i * n + n];
            (f32::from(w[class]) - f32::from(w[against])) * self.scale
        })
    }

    /// Sets `scores` (one entry per class) to the sums of the weights of `feats`.
    #[inline]
    pub fn score(&self, feats: &[u64], scores: &mut [f32]) {
        let n = self.classes.len();
        for &f in feats {
            let i = slot_of(f, self.bits);
            prefetch(&self.keys[i]);
            prefetch(&self.q[i * n]);
        }
        let mut acc = [0i32; 64];
        let acc = &mut acc[..n.min(64)];
        let mut wide = Vec::new();
        if n > 64 {
            wide.resize(n, 0i32);
        }
        let acc: &mut [i32] = if n > 64 { &mut wide } else { acc };
        for &f in feats {
            if let Some(i) = self.find(f) {
                for (a, w) in acc.iter_mut().zip(&self.q[i * n..i * n + n]) {
                    *a += i32::from(*w);
                }
            }
        }
        for (s, a) in scores.iter_mut().zip(acc.iter()) {
            *s = *a as f32 * self.scale;
        }
    }

    /// The model file's bytes: magic, version, kind, classes, meta, scale, then the features
    /// sorted by hash, each with its quantised weights (little-endian throughout).
    pub fn to_bytes(&self) -> Vec<u8> {
        let n = self.classes.len();
        let mut rows: Vec<(u64, usize)> = self
            .keys
            .iter()
            .enumerate()
            .filter(|&(_, &k)| k != 0)
            .map(|(i, &k)| (k, i))
            .collect();
        rows.sort_unstable();
        let mut out = Vec::with_capacity(64 + rows.len() * (8 + 2 * n));
        out.extend_from_slice(MAGIC);
        out.extend_from_slice(&VERSION.to_le_bytes());
        let put_str = |out: &mut Vec<u8>, s: &str| {
            out.extend_from_slice(&(s.len() as u32).to_le_bytes());
            out.extend_from_slice(s.as_bytes());
        };
        put_str(&mut out, &self.kind);
        out.extend_from_slice(&(n as u32).to_le_bytes());
        for c in &self.classes {
            put_str(&mut out, c);
        }
        put_str(&mut out, &self.meta);
        out.extend_from_slice(&self.scale.to_le_bytes());
        out.extend_from_slice(&(rows.len() as u32).to_le_bytes());
        for (f, i) in rows {
            out.extend_from_slice(&f.to_le_bytes());
            for w in &self.q[i * n..i * n + n] {
                out.extend_from_slice(&w.to_le_bytes());
            }
        }
        out
    }

    /// Reads a model file, checking that it holds a `kind` model.
    pub fn from_bytes(bytes: &[u8], kind: &str) -> Result<LinearModel, ModelError> {
        let model = LinearModel::read(bytes)?;
        if model.kind != kind {
            return Err(ModelError::Kind {
                found: model.kind,
                expected: kind.to_string(),
            });
        }
        Ok(model)
    }

    /// Reads a model file of any kind (`kind` tells which).
    pub fn read(bytes: &[u8]) -> Result<LinearModel, ModelError> {
        let mut r = Reader { b: bytes, at: 0 };
        if r.take(8)? != MAGIC {
            return Err(ModelError::Magic);
        }
        let version = r.u32()?;
        if version != VERSION {
            return Err(ModelError::Version(version));
        }
        let found = r.string()?;
        let n = r.u32()? as usize;
        if n == 0 || n > 256 {
            return Err(ModelError::Damaged("class count"));
        }
        let classes = (0..n).map(|_| r.string()).collect::<Result<Vec<_>, _>>()?;
        let meta = r.string()?;
        let scale = f32::from_le_bytes(r.take(4)?.try_into().expect("4 bytes"));
        if !scale.is_finite() || scale <= 0.0 {
            return Err(ModelError::Damaged("scale"));
        }
        let count = r.u32()? as usize;
        if count.saturating_mul(8 + 2 * n) > bytes.len() {
            return Err(ModelError::Truncated);
        }
        let mut feats = Vec::with_capacity(count);
        let mut weights: Vec<i16> = Vec::with_capacity(count * n);
        for _ in 0..count {
            let f = u64::from_le_bytes(r.take(8)?.try_into().expect("8 bytes"));
            if feats.last().is_some_and(|&l| l >= f) {
                return Err(ModelError::Damaged("features out of order"));
            }
            feats.push(f);
            for _ in 0..n {
                weights.push(i16::from_le_bytes(r.take(2)?.try_into().expect("2 bytes")));
            }
        }
        if r.at != bytes.len() {
            return Err(ModelError::Damaged("trailing bytes"));
        }
        let rows: Vec<(u64, &[i16])> = feats
            .iter()
            .enumerate()
            .map(|(k, &f)| (f, &weights[k * n..k * n + n]))
            .collect();
        Ok(LinearModel::from_rows(found, classes, meta, scale, &rows))
    }
}

struct Reader<'a> {
    b: &'a [u8],
    at: usize,
}

impl<'a> Reader<'a> {
    fn take(&mut self, n: usize) -> Result<&'a [u8], ModelError> {
        let s = self
            .b
            .get(self.at..self.at + n)
            .ok_or(ModelError::Truncated)?;
        self.at += n;
        Ok(s)
    }

    fn u32(&mut self) -> Result<u32, ModelError> {
        Ok(u32::from_le_bytes(
            self.take(4)?.try_into().expect("4 bytes"),
        ))
    }

    fn string(&mut self) -> Result<String, ModelError> {
        let n = self.u32()? as usize;
        let b = self.take(n)?;
        String::from_utf8(b.to_vec()).map_err(|_| ModelError::Damaged("text is not UTF-8"))
    }
}

/// How the trainer updates weights.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Update {
    /// Perceptron: on a wrong best class, +1 to the gold class and -1 to the predicted one.
    Perceptron,
    /// Logistic regression (softmax, SGD with this learning rate).
    Logistic { rate: f32 },
}

/// An averaged trainer (the lazy-averaging trick: `avg = w - u / steps`).
pub struct Trainer {
    n: usize,
    update: Update,
    index: FxHashMap<u64, u32>,
    /// Features kept: those seen at least the cut-off number of times (see [`Trainer::count`]).
    allowed: Option<rustc_hash::FxHashSet<u64>>,
    w: Vec<f32>,
    u: Vec<f32>,
    steps: f32,
}

impl Trainer {
    pub fn new(n_classes: usize, update: Update) -> Trainer {
        Trainer {
            n: n_classes,
            update,
            index: FxHashMap::default(),
            allowed: None,
            w: Vec::new(),
            u: Vec::new(),
            steps: 1.0,
        }
    }

    /// Keeps only features that occur at least `min` times in `counts` (a cut-off against
    /// features seen once: they fit the training data and bloat the model).
    pub fn restrict(&mut self, counts: &FxHashMap<u64, u32>, min: u32) {
        self.allowed = Some(
            counts
                .iter()
                .filter(|&(_, &c)| c >= min)
                .map(|(&f, _)| f)
                .collect(),
        );
    }

    fn row(&mut self, f: u64) -> Option<usize> {
        if let Some(&r) = self.index.get(&f) {
            return Some(r as usize);
        }
        if self.allowed.as_ref().is_some_and(|a| !a.contains(&f)) {
            return None;
        }
        let r = self.index.len();
        self.index.insert(f, r as u32);
        self.w.resize(self.w.len() + self.n, 0.0);
        self.u.resize(self.u.len() + self.n, 0.0);
        Some(r)
    }

    /// Current (not averaged) scores.
    pub fn score(&self, feats: &[u64], scores: &mut [f32]) {
        scores.fill(0.0);
        for f in feats {
            if let Some(&r) = self.index.get(f) {
                let r = r as usize * self.n;
                for (s, w) in scores.iter_mut().zip(&self.w[r..r + self.n]) {
                    *s += *w;
                }
            }
        }
    }

    /// One training example; returns the class the current weights predicted.
    pub fn learn(&mut self, feats: &[u64], gold: usize, scores: &mut Vec<f32>) -> usize {
        scores.resize(self.n, 0.0);
        self.score(feats, scores);
        let guess = argmax(scores);
        let steps = self.steps;
        match self.update {
            Update::Perceptron => {
                if guess != gold {
                    for &f in feats {
                        if let Some(r) = self.row(f) {
                            let r = r * self.n;
                            self.w[r + gold] += 1.0;
                            self.u[r + gold] += steps;
                            self.w[r + guess] -= 1.0;
                            self.u[r + guess] -= steps;
                        }
                    }
                }
            }
            Update::Logistic { rate } => {
                softmax(scores);
                for &f in feats {
                    if let Some(r) = self.row(f) {
                        let r = r * self.n;
                        for (c, p) in scores.iter().enumerate() {
                            let y = if c == gold { 1.0 } else { 0.0 };
                            let d = rate * (y - p);
                            if d != 0.0 {
                                self.w[r + c] += d;
                                self.u[r + c] += steps * d;
                            }
                        }
                    }
                }
            }
        }
        self.steps += 1.0;
        guess
    }

    /// The averaged model, quantised as its file holds it; features whose weights all round
    /// to zero are dropped.
    pub fn finish(self, kind: &str, classes: Vec<String>, meta: String) -> LinearModel {
        let n = self.n;
        let mut rows: Vec<(u64, u32)> = self.index.into_iter().collect();
        rows.sort_unstable();
        let avg = |r: usize, c: usize| self.w[r * n + c] - self.u[r * n + c] / self.steps;
        let max = (0..self.w.len() / n.max(1))
            .flat_map(|r| (0..n).map(move |c| (r, c)))
            .fold(0f32, |m, (r, c)| m.max(avg(r, c).abs()));
        let scale = if max > 0.0 { max / 32767.0 } else { 1.0 };
        let mut kept: Vec<(u64, Vec<i16>)> = Vec::new();
        for (f, r) in rows {
            let q: Vec<i16> = (0..n)
                .map(|c| (avg(r as usize, c) / scale).round() as i16)
                .collect();
            if q.iter().any(|&w| w != 0) {
                kept.push((f, q));
            }
        }
        let rows: Vec<(u64, &[i16])> = kept.iter().map(|(f, q)| (*f, q.as_slice())).collect();
        LinearModel::from_rows(kind.to_string(), classes, meta, scale, &rows)
    }
}

pub fn argmax(scores: &[f32]) -> usize {
    let mut best = 0;
    for (i, &s) in scores.iter().enumerate() {
        if s > scores[best] {
            best = i;
        }
    }
    best
}

/// In-place softmax.
pub fn softmax(scores: &mut [f32]) {
    let max = scores.iter().copied().fold(f32::NEG_INFINITY, f32::max);
    let mut sum = 0.0;
    for s in scores.iter_mut() {
        *s = (*s - max).exp();
        sum += *s;
    }
    for s in scores.iter_mut() {
        *s /= sum;
    }
}

/// A small deterministic generator (xorshift64*) for shuffling training examples.
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Rng {
        Rng(seed.max(1))
    }

    pub fn next_u64(&mut self) -> u64 {
        let mut x = self.0;
        x ^= x >> 12;
        x ^= x << 25;
        x ^= x >> 27;
        self.0 = x;
        x.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }

    /// Fisher-Yates shuffle.
    pub fn shuffle<T>(&mut self, v: &mut [T]) {
        for i in (1..v.len()).rev() {
            let j = (self.next_u64() % (i as u64 + 1)) as usize;
            v.swap(i, j);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn toy(update: Update) -> LinearModel {
        let mut t = Trainer::new(2, update);
        let a = Feat::new(1).bytes(b"a").done();
        let b = Feat::new(1).bytes(b"b").done();
        let bias = Feat::new(0).done();
        let mut scores = Vec::new();
        for _ in 0..20 {
            t.learn(&[a, bias], 0, &mut scores);
            t.learn(&[b, bias], 1, &mut scores);
        }
        t.finish("toy", vec!["x".into(), "y".into()], "meta".into())
    }

    #[test]
    fn trainers_separate_two_classes_and_files_round_trip() {
        for update in [Update::Perceptron, Update::Logistic { rate: 0.5 }] {
            let m = toy(update);
            let mut s = vec![0.0; 2];
            m.score(&[Feat::new(1).bytes(b"a").done()], &mut s);
            assert_eq!(argmax(&s), 0, "{update:?}");
            m.score(&[Feat::new(1).bytes(b"b").done()], &mut s);
            assert_eq!(argmax(&s), 1, "{update:?}");
            let bytes = m.to_bytes();
            let back = LinearModel::from_bytes(&bytes, "toy").unwrap();
            assert_eq!(back, m);
            assert_eq!(back.to_bytes(), bytes);
        }
    }

    #[test]
    fn damaged_files_are_errors() {
        let bytes = toy(Update::Perceptron).to_bytes();
        assert!(matches!(
            LinearModel::from_bytes(&bytes[..bytes.len() - 1], "toy"),
            Err(ModelError::Truncated | ModelError::Damaged(_))
        ));
        assert!(matches!(
            LinearModel::from_bytes(b"nonsense", "toy"),
            Err(ModelError::Truncated | ModelError::Magic)
        ));
        assert!(matches!(
            LinearModel::from_bytes(&bytes, "other"),
            Err(ModelError::Kind { .. })
        ));
    }

    #[test]
    fn lower_hashes_ignore_case() {
        assert_eq!(
            Feat::new(3).lower("Über").done(),
            Feat::new(3).lower("über").done()
        );
        assert_eq!(
            Feat::new(3).lower("NATO").done(),
            Feat::new(3).bytes(b"nato").done()
        );
        assert_ne!(
            Feat::new(3).lower("ab").done(),
            Feat::new(4).lower("ab").done()
        );
    }
}

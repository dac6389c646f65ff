//! A read-only hash table from words (byte strings) to small values, built for lookups of
//! words taken straight from text, most of which are not in the table.
//!
//! Open addressing with linear probing; slots hold the key packed in a machine word, its place
//! in one byte arena and the value, so a hit on a key of up to 8 bytes (almost every word)
//! touches one slot only, and a longer key the slot and its bytes, with no pointer to follow.
//! In front of it, a one-bit-per-hash filter of about 16 bits per key (at most 64 KiB: 7% false
//! positives at 40,000 words) stays in cache and answers most misses without touching the table
//! at all. Keys are hashed a machine word at a time ([`hash`]).

/// The hash of `word`: its bytes read as at most two (overlapping) 64-bit words for the short
/// words that make up almost every lookup, multiplied and mixed. Every byte and the length
/// count, so distinct words collide only by chance.
#[inline(always)]
pub fn hash(word: &[u8]) -> u64 {
    const K: u64 = 0x9e37_79b9_7f4a_7c15;
    let n = word.len();
    let word8 = |at: usize| u64::from_le_bytes(word[at..at + 8].try_into().expect("8"));
    let mix = |h: u64, x: u64| (h ^ x).wrapping_mul(K).rotate_left(26);
    let mut h = (n as u64).wrapping_mul(K);
    h = match n {
        0 => h,
        // The packing covers every byte of a short word.
        1..=7 => mix(h, pack(word)),
        8..=16 => mix(mix(h, word8(0)), word8(n - 8)),
        _ => {
            let mut at = 0;
            while at + 8 <= n {
                h = mix(h, word8(at));
                at += 8;
            }
            mix(h, word8(n - 8))
        }
    };
    // Spread the high bits down: the filter reads the top bits, the slots the low ones.
    h ^= h >> 32;
    h = h.wrapping_mul(K);
    h ^ (h >> 29)
}

/// `a == b` for slices of equal length, without a call to `memcmp` for keys of up to 16
/// bytes (shorter keys are compared packed, in their slot).
#[inline]
fn same(a: &[u8], b: &[u8]) -> bool {
    let n = a.len();
    debug_assert_eq!(n, b.len());
    let word8 =
        |s: &[u8], at: usize| u64::from_ne_bytes(s[at..at + 8].try_into().expect("8 bytes"));
    match n {
        // Two overlapping loads cover the word.
        8..=16 => word8(a, 0) == word8(b, 0) && word8(a, n - 8) == word8(b, n - 8),
        _ => a == b,
    }
}

/// log2 of the filter's largest size in bits (2^19 bits = 64 KiB).
const MAX_FILTER_BITS: u32 = 19;
/// log2 of the filter's smallest size in bits (2^12 bits = 512 bytes).
const MIN_FILTER_BITS: u32 = 12;

/// A key's bytes packed in one machine word: for keys of up to 8 bytes, two words of the same
/// length have the same packing only if they are equal (the loads overlap and cover every
/// byte); longer keys are packed by their first 8 bytes and compared in full on a match.
#[inline(always)]
fn pack(word: &[u8]) -> u64 {
    let n = word.len();
    let word4 = |at: usize| u64::from(u32::from_le_bytes(word[at..at + 4].try_into().expect("4")));
    match n {
        0 => 0,
        1..=3 => u64::from(word[0]) | u64::from(word[n / 2]) << 8 | u64::from(word[n - 1]) << 16,
        4..=8 => word4(0) | word4(n - 4) << 32,
        _ => u64::from_le_bytes(word[..8].try_into().expect("8")),
    }
}

#[derive(Clone, Copy, Debug)]
struct Slot<V> {
    /// The key packed ([`pack`]): short keys are compared in the slot, without the arena.
    key: u64,
    off: u32,
    /// Key length; 0 marks an empty slot (the empty word is never a key).
    len: u16,
    value: V,
}

/// A word table; see the module documentation.
#[derive(Clone, Debug)]
pub struct WordTable<V> {
    slots: Vec<Slot<V>>,
    arena: Vec<u8>,
    mask: usize,
    filter: Vec<u64>,
    /// log2 of the filter's size in bits: about 16 bits per key, so that a small table's
    /// filter stays in the first-level cache.
    filter_bits: u32,
}

impl<V: Copy + Default> Default for WordTable<V> {
    fn default() -> Self {
        WordTable::new(std::iter::empty())
    }
}

impl<V: Copy + Default> WordTable<V> {
    /// Builds the table. Later duplicates of a key are ignored; empty keys and keys longer
    /// than `u16::MAX` bytes (no text word is that long) are left out.
    pub fn new<'k>(entries: impl ExactSizeIterator<Item = (&'k [u8], V)>) -> WordTable<V> {
        let cap = (entries.len() * 3 / 2).next_power_of_two().max(16);
        let empty = Slot {
            key: 0,
            off: 0,
            len: 0,
            value: V::default(),
        };
        let filter_bits = (entries.len().max(1) * 16)
            .next_power_of_two()
            .trailing_zeros()
            .clamp(MIN_FILTER_BITS, MAX_FILTER_BITS);
        let mut t = WordTable {
            slots: vec![empty; cap],
            arena: Vec::new(),
            mask: cap - 1,
            filter: vec![0; 1 << (filter_bits - 6)],
            filter_bits,
        };
        for (key, value) in entries {
            let Ok(len) = u16::try_from(key.len()) else {
                continue;
            };
            if len == 0 {
                continue;
            }
            let h = hash(key);
            if t.get(key, h).is_some() {
                continue;
            }
            let bit = (h >> (64 - t.filter_bits)) as usize;
            t.filter[bit / 64] |= 1 << (bit % 64);
            let mut i = (h as usize) & t.mask;
            while t.slots[i].len != 0 {
                i = (i + 1) & t.mask;
            }
            t.slots[i] = Slot {
                key: pack(key),
                off: t.arena.len() as u32,
                len,
                value,
            };
            t.arena.extend_from_slice(key);
        }
        t
    }

    /// The value of `word`, whose hash ([`hash`]) is `h`.
    #[inline(always)]
    pub fn get(&self, word: &[u8], h: u64) -> Option<V> {
        let bit = (h >> (64 - self.filter_bits)) as usize;
        if self.filter[bit / 64] & (1 << (bit % 64)) == 0 {
            return None;
        }
        let key = pack(word);
        let mut i = (h as usize) & self.mask;
        loop {
            let s = &self.slots[i];
            if s.len == 0 {
                return None;
            }
            if s.key == key
                && usize::from(s.len) == word.len()
                && (word.len() <= 8
                    || same(
                        &self.arena[s.off as usize..s.off as usize + word.len()],
                        word,
                    ))
            {
                return Some(s.value);
            }
            i = (i + 1) & self.mask;
        }
    }

    /// The value of `word`.
    #[inline(always)]
    pub fn lookup(&self, word: &str) -> Option<V> {
        self.get(word.as_bytes(), hash(word.as_bytes()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_every_key_and_nothing_else() {
        let words: Vec<String> = (0..50_000).map(|i| format!("w{i}")).collect();
        let t = WordTable::new(
            words
                .iter()
                .enumerate()
                .map(|(i, w)| (w.as_bytes(), i as u32)),
        );
        for (i, w) in words.iter().enumerate() {
            assert_eq!(t.lookup(w), Some(i as u32), "{w}");
        }
        for w in ["", "w", "w50000", "x1", "w1 ", "W1"] {
            assert_eq!(t.lookup(w), None, "{w:?}");
        }
    }

    #[test]
    fn same_compares_every_byte() {
        for n in 0..40 {
            let a: Vec<u8> = (0..n as u8).collect();
            assert!(same(&a, &a.clone()));
            for k in 0..n {
                let mut b = a.clone();
                b[k] ^= 0x20;
                assert!(!same(&a, &b), "length {n}, byte {k}");
            }
        }
    }

    #[test]
    fn short_keys_pack_every_byte() {
        for n in 1..=8 {
            let a: Vec<u8> = (1..=n as u8).collect();
            for k in 0..n {
                let mut b = a.clone();
                b[k] ^= 0x20;
                assert_ne!(pack(&a), pack(&b), "length {n}, byte {k}");
            }
        }
        // Keys longer than 8 bytes that share their first 8 are told apart in the arena.
        let t = WordTable::new([(&b"abcdefgh1"[..], 1u8), (&b"abcdefgh2"[..], 2)].into_iter());
        assert_eq!(t.lookup("abcdefgh2"), Some(2));
        assert_eq!(t.lookup("abcdefgh3"), None);
    }

    #[test]
    fn first_of_duplicate_keys_wins() {
        let t = WordTable::new([(&b"a"[..], 1u8), (&b"a"[..], 2), (&b""[..], 3)].into_iter());
        assert_eq!(t.lookup("a"), Some(1));
        assert_eq!(t.lookup(""), None);
    }
}

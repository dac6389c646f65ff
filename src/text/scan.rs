//! Byte scans shared by folding, the matcher, the name guesser and the tokenizer: the end of an
//! ASCII prefix or of a run of ASCII letters and digits, eight bytes at a time.

const LO: u64 = 0x0101_0101_0101_0101;
const HI: u64 = 0x8080_8080_8080_8080;

/// High bit of every byte of `x` (bytes below 0x80) that lies in `lo..=hi` (`lo >= 1`).
#[inline(always)]
fn in_range(x: u64, lo: u8, hi: u8) -> u64 {
    // No byte below 0x80 carries into its neighbour: b + 0x80 - lo <= 0xfe.
    let ge = x + LO * u64::from(0x80 - lo);
    let gt = x + LO * u64::from(0x7f - hi);
    ge & !gt & HI
}

/// Length of the ASCII prefix of `b`, eight bytes at a time.
pub fn ascii_prefix_len(b: &[u8]) -> usize {
    let mut chunks = b.chunks_exact(8);
    let mut n = 0;
    for chunk in chunks.by_ref() {
        let w = u64::from_le_bytes(chunk.try_into().expect("eight bytes")) & HI;
        if w != 0 {
            return n + (w.trailing_zeros() / 8) as usize;
        }
        n += 8;
    }
    n + chunks
        .remainder()
        .iter()
        .position(|&x| x >= 0x80)
        .unwrap_or(chunks.remainder().len())
}

/// The first index at or after `i` whose byte is not an ASCII letter or digit (a non-ASCII
/// byte stops the run too), or `bytes.len()`.
#[inline(always)]
pub fn ascii_alnum_end(bytes: &[u8], mut i: usize) -> usize {
    while let Some(chunk) = bytes.get(i..i + 8) {
        let x = u64::from_le_bytes(chunk.try_into().expect("eight bytes"));
        let low = x & !HI;
        let alnum = (in_range(low | (LO * 0x20), b'a', b'z') | in_range(low, b'0', b'9')) & !x;
        let stop = !alnum & HI;
        if stop != 0 {
            return i + (stop.trailing_zeros() / 8) as usize;
        }
        i += 8;
    }
    while i < bytes.len() && bytes[i].is_ascii_alphanumeric() {
        i += 1;
    }
    i
}

/// The first index in `i..end` whose byte is an ASCII capital letter (or, with `DIGITS`, an
/// ASCII digit) or is not ASCII, or `end`: where a capitalised word (a name) can begin, eight
/// bytes at a time.
#[inline]
pub fn capital_or_non_ascii<const DIGITS: bool>(bytes: &[u8], mut i: usize, end: usize) -> usize {
    let end = end.min(bytes.len());
    let stops = |b: u8| b >= 0x80 || b.is_ascii_uppercase() || (DIGITS && b.is_ascii_digit());
    while i + 8 <= end {
        let x = u64::from_le_bytes(bytes[i..i + 8].try_into().expect("eight bytes"));
        let low = x & !HI;
        let mut hit = (x & HI) | in_range(low, b'A', b'Z');
        if DIGITS {
            hit |= in_range(low, b'0', b'9');
        }
        if hit != 0 {
            return i + (hit.trailing_zeros() / 8) as usize;
        }
        i += 8;
    }
    while i < end && !stops(bytes[i]) {
        i += 1;
    }
    i
}

/// The start of the run of ASCII letters and digits that ends at `j`, not before `floor`.
#[inline]
pub fn ascii_word_start(bytes: &[u8], mut j: usize, floor: usize) -> usize {
    while j > floor && bytes[j - 1].is_ascii_alphanumeric() {
        j -= 1;
    }
    j
}

/// The end of the run of alphanumeric characters (Unicode) that starts at byte `i` of `s`.
#[inline(always)]
pub fn alnum_end(s: &str, i: usize) -> usize {
    let bytes = s.as_bytes();
    let end = ascii_alnum_end(bytes, i);
    if end < bytes.len() && bytes[end] >= 0x80 {
        alnum_end_unicode(s, end)
    } else {
        end
    }
}

/// [`alnum_end`] from a non-ASCII byte on.
#[inline(never)]
fn alnum_end_unicode(s: &str, mut i: usize) -> usize {
    let bytes = s.as_bytes();
    loop {
        if i < bytes.len() && bytes[i] >= 0x80 {
            let c = s[i..].chars().next().expect("char boundary");
            if c.is_alphanumeric() {
                i = ascii_alnum_end(bytes, i + c.len_utf8());
                continue;
            }
        }
        return i;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn agrees_with_a_byte_loop_on_every_byte() {
        // Every byte value at every position of a chunk, between letters.
        for b in 0..=255u8 {
            for at in 0..12 {
                let mut v = vec![b'a'; 12];
                v[at] = b;
                let want = if b.is_ascii_alphanumeric() { 12 } else { at };
                assert_eq!(ascii_alnum_end(&v, 0), want, "byte {b:#x} at {at}");
            }
        }
        let s = b"Kim Jong-un, 2024: ZZ9 @[`{";
        for i in 0..s.len() {
            let want = (i..s.len())
                .find(|&k| !s[k].is_ascii_alphanumeric())
                .unwrap_or(s.len());
            assert_eq!(ascii_alnum_end(s, i), want, "from {i}");
        }
    }

    #[test]
    fn capital_or_non_ascii_agrees_with_a_byte_loop() {
        for b in 0..=255u8 {
            for at in 0..12 {
                let mut v = vec![b'a'; 12];
                v[at] = b;
                let want = if b >= 0x80 || b.is_ascii_uppercase() {
                    at
                } else {
                    12
                };
                assert_eq!(
                    capital_or_non_ascii::<false>(&v, 0, 12),
                    want,
                    "byte {b:#x} at {at}"
                );
                // A bound before the hit stops the scan there.
                assert_eq!(capital_or_non_ascii::<false>(&v, 0, at), at);
            }
        }
        let s = "the quick Brown fox, a ümlaut; @[`{ Z".as_bytes();
        for i in 0..s.len() {
            for end in i..=s.len() + 3 {
                let want = (i..end.min(s.len()))
                    .find(|&k| s[k] >= 0x80 || s[k].is_ascii_uppercase())
                    .unwrap_or(end.min(s.len()));
                assert_eq!(capital_or_non_ascii::<false>(s, i, end), want, "{i}..{end}");
            }
        }
    }

    #[test]
    fn capital_digit_or_non_ascii_agrees_with_a_byte_loop() {
        let stops = |b: u8| b >= 0x80 || b.is_ascii_uppercase() || b.is_ascii_digit();
        for b in 0..=255u8 {
            for at in 0..12 {
                let mut v = vec![b'a'; 12];
                v[at] = b;
                let want = if stops(b) { at } else { 12 };
                assert_eq!(
                    capital_or_non_ascii::<true>(&v, 0, 12),
                    want,
                    "byte {b:#x} at {at}"
                );
            }
        }
        let s = "the quick brown fox, a 9 ümlaut; @[`{ Z".as_bytes();
        for i in 0..=s.len() {
            let want = (i..s.len()).find(|&k| stops(s[k])).unwrap_or(s.len());
            assert_eq!(
                capital_or_non_ascii::<true>(s, i, s.len()),
                want,
                "from {i}"
            );
        }
    }

    #[test]
    fn alnum_end_crosses_non_ascii_letters() {
        let s = "erdoğan's müller-lüdenscheidt ß—x";
        assert_eq!(&s[..alnum_end(s, 0)], "erdoğan");
        let m = s.find('m').unwrap();
        assert_eq!(&s[m..alnum_end(s, m)], "müller");
        let l = s.find('l').unwrap();
        assert_eq!(&s[l..alnum_end(s, l)], "ller");
        let sz = s.find('ß').unwrap();
        assert_eq!(&s[sz..alnum_end(s, sz)], "ß");
    }
}

//! Offset-keeping text normalisation.
//!
//! The matcher runs over a *folded* copy of the text: lower case, typographic quotes and
//! apostrophes folded to ASCII, every dash to `-`, every run of white space (including
//! non-breaking spaces and line breaks inside names) to one space, and invisible characters
//! (soft hyphen, zero-width space) dropped. [`Folded`] keeps, for every byte of the folded copy,
//! the byte offset of the original character it came from, so a match maps back to the exact
//! original span.

/// Folds typographic punctuation and white space to their ASCII forms, keeping case.
/// Returns `None` for characters that are dropped (soft hyphen, zero-width characters).
#[inline]
pub fn fold_punct(c: char) -> Option<char> {
    Some(match c {
        '\u{2018}' | '\u{2019}' | '\u{201A}' | '\u{201B}' | '\u{2032}' | '\u{02BC}'
        | '\u{0060}' | '\u{00B4}' => '\'',
        '\u{201C}' | '\u{201D}' | '\u{201E}' | '\u{201F}' | '\u{00AB}' | '\u{00BB}'
        | '\u{2033}' => '"',
        '\u{2010}' | '\u{2011}' | '\u{2012}' | '\u{2013}' | '\u{2014}' | '\u{2015}'
        | '\u{2212}' | '\u{FE58}' | '\u{FE63}' | '\u{FF0D}' => '-',
        '\u{00AD}' | '\u{200B}' | '\u{200C}' | '\u{200D}' | '\u{2060}' | '\u{FEFF}' => return None,
        c if c.is_whitespace() => ' ',
        c => c,
    })
}

/// The folded copy of a text with its map back to original byte offsets.
#[derive(Debug, Default, Clone)]
pub struct Folded {
    /// Folded text (lower case, ASCII punctuation, single spaces).
    pub text: String,
    /// `orig[i]` = original byte offset of the character that produced folded byte `i`;
    /// `orig[text.len()]` = original length.
    orig: Vec<u32>,
}

impl Folded {
    /// Folds `input`, reusing this buffer's allocations.
    pub fn fold_into(&mut self, input: &str) {
        let mut text = std::mem::take(&mut self.text).into_bytes();
        text.clear();
        self.orig.clear();
        text.reserve(input.len());
        self.orig.reserve(input.len() + 1);
        let bytes = input.as_bytes();
        let mut i = 0;
        while i < bytes.len() {
            // Fast path: a run of ASCII folds byte for byte, without branches (the compiler
            // vectorises it); white space becomes a space, and runs of spaces are collapsed
            // at the end.
            let run = crate::text::scan::ascii_prefix_len(&bytes[i..]);
            if run > 0 {
                // Exact-size iterators: the copies vectorise without zeroing the space first.
                text.extend(bytes[i..i + run].iter().map(|&b| {
                    let upper = b.wrapping_sub(b'A') < 26;
                    let space = b == b' ' || b.wrapping_sub(0x09) < 5;
                    let lower = b | (u8::from(upper) << 5);
                    if space { b' ' } else { lower }
                }));
                self.orig.extend((i..i + run).map(|k| k as u32));
                i += run;
                if i == bytes.len() {
                    break;
                }
            }
            let pos = i;
            let c = input[i..].chars().next().expect("char boundary");
            i += c.len_utf8();
            let Some(f) = fold_punct(c) else { continue };
            let mut utf8 = [0u8; 4];
            for l in f.to_lowercase() {
                for &b in l.encode_utf8(&mut utf8).as_bytes() {
                    text.push(b);
                    self.orig.push(pos as u32);
                }
            }
        }
        collapse_spaces(&mut text, &mut self.orig);
        self.orig.push(input.len() as u32);
        // Only whole characters were written.
        self.text = String::from_utf8(text).expect("folding writes whole characters");
    }

    /// Folds a string into a new buffer.
    pub fn new(input: &str) -> Folded {
        let mut f = Folded::default();
        f.fold_into(input);
        f
    }

    /// Original byte offset of folded byte `i` (`i` may equal `text.len()`).
    #[inline]
    pub fn orig_offset(&self, i: usize) -> usize {
        self.orig[i] as usize
    }

    /// The first folded byte whose original offset is at or after `orig` (maps an original
    /// offset, such as a sentence boundary, into the folded text).
    pub fn folded_offset(&self, orig: usize) -> usize {
        self.orig[..self.text.len()].partition_point(|&o| (o as usize) < orig)
    }

    /// [`Folded::folded_offset`] when the answer is known to lie in `lo..=hi`.
    #[inline]
    pub fn folded_offset_in(&self, orig: usize, lo: usize, hi: usize) -> usize {
        // Text that folds byte for byte ends exactly at `hi`: no search.
        if self.orig[hi] as usize == orig && (hi == lo || (self.orig[hi - 1] as usize) < orig) {
            return hi;
        }
        lo + self.orig[lo..hi].partition_point(|&o| (o as usize) < orig)
    }

    /// The folded offset of original offset `q`, from folded offset `i` when the original text
    /// between them is ASCII: it folds byte for byte (runs of white space collapse), so the
    /// answer is at most `q - orig_offset(i)` bytes on, and at most `limit`.
    #[inline]
    pub fn folded_offset_over_ascii(&self, i: usize, q: usize, limit: usize) -> usize {
        let o = self.orig_offset(i);
        self.folded_offset_in(q, i, (i + (q - o)).min(limit))
    }

    /// Original byte span of the folded span `start..end`: from the start of the first folded
    /// character to the end of the original character that produced the last folded byte.
    pub fn orig_span(&self, start: usize, end: usize, original: &str) -> (usize, usize) {
        let s = self.orig_offset(start);
        if end == 0 || end <= start {
            return (s, s);
        }
        let last = self.orig_offset(end - 1);
        let e = last + original[last..].chars().next().map_or(0, char::len_utf8);
        (s, e)
    }
}

/// Keeps the first space of every run of spaces in `text`, and the matching entries of `orig`.
fn collapse_spaces(text: &mut Vec<u8>, orig: &mut Vec<u32>) {
    static DOUBLE: std::sync::LazyLock<memchr::memmem::Finder<'static>> =
        std::sync::LazyLock::new(|| memchr::memmem::Finder::new(b"  "));
    let Some(first) = DOUBLE.find(text) else {
        return;
    };
    // Copy down the kept segments: `w` is the write cursor, `r` the read cursor.
    let (mut w, mut r) = (first + 1, first + 1);
    while r < text.len() {
        // Skip the rest of the run of spaces.
        while r < text.len() && text[r] == b' ' {
            r += 1;
        }
        let next = DOUBLE.find(&text[r..]).map_or(text.len(), |p| r + p + 1);
        text.copy_within(r..next, w);
        orig.copy_within(r..next, w);
        w += next - r;
        r = next;
    }
    text.truncate(w);
    orig.truncate(w);
}

/// Folds a gazetteer surface the same way as text (used to build patterns).
pub fn fold_str(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut last_space = true; // also trims leading white space
    for c in s.chars() {
        let Some(f) = fold_punct(c) else { continue };
        if f == ' ' {
            if !last_space {
                out.push(' ');
            }
            last_space = true;
            continue;
        }
        last_space = false;
        if f.is_ascii() {
            out.push(f.to_ascii_lowercase());
        } else {
            out.extend(f.to_lowercase());
        }
    }
    if out.ends_with(' ') {
        out.pop();
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folded_offset_in_agrees_with_the_full_search() {
        for text in [
            "Kim  Jong\n\n Un said",
            "Straße ﬁ  x",
            "a\u{2019}b  \t c",
            "",
        ] {
            let f = Folded::new(text);
            let n = f.text.len();
            for (orig, _) in text.char_indices().chain([(text.len(), ' ')]) {
                let want = f.folded_offset(orig);
                for lo in 0..=want {
                    for hi in want..=n {
                        assert_eq!(
                            f.folded_offset_in(orig, lo, hi),
                            want,
                            "{text:?} {orig} {lo}..={hi}"
                        );
                    }
                }
            }
        }
    }

    #[test]
    fn folding_keeps_offsets() {
        let text = "Workers\u{2019} Party of\n  Korea \u{2014} “Kim”";
        let f = Folded::new(text);
        assert_eq!(f.text, "workers' party of korea - \"kim\"");
        let start = f.text.find("korea").unwrap();
        let (s, e) = f.orig_span(start, start + 5, text);
        assert_eq!(&text[s..e], "Korea");
        let start = f.text.find("workers'").unwrap();
        let (s, e) = f.orig_span(start, start + 8, text);
        assert_eq!(&text[s..e], "Workers\u{2019}");
    }

    #[test]
    fn fold_str_agrees_with_folding_text() {
        for s in [
            "  Workers\u{2019} Party\n of Korea ",
            "ERDO\u{11E}AN",
            "a\u{ad}b",
            "",
            " x ",
        ] {
            assert_eq!(fold_str(s), Folded::new(s).text.trim(), "{s:?}");
        }
    }

    #[test]
    fn collapses_mixed_white_space_runs() {
        let text = "A \u{a0}\n B\u{2003}\u{ad} \tC  d\u{a0}";
        let f = Folded::new(text);
        assert_eq!(f.text, "a b c d ");
        let offsets: Vec<usize> = (0..=f.text.len()).map(|i| f.orig_offset(i)).collect();
        let b = text.find('B').unwrap();
        let c = text.find('C').unwrap();
        let d = text.find('d').unwrap();
        assert_eq!(offsets, [0, 1, b, b + 1, c, c + 1, d, d + 1, text.len()]);
    }

    #[test]
    fn drops_invisible_characters_and_lowercases_unicode() {
        let f = Folded::new("Erdo\u{011F}an\u{00AD}s \u{00C9}LYS\u{00C9}E");
        assert_eq!(f.text, "erdo\u{011F}ans \u{00E9}lys\u{00E9}e");
    }
}

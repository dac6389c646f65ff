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
        self.text.clear();
        self.orig.clear();
        self.text.reserve(input.len());
        self.orig.reserve(input.len() + 1);
        let bytes = input.as_bytes();
        let mut last_space = false;
        let mut i = 0;
        while i < bytes.len() {
            // Fast path: ASCII folds byte for byte (white space collapses to one space).
            let b = bytes[i];
            if b < 0x80 {
                if b.is_ascii_whitespace() || b == 0x0B {
                    if !last_space {
                        self.text.push(' ');
                        self.orig.push(i as u32);
                        last_space = true;
                    }
                } else {
                    self.text.push(b.to_ascii_lowercase() as char);
                    self.orig.push(i as u32);
                    last_space = false;
                }
                i += 1;
                continue;
            }
            let pos = i;
            let c = input[i..].chars().next().expect("char boundary");
            i += c.len_utf8();
            let Some(f) = fold_punct(c) else { continue };
            if f == ' ' {
                if !last_space {
                    self.text.push(' ');
                    self.orig.push(pos as u32);
                    last_space = true;
                }
                continue;
            }
            last_space = false;
            for l in f.to_lowercase() {
                let before = self.text.len();
                self.text.push(l);
                for _ in before..self.text.len() {
                    self.orig.push(pos as u32);
                }
            }
        }
        self.orig.push(input.len() as u32);
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
    fn drops_invisible_characters_and_lowercases_unicode() {
        let f = Folded::new("Erdo\u{011F}an\u{00AD}s \u{00C9}LYS\u{00C9}E");
        assert_eq!(f.text, "erdo\u{011F}ans \u{00E9}lys\u{00E9}e");
    }
}

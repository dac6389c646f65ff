//! Document preparation: the text every stage reads, with a map back to the original.
//!
//! Real text arrives in many spellings of the same thing. Before anything else reads a document,
//! [`Prepared::prepare`] rewrites it into one spelling, keeping for every byte where it came from,
//! so that offsets in the output still point into the exact original text:
//!
//! * **NFC.** Decomposed accents (`Bei` + U+0301 + `jing`, common in text from macOS and PDFs)
//!   are composed (`Beíjing`), so a word is never cut at a combining mark.
//! * **Typography.** Curly apostrophes and quotes become `'` and `"`; an en or em dash between
//!   words becomes ` - ` (a dash glued to words, `Putin—who`, would read as a hyphenated name);
//!   a no-break space becomes a space; the line and paragraph separators (U+2028, U+2029) and
//!   NEL become line breaks; a byte order mark and other control characters (C0 but tab and line
//!   breaks, C1) become spaces, or vanish at the start of the text (BOM).
//! * **Tokenised spacing.** Text from tokenised corpora puts spaces before punctuation and
//!   clitics (`Sioux City , Iowa , began`, `Turkey 's prime minister`, `did n't`, `( AP )`): the
//!   space before `, . ; : ? ! ) ] %` and the clitics `'s 're 've 'll 'd 'm n't` is removed
//!   (only after a word or closing character, and only before the end of a token), and so is
//!   the space after `(` and `[`. PTB quotes ``` `` ``` and `''` standing alone become `"`.
//!
//! Text that needs none of this (most ASCII news) is used as it is: no copy, no map.

use unicode_normalization::char::canonical_combining_class;
use unicode_normalization::{IsNormalized, UnicodeNormalization, is_nfc_quick};

/// A document's prepared text and its map back to the original.
#[derive(Debug, Default, Clone)]
pub struct Prepared {
    text: String,
    /// The map, as pieces in text order: piece `k` covers prepared bytes `p[k]..p[k+1]` and
    /// original bytes `o[k]..o[k+1]`, either byte for byte (`verbatim`) or as a whole (a
    /// replacement: composed accents, folded punctuation, a dropped space). A final sentinel
    /// piece closes the last one. Only the edits cost memory, never the text's length.
    pieces: Vec<Piece>,
    /// Whether the prepared text is the original itself.
    identity: bool,
}

#[derive(Debug, Clone, Copy)]
struct Piece {
    p: u32,
    o: u32,
    verbatim: bool,
}

/// Whether `c` can end a word that punctuation attaches to in tokenised text.
fn attaches_after(c: char) -> bool {
    c.is_alphanumeric() || matches!(c, ')' | ']' | '"' | '\'' | '.' | '%')
}

/// What a character becomes: `None` keeps it, `Some("")` drops it.
fn typographic(c: char, at_start: bool) -> Option<&'static str> {
    Some(match c {
        '\u{2018}' | '\u{2019}' | '\u{201B}' | '\u{2032}' | '\u{02BC}' => "'",
        '\u{201C}' | '\u{201D}' | '\u{201F}' | '\u{2033}' => "\"",
        '\u{00A0}' | '\u{2007}' | '\u{202F}' => " ",
        '\u{2028}' | '\u{2029}' | '\u{0085}' => "\n",
        '\u{FEFF}' if at_start => "",
        '\u{FEFF}' => " ",
        '\t' | '\n' | '\r' => return None,
        c if c.is_control() => " ",
        _ => return None,
    })
}

fn is_dash(c: char) -> bool {
    matches!(c, '\u{2013}' | '\u{2014}' | '\u{2015}')
}

/// Whether `s` starts a new token: white space, the end, or closing punctuation.
fn token_end(s: &str) -> bool {
    s.chars().next().is_none_or(|n| {
        n.is_whitespace() || matches!(n, ',' | '.' | ';' | ':' | '"' | ')' | '?' | '!')
    })
}

/// The rest after a clitic of tokenised text (`'s`, `'re`, `'ve`, `'ll`, `'d`, `'m`, `n't`, with
/// a straight or curly apostrophe) at the start of `rest`.
fn after_clitic(rest: &str) -> Option<&str> {
    let (negation, r) = match rest.strip_prefix(['n', 'N']) {
        Some(r) => (true, r),
        None => (false, rest),
    };
    let r = r.strip_prefix(['\'', '\u{2019}'])?;
    let word_len = r
        .find(|c: char| !c.is_ascii_alphabetic())
        .unwrap_or(r.len());
    let word = &r[..word_len];
    let ok = if negation {
        word.eq_ignore_ascii_case("t")
    } else {
        ["s", "re", "ve", "ll", "d", "m"]
            .iter()
            .any(|k| word.eq_ignore_ascii_case(k))
    };
    ok.then_some(&r[word_len..])
}

/// Whether the text after a removable space starts with punctuation of tokenised text, ending a
/// token there (a following space, the end, or more punctuation).
fn tokenised_punct_after_space(rest: &str) -> bool {
    let mut chars = rest.chars();
    let Some(c) = chars.next() else { return false };
    match c {
        ',' | ';' | ':' | '?' | '!' | ')' | ']' | '%' => token_end(chars.as_str()),
        '.' => token_end(chars.as_str()) || chars.as_str().starts_with(".."),
        _ => after_clitic(rest).is_some_and(token_end),
    }
}

/// Whether `text` may need preparing: any non-ASCII byte, control character, or a space or
/// bracket pattern of tokenised text. A cheap byte scan; `false` means the text is used as is.
fn may_need_preparing(text: &str) -> bool {
    let b = text.as_bytes();
    for i in 0..b.len() {
        let c = b[i];
        if c >= 0x80 || (c < 0x20 && !matches!(c, b'\t' | b'\n' | b'\r')) || c == 0x7F {
            return true;
        }
        match c {
            b' ' => {
                if let Some(&n) = b.get(i + 1)
                    && matches!(
                        n,
                        b',' | b'.'
                            | b';'
                            | b':'
                            | b'?'
                            | b'!'
                            | b')'
                            | b']'
                            | b'%'
                            | b'\''
                            | b'n'
                            | b'N'
                    )
                    && i > 0
                    && b[i - 1] != b' '
                {
                    return true;
                }
            }
            b'(' | b'[' if b.get(i + 1) == Some(&b' ') => return true,
            b'`' if b.get(i + 1) == Some(&b'`') => return true,
            b'\'' if b.get(i + 1) == Some(&b'\'') => return true,
            _ => {}
        }
    }
    false
}

impl Prepared {
    /// Prepares `input` and returns the text to extract from (the input itself when nothing
    /// changes). Reuses this buffer's allocations.
    pub fn prepare<'a>(&'a mut self, input: &'a str) -> &'a str {
        self.text.clear();
        self.pieces.clear();
        self.identity = !may_need_preparing(input) || !self.rewrite(input);
        if self.identity {
            input
        } else {
            self.pieces.push(Piece {
                p: self.text.len() as u32,
                o: input.len() as u32,
                verbatim: false,
            });
            &self.text
        }
    }

    /// Whether the prepared text is the original (offsets need no mapping).
    pub fn is_identity(&self) -> bool {
        self.identity
    }

    /// The original byte offset of prepared byte offset `i` used as a start.
    pub fn orig_start(&self, i: usize) -> usize {
        if self.identity {
            return i;
        }
        // The piece that holds byte `i`: the last one starting at or before it (empty pieces,
        // dropped text, hold nothing).
        let k = self.pieces.partition_point(|x| x.p as usize <= i);
        let Some(k) = k.checked_sub(1) else { return 0 };
        let piece = self.pieces[k];
        if k + 1 == self.pieces.len() {
            return piece.o as usize;
        }
        if piece.verbatim {
            piece.o as usize + (i - piece.p as usize)
        } else {
            // A replacement maps as a whole: its start is the original's start.
            piece.o as usize
        }
    }

    /// The original byte offset of prepared byte offset `i` used as an (exclusive) end.
    pub fn orig_end(&self, i: usize) -> usize {
        if self.identity {
            return i;
        }
        if i == 0 {
            return 0;
        }
        // The piece that holds byte `i - 1`.
        let k = self.pieces.partition_point(|x| (x.p as usize) < i);
        let Some(k) = k.checked_sub(1) else { return 0 };
        let piece = self.pieces[k];
        if piece.verbatim {
            piece.o as usize + (i - piece.p as usize)
        } else {
            self.pieces
                .get(k + 1)
                .map_or(piece.o as usize, |n| n.o as usize)
        }
    }

    /// Pushes `s` standing as a whole for the original bytes from `from` up to where the next
    /// piece starts (pieces are contiguous in the original).
    fn push(&mut self, s: &str, from: usize) {
        self.pieces.push(Piece {
            p: self.text.len() as u32,
            o: from as u32,
            verbatim: false,
        });
        self.text.push_str(s);
    }

    /// Pushes original text unchanged, byte for byte.
    fn push_same(&mut self, input: &str, from: usize, to: usize) {
        let p = self.text.len() as u32;
        let continues = self
            .pieces
            .last()
            .is_some_and(|last| last.verbatim && last.o as usize + (p - last.p) as usize == from);
        if !continues {
            self.pieces.push(Piece {
                p,
                o: from as u32,
                verbatim: true,
            });
        }
        self.text.push_str(&input[from..to]);
    }

    /// Drops the original bytes from `from` up to where the next piece starts.
    fn drop_text(&mut self, from: usize) {
        self.push("", from);
    }

    /// Whether the last prepared character lets punctuation attach to it.
    fn last_attaches(&self) -> bool {
        self.text.chars().next_back().is_some_and(attaches_after)
    }

    /// Rewrites `input` into `self.text`; returns whether anything changed.
    fn rewrite(&mut self, input: &str) -> bool {
        self.text.reserve(input.len());
        let nfc = is_nfc_quick(input.chars()) == IsNormalized::Yes;
        let mut changed = false;
        let mut i = 0;
        while i < input.len() {
            let rest = &input[i..];
            let c = rest.chars().next().expect("char boundary");
            let n = c.len_utf8();
            // A run of combining characters after a starter: compose the whole segment.
            if !nfc {
                let seg_end = segment_end(input, i);
                let seg = &input[i..seg_end];
                if seg_end > i + n || is_nfc_quick(seg.chars()) != IsNormalized::Yes {
                    let composed: String = seg.nfc().collect();
                    if composed != seg {
                        changed = true;
                        self.push(&composed, i);
                    } else {
                        self.push_same(input, i, seg_end);
                    }
                    i = seg_end;
                    continue;
                }
            }
            if let Some(to) = typographic(c, i == 0) {
                changed = true;
                if to.is_empty() {
                    self.drop_text(i);
                } else {
                    self.push(to, i);
                }
                i += n;
                continue;
            }
            if is_dash(c) {
                // A dash between words stands apart: ` - `.
                let space_before = self.text.ends_with(|x: char| x.is_whitespace());
                let next = input[i + n..].chars().next();
                let space_after = next.is_none_or(char::is_whitespace);
                let numeric = self.text.ends_with(|x: char| x.is_ascii_digit())
                    && next.is_some_and(|x| x.is_ascii_digit());
                changed = true;
                if numeric {
                    // 1990–2000: a range.
                    self.push("-", i);
                } else {
                    let s = match (space_before || self.text.is_empty(), space_after) {
                        (true, true) => "-",
                        (true, false) => "- ",
                        (false, true) => " -",
                        (false, false) => " - ",
                    };
                    self.push(s, i);
                }
                i += n;
                continue;
            }
            match c {
                ' ' if self.last_attaches() && tokenised_punct_after_space(&input[i + 1..]) => {
                    // `City , Iowa`: drop the space.
                    changed = true;
                    self.drop_text(i);
                    i += 1;
                    continue;
                }
                '(' | '[' if input[i + 1..].starts_with(' ') => {
                    let after = input[i + 1..].trim_start_matches(' ');
                    self.push_same(input, i, i + 1);
                    i += 1;
                    // `( AP )`: drop the spaces after the bracket when a word follows.
                    if after.chars().next().is_some_and(|x| !x.is_whitespace()) {
                        changed = true;
                        let to = input.len() - after.len();
                        self.drop_text(i);
                        i = to;
                    }
                    continue;
                }
                '`' | '\'' if rest.starts_with("``") || rest.starts_with("''") => {
                    let before_ok = i == 0 || input[..i].ends_with(char::is_whitespace);
                    let after_ok = input[i + 2..]
                        .chars()
                        .next()
                        .is_none_or(|x| x.is_whitespace() || x.is_alphanumeric());
                    if before_ok || after_ok {
                        changed = true;
                        self.push("\"", i);
                        i += 2;
                        continue;
                    }
                }
                _ => {}
            }
            // A plain run up to the next character that may change (one character in text
            // that is not NFC: the next one may compose with it).
            if !nfc {
                self.push_same(input, i, i + n);
                i += n;
                continue;
            }
            let run_end = input[i + n..]
                .find(|x: char| {
                    !x.is_ascii()
                        || x.is_ascii_control()
                        || matches!(x, ' ' | '(' | '[' | '`' | '\'')
                })
                .map_or(input.len(), |k| i + n + k);
            self.push_same(input, i, run_end);
            i = run_end;
        }
        changed
    }
}

/// The end of the normalisation segment starting at byte `i`: the character there and every
/// following character that composes with it (a combining mark, or one that NFC may merge).
fn segment_end(input: &str, i: usize) -> usize {
    let mut chars = input[i..].char_indices();
    chars.next();
    for (k, c) in chars {
        let joins = canonical_combining_class(c) != 0
            || is_nfc_quick(std::iter::once(c)) != IsNormalized::Yes;
        if !joins {
            return i + k;
        }
    }
    input.len()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn prep(s: &str) -> (String, Prepared) {
        let mut p = Prepared::default();
        let t = p.prepare(s).to_string();
        (t, p)
    }

    #[test]
    fn table() {
        for (input, want) in [
            (
                "Plain ASCII news, nothing to do.",
                "Plain ASCII news, nothing to do.",
            ),
            ("Bei\u{301}jing", "Beíjing"),
            ("Russia\u{2019}s fleet", "Russia's fleet"),
            ("\u{201C}Yes,\u{201D} she said", "\"Yes,\" she said"),
            ("Sioux City , Iowa , began .", "Sioux City, Iowa, began."),
            ("Turkey 's prime minister", "Turkey's prime minister"),
            ("He did n't go", "He didn't go"),
            ("( AP ) Moscow", "(AP) Moscow"),
            ("`` Quote '' here", "\" Quote \" here"),
            ("Putin\u{2014}who", "Putin - who"),
            ("Putin \u{2014} who", "Putin - who"),
            ("1990\u{2013}2000", "1990-2000"),
            ("\u{feff}Title\u{a0}line", "Title line"),
            ("a\u{0}b\u{1b}[31mc", "a b [31mc"),
            ("line\u{2028}break", "line\nbreak"),
            ("3 %", "3%"),
            ("it 's", "it's"),
            ("a , b", "a, b"),
            ("wait . . .", "wait..."),
            ("Kim ' s", "Kim ' s"),
            ("nation 'stop'", "nation 'stop'"),
            ("Anne no", "Anne no"),
        ] {
            assert_eq!(prep(input).0, want, "{input:?}");
        }
    }

    #[test]
    fn offsets_map_back_to_the_original() {
        let input = "Sioux City , Iowa 's Bei\u{301}jing \u{2014} Russia\u{2019}s";
        let (t, p) = prep(input);
        for word in ["Sioux City", "Iowa", "Beíjing", "Russia"] {
            let s = t.find(word).unwrap();
            let e = s + word.len();
            let (os, oe) = (p.orig_start(s), p.orig_end(e));
            let orig = &input[os..oe];
            assert_eq!(
                orig.nfc().collect::<String>(),
                word,
                "{word}: {orig:?} at {os}..{oe}"
            );
        }
        assert_eq!(p.orig_end(t.len()), input.len());
        assert_eq!(p.orig_start(t.len()), input.len());
    }

    #[test]
    fn untouched_text_is_not_copied() {
        let mut p = Prepared::default();
        let s = "Kim Jong Un met Vladimir Putin in Moscow (Russia) on Monday.";
        let t = p.prepare(s);
        assert!(std::ptr::eq(t, s));
        assert!(p.is_identity());
        let s = "Zürich and São Paulo are NFC already.";
        assert!(std::ptr::eq(p.prepare(s), s));
    }

    #[test]
    fn every_prepared_boundary_maps_to_an_original_boundary() {
        for input in [
            "e\u{301}\u{302}x \u{2014}y",
            "\u{feff}\u{feff}a , b",
            "\u{1100}\u{1161}\u{11a8} ok",
            "(  [ x ] )",
        ] {
            let (t, p) = prep(input);
            for (i, _) in t.char_indices().chain([(t.len(), ' ')]) {
                assert!(input.is_char_boundary(p.orig_start(i)));
                assert!(input.is_char_boundary(p.orig_end(i)));
                assert!(p.orig_start(i) <= input.len() && p.orig_end(i) <= input.len());
            }
        }
    }
}

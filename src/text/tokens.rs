//! Word tokens over folded text (see [`crate::text::normalize`]), for the relation rules.
//!
//! A token is a run of letters and digits (numbers keep their `,` and `.` groups: `6,000`,
//! `3.5`), a clitic (`'s`, `'t`, `'re`, `'ve`, `'ll`, `'d` after a word), or one punctuation
//! character. Editorial brackets `[` `]` are not tokens, so `[North Korea]` reads as `North Korea`.

use crate::text::scan::alnum_end;

/// Iterator over the byte spans of the tokens of `text[start..end]`.
pub struct Tokens<'a> {
    text: &'a str,
    pos: usize,
    end: usize,
}

/// Tokens of `text` between byte offsets `start` and `end`.
pub fn tokens(text: &str, start: usize, end: usize) -> Tokens<'_> {
    Tokens {
        text,
        pos: start,
        end,
    }
}

impl Iterator for Tokens<'_> {
    type Item = (usize, usize);

    fn next(&mut self) -> Option<(usize, usize)> {
        let s = &self.text[..self.end];
        let bytes = s.as_bytes();
        loop {
            let start = self.pos;
            let b = *bytes.get(start)?;
            let c = if b < 0x80 {
                char::from(b)
            } else {
                s[start..].chars().next()?
            };
            let w = c.len_utf8();
            if c.is_whitespace() || c == '[' || c == ']' {
                self.pos += w;
                continue;
            }
            if c.is_alphanumeric() {
                let mut i = alnum_end(s, start);
                // Digit groups: a `,` or `.` between two digits.
                while i + 1 < bytes.len()
                    && matches!(bytes[i], b',' | b'.')
                    && bytes[i - 1].is_ascii_digit()
                    && bytes[i + 1].is_ascii_digit()
                {
                    i = alnum_end(s, i + 1);
                }
                self.pos = i;
                return Some((start, i));
            }
            if c == '\'' {
                // Clitics are ASCII: measure the letter run in bytes.
                let letters = s[start + 1..]
                    .bytes()
                    .take_while(u8::is_ascii_alphabetic)
                    .count();
                let next_is_letter = s[start + 1 + letters..]
                    .chars()
                    .next()
                    .is_some_and(char::is_alphanumeric);
                let prev_word = s[..start]
                    .chars()
                    .next_back()
                    .is_some_and(char::is_alphanumeric);
                if prev_word && (1..=2).contains(&letters) && !next_is_letter {
                    let clitic = &s[start + 1..start + 1 + letters];
                    if matches!(clitic, "s" | "t" | "re" | "ve" | "ll" | "d") {
                        self.pos = start + 1 + letters;
                        return Some((start, self.pos));
                    }
                }
            }
            self.pos += w;
            return Some((start, self.pos));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn table() {
        let cases: &[(&str, &[&str])] = &[
            ("kim's troops", &["kim", "'s", "troops"]),
            (
                "sent 6,000 troops, 3.5 tons.",
                &["sent", "6,000", "troops", ",", "3.5", "tons", "."],
            ),
            ("of [north korea]", &["of", "north", "korea"]),
            ("didn't go", &["didn", "'t", "go"]),
            (
                "\"we 'will' go\"",
                &["\"", "we", "'", "will", "'", "go", "\""],
            ),
            ("russia-north", &["russia", "-", "north"]),
            ("kremlin's\u{2d2d}x", &["kremlin", "'", "s\u{2d2d}x"]),
            (
                "1.2.3 4,5x 6,,7 8. 9.x",
                &["1.2.3", "4,5x", "6", ",", ",", "7", "8", ".", "9", ".", "x"],
            ),
            ("erdoğan\u{a0}müller", &["erdoğan", "müller"]),
        ];
        for (text, want) in cases {
            let got: Vec<&str> = tokens(text, 0, text.len())
                .map(|(s, e)| &text[s..e])
                .collect();
            assert_eq!(got, *want, "{text:?}");
        }
    }
}

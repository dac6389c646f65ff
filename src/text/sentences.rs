//! Sentence splitting for news text.
//!
//! A sentence ends at `.`, `!` or `?` (with any closing quotes or brackets) followed by white
//! space and a capital letter, digit or opening quote, unless the period closes an abbreviation
//! (`Dr.`, `Sept.`, `Gen.`), an initial (`J.`), or a dotted acronym (`U.S.`). A blank line always
//! ends a sentence, and so does a line break after a line with no lower-case letter (an ALL-CAPS
//! headline) or after a line that ends in terminal punctuation. Other single line breaks (hard
//! wrapped text) do not end sentences.

/// The longest sentence, in bytes: longer runs of text without a sentence end are cut at white
/// space (docs/architecture.md, "Bounded cost").
pub const MAX_SENTENCE_BYTES: usize = 4096;

/// Words that end in a period without ending the sentence (compared case-insensitively).
const ABBREVIATIONS: &[&str] = &[
    "mr", "mrs", "ms", "dr", "prof", "gen", "col", "lt", "sgt", "capt", "cmdr", "adm", "maj",
    "brig", "gov", "sen", "rep", "st", "jr", "sr", "inc", "corp", "ltd", "co", "no", "vs", "jan",
    "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "mt", "ft",
    "rev", "hon", "pres", "messrs", "fig", "approx", "dept", "univ", "est", "gov't", "cpl", "pvt",
];

fn is_abbreviation(word: &str) -> bool {
    // No abbreviation is longer than this; lower-case into a small buffer, then compare.
    let mut buf = [0u8; 8];
    let Some(lower) = buf.get_mut(..word.len()) else {
        return false;
    };
    lower.copy_from_slice(word.as_bytes());
    lower.make_ascii_lowercase();
    ABBREVIATIONS.iter().any(|a| a.as_bytes() == lower)
}

fn is_closing(c: char) -> bool {
    matches!(
        c,
        '"' | '\'' | ')' | ']' | '\u{201D}' | '\u{2019}' | '\u{00BB}'
    )
}

fn is_opening(c: char) -> bool {
    matches!(
        c,
        '"' | '\'' | '(' | '[' | '\u{201C}' | '\u{2018}' | '\u{00AB}'
    )
}

/// The word (letters, digits, dots, apostrophes) that ends just before byte `end`.
fn word_before(text: &str, end: usize) -> &str {
    let start = text[..end]
        .char_indices()
        .rev()
        .find(|&(_, c)| !(c.is_alphanumeric() || c == '.' || c == '\''))
        .map_or(0, |(i, c)| i + c.len_utf8());
    &text[start..end]
}

/// Whether the period at `dot` closes an abbreviation, an initial or a dotted acronym.
fn period_is_abbreviation(text: &str, dot: usize) -> bool {
    let word = word_before(text, dot);
    if word.is_empty() {
        return false;
    }
    if word.contains('.') {
        // U.S. / e.g. / a.m. — dotted forms; a trailing all-letter chunk means an acronym.
        return word.split('.').all(|p| p.chars().count() <= 2);
    }
    let mut chars = word.chars();
    let single_upper = matches!((chars.next(), chars.next()), (Some(c), None) if c.is_uppercase());
    single_upper || is_abbreviation(word)
}

/// Byte spans of the sentences of `text`, trimmed of white space, in order.
pub fn split_sentences(text: &str) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    split_into(text, &mut out);
    out
}

/// [`split_sentences`] into a reused buffer.
pub fn split_into(text: &str, out: &mut Vec<(usize, usize)>) {
    out.clear();
    let bytes = text.as_bytes();
    let mut start = 0;
    let mut line_start = 0;
    let mut i = 0;
    let push = |out: &mut Vec<(usize, usize)>, s: usize, e: usize| {
        let seg = &text[s..e];
        let mut s = s + (seg.len() - seg.trim_start().len());
        let e = e - (seg.len() - seg.trim_end().len());
        // A "sentence" longer than any real one (a table, a text without punctuation) is cut
        // at white space, so that every later stage works on bounded pieces.
        while e > s + MAX_SENTENCE_BYTES {
            let mut cut = s + MAX_SENTENCE_BYTES;
            while !text.is_char_boundary(cut) {
                cut -= 1;
            }
            let piece = &text[s..cut];
            let at = piece
                .rfind(char::is_whitespace)
                .filter(|&k| k > 0)
                .unwrap_or(piece.len());
            let end = s + piece[..at].trim_end().len();
            if end > s {
                out.push((s, end));
            }
            let rest = &text[s + at..e];
            s = e - rest.trim_start().len();
        }
        if e > s {
            out.push((s, e));
        }
    };
    // Only line breaks and terminators matter: jump from one to the next (memchr; UTF-8 lead
    // and continuation bytes are never one of them).
    let mut next_nl = memchr::memchr(b'\n', bytes).unwrap_or(bytes.len());
    let mut next_term = memchr::memchr3(b'.', b'!', b'?', bytes).unwrap_or(bytes.len());
    while i < bytes.len() {
        if next_nl < i {
            next_nl = memchr::memchr(b'\n', &bytes[i..]).map_or(bytes.len(), |k| i + k);
        }
        if next_term < i {
            next_term =
                memchr::memchr3(b'.', b'!', b'?', &bytes[i..]).map_or(bytes.len(), |k| i + k);
        }
        i = next_nl.min(next_term);
        if i >= bytes.len() {
            break;
        }
        let c = bytes[i] as char;
        let w = 1;
        if c == '\n' {
            let line = text[line_start..i].trim_end();
            // The next line is blank when only spaces separate this newline from the next one.
            let next_blank = text[i + 1..]
                .bytes()
                .find(|b| !matches!(b, b' ' | b'\t' | b'\r'))
                .is_none_or(|b| b == b'\n');
            let ends_terminal = line
                .trim_end_matches(is_closing)
                .ends_with(['.', '!', '?', ':']);
            let headline = || {
                !line.is_empty()
                    && line.chars().any(char::is_alphabetic)
                    && !line.chars().any(char::is_lowercase)
            };
            if next_blank || ends_terminal || headline() {
                push(out, start, i);
                start = i + 1;
            }
            line_start = i + 1;
            i += 1;
            continue;
        }
        // Extend over repeated terminators and closing quotes/brackets.
        let mut j = i + w;
        while let Some(d) = text[j..].chars().next() {
            if matches!(d, '.' | '!' | '?') || is_closing(d) {
                j += d.len_utf8();
            } else {
                break;
            }
        }
        let rest = &text[j..];
        let after_space = rest.trim_start_matches([' ', '\t', '\u{00A0}']);
        let had_space = after_space.len() < rest.len();
        let next = after_space.chars().next();
        let starts_new = match next {
            None => true,
            Some('\n') | Some('\r') => false, // the newline logic decides
            Some(n) => had_space && (n.is_uppercase() || n.is_ascii_digit() || is_opening(n)),
        };
        // (The abbreviation test is the costly one: last.)
        if starts_new
            && next.is_some()
            && !(c == '.' && j == i + 1 && period_is_abbreviation(text, i))
        {
            push(out, start, j);
            start = j;
        }
        i = j;
    }
    push(out, start, text.len());
}

/// Every word list of this module (for tests that put odd text next to every cue word).
#[doc(hidden)]
pub fn cue_word_lists() -> Vec<&'static [&'static str]> {
    vec![ABBREVIATIONS]
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sents(text: &str) -> Vec<&str> {
        split_sentences(text)
            .into_iter()
            .map(|(s, e)| &text[s..e])
            .collect()
    }

    #[test]
    fn table() {
        let cases: &[(&str, &[&str])] = &[
            ("One. Two! Three? Four", &["One.", "Two!", "Three?", "Four"]),
            (
                "The U.S. Army arrived. It left.",
                &["The U.S. Army arrived.", "It left."],
            ),
            (
                "Dr. Smith met Gen. Lee on Sept. 11 in Washington.",
                &["Dr. Smith met Gen. Lee on Sept. 11 in Washington."],
            ),
            (
                "Jan K. Novak spoke. Then J. R. R. Tolkien wrote.",
                &["Jan K. Novak spoke.", "Then J. R. R. Tolkien wrote."],
            ),
            (
                "\u{201C}We will go,\u{201D} he said. \u{201C}Now.\u{201D} She left.",
                &[
                    "\u{201C}We will go,\u{201D} he said.",
                    "\u{201C}Now.\u{201D}",
                    "She left.",
                ],
            ),
            (
                "SOUTH KOREA SEEKS HELP\nSoldiers who fight are paid.",
                &["SOUTH KOREA SEEKS HELP", "Soldiers who fight are paid."],
            ),
            (
                "Ad sales boost profit\n\nQuarterly profits rose.",
                &["Ad sales boost profit", "Quarterly profits rose."],
            ),
            (
                "a hard wrapped line about Kim Jong\nUn and his visit.",
                &["a hard wrapped line about Kim Jong\nUn and his visit."],
            ),
            (
                "Prices rose 3.5 percent. Yahoo! is a firm.",
                &["Prices rose 3.5 percent.", "Yahoo! is a firm."],
            ),
            (
                "It ended.\nNext line starts.",
                &["It ended.", "Next line starts."],
            ),
            ("", &[]),
            ("   \n\n  ", &[]),
        ];
        for (text, want) in cases {
            assert_eq!(sents(text), *want, "{text:?}");
        }
    }
}

//! Text for a terminal: control characters (C0 but tab and line feed, DEL, C1) are shown as
//! escapes (`\u{1b}`) instead of being sent raw, so a name or file name carrying an ANSI escape
//! sequence cannot recolour, move the cursor of, or retitle the user's terminal.

use std::borrow::Cow;

fn is_unsafe(c: char) -> bool {
    (c.is_control() && c != '\n' && c != '\t')
        || matches!(
            c,
            '\u{2028}' | '\u{2029}' | '\u{202E}' | '\u{2066}'..='\u{2069}'
        )
}

/// `s` with every control character (and line separators, bidirectional overrides) escaped.
pub fn printable(s: &str) -> Cow<'_, str> {
    if !s.chars().any(is_unsafe) {
        return Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len() + 8);
    for c in s.chars() {
        if is_unsafe(c) {
            out.extend(c.escape_unicode());
        } else {
            out.push(c);
        }
    }
    Cow::Owned(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_controls_only() {
        assert_eq!(printable("Kim Jong Un\n\tx"), "Kim Jong Un\n\tx");
        assert_eq!(printable("a\u{1b}[31mb"), "a\\u{1b}[31mb");
        assert_eq!(printable("c\u{9b}2Jd\u{7f}"), "c\\u{9b}2Jd\\u{7f}");
        assert_eq!(printable("r\rn"), "r\\u{d}n");
    }
}

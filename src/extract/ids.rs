//! Ids of guessed entities, shared by every stage that guesses (the name guesser, teams, the
//! name model), so that none of them imports another for it.

use crate::types::EntityType;

/// `person:guess:jane-doe`: the type prefix and the folded name reduced to ASCII letters and
/// digits joined by hyphens (accents dropped; other scripts kept as code points).
pub fn guess_id(etype: EntityType, folded: &str) -> String {
    use std::fmt::Write as _;
    use unicode_normalization::UnicodeNormalization;
    let mut id = String::with_capacity(folded.len() + 12);
    id.push_str(etype.id_prefix());
    id.push_str(":guess:");
    let base = id.len();
    // A letter or digit after a separator gets a hyphen first (never at the start).
    let mut dash = false;
    let mut sep = |id: &mut String, alnum: bool| {
        if alnum && dash && id.len() > base {
            id.push('-');
        }
        dash = !alnum;
    };
    if folded.is_ascii() {
        // ASCII is its own canonical decomposition; built as bytes.
        let mut bytes = std::mem::take(&mut id).into_bytes();
        let mut gap = false;
        for &b in folded.as_bytes() {
            let alnum = b.is_ascii_alphanumeric();
            if alnum {
                if gap && bytes.len() > base {
                    bytes.push(b'-');
                }
                bytes.push(b.to_ascii_lowercase());
            }
            gap = !alnum;
        }
        id = String::from_utf8(bytes).expect("ASCII bytes");
    } else {
        for c in folded.nfd() {
            if !c.is_alphanumeric() && unicode_normalization::char::is_combining_mark(c) {
                continue;
            }
            sep(&mut id, c.is_alphanumeric());
            if c.is_ascii_alphanumeric() {
                id.push(c.to_ascii_lowercase());
            } else if c.is_alphanumeric() {
                let _ = write!(id, "u{:x}", c as u32);
            }
        }
    }
    if id.len() == base {
        id.push('x');
    }
    id
}

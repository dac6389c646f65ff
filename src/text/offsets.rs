//! Character offsets (what records and graph files give) back to byte offsets of the text.

/// The byte offsets of a set of character offsets of one text, found in one pass over it.
pub struct CharToByte {
    /// The character offsets, sorted, without duplicates.
    chars: Vec<usize>,
    /// Their byte offsets.
    bytes: Vec<usize>,
    len: usize,
}

impl CharToByte {
    pub fn new(text: &str, offsets: impl IntoIterator<Item = usize>) -> CharToByte {
        let mut chars: Vec<usize> = offsets.into_iter().collect();
        chars.sort_unstable();
        chars.dedup();
        let mut bytes = Vec::with_capacity(chars.len());
        let mut it = text.char_indices().map(|(b, _)| b).chain([text.len()]);
        let (mut at, mut byte) = (0usize, it.next());
        for &c in &chars {
            while at < c {
                byte = it.next();
                at += 1;
            }
            bytes.push(byte.unwrap_or(text.len()));
        }
        CharToByte {
            chars,
            bytes,
            len: text.len(),
        }
    }

    /// The byte offset of character offset `c` (one given to [`CharToByte::new`]; any other,
    /// or one past the end, is the text's length).
    pub fn byte(&self, c: usize) -> usize {
        self.chars
            .binary_search(&c)
            .map_or(self.len, |i| self.bytes[i])
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn maps_characters_to_bytes() {
        let text = "aé😀b";
        let m = CharToByte::new(text, [3, 0, 1, 2, 4, 9, 2]);
        let got: Vec<usize> = [0, 1, 2, 3, 4, 9].iter().map(|&c| m.byte(c)).collect();
        assert_eq!(got, [0, 1, 3, 7, 8, 8]);
    }
}

//! A small aligned-table writer: a header row in capitals, columns separated by two spaces,
//! text left-aligned and numbers right-aligned, no trailing spaces. Widths count characters.

use std::io::{self, Write};

/// Column alignment.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Align {
    Left,
    Right,
}

/// A table being filled row by row.
#[derive(Debug, Clone)]
pub struct Table {
    headers: Vec<&'static str>,
    align: Vec<Align>,
    rows: Vec<Vec<String>>,
}

impl Table {
    pub fn new(columns: &[(&'static str, Align)]) -> Table {
        Table {
            headers: columns.iter().map(|c| c.0).collect(),
            align: columns.iter().map(|c| c.1).collect(),
            rows: Vec::new(),
        }
    }

    /// Adds a row (missing cells are empty, extra cells are dropped).
    pub fn row(&mut self, mut cells: Vec<String>) {
        cells.resize(self.headers.len(), String::new());
        self.rows.push(cells);
    }

    pub fn is_empty(&self) -> bool {
        self.rows.is_empty()
    }

    /// Writes the header and the rows.
    pub fn write(&self, out: &mut dyn Write) -> io::Result<()> {
        self.write_impl(out, true)
    }

    /// Writes the rows only (a key-value list).
    pub fn write_rows(&self, out: &mut dyn Write) -> io::Result<()> {
        self.write_impl(out, false)
    }

    fn write_impl(&self, out: &mut dyn Write, header: bool) -> io::Result<()> {
        let mut widths: Vec<usize> = if header {
            self.headers.iter().map(|h| h.chars().count()).collect()
        } else {
            vec![0; self.headers.len()]
        };
        for r in &self.rows {
            for (w, c) in widths.iter_mut().zip(r) {
                *w = (*w).max(c.chars().count());
            }
        }
        let mut line = String::new();
        let headers: Vec<String> = self.headers.iter().map(|h| h.to_string()).collect();
        let first = if header { Some(&headers) } else { None };
        for cells in first.into_iter().chain(&self.rows) {
            line.clear();
            for (i, c) in cells.iter().enumerate() {
                if i > 0 {
                    line.push_str("  ");
                }
                let pad = widths[i] - c.chars().count();
                if self.align[i] == Align::Right {
                    spaces(&mut line, pad);
                    line.push_str(c);
                } else {
                    line.push_str(c);
                    // The last column's padding would be trimmed.
                    if i + 1 < cells.len() {
                        spaces(&mut line, pad);
                    }
                }
            }
            out.write_all(line.trim_end().as_bytes())?;
            out.write_all(b"\n")?;
        }
        Ok(())
    }
}

/// Appends `n` spaces.
fn spaces(line: &mut String, mut n: usize) {
    const SPACES: &str = "                                ";
    while n > 0 {
        let k = n.min(SPACES.len());
        line.push_str(&SPACES[..k]);
        n -= k;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn aligns_text_left_and_numbers_right() {
        let mut t = Table::new(&[
            ("NAME", Align::Left),
            ("N", Align::Right),
            ("NOTE", Align::Left),
        ]);
        t.row(vec!["Kim Jong Un".into(), "7".into(), "".into()]);
        t.row(vec!["Xi".into(), "12".into(), "ok".into()]);
        let mut out = Vec::new();
        t.write(&mut out).unwrap();
        assert_eq!(
            String::from_utf8(out).unwrap(),
            "NAME          N  NOTE\nKim Jong Un   7\nXi           12  ok\n"
        );
    }
}

//! What the CSV exports (`csv`, `kuzu`, `neo4j-csv`) share: error mapping, number formatting and
//! list fields.

/// Joins the items of a list field in the `kuzu` and `neo4j-csv` exports: U+001F, the unit
/// separator, which no name holds.
pub const UNIT_SEPARATOR: char = '\u{1f}';

/// A CSV writer's error as an I/O error.
pub fn csv_err(e: ::csv::Error) -> std::io::Error {
    match e.into_kind() {
        ::csv::ErrorKind::Io(e) => e,
        other => std::io::Error::other(format!("{other:?}")),
    }
}

/// A confidence as CSV text (`1.0`, never `1`; NaN and infinities as `0.0`).
pub fn finite(x: f32) -> String {
    format!("{:?}", if x.is_finite() { x } else { 0.0 })
}

/// A list as one field: items joined with `separator`, which is removed from inside items
/// (where it could only come from damaged input).
pub fn list<S: AsRef<str>>(items: impl IntoIterator<Item = S>, separator: char) -> String {
    let mut s = String::new();
    for (i, item) in items.into_iter().enumerate() {
        if i > 0 {
            s.push(separator);
        }
        s.extend(item.as_ref().chars().filter(|&c| c != separator));
    }
    s
}

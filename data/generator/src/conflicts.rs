//! Conflicts between sources, reported rather than resolved silently (data/README.md,
//! "Provenance and conflicts"): a field two sources give different values (the value merged
//! first is kept: curated records, then states, places, organizations and people), and a
//! role two sources date differently (overlapping terms of the same office: both kept).

use std::collections::BTreeMap;

use crate::model::{Role, Store};

/// A date as a sortable key: a partial date ("2004", "2004-05") stands for its whole range,
/// from its first day when it starts a term, to its last when it ends one.
fn key(d: Option<&str>, end: bool) -> String {
    match d {
        None if end => "9999-99-99".into(),
        None => "0000-00-00".into(),
        Some(d) => {
            let pad = if end { "-99-99" } else { "-00-00" };
            let mut k = d.to_string();
            k.push_str(&pad[..10usize.saturating_sub(d.len()).min(pad.len())]);
            k
        }
    }
}

/// The family of a role's source ("phoenix-countries BGDGOVJUD" -> "phoenix-countries").
fn family(r: &Role) -> &str {
    r.source
        .as_deref()
        .unwrap_or("")
        .split(' ')
        .next()
        .unwrap_or("")
}

fn term(r: &Role) -> String {
    format!(
        "{}..{}",
        r.start.as_deref().unwrap_or(""),
        r.end.as_deref().unwrap_or("")
    )
}

/// The conflicts of the final store as report lines (TSV, header first, sorted) and their
/// counts by kind for the generator's summary. Conflicts of entities that did not survive
/// the final pass are left out.
pub fn report(store: &Store) -> (Vec<String>, BTreeMap<String, usize>) {
    let mut rows = Vec::new();
    let mut counts: BTreeMap<String, usize> = BTreeMap::new();
    // One row per (entity, field, kept value, other value): the first time it was met.
    let mut seen = std::collections::BTreeSet::new();
    for c in &store.conflicts {
        let Some(e) = store.get(&c.id) else { continue };
        if !seen.insert((&c.id, c.field, &c.kept, &c.other)) {
            continue;
        }
        rows.push([
            e.id.clone(),
            e.name.clone(),
            c.field.to_string(),
            c.kept.clone(),
            c.kept_from.clone(),
            c.other.clone(),
            c.other_from.clone(),
            "first kept".into(),
        ]);
        *counts
            .entry(format!(
                "conflict: {} differs between sources (the first merged kept)",
                c.field
            ))
            .or_default() += 1;
    }
    for e in &store.ents {
        for (i, a) in e.roles.iter().enumerate() {
            for b in &e.roles[i + 1..] {
                let same_office = a.relation == b.relation && a.of == b.of;
                let dated_apart = (&a.start, &a.end) != (&b.start, &b.end);
                let overlap = key(a.start.as_deref(), false) <= key(b.end.as_deref(), true)
                    && key(b.start.as_deref(), false) <= key(a.end.as_deref(), true);
                if same_office && dated_apart && overlap && family(a) != family(b) {
                    rows.push([
                        e.id.clone(),
                        e.name.clone(),
                        format!("role {} {}", a.relation, a.of),
                        term(a),
                        a.source.clone().unwrap_or_default(),
                        term(b),
                        b.source.clone().unwrap_or_default(),
                        "both kept".into(),
                    ]);
                    *counts
                        .entry(
                            "conflict: one office dated differently by two sources (both kept)"
                                .into(),
                        )
                        .or_default() += 1;
                }
            }
        }
    }
    rows.sort();
    rows.dedup();
    let mut lines =
        vec!["id\tname\tfield\tvalue\tsource\tother value\tother source\tresolution".to_string()];
    lines.extend(rows.into_iter().map(|r| {
        r.iter()
            .map(|f| f.replace(['\t', '\n'], " "))
            .collect::<Vec<_>>()
            .join("\t")
    }));
    (lines, counts)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn partial_dates_cover_their_range() {
        assert!(key(Some("2004"), false) <= key(Some("2004-05-01"), false));
        assert!(key(Some("2004-05-31"), true) <= key(Some("2004"), true));
        assert_eq!(key(None, false), "0000-00-00");
        assert_eq!(key(Some("2004-05"), true), "2004-05-99");
    }
}

//! Human-readable tables for the query results (the `--json` output is the [`wire`] values
//! themselves). Relations read from the row's left entity: `-supports->` (it supports the
//! other), `<-supports-` (the other supports it), `-met_with-` (symmetric); a count above one
//! and the gazetteer origin follow in parentheses.
//!
//! [`wire`]: crate::query::wire

use crate::graph::KnowledgeGraph;
use crate::query::table::{Align, Table};
use crate::query::view::Direction;
use crate::query::wire::{EdgeRef, Entity, Explain, Find, Neighbors, Paths, Score, Stats, Top};
use crate::types::Origin;
use std::io::{self, Write};

fn name_of<'a>(kg: &'a KnowledgeGraph, id: &'a str) -> &'a str {
    kg.node_index(id)
        .map_or(id, |n| kg.graph()[n].name.as_str())
}

fn titled(e: &Entity) -> String {
    format!("{} ({})", e.name, e.id)
}

/// One relation as `-type->`, `<-type-` or `-type-`, with count and origin notes.
pub fn relation(e: &EdgeRef) -> String {
    let mut s = match e.direction {
        Direction::Out => format!("-{}->", e.rtype),
        Direction::In => format!("<-{}-", e.rtype),
        Direction::Both => format!("-{}-", e.rtype),
    };
    let mut notes = Vec::new();
    if e.count > 1 {
        notes.push(e.count.to_string());
    }
    if e.origin == Origin::Gazetteer {
        notes.push("gazetteer".to_string());
    }
    if !notes.is_empty() {
        s.push_str(&format!(" ({})", notes.join(", ")));
    }
    s
}

fn relations(edges: &[EdgeRef]) -> String {
    edges.iter().map(relation).collect::<Vec<_>>().join(", ")
}

fn count_note(n: usize, what: &str) -> String {
    format!("{n} {what}{}", if n == 1 { "" } else { "s" })
}

pub fn neighbors(r: &Neighbors, kg: &KnowledgeGraph, out: &mut dyn Write) -> io::Result<()> {
    writeln!(
        out,
        "Neighbors of {} within {} ({}): {}",
        titled(&r.entity),
        count_note(r.depth, "hop"),
        match r.direction {
            Direction::Both => "any direction",
            Direction::Out => "outgoing",
            Direction::In => "incoming",
        },
        r.neighbors.len()
    )?;
    if r.neighbors.is_empty() {
        return Ok(());
    }
    let deep = r.depth > 1;
    let mut cols = vec![
        ("DEPTH", Align::Right),
        ("ENTITY", Align::Left),
        ("ID", Align::Left),
        ("TYPE", Align::Left),
    ];
    if deep {
        cols.push(("VIA", Align::Left));
    }
    cols.push(("RELATIONS", Align::Left));
    let mut t = Table::new(&cols);
    for n in &r.neighbors {
        let mut row = vec![
            n.depth.to_string(),
            n.entity.name.clone(),
            n.entity.id.clone(),
            n.entity.etype.to_string(),
        ];
        if deep {
            row.push(name_of(kg, &n.via).to_string());
        }
        row.push(relations(&n.edges));
        t.row(row);
    }
    t.write(out)
}

pub fn paths(r: &Paths, out: &mut dyn Write) -> io::Result<()> {
    let within = r
        .max_len
        .map(|k| format!(" within {}", count_note(k, "hop")))
        .unwrap_or_default();
    if r.paths.is_empty() {
        return writeln!(
            out,
            "No path from {} to {}{within}",
            titled(&r.from),
            titled(&r.to)
        );
    }
    let all = r.mode == "all";
    if all {
        writeln!(
            out,
            "Paths from {} to {}{within}: {}",
            titled(&r.from),
            titled(&r.to),
            r.paths.len() + r.omitted
        )?;
    } else {
        writeln!(
            out,
            "Shortest path from {} to {}: {}",
            titled(&r.from),
            titled(&r.to),
            count_note(r.paths[0].length, "hop")
        )?;
    }
    let mut cols = Vec::new();
    if all {
        cols.push(("PATH", Align::Right));
    }
    cols.extend([
        ("HOP", Align::Right),
        ("FROM", Align::Left),
        ("RELATIONS", Align::Left),
        ("TO", Align::Left),
    ]);
    let mut t = Table::new(&cols);
    for (i, p) in r.paths.iter().enumerate() {
        for (j, h) in p.hops.iter().enumerate() {
            let mut row = Vec::new();
            if all {
                row.push((i + 1).to_string());
            }
            row.extend([
                (j + 1).to_string(),
                p.nodes[j].name.clone(),
                relations(&h.edges),
                p.nodes[j + 1].name.clone(),
            ]);
            t.row(row);
        }
    }
    t.write(out)?;
    if r.omitted > 0 {
        writeln!(
            out,
            "... {} more (raise --limit)",
            count_note(r.omitted, "path")
        )?;
    }
    Ok(())
}

/// Longest sentence `query explain` prints (in characters; longer ones end with `…`).
const SENTENCE_CHARS: usize = 200;

fn cut_chars(s: &str, max: usize) -> String {
    let one_line: String = s.split_whitespace().collect::<Vec<_>>().join(" ");
    match one_line.char_indices().nth(max) {
        None => one_line,
        Some((i, _)) => format!("{}…", &one_line[..i]),
    }
}

pub fn explain(r: &Explain, kg: &KnowledgeGraph, out: &mut dyn Write) -> io::Result<()> {
    writeln!(
        out,
        "Edges between {} and {}: {}",
        titled(&r.a),
        titled(&r.b),
        r.edges.len()
    )?;
    for e in &r.edges {
        let arrow = if e.rtype.is_symmetric() {
            format!("-{}-", e.rtype)
        } else {
            format!("-{}->", e.rtype)
        };
        write!(
            out,
            "\n{} {arrow} {}  [{}, count {}, confidence {:.2}",
            name_of(kg, &e.source),
            name_of(kg, &e.target),
            e.origin,
            e.count,
            e.confidence
        )?;
        if !e.roles.is_empty() {
            write!(out, ", roles {}", e.roles.join("/"))?;
        }
        writeln!(out, "]")?;
        let mut t = Table::new(&[
            ("DOC", Align::Left),
            ("DATE", Align::Left),
            ("SENTENCE", Align::Left),
            ("TRIGGER", Align::Left),
            ("RULE", Align::Left),
            ("CONFIDENCE", Align::Right),
        ]);
        for ev in &e.evidence {
            t.row(vec![
                ev.doc.clone(),
                ev.date.map(|d| d.to_string()).unwrap_or_else(|| "-".into()),
                format!("{}-{}", ev.start, ev.end),
                if ev.trigger.is_empty() {
                    "-".into()
                } else {
                    ev.trigger.clone()
                },
                ev.rule.clone(),
                format!("{:.2}", ev.confidence),
            ]);
        }
        t.write(out)?;
        // The sentences, when the graph keeps them.
        for ev in &e.evidence {
            if let Some(s) = &ev.sentence {
                writeln!(
                    out,
                    "  {} {}-{}: {}",
                    ev.doc,
                    ev.start,
                    ev.end,
                    cut_chars(s, SENTENCE_CHARS)
                )?;
            }
        }
        // Why the relation model made its edges: its heaviest features, per evidence item.
        for ev in e.evidence.iter().filter(|ev| !ev.features.is_empty()) {
            let reasons: Vec<String> = ev
                .features
                .iter()
                .map(|f| format!("{} {:+.2}", f.feature, f.weight))
                .collect();
            writeln!(
                out,
                "  {} {}-{} {} because: {}",
                ev.doc,
                ev.start,
                ev.end,
                ev.rule,
                reasons.join(", ")
            )?;
        }
        let kept = e.evidence.len() as u64;
        if e.count > kept {
            writeln!(
                out,
                "({} not stored in the graph file)",
                count_note((e.count - kept) as usize, "more item")
            )?;
        }
    }
    Ok(())
}

pub fn top(r: &Top, out: &mut dyn Write) -> io::Result<()> {
    let sampled = r
        .samples
        .map(|k| format!(" (estimated from {k} sampled sources)"))
        .unwrap_or_default();
    writeln!(out, "Top {} by {}{sampled}", r.entities.len(), r.by)?;
    let score_col = match r.by {
        "degree" => "DEGREE",
        "pagerank" => "PAGERANK",
        _ => "BETWEENNESS",
    };
    let mut t = Table::new(&[
        ("RANK", Align::Right),
        ("ENTITY", Align::Left),
        ("ID", Align::Left),
        ("TYPE", Align::Left),
        (score_col, Align::Right),
        ("IN", Align::Right),
        ("OUT", Align::Right),
    ]);
    for e in &r.entities {
        t.row(vec![
            e.rank.to_string(),
            e.entity.name.clone(),
            e.entity.id.clone(),
            e.entity.etype.to_string(),
            match e.score {
                Score::Count(c) => c.to_string(),
                Score::Value(v) => format!("{v:.6}"),
            },
            e.in_degree.to_string(),
            e.out.to_string(),
        ]);
    }
    t.write(out)
}

pub fn stats(r: &Stats, out: &mut dyn Write) -> io::Result<()> {
    let mut t = Table::new(&[("", Align::Left), ("", Align::Right)]);
    for (k, v) in [
        ("documents", r.documents.to_string()),
        ("entities", r.nodes.to_string()),
        ("edges", r.edges.to_string()),
        ("components", r.components.to_string()),
        ("largest component", r.largest_component.to_string()),
        ("isolated entities", r.isolated.to_string()),
        ("density", format!("{:.6}", r.density)),
    ] {
        t.row(vec![k.to_string(), v]);
    }
    t.write_rows(out)?;

    let mut t = Table::new(&[("ENTITY TYPE", Align::Left), ("ENTITIES", Align::Right)]);
    for (k, v) in &r.nodes_by_type {
        t.row(vec![k.to_string(), v.to_string()]);
    }
    writeln!(out)?;
    t.write(out)?;
    let mut t = Table::new(&[("RELATION TYPE", Align::Left), ("EDGES", Align::Right)]);
    for (k, v) in &r.edges_by_type {
        t.row(vec![k.to_string(), v.to_string()]);
    }
    writeln!(out)?;
    t.write(out)?;
    let mut t = Table::new(&[("ORIGIN", Align::Left), ("EDGES", Align::Right)]);
    for (k, v) in &r.edges_by_origin {
        t.row(vec![k.to_string(), v.to_string()]);
    }
    writeln!(out)?;
    t.write(out)
}

pub fn find(r: &Find, out: &mut dyn Write) -> io::Result<()> {
    if r.matches.is_empty() {
        return writeln!(out, "No entity matches {:?}", r.query);
    }
    if r.matches.iter().all(|m| m.how == "similar") {
        writeln!(out, "No entity contains {:?}; the most similar:", r.query)?;
    }
    let mut t = Table::new(&[
        ("ENTITY", Align::Left),
        ("ID", Align::Left),
        ("TYPE", Align::Left),
        ("DEGREE", Align::Right),
        ("MATCH", Align::Left),
    ]);
    for m in &r.matches {
        let what = match m.field {
            "alias" => format!("alias {:?}", m.text),
            f => f.to_string(),
        };
        t.row(vec![
            m.entity.name.clone(),
            m.entity.id.clone(),
            m.entity.etype.to_string(),
            m.degree.to_string(),
            format!("{what} ({})", m.how),
        ]);
    }
    t.write(out)?;
    if r.omitted > 0 {
        writeln!(
            out,
            "... {} more (raise --limit)",
            count_note(r.omitted, "match")
        )?;
    }
    Ok(())
}

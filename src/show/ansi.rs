//! The document view for a terminal: mentions in their type's background colour (underlined
//! when guessed, dim when resolved), relations below with their evidence sentences. Control
//! characters of the text are shown as escapes (`crate::text::terminal`), never sent raw.

use super::{Look, Segment, View, label};
use crate::text::terminal::printable;
use crate::types::EntityType;
use std::fmt::Write as _;

const RESET: &str = "\x1b[0m";

/// The SGR codes of a type's mentions (black text on a colour).
fn colour(t: EntityType) -> &'static str {
    match t {
        EntityType::Person => "30;104",
        EntityType::State => "30;103",
        EntityType::Organization => "30;102",
        EntityType::Location => "30;101",
    }
}

fn segments(v: &View, segs: &[Segment], out: &mut String) {
    for s in segs {
        match s {
            Segment::Text(t) => out.push_str(&printable(t)),
            Segment::Trigger(t) => {
                let _ = write!(out, "\x1b[1;4m{}{RESET}", printable(t));
            }
            Segment::Mention { text, entity, kind } => {
                let t = v.etype(*entity);
                let style = match Look::of(*kind) {
                    Look::Listed => "",
                    Look::Guessed => ";4",
                    Look::Resolved => ";2",
                };
                let _ = write!(
                    out,
                    "\x1b[{}{style}m{} {}{RESET}",
                    colour(t),
                    printable(text),
                    label(t)
                );
            }
        }
    }
}

/// One document.
pub fn document(v: &View, out: &mut String) {
    let _ = write!(out, "\x1b[1m{}", printable(&v.rec.doc));
    if let Some(d) = v.rec.date {
        let _ = write!(out, " ({d})");
    }
    let _ = writeln!(out, "{RESET}\n");
    segments(v, &v.text_segments(), out);
    if !out.ends_with('\n') {
        out.push('\n');
    }
    let _ = writeln!(out, "\n\x1b[1mRelations ({}){RESET}", v.rec.relations.len());
    for (r, rel) in v.rec.relations.iter().enumerate() {
        let arrow = if rel.rtype.is_symmetric() {
            format!("-{}-", rel.rtype)
        } else {
            format!("-{}->", rel.rtype)
        };
        let _ = write!(
            out,
            "  {} {arrow} {}  [{}",
            printable(v.name_of(&rel.source)),
            printable(v.name_of(&rel.target)),
            rel.origin
        );
        if !rel.roles.is_empty() {
            let _ = write!(out, ", {}", printable(&rel.roles.join(", ")));
        }
        out.push_str("]\n");
        for (k, ev) in rel.evidence.iter().enumerate() {
            let segs = v.evidence_segments(r, k);
            out.push_str("      ");
            if segs.is_empty() {
                out.push_str("(the gazetteer)");
            } else {
                // One line per sentence.
                let mut line = String::new();
                segments(v, &segs, &mut line);
                out.push_str(&line.replace('\n', " "));
            }
            let _ = writeln!(
                out,
                "  \x1b[2m{} {:.2}{RESET}",
                printable(&ev.rule),
                ev.confidence
            );
        }
    }
}

/// The view of some documents.
pub fn text(views: &[View]) -> String {
    let mut out = String::new();
    for (i, v) in views.iter().enumerate() {
        if i > 0 {
            out.push('\n');
        }
        document(v, &mut out);
    }
    out
}

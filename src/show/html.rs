//! The document view as one self-contained HTML page: inline CSS, no script, no network.
//! The markup is also well-formed XML (void elements closed), so XML tools read it too.

use super::{Look, Segment, View, label};
use crate::types::EntityType;
use std::fmt::Write as _;

/// HTML text: `& < > " '` escaped, control characters (but tab and line feed) as U+FFFD.
pub fn escape(s: &str, out: &mut String) {
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            '\t' | '\n' => out.push(c),
            c if c.is_control() => out.push('\u{FFFD}'),
            c => out.push(c),
        }
    }
}

fn esc(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    escape(s, &mut out);
    out
}

/// Background colour of a type's mentions.
fn colour(t: EntityType) -> &'static str {
    match t {
        EntityType::Person => "#cfe2f3",
        EntityType::State => "#ffe599",
        EntityType::Organization => "#d9ead3",
        EntityType::Location => "#f4cccc",
    }
}

const STYLE: &str = "body{font:16px/1.6 system-ui,sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem;color:#222}\
h1{font-size:1.3rem}h2{font-size:1.1rem;border-top:1px solid #ccc;padding-top:1rem}h3{font-size:1rem}\
.date{color:#666;font-weight:normal}.text{white-space:pre-wrap}\
mark{padding:0 .2em;border-radius:.3em;border:1px solid transparent}\
mark.guessed{border:1px dashed #555}mark.resolved{border:1px dotted #555;background:transparent!important}\
mark .l{font-size:.65em;font-weight:bold;margin-left:.3em;color:#555;vertical-align:middle}\
u.trigger{text-decoration:underline 2px #c00;font-weight:bold}\
ol.relations>li{margin:.6rem 0}.rel{font-weight:bold}.origin,.rule{color:#666;font-size:.85em}\
ul.evidence{list-style:none;padding-left:1rem}.legend mark{margin-right:.6em}";

fn segments(v: &View, segs: &[Segment], out: &mut String) {
    for s in segs {
        match s {
            Segment::Text(t) => escape(t, out),
            Segment::Trigger(t) => {
                out.push_str("<u class=\"trigger\">");
                escape(t, out);
                out.push_str("</u>");
            }
            Segment::Mention { text, entity, kind } => {
                let e = &v.rec.entities[*entity];
                let mut title = format!("{} · {} · {}", e.name, e.id, kind);
                if let Some(q) = &e.qid {
                    let _ = write!(title, " · {q}");
                }
                let _ = write!(
                    out,
                    "<mark class=\"{} {}\" style=\"background:{}\" title=\"{}\">",
                    e.etype,
                    Look::of(*kind).as_str(),
                    colour(e.etype),
                    esc(&title)
                );
                escape(text, out);
                let _ = write!(out, "<span class=\"l\">{}</span></mark>", label(e.etype));
            }
        }
    }
}

fn legend(out: &mut String) {
    out.push_str("<p class=\"legend\">");
    for t in EntityType::ALL {
        let _ = write!(
            out,
            "<mark class=\"{t} listed\" style=\"background:{}\">{t}<span class=\"l\">{}</span></mark>",
            colour(*t),
            label(*t)
        );
    }
    out.push_str(
        "<mark class=\"person guessed\" style=\"background:#fff\">guessed name</mark>\
         <mark class=\"person resolved\">short form, pronoun or role</mark>\
         <u class=\"trigger\">trigger</u></p>\n",
    );
}

/// One document: heading, text, relations.
pub fn document(v: &View, out: &mut String) {
    out.push_str("<article>\n<h2>");
    escape(&v.rec.doc, out);
    if let Some(d) = v.rec.date {
        let _ = write!(out, " <span class=\"date\">{d}</span>");
    }
    out.push_str("</h2>\n<div class=\"text\">");
    segments(v, &v.text_segments(), out);
    let _ = writeln!(
        out,
        "</div>\n<h3>Relations ({})</h3>\n<ol class=\"relations\">",
        v.rec.relations.len()
    );
    for (r, rel) in v.rec.relations.iter().enumerate() {
        let arrow = if rel.rtype.is_symmetric() {
            format!("—{}—", rel.rtype)
        } else {
            format!("—{}→", rel.rtype)
        };
        let _ = write!(
            out,
            "<li><span class=\"rel\">{} {} {}</span> <span class=\"origin\">{}",
            esc(v.name_of(&rel.source)),
            arrow,
            esc(v.name_of(&rel.target)),
            rel.origin
        );
        if !rel.roles.is_empty() {
            let _ = write!(out, " · {}", esc(&rel.roles.join(", ")));
        }
        out.push_str("</span>\n<ul class=\"evidence\">\n");
        for (k, ev) in rel.evidence.iter().enumerate() {
            out.push_str("<li>");
            let segs = v.evidence_segments(r, k);
            if segs.is_empty() {
                out.push_str("(the gazetteer)");
            } else {
                out.push_str("<q>");
                segments(v, &segs, out);
                out.push_str("</q>");
            }
            let _ = writeln!(
                out,
                " <span class=\"rule\">{} · {:.2}</span></li>",
                esc(&ev.rule),
                ev.confidence
            );
        }
        out.push_str("</ul></li>\n");
    }
    out.push_str("</ol>\n</article>\n");
}

/// The page for some documents.
pub fn page(views: &[View]) -> String {
    let mut out = String::new();
    let title = match views {
        [one] => format!("relgraph: {}", one.rec.doc),
        _ => format!("relgraph: {} documents", views.len()),
    };
    let _ = writeln!(
        out,
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\"/>\n<title>{}</title>\n<style>{STYLE}</style>\n</head>\n<body>\n<h1>{}</h1>",
        esc(&title),
        esc(&title)
    );
    legend(&mut out);
    for v in views {
        document(v, &mut out);
    }
    out.push_str("</body>\n</html>\n");
    out
}

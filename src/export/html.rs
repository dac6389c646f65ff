//! The interactive graph page (`-f html`, `relgraph render graph.json -o graph.html`): one
//! self-contained HTML file that needs no network when viewed. The graph is embedded as JSON
//! (compact arrays, field order in `html/page.js`); Cytoscape.js, vendored from the npm
//! registry in `data/vendor/cytoscape` (MIT licence, kept in the file's header comment), draws
//! it; `html/page.js` is the page's own code (filters, search, details) and `html/page.css` its
//! style.
//!
//! One drawn edge per fact: the text and gazetteer edges of the same (source, type, target)
//! are merged, each evidence item keeping its origin. Entities have the shapes and fills of the
//! DOT export ([`dot::style`]), relations the colours of every export ([`gexf::edge_rgb`]).
//! The page draws at most [`DEFAULT_CAP`] nodes at first (the best connected, chosen as
//! `render --max-nodes` does), says so, and lets the reader search any entity, expand a
//! node's neighbourhood or raise the cap. The bytes depend only on the graph.

use super::{dot, gexf};
use crate::graph::KnowledgeGraph;
use crate::report::group;
use crate::types::{EntityType, Origin, RelationType};
use serde::Serialize;
use std::collections::BTreeMap;
use std::io::{self, Write};

/// Cytoscape.js 3.35.0 (`data/vendor/fetch.sh` fetches and checks it).
const CYTOSCAPE: &str = include_str!("../../data/vendor/cytoscape/cytoscape.min.js");
const SCRIPT: &str = include_str!("html/page.js");
const STYLE: &str = include_str!("html/page.css");

/// Nodes drawn when the page opens (the reader can raise it): Cytoscape lays 300 nodes out in
/// about a second and keeps panning smooth; far more is a hairball anyway.
pub const DEFAULT_CAP: usize = 300;

#[derive(Serialize)]
struct TypeStyle {
    name: EntityType,
    shape: &'static str,
    fill: &'static str,
}

#[derive(Serialize)]
struct RelationStyle {
    name: RelationType,
    colour: String,
}

/// id, name, type (index into `types`), QID, aliases, mentions, documents.
type PageNode<'a> = (
    &'a str,
    &'a str,
    usize,
    Option<&'a str>,
    &'a [String],
    u64,
    u64,
);

/// doc, date, origin (0 text, 1 gazetteer), trigger, rule, confidence, sentence, source spans,
/// target spans, role, features (name, weight).
type PageEvidence<'a> = (
    &'a str,
    Option<String>,
    u8,
    &'a str,
    &'a str,
    f32,
    Option<&'a str>,
    &'a [[usize; 2]],
    &'a [[usize; 2]],
    Option<&'a str>,
    Vec<(&'a str, f32)>,
);

/// source, target (positions in `nodes`), relation (index into `relations`), text count,
/// gazetteer count, confidence, roles, evidence.
type PageEdge<'a> = (
    usize,
    usize,
    usize,
    u64,
    u64,
    f32,
    Vec<&'a str>,
    Vec<PageEvidence<'a>>,
);

#[derive(Serialize)]
struct PageData<'a> {
    documents: u64,
    cap: usize,
    types: Vec<TypeStyle>,
    relations: Vec<RelationStyle>,
    nodes: Vec<PageNode<'a>>,
    edges: Vec<PageEdge<'a>>,
}

fn page_data(kg: &KnowledgeGraph) -> PageData<'_> {
    let g = kg.graph();
    let order = kg.sorted_nodes();
    let position: std::collections::HashMap<_, usize> =
        order.iter().enumerate().map(|(i, &n)| (n, i)).collect();
    let type_index = |t: EntityType| EntityType::ALL.iter().position(|&x| x == t).unwrap_or(0);
    let rel_index = |r: RelationType| RelationType::ALL.iter().position(|&x| x == r).unwrap_or(0);
    let nodes = order
        .iter()
        .map(|&n| {
            let d = &g[n];
            (
                d.id.as_str(),
                d.name.as_str(),
                type_index(d.etype),
                d.qid.as_deref(),
                d.aliases.as_slice(),
                d.mentions,
                d.documents,
            )
        })
        .collect();
    let mut facts: BTreeMap<(usize, usize, usize), PageEdge> = BTreeMap::new();
    for e in kg.sorted_edges() {
        let (s, t) = g.edge_endpoints(e).expect("edge exists");
        let d = &g[e];
        let key = (position[&s], position[&t], rel_index(d.rtype));
        let fact = facts
            .entry(key)
            .or_insert_with(|| (key.0, key.1, key.2, 0, 0, 0.0, Vec::new(), Vec::new()));
        let origin = match d.origin {
            Origin::Text => {
                fact.3 += d.count;
                0
            }
            Origin::Gazetteer => {
                fact.4 += d.count;
                1
            }
        };
        fact.5 = fact.5.max(d.confidence);
        for r in &d.roles {
            if !fact.6.contains(&r.as_str()) {
                fact.6.push(r);
            }
        }
        fact.7.extend(d.evidence.iter().map(|v| {
            (
                v.doc.as_str(),
                v.date.map(|d| d.to_string()),
                origin,
                v.trigger.as_str(),
                v.rule.as_str(),
                v.confidence,
                v.sentence.as_deref(),
                v.source_spans.as_slice(),
                v.target_spans.as_slice(),
                v.role.as_deref(),
                v.features
                    .iter()
                    .map(|f| (f.feature.as_str(), f.weight))
                    .collect(),
            )
        }));
    }
    let mut edges: Vec<PageEdge> = facts.into_values().collect();
    for e in &mut edges {
        e.6.sort_unstable();
    }
    PageData {
        documents: kg.documents(),
        cap: DEFAULT_CAP,
        types: EntityType::ALL
            .iter()
            .map(|&t| {
                let (shape, fill) = dot::style(t);
                TypeStyle {
                    name: t,
                    shape: match shape {
                        "box" => "rectangle",
                        s => s,
                    },
                    fill,
                }
            })
            .collect(),
        relations: RelationType::ALL
            .iter()
            .map(|&r| {
                let (red, green, blue) = gexf::edge_rgb(r);
                RelationStyle {
                    name: r,
                    colour: format!("#{red:02x}{green:02x}{blue:02x}"),
                }
            })
            .collect(),
        nodes,
        edges,
    }
}

/// JSON that is safe inside a `<script>` element: every `<` (only ever inside strings) as
/// `\u003c`, so no `</script>` or `<!--` can occur.
fn script_json(data: &PageData) -> String {
    let json = serde_json::to_string(data).expect("page data serialises");
    json.replace('<', "\\u003c")
}

/// Writes the page.
pub fn write(kg: &KnowledgeGraph, out: &mut dyn Write) -> io::Result<()> {
    let data = page_data(kg);
    let title = format!(
        "relgraph: {} entities, {} relations from {} documents",
        group(kg.node_count() as u64),
        group(data.edges.len() as u64),
        group(kg.documents())
    );
    write!(
        out,
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <meta name=\"generator\" content=\"relgraph {version}\">\n\
         <title>{title}</title>\n<style>\n{STYLE}</style>\n</head>\n<body>\n\
         <header><h1>{title}</h1><span id=\"counts\" class=\"muted\"></span><span id=\"notice\" role=\"status\"></span></header>\n\
         <aside id=\"controls\">\n\
         <h2><label for=\"search\">Search</label></h2>\n\
         <input type=\"search\" id=\"search\" placeholder=\"name, alias, id or QID\" autocomplete=\"off\">\n\
         <ul id=\"results\"></ul>\n\
         <h2>Entities</h2><div id=\"types\" class=\"types\"></div>\n\
         <div class=\"row\"><label for=\"cap\">Nodes drawn</label><input type=\"number\" id=\"cap\" min=\"1\">\
         <button id=\"fit\" type=\"button\">Fit</button></div>\n\
         <div class=\"row\"><button id=\"relayout\" type=\"button\">Lay out again</button><button id=\"reset\" type=\"button\">Reset</button></div>\n\
         <h2>Origin</h2><div class=\"row\">\
         <label><input type=\"checkbox\" id=\"origin-text\" checked> text (solid)</label>\
         <label><input type=\"checkbox\" id=\"origin-gazetteer\" checked> gazetteer (dashed when alone)</label></div>\n\
         <div class=\"row\"><label for=\"min-count\">Minimum evidence</label><input type=\"number\" id=\"min-count\" min=\"1\" value=\"1\"></div>\n\
         <div id=\"dates\"><h2>Dates</h2><div class=\"row\"><label for=\"date-from\">from</label><input type=\"date\" id=\"date-from\">\
         <label for=\"date-to\">to</label><input type=\"date\" id=\"date-to\"></div><div id=\"date-range\" class=\"muted\"></div></div>\n\
         <h2>Relations</h2><div id=\"relations\"></div>\n\
         </aside>\n<main id=\"cy\" aria-label=\"graph\"></main>\n\
         <aside id=\"details\"><h2>Details</h2><div id=\"details-body\"><p class=\"muted\">Click a node or an \
         edge to see its evidence; double-click a node to draw its neighbours.</p></div></aside>\n\
         <script type=\"application/json\" id=\"relgraph-data\">{json}</script>\n\
         <script>\n{CYTOSCAPE}\n</script>\n<script>\n{SCRIPT}</script>\n</body>\n</html>\n",
        version = env!("CARGO_PKG_VERSION"),
        json = script_json(&data),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_vendored_script_cannot_close_its_element() {
        for s in [CYTOSCAPE, SCRIPT] {
            assert!(!s.to_ascii_lowercase().contains("</script"));
        }
        assert!(CYTOSCAPE.contains("Copyright (c) 2016-2026, The Cytoscape Consortium"));
    }
}

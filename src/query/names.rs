//! Entity names on the command line: resolution of a name to one node (through its id,
//! canonical name or aliases, case-insensitively), "did you mean" suggestions, and `query find`.

use crate::error::Error;
use crate::graph::{KnowledgeGraph, NodeData};
use crate::query::view::{Direction, View};
use crate::query::wire::{Entity, Find, FindMatch};
use petgraph::stable_graph::NodeIndex;

/// How many candidates an error suggests.
const SUGGESTIONS: usize = 5;
/// Lowest similarity (0..1) a suggestion needs.
const MIN_SIMILARITY: f64 = 0.75;

/// Appends the lowercase form of `s` to `buf` (char by char, so both sides fold the same way).
fn lower_into(buf: &mut String, s: &str) {
    buf.clear();
    if s.is_ascii() {
        buf.push_str(s);
        buf.make_ascii_lowercase();
    } else {
        buf.extend(s.chars().flat_map(char::to_lowercase));
    }
}

/// `s` equals `lower` (already lowercase), ignoring case.
fn eq_lower(s: &str, lower: &str) -> bool {
    if s.is_ascii() {
        return s.len() == lower.len()
            && s.bytes()
                .zip(lower.bytes())
                .all(|(a, b)| a.to_ascii_lowercase() == b);
    }
    s.chars().flat_map(char::to_lowercase).eq(lower.chars())
}

pub fn entity(d: &NodeData) -> Entity {
    Entity {
        id: d.id.clone(),
        name: d.name.clone(),
        etype: d.etype,
    }
}

fn describe(d: &NodeData) -> String {
    format!("{} ({}, {})", d.name, d.id, d.etype)
}

/// Matching fields, best first: an id match beats a Wikidata QID match, which beats a name
/// match, which beats an alias match.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Field {
    Id,
    Qid,
    Name,
    Alias,
}

impl Field {
    /// Rank of the field in `find`: the name before an alias before the id (docs/query.md).
    fn find_rank(self) -> u8 {
        match self {
            Field::Qid => 0,
            Field::Name => 1,
            Field::Alias => 2,
            Field::Id => 3,
        }
    }

    fn as_str(self) -> &'static str {
        match self {
            Field::Id => "id",
            Field::Qid => "qid",
            Field::Name => "name",
            Field::Alias => "alias",
        }
    }
}

/// Resolves `query` to one node: an exact id first, then ids, Wikidata QIDs, canonical names
/// and aliases compared case-insensitively. Among several nodes, a better field wins (id, then name, then
/// alias); several nodes on the best field are ambiguous. `path` names the graph in errors.
pub fn resolve(kg: &KnowledgeGraph, query: &str, path: &str) -> Result<NodeIndex, Error> {
    let q = query.trim();
    if let Some(n) = kg.node_index(q) {
        return Ok(n);
    }
    let mut lower = String::new();
    lower_into(&mut lower, q);
    let g = kg.graph();
    let mut best: Option<Field> = None;
    let mut found: Vec<NodeIndex> = Vec::new();
    for n in g.node_indices() {
        let d = &g[n];
        let field = if eq_lower(&d.id, &lower) {
            Field::Id
        } else if d.qid.as_deref().is_some_and(|q| eq_lower(q, &lower)) {
            Field::Qid
        } else if eq_lower(&d.name, &lower) {
            Field::Name
        } else if d.aliases.iter().any(|a| eq_lower(a, &lower)) {
            Field::Alias
        } else {
            continue;
        };
        match best {
            Some(b) if field > b => {}
            Some(b) if field == b => found.push(n),
            _ => {
                best = Some(field);
                found.clear();
                found.push(n);
            }
        }
    }
    match found.len() {
        1 => Ok(found[0]),
        0 => {
            let hints = suggest(kg, q, SUGGESTIONS);
            let mut msg = format!("no entity named {q:?} in {path}");
            if hints.is_empty() {
                msg.push_str(" (try `relgraph query find GRAPH TEXT`)");
            } else {
                msg.push_str("; did you mean: ");
                let list: Vec<String> = hints.iter().map(|h| describe(&g[h.node])).collect();
                msg.push_str(&list.join(", "));
            }
            Err(Error::Usage(msg))
        }
        _ => {
            found.sort_by(|a, b| g[*a].id.cmp(&g[*b].id));
            let list: Vec<String> = found.iter().map(|&n| describe(&g[n])).collect();
            Err(Error::Usage(format!(
                "{q:?} is ambiguous in {path}: it is the {} of {}; give an id instead",
                best.map_or("name", Field::as_str),
                list.join(", ")
            )))
        }
    }
}

/// Picks, among nodes met one by one, those that [`suggest`] could suggest for a query, or
/// that [`find`] finds. With the nodes whose fields equal the query ignoring case (found
/// through a binary graph file's name table), the first are the candidates of [`resolve`]:
/// resolving among them gives what resolving among all nodes gives (the same node, or the
/// same error), so a query on a large graph file resolves its names in a small graph of
/// candidates (`query::parts`); `find` among the second (or, when there are none, the
/// first) and their edges gives what it gives on the whole graph.
pub struct Candidates {
    /// The query lowercased, as [`find`] compares it.
    lower: String,
    /// The query as [`suggest`] compares it.
    local: String,
    buf: String,
}

impl Candidates {
    pub fn new(query: &str) -> Candidates {
        let q = query.trim();
        let mut lower = String::new();
        lower_into(&mut lower, q);
        let local = lower
            .split_once(':')
            .map_or(lower.as_str(), |(_, l)| l)
            .to_string();
        Candidates {
            lower,
            local,
            buf: String::new(),
        }
    }

    /// Whether [`find`] matches the node: its QID is the query, or its id, name or an alias
    /// contains it, ignoring case.
    pub fn found(&mut self, id: &str, name: &str, qid: Option<&str>, aliases: &[&str]) -> bool {
        if self.lower.is_empty() {
            return false;
        }
        if qid.is_some_and(|q| eq_lower(q, &self.lower)) {
            return true;
        }
        for s in [name, id].into_iter().chain(aliases.iter().copied()) {
            lower_into(&mut self.buf, s);
            if How::of(&self.lower, &self.buf).is_some() {
                return true;
            }
        }
        false
    }

    /// Whether the node is similar enough to the query to be suggested.
    pub fn similar(&mut self, id: &str, name: &str, aliases: &[&str]) -> bool {
        if self.local.is_empty() {
            return false;
        }
        let local = id.split_once(':').map_or(id, |(_, l)| l);
        for s in [name, local].into_iter().chain(aliases.iter().copied()) {
            lower_into(&mut self.buf, s);
            if similarity(&self.local, &self.buf) >= MIN_SIMILARITY {
                return true;
            }
        }
        false
    }
}

/// Similarity of `query` (lowercase) to `cand` (lowercase), 0..1: a whole-word containment
/// scores 0.95, any containment 0.9, otherwise Jaro-Winkler.
fn similarity(query: &str, cand: &str) -> f64 {
    if let Some(pos) = cand.find(query) {
        let before = cand[..pos].chars().next_back();
        let after = cand[pos + query.len()..].chars().next();
        let word = before.is_none_or(|c| !c.is_alphanumeric())
            && after.is_none_or(|c| !c.is_alphanumeric());
        return if word { 0.95 } else { 0.9 };
    }
    if query.contains(cand) {
        return 0.9 * cand.chars().count() as f64 / query.chars().count().max(1) as f64;
    }
    strsim::jaro_winkler(query, cand)
}

/// A node similar to a query, with the field and text that came closest.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Suggestion<'g> {
    pub node: NodeIndex,
    pub score: f64,
    field: Field,
    pub text: &'g str,
}

/// The nodes most similar to `query` (at least [`MIN_SIMILARITY`]), best first, ties by id.
pub fn suggest<'g>(kg: &'g KnowledgeGraph, query: &str, limit: usize) -> Vec<Suggestion<'g>> {
    let g = kg.graph();
    let mut q = String::new();
    lower_into(&mut q, query.trim());
    // An id-like query (`person:kim-jong-uun`) is compared by the part after the type.
    if let Some((_, local)) = q.split_once(':') {
        q = local.to_string();
    }
    if q.is_empty() {
        return Vec::new();
    }
    let mut buf = String::new();
    let mut scored: Vec<Suggestion> = Vec::new();
    for n in g.node_indices() {
        let d = &g[n];
        let local = d.id.split_once(':').map_or(d.id.as_str(), |(_, l)| l);
        let mut best: Option<Suggestion> = None;
        let fields = [(Field::Name, d.name.as_str()), (Field::Id, local)]
            .into_iter()
            .chain(d.aliases.iter().map(|a| (Field::Alias, a.as_str())));
        for (field, s) in fields {
            lower_into(&mut buf, s);
            let score = similarity(&q, &buf);
            if score >= MIN_SIMILARITY && best.is_none_or(|b| score > b.score) {
                let text = if field == Field::Id { d.id.as_str() } else { s };
                best = Some(Suggestion {
                    node: n,
                    score,
                    field,
                    text,
                });
            }
        }
        scored.extend(best);
    }
    scored.sort_by(|a, b| {
        b.score
            .total_cmp(&a.score)
            .then_with(|| g[a.node].id.cmp(&g[b.node].id))
    });
    scored.truncate(limit);
    scored
}

/// How a `find` match was made, best first.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum How {
    Exact,
    Prefix,
    Word,
    Substring,
}

impl How {
    fn as_str(self) -> &'static str {
        match self {
            How::Exact => "exact",
            How::Prefix => "prefix",
            How::Word => "word",
            How::Substring => "substring",
        }
    }

    fn of(query: &str, cand: &str) -> Option<How> {
        if cand == query {
            return Some(How::Exact);
        }
        if cand.starts_with(query) {
            return Some(How::Prefix);
        }
        let mut how = None;
        for (pos, _) in cand.match_indices(query) {
            let before = cand[..pos].chars().next_back();
            if before.is_some_and(|c| !c.is_alphanumeric()) {
                return Some(How::Word);
            }
            how = Some(How::Substring);
        }
        how
    }
}

/// `query find`: the entity whose Wikidata QID is `text`, and entities whose id, name or an
/// alias contains `text` (case-insensitively),
/// best match first (exact, prefix, word start, substring; then name before alias before id,
/// more edges first, then id). Without any such entity, the most similar ones ("similar").
pub fn find(view: &View, text: &str, limit: usize) -> Find {
    let g = view.graph();
    let mut q = String::new();
    lower_into(&mut q, text.trim());
    let degree = |n: NodeIndex| view.incident(n, Direction::Both).count() as u64;
    let mut buf = String::new();
    // (how, field, -degree, id) sort key, node, matched text
    let mut hits: Vec<(How, Field, NodeIndex, &str)> = Vec::new();
    if !q.is_empty() {
        for n in g.node_indices() {
            let d = &g[n];
            let mut best: Option<(How, Field, &str)> = None;
            // A Wikidata QID matches whole ("Q956"), never in part.
            if let Some(qid) = d.qid.as_deref()
                && eq_lower(qid, &q)
            {
                hits.push((How::Exact, Field::Qid, n, qid));
                continue;
            }
            let fields = [(Field::Name, d.name.as_str()), (Field::Id, d.id.as_str())]
                .into_iter()
                .chain(d.aliases.iter().map(|a| (Field::Alias, a.as_str())));
            for (field, s) in fields {
                lower_into(&mut buf, s);
                if let Some(how) = How::of(&q, &buf)
                    && best.is_none_or(|(h, f, _)| (how, field.find_rank()) < (h, f.find_rank()))
                {
                    best = Some((how, field, s));
                }
            }
            if let Some((how, field, s)) = best {
                hits.push((how, field, n, s));
            }
        }
    }
    let mut matches: Vec<(How, Field, u64, NodeIndex, &str)> = hits
        .into_iter()
        .map(|(h, f, n, s)| (h, f, degree(n), n, s))
        .collect();
    matches.sort_by(|a, b| {
        (a.0, a.1.find_rank())
            .cmp(&(b.0, b.1.find_rank()))
            .then_with(|| b.2.cmp(&a.2))
            .then_with(|| view.cmp_ids(a.3, b.3))
    });
    let total;
    let out: Vec<FindMatch> = if matches.is_empty() {
        let similar = suggest(view.kg(), text, limit);
        total = similar.len();
        similar
            .into_iter()
            .map(|s| FindMatch {
                entity: entity(&g[s.node]),
                field: s.field.as_str(),
                text: s.text.to_string(),
                how: "similar",
                degree: degree(s.node),
            })
            .collect()
    } else {
        total = matches.len();
        matches
            .into_iter()
            .take(limit)
            .map(|(how, field, deg, n, s)| FindMatch {
                entity: entity(&g[n]),
                field: field.as_str(),
                text: s.to_string(),
                how: how.as_str(),
                degree: deg,
            })
            .collect()
    };
    Find {
        query: text.to_string(),
        omitted: total - out.len(),
        matches: out,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::query::{EdgeFilter, test_graph};

    fn kg() -> KnowledgeGraph {
        test_graph(
            &[
                ("state:GE", "Georgia", &["Sakartvelo"]),
                ("loc:us-georgia", "Georgia", &[]),
                ("person:kim-jong-un", "Kim Jong Un", &["Kim Jong-un"]),
                ("person:kim-yo-jong", "Kim Yo Jong", &[]),
                ("org:un", "United Nations", &["UN"]),
                ("person:un", "Un Person", &["United Nations"]),
            ],
            &[],
        )
    }

    fn id(kg: &KnowledgeGraph, q: &str) -> Result<String, String> {
        resolve(kg, q, "g.json")
            .map(|n| kg.graph()[n].id.clone())
            .map_err(|e| e.to_string())
    }

    #[test]
    fn resolution_order_and_errors() {
        let kg = kg();
        let cases: &[(&str, Result<&str, &str>)] = &[
            ("state:GE", Ok("state:GE")),
            ("STATE:ge", Ok("state:GE")),
            ("sakartvelo", Ok("state:GE")),
            ("kim jong-un", Ok("person:kim-jong-un")),
            // The canonical name of one beats the alias of another.
            ("united nations", Ok("org:un")),
            (
                "Georgia",
                Err(
                    "\"Georgia\" is ambiguous in g.json: it is the name of Georgia (loc:us-georgia, location), Georgia (state:GE, state); give an id instead",
                ),
            ),
            (
                "Kim Jong Uun",
                Err(
                    "no entity named \"Kim Jong Uun\" in g.json; did you mean: Kim Jong Un (person:kim-jong-un, person), Kim Yo Jong (person:kim-yo-jong, person)",
                ),
            ),
            (
                "person:kim-jong-uun",
                Err(
                    "no entity named \"person:kim-jong-uun\" in g.json; did you mean: Kim Jong Un (person:kim-jong-un, person), Kim Yo Jong (person:kim-yo-jong, person)",
                ),
            ),
            (
                "qqqqqq",
                Err("no entity named \"qqqqqq\" in g.json (try `relgraph query find GRAPH TEXT`)"),
            ),
        ];
        for (q, want) in cases {
            assert_eq!(
                id(&kg, q),
                want.map(str::to_string).map_err(str::to_string),
                "{q}"
            );
        }
    }

    #[test]
    fn suggestions_rank_word_matches_first() {
        let kg = kg();
        let s: Vec<&str> = suggest(&kg, "kim", 5)
            .iter()
            .map(|s| kg.graph()[s.node].id.as_str())
            .collect();
        assert_eq!(s, ["person:kim-jong-un", "person:kim-yo-jong"]);
    }

    #[test]
    fn find_orders_by_match_quality() {
        let kg = kg();
        let view = View::new(&kg, EdgeFilter::default());
        let f = find(&view, "georgia", 10);
        let got: Vec<(&str, &str)> = f
            .matches
            .iter()
            .map(|m| (m.entity.id.as_str(), m.how))
            .collect();
        assert_eq!(got, [("loc:us-georgia", "exact"), ("state:GE", "exact")]);
        let f = find(&view, "un", 2);
        let got: Vec<(&str, &str, &str)> = f
            .matches
            .iter()
            .map(|m| (m.entity.id.as_str(), m.field, m.how))
            .collect();
        // The exact alias "UN", then the name starting with "Un", then (left out) the rest.
        assert_eq!(
            got,
            [
                ("org:un", "alias", "exact"),
                ("person:un", "name", "prefix")
            ]
        );
        assert!(f.omitted > 0);
        // A word of both the name and the id: the name is what matched (name before id).
        let f = find(&view, "jong", 10);
        let kim = f
            .matches
            .iter()
            .find(|m| m.entity.id == "person:kim-jong-un")
            .unwrap();
        assert_eq!((kim.field, kim.how), ("name", "word"));
    }
}

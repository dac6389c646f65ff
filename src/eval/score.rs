//! The scoring definitions of `relgraph eval` (docs/evaluation.md, "Definitions").
//!
//! * Predictions are the extractor's entities restricted to their *name* mentions
//!   ([`not_a_name`]); an entity with no name mention is not a prediction.
//! * DWIE is scored entity-level ([`entity_level`]), the CoNLL sets strictly by mention
//!   ([`mention_level`]). Both return, for every predicted entity, the gold entities it stands
//!   for, and relations are scored over those ([`relations`]).

use super::labels::{self, Class, RelClass};
use super::report::{Category, ErrorItem, Errors, Prf, Reason, Report, Scores, TypeScore};
use super::{Dataset, GoldDoc, GoldEntity, Span};
use crate::types::{EntityType, MentionKind, Origin};
use crate::wire::extraction::{DocRecord, MentionRecord, RelationRecord};
use std::collections::{BTreeMap, HashMap};

/// Words that, as a coreference mention, are pronouns rather than names.
const PRONOUNS: &[&str] = &[
    "he",
    "she",
    "him",
    "her",
    "his",
    "hers",
    "himself",
    "herself",
    "it",
    "its",
    "itself",
    "they",
    "them",
    "their",
    "theirs",
    "themselves",
    "we",
    "us",
    "our",
    "i",
    "me",
    "my",
    "you",
    "your",
];

/// Whether `word` is a pronoun as written in running text: `he` or `He`, not `US` or `IT`.
pub fn is_pronoun(word: &str) -> bool {
    let mut chars = word.chars();
    let Some(first) = chars.next() else {
        return false;
    };
    let rest = chars.as_str();
    PRONOUNS.iter().any(|p| {
        let mut pc = p.chars();
        pc.next().is_some_and(|f| f == first.to_ascii_lowercase()) && pc.as_str() == rest
    })
}

/// Why a predicted mention is not a name.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum NotName {
    /// A role description resolved to a person ("the chancellor").
    Role,
    /// A pronoun resolved to a person ("He").
    Pronoun,
    /// A demonym ("German"), on CoNLL-2003 only.
    Demonym,
}

impl NotName {
    pub fn as_str(self) -> &'static str {
        match self {
            NotName::Role => "role",
            NotName::Pronoun => "pronoun",
            NotName::Demonym => "demonym",
        }
    }
}

/// Whether a predicted mention is left out of scoring, and why: role descriptions and pronouns
/// are never names in these data sets; demonyms are not names on CoNLL-2003 (MISC there).
pub fn not_a_name(dataset: Dataset, m: &MentionRecord) -> Option<NotName> {
    if m.kind == MentionKind::Role {
        Some(NotName::Role)
    } else if m.kind == MentionKind::Demonym && dataset.drops_demonyms() {
        Some(NotName::Demonym)
    } else if m.kind == MentionKind::Coreference && is_pronoun(&m.text) {
        Some(NotName::Pronoun)
    } else {
        None
    }
}

/// A predicted span measured in the gold tokens: widened to the start of the first token it
/// touches and the end of the last (a name that stops before a period the data set keeps in
/// its token, `Novak.`, covers that token). Spans that touch no token stay as they are.
pub fn snap_to_tokens(tokens: &[Span], s: Span) -> Span {
    let first = tokens.partition_point(|t| t.1 <= s.0);
    let end = tokens.partition_point(|t| t.0 < s.1);
    if first < end {
        (tokens[first].0, tokens[end - 1].1)
    } else {
        s
    }
}

fn overlaps(a: Span, b: Span) -> bool {
    a.0 < b.1 && b.0 < a.1
}

/// Gold, predicted and correct counts by type.
struct Tally<K: Ord> {
    counts: BTreeMap<K, [usize; 3]>,
}

impl<K: Ord + Copy> Tally<K> {
    fn new() -> Self {
        Tally {
            counts: BTreeMap::new(),
        }
    }

    fn add(&mut self, k: K, which: usize) {
        self.counts.entry(k).or_default()[which] += 1;
    }

    fn gold(&mut self, k: K) {
        self.add(k, 0);
    }

    fn pred(&mut self, k: K) {
        self.add(k, 1);
    }

    fn correct(&mut self, k: K) {
        self.add(k, 2);
    }

    fn scores(&self, order: impl Iterator<Item = K>, name: impl Fn(K) -> String) -> Scores {
        let mut total = [0usize; 3];
        let per_type = order
            .map(|k| {
                let c = self.counts.get(&k).copied().unwrap_or_default();
                for i in 0..3 {
                    total[i] += c[i];
                }
                TypeScore {
                    name: name(k),
                    prf: Prf::new(c[0], c[1], c[2]),
                }
            })
            .collect();
        Scores {
            overall: Prf::new(total[0], total[1], total[2]),
            per_type,
        }
    }
}

/// A predicted entity: its name mentions (character spans) and what it is.
struct PredEntity<'a> {
    id: &'a str,
    name: &'a str,
    etype: EntityType,
    class: Option<Class>,
    names: Vec<Span>,
    /// The text of the first name mention.
    text: &'a str,
    /// Every mention, with the reason it is not scored.
    all: Vec<(Span, Option<NotName>)>,
}

fn predicted_entities<'a>(
    dataset: Dataset,
    rec: &'a DocRecord,
    not_scored: &mut BTreeMap<String, usize>,
) -> Vec<PredEntity<'a>> {
    rec.entities
        .iter()
        .map(|e| {
            let mut p = PredEntity {
                id: &e.id,
                name: &e.name,
                etype: e.etype,
                class: labels::predicted_class(dataset, e.etype),
                names: Vec::new(),
                text: "",
                all: Vec::with_capacity(e.mentions.len()),
            };
            for m in &e.mentions {
                let why = not_a_name(dataset, m);
                match why {
                    Some(w) => *not_scored.entry(w.as_str().to_string()).or_default() += 1,
                    None => {
                        if p.names.is_empty() {
                            p.text = &m.text;
                        }
                        p.names.push((m.start, m.end));
                    }
                }
                p.all.push(((m.start, m.end), why));
            }
            p
        })
        .collect()
}

/// A document's text seen by character offsets, with its sentences (relgraph's splitter), for
/// showing errors.
struct View<'a> {
    text: &'a str,
    /// Byte offset of each character, and of the end.
    bytes: Vec<usize>,
    sentences: Vec<Span>,
}

impl<'a> View<'a> {
    fn new(text: &'a str) -> View<'a> {
        let mut bytes: Vec<usize> = text.char_indices().map(|(b, _)| b).collect();
        bytes.push(text.len());
        let to_char = |b: usize| bytes.partition_point(|&x| x < b);
        let sentences = crate::text::sentences::split_sentences(text)
            .into_iter()
            .map(|(s, e)| (to_char(s), to_char(e)))
            .collect();
        View {
            text,
            bytes,
            sentences,
        }
    }

    fn slice(&self, s: Span) -> &'a str {
        let n = self.bytes.len() - 1;
        &self.text[self.bytes[s.0.min(n)]..self.bytes[s.1.min(n)]]
    }

    /// The sentence holding character `pos`.
    fn sentence_of(&self, pos: usize) -> Span {
        self.sentences
            .iter()
            .copied()
            .find(|&(s, e)| s <= pos && pos < e)
            .unwrap_or((pos, pos))
    }

    /// The sentence around `span`, with `span` marked `[[...]]`.
    fn marked(&self, span: Span) -> String {
        let (s, e) = self.sentence_of(span.0);
        let e = e.max(span.1);
        format!(
            "{}[[{}]]{}",
            self.slice((s, span.0)),
            self.slice(span),
            self.slice((span.1, e))
        )
    }
}

/// Where errors go: nowhere unless `--errors` asked for them.
struct Errs<'a, 'v> {
    view: Option<&'v View<'a>>,
    doc: &'a str,
    items: &'v mut Vec<ErrorItem>,
}

impl Errs<'_, '_> {
    fn push(
        &mut self,
        category: Category,
        class: &str,
        text: &str,
        reason: Reason,
        detail: String,
        sentence: String,
    ) {
        self.items.push(ErrorItem {
            category,
            class: class.to_string(),
            text: text.to_string(),
            reason,
            detail,
            doc: self.doc.to_string(),
            sentence,
        });
    }
}

fn describe(p: &PredEntity) -> String {
    format!("as {} {} ({})", p.etype, p.id, p.name)
}

/// The longest mention text of a gold entity (the first of equal length).
fn gold_name<'a>(v: &View<'a>, e: &GoldEntity) -> &'a str {
    let mut best = "";
    for &m in &e.mentions {
        let t = v.slice(m);
        if t.chars().count() > best.chars().count() {
            best = t;
        }
    }
    best
}

/// DWIE: entity-level matching. Returns, per predicted entity, the gold entity it matched.
fn entity_level(
    g: &GoldDoc,
    preds: &[PredEntity],
    tally: &mut Tally<Class>,
    errs: &mut Errs,
) -> Vec<Vec<usize>> {
    let overlap = |p: &PredEntity, e: &GoldEntity| {
        p.names
            .iter()
            .filter(|&&s| e.mentions.iter().any(|&m| overlaps(s, m)))
            .count()
    };
    // Each prediction's best gold entity of its class, with the number of shared mentions.
    let best: Vec<Option<(usize, usize)>> = preds
        .iter()
        .map(|p| {
            let c = p.class?;
            let mut best: Option<(usize, usize)> = None;
            for (gi, e) in g.entities.iter().enumerate() {
                if e.class != Some(c) {
                    continue;
                }
                let n = overlap(p, e);
                if n > 0 && best.is_none_or(|(_, bn)| n > bn) {
                    best = Some((gi, n));
                }
            }
            best
        })
        .collect();
    // One prediction per gold entity: most shared mentions, then the earliest.
    let mut winner: Vec<Option<(usize, usize)>> = vec![None; g.entities.len()];
    for (pi, b) in best.iter().enumerate() {
        if let Some((gi, n)) = *b
            && winner[gi].is_none_or(|(_, wn)| n > wn)
        {
            winner[gi] = Some((pi, n));
        }
    }
    let mut matched: Vec<Vec<usize>> = vec![Vec::new(); preds.len()];
    for (gi, w) in winner.iter().enumerate() {
        if let Some((pi, _)) = *w {
            matched[pi].push(gi);
        }
    }
    for e in &g.entities {
        if let Some(c) = e.class {
            tally.gold(c);
        }
    }
    for (pi, p) in preds.iter().enumerate() {
        let Some(c) = p.class else { continue };
        if p.names.is_empty() {
            continue;
        }
        tally.pred(c);
        if !matched[pi].is_empty() {
            tally.correct(c);
            continue;
        }
        let Some(v) = errs.view else { continue };
        let (reason, detail) = if let Some((gi, _)) = best[pi] {
            let w = winner[gi].map_or(0, |(wi, _)| wi);
            (
                Reason::Duplicate,
                format!("{}; gold entity matched by {}", describe(p), preds[w].id),
            )
        } else if let Some(e) = g.entities.iter().find(|e| overlap(p, e) > 0) {
            (
                Reason::Type,
                format!("{}; gold {} {:?}", describe(p), e.label, gold_name(v, e)),
            )
        } else {
            (Reason::Spurious, describe(p))
        };
        errs.push(
            Category::EntityFalseAlarm,
            c.as_str(),
            p.text,
            reason,
            detail,
            v.marked(p.names[0]),
        );
    }
    if let Some(v) = errs.view {
        for (gi, e) in g.entities.iter().enumerate() {
            let Some(c) = e.class else { continue };
            if winner[gi].is_some() {
                continue;
            }
            let touching: Vec<&PredEntity> = preds.iter().filter(|p| overlap(p, e) > 0).collect();
            let (reason, detail) = if let Some(p) = touching.iter().find(|p| p.class == Some(c)) {
                (Reason::Merged, format!("in {}", p.id))
            } else if let Some(p) = touching.first() {
                (Reason::Type, describe(p))
            } else {
                (Reason::Missing, String::new())
            };
            let text = gold_name(v, e);
            errs.push(
                Category::EntityMiss,
                c.as_str(),
                text,
                reason,
                detail,
                v.marked(e.mentions[0]),
            );
        }
    }
    matched
}

/// CoNLL sets: strict mention-level matching. Returns, per predicted entity, the gold entities
/// (one mention each) one of its name mentions equals, span and class.
fn mention_level(
    g: &GoldDoc,
    preds: &[PredEntity],
    tally: &mut Tally<Class>,
    errs: &mut Errs,
) -> Vec<Vec<usize>> {
    let mut pred: Vec<(Span, Class, usize)> = Vec::new();
    for (pi, p) in preds.iter().enumerate() {
        if let Some(c) = p.class {
            pred.extend(p.names.iter().map(|&s| (s, c, pi)));
        }
    }
    pred.sort();
    pred.dedup_by(|a, b| (a.0, a.1) == (b.0, b.1));
    let gold: Vec<(Span, Class, usize)> = g
        .entities
        .iter()
        .enumerate()
        .filter_map(|(gi, e)| Some((e.mentions[0], e.class?, gi)))
        .collect();
    for &(_, c, _) in &gold {
        tally.gold(c);
    }
    for &(s, c, pi) in &pred {
        tally.pred(c);
        if gold.iter().any(|&(gs, gc, _)| (gs, gc) == (s, c)) {
            tally.correct(c);
            continue;
        }
        let Some(v) = errs.view else { continue };
        let p = &preds[pi];
        let (reason, detail) = if let Some(e) = g.entities.iter().find(|e| e.mentions[0] == s) {
            (Reason::Type, format!("{}; gold {}", describe(p), e.label))
        } else if let Some(e) = g.entities.iter().find(|e| overlaps(e.mentions[0], s)) {
            (
                Reason::Boundary,
                format!(
                    "{}; gold {} {:?}",
                    describe(p),
                    e.label,
                    v.slice(e.mentions[0])
                ),
            )
        } else {
            (Reason::Spurious, describe(p))
        };
        errs.push(
            Category::EntityFalseAlarm,
            c.as_str(),
            v.slice(s),
            reason,
            detail,
            v.marked(s),
        );
    }
    if let Some(v) = errs.view {
        for &(s, c, _) in &gold {
            if pred.iter().any(|&(ps, pc, _)| (ps, pc) == (s, c)) {
                continue;
            }
            let (reason, detail) = if let Some(&(_, _, pi)) =
                pred.iter().find(|&&(ps, _, _)| ps == s)
            {
                (Reason::Type, describe(&preds[pi]))
            } else if let Some(p) = preds
                .iter()
                .find(|p| p.all.iter().any(|&(ms, why)| ms == s && why.is_some()))
            {
                let why = p
                    .all
                    .iter()
                    .find_map(|&(ms, why)| if ms == s { why } else { None });
                (
                    Reason::NotAName,
                    format!(
                        "{} mention {}",
                        why.map_or("", NotName::as_str),
                        describe(p)
                    ),
                )
            } else if let Some(&(ps, _, pi)) = pred.iter().find(|&&(ps, _, _)| overlaps(ps, s)) {
                (
                    Reason::Boundary,
                    format!("{:?} {}", v.slice(ps), describe(&preds[pi])),
                )
            } else {
                (Reason::Missing, String::new())
            };
            errs.push(
                Category::EntityMiss,
                c.as_str(),
                v.slice(s),
                reason,
                detail,
                v.marked(s),
            );
        }
    }
    preds
        .iter()
        .map(|p| {
            gold.iter()
                .filter(|&&(gs, gc, _)| Some(gc) == p.class && p.names.contains(&gs))
                .map(|&(_, _, gi)| gi)
                .collect()
        })
        .collect()
}

/// Relations: gold (head, class, tail) after the label table, against the predicted relations
/// mapped the same way, whose endpoints stand for the gold entities in `endpoints`. Each gold
/// relation is matched at most once.
#[allow(clippy::too_many_arguments)]
fn relations(
    dataset: Dataset,
    g: &GoldDoc,
    rec: &DocRecord,
    preds: &[PredEntity],
    endpoints: &[Vec<usize>],
    text_only: bool,
    tally: &mut Tally<RelClass>,
    errs: &mut Errs,
) {
    let index: HashMap<&str, usize> = preds.iter().enumerate().map(|(i, p)| (p.id, i)).collect();
    let mut gold: Vec<(usize, RelClass, usize, &str)> = Vec::new();
    for r in &g.relations {
        let Some(row) = labels::gold_relation(dataset, &r.label) else {
            continue;
        };
        if g.entities[r.head].class.is_none() || g.entities[r.tail].class.is_none() {
            continue;
        }
        let (h, t) = if row.symmetric && r.tail < r.head {
            (r.tail, r.head)
        } else {
            (r.head, r.tail)
        };
        gold.push((h, row.class, t, &r.label));
    }
    gold.sort();
    gold.dedup_by(|a, b| (a.0, a.1, a.2) == (b.0, b.1, b.2));
    let mut pred: Vec<(usize, RelClass, usize, &RelationRecord)> = Vec::new();
    for r in &rec.relations {
        if text_only && r.origin != Origin::Text {
            continue;
        }
        let Some(row) = labels::predicted_relation(dataset, r.rtype) else {
            continue;
        };
        let (Some(&s), Some(&t)) = (index.get(r.source.as_str()), index.get(r.target.as_str()))
        else {
            continue;
        };
        let (s, t) = if row.symmetric && t < s {
            (t, s)
        } else {
            (s, t)
        };
        pred.push((s, row.class, t, r));
    }
    pred.sort_by_key(|a| (a.0, a.1, a.2, a.3.origin));
    pred.dedup_by(|a, b| (a.0, a.1, a.2) == (b.0, b.1, b.2));
    let symmetric = |c: RelClass| {
        labels::RELATION_TABLE
            .iter()
            .any(|r| r.class == c && r.symmetric)
    };
    let fits = |s: usize, t: usize, h: usize, tl: usize| {
        endpoints[s].contains(&h) && endpoints[t].contains(&tl)
    };
    let mut gold_used = vec![false; gold.len()];
    for &(_, c, _, _) in &gold {
        tally.gold(c);
    }
    let mut wrong: Vec<usize> = Vec::new();
    for (pi, &(s, c, t, _)) in pred.iter().enumerate() {
        tally.pred(c);
        let hit = gold.iter().enumerate().position(|(gi, &(h, gc, tl, _))| {
            !gold_used[gi] && gc == c && (fits(s, t, h, tl) || (symmetric(c) && fits(s, t, tl, h)))
        });
        match hit {
            Some(gi) => {
                gold_used[gi] = true;
                tally.correct(c);
            }
            None => wrong.push(pi),
        }
    }
    let Some(v) = errs.view else { return };
    let found = |gi: usize| endpoints.iter().any(|e| e.contains(&gi));
    for (gi, &(h, c, t, label)) in gold.iter().enumerate() {
        if gold_used[gi] {
            continue;
        }
        let other: Vec<String> = pred
            .iter()
            .filter(|&&(s, _, tl, _)| fits(s, tl, h, t) || fits(s, tl, t, h))
            .map(|&(s, pc, _, _)| {
                let dir = if endpoints[s].contains(&h) {
                    ""
                } else {
                    " (reversed)"
                };
                format!("{pc}{dir}")
            })
            .collect();
        let (reason, detail) = if !found(h) || !found(t) {
            let which = match (found(h), found(t)) {
                (false, false) => "head and tail",
                (false, true) => "head",
                _ => "tail",
            };
            (Reason::Endpoint, format!("gold {label}; {which} not found"))
        } else if !other.is_empty() {
            (
                Reason::Type,
                format!("gold {label}; predicted {}", other.join(", ")),
            )
        } else {
            (Reason::NoEdge, format!("gold {label}"))
        };
        let (he, te) = (&g.entities[h], &g.entities[t]);
        let text = format!("{} -> {}", gold_name(v, he), gold_name(v, te));
        // The first sentence naming both, else the head's first sentence.
        let mut sentence = v.sentence_of(he.mentions[0].0);
        'find: for &a in &he.mentions {
            let sa = v.sentence_of(a.0);
            for &b in &te.mentions {
                if v.sentence_of(b.0) == sa {
                    sentence = sa;
                    break 'find;
                }
            }
        }
        errs.push(
            Category::RelationMiss,
            c.as_str(),
            &text,
            reason,
            detail,
            v.slice(sentence).to_string(),
        );
    }
    for pi in wrong {
        let (s, c, t, r) = pred[pi];
        let (ps, pt) = (&preds[s], &preds[t]);
        let related: Vec<&str> = g
            .relations
            .iter()
            .filter(|gr| {
                (endpoints[s].contains(&gr.head) && endpoints[t].contains(&gr.tail))
                    || (endpoints[s].contains(&gr.tail) && endpoints[t].contains(&gr.head))
            })
            .map(|gr| gr.label.as_str())
            .collect();
        let evidence = r.evidence.first();
        let rule = evidence.map_or(String::new(), |e| format!("rule {} ({})", e.rule, r.origin));
        let (reason, detail) = if endpoints[s].is_empty() || endpoints[t].is_empty() {
            let which = match (endpoints[s].is_empty(), endpoints[t].is_empty()) {
                (true, true) => "source and target",
                (true, false) => "source",
                _ => "target",
            };
            (
                Reason::Endpoint,
                format!("{rule}; {which} not a gold entity"),
            )
        } else if !related.is_empty() {
            (Reason::Type, format!("{rule}; gold {}", related.join(", ")))
        } else {
            (Reason::Unannotated, rule)
        };
        let text = format!("{} -> {}", ps.name, pt.name);
        let sentence = evidence.map_or(String::new(), |e| v.slice((e.start, e.end)).to_string());
        errs.push(
            Category::RelationFalseAlarm,
            c.as_str(),
            &text,
            reason,
            detail,
            sentence,
        );
    }
}

/// Scores `predicted` (one record per gold document, in order) against `gold`; keeps the `errors`
/// largest error groups of each category.
pub fn score(
    dataset: Dataset,
    path: &str,
    gold: &[GoldDoc],
    predicted: &[DocRecord],
    errors: usize,
) -> Report {
    let mut ents: Tally<Class> = Tally::new();
    let mut rels: Tally<RelClass> = Tally::new();
    let mut rels_text: Tally<RelClass> = Tally::new();
    let mut not_scored: BTreeMap<String, usize> = BTreeMap::new();
    let mut items: Vec<ErrorItem> = Vec::new();
    for (g, rec) in gold.iter().zip(predicted) {
        let view = (errors > 0).then(|| View::new(&g.text));
        let mut errs = Errs {
            view: view.as_ref(),
            doc: &g.id,
            items: &mut items,
        };
        let mut preds = predicted_entities(dataset, rec, &mut not_scored);
        if !dataset.entity_level() {
            for p in &mut preds {
                for s in p.names.iter_mut().chain(p.all.iter_mut().map(|(s, _)| s)) {
                    *s = snap_to_tokens(&g.tokens, *s);
                }
            }
        }
        let endpoints = if dataset.entity_level() {
            entity_level(g, &preds, &mut ents, &mut errs)
        } else {
            mention_level(g, &preds, &mut ents, &mut errs)
        };
        if dataset.has_relations() {
            relations(
                dataset, g, rec, &preds, &endpoints, false, &mut rels, &mut errs,
            );
            let mut quiet = Errs {
                view: None,
                doc: &g.id,
                items: &mut Vec::new(),
            };
            relations(
                dataset,
                g,
                rec,
                &preds,
                &endpoints,
                true,
                &mut rels_text,
                &mut quiet,
            );
        }
    }
    let rel_scores =
        |t: &Tally<RelClass>| t.scores(labels::relation_classes(dataset), |c| c.to_string());
    Report {
        dataset,
        path: path.to_string(),
        documents: gold.len(),
        definition: dataset.definition().to_string(),
        gazetteer_facts: String::new(),
        entities: ents.scores(Class::ALL.iter().copied(), |c| c.to_string()),
        not_scored,
        relations: dataset.has_relations().then(|| rel_scores(&rels)),
        relations_text_only: dataset.has_relations().then(|| rel_scores(&rels_text)),
        errors: (errors > 0).then(|| Errors::from_items(&items, errors, dataset.has_relations())),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pronouns_are_lower_case_or_capitalised_words() {
        for w in ["he", "He", "she", "She", "they", "I"] {
            assert!(is_pronoun(w), "{w}");
        }
        for w in ["US", "IT", "HE", "Us.", "Hen", ""] {
            assert!(!is_pronoun(w), "{w}");
        }
    }

    #[test]
    fn only_coreference_pronouns_roles_and_conll03_demonyms_are_not_names() {
        let m = |text: &str, kind| MentionRecord {
            start: 0,
            end: text.chars().count(),
            text: text.to_string(),
            kind,
        };
        use MentionKind::*;
        assert_eq!(not_a_name(Dataset::Dwie, &m("US", Alias)), None);
        assert_eq!(
            not_a_name(Dataset::Dwie, &m("He", Coreference)),
            Some(NotName::Pronoun)
        );
        assert_eq!(not_a_name(Dataset::Dwie, &m("Shoigu", Coreference)), None);
        assert_eq!(
            not_a_name(Dataset::Conll04, &m("the chancellor", Role)),
            Some(NotName::Role)
        );
        assert_eq!(not_a_name(Dataset::Conll04, &m("German", Demonym)), None);
        assert_eq!(
            not_a_name(Dataset::Conll03, &m("German", Demonym)),
            Some(NotName::Demonym)
        );
    }
}

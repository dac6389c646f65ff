//! The result of `relgraph eval`: scores, and the worst errors grouped. [`Report`] is also the
//! `--json` output (documented in docs/evaluation.md, "JSON output"); [`Report::render`] is the
//! text output.

use super::Dataset;
use serde::Serialize;
use std::collections::BTreeMap;
use std::fmt::Write as _;

/// Precision, recall and F1 of one type (or overall).
#[derive(Debug, Clone, Copy, PartialEq, Default, Serialize)]
pub struct Prf {
    pub gold: usize,
    pub predicted: usize,
    pub correct: usize,
    pub precision: f64,
    pub recall: f64,
    pub f1: f64,
}

impl Prf {
    /// Scores from counts; a ratio with a zero denominator is 0.
    pub fn new(gold: usize, predicted: usize, correct: usize) -> Prf {
        let ratio = |a: usize, b: usize| if b == 0 { 0.0 } else { a as f64 / b as f64 };
        let precision = ratio(correct, predicted);
        let recall = ratio(correct, gold);
        let f1 = if precision + recall == 0.0 {
            0.0
        } else {
            2.0 * precision * recall / (precision + recall)
        };
        Prf {
            gold,
            predicted,
            correct,
            precision: round4(precision),
            recall: round4(recall),
            f1: round4(f1),
        }
    }
}

/// Rounds to 4 decimals (scores are reported to 3; the JSON keeps one more).
fn round4(x: f64) -> f64 {
    (x * 10_000.0).round() / 10_000.0
}

/// The scores of one type.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct TypeScore {
    #[serde(rename = "type")]
    pub name: String,
    #[serde(flatten)]
    pub prf: Prf,
}

/// Overall and per-type scores (types in the order of the label table).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Scores {
    pub overall: Prf,
    pub per_type: Vec<TypeScore>,
}

/// What kind of error.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Category {
    EntityMiss,
    EntityFalseAlarm,
    RelationMiss,
    RelationFalseAlarm,
}

impl Category {
    pub const ALL: &'static [Category] = &[
        Category::EntityMiss,
        Category::EntityFalseAlarm,
        Category::RelationMiss,
        Category::RelationFalseAlarm,
    ];

    pub fn title(self) -> &'static str {
        match self {
            Category::EntityMiss => "entity misses",
            Category::EntityFalseAlarm => "entity false alarms",
            Category::RelationMiss => "relation misses",
            Category::RelationFalseAlarm => "relation false alarms",
        }
    }
}

/// Why an item is an error (docs/evaluation.md, "Error reasons").
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Reason {
    /// Miss: no predicted name mention overlaps it.
    Missing,
    /// Entity: found with another class. Relation: the pair is related with another type or
    /// direction.
    Type,
    /// Mention-level: an overlapping prediction with a different span.
    Boundary,
    /// DWIE miss: a same-class prediction overlaps it but matched another gold entity.
    Merged,
    /// Mention-level miss: predicted with this span by a mention that is not a name (a role
    /// description, a pronoun, or a demonym on CoNLL-2003).
    NotAName,
    /// DWIE false alarm: its best gold entity was matched by another prediction.
    Duplicate,
    /// False alarm overlapping no gold mention at all.
    Spurious,
    /// Relation: an endpoint entity was not found (miss) or matches no gold entity (false alarm).
    Endpoint,
    /// Relation miss: both entities were found, no relation of this type joins them.
    NoEdge,
    /// Relation false alarm: both entities are right, the data set has no relation between them.
    Unannotated,
}

impl Reason {
    pub fn as_str(self) -> &'static str {
        match self {
            Reason::Missing => "missing",
            Reason::Type => "type",
            Reason::Boundary => "boundary",
            Reason::Merged => "merged",
            Reason::NotAName => "not-a-name",
            Reason::Duplicate => "duplicate",
            Reason::Spurious => "spurious",
            Reason::Endpoint => "endpoint",
            Reason::NoEdge => "no-edge",
            Reason::Unannotated => "unannotated",
        }
    }
}

/// One error, before grouping.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ErrorItem {
    pub category: Category,
    /// Entity class or relation class.
    pub class: String,
    /// The mention or entity text, or `head -> tail` for relations.
    pub text: String,
    pub reason: Reason,
    /// What the other side said (predicted type and id, gold label, rule).
    pub detail: String,
    pub doc: String,
    /// The sentence, with the mention marked `[[...]]` where there is one.
    pub sentence: String,
}

/// Errors with the same category, class, text and reason, with the first example.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ErrorGroup {
    pub count: usize,
    pub class: String,
    pub text: String,
    pub reason: Reason,
    pub detail: String,
    pub doc: String,
    pub sentence: String,
}

/// How many errors of each reason.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ReasonCount {
    pub reason: Reason,
    pub count: usize,
}

/// The errors of one category: totals by reason, then the `N` largest groups.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ErrorList {
    pub total: usize,
    pub by_reason: Vec<ReasonCount>,
    pub worst: Vec<ErrorGroup>,
}

/// Errors by category (`--errors N`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Errors {
    pub entity_misses: ErrorList,
    pub entity_false_alarms: ErrorList,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub relation_misses: Option<ErrorList>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub relation_false_alarms: Option<ErrorList>,
}

impl Errors {
    /// Groups `items` and keeps the `n` largest groups of each category (most errors first,
    /// then class, text and reason).
    pub fn from_items(items: &[ErrorItem], n: usize, relations: bool) -> Errors {
        let list = |c: Category| {
            let mut groups: BTreeMap<(&str, &str, Reason), ErrorGroup> = BTreeMap::new();
            let mut reasons: BTreeMap<Reason, usize> = BTreeMap::new();
            let mut total = 0;
            for it in items.iter().filter(|i| i.category == c) {
                total += 1;
                *reasons.entry(it.reason).or_default() += 1;
                groups
                    .entry((&it.class, &it.text, it.reason))
                    .or_insert_with(|| ErrorGroup {
                        count: 0,
                        class: it.class.clone(),
                        text: it.text.clone(),
                        reason: it.reason,
                        detail: it.detail.clone(),
                        doc: it.doc.clone(),
                        sentence: it.sentence.clone(),
                    })
                    .count += 1;
            }
            let mut worst: Vec<ErrorGroup> = groups.into_values().collect();
            worst.sort_by(|a, b| {
                b.count
                    .cmp(&a.count)
                    .then_with(|| (&a.class, &a.text, a.reason).cmp(&(&b.class, &b.text, b.reason)))
            });
            worst.truncate(n);
            let mut by_reason: Vec<ReasonCount> = reasons
                .into_iter()
                .map(|(reason, count)| ReasonCount { reason, count })
                .collect();
            by_reason.sort_by(|a, b| b.count.cmp(&a.count).then(a.reason.cmp(&b.reason)));
            ErrorList {
                total,
                by_reason,
                worst,
            }
        };
        Errors {
            entity_misses: list(Category::EntityMiss),
            entity_false_alarms: list(Category::EntityFalseAlarm),
            relation_misses: relations.then(|| list(Category::RelationMiss)),
            relation_false_alarms: relations.then(|| list(Category::RelationFalseAlarm)),
        }
    }

    fn lists(&self) -> Vec<(Category, &ErrorList)> {
        let mut v = vec![
            (Category::EntityMiss, &self.entity_misses),
            (Category::EntityFalseAlarm, &self.entity_false_alarms),
        ];
        if let Some(l) = &self.relation_misses {
            v.push((Category::RelationMiss, l));
        }
        if let Some(l) = &self.relation_false_alarms {
            v.push((Category::RelationFalseAlarm, l));
        }
        v
    }
}

/// Everything `relgraph eval` reports.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Report {
    pub dataset: Dataset,
    pub path: String,
    pub documents: usize,
    /// The scoring definition (docs/evaluation.md).
    pub definition: String,
    /// Which gazetteer facts the extractor added (`mentioned` by default, or `none`).
    pub gazetteer_facts: String,
    pub entities: Scores,
    /// Predicted mentions left out of scoring because they are not names, by kind.
    pub not_scored: BTreeMap<String, usize>,
    /// Relations as the extractor outputs them (text and gazetteer origins).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub relations: Option<Scores>,
    /// Relations of origin `text` only.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub relations_text_only: Option<Scores>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub errors: Option<Errors>,
}

fn table(out: &mut String, title: &str, s: &Scores) {
    let _ = writeln!(
        out,
        "{title:<22} {:>6} {:>6} {:>6} {:>9} {:>7} {:>6}",
        "gold", "pred", "right", "precision", "recall", "F1"
    );
    let row = |out: &mut String, name: &str, p: &Prf| {
        let _ = writeln!(
            out,
            "  {name:<20} {:>6} {:>6} {:>6} {:>9.3} {:>7.3} {:>6.3}",
            p.gold, p.predicted, p.correct, p.precision, p.recall, p.f1
        );
    };
    for t in &s.per_type {
        row(out, &t.name, &t.prf);
    }
    row(out, "overall", &s.overall);
}

impl Report {
    /// The text output.
    pub fn render(&self) -> String {
        let mut out = String::new();
        let _ = writeln!(
            out,
            "relgraph eval: {} ({} documents) {}\ngazetteer facts: {}\n{}\n",
            self.dataset, self.documents, self.path, self.gazetteer_facts, self.definition
        );
        table(&mut out, "entities", &self.entities);
        if !self.not_scored.is_empty() {
            let parts: Vec<String> = self
                .not_scored
                .iter()
                .map(|(k, v)| format!("{k} {v}"))
                .collect();
            let _ = writeln!(
                out,
                "  (predicted mentions not scored, not names: {})",
                parts.join(", ")
            );
        }
        if let Some(r) = &self.relations {
            out.push('\n');
            table(&mut out, "relations", r);
        }
        if let Some(t) = &self.relations_text_only {
            let p = &t.overall;
            let _ = writeln!(
                out,
                "  {:<20} {:>6} {:>6} {:>6} {:>9.3} {:>7.3} {:>6.3}",
                "overall, text only", p.gold, p.predicted, p.correct, p.precision, p.recall, p.f1
            );
        }
        if let Some(e) = &self.errors {
            for (c, l) in e.lists() {
                let reasons: Vec<String> = l
                    .by_reason
                    .iter()
                    .map(|r| format!("{} {}", r.reason.as_str(), r.count))
                    .collect();
                if l.total == 0 {
                    let _ = writeln!(out, "\n{}: none", c.title());
                    continue;
                }
                let _ = writeln!(out, "\n{} ({}: {})", c.title(), l.total, reasons.join(", "));
                for g in &l.worst {
                    let _ = writeln!(
                        out,
                        "  {:>3}x {} {:?} [{}]{}",
                        g.count,
                        g.class,
                        g.text,
                        g.reason.as_str(),
                        if g.detail.is_empty() {
                            String::new()
                        } else {
                            format!(" {}", g.detail)
                        }
                    );
                    let _ = writeln!(out, "       {}: {}", g.doc, g.sentence.replace('\n', " / "));
                }
            }
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn prf_from_counts() {
        let p = Prf::new(10, 8, 6);
        assert_eq!((p.precision, p.recall), (0.75, 0.6));
        assert_eq!(p.f1, 0.6667);
        let z = Prf::new(0, 0, 0);
        assert_eq!((z.precision, z.recall, z.f1), (0.0, 0.0, 0.0));
    }

    #[test]
    fn errors_group_and_sort() {
        let item = |text: &str, doc: &str| ErrorItem {
            category: Category::EntityMiss,
            class: "person".into(),
            text: text.into(),
            reason: Reason::Missing,
            detail: String::new(),
            doc: doc.into(),
            sentence: format!("s {doc}"),
        };
        let items = vec![
            item("B", "1"),
            item("A", "1"),
            item("B", "2"),
            item("C", "3"),
        ];
        let e = Errors::from_items(&items, 2, false);
        assert_eq!(e.entity_misses.total, 4);
        let worst: Vec<(&str, usize, &str)> = e
            .entity_misses
            .worst
            .iter()
            .map(|g| (g.text.as_str(), g.count, g.doc.as_str()))
            .collect();
        assert_eq!(worst, vec![("B", 2, "1"), ("A", 1, "1")]);
        assert!(e.relation_misses.is_none());
    }
}

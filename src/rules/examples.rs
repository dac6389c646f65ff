//! Running each rule's own examples (`relgraph check-rules`, and the test suite).

use crate::doc::RuleRef;
use crate::extract::{Extractor, Scratch};
use crate::gazetteer::Date;
use crate::types::RelationType;

/// One failed example.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ExampleFailure {
    pub rule: String,
    pub location: String,
    pub text: String,
    pub problem: String,
}

impl std::fmt::Display for ExampleFailure {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "{}: rule {}: {:?}: {}",
            self.location, self.rule, self.text, self.problem
        )
    }
}

/// Splits `"Source Name relation Target Name"` at the relation word.
pub fn parse_expectation(s: &str) -> Option<(String, RelationType, String)> {
    let words: Vec<&str> = s.split_whitespace().collect();
    let (i, rel) = words
        .iter()
        .enumerate()
        .find_map(|(i, w)| w.parse::<RelationType>().ok().map(|r| (i, r)))?;
    if i == 0 || i + 1 == words.len() {
        return None;
    }
    Some((words[..i].join(" "), rel, words[i + 1..].join(" ")))
}

/// Runs every example of every rule; returns the failures (empty = all pass).
pub fn check(ex: &Extractor) -> Vec<ExampleFailure> {
    let g = ex.gazetteer();
    let rules = ex.rules();
    let mut scratch = Scratch::default();
    let mut failures = Vec::new();
    for (ri, rule) in rules.rules.iter().enumerate() {
        for e in &rule.examples {
            let fail = |problem: String| ExampleFailure {
                rule: rule.id.clone(),
                location: format!("{}:{}", rule.path, rule.line),
                text: e.text.clone(),
                problem,
            };
            let date = match e.date.as_deref().map(str::parse::<Date>).transpose() {
                Ok(d) => d,
                Err(err) => {
                    failures.push(fail(err.to_string()));
                    continue;
                }
            };
            let res = ex.extract(&e.text, date, &mut scratch);
            let got: Vec<(String, RelationType, String)> = res
                .relations
                .iter()
                .filter(|f| f.rule == RuleRef::Text(ri as u32))
                .map(|f| {
                    (
                        res.name(f.source, g).to_string(),
                        f.relation,
                        res.name(f.target, g).to_string(),
                    )
                })
                .collect();
            let show = || {
                got.iter()
                    .map(|(s, r, t)| format!("{s} {r} {t}"))
                    .collect::<Vec<_>>()
                    .join("; ")
            };
            if e.expect.is_empty() && !got.is_empty() {
                failures.push(fail(format!("expected no relation, got: {}", show())));
            }
            for want in &e.expect {
                let Some((s, r, t)) = parse_expectation(want) else {
                    failures.push(fail(format!("cannot read expectation {want:?}")));
                    continue;
                };
                let found = got.iter().any(|(gs, gr, gt)| {
                    *gr == r
                        && ((*gs == s && *gt == t) || (r.is_symmetric() && *gs == t && *gt == s))
                });
                if !found {
                    failures.push(fail(format!("missing {want:?}; got: [{}]", show())));
                }
            }
        }
    }
    failures
}

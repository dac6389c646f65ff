//! Every rule of the default rule set passes its own examples.

use relgraph::extract::{Extractor, FactsMode};
use relgraph::gazetteer::Gazetteer;
use relgraph::rules::RuleSet;
use relgraph::rules::examples;

#[test]
fn every_default_rule_passes_its_examples() {
    let ex = Extractor::new(
        Gazetteer::embedded().unwrap(),
        RuleSet::embedded().unwrap(),
        FactsMode::None,
    );
    let failures = examples::check(&ex);
    let report: Vec<String> = failures.iter().map(ToString::to_string).collect();
    assert!(
        failures.is_empty(),
        "{} failing examples:\n{}",
        failures.len(),
        report.join("\n")
    );
}

#[test]
fn every_rule_has_examples_and_a_negative_somewhere() {
    let rs = RuleSet::embedded().unwrap();
    assert!(rs.rules.iter().all(|r| !r.examples.is_empty()));
    assert!(
        rs.rules
            .iter()
            .any(|r| r.examples.iter().any(|e| e.expect.is_empty()))
    );
}

#[test]
fn expectation_parsing() {
    let (s, r, t) = examples::parse_expectation("Kim Jong Un head_of_state North Korea").unwrap();
    assert_eq!(
        (s.as_str(), r.as_str(), t.as_str()),
        ("Kim Jong Un", "head_of_state", "North Korea")
    );
    assert!(examples::parse_expectation("head_of_state North Korea").is_none());
    assert!(examples::parse_expectation("no relation here").is_none());
}

//! Dated roles drive extraction: a role description without a name resolves to the holder on
//! the document date.

use relgraph::extract::{Extractor, FactsMode, Scratch};
use relgraph::gazetteer::{Date, Gazetteer};
use relgraph::rules::RuleSet;
use relgraph::types::MentionKind;
use std::sync::OnceLock;

fn extractor() -> &'static Extractor {
    static EX: OnceLock<Extractor> = OnceLock::new();
    EX.get_or_init(|| {
        Extractor::new(
            Gazetteer::embedded().unwrap(),
            RuleSet::embedded().unwrap(),
            FactsMode::None,
        )
    })
}

/// Names of the people the role mentions of `text` resolve to on `date`.
fn role_holders(text: &str, date: Option<&str>) -> Vec<String> {
    let ex = extractor();
    let date = date.map(|d| d.parse::<Date>().unwrap());
    let res = ex.extract(text, date, &mut Scratch::default());
    res.mentions
        .iter()
        .filter(|m| m.kind == MentionKind::Role)
        .map(|m| res.name(m.entity, ex.gazetteer()).to_string())
        .collect()
}

#[test]
fn table() {
    let cases: &[(&str, Option<&str>, &[&str])] = &[
        (
            "The Russian president spoke.",
            Some("2019-06-01"),
            &["Vladimir Putin"],
        ),
        (
            "The Russian president spoke.",
            Some("2010-06-01"),
            &["Dmitry Medvedev"],
        ),
        (
            "The German chancellor spoke.",
            Some("2023"),
            &["Olaf Scholz"],
        ),
        (
            "The German chancellor spoke.",
            Some("2025-09-01"),
            &["Friedrich Merz"],
        ),
        (
            "The president of Russia spoke.",
            Some("2019-06-01"),
            &["Vladimir Putin"],
        ),
        (
            "Russia's president spoke.",
            Some("2019-06-01"),
            &["Vladimir Putin"],
        ),
        (
            "The Russian foreign minister spoke.",
            Some("2019-06-01"),
            &["Sergei Lavrov"],
        ),
        // no date: nothing is guessed
        ("The Russian president spoke.", None, &[]),
        // a name follows: the name is the mention, not the role
        (
            "The Russian president Vladimir Putin spoke.",
            Some("2019-06-01"),
            &[],
        ),
        // former: not the holder on that date
        ("The former German chancellor spoke.", Some("2019"), &[]),
        ("The German former chancellor spoke.", Some("2019"), &[]),
    ];
    for (text, date, want) in cases {
        assert_eq!(role_holders(text, *date), *want, "{text:?} on {date:?}");
    }
}

#[test]
fn the_role_edge_says_which_role_was_held() {
    let ex = extractor();
    let res = ex.extract(
        "The German chancellor arrived.",
        Some("2023".parse().unwrap()),
        &mut Scratch::default(),
    );
    let edge = res
        .relations
        .iter()
        .find(|f| f.relation.as_str() == "head_of_government")
        .expect("a head_of_government edge");
    assert_eq!(res.name(edge.source, ex.gazetteer()), "Olaf Scholz");
    assert_eq!(edge.role.as_deref(), Some("chancellor"));
}

//! The trained models (docs/models.md): the shipped files load and decide, `relgraph train` is
//! deterministic, model edges carry their evidence, and bad model files are clear errors.

mod common;

use common::*;
use proptest::prelude::*;
use relgraph::extract::Scratch;
use relgraph::model::Models;
use relgraph::wire::extraction::DocRecord;

fn modeled_record(text: &str) -> DocRecord {
    let ex = modeled();
    let res = ex.extract(text, None, &mut Scratch::default());
    DocRecord::new("t".into(), None, text, &res, ex.gazetteer(), ex.rules())
}

#[test]
fn shipped_models_load_with_their_classes() {
    let m = Models::embedded().unwrap();
    let names = m.names.as_ref().expect("a shipped name model");
    assert_eq!(
        names.linear().classes,
        relgraph::model::names::tag_labels(),
        "the name model tags BIO over PER, ORG, LOC, MISC"
    );
    assert!(names.linear().n_features() > 10_000);
    let rel = m.relations.as_ref().expect("a shipped relation model");
    let types: Vec<_> = rel.types().collect();
    for t in [
        relgraph::types::RelationType::MemberOf,
        relgraph::types::RelationType::BasedIn,
        relgraph::types::RelationType::LocatedIn,
        relgraph::types::RelationType::Killed,
    ] {
        assert!(types.contains(&t), "{t}");
    }
    assert!((0.0..1.0).contains(&rel.threshold));
}

/// People the gazetteer does not list, whom the rule stages alone miss, are found by the name
/// model (invented names).
#[test]
fn the_name_model_finds_unlisted_people() {
    for (text, person, other) in [
        (
            "Shares of Dravik Holdings rose after Lennart Osk, its chief executive, spoke in Tallinn.",
            "Lennart Osk",
            ("Dravik Holdings", "organization"),
        ),
        (
            "The Velmar Institute hired Pia Sundqvist last week.",
            "Pia Sundqvist",
            ("Velmar Institute", "organization"),
        ),
        (
            "Gretchen Aldous of the Ostmark Farmers Association met Oskarine Vellqvist.",
            "Gretchen Aldous",
            ("Ostmark Farmers Association", "organization"),
        ),
    ] {
        let ty = |rec: &DocRecord, name: &str| {
            rec.entities
                .iter()
                .find(|e| e.name == name)
                .map(|e| e.etype.as_str().to_string())
        };
        let rec = modeled_record(text);
        assert_eq!(ty(&rec, person).as_deref(), Some("person"), "{rec:#?}");
        assert_eq!(ty(&rec, other.0).as_deref(), Some(other.1), "{rec:#?}");
        assert_eq!(check_offsets(text, &rec), Ok(()));
        // The rule stages alone miss the person: the model is what finds them.
        assert_eq!(ty(&record(text), person), None);
    }
}

/// A part of a name met earlier is the same entity, not a new one.
#[test]
fn parts_of_names_are_the_same_entity() {
    let text = "Oskarine Vellqvist arrived on Monday. Vellqvist said little.";
    let rec = modeled_record(text);
    let people: Vec<_> = rec
        .entities
        .iter()
        .filter(|e| e.etype.as_str() == "person")
        .collect();
    assert_eq!(people.len(), 1, "{rec:#?}");
    assert_eq!(people[0].mentions.len(), 2, "{rec:#?}");
    assert_eq!(check_offsets(text, &rec), Ok(()));
}

/// Edges the relation model makes carry `model:<type>` and the model's probability.
#[test]
fn model_edges_carry_their_rule_and_probability() {
    let o = relgraph(&["extract", "data/examples"], None);
    assert!(o.status.success(), "{}", stderr(&o));
    let threshold = Models::embedded().unwrap().relations.unwrap().threshold;
    let mut seen = 0;
    for line in stdout(&o).lines() {
        let v: serde_json::Value = serde_json::from_str(line).unwrap();
        for r in v["relations"].as_array().unwrap() {
            for e in r["evidence"].as_array().unwrap() {
                let rule = e["rule"].as_str().unwrap();
                if let Some(t) = rule.strip_prefix("model:") {
                    seen += 1;
                    assert_eq!(t, r["type"].as_str().unwrap());
                    let c = e["confidence"].as_f64().unwrap();
                    assert!(c >= f64::from(threshold) - 1e-6 && c <= 1.0, "{c}");
                    check_reasons(e);
                } else {
                    assert!(e.get("features").is_none(), "{e}");
                }
            }
        }
    }
    assert!(seen > 0, "no model edge in the bundled examples");
}

/// The reasons a model edge gives: one to five named features, heaviest first, no bias, and
/// the words they name are the words of the evidence.
fn check_reasons(e: &serde_json::Value) {
    let features = e["features"]
        .as_array()
        .expect("a model edge lists its features");
    assert!((1..=5).contains(&features.len()), "{e}");
    let weights: Vec<f64> = features
        .iter()
        .map(|f| f["weight"].as_f64().unwrap())
        .collect();
    assert!(weights.windows(2).all(|w| w[0].abs() >= w[1].abs()), "{e}");
    let trigger = e["trigger"].as_str().unwrap().to_lowercase();
    for f in features {
        let name = f["feature"].as_str().unwrap();
        assert_ne!(name, "bias");
        if let Some(w) = name.strip_prefix("between=")
            && !w.starts_with('<')
        {
            assert!(trigger.contains(w), "{name} not in {trigger:?}");
        }
    }
}

/// `query explain` shows the features behind a model edge, from a JSON or a binary graph.
#[test]
fn query_explain_gives_a_model_edges_reasons() {
    let dir = tempdir();
    for name in ["g.json", "g.bin"] {
        let g = dir.path().join(name);
        let g = g.to_str().unwrap();
        let o = relgraph(&["build", "data/examples", "-o", g], None);
        assert!(o.status.success(), "{}", stderr(&o));
        let args = ["query", "explain", g, "Andrii Sybiha", "Ukraine"];
        let o = relgraph(&args, None);
        assert!(o.status.success(), "{}", stderr(&o));
        let out = stdout(&o);
        assert!(out.contains("model:official_of because: "), "{out}");
        assert!(out.contains("between=minister"), "{out}");
        let o = relgraph(&[&args[..], &["--json"]].concat(), None);
        let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
        let model: Vec<_> = v["edges"]
            .as_array()
            .unwrap()
            .iter()
            .flat_map(|e| e["evidence"].as_array().unwrap())
            .filter(|ev| ev["rule"].as_str().unwrap().starts_with("model:"))
            .collect();
        assert_eq!(model.len(), 1, "{v}");
        check_reasons(model[0]);
    }
}

/// Without models the rule stages decide alone; the option changes the output.
#[test]
fn no_default_models_runs_the_rule_stages_alone() {
    let text = "Mayor Oskarine Vellqvist of Brenmouth met Ada Frey.\n";
    let with = relgraph(&["extract", "-"], Some(text));
    let without = relgraph(&["extract", "--no-default-models", "-"], Some(text));
    assert!(with.status.success() && without.status.success());
    assert_ne!(stdout(&with), stdout(&without));
}

fn train(dir: &std::path::Path, seed: &str) -> std::process::Output {
    relgraph(
        &[
            "train",
            "-o",
            dir.to_str().unwrap(),
            "--names",
            "iob:tests/fixtures/train/names.iob",
            "--relations",
            "spert:tests/fixtures/train/relations.json",
            "--min-count",
            "1",
            "--seed",
            seed,
        ],
        None,
    )
}

#[test]
fn training_is_deterministic_and_its_models_load() {
    let (a, b, c) = (tempdir(), tempdir(), tempdir());
    for (d, seed) in [(&a, "7"), (&b, "7"), (&c, "8")] {
        let o = train(d.path(), seed);
        assert!(o.status.success(), "{}", stderr(&o));
        assert!(stderr(&o).contains("names: 2 documents"), "{}", stderr(&o));
    }
    for f in ["names.model", "relations.model"] {
        let x = std::fs::read(a.path().join(f)).unwrap();
        let y = std::fs::read(b.path().join(f)).unwrap();
        assert!(!x.is_empty());
        assert_eq!(x, y, "{f} differs between two runs");
    }
    // The seed orders the examples: another seed, another perceptron.
    assert_ne!(
        std::fs::read(a.path().join("names.model")).unwrap(),
        std::fs::read(c.path().join("names.model")).unwrap()
    );
    // The trained files are what --model reads.
    let names = a.path().join("names.model");
    let rels = a.path().join("relations.model");
    let o = relgraph(
        &[
            "extract",
            "--model",
            names.to_str().unwrap(),
            "--model",
            rels.to_str().unwrap(),
            "-",
        ],
        Some("Mayor Ada Frey visited Marlow.\n"),
    );
    assert!(o.status.success(), "{}", stderr(&o));
}

#[test]
fn bad_model_files_are_errors_naming_the_file() {
    let dir = tempdir();
    let bad = dir.path().join("broken.model");
    std::fs::write(&bad, b"RGMODEL\0\x01\x00\x00\x00garbage").unwrap();
    let o = relgraph(
        &["extract", "--model", bad.to_str().unwrap(), "-"],
        Some("x\n"),
    );
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("broken.model"), "{}", stderr(&o));
    let missing = dir.path().join("missing.model");
    let o = relgraph(
        &["extract", "--model", missing.to_str().unwrap(), "-"],
        Some("x\n"),
    );
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("missing.model"), "{}", stderr(&o));
    let o = relgraph(&["train", "-o", dir.path().to_str().unwrap()], None);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("nothing to train"), "{}", stderr(&o));
}

fn fragment() -> impl Strategy<Value = String> {
    prop_oneof![
        Just("Oskarine Vellqvist".to_string()),
        Just("Vellqvist".to_string()),
        Just("Mayor ".to_string()),
        Just(" of the ".to_string()),
        Just("Bank of Brenmouth".to_string()),
        Just("Russia".to_string()),
        Just(" met ".to_string()),
        Just(", based in ".to_string()),
        Just("NORTH KOREA".to_string()),
        Just(" - ".to_string()),
        Just(". ".to_string()),
        Just("\n".to_string()),
        Just("&".to_string()),
        Just("\u{2019}s ".to_string()),
        prop::sample::select(WIDE).prop_map(str::to_string),
        any::<String>(),
        "[a-zA-Z .,'\\-]{0,12}",
    ]
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 300, ..ProptestConfig::default() })]

    /// Any text through the whole path with the models: no panic, valid offsets.
    #[test]
    fn any_text_gives_valid_offsets_with_models(parts in prop::collection::vec(fragment(), 0..24)) {
        let text: String = parts.concat();
        let doc = relgraph::doc::Document { id: "t".into(), text: text.clone(), date: None };
        let rec = modeled().record(&doc, &mut Scratch::default());
        prop_assert_eq!(check_offsets(&text, &rec), Ok(()));
    }
}

/// The relation model makes no edge between the items of a list (a line-up) nor to a one-word
/// name no gazetteer lists (invented names; without these two exclusions the shipped model
/// makes `Osk located_in Frey` here).
#[test]
fn no_model_edges_inside_lists_or_to_one_word_guesses() {
    let text = "Starting line-up: Halvorsen; Pieterse, Okonkwo, Marchetti, Lindqvist; Brandt, \
                Duval; Osk, Frey.";
    let rec = modeled_record(text);
    assert!(rec.entities.len() >= 4, "{rec:#?}");
    for r in &rec.relations {
        for e in &r.evidence {
            assert!(!e.rule.starts_with("model:"), "{r:?}");
        }
    }
}

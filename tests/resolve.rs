//! Metonym readings (src/extract/resolve.rs): a capital names its state (`Moscow said`) unless
//! a locative, a `-based` suffix or its own state after a comma makes it the city.

mod common;

use common::{mention_texts, record};

/// The id of the entity the mention starting at byte `at` belongs to.
fn entity_at(text: &str, at: usize) -> Option<String> {
    record(text)
        .entities
        .into_iter()
        .find(|e| e.mentions.iter().any(|m| m.start == at))
        .map(|e| e.id)
}

#[test]
fn metonym_readings() {
    // (text, word whose reading is checked, expected entity id)
    let cases = [
        ("Moscow said the talks failed.", "Moscow", "state:RU"),
        ("Talks in Moscow failed.", "Moscow", "loc:ru-moscow"),
        ("The Moscow-based bank failed.", "Moscow", "loc:ru-moscow"),
        (
            "HANOI, Vietnam (AP) - Talks failed.",
            "HANOI",
            "loc:vn-hanoi",
        ),
        ("Moscow, Russia, is cold.", "Moscow", "loc:ru-moscow"),
        (
            "Ruritania's capital, Moscow, is cold.",
            "Moscow",
            "loc:ru-moscow",
        ),
        (
            "Troops entered the capital Moscow.",
            "Moscow",
            "loc:ru-moscow",
        ),
        // Another state after the comma is a list, not an address.
        ("Moscow, Kyiv and Minsk said so.", "Moscow", "state:RU"),
    ];
    for (text, word, want) in cases {
        let at = text.find(word).unwrap();
        assert_eq!(
            entity_at(text, at).as_deref(),
            Some(want),
            "{text:?}: reading of {word:?}"
        );
    }
}

#[test]
fn a_name_listed_with_its_article_names_without_it() {
    // `the Mediterranean` is listed with its article (it must be there to match), but the
    // mention is `Mediterranean`, as name annotations write it. A metonym keeps its article:
    // `the Kremlin` as a whole stands for Russia.
    let text = "Talks in the Mediterranean ended and the Kremlin said so.";
    let rec = record(text);
    let spans = mention_texts(&rec);
    assert!(spans.contains(&"Mediterranean"), "{spans:?}");
    assert!(spans.contains(&"the Kremlin"), "{spans:?}");
    assert!(!spans.contains(&"the Mediterranean"), "{spans:?}");
}

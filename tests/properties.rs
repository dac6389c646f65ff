//! Property test: any text is processed without panic, with mentions and evidence on valid
//! character offsets inside the text.

mod common;

use common::{WIDE, check_offsets, extractor};
use proptest::prelude::*;
use relgraph::extract::Scratch;
use relgraph::wire::extraction::DocRecord;

fn fragment() -> impl Strategy<Value = String> {
    prop_oneof![
        Just("North Korea".to_string()),
        Just("NORTH KOREAN".to_string()),
        Just("Kim Jong Un".to_string()),
        Just("Kim".to_string()),
        Just("He".to_string()),
        Just("Russia".to_string()),
        Just(" met with ".to_string()),
        Just(" sent troops to ".to_string()),
        Just("Workers\u{2019} Party of Korea".to_string()),
        Just("the Kremlin".to_string()),
        Just("Moscow and Pyongyang".to_string()),
        Just("\u{a0}".to_string()),
        Just("\u{2014}".to_string()),
        Just("[".to_string()),
        Just("]".to_string()),
        Just("'s".to_string()),
        Just(". ".to_string()),
        Just("\n".to_string()),
        Just("\u{130}\u{df}\u{fb03}".to_string()),
        Just("\u{1F600}".to_string()),
        any::<String>(),
        "[a-zA-Z .,'\\-]{0,12}",
    ]
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 400, ..ProptestConfig::default() })]

    #[test]
    fn any_text_gives_valid_offsets(parts in prop::collection::vec(fragment(), 0..24)) {
        let text: String = parts.concat();
        let ex = extractor();
        let res = ex.extract(&text, None, &mut Scratch::default());
        for m in &res.mentions {
            prop_assert!(m.start < m.end && m.end <= text.len());
            prop_assert!(text.is_char_boundary(m.start) && text.is_char_boundary(m.end));
        }
        for &(s, e) in &res.sentences {
            prop_assert!(s < e && e <= text.len() && text.is_char_boundary(s) && text.is_char_boundary(e));
        }
        let rec = DocRecord::new("t".into(), None, &text, &res, ex.gazetteer(), ex.rules());
        prop_assert_eq!(check_offsets(&text, &rec), Ok(()));
    }
}

/// A case the property test found: a surname whose word before it starts after a character of
/// several bytes (the particle check of short forms sliced inside `😀`).
#[test]
fn surname_after_a_wide_character() {
    let text = "😀Hethe Kremlin\u{a0}Kim\u{a0}Hethe Kremlin";
    let res = extractor().extract(text, None, &mut Scratch::default());
    for m in &res.mentions {
        assert!(text.is_char_boundary(m.start) && text.is_char_boundary(m.end));
    }
}

fn capitalised(w: &str) -> String {
    let mut c = w.chars();
    c.next()
        .map(|f| f.to_uppercase().chain(c).collect())
        .unwrap_or_default()
}

/// A cue word of the extractor with a wide character right before or after it.
fn cue_fragment() -> impl Strategy<Value = String> {
    let cues = relgraph::extract::cue_words();
    (
        prop::sample::select(cues),
        prop::sample::select(WIDE),
        prop::sample::select(WIDE),
        0..6u8,
        any::<bool>(),
    )
        .prop_map(|(cue, a, b, form, cap)| {
            let cue = if cap {
                capitalised(cue)
            } else {
                cue.to_string()
            };
            match form {
                0 => format!("{a} {cue} "),
                1 => format!("{a}{cue}{b}"),
                2 => format!("Novak{a} {cue}{b} "),
                3 => format!("{cue}{a} "),
                4 => format!("The {a}{cue} of{b} "),
                _ => format!("{a}{b}{cue}"),
            }
        })
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 600, ..ProptestConfig::default() })]

    /// Wide characters next to every cue word the extractor knows, through the whole path a
    /// document takes (preparation, extraction, the record): no panic, and every offset is a
    /// character offset into the original text whose slice is the mention's text.
    #[test]
    fn wide_characters_next_to_cue_words(
        parts in prop::collection::vec(prop_oneof![3 => cue_fragment(), 1 => fragment()], 1..20)
    ) {
        let text: String = parts.concat();
        let ex = extractor();
        let doc = relgraph::doc::Document { id: "t".into(), text: text.clone(), date: Some("2024-05-01".parse().unwrap()) };
        let rec = ex.record(&doc, &mut Scratch::default());
        prop_assert_eq!(check_offsets(&text, &rec), Ok(()));
    }
}

/// The case of issue 15: a curly apostrophe right before a space and a unit word.
#[test]
fn apostrophe_before_a_unit_word() {
    for text in [
        "Russia\u{2019}s Northern Fleet moved.",
        "\u{a3}3 Army",
        "caf\u{e9} Corps",
        "\u{2014} Brigade",
        "x\u{a0} Battalion",
    ] {
        let ex = extractor();
        let res = ex.extract(text, None, &mut Scratch::default());
        for m in &res.mentions {
            assert!(text.is_char_boundary(m.start) && text.is_char_boundary(m.end));
        }
    }
}

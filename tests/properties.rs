//! Property test: any text is processed without panic, with mentions and evidence on valid
//! character offsets inside the text.

mod common;

use common::extractor;
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
        let chars: Vec<char> = text.chars().collect();
        for e in &rec.entities {
            for m in &e.mentions {
                prop_assert!(m.start < m.end && m.end <= chars.len());
                let slice: String = chars[m.start..m.end].iter().collect();
                prop_assert_eq!(&slice, &m.text);
            }
        }
        for r in &rec.relations {
            prop_assert!(rec.entities.iter().any(|e| e.id == r.source));
            prop_assert!(rec.entities.iter().any(|e| e.id == r.target));
            for ev in &r.evidence {
                prop_assert!(ev.start <= ev.end && ev.end <= chars.len());
            }
        }
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

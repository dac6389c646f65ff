//! `relgraph show`: the document view, as HTML (well-formed, escaped, every mention and relation
//! drawn) and as terminal text (colours, no raw control characters from the input).

mod common;

use common::*;
use relgraph::extract::Scratch;
use relgraph::show::{View, ansi, html};
use relgraph::wire::extraction::DocRecord;

/// An invented article.
const TEXT: &str = "Kim Jong Un met Vladimir Putin in Vladivostok on Thursday.\n\
Ada Lindqvist, the chief executive of Nordvik Shipping, said the talks went well.\n\
Kim later visited Moscow.\n";

fn view_record(text: &str) -> DocRecord {
    let ex = modeled();
    let res = ex.extract(text, None, &mut Scratch::default());
    DocRecord::new("a.txt".into(), None, text, &res, ex.gazetteer(), ex.rules())
}

/// The elements of a well-formed XHTML document: (name, text inside) of every `mark` and the
/// number of `li` items of the relation list; panics on malformed markup.
fn parse(page: &str) -> (Vec<String>, usize) {
    use quick_xml::events::Event;
    let mut r = quick_xml::Reader::from_str(page);
    let (mut marks, mut depth_in_mark, mut current) = (Vec::new(), 0, String::new());
    let mut relations = 0;
    let mut in_label = false;
    // Marks of the documents, not of the legend.
    let mut in_article = false;
    loop {
        match r.read_event().expect("well-formed") {
            Event::Eof => break,
            Event::Start(e) => match e.name().as_ref() {
                "article" => in_article = true,
                "mark" if !in_article => depth_in_mark += 1,
                "mark" => {
                    depth_in_mark += 1;
                    current.clear();
                }
                "span" if depth_in_mark > 0 => in_label = true,
                "li" => {
                    let class = e.try_get_attribute("class").unwrap();
                    if class.is_none() {
                        relations += 1;
                    }
                }
                _ => {}
            },
            Event::End(e) => match e.name().as_ref() {
                "mark" => {
                    depth_in_mark -= 1;
                    if in_article {
                        marks.push(current.clone());
                    }
                }
                "span" => in_label = false,
                _ => {}
            },
            Event::Text(t) if depth_in_mark > 0 && !in_label => {
                current.push_str(&t.xml10_content())
            }
            Event::GeneralRef(g) if depth_in_mark > 0 && !in_label => {
                let entity = format!("&{};", &*g);
                current.push_str(&quick_xml::escape::unescape(&entity).unwrap());
            }
            _ => {}
        }
    }
    assert_eq!(depth_in_mark, 0);
    (marks, relations)
}

#[test]
fn html_draws_every_mention_and_every_evidence_item() {
    let rec = view_record(TEXT);
    let page = html::page(&[View::new(&rec, TEXT)]);
    let (marks, _) = parse(&page);
    // The text's marks are the record's mentions (none overlap here), in text order; then each
    // evidence sentence marks the relation's two names.
    let mut mentions: Vec<(usize, String)> = rec
        .entities
        .iter()
        .flat_map(|e| e.mentions.iter().map(|m| (m.start, m.text.clone())))
        .collect();
    mentions.sort();
    let in_text: Vec<String> = mentions.into_iter().map(|m| m.1).collect();
    assert!(in_text.len() >= 6, "{rec:#?}");
    assert_eq!(marks[..in_text.len()], in_text[..], "{page}");
    let items: usize = rec.relations.iter().map(|r| r.evidence.len()).sum();
    assert_eq!(
        page.matches("<q>").count() + page.matches("(the gazetteer)").count(),
        items
    );
    assert!(page.contains("met_with"), "{page}");
    // Self-contained: no script, nothing fetched.
    for bad in ["<script", "src=", "href=", "@import", "url("] {
        assert!(!page.contains(bad), "{bad}");
    }
}

#[test]
fn html_escapes_what_the_text_holds() {
    let text =
        "Kim Jong Un met <script>alert(1)</script> \"Vladimir Putin\" & friends in Moscow.\n";
    let rec = view_record(text);
    let page = html::page(&[View::new(&rec, text)]);
    assert!(!page.contains("<script"), "{page}");
    assert!(page.contains("&lt;script&gt;alert(1)&lt;/script&gt;"));
    parse(&page);
}

#[test]
fn terminal_view_colours_mentions_and_escapes_control_characters() {
    let text = "Kim Jong Un met Vladimir Putin in \u{1b}[31mMoscow.\n";
    let rec = view_record(text);
    let out = ansi::text(&[View::new(&rec, text)]);
    assert!(
        out.contains("\u{1b}[30;104mKim Jong Un PER\u{1b}[0m"),
        "{out:?}"
    );
    // The escape sequence of the input is shown, not sent.
    assert!(out.contains("\\u{1b}[31m"), "{out:?}");
    assert!(!out.contains("\u{1b}[31m"), "{out:?}");
    assert!(out.contains("-met_with-"), "{out:?}");
}

#[test]
fn show_writes_the_page_and_picks_the_format() {
    let dir = tempdir();
    let input = dir.path().join("a.txt");
    std::fs::write(&input, TEXT).unwrap();
    let page = dir.path().join("a.html");
    let o = relgraph(
        &[
            "show",
            input.to_str().unwrap(),
            "-o",
            page.to_str().unwrap(),
        ],
        None,
    );
    assert!(o.status.success(), "{}", stderr(&o));
    let html = std::fs::read_to_string(&page).unwrap();
    assert!(html.starts_with("<!DOCTYPE html>"));
    parse(&html);
    // Standard output that is not a terminal gets HTML; --format ansi gets colours.
    let o = relgraph(&["show", "-"], Some(TEXT));
    assert!(stdout(&o).starts_with("<!DOCTYPE html>"));
    let o = relgraph(&["show", "--format", "ansi", "-"], Some(TEXT));
    assert!(stdout(&o).contains("\u{1b}[30;104m"));
    insta::assert_snapshot!("show_ansi", stdout(&o));
}

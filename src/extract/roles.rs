//! Role descriptions resolved through the gazetteer's dated roles: with a document date,
//! "the Russian president" (or "the president of Russia") not followed by a name refers to the
//! person who held that office on that date — Vladimir Putin in 2019 — and "the German
//! chancellor" to Olaf Scholz in 2023 but Friedrich Merz in 2025. The description becomes a
//! mention of kind `role`, and an edge (origin `text`, rule `role.dated`) records the role held
//! on that date. Without a date, or when the holder is not unique, nothing is resolved.

use crate::doc::{DocResult, EntityRef, Found, Mention, RuleRef};
use crate::gazetteer::{Date, Gazetteer};
use crate::rules::{RuleSet, TitlePhrase};
use crate::text::normalize::Folded;
use crate::text::tokens::tokens;
use crate::types::{EntityType, MentionKind, Origin};
use std::borrow::Cow;

/// The longest title phrase starting at folded offset `at`; returns it with its folded end.
fn title_at<'r>(rs: &'r RuleSet, folded: &str, at: usize) -> Option<(&'r TitlePhrase, usize)> {
    let mut toks = tokens(folded, at, folded.len());
    let (s, e) = toks.next()?;
    let first = &folded[s..e];
    rs.titles_starting_with(first).iter().find_map(|p| {
        let mut end = e;
        let mut rest = tokens(folded, e, folded.len());
        for w in &p.words[1..] {
            let (ws, we) = rest.next()?;
            if &folded[ws..we] != w {
                return None;
            }
            end = we;
        }
        Some((p, end))
    })
}

/// Whether a name follows folded offset `at` (a person mention, or a capitalised word).
fn name_follows(original: &str, folded: &Folded, mentions: &[Mention], at: usize) -> bool {
    let Some((s, _)) = tokens(&folded.text, at, folded.text.len()).next() else {
        return false;
    };
    // Mentions are sorted by position.
    let k = mentions.partition_point(|m| m.fstart < s);
    if mentions.get(k).is_some_and(|m| m.fstart == s) {
        return true;
    }
    let o = folded.orig_offset(s);
    original[o..].chars().next().is_some_and(char::is_uppercase)
}

/// Adds role mentions and their edges for the document.
pub fn resolve_roles<'a>(
    g: &Gazetteer,
    rs: &'a RuleSet,
    original: &str,
    folded: &Folded,
    date: Option<Date>,
    res: &mut DocResult<'a>,
) {
    let Some(date) = date else { return };
    debug_assert!(
        res.mentions
            .windows(2)
            .all(|w| w[0].start <= w[1].start && w[0].end <= w[1].start),
        "mentions sorted and disjoint"
    );
    let DocResult {
        mentions,
        relations: found,
        sentences,
        ..
    } = res;
    let text = &folded.text;
    let mut added: Vec<(Mention, Found<'a>)> = Vec::new();
    for m in mentions.iter() {
        let Some(state) = m.entity.gaz() else {
            continue;
        };
        if m.etype != EntityType::State {
            continue;
        }
        // Form A: "the Russian president", "Russia's president" (no name after the title).
        let after = if m.kind == MentionKind::Demonym {
            Some(m.fend)
        } else {
            match tokens(text, m.fend, text.len()).next() {
                Some((s, e)) if &text[s..e] == "'s" => Some(e),
                _ => None,
            }
        };
        let mut hit = after.and_then(|after| {
            let (p, end) = title_at(rs, text, after)?;
            let (ts, _) = tokens(text, after, text.len()).next()?;
            (!name_follows(original, folded, mentions, end)).then_some((p, ts, end))
        });
        // Form B: "the president of Russia" (the title two or three tokens before the state).
        if hit.is_none() {
            let head = &text[..m.fstart];
            let head = head
                .trim_end()
                .strip_suffix("the")
                .unwrap_or(head)
                .trim_end();
            if let Some(before_of) = head.strip_suffix(" of") {
                // Find the title that ends right before " of".
                let start = before_of.rfind("the ").map(|p| p + 4);
                if let Some(ts) = start
                    && let Some((p, end)) = title_at(rs, text, ts)
                    && end == before_of.len()
                    && !name_follows(original, folded, mentions, m.fend)
                    && !text[m.fend..].trim_start().starts_with(',')
                {
                    hit = Some((p, ts, end));
                }
            }
        }
        let Some((phrase, ts, te)) = hit else {
            continue;
        };
        let before = text[..m.fstart.min(ts)].trim_end();
        if ["former", "ex", "late", "then", "ex-"].iter().any(|w| {
            before.ends_with(w)
                && !before[..before.len() - w.len()].ends_with(char::is_alphanumeric)
        }) {
            continue;
        }
        let title = &rs.titles[phrase.title as usize];
        let Some(relation) = title.relation_for(EntityType::State) else {
            continue;
        };
        let holders = g.holders_on(state, relation, &phrase.phrase, date);
        let [(person, _)] = holders.as_slice() else {
            continue;
        };
        let (os, oe) = folded.orig_span(ts, te, original);
        // Mentions are sorted by start and never overlap: only the last one starting before
        // `oe` can reach into the span.
        let k = mentions.partition_point(|x| x.start < oe);
        if k > 0 && mentions[k - 1].end > os {
            continue;
        }
        let sentence = crate::doc::sentence_around(sentences, os, oe);
        let mention = Mention {
            start: os,
            end: oe,
            fstart: ts,
            fend: te,
            entity: EntityRef::Gaz(*person),
            etype: EntityType::Person,
            kind: MentionKind::Role,
        };
        let edge = Found {
            features: Vec::new(),
            source: EntityRef::Gaz(*person),
            relation,
            target: EntityRef::Gaz(state),
            origin: Origin::Text,
            role: Some(Cow::Borrowed(
                title.role.as_deref().unwrap_or(&phrase.phrase),
            )),
            sentence,
            trigger: (os, oe),
            rule: RuleRef::DatedRole,
            confidence: 0.8,
        };
        added.push((mention, edge));
    }
    if added.is_empty() {
        return;
    }
    for (m, f) in added {
        mentions.push(m);
        found.push(f);
    }
    mentions.sort_by_key(|m| m.start);
}

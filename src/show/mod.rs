//! `relgraph show`: one document as a reader sees it, in the style of displaCy: the text with
//! every mention highlighted by entity type (listed names, guessed names and coreference drawn
//! differently), then the relations found, each with its evidence sentence, the two names and
//! the trigger highlighted. As a self-contained HTML page ([`html`]) or terminal text with ANSI
//! colours ([`ansi`]).
//!
//! Both read an extraction record (`DocRecord`) with the document's text; this module turns them
//! into [`Segment`]s, so the two renderers only draw.

pub mod ansi;
pub mod html;

use crate::text::offsets::CharToByte;
use crate::types::{EntityType, MentionKind};
use crate::wire::extraction::DocRecord;

/// How a mention was found, as the views draw it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Look {
    /// A gazetteer name or alias, a demonym or a metonym: solid.
    Listed,
    /// A name guessed from its context: dashed.
    Guessed,
    /// A short form or pronoun resolved in the document, or a role description: dotted.
    Resolved,
}

impl Look {
    pub fn of(kind: MentionKind) -> Look {
        match kind {
            MentionKind::Guessed => Look::Guessed,
            MentionKind::Coreference | MentionKind::Role => Look::Resolved,
            _ => Look::Listed,
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Look::Listed => "listed",
            Look::Guessed => "guessed",
            Look::Resolved => "resolved",
        }
    }
}

/// A piece of text: plain, a mention of an entity, or an evidence trigger.
#[derive(Debug, Clone, PartialEq)]
pub enum Segment<'t> {
    Text(&'t str),
    Mention {
        text: &'t str,
        entity: usize,
        kind: MentionKind,
    },
    Trigger(&'t str),
}

/// A span to draw, in bytes: a mention (entity index and kind) or, with `None`, the trigger.
type Mark = (usize, usize, Option<(usize, MentionKind)>);

/// A document prepared for drawing: its text and the byte spans of its mentions and evidence.
pub struct View<'r> {
    pub rec: &'r DocRecord,
    pub text: &'r str,
    /// (start, end, entity index, kind), byte offsets, sorted, without overlaps.
    mentions: Vec<(usize, usize, usize, MentionKind)>,
    /// Character offset -> byte offset, for the offsets the record uses.
    offsets: CharToByte,
}

impl<'r> View<'r> {
    pub fn new(rec: &'r DocRecord, text: &'r str) -> View<'r> {
        let offsets = CharToByte::new(
            text,
            rec.entities
                .iter()
                .flat_map(|e| e.mentions.iter().flat_map(|m| [m.start, m.end]))
                .chain(
                    rec.relations
                        .iter()
                        .flat_map(|r| r.evidence.iter().flat_map(|e| [e.start, e.end])),
                ),
        );
        let byte = |c: usize| offsets.byte(c);
        let mut mentions: Vec<(usize, usize, usize, MentionKind)> = rec
            .entities
            .iter()
            .enumerate()
            .flat_map(|(i, e)| e.mentions.iter().map(move |m| (m.start, m.end, i, m.kind)))
            .map(|(s, e, i, k)| (byte(s), byte(e), i, k))
            .filter(|(s, e, _, _)| e > s)
            .collect();
        // Earlier first, the longer of two starting together; a mention inside or across one
        // already drawn is left out.
        mentions.sort_by(|a, b| a.0.cmp(&b.0).then(b.1.cmp(&a.1)).then(a.2.cmp(&b.2)));
        let mut kept: Vec<(usize, usize, usize, MentionKind)> = Vec::with_capacity(mentions.len());
        for m in mentions {
            if kept.last().is_none_or(|k| m.0 >= k.1) {
                kept.push(m);
            }
        }
        View {
            rec,
            text,
            mentions: kept,
            offsets,
        }
    }

    /// The entity type of entity `i` of the record.
    pub fn etype(&self, i: usize) -> EntityType {
        self.rec.entities[i].etype
    }

    /// The segments of bytes `start..end`: mentions (of `only` entities, when given), the
    /// trigger (its first occurrence outside the mentions, when given) and plain text.
    fn segments_in(
        &self,
        start: usize,
        end: usize,
        only: Option<&[usize]>,
        trigger: Option<&str>,
    ) -> Vec<Segment<'r>> {
        let text = self.text;
        let mut marks: Vec<Mark> = self
            .mentions
            .iter()
            .filter(|m| m.0 >= start && m.1 <= end)
            .filter(|m| only.is_none_or(|o| o.contains(&m.2)))
            .map(|m| (m.0, m.1, Some((m.2, m.3))))
            .collect();
        if let Some(t) = trigger.filter(|t| !t.is_empty()) {
            let mut from = start;
            while let Some(i) = text[from..end].find(t) {
                let (s, e) = (from + i, from + i + t.len());
                if marks.iter().all(|m| e <= m.0 || s >= m.1) {
                    marks.push((s, e, None));
                    break;
                }
                from = s + t.chars().next().map_or(1, char::len_utf8);
            }
        }
        marks.sort_by_key(|m| m.0);
        let mut out = Vec::new();
        let mut at = start;
        for (s, e, what) in marks {
            if s > at {
                out.push(Segment::Text(&text[at..s]));
            }
            out.push(match what {
                Some((entity, kind)) => Segment::Mention {
                    text: &text[s..e],
                    entity,
                    kind,
                },
                None => Segment::Trigger(&text[s..e]),
            });
            at = e;
        }
        if end > at {
            out.push(Segment::Text(&text[at..end]));
        }
        out
    }

    /// The whole text with every mention.
    pub fn text_segments(&self) -> Vec<Segment<'r>> {
        self.segments_in(0, self.text.len(), None, None)
    }

    /// Evidence item `k` of relation `r`: its sentence with the relation's two entities and
    /// its trigger marked (empty for a fact with no sentence).
    pub fn evidence_segments(&self, r: usize, k: usize) -> Vec<Segment<'r>> {
        let rel = &self.rec.relations[r];
        let ev = &rel.evidence[k];
        if ev.end <= ev.start {
            return Vec::new();
        }
        let ends: Vec<usize> = self
            .rec
            .entities
            .iter()
            .enumerate()
            .filter(|(_, e)| e.id == rel.source || e.id == rel.target)
            .map(|(i, _)| i)
            .collect();
        self.segments_in(
            self.offsets.byte(ev.start),
            self.offsets.byte(ev.end),
            Some(&ends),
            Some(&ev.trigger),
        )
    }

    /// The display name of an entity id of the record (the id itself if unknown).
    pub fn name_of<'a>(&'a self, id: &'a str) -> &'a str {
        self.rec
            .entities
            .iter()
            .find(|e| e.id == id)
            .map_or(id, |e| e.name.as_str())
    }
}

/// The short label drawn after a mention.
pub fn label(t: EntityType) -> &'static str {
    match t {
        EntityType::Person => "PER",
        EntityType::State => "STATE",
        EntityType::Organization => "ORG",
        EntityType::Location => "LOC",
    }
}

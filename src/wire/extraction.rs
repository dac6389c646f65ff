//! The extraction contract: one [`DocRecord`] per input document (`relgraph extract`).
//! Offsets are Unicode scalar (character) offsets into the exact input text, end exclusive.

use crate::doc::{DocResult, EntityRef, Found, RuleRef};
use crate::gazetteer::{Date, Gazetteer};
use crate::rules::RuleSet;
use crate::text::prepare::Prepared;
use crate::types::{EntityType, MentionKind, Origin, RelationType};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DocRecord {
    pub doc: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date: Option<Date>,
    pub entities: Vec<EntityRecord>,
    pub relations: Vec<RelationRecord>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct EntityRecord {
    pub id: String,
    pub name: String,
    #[serde(rename = "type")]
    pub etype: EntityType,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub qid: Option<String>,
    /// Set for entities guessed from the text (mentions of kind `guessed`): how sure the guess
    /// is (0..1). Gazetteer entities have none.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub confidence: Option<f32>,
    pub mentions: Vec<MentionRecord>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MentionRecord {
    pub start: usize,
    pub end: usize,
    pub text: String,
    pub kind: MentionKind,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RelationRecord {
    pub source: String,
    pub target: String,
    #[serde(rename = "type")]
    pub rtype: RelationType,
    pub origin: Origin,
    /// Role titles the evidence gives (official_of "secretary", head_of_state "president").
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub roles: Vec<String>,
    pub evidence: Vec<EvidenceRecord>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct EvidenceRecord {
    /// Sentence start (characters).
    pub start: usize,
    /// Sentence end (characters, exclusive).
    pub end: usize,
    pub trigger: String,
    pub rule: String,
    pub confidence: f32,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub role: Option<String>,
    /// For an edge of the relation model (`rule` `model:<type>`), the features that weighed
    /// most in its decision.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub features: Vec<FeatureWeight>,
    /// The sentence's text (`start..end` of the document), when asked for
    /// (`relgraph extract --sentences`; `relgraph build` keeps it unless `--no-sentences`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sentence: Option<String>,
}

/// A feature behind a model's edge and its weight toward the edge's relation: how much it
/// adds to the log-odds of the relation against no relation (negative: it speaks against).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct FeatureWeight {
    pub feature: String,
    pub weight: f32,
}

/// Maps byte offsets of one text to character offsets: identity for ASCII text, otherwise a
/// table built once per document.
struct CharOffsets<'t> {
    text: &'t str,
    /// Characters before each 64-byte block (`None` for ASCII text, where offsets agree).
    blocks: Option<Vec<u32>>,
}

const BLOCK: usize = 64;

/// Number of characters in `bytes` (a whole number of UTF-8 sequences).
#[inline]
fn count_chars(bytes: &[u8]) -> usize {
    bytes.iter().filter(|&&b| (b & 0xC0) != 0x80).count()
}

impl<'t> CharOffsets<'t> {
    fn new(text: &'t str) -> CharOffsets<'t> {
        if text.is_ascii() {
            return CharOffsets { text, blocks: None };
        }
        let mut blocks = Vec::with_capacity(text.len() / BLOCK + 2);
        let mut n = 0u32;
        for chunk in text.as_bytes().chunks(BLOCK) {
            blocks.push(n);
            n += count_chars(chunk) as u32;
        }
        // The end of the text may start a block of its own (a length that is a multiple of
        // the block size): its offset is the character count.
        blocks.push(n);
        CharOffsets {
            text,
            blocks: Some(blocks),
        }
    }

    /// The character offset of byte offset `byte` (a char boundary).
    fn at(&self, byte: usize) -> usize {
        match &self.blocks {
            None => byte,
            Some(b) => {
                let block = byte / BLOCK;
                let base = b.get(block).copied().unwrap_or(0) as usize;
                base + count_chars(&self.text.as_bytes()[block * BLOCK..byte])
            }
        }
    }
}

/// Removes exact duplicates from evidence sorted by (start, rule, trigger), keeping the first of
/// each; duplicates can only lie in the same run of equal keys.
fn dedup_within_ties(evidence: &mut Vec<EvidenceRecord>) {
    let mut kept: Vec<EvidenceRecord> = Vec::with_capacity(evidence.len());
    let mut run_start = 0;
    for e in evidence.drain(..) {
        let same_key = kept
            .get(run_start)
            .is_some_and(|r| (r.start, &r.rule, &r.trigger) == (e.start, &e.rule, &e.trigger));
        if !same_key {
            run_start = kept.len();
        } else if kept[run_start..].contains(&e) {
            continue;
        }
        kept.push(e);
    }
    *evidence = kept;
}

/// The rule id string of a relation's evidence.
pub fn rule_id(rules: &RuleSet, r: RuleRef) -> String {
    match r {
        RuleRef::Text(i) => rules.rules[i as usize].id.clone(),
        RuleRef::Gazetteer(rel) => format!("gazetteer.{rel}"),
        RuleRef::DatedRole => "role.dated".to_string(),
        RuleRef::Builtin(id) => id.to_string(),
        RuleRef::Model(rel) => format!("model:{rel}"),
    }
}

impl DocRecord {
    /// Fills every evidence item's `sentence` with its text: characters `start..end` of `text`,
    /// the document the record was made from. Gazetteer facts added for the whole graph have an
    /// empty span and get none.
    pub fn add_sentences(&mut self, text: &str) {
        let map = crate::text::offsets::CharToByte::new(
            text,
            self.relations
                .iter()
                .flat_map(|r| r.evidence.iter().flat_map(|e| [e.start, e.end])),
        );
        for r in &mut self.relations {
            for e in &mut r.evidence {
                if e.end > e.start {
                    e.sentence = Some(text[map.byte(e.start)..map.byte(e.end)].to_string());
                }
            }
        }
    }

    /// Builds the record of one document. Entities are ordered by first mention; relations by
    /// (source id, type, target id, origin); symmetric relations put the smaller id first.
    pub fn new(
        doc: String,
        date: Option<Date>,
        text: &str,
        res: &DocResult,
        g: &Gazetteer,
        rules: &RuleSet,
    ) -> DocRecord {
        Self::build(doc, date, text, None, res, g, rules)
    }

    /// The record of a document extracted from its prepared text ([`Prepared`]): offsets in
    /// `res` are into the prepared text and are mapped back into `original`.
    pub fn from_prepared(
        doc: String,
        date: Option<Date>,
        original: &str,
        prepared: &Prepared,
        res: &DocResult,
        g: &Gazetteer,
        rules: &RuleSet,
    ) -> DocRecord {
        let map = (!prepared.is_identity()).then_some(prepared);
        Self::build(doc, date, original, map, res, g, rules)
    }

    fn build(
        doc: String,
        date: Option<Date>,
        text: &str,
        map: Option<&Prepared>,
        res: &DocResult,
        g: &Gazetteer,
        rules: &RuleSet,
    ) -> DocRecord {
        let off = CharOffsets::new(text);
        // Byte spans of the extraction, in the original text.
        let span = |s: usize, e: usize| match map {
            None => (s, e),
            Some(p) => {
                let os = p.orig_start(s);
                (os, p.orig_end(e).max(os))
            }
        };
        let mut entities: Vec<EntityRecord> = Vec::new();
        let mut index: BTreeMap<EntityRef, usize> = BTreeMap::new();
        for m in &res.mentions {
            let i = *index.entry(m.entity).or_insert_with(|| {
                entities.push(EntityRecord {
                    id: res.id(m.entity, g).to_string(),
                    name: res.name(m.entity, g).to_string(),
                    etype: res.etype(m.entity, g),
                    qid: m.entity.gaz().and_then(|e| g.entity(e).qid.clone()),
                    confidence: match m.entity {
                        EntityRef::Guessed(i) => Some(res.guessed[i as usize].confidence),
                        EntityRef::Gaz(_) => None,
                    },
                    mentions: Vec::new(),
                });
                entities.len() - 1
            });
            let (ms, me) = span(m.start, m.end);
            entities[i].mentions.push(MentionRecord {
                start: off.at(ms),
                end: off.at(me),
                text: text[ms..me].to_string(),
                kind: m.kind,
            });
        }
        // Relations: aggregate by (source, type, target, origin).
        let mut rel: BTreeMap<(&str, RelationType, &str, Origin), Vec<&Found>> = BTreeMap::new();
        for f in &res.relations {
            let (mut s, mut t) = (res.id(f.source, g), res.id(f.target, g));
            if f.relation.is_symmetric() && t < s {
                std::mem::swap(&mut s, &mut t);
            }
            rel.entry((s, f.relation, t, f.origin)).or_default().push(f);
        }
        let relations = rel
            .into_iter()
            .map(|((source, rtype, target, origin), found)| {
                let mut evidence: Vec<EvidenceRecord> = Vec::with_capacity(found.len());
                let mut roles: Vec<String> = Vec::new();
                for f in found {
                    if let Some(r) = f.role.as_deref()
                        && !roles.iter().any(|x| x == r)
                    {
                        roles.push(r.to_string());
                    }
                    let (ss, se) = span(f.sentence.0, f.sentence.1);
                    let (ts, te) = span(f.trigger.0, f.trigger.1);
                    evidence.push(EvidenceRecord {
                        start: off.at(ss),
                        end: off.at(se),
                        trigger: text[ts..te].to_string(),
                        rule: rule_id(rules, f.rule),
                        confidence: f.confidence,
                        role: f.role.as_deref().map(str::to_string),
                        features: f
                            .features
                            .iter()
                            .map(|(feature, weight)| FeatureWeight {
                                feature: feature.clone(),
                                weight: *weight,
                            })
                            .collect(),
                        sentence: None,
                    });
                }
                // Sorted by (start, rule, trigger), first-found order among equals; exact
                // duplicates dropped. Sorting first keeps this linear-logarithmic however often
                // a long document repeats a fact.
                evidence.sort_by(|a, b| {
                    (a.start, &a.rule, &a.trigger).cmp(&(b.start, &b.rule, &b.trigger))
                });
                dedup_within_ties(&mut evidence);
                roles.sort();
                RelationRecord {
                    source: source.to_string(),
                    target: target.to_string(),
                    rtype,
                    origin,
                    roles,
                    evidence,
                }
            })
            .collect();
        DocRecord {
            doc,
            date,
            entities,
            relations,
        }
    }
}

//! The relation model: for each pair of entities mentioned in a sentence, which relation (if
//! any) the sentence states between them.
//!
//! A multinomial logistic regression over the pair's features: the endpoint types and how they
//! are mentioned, the words between them (each word, the first and last, the whole sequence
//! when short), two words either side, the distance and the number of other names between,
//! the relations the hand-written rules found for the pair, and the relation the gazetteer
//! knows between the two entities. Classes are `none` and each learned relation type in each
//! direction (`member_of>`: the earlier mention is the source). Edges it makes carry the rule
//! id `model:<type>` and the model's probability as their confidence (docs/models.md).

use super::linear::{Feat, LinearModel, ModelError, softmax};
use crate::doc::{DocResult, EntityRef, Found, Mention, RuleRef};
use crate::gazetteer::{Date, Fact, Gazetteer};
use crate::rules::engine::{NO_MENTION, SentTok};
use crate::text::normalize::Folded;
use crate::types::{MentionKind, Origin, RelationType};

/// The model kind written in relation model files.
pub const KIND: &str = "relations";

/// How many features an edge's explanation lists.
pub const EXPLAINED: usize = 5;

/// Pairs further apart than this many tokens are not read.
pub const MAX_DISTANCE: usize = 40;

/// Buffers reused from one document to the next.
#[derive(Default)]
pub struct PairScratch {
    pub feats: Vec<u64>,
    /// Leave the gazetteer-fact features out (distant supervision labels pairs by those
    /// facts, so the model must learn them from the words).
    pub hide_facts: bool,
    scores: Vec<f32>,
    pub facts: Vec<(EntityRef, EntityRef, RelationType)>,
}

/// A pair of mentions of one sentence, as the model reads it.
#[derive(Debug, Clone, Copy)]
pub struct Pair {
    /// Mention indices (into [`DocResult::mentions`]), `a` before `b` in the text.
    pub a: usize,
    pub b: usize,
    /// Token positions of the two mentions in the sentence's token list.
    pub ta: usize,
    pub tb: usize,
}

// Feature templates.
const T_BIAS: u8 = 0;
const T_TYPES: u8 = 1;
const T_KINDS: u8 = 2;
const T_BETWEEN: u8 = 3;
const T_FIRST: u8 = 4;
const T_LAST: u8 = 5;
const T_SEQ: u8 = 6;
const T_BEFORE: u8 = 7;
const T_AFTER: u8 = 8;
const T_DIST: u8 = 9;
const T_NAMES_BETWEEN: u8 = 10;
const T_TYPES_FIRST: u8 = 11;
const T_TYPES_LAST: u8 = 12;
const T_RULE: u8 = 13;
const T_FACT: u8 = 14;
const T_TYPES_DIST: u8 = 15;
const T_NONE_BETWEEN: u8 = 16;

fn word<'f>(folded: &'f Folded, t: &SentTok) -> &'f [u8] {
    &folded.text.as_bytes()[t.fs as usize..t.fe as usize]
}

fn tok_hash(folded: &Folded, toks: &[SentTok], mentions: &[Mention], i: usize) -> u64 {
    let t = &toks[i];
    if t.mention == NO_MENTION {
        Feat::new(100).bytes(word(folded, t)).done()
    } else {
        // A name stands for its type.
        Feat::new(101)
            .bytes(mentions[t.mention as usize].etype.as_str().as_bytes())
            .done()
    }
}

fn dist_bucket(d: usize) -> u8 {
    match d {
        0..=1 => d as u8,
        2 => 2,
        3 => 3,
        4..=5 => 4,
        6..=8 => 5,
        9..=12 => 6,
        13..=20 => 7,
        _ => 8,
    }
}

/// Everything the features of a sentence's pairs read.
pub struct PairContext<'s, 'a> {
    pub g: &'s Gazetteer,
    pub folded: &'s Folded,
    pub toks: &'s [SentTok],
    pub res: &'s DocResult<'a>,
    /// The rule relations found in this sentence.
    pub rule_relations: &'s [Found<'a>],
}

/// The pairs of a sentence's token list: mentions of two different entities, at most
/// [`MAX_DISTANCE`] tokens apart; pronouns are left out.
pub fn pairs(toks: &[SentTok], mentions: &[Mention], folded: &Folded, out: &mut Vec<Pair>) {
    out.clear();
    let name = |i: usize| -> Option<usize> {
        let t = &toks[i];
        if t.mention == NO_MENTION {
            return None;
        }
        let m = &mentions[t.mention as usize];
        let pronoun = m.kind == MentionKind::Coreference
            && crate::eval::score::is_pronoun(&folded.text[m.fstart..m.fend]);
        (!pronoun).then_some(t.mention as usize)
    };
    for ta in 0..toks.len() {
        let Some(a) = name(ta) else { continue };
        for tb in ta + 1..toks.len().min(ta + MAX_DISTANCE + 1) {
            let Some(b) = name(tb) else { continue };
            if mentions[a].entity != mentions[b].entity {
                out.push(Pair { a, b, ta, tb });
            }
        }
    }
}

/// Where the features of a pair go: their hashes, and for explanations their names (the name
/// is built only by sinks that keep it).
pub trait FeatureSink {
    fn push(&mut self, hash: u64, name: impl FnOnce() -> String);
}

impl FeatureSink for Vec<u64> {
    #[inline]
    fn push(&mut self, hash: u64, _name: impl FnOnce() -> String) {
        Vec::push(self, hash);
    }
}

/// Features with their names, for explaining an edge.
#[derive(Default)]
pub struct NamedFeatures(pub Vec<(u64, String)>);

impl FeatureSink for NamedFeatures {
    fn push(&mut self, hash: u64, name: impl FnOnce() -> String) {
        self.0.push((hash, name()));
    }
}

/// The features of one pair, into `s.feats`.
pub fn features(cx: &PairContext, p: Pair, s: &mut PairScratch) {
    s.feats.clear();
    let facts: &[_] = if s.hide_facts { &[] } else { &s.facts };
    features_into(cx, p, facts, &mut s.feats);
}

/// The text a token stands for in feature names: the word, or the type of the name it is in.
fn tok_name(cx: &PairContext, i: usize) -> String {
    let t = &cx.toks[i];
    if t.mention == NO_MENTION {
        String::from_utf8_lossy(word(cx.folded, t)).into_owned()
    } else {
        format!("<{}>", cx.res.mentions[t.mention as usize].etype)
    }
}

/// The range of token distances a [`dist_bucket`] stands for.
fn bucket_name(b: u8) -> &'static str {
    ["0", "1", "2", "3", "4-5", "6-8", "9-12", "13-20", "21+"][usize::from(b).min(8)]
}

/// The features of one pair (`facts`: the gazetteer's relations between the document's
/// entities, see [`collect_facts`]), each pushed with a name that says what it tests.
pub fn features_into<S: FeatureSink>(
    cx: &PairContext,
    p: Pair,
    facts: &[(EntityRef, EntityRef, RelationType)],
    out: &mut S,
) {
    let mentions = &cx.res.mentions;
    let (ma, mb) = (&mentions[p.a], &mentions[p.b]);
    let (ta, tb) = (ma.etype.as_str(), mb.etype.as_str());
    let types = Feat::new(T_TYPES)
        .bytes(ta.as_bytes())
        .bytes(tb.as_bytes())
        .done();
    let pair = || format!("{ta},{tb}");
    out.push(Feat::new(T_BIAS).done(), || "bias".into());
    out.push(types, || format!("types={}", pair()));
    out.push(
        Feat::new(T_KINDS)
            .bytes(ma.kind.as_str().as_bytes())
            .bytes(mb.kind.as_str().as_bytes())
            .with(types)
            .done(),
        || format!("mention-kinds[{}]={},{}", pair(), ma.kind, mb.kind),
    );
    // What the gazetteer says each end is (a city, a party, a club, ...).
    let kind = |m: &Mention| -> &str {
        m.entity
            .gaz()
            .and_then(|i| cx.g.entity(i).kind.as_deref())
            .unwrap_or("")
    };
    out.push(
        Feat::new(T_KINDS)
            .bytes(kind(ma).as_bytes())
            .bytes(kind(mb).as_bytes())
            .done(),
        || {
            let k = |s: &str| {
                if s.is_empty() {
                    "-".to_string()
                } else {
                    s.to_string()
                }
            };
            format!("gazetteer-kinds={},{}", k(kind(ma)), k(kind(mb)))
        },
    );
    let h = |i: usize| tok_hash(cx.folded, cx.toks, mentions, i);
    let name = |i: usize| tok_name(cx, i);
    let between = p.tb - p.ta - 1;
    let mut names_between = 0;
    if between <= 12 {
        for i in p.ta + 1..p.tb {
            out.push(Feat::new(T_BETWEEN).with(h(i)).done(), || {
                format!("between={}", name(i))
            });
            out.push(Feat::new(T_BETWEEN).with(types).with(h(i)).done(), || {
                format!("between[{}]={}", pair(), name(i))
            });
            if cx.toks[i].mention != NO_MENTION {
                names_between += 1;
            }
        }
    } else {
        names_between = cx.toks[p.ta + 1..p.tb]
            .iter()
            .filter(|t| t.mention != NO_MENTION)
            .count();
    }
    if between == 0 {
        out.push(Feat::new(T_NONE_BETWEEN).with(types).done(), || {
            format!("adjacent[{}]", pair())
        });
    } else {
        let (first, last) = (p.ta + 1, p.tb - 1);
        let (f, l) = (h(first), h(last));
        out.push(Feat::new(T_FIRST).with(f).done(), || {
            format!("first-between={}", name(first))
        });
        out.push(Feat::new(T_LAST).with(l).done(), || {
            format!("last-between={}", name(last))
        });
        out.push(Feat::new(T_TYPES_FIRST).with(types).with(f).done(), || {
            format!("first-between[{}]={}", pair(), name(first))
        });
        out.push(Feat::new(T_TYPES_LAST).with(types).with(l).done(), || {
            format!("last-between[{}]={}", pair(), name(last))
        });
        if between <= 4 {
            let mut seq = Feat::new(T_SEQ);
            for i in p.ta + 1..p.tb {
                seq = seq.with(h(i));
            }
            let words = || (p.ta + 1..p.tb).map(&name).collect::<Vec<_>>().join(" ");
            out.push(seq.done(), || format!("words-between={}", words()));
            out.push(seq.with(types).done(), || {
                format!("words-between[{}]={}", pair(), words())
            });
        }
    }
    for k in 1..=2 {
        let before = p.ta.checked_sub(k).map_or(1, h);
        out.push(
            Feat::new(T_BEFORE).byte(k as u8).with(before).done(),
            || {
                let w = p.ta.checked_sub(k).map_or_else(|| "<start>".into(), name);
                format!("before-{k}={w}")
            },
        );
        let after = if p.tb + k < cx.toks.len() {
            h(p.tb + k)
        } else {
            2
        };
        out.push(Feat::new(T_AFTER).byte(k as u8).with(after).done(), || {
            let w = if p.tb + k < cx.toks.len() {
                name(p.tb + k)
            } else {
                "<end>".into()
            };
            format!("after-{k}={w}")
        });
    }
    let d = dist_bucket(between);
    out.push(Feat::new(T_DIST).byte(d).done(), || {
        format!("words-apart={}", bucket_name(d))
    });
    out.push(Feat::new(T_TYPES_DIST).byte(d).with(types).done(), || {
        format!("words-apart[{}]={}", pair(), bucket_name(d))
    });
    let nb = names_between.min(3) as u8;
    out.push(Feat::new(T_NAMES_BETWEEN).byte(nb).done(), || {
        format!(
            "names-between={}",
            if nb == 3 { "3+".into() } else { nb.to_string() }
        )
    });
    for f in cx.rule_relations {
        let dir = if f.source == ma.entity && f.target == mb.entity {
            b'>'
        } else if f.source == mb.entity && f.target == ma.entity {
            b'<'
        } else {
            continue;
        };
        out.push(
            Feat::new(T_RULE)
                .bytes(f.relation.as_str().as_bytes())
                .byte(dir)
                .done(),
            || format!("rule={}{}", f.relation, dir as char),
        );
    }
    for (rel, forward) in facts_between(facts, ma.entity, mb.entity) {
        let dir = if forward { b'>' } else { b'<' };
        out.push(
            Feat::new(T_FACT)
                .bytes(rel.as_str().as_bytes())
                .byte(dir)
                .done(),
            || format!("gazetteer={}{}", rel, dir as char),
        );
    }
}

/// Collects the gazetteer facts between the document's mentioned gazetteer entities (feature
/// [`T_FACT`]), once per document.
pub fn collect_facts(g: &Gazetteer, res: &DocResult, date: Option<Date>, s: &mut PairScratch) {
    s.facts.clear();
    let mut mentioned: Vec<_> = res.mentions.iter().filter_map(|m| m.entity.gaz()).collect();
    mentioned.sort_unstable();
    mentioned.dedup();
    let mut facts: Vec<Fact> = Vec::new();
    for &idx in &mentioned {
        facts.clear();
        g.facts_about(idx, date, &mut facts);
        for f in &facts {
            if mentioned.binary_search(&f.target).is_ok() {
                s.facts
                    .push((EntityRef::Gaz(idx), EntityRef::Gaz(f.target), f.relation));
            }
        }
    }
    // Sorted by endpoints, for [`facts_between`].
    s.facts.sort_unstable();
}

/// The gazetteer's relations between two entities of the document: each relation and
/// whether `a` is its source (see [`collect_facts`]).
pub fn facts_between(
    facts: &[(EntityRef, EntityRef, RelationType)],
    a: EntityRef,
    b: EntityRef,
) -> impl Iterator<Item = (RelationType, bool)> + '_ {
    let range = |x: EntityRef, y: EntityRef| {
        let lo = facts.partition_point(|f| (f.0, f.1) < (x, y));
        let hi = facts.partition_point(|f| (f.0, f.1) <= (x, y));
        &facts[lo..hi]
    };
    let forward = range(a, b).iter().map(|f| (f.2, true));
    let backward = range(b, a).iter().map(|f| (f.2, false));
    forward.chain(backward)
}

/// Whether the two names of a pair are items of one list: only names and list marks (`,` `;`
/// `and` `&`) between them, in a run of at least three names so joined.
pub fn in_one_list(cx: &PairContext, p: Pair) -> bool {
    let mark = |t: &SentTok| matches!(word(cx.folded, t), b"," | b";" | b"and" | b"&");
    let name = |t: &SentTok| t.mention != NO_MENTION;
    if !cx.toks[p.ta + 1..p.tb].iter().all(|t| name(t) || mark(t)) {
        return false;
    }
    // Names in the run: those between, the two ends, and more joined on either side.
    let mut names = 2 + cx.toks[p.ta + 1..p.tb].iter().filter(|t| name(t)).count();
    let mut i = p.ta;
    while i >= 2 && mark(&cx.toks[i - 1]) && name(&cx.toks[i - 2]) {
        names += 1;
        i -= 2;
    }
    let mut j = p.tb;
    while j + 2 < cx.toks.len() && mark(&cx.toks[j + 1]) && name(&cx.toks[j + 2]) {
        names += 1;
        j += 2;
    }
    names >= 3
}

/// Class label of a relation in a direction.
pub fn class_label(r: RelationType, forward: bool) -> String {
    format!("{}{}", r.as_str(), if forward { '>' } else { '<' })
}

/// The relation and direction of a class label (`None` for `none`).
pub fn parse_class(label: &str) -> Option<(RelationType, bool)> {
    let (name, forward) = match label.as_bytes().last()? {
        b'>' => (&label[..label.len() - 1], true),
        b'<' => (&label[..label.len() - 1], false),
        _ => return None,
    };
    Some((name.parse().ok()?, forward))
}

/// A trained relation model.
pub struct RelationModel {
    model: LinearModel,
    classes: Vec<Option<(RelationType, bool)>>,
    /// Edges below this probability are not kept.
    pub threshold: f32,
    /// Whether rule edges of the types the model decides go when the model does not find them
    /// (`rules=yield` in the model's meta; otherwise rule edges stay beside the model's).
    pub rules_yield: bool,
}

impl RelationModel {
    pub fn new(model: LinearModel) -> Result<RelationModel, ModelError> {
        if model.kind != KIND || model.classes.first().map(String::as_str) != Some("none") {
            return Err(ModelError::Kind {
                found: model.kind.clone(),
                expected: KIND.to_string(),
            });
        }
        let mut classes = vec![None];
        for c in &model.classes[1..] {
            classes.push(Some(
                parse_class(c).ok_or(ModelError::Damaged("unknown relation class"))?,
            ));
        }
        let threshold = model
            .meta
            .lines()
            .find_map(|l| l.strip_prefix("threshold="))
            .and_then(|t| t.trim().parse().ok())
            .unwrap_or(0.5);
        let rules_yield = model.meta.lines().any(|l| l.trim() == "rules=yield");
        Ok(RelationModel {
            model,
            classes,
            threshold,
            rules_yield,
        })
    }

    pub fn from_bytes(bytes: &[u8]) -> Result<RelationModel, ModelError> {
        RelationModel::new(LinearModel::from_bytes(bytes, KIND)?)
    }

    /// The relation types the model decides.
    pub fn types(&self) -> impl Iterator<Item = RelationType> + '_ {
        self.classes.iter().flatten().map(|c| c.0)
    }

    /// The index and probability of the most probable class of the features in `s.feats`.
    fn best(&self, s: &mut PairScratch) -> (usize, f32) {
        s.scores.resize(self.model.n_classes(), 0.0);
        self.model.score(&s.feats, &mut s.scores);
        softmax(&mut s.scores);
        let best = super::linear::argmax(&s.scores);
        (best, s.scores[best])
    }

    /// The [`EXPLAINED`] features that weigh most (either way) in the choice of class `class`
    /// over `none` for a pair, by name, heaviest first.
    pub fn explain(
        &self,
        cx: &PairContext,
        p: Pair,
        facts: &[(EntityRef, EntityRef, RelationType)],
        class: usize,
    ) -> Vec<(String, f32)> {
        let mut named = NamedFeatures::default();
        features_into(cx, p, facts, &mut named);
        let mut weights: Vec<(String, f32)> = Vec::with_capacity(named.0.len());
        for (h, name) in named.0 {
            // The bias is the same for every pair: it says nothing about this one.
            if name == "bias" {
                continue;
            }
            let w = self.model.weight_over(h, class, 0);
            if w == 0.0 {
                continue;
            }
            // A word between the names twice counts twice.
            match weights.iter_mut().find(|(n, _)| *n == name) {
                Some(x) => x.1 += w,
                None => weights.push((name, w)),
            }
        }
        weights.sort_by(|a, b| b.1.abs().total_cmp(&a.1.abs()).then_with(|| a.0.cmp(&b.0)));
        weights.truncate(EXPLAINED);
        for w in &mut weights {
            // Two decimals are plenty to read, and keep the output short.
            w.1 = (w.1 * 100.0).round() / 100.0;
        }
        weights
    }

    /// The edge the model finds for a pair, if any: the most probable class is a relation,
    /// its probability reaches the threshold and the endpoint types fit the signature.
    pub fn edge<'a>(
        &self,
        cx: &PairContext<'_, 'a>,
        p: Pair,
        s: &mut PairScratch,
    ) -> Option<Found<'a>> {
        // Items of one list (three or more names joined by `,` `;` `and`: line-ups, lists of
        // places or firms) state nothing about each other.
        if in_one_list(cx, p) {
            return None;
        }
        features(cx, p, s);
        let (best, prob) = self.best(s);
        let (rel, forward) = self.classes[best]?;
        if prob < self.threshold {
            return None;
        }
        let mentions = &cx.res.mentions;
        let (src, dst) = if forward {
            (&mentions[p.a], &mentions[p.b])
        } else {
            (&mentions[p.b], &mentions[p.a])
        };
        if !rel.allows(src.etype, dst.etype) {
            return None;
        }
        // A one-word name no gazetteer lists is the least certain kind of endpoint ("Arc",
        // "Justice", "MP"): the model makes no edge from or to it (rule edges may).
        let doubtful = |m: &Mention| match m.entity {
            EntityRef::Guessed(i) => !cx.res.guessed[i as usize].name.contains(' '),
            EntityRef::Gaz(_) => false,
        };
        if doubtful(src) || doubtful(dst) {
            return None;
        }
        let (first, second) = (&mentions[p.a], &mentions[p.b]);
        let sentence = crate::doc::sentence_around(&cx.res.sentences, first.start, second.end);
        Some(Found {
            source: src.entity,
            relation: rel,
            target: dst.entity,
            origin: Origin::Text,
            role: None,
            sentence,
            trigger: (first.start, second.end),
            rule: RuleRef::Model(rel),
            confidence: prob,
            features: self.explain(cx, p, if s.hide_facts { &[] } else { &s.facts }, best),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn class_labels_round_trip() {
        for r in [RelationType::MemberOf, RelationType::LocatedIn] {
            for fwd in [true, false] {
                assert_eq!(parse_class(&class_label(r, fwd)), Some((r, fwd)));
            }
        }
        assert_eq!(parse_class("none"), None);
        assert_eq!(parse_class("no_such_type>"), None);
    }

    #[test]
    fn distance_buckets_grow() {
        let b: Vec<u8> = (0..30).map(dist_bucket).collect();
        assert!(b.windows(2).all(|w| w[0] <= w[1]));
    }
}

//! Training the models from annotated documents (`relgraph train`, docs/models.md).
//!
//! Everything is deterministic: documents are read in the order given, shuffled each epoch by
//! a generator with a fixed seed, and trained on one thread, so the same inputs give the same
//! model file, byte for byte.

use super::linear::{LinearModel, Rng, Trainer, Update};
use super::names::{self, NameClass, NameScratch};
use super::relations::{self, class_label};
use crate::eval::GoldDoc;
use crate::extract::{Extractor, Scratch};
use crate::text::prepare::Prepared;
use crate::types::{EntityType, RelationType};
use rustc_hash::FxHashMap;
use std::fmt::Write as _;

/// Training settings (the defaults are the shipped models').
#[derive(Debug, Clone)]
pub struct Settings {
    pub name_epochs: usize,
    pub relation_epochs: usize,
    /// Features seen fewer times than this in the training data are not kept.
    pub min_count: u32,
    /// Logistic regression learning rate (relations).
    pub rate: f32,
    pub seed: u64,
    /// Probability a relation edge needs.
    pub threshold: f32,
    /// Whether rule edges of the model's types need the model's agreement.
    pub rules_yield: bool,
    /// Name model: probability needed to overrule a listed gazetteer name's type.
    pub overrule: f32,
    /// Name model: probability a name no stage proposed needs.
    pub min_new: f32,
    /// Distant supervision keeps one `none` pair in this many.
    pub keep_none: usize,
    /// Name model: the percentage of training documents read (in each pass) without the rule
    /// stages' proposals as features.
    pub hide_proposals: u64,
}

impl Default for Settings {
    fn default() -> Settings {
        Settings {
            name_epochs: 8,
            relation_epochs: 12,
            min_count: 2,
            rate: 0.05,
            seed: 20_261_207,
            threshold: 0.5,
            rules_yield: false,
            overrule: 0.0,
            min_new: 0.0,
            keep_none: 1,
            hide_proposals: 0,
        }
    }
}

/// The byte offset in `text` of every character offset (and of the end).
fn char_to_byte(text: &str) -> Vec<usize> {
    let mut v: Vec<usize> = text.char_indices().map(|(b, _)| b).collect();
    v.push(text.len());
    v
}

/// One training document as the name model reads it.
struct NameDoc {
    text: String,
    scratch: NameScratch,
    gold: Vec<u8>,
}

/// What reading the training data found (printed by `relgraph train`).
#[derive(Debug, Default, Clone)]
pub struct NameCoverage {
    pub documents: usize,
    pub tokens: usize,
    pub candidates: usize,
    /// Gold name tokens, and those the model can read (candidate tokens).
    pub name_tokens: usize,
    pub name_tokens_read: usize,
}

fn name_docs(ex: &Extractor, docs: &[GoldDoc], cov: &mut NameCoverage) -> Vec<NameDoc> {
    let mut out = Vec::with_capacity(docs.len());
    let mut scratch = Scratch::default();
    let mut prepared = Prepared::default();
    for d in docs {
        let text = prepared.prepare(&d.text).to_string();
        let res = ex.propose(&text, &mut scratch);
        let mut ns = NameScratch::default();
        names::read_document(ex.gazetteer(), &text, &scratch.matches, &res, &mut ns);
        // Gold names as original byte spans with their class.
        let c2b = char_to_byte(&d.text);
        let mut gold_spans: Vec<(usize, usize, NameClass, usize)> = Vec::new();
        for (k, e) in d.entities.iter().enumerate() {
            let Some(class) = NameClass::from_label(&e.label) else {
                continue;
            };
            for &(s, t) in &e.mentions {
                gold_spans.push((c2b[s], c2b[t], class, k * 1000 + gold_spans.len()));
            }
        }
        gold_spans.sort_unstable();
        let mut gold = vec![names::OUTSIDE; ns.toks.len()];
        let mut last_span = usize::MAX;
        for (i, t) in ns.toks.iter().enumerate() {
            let (os, oe) = (
                prepared.orig_start(t.s as usize),
                prepared.orig_end(t.e as usize),
            );
            let k = gold_spans.partition_point(|g| g.0 <= os);
            let hit = k
                .checked_sub(1)
                .map(|k| gold_spans[k])
                .filter(|g| oe <= g.1 && os < oe);
            cov.tokens += 1;
            if t.is_candidate() {
                cov.candidates += 1;
            }
            match hit {
                Some((_, _, class, id)) => {
                    cov.name_tokens += 1;
                    if t.is_candidate() {
                        cov.name_tokens_read += 1;
                    }
                    gold[i] = if id == last_span {
                        names::inside(class)
                    } else {
                        names::begin(class)
                    };
                    last_span = id;
                }
                None => last_span = usize::MAX,
            }
        }
        cov.documents += 1;
        out.push(NameDoc {
            text,
            scratch: ns,
            gold,
        });
    }
    out
}

/// Trains the name model on `docs` (their entity labels: PER/ORG/LOC/MISC, Peop/Org/Loc/Other,
/// DWIE's types) with the proposals of `ex` (an extractor without a name model) as features.
pub fn train_names(
    ex: &Extractor,
    docs: &[GoldDoc],
    settings: &Settings,
    meta: &str,
) -> (LinearModel, NameCoverage) {
    let mut cov = NameCoverage::default();
    let mut data = name_docs(ex, docs, &mut cov);
    let labels = names::tag_labels();
    let mut counts: FxHashMap<u64, u32> = FxHashMap::default();
    let mut feats = Vec::new();
    for d in &data {
        for i in 0..d.gold.len() {
            if !d.scratch.toks[i].is_candidate() {
                continue;
            }
            let (prev, prev2) = names::history(&d.scratch.toks, &d.gold, i);
            names::features(&d.scratch, &d.text, i, prev, prev2, &mut feats);
            for &f in &feats {
                *counts.entry(f).or_default() += 1;
            }
        }
    }
    let mut trainer = Trainer::new(labels.len(), Update::Perceptron);
    trainer.restrict(&counts, settings.min_count);
    drop(counts);
    let mut rng = Rng::new(settings.seed);
    let mut order: Vec<usize> = (0..data.len()).collect();
    let mut scores = Vec::new();
    let mut tags: Vec<u8> = Vec::new();
    for _ in 0..settings.name_epochs {
        rng.shuffle(&mut order);
        for &k in &order {
            let d = &mut data[k];
            d.scratch.hide_proposals =
                settings.hide_proposals > 0 && rng.next_u64() % 100 < settings.hide_proposals;
            tags.clear();
            tags.resize(d.gold.len(), 0);
            for i in 0..d.gold.len() {
                if !d.scratch.toks[i].is_candidate() {
                    continue;
                }
                let (prev, prev2) = names::history(&d.scratch.toks, &tags, i);
                names::features(&d.scratch, &d.text, i, prev, prev2, &mut feats);
                let guess = trainer.learn(&feats, d.gold[i] as usize, &mut scores) as u8;
                tags[i] = names::repair(prev, guess);
            }
        }
    }
    let meta = format!(
        "{meta}\nepochs={}\nmin_count={}\nseed={}\noverrule={}\nmin_new={}\n",
        settings.name_epochs,
        settings.min_count,
        settings.seed,
        settings.overrule,
        settings.min_new
    );
    (trainer.finish(names::KIND, labels, meta), cov)
}

/// The relgraph relation a training label stands for, given the endpoint types: a relation
/// type's own name (`member_of`), or one of CoNLL04's labels (Work_For: member_of; Live_In:
/// citizen_of when the place is a state; OrgBased_In: based_in; Located_In: located_in; Kill:
/// killed), or a DWIE label through the evaluation table. `None`: not learned.
pub fn relation_of_label(
    label: &str,
    source: EntityType,
    target: EntityType,
) -> Option<RelationType> {
    let r = if let Ok(r) = label.parse::<RelationType>() {
        r
    } else {
        match label {
            "Work_For" => RelationType::MemberOf,
            "Live_In" => RelationType::CitizenOf,
            "OrgBased_In" => RelationType::BasedIn,
            "Located_In" => RelationType::LocatedIn,
            "Kill" => RelationType::Killed,
            other => {
                match crate::eval::labels::gold_relation(crate::eval::Dataset::Dwie, other)?.class {
                    crate::eval::labels::RelClass::Ours(r) => r,
                    _ => return None,
                }
            }
        }
    };
    r.allows(source, target).then_some(r)
}

/// What reading the relation training data found.
#[derive(Debug, Default, Clone)]
pub struct RelationCoverage {
    pub documents: usize,
    pub pairs: usize,
    /// Gold relations, and those between two mentions the extractor found.
    pub gold: usize,
    pub gold_read: usize,
    /// Unannotated documents read for distant supervision, and the pairs kept.
    pub distant_documents: usize,
    pub distant_pairs: usize,
    /// Pair examples by class label.
    pub by_class: std::collections::BTreeMap<String, usize>,
}

/// The relations distant supervision teaches: the gazetteer's facts that news states in
/// words (not memberships of states in international organizations, which it rarely does).
pub const DISTANT_TYPES: &[RelationType] = &[
    RelationType::HeadOfState,
    RelationType::HeadOfGovernment,
    RelationType::MinisterOf,
    RelationType::LeaderOf,
    RelationType::OfficialOf,
    RelationType::MemberOf,
    RelationType::CitizenOf,
    RelationType::PartOf,
    RelationType::BasedIn,
    RelationType::LocatedIn,
];

/// Distant supervision labels a pair by its fact only when at most this many tokens
/// separate the two names.
pub const DISTANT_SPAN: usize = 6;

/// Labelled pair examples and their class labels.
struct Examples {
    classes: Vec<String>,
    examples: Vec<(Vec<u64>, usize)>,
}

impl Examples {
    fn push(&mut self, feats: &[u64], label: String) {
        let c = match self.classes.iter().position(|c| *c == label) {
            Some(c) => c,
            None => {
                self.classes.push(label);
                self.classes.len() - 1
            }
        };
        self.examples.push((feats.to_vec(), c));
    }
}

/// Distant supervision: pairs of gazetteer entities in the sentences of unannotated
/// documents, labelled with the gazetteer's fact between them (one of [`DISTANT_TYPES`]) or
/// `none`; one `none` pair in `keep_none` is kept. Facts of the types the annotated data
/// already teaches are left out (neither taught nor counted as `none`). The fact features are hidden, so the
/// model learns how the words state a fact.
fn distant_examples(
    ex: &Extractor,
    docs: &[crate::doc::Document],
    keep_none: usize,
    cov: &mut RelationCoverage,
    out: &mut Examples,
) {
    let mut scratch = Scratch::default();
    let mut prepared = Prepared::default();
    let mut seen_none = 0usize;
    // Types the annotated data teaches are left to it.
    let taught: Vec<RelationType> = out
        .classes
        .iter()
        .filter_map(|c| relations::parse_class(c))
        .map(|c| c.0)
        .collect();
    for d in docs {
        let text = prepared.prepare(&d.text).to_string();
        let res = ex.analyse(&text, d.date, &mut scratch);
        let mut rules = res.relations.clone();
        ex.walk_pairs(&res, &mut rules, d.date, &mut scratch, |cx, p, ps| {
            let (ma, mb) = (&cx.res.mentions[p.a], &cx.res.mentions[p.b]);
            if ma.entity.gaz().is_none() || mb.entity.gaz().is_none() {
                return;
            }
            // The most specific fact the words could state (DISTANT_TYPES order); a pair
            // whose only facts are of types the annotated data teaches is left out.
            let mut any_fact = false;
            let mut best: Option<(usize, RelationType, bool)> = None;
            for (rel, forward) in relations::facts_between(&ps.facts, ma.entity, mb.entity) {
                any_fact = true;
                let Some(rank) = DISTANT_TYPES.iter().position(|&t| t == rel) else {
                    continue;
                };
                if taught.contains(&rel) {
                    continue;
                }
                if best.is_none_or(|b| rank < b.0) {
                    best = Some((rank, rel, forward));
                }
            }
            let label = match best {
                // Only close pairs are taken to state their fact (titles, appositions, "X of
                // Y"); a fact between distant names is mostly not what the sentence says.
                Some(_) if p.tb - p.ta > DISTANT_SPAN => return,
                Some((_, rel, forward)) => class_label(rel, forward),
                None if any_fact => return,
                None => {
                    seen_none += 1;
                    if seen_none % keep_none != 0 {
                        return;
                    }
                    "none".to_string()
                }
            };
            ps.hide_facts = true;
            relations::features(cx, p, ps);
            ps.hide_facts = false;
            cov.distant_pairs += 1;
            *cov.by_class
                .entry(format!("{label} (distant)"))
                .or_default() += 1;
            out.push(&ps.feats, label);
        });
        cov.distant_documents += 1;
    }
}

/// Trains the relation model on `docs` (their relations) and, by distant supervision, on
/// `distant` (unannotated documents), with `ex` (an extractor with the name model and
/// without a relation model) reading the documents.
pub fn train_relations(
    ex: &Extractor,
    docs: &[GoldDoc],
    distant: &[crate::doc::Document],
    settings: &Settings,
    meta: &str,
) -> (LinearModel, RelationCoverage) {
    let mut cov = RelationCoverage::default();
    let mut data = Examples {
        classes: vec!["none".to_string()],
        examples: Vec::new(),
    };
    let mut scratch = Scratch::default();
    let mut prepared = Prepared::default();
    for d in docs {
        let text = prepared.prepare(&d.text).to_string();
        let res = ex.analyse(&text, None, &mut scratch);
        let c2b = char_to_byte(&d.text);
        // Gold entity of each mention: the one with a mention of the same span, measured in
        // the gold tokens (as `eval` measures it).
        let tokens: Vec<(usize, usize)> = d.tokens.iter().map(|&(s, e)| (c2b[s], c2b[e])).collect();
        let gold_spans: Vec<Vec<(usize, usize)>> = d
            .entities
            .iter()
            .map(|e| e.mentions.iter().map(|&(s, t)| (c2b[s], c2b[t])).collect())
            .collect();
        let gold_of: Vec<Option<usize>> = res
            .mentions
            .iter()
            .map(|m| {
                let span = (prepared.orig_start(m.start), prepared.orig_end(m.end));
                let span = crate::eval::score::snap_to_tokens(&tokens, span);
                gold_spans.iter().position(|ms| ms.contains(&span))
            })
            .collect();
        let mut rules = res.relations.clone();
        let mut read = vec![false; d.relations.len()];
        ex.walk_pairs(&res, &mut rules, None, &mut scratch, |cx, p, ps| {
            relations::features(cx, p, ps);
            cov.pairs += 1;
            let (ga, gb) = (gold_of[p.a], gold_of[p.b]);
            let (ta, tb) = (cx.res.mentions[p.a].etype, cx.res.mentions[p.b].etype);
            let mut label = Some("none".to_string());
            if let (Some(ga), Some(gb)) = (ga, gb) {
                for (k, r) in d.relations.iter().enumerate() {
                    let forward = if (r.head, r.tail) == (ga, gb) {
                        true
                    } else if (r.head, r.tail) == (gb, ga) {
                        false
                    } else {
                        continue;
                    };
                    read[k] = true;
                    let (s, t) = if forward { (ta, tb) } else { (tb, ta) };
                    // A relation relgraph cannot express between these types is not taught,
                    // either way.
                    label = relation_of_label(&r.label, s, t).map(|rel| class_label(rel, forward));
                    break;
                }
            }
            let Some(label) = label else { return };
            *cov.by_class.entry(label.clone()).or_default() += 1;
            data.push(&ps.feats, label);
        });
        cov.gold += d.relations.len();
        cov.gold_read += read.iter().filter(|&&r| r).count();
        cov.documents += 1;
    }
    distant_examples(ex, distant, settings.keep_none, &mut cov, &mut data);
    let Examples {
        classes,
        mut examples,
    } = data;
    // Classes in a fixed order (none first, then by label), whatever the data's order.
    let mut sorted = classes.clone();
    sorted[1..].sort();
    let remap: Vec<usize> = classes
        .iter()
        .map(|c| sorted.iter().position(|s| s == c).expect("same labels"))
        .collect();
    for e in &mut examples {
        e.1 = remap[e.1];
    }
    let mut counts: FxHashMap<u64, u32> = FxHashMap::default();
    for (f, _) in &examples {
        for &x in f {
            *counts.entry(x).or_default() += 1;
        }
    }
    let mut trainer = Trainer::new(
        sorted.len(),
        Update::Logistic {
            rate: settings.rate,
        },
    );
    trainer.restrict(&counts, settings.min_count);
    let mut rng = Rng::new(settings.seed ^ 0x5eed);
    let mut order: Vec<usize> = (0..examples.len()).collect();
    let mut scores = Vec::new();
    for _ in 0..settings.relation_epochs {
        rng.shuffle(&mut order);
        for &k in &order {
            trainer.learn(&examples[k].0, examples[k].1, &mut scores);
        }
    }
    let mut meta = format!(
        "{meta}\nepochs={}\nmin_count={}\nrate={}\nseed={}\nthreshold={}\n",
        settings.relation_epochs,
        settings.min_count,
        settings.rate,
        settings.seed,
        settings.threshold
    );
    if settings.rules_yield {
        meta.push_str("rules=yield\n");
    }
    (trainer.finish(relations::KIND, sorted, meta), cov)
}

/// A one-line description of the training data for the model's meta.
pub fn describe(sources: &[(String, usize)]) -> String {
    let mut s = String::from("data=");
    for (i, (name, n)) in sources.iter().enumerate() {
        if i > 0 {
            s.push_str("; ");
        }
        let _ = write!(s, "{name} ({n} documents)");
    }
    s
}

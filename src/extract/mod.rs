//! The extraction pipeline for one document ([`Extractor::record`]): prepare the text
//! ([`crate::text::prepare`]), fold, match, split sentences, resolve mentions, guess unknown
//! names, read places used as teams, resolve short forms and pronouns, dated role descriptions,
//! run the relation rules on sentences with two or more entities, addresses, leaders acting for
//! their states, gazetteer facts between mentioned entities, organs and seats; then the record,
//! with offsets mapped back to the original text (docs/architecture.md).

pub mod addresses;
pub mod guess;
pub mod ids;
pub mod leaders;
pub mod resolve;
pub mod roles;
pub mod teams;
#[doc(hidden)]
pub mod words;

use crate::doc::{DocResult, EntityRef, Found, Mention, RuleRef};
use crate::gazetteer::{Date, EntityIdx, Fact, Gazetteer};
use crate::matcher::{MatchBuf, Matcher};
use crate::rules::RuleSet;
use crate::rules::engine::{self, NO_MENTION, NO_WORD, SentTok, Sentence};
use crate::text::normalize::Folded;
use crate::text::prepare::Prepared;
use crate::text::sentences;
use crate::text::tokens::tokens;
use crate::types::{EntityType, Origin, RelationType};
use crate::wire::extraction::DocRecord;
use std::borrow::Cow;

/// Every cue word the extractor's stages look for (title and unit words, head words, months,
/// locatives, negations, abbreviations, ...), for tests that put odd text next to each of them.
#[doc(hidden)]
pub fn cue_words() -> Vec<&'static str> {
    let mut words: Vec<&'static str> = [
        guess::cue_word_lists(),
        resolve::cue_word_lists(),
        teams::cue_word_lists(),
        crate::rules::engine::cue_word_lists(),
        crate::text::sentences::cue_word_lists(),
    ]
    .into_iter()
    .flatten()
    .flat_map(|l| l.iter().copied())
    .collect();
    words.sort_unstable();
    words.dedup();
    words
}

/// Which gazetteer facts become relations (docs/gazetteer.md, "Gazetteer facts").
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, clap::ValueEnum)]
pub enum FactsMode {
    /// No gazetteer facts.
    None,
    /// Facts between two entities the document mentions.
    #[default]
    Mentioned,
    /// Every fact of the gazetteer (build only).
    All,
}

/// A gazetteer, its compiled matcher and the relation rules.
pub struct Extractor {
    gazetteer: Gazetteer,
    matcher: Matcher,
    rules: RuleSet,
    facts: FactsMode,
    models: crate::model::Models,
    /// Whether records carry each evidence item's sentence text ([`Extractor::with_sentences`]).
    sentences: bool,
}

/// Buffers reused from one document to the next (one per thread).
#[derive(Default)]
pub struct Scratch {
    folded: Folded,
    pub(crate) matches: MatchBuf,
    toks: Vec<SentTok>,
    rules: engine::RuleScratch,
    guess: guess::GuessScratch,
    prepared: Prepared,
    pub(crate) names: crate::model::names::NameScratch,
    pub(crate) pairs: crate::model::relations::PairScratch,
}

impl Extractor {
    pub fn new(gazetteer: Gazetteer, rules: RuleSet, facts: FactsMode) -> Extractor {
        let matcher = Matcher::new(&gazetteer);
        Extractor {
            gazetteer,
            matcher,
            rules,
            facts,
            models: crate::model::Models::default(),
            sentences: false,
        }
    }

    /// The same extractor deciding with `models` (see [`crate::model`]).
    pub fn with_models(mut self, models: crate::model::Models) -> Extractor {
        self.models = models;
        self
    }

    /// Records made by [`Extractor::record`] carry each evidence item's sentence text
    /// (`EvidenceRecord::sentence`), which `relgraph build` keeps in the graph.
    pub fn with_sentences(mut self, sentences: bool) -> Extractor {
        self.sentences = sentences;
        self
    }

    pub fn gazetteer(&self) -> &Gazetteer {
        &self.gazetteer
    }

    pub fn rules(&self) -> &RuleSet {
        &self.rules
    }

    pub fn matcher(&self) -> &Matcher {
        &self.matcher
    }

    pub fn facts_mode(&self) -> FactsMode {
        self.facts
    }

    /// The extraction record of one document: its text is prepared first (NFC, typography,
    /// tokenised spacing: [`crate::text::prepare`]) and the record's offsets point into the
    /// original text. This is what `relgraph extract` writes for each document.
    pub fn record(&self, doc: &crate::doc::Document, scratch: &mut Scratch) -> DocRecord {
        let mut prepared = std::mem::take(&mut scratch.prepared);
        let text = prepared.prepare(&doc.text);
        let res = self.extract(text, doc.date, scratch);
        let mut rec = DocRecord::from_prepared(
            doc.id.clone(),
            doc.date,
            &doc.text,
            &prepared,
            &res,
            &self.gazetteer,
            &self.rules,
        );
        if self.sentences {
            rec.add_sentences(&doc.text);
        }
        drop(res);
        scratch.prepared = prepared;
        rec
    }

    /// Extracts mentions and relations from `text` as it is (offsets are into `text`; see
    /// [`Extractor::record`] for the prepared, whole-document path).
    pub fn extract<'a>(
        &'a self,
        text: &str,
        date: Option<Date>,
        scratch: &mut Scratch,
    ) -> DocResult<'a> {
        let g = &self.gazetteer;
        let mut res = self.analyse(text, date, scratch);
        if let Some(model) = &self.models.relations {
            self.model_relations(model, date, scratch, &mut res);
        }
        addresses::addresses(g, text, &mut res);
        leaders::lift_leaders(g, date, &res.mentions, &mut res.relations);
        if self.facts != FactsMode::None {
            self.mentioned_facts(date, &mut res);
        }
        organs_and_seats(g, &mut res);
        res
    }

    /// The stages up to the relation rules: [`Extractor::propose`], the name model, coreference,
    /// dated role descriptions and the rules. What the relation model reads.
    pub fn analyse<'a>(
        &'a self,
        text: &str,
        date: Option<Date>,
        scratch: &mut Scratch,
    ) -> DocResult<'a> {
        let g = &self.gazetteer;
        let mut res = self.propose(text, scratch);
        if let Some(names) = &self.models.names {
            names.apply(
                g,
                text,
                &scratch.folded,
                &scratch.matches,
                &mut res,
                &mut scratch.names,
            );
        }
        resolve::coreference(g, text, &scratch.folded, &res.sentences, &mut res.mentions);
        roles::resolve_roles(g, &self.rules, text, &scratch.folded, date, &mut res);
        self.relations(text, scratch, &mut res);
        res
    }

    /// The stages before the name model: fold, match, split sentences, resolve gazetteer
    /// mentions, guess unknown names and read places used as teams. Their mentions are what
    /// the name model decides on (and, in training, what it learns from).
    pub fn propose<'a>(&'a self, text: &str, scratch: &mut Scratch) -> DocResult<'a> {
        let g = &self.gazetteer;
        let mut res = DocResult::default();
        // About one sentence per 100 bytes of news text: most documents need no regrowth.
        res.sentences.reserve(text.len() / 100 + 1);
        scratch.folded.fold_into(text);
        self.matcher
            .find(g, text, &scratch.folded, &mut scratch.matches);
        sentences::split_into(text, &mut res.sentences);
        resolve::resolve(
            g,
            text,
            &scratch.folded,
            &scratch.matches,
            &mut res.mentions,
        );
        // Whether the document reads like a sports report: asked by both stages, found once.
        let sporty = std::cell::OnceCell::new();
        guess::guess(
            g,
            text,
            &scratch.folded,
            &mut res,
            &mut scratch.guess,
            &sporty,
        );
        teams::teams(text, &scratch.folded, &mut res, &sporty);
        res
    }

    /// Calls `f` for each sentence with two or more distinct entities, with its span and its
    /// token list (mentions as single tokens) in `scratch.toks`.
    pub(crate) fn for_each_sentence<'a, F>(
        &'a self,
        res: &DocResult<'a>,
        scratch: &mut Scratch,
        mut f: F,
    ) where
        F: FnMut(&mut Scratch, (usize, usize)),
    {
        let mentions = &res.mentions;
        let mut mi = 0;
        for &(ss, se) in &res.sentences {
            while mi < mentions.len() && mentions[mi].start < ss {
                mi += 1;
            }
            let first = mi;
            let mut last = mi;
            while last < mentions.len() && mentions[last].end <= se {
                last += 1;
            }
            let in_sentence = &mentions[first..last];
            let Some(m0) = in_sentence.first() else {
                continue;
            };
            if in_sentence.iter().all(|m| m.entity == m0.entity) {
                continue;
            }
            let fs = scratch.folded.folded_offset(ss);
            let fe = scratch.folded.folded_offset(se);
            let mut toks = std::mem::take(&mut scratch.toks);
            tokenize(
                &self.rules,
                &scratch.folded,
                fs,
                fe,
                mentions,
                first,
                last,
                &mut toks,
            );
            scratch.toks = toks;
            f(scratch, (ss, se));
        }
    }

    /// Calls `f` with every pair of entities of every sentence of `res` (see
    /// [`crate::model::relations::pairs`]), the pair's context (the rule relations of the
    /// sentence, taken from `rule_relations`, which it sorts by sentence) and the pair scratch.
    pub fn walk_pairs<'a, F>(
        &'a self,
        res: &DocResult<'a>,
        rule_relations: &mut [Found<'a>],
        date: Option<Date>,
        scratch: &mut Scratch,
        mut f: F,
    ) where
        F: FnMut(
            &crate::model::relations::PairContext<'_, 'a>,
            crate::model::relations::Pair,
            &mut crate::model::relations::PairScratch,
        ),
    {
        use crate::model::relations::{PairContext, collect_facts, pairs};
        rule_relations.sort_by_key(|f| f.sentence.0);
        let rule_relations = &*rule_relations;
        let mut pairs_buf = Vec::new();
        let mut pair_scratch = std::mem::take(&mut scratch.pairs);
        collect_facts(&self.gazetteer, res, date, &mut pair_scratch);
        self.for_each_sentence(res, scratch, |scratch, span| {
            let lo = rule_relations.partition_point(|f| f.sentence.0 < span.0);
            let hi = rule_relations.partition_point(|f| f.sentence.0 <= span.0);
            pairs(
                &scratch.toks,
                &res.mentions,
                &scratch.folded,
                &mut pairs_buf,
            );
            let cx = PairContext {
                g: &self.gazetteer,
                folded: &scratch.folded,
                toks: &scratch.toks,
                res,
                rule_relations: &rule_relations[lo..hi],
            };
            for &p in &pairs_buf {
                f(&cx, p, &mut pair_scratch);
            }
        });
        scratch.pairs = pair_scratch;
    }

    /// The relation model's pass (docs/models.md): every pair of entities of a sentence is
    /// read, with the rules' findings in that sentence among its features. A rule edge of a
    /// type the model decides stays only if the model finds the same edge for the pair (a rule
    /// marked `decisive` always stays); the model's own edges carry the rule `model:<type>`.
    fn model_relations<'a>(
        &'a self,
        model: &crate::model::relations::RelationModel,
        date: Option<Date>,
        scratch: &mut Scratch,
        res: &mut DocResult<'a>,
    ) {
        let mut found: Vec<Found<'a>> = Vec::new();
        let mut rule_relations = std::mem::take(&mut res.relations);
        self.walk_pairs(res, &mut rule_relations, date, scratch, |cx, p, ps| {
            if let Some(edge) = model.edge(cx, p, ps) {
                found.push(edge);
            }
        });
        let decided: Vec<RelationType> = model.types().collect();
        // The same fact in the same sentence, for matching rule and model edges in linear time.
        type Key = (EntityRef, EntityRef, RelationType, (usize, usize));
        let key = |f: &Found| -> Key { (f.source, f.target, f.relation, f.sentence) };
        let by_model: rustc_hash::FxHashSet<Key> = found.iter().map(key).collect();
        let mut by_rule: rustc_hash::FxHashSet<Key> = rustc_hash::FxHashSet::default();
        for f in rule_relations {
            let keep = !model.rules_yield
                || !decided.contains(&f.relation)
                || matches!(f.rule, crate::doc::RuleRef::Text(i) if self.rules.rules[i as usize].decisive)
                || by_model.contains(&key(&f));
            if keep {
                by_rule.insert(key(&f));
                res.relations.push(f);
            }
        }
        // The model's own edge for a fact a rule found in the same sentence is not repeated.
        found.retain(|m| !by_rule.contains(&key(m)));
        res.relations.extend(found);
    }

    /// The relation rules over each sentence with two or more distinct entities.
    fn relations<'a>(&'a self, text: &str, scratch: &mut Scratch, res: &mut DocResult<'a>) {
        let mut found = std::mem::take(&mut res.relations);
        self.for_each_sentence(res, scratch, |scratch, span| {
            let sentence = Sentence {
                toks: &scratch.toks,
                mentions: &res.mentions,
                folded: &scratch.folded,
                original: text,
                span,
            };
            engine::run(
                &self.rules,
                &self.gazetteer,
                &sentence,
                &mut scratch.rules,
                &mut found,
            );
        });
        res.relations = found;
    }

    fn mentioned_facts<'a>(&'a self, date: Option<Date>, res: &mut DocResult<'a>) {
        let g = &self.gazetteer;
        // An entity has a handful of facts (its state, parent, roles, memberships).
        let mut facts: Vec<Fact<'a>> = Vec::with_capacity(16);
        // The gazetteer entities mentioned, sorted: facts need both ends mentioned.
        let mut mentioned: Vec<EntityIdx> =
            res.mentions.iter().filter_map(|m| m.entity.gaz()).collect();
        mentioned.sort_unstable();
        mentioned.dedup();
        let mut done: Vec<EntityIdx> = Vec::with_capacity(mentioned.len());
        for m in res.mentions.iter() {
            let Some(idx) = m.entity.gaz() else { continue };
            // facts once per entity, from its first mention
            match done.binary_search(&idx) {
                Ok(_) => continue,
                Err(at) => done.insert(at, idx),
            }
            facts.clear();
            g.facts_about(idx, date, &mut facts);
            for f in &facts {
                // A state's membership of an international organization is background
                // knowledge news rarely asserts: only `--facts all` adds it (docs/gazetteer.md).
                if f.relation == RelationType::MemberOf && m.etype == EntityType::State {
                    continue;
                }
                if mentioned.binary_search(&f.target).is_err() {
                    continue;
                }
                let sentence = crate::doc::sentence_around(&res.sentences, m.start, m.end);
                res.relations.push(Found {
                    features: Vec::new(),
                    source: m.entity,
                    relation: f.relation,
                    target: crate::doc::EntityRef::Gaz(f.target),
                    origin: Origin::Gazetteer,
                    role: f.role.map(Cow::Borrowed),
                    sentence,
                    trigger: (m.start, m.end),
                    rule: RuleRef::Gazetteer(f.relation),
                    confidence: 1.0,
                });
            }
        }
    }
}

/// Whether an organization is an organ of a state (a ministry, court, parliament, agency...):
/// by its gazetteer kind, or by the head word of a guessed name.
fn is_state_organ(g: &Gazetteer, res: &DocResult, e: EntityRef) -> bool {
    match e {
        EntityRef::Gaz(i) => g.entity(i).is_state_organ(),
        EntityRef::Guessed(i) => guess::is_organ_name(&res.guessed[i as usize].name),
    }
}

/// Edges implied by others. Organization-to-state edges follow what the organization is: an
/// organ of the state (a ministry, a court) is `part_of` it, and its seat is there too
/// (`based_in`); any other organization (a company, a party, a newspaper) tied to a state by the
/// text is `based_in` it. A person the text makes head of state, head of government or minister
/// of a state is also its citizen (`citizen_of`, confidence x0.9).
fn organs_and_seats(g: &Gazetteer, res: &mut DocResult) {
    let n = res.relations.len();
    for i in 0..n {
        let f = &res.relations[i];
        // A state's head, head of government or minister found in the text is its citizen.
        if f.origin == Origin::Text
            && matches!(
                f.relation,
                RelationType::HeadOfState
                    | RelationType::HeadOfGovernment
                    | RelationType::MinisterOf
            )
            && res.etype(f.target, g) == EntityType::State
        {
            // Derived edges keep the rule, and a model's reasons, of the edge they come from.
            let citizen = Found {
                relation: RelationType::CitizenOf,
                role: None,
                confidence: f.confidence * 0.9,
                ..f.clone()
            };
            res.relations.push(citizen);
            continue;
        }
        if !matches!(f.relation, RelationType::PartOf | RelationType::BasedIn)
            || res.etype(f.source, g) != EntityType::Organization
            || res.etype(f.target, g) != EntityType::State
        {
            continue;
        }
        let organ = is_state_organ(g, res, f.source);
        match (f.relation, organ) {
            (RelationType::PartOf, false) if f.origin == Origin::Text => {
                res.relations[i].relation = RelationType::BasedIn;
            }
            (RelationType::PartOf, true) => {
                let seat = Found {
                    relation: RelationType::BasedIn,
                    ..f.clone()
                };
                res.relations.push(seat);
            }
            _ => {}
        }
    }
}

/// Tokens of the folded span `fs..fe`, with `mentions[first..last]` as single tokens.
#[allow(clippy::too_many_arguments)]
fn tokenize(
    rules: &RuleSet,
    folded: &Folded,
    fs: usize,
    fe: usize,
    mentions: &[Mention],
    first: usize,
    last: usize,
    out: &mut Vec<SentTok>,
) {
    out.clear();
    let mut pos = fs;
    let mut mi = first;
    loop {
        let next_mention = (mi < last).then(|| mentions[mi].fstart);
        let limit = next_mention.unwrap_or(fe).min(fe);
        for (s, e) in tokens(&folded.text, pos, limit) {
            out.push(SentTok {
                fs: s as u32,
                fe: e as u32,
                mention: NO_MENTION,
                word: rules.word_id(&folded.text[s..e]).unwrap_or(NO_WORD),
            });
        }
        match next_mention {
            Some(ms) if ms < fe => {
                let m = &mentions[mi];
                out.push(SentTok {
                    fs: ms as u32,
                    fe: m.fend as u32,
                    mention: mi as u32,
                    word: NO_WORD,
                });
                pos = m.fend;
                mi += 1;
            }
            _ => break,
        }
    }
}

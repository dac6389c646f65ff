//! The extraction pipeline for one document ([`Extractor::record`]): prepare the text
//! ([`crate::text::prepare`]), fold, match, split sentences, resolve mentions, guess unknown
//! names, read places used as teams, resolve short forms and pronouns, dated role descriptions,
//! run the relation rules on sentences with two or more entities, addresses, leaders acting for
//! their states, gazetteer facts between mentioned entities, organs and seats; then the record,
//! with offsets mapped back to the original text (docs/architecture.md).

pub mod addresses;
pub mod guess;
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
}

/// Buffers reused from one document to the next (one per thread).
#[derive(Default)]
pub struct Scratch {
    folded: Folded,
    matches: MatchBuf,
    toks: Vec<SentTok>,
    rules: engine::RuleScratch,
    guess: guess::GuessScratch,
    prepared: Prepared,
}

impl Extractor {
    pub fn new(gazetteer: Gazetteer, rules: RuleSet, facts: FactsMode) -> Extractor {
        let matcher = Matcher::new(&gazetteer);
        Extractor {
            gazetteer,
            matcher,
            rules,
            facts,
        }
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
        let rec = DocRecord::from_prepared(
            doc.id.clone(),
            doc.date,
            &doc.text,
            &prepared,
            &res,
            &self.gazetteer,
            &self.rules,
        );
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
        resolve::coreference(g, text, &scratch.folded, &res.sentences, &mut res.mentions);
        roles::resolve_roles(g, &self.rules, text, &scratch.folded, date, &mut res);
        self.relations(text, scratch, &mut res);
        addresses::addresses(g, text, &mut res);
        leaders::lift_leaders(g, date, &res.mentions, &mut res.relations);
        if self.facts != FactsMode::None {
            self.mentioned_facts(date, &mut res);
        }
        organs_and_seats(g, &mut res);
        res
    }

    fn relations<'a>(&'a self, text: &str, scratch: &mut Scratch, res: &mut DocResult<'a>) {
        let folded = &scratch.folded;
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
            // Rules need two distinct entities.
            let Some(m0) = in_sentence.first() else {
                continue;
            };
            if in_sentence.iter().all(|m| m.entity == m0.entity) {
                continue;
            }
            let fs = folded.folded_offset(ss);
            let fe = folded.folded_offset(se);
            tokenize(
                &self.rules,
                folded,
                fs,
                fe,
                mentions,
                first,
                last,
                &mut scratch.toks,
            );
            let sentence = Sentence {
                toks: &scratch.toks,
                mentions,
                folded,
                original: text,
                span: (ss, se),
            };
            engine::run(
                &self.rules,
                &self.gazetteer,
                &sentence,
                &mut scratch.rules,
                &mut res.relations,
            );
        }
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

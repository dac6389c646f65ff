//! Matching compiled rules against one sentence.
//!
//! The sentence is a token list where each gazetteer mention is one token. Rules are tried only
//! at positions where their first element can match (a mention, or an indexed first word), with
//! backtracking over optional words, gaps and coordinated lists. Matches become relations after
//! the precision guards: endpoint types must fit the relation's signature, an entity never
//! relates to itself, a person is never made head of (or minister of) a state the gazetteer ties
//! them to no relation with when it knows another, negations inside the match (`not`, `never`,
//! `denied`, ...) block it, hedges (`may`, `reportedly`, ...) halve its confidence, and an
//! event rule that starts with its agent slot does not start right after a preposition (the
//! agent of a verb is not inside a prepositional phrase: `troops to the Kursk region in
//! Ukraine to aid Russia` does not make Ukraine the helper).

use super::pattern::{Elem, KindSet};
use super::{RuleRelation, RuleSet, TitlePhrase};
use crate::doc::{Found, Mention, RuleRef};
use crate::gazetteer::Gazetteer;
use crate::text::normalize::Folded;
use crate::types::{EntityType, Origin, RelationType, TypeSet};
use std::borrow::Cow;

/// No mention on this token.
pub const NO_MENTION: u32 = u32::MAX;

/// One token of a sentence: folded byte span and the mention it stands for, if any.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SentTok {
    pub fs: u32,
    pub fe: u32,
    pub mention: u32,
    /// The word's vocabulary id in the rule set ([`NO_WORD`] if no pattern uses it).
    pub word: u32,
}

/// No vocabulary id (a mention, or a word no pattern uses).
pub const NO_WORD: u32 = u32::MAX;

/// A sentence ready for matching.
pub struct Sentence<'s> {
    pub toks: &'s [SentTok],
    pub mentions: &'s [Mention],
    pub folded: &'s Folded,
    pub original: &'s str,
    /// Original byte span of the sentence.
    pub span: (usize, usize),
}

impl Sentence<'_> {
    #[inline]
    fn word(&self, i: usize) -> Option<&str> {
        let t = self.toks.get(i)?;
        (t.mention == NO_MENTION).then(|| &self.folded.text[t.fs as usize..t.fe as usize])
    }

    #[inline]
    fn mention(&self, i: usize) -> Option<&Mention> {
        let t = self.toks.get(i)?;
        (t.mention != NO_MENTION).then(|| &self.mentions[t.mention as usize])
    }
}

const NEGATIONS: &[&str] = &[
    "not", "never", "'t", "no", "denied", "denies", "deny", "denying", "refused", "refuses",
    "rejected", "neither", "nor", "without", "against",
];
/// Words after which an event rule's leading agent slot cannot start.
const PREPOSITIONS: &[&str] = &[
    "in",
    "at",
    "near",
    "into",
    "from",
    "on",
    "inside",
    "outside",
    "within",
    "across",
    "throughout",
    "toward",
    "towards",
    "of",
    "for",
    "with",
    "to",
    "by",
    "against",
    "about",
];
const HEDGES: &[&str] = &[
    "may",
    "might",
    "could",
    "reportedly",
    "allegedly",
    "possibly",
    "rumoured",
    "rumored",
    "considering",
    "consider",
    "plans",
    "planning",
    "would",
];

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Modifier {
    None,
    Acting,
    Deputy,
    Former,
}

/// Words that qualify a title (`former president`), and how.
const MODIFIERS: &[(&str, Modifier)] = &[
    ("acting", Modifier::Acting),
    ("interim", Modifier::Acting),
    ("deputy", Modifier::Deputy),
    ("vice", Modifier::Deputy),
    ("former", Modifier::Former),
    ("ex", Modifier::Former),
    ("late", Modifier::Former),
];

fn modifier(word: &str) -> Option<Modifier> {
    MODIFIERS.iter().find(|&&(w, _)| w == word).map(|&(_, m)| m)
}

/// The words [`modifier`] knows.
pub(crate) fn modifier_words<'a>() -> impl Iterator<Item = &'a str> {
    MODIFIERS.iter().map(|&(w, _)| w)
}

#[derive(Debug, Clone, Copy)]
struct TitleHit<'r> {
    phrase: &'r TitlePhrase,
    modifier: Modifier,
    modifier_word: (u16, u16),
}

#[derive(Debug, Clone, Copy)]
struct Hit<'r> {
    binds: [(u16, u16); 4],
    title: Option<TitleHit<'r>>,
    /// Token range of the literal words (the trigger); `lo > hi` when none.
    trig: (u16, u16),
    start: u16,
}

impl Hit<'_> {
    fn note_trigger(mut self, lo: usize, hi: usize) -> Self {
        self.trig = (self.trig.0.min(lo as u16), self.trig.1.max(hi as u16));
        self
    }
}

fn mention_fits(m: &Mention, types: TypeSet, kind: Option<KindSet>) -> bool {
    types.contains(m.etype) && kind.is_none_or(|k| k.contains(m.kind))
}

/// End of the longest coordinated list (`A, B and C`, `A and the B`) of fitting mentions
/// starting at `pos`.
fn list_end(s: &Sentence, pos: usize, types: TypeSet, kind: Option<KindSet>) -> usize {
    let fits = |i: usize| s.mention(i).is_some_and(|m| mention_fits(m, types, kind));
    let mut i = pos + 1;
    loop {
        match s.word(i) {
            Some(",") if fits(i + 1) => i += 2,
            Some(",") if matches!(s.word(i + 1), Some("and" | "&")) && fits(i + 2) => return i + 3,
            Some("and" | "&") if fits(i + 1) => return i + 2,
            // `Kleinbruck University and the Velmar Staff College`
            Some("and") if s.word(i + 1) == Some("the") && fits(i + 2) => return i + 3,
            _ => return pos + 1,
        }
    }
}

struct Matcher<'r, 'b, 's> {
    rs: &'r RuleSet,
    s: &'b Sentence<'s>,
    memo: &'b std::cell::RefCell<FailMemo>,
}

/// The (element, token) states of one match attempt known to fail. Whether `elems[ei..]` can
/// match from token `pos` does not depend on how the match got there (the slots bound before
/// never constrain later elements, and the first complete match ends the attempt), so a state
/// is explored at most once: one attempt costs at most elements x (tokens + 1) x (widest gap +
/// 2) steps, however many gaps and optional words a pattern has (docs/rules.md, "Cost").
#[derive(Debug, Default)]
pub(crate) struct FailMemo {
    stamps: Vec<u32>,
    generation: u32,
    width: usize,
}

impl FailMemo {
    /// Sizes the memo for a sentence of `toks` tokens and patterns of up to `elems` elements.
    fn reset(&mut self, toks: usize, elems: usize) {
        self.width = toks + 1;
        let need = self.width * (elems + 1);
        if self.stamps.len() < need {
            self.stamps.resize(need, 0);
        }
    }

    /// Starts a new attempt: every state is unknown again.
    fn next_attempt(&mut self) {
        self.generation = self.generation.wrapping_add(1);
        if self.generation == 0 {
            self.stamps.fill(0);
            self.generation = 1;
        }
    }

    #[inline]
    fn failed(&self, ei: usize, pos: usize) -> bool {
        self.stamps.get(ei * self.width + pos) == Some(&self.generation)
    }

    #[inline]
    fn mark(&mut self, ei: usize, pos: usize) {
        if let Some(x) = self.stamps.get_mut(ei * self.width + pos) {
            *x = self.generation;
        }
    }
}

impl<'r> Matcher<'r, '_, '_> {
    /// Calls `f` for the first way `elems[ei..]` matches from token `pos`; returns whether one
    /// did (`f` must return true: the first complete match ends the attempt).
    fn go(
        &self,
        elems: &[Elem],
        ei: usize,
        pos: usize,
        hit: Hit<'r>,
        f: &mut dyn FnMut(Hit<'r>, usize) -> bool,
    ) -> bool {
        if ei < elems.len() && self.memo.borrow().failed(ei, pos) {
            return false;
        }
        let found = self.step(elems, ei, pos, hit, f);
        if !found && ei < elems.len() {
            self.memo.borrow_mut().mark(ei, pos);
        }
        found
    }

    fn step(
        &self,
        elems: &[Elem],
        ei: usize,
        pos: usize,
        hit: Hit<'r>,
        f: &mut dyn FnMut(Hit<'r>, usize) -> bool,
    ) -> bool {
        let Some(elem) = elems.get(ei) else {
            return f(hit, pos);
        };
        let s = self.s;
        match elem {
            Elem::Slot {
                slot,
                types,
                kind,
                single,
            } => {
                let Some(m) = s.mention(pos) else {
                    return false;
                };
                if !mention_fits(m, *types, *kind) {
                    return false;
                }
                let end = if *single {
                    pos + 1
                } else {
                    list_end(s, pos, *types, *kind)
                };
                let ends = [end, pos + 1];
                let n = if end == pos + 1 { 1 } else { 2 };
                ends[..n].iter().any(|&e| {
                    let mut h = hit;
                    h.binds[*slot] = (pos as u16, e as u16);
                    self.go(elems, ei + 1, e, h, f)
                })
            }
            Elem::Title { slot } => {
                // Never from inside a title that began before ("Minister" in "Prime
                // Minister", "President" in "former President").
                if continues_title(self.rs, s, pos) {
                    return false;
                }
                let mut p = pos;
                let mut md = Modifier::None;
                let mut mw = (0u16, 0u16);
                while let Some(m) = s.word(p).and_then(modifier) {
                    if md == Modifier::None {
                        mw.0 = p as u16;
                    }
                    md = md.max(m);
                    p += 1;
                    mw.1 = p as u16;
                    if s.word(p) == Some("-") {
                        p += 1;
                    }
                }
                if s.word(p).is_none() {
                    return false;
                }
                for phrase in self.rs.titles_starting_with_id(s.toks[p].word) {
                    let words = &phrase.words;
                    let ok = words
                        .iter()
                        .enumerate()
                        .all(|(k, w)| s.word(p + k) == Some(w.as_str()));
                    if !ok {
                        continue;
                    }
                    let end = p + words.len();
                    let mut h = hit.note_trigger(pos, end);
                    h.binds[*slot] = (p as u16, end as u16);
                    h.title = Some(TitleHit {
                        phrase,
                        modifier: md,
                        modifier_word: mw,
                    });
                    if self.go(elems, ei + 1, end, h, f) {
                        return true;
                    }
                }
                false
            }
            Elem::Words {
                alts,
                optional,
                ids,
                has_prefix,
            } => {
                let hit_word = s.toks.get(pos).is_some_and(|t| {
                    t.mention == NO_MENTION
                        && ((t.word != NO_WORD && ids.binary_search(&t.word).is_ok())
                            || (*has_prefix
                                && s.word(pos)
                                    .is_some_and(|w| alts.iter().any(|a| a.matches(w)))))
                });
                if hit_word {
                    let h = if *optional {
                        hit
                    } else {
                        hit.note_trigger(pos, pos + 1)
                    };
                    if self.go(elems, ei + 1, pos + 1, h, f) {
                        return true;
                    }
                }
                *optional && self.go(elems, ei + 1, pos, hit, f)
            }
            Elem::Start => pos == 0 && self.go(elems, ei + 1, pos, hit, f),
            Elem::Gap {
                max,
                cross_mentions,
                nearest,
            } => {
                // Nearest candidate: a gap right after the leading slot may hold mentions, but
                // none that could fill that slot (`Ann Lee's assassin, Jan Novak, who had been
                // shot by X` binds Jan Novak, not Ann Lee).
                let leading = match elems[0] {
                    Elem::Slot { types, kind, .. } if *nearest => Some((types, kind)),
                    _ => None,
                };
                for k in 0..=*max {
                    if k > 0 {
                        let t = pos + k - 1;
                        if t >= s.toks.len() || (!cross_mentions && s.toks[t].mention != NO_MENTION)
                        {
                            return false;
                        }
                        if let Some((types, kind)) = leading
                            && s.mention(t).is_some_and(|m| mention_fits(m, types, kind))
                        {
                            return false;
                        }
                    }
                    if self.go(elems, ei + 1, pos + k, hit, f) {
                        return true;
                    }
                }
                false
            }
        }
    }
}

/// Buffers reused from one sentence to the next.
#[derive(Debug, Default)]
pub struct RuleScratch {
    /// Per required word group (see `RuleSet::rule_groups`): whether the sentence satisfies it.
    satisfied: Vec<bool>,
    /// Per rule: whether every word it requires is present.
    active: Vec<bool>,
    /// The active rules of `RuleSet::slot_first`.
    slot_first: Vec<u32>,
    /// Failed states of the current match attempt.
    memo: std::cell::RefCell<FailMemo>,
}

impl RuleScratch {
    /// Marks the rules whose required words all occur in the sentence.
    fn prepare(&mut self, rs: &RuleSet, s: &Sentence) {
        let groups = rs.rule_groups.last().map_or(0, |r| r.end as usize);
        self.satisfied.clear();
        self.satisfied.resize(groups, false);
        for t in s.toks {
            if t.word != NO_WORD {
                for &g in &rs.satisfies[t.word as usize] {
                    self.satisfied[g as usize] = true;
                }
            }
        }
        let satisfied = &self.satisfied;
        self.active.clear();
        self.active.extend(rs.rule_groups.iter().map(|r| {
            satisfied[r.start as usize..r.end as usize]
                .iter()
                .all(|&x| x)
        }));
        let active = &self.active;
        self.slot_first.clear();
        self.slot_first.extend(
            rs.slot_first
                .iter()
                .copied()
                .filter(|&ri| active[ri as usize]),
        );
    }
}

/// Runs every rule of `rs` over the sentence and appends the relations found to `out`.
/// A rule is tried only if the sentence holds every word it requires (see
/// `RuleSet::rule_groups`), and then only at positions where its first element can match.
pub fn run<'a>(
    rs: &'a RuleSet,
    g: &Gazetteer,
    s: &Sentence,
    scratch: &mut RuleScratch,
    out: &mut Vec<Found<'a>>,
) {
    scratch.prepare(rs, s);
    scratch
        .memo
        .get_mut()
        .reset(s.toks.len(), rs.max_pattern_len());
    let active = &scratch.active;
    let slot_first = &scratch.slot_first;
    let m = Matcher {
        rs,
        s,
        memo: &scratch.memo,
    };
    let empty = Hit {
        binds: [(0, 0); 4],
        title: None,
        trig: (u16::MAX, 0),
        start: 0,
    };
    for &ri in &rs.start_first {
        if !active[ri as usize] {
            continue;
        }
        let rule = &rs.rules[ri as usize];
        m.memo.borrow_mut().next_attempt();
        m.go(&rule.pattern.elems, 0, 0, empty, &mut |hit, end| {
            emit(rs, g, s, ri, hit, end, out);
            true
        });
    }
    for pos in 0..s.toks.len() {
        let try_rule = |ri: u32, out: &mut Vec<Found<'a>>| {
            if !active[ri as usize] {
                return;
            }
            let rule = &rs.rules[ri as usize];
            let mut h = empty;
            h.start = pos as u16;
            m.memo.borrow_mut().next_attempt();
            m.go(&rule.pattern.elems, 0, pos, h, &mut |hit, end| {
                emit(rs, g, s, ri, hit, end, out);
                true
            });
        };
        if s.word(pos).is_some() {
            let id = s.toks[pos].word;
            if id != NO_WORD {
                for &ri in &rs.word_first_ids[id as usize] {
                    try_rule(ri, out);
                }
            }
            for &ri in &rs.prefix_first {
                try_rule(ri, out);
            }
            // A title (or its modifier) can begin here.
            if id != NO_WORD && rs.title_start[id as usize] {
                for &ri in slot_first {
                    if matches!(rs.rules[ri as usize].pattern.elems[0], Elem::Title { .. }) {
                        try_rule(ri, out);
                    }
                }
            }
        } else {
            let Some(mention) = s.mention(pos) else {
                continue;
            };
            let after_preposition =
                pos > 0 && s.word(pos - 1).is_some_and(|w| PREPOSITIONS.contains(&w));
            for &ri in slot_first {
                let rule = &rs.rules[ri as usize];
                let Elem::Slot {
                    slot, types, kind, ..
                } = rule.pattern.elems[0]
                else {
                    continue;
                };
                // The first slot's test, before setting up the walk.
                if !mention_fits(mention, types, kind) {
                    continue;
                }
                let agent_first = slot == rule.source;
                let event = matches!(rule.relation, RuleRelation::Fixed(r) if r.is_event());
                if after_preposition && agent_first && event && !rule.after_preposition {
                    continue;
                }
                try_rule(ri, out);
            }
        }
    }
}

/// Whether the word at `pos` continues a title begun before it: it follows a modifier
/// (`former`, `deputy`, `ex -`) or lies inside a longer title phrase that starts earlier.
fn continues_title(rs: &RuleSet, s: &Sentence, pos: usize) -> bool {
    let modifier_at = |i: usize| s.word(i).and_then(modifier).is_some();
    if pos > 0 && modifier_at(pos - 1) {
        return true;
    }
    if pos > 1 && s.word(pos - 1) == Some("-") && modifier_at(pos - 2) {
        return true;
    }
    (1..=pos.min(4)).any(|k| {
        let p = pos - k;
        let id = match s.word(p) {
            Some(_) => s.toks[p].word,
            None => return false,
        };
        id != NO_WORD
            && rs.titles_starting_with_id(id).iter().any(|phrase| {
                phrase.words.len() > k
                    && phrase
                        .words
                        .iter()
                        .enumerate()
                        .all(|(j, w)| s.word(p + j) == Some(w.as_str()))
            })
    })
}

fn span_of(s: &Sentence, lo: usize, hi: usize) -> (usize, usize) {
    let a = s.toks[lo].fs as usize;
    let b = s.toks[hi - 1].fe as usize;
    s.folded.orig_span(a, b, s.original)
}

fn emit<'a>(
    rs: &'a RuleSet,
    g: &Gazetteer,
    s: &Sentence,
    ri: u32,
    hit: Hit<'a>,
    end: usize,
    out: &mut Vec<Found<'a>>,
) {
    let rule = &rs.rules[ri as usize];
    let start = hit.start as usize;
    let words = (start..end).filter_map(|i| s.word(i));
    let mut confidence = rule.confidence;
    for w in words {
        if NEGATIONS.contains(&w) {
            return;
        }
        if HEDGES.contains(&w) {
            confidence *= 0.5;
        }
    }
    let (tlo, thi) = if hit.trig.0 < hit.trig.1 {
        (hit.trig.0 as usize, hit.trig.1 as usize)
    } else {
        (start, end)
    };
    let trigger = span_of(s, tlo, thi);
    let members = |slot: usize| {
        let (a, b) = hit.binds[slot];
        (a as usize..b as usize).filter_map(|i| s.mention(i))
    };
    let mut push = |src: &Mention, tgt: &Mention| {
        if src.entity == tgt.entity {
            return;
        }
        let (relation, role) = match rule.relation {
            RuleRelation::Fixed(r) => (r, None),
            RuleRelation::FromTitle => {
                let th = hit.title.expect("title rules bind a title");
                let title = &rs.titles[th.phrase.title as usize];
                let role = title.role.as_deref().unwrap_or(&th.phrase.phrase);
                let Some(rel) = title.relation_for(tgt.etype) else {
                    return;
                };
                match th.modifier {
                    Modifier::Former => return,
                    Modifier::Deputy => {
                        let (a, b) =
                            span_of(s, th.modifier_word.0 as usize, th.modifier_word.1 as usize);
                        let word = s.original[a..b].to_lowercase();
                        (
                            RelationType::OfficialOf,
                            Some(Cow::Owned(format!("{word} {role}"))),
                        )
                    }
                    Modifier::Acting | Modifier::None => (rel, Some(Cow::Borrowed(role))),
                }
            }
        };
        if !relation.allows(src.etype, tgt.etype) {
            return;
        }
        if matches!(
            relation,
            RelationType::HeadOfState | RelationType::HeadOfGovernment | RelationType::MinisterOf
        ) && tgt.etype == EntityType::State
            && let (Some(p), Some(st)) = (src.entity.gaz(), tgt.entity.gaz())
            && g.belongs_elsewhere(p, st)
        {
            return;
        }
        let found = Found {
            features: Vec::new(),
            source: src.entity,
            relation,
            target: tgt.entity,
            origin: Origin::Text,
            role,
            sentence: s.span,
            trigger,
            rule: RuleRef::Text(ri),
            confidence,
        };
        // A person who leads an organization or holds an office in it is one of its members.
        let member = (matches!(relation, RelationType::LeaderOf | RelationType::OfficialOf)
            && src.etype == EntityType::Person
            && tgt.etype == EntityType::Organization)
            .then(|| Found {
                features: Vec::new(),
                relation: RelationType::MemberOf,
                role: None,
                confidence: confidence * 0.9,
                ..found.clone()
            });
        out.push(found);
        out.extend(member);
    };
    if rule.pairwise {
        let (lo, hi) = hit.binds[rule.source];
        for i in lo as usize..hi as usize {
            for j in i + 1..hi as usize {
                if let (Some(a), Some(b)) = (s.mention(i), s.mention(j)) {
                    push(a, b);
                }
            }
        }
    } else {
        for a in members(rule.source) {
            for b in members(rule.target) {
                push(a, b);
            }
        }
    }
}

/// Every word list of this module (for tests that put odd text next to every cue word).
#[doc(hidden)]
pub fn cue_word_lists() -> Vec<&'static [&'static str]> {
    vec![NEGATIONS, PREPOSITIONS, HEDGES]
}

//! Relation rules and role titles, loaded from TOML files (docs/rules.md). The default rules
//! are `data/rules/*.toml`, embedded at build time; `--rules PATH` adds user files.

pub mod engine;
pub mod examples;
pub mod pattern;

use crate::text::normalize::fold_str;
use crate::text::tokens::tokens;
use crate::text::wordtable::WordTable;
use crate::types::{EntityType, RelationType, TypeSet};
use pattern::{Elem, Pattern};
use rustc_hash::FxHashMap as HashMap;
use serde::Deserialize;
use std::path::Path;
use toml::Spanned;

/// A rule file could not be read or is invalid.
#[derive(Debug, thiserror::Error)]
pub enum RuleError {
    #[error("{path}: {source}")]
    Io {
        path: String,
        #[source]
        source: std::io::Error,
    },
    #[error("{path}:{line}: {message}")]
    Invalid {
        path: String,
        line: usize,
        message: String,
    },
}

/// What relation a rule yields.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RuleRelation {
    Fixed(RelationType),
    /// Taken from the matched title and the type of the organization or state (`"@title"`).
    FromTitle,
}

/// One example sentence of a rule with the edges it must (or must not) yield.
#[derive(Debug, Clone)]
pub struct Example {
    pub text: String,
    /// `"Source Name relation Target Name"`; empty = the rule must yield nothing.
    pub expect: Vec<String>,
    /// Document date for the example, if it matters.
    pub date: Option<String>,
}

/// A compiled relation rule.
#[derive(Debug, Clone)]
pub struct Rule {
    pub id: String,
    pub relation: RuleRelation,
    pub pattern: Pattern,
    pub source: usize,
    pub target: usize,
    /// Edges between every pair of the members of one (coordinated) slot.
    pub pairwise: bool,
    /// The leading agent slot of an event rule may follow a preposition (`the case of X,
    /// convicted of killing Y`): for patterns whose own words make the agent's role plain.
    pub after_preposition: bool,
    /// The rule's edges stand even when a relation model decides their type and does not
    /// find them (docs/models.md).
    pub decisive: bool,
    pub confidence: f32,
    pub examples: Vec<Example>,
    pub path: String,
    pub line: usize,
}

/// A role title: the relation it implies per object type, and an optional role name that
/// overrides the matched phrase (by default the role is the phrase itself: "prime minister").
#[derive(Debug, Clone)]
pub struct Title {
    pub role: Option<String>,
    pub state: Option<RelationType>,
    pub organization: Option<RelationType>,
}

impl Title {
    pub fn relation_for(&self, t: EntityType) -> Option<RelationType> {
        match t {
            EntityType::State => self.state,
            EntityType::Organization => self.organization,
            _ => None,
        }
    }
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawFile {
    #[serde(default)]
    rule: Vec<Spanned<RawRule>>,
    #[serde(default)]
    title: Vec<Spanned<RawTitle>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawRule {
    id: String,
    relation: String,
    pattern: String,
    source: Option<String>,
    target: Option<String>,
    #[serde(default)]
    pairwise: bool,
    #[serde(default)]
    after_preposition: bool,
    #[serde(default)]
    decisive: bool,
    confidence: f32,
    #[serde(default)]
    examples: Vec<RawExample>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawExample {
    text: String,
    expect: Vec<String>,
    date: Option<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawTitle {
    phrases: Vec<String>,
    role: Option<String>,
    state: Option<String>,
    organization: Option<String>,
}

/// All rules and titles, indexed for matching.
#[derive(Debug, Clone, Default)]
pub struct RuleSet {
    pub rules: Vec<Rule>,
    pub titles: Vec<Title>,
    /// First folded word of each title phrase -> phrases starting with it, longest first.
    title_index: HashMap<String, Vec<TitlePhrase>>,
    /// Rules whose pattern starts with a slot or a title.
    pub(crate) slot_first: Vec<u32>,
    /// Rules whose pattern starts with a word: exact first words -> rules.
    pub(crate) word_first: HashMap<String, Vec<u32>>,
    /// Every exact word of every pattern, and every word that can begin a title -> its
    /// vocabulary id (sentence tokens carry the id).
    vocab: HashMap<String, u32>,
    /// `vocab` as a [`WordTable`] for lookups of text words.
    vocab_table: WordTable<u32>,
    title_lists: Vec<Vec<TitlePhrase>>,
    /// Vocabulary id -> rules whose first element is that word.
    pub(crate) word_first_ids: Vec<Vec<u32>>,
    /// Vocabulary id -> whether the word can begin a title (a title's first word or a
    /// modifier such as `former`).
    pub(crate) title_start: Vec<bool>,
    /// Vocabulary id -> index into `title_lists` (`u32::MAX`: no title starts with the word).
    title_list_of: Vec<u32>,
    /// Rules whose first word element has a prefix alternative.
    pub(crate) prefix_first: Vec<u32>,
    /// Rules anchored at the sentence start (`^`).
    pub(crate) start_first: Vec<u32>,
    /// Required word groups: each word element a rule cannot match without is one group, the
    /// set of its vocabulary ids (a sentence holding none of a group's words cannot match the
    /// rule, which is then not tried there at all). Optional elements and elements with prefix
    /// alternatives make no group. Per rule: the range of its groups (numbered across rules).
    pub(crate) rule_groups: Vec<std::ops::Range<u32>>,
    /// Vocabulary id -> the required groups it satisfies.
    pub(crate) satisfies: Vec<Vec<u32>>,
    /// The most elements of any pattern (sizes the matcher's memo).
    max_elems: usize,
}

/// One phrase of a title, tokenized.
#[derive(Debug, Clone)]
pub struct TitlePhrase {
    pub words: Vec<String>,
    /// The folded phrase (the default role name).
    pub phrase: String,
    pub title: u32,
}

fn line_of(text: &str, offset: usize) -> usize {
    text[..offset.min(text.len())]
        .bytes()
        .filter(|&b| b == b'\n')
        .count()
        + 1
}

fn check_slot_types(
    rule: &str,
    p: &Pattern,
    slot: usize,
    allowed: TypeSet,
    what: &str,
) -> Result<(), String> {
    let types = p.elems.iter().find_map(|e| match e {
        Elem::Slot { slot: s, types, .. } if *s == slot => Some(*types),
        _ => None,
    });
    match types {
        Some(t) if t.intersect(allowed).is_empty() => Err(format!(
            "rule {rule}: {what} slot {{{}:{t}}} can never be a {allowed}",
            p.slots[slot]
        )),
        Some(_) => Ok(()),
        None => Err(format!(
            "rule {rule}: {what} slot {:?} is a title",
            p.slots[slot]
        )),
    }
}

impl RuleSet {
    /// The default rules embedded in the binary.
    pub fn embedded() -> Result<RuleSet, RuleError> {
        let mut rs = RuleSet::default();
        for (path, text) in crate::embedded::RULE_FILES {
            rs.add_str(path, text)?;
        }
        rs.finish()?;
        Ok(rs)
    }

    /// Reads one rule file from disk (call [`RuleSet::finish`] after the last file).
    pub fn add_file(&mut self, path: &Path) -> Result<(), RuleError> {
        let text = std::fs::read_to_string(path).map_err(|source| RuleError::Io {
            path: path.display().to_string(),
            source,
        })?;
        self.add_str(&path.display().to_string(), &text)
    }

    /// Parses one rule file's text.
    pub fn add_str(&mut self, path: &str, text: &str) -> Result<(), RuleError> {
        let err = |offset: usize, message: String| RuleError::Invalid {
            path: path.to_string(),
            line: line_of(text, offset),
            message,
        };
        let raw: RawFile = toml::from_str(text).map_err(|e| {
            let offset = e.span().map_or(0, |s| s.start);
            err(offset, e.message().to_string())
        })?;
        for t in raw.title {
            let offset = t.span().start;
            let t = t.into_inner();
            let rel = |v: &Option<String>| -> Result<Option<RelationType>, RuleError> {
                v.as_deref()
                    .map(|s| {
                        s.parse()
                            .map_err(|e: crate::types::ParseKindError| err(offset, e.to_string()))
                    })
                    .transpose()
            };
            if t.phrases.is_empty() {
                return Err(err(offset, "title without phrases".into()));
            }
            let title = Title {
                role: t.role.clone(),
                state: rel(&t.state)?,
                organization: rel(&t.organization)?,
            };
            for (r, want) in [
                (title.state, EntityType::State),
                (title.organization, EntityType::Organization),
            ] {
                if let Some(r) = r
                    && !r.allows(EntityType::Person, want)
                {
                    return Err(err(
                        offset,
                        format!("title relation {r} cannot link a person to a {want}"),
                    ));
                }
            }
            let idx = self.titles.len() as u32;
            self.titles.push(title);
            for phrase in &t.phrases {
                let folded = fold_str(phrase);
                let words: Vec<String> = tokens(&folded, 0, folded.len())
                    .map(|(s, e)| folded[s..e].to_string())
                    .collect();
                if words.is_empty() {
                    return Err(err(offset, format!("empty title phrase {phrase:?}")));
                }
                self.title_index
                    .entry(words[0].clone())
                    .or_default()
                    .push(TitlePhrase {
                        words,
                        phrase: folded,
                        title: idx,
                    });
            }
        }
        for r in raw.rule {
            let offset = r.span().start;
            let r = r.into_inner();
            if self.rules.iter().any(|x| x.id == r.id) {
                return Err(err(offset, format!("duplicate rule id {:?}", r.id)));
            }
            let pattern = pattern::compile(&r.pattern)
                .map_err(|m| err(offset, format!("rule {}: pattern: {m}", r.id)))?;
            let relation = if r.relation == "@title" {
                if pattern.title_slot.is_none() {
                    return Err(err(
                        offset,
                        format!(
                            "rule {}: relation \"@title\" needs a {{T:title}} slot",
                            r.id
                        ),
                    ));
                }
                RuleRelation::FromTitle
            } else {
                RuleRelation::Fixed(r.relation.parse().map_err(
                    |e: crate::types::ParseKindError| err(offset, format!("rule {}: {e}", r.id)),
                )?)
            };
            let entity_slots: Vec<usize> = (0..pattern.slots.len())
                .filter(|&s| Some(s) != pattern.title_slot)
                .collect();
            let slot = |name: &Option<String>,
                        default: Option<usize>,
                        what: &str|
             -> Result<usize, RuleError> {
                match name {
                    Some(n) => pattern.slot_index(n).ok_or_else(|| {
                        err(
                            offset,
                            format!("rule {}: {what} {n:?} is not a slot of the pattern", r.id),
                        )
                    }),
                    None => {
                        default.ok_or_else(|| err(offset, format!("rule {}: no {what} slot", r.id)))
                    }
                }
            };
            let (source, target) = if r.pairwise {
                let s = slot(&r.source, entity_slots.first().copied(), "source")?;
                (s, s)
            } else {
                (
                    slot(&r.source, entity_slots.first().copied(), "source")?,
                    slot(&r.target, entity_slots.get(1).copied(), "target")?,
                )
            };
            if !r.pairwise && source == target {
                return Err(err(
                    offset,
                    format!("rule {}: source and target are the same slot", r.id),
                ));
            }
            if !(0.0..=1.0).contains(&r.confidence) {
                return Err(err(
                    offset,
                    format!("rule {}: confidence must be within 0..1", r.id),
                ));
            }
            match relation {
                RuleRelation::Fixed(rel) => {
                    let (st, tt) = rel.signature();
                    check_slot_types(&r.id, &pattern, source, st, "source")
                        .map_err(|m| err(offset, m))?;
                    check_slot_types(&r.id, &pattern, target, tt, "target")
                        .map_err(|m| err(offset, m))?;
                }
                RuleRelation::FromTitle => {
                    check_slot_types(
                        &r.id,
                        &pattern,
                        source,
                        TypeSet::of(EntityType::Person),
                        "source",
                    )
                    .map_err(|m| err(offset, m))?;
                }
            }
            if r.examples.is_empty() {
                return Err(err(
                    offset,
                    format!("rule {}: needs at least one example", r.id),
                ));
            }
            self.rules.push(Rule {
                id: r.id,
                relation,
                pattern,
                source,
                target,
                pairwise: r.pairwise,
                after_preposition: r.after_preposition,
                decisive: r.decisive,
                confidence: r.confidence,
                examples: r
                    .examples
                    .into_iter()
                    .map(|e| Example {
                        text: e.text,
                        expect: e.expect,
                        date: e.date,
                    })
                    .collect(),
                path: path.to_string(),
                line: line_of(text, offset),
            });
        }
        Ok(())
    }

    /// The most elements of any pattern.
    pub fn max_pattern_len(&self) -> usize {
        self.max_elems
    }

    /// Builds the matching indexes; call once after the last file.
    pub fn finish(&mut self) -> Result<(), RuleError> {
        self.max_elems = self
            .rules
            .iter()
            .map(|r| r.pattern.elems.len())
            .max()
            .unwrap_or(0);
        for v in self.title_index.values_mut() {
            v.sort_by(|a, b| {
                b.words
                    .len()
                    .cmp(&a.words.len())
                    .then(a.title.cmp(&b.title))
            });
        }
        // Intern the exact words so that matching compares integers, not strings.
        self.vocab.clear();
        for r in &mut self.rules {
            for e in &mut r.pattern.elems {
                if let Elem::Words { alts, ids, .. } = e {
                    ids.clear();
                    for a in alts.iter() {
                        if let pattern::WordAlt::Exact(w) = a {
                            let next = self.vocab.len() as u32;
                            ids.push(*self.vocab.entry(w.clone()).or_insert(next));
                        }
                    }
                    ids.sort_unstable();
                    ids.dedup();
                }
            }
        }
        self.slot_first.clear();
        self.word_first.clear();
        self.prefix_first.clear();
        self.start_first.clear();
        for (i, r) in self.rules.iter().enumerate() {
            let i = i as u32;
            match &r.pattern.elems[0] {
                Elem::Slot { .. } | Elem::Title { .. } => self.slot_first.push(i),
                Elem::Words { alts, .. } => {
                    for a in alts {
                        match a {
                            pattern::WordAlt::Exact(w) => {
                                self.word_first.entry(w.clone()).or_default().push(i)
                            }
                            pattern::WordAlt::Prefix(_) => {
                                if !self.prefix_first.contains(&i) {
                                    self.prefix_first.push(i);
                                }
                            }
                        }
                    }
                }
                Elem::Start => self.start_first.push(i),
                Elem::Gap { .. } => unreachable!("patterns never start with a gap"),
            }
        }
        let mut firsts: Vec<&String> = self.title_index.keys().collect();
        firsts.sort();
        // Words that can begin a title (its first word or a modifier such as `former`) are in
        // the vocabulary too, so a sentence token says so without another lookup.
        let starts: Vec<u32> = firsts
            .iter()
            .map(|w| w.as_str())
            .chain(engine::modifier_words())
            .map(|w| {
                let next = self.vocab.len() as u32;
                *self.vocab.entry(w.to_string()).or_insert(next)
            })
            .collect();
        self.title_start = vec![false; self.vocab.len()];
        for &id in &starts {
            self.title_start[id as usize] = true;
        }
        // `starts` begins with the title first words, in the order of `title_lists`.
        self.title_list_of = vec![u32::MAX; self.vocab.len()];
        for (i, &id) in starts[..firsts.len()].iter().enumerate() {
            self.title_list_of[id as usize] = i as u32;
        }
        self.title_lists = firsts
            .iter()
            .map(|w| self.title_index[*w].clone())
            .collect();
        self.vocab_table = WordTable::new(self.vocab.iter().map(|(w, &id)| (w.as_bytes(), id)));
        self.satisfies = vec![Vec::new(); self.vocab.len()];
        self.rule_groups.clear();
        let mut group = 0u32;
        for r in &self.rules {
            let first = group;
            for e in &r.pattern.elems {
                if let Elem::Words {
                    optional: false,
                    has_prefix: false,
                    ids,
                    ..
                } = e
                {
                    for &id in ids {
                        self.satisfies[id as usize].push(group);
                    }
                    group += 1;
                }
            }
            self.rule_groups.push(first..group);
        }
        self.word_first_ids = vec![Vec::new(); self.vocab.len()];
        for (w, rules) in &self.word_first {
            self.word_first_ids[self.vocab[w] as usize].clone_from(rules);
        }
        if self.rules.iter().any(|r| r.pattern.title_slot.is_some()) && self.titles.is_empty() {
            let r = self
                .rules
                .iter()
                .find(|r| r.pattern.title_slot.is_some())
                .unwrap();
            return Err(RuleError::Invalid {
                path: r.path.clone(),
                line: r.line,
                message: format!("rule {} uses a title slot but no titles are loaded", r.id),
            });
        }
        Ok(())
    }

    /// Number of distinct exact words in the patterns and words that begin titles (vocabulary
    /// ids are below it).
    pub fn vocab_len(&self) -> usize {
        self.vocab.len()
    }

    /// The vocabulary id of a folded word, if any pattern uses it.
    #[inline]
    pub fn word_id(&self, word: &str) -> Option<u32> {
        self.vocab_table.lookup(word)
    }

    /// Title phrases starting with the word of vocabulary id `id` (a sentence token's
    /// `word`), longest first.
    #[inline]
    pub(crate) fn titles_starting_with_id(&self, id: u32) -> &[TitlePhrase] {
        match self.title_list_of.get(id as usize) {
            Some(&i) if i != u32::MAX => &self.title_lists[i as usize],
            _ => &[],
        }
    }

    /// Title phrases starting with folded word `first`, longest first.
    pub fn titles_starting_with(&self, first: &str) -> &[TitlePhrase] {
        self.word_id(first)
            .map_or(&[], |id| self.titles_starting_with_id(id))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn load(text: &str) -> Result<RuleSet, RuleError> {
        let mut rs = RuleSet::default();
        rs.add_str("r.toml", text)?;
        rs.finish()?;
        Ok(rs)
    }

    #[test]
    fn errors_name_the_file_and_line() {
        let ok_example = "examples = [{ text = \"x\", expect = [] }]";
        let cases = [
            (format!("\n[[rule]]\nid = \"a\"\nrelation = \"met_with\"\npattern = \"{{A:person}} met {{B:person\"\nconfidence = 0.5\n{ok_example}\n"), "r.toml:2: rule a: pattern"),
            (format!("\n[[rule]]\nid = \"a\"\nrelation = \"boss_of\"\npattern = \"{{A:person}} met {{B:person}}\"\nconfidence = 0.5\n{ok_example}\n"), "unknown relation type"),
            (format!("\n[[rule]]\nid = \"a\"\nrelation = \"head_of_state\"\npattern = \"{{A:state}} leads {{B:state}}\"\nconfidence = 0.5\n{ok_example}\n"), "can never be a person"),
            ("\n[[rule]]\nid = \"a\"\nrelation = \"met_with\"\npattern = \"{A:person} met {B:person}\"\nconfidence = 0.5\n".to_string(), "needs at least one example"),
            ("\n\n[[rule]]\nid = 3\n".to_string(), "r.toml:4: invalid type"),
        ];
        for (text, want) in cases {
            let e = load(&text).unwrap_err().to_string();
            assert!(e.contains(want), "want {want:?} in {e:?}");
            assert!(e.starts_with("r.toml:"), "{e}");
        }
    }

    #[test]
    fn embedded_rules_load() {
        let rs = RuleSet::embedded().unwrap();
        assert!(!rs.rules.is_empty() && !rs.titles.is_empty());
    }
}

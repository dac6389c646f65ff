//! The rule pattern language (docs/rules.md).
//!
//! A pattern is a sequence of whitespace-separated elements matched against a sentence's tokens,
//! where each gazetteer mention is a single token:
//!
//! | element | matches |
//! |---|---|
//! | `{X:person\|state}` | one mention of an allowed type, or a coordinated list (`A, B and C`) |
//! | `{X:state@demonym}` | the same, restricted to mention kinds (`@demonym\|alias`: either) |
//! | `{T:title}` | a role title from the titles table (`foreign minister`, `supreme leader`) |
//! | `word` | that word (lower case; typographic quotes and dashes are folded) |
//! | `a\|b\|c` | any of the words |
//! | `deploy*` | any word starting with `deploy` |
//! | `*` | any one word (not punctuation, not a mention) |
//! | `[a\|b]` | optionally one of the words |
//! | `...N` | up to N tokens (default 4) that are not mentions |
//! | `~N` | up to N tokens (default 6), mentions included |
//! | `^` | the start of the sentence (only as the first element) |

use crate::types::{MentionKind, TypeSet};

/// A set of mention kinds (a slot's `@demonym|alias`), as a bit set.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct KindSet(u8);

impl KindSet {
    fn bit(k: MentionKind) -> u8 {
        1 << k.preference()
    }

    pub fn contains(self, k: MentionKind) -> bool {
        self.0 & Self::bit(k) != 0
    }
}

impl std::str::FromStr for KindSet {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, String> {
        let mut set = 0;
        for k in s.split('|') {
            set |= Self::bit(k.parse::<MentionKind>().map_err(|e| e.to_string())?);
        }
        Ok(KindSet(set))
    }
}

/// One alternative of a word element.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum WordAlt {
    Exact(String),
    Prefix(String),
}

impl WordAlt {
    pub fn matches(&self, tok: &str) -> bool {
        match self {
            WordAlt::Exact(w) => w == tok,
            // A bare `*` (empty prefix) is any word, not punctuation.
            WordAlt::Prefix(p) if p.is_empty() => tok.starts_with(char::is_alphanumeric),
            WordAlt::Prefix(p) => tok.len() > p.len() && tok.starts_with(p.as_str()),
        }
    }
}

/// A compiled pattern element.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Elem {
    Slot {
        slot: usize,
        types: TypeSet,
        kind: Option<KindSet>,
        /// `{X:type!}`: one mention, never a coordinated list.
        single: bool,
    },
    Title {
        slot: usize,
    },
    Words {
        alts: Vec<WordAlt>,
        optional: bool,
        /// Vocabulary ids of the exact alternatives, sorted (filled by `RuleSet::finish`).
        ids: Vec<u32>,
        /// Whether any alternative is a prefix.
        has_prefix: bool,
    },
    Gap {
        max: usize,
        cross_mentions: bool,
        /// A cross-mention gap right after the leading slot (and optional words): it holds no
        /// mention that could fill that slot, so the slot binds the nearest candidate.
        nearest: bool,
    },
    /// Sentence start.
    Start,
}

/// A compiled pattern: elements plus slot names (by index).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Pattern {
    pub elems: Vec<Elem>,
    pub slots: Vec<String>,
    /// Slot index of the title slot, if any.
    pub title_slot: Option<usize>,
}

impl Pattern {
    pub fn slot_index(&self, name: &str) -> Option<usize> {
        self.slots.iter().position(|s| s == name)
    }
}

fn parse_words(spec: &str) -> Result<Vec<WordAlt>, String> {
    spec.split('|')
        .map(|w| {
            let w = crate::text::normalize::fold_str(w);
            if w.is_empty() {
                return Err(format!("empty word alternative in {spec:?}"));
            }
            if w.contains(' ') {
                return Err(format!(
                    "{w:?} contains a space: write one word per element"
                ));
            }
            Ok(match w.strip_suffix('*') {
                Some(p) if !p.is_empty() => WordAlt::Prefix(p.to_string()),
                Some(_) if spec == "*" => WordAlt::Prefix(String::new()),
                Some(_) => return Err(format!("bare '*' among alternatives in {spec:?}")),
                None => WordAlt::Exact(w),
            })
        })
        .collect()
}

fn words(alts: Vec<WordAlt>, optional: bool) -> Elem {
    let has_prefix = alts.iter().any(|a| matches!(a, WordAlt::Prefix(_)));
    Elem::Words {
        alts,
        optional,
        ids: Vec::new(),
        has_prefix,
    }
}

/// Compiles a pattern string.
pub fn compile(src: &str) -> Result<Pattern, String> {
    let mut p = Pattern {
        elems: Vec::new(),
        slots: Vec::new(),
        title_slot: None,
    };
    for part in src.split_whitespace() {
        let elem = if part == "^" {
            if !p.elems.is_empty() {
                return Err("'^' must be the first element".into());
            }
            Elem::Start
        } else if let Some(inner) = part.strip_prefix('{').and_then(|s| s.strip_suffix('}')) {
            let (name, spec) = inner
                .split_once(':')
                .ok_or_else(|| format!("slot {part:?} needs a name and types: {{X:person}}"))?;
            if name.is_empty() || !name.chars().all(|c| c.is_ascii_alphanumeric()) {
                return Err(format!("bad slot name {name:?}"));
            }
            if p.slots.iter().any(|s| s == name) {
                return Err(format!("slot {name:?} appears twice"));
            }
            p.slots.push(name.to_string());
            let slot = p.slots.len() - 1;
            if spec == "title" {
                if p.title_slot.is_some() {
                    return Err("only one title slot per pattern".into());
                }
                p.title_slot = Some(slot);
                Elem::Title { slot }
            } else {
                let (spec, single) = match spec.strip_suffix('!') {
                    Some(s) => (s, true),
                    None => (spec, false),
                };
                let (types, kind) = match spec.split_once('@') {
                    Some((t, k)) => (t, Some(k.parse::<KindSet>()?)),
                    None => (spec, None),
                };
                let types: TypeSet = types
                    .parse()
                    .map_err(|e: crate::types::ParseKindError| e.to_string())?;
                Elem::Slot {
                    slot,
                    types,
                    kind,
                    single,
                }
            }
        } else if let Some(inner) = part.strip_prefix('[').and_then(|s| s.strip_suffix(']')) {
            words(parse_words(inner)?, true)
        } else if let Some(n) = part.strip_prefix("...") {
            Elem::Gap {
                max: if n.is_empty() { 4 } else { gap_width(part, n)? },
                cross_mentions: false,
                nearest: false,
            }
        } else if let Some(n) = part.strip_prefix('~') {
            Elem::Gap {
                max: if n.is_empty() { 6 } else { gap_width(part, n)? },
                cross_mentions: true,
                nearest: false,
            }
        } else if part.starts_with('{') || part.starts_with('[') {
            return Err(format!("unclosed element {part:?}"));
        } else {
            words(parse_words(part)?, false)
        };
        p.elems.push(elem);
    }
    let anchored = matches!(p.elems.first(), Some(Elem::Start));
    match p.elems.first() {
        None => return Err("empty pattern".into()),
        Some(Elem::Start) if p.elems.len() == 1 => return Err("'^' alone matches nothing".into()),
        _ if anchored => {}
        Some(Elem::Gap { .. }) | Some(Elem::Words { optional: true, .. }) => {
            return Err("a pattern must start with a slot, a title or a required word".into());
        }
        Some(Elem::Words { alts, .. })
            if alts
                .iter()
                .any(|a| matches!(a, WordAlt::Prefix(p) if p.is_empty())) =>
        {
            return Err("a pattern cannot start with '*'".into());
        }
        _ => {}
    }
    if matches!(p.elems.last(), Some(Elem::Gap { .. })) {
        return Err("a pattern cannot end with a gap".into());
    }
    if matches!(p.elems.first(), Some(Elem::Slot { .. })) {
        let k = 1 + p.elems[1..]
            .iter()
            .take_while(|e| matches!(e, Elem::Words { optional: true, .. }))
            .count();
        if let Some(Elem::Gap {
            cross_mentions: true,
            nearest,
            ..
        }) = p.elems.get_mut(k)
        {
            *nearest = true;
        }
    }
    if p.slots.len() > 4 {
        return Err("at most 4 slots per pattern".into());
    }
    if p.elems.len() > MAX_ELEMENTS {
        return Err(format!(
            "{} elements: at most {MAX_ELEMENTS} per pattern (docs/rules.md, \"Cost\")",
            p.elems.len()
        ));
    }
    Ok(p)
}

/// The widest gap a pattern may have (`...N`, `~N`): with [`MAX_ELEMENTS`], it bounds what one
/// rule can cost on one sentence (docs/rules.md, "Cost").
pub const MAX_GAP: usize = 32;

/// The most elements a pattern may have.
pub const MAX_ELEMENTS: usize = 32;

fn gap_width(part: &str, n: &str) -> Result<usize, String> {
    let w: usize = n.parse().map_err(|_| format!("bad gap {part:?}"))?;
    if w > MAX_GAP {
        return Err(format!("gap {part:?} is wider than {MAX_GAP} tokens"));
    }
    Ok(w)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::types::EntityType;

    #[test]
    fn compiles_elements() {
        let p =
            compile("{X:state|organization} deploy*|sent [the] ...3 troops ~8 to {Y:any}").unwrap();
        assert_eq!(p.slots, vec!["X", "Y"]);
        assert!(
            matches!(&p.elems[0], Elem::Slot { types, .. } if types.contains(EntityType::State))
        );
        assert!(
            matches!(&p.elems[1], Elem::Words { alts, optional: false, .. } if alts[0] == WordAlt::Prefix("deploy".into()))
        );
        assert!(matches!(&p.elems[2], Elem::Words { optional: true, .. }));
        assert_eq!(
            p.elems[3],
            Elem::Gap {
                max: 3,
                cross_mentions: false,
                nearest: false
            }
        );
        assert_eq!(
            p.elems[5],
            Elem::Gap {
                max: 8,
                cross_mentions: true,
                nearest: false
            }
        );
        let p = compile("{O:organization} * {T:title} {P:person}").unwrap();
        let Elem::Words { alts, .. } = &p.elems[1] else {
            panic!("not a word")
        };
        assert!(alts[0].matches("energy") && alts[0].matches("2024"));
        assert!(!alts[0].matches(",") && !alts[0].matches("'s"));
        let p = compile("{S:state@demonym} {T:title} {P:person}").unwrap();
        assert_eq!(p.title_slot, Some(1));
        let p = compile("{S:state@demonym|alias} {P:person}").unwrap();
        let Elem::Slot { kind: Some(k), .. } = p.elems[0] else {
            panic!("no kinds")
        };
        assert!(k.contains(MentionKind::Demonym) && k.contains(MentionKind::Alias));
        assert!(!k.contains(MentionKind::Metonym) && !k.contains(MentionKind::Name));
    }

    #[test]
    fn rejects_bad_patterns() {
        for bad in [
            "",
            "... {X:person}",
            "{X:person} ...",
            "{X:persn} met",
            "{X:person} {X:person}",
            "{X person}",
            "[met {X:person}",
            "{X:person} met|",
            "{X:state@nickname}",
            "{X:state@demonym|}",
            "{X:person} met|*",
            "* {X:person}",
        ] {
            assert!(compile(bad).is_err(), "{bad:?}");
        }
    }
}

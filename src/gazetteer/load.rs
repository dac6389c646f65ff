//! Parsing and validating gazetteer files (format: docs/gazetteer.md).

use super::lexicon::{GENERATIONS, is_common_word, is_stop_word};
use super::{CasePolicy, Date, Entity, EntityIdx, Gazetteer, Gender, Role, Surface};
use crate::text::normalize::fold_str;
use crate::types::{EntityType, MentionKind, RelationType};
use rustc_hash::FxHashMap as HashMap;
use serde::Deserialize;
use std::path::Path;

/// A gazetteer file could not be read or is invalid.
#[derive(Debug, thiserror::Error)]
pub enum GazetteerError {
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

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawEntity {
    id: String,
    #[serde(rename = "type")]
    etype: String,
    name: String,
    #[serde(default)]
    aliases: Vec<String>,
    #[serde(default)]
    exact: Vec<String>,
    qid: Option<String>,
    kind: Option<String>,
    state: Option<String>,
    parent: Option<String>,
    #[serde(default)]
    demonyms: Vec<String>,
    #[serde(default)]
    metonyms: Vec<String>,
    #[serde(default)]
    members: Vec<String>,
    #[serde(default)]
    roles: Vec<RawRole>,
    gender: Option<String>,
    source: Option<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawRole {
    relation: String,
    of: String,
    title: Option<String>,
    start: Option<String>,
    end: Option<String>,
    #[allow(dead_code)]
    source: Option<String>,
}

/// Where a line came from, for error messages.
#[derive(Clone)]
struct Origin {
    path: std::sync::Arc<str>,
    line: usize,
}

impl Origin {
    fn err(&self, message: impl Into<String>) -> GazetteerError {
        GazetteerError::Invalid {
            path: self.path.to_string(),
            line: self.line,
            message: message.into(),
        }
    }
}

/// A checked role whose `of` is not resolved yet: only what [`Role`] keeps (the raw role's
/// other strings are dropped as soon as the line is checked).
struct PendingRole {
    relation: RelationType,
    of: String,
    title: Option<String>,
    start: Option<Date>,
    end: Option<Date>,
}

struct Pending {
    origin: Origin,
    state: Option<String>,
    parent: Option<String>,
    members: Vec<String>,
    roles: Vec<PendingRole>,
}

/// Accumulates gazetteer files, then validates cross references in [`GazetteerBuilder::build`].
#[derive(Default)]
pub struct GazetteerBuilder {
    entities: Vec<Entity>,
    pending: Vec<Pending>,
    raw_surfaces: Vec<RawSurface>,
    by_id: HashMap<String, EntityIdx>,
}

const ORG_KINDS: &[&str] = &[
    "igo",
    "ministry",
    "military",
    "council",
    "parliament",
    "government",
    "agency",
    "party",
    "militant",
    "company",
    "media",
    "ngo",
    "court",
    "club",
    "other",
];
const LOC_KINDS: &[&str] = &["capital", "city", "region", "site", "area"];
const ROLE_RELATIONS: &[RelationType] = &[
    RelationType::HeadOfState,
    RelationType::HeadOfGovernment,
    RelationType::MinisterOf,
    RelationType::LeaderOf,
    RelationType::OfficialOf,
    RelationType::MemberOf,
];

fn valid_id(id: &str, etype: EntityType) -> bool {
    let Some((prefix, rest)) = id.split_once(':') else {
        return false;
    };
    prefix == etype.id_prefix()
        && !rest.is_empty()
        && rest
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'.' | b'_' | b':' | b'-'))
}

fn parse_date(
    origin: &Origin,
    field: &str,
    v: &Option<String>,
) -> Result<Option<Date>, GazetteerError> {
    v.as_deref()
        .map(|s| {
            s.parse::<Date>()
                .map_err(|e| origin.err(format!("{field}: {e}")))
        })
        .transpose()
}

/// Files with fewer entity lines than this are parsed on one thread.
const PARALLEL_MIN_LINES: usize = 2048;

/// One surface before the gazetteer is built.
struct RawSurface {
    entity: EntityIdx,
    text: String,
    folded: String,
    kind: MentionKind,
    listed_exact: bool,
}

/// One parsed and checked line, not yet given an index.
struct Prepared {
    entity: Entity,
    pending: Pending,
    surfaces: Vec<RawSurface>,
}

/// Parses and checks one line (`line` is 1-based); everything but duplicate ids.
fn parse_line(
    path: &std::sync::Arc<str>,
    line: usize,
    text: &str,
) -> Result<Prepared, GazetteerError> {
    let origin = Origin {
        path: path.clone(),
        line,
    };
    let raw: RawEntity = serde_json::from_str(text).map_err(|e| {
        let msg = e.to_string();
        let msg = msg
            .rsplit_once(" at line ")
            .map_or(msg.as_str(), |(m, _)| m)
            .to_string();
        origin.err(format!("column {}: {msg}", e.column()))
    })?;
    prepare(raw, origin)
}

fn prepare(raw: RawEntity, origin: Origin) -> Result<Prepared, GazetteerError> {
    let etype: EntityType = raw
        .etype
        .parse()
        .map_err(|e: crate::types::ParseKindError| origin.err(e.to_string()))?;
    if !valid_id(&raw.id, etype) {
        return Err(origin.err(format!(
            "invalid id {:?}: expected \"{}:\" followed by letters, digits or . _ : -",
            raw.id,
            etype.id_prefix()
        )));
    }
    if raw.name.trim().is_empty() {
        return Err(origin.err("empty name"));
    }
    if let Some(q) = &raw.qid
        && !(q.len() > 1 && q.starts_with('Q') && q[1..].bytes().all(|b| b.is_ascii_digit()))
    {
        return Err(origin.err(format!("invalid qid {q:?}: expected Q followed by digits")));
    }
    if let Some(k) = &raw.kind {
        let ok = match etype {
            EntityType::State => k == "state",
            EntityType::Organization => ORG_KINDS.contains(&k.as_str()),
            EntityType::Location => LOC_KINDS.contains(&k.as_str()),
            EntityType::Person => false,
        };
        if !ok {
            return Err(origin.err(format!("kind {k:?} is not valid for a {etype}")));
        }
    }
    let gender = match raw.gender.as_deref() {
        None => None,
        Some("male") => Some(Gender::Male),
        Some("female") => Some(Gender::Female),
        Some(g) => return Err(origin.err(format!("gender {g:?}: expected male or female"))),
    };
    if etype != EntityType::Person && !raw.roles.is_empty() {
        return Err(origin.err("only a person can have roles"));
    }
    if etype != EntityType::Organization && !raw.members.is_empty() {
        return Err(origin.err("only an organization can have members"));
    }
    let mut roles = Vec::with_capacity(raw.roles.len());
    for r in raw.roles {
        let rel: RelationType = r
            .relation
            .parse()
            .map_err(|e: crate::types::ParseKindError| origin.err(e.to_string()))?;
        if !ROLE_RELATIONS.contains(&rel) {
            return Err(origin.err(format!("{rel} is not a role relation")));
        }
        let start = parse_date(&origin, "start", &r.start)?;
        let end = parse_date(&origin, "end", &r.end)?;
        if let (Some(s), Some(e)) = (start, end)
            && s.first_day() > e.last_day()
        {
            return Err(origin.err(format!("role {rel} ends ({e}) before it starts ({s})")));
        }
        roles.push(PendingRole {
            relation: rel,
            of: r.of,
            title: r.title,
            start,
            end,
        });
    }
    // Surfaces: name, aliases, demonyms, metonyms.
    let mut surfaces =
        Vec::with_capacity(1 + raw.aliases.len() + raw.demonyms.len() + raw.metonyms.len());
    let mut push = |text: &str, kind: MentionKind| -> Result<(), GazetteerError> {
        let folded = fold_str(text);
        if folded.is_empty() {
            return Err(origin.err(format!("empty {kind} surface")));
        }
        if is_stop_word(&folded) {
            return Err(origin.err(format!("{kind} {text:?} is a stop word")));
        }
        let first_ok = folded.chars().next().is_some_and(char::is_alphanumeric);
        if !first_ok {
            return Err(origin.err(format!("{kind} {text:?} must start with a letter or digit")));
        }
        surfaces.push(RawSurface {
            entity: 0,
            text: text.to_string(),
            folded,
            kind,
            listed_exact: raw.exact.iter().any(|x| x == text),
        });
        Ok(())
    };
    push(&raw.name, MentionKind::Name)?;
    for a in &raw.aliases {
        push(a, MentionKind::Alias)?;
    }
    for d in &raw.demonyms {
        push(d, MentionKind::Demonym)?;
    }
    for m in &raw.metonyms {
        push(m, MentionKind::Metonym)?;
    }
    for x in &raw.exact {
        let listed = *x == raw.name
            || raw.aliases.contains(x)
            || raw.demonyms.contains(x)
            || raw.metonyms.contains(x);
        if !listed {
            return Err(origin.err(format!(
                "exact surface {x:?} is not the name, an alias, a demonym or a metonym"
            )));
        }
    }
    Ok(Prepared {
        entity: Entity {
            id: raw.id,
            etype,
            name: raw.name,
            qid: raw.qid,
            kind: raw.kind,
            state: None,
            parent: None,
            members: Vec::new(),
            member_of: Vec::new(),
            roles: Vec::new(),
            gender,
            aliases: raw.aliases,
            source: raw.source,
        },
        pending: Pending {
            origin,
            state: raw.state,
            parent: raw.parent,
            members: raw.members,
            roles,
        },
        surfaces,
    })
}

impl GazetteerBuilder {
    pub fn new() -> Self {
        Self::default()
    }

    /// Adds the default gazetteer embedded in the binary, each file decompressed when it is
    /// reached, with room made for all its entities at once.
    pub fn add_embedded(&mut self) -> Result<(), GazetteerError> {
        self.reserve(crate::embedded::GAZETTEER_LINES);
        for (path, text) in crate::embedded::gazetteer_files() {
            self.add_str(path, &text)?;
        }
        Ok(())
    }

    /// Makes room for `entities` more entities at once: growing the tables file by file copies
    /// them and touches fresh memory, which is most of what start-up costs
    /// (docs/performance.md).
    fn reserve(&mut self, entities: usize) {
        self.entities.reserve(entities);
        self.pending.reserve(entities);
        self.raw_surfaces.reserve(entities * 2);
    }

    /// Reads one gazetteer file from disk.
    pub fn add_file(&mut self, path: &Path) -> Result<(), GazetteerError> {
        let text = std::fs::read_to_string(path).map_err(|source| GazetteerError::Io {
            path: path.display().to_string(),
            source,
        })?;
        self.add_str(&path.display().to_string(), &text)
    }

    /// Parses the text of one gazetteer file; `path` names it in errors.
    ///
    /// Lines are parsed and checked in parallel chunks for large files, then added in order,
    /// so the first error in file order is the one reported, whatever the number of threads.
    pub fn add_str(&mut self, path: &str, text: &str) -> Result<(), GazetteerError> {
        let path: std::sync::Arc<str> = path.into();
        let lines: Vec<(usize, &str)> = text
            .lines()
            .enumerate()
            .map(|(n, line)| (n + 1, line.trim()))
            .filter(|(_, l)| !l.is_empty() && !l.starts_with('#'))
            .collect();
        self.reserve(lines.len());
        let threads = std::thread::available_parallelism().map_or(1, |n| n.get().min(4));
        if threads == 1 || lines.len() < PARALLEL_MIN_LINES {
            for &(line, text) in &lines {
                let p = parse_line(&path, line, text)?;
                self.commit(p)?;
            }
            return Ok(());
        }
        let chunk = lines.len().div_ceil(threads);
        let parsed: Vec<Vec<Result<Prepared, GazetteerError>>> = std::thread::scope(|scope| {
            let handles: Vec<_> = lines
                .chunks(chunk)
                .map(|part| {
                    let path = &path;
                    scope.spawn(move || {
                        let mut out = Vec::with_capacity(part.len());
                        for &(line, text) in part {
                            let r = parse_line(path, line, text);
                            let failed = r.is_err();
                            out.push(r);
                            if failed {
                                break;
                            }
                        }
                        out
                    })
                })
                .collect();
            handles
                .into_iter()
                .map(|h| h.join().expect("gazetteer parser thread"))
                .collect()
        });
        for p in parsed.into_iter().flatten() {
            self.commit(p?)?;
        }
        Ok(())
    }

    /// Adds one parsed entity; fails on a duplicate id.
    fn commit(&mut self, p: Prepared) -> Result<(), GazetteerError> {
        if self.by_id.contains_key(&p.entity.id) {
            return Err(p
                .pending
                .origin
                .err(format!("duplicate id {:?}", p.entity.id)));
        }
        let idx = self.entities.len() as EntityIdx;
        self.raw_surfaces.extend(
            p.surfaces
                .into_iter()
                .map(|s| RawSurface { entity: idx, ..s }),
        );
        self.by_id.insert(p.entity.id.clone(), idx);
        self.entities.push(p.entity);
        self.pending.push(p.pending);
        Ok(())
    }

    /// Resolves references and builds the gazetteer.
    pub fn build(self) -> Result<Gazetteer, GazetteerError> {
        let GazetteerBuilder {
            mut entities,
            pending,
            raw_surfaces,
            by_id,
        } = self;
        let lookup = |origin: &Origin, field: &str, id: &str, allowed: &[EntityType]| {
            let idx = *by_id
                .get(id)
                .ok_or_else(|| origin.err(format!("{field}: unknown entity id {id:?}")))?;
            let t = entities[idx as usize].etype;
            if !allowed.contains(&t) {
                return Err(origin.err(format!("{field}: {id:?} is a {t}, expected {allowed:?}")));
            }
            Ok(idx)
        };
        let mut resolved = Vec::with_capacity(pending.len());
        for p in pending {
            let state = p
                .state
                .as_deref()
                .map(|s| lookup(&p.origin, "state", s, &[EntityType::State]))
                .transpose()?;
            let parent = p
                .parent
                .as_deref()
                .map(|s| lookup(&p.origin, "parent", s, &[EntityType::Organization]))
                .transpose()?;
            let members = p
                .members
                .iter()
                .map(|m| {
                    lookup(
                        &p.origin,
                        "members",
                        m,
                        &[EntityType::State, EntityType::Organization],
                    )
                })
                .collect::<Result<Vec<_>, _>>()?;
            let mut roles = Vec::with_capacity(p.roles.len());
            for r in p.roles {
                let allowed: &[EntityType] = match r.relation {
                    RelationType::HeadOfState
                    | RelationType::HeadOfGovernment
                    | RelationType::MinisterOf => &[EntityType::State],
                    RelationType::MemberOf => &[EntityType::Organization],
                    _ => &[EntityType::State, EntityType::Organization],
                };
                roles.push(Role {
                    relation: r.relation,
                    of: lookup(&p.origin, "roles.of", &r.of, allowed)?,
                    title: r.title,
                    start: r.start,
                    end: r.end,
                });
            }
            resolved.push((state, parent, members, roles));
        }
        for (i, (state, parent, members, roles)) in resolved.into_iter().enumerate() {
            for &m in &members {
                entities[m as usize].member_of.push(i as EntityIdx);
            }
            let e = &mut entities[i];
            e.state = state;
            e.parent = parent;
            e.members = members;
            e.roles = roles;
        }
        let surfaces = raw_surfaces
            .into_iter()
            .map(
                |RawSurface {
                     entity,
                     text,
                     folded,
                     kind,
                     listed_exact,
                 }| {
                    let letters = text.chars().filter(|c| c.is_alphanumeric()).count();
                    let all_caps = !text.chars().any(char::is_lowercase);
                    let exact = listed_exact || letters <= 3 || all_caps || is_common_word(&folded);
                    Surface {
                        text,
                        folded,
                        entity,
                        kind,
                        case: if exact {
                            CasePolicy::Exact
                        } else {
                            CasePolicy::Cased
                        },
                    }
                },
            )
            .collect();
        let mut holders: HashMap<EntityIdx, Vec<(EntityIdx, u32)>> = HashMap::default();
        for (p, e) in entities.iter().enumerate() {
            for (ri, r) in e.roles.iter().enumerate() {
                holders
                    .entry(r.of)
                    .or_default()
                    .push((p as EntityIdx, ri as u32));
            }
        }
        let surnames = surnames(&entities);
        Ok(Gazetteer {
            entities,
            by_id,
            surfaces,
            holders,
            surnames,
        })
    }
}

/// The folded surnames of the people in `entities` (see [`Gazetteer::is_surname`]): capitalised
/// last words of three or more letters.
fn surnames(entities: &[Entity]) -> rustc_hash::FxHashSet<Box<str>> {
    let mut out = rustc_hash::FxHashSet::default();
    for e in entities.iter().filter(|e| e.etype == EntityType::Person) {
        for name in std::iter::once(&e.name).chain(&e.aliases) {
            // `Mary, Queen of Scots` has no surname.
            if name.split(' ').any(|w| matches!(w, "of" | "the")) {
                continue;
            }
            let mut words = name.split([' ', ',']).filter(|w| {
                let w = w.trim_end_matches('.');
                !w.is_empty() && !GENERATIONS.iter().any(|g| w.eq_ignore_ascii_case(g))
            });
            let (Some(_), Some(last)) = (words.next(), words.next_back()) else {
                continue;
            };
            if last.chars().next().is_some_and(char::is_uppercase)
                && last.chars().filter(|c| c.is_alphabetic()).count() >= 3
                && last
                    .chars()
                    .all(|c| c.is_alphabetic() || c == '-' || c == '\'')
            {
                out.insert(fold_str(last).into_boxed_str());
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn load(text: &str) -> Result<Gazetteer, GazetteerError> {
        let mut b = GazetteerBuilder::new();
        b.add_str("g.jsonl", text)?;
        b.build()
    }

    #[test]
    fn errors_name_the_file_and_line() {
        let cases: &[(&str, &str)] = &[
            ("{\"id\":\"state:X\"", "g.jsonl:2: column"),
            (
                "{\"id\":\"state:X\",\"type\":\"country\",\"name\":\"X\"}",
                "unknown entity type \"country\"",
            ),
            (
                "{\"id\":\"person:X\",\"type\":\"state\",\"name\":\"X\"}",
                "invalid id",
            ),
            (
                "{\"id\":\"state:X\",\"type\":\"state\",\"name\":\"X\",\"colour\":1}",
                "unknown field `colour`",
            ),
            (
                "{\"id\":\"state:X\",\"type\":\"state\",\"name\":\"X\",\"aliases\":[\"The\"]}",
                "is a stop word",
            ),
            (
                "{\"id\":\"loc:X\",\"type\":\"location\",\"name\":\"X\",\"state\":\"state:NOPE\"}",
                "unknown entity id \"state:NOPE\"",
            ),
            (
                "{\"id\":\"state:X\",\"type\":\"state\",\"name\":\"X\",\"qid\":\"42\"}",
                "invalid qid",
            ),
            (
                "{\"id\":\"person:x\",\"type\":\"person\",\"name\":\"X\",\"roles\":[{\"relation\":\"head_of_state\",\"of\":\"state:A\",\"start\":\"2019-13\"}]}",
                "start: invalid date",
            ),
            (
                "{\"id\":\"state:A\",\"type\":\"state\",\"name\":\"A dup\"}",
                "duplicate id",
            ),
            (
                "{\"id\":\"person:y\",\"type\":\"person\",\"name\":\"Y\",\"roles\":[{\"relation\":\"met_with\",\"of\":\"state:A\"}]}",
                "not a role relation",
            ),
        ];
        for (line, want) in cases {
            let text =
                format!("{{\"id\":\"state:A\",\"type\":\"state\",\"name\":\"Aland\"}}\n{line}\n");
            let err = load(&text).unwrap_err().to_string();
            assert!(err.starts_with("g.jsonl:2: "), "{err}");
            assert!(err.contains(want), "{line}: {err}");
        }
    }

    #[test]
    fn builds_references_roles_and_case_policy() {
        let g = load(concat!(
            "# comment\n",
            "{\"id\":\"state:TD\",\"type\":\"state\",\"name\":\"Chad\",\"demonyms\":[\"Chadian\"]}\n",
            "{\"id\":\"org:au\",\"type\":\"organization\",\"kind\":\"igo\",\"name\":\"African Union\",\"aliases\":[\"AU\"],\"members\":[\"state:TD\"]}\n",
            "{\"id\":\"person:p\",\"type\":\"person\",\"name\":\"Mahamat Deby\",\"state\":\"state:TD\",\"roles\":[{\"relation\":\"head_of_state\",\"of\":\"state:TD\",\"start\":\"2021\"}]}\n",
        ))
        .unwrap();
        let td = g.by_id("state:TD").unwrap();
        assert_eq!(g.entity(td).member_of, vec![g.by_id("org:au").unwrap()]);
        let p = g.by_id("person:p").unwrap();
        assert!(g.role_of(p, RelationType::HeadOfState, td, None).is_some());
        let case = |t: &str| g.surfaces().iter().find(|s| s.text == t).unwrap().case;
        assert_eq!(case("Chad"), CasePolicy::Exact);
        assert_eq!(case("AU"), CasePolicy::Exact);
        assert_eq!(case("Chadian"), CasePolicy::Cased);
        assert_eq!(case("African Union"), CasePolicy::Cased);
    }

    #[test]
    fn embedded_default_loads() {
        let g = Gazetteer::embedded().unwrap();
        assert!(g.by_id("state:KP").is_some());
    }
}

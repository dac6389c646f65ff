//! The generator's in-memory entity model, the merge store and the JSON Lines writer.
//!
//! Entities are merged by Wikidata QID, then by (type, normalised surface, state). Scalar fields
//! are first-set-wins, so sources are fed in priority order (curated first, then the newest dated
//! source). List fields are unions that keep the first-seen order.

use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, BTreeSet, HashMap};

use crate::text::norm_key;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum EType {
    Person,
    State,
    Organization,
    Location,
}

impl EType {
    pub fn prefix(self) -> &'static str {
        match self {
            EType::Person => "person",
            EType::State => "state",
            EType::Organization => "org",
            EType::Location => "loc",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Role {
    pub relation: String,
    pub of: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub start: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub end: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<String>,
}

/// One entity, in the on-disk field order of docs/gazetteer.md.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Entity {
    pub id: String,
    #[serde(rename = "type")]
    pub etype: EType,
    pub name: String,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub aliases: Vec<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub exact: Vec<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub qid: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub kind: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub state: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub parent: Option<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub demonyms: Vec<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub metonyms: Vec<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub members: Vec<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub roles: Vec<Role>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub gender: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<String>,
    /// Not written: true for entities read from data/curated (their surfaces are kept as given).
    #[serde(skip)]
    pub curated: bool,
    /// Not written: a sort weight (population of a place) used to choose among homonyms.
    #[serde(skip)]
    pub weight: u64,
    /// Not written: surfaces given by a curated file (kept as written by the alias filters).
    #[serde(skip)]
    pub locked: Vec<String>,
    /// Not written: (latitude, longitude) of a place, for linking it to Wikidata.
    #[serde(skip)]
    pub coord: Option<(f64, f64)>,
    /// Not written: more names of a place (GeoNames' Latin alternate names, first-level region
    /// code), used only to find its Wikidata link, never as aliases.
    #[serde(skip)]
    pub link_names: Vec<String>,
    #[serde(skip)]
    pub admin1: Option<String>,
}

impl Entity {
    pub fn new(etype: EType, name: &str, source: &str) -> Entity {
        Entity {
            id: String::new(),
            etype,
            name: name.to_string(),
            aliases: Vec::new(),
            exact: Vec::new(),
            qid: None,
            kind: None,
            state: None,
            parent: None,
            demonyms: Vec::new(),
            metonyms: Vec::new(),
            members: Vec::new(),
            roles: Vec::new(),
            gender: None,
            source: Some(source.to_string()),
            curated: false,
            weight: 0,
            locked: Vec::new(),
            coord: None,
            link_names: Vec::new(),
            admin1: None,
        }
    }

    pub fn kind(mut self, k: &str) -> Entity {
        self.kind = Some(k.to_string());
        self
    }

    pub fn state(mut self, s: Option<String>) -> Entity {
        self.state = s;
        self
    }

    pub fn alias(&mut self, a: &str) {
        push_unique(&mut self.aliases, a);
    }

    /// Every surface the entity is matched by.
    pub fn surfaces(&self) -> impl Iterator<Item = &String> {
        std::iter::once(&self.name)
            .chain(self.aliases.iter())
            .chain(self.demonyms.iter())
            .chain(self.metonyms.iter())
    }

    pub fn add_source(&mut self, src: &str) {
        match &mut self.source {
            None => self.source = Some(src.to_string()),
            Some(s) => {
                if !s.split('+').any(|p| p == src) {
                    s.push('+');
                    s.push_str(src);
                }
            }
        }
    }

    pub fn add_role(&mut self, r: Role) {
        if self.roles.iter().any(|x| {
            x.relation == r.relation && x.of == r.of && x.start == r.start && x.end == r.end
        }) {
            return;
        }
        self.roles.push(r);
    }
}

pub fn push_unique(v: &mut Vec<String>, s: &str) {
    let s = s.trim();
    if !s.is_empty() && !v.iter().any(|x| x == s) {
        v.push(s.to_string());
    }
}

/// Two sources giving one entity different values of a field: the value kept (the entity's,
/// from the sources merged first: curated records, then states, places, organizations and
/// people in the generator's order) and the one dropped. Reported, never resolved silently.
#[derive(Debug, Clone, PartialEq)]
pub struct Conflict {
    /// The entity's id when the conflict was found.
    pub id: String,
    pub field: &'static str,
    pub kept: String,
    pub kept_from: String,
    pub other: String,
    pub other_from: String,
}

/// The merge store.
#[derive(Default)]
pub struct Store {
    pub ents: Vec<Entity>,
    by_id: HashMap<String, usize>,
    by_qid: HashMap<String, usize>,
    by_key: HashMap<(EType, String, Option<String>), Vec<usize>>,
    pub warnings: BTreeMap<String, usize>,
    pub conflicts: Vec<Conflict>,
}

impl Store {
    pub fn warn(&mut self, what: &str) {
        *self.warnings.entry(what.to_string()).or_default() += 1;
    }

    pub fn get(&self, id: &str) -> Option<&Entity> {
        self.by_id.get(id).map(|&i| &self.ents[i])
    }

    pub fn get_mut(&mut self, id: &str) -> Option<&mut Entity> {
        match self.by_id.get(id) {
            Some(&i) => Some(&mut self.ents[i]),
            None => None,
        }
    }

    pub fn contains(&self, id: &str) -> bool {
        self.by_id.contains_key(id)
    }

    pub fn idx(&self, id: &str) -> Option<usize> {
        self.by_id.get(id).copied()
    }

    /// The id of an existing entity with this QID.
    pub fn by_qid(&self, qid: &str) -> Option<&str> {
        self.by_qid.get(qid).map(|&i| self.ents[i].id.as_str())
    }

    /// Ids of entities of this type whose name or alias normalises to `surface`, in `state`.
    pub fn lookup(&self, etype: EType, surface: &str, state: Option<&str>) -> Vec<&str> {
        let key = (etype, norm_key(surface), state.map(str::to_string));
        self.by_key
            .get(&key)
            .map(|v| v.iter().map(|&i| self.ents[i].id.as_str()).collect())
            .unwrap_or_default()
    }

    fn index_surfaces(&mut self, i: usize) {
        let e = &self.ents[i];
        let mut keys = Vec::new();
        for (n, s) in std::iter::once(&e.name).chain(e.aliases.iter()).enumerate() {
            // persons are matched by full names (one-word aliases are surnames; a one-word
            // name such as "Naruhito" is a full name)
            if e.etype == EType::Person && n > 0 && !s.contains(' ') {
                continue;
            }
            let k = norm_key(s);
            if k.is_empty() {
                continue;
            }
            keys.push((e.etype, k, e.state.clone()));
        }
        if let Some(q) = &e.qid {
            self.by_qid.entry(q.clone()).or_insert(i);
        }
        for k in keys {
            let v = self.by_key.entry(k).or_default();
            if !v.contains(&i) {
                v.push(i);
            }
        }
    }

    /// Insert with a fixed id (curated entities). Returns false on a duplicate id.
    pub fn insert_fixed(&mut self, e: Entity) -> bool {
        if self.by_id.contains_key(&e.id) {
            return false;
        }
        let i = self.ents.len();
        self.by_id.insert(e.id.clone(), i);
        self.ents.push(e);
        self.index_surfaces(i);
        true
    }

    /// Find the entity a candidate should merge into.
    pub fn find_match(&self, c: &Entity) -> Option<usize> {
        if let Some(q) = &c.qid
            && let Some(&i) = self.by_qid.get(q)
            && self.ents[i].etype == c.etype
        {
            return Some(i);
        }
        for (n, s) in std::iter::once(&c.name).chain(c.aliases.iter()).enumerate() {
            if c.etype == EType::Person && n > 0 && !s.contains(' ') {
                continue;
            }
            let key = (c.etype, norm_key(s), c.state.clone());
            if let Some(v) = self.by_key.get(&key) {
                for &i in v {
                    // never merge two entities that both have (different) QIDs
                    match (&self.ents[i].qid, &c.qid) {
                        (Some(a), Some(b)) if a != b => continue,
                        _ => return Some(i),
                    }
                }
            }
        }
        None
    }

    /// Merge `c` into a matching entity, or insert it under a fresh id built from `slug`.
    /// Returns the id.
    pub fn upsert(&mut self, c: Entity, slug: &str) -> String {
        if let Some(i) = self.find_match(&c) {
            self.merge_into(i, c);
            self.index_surfaces(i);
            return self.ents[i].id.clone();
        }
        self.insert_new(c, slug)
    }

    /// Insert without looking for a match.
    pub fn insert_new(&mut self, mut c: Entity, slug: &str) -> String {
        c.id = self.alloc_id(c.etype.prefix(), slug);
        let id = c.id.clone();
        self.insert_fixed(c);
        id
    }

    pub fn alloc_id(&self, prefix: &str, slug: &str) -> String {
        let slug = if slug.is_empty() { "x" } else { slug };
        let base = format!("{prefix}:{slug}");
        if !self.by_id.contains_key(&base) {
            return base;
        }
        for n in 2.. {
            let id = format!("{base}-{n}");
            if !self.by_id.contains_key(&id) {
                return id;
            }
        }
        unreachable!()
    }

    pub fn merge_into(&mut self, i: usize, c: Entity) {
        let e = &mut self.ents[i];
        let from = |x: &Entity| x.source.clone().unwrap_or_default();
        for (field, kept, other) in [
            ("qid", &e.qid, &c.qid),
            ("kind", &e.kind, &c.kind),
            ("state", &e.state, &c.state),
            ("parent", &e.parent, &c.parent),
            ("gender", &e.gender, &c.gender),
        ] {
            if let (Some(k), Some(o)) = (kept, other)
                && k != o
            {
                self.conflicts.push(Conflict {
                    id: e.id.clone(),
                    field,
                    kept: k.clone(),
                    kept_from: from(e),
                    other: o.clone(),
                    other_from: from(&c),
                });
            }
        }
        if c.name != e.name {
            e.alias(&c.name);
        }
        for a in &c.aliases {
            if *a != e.name {
                e.alias(a);
            }
        }
        for x in c.exact {
            push_unique(&mut e.exact, &x);
        }
        for x in c.demonyms {
            push_unique(&mut e.demonyms, &x);
        }
        for x in c.metonyms {
            push_unique(&mut e.metonyms, &x);
        }
        for x in c.members {
            push_unique(&mut e.members, &x);
        }
        if e.qid.is_none() {
            e.qid = c.qid;
        }
        if e.kind.is_none() {
            e.kind = c.kind;
        }
        if e.state.is_none() {
            e.state = c.state;
        }
        if e.coord.is_none() {
            e.coord = c.coord;
            e.admin1 = c.admin1;
            e.link_names = c.link_names;
        }
        if e.parent.is_none() {
            e.parent = c.parent;
        }
        if e.gender.is_none() {
            e.gender = c.gender;
        }
        e.weight = e.weight.max(c.weight);
        for x in c.locked {
            push_unique(&mut e.locked, &x);
        }
        for r in c.roles {
            e.add_role(r);
        }
        if let Some(s) = c.source {
            for part in s.split('+') {
                e.add_source(part);
            }
        }
    }

    /// Remove entities for which `keep` is false (rebuilds the indexes).
    pub fn retain(&mut self, keep: impl Fn(&Entity) -> bool) {
        let ents = std::mem::take(&mut self.ents);
        self.by_id.clear();
        self.by_qid.clear();
        self.by_key.clear();
        for e in ents {
            if keep(&e) {
                self.insert_fixed(e);
            }
        }
    }

    /// Rebuild the indexes after entities were edited in place.
    pub fn reindex(&mut self) {
        self.retain(|_| true);
    }

    pub fn ids_of_type(&self, t: EType) -> BTreeSet<String> {
        self.ents
            .iter()
            .filter(|e| e.etype == t)
            .map(|e| e.id.clone())
            .collect()
    }
}

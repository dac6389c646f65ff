//! States (UN members, observers, de-facto states) and dependent territories.
//!
//! Sources: countries-mledoze (names, official names, altSpellings, capitals, demonyms),
//! countryinfo (altSpellings, demonym), countrynames (English-vocabulary variants only),
//! everypolitician (Wikidata QIDs of states), igo-membership Countrycodes.csv (sovereign of a
//! territory).

use serde_json::Value;
use std::collections::{BTreeMap, HashMap, HashSet};

use crate::Ctx;
use crate::model::{EType, Entity, push_unique};
use crate::text::{collapse_ws, demonym_plural, fold, is_latin, norm_key};

/// Observers and de-facto states taken from mledoze besides the UN members.
pub const EXTRA_STATES: &[&str] = &["VA", "PS", "TW", "XK", "EH"];

/// Upper-case short forms that are safe (unambiguous) aliases of a state.
pub const SAFE_CODES: &[(&str, &str)] = &[
    ("US", "US"),
    ("US", "USA"),
    ("US", "U.S."),
    ("US", "U.S.A."),
    ("GB", "UK"),
    ("GB", "U.K."),
    ("KP", "DPRK"),
    ("KR", "ROK"),
    ("AE", "UAE"),
    ("CN", "PRC"),
    ("CD", "DRC"),
    ("SA", "KSA"),
    ("TW", "ROC"),
    ("BA", "BiH"),
    ("EH", "SADR"),
];

/// Words of an English country name besides the names themselves (for filtering variants).
const NAME_WORDS: &[&str] = &[
    "republic",
    "of",
    "the",
    "and",
    "democratic",
    "people's",
    "peoples",
    "kingdom",
    "state",
    "states",
    "federal",
    "federation",
    "islamic",
    "united",
    "islands",
    "island",
    "commonwealth",
    "union",
    "socialist",
    "arab",
    "principality",
    "grand",
    "duchy",
    "sultanate",
    "emirate",
    "emirates",
    "co-operative",
    "cooperative",
    "plurinational",
    "bolivarian",
    "independent",
    "territory",
    "north",
    "south",
    "east",
    "west",
    "dpr",
    "pdr",
    "rep",
    "dem",
    "fed",
    "sar",
    "special",
    "administrative",
    "region",
    "federated",
    "hashemite",
    "oriental",
    "serene",
    "most",
];

pub struct StateInfo {
    pub iso2: String,
    pub iso3: String,
    pub capitals: Vec<String>,
}

fn s(v: &Value, path: &[&str]) -> Option<String> {
    let mut cur = v;
    for p in path {
        cur = cur.get(p)?;
    }
    cur.as_str().map(str::to_string)
}

fn strs(v: &Value, key: &str) -> Vec<String> {
    v.get(key)
        .and_then(Value::as_array)
        .map(|a| {
            a.iter()
                .filter_map(|x| x.as_str().map(str::to_string))
                .collect()
        })
        .unwrap_or_default()
}

/// Accept an alternative spelling as an alias: Latin script, no inverted "X, Republic of",
/// no codes (unless safe), not a common word.
fn good_alt(ctx: &Ctx, iso2: &str, a: &str) -> Option<String> {
    let a = collapse_ws(a);
    if a.is_empty() || !is_latin(&a) || a.contains(',') || a.contains('(') {
        return None;
    }
    let letters = a.chars().filter(|c| c.is_alphabetic()).count();
    let upper = a.chars().filter(|c| c.is_uppercase()).count();
    if letters <= 4 && upper == letters {
        // a code: keep only the safe ones
        return SAFE_CODES
            .iter()
            .any(|(c, s)| *c == iso2 && *s == a)
            .then_some(a);
    }
    if letters < 4 || ctx.lex.is_common(&a) || a.chars().next().is_some_and(char::is_lowercase) {
        return None;
    }
    Some(a)
}

fn demonym_forms(raw: &str) -> Vec<String> {
    let mut out = Vec::new();
    for part in raw.split(',').flat_map(|p| p.split(" or ")) {
        let p = part.trim();
        if p.is_empty() || !is_latin(p) {
            continue;
        }
        push_unique(&mut out, p);
        if let Some(pl) = demonym_plural(p) {
            push_unique(&mut out, &pl);
        }
    }
    out
}

pub fn load(ctx: &mut Ctx) {
    let mledoze: Value = match ctx.read_json("countries-mledoze/countries.json") {
        Some(v) => v,
        None => return,
    };
    let sov = sovereigns(ctx);
    let list = mledoze.as_array().cloned().unwrap_or_default();
    for c in &list {
        let (Some(iso2), Some(common)) = (s(c, &["cca2"]), s(c, &["name", "common"])) else {
            ctx.store.warn("mledoze: row without cca2 or common name");
            continue;
        };
        let iso3 = s(c, &["cca3"]).unwrap_or_default();
        let official = s(c, &["name", "official"]).unwrap_or_default();
        let un = c.get("unMember").and_then(Value::as_bool).unwrap_or(false);
        let capitals: Vec<String> = strs(c, "capital")
            .into_iter()
            .map(|x| x.trim_end_matches(" D.C.").to_string())
            .collect();
        if !iso3.is_empty() {
            ctx.iso3.insert(iso3.clone(), iso2.clone());
        }
        if let Some(ioc) = s(c, &["cioc"])
            && !ioc.is_empty()
        {
            ctx.ioc.insert(ioc, iso2.clone());
        }
        if un || EXTRA_STATES.contains(&iso2.as_str()) {
            let mut e = Entity::new(EType::State, &common, "countries-mledoze").kind("state");
            if !official.is_empty() {
                e.alias(&official);
            }
            for a in strs(c, "altSpellings") {
                if let Some(a) = good_alt(ctx, &iso2, &a) {
                    e.alias(&a);
                }
            }
            for key in ["m", "f"] {
                if let Some(d) = s(c, &["demonyms", "eng", key]) {
                    for f in demonym_forms(&d) {
                        push_unique(&mut e.demonyms, &f);
                    }
                }
            }
            for cap in &capitals {
                if norm_key(cap) != norm_key(&common) && !ctx.lex.is_common(cap) {
                    push_unique(&mut e.metonyms, cap);
                }
            }
            let id = format!("state:{iso2}");
            ctx.upsert_with_id(e, &id);
            ctx.states.insert(
                iso2.clone(),
                StateInfo {
                    iso2: iso2.clone(),
                    iso3: iso3.clone(),
                    capitals: capitals.clone(),
                },
            );
        } else {
            // a dependent territory: a location in its sovereign state
            let Some(sovereign) = sov.get(&iso2).cloned() else {
                ctx.store
                    .warn("mledoze: territory without a sovereign (Antarctica) skipped");
                continue;
            };
            let sovereign = Some(sovereign);
            let mut e = Entity::new(EType::Location, &common, "countries-mledoze").kind("region");
            e.state = sovereign.map(|s| format!("state:{s}"));
            if !official.is_empty() && official != common {
                e.alias(&official);
            }
            for a in strs(c, "altSpellings") {
                if let Some(a) = good_alt(ctx, &iso2, &a) {
                    e.alias(&a);
                }
            }
            e.weight = 1_000_000;
            ctx.territories.insert(iso2.clone(), e.state.clone());
            let slug = format!("{}-{}", iso2.to_lowercase(), crate::text::slug(&common));
            ctx.store.upsert(e, &slug);
        }
    }
    countryinfo(ctx);
    countrynames(ctx);
    qids(ctx);
}

/// ISO2 of a territory -> ISO2 of its sovereign (igo-membership Countrycodes.csv).
fn sovereigns(ctx: &mut Ctx) -> HashMap<String, String> {
    let mut out = HashMap::new();
    let mut iso3to2 = HashMap::new();
    let rows = ctx.read_csv("igo-membership/Countrycodes.csv");
    for r in &rows {
        if let (Some(a2), Some(a3)) = (r.get("ISO_3166_2"), r.get("ISO_3166_3")) {
            iso3to2.insert(a3.clone(), a2.clone());
        }
    }
    for r in &rows {
        if let (Some(a2), Some(sov3)) = (r.get("ISO_3166_2"), r.get("ISO_3166_3.sov"))
            && let Some(s2) = iso3to2.get(sov3)
            && !a2.is_empty()
            && !sov3.is_empty()
            && !s2.is_empty()
        {
            out.insert(a2.clone(), s2.clone());
        }
    }
    out
}

fn countryinfo(ctx: &mut Ctx) {
    let dir = ctx.src.join("countryinfo/data");
    let mut files: Vec<_> = match std::fs::read_dir(&dir) {
        Ok(rd) => rd.filter_map(|e| e.ok().map(|e| e.path())).collect(),
        Err(_) => {
            ctx.store.warn("countryinfo: data folder missing");
            return;
        }
    };
    files.sort();
    for f in files {
        let Some(v) = std::fs::read_to_string(&f)
            .ok()
            .and_then(|t| serde_json::from_str::<Value>(&t).ok())
        else {
            ctx.store.warn("countryinfo: unreadable file");
            continue;
        };
        let Some(iso2) = s(&v, &["ISO", "alpha2"]) else {
            ctx.store.warn("countryinfo: file without ISO alpha2");
            continue;
        };
        let id = format!("state:{iso2}");
        let mut alts = Vec::new();
        for a in strs(&v, "altSpellings") {
            if let Some(a) = good_alt(ctx, &iso2, &a) {
                alts.push(a);
            }
        }
        let dem = s(&v, &["demonym"])
            .map(|d| demonym_forms(&d))
            .unwrap_or_default();
        let provinces = strs(&v, "provinces");
        ctx.provinces.insert(iso2.clone(), provinces);
        if let Some(e) = ctx.store.get_mut(&id) {
            for a in alts {
                if a != e.name {
                    e.alias(&a);
                }
            }
            for d in dem {
                push_unique(&mut e.demonyms, &d);
            }
            e.add_source("countryinfo");
        }
    }
}

fn countrynames(ctx: &mut Ctx) {
    let path = ctx.src.join("countrynames/data.yaml");
    let Ok(text) = std::fs::read_to_string(&path) else {
        ctx.store.warn("countrynames: data.yaml missing");
        return;
    };
    let data: BTreeMap<String, Vec<serde_yaml_ng::Value>> = match serde_yaml_ng::from_str(&text) {
        Ok(d) => d,
        Err(_) => {
            ctx.store.warn("countrynames: data.yaml unreadable");
            return;
        }
    };
    for (code, names) in data {
        let id = format!("state:{code}");
        let Some(st) = ctx.store.get(&id) else {
            continue;
        };
        // the words of this state's own names (not its capital, not its demonyms)
        let mut vocab: HashSet<String> = NAME_WORDS.iter().map(|w| w.to_string()).collect();
        for s in std::iter::once(&st.name).chain(st.aliases.iter()) {
            for w in norm_key(s).split(' ') {
                vocab.insert(w.to_string());
            }
        }
        let mut add = Vec::new();
        for n in names {
            let Some(n) = n.as_str() else { continue };
            let n = collapse_ws(n);
            if n.len() < 4
                || !n.is_ascii()
                || n.contains(',')
                || n.contains('(')
                || n.contains(" -")
            {
                continue;
            }
            // sub-national units filed under the country: the State of Mexico, Indonesia's Papua
            if n.starts_with("State of ") || n == "Papua" {
                continue;
            }
            // skip ALL-CAPS and lower-case variants: they are data-entry forms, not prose
            if n.chars()
                .filter(|c| c.is_alphabetic())
                .all(char::is_uppercase)
                || n.chars().next().is_some_and(char::is_lowercase)
            {
                continue;
            }
            let key = norm_key(&n);
            if key.split(' ').all(|w| vocab.contains(w)) && !ctx.lex.is_common(&n) {
                add.push(n);
            }
        }
        if let Some(e) = ctx.store.get_mut(&id) {
            let dem: HashSet<String> = e.demonyms.iter().map(|d| norm_key(d)).collect();
            let mut used = false;
            for a in add {
                if dem.contains(&norm_key(&a)) || a == e.name {
                    continue;
                }
                let before = e.aliases.len();
                e.alias(&a);
                used |= e.aliases.len() > before;
            }
            if used {
                e.add_source("countrynames");
            }
        }
    }
}

/// Wikidata QIDs of states from the everypolitician files (country column + label).
fn qids(ctx: &mut Ctx) {
    let mut pairs: Vec<(String, String)> = Vec::new();
    for r in ctx.read_csv("everypolitician-2023/foreign_ministers_wikidata.csv") {
        if let (Some(q), Some(l)) = (r.get("country"), r.get("countryLabel")) {
            pairs.push((q.clone(), l.clone()));
        }
    }
    for r in ctx.read_csv("everypolitician-2023/enwiki-current-cabinets.csv") {
        if let (Some(q), Some(l)) = (r.get("country"), r.get("countryLabel")) {
            pairs.push((q.clone(), l.clone()));
        }
        if let (Some(q), Some(l)) = (r.get("jurisdiction"), r.get("jurisdictionLabel")) {
            pairs.push((q.clone(), l.clone()));
        }
    }
    let mut by_surface: HashMap<String, Vec<String>> = HashMap::new();
    for e in ctx.store.ents.iter().filter(|e| e.etype == EType::State) {
        for s in std::iter::once(&e.name).chain(e.aliases.iter()) {
            let k = norm_key(s);
            let k = k.strip_prefix("the ").unwrap_or(&k).to_string();
            let v = by_surface.entry(k).or_default();
            if !v.contains(&e.id) {
                v.push(e.id.clone());
            }
        }
    }
    for (q, label) in pairs {
        if !q.starts_with('Q') || label.is_empty() {
            continue;
        }
        let k = norm_key(&fold(&label));
        let k = k.strip_prefix("the ").unwrap_or(&k).to_string();
        let Some(ids) = by_surface.get(&k) else {
            continue;
        };
        if ids.len() != 1 {
            continue;
        }
        if let Some(e) = ctx.store.get_mut(&ids[0])
            && e.qid.is_none()
        {
            e.qid = Some(q.clone());
            e.add_source("everypolitician-2023");
        }
    }
}

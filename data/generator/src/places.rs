//! Places: GeoNames cities (>= 100,000 people; capitals and conflict-zone towns lower) and the
//! first-level regions of countryinfo, each located in its state.

use serde_json::Value;
use std::collections::HashMap;

use crate::Ctx;
use crate::model::{EType, Entity};
use crate::text::{GENERIC, fold, is_latin, norm_key, slug};

pub const MIN_POP: u64 = 100_000;
/// States at war or in crisis, whose smaller towns make the news: cities >= 30,000 people.
pub const LOW_THRESHOLD_STATES: &[&str] = &[
    "UA", "PS", "IL", "SY", "LB", "YE", "SD", "SS", "SO", "AF", "IQ", "LY", "ML", "KP", "TW", "HT",
    "MM", "ET", "CD", "BF", "NE", "AM", "AZ", "GE", "MD", "VE",
];
pub const LOW_POP: u64 = 30_000;

fn compatible(a: Option<&str>, b: Option<&str>) -> bool {
    let class = |k: Option<&str>| match k {
        Some("region") => 1,
        Some("site") => 2,
        _ => 0,
    };
    a.is_none() || b.is_none() || class(a) == class(b)
}

/// Merge into a matching place of a compatible kind, else insert under `slug` (or `alt_slug`).
fn upsert_place(ctx: &mut Ctx, e: Entity, slug: &str, alt_slug: &str) -> String {
    if let Some(i) = ctx.store.find_match(&e)
        && compatible(ctx.store.ents[i].kind.as_deref(), e.kind.as_deref())
    {
        let id = ctx.store.ents[i].id.clone();
        ctx.store.merge_into(i, e);
        return id;
    }
    let base = format!("loc:{slug}");
    let s = if ctx.store.contains(&base) {
        alt_slug
    } else {
        slug
    };
    ctx.store.insert_new(e, s)
}

pub fn load(ctx: &mut Ctx) {
    cities(ctx);
    ctx.store.reindex();
    regions(ctx);
}

fn cities(ctx: &mut Ctx) {
    let mut capitals: HashMap<String, Vec<String>> = HashMap::new();
    if let Some(Value::Object(c)) = ctx.read_json("geonames/countries.json") {
        for (code, v) in c {
            if let Some(cap) = v.get("capital").and_then(Value::as_str) {
                capitals.entry(code).or_default().push(norm_key(cap));
            }
        }
    }
    for (code, info) in &ctx.states {
        for cap in &info.capitals {
            capitals
                .entry(code.clone())
                .or_default()
                .push(norm_key(cap));
        }
    }
    let Some(Value::Object(cities)) = ctx.read_json("geonames/cities15000.json") else {
        return;
    };
    struct City {
        id: u64,
        name: String,
        cc: String,
        pop: u64,
        coord: Option<(f64, f64)>,
        admin1: Option<String>,
        alternates: Vec<String>,
    }
    let mut list = Vec::new();
    for (_, v) in cities {
        let (Some(id), Some(name), Some(cc), Some(pop)) = (
            v.get("geonameid").and_then(Value::as_u64),
            v.get("name").and_then(Value::as_str),
            v.get("countrycode").and_then(Value::as_str),
            v.get("population").and_then(Value::as_u64),
        ) else {
            ctx.store
                .warn("geonames: city row missing id/name/country/population");
            continue;
        };
        list.push(City {
            id,
            name: name.to_string(),
            cc: cc.to_string(),
            pop,
            coord: v
                .get("latitude")
                .and_then(Value::as_f64)
                .zip(v.get("longitude").and_then(Value::as_f64)),
            admin1: v
                .get("admin1code")
                .and_then(Value::as_str)
                .map(str::to_string),
            alternates: v
                .get("alternatenames")
                .and_then(Value::as_array)
                .map(|a| {
                    a.iter()
                        .filter_map(Value::as_str)
                        .filter(|n| n.chars().count() >= 3 && is_latin(n))
                        .map(str::to_string)
                        .collect()
                })
                .unwrap_or_default(),
        });
    }
    list.sort_by(|a, b| b.pop.cmp(&a.pop).then(a.id.cmp(&b.id)));
    for c in list {
        let is_cap = capitals
            .get(&c.cc)
            .is_some_and(|v| v.contains(&norm_key(&c.name)));
        let low = LOW_THRESHOLD_STATES.contains(&c.cc.as_str()) && c.pop >= LOW_POP;
        if !(c.pop >= MIN_POP || is_cap || low) {
            continue;
        }
        if !is_latin(&c.name) {
            ctx.store.warn("geonames: non-Latin city name skipped");
            continue;
        }
        // a one-word name that is a common English word: only big cities, and never 1-3 letters
        if !c.name.contains(' ')
            && ctx.lex.is_common(&c.name)
            && !is_cap
            && (c.pop < 150_000 || c.name.chars().count() <= 3)
        {
            ctx.store
                .warn("geonames: small city named by a common word skipped");
            continue;
        }
        let Some(state) = ctx.state_of2(&c.cc) else {
            ctx.store.warn("geonames: city in no known state skipped");
            continue;
        };
        let kind = if is_cap && c.cc.len() == 2 && ctx.states.contains_key(&c.cc) {
            "capital"
        } else {
            "city"
        };
        let mut e = Entity::new(EType::Location, &c.name, "geonames")
            .kind(kind)
            .state(Some(state));
        let folded = fold(&c.name);
        if folded != c.name {
            e.alias(&folded);
        }
        e.weight = c.pop;
        e.coord = c.coord;
        e.admin1 = c.admin1.clone();
        e.link_names = c.alternates.clone();
        let cc = c.cc.to_lowercase();
        let s = format!("{cc}-{}", slug(&c.name));
        let alt = format!("{s}-{}", c.id);
        upsert_place(ctx, e, &s, &alt);
    }
}

/// A countryinfo province name in English form, or None when it is not usable as written
/// (Slavic adjectival forms without a capital, generic words).
fn province_name(iso2: &str, raw: &str) -> Option<(String, Vec<String>)> {
    let raw = raw.trim();
    let (base, paren) = match raw.find(" (") {
        Some(i) => (
            raw[..i].trim().to_string(),
            Some(raw[i + 2..].trim_end_matches(')').to_string()),
        ),
        None => (raw.to_string(), None),
    };
    let adjectival = ["skaya", "skiy", "s'ka", "ska", "ts'ka", "zka", "z'ka", "ka"]
        .iter()
        .any(|s| base.ends_with(s))
        && (iso2 == "RU" || iso2 == "UA" || iso2 == "BY");
    if adjectival {
        // Ukrainian oblasts are named after their capitals: "Kharkivs'ka (Kharkiv)"
        let cap = paren?.replace('\'', "");
        if iso2 == "UA" {
            return Some((format!("{cap} Oblast"), vec![format!("{cap} region")]));
        }
        return None;
    }
    let name = base;
    Some((name, Vec::new()))
}

fn regions(ctx: &mut Ctx) {
    let provinces = std::mem::take(&mut ctx.provinces);
    for (iso2, list) in &provinces {
        let state = format!("state:{iso2}");
        let Some(st) = ctx.store.get(&state) else {
            continue;
        };
        let state_key = norm_key(&st.name);
        for raw in list {
            let Some((name, aliases)) = province_name(iso2, raw) else {
                ctx.store
                    .warn("countryinfo: province in a non-English form skipped");
                continue;
            };
            let k = norm_key(&name);
            if name.chars().count() < 4
                || !is_latin(&name)
                || GENERIC.contains(&k.as_str())
                || k == state_key
                || (!name.contains(' ') && ctx.lex.is_common(&name))
                || name.chars().next().is_some_and(char::is_lowercase)
            {
                ctx.store
                    .warn("countryinfo: generic or short province name skipped");
                continue;
            }
            let mut e = Entity::new(EType::Location, &name, "countryinfo")
                .kind("region")
                .state(Some(state.clone()));
            for a in aliases {
                e.alias(&a);
            }
            let folded = fold(&name);
            if folded != name {
                e.alias(&folded);
            }
            let cc = iso2.to_lowercase();
            let s = format!("{cc}-{}", slug(&name));
            let alt = format!("{s}-region");
            upsert_place(ctx, e, &s, &alt);
        }
    }
    ctx.provinces = provinces;
}

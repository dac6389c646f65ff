//! People with dated roles. Sources in priority order: world-leaders-current (2026-08 snapshot),
//! everypolitician (Jan 2023), partyfacts leadglob/whogov (to 2020), the Phoenix dictionaries
//! (2014; their date-restricted codes become roles).

use serde_json::Value;
use std::collections::HashMap;

use crate::Ctx;
use crate::model::{EType, Entity, Role};
use crate::orgs::{
    Class, JUNK_WORDS, ORG_WORDS, TITLE_WORDS, classify, code_parts, code_state, has_any,
};
use crate::phoenix::{self, Entry};
use crate::text::{fold, is_latin, norm_key, phoenix_case, slug};

/// Date of the Phoenix CountryInfo dictionary: open-ended Phoenix roles are closed there.
pub const PHOENIX_DATE: &str = "2014-01-30";

fn role(rel: &str, of: &str, title: Option<&str>, start: Option<&str>, end: Option<&str>) -> Role {
    Role {
        relation: rel.into(),
        of: of.into(),
        title: title.map(str::to_string),
        start: start.map(str::to_string),
        end: end.map(str::to_string),
        source: None,
    }
}

/// A `YYYY-MM-DD` prefix of a date or timestamp.
fn day(s: &str) -> Option<String> {
    let d = s.get(..10)?;
    let ok = d.len() == 10
        && d.chars().enumerate().all(|(i, c)| {
            if i == 4 || i == 7 {
                c == '-'
            } else {
                c.is_ascii_digit()
            }
        });
    ok.then(|| d.to_string())
}

fn person_slug(ctx: &Ctx, name: &str, state: Option<&str>) -> String {
    let base = slug(&fold(name));
    if !ctx.store.contains(&format!("person:{base}")) {
        return base;
    }
    match state.and_then(|s| s.strip_prefix("state:")) {
        Some(cc) => format!("{base}-{}", cc.to_lowercase()),
        None => base,
    }
}

/// Insert or merge a person; also tries a looser match (same state, same surname, one name's
/// words contained in the other's) so that "Mohammad Najibullah" meets "Mohammad Najibullah
/// Ahmadzay".
fn add_person(ctx: &mut Ctx, e: Entity) -> String {
    // a person known without a state (an IGO post) meets the one person of that name
    if e.state.is_none()
        && ctx.store.find_match(&e).is_none()
        && let Some(v) = ctx.people_by_name.get(&norm_key(&e.name))
        && v.len() == 1
        && let Some(i) = ctx.store.idx(&v[0])
    {
        let id = v[0].clone();
        ctx.store.merge_into(i, e);
        return id;
    }
    if ctx.store.find_match(&e).is_none()
        && let Some(id) = loose_match(ctx, &e)
    {
        let i = ctx.store.idx(&id).unwrap_or_default();
        ctx.store.merge_into(i, e);
        return id;
    }
    let s = person_slug(ctx, &e.name, e.state.as_deref());
    ctx.store.upsert(e, &s)
}

fn loose_match(ctx: &Ctx, e: &Entity) -> Option<String> {
    let state = e.state.as_deref()?;
    let toks: Vec<String> = norm_key(&e.name).split(' ').map(str::to_string).collect();
    if toks.len() < 2 {
        return None;
    }
    let last = toks.last()?;
    let mut found: Option<String> = None;
    for cand in ctx
        .people_by_surname
        .get(&(state.to_string(), last.clone()))?
    {
        let Some(c) = ctx.store.get(cand) else {
            continue;
        };
        let ct: Vec<String> = norm_key(&c.name).split(' ').map(str::to_string).collect();
        let sub = |a: &[String], b: &[String]| a.iter().all(|x| b.contains(x));
        if ct.len() >= 2 && (sub(&toks, &ct) || sub(&ct, &toks)) {
            if found.is_some() {
                return None; // ambiguous
            }
            found = Some(cand.clone());
        }
    }
    found
}

fn index_surname(ctx: &mut Ctx, id: &str) {
    let Some(e) = ctx.store.get(id) else { return };
    let v = ctx.people_by_name.entry(norm_key(&e.name)).or_default();
    if !v.iter().any(|x| x == id) {
        v.push(id.to_string());
    }
    let Some(e) = ctx.store.get(id) else { return };
    let (Some(state), Some(last)) = (
        e.state.clone(),
        norm_key(&e.name).split(' ').next_back().map(str::to_string),
    ) else {
        return;
    };
    let v = ctx.people_by_surname.entry((state, last)).or_default();
    if !v.iter().any(|x| x == id) {
        v.push(id.to_string());
    }
}

pub fn load(ctx: &mut Ctx) {
    for e in &ctx.store.ents {
        if e.etype == EType::Person {
            ctx.people_by_name
                .entry(norm_key(&e.name))
                .or_default()
                .push(e.id.clone());
        }
        if e.etype == EType::Person
            && let (Some(state), Some(last)) = (
                e.state.clone(),
                norm_key(&e.name).split(' ').next_back().map(str::to_string),
            )
        {
            ctx.people_by_surname
                .entry((state, last))
                .or_default()
                .push(e.id.clone());
        }
    }
    world_leaders(ctx);
    ctx.store.reindex();
    everypolitician(ctx);
    ctx.store.reindex();
    partyfacts_leaders(ctx);
    ctx.store.reindex();
    phoenix_people(ctx);
    ctx.store.reindex();
    refine_year_roles(ctx);
}

fn org_by_name(ctx: &Ctx, name: &str, state: Option<&str>) -> Option<String> {
    ctx.store
        .lookup(EType::Organization, name, state)
        .first()
        .map(|s| s.to_string())
}

fn world_leaders(ctx: &mut Ctx) {
    let base = ctx.src.join("world-leaders-current/data/countries");
    let mut dirs: Vec<_> = match std::fs::read_dir(&base) {
        Ok(rd) => rd.filter_map(|e| e.ok().map(|e| e.path())).collect(),
        Err(_) => {
            ctx.store
                .warn("world-leaders-current: countries folder missing");
            return;
        }
    };
    dirs.sort();
    let src = "world-leaders-current@2026-08-22";
    for d in dirs {
        let Some(v) = std::fs::read_to_string(d.join("current.json"))
            .ok()
            .and_then(|t| serde_json::from_str::<Value>(&t).ok())
        else {
            continue;
        };
        let iso = v["country"]["iso_code"].as_str().unwrap_or_default();
        let folder = d.file_name().and_then(|x| x.to_str()).unwrap_or_default();
        let (of, state) = match folder {
            "european_union" => ("org:eu".to_string(), None),
            "african_union" => (
                org_by_name(ctx, "African Union", None).unwrap_or_else(|| "org:au".into()),
                None,
            ),
            _ => {
                let s = format!("state:{iso}");
                if !ctx.store.contains(&s) {
                    ctx.store.warn("world-leaders-current: unknown country");
                    continue;
                }
                (s.clone(), Some(s))
            }
        };
        let pos = &v["positions"];
        let hog = &pos["head_of_government"];
        let hos = &pos["head_of_state"];
        // a head of state copied from the head of government with a different title and the
        // same local title is a scraping error of the source (e.g. a prime minister listed as king)
        let copied = hos["is_same_as_head_of_state"].as_bool() == Some(true)
            && hos["title_en"] != hog["title_en"]
            && hos["title_local"] == hog["title_local"];
        for (key, p) in [("head_of_government", hog), ("head_of_state", hos)] {
            if key == "head_of_state" && copied {
                ctx.store.warn(
                    "world-leaders-current: head of state copied from head of government skipped",
                );
                continue;
            }
            let h = &p["current_holder"];
            let Some(name) = h["name_en"].as_str().filter(|s| !s.is_empty()) else {
                continue;
            };
            let title = p["title_en"].as_str().map(|t| t.replace(" (King)", ""));
            let rel = if state.is_none() { "leader_of" } else { key };
            let mut e = Entity::new(EType::Person, name, src).state(state.clone());
            e.qid = h["wikidata_id"].as_str().map(str::to_string);
            if let Some(l) = h["name_local"].as_str()
                && is_latin(l)
                && l != name
            {
                e.alias(l);
            }
            if let Some(r) = h["regnal_name_en"].as_str() {
                e.alias(r);
            }
            let since = h["since"].as_str().and_then(day);
            e.add_role(role(rel, &of, title.as_deref(), since.as_deref(), None));
            if let Some(party) = h["party"].as_str()
                && let Some(pid) = org_by_name(ctx, party, state.as_deref())
            {
                e.add_role(role("member_of", &pid, None, None, None));
            }
            let id = add_person(ctx, e);
            index_surname(ctx, &id);
        }
    }
    // recorded changes: close the predecessor's role
    let Some(ch) = ctx.read_json("world-leaders-current/data/changes/2026.json") else {
        return;
    };
    for c in ch["changes"].as_array().cloned().unwrap_or_default() {
        let (Some(old), Some(date), Some(pos)) = (
            c["old_holder_en"].as_str(),
            c["change_date"].as_str(),
            c["position"].as_str(),
        ) else {
            continue;
        };
        let iso = match c["country"].as_str() {
            Some("uk") => "GB".to_string(),
            Some("usa") => "US".to_string(),
            _ => continue,
        };
        let state = format!("state:{iso}");
        let ids: Vec<String> = ctx
            .store
            .lookup(EType::Person, old, Some(&state))
            .into_iter()
            .map(str::to_string)
            .collect();
        for id in ids {
            if let Some(p) = ctx.store.get_mut(&id) {
                for r in p.roles.iter_mut() {
                    if r.relation == pos && r.of == state && r.end.is_none() {
                        r.end = Some(date.to_string());
                        r.source = Some("world-leaders-current changes 2026".into());
                    }
                }
            }
        }
    }
}

fn everypolitician(ctx: &mut Ctx) {
    let src = "everypolitician-2023";
    for r in ctx.read_csv("everypolitician-2023/foreign_ministers_wikidata.csv") {
        let (Some(q), Some(name), Some(cq)) = (r.get("person"), r.get("name"), r.get("country"))
        else {
            continue;
        };
        if q.is_empty() || name.is_empty() {
            ctx.store
                .warn("everypolitician: position without a holder skipped");
            continue;
        }
        let Some(state) = ctx.store.by_qid(cq).map(str::to_string) else {
            ctx.store
                .warn("everypolitician: minister of an unknown state skipped");
            continue;
        };
        if !state.starts_with("state:") {
            continue;
        }
        let title = r.get("positionLabel").cloned();
        let start = r.get("start").and_then(|s| day(s));
        let mut e = Entity::new(EType::Person, name, src).state(Some(state.clone()));
        e.qid = Some(q.clone());
        e.add_role(role(
            "minister_of",
            &state,
            title.as_deref(),
            start.as_deref(),
            None,
        ));
        let id = add_person(ctx, e);
        index_surname(ctx, &id);
    }
    for r in ctx.read_csv("everypolitician-2023/igo_heads_holders21.csv") {
        let (Some(pos), Some(name), Some(q)) =
            (r.get("position"), r.get("person"), r.get("personID"))
        else {
            continue;
        };
        let (org, rel, title): (&str, &str, &str) = match pos.as_str() {
            "Secretary-General of the United Nations" => {
                ("United Nations", "leader_of", "Secretary-General")
            }
            "Deputy Secretary-General of the United Nations" => {
                ("United Nations", "official_of", "Deputy Secretary-General")
            }
            "Under-Secretary-General of the United Nations" => {
                ("United Nations", "official_of", "Under-Secretary-General")
            }
            "President of the United Nations General Assembly" => (
                "United Nations",
                "official_of",
                "President of the General Assembly",
            ),
            "Director-General of the World Trade Organization" => {
                ("World Trade Organization", "leader_of", "Director-General")
            }
            "Judge of the International Court of Justice" => {
                ("International Court of Justice", "official_of", "Judge")
            }
            "President of the International Court of Justice" => {
                ("International Court of Justice", "leader_of", "President")
            }
            "Vice President of the International Court of Justice" => (
                "International Court of Justice",
                "official_of",
                "Vice-President",
            ),
            "OSCE High Commissioner on National Minorities" => (
                "OSCE",
                "official_of",
                "High Commissioner on National Minorities",
            ),
            "Speaker of the Arab Parliament" => (
                "Arab League",
                "official_of",
                "Speaker of the Arab Parliament",
            ),
            "president of the Parliamentary Assembly of the Council of Europe" => (
                "Council of Europe",
                "official_of",
                "President of the Parliamentary Assembly",
            ),
            _ => {
                ctx.store
                    .warn("everypolitician: IGO post not mapped to an organization skipped");
                continue;
            }
        };
        let Some(oid) = org_by_name(ctx, org, None) else {
            ctx.store
                .warn("everypolitician: IGO not in the gazetteer skipped");
            continue;
        };
        let start = r.get("start").and_then(|s| day(s));
        let end = r.get("end").and_then(|s| day(s));
        let mut e = Entity::new(EType::Person, name, src);
        if q.starts_with('Q') {
            e.qid = Some(q.clone());
        }
        e.add_role(role(
            rel,
            &oid,
            Some(title),
            start.as_deref(),
            end.as_deref(),
        ));
        let id = add_person(ctx, e);
        index_surname(ctx, &id);
    }
}

/// "1975 Mohammad Daud Khan (President)" -> (1975, name, paren)
fn year_name(s: &str) -> Option<(String, String, Option<String>)> {
    let s = s.trim();
    let (y, rest) = s.split_once(' ')?;
    if y.len() != 4 || !y.chars().all(|c| c.is_ascii_digit()) {
        return None;
    }
    let (name, paren) = match rest.find(" (") {
        Some(i) => (
            rest[..i].trim().to_string(),
            Some(rest[i + 2..].trim_end_matches(')').trim().to_string()),
        ),
        None => (rest.trim().to_string(), None),
    };
    let name = name
        .split(',')
        .next()
        .unwrap_or_default()
        .trim()
        .to_string();
    (!name.is_empty() && !name.contains('_')).then(|| (y.to_string(), name, paren))
}

fn partyfacts_leaders(ctx: &mut Ctx) {
    let mut party: HashMap<String, String> = HashMap::new();
    for e in ctx.store.ents.iter() {
        if e.kind.as_deref() == Some("party") {
            party.insert(
                norm_key(&e.name) + "|" + e.state.as_deref().unwrap_or(""),
                e.id.clone(),
            );
        }
    }
    let find_party = |ctx: &Ctx, name: &str, state: &Option<String>| -> Option<String> {
        org_by_name(ctx, name, state.as_deref())
    };
    for r in ctx.read_csv("partyfacts/leadglob__leadglob.csv") {
        let state = r.get("country_short").and_then(|c| ctx.state_of3(c));
        if state.is_none() {
            ctx.store
                .warn("partyfacts leadglob: leader of an unknown state skipped");
            continue;
        }
        let st = state.clone().unwrap_or_default();
        let pid = r
            .get("name_english")
            .and_then(|n| find_party(ctx, n, &state));
        for (col, rel) in [
            ("hos_first", "head_of_state"),
            ("hog_first", "head_of_government"),
        ] {
            let Some((y, name, paren)) = r.get(col).and_then(|s| year_name(s)) else {
                continue;
            };
            if !is_latin(&name) || !name.contains(' ') {
                continue;
            }
            let mut e =
                Entity::new(EType::Person, &name, "partyfacts-leadglob").state(state.clone());
            // the parenthesis names the head of state's office; it is the title for heads of state
            let title = if rel == "head_of_state" {
                paren.as_deref()
            } else {
                None
            };
            let mut r1 = role(rel, &st, title, Some(&y), Some(&y));
            r1.source = Some("partyfacts-leadglob (in office that year)".into());
            e.add_role(r1);
            if let Some(p) = &pid {
                let mut r2 = role("member_of", p, None, Some(&y), None);
                r2.source = Some("partyfacts-leadglob".into());
                e.add_role(r2);
            }
            let id = add_person(ctx, e);
            index_surname(ctx, &id);
        }
    }
    for r in ctx.read_csv("partyfacts/whogov__whogov.csv") {
        let state = r.get("country_short").and_then(|c| ctx.state_of3(c));
        let Some(st) = state.clone() else {
            ctx.store
                .warn("partyfacts whogov: minister of an unknown state skipped");
            continue;
        };
        let Some((y, name, title)) = r.get("minister_first").and_then(|s| year_name(s)) else {
            continue;
        };
        if !is_latin(&name) || !name.contains(' ') {
            continue;
        }
        let t = title.clone().unwrap_or_default();
        let tl = t.to_lowercase();
        let rel = if tl.contains("prime min") && !tl.contains("dep") && !tl.contains("vice") {
            "head_of_government"
        } else if tl.starts_with("president") && !tl.contains("vice") {
            "head_of_state"
        } else {
            "minister_of"
        };
        let mut e = Entity::new(EType::Person, &name, "partyfacts-whogov").state(state.clone());
        let mut r1 = role(rel, &st, title.as_deref(), Some(&y), Some(&y));
        r1.source = Some("partyfacts-whogov (in cabinet that year)".into());
        e.add_role(r1);
        let pid = r
            .get("partyfacts_id")
            .and_then(|p| ctx.party_ids.get(p).cloned())
            .or_else(|| {
                r.get("name_english")
                    .and_then(|n| find_party(ctx, n, &state))
            });
        if let Some(p) = pid {
            let mut r2 = role("member_of", &p, None, Some(&y), None);
            r2.source = Some("partyfacts-whogov".into());
            e.add_role(r2);
        }
        let id = add_person(ctx, e);
        index_surname(ctx, &id);
    }
    let _ = party;
}

/// IGO codes of Phoenix -> organization surface.
fn igo_of_code(code: &str) -> Option<&'static str> {
    const MAP: &[(&str, &str)] = &[
        ("IGOUNOIAE", "International Atomic Energy Agency"),
        ("IGOUNOHLHWHO", "World Health Organization"),
        ("IGOUNOJUDICJ", "International Court of Justice"),
        ("IGOUNOLABILO", "International Labour Organization"),
        ("IGOUNOAGRFAO", "Food and Agriculture Organization"),
        ("IGOUNO", "United Nations"),
        ("IGOEUR", "European Union"),
        ("IGOWSTNAT", "North Atlantic Treaty Organization"),
        ("IGOSEAASN", "Association of Southeast Asian Nations"),
        ("IGOAFRAFU", "African Union"),
        ("IGOMEAARL", "Arab League"),
        ("IGOBUSOPC", "Organization of Petroleum Exporting Countries"),
        ("IGOBUSIMF", "International Monetary Fund"),
        ("IGOOAS", "Organization of American States"),
        ("IGOJUDICC", "International Criminal Court"),
        ("IGOCOPITP", "International Criminal Police Organization"),
        (
            "IGOSASSAA",
            "South Asian Association for Regional Cooperation",
        ),
        ("IGOEAFEAC", "East African Community"),
        ("IGOBUSWTO", "World Trade Organization"),
        (
            "IGODEVWBK",
            "International Bank for Reconstruction and Development",
        ),
    ];
    MAP.iter()
        .find(|(p, _)| code.starts_with(p))
        .map(|(_, n)| *n)
}

fn good_person_alias(raw: &str) -> bool {
    let w: Vec<String> = raw
        .replace('_', " ")
        .split_whitespace()
        .map(str::to_uppercase)
        .collect();
    if w.is_empty() {
        return false;
    }
    if TITLE_WORDS.contains(&w[0].as_str()) {
        return false;
    }
    !(has_any(raw, JUNK_WORDS) || has_any(raw, ORG_WORDS))
}

fn phoenix_people(ctx: &mut Ctx) {
    for (file, tag) in [
        (
            "petrarch/dictionaries/Phoenix.Countries.actors.txt",
            "countries",
        ),
        (
            "petrarch/dictionaries/Phoenix.International.actors.txt",
            "international",
        ),
    ] {
        let Ok(text) = std::fs::read_to_string(ctx.src.join(file)) else {
            continue;
        };
        let mut bad = 0;
        let entries = phoenix::parse(&text, &mut bad);
        for e in &entries {
            if matches!(classify(e, tag), Class::Person) {
                add_phoenix_person(ctx, e, tag);
            }
        }
    }
}

fn add_phoenix_person(ctx: &mut Ctx, e: &Entry, tag: &str) {
    let src = if tag == "countries" {
        "phoenix-countries"
    } else {
        "phoenix-international"
    };
    // citizenship: the first code naming a state
    let state = e
        .codes
        .iter()
        .filter(|c| !c.code.starts_with("IGO"))
        .find_map(|c| code_state(ctx, &c.code));
    let korean = matches!(state.as_deref(), Some("state:KR") | Some("state:KP"));
    let mut surfaces: Vec<String> = Vec::new();
    for raw in e.names.iter().chain(e.aliases.iter()) {
        if !good_person_alias(raw) {
            continue;
        }
        let s = phoenix_case(raw, true, korean);
        if s.chars().count() >= 4 && is_latin(&s) && !surfaces.contains(&s) {
            surfaces.push(s);
        }
    }
    // the name: the first surface with two or more words
    let Some(name) = surfaces.iter().find(|s| s.contains(' ')).cloned() else {
        ctx.store
            .warn("phoenix: person without a full name skipped");
        return;
    };
    // a country's entry misfiled among people ("Bosnia and Herzegovina")
    if name.contains(" and ") {
        ctx.store
            .warn("phoenix: person named like a country (X and Y) skipped");
        return;
    }
    let mut p = Entity::new(EType::Person, &name, src).state(state.clone());
    for s in &surfaces {
        if *s != name {
            p.alias(s);
        }
    }
    for c in &e.codes {
        if c.start.is_none() && c.end.is_none() {
            continue;
        }
        let parts = code_parts(&c.code);
        let (rel, of) = if c.code.starts_with("IGO") {
            let Some(org) = igo_of_code(&c.code).and_then(|n| org_by_name(ctx, n, None)) else {
                continue;
            };
            ("official_of", org)
        } else {
            let Some(st) = code_state(ctx, &c.code) else {
                continue;
            };
            match parts.get(1).map(String::as_str) {
                Some("GOV") | Some("MIL") | Some("LEG") | Some("JUD") | Some("SPY")
                | Some("COP") => ("official_of", st),
                _ => continue,
            }
        };
        let mut r = role(rel, &of, None, c.start.as_deref(), c.end.as_deref());
        r.source = Some(format!("{src} {}", c.code));
        if c.end.is_none() {
            r.end = Some(PHOENIX_DATE.into());
            r.source = Some(format!(
                "{src} {} (open-ended in the {PHOENIX_DATE} dictionary)",
                c.code
            ));
        }
        p.add_role(r);
    }
    // roles of curated people are written by hand: keep theirs only
    if let Some(i) = ctx.store.find_match(&p)
        && ctx.store.ents[i].curated
    {
        p.roles.clear();
    }
    let id = add_person(ctx, p);
    index_surname(ctx, &id);
}

/// A head-of-state/government role known only by its year (partyfacts) takes the exact dates
/// of a Phoenix government role of the same person and state that starts in that year.
fn refine_year_roles(ctx: &mut Ctx) {
    let mut n = 0;
    for e in ctx
        .store
        .ents
        .iter_mut()
        .filter(|e| e.etype == EType::Person)
    {
        let phoenix: Vec<Role> = e
            .roles
            .iter()
            .filter(|r| {
                r.source
                    .as_deref()
                    .is_some_and(|s| s.starts_with("phoenix"))
            })
            .cloned()
            .collect();
        for r in e.roles.iter_mut() {
            let yearly = r.start.is_some()
                && r.start == r.end
                && r.start.as_ref().is_some_and(|s| s.len() == 4);
            if !yearly || !(r.relation == "head_of_state" || r.relation == "head_of_government") {
                continue;
            }
            let y = r.start.clone().unwrap_or_default();
            if let Some(p) = phoenix.iter().find(|p| {
                p.of == r.of
                    && p.start.as_deref().is_some_and(|s| s.starts_with(&y))
                    && p.end.as_deref() != Some(PHOENIX_DATE)
            }) {
                r.start = p.start.clone();
                r.end = p.end.clone();
                r.source = Some(format!(
                    "{}; dates from {}",
                    r.source.clone().unwrap_or_default(),
                    p.source.clone().unwrap_or_default()
                ));
                n += 1;
            }
        }
    }
    for _ in 0..n {
        ctx.store
            .warn("partyfacts year-only head role dated from Phoenix (refined)");
    }
}

//! Organizations: intergovernmental organizations with members (igo-membership), political
//! parties (partyfacts), and the institutions, companies, NGOs and militant groups of the
//! Phoenix dictionaries.

use std::collections::{BTreeMap, HashMap};

use crate::Ctx;
use crate::model::{EType, Entity};
use crate::phoenix::{self, Entry};
use crate::text::{GENERIC, fold, is_latin, norm_key, phoenix_case, slug};

/// igo-membership ids of UN operations: troop contributors are not members.
const UN_OPERATIONS: &[&str] = &[
    "MINURSO", "MINUSMA", "MINUSTAH", "MONUSCO", "UNAMID", "UNDOF", "UNFICYP", "UNIFIL", "UNISFA",
    "UNMIL", "UNMISS", "UNMOGIP", "UNOCI", "UNTSO",
];

/// igo-membership ids that are not usable acronyms, or whose acronym is better another.
fn igo_acronym(id: &str) -> Option<&str> {
    match id {
        "C" | "CD" | "CP" | "PA" | "AG" | "AL" | "BA" | "NC" | "FZ" | "G-3" | "G-5" | "G-9"
        | "G-10" | "G-11" | "G-15" | "G-24" | "ICC" | "EMU" | "CAN" | "ISO" | "IDA" | "EEU"
        | "CE" | "EAS" | "LAS" | "ARF" | "WADB" | "NEA" | "PCA" | "SPC" | "SCO" => match id {
            "CE" => None,
            "SCO" => Some("SCO"),
            _ => None,
        },
        "ICCT" => Some("ICC"),
        "G-7" => Some("G7"),
        "G-8" => Some("G8"),
        "G-20" => Some("G20"),
        "G-77" => Some("G77"),
        "D-8" => Some("D-8"),
        _ if id.contains('_') || id.chars().any(|c| c.is_lowercase()) => None,
        _ => Some(id),
    }
}

/// English names for igo-membership rows whose name is not the usual English one.
fn igo_name(id: &str, name: &str) -> String {
    match id {
        "CPLP" => "Community of Portuguese Language Countries".into(),
        "AL" | "LAS" => "Arab League".into(),
        "ICCT" => "International Criminal Court".into(),
        "G-7" => "Group of Seven".into(),
        "G-8" => "Group of Eight".into(),
        "G-20" => "Group of Twenty".into(),
        "G-77" => "Group of 77".into(),
        "EEU" | "EAEU" => "Eurasian Economic Union".into(),
        "SICA" | "CAIS" => "Central American Integration System".into(),
        "USAN" | "UNASUR" => "Union of South American Nations".into(),
        "ILO" => "International Labour Organization".into(),
        _ => name.trim().to_string(),
    }
}

/// Membership changes after the igo-membership snapshot (CIA Factbook 2019-20), from the
/// organizations' public records: (igo id, state, joined?).
const MEMBERSHIP_CHANGES: &[(&str, &str, bool)] = &[
    ("EU", "GB", false),   // Brexit, 2020-01-31
    ("NATO", "ME", true),  // 2017-06-05
    ("NATO", "MK", true),  // 2020-03-27
    ("NATO", "FI", true),  // 2023-04-04
    ("NATO", "SE", true),  // 2024-03-07
    ("BRICS", "EG", true), // 2024-01-01
    ("BRICS", "ET", true), // 2024-01-01
    ("BRICS", "IR", true), // 2024-01-01
    ("BRICS", "AE", true), // 2024-01-01
    ("BRICS", "ID", true), // 2025-01-06
    ("SCO", "IR", true),   // 2023-07-04
    ("SCO", "BY", true),   // 2024-07-04
];

pub fn load(ctx: &mut Ctx) {
    igos(ctx);
    ctx.store.reindex();
    parties(ctx);
    ctx.store.reindex();
    phoenix_orgs(ctx);
}

fn igos(ctx: &mut Ctx) {
    let rows = ctx.read_csv("igo-membership/CountrycodesOrgs.csv");
    // name -> (ids, members)
    let mut orgs: BTreeMap<String, (Vec<String>, Vec<String>)> = BTreeMap::new();
    for r in rows {
        let (Some(id), Some(name), Some(iso2), Some(status)) = (
            r.get("org_id"),
            r.get("org_name"),
            r.get("ISO_3166_2"),
            r.get("org_member"),
        ) else {
            ctx.store.warn("igo-membership: row missing a column");
            continue;
        };
        let name = igo_name(id, name);
        let slot = orgs.entry(name).or_default();
        if !slot.0.contains(id) {
            slot.0.push(id.clone());
        }
        let is_member = match id.as_str() {
            "UN_SECURITY_COUNCIL" => status == "permanent",
            _ => status == "member",
        };
        if is_member && !UN_OPERATIONS.contains(&id.as_str()) && !iso2.is_empty() {
            let sid = format!("state:{iso2}");
            if ctx.store.contains(&sid) && !slot.1.contains(&sid) {
                slot.1.push(sid);
            }
        }
    }
    for (name, (ids, mut members)) in orgs {
        let mut e = Entity::new(EType::Organization, &name, "igo-membership").kind("igo");
        let mut acr = None;
        for id in &ids {
            if let Some(a) = igo_acronym(id) {
                if a != name {
                    e.alias(a);
                }
                acr.get_or_insert(a.to_string());
            }
        }
        for (org, iso, joined) in MEMBERSHIP_CHANGES {
            if ids.iter().any(|i| i == org) {
                let sid = format!("state:{iso}");
                if *joined {
                    if !members.contains(&sid) {
                        members.push(sid);
                    }
                } else {
                    members.retain(|m| *m != sid);
                }
            }
        }
        members.sort();
        e.members = members;
        if UN_OPERATIONS.contains(&ids[0].as_str()) || name.starts_with("United Nations ") {
            e.parent = Some("org:un".into());
        }
        if name == "UN Security Council" {
            e.alias("United Nations Security Council");
        }
        let s = acr.map(|a| slug(&a)).unwrap_or_else(|| slug(&name));
        ctx.store.upsert(e, &s);
    }
}

fn parties(ctx: &mut Ctx) {
    let mut qid: HashMap<String, String> = HashMap::new();
    let mut wiki_name: HashMap<String, String> = HashMap::new();
    for r in ctx.read_csv("partyfacts/wikipedia__wikidata.csv") {
        if let (Some(id), Some(q)) = (r.get("partyfacts_id"), r.get("wikidata_id"))
            && q.starts_with('Q')
        {
            qid.insert(id.clone(), q.clone());
        }
        if let (Some(id), Some(n)) = (r.get("partyfacts_id"), r.get("name")) {
            wiki_name.insert(id.clone(), n.clone());
        }
    }
    let rows = ctx.read_csv("partyfacts/elecglob__partyfacts-core-parties.csv");
    // how many parties use each short name (shared acronyms are kept only for big parties)
    let mut short_count: HashMap<String, usize> = HashMap::new();
    for r in &rows {
        if let Some(s) = r.get("name_short") {
            *short_count.entry(s.clone()).or_default() += 1;
        }
    }
    for r in rows {
        let get = |k: &str| r.get(k).cloned().unwrap_or_default();
        if !get("technical").is_empty() {
            ctx.store
                .warn("partyfacts: technical entry (independents, others) skipped");
            continue;
        }
        let pf = get("partyfacts_id");
        let english = get("name_english");
        let native = get("name");
        let mut names: Vec<String> = english
            .split(" / ")
            .map(str::trim)
            .filter(|s| !s.is_empty())
            .map(str::to_string)
            .collect();
        if let Some(w) = wiki_name.get(&pf)
            && !w.is_empty()
            && is_latin(w)
        {
            names.insert(0, w.clone());
        }
        if names.is_empty() && is_latin(&native) && !native.is_empty() {
            names.push(native.clone());
        }
        names.retain(|n| !n.contains('[') && !n.contains(']'));
        let Some(name) = names.first().cloned() else {
            ctx.store
                .warn("partyfacts: party without a Latin-script name skipped");
            continue;
        };
        // catch-all categories of election results ("other right", "other far-left")
        if name.to_lowercase().starts_with("other ") {
            ctx.store
                .warn("partyfacts: catch-all category (other right, ...) skipped");
            continue;
        }
        // "Labour Party" is a name (shared ones are qualified later); "Greens" alone is not
        if !name.contains(' ')
            && (GENERIC.contains(&norm_key(&name).as_str()) || ctx.lex.is_common(&name))
        {
            ctx.store
                .warn("partyfacts: party with a generic name skipped");
            continue;
        }
        let state = ctx.state_of3(&get("country"));
        let mut e = Entity::new(EType::Organization, &name, "partyfacts")
            .kind("party")
            .state(state.clone());
        for n in names.iter().skip(1) {
            e.alias(n);
        }
        if !native.is_empty() && is_latin(&native) {
            for n in native.split(" / ") {
                e.alias(n.trim());
            }
        }
        let short = get("name_short");
        let share: f64 = get("share").parse().unwrap_or(0.0);
        let shared = short_count.get(&short).copied().unwrap_or(0) > 1;
        // an acronym of a small or long-gone party is more often something else ("GDP", "SMS",
        // "PPI"): keep acronyms of big parties, or of parties active since 2010 with 3%+
        let active = get("year_last").parse::<u32>().map_or(true, |y| y >= 2010);
        let is_acronym = short
            .chars()
            .filter(|c| c.is_alphabetic())
            .all(char::is_uppercase);
        let big_enough = (active
            && (share >= 3.0 || short_count.get(&short) == Some(&1) && share >= 1.0))
            || !is_acronym;
        if short.chars().count() >= 2 && (!shared || share >= 3.0) && big_enough {
            e.alias(&short);
        } else if short.chars().count() >= 2 {
            ctx.store
                .warn("partyfacts: acronym of a small or old party not used as an alias");
        }
        e.qid = qid.get(&pf).cloned();
        // weight: vote share (per mille), with a bonus for the states whose parties English
        // news names without qualification (used to decide who keeps a shared party name)
        let bonus = match state.as_deref() {
            Some("state:US") => 1_000_000,
            Some("state:GB") => 500_000,
            _ => 0,
        };
        e.weight = if state.is_some() {
            (share * 10.0) as u64 + bonus
        } else {
            0
        };
        let cc = state
            .as_deref()
            .and_then(|s| s.strip_prefix("state:"))
            .map(str::to_lowercase)
            .unwrap_or_else(|| get("country").to_lowercase());
        let base = if short.chars().count() >= 2 && short.is_ascii() {
            slug(&short)
        } else {
            slug(&name)
        };
        let s = format!("{cc}-{base}");
        // parties are matched by QID or name within their state
        let id = ctx.store.upsert(e, &s);
        ctx.party_ids.insert(pf, id);
    }
}

/// Words that make a Phoenix phrase an organization.
pub const ORG_WORDS: &[&str] = &[
    "ORGANIZATION",
    "ORGANISATION",
    "COUNCIL",
    "PARTY",
    "ARMY",
    "FORCES",
    "FORCE",
    "FRONT",
    "MOVEMENT",
    "COMMITTEE",
    "COMMISSION",
    "ASSEMBLY",
    "PARLIAMENT",
    "CONGRESS",
    "SENATE",
    "COURT",
    "TRIBUNAL",
    "BANK",
    "FUND",
    "AGENCY",
    "SERVICE",
    "SERVICES",
    "DEPARTMENT",
    "OFFICE",
    "BUREAU",
    "UNION",
    "LEAGUE",
    "ALLIANCE",
    "BRIGADE",
    "BRIGADES",
    "BATTALION",
    "BATTALIONS",
    "GROUP",
    "GROUPS",
    "ASSOCIATION",
    "SOCIETY",
    "INSTITUTE",
    "FOUNDATION",
    "CENTER",
    "CENTRE",
    "CORPORATION",
    "CORP",
    "CORP.",
    "INC",
    "INC.",
    "COMPANY",
    "CO.",
    "LTD",
    "PLC",
    "NEWS",
    "TIMES",
    "RADIO",
    "TELEVISION",
    "AIRLINES",
    "AIRWAYS",
    "UNIVERSITY",
    "POLICE",
    "GUARD",
    "GUARDS",
    "NAVY",
    "MILITIA",
    "MILITIAS",
    "CELLS",
    "NUCLEI",
    "NUCLEUS",
    "JIHAD",
    "MARTYRS",
    "GOVERNMENT",
    "CABINET",
    "MINISTRY",
    "AUTHORITY",
    "NETWORK",
    "COALITION",
    "FEDERATION",
    "CONFEDERATION",
    "ACTION",
    "RESISTANCE",
    "LIBERATION",
    "REVOLUTIONARY",
    "COMMAND",
    "COMMANDOS",
    "SQUAD",
    "SQUADS",
    "LEGION",
    "TIGERS",
    "COMMUNITY",
    "PROGRAM",
    "PROGRAMME",
    "CONFERENCE",
    "INITIATIVE",
    "PROJECT",
    "TRUST",
    "CLUB",
    "HOLDINGS",
    "INTERNATIONAL",
    "SYSTEMS",
    "INDUSTRIES",
    "GROUP,",
    "ENERGY",
    "OIL",
    "PETROLEUM",
    "MOTORS",
    "BANCORP",
    "FINANCIAL",
    "INSURANCE",
    "PHARMACEUTICALS",
    "TECHNOLOGIES",
    "COUNCIL,",
    "KREMLIN",
    "DUMA",
    "REPUBLIC",
    "STATE",
    "EMIRATE",
    "CALIPHATE",
    "ISLAMIC",
    "NATIONAL",
    "PEOPLE'S",
    "PEOPLES",
    "WORKERS",
    "WORKERS'",
    "SOLDIERS",
    "FIGHTERS",
    "MUJAHIDEEN",
    "MUJAHIDIN",
    "TALIBAN",
    "HEZBOLLAH",
    "HIZBALLAH",
    "HAMAS",
    "QAEDA",
    "QAIDA",
    "SECRETARIAT",
    "MISSION",
    "PANEL",
    "TASK",
    "BOARD",
    "DIRECTORATE",
    "MINISTRIES",
    "ADMINISTRATION",
];

/// Phoenix phrases that are roles or vague groups, not entities.
pub const JUNK_WORDS: &[&str] = &[
    "ENVOY",
    "PEACEKEEPER",
    "PEACEKEEPERS",
    "MONITOR",
    "MONITORS",
    "OFFICIAL",
    "OFFICIALS",
    "SPOKESMAN",
    "SPOKESWOMAN",
    "SPOKESPERSON",
    "SOLDIER",
    "TROOPS",
    "RESIDENT",
    "OBSERVER",
    "OBSERVERS",
    "BODIES",
    "CHIEF",
    "SECRETARY",
    "SECRETARY-GENERAL",
    "SECY",
    "SEC.",
    "PRESIDENT",
    "CHAIRMAN",
    "CHAIRWOMAN",
    "LEADER",
    "LEADERS",
    "MEMBER",
    "MEMBERS",
    "DELEGATION",
    "DELEGATE",
    "DELEGATES",
    "AMBASSADOR",
    "REPRESENTATIVE",
    "RAPPORTEUR",
    "SPECIAL",
    "INSPECTOR",
    "INSPECTORS",
    "EXPERT",
    "EXPERTS",
    "WORKER",
    "STAFF",
    "FORMER",
    "EX-",
    "ACTING",
    "DEPUTY",
    "HEAD",
    "MINISTER",
    "GENERAL",
    "COMMANDER",
    "GOVERNOR",
    "CONTINGENT",
    "DATABASE",
    "INITIATIVE_FOR",
    "SUPPORTERS",
    "SYMPATHIZERS",
    "LOYALISTS",
];

/// Leading title words that make a Phoenix alias of a person a title phrase.
pub const TITLE_WORDS: &[&str] = &[
    "PRESIDENT",
    "PRIME",
    "MINISTER",
    "FOREIGN",
    "SECRETARY",
    "FORMER",
    "EX-",
    "CHAIRMAN",
    "LEADER",
    "PREMIER",
    "CHANCELLOR",
    "GENERAL",
    "SPOKESMAN",
    "AMBASSADOR",
    "ENVOY",
    "GOVERNOR",
    "MAYOR",
    "SENATOR",
    "CHIEF",
    "COMMANDER",
    "ADMINISTRATION",
    "GOVERNMENT",
    "ACTING",
    "DEPUTY",
    "DEFENCE",
    "DEFENSE",
    "INTERIOR",
    "FINANCE",
    "OPPOSITION",
    "REBEL",
    "MILITANT",
    "SOVIET",
    "RUSSIAN",
    "AMERICAN",
    "U.S.",
    "US",
    "UN",
    "U.N.",
    "UNITED",
    "EXILED",
    "LATE",
    "DR.",
    "DR",
    "MR.",
    "MR",
    "MRS.",
    "MS.",
    "GEN.",
    "COL.",
    "LT.",
    "MAJ.",
    "CAPT.",
    "ADM.",
    "SEN.",
    "REP.",
    "GOV.",
    "PRES.",
    "JUSTICE",
    "JUDGE",
    "SPEAKER",
    "COMMUNIST",
    "PARTY",
    "MP",
    "LAWMAKER",
    "VICE",
    "MRS",
    "MS",
    "MISS",
    "SIR",
    "LORD",
    "LADY",
    "DAME",
    "COLONEL",
    "MAJOR",
    "CAPTAIN",
    "LIEUTENANT",
    "ADMIRAL",
    "MARSHAL",
    "FIELD",
    "BRIGADIER",
    "SERGEANT",
    "CORPORAL",
    "AYATOLLAH_ALI",
    "THE",
];

fn words(raw: &str) -> Vec<String> {
    raw.replace('_', " ")
        .split_whitespace()
        .map(str::to_uppercase)
        .collect()
}

pub fn has_any(raw: &str, list: &[&str]) -> bool {
    words(raw).iter().any(|w| list.contains(&w.as_str()))
}

/// Split a Phoenix code into (country alpha-3 or type, chunks of three letters).
pub fn code_parts(code: &str) -> Vec<String> {
    let c: Vec<char> = code.chars().collect();
    c.chunks(3).map(|x| x.iter().collect()).collect()
}

/// State id named by a Phoenix code (its first chunk, or the chunk after IGO/NGO/MNC/IMG).
pub fn code_state(ctx: &Ctx, code: &str) -> Option<String> {
    let parts = code_parts(code);
    let first = parts.first()?;
    let cameo = |s: &str| -> Option<String> {
        let s = match s {
            "TMP" => "TLS",
            "ZAR" => "COD",
            "ROM" => "ROU",
            "KSV" => "XKX",
            "SRB" | "SCG" | "YUG" => "SRB",
            other => other,
        };
        if s == "XKX" {
            return ctx.state_of2("XK");
        }
        ctx.state_of3(s)
    };
    if let Some(s) = cameo(first) {
        return Some(s);
    }
    // only companies carry a country after their type (MNCUSA); IMGMUS is "Muslim", not Mauritius
    if first == "MNC"
        && let Some(second) = parts.get(1)
    {
        return cameo(second);
    }
    None
}

fn org_kind(parts: &[String], name_words: &[String]) -> &'static str {
    let has = |w: &str| name_words.iter().any(|x| x == w);
    if has("PARTY") {
        return "party";
    }
    let first = parts.first().map(String::as_str).unwrap_or("");
    match first {
        "IGO" => return "igo",
        "NGO" => return "ngo",
        "MNC" => {
            return if parts.iter().any(|p| p == "MED") {
                "media"
            } else {
                "company"
            };
        }
        "IMG" => return "militant",
        _ => {}
    }
    let role = parts.get(1).map(String::as_str).unwrap_or("");
    match role {
        "GOV" => {
            if has("MINISTRY") || has("DEPARTMENT") || has("MINISTRIES") {
                "ministry"
            } else if has("COURT") {
                "court"
            } else if has("AGENCY") || has("SERVICE") || has("BUREAU") || has("OFFICE") {
                "agency"
            } else {
                "government"
            }
        }
        "MIL" => "military",
        "LEG" => "parliament",
        "JUD" => "court",
        "COP" | "SPY" => "agency",
        "PTY" => "party",
        "OPP" => "other",
        "REB" | "INS" | "SEP" | "UAF" | "RAD" => "militant",
        "MED" => "media",
        "BUS" => "company",
        "NGO" | "CVL" | "REF" | "HRI" => "ngo",
        _ => "other",
    }
}

/// Convert a Phoenix org phrase to (name, aliases): "(ETA)" becomes an alias, a leading "The"
/// is dropped, one-word acronyms keep capitals and get a title-case alias.
pub fn org_surface(raw: &str) -> (String, Vec<String>) {
    let mut aliases = Vec::new();
    let mut s = phoenix_case(raw, false, false);
    if let (Some(i), Some(j)) = (s.find('('), s.rfind(')'))
        && i < j
    {
        let inner = s[i + 1..j].trim().to_string();
        if !inner.is_empty() && inner.len() <= 12 {
            aliases.push(inner.to_uppercase());
        }
        s = format!("{}{}", &s[..i], &s[j + 1..]);
    }
    let mut s = crate::text::collapse_ws(&s);
    if let Some(rest) = s.strip_prefix("The ") {
        s = rest.to_string();
    }
    if !s.contains(' ') {
        let letters = s.chars().filter(|c| c.is_alphabetic()).count();
        if letters <= 5 && raw.chars().any(char::is_uppercase) {
            let upper = s.to_uppercase();
            if upper != s && letters >= 4 {
                aliases.push(s.clone());
            }
            s = upper;
        }
    }
    (s, aliases)
}

/// CAMEO role codes (the three letters after a country code).
const CAMEO_ROLES: &[&str] = &[
    "GOV", "MIL", "REB", "OPP", "PTY", "ELI", "LEG", "JUD", "COP", "SPY", "BUS", "MED", "EDU",
    "HLH", "AGR", "ENV", "HRI", "REF", "DEV", "LAB", "CVL", "INS", "SEP", "UAF", "RAD", "REL",
    "CRM", "MOD", "IGO", "NGO", "MNC", "IMG", "SET", "IND",
];

pub enum Class {
    Person,
    Org,
    Skip,
}

/// Decide whether a Phoenix entry is a person, an organization or neither.
pub fn classify(e: &Entry, file: &str) -> Class {
    let Some(primary) = e.names.first().or(e.aliases.first()) else {
        return Class::Skip;
    };
    let w = words(primary);
    if w.is_empty() || w.iter().any(|x| x.chars().any(|c| c.is_ascii_digit())) && file != "mil" {
        return Class::Skip;
    }
    // the country entries themselves ([AFG]) are not taken from Phoenix
    if !e.codes.is_empty()
        && e.codes
            .iter()
            .all(|c| c.code.len() == 3 && c.start.is_none())
    {
        let c = &e.codes[0].code;
        if !matches!(c.as_str(), "MNC" | "NGO" | "IGO" | "IMG") {
            return Class::Skip;
        }
    }
    // a code whose second part is no CAMEO role (USAASM, DNKFRO) names a territory: skip
    if let Some(c) = e.codes.first() {
        let parts = code_parts(&c.code);
        if let Some(role) = parts.get(1)
            && parts[0].len() == 3
            && !CAMEO_ROLES.contains(&role.as_str())
            && !matches!(parts[0].as_str(), "IGO" | "NGO" | "MNC" | "IMG")
        {
            return Class::Skip;
        }
    }
    let is_org = has_any(primary, ORG_WORDS);
    let junk = has_any(primary, JUNK_WORDS);
    if junk && !is_org {
        return Class::Skip;
    }
    if is_org {
        return Class::Org;
    }
    let dated = e.codes.iter().any(|c| c.start.is_some() || c.end.is_some());
    match file {
        "countries" => {
            if dated && (2..=6).contains(&w.len()) {
                Class::Person
            } else {
                Class::Org
            }
        }
        "international" => {
            if dated && (2..=6).contains(&w.len()) {
                Class::Person
            } else {
                Class::Org
            }
        }
        _ => Class::Org,
    }
}

fn phoenix_orgs(ctx: &mut Ctx) {
    for (file, tag) in [
        (
            "petrarch/dictionaries/Phoenix.Countries.actors.txt",
            "countries",
        ),
        (
            "petrarch/dictionaries/Phoenix.International.actors.txt",
            "international",
        ),
        (
            "petrarch/dictionaries/Phoenix.MilNonState.actors.txt",
            "mil",
        ),
    ] {
        let Ok(text) = std::fs::read_to_string(ctx.src.join(file)) else {
            ctx.store.warn(&format!("{file}: missing"));
            continue;
        };
        let mut bad = 0;
        let entries = phoenix::parse(&text, &mut bad);
        for _ in 0..bad {
            ctx.store
                .warn("phoenix: code with an unreadable date skipped");
        }
        for e in &entries {
            if !matches!(classify(e, tag), Class::Org) {
                continue;
            }
            add_org(ctx, e, tag);
        }
        ctx.store.reindex();
    }
}

fn add_org(ctx: &mut Ctx, e: &Entry, tag: &str) {
    let Some(primary) = e.names.first().or(e.aliases.first()) else {
        return;
    };
    let (name, mut aliases) = org_surface(primary);
    if name.chars().count() < 2 || !is_latin(&name) || GENERIC.contains(&norm_key(&name).as_str()) {
        ctx.store
            .warn("phoenix: organization with a generic or short name skipped");
        return;
    }
    let code = e.codes.first().map(|c| c.code.clone()).unwrap_or_default();
    let parts = code_parts(&code);
    let state = code_state(ctx, &code);
    let kind = if tag == "mil" && !has_any(primary, &["PARTY"]) {
        "militant"
    } else {
        org_kind(&parts, &words(primary))
    };
    for other in e.names.iter().skip(1).chain(e.aliases.iter()) {
        if has_any(other, JUNK_WORDS) && !has_any(other, ORG_WORDS) {
            continue;
        }
        // Phoenix lists a group's leaders among its phrases ("KHALED_MESHAAL" under Hamas):
        // a several-word phrase without any organization word is taken for a person and skipped
        if other.replace('_', " ").split_whitespace().count() >= 2 && !has_any(other, ORG_WORDS) {
            ctx.store
                .warn("phoenix: person-like phrase among an organization's aliases skipped");
            continue;
        }
        let (n, extra) = org_surface(other);
        aliases.push(n);
        aliases.extend(extra);
    }
    let src = match tag {
        "countries" => "phoenix-countries",
        "international" => "phoenix-international",
        _ => "phoenix-milnonstate",
    };
    let mut ent = Entity::new(EType::Organization, &name, src)
        .kind(kind)
        .state(state.clone());
    for a in aliases {
        if a != name && is_latin(&a) && a.chars().count() >= 2 {
            ent.alias(&a);
        }
    }
    if code.starts_with("IGOUNO") && norm_key(&name) != "united nations" {
        ent.parent = Some("org:un".into());
    }
    // state-less duplicates of state-bound names merge on the name alone
    let cc = state
        .as_deref()
        .and_then(|s| s.strip_prefix("state:"))
        .map(|s| format!("{}-", s.to_lowercase()))
        .unwrap_or_default();
    let s = format!("{cc}{}", slug(&fold(&name)));
    ctx.store.upsert(ent, &s);
}

//! Final passes: supersede stale heads, apply the ambiguity policy to every surface, drop
//! dangling references, and write the four files deterministically.

use anyhow::{Context, Result};
use std::collections::{BTreeMap, HashMap, HashSet};
use std::io::Write;
use std::path::Path;

use crate::Ctx;
use crate::model::{EType, Entity, Store, push_unique};
use crate::text::{GENERIC, Lexicon, collapse_ws, is_latin, norm_key};

/// Two-letter surfaces that may be aliases (all of them exact by the case policy).
const SAFE_SHORT: &[&str] = &["US", "UK", "EU", "UN", "AU", "U.S.", "U.K.", "U.N.", "E.U."];
/// Two-letter aliases of organizations that news writes everywhere (`(AP)` in datelines).
const SAFE_SHORT_ORGS: &[(&str, &str)] = &[("org:us-associated-press", "AP")];

pub fn run(ctx: &mut Ctx) {
    let _ = STOP.set(ctx.lex.stop.iter().cloned().collect());
    supersede_heads(&mut ctx.store);
    let state_surfaces = state_surface_keys(&ctx.store);
    let lex = &ctx.lex;
    let mut warn: BTreeMap<String, usize> = BTreeMap::new();
    for e in ctx.store.ents.iter_mut() {
        clean_entity(e, lex, &state_surfaces, &mut warn);
    }
    shared_aliases(&mut ctx.store, &mut warn);
    shared_party_names(&mut ctx.store, &mut warn);
    prune_places(&mut ctx.store, &mut warn);
    loader_rules(&mut ctx.store, &mut warn);
    for e in ctx.store.ents.iter_mut() {
        set_exact(e, lex);
    }
    dangling(&mut ctx.store, &mut warn);
    for (w, n) in warn {
        *ctx.store.warnings.entry(w).or_default() += n;
    }
}

/// (start, person index, role index) of an open head role.
type OpenRole = (String, usize, usize);

/// An open head-of-state/government role ends where a later one of the same office starts
/// (only roles with known starts; the later one from a dated current source or curated).
fn supersede_heads(store: &mut Store) {
    // (relation, of) -> [(start, person index, role index)]
    let mut open: HashMap<(String, String), Vec<OpenRole>> = HashMap::new();
    for (i, e) in store.ents.iter().enumerate() {
        if e.etype != EType::Person {
            continue;
        }
        for (j, r) in e.roles.iter().enumerate() {
            if (r.relation == "head_of_state" || r.relation == "head_of_government")
                && r.end.is_none()
                && let Some(s) = &r.start
            {
                open.entry((r.relation.clone(), r.of.clone()))
                    .or_default()
                    .push((s.clone(), i, j));
            }
        }
    }
    let mut n = 0;
    for (_, mut v) in open {
        if v.len() < 2 {
            continue;
        }
        v.sort();
        let (latest, li, _) = v.last().cloned().unwrap_or_default();
        for (start, i, j) in v.iter().take(v.len() - 1) {
            if *i == li || *start >= latest {
                continue;
            }
            let r = &mut store.ents[*i].roles[*j];
            r.end = Some(latest.clone());
            let src = r.source.clone().unwrap_or_default();
            r.source = Some(format!("{src} (end: successor's start)").trim().to_string());
            n += 1;
        }
    }
    for _ in 0..n {
        store.warn("open head-of-state/government role closed at its successor's start");
    }
}

fn state_surface_keys(store: &Store) -> HashSet<String> {
    let mut out = HashSet::new();
    for e in store.ents.iter().filter(|e| e.etype == EType::State) {
        for s in e.surfaces() {
            out.insert(norm_key(s));
        }
    }
    out
}

/// A partial ISO date padded to a full day with `fill` ("-01-01" for starts, "-12-31" for ends).
fn date_bound(d: &str, fill: &str) -> String {
    let missing = 10usize.saturating_sub(d.len());
    format!("{d}{}", &fill[fill.len() - missing.min(fill.len())..])
}

fn letters(s: &str) -> usize {
    s.chars().filter(|c| c.is_alphabetic()).count()
}

/// Collapses white space and trims punctuation; a surface must start with a letter or digit
/// (the matcher only starts at word starts, and the loader rejects anything else), so leading
/// marks such as the transliteration apostrophe in "'Ajman" are dropped.
fn tidy(s: &str) -> String {
    collapse_ws(s)
        .trim_matches(|c: char| c == ',' || c == ';' || c == ':' || c == '-' || c == '"')
        .trim_start_matches(|c: char| !c.is_alphanumeric())
        .trim()
        .to_string()
}

/// Is `s` acceptable as an alias of `e` (generated, non-curated)?
fn alias_ok(
    e: &Entity,
    s: &str,
    lex: &Lexicon,
    state_surfaces: &HashSet<String>,
) -> Result<(), &'static str> {
    if s.is_empty() {
        return Err("empty alias dropped");
    }
    if lex.is_stop(s) {
        return Err("alias that is a stop word dropped");
    }
    let k = norm_key(s);
    if GENERIC.contains(&k.as_str()) {
        return Err("generic alias dropped (Government, Army, Party, ...)");
    }
    if !is_latin(s) {
        return Err("non-Latin alias dropped");
    }
    let n = letters(s);
    if s.chars().filter(|c| c.is_alphanumeric()).count() <= 2
        && !(SAFE_SHORT.contains(&s)
            && (e.etype == EType::State || e.kind.as_deref() == Some("igo")))
        && !SAFE_SHORT_ORGS.contains(&(e.id.as_str(), s))
    {
        return Err("one- or two-letter alias dropped");
    }
    if s.chars().count() > 90 {
        return Err("over-long alias dropped");
    }
    // English writes names capitalised; the lower-case aliases of the sources are descriptions
    // ("divers droite", "other right") whose first words ("other") would all be looked up
    if s.chars().next().is_some_and(char::is_lowercase) {
        return Err("alias starting with a lower-case letter dropped");
    }
    if !s.contains(' ') && lex.is_common(s) {
        return Err("alias that is a common English word or first name dropped");
    }
    if e.etype != EType::State && state_surfaces.contains(&k) {
        return Err("alias equal to a state's name dropped");
    }
    if e.etype == EType::Person && !s.contains(' ') && n < 4 {
        return Err("short one-word person alias dropped");
    }
    Ok(())
}

fn clean_entity(
    e: &mut Entity,
    lex: &Lexicon,
    state_surfaces: &HashSet<String>,
    warn: &mut BTreeMap<String, usize>,
) {
    e.name = tidy(&e.name);
    let mut aliases = Vec::new();
    let name = e.name.clone();
    for a in std::mem::take(&mut e.aliases) {
        let a = tidy(&a);
        if a == name {
            continue;
        }
        let verdict = if e.curated_surface(&a) {
            if lex.is_stop(&a) {
                Err("alias that is a stop word dropped")
            } else {
                Ok(())
            }
        } else {
            alias_ok(e, &a, lex, state_surfaces)
        };
        match verdict {
            Ok(()) => push_unique(&mut aliases, &a),
            Err(w) => *warn.entry(w.to_string()).or_default() += 1,
        }
    }
    e.aliases = aliases;
    for list in [&mut e.demonyms, &mut e.metonyms] {
        let mut out = Vec::new();
        for d in std::mem::take(list) {
            let d = tidy(&d);
            if !d.is_empty() && !lex.is_stop(&d) {
                push_unique(&mut out, &d);
            }
        }
        *list = out;
    }
    // the same surface twice with different capitalisation: keep the first
    let mut seen = HashSet::new();
    seen.insert(e.name.to_lowercase());
    let locked = e.locked.clone();
    e.aliases
        .retain(|a| seen.insert(a.to_lowercase()) || locked.contains(a));
    e.members.sort();
    e.members.dedup();
    // an undated role is redundant next to a dated one of the same office
    let dated: Vec<(String, String)> = e
        .roles
        .iter()
        .filter(|r| r.start.is_some())
        .map(|r| (r.relation.clone(), r.of.clone()))
        .collect();
    e.roles.retain(|r| {
        r.start.is_some() || r.end.is_some() || !dated.contains(&(r.relation.clone(), r.of.clone()))
    });
    // A role that ends before it starts (disagreeing sources) is dropped: the loader rejects it.
    let before = e.roles.len();
    e.roles
        .retain(|r| match (r.start.as_deref(), r.end.as_deref()) {
            (Some(s), Some(t)) => date_bound(s, "-01-01") <= date_bound(t, "-12-31"),
            _ => true,
        });
    if e.roles.len() < before {
        *warn
            .entry("role ending before it starts dropped".to_string())
            .or_default() += before - e.roles.len();
    }
    e.roles.sort_by(|a, b| {
        (
            a.start.as_deref().unwrap_or(""),
            &a.relation,
            &a.of,
            a.end.as_deref().unwrap_or(""),
        )
            .cmp(&(
                b.start.as_deref().unwrap_or(""),
                &b.relation,
                &b.of,
                b.end.as_deref().unwrap_or(""),
            ))
    });
}

impl Entity {
    /// Curated entities keep the surfaces they were given (the generator only adds).
    fn curated_surface(&self, s: &str) -> bool {
        self.locked.iter().any(|x| x == s)
    }
}

/// Generated cities that would steal mentions: a city whose name is shared by a city at least
/// three times bigger (London, Ontario vs London), and a one-word city name under 1M people that
/// is the first name or surname of three or more generated people (George, Mary, Jackson).
/// Capitals and curated places are kept. People only data/curated/people.jsonl knows do not
/// count: those notable people (Florence Nightingale, Thomas Edison) would otherwise drop towns
/// that the sources' politicians leave alone.
fn prune_places(store: &mut Store, warn: &mut BTreeMap<String, usize>) {
    let mut name_tokens: HashMap<String, usize> = HashMap::new();
    for e in store
        .ents
        .iter()
        .filter(|e| e.etype == EType::Person && e.source.as_deref() != Some("curated-people"))
    {
        let k = norm_key(&e.name);
        let toks: Vec<&str> = k.split(' ').collect();
        if toks.len() >= 2 {
            for t in [toks[0], toks[toks.len() - 1]] {
                *name_tokens.entry(t.to_string()).or_default() += 1;
            }
        }
    }
    let is_city = |e: &Entity| {
        e.etype == EType::Location && matches!(e.kind.as_deref(), Some("city") | Some("capital"))
    };
    let mut biggest: HashMap<String, u64> = HashMap::new();
    for e in store.ents.iter().filter(|e| is_city(e)) {
        let b = biggest.entry(norm_key(&e.name)).or_default();
        *b = (*b).max(e.weight);
    }
    let mut drop = HashSet::new();
    for e in store.ents.iter().filter(|e| is_city(e) && !e.curated) {
        if e.kind.as_deref() == Some("capital") {
            continue;
        }
        let k = norm_key(&e.name);
        if biggest
            .get(&k)
            .is_some_and(|&b| e.weight.saturating_mul(3) < b)
        {
            drop.insert(e.id.clone());
            *warn
                .entry("city named like a much bigger city dropped".into())
                .or_default() += 1;
        } else if !k.contains(' ')
            && e.weight < 1_000_000
            && name_tokens.get(&k).copied().unwrap_or(0) >= 3
        {
            drop.insert(e.id.clone());
            *warn
                .entry("city named like a person's first name or surname dropped".into())
                .or_default() += 1;
        }
    }
    store.retain(|e| !drop.contains(&e.id));
}

/// Strip what the loader rejects: leading punctuation ("'Ajman"), stop-word surfaces, roles
/// that end before they start, head/minister roles of non-states, member_of of non-organizations.
fn loader_rules(store: &mut Store, warn: &mut BTreeMap<String, usize>) {
    let lex_stop = |s: &str, st: &HashSet<String>| st.contains(&s.to_lowercase());
    let stop: HashSet<String> = STOP
        .get()
        .cloned()
        .unwrap_or_default()
        .into_iter()
        .collect();
    let fix = |s: &str| -> String {
        s.trim_start_matches(|c: char| {
            !c.is_alphanumeric() || ('\u{02B0}'..='\u{02FF}').contains(&c)
        })
        .trim()
        .to_string()
    };
    let types: HashMap<String, EType> =
        store.ents.iter().map(|e| (e.id.clone(), e.etype)).collect();
    let mut bump = |w: &str| *warn.entry(w.to_string()).or_default() += 1;
    for e in store.ents.iter_mut() {
        let n = fix(&e.name);
        if n != e.name {
            bump("leading punctuation removed from a name");
            e.name = n;
        }
        for list in [&mut e.aliases, &mut e.demonyms, &mut e.metonyms] {
            let mut out = Vec::new();
            for a in std::mem::take(list) {
                let f = fix(&a);
                if f.is_empty() || lex_stop(&f, &stop) {
                    bump("empty or stop-word surface dropped");
                    continue;
                }
                push_unique(&mut out, &f);
            }
            *list = out;
        }
        let before = e.roles.len();
        e.roles.retain(|r| {
            let pad_start = |d: &str| match d.len() {
                4 => format!("{d}-01-01"),
                7 => format!("{d}-01"),
                _ => d.to_string(),
            };
            let pad_end = |d: &str| match d.len() {
                4 => format!("{d}-12-31"),
                7 => format!("{d}-31"),
                _ => d.to_string(),
            };
            if let (Some(s), Some(x)) = (&r.start, &r.end)
                && pad_start(s) > pad_end(x)
            {
                return false;
            }
            let t = types.get(&r.of).copied();
            match r.relation.as_str() {
                "head_of_state" | "head_of_government" | "minister_of" => t == Some(EType::State),
                "member_of" => t == Some(EType::Organization),
                _ => matches!(t, Some(EType::State) | Some(EType::Organization)),
            }
        });
        for _ in e.roles.len()..before {
            bump("role ending before it starts, or of the wrong kind of entity, dropped");
        }
    }
    let before = store.ents.len();
    store.retain(|e| !e.name.is_empty() && !stop.contains(&e.name.to_lowercase()));
    for _ in store.ents.len()..before {
        bump("entity whose name is empty or a stop word dropped");
    }
}

/// The stop words the loader rejects as surfaces (data/lexicon/stop-words.txt, read at build time
/// of the generator would be circular; the list is read by `run` instead).
static STOP: std::sync::OnceLock<Vec<String>> = std::sync::OnceLock::new();

/// One-word person aliases claimed by several people, and state aliases claimed by several
/// states, are dropped (generated ones only).
fn shared_aliases(store: &mut Store, warn: &mut BTreeMap<String, usize>) {
    // a generated alias that is a curated entity's surface ("AFP": Agence France-Presse, not a
    // Senegalese party's acronym) belongs to the curated entity
    let curated: HashSet<String> = store
        .ents
        .iter()
        .filter(|e| e.curated)
        .flat_map(|e| std::iter::once(&e.name).chain(&e.aliases))
        .map(|s| norm_key(s))
        .collect();
    for e in store.ents.iter_mut().filter(|e| !e.curated) {
        let before = e.aliases.len();
        e.aliases.retain(|a| !curated.contains(&norm_key(a)));
        *warn
            .entry("alias that is a curated entity's name or alias dropped".into())
            .or_default() += before - e.aliases.len();
    }
    // one-word aliases of organizations and people that name a city ("Basra") are dropped
    let places: HashSet<String> = store
        .ents
        .iter()
        .filter(|e| e.etype == EType::Location)
        .map(|e| norm_key(&e.name))
        .collect();
    for e in store.ents.iter_mut() {
        if e.curated || !(e.etype == EType::Person || e.etype == EType::Organization) {
            continue;
        }
        let before = e.aliases.len();
        e.aliases.retain(|a| {
            a.contains(' ')
                || !places.contains(&norm_key(a))
                || a.chars().all(|c| !c.is_lowercase())
        });
        *warn
            .entry("one-word alias naming a place dropped".into())
            .or_default() += before - e.aliases.len();
    }
    let mut count: HashMap<(EType, String), usize> = HashMap::new();
    let mut names: HashSet<(EType, String)> = HashSet::new();
    for e in &store.ents {
        names.insert((e.etype, norm_key(&e.name)));
        let mut mine = HashSet::new();
        for a in &e.aliases {
            if e.etype == EType::State || !a.contains(' ') {
                mine.insert(norm_key(a));
            }
        }
        for k in mine {
            *count.entry((e.etype, k)).or_default() += 1;
        }
    }
    for e in store.ents.iter_mut() {
        if e.curated || !(e.etype == EType::Person || e.etype == EType::State) {
            continue;
        }
        let before = e.aliases.len();
        let t = e.etype;
        e.aliases.retain(|a| {
            if t == EType::Person && a.contains(' ') {
                return true;
            }
            let k = norm_key(a);
            count.get(&(t, k.clone())).copied().unwrap_or(0) < 2 && !names.contains(&(t, k))
        });
        *warn
            .entry("alias shared by several people (or states) dropped".into())
            .or_default() += before - e.aliases.len();
    }
}

/// Party names used in several states ("Social Democratic Party") would match any of them: a
/// generated party whose name is shared is renamed "Name (State)" (its unique aliases still
/// match), and aliases shared by parties of several states are dropped.
fn shared_party_names(store: &mut Store, warn: &mut BTreeMap<String, usize>) {
    let state_name: HashMap<String, String> = store
        .ents
        .iter()
        .filter(|e| e.etype == EType::State)
        .map(|e| (e.id.clone(), e.name.clone()))
        .collect();
    let mut states_of: HashMap<String, HashSet<String>> = HashMap::new();
    // surface -> (best weight, its entity id, second-best weight)
    let mut best: HashMap<String, (u64, String, u64)> = HashMap::new();
    for e in store
        .ents
        .iter()
        .filter(|e| e.kind.as_deref() == Some("party"))
    {
        let st = e.state.clone().unwrap_or_default();
        let mut mine = HashSet::new();
        for s in std::iter::once(&e.name).chain(e.aliases.iter()) {
            mine.insert(norm_key(s));
        }
        for k in mine {
            states_of.entry(k.clone()).or_default().insert(st.clone());
            let b = best.entry(k).or_insert((0, String::new(), 0));
            if e.weight > b.0 || b.1.is_empty() {
                b.2 = b.0;
                *b = (e.weight, e.id.clone(), b.2);
            } else if e.weight > b.2 {
                b.2 = e.weight;
            }
        }
    }
    for e in store.ents.iter_mut() {
        if e.curated || e.kind.as_deref() != Some("party") {
            continue;
        }
        // a surface stays with the clearly biggest (or US/UK) party that uses it
        let id = e.id.clone();
        let shared = |s: &str| {
            let k = norm_key(s);
            let many = states_of.get(&k).is_some_and(|v| v.len() >= 2);
            let keeper = best
                .get(&k)
                .is_some_and(|(w, bid, second)| *bid == id && *w >= 50 && 2 * *w >= 3 * *second);
            many && !keeper
        };
        let before = e.aliases.len();
        e.aliases.retain(|a| !shared(a));
        *warn
            .entry("party alias shared by parties of several states dropped".into())
            .or_default() += before - e.aliases.len();
        if shared(&e.name) {
            let qual = match e.state.as_ref().and_then(|s| state_name.get(s)) {
                Some(sn) => Some(sn.clone()),
                // a party of a former state (its partyfacts country code is in its id: org:ddr-cdu)
                None => {
                    e.id.strip_prefix("org:")
                        .and_then(|r| r.split('-').next())
                        .map(str::to_uppercase)
                }
            };
            if let Some(sn) = qual {
                e.name = format!("{} ({sn})", e.name);
                *warn
                    .entry("party name shared by several states qualified with its state".into())
                    .or_default() += 1;
            }
        }
    }
}

fn set_exact(e: &mut Entity, lex: &Lexicon) {
    let mut exact = std::mem::take(&mut e.exact);
    let surfaces: Vec<String> = e.surfaces().cloned().collect();
    for s in &surfaces {
        let caps = letters(s) >= 2
            && s.chars()
                .filter(|c| c.is_alphabetic())
                .all(char::is_uppercase);
        let code_like = e.etype == EType::State && caps && letters(s) <= 4;
        if (!s.contains(' ') && lex.is_common(s)) || code_like {
            push_unique(&mut exact, s);
        }
    }
    // keep only surfaces the entity has
    exact.retain(|x| surfaces.contains(x));
    e.exact = exact;
}

fn dangling(store: &mut Store, warn: &mut BTreeMap<String, usize>) {
    let ids: HashSet<String> = store.ents.iter().map(|e| e.id.clone()).collect();
    let states: HashSet<String> = store
        .ents
        .iter()
        .filter(|e| e.etype == EType::State)
        .map(|e| e.id.clone())
        .collect();
    let mut bump = |w: &str| *warn.entry(w.to_string()).or_default() += 1;
    for e in store.ents.iter_mut() {
        if e.state.as_ref().is_some_and(|s| !states.contains(s)) {
            e.state = None;
            bump("reference to an unknown state dropped");
        }
        if e.parent
            .as_ref()
            .is_some_and(|s| !ids.contains(s) || *s == e.id)
        {
            e.parent = None;
            bump("reference to an unknown parent dropped");
        }
        let before = e.members.len();
        e.members.retain(|m| states.contains(m));
        for _ in e.members.len()..before {
            bump("unknown member state dropped");
        }
        let before = e.roles.len();
        e.roles.retain(|r| ids.contains(&r.of));
        for _ in e.roles.len()..before {
            bump("role of an unknown entity dropped");
        }
    }
}

/// Write the four files (sorted by id); remove any other *.jsonl from `out`.
pub fn write(store: &Store, out: &Path) -> Result<BTreeMap<&'static str, usize>> {
    std::fs::create_dir_all(out).with_context(|| format!("creating {}", out.display()))?;
    let files = [
        (EType::State, "states.jsonl"),
        (EType::Organization, "organizations.jsonl"),
        (EType::Person, "people.jsonl"),
        (EType::Location, "locations.jsonl"),
    ];
    for entry in std::fs::read_dir(out)? {
        let p = entry?.path();
        let keep = p
            .file_name()
            .and_then(|n| n.to_str())
            .is_some_and(|n| files.iter().any(|(_, f)| *f == n));
        if p.extension().is_some_and(|x| x == "jsonl") && !keep {
            std::fs::remove_file(&p).with_context(|| format!("removing {}", p.display()))?;
        }
    }
    let mut counts = BTreeMap::new();
    for (t, f) in files {
        let mut ents: Vec<&Entity> = store.ents.iter().filter(|e| e.etype == t).collect();
        ents.sort_by(|a, b| a.id.cmp(&b.id));
        let path = out.join(f);
        let tmp = out.join(format!(".{f}.tmp"));
        let mut w = std::io::BufWriter::new(std::fs::File::create(&tmp)?);
        writeln!(
            w,
            "# Generated by `cargo run --release -p gen_gazetteer` from ../shared/data/sources and data/curated; do not edit (see data/README.md)."
        )?;
        for e in &ents {
            serde_json::to_writer(&mut w, e)?;
            w.write_all(b"\n")?;
        }
        w.flush()?;
        drop(w);
        std::fs::rename(&tmp, &path)?;
        counts.insert(
            match t {
                EType::State => "states",
                EType::Organization => "organizations",
                EType::Person => "people",
                EType::Location => "locations",
            },
            ents.len(),
        );
    }
    Ok(counts)
}

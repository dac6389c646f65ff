//! Wikidata links (QIDs) for places and organizations, from `wikidata-links/` (data/README.md):
//! cities by name or alias + country + coordinates (within [`MAX_KM`] of the GeoNames point),
//! regions by name or alias + country, companies, parties and government bodies by name or
//! alias + country + a compatible name-suggestion-index category. Never by name alone. A place whose candidates carry more than one QID stays
//! unlinked, and so do two places that would get the same QID; both are counted, as are QIDs a
//! source already gave that a link source contradicts (the QID already there wins).

use std::collections::{BTreeMap, BTreeSet, HashMap};

use crate::Ctx;
use crate::model::{EType, Entity};
use crate::text::norm_key;

/// Farthest a link source's point may be from the GeoNames point of a city.
pub const MAX_KM: f64 = 25.0;

/// The countries-states-cities place types that are settlements (`city:city`, a seat of a
/// division `city:adm1`, ...); counties, districts, sections, regencies and the like are
/// administrative units that share a city's name but not its QID.
const CITY_TYPES: &[&str] = &[
    "",
    "city",
    "capital",
    "town",
    "municipality",
    "prefecture",
    "locality",
    "settlement",
    "village",
    "gov_seat",
    "cities",
    "special municipality",
    "adm1",
    "adm2",
    "adm3",
    "adm4",
];

/// The name-suggestion-index categories an organization of a kind may have (prefixes of its
/// `categories`); kinds not listed are not linked from it.
fn org_categories(kind: &str) -> Option<&'static [&'static str]> {
    Some(match kind {
        "party" => &["brands/office/political_party"],
        "company" => &[
            "brands/shop/",
            "brands/amenity/",
            "brands/office/company",
            "brands/office/insurance",
            "brands/office/telecommunication",
            "brands/office/estate_agent",
            "brands/office/financial",
            "brands/tourism/",
            "brands/craft/",
            "brands/healthcare/",
            "operators/power/",
            "operators/railway",
            "operators/route/",
            "operators/amenity/",
            "operators/man_made/",
            "operators/office/company",
            "transit/",
            "brands/public_transport/",
            "operators/public_transport/",
        ],
        "government" | "ministry" | "agency" | "military" | "council" | "parliament" | "court" => {
            &[
                "operators/office/government",
                "operators/amenity/police",
                "operators/military",
            ]
        }
        _ => return None,
    })
}

/// Words a region's name may carry in one source and not the other ("Tacna Region", "Tacna").
const REGION_WORDS: &[&str] = &[
    "province",
    "region",
    "state",
    "governorate",
    "oblast",
    "prefecture",
    "county",
    "district",
    "department",
    "voivodeship",
    "canton",
    "territory",
    "autonomous community",
    "autonomous region",
    "municipality",
];

struct Point {
    qid: String,
    lat: f64,
    lon: f64,
    /// Which source row: "ne:Name" or "csc:Name".
    row: String,
}

/// A name-suggestion-index row under one name: (rank, QID, categories, source row).
type OrgRow = (u8, String, String, String);

#[derive(Default)]
struct Index {
    /// (country code, name key) -> points.
    cities: HashMap<(String, String), Vec<Point>>,
    /// (country code, name key) -> (QID, source row); also under the key without its
    /// administrative word.
    regions: HashMap<(String, String), BTreeSet<(String, String)>>,
    /// (country code, name key without its administrative word) -> (QID, source row), for
    /// source names that have one.
    region_cores: HashMap<(String, String), BTreeSet<(String, String)>>,
    /// US cities: (state postal code, name key) -> (QID, source row).
    us_cities: HashMap<(String, String), BTreeSet<(String, String)>>,
    /// Natural Earth's first-level divisions (no country given): name key -> QIDs, and every
    /// QID of the layer. Never links (a name alone), only vetoes.
    ne_divisions: HashMap<String, BTreeSet<String>>,
    ne_division_qids: BTreeSet<String>,
    /// Organizations: (country code, name key) -> (rank, QID, categories, source row); rank 0
    /// for the name, 1 for a matchName alias.
    orgs: HashMap<(String, String), Vec<OrgRow>>,
}

fn km(a: (f64, f64), b: (f64, f64)) -> f64 {
    let (la1, lo1, la2, lo2) = (
        a.0.to_radians(),
        a.1.to_radians(),
        b.0.to_radians(),
        b.1.to_radians(),
    );
    let h = ((la2 - la1) / 2.0).sin().powi(2)
        + la1.cos() * la2.cos() * ((lo2 - lo1) / 2.0).sin().powi(2);
    2.0 * 6371.0 * h.sqrt().asin()
}

/// The key of a region's name without its administrative word ("tacna region" -> "tacna").
fn region_core(key: &str) -> Option<String> {
    for w in REGION_WORDS {
        if let Some(rest) = key.strip_suffix(&format!(" {w}")) {
            return Some(rest.to_string());
        }
        if let Some(rest) = key.strip_prefix(&format!("{w} of ")) {
            return Some(rest.to_string());
        }
    }
    None
}

/// The source of a point's row label ("ne", "csc").
fn source_of(row: &str) -> String {
    row.split(['[', ':']).next().unwrap_or("").to_string()
}

fn is_qid(s: &str) -> bool {
    s.len() > 1 && s.starts_with('Q') && s[1..].bytes().all(|b| b.is_ascii_digit())
}

fn index(ctx: &mut Ctx) -> Index {
    let mut ix = Index::default();
    let city = |ix: &mut Index, src: &str, cc: &str, name: &str, qid: &str, lat: f64, lon: f64| {
        let k = norm_key(name);
        if !k.is_empty() {
            ix.cities
                .entry((cc.to_string(), k))
                .or_default()
                .push(Point {
                    qid: qid.to_string(),
                    lat,
                    lon,
                    row: format!("{src}:{name}"),
                });
        }
    };
    let coords = |r: &HashMap<String, String>| -> Option<(f64, f64)> {
        Some((
            r.get("latitude")?.parse().ok()?,
            r.get("longitude")?.parse().ok()?,
        ))
    };
    for r in ctx.read_tsv("wikidata-links/natural-earth/ne_wikidata.tsv") {
        let (Some(qid), Some(layer), Some(cc)) = (r.get("qid"), r.get("layer"), r.get("iso_a2"))
        else {
            continue;
        };
        if layer == "admin_1_states_provinces" && is_qid(qid) {
            for n in [&r["name"], &r["name_en"]] {
                let k = norm_key(n);
                if !k.is_empty() {
                    for key in region_core(&k).into_iter().chain([k]) {
                        ix.ne_divisions.entry(key).or_default().insert(qid.clone());
                    }
                }
            }
            ix.ne_division_qids.insert(qid.clone());
            continue;
        }
        if layer != "populated_places" || !is_qid(qid) || cc.len() != 2 {
            continue;
        }
        let Some((lat, lon)) = coords(&r) else {
            continue;
        };
        let mut names: Vec<&str> = vec![&r["name"], &r["name_en"]];
        names.extend(r["name_alt"].split('|'));
        for n in names {
            city(&mut ix, "ne", cc, n, qid, lat, lon);
        }
    }
    for r in ctx.read_tsv("wikidata-links/countries-states-cities/places_wikidata.tsv") {
        let (Some(qid), Some(t), Some(cc), Some(name)) = (
            r.get("qid"),
            r.get("type"),
            r.get("country_code"),
            r.get("name"),
        ) else {
            continue;
        };
        if !is_qid(qid) || cc.len() != 2 {
            continue;
        }
        if t == "country" {
            // A dependent territory is a region of its sovereign state here (Réunion, Bermuda).
            if let Some(Some(sovereign)) = ctx.territories.get(cc.as_str()) {
                let sov = sovereign.trim_start_matches("state:").to_string();
                ix.regions
                    .entry((sov, norm_key(name)))
                    .or_default()
                    .insert((qid.to_string(), format!("csc:{name} ({cc})")));
            }
        } else if t.starts_with("city:") {
            if let Some((lat, lon)) = coords(&r) {
                city(&mut ix, &format!("csc[{t}]"), cc, name, qid, lat, lon);
            }
        } else if t.starts_with("state:") {
            let k = norm_key(name);
            let v = (qid.to_string(), format!("csc:{name}"));
            if let Some(core) = region_core(&k) {
                ix.regions
                    .entry((cc.to_string(), core.clone()))
                    .or_default()
                    .insert(v.clone());
                ix.region_cores
                    .entry((cc.to_string(), core))
                    .or_default()
                    .insert(v.clone());
            }
            ix.regions.entry((cc.to_string(), k)).or_default().insert(v);
        }
    }
    // A QID that the source gives to divisions of different names (Kalimantan and West
    // Kalimantan) is not trusted for any of them.
    let mut names_of: HashMap<String, BTreeSet<String>> = HashMap::new();
    for set in ix.regions.values() {
        for (q, row) in set {
            names_of
                .entry(q.clone())
                .or_default()
                .insert(norm_key(row.split_once(':').map_or(row.as_str(), |x| x.1)));
        }
    }
    let reused: BTreeSet<String> = names_of
        .into_iter()
        .filter(|(_, names)| {
            let cores: BTreeSet<String> = names
                .iter()
                .map(|n| region_core(n).unwrap_or_else(|| n.clone()))
                .collect();
            cores.len() > 1
        })
        .map(|(q, _)| q)
        .collect();
    ctx.store.warn(&format!(
        "wikidata links: {} division QIDs given to divisions of different names, not used",
        reused.len()
    ));
    for m in [&mut ix.regions, &mut ix.region_cores] {
        for set in m.values_mut() {
            set.retain(|(q, _)| !reused.contains(q));
        }
    }
    // A division row carrying a city's QID (the capital's, on a province of the same name) is
    // not the division's.
    let city_qids: BTreeSet<String> = ix
        .cities
        .values()
        .flatten()
        .map(|p| p.qid.clone())
        .collect();
    let mut city_qid_rows = 0;
    for m in [&mut ix.regions, &mut ix.region_cores] {
        for set in m.values_mut() {
            let before = set.len();
            set.retain(|(q, row)| row.contains(" (") || !city_qids.contains(q));
            city_qid_rows += before - set.len();
        }
    }
    ctx.store.warn(&format!(
        "wikidata links: {city_qid_rows} division index entries carrying a city's QID, not used"
    ));
    // A QID that one source gives to places far apart (the same QID on several towns) is
    // not trusted from that source at all.
    let mut spread: HashMap<(String, String), Vec<(f64, f64)>> = HashMap::new();
    for pts in ix.cities.values() {
        for p in pts {
            let src = source_of(&p.row);
            spread
                .entry((src, p.qid.clone()))
                .or_default()
                .push((p.lat, p.lon));
        }
    }
    let untrusted: BTreeSet<(String, String)> = spread
        .into_iter()
        .filter(|(_, pts)| pts.iter().any(|&a| pts.iter().any(|&b| km(a, b) > MAX_KM)))
        .map(|(k, _)| k)
        .collect();
    ctx.store.warn(&format!(
        "wikidata links: {} QIDs a source gives to places more than {MAX_KM} km apart, not used from it",
        untrusted.len()
    ));
    for pts in ix.cities.values_mut() {
        pts.retain(|p| {
            let src = source_of(&p.row);
            // An administrative unit named like a city (a county, a district) is not the city;
            // such rows count above (a QID reused on them is suspect) but link nothing.
            let settlement = match p.row.strip_prefix("csc[city:") {
                Some(rest) => CITY_TYPES.contains(&rest.split(']').next().unwrap_or("")),
                None => true,
            };
            settlement && !untrusted.contains(&(src, p.qid.clone()))
        });
    }
    for r in ctx.read_tsv("wikidata-links/name-suggestion-index/nsi_wikidata.tsv") {
        let (Some(qid), Some(role), Some(cats), Some(locs)) = (
            r.get("qid"),
            r.get("role"),
            r.get("categories"),
            r.get("locations"),
        ) else {
            continue;
        };
        if !is_qid(qid) || !matches!(role.as_str(), "brand" | "operator" | "network") {
            continue;
        }
        // Countries only ("us", "us-tx.geojson"); world and region codes ("001", "150") say
        // nothing about a country.
        let countries: BTreeSet<String> = locs
            .split('|')
            .filter_map(|l| {
                let c = l.split(['-', '.']).next()?;
                (c.len() == 2 && c.bytes().all(|b| b.is_ascii_alphabetic()))
                    .then(|| c.to_ascii_uppercase())
            })
            .collect();
        let names = [(0u8, r["name"].as_str()), (0, r["name_en"].as_str())]
            .into_iter()
            .chain(r["aliases"].split('|').map(|a| (1u8, a)));
        let mut seen = BTreeSet::new();
        for (rank, n) in names {
            let k = norm_key(n);
            if k.chars().count() < 3 || !seen.insert(k.clone()) {
                continue;
            }
            for cc in &countries {
                ix.orgs.entry((cc.clone(), k.clone())).or_default().push((
                    rank,
                    qid.clone(),
                    cats.clone(),
                    format!("nsi[{role}]:{}", r["name"]),
                ));
            }
        }
    }
    for r in ctx.read_tsv("wikidata-links/extras-cc0/wiki-media-cred/wikidata-us-cities.tsv") {
        let (Some(qid), Some(st), Some(name)) =
            (r.get("WD-QID"), r.get("state"), r.get("placeLabel"))
        else {
            continue;
        };
        if is_qid(qid) && st.len() == 2 {
            ix.us_cities
                .entry((st.to_string(), norm_key(name)))
                .or_default()
                .insert((qid.to_string(), format!("wmc:{name}, {st}")));
        }
    }
    ix
}

/// Counts of one kind of place.
#[derive(Default)]
struct Tally {
    linked: usize,
    ambiguous: usize,
    unmatched: usize,
    no_point: usize,
    kept: usize,
    contradicted: usize,
    shared: usize,
}

/// Which tally an entity the linker reads belongs to (none: not linked by it).
fn kind_of(e: &Entity) -> Option<&'static str> {
    match (e.etype, e.kind.as_deref()) {
        (EType::Location, Some("city") | Some("capital")) => Some("cities"),
        (EType::Location, Some("region")) => Some("regions"),
        (EType::Organization, Some(k)) if org_categories(k).is_some() => Some("organizations"),
        _ => None,
    }
}

/// Candidate links: ((rank on our side, rank on the source's side), QID, source row).
type Cands = BTreeSet<((u8, u8), String, String)>;

/// A city's candidates: points within [`MAX_KM`] under its names (then its alternate names);
/// Natural Earth ranks before countries-states-cities; US cities also by name and state.
fn city_candidates(
    ix: &Index,
    e: &Entity,
    cc: &str,
    p: (f64, f64),
    own: &BTreeSet<String>,
    alt: &BTreeSet<String>,
) -> Cands {
    let mut cands = Cands::new();
    for (weak, keys) in [(0u8, own), (1u8, alt)] {
        for k in keys {
            for c in ix
                .cities
                .get(&(cc.to_string(), k.clone()))
                .into_iter()
                .flatten()
            {
                let d = km(p, (c.lat, c.lon));
                if d <= MAX_KM {
                    let rank = if c.row.starts_with("ne:") { 0 } else { 1 };
                    cands.insert((
                        (weak, rank),
                        c.qid.clone(),
                        format!("{} {} @{:.1} km", c.qid, c.row, d),
                    ));
                }
            }
            // US cities by name and state (the source has no coordinates).
            if cc == "US"
                && let Some(st) = &e.admin1
            {
                for (q, row) in ix
                    .us_cities
                    .get(&(st.clone(), k.clone()))
                    .into_iter()
                    .flatten()
                {
                    cands.insert(((weak, 2), q.clone(), format!("{q} {row}")));
                }
            }
        }
    }
    cands
}

/// The name-suggestion-index categories of government offices, never a company's.
const GOVERNMENT_CATEGORIES: &[&str] = &[
    "operators/office/government",
    "operators/amenity/police",
    "operators/military",
];

/// An organization's candidates: name-suggestion-index rows under its names in its country
/// with a category its kind may have.
fn org_candidates(ix: &Index, e: &Entity, cc: &str, own: &BTreeSet<String>) -> Cands {
    let mut cands = Cands::new();
    let allowed = org_categories(e.kind.as_deref().unwrap_or("")).unwrap_or(&[]);
    let company = e.kind.as_deref() == Some("company");
    let name_key = norm_key(&e.name);
    for k in own {
        // Our name, or one of our aliases (an acronym, a short form) as weaker evidence.
        let ours = u8::from(*k != name_key);
        for (rank, q, cats, row) in ix
            .orgs
            .get(&(cc.to_string(), k.clone()))
            .into_iter()
            .flatten()
        {
            let fits = |c: &str| {
                allowed.iter().any(|a| c.starts_with(a))
                    && !(company && GOVERNMENT_CATEGORIES.iter().any(|g| c.starts_with(g)))
            };
            if cats.split('|').any(fits) {
                cands.insert(((ours, *rank), q.clone(), format!("{q} {row}")));
            }
        }
    }
    cands
}

/// A region's candidates: divisions under its exact names, then without the administrative
/// word against source names that had one too ("Tacna Region" ~ "Tacna Province"); `vetoed`
/// counts the candidates Natural Earth's divisions rule out.
fn region_candidates(ix: &Index, cc: &str, own: &BTreeSet<String>, vetoed: &mut usize) -> Cands {
    let mut cands = Cands::new();
    for k in own {
        for (q, row) in ix
            .regions
            .get(&(cc.to_string(), k.clone()))
            .into_iter()
            .flatten()
        {
            // Natural Earth names this division with another QID and never uses this one:
            // the row is not the division's (a capital's QID on its province).
            if ix.ne_divisions.get(k).is_some_and(|qs| !qs.contains(q))
                && !ix.ne_division_qids.contains(q)
            {
                *vetoed += 1;
                continue;
            }
            cands.insert(((0, 0), q.clone(), format!("{q} {row}")));
        }
        if let Some(core) = region_core(k) {
            for (q, row) in ix
                .region_cores
                .get(&(cc.to_string(), core))
                .into_iter()
                .flatten()
            {
                cands.insert(((0, 1), q.clone(), format!("{q} {row}")));
            }
        }
    }
    cands
}

/// One line of the link report: id, name, kind, state, coordinates, decision, QIDs, the
/// source rows that matched.
fn line(e: &Entity, decision: &str, qids: &BTreeSet<String>, rows: &BTreeSet<String>) -> String {
    let clean = |s: &str| s.replace(['\t', '\n'], " ");
    format!(
        "{}\t{}\t{}\t{}\t{}\t{}\t{}\t{}",
        e.id,
        clean(&e.name),
        e.kind.as_deref().unwrap_or(""),
        e.state.as_deref().unwrap_or(""),
        e.coord
            .map(|(a, b)| format!("{a:.4},{b:.4}"))
            .unwrap_or_default(),
        decision,
        qids.iter().cloned().collect::<Vec<_>>().join(" "),
        clean(&rows.iter().cloned().collect::<Vec<_>>().join(" | ")),
    )
}

/// Links places and returns the link report (header first, then one line per place, in
/// entity order): what `--link-report` writes.
pub fn load(ctx: &mut Ctx) -> Vec<String> {
    let ix = index(ctx);
    let mut report =
        vec!["id\tname\tkind\tstate\tcoordinates\tdecision\tqids\tsource rows".to_string()];
    let mut vetoed = 0usize;
    // Entity index -> the QID found for it and the rows that gave it.
    let mut found: BTreeMap<usize, (String, BTreeSet<String>)> = BTreeMap::new();
    let mut tallies: BTreeMap<&'static str, Tally> = BTreeMap::new();
    for (i, e) in ctx.store.ents.iter().enumerate() {
        let Some(kind) = kind_of(e) else {
            continue;
        };
        let tally = tallies.entry(kind).or_default();
        let Some(cc) = e.state.as_deref().and_then(|s| s.strip_prefix("state:")) else {
            tally.unmatched += 1;
            report.push(line(
                e,
                "unmatched (no state)",
                &BTreeSet::new(),
                &BTreeSet::new(),
            ));
            continue;
        };
        // Names from the entity itself (name, aliases) are stronger evidence than GeoNames'
        // alternate names; a candidate's rank is (weaker names, source priority), and only the
        // best rank counts (docs: data/README.md, "Wikidata links").
        let own: BTreeSet<String> = std::iter::once(&e.name)
            .chain(&e.aliases)
            .map(|n| norm_key(n))
            .filter(|k| !k.is_empty())
            .collect();
        let alt: BTreeSet<String> = e
            .link_names
            .iter()
            .map(|n| norm_key(n))
            .filter(|k| !k.is_empty() && !own.contains(k))
            .collect();
        let cands = match kind {
            "cities" => {
                let Some(p) = e.coord else {
                    tally.no_point += 1;
                    report.push(line(
                        e,
                        "no coordinates",
                        &BTreeSet::new(),
                        &BTreeSet::new(),
                    ));
                    continue;
                };
                city_candidates(&ix, e, cc, p, &own, &alt)
            }
            "organizations" => org_candidates(&ix, e, cc, &own),
            _ => region_candidates(&ix, cc, &own, &mut vetoed),
        };
        let best = cands.iter().map(|c| c.0).min();
        let mut qids: BTreeSet<String> = cands
            .iter()
            .filter(|c| Some(c.0) == best)
            .map(|c| c.1.clone())
            .collect();
        if kind == "organizations" {
            // A matchName alias (or one of our short aliases) finds subsidiaries, shop brands,
            // acquirers and successors as often as the organization itself: only our name equal
            // to a row's name links, and any other row with another QID makes it ambiguous.
            if best != Some((0, 0)) {
                qids.clear();
            } else {
                qids = cands.iter().map(|c| c.1.clone()).collect();
            }
        }
        let rows: BTreeSet<String> = cands.iter().map(|c| c.2.clone()).collect();
        if let Some(have) = &e.qid {
            if qids.is_empty() || qids.contains(have) {
                tally.kept += 1;
                report.push(line(e, "kept", &qids, &rows));
            } else {
                tally.contradicted += 1;
                report.push(line(e, "contradicted (kept)", &qids, &rows));
                eprintln!(
                    "wikidata links: {} keeps {have}; the link sources say {}",
                    e.id,
                    qids.iter().cloned().collect::<Vec<_>>().join(", ")
                );
            }
            continue;
        }
        match qids.len() {
            0 => {
                tally.unmatched += 1;
                report.push(line(e, "unmatched", &qids, &rows));
            }
            1 => {
                found.insert(i, (qids.iter().next().expect("one").clone(), rows));
            }
            _ => {
                tally.ambiguous += 1;
                report.push(line(e, "ambiguous", &qids, &rows));
            }
        }
    }
    // A QID found for two places (or already held by another entity) links neither.
    let mut holders: HashMap<String, usize> = HashMap::new();
    for e in &ctx.store.ents {
        if let Some(q) = &e.qid {
            *holders.entry(q.clone()).or_default() += 1;
        }
    }
    let mut claims: HashMap<String, Vec<usize>> = HashMap::new();
    for (&i, (q, _)) in &found {
        *holders.entry(q.clone()).or_default() += 1;
        claims.entry(q.clone()).or_default().push(i);
    }
    // One exception: a city and a region of its state with the same name that both found
    // the QID (a city that is also a first-level division: Shanghai, Tokyo, Abidjan) give it
    // to the city.
    let mut to_city: BTreeSet<usize> = BTreeSet::new();
    for (q, idx) in &claims {
        if idx.len() != 2 || holders[q] != 2 {
            continue;
        }
        let (a, b) = (&ctx.store.ents[idx[0]], &ctx.store.ents[idx[1]]);
        let is_region = |e: &Entity| e.kind.as_deref() == Some("region");
        let (city, region, ci) = match (is_region(a), is_region(b)) {
            (false, true) => (a, b, idx[0]),
            (true, false) => (b, a, idx[1]),
            _ => continue,
        };
        let rk = norm_key(&region.name);
        if city.state == region.state
            && (norm_key(&city.name) == rk
                || region_core(&rk).as_deref() == Some(&norm_key(&city.name)))
        {
            to_city.insert(ci);
        }
    }
    for (i, (q, rows)) in found {
        let e = &mut ctx.store.ents[i];
        let kind = kind_of(e).expect("only linkable entities are found");
        let tally = tallies.entry(kind).or_default();
        let one = BTreeSet::from([q.clone()]);
        if holders[&q] > 1 && !to_city.contains(&i) {
            tally.shared += 1;
            report.push(line(e, "shared with another entity", &one, &rows));
            continue;
        }
        report.push(line(e, "linked", &one, &rows));
        e.qid = Some(q);
        push_source(&mut e.source, "wikidata-links");
        tally.linked += 1;
    }
    eprintln!("wikidata links: {vetoed} division candidates vetoed by Natural Earth's divisions");
    for (kind, t) in &tallies {
        eprintln!(
            "wikidata links, {kind}: {} linked, {} kept their QID ({} contradicted by a link source), \
             {} ambiguous, {} sharing a QID with another entity, {} unmatched, {} without coordinates",
            t.linked, t.kept, t.contradicted, t.ambiguous, t.shared, t.unmatched, t.no_point
        );
    }
    report
}

/// Adds a source to an entity's `+`-separated `source`.
fn push_source(source: &mut Option<String>, s: &str) {
    match source {
        Some(x) if x.split('+').any(|p| p == s) => {}
        Some(x) => {
            x.push('+');
            x.push_str(s);
        }
        None => *source = Some(s.to_string()),
    }
}

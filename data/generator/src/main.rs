//! Generator of relgraph's default gazetteer (data/gazetteer/*.jsonl).
//!
//! ```text
//! cargo run --release -p gen_gazetteer -- --sources ../shared/data/sources --out data/gazetteer
//! ```
//!
//! Reads the raw sources (see data/README.md) and the hand-curated entities of
//! `data/curated/*.jsonl` (highest priority, their ids are kept), merges them, applies the
//! ambiguity policy of docs/gazetteer.md, and writes exactly `states.jsonl`,
//! `organizations.jsonl`, `people.jsonl` and `locations.jsonl` (sorted by id, byte-for-byte
//! deterministic). Odd source rows are skipped and counted; the counts are printed at the end.

mod conflicts;
mod finalize;
mod links;
mod model;
mod orgs;
mod people;
mod phoenix;
mod places;
mod states;
mod text;

use anyhow::{Context, Result, bail};
use clap::Parser;
use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};

use model::{EType, Entity, Store};
use text::Lexicon;

#[derive(Parser)]
#[command(
    about = "Generate relgraph's default gazetteer from the raw sources and data/curated",
    after_help = "Example:\n  cargo run --release -p gen_gazetteer -- --sources ../shared/data/sources --out data/gazetteer"
)]
struct Args {
    /// Folder of the raw sources (countries-mledoze, geonames, petrarch, ...).
    #[arg(long)]
    sources: PathBuf,
    /// Output folder; receives exactly states/organizations/people/locations.jsonl.
    #[arg(long, default_value = "data/gazetteer")]
    out: PathBuf,
    /// Folder of hand-curated entity files (*.jsonl), merged first.
    #[arg(long, default_value = "data/curated")]
    curated: PathBuf,
    /// Folder holding stop-words.txt and common-words.txt.
    #[arg(long, default_value = "data/lexicon")]
    lexicon: PathBuf,
    /// Also write every place's Wikidata linking decision (TSV: the entity, the decision, the
    /// QIDs and the source rows that matched) to this file, for review and judging.
    #[arg(long, value_name = "PATH")]
    link_report: Option<PathBuf>,
    /// Also write every conflict between sources (TSV: the entity, the field, the value kept
    /// and its source, the other value and its source; data/README.md, "Provenance and
    /// conflicts") to this file; data/generator/conflicts.tsv is this report.
    #[arg(long, value_name = "PATH")]
    conflict_report: Option<PathBuf>,
}

/// Shared state of one generator run.
pub struct Ctx {
    pub src: PathBuf,
    pub store: Store,
    pub lex: Lexicon,
    /// ISO 3166 alpha-3 (and CAMEO country codes) -> alpha-2.
    pub iso3: HashMap<String, String>,
    pub ioc: HashMap<String, String>,
    pub states: BTreeMap<String, states::StateInfo>,
    /// Territory alpha-2 -> its sovereign's state id.
    pub territories: HashMap<String, Option<String>>,
    pub provinces: BTreeMap<String, Vec<String>>,
    /// partyfacts id -> organization id.
    pub party_ids: HashMap<String, String>,
    /// (state id, normalised surname) -> person ids, for loose name matching.
    pub people_by_surname: HashMap<(String, String), Vec<String>>,
    /// normalised name -> person ids.
    pub people_by_name: HashMap<String, Vec<String>>,
}

impl Ctx {
    pub fn read_json(&mut self, rel: &str) -> Option<serde_json::Value> {
        let p = self.src.join(rel);
        match std::fs::read_to_string(&p)
            .ok()
            .and_then(|t| serde_json::from_str(&t).ok())
        {
            Some(v) => Some(v),
            None => {
                self.store.warn(&format!("{rel}: missing or unreadable"));
                None
            }
        }
    }

    /// Rows of a CSV file as header -> value maps (bad rows skipped and counted).
    pub fn read_csv(&mut self, rel: &str) -> Vec<HashMap<String, String>> {
        self.read_table(rel, b',', true)
    }

    /// A tab-separated file with a header line, no quoting (the wikidata-links tables).
    pub fn read_tsv(&mut self, rel: &str) -> Vec<HashMap<String, String>> {
        self.read_table(rel, b'\t', false)
    }

    /// Rows of a delimited file with a header line, as column -> trimmed value; a missing file
    /// or an unreadable row is counted, not fatal.
    fn read_table(
        &mut self,
        rel: &str,
        delimiter: u8,
        quoting: bool,
    ) -> Vec<HashMap<String, String>> {
        let p = self.src.join(rel);
        let mut rdr = match csv::ReaderBuilder::new()
            .flexible(true)
            .delimiter(delimiter)
            .quoting(quoting)
            .from_path(&p)
        {
            Ok(r) => r,
            Err(_) => {
                self.store.warn(&format!("{rel}: missing or unreadable"));
                return Vec::new();
            }
        };
        let headers = match rdr.headers() {
            Ok(h) => h.clone(),
            Err(_) => {
                self.store.warn(&format!("{rel}: no header"));
                return Vec::new();
            }
        };
        let mut out = Vec::new();
        for rec in rdr.records() {
            match rec {
                Ok(r) => {
                    let m: HashMap<String, String> = headers
                        .iter()
                        .zip(r.iter())
                        .map(|(h, v)| (h.to_string(), v.trim().to_string()))
                        .collect();
                    out.push(m);
                }
                Err(_) => self.store.warn(&format!("{rel}: unreadable row")),
            }
        }
        out
    }

    /// Merge into the entity with this id if it exists, else into a match, else insert as `id`.
    pub fn upsert_with_id(&mut self, mut e: Entity, id: &str) -> String {
        if let Some(i) = self.store.idx(id) {
            self.store.merge_into(i, e);
            return id.to_string();
        }
        if let Some(i) = self.store.find_match(&e) {
            let id = self.store.ents[i].id.clone();
            self.store.merge_into(i, e);
            return id;
        }
        e.id = id.to_string();
        self.store.insert_fixed(e);
        id.to_string()
    }

    /// State id for an alpha-3 / CAMEO country code, when that state exists.
    pub fn state_of3(&self, code: &str) -> Option<String> {
        let a2 = self.iso3.get(code)?;
        self.state_of2(a2)
    }

    /// State id for an alpha-2 code; territories map to their sovereign.
    pub fn state_of2(&self, a2: &str) -> Option<String> {
        let id = format!("state:{a2}");
        if self.store.contains(&id) {
            return Some(id);
        }
        self.territories.get(a2).cloned().flatten()
    }
}

fn load_curated(dir: &Path, store: &mut Store) -> Result<usize> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .with_context(|| format!("reading {}", dir.display()))?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "jsonl"))
        .collect();
    // curated.jsonl (the examples' entities) first, then the others by name
    files.sort_by_key(|p| {
        (
            p.file_name().is_none_or(|n| n != "curated.jsonl"),
            p.clone(),
        )
    });
    let mut n = 0;
    for f in files {
        let text = std::fs::read_to_string(&f).with_context(|| format!("{}", f.display()))?;
        for (i, line) in text.lines().enumerate() {
            let t = line.trim();
            if t.is_empty() || t.starts_with('#') {
                continue;
            }
            let mut e: Entity = serde_json::from_str(t)
                .with_context(|| format!("{}:{}: bad entity", f.display(), i + 1))?;
            e.curated = true;
            e.locked = e.surfaces().cloned().collect();
            if e.source.is_none() {
                e.source = Some("curated".into());
            }
            let id = e.id.clone();
            if store.contains(&id) {
                // a later curated file may add facts to an entity defined earlier
                let idx = store.idx(&id).unwrap_or_default();
                store.merge_into(idx, e);
            } else if !store.insert_fixed(e) {
                bail!("{}:{}: duplicate id {id}", f.display(), i + 1);
            }
            n += 1;
        }
    }
    store.reindex();
    Ok(n)
}

fn main() -> Result<()> {
    let args = Args::parse();
    let stop = std::fs::read_to_string(args.lexicon.join("stop-words.txt"))
        .context("reading stop-words.txt")?;
    let common = std::fs::read_to_string(args.lexicon.join("common-words.txt"))
        .context("reading common-words.txt")?;
    let mut ctx = Ctx {
        src: args.sources.clone(),
        store: Store::default(),
        lex: Lexicon::load(&stop, &common),
        iso3: HashMap::new(),
        ioc: HashMap::new(),
        states: BTreeMap::new(),
        territories: HashMap::new(),
        provinces: BTreeMap::new(),
        party_ids: HashMap::new(),
        people_by_surname: HashMap::new(),
        people_by_name: HashMap::new(),
    };
    if !ctx.src.join("countries-mledoze").is_dir() {
        bail!("{}: not the sources folder", ctx.src.display());
    }
    let n = load_curated(&args.curated, &mut ctx.store)?;
    eprintln!("curated entities: {n}");
    states::load(&mut ctx);
    ctx.store.reindex();
    places::load(&mut ctx);
    ctx.store.reindex();
    orgs::load(&mut ctx);
    ctx.store.reindex();
    people::load(&mut ctx);
    ctx.store.reindex();
    let report = links::load(&mut ctx);
    if let Some(p) = &args.link_report {
        std::fs::write(p, report.join("\n") + "\n")
            .with_context(|| format!("writing {}", p.display()))?;
    }
    ctx.store.reindex();
    finalize::run(&mut ctx);
    let (conflict_lines, conflict_counts) = conflicts::report(&ctx.store);
    if let Some(p) = &args.conflict_report {
        std::fs::write(p, conflict_lines.join("\n") + "\n")
            .with_context(|| format!("writing {}", p.display()))?;
    }
    ctx.store.warnings.extend(conflict_counts);
    let counts = finalize::write(&ctx.store, &args.out)?;
    for (t, n) in &counts {
        eprintln!("{t:>14}: {n}");
    }
    if !ctx.store.warnings.is_empty() {
        eprintln!("skipped / adjusted (counted):");
        for (w, n) in &ctx.store.warnings {
            eprintln!("  {n:>6}  {w}");
        }
    }
    let _ = EType::State;
    Ok(())
}

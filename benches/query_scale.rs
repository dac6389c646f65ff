//! Query scale bench (issue 5): generates a synthetic graph file of 1,000,000 edges and
//! 200,000 entities, then measures, in a fresh child process, the load time, the peak memory
//! and the time of typical queries after load.
//!
//!     cargo bench --bench query_scale
//!
//! The graph is written once to target/query-bench/ and reused. Under `cargo test` (no
//! `--bench` argument) a 10,000-edge graph is used instead, as a smoke test.
//!
//! The synthetic graph: entity types in realistic proportions, names built from syllables
//! (with duplicates, as real names have), one alias for a third of the entities, relation
//! types drawn with their signatures, endpoints drawn from a skewed distribution so that a few
//! hubs have thousands of edges, 85% text edges with 1–3 dated evidence items and 15%
//! gazetteer facts; written exactly as `relgraph build` writes graph files.

use relgraph::gazetteer::Date;
use relgraph::query::paths::{NeighborsOptions, PathOptions};
use relgraph::query::rank::{RankBy, TopOptions};
use relgraph::query::{Direction, EdgeFilter, View, explain, names, paths, rank, stats};
use relgraph::types::{EntityType, Origin, RelationType};
use relgraph::wire::graph::{
    EvidenceItem, FORMAT_NAME, FORMAT_VERSION, GraphFile, GraphMeta, LinkRecord, NodeRecord,
};
use std::collections::HashSet;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

/// Bumped whenever the generator changes, so that a stale cached graph is regenerated.
const GENERATOR_VERSION: u32 = 1;

/// splitmix64: small, deterministic, good enough for synthetic data.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
    fn unit(&mut self) -> f64 {
        (self.next() >> 11) as f64 / (1u64 << 53) as f64
    }
    /// Skewed index in 0..n: low indices (hubs) are much more likely.
    fn skewed(&mut self, n: usize) -> usize {
        let u = self.unit();
        ((n as f64) * u * u * u) as usize % n
    }
}

const SYLLABLES: &[&str] = &[
    "al", "ban", "cor", "da", "el", "fen", "gor", "ha", "in", "jas", "ka", "lem", "mir", "nov",
    "or", "pet", "ras", "sen", "tal", "ur", "vel", "wen", "yar", "zan", "ko", "li", "mo", "shi",
    "ten", "vo",
];

fn word(rng: &mut Rng) -> String {
    let k = 2 + rng.below(2);
    let mut w: String = (0..k)
        .map(|_| SYLLABLES[rng.below(SYLLABLES.len())])
        .collect();
    w[..1].make_ascii_uppercase();
    w
}

fn generate(nodes: usize, edges: usize) -> GraphFile {
    let mut rng = Rng(0x5EED_0005);
    // Entity types: 1% states, 55% people, 25% organisations, 19% locations.
    let mut by_type: [Vec<usize>; 4] = Default::default();
    let mut recs = Vec::with_capacity(nodes);
    for i in 0..nodes {
        let r = rng.below(100);
        let t = match r {
            0 => EntityType::State,
            1..=55 => EntityType::Person,
            56..=80 => EntityType::Organization,
            _ => EntityType::Location,
        };
        let name = match t {
            EntityType::Person => format!("{} {}", word(&mut rng), word(&mut rng)),
            EntityType::Organization => format!(
                "{} {}",
                word(&mut rng),
                ["Party", "Ministry", "Group", "Council"][rng.below(4)]
            ),
            _ => word(&mut rng),
        };
        let slug = name.to_ascii_lowercase().replace(' ', "-");
        let aliases = if rng.below(3) == 0 {
            vec![format!("{} {}", name, word(&mut rng))]
        } else {
            Vec::new()
        };
        by_type[t as usize].push(i);
        recs.push(NodeRecord {
            id: format!("{}:{slug}-{i}", t.id_prefix()),
            name,
            etype: t,
            qid: (rng.below(2) == 0).then(|| format!("Q{}", 1000 + i)),
            aliases,
            mentions: 1 + rng.below(50) as u64,
            documents: 1 + rng.below(20) as u64,
        });
    }
    let pick = |rng: &mut Rng, set: relgraph::types::TypeSet, by_type: &[Vec<usize>; 4]| -> usize {
        let types: Vec<EntityType> = set
            .iter()
            .filter(|t| !by_type[*t as usize].is_empty())
            .collect();
        let t = types[rng.below(types.len())];
        let v = &by_type[t as usize];
        v[rng.skewed(v.len())]
    };
    let triggers = [
        "met",
        "visited",
        "backed",
        "sent",
        "signed",
        "condemned",
        "struck",
        "joined",
    ];
    let mut seen: HashSet<(usize, RelationType, usize, Origin)> = HashSet::with_capacity(edges);
    let mut links = Vec::with_capacity(edges);
    while links.len() < edges {
        let rt = RelationType::ALL[rng.below(RelationType::ALL.len())];
        let (ss, ts) = rt.signature();
        let (mut s, mut t) = (pick(&mut rng, ss, &by_type), pick(&mut rng, ts, &by_type));
        if s == t {
            continue;
        }
        if rt.is_symmetric() && recs[s].id > recs[t].id {
            std::mem::swap(&mut s, &mut t);
        }
        let origin = if rng.below(100) < 15 {
            Origin::Gazetteer
        } else {
            Origin::Text
        };
        if !seen.insert((s, rt, t, origin)) {
            continue;
        }
        let (count, evidence) = match origin {
            Origin::Gazetteer => (
                1,
                vec![EvidenceItem {
                    doc: "gazetteer".into(),
                    date: None,
                    start: 0,
                    end: 0,
                    trigger: String::new(),
                    rule: format!("gazetteer.{rt}"),
                    confidence: 1.0,
                    role: None,
                    features: Vec::new(),
                    sentence: None,
                    source_spans: Vec::new(),
                    target_spans: Vec::new(),
                }],
            ),
            Origin::Text => {
                let count = 1 + (rng.unit().powi(4) * 20.0) as u64;
                let items = (0..count.min(3))
                    .map(|_| {
                        let start = rng.below(5000);
                        EvidenceItem {
                            doc: format!("news/2024/article-{:06}.txt", rng.below(300_000)),
                            date: Some(Date::ymd(
                                2015 + rng.below(11) as i32,
                                1 + rng.below(12) as u8,
                                1 + rng.below(28) as u8,
                            )),
                            start,
                            end: start + 40 + rng.below(200),
                            trigger: triggers[rng.below(triggers.len())].into(),
                            rule: format!("{rt}.verb"),
                            confidence: 0.5 + rng.below(50) as f32 / 100.0,
                            role: None,
                            features: Vec::new(),
                            sentence: None,
                            source_spans: Vec::new(),
                            target_spans: Vec::new(),
                        }
                    })
                    .collect::<Vec<_>>();
                (count, items)
            }
        };
        let confidence = evidence.iter().map(|e| e.confidence).fold(0.0, f32::max);
        links.push(LinkRecord {
            source: recs[s].id.clone(),
            target: recs[t].id.clone(),
            key: match origin {
                Origin::Text => rt.to_string(),
                Origin::Gazetteer => format!("{rt}/gazetteer"),
            },
            rtype: rt,
            origin,
            count,
            confidence,
            roles: Vec::new(),
            evidence,
        });
    }
    recs.sort_by(|a, b| a.id.cmp(&b.id));
    links.sort_by(|a, b| {
        (&a.source, &a.target, a.rtype, a.origin).cmp(&(&b.source, &b.target, b.rtype, b.origin))
    });
    GraphFile {
        directed: true,
        multigraph: true,
        graph: GraphMeta {
            format: FORMAT_NAME.into(),
            format_version: FORMAT_VERSION,
            generator: "relgraph query_scale bench".into(),
            documents: 300_000,
        },
        nodes: recs,
        edges: links,
    }
}

fn write_graph(path: &Path, nodes: usize, edges: usize) {
    let t = Instant::now();
    let file = generate(nodes, edges);
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    let tmp = path.with_extension("tmp");
    let mut w = std::io::BufWriter::new(std::fs::File::create(&tmp).unwrap());
    serde_json::to_writer_pretty(&mut w, &file).unwrap();
    w.write_all(b"\n").unwrap();
    w.flush().unwrap();
    drop(w);
    std::fs::rename(&tmp, path).unwrap();
    eprintln!(
        "generated {} ({} entities, {} edges, {:.0} MB) in {:.1?}",
        path.display(),
        nodes,
        edges,
        std::fs::metadata(path).unwrap().len() as f64 / 1e6,
        t.elapsed()
    );
}

/// Peak resident memory of this process (Linux), in MB.
fn peak_rss_mb() -> Option<f64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    let kb: f64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kb / 1024.0)
}

/// Runs `f` `reps` times; returns (median, max).
/// CPU time this thread has used, which other processes on a busy machine do not inflate the
/// way they inflate wall time.
fn cpu_time() -> Option<Duration> {
    let mut ts = libc::timespec {
        tv_sec: 0,
        tv_nsec: 0,
    };
    // SAFETY: clock_gettime writes into the timespec we own and reads nothing else.
    let rc = unsafe { libc::clock_gettime(libc::CLOCK_THREAD_CPUTIME_ID, &mut ts) };
    (rc == 0).then(|| Duration::new(ts.tv_sec as u64, ts.tv_nsec as u32))
}

/// Wall and CPU times of `reps` runs: (median wall, max wall, median CPU).
struct Timing(Duration, Duration, Option<Duration>);

fn time<T>(reps: usize, mut f: impl FnMut() -> T) -> Timing {
    let mut wall = Vec::with_capacity(reps);
    let mut cpu = Vec::with_capacity(reps);
    for _ in 0..reps {
        let c = cpu_time();
        let t = Instant::now();
        std::hint::black_box(f());
        wall.push(t.elapsed());
        if let (Some(c0), Some(c1)) = (c, cpu_time()) {
            cpu.push(c1 - c0);
        }
    }
    wall.sort();
    cpu.sort();
    Timing(
        wall[reps / 2],
        wall[reps - 1],
        cpu.get(cpu.len() / 2).copied(),
    )
}

fn ms(d: Duration) -> String {
    format!("{:.2} ms", d.as_secs_f64() * 1e3)
}

/// The measuring child: loads the graph and times the queries.
fn measure(path: &Path, full: bool, load_only: bool) {
    let mut head = [0u8; 12];
    std::io::Read::read_exact(&mut std::fs::File::open(path).unwrap(), &mut head).unwrap();
    let format = if relgraph::export::bin::is_binary(&head) {
        "binary"
    } else {
        "JSON"
    };
    let c = cpu_time();
    let t = Instant::now();
    let loaded = relgraph::query::load(path).expect("load graph");
    let kg = &loaded.kg;
    let load = t.elapsed();
    let load_cpu = c.zip(cpu_time()).map(|(a, b)| b - a);
    let peak = peak_rss_mb();
    println!(
        "{:<28}{:>10} (cpu {})   ({} entities, {} edges, {:.0} MB file)",
        format!("load ({format})"),
        format!("{:.2} s", load.as_secs_f64()),
        load_cpu.map_or("-".into(), |c| format!("{:.2} s", c.as_secs_f64())),
        kg.node_count(),
        kg.edge_count(),
        std::fs::metadata(path).unwrap().len() as f64 / 1e6
    );
    if let Some(p) = peak {
        println!("peak memory after load      {:>10}", format!("{p:.0} MB"));
    }
    if load_only {
        if format == "JSON" {
            drop(loaded);
            let t = Instant::now();
            let bytes = std::fs::read(path).unwrap();
            let read = t.elapsed();
            let t = Instant::now();
            let file = relgraph::query::load::parse_json(&bytes, "bench").unwrap();
            let parse = t.elapsed();
            drop(bytes);
            let t = Instant::now();
            let kg = relgraph::graph::KnowledgeGraph::from_wire(file, "bench").unwrap();
            let build = t.elapsed();
            println!(
                "  (read {read:.2?}, parse JSON {parse:.2?}, build graph {build:.2?}; {} edges)",
                kg.edge_count()
            );
        }
        return;
    }
    let reps = if full { 11 } else { 3 };
    let view = View::of(&loaded, EdgeFilter::default());
    let g = kg.graph();
    // A hub (highest degree), a typical entity (median degree) and random path endpoints.
    let deg = rank::degrees(&view);
    let mut by_deg: Vec<_> = g.node_indices().collect();
    by_deg.sort_by(|a, b| {
        let (da, db) = (deg[a.index()], deg[b.index()]);
        (db.0 + db.1)
            .cmp(&(da.0 + da.1))
            .then_with(|| view.cmp_ids(*a, *b))
    });
    let hub = by_deg[0];
    let typical = by_deg[by_deg.len() / 2];
    let hub_deg = deg[hub.index()].0 + deg[hub.index()].1;
    let typ_deg = deg[typical.index()].0 + deg[typical.index()].1;
    println!(
        "{:<34}{:>10}  {:>10}  {:>10}",
        "query (after load)", "median", "max", "cpu"
    );
    let row = |what: &str, Timing(med, max, cpu): Timing| {
        let cpu = cpu.map_or_else(|| "-".to_string(), ms);
        println!("{what:<34}{:>10}  {:>10}  {cpu:>10}", ms(med), ms(max));
    };
    let name = g[typical].name.clone();
    row(
        "resolve a name",
        time(reps, || names::resolve(kg, &name, "bench").ok()),
    );
    let one = NeighborsOptions {
        depth: 1,
        direction: Direction::Both,
        types: Vec::new(),
    };
    row(
        &format!("neighbors, typical ({typ_deg} edges)"),
        time(reps, || paths::neighbors(&view, typical, &one)),
    );
    row(
        &format!("neighbors, hub ({hub_deg} edges)"),
        time(reps, || paths::neighbors(&view, hub, &one)),
    );
    let two = NeighborsOptions {
        depth: 2,
        ..one.clone()
    };
    row(
        "neighbors --depth 2, typical",
        time(reps, || paths::neighbors(&view, typical, &two)),
    );
    let mut rng = Rng(42);
    let live: Vec<_> = g.node_indices().collect();
    let pairs: Vec<_> = (0..reps)
        .map(|_| (live[rng.below(live.len())], live[rng.below(live.len())]))
        .collect();
    let mut i = 0;
    let opts = PathOptions {
        all: false,
        max_len: None,
        limit: 100,
    };
    let mut lengths = Vec::new();
    let sp = time(reps, || {
        let (a, b) = pairs[i % pairs.len()];
        i += 1;
        let r = paths::paths(&view, a, b, &opts).unwrap();
        lengths.push(r.paths.first().map(|p| p.length));
        r
    });
    row("shortest path, random pair", sp);
    println!("  (path lengths: {lengths:?})");
    let top20 = TopOptions {
        by: RankBy::Degree,
        types: Vec::new(),
        n: 20,
        samples: None,
    };
    row(
        "top -n 20 --by degree",
        time(reps, || rank::top(&view, &top20)),
    );
    let filtered = EdgeFilter {
        min_count: 2,
        since: Some(Date::ymd(2020, 0, 0)),
        origin: Some(Origin::Text),
        ..Default::default()
    };
    row(
        "filter (--min-count --since)",
        time(reps, || {
            View::of(&loaded, filtered.clone()).keeps(petgraph::stable_graph::EdgeIndex::new(0))
        }),
    );
    let other = view
        .incident(hub, Direction::Both)
        .map(|i| i.other)
        .next()
        .expect("the hub has a neighbour");
    row(
        "explain, hub and a neighbour",
        time(reps, || explain::explain(&view, hub, other).unwrap()),
    );
    let dated = View::of(&loaded, filtered.clone());
    row(
        "neighbors, hub, --since 2020 ...",
        time(reps, || paths::neighbors(&dated, hub, &one)),
    );
    row("stats", time(reps.min(5), || stats::stats(&view)));
    row("find", time(reps.min(5), || names::find(&view, "vel", 20)));
    let pr = TopOptions {
        by: RankBy::Pagerank,
        ..top20.clone()
    };
    row("top --by pagerank", time(3, || rank::top(&view, &pr)));
    let bc = TopOptions {
        by: RankBy::Betweenness,
        samples: Some(if full { 64 } else { 16 }),
        ..top20
    };
    row(
        &format!("top --by betweenness --samples {}", bc.samples.unwrap()),
        time(1, || rank::top(&view, &bc)),
    );
    if format == "binary" {
        let id = |n: petgraph::stable_graph::NodeIndex| g[n].id.clone();
        let (a, b) = pairs[0];
        let commands: Vec<(String, Vec<String>)> = vec![
            (
                "neighbors, typical".into(),
                vec!["neighbors".into(), id(typical)],
            ),
            (
                "neighbors, typical, by name".into(),
                vec!["neighbors".into(), g[typical].name.clone()],
            ),
            ("neighbors, hub".into(), vec!["neighbors".into(), id(hub)]),
            (
                "neighbors, hub, --json".into(),
                vec!["neighbors".into(), id(hub), "--json".into()],
            ),
            (
                "neighbors, hub, --since 2020 ...".into(),
                vec![
                    "neighbors".into(),
                    id(hub),
                    "--since".into(),
                    "2020".into(),
                    "--min-count".into(),
                    "2".into(),
                    "--origin".into(),
                    "text".into(),
                ],
            ),
            (
                "neighbors --depth 2, typical".into(),
                vec![
                    "neighbors".into(),
                    id(typical),
                    "--depth".into(),
                    "2".into(),
                ],
            ),
            (
                "path, random pair".into(),
                vec!["path".into(), id(a), id(b)],
            ),
            (
                "path --all --max-len 2".into(),
                vec![
                    "path".into(),
                    id(a),
                    id(b),
                    "--all".into(),
                    "--max-len".into(),
                    "2".into(),
                ],
            ),
            (
                "explain, hub and a neighbour".into(),
                vec!["explain".into(), id(hub), id(other)],
            ),
            (
                "ego, typical, -f json".into(),
                vec!["ego".into(), id(typical), "-f".into(), "json".into()],
            ),
            (
                "find, a name".into(),
                vec!["find".into(), g[typical].name.clone()],
            ),
            (
                "top -n 20 (by degree)".into(),
                vec!["top".into(), "-n".into(), "20".into()],
            ),
            ("stats (reads the whole graph)".into(), vec!["stats".into()]),
        ];
        // Run by the parent, whose small memory the children's peak does not include.
        let list: String = commands
            .iter()
            .map(|(what, args)| format!("{what}\t{}\n", args.join("\t")))
            .collect();
        std::fs::write(path.with_extension("commands"), list).unwrap();
    }
}

/// The whole-process measurements listed by the measuring child (`PATH.commands`): wall time
/// of `relgraph query ...` from spawn to exit, output to /dev/null.
fn whole_process(path: &Path, reps: usize) {
    let list = std::fs::read_to_string(path.with_extension("commands")).unwrap();
    println!(
        "{:<34}{:>10}  {:>10}",
        "whole process: relgraph query", "median", "max"
    );
    for line in list.lines() {
        let mut fields = line.split('\t');
        let what = fields.next().unwrap();
        let args: Vec<&str> = fields.collect();
        let mut walls: Vec<Duration> = (0..reps)
            .map(|_| {
                let t = Instant::now();
                let status = std::process::Command::new(env!("CARGO_BIN_EXE_relgraph"))
                    .arg("query")
                    .arg(args[0])
                    .arg(path)
                    .args(&args[1..])
                    .stdout(std::process::Stdio::null())
                    .status()
                    .expect("run relgraph");
                assert!(status.success(), "relgraph query {args:?} failed");
                t.elapsed()
            })
            .collect();
        walls.sort();
        println!(
            "{what:<34}{:>10}  {:>10}",
            ms(walls[walls.len() / 2]),
            ms(*walls.last().unwrap())
        );
    }
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    if args.len() >= 4 && args[1] == "--measure" {
        measure(
            Path::new(&args[2]),
            args[3] == "full",
            args.get(4).is_some_and(|a| a == "load-only"),
        );
        return;
    }
    let full = args.iter().any(|a| a == "--bench");
    let (nodes, edges) = if full {
        (200_000, 1_000_000)
    } else {
        (2_000, 10_000)
    };
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("target/query-bench");
    let json = dir.join(format!("graph-{nodes}-{edges}-v{GENERATOR_VERSION}.json"));
    if !json.exists() {
        write_graph(&json, nodes, edges);
    }
    let bin = json.with_extension("bin");
    // Written again when the binary format changed.
    let current = std::fs::read(&bin)
        .ok()
        .is_some_and(|b| b.get(12..16) == Some(&relgraph::export::bin::VERSION.to_le_bytes()[..]));
    if !current {
        let kg = relgraph::query::load(&json).unwrap().full().unwrap();
        relgraph::export::GraphFormat::Bin
            .save(&kg, &Default::default(), Some(&bin))
            .unwrap();
    }
    println!("query_scale: {}", json.display());
    let mode = if full { "full" } else { "smoke" };
    for (path, extra) in [(&json, Some("load-only")), (&bin, None)] {
        let status = std::process::Command::new(std::env::current_exe().unwrap())
            .arg("--measure")
            .arg(path)
            .arg(mode)
            .args(extra)
            .status()
            .expect("run the measuring child");
        assert!(status.success(), "measuring child failed");
    }
    whole_process(&bin, if full { 5 } else { 3 });
}

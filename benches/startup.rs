//! Start-up cost: parsing the embedded default gazetteer and rules and building the matcher.
//!
//!     cargo bench --bench startup
//!
//! Each iteration times the loading and building only; dropping the result is left out
//! (`iter_with_large_drop`). The allocator is the binary's (mimalloc).

use criterion::{Criterion, criterion_group, criterion_main};
use relgraph::extract::{Extractor, FactsMode};
use relgraph::gazetteer::Gazetteer;
use relgraph::matcher::Matcher;
use relgraph::rules::RuleSet;

/// The binary's allocator (src/main.rs), so the figures are the binary's.
#[global_allocator]
static ALLOC: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn startup(c: &mut Criterion) {
    let mut group = c.benchmark_group("startup");
    group.sample_size(10);
    group.bench_function("load embedded gazetteer", |b| {
        b.iter_with_large_drop(|| Gazetteer::embedded().unwrap())
    });
    let g = Gazetteer::embedded().unwrap();
    group.bench_function("build matcher", |b| {
        b.iter_with_large_drop(|| Matcher::new(&g))
    });
    group.bench_function("load + build extractor", |b| {
        b.iter_with_large_drop(|| {
            Extractor::new(
                Gazetteer::embedded().unwrap(),
                RuleSet::embedded().unwrap(),
                FactsMode::Mentioned,
            )
        })
    });
    group.finish();
}

criterion_group!(benches, startup);
criterion_main!(benches);

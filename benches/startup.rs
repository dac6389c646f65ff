//! Start-up cost: parsing the embedded default gazetteer and rules and building the automaton.
//!
//!     cargo bench --bench startup

use criterion::{Criterion, criterion_group, criterion_main};
use relgraph::extract::{Extractor, FactsMode};
use relgraph::gazetteer::Gazetteer;
use relgraph::matcher::Matcher;
use relgraph::rules::RuleSet;
use std::hint::black_box;

fn startup(c: &mut Criterion) {
    let mut group = c.benchmark_group("startup");
    group.sample_size(10);
    group.bench_function("load embedded gazetteer", |b| {
        b.iter(|| black_box(Gazetteer::embedded().unwrap()))
    });
    let g = Gazetteer::embedded().unwrap();
    group.bench_function("build automaton", |b| {
        b.iter(|| black_box(Matcher::new(&g)))
    });
    group.bench_function("load + build extractor", |b| {
        b.iter(|| {
            black_box(Extractor::new(
                Gazetteer::embedded().unwrap(),
                RuleSet::embedded().unwrap(),
                FactsMode::Mentioned,
            ))
        })
    });
    group.finish();
}

criterion_group!(benches, startup);
criterion_main!(benches);

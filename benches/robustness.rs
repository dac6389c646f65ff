//! Cost on hostile input (issue 15), measured with criterion: one 20 MB document, 1 MB of
//! capitalised-word soup, and the worst rule pattern on a sentence where it cannot match.
//!
//!     cargo bench --bench robustness
//!
//! Each case runs the whole per-document path (`Extractor::record`: preparation, extraction,
//! the JSONL record). Throughput is reported in bytes of text (MB/s); peak memory is measured
//! with `/usr/bin/time -f %M relgraph extract ...` on the same texts (docs/performance.md).

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use relgraph::doc::Document;
use relgraph::extract::{Extractor, FactsMode, Scratch};
use relgraph::gazetteer::Gazetteer;
use relgraph::rules::RuleSet;
use std::hint::black_box;
use std::time::Duration;

/// The binary's allocator (src/main.rs), so the figures are the binary's.
#[global_allocator]
static ALLOC: mimalloc::MiMalloc = mimalloc::MiMalloc;

struct Rng(u64);

impl Rng {
    fn pick<T: Copy>(&mut self, v: &[T]) -> T {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        v[(self.0 % v.len() as u64) as usize]
    }
}

/// Invented news sentences, repeated in random order to `bytes`.
fn long_document(bytes: usize) -> String {
    let sentences = [
        "Vladimir Putin met Xi Jinping in Beijing on Monday.",
        "Kim Jong Un sent troops to Russia, officials said.",
        "The Russian president said the talks with the Chinese leader went well.",
        "The Zelvorn Workers Party (ZWP) said Jan Novak, its leader, would resign.",
        "Novak said the ZWP would hold a vote in Ploven.",
        "Arsenal beat Chelsea 2-1 in London on Saturday.",
        "He said the North Atlantic Treaty Organization (NATO) agreed.",
    ];
    let mut rng = Rng(3);
    let mut s = String::with_capacity(bytes + 100);
    while s.len() < bytes {
        s.push_str(rng.pick(&sentences));
        s.push(' ');
    }
    s
}

/// Capitalised first names and surnames without punctuation.
fn soup(bytes: usize) -> String {
    let words = [
        "John", "Mary", "Smith", "Novak", "Peter", "Anna", "Brown", "Kim", "Lee", "Garcia",
        "David", "Maria", "Jones", "Putin", "Ahmed", "Elena", "Ivanov", "Paul", "Wang", "Sarah",
    ];
    let mut rng = Rng(9);
    let mut s = String::with_capacity(bytes + 16);
    while s.len() < bytes {
        s.push_str(rng.pick(&words));
        s.push(' ');
    }
    s
}

/// A rule of ten gaps with optional words between them (tests/bounded_cost.rs uses it too).
const WORST_RULE: &str = include_str!("../tests/fixtures/rules/worst-gaps.toml");

fn doc(text: String) -> Document {
    Document {
        id: "bench".into(),
        text,
        date: Some("2024-05-01".parse().unwrap()),
    }
}

fn robustness(c: &mut Criterion) {
    let g = Gazetteer::embedded().unwrap();
    let ex = Extractor::new(g, RuleSet::embedded().unwrap(), FactsMode::Mentioned);
    let mut scratch = Scratch::default();
    let mut group = c.benchmark_group("robustness");
    group.sample_size(10);
    group.measurement_time(Duration::from_secs(20));

    let long = doc(long_document(20_000_000));
    group.throughput(Throughput::Bytes(long.text.len() as u64));
    group.bench_function("one 20 MB document", |b| {
        b.iter(|| black_box(ex.record(&long, &mut scratch)))
    });

    let soup = doc(soup(1_000_000));
    group.throughput(Throughput::Bytes(soup.text.len() as u64));
    group.bench_function("1 MB of capitalised-word soup", |b| {
        b.iter(|| black_box(ex.record(&soup, &mut scratch)))
    });

    let mut rules = RuleSet::embedded().unwrap();
    rules.add_str("worst.toml", WORST_RULE).unwrap();
    rules.finish().unwrap();
    let worst = Extractor::new(Gazetteer::embedded().unwrap(), rules, FactsMode::Mentioned);
    let sentence = doc(
        "Zzz report: Vladimir Putin said that the talks in the city of the north \
         were about the state of the ties and the plans of the two sides and the future of the \
         region, not Kim Jong Un."
            .to_string(),
    );
    group.throughput(Throughput::Bytes(sentence.text.len() as u64));
    group.bench_function("worst rule on one sentence", |b| {
        b.iter(|| black_box(worst.record(&sentence, &mut scratch)))
    });
    group.finish();
}

criterion_group!(benches, robustness);
criterion_main!(benches);

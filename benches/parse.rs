//! Parse throughput on a ~20 MB input of real prose, beside a baseline pass over the same bytes
//! (split into lines, count characters), so the parse figure can be read as a ratio to "just
//! touching every byte". The input is the texts of `../shared/corpus` and then
//! `../shared/corpus-big`, concatenated in name order, never one document twice, as
//! `scripts/compare.sh` makes it; without them, the project's samples repeated.
//!
//! Run with `cargo bench --bench parse`.

use criterion::{black_box, criterion_group, criterion_main, Criterion, Throughput};

// the system allocator, as the `gongwen` binary uses, so the figure is the command's
use std::path::Path;

mod common;
use std::time::Duration;

const TARGET_BYTES: usize = 20 * 1024 * 1024;

fn input() -> String {
    if let Some(s) = common::corpus_prose(TARGET_BYTES) {
        return s;
    }
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("samples");
    let mut names: Vec<_> = std::fs::read_dir(&dir)
        .expect("samples/ exists")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| matches!(p.extension().and_then(|e| e.to_str()), Some("txt" | "md")))
        .collect();
    names.sort();
    let one: String = names
        .iter()
        .map(|p| std::fs::read_to_string(p).expect("UTF-8 sample"))
        .map(|t| t.trim_start_matches('\u{feff}').to_string() + "\n")
        .collect();
    assert!(!one.is_empty(), "no samples");
    let mut s = String::with_capacity(TARGET_BYTES + one.len());
    while s.len() < TARGET_BYTES {
        s.push_str(&one);
    }
    s
}

/// The baseline: what any line-oriented tool must do at least.
fn baseline(s: &str) -> (usize, usize) {
    let mut lines = 0;
    let mut chars = 0;
    for l in s.lines() {
        lines += 1;
        chars += l.chars().count();
    }
    (lines, chars)
}

fn bench(c: &mut Criterion) {
    let s = input();
    let mut g = c.benchmark_group("parse");
    g.throughput(Throughput::Bytes(s.len() as u64));
    g.sample_size(10);
    g.measurement_time(Duration::from_secs(8));
    g.warm_up_time(Duration::from_secs(1));
    g.bench_function("baseline-lines-chars", |b| {
        b.iter(|| baseline(black_box(&s)))
    });
    let plain = gongwen::Source::from_str(s.as_str(), gongwen::Format::Text);
    g.bench_function("plain", |b| {
        b.iter(|| gongwen::parse(black_box(&plain)).blocks.len())
    });
    let markdown = gongwen::Source::from_str(s.as_str(), gongwen::Format::Markdown);
    g.bench_function("markdown", |b| {
        b.iter(|| gongwen::parse(black_box(&markdown)).blocks.len())
    });
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);

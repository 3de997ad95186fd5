//! `check` over 1,000 documents built in memory from the corpus and samples (or from a small
//! built-in text when neither is there), against a same-run baseline of parsing alone.

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use gongwen::check::{check, Config};
use gongwen::{parse, Format, Source};
use std::path::Path;

fn texts() -> Vec<Source> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let dirs = match std::env::var_os("GONGWEN_CORPUS") {
        Some(v) => std::env::split_paths(&v).collect(),
        None => vec![root.join("../shared/corpus")],
    };
    let mut out = Vec::new();
    for d in dirs.into_iter().chain([root.join("samples")]) {
        let Ok(rd) = std::fs::read_dir(&d) else {
            continue;
        };
        let mut ps: Vec<_> = rd.filter_map(|e| e.ok().map(|e| e.path())).collect();
        ps.sort();
        for p in ps {
            let name = p.to_string_lossy().into_owned();
            if !(name.ends_with(".txt") || name.ends_with(".md")) || name.contains(".outline.") {
                continue;
            }
            if let Ok(i) = Source::from_bytes(name, std::fs::read(&p).unwrap_or_default()) {
                out.push(i);
            }
        }
    }
    if out.is_empty() {
        out.push(Source::from_str("关于加强管理的通知\n一、总体要求\n（一）指导思想。坚持……\n(二)基本原则\n1、坚持\n二. 主要任务\n四、保障\n".repeat(20), Format::Text));
    }
    out
}

/// 1,000 documents: the texts in turn, each one varied (a heading renumbered) so that no two
/// documents are the same.
fn thousand() -> Vec<Source> {
    let base = texts();
    (0..1000)
        .map(|i| {
            let s = &base[i % base.len()];
            if i % 3 == 0 {
                Source::from_str(s.text().replacen("二、", "三、", 1), s.format())
            } else {
                s.clone()
            }
        })
        .collect()
}

fn bench(c: &mut Criterion) {
    let docs = thousand();
    let bytes: usize = docs.iter().map(|d| d.text().len()).sum();
    let cfg = Config::default();
    let mut g = c.benchmark_group("1000-documents");
    g.sample_size(10);
    g.throughput(Throughput::Bytes(bytes as u64));
    g.bench_function("parse", |b| {
        b.iter(|| docs.iter().map(|s| parse(s).blocks.len()).sum::<usize>())
    });
    g.bench_function("parse+check", |b| {
        b.iter(|| {
            docs.iter()
                .map(|s| check(&parse(s), s, &cfg).len())
                .sum::<usize>()
        })
    });
    let trees: Vec<_> = docs.iter().map(parse).collect();
    g.bench_function("check-only", |b| {
        b.iter(|| {
            docs.iter()
                .zip(&trees)
                .map(|(s, tree)| check(tree, s, &cfg).len())
                .sum::<usize>()
        })
    });
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);

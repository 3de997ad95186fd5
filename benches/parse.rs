//! Parse throughput on a ~20 MB input of real prose, beside a baseline pass over the same bytes
//! (split into lines, count characters), so the parse figure can be read as a ratio to "just
//! touching every byte". The input is the texts of `../shared/corpus` and then
//! `../shared/corpus-big`, concatenated in name order, never one document twice, as
//! `scripts/compare.sh` makes it; without them, the project's samples repeated.
//!
//! Run with `cargo bench --bench parse`.

use criterion::{black_box, criterion_group, criterion_main, Criterion, Throughput};

// the system allocator, as the `gongwen` binary uses, so the figure is the command's
use std::path::{Path, PathBuf};
use std::time::Duration;

const TARGET_BYTES: usize = 20 * 1024 * 1024;

/// The files of `dir` (recursively) ending in `ext`, in name order.
fn files(dir: &Path, ext: &str, out: &mut Vec<PathBuf>) {
    let Ok(rd) = std::fs::read_dir(dir) else {
        return;
    };
    let mut v: Vec<PathBuf> = rd.filter_map(|e| e.ok().map(|e| e.path())).collect();
    v.sort();
    for p in v {
        if p.is_dir() {
            files(&p, ext, out);
        } else if p.extension().is_some_and(|e| e == ext)
            && p.file_name().is_some_and(|n| n != "README.md")
        {
            out.push(p);
        }
    }
}

/// Corpus prose up to [`TARGET_BYTES`], when the shared corpus is beside the checkout.
fn corpus_input() -> Option<String> {
    let shared = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared");
    let mut paths = Vec::new();
    files(&shared.join("corpus"), "txt", &mut paths);
    files(&shared.join("corpus-big"), "md", &mut paths);
    let mut s = String::with_capacity(TARGET_BYTES + (1 << 20));
    for p in paths {
        let Ok(t) = std::fs::read_to_string(&p) else {
            continue;
        };
        if s.len() + t.len() > TARGET_BYTES && !s.is_empty() {
            break;
        }
        s.push_str(&t);
        s.push_str("\n\n");
    }
    (s.len() > TARGET_BYTES / 2).then_some(s)
}

fn input() -> String {
    if let Some(s) = corpus_input() {
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

//! Convert a ~1 MB document to DOCX, with parsing alone as a same-run baseline, and the DOCX
//! writer alone on the parsed tree.
//!
//! The input is real prose: the texts of `../shared/corpus` and then `../shared/corpus-big`,
//! concatenated in name order up to 1 MB, as `scripts/compare.sh` makes it. Without them, the
//! project's own long test report and samples, repeated.

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use gongwen::write::docx::{write, DocxOptions};
use gongwen::{parse, Format, Source};
use std::path::Path;

mod common;

const TARGET: usize = 1 << 20;

fn megabyte_input() -> String {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    if let Some(s) = common::corpus_prose(TARGET) {
        return s;
    }
    let mut parts = vec![
        std::fs::read_to_string(root.join("tests/data/docx/long-report.txt"))
            .expect("tests/data/docx/long-report.txt"),
    ];
    if let Ok(rd) = std::fs::read_dir(root.join("samples")) {
        let mut v: Vec<_> = rd.filter_map(|e| e.ok().map(|e| e.path())).collect();
        v.sort();
        for p in v {
            if p.extension().is_some_and(|e| e == "txt") {
                if let Ok(s) = std::fs::read_to_string(&p) {
                    parts.push(s);
                }
            }
        }
    }
    let mut s = String::with_capacity(TARGET + 16 * 1024);
    let mut i = 0;
    while s.len() < TARGET {
        s.push_str(&parts[i % parts.len()]);
        s.push('\n');
        i += 1;
    }
    s
}

fn bench(c: &mut Criterion) {
    let text = megabyte_input();
    let opts = DocxOptions::default();
    let mut g = c.benchmark_group("convert_1mb");
    g.sample_size(10);
    g.throughput(Throughput::Bytes(text.len() as u64));
    let src = Source::from_str(text.as_str(), Format::Text);
    g.bench_function("parse", |b| b.iter(|| parse(&src)));
    let doc = parse(&src);
    g.bench_function("docx_writer", |b| {
        b.iter(|| {
            let mut out = Vec::new();
            write(&doc, &src, &opts, &mut out).expect("DOCX");
            out
        })
    });
    g.bench_function("parse_and_docx", |b| {
        b.iter(|| {
            let doc = parse(&src);
            let mut out = Vec::new();
            write(&doc, &src, &opts, &mut out).expect("DOCX");
            out
        })
    });
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);

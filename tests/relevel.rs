//! Re-levelling measured: the Markdown documents' headings flattened by
//! `scripts/flatten-md.py` (every heading `#`, or every heading a bold line), then re-levelled by
//! `convert`'s default for Markdown. A heading is restored when its line comes back at the
//! depth it should have: for the corpus, the labels' level (`ID.outline.tsv`; the title, level
//! 0, is `#`, level *n* is *n*+1 `#`, `######` at most); for the big collection, the level the
//! tree of the unflattened original gives it. Only the headings the flattening touched (the `#`
//! lines of the original) are counted. Each figure must reach 0.98.

use gongwen::tree::Block;
use gongwen::write::relevel::{relevel, RelevelOptions};
use gongwen::{Format, Source};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Command;

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn shared(name: &str) -> PathBuf {
    let p = root().join("../shared").join(name);
    assert!(
        p.is_dir(),
        "needs ../shared/{name}: {} is not a directory (put the shared data beside the checkout)",
        p.display()
    );
    p
}

/// Flatten every .md file under `from` into `to`, with the project's script.
fn flatten(from: &Path, to: &Path, bold: bool) {
    let mut cmd = Command::new("python3");
    cmd.arg(root().join("scripts/flatten-md.py"));
    if bold {
        cmd.arg("--bold");
    }
    let out = cmd
        .arg("--tree")
        .arg(from)
        .arg(to)
        .output()
        .expect("needs python3 to run scripts/flatten-md.py");
    assert!(
        out.status.success(),
        "flatten-md.py failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
}

/// The ATX depth of a line, or `None` when it is no `#` heading.
fn atx_depth(line: &str) -> Option<usize> {
    let t = line.trim_start_matches(' ');
    if line.len() - t.len() > 3 {
        return None;
    }
    let n = t.bytes().take_while(|&c| c == b'#').count();
    let after = t.as_bytes().get(n);
    (n > 0 && n <= 6 && after.is_none_or(|&c| c == b' ' || c == b'\t' || c == b'\r')).then_some(n)
}

fn lines(text: &str) -> Vec<&str> {
    text.trim_start_matches('\u{feff}').split('\n').collect()
}

/// The file re-levelled as `convert` does it.
fn relevelled(path: &Path) -> String {
    let bytes = std::fs::read(path).unwrap();
    let src = Source::from_bytes(path.display().to_string(), bytes)
        .unwrap()
        .with_format(Format::Markdown);
    relevel(&gongwen::parse(&src), &src, &RelevelOptions::default())
}

/// The depth each heading line of a tree should be written at, by 1-based line.
fn tree_depths(src: &Source) -> BTreeMap<usize, usize> {
    let doc = gongwen::parse(src);
    let mut m = BTreeMap::new();
    let ix = src.lines();
    for b in &doc.blocks {
        if let Block::Title(t) = b {
            for l in &t.lines {
                m.entry(ix.line_of(l.span.start)).or_insert(1);
            }
        }
    }
    for s in doc.sections() {
        let at = s
            .marker
            .as_ref()
            .map_or(s.title.span.start, |m| m.span.start);
        m.entry(ix.line_of(at))
            .or_insert((s.level.max(1) as usize + 1).min(6));
    }
    m
}

/// (restored, counted) over `want`: 1-based line → depth, against the re-levelled text.
fn score(want: &BTreeMap<usize, usize>, original: &str, got: &str) -> (usize, usize, Vec<String>) {
    let orig = lines(original);
    let out = lines(got);
    let (mut ok, mut n, mut misses) = (0, 0, Vec::new());
    for (&line, &depth) in want {
        if orig.get(line - 1).and_then(|l| atx_depth(l)).is_none() {
            continue;
        }
        n += 1;
        let d = out.get(line - 1).and_then(|l| atx_depth(l));
        if d == Some(depth) {
            ok += 1;
        } else {
            misses.push(format!(
                "line {line}: want depth {depth}, got {d:?}: {}",
                out.get(line - 1).unwrap_or(&"")
            ));
        }
    }
    (ok, n, misses)
}

fn figure(what: &str, ok: usize, n: usize, misses: &[String]) -> f64 {
    for m in misses.iter().take(20) {
        eprintln!("  {m}");
    }
    let f = if n == 0 { 0.0 } else { ok as f64 / n as f64 };
    eprintln!("{what}: {ok} of {n} headings restored ({f:.4})");
    assert!(n > 0, "{what}: no headings counted");
    f
}

/// The corpus labels as 1-based line → depth (title and headings).
fn label_depths(tsv: &str) -> BTreeMap<usize, usize> {
    let mut m = BTreeMap::new();
    for row in tsv.lines().skip(1) {
        let f: Vec<&str> = row.split('\t').collect();
        if f.len() < 3 {
            continue;
        }
        if let (Ok(line), Ok(level)) = (f[0].parse::<usize>(), f[2].parse::<usize>()) {
            m.insert(line, (level + 1).min(6));
        }
    }
    m
}

fn corpus_figure(bold: bool) -> f64 {
    let corpus = shared("corpus");
    let tmp = tempfile::tempdir().unwrap();
    flatten(&corpus, tmp.path(), bold);
    let (mut ok, mut n, mut misses) = (0, 0, Vec::new());
    let mut files = 0;
    let mut paths: Vec<PathBuf> = std::fs::read_dir(&corpus)
        .unwrap()
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|e| e == "md"))
        .collect();
    paths.sort();
    for p in paths {
        let name = p.file_name().unwrap().to_string_lossy().into_owned();
        let tsv = p.with_extension("outline.tsv");
        let Ok(labels) = std::fs::read_to_string(&tsv) else {
            continue;
        };
        files += 1;
        let original = std::fs::read_to_string(&p).unwrap();
        let got = relevelled(&tmp.path().join(&name));
        let (o, k, m) = score(&label_depths(&labels), &original, &got);
        ok += o;
        n += k;
        misses.extend(m.into_iter().map(|m| format!("{name}: {m}")));
    }
    assert!(files > 0, "no labelled .md documents in the corpus");
    let how = if bold { "bold lines" } else { "all #" };
    figure(
        &format!("corpus, {files} documents, flattened to {how}"),
        ok,
        n,
        &misses,
    )
}

fn big_figure(bold: bool) -> f64 {
    let big = shared("corpus-big");
    let tmp = tempfile::tempdir().unwrap();
    flatten(&big, tmp.path(), bold);
    let (mut ok, mut n, mut misses) = (0, 0, Vec::new());
    let mut files = 0;
    let mut stack = vec![big.clone()];
    while let Some(d) = stack.pop() {
        for e in std::fs::read_dir(&d).unwrap().flatten() {
            let p = e.path();
            if p.is_dir() {
                stack.push(p);
                continue;
            }
            if p.extension().is_none_or(|e| e != "md") {
                continue;
            }
            files += 1;
            let rel = p.strip_prefix(&big).unwrap();
            let bytes = std::fs::read(&p).unwrap();
            let Ok(src) = Source::from_bytes(p.display().to_string(), bytes) else {
                continue;
            };
            let got = relevelled(&tmp.path().join(rel));
            let (o, k, m) = score(&tree_depths(&src), src.text(), &got);
            ok += o;
            n += k;
            misses.extend(m.into_iter().map(|m| format!("{}: {m}", rel.display())));
        }
    }
    assert!(files > 0, "no .md documents in the big collection");
    let how = if bold { "bold lines" } else { "all #" };
    figure(
        &format!("big collection, {files} documents, flattened to {how}"),
        ok,
        n,
        &misses,
    )
}

#[test]
#[ignore = "needs ../shared/corpus and python3"]
fn corpus_levels_come_back_from_flat_headings() {
    assert!(corpus_figure(false) >= 0.98);
}

#[test]
#[ignore = "needs ../shared/corpus and python3"]
fn corpus_levels_come_back_from_bold_lines() {
    assert!(corpus_figure(true) >= 0.98);
}

#[test]
#[ignore = "needs ../shared/corpus-big and python3"]
fn big_collection_levels_come_back_from_flat_headings() {
    assert!(big_figure(false) >= 0.98);
}

#[test]
#[ignore = "needs ../shared/corpus-big and python3"]
fn big_collection_levels_come_back_from_bold_lines() {
    assert!(big_figure(true) >= 0.98);
}

#[test]
fn own_report_comes_back_from_flat_headings() {
    let text = "# 关于做好工作的通知\n\n## 一、总体要求\n\n正文。\n\n### （一）指导思想\n\n正文。\n\n#### 1.坚持统筹\n\n正文。\n\n## 二、主要任务\n\n正文。\n";
    let tmp = tempfile::tempdir().unwrap();
    let (a, b) = (tmp.path().join("a.md"), tmp.path().join("b.md"));
    std::fs::write(&a, text).unwrap();
    let Some(()) = python_flatten(&a, &b) else {
        // without python3, flatten here the way the script does
        let flat: String = text
            .split_inclusive('\n')
            .map(|l| match atx_depth(l) {
                Some(n) => format!("#{}", &l[n..]),
                None => l.to_string(),
            })
            .collect();
        std::fs::write(&b, flat).unwrap();
        assert_eq!(relevelled(&b), text);
        return;
    };
    assert_ne!(std::fs::read_to_string(&b).unwrap(), text);
    assert_eq!(relevelled(&b), text);
}

fn python_flatten(a: &Path, b: &Path) -> Option<()> {
    let out = Command::new("python3")
        .arg(root().join("scripts/flatten-md.py"))
        .arg(a)
        .arg(b)
        .output()
        .ok()?;
    out.status.success().then_some(())
}

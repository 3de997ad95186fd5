//! The outline against the hand-labelled real documents in `../shared` (the same scoring as
//! `../shared/tools/score-outline.py`: a row matches when line, level and marker agree), and
//! the seed's preview-page chrome and source metadata.

use gongwen::tree::{Block, Document};
use gongwen::write::outline::rows;
use gongwen::Source;
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

fn shared() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared")
}

type Key = (usize, String, String);

fn group(kind: &str) -> &'static str {
    match kind {
        "heading" | "runin" | "article" => "headings",
        "point" => "points",
        _ => "titles",
    }
}

fn labels(path: &Path) -> Vec<(String, Key)> {
    std::fs::read_to_string(path)
        .unwrap()
        .lines()
        .skip(1)
        .filter(|l| !l.trim().is_empty())
        .map(|l| {
            let p: Vec<&str> = l.split('\t').collect();
            let marker: String = p.get(3).unwrap_or(&"").split_whitespace().collect();
            (
                group(p[1]).to_string(),
                (p[0].parse().unwrap(), p[2].to_string(), marker),
            )
        })
        .collect()
}

fn ours(input: &Source) -> Vec<(String, Key)> {
    let doc = gongwen::parse(input);
    rows(&doc, input)
        .into_iter()
        .map(|r| {
            (
                group(r.kind).to_string(),
                (
                    r.line,
                    r.level.to_string(),
                    r.marker.split_whitespace().collect(),
                ),
            )
        })
        .collect()
}

/// (tp, fp, fn) per group over the documents in `dirs`; panics when a directory is missing or
/// holds no labelled document.
fn score(dirs: &[PathBuf]) -> [(usize, usize, usize); 3] {
    let mut t = [(0, 0, 0); 3];
    let mut docs = 0;
    for d in dirs {
        let rd = std::fs::read_dir(d).unwrap_or_else(|e| panic!("needs {}: {e}", d.display()));
        let before = docs;
        for e in rd {
            let p = e.unwrap().path();
            let name = p.file_name().unwrap().to_string_lossy().to_string();
            let Some(stem) = name.strip_suffix(".outline.tsv") else {
                continue;
            };
            let doc = ["txt", "md"]
                .iter()
                .map(|x| d.join(format!("{stem}.{x}")))
                .find(|p| p.exists());
            let Some(doc) = doc else { continue };
            docs += 1;
            let input = Source::from_path(&doc).unwrap();
            let want = labels(&p);
            let got = ours(&input);
            for (gi, g) in ["headings", "points", "titles"].iter().enumerate() {
                let w: BTreeSet<&Key> = want.iter().filter(|x| x.0 == *g).map(|x| &x.1).collect();
                let o: BTreeSet<&Key> = got.iter().filter(|x| x.0 == *g).map(|x| &x.1).collect();
                t[gi].0 += w.intersection(&o).count();
                t[gi].1 += o.difference(&w).count();
                t[gi].2 += w.difference(&o).count();
                for k in w.symmetric_difference(&o) {
                    eprintln!(
                        "{name}: {} {g} {:?}",
                        if w.contains(k) { "missed" } else { "spurious" },
                        k
                    );
                }
            }
        }
        assert!(
            docs > before,
            "needs labelled documents (*.outline.tsv beside *.txt or *.md) in {}",
            d.display()
        );
    }
    t
}

fn f1((tp, fp, fnn): (usize, usize, usize)) -> f64 {
    let p = if tp + fp == 0 {
        1.0
    } else {
        tp as f64 / (tp + fp) as f64
    };
    let r = if tp + fnn == 0 {
        1.0
    } else {
        tp as f64 / (tp + fnn) as f64
    };
    if p + r == 0.0 {
        0.0
    } else {
        2.0 * p * r / (p + r)
    }
}

#[test]
#[ignore = "needs ../shared/corpus"]
fn corpus_scores_at_least_the_targets() {
    let s = score(&[shared().join("corpus")]);
    let (h, p, t) = (f1(s[0]), f1(s[1]), f1(s[2]));
    eprintln!("corpus: headings F1 {h:.3}, points F1 {p:.3}, titles F1 {t:.3}");
    // the figures measured now: every labelled row of the corpus is found, and nothing else
    let (hf, pf, tf) = (1.0, 1.0, 1.0);
    assert!(
        h >= hf && p >= pf && t >= tf,
        "headings {h:.3} (at least {hf:.3}) points {p:.3} (at least {pf:.3}) titles {t:.3} \
         (at least {tf:.3}): {s:?}"
    );
}

#[test]
#[ignore = "needs ../shared/seeds"]
fn seed_matches_its_labels_exactly() {
    let s = score(&[shared().join("seeds")]);
    for (g, x) in ["headings", "points", "titles"].iter().zip(s) {
        assert_eq!(f1(x), 1.0, "{g}: {x:?}");
    }
}

fn chrome_lines(doc: &Document, input: &Source) -> BTreeSet<usize> {
    let idx = input.lines();
    let mut out = BTreeSet::new();
    doc.walk(&mut |b, _| {
        if let Block::Chrome(c) = b {
            out.insert(idx.line_of(c.span.start));
        }
    });
    out
}

#[test]
#[ignore = "needs ../shared/seeds"]
fn seed_chrome_and_source_metadata() {
    let path = shared().join("seeds/000_34e3b3af0b28cd49.txt");
    let input = Source::from_path(&path).unwrap_or_else(|e| panic!("needs the seed document: {e}"));
    let doc = gongwen::parse(&input);
    let chrome = chrome_lines(&doc, &input);
    for l in (1..=25).chain([64]) {
        assert!(
            chrome.contains(&l),
            "line {l} should be chrome; chrome lines: {chrome:?}"
        );
    }
    assert!(
        !chrome.iter().any(|l| (26..64).contains(l)),
        "body lines taken as chrome: {chrome:?}"
    );
    let s = &doc.meta.source;
    assert_eq!(s.catalogue_code.as_deref(), Some("B10770"));
    assert_eq!(s.author.as_deref(), Some("吴咲呓"));
    assert_eq!(s.declared_chars, Some(6028));
    assert_eq!(s.declared_pages, Some(30));
    assert_eq!(
        doc.meta.title.as_deref(),
        Some("新时代“枫桥经验”在县域社会治理中的运用探索")
    );
}

//! Every document we have — the shared corpus and seeds, and our own samples — parses into a
//! tree that holds each non-whitespace character of its source exactly once.

use gongwen::Source;
use std::path::{Path, PathBuf};

fn documents(dir: &Path) -> Vec<PathBuf> {
    let Ok(rd) = std::fs::read_dir(dir) else {
        return Vec::new();
    };
    let mut v: Vec<PathBuf> = rd
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| {
            let name = p.file_name().and_then(|n| n.to_str()).unwrap_or("");
            (name.ends_with(".txt") || name.ends_with(".md")) && !name.contains(".outline.")
        })
        .collect();
    v.sort();
    v
}

fn check_all(paths: &[PathBuf]) -> Vec<String> {
    let mut failures = Vec::new();
    for p in paths {
        let bytes = std::fs::read(p).expect("readable");
        let name = p.display().to_string();
        let input = match Source::from_bytes(name.clone(), bytes) {
            Ok(i) => i,
            Err(e) => {
                failures.push(format!("{name}: {e}"));
                continue;
            }
        };
        let doc = gongwen::parse(&input);
        if let Err(e) = doc.check_lossless(&input) {
            failures.push(format!("{name}: {e}"));
        }
    }
    failures
}

/// Fail naming every document of `paths` that loses or duplicates text.
fn assert_all_lossless(paths: &[PathBuf]) {
    let failures = check_all(paths);
    assert!(
        failures.is_empty(),
        "{} of {} documents lose or duplicate text:\n{}",
        failures.len(),
        paths.len(),
        failures.join("\n")
    );
}

#[test]
fn samples_are_lossless() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("samples");
    let paths = documents(&dir);
    assert!(
        paths.len() >= 4,
        "samples/ should hold the project's samples"
    );
    let failures = check_all(&paths);
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
#[ignore = "needs ../shared/corpus and ../shared/seeds"]
fn shared_corpus_and_seeds_are_lossless() {
    let shared = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared");
    let mut paths = Vec::new();
    for dir in [shared.join("corpus"), shared.join("seeds")] {
        let found = documents(&dir);
        assert!(!found.is_empty(), "needs documents in {}", dir.display());
        paths.extend(found);
    }
    assert_all_lossless(&paths);
}

#[test]
#[ignore = "needs ../shared/corpus-big"]
fn big_collection_is_lossless() {
    let big = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/corpus-big");
    let list = std::fs::read_to_string(big.join("FILES.txt")).expect("corpus-big/FILES.txt");
    let paths: Vec<PathBuf> = list
        .lines()
        .filter(|l| !l.trim().is_empty())
        .map(|l| big.join(l.trim()))
        .collect();
    assert!(paths.len() > 1000, "only {} documents", paths.len());
    assert_all_lossless(&paths);
}

//! Helpers shared by the DOCX integration tests.
#![allow(dead_code)]

use gongwen::write::docx::{write, DocxOptions};
use gongwen::Source;
use std::path::{Path, PathBuf};
use std::process::Command;

/// The crate's root.
pub fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// `../shared` next to the crate (whether it is there or not).
pub fn shared() -> PathBuf {
    root().join("..").join("shared")
}

/// A folder of `../shared`; panics when it is missing (the tests that use it are ignored by
/// default and must fail, not pass on nothing, when run without it).
pub fn shared_dir(name: &str) -> PathBuf {
    let p = shared().join(name);
    assert!(
        p.is_dir(),
        "needs ../shared/{name}: {} is not a directory (put the shared data beside the checkout)",
        p.display()
    );
    p
}

fn docs_in(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(rd) = std::fs::read_dir(dir) else {
        return;
    };
    let mut v: Vec<PathBuf> = rd.filter_map(|e| e.ok().map(|e| e.path())).collect();
    v.sort();
    for p in v {
        if p.is_dir() {
            docs_in(&p, out);
        } else if matches!(p.extension().and_then(|e| e.to_str()), Some("txt" | "md")) {
            out.push(p);
        }
    }
}

/// Our own long test input.
pub fn long_report() -> PathBuf {
    root().join("tests/data/docx/long-report.txt")
}

/// The documents in a folder and its subfolders; panics when there are none.
fn docs_under(dir: &Path) -> Vec<PathBuf> {
    let mut v = Vec::new();
    docs_in(dir, &mut v);
    assert!(
        !v.is_empty(),
        "no .txt or .md documents in {}",
        dir.display()
    );
    v
}

/// The project's samples and test inputs.
pub fn own_inputs() -> Vec<PathBuf> {
    let mut v = docs_under(&root().join("samples"));
    v.extend(docs_under(&root().join("tests/data/docx")));
    v
}

/// The seeds and the corpus in `../shared`; panics when either is missing or empty.
pub fn shared_inputs() -> Vec<PathBuf> {
    let mut v = docs_under(&shared_dir("seeds"));
    v.extend(docs_under(&shared_dir("corpus")));
    v
}

/// Parse a file and convert it.
pub fn convert(path: &Path, opts: &DocxOptions) -> (gongwen::Document, Vec<u8>) {
    let input = Source::from_path(path).expect("readable input");
    let doc = gongwen::parse(&input);
    let mut bytes = Vec::new();
    write(&doc, &input, opts, &mut bytes).expect("DOCX written");
    (doc, bytes)
}

/// A program on PATH, or named by an environment variable.
pub fn find_tool(name: &str, env: &str) -> Option<PathBuf> {
    if let Ok(p) = std::env::var(env) {
        if !p.is_empty() && Path::new(&p).exists() {
            return Some(PathBuf::from(p));
        }
    }
    let path = std::env::var_os("PATH")?;
    std::env::split_paths(&path)
        .map(|d| d.join(name))
        .find(|p| p.is_file())
}

/// A tool the test needs; panics when it is neither on PATH nor named by `env` (the tests
/// that use one are ignored by default and must fail, not pass, when run without it).
pub fn require_tool(name: &str, env: &str) -> PathBuf {
    find_tool(name, env).unwrap_or_else(|| {
        panic!("needs {name}: not found on PATH or in ${env} (.ci/install.sh installs it)")
    })
}

/// Run a command, panicking with its output on failure.
pub fn run(cmd: &mut Command) -> String {
    let out = cmd
        .output()
        .unwrap_or_else(|e| panic!("cannot run {cmd:?}: {e}"));
    assert!(
        out.status.success(),
        "{cmd:?} failed: {}\n{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).into_owned()
}

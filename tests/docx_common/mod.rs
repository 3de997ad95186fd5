//! Helpers shared by the DOCX integration tests.
#![allow(dead_code)]

use gongwen::write::docx::{to_bytes, DocxOptions};
use gongwen::Input;
use std::path::{Path, PathBuf};
use std::process::Command;

/// The crate's root.
pub fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// `../shared` next to the crate, when it is there.
pub fn shared() -> Option<PathBuf> {
    let p = root().join("..").join("shared");
    p.is_dir().then_some(p)
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

/// The project's samples and test inputs.
pub fn own_inputs() -> Vec<PathBuf> {
    let mut v = Vec::new();
    docs_in(&root().join("samples"), &mut v);
    docs_in(&root().join("tests/data/docx"), &mut v);
    v
}

/// The seed and the corpus, when `../shared` exists.
pub fn shared_inputs() -> Vec<PathBuf> {
    let mut v = Vec::new();
    if let Some(s) = shared() {
        docs_in(&s.join("seeds"), &mut v);
        docs_in(&s.join("corpus"), &mut v);
    }
    v
}

/// Every input the DOCX tests convert.
pub fn all_inputs() -> Vec<PathBuf> {
    let mut v = own_inputs();
    v.extend(shared_inputs());
    v
}

/// Parse a file and convert it.
pub fn convert(path: &Path, opts: &DocxOptions) -> (gongwen::Document, Vec<u8>) {
    let input = Input::read(path.to_str().expect("utf-8 path")).expect("readable input");
    let doc = input.parse();
    let bytes = to_bytes(&doc, &input.text, opts).expect("DOCX written");
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

/// Whether a tool is present; when it is not, skip (print why) or fail when `require` is set.
pub fn require_tool(name: &str, env: &str, require_var: &str) -> Option<PathBuf> {
    match find_tool(name, env) {
        Some(p) => Some(p),
        None => {
            let msg = format!("{name} not found on PATH or in ${env}");
            if std::env::var(require_var).as_deref() == Ok("1") {
                panic!("{msg}, and {require_var}=1");
            }
            eprintln!("SKIPPED: {msg} (set {require_var}=1 to make this a failure)");
            None
        }
    }
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

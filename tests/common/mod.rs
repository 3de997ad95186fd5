//! Shared helpers for the check tests: the documents to test on.
#![allow(dead_code)]

use std::path::{Path, PathBuf};

/// A document: its name, its text, and whether it is Markdown.
pub struct Doc {
    pub name: String,
    pub text: String,
    pub markdown: bool,
}

fn from_dir(dir: &Path, out: &mut Vec<Doc>) {
    let Ok(rd) = std::fs::read_dir(dir) else {
        return;
    };
    let mut paths: Vec<PathBuf> = rd.filter_map(|e| e.ok().map(|e| e.path())).collect();
    paths.sort();
    for p in paths {
        let ext = p.extension().and_then(|e| e.to_str()).unwrap_or("");
        if !(ext == "txt" || ext == "md") || p.to_string_lossy().contains(".outline.") {
            continue;
        }
        let Ok(bytes) = std::fs::read(&p) else {
            continue;
        };
        let name = p.file_name().unwrap().to_string_lossy().into_owned();
        if let Ok(input) = gongwen::Source::from_bytes(name.clone(), bytes) {
            out.push(Doc {
                name,
                text: input.text().to_string(),
                markdown: input.is_markdown(),
            });
        }
    }
}

/// The corpus directories: `GONGWEN_CORPUS` (a list separated by the platform's path
/// separator) or `../shared/corpus` beside the crate.
pub fn corpus_dirs() -> Vec<PathBuf> {
    match std::env::var_os("GONGWEN_CORPUS") {
        Some(v) => std::env::split_paths(&v).collect(),
        None => vec![Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/corpus")],
    }
}

/// The corpus documents; panics when a corpus directory holds none (the tests that use the
/// corpus are ignored by default and must fail, not pass on nothing, when run without it).
pub fn corpus() -> Vec<Doc> {
    let mut v = Vec::new();
    for d in corpus_dirs() {
        let before = v.len();
        from_dir(&d, &mut v);
        assert!(
            v.len() > before,
            "needs the corpus: no .txt or .md documents in {} (put the shared data beside the \
             checkout as ../shared, or name corpus directories in GONGWEN_CORPUS)",
            d.display()
        );
    }
    v
}

/// The project's own samples (`samples/`); panics when there are none.
pub fn samples() -> Vec<Doc> {
    let mut v = Vec::new();
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("samples");
    from_dir(&dir, &mut v);
    assert!(!v.is_empty(), "no documents in {}", dir.display());
    v
}

/// The source of a text, read as Markdown when `markdown`.
pub fn source(text: &str, markdown: bool) -> gongwen::Source {
    let format = if markdown {
        gongwen::Format::Markdown
    } else {
        gongwen::Format::Text
    };
    gongwen::Source::from_str(text, format)
}

/// Parse a text and check it.
pub fn check_text(
    text: &str,
    markdown: bool,
    cfg: &gongwen::check::Config,
) -> Vec<gongwen::check::Diagnostic> {
    let src = source(text, markdown);
    gongwen::check::check(&gongwen::parse(&src), &src, cfg)
}

/// Fix a text.
pub fn fix_text(text: &str, markdown: bool, cfg: &gongwen::check::Config) -> String {
    gongwen::check::fix(&source(text, markdown), cfg)
}

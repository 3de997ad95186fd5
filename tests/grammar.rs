//! The grammar tests: `grammar-tests/CONSTRUCT/NAME.txt` (or `.md`, `.html`) beside
//! `NAME.yaml`, the expected digest of what the parser makes of it. An `.html` case's lines
//! are those of the Markdown the HTML reader makes of the page.
//!
//! The digest is meant to be read by people: `meta` (the document facts that are set),
//! `outline` (the TSV rows as `LINE KIND LEVEL MARKER TITLE`, `-` for an empty marker) and
//! `lines` (for each non-blank source line, `N: what it became`).
//!
//! `BLESS=1 cargo test --test grammar` rewrites the expected files from the parser's output.
//! Bless on purpose only, and read every blessed file before committing it.

use gongwen::tree::{Block, Document, HeadingKind};
use gongwen::write::outline;
use gongwen::Source;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

#[derive(Debug, Default, PartialEq, Serialize, Deserialize)]
struct Digest {
    #[serde(default)]
    meta: BTreeMap<String, String>,
    #[serde(default)]
    outline: Vec<String>,
    #[serde(default)]
    lines: Vec<String>,
}

/// The serde name of a unit enum variant (kebab-case in the model).
fn name_of<T: Serialize>(v: &T) -> String {
    match serde_json::to_value(v) {
        Ok(serde_json::Value::String(s)) => s,
        other => format!("{other:?}"),
    }
}

fn elisions(n: usize) -> String {
    match n {
        0 => String::new(),
        1 => " (1 elision)".into(),
        n => format!(" ({n} elisions)"),
    }
}

/// What a block is, in a few words.
fn label(b: &Block) -> String {
    match b {
        Block::Chrome(c) => format!("chrome {}", name_of(&c.kind)),
        Block::Title(_) => "title".into(),
        Block::Subtitle(t) => match &t.marker {
            Some(m) => format!("subtitle {}", m.text),
            None => "subtitle".into(),
        },
        Block::Byline(_) => "byline".into(),
        Block::Banner(_) => "banner".into(),
        Block::Serial(_) => "serial".into(),
        Block::CopyNumber(_) => "copy-number".into(),
        Block::Secrecy(_) => "secrecy".into(),
        Block::Urgency(_) => "urgency".into(),
        Block::Signer(_) => "signer".into(),
        Block::DocNumber(_) => "doc-number".into(),
        Block::Addressee(_) => "addressee".into(),
        Block::Contents(c) => format!("contents ({} entries)", c.entries.len()),
        Block::Section(s) => {
            let kind = match s.kind {
                HeadingKind::Standalone => "heading",
                HeadingKind::RunIn => "runin",
                HeadingKind::Article => "article",
            };
            let marker = s.marker.as_ref().map(|m| m.raw.as_str()).unwrap_or("-");
            let n = s.run_in.as_ref().map_or(0, |p| p.elisions.len());
            format!("{kind} L{} {marker}{}", s.level, elisions(n))
        }
        Block::Point(p) => {
            let n = p.body.as_ref().map_or(0, |b| b.elisions.len());
            format!("point L{} {}{}", p.level, p.marker.text, elisions(n))
        }
        Block::ListItem(l) => format!("list-item {}", l.marker.raw),
        Block::Paragraph(p) => format!("paragraph{}", elisions(p.elisions.len())),
        Block::Elision(e) => format!("elision {}", name_of(&e.kind)),
        Block::Attachment(a) => format!("attachment {}", name_of(&a.kind)),
        Block::Signature(_) => "signature".into(),
        Block::Date(_) => "date".into(),
        Block::CopyTo(_) => "copy-to".into(),
        Block::Imprint(_) => "imprint".into(),
        Block::Note(_) => "note".into(),
        Block::Table(t) => format!(
            "table {}x{}{}",
            t.rows.len(),
            t.rows.first().map_or(0, |r| r.cells.len()),
            if t.caption.is_some() {
                " captioned"
            } else {
                ""
            }
        ),
        Block::List(l) => format!("list{}", if l.ordered { " ordered" } else { "" }),
        Block::Item(i) => format!("item {}", i.bullet.text),
        Block::Quote(_) => "quote".into(),
        Block::Image(i) => format!("image {}", i.src),
        Block::Footnote(n) => format!("footnote {}", n.label),
        Block::Break(b) => format!("break {}", name_of(&b.kind)),
    }
}

fn digest(doc: &Document, source: &Source) -> Digest {
    let src = source.text();
    let idx = source.lines();
    let mut meta = BTreeMap::new();
    let m = &doc.meta;
    let mut put = |k: &str, v: Option<String>| {
        if let Some(v) = v {
            meta.insert(k.to_string(), v);
        }
    };
    put("title", m.title.clone());
    put("subtitle", m.subtitle.clone());
    put("author", m.author.clone());
    put("date", m.date.clone());
    put("doc_number", m.doc_number.clone());
    put("addressee", m.addressee.clone());
    put("signatory", m.signatory.clone());
    let s = &m.source;
    put("source.catalogue_code", s.catalogue_code.clone());
    put("source.listing_title", s.listing_title.clone());
    put("source.category", s.category.clone());
    put("source.author", s.author.clone());
    put(
        "source.declared_chars",
        s.declared_chars.map(|n| n.to_string()),
    );
    put(
        "source.declared_pages",
        s.declared_pages.map(|n| n.to_string()),
    );
    put("source.paywall", s.paywall.clone());

    let outline = outline::rows(doc, source)
        .into_iter()
        .map(|r| {
            let marker = if r.marker.is_empty() { "-" } else { &r.marker };
            format!("{} {} {} {} {}", r.line, r.kind, r.level, marker, r.title)
                .trim_end()
                .to_string()
        })
        .collect();

    // every line a block owns text on, in source order of the blocks
    let mut per_line: BTreeMap<usize, Vec<String>> = BTreeMap::new();
    doc.walk(&mut |b, _| {
        let mut seen = Vec::new();
        for sp in b.own_spans() {
            let Some(text) = src.get(sp.range()) else {
                continue;
            };
            if text.trim().is_empty() {
                continue;
            }
            let first = idx.line_of(sp.start);
            let last = idx.line_of(sp.end.saturating_sub(1).max(sp.start));
            for n in first..=last {
                if !seen.contains(&n) {
                    seen.push(n);
                }
            }
        }
        for n in seen {
            per_line.entry(n).or_default().push(label(b));
        }
    });
    let mut lines = Vec::new();
    for n in 1..=idx.line_count() {
        let from = idx.line_start(n);
        let to = if n < idx.line_count() {
            idx.line_start(n + 1)
        } else {
            src.len()
        };
        let text = &src[from..to];
        // a line of nothing visible: spaces of every width, a BOM, a zero-width space
        if text
            .chars()
            .all(|c| c.is_whitespace() || matches!(c, '\u{feff}' | '\u{200b}'))
        {
            continue;
        }
        let what = per_line
            .get(&n)
            .map(|v| v.join(" + "))
            .unwrap_or_else(|| "(nothing)".into());
        lines.push(format!("{n}: {what}"));
    }
    Digest {
        meta,
        outline,
        lines,
    }
}

fn cases(root: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    let Ok(dirs) = std::fs::read_dir(root) else {
        return out;
    };
    for d in dirs.flatten() {
        let Ok(files) = std::fs::read_dir(d.path()) else {
            continue;
        };
        for f in files.flatten() {
            let p = f.path();
            if matches!(
                p.extension().and_then(|e| e.to_str()),
                Some("txt" | "md" | "html")
            ) {
                out.push(p);
            }
        }
    }
    out.sort();
    out
}

fn diff(expected: &str, actual: &str) -> String {
    let d = similar::TextDiff::from_lines(expected, actual);
    let mut s = String::new();
    for op in d.ops() {
        for ch in d.iter_changes(op) {
            let sign = match ch.tag() {
                similar::ChangeTag::Delete => "-",
                similar::ChangeTag::Insert => "+",
                similar::ChangeTag::Equal => continue,
            };
            s.push_str(&format!("    {sign} {}", ch.value()));
            if ch.missing_newline() {
                s.push('\n');
            }
        }
    }
    s
}

#[test]
fn grammar_tests() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("grammar-tests");
    let bless = std::env::var_os("BLESS").is_some_and(|v| v == "1");
    let all = cases(&root);
    assert!(
        all.len() >= 60,
        "expected at least 60 cases, found {}",
        all.len()
    );
    let mut failures = Vec::new();
    let mut report = String::new();
    for input in &all {
        let rel = input
            .strip_prefix(&root)
            .unwrap_or(input)
            .display()
            .to_string();
        let bytes = std::fs::read(input).expect("readable input");
        let inp = match Source::from_bytes(input.display().to_string(), bytes) {
            Ok(i) => i,
            Err(e) => {
                failures.push(rel.clone());
                report.push_str(&format!("{rel}: cannot read: {e}\n"));
                continue;
            }
        };
        let doc = gongwen::parse(&inp);
        if let Err(e) = doc.check_lossless(&inp) {
            failures.push(rel.clone());
            report.push_str(&format!("{rel}: not lossless: {e}\n"));
        }
        let actual = digest(&doc, &inp);
        let actual_yaml = serde_yaml::to_string(&actual).expect("serialisable");
        let expected_path = input.with_extension("yaml");
        if bless {
            std::fs::write(&expected_path, &actual_yaml).expect("writable");
            continue;
        }
        let expected_yaml = std::fs::read_to_string(&expected_path).unwrap_or_default();
        let expected: Digest = match serde_yaml::from_str(&expected_yaml) {
            Ok(d) => d,
            Err(e) => {
                failures.push(rel.clone());
                report.push_str(&format!(
                    "{rel}: expected file missing or unreadable: {e}\n"
                ));
                continue;
            }
        };
        if expected != actual {
            let normalised = serde_yaml::to_string(&expected).expect("serialisable");
            failures.push(rel.clone());
            report.push_str(&format!(
                "{rel}: (- expected, + actual)\n{}",
                diff(&normalised, &actual_yaml)
            ));
        }
    }
    let failures: Vec<String> = failures
        .iter()
        .map(|f| format!("{f}  (see {})", decided_in(f)))
        .collect();
    assert!(
        failures.is_empty(),
        "{report}\n{} of {} grammar tests failed:\n  {}",
        failures.len(),
        all.len(),
        failures.join("\n  ")
    );
}

/// The source file that decides what a grammar case shows, by its folder, so that a failing
/// case points at the code to read.
fn decided_in(case: &str) -> &'static str {
    match case.split(['/', '\\']).next().unwrap_or("") {
        "chrome" => "src/tree/build/chrome.rs, src/grammar/chrome.rs",
        "contents" => "src/tree/build/contents.rs",
        "elements" => "src/tree/build/elements.rs, src/tree/build/attached.rs",
        "elisions" => "src/grammar/elision.rs, src/tree/build/paragraph.rs",
        "html" => "src/source/html.rs, src/tree/build/site_chrome.rs",
        "list-vs-heading" => "src/tree/build/lists.rs",
        "markers" => "src/grammar/marker.rs, src/tree/build/heading.rs",
        "nesting" => "src/tree/build/hierarchy.rs, src/tree/build/nest.rs",
        "numerals" => "src/grammar/numeral.rs",
        "points" => "src/tree/build/points.rs",
        "run-in" => "src/tree/build/run_in.rs",
        "structure" => "src/source/markdown.rs, src/tree/build/structure.rs",
        "statute" => {
            "src/grammar/marker.rs, src/tree/build/heading.rs, src/tree/build/article.rs, \
             src/tree/build/title_below.rs"
        }
        "title" => "src/tree/build/title.rs, src/tree/build/byline.rs",
        "unnumbered" => "src/tree/build/unnumbered.rs, src/tree/build/hierarchy.rs",
        _ => "src/tree/build/mod.rs",
    }
}

#[test]
fn every_folder_names_files_that_exist() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut n = 0;
    for e in std::fs::read_dir(root.join("grammar-tests")).expect("grammar-tests/") {
        let e = e.expect("readable entry");
        if !e.path().is_dir() {
            continue;
        }
        let folder = e.file_name().to_string_lossy().into_owned();
        let files = decided_in(&format!("{folder}/x.txt"));
        assert_ne!(files, decided_in("?"), "{folder}/ names no file");
        for f in files.split(", ") {
            assert!(root.join(f).is_file(), "{folder}/: {f} does not exist");
        }
        n += 1;
    }
    assert!(n >= 10, "only {n} folders");
}

//! The check tests: `check-tests/GWnnn/NAME.txt` (or `.md`), one folder per rule, each input
//! beside `NAME.diagnostics`, what `check` finds in it (every rule, one finding a line:
//! `LINE:COL severity GWnnn message`, the column in characters), and, when a fix applies,
//! `NAME.fixed.txt` (`NAME.fixed.md`), the text `gongwen fix` makes of it. A `gongwen.toml` in
//! a folder applies to its cases, found as the command finds it.
//!
//! Besides comparing, the test holds the folders to the rule table: every rule has a folder and
//! every folder is a rule; in its folder, a rule fires in at least one case and stays silent in
//! at least one (a near miss: a correct text that looks like the error); a fixable rule offers
//! a fix there, a rule that is not fixable never does; and the fixed text, checked again, has no
//! fixable finding of the folder's rule.
//!
//! `BLESS=1 cargo test --test check_fixtures` rewrites the expected files from what `check` and
//! `fix` do. Bless on purpose only, and read every blessed file before committing it.

use gongwen::check::{check, fix, Config, Diagnostic, Rule};
use gongwen::{LineIndex, Source};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// One input and what checking and fixing it gave.
struct Case {
    /// Relative to `check-tests/`.
    rel: String,
    diagnostics: Vec<Diagnostic>,
    /// The fixed text, when it differs from the input.
    fixed: Option<String>,
    /// What checking the fixed text again gave.
    refixed: Vec<Diagnostic>,
}

/// The folders and, in each, its inputs (not the `.fixed.` files), sorted.
fn folders(root: &Path) -> BTreeMap<String, Vec<PathBuf>> {
    let mut out = BTreeMap::new();
    for d in std::fs::read_dir(root)
        .expect("check-tests/ exists")
        .flatten()
    {
        if !d.path().is_dir() {
            continue;
        }
        let mut inputs = Vec::new();
        for f in std::fs::read_dir(d.path())
            .expect("readable folder")
            .flatten()
        {
            let p = f.path();
            let name = p.file_name().and_then(|n| n.to_str()).unwrap_or("");
            let ext = p.extension().and_then(|e| e.to_str());
            if matches!(ext, Some("txt" | "md")) && !name.contains(".fixed.") {
                inputs.push(p);
            }
        }
        inputs.sort();
        out.insert(d.file_name().to_string_lossy().into_owned(), inputs);
    }
    out
}

/// `LINE:COL severity GWnnn message`, one line per finding.
fn render(text: &str, diags: &[Diagnostic]) -> String {
    let idx = LineIndex::new(text);
    let mut s = String::new();
    for d in diags {
        let (line, col) = idx.char_col(text, d.span.start);
        s.push_str(&format!(
            "{line}:{col} {} {} {}\n",
            d.severity.as_str(),
            d.rule,
            d.message_zh
        ));
    }
    s
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

/// Compare (or, blessing, write) one expected file; `None` means the file must not exist.
fn expect(root: &Path, path: &Path, actual: Option<&str>, bless: bool, report: &mut Vec<String>) {
    let rel = path.strip_prefix(root).unwrap_or(path).display();
    if bless {
        match actual {
            Some(a) => std::fs::write(path, a).expect("writable"),
            None if path.exists() => std::fs::remove_file(path).expect("removable"),
            None => {}
        }
        return;
    }
    match (std::fs::read_to_string(path).ok(), actual) {
        (Some(e), Some(a)) if e != a => {
            report.push(format!("{rel}: (- expected, + actual)\n{}", diff(&e, a)))
        }
        (None, Some(_)) => report.push(format!("{rel}: missing (BLESS=1 writes it)")),
        (Some(_), None) => report.push(format!("{rel}: no fix applies, but the file exists")),
        _ => {}
    }
}

/// Check and fix one input, and compare with its expected files.
fn run_case(root: &Path, input: &Path, bless: bool, report: &mut Vec<String>) -> Case {
    let rel = input
        .strip_prefix(root)
        .unwrap_or(input)
        .display()
        .to_string();
    let bytes = std::fs::read(input).expect("readable input");
    let inp = Source::from_bytes(input.display().to_string(), bytes).expect("a text input");
    let cfg = Config::for_file(input).expect("a valid gongwen.toml");
    let doc = gongwen::parse(&inp);
    let diagnostics = check(&doc, &inp, &cfg);
    let fixed = Some(fix(&inp, &cfg)).filter(|f| f != inp.text());
    let refixed = match &fixed {
        Some(f) => {
            let again = Source::from_str(f.as_str(), inp.format());
            check(&gongwen::parse(&again), &again, &cfg)
        }
        None => Vec::new(),
    };
    let ext = input.extension().and_then(|e| e.to_str()).unwrap_or("txt");
    let stem = input.file_stem().and_then(|s| s.to_str()).unwrap_or("");
    let sibling = |suffix: &str| input.with_file_name(format!("{stem}.{suffix}"));
    let diags_text = render(inp.text(), &diagnostics);
    expect(
        root,
        &sibling("diagnostics"),
        Some(&diags_text),
        bless,
        report,
    );
    let fixed_path = sibling(&format!("fixed.{ext}"));
    expect(root, &fixed_path, fixed.as_deref(), bless, report);
    Case {
        rel,
        diagnostics,
        fixed,
        refixed,
    }
}

/// What the cases of a rule's folder must show of it.
fn hold_to_rule(rule: Rule, cases: &[Case], report: &mut Vec<String>) {
    let code = rule.code();
    let fires = |c: &Case| c.diagnostics.iter().any(|d| d.rule == rule);
    if !cases.iter().any(fires) {
        report.push(format!("{code}/: no case where {code} fires"));
    }
    if !cases.iter().any(|c| !fires(c)) {
        report.push(format!("{code}/: no case where {code} stays silent"));
    }
    let fixed_here = cases.iter().any(|c| {
        c.fixed.is_some()
            && c.diagnostics
                .iter()
                .any(|d| d.rule == rule && d.fix.is_some())
    });
    if rule.fixable() && !fixed_here {
        report.push(format!(
            "{code}/: {code} is fixable but no case here is fixed by it"
        ));
    }
    for c in cases {
        if c.refixed.iter().any(|d| d.rule == rule && d.fix.is_some()) {
            report.push(format!(
                "{}: the fixed text still has a fixable {code}",
                c.rel
            ));
        }
    }
}

#[test]
fn check_tests() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("check-tests");
    let bless = std::env::var_os("BLESS").is_some_and(|v| v == "1");
    let mut report = Vec::new();
    let mut all: Vec<Case> = Vec::new();
    let folders = folders(&root);
    for (name, inputs) in &folders {
        let cases: Vec<Case> = inputs
            .iter()
            .map(|i| run_case(&root, i, bless, &mut report))
            .collect();
        match Rule::from_key(name).filter(|r| r.code() == name) {
            Some(rule) => hold_to_rule(rule, &cases, &mut report),
            None => report.push(format!("{name}/: not the code of a rule")),
        }
        all.extend(cases);
    }
    // the layout rules read a DOCX's formatting, not a text: tests/check_layout.rs holds them
    let text_rules: Vec<Rule> = Rule::ALL
        .iter()
        .copied()
        .filter(|r| gongwen::check::layout::basis(*r).is_none())
        .collect();
    for r in &text_rules {
        if !folders.contains_key(r.code()) {
            report.push(format!("{}: no folder check-tests/{}/", r.code(), r.code()));
        }
    }
    for c in &all {
        for d in c.diagnostics.iter().filter(|d| !d.rule.fixable()) {
            if d.fix.is_some() {
                report.push(format!(
                    "{}: {} is not fixable but offers a fix",
                    c.rel, d.rule
                ));
            }
        }
    }
    assert!(
        all.len() >= 2 * text_rules.len(),
        "expected at least two cases a rule, found {}",
        all.len()
    );
    assert!(
        report.is_empty(),
        "{}\n{} problems in {} check tests",
        report.join("\n"),
        report.len(),
        all.len()
    );
}

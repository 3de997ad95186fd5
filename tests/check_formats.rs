//! Output formats: golden JSON and rdjson, SARIF validated against the 2.1.0 schema, GitHub
//! annotations, and the human caret under the right CJK column.

use gongwen::check::render::{render, FileReport, Report, ReportFormat as Format};
use gongwen::check::Config;
use std::path::Path;
use std::sync::Arc;

fn data(name: &str) -> std::path::PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/data")
        .join(name)
}

fn report(names: &[&str]) -> Report {
    let files = names
        .iter()
        .map(|n| {
            let text = std::fs::read_to_string(data(&format!("check/{n}"))).unwrap();
            FileReport::from_text(n, &text, n.ends_with(".md"), Arc::new(Config::default()))
        })
        .collect();
    Report {
        files,
        errors: vec![],
    }
}

fn rendered(r: &Report, f: Format) -> String {
    let mut out = Vec::new();
    render(r, f, false, &mut out).unwrap();
    String::from_utf8(out).unwrap()
}

fn golden(name: &str, got: &str) {
    let path = data(&format!("check/{name}"));
    if std::env::var_os("BLESS").is_some() {
        std::fs::write(&path, got).unwrap();
    }
    let want = std::fs::read_to_string(&path).unwrap_or_default();
    assert_eq!(
        got, want,
        "{name} differs from the golden file (BLESS=1 to re-bless)"
    );
}

#[test]
fn json_golden() {
    for n in ["numbering.txt", "suppress.md"] {
        golden(&format!("{n}.json"), &rendered(&report(&[n]), Format::Json));
    }
}

#[test]
fn rdjson_golden() {
    golden(
        "numbering.txt.rdjson",
        &rendered(&report(&["numbering.txt"]), Format::Rdjson),
    );
}

#[test]
fn json_contract_fields() {
    let v: serde_json::Value =
        serde_json::from_str(&rendered(&report(&["numbering.txt"]), Format::Json)).unwrap();
    let diags = v["files"][0]["diagnostics"].as_array().unwrap();
    assert!(!diags.is_empty());
    for d in diags {
        for k in ["line", "column", "severity", "rule", "message"] {
            assert!(d.get(k).is_some(), "{k} missing in {d}");
        }
    }
    assert!(diags.iter().any(|d| d.get("fix").is_some()));
}

#[test]
fn rdjson_columns_are_bytes() {
    let r = report(&["numbering.txt"]);
    let v: serde_json::Value = serde_json::from_str(&rendered(&r, Format::Rdjson)).unwrap();
    // GW121 on "二. 主要任务": the "." is the 4th byte of its line
    let d = v["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .find(|d| d["code"]["value"] == "GW121" && d["location"]["range"]["start"]["line"] == 8)
        .unwrap();
    assert_eq!(d["location"]["range"]["start"]["column"], 4);
    assert_eq!(d["location"]["range"]["end"]["column"], 5);
}

#[test]
fn sarif_validates_against_schema() {
    let schema: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(data("sarif-schema-2.1.0.json")).unwrap())
            .unwrap();
    let validator = jsonschema::draft4::new(&schema).expect("schema compiles");
    let mut r = report(&["numbering.txt", "suppress.md"]);
    r.errors
        .push("missing.txt: no such file or directory".into());
    let out = rendered(&r, Format::Sarif);
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    let errors: Vec<String> = validator
        .iter_errors(&v)
        .map(|e| format!("{e} at {}", e.instance_path))
        .collect();
    assert!(errors.is_empty(), "{errors:#?}");
    assert_eq!(v["runs"][0]["columnKind"], "unicodeCodePoints");
    assert!(!v["runs"][0]["results"].as_array().unwrap().is_empty());
    // a broken log is rejected, so the validation can fail
    let mut bad = v.clone();
    bad["runs"][0]["results"][0]["level"] = "fatal".into();
    assert!(!validator.is_valid(&bad));
}

#[test]
fn github_annotations() {
    let out = rendered(&report(&["numbering.txt"]), Format::Github);
    let first = out.lines().next().unwrap();
    assert!(
        first.starts_with("::error file=numbering.txt,line=2,col="),
        "{first}"
    );
    assert!(out.lines().all(|l| l.starts_with("::error ")
        || l.starts_with("::warning ")
        || l.starts_with("::notice ")));
    assert!(out.contains("title=GW101 numbering-gap::"));
    // data is escaped: no raw newline inside an annotation
    assert_eq!(
        out.lines().count(),
        report(&["numbering.txt"]).files[0].diagnostics.len()
    );
}

#[test]
fn human_caret_under_cjk_column() {
    let r = Report {
        files: vec![FileReport::from_text(
            "a.txt",
            "一、总体要求\n二.主要任务\n",
            false,
            Arc::new(Config::default()),
        )],
        errors: vec![],
    };
    let out = rendered(&r, Format::Human);
    let lines: Vec<&str> = out.lines().collect();
    let src = lines
        .iter()
        .position(|l| l.ends_with("│ 二.主要任务"))
        .expect(&out);
    let caret = lines[src + 1];
    let bar = |l: &str| l.find('│').unwrap();
    // display columns after the bar: 二 is two columns wide, so the caret is under the "."
    let after_src = &lines[src][bar(lines[src])..];
    let after_caret = &caret[bar(caret)..];
    let dot_col = unicode_width::UnicodeWidthStr::width(&after_src[..after_src.find('.').unwrap()]);
    let caret_col =
        unicode_width::UnicodeWidthStr::width(&after_caret[..after_caret.find('^').unwrap()]);
    assert_eq!(caret_col, dot_col, "\n{out}");
    assert!(out.contains("error[GW121]"));
    assert!(out.contains("found 1 error, 0 warnings in 1 file"), "{out}");
}

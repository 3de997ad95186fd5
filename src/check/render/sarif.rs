//! `--format sarif`: SARIF 2.1.0 for code scanning; columns in Unicode code points
//! (`columnKind: unicodeCodePoints`).

use super::{char_range, Report};
use crate::check::{Rule, Severity};
use crate::LineIndex;
use serde_json::{json, Value};
use std::io::{self, Write};

fn level(s: Severity) -> &'static str {
    match s {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info => "note",
    }
}

fn region(r: (usize, usize, usize, usize)) -> Value {
    json!({"startLine": r.0, "startColumn": r.1, "endLine": r.2, "endColumn": r.3})
}

/// A file name as a URI reference (RFC 3986): a relative path stays a relative reference
/// (`docs/通知 1.txt` → `docs/%E9%80%9A%E7%9F%A5%201.txt`), an absolute one becomes a `file:`
/// URI (RFC 8089). Every byte but the unreserved ones (letters, digits, `-._~`) and the `/`
/// between segments is percent-encoded, so a space, `#`, `?`, `%`, `:` or a CJK character
/// means what it says to a URI parser.
fn uri(name: &str) -> String {
    let name = if cfg!(windows) {
        name.replace('\\', "/")
    } else {
        name.to_string()
    };
    let mut path = name.as_str();
    while let Some(rest) = path.strip_prefix("./") {
        path = rest.trim_start_matches('/');
    }
    let b = path.as_bytes();
    let drive = cfg!(windows) && b.len() >= 2 && b[0].is_ascii_alphabetic() && b[1] == b':';
    let mut out = String::with_capacity(path.len() + 8);
    if drive {
        out.push_str("file:///");
        out.push_str(&path[..2]);
        path = &path[2..];
    } else if path.starts_with('/') {
        out.push_str("file://");
    }
    for &c in path.as_bytes() {
        if c.is_ascii_alphanumeric() || b"-._~/".contains(&c) {
            out.push(c as char);
        } else {
            out.push_str(&format!("%{c:02X}"));
        }
    }
    out
}

/// The report as a SARIF log.
pub fn to_value(report: &Report) -> Value {
    let rules: Vec<Value> = Rule::ALL
        .iter()
        .map(|r| {
            json!({
                "id": r.code(), "name": r.name(),
                "shortDescription": {"text": format!("{} ({})", r.summary_zh(), r.summary_en())},
                "defaultConfiguration": {"level": level(r.default_severity())},
                "properties": {"fixable": r.fixable()},
            })
        })
        .collect();
    let mut results = Vec::new();
    for f in &report.files {
        let idx = LineIndex::new(&f.text);
        for d in &f.diagnostics {
            let loc = json!({"physicalLocation": {
                "artifactLocation": {"uri": uri(&f.name)},
                "region": region(char_range(&idx, &f.text, d.span)),
            }});
            let mut r = json!({
                "ruleId": d.rule,
                "ruleIndex": Rule::ALL.iter().position(|r| *r == d.rule).unwrap_or(0),
                "level": level(d.severity),
                "message": {"text": format!("{} ({})", d.message_zh, d.message_en)},
                "locations": [loc],
            });
            if let Some(fix) = &d.fix {
                let reps: Vec<Value> = fix
                    .edits
                    .iter()
                    .map(|e| json!({"deletedRegion": region(char_range(&idx, &f.text, e.span)), "insertedContent": {"text": e.replacement}}))
                    .collect();
                r["fixes"] = json!([{
                    "description": {"text": "gongwen fix"},
                    "artifactChanges": [{"artifactLocation": {"uri": uri(&f.name)}, "replacements": reps}],
                }]);
            }
            results.push(r);
        }
    }
    let notifications: Vec<Value> = report
        .errors
        .iter()
        .map(|e| json!({"level": "error", "message": {"text": e}}))
        .collect();
    json!({
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "version": "2.1.0",
        "runs": [{
            "tool": {"driver": {
                "name": "gongwen",
                "version": env!("CARGO_PKG_VERSION"),
                "informationUri": "https://crates.io/crates/gongwen",
                "rules": rules,
            }},
            "columnKind": "unicodeCodePoints",
            "invocations": [{"executionSuccessful": report.errors.is_empty(), "toolExecutionNotifications": notifications}],
            "results": results,
        }]
    })
}

/// Render as SARIF.
pub fn render(report: &Report, w: &mut dyn Write) -> io::Result<()> {
    serde_json::to_writer_pretty(&mut *w, &to_value(report)).map_err(io::Error::other)?;
    writeln!(w)
}

#[cfg(test)]
mod tests {

    #[test]
    fn example_render() {
        use crate::check::render::sarif;
        let r = super::super::tests::one_gap();
        let v = sarif::to_value(&r);
        assert_eq!(v["runs"][0]["results"][0]["ruleId"], "GW101");
        let mut out = Vec::new();
        sarif::render(&r, &mut out).unwrap();
    }

    #[test]
    fn uris_are_percent_encoded_references() {
        use super::uri;
        assert_eq!(uri("./docs/a.txt"), "docs/a.txt");
        assert_eq!(uri("通知 1.txt"), "%E9%80%9A%E7%9F%A5%201.txt");
        assert_eq!(uri("a#b?c%d:e.txt"), "a%23b%3Fc%25d%3Ae.txt");
        assert_eq!(uri("../公文/x y.md"), "../%E5%85%AC%E6%96%87/x%20y.md");
        assert_eq!(
            uri("/srv/公文/a b.txt"),
            "file:///srv/%E5%85%AC%E6%96%87/a%20b.txt"
        );
        if !cfg!(windows) {
            assert_eq!(uri("a\\b.txt"), "a%5Cb.txt");
        }
    }
}

//! `--format json`: one JSON document with, per file, its diagnostics (line and column in
//! characters, 1-based; byte offsets too), each with a `fix` where one exists.

use super::{char_range, Report};
use crate::check::Severity;
use crate::LineIndex;
use serde_json::{json, Value};
use std::io::{self, Write};

/// The schema string of this output.
pub const SCHEMA: &str = "gongwen.check/1";

/// The report as a JSON value.
pub fn to_value(report: &Report) -> Value {
    let files: Vec<Value> = report
        .files
        .iter()
        .map(|f| {
            let idx = LineIndex::new(&f.text);
            let diags: Vec<Value> = f
                .diagnostics
                .iter()
                .map(|d| {
                    let (l, c, el, ec) = char_range(&idx, &f.text, d.span);
                    let mut v = json!({
                        "line": l, "column": c, "end_line": el, "end_column": ec,
                        "start": d.span.start, "end": d.span.end,
                        "severity": d.severity.as_str(),
                        "rule": d.rule, "name": d.rule.name(),
                        "message": d.message_zh, "message_en": d.message_en,
                    });
                    if let Some(fix) = &d.fix {
                        let edits: Vec<Value> = fix
                            .edits
                            .iter()
                            .map(|e| {
                                let (l, c, el, ec) = char_range(&idx, &f.text, e.span);
                                json!({"line": l, "column": c, "end_line": el, "end_column": ec,
                                       "start": e.span.start, "end": e.span.end, "replacement": e.replacement})
                            })
                            .collect();
                        v["fix"] = json!({ "edits": edits });
                    }
                    v
                })
                .collect();
            json!({ "path": f.name, "diagnostics": diags })
        })
        .collect();
    json!({
        "schema": SCHEMA,
        "files": files,
        "errors": report.errors,
        "summary": {
            "files": report.files.len(),
            "error": report.count(Severity::Error),
            "warning": report.count(Severity::Warning),
            "info": report.count(Severity::Info),
        }
    })
}

/// Render as JSON.
pub fn render(report: &Report, w: &mut dyn Write) -> io::Result<()> {
    serde_json::to_writer_pretty(&mut *w, &to_value(report)).map_err(io::Error::other)?;
    writeln!(w)
}

#[cfg(test)]
mod tests {

    #[test]
    fn example_render() {
        use crate::check::render::json;
        let r = super::super::tests::one_gap();
        let v = json::to_value(&r);
        assert_eq!(v["files"][0]["diagnostics"][0]["line"], 2);
        let mut out = Vec::new();
        json::render(&r, &mut out).unwrap();
    }
}

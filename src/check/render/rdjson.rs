//! `--format rdjson`: reviewdog's Diagnostic Format; columns are UTF-8 bytes, 1-based.

use super::{byte_range, Report};
use crate::check::Severity;
use crate::LineIndex;
use serde_json::{json, Value};
use std::io::{self, Write};

fn range(r: (usize, usize, usize, usize)) -> Value {
    json!({"start": {"line": r.0, "column": r.1}, "end": {"line": r.2, "column": r.3}})
}

/// The report as an rdjson value.
pub fn to_value(report: &Report) -> Value {
    let mut diags = Vec::new();
    for f in &report.files {
        let idx = LineIndex::new(&f.text);
        for d in &f.diagnostics {
            let mut v = json!({
                "message": format!("{} ({})", d.message_zh, d.message_en),
                "location": {"path": f.name, "range": range(byte_range(&idx, d.span))},
                "severity": match d.severity { Severity::Error => "ERROR", Severity::Warning => "WARNING", Severity::Info => "INFO" },
                "code": {"value": d.rule},
            });
            if let Some(fix) = &d.fix {
                v["suggestions"] = fix
                    .edits
                    .iter()
                    .map(|e| json!({"range": range(byte_range(&idx, e.span)), "text": e.replacement}))
                    .collect();
            }
            diags.push(v);
        }
    }
    json!({"source": {"name": "gongwen"}, "diagnostics": diags})
}

/// Render as rdjson.
pub fn render(report: &Report, w: &mut dyn Write) -> io::Result<()> {
    serde_json::to_writer_pretty(&mut *w, &to_value(report)).map_err(io::Error::other)?;
    writeln!(w)
}

#[cfg(test)]
mod tests {

    #[test]
    fn example_render() {
        use crate::check::render::{rdjson, FileReport, Report};
        let r = Report {
            files: vec![FileReport::from_text(
                "a.txt",
                "一、甲\n二.乙\n",
                false,
                Default::default(),
            )],
            errors: vec![],
        };
        let v = rdjson::to_value(&r);
        // columns are UTF-8 bytes: the "." after 二 is byte 4 of its line
        assert_eq!(
            v["diagnostics"][0]["location"]["range"]["start"]["column"],
            4
        );
        let mut out = Vec::new();
        rdjson::render(&r, &mut out).unwrap();
    }
}

//! `--format github`: GitHub Actions workflow commands (`::error file=…,line=…,col=…::…`),
//! columns in characters.

use super::{char_range, Report};
use crate::check::Severity;
use crate::LineIndex;
use std::io::{self, Write};

fn escape_data(s: &str) -> String {
    s.replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

fn escape_prop(s: &str) -> String {
    escape_data(s).replace(':', "%3A").replace(',', "%2C")
}

/// Render as GitHub annotations.
pub fn render(report: &Report, w: &mut dyn Write) -> io::Result<()> {
    for f in &report.files {
        let idx = LineIndex::new(&f.text);
        for d in &f.diagnostics {
            let (l, c, el, ec) = char_range(&idx, &f.text, d.span);
            let kind = match d.severity {
                Severity::Error => "error",
                Severity::Warning => "warning",
                Severity::Info => "notice",
            };
            writeln!(
                w,
                "::{kind} file={},line={l},col={c},endLine={el},endColumn={ec},title={}::{}",
                escape_prop(&f.name),
                escape_prop(&format!("{} {}", d.rule, d.rule.name())),
                escape_data(&format!("{} ({})", d.message_zh, d.message_en)),
            )?;
        }
    }
    for e in &report.errors {
        writeln!(w, "::error::{}", escape_data(e))?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {

    #[test]
    fn example_render() {
        use crate::check::render::github;
        let r = super::super::tests::one_gap();
        let mut out = Vec::new();
        github::render(&r, &mut out).unwrap();
        assert!(String::from_utf8(out)
            .unwrap()
            .starts_with("::error file=a.txt,line=2,col=1,"));
    }
}

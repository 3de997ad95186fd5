//! rustc-style output through codespan-reporting (which measures CJK characters as two
//! columns wide, so the caret sits under the right character), and a summary line.

use super::{shown_name, Report};
use crate::check::Severity;
use codespan_reporting::diagnostic::{Diagnostic as CsDiagnostic, Label};
use codespan_reporting::files::SimpleFiles;
use codespan_reporting::term::{self, termcolor};
use std::io::{self, Write};

/// Render for people.
pub fn render(report: &Report, color: bool, w: &mut dyn Write) -> io::Result<()> {
    let config = term::Config::default();
    let mut out: Box<dyn termcolor::WriteColor + '_> = if color {
        Box::new(termcolor::Ansi::new(&mut *w))
    } else {
        Box::new(termcolor::NoColor::new(&mut *w))
    };
    let mut files = SimpleFiles::new();
    let mut fixable = 0;
    for f in &report.files {
        let id = files.add(shown_name(&f.name).into_owned(), f.text.clone());
        for d in &f.diagnostics {
            let base = match d.severity {
                Severity::Error => CsDiagnostic::error(),
                Severity::Warning => CsDiagnostic::warning(),
                Severity::Info => CsDiagnostic::note(),
            };
            let mut notes = Vec::new();
            if d.fix.is_some() {
                fixable += 1;
                notes.push(format!(
                    "help: `gongwen fix` can repair this ({})",
                    d.rule.name()
                ));
            }
            let cd = base
                .with_code(d.rule.code())
                .with_message(&d.message_zh)
                .with_labels(vec![
                    Label::primary(id, d.span.range()).with_message(&d.message_en)
                ])
                .with_notes(notes);
            term::emit(&mut out, &config, &files, &cd).map_err(io::Error::other)?;
        }
    }
    drop(out);
    for e in &report.errors {
        writeln!(w, "error: {e}")?;
    }
    let (e, wn, i) = (
        report.count(Severity::Error),
        report.count(Severity::Warning),
        report.count(Severity::Info),
    );
    summary(w, [e, wn, i], report.files.len(), fixable)
}

/// The line that ends a human report: `no problems found in N files`, or the counts of
/// errors, warnings and infos (`[e, w, i]`) in `n` files and how many `fix` repairs.
pub(crate) fn summary(
    w: &mut dyn Write,
    [e, wn, i]: [usize; 3],
    n: usize,
    fixable: usize,
) -> io::Result<()> {
    if e + wn + i == 0 {
        writeln!(
            w,
            "no problems found in {n} file{}",
            if n == 1 { "" } else { "s" }
        )
    } else {
        writeln!(
            w,
            "found {e} error{}, {wn} warning{}{} in {n} file{}; {fixable} fixable with `gongwen fix`",
            if e == 1 { "" } else { "s" },
            if wn == 1 { "" } else { "s" },
            if i > 0 { format!(", {i} info") } else { String::new() },
            if n == 1 { "" } else { "s" },
        )
    }
}

#[cfg(test)]
mod tests {

    #[test]
    fn example_render() {
        use crate::check::render::human;
        let r = super::super::tests::one_gap();
        let mut out = Vec::new();
        human::render(&r, false, &mut out).unwrap();
        assert!(String::from_utf8(out).unwrap().contains("error[GW101]"));
    }

    #[test]
    fn a_newline_in_a_file_name_cannot_forge_a_line() {
        use crate::check::render::{human, FileReport, Report};
        let f = FileReport::from_text(
            "a\n  ┌─ b.txt",
            "一、甲\n三、乙\n",
            false,
            Default::default(),
        );
        let r = Report {
            files: vec![f],
            errors: vec![],
        };
        let mut out = Vec::new();
        human::render(&r, false, &mut out).unwrap();
        let out = String::from_utf8(out).unwrap();
        assert!(out.contains("┌─ a\\n  ┌─ b.txt:2:1"), "{out}");
        assert!(!out.lines().any(|l| l.starts_with("  ┌─ b.txt")), "{out}");
    }
}

//! Writing a run's findings: one file per output format, all with the same signature
//! (`fn render(&Report, &mut dyn Write) -> io::Result<()>`). Byte spans become lines and
//! columns here and only here: characters for people, GitHub and SARIF, UTF-8 bytes for
//! reviewdog. The human format, through codespan-reporting, comes with the `cli` feature.

mod github;
#[cfg(feature = "cli")]
mod human;
mod json;
mod rdjson;
mod sarif;

#[cfg(feature = "cli")]
pub(crate) use human::summary as human_summary;

use super::{Config, Diagnostic, Severity};
use crate::{LineIndex, Span};
use std::io::{self, Write};
use std::sync::Arc;

/// The findings for one file.
#[derive(Clone, Debug)]
pub struct FileReport {
    /// The name as given on the command line (or found by the walk).
    pub name: String,
    /// The text.
    pub text: String,
    /// Read as Markdown.
    pub markdown: bool,
    /// The configuration that applied.
    pub config: Arc<Config>,
    /// The findings, by position.
    pub diagnostics: Vec<Diagnostic>,
}

impl FileReport {
    /// Check a text held in memory.
    ///
    /// ```
    /// use gongwen::check::render::FileReport;
    /// let f = FileReport::from_text("a.txt", "一、甲\n三、乙\n", false, Default::default());
    /// assert_eq!(f.diagnostics.len(), 1);
    /// ```
    pub fn from_text(name: &str, text: &str, markdown: bool, config: Arc<Config>) -> Self {
        let diagnostics = super::check_text(text, markdown, &config);
        FileReport {
            name: name.to_string(),
            text: text.to_string(),
            markdown,
            config,
            diagnostics,
        }
    }
}

/// The findings for a run, and the inputs that could not be read.
#[derive(Clone, Debug, Default)]
pub struct Report {
    /// Checked files.
    pub files: Vec<FileReport>,
    /// Input and usage errors, one message each (file and position included).
    pub errors: Vec<String>,
}

impl Report {
    /// How many findings have this severity.
    pub fn count(&self, s: Severity) -> usize {
        self.files
            .iter()
            .flat_map(|f| &f.diagnostics)
            .filter(|d| d.severity == s)
            .count()
    }

    /// The exit code, the same whatever the format: 2 when an input could not be read, else 1
    /// when a finding is at or above `fail_at`, else 0.
    ///
    /// ```
    /// use gongwen::check::{render::{FileReport, Report}, Severity};
    /// let r = Report { files: vec![FileReport::from_text("a.txt", "一、甲\n三、乙\n", false, Default::default())], errors: vec![] };
    /// assert_eq!(r.exit_code(Severity::Error), 1);
    /// ```
    pub fn exit_code(&self, fail_at: Severity) -> i32 {
        if !self.errors.is_empty() {
            2
        } else if self
            .files
            .iter()
            .flat_map(|f| &f.diagnostics)
            .any(|d| d.severity >= fail_at)
        {
            1
        } else {
            0
        }
    }
}

/// Output formats.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum ReportFormat {
    /// rustc-style, with source lines and carets.
    #[cfg(feature = "cli")]
    Human,
    /// The `check --format json` contract.
    Json,
    /// GitHub Actions workflow commands.
    Github,
    /// SARIF 2.1.0.
    Sarif,
    /// reviewdog's rdjson.
    Rdjson,
}

/// Render a report in a format.
///
/// ```
/// use gongwen::check::render::{render, FileReport, Report, ReportFormat};
/// let r = Report { files: vec![FileReport::from_text("a.txt", "一、甲\n三、乙\n", false, Default::default())], errors: vec![] };
/// let mut out = Vec::new();
/// render(&r, ReportFormat::Github, false, &mut out).unwrap();
/// assert!(String::from_utf8(out).unwrap().starts_with("::error file=a.txt,line=2,col=1"));
/// ```
pub fn render(
    report: &Report,
    format: ReportFormat,
    color: bool,
    w: &mut dyn Write,
) -> io::Result<()> {
    let _ = color; // only the human format has colour
    match format {
        #[cfg(feature = "cli")]
        ReportFormat::Human => human::render(report, color, w),
        ReportFormat::Json => json::render(report, w),
        ReportFormat::Github => github::render(report, w),
        ReportFormat::Sarif => sarif::render(report, w),
        ReportFormat::Rdjson => rdjson::render(report, w),
    }
}

/// A file name as messages for people show it: control characters (a newline, a tab, an
/// escape) and the bidirectional controls that reorder what a terminal shows are written as
/// `\n`, `\t` or `\u{202e}`, so that a name cannot forge a line or hide part of itself.
/// Other characters, CJK included, are shown as they are.
#[cfg(feature = "cli")]
pub(crate) fn shown_name(name: &str) -> std::borrow::Cow<'_, str> {
    fn hidden(c: char) -> bool {
        c.is_control()
            || matches!(c, '\u{200e}' | '\u{200f}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
    }
    if !name.chars().any(hidden) {
        return name.into();
    }
    let mut out = String::with_capacity(name.len() + 8);
    for c in name.chars() {
        match c {
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if hidden(c) => out.push_str(&format!("\\u{{{:x}}}", c as u32)),
            c => out.push(c),
        }
    }
    out.into()
}

/// A span as 1-based (line, column, end line, end column), columns in characters.
pub(crate) fn char_range(idx: &LineIndex, text: &str, span: Span) -> (usize, usize, usize, usize) {
    let (l, c) = idx.char_col(text, span.start);
    let (el, ec) = idx.char_col(text, span.end);
    (l, c, el, ec)
}

/// A span as 1-based (line, column, end line, end column), columns in UTF-8 bytes.
pub(crate) fn byte_range(idx: &LineIndex, span: Span) -> (usize, usize, usize, usize) {
    let (l, c) = idx.byte_col(span.start);
    let (el, ec) = idx.byte_col(span.end);
    (l, c, el, ec)
}

#[cfg(test)]
pub(super) mod tests {
    use super::*;

    /// A report of one file whose numbering skips 二.
    pub(crate) fn one_gap() -> Report {
        Report {
            files: vec![FileReport::from_text(
                "a.txt",
                "一、甲\n三、乙\n",
                false,
                Default::default(),
            )],
            errors: vec![],
        }
    }

    #[cfg(feature = "cli")]
    #[test]
    fn shown_names_escape_what_would_forge_or_hide_text() {
        assert_eq!(shown_name("通知 (1).txt"), "通知 (1).txt");
        assert_eq!(shown_name("a\nerror: b.txt"), "a\\nerror: b.txt");
        assert_eq!(shown_name("x\t\u{1b}[31m.txt"), "x\\t\\u{1b}[31m.txt");
        assert_eq!(shown_name("evil\u{202e}txt.exe"), "evil\\u{202e}txt.exe");
    }
}

//! The rows of the outline: one per structural line, in source order.

use crate::tree::{Block, Document, HeadingKind, Section, Title};
use crate::{LineIndex, Source};
use serde::Serialize;

/// One row of the outline.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Row {
    /// 1-based source line.
    pub line: usize,
    /// title, subtitle, heading, runin, article or point.
    pub kind: &'static str,
    /// 0 for titles; else the depth in the document's own hierarchy.
    pub level: u8,
    /// The numbering as written.
    pub marker: String,
    /// The heading text.
    pub title: String,
    /// Whether something inside this row's section was elided.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub elided: bool,
    /// The start of the body text, for rows with no title of their own (articles).
    #[serde(skip)]
    pub lead: String,
}

/// The rows of a document, in source order.
///
/// ```
/// use gongwen::{parse, Format, Source};
/// let src = Source::from_str("一、总则\n（一）目的。为了……\n", Format::Text);
/// let rows = gongwen::write::outline::rows(&parse(&src), &src);
/// assert_eq!(rows[1].kind, "runin");
/// assert_eq!((rows[1].line, rows[1].level, rows[1].marker.as_str()), (2, 2, "（一）"));
/// ```
pub fn rows(doc: &Document, src: &Source) -> Vec<Row> {
    let idx = src.lines();
    let mut out = Vec::new();
    doc.walk(&mut |b, _| match b {
        Block::Title(t) => title_rows(t, "title", idx, &mut out),
        Block::Subtitle(t) => title_rows(t, "subtitle", idx, &mut out),
        Block::Section(s) => out.push(section_row(s, idx)),
        Block::Point(p) => out.push(Row {
            lead: String::new(),
            line: idx.line_of(p.marker.span.start),
            kind: "point",
            level: p.level,
            marker: p.marker.text.clone(),
            title: p.title.text.clone(),
            elided: p.body.as_ref().is_some_and(|b| !b.elisions.is_empty()),
        }),
        _ => {}
    });
    out
}

/// One row for each line of a title or subtitle; the first carries the marker (——).
fn title_rows(t: &Title, kind: &'static str, idx: &LineIndex, out: &mut Vec<Row>) {
    for (k, l) in t.lines.iter().enumerate() {
        let marker = t.marker.as_ref().filter(|_| k == 0);
        out.push(Row {
            lead: String::new(),
            line: idx.line_of(marker.map_or(l.span.start, |m| m.span.start)),
            kind,
            level: 0,
            marker: marker.map(|m| m.text.clone()).unwrap_or_default(),
            title: l.text.clone(),
            elided: false,
        });
    }
}

/// The row of a section; one without a title of its own (an article) leads with its text.
fn section_row(s: &Section, idx: &LineIndex) -> Row {
    let kind = match s.kind {
        HeadingKind::Standalone => "heading",
        HeadingKind::RunIn => "runin",
        HeadingKind::Article => "article",
    };
    let start = s
        .marker
        .as_ref()
        .map_or(s.title.span.start, |m| m.span.start);
    let lead = if s.title.text.is_empty() {
        s.run_in
            .as_ref()
            .map(|p| p.text.chars().take(24).collect())
            .unwrap_or_default()
    } else {
        String::new()
    };
    Row {
        lead,
        line: idx.line_of(start),
        kind,
        level: s.level,
        marker: s.marker.as_ref().map(|m| m.raw.clone()).unwrap_or_default(),
        title: s.title.text.clone(),
        elided: s.elided,
    }
}

/// A title or subtitle wrapped over several lines is one title: the rows from `k` joined, and
/// the index of the first row after them.
pub(super) fn join_wrapped(rows: &[Row], k: usize) -> (String, usize) {
    let r = &rows[k];
    let mut text = r.title.clone();
    let mut last = r.line;
    let mut j = k + 1;
    while j < rows.len()
        && rows[j].kind == r.kind
        && rows[j].level == 0
        && rows[j].marker.is_empty()
        && rows[j].line <= last + 2
    {
        text.push_str(&rows[j].title);
        last = rows[j].line;
        j += 1;
    }
    (text, j)
}

/// The rows down to level `depth` (0: all).
pub(super) fn rows_to(doc: &Document, src: &Source, depth: u8) -> Vec<Row> {
    let mut rows = rows(doc, src);
    rows.retain(|r| depth == 0 || r.level <= depth);
    rows
}

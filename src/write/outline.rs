//! The outline: one row per structural line, as TSV (the contract other tools read), as a
//! terminal tree, as Markdown, or as YAML/JSON rows.

use crate::span::LineIndex;
use crate::tree::{Block, Document, HeadingKind};
use serde::Serialize;
use std::collections::BTreeMap;
use std::io::{self, Write};

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
/// use gongwen::{parse_str, LineIndex};
/// let src = "一、总则\n（一）目的。为了……\n";
/// let rows = gongwen::write::outline::rows(&parse_str(src), &LineIndex::new(src));
/// assert_eq!(rows[1].kind, "runin");
/// assert_eq!((rows[1].line, rows[1].level, rows[1].marker.as_str()), (2, 2, "（一）"));
/// ```
pub fn rows(doc: &Document, idx: &LineIndex) -> Vec<Row> {
    let mut out = Vec::new();
    doc.walk(&mut |b, _| match b {
        Block::Title(t) | Block::Subtitle(t) => {
            let kind = if matches!(b, Block::Title(_)) {
                "title"
            } else {
                "subtitle"
            };
            for (k, l) in t.lines.iter().enumerate() {
                let marker = if k == 0 {
                    t.marker
                        .as_ref()
                        .map(|m| m.text.clone())
                        .unwrap_or_default()
                } else {
                    String::new()
                };
                let start = if k == 0 {
                    t.marker
                        .as_ref()
                        .map(|m| m.span.start)
                        .unwrap_or(l.span.start)
                } else {
                    l.span.start
                };
                out.push(Row {
                    lead: String::new(),
                    line: idx.line_of(start),
                    kind,
                    level: 0,
                    marker,
                    title: l.text.clone(),
                    elided: false,
                });
            }
        }
        Block::Section(s) => {
            let kind = match s.kind {
                HeadingKind::Standalone => "heading",
                HeadingKind::RunIn => "runin",
                HeadingKind::Article => "article",
            };
            let start = s
                .marker
                .as_ref()
                .map(|m| m.span.start)
                .unwrap_or(s.title.span.start);
            let lead = if s.title.text.is_empty() {
                s.run_in
                    .as_ref()
                    .map(|p| p.text.chars().take(24).collect())
                    .unwrap_or_default()
            } else {
                String::new()
            };
            out.push(Row {
                lead,
                line: idx.line_of(start),
                kind,
                level: s.level,
                marker: s.marker.as_ref().map(|m| m.raw.clone()).unwrap_or_default(),
                title: s.title.text.clone(),
                elided: s.elided,
            });
        }
        Block::Point(p) => {
            let elided = p.body.as_ref().is_some_and(|b| !b.elisions.is_empty());
            out.push(Row {
                lead: String::new(),
                line: idx.line_of(p.marker.span.start),
                kind: "point",
                level: p.level,
                marker: p.marker.text.clone(),
                title: p.title.text.clone(),
                elided,
            });
        }
        _ => {}
    });
    out
}

/// `s` with tabs and line breaks made spaces, copied only when it has any.
fn clean(s: &str) -> std::borrow::Cow<'_, str> {
    if memchr::memchr3(b'\t', b'\n', b'\r', s.as_bytes()).is_some() {
        s.replace(['\t', '\n', '\r'], " ").into()
    } else {
        s.into()
    }
}

/// Write the TSV contract: `line kind level marker title`, a header first.
pub fn tsv(doc: &Document, idx: &LineIndex, w: &mut impl Write) -> io::Result<()> {
    writeln!(w, "line\tkind\tlevel\tmarker\ttitle")?;
    // each row is put together in one buffer and written at once, numbers without `fmt`
    let mut buf = Vec::with_capacity(256);
    let mut num = itoa::Buffer::new();
    for r in rows(doc, idx) {
        buf.clear();
        buf.extend_from_slice(num.format(r.line).as_bytes());
        buf.push(b'\t');
        buf.extend_from_slice(r.kind.as_bytes());
        buf.push(b'\t');
        buf.extend_from_slice(num.format(r.level).as_bytes());
        buf.push(b'\t');
        buf.extend_from_slice(clean(&r.marker).as_bytes());
        buf.push(b'\t');
        buf.extend_from_slice(clean(&r.title).as_bytes());
        buf.push(b'\n');
        w.write_all(&buf)?;
    }
    Ok(())
}

/// A title or subtitle wrapped over several lines is one title: the rows from `k` joined, and
/// the index of the first row after them.
fn join_wrapped(rows: &[Row], k: usize) -> (String, usize) {
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

/// Counts for the summary line.
#[derive(Clone, Debug, Default, Serialize)]
pub struct Summary {
    /// Sections per level.
    pub sections: BTreeMap<u8, usize>,
    /// Points.
    pub points: usize,
    /// Elisions (inline and whole-line).
    pub elisions: usize,
    /// Characters of body text (not chrome, not whitespace).
    pub chars: usize,
    /// Characters the source page declared, when it did.
    pub declared_chars: Option<u32>,
}

/// Count what the document holds.
pub fn summary(doc: &Document) -> Summary {
    let mut s = Summary {
        declared_chars: doc.meta.source.declared_chars,
        ..Default::default()
    };
    let count = |t: &str| {
        t.chars()
            .filter(|c| !c.is_whitespace() && *c != '\u{3000}')
            .count()
    };
    doc.walk(&mut |b, _| match b {
        Block::Section(x) => {
            *s.sections.entry(x.level).or_default() += 1;
            s.chars += count(&x.title.text);
            if let Some(p) = &x.run_in {
                s.elisions += p.elisions.len();
                s.chars += count(&p.text);
            }
        }
        Block::Point(p) => {
            s.points += 1;
            s.chars += count(&p.title.text);
            if let Some(b) = &p.body {
                s.elisions += b.elisions.len();
                s.chars += count(&b.text);
            }
        }
        Block::Paragraph(p) => {
            s.elisions += p.elisions.len();
            s.chars += count(&p.text);
        }
        Block::Elision(_) => s.elisions += 1,
        _ => {}
    });
    s
}

impl Summary {
    /// One line: sections per level, points, elisions, characters.
    pub fn line(&self) -> String {
        let levels: Vec<String> = self
            .sections
            .iter()
            .map(|(l, n)| format!("L{l} {n}"))
            .collect();
        let total: usize = self.sections.values().sum();
        let mut s = format!(
            "{total} sections ({}), {} points, {} elisions, {} characters",
            if levels.is_empty() {
                "none".into()
            } else {
                levels.join(" · ")
            },
            self.points,
            self.elisions,
            self.chars
        );
        if let Some(d) = self.declared_chars {
            s.push_str(&format!(" of {d} declared"));
        }
        s
    }
}

/// Options for the terminal tree.
#[derive(Clone, Debug, Default)]
pub struct TreeOptions {
    /// Deepest level shown (0 = all).
    pub depth: u8,
    /// Use colour.
    pub color: bool,
}

/// Draw the hierarchy with line numbers, elided sections marked, and a summary line.
pub fn tree(
    doc: &Document,
    idx: &LineIndex,
    opts: &TreeOptions,
    w: &mut impl Write,
) -> io::Result<()> {
    let rows: Vec<Row> = rows(doc, idx)
        .into_iter()
        .filter(|r| opts.depth == 0 || r.level <= opts.depth)
        .collect();
    let width = rows
        .iter()
        .map(|r| r.line)
        .max()
        .unwrap_or(1)
        .to_string()
        .len();
    let (dim, bold, yellow, reset) = if opts.color {
        ("\x1b[2m", "\x1b[1m", "\x1b[33m", "\x1b[0m")
    } else {
        ("", "", "", "")
    };
    let mut k = 0;
    while k < rows.len() {
        let r = &rows[k];
        if r.level == 0 {
            let (joined, next) = join_wrapped(&rows, k);
            let text = format!("{}{joined}", r.marker);
            k = next - 1;
            let lead = if r.kind == "subtitle" { "  " } else { "" };
            writeln!(
                w,
                "{dim}{:>width$}{reset}  {lead}{bold}{text}{reset}",
                r.line
            )?;
            k += 1;
            continue;
        }
        let mut guide = String::new();
        for lv in 1..r.level {
            let more = rows[k + 1..]
                .iter()
                .take_while(|x| x.level >= lv && x.level != 0)
                .any(|x| x.level == lv);
            guide.push_str(if more { "│  " } else { "   " });
        }
        let last = !rows[k + 1..]
            .iter()
            .take_while(|x| x.level >= r.level && x.level != 0)
            .any(|x| x.level == r.level);
        guide.push_str(if last { "└─ " } else { "├─ " });
        let mark = if r.elided {
            format!(" {yellow}[…]{reset}")
        } else {
            String::new()
        };
        let kind = match r.kind {
            "point" => format!("{dim}·{reset} "),
            _ => String::new(),
        };
        let sep = if r.marker.is_empty()
            || r.marker.ends_with(['、', '，', '）', ')', '.', '．'])
            || r.kind == "point"
        {
            ""
        } else {
            " "
        };
        let lead = if r.lead.is_empty() {
            String::new()
        } else {
            format!("{dim}{}…{reset}", r.lead)
        };
        writeln!(
            w,
            "{dim}{:>width$}{reset}  {guide}{kind}{}{sep}{}{lead}{mark}",
            r.line, r.marker, r.title
        )?;
        k += 1;
    }
    writeln!(w, "{dim}{}{reset}", summary(doc).line())?;
    Ok(())
}

/// The outline as Markdown: the title as `#`, sections as deeper headings, points as list items.
pub fn markdown(doc: &Document, idx: &LineIndex, depth: u8, w: &mut impl Write) -> io::Result<()> {
    let rows: Vec<Row> = rows(doc, idx)
        .into_iter()
        .filter(|r| depth == 0 || r.level <= depth)
        .collect();
    let mut k = 0;
    let mut in_list = false;
    let mut base = 0u8;
    while k < rows.len() {
        let r = &rows[k];
        if r.kind == "point" {
            // list items indent relative to the first point of the run
            if !in_list {
                base = r.level;
            }
            let indent = "  ".repeat(r.level.saturating_sub(base) as usize);
            writeln!(w, "{indent}- {}{}", r.marker, r.title)?;
            in_list = true;
            k += 1;
            continue;
        }
        if in_list {
            writeln!(w)?;
            in_list = false;
        }
        if r.level == 0 {
            let (text, next) = join_wrapped(&rows, k);
            k = next - 1;
            if r.kind == "title" {
                writeln!(w, "# {text}\n")?;
            } else {
                writeln!(w, "_{}{text}_\n", r.marker)?;
            }
        } else {
            let h = "#".repeat((r.level as usize + 1).min(6));
            let sep = if r.marker.is_empty()
                || r.marker.ends_with(['、', '，', '）', ')', '.', '．'])
            {
                ""
            } else {
                " "
            };
            writeln!(w, "{h} {}{sep}{}\n", r.marker, r.title)?;
        }
        k += 1;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tsv_of(src: &str) -> String {
        let mut out = Vec::new();
        tsv(&crate::parse_str(src), &LineIndex::new(src), &mut out).unwrap();
        String::from_utf8(out).unwrap()
    }

    #[test]
    fn header_then_one_row_per_structural_line() {
        let got =
            tsv_of("关于加强管理的\n通知\n一、总则\n正文。\n（一）目的。为了……\n一是加强领导。\n");
        assert_eq!(
            got,
            "line\tkind\tlevel\tmarker\ttitle\n\
             1\ttitle\t0\t\t关于加强管理的\n\
             2\ttitle\t0\t\t通知\n\
             3\theading\t1\t一、\t总则\n\
             5\trunin\t2\t（一）\t目的\n\
             6\tpoint\t3\t一是\t加强领导\n"
        );
    }

    #[test]
    fn rows_use_original_line_numbers() {
        let src = "标题\r\n\r\n\r\n一、总则\r\n";
        let rows = rows(&crate::parse_str(src), &LineIndex::new(src));
        assert_eq!(rows.last().map(|r| r.line), Some(4));
    }

    #[test]
    fn tabs_in_titles_are_cleaned() {
        assert_eq!(clean("甲\t乙\r\n"), "甲 乙  ");
    }

    #[test]
    fn summary_counts() {
        let doc = crate::parse_str("标题\n一、总则\n正文……\n一是加强。\n");
        let s = summary(&doc);
        assert_eq!(s.sections.get(&1), Some(&1));
        assert_eq!((s.points, s.elisions), (1, 1));
    }
}

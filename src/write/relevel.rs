//! Re-levelling Markdown: headings written back at the depth their numbering gives.
//!
//! PDF extractors flatten the headings of a Chinese document: every heading comes out as `#`,
//! or at depths that do not match, or as a bold line. The levels are in the numbering (一、 above
//! （一） above 1. above （1）, 第一章 above 第一节 above 第一条), which the tree has already read.
//! Re-levelling is an edit of the source text, like `fix`: byte ranges and replacements over the
//! .md file's heading lines, and every other byte passes through untouched (tables, images,
//! text, line endings).
//!
//! - The title's lines become `#`; a section of level *n* becomes *n*+1 `#` (level 1 is `##`),
//!   `######` at most. Only the run of `#` and the spaces after it change.
//! - A line written as bold alone (`**一、总体要求**`) that the tree reads as a heading (a title
//!   line or a stand-alone section) becomes a `#` heading and loses its wrapping `**`.
//! - A `#` line the tree does not read as a title or a section is left alone, and so is a
//!   heading written as a plain line (it was never marked as a heading).
//! - With [`RelevelOptions::number`], headings with no marker get the GB/T marker of their level
//!   ([`crate::tree::number::number_unnumbered`]), inserted before the title's text.
//!
//! Re-levelling its own output changes nothing.

use crate::check::Edit;
use crate::tree::{Block, Document, HeadingKind, Section};
use crate::{Source, Span};

/// How headings are re-levelled.
#[derive(Clone, Debug, Default)]
pub struct RelevelOptions {
    /// Give headings with no marker a GB/T marker generated from their level.
    pub number: bool,
}

/// The source of `doc` with its headings at the depths the tree gives them.
///
/// ```
/// use gongwen::write::relevel::{relevel, RelevelOptions};
/// use gongwen::{parse, Format, Source};
/// let flat = "# 关于加强管理的通知\n\n# 一、总体要求\n\n**（一）指导思想**\n\n坚持 *统筹*。\n";
/// let src = Source::from_str(flat, Format::Markdown);
/// let out = relevel(&parse(&src), &src, &RelevelOptions::default());
/// assert_eq!(
///     out,
///     "# 关于加强管理的通知\n\n## 一、总体要求\n\n### （一）指导思想\n\n坚持 *统筹*。\n"
/// );
/// ```
pub fn relevel(doc: &Document, src: &Source, opts: &RelevelOptions) -> String {
    let text = src.text();
    let bold: Vec<usize> = text
        .split_inclusive('\n')
        .enumerate()
        .filter(|(_, l)| bold_line(l.trim_end_matches(['\n', '\r'])).is_some())
        .map(|(i, _)| i + 1)
        .collect();
    if bold.is_empty() {
        return crate::check::fix::apply_edits(text, &edits(doc, src, opts).0);
    }
    // bold lines are read as the `#` headings they stand for: the tree decides which are
    // headings and at what level, as it does for `#` lines; those it does not take stay
    // as they were
    let alt_text: String = text
        .split_inclusive('\n')
        .map(|l| {
            let body = l.trim_end_matches(['\n', '\r']);
            match bold_line(body) {
                Some((from, to)) => format!("# {}{}", &body[from..to], &l[body.len()..]),
                None => l.to_string(),
            }
        })
        .collect();
    let alt = Source::from_str(alt_text, crate::Format::Markdown);
    let alt_doc = crate::parse(&alt);
    let (es, done) = edits(&alt_doc, &alt, opts);
    let out = crate::check::fix::apply_edits(alt.text(), &es);
    let mut s = String::with_capacity(out.len());
    for (i, (orig, new)) in text
        .split_inclusive('\n')
        .zip(out.split_inclusive('\n'))
        .enumerate()
    {
        let n = i + 1;
        if bold.binary_search(&n).is_ok() && !done.contains(&n) {
            s.push_str(orig);
        } else {
            s.push_str(new);
        }
    }
    s
}

/// The edits [`relevel`] makes to the `#` lines and bold lines the tree reads as headings,
/// sorted and not overlapping, and the 1-based lines of the headings it saw.
fn edits(
    doc: &Document,
    src: &Source,
    opts: &RelevelOptions,
) -> (Vec<Edit>, std::collections::BTreeSet<usize>) {
    let numbered;
    let doc = if opts.number {
        let mut d = doc.clone();
        crate::tree::number::number_unnumbered(&mut d);
        numbered = d;
        &numbered
    } else {
        doc
    };
    let text = src.text();
    let mut r = Relevel {
        text,
        lines: src.lines(),
        done: Default::default(),
        edits: Vec::new(),
    };
    for b in &doc.blocks {
        if let Block::Title(t) = b {
            for l in &t.lines {
                r.heading(l.span.start, 1, true, None);
            }
        }
    }
    doc.walk(&mut |b, _| {
        if let Block::Section(s) = b {
            r.section(s);
        }
    });
    let mut es = std::mem::take(&mut r.edits);
    es.sort();
    let mut out: Vec<Edit> = Vec::with_capacity(es.len());
    for e in es {
        if out.last().is_some_and(|l| e.span.start < l.span.end) {
            continue;
        }
        out.push(e);
    }
    (out, r.done)
}

struct Relevel<'a> {
    text: &'a str,
    lines: &'a crate::LineIndex,
    /// Lines already edited (a line holds one heading).
    done: std::collections::BTreeSet<usize>,
    edits: Vec<Edit>,
}

impl Relevel<'_> {
    fn section(&mut self, s: &Section) {
        let depth = (s.level.max(1) + 1).min(6);
        // a generated marker: its span is empty, at the start of the title
        let insert = s
            .marker
            .as_ref()
            .filter(|m| m.span.is_empty() && !m.raw.is_empty())
            .map(|m| (m.span.start, m.raw.as_str()));
        let at = s
            .marker
            .as_ref()
            .map_or(s.title.span.start, |m| m.span.start);
        let promote = s.kind == HeadingKind::Standalone;
        self.heading(at, depth, promote, insert);
    }

    /// The heading whose text is at `at`: its line rewritten at `depth`; a bold line made a
    /// heading when `promote`; `insert` (offset, text) put into the heading's text.
    fn heading(&mut self, at: usize, depth: u8, promote: bool, insert: Option<(usize, &str)>) {
        if at > self.text.len() {
            return;
        }
        let n = self.lines.line_of(at);
        if self.done.contains(&n) {
            return;
        }
        let start = self.lines.line_start(n);
        let Some(rest) = self.text.get(start..) else {
            return;
        };
        let len = rest.find(['\n', '\r']).unwrap_or(rest.len());
        let line = &rest[..len];
        let hashes = "#".repeat(depth as usize);
        let insert = insert.filter(|&(o, _)| o >= start && o <= start + len);
        if let Some((from, to)) = atx_prefix(line) {
            self.done.insert(n);
            let want = format!("{hashes} ");
            if line[from..to] != want {
                self.edits.push(Edit {
                    span: Span::new(start + from, start + to),
                    replacement: want,
                });
            }
            if let Some((o, m)) = insert.filter(|&(o, _)| o >= start + to) {
                self.edits.push(Edit {
                    span: Span::new(o, o),
                    replacement: m.to_string(),
                });
            }
        } else if promote {
            if let Some((from, to)) = bold_line(line) {
                self.done.insert(n);
                let mut inner = line[from..to].to_string();
                if let Some((o, m)) = insert {
                    let k = o - start;
                    if k >= from && k <= to {
                        inner.insert_str(k - from, m);
                    }
                }
                self.edits.push(Edit {
                    span: Span::new(start, start + len),
                    replacement: format!("{hashes} {inner}"),
                });
            }
        }
    }
}

/// An ATX heading's opening: the range of its `#` run and the spaces after it (up to three
/// spaces of indent before it), or `None` when the line is no `#` heading.
fn atx_prefix(line: &str) -> Option<(usize, usize)> {
    let b = line.as_bytes();
    let indent = b.iter().take(4).take_while(|&&c| c == b' ').count();
    if indent > 3 {
        return None;
    }
    let n = b[indent..].iter().take_while(|&&c| c == b'#').count();
    if n == 0 || n > 6 {
        return None;
    }
    let mut e = indent + n;
    if e < b.len() && b[e] != b' ' && b[e] != b'\t' {
        return None;
    }
    while e < b.len() && (b[e] == b' ' || b[e] == b'\t') {
        e += 1;
    }
    Some((indent, e))
}

/// A line that is bold and nothing else (`**一、总体要求**`, `__…__`): the range of the text
/// inside the marks.
fn bold_line(line: &str) -> Option<(usize, usize)> {
    let lead = line.len() - line.trim_start_matches([' ', '\u{3000}']).len();
    let t = line.trim_matches([' ', '\t', '\u{3000}']);
    for mark in ["**", "__"] {
        if t.len() > 4 && t.starts_with(mark) && t.ends_with(mark) {
            let inner = &t[2..t.len() - 2];
            if inner.contains(mark) || inner.trim().is_empty() {
                return None;
            }
            let from = lead + 2;
            let trimmed_start = inner.len() - inner.trim_start().len();
            let trimmed_end = inner.trim_end().len();
            return Some((from + trimmed_start, from + trimmed_end));
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{parse, Format};

    fn run(text: &str, number: bool) -> String {
        let src = Source::from_str(text, Format::Markdown);
        relevel(&parse(&src), &src, &RelevelOptions { number })
    }

    #[test]
    fn prefixes() {
        assert_eq!(atx_prefix("## 一、"), Some((0, 3)));
        assert_eq!(atx_prefix("#一、"), None);
        assert_eq!(atx_prefix("   #\t一"), Some((3, 5)));
        assert_eq!(atx_prefix("####### 七"), None);
        assert_eq!(bold_line("**一、总则**"), Some((2, 14)));
        assert_eq!(bold_line("**一、**总则"), None);
    }

    #[test]
    fn wrong_depths_and_bold_lines() {
        let text = "### 通知\n\n#### 一、总则\n\n# （一）目标\n\n**（二）任务**\n\n| a | b |\n|---|---|\n| 1 | 2 |\n\n##### 二、要求\n";
        let out = run(text, false);
        assert_eq!(
            out,
            "# 通知\n\n## 一、总则\n\n### （一）目标\n\n### （二）任务\n\n| a | b |\n|---|---|\n| 1 | 2 |\n\n## 二、要求\n"
        );
        assert_eq!(run(&out, false), out, "idempotent");
    }

    #[test]
    fn numbering_generated() {
        let text = "# 关于做好工作的通知\n\n## 总体工作要求\n\n正文。\n\n### 指导思想和原则\n\n正文。\n\n## 主要工作任务\n\n正文。\n";
        let out = run(text, true);
        assert_eq!(
            out,
            "# 关于做好工作的通知\n\n## 一、总体工作要求\n\n正文。\n\n### （一）指导思想和原则\n\n正文。\n\n## 二、主要工作任务\n\n正文。\n"
        );
        assert_eq!(run(&out, true), out, "idempotent");
    }
}

//! The block structure of a Markdown document, read by pulldown-cmark (CommonMark with GFM
//! tables, footnotes and strikethrough): its tables, bullet lists, quotations, images alone in
//! their paragraph, footnote definitions and thematic breaks, as ranges of lines, and the
//! container marks (`>`, a bullet) at the start of each line. The text inside stays with the
//! line reader and its see-through (`markup`); only the structure comes from here.
//!
//! Some of what CommonMark calls blocks stays with the line reader, because in a 公文 it is
//! something else:
//! - `#` headings: the see-through reads them, and the tree builder weighs their depth against
//!   the numbering;
//! - ordered lists at the top level: `1.` and `1)` are the document's own numbering, which the
//!   builder decides on (a heading, a fragment list, a 附件 item);
//! - a bullet list with an article among its items (`- **第一条**　…`, as party regulations are
//!   typeset): the bullets are typesetting, the articles are the document;
//! - HTML blocks (`<p>`, `<table>` left in the text): the see-through reads them line by line;
//! - code blocks: four spaces are how text copied out of Word is indented, not code.
//!
//! CommonMark lets a paragraph run on lazily into a list item or a quotation on the next line,
//! without a bullet or a `>`. In a 公文 such a line is the text after the list (`一、总体要求`
//! under a bullet with no blank line between), so a list or a quotation ends before it.
//!
//! Cost: one pass of pulldown-cmark over the text, and one binary search per block boundary.

use super::span::Span;
use crate::tree::BreakKind;
use pulldown_cmark::{Alignment, Event, Options, Parser, Tag, TagEnd};
use std::ops::Range;

/// How deep lists are nested in the tree; the lines of a list nested deeper are its parent
/// item's text. Every writer recurses into nested lists, so the depth is bounded here, where
/// it is read (Word itself offers nine list levels).
const MAX_NESTING: usize = 16;

/// The block structure of a Markdown text.
#[derive(Clone, Debug, Default)]
pub(crate) struct Layout {
    /// Per line, how many bytes at its start are container markup (quote marks, a bullet, and
    /// the spaces after them); the line's text starts after them.
    pub skip: Vec<usize>,
    /// The blocks, in source order, their lines not overlapping.
    pub blocks: Vec<MdBlock>,
    /// Each footnote reference (`[^1]`): its label and span.
    pub refs: Vec<(String, Span)>,
}

/// A block of the structure: its lines (a range of line numbers, 0-based) and what it is.
#[derive(Clone, Debug)]
pub(crate) struct MdBlock {
    pub lines: Range<usize>,
    pub kind: MdKind,
}

/// What a [`MdBlock`] is.
#[derive(Clone, Debug)]
pub(crate) enum MdKind {
    Table(TableShape),
    List(MdList),
    /// A quotation; its `>` marks, one span a line from the first to the last.
    Quote(Vec<Span>),
    /// A paragraph of one image: its alternative text and destination.
    Image {
        alt: String,
        src: String,
    },
    /// A footnote definition: its label and the span of the note's text.
    Footnote {
        label: String,
        text: Span,
    },
    /// A thematic break (`---`, `<hr>`), a page break (an HTML block that asks for one, as
    /// `<div style="page-break-after: always"></div>`) or a line break alone on its line
    /// (`<br>`).
    Break(BreakKind),
}

/// A table's rows: each row's span and its cells' content spans (trimmed), header rows first.
#[derive(Clone, Debug, Default)]
pub(crate) struct TableShape {
    pub rows: Vec<(Span, Vec<Span>)>,
    pub header_rows: usize,
    pub align: Vec<Alignment>,
    /// Per row, per cell, the columns and rows it spans; empty when no cell is merged (a
    /// Markdown table never merges; a Word table may).
    pub spans: Vec<Vec<(u32, u32)>>,
}

/// A list and its items.
#[derive(Clone, Debug, Default)]
pub(crate) struct MdList {
    pub ordered: bool,
    pub items: Vec<MdItem>,
}

/// A list item: its lines, its bullet, and the lists nested in it.
#[derive(Clone, Debug)]
pub(crate) struct MdItem {
    pub lines: Range<usize>,
    pub bullet: Span,
    pub nested: Vec<(Range<usize>, MdList)>,
}

/// Where a raw event range lies in lines.
struct Lines<'a> {
    spans: &'a [Span],
}

impl Lines<'_> {
    /// The line holding byte `at`.
    fn of(&self, at: usize) -> usize {
        self.spans
            .partition_point(|s| s.start <= at)
            .saturating_sub(1)
    }

    /// The lines a byte range touches; a range ending right after a line ending does not touch
    /// the next line.
    fn range(&self, r: &Range<usize>) -> Range<usize> {
        let first = self.of(r.start);
        let last = self.of(r.end.saturating_sub(1).max(r.start));
        first..(last + 1).min(self.spans.len()).max(first + 1)
    }
}

/// An open container while the events are read.
enum Open {
    Table(TableShape, usize),
    List(MdList, usize),
    Quote(usize),
    Footnote(String, usize),
    Html(usize),
    Paragraph {
        start: usize,
        image: Option<(String, String)>,
        other: bool,
    },
}

/// Read the block structure of `src`, whose lines are `spans` (see `lines::split`).
pub(crate) fn layout(src: &str, spans: &[Span]) -> Layout {
    let lines = Lines { spans };
    let mut out = Layout {
        skip: vec![0; spans.len()],
        ..Layout::default()
    };
    let opts = Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_YAML_STYLE_METADATA_BLOCKS;
    // the containers open at the top level, and how deep the events are inside the one open
    let mut open: Option<Open> = None;
    let mut depth = 0usize;
    // lists open inside a top-level list: (list, its start)
    let mut nested: Vec<(MdList, usize)> = Vec::new();
    let mut image_alt: Option<String> = None;
    // containers open inside a top-level list other than its lists and items (a quotation in
    // an item), and lists nested past MAX_NESTING: the lists inside them are read as their
    // lines
    let mut aside = 0usize;
    for (ev, r) in Parser::new_ext(src, opts).into_offset_iter() {
        if let Event::FootnoteReference(label) = &ev {
            out.refs
                .push((label.to_string(), Span::new(r.start, r.end)));
        }
        match ev {
            Event::Start(tag) => {
                if depth == 0 {
                    open = match tag {
                        Tag::Table(align) => Some(Open::Table(
                            TableShape {
                                align,
                                ..TableShape::default()
                            },
                            r.start,
                        )),
                        Tag::List(first) => Some(Open::List(
                            MdList {
                                ordered: first.is_some(),
                                items: Vec::new(),
                            },
                            r.start,
                        )),
                        Tag::BlockQuote(_) => Some(Open::Quote(r.start)),
                        Tag::HtmlBlock => Some(Open::Html(r.start)),
                        Tag::FootnoteDefinition(label) => {
                            Some(Open::Footnote(label.to_string(), r.start))
                        }
                        Tag::Paragraph => Some(Open::Paragraph {
                            start: r.start,
                            image: None,
                            other: false,
                        }),
                        _ => None,
                    };
                } else {
                    match (&mut open, tag) {
                        (Some(Open::Table(t, _)), Tag::TableRow | Tag::TableHead) => {
                            t.rows.push((Span::new(r.start, r.end), Vec::new()));
                        }
                        (Some(Open::Table(t, _)), Tag::TableCell) => {
                            if let Some((_, cells)) = t.rows.last_mut() {
                                cells.push(trimmed(src, r.clone()));
                            }
                        }
                        (Some(Open::List(..)), Tag::BlockQuote(_) | Tag::FootnoteDefinition(_)) => {
                            aside += 1;
                        }
                        // a list in an aside, or nested past the cap, is the aside's text
                        (Some(Open::List(..)), Tag::List(_))
                            if aside > 0 || nested.len() >= MAX_NESTING =>
                        {
                            aside += 1;
                        }
                        (Some(Open::List(..)), Tag::Item) if aside > 0 => {}
                        (Some(Open::List(l, _)), Tag::Item) => {
                            let target = nested.last_mut().map_or(l, |(n, _)| n);
                            target.items.push(MdItem {
                                lines: lines.range(&r),
                                bullet: bullet(src, r.start),
                                nested: Vec::new(),
                            });
                        }
                        (Some(Open::List(..)), Tag::List(first)) => nested.push((
                            MdList {
                                ordered: first.is_some(),
                                items: Vec::new(),
                            },
                            r.start,
                        )),
                        (
                            Some(Open::Paragraph { image, other, .. }),
                            Tag::Image { dest_url, .. },
                        ) => {
                            if image.is_some() {
                                *other = true;
                            }
                            *image = Some((String::new(), dest_url.to_string()));
                            image_alt = Some(String::new());
                        }
                        (Some(Open::Paragraph { other, .. }), _) if image_alt.is_none() => {
                            *other = true;
                        }
                        _ => {}
                    }
                }
                depth += 1;
            }
            Event::End(tag) => {
                depth = depth.saturating_sub(1);
                match (&mut open, tag) {
                    (Some(Open::Table(t, _)), TagEnd::TableHead) => t.header_rows = t.rows.len(),
                    (Some(Open::List(..)), TagEnd::BlockQuote(_) | TagEnd::FootnoteDefinition) => {
                        aside = aside.saturating_sub(1);
                    }
                    (Some(Open::List(..)), TagEnd::List(_)) if aside > 0 => aside -= 1,
                    (Some(Open::List(l, _)), TagEnd::List(_)) if depth > 0 => {
                        if let Some((n, start)) = nested.pop() {
                            let within = nested.last_mut().map_or(&mut *l, |(p, _)| p);
                            if let Some(item) = within.items.last_mut() {
                                item.nested.push((lines.range(&(start..r.end)), n));
                            }
                        }
                    }
                    (
                        Some(Open::Paragraph {
                            image: Some(im), ..
                        }),
                        TagEnd::Image,
                    ) => {
                        im.0 = image_alt.take().unwrap_or_default();
                    }
                    _ => {}
                }
                if depth == 0 {
                    if let Some(o) = open.take() {
                        finish(src, &lines, o, r.end, &mut out);
                    }
                }
            }
            Event::Rule if depth == 0 => out.blocks.push(MdBlock {
                lines: lines.range(&r),
                kind: MdKind::Break(BreakKind::Rule),
            }),
            Event::Text(t) | Event::Code(t) => match (&mut open, &mut image_alt) {
                (_, Some(alt)) => alt.push_str(&t),
                (Some(Open::Paragraph { other, .. }), None) if !t.trim().is_empty() => {
                    *other = true
                }
                _ => {}
            },
            Event::Html(_)
            | Event::InlineHtml(_)
            | Event::FootnoteReference(_)
            | Event::InlineMath(_)
            | Event::DisplayMath(_)
            | Event::TaskListMarker(_) => {
                if let Some(Open::Paragraph { other, .. }) = &mut open {
                    *other = true;
                }
            }
            _ => {}
        }
    }
    out.blocks.sort_by_key(|b| b.lines.start);
    let mut end = 0;
    out.blocks.retain(|b| {
        let keep = b.lines.start >= end && !b.lines.is_empty();
        if keep {
            end = b.lines.end;
        }
        keep
    });
    out
}

/// A top-level container closed at `end`: the block it makes, if any.
fn finish(src: &str, lines: &Lines, o: Open, end: usize, out: &mut Layout) {
    let spans = lines.spans;
    match o {
        Open::Table(mut t, start) => {
            // a row whose line has no `|` is text after the table that GFM took in
            let keep = t
                .rows
                .iter()
                .position(|(r, _)| !src[r.range()].contains('|'))
                .unwrap_or(t.rows.len());
            if keep <= t.header_rows {
                return;
            }
            t.rows.truncate(keep);
            let last = t.rows.last().map_or(start, |(r, _)| r.end);
            out.blocks.push(MdBlock {
                lines: lines.range(&(start..last)),
                kind: MdKind::Table(t),
            });
        }
        Open::List(mut l, start) => {
            let all = lines.range(&(start..end));
            let stop = (all.start + 1..all.end)
                .find(|&i| lazy(spans[i].text(src)))
                .unwrap_or(all.end);
            let lines_of = all.start..stop;
            l.items.retain(|it| it.lines.start < stop);
            for it in &mut l.items {
                clip(it, stop);
            }
            fill(&mut l, stop);
            if l.ordered || l.items.is_empty() || any_article(src, &l) {
                return;
            }
            mark_bullets(src, spans, &l, &mut out.skip);
            out.blocks.push(MdBlock {
                lines: lines_of,
                kind: MdKind::List(l),
            });
        }
        Open::Quote(start) => {
            let all = lines.range(&(start..end));
            let mut marks = Vec::new();
            let mut stop = all.end;
            for i in all.clone() {
                let line = spans[i].text(src);
                let mut at = 0;
                let mut n = 0;
                let mut first = None;
                loop {
                    let rest = &line[at..];
                    let ws = rest.len() - rest.trim_start_matches([' ', '\t']).len();
                    if rest[ws..].starts_with('>') {
                        first.get_or_insert(at + ws);
                        at += ws + 1;
                        n += 1;
                    } else {
                        break;
                    }
                }
                // one span a line, from its first mark to its last (`> > >` nested)
                if let Some(f) = first {
                    marks.push(Span::new(spans[i].start + f, spans[i].start + at));
                }
                if n == 0 && !line.trim().is_empty() {
                    stop = i;
                    break;
                }
                let rest = &line[at..];
                out.skip[i] = at + (rest.len() - rest.trim_start_matches([' ', '\t']).len()).min(1);
            }
            if stop == all.start {
                return;
            }
            marks.retain(|m| m.start < spans.get(stop).map_or(usize::MAX, |s| s.start));
            out.blocks.push(MdBlock {
                lines: all.start..stop,
                kind: MdKind::Quote(marks),
            });
        }
        Open::Footnote(label, start) => {
            let all = lines.range(&(start..end));
            let first = spans[all.start];
            let line = first.text(src);
            let after = line.find("]:").map_or(0, |k| k + 2);
            let text_start = first.start + after;
            let text_end = spans[all.end - 1].end.max(text_start);
            let text = trimmed(src, text_start..text_end);
            out.blocks.push(MdBlock {
                lines: all,
                kind: MdKind::Footnote { label, text },
            });
        }
        Open::Paragraph {
            start,
            image: Some((alt, dest)),
            other: false,
        } => out.blocks.push(MdBlock {
            lines: lines.range(&(start..end)),
            kind: MdKind::Image { alt, src: dest },
        }),
        Open::Paragraph { .. } => {}
        Open::Html(start) => {
            let r = lines.range(&(start..end));
            if let (true, Some(kind)) = (r.len() == 1, html_break(src[start..end].trim())) {
                out.blocks.push(MdBlock {
                    lines: r,
                    kind: MdKind::Break(kind),
                });
            }
        }
    }
}

/// The break an HTML block of one line stands for: `<br>`, `<hr>`, or an element with no
/// text whose style asks for a page break.
fn html_break(t: &str) -> Option<BreakKind> {
    let lower = t.to_ascii_lowercase();
    let tag = lower
        .trim_start_matches('<')
        .trim_end_matches('>')
        .trim_end_matches('/')
        .trim();
    match tag {
        "br" => return Some(BreakKind::Line),
        "hr" => return Some(BreakKind::Rule),
        _ => {}
    }
    let text_free = {
        let mut inside = false;
        lower.chars().all(|c| {
            match c {
                '<' => inside = true,
                '>' => inside = false,
                c if !inside && !c.is_whitespace() => return false,
                _ => {}
            }
            true
        })
    };
    let asks = lower.contains("page-break-before: always")
        || lower.contains("page-break-after: always")
        || lower.contains("page-break-before:always")
        || lower.contains("page-break-after:always")
        || lower.contains("break-before: page")
        || lower.contains("break-after: page");
    (text_free && asks).then_some(BreakKind::Page)
}

/// A line CommonMark would read as a lazy continuation: text at the margin, with no bullet.
fn lazy(line: &str) -> bool {
    let Some(c) = line.chars().next() else {
        return false;
    };
    if c == ' ' || c == '\t' {
        return false;
    }
    !(bullet_len(line) > 0 || line.trim().is_empty())
}

/// Cut an item (and its nested lists) at line `stop`.
fn clip(it: &mut MdItem, stop: usize) {
    it.lines.end = it.lines.end.min(stop).max(it.lines.start + 1);
    it.nested.retain(|(r, _)| r.start < stop);
    for (r, l) in &mut it.nested {
        r.end = r.end.min(stop);
        l.items.retain(|i| i.lines.start < stop);
        for i in &mut l.items {
            clip(i, stop);
        }
    }
}

/// Give every line of a list, which ends at line `stop`, to an item: a line between two items
/// is the earlier one's, and so are the lines after the last item. The same inside each item's
/// nested lists.
fn fill(l: &mut MdList, stop: usize) {
    let starts: Vec<usize> = l.items.iter().skip(1).map(|it| it.lines.start).collect();
    for (it, next) in l.items.iter_mut().zip(starts.into_iter().chain([stop])) {
        it.lines.end = it.lines.end.max(next).min(stop.max(it.lines.start + 1));
        // nested lists in order, none running into the next or past the item
        let ends: Vec<usize> = it.nested.iter().skip(1).map(|(r, _)| r.start).collect();
        let end = it.lines.end;
        for ((r, _), next) in it.nested.iter_mut().zip(ends.into_iter().chain([end])) {
            r.end = r.end.min(next).max(r.start);
        }
        it.nested.retain(|(r, _)| !r.is_empty());
        for (r, n) in &mut it.nested {
            n.items.retain(|i| i.lines.start < r.end);
            fill(n, r.end);
        }
    }
}

/// Whether an item of a list opens with a statute marker (`- **第一条**`): the list is
/// typesetting of articles (or of a contents), and its lines are read as lines.
fn any_article(src: &str, l: &MdList) -> bool {
    l.items.iter().any(|it| {
        let t = src[it.bullet.end..]
            .trim_start_matches([' ', '\t', '*'])
            .trim_start_matches('\u{3000}');
        t.starts_with('第')
            && matches!(crate::grammar::marker::marker(t), Ok((_, m)) if m.family.is_statute())
    })
}

/// Record each item's bullet (and the spaces after it) as container markup of its first line.
fn mark_bullets(src: &str, spans: &[Span], l: &MdList, skip: &mut [usize]) {
    for it in &l.items {
        let i = it.lines.start;
        if let Some(sp) = spans.get(i) {
            let rest = &src[it.bullet.end.min(sp.end)..sp.end];
            let ws = rest.len() - rest.trim_start_matches([' ', '\t']).len();
            skip[i] = skip[i].max(it.bullet.end + ws - sp.start);
        }
        for (_, n) in &it.nested {
            mark_bullets(src, spans, n, skip);
        }
    }
}

/// The bullet or number of a list item that starts at `at`.
fn bullet(src: &str, at: usize) -> Span {
    let rest = &src[at..];
    let lead = rest.len() - rest.trim_start_matches([' ', '\t']).len();
    let n = bullet_len(&rest[lead..]);
    Span::new(at + lead, at + lead + n.max(usize::from(n == 0)))
}

/// The length of a bullet (`-`, `*`, `+`) or a number (`1.`, `1)`) at the start of `t`, when
/// a space or the end of the line follows it; else 0.
fn bullet_len(t: &str) -> usize {
    let b = t.as_bytes();
    let n = match b.first() {
        Some(b'-' | b'*' | b'+') => 1,
        Some(c) if c.is_ascii_digit() => {
            let d = b.iter().take(9).take_while(|c| c.is_ascii_digit()).count();
            if matches!(b.get(d), Some(b'.' | b')')) {
                d + 1
            } else {
                return 0;
            }
        }
        _ => return 0,
    };
    match b.get(n) {
        None | Some(b' ' | b'\t') => n,
        _ => 0,
    }
}

/// A byte range without its surrounding spaces and tabs, as a span.
fn trimmed(src: &str, r: Range<usize>) -> Span {
    let s = &src[r.clone()];
    let lead = s.len() - s.trim_start_matches(|c: char| c.is_whitespace()).len();
    let body = s.trim_matches(|c: char| c.is_whitespace());
    Span::new(r.start + lead, r.start + lead + body.len())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn of(src: &str) -> Layout {
        let (spans, _) = crate::source::lines::split(src, true);
        layout(src, &spans)
    }

    #[test]
    fn a_table_and_its_cells() {
        let src = "前言\n\n| 项目 | 金额 |\n|:--|--:|\n| 办公 | 12 |\n注：单位万元\n";
        let l = of(src);
        assert_eq!(l.blocks.len(), 1);
        let b = &l.blocks[0];
        assert_eq!(b.lines, 2..5);
        let MdKind::Table(t) = &b.kind else {
            panic!("a table")
        };
        assert_eq!((t.header_rows, t.rows.len()), (1, 2));
        assert_eq!(&src[t.rows[1].1[0].range()], "办公");
        assert_eq!(t.align, vec![Alignment::Left, Alignment::Right]);
    }

    #[test]
    fn a_list_ends_before_a_lazy_line() {
        let src = "- 一是加强领导。\n  - 细项\n- 二是\n一、总体要求\n";
        let l = of(src);
        let MdKind::List(list) = &l.blocks[0].kind else {
            panic!("a list")
        };
        assert_eq!(l.blocks[0].lines, 0..3);
        assert_eq!(list.items.len(), 2);
        assert_eq!(list.items[0].nested.len(), 1);
        assert_eq!(l.skip[..4], [2, 4, 2, 0]);
    }

    #[test]
    fn article_bullets_and_ordered_lists_stay_lines() {
        for src in ["- **第一条**　总则\n- 第二条　范围\n", "1. 总体\n2. 分项\n"] {
            assert!(of(src).blocks.is_empty(), "{src:?}");
        }
    }

    #[test]
    fn quote_marks_image_footnote_rule() {
        let src = "> 引用一\n> > 二\n\n![图一](a.png)\n\n正文[^1]。\n\n---\n\n[^1]: 注释\n";
        let l = of(src);
        let kinds: Vec<_> = l.blocks.iter().map(|b| &b.kind).collect();
        assert!(matches!(kinds[0], MdKind::Quote(m) if m.len() == 2 && m[1].len() == 3));
        assert!(matches!(kinds[1], MdKind::Image { alt, src } if alt == "图一" && src == "a.png"));
        assert!(matches!(kinds[2], MdKind::Break(BreakKind::Rule)));
        assert!(
            matches!(kinds[3], MdKind::Footnote { label, text } if label == "1" && &src[text.range()] == "注释")
        );
        assert_eq!(l.refs.len(), 1);
        assert_eq!(l.skip[..2], [2, 4]);
    }

    #[test]
    fn a_list_in_a_quotation_in_an_item_is_the_quotation_s() {
        let l = of("- > - 一、\n");
        let MdKind::List(list) = &l.blocks[0].kind else {
            panic!("a list")
        };
        assert!(list.items[0].nested.is_empty());
        assert_eq!(l.skip[0], 2);
    }

    #[test]
    fn lists_nest_sixteen_deep_and_no_deeper() {
        let src: String = (0..40)
            .map(|i| format!("{}- 第{i}层\n", "  ".repeat(i)))
            .collect();
        let l = of(&src);
        let MdKind::List(list) = &l.blocks[0].kind else {
            panic!("a list")
        };
        let mut depth = 1;
        let mut at = list;
        while let Some((_, n)) = at.items.first().and_then(|i| i.nested.first()) {
            depth += 1;
            at = n;
        }
        assert_eq!(depth, MAX_NESTING + 1);
    }

    #[test]
    fn html_breaks() {
        let l = of("一\n\n<div style=\"page-break-after: always\"></div>\n\n<br>\n\n<hr/>\n\n<div>正文</div>\n");
        let kinds: Vec<_> = l
            .blocks
            .iter()
            .map(|b| match b.kind {
                MdKind::Break(k) => Some(k),
                _ => None,
            })
            .collect();
        assert_eq!(
            kinds,
            [
                Some(BreakKind::Page),
                Some(BreakKind::Line),
                Some(BreakKind::Rule)
            ]
        );
    }

    #[test]
    fn text_around_an_image_is_a_paragraph() {
        assert!(of("见![图](a.png)所示\n").blocks.is_empty());
    }
}

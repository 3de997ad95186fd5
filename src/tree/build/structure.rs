//! The blocks Markdown's structure gives (see `source::markdown`): tables with their captions,
//! lists and their items, quotations, images, footnotes and thematic breaks.
//!
//! The structure says which lines a block holds; what is inside a list item or a quotation is
//! read like any body line, with two differences: a numbered line there is text, never a heading
//! (a list's items are not the document's sections), and the series of points inside does not
//! go on outside it. So the hierarchy is kept aside while a container's lines are read, and put
//! back after.

use super::nest::{nest, Item as Flat, Items};
use super::{Builder, Role};
use crate::grammar::line::{Class, Line};
use crate::source::markdown::{MdItem, MdKind, MdList};
use crate::source::markup::Visible;
use crate::tree::*;
use crate::Span;
use pulldown_cmark::Alignment;

/// The visible text of a source range read as Markdown, its lines joined, each trimmed.
fn visible(src: &str, sp: Span) -> String {
    let mut out = String::new();
    let mut at = sp.start;
    for piece in src[sp.range()].split('\n') {
        let v = Visible::of_hinted(piece, at, true, None);
        let t = v.text.trim_matches(crate::source::chars::is_ws);
        out.push_str(t);
        at += piece.len() + 1;
    }
    out
}

/// The text of a Word table cell: its paragraphs, each trimmed, one a line.
fn cell_text(src: &str, sp: Span) -> String {
    let mut out = String::new();
    for piece in src[sp.range()].split('\n') {
        let t = piece.trim_matches(crate::source::chars::is_ws);
        if t.is_empty() {
            continue;
        }
        if !out.is_empty() {
            out.push('\n');
        }
        out.push_str(t);
    }
    out
}

/// A caption line over a table: 表1　…, 附表2 …, 表一 …, short and with no sentence end.
fn caption_like(l: &Line) -> bool {
    let t = l.text();
    let rest = t.strip_prefix("附表").or_else(|| t.strip_prefix('表'));
    let Some(rest) = rest else {
        return false;
    };
    let rest = rest.trim_start_matches([' ', '\u{3000}']);
    rest.chars().next().is_some_and(|c| {
        c.is_ascii_digit() || ('０'..='９').contains(&c) || "一二三四五六七八九十".contains(c)
    }) && l.chars() <= 60
        && !super::has_sentence_end(t)
}

impl<'s, 'l> Builder<'s, 'l> {
    /// Give the lines of each block of the Markdown structure its role, and a table the
    /// caption line over it.
    pub(super) fn structure_roles(&mut self) {
        for k in 0..self.md.blocks.len() {
            let r = self.md.blocks[k].lines.clone();
            // a site's navigation set as a list is chrome, as on the text path
            let chrome = r.clone().any(
                |i| matches!(self.role[i], Role::Chrome(c) if c != crate::tree::ChromeKind::Markup),
            );
            if chrome {
                self.md_done[k] = true;
                continue;
            }
            for i in r.clone() {
                self.role[i] = Role::Structure(k);
            }
            if matches!(self.md.blocks[k].kind, MdKind::Table(_)) {
                let cap = (0..r.start)
                    .rev()
                    .take(2)
                    .find(|&j| !self.ls[j].is_blank())
                    .filter(|&j| self.role[j] == Role::Undecided && caption_like(&self.ls[j]));
                if let Some(j) = cap {
                    self.role[j] = Role::Structure(k);
                    self.captions.push((k, j));
                }
            }
        }
    }

    /// Line `i` belongs to block `k` of the structure: the block, made once, at its first line;
    /// the line after it.
    ///
    /// A block some line of which an earlier pass took (the title, chrome after a paywall
    /// notice) is not made: its lines are read as lines, and `None` says so for this one.
    pub(super) fn structure_line(&mut self, i: usize, k: usize) -> Option<usize> {
        let end = self.md.blocks[k].lines.end;
        if self.md_done.get(k).copied().unwrap_or(true) {
            return Some(i + 1);
        }
        self.md_done[k] = true;
        let r = self.md.blocks[k].lines.clone();
        if r.clone().any(|j| self.role[j] != Role::Structure(k)) {
            let caption = self
                .captions
                .iter()
                .filter(|&&(b, _)| b == k)
                .map(|&(_, j)| j);
            for j in r.chain(caption.collect::<Vec<_>>()) {
                if self.role[j] == Role::Structure(k) {
                    self.role[j] = Role::of_class(&self.ls[j]);
                }
            }
            return None;
        }
        let ls = self.ls;
        let first = self.md.blocks[k].lines.start;
        let kind = std::mem::replace(&mut self.md.blocks[k].kind, MdKind::Break(BreakKind::Rule));
        let block = match kind {
            MdKind::Table(t) => {
                let caption = self
                    .captions
                    .iter()
                    .find(|&&(b, _)| b == k)
                    .map(|&(_, j)| self.text_of(&ls[j]));
                let markdown = !self.md.skip.is_empty() && self.hints.is_empty();
                let rows: Vec<Row> = t
                    .rows
                    .iter()
                    .enumerate()
                    .map(|(r, (span, cells))| Row {
                        cells: cells
                            .iter()
                            .enumerate()
                            .map(|(k, &c)| {
                                let (col_span, row_span) = t
                                    .spans
                                    .get(r)
                                    .and_then(|s| s.get(k))
                                    .copied()
                                    .unwrap_or((1, 1));
                                Cell {
                                    text: Text {
                                        text: if markdown {
                                            visible(self.src, c)
                                        } else {
                                            cell_text(self.src, c)
                                        },
                                        span: c,
                                    },
                                    col_span,
                                    row_span,
                                }
                            })
                            .collect(),
                        span: *span,
                    })
                    .collect();
                let align = if t.align.iter().all(|a| *a == Alignment::None) {
                    Vec::new()
                } else {
                    t.align
                        .iter()
                        .map(|a| match a {
                            Alignment::None => Align::None,
                            Alignment::Left => Align::Left,
                            Alignment::Center => Align::Center,
                            Alignment::Right => Align::Right,
                        })
                        .collect()
                };
                Block::Table(Box::new(Table {
                    caption,
                    header_rows: t.header_rows,
                    align,
                    rows,
                    span: self.lines_span(first, end),
                }))
            }
            MdKind::List(l) => self.list(&l, first..end),
            MdKind::Quote(marks) => {
                let children = self.contained(first, end);
                Block::Quote(Quote {
                    marks,
                    children,
                    span: self.lines_span(first, end),
                })
            }
            MdKind::Image { alt, src } => Block::Image(Image {
                alt,
                src,
                span: self.lines_span(first, end),
            }),
            MdKind::Footnote { label, text } => Block::Footnote(Footnote {
                references: self
                    .md
                    .refs
                    .iter()
                    .filter(|(l, _)| *l == label)
                    .map(|&(_, s)| s)
                    .collect(),
                label,
                text: Text {
                    text: visible(self.src, text),
                    span: text,
                },
                span: self.lines_span(first, end),
            }),
            MdKind::Break(kind) => Block::Break(Break {
                kind,
                span: self.lines_span(first, end),
            }),
        };
        self.items.push(Flat::Leaf(block));
        self.hier.leave_point();
        Some(i + 1)
    }

    /// The source span of lines `a..b`, from the first one's first character that is not a
    /// space (markup included) to the last one's end.
    fn lines_span(&self, a: usize, b: usize) -> Span {
        let l = &self.ls[a];
        let raw = &self.src[l.span.range()];
        let start =
            l.span.start + (raw.len() - raw.trim_start_matches(crate::source::chars::is_ws).len());
        Span::new(
            start,
            self.ls[b.saturating_sub(1).max(a)].span.end.max(start),
        )
    }

    /// A list, its items and the lists nested in them.
    fn list(&mut self, list: &MdList, lines: std::ops::Range<usize>) -> Block {
        let items = list.items.iter().map(|it| self.item(it)).collect();
        Block::List(List {
            ordered: list.ordered,
            items,
            span: self.lines_span(lines.start, lines.end),
        })
    }

    fn item(&mut self, it: &MdItem) -> Block {
        let mut children = Vec::new();
        let mut from = it.lines.start;
        for (r, nested) in &it.nested {
            if r.start > from {
                children.extend(self.contained(from, r.start));
            }
            children.push(self.list(nested, r.clone()));
            from = r.end.max(from);
        }
        if from < it.lines.end {
            children.extend(self.contained(from, it.lines.end));
        }
        let bullet = Text {
            text: self.src[it.bullet.range()].to_string(),
            span: it.bullet,
        };
        let span = Span::new(
            it.bullet.start,
            self.ls[it.lines.end.saturating_sub(1).max(it.lines.start)]
                .span
                .end
                .max(it.bullet.end),
        );
        Block::Item(Box::new(Item {
            bullet,
            children,
            span,
        }))
    }

    /// The blocks of lines `a..b` inside a list item or a quotation: points, elisions and
    /// paragraphs, never headings.
    fn contained(&mut self, a: usize, b: usize) -> Vec<Block> {
        let outer = std::mem::replace(&mut self.items, Items::Collect(Vec::new()));
        let hier = self.hier.clone();
        self.hier.leave_point();
        let ls = self.ls;
        for (i, l) in ls.iter().enumerate().take(b).skip(a) {
            if l.start >= l.end {
                continue;
            }
            let before = self.items.len();
            match &l.class {
                Class::Point(p) if self.point_accepted(i, p) => self.emit_point(i, p),
                Class::Elision => self.elision_line(i),
                _ => self.plain_paragraph(i),
            }
            // a point or a paragraph owns its line after the container's marks, markup included
            let own = Span::new((l.span.start + self.md.skip[i]).min(l.span.end), l.span.end);
            if let Items::Collect(v) = &mut self.items {
                match &mut v[before..] {
                    [Flat::Point(p)] => p.span = own,
                    [Flat::Leaf(Block::Paragraph(p))] => p.span = own,
                    _ => {}
                }
            }
        }
        self.hier = hier;
        let Items::Collect(items) = std::mem::replace(&mut self.items, outer) else {
            return Vec::new();
        };
        nest(items)
    }

    /// Line `i` as a paragraph, with its elisions, whatever it starts with.
    fn plain_paragraph(&mut self, i: usize) {
        let l = &self.ls[i];
        if let Some(p) = self.paragraph_of(l, l.start, l.end) {
            self.items.push(Flat::Leaf(Block::Paragraph(p)));
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::tree::build::{parse, ParseOptions};
    use crate::tree::*;

    fn md(src: &str) -> Document {
        parse(
            src,
            &ParseOptions {
                markdown: true,
                ..Default::default()
            },
        )
    }

    fn kinds(doc: &Document) -> Vec<&'static str> {
        let mut v = Vec::new();
        doc.walk(&mut |b, _| {
            v.push(match b {
                Block::Table(_) => "table",
                Block::List(_) => "list",
                Block::Item(_) => "item",
                Block::Quote(_) => "quote",
                Block::Image(_) => "image",
                Block::Footnote(_) => "footnote",
                Block::Break(_) => "break",
                Block::Point(_) => "point",
                Block::Paragraph(_) => "paragraph",
                Block::Section(_) => "section",
                _ => "other",
            })
        });
        v
    }

    #[test]
    fn numbered_lines_in_a_list_are_not_headings() {
        let doc = md("# 标题\n\n## 一、总体要求\n\n- 一、不是标题\n- 二是加强。\n\n二、主要任务\n");
        let secs: Vec<_> = doc
            .sections()
            .iter()
            .map(|s| s.title.text.clone())
            .collect();
        assert_eq!(secs, ["总体要求", "主要任务"]);
        let k = kinds(&doc);
        assert!(k.contains(&"list") && k.contains(&"point"), "{k:?}");
    }

    #[test]
    fn a_table_with_its_caption() {
        let doc = md("表1　经费\n\n| 项目 | 金额 |\n|---|---|\n| **办公** | 1\\|2 |\n");
        let t = doc
            .blocks
            .iter()
            .find_map(|b| match b {
                Block::Table(t) => Some(t),
                _ => None,
            })
            .expect("a table");
        assert_eq!(
            t.caption.as_ref().map(|c| c.text.as_str()),
            Some("表1　经费")
        );
        assert_eq!(t.rows[1].cells[0].text.text, "办公");
        assert_eq!(t.rows[1].cells[1].text.text, "1|2");
    }

    #[test]
    fn odd_nestings_are_lossless() {
        for src in [
            "-  - 一、加强组织领导一、\n\n    一、一、",
            "- > - 一、",
            "- 附件\n 作者 全文5000字 20片",
            "  - - \n    一、",
            "- * \n  - 一、.....",
        ] {
            let doc = md(src);
            let s = crate::Source::from_str(src, crate::Format::Markdown);
            if let Err(e) = doc.check_lossless(&s) {
                panic!("{src:?}: {e}\n{:#?}", doc.blocks);
            }
        }
    }

    #[test]
    fn quote_image_footnote_break() {
        let src = "> 引用的话。\n\n![示意](a.png)\n\n正文[^n]。\n\n***\n\n[^n]: 注释。\n";
        let doc = md(src);
        let k = kinds(&doc);
        for want in ["quote", "image", "footnote", "break"] {
            assert!(k.contains(&want), "{want} in {k:?}");
        }
        let src_obj = crate::Source::from_str(src, crate::Format::Markdown);
        doc.check_lossless(&src_obj).unwrap();
    }
}

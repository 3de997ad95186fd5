//! A table of contents: a 目录 label and the entries under it, or a run of entries that end in
//! leader dots and page numbers. It is one block of its own, kept out of the sections, so that
//! its headings are neither outline rows nor a sequence the body restarts.

use super::unnumbered::NAMED_UNNUMBERED;
use super::{has_sentence_end, Builder, Item, Role};
use crate::grammar::line::{Class, Line};
use crate::source::chars::is_ws;
use crate::tree::{Block, Contents, Text};
use crate::Span;

/// The longest entry, in characters, once its leader and page number are cut off.
const MAX_ENTRY: usize = 60;
/// The most lines one table of contents spans.
const MAX_LINES: usize = 3000;
/// Entries ending in a leader that make a table of contents without a label.
const MIN_LEADER_RUN: usize = 3;

/// The label of a table of contents: 目录, 目 录, 目次, 目　录, and the same with a trailing colon.
pub(super) fn is_label(t: &str) -> bool {
    /// Longer lines are no label: it is read without copying the line.
    const MAX_LABEL_BYTES: usize = 64;
    if t.len() > MAX_LABEL_BYTES {
        return false;
    }
    let mut kept = t.chars().filter(|&c| !is_ws(c) && !matches!(c, '：' | ':'));
    kept.next() == Some('目')
        && matches!(kept.next(), Some('录' | '次' | '錄'))
        && kept.next().is_none()
}

/// The entry text with its leader and page number cut off (`第一章 总则……3` → `第一章 总则`),
/// and whether it had a leader: two or more leader characters (…… or ....), or a tab before the
/// page number, as a Word contents field writes it. A space before a figure is no leader (a
/// table row).
fn strip_leader(t: &str) -> (&str, bool) {
    let no_page = t.trim_end_matches(|c: char| c.is_ascii_digit() || ('０'..='９').contains(&c));
    let no_page_ws = no_page.trim_end_matches(is_ws);
    let body = no_page_ws.trim_end_matches(['.', '…', '·', '．', '⋯', '_', '—', '-']);
    if no_page_ws[body.len()..].chars().count() >= 2 {
        return (body.trim_end_matches(is_ws), true);
    }
    if no_page.len() < t.len() && no_page.ends_with('\t') {
        return (no_page_ws, true);
    }
    (t, false)
}

impl<'s, 'l> Builder<'s, 'l> {
    /// Find the tables of contents and give their lines the [`Role::Contents`] role. Each is
    /// kept in `self.contents` as a range of lines.
    pub(super) fn contents_pass(&mut self) {
        let mut i = 0;
        while i < self.ls.len() {
            match self.contents_from(i) {
                Some(end) => {
                    for r in &mut self.role[i..end] {
                        *r = Role::Contents;
                    }
                    self.contents.push((i, end));
                    i = end;
                }
                None => i += 1,
            }
        }
    }

    /// The tables of contents the reader's markup marked (a Word `TOC` field, contents
    /// styles), each with the 目录 label line just over it.
    pub(super) fn hinted_contents(&mut self) {
        for r in std::mem::take(&mut self.hinted_contents) {
            let mut start = r.start;
            if let Some(j) = self.prev_nonblank(start) {
                if r.start - j <= 3
                    && is_label(self.ls[j].text())
                    && self.role[j] == Role::Undecided
                {
                    start = j;
                }
            }
            let end = r.end.min(self.ls.len());
            if start >= end {
                continue;
            }
            for role in &mut self.role[start..end] {
                *role = Role::Contents;
            }
            self.contents.push((start, end));
        }
    }

    /// The end (exclusive) of a table of contents starting at line `i`, when one does.
    fn contents_from(&self, i: usize) -> Option<usize> {
        let l = &self.ls[i];
        if self.role[i] != Role::Undecided || l.is_blank() {
            return None;
        }
        if is_label(l.text()) {
            return self.entries_after_label(i);
        }
        self.leader_run(i).or_else(|| self.repeated_run(i))
    }

    /// Entries under a 目录 label at `i`: marker lines, named unnumbered lines (前言, 后记) and
    /// lines with a leader, across blank lines, up to the first other line or to the line
    /// where the first entry comes again (the body starts with it).
    fn entries_after_label(&self, i: usize) -> Option<usize> {
        let mut first: Option<usize> = None;
        let mut last = i;
        let mut n = 0;
        for j in i + 1..self.ls.len().min(i + MAX_LINES) {
            let l = &self.ls[j];
            if l.is_blank() {
                continue;
            }
            if self.role[j] != Role::Undecided || !self.entry_like(l, false) {
                break;
            }
            if let Some(f) = first {
                if same_entry(&self.ls[f], l) {
                    break;
                }
            }
            first.get_or_insert(j);
            last = j;
            n += 1;
        }
        (n >= 2).then_some(last + 1)
    }

    /// A run of at least [`MIN_LEADER_RUN`] entries with leaders from line `i`, across blank
    /// lines.
    fn leader_run(&self, i: usize) -> Option<usize> {
        let mut last = i;
        let mut n = 0;
        for j in i..self.ls.len().min(i + MAX_LINES) {
            let l = &self.ls[j];
            if l.is_blank() {
                continue;
            }
            if self.role[j] != Role::Undecided || !self.entry_like(l, true) {
                break;
            }
            last = j;
            n += 1;
        }
        (n >= MIN_LEADER_RUN).then_some(last + 1)
    }

    /// A run of at least [`MIN_LEADER_RUN`] headings with nothing between them from line `i`,
    /// the first numbered 1 and its family numbered on in turn (1, 2 …), right followed by the
    /// first of them again: the body starts where the contents end (`## 第一章 总则` …
    /// `## 第五章 附则`, then `## 第一章 总则`).
    fn repeated_run(&self, i: usize) -> Option<usize> {
        let Class::Marker(m) = &self.ls[i].class else {
            return None;
        };
        if m.ordinal != 1 || !self.entry_like(&self.ls[i], false) {
            return None;
        }
        let family = m.family;
        // entries, and the last number of the first entry's family (numbered 1, 2, 3 … in turn)
        let (mut n, mut top) = (1, 1);
        for j in i + 1..self.ls.len().min(i + MAX_LINES) {
            let l = &self.ls[j];
            if l.is_blank() {
                continue;
            }
            // the body's first heading again, or its title whose number was lost
            if (same_entry(&self.ls[i], l) && same_text(&self.ls[i], l))
                || (matches!(l.class, Class::Text) && title_repeated(&self.ls[i], m.len, l))
            {
                let enough = n >= MIN_LEADER_RUN && top >= 2;
                return enough.then_some(self.prev_nonblank(j).unwrap_or(i) + 1);
            }
            let Class::Marker(k) = &l.class else {
                return None;
            };
            if self.role[j] != Role::Undecided || !self.entry_like(l, false) {
                return None;
            }
            // a contents starts at its top level: an entry of a GB/T level above the first
            // entry's (二、 after 1.) means these are the body's own headings
            if let (Some(a), Some(b)) = (k.family.gbt_level(), family.gbt_level()) {
                if a < b {
                    return None;
                }
            }
            if k.family == family {
                if k.ordinal != top + 1 {
                    return None;
                }
                top += 1;
            }
            n += 1;
        }
        None
    }

    /// Whether `l` can be an entry: short once its leader is cut, no sentence in it, and a
    /// marker, a named unnumbered heading or a leader; with `leader`, a leader it must have.
    fn entry_like(&self, l: &Line, leader: bool) -> bool {
        let (body, has_leader) = strip_leader(l.text());
        if body.is_empty() || body.chars().count() > MAX_ENTRY || has_sentence_end(body) {
            return false;
        }
        if leader {
            return has_leader;
        }
        let named = body.trim_matches(is_ws);
        has_leader
            || matches!(l.class, Class::Marker(_))
            || NAMED_UNNUMBERED.contains(&named)
            || ["附录", "附件", "参考文献", "致谢"]
                .iter()
                .any(|w| named.starts_with(w))
    }

    /// Emit the table of contents whose range starts at line `i`; give the line after it.
    pub(super) fn contents_block(&mut self, i: usize) -> usize {
        let Some(&(_, end)) = self.contents.iter().find(|(s, _)| *s == i) else {
            return i + 1;
        };
        let nonblank: Vec<usize> = (i..end).filter(|&j| !self.ls[j].is_blank()).collect();
        let label = is_label(self.ls[i].text()).then(|| self.text_of(&self.ls[i]));
        let entries: Vec<Text> = nonblank
            .iter()
            .filter(|&&j| j != i || label.is_none())
            .map(|&j| self.text_of(&self.ls[j]))
            .collect();
        let last = nonblank.last().copied().unwrap_or(i);
        let span = Span::new(self.ls[i].span.start, self.ls[last].span.end);
        self.items.push(Item::Leaf(Block::Contents(Contents {
            label,
            entries,
            span,
        })));
        // markup after the last entry (a closing tag) stays where it is
        last + 1
    }
}

/// Whether `b` repeats entry `a`: the same marker, or the same text once leaders are cut.
fn same_entry(a: &Line, b: &Line) -> bool {
    match (&a.class, &b.class) {
        (Class::Marker(x), Class::Marker(y)) => {
            x.family == y.family && x.ordinal == y.ordinal && x.parents == y.parents
        }
        _ => {
            let (x, _) = strip_leader(a.text());
            let (y, _) = strip_leader(b.text());
            x.trim_matches(is_ws) == y.trim_matches(is_ws)
        }
    }
}

/// `t` with its leader cut and every space dropped.
fn squeezed(t: &str) -> String {
    strip_leader(t).0.chars().filter(|&c| !is_ws(c)).collect()
}

/// Whether `b` is the title of entry `a` (past its marker of `len` bytes), every space dropped.
fn title_repeated(a: &Line, len: usize, b: &Line) -> bool {
    let title = squeezed(a.vis.text.get(a.start + len..a.end).unwrap_or(""));
    !title.is_empty() && title == squeezed(b.text())
}

/// Whether `a` and `b` read the same once leaders and every space are dropped.
fn same_text(a: &Line, b: &Line) -> bool {
    squeezed(a.text()) == squeezed(b.text())
}

#[cfg(test)]
mod tests {
    use super::strip_leader;
    use crate::tree::build::{parse, ParseOptions};
    use crate::tree::Block;

    #[test]
    fn leaders_and_page_numbers_are_cut() {
        assert_eq!(strip_leader("第一章 总则……………3"), ("第一章 总则", true));
        assert_eq!(
            strip_leader("一、工作目标........12"),
            ("一、工作目标", true)
        );
        assert_eq!(strip_leader("二、主要任务"), ("二、主要任务", false));
        assert_eq!(strip_leader("增长10"), ("增长10", false));
        assert_eq!(strip_leader("生猪存栏 2583"), ("生猪存栏 2583", false));
        assert_eq!(strip_leader("第三章 保障\t7"), ("第三章 保障", true));
        assert_eq!(
            strip_leader("第一条 本办法自公布之日起施行。"),
            ("第一条 本办法自公布之日起施行。", false)
        );
    }

    fn kinds(src: &str) -> Vec<&'static str> {
        kinds_of(src, false)
    }

    fn kinds_of(src: &str, markdown: bool) -> Vec<&'static str> {
        let opts = ParseOptions {
            markdown,
            ..Default::default()
        };
        parse(src, &opts)
            .blocks
            .iter()
            .map(|b| match b {
                Block::Contents(_) => "contents",
                Block::Section(_) => "section",
                Block::Title(_) => "title",
                _ => "other",
            })
            .collect()
    }

    #[test]
    fn a_labelled_contents_ends_where_the_body_repeats_its_first_entry() {
        let src = "关于某项工作的办法\n\n目录\n第一章 总则\n第二章 附则\n\n第一章 总则\n第一条 为了规范，制定本办法。\n第二章 附则\n第二条 本办法自发布之日起施行。\n";
        assert_eq!(kinds(src), ["title", "contents", "section", "section"]);
    }

    #[test]
    fn leader_lines_make_a_contents_without_a_label() {
        let src = "工作手册\n\n一、总体要求……1\n二、主要任务……3\n三、保障措施……8\n\n一、总体要求\n要坚持统筹推进。\n";
        assert_eq!(kinds(src), ["title", "contents", "section"]);
    }

    #[test]
    fn headings_with_nothing_under_them_then_the_first_again_are_contents() {
        let src = "某某条例\n\n## 第一章 总则\n\n## 第二章 管理\n\n## 第三章 附则\n\n## 第一章 总则\n\n第一条 为了规范，制定本条例。\n\n## 第二章 管理\n\n第二条 由市政府负责。\n\n## 第三章 附则\n\n第三条 本条例自公布之日起施行。\n";
        assert_eq!(
            kinds_of(src, true),
            ["title", "contents", "section", "section", "section"]
        );
    }

    #[test]
    fn the_body_may_start_with_the_first_title_without_its_number() {
        let src = "某某条例\n\n## 第一章 总 则\n\n## 第二章 管理\n\n## 第三章 附 则\n\n总 则\n\n第一条 为了规范，制定本条例。\n";
        let opts = ParseOptions {
            markdown: true,
            ..Default::default()
        };
        let doc = parse(src, &opts);
        assert!(matches!(doc.blocks.get(1), Some(Block::Contents(c)) if c.entries.len() == 3));
    }

    #[test]
    fn one_heading_of_its_family_is_no_contents() {
        // 第一章 then items of other families, then 第一章 again (a renumbering's slip)
        let src =
            "某某办法\n\n第一章 总则\n1.标题\n（二）标题\n第一章 总则\n第一条 为了规范管理。\n";
        assert!(!kinds(src).contains(&"contents"));
    }

    #[test]
    fn headings_that_do_not_come_again_are_no_contents() {
        let src = "某某方案\n\n一、目标\n二、任务\n三、措施\n四、要求\n各单位遵照执行。\n";
        assert!(!kinds(src).contains(&"contents"));
    }

    #[test]
    fn a_higher_level_inside_the_run_is_no_contents() {
        // 1. and 2. under 一、, then 二、 and its own 1.: the body, not a contents
        let src = "某某通知\n一、要求\n1.事项\n2.事项\n二、要求\n1.事项\n";
        assert!(!kinds(src).contains(&"contents"), "{:?}", kinds(src));
    }

    #[test]
    fn two_leader_lines_are_no_contents() {
        let src =
            "工作手册\n\n一、总体要求……1\n二、主要任务……3\n\n一、总体要求\n要坚持统筹推进。\n";
        assert!(!kinds(src).contains(&"contents"));
    }

    #[test]
    fn contents_labels() {
        for t in ["目录", "目 录", "目　录", "目次：", "目錄:", " 目 录 "] {
            assert!(super::is_label(t), "{t}");
        }
        for t in [
            "目",
            "录",
            "目录表",
            "目的",
            "本目录",
            "",
            &"目录".repeat(40),
        ] {
            assert!(!super::is_label(t), "{t}");
        }
    }
}

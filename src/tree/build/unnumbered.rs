//! Unnumbered headings: named ones (前言, 结束语) and short unpunctuated lines that head the
//! numbered sections below them.

use super::{fully_bracketed, Builder, Item, Role};
use crate::grammar::line::Class;
use crate::grammar::scan;
use crate::source::chars::{ends_sentence, COLONS, COMMAS};
use crate::tree::*;

pub(super) const NAMED_UNNUMBERED: [&str; 12] = [
    "前言",
    "引言",
    "序言",
    "导言",
    "导语",
    "结束语",
    "结语",
    "后记",
    "摘要",
    "引子",
    "概述",
    "序",
];

impl<'s, 'l> Builder<'s, 'l> {
    pub(super) fn unnumbered_heading(&mut self, i: usize) {
        let l = &self.ls[i];
        let t = l.text();
        let named = NAMED_UNNUMBERED.contains(&t);
        let level = match self.hier.enter_statute_title() {
            Some(level) if l.vis.md_heading == 0 => level,
            _ => self.hier.enter_unnumbered(named),
        };
        let text = t.trim_end_matches(['。', '：', ':']).to_string();
        let end = l.start + text.len();
        let title = Text {
            text,
            span: l.src(l.start, end),
        };
        let title_end = (end < l.end).then(|| Text {
            text: l.vis.text[end..l.end].to_string(),
            span: l.src(end, l.end),
        });
        self.items.push(Item::Head(Box::new(Section {
            level,
            marker: None,
            title,
            kind: HeadingKind::Standalone,
            title_end,
            run_in: None,
            span: l.span,
            elided: false,
            children: vec![],
        })));
    }

    /// Short unpunctuated lines that head the numbered sections below them.
    pub(super) fn unnumbered_headings(&self) -> Vec<usize> {
        let n = self.ls.len();
        let mut named = Vec::new();
        let mut generic = Vec::new();
        let mut md = Vec::new();
        for i in self.body_start..n {
            let l = &self.ls[i];
            if self.role[i] != Role::Undecided || !matches!(l.class, Class::Text) {
                continue;
            }
            let t = l.text();
            if NAMED_UNNUMBERED.contains(&t) {
                named.push(i);
                continue;
            }
            let c = l.chars();
            if !(2..=30).contains(&c)
                || scan::contains(t, |c| {
                    ends_sentence(c) || COLONS.contains(&c) || COMMAS.contains(&c) || c == '\t'
                })
                || fully_bracketed(t)
                || t.ends_with('、')
            {
                continue;
            }
            let Some(j) = self.next_nonblank(i) else {
                continue;
            };
            let next = &self.ls[j];
            let next_ok = match next.class {
                Class::Marker(_) | Class::Point(_) => true,
                Class::Text => next.chars() >= 40 || next.text().contains('。'),
                _ => false,
            };
            if !next_ok || next.text().contains('\t') || matches!(next.class, Class::Date(_)) {
                continue;
            }
            if self
                .prev_nonblank(i)
                .is_some_and(|p| matches!(self.ls[p].class, Class::Attachment(_)))
            {
                continue;
            }
            if l.vis.md_heading > 0 {
                md.push(i);
            } else {
                generic.push(i);
            }
        }
        let mut out = named;
        out.extend(md);
        if generic.len() >= 2 {
            out.extend(generic);
        }
        out
    }
}

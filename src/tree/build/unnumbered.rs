//! Unnumbered headings: named ones (前言, 结束语) and short unpunctuated lines that head the
//! numbered sections below them.

use super::{fully_bracketed, Builder, Item, Role};
use crate::grammar::element;
use crate::grammar::line::Class;
use crate::grammar::marker::MarkerToken;
use crate::grammar::numeral::cn_digit;
use crate::grammar::scan;
use crate::source::chars::{ends_sentence, is_han, is_ws, COLONS, COMMAS};
use crate::tree::*;

/// How many marker lines after a line [`Builder::inside_a_run`] looks at.
const RUN_LOOKAHEAD: usize = 64;

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

/// Whether a short unpunctuated line can be a heading by what it holds: some Han text, every
/// figure part of a word (2014年, 10件, 5G), not a row of a flattened table (`羊年末数 16583 万头
/// 6．4`), a fragment of a hard-wrapped paragraph (`80`, `年提高 9.2`), a table or figure
/// caption (表1, 图2), a formula (`＝`), a rule (――――), a date line (一九八二年五月四日通过)
/// or a 【label】.
fn heading_like(t: &str) -> bool {
    if !t.chars().any(is_han) || t.starts_with('【') || t.contains(['＝', '=', '×', '÷']) {
        return false;
    }
    if caption(t) {
        return false;
    }
    if element::date(t).is_ok() {
        return false;
    }
    // every run of figures goes on into a word (2014年, 10件, 5G); one followed by a space, a
    // decimal point, a percent sign or the end of the line is a table cell or a wrapped number
    let mut prev_digit = false;
    for c in t.chars().chain(std::iter::once('\n')) {
        let digit = c.is_ascii_digit() || ('０'..='９').contains(&c);
        if prev_digit && !digit && !(is_han(c) || c.is_ascii_alphabetic()) {
            return false;
        }
        prev_digit = digit;
    }
    true
}

/// A separator line, a short text between rules (`----- 7月27日 -----`): it heads what
/// follows it.
fn ruled(t: &str) -> bool {
    let rule = |c: char| {
        matches!(
            c,
            '-' | '—' | '–' | '=' | '─' | '━' | '*' | '~' | '＝' | '－'
        )
    };
    let lead = t.chars().take_while(|&c| rule(c)).count();
    let trail = t.chars().rev().take_while(|&c| rule(c)).count();
    let inner = t.trim_matches(rule).trim_matches(is_ws);
    lead >= 3 && trail >= 3 && inner.chars().any(is_han) && inner.chars().count() <= 20
}

/// A table or figure caption (表1, 图2 …): never a heading, whatever style or outline level
/// a Word file gave it.
fn caption(t: &str) -> bool {
    let mut cs = t.chars();
    matches!(cs.next(), Some('表' | '图'))
        && cs
            .next()
            .is_some_and(|c| c.is_numeric() || is_ws(c) || cn_digit(c).is_some())
}

impl<'s, 'l> Builder<'s, 'l> {
    pub(super) fn unnumbered_heading(&mut self, i: usize) {
        let l = &self.ls[i];
        let t = l.text();
        let named = NAMED_UNNUMBERED.contains(&t);
        let bold = l.vis.md_heading == 0 && self.hint(i).bold && !named;
        // a bold line heads a part of a numbered section; before any, it is text (a cover's)
        if bold && !self.hier.in_section() {
            self.paragraph(i);
            return;
        }
        let level = match self.hier.enter_statute_title() {
            Some(level) if l.vis.md_heading == 0 && !ruled(t) => level,
            _ if bold => self.hier.enter_subhead(),
            _ => self.hier.enter_unnumbered(named, l.vis.md_heading),
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
            depth: l.md_depth(),
            children: vec![],
        })));
    }

    /// Whether line `i` is the tail of a numbered heading wrapped onto a second line
    /// (`三、…坚定不移地搞好党风和` / `廉政建设`): the line before is a heading line with no
    /// sentence end, this one is a few characters, and what follows is no numbered run of its
    /// own but body text.
    fn wrapped_tail(&self, i: usize) -> bool {
        let l = &self.ls[i];
        if l.chars() > 12 {
            return false;
        }
        let Some(p) = self.prev_nonblank(i) else {
            return false;
        };
        let prev = &self.ls[p];
        let prev_heading = matches!(prev.class, Class::Marker(_))
            && prev.vis.md_heading == 0
            && prev.chars() <= 60
            && !scan::contains(prev.text(), ends_sentence)
            && !prev.text().ends_with(COLONS);
        let next_body = self
            .next_nonblank(i)
            .is_some_and(|j| matches!(self.ls[j].class, Class::Text));
        prev_heading && next_body
    }

    /// Short unpunctuated lines that head the numbered sections below them.
    pub(super) fn unnumbered_headings(&self) -> Vec<usize> {
        let n = self.ls.len();
        let mut named = Vec::new();
        let mut generic = Vec::new();
        let mut md = Vec::new();
        let marks = self.run_marks();
        let mut next_mark = 0;
        let mut open: Vec<(crate::tree::Family, u32)> = Vec::new();
        let mut inside = 0;
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
            // a line set bold all through, in a Word file, is a subhead the author marked
            // (not a work's name, 《…》, nor a byline)
            let bold = l.vis.md_heading == 0
                && self.hint(i).bold
                && !t.starts_with('《')
                && !super::byline::looks_like_byline(t);
            // a heading style's label line (基本情况：) heads what follows it
            let t = if l.vis.md_heading > 0 || bold {
                t.trim_end_matches(is_ws).trim_end_matches(COLONS)
            } else {
                t
            };
            if !(2..=30).contains(&c)
                || scan::contains(t, |c| {
                    ends_sentence(c) || COLONS.contains(&c) || COMMAS.contains(&c) || c == '\t'
                })
                || fully_bracketed(t)
                || t.ends_with('、')
                || caption(t)
                || self.src[l.span.range()]
                    .trim_start_matches(is_ws)
                    .starts_with('•')
                || (l.vis.md_heading == 0 && !heading_like(t))
            {
                continue;
            }
            let Some(j) = self.next_nonblank(i) else {
                continue;
            };
            let next = &self.ls[j];
            let next_ok = match next.class {
                // a heading the markup declares heads whatever text follows it
                _ if l.vis.md_heading > 0 || bold || ruled(t) => {
                    !matches!(next.class, Class::Blank)
                }
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
            while next_mark < marks.len() && marks[next_mark].0 < i {
                let (_, f, o) = marks[next_mark];
                open.retain(|&(g, _)| g != f);
                open.push((f, o));
                next_mark += 1;
            }
            if l.vis.md_heading == 0 && self.wrapped_tail(i) {
                continue;
            }
            // a line inside a run that goes on heads nothing, but it still shows that the
            // document writes unnumbered headings: it counts for the others (and so the
            // others do not change with the run's numbers, which `fix` may change)
            if l.vis.md_heading == 0 && !bold && Self::inside_a_run(&marks, &open, next_mark) {
                inside += 1;
                continue;
            }
            if l.vis.md_heading > 0 || bold {
                md.push(i);
            } else {
                generic.push(i);
            }
        }
        let mut out = named;
        out.extend(md);
        if generic.len() + inside >= 2 {
            out.extend(generic);
        } else {
            // a lone one needs the evidence of what it heads: a numbered run of its own
            out.extend(generic.into_iter().filter(|&i| self.heads_a_new_run(i)));
        }
        out
    }

    /// The marker lines that number runs (no decimals, no statute markers), in order: line,
    /// family, ordinal. [`Builder::inside_a_run`] reads them.
    fn run_marks(&self) -> Vec<(usize, crate::tree::Family, u32)> {
        (self.body_start..self.ls.len())
            .filter_map(|i| match &self.ls[i].class {
                Class::Marker(m) if m.parents.is_empty() && !m.family.is_statute() => {
                    Some((i, m.family, m.ordinal))
                }
                _ => None,
            })
            .collect()
    }

    /// Whether line `i` sits inside a numbered run that goes on after it: the marker line just
    /// before it, past body text, is (三) and the next marker of that family after it is (四),
    /// with no new run of the family starting between. A line there heads nothing the
    /// numbering does not already head (an embedded agreement's title between two items).
    ///
    /// `marks` are [`Builder::run_marks`]; `open` holds, per family, the ordinal of its last
    /// marker before `i` (the caller keeps it as it moves down the lines), and `at` is the
    /// index in `marks` of the first marker after `i`. At most [`RUN_LOOKAHEAD`] markers are
    /// looked at, so the whole pass stays linear.
    fn inside_a_run(
        marks: &[(usize, crate::tree::Family, u32)],
        open: &[(crate::tree::Family, u32)],
        at: usize,
    ) -> bool {
        if open.is_empty() {
            return false;
        }
        // families that start afresh after the line belong to what it heads
        let mut fresh = Vec::new();
        for &(_, family, ordinal) in marks.iter().skip(at).take(RUN_LOOKAHEAD) {
            if fresh.contains(&family) {
                continue;
            }
            match open.iter().find(|(f, _)| *f == family) {
                Some(&(_, o)) if ordinal == o + 1 => return true,
                Some(_) => {
                    fresh.push(family);
                    if open.iter().all(|(f, _)| fresh.contains(f)) {
                        return false;
                    }
                }
                None => fresh.push(family),
            }
        }
        false
    }

    /// Whether line `i` heads a numbered run of its own: the first marker line after it, past
    /// body text only, is numbered 1, in a family whose run before it went past 1 (a report's
    /// part heading `建立廉洁高效的政府`, under which 一、 starts again as under the part
    /// before it).
    fn heads_a_new_run(&self, i: usize) -> bool {
        let mut first = None;
        for j in i + 1..self.ls.len() {
            match &self.ls[j].class {
                Class::Blank | Class::Markup => {}
                Class::Text if self.ls[j].text().contains('。') => {}
                Class::Marker(m) => {
                    first = Some(m);
                    break;
                }
                _ => return false,
            }
        }
        // (a decimal 3.1 after 2.3 starts no run again: its leading number moved on)
        let fresh =
            |m: &&MarkerToken| m.ordinal == 1 && m.parents.is_empty() && !m.family.is_statute();
        let Some(m) = first.filter(fresh) else {
            return false;
        };
        self.ls[self.body_start..i]
            .iter()
            .any(|l| matches!(&l.class, Class::Marker(p) if p.family == m.family && p.ordinal > 1))
    }
}

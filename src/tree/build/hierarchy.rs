//! The document's hierarchy as the builder has seen it so far: the open marker families, the
//! point series open in the current section, and whether the innermost section is an article.
//!
//! [`Hierarchy`] is the one owner of that state. Headings, points, list items and paragraphs
//! tell it what they are (`enter_*`), and it gives back their level; every other question the
//! builder asks of the sequence so far goes through its read-only methods.

use crate::grammar::marker::MarkerToken;
use crate::tree::Family;
use crate::tree::PointFamily;

/// Open families and point series.
#[derive(Clone, Debug, Default)]
pub(super) struct Hierarchy {
    /// Open marker families, outermost first, each with its last ordinal. A family is open at
    /// most once: entering it again closes everything inside it.
    families: Vec<(Family, u32)>,
    /// The Markdown heading depth of each open family's last heading (0 for none), beside
    /// `families`.
    md: Vec<u8>,
    /// Whether each open family's last heading closed its number with a bracket (1）), beside
    /// `families`.
    paren: Vec<bool>,
    /// Point series open in the current section, outermost first, each with its level.
    points: Vec<(PointFamily, u8)>,
    /// Level of the innermost open section (0 at the root).
    level: u8,
    /// The innermost open section is an article.
    in_article: bool,
    /// The number of the last article.
    last_article: u32,
    /// The last row was a point, so a new series nests under it.
    after_point: bool,
    /// A heading or point has been entered since the start or the last restart.
    seen_structure: bool,
    /// The number of the appendix the document is in (附录1), which 1.1 and 1.2 divide.
    appendix: Option<u32>,
}

impl Hierarchy {
    /// A numbered heading of `family` numbered `ordinal` starts: close what it ends, open it,
    /// and give its level.
    #[cfg(test)]
    pub(super) fn enter_heading(&mut self, family: Family, ordinal: u32) -> u8 {
        self.enter_heading_md(family, ordinal, 0, false)
    }

    /// Close the open families from `pos` on.
    fn truncate(&mut self, pos: usize) {
        self.families.truncate(pos);
        self.md.truncate(pos);
        self.paren.truncate(pos);
    }

    /// Open `family` innermost.
    fn push(&mut self, family: Family, ordinal: u32, md: u8, paren: bool) {
        self.families.push((family, ordinal));
        self.md.push(md);
        self.paren.push(paren);
    }

    /// Close the innermost open family.
    fn pop(&mut self) {
        self.families.pop();
        self.md.pop();
        self.paren.pop();
    }

    /// [`Hierarchy::enter_heading`] for a heading set as a Markdown heading of depth `md` (0
    /// for none). An unnumbered heading is never the parent of a numbered one it does not
    /// stand above: not of a Markdown heading as deep as itself or shallower (a `####` is no
    /// parent of `### 二、`), and a plain line is no parent of a 编, 章 or 节. Between numbered
    /// headings the numbering decides, whatever their depth (laws set 节 as `##` under a `###`
    /// 章).
    ///
    /// `paren` says the number is closed by a bracket (1）, 1)) rather than a dot. The two
    /// styles of one family are one level unless a 1） starts a run under an open 1.: then it
    /// nests under it (1.出勤篇 / 1）工作时间), and each style keeps its level after that.
    pub(super) fn enter_heading_md(
        &mut self,
        family: Family,
        ordinal: u32,
        md: u8,
        paren: bool,
    ) -> u8 {
        let above = |f: Family, d: u8| {
            f == Family::Unnumbered
                && ((md > 0 && d >= md)
                    || (d == 0 && family.is_statute() && family != Family::Article))
        };
        if let Some(pos) = (0..self.families.len()).find(|&k| above(self.families[k].0, self.md[k]))
        {
            self.truncate(pos);
        }
        let same = |k: usize| self.families[k].0 == family;
        let styled = (0..self.families.len()).find(|&k| same(k) && self.paren[k] == paren);
        let other = (0..self.families.len()).find(|&k| same(k));
        let mut paren = paren;
        match (styled, other) {
            (Some(pos), _) => self.truncate(pos),
            // a bracketed run starting under the dotted one nests under it
            (None, Some(_)) if paren && ordinal == 1 => {}
            (None, Some(pos)) => {
                paren = self.paren[pos];
                self.truncate(pos);
            }
            (None, None) if self.circled_run_on(family, ordinal) => {
                // ①…⑩ then （11）: the characters stopped, the sequence goes on at the same level
                self.pop();
            }
            (None, None) if family.is_statute() => {
                while self.families.last().is_some_and(|(f, _)| {
                    f.is_statute() && f.statute_depth() >= family.statute_depth()
                }) {
                    self.pop();
                }
            }
            (None, None) => {}
        }
        self.push(family, ordinal, md, paren);
        let level = self.families.len() as u8;
        if family == Family::Article {
            self.last_article = ordinal;
        }
        self.opened(level, family == Family::Article);
        level
    }

    /// Whether a （N） or N. heading goes on from the innermost open ①… run, which ended at
    /// N-1 (a list numbered past the circled characters a font or a writer had).
    fn circled_run_on(&self, family: Family, ordinal: u32) -> bool {
        self.families
            .last()
            .is_some_and(|&prev| family.continues_circled(ordinal, prev))
    }

    /// An unnumbered heading starts. A named one (前言, 结束语) is always level 1 and closes
    /// everything; another one takes the place of the last unnumbered heading, or starts over.
    /// A Markdown heading (depth `md` > 0) nests under the innermost open Markdown heading
    /// shallower than itself, when there is one.
    pub(super) fn enter_unnumbered(&mut self, named: bool, md: u8) -> u8 {
        let under = (md > 0)
            .then(|| {
                (0..self.md.len())
                    .rev()
                    .find(|&k| self.md[k] > 0 && self.md[k] < md)
            })
            .flatten();
        let level = if named {
            self.truncate(0);
            1
        } else {
            match (
                under,
                self.families
                    .iter()
                    .position(|(f, _)| *f == Family::Unnumbered),
            ) {
                (Some(k), _) => self.truncate(k + 1),
                (None, Some(pos)) => self.truncate(pos),
                (None, None) => self.truncate(0),
            }
            self.push(Family::Unnumbered, 0, md, false);
            self.families.len() as u8
        };
        self.opened(level, false);
        level
    }

    /// A subhead the author set bold, with no number, starts: it sits under the innermost
    /// open section, in place of a subhead right before it, and what is numbered after it
    /// nests under it until a number of an open family closes it.
    pub(super) fn enter_subhead(&mut self) -> u8 {
        if self
            .families
            .last()
            .is_some_and(|(f, _)| *f == Family::Unnumbered)
        {
            self.pop();
        }
        self.push(Family::Unnumbered, 0, 0, false);
        let level = self.families.len() as u8;
        self.opened(level, false);
        level
    }

    /// An unnumbered line inside a statute (a 章 or 节 title whose 第X章 was lost, the tail of a
    /// wrapped title) starts: it is a title in the outline but no parent, since the articles
    /// after it continue the document's one count and are no run of its own. It takes the
    /// level the next article will take, so that article closes it; the open families stay.
    /// `None` when no statute family is open.
    pub(super) fn enter_statute_title(&mut self) -> Option<u8> {
        if !self.families.iter().any(|(f, _)| f.is_statute()) {
            return None;
        }
        let above = self
            .families
            .iter()
            .take_while(|(f, _)| *f != Family::Article)
            .count();
        let level = above as u8 + 1;
        self.level = level;
        self.in_article = false;
        self.points.clear();
        self.after_point = false;
        self.seen_structure = true;
        Some(level)
    }

    fn opened(&mut self, level: u8, article: bool) {
        self.in_article = article;
        self.level = level;
        self.points.clear();
        self.after_point = false;
        self.seen_structure = true;
    }

    /// A point of `family` starts: a member of an open series takes its level, a new series
    /// right after a point nests under it, and any other series sits one below the section.
    pub(super) fn enter_point(&mut self, family: PointFamily) -> u8 {
        let level = if let Some(pos) = self.points.iter().position(|(f, _)| *f == family) {
            self.points.truncate(pos + 1);
            self.points[pos].1
        } else if let Some(&(_, last)) = self.points.last().filter(|_| self.after_point) {
            self.points.push((family, last + 1));
            last + 1
        } else {
            self.points.clear();
            self.points.push((family, self.level + 1));
            self.level + 1
        };
        self.seen_structure = true;
        self.after_point = true;
        level
    }

    /// A line that is neither heading nor point (a paragraph, a list item) comes between.
    pub(super) fn leave_point(&mut self) {
        self.after_point = false;
    }

    /// An attached document starts: its numbering starts again.
    pub(super) fn restart(&mut self) {
        *self = Hierarchy::default();
    }

    /// An appendix numbered `n` starts, after [`Hierarchy::restart`]: its 1.1 is a first part.
    pub(super) fn enter_appendix(&mut self, n: Option<u32>) {
        self.appendix = n;
    }

    /// Whether a weak marker is supported by the sequence around it: the next number of its
    /// open family, or 1 when the family is not open.
    pub(super) fn continues(&self, m: &MarkerToken) -> bool {
        match self.last_ordinal(m.family) {
            Some(o) => m.ordinal == o + 1,
            None => m.ordinal == 1,
        }
    }

    /// Whether a decimal marker (1.1, 1.1.1) is supported: it continues or restarts its open
    /// family, or it is the first of its kind under a heading numbered as its parent (1.1
    /// under 1).
    pub(super) fn continues_decimal(&self, m: &MarkerToken) -> bool {
        if let Some(o) = self.last_ordinal(m.family) {
            if m.ordinal == o + 1 || m.ordinal == 1 {
                return true;
            }
        }
        // 1.3.1 under an open 1.3
        let under_decimal = m.family == Family::Decimal3
            && m.parents.len() == 2
            && self.last_ordinal(Family::Decimal2) == m.parents.last().copied();
        m.ordinal == 1
            && (under_decimal
                || self.families.iter().any(|(f, o)| {
                    !matches!(f, Family::Decimal2 | Family::Decimal3)
                        && Some(o) == m.parents.first()
                })
                || (self.families.is_empty()
                    && self.appendix.is_some()
                    && m.parents.first() == self.appendix.as_ref()))
    }

    /// Whether an article numbered `ordinal` follows the last article.
    pub(super) fn next_article(&self, ordinal: u32) -> bool {
        ordinal == self.last_article + 1
    }

    /// The number of the last article (0 before the first).
    pub(super) fn last_article(&self) -> u32 {
        self.last_article
    }

    /// The last ordinal of `family` when it is open.
    pub(super) fn last_ordinal(&self, family: Family) -> Option<u32> {
        self.families
            .iter()
            .rev()
            .find(|(f, _)| *f == family)
            .map(|&(_, o)| o)
    }

    /// Whether `family` is open.
    pub(super) fn is_open(&self, family: Family) -> bool {
        self.families.iter().any(|(f, _)| *f == family)
    }

    /// Whether a point series of `family` is open in the current section.
    pub(super) fn series_open(&self, family: PointFamily) -> bool {
        self.points.iter().any(|(f, _)| *f == family)
    }

    /// Whether a numbered section is open.
    pub(super) fn in_section(&self) -> bool {
        self.families.iter().any(|(f, _)| *f != Family::Unnumbered)
    }

    /// Whether the innermost open section is an article.
    pub(super) fn in_article(&self) -> bool {
        self.in_article
    }

    /// Whether a heading or point has been entered since the start or the last restart.
    pub(super) fn seen_structure(&self) -> bool {
        self.seen_structure
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn families_open_in_document_order() {
        let mut h = Hierarchy::default();
        assert_eq!(h.enter_heading(Family::CnParen, 1), 1);
        assert_eq!(h.enter_heading(Family::ArabicDot, 1), 2);
        assert_eq!(h.enter_heading(Family::CnParen, 2), 1);
        assert!(!h.is_open(Family::ArabicDot));
        assert_eq!(h.last_ordinal(Family::CnParen), Some(2));
    }

    #[test]
    fn statute_levels_close_their_peers_and_below() {
        let mut h = Hierarchy::default();
        assert_eq!(h.enter_heading(Family::Chapter, 1), 1);
        assert_eq!(h.enter_heading(Family::Section, 1), 2);
        assert_eq!(h.enter_heading(Family::Article, 1), 3);
        assert!(h.in_article() && h.next_article(2));
        // a new chapter closes the section and the article
        assert_eq!(h.enter_heading(Family::Chapter, 2), 1);
        assert_eq!(h.enter_heading(Family::Article, 2), 2);
    }

    #[test]
    fn an_unnumbered_line_in_a_statute_is_no_parent() {
        let mut h = Hierarchy::default();
        assert_eq!(h.enter_statute_title(), None);
        h.enter_heading(Family::Chapter, 1);
        h.enter_heading(Family::Article, 1);
        assert_eq!(h.enter_statute_title(), Some(2));
        assert_eq!(h.enter_heading(Family::Article, 2), 2);
        assert_eq!(h.enter_heading(Family::Chapter, 2), 1);
    }

    #[test]
    fn points_nest_only_right_after_a_point() {
        let mut h = Hierarchy::default();
        h.enter_heading(Family::CnComma, 1);
        assert_eq!(h.enter_point(PointFamily::Shi), 2);
        assert_eq!(h.enter_point(PointFamily::Dash), 3);
        assert_eq!(h.enter_point(PointFamily::Shi), 2);
        h.leave_point();
        assert_eq!(h.enter_point(PointFamily::Di), 2);
        assert!(!h.series_open(PointFamily::Shi));
    }

    #[test]
    fn weak_markers_need_their_sequence() {
        let mut h = Hierarchy::default();
        let m = |family, ordinal| MarkerToken {
            family,
            ordinal,
            parents: vec![1],
            len: 0,
            punct: (0, 0),
            brackets: None,
            chinese: false,
            sub: None,
        };
        assert!(h.continues(&m(Family::CnComma, 1)));
        assert!(!h.continues(&m(Family::CnComma, 2)));
        // 1.1 needs a heading numbered 1 above it
        assert!(!h.continues_decimal(&m(Family::Decimal2, 1)));
        h.enter_heading(Family::CnComma, 1);
        assert!(h.continues(&m(Family::CnComma, 2)));
        assert!(h.continues_decimal(&m(Family::Decimal2, 1)));
        h.enter_heading(Family::Decimal2, 1);
        assert!(h.continues_decimal(&m(Family::Decimal2, 2)));
        assert!(!h.continues_decimal(&m(Family::Decimal2, 3)));
        h.restart();
        assert!(!h.seen_structure() && !h.is_open(Family::CnComma));
    }
}

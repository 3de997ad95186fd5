//! A document attached inside another, after a 附件 label or a 落款: its title, and its
//! numbering, which starts again.

use super::byline::looks_like_byline;
use super::title::{incomplete, title_candidate};
use super::{Builder, Expect, Role};
use crate::grammar::line::Class;

impl<'s, 'l> Builder<'s, 'l> {
    /// The title of an attached document, when one is expected here: up to four title lines,
    /// set as subtitle lines. Any line but a note or an elision ends the expectation.
    pub(super) fn attached_title(&mut self, i: usize, expect: &mut Expect) -> Option<usize> {
        if *expect != Expect::AttachedTitle {
            return None;
        }
        let l = &self.ls[i];
        if !title_candidate(l) || looks_like_byline(l.text()) {
            if !matches!(l.class, Class::Note | Class::Elision) {
                *expect = Expect::Anything;
            }
            return None;
        }
        let n = self.ls.len();
        let mut j = i;
        let mut k = 0;
        while j < n && k < 4 {
            if self.ls[j].is_blank() {
                j += 1;
                continue;
            }
            if !title_candidate(&self.ls[j])
                || (k > 0
                    && !incomplete(self.ls[j - 1].text())
                    && !incomplete(self.ls[self.prev_nonblank(j).unwrap_or(j)].text())
                    && looks_like_byline(self.ls[j].text()))
            {
                break;
            }
            self.role[j] = Role::Subtitle;
            j += 1;
            k += 1;
        }
        *expect = Expect::Anything;
        Some(self.emit_title_group(i, true))
    }

    /// Whether an attached document may follow the date line `i` of a 落款: a title candidate
    /// comes next (past notes and elisions) and no date follows it.
    pub(super) fn attached_after_closing(&self, i: usize) -> bool {
        if !self
            .prev_nonblank(i)
            .is_some_and(|p| self.role[p] == Role::Signature)
        {
            return false;
        }
        let n = self.ls.len();
        let mut j = i + 1;
        while j < n
            && (self.ls[j].is_blank() || matches!(self.ls[j].class, Class::Note | Class::Elision))
        {
            j += 1;
        }
        j < n
            && title_candidate(&self.ls[j])
            && self
                .next_nonblank(j)
                .is_some_and(|k| !matches!(self.ls[k].class, Class::Date(_)))
    }

    /// An attached document starts: its numbering starts again.
    pub(super) fn reset_structure(&mut self) {
        self.hier.restart();
    }
}

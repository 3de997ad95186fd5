//! The document's own elements in the body: 主送机关 and the 发文机关署名.

use super::{Builder, Role};
use crate::grammar::line::Class;
use crate::grammar::scan;

impl<'s, 'l> Builder<'s, 'l> {
    /// A 主送机关 is only looked for before the first heading of a (possibly attached) document.
    pub(super) fn addressee_here(&self, i: usize) -> bool {
        crate::grammar::element::addressee(self.ls[i].text())
            && (!self.hier.seen_structure()
                || self
                    .prev_nonblank(i)
                    .is_some_and(|p| self.role[p] == Role::Subtitle))
    }

    /// 发文机关署名: a short line right above a date, near a closing.
    pub(super) fn signatures(&self) -> Vec<usize> {
        let mut out = Vec::new();
        for i in self.body_start..self.ls.len() {
            let l = &self.ls[i];
            if self.role[i] != Role::Undecided || !matches!(l.class, Class::Text) {
                continue;
            }
            let t = l.text();
            if l.chars() > 30 || scan::contains(t, |c| matches!(c, '。' | '，' | '：' | ':' | '；'))
            {
                continue;
            }
            if self
                .next_nonblank(i)
                .is_some_and(|j| matches!(self.ls[j].class, Class::Date(_)))
            {
                out.push(i);
            }
        }
        out
    }
}

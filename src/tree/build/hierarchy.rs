//! The open marker families and what the sequence so far supports.

use super::Builder;
use crate::grammar::marker::{Family, MarkerToken};

impl<'s, 'l> Builder<'s, 'l> {
    /// Whether a weak marker is supported by the sequence around it.
    pub(super) fn sequence_supports(&self, m: &MarkerToken) -> bool {
        let last_same = self
            .stack
            .iter()
            .rev()
            .find(|(f, _)| *f == m.family)
            .map(|x| x.1);
        match last_same {
            Some(o) => m.ordinal == o + 1,
            None => m.ordinal == 1,
        }
    }

    pub(super) fn decimal_supported(&self, m: &MarkerToken) -> bool {
        if let Some((_, o)) = self.stack.iter().rev().find(|(f, _)| *f == m.family) {
            if m.ordinal == o + 1 || m.ordinal == 1 {
                return true;
            }
        }
        // first of its kind: 1.1 under a heading numbered 1
        m.ordinal == 1
            && self.stack.iter().any(|(f, o)| {
                !matches!(f, Family::Decimal2 | Family::Decimal3) && Some(o) == m.parents.first()
            })
    }

    /// Level for a heading of `family`, updating the family stack.
    pub(super) fn level_for(&mut self, family: Family, ordinal: u32) -> u8 {
        if let Some(pos) = self.stack.iter().position(|(f, _)| *f == family) {
            self.stack.truncate(pos);
        } else if family.is_statute() {
            while self
                .stack
                .last()
                .is_some_and(|(f, _)| f.is_statute() && f.gbt_rank() >= family.gbt_rank())
            {
                self.stack.pop();
            }
        } else if matches!(family, Family::Decimal3) {
            // 1.1.1 under 1.1
        }
        self.stack.push((family, ordinal));
        self.stack.len() as u8
    }
}

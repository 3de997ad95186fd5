//! A document attached inside another: its numbering starts again.

use super::Builder;

impl<'s, 'l> Builder<'s, 'l> {
    pub(super) fn reset_structure(&mut self) {
        self.stack.clear();
        self.points.clear();
        self.cur_level = 0;
        self.in_article = false;
        self.last_article = 0;
        self.last_was_point = false;
        self.seen_structure = false;
    }
}

//! A document attached inside another: its numbering starts again.

use super::Builder;

impl<'s, 'l> Builder<'s, 'l> {
    pub(super) fn reset_structure(&mut self) {
        self.hier.restart();
    }
}

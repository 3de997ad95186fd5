//! The chrome a reader marked: an HTML page's navigation, header, footer and sidebars, as
//! byte ranges of the text ([`crate::Source::chrome_spans`]).

use super::{Builder, Role};
use crate::tree::ChromeKind;
use crate::Span;

impl Builder<'_, '_> {
    /// Every non-blank line that lies inside one of `spans` (sorted, not overlapping) is
    /// chrome: a navigation item.
    pub(super) fn site_chrome(&mut self, spans: &[Span]) {
        let mut k = 0;
        for (i, l) in self.ls.iter().enumerate() {
            while k < spans.len() && spans[k].end <= l.span.start {
                k += 1;
            }
            let Some(s) = spans.get(k) else {
                break;
            };
            if s.start <= l.span.start && l.span.end <= s.end && self.role[i] == Role::Undecided {
                self.role[i] = Role::Chrome(ChromeKind::NavItem);
            }
        }
    }
}

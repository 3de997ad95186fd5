//! Chrome at the top of a scraped page: navigation blocks, the category, catalogue and
//! statistics lines, before the document starts.

use super::{Builder, Item, Role};
use crate::grammar::chrome;
use crate::grammar::line::Class;
use crate::source::chars::is_ws;
use crate::tree::ChromeKind;
use crate::tree::{Block, Chrome, Text};
use crate::Span;

impl<'s, 'l> Builder<'s, 'l> {
    /// Navigation blocks, category, catalogue and statistics lines at the top of a page.
    pub(super) fn leading_chrome(&mut self) {
        let n = self.ls.len();
        let mut i = 0;
        while i < n {
            let l = &self.ls[i];
            match self.role[i] {
                Role::Blank | Role::Chrome(_) => {
                    if let Class::Chrome(ChromeKind::Stats) = l.class {
                        if let Some((a, c, p)) = chrome::stats(l.text()) {
                            self.meta.source.author = a.map(str::to_string);
                            self.meta.source.declared_chars = c;
                            self.meta.source.declared_pages = p;
                        }
                    }
                    i += 1;
                    continue;
                }
                _ => {}
            }
            if !matches!(l.class, Class::Text) {
                break;
            }
            let t = l.text();
            let next = self.next_nonblank(i);
            let next_is = |k: ChromeKind| {
                next.is_some_and(|j| matches!(self.ls[j].class, Class::Chrome(x) if x == k))
            };
            if chrome::nav_heading(t)
                || (l.chars() <= 10 && next_is(ChromeKind::NavItem))
                || (i < 3
                    && chrome::site_name(t)
                    && next.is_some_and(|j| matches!(self.ls[j].class, Class::Chrome(_))))
            {
                self.role[i] = Role::Chrome(ChromeKind::NavHeading);
            } else if let Some((code, title)) =
                chrome::catalogue(t).filter(|_| next_is(ChromeKind::Stats) || i > 0)
            {
                self.role[i] = Role::Chrome(ChromeKind::Catalogue);
                self.meta.source.catalogue_code = Some(code.to_string());
                self.meta.source.listing_title = Some(title.to_string());
                if let Some(p) = self.prev_nonblank(i) {
                    if matches!(self.ls[p].class, Class::Text)
                        && self.ls[p].chars() <= 12
                        && self.role[p] == Role::Undecided
                    {
                        self.role[p] = Role::Chrome(ChromeKind::Category);
                        self.meta.source.category = Some(self.ls[p].text().to_string());
                    }
                }
            } else if l.chars() <= 12
                && next.is_some_and(|j| {
                    matches!(self.ls[j].class, Class::Text)
                        && chrome::catalogue(self.ls[j].text()).is_some()
                })
                && i > 0
            {
                // a category line: decided when its catalogue line is reached
                i += 1;
                continue;
            } else {
                break;
            }
            i += 1;
        }
        self.body_start = i;
    }

    /// A blank line of the body: nothing, or the markup it holds as chrome.
    pub(super) fn blank_line(&mut self, i: usize) {
        let l = &self.ls[i];
        if !l.span.is_empty() && !l.text().is_empty()
            || (!l.span.is_empty() && !self.src[l.span.range()].chars().all(is_ws))
        {
            self.items.push(Item::Leaf(Block::Chrome(Chrome {
                kind: ChromeKind::Markup,
                text: self.text_of(l),
                span: l.span,
            })));
        }
    }

    /// A chrome line of the body; the first paywall notice is kept in the metadata.
    pub(super) fn chrome_line(&mut self, i: usize, k: ChromeKind) {
        let l = &self.ls[i];
        // body text before a paywall notice on its line is a paragraph, not the notice's
        let at = match k {
            ChromeKind::Paywall => chrome::paywall_start(l.text()).unwrap_or(0),
            _ => 0,
        };
        let body_end = l.start + l.text()[..at].trim_end_matches(is_ws).len();
        if body_end > l.start {
            if let Some(p) = self.paragraph_of(l, l.start, body_end) {
                self.items.push(Item::Leaf(Block::Paragraph(p)));
            }
        }
        let from = l.start + at;
        let text = Text {
            text: l.vis.text[from..l.end].to_string(),
            span: l.src(from, l.end),
        };
        if k == ChromeKind::Paywall && self.meta.source.paywall.is_none() {
            self.meta.source.paywall = Some(text.text.clone());
        }
        let span = if at == 0 {
            l.span
        } else {
            Span::new(text.span.start, l.span.end)
        };
        self.items.push(Item::Leaf(Block::Chrome(Chrome {
            kind: k,
            text,
            span,
        })));
    }
}

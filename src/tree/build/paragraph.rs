//! Body paragraphs and the elisions inside them.

use super::heading::RunOnScan;
use super::{Builder, Item};
use crate::grammar::elision;
use crate::grammar::line::Line;
use crate::source::chars::is_ws;
use crate::tree::ChromeKind;
use crate::tree::*;
use crate::Span;

/// The elisions of the visible text `from..to` of a line, as [`elision::find`] would find
/// them there, offsets relative to `from`. The scan runs left to right, stepping over whole
/// characters and whole hits, and looks only forward: when `to` is the end of the trimmed text
/// and no hit of the whole line straddles `from`, the scan from `from` sees what the scan of
/// the whole line sees from there on, so the line's hits are reused; otherwise it scans.
pub(super) fn elisions_in<'h>(
    l: &'h Line,
    from: usize,
    to: usize,
) -> std::borrow::Cow<'h, [elision::ElisionHit]> {
    use std::borrow::Cow;
    if to == l.end && from >= l.start && from <= l.end {
        let off = from - l.start;
        if !l.elisions.iter().any(|h| h.start < off && off < h.end) {
            let k = l.elisions.partition_point(|h| h.start < off);
            let tail = &l.elisions[k..];
            if off == 0 {
                return Cow::Borrowed(tail);
            }
            return Cow::Owned(
                tail.iter()
                    .map(|h| elision::ElisionHit {
                        start: h.start - off,
                        end: h.end - off,
                        ..h.clone()
                    })
                    .collect(),
            );
        }
    }
    Cow::Owned(elision::find(&l.vis.text[from..to]))
}

impl<'s, 'l> Builder<'s, 'l> {
    pub(super) fn elision_of(&self, l: &Line, base: usize, h: &elision::ElisionHit) -> Elision {
        Elision {
            kind: h.kind,
            text: l.vis.text[base + h.start..base + h.end].to_string(),
            span: l.src(base + h.start, base + h.end),
            omitted_chars: h.omitted_chars,
            total_chars: h.total_chars,
        }
    }

    pub(super) fn paragraph_of(&self, l: &Line, from: usize, to: usize) -> Option<Paragraph> {
        let t = &l.vis.text[from..to];
        let s = t
            .char_indices()
            .find(|&(_, c)| !is_ws(c))
            .map(|(k, _)| from + k)?;
        let text = l.vis.text[s..to].to_string();
        let elisions = elisions_in(l, s, to)
            .iter()
            .map(|h| self.elision_of(l, s, h))
            .collect();
        Some(Paragraph {
            text,
            span: l.src(s, to),
            elisions,
        })
    }

    pub(super) fn paragraph(&mut self, i: usize) {
        let l = &self.ls[i];
        // a heading run into the paragraph after a lost line break: the text before it is the
        // paragraph (not in the front matter, and not inside an article, whose items are text)
        if i >= self.body_start && !self.hier.in_article() {
            if let Some(m) = self.figure_item(i) {
                self.emit_heading(i, l.start, l.end, m);
                return;
            }
        }
        self.paragraph_from(i, l.start);
    }

    /// The paragraph of line `i` from visible offset `from` (its start, or where a title run
    /// into it ends), and the headings run into it after a lost line break.
    pub(super) fn paragraph_from(&mut self, i: usize, from: usize) {
        let l = &self.ls[i];
        let start = if from == l.start {
            l.span.start
        } else {
            l.vis.src_start(from)
        };
        if i >= self.body_start && !self.hier.in_article() {
            let mut scan = RunOnScan::new(l);
            if let Some((at, m)) = self.find_run_on(i, from, l.end, None, &mut scan) {
                if let Some(mut p) = self.paragraph_of(l, from, at) {
                    p.text.truncate(p.text.trim_end_matches(is_ws).len());
                    p.span = Span::new(start, l.vis.src_start(at));
                    self.items.push(Item::Leaf(Block::Paragraph(p)));
                }
                self.hier.leave_point();
                self.emit_headings(i, at, l.end, m, scan);
                return;
            }
        }
        if let Some(mut p) = self.paragraph_of(l, from, l.end) {
            p.span = Span::new(start, l.span.end);
            self.items.push(Item::Leaf(Block::Paragraph(p)));
        } else if start < l.span.end {
            self.items.push(Item::Leaf(Block::Chrome(Chrome {
                kind: ChromeKind::Markup,
                text: self.text_of(l),
                span: Span::new(start, l.span.end),
            })));
        }
        self.hier.leave_point();
    }

    /// A line of nothing but elisions: one block each.
    pub(super) fn elision_line(&mut self, i: usize) {
        let l = &self.ls[i];
        for h in &l.elisions {
            let e = self.elision_of(l, l.start, h);
            self.items.push(Item::Leaf(Block::Elision(e)));
        }
    }
}

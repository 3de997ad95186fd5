//! Points: 一是 / 第一， / 首先， / —— series inside a section, and their levels.

use super::paragraph::elisions_in;
use super::{Builder, Item};
use crate::grammar::line::Class;
use crate::grammar::point::PointToken;
use crate::grammar::scan;
use crate::source::chars::ends_sentence;
use crate::source::chars::is_ws;
use crate::tree::PointFamily;
use crate::tree::*;

/// Where a point's title ends: the first 。 or ；, or an elision.
/// `el` is where the first elision in `body` starts.
pub(super) fn point_title_cut(body: &str, el: Option<usize>) -> (usize, usize) {
    let el = el.unwrap_or(body.len());
    let k = scan::find(body, ends_sentence).map_or(body.len(), |(k, _)| k);
    if el < k {
        (el, 0)
    } else {
        (k, 0)
    }
}

impl<'s, 'l> Builder<'s, 'l> {
    pub(super) fn point_accepted(&self, i: usize, p: &PointToken) -> bool {
        let l = &self.ls[i];
        if l.text().len() <= p.len {
            return false;
        }
        match p.family {
            PointFamily::Sequence | PointFamily::Qi => {
                // 首先 is a point only in a series: look for its next member before the next heading
                if p.ordinal != 1 {
                    return self.hier.series_open(p.family);
                }
                for j in (i + 1..self.ls.len()).take(300) {
                    match &self.ls[j].class {
                        Class::Marker(_) => return false,
                        Class::Point(q) if q.family == p.family && q.ordinal == 2 => return true,
                        _ => {}
                    }
                }
                false
            }
            _ => true,
        }
    }

    pub(super) fn emit_point(&mut self, i: usize, p: &PointToken) {
        let l = &self.ls[i];
        let level = self.hier.enter_point(p.family);
        let mk_end = l.start + p.len;
        let marker = Text {
            text: l.vis.text[l.start..mk_end].to_string(),
            span: l.src(l.start, mk_end),
        };
        let title_start = l.vis.text[mk_end..l.end]
            .char_indices()
            .find(|&(_, c)| !is_ws(c))
            .map(|(k, _)| mk_end + k)
            .unwrap_or(l.end);
        let body = &l.vis.text[title_start..l.end];
        let el = elisions_in(l, title_start, l.end);
        let (cut, _) = point_title_cut(body, el.first().map(|h| h.start));
        let title = Text {
            text: body[..cut].trim_matches(is_ws).to_string(),
            span: l.src(title_start, title_start + cut),
        };
        let body_p = self.paragraph_of(l, title_start + cut, l.end);
        self.items.push(Item::Point(Box::new(Point {
            level,
            family: p.family,
            ordinal: p.ordinal,
            marker,
            punct_span: l.src(l.start + p.punct.0, l.start + p.punct.1),
            title,
            body: body_p,
            span: l.span,
            children: vec![],
        })));
    }

    /// A line that starts with a point marker: a point, unless it sits inside an article or
    /// its series does not hold.
    pub(super) fn point_line(&mut self, i: usize, p: &PointToken) {
        if !self.hier.in_article() && self.point_accepted(i, p) {
            self.emit_point(i, p);
        } else {
            self.paragraph(i);
        }
    }
}

//! Statute articles (第一条) and their own bracketed titles.

use super::Builder;
use crate::grammar::line::Line;
use crate::tree::*;
use crate::Span;

impl<'s, 'l> Builder<'s, 'l> {
    pub(super) fn article(
        &self,
        l: &Line,
        _i: usize,
        title_start: usize,
        to: usize,
        marker: Marker,
        level: u8,
    ) -> Section {
        // an article's own bracketed title: 第一条【目的】 or 第一条（目的）
        let body = &l.vis.text[title_start..to];
        let mut title = Text {
            text: String::new(),
            span: Span::new(l.vis.src_start(title_start), l.vis.src_start(title_start)),
        };
        let mut body_from = title_start;
        for (open, close) in [('【', '】'), ('〔', '〕')] {
            if body.starts_with(open) {
                if let Some(e) = body.find(close) {
                    let inner = &body[open.len_utf8()..e];
                    title = Text {
                        text: inner.to_string(),
                        span: l.src(title_start + open.len_utf8(), title_start + e),
                    };
                    body_from = title_start + e + close.len_utf8();
                }
            }
        }
        let run_in = self.paragraph_of(l, body_from, to);
        Section {
            level,
            marker: Some(marker),
            title,
            kind: HeadingKind::Article,
            title_end: None,
            run_in,
            span: l.span,
            elided: false,
            depth: l.md_depth(),
            children: vec![],
        }
    }
}

//! Numbered headings: whether a marked line is a heading, its section, and headings glued
//! onto the line before them.

use super::paragraph::elisions_in;
use super::run_in::title_cut;
use super::{Builder, Item};
use crate::grammar::line::{Class, Line};
use crate::grammar::marker::{self, MarkerToken};
use crate::grammar::scan;
use crate::source::chars::ends_sentence;
use crate::source::chars::is_ws;
use crate::tree::Family;
use crate::tree::*;
use crate::Span;

impl<'s, 'l> Builder<'s, 'l> {
    pub(super) fn marker_of(&self, l: &Line, m: &MarkerToken, at: usize) -> Marker {
        let raw = l.vis.text[at..at + m.len].to_string();
        Marker {
            raw,
            family: m.family,
            ordinal: m.ordinal,
            parents: m.parents.clone(),
            punct: l.vis.text[at + m.punct.0..at + m.punct.1].to_string(),
            punct_span: l.src(at + m.punct.0, at + m.punct.1),
            brackets: m.brackets,
            chinese: m.chinese,
            sub: m.sub,
            span: l.src(at, at + m.len),
        }
    }

    pub(super) fn try_heading(&mut self, i: usize, m: MarkerToken) -> bool {
        let l = &self.ls[i];
        let rest = &l.vis.text[l.start + m.len..l.end];
        // statute markers need a separator, or the sequence behind them
        if m.family == Family::Article {
            let follows = match m.sub {
                Some(_) => self.hier.last_article() == m.ordinal,
                None => self.hier.next_article(m.ordinal),
            };
            if !marker::statute_separated(rest) && !follows {
                return false;
            }
        } else if m.family.is_statute() {
            // 第八部分和结束语构成… is prose; a chapter needs a separator or its sequence
            if !marker::statute_separated(rest) && !self.hier.continues(&m) {
                return false;
            }
        } else if self.hier.in_article() && l.vis.md_heading == 0 {
            // items inside an article are its text; a Markdown heading line is a heading
            // (`## 二、民事公益诉讼` ends the article before it)
            return false;
        }
        // weak forms: a bare numeral, a comma or colon after 一, decimals
        let punct = &l.vis.text[l.start + m.punct.0..l.start + m.punct.1];
        let weak_cn = m.family == Family::CnComma
            && !matches!(punct, "、" | "." | "．")
            && l.vis.md_heading == 0;
        let weak_arabic = m.family == Family::ArabicDot && matches!(punct, "，" | "," | "•");
        if (weak_cn || weak_arabic) && !self.hier.continues(&m) {
            return false;
        }
        if m.family == Family::Decimal2 && !self.hier.continues_decimal(&m) {
            // 14.3部文艺精品 after 13. and before 15. is item 14 whose text starts with a figure
            if let Some(item) = self.item_before_figure(i, &m) {
                self.emit_heading(i, l.start, l.end, item);
                return true;
            }
        }
        if matches!(m.family, Family::Decimal2 | Family::Decimal3)
            && !self.hier.continues_decimal(&m)
        {
            return false;
        }
        // an arabic dot marker followed by a unit or a digit is a quantity, not a heading
        if m.family == Family::ArabicDot
            && rest.starts_with(|c: char| c.is_ascii_digit() || c == '%')
        {
            return false;
        }
        self.emit_heading(i, l.start, l.end, m);
        true
    }

    /// A decimal-looking marker `N.D…` on line `i` that the sequence reads as item `N.` of an
    /// arabic list whose text starts with a figure (`14.3部文艺精品荣获…`, `5.10个村`): the open
    /// list's last item is N-1, a later line of the list is N+1, and the figure goes on into a
    /// word, not a number of its own. The item's token, when it is one.
    fn item_before_figure(&self, i: usize, m: &MarkerToken) -> Option<MarkerToken> {
        let [n] = m.parents[..] else {
            return None;
        };
        if n < 2 || self.hier.last_ordinal(Family::ArabicDot) != Some(n - 1) {
            return None;
        }
        let l = &self.ls[i];
        let t = &l.vis.text[l.start..l.end];
        let (r, _) = crate::grammar::numeral::arabic(t).ok()?;
        let dot = r.chars().next().filter(|c| matches!(c, '.' | '．'))?;
        let num_len = t.len() - r.len();
        let after = &r[dot.len_utf8()..];
        let figure_end = after
            .find(|c: char| !(c.is_ascii_digit() || ('０'..='９').contains(&c)))
            .unwrap_or(after.len());
        if !after[figure_end..].starts_with(crate::source::chars::is_han) {
            return None;
        }
        // the next item of the list, within the lines that follow
        let next = (i + 1..self.ls.len().min(i + 400))
            .filter_map(|j| match &self.ls[j].class {
                Class::Marker(k) => Some(k),
                _ => None,
            })
            .find_map(|k| match k.family {
                Family::ArabicDot => Some(k.ordinal),
                Family::Decimal2 => k.parents.first().copied(),
                _ => None,
            });
        (next == Some(n + 1)).then(|| MarkerToken {
            family: Family::ArabicDot,
            ordinal: n,
            parents: vec![],
            len: num_len + dot.len_utf8(),
            punct: (num_len, num_len + dot.len_utf8()),
            brackets: None,
            chinese: false,
            sub: None,
        })
    }

    /// Emit the heading of `m` at visible offset `from` of line `i`, and every heading glued
    /// on after it up to `to`: "一、背景分析1.1政策驱动…" gives two. A loop, not recursion: a
    /// line may hold thousands.
    pub(super) fn emit_heading(&mut self, i: usize, from: usize, to: usize, m: MarkerToken) {
        let l = &self.ls[i];
        let mut ends = SentenceEnds::new(&l.vis.text, to);
        let mut next = Some((from, m));
        while let Some((from, m)) = next {
            next = self.emit_one_heading(i, from, to, m, &mut ends);
        }
    }

    /// Emit one heading; give the heading glued on after it, when there is one.
    fn emit_one_heading(
        &mut self,
        i: usize,
        from: usize,
        to: usize,
        m: MarkerToken,
        ends: &mut SentenceEnds,
    ) -> Option<(usize, MarkerToken)> {
        let l = &self.ls[i];
        let marker = self.marker_of(l, &m, from);
        let level = self
            .hier
            .enter_heading_md(m.family, m.ordinal, l.vis.md_heading);
        let after = from + m.len;
        // skip the separator
        let title_start = l.vis.text[after..to]
            .char_indices()
            .find(|&(_, c)| !is_ws(c))
            .map(|(k, _)| after + k)
            .unwrap_or(to);
        let (mut section, glued) = if m.family == Family::Article {
            (self.article(l, i, title_start, to, marker, level), None)
        } else {
            let glued = self.find_glued_in_heading(l, title_start, to, ends);
            let end = glued.as_ref().map(|(k, _)| title_start + k).unwrap_or(to);
            (
                self.heading_section(l, i, title_start, end, marker, level, m.family),
                glued,
            )
        };
        section.span = Span::new(
            l.src(from, from).start.min(if from == l.start {
                l.span.start
            } else {
                usize::MAX
            }),
            l.span.end,
        );
        if from == l.start {
            section.span.start = l.span.start;
        }
        if let Some((k, _)) = glued {
            section.span.end = l.vis.src_start(title_start + k);
        }
        self.items.push(Item::Head(Box::new(section)));
        glued.map(|(k, gm)| (title_start + k, gm))
    }

    pub(super) fn glued_heading(&mut self, i: usize, rest_at: usize) {
        let l = &self.ls[i];
        if let Ok((_, m)) = marker::marker(&l.vis.text[rest_at..l.end]) {
            self.emit_heading(i, rest_at, l.end, m);
        }
    }

    /// A heading run together with the next: "8.3社会效益显著一、背景分析1.1政策驱动…". The
    /// heading's text is `title_start..to` of line `l`; the offset returned is relative to
    /// `title_start`.
    fn find_glued_in_heading(
        &self,
        l: &Line,
        title_start: usize,
        to: usize,
        ends: &mut SentenceEnds,
    ) -> Option<(usize, MarkerToken)> {
        let body = &l.vis.text[title_start..to];
        let head = &body[..ends.first_from(title_start) - title_start];
        // both kinds taken need 、 or a dot: most headings hold neither
        if !scan::contains(head, |c| matches!(c, '、' | '.' | '．')) {
            return None;
        }
        let cn_next = self.hier.last_ordinal(Family::CnComma).map(|o| o + 1);
        marker::find_glued(head, |k, m| {
            let cn = m.family == Family::CnComma
                && &head[k + m.punct.0..k + m.punct.1] == "、"
                && (m.ordinal == 1 || Some(m.ordinal) == cn_next);
            let dec = m.family == Family::Decimal2 && m.ordinal == 1;
            cn || dec
        })
        .filter(|(k, m)| {
            let after = &head[*k + m.len..];
            // 1.1万人 is a quantity
            let quantity = m.family == Family::Decimal2
                && after.starts_with(['万', '亿', '%', '％', '倍', '个', '元']);
            !quantity
                && !after.starts_with(|c: char| {
                    crate::grammar::numeral::cn_digit(c).is_some() || c.is_ascii_digit()
                })
        })
    }

    #[allow(clippy::too_many_arguments)]
    pub(super) fn heading_section(
        &self,
        l: &Line,
        i: usize,
        title_start: usize,
        to: usize,
        marker: Marker,
        level: u8,
        family: Family,
    ) -> Section {
        let glued_next = to < l.end;
        let body = &l.vis.text[title_start..to];
        let el = elisions_in(l, title_start, to);
        let (cut, term_len) = title_cut(body, el.first().map(|h| h.start));
        let title_end_vis = title_start + cut;
        let title_text = l.vis.text[title_start..title_end_vis]
            .trim_matches(is_ws)
            .to_string();
        let title = Text {
            text: title_text,
            span: l.src(title_start, title_end_vis),
        };
        let title_end = (term_len > 0).then(|| Text {
            text: l.vis.text[title_end_vis..title_end_vis + term_len].to_string(),
            span: l.src(title_end_vis, title_end_vis + term_len),
        });
        let after = title_end_vis + term_len;
        let rest = l.vis.text[after..to].trim_matches(is_ws);
        let rest_is_elision = !rest.is_empty() && {
            let rest_at = after + l.vis.text[after..to].len()
                - l.vis.text[after..to].trim_start_matches(is_ws).len();
            let hs = elisions_in(l, rest_at, rest_at + rest.len());
            let covered: usize = hs.iter().map(|h| h.end - h.start).sum();
            covered == rest.len()
        };
        let long_sentence = title.text.chars().nth(30).is_some();
        let kind = if glued_next {
            HeadingKind::Standalone
        } else if rest.is_empty() || rest_is_elision {
            let sentence = term_len > 0
                && title_end
                    .as_ref()
                    .is_some_and(|t| t.text != "：" && t.text != ":")
                && (long_sentence || self.sentence_heading_is_runin(i, family));
            if sentence || (term_len == 0 && l.chars() > 60) {
                HeadingKind::RunIn
            } else {
                HeadingKind::Standalone
            }
        } else {
            HeadingKind::RunIn
        };
        let run_in = self.paragraph_of(l, after, to);
        Section {
            level,
            marker: Some(marker),
            title,
            kind,
            title_end,
            run_in,
            span: l.span,
            elided: false,
            children: vec![],
        }
    }
}

/// The first sentence end at or after a place in a line, up to `to`. The glued-heading chain
/// asks from places further and further on, so one search serves every heading until the
/// sentence end it found is passed, and a line costs one scan however many headings it holds.
struct SentenceEnds<'a> {
    text: &'a str,
    to: usize,
    /// No sentence end lies in `from..at`, and `at` is one, or `to`.
    from: usize,
    at: usize,
}

impl<'a> SentenceEnds<'a> {
    fn new(text: &'a str, to: usize) -> Self {
        SentenceEnds {
            text,
            to,
            from: usize::MAX,
            at: 0,
        }
    }

    /// The visible offset of the first sentence end in `s..to`, or `to`.
    fn first_from(&mut self, s: usize) -> usize {
        if s < self.from || s > self.at {
            self.from = s;
            self.at =
                scan::find(&self.text[s..self.to], ends_sentence).map_or(self.to, |(k, _)| s + k);
        }
        self.at
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sentence_ends_agree_with_a_fresh_search() {
        let text = "一、甲。乙；丙一、丁戊！";
        let to = text.len();
        let mut ends = SentenceEnds::new(text, to);
        for (s, _) in text.char_indices() {
            let want = scan::find(&text[s..to], ends_sentence).map_or(to, |(k, _)| s + k);
            assert_eq!(ends.first_from(s), want, "from {s}");
        }
    }

    #[test]
    fn a_long_glued_chain_is_one_heading_each() {
        let src = "一、甲".repeat(20_000);
        let doc = crate::tree::build::parse(&src, &Default::default());
        assert_eq!(doc.sections().len(), 20_000);
    }
}

//! Numbered headings: whether a marked line is a heading, its section, and headings glued
//! onto the line before them.

use super::paragraph::elisions_in;
use super::run_in::title_cut;
use super::{Builder, Item};
use crate::grammar::line::{Class, Line};
use crate::grammar::marker::{self, MarkerToken};
use crate::grammar::scan;
use crate::source::chars::{ends_sentence, is_ws, COLONS};
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
            generated: self.is_generated(l.src(at, at + m.len).start),
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
        // 二、三产业比重提高 at the start of a line, when the next 一、-style heading is 二、
        // again: a pair of numerals in the text, not a heading
        if m.family == Family::CnComma
            && rest.starts_with(|c: char| crate::grammar::numeral::cn_digit(c).is_some())
            && self.next_ordinal(i, Family::CnComma) == Some(m.ordinal)
        {
            return false;
        }
        if m.family == Family::Decimal2 && !self.hier.continues_decimal(&m) {
            // 14.3部文艺精品 after 13. and before 15. is item 14 whose text starts with a figure
            if let Some(item) = self.item_before_figure(i, &m) {
                self.emit_heading(i, l.start, l.end, item);
                return true;
            }
        }
        // a decimal numbered as the one before it (5.2、 twice) is a heading when it reads
        // like one, so that the check can say the number repeats
        let repeated = self.hier.last_ordinal(m.family) == Some(m.ordinal)
            && l.chars() <= 30
            && !super::has_sentence_end(l.text());
        if matches!(m.family, Family::Decimal2 | Family::Decimal3)
            && !self.hier.continues_decimal(&m)
            && !repeated
        {
            return false;
        }
        // an arabic dot marker followed by a unit or a digit is a quantity, not a heading,
        // unless the sequence reads it as an item whose text starts with a figure
        // (`1、18个对口援建省市` with 2、 next)
        if m.family == Family::ArabicDot
            && rest.starts_with(|c: char| c.is_ascii_digit() || c == '%')
            && !self.item_starts_with_figure(i, &m, rest)
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
        if !self.arabic_item_wanted(n) {
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
        if !counted_word(&after[figure_end..]) {
            return None;
        }
        // the next item of the list, within the lines that follow
        let next = self.next_ordinal(i, Family::ArabicDot);
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

    /// A line `i` the marker grammar leaves as text because a figure follows its 、
    /// (`1、18个对口援建省市：…`, which could be a list of numbers), read as item N of an
    /// arabic list whose text starts with the figure, when the sequence wants it there and its
    /// next item follows. The item's token, when it is one.
    pub(super) fn figure_item(&self, i: usize) -> Option<MarkerToken> {
        let l = &self.ls[i];
        let t = l.text();
        if !t.starts_with(|c: char| c.is_ascii_digit()) {
            return None;
        }
        let (r, n) = crate::grammar::numeral::arabic(t).ok()?;
        let rest = r.strip_prefix('、')?;
        let num_len = t.len() - r.len();
        let m = MarkerToken {
            family: Family::ArabicDot,
            ordinal: n,
            parents: vec![],
            len: num_len + '、'.len_utf8(),
            punct: (num_len, num_len + '、'.len_utf8()),
            brackets: None,
            chinese: false,
            sub: None,
        };
        // 1、2月份 names months
        let figure_end = rest
            .find(|c: char| !(c.is_ascii_digit() || ('０'..='９').contains(&c)))
            .unwrap_or(rest.len());
        (n <= 999
            && !rest[figure_end..].starts_with('月')
            && rest.starts_with(|c: char| c.is_ascii_digit())
            && self.item_starts_with_figure(i, &m, rest))
        .then_some(m)
    }

    /// Whether the sequence wants arabic item `n` here: the open list's last item is n-1, or
    /// `n` is 1 and no list is open.
    fn arabic_item_wanted(&self, n: u32) -> bool {
        match self.hier.last_ordinal(Family::ArabicDot) {
            Some(o) => n == o + 1,
            None => n == 1,
        }
    }

    /// An arabic marker `m` on line `i` whose text `rest` starts with a figure that goes on
    /// into a word (`1、18个对口援建省市`, `3.5家企业…`): an item when the sequence wants it and
    /// the next item of the list follows.
    fn item_starts_with_figure(&self, i: usize, m: &MarkerToken, rest: &str) -> bool {
        let figure_end = rest
            .find(|c: char| !(c.is_ascii_digit() || ('０'..='９').contains(&c)))
            .unwrap_or(rest.len());
        // the first item needs the next one after it; a later one has the list behind it
        counted_word(&rest[figure_end..])
            && self.arabic_item_wanted(m.ordinal)
            && (m.ordinal > 1 || self.next_ordinal(i, Family::ArabicDot) == Some(m.ordinal + 1))
    }

    /// Emit the heading of `m` at visible offset `from` of line `i`, and every heading glued
    /// on after it up to `to`: "一、背景分析1.1政策驱动…" gives two. A loop, not recursion: a
    /// line may hold thousands.
    pub(super) fn emit_heading(&mut self, i: usize, from: usize, to: usize, m: MarkerToken) {
        let run_on = RunOnScan::new(&self.ls[i]);
        self.emit_headings(i, from, to, m, run_on);
    }

    /// [`Builder::emit_heading`], with what the search for run-on headings has already seen
    /// of the line.
    pub(super) fn emit_headings(
        &mut self,
        i: usize,
        from: usize,
        to: usize,
        m: MarkerToken,
        mut run_on: RunOnScan,
    ) {
        let l = &self.ls[i];
        let mut ends = SentenceEnds::new(&l.vis.text, to);
        let mut next = Some((from, m));
        while let Some((from, m)) = next {
            next = self.emit_one_heading(i, from, to, m, &mut ends, &mut run_on);
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
        scan: &mut RunOnScan,
    ) -> Option<(usize, MarkerToken)> {
        let l = &self.ls[i];
        let marker = self.marker_of(l, &m, from);
        let level = self.hier.enter_heading_md(
            m.family,
            m.ordinal,
            l.vis.md_heading,
            m.closed_by_bracket(&l.vis.text[from..]),
        );
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
            // a heading glued to its title, else one run into its text after a sentence end
            let (glued, run_on) =
                match self.find_glued_in_heading(i, m.family, title_start, to, ends) {
                    Some((k, gm)) => (Some((title_start + k, gm)), false),
                    None => {
                        let bold = self.bold_close(l, from, to);
                        (self.find_run_on(i, title_start, to, bold, scan), true)
                    }
                };
            let end = glued.as_ref().map(|(k, _)| *k).unwrap_or(to);
            let split = match &glued {
                None => Split::None,
                Some((_, gm)) if run_on => Split::RunOn {
                    sibling: gm.family == m.family || self.hier.is_open(gm.family),
                },
                Some(_) => Split::Glued,
            };
            (
                self.heading_section(l, i, title_start, end, marker, level, m.family, from, split),
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
            section.span.end = l.vis.src_start(k);
        }
        self.items.push(Item::Head(Box::new(section)));
        glued
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
        i: usize,
        own: Family,
        title_start: usize,
        to: usize,
        ends: &mut SentenceEnds,
    ) -> Option<(usize, MarkerToken)> {
        let l = &self.ls[i];
        let body = &l.vis.text[title_start..to];
        let head = &body[..ends.first_from(title_start) - title_start];
        // both kinds taken need 、 or a dot: most headings hold neither
        if !scan::contains(head, |c| matches!(c, '、' | '.' | '．')) {
            return None;
        }
        // a 一、 glued on with no sentence end before it needs evidence that it starts
        // something: a family not yet open whose 二、 follows, or, where 一、 is open above
        // this heading, a new run whose first child comes at once (`8.3社会效益显著一、背景分析
        // 1.1政策驱动`). 团结统一、 inside a 一、 heading, 知行合一、 under 二、 are words. (The
        // next number of an open family needs a sentence end: see `find_run_on`.)
        // the evidence is looked for once per heading, not once per 一、 in it
        let open = self.hier.is_open(Family::CnComma);
        let sibling = std::cell::OnceCell::new();
        let child = std::cell::OnceCell::new();
        marker::find_glued(head, |k, m| {
            let starts = || {
                if !open {
                    *sibling.get_or_init(|| self.sibling_follows(i, title_start + k + m.len, to, m))
                } else if own == Family::CnComma {
                    false
                } else {
                    let (glued_child, next_child) =
                        *child.get_or_init(|| self.first_child(i, head));
                    glued_child.is_some_and(|c| c > k) || next_child
                }
            };
            let cn = m.family == Family::CnComma
                && &head[k + m.punct.0..k + m.punct.1] == "、"
                && m.ordinal == 1
                && !word_series(head, k, m)
                && starts();
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

    /// A heading or item run into the text `from..to` of line `i` after a lost line break:
    /// `…工作如下：（一）加强…`, `…提出意见。一、2003年工作的回顾`, `**三、…** （一）…`. A
    /// marker in mid-line is one only on strong evidence: it comes right after a sentence end,
    /// a colon or `bold` (the visible offset where a bold heading closes), and the sequence
    /// wants it there, as the next number of an open family, or as the first of a family not
    /// yet open whose second follows. An inline list is no heading: its items end in ；with
    /// more of the list after them (`包括：（一）甲；（二）乙。`), or it ends in its paragraph
    /// (`（1）新建学校10所。（2）…（5）…。` and no （6） on a later line); nor is a 1. that
    /// shares its line with another 1.-style number (the items of `1.…。2.…。3.…` in one
    /// paragraph are the first item's text, as the numbering rules read it). Once one of a
    /// family is refused in a line, the later ones are too. The visible offset of the marker
    /// and its token.
    pub(super) fn find_run_on(
        &self,
        i: usize,
        from: usize,
        to: usize,
        bold: Option<usize>,
        scan: &mut RunOnScan,
    ) -> Option<(usize, MarkerToken)> {
        let text = &self.ls[i].vis.text[..to];
        let mut bold = bold.filter(|&b| b >= from && b < to);
        let mut pos = from;
        loop {
            let next =
                scan::find(&text[pos..], run_on_boundary).map(|(k, c)| pos + k + c.len_utf8());
            if let Some(b) = bold.filter(|&b| next.is_none_or(|n| b < n)) {
                bold = None;
                if let Some(found) = self.run_on_at(i, b, to, scan) {
                    return Some(found);
                }
            }
            let b = next?;
            if let Some(found) = self.run_on_at(i, b, to, scan) {
                return Some(found);
            }
            pos = b;
        }
    }

    /// [`Builder::find_run_on`] at one boundary: the marker after `b` (past any space), when
    /// the evidence holds. A family the sequence refuses here joins `scan.refused`.
    fn run_on_at(
        &self,
        i: usize,
        b: usize,
        to: usize,
        scan: &mut RunOnScan,
    ) -> Option<(usize, MarkerToken)> {
        let text = &self.ls[i].vis.text[..to];
        let at = b + (text[b..].len() - text[b..].trim_start_matches(is_ws).len());
        let (rest, m) = boundary_marker(&text[at..])?;
        let arabic_before = scan.arabic_seen;
        scan.arabic_seen |= m.family == Family::ArabicDot;
        // the general families only, with their strong punctuation
        if m.family.gbt_level().is_none() || scan.refused.contains(&m.family) {
            return None;
        }
        let t = &text[at..];
        let punct = &t[m.punct.0..m.punct.1];
        let strong = match m.family {
            Family::CnComma => punct == "、",
            Family::ArabicDot => matches!(punct, "." | "．" | "、"),
            _ => true,
        };
        // 二、三产业, 1、18个: a numeral after it, or a figure after an arabic number, is a
        // range or a quantity; `（三）项规定的` cites an item; punctuation after it is no
        // heading text
        let body = rest.trim_start_matches(is_ws);
        let arabic = matches!(m.family, Family::ArabicDot | Family::ArabicParen);
        let text_start = |c: char| {
            let figure = c.is_ascii_digit() || ('０'..='９').contains(&c);
            crate::grammar::numeral::cn_digit(c).is_none()
                && !(figure && arabic)
                && !matches!(
                    c,
                    '项' | '款' | '目' | '条' | '类' | '之' | '的' | '所' | '至'
                )
                && (crate::source::chars::is_han(c)
                    || c.is_alphanumeric()
                    || matches!(c, '“' | '《' | '（' | '"' | '「'))
        };
        if !strong || !body.chars().next().is_some_and(text_start) {
            return None;
        }
        let refuse = |scan: &mut RunOnScan| {
            scan.refused.push(m.family);
            None
        };
        // an item ending in ；with more of the list after it on the line
        let item_ends_list = match scan::find(body, ends_sentence) {
            Some((k, c @ ('；' | ';'))) => {
                !body[k + c.len_utf8()..].trim_matches(is_ws).is_empty()
            }
            _ => false,
        };
        let after = at + m.len;
        let later = self.later_on_line(i, after, to, m.family);
        if item_ends_list || (m.family == Family::ArabicDot && (arabic_before || later.is_some())) {
            return refuse(scan);
        }
        // a short unpunctuated title that ends the line, after a long paragraph: a heading
        // whose line break was lost, even where the numbering before it has a gap
        let title_at_end = to == self.ls[i].end
            && body.chars().nth(30).is_none()
            && !scan::contains(body, |c| ends_sentence(c) || matches!(c, '，' | ','));
        let wanted = match self.hier.last_ordinal(m.family) {
            Some(o) => m.ordinal == o + 1 || (title_at_end && m.ordinal > o && m.ordinal <= o + 3),
            None if m.ordinal != 1 => false,
            // the first of a family: its second follows; when that is on the same line, the
            // items run on past the line (`（一）…（四）` in one paragraph and `（五）` at the start
            // of a later line): a list that ends in its paragraph is the paragraph's text
            None => match later {
                Some((k, n)) if n.ordinal == 2 => {
                    let last = self.chain_end(i, k + n.len, to, n);
                    // or the line is all that is left of the document (its line breaks lost)
                    // and the run goes on to three at least
                    self.next_ordinal(i, m.family) == last.checked_add(1)
                        || (self.next_nonblank(i).is_none()
                            && last >= 3
                            && self.one_line_document(i))
                }
                Some(_) => false,
                None => self.next_ordinal(i, m.family) == Some(2),
            },
        };
        if !wanted {
            return refuse(scan);
        }
        Some((at, m))
    }

    /// The next marker of `family` right after a boundary in `from..to` of line `i`: its
    /// visible offset and token.
    fn later_on_line(
        &self,
        i: usize,
        from: usize,
        to: usize,
        family: Family,
    ) -> Option<(usize, MarkerToken)> {
        let text = &self.ls[i].vis.text[..to];
        let mut pos = from;
        while let Some((k, c)) = scan::find(&text[pos..], run_on_boundary) {
            pos += k + c.len_utf8();
            let at = pos + (text[pos..].len() - text[pos..].trim_start_matches(is_ws).len());
            if let Some((_, n)) = boundary_marker(&text[at..]) {
                if n.family == family {
                    return Some((at, n));
                }
            }
        }
        None
    }

    /// Where a first child may come for a 一、 glued into the heading text `head` of line
    /// `i`: the offset of the first `1.1` glued into `head` (a 一、 before it has its child at
    /// once), and whether the next marked line starts with a first (1.-numbered) marker.
    fn first_child(&self, i: usize, head: &str) -> (Option<usize>, bool) {
        let glued = marker::find_glued(head, |_, n| {
            n.family == Family::Decimal2 && n.ordinal == 1 && n.parents == [1]
        });
        let next = (i + 1..self.ls.len().min(i + 400))
            .find_map(|j| match &self.ls[j].class {
                Class::Marker(k) => Some(k),
                _ => None,
            })
            .is_some_and(|k| k.family != Family::CnComma && k.ordinal == 1);
        (glued.map(|(k, _)| k), next)
    }

    /// The last number of the run of markers of `n`'s family, each one more than the one
    /// before, that goes on from `n` after boundaries in `from..to` of line `i`.
    fn chain_end(&self, i: usize, from: usize, to: usize, n: MarkerToken) -> u32 {
        let mut last = n;
        let mut pos = from;
        while let Some((k, next)) = self.later_on_line(i, pos, to, last.family) {
            if Some(next.ordinal) != last.ordinal.checked_add(1) {
                break;
            }
            pos = k + next.len;
            last = next;
        }
        last.ordinal
    }

    /// Whether the second of the family `m` opens follows it: the next marker of that family
    /// after a boundary in the rest of line `i` (from `from` to `to`), or, when the line has
    /// none, at the start of one of the next lines, is numbered 2.
    fn sibling_follows(&self, i: usize, from: usize, to: usize, m: &MarkerToken) -> bool {
        match self.later_on_line(i, from, to, m.family) {
            Some((_, n)) => n.ordinal == 2,
            None => self.next_ordinal(i, m.family) == Some(2),
        }
    }

    /// The number of the next line-initial marker of `family` within the lines after line
    /// `i` (a decimal `2.3个…` counts as its leading number for 1. 2. 3.).
    fn next_ordinal(&self, i: usize, family: Family) -> Option<u32> {
        (i + 1..self.ls.len().min(i + 400))
            .filter_map(|j| match &self.ls[j].class {
                Class::Marker(k) => Some(k),
                _ => None,
            })
            .find_map(|k| match k.family {
                f if f == family => Some(k.ordinal),
                Family::Decimal2 if family == Family::ArabicDot => k.parents.first().copied(),
                _ => None,
            })
    }

    /// The visible offset where the bold run that opens right before visible offset `from` of
    /// line `l` closes (`**三、推进经济发展** （一）…`), when it closes before `to`.
    fn bold_close(&self, l: &Line, from: usize, to: usize) -> Option<usize> {
        if !l.vis.has_markup() {
            return None;
        }
        let line = &self.src[l.span.range()];
        let s = l.vis.src_start(from).checked_sub(l.span.start)?;
        let before = line.get(..s)?.trim_end_matches(is_ws);
        if !(before.ends_with("**") || before.ends_with("__")) {
            return None;
        }
        let close = l.span.start + s + line.get(s..)?.find(&before[before.len() - 2..])?;
        l.vis.text[from..to]
            .char_indices()
            .map(|(k, c)| from + k + c.len_utf8())
            .find(|&p| l.vis.src_start(p) >= close)
            .filter(|&p| p < to)
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
        from: usize,
        split: Split,
    ) -> Section {
        let glued_next = split == Split::Glued;
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
            // a heading run into a line is as long as its part of the line
            let long = if from == l.start && to == l.end {
                l.chars() > 60
            } else {
                l.vis.text[from..to].chars().nth(60).is_some()
            };
            // what follows a one-sentence heading is the heading run in after it, when one is
            let next_is_sibling = |this: &Self| match split {
                Split::RunOn { sibling } => sibling,
                _ => this.sentence_heading_is_runin(i, family),
            };
            let sentence = term_len > 0
                && title_end
                    .as_ref()
                    .is_some_and(|t| t.text != "：" && t.text != ":")
                && (long_sentence || next_is_sibling(self));
            if sentence || (term_len == 0 && long) {
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
            depth: l.md_depth(),
            children: vec![],
        }
    }
}

/// How a heading's text ends.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Split {
    /// At the end of the line.
    None,
    /// Where another heading glued to its title starts: its title is all it has.
    Glued,
    /// Where a heading run into its text after a sentence end starts; `sibling` when that one
    /// is of its own family or of one open above it (not a child of it).
    RunOn { sibling: bool },
}

/// What the search for headings run into a line has seen of it so far.
pub(super) struct RunOnScan {
    /// Families refused on the line: their later markers are refused too.
    refused: Vec<Family>,
    /// A 1.-style number (line-initial or after a boundary) has been passed.
    arabic_seen: bool,
}

impl RunOnScan {
    /// Nothing seen yet of line `l` but its start.
    pub(super) fn new(l: &Line) -> Self {
        RunOnScan {
            refused: Vec::new(),
            // an item 1. or 1、 at its start, marker or not (`1、18个…`, `2021年…` is none)
            arabic_seen: matches!(&l.class, Class::Marker(m) if m.family == Family::ArabicDot)
                || l.text()
                    .trim_start_matches(|c: char| c.is_ascii_digit())
                    .starts_with(['、', '.', '．'])
                    && l.text().starts_with(|c: char| c.is_ascii_digit()),
        }
    }
}

/// The marker at the start of `t`, and the text after it.
fn boundary_marker(t: &str) -> Option<(&str, MarkerToken)> {
    if !t.chars().next().is_some_and(marker::may_start) {
        return None;
    }
    marker::marker(t).ok()
}

/// Whether the text after a figure goes on into a word, as a count does (`5个已摘帽县`,
/// `3部文艺精品`), not into a magnitude or a unit (`1.5亿元`, `2.3万人次`, `0.5%`).
fn counted_word(after: &str) -> bool {
    after.starts_with(crate::source::chars::is_han)
        && !after.starts_with(['万', '亿', '千', '百', '元', '倍', '米', '吨'])
}

/// What a heading run into a line comes right after: a sentence end or a colon.
fn run_on_boundary(c: char) -> bool {
    ends_sentence(c) || COLONS.contains(&c)
}

/// Whether the 一、 at `k` of `head` is a word of a series, not a marker: 高一、高二 (the
/// character before the numeral comes again after the 、, before the next numeral).
fn word_series(head: &str, k: usize, m: &MarkerToken) -> bool {
    let Some(prev) = head[..k].chars().next_back() else {
        return false;
    };
    let mut after = head[k + m.len..].chars();
    after.next() == Some(prev)
        && after
            .next()
            .is_some_and(|c| crate::grammar::numeral::cn_digit(c).is_some())
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
    fn a_word_series_is_no_marker() {
        let head = "覆盖高一、高二年级";
        let k = "覆盖高".len();
        let (_, m) = marker::marker(&head[k..]).unwrap();
        assert!(word_series(head, k, &m));
        let head = "背景分析一、主要目标";
        let k = "背景分析".len();
        let (_, m) = marker::marker(&head[k..]).unwrap();
        assert!(!word_series(head, k, &m));
    }

    #[test]
    fn a_long_run_on_chain_is_one_heading_each() {
        let src: String = (1..=9_000)
            .map(|n| format!("{}、甲。", crate::tree::vocabulary::cn_render(n)))
            .collect();
        let doc = crate::tree::build::parse(&src, &Default::default());
        assert_eq!(doc.sections().len(), 9_000);
    }

    #[test]
    fn a_repeated_first_number_in_a_heading_is_its_text() {
        // 一、 inside a 一、 heading is a word (团结统一、), however often it comes
        let src = "一、甲".repeat(20_000);
        let doc = crate::tree::build::parse(&src, &Default::default());
        assert_eq!(doc.sections().len(), 1);
    }
}

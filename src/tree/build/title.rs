//! The title block: title lines (wrapped titles joined), a —— subtitle, repeated titles, and
//! the title of an attached document.

use super::byline::looks_like_byline;
use super::unnumbered::NAMED_UNNUMBERED;
use super::{fully_bracketed, has_sentence_end, Builder, Item, Role};
use crate::grammar::line::{Class, Line};
use crate::grammar::marker;
use crate::grammar::point::PointToken;
use crate::source::chars::is_ws;
use crate::tree::ChromeKind;
use crate::tree::Family;
use crate::tree::PointFamily;
use crate::tree::*;
use crate::Span;

/// A line that could be (part of) a title.
pub(super) fn title_candidate(l: &Line) -> bool {
    if !matches!(l.class, Class::Text) {
        return false;
    }
    let t = l.text();
    let n = l.chars();
    // a one-line title can be long when it names its genre (……的实施意见)
    ((2..=48).contains(&n) || (n <= 100 && complete_title(t)))
        && !has_sentence_end(t)
        && !t.ends_with(['：', ':', '，', ',', '、'])
        && !fully_bracketed(t)
        && !t.contains('\t')
}

/// The title line is not finished: it ends with a particle or leaves a 《 open.
pub(super) fn incomplete(t: &str) -> bool {
    let open = t.matches('《').count() > t.matches('》').count()
        || t.matches('“').count() > t.matches('”').count();
    open || [
        "的",
        "和",
        "与",
        "及",
        "在",
        "对",
        "暨",
        "并",
        "、",
        "关于",
        "推进",
        "加强",
        "进一步",
    ]
    .iter()
    .any(|w| t.ends_with(w))
}

/// Words a document's title ends with: its genre (报告, 通知, 方案 …).
pub(super) const GENRE_ENDINGS: [&str; 34] = [
    "报告",
    "通知",
    "意见",
    "方案",
    "办法",
    "规定",
    "条例",
    "细则",
    "总结",
    "讲话",
    "决定",
    "通报",
    "纪要",
    "计划",
    "要点",
    "制度",
    "请示",
    "批复",
    "公告",
    "通告",
    "倡议书",
    "建议书",
    "体会",
    "发言",
    "提纲",
    "汇报",
    "简报",
    "决议",
    "守则",
    "规划",
    "策划书",
    "计划书",
    "任务书",
    "申请书",
];

/// A title line that is complete on its own: it ends with the document's genre.
pub(super) fn complete_title(t: &str) -> bool {
    !incomplete(t) && GENRE_ENDINGS.iter().any(|g| t.ends_with(g))
}

/// The longest title a whole document on one line may start with, in characters.
const MAX_LINE_TITLE: usize = 60;

/// A whole document on one line, its line breaks lost: the line is long, holds sentences, and
/// starts with a complete title (关于…的通知) that ends before its first sentence does; the
/// byte length of that title, when it is one. The rest of the line is the body. (The title
/// block also asks that the document have no more than three lines.)
pub(super) fn one_line_title(t: &str) -> Option<usize> {
    t.chars().nth(100)?;
    let first_end = t
        .find(crate::source::chars::ends_sentence)
        .unwrap_or(t.len());
    let head = &t[..first_end];
    let best = head
        .char_indices()
        .skip(4)
        .take(MAX_LINE_TITLE)
        .map(|(k, _)| k)
        .find(|&k| complete_title(&head[..k]) && !head[..k].contains(['：', ':', '，', ',']));
    // a title ends where something new starts, not where the sentence goes on (…报告的写作)
    best.filter(|&k| k < head.len() && !head[k..].starts_with(['的', '之', '和', '与', '及', '、']))
}

/// A line that continues the title above it rather than starting something new.
pub(super) fn continues_title(t: &str) -> bool {
    t.starts_with(['及', '和', '与', '暨', '并', '的', '（', '(', '“', '《'])
        || GENRE_ENDINGS.iter().any(|g| t.ends_with(g))
}

impl<'s, 'l> Builder<'s, 'l> {
    /// The title block: title lines (wrapped titles joined), subtitles and bylines, up to the
    /// first line of the body.
    pub(super) fn title_block(&mut self) {
        let s = (self.body_start..self.ls.len())
            .find(|&i| self.role[i] == Role::Undecided)
            .unwrap_or(self.ls.len());
        // a 通知 in print order: 份号, 密级, 紧急程度, the 版头, the 发文字号, then the title
        let s = self.head_elements(s);
        let t = self.banner(s).or_else(|| self.running_head(s)).unwrap_or(s);
        let mut first_title = self
            .given_title(t)
            .or_else(|| self.title_run(t))
            .or_else(|| self.centred_title(t));
        let limit = self.front_zone_end(t);
        first_title = first_title.or_else(|| self.title_over_dash(t, limit));
        if let Some(ft) = first_title {
            self.repeated_titles(ft, limit);
        }
        self.subtitles(t, limit);
        if let Some(ft) = first_title {
            self.bylines(ft + 1, limit);
        }
        self.title_after_contents(first_title);
        self.emit_meta_title();
        self.body_start = s;
    }

    /// The 份号, 密级 and 紧急程度 lines (and a 签发人 line) a document starts with, from line
    /// `s`: each gets its role, and the first line after them is given. Only lines of those
    /// forms, and only while something follows them.
    fn head_elements(&mut self, s: usize) -> usize {
        /// 份号, 密级, 紧急程度 and 签发人 at most, each once.
        const MAX_HEAD: usize = 4;
        let mut i = s;
        let mut seen = Vec::new();
        while seen.len() < MAX_HEAD {
            let Some(l) = self.ls.get(i) else { break };
            if self.role[i] != Role::Undecided || !matches!(l.class, Class::Text) {
                break;
            }
            if crate::grammar::element::doc_number_and_signer(l.text()).is_some() {
                // an upward document's 发文字号 with its 签发人: the title follows
                if let Some(next) = self.next_nonblank(i) {
                    self.role[i] = Role::NumberAndSigner;
                    i = next;
                }
                break;
            }
            let Some(k) = crate::grammar::element::head_element(l.text()) else {
                break;
            };
            let Some(next) = self.next_nonblank(i) else {
                break;
            };
            if seen.contains(&k) {
                break;
            }
            seen.push(k);
            self.role[i] = Role::Head(k);
            i = next;
        }
        i
    }

    /// A 版头 at line `s`: an organ's 发文机关标志 (…文件, or the organ's name alone) right
    /// above a 发文字号. The banner gets its role; the first line after the 发文字号, where
    /// the title starts, is given.
    fn banner(&mut self, s: usize) -> Option<usize> {
        /// A joint issuance stacks a few organs' names (clause 7.2.4).
        const MAX_ORGANS: usize = 4;
        let organ_line = |l: &Line| {
            let t = l.text();
            let organ = [
                "文件",
                "人民政府",
                "委员会",
                "办公室",
                "办公厅",
                "局",
                "厅",
                "部",
            ]
            .iter()
            .any(|w| t.ends_with(w));
            organ && t.chars().count() <= 30 && title_candidate(l)
        };
        if let Some(after) = self.special_mark(s) {
            return Some(after);
        }
        if let Some(after) = self.table_mark(s, &organ_line) {
            return Some(after);
        }
        // the mark's lines: one, or a joint issuance's names (A局 / B局 / 文件)
        let mut marks = vec![s];
        let mut d = self.next_nonblank(s)?;
        if !organ_line(self.ls.get(s)?) {
            return None;
        }
        while marks.len() < MAX_ORGANS + 1
            && matches!(self.ls[d].class, Class::Text)
            && (organ_line(&self.ls[d]) || self.ls[d].text() == "文件")
        {
            marks.push(d);
            d = self.next_nonblank(d)?;
        }
        let with_signer = matches!(self.ls[d].class, Class::Text)
            && crate::grammar::element::doc_number_and_signer(self.ls[d].text()).is_some();
        if !(matches!(self.ls[d].class, Class::DocNumber(_)) || with_signer) {
            return None;
        }
        for &m in &marks {
            self.role[m] = Role::Banner;
        }
        if with_signer {
            self.role[d] = Role::NumberAndSigner;
        }
        let after = (d + 1..self.ls.len())
            .find(|&i| self.role[i] == Role::Undecided && !self.ls[i].is_blank())?;
        Some(after)
    }

    /// A joint issuance's mark set as a layout table above line `s`, its 发文字号 (a Word
    /// file's, gongwen's own among them): the table's lines, the organs' names and 文件, are
    /// the mark. The first line after the 发文字号 is given.
    fn table_mark(&mut self, s: usize, organ_line: &dyn Fn(&Line) -> bool) -> Option<usize> {
        /// The organs of a joint issuance, and 文件.
        const MAX_LINES: usize = 5;
        if !matches!(self.ls.get(s)?.class, Class::DocNumber(_)) {
            return None;
        }
        let above: Vec<usize> = (self.body_start..s)
            .filter(|&i| !self.ls[i].is_blank())
            .collect();
        let k = match above.first().map(|&i| self.role[i]) {
            Some(Role::Structure(k)) => k,
            _ => return None,
        };
        let all_marks = above.len() <= MAX_LINES
            && above.iter().all(|&i| {
                self.role[i] == Role::Structure(k)
                    && (organ_line(&self.ls[i]) || self.ls[i].text() == "文件")
            });
        if !all_marks {
            return None;
        }
        for &i in &above {
            self.role[i] = Role::Banner;
        }
        (s + 1..self.ls.len()).find(|&i| self.role[i] == Role::Undecided && !self.ls[i].is_blank())
    }

    /// A 命令（令）'s or 纪要's mark at line `s` (…人民政府令, …会议纪要) right above its
    /// number (第8号, 第12期), clause 10.2 and 10.3: the mark and the number get their roles,
    /// and a 纪要's organ-and-date line under them (…办公室　2025年5月8日) is a byline. The
    /// first line after them is given.
    fn special_mark(&mut self, s: usize) -> Option<usize> {
        let l = self.ls.get(s)?;
        let t = l.text();
        let mark = (t.ends_with('令') || t.ends_with("纪要"))
            && t.chars().count() >= 3
            && t.chars().count() <= 30
            && matches!(l.class, Class::Text)
            && title_candidate(l);
        if !mark {
            return None;
        }
        let d = self.next_nonblank(s)?;
        if !(matches!(self.ls[d].class, Class::Text)
            && crate::grammar::element::serial(self.ls[d].text()))
        {
            return None;
        }
        self.role[s] = Role::Banner;
        self.role[d] = Role::Serial;
        let mut last = d;
        if let Some(e) = self.next_nonblank(d) {
            let text = self.ls[e].text();
            let organ_and_date = matches!(self.ls[e].class, Class::Text)
                && text.contains(crate::source::chars::is_ws)
                && crate::grammar::element::contains_date(text)
                && text.chars().count() <= 40
                && !text.contains(['，', '。', '；']);
            if t.ends_with("纪要") && organ_and_date {
                self.role[e] = Role::Byline;
                last = e;
            }
        }
        (last + 1..self.ls.len())
            .find(|&i| self.role[i] == Role::Undecided && !self.ls[i].is_blank())
    }

    /// The body's own title after a table of contents (a cover, 目录, then the title again on
    /// the body's first page): the first lines after the contents, title candidates, when they
    /// make a complete title (…实施方案) or repeat the cover's. `cover` is the first title line
    /// found before.
    fn title_after_contents(&mut self, cover: Option<usize>) {
        let Some(c) = (0..self.ls.len())
            .rev()
            .find(|&i| self.role[i] == Role::Contents)
        else {
            return;
        };
        let Some(s) = (c + 1..self.ls.len()).find(|&i| self.role[i] != Role::Blank) else {
            return;
        };
        if self.role[s] != Role::Undecided || !title_candidate(&self.ls[s]) {
            return;
        }
        let cover_text: String = cover
            .map(|f| {
                (f..c)
                    .filter(|&i| self.role[i] == Role::Title)
                    .map(|i| self.ls[i].text().to_string())
                    .collect()
            })
            .unwrap_or_default();
        let Some(first) = self.title_run(s) else {
            return;
        };
        let lines: Vec<usize> = (first..self.ls.len().min(first + 8))
            .filter(|&i| self.role[i] == Role::Title)
            .collect();
        let text: String = lines.iter().map(|&i| self.ls[i].text()).collect();
        let squeeze = |t: &str| t.chars().filter(|&c| !is_ws(c)).collect::<String>();
        let repeats = !cover_text.is_empty() && squeeze(&cover_text).contains(&squeeze(&text));
        if lines.len() > 3 || !(complete_title(&text) || repeats) {
            for i in lines {
                self.role[i] = Role::Undecided;
            }
        }
    }

    /// A Word file's title set centred under a paragraph or two that come before it (a note to
    /// the reader, then the title): the first centred title candidate among the first three
    /// lines from `s`, each line before it a paragraph that is no title candidate.
    fn centred_title(&mut self, s: usize) -> Option<usize> {
        let mut i = s;
        for _ in 0..3 {
            let l = self.ls.get(i)?;
            if self.role[i] != Role::Undecided || !matches!(l.class, Class::Text) {
                return None;
            }
            if title_candidate(l) {
                return self.hint(i).centred.then(|| self.title_run(i)).flatten();
            }
            i = self.next_nonblank(i)?;
        }
        None
    }

    /// A running head at line `s` above the title, its parts spaced apart
    /// (`××公司企业标准　　　　Q/ABC.801-2017`): a line with a gap of four spaces or more
    /// between its parts and no sentence end, and a title candidate with no such gap on the
    /// next line. The title starts on that next line; the running head stays a paragraph.
    fn running_head(&self, s: usize) -> Option<usize> {
        let l = self.ls.get(s)?;
        let t = l.text();
        if !matches!(l.class, Class::Text) || super::has_sentence_end(t) || l.chars() > 100 {
            return None;
        }
        let spaced = |t: &str| {
            let mut gap = 0;
            let mut widest = 0;
            for c in t.chars() {
                gap = if is_ws(c) { gap + 1 } else { 0 };
                widest = widest.max(gap);
            }
            widest >= 4
        };
        let words = t.split(is_ws).filter(|w| !w.is_empty()).count();
        let d = self.next_nonblank(s)?;
        let next = &self.ls[d];
        (spaced(t) && words >= 2 && title_candidate(next) && !spaced(next.text())).then_some(d)
    }

    /// A title the markup gives: front matter's `title:` (the last one), or a leading `# `
    /// heading at `s`, the first undecided line.
    fn given_title(&mut self, s: usize) -> Option<usize> {
        let mut first_title = None;
        for i in 0..self.ls.len() {
            if let Class::FrontTitle(..) = self.ls[i].class {
                self.role[i] = Role::Title;
                first_title = Some(i);
            }
        }
        if first_title.is_none() {
            // a cover may be a layout table, which the first undecided line comes after
            let from = (self.body_start..s)
                .find(|&i| matches!(self.role[i], Role::Structure(_)) && !self.ls[i].is_blank())
                .unwrap_or(s);
            first_title = self.cover_title(from);
        }
        if first_title.is_none() && s < self.ls.len() && self.ls[s].vis.md_heading == 1 {
            self.role[s] = Role::Title;
            first_title = Some(s);
        }
        first_title
    }

    /// The lines of a Word file's cover from `s`, the first undecided line: set in a type at
    /// least 4 points larger than the body's (and at least 18 points), short, and with no
    /// sentence end; blank lines and pictures may come between them (员/工/手/册 set one
    /// character a line). They are the title. The body's size is the one most of its text is
    /// set in, directly; a file that sets no sizes on its runs has no cover by this rule.
    fn cover_title(&mut self, s: usize) -> Option<usize> {
        if self.hints.is_empty() {
            return None;
        }
        let mut by_size: std::collections::HashMap<u16, usize> = Default::default();
        for (i, l) in self.ls.iter().enumerate() {
            let h = self.hint(i);
            if h.size > 0 {
                *by_size.entry(h.size).or_default() += l.chars();
            }
        }
        let body = by_size
            .iter()
            .max_by_key(|(s, n)| (**n, **s))
            .map(|(s, _)| *s)?;
        let big = |sz: u16| sz >= 36 && sz >= body + 8;
        let mut lines = Vec::new();
        for i in s..self.ls.len().min(s + 80) {
            let l = &self.ls[i];
            if l.is_blank() {
                continue;
            }
            let h = self.hint(i);
            if self.role[i] != Role::Undecided && !matches!(self.role[i], Role::Structure(_)) {
                break;
            }
            if !big(h.size)
                || l.chars() > 40
                || super::has_sentence_end(l.text())
                || !matches!(l.class, Class::Text)
                || super::contents::is_label(l.text())
            {
                break;
            }
            lines.push(i);
        }
        for &i in &lines {
            self.role[i] = Role::Title;
        }
        lines.first().copied()
    }

    /// The first run of title candidates from `s`: wrapped lines join while the one before is
    /// unfinished, or neither reads like a byline nor ends a complete title.
    fn title_run(&mut self, s: usize) -> Option<usize> {
        let n = self.ls.len();
        let mut first_title = None;
        let mut i = s;
        let mut prev: Option<usize> = None;
        while i < n {
            if self.role[i] == Role::Blank {
                i += 1;
                continue;
            }
            let l = &self.ls[i];
            if prev.is_none()
                && self.role[i] == Role::Undecided
                && matches!(l.class, Class::Text)
                && one_line_title(l.text()).is_some()
                && self.ls.iter().filter(|l| !l.is_blank()).count() <= 3
            {
                // a whole document on one line: its title, and nothing after it is a title
                self.role[i] = Role::Title;
                return Some(i);
            }
            if self.role[i] != Role::Undecided || !title_candidate(l) {
                break;
            }
            let t = l.text();
            let joins = !NAMED_UNNUMBERED.contains(&t)
                && match prev {
                    None => true,
                    Some(p) => {
                        let pt = self.ls[p].text();
                        incomplete(pt)
                            || (!looks_like_byline(t)
                                && (!complete_title(pt) || continues_title(t)))
                    }
                };
            if !joins || (prev.is_some() && self.group_chars(s, i) > 60) {
                break;
            }
            self.role[i] = Role::Title;
            first_title.get_or_insert(i);
            // a headline repeated as the document's own title ends the group
            if prev.is_some_and(|p| self.ls[p].text() == l.text()) {
                break;
            }
            prev = Some(i);
            i += 1;
        }
        first_title
    }

    /// The end of the front zone, where titles, subtitles and bylines may be: the first marker,
    /// point, addressee or 发文字号 from `s`, and no more than 40 lines. (A title glued to the
    /// first heading, "…工作方案参考模板一、背景分析", is split when the title is emitted.)
    fn front_zone_end(&self, s: usize) -> usize {
        let n = self.ls.len();
        (s..n)
            .filter(|&i| self.role[i] == Role::Undecided)
            .find(|&i| {
                matches!(self.ls[i].class, Class::Marker(_) | Class::DocNumber(_))
                    || (matches!(self.ls[i].class, Class::Point(_)) && !self.dash_subtitle(i))
                    || crate::grammar::element::addressee(self.ls[i].text())
            })
            .unwrap_or(n)
            .min(s + 40)
    }

    /// A short line followed by a —— subtitle is a title too (a speech inside an article).
    fn title_over_dash(&mut self, s: usize, limit: usize) -> Option<usize> {
        for i in s..limit {
            if self.role[i] == Role::Undecided && title_candidate(&self.ls[i]) {
                if let Some(j) = self.next_nonblank(i) {
                    if self.dash_subtitle(j) {
                        self.role[i] = Role::Title;
                        return Some(i);
                    }
                }
            }
        }
        None
    }

    /// Repeated titles, the page's headline and then the document's own title: a later title
    /// candidate that the title so far contains is a title line too.
    fn repeated_titles(&mut self, first_title: usize, limit: usize) {
        let title_text: String = (0..self.ls.len())
            .filter(|&i| self.role[i] == Role::Title)
            .map(|i| self.title_line_text(i))
            .collect();
        for i in first_title + 1..limit {
            if self.role[i] == Role::Undecided && title_candidate(&self.ls[i]) {
                let t = self.ls[i].text();
                if t.chars().count() >= 4 && title_text.contains(t) {
                    self.role[i] = Role::Title;
                }
            }
        }
    }

    /// Subtitles: a —— line right after a title line.
    fn subtitles(&mut self, s: usize, limit: usize) {
        let mut last_title_end = None;
        for i in s..limit {
            match self.role[i] {
                Role::Title => last_title_end = Some(i),
                Role::Blank | Role::Chrome(_) => {}
                Role::Undecided
                    if last_title_end.is_some()
                        && self.dash_subtitle(i)
                        && self
                            .prev_nonblank(i)
                            .is_some_and(|p| self.role[p] == Role::Title) =>
                {
                    self.role[i] = Role::Subtitle;
                }
                _ => {}
            }
        }
    }

    pub(super) fn group_chars(&self, from: usize, to: usize) -> usize {
        (from..=to)
            .filter(|&i| self.role[i] == Role::Title || i == to)
            .map(|i| self.ls[i].chars())
            .sum()
    }

    pub(super) fn title_line_text(&self, i: usize) -> String {
        let l = &self.ls[i];
        match l.class {
            Class::FrontTitle(a, b) => l.vis.text[a..b].to_string(),
            _ => match one_line_title(l.text()) {
                Some(k) => l.text()[..k].to_string(),
                None => l.text().to_string(),
            },
        }
    }

    /// A —— line that is a subtitle (no sentence inside), not a point.
    pub(super) fn dash_subtitle(&self, i: usize) -> bool {
        let l = &self.ls[i];
        matches!(
            l.class,
            Class::Point(PointToken {
                family: PointFamily::Dash,
                ..
            })
        ) && !has_sentence_end(l.text())
            && l.chars() <= 80
    }

    pub(super) fn emit_meta_title(&mut self) {
        let titles: Vec<usize> = (0..self.ls.len())
            .filter(|&i| self.role[i] == Role::Title)
            .collect();
        // a news page's headline over a speech's own title: the title with its —— subtitle
        // under it is the document's own, when the first has none
        let subtitled = |i: usize| {
            self.next_nonblank(i)
                .is_some_and(|j| self.role[j] == Role::Subtitle && self.dash_subtitle(j))
        };
        let group_end = |f: usize| {
            let mut e = f;
            while let Some(j) = self
                .next_nonblank(e)
                .filter(|&j| self.role[j] == Role::Title)
            {
                e = j;
            }
            e
        };
        let first = titles.first().copied();
        let own = first
            .filter(|&f| !matches!(self.ls[f].class, Class::FrontTitle(..)))
            .filter(|&f| !subtitled(group_end(f)))
            .and_then(|_| titles.iter().copied().find(|&i| subtitled(group_end(i))));
        if let Some(f) = own.or(first) {
            // the title is the first group of consecutive title lines
            let mut t = self.title_line_text(f);
            let mut prev = f;
            for &i in titles.iter().filter(|&&i| i > f) {
                if (prev + 1..i).all(|j| self.role[j] == Role::Blank)
                    && self.title_line_text(i) != t
                {
                    t.push_str(&self.title_line_text(i));
                    prev = i;
                } else {
                    break;
                }
            }
            self.meta.title = Some(t);
        }
    }

    pub(super) fn emit_title_group(&mut self, i: usize, attached: bool) -> usize {
        let n = self.ls.len();
        let want = if attached {
            Role::Subtitle
        } else {
            Role::Title
        };
        let mut lines = vec![];
        let mut j = i;
        let mut last = i;
        while j < n {
            if self.role[j] == want {
                lines.push(self.title_text(j));
                last = j;
                j += 1;
                if !attached && matches!(self.ls[j - 1].class, Class::FrontTitle(..)) {
                    break;
                }
                continue;
            }
            if self.role[j] == Role::Blank
                && (j + 1..n)
                    .find(|&k| self.role[k] != Role::Blank)
                    .is_some_and(|k| self.role[k] == want && self.title_joins(last, k))
            {
                // blank lines inside a wrapped title
                let l = &self.ls[j];
                if !self.src[l.span.range()].chars().all(is_ws) {
                    self.items.push(Item::Leaf(Block::Chrome(Chrome {
                        kind: ChromeKind::Markup,
                        text: self.text_of(l),
                        span: l.span,
                    })));
                }
                j += 1;
                continue;
            }
            break;
        }
        let t = Title {
            lines,
            marker: None,
        };
        if attached {
            self.reset_structure();
            self.items.push(Item::Reset(Block::Subtitle(t)));
        } else {
            // a whole document on one line: the title, then the body from where it ends
            let l = &self.ls[last];
            if let (Class::Text, Some(k)) = (&l.class, one_line_title(l.text())) {
                let at = l.start + k;
                let mut t = t;
                if let Some(first) = t.lines.last_mut() {
                    *first = Text {
                        text: l.text()[..k].to_string(),
                        span: Span::new(l.span.start, l.vis.src_start(at)),
                    };
                }
                self.items.push(Item::Leaf(Block::Title(t)));
                self.paragraph_from(last, at);
                return j;
            }
            // a heading glued to the end of a title line
            if let Some((title, rest)) = self.split_glued_title(last) {
                let mut t = t;
                if let Some(l) = t.lines.last_mut() {
                    *l = title;
                }
                // the document title ends where the heading starts
                if self
                    .meta
                    .title
                    .as_deref()
                    .is_some_and(|m| m.contains(&t.joined()))
                {
                    self.meta.title = Some(t.joined());
                }
                self.items.push(Item::Leaf(Block::Title(t)));
                self.glued_heading(last, rest);
                return j;
            }
            self.items.push(Item::Leaf(Block::Title(t)));
        }
        j
    }

    /// Whether line `i` is a whole document on one line, read as such by the title block.
    pub(super) fn one_line_document(&self, i: usize) -> bool {
        self.role[i] == Role::Title && one_line_title(self.ls[i].text()).is_some()
    }

    pub(super) fn title_joins(&self, a: usize, b: usize) -> bool {
        self.title_line_text(a) != self.title_line_text(b)
    }

    pub(super) fn title_text(&self, i: usize) -> Text {
        let l = &self.ls[i];
        match l.class {
            Class::FrontTitle(a, b) => Text {
                text: l.vis.text[a..b].to_string(),
                span: l.span,
            },
            _ => Text {
                text: l.text().to_string(),
                span: l.span,
            },
        }
    }

    pub(super) fn emit_subtitle(&mut self, i: usize) {
        let l = &self.ls[i];
        if let Class::Point(p) = &l.class {
            let mk = Text {
                text: l.vis.text[l.start..l.start + p.len].to_string(),
                span: l.src(l.start, l.start + p.len),
            };
            let body_from = l.start + p.len;
            let text = l.vis.text[body_from..l.end].trim_matches(is_ws).to_string();
            self.meta.subtitle.get_or_insert_with(|| text.clone());
            let span = Span::new(mk.span.end, l.span.end);
            let span = Span::new(span.start.min(l.span.end), l.span.end);
            let first = Text { text, span };
            let t = Title {
                lines: vec![first],
                marker: Some(Text {
                    text: mk.text,
                    span: Span::new(l.span.start, mk.span.end),
                }),
            };
            self.items.push(Item::Leaf(Block::Subtitle(t)));
        } else {
            // a line of an attached title that its group did not take (it repeats the line
            // before): a subtitle line of its own, so that nothing is lost
            let t = Title {
                lines: vec![self.title_text(i)],
                marker: None,
            };
            self.items.push(Item::Leaf(Block::Subtitle(t)));
        }
    }

    /// A title line that ends in a heading: "窗口行业整治工作方案参考模板一、背景分析".
    pub(super) fn split_glued_title(&self, i: usize) -> Option<(Text, usize)> {
        let l = &self.ls[i];
        if !matches!(l.class, Class::Text) {
            return None;
        }
        let t = l.text();
        let (k, _) = marker::find_glued(t, |k, m| {
            m.family == Family::CnComma
                && m.ordinal == 1
                && &t[k + m.punct.0..k + m.punct.1] == "、"
        })?;
        if has_sentence_end(&t[..k])
            || t[k..]
                .chars()
                .nth(2)
                .is_some_and(|c| crate::grammar::numeral::cn_digit(c).is_some())
        {
            return None;
        }
        let title = Text {
            text: t[..k].to_string(),
            span: Span::new(l.span.start, l.vis.src_start(l.start + k)),
        };
        Some((title, l.start + k))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn complete_titles_end_in_their_genre() {
        assert!(complete_title("调研报告"));
        assert!(complete_title("关于做好春耕工作的通知"));
        assert!(!complete_title("关于做好春耕工作的"));
        assert!(!complete_title("基层党组织建设"));
        assert!(continues_title("及下一步工作打算的报告"));
        assert!(!continues_title("基本情况"));
    }
}

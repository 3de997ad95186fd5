//! One line of input, seen through its markup, with what the grammar recognises in it.

use super::chrome;
use super::element;
use super::elision::ElisionHit;
use super::marker::{self, MarkerToken};
use super::point::{self, PointToken};
use crate::source::chars::is_ws;
pub(crate) use crate::source::markdown::Layout;
use crate::source::markup::Visible;
use crate::tree::{AttachmentKind, ChromeKind, DateParts, DocNumberParts};
use crate::Span;

/// What a line looks like on its own.
#[derive(Clone, Debug)]
pub enum Class {
    /// Nothing but whitespace.
    Blank,
    /// Markup and no text.
    Markup,
    /// A front-matter `title:` line; the value's visible range.
    FrontTitle(usize, usize),
    /// Chrome, recognisable without context.
    Chrome(ChromeKind),
    /// Starts with a heading marker.
    Marker(MarkerToken),
    /// Starts with a point marker.
    Point(PointToken),
    /// Nothing but elisions.
    Elision,
    /// A 发文字号 (boxed: it is rare and the largest variant, and every line holds a class).
    DocNumber(Box<DocNumberParts>),
    /// A date on its own.
    Date(DateParts),
    /// The 印发 line.
    Imprint,
    /// 抄送：…
    CopyTo,
    /// 附件 …
    Attachment(AttachmentKind),
    /// 附注 （此件公开发布）.
    Note,
    /// A page break: form feeds alone on their line (as text exported from Word has), or in
    /// Markdown `\newpage` / `\pagebreak`.
    PageBreak,
    /// Anything else.
    Text,
}

/// One line of the source.
#[derive(Clone, Debug)]
pub struct Line<'a> {
    /// Source bytes of the line, without its line ending.
    pub span: Span,
    /// The visible text.
    pub vis: Visible<'a>,
    /// Visible offset of the first non-space character.
    pub start: usize,
    /// Visible offset after the last non-space character.
    pub end: usize,
    /// What it looks like.
    pub class: Class,
    /// The elisions in the trimmed text ([`Line::text`]), found once for every user.
    pub elisions: Vec<ElisionHit>,
    /// Number of characters of the trimmed text, counted on first use (`u32::MAX` before).
    nchars: std::cell::Cell<u32>,
}

impl<'a> Line<'a> {
    /// The trimmed visible text.
    pub fn text(&self) -> &str {
        &self.vis.text[self.start..self.end]
    }
    /// Number of characters of trimmed visible text.
    pub fn chars(&self) -> usize {
        match self.nchars.get() {
            u32::MAX => {
                let n = self.text().chars().count();
                self.nchars.set(u32::try_from(n).unwrap_or(u32::MAX - 1));
                n
            }
            n => n as usize,
        }
    }
    /// Source span of a visible range.
    pub fn src(&self, from: usize, to: usize) -> Span {
        let s = self.vis.src_start(from);
        let e = self.vis.src_end(to).max(s);
        Span::new(s, e)
    }
    /// Source span of the trimmed text.
    pub fn text_span(&self) -> Span {
        self.src(self.start, self.end)
    }
    /// The Markdown heading depth the line was written at (`##` is 2), when it is a `#` heading.
    pub fn md_depth(&self) -> Option<u8> {
        (self.vis.md_heading > 0).then_some(self.vis.md_heading)
    }
    /// Whether the line holds markup, or container marks before its text (a Markdown bullet
    /// or `>`, which are visible but not the text): either may be left for no block to own.
    pub fn has_marks(&self) -> bool {
        self.vis.has_markup() || !self.vis.text[..self.start].chars().all(is_ws)
    }
    /// True for blank and markup-only lines.
    pub fn is_blank(&self) -> bool {
        matches!(self.class, Class::Blank | Class::Markup)
    }
}

/// Split `src` into lines and classify each. `markdown` turns on the Markdown rules.
#[cfg(test)]
pub fn lines(src: &str, markdown: bool) -> Vec<Line<'_>> {
    read(src, markdown).0
}

/// [`lines`], and for Markdown the block structure pulldown-cmark finds in it; each line's
/// text starts after the container marks (`>`, a bullet) that structure puts at its start.
pub(crate) fn read(src: &str, markdown: bool) -> (Vec<Line<'_>>, Option<Layout>) {
    let (raw, markup) = crate::source::lines::split(src, markdown);
    let layout = markdown.then(|| crate::source::markdown::layout(src, &raw));
    let skip = layout.as_ref().map(|l| l.skip.as_slice()).unwrap_or(&[]);
    let mut out = Vec::with_capacity(raw.len());
    // front matter: `---` on the first line and a closing `---`
    let fm_end = if markdown {
        front_matter_end(src, &raw)
    } else {
        None
    };
    for (n, sp) in raw.iter().enumerate() {
        let text = &src[sp.range()];
        let in_fm = fm_end.is_some_and(|e| n <= e);
        let vis = if in_fm {
            Visible::plain(text, sp.start)
        } else {
            let may_have_markup = markup.as_ref().map(|m| m[n]);
            Visible::of_hinted(text, sp.start, markdown, may_have_markup)
        };
        let t = &vis.text;
        let s = t
            .char_indices()
            .find(|&(_, c)| !is_ws(c))
            .map(|(i, _)| i)
            .unwrap_or(t.len());
        let e = t
            .char_indices()
            .rev()
            .find(|&(_, c)| !is_ws(c))
            .map(|(i, c)| i + c.len_utf8())
            .unwrap_or(s);
        let s = match skip.get(n) {
            // a line that is site chrome as written (`- C2670 …` of a navigation list) keeps
            // its bullet: the chrome is the whole line
            Some(&k) if k > 0 && !in_fm && chrome::classify(&t[s..e.max(s)]).is_none() => {
                after_container(t, k).max(s)
            }
            _ if markdown && !in_fm => s + statute_bullet(&t[s..]) + bullet_mark(&t[s..]),
            _ if !in_fm => s + bullet_mark(&t[s..]),
            _ => s,
        };
        let mut line = Line {
            span: *sp,
            vis,
            start: s,
            end: e.max(s),
            class: Class::Text,
            elisions: Vec::new(),
            nchars: std::cell::Cell::new(u32::MAX),
        };
        line.elisions = super::elision::find(line.text());
        line.class = if in_fm {
            classify_front_matter(&line)
        } else {
            classify(&line, markdown, text)
        };
        out.push(line);
    }
    (out, layout)
}

/// The visible offset where a line's text starts after `k` bytes of container marks and the
/// spaces after them. The marks come first on the line, before any markup the see-through
/// hides, so a visible offset there is a source offset.
fn after_container(t: &str, k: usize) -> usize {
    let mut k = k.min(t.len());
    while !t.is_char_boundary(k) {
        k -= 1;
    }
    k + (t.len() - k - t[k..].trim_start_matches(is_ws).len())
}

/// The length of a bullet character and the space after it at the start of `t` (`•\t助餐服务`,
/// as a Word list is copied out as text and as gongwen's DOCX writer sets a list), or 0: the
/// bullet marks the line as a list item; the line's text starts after it.
fn bullet_mark(t: &str) -> usize {
    let Some(c) = t.chars().next().filter(|c| "•●▪◆■○・".contains(*c)) else {
        return 0;
    };
    let rest = &t[c.len_utf8()..];
    let body = rest.trim_start_matches(is_ws);
    if body.len() == rest.len() || body.is_empty() {
        return 0;
    }
    t.len() - body.len()
}

/// The length of a Markdown list bullet (`- `, `* `, `+ `) before a statute marker, as party
/// regulations write their articles (`- **第一条**　　内容`), or 0. The article is the line;
/// the bullet is only how it was typeset.
fn statute_bullet(t: &str) -> usize {
    let Some(rest) = t.strip_prefix(['-', '*', '+']) else {
        return 0;
    };
    let body = rest.trim_start_matches(is_ws);
    if body.len() == rest.len() || !body.starts_with('第') {
        return 0;
    }
    match marker::marker(body) {
        Ok((after, m)) if m.family.is_statute() && marker::statute_separated(after) => {
            t.len() - body.len()
        }
        _ => 0,
    }
}

fn front_matter_end(src: &str, raw: &[Span]) -> Option<usize> {
    let first = raw
        .first()?
        .text(src)
        .trim_start_matches('\u{feff}')
        .trim_end();
    if first != "---" {
        return None;
    }
    raw.iter()
        .enumerate()
        .skip(1)
        .take(60)
        .find(|(_, s)| s.text(src).trim_end() == "---")
        .map(|(i, _)| i)
}

fn classify_front_matter(line: &Line) -> Class {
    let t = line.text();
    if let Some(v) = t.strip_prefix("title:") {
        let v = v.trim().trim_matches(['"', '\'']);
        if !v.is_empty() {
            let from = line.vis.text.find(v).unwrap_or(line.start);
            return Class::FrontTitle(from, from + v.len());
        }
    }
    if t == "---" {
        Class::Chrome(ChromeKind::Markup)
    } else if t.is_empty() {
        Class::Blank
    } else {
        Class::Chrome(ChromeKind::FrontMatter)
    }
}

fn classify(line: &Line, markdown: bool, raw: &str) -> Class {
    let t = line.text();
    if t.is_empty() {
        return if raw.trim().is_empty() {
            Class::Blank
        } else {
            Class::Markup
        };
    }
    if t.chars().all(|c| c == '\u{c}') || markdown && (t == "\\newpage" || t == "\\pagebreak") {
        return Class::PageBreak;
    }
    if markdown && (t.starts_with(":::") || t == "---" || t == "***" || t == "___") {
        return Class::Chrome(ChromeKind::Markup);
    }
    // whole-line elisions (the first character must start one)
    let el = &line.elisions;
    if super::elision::may_start(t) && !el.is_empty() {
        let covered: usize = el.iter().map(|h| h.end - h.start).sum();
        let rest_ws = {
            let mut prev = 0;
            let mut ok = true;
            for h in el {
                ok &= t[prev..h.start].chars().all(is_ws);
                prev = h.end;
            }
            ok && t[prev..].chars().all(is_ws)
        };
        if rest_ws && covered > 0 {
            return Class::Elision;
        }
    }
    let first = t.chars().next().unwrap_or(' ');
    if marker::may_start(first) {
        if let Ok((_, m)) = marker::marker(t) {
            return Class::Marker(m);
        }
    }
    if point::may_start(first) {
        if let Ok((_, p)) = point::point(t) {
            return Class::Point(p);
        }
    }
    if let Some(k) = chrome::classify(t) {
        return Class::Chrome(k);
    }
    if let Ok((_, d)) = element::doc_number(t) {
        return Class::DocNumber(Box::new(d));
    }
    if let Some(d) = element::date_line(t) {
        return Class::Date(d);
    }
    if element::imprint_line(t) {
        return Class::Imprint;
    }
    if element::copy_to(t) {
        return Class::CopyTo;
    }
    if let Some((k, _)) = element::attachment(t) {
        return Class::Attachment(k);
    }
    if element::note(t) {
        return Class::Note;
    }
    Class::Text
}

#[cfg(test)]
mod tests {
    use super::*;

    fn classes(src: &str, md: bool) -> Vec<String> {
        lines(src, md)
            .iter()
            .map(|l| {
                let c = format!("{:?}", l.class);
                c.split(['(', ' ']).next().unwrap_or("").to_string()
            })
            .collect()
    }

    #[test]
    fn splits_on_every_line_ending() {
        let src = "甲\n乙\r\n丙\r丁";
        let ls = lines(src, false);
        let texts: Vec<&str> = ls.iter().map(|l| l.text()).collect();
        assert_eq!(texts, ["甲", "乙", "丙", "丁"]);
        assert_eq!(ls[1].span, Span::new(4, 7));
        // a final line ending does not make an extra line; an empty input is one blank line
        assert_eq!(lines("甲\n", false).len(), 1);
        assert_eq!(classes("", false), ["Blank"]);
    }

    #[test]
    fn trims_grammar_whitespace_but_keeps_spans() {
        let src = "\u{feff}\u{3000}\u{3000}一、总则\u{a0} ";
        let l = &lines(src, false)[0];
        assert_eq!(l.text(), "一、总则");
        assert_eq!(l.text_span().text(src), "一、总则");
        assert!(matches!(l.class, Class::Marker(_)));
    }

    #[test]
    fn classifies_each_kind() {
        let src =
            "一、总则\n一是加强领导。\n……\n国办发〔2024〕12号\n2024年3月1日\n抄送：各部门。\n\
                   附件：1.名单\n（此件公开发布）\n最新信息\n- C1234 标题05-12\n正文。\n   \n";
        assert_eq!(
            classes(src, false),
            [
                "Marker",
                "Point",
                "Elision",
                "DocNumber",
                "Date",
                "CopyTo",
                "Attachment",
                "Note",
                "Text",
                "Chrome",
                "Text",
                "Blank"
            ]
        );
    }

    #[test]
    fn elision_needs_the_whole_line() {
        assert_eq!(classes("…… ……\n正文……\n", false), ["Elision", "Text"]);
    }

    #[test]
    fn markdown_only_rules() {
        let src = "---\ntitle: 标题\nauthor: 某人\n---\n## 一、总则\n<p></p>\n";
        assert_eq!(
            classes(src, true),
            [
                "Chrome",
                "FrontTitle",
                "Chrome",
                "Chrome",
                "Marker",
                "Markup"
            ]
        );
        // the same text as plain: no front matter, and `##` hides the marker
        assert_eq!(
            classes(src, false),
            ["Text", "Text", "Text", "Text", "Text", "Markup"]
        );
    }
}

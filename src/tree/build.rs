//! Build the [`Document`] from classified lines.
//!
//! One pass over the lines decides, with the whole document in view, what each line is:
//! chrome, title, byline, heading (and at which level), point, list item, paragraph or element.
//! Levels follow the document's own order of marker families: the first family met is level 1,
//! a family met inside it is level 2, and so on; GB/T order is only the default expectation.

use super::model::*;
use crate::grammar::chrome::{self, ChromeKind};
use crate::grammar::element::AttachmentKind;
use crate::grammar::elision;
use crate::grammar::line::{is_ws, lines, Class, Line};
use crate::grammar::marker::{self, Family, MarkerToken};
use crate::grammar::point::{PointFamily, PointToken};
use crate::grammar::scan;
use crate::span::Span;

/// How to read the input.
#[derive(Clone, Debug, Default)]
pub struct ParseOptions {
    /// Read Markdown constructs (front matter, `#` headings, `**`, links).
    pub markdown: bool,
}

/// Parse a whole document.
///
/// ```
/// use gongwen::tree::{parse, Block, ParseOptions};
/// let doc = parse("关于加强管理的通知\n一、总体要求\n（一）指导思想。坚持……\n", &ParseOptions::default());
/// assert_eq!(doc.meta.title.as_deref(), Some("关于加强管理的通知"));
/// let secs = doc.sections();
/// assert_eq!(secs.len(), 2);
/// assert_eq!((secs[0].level, secs[1].level), (1, 2));
/// assert_eq!(secs[1].title.text, "指导思想");
/// ```
pub fn parse(src: &str, opts: &ParseOptions) -> Document {
    let ls = lines(src, opts.markdown);
    let mut b = Builder::new(src, &ls);
    b.run();
    let mut doc = Document {
        schema: SCHEMA.to_string(),
        meta: b.meta,
        blocks: Vec::new(),
    };
    doc.meta.input = InputMeta {
        bytes: src.len(),
        lines: ls.len(),
        bom: src.starts_with('\u{feff}'),
        newline: format!("{:?}", newline_of(src, &ls)).to_lowercase(),
        markdown: opts.markdown,
    };
    doc.blocks = match b.items {
        Items::Nest(n) => n.finish(),
        Items::Collect(items) => nest(cover_markup(src, &ls, items)),
    };
    doc
}

/// The line endings of `src`, as [`crate::decode::newline`] finds them, read from the gaps
/// between the lines' spans instead of a second scan of every byte: a line ends in `\n`,
/// `\r\n` or a lone `\r`, and nothing else lies between one line and the next.
fn newline_of(src: &str, ls: &[Line]) -> crate::decode::Newline {
    use crate::decode::Newline;
    let b = src.as_bytes();
    let (mut lf, mut crlf, mut cr) = (false, false, false);
    for (k, l) in ls.iter().enumerate() {
        let next = ls.get(k + 1).map_or(b.len(), |n| n.span.start);
        match &b[l.span.end.min(next)..next] {
            b"\n" => lf = true,
            b"\r\n" => crlf = true,
            b"\r" => cr = true,
            _ => {}
        }
    }
    match (lf, crlf, cr) {
        (false, false, false) => Newline::None,
        (true, false, false) => Newline::Lf,
        (false, true, false) => Newline::Crlf,
        (false, false, true) => Newline::Cr,
        _ => Newline::Mixed,
    }
}

/// The elisions of the visible text `from..to` of a line, as [`elision::find`] would find
/// them there, offsets relative to `from`. The scan runs left to right, stepping over whole
/// characters and whole hits, and looks only forward: when `to` is the end of the trimmed text
/// and no hit of the whole line straddles `from`, the scan from `from` sees what the scan of
/// the whole line sees from there on, so the line's hits are reused; otherwise it scans.
fn elisions_in<'h>(
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

impl Item {
    fn each_span(&self, mut f: impl FnMut(Span)) {
        match self {
            Item::Leaf(b) | Item::Reset(b) => b.each_own_span(f),
            Item::Head(s) => f(s.span),
            Item::Point(p) => f(p.span),
        }
    }
}

/// Markup that no block took — `<b>` around a date, `**` around 附件, a tag between two
/// elisions — becomes chrome where it stands, so that nothing is lost. Only pieces with no
/// visible text are taken: a gap with visible text stays a gap, for the lossless check to find.
fn cover_markup(src: &str, ls: &[Line], items: Vec<Item>) -> Vec<Item> {
    let mut owned: Vec<Span> = Vec::with_capacity(items.len());
    for it in &items {
        it.each_span(|s| owned.push(s));
    }
    owned.sort_unstable();
    let mut extra: Vec<Span> = Vec::new();
    let mut k = 0;
    for l in ls {
        // in a line without markup every character is visible: no gap there is markup
        if !l.vis.has_markup() {
            continue;
        }
        let mut pos = l.span.start;
        while k < owned.len() && owned[k].end <= l.span.start {
            k += 1;
        }
        let mut j = k;
        while j < owned.len() && owned[j].start < l.span.end {
            markup_gap(src, l, pos, owned[j].start.min(l.span.end), &mut extra);
            pos = pos.max(owned[j].end);
            j += 1;
        }
        markup_gap(src, l, pos, l.span.end, &mut extra);
    }
    if extra.is_empty() {
        return items;
    }
    let mut out = Vec::with_capacity(items.len() + extra.len());
    let mut pending = extra.into_iter().peekable();
    for it in items {
        let mut start = usize::MAX;
        it.each_span(|s| start = start.min(s.start));
        let start = if start == usize::MAX { 0 } else { start };
        while let Some(sp) = pending.next_if(|sp| sp.start < start) {
            out.push(Item::Leaf(markup_block(src, sp)));
        }
        out.push(it);
    }
    out.extend(pending.map(|sp| Item::Leaf(markup_block(src, sp))));
    out
}

/// A gap inside line `l` that holds markup only: none of the line's visible characters sits in
/// it (seen through the whole line, so that `](/a)` of a link counts as markup).
fn markup_gap(src: &str, l: &Line, from: usize, to: usize, out: &mut Vec<Span>) {
    if from >= to {
        return;
    }
    let Some(text) = src.get(from..to) else {
        return;
    };
    let trimmed = text.trim_matches(is_ws);
    if trimmed.is_empty() {
        return;
    }
    let start = from + (text.len() - text.trim_start_matches(is_ws).len());
    let end = start + trimmed.len();
    let visible_inside = l.vis.text.char_indices().any(|(v, c)| {
        let at = l.vis.src_start(v);
        !is_ws(c) && at >= start && at < end
    });
    if !visible_inside {
        out.push(Span::new(start, end));
    }
}

fn markup_block(src: &str, sp: Span) -> Block {
    Block::Chrome(Chrome {
        kind: ChromeKind::Markup,
        text: Text {
            text: src[sp.range()].to_string(),
            span: sp,
        },
        span: sp,
    })
}

/// A flat item before nesting.
enum Item {
    Leaf(Block),
    /// A section head with its level.
    Head(Box<Section>),
    /// A point with its level.
    Point(Box<Point>),
    /// Closes every open section (an attached document starts).
    Reset(Block),
}

/// Where the builder's items go. Without markup nothing is ever inserted between them, so they
/// are nested as they come; with markup they are kept for [`cover_markup`] first.
enum Items {
    Nest(Nester),
    Collect(Vec<Item>),
}

impl Items {
    fn for_lines(ls: &[Line]) -> Self {
        if ls.iter().any(|l| l.vis.has_markup()) {
            Items::Collect(Vec::with_capacity(ls.len()))
        } else {
            Items::Nest(Nester::default())
        }
    }

    fn push(&mut self, it: Item) {
        match self {
            Items::Nest(n) => n.push(it),
            Items::Collect(v) => v.push(it),
        }
    }
}

fn nest(items: Vec<Item>) -> Vec<Block> {
    let mut n = Nester::default();
    for it in items {
        n.push(it);
    }
    n.finish()
}

/// Nests flat items into the tree. Open containers are kept with their level and whether they,
/// or anything closed into them, are elided; a section's `elided` is final when it closes, so
/// no second walk over the tree is needed.
#[derive(Default)]
struct Nester {
    root: Vec<Block>,
    stack: Vec<(u8, Block, bool)>,
}

impl Nester {
    fn push_into(&mut self, b: Block, e: bool) {
        match self.stack.last_mut() {
            Some((_, Block::Section(p), pe)) => {
                p.children.push(b);
                *pe |= e;
            }
            Some((_, Block::Point(p), pe)) => {
                p.children.push(b);
                *pe |= e;
            }
            _ => self.root.push(b),
        }
    }

    fn close_to(&mut self, level: u8) {
        while self.stack.last().is_some_and(|(l, _, _)| *l >= level) {
            let Some((_, mut b, e)) = self.stack.pop() else {
                break;
            };
            if let Block::Section(s) = &mut b {
                s.elided = e;
            }
            self.push_into(b, e);
        }
    }

    fn push(&mut self, it: Item) {
        match it {
            Item::Leaf(mut b) => {
                let e = mark(&mut b);
                self.push_into(b, e);
            }
            Item::Head(s) => {
                self.close_to(s.level);
                let e = section_elided_itself(&s);
                self.stack.push((s.level, Block::Section(s), e));
            }
            Item::Point(p) => {
                self.close_to(p.level);
                let e = point_elided_itself(&p);
                self.stack.push((p.level, Block::Point(p), e));
            }
            Item::Reset(mut b) => {
                self.close_to(0);
                mark(&mut b);
                self.root.push(b);
            }
        }
    }

    fn finish(mut self) -> Vec<Block> {
        self.close_to(0);
        self.root
    }
}

/// Whether a section is elided before its children are counted: marked so, or its run-in text.
fn section_elided_itself(s: &Section) -> bool {
    s.elided || s.run_in.as_ref().is_some_and(|p| !p.elisions.is_empty())
}

/// Whether a point's own text is elided.
fn point_elided_itself(p: &Point) -> bool {
    p.body.as_ref().is_some_and(|b| !b.elisions.is_empty())
}

/// Whether a block, or anything in it, is elided; sets `elided` on the sections inside.
fn mark(b: &mut Block) -> bool {
    match b {
        Block::Section(s) => {
            let mut e = section_elided_itself(s);
            for c in s.children.iter_mut() {
                e |= mark(c);
            }
            s.elided = e;
            e
        }
        Block::Point(p) => {
            let mut e = point_elided_itself(p);
            for c in p.children.iter_mut() {
                e |= mark(c);
            }
            e
        }
        Block::Paragraph(p) => !p.elisions.is_empty(),
        Block::Elision(_) => true,
        _ => false,
    }
}

/// What the builder decided for a line.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Role {
    Undecided,
    Blank,
    Chrome(ChromeKind),
    Title,
    Subtitle,
    Byline,
    Addressee,
    Signature,
}

const NAMED_UNNUMBERED: [&str; 12] = [
    "前言",
    "引言",
    "序言",
    "导言",
    "导语",
    "结束语",
    "结语",
    "后记",
    "摘要",
    "引子",
    "概述",
    "序",
];

const SENTENCE_END: [char; 5] = ['。', '！', '？', '；', ';'];

struct Builder<'s, 'l> {
    src: &'s str,
    ls: &'l [Line<'s>],
    role: Vec<Role>,
    meta: Meta,
    items: Items,
    /// Open marker families, outermost first: (family, last ordinal, level).
    stack: Vec<(Family, u32)>,
    /// Point series open in the current section: (family, level).
    points: Vec<(PointFamily, u8)>,
    /// Level of the innermost open section (0 at the root).
    cur_level: u8,
    /// Innermost open section is an article.
    in_article: bool,
    last_article: u32,
    /// First line of the body (after the title block).
    body_start: usize,
    /// Last row was a point (for nesting points).
    last_was_point: bool,
    /// A heading or point has been emitted since the last (attached) title.
    seen_structure: bool,
}

fn has_sentence_end(t: &str) -> bool {
    scan::contains(t, |c| SENTENCE_END.contains(&c))
}

fn fully_bracketed(t: &str) -> bool {
    (t.starts_with('（') || t.starts_with('(')) && (t.ends_with('）') || t.ends_with(')'))
}

/// A line that could be (part of) a title.
fn title_candidate(l: &Line) -> bool {
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

const ORGAN_SUFFIX: [&str; 18] = [
    "办公室",
    "调研组",
    "工作组",
    "办公厅",
    "政府",
    "委员会",
    "课题组",
    "研究室",
    "新闻办公室",
    "部",
    "厅",
    "局",
    "委",
    "院",
    "中心",
    "小组",
    "研究院",
    "党委",
];

/// A line that reads like a byline: an organ, a person (position and name), or a dateline.
fn looks_like_byline(t: &str) -> bool {
    let n = t.chars().count();
    if ORGAN_SUFFIX.iter().any(|s| t.ends_with(s)) && n <= 24 {
        return true;
    }
    if t.ends_with('电') && t.contains("社") {
        return true;
    }
    // "国务院总理 李克强": an inner space with a short name after it
    let tt = t.trim();
    if let Some(i) = tt.rfind([' ', '\u{3000}']) {
        let tail = tt[i..].trim();
        let tn = tail.chars().count();
        if (2..=4).contains(&tn) && tail.chars().all(|c| ('\u{4e00}'..='\u{9fff}').contains(&c)) {
            return true;
        }
    }
    // a bare name of 2–3 characters with a common surname
    if (2..=3).contains(&n) {
        let first = t.chars().next().unwrap_or(' ');
        return common_surname(first);
    }
    false
}

/// The title line is not finished: it ends with a particle or leaves a 《 open.
fn incomplete(t: &str) -> bool {
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
const GENRE_ENDINGS: [&str; 30] = [
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
];

/// A title line that is complete on its own: it ends with the document's genre.
fn complete_title(t: &str) -> bool {
    !incomplete(t) && GENRE_ENDINGS.iter().any(|g| t.ends_with(g))
}

/// A line that continues the title above it rather than starting something new.
fn continues_title(t: &str) -> bool {
    t.starts_with(['及', '和', '与', '暨', '并', '的', '（', '(', '“', '《'])
        || GENRE_ENDINGS.iter().any(|g| t.ends_with(g))
}

/// Common surnames, to tell a bare name (习近平) from a short phrase (运用探索).
fn common_surname(c: char) -> bool {
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤习温胡江朱".contains(c)
}

impl<'s, 'l> Builder<'s, 'l> {
    fn new(src: &'s str, ls: &'l [Line<'s>]) -> Self {
        Builder {
            src,
            ls,
            role: vec![Role::Undecided; ls.len()],
            meta: Meta::default(),
            items: Items::for_lines(ls),
            stack: Vec::new(),
            points: Vec::new(),
            cur_level: 0,
            in_article: false,
            last_article: 0,
            body_start: 0,
            last_was_point: false,
            seen_structure: false,
        }
    }

    fn next_nonblank(&self, i: usize) -> Option<usize> {
        (i + 1..self.ls.len()).find(|&j| {
            !self.ls[j].is_blank() && !matches!(self.ls[j].class, Class::Chrome(ChromeKind::Markup))
        })
    }

    fn prev_nonblank(&self, i: usize) -> Option<usize> {
        (0..i).rev().find(|&j| !self.ls[j].is_blank())
    }

    fn text_of(&self, l: &Line) -> Text {
        Text {
            text: l.text().to_string(),
            span: l.text_span(),
        }
    }

    fn run(&mut self) {
        for (i, l) in self.ls.iter().enumerate() {
            self.role[i] = match l.class {
                Class::Blank | Class::Markup => Role::Blank,
                Class::Chrome(k) => Role::Chrome(k),
                _ => Role::Undecided,
            };
        }
        self.leading_chrome();
        self.title_block();
        self.body();
    }

    /// Navigation blocks, category, catalogue and statistics lines at the top of a page.
    fn leading_chrome(&mut self) {
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

    /// The title block: title lines (wrapped titles joined), subtitle, bylines, 发文字号, 主送机关.
    fn title_block(&mut self) {
        let n = self.ls.len();
        // front matter or a leading `# ` heading gives the title directly
        let mut first_title: Option<usize> = None;
        for i in 0..n {
            if let Class::FrontTitle(..) = self.ls[i].class {
                self.role[i] = Role::Title;
                first_title = Some(i);
            }
        }
        let mut s = self.body_start;
        while s < n && self.role[s] != Role::Undecided {
            s += 1;
        }
        if first_title.is_none() && s < n && self.ls[s].vis.md_heading == 1 {
            self.role[s] = Role::Title;
            first_title = Some(s);
        }
        // the first run of title candidates
        if first_title.is_none() && s < n {
            let mut i = s;
            let mut prev: Option<usize> = None;
            while i < n {
                if self.role[i] == Role::Blank {
                    i += 1;
                    continue;
                }
                let l = &self.ls[i];
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
        }
        // a title glued to the first heading: "…工作方案参考模板一、背景分析"
        // (handled in body(): a marker found inside the first title line)
        // the front zone: up to the first marker, point, addressee or 发文字号
        let limit = (s..n)
            .filter(|&i| self.role[i] == Role::Undecided)
            .find(|&i| {
                matches!(self.ls[i].class, Class::Marker(_) | Class::DocNumber(_))
                    || (matches!(self.ls[i].class, Class::Point(_)) && !self.dash_subtitle(i))
                    || crate::grammar::element::addressee(self.ls[i].text())
            })
            .unwrap_or(n)
            .min(s + 40);
        // a short line followed by a —— subtitle is a title too (a speech inside an article)
        if first_title.is_none() {
            for i in s..limit {
                if self.role[i] == Role::Undecided && title_candidate(&self.ls[i]) {
                    if let Some(j) = self.next_nonblank(i) {
                        if self.dash_subtitle(j) {
                            self.role[i] = Role::Title;
                            first_title = Some(i);
                            break;
                        }
                    }
                }
            }
        }
        let title_text: String = (0..n)
            .filter(|&i| self.role[i] == Role::Title)
            .map(|i| self.title_line_text(i))
            .collect();
        // repeated titles: the page headline, then the document's own title
        if let Some(ft) = first_title {
            for i in ft + 1..limit {
                if self.role[i] == Role::Undecided && title_candidate(&self.ls[i]) {
                    let t = self.ls[i].text();
                    if t.chars().count() >= 4 && title_text.contains(t) {
                        self.role[i] = Role::Title;
                    }
                }
            }
        }
        // subtitles: a —— line right after a title line
        let mut last_title_end = None;
        for i in s..limit.min(n) {
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
        // bylines between the title block and the body
        if let Some(ft) = first_title {
            let end = limit.min(n);
            for i in ft + 1..end {
                if self.role[i] != Role::Undecided {
                    continue;
                }
                let l = &self.ls[i];
                match l.class {
                    Class::Date(_) => {}
                    Class::Text => {
                        let t = l.text();
                        let bylike = looks_like_byline(t)
                            || fully_bracketed(t)
                            || crate::grammar::element::contains_date(t);
                        if l.chars() <= 40
                            && !t.contains('。')
                            && !t.ends_with(['：', ':'])
                            && bylike
                        {
                            self.role[i] = Role::Byline;
                        } else {
                            break;
                        }
                    }
                    _ => break,
                }
            }
        }
        self.emit_meta_title();
        self.body_start = s;
    }

    fn group_chars(&self, from: usize, to: usize) -> usize {
        (from..=to)
            .filter(|&i| self.role[i] == Role::Title || i == to)
            .map(|i| self.ls[i].chars())
            .sum()
    }

    fn title_line_text(&self, i: usize) -> String {
        let l = &self.ls[i];
        match l.class {
            Class::FrontTitle(a, b) => l.vis.text[a..b].to_string(),
            _ => l.text().to_string(),
        }
    }

    /// A —— line that is a subtitle (no sentence inside), not a point.
    fn dash_subtitle(&self, i: usize) -> bool {
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

    fn emit_meta_title(&mut self) {
        let titles: Vec<usize> = (0..self.ls.len())
            .filter(|&i| self.role[i] == Role::Title)
            .collect();
        if let Some(&f) = titles.first() {
            // the title is the first group of consecutive title lines
            let mut t = self.title_line_text(f);
            let mut prev = f;
            for &i in &titles[1..] {
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

    // ------------------------------------------------------------------ body

    fn body(&mut self) {
        let n = self.ls.len();
        // line masks: a lookup per line must not cost a scan of the whole document
        let mask = |v: Vec<usize>| {
            let mut m = vec![false; n];
            for i in v {
                if let Some(x) = m.get_mut(i) {
                    *x = true;
                }
            }
            m
        };
        let list_lines = mask(self.fragment_lists());
        let unnumbered = mask(self.unnumbered_headings());
        let signatures = mask(self.signatures());
        let mut attached_title_next = false;
        // inside a 附件说明 (附件：1.… / 2.…): the numbered lines that continue it
        let mut note_items = false;
        let mut i = 0;
        while i < n {
            let l = &self.ls[i];
            match self.role[i] {
                Role::Blank => {
                    if !l.span.is_empty() && !l.text().is_empty()
                        || (!l.span.is_empty() && !self.src[l.span.range()].chars().all(is_ws))
                    {
                        self.items.push(Item::Leaf(Block::Chrome(Chrome {
                            kind: ChromeKind::Markup,
                            text: self.text_of(l),
                            span: l.span,
                        })));
                    }
                    i += 1;
                    continue;
                }
                Role::Chrome(k) => {
                    if k == ChromeKind::Paywall && self.meta.source.paywall.is_none() {
                        self.meta.source.paywall = Some(l.text().to_string());
                    }
                    self.items.push(Item::Leaf(Block::Chrome(Chrome {
                        kind: k,
                        text: self.text_of(l),
                        span: l.span,
                    })));
                    i += 1;
                    continue;
                }
                Role::Title => {
                    i = self.emit_title_group(i, false);
                    continue;
                }
                Role::Subtitle => {
                    self.emit_subtitle(i);
                    i += 1;
                    continue;
                }
                Role::Byline => {
                    if self.meta.author.is_none() && looks_like_byline(l.text()) {
                        self.meta.author = Some(l.text().to_string());
                    }
                    self.items.push(Item::Leaf(Block::Byline(Element {
                        text: self.text_of(l),
                        span: l.span,
                    })));
                    i += 1;
                    continue;
                }
                _ => {}
            }
            if i < self.body_start {
                self.paragraph(i);
                i += 1;
                continue;
            }
            // an attached document's title after 附件 / 附： or after a 落款
            if attached_title_next && title_candidate(l) && !looks_like_byline(l.text()) {
                let mut j = i;
                let mut k = 0;
                while j < n && k < 4 {
                    if self.ls[j].is_blank() {
                        j += 1;
                        continue;
                    }
                    if !title_candidate(&self.ls[j])
                        || (k > 0
                            && !incomplete(self.ls[j - 1].text())
                            && !incomplete(self.ls[self.prev_nonblank(j).unwrap_or(j)].text())
                            && looks_like_byline(self.ls[j].text()))
                    {
                        break;
                    }
                    self.role[j] = Role::Subtitle;
                    j += 1;
                    k += 1;
                }
                i = self.emit_title_group(i, true);
                attached_title_next = false;
                continue;
            }
            if !matches!(l.class, Class::Note | Class::Elision) {
                attached_title_next = false;
            }
            if note_items {
                if let Class::Marker(m) = &l.class {
                    if !m.family.is_statute() && m.ordinal >= 2 {
                        let m = m.clone();
                        self.list_item(i, &m);
                        i += 1;
                        continue;
                    }
                }
                note_items = false;
            }
            match &l.class {
                Class::Marker(m) if !list_lines[i] => {
                    if self.try_heading(i, m.clone()) {
                        i += 1;
                        continue;
                    }
                    self.paragraph(i);
                }
                Class::Marker(m) => {
                    let m = m.clone();
                    self.list_item(i, &m);
                }
                Class::Point(p) => {
                    let p = p.clone();
                    if !self.in_article && self.point_accepted(i, &p) {
                        self.emit_point(i, &p);
                    } else {
                        self.paragraph(i);
                    }
                    i += 1;
                    continue;
                }
                Class::Elision => {
                    for h in &l.elisions {
                        let e = self.elision_of(l, l.start, h);
                        self.items.push(Item::Leaf(Block::Elision(e)));
                    }
                }
                Class::DocNumber(d) => {
                    self.meta
                        .doc_number
                        .get_or_insert_with(|| l.text().to_string());
                    self.items
                        .push(Item::Leaf(Block::DocNumber(Box::new(DocNumber {
                            text: self.text_of(l),
                            parts: (**d).clone(),
                        }))));
                }
                Class::Date(d) => {
                    if self.meta.date.is_none() || signatures[i] {
                        self.meta.date = Some(l.text().to_string());
                    }
                    self.items.push(Item::Leaf(Block::Date(DateLine {
                        text: self.text_of(l),
                        parts: d.clone(),
                    })));
                    if self
                        .prev_nonblank(i)
                        .is_some_and(|p| self.role[p] == Role::Signature)
                    {
                        // an attached document may follow the 落款
                        let mut j = i + 1;
                        while j < n
                            && (self.ls[j].is_blank()
                                || matches!(self.ls[j].class, Class::Note | Class::Elision))
                        {
                            j += 1;
                        }
                        if j < n
                            && title_candidate(&self.ls[j])
                            && self
                                .next_nonblank(j)
                                .is_some_and(|k| !matches!(self.ls[k].class, Class::Date(_)))
                        {
                            attached_title_next = true;
                        }
                    }
                }
                Class::Attachment(k) => {
                    let (kind, colon) =
                        crate::grammar::element::attachment(l.text()).unwrap_or((*k, None));
                    let colon = colon.map(|(a, b)| Text {
                        text: l.text()[a..b].to_string(),
                        span: l.src(l.start + a, l.start + b),
                    });
                    self.items.push(Item::Leaf(Block::Attachment(Attachment {
                        kind,
                        text: self.text_of(l),
                        colon,
                    })));
                    if kind == AttachmentKind::Label {
                        attached_title_next = true;
                    } else {
                        note_items = true;
                    }
                }
                Class::CopyTo => self.items.push(Item::Leaf(Block::CopyTo(Element {
                    text: self.text_of(l),
                    span: l.span,
                }))),
                Class::Imprint => self.items.push(Item::Leaf(Block::Imprint(Element {
                    text: self.text_of(l),
                    span: l.span,
                }))),
                Class::Note => self.items.push(Item::Leaf(Block::Note(Element {
                    text: self.text_of(l),
                    span: l.span,
                }))),
                Class::Text => {
                    if signatures[i] {
                        self.role[i] = Role::Signature;
                        self.meta.signatory = Some(l.text().to_string());
                        self.items.push(Item::Leaf(Block::Signature(Element {
                            text: self.text_of(l),
                            span: l.span,
                        })));
                    } else if unnumbered[i] {
                        self.unnumbered_heading(i);
                    } else if self.addressee_here(i) {
                        self.meta.addressee.get_or_insert_with(|| {
                            l.text().trim_end_matches(['：', ':']).to_string()
                        });
                        self.role[i] = Role::Addressee;
                        self.items.push(Item::Leaf(Block::Addressee(Element {
                            text: self.text_of(l),
                            span: l.span,
                        })));
                    } else {
                        self.paragraph(i);
                    }
                }
                _ => self.paragraph(i),
            }
            i += 1;
        }
    }

    /// A numbered line that is an item of a list, not a heading.
    fn list_item(&mut self, i: usize, m: &MarkerToken) {
        let l = &self.ls[i];
        let marker = self.marker_of(l, m, l.start);
        let after = l.start + m.len;
        let text = Text {
            text: l.vis.text[after..l.end].trim_matches(is_ws).to_string(),
            span: l.src(after, l.end),
        };
        self.items
            .push(Item::Leaf(Block::ListItem(Box::new(ListItem {
                marker,
                text,
                span: l.span,
            }))));
        self.last_was_point = false;
    }

    /// A 主送机关 is only looked for before the first heading of a (possibly attached) document.
    fn addressee_here(&self, i: usize) -> bool {
        crate::grammar::element::addressee(self.ls[i].text())
            && (!self.seen_structure
                || self
                    .prev_nonblank(i)
                    .is_some_and(|p| self.role[p] == Role::Subtitle))
    }

    fn emit_title_group(&mut self, i: usize, attached: bool) -> usize {
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

    fn title_joins(&self, a: usize, b: usize) -> bool {
        self.title_line_text(a) != self.title_line_text(b)
    }

    fn title_text(&self, i: usize) -> Text {
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

    fn emit_subtitle(&mut self, i: usize) {
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
        }
    }

    fn reset_structure(&mut self) {
        self.stack.clear();
        self.points.clear();
        self.cur_level = 0;
        self.in_article = false;
        self.last_article = 0;
        self.last_was_point = false;
        self.seen_structure = false;
    }

    // ------------------------------------------------------------- headings

    fn marker_of(&self, l: &Line, m: &MarkerToken, at: usize) -> Marker {
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
            span: l.src(at, at + m.len),
        }
    }

    /// Whether a weak marker is supported by the sequence around it.
    fn sequence_supports(&self, m: &MarkerToken) -> bool {
        let last_same = self
            .stack
            .iter()
            .rev()
            .find(|(f, _)| *f == m.family)
            .map(|x| x.1);
        match last_same {
            Some(o) => m.ordinal == o + 1,
            None => m.ordinal == 1,
        }
    }

    fn try_heading(&mut self, i: usize, m: MarkerToken) -> bool {
        let l = &self.ls[i];
        let rest = &l.vis.text[l.start + m.len..l.end];
        // statute markers need a separator, or the sequence behind them
        if m.family == Family::Article {
            if !marker::statute_separated(rest) && m.ordinal != self.last_article + 1 {
                return false;
            }
        } else if m.family.is_statute() {
            // 第八部分和结束语构成… is prose; a chapter needs a separator or its sequence
            if !marker::statute_separated(rest) && !self.sequence_supports(&m) {
                return false;
            }
        } else if self.in_article {
            return false;
        }
        // weak forms: a bare numeral, a comma or colon after 一, decimals
        let punct = &l.vis.text[l.start + m.punct.0..l.start + m.punct.1];
        let weak_cn = m.family == Family::CnComma
            && !matches!(punct, "、" | "." | "．")
            && l.vis.md_heading == 0;
        let weak_arabic = m.family == Family::ArabicDot && matches!(punct, "，" | "," | "•");
        if (weak_cn || weak_arabic) && !self.sequence_supports(&m) {
            return false;
        }
        if matches!(m.family, Family::Decimal2 | Family::Decimal3) && !self.decimal_supported(&m) {
            return false;
        }
        // an arabic dot marker followed by a unit or a digit is a quantity, not a heading
        if m.family == Family::ArabicDot
            && rest.starts_with(|c: char| c.is_ascii_digit() || c == '%')
        {
            return false;
        }
        if m.family == Family::Article {
            self.last_article = m.ordinal;
        }
        self.emit_heading(i, l.start, l.end, m);
        true
    }

    fn decimal_supported(&self, m: &MarkerToken) -> bool {
        if let Some((_, o)) = self.stack.iter().rev().find(|(f, _)| *f == m.family) {
            if m.ordinal == o + 1 || m.ordinal == 1 {
                return true;
            }
        }
        // first of its kind: 1.1 under a heading numbered 1
        m.ordinal == 1
            && self.stack.iter().any(|(f, o)| {
                !matches!(f, Family::Decimal2 | Family::Decimal3) && Some(o) == m.parents.first()
            })
    }

    /// Level for a heading of `family`, updating the family stack.
    fn level_for(&mut self, family: Family, ordinal: u32) -> u8 {
        if let Some(pos) = self.stack.iter().position(|(f, _)| *f == family) {
            self.stack.truncate(pos);
        } else if family.is_statute() {
            while self
                .stack
                .last()
                .is_some_and(|(f, _)| f.is_statute() && f.gbt_rank() >= family.gbt_rank())
            {
                self.stack.pop();
            }
        } else if matches!(family, Family::Decimal3) {
            // 1.1.1 under 1.1
        }
        self.stack.push((family, ordinal));
        self.stack.len() as u8
    }

    fn emit_heading(&mut self, i: usize, from: usize, to: usize, m: MarkerToken) {
        let l = &self.ls[i];
        let marker = self.marker_of(l, &m, from);
        let level = self.level_for(m.family, m.ordinal);
        let after = from + m.len;
        // skip the separator
        let title_start = l.vis.text[after..to]
            .char_indices()
            .find(|&(_, c)| !is_ws(c))
            .map(|(k, _)| after + k)
            .unwrap_or(to);
        let body = &l.vis.text[title_start..to];
        let (mut section, glued) = if m.family == Family::Article {
            (self.article(l, i, title_start, to, marker, level), None)
        } else {
            let glued = self.find_glued_in_heading(body);
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
        self.in_article = m.family == Family::Article;
        self.cur_level = level;
        self.points.clear();
        self.last_was_point = false;
        self.items.push(Item::Head(Box::new(section)));
        self.seen_structure = true;
        if let Some((k, gm)) = glued {
            let at = title_start + k;
            self.emit_heading_at(i, at, to, gm);
        }
    }

    fn emit_heading_at(&mut self, i: usize, from: usize, to: usize, m: MarkerToken) {
        self.emit_heading(i, from, to, m);
    }

    fn glued_heading(&mut self, i: usize, rest_at: usize) {
        let l = &self.ls[i];
        if let Ok((_, m)) = marker::marker(&l.vis.text[rest_at..l.end]) {
            self.emit_heading(i, rest_at, l.end, m);
        }
    }

    /// A title line that ends in a heading: "窗口行业整治工作方案参考模板一、背景分析".
    fn split_glued_title(&self, i: usize) -> Option<(Text, usize)> {
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

    /// A heading run together with the next: "8.3社会效益显著一、背景分析1.1政策驱动…".
    fn find_glued_in_heading(&self, body: &str) -> Option<(usize, MarkerToken)> {
        let cut = scan::find(body, |c| SENTENCE_END.contains(&c)).map_or(body.len(), |(k, _)| k);
        let head = &body[..cut];
        // both kinds taken need 、 or a dot: most headings hold neither
        if !scan::contains(head, |c| matches!(c, '、' | '.' | '．')) {
            return None;
        }
        let cn_next = self
            .stack
            .iter()
            .find(|(f, _)| *f == Family::CnComma)
            .map(|x| x.1 + 1);
        marker::find_glued(head, |k, m| {
            let cn = m.family == Family::CnComma
                && &head[k + m.punct.0..k + m.punct.1] == "、"
                && (m.ordinal == 1 || Some(m.ordinal) == cn_next);
            let dec = m.family == Family::Decimal2 && m.ordinal == 1;
            cn || dec
        })
        .filter(|(k, m)| {
            let after = &head[*k + m.len..];
            !after.starts_with(|c: char| {
                crate::grammar::numeral::cn_digit(c).is_some() || c.is_ascii_digit()
            })
        })
    }

    fn article(
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
            children: vec![],
        }
    }

    #[allow(clippy::too_many_arguments)]
    fn heading_section(
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

    /// A one-sentence numbered line: a heading when body text or deeper structure follows,
    /// a run-in paragraph when its next sibling follows at once.
    fn sentence_heading_is_runin(&self, i: usize, family: Family) -> bool {
        match self.next_nonblank(i) {
            None => true,
            Some(j) => match &self.ls[j].class {
                Class::Marker(m) => {
                    m.family == family || self.stack.iter().any(|(f, _)| *f == m.family)
                }
                Class::Text => false,
                Class::Point(_) => false,
                _ => true,
            },
        }
    }

    fn unnumbered_heading(&mut self, i: usize) {
        let l = &self.ls[i];
        let t = l.text();
        let named = NAMED_UNNUMBERED.contains(&t);
        let level = if named {
            self.stack.clear();
            1
        } else {
            if let Some(pos) = self
                .stack
                .iter()
                .position(|(f, _)| *f == Family::Unnumbered)
            {
                self.stack.truncate(pos);
            } else {
                self.stack.clear();
            }
            self.stack.push((Family::Unnumbered, 0));
            self.stack.len() as u8
        };
        let text = t.trim_end_matches(['。', '：', ':']).to_string();
        let end = l.start + text.len();
        let title = Text {
            text,
            span: l.src(l.start, end),
        };
        let title_end = (end < l.end).then(|| Text {
            text: l.vis.text[end..l.end].to_string(),
            span: l.src(end, l.end),
        });
        self.in_article = false;
        self.cur_level = level;
        self.points.clear();
        self.last_was_point = false;
        self.seen_structure = true;
        self.items.push(Item::Head(Box::new(Section {
            level,
            marker: None,
            title,
            kind: HeadingKind::Standalone,
            title_end,
            run_in: None,
            span: l.span,
            elided: false,
            children: vec![],
        })));
    }

    // --------------------------------------------------------------- points

    fn point_accepted(&self, i: usize, p: &PointToken) -> bool {
        let l = &self.ls[i];
        if l.text().len() <= p.len {
            return false;
        }
        match p.family {
            PointFamily::Sequence | PointFamily::Qi => {
                // 首先 is a point only in a series: look for its next member before the next heading
                if p.ordinal != 1 {
                    return self.points.iter().any(|(f, _)| *f == p.family);
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

    fn emit_point(&mut self, i: usize, p: &PointToken) {
        let l = &self.ls[i];
        let level = if let Some(pos) = self.points.iter().position(|(f, _)| *f == p.family) {
            let lv = self.points[pos].1;
            self.points.truncate(pos + 1);
            lv
        } else if self.last_was_point && !self.points.is_empty() {
            let lv = self.points.last().unwrap().1 + 1;
            self.points.push((p.family, lv));
            lv
        } else {
            self.points.clear();
            let lv = self.cur_level + 1;
            self.points.push((p.family, lv));
            lv
        };
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
        self.seen_structure = true;
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
        self.last_was_point = true;
    }

    // ------------------------------------------------------------ paragraphs

    fn elision_of(&self, l: &Line, base: usize, h: &elision::ElisionHit) -> Elision {
        Elision {
            kind: h.kind,
            text: l.vis.text[base + h.start..base + h.end].to_string(),
            span: l.src(base + h.start, base + h.end),
            omitted_chars: h.omitted_chars,
            total_chars: h.total_chars,
        }
    }

    fn paragraph_of(&self, l: &Line, from: usize, to: usize) -> Option<Paragraph> {
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

    fn paragraph(&mut self, i: usize) {
        let l = &self.ls[i];
        if let Some(mut p) = self.paragraph_of(l, l.start, l.end) {
            p.span = l.span;
            self.items.push(Item::Leaf(Block::Paragraph(p)));
        } else if !l.span.is_empty() {
            self.items.push(Item::Leaf(Block::Chrome(Chrome {
                kind: ChromeKind::Markup,
                text: self.text_of(l),
                span: l.span,
            })));
        }
        self.last_was_point = false;
    }

    // ------------------------------------------------ whole-document decisions

    /// Runs of numbered fragments ending in ；— a list inside body text, not headings.
    fn fragment_lists(&self) -> Vec<usize> {
        let mut out = Vec::new();
        let n = self.ls.len();
        let mut i = 0;
        let mut run = Vec::new();
        while i < n {
            let Class::Marker(m) = &self.ls[i].class else {
                i += 1;
                continue;
            };
            let fam = m.family;
            run.clear();
            run.push(i);
            let mut j = i + 1;
            while j < n {
                if self.ls[j].is_blank() {
                    j += 1;
                    continue;
                }
                match &self.ls[j].class {
                    Class::Marker(m2) if m2.family == fam => {
                        run.push(j);
                        j += 1;
                    }
                    _ => break,
                }
            }
            if run.len() >= 2 && !fam.is_statute() {
                let fragments = run.iter().all(|&k| {
                    let t = self.ls[k].text();
                    let body = t.trim_end_matches(['；', ';', '。', '，', ',']);
                    !body.contains('。') && self.ls[k].chars() <= 40
                });
                let semis = run[..run.len() - 1]
                    .iter()
                    .filter(|&&k| self.ls[k].text().ends_with(['；', ';', '，', ',']))
                    .count();
                if fragments && semis * 2 >= run.len() - 1 && semis > 0 {
                    out.extend(run.iter().copied());
                }
            }
            i = j.max(i + 1);
        }
        out
    }

    /// Short unpunctuated lines that head the numbered sections below them.
    fn unnumbered_headings(&self) -> Vec<usize> {
        let n = self.ls.len();
        let mut named = Vec::new();
        let mut generic = Vec::new();
        let mut md = Vec::new();
        for i in self.body_start..n {
            let l = &self.ls[i];
            if self.role[i] != Role::Undecided || !matches!(l.class, Class::Text) {
                continue;
            }
            let t = l.text();
            if NAMED_UNNUMBERED.contains(&t) {
                named.push(i);
                continue;
            }
            let c = l.chars();
            if !(2..=30).contains(&c)
                || scan::contains(t, |c| {
                    matches!(
                        c,
                        '。' | '！' | '？' | '；' | ';' | '：' | ':' | '，' | ',' | '\t'
                    )
                })
                || fully_bracketed(t)
                || t.ends_with('、')
            {
                continue;
            }
            let Some(j) = self.next_nonblank(i) else {
                continue;
            };
            let next = &self.ls[j];
            let next_ok = match next.class {
                Class::Marker(_) | Class::Point(_) => true,
                Class::Text => next.chars() >= 40 || next.text().contains('。'),
                _ => false,
            };
            if !next_ok || next.text().contains('\t') || matches!(next.class, Class::Date(_)) {
                continue;
            }
            if self
                .prev_nonblank(i)
                .is_some_and(|p| matches!(self.ls[p].class, Class::Attachment(_)))
            {
                continue;
            }
            if l.vis.md_heading > 0 {
                md.push(i);
            } else {
                generic.push(i);
            }
        }
        let mut out = named;
        out.extend(md);
        if generic.len() >= 2 {
            out.extend(generic);
        }
        out
    }

    /// 发文机关署名: a short line right above a date, near a closing.
    fn signatures(&self) -> Vec<usize> {
        let mut out = Vec::new();
        for i in self.body_start..self.ls.len() {
            let l = &self.ls[i];
            if self.role[i] != Role::Undecided || !matches!(l.class, Class::Text) {
                continue;
            }
            let t = l.text();
            if l.chars() > 30 || scan::contains(t, |c| matches!(c, '。' | '，' | '：' | ':' | '；'))
            {
                continue;
            }
            if self
                .next_nonblank(i)
                .is_some_and(|j| matches!(self.ls[j].class, Class::Date(_)))
            {
                out.push(i);
            }
        }
        out
    }
}

/// Where a heading's title ends: before the first 。 or ； (or a full-width colon closing a short
/// run-in lead), or before an elision. Returns (byte offset, length of the terminator).
/// `el` is where the first elision in `body` starts.
fn title_cut(body: &str, el: Option<usize>) -> (usize, usize) {
    let mut best: Option<(usize, usize)> = None;
    let mut from = 0;
    while let Some((k, c)) = scan::find(&body[from..], |c| {
        matches!(c, '。' | '；' | ';' | '！' | '？' | '：')
    }) {
        let k = from + k;
        if c != '：' {
            best = Some((k, c.len_utf8()));
            break;
        }
        let lead = body[..k].chars().count();
        let rest = body[k + c.len_utf8()..].trim();
        if rest.is_empty() || lead <= 12 {
            best = Some((k, c.len_utf8()));
            break;
        }
        from = k + c.len_utf8();
    }
    // "政策驱动:制度依据 近年来,国家层面…": a heading set off from its body by a space
    // only a space before the terminator and the elision counts, so look no further
    let bound = best
        .map_or(body.len(), |(k, _)| k)
        .min(el.unwrap_or(body.len()));
    if let Some(gap) = space_gap(body, bound) {
        if best.is_none_or(|(k, _)| gap < k) && el.is_none_or(|e| gap < e) {
            return (gap, 0);
        }
    }
    match (best, el) {
        (Some((k, _)), Some(e)) if e < k => (e, 0),
        (Some(b), _) => b,
        (None, Some(e)) => (e, 0),
        (None, None) => (body.len(), 0),
    }
}

/// Where a point's title ends: the first 。 or ；, or an elision.
/// `el` is where the first elision in `body` starts.
fn point_title_cut(body: &str, el: Option<usize>) -> (usize, usize) {
    let el = el.unwrap_or(body.len());
    let k = scan::find(body, |c| matches!(c, '。' | '；' | ';' | '！' | '？'))
        .map_or(body.len(), |(k, _)| k);
    if el < k {
        (el, 0)
    } else {
        (k, 0)
    }
}

/// The first ' ' or U+3000 in `s`.
fn find_space(s: &str) -> Option<usize> {
    scan::find(s, |c| c == ' ' || c == '\u{3000}').map(|(k, _)| k)
}

/// A space inside a heading line that separates a short heading from a long body sentence.
/// Only a space before byte `bound` is looked for.
fn space_gap(body: &str, bound: usize) -> Option<usize> {
    let k = find_space(&body[..bound])?;
    let head = &body[..k];
    let rest = body[k..].trim_start_matches([' ', '\u{3000}']);
    // at least 4 and at least 20 characters, counted no further than that
    (head.chars().nth(3).is_some()
        && rest.chars().nth(19).is_some()
        && scan::contains(rest, |c| matches!(c, '。' | ',' | '，'))
        && !scan::contains(head, |c| matches!(c, '，' | '。')))
    .then_some(k)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn line_endings_from_spans_match_a_full_scan() {
        for src in [
            "",
            "a",
            "a\n",
            "a\nb",
            "a\r\nb\r\n",
            "a\rb",
            "a\r",
            "a\n\r\n",
            "\r\r\n\n",
            "甲\r\n乙\r丙\n",
            "\n",
            "\r\n",
            "\r",
            "a\n\nb\r\r",
        ] {
            for md in [false, true] {
                let ls = lines(src, md);
                assert_eq!(newline_of(src, &ls), crate::decode::newline(src), "{src:?}");
            }
        }
    }

    #[test]
    fn title_cut_stops_at_the_first_terminator_or_elision() {
        assert_eq!(
            title_cut(
                "加强领导。各地要",
                elision::find("加强领导。各地要").first().map(|h| h.start)
            ),
            ("加强领导".len(), "。".len())
        );
        assert_eq!(
            title_cut(
                "加强领导……各地要。",
                elision::find("加强领导……各地要。").first().map(|h| h.start)
            ),
            ("加强领导".len(), 0)
        );
        assert_eq!(
            title_cut(
                "近期目标：到2025年",
                elision::find("近期目标：到2025年").first().map(|h| h.start)
            ),
            ("近期目标".len(), "：".len())
        );
        assert_eq!(
            title_cut(
                "加强领导",
                elision::find("加强领导").first().map(|h| h.start)
            ),
            ("加强领导".len(), 0)
        );
    }

    #[test]
    fn find_space_agrees_with_find() {
        for s in [
            "",
            "甲乙",
            "甲 乙",
            "甲\u{3000}乙",
            "、。\u{3000} ",
            "《》a b",
            "\u{3000}",
        ] {
            assert_eq!(find_space(s), s.find([' ', '\u{3000}']), "{s:?}");
        }
    }

    #[test]
    fn space_gap_needs_a_short_head_and_a_long_body() {
        let body = "政策驱动 近年来，国家层面出台了一系列支持数字经济发展的政策措施。";
        assert_eq!(space_gap(body, body.len()), Some("政策驱动".len()));
        assert_eq!(space_gap("政策 驱动", "政策 驱动".len()), None);
    }

    #[test]
    fn complete_titles_end_in_their_genre() {
        assert!(complete_title("调研报告"));
        assert!(complete_title("关于做好春耕工作的通知"));
        assert!(!complete_title("关于做好春耕工作的"));
        assert!(!complete_title("基层党组织建设"));
        assert!(continues_title("及下一步工作打算的报告"));
        assert!(!continues_title("基本情况"));
    }

    #[test]
    fn markup_left_between_blocks_becomes_chrome() {
        let src = "正文\n<b>2024年3月1日</b>\n";
        let doc = parse(src, &ParseOptions::default());
        let kinds: Vec<String> = doc
            .blocks
            .iter()
            .map(|b| match b {
                Block::Chrome(c) => format!("chrome:{}", c.span.text(src)),
                Block::Date(_) => "date".into(),
                Block::Title(_) => "title".into(),
                Block::Paragraph(_) => "paragraph".into(),
                other => format!("{other:?}"),
            })
            .collect();
        assert!(kinds.contains(&"chrome:<b>".to_string()), "{kinds:?}");
        assert!(kinds.contains(&"chrome:</b>".to_string()), "{kinds:?}");
        assert!(crate::tree::lossless::check(&doc, src).is_ok());
    }

    #[test]
    fn visible_text_in_a_gap_is_not_taken_as_markup() {
        let src = "甲乙丙";
        let ls = lines(src, false);
        let mut out = Vec::new();
        markup_gap(src, &ls[0], 0, 3, &mut out);
        assert!(out.is_empty());
    }

    #[test]
    fn fragment_list_is_not_headings() {
        let src = "一、范围\n应当具备以下条件：\n1.依法设立；\n2.运营满两年；\n3.无不良记录。\n";
        let doc = parse(src, &ParseOptions::default());
        assert_eq!(doc.sections().len(), 1);
        let items = doc.sections()[0]
            .children
            .iter()
            .filter(|b| matches!(b, Block::ListItem(_)))
            .count();
        assert_eq!(items, 3);
    }

    #[test]
    fn attachment_note_continuations_are_list_items() {
        let src = "一、要求\n正文。\n附件：1.名单\n      2.说明\n";
        let doc = parse(src, &ParseOptions::default());
        assert_eq!(doc.sections().len(), 1);
        let mut list = 0;
        doc.walk(&mut |b, _| list += usize::from(matches!(b, Block::ListItem(_))));
        assert_eq!(list, 1);
    }
}

//! Build the [`Document`] from classified lines.
//!
//! One pass over the lines decides, with the whole document in view, what each line is:
//! chrome, title, byline, heading (and at which level), point, list item, paragraph or element.
//! Levels follow the document's own order of marker families: the first family met is level 1,
//! a family met inside it is level 2, and so on; GB/T order is only the default expectation.
//!
//! The passes, in order: the roles known from a line alone, the leading chrome
//! ([`chrome`]), the title block ([`title`], [`byline`]), then the body, line by line. The
//! items the body makes are nested into the tree ([`nest`]), after any markup that no block took
//! has been covered ([`markup_cover`]).

mod article;
mod attached;
mod byline;
mod chrome;
mod elements;
mod heading;
mod hierarchy;
mod lists;
mod markup_cover;
mod nest;
mod paragraph;
mod points;
mod run_in;
mod title;
mod unnumbered;

use super::model::*;
use crate::grammar::chrome::ChromeKind;
use crate::grammar::element::AttachmentKind;
use crate::grammar::line::{is_ws, lines, Class, Line};
use crate::grammar::scan;
use byline::looks_like_byline;
use hierarchy::Hierarchy;
use markup_cover::cover_markup;
use nest::{nest, Item, Items};
use title::{incomplete, title_candidate};

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
pub(super) fn newline_of(src: &str, ls: &[Line]) -> crate::decode::Newline {
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

/// What the builder decided for a line.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Role {
    Undecided,
    Blank,
    Chrome(ChromeKind),
    Title,
    Subtitle,
    Byline,
    Addressee,
    Signature,
}

pub(super) const SENTENCE_END: [char; 5] = ['。', '！', '？', '；', ';'];

pub(super) struct Builder<'s, 'l> {
    src: &'s str,
    ls: &'l [Line<'s>],
    role: Vec<Role>,
    meta: Meta,
    items: Items,
    /// The open families and point series.
    hier: Hierarchy,
    /// First line of the body (after the title block).
    body_start: usize,
}

pub(super) fn has_sentence_end(t: &str) -> bool {
    scan::contains(t, |c| SENTENCE_END.contains(&c))
}

pub(super) fn fully_bracketed(t: &str) -> bool {
    (t.starts_with('（') || t.starts_with('(')) && (t.ends_with('）') || t.ends_with(')'))
}

impl<'s, 'l> Builder<'s, 'l> {
    pub(super) fn new(src: &'s str, ls: &'l [Line<'s>]) -> Self {
        Builder {
            src,
            ls,
            role: vec![Role::Undecided; ls.len()],
            meta: Meta::default(),
            items: Items::for_lines(ls),
            hier: Hierarchy::default(),
            body_start: 0,
        }
    }

    pub(super) fn next_nonblank(&self, i: usize) -> Option<usize> {
        (i + 1..self.ls.len()).find(|&j| {
            !self.ls[j].is_blank() && !matches!(self.ls[j].class, Class::Chrome(ChromeKind::Markup))
        })
    }

    pub(super) fn prev_nonblank(&self, i: usize) -> Option<usize> {
        (0..i).rev().find(|&j| !self.ls[j].is_blank())
    }

    pub(super) fn text_of(&self, l: &Line) -> Text {
        Text {
            text: l.text().to_string(),
            span: l.text_span(),
        }
    }

    pub(super) fn run(&mut self) {
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

    pub(super) fn body(&mut self) {
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
                    if !self.hier.in_article() && self.point_accepted(i, &p) {
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
}

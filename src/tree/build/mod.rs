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
mod contents;
mod elements;
mod front_matter;
mod heading;
mod hierarchy;
mod lists;
mod markup_cover;
mod nest;
mod paragraph;
mod points;
mod run_in;
mod site_chrome;
mod structure;
mod title;
mod title_below;
mod unnumbered;

use super::model::*;
use crate::grammar::line::{read, Class, Layout, Line};
use crate::grammar::scan;
use crate::source::chars::ends_sentence;
use crate::source::hints::{Extra, ExtraKind, Hints, LineHint};
use crate::tree::ChromeKind;
use hierarchy::Hierarchy;
use markup_cover::cover_markup;
use nest::{nest, Item, Items};

/// How to read the input.
#[derive(Clone, Debug, Default)]
pub struct ParseOptions {
    /// Read Markdown constructs (front matter, `#` headings, `**`, links).
    pub markdown: bool,
    /// Byte ranges of the text that a reader knows to be the site's chrome (an HTML page's
    /// navigation, header and footer); their lines are chrome.
    pub chrome: Vec<crate::Span>,
}

/// Parse a whole document.
pub fn parse(src: &str, opts: &ParseOptions) -> Document {
    parse_hinted(src, opts, None)
}

/// Parse a whole document with what its reader's markup says of its lines (a DOCX's styles,
/// tables, contents, pictures and notes).
pub(crate) fn parse_hinted(src: &str, opts: &ParseOptions, hints: Option<&Hints>) -> Document {
    let (mut ls, mut layout) = read(src, opts.markdown);
    if let Some(h) = hints {
        apply_hints(&mut ls, h);
        if layout.is_none() && !h.layout.blocks.is_empty() {
            layout = Some(h.layout.clone());
        }
    }
    let mut b = Builder::new(src, &ls);
    b.md_done = vec![false; layout.as_ref().map_or(0, |l| l.blocks.len())];
    b.md = layout.unwrap_or_default();
    b.site = opts.chrome.clone();
    if let Some(h) = hints {
        b.hinted_contents = h.contents.clone();
        b.extras = h.extras.clone();
        b.hints = h.lines.clone();
    }
    b.run();
    b.flush_extras(usize::MAX);
    let mut doc = Document {
        schema: SCHEMA.to_string(),
        meta: b.meta,
        blocks: Vec::new(),
    };
    doc.meta.input = InputMeta {
        bytes: src.len(),
        lines: ls.len(),
        // a text in memory is UTF-8; `crate::parse` names the encoding the source was in
        encoding: "utf-8".to_string(),
        bom: src.starts_with('\u{feff}'),
        newline: format!(
            "{:?}",
            crate::source::lines::newline(src, ls.iter().map(|l| l.span))
        )
        .to_lowercase(),
        markdown: opts.markdown,
        omitted: hints
            .map(|h| h.omitted.iter().cloned().collect())
            .unwrap_or_default(),
    };
    doc.blocks = match b.items {
        Items::Nest(n) => n.finish(),
        Items::Collect(items) => nest(cover_markup(src, &ls, items)),
    };
    doc
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
    /// A line of a table of contents.
    Contents,
    /// The 发文机关标志 over the 发文字号.
    Banner,
    /// The 令号 or 期号 under a 命令（令）'s or 纪要's mark.
    Serial,
    /// A 版头 element above the 发文机关标志: 份号, 密级, 紧急程度, 签发人.
    Head(crate::grammar::element::HeadElement),
    /// A 发文字号 with its 签发人 on the same line.
    NumberAndSigner,
    /// A line of block `k` of the Markdown structure (a table, a list, a quotation, …).
    Structure(usize),
}

impl Role {
    /// The role a line has by its class alone, before any pass decides more.
    pub(super) fn of_class(l: &Line) -> Role {
        match l.class {
            Class::Blank | Class::Markup => Role::Blank,
            Class::Chrome(k) => Role::Chrome(k),
            _ => Role::Undecided,
        }
    }
}

/// What the body expects of the next lines, besides what any line may be.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Expect {
    /// Nothing in particular.
    Anything,
    /// The title of an attached document, after 附件 or a 落款.
    AttachedTitle,
    /// The numbered lines that continue a 附件说明 (附件：1.… / 2.…).
    NoteItems,
}

/// Whole-document decisions made before the body's line loop, one flag per line, so that a
/// lookup per line does not cost a scan of the whole document.
struct Marks {
    /// Items of a list of fragments, not headings.
    list: Vec<bool>,
    /// Unnumbered headings.
    unnumbered: Vec<bool>,
    /// The 发文机关署名 of a 落款.
    signature: Vec<bool>,
    /// A 落款's date without a day (2024年7月).
    month_date: Vec<bool>,
}

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
    /// The tables of contents, as ranges of lines.
    contents: Vec<(usize, usize)>,
    /// The Markdown structure: its blocks, and which of them have been made.
    md: Layout,
    md_done: Vec<bool>,
    /// Each table's caption line: (block, line).
    captions: Vec<(usize, usize)>,
    /// The chrome the reader marked ([`ParseOptions::chrome`]).
    site: Vec<crate::Span>,
    /// What the reader's markup said: per line, the tables of contents it marked, and the
    /// blocks with no characters (pictures, notes, page breaks) still to be placed.
    hints: Vec<LineHint>,
    hinted_contents: Vec<std::ops::Range<usize>>,
    extras: Vec<Extra>,
}

/// Give the lines what the hints say: a heading style is a Markdown heading one level below
/// the title (`Heading 1` reads as `##`), a title style as `#`. A Word file is no scraped
/// page: a line that reads like a page's source or time line (时间：…, 日期：) or a listing's
/// file name is its text there. (A page pasted into Word keeps its navigation chrome.)
fn apply_hints(ls: &mut [Line], h: &Hints) {
    for (i, l) in ls.iter_mut().enumerate() {
        if matches!(
            l.class,
            Class::Chrome(crate::tree::ChromeKind::Source | crate::tree::ChromeKind::FileName)
        ) {
            l.class = Class::Text;
        }
        let hint = h.line(i);
        if l.vis.md_heading > 0 {
            continue;
        }
        if hint.heading > 0 {
            l.vis.md_heading = (hint.heading + 1).min(9);
        }
    }
}

pub(super) fn has_sentence_end(t: &str) -> bool {
    scan::contains(t, ends_sentence)
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
            contents: Vec::new(),
            md: Layout::default(),
            md_done: Vec::new(),
            captions: Vec::new(),
            site: Vec::new(),
            hints: Vec::new(),
            hinted_contents: Vec::new(),
            extras: Vec::new(),
        }
    }

    /// The hint of line `i`.
    pub(super) fn hint(&self, i: usize) -> LineHint {
        self.hints.get(i).copied().unwrap_or_default()
    }

    /// Whether the text at byte `at` is a number the reader generated (Word's automatic
    /// numbering).
    pub(super) fn is_generated(&self, at: usize) -> bool {
        if self.hints.is_empty() {
            return false;
        }
        let i = self
            .ls
            .partition_point(|l| l.span.start <= at)
            .saturating_sub(1);
        let Some(l) = self.ls.get(i) else {
            return false;
        };
        at < l.span.start + self.hint(i).generated as usize
    }

    /// Place the pictures, notes and page breaks that come before line `i`.
    fn flush_extras(&mut self, i: usize) {
        let n = self.extras.partition_point(|e| e.line <= i);
        if n == 0 {
            return;
        }
        let due: Vec<Extra> = self.extras.drain(..n).collect();
        for e in due {
            let at = crate::Span::new(e.at, e.at);
            let block = match e.kind {
                ExtraKind::Image { alt, src } => Block::Image(Image { alt, src, span: at }),
                ExtraKind::Note { label, text } => Block::Footnote(Footnote {
                    label,
                    references: vec![at],
                    text: Text { text, span: at },
                    span: at,
                }),
                ExtraKind::PageBreak => Block::Break(Break {
                    kind: BreakKind::Page,
                    span: at,
                }),
            };
            self.items.push(Item::Leaf(block));
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
            self.role[i] = Role::of_class(l);
        }
        self.site_chrome(&self.site.clone());
        self.structure_roles();
        self.leading_chrome();
        self.hinted_contents();
        self.contents_pass();
        self.title_block();
        self.body();
        self.front_matter();
    }

    /// The body, line by line: each line goes to the first step that takes it.
    fn body(&mut self) {
        let signatures = self.signatures();
        let marks = Marks {
            list: self.mask(self.fragment_lists()),
            unnumbered: self.mask(self.unnumbered_headings()),
            signature: self.mask(signatures.clone()),
            month_date: self.mask(self.month_dates(&signatures)),
        };
        let mut expect = Expect::Anything;
        let mut i = 0;
        while i < self.ls.len() {
            if !self.extras.is_empty() {
                self.flush_extras(i);
            }
            // an image or a table after 附件 is the attachment itself: no title follows
            if matches!(self.role[i], Role::Structure(_)) {
                expect = Expect::Anything;
            }
            i = self
                .decided_line(i)
                .or_else(|| self.front_line(i))
                .or_else(|| self.appendix_title(i, &mut expect))
                .or_else(|| self.titled_part(i, &mut expect))
                .or_else(|| self.attached_title(i, &mut expect))
                .or_else(|| self.note_item(i, &mut expect))
                .or_else(|| (!marks.list[i]).then(|| self.title_below(i)).flatten())
                .unwrap_or_else(|| self.classified_line(i, &marks, &mut expect));
        }
    }

    /// One flag per line, set for `lines`.
    fn mask(&self, lines: Vec<usize>) -> Vec<bool> {
        let mut m = vec![false; self.ls.len()];
        for i in lines {
            if let Some(x) = m.get_mut(i) {
                *x = true;
            }
        }
        m
    }

    /// A line whose role an earlier pass decided: blank, chrome, title, subtitle, byline or a
    /// table of contents.
    fn decided_line(&mut self, i: usize) -> Option<usize> {
        match self.role[i] {
            Role::Blank => self.blank_line(i),
            Role::Chrome(k) => self.chrome_line(i, k),
            Role::Title => return Some(self.emit_title_group(i, false)),
            Role::Subtitle => self.emit_subtitle(i),
            Role::Byline => self.byline(i),
            Role::Contents => return Some(self.contents_block(i)),
            Role::Banner => self.element(i, Block::Banner),
            Role::Serial => self.element(i, Block::Serial),
            Role::NumberAndSigner => self.number_and_signer(i),
            Role::Head(k) => {
                use crate::grammar::element::HeadElement::*;
                let make = match k {
                    CopyNumber => Block::CopyNumber,
                    Secrecy => Block::Secrecy,
                    Urgency => Block::Urgency,
                    Signer => Block::Signer,
                };
                self.element(i, make)
            }
            Role::Structure(k) => {
                return match self.structure_line(i, k) {
                    None => self.decided_line(i),
                    next => next,
                }
            }
            _ => return None,
        }
        Some(i + 1)
    }

    /// A line above the body's start that no earlier pass took is a paragraph.
    fn front_line(&mut self, i: usize) -> Option<usize> {
        (i < self.body_start).then(|| {
            self.paragraph(i);
            i + 1
        })
    }

    /// Any other line, by what it looks like.
    fn classified_line(&mut self, i: usize, marks: &Marks, expect: &mut Expect) -> usize {
        let l = &self.ls[i];
        match &l.class {
            Class::Marker(m) if !marks.list[i] => {
                if !self.try_heading(i, m.clone()) {
                    self.paragraph(i);
                }
            }
            Class::Marker(m) => self.list_item(i, m),
            Class::Point(p) => self.point_line(i, p),
            Class::Elision => self.elision_line(i),
            Class::DocNumber(d) => self.doc_number(i, d),
            Class::Date(d) => self.date_line(i, d, marks.signature[i], expect),
            Class::Attachment(k) => *expect = self.attachment(i, *k),
            Class::CopyTo => self.element(i, Block::CopyTo),
            Class::Imprint => self.element(i, Block::Imprint),
            Class::Note => self.element(i, Block::Note),
            Class::PageBreak => {
                let span = self.ls[i].text_span();
                self.items.push(Item::Leaf(Block::Break(Break {
                    kind: crate::tree::BreakKind::Page,
                    span,
                })));
            }
            Class::Text => self.text_line(i, marks, expect),
            _ => self.paragraph(i),
        }
        i + 1
    }

    /// A line of plain text: a 落款's signature, an unnumbered heading, the 主送机关, or a
    /// paragraph.
    fn text_line(&mut self, i: usize, marks: &Marks, expect: &mut Expect) {
        if marks.signature[i] {
            self.signature(i);
        } else if let Some(d) = marks.month_date[i]
            .then(|| crate::grammar::element::month_date_line(self.ls[i].text()))
            .flatten()
        {
            self.date_line(i, &d, true, expect);
        } else if marks.unnumbered[i] {
            self.unnumbered_heading(i);
        } else if self.addressee_here(i) {
            self.addressee(i);
        } else {
            self.paragraph(i);
        }
    }
}

#[cfg(test)]
mod tests {

    #[test]
    fn example_parse() {
        use crate::tree::build::{parse, ParseOptions};

        let doc = parse(
            "关于加强管理的通知\n一、总体要求\n（一）指导思想。坚持……\n",
            &ParseOptions::default(),
        );
        assert_eq!(doc.meta.title.as_deref(), Some("关于加强管理的通知"));
        let secs = doc.sections();
        assert_eq!(secs.len(), 2);
        assert_eq!((secs[0].level, secs[1].level), (1, 2));
        assert_eq!(secs[1].title.text, "指导思想");
    }
}

//! The tree → a docx-rs document: one paragraph per block, runs in the face of their role;
//! tables, lists, quotations, pictures, footnotes and breaks in `document/blocks.rs`.

mod blocks;
mod head;
mod image;
mod imprint;

use super::fonts::{face_in, run_fonts, Role};
use super::layout::Layout;
use super::pages;
use super::styles;
use super::wml::{
    exact, AlignmentType, BodyChild, Border, BorderType, Borders, BreakType, Ctx, Paragraph, Run,
    Shading, ShdType, SpecialIndentType, TabStop, TabValueType,
};
use super::Warning;
use super::{xml_text, DocxOptions, ElisionMode};
use crate::tree::Document;
use crate::tree::Family;
use crate::tree::{
    Attachment, AttachmentKind, Block, Element, Elision, HeadingKind, ListItem, Marker,
    Paragraph as TParagraph, Point, Section, Title,
};
use crate::Span;
use docx_rs::{Docx, FieldCharType, Footer, InstrPAGE, InstrText, PageMargin};
use std::cell::{Cell, RefCell};
use std::collections::HashMap;
use unicode_width::UnicodeWidthStr;

/// The GB/T 15834 ellipsis: six dots in two character cells (fact sheet §10).
pub const ELLIPSIS: &str = "……";
/// A whole omitted paragraph: twelve dots on a line of their own (fact sheet §10).
pub const ELLIPSIS_LINE: &str = "…………";
/// "附件：" is three characters wide; further attachment names align after it.
pub const ATTACHMENT_LABEL_CHARS: i32 = 300;
/// "抄送：" is three 4号 characters wide; wrapped 抄送 lines align after it (clause 7.4.2).
pub const COPY_TO_LABEL_CHARS: i32 = 3;

/// The line of a 版记 rule's empty paragraph (twips; 1 pt).
const IMPRINT_RULE_LINE: u32 = 20;
/// Grey shading that marks an elision as not part of the original text.
pub const ELISION_SHADING: &str = "D9D9D9";

/// What [`write_body`] leaves for the rest of the package.
pub struct Body {
    /// The notes referred to, as `w:footnote` elements (without the separators), if any.
    pub footnotes: Vec<u8>,
    /// The pictures' parts: name under `word/media/`, bytes, relationship id.
    pub media: Vec<Media>,
    /// What could not be written as the tree asked.
    pub warnings: Vec<Warning>,
    /// The last section (a blank page and the 版记's) shows no page numbers.
    pub unnumbered_tail: bool,
    /// Page 1 shows no page number (a 信函's).
    pub unnumbered_first: bool,
}

/// A picture's part.
pub struct Media {
    /// Its name under `word/media/`, with the extension its bytes call for.
    pub name: String,
    /// Its bytes.
    pub bytes: Vec<u8>,
    /// The relationship id the drawing refers to it by.
    pub rid: String,
}

/// How many bytes of body XML are gathered before they go to the sink.
const FLUSH_BYTES: usize = 1 << 16;

/// Write the body of `doc` (`w:body`'s paragraphs and tables, without the section
/// properties) to `sink`, block by block; pictures are read from `package` (a DOCX source's)
/// when it holds them.
///
/// `section` is the document's section properties (`w:sectPr`), which a section break in the
/// body repeats.
pub fn write_body(
    doc: &Document,
    opts: &DocxOptions,
    package: Option<&[u8]>,
    section: &str,
    sink: &mut dyn std::io::Write,
) -> std::io::Result<Body> {
    let l = opts.layout();
    let imprint_from = match opts.style {
        super::Style::Gbt => imprint_start(doc),
        super::Style::Plain => None,
    };
    let mut notes = HashMap::new();
    let mut anchors = Vec::new();
    doc.walk(&mut |b, _| {
        if let Block::Footnote(n) = b {
            if !n.references.is_empty() && n.references.iter().all(|r| r.is_empty()) {
                // a Word note: referred to at a place in the text, not by a `[^label]`
                anchors.extend(n.references.iter().map(|r| (r.start, n, Cell::new(false))));
            } else {
                // the first definition of a label wins, as in CommonMark
                notes.entry(n.label.as_str()).or_insert(n);
            }
        }
    });
    anchors.sort_by_key(|a| a.0);
    let mut w = BodyWriter {
        opts,
        l,
        ctx: Ctx {
            first_line_twips: l.chars_to_twips(l.first_line_chars),
            first_line_chars: l.first_line_chars,
        },
        last: None,
        buf: Vec::with_capacity(FLUSH_BYTES * 2),
        sink,
        failed: None,
        after_copy_to: false,
        pages: pages::Pages::new(l),
        imprint_from,
        imprint: None,
        section,
        unnumbered_tail: false,
        unnumbered_first: false,
        minutes: false,
        after_byline: false,
        after_head: false,
        after_attachment_label: false,
        attachment_list: false,
        frame: Frame {
            left: 0,
            first_line: true,
        },
        list_base: 0,
        list_depth: 0,
        notes,
        anchors,
        next_note: Cell::new(1),
        footnotes: RefCell::new(Vec::new()),
        next_pic: 1,
        media: Vec::new(),
        package: image::Package::new(package),
        warnings: Vec::new(),
    };
    let head = match opts.style {
        super::Style::Gbt => head::head_len(&doc.blocks),
        super::Style::Plain => 0,
    };
    if head > 0 {
        let format = opts.format.unwrap_or_else(|| super::HeadFormat::of(doc));
        w.minutes = format == super::HeadFormat::Minutes;
        w.head(&doc.blocks[..head], format);
    }
    w.blocks(&doc.blocks[head..]);
    w.left_over_notes(usize::MAX);
    w.finish();
    if let Some(e) = w.failed {
        return Err(e);
    }
    Ok(Body {
        footnotes: w.footnotes.into_inner(),
        media: w.media,
        warnings: w.warnings,
        unnumbered_tail: w.unnumbered_tail,
        unnumbered_first: w.unnumbered_first,
    })
}

/// Where the 版记 starts: the span start of the first of the 抄送 and 印发 blocks the
/// document ends with (chrome aside), if it ends with any.
fn imprint_start(doc: &Document) -> Option<usize> {
    let mut leaves: Vec<&Block> = Vec::new();
    doc.walk(&mut |b, _| {
        if !matches!(b, Block::Section(_) | Block::Chrome(_)) {
            leaves.push(b);
        }
    });
    let mut start = None;
    for b in leaves.iter().rev() {
        match b {
            Block::CopyTo(e) | Block::Imprint(e) => start = Some(e.span.start),
            _ => break,
        }
    }
    start
}

/// The docx-rs document of everything but the body: styles, page size and margins, the
/// document grid, the page-number footers.
pub fn package(opts: &DocxOptions) -> Docx {
    let l = opts.layout();
    let mut docx = Docx::new()
        .styles(styles::styles(opts))
        .page_size(l.page_width, l.page_height)
        .page_margin(
            PageMargin::new()
                .top(l.margin_top as i32)
                .bottom(l.margin_bottom as i32)
                .left(l.margin_left as i32)
                .right(l.margin_right as i32)
                .header(851)
                .footer(l.footer_distance as i32)
                .gutter(0),
        );
    if l.doc_grid {
        docx.document = docx.document.doc_grid(
            docx_rs::DocGrid::new()
                .grid_type(docx_rs::DocGridType::Lines)
                .line_pitch(l.line_pitch as usize),
        );
    }
    if l.page_number_sides {
        docx = docx
            .footer(page_number_footer(opts, docx_rs::AlignmentType::Right))
            .even_footer(page_number_footer(opts, docx_rs::AlignmentType::Left));
    } else {
        docx = docx.footer(page_number_footer(opts, docx_rs::AlignmentType::Center));
    }
    docx
}

/// Where the blocks being written sit: inside a quotation or a list item, further in.
#[derive(Clone, Copy, Debug)]
struct Frame {
    /// Left indent of every paragraph (twips).
    left: i32,
    /// Whether paragraphs keep the body's first-line indent (not inside a list item, whose
    /// text aligns under its first line).
    first_line: bool,
}

/// The footer holding the page number "— N —" in 4号 宋体 (clause 7.5). The PAGE field is
/// written as styled field-character runs, because docx-rs's `PageNum` element cannot carry run
/// properties (docx-rs gap: unstyled PAGE field).
fn page_number_footer(opts: &DocxOptions, side: docx_rs::AlignmentType) -> Footer {
    use docx_rs::{AlignmentType, Paragraph, Run, SpecialIndentType};
    let l = opts.layout();
    let f = face_in(Role::PageNumber, opts.style, opts.fonts);
    let styled = |r: Run| r.fonts(run_fonts(f)).size(l.page_number_size);
    let (left, right) = match side {
        AlignmentType::Right => (0, l.page_number_inset as i32),
        AlignmentType::Left => (l.page_number_inset as i32, 0),
        _ => (0, 0),
    };
    let mut p = Paragraph::new()
        .align(side)
        .line_spacing(styles::exact(l.page_number_line))
        .indent(
            Some(left),
            Some(SpecialIndentType::FirstLine(0)),
            Some(right),
            None,
        );
    if l.page_number_dashes {
        p = p.add_run(styled(Run::new().add_text("\u{2014} ")));
    }
    p = p
        .add_run(styled(
            Run::new().add_field_char(FieldCharType::Begin, false),
        ))
        .add_run(styled(
            Run::new().add_instr_text(InstrText::PAGE(InstrPAGE::new())),
        ))
        .add_run(styled(
            Run::new().add_field_char(FieldCharType::Separate, false),
        ))
        .add_run(styled(Run::new().add_text("1")))
        .add_run(styled(Run::new().add_field_char(FieldCharType::End, false)));
    if l.page_number_dashes {
        p = p.add_run(styled(Run::new().add_text(" \u{2014}")));
    }
    Footer::new().add_paragraph(p)
}

struct BodyWriter<'a> {
    opts: &'a DocxOptions,
    l: &'static Layout,
    /// What every element is written with.
    ctx: Ctx,
    /// The last child pushed, not yet written: a note reference may still join it.
    last: Option<BodyChild>,
    /// Written children not yet passed to the sink.
    buf: Vec<u8>,
    /// Where the body goes.
    sink: &'a mut dyn std::io::Write,
    /// The sink's first error; nothing more is passed to it after one.
    failed: Option<std::io::Error>,
    after_copy_to: bool,
    /// Where the written children fall on pages.
    pages: pages::Pages,
    /// Where the 版记 starts (a block's span start), when the document ends with one.
    imprint_from: Option<usize>,
    /// The 版记's paragraphs, held back until the body is written, to be set at the foot of
    /// an even page.
    imprint: Option<Vec<BodyChild>>,
    /// The document's section properties, for a section break.
    section: &'a str,
    /// The last section shows no page numbers.
    unnumbered_tail: bool,
    /// Page 1 shows no page number.
    unnumbered_first: bool,
    /// The document is a 纪要: its 出席/请假/列席 labels are set in 黑体.
    minutes: bool,
    /// The block written last was a byline (a speech's speaker line).
    after_byline: bool,
    /// The block written last was the 版头: the title goes two lines under its separator.
    after_head: bool,
    /// The block written last was an attachment's 附件 line: its title goes on line 3.
    after_attachment_label: bool,
    /// Inside a 附件说明 list: its further items align with the first name.
    attachment_list: bool,
    /// Where the current blocks sit.
    frame: Frame,
    /// The left edge the outermost list is indented from.
    list_base: i32,
    /// Lists open around the current block.
    list_depth: i32,
    /// The footnotes by label.
    notes: HashMap<&'a str, &'a crate::tree::Footnote>,
    /// The notes referred to at a place of the source text (a DOCX source's): the byte offset
    /// of each reference, its note, whether it is written; by offset.
    anchors: Vec<(usize, &'a crate::tree::Footnote, Cell<bool>)>,
    /// The next footnote's id (1 up; Word keeps 0 and −1 for the separators).
    next_note: Cell<usize>,
    /// The notes written so far, as `w:footnote` elements.
    footnotes: RefCell<Vec<u8>>,
    /// The next picture's number.
    next_pic: usize,
    /// The pictures' parts.
    media: Vec<Media>,
    /// The source's DOCX package, which pictures are read from.
    package: image::Package<'a>,
    warnings: Vec<Warning>,
}

impl BodyWriter<'_> {
    /// A new paragraph with the layout's widow control.
    fn para(&self) -> Paragraph {
        Paragraph::new().widow_control(self.l.widow_control)
    }

    fn size(&self, role: Role) -> usize {
        match role {
            Role::Title => self.l.title_size,
            Role::PageNumber => self.l.page_number_size,
            _ => self.l.body_size,
        }
    }

    /// A run of `text` in the face and size of `role`.
    fn run(&self, text: &str, role: Role) -> Run {
        self.styled(xml_text::add_text(Run::new(), text), role)
    }

    /// Run properties of `role`: the face in all four slots, the size, spacing, bold.
    fn styled(&self, r: Run, role: Role) -> Run {
        let size = self.size(role);
        let mut r = r
            .fonts(face_in(role, self.opts.style, self.opts.fonts))
            .size(size);
        if size == self.l.body_size && self.l.char_spacing != 0 {
            r = r.character_spacing(self.l.char_spacing);
        }
        if let Role::Heading(level) = role {
            if self.opts.is_bold(level) {
                r = r.bold();
            }
        }
        r
    }

    fn sized_run(&self, text: &str, role: Role, size: usize) -> Run {
        xml_text::add_text(Run::new(), text)
            .fonts(face_in(role, self.opts.style, self.opts.fonts))
            .size(size)
    }

    fn elision_run(&self, written: &str, whole_line: bool, role: Role) -> Option<Run> {
        match self.opts.elisions {
            ElisionMode::Drop => None,
            ElisionMode::Raw => Some(self.run(written, role)),
            ElisionMode::Mark => {
                let t = if whole_line { ELLIPSIS_LINE } else { ELLIPSIS };
                Some(self.run(t, role).shading(Shading {
                    kind: ShdType::Clear,
                    color: "auto",
                    fill: ELISION_SHADING,
                }))
            }
        }
    }

    /// A paragraph with the body's 2-character first-line indent (clause 7.3.3), set in from
    /// the left as far as the quotation or list item it is in; in a list item, its lines align
    /// under the item's text, without a first-line indent.
    fn indented(&self) -> Paragraph {
        let left = self.frame.left;
        if !self.frame.first_line {
            return self.para().style(styles::NORMAL).indent(
                Some(left),
                Some(SpecialIndentType::FirstLine(0)),
                Some(0),
                None,
            );
        }
        self.para()
            .style(styles::NORMAL)
            .indent(
                Some(left),
                Some(SpecialIndentType::FirstLine(
                    self.l.chars_to_twips(self.l.first_line_chars),
                )),
                Some(0),
                None,
            )
            .first_line_chars(self.l.first_line_chars)
    }

    /// Add a body paragraph to the document.
    fn push(&mut self, p: Paragraph) {
        self.push_child(BodyChild::Paragraph(Box::new(p)));
    }

    /// Add a paragraph or table; the one before it is written now.
    fn push_child(&mut self, c: BodyChild) {
        if let Some(held) = &mut self.imprint {
            held.push(c);
            return;
        }
        self.pages.add(&c);
        if let Some(prev) = self.last.replace(c) {
            prev.write(&mut self.buf, &self.ctx);
            if self.buf.len() >= FLUSH_BYTES {
                self.drain();
            }
        }
    }

    /// Pass what is written to the sink.
    fn drain(&mut self) {
        if self.failed.is_none() {
            if let Err(e) = self.sink.write_all(&self.buf) {
                self.failed = Some(e);
            }
        }
        self.buf.clear();
    }

    /// Write the last child, and pass everything to the sink.
    fn finish(&mut self) {
        if let Some(held) = self.imprint.take() {
            self.place_imprint(held);
        }
        if let Some(prev) = self.last.take() {
            prev.write(&mut self.buf, &self.ctx);
        }
        self.drain();
    }

    /// A paragraph without indent, but as far in as the quotation or list item it is in.
    fn flush(&self, style: &str) -> Paragraph {
        self.para().style(style).indent(
            Some(self.frame.left),
            Some(SpecialIndentType::FirstLine(0)),
            Some(0),
            None,
        )
    }

    /// Runs for a text with elisions in it; the elisions are found in order by their text. The
    /// references to Word notes inside `span` go where they were in the source (one inside an
    /// elision after it).
    fn text_runs(
        &self,
        mut p: Paragraph,
        text: &str,
        span: Span,
        elisions: &[Elision],
        role: Role,
    ) -> Paragraph {
        let size = self.size(role);
        let notes = self.anchored_in(text, span);
        // the notes from `k` on, as offsets from `base`, up to (and with `inclusive`, at) `end`
        let take = |k: &mut usize, base: usize, end: usize, inclusive: bool| {
            let rest = &notes[*k..];
            let n = rest.partition_point(|x| x.0 < end || (inclusive && x.0 == end));
            *k += n;
            rest[..n]
                .iter()
                .map(|&(at, note)| (at.saturating_sub(base), note))
                .collect::<Vec<_>>()
        };
        let mut k = 0;
        let mut base = 0;
        let mut rest = text;
        for e in elisions {
            let Some(at) = rest.find(e.text.as_str()).filter(|_| !e.text.is_empty()) else {
                continue;
            };
            let here = take(&mut k, base, base + at, true);
            if at > 0 || !here.is_empty() {
                p = self.add_runs_noted(p, &rest[..at], role, size, &here);
            }
            if let Some(r) = self.elision_run(&e.text, false, role) {
                p = p.add_run(r);
            }
            base += at + e.text.len();
            for (_, n) in take(&mut k, base, base, false) {
                p = p.add_run(self.note_reference(n, role, size));
            }
            rest = &rest[at + e.text.len()..];
        }
        let here = take(&mut k, base, usize::MAX, true);
        if !rest.is_empty() || !here.is_empty() {
            p = self.add_runs_noted(p, rest, role, size, &here);
        }
        p
    }

    fn paragraph_runs(&self, p: Paragraph, para: &TParagraph, role: Role) -> Paragraph {
        self.text_runs(p, &para.text, para.span, &para.elisions, role)
    }

    fn marker_text(&self, m: &Marker) -> String {
        match (m.family, self.opts.arabic_dot) {
            (Family::ArabicDot, Some(dot)) if m.parents.is_empty() => {
                format!("{}{}", m.ordinal, dot)
            }
            _ => m.raw.clone(),
        }
    }

    fn blocks(&mut self, blocks: &[Block]) {
        for b in blocks {
            self.block(b);
        }
    }

    fn block(&mut self, b: &Block) {
        if let (Block::CopyTo(e) | Block::Imprint(e), Some(at)) = (b, self.imprint_from) {
            if e.span.start == at && self.imprint.is_none() {
                self.imprint = Some(Vec::new());
            }
        }
        let in_list = std::mem::take(&mut self.attachment_list);
        let after_byline = std::mem::replace(&mut self.after_byline, matches!(b, Block::Byline(_)));
        let after_head = std::mem::take(&mut self.after_head);
        let after_label = std::mem::replace(
            &mut self.after_attachment_label,
            matches!(b, Block::Attachment(a) if a.kind == AttachmentKind::Label),
        );
        match b {
            Block::Chrome(_) => {}
            Block::Title(t) => self.title(t, after_head),
            Block::Subtitle(t) => self.subtitle(t, after_label),
            // a byline is centred in 楷体; the 发文字号 centred (clause 7.2.5)
            Block::Byline(e) => self.line(&e.text.text, AlignmentType::Center, Role::Kai),
            Block::DocNumber(d) => self.line(&d.text.text, AlignmentType::Center, Role::Body),
            // a 令's or 纪要's number, centred like a 发文字号 (clause 10.2)
            Block::Serial(e) => self.line(&e.text.text, AlignmentType::Center, Role::Body),
            // flush left, one blank line below the title (clause 7.3.2)
            Block::Addressee(e) => self.line(&e.text.text, AlignmentType::Left, Role::Body),
            Block::Contents(c) => self.contents(c),
            // the 发文机关标志: centred, red, in the title's face (clause 7.2.3)
            Block::Banner(e) => {
                let p = self.flush(styles::TITLE).align(AlignmentType::Center);
                let run = self.run(&e.text.text, Role::Title).color("FF0000");
                self.push(p.add_run(run));
            }
            // 份号 flush left in 3号 figures; 密级和保密期限 and 紧急程度 flush left in 3号黑体
            // (clause 7.2.2, 7.2.3)
            Block::CopyNumber(e) => self.line(&e.text.text, AlignmentType::Left, Role::Body),
            Block::Secrecy(e) | Block::Urgency(e) => {
                self.line(&e.text.text, AlignmentType::Left, Role::Hei)
            }
            // 签发人 one character in from the right: the label in 仿宋, the names in 楷体
            // (clause 7.2.5)
            Block::Signer(e) => self.signer(&e.text.text),
            Block::Section(s) => self.section(s),
            Block::Point(pt) => self.point(pt),
            Block::ListItem(li) => self.list_item(li, in_list),
            Block::Paragraph(para) => {
                let p = match self.attendance_label(&para.text) {
                    // a 纪要's 出席：… line: the label in 黑体, the names in 仿宋 (clause 10.3)
                    Some(at) if para.elisions.is_empty() => self
                        .indented()
                        .add_run(self.run(&para.text[..at], Role::Hei))
                        .add_run(self.run(&para.text[at..], Role::Body)),
                    _ => self.paragraph_runs(self.indented(), para, Role::Body),
                };
                self.push(p);
            }
            Block::Elision(e) => {
                if let Some(r) = self.elision_run(&e.text, true, Role::Body) {
                    self.push(self.indented().add_run(r));
                }
            }
            Block::Attachment(a) => self.attachment(a),
            Block::Signature(e) => self.signature(e),
            // a speech's date, under its speaker's line, is centred like it
            Block::Date(d) if after_byline => {
                self.line(&d.text.text, AlignmentType::Center, Role::Body)
            }
            Block::Date(d) => {
                // 成文日期 four characters from the right (clause 7.3.5.1)
                let p = self.right_aligned(self.l.chars_to_twips(self.l.date_right_chars as i32));
                self.push(p.add_run(self.run(&d.text.text, Role::Body)));
            }
            Block::Note(e) => {
                // 附注: indented 2 characters, on the line after the date (clause 7.3.6)
                let p = self.indented();
                self.push(p.add_run(self.run(&e.text.text, Role::Body)));
            }
            Block::Table(t) => self.table(t),
            Block::List(l) => self.list(l),
            // an item outside a list: as if in an unnumbered one
            Block::Item(i) => {
                self.list_depth += 1;
                self.item(i, false, 0);
                self.list_depth -= 1;
            }
            Block::Quote(q) => self.quote(q),
            Block::Image(i) => self.image(i),
            // the note is written where it is referred to; a reference to it that no text
            // written so far held goes at the end of the paragraph before
            Block::Footnote(n) => self.left_over_notes(n.span.start),
            Block::Break(b) => self.break_block(b),
            Block::CopyTo(e) => self.copy_to(e),
            Block::Imprint(e) => self.imprint(e),
        }
    }

    /// In a 纪要, the byte length of a line's 出席/请假/列席/缺席 label with its colon.
    fn attendance_label(&self, text: &str) -> Option<usize> {
        if !self.minutes {
            return None;
        }
        ["出席", "请假", "列席", "缺席", "记录"]
            .iter()
            .find_map(|w| {
                let rest = text.strip_prefix(w)?;
                let colon = rest.chars().next().filter(|c| matches!(c, '：' | ':'))?;
                Some(w.len() + colon.len_utf8())
            })
    }

    /// The title; under a 版头, two lines below its red separator (clause 7.3.1).
    fn title(&mut self, t: &Title, after_head: bool) {
        let l = self.l;
        let p = self.title_lines(self.flush(styles::TITLE), t, Role::Title);
        let before = if after_head {
            super::layout::HEAD_GAP_LINES * l.line_pitch
        } else {
            0
        };
        let mut p = p.line_spacing(exact(l.line_pitch).before(before).after(l.line_pitch));
        if after_head {
            // counted from the separator, not moved down to the next line of the grid
            p = p.snap_to_grid(false);
        }
        self.push(p.align(AlignmentType::Center));
    }

    /// A subtitle; an attachment's title, right under its 附件 line, on line 3 (clause 7.3.7).
    fn subtitle(&mut self, t: &Title, after_label: bool) {
        let (style, role) = if t.marker.is_some() {
            (styles::SUBTITLE, Role::Kai)
        } else {
            // the title of an attached document (clause 7.3.7): set like a title
            (styles::TITLE, Role::Title)
        };
        let mut p = self.flush(style).align(AlignmentType::Center);
        if let Some(m) = &t.marker {
            p = p.add_run(self.run(&m.text, role));
        }
        let mut p = self.title_lines(p, t, role);
        if after_label && t.marker.is_none() {
            let pitch = self.l.line_pitch;
            p = p.line_spacing(exact(pitch).before(pitch));
        }
        self.push(p);
    }

    /// A line of its own, not indented, aligned as `align`.
    fn line(&mut self, text: &str, align: AlignmentType, role: Role) {
        let p = self.flush(styles::NORMAL).align(align);
        self.push(p.add_run(self.run(text, role)));
    }

    fn signer(&mut self, text: &str) {
        let p = self.signer_line(text);
        self.push(p);
    }

    fn point(&mut self, pt: &Point) {
        let p = self.point_runs(self.indented(), pt);
        self.push(p);
        self.blocks(&pt.children);
    }

    /// A point's marker, lead phrase and body, added to `p`.
    fn point_runs(&self, mut p: Paragraph, pt: &Point) -> Paragraph {
        p = p.add_run(self.run(&pt.marker.text, Role::Body));
        p = self.add_text(p, &pt.title, Role::Body);
        if let Some(body) = &pt.body {
            p = self.paragraph_runs(p, body, Role::Body);
        }
        p
    }

    fn list_item(&mut self, li: &ListItem, in_attachment_list: bool) {
        let l = self.l;
        let p = if in_attachment_list {
            // further attachments align with the first name, after 附件：(clause 7.3.4)
            let left = l.chars_to_twips(l.first_line_chars + ATTACHMENT_LABEL_CHARS);
            self.attachment_list = true;
            self.para().style(styles::NORMAL).indent(
                Some(left),
                Some(SpecialIndentType::FirstLine(0)),
                Some(0),
                None,
            )
        } else {
            self.indented()
        };
        let p = p.add_run(self.run(&self.marker_text(&li.marker), Role::Body));
        let p = self.add_text(p, &li.text, Role::Body);
        self.push(p);
    }

    fn attachment(&mut self, a: &Attachment) {
        let l = self.l;
        if a.kind == AttachmentKind::Label {
            // 附件 on a new page, 3号黑体 flush left on line 1 (clause 7.3.7)
            let p = self
                .flush(styles::NORMAL)
                .align(AlignmentType::Left)
                .page_break_before(true);
            self.push(p.add_run(self.run(&a.text.text, Role::Hei)));
        } else {
            // 附件说明: one blank line below the body, indented 2 characters (7.3.4)
            let p = self
                .indented()
                .line_spacing(exact(l.line_pitch).before(l.line_pitch));
            self.push(p.add_run(self.run(&a.text.text, Role::Body)));
            self.attachment_list = true;
        }
    }

    /// A table of contents: the label centred in 黑体, each entry flush left as written.
    fn contents(&mut self, c: &crate::tree::Contents) {
        if let Some(label) = &c.label {
            self.line(&label.text, AlignmentType::Center, Role::Hei);
        }
        for e in &c.entries {
            self.line(&e.text, AlignmentType::Left, Role::Body);
        }
    }

    /// 抄送: 1 character in from each side, wrapped lines aligned with the first name after
    /// 抄送： (clause 7.4.2), under the 版记's first rule.
    fn copy_to(&mut self, e: &Element) {
        let l = self.l;
        let hang = COPY_TO_LABEL_CHARS * l.imprint_size as i32 * 10;
        self.imprint_rule(l.imprint_rule_thick, l.line_pitch);
        let p = self
            .imprint_paragraph()
            .indent(
                Some(l.imprint_inset as i32 + hang),
                Some(SpecialIndentType::Hanging(hang)),
                Some(l.imprint_inset as i32),
                None,
            )
            .line_spacing(exact(l.line_pitch));
        let p = p.add_run(self.sized_run(&e.text.text, Role::Body, l.imprint_size));
        self.push(p);
        self.after_copy_to = true;
    }

    fn title_lines(&self, mut p: Paragraph, t: &Title, role: Role) -> Paragraph {
        // wrapped lines stay one paragraph; the author's breaks are kept (clause 7.3.1)
        for (i, line) in t.lines.iter().enumerate() {
            if i > 0 {
                p = p.add_run(self.styled(Run::new().add_break(BreakType::TextWrapping), role));
            }
            p = p.add_run(self.run(&line.text, role));
        }
        p
    }

    fn section(&mut self, s: &Section) {
        let level = s.level.max(1);
        let font_level = s
            .marker
            .as_ref()
            .and_then(|m| m.family.gbt_level())
            .unwrap_or(level);
        let marker = s.marker.as_ref().map(|m| self.marker_text(m));
        let structural = matches!(
            s.marker.as_ref().map(|m| m.family),
            Some(
                Family::Volume | Family::Part | Family::SubPart | Family::Chapter | Family::Section
            )
        );
        match s.kind {
            HeadingKind::Standalone => {
                let role = if structural {
                    Role::Hei
                } else {
                    Role::Heading(font_level)
                };
                let mut p = if structural {
                    // 第一章 总则: centred, no indent
                    self.flush(&styles::heading_id(level))
                        .align(AlignmentType::Center)
                } else {
                    self.indented().style(&styles::heading_id(level))
                };
                if let Some(m) = &marker {
                    p = p.add_run(self.run(m, role));
                    if structural && !s.title.text.is_empty() {
                        p = p.add_run(self.run("\u{3000}", role));
                    }
                }
                p = self.add_text(p, &s.title, role);
                if let Some(end) = &s.title_end {
                    p = p.add_run(self.run(&end.text, role));
                }
                self.push(p.keep_next(true));
            }
            HeadingKind::RunIn | HeadingKind::Article => {
                // the heading sentence in the heading face, the body in 仿宋 (fact sheet §8.3)
                let role = if s.kind == HeadingKind::Article {
                    Role::Hei
                } else {
                    Role::Heading(font_level)
                };
                let mut p = self.indented();
                if let Some(m) = &marker {
                    p = p.add_run(self.run(m, role));
                }
                if s.kind == HeadingKind::Article && s.title.text.is_empty() {
                    p = p.add_run(self.run("\u{3000}", Role::Body));
                }
                if !s.title.text.is_empty() {
                    p = self.add_text(p, &s.title, role);
                }
                if let Some(end) = &s.title_end {
                    p = p.add_run(self.run(&end.text, role));
                }
                if let Some(body) = &s.run_in {
                    p = self.paragraph_runs(p, body, Role::Body);
                }
                self.push(p);
            }
        }
        self.blocks(&s.children);
    }

    fn signature(&mut self, e: &Element) {
        // single organ, sealed form: the name centred over the date, the date 4 characters
        // from the right (clause 7.3.5.1)
        let l = self.l;
        let pitch = l.char_pitch();
        let name_w = UnicodeWidthStr::width(e.text.text.as_str()) as i32 * pitch / 2;
        let date_w = 10 * pitch; // "2012年7月1日" is about ten characters wide
        let date_right = l.chars_to_twips(l.date_right_chars as i32);
        let right = (date_right + date_w / 2 - name_w / 2).max(0);
        let p = self
            .right_aligned(right)
            .line_spacing(exact(l.line_pitch).before(l.line_pitch));
        self.push(p.add_run(self.run(&e.text.text, Role::Body)));
    }

    /// A body paragraph set flush right, `right` twips in from the right edge, no first-line
    /// indent (the date and the signature of the 落款).
    fn right_aligned(&self, right: i32) -> Paragraph {
        self.para()
            .style(styles::NORMAL)
            .align(AlignmentType::Right)
            .indent(
                Some(0),
                Some(SpecialIndentType::FirstLine(0)),
                Some(right),
                None,
            )
    }

    /// A 版记 line: 4号, 1 character in from each side (clause 7.4).
    fn imprint_paragraph(&self) -> Paragraph {
        let l = self.l;
        let inset = l.imprint_inset as i32;
        self.para()
            .style(styles::NORMAL)
            .align(AlignmentType::Left)
            .indent(
                Some(inset),
                Some(SpecialIndentType::FirstLine(0)),
                Some(inset),
                None,
            )
            .line_spacing(exact(l.line_pitch))
    }

    /// A 版记 rule `size` eighths of a point wide, as wide as the type area (clause 7.4.1):
    /// an empty paragraph of 1 pt with a bottom border, `before` twips under what is above.
    fn imprint_rule(&mut self, size: usize, before: u32) {
        let p = self
            .flush(styles::NORMAL)
            .line_spacing(exact(IMPRINT_RULE_LINE).before(before))
            .snap_to_grid(false)
            .set_borders(Borders {
                top: None,
                bottom: Some(Border {
                    val: BorderType::Single,
                    size,
                    space: 0,
                    color: "000000",
                }),
            });
        self.push(p);
    }

    fn imprint(&mut self, e: &Element) {
        // 印发机关 one character from the left, 印发日期 one character from the right
        // (clause 7.4.3), between the last two rules
        let l = self.l;
        if self.after_copy_to {
            self.imprint_rule(l.imprint_rule_thin, 0);
        } else {
            self.imprint_rule(l.imprint_rule_thick, l.line_pitch);
        }
        let mut p = self.imprint_paragraph();
        let text = e.text.text.trim();
        let right_stop = (l.text_width() - 2 * l.imprint_inset) as usize;
        if let Some((organ, date)) = text.rsplit_once(char::is_whitespace) {
            p = p
                .add_tab(TabStop {
                    val: TabValueType::Right,
                    pos: right_stop,
                })
                .add_run(self.sized_run(organ.trim_end(), Role::Body, l.imprint_size))
                .add_run(
                    self.styled(Run::new().add_tab(), Role::Body)
                        .size(l.imprint_size),
                )
                .add_run(self.sized_run(date, Role::Body, l.imprint_size));
        } else {
            p = p.align(AlignmentType::Right).add_run(self.sized_run(
                text,
                Role::Body,
                l.imprint_size,
            ));
        }
        self.push(p);
        self.imprint_rule(l.imprint_rule_thick, 0);
        self.after_copy_to = false;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn example_module() {
        use crate::write::docx::{document, DocxOptions};
        let doc = crate::parse_str("关于加强管理的通知\n一、总体要求\n正文。\n");
        let mut out = Vec::new();
        document::write_body(&doc, &DocxOptions::default(), None, "", &mut out).unwrap();
        assert!(String::from_utf8(out).unwrap().matches("<w:p>").count() >= 3);
    }

    /// The body XML of `doc`, and its notes.
    pub(super) fn body_xml(doc: &Document, opts: &DocxOptions) -> (String, String) {
        let mut out = Vec::new();
        let body = write_body(doc, opts, None, "", &mut out).unwrap();
        (
            String::from_utf8(out).unwrap(),
            String::from_utf8(body.footnotes).unwrap(),
        )
    }

    #[test]
    fn a_failing_sink_is_an_error() {
        struct Full;
        impl std::io::Write for Full {
            fn write(&mut self, _: &[u8]) -> std::io::Result<usize> {
                Err(std::io::Error::other("disk full"))
            }
            fn flush(&mut self) -> std::io::Result<()> {
                Ok(())
            }
        }
        let doc = crate::parse_str("标题\n正文。\n");
        let e = write_body(&doc, &DocxOptions::default(), None, "", &mut Full).err();
        assert_eq!(e.map(|e| e.to_string()), Some("disk full".into()));
    }

    #[test]
    fn the_body_is_passed_on_as_it_is_written() {
        // far more than one flush of text: the sink sees it in several writes
        struct Count(usize, usize);
        impl std::io::Write for Count {
            fn write(&mut self, b: &[u8]) -> std::io::Result<usize> {
                self.0 += 1;
                self.1 = self.1.max(b.len());
                Ok(b.len())
            }
            fn flush(&mut self) -> std::io::Result<()> {
                Ok(())
            }
        }
        let src = "标题\n".to_string() + &"正文一段，内容不长。\n\n".repeat(5000);
        let doc = crate::parse_str(&src);
        let mut c = Count(0, 0);
        write_body(&doc, &DocxOptions::default(), None, "", &mut c).unwrap();
        assert!(c.0 > 10, "{} writes", c.0);
        assert!(c.1 < 4 * FLUSH_BYTES, "a write of {} bytes", c.1);
    }
    use crate::write::docx::layout::GBT;
    use crate::write::docx::Style;

    fn xml(src: &str, opts: &DocxOptions) -> String {
        body_xml(&crate::parse_str(src), opts).0
    }

    const IMPRINT: &str = "抄送：县委办公室。\n江北县人民政府办公室　2025年5月6日印发\n";

    #[test]
    fn the_imprint_is_framed_at_the_foot_of_an_even_page() {
        // a short body ends on page 1: a section break, then the 版记 alone on page 2
        let doc = crate::parse_str(&format!("关于春耕的通知\n\n正文一段。\n\n{IMPRINT}"));
        let mut out = Vec::new();
        let got = write_body(&doc, &DocxOptions::default(), None, "<w:sectPr/>", &mut out).unwrap();
        let x = String::from_utf8(out).unwrap();
        let at = x.find("抄送").unwrap();
        assert!(x[..at].contains("<w:sectPr/>"));
        assert!(got.unnumbered_tail);
        assert!(x[at..].contains("w:framePr"));
        // its last rule's frame ends on the type area's foot
        let l = DocxOptions::default().layout();
        let foot = l.margin_top + l.text_height();
        let frames: Vec<(u32, u32)> = x
            .match_indices("<w:framePr ")
            .map(|(i, _)| {
                let el = &x[i..i + x[i..].find("/>").unwrap()];
                let attr = |k: &str| -> u32 {
                    let v = &el[el.find(&format!("w:{k}=\"")).unwrap() + k.len() + 4..];
                    v[..v.find('"').unwrap()].parse().unwrap()
                };
                (attr("y"), attr("h"))
            })
            .collect();
        assert_eq!(frames.len(), 5, "three rules and two lines");
        let (y, h) = *frames.last().unwrap();
        assert_eq!(y + h, foot);
        assert!(
            frames.windows(2).all(|w| w[0].0 + w[0].1 == w[1].0),
            "{frames:?}"
        );
        // the plain style leaves it in the flow
        let plain = DocxOptions {
            style: crate::write::docx::Style::Plain,
            ..Default::default()
        };
        assert!(
            !xml(&format!("关于春耕的通知\n\n正文。\n\n{IMPRINT}"), &plain).contains("w:framePr")
        );
    }

    #[test]
    fn a_full_even_page_puts_a_blank_page_before_the_imprint_in_a_section_of_its_own() {
        // a title and its blank line, then paragraphs of two lines: 21 of them fill pages 1
        // and 2 to their last line
        let body = "正文一段，写满一整行的文字，直到这一行写满为止还要再写几个字。\n".repeat(21);
        let src = format!("关于春耕的通知\n\n{body}\n{IMPRINT}");
        let doc = crate::parse_str(&src);
        let mut out = Vec::new();
        let got = write_body(&doc, &DocxOptions::default(), None, "<w:sectPr/>", &mut out).unwrap();
        let x = String::from_utf8(out).unwrap();
        // so the 版记 goes on page 4, after a blank page 3
        assert_eq!(x.matches("<w:sectPr/>").count(), 1);
        assert!(got.unnumbered_tail);
        let at = x.find("<w:sectPr/>").unwrap();
        assert!(x[at..].contains("<w:pageBreakBefore/>"));
    }

    #[test]
    fn title_over_two_lines_is_one_paragraph() {
        let x = xml(
            "国务院办公厅关于推进\n政务新媒体健康有序发展的意见\n一、总体要求\n正文。\n",
            &DocxOptions::default(),
        );
        assert_eq!(x.matches("w:val=\"Title\"").count(), 1, "{x}");
        assert!(x.contains("<w:br w:type=\"textWrapping\"/>"));
    }

    #[test]
    fn elisions_are_marked_dropped_or_raw() {
        let src = "标题\n一、总则\n正文开头。.....\n";
        let mark = xml(src, &DocxOptions::default());
        assert!(
            mark.contains("……") && mark.contains(ELISION_SHADING),
            "{mark}"
        );
        let drop = xml(
            src,
            &DocxOptions {
                elisions: ElisionMode::Drop,
                ..Default::default()
            },
        );
        assert!(!drop.contains("……") && !drop.contains("....."));
        let raw = xml(
            src,
            &DocxOptions {
                elisions: ElisionMode::Raw,
                ..Default::default()
            },
        );
        assert!(raw.contains(".....") && !raw.contains(ELISION_SHADING));
    }

    #[test]
    fn arabic_dot_is_a_setting() {
        let src = "标题\n一、总则\n（一）要求\n1.坚持导向。正文内容很长。\n";
        let x = xml(
            src,
            &DocxOptions {
                arabic_dot: Some('．'),
                ..Default::default()
            },
        );
        assert!(x.contains(">1．<"), "{x}");
        assert!(xml(src, &DocxOptions::default()).contains(">1.<"));
    }

    #[test]
    fn run_in_heading_shares_the_paragraph() {
        let src = "标题\n一、总则\n（一）坚持导向。增强意识，服务大局。\n";
        let x = xml(src, &DocxOptions::default());
        let para = x
            .split("<w:p>")
            .find(|p| p.contains("坚持导向"))
            .expect("paragraph");
        assert!(
            para.contains("楷体_GB2312") && para.contains("仿宋_GB2312"),
            "{para}"
        );
        assert!(para.contains("增强意识"));
    }

    #[test]
    fn further_attachments_align_with_the_first_name() {
        let src = "标题\n一、总则\n正文。\n\n附件：1.第一个附件名称\n      2.第二个附件名称\n\n某某办公室\n2024年3月1日\n";
        let x = xml(src, &DocxOptions::default());
        let para = x
            .split("<w:p>")
            .find(|p| p.contains("第二个附件"))
            .expect("paragraph");
        let want = format!("w:left=\"{}\"", GBT.chars_to_twips(500));
        assert!(para.contains(&want), "{para}");
    }

    #[test]
    fn a_speech_date_under_its_speaker_is_centred_and_a_closing_date_is_not() {
        let x = xml(
            "在全县工作会议上的讲话\n县长  王明\n（2025年2月18日）\n\n同志们：\n今天召开会议。\n\n县人民政府\n2025年2月18日\n",
            &DocxOptions::default(),
        );
        let para = |text: &str| {
            x.split("<w:p>")
                .find(|p| p.contains(text))
                .unwrap_or_else(|| panic!("{text} in {x}"))
                .to_string()
        };
        assert!(para("（2025年2月18日）").contains("<w:jc w:val=\"center\"/>"));
        let closing = x
            .split("<w:p>")
            .filter(|p| p.contains(">2025年2月18日<"))
            .last()
            .unwrap();
        assert!(closing.contains("<w:jc w:val=\"right\"/>"), "{closing}");
    }

    #[test]
    fn chrome_stays_out() {
        let src = "最新信息\n- C2670 提升安全生产能力调11-21\n标题\n一、总则\n正文。\n";
        let x = xml(src, &DocxOptions::default());
        assert!(!x.contains("C2670"));
    }

    #[test]
    fn plain_style_has_no_condensing() {
        let x = xml(
            "标题\n正文。\n",
            &DocxOptions {
                style: Style::Plain,
                ..Default::default()
            },
        );
        assert!(!x.contains("w:spacing w:val=\"-5\""));
    }
}

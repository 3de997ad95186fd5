//! The WordprocessingML elements of the body, written as a stream.
//!
//! The body (`word/document.xml`'s paragraphs and tables, and the notes of
//! `word/footnotes.xml`) is built from these small values and written out block by block,
//! never held whole. Each `write` puts an element's children in the order the OOXML schema
//! gives them (CT_PPr, CT_RPr, CT_TblPr, CT_TcPr, CT_Row), so that nothing written here has to
//! be read back and sorted. The builder methods are named like docx-rs's, which writes
//! everything else of the package.
//!
//! ```text
//! let p = Paragraph::new().style("Normal").align(AlignmentType::Center)
//!     .add_run(Run::new().add_text("正文").size(32));
//! let mut out = Vec::new();
//! p.write(&mut out, &Ctx::default());
//! // <w:p><w:pPr><w:pStyle w:val="Normal"/><w:jc w:val="center"/></w:pPr><w:r>…
//! ```

use super::fonts::Face;
pub use docx_rs::{
    AlignmentType, BorderType, BreakType, LineSpacingType, ShdType, SpecialIndentType,
    TabValueType, VAlignType, VMergeType,
};

/// What every element written shares: the body's first-line indent, whose width in
/// characters is written with it (`w:firstLineChars`, which docx-rs never writes) wherever a
/// paragraph has it in twips.
#[derive(Clone, Copy, Debug, Default)]
pub struct Ctx {
    /// The body's first-line indent (twips).
    pub first_line_twips: i32,
    /// The same in hundredths of a character.
    pub first_line_chars: i32,
}

/// `s` with `&`, `<`, `>` and `"` escaped, appended to `out`.
pub fn escape_into(out: &mut Vec<u8>, s: &str) {
    let b = s.as_bytes();
    let mut from = 0;
    for (i, &c) in b.iter().enumerate() {
        let rep: &[u8] = match c {
            b'&' => b"&amp;",
            b'<' => b"&lt;",
            b'>' => b"&gt;",
            b'"' => b"&quot;",
            _ => continue,
        };
        out.extend_from_slice(&b[from..i]);
        out.extend_from_slice(rep);
        from = i + 1;
    }
    out.extend_from_slice(&b[from..]);
}

/// Append formatted text (writing to a `Vec` cannot fail).
fn put(out: &mut Vec<u8>, args: std::fmt::Arguments) {
    let _ = std::io::Write::write_fmt(out, args);
}

macro_rules! w {
    ($out:expr, $($arg:tt)*) => { put($out, format_args!($($arg)*)) };
}

/// Line spacing (`w:spacing` of a paragraph).
#[derive(Clone, Copy, Debug, Default)]
pub struct LineSpacing {
    pub(super) before: Option<u32>,
    pub(super) after: Option<u32>,
    pub(super) line: Option<i32>,
    pub(super) rule: Option<LineSpacingType>,
}

impl LineSpacing {
    /// No spacing set.
    pub fn new() -> Self {
        Self::default()
    }
    /// Space before (twips).
    pub fn before(mut self, v: u32) -> Self {
        self.before = Some(v);
        self
    }
    /// Space after (twips).
    pub fn after(mut self, v: u32) -> Self {
        self.after = Some(v);
        self
    }
    /// The line's height (twips, or 240ths of a line for `auto`).
    pub fn line(mut self, v: i32) -> Self {
        self.line = Some(v);
        self
    }
    /// How `line` is read.
    pub fn line_rule(mut self, r: LineSpacingType) -> Self {
        self.rule = Some(r);
        self
    }
}

/// An exact line pitch with no space before or after.
pub fn exact(pitch: u32) -> LineSpacing {
    LineSpacing::new()
        .before(0)
        .after(0)
        .line(pitch as i32)
        .line_rule(LineSpacingType::Exact)
}

/// One border line of a paragraph or table.
#[derive(Clone, Debug)]
pub struct Border {
    /// The line's kind.
    pub val: BorderType,
    /// Width in eighths of a point.
    pub size: usize,
    /// Distance from the text (points).
    pub space: usize,
    /// Colour (hex).
    pub color: &'static str,
}

impl Border {
    fn write(&self, out: &mut Vec<u8>, name: &str) {
        w!(
            out,
            "<w:{name} w:val=\"{}\" w:sz=\"{}\" w:space=\"{}\" w:color=\"{}\"/>",
            self.val,
            self.size,
            self.space,
            self.color
        );
    }
}

/// Paragraph borders (`w:pBdr`).
#[derive(Clone, Debug, Default)]
pub struct Borders {
    /// Above the paragraph.
    pub top: Option<Border>,
    /// Below it.
    pub bottom: Option<Border>,
}

/// Run shading (`w:shd`).
#[derive(Clone, Debug)]
pub struct Shading {
    /// The pattern.
    pub kind: ShdType,
    /// Pattern colour.
    pub color: &'static str,
    /// Fill colour.
    pub fill: &'static str,
}

/// What a run holds.
#[derive(Clone, Debug)]
pub enum RunChild {
    /// Text (escaped when written).
    Text(String),
    /// A break.
    Break(BreakType),
    /// A tab character.
    Tab,
    /// A footnote reference by id.
    FootnoteReference(usize),
    /// A note's own number, at the start of its text.
    FootnoteMark,
    /// A picture.
    Drawing(Box<Picture>),
}

/// A run: its properties in CT_RPr order, and what it holds.
#[derive(Clone, Debug, Default)]
pub struct Run {
    style: Option<&'static str>,
    fonts: Option<Face>,
    bold: bool,
    color: Option<&'static str>,
    pub(super) spacing: Option<i32>,
    pub(super) size: Option<usize>,
    shading: Option<Shading>,
    /// What the run holds, in order.
    pub children: Vec<RunChild>,
}

impl Run {
    /// An empty run.
    pub fn new() -> Self {
        Self::default()
    }
    /// Add text.
    pub fn add_text(mut self, t: impl Into<String>) -> Self {
        self.children.push(RunChild::Text(t.into()));
        self
    }
    /// Add a break.
    pub fn add_break(mut self, b: BreakType) -> Self {
        self.children.push(RunChild::Break(b));
        self
    }
    /// Add a tab.
    pub fn add_tab(mut self) -> Self {
        self.children.push(RunChild::Tab);
        self
    }
    /// Add a picture.
    pub fn add_image(mut self, p: Picture) -> Self {
        self.children.push(RunChild::Drawing(Box::new(p)));
        self
    }
    /// Add a reference to footnote `id`, in the footnote reference style.
    pub fn add_footnote_reference(mut self, id: usize) -> Self {
        self.style = Some(super::styles::FOOTNOTE_REFERENCE);
        self.children.push(RunChild::FootnoteReference(id));
        self
    }
    /// Add a note's own number (`w:footnoteRef`), in the footnote reference style.
    pub fn add_footnote_mark(mut self) -> Self {
        self.style = Some(super::styles::FOOTNOTE_REFERENCE);
        self.children.push(RunChild::FootnoteMark);
        self
    }
    /// The face, in all four slots (ascii, hAnsi, eastAsia, cs; never theme fonts).
    pub fn fonts(mut self, f: Face) -> Self {
        self.fonts = Some(f);
        self
    }
    /// Size in half-points (`w:sz` and `w:szCs`).
    pub fn size(mut self, s: usize) -> Self {
        self.size = Some(s);
        self
    }
    /// Character spacing (twentieths of a point).
    pub fn character_spacing(mut self, v: i32) -> Self {
        self.spacing = Some(v);
        self
    }
    /// No character spacing.
    pub fn no_character_spacing(mut self) -> Self {
        self.spacing = None;
        self
    }
    /// Bold.
    pub fn bold(mut self) -> Self {
        self.bold = true;
        self
    }
    /// Colour (hex).
    pub fn color(mut self, c: &'static str) -> Self {
        self.color = Some(c);
        self
    }
    /// Shading.
    pub fn shading(mut self, s: Shading) -> Self {
        self.shading = Some(s);
        self
    }

    /// Write `w:r`.
    pub fn write(&self, out: &mut Vec<u8>) {
        out.extend_from_slice(b"<w:r>");
        // CT_RPr: rStyle, rFonts, b, bCs, …, color, spacing, …, sz, szCs, …, shd
        let has_pr = self.style.is_some()
            || self.fonts.is_some()
            || self.bold
            || self.color.is_some()
            || self.spacing.is_some()
            || self.size.is_some()
            || self.shading.is_some();
        if has_pr {
            out.extend_from_slice(b"<w:rPr>");
            if let Some(s) = self.style {
                w!(out, "<w:rStyle w:val=\"{s}\"/>");
            }
            if let Some(f) = self.fonts {
                let n = f.name;
                w!(
                    out,
                    "<w:rFonts w:ascii=\"{n}\" w:hAnsi=\"{n}\" w:eastAsia=\"{n}\" w:cs=\"{n}\"/>"
                );
            }
            if self.bold {
                out.extend_from_slice(b"<w:b/><w:bCs/>");
            }
            if let Some(c) = self.color {
                w!(out, "<w:color w:val=\"{c}\"/>");
            }
            if let Some(v) = self.spacing {
                w!(out, "<w:spacing w:val=\"{v}\"/>");
            }
            if let Some(s) = self.size {
                w!(out, "<w:sz w:val=\"{s}\"/><w:szCs w:val=\"{s}\"/>");
            }
            if let Some(s) = &self.shading {
                w!(
                    out,
                    "<w:shd w:val=\"{}\" w:color=\"{}\" w:fill=\"{}\"/>",
                    s.kind,
                    s.color,
                    s.fill
                );
            }
            out.extend_from_slice(b"</w:rPr>");
        }
        for c in &self.children {
            match c {
                RunChild::Text(t) => {
                    out.extend_from_slice(b"<w:t xml:space=\"preserve\">");
                    escape_into(out, t);
                    out.extend_from_slice(b"</w:t>");
                }
                RunChild::Break(b) => w!(out, "<w:br w:type=\"{b}\"/>"),
                RunChild::Tab => out.extend_from_slice(b"<w:tab/>"),
                RunChild::FootnoteReference(id) => {
                    w!(out, "<w:footnoteReference w:id=\"{id}\"/>")
                }
                RunChild::FootnoteMark => out.extend_from_slice(b"<w:footnoteRef/>"),
                RunChild::Drawing(p) => p.write(out),
            }
        }
        out.extend_from_slice(b"</w:r>");
    }
}

/// A picture shown inline: the relationship id of its part, its size (EMU) and its number.
#[derive(Clone, Debug)]
pub struct Picture {
    /// The relationship id of the picture's part (`r:embed`).
    pub rid: String,
    /// Width shown (EMU).
    pub cx: u32,
    /// Height shown (EMU).
    pub cy: u32,
    /// The drawing's number in the document (`wp:docPr/@id`, unique).
    pub id: usize,
}

impl Picture {
    fn write(&self, out: &mut Vec<u8>) {
        let (cx, cy, id, rid) = (self.cx, self.cy, self.id, &self.rid);
        w!(
            out,
            "<w:drawing><wp:inline distT=\"0\" distB=\"0\" distL=\"0\" distR=\"0\">\
<wp:extent cx=\"{cx}\" cy=\"{cy}\"/><wp:effectExtent l=\"0\" t=\"0\" r=\"0\" b=\"0\"/>\
<wp:docPr id=\"{id}\" name=\"Figure {id}\"/><wp:cNvGraphicFramePr>\
<a:graphicFrameLocks xmlns:a=\"http://schemas.openxmlformats.org/drawingml/2006/main\" noChangeAspect=\"1\"/>\
</wp:cNvGraphicFramePr><a:graphic xmlns:a=\"http://schemas.openxmlformats.org/drawingml/2006/main\">\
<a:graphicData uri=\"http://schemas.openxmlformats.org/drawingml/2006/picture\">\
<pic:pic xmlns:pic=\"http://schemas.openxmlformats.org/drawingml/2006/picture\">\
<pic:nvPicPr><pic:cNvPr id=\"{id}\" name=\"Figure {id}\"/><pic:cNvPicPr>\
<a:picLocks noChangeAspect=\"1\" noChangeArrowheads=\"1\"/></pic:cNvPicPr></pic:nvPicPr>\
<pic:blipFill><a:blip r:embed=\"{rid}\"/><a:srcRect/><a:stretch><a:fillRect/></a:stretch></pic:blipFill>\
<pic:spPr bwMode=\"auto\"><a:xfrm><a:off x=\"0\" y=\"0\"/><a:ext cx=\"{cx}\" cy=\"{cy}\"/></a:xfrm>\
<a:prstGeom prst=\"rect\"><a:avLst/></a:prstGeom></pic:spPr></pic:pic></a:graphicData></a:graphic>\
</wp:inline></w:drawing>"
        );
    }
}

/// A tab stop.
#[derive(Clone, Copy, Debug)]
pub struct TabStop {
    /// Its kind.
    pub val: TabValueType,
    /// Its position (twips).
    pub pos: usize,
}

/// Where a framed paragraph sits: its frame's size and its top left corner, from the page's
/// edges (twips).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct FramePlace {
    /// Width.
    pub width: u32,
    /// Height, exactly.
    pub height: u32,
    /// Left edge from the page's left edge.
    pub x: u32,
    /// Top edge from the page's top edge.
    pub y: u32,
}

/// A paragraph: its properties in CT_PPr order, and its runs.
#[derive(Clone, Debug, Default)]
pub struct Paragraph {
    style: Option<String>,
    keep_next: bool,
    pub(super) page_break_before: bool,
    /// Set in a frame of its own, at a place of the page.
    frame: Option<FramePlace>,
    widow_control: Option<bool>,
    borders: Option<Borders>,
    tabs: Vec<TabStop>,
    snap_to_grid: Option<bool>,
    pub(super) spacing: Option<LineSpacing>,
    pub(super) indent: Option<(Option<i32>, Option<SpecialIndentType>, Option<i32>)>,
    first_line_chars: Option<i32>,
    align: Option<AlignmentType>,
    /// Section properties (`w:sectPr`, written as they are): the paragraph ends a section.
    section: Option<String>,
    /// The runs, in order.
    pub runs: Vec<Run>,
}

impl Paragraph {
    /// An empty paragraph.
    pub fn new() -> Self {
        Self::default()
    }
    /// The paragraph style.
    pub fn style(mut self, s: &str) -> Self {
        self.style = Some(s.to_string());
        self
    }
    /// Keep with the next paragraph.
    pub fn keep_next(mut self, v: bool) -> Self {
        self.keep_next = v;
        self
    }
    /// Start on a new page.
    pub fn page_break_before(mut self, v: bool) -> Self {
        self.page_break_before = v;
        self
    }
    /// Set it in a frame of its own at `place` (`w:framePr`). Each paragraph has a frame of
    /// its own: LibreOffice drops consecutive paragraphs framed alike out of their frame.
    pub fn frame(mut self, place: FramePlace) -> Self {
        self.frame = Some(place);
        self
    }
    /// Widow and orphan control.
    pub fn widow_control(mut self, v: bool) -> Self {
        self.widow_control = Some(v);
        self
    }
    /// Borders.
    pub fn set_borders(mut self, b: Borders) -> Self {
        self.borders = Some(b);
        self
    }
    /// How many rules (top and bottom borders) it has.
    pub fn rules(&self) -> u32 {
        self.borders.as_ref().map_or(0, |b| {
            u32::from(b.top.is_some()) + u32::from(b.bottom.is_some())
        })
    }
    /// Add a tab stop.
    pub fn add_tab(mut self, t: TabStop) -> Self {
        self.tabs.push(t);
        self
    }
    /// Whether its lines snap to the document grid (`w:snapToGrid`); a line of its own exact
    /// height, such as the 版头's mark, must not.
    pub fn snap_to_grid(mut self, v: bool) -> Self {
        self.snap_to_grid = Some(v);
        self
    }
    /// Line spacing.
    pub fn line_spacing(mut self, s: LineSpacing) -> Self {
        self.spacing = Some(s);
        self
    }
    /// Indents (twips): left, first line or hanging, right. The fourth argument is docx-rs's
    /// start in characters, which gongwen never sets.
    pub fn indent(
        mut self,
        left: Option<i32>,
        special: Option<SpecialIndentType>,
        right: Option<i32>,
        _start_chars: Option<i32>,
    ) -> Self {
        self.indent = Some((left, special, right));
        self
    }
    /// The first-line indent in hundredths of a character.
    pub fn first_line_chars(mut self, v: i32) -> Self {
        self.first_line_chars = Some(v);
        self
    }
    /// Alignment.
    pub fn align(mut self, a: AlignmentType) -> Self {
        self.align = Some(a);
        self
    }
    /// End a section with this paragraph: `sect_pr` is its `w:sectPr` element.
    pub fn end_section(mut self, sect_pr: &str) -> Self {
        self.section = Some(sect_pr.to_string());
        self
    }
    /// Add a run.
    pub fn add_run(mut self, r: Run) -> Self {
        self.runs.push(r);
        self
    }

    /// Write `w:p`.
    pub fn write(&self, out: &mut Vec<u8>, ctx: &Ctx) {
        out.extend_from_slice(b"<w:p><w:pPr>");
        // CT_PPrBase: pStyle, keepNext, keepLines, pageBreakBefore, framePr, widowControl,
        // numPr, suppressLineNumbers, pBdr, shd, tabs, …, spacing, ind, …, jc
        if let Some(s) = &self.style {
            out.extend_from_slice(b"<w:pStyle w:val=\"");
            escape_into(out, s);
            out.extend_from_slice(b"\"/>");
        }
        if self.keep_next {
            out.extend_from_slice(b"<w:keepNext/>");
        }
        if self.page_break_before {
            out.extend_from_slice(b"<w:pageBreakBefore/>");
        }
        if let Some(f) = self.frame {
            w!(
                out,
                "<w:framePr w:w=\"{}\" w:h=\"{}\" w:hRule=\"exact\" w:wrap=\"around\" w:vAnchor=\"page\" w:hAnchor=\"page\" w:x=\"{}\" w:y=\"{}\"/>",
                f.width, f.height, f.x, f.y
            );
        }
        if let Some(v) = self.widow_control {
            w!(out, "<w:widowControl w:val=\"{}\"/>", u8::from(v));
        }
        if let Some(b) = &self.borders {
            out.extend_from_slice(b"<w:pBdr>");
            if let Some(t) = &b.top {
                t.write(out, "top");
            }
            if let Some(t) = &b.bottom {
                t.write(out, "bottom");
            }
            out.extend_from_slice(b"</w:pBdr>");
        }
        if !self.tabs.is_empty() {
            out.extend_from_slice(b"<w:tabs>");
            for t in &self.tabs {
                w!(out, "<w:tab w:val=\"{}\" w:pos=\"{}\"/>", t.val, t.pos);
            }
            out.extend_from_slice(b"</w:tabs>");
        }
        if let Some(v) = self.snap_to_grid {
            w!(out, "<w:snapToGrid w:val=\"{}\"/>", u8::from(v));
        }
        if let Some(s) = &self.spacing {
            out.extend_from_slice(b"<w:spacing");
            if let Some(v) = s.before {
                w!(out, " w:before=\"{v}\"");
            }
            if let Some(v) = s.after {
                w!(out, " w:after=\"{v}\"");
            }
            if let Some(v) = s.line {
                w!(out, " w:line=\"{v}\"");
            }
            if let Some(r) = s.rule {
                let r = match r {
                    LineSpacingType::Auto => "auto",
                    LineSpacingType::AtLeast => "atLeast",
                    LineSpacingType::Exact => "exact",
                };
                w!(out, " w:lineRule=\"{r}\"");
            }
            out.extend_from_slice(b"/>");
        }
        if let Some((left, special, right)) = self.indent {
            out.extend_from_slice(b"<w:ind");
            if let Some(v) = left {
                w!(out, " w:left=\"{v}\"");
            }
            if let Some(v) = right {
                w!(out, " w:right=\"{v}\"");
            }
            match special {
                Some(SpecialIndentType::FirstLine(v)) => {
                    w!(out, " w:firstLine=\"{v}\"");
                    let chars = self
                        .first_line_chars
                        .or((v != 0 && v == ctx.first_line_twips).then_some(ctx.first_line_chars));
                    if let Some(c) = chars {
                        w!(out, " w:firstLineChars=\"{c}\"");
                    }
                }
                Some(SpecialIndentType::Hanging(v)) => w!(out, " w:hanging=\"{v}\""),
                None => {}
            }
            out.extend_from_slice(b"/>");
        }
        if let Some(a) = self.align {
            w!(out, "<w:jc w:val=\"{a}\"/>");
        }
        if let Some(x) = &self.section {
            out.extend_from_slice(x.as_bytes());
        }
        out.extend_from_slice(b"</w:pPr>");
        for r in &self.runs {
            r.write(out);
        }
        out.extend_from_slice(b"</w:p>");
    }
}

/// A table cell: its width (twips), span, vertical merge, vertical alignment and paragraphs.
#[derive(Clone, Debug, Default)]
pub struct TableCell {
    pub(super) width: usize,
    grid_span: Option<usize>,
    vmerge: Option<VMergeType>,
    valign: Option<VAlignType>,
    pub(super) paragraphs: Vec<Paragraph>,
}

impl TableCell {
    /// An empty cell.
    pub fn new() -> Self {
        Self::default()
    }
    /// Width (twips).
    pub fn width(mut self, w: usize) -> Self {
        self.width = w;
        self
    }
    /// Columns spanned.
    pub fn grid_span(mut self, n: usize) -> Self {
        self.grid_span = Some(n);
        self
    }
    /// Vertical merge.
    pub fn vertical_merge(mut self, m: VMergeType) -> Self {
        self.vmerge = Some(m);
        self
    }
    /// Vertical alignment.
    pub fn vertical_align(mut self, a: VAlignType) -> Self {
        self.valign = Some(a);
        self
    }
    /// Add a paragraph.
    pub fn add_paragraph(mut self, p: Paragraph) -> Self {
        self.paragraphs.push(p);
        self
    }

    fn write(&self, out: &mut Vec<u8>, ctx: &Ctx) {
        // CT_TcPr: tcW, gridSpan, vMerge, tcBorders, shd, …, vAlign
        w!(
            out,
            "<w:tc><w:tcPr><w:tcW w:w=\"{}\" w:type=\"dxa\"/>",
            self.width
        );
        if let Some(n) = self.grid_span {
            w!(out, "<w:gridSpan w:val=\"{n}\"/>");
        }
        match self.vmerge {
            Some(VMergeType::Restart) => out.extend_from_slice(b"<w:vMerge w:val=\"restart\"/>"),
            Some(_) => out.extend_from_slice(b"<w:vMerge/>"),
            None => {}
        }
        if let Some(a) = self.valign {
            w!(out, "<w:vAlign w:val=\"{a}\"/>");
        }
        out.extend_from_slice(b"</w:tcPr>");
        for p in &self.paragraphs {
            p.write(out, ctx);
        }
        if self.paragraphs.is_empty() {
            // a cell must end in a paragraph
            Paragraph::new().write(out, ctx);
        }
        out.extend_from_slice(b"</w:tc>");
    }
}

/// A table row: its cells, and whether it is a header row that does not split.
#[derive(Clone, Debug, Default)]
pub struct TableRow {
    pub(super) cells: Vec<TableCell>,
    cant_split: bool,
    header: bool,
}

impl TableRow {
    /// A row of these cells.
    pub fn new(cells: Vec<TableCell>) -> Self {
        Self {
            cells,
            ..Self::default()
        }
    }
    /// The row does not split over pages.
    pub fn cant_split(mut self) -> Self {
        self.cant_split = true;
        self
    }
    /// A header row, repeated on each page the table runs over.
    pub fn header(mut self) -> Self {
        self.header = true;
        self
    }
}

/// A table the width of the text block, with single borders and a fixed layout.
#[derive(Clone, Debug, Default)]
pub struct Table {
    pub(super) rows: Vec<TableRow>,
    grid: Vec<usize>,
    width: usize,
    indent: i32,
    border: Option<(usize, &'static str)>,
}

impl Table {
    /// A table of these rows.
    pub fn new(rows: Vec<TableRow>) -> Self {
        Self {
            rows,
            ..Self::default()
        }
    }
    /// Column widths (twips).
    pub fn set_grid(mut self, g: Vec<usize>) -> Self {
        self.grid = g;
        self
    }
    /// Width (twips).
    pub fn width(mut self, w: usize) -> Self {
        self.width = w;
        self
    }
    /// Left indent (twips).
    pub fn indent(mut self, v: i32) -> Self {
        self.indent = v;
        self
    }
    /// Single borders all round and inside, of this width (eighths of a point) and colour.
    pub fn borders(mut self, size: usize, color: &'static str) -> Self {
        self.border = Some((size, color));
        self
    }

    /// Write `w:tbl`.
    pub fn write(&self, out: &mut Vec<u8>, ctx: &Ctx) {
        // CT_TblPr: tblW, jc, tblInd, tblBorders, tblLayout
        w!(
            out,
            "<w:tbl><w:tblPr><w:tblW w:w=\"{}\" w:type=\"dxa\"/><w:jc w:val=\"left\"/>\
<w:tblInd w:w=\"{}\" w:type=\"dxa\"/>",
            self.width,
            self.indent
        );
        if let Some((size, color)) = self.border {
            out.extend_from_slice(b"<w:tblBorders>");
            for side in ["top", "left", "bottom", "right", "insideH", "insideV"] {
                w!(
                    out,
                    "<w:{side} w:val=\"single\" w:sz=\"{size}\" w:space=\"0\" w:color=\"{color}\"/>"
                );
            }
            out.extend_from_slice(b"</w:tblBorders>");
        }
        out.extend_from_slice(b"<w:tblLayout w:type=\"fixed\"/></w:tblPr><w:tblGrid>");
        for g in &self.grid {
            w!(out, "<w:gridCol w:w=\"{g}\"/>");
        }
        out.extend_from_slice(b"</w:tblGrid>");
        for r in &self.rows {
            out.extend_from_slice(b"<w:tr>");
            if r.cant_split || r.header {
                out.extend_from_slice(b"<w:trPr>");
                if r.cant_split {
                    out.extend_from_slice(b"<w:cantSplit/>");
                }
                if r.header {
                    out.extend_from_slice(b"<w:tblHeader/>");
                }
                out.extend_from_slice(b"</w:trPr>");
            }
            for c in &r.cells {
                c.write(out, ctx);
            }
            out.extend_from_slice(b"</w:tr>");
        }
        out.extend_from_slice(b"</w:tbl>");
    }
}

/// A child of the body.
#[derive(Clone, Debug)]
pub enum BodyChild {
    /// A paragraph.
    Paragraph(Box<Paragraph>),
    /// A table.
    Table(Box<Table>),
}

impl BodyChild {
    /// Write it.
    pub fn write(&self, out: &mut Vec<u8>, ctx: &Ctx) {
        match self {
            BodyChild::Paragraph(p) => p.write(out, ctx),
            BodyChild::Table(t) => t.write(out, ctx),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn xml(p: &Paragraph) -> String {
        let mut out = Vec::new();
        p.write(
            &mut out,
            &Ctx {
                first_line_twips: 640,
                first_line_chars: 200,
            },
        );
        String::from_utf8(out).unwrap()
    }

    #[test]
    fn paragraph_properties_come_in_schema_order() {
        // built in an order the schema forbids
        let p = Paragraph::new()
            .align(AlignmentType::Center)
            .indent(
                Some(0),
                Some(SpecialIndentType::FirstLine(640)),
                Some(0),
                None,
            )
            .line_spacing(exact(579))
            .widow_control(false)
            .keep_next(true)
            .style("Heading1");
        assert_eq!(
            xml(&p),
            "<w:p><w:pPr><w:pStyle w:val=\"Heading1\"/><w:keepNext/><w:widowControl w:val=\"0\"/>\
<w:spacing w:before=\"0\" w:after=\"0\" w:line=\"579\" w:lineRule=\"exact\"/>\
<w:ind w:left=\"0\" w:right=\"0\" w:firstLine=\"640\" w:firstLineChars=\"200\"/>\
<w:jc w:val=\"center\"/></w:pPr></w:p>"
        );
    }

    #[test]
    fn run_properties_come_in_schema_order_and_text_is_escaped() {
        let r = Run::new()
            .add_text("A & <B>")
            .size(32)
            .character_spacing(-5)
            .color("FF0000")
            .bold()
            .fonts(crate::write::docx::fonts::HEITI);
        let mut out = Vec::new();
        r.write(&mut out);
        let x = String::from_utf8(out).unwrap();
        let at = |s: &str| x.find(s).unwrap_or_else(|| panic!("{s} in {x}"));
        assert!(at("w:rFonts") < at("<w:b/>"));
        assert!(at("<w:b/>") < at("w:color"));
        assert!(at("w:color") < at("w:spacing"));
        assert!(at("w:spacing") < at("<w:sz "));
        assert!(x.contains(">A &amp; &lt;B&gt;<"), "{x}");
    }

    #[test]
    fn header_rows_and_grid_columns() {
        let t = Table::new(vec![
            TableRow::new(vec![TableCell::new().width(100)])
                .cant_split()
                .header(),
            TableRow::new(vec![TableCell::new()
                .width(100)
                .vertical_merge(VMergeType::Continue)]),
        ])
        .set_grid(vec![100])
        .width(100)
        .borders(4, "000000");
        let mut out = Vec::new();
        t.write(&mut out, &Ctx::default());
        let x = String::from_utf8(out).unwrap();
        assert!(
            x.contains("<w:trPr><w:cantSplit/><w:tblHeader/></w:trPr>"),
            "{x}"
        );
        assert!(x.contains("<w:gridCol w:w=\"100\"/>"));
        assert!(x.contains("<w:vMerge/>"));
        // every cell ends in a paragraph
        assert_eq!(x.matches("<w:p>").count(), 2);
    }
}

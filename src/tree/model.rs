//! The typed document tree. Every node carries its byte span; lines and columns are derived at
//! the edge (see [`crate::LineIndex`]).

use super::vocabulary::{
    AttachmentKind, ChromeKind, DateParts, DocNumberParts, ElisionKind, Family, PointFamily,
};
use crate::Span;
use serde::{Deserialize, Serialize};

/// Version of the tree's shape; changing the shape bumps it. `/2`: a chrome line that names a
/// file is `file-name`, no longer `thumbnail`. `/3`: the input's `encoding`. `/4`: the family
/// `sub-part` (第X分编), and a marker's `sub` (the 之一 of 第X条之一). `/5`: the family `volume` (第X篇), the
/// `contents` block (a table of contents) and the `banner` block (the 发文机关标志). `/6`: the
/// `table`, `list` (of `item`s), `quote`, `image`, `footnote` and `break` blocks, and a section's
/// `depth` (the Markdown heading depth it was written at). `/7`, `/8`: the 版头's blocks
/// (`copy-number`, `secrecy`, `urgency`, `signer`). `/9`: the `serial` block (a 令's 第8号, a
/// 纪要's 第12期).
pub const SCHEMA: &str = "gongwen.tree/9";

/// A parsed document: its metadata and its blocks, every node with the byte span of the text
/// it holds. Serialized, it is the `gongwen.tree` format (`gongwen parse`).
///
/// ```
/// use gongwen::tree::{Block, HeadingKind};
/// use gongwen::{parse, Format, Source};
/// let src = Source::from_str("关于加强管理的通知\n一、总体要求\n（一）指导思想。坚持……\n", Format::Text);
/// let doc = parse(&src);
/// assert_eq!(doc.meta.title.as_deref(), Some("关于加强管理的通知"));
/// let Block::Section(s) = &doc.blocks[1] else { panic!("a section") };
/// assert_eq!((s.level, s.title.text.as_str()), (1, "总体要求"));
/// let Block::Section(sub) = &s.children[0] else { panic!("a section") };
/// assert_eq!(sub.kind, HeadingKind::RunIn);
/// assert!(sub.elided);
/// // spans point into the source
/// assert_eq!(&src.text()[sub.title.span.range()], "指导思想");
/// ```
#[derive(Clone, Debug, Default, Serialize, Deserialize)]
pub struct Document {
    /// The schema version, [`SCHEMA`].
    pub schema: String,
    /// What the document says about itself, and where it came from.
    pub meta: Meta,
    /// The blocks, in source order; sections hold their own children.
    pub blocks: Vec<Block>,
}

/// Document metadata.
#[derive(Clone, Debug, Default, Serialize, Deserialize)]
pub struct Meta {
    /// The title, wrapped lines joined.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    /// The subtitle (——…), without its dashes.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub subtitle: Option<String>,
    /// The author or byline.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub author: Option<String>,
    /// The 成文日期 or the date line under the title.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub date: Option<String>,
    /// The 发文字号.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub doc_number: Option<String>,
    /// The 主送机关.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub addressee: Option<String>,
    /// The 发文机关署名.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub signatory: Option<String>,
    /// Where the text came from, when it was scraped from a preview page.
    pub source: SourceMeta,
    /// Facts about the input itself.
    pub input: InputMeta,
}

/// What a preview page said about the document.
#[derive(Clone, Debug, Default, Serialize, Deserialize)]
pub struct SourceMeta {
    /// The site's catalogue code (B10770).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub catalogue_code: Option<String>,
    /// The listing title beside the code.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub listing_title: Option<String>,
    /// The site's category line.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub category: Option<String>,
    /// The author on the statistics line.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub author: Option<String>,
    /// Characters the page says the full text has.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub declared_chars: Option<u32>,
    /// Pages (片/页) the page says the full text has.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub declared_pages: Option<u32>,
    /// The page's paywall notice, when there is one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub paywall: Option<String>,
}

/// Facts about the input.
///
/// ```
/// use gongwen::{parse, Source};
/// let utf16: Vec<u8> = "\u{feff}一、总则\r\n".encode_utf16().flat_map(u16::to_be_bytes).collect();
/// let doc = parse(&Source::from_bytes("a.txt", utf16).unwrap());
/// let m = &doc.meta.input;
/// assert_eq!((m.encoding.as_str(), m.bom, m.newline.as_str()), ("utf-16be", true, "crlf"));
/// // spans index the text, which holds no UTF-16 byte-order mark
/// assert_eq!(m.bytes, "一、总则\r\n".len());
/// ```
#[derive(Clone, Debug, Default, Serialize, Deserialize)]
pub struct InputMeta {
    /// Bytes of the text, in UTF-8: what spans index (for a UTF-8 file, its size).
    pub bytes: usize,
    /// Input lines.
    pub lines: usize,
    /// The encoding the input was in, in lower case: `utf-8`, `gb18030`, `utf-16le`, …
    /// ([`crate::Source::encoding`]).
    #[serde(default)]
    pub encoding: String,
    /// A byte-order mark was present (in whatever encoding the input was in).
    pub bom: bool,
    /// Line endings.
    pub newline: String,
    /// Read as Markdown.
    pub markdown: bool,
    /// What the reader left out of the text, by kind, in characters or paragraphs: a DOCX's
    /// hidden text, tracked deletions and moves' sources, a text box's fallback copy, field
    /// codes; and how many numbers Word's automatic numbering generated.
    #[serde(default, skip_serializing_if = "std::collections::BTreeMap::is_empty")]
    pub omitted: std::collections::BTreeMap<String, usize>,
}

/// A piece of text and where it is.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Text {
    /// The visible text (markup removed).
    pub text: String,
    /// Its source span.
    pub span: Span,
}

/// A numbering marker as written.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Marker {
    /// Exactly as written, punctuation included (一、, （一）, (一), 1．).
    pub raw: String,
    /// Its family.
    pub family: Family,
    /// Its number.
    pub ordinal: u32,
    /// For decimals (1.2.3), the leading components.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub parents: Vec<u32>,
    /// Punctuation as written after the number or bracket (、 . ． ， or empty).
    pub punct: String,
    /// Source span of that punctuation.
    pub punct_span: Span,
    /// Brackets as written, for bracketed families.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub brackets: Option<(char, char)>,
    /// Written with Chinese numerals.
    pub chinese: bool,
    /// For an inserted article (第十条之一), the number after 之; `ordinal` is the article
    /// it follows.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sub: Option<u32>,
    /// Source span of the marker.
    pub span: Span,
    /// Made by Word's automatic numbering, not typed: the reader wrote the number into the
    /// text, and `fix` cannot rewrite it.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub generated: bool,
}

/// How a heading sits in its paragraph.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum HeadingKind {
    /// A line of its own.
    Standalone,
    /// A heading sentence followed by body text in the same paragraph.
    RunIn,
    /// A statute article (第一条).
    Article,
}

/// A numbered (or unnumbered) section.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct Section {
    /// Depth in this document's own hierarchy (1 = its top level).
    pub level: u8,
    /// The marker; `None` for an unnumbered heading.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub marker: Option<Marker>,
    /// The heading text (for a run-in heading, its first sentence).
    pub title: Text,
    /// How it is set.
    pub kind: HeadingKind,
    /// The terminal punctuation after the title as written (。, ：), if any.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub title_end: Option<Text>,
    /// For a run-in heading, the body text after the heading sentence.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub run_in: Option<Paragraph>,
    /// Source span of the heading line (or the part of it this heading owns).
    pub span: Span,
    /// Whether anything inside was elided.
    pub elided: bool,
    /// The depth the source wrote it at (a Markdown `#` heading's number of `#`), when it did:
    /// a hint the numbering outweighs. Where the two disagree, `level` follows the numbering.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub depth: Option<u8>,
    /// What it contains.
    pub children: Vec<Block>,
}

/// A body paragraph.
#[derive(Clone, Debug, Default, Serialize, Deserialize)]
pub struct Paragraph {
    /// Its visible text.
    pub text: String,
    /// Its source span.
    pub span: Span,
    /// Elisions inside it.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub elisions: Vec<Elision>,
}

/// An enumerated point: 一是…, 第一，…, ——…
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct Point {
    /// Depth: one below the row it sits under.
    pub level: u8,
    /// Its family.
    pub family: PointFamily,
    /// Its number (0 for —— and 最后).
    pub ordinal: u32,
    /// The marker as written.
    pub marker: Text,
    /// Source span of the punctuation after the marker word.
    pub punct_span: Span,
    /// The point's lead phrase (up to the first 。 or ；).
    pub title: Text,
    /// The rest of the paragraph.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub body: Option<Paragraph>,
    /// Source span of the line.
    pub span: Span,
    /// Nested points.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub children: Vec<Block>,
}

/// A numbered line that is a list item in body text, not a heading.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct ListItem {
    /// The marker.
    pub marker: Marker,
    /// The rest of the line.
    pub text: Text,
    /// Source span of the line.
    pub span: Span,
}

/// Text that was cut out, inline or as a whole line.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct Elision {
    /// What it looks like.
    pub kind: ElisionKind,
    /// As written.
    pub text: String,
    /// Source span.
    pub span: Span,
    /// Characters declared omitted.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub omitted_chars: Option<u32>,
    /// Characters declared in the full text.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub total_chars: Option<u32>,
}

/// The title block: one or more lines.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct Title {
    /// The lines, each with its text and span.
    pub lines: Vec<Text>,
    /// The lead marker of a subtitle (——), when written.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub marker: Option<Text>,
}

impl Title {
    /// The lines joined.
    pub fn joined(&self) -> String {
        self.lines.iter().map(|l| l.text.as_str()).collect()
    }
}

/// An element line of an official document.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct Element {
    /// The text.
    pub text: Text,
    /// The source span of the line.
    pub span: Span,
}

/// A 发文字号 line.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct DocNumber {
    /// As written.
    pub text: Text,
    /// Its parts.
    pub parts: DocNumberParts,
}

/// A date line.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct DateLine {
    /// As written.
    pub text: Text,
    /// Its parts.
    pub parts: DateParts,
}

/// An attachment line (附件说明 or the label over an attached document).
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct Attachment {
    /// Which.
    pub kind: AttachmentKind,
    /// As written.
    pub text: Text,
    /// The colon after 附件 as written, when there is one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub colon: Option<Text>,
}

/// A table of contents: the 目录 label and its entries as written (leaders and page numbers
/// included). Its headings are not the document's sections.
///
/// ```
/// use gongwen::tree::Block;
/// use gongwen::{parse, Format, Source};
/// let text = "目录\n一、目标……1\n二、任务……2\n\n一、目标\n做好工作。\n";
/// let doc = parse(&Source::from_str(text, Format::Text));
/// let toc = doc.blocks.iter().find_map(|b| match b {
///     Block::Contents(c) => Some(c),
///     _ => None,
/// });
/// assert_eq!(toc.map(|c| c.entries.len()), Some(2));
/// ```
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct Contents {
    /// The label line (目录), when there is one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub label: Option<Text>,
    /// The entries, one per line.
    pub entries: Vec<Text>,
    /// The source span from the label (or first entry) to the last entry.
    pub span: Span,
}

/// A table: its rows of cells, how many of them are header rows, and the caption (表1　…) on
/// the line before it, when there is one. The table owns its whole span, delimiters included;
/// its cells point into it.
///
/// ```
/// use gongwen::tree::Block;
/// use gongwen::{parse, Format, Source};
/// let md = "表1　预算\n\n| 项目 | 预算数 |\n|---|---|\n| 办公 | 12 |\n";
/// let doc = parse(&Source::from_str(md, Format::Markdown));
/// let t = doc.blocks.iter().find_map(|b| match b {
///     Block::Table(t) => Some(t),
///     _ => None,
/// });
/// let t = t.expect("a table");
/// assert_eq!((t.header_rows, t.rows.len()), (1, 2));
/// assert_eq!(t.rows[1].cells[1].text.text, "12");
/// assert_eq!(t.caption.as_ref().map(|c| c.text.as_str()), Some("表1　预算"));
/// ```
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct Table {
    /// The caption line (表1　…) over it, when there is one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub caption: Option<Text>,
    /// The rows, header rows first.
    pub rows: Vec<Row>,
    /// How many of the rows are header rows.
    pub header_rows: usize,
    /// The columns' alignment, as the source gave it (GFM's `:---:`); empty when it gave none.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub align: Vec<Align>,
    /// Source span of the table, from its first row to its last.
    pub span: Span,
}

/// A column's alignment.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Align {
    /// Not given.
    None,
    /// Left.
    Left,
    /// Centred.
    Center,
    /// Right.
    Right,
}

/// A table row.
#[derive(Clone, Debug, Default, Serialize, Deserialize)]
pub struct Row {
    /// Its cells.
    pub cells: Vec<Cell>,
    /// Source span of the row.
    pub span: Span,
}

/// A table cell: its visible text, and how many columns and rows it spans.
#[derive(Clone, Debug, Default, Serialize, Deserialize)]
pub struct Cell {
    /// The visible text (markup removed), with the span of the cell's content.
    pub text: Text,
    /// Columns it spans (1 unless the source merged cells).
    #[serde(default = "one", skip_serializing_if = "is_one")]
    pub col_span: u32,
    /// Rows it spans (1 unless the source merged cells).
    #[serde(default = "one", skip_serializing_if = "is_one")]
    pub row_span: u32,
}

fn one() -> u32 {
    1
}

fn is_one(n: &u32) -> bool {
    *n == 1
}

/// A list: ordered or not, its items in `items` (each a [`Block::Item`]).
///
/// ```
/// use gongwen::tree::Block;
/// use gongwen::{parse, Format, Source};
/// let doc = parse(&Source::from_str("- 一是健全机制。\n  - 细化分工\n- 二是压实责任。\n", Format::Markdown));
/// let Some(Block::List(l)) = doc.blocks.first() else { panic!("a list") };
/// let Block::Item(first) = &l.items[0] else { panic!("an item") };
/// assert_eq!((l.items.len(), first.bullet.text.as_str()), (2, "-"));
/// // the item holds a point and the list nested in it
/// assert!(matches!(first.children[0], Block::Point(_)));
/// assert!(matches!(first.children[1], Block::List(_)));
/// ```
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct List {
    /// Numbered (`1.`) rather than bulleted (`-`).
    pub ordered: bool,
    /// The items, each a [`Block::Item`].
    pub items: Vec<Block>,
    /// Source span from the first item to the last.
    pub span: Span,
}

/// An item of a [`List`]: its bullet or number as written, and the blocks it holds
/// (paragraphs, points, nested lists).
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct Item {
    /// The bullet or number as written (`-`, `*`, `1.`).
    pub bullet: Text,
    /// What the item holds.
    pub children: Vec<Block>,
    /// Source span of the item.
    pub span: Span,
}

/// A block quotation: the quote marks (`>`) it owns, and the blocks inside.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct Quote {
    /// The quote marks as written: one span a line that has them, from its first `>` to its
    /// last (`> > ` of a quotation inside a quotation is one span).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub marks: Vec<Span>,
    /// What it holds.
    pub children: Vec<Block>,
    /// Source span of the quotation.
    pub span: Span,
}

/// An image: its alternative text and where the picture is.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct Image {
    /// The alternative text.
    pub alt: String,
    /// The picture's path or URL, as written.
    pub src: String,
    /// Source span of the image.
    pub span: Span,
}

/// A footnote: its label, where it is referred to, and the note.
///
/// ```
/// use gongwen::tree::Block;
/// use gongwen::{parse, Format, Source};
/// let src = Source::from_str("共一百二十个[^1]。\n\n[^1]: 截至年底。\n", Format::Markdown);
/// let doc = parse(&src);
/// let note = doc.blocks.iter().find_map(|b| match b {
///     Block::Footnote(n) => Some(n),
///     _ => None,
/// });
/// let note = note.expect("a footnote");
/// assert_eq!((note.label.as_str(), note.text.text.as_str()), ("1", "截至年底。"));
/// assert_eq!(&src.text()[note.references[0].range()], "[^1]");
/// ```
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct Footnote {
    /// The label (`1` of `[^1]`).
    pub label: String,
    /// Where the text refers to it (each `[^1]`), in source order.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub references: Vec<Span>,
    /// The note's text.
    pub text: Text,
    /// Source span of the note's definition.
    pub span: Span,
}

/// A break between blocks.
///
/// ```
/// use gongwen::tree::{Block, BreakKind};
/// use gongwen::{parse, Format, Source};
/// let doc = parse(&Source::from_str("一、总则\n\u{c}\n二、附则\n", Format::Text));
/// let mut kinds = Vec::new();
/// doc.walk(&mut |b, _| if let Block::Break(x) = b { kinds.push(x.kind) });
/// assert_eq!(kinds, [BreakKind::Page]);
/// ```
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct Break {
    /// Which.
    pub kind: BreakKind,
    /// Source span (a form feed, `---`, `<br>`).
    pub span: Span,
}

/// What a [`Break`] is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum BreakKind {
    /// A line break kept as an empty line (`<br>` alone on its line).
    Line,
    /// A page break (a form feed, `\newpage`, a CSS page break).
    Page,
    /// A thematic break (`---`, `***`, `<hr>`).
    Rule,
}

/// A chrome line: site navigation, paywall, page controls.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct Chrome {
    /// What it is.
    pub kind: ChromeKind,
    /// Its text.
    pub text: Text,
    /// Source span of the line.
    pub span: Span,
}

/// A block of the document.
#[derive(Clone, Debug, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "kebab-case")]
pub enum Block {
    /// Site chrome around the document.
    Chrome(Chrome),
    /// The title (possibly over several lines).
    Title(Title),
    /// A subtitle, or the title of an attached document.
    Subtitle(Title),
    /// Author, date, source lines under the title.
    Byline(Element),
    /// 发文字号.
    DocNumber(Box<DocNumber>),
    /// 主送机关.
    Addressee(Element),
    /// A table of contents.
    Contents(Contents),
    /// The 发文机关标志 of the 版头, over the 发文字号 (××市人民政府办公室文件).
    Banner(Element),
    /// The 份号 of the 版头: the copy's six-figure number (000123).
    CopyNumber(Element),
    /// The 密级和保密期限 of the 版头 (机密★1年).
    Secrecy(Element),
    /// The 紧急程度 of the 版头 (特急, 加急).
    Urgency(Element),
    /// The 签发人 of an upward document's 版头 (签发人：张三　李四).
    Signer(Element),
    /// The number under a 命令（令）'s or a 纪要's mark: the order's number (第8号) or the
    /// issue's (第12期).
    Serial(Element),
    /// A section with its children (boxed: it is the largest node, and most blocks are small).
    Section(Box<Section>),
    /// An enumerated point (boxed, like a section).
    Point(Box<Point>),
    /// A list item inside body text.
    ListItem(Box<ListItem>),
    /// A body paragraph.
    Paragraph(Paragraph),
    /// A whole line of elision.
    Elision(Elision),
    /// 附件 lines.
    Attachment(Attachment),
    /// 发文机关署名.
    Signature(Element),
    /// 成文日期 and other date lines.
    Date(DateLine),
    /// 抄送.
    CopyTo(Element),
    /// The 印发 line.
    Imprint(Element),
    /// 附注 such as （此件公开发布）.
    Note(Element),
    /// A table.
    Table(Box<Table>),
    /// A list.
    List(List),
    /// An item of a list.
    Item(Box<Item>),
    /// A block quotation.
    Quote(Quote),
    /// An image.
    Image(Image),
    /// A footnote's text.
    Footnote(Footnote),
    /// A line, page or thematic break.
    Break(Break),
}

impl Block {
    /// The source spans this block owns itself (not those of its children).
    pub fn own_spans(&self) -> Vec<Span> {
        let mut v = Vec::new();
        self.each_own_span(|s| v.push(s));
        v
    }

    /// Call `f` with each span of [`Block::own_spans`], in the same order, without collecting.
    pub(crate) fn each_own_span(&self, mut f: impl FnMut(Span)) {
        match self {
            Block::Chrome(c) => f(c.span),
            Block::Contents(c) => f(c.span),
            Block::Title(t) | Block::Subtitle(t) => {
                t.lines.iter().for_each(|l| f(l.span));
                t.marker.iter().for_each(|m| f(m.span));
            }
            Block::Byline(e)
            | Block::Banner(e)
            | Block::CopyNumber(e)
            | Block::Secrecy(e)
            | Block::Urgency(e)
            | Block::Signer(e)
            | Block::Serial(e)
            | Block::Addressee(e)
            | Block::Signature(e)
            | Block::CopyTo(e)
            | Block::Imprint(e)
            | Block::Note(e) => f(e.span),
            Block::DocNumber(d) => f(d.text.span),
            Block::Section(s) => f(s.span),
            Block::Point(p) => f(p.span),
            Block::ListItem(l) => f(l.span),
            Block::Paragraph(p) => f(p.span),
            Block::Elision(e) => f(e.span),
            Block::Attachment(a) => f(a.text.span),
            Block::Date(d) => f(d.text.span),
            Block::Table(t) => {
                t.caption.iter().for_each(|c| f(c.span));
                f(t.span);
            }
            Block::List(_) => {}
            Block::Item(i) => f(i.bullet.span),
            Block::Quote(q) => q.marks.iter().for_each(|&m| f(m)),
            Block::Image(i) => f(i.span),
            Block::Footnote(n) => f(n.span),
            Block::Break(b) => f(b.span),
        }
    }

    /// Child blocks: of sections, points, lists, their items and quotations.
    pub fn children(&self) -> &[Block] {
        match self {
            Block::Section(s) => &s.children,
            Block::Point(p) => &p.children,
            Block::List(l) => &l.items,
            Block::Item(i) => &i.children,
            Block::Quote(q) => &q.children,
            _ => &[],
        }
    }
}

impl Document {
    /// Check the lossless property: every character of `src` that is not whitespace lands in
    /// exactly one node of the tree (whitespace between nodes belongs to nobody).
    ///
    /// ```
    /// use gongwen::{parse, Error, Format, LosslessKind, Source};
    /// let src = Source::from_str("关于加强管理的通知\n一、总体要求\n（一）指导思想。坚持……\n", Format::Text);
    /// let mut doc = parse(&src);
    /// assert!(doc.check_lossless(&src).is_ok());
    ///
    /// // drop the last block: its text is no longer covered
    /// doc.blocks.pop();
    /// let e = doc.check_lossless(&src).unwrap_err();
    /// assert!(matches!(e, Error::Lossless { kind: LosslessKind::Uncovered, line: 2, .. }));
    /// ```
    pub fn check_lossless(&self, src: &crate::Source) -> Result<(), crate::Error> {
        super::lossless::check(self, src.text())
    }

    /// Visit every block, depth first, in source order.
    pub fn walk<'a>(&'a self, f: &mut impl FnMut(&'a Block, usize)) {
        fn go<'a>(blocks: &'a [Block], depth: usize, f: &mut impl FnMut(&'a Block, usize)) {
            for b in blocks {
                f(b, depth);
                go(b.children(), depth + 1, f);
            }
        }
        go(&self.blocks, 0, f);
    }

    /// Every section, depth first.
    pub fn sections(&self) -> Vec<&Section> {
        let mut v = Vec::new();
        self.walk(&mut |b, _| {
            if let Block::Section(s) = b {
                v.push(&**s);
            }
        });
        v
    }
}

//! GB/T 9704-2012 DOCX writer.
//!
//! The tree is turned into a docx-rs document (`document.rs`), with styles from `styles.rs`,
//! faces from `fonts.rs` and every number from `layout.rs`, each with its clause; docx-rs packs
//! it, and `postprocess.rs` closes the gaps docx-rs leaves (element order, `w:firstLineChars`,
//! document properties, the font table, `w:lang`, footnote numbers, repeated table headers).
//! Nothing here re-parses text. Pictures are read from a DOCX source's package or from disk
//! (`image.rs` reads their size; EMF and WMF are embedded as their own parts); what cannot be
//! embedded is a [`Warning`], and so is what a DOCX source had that the tree does not carry as
//! such (`losses.rs`: a table read as paragraphs, tables nested in cells, a line read as page
//! furniture), so that `convert` drops nothing silently.
//!
//! ```
//! use gongwen::{parse, Format, Source};
//! use gongwen::write::docx::{write, DocxOptions};
//! let src = Source::from_str("关于加强管理的通知\n一、总体要求\n（一）指导思想。坚持……\n", Format::Text);
//! let mut out = Vec::new();
//! write(&parse(&src), &src, &DocxOptions::default(), &mut out).unwrap();
//! assert!(out.starts_with(b"PK"));
//! ```

mod document;
pub(crate) mod fonts;
pub use fonts::FontProfile;
mod image;
pub(crate) mod layout;
mod losses;
mod pages;
mod postprocess;
mod styles;
mod wml;
pub(crate) mod xml_text;

use crate::tree::Document;
use crate::{Error, Source};
use std::io::Write;
use std::path::PathBuf;

/// Which layout to write.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Style {
    /// GB/T 9704-2012.
    #[default]
    Gbt,
    /// A neutral layout: A4, one-inch margins, 宋体/黑体, centred page numbers.
    Plain,
}

/// The format of a 公文's 版头: the usual one (clause 7.2) or one of clause 10's.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum HeadFormat {
    /// The 发文机关标志 35 mm below the type area's top, the 发文字号, the red separator.
    #[default]
    Standard,
    /// 信函: the mark 30 mm from the page's top, red double lines above and below, no page
    /// number on page 1.
    Letter,
    /// 命令（令）: the mark 20 mm below the type area's top, the order's number two lines
    /// under it, the body two lines under that.
    Order,
    /// 纪要: the mark, the issue's number, the 出席/请假/列席 labels in 黑体.
    Minutes,
}

impl HeadFormat {
    /// The format a document's 版头 shows: a mark ending in 令 is an order's, one ending in
    /// 纪要 a 纪要's, and a mark without 文件 over a 发文字号 of a 函 (…函〔2025〕3号) a letter's.
    ///
    /// ```
    /// use gongwen::write::docx::HeadFormat;
    /// use gongwen::{parse, Format, Source};
    /// let src = Source::from_str("江北县人民政府令\n\n第8号\n\n现予公布。\n", Format::Text);
    /// assert_eq!(HeadFormat::of(&parse(&src)), HeadFormat::Order);
    /// ```
    pub fn of(doc: &crate::tree::Document) -> HeadFormat {
        use crate::tree::Block;
        let mut mark: Option<&str> = None;
        for b in doc.blocks.iter().take(12) {
            match b {
                Block::Banner(e) => {
                    let t = e.text.text.trim();
                    if t.ends_with('令') {
                        return HeadFormat::Order;
                    }
                    if t.ends_with("纪要") {
                        return HeadFormat::Minutes;
                    }
                    mark = Some(t);
                }
                Block::DocNumber(d) if mark.is_some_and(|m| !m.ends_with("文件")) => {
                    let t = &d.text.text;
                    let organ = t.split(['〔', '[', '［', '(', '（']).next().unwrap_or("");
                    if organ.ends_with('函') {
                        return HeadFormat::Letter;
                    }
                }
                _ => {}
            }
        }
        HeadFormat::Standard
    }
}

/// What to do with elisions (text a preview page cut out).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum ElisionMode {
    /// Write the GB/T 15834 form …… (…………… for a whole line), shaded grey.
    #[default]
    Mark,
    /// Leave them out.
    Drop,
    /// Write them as they were written.
    Raw,
}

/// Options for [`write()`]. Only what the standard leaves contested is a setting.
///
/// ```
/// let o = gongwen::write::docx::DocxOptions { bold_levels: vec![2, 3], ..Default::default() };
/// assert!(o.is_bold(2) && !o.is_bold(1));
/// ```
#[derive(Clone, Debug, Default)]
pub struct DocxOptions {
    /// The layout.
    pub style: Style,
    /// Heading levels set in bold (the standard names only typefaces; fact sheet §8.1 CONFLICT).
    pub bold_levels: Vec<u8>,
    /// The dot written after an Arabic heading number (`.` or `．`); `None` keeps it as written
    /// (fact sheet §8.1 CONFLICT).
    pub arabic_dot: Option<char>,
    /// Elisions.
    pub elisions: ElisionMode,
    /// The folder relative picture paths are taken from: the source file's. `None` takes them
    /// from the working directory.
    pub base_dir: Option<PathBuf>,
    /// The names the faces are given: the GB2312 faces, or a platform's own.
    pub fonts: FontProfile,
    /// For paper with the 版头 printed on it (红头纸): the 发文机关标志 and the red separator
    /// are left out and their room kept, so that everything below them lands where it would.
    pub preprinted: bool,
    /// The 版头's format; `None` takes the one the document shows ([`HeadFormat::of`]).
    pub format: Option<HeadFormat>,
}

/// A typeface a DOCX names: the parts of the document set in it, and the face named as its
/// fallback (`w:altName` in the font table).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Typeface {
    /// The name written into the runs.
    pub name: &'static str,
    /// The face Word is told to use where this one is missing.
    pub fallback: Option<&'static str>,
    /// What is set in it (`title`, `body`, `level-1 headings`, …).
    pub roles: Vec<&'static str>,
}

/// The typefaces a DOCX written with `opts` names, in the order of the document's parts.
///
/// ```
/// use gongwen::write::docx::{typefaces, DocxOptions};
/// let t = typefaces(&DocxOptions::default());
/// let body = t.iter().find(|f| f.roles.contains(&"body")).unwrap();
/// assert_eq!((body.name, body.fallback), ("仿宋_GB2312", Some("仿宋")));
/// ```
pub fn typefaces(opts: &DocxOptions) -> Vec<Typeface> {
    use fonts::Role;
    let parts = [
        (Role::Title, "title"),
        (Role::Body, "body"),
        (Role::Heading(1), "level-1 headings"),
        (Role::Heading(2), "level-2 headings"),
        (Role::Heading(3), "level-3 and 4 headings"),
        (Role::Kai, "subtitles and bylines"),
        (Role::Hei, "labels (附件, articles, table heads)"),
        (Role::PageNumber, "page numbers"),
    ];
    let mut out: Vec<Typeface> = Vec::new();
    for (role, what) in parts {
        let f = fonts::face_in(role, opts.style, opts.fonts);
        match out.iter_mut().find(|t| t.name == f.name) {
            Some(t) => t.roles.push(what),
            None => out.push(Typeface {
                name: f.name,
                fallback: f.fallback,
                roles: vec![what],
            }),
        }
    }
    out
}

/// Something the writer could not do as the tree asked, and what it wrote instead.
///
/// ```
/// use gongwen::write::docx::Warning;
/// let w = Warning::ImageNotFound { path: "图/a.png".into() };
/// assert_eq!(w.to_string(), "image 图/a.png not found");
/// let w = Warning::NestedTablesAsText { count: 2 };
/// assert_eq!(w.to_string(), "2 tables nested in table cells written as their cells' text");
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Warning {
    /// A picture's file is missing: its alternative text is written in its place.
    ImageNotFound {
        /// The path as the source wrote it.
        path: String,
    },
    /// A picture's file could not be read, or is not a PNG or JPEG: its alternative text is
    /// written in its place.
    ImageUnreadable {
        /// The path as the source wrote it.
        path: String,
        /// Why.
        reason: String,
    },
    /// A picture given by URL: not fetched, its alternative text is written in its place.
    ImageUrl {
        /// The URL.
        url: String,
    },
    /// A table of a DOCX source that the tree did not make a table (its lines were read as a
    /// title, paragraphs or chrome): its text is written as paragraphs.
    TableAsParagraphs {
        /// Its first cell's text, cut short.
        first: String,
    },
    /// Tables of a DOCX source nested in table cells: each is written as its cell's text.
    NestedTablesAsText {
        /// How many.
        count: usize,
    },
    /// Tables of a DOCX source with no text in any cell: left out.
    EmptyTablesLeftOut {
        /// How many.
        count: usize,
    },
    /// A line of a DOCX source that the tree read as page furniture (chrome): left out.
    ChromeLeftOut {
        /// Its text, cut short.
        text: String,
    },
}

impl std::fmt::Display for Warning {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Warning::ImageNotFound { path } => write!(f, "image {path} not found"),
            Warning::ImageUnreadable { path, reason } => {
                write!(f, "image {path} cannot be embedded: {reason}")
            }
            Warning::ImageUrl { url } => {
                write!(
                    f,
                    "image {url} is a URL and is not fetched; its text is written"
                )
            }
            Warning::TableAsParagraphs { first } => {
                write!(
                    f,
                    "a table of the source (\"{first}\") is written as paragraphs: its lines were not read as a table"
                )
            }
            Warning::NestedTablesAsText { count } => {
                let s = if *count == 1 { "table" } else { "tables" };
                write!(
                    f,
                    "{count} {s} nested in table cells written as their cells' text"
                )
            }
            Warning::EmptyTablesLeftOut { count } => {
                let s = if *count == 1 { "table" } else { "tables" };
                write!(f, "{count} {s} without text left out")
            }
            Warning::ChromeLeftOut { text } => {
                write!(
                    f,
                    "the line \"{text}\" was read as page furniture and is left out"
                )
            }
        }
    }
}

impl DocxOptions {
    /// Whether headings of this level are bold.
    pub fn is_bold(&self, level: u8) -> bool {
        self.bold_levels.contains(&level)
    }

    /// The layout numbers for the chosen style.
    pub(crate) fn layout(&self) -> &'static layout::Layout {
        match self.style {
            Style::Gbt => &layout::GBT,
            Style::Plain => &layout::PLAIN,
        }
    }
}

/// Write `doc`, parsed from `src`, as a DOCX to `w`.
///
/// ```
/// use gongwen::{parse, Format, Source};
/// use gongwen::write::docx::{write, DocxOptions, ElisionMode};
/// let src = Source::from_str("标题\n正文。......\n", Format::Text);
/// let opts = DocxOptions { elisions: ElisionMode::Drop, ..Default::default() };
/// let mut out = Vec::new();
/// write(&parse(&src), &src, &opts, &mut out).unwrap();
/// assert!(out.starts_with(b"PK"));
/// ```
pub fn write(
    doc: &Document,
    src: &Source,
    opts: &DocxOptions,
    w: &mut impl Write,
) -> Result<(), Error> {
    write_with_warnings(doc, src, opts, w).map(drop)
}

/// [`write()`], returning what could not be written as the tree asked (a missing picture), and
/// what a DOCX source had that the output does not hold as such (a table read as paragraphs).
///
/// ```
/// use gongwen::tree::{Block, Image};
/// use gongwen::write::docx::{write_with_warnings, DocxOptions, Warning};
/// use gongwen::{parse, Format, Source};
/// let src = Source::from_str("标题\n正文。\n", Format::Text);
/// let mut doc = parse(&src);
/// doc.blocks.push(Block::Image(Image {
///     alt: "示意图".into(),
///     src: "no-such-picture.png".into(),
///     span: Default::default(),
/// }));
/// let mut out = Vec::new();
/// let warnings = write_with_warnings(&doc, &src, &DocxOptions::default(), &mut out).unwrap();
/// assert_eq!(warnings, [Warning::ImageNotFound { path: "no-such-picture.png".into() }]);
/// ```
pub fn write_with_warnings(
    doc: &Document,
    src: &Source,
    opts: &DocxOptions,
    w: &mut impl Write,
) -> Result<Vec<Warning>, Error> {
    let (bytes, warnings) = to_bytes(doc, src, opts)?;
    let io = |source| Error::Write {
        path: "DOCX".into(),
        source,
    };
    w.write_all(&bytes).map_err(io)?;
    w.flush().map_err(io)?;
    Ok(warnings)
}

/// `doc` as DOCX bytes, and the warnings.
pub(crate) fn to_bytes(
    doc: &Document,
    src: &Source,
    opts: &DocxOptions,
) -> Result<(Vec<u8>, Vec<Warning>), Error> {
    let props = postprocess::CoreProps::from_meta(&doc.meta);
    let package = document::package(opts).build();
    // a DOCX of text takes about 0.6 bytes a byte of text, and 40 kB of parts around it
    let capacity = src.text().len() / 5 * 3 + (40 << 10);
    let (bytes, body) = postprocess::pack(package, opts, &props, capacity, |sink, section| {
        document::write_body(doc, opts, src.package(), section, sink)
    })?;
    let mut warnings = body.warnings;
    warnings.extend(losses::tables(doc, src));
    warnings.extend(losses::chrome(doc, src));
    Ok((bytes, warnings))
}

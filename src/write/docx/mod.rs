//! GB/T 9704-2012 DOCX writer.
//!
//! The tree is turned into a docx-rs document ([`document`]), with styles from [`styles`],
//! faces from [`fonts`] and every number from [`layout`]; docx-rs packs it, and
//! [`postprocess`] closes the gaps docx-rs leaves (element order, `w:firstLineChars`,
//! document properties, the font table, `w:lang`). Nothing here re-parses text.
//!
//! ```
//! use gongwen::write::docx::{write, DocxOptions};
//! let src = "关于加强管理的通知\n一、总体要求\n（一）指导思想。坚持……\n";
//! let doc = gongwen::parse_str(src);
//! let mut out = std::io::Cursor::new(Vec::new());
//! write(&doc, src, &DocxOptions::default(), &mut out).unwrap();
//! assert!(out.get_ref().starts_with(b"PK"));
//! ```

pub mod document;
pub mod fonts;
pub mod layout;
pub mod postprocess;
pub mod styles;

use crate::tree::Document;
use std::fmt;
use std::io::{Seek, Write};

/// Which layout to write.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Style {
    /// GB/T 9704-2012.
    #[default]
    Gbt,
    /// A neutral layout: A4, one-inch margins, 宋体/黑体, centred page numbers.
    Plain,
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

/// Options for [`write`]. Only what the standard leaves contested is a setting.
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
}

impl DocxOptions {
    /// Whether headings of this level are bold.
    pub fn is_bold(&self, level: u8) -> bool {
        self.bold_levels.contains(&level)
    }

    /// The layout numbers for the chosen style.
    pub fn layout(&self) -> &'static layout::Layout {
        match self.style {
            Style::Gbt => &layout::GBT,
            Style::Plain => &layout::PLAIN,
        }
    }
}

/// Why a DOCX could not be written.
#[derive(Debug)]
pub enum DocxError {
    /// Writing the output failed.
    Io(std::io::Error),
    /// Packing or re-packing the zip failed.
    Zip(String),
    /// A part docx-rs wrote could not be read back.
    Xml(String),
}

impl fmt::Display for DocxError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            DocxError::Io(e) => write!(f, "cannot write DOCX: {e}"),
            DocxError::Zip(e) => write!(f, "cannot pack DOCX: {e}"),
            DocxError::Xml(e) => write!(f, "cannot post-process DOCX: {e}"),
        }
    }
}

impl std::error::Error for DocxError {}

impl From<std::io::Error> for DocxError {
    fn from(e: std::io::Error) -> Self {
        DocxError::Io(e)
    }
}

/// Write `doc` (parsed from `src`) as a DOCX to `w`.
///
/// ```
/// use gongwen::write::docx::{write, DocxOptions, ElisionMode};
/// let src = "标题\n正文。......\n";
/// let doc = gongwen::parse_str(src);
/// let opts = DocxOptions { elisions: ElisionMode::Drop, ..Default::default() };
/// let mut out = std::io::Cursor::new(Vec::new());
/// write(&doc, src, &opts, &mut out).unwrap();
/// ```
pub fn write<W: Write + Seek>(
    doc: &Document,
    src: &str,
    opts: &DocxOptions,
    mut w: W,
) -> Result<(), DocxError> {
    let bytes = to_bytes(doc, src, opts)?;
    w.write_all(&bytes)?;
    w.flush()?;
    Ok(())
}

/// Write `doc` as DOCX bytes.
///
/// ```
/// let doc = gongwen::parse_str("一、总则\n");
/// let bytes = gongwen::write::docx::to_bytes(&doc, "一、总则\n", &Default::default()).unwrap();
/// assert!(bytes.len() > 1000);
/// ```
pub fn to_bytes(doc: &Document, src: &str, opts: &DocxOptions) -> Result<Vec<u8>, DocxError> {
    let _ = src; // the tree carries all text; the source is kept in the signature for spans
    let docx = document::build(doc, opts);
    let mut raw = std::io::Cursor::new(Vec::new());
    docx.build()
        .pack(&mut raw)
        .map_err(|e| DocxError::Zip(e.to_string()))?;
    let props = postprocess::CoreProps::from_meta(&doc.meta);
    postprocess::run(&raw.into_inner(), opts, &props)
}

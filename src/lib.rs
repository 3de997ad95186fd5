//! # gongwen
//!
//! Outline, check, fix and convert Chinese official documents (公文) and reports.
//!
//! A [`Source`] holds a document's text; [`parse`] makes its typed tree, a [`Document`] in which
//! every node carries its byte span; the writers in [`mod@write`] read the tree (none re-parses
//! text), and [`check`] finds numbering and element problems and fixes the mechanical ones.
//!
//! ```
//! use gongwen::{parse, Format, Source};
//! use gongwen::write::outline::{tsv, OutlineOptions};
//! let src = Source::from_str("关于加强管理的通知\n一、总体要求\n（一）指导思想。坚持……\n", Format::Text);
//! let doc = parse(&src);
//! let mut out = Vec::new();
//! tsv(&doc, &src, &OutlineOptions::default(), &mut out).unwrap();
//! let out = String::from_utf8(out).unwrap();
//! assert_eq!(out.lines().nth(3), Some("3\trunin\t2\t（一）\t指导思想"));
//! ```
//!
//! Inside, bytes are decoded and split into lines and seen through their markup (`source`),
//! each line is classified by small nom parsers (`grammar`), and the tree builder
//! (`tree::build`) decides, with the whole document in view, what every line is.

#![cfg_attr(not(feature = "simd"), forbid(unsafe_code))]

pub mod check;
#[cfg(feature = "cli")]
pub mod cli;
mod error;
mod grammar;
mod source;
pub mod tree;
pub mod write;

pub use error::{Error, FileKind, Limit, LosslessKind};
pub use source::span::{LineIndex, Span};
pub use source::{Format, ReadOptions, Source};
pub use tree::Document;

/// Parse a source into its tree.
///
/// ```
/// use gongwen::{parse, Format, Source};
/// let doc = parse(&Source::from_str("一、总则\n（一）目的\n", Format::Text));
/// let secs = doc.sections();
/// assert_eq!((secs[0].level, secs[1].level), (1, 2));
/// assert_eq!(secs[1].title.text, "目的");
/// ```
pub fn parse(src: &Source) -> Document {
    let mut doc = tree::build::parse_hinted(
        src.text(),
        &tree::build::ParseOptions {
            markdown: src.is_markdown(),
            chrome: src.chrome_spans().to_vec(),
        },
        src.hints(),
    );
    doc.meta.input.encoding = src.encoding().to_string();
    doc.meta.input.bom = src.has_bom();
    doc
}

/// Parse a text as plain text, for the unit tests.
#[cfg(test)]
pub(crate) fn parse_str(text: &str) -> Document {
    tree::build::parse(text, &Default::default())
}

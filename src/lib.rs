//! # gongwen
//!
//! Outline, check, fix and convert Chinese official documents (公文) and reports.
//!
//! The pipeline: bytes are [decoded](decode), split into lines and seen through their markup
//! ([`markup`]), each line is classified by small nom parsers ([`grammar`]), and the
//! [tree builder](tree::build) decides, with the whole document in view, what every line is.
//! Writers ([`write`]) read the tree; none of them re-parses text.
//!
//! ```
//! let doc = gongwen::parse_str("关于加强管理的通知\n一、总体要求\n（一）指导思想。坚持……\n");
//! let mut out = Vec::new();
//! gongwen::write::outline::tsv(&doc, &gongwen::LineIndex::new(""), &mut out).unwrap();
//! ```

#![cfg_attr(not(feature = "simd"), forbid(unsafe_code))]

pub mod check;
pub mod grammar;
pub mod input;
pub mod output;
pub mod source;
pub mod tree;
pub mod write;

pub use source::{decode, markup, span};

/// Readers for input formats other than text.
pub mod read {
    pub use crate::source::docx;
}

pub use input::{Input, InputError};
pub use span::{LineIndex, Span};
pub use tree::{parse, Document, ParseOptions};

/// Parse a text that is already in memory, as plain text.
///
/// ```
/// let doc = gongwen::parse_str("一、总则\n");
/// assert_eq!(doc.sections().len(), 1);
/// ```
pub fn parse_str(text: &str) -> Document {
    tree::parse(text, &ParseOptions::default())
}

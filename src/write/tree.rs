//! The whole tree as YAML or JSON, with its `schema` version.

use crate::tree::Document;
use std::io::{self, Write};

/// Write the tree as YAML.
///
/// ```
/// let doc = gongwen::parse_str("一、总则\n");
/// let mut out = Vec::new();
/// gongwen::write::tree::yaml(&doc, &mut out).unwrap();
/// assert!(String::from_utf8(out).unwrap().starts_with("schema: gongwen.tree/1"));
/// ```
pub fn yaml(doc: &Document, w: &mut impl Write) -> io::Result<()> {
    serde_yaml::to_writer(&mut *w, doc).map_err(io::Error::other)
}

/// Write the tree as pretty JSON.
pub fn json(doc: &Document, w: &mut impl Write) -> io::Result<()> {
    serde_json::to_writer_pretty(&mut *w, doc).map_err(io::Error::other)?;
    writeln!(w)
}

//! The whole tree as JSON or YAML, under its `schema` version, every node with its byte span.

use crate::tree::Document;
use crate::Source;
use std::io::{self, Write};

/// How the tree is dumped.
#[derive(Clone, Debug, Default)]
pub struct DumpOptions {
    /// JSON on one line (for JSON Lines), instead of indented.
    pub compact: bool,
}

/// Write the tree as JSON: indented, or on one line with `compact`.
///
/// ```
/// use gongwen::{parse, Format, Source};
/// use gongwen::write::dump::{json, DumpOptions};
/// let src = Source::from_str("一、总则\n", Format::Text);
/// let mut out = Vec::new();
/// json(&parse(&src), &src, &DumpOptions { compact: true }, &mut out).unwrap();
/// let v: serde_json::Value = serde_json::from_slice(&out).unwrap();
/// assert_eq!(v["schema"], "gongwen.tree/9");
/// assert_eq!(out.iter().filter(|&&b| b == b'\n').count(), 1);
/// ```
pub fn json(
    doc: &Document,
    _src: &Source,
    opts: &DumpOptions,
    w: &mut impl Write,
) -> io::Result<()> {
    if opts.compact {
        serde_json::to_writer(&mut *w, doc).map_err(io::Error::other)?;
    } else {
        serde_json::to_writer_pretty(&mut *w, doc).map_err(io::Error::other)?;
    }
    writeln!(w)
}

/// Write the tree as YAML.
///
/// ```
/// use gongwen::{parse, Format, Source};
/// use gongwen::write::dump::{yaml, DumpOptions};
/// let src = Source::from_str("一、总则\n", Format::Text);
/// let mut out = Vec::new();
/// yaml(&parse(&src), &src, &DumpOptions::default(), &mut out).unwrap();
/// assert!(String::from_utf8(out).unwrap().starts_with("schema: gongwen.tree/9"));
/// ```
#[cfg(feature = "yaml")]
pub fn yaml(
    doc: &Document,
    _src: &Source,
    _opts: &DumpOptions,
    w: &mut impl Write,
) -> io::Result<()> {
    serde_yaml::to_writer(&mut *w, doc).map_err(io::Error::other)
}

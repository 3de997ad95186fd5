//! The outline as one JSON or YAML document, `gongwen.outline/1`: the file, its title, the rows
//! and the summary.

use super::rows::{rows_to, Row};
use super::summary::{summary, Summary};
use super::OutlineOptions;
use crate::tree::Document;
use crate::Source;
use serde::Serialize;
use std::io::{self, Write};

/// Version of the outline document's shape; changing the shape bumps it.
pub const OUTLINE_SCHEMA: &str = "gongwen.outline/1";

/// The outline document. Its fields are in the order they are written: alphabetical, as the
/// first version wrote them.
#[derive(Serialize)]
struct OutlineDoc<'a> {
    file: &'a str,
    rows: Vec<Row>,
    schema: &'static str,
    summary: Summary,
    title: Option<&'a str>,
}

fn outline_value(
    doc: &Document,
    src: &Source,
    opts: &OutlineOptions,
) -> io::Result<serde_json::Value> {
    let d = OutlineDoc {
        file: src.name(),
        rows: rows_to(doc, src, opts.depth),
        schema: OUTLINE_SCHEMA,
        summary: summary(doc),
        title: doc.meta.title.as_deref(),
    };
    // through a JSON value, so that YAML writes the summary's level keys as JSON does: "1"
    serde_json::to_value(d).map_err(io::Error::other)
}

/// Write the outline document as pretty JSON.
///
/// ```
/// use gongwen::{parse, Format, Source};
/// use gongwen::write::outline::{json, OutlineOptions};
/// let src = Source::from_str("一、总则\n", Format::Text);
/// let mut out = Vec::new();
/// json(&parse(&src), &src, &OutlineOptions::default(), &mut out).unwrap();
/// let v: serde_json::Value = serde_json::from_slice(&out).unwrap();
/// assert_eq!(v["schema"], "gongwen.outline/1");
/// assert_eq!(v["rows"][0]["marker"], "一、");
/// ```
pub fn json(
    doc: &Document,
    src: &Source,
    opts: &OutlineOptions,
    w: &mut impl Write,
) -> io::Result<()> {
    let v = outline_value(doc, src, opts)?;
    serde_json::to_writer_pretty(&mut *w, &v).map_err(io::Error::other)?;
    writeln!(w)
}

/// Write the outline document as YAML.
///
/// ```
/// use gongwen::{parse, Format, Source};
/// use gongwen::write::outline::{yaml, OutlineOptions};
/// let src = Source::from_str("一、总则\n", Format::Text);
/// let mut out = Vec::new();
/// yaml(&parse(&src), &src, &OutlineOptions::default(), &mut out).unwrap();
/// assert!(String::from_utf8(out).unwrap().contains("schema: gongwen.outline/1"));
/// ```
#[cfg(feature = "yaml")]
pub fn yaml(
    doc: &Document,
    src: &Source,
    opts: &OutlineOptions,
    w: &mut impl Write,
) -> io::Result<()> {
    let v = outline_value(doc, src, opts)?;
    serde_yaml::to_writer(&mut *w, &v).map_err(io::Error::other)
}

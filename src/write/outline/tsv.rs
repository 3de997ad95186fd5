//! The TSV contract other tools read: `line kind level marker title`.

use super::rows::rows_to;
use super::OutlineOptions;
use crate::tree::Document;
use crate::Source;
use std::io::{self, Write};

/// Write the TSV contract: `line kind level marker title`, a header first.
///
/// ```
/// use gongwen::{parse, Format, Source};
/// use gongwen::write::outline::{tsv, OutlineOptions};
/// let src = Source::from_str("关于加强管理的通知\n一、总体要求\n", Format::Text);
/// let mut out = Vec::new();
/// tsv(&parse(&src), &src, &OutlineOptions::default(), &mut out).unwrap();
/// assert_eq!(String::from_utf8(out).unwrap(),
///     "line\tkind\tlevel\tmarker\ttitle\n1\ttitle\t0\t\t关于加强管理的通知\n2\theading\t1\t一、\t总体要求\n");
/// ```
pub fn tsv(
    doc: &Document,
    src: &Source,
    opts: &OutlineOptions,
    w: &mut impl Write,
) -> io::Result<()> {
    writeln!(w, "line\tkind\tlevel\tmarker\ttitle")?;
    // each row is put together in one buffer and written at once, numbers without `fmt`
    let mut buf = Vec::with_capacity(256);
    let mut num = itoa::Buffer::new();
    for r in rows_to(doc, src, opts.depth) {
        buf.clear();
        buf.extend_from_slice(num.format(r.line).as_bytes());
        buf.push(b'\t');
        buf.extend_from_slice(r.kind.as_bytes());
        buf.push(b'\t');
        buf.extend_from_slice(num.format(r.level).as_bytes());
        buf.push(b'\t');
        buf.extend_from_slice(clean(&r.marker).as_bytes());
        buf.push(b'\t');
        buf.extend_from_slice(clean(&r.title).as_bytes());
        buf.push(b'\n');
        w.write_all(&buf)?;
    }
    Ok(())
}

/// `s` with tabs and line breaks made spaces, copied only when it has any.
fn clean(s: &str) -> std::borrow::Cow<'_, str> {
    if memchr::memchr3(b'\t', b'\n', b'\r', s.as_bytes()).is_some() {
        s.replace(['\t', '\n', '\r'], " ").into()
    } else {
        s.into()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tabs_in_titles_are_cleaned() {
        assert_eq!(clean("甲\t乙\r\n"), "甲 乙  ");
    }
}

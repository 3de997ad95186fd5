//! What a DOCX source had that the tree does not carry as such, named in warnings, so that
//! `convert` drops nothing silently.
//!
//! - A table of the source that the tree did not make a table (its lines were read as a title,
//!   paragraphs or chrome): its text is written, as paragraphs; the warning quotes its first
//!   cell.
//! - A table nested in a table cell: the reader keeps it as the cell's text (the tree has no
//!   tables in cells).
//! - A table with no text at all: the reader leaves it out.
//! - A line the tree read as page furniture (a 来源：/时间： line, a file listing, a paywall
//!   notice: chrome, which no layout writes): left out, and quoted.
//!
//! The tables are counted in the source package's `word/document.xml` as the reader counts
//! them: elements matched by namespace, nothing inside `mc:Fallback` (the VML copy of a text
//! box), one pass.

use super::Warning;
use crate::tree::{Block, Document};
use crate::Source;
use std::io::Read;

/// WordprocessingML, transitional and strict.
const WML: &[u8] = b"http://schemas.openxmlformats.org/wordprocessingml/2006/main";
const WML_STRICT: &[u8] = b"http://purl.oclc.org/ooxml/wordprocessingml/main";
/// Markup compatibility (`mc:Fallback`).
const MC: &[u8] = b"http://schemas.openxmlformats.org/markup-compatibility/2006";
/// The longest quote of a table's first cell, in characters.
const QUOTE_CHARS: usize = 20;

/// The tables of a `word/document.xml`: (top-level, nested in a cell). Outside `mc:Fallback`;
/// a part that cannot be read counts what was read before the error.
fn count_tables(xml: &[u8]) -> (usize, usize) {
    use quick_xml::events::Event;
    use quick_xml::name::ResolveResult;
    let mut r = quick_xml::NsReader::from_reader(xml);
    // per open element: whether it is a table, a fallback
    let mut open: Vec<(bool, bool)> = Vec::new();
    let (mut tables, mut fallback) = (0usize, 0usize);
    let (mut top, mut nested) = (0, 0);
    let mut buf = Vec::new();
    loop {
        buf.clear();
        let (ns, e, empty) = match r.read_resolved_event_into(&mut buf) {
            Ok((ns, Event::Start(e))) => (ns, e, false),
            Ok((ns, Event::Empty(e))) => (ns, e, true),
            Ok((_, Event::End(_))) => {
                if let Some((t, f)) = open.pop() {
                    tables -= usize::from(t);
                    fallback -= usize::from(f);
                }
                continue;
            }
            Ok((_, Event::Eof)) | Err(_) => break,
            _ => continue,
        };
        let bound = |want: &[u8]| matches!(&ns, ResolveResult::Bound(n) if n.as_ref() == want);
        let local = e.local_name();
        let tbl = (bound(WML) || bound(WML_STRICT)) && local.as_ref() == b"tbl";
        let fb = bound(MC) && local.as_ref() == b"Fallback";
        if tbl && fallback == 0 {
            if tables == 0 {
                top += 1;
            } else {
                nested += 1;
            }
        }
        if !empty {
            tables += usize::from(tbl);
            fallback += usize::from(fb);
            open.push((tbl, fb));
        }
    }
    (top, nested)
}

/// The source package's `word/document.xml`, inflated through the reader's default limit.
fn document_xml(package: &[u8]) -> Option<Vec<u8>> {
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(package)).ok()?;
    let part = zip.by_name("word/document.xml").ok()?;
    let limit = crate::ReadOptions::DEFAULT_MAX_DOCX_UNCOMPRESSED;
    let mut out = Vec::new();
    part.take(limit).read_to_end(&mut out).ok()?;
    Some(out)
}

/// `s` cut to [`QUOTE_CHARS`] characters, `…` marking the cut; whitespace runs as one space.
fn quote(s: &str) -> String {
    let words: Vec<&str> = s.split_whitespace().collect();
    let s = words.join(" ");
    match s.char_indices().nth(QUOTE_CHARS) {
        Some((at, _)) => format!("{}…", &s[..at]),
        None => s,
    }
}

/// The warnings for the tables of a DOCX source that the output does not hold as tables
/// (none for another source).
pub(super) fn tables(doc: &Document, src: &Source) -> Vec<Warning> {
    let (Some(package), Some(hints)) = (src.package(), src.hints()) else {
        return Vec::new();
    };
    let text = src.text();
    let mut made = Vec::new();
    doc.walk(&mut |b, _| {
        if let Block::Table(t) = b {
            made.push(t.span);
        }
    });
    let mut out = Vec::new();
    let mut read = 0;
    for b in &hints.layout.blocks {
        let crate::source::markdown::MdKind::Table(shape) = &b.kind else {
            continue;
        };
        read += 1;
        // the first cell with text, and whether a table of the tree holds it
        let Some(cell) = shape
            .rows
            .iter()
            .flat_map(|(_, cells)| cells)
            .find(|c| !c.is_empty())
        else {
            continue;
        };
        if made
            .iter()
            .any(|t| t.start <= cell.start && cell.end <= t.end)
        {
            continue;
        }
        out.push(Warning::TableAsParagraphs {
            first: quote(text.get(cell.range()).unwrap_or_default()),
        });
    }
    let (top, nested) = document_xml(package).map_or((0, 0), |x| count_tables(&x));
    if top > read {
        out.push(Warning::EmptyTablesLeftOut { count: top - read });
    }
    if nested > 0 {
        out.push(Warning::NestedTablesAsText { count: nested });
    }
    out
}

/// The warnings for the lines of a DOCX source that the tree read as page furniture, which the
/// writer leaves out (none for another source: there chrome is the page's, not the author's).
pub(super) fn chrome(doc: &Document, src: &Source) -> Vec<Warning> {
    if src.package().is_none() {
        return Vec::new();
    }
    let mut out = Vec::new();
    doc.walk(&mut |b, _| {
        if let Block::Chrome(c) = b {
            if c.kind != crate::tree::ChromeKind::Markup && !c.text.text.trim().is_empty() {
                out.push(Warning::ChromeLeftOut {
                    text: quote(&c.text.text),
                });
            }
        }
    });
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tables_are_counted_once_and_by_namespace() {
        let xml = br#"<x:document xmlns:x="http://schemas.openxmlformats.org/wordprocessingml/2006/main" xmlns:m="http://schemas.openxmlformats.org/markup-compatibility/2006"><x:body>
<x:tbl><x:tr><x:tc><x:tbl><x:tr><x:tc><x:tbl/><x:p/></x:tc></x:tr></x:tbl></x:tc></x:tr></x:tbl>
<x:p><m:AlternateContent><m:Choice><x:txbxContent><x:tbl/></x:txbxContent></m:Choice><m:Fallback><x:txbxContent><x:tbl><x:tr/></x:tbl></x:txbxContent></m:Fallback></m:AlternateContent></x:p>
<tbl/></x:body></x:document>"#;
        // the outer table and the text box's (once); two nested; the unbound `tbl` is none
        assert_eq!(count_tables(xml), (2, 2));
        assert_eq!(count_tables(b"<x:tbl"), (0, 0));
    }

    #[test]
    fn quotes_are_short() {
        assert_eq!(quote("  部门：\t\t编号： "), "部门： 编号：");
        assert_eq!(quote(&"表".repeat(30)), format!("{}…", "表".repeat(20)));
    }
}

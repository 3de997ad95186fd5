//! Reading a DOCX: the text of its body, one line per paragraph.
//!
//! Word documents are where most 公文 start. The body's paragraphs (`w:p` in
//! `word/document.xml`) become lines; runs' text (`w:t`) is joined, `w:tab` becomes a tab and
//! `w:br` a line break. Deleted revisions (`w:del`), field codes (`w:instrText`) and everything
//! outside the body (headers, footers, notes) are left out. Automatic list numbering
//! (`w:numPr`) is not text in the file and so is not seen: freeze it in Word first.
//!
//! Spans of a tree parsed from a DOCX point into this extracted text, not into the zip.
//!
//! A zip is checked before it is inflated: its central directory may list no more entries
//! than the limit and no name twice (the zip library keeps one entry per name, so a second
//! `word/document.xml` would silently win); `word/document.xml` must be stored or deflated,
//! and is inflated through a limit that counts the bytes as they come, never trusting the
//! sizes the zip declares. An XML error says where it is (line and column in the part), and a
//! part that ends inside its root element is an error, not a short text.

pub(crate) mod patch;

use super::ReadOptions;
use crate::{Error, FileKind, Limit};
use quick_xml::events::Event;
use quick_xml::Reader;
use std::io::Read;
use zip::CompressionMethod;

/// The part that holds the body.
const DOCUMENT: &str = "word/document.xml";

/// The body text of the DOCX `bytes`, read from `name`, one line per paragraph, each ending in
/// `\n`.
pub(crate) fn text(name: &str, bytes: &[u8], opts: &ReadOptions) -> Result<String, Error> {
    let docx = |reason: String| Error::Docx {
        name: name.to_string(),
        reason,
    };
    let too_large = |limit, max| Error::TooLarge {
        name: name.to_string(),
        limit,
        max,
    };
    let listed = central_directory(bytes).map_err(docx)?;
    if listed.unwrap_or(0) > opts.max_docx_entries {
        return Err(too_large(Limit::DocxEntries, opts.max_docx_entries));
    }
    let mut zip =
        zip::ZipArchive::new(std::io::Cursor::new(bytes)).map_err(|e| docx(e.to_string()))?;
    if zip.len() as u64 > opts.max_docx_entries {
        return Err(too_large(Limit::DocxEntries, opts.max_docx_entries));
    }
    let Some(index) = zip.index_for_name(DOCUMENT) else {
        return Err(Error::NotText {
            name: name.to_string(),
            kind: zip_kind(zip.file_names()),
        });
    };
    let raw = zip.by_index_raw(index).map_err(|e| docx(e.to_string()))?;
    if raw.encrypted() {
        return Err(docx(format!("{DOCUMENT} is encrypted")));
    }
    let method = raw.compression();
    if method != CompressionMethod::STORE && method != CompressionMethod::DEFLATE {
        return Err(docx(format!(
            "{DOCUMENT} is compressed with {}, which gongwen does not read; only stored and \
             deflated parts are (save the file again in Word or WPS)",
            method_name(method)
        )));
    }
    drop(raw);
    let max = opts.max_docx_uncompressed;
    let mut part = zip.by_index(index).map_err(|e| docx(e.to_string()))?;
    let mut xml = Vec::with_capacity(part.size().min(max.saturating_add(1)) as usize);
    (&mut part)
        .take(max.saturating_add(1))
        .read_to_end(&mut xml)
        .map_err(|e| docx(format!("{DOCUMENT}: {e}")))?;
    if xml.len() as u64 > max {
        return Err(too_large(Limit::DocxUncompressed, max));
    }
    let xml = String::from_utf8(xml).map_err(|e| {
        docx(format!(
            "{DOCUMENT} is not UTF-8 (at byte {})",
            e.utf8_error().valid_up_to()
        ))
    })?;
    body_text(&xml).map_err(docx)
}

/// What a zip without `word/document.xml` is, by the names of its entries.
fn zip_kind<'a>(names: impl Iterator<Item = &'a str>) -> FileKind {
    let mut kind = FileKind::Zip;
    for n in names {
        kind = match n {
            "xl/workbook.xml" => FileKind::Xlsx,
            "ppt/presentation.xml" => FileKind::Pptx,
            "content.xml" | "mimetype" => FileKind::OpenDocument,
            _ => continue,
        };
    }
    kind
}

/// The name of a zip compression method.
fn method_name(method: CompressionMethod) -> String {
    use CompressionMethod as M;
    let names = [
        (M::SHRINK, "Shrink"),
        (M::REDUCE_1, "Reduce"),
        (M::REDUCE_2, "Reduce"),
        (M::REDUCE_3, "Reduce"),
        (M::REDUCE_4, "Reduce"),
        (M::IMPLODE, "Implode"),
        (M::DEFLATE64, "Deflate64"),
        (M::BZIP2, "bzip2"),
        (M::LZMA, "LZMA"),
        (M::ZSTD, "Zstandard"),
        (M::XZ, "XZ"),
        (M::PPMD, "PPMd"),
        (M::AES, "AES encryption"),
    ];
    names.iter().find(|(m, _)| *m == method).map_or_else(
        || format!("an unknown method ({method:?})"),
        |(_, n)| n.to_string(),
    )
}

/// The number of entries the zip's central directory lists, after checking that no name is
/// listed twice; `None` when the directory cannot be found (the zip library then says what is
/// wrong with the file).
fn central_directory(bytes: &[u8]) -> Result<Option<u64>, String> {
    let Some((count, start)) = directory_end(bytes) else {
        return Ok(None);
    };
    let mut seen = std::collections::HashSet::new();
    let mut at = start;
    for _ in 0..count {
        let Some(h) = bytes
            .get(at..at + 46)
            .filter(|h| h.starts_with(b"PK\x01\x02"))
        else {
            break;
        };
        let (n, m, k) = (le16(h, 28), le16(h, 30), le16(h, 32));
        let Some(entry) = bytes.get(at + 46..at + 46 + n) else {
            break;
        };
        if !seen.insert(entry) {
            return Err(format!(
                "its zip lists {:?} twice, and readers differ on which one counts",
                String::from_utf8_lossy(entry)
            ));
        }
        at += 46 + n + m + k;
    }
    Ok(Some(count))
}

/// The entry count and the start of the central directory, from the end-of-central-directory
/// record (and its ZIP64 form when the counts overflow).
fn directory_end(bytes: &[u8]) -> Option<(u64, usize)> {
    let tail = bytes.len().saturating_sub(22 + 0xFFFF);
    let eocd = tail + memchr::memmem::rfind(&bytes[tail..], b"PK\x05\x06")?;
    let e = bytes.get(eocd..eocd + 22)?;
    let (count, size, offset) = (le16(e, 10) as u64, le32(e, 12), le32(e, 16));
    if count != 0xFFFF && size != 0xFFFF_FFFF && offset != 0xFFFF_FFFF {
        return Some((count, eocd.checked_sub(size as usize)?));
    }
    let locator = bytes.get(eocd.checked_sub(20)?..eocd)?;
    if !locator.starts_with(b"PK\x06\x07") {
        return None;
    }
    let at = usize::try_from(le64(locator, 8)).ok()?;
    let z = bytes
        .get(at..at + 56)
        .filter(|z| z.starts_with(b"PK\x06\x06"))?;
    let size = usize::try_from(le64(z, 40)).ok()?;
    Some((le64(z, 32), at.checked_sub(size)?))
}

fn le16(b: &[u8], at: usize) -> usize {
    u16::from_le_bytes([b[at], b[at + 1]]) as usize
}

fn le32(b: &[u8], at: usize) -> u64 {
    u32::from_le_bytes(b[at..at + 4].try_into().expect("4 bytes")) as u64
}

fn le64(b: &[u8], at: usize) -> u64 {
    u64::from_le_bytes(b[at..at + 8].try_into().expect("8 bytes"))
}

/// Where the reader is in the body: inside a paragraph, a run's text, skipped content; how
/// deep in elements, and under which root.
#[derive(Default)]
struct Body {
    out: String,
    /// Where each run of `w:t` text came from: its range in `out` and in the XML.
    pieces: Vec<Piece>,
    in_p: bool,
    in_t: bool,
    /// inside w:del, w:instrText or w:delText
    skip: usize,
    depth: usize,
    root: Option<String>,
}

impl Body {
    fn start(&mut self, name: &[u8]) {
        if self.depth == 0 && self.root.is_none() {
            self.root = Some(String::from_utf8_lossy(name).into_owned());
        }
        self.depth += 1;
        match name {
            b"w:p" => self.in_p = true,
            b"w:t" if self.skip == 0 => self.in_t = true,
            b"w:del" | b"w:instrText" | b"w:delText" => self.skip += 1,
            _ => {}
        }
    }

    fn empty(&mut self, name: &[u8]) {
        if self.depth == 0 && self.root.is_none() {
            self.root = Some(String::from_utf8_lossy(name).into_owned());
        }
        match name {
            b"w:tab" if self.in_p && self.skip == 0 => self.out.push('\t'),
            b"w:br" | b"w:cr" if self.in_p && self.skip == 0 => self.out.push('\n'),
            b"w:p" => self.out.push('\n'),
            _ => {}
        }
    }

    fn end(&mut self, name: &[u8]) {
        self.depth = self.depth.saturating_sub(1);
        match name {
            b"w:t" => self.in_t = false,
            b"w:del" | b"w:instrText" | b"w:delText" => self.skip = self.skip.saturating_sub(1),
            b"w:p" => {
                self.in_p = false;
                self.out.push('\n');
            }
            _ => {}
        }
    }

    /// The text, once the part has ended: an error when it ended inside an element.
    fn finish(self, xml: &str) -> Result<String, String> {
        match self.root {
            None => Err(format!("{DOCUMENT} has no XML element")),
            Some(root) if self.depth > 0 => Err(format!(
                "{DOCUMENT}:{}: the part ends inside <{root}>, with {} element{} open: it is \
                 cut short",
                position(xml, xml.len()),
                self.depth,
                if self.depth == 1 { "" } else { "s" }
            )),
            Some(_) => Ok(self.out),
        }
    }
}

/// A stretch of the extracted text copied from one `w:t` element's content: its byte range in
/// the text and the byte range of the content as written in `word/document.xml` (escaped, so
/// the two differ in length when the content holds an entity). `fix` rewrites a DOCX
/// through these.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Piece {
    pub text: std::ops::Range<usize>,
    pub xml: std::ops::Range<usize>,
}

/// The paragraphs' text of a `word/document.xml`.
pub(crate) fn body_text(xml: &str) -> Result<String, String> {
    Ok(extract(xml)?.0)
}

/// The paragraphs' text of a `word/document.xml`, and where each piece of it came from.
pub(crate) fn extract(xml: &str) -> Result<(String, Vec<Piece>), String> {
    let mut r = Reader::from_str(xml);
    let mut b = Body {
        out: String::with_capacity(xml.len() / 4),
        ..Body::default()
    };
    let error = |at: u64, e: &dyn std::fmt::Display| {
        format!("{DOCUMENT}:{}: {e}", position(xml, at as usize))
    };
    loop {
        let before = r.buffer_position();
        match r.read_event().map_err(|e| error(r.error_position(), &e))? {
            Event::Eof => {
                let pieces = std::mem::take(&mut b.pieces);
                return Ok((b.finish(xml)?, pieces));
            }
            Event::Start(e) => b.start(e.name().as_ref()),
            Event::Empty(e) => b.empty(e.name().as_ref()),
            Event::End(e) => b.end(e.name().as_ref()),
            Event::Text(t) if b.in_t => {
                let s = t.unescape().map_err(|e| error(before, &e))?;
                let at = b.out.len();
                b.out.push_str(&s);
                b.pieces.push(Piece {
                    text: at..b.out.len(),
                    xml: before as usize..r.buffer_position() as usize,
                });
            }
            Event::CData(c) if b.in_t => {
                let s = r.decoder().decode(&c).map_err(|e| error(before, &e))?;
                b.out.push_str(&s);
            }
            _ => {}
        }
    }
}

/// `line:column` of byte `at` in `xml`, both 1-based, the column in characters.
fn position(xml: &str, at: usize) -> String {
    let b = &xml.as_bytes()[..at.min(xml.len())];
    let line_start = memchr::memrchr(b'\n', b).map_or(0, |i| i + 1);
    let line = 1 + memchr::memchr_iter(b'\n', b).count();
    let col = 1 + b[line_start..]
        .iter()
        .filter(|&&c| (c as i8) >= -0x40)
        .count();
    format!("{line}:{col}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn example_text() {
        let src =
            crate::Source::from_str("关于加强管理的通知\n一、总体要求\n", crate::Format::Text);
        let mut bytes = Vec::new();
        crate::write::docx::write(&crate::parse(&src), &src, &Default::default(), &mut bytes)
            .unwrap();
        let text = text("a.docx", &bytes, &ReadOptions::default()).unwrap();
        assert!(text.contains("一、总体要求\n"));
    }

    #[test]
    fn paragraphs_tabs_breaks_and_deletions() {
        let xml = r#"<w:document><w:body>
            <w:p><w:r><w:t>一、</w:t></w:r><w:r><w:t xml:space="preserve">总则</w:t></w:r></w:p>
            <w:p><w:r><w:t>甲</w:t><w:tab/><w:t>乙</w:t><w:br/><w:t>丙</w:t></w:r></w:p>
            <w:p><w:del><w:r><w:delText>删去</w:delText></w:r></w:del><w:r><w:instrText>PAGE</w:instrText><w:t>留下</w:t></w:r></w:p>
            <w:p/>
            </w:body></w:document>"#;
        assert_eq!(body_text(xml).unwrap(), "一、总则\n甲\t乙\n丙\n留下\n\n");
    }

    #[test]
    fn pieces_say_where_the_text_came_from() {
        let xml = "<w:document><w:body><w:p><w:r><w:t>一、</w:t><w:t>A&amp;B</w:t></w:r></w:p></w:body></w:document>";
        let (text, pieces) = extract(xml).unwrap();
        assert_eq!(text, "一、A&B\n");
        for p in &pieces {
            let raw = &xml[p.xml.clone()];
            let back = quick_xml::escape::unescape(raw).unwrap();
            assert_eq!(back, &text[p.text.clone()]);
        }
        assert_eq!(pieces.len(), 2);
    }

    #[test]
    fn not_a_zip_is_an_error() {
        assert!(text("a.docx", b"hello", &ReadOptions::default()).is_err());
    }

    #[test]
    fn cdata_is_text_and_errors_say_where() {
        let xml = "<w:document><w:body><w:p><w:r><w:t><![CDATA[一、<总则>]]></w:t></w:r></w:p>";
        let e = body_text(xml).unwrap_err();
        assert!(
            e.contains("ends inside <w:document>, with 2 elements open"),
            "{e}"
        );
        let xml = format!("{xml}</w:body></w:document>");
        assert_eq!(body_text(&xml).unwrap(), "一、<总则>\n");
        let e = body_text("<w:document>\n<w:p><w:t>甲</w:x></w:p></w:document>").unwrap_err();
        assert!(e.starts_with("word/document.xml:2:"), "{e}");
        assert_eq!(position("ab\n一二x", "ab\n一二".len()), "2:3");
    }
}

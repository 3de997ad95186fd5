//! Reading a DOCX: the text of its body, one line per paragraph.
//!
//! Word documents are where most 公文 start. The body's paragraphs (`w:p` in
//! `word/document.xml`) become lines; runs' text (`w:t`) is joined, `w:tab` becomes a tab and
//! `w:br` a line break. Deleted revisions (`w:del`), field codes (`w:instrText`) and everything
//! outside the body (headers, footers, notes) are left out. Automatic list numbering
//! (`w:numPr`) is not text in the file and so is not seen: freeze it in Word first.
//!
//! Spans of a tree parsed from a DOCX point into this extracted text, not into the zip.

use super::ReadOptions;
use crate::Error;
use quick_xml::events::Event;
use quick_xml::Reader;
use std::io::Read;

/// The body text of the DOCX `bytes`, read from `name`, one line per paragraph, each ending in
/// `\n`.
pub(crate) fn text(name: &str, bytes: &[u8], _opts: &ReadOptions) -> Result<String, Error> {
    let docx = |reason: String| Error::Docx {
        name: name.to_string(),
        reason,
    };
    let mut zip =
        zip::ZipArchive::new(std::io::Cursor::new(bytes)).map_err(|e| docx(e.to_string()))?;
    let mut xml = String::new();
    zip.by_name("word/document.xml")
        .map_err(|_| docx("it has no word/document.xml".to_string()))?
        .read_to_string(&mut xml)
        .map_err(|e| docx(e.to_string()))?;
    body_text(&xml).map_err(docx)
}

/// The paragraphs' text of a `word/document.xml`.
pub(crate) fn body_text(xml: &str) -> Result<String, String> {
    let mut r = Reader::from_str(xml);
    let mut out = String::with_capacity(xml.len() / 4);
    let mut in_t = false;
    let mut skip = 0usize; // inside w:del or w:instrText
    let mut in_p = false;
    loop {
        match r.read_event().map_err(|e| format!("document.xml: {e}"))? {
            Event::Eof => break,
            Event::Start(e) => match e.name().as_ref() {
                b"w:p" => in_p = true,
                b"w:t" if skip == 0 => in_t = true,
                b"w:del" | b"w:instrText" | b"w:delText" => skip += 1,
                _ => {}
            },
            Event::Empty(e) => match e.name().as_ref() {
                b"w:tab" if in_p && skip == 0 => out.push('\t'),
                b"w:br" | b"w:cr" if in_p && skip == 0 => out.push('\n'),
                b"w:p" => out.push('\n'),
                _ => {}
            },
            Event::Text(t) if in_t => {
                let s = t.unescape().map_err(|e| format!("document.xml: {e}"))?;
                out.push_str(&s);
            }
            Event::End(e) => match e.name().as_ref() {
                b"w:t" => in_t = false,
                b"w:del" | b"w:instrText" | b"w:delText" => skip = skip.saturating_sub(1),
                b"w:p" => {
                    in_p = false;
                    out.push('\n');
                }
                _ => {}
            },
            _ => {}
        }
    }
    Ok(out)
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
    fn not_a_zip_is_an_error() {
        assert!(text("a.docx", b"hello", &ReadOptions::default()).is_err());
    }
}

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

pub(crate) mod body;
pub(crate) mod numbering;
pub(crate) mod patch;
pub(crate) mod styles;

use super::hints::Hints;
use super::span::Span;
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
#[cfg(test)]
pub(crate) fn text(name: &str, bytes: &[u8], opts: &ReadOptions) -> Result<String, Error> {
    Ok(read(name, bytes, opts)?.text)
}

/// A DOCX as read: its body text, the hints its markup gives, and where the text came from.
pub(crate) struct Extracted {
    pub text: String,
    pub hints: Hints,
    pub pieces: Vec<Piece>,
}

/// Read the DOCX `bytes`, named `name`.
pub(crate) fn read(name: &str, bytes: &[u8], opts: &ReadOptions) -> Result<Extracted, Error> {
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
    if zip.index_for_name(DOCUMENT).is_none() {
        return Err(Error::NotText {
            name: name.to_string(),
            kind: zip_kind(zip.file_names()),
        });
    }
    let mut budget = opts.max_docx_uncompressed;
    let mut part = |zip: &mut zip::ZipArchive<std::io::Cursor<&[u8]>>, part: &str| {
        let r = read_part(zip, part, budget);
        if let Ok(Some(x)) = &r {
            budget = budget.saturating_sub(x.len() as u64);
        }
        r
    };
    let xml = part(&mut zip, DOCUMENT)
        .map_err(|e| match e {
            PartError::TooLarge => too_large(Limit::DocxUncompressed, opts.max_docx_uncompressed),
            PartError::Bad(r) => docx(r),
        })?
        .unwrap_or_default();
    let soft = |r: Result<Option<String>, PartError>| r.ok().flatten();
    let styles_xml = soft(part(&mut zip, "word/styles.xml"));
    let numbering_xml = soft(part(&mut zip, "word/numbering.xml"));
    let rels_xml = soft(part(&mut zip, "word/_rels/document.xml.rels"));
    let foot_xml = soft(part(&mut zip, "word/footnotes.xml"));
    let end_xml = soft(part(&mut zip, "word/endnotes.xml"));
    let styles = styles_xml
        .as_deref()
        .and_then(|x| styles::Styles::parse(x).ok())
        .unwrap_or_default();
    let numbering = numbering_xml
        .as_deref()
        .and_then(|x| numbering::Numbering::parse(x, &styles).ok())
        .unwrap_or_default();
    let hidden = |id: &str| styles.character(id).is_some_and(|s| s.hidden);
    let walk = body::walk(&xml, &hidden).map_err(docx)?;
    let parts = Parts {
        rels: rels_xml.as_deref().map(relationships).unwrap_or_default(),
        footnotes: foot_xml.as_deref().map(notes).unwrap_or_default(),
        endnotes: end_xml.as_deref().map(notes).unwrap_or_default(),
    };
    let mut counters = numbering::Counters::new(&numbering);
    let mut number = |p: &body::Para| {
        let (id, lvl) = numbering.resolve(p.num, p.style.as_deref(), &styles)?;
        counters.next(id, lvl)
    };
    let (text, hints, pieces) = assemble(walk, &styles, &mut number, &parts);
    Ok(Extracted {
        text,
        hints,
        pieces,
    })
}

/// Why a part could not be read.
enum PartError {
    TooLarge,
    Bad(String),
}

/// The text of part `name`, `None` when the package has no such part; inflated through a
/// limit of `max` bytes that counts the bytes as they come.
fn read_part(
    zip: &mut zip::ZipArchive<std::io::Cursor<&[u8]>>,
    name: &str,
    max: u64,
) -> Result<Option<String>, PartError> {
    let Some(index) = zip.index_for_name(name) else {
        return Ok(None);
    };
    let raw = zip
        .by_index_raw(index)
        .map_err(|e| PartError::Bad(e.to_string()))?;
    if raw.encrypted() {
        return Err(PartError::Bad(format!("{name} is encrypted")));
    }
    let method = raw.compression();
    if method != CompressionMethod::STORE && method != CompressionMethod::DEFLATE {
        return Err(PartError::Bad(format!(
            "{name} is compressed with {}, which gongwen does not read; only stored and \
             deflated parts are (save the file again in Word or WPS)",
            method_name(method)
        )));
    }
    drop(raw);
    let mut part = zip
        .by_index(index)
        .map_err(|e| PartError::Bad(e.to_string()))?;
    let mut xml = Vec::with_capacity(part.size().min(max.saturating_add(1)) as usize);
    (&mut part)
        .take(max.saturating_add(1))
        .read_to_end(&mut xml)
        .map_err(|e| PartError::Bad(format!("{name}: {e}")))?;
    if xml.len() as u64 > max {
        return Err(PartError::TooLarge);
    }
    let xml = match String::from_utf8(xml) {
        Ok(x) => x,
        Err(e) => {
            // UTF-16 parts are allowed by the standard, and rare
            let b = e.as_bytes();
            if b.starts_with(&[0xFF, 0xFE]) || b.starts_with(&[0xFE, 0xFF]) {
                let enc = if b[0] == 0xFF {
                    encoding_rs::UTF_16LE
                } else {
                    encoding_rs::UTF_16BE
                };
                enc.decode(b).0.into_owned()
            } else {
                return Err(PartError::Bad(format!(
                    "{name} is not UTF-8 (at byte {})",
                    e.utf8_error().valid_up_to()
                )));
            }
        }
    };
    Ok(Some(xml))
}

/// The relationships of `word/_rels/document.xml.rels`: id to part name, internal ones only.
fn relationships(xml: &str) -> std::collections::HashMap<String, String> {
    let mut out = std::collections::HashMap::new();
    let mut r = Reader::from_str(xml);
    loop {
        match r.read_event() {
            Ok(Event::Start(e) | Event::Empty(e)) if e.local_name().as_ref() == b"Relationship" => {
                let get = |k: &[u8]| body::attr(&e, k);
                if get(b"TargetMode").as_deref() == Some("External") {
                    continue;
                }
                if let (Some(id), Some(t)) = (get(b"Id"), get(b"Target")) {
                    out.insert(id, part_name(&t));
                }
            }
            Ok(Event::Eof) | Err(_) => break,
            _ => {}
        }
    }
    out
}

/// A relationship target of the main part as a part name: relative to `word/`, `..` resolved.
fn part_name(target: &str) -> String {
    let mut parts: Vec<&str> = if let Some(abs) = target.strip_prefix('/') {
        return abs.to_string();
    } else {
        vec!["word"]
    };
    for seg in target.split('/') {
        match seg {
            "" | "." => {}
            ".." => {
                parts.pop();
            }
            s => parts.push(s),
        }
    }
    parts.join("/")
}

/// The notes of a `word/footnotes.xml` or `word/endnotes.xml` by id, their paragraphs joined
/// by line endings; the separators Word keeps there are left out.
fn notes(xml: &str) -> std::collections::HashMap<String, String> {
    let mut out = std::collections::HashMap::new();
    let mut r = Reader::from_str(xml);
    let mut cur: Option<(String, String)> = None;
    let (mut in_t, mut skip) = (false, 0usize);
    let attr = body::attr;
    loop {
        match r.read_event() {
            Ok(Event::Start(e)) => match e.local_name().as_ref() {
                b"footnote" | b"endnote" => {
                    let kind = attr(&e, b"type");
                    cur = match (attr(&e, b"id"), kind.as_deref()) {
                        (Some(id), None | Some("normal")) => Some((id, String::new())),
                        _ => None,
                    };
                }
                b"t" => in_t = skip == 0,
                b"del" | b"instrText" | b"delText" | b"moveFrom" => skip += 1,
                _ => {}
            },
            Ok(Event::Empty(e)) => {
                if let (b"tab", Some((_, t))) = (e.local_name().as_ref(), cur.as_mut()) {
                    t.push('\t');
                }
            }
            Ok(Event::End(e)) => match e.local_name().as_ref() {
                b"footnote" | b"endnote" => {
                    if let Some((id, t)) = cur.take() {
                        out.insert(id, t.trim().to_string());
                    }
                }
                b"p" => {
                    if let Some((_, t)) = cur.as_mut() {
                        if !t.is_empty() && !t.ends_with('\n') {
                            t.push('\n');
                        }
                    }
                }
                b"t" => in_t = false,
                b"del" | b"instrText" | b"delText" | b"moveFrom" => skip = skip.saturating_sub(1),
                _ => {}
            },
            Ok(Event::Text(x)) if in_t => {
                if let (Some((_, t)), Ok(s)) = (cur.as_mut(), x.unescape()) {
                    t.push_str(&s);
                }
            }
            Ok(Event::Eof) | Err(_) => break,
            _ => {}
        }
    }
    out
}

/// The parts besides the body that the text refers to.
#[derive(Default)]
pub(crate) struct Parts {
    /// Relationship id to part name (`rId5` → `word/media/image1.png`).
    pub rels: std::collections::HashMap<String, String>,
    /// Footnotes and endnotes by id.
    pub footnotes: std::collections::HashMap<String, String>,
    pub endnotes: std::collections::HashMap<String, String>,
}

/// The text, the hints and the pieces of a walked body.
pub(crate) fn assemble(
    w: body::Walk,
    styles: &styles::Styles,
    numbering: &mut dyn FnMut(&body::Para) -> Option<numbering::Generated>,
    parts: &Parts,
) -> (String, Hints, Vec<Piece>) {
    use crate::source::hints::{Extra, ExtraKind, LineHint};
    let mut text = String::with_capacity(w.paras.iter().map(|p| p.text.len() + 8).sum());
    let mut pieces = Vec::new();
    let mut hints = Hints::default();
    // the first line of each paragraph, and one past the last
    let mut first_line = Vec::with_capacity(w.paras.len() + 1);
    let mut generated = 0usize;
    let mut note_no = 0usize;
    let mut toc_run: Option<std::ops::Range<usize>> = None;
    for p in &w.paras {
        let line = hints.lines.len();
        first_line.push(line);
        let st = styles.paragraph(p.style.as_deref());
        let gen = if p.skipped || st.hidden {
            None
        } else {
            numbering(p)
        };
        let start = text.len();
        let mut prefix = 0;
        if let Some(g) = gen.as_ref().filter(|g| !g.text.is_empty()) {
            if g.bullet {
                text.push('•');
            } else {
                text.push_str(&g.text);
                generated += 1;
            }
            text.push_str(if g.bullet { "\t" } else { g.suffix.text() });
            prefix = text.len() - start;
        }
        let body_at = text.len();
        text.push_str(&p.text);
        text.push('\n');
        for pc in &p.pieces {
            pieces.push(Piece {
                text: pc.text.start + body_at..pc.text.end + body_at,
                xml: pc.xml.clone(),
            });
        }
        let outline = p.outline.or(st.outline).filter(|&o| o < 9);
        let heading = match (st.heading, outline) {
            (Some(h), _) if h > 0 => h,
            (_, Some(o)) => o + 1,
            _ => 0,
        };
        // every visible character bold: by the run, else its character style, else the
        // paragraph's style
        let bold = !p.bold_runs.is_empty()
            && p.bold_runs.iter().all(|(direct, cs, _)| {
                direct
                    .or_else(|| {
                        cs.as_deref()
                            .and_then(|c| styles.character(c))
                            .and_then(|s| s.bold)
                    })
                    .or(st.bold)
                    == Some(true)
            });
        let n = p.text.matches('\n').count() + 1;
        for k in 0..n {
            hints.lines.push(LineHint {
                generated: if k == 0 {
                    prefix.min(u16::MAX as usize) as u16
                } else {
                    0
                },
                heading,
                size: p.size,
                centred: p.centred,
                bold,
                aside: p.aside,
            });
        }
        let toc = p.toc || st.toc;
        match (&mut toc_run, toc) {
            (Some(r), true) if r.end == line => r.end = line + n,
            (_, true) => {
                if let Some(r) = toc_run.take() {
                    hints.contents.push(r);
                }
                toc_run = Some(line..line + n);
            }
            (Some(_), false) if p.text.trim().is_empty() && !p.skipped => {}
            (Some(_), false) => hints.contents.extend(toc_run.take()),
            _ => {}
        }
        let after = line + n;
        if (p.page_break_before || st.page_break_before) && !p.skipped {
            hints.extras.push(Extra {
                line,
                at: start,
                kind: ExtraKind::PageBreak,
            });
        }
        for (id, alt) in &p.images {
            if let Some(src) = parts.rels.get(id) {
                hints.extras.push(Extra {
                    line: after,
                    at: text.len() - 1,
                    kind: ExtraKind::Image {
                        alt: alt.clone(),
                        src: src.clone(),
                    },
                });
            }
        }
        for (end, id, at) in &p.notes {
            let notes = if *end {
                &parts.endnotes
            } else {
                &parts.footnotes
            };
            if let Some(t) = notes.get(id) {
                note_no += 1;
                hints.extras.push(Extra {
                    line: after,
                    at: body_at + at,
                    kind: ExtraKind::Note {
                        label: note_no.to_string(),
                        text: t.clone(),
                    },
                });
            }
        }
    }
    hints.contents.extend(toc_run);
    first_line.push(hints.lines.len());
    // the tables, as blocks of lines
    if !w.tables.is_empty() {
        let spans = crate::source::lines::split(&text, false).0;
        let line_span = |a: usize, b: usize| {
            let s = spans.get(a).map_or(text.len(), |s| s.start);
            let e = spans
                .get(b.saturating_sub(1).max(a))
                .map_or(s, |x| x.end.max(s));
            Span::new(s, e)
        };
        hints.layout.blocks.extend(
            w.tables
                .iter()
                .filter_map(|t| table(t, &first_line, &line_span)),
        );
    }
    hints.layout.blocks.sort_by_key(|b| b.lines.start);
    hints.layout.skip = vec![0; hints.lines.len()];
    let o = &w.omitted;
    for (what, n) in [
        ("hidden", o.hidden),
        ("deleted", o.deleted),
        ("moved-from", o.moved_from),
        ("fallback-paragraphs", o.fallback_paragraphs),
        ("field-codes", o.field_codes),
        ("generated-numbers", generated),
    ] {
        if n > 0 {
            hints.omitted.push((what.to_string(), n));
        }
    }
    (text, hints, pieces)
}

/// A Word table as a block of lines: its rows' and cells' spans, merged cells folded into the
/// cell they continue, leading `w:tblHeader` rows as header rows; `None` for a table with no
/// text. `first_line` gives each paragraph's first line (and one past the last);
/// `line_span(a, b)` the span of lines `a..b`.
fn table(
    t: &body::TableInfo,
    first_line: &[usize],
    line_span: &dyn Fn(usize, usize) -> Span,
) -> Option<crate::source::markdown::MdBlock> {
    let mut rows = Vec::new();
    let mut merges: Vec<Vec<(u32, u32)>> = Vec::new();
    let (mut lo, mut hi) = (usize::MAX, 0usize);
    // per grid column, the cell a vertical merge continues: (row, cell)
    let mut above: Vec<Option<(usize, usize)>> = Vec::new();
    let header_rows = t.rows.iter().take_while(|r| r.header).count();
    for row in &t.rows {
        let mut cells = Vec::new();
        let mut merge = Vec::new();
        let mut col = 0usize;
        let r = rows.len();
        for c in &row.cells {
            let span = c.grid_span.max(1) as usize;
            if above.len() < col + span {
                above.resize(col + span, None);
            }
            if let (Some(false), Some((ar, ac))) = (c.v_merge, above[col]) {
                if let Some(m) = merges.get_mut(ar).and_then(|m| m.get_mut(ac)) {
                    m.1 += 1;
                }
                col += span;
                continue;
            }
            let a = first_line.get(c.paras.start).copied().unwrap_or(0);
            let b = if c.paras.is_empty() {
                a
            } else {
                first_line[c.paras.end.min(first_line.len() - 1)]
            };
            if b > a {
                lo = lo.min(a);
                hi = hi.max(b);
                cells.push(line_span(a, b));
            } else {
                cells.push(Span::new(0, 0));
            }
            merge.push((span as u32, 1u32));
            above[col] = (c.v_merge == Some(true)).then_some((r, cells.len() - 1));
            for x in above.iter_mut().skip(col + 1).take(span - 1) {
                *x = None;
            }
            col += span;
        }
        let row_span = match (
            cells.iter().find(|s| !s.is_empty()),
            cells.iter().rev().find(|s| !s.is_empty()),
        ) {
            (Some(a), Some(b)) => Span::new(a.start, b.end),
            _ => Span::new(0, 0),
        };
        rows.push((row_span, cells));
        merges.push(merge);
    }
    if lo >= hi {
        return None;
    }
    // a cell with no text sits where its row is
    for (rs, cells) in &mut rows {
        for c in cells.iter_mut().filter(|c| c.is_empty() && c.start == 0) {
            *c = Span::new(rs.start, rs.start);
        }
    }
    Some(crate::source::markdown::MdBlock {
        lines: lo..hi,
        kind: crate::source::markdown::MdKind::Table(crate::source::markdown::TableShape {
            rows,
            header_rows,
            align: Vec::new(),
            spans: merges,
        }),
    })
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

/// A stretch of the extracted text copied from one `w:t` element's content: its byte range in
/// the text and the byte range of the content as written in `word/document.xml` (escaped, so
/// the two differ in length when the content holds an entity). `fix` rewrites a DOCX
/// through these.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Piece {
    pub text: std::ops::Range<usize>,
    pub xml: std::ops::Range<usize>,
}

/// The paragraphs' text of a `word/document.xml`, with no styles or numbering.
#[cfg(test)]
pub(crate) fn body_text(xml: &str) -> Result<String, String> {
    Ok(extract(xml)?.0)
}

/// The paragraphs' text of a `word/document.xml`, and where each piece of it came from, as
/// read with no styles or numbering.
#[cfg(test)]
pub(crate) fn extract(xml: &str) -> Result<(String, Vec<Piece>), String> {
    let walk = body::walk(xml, &|_| false)?;
    let styles = styles::Styles::default();
    let (text, _, pieces) = assemble(walk, &styles, &mut |_| None, &Parts::default());
    Ok((text, pieces))
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

    /// The namespace declarations of a body written by hand in the tests.
    const NS: &str = r#"xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" xmlns:v="urn:schemas-microsoft-com:vml""#;

    fn doc(body: &str) -> String {
        format!("<w:document {NS}><w:body>{body}</w:body></w:document>")
    }

    #[test]
    fn paragraphs_tabs_breaks_and_deletions() {
        let xml = doc(r#"
            <w:p><w:r><w:t>一、</w:t></w:r><w:r><w:t xml:space="preserve">总则</w:t></w:r></w:p>
            <w:p><w:r><w:t>甲</w:t><w:tab/><w:t>乙</w:t><w:br/><w:t>丙</w:t></w:r></w:p>
            <w:p><w:del><w:r><w:delText>删去</w:delText></w:r></w:del><w:r><w:instrText>PAGE</w:instrText><w:t>留下</w:t></w:r></w:p>
            <w:p/>"#);
        assert_eq!(body_text(&xml).unwrap(), "一、总则\n甲\t乙\n丙\n留下\n\n");
    }

    /// The text and line hints of a body, read with no styles or numbering.
    fn hinted(xml: &str) -> (String, crate::source::hints::Hints) {
        let walk = body::walk(xml, &|_| false).unwrap();
        let (text, hints, _) = assemble(
            walk,
            &styles::Styles::default(),
            &mut |_| None,
            &Parts::default(),
        );
        (text, hints)
    }

    #[test]
    fn bold_and_centred_lines_are_hinted_and_shape_the_outline() {
        let xml = doc(r#"
            <w:p><w:r><w:t>请各单位按以下要求执行，并于月底前报送材料。</w:t></w:r></w:p>
            <w:p><w:pPr><w:jc w:val="center"/></w:pPr><w:r><w:t>课题结题报告格式要求</w:t></w:r></w:p>
            <w:p><w:r><w:t>一、总体要求</w:t></w:r></w:p>
            <w:p><w:r><w:t>报告应当内容完整，结构清楚，数据准确，文字简练。</w:t></w:r></w:p>
            <w:p><w:r><w:rPr><w:b/></w:rPr><w:t>行动计划</w:t></w:r></w:p>
            <w:p><w:r><w:t>1.</w:t><w:t>明确分工，落实责任，按时完成各项任务。</w:t></w:r></w:p>
            <w:p><w:r><w:t>2.</w:t><w:t>加强督促检查，确保工作取得实效。</w:t></w:r></w:p>
            <w:p><w:r><w:rPr><w:b/></w:rPr><w:t>二、</w:t></w:r><w:r><w:rPr><w:b w:val="0"/></w:rPr><w:t>工作安排</w:t></w:r></w:p>"#);
        let (text, hints) = hinted(&xml);
        let h: Vec<(bool, bool)> = hints.lines.iter().map(|h| (h.centred, h.bold)).collect();
        assert_eq!(h[1], (true, false));
        assert_eq!(h[4], (false, true));
        // bold on one run only is no bold line
        assert_eq!(h[7], (false, false));
        let src = crate::Source::from_str(&text, crate::Format::Text);
        let doc = crate::tree::build::parse_hinted(src.text(), &Default::default(), Some(&hints));
        let rows: Vec<(usize, u8, String)> = crate::write::outline::rows(&doc, &src)
            .into_iter()
            .map(|r| (r.line, r.level, r.title))
            .collect();
        assert_eq!(rows[0], (2, 0, "课题结题报告格式要求".to_string()));
        assert!(rows.contains(&(5, 2, "行动计划".to_string())), "{rows:?}");
        assert!(rows.iter().any(|r| r.0 == 6 && r.1 == 3), "{rows:?}");
        assert!(rows.iter().any(|r| r.0 == 8 && r.1 == 1), "{rows:?}");
    }

    #[test]
    fn another_prefix_reads_the_same() {
        let xml = r#"<x:document xmlns:x="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><x:body><x:p><x:r><x:t>一、总则</x:t></x:r></x:p></x:body></x:document>"#;
        assert_eq!(body_text(xml).unwrap(), "一、总则\n");
        // and an element of another namespace named like Word's is not Word's
        let xml = r#"<w:document xmlns:w="urn:other"><w:body><w:p><w:r><w:t>甲</w:t></w:r></w:p></w:body></w:document>"#;
        assert_eq!(body_text(xml).unwrap(), "");
    }

    #[test]
    fn what_is_not_body_text() {
        let xml = doc(r#"
            <w:p><w:pPr><w:tabs><w:tab w:val="left" w:pos="420"/></w:tabs></w:pPr><w:r><w:t>甲</w:t></w:r><w:r><w:rPr><w:vanish/></w:rPr><w:t>藏</w:t></w:r><w:moveFrom><w:r><w:t>移走</w:t></w:r></w:moveFrom><w:moveTo><w:r><w:t>移来</w:t></w:r></w:moveTo><w:ins><w:r><w:t>加</w:t></w:r></w:ins></w:p>
            <w:p><w:r><w:sym w:font="Symbol" w:char="F0B7"/><w:t>A</w:t><w:noBreakHyphen/><w:t>B</w:t></w:r></w:p>
            <w:p><w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText>PAGE</w:instrText></w:r><w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t>3</w:t></w:r><w:r><w:fldChar w:fldCharType="end"/></w:r></w:p>
            <w:p><w:r><mc:AlternateContent><mc:Choice Requires="wps"><w:drawing><w:txbxContent><w:p><w:r><w:t>框</w:t></w:r></w:p></w:txbxContent></w:drawing></mc:Choice><mc:Fallback><w:pict><v:shape><v:textbox><w:txbxContent><w:p><w:r><w:t>框</w:t></w:r></w:p></w:txbxContent></v:textbox></v:shape></w:pict></mc:Fallback></mc:AlternateContent></w:r><w:r><w:t>外</w:t></w:r></w:p>"#);
        // the text box's paragraphs come before the one holding them; its copy keeps a line
        assert_eq!(
            body_text(&xml).unwrap(),
            "甲移来加\n\u{2022}A\u{2011}B\n3\n框\n\n外\n"
        );
    }

    #[test]
    fn pieces_say_where_the_text_came_from() {
        let xml = doc("<w:p><w:r><w:t>一、</w:t><w:t>A&amp;B</w:t></w:r></w:p>");
        let (text, pieces) = extract(&xml).unwrap();
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
        let xml = format!(
            "<w:document {NS}><w:body><w:p><w:r><w:t><![CDATA[一、<总则>]]></w:t></w:r></w:p>"
        );
        let e = body_text(&xml).unwrap_err();
        assert!(
            e.contains("ends inside <w:document>, with 2 elements open"),
            "{e}"
        );
        let xml = format!("{xml}</w:body></w:document>");
        assert_eq!(body_text(&xml).unwrap(), "一、<总则>\n");
        let e = body_text(&format!(
            "<w:document {NS}>\n<w:p><w:t>甲</w:x></w:p></w:document>"
        ))
        .unwrap_err();
        assert!(e.starts_with("word/document.xml:2:"), "{e}");
        assert_eq!(position("ab\n一二x", "ab\n一二".len()), "2:3");
    }
}

//! Fixing a DOCX in its own XML.
//!
//! `check` finds and fixes on the extracted text (one line per paragraph). Every stretch of
//! that text copied from a `w:t` element's content is a [`Piece`], which also says where the
//! content is in `word/document.xml`. A fix's edit is carried into the XML through the
//! pieces:
//!
//! - an edit inside one piece rewrites that piece's content: the piece's whole new text,
//!   escaped again (an entity such as `&amp;` makes the raw content longer than its text, so
//!   the two cannot be edited at the same offsets);
//! - an edit over several adjacent pieces (runs split mid-marker, `（` in one run and `一）`
//!   in the next) puts its replacement in the first piece and takes the covered text out of
//!   the others; an insertion goes into the piece it touches, the earlier one at a boundary;
//! - an edit that touches text no piece holds (a marker made by Word's automatic numbering, a
//!   tab, a paragraph or line break) cannot be made in the file: the whole fix is refused and
//!   said why ([`Unplaceable`]), and the other fixes are still made.
//!
//! A rewritten `w:t` whose text now starts or ends with white space it did not have before
//! gets `xml:space="preserve"` (Word drops white space at the ends of a `w:t` without it).
//! Nothing else of the XML changes: the bytes outside rewritten `w:t` contents (and the start
//! tags that gain the attribute) are copied.
//!
//! The package is written again entry by entry in its own order: every entry but
//! `word/document.xml` is copied raw (its compressed bytes, name, method, time and CRC as they
//! were), and the new `word/document.xml` is compressed with the method it had. [`fix`] runs
//! the rounds of check and patch that `gongwen fix` runs on a text, reading each round's
//! package back as `check` reads a DOCX.

#[cfg(test)]
use super::extract;
use super::Piece;
use crate::check::{Config, Diagnostic, Edit, Rule};
use crate::{ReadOptions, Source};
use quick_xml::events::Event;
use quick_xml::Reader;
use std::io::{Read, Write};
use std::ops::Range;

/// The part that holds the body.
const DOCUMENT: &str = "word/document.xml";

/// The most rounds of check and patch [`fix`] makes, as for a text.
const ROUNDS: usize = 8;

/// Why an edit of the extracted text cannot be made in `word/document.xml`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub(crate) enum Unplaceable {
    /// It changes text that no `w:t` holds: a marker of Word's automatic numbering, a symbol
    /// or another character the reader makes.
    Generated,
    /// It changes a tab, which is a `w:tab` element.
    Tab,
    /// It crosses a paragraph or line break.
    Break,
    /// It lies outside the text or off a character boundary.
    Outside,
}

impl std::fmt::Display for Unplaceable {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            Unplaceable::Generated => {
                "the text it changes is not written in the file (Word's automatic numbering or \
                 a symbol makes it); change it in Word"
            }
            Unplaceable::Tab => "it changes a tab, which is a w:tab element and not text",
            Unplaceable::Break => "it crosses a paragraph or line break",
            Unplaceable::Outside => "it lies outside the text",
        })
    }
}

/// The pieces an edit's range lies in, as a range of indices into `pieces`: an edit that
/// replaces text needs every byte of it in adjacent pieces; an insertion needs a piece that
/// starts or ends at its place or holds it (the earlier piece at a boundary).
///
/// ```text
/// // "一、" from one w:t, "总则" from the next: an edit over both lies in pieces 0..2
/// let pieces = [Piece { text: 0..6, xml: 30..36 }, Piece { text: 6..12, xml: 60..66 }];
/// let e = Edit { span: Span::new(3, 9), replacement: "、".into() };
/// assert_eq!(place(&pieces, "一、总则\n", &e), Ok(0..2));
/// ```
pub(crate) fn place(
    pieces: &[Piece],
    text: &str,
    edit: &Edit,
) -> Result<Range<usize>, Unplaceable> {
    let r = edit.span.range();
    if text.get(r.clone()).is_none() {
        return Err(Unplaceable::Outside);
    }
    let (s, e) = (r.start, r.end);
    if s == e {
        let i = pieces.partition_point(|p| p.text.end < s);
        return match pieces.get(i) {
            Some(p) if p.text.start <= s => Ok(i..i + 1),
            next => {
                let from = i.checked_sub(1).map_or(0, |k| pieces[k].text.end);
                let to = next.map_or(text.len(), |p| p.text.start);
                Err(classify(&text[from..to]))
            }
        };
    }
    let i = pieces.partition_point(|p| p.text.end <= s);
    match pieces.get(i) {
        Some(p) if p.text.start <= s => {}
        next => {
            let to = next.map_or(e, |p| p.text.start.min(e));
            return Err(classify(&text[s..to]));
        }
    }
    let mut j = i;
    while pieces[j].text.end < e {
        let end = pieces[j].text.end;
        match pieces.get(j + 1) {
            Some(n) if n.text.start == end => j += 1,
            next => {
                let to = next.map_or(e, |n| n.text.start.min(e));
                return Err(classify(&text[end..to]));
            }
        }
    }
    Ok(i..j + 1)
}

/// What text outside the pieces is, by its characters.
fn classify(gap: &str) -> Unplaceable {
    if gap.chars().any(|c| !matches!(c, '\t' | '\n' | '\r')) {
        Unplaceable::Generated
    } else if gap.contains('\n') {
        Unplaceable::Break
    } else {
        Unplaceable::Tab
    }
}

/// `word/document.xml` with `edits` made: `text` and `pieces` are what [`extract`] gives for
/// `xml`, and `edits` are sorted edits of `text` that do not overlap, as `check`'s fixes give
/// them (one that overlaps the one before or falls off a character boundary is skipped, as
/// the text's own fix skips it). An edit that cannot be placed ([`place`]) is an error: nothing
/// is patched.
///
/// ```text
/// let xml = "<w:p><w:r><w:t>三、</w:t></w:r><w:r><w:t>总则</w:t></w:r></w:p>";
/// let (text, pieces) = extract(xml)?;
/// let e = Edit { span: Span::new(0, 3), replacement: "二".into() };
/// assert_eq!(patch(xml, &pieces, &text, &[e])?, xml.replace("三", "二"));
/// ```
pub(crate) fn patch(
    xml: &str,
    pieces: &[Piece],
    text: &str,
    edits: &[Edit],
) -> Result<String, Unplaceable> {
    // the edits of each piece, in its own offsets: (piece, range in the piece, replacement)
    let mut local: Vec<(usize, Range<usize>, &str)> = Vec::new();
    let mut at = 0;
    for e in edits {
        let r = e.span.range();
        if r.start < at || text.get(r.clone()).is_none() {
            continue;
        }
        at = r.end;
        let ix = place(pieces, text, e)?;
        let first = ix.start;
        for k in ix {
            let p = &pieces[k].text;
            let from = r.start.max(p.start) - p.start;
            let to = r.end.min(p.end) - p.start;
            let with = if k == first {
                e.replacement.as_str()
            } else {
                ""
            };
            local.push((k, from..to, with));
        }
    }
    // the new text of each piece that changes
    let mut changed: Vec<(usize, String)> = Vec::new();
    let mut i = 0;
    while i < local.len() {
        let k = local[i].0;
        let old = &text[pieces[k].text.clone()];
        let mut new = String::with_capacity(old.len() + 8);
        let mut from = 0;
        while i < local.len() && local[i].0 == k {
            let (_, r, with) = &local[i];
            new.push_str(&old[from..r.start]);
            new.push_str(with);
            from = r.end;
            i += 1;
        }
        new.push_str(&old[from..]);
        if new != old {
            changed.push((k, new));
        }
    }
    // start tags that must say xml:space="preserve" now
    let ends = |s: &str| {
        let ws = |c: char| matches!(c, ' ' | '\t' | '\n' | '\r');
        (s.starts_with(ws), s.ends_with(ws))
    };
    let exposed: Vec<usize> = changed
        .iter()
        .filter(|(k, new)| {
            let (a, b) = ends(&text[pieces[*k].text.clone()]);
            let (c, d) = ends(new);
            (c && !a) || (d && !b)
        })
        .map(|(k, _)| pieces[*k].xml.start)
        .collect();
    let tags = enclosing_tags(xml, &exposed);
    // the replacements, in the order of the XML
    let mut out: Vec<(Range<usize>, String)> = Vec::with_capacity(changed.len() + tags.len());
    let mut t = tags.into_iter().peekable();
    for (k, new) in &changed {
        let x = pieces[*k].xml.clone();
        while let Some((range, tag)) = t.next_if(|(r, _)| r.start <= x.start) {
            if out.last().is_none_or(|(r, _)| r.end <= range.start) {
                out.push((range, tag));
            }
        }
        let escaped = quick_xml::escape::partial_escape(new.as_str()).into_owned();
        out.push((x, escaped));
    }
    let mut xml_out = String::with_capacity(xml.len() + 64);
    let mut from = 0;
    for (r, with) in out {
        xml_out.push_str(&xml[from..r.start]);
        xml_out.push_str(&with);
        from = r.end;
    }
    xml_out.push_str(&xml[from..]);
    Ok(xml_out)
}

/// For the text contents starting at the offsets `at` (sorted), the start tags of the
/// elements that hold them which lack `xml:space="preserve"`, each once, with the tag as it
/// must be written. XML that does not read is left as it is (it was read once already).
fn enclosing_tags(xml: &str, at: &[usize]) -> Vec<(Range<usize>, String)> {
    let mut out: Vec<(Range<usize>, String)> = Vec::new();
    if at.is_empty() {
        return out;
    }
    let mut r = Reader::from_str(xml);
    let mut open: Vec<Range<usize>> = Vec::new();
    let mut next = 0;
    while next < at.len() {
        let before = r.buffer_position() as usize;
        match r.read_event() {
            Ok(Event::Eof) | Err(_) => break,
            Ok(Event::Start(_)) => open.push(before..r.buffer_position() as usize),
            Ok(Event::End(_)) => {
                open.pop();
            }
            Ok(Event::Text(_)) => {
                while next < at.len() && at[next] < before {
                    next += 1;
                }
                if next < at.len() && at[next] == before {
                    next += 1;
                    if let Some(tag) = open.last() {
                        let seen = out.last().is_some_and(|(r, _)| r.start == tag.start);
                        if let (false, Some(new)) = (seen, preserving(&xml[tag.clone()])) {
                            out.push((tag.clone(), new));
                        }
                    }
                }
            }
            Ok(_) => {}
        }
    }
    out
}

/// A start tag written with `xml:space="preserve"`, or `None` when it has it already.
fn preserving(tag: &str) -> Option<String> {
    let mut r = Reader::from_str(tag);
    let Ok(Event::Start(e)) = r.read_event() else {
        return None;
    };
    let mut space = None;
    for a in e.attributes().with_checks(false).flatten() {
        if a.key.as_ref() == b"xml:space" {
            space = Some(a.value.as_ref() == b"preserve");
        }
    }
    match space {
        Some(true) => None,
        None => Some(format!(
            "{} xml:space=\"preserve\">",
            tag.strip_suffix('>').unwrap_or(tag)
        )),
        Some(false) => {
            let mut s = format!("<{}", String::from_utf8_lossy(e.name().as_ref()));
            for a in e.attributes().with_checks(false).flatten() {
                let key = String::from_utf8_lossy(a.key.as_ref());
                if key == "xml:space" {
                    s.push_str(" xml:space=\"preserve\"");
                    continue;
                }
                let value = String::from_utf8_lossy(a.value.as_ref());
                let q = if value.contains('"') { '\'' } else { '"' };
                s.push_str(&format!(" {key}={q}{value}{q}"));
            }
            s.push('>');
            Some(s)
        }
    }
}

/// The package `package` with `word/document.xml` replaced by `xml`: the other entries copied
/// raw in their order, the new part compressed with its old method and given its old time,
/// the archive comment kept.
pub(crate) fn repackage(package: &[u8], xml: &str) -> Result<Vec<u8>, String> {
    let err = |e: zip::result::ZipError| e.to_string();
    let mut zin = zip::ZipArchive::new(std::io::Cursor::new(package)).map_err(err)?;
    let buf = Vec::with_capacity(package.len() + xml.len() / 4);
    let mut out = zip::ZipWriter::new(std::io::Cursor::new(buf));
    let mut found = false;
    for i in 0..zin.len() {
        let f = zin.by_index_raw(i).map_err(err)?;
        if f.name() == DOCUMENT && !found {
            let opts = f.options();
            drop(f);
            out.start_file(DOCUMENT, opts).map_err(err)?;
            out.write_all(xml.as_bytes()).map_err(|e| e.to_string())?;
            found = true;
        } else {
            out.raw_copy_file(f).map_err(err)?;
        }
    }
    if !found {
        return Err(format!("the package has no {DOCUMENT}"));
    }
    out.set_raw_comment(zin.comment().into());
    Ok(out.finish().map_err(err)?.into_inner())
}

/// `word/document.xml` of a package that has been read as a DOCX (so its size is within the
/// limits it was read with).
fn document(package: &[u8]) -> Result<String, String> {
    let mut zin = zip::ZipArchive::new(std::io::Cursor::new(package)).map_err(|e| e.to_string())?;
    let mut part = zin.by_name(DOCUMENT).map_err(|e| e.to_string())?;
    let mut xml = String::new();
    part.read_to_string(&mut xml)
        .map_err(|e| format!("{DOCUMENT}: {e}"))?;
    Ok(xml)
}

/// A fix that was not made in the file.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub(crate) struct Refusal {
    /// The line of the finding, in the extracted text.
    pub line: usize,
    /// The finding's rule.
    pub rule: Rule,
    /// Why its edits cannot be made.
    pub why: Unplaceable,
}

/// What fixing a DOCX did.
#[derive(Debug)]
pub(crate) struct Fixed {
    /// The package with the fixes made (the same bytes when none could be).
    pub package: Vec<u8>,
    /// The extracted text with the fixes made.
    pub text: String,
    /// The fixes not made, each once, in the order found.
    pub refused: Vec<Refusal>,
}

/// Fix the DOCX `src` (a source read from a package, with the options `opts`): check it as
/// `check` does, make every fix whose edits can be placed ([`place`]) in the XML, and check the
/// new package again, until a check finds nothing more that can be fixed (at most 8 rounds).
/// A fix with an edit that cannot be placed is refused whole and named in
/// [`Fixed::refused`]. Each round's package is read back, and its text must be the text the
/// edits make, or nothing is written.
pub(crate) fn fix(src: &Source, cfg: &Config, opts: &ReadOptions) -> Result<Fixed, String> {
    let original = src
        .package()
        .ok_or_else(|| "it was not read from a DOCX package".to_string())?;
    let mut xml = document(original)?;
    // the text as the reader makes it, generated numbers included (they have no pieces)
    let read = super::read(src.name(), original, opts).map_err(|e| e.to_string())?;
    let (mut text, mut pieces) = (read.text, read.pieces);
    if text != src.text() {
        return Err("its text and the text of its word/document.xml differ".into());
    }
    let mut package: Option<Vec<u8>> = None;
    let mut current = src.clone();
    let mut refused: Vec<Refusal> = Vec::new();
    for _ in 0..ROUNDS {
        let diags = crate::check::check(&crate::parse(&current), &current, cfg);
        let mut placed: Vec<Diagnostic> = Vec::new();
        for d in diags {
            let Some(f) = &d.fix else { continue };
            match f.edits.iter().find_map(|e| place(&pieces, &text, e).err()) {
                None => placed.push(d),
                Some(why) => {
                    let r = Refusal {
                        line: current.lines().line_of(d.span.start),
                        rule: d.rule,
                        why,
                    };
                    if !refused.contains(&r) {
                        refused.push(r);
                    }
                }
            }
        }
        let edits = crate::check::fix::edits(&placed);
        if edits.is_empty() {
            break;
        }
        let new_xml = patch(&xml, &pieces, &text, &edits).map_err(|e| e.to_string())?;
        let want = crate::check::fix::apply_edits(&text, &edits);
        let bytes = repackage(original, &new_xml)?;
        let mut o = opts.clone();
        o.max_input = o.max_input.max(bytes.len() as u64);
        o.max_docx_uncompressed = o.max_docx_uncompressed.max(new_xml.len() as u64);
        let again = super::read(src.name(), &bytes, &o)
            .map_err(|e| format!("the rewritten package does not read: {e}"))?;
        let (new_text, new_pieces) = (again.text, again.pieces);
        if new_text != want {
            return Err("the rewritten word/document.xml does not read as the fixed text".into());
        }
        let next = Source::from_bytes_with(src.name(), bytes.clone(), &o)
            .map_err(|e| format!("the rewritten package does not read: {e}"))?;
        if next.text() != new_text {
            return Err("the rewritten package does not read as the fixed text".into());
        }
        (xml, text, pieces, current) = (new_xml, new_text, new_pieces, next);
        package = Some(bytes);
    }
    Ok(Fixed {
        package: package.unwrap_or_else(|| original.to_vec()),
        text,
        refused,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Span;

    fn edit(s: usize, e: usize, with: &str) -> Edit {
        Edit {
            span: Span::new(s, e),
            replacement: with.into(),
        }
    }

    fn body(paras: &str) -> String {
        format!("<w:document><w:body>{paras}</w:body></w:document>")
    }

    #[test]
    fn an_edit_in_one_piece_rewrites_that_piece() {
        let xml = body("<w:p><w:r><w:t>三、</w:t></w:r><w:r><w:t>总则</w:t></w:r></w:p>");
        let (text, pieces) = extract(&xml).unwrap();
        let e = edit(0, 3, "二");
        assert_eq!(place(&pieces, &text, &e), Ok(0..1));
        assert_eq!(
            patch(&xml, &pieces, &text, &[e]).unwrap(),
            xml.replacen("三", "二", 1)
        );
    }

    #[test]
    fn an_edit_over_split_runs_goes_into_the_first() {
        let xml = body("<w:p><w:r><w:t>（</w:t></w:r><w:r><w:t>二）目标</w:t></w:r></w:p>");
        let (text, pieces) = extract(&xml).unwrap();
        // （二） → 一、 over both pieces
        let e = edit(0, "（二）".len(), "一、");
        assert_eq!(place(&pieces, &text, &e), Ok(0..2));
        let new = patch(&xml, &pieces, &text, &[e]).unwrap();
        assert_eq!(
            new,
            body("<w:p><w:r><w:t>一、</w:t></w:r><w:r><w:t>目标</w:t></w:r></w:p>")
        );
        assert_eq!(extract(&new).unwrap().0, "一、目标\n");
    }

    #[test]
    fn entities_are_escaped_again_and_insertions_go_to_the_earlier_piece() {
        let xml = body("<w:p><w:r><w:t>A&amp;B</w:t><w:t>三</w:t></w:r></w:p>");
        let (text, pieces) = extract(&xml).unwrap();
        assert_eq!(text, "A&B三\n");
        let new = patch(&xml, &pieces, &text, &[edit(3, 3, "<x>"), edit(3, 6, "二")]).unwrap();
        assert_eq!(
            new,
            body("<w:p><w:r><w:t>A&amp;B&lt;x&gt;</w:t><w:t>二</w:t></w:r></w:p>")
        );
    }

    #[test]
    fn text_outside_the_pieces_is_refused_with_its_reason() {
        let xml = body("<w:p><w:r><w:t>甲</w:t><w:tab/><w:t>乙</w:t></w:r></w:p><w:p><w:r><w:t>丙</w:t></w:r></w:p>");
        let (text, mut pieces) = extract(&xml).unwrap();
        assert_eq!(text, "甲\t乙\n丙\n");
        assert_eq!(
            place(&pieces, &text, &edit(0, 4, "")),
            Err(Unplaceable::Tab)
        );
        assert_eq!(
            place(&pieces, &text, &edit(4, 11, "")),
            Err(Unplaceable::Break)
        );
        assert_eq!(place(&pieces, &text, &edit(3, 3, "x")), Ok(0..1));
        assert_eq!(
            place(&pieces, &text, &edit(0, 99, "")),
            Err(Unplaceable::Outside)
        );
        // a marker the reader makes has no piece: take 甲 for one
        pieces.remove(0);
        assert_eq!(
            place(&pieces, &text, &edit(0, 3, "")),
            Err(Unplaceable::Generated)
        );
        assert_eq!(
            place(&pieces, &text, &edit(0, 0, "")),
            Err(Unplaceable::Generated)
        );
        assert_eq!(
            patch(&xml, &pieces, &text, &[edit(0, 3, "")]),
            Err(Unplaceable::Generated)
        );
    }

    #[test]
    fn white_space_at_the_ends_gets_xml_space_preserve() {
        let xml = body(
            "<w:p><w:r><w:t>三、</w:t></w:r></w:p><w:p><w:r><w:t xml:space=\"default\">甲</w:t></w:r></w:p><w:p><w:r><w:t xml:space=\"preserve\">乙</w:t></w:r></w:p><w:p><w:r><w:t> 丙</w:t></w:r></w:p>",
        );
        let (text, pieces) = extract(&xml).unwrap();
        let at = |s: &str| text.find(s).unwrap();
        let edits = [
            edit(0, 6, "二、 "),
            edit(at("甲"), at("甲"), " "),
            edit(at("乙"), at("乙"), " "),
            edit(at("丙"), at("丙") + 3, "丁"),
        ];
        let new = patch(&xml, &pieces, &text, &edits).unwrap();
        assert_eq!(
            new,
            body(
                "<w:p><w:r><w:t xml:space=\"preserve\">二、 </w:t></w:r></w:p><w:p><w:r><w:t xml:space=\"preserve\"> 甲</w:t></w:r></w:p><w:p><w:r><w:t xml:space=\"preserve\"> 乙</w:t></w:r></w:p><w:p><w:r><w:t> 丁</w:t></w:r></w:p>",
            )
        );
    }

    #[test]
    fn a_package_keeps_every_other_entry() {
        let src = Source::from_str(
            "关于加强管理的通知\n一、总则\n三、附则\n",
            crate::Format::Text,
        );
        let mut bytes = Vec::new();
        crate::write::docx::write(&crate::parse(&src), &src, &Default::default(), &mut bytes)
            .unwrap();
        let docx = Source::from_bytes("a.docx", bytes.clone()).unwrap();
        let fixed = fix(&docx, &Config::default(), &ReadOptions::default()).unwrap();
        assert!(fixed.text.contains("二、附则"), "{}", fixed.text);
        assert!(fixed.refused.is_empty());
        let mut a = zip::ZipArchive::new(std::io::Cursor::new(&bytes[..])).unwrap();
        let mut b = zip::ZipArchive::new(std::io::Cursor::new(&fixed.package[..])).unwrap();
        assert_eq!(a.len(), b.len());
        for i in 0..a.len() {
            let (mut x, mut y) = (a.by_index(i).unwrap(), b.by_index(i).unwrap());
            assert_eq!(x.name(), y.name());
            assert_eq!(x.compression(), y.compression());
            let (mut u, mut v) = (Vec::new(), Vec::new());
            x.read_to_end(&mut u).unwrap();
            y.read_to_end(&mut v).unwrap();
            assert_eq!(u == v, x.name() != DOCUMENT, "{}", x.name());
        }
    }
}

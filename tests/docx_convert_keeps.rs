//! `gongwen convert` of each labelled Word file of `../shared/docx` keeps its tables, pictures
//! and footnotes, and every heading marker.
//!
//! Each `rd-NN.docx` is converted by the built binary (as a user runs it, so that the warnings
//! on stderr are what a user reads) and the output package is read back by a small reader of
//! its own here (zip + quick-xml, elements matched by namespace), which counts the source in
//! the same way:
//! - **tables**: `w:tbl` elements not inside another table. A table nested in a cell is counted
//!   apart: the tree keeps it as its cell's text (a tree of tables in cells would be a schema
//!   change), so the output may have fewer nested tables than the source, by exactly as many
//!   as `convert` names in a warning;
//! - **pictures**: `a:blip` with an `r:embed` or `r:link`, and `v:imagedata` with an `r:id`;
//!   each must name a part the package holds, with a content type. A text box or drawing is written twice in the
//!   source (`mc:Choice` and its VML copy in `mc:Fallback`): nothing inside `mc:Fallback` is
//!   counted, so each picture counts once;
//! - **footnotes**: `w:footnoteReference` and `w:endnoteReference` of `word/document.xml`
//!   (outside `mc:Fallback`); in the output each must also have its note in
//!   `word/footnotes.xml` (or `endnotes.xml`), not a separator;
//! - **markers**: every marker of a heading, run-in or article row of `rd-NN.outline.tsv`
//!   (column 4, when not empty) must begin a paragraph of the output (whitespace ignored; the
//!   numbers Word generated are written as text), at least as many paragraphs as the labels
//!   have rows with that marker.
//!
//! A count may fall short of the source's only by what `convert` named on stderr: a picture
//! that cannot be embedded, a table written as paragraphs (the tree read its lines as a title
//! or paragraphs), a table without text left out, nested tables written as text.
//! Anything else that differs is reported per file, and the test fails.
#![cfg(feature = "docx")]

use quick_xml::events::{BytesStart, Event};
use quick_xml::name::ResolveResult;
use std::collections::{BTreeMap, HashMap};
use std::io::Read;
use std::path::{Path, PathBuf};

const W: &[u8] = b"http://schemas.openxmlformats.org/wordprocessingml/2006/main";
const MC: &[u8] = b"http://schemas.openxmlformats.org/markup-compatibility/2006";
const A: &[u8] = b"http://schemas.openxmlformats.org/drawingml/2006/main";
const V: &[u8] = b"urn:schemas-microsoft-com:vml";
const R: &[u8] = b"http://schemas.openxmlformats.org/officeDocument/2006/relationships";

/// What a package holds, counted as the module says.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
struct Counts {
    tables: usize,
    nested_tables: usize,
    pictures: usize,
    notes: usize,
    /// Pictures whose relationship names no part of the package (or an empty one).
    dangling_pictures: Vec<String>,
    /// Note references whose note is missing from the notes part.
    dangling_notes: Vec<String>,
    /// The text of each paragraph, in order (`w:t`, `w:tab` as a tab).
    paragraphs: Vec<String>,
}

fn ns_is(ns: &ResolveResult, want: &[u8]) -> bool {
    matches!(ns, ResolveResult::Bound(n) if n.as_ref() == want)
}

/// The value of the attribute `local` in namespace `want`.
fn attr(
    r: &quick_xml::NsReader<&[u8]>,
    e: &BytesStart,
    want: &[u8],
    local: &[u8],
) -> Option<String> {
    e.attributes().flatten().find_map(|a| {
        let (ns, l) = r.resolve_attribute(a.key);
        let ok = l.as_ref() == local && ns_is(&ns, want);
        ok.then(|| String::from_utf8_lossy(&a.value).into_owned())
    })
}

fn read_part(zip: &mut zip::ZipArchive<std::io::Cursor<Vec<u8>>>, name: &str) -> Option<Vec<u8>> {
    let mut f = zip.by_name(name).ok()?;
    let mut out = Vec::new();
    f.read_to_end(&mut out).ok()?;
    Some(out)
}

/// Relationship id → target part of `word/document.xml` (internal targets, resolved against
/// `word/`); external targets map to `None`.
fn relationships(xml: &[u8]) -> HashMap<String, Option<String>> {
    let mut r = quick_xml::NsReader::from_reader(xml);
    let mut out = HashMap::new();
    loop {
        match r.read_event() {
            Ok(Event::Start(e) | Event::Empty(e)) if e.local_name().as_ref() == b"Relationship" => {
                let get = |k: &[u8]| {
                    e.attributes()
                        .flatten()
                        .find(|a| a.key.local_name().as_ref() == k)
                        .map(|a| String::from_utf8_lossy(&a.value).into_owned())
                };
                let (Some(id), Some(target)) = (get(b"Id"), get(b"Target")) else {
                    continue;
                };
                let external = get(b"TargetMode").as_deref() == Some("External");
                let part = (!external).then(|| {
                    let mut parts: Vec<&str> = if target.starts_with('/') {
                        Vec::new()
                    } else {
                        vec!["word"]
                    };
                    for s in target.split('/') {
                        match s {
                            "" | "." => {}
                            ".." => {
                                parts.pop();
                            }
                            s => parts.push(s),
                        }
                    }
                    parts.join("/")
                });
                out.insert(id, part);
            }
            Ok(Event::Eof) | Err(_) => break,
            _ => {}
        }
    }
    out
}

/// The ids of the notes (not separators) of a notes part.
fn note_ids(xml: &[u8]) -> Vec<String> {
    let mut r = quick_xml::NsReader::from_reader(xml);
    let mut out = Vec::new();
    loop {
        match r.read_resolved_event() {
            Ok((ns, Event::Start(e) | Event::Empty(e)))
                if ns_is(&ns, W) && matches!(e.local_name().as_ref(), b"footnote" | b"endnote") =>
            {
                let kind = attr(&r, &e, W, b"type");
                if matches!(kind.as_deref(), None | Some("normal")) {
                    if let Some(id) = attr(&r, &e, W, b"id") {
                        out.push(id);
                    }
                }
            }
            Ok((_, Event::Eof)) | Err(_) => break,
            _ => {}
        }
    }
    out
}

/// Count a DOCX package.
fn count(bytes: Vec<u8>) -> Result<Counts, String> {
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).map_err(|e| e.to_string())?;
    let doc = read_part(&mut zip, "word/document.xml").ok_or("no word/document.xml")?;
    let rels = read_part(&mut zip, "word/_rels/document.xml.rels")
        .map(|x| relationships(&x))
        .unwrap_or_default();
    let footnotes = read_part(&mut zip, "word/footnotes.xml")
        .map(|x| note_ids(&x))
        .unwrap_or_default();
    let endnotes = read_part(&mut zip, "word/endnotes.xml")
        .map(|x| note_ids(&x))
        .unwrap_or_default();
    let types = read_part(&mut zip, "[Content_Types].xml")
        .map(|x| String::from_utf8_lossy(&x).into_owned())
        .unwrap_or_default();
    // a picture part is there, not empty, and has a content type (by its extension or its own)
    let part_ok = |zip: &mut zip::ZipArchive<_>, name: &str| {
        let ext = name
            .rsplit_once('.')
            .map_or("", |(_, e)| e)
            .to_ascii_lowercase();
        let typed = types.contains(&format!("Extension=\"{ext}\""))
            || types.contains(&format!("PartName=\"/{name}\""));
        typed && zip.by_name(name).map(|f| f.size() > 0).unwrap_or(false)
    };
    let mut c = Counts::default();
    let mut r = quick_xml::NsReader::from_reader(doc.as_slice());
    // per open element: whether it is a w:tbl, an mc:Fallback, a w:p
    let mut stack: Vec<(bool, bool, bool)> = Vec::new();
    let (mut tables, mut fallback) = (0usize, 0usize);
    // the paragraphs open, their text so far
    let mut paras: Vec<String> = Vec::new();
    let mut in_t = false;
    let mut pictures = Vec::new();
    loop {
        let (ns, e, empty) = match r.read_resolved_event() {
            Ok((ns, Event::Start(e))) => (ns, e.into_owned(), false),
            Ok((ns, Event::Empty(e))) => (ns, e.into_owned(), true),
            Ok((_, Event::End(_))) => {
                in_t = false;
                if let Some((tbl, fb, p)) = stack.pop() {
                    tables -= usize::from(tbl);
                    fallback -= usize::from(fb);
                    if p {
                        if let Some(t) = paras.pop() {
                            if fallback == 0 {
                                c.paragraphs.push(t);
                            }
                        }
                    }
                }
                continue;
            }
            Ok((_, Event::Text(t))) => {
                if in_t && fallback == 0 {
                    if let (Some(p), Ok(s)) = (paras.last_mut(), t.unescape()) {
                        p.push_str(&s);
                    }
                }
                continue;
            }
            Ok((_, Event::Eof)) => break,
            Err(e) => return Err(format!("word/document.xml: {e}")),
            _ => continue,
        };
        let local = e.local_name();
        let local = local.as_ref();
        let w = ns_is(&ns, W);
        let tbl = w && local == b"tbl";
        let fb = ns_is(&ns, MC) && local == b"Fallback";
        let p = w && local == b"p";
        if fallback == 0 && !fb {
            if tbl {
                if tables == 0 {
                    c.tables += 1;
                } else {
                    c.nested_tables += 1;
                }
            } else if ns_is(&ns, A) && local == b"blip" {
                let id = attr(&r, &e, R, b"embed").or_else(|| attr(&r, &e, R, b"link"));
                if let Some(id) = id {
                    pictures.push(id);
                }
            } else if ns_is(&ns, V) && local == b"imagedata" {
                if let Some(id) = attr(&r, &e, R, b"id") {
                    pictures.push(id);
                }
            } else if w && matches!(local, b"footnoteReference" | b"endnoteReference") {
                c.notes += 1;
                let id = attr(&r, &e, W, b"id").unwrap_or_default();
                let list = if local == b"footnoteReference" {
                    &footnotes
                } else {
                    &endnotes
                };
                if !list.contains(&id) {
                    c.dangling_notes.push(id);
                }
            } else if w && local == b"tab" && !paras.is_empty() {
                // a tab in a run (a tab stop definition is inside w:tabs, not a run's text:
                // both are w:tab; a stop has a w:val)
                if attr(&r, &e, W, b"val").is_none() {
                    if let Some(p) = paras.last_mut() {
                        p.push('\t');
                    }
                }
            }
        }
        if empty {
            continue;
        }
        in_t = w && local == b"t";
        if p {
            paras.push(String::new());
        }
        tables += usize::from(tbl);
        fallback += usize::from(fb);
        stack.push((tbl, fb, p));
    }
    c.pictures = pictures.len();
    for id in pictures {
        match rels.get(&id) {
            Some(Some(part)) if part_ok(&mut zip, part) => {}
            // a linked picture outside the package is a picture too
            Some(None) => {}
            _ => c.dangling_pictures.push(id),
        }
    }
    Ok(c)
}

/// What `convert` said it could not carry over, by its warnings on stderr.
#[derive(Debug, Default)]
struct Named {
    pictures: usize,
    tables: usize,
    nested_tables: usize,
    notes: usize,
}

/// The leading number of `s` (`3 tables …` → 3).
fn leading_number(s: &str) -> Option<usize> {
    let digits: String = s.chars().take_while(char::is_ascii_digit).collect();
    digits.parse().ok()
}

fn named_losses(stderr: &str) -> (Named, Vec<String>) {
    let mut n = Named::default();
    let mut other = Vec::new();
    for line in stderr.lines() {
        let Some((_, w)) = line.split_once("warning: ") else {
            continue;
        };
        // the warning after the source's name
        let w = w.split_once(".docx: ").map_or(w, |(_, w)| w);
        if w.starts_with("image ")
            && (w.contains(" cannot be embedded") || w.ends_with(" not found"))
        {
            n.pictures += 1;
        } else if w.starts_with("a table of the source ") && w.contains("written as paragraphs") {
            n.tables += 1;
        } else if w.contains(" without text left out") && w.contains("table") {
            n.tables += leading_number(w).unwrap_or(1);
        } else if w.contains("nested in table cells") {
            n.nested_tables += leading_number(w).unwrap_or(1);
        } else if w.contains("footnote") && w.contains("not written") {
            n.notes += leading_number(w).unwrap_or(1);
        } else {
            other.push(w.to_string());
        }
    }
    (n, other)
}

/// Each labelled marker (heading, run-in and article rows) with the number of rows that have
/// it, whitespace taken out.
fn markers(tsv: &str) -> BTreeMap<String, usize> {
    let mut out = BTreeMap::new();
    for l in tsv.lines().skip(1) {
        let p: Vec<&str> = l.split('\t').collect();
        if !matches!(p.get(1), Some(&("heading" | "runin" | "article"))) {
            continue;
        }
        let m: String = p.get(3).unwrap_or(&"").split_whitespace().collect();
        if !m.is_empty() {
            *out.entry(m).or_insert(0) += 1;
        }
    }
    out
}

fn docx_dir() -> PathBuf {
    let p = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/docx");
    assert!(
        p.is_dir(),
        "needs ../shared/docx: {} is not a directory (put the shared data beside the checkout)",
        p.display()
    );
    p
}

/// Compare one file; the differences, described.
fn compare(src: &Path, out_dir: &Path) -> Vec<String> {
    let mut bad = Vec::new();
    let name = src.file_name().unwrap().to_string_lossy().into_owned();
    let out = out_dir.join(&name);
    let o = std::process::Command::new(env!("CARGO_BIN_EXE_gongwen"))
        .arg("convert")
        .arg(src)
        .arg("-o")
        .arg(&out)
        .output()
        .expect("the binary runs");
    let stderr = String::from_utf8_lossy(&o.stderr).into_owned();
    if !o.status.success() {
        return vec![format!("convert failed ({:?}): {stderr}", o.status.code())];
    }
    let (named, other) = named_losses(&stderr);
    let want = match count(std::fs::read(src).unwrap()) {
        Ok(c) => c,
        Err(e) => return vec![format!("source unreadable: {e}")],
    };
    let got = match count(std::fs::read(&out).unwrap()) {
        Ok(c) => c,
        Err(e) => return vec![format!("output unreadable: {e}")],
    };
    for (what, src_n, out_n, named_n) in [
        ("tables", want.tables, got.tables, named.tables),
        (
            "nested tables",
            want.nested_tables,
            got.nested_tables,
            named.nested_tables,
        ),
        ("pictures", want.pictures, got.pictures, named.pictures),
        ("footnotes", want.notes, got.notes, named.notes),
    ] {
        if out_n + named_n != src_n {
            bad.push(format!(
                "{what}: source {src_n}, output {out_n}, named in warnings {named_n}"
            ));
        }
    }
    if !got.dangling_pictures.is_empty() {
        bad.push(format!(
            "pictures whose part is missing: {:?}",
            got.dangling_pictures
        ));
    }
    if !got.dangling_notes.is_empty() {
        bad.push(format!(
            "note references without a note: {:?}",
            got.dangling_notes
        ));
    }
    let starts: Vec<String> = got
        .paragraphs
        .iter()
        .map(|p| p.chars().filter(|c| !c.is_whitespace()).collect())
        .collect();
    let tsv = std::fs::read_to_string(src.with_extension("outline.tsv")).unwrap_or_default();
    for (m, n) in markers(&tsv) {
        let found = starts.iter().filter(|p| p.starts_with(m.as_str())).count();
        if found < n {
            bad.push(format!(
                "marker {m:?}: {n} labelled rows, {found} output paragraphs begin with it"
            ));
        }
    }
    if !bad.is_empty() && !other.is_empty() {
        bad.push(format!("other warnings: {other:?}"));
    }
    bad
}

#[test]
#[ignore = "needs ../shared/docx"]
fn convert_keeps_tables_pictures_notes_and_markers() {
    let dir = docx_dir();
    let tmp = tempfile::tempdir().unwrap();
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| {
            let n = p.file_name().unwrap().to_string_lossy();
            n.starts_with("rd-") && n.ends_with(".docx")
        })
        .collect();
    files.sort();
    assert!(
        files.len() >= 20,
        "expected the rd-NN.docx files, found {}",
        files.len()
    );
    let mut report = Vec::new();
    for f in &files {
        for d in compare(f, tmp.path()) {
            report.push(format!("{}: {d}", f.file_name().unwrap().to_string_lossy()));
        }
    }
    assert!(
        report.is_empty(),
        "convert lost content:\n{}",
        report.join("\n")
    );
}

/// The reader of this test against a package made here: a text box written twice (choice and
/// fallback) counts once, a nested table apart, pictures and notes by reference.
#[test]
fn the_counting_reader_counts_once() {
    use std::io::Write;
    let doc = r#"<?xml version="1.0"?><x:document xmlns:x="http://schemas.openxmlformats.org/wordprocessingml/2006/main" xmlns:m="http://schemas.openxmlformats.org/markup-compatibility/2006" xmlns:g="http://schemas.openxmlformats.org/drawingml/2006/main" xmlns:v="urn:schemas-microsoft-com:vml" xmlns:q="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><x:body>
<x:p><x:r><x:t>一、总则</x:t></x:r><x:r><x:footnoteReference x:id="1"/></x:r></x:p>
<x:tbl><x:tr><x:tc><x:tbl><x:tr><x:tc><x:p/></x:tc></x:tr></x:tbl><x:p/></x:tc></x:tr></x:tbl>
<x:p><x:r><m:AlternateContent><m:Choice><x:drawing><g:blip q:embed="rId1"/></x:drawing></m:Choice><m:Fallback><x:pict><v:imagedata q:id="rId1"/><x:txbxContent><x:p><x:r><x:t>框</x:t></x:r></x:p><x:tbl/></x:txbxContent></x:pict></m:Fallback></m:AlternateContent></x:r></x:p>
<x:p><x:r><x:object><v:imagedata q:id="rId2"/></x:object></x:r><x:r><x:tab/><x:t>（一）</x:t></x:r></x:p>
</x:body></x:document>"#;
    let rels = r#"<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="i" Target="media/a.png"/><Relationship Id="rId2" Type="i" Target="media/b.wmf"/></Relationships>"#;
    let notes = r#"<w:footnotes xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:footnote w:type="separator" w:id="0"/><w:footnote w:id="1"><w:p/></w:footnote></w:footnotes>"#;
    let types = r#"<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="png" ContentType="image/png"/></Types>"#;
    let mut z = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let o = zip::write::SimpleFileOptions::default();
    for (name, body) in [
        ("[Content_Types].xml", types.as_bytes()),
        ("word/document.xml", doc.as_bytes()),
        ("word/_rels/document.xml.rels", rels.as_bytes()),
        ("word/footnotes.xml", notes.as_bytes()),
        ("word/media/a.png", b"png".as_slice()),
        ("word/media/b.wmf", b"wmf".as_slice()),
    ] {
        z.start_file(name, o).unwrap();
        z.write_all(body).unwrap();
    }
    let c = count(z.finish().unwrap().into_inner()).unwrap();
    assert_eq!((c.tables, c.nested_tables), (1, 1));
    assert_eq!((c.pictures, c.notes), (2, 1));
    // b.wmf is in the package, but the content types do not list it
    assert_eq!(c.dangling_pictures, ["rId2"]);
    assert!(c.dangling_notes.is_empty());
    assert!(c.paragraphs.iter().any(|p| p == "一、总则"));
    assert!(c.paragraphs.iter().any(|p| p == "\t（一）"));
    // the fallback's paragraph is not read
    assert!(!c.paragraphs.iter().any(|p| p == "框"));
    let (n, other) = named_losses(
        "gongwen convert: warning: a.docx: image word/media/b.wmf cannot be embedded: x\n\
         gongwen convert: warning: a.docx: 2 tables nested in table cells written as their cells' text\n\
         gongwen convert: warning: a.docx: something else\n",
    );
    assert_eq!((n.pictures, n.nested_tables, n.tables), (1, 2, 0));
    assert_eq!(other, ["something else"]);
    let m = markers("line\tkind\tlevel\tmarker\ttitle\n1\theading\t1\t一、\t总则\n2\ttitle\t0\t\tx\n3\trunin\t2\t（ 一 ）\ty\n4\theading\t1\t一、\tz\n");
    assert_eq!(
        m.into_iter().collect::<Vec<_>>(),
        [("一、".to_string(), 2), ("（一）".to_string(), 1)]
    );
}

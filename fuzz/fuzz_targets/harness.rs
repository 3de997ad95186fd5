//! What every target does with an input: parse it, hold the tree to the lossless property,
//! write it every way, check it, and fix it twice.

#![allow(dead_code)]

use gongwen::check::{check, fix, Config};
use gongwen::write::{dump, outline};
use gongwen::{parse, Format, Source};
use std::io::Read;

/// Parse, prove lossless, write every outline and dump, check, and fix to a fixed point.
pub fn text(src: &Source) {
    let doc = parse(src);
    if let Err(e) = doc.check_lossless(src) {
        panic!("not lossless: {e}");
    }
    let opts = outline::OutlineOptions::default();
    let mut sink = Vec::new();
    outline::tsv(&doc, src, &opts, &mut sink).unwrap();
    outline::terminal(&doc, src, &opts, &mut sink).unwrap();
    outline::markdown(&doc, src, &opts, &mut sink).unwrap();
    outline::json(&doc, src, &opts, &mut sink).unwrap();
    outline::yaml(&doc, src, &opts, &mut sink).unwrap();
    dump::json(&doc, src, &dump::DumpOptions::default(), &mut sink).unwrap();
    dump::yaml(&doc, src, &dump::DumpOptions::default(), &mut sink).unwrap();
    let rows = outline::rows(&doc, src);
    let lines = src.lines().line_count();
    assert!(rows.iter().all(|r| (1..=lines).contains(&r.line)));
    let cfg = Config::default();
    let _ = check(&doc, src, &cfg);
    let once = fix(src, &cfg);
    let again = Source::from_str(once.as_str(), src.format());
    let twice = fix(&again, &cfg);
    assert_eq!(twice, once, "fix is not idempotent");
    let left = check(&parse(&again), &again, &cfg);
    assert!(
        left.iter().all(|d| d.fix.is_none()),
        "a fixable finding is left after fix: {:?}",
        left.iter().find(|d| d.fix.is_some())
    );
}

/// The source of fuzz bytes named `name` (its extension picks the format), when they decode.
pub fn source(name: &str, data: &[u8]) -> Option<Source> {
    Source::from_bytes(name, data.to_vec()).ok()
}

/// A DOCX holding `xml` as its document part.
pub fn zipped(xml: &[u8]) -> Vec<u8> {
    use std::io::Write;
    let mut out = std::io::Cursor::new(Vec::new());
    let mut z = zip::ZipWriter::new(&mut out);
    let o = zip::write::SimpleFileOptions::default();
    z.start_file("[Content_Types].xml", o).unwrap();
    z.write_all(b"<?xml version=\"1.0\"?><Types/>").unwrap();
    z.start_file("word/document.xml", o).unwrap();
    z.write_all(xml).unwrap();
    z.finish().unwrap();
    out.into_inner()
}

/// Whether every XML part of a DOCX reads to the end with its elements balanced.
pub fn well_formed(docx: &[u8]) {
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(docx)).expect("a zip");
    for i in 0..zip.len() {
        let mut f = zip.by_index(i).unwrap();
        let name = f.name().to_string();
        if !name.ends_with(".xml") && !name.ends_with(".rels") {
            continue;
        }
        let mut s = String::new();
        f.read_to_string(&mut s).expect("a UTF-8 part");
        let mut r = quick_xml::Reader::from_str(&s);
        let mut depth = 0i64;
        loop {
            match r.read_event() {
                Err(e) => panic!("{name}: not well-formed at {}: {e}", r.buffer_position()),
                Ok(quick_xml::events::Event::Start(_)) => depth += 1,
                Ok(quick_xml::events::Event::End(_)) => depth -= 1,
                Ok(quick_xml::events::Event::Text(t)) => {
                    let t = t.unescape().expect("escapes resolve");
                    assert!(
                        !t.chars().any(|c| (c as u32) < 0x20 && !"\t\n\r".contains(c)),
                        "{name}: a character XML forbids"
                    );
                }
                Ok(quick_xml::events::Event::Eof) => break,
                Ok(_) => {}
            }
        }
        assert_eq!(depth, 0, "{name}: elements left open");
    }
}

/// Text of `src` written as a DOCX, re-read: the DOCX is well-formed and reads back.
pub fn docx_round_trip(src: &Source) {
    let doc = parse(src);
    let mut out = Vec::new();
    gongwen::write::docx::write(&doc, src, &Default::default(), &mut out).expect("DOCX written");
    well_formed(&out);
    let back = Source::from_bytes("back.docx", out).expect("its own DOCX reads back");
    assert_eq!(back.format(), Format::Docx);
    let tree = parse(&back);
    assert!(tree.check_lossless(&back).is_ok());
}

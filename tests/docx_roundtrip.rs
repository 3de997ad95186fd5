//! Read the DOCX back (zip + quick-xml): heading styles with outline levels, eastAsia fonts on
//! every run, firstLineChars, and the whole body text in order.

mod docx_common;
use docx_common as common;

use gongwen::tree::Block;
use gongwen::write::docx::{DocxOptions, ElisionMode};
use quick_xml::events::Event;
use quick_xml::Reader;
use std::io::Read;

fn part(docx: &[u8], name: &str) -> String {
    let mut z = zip::ZipArchive::new(std::io::Cursor::new(docx)).unwrap();
    let mut s = String::new();
    z.by_name(name).unwrap().read_to_string(&mut s).unwrap();
    s
}

fn attr(e: &quick_xml::events::BytesStart, key: &str) -> Option<String> {
    e.attributes()
        .flatten()
        .find(|a| a.key.as_ref() == key.as_bytes())
        .map(|a| a.unescape_value().unwrap().into_owned())
}

/// What the document part says: paragraphs' text, runs without eastAsia fonts, styles used,
/// `w:ind` elements with firstLineChars.
#[derive(Default, Debug)]
struct ReadBack {
    text: String,
    runs: usize,
    runs_without_east_asia: usize,
    heading_paragraphs: usize,
    first_line_chars: usize,
}

fn read_document(xml: &str) -> ReadBack {
    let mut r = Reader::from_str(xml);
    let mut out = ReadBack::default();
    let mut in_t = false;
    let mut in_run = false;
    let mut run_has_ea = false;
    loop {
        match r.read_event().unwrap() {
            Event::Eof => break,
            Event::Start(e) | Event::Empty(e) if e.name().as_ref() == b"w:r" => {
                in_run = true;
                run_has_ea = false;
                out.runs += 1;
            }
            Event::Start(e) if e.name().as_ref() == b"w:t" => in_t = true,
            Event::Empty(e) | Event::Start(e) => match e.name().as_ref() {
                b"w:rFonts" if in_run => run_has_ea |= attr(&e, "w:eastAsia").is_some(),
                b"w:pStyle" if attr(&e, "w:val").is_some_and(|v| v.starts_with("Heading")) => {
                    out.heading_paragraphs += 1;
                }
                b"w:ind" if attr(&e, "w:firstLineChars").as_deref() == Some("200") => {
                    out.first_line_chars += 1;
                }
                _ => {}
            },
            Event::Text(t) if in_t => out.text.push_str(&t.unescape().unwrap()),
            Event::End(e) => match e.name().as_ref() {
                b"w:t" => in_t = false,
                b"w:r" => {
                    in_run = false;
                    if !run_has_ea {
                        out.runs_without_east_asia += 1;
                    }
                }
                _ => {}
            },
            _ => {}
        }
    }
    out
}

/// The text the tree holds, in order, chrome left out.
fn tree_text(doc: &gongwen::Document) -> String {
    let mut s = String::new();
    let mut labels = Vec::new();
    doc.walk(&mut |b, _| match b {
        Block::Chrome(_) => {}
        Block::Contents(c) => {
            if let Some(l) = &c.label {
                s.push_str(&l.text);
            }
            c.entries.iter().for_each(|e| s.push_str(&e.text));
        }
        Block::Title(t) | Block::Subtitle(t) => {
            if let Some(m) = &t.marker {
                s.push_str(&m.text);
            }
            s.push_str(&t.joined());
        }
        Block::Byline(e)
        | Block::Banner(e)
        | Block::Serial(e)
        | Block::CopyNumber(e)
        | Block::Secrecy(e)
        | Block::Urgency(e)
        | Block::Signer(e)
        | Block::Addressee(e)
        | Block::Signature(e)
        | Block::CopyTo(e)
        | Block::Imprint(e)
        | Block::Note(e) => s.push_str(&e.text.text),
        Block::DocNumber(d) => s.push_str(&d.text.text),
        Block::Date(d) => s.push_str(&d.text.text),
        Block::Attachment(a) => s.push_str(&a.text.text),
        Block::Section(sec) => {
            if let Some(m) = &sec.marker {
                s.push_str(&m.raw);
            }
            s.push_str(&sec.title.text);
            if let Some(e) = &sec.title_end {
                s.push_str(&e.text);
            }
            if let Some(p) = &sec.run_in {
                s.push_str(&p.text);
            }
        }
        Block::Point(p) => {
            s.push_str(&p.marker.text);
            s.push_str(&p.title.text);
            if let Some(b) = &p.body {
                s.push_str(&b.text);
            }
        }
        Block::ListItem(l) => {
            s.push_str(&l.marker.raw);
            s.push_str(&l.text.text);
        }
        Block::Paragraph(p) => s.push_str(&p.text),
        Block::Elision(e) => s.push_str(&e.text),
        Block::Table(t) => {
            if let Some(c) = &t.caption {
                s.push_str(&c.text);
            }
            for r in &t.rows {
                r.cells.iter().for_each(|c| s.push_str(&c.text.text));
            }
        }
        // the writer writes a bullet of -, * or + as •
        Block::Item(i) => match i.bullet.text.as_str() {
            "-" | "*" | "+" => s.push('\u{2022}'),
            b => s.push_str(b),
        },
        Block::Image(i) => s.push_str(&i.alt),
        // a note's text is in footnotes.xml, its [^label] a reference without text
        Block::Footnote(n) => labels.push(format!("[^{}]", n.label)),
        Block::List(_) | Block::Quote(_) | Block::Break(_) => {}
    });
    for l in labels {
        s = s.replace(&l, "");
    }
    s
}

fn squeeze(s: &str) -> String {
    s.chars().filter(|c| !c.is_whitespace()).collect()
}

#[test]
fn styles_have_outline_levels_and_builtin_names() {
    let (_, bytes) = common::convert(&common::long_report(), &DocxOptions::default());
    let styles = part(&bytes, "word/styles.xml");
    let mut r = Reader::from_str(&styles);
    let mut current: Option<String> = None;
    let mut found = std::collections::BTreeMap::new();
    loop {
        match r.read_event().unwrap() {
            Event::Eof => break,
            Event::Start(e) | Event::Empty(e) => match e.name().as_ref() {
                b"w:name" => current = attr(&e, "w:val"),
                b"w:outlineLvl" => {
                    found.insert(current.clone().unwrap_or_default(), attr(&e, "w:val"));
                }
                _ => {}
            },
            _ => {}
        }
    }
    for level in 1..=4 {
        assert_eq!(
            found.get(&format!("heading {level}")),
            Some(&Some((level - 1).to_string())),
            "{found:?}"
        );
    }
    assert!(
        !found.contains_key("Title"),
        "the title stays out of the TOC"
    );
    assert!(styles.contains(r#"w:eastAsia="zh-CN""#));
}

#[test]
fn own_body_text_survives_in_order_with_fonts_and_indents() {
    body_text_survives(common::own_inputs());
}

#[test]
#[ignore = "needs ../shared/seeds and ../shared/corpus"]
fn shared_body_text_survives_in_order_with_fonts_and_indents() {
    body_text_survives(common::shared_inputs());
}

fn body_text_survives(inputs: Vec<std::path::PathBuf>) {
    let raw = DocxOptions {
        elisions: ElisionMode::Raw,
        ..Default::default()
    };
    assert!(!inputs.is_empty());
    for path in inputs {
        let (doc, bytes) = common::convert(&path, &raw);
        let read = read_document(&part(&bytes, "word/document.xml"));
        let want = squeeze(&tree_text(&doc));
        let got = squeeze(&read.text).replace('\u{3000}', "");
        assert_eq!(got, want.replace('\u{3000}', ""), "{}", path.display());
        assert_eq!(read.runs_without_east_asia, 0, "{}", path.display());
        if doc.blocks.iter().any(|b| matches!(b, Block::Paragraph(_))) {
            assert!(read.first_line_chars > 0, "{}", path.display());
        }
        if !doc.sections().is_empty() {
            let standalone = doc
                .sections()
                .iter()
                .filter(|s| s.kind == gongwen::tree::HeadingKind::Standalone)
                .count();
            assert_eq!(read.heading_paragraphs, standalone, "{}", path.display());
        }
        // the footers carry the page number in 宋体 with em dashes
        let footer = part(&bytes, "word/footer1.xml");
        assert!(footer.contains('\u{2014}') && footer.contains("PAGE"));
    }
}

#[test]
#[ignore = "needs ../shared/seeds"]
fn marked_elisions_become_the_gbt_ellipsis() {
    let seed = std::fs::read_dir(common::shared_dir("seeds"))
        .unwrap()
        .filter_map(|e| e.ok().map(|e| e.path()))
        .find(|p| p.extension().is_some_and(|e| e == "txt"))
        .expect("a seed");
    let (doc, bytes) = common::convert(&seed, &DocxOptions::default());
    let mut elisions = 0;
    doc.walk(&mut |b, _| match b {
        Block::Paragraph(p) => elisions += p.elisions.len(),
        Block::Point(p) => elisions += p.body.as_ref().map_or(0, |b| b.elisions.len()),
        Block::Section(s) => elisions += s.run_in.as_ref().map_or(0, |b| b.elisions.len()),
        _ => {}
    });
    assert!(elisions > 0);
    let read = read_document(&part(&bytes, "word/document.xml"));
    assert_eq!(read.text.matches("……").count(), elisions);
    assert!(!read.text.contains("....."));
    // chrome stays out, the source metadata goes into docProps
    assert!(!read.text.contains("最新信息"));
    let core = part(&bytes, "docProps/core.xml");
    assert!(core.contains("<dc:title>") && core.contains("<dc:creator>"));
}

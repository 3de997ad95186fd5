//! The DOCX writer on hostile text: every DOCX gongwen writes opens, and a paywall notice never
//! takes the text before it with it.

use gongwen::write::docx::{write, DocxOptions};
use gongwen::{parse, Format, Source};
use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::Command;

/// Text with every kind of character XML 1.0 forbids: NUL, a vertical tab (Word's manual line
/// break), a form feed (text taken from a PDF), the other C0 controls, U+FFFF.
fn controls() -> String {
    let mut s = String::from("关于控制字符的通知\n一、总体要求\n");
    s.push_str("正文\u{0}有NUL。\n换\u{b}行。\n分\u{c}页。\n");
    for c in (1u32..0x20).filter(|c| ![9, 10, 11, 12, 13].contains(c)) {
        s.push_str(&format!(
            "第{c}个\u{0}控制字符{}在此。\n",
            char::from_u32(c).unwrap()
        ));
    }
    s.push_str("最后\u{ffff}一行。\n");
    s
}

fn docx_of(text: &str) -> Vec<u8> {
    let src = Source::from_str(text, Format::Text);
    let mut out = Vec::new();
    write(&parse(&src), &src, &DocxOptions::default(), &mut out).expect("DOCX written");
    out
}

/// Every XML part of a DOCX, by name.
fn parts(docx: &[u8]) -> Vec<(String, String)> {
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(docx)).expect("a zip");
    (0..zip.len())
        .filter_map(|i| {
            let mut f = zip.by_index(i).ok()?;
            let name = f.name().to_string();
            let mut s = String::new();
            f.read_to_string(&mut s).ok()?;
            name.ends_with(".xml").then_some((name, s))
        })
        .collect()
}

/// Whether `xml` is well-formed: every event reads, and the elements balance.
fn well_formed(xml: &str) -> Result<(), String> {
    let mut r = quick_xml::Reader::from_str(xml);
    let mut depth = 0i64;
    loop {
        match r.read_event() {
            Err(e) => return Err(format!("at {}: {e}", r.buffer_position())),
            Ok(quick_xml::events::Event::Start(_)) => depth += 1,
            Ok(quick_xml::events::Event::End(_)) => depth -= 1,
            Ok(quick_xml::events::Event::Text(t)) => {
                let t = t.unescape().map_err(|e| e.to_string())?;
                if let Some(c) = t
                    .chars()
                    .find(|&c| (c as u32) < 0x20 && !"\t\n\r".contains(c))
                {
                    return Err(format!("a forbidden character {:?}", c));
                }
            }
            Ok(quick_xml::events::Event::Eof) => break,
            Ok(_) => {}
        }
    }
    if depth == 0 {
        Ok(())
    } else {
        Err(format!("{depth} elements left open"))
    }
}

#[test]
fn control_characters_become_breaks_or_signs_and_every_part_is_well_formed() {
    let docx = docx_of(&controls());
    let parts = parts(&docx);
    assert!(parts.iter().any(|(n, _)| n == "word/document.xml"));
    for (name, xml) in &parts {
        if let Err(e) = well_formed(xml) {
            panic!("{name} is not well-formed XML: {e}");
        }
    }
    let doc = &parts
        .iter()
        .find(|(n, _)| n == "word/document.xml")
        .unwrap()
        .1;
    // a vertical tab is a line break, a form feed a page break; nothing is dropped
    assert!(doc.contains("<w:br w:type=\"page\"/>"), "no page break");
    assert!(
        doc.matches("w:type=\"textWrapping\"").count() >= 1,
        "no line break"
    );
    assert!(doc.contains('␀') && doc.contains('␁') && doc.contains('␟'));
    for word in ["有NUL", "换", "行", "分", "页", "控制字符", "最后", "一行"] {
        assert!(doc.contains(word), "{word} lost");
    }
}

/// The shape of a unit the DOCX writer's fuzz target once took 10 s over (on a machine busy with
/// other work; alone it takes a fraction of a second): text that looks like markup and a zip
/// header, replacement characters and controls between headings. Every part is well-formed and
/// the text reads back: the tags are HTML leftovers, seen through as in every writer, and the
/// rest is text.
#[test]
fn text_that_looks_like_markup_or_a_zip_is_written_as_text() {
    let mut text = String::from("关于\u{14}通知\n一、总\u{1c}体要求\n第一\u{fffd}，落实<p>责任");
    text.push_str(&"\u{fffd}".repeat(40));
    text.push_str(
        "<w:r>降低税费</w:r>\n——在全市青年干部座谈会上的讲话\n同志们：\nPK\u{3}\u{4}专项清理\n",
    );
    let docx = docx_of(&text);
    for (name, xml) in parts(&docx) {
        if let Err(e) = well_formed(&xml) {
            panic!("{name} is not well-formed XML: {e}");
        }
    }
    let back = Source::from_bytes("back.docx", docx).expect("its own DOCX reads back");
    assert!(!back.text().contains("<w:r>") && !back.text().contains("<p>"));
    for word in [
        "落实责任",
        "降低税费",
        "PK␃␄专项清理",
        "在全市青年干部座谈会上的讲话",
    ] {
        assert!(back.text().contains(word), "{word} lost: {}", back.text());
    }
}

#[test]
fn a_title_with_a_control_character_makes_well_formed_properties() {
    let docx = docx_of("标\u{0}题\n一、总则\n");
    for (name, xml) in parts(&docx) {
        if let Err(e) = well_formed(&xml) {
            panic!("{name} is not well-formed XML: {e}");
        }
    }
}

#[test]
fn a_paywall_notice_keeps_the_text_before_it() {
    let body = "各地要加强领导，落实责任。".repeat(20_000);
    let text = format!("一、总体要求\n{body}以上为免费阅读内容,如需阅读全文,请先登陆\n");
    let doc = &parts(&docx_of(&text))
        .into_iter()
        .find(|(n, _)| n == "word/document.xml")
        .unwrap()
        .1;
    assert_eq!(doc.matches("各地要加强领导").count(), 20_000);
    assert!(
        !doc.contains("免费阅读"),
        "the notice is chrome, left out of the DOCX"
    );
    // and in the tree the notice is chrome of its own, the text a paragraph
    let src = Source::from_str(text.as_str(), Format::Text);
    let tree = parse(&src);
    assert!(tree.check_lossless(&src).is_ok());
    assert_eq!(
        tree.meta.source.paywall.as_deref(),
        Some("以上为免费阅读内容,如需阅读全文,请先登陆")
    );
}

fn tool(name: &str, env: &str) -> PathBuf {
    std::env::var_os(env)
        .map(PathBuf::from)
        .filter(|p| p.exists())
        .or_else(|| {
            std::env::split_paths(&std::env::var_os("PATH")?)
                .map(|d| d.join(name))
                .find(|p| p.is_file())
        })
        .unwrap_or_else(|| {
            panic!("needs {name}: not on PATH or in ${env} (.ci/install.sh installs it)")
        })
}

fn write_controls(dir: &Path) -> PathBuf {
    let p = dir.join("controls.docx");
    std::fs::write(&p, docx_of(&controls())).unwrap();
    p
}

#[test]
#[ignore = "needs soffice"]
fn control_characters_open_in_libreoffice() {
    let soffice = tool("soffice", "SOFFICE");
    let dir = tempfile::tempdir().unwrap();
    let docx = write_controls(dir.path());
    let out = Command::new(soffice)
        .arg("--headless")
        .arg("--norestore")
        .arg(format!(
            "-env:UserInstallation=file://{}",
            dir.path().join("profile").display()
        ))
        .args(["--convert-to", "txt:Text", "--outdir"])
        .arg(dir.path())
        .arg(&docx)
        .output()
        .expect("soffice runs");
    let txt = dir.path().join("controls.txt");
    let text = std::fs::read_to_string(&txt).unwrap_or_else(|_| {
        panic!(
            "LibreOffice could not open it: {}",
            String::from_utf8_lossy(&out.stderr)
        )
    });
    assert!(
        text.contains("有NUL") && text.contains("控制字符"),
        "{text}"
    );
}

#[test]
#[ignore = "needs openxml-audit"]
fn control_characters_pass_openxml_audit() {
    let audit = tool("openxml-audit", "OPENXML_AUDIT");
    let dir = tempfile::tempdir().unwrap();
    let docx = write_controls(dir.path());
    let out = Command::new(audit)
        .args(["-f", "microsoft365", "-o", "json", "-m", "0"])
        .arg(&docx)
        .output()
        .expect("openxml-audit runs");
    let v: serde_json::Value =
        serde_json::from_slice(&out.stdout).expect("openxml-audit prints JSON");
    let report = v.as_array().and_then(|a| a.first()).unwrap_or(&v);
    assert_eq!(report["error_count"], 0, "{report}");
}

#[test]
fn convert_warns_where_a_character_became_a_sign() {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("ctl.txt");
    std::fs::write(&input, "一、总则\n正文\u{0}有NUL\n换\u{b}行\n").unwrap();
    let out = Command::new(env!("CARGO_BIN_EXE_gongwen"))
        .arg("convert")
        .arg(&input)
        .arg("-o")
        .arg(dir.path().join("ctl.docx"))
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
    let err = String::from_utf8_lossy(&out.stderr);
    // the NUL on line 2, column 3 is named; the vertical tab is a line break, no warning
    assert!(err.contains("ctl.txt:2:3: U+0000"), "{err}");
    assert!(!err.contains("U+000B"), "{err}");
}

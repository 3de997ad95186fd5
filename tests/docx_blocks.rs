//! Tables, lists, quotations, pictures, footnotes and breaks in the DOCX: checked in the XML
//! the writer produces from `samples/report-blocks.md` and from a tree built by hand (for what
//! Markdown cannot write: merged cells), and, ignored without LibreOffice and poppler, on the
//! rendered page.

mod docx_common;
use docx_common as common;

use gongwen::tree::{Block, Document};
use gongwen::write::docx::{write_with_warnings, DocxOptions, Warning};
use gongwen::{Format, Source};
use serde_json::json;
use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::Command;

/// The report's text, without its tables, lists and notes: what the text reader makes
/// headings and paragraphs of.
const REPORT: &str = "关于社区养老服务站运行情况的报告
一、基本情况
全区现有社区养老服务站四十二个，实现街道全覆盖。今年以来，各服务站累计提供助餐、助浴、助医等服务三万余人次[^1]，老年人满意度稳步提升。
（一）设施布局
各街道服务站和床位分布如下。
（二）服务内容
二、存在问题
服务站分布和使用情况见示意图。
三、下一步打算
一是扩大助餐网点，推动服务向小区延伸。二是加强护理人员培训，提高持证上岗比例[^9]。
";

fn block(v: serde_json::Value) -> Block {
    serde_json::from_value(v).expect("a block of the tree")
}

fn text(t: &str) -> serde_json::Value {
    json!({ "text": t, "span": [0, 0] })
}

fn para(t: &str) -> serde_json::Value {
    json!({ "type": "paragraph", "text": t, "span": [0, 0] })
}

fn cells(row: &[&str]) -> serde_json::Value {
    json!({ "cells": row.iter().map(|c| json!({ "text": text(c) })).collect::<Vec<_>>(), "span": [0, 0] })
}

fn item(bullet: &str, children: Vec<serde_json::Value>) -> serde_json::Value {
    json!({ "type": "item", "bullet": text(bullet), "children": children, "span": [0, 0] })
}

/// The section whose title is `title`, anywhere in the tree.
fn section<'a>(blocks: &'a mut [Block], title: &str) -> Option<&'a mut Vec<Block>> {
    for b in blocks {
        if let Block::Section(s) = b {
            if s.title.text == title {
                return Some(&mut s.children);
            }
            if let Some(c) = section(&mut s.children, title) {
                return Some(c);
            }
        }
    }
    None
}

/// The report with every new block, built by hand: the text reader makes its headings, the
/// blocks are added where the Markdown sample has them, and a page break, a rule and an empty
/// line besides. Pictures are taken from `samples/`.
fn hand_built() -> Document {
    let mut doc = gongwen::parse(&Source::from_str(REPORT, Format::Text));
    let add = |doc: &mut Document, title: &str, at: Option<usize>, b: Block| {
        let s = section(&mut doc.blocks, title).unwrap_or_else(|| panic!("section {title}"));
        match at {
            Some(i) => s.insert(i, b),
            None => s.push(b),
        }
    };
    let table = block(json!({
        "type": "table",
        "caption": text("表1　各街道服务站数量"),
        "rows": [
            cells(&["街道", "服务站数（个）", "床位数（张）"]),
            cells(&["东城街道", "12", "86"]),
            cells(&["西城街道", "9", "64"]),
            cells(&["南湖街道", "21", "140"]),
        ],
        "header_rows": 1,
        "align": ["none", "right", "right"],
        "span": [0, 0],
    }));
    add(&mut doc, "设施布局", None, table);
    // merged cells: a row span down the first column, a column span in the last row
    let merged = block(json!({
        "type": "table",
        "caption": text("表2　服务人次"),
        "rows": [
            cells(&["类别", "项目", "人次"]),
            json!({ "cells": [
                { "text": text("城区"), "row_span": 2 }, { "text": text("助餐") }, { "text": text("18000") }
            ], "span": [0, 0] }),
            cells(&["助浴", "5200"]),
            json!({ "cells": [
                { "text": text("合计"), "col_span": 2 }, { "text": text("23200") }
            ], "span": [0, 0] }),
        ],
        "header_rows": 1,
        "span": [0, 0],
    }));
    add(&mut doc, "设施布局", None, merged);
    let list = block(json!({
        "type": "list", "ordered": false, "span": [0, 0], "items": [
            item("-", vec![para("助餐服务：每日中午集中供餐，高龄独居老人可送餐上门。")]),
            item("-", vec![para("健康服务："), json!({
                "type": "list", "ordered": true, "span": [0, 0], "items": [
                    item("1.", vec![para("每月组织一次免费体检；")]),
                    item("2.", vec![para("家庭医生签约上门随访。")]),
                ]
            })]),
            item("-", vec![para("文体活动：开设书法、合唱和手工课程。")]),
        ]
    }));
    add(&mut doc, "服务内容", None, list);
    let quote = block(json!({
        "type": "quote", "span": [0, 0],
        "children": [para("部分服务站场地偏小，专业护理人员不足，夜间照护服务尚未覆盖到位。")],
    }));
    add(&mut doc, "存在问题", Some(0), quote);
    add(
        &mut doc,
        "存在问题",
        None,
        block(
            json!({ "type": "image", "alt": "示意图", "src": "report-blocks.png", "span": [0, 0] }),
        ),
    );
    for kind in ["rule", "line", "page"] {
        add(
            &mut doc,
            "存在问题",
            None,
            block(json!({ "type": "break", "kind": kind, "span": [0, 0] })),
        );
    }
    doc.blocks.push(block(json!({
        "type": "footnote", "label": "1", "span": [0, 0],
        "text": text("数据来源于区民政局服务统计台账，统计截至当年十月底。"),
    })));
    doc
}

fn samples() -> PathBuf {
    common::root().join("samples")
}

fn opts() -> DocxOptions {
    DocxOptions {
        base_dir: Some(samples()),
        ..Default::default()
    }
}

fn write(doc: &Document, opts: &DocxOptions) -> (Vec<u8>, Vec<Warning>) {
    let src = Source::from_str(REPORT, Format::Text);
    let mut out = Vec::new();
    let w = write_with_warnings(doc, &src, opts, &mut out).expect("DOCX written");
    (out, w)
}

/// A part of the package, or `None`; and the names of all parts.
fn part(docx: &[u8], name: &str) -> (Option<String>, Vec<String>) {
    let mut z = zip::ZipArchive::new(std::io::Cursor::new(docx)).expect("a zip");
    let names: Vec<String> = z.file_names().map(str::to_string).collect();
    let text = z.by_name(name).ok().map(|mut f| {
        let mut s = String::new();
        f.read_to_string(&mut s).expect("UTF-8 part");
        s
    });
    (text, names)
}

/// The elements named `tag` (`<w:tag …>…</w:tag>` or `<w:tag …/>`), as written.
fn elements<'a>(xml: &'a str, tag: &str) -> Vec<&'a str> {
    let open = format!("<{tag}");
    let close = format!("</{tag}>");
    let mut out = Vec::new();
    let mut at = 0;
    while let Some(i) = xml[at..].find(&open) {
        let start = at + i;
        let after = &xml[start + open.len()..];
        if !after.starts_with([' ', '>', '/']) {
            at = start + open.len();
            continue;
        }
        let end = match (after.find("/>"), after.find('>')) {
            (Some(s), Some(g)) if s < g => start + open.len() + s + 2,
            _ => xml[start..]
                .find(&close)
                .map_or(xml.len(), |c| start + c + close.len()),
        };
        out.push(&xml[start..end]);
        at = end;
    }
    out
}

/// What the DOCX of the report holds, written from the Markdown or built by hand: the first
/// table, the caption, the lists, the quotation, the picture, a page break and the footnote.
fn check_blocks(docx: &[u8]) {
    let (doc, names) = part(docx, "word/document.xml");
    let doc = doc.expect("document.xml");

    // the table: full single borders, the header row repeated, no first-line indent in cells
    let tables = elements(&doc, "w:tbl");
    assert!(!tables.is_empty(), "no table: {doc}");
    let t = tables[0];
    let borders = elements(t, "w:tblBorders");
    assert_eq!(borders.len(), 1, "{t}");
    for side in ["top", "left", "bottom", "right", "insideH", "insideV"] {
        let b = elements(borders[0], &format!("w:{side}"));
        assert!(
            b.len() == 1 && b[0].contains("w:val=\"single\""),
            "{side}: {}",
            borders[0]
        );
    }
    let rows = elements(t, "w:tr");
    assert_eq!(rows.len(), 4);
    assert!(rows[0].contains("<w:tblHeader/>"), "{}", rows[0]);
    assert!(rows[1..].iter().all(|r| !r.contains("w:tblHeader")));
    for p in elements(t, "w:p") {
        for ind in elements(p, "w:ind") {
            assert!(ind.contains("w:firstLine=\"0\""), "{ind}");
            assert!(!ind.contains("w:firstLineChars"), "{ind}");
        }
    }
    assert!(t.contains("东城街道") && t.contains("140"));
    // the caption over it, in 黑体, centred
    let caption = elements(&doc, "w:p")
        .into_iter()
        .find(|p| p.contains("表1"))
        .expect("caption");
    assert!(
        caption.contains("黑体") && caption.contains("w:val=\"center\""),
        "{caption}"
    );

    // the list: bullets and numbers as text, the nested list further in
    let paras = elements(&doc, "w:p");
    let find = |s: &str| {
        paras
            .iter()
            .find(|p| p.contains(s))
            .unwrap_or_else(|| panic!("{s}"))
    };
    let left = |p: &str| -> i32 {
        let ind = elements(p, "w:ind")[0];
        let v = ind.split("w:left=\"").nth(1).expect("w:left");
        v[..v.find('"').unwrap()].parse().unwrap()
    };
    let outer = find("助餐服务");
    assert!(
        outer.contains("\u{2022}") && outer.contains("w:hanging"),
        "{outer}"
    );
    let inner = find("免费体检");
    assert!(left(inner) > left(outer), "{inner}");
    // the quotation indented, the body not
    let quote = find("场地偏小");
    assert!(left(quote) > 0, "{quote}");
    assert_eq!(left(find("各街道服务站和床位")), 0);

    // the picture, embedded
    assert!(elements(&doc, "w:drawing").len() == 1, "no drawing");
    assert!(
        names.iter().any(|n| n.starts_with("word/media/")),
        "{names:?}"
    );
    // a page break
    assert!(doc.contains("<w:br w:type=\"page\"/>"), "no page break");

    // the footnote: a reference where [^1] was, the note in footnotes.xml with its number
    let refs = elements(&doc, "w:footnoteReference");
    assert_eq!(refs.len(), 1, "{doc}");
    assert!(!doc.contains("[^1]"));
    let (notes, _) = part(docx, "word/footnotes.xml");
    let notes = notes.expect("footnotes.xml");
    let id = refs[0]
        .split("w:id=\"")
        .nth(1)
        .unwrap()
        .split('"')
        .next()
        .unwrap();
    let note = elements(&notes, "w:footnote")
        .into_iter()
        .find(|n| n.contains(&format!("w:id=\"{id}\"")))
        .expect("the note");
    assert!(
        note.contains("统计台账") && note.contains("<w:footnoteRef/>"),
        "{note}"
    );
}

/// The DOCX of `samples/report-blocks.md`, its pictures taken from `samples/`.
fn markdown_report() -> (gongwen::Document, Vec<u8>, Vec<Warning>) {
    let src = Source::from_path(samples().join("report-blocks.md")).expect("the sample");
    let doc = gongwen::parse(&src);
    let mut out = Vec::new();
    let w = write_with_warnings(&doc, &src, &opts(), &mut out).expect("DOCX written");
    (doc, out, w)
}

#[test]
fn the_markdown_report_has_its_blocks_in_the_xml() {
    let (doc, docx, warnings) = markdown_report();
    assert!(warnings.is_empty(), "{warnings:?}");
    // the reader made each block (so that the writer, not a literal line, is tested)
    let mut kinds = std::collections::BTreeSet::new();
    doc.walk(&mut |b, _| {
        kinds.insert(match b {
            Block::Table(_) => "Table",
            Block::List(_) => "List",
            Block::Item(_) => "Item",
            Block::Quote(_) => "Quote",
            Block::Image(_) => "Image",
            Block::Footnote(_) => "Footnote",
            Block::Break(_) => "Break",
            _ => "other",
        });
    });
    for k in [
        "Table", "List", "Item", "Quote", "Image", "Footnote", "Break",
    ] {
        assert!(kinds.contains(k), "no {k} in the tree: {kinds:?}");
    }
    check_blocks(&docx);
}

#[test]
fn spans_numbers_rules_and_unknown_labels_in_a_hand_built_tree() {
    let (docx, warnings) = write(&hand_built(), &opts());
    assert!(warnings.is_empty(), "{warnings:?}");
    check_blocks(&docx);
    let doc = part(&docx, "word/document.xml").0.unwrap();
    let tables = elements(&doc, "w:tbl");
    assert_eq!(tables.len(), 2, "{doc}");
    // spans: gridSpan and vMerge
    let rows = elements(tables[1], "w:tr");
    assert!(
        rows[1].contains("<w:vMerge w:val=\"restart\"/>"),
        "{}",
        rows[1]
    );
    let first = elements(rows[2], "w:tc")[0];
    assert!(
        first.contains("<w:vMerge") && !first.contains("restart"),
        "{first}"
    );
    assert_eq!(elements(rows[2], "w:tc").len(), 3);
    assert!(rows[3].contains("<w:gridSpan w:val=\"2\"/>"), "{}", rows[3]);
    assert_eq!(elements(rows[3], "w:tc").len(), 2);
    // a numbered item keeps its number as written
    let paras = elements(&doc, "w:p");
    assert!(paras
        .iter()
        .any(|p| p.contains("免费体检") && p.contains(">1.<")));
    // a rule: an empty paragraph with a bottom border
    assert!(paras
        .iter()
        .any(|p| p.contains("<w:pBdr>") && !p.contains("<w:t")));
    // [^9] has no note: it stays as text
    assert!(doc.contains("[^9]"));
}

#[test]
fn a_missing_picture_leaves_its_text_and_a_warning() {
    let mut doc = hand_built();
    let add = section(&mut doc.blocks, "存在问题").unwrap();
    add.push(block(
        json!({ "type": "image", "alt": "分布图", "src": "no-such.png", "span": [0, 0] }),
    ));
    add.push(block(json!({ "type": "image", "alt": "远程图", "src": "https://example.org/a.png", "span": [0, 0] })));
    let (docx, warnings) = write(&doc, &opts());
    assert_eq!(
        warnings,
        [
            Warning::ImageNotFound {
                path: "no-such.png".into()
            },
            Warning::ImageUrl {
                url: "https://example.org/a.png".into()
            }
        ]
    );
    let doc = part(&docx, "word/document.xml").0.unwrap();
    assert!(doc.contains("分布图") && doc.contains("远程图"));
    assert_eq!(elements(&doc, "w:drawing").len(), 1);
    // without the folder, the sample's picture is not found either
    let (_, w) = write(&hand_built(), &DocxOptions::default());
    assert_eq!(
        w,
        [Warning::ImageNotFound {
            path: "report-blocks.png".into()
        }]
    );
}

#[test]
fn a_jpeg_is_stored_as_a_jpeg() {
    let dir = tempfile::tempdir().unwrap();
    // SOI, APP0, SOF0 of 64 × 32, EOI: enough for the header reader and the package
    let mut jpeg = vec![0xff, 0xd8, 0xff, 0xe0, 0, 16];
    jpeg.extend([0; 14]);
    jpeg.extend([0xff, 0xc0, 0, 17, 8, 0, 32, 0, 64, 3]);
    jpeg.extend([0; 9]);
    jpeg.extend([0xff, 0xd9]);
    std::fs::write(dir.path().join("a.jpg"), &jpeg).unwrap();
    let mut doc = gongwen::parse(&Source::from_str("标题\n正文。\n", Format::Text));
    doc.blocks.push(block(
        json!({ "type": "image", "alt": "图", "src": "a.jpg", "span": [0, 0] }),
    ));
    let o = DocxOptions {
        base_dir: Some(dir.path().to_path_buf()),
        ..Default::default()
    };
    let (docx, w) = write(&doc, &o);
    assert!(w.is_empty(), "{w:?}");
    let (rels, names) = part(&docx, "word/_rels/document.xml.rels");
    let media: Vec<&String> = names
        .iter()
        .filter(|n| n.starts_with("word/media/") && !n.ends_with('/'))
        .collect();
    assert!(media.len() == 1 && media[0].ends_with(".jpeg"), "{names:?}");
    let rels = rels.unwrap();
    assert!(
        rels.contains(".jpeg\"") && !rels.contains("media/rIdImage1.png"),
        "{rels}"
    );
}

/// The DOCX of the hand-built report, written into `dir`.
fn write_hand_built(dir: &Path) -> PathBuf {
    let (docx, _) = write(&hand_built(), &opts());
    let path = dir.join("hand-built.docx");
    std::fs::write(&path, docx).unwrap();
    path
}

/// The DOCX of the Markdown report, written into `dir`.
fn write_report(dir: &Path) -> PathBuf {
    let (_, docx, _) = markdown_report();
    let path = dir.join("report-blocks.docx");
    std::fs::write(&path, docx).unwrap();
    path
}

#[test]
#[ignore = "needs soffice and pdftotext"]
fn libreoffice_renders_the_table_and_the_footnote() {
    let soffice = common::require_tool("soffice", "SOFFICE");
    let pdftotext = common::require_tool("pdftotext", "PDFTOTEXT");
    let dir = tempfile::tempdir().unwrap();
    let docx = write_report(dir.path());
    common::run(
        Command::new(soffice)
            .arg("--headless")
            .arg("--norestore")
            .arg(format!(
                "-env:UserInstallation=file://{}",
                dir.path().join("profile").display()
            ))
            .args(["--convert-to", "pdf", "--outdir"])
            .arg(dir.path())
            .arg(&docx),
    );
    let pdf = docx.with_extension("pdf");
    assert!(pdf.is_file(), "soffice wrote no PDF");
    let text = common::run(Command::new(pdftotext).arg("-layout").arg(&pdf).arg("-"));
    let pages: Vec<&str> = text.split('\u{c}').collect();
    // the cells on one line each row, in order: a real table, not the Markdown's pipes
    let row = |cells: &[&str]| {
        text.lines().any(|l| {
            let mut at = 0;
            cells.iter().all(|c| match l[at..].find(c) {
                Some(i) => {
                    at += i + c.len();
                    true
                }
                None => false,
            })
        })
    };
    assert!(row(&["街道", "服务站数", "床位数"]), "{text}");
    assert!(row(&["南湖街道", "21", "140"]), "{text}");
    assert!(!text.contains('|'));
    // the footnote's text at the foot of the page that refers to it, under the body text
    let page = pages
        .iter()
        .find(|p| p.contains("三万余人次"))
        .expect("the page of the reference");
    let body = page.find("三万余人次").unwrap();
    let note = page.find("统计台账").expect("the note on the same page");
    assert!(note > body, "{page}");
    assert!(!text.contains("[^1]"));
}

#[test]
#[ignore = "needs openxml-audit"]
fn the_hand_built_report_passes_openxml_audit() {
    let tool = common::require_tool("openxml-audit", "OPENXML_AUDIT");
    let dir = tempfile::tempdir().unwrap();
    let docx = write_hand_built(dir.path());
    let out = Command::new(&tool)
        .args(["-f", "microsoft365", "-o", "json", "-m", "0"])
        .arg(&docx)
        .output()
        .expect("openxml-audit runs");
    let stdout = String::from_utf8_lossy(&out.stdout);
    let report: serde_json::Value = serde_json::from_str(&stdout)
        .unwrap_or_else(|e| panic!("openxml-audit output is not JSON ({e}): {stdout}"));
    let f = &report[0];
    assert_eq!(f["error_count"].as_u64(), Some(0), "{}", f["errors"]);
    assert_eq!(f["valid"], serde_json::Value::Bool(true), "{f}");
}

#[test]
fn a_wide_picture_is_scaled_to_the_text_block() {
    let dir = tempfile::tempdir().unwrap();
    // a PNG header of 4000 × 1000 pixels: far wider than the 156 mm text block
    let mut png = b"\x89PNG\r\n\x1a\n\0\0\0\x0dIHDR".to_vec();
    png.extend(4000u32.to_be_bytes());
    png.extend(1000u32.to_be_bytes());
    png.extend([8, 2, 0, 0, 0]);
    std::fs::write(dir.path().join("wide.png"), &png).unwrap();
    let mut doc = gongwen::parse(&Source::from_str("标题\n正文。\n", Format::Text));
    doc.blocks.push(block(
        json!({ "type": "image", "alt": "宽图", "src": "wide.png", "span": [0, 0] }),
    ));
    let o = DocxOptions {
        base_dir: Some(dir.path().to_path_buf()),
        ..Default::default()
    };
    let (docx, w) = write(&doc, &o);
    assert!(w.is_empty(), "{w:?}");
    let xml = part(&docx, "word/document.xml").0.unwrap();
    let extent = elements(&xml, "wp:extent")[0];
    let num = |k: &str| -> u64 {
        let v = extent.split(&format!("{k}=\"")).nth(1).unwrap();
        v[..v.find('"').unwrap()].parse().unwrap()
    };
    let (cx, cy) = (num("cx"), num("cy"));
    // 156 mm in EMU (36000 a millimetre), the aspect ratio kept
    let text_width = 156 * 36000;
    assert!(cx.abs_diff(text_width) < 36000, "{extent}");
    assert!(
        (cx / cy).abs_diff(4) == 0 && cy.abs_diff(cx / 4) < 10,
        "{extent}"
    );
}

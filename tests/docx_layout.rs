//! The layout in a real renderer: DOCX → PDF with `soffice --headless --convert-to pdf`, then
//! measured with poppler-utils (`pdftotext -bbox-layout`, `pdffonts`).
//!
//! The tests are ignored by default; run, they fail when a tool they need is absent.
//!
//! Measuring convention: LibreOffice sets a fixed-height line with the glyph box (font ascent
//! and descent, what pdftotext reports) at the bottom of the line box, so a line box's top is
//! its glyph box's bottom minus the line pitch.

mod docx_common;
use docx_common as common;

use gongwen::write::docx::DocxOptions;
use quick_xml::events::Event;
use quick_xml::Reader;
use std::path::{Path, PathBuf};
use std::process::Command;

const PT_TO_MM: f64 = 25.4 / 72.0;

#[derive(Debug, Clone)]
struct Line {
    x0: f64,
    y0: f64,
    x1: f64,
    y1: f64,
    text: String,
}

impl Line {
    fn chars(&self) -> usize {
        self.text.chars().filter(|c| !c.is_whitespace()).count()
    }
}

#[derive(Debug)]
struct Page {
    lines: Vec<Line>,
}

fn f(e: &quick_xml::events::BytesStart, k: &str) -> f64 {
    e.attributes()
        .flatten()
        .find(|a| a.key.as_ref() == k.as_bytes())
        .and_then(|a| String::from_utf8_lossy(&a.value).parse::<f64>().ok())
        .unwrap_or(f64::NAN)
        * PT_TO_MM
}

/// Pages and lines (in mm) from `pdftotext -bbox-layout` output.
fn read_bbox(xml: &str) -> Vec<Page> {
    let mut r = Reader::from_str(xml);
    let mut pages = Vec::new();
    let mut line: Option<Line> = None;
    let mut in_word = false;
    loop {
        match r.read_event() {
            Ok(Event::Eof) | Err(_) => break,
            Ok(Event::Start(e)) => match e.name().as_ref() {
                b"page" => pages.push(Page { lines: Vec::new() }),
                b"line" => {
                    line = Some(Line {
                        x0: f(&e, "xMin"),
                        y0: f(&e, "yMin"),
                        x1: f(&e, "xMax"),
                        y1: f(&e, "yMax"),
                        text: String::new(),
                    })
                }
                b"word" => in_word = true,
                _ => {}
            },
            Ok(Event::Text(t)) if in_word => {
                if let Some(l) = &mut line {
                    if !l.text.is_empty() {
                        l.text.push(' ');
                    }
                    l.text.push_str(&t.unescape().unwrap_or_default());
                }
            }
            Ok(Event::End(e)) => match e.name().as_ref() {
                b"word" => in_word = false,
                b"line" => {
                    if let (Some(l), Some(p)) = (line.take(), pages.last_mut()) {
                        p.lines.push(l);
                    }
                }
                _ => {}
            },
            _ => {}
        }
    }
    pages
}

/// The renderer's font aliases for the GB/T face names (仿宋, 黑体, 楷体), in `../shared/tools`.
fn gbt_font_aliases() -> PathBuf {
    let p = common::shared_dir("tools").join("fontconfig-zh.conf");
    assert!(p.is_file(), "needs {}", p.display());
    p
}

fn to_pdf(soffice: &Path, docx: &Path, dir: &Path, aliases: Option<&Path>) -> PathBuf {
    let mut cmd = Command::new(soffice);
    if let Some(conf) = aliases {
        let fc = dir.join("fonts.conf");
        std::fs::write(
            &fc,
            format!(
                "<?xml version=\"1.0\"?>\n<!DOCTYPE fontconfig SYSTEM \"fonts.dtd\">\n<fontconfig>\n<include ignore_missing=\"no\">{}</include>\n<include ignore_missing=\"yes\">/etc/fonts/fonts.conf</include>\n</fontconfig>\n",
                conf.display()
            ),
        )
        .unwrap();
        cmd.env("FONTCONFIG_FILE", fc);
    }
    common::run(
        cmd.arg("--headless")
            .arg("--norestore")
            .arg(format!(
                "-env:UserInstallation=file://{}",
                dir.join("profile").display()
            ))
            .args(["--convert-to", "pdf", "--outdir"])
            .arg(dir)
            .arg(docx),
    );
    let pdf = dir.join(docx.with_extension("pdf").file_name().unwrap());
    assert!(pdf.is_file(), "soffice wrote no PDF for {}", docx.display());
    pdf
}

struct Measured {
    pages: Vec<Page>,
    fonts: String,
}

fn measure(input: &Path, aliases: Option<&Path>) -> Measured {
    measure_with(input, aliases, &DocxOptions::default()).0
}

/// [`measure`] under `opts`; also the list of pictures in the PDF (`pdfimages -list`).
fn measure_with(input: &Path, aliases: Option<&Path>, opts: &DocxOptions) -> (Measured, String) {
    let soffice = common::require_tool("soffice", "SOFFICE");
    let pdftotext = common::require_tool("pdftotext", "PDFTOTEXT");
    let pdffonts = common::require_tool("pdffonts", "PDFFONTS");
    let pdfimages = common::require_tool("pdfimages", "PDFIMAGES");
    let dir = tempfile::tempdir().unwrap();
    let (_, bytes) = common::convert(input, opts);
    let docx = dir
        .path()
        .join(input.with_extension("docx").file_name().unwrap());
    std::fs::write(&docx, bytes).unwrap();
    let pdf = to_pdf(&soffice, &docx, dir.path(), aliases);
    let html = dir.path().join("bbox.html");
    common::run(
        Command::new(pdftotext)
            .arg("-bbox-layout")
            .arg(&pdf)
            .arg(&html),
    );
    let pages = read_bbox(&std::fs::read_to_string(&html).unwrap());
    let fonts = common::run(Command::new(pdffonts).arg(&pdf));
    let images = common::run(Command::new(pdfimages).arg("-list").arg(&pdf));
    (Measured { pages, fonts }, images)
}

// What GB/T 9704-2012 asks of the printed page, written here from the standard rather than
// read from the writer's layout, so that the rendering is measured against the clauses.
/// The type area's top edge: 37 mm ± 1 mm from the top of the page (clause 5.2.1).
const TOP_MM: f64 = 37.0;
/// Its left edge: the 订口, 28 mm ± 1 mm (clause 5.2.1).
const LEFT_MM: f64 = 28.0;
/// The type area is 156 mm wide (clause 5.2.1).
const TEXT_WIDTH_MM: f64 = 156.0;
/// And 225 mm high (clause 5.2.1).
const TEXT_HEIGHT_MM: f64 = 225.0;
/// 22 lines a page (clause 5.2.3), so a line pitch of 225 ÷ 22 mm (to within 0.1 mm).
const PITCH_MM: f64 = TEXT_HEIGHT_MM / 22.0;
/// The page number sits one 4号 character (14 pt) in from the type area's edge (clause 7.5).
const PAGE_NUMBER_INSET_MM: f64 = 14.0 * 25.4 / 72.0;

fn text_bottom() -> f64 {
    TOP_MM + TEXT_HEIGHT_MM
}

/// Lines inside the type area (the page number sits below it).
fn body_lines(p: &Page) -> Vec<&Line> {
    p.lines.iter().filter(|l| l.y0 < text_bottom()).collect()
}

fn all_cjk(s: &str) -> bool {
    s.chars().all(|c| !c.is_ascii())
}

/// Point size from the advance of a run of full-width characters.
fn size_pt(l: &Line) -> f64 {
    (l.x1 - l.x0) / PT_TO_MM / l.chars() as f64
}

#[test]
#[ignore = "needs soffice, pdftotext and pdffonts"]
fn a_long_report_has_the_gbt_layout() {
    check_layout(&common::long_report(), (35, 1.0), None);
}

/// The longest sample report (fewer all-CJK full lines: it has figures in most lines).
#[test]
#[ignore = "needs soffice, pdftotext and pdffonts"]
fn the_sample_report_has_the_gbt_layout() {
    let sample = common::own_inputs()
        .into_iter()
        .filter(|p| p.starts_with(common::root().join("samples")))
        .filter(|p| p.extension().is_some_and(|e| e == "txt"))
        .max_by_key(|p| std::fs::metadata(p).map(|m| m.len()).unwrap_or(0))
        .expect("a samples/*.txt");
    check_layout(&sample, (31, 0.967), None);
}

/// With the renderer's aliases for the GB/T face names, the 黑体 and 楷体 headings get faces
/// of their own beside the body's 仿宋.
#[test]
#[ignore = "needs soffice, pdftotext, pdffonts and ../shared/tools/fontconfig-zh.conf"]
fn a_long_report_has_the_gbt_layout_and_faces_with_the_font_aliases() {
    check_layout(&common::long_report(), (35, 1.0), Some(&gbt_font_aliases()));
}

/// Checks the layout of `input` as rendered: `want_full` is the least number of full body lines (from
/// the left edge to the right) and the least share of them that hold 28 characters, as measured.
fn check_layout(input: &Path, want_full: (usize, f64), aliases: Option<&Path>) {
    let (min_full_lines, min_exact) = want_full;
    let m = measure(input, aliases);
    eprintln!(
        "== {} (font aliases: {})",
        input.display(),
        aliases.is_some()
    );
    let pages = &m.pages;
    assert!(pages.len() >= 3, "a long report: {} pages", pages.len());
    let pitch = PITCH_MM;
    let left = LEFT_MM;
    let right = LEFT_MM + TEXT_WIDTH_MM;
    let top = TOP_MM;

    // 22 body lines on a full page: the pages between the first and the last
    let middle = &pages[1..pages.len() - 1];
    let counts: Vec<usize> = middle.iter().map(|p| body_lines(p).len()).collect();
    eprintln!("body lines per middle page: {counts:?}");
    assert!(counts.iter().all(|&c| c <= 22), "{counts:?}");
    assert!(counts.contains(&22), "no full page of 22 lines: {counts:?}");
    for p in middle {
        let b = body_lines(p);
        for w in b.windows(2) {
            let d = w[1].y0 - w[0].y0;
            assert!(
                (d - pitch).abs() < 0.1,
                "line pitch {d:.2} mm, want {pitch:.2}"
            );
        }
        // top of the text block: 37 ± 1 mm
        let block_top = b[0].y1 - pitch;
        eprintln!("text block top {block_top:.2} mm");
        assert!((block_top - top).abs() <= 1.0, "top {block_top:.2} mm");
        // left edge: 28 ± 1 mm
        let x = b.iter().map(|l| l.x0).fold(f64::INFINITY, f64::min);
        eprintln!("text block left {x:.2} mm");
        assert!((x - left).abs() <= 1.0, "left {x:.2} mm");
    }

    // a full body line holds 28 characters: lines from the left edge to the right edge
    let full: Vec<&Line> = pages
        .iter()
        .flat_map(body_lines)
        .filter(|l| (l.x0 - left).abs() < 0.5 && l.x1 > right - 2.0 && l.x1 <= right + 0.3)
        .filter(|l| all_cjk(&l.text))
        .collect();
    assert!(
        full.len() >= min_full_lines,
        "only {} full lines",
        full.len()
    );
    // none holds more; a line holds fewer only where the line-breaking rules (no 。at a line
    // start, no “ at a line end) push a character over and justification spreads the rest
    for l in &full {
        assert!(l.chars() <= 28, "an overfull line: {}", l.text);
    }
    let exact = full.iter().filter(|l| l.chars() == 28).count();
    eprintln!("{exact} of {} full lines hold 28 characters", full.len());
    assert!(
        exact as f64 / full.len() as f64 >= min_exact,
        "only {exact} of {} full lines hold 28 characters (at least {min_exact:.3})",
        full.len()
    );

    check_page_numbers(pages);

    // sizes: title 22 pt, headings and body 16 pt
    let first = body_lines(&pages[0]);
    let title = first[0];
    let t = size_pt(title);
    eprintln!("title {t:.2} pt: {}", title.text);
    assert!((t - 22.0).abs() <= 0.5, "title {t:.2} pt");
    let heading = pages
        .iter()
        .flat_map(body_lines)
        .find(|l| l.text.starts_with("一、"))
        .expect("a level-1 heading");
    let h = size_pt(heading);
    assert!((h - 16.0).abs() <= 0.5, "heading {h:.2} pt");
    let b = full.first().map_or(16.0, |l| size_pt(l));
    assert!((b - 16.0).abs() <= 0.5, "body {b:.2} pt");
    eprintln!("heading {h:.2} pt, body {b:.2} pt");

    // fonts: every font embedded, the heading face differs from the body face
    eprintln!("{}", m.fonts);
    let rows: Vec<&str> = m.fonts.lines().skip(2).collect();
    assert!(rows.len() >= 2, "{}", m.fonts);
    let mut faces = std::collections::BTreeSet::new();
    for r in &rows {
        let cols: Vec<&str> = r.split_whitespace().collect();
        assert!(
            cols.len() >= 5 && cols[cols.len() - 5] == "yes",
            "not embedded: {r}"
        );
        // "ABCDEF+NotoSansCJKjp-Regular" → "NotoSansCJKjp"
        let name = cols[0].split('+').next_back().unwrap_or(cols[0]);
        faces.insert(name.split('-').next().unwrap_or(name).to_string());
    }
    eprintln!("faces: {faces:?}");
    // with the renderer's GB/T font aliases, 黑体 and 楷体 headings get faces of their own
    // beside the body's 仿宋
    if aliases.is_some() {
        assert!(faces.len() >= 3, "heading faces not distinct: {faces:?}");
    }
}

/// The writer's sizes for what GB/T leaves unsaid: table cells and footnotes in 4号 (14 pt),
/// the size reports commonly give them (the writer's choice, in its layout).
const CELL_PT: f64 = 14.0;
/// See [`CELL_PT`].
const FOOTNOTE_PT: f64 = 14.0;
/// One body character: 28 to the 156 mm line (clause 5.2.3).
const CHAR_MM: f64 = TEXT_WIDTH_MM / 28.0;

/// The Markdown report with a table, a nested list, a quotation, a picture and a footnote:
/// every line stays in the type area and the page numbers where clause 7.5 puts them; the
/// table's cells stand side by side in 4号; bullets, numbers and the quotation are indented by
/// whole characters; the footnote sits on the page of its reference, under its text; the
/// picture is on the page.
#[test]
#[ignore = "needs soffice, pdftotext, pdffonts and pdfimages"]
fn the_blocks_report_keeps_the_type_area_and_sets_its_blocks() {
    let input = common::root().join("samples/report-blocks.md");
    let opts = DocxOptions {
        base_dir: input.parent().map(Path::to_path_buf),
        ..Default::default()
    };
    let (m, images) = measure_with(&input, None, &opts);
    let pages = &m.pages;
    for (i, p) in pages.iter().enumerate() {
        for l in body_lines(p) {
            // a full line's closing punctuation may hang into the margin, by one character
            let hangs = l
                .text
                .ends_with(['。', '，', '、', '；', '：', '？', '！', '”', '）']);
            let right = LEFT_MM + TEXT_WIDTH_MM + 0.5 + if hangs { CHAR_MM } else { 0.0 };
            assert!(
                l.x0 >= LEFT_MM - 0.5 && l.x1 <= right,
                "page {}: outside the type area: {l:?}",
                i + 1
            );
            assert!(
                l.y0 >= TOP_MM - 1.0,
                "page {}: above the type area: {l:?}",
                i + 1
            );
        }
    }
    check_page_numbers(pages);
    let lines: Vec<(usize, &Line)> = pages
        .iter()
        .enumerate()
        .flat_map(|(i, p)| body_lines(p).into_iter().map(move |l| (i, l)))
        .collect();
    let find = |t: &str| {
        *lines
            .iter()
            .find(|(_, l)| l.text.replace(' ', "").contains(t))
            .unwrap_or_else(|| panic!("no line holds {t}: {lines:?}"))
    };
    let indent = |l: &Line| (l.x0 - LEFT_MM) / CHAR_MM;

    // the table: a row's cells side by side on one line of the page, in 4号
    let (page, cell) = find("南湖街道");
    assert_eq!(
        cell.text.replace(' ', ""),
        "南湖街道",
        "a cell of its own: {cell:?}"
    );
    let beside = lines
        .iter()
        .filter(|(p, l)| *p == page && (l.y0 - cell.y0).abs() < 0.5 && l.x0 > cell.x1)
        .count();
    assert!(beside >= 1, "no cell beside {cell:?}");
    let pt = size_pt(cell);
    eprintln!("cell text {pt:.2} pt");
    assert!((pt - CELL_PT).abs() <= 0.5, "cell text {pt:.2} pt");
    let (hp, header) = find("服务站数");
    assert!(
        hp == page && header.y1 < cell.y0,
        "the header row over the body rows"
    );

    // the list: a bullet 2 characters in, the nested list 2 further; the quotation's first
    // line 4 characters in (2 of the quotation, 2 of the paragraph)
    let outer = indent(find("助餐服务").1);
    let inner = indent(find("免费体检").1);
    let quote = indent(find("场地偏小").1);
    eprintln!("indents (characters): bullet {outer:.2}, nested {inner:.2}, quotation {quote:.2}");
    assert!(
        (outer - 2.0).abs() < 0.15,
        "bullet at {outer:.2} characters"
    );
    assert!(
        (inner - 4.0).abs() < 0.15,
        "nested item at {inner:.2} characters"
    );
    assert!(
        (quote - 4.0).abs() < 0.15,
        "quotation at {quote:.2} characters"
    );

    // the footnote: on its reference's page, under every other line of it, in 4号
    let (rp, _) = find("三万余人次");
    let (np, note) = find("统计台账");
    assert_eq!(rp, np, "the note is on the page of its reference");
    for l in body_lines(&pages[np]) {
        if !std::ptr::eq(l, note) && l.text.trim() != "1" {
            assert!(l.y1 <= note.y0 + 0.1, "a line under the footnote: {l:?}");
        }
    }
    let pt = size_pt(note);
    eprintln!("footnote {pt:.2} pt, {:.1} mm from the top", note.y0);
    assert!((pt - FOOTNOTE_PT).abs() <= 0.5, "footnote {pt:.2} pt");

    // the page break: the part after it opens the next page, on its first line
    let (bp, after) = find("下一步打算");
    assert_eq!(bp, ip_of(&lines, "见示意图") + 1, "the page break");
    let top = after.y1 - PITCH_MM;
    assert!(
        (top - TOP_MM).abs() <= 1.0,
        "after the page break, top {top:.2} mm"
    );

    // the picture: 240 × 120 pixels, on the page of the line that introduces it
    let (ip, _) = find("见示意图");
    let found = images.lines().skip(2).any(|r| {
        let c: Vec<&str> = r.split_whitespace().collect();
        c.len() > 4 && c[0] == (ip + 1).to_string() && c[3] == "240" && c[4] == "120"
    });
    assert!(found, "no 240 × 120 picture on page {}: {images}", ip + 1);
}

/// The page (from 0) of the first line that holds `t`.
fn ip_of(lines: &[(usize, &Line)], t: &str) -> usize {
    lines
        .iter()
        .find(|(_, l)| l.text.replace(' ', "").contains(t))
        .map(|(p, _)| *p)
        .unwrap_or_else(|| panic!("no line holds {t}"))
}

/// Page numbers "— N —" 7 mm under the type area: odd pages right, one 4号 character in; even
/// pages left (clause 7.5).
fn check_page_numbers(pages: &[Page]) {
    let left = LEFT_MM;
    let right = LEFT_MM + TEXT_WIDTH_MM;
    let inset = PAGE_NUMBER_INSET_MM;
    for (i, p) in pages.iter().enumerate() {
        let n = i + 1;
        let num: Vec<&Line> = p.lines.iter().filter(|l| l.y0 >= text_bottom()).collect();
        assert_eq!(num.len(), 1, "page {n}: {num:?}");
        let l = num[0];
        assert_eq!(
            l.text.replace(' ', ""),
            format!("\u{2014}{n}\u{2014}"),
            "page {n}"
        );
        let gap = l.y0 - text_bottom();
        assert!(
            (gap - 7.0).abs() <= 1.0,
            "page {n}: number {gap:.2} mm below"
        );
        if n % 2 == 1 {
            assert!(
                (l.x1 - (right - inset)).abs() <= 1.0,
                "page {n} right: {l:?}"
            );
        } else {
            assert!((l.x0 - (left + inset)).abs() <= 1.0, "page {n} left: {l:?}");
        }
    }
}

#[test]
fn bbox_reader_reads_pages_lines_and_words() {
    let xml = r#"<html><body><doc><page width="595" height="842"><flow><block>
<line xMin="72" yMin="100" xMax="144" yMax="120"><word xMin="72" yMin="100" xMax="100" yMax="120">— 1</word><word xMin="100" yMin="100" xMax="144" yMax="120">—</word></line>
</block></flow></page><page width="595" height="842"></page></doc></body></html>"#;
    let p = read_bbox(xml);
    assert_eq!(p.len(), 2);
    assert_eq!(p[0].lines.len(), 1);
    assert_eq!(p[0].lines[0].text, "— 1 —");
    assert!((p[0].lines[0].x0 - 25.4).abs() < 1e-6);
}

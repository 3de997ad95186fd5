//! The layout in a real renderer: DOCX → PDF with `soffice --headless --convert-to pdf`, then
//! measured with poppler-utils (`pdftotext -bbox-layout`, `pdffonts`).
//!
//! The 版头 is also measured on the page as printed: the PDF rendered with `pdftoppm -r 150` to
//! PPM, whose red and dark ink is found row by row (the mark's top edge, the red separator's
//! position and extent, the glyphs above and below it).
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

/// `input` converted under `opts` into `dir`, rendered to PDF by LibreOffice (`tools`: the
/// `soffice` and `pdftotext` binaries) with the font `aliases`, and its pages' words.
fn pdf_and_bbox(
    input: &Path,
    opts: &DocxOptions,
    aliases: Option<&Path>,
    dir: &Path,
    (soffice, pdftotext): (&Path, &Path),
) -> (PathBuf, Vec<Page>) {
    let (_, bytes) = common::convert(input, opts);
    let docx = dir.join(input.with_extension("docx").file_name().unwrap());
    std::fs::write(&docx, bytes).unwrap();
    let pdf = to_pdf(soffice, &docx, dir, aliases);
    let html = dir.join("bbox.html");
    common::run(
        Command::new(pdftotext)
            .arg("-bbox-layout")
            .arg(&pdf)
            .arg(&html),
    );
    let pages = read_bbox(&std::fs::read_to_string(&html).unwrap());
    (pdf, pages)
}

/// [`measure`] under `opts`; also the list of pictures in the PDF (`pdfimages -list`).
fn measure_with(input: &Path, aliases: Option<&Path>, opts: &DocxOptions) -> (Measured, String) {
    let soffice = common::require_tool("soffice", "SOFFICE");
    let pdftotext = common::require_tool("pdftotext", "PDFTOTEXT");
    let pdffonts = common::require_tool("pdffonts", "PDFFONTS");
    let pdfimages = common::require_tool("pdfimages", "PDFIMAGES");
    let dir = tempfile::tempdir().unwrap();
    let (pdf, pages) = pdf_and_bbox(input, opts, aliases, dir.path(), (&soffice, &pdftotext));
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

// ---------------------------------------------------------------------------------------------
// Raster measurement: the rendered page as pixels.

/// Rendering resolution for the raster measurements (dots per inch).
const RASTER_DPI: u32 = 150;

/// One rendered page: RGB pixels, row by row from the top.
#[derive(Debug, Clone)]
struct Image {
    width: usize,
    height: usize,
    /// Dots per inch the page was rendered at.
    dpi: f64,
    rgb: Vec<u8>,
}

impl Image {
    fn px(&self, x: usize, y: usize) -> (u8, u8, u8) {
        let i = (y * self.width + x) * 3;
        (self.rgb[i], self.rgb[i + 1], self.rgb[i + 2])
    }

    /// Millimetres of `px` pixels.
    fn mm(&self, px: usize) -> f64 {
        px as f64 * 25.4 / self.dpi
    }

    /// The page's height in mm.
    fn height_mm(&self) -> f64 {
        self.mm(self.height)
    }
}

/// A binary PPM (P6) at `dpi`: the header's magic, width, height and maximum value, separated
/// by whitespace and `#` comments, then one whitespace byte and the pixels.
fn read_ppm(bytes: &[u8], dpi: f64) -> Result<Image, String> {
    let mut at = 0;
    let mut fields = Vec::new();
    while fields.len() < 4 {
        // whitespace and comments before a field
        loop {
            match bytes.get(at) {
                Some(b) if b.is_ascii_whitespace() => at += 1,
                Some(b'#') => {
                    while bytes.get(at).is_some_and(|&b| b != b'\n') {
                        at += 1;
                    }
                }
                Some(_) => break,
                None => return Err(format!("header ends after {} fields", fields.len())),
            }
        }
        let start = at;
        while bytes
            .get(at)
            .is_some_and(|b| !b.is_ascii_whitespace() && *b != b'#')
        {
            at += 1;
        }
        fields.push(String::from_utf8_lossy(&bytes[start..at]).into_owned());
    }
    if fields[0] != "P6" {
        return Err(format!("not a binary PPM: {}", fields[0]));
    }
    let num = |i: usize| {
        fields[i]
            .parse::<usize>()
            .map_err(|e| format!("header field {i} {:?}: {e}", fields[i]))
    };
    let (width, height, max) = (num(1)?, num(2)?, num(3)?);
    if max != 255 {
        return Err(format!("maximum value {max}, want 255 (one byte a sample)"));
    }
    // exactly one whitespace byte ends the header
    if !bytes.get(at).is_some_and(u8::is_ascii_whitespace) {
        return Err("no whitespace after the header".into());
    }
    at += 1;
    let n = width * height * 3;
    let rgb = bytes
        .get(at..at + n)
        .ok_or_else(|| format!("{} bytes of pixels, want {n}", bytes.len() - at))?
        .to_vec();
    Ok(Image {
        width,
        height,
        dpi,
        rgb,
    })
}

/// The pages of `pdf` rendered at [`RASTER_DPI`], in order (`pdftoppm` writes one file a page,
/// `PREFIX-N.ppm`, N zero-padded to the page count's width).
fn pages(pdf: &Path) -> Vec<Image> {
    let pdftoppm = common::require_tool("pdftoppm", "PDFTOPPM");
    let dir = tempfile::tempdir().unwrap();
    let prefix = dir.path().join("page");
    common::run(
        Command::new(pdftoppm)
            .args(["-r", &RASTER_DPI.to_string()])
            .arg(pdf)
            .arg(&prefix),
    );
    let mut files: Vec<(usize, PathBuf)> = std::fs::read_dir(dir.path())
        .unwrap()
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter_map(|p| {
            let stem = p.file_stem()?.to_str()?;
            let n = stem.strip_prefix("page-")?.parse().ok()?;
            (p.extension()? == "ppm").then_some((n, p))
        })
        .collect();
    files.sort();
    assert!(
        !files.is_empty(),
        "pdftoppm wrote no page of {}",
        pdf.display()
    );
    files
        .iter()
        .map(|(n, p)| {
            read_ppm(&std::fs::read(p).unwrap(), RASTER_DPI as f64)
                .unwrap_or_else(|e| panic!("page {n}: {e}"))
        })
        .collect()
}

/// The red of the 版头 as rendered (pure red, antialiased edges excluded).
fn is_red((r, g, b): (u8, u8, u8)) -> bool {
    r > 180 && g < 90 && b < 90
}

/// Black ink (text, the 版记's rules): dark in every channel, so never a shade of the red.
fn is_dark((r, g, b): (u8, u8, u8)) -> bool {
    r < 128 && g < 128 && b < 128
}

/// A run of consecutive pixel rows that hold ink: a line of text, a rule, a mark's line.
#[derive(Debug, Clone, Copy)]
struct Band {
    /// The first row's top edge, mm from the page's top.
    top_mm: f64,
    /// The last row's bottom edge.
    bottom_mm: f64,
    /// The leftmost ink in the band, mm from the page's left edge.
    x0_mm: f64,
    /// The rightmost ink's right edge.
    x1_mm: f64,
}

/// The bands of rows holding a pixel that `ink` accepts, top to bottom.
fn ink_rows(img: &Image, ink: impl Fn((u8, u8, u8)) -> bool) -> Vec<Band> {
    let mut bands: Vec<Band> = Vec::new();
    let mut open = false;
    for y in 0..img.height {
        let xs = (0..img.width).filter(|&x| ink(img.px(x, y)));
        let (mut x0, mut x1) = (usize::MAX, 0);
        for x in xs {
            x0 = x0.min(x);
            x1 = x1.max(x);
        }
        if x0 == usize::MAX {
            open = false;
            continue;
        }
        let (l, r) = (img.mm(x0), img.mm(x1 + 1));
        match bands.last_mut() {
            Some(b) if open => {
                b.bottom_mm = img.mm(y + 1);
                b.x0_mm = b.x0_mm.min(l);
                b.x1_mm = b.x1_mm.max(r);
            }
            _ => bands.push(Band {
                top_mm: img.mm(y),
                bottom_mm: img.mm(y + 1),
                x0_mm: l,
                x1_mm: r,
            }),
        }
        open = true;
    }
    bands
}

/// A horizontal rule: consecutive rows each holding one unbroken run of ink wider than the
/// least width asked for.
#[derive(Debug, Clone, Copy)]
struct Rule {
    /// Its middle, mm from the page's top.
    y_mm: f64,
    /// Its left end, mm from the page's left edge.
    x0_mm: f64,
    /// Its right end.
    x1_mm: f64,
    /// Its thickness (the rows it covers).
    thickness_mm: f64,
}

impl Rule {
    fn top_mm(&self) -> f64 {
        self.y_mm - self.thickness_mm / 2.0
    }

    fn bottom_mm(&self) -> f64 {
        self.y_mm + self.thickness_mm / 2.0
    }

    fn width_mm(&self) -> f64 {
        self.x1_mm - self.x0_mm
    }
}

/// The rules of ink `ink` accepts at least `min_mm` long, top to bottom. Text never makes one:
/// its characters leave gaps in every row.
fn rules(img: &Image, ink: impl Fn((u8, u8, u8)) -> bool, min_mm: f64) -> Vec<Rule> {
    let mut out: Vec<Rule> = Vec::new();
    let mut last_row: Option<usize> = None;
    for y in 0..img.height {
        // the longest unbroken run in the row
        let (mut best, mut start) = ((0, 0), None);
        for x in 0..=img.width {
            let on = x < img.width && ink(img.px(x, y));
            match (on, start) {
                (true, None) => start = Some(x),
                (false, Some(s)) => {
                    if x - s > best.1 - best.0 {
                        best = (s, x);
                    }
                    start = None;
                }
                _ => {}
            }
        }
        if img.mm(best.1 - best.0) < min_mm {
            continue;
        }
        let (x0, x1) = (img.mm(best.0), img.mm(best.1));
        match out.last_mut() {
            Some(r) if last_row == Some(y.wrapping_sub(1)) => {
                let top = r.top_mm();
                r.thickness_mm = img.mm(y + 1) - top;
                r.y_mm = top + r.thickness_mm / 2.0;
                r.x0_mm = r.x0_mm.min(x0);
                r.x1_mm = r.x1_mm.max(x1);
            }
            _ => out.push(Rule {
                y_mm: img.mm(y) + img.mm(1) / 2.0,
                x0_mm: x0,
                x1_mm: x1,
                thickness_mm: img.mm(1),
            }),
        }
        last_row = Some(y);
    }
    out
}

/// The red rules over 100 mm long: the 版头's separator, a 信函's double lines.
fn red_rules(img: &Image) -> Vec<Rule> {
    rules(img, is_red, 100.0)
}

/// The dark rules over 100 mm long: the 版记's separators.
fn dark_rules(img: &Image) -> Vec<Rule> {
    rules(img, is_dark, 100.0)
}

/// A document converted with the default options and rendered: its PDF's text lines
/// (`pdftotext -bbox-layout`) and its pages as pixels.
struct Rendered {
    text: Vec<Page>,
    images: Vec<Image>,
}

fn render(input: &Path) -> Rendered {
    let soffice = common::require_tool("soffice", "SOFFICE");
    let pdftotext = common::require_tool("pdftotext", "PDFTOTEXT");
    let dir = tempfile::tempdir().unwrap();
    let (pdf, text) = pdf_and_bbox(
        input,
        &DocxOptions::default(),
        None,
        dir.path(),
        (&soffice, &pdftotext),
    );
    let images = pages(&pdf);
    assert_eq!(text.len(), images.len(), "pages of text and of pixels");
    Rendered { text, images }
}

fn gbt_sample(name: &str) -> PathBuf {
    let p = common::root().join("samples/gbt").join(name);
    assert!(p.is_file(), "no sample {}", p.display());
    p
}

/// What the 版头 on page 1 measures.
#[derive(Debug)]
struct HeadMeasure {
    /// The red mark's ink top, mm from the page's top.
    mark_top: f64,
    /// The red separator.
    rule: Rule,
    /// The dark line right above the separator (the 发文字号's, or with it the 签发人's).
    number: Band,
    /// The first dark line below the separator (the title's first line).
    title: Band,
}

fn measure_head(img: &Image) -> HeadMeasure {
    let red = ink_rows(img, is_red);
    let mark_top = red.first().expect("no red ink on page 1").top_mm;
    let rule = *red_rules(img)
        .first()
        .expect("no red rule over 100 mm on page 1");
    let dark = ink_rows(img, is_dark);
    let number = *dark
        .iter()
        .rev()
        .find(|b| b.bottom_mm <= rule.top_mm())
        .expect("no dark line above the separator");
    let title = *dark
        .iter()
        .find(|b| b.top_mm >= rule.bottom_mm())
        .expect("no dark line below the separator");
    HeadMeasure {
        mark_top,
        rule,
        number,
        title,
    }
}

/// The 版头 of a 文件-style document, as GB/T 9704 clause 7.2 places it: the mark's ink top
/// 35 mm below the type area's top; the red separator as wide as the type area; the title two
/// lines under it. Returns the measures. (The separator's distance from the 发文字号's ink is
/// printed here and asserted in `gbt_targets`.)
///
/// "Two lines below" (clauses 7.3.1, and the writer's `HEAD_GAP_LINES` = 2): the writer puts the
/// title's line box two body pitches under the separator, and the title's ink starts a little
/// way into its line box, so its top is measured at 2 pitches plus that part of a line: the
/// tolerance is 1.5 to 2.5 pitches.
fn check_head(name: &str) -> (Rendered, HeadMeasure) {
    let r = render(&gbt_sample(name));
    let h = measure_head(&r.images[0]);
    let gap = h.rule.top_mm() - h.number.bottom_mm;
    let title = (h.title.top_mm - h.rule.bottom_mm()) / PITCH_MM;
    eprintln!(
        "{name} ({} pages): mark ink top {:.2} mm; rule y {:.2} mm ({:.2} thick), x {:.2}–{:.2} \
         mm ({:.2} wide), {gap:.2} mm under the number's glyphs (bottom {:.2} mm, x {:.2}–{:.2}); \
         title top {:.2} mm, {title:.2} pitches under the rule",
        r.text.len(),
        h.mark_top,
        h.rule.y_mm,
        h.rule.thickness_mm,
        h.rule.x0_mm,
        h.rule.x1_mm,
        h.rule.width_mm(),
        h.number.bottom_mm,
        h.number.x0_mm,
        h.number.x1_mm,
        h.title.top_mm,
    );
    let want = TOP_MM + 35.0;
    assert!(
        (h.mark_top - want).abs() <= 1.0,
        "{name}: mark ink top {:.2} mm, want {want} ± 1",
        h.mark_top
    );
    let right = LEFT_MM + TEXT_WIDTH_MM;
    assert!(
        (h.rule.x0_mm - LEFT_MM).abs() <= 1.0 && (h.rule.x1_mm - right).abs() <= 1.0,
        "{name}: the rule from {:.2} to {:.2} mm, want {LEFT_MM} to {right} ± 1",
        h.rule.x0_mm,
        h.rule.x1_mm
    );
    assert!(
        (1.5..=2.5).contains(&title),
        "{name}: the title {title:.2} pitches under the rule, want 1.5 to 2.5"
    );
    (r, h)
}

#[test]
#[ignore = "needs soffice, pdftotext, pdftoppm"]
fn the_notice_head_is_placed_per_gbt() {
    check_head("通知.txt");
}

#[test]
#[ignore = "needs soffice, pdftotext, pdftoppm"]
fn the_joint_issuance_head_is_placed_per_gbt() {
    check_head("联合行文.txt");
}

/// An upward document: the 发文字号 and the 签发人 on one line above the separator. (Where on
/// the line each stands is asserted in `gbt_targets`.)
#[test]
#[ignore = "needs soffice, pdftotext, pdftoppm"]
fn the_request_head_is_placed_per_gbt() {
    check_head("请示.txt");
}

#[test]
fn ppm_reader_reads_the_header_with_comments_and_the_pixels() {
    let mut bytes = b"P6\n# by a renderer\n2 1 # two pixels\n255\n".to_vec();
    bytes.extend_from_slice(&[255, 0, 0, 10, 20, 30]);
    let img = read_ppm(&bytes, 150.0).unwrap();
    assert_eq!((img.width, img.height), (2, 1));
    assert_eq!(img.px(0, 0), (255, 0, 0));
    assert_eq!(img.px(1, 0), (10, 20, 30));
    assert!(read_ppm(b"P3\n1 1\n255\n", 150.0).is_err());
    assert!(read_ppm(b"P6\n2 2\n255\n\0\0\0", 150.0).is_err());
    assert!(read_ppm(b"P6\n1 1\n65535\n\0\0\0\0\0\0", 150.0).is_err());
}

/// A synthetic page: a red rule 3 rows thick, a dark line of "text" (runs with gaps) above it.
#[test]
fn rules_and_ink_rows_are_found_in_pixels() {
    let (w, h) = (700, 40);
    let mut rgb = vec![255u8; w * h * 3];
    let mut set = |x: usize, y: usize, c: [u8; 3]| {
        let i = (y * w + x) * 3;
        rgb[i..i + 3].copy_from_slice(&c);
    };
    for y in 20..23 {
        for x in 20..690 {
            set(x, y, [255, 0, 0]);
        }
    }
    for y in 5..10 {
        for x in (60..400).filter(|x| x % 20 < 15) {
            set(x, y, [0, 0, 0]);
        }
    }
    let img = Image {
        width: w,
        height: h,
        dpi: 150.0,
        rgb,
    };
    let k = 25.4 / 150.0;
    let red = red_rules(&img);
    assert_eq!(red.len(), 1, "{red:?}");
    assert!((red[0].x0_mm - 20.0 * k).abs() < 1e-9);
    assert!((red[0].x1_mm - 690.0 * k).abs() < 1e-9);
    assert!((red[0].thickness_mm - 3.0 * k).abs() < 1e-9);
    assert!((red[0].top_mm() - 20.0 * k).abs() < 1e-9);
    // the text's runs are short: no dark rule, one dark band
    assert!(dark_rules(&img).is_empty());
    let dark = ink_rows(&img, is_dark);
    assert_eq!(dark.len(), 1, "{dark:?}");
    assert!((dark[0].top_mm - 5.0 * k).abs() < 1e-9);
    assert!((dark[0].bottom_mm - 10.0 * k).abs() < 1e-9);
    assert!((dark[0].x0_mm - 60.0 * k).abs() < 1e-9);
    let red_rows = ink_rows(&img, is_red);
    assert_eq!(red_rows.len(), 1);
    assert!((img.height_mm() - 40.0 * k).abs() < 1e-9);
}

// ---------------------------------------------------------------------------------------------

/// GB/T 9704 placements measured on the rendered page that the writer is still to make: the
/// separator 4 mm under the 发文字号's ink and an upward document's 发文字号 and 签发人 one
/// character in (clauses 7.2.5, 7.2.6), the 版记 at the foot of an even last page without a page number (clauses 7.4.1, 7.5), the
/// attachment on a page of its own (clause 7.3.6), the 信函's mark and double lines (clause
/// 10.1) and the 令's mark (clause 10.2). Each test states one clause's figure.
mod gbt_targets {
    use super::*;

    /// The page number's line on `p` ("— N —" under the type area), if any.
    fn page_number(p: &Page) -> Option<&Line> {
        p.lines.iter().find(|l| {
            let t = l.text.replace(' ', "");
            l.y0 >= text_bottom() && t.contains('\u{2014}') && t.chars().any(|c| c.is_ascii_digit())
        })
    }

    /// The last 版记 rule (the lowest dark rule over 100 mm on the last page) coincides with the
    /// type area's bottom edge, 297 − 35 = 262 mm from the page's top (clause 7.4.1), and the
    /// 版记 is on an even page (fact sheet §6.3: printed on both sides, it is the last face).
    #[test]
    #[ignore = "needs soffice, pdftotext, pdftoppm"]
    fn notice_imprint_ends_at_the_type_area_bottom_on_an_even_page() {
        let r = render(&gbt_sample("通知.txt"));
        let last = r.images.last().unwrap();
        let rules = dark_rules(last);
        eprintln!(
            "通知: {} pages; last page's dark rules {rules:?}",
            r.images.len()
        );
        let lowest = rules
            .iter()
            .max_by(|a, b| a.y_mm.total_cmp(&b.y_mm))
            .expect("no 版记 rule on the last page");
        let want = TOP_MM + TEXT_HEIGHT_MM;
        assert!(
            (lowest.y_mm - want).abs() <= 1.0,
            "the last 版记 rule at {:.2} mm, want {want} ± 1",
            lowest.y_mm
        );
        assert!(
            r.images.len() % 2 == 0,
            "the 版记 on page {}, an odd page",
            r.images.len()
        );
    }

    /// The 版记's rules are as wide as the type area (clause 7.4.1).
    #[test]
    #[ignore = "needs soffice, pdftotext, pdftoppm"]
    fn notice_imprint_rules_span_the_type_area() {
        let r = render(&gbt_sample("通知.txt"));
        let rules = dark_rules(r.images.last().unwrap());
        assert!(!rules.is_empty(), "no 版记 rule on the last page");
        let right = LEFT_MM + TEXT_WIDTH_MM;
        for rule in &rules {
            assert!(
                (rule.x0_mm - LEFT_MM).abs() <= 1.0 && (rule.x1_mm - right).abs() <= 1.0,
                "a 版记 rule from {:.2} to {:.2} mm, want {LEFT_MM} to {right} ± 1",
                rule.x0_mm,
                rule.x1_mm
            );
        }
    }

    /// A page that holds the 版记 alone, and a blank page before it, carry no page number
    /// (clause 7.5); a page with body text above the 版记 keeps its number. The 通知 sample
    /// is written at three lengths, so that its body ends on the page of the 版记, on the page
    /// before it, and on a full even page before a blank one.
    #[test]
    #[ignore = "needs soffice, pdftotext, pdftoppm"]
    fn notice_imprint_page_has_no_page_number() {
        let src = std::fs::read_to_string(gbt_sample("通知.txt")).unwrap();
        let at = src.find("抄送").expect("the sample has a 版记");
        let filler =
            "各有关单位要认真落实本通知要求，加强组织领导，明确责任分工，确保各项工作按时完成。\n";
        let dir = tempfile::tempdir().unwrap();
        let mut seen_alone = false;
        for extra in [0, 8, 16] {
            let text = format!("{}{}\n{}", &src[..at], filler.repeat(extra), &src[at..]);
            let path = dir.path().join(format!("通知-{extra}.txt"));
            std::fs::write(&path, text).unwrap();
            let r = render(&path);
            let n = r.text.len();
            assert!(n % 2 == 0, "{extra}: the 版记 is on page {n}, an odd page");
            let last = &r.text[n - 1];
            let rules = dark_rules(r.images.last().unwrap());
            let first_rule = rules.first().expect("a 版记 rule on the last page").y_mm;
            let above = last
                .lines
                .iter()
                .any(|l| l.y0 < text_bottom() && l.y1 < first_rule - 1.0);
            if above {
                assert!(
                    page_number(last).is_some(),
                    "{extra}: the 版记 shares page {n} with text but has no number"
                );
                continue;
            }
            seen_alone = true;
            assert!(
                page_number(last).is_none(),
                "{extra}: page {n}, the 版记's alone, is numbered"
            );
            if n >= 2 && r.text[n - 2].lines.iter().all(|l| l.y0 >= text_bottom()) {
                assert!(
                    page_number(&r.text[n - 2]).is_none(),
                    "{extra}: the blank page {} is numbered",
                    n - 1
                );
            }
        }
        assert!(seen_alone, "no length put the 版记 on a page of its own");
    }

    /// The attachment starts a page of its own, "附件1" on the type area's first line, flush left
    /// (clause 7.3.6).
    #[test]
    #[ignore = "needs soffice, pdftotext, pdftoppm"]
    fn notice_attachment_starts_a_new_page_with_its_label_on_line_1() {
        let r = render(&gbt_sample("通知.txt"));
        let find = |t: &str| {
            r.text
                .iter()
                .enumerate()
                .find_map(|(i, p)| {
                    let b = body_lines(p);
                    let at = b.iter().position(|l| l.text.replace(' ', "") == t)?;
                    Some((i, at, b[at].clone()))
                })
                .unwrap_or_else(|| panic!("no line {t}"))
        };
        let (note_page, _, _) = find("（此件公开发布）");
        let (page, at, label) = find("附件1");
        let top = label.y1 - PITCH_MM;
        eprintln!(
            "附件1: page {} (附注 on page {}), line {}, top {top:.2} mm, left {:.2} mm",
            page + 1,
            note_page + 1,
            at + 1,
            label.x0
        );
        assert!(
            page > note_page,
            "the attachment shares the body's last page"
        );
        assert_eq!(at, 0, "附件1 is not the page's first line");
        assert!((top - TOP_MM).abs() <= 1.0, "附件1's line top {top:.2} mm");
        assert!(
            (label.x0 - LEFT_MM).abs() <= 0.5,
            "附件1 at {:.2} mm, not flush left",
            label.x0
        );
    }

    /// Pairs of red rules within 2 mm of each other, top to bottom.
    fn double_lines(img: &Image) -> Vec<(Rule, Rule)> {
        red_rules(img)
            .windows(2)
            .filter(|w| w[1].top_mm() - w[0].bottom_mm() <= 2.0)
            .map(|w| (w[0], w[1]))
            .collect()
    }

    fn check_170_centred(what: &str, r: &Rule) {
        assert!(
            (r.x0_mm - 20.0).abs() <= 1.0 && (r.x1_mm - 190.0).abs() <= 1.0,
            "{what}: from {:.2} to {:.2} mm ({:.2} mm), want 20 to 190 ± 1 (170 mm, centred)",
            r.x0_mm,
            r.x1_mm,
            r.width_mm()
        );
    }

    /// A 信函's mark: its ink's top 30 mm from the page's top (clause 10.1).
    #[test]
    #[ignore = "needs soffice, pdftotext, pdftoppm"]
    fn letter_mark_is_30_mm_from_the_page_top() {
        let r = render(&gbt_sample("信函.txt"));
        let red = ink_rows(&r.images[0], is_red);
        let top = red.first().expect("no red ink on page 1").top_mm;
        eprintln!("信函: mark ink top {top:.2} mm");
        assert!(
            (top - 30.0).abs() <= 1.0,
            "mark ink top {top:.2} mm, want 30 ± 1"
        );
    }

    /// A 信函's upper red double line: 170 mm long, centred on the page (clause 10.1).
    #[test]
    #[ignore = "needs soffice, pdftotext, pdftoppm"]
    fn letter_has_an_upper_red_double_line_170_mm_centred() {
        let r = render(&gbt_sample("信函.txt"));
        let img = &r.images[0];
        eprintln!("信函: red rules {:?}", red_rules(img));
        let pairs = double_lines(img);
        let (a, b) = pairs.first().expect("no red double line on page 1");
        check_170_centred("upper double line, first rule", a);
        check_170_centred("upper double line, second rule", b);
    }

    /// A 信函's lower red double line: its bottom 20 mm above the page's bottom edge, 170 mm
    /// long, centred (clause 10.1).
    #[test]
    #[ignore = "needs soffice, pdftotext, pdftoppm"]
    fn letter_has_a_lower_red_double_line_20_mm_above_the_page_bottom() {
        let r = render(&gbt_sample("信函.txt"));
        let img = &r.images[0];
        let pairs = double_lines(img);
        assert!(
            pairs.len() >= 2,
            "fewer than two red double lines: {pairs:?}"
        );
        let (a, b) = pairs.last().unwrap();
        let above = img.height_mm() - b.bottom_mm();
        eprintln!("信函: lower double line's bottom {above:.2} mm above the page bottom");
        assert!(
            (above - 20.0).abs() <= 1.0,
            "the lower double line's bottom {above:.2} mm above the page's bottom, want 20 ± 1"
        );
        check_170_centred("lower double line, first rule", a);
        check_170_centred("lower double line, second rule", b);
    }

    /// A 信函's first page carries no page number (clause 10.1).
    #[test]
    #[ignore = "needs soffice, pdftotext, pdftoppm"]
    fn letter_page_1_has_no_page_number() {
        let r = render(&gbt_sample("信函.txt"));
        let num = page_number(&r.text[0]);
        assert!(num.is_none(), "page 1 is numbered: {num:?}");
    }

    /// A 令's mark: its ink's top 20 mm below the type area's top (clause 10.2).
    #[test]
    #[ignore = "needs soffice, pdftotext, pdftoppm"]
    fn order_mark_is_20_mm_below_the_type_area_top() {
        let r = render(&gbt_sample("令.txt"));
        let red = ink_rows(&r.images[0], is_red);
        let top = red.first().expect("no red ink on page 1").top_mm;
        let want = TOP_MM + 20.0;
        eprintln!("令: mark ink top {top:.2} mm");
        assert!(
            (top - want).abs() <= 1.0,
            "mark ink top {top:.2} mm, want {want} ± 1"
        );
    }
    /// The red separator 4 mm under the 发文字号 (clause 7.2.6), measured from the glyphs' ink
    /// (the last dark rows above the rule) to the rule's top edge, ± 1 mm. The glyph box
    /// pdftotext reports (the font's descent) is printed beside it: it reaches lower than the
    /// ink.
    #[test]
    #[ignore = "needs soffice, pdftotext, pdftoppm"]
    fn separator_is_4_mm_under_the_doc_number_ink() {
        let mut bad = Vec::new();
        for name in ["通知.txt", "请示.txt", "联合行文.txt"] {
            let r = render(&gbt_sample(name));
            let h = measure_head(&r.images[0]);
            let gap = h.rule.top_mm() - h.number.bottom_mm;
            let boxed = r.text[0]
                .lines
                .iter()
                .find(|l| l.text.contains('〔'))
                .map(|l| h.rule.top_mm() - l.y1);
            eprintln!(
                "{name}: rule top {:.2} mm, {gap:.2} mm under the ink, {} mm under the glyph box",
                h.rule.top_mm(),
                boxed.map_or("?".into(), |b| format!("{b:.2}"))
            );
            if (gap - 4.0).abs() > 1.0 {
                bad.push(format!("{name}: {gap:.2} mm"));
            }
        }
        assert!(
            bad.is_empty(),
            "the separator under the 发文字号's ink, want 4 ± 1 mm: {}",
            bad.join(", ")
        );
    }

    /// An upward document's 发文字号 starts one character in from the left, and its 签发人 ends
    /// one character in from the right (clause 7.2.5), as the ink of their line shows (± 1 mm:
    /// a glyph's ink starts a little inside its advance).
    #[test]
    #[ignore = "needs soffice, pdftotext, pdftoppm"]
    fn request_number_and_signer_are_one_character_in() {
        let r = render(&gbt_sample("请示.txt"));
        let h = measure_head(&r.images[0]);
        let left = LEFT_MM + CHAR_MM;
        let right = LEFT_MM + TEXT_WIDTH_MM - CHAR_MM;
        eprintln!(
            "请示: number from {:.2} mm (want {left:.2}), 签发人 to {:.2} mm (want {right:.2})",
            h.number.x0_mm, h.number.x1_mm
        );
        assert!(
            (h.number.x0_mm - left).abs() <= 1.0,
            "the 发文字号 starts at {:.2} mm, want {left:.2} ± 1",
            h.number.x0_mm
        );
        assert!(
            (h.number.x1_mm - right).abs() <= 1.0,
            "the 签发人 ends at {:.2} mm, want {right:.2} ± 1",
            h.number.x1_mm
        );
    }
}

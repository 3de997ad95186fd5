//! The layout facts of a DOCX package: its parts, its sections' page setup (`w:sectPr`: page
//! size, margins, document grid, footer references), `w:evenAndOddHeaders` in
//! `word/settings.xml`, and its footers with their page-number fields.

use super::props::{attr, int, on, ParaProps, RunProps};
use quick_xml::events::Event;
use quick_xml::Reader;
use std::collections::HashMap;
use std::io::Read;

/// The parts a layout check reads, as text (absent parts empty).
#[derive(Default)]
pub(crate) struct Package {
    pub document: String,
    pub styles: String,
    pub settings: String,
    pub theme: String,
    /// Relationship id → part name, of the main part.
    pub rels: HashMap<String, String>,
    zip: Option<zip::ZipArchive<std::io::Cursor<Vec<u8>>>>,
    budget: u64,
}

impl Package {
    /// Open the package `bytes`; `budget` caps the bytes inflated, all parts together.
    pub fn open(bytes: &[u8], budget: u64) -> Result<Package, String> {
        let zip = zip::ZipArchive::new(std::io::Cursor::new(bytes.to_vec()))
            .map_err(|e| e.to_string())?;
        let mut p = Package {
            zip: Some(zip),
            budget,
            ..Package::default()
        };
        p.document = p.part("word/document.xml").ok_or("no word/document.xml")?;
        p.styles = p.part("word/styles.xml").unwrap_or_default();
        p.settings = p.part("word/settings.xml").unwrap_or_default();
        p.theme = p.part("word/theme/theme1.xml").unwrap_or_default();
        let rels = p.part("word/_rels/document.xml.rels").unwrap_or_default();
        p.rels = relationships(&rels);
        Ok(p)
    }

    /// The text of part `name`, `None` when absent, unreadable or over the budget.
    pub fn part(&mut self, name: &str) -> Option<String> {
        let zip = self.zip.as_mut()?;
        let mut f = zip.by_name(name).ok()?;
        let mut buf = Vec::new();
        (&mut f)
            .take(self.budget.saturating_add(1))
            .read_to_end(&mut buf)
            .ok()?;
        if buf.len() as u64 > self.budget {
            return None;
        }
        self.budget -= buf.len() as u64;
        Some(String::from_utf8_lossy(&buf).into_owned())
    }

    /// Whether `word/settings.xml` switches odd and even headers and footers apart.
    pub fn even_and_odd(&self) -> bool {
        let mut r = Reader::from_str(&self.settings);
        loop {
            match r.read_event() {
                Ok(Event::Start(e) | Event::Empty(e))
                    if e.local_name().as_ref() == b"evenAndOddHeaders" =>
                {
                    return on(&e)
                }
                Ok(Event::Eof) | Err(_) => return false,
                _ => {}
            }
        }
    }
}

/// The relationships of a `.rels` part: id → part name (relative to `word/`).
fn relationships(xml: &str) -> HashMap<String, String> {
    let mut out = HashMap::new();
    let mut r = Reader::from_str(xml);
    loop {
        match r.read_event() {
            Ok(Event::Start(e) | Event::Empty(e)) if e.local_name().as_ref() == b"Relationship" => {
                if attr(&e, b"TargetMode").as_deref() == Some("External") {
                    continue;
                }
                if let (Some(id), Some(t)) = (attr(&e, b"Id"), attr(&e, b"Target")) {
                    let name = match t.strip_prefix('/') {
                        Some(abs) => abs.to_string(),
                        None => format!("word/{}", t.trim_start_matches("./")),
                    };
                    out.insert(id, name);
                }
            }
            Ok(Event::Eof) | Err(_) => break,
            _ => {}
        }
    }
    out
}

/// One section's page setup, in twips.
#[derive(Clone, Debug, Default, PartialEq)]
pub(crate) struct Section {
    /// Byte offset of the `w:sectPr` in `word/document.xml`.
    pub at: usize,
    pub width: Option<i64>,
    pub height: Option<i64>,
    pub landscape: bool,
    pub top: Option<i64>,
    pub bottom: Option<i64>,
    pub left: Option<i64>,
    pub right: Option<i64>,
    pub gutter: i64,
    /// `w:pgMar w:footer`.
    pub footer: Option<i64>,
    /// `w:docGrid`: `w:type` (`lines`, `linesAndChars`, `snapToChars`; absent = no grid),
    /// `w:linePitch`, `w:charSpace`.
    pub grid: Option<String>,
    pub line_pitch: Option<i64>,
    pub char_space: Option<i64>,
    /// `w:footerReference`s: type (`default`, `even`, `first`) → relationship id.
    pub footers: Vec<(String, String)>,
    /// `w:titlePg`.
    pub title_page: bool,
}

impl Section {
    /// Whether the grid sets the characters' pitch too.
    pub fn char_grid(&self) -> bool {
        matches!(self.grid.as_deref(), Some("linesAndChars" | "snapToChars"))
    }

    /// Whether the grid sets the lines' pitch.
    pub fn line_grid(&self) -> bool {
        self.grid.as_deref().is_some_and(|g| g != "default")
    }
}

/// Every `w:sectPr` of the body in document order (the last one is the body's own).
pub(crate) fn sections(xml: &str) -> Vec<Section> {
    let mut out = Vec::new();
    let mut r = Reader::from_str(xml);
    let mut cur: Option<Section> = None;
    let mut change = 0usize;
    loop {
        let before = r.buffer_position() as usize;
        let ev = r.read_event();
        let empty = matches!(ev, Ok(Event::Empty(_)));
        match ev {
            Ok(Event::Start(e)) | Ok(Event::Empty(e)) => {
                let local = e.local_name();
                let n = local.as_ref();
                if n == b"sectPrChange" {
                    change += usize::from(!empty);
                    continue;
                }
                if change > 0 {
                    continue;
                }
                if n == b"sectPr" {
                    cur = Some(Section {
                        at: before,
                        ..Section::default()
                    });
                    // an empty <w:sectPr/> has nothing more
                    if empty {
                        out.extend(cur.take());
                    }
                    continue;
                }
                let Some(s) = cur.as_mut() else {
                    continue;
                };
                match n {
                    b"pgSz" => {
                        s.width = int(&e, b"w");
                        s.height = int(&e, b"h");
                        s.landscape = attr(&e, b"orient").as_deref() == Some("landscape");
                    }
                    b"pgMar" => {
                        s.top = int(&e, b"top");
                        s.bottom = int(&e, b"bottom");
                        s.left = int(&e, b"left");
                        s.right = int(&e, b"right");
                        s.gutter = int(&e, b"gutter").unwrap_or(0);
                        s.footer = int(&e, b"footer");
                    }
                    b"docGrid" => {
                        s.grid = Some(attr(&e, b"type").unwrap_or_else(|| "default".into()));
                        s.line_pitch = int(&e, b"linePitch");
                        s.char_space = int(&e, b"charSpace");
                    }
                    b"footerReference" => {
                        let t = attr(&e, b"type").unwrap_or_else(|| "default".into());
                        if let Some(id) = attr(&e, b"id") {
                            s.footers.push((t, id));
                        }
                    }
                    b"titlePg" => s.title_page = on(&e),
                    _ => {}
                }
            }
            Ok(Event::End(e)) => match e.local_name().as_ref() {
                b"sectPrChange" => change = change.saturating_sub(1),
                b"sectPr" if change == 0 => out.extend(cur.take()),
                _ => {}
            },
            Ok(Event::Eof) | Err(_) => break,
            _ => {}
        }
    }
    out
}

/// A piece of a footer paragraph: literal text, or a page-number field (its result, if any).
#[derive(Clone, Debug, PartialEq)]
pub(crate) enum Bit {
    Text(String),
    Page,
}

/// A footer paragraph: its properties, its runs (direct properties and what each holds).
#[derive(Clone, Debug, Default)]
pub(crate) struct FooterPara {
    pub ppr: ParaProps,
    pub runs: Vec<(RunProps, Bit)>,
}

impl FooterPara {
    /// Whether a page-number field is in it.
    pub fn has_page(&self) -> bool {
        self.runs.iter().any(|(_, b)| *b == Bit::Page)
    }

    /// Its text with `{N}` where the page number goes (a field's runs counted once).
    pub fn form(&self) -> String {
        let mut s = String::new();
        let mut last_page = false;
        for (_, b) in &self.runs {
            match b {
                Bit::Text(t) => {
                    s.push_str(t);
                    last_page = false;
                }
                Bit::Page if !last_page => {
                    s.push_str("{N}");
                    last_page = true;
                }
                Bit::Page => {}
            }
        }
        s
    }
}

/// The paragraphs of a footer part, nested ones (in text boxes and frames) each on its own.
pub(crate) fn footer(xml: &str) -> Vec<FooterPara> {
    struct Field {
        code: String,
        result: bool,
        page: bool,
    }
    let mut out = Vec::new();
    let mut open: Vec<FooterPara> = Vec::new();
    let mut r = Reader::from_str(xml);
    let (mut in_ppr, mut in_rpr, mut in_t, mut in_instr, mut skip) =
        (0usize, 0usize, false, false, 0usize);
    let mut run: Option<RunProps> = None;
    let mut fields: Vec<Field> = Vec::new();
    let mut simple: Vec<bool> = Vec::new();
    let paging = |fields: &[Field], simple: &[bool]| {
        fields.iter().any(|f| f.result && f.page) || simple.iter().any(|p| *p)
    };
    let is_page = |code: &str| {
        code.split_whitespace()
            .next()
            .is_some_and(|w| w.eq_ignore_ascii_case("PAGE"))
    };
    loop {
        let ev = match r.read_event() {
            Ok(Event::Eof) | Err(_) => break,
            Ok(ev) => ev,
        };
        let empty = matches!(ev, Event::Empty(_));
        match ev {
            Event::Start(e) | Event::Empty(e) => {
                let local = e.local_name();
                let n = local.as_ref();
                if matches!(n, b"pPrChange" | b"rPrChange" | b"del") {
                    if !empty {
                        skip += 1;
                    }
                    continue;
                }
                if skip > 0 {
                    continue;
                }
                match n {
                    b"p" => {
                        open.push(FooterPara::default());
                        if empty {
                            out.extend(open.pop());
                        }
                    }
                    b"pPr" if !empty => in_ppr += 1,
                    b"rPr" if !empty => in_rpr += 1,
                    b"r" => run = Some(RunProps::default()),
                    b"t" => in_t = !empty,
                    b"instrText" => in_instr = !empty,
                    b"fldChar" => match attr(&e, b"fldCharType").as_deref() {
                        Some("begin") => fields.push(Field {
                            code: String::new(),
                            result: false,
                            page: false,
                        }),
                        Some("separate") => {
                            if let Some(f) = fields.last_mut() {
                                f.result = true;
                                f.page = is_page(&f.code);
                            }
                        }
                        Some("end") => {
                            if let Some(f) = fields.pop() {
                                // a PAGE field with no result still numbers the page
                                if !f.result && is_page(&f.code) {
                                    let props = run.clone().unwrap_or_default();
                                    if let Some(p) = open.last_mut() {
                                        p.runs.push((props, Bit::Page));
                                    }
                                }
                            }
                        }
                        _ => {}
                    },
                    b"fldSimple" => {
                        let page = attr(&e, b"instr").is_some_and(|i| is_page(&i));
                        if empty {
                            if page {
                                if let Some(p) = open.last_mut() {
                                    p.runs.push((RunProps::default(), Bit::Page));
                                }
                            }
                        } else {
                            simple.push(page);
                        }
                    }
                    b"tab" if in_ppr == 0 => {
                        if let Some(p) = open.last_mut() {
                            p.runs
                                .push((run.clone().unwrap_or_default(), Bit::Text("\t".into())));
                        }
                    }
                    _ if in_rpr > 0 && in_ppr == 0 => {
                        if let Some(rp) = run.as_mut() {
                            rp.set(n, &e);
                        }
                    }
                    _ if in_ppr > 0 && in_rpr == 0 => {
                        if let Some(p) = open.last_mut() {
                            p.ppr.set(n, &e);
                        }
                    }
                    _ => {}
                }
            }
            Event::End(e) => {
                let local = e.local_name();
                let n = local.as_ref();
                if matches!(n, b"pPrChange" | b"rPrChange" | b"del") {
                    skip = skip.saturating_sub(1);
                    continue;
                }
                if skip > 0 {
                    continue;
                }
                match n {
                    b"p" => out.extend(open.pop()),
                    b"pPr" => in_ppr = in_ppr.saturating_sub(1),
                    b"rPr" => in_rpr = in_rpr.saturating_sub(1),
                    b"r" => run = None,
                    b"t" => in_t = false,
                    b"instrText" => in_instr = false,
                    // a simple field with no result run still numbers the page
                    b"fldSimple" if simple.pop() == Some(true) => {
                        if let Some(p) = open.last_mut().filter(|p| !p.has_page()) {
                            p.runs.push((RunProps::default(), Bit::Page));
                        }
                    }
                    _ => {}
                }
            }
            Event::Text(t) if in_t || in_instr => {
                let text = t.unescape().map(|c| c.into_owned()).unwrap_or_default();
                if in_instr {
                    if let Some(f) = fields.last_mut().filter(|f| !f.result) {
                        f.code.push_str(&text);
                    }
                    continue;
                }
                if fields.iter().any(|f| !f.result) {
                    continue;
                }
                let bit = if paging(&fields, &simple) {
                    Bit::Page
                } else {
                    Bit::Text(text)
                };
                let props = run.clone().unwrap_or_default();
                if let Some(p) = open.last_mut() {
                    p.runs.push((props, bit));
                }
            }
            _ => {}
        }
    }
    out.extend(open.drain(..).rev());
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sections_and_footers() {
        let xml = r#"<w:document xmlns:w="x" xmlns:r="y"><w:body><w:p><w:pPr><w:sectPr><w:pgSz w:w="11906" w:h="16838"/></w:sectPr></w:pPr></w:p><w:sectPr><w:footerReference w:type="default" r:id="rId7"/><w:pgSz w:w="11906" w:h="16838"/><w:pgMar w:top="2098" w:right="1474" w:bottom="1984" w:left="1588" w:footer="992" w:gutter="0"/><w:docGrid w:type="linesAndChars" w:linePitch="579" w:charSpace="-849"/></w:sectPr></w:body></w:document>"#;
        let s = sections(xml);
        assert_eq!(s.len(), 2);
        let last = &s[1];
        assert_eq!(
            (last.top, last.left, last.line_pitch),
            (Some(2098), Some(1588), Some(579))
        );
        assert!(last.char_grid());
        assert_eq!(last.footers, vec![("default".into(), "rId7".into())]);
        let f = footer(
            r#"<w:ftr xmlns:w="x"><w:p><w:pPr><w:jc w:val="right"/></w:pPr><w:r><w:t>— </w:t></w:r><w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText> PAGE \* MERGEFORMAT </w:instrText></w:r><w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:rPr><w:sz w:val="28"/></w:rPr><w:t>1</w:t></w:r><w:r><w:fldChar w:fldCharType="end"/></w:r><w:r><w:t> —</w:t></w:r></w:p></w:ftr>"#,
        );
        assert_eq!(f.len(), 1);
        assert_eq!(f[0].form(), "— {N} —");
        assert_eq!(f[0].ppr.jc.as_deref(), Some("right"));
        let g = footer(
            r#"<w:ftr xmlns:w="x"><w:p><w:fldSimple w:instr="NUMPAGES"><w:r><w:t>3</w:t></w:r></w:fldSimple></w:p></w:ftr>"#,
        );
        assert!(!g[0].has_page());
    }
}

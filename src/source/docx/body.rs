//! The walk over `word/document.xml`: each paragraph's text and what the markup says about it.
//!
//! Elements are matched by namespace (WordprocessingML in its transitional and strict forms,
//! markup compatibility, VML, DrawingML), never by prefix, so a package written with other
//! prefixes reads the same. What the walk keeps and leaves out:
//! - paragraphs (`w:p`), nested ones (a text box inside a paragraph) included, in the order of
//!   their end tags, each with its style, its own numbering (`w:numPr`), its outline level and
//!   the largest font size set on its runs;
//! - a run's text (`w:t`), `w:tab` as a tab, `w:br`/`w:cr` as a new line (a page break is
//!   noted), `w:sym` as its character, `w:noBreakHyphen` as U+2011; the tab stops a paragraph
//!   defines (`w:tabs`) are not text;
//! - field results; field codes (`w:instrText`, the part of a complex field before its
//!   separator) are dropped, and a `TOC` field's result marks its paragraphs as a contents;
//! - a content control marked as a table of contents (`w:docPartGallery`) marks its paragraphs
//!   the same way;
//! - insertions and moves' destinations are text; deletions, moves' sources and hidden text
//!   (`w:vanish`, directly or through a character style) are not, and are counted;
//! - `mc:AlternateContent` is read once, through its first choice: the paragraphs of the
//!   fallback (a text box's VML copy) keep their line numbers but no text;
//! - tables: each top-level table's rows and cells, as ranges of paragraphs, with merged cells
//!   (`w:gridSpan`, `w:vMerge`) and header rows (`w:tblHeader`); a table nested in a cell is
//!   that cell's text;
//! - pictures (`a:blip`, `v:imagedata`) by relationship id, with their description;
//! - footnote and endnote references, at their place in the text.

use super::styles::{on_off, NumRef, WML, WML_STRICT};
use quick_xml::events::{BytesStart, Event};
use quick_xml::name::{Namespace, ResolveResult};
use quick_xml::NsReader;

const MC: &[u8] = b"http://schemas.openxmlformats.org/markup-compatibility/2006";
const VML: &[u8] = b"urn:schemas-microsoft-com:vml";
const A: &[u8] = b"http://schemas.openxmlformats.org/drawingml/2006/main";
const WP: &[u8] = b"http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing";

/// The namespace an element is in.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Ns {
    W,
    Mc,
    Vml,
    A,
    Wp,
    Other,
}

fn ns_of(r: &ResolveResult) -> Ns {
    match r {
        ResolveResult::Bound(Namespace(n)) => match *n {
            WML | WML_STRICT => Ns::W,
            MC => Ns::Mc,
            VML => Ns::Vml,
            A => Ns::A,
            WP => Ns::Wp,
            _ => Ns::Other,
        },
        // a part that uses Word's usual prefixes without declaring them (not well-formed
        // XML with namespaces, but written by hand-made tools) is read by its prefixes
        ResolveResult::Unknown(p) => match p.as_slice() {
            b"w" => Ns::W,
            b"mc" => Ns::Mc,
            b"v" => Ns::Vml,
            b"a" => Ns::A,
            b"wp" => Ns::Wp,
            _ => Ns::Other,
        },
        ResolveResult::Unbound => Ns::Other,
    }
}

/// One paragraph as the walk found it.
#[derive(Clone, Debug, Default)]
pub(crate) struct Para {
    /// Its text; `\n` where a break starts a new line. No final line ending.
    pub text: String,
    /// Where the text came from, ranges relative to `text`.
    pub pieces: Vec<super::Piece>,
    /// `w:pStyle`.
    pub style: Option<String>,
    /// Its own `w:numPr`.
    pub num: Option<NumRef>,
    /// Its own `w:outlineLvl` (0-based; 9, body text, is kept as 9).
    pub outline: Option<u8>,
    /// `w:pageBreakBefore`, or a page break in its runs before any text.
    pub page_break_before: bool,
    /// Inside a fallback branch or a deletion: its line stays, empty.
    pub skipped: bool,
    /// In a `TOC` field or a contents content control.
    pub toc: bool,
    /// The largest font size set directly on a run of its visible text, in half-points
    /// (`w:sz`), 0 when none is.
    pub size: u16,
    /// Centred by its own `w:jc`.
    pub centred: bool,
    /// Inside a text box (`w:txbxContent`): out of the text's flow.
    pub aside: bool,
    /// Its visible text by run formatting: the run's own `w:b` (when set), its character
    /// style, and how many non-blank characters; runs alike are merged.
    pub bold_runs: Vec<(Option<bool>, Option<String>, usize)>,
    /// Pictures: relationship id and description.
    pub images: Vec<(String, String)>,
    /// Footnote (`false`) and endnote (`true`) references: id and byte offset in `text`.
    pub notes: Vec<(bool, String, usize)>,
    /// The bytes of its `w:p` element in the part, start tag to end tag (a nested paragraph's
    /// included), for the readers of its formatting.
    pub xml: std::ops::Range<usize>,
}

/// A top-level table: its rows of cells, each cell a range of paragraph indices.
#[derive(Clone, Debug, Default)]
pub(crate) struct TableInfo {
    pub rows: Vec<RowInfo>,
}

/// A table row.
#[derive(Clone, Debug, Default)]
pub(crate) struct RowInfo {
    pub cells: Vec<CellInfo>,
    pub header: bool,
}

/// A table cell: the paragraphs it holds, and how it merges.
#[derive(Clone, Debug, Default)]
pub(crate) struct CellInfo {
    pub paras: std::ops::Range<usize>,
    pub grid_span: u32,
    /// `w:vMerge`: `Some(true)` starts a merge, `Some(false)` continues one.
    pub v_merge: Option<bool>,
}

/// What was left out of the body's text, counted in characters.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub(crate) struct Omitted {
    /// Hidden text (`w:vanish`).
    pub hidden: usize,
    /// Deleted text of tracked changes (`w:del`).
    pub deleted: usize,
    /// Text moved away (`w:moveFrom`).
    pub moved_from: usize,
    /// Paragraphs of a fallback copy (a text box's VML twin), read once through the choice.
    pub fallback_paragraphs: usize,
    /// Field codes dropped (their results are kept).
    pub field_codes: usize,
}

/// The whole walk.
#[derive(Debug, Default)]
pub(crate) struct Walk {
    /// The paragraphs in the order their end tags come, which is the order of their lines: a
    /// paragraph holding a text box ends after the text box's paragraphs, and its line comes
    /// after theirs (as the labelled files count them).
    pub paras: Vec<Para>,
    pub tables: Vec<TableInfo>,
    pub omitted: Omitted,
}

/// A complex field being read: in its code or its result, and whether it is a `TOC`.
struct Field {
    result: bool,
    code: String,
    toc: bool,
}

#[derive(Default)]
struct State {
    walk: Walk,
    /// Open paragraphs, innermost last (indices into `walk.paras`).
    open: Vec<usize>,
    /// The paragraphs in the order they ended.
    order: Vec<usize>,
    /// Depth inside elements whose text is not body text (del, moveFrom, delText).
    removed: usize,
    /// Depth inside w:moveFrom (counted in `removed` too).
    moving: usize,
    /// Depth inside mc:Fallback.
    fallback: usize,
    /// Depth inside an mc:AlternateContent whose choice was read: later choices are skipped.
    alt: Vec<bool>,
    /// Depth inside w:pPr, w:rPr, w:sdtPr.
    in_ppr: usize,
    in_rpr: usize,
    in_sdtpr: usize,
    /// In a w:t (and whether its text counts).
    in_t: bool,
    in_instr: bool,
    /// The run's properties: hidden (on the run or by its character style), its size.
    run_hidden: bool,
    run_size: u16,
    /// The run's own `w:b` and its character style.
    run_bold: Option<bool>,
    run_style: Option<String>,
    /// Depth inside w:txbxContent.
    textbox: usize,
    /// Per open mc:Choice or mc:Fallback: whether it is skipped.
    branch: Vec<bool>,
    fields: Vec<Field>,
    /// Open content controls: whether each is a contents.
    sdts: Vec<bool>,
    /// Open tables: the top-level one's index, and the nesting depth.
    tables: Vec<usize>,
    /// Whether the current top-level cell is open.
    drawing: usize,
    /// The bytes of the event being read: where it starts and where it ends.
    at: usize,
    after: usize,
}

impl State {
    /// The walk, its paragraphs in the order they ended, tables renumbered to match.
    fn finish(mut self) -> Walk {
        let n = self.walk.paras.len();
        // paragraphs still open at the end (none in a well-formed part) end last
        while let Some(i) = self.open.pop() {
            self.order.push(i);
        }
        if self.order.iter().enumerate().all(|(k, &i)| k == i) {
            return self.walk;
        }
        let mut new_of = vec![0usize; n];
        for (k, &i) in self.order.iter().enumerate() {
            new_of[i] = k;
        }
        let mut old: Vec<Option<Para>> = std::mem::take(&mut self.walk.paras)
            .into_iter()
            .map(Some)
            .collect();
        self.walk.paras = self.order.iter().filter_map(|&i| old[i].take()).collect();
        for t in &mut self.walk.tables {
            for r in &mut t.rows {
                for c in &mut r.cells {
                    if c.paras.is_empty() {
                        continue;
                    }
                    let (a, b) = c
                        .paras
                        .clone()
                        .map(|i| new_of[i])
                        .fold((usize::MAX, 0), |(a, b), k| (a.min(k), b.max(k + 1)));
                    c.paras = a..b;
                }
            }
        }
        self.walk
    }

    fn cur(&mut self) -> Option<&mut Para> {
        let i = *self.open.last()?;
        self.walk.paras.get_mut(i)
    }

    fn hidden_by(&self) -> bool {
        self.removed > 0 || self.fallback > 0 || self.fields.iter().any(|f| !f.result)
    }

    fn in_toc(&self) -> bool {
        self.sdts.iter().any(|&t| t) || self.fields.iter().any(|f| f.toc && f.result)
    }

    /// Text of a run, when it counts.
    fn push_text(&mut self, s: &str, xml: Option<std::ops::Range<usize>>) {
        if self.removed > 0 {
            let n = s.chars().count();
            if self.moving > 0 {
                self.walk.omitted.moved_from += n;
            } else {
                self.walk.omitted.deleted += n;
            }
            return;
        }
        if self.fallback > 0 {
            return;
        }
        if self.fields.iter().any(|f| !f.result) {
            return;
        }
        if self.run_hidden {
            self.walk.omitted.hidden += s.chars().count();
            return;
        }
        let size = self.run_size;
        let bold = self.run_bold;
        let style = self.run_style.clone();
        let toc = self.in_toc();
        let Some(p) = self.cur() else {
            return;
        };
        let at = p.text.len();
        p.text.push_str(s);
        if let Some(xml) = xml {
            p.pieces.push(super::Piece {
                text: at..p.text.len(),
                xml,
            });
        }
        let n = s.chars().filter(|c| !c.is_whitespace()).count();
        if n > 0 {
            p.size = p.size.max(size);
            match p.bold_runs.iter_mut().find(|r| r.0 == bold && r.1 == style) {
                Some(r) => r.2 += n,
                None => p.bold_runs.push((bold, style, n)),
            }
        }
        p.toc |= toc;
    }

    /// A character the markup stands for (a tab, a symbol), when it counts.
    fn push_char(&mut self, c: char) {
        if self.hidden_by() || self.run_hidden {
            return;
        }
        if let Some(p) = self.cur() {
            p.text.push(c);
        }
    }
}

/// The value of attribute `local` (by local name) of `e`.
pub(super) fn attr(e: &BytesStart, local: &[u8]) -> Option<String> {
    e.attributes().flatten().find_map(|a| {
        (a.key.local_name().as_ref() == local)
            .then(|| a.unescape_value().ok().map(|v| v.into_owned()))
            .flatten()
    })
}

/// Whether an on/off property (`w:vanish`, `w:tblHeader`) is on: present, and its value not
/// false.
fn on(e: &BytesStart) -> bool {
    on_off(attr(e, b"val").as_deref())
}

/// The character of a `w:sym`: its code, with the Symbol fonts' private-use offset undone.
fn sym_char(e: &BytesStart) -> Option<char> {
    let code = u32::from_str_radix(attr(e, b"char")?.trim(), 16).ok()?;
    let code = if (0xF000..=0xF0FF).contains(&code) {
        let font = attr(e, b"font").unwrap_or_default().to_lowercase();
        let low = code - 0xF000;
        match (font.as_str(), low) {
            (f, 0xB7) if f.contains("symbol") => 0x2022,
            (f, 0x6C | 0x9F | 0xA1) if f.contains("wingdings") => 0x25CF,
            (f, 0xA7 | 0x6E) if f.contains("wingdings") => 0x25A0,
            (f, 0xFC) if f.contains("wingdings") => 0x2713,
            (f, _) if f.contains("symbol") && (0x20..0x7F).contains(&low) => low,
            _ => code,
        }
    } else {
        code
    };
    char::from_u32(code)
}

/// Walk `xml`, a `word/document.xml`; `hidden_style` says whether a character style hides its
/// text.
pub(crate) fn walk(xml: &str, hidden_style: &dyn Fn(&str) -> bool) -> Result<Walk, String> {
    let mut r = NsReader::from_str(xml);
    let mut s = State::default();
    let mut depth = 0usize;
    let mut root: Option<String> = None;
    let error = |at: u64, e: &dyn std::fmt::Display| {
        format!(
            "{}:{}: {e}",
            super::DOCUMENT,
            super::position(xml, at as usize)
        )
    };
    loop {
        let before = r.buffer_position() as usize;
        let (ns, ev) = match r.read_resolved_event() {
            Ok(x) => x,
            Err(e) => return Err(error(r.error_position(), &e)),
        };
        let ns = ns_of(&ns);
        s.at = before;
        s.after = r.buffer_position() as usize;
        match ev {
            Event::Eof => break,
            Event::Start(e) => {
                if depth == 0 && root.is_none() {
                    root = Some(String::from_utf8_lossy(e.name().as_ref()).into_owned());
                }
                depth += 1;
                start(&mut s, ns, &e, false, hidden_style);
            }
            Event::Empty(e) => {
                if depth == 0 && root.is_none() {
                    root = Some(String::from_utf8_lossy(e.name().as_ref()).into_owned());
                }
                start(&mut s, ns, &e, true, hidden_style);
                end(&mut s, ns, e.local_name().as_ref());
            }
            Event::End(e) => {
                depth = depth.saturating_sub(1);
                end(&mut s, ns, e.local_name().as_ref());
            }
            Event::Text(t) if s.in_t || s.in_instr => {
                let text = t.unescape().map_err(|e| error(before as u64, &e))?;
                if s.in_instr {
                    if let Some(f) = s.fields.last_mut().filter(|f| !f.result) {
                        f.code.push_str(&text);
                    }
                    s.walk.omitted.field_codes += text.chars().count();
                } else {
                    s.push_text(&text, Some(before..r.buffer_position() as usize));
                }
            }
            Event::CData(c) if s.in_t => {
                let text = r
                    .decoder()
                    .decode(&c)
                    .map_err(|e| error(before as u64, &e))?;
                s.push_text(&text, None);
            }
            _ => {}
        }
    }
    match root {
        None => Err(format!("{} has no XML element", super::DOCUMENT)),
        Some(root) if depth > 0 => Err(format!(
            "{}:{}: the part ends inside <{root}>, with {depth} element{} open: it is cut short",
            super::DOCUMENT,
            super::position(xml, xml.len()),
            if depth == 1 { "" } else { "s" }
        )),
        Some(_) => Ok(s.finish()),
    }
}

fn start(s: &mut State, ns: Ns, e: &BytesStart, empty: bool, hidden_style: &dyn Fn(&str) -> bool) {
    let local = e.local_name();
    let name = local.as_ref();
    match ns {
        Ns::Mc => match name {
            b"AlternateContent" => s.alt.push(false),
            b"Choice" | b"Fallback" => {
                // the first choice is read, any other branch skipped
                let read = name == b"Choice"
                    && match s.alt.last_mut() {
                        Some(done) if !*done => {
                            *done = true;
                            true
                        }
                        _ => false,
                    };
                if !read {
                    s.fallback += 1;
                }
                s.branch.push(!read);
            }
            _ => {}
        },
        Ns::Vml => {
            if name == b"imagedata" && s.fallback == 0 && s.removed == 0 {
                if let Some(id) = attr(e, b"id") {
                    let alt = attr(e, b"title").unwrap_or_default();
                    if let Some(p) = s.cur() {
                        p.images.push((id, alt));
                    }
                }
            }
        }
        Ns::A => {
            if name == b"blip" && s.fallback == 0 && s.removed == 0 && s.drawing > 0 {
                if let Some(id) = attr(e, b"embed").or_else(|| attr(e, b"link")) {
                    if let Some(p) = s.cur() {
                        let alt = p
                            .images
                            .last()
                            .filter(|(i, _)| i.is_empty())
                            .map(|(_, a)| a.clone());
                        match alt {
                            Some(a) => {
                                p.images.pop();
                                p.images.push((id, a));
                            }
                            None => p.images.push((id, String::new())),
                        }
                    }
                }
            }
        }
        Ns::Wp => {
            if name == b"docPr" && s.fallback == 0 && s.removed == 0 {
                // the description comes before the picture: held as an image with no id yet
                let alt = attr(e, b"descr")
                    .filter(|d| !d.is_empty())
                    .or_else(|| attr(e, b"title"))
                    .unwrap_or_default();
                if let Some(p) = s.cur() {
                    p.images.push((String::new(), alt));
                }
            }
        }
        Ns::W => w_start(s, name, e, empty, hidden_style),
        Ns::Other => {}
    }
}

fn w_start(
    s: &mut State,
    name: &[u8],
    e: &BytesStart,
    empty: bool,
    hidden_style: &dyn Fn(&str) -> bool,
) {
    match name {
        b"p" => {
            let toc = s.in_toc();
            let para = Para {
                xml: s.at..s.after,
                skipped: s.fallback > 0 || s.removed > 0,
                aside: s.textbox > 0,
                toc,
                ..Para::default()
            };
            if para.skipped && s.fallback > 0 {
                s.walk.omitted.fallback_paragraphs += 1;
            }
            let i = s.walk.paras.len();
            s.walk.paras.push(para);
            s.open.push(i);
            if let Some(&t) = s.tables.first() {
                if s.tables.len() == 1 {
                    if let Some(c) = s.walk.tables[t]
                        .rows
                        .last_mut()
                        .and_then(|r| r.cells.last_mut())
                    {
                        if c.paras.is_empty() {
                            c.paras = i..i + 1;
                        } else {
                            c.paras.end = i + 1;
                        }
                    }
                } else if let Some(c) = s.walk.tables[t]
                    .rows
                    .last_mut()
                    .and_then(|r| r.cells.last_mut())
                {
                    c.paras.end = i + 1;
                }
            }
        }
        b"pPr" => s.in_ppr += 1,
        b"rPr" => s.in_rpr += 1,
        b"sdtPr" => s.in_sdtpr += 1,
        b"r" => {
            s.run_hidden = false;
            s.run_size = 0;
            s.run_bold = None;
            s.run_style = None;
        }
        b"b" if s.in_rpr > 0 && s.in_ppr == 0 => s.run_bold = Some(on(e)),
        b"txbxContent" if !empty => s.textbox += 1,
        b"sz" if s.in_rpr > 0 && s.in_ppr == 0 => {
            s.run_size = attr(e, b"val")
                .and_then(|v| v.trim().parse::<u16>().ok())
                .unwrap_or(0)
        }
        b"pStyle" if s.in_ppr > 0 => {
            let v = attr(e, b"val");
            if let Some(p) = s.cur() {
                p.style = v;
            }
        }
        b"numPr" if s.in_ppr > 0 => {
            if let Some(p) = s.cur() {
                p.num.get_or_insert_with(NumRef::default);
            }
        }
        b"ilvl" if s.in_ppr > 0 => {
            let v = attr(e, b"val").and_then(|v| v.trim().parse::<u8>().ok());
            if let Some(n) = s.cur().and_then(|p| p.num.as_mut()) {
                n.ilvl = v;
            }
        }
        b"numId" if s.in_ppr > 0 => {
            let v = attr(e, b"val").and_then(|v| v.trim().parse::<u32>().ok());
            if let Some(n) = s.cur().and_then(|p| p.num.as_mut()) {
                n.num_id = v;
            }
        }
        b"outlineLvl" if s.in_ppr > 0 => {
            let v = attr(e, b"val").and_then(|v| v.trim().parse::<u8>().ok());
            if let Some(p) = s.cur() {
                p.outline = v;
            }
        }
        b"jc" if s.in_ppr > 0 && s.in_rpr == 0 => {
            let centre = attr(e, b"val").is_some_and(|v| v == "center" || v == "centre");
            if let Some(p) = s.cur() {
                p.centred = centre;
            }
        }
        b"pageBreakBefore" if s.in_ppr > 0 && s.in_rpr == 0 && on(e) => {
            if let Some(p) = s.cur() {
                p.page_break_before = true;
            }
        }
        b"vanish" if s.in_rpr > 0 && s.in_ppr == 0 => s.run_hidden = on(e),
        b"rStyle" if s.in_rpr > 0 && s.in_ppr == 0 => {
            if let Some(v) = attr(e, b"val") {
                s.run_hidden |= hidden_style(&v);
                s.run_style = Some(v);
            }
        }
        b"t" if s.in_ppr == 0 => s.in_t = !empty,
        b"delText" => s.in_t = !empty,
        b"instrText" => s.in_instr = !empty,
        b"del" | b"moveFrom" if s.in_rpr == 0 && s.in_ppr == 0 => {
            s.removed += 1;
            s.moving += usize::from(name == b"moveFrom");
        }
        b"tab" | b"ptab" if s.in_ppr == 0 && s.in_rpr == 0 => s.push_char('\t'),
        b"br" | b"cr" => {
            if s.cur().is_none() {
                return;
            }
            let page = name == b"br" && attr(e, b"type").as_deref() == Some("page");
            // a break in a deletion is gone with it; any other starts a new line, hidden or
            // not, so that line numbers stay put
            if s.removed > 0 {
                return;
            }
            if let Some(p) = s.cur() {
                if page && p.text.trim().is_empty() {
                    p.page_break_before = true;
                }
                p.text.push('\n');
            }
        }
        b"sym" => {
            if let Some(c) = sym_char(e) {
                s.push_char(c);
            }
        }
        b"noBreakHyphen" => s.push_char('\u{2011}'),
        b"fldChar" => match attr(e, b"fldCharType").as_deref() {
            Some("begin") => s.fields.push(Field {
                result: false,
                code: String::new(),
                toc: false,
            }),
            Some("separate") => {
                if let Some(f) = s.fields.last_mut() {
                    f.result = true;
                    f.toc = f.code.trim_start().starts_with("TOC");
                    if f.toc {
                        let toc = true;
                        if let Some(p) = s.cur() {
                            p.toc |= toc;
                        }
                    }
                }
            }
            Some("end") => {
                s.fields.pop();
            }
            _ => {}
        },
        b"fldSimple" if !empty => {
            let toc = attr(e, b"instr").is_some_and(|i| i.trim_start().starts_with("TOC"));
            s.fields.push(Field {
                result: true,
                code: String::new(),
                toc,
            });
        }
        b"sdt" if !empty => s.sdts.push(false),
        b"docPartGallery"
            if s.in_sdtpr > 0
                && attr(e, b"val").is_some_and(|v| v.contains("Table of Contents")) =>
        {
            if let Some(t) = s.sdts.last_mut() {
                *t = true;
            }
        }
        b"drawing" | b"pict" | b"object" if !empty => s.drawing += 1,
        b"tbl" if !empty => {
            if s.tables.is_empty() {
                s.walk.tables.push(TableInfo::default());
                s.tables.push(s.walk.tables.len() - 1);
            } else {
                s.tables.push(s.tables[0]);
            }
        }
        b"tr" if s.tables.len() == 1 => {
            let t = s.tables[0];
            s.walk.tables[t].rows.push(RowInfo::default());
        }
        b"tblHeader" if s.tables.len() == 1 && on(e) => {
            let t = s.tables[0];
            if let Some(r) = s.walk.tables[t].rows.last_mut() {
                r.header = true;
            }
        }
        b"tc" if s.tables.len() == 1 => {
            let t = s.tables[0];
            if let Some(r) = s.walk.tables[t].rows.last_mut() {
                r.cells.push(CellInfo {
                    grid_span: 1,
                    ..CellInfo::default()
                });
            }
        }
        b"gridSpan" if s.tables.len() == 1 => {
            let t = s.tables[0];
            let n = attr(e, b"val").and_then(|v| v.trim().parse::<u32>().ok());
            if let Some(c) = s.walk.tables[t]
                .rows
                .last_mut()
                .and_then(|r| r.cells.last_mut())
            {
                c.grid_span = n.unwrap_or(1).clamp(1, 64);
            }
        }
        b"vMerge" if s.tables.len() == 1 => {
            let t = s.tables[0];
            let restart = attr(e, b"val").as_deref() == Some("restart");
            if let Some(c) = s.walk.tables[t]
                .rows
                .last_mut()
                .and_then(|r| r.cells.last_mut())
            {
                c.v_merge = Some(restart);
            }
        }
        b"footnoteReference" | b"endnoteReference" => {
            let end = name == b"endnoteReference";
            if s.hidden_by() {
                return;
            }
            if let Some(id) = attr(e, b"id") {
                if let Some(p) = s.cur() {
                    let at = p.text.len();
                    p.notes.push((end, id, at));
                }
            }
        }
        _ => {}
    }
}

fn end(s: &mut State, ns: Ns, name: &[u8]) {
    match ns {
        Ns::Mc => match name {
            b"AlternateContent" => {
                s.alt.pop();
            }
            b"Choice" | b"Fallback" if s.branch.pop() == Some(true) => {
                s.fallback = s.fallback.saturating_sub(1);
            }
            _ => {}
        },
        Ns::W => match name {
            b"p" => {
                if let Some(i) = s.open.pop() {
                    let after = s.after;
                    if let Some(p) = s.walk.paras.get_mut(i) {
                        p.xml.end = after;
                    }
                    s.order.push(i);
                }
            }
            b"pPr" => s.in_ppr = s.in_ppr.saturating_sub(1),
            b"rPr" => s.in_rpr = s.in_rpr.saturating_sub(1),
            b"sdtPr" => s.in_sdtpr = s.in_sdtpr.saturating_sub(1),
            b"t" | b"delText" => s.in_t = false,
            b"instrText" => s.in_instr = false,
            b"del" | b"moveFrom" if s.in_rpr == 0 && s.in_ppr == 0 => {
                s.removed = s.removed.saturating_sub(1);
                if name == b"moveFrom" {
                    s.moving = s.moving.saturating_sub(1);
                }
            }
            b"fldSimple" => {
                s.fields.pop();
            }
            b"sdt" => {
                s.sdts.pop();
            }
            b"drawing" | b"pict" | b"object" => s.drawing = s.drawing.saturating_sub(1),
            b"txbxContent" => s.textbox = s.textbox.saturating_sub(1),
            b"tbl" => {
                s.tables.pop();
            }
            _ => {}
        },
        _ => {}
    }
}

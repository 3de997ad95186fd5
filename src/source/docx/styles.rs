//! Word styles (`word/styles.xml`): the facts about a paragraph's style that tell its role.
//!
//! A paragraph names its style by id (`w:pStyle`); the style is a chain: the style itself, the
//! styles it is based on (`w:basedOn`, followed to a depth of [`MAX_DEPTH`] and never twice,
//! so a cycle ends), and under them all the document defaults (`w:docDefaults`). The nearest
//! value wins, field by field: a style that says only `w:ilvl` in its `w:numPr` keeps the
//! numbering id its base gives. A paragraph without a style, or with an id the part does not
//! define, has the default paragraph style (`w:default="1"`), as in Word. Character styles
//! (`w:rStyle`) are resolved the same way through their own bases, without the document
//! defaults (the paragraph already carries those).
//!
//! What is kept is what the outline needs: the style's name, whether it is a built-in heading
//! (`heading 1`…`heading 9`, written in any case, or the Chinese `标题 1`…`标题 9` of a
//! localized Word, or a style based on one), its outline level (`w:outlineLvl`), its
//! numbering (`w:numPr`), whether it is a table-of-contents, title or subtitle style, and the
//! run facts bold and hidden (`w:b`, `w:vanish`) and `w:pageBreakBefore`.
//!
//! Elements and attributes are matched by namespace, never by prefix: the WordprocessingML
//! namespace of ECMA-376 transitional and of its Strict form. An element of another namespace
//! (an extension of a later Word) is passed over with everything inside it. An attribute
//! without a prefix is taken as WordprocessingML's too, as Word itself reads it.
//!
//! An XML error names the part and the line and column where it is; a part that ends inside
//! an element is an error too.

use quick_xml::events::{BytesStart, Event};
use quick_xml::name::ResolveResult;
use quick_xml::reader::NsReader;
use std::collections::HashMap;

/// The part the styles are in.
pub(super) const PART: &str = "word/styles.xml";

/// How many `w:basedOn` links are followed before the chain is cut.
pub(crate) const MAX_DEPTH: usize = 32;

/// The WordprocessingML namespace (ECMA-376 transitional).
pub(super) const WML: &[u8] = b"http://schemas.openxmlformats.org/wordprocessingml/2006/main";
/// The WordprocessingML namespace of ECMA-376 Strict.
pub(super) const WML_STRICT: &[u8] = b"http://purl.oclc.org/ooxml/wordprocessingml/main";

/// Whether a resolved name is in a WordprocessingML namespace.
pub(super) fn is_wml(ns: &ResolveResult) -> bool {
    matches!(ns, ResolveResult::Bound(n) if n.0 == WML || n.0 == WML_STRICT)
}

/// The value of the WordprocessingML attribute `local` of `e` (or of an unprefixed one).
pub(super) fn attr<R>(r: &NsReader<R>, e: &BytesStart, local: &[u8]) -> Option<String> {
    e.attributes().flatten().find_map(|a| {
        let (ns, name) = r.resolve_attribute(a.key);
        let ours = is_wml(&ns) || matches!(ns, ResolveResult::Unbound);
        (ours && name.as_ref() == local).then(|| match a.unescape_value() {
            Ok(v) => v.into_owned(),
            Err(_) => String::from_utf8_lossy(&a.value).into_owned(),
        })
    })
}

/// A WordprocessingML on/off value (`w:b`, `w:vanish`, …): absent means on.
pub(super) fn on_off(val: Option<&str>) -> bool {
    !matches!(val, Some("0" | "false" | "off" | "none"))
}

/// One event of a WordprocessingML part, with its element's local name when the element is in
/// the WordprocessingML namespace. Shared by the styles and numbering readers.
pub(super) enum Step<'x> {
    /// A start tag (`empty` for `<x/>`, which has no end) of a WordprocessingML element.
    Open(BytesStart<'x>, bool),
    /// A start tag of an element in another namespace (`empty` as above).
    Foreign(bool),
    /// An end tag.
    Close,
    /// The end of the part.
    End,
}

/// The next [`Step`] of `r`; an XML error names `part` and the position.
pub(super) fn step<'x>(
    r: &mut NsReader<&'x [u8]>,
    xml: &str,
    part: &str,
) -> Result<Step<'x>, String> {
    loop {
        match r.read_resolved_event() {
            Err(e) => {
                return Err(format!(
                    "{part}:{}: {e}",
                    super::position(
                        xml,
                        usize::try_from(r.error_position()).unwrap_or(usize::MAX)
                    )
                ))
            }
            Ok((ns, Event::Start(e))) => {
                return Ok(if is_wml(&ns) {
                    Step::Open(e, false)
                } else {
                    Step::Foreign(false)
                })
            }
            Ok((ns, Event::Empty(e))) => {
                return Ok(if is_wml(&ns) {
                    Step::Open(e, true)
                } else {
                    Step::Foreign(true)
                })
            }
            Ok((_, Event::End(_))) => return Ok(Step::Close),
            Ok((_, Event::Eof)) => return Ok(Step::End),
            Ok(_) => {}
        }
    }
}

/// The error for a part that ends while `open` elements are still open.
pub(super) fn cut_short(part: &str, xml: &str, open: usize) -> String {
    format!(
        "{part}:{}: the part ends inside {open} open element{}: it is cut short",
        super::position(xml, xml.len()),
        if open == 1 { "" } else { "s" }
    )
}

/// A reference to a numbering definition, as a `w:numPr` gives it: either part may be absent.
///
/// ```text
/// let r = NumRef { num_id: Some(3), ilvl: None };
/// assert_eq!(r.ilvl, None);
/// ```
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub(crate) struct NumRef {
    /// `w:numId`: the `w:num` used; 0 switches numbering off.
    pub num_id: Option<u32>,
    /// `w:ilvl`: the list level, 0-based.
    pub ilvl: Option<u8>,
}

impl NumRef {
    /// `self`, with each part it lacks taken from `base`.
    fn over(self, base: NumRef) -> NumRef {
        NumRef {
            num_id: self.num_id.or(base.num_id),
            ilvl: self.ilvl.or(base.ilvl),
        }
    }
}

/// The resolved facts of one style (through its bases and the document defaults).
///
/// ```text
/// let s = Styles::parse(xml)?;
/// assert_eq!(s.paragraph(Some("2")).heading, Some(1));
/// ```
#[derive(Clone, Debug, Default)]
pub(crate) struct Style {
    /// `w:styleId`, as written (empty for the defaults of a part without a default style).
    pub id: String,
    /// `w:name`, as written.
    pub name: String,
    /// 1..=9 for a built-in heading style or a style based on one.
    pub heading: Option<u8>,
    /// `w:outlineLvl` 0..=8; 9 (body text) and absence are `None`.
    pub outline: Option<u8>,
    /// The style's `w:numPr`, merged part by part through its bases.
    pub num: Option<NumRef>,
    /// The id of the nearest style of the chain that has a `w:numPr`: a numbering level that
    /// names it in `w:pStyle` is the level its paragraphs take.
    pub num_style: Option<String>,
    /// A table-of-contents style (`toc N`, `TOC Heading`, `目录`, `目录 N`, WPS's manual ones).
    pub toc: bool,
    /// A title style (`Title`, `标题` without a number).
    pub title: bool,
    /// A subtitle style (`Subtitle`, `副标题`).
    pub subtitle: bool,
    /// `w:b` in the style's run properties.
    pub bold: Option<bool>,
    /// `w:vanish` in the style's run properties.
    pub hidden: bool,
    /// `w:pageBreakBefore` in the style's paragraph properties.
    pub page_break_before: bool,
}

/// The kind of a style (`w:type`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
enum Kind {
    Paragraph,
    Character,
    Table,
    Numbering,
}

impl Kind {
    fn of(v: Option<&str>) -> Kind {
        match v {
            Some("character") => Kind::Character,
            Some("table") => Kind::Table,
            Some("numbering") => Kind::Numbering,
            _ => Kind::Paragraph,
        }
    }
}

/// Properties as one level of the chain writes them: `None` is "not said here".
#[derive(Clone, Debug, Default)]
struct Props {
    /// `Some(None)`: an explicit body-text outline level.
    outline: Option<Option<u8>>,
    num: Option<NumRef>,
    bold: Option<bool>,
    hidden: Option<bool>,
    page_break_before: Option<bool>,
}

impl Props {
    /// Set the property of element `local` (inside a `w:pPr` or `w:rPr`) from its `val`.
    fn set(&mut self, local: &[u8], val: Option<&str>) {
        match local {
            b"outlineLvl" => {
                self.outline = Some(
                    val.and_then(|v| v.trim().parse::<u8>().ok())
                        .filter(|&l| l <= 8),
                )
            }
            b"b" => self.bold = Some(on_off(val)),
            b"vanish" => self.hidden = Some(on_off(val)),
            b"pageBreakBefore" => self.page_break_before = Some(on_off(val)),
            _ => {}
        }
    }
}

/// One `w:style` as written.
#[derive(Clone, Debug)]
struct Raw {
    kind: Kind,
    id: String,
    default: bool,
    name: Option<String>,
    based_on: Option<String>,
    props: Props,
}

/// The styles of a document, resolved. [`Styles::default`] is a package without `styles.xml`.
///
/// ```text
/// let styles = Styles::parse(&xml)?;
/// let style = styles.paragraph(Some("Heading1"));
/// ```
#[derive(Clone, Debug, Default)]
pub(crate) struct Styles {
    /// Resolved styles, in the order of the part.
    all: Vec<Style>,
    /// Paragraph style ids to their index in `all`.
    paragraph: HashMap<String, usize>,
    /// Character style ids to their index in `all`.
    character: HashMap<String, usize>,
    /// Numbering style ids to their `w:numPr`.
    numbering: HashMap<String, NumRef>,
    /// The default paragraph style's index, if the part names one.
    default: Option<usize>,
    /// The document defaults alone: the style of a paragraph when no default style exists.
    defaults: Style,
}

/// Where a reader is inside `w:styles`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Tag {
    /// An element that matters to nothing read here (its subtree is passed over).
    Skip,
    Root,
    DocDefaults,
    PPrDefault,
    RPrDefault,
    /// `w:pPr`/`w:rPr` of the defaults.
    DefaultProps,
    Style,
    /// `w:pPr`/`w:rPr` of a style.
    StyleProps,
    NumPr,
}

impl Styles {
    /// Read `word/styles.xml`. An XML error names the part and its line and column.
    ///
    /// ```text
    /// let s = Styles::parse(r#"<w:styles xmlns:w="…">…</w:styles>"#)?;
    /// ```
    pub fn parse(xml: &str) -> Result<Styles, String> {
        let mut r = NsReader::from_str(xml);
        let mut stack: Vec<Tag> = Vec::new();
        let mut raws: Vec<Raw> = Vec::new();
        let mut defaults = Props::default();
        let mut cur: Option<Raw> = None;
        loop {
            let (e, empty) = match step(&mut r, xml, PART)? {
                Step::End => break,
                Step::Close => {
                    if stack.pop() == Some(Tag::Style) {
                        raws.extend(cur.take());
                    }
                    continue;
                }
                Step::Foreign(empty) => {
                    if !empty {
                        stack.push(Tag::Skip);
                    }
                    continue;
                }
                Step::Open(e, empty) => (e, empty),
            };
            let parent = stack.last().copied();
            let local = e.local_name();
            let local = local.as_ref();
            let val = attr(&r, &e, b"val");
            let tag = match (parent, local) {
                (None, b"styles") => Tag::Root,
                (Some(Tag::Root), b"docDefaults") => Tag::DocDefaults,
                (Some(Tag::DocDefaults), b"pPrDefault") => Tag::PPrDefault,
                (Some(Tag::DocDefaults), b"rPrDefault") => Tag::RPrDefault,
                (Some(Tag::PPrDefault), b"pPr") | (Some(Tag::RPrDefault), b"rPr") => {
                    Tag::DefaultProps
                }
                (Some(Tag::DefaultProps), _) => {
                    defaults.set(local, val.as_deref());
                    Tag::Skip
                }
                (Some(Tag::Root), b"style") => {
                    cur = Some(Raw {
                        kind: Kind::of(attr(&r, &e, b"type").as_deref()),
                        id: attr(&r, &e, b"styleId").unwrap_or_default(),
                        default: attr(&r, &e, b"default").is_some_and(|v| on_off(Some(&v))),
                        name: None,
                        based_on: None,
                        props: Props::default(),
                    });
                    Tag::Style
                }
                (Some(Tag::Style), b"name") => {
                    if let Some(c) = cur.as_mut() {
                        c.name = val;
                    }
                    Tag::Skip
                }
                (Some(Tag::Style), b"basedOn") => {
                    if let Some(c) = cur.as_mut() {
                        c.based_on = val;
                    }
                    Tag::Skip
                }
                (Some(Tag::Style), b"pPr" | b"rPr") => Tag::StyleProps,
                (Some(Tag::StyleProps), b"numPr") => {
                    if let Some(c) = cur.as_mut() {
                        c.props.num.get_or_insert_with(NumRef::default);
                    }
                    Tag::NumPr
                }
                (Some(Tag::StyleProps), _) => {
                    if let Some(c) = cur.as_mut() {
                        c.props.set(local, val.as_deref());
                    }
                    Tag::Skip
                }
                (Some(Tag::NumPr), b"numId" | b"ilvl") => {
                    if let Some(n) = cur.as_mut().and_then(|c| c.props.num.as_mut()) {
                        let v = val.as_deref().map(str::trim);
                        if local == b"numId" {
                            n.num_id = v.and_then(|v| v.parse().ok());
                        } else {
                            n.ilvl = v.and_then(|v| v.parse().ok());
                        }
                    }
                    Tag::Skip
                }
                _ => Tag::Skip,
            };
            if empty {
                if tag == Tag::Style {
                    raws.extend(cur.take());
                }
            } else {
                stack.push(tag);
            }
        }
        if !stack.is_empty() {
            return Err(cut_short(PART, xml, stack.len()));
        }
        Ok(Styles::resolve(raws, defaults))
    }

    /// Resolve every style through its bases.
    fn resolve(raws: Vec<Raw>, defaults: Props) -> Styles {
        let mut by_kind: HashMap<(Kind, &str), usize> = HashMap::new();
        for (i, raw) in raws.iter().enumerate() {
            by_kind.entry((raw.kind, raw.id.as_str())).or_insert(i);
        }
        let base_of = |raw: &Raw| -> Option<usize> {
            let b = raw.based_on.as_deref()?;
            by_kind.get(&(raw.kind, b)).copied()
        };
        let mut out = Styles {
            defaults: apply(Style::default(), &defaults),
            ..Styles::default()
        };
        for (i, raw) in raws.iter().enumerate() {
            // The chain, nearest first, each style once, at most MAX_DEPTH long.
            let mut chain = vec![i];
            let mut at = i;
            while chain.len() < MAX_DEPTH {
                match base_of(&raws[at]) {
                    Some(b) if !chain.contains(&b) => {
                        chain.push(b);
                        at = b;
                    }
                    _ => break,
                }
            }
            let mut style = if raw.kind == Kind::Character {
                Style::default()
            } else {
                out.defaults.clone()
            };
            for &c in chain.iter().rev() {
                let r = &raws[c];
                style = apply(style, &r.props);
                if r.props.num.is_some() {
                    style.num_style = Some(r.id.clone());
                }
                let name = r.name.as_deref().unwrap_or("");
                let named = Named::of(name, &r.id);
                if let Some(h) = named.heading {
                    style.heading = Some(h);
                }
                style.toc |= named.toc;
                style.title |= named.title;
                style.subtitle |= named.subtitle;
            }
            style.id = raw.id.clone();
            style.name = raw.name.clone().unwrap_or_default();
            let index = out.all.len();
            out.all.push(style);
            match raw.kind {
                Kind::Paragraph => {
                    out.paragraph.entry(raw.id.clone()).or_insert(index);
                    if raw.default && out.default.is_none() {
                        out.default = Some(index);
                    }
                }
                Kind::Character => {
                    out.character.entry(raw.id.clone()).or_insert(index);
                }
                Kind::Numbering => {
                    if let Some(n) = out.all[index].num {
                        out.numbering.entry(raw.id.clone()).or_insert(n);
                    }
                }
                Kind::Table => {}
            }
        }
        out
    }

    /// The style of a paragraph whose `w:pStyle` is `style_id`: `None` or an id the part does
    /// not define gives the default paragraph style.
    ///
    /// ```text
    /// assert!(Styles::default().paragraph(None).heading.is_none());
    /// ```
    pub fn paragraph(&self, style_id: Option<&str>) -> &Style {
        style_id
            .and_then(|id| self.paragraph.get(id))
            .or(self.default.as_ref())
            .map_or(&self.defaults, |&i| &self.all[i])
    }

    /// The character style `style_id` (a run's `w:rStyle`), if the part defines it.
    ///
    /// ```text
    /// let bold = styles.character("Strong").and_then(|s| s.bold);
    /// ```
    pub fn character(&self, style_id: &str) -> Option<&Style> {
        self.character.get(style_id).map(|&i| &self.all[i])
    }

    /// The `w:numPr` of the numbering style `style_id` (what `w:numStyleLink` points at).
    ///
    /// ```text
    /// let num_id = styles.numbering_style("MyList").and_then(|n| n.num_id);
    /// ```
    pub fn numbering_style(&self, style_id: &str) -> Option<NumRef> {
        self.numbering.get(style_id).copied()
    }
}

/// `style` with the properties one chain level says laid over it.
fn apply(mut style: Style, p: &Props) -> Style {
    if let Some(o) = p.outline {
        style.outline = o;
    }
    if let Some(n) = p.num {
        style.num = Some(n.over(style.num.unwrap_or_default()));
    }
    if let Some(b) = p.bold {
        style.bold = Some(b);
    }
    if let Some(h) = p.hidden {
        style.hidden = h;
    }
    if let Some(b) = p.page_break_before {
        style.page_break_before = b;
    }
    style
}

/// What a style's own name (or id) says it is.
#[derive(Default)]
struct Named {
    heading: Option<u8>,
    toc: bool,
    title: bool,
    subtitle: bool,
}

impl Named {
    fn of(name: &str, id: &str) -> Named {
        let n = name.trim().to_lowercase();
        let level = |rest: &str| -> Option<u8> {
            let rest = rest.trim();
            (rest.len() == 1)
                .then(|| rest.parse::<u8>().ok())
                .flatten()
                .filter(|l| (1..=9).contains(l))
        };
        let mut named = Named::default();
        if let Some(rest) = n.strip_prefix("heading").or_else(|| n.strip_prefix("标题")) {
            named.heading = level(rest);
        }
        if named.heading.is_none() && name.trim().is_empty() {
            // A style written without a name: its id may still say it (`Heading1`).
            if let Some(rest) = id.to_lowercase().strip_prefix("heading") {
                named.heading = level(rest);
            }
        }
        named.title = n == "title" || n == "标题";
        named.subtitle = n == "subtitle" || n == "副标题";
        let digits = |rest: &str| {
            let rest = rest.trim();
            rest.is_empty() || rest.chars().all(|c| c.is_ascii_digit())
        };
        named.toc = n == "toc heading"
            || n.strip_prefix("toc")
                .is_some_and(|r| digits(r) && !r.is_empty())
            || n.starts_with("toc 标题")
            || n.strip_prefix("目录").is_some_and(digits)
            || n.contains("手动目录");
        named
    }
}

/// Test support shared with the numbering tests.
#[cfg(test)]
pub(super) mod testing {
    use std::collections::HashMap;
    use std::io::Read;

    /// The XML parts of every `../shared/docx/*.docx` (file name, part name to text). Panics
    /// when the directory is missing or holds no Word file: the tests that use it must not
    /// pass by finding nothing.
    pub(crate) fn shared_docx() -> Vec<(String, HashMap<String, String>)> {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/docx");
        let entries = std::fs::read_dir(&dir)
            .unwrap_or_else(|e| panic!("{}: {e} (the real Word files are needed)", dir.display()));
        let mut out = Vec::new();
        for entry in entries {
            let path = entry.unwrap().path();
            if path.extension().and_then(|e| e.to_str()) != Some("docx") {
                continue;
            }
            let bytes = std::fs::read(&path).unwrap();
            let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
            let mut parts = HashMap::new();
            for part in ["word/styles.xml", "word/numbering.xml", "word/document.xml"] {
                if let Ok(mut f) = zip.by_name(part) {
                    let mut text = String::new();
                    f.read_to_string(&mut text).unwrap();
                    parts.insert(part.to_string(), text);
                }
            }
            out.push((
                path.file_name().unwrap().to_string_lossy().into_owned(),
                parts,
            ));
        }
        out.sort_by(|a, b| a.0.cmp(&b.0));
        assert!(!out.is_empty(), "{} holds no .docx", dir.display());
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const W: &str = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";

    fn doc(prefix: &str, body: &str) -> String {
        let body = body.replace("w:", &format!("{prefix}:"));
        format!(
            r#"<?xml version="1.0" encoding="UTF-8"?>
<{prefix}:styles xmlns:{prefix}="{W}">{body}</{prefix}:styles>"#
        )
    }

    const SAMPLE: &str = r#"
<w:docDefaults><w:rPrDefault><w:rPr><w:sz w:val="21"/></w:rPr></w:rPrDefault>
  <w:pPrDefault><w:pPr><w:spacing w:line="360"/></w:pPr></w:pPrDefault></w:docDefaults>
<w:style w:type="paragraph" w:default="1" w:styleId="a"><w:name w:val="Normal"/></w:style>
<w:style w:type="paragraph" w:styleId="2"><w:name w:val="heading 1"/><w:basedOn w:val="a"/>
  <w:pPr><w:keepNext/><w:outlineLvl w:val="0"/></w:pPr><w:rPr><w:b/><w:sz w:val="44"/></w:rPr></w:style>
<w:style w:type="paragraph" w:styleId="3"><w:name w:val="Heading 2"/><w:basedOn w:val="a"/>
  <w:pPr><w:numPr><w:ilvl w:val="1"/><w:numId w:val="4"/></w:numPr><w:outlineLvl w:val="1"/></w:pPr></w:style>
<w:style w:type="paragraph" w:customStyle="1" w:styleId="x1"><w:name w:val="我的标题"/><w:basedOn w:val="2"/>
  <w:rPr><w:b w:val="0"/></w:rPr></w:style>
<w:style w:type="paragraph" w:styleId="x2"><w:name w:val="标题 3"/><w:pPr><w:pageBreakBefore/></w:pPr></w:style>
<w:style w:type="paragraph" w:styleId="x3"><w:name w:val="body"/><w:basedOn w:val="3"/>
  <w:pPr><w:numPr><w:ilvl w:val="2"/></w:numPr><w:outlineLvl w:val="9"/></w:pPr></w:style>
<w:style w:type="paragraph" w:styleId="t1"><w:name w:val="toc 1"/></w:style>
<w:style w:type="paragraph" w:styleId="t2"><w:name w:val="TOC Heading"/></w:style>
<w:style w:type="paragraph" w:styleId="t3"><w:name w:val="目录 2"/></w:style>
<w:style w:type="paragraph" w:styleId="ti"><w:name w:val="Title"/></w:style>
<w:style w:type="paragraph" w:styleId="tz"><w:name w:val="标题"/></w:style>
<w:style w:type="paragraph" w:styleId="st"><w:name w:val="副标题"/></w:style>
<w:style w:type="character" w:styleId="c1"><w:name w:val="Strong"/><w:rPr><w:b/></w:rPr></w:style>
<w:style w:type="character" w:styleId="c2"><w:name w:val="secret"/><w:basedOn w:val="c1"/><w:rPr><w:vanish/></w:rPr></w:style>
<w:style w:type="character" w:styleId="10"><w:name w:val="标题 1 字符"/></w:style>
<w:style w:type="numbering" w:styleId="L"><w:name w:val="my list"/><w:pPr><w:numPr><w:numId w:val="7"/></w:numPr></w:pPr></w:style>
"#;

    #[test]
    fn resolves_headings_bases_and_defaults() {
        let s = Styles::parse(&doc("w", SAMPLE)).unwrap();
        let normal = s.paragraph(None);
        assert_eq!(normal.name, "Normal");
        assert_eq!(normal.heading, None);
        assert_eq!(s.paragraph(Some("nope")).name, "Normal");
        let h1 = s.paragraph(Some("2"));
        assert_eq!(
            (h1.heading, h1.outline, h1.bold),
            (Some(1), Some(0), Some(true))
        );
        let h2 = s.paragraph(Some("3"));
        assert_eq!(h2.heading, Some(2));
        assert_eq!(
            h2.num,
            Some(NumRef {
                num_id: Some(4),
                ilvl: Some(1)
            })
        );
        assert_eq!(h2.num_style.as_deref(), Some("3"));
        let mine = s.paragraph(Some("x1"));
        assert_eq!(
            (mine.heading, mine.outline, mine.bold),
            (Some(1), Some(0), Some(false))
        );
        assert_eq!(mine.name, "我的标题");
        let zh = s.paragraph(Some("x2"));
        assert_eq!((zh.heading, zh.page_break_before), (Some(3), true));
        let body = s.paragraph(Some("x3"));
        assert_eq!(body.heading, Some(2), "based on a heading");
        assert_eq!(body.outline, None, "outline level 9 is body text");
        assert_eq!(
            body.num,
            Some(NumRef {
                num_id: Some(4),
                ilvl: Some(2)
            })
        );
        assert_eq!(body.num_style.as_deref(), Some("x3"));
        for id in ["t1", "t2", "t3"] {
            assert!(s.paragraph(Some(id)).toc, "{id}");
        }
        assert!(!s.paragraph(Some("2")).toc);
        assert!(s.paragraph(Some("ti")).title && s.paragraph(Some("tz")).title);
        assert_eq!(s.paragraph(Some("tz")).heading, None);
        assert!(s.paragraph(Some("st")).subtitle && !s.paragraph(Some("st")).title);
        assert_eq!(s.character("c1").and_then(|c| c.bold), Some(true));
        let secret = s.character("c2").unwrap();
        assert!(secret.hidden && secret.bold == Some(true));
        assert_eq!(s.character("10").map(|c| c.heading), Some(None));
        assert!(
            s.character("2").is_none(),
            "a paragraph style is not a character style"
        );
        assert_eq!(s.numbering_style("L").and_then(|n| n.num_id), Some(7));
    }

    #[test]
    fn any_prefix_and_strict_namespace() {
        let s = Styles::parse(&doc("ns0", SAMPLE)).unwrap();
        assert_eq!(s.paragraph(Some("2")).heading, Some(1));
        assert_eq!(s.paragraph(Some("3")).num.and_then(|n| n.num_id), Some(4));
        let strict =
            doc("w", SAMPLE).replace(W, "http://purl.oclc.org/ooxml/wordprocessingml/main");
        let s = Styles::parse(&strict).unwrap();
        assert_eq!(s.paragraph(Some("2")).heading, Some(1));
        // A w: prefix bound to another namespace is not WordprocessingML.
        let other = doc("w", SAMPLE).replace(W, "urn:something-else");
        let s = Styles::parse(&other).unwrap();
        assert_eq!(s.paragraph(Some("2")).heading, None);
    }

    #[test]
    fn foreign_elements_are_passed_over() {
        let xml = doc(
            "w",
            r#"<w:style w:type="paragraph" w:styleId="h"><w:name w:val="heading 4"/>
<x:ext xmlns:x="urn:x"><w:name w:val="Title"/><w:pPr><w:outlineLvl w:val="7"/></w:pPr></x:ext>
<w:pPr><w:outlineLvl w:val="3"/></w:pPr></w:style>"#,
        );
        let s = Styles::parse(&xml).unwrap();
        let h = s.paragraph(Some("h"));
        assert_eq!((h.heading, h.outline, h.title), (Some(4), Some(3), false));
        assert_eq!(h.name, "heading 4");
    }

    #[test]
    fn cycles_and_deep_chains_end() {
        let mut body = String::new();
        body.push_str(r#"<w:style w:type="paragraph" w:styleId="a"><w:name w:val="a"/><w:basedOn w:val="b"/></w:style>"#);
        body.push_str(r#"<w:style w:type="paragraph" w:styleId="b"><w:name w:val="b"/><w:basedOn w:val="a"/><w:rPr><w:b/></w:rPr></w:style>"#);
        for i in 0..200 {
            body.push_str(&format!(
                r#"<w:style w:type="paragraph" w:styleId="s{i}"><w:name w:val="s{i}"/><w:basedOn w:val="s{}"/></w:style>"#,
                i + 1
            ));
        }
        body.push_str(
            r#"<w:style w:type="paragraph" w:styleId="s200"><w:name w:val="heading 5"/></w:style>"#,
        );
        let s = Styles::parse(&doc("w", &body)).unwrap();
        assert_eq!(s.paragraph(Some("a")).bold, Some(true));
        assert_eq!(s.paragraph(Some("s199")).heading, Some(5));
        assert_eq!(
            s.paragraph(Some("s0")).heading,
            None,
            "the chain is cut at MAX_DEPTH"
        );
        // No default style: the document defaults.
        assert_eq!(s.paragraph(None).name, "");
        assert_eq!(Styles::default().paragraph(Some("x")).heading, None);
    }

    #[test]
    fn heading_names_and_ids() {
        let h = |name: &str, id: &str| Named::of(name, id).heading;
        assert_eq!(h("heading 1", "1"), Some(1));
        assert_eq!(h("HEADING 9", "x"), Some(9));
        assert_eq!(h("标题 2", "2"), Some(2));
        assert_eq!(h("标题2", "2"), Some(2));
        assert_eq!(h("heading 10", "x"), None);
        assert_eq!(h("heading 1 char", "x"), None);
        assert_eq!(h("", "Heading3"), Some(3));
        assert_eq!(
            h("Normal", "Heading3"),
            None,
            "the name decides when there is one"
        );
        assert_eq!(h("", "3"), None, "a bare number id says nothing");
        assert!(Named::of("WPSOffice手动目录 1", "34").toc);
        assert!(Named::of("TOC 标题1", "33").toc);
        assert!(Named::of("目录", "m").toc);
        assert!(!Named::of("tocology", "m").toc);
    }

    #[test]
    fn errors_say_where() {
        let e = Styles::parse("<w:styles xmlns:w=\"x\">\n<w:style></w:styl>").unwrap_err();
        assert!(e.starts_with("word/styles.xml:2:"), "{e}");
        let e = Styles::parse(&format!("<w:styles xmlns:w=\"{W}\">\n<w:style>")).unwrap_err();
        assert!(e.contains("cut short"), "{e}");
    }

    /// Every styles part of the Word files in ../shared/docx reads, and finds its headings.
    #[test]
    fn reads_every_shared_docx() {
        let files = testing::shared_docx();
        let mut headings = 0;
        for (name, parts) in &files {
            if let Some(xml) = parts.get(PART) {
                let s = Styles::parse(xml).unwrap_or_else(|e| panic!("{name}: {e}"));
                headings += s.all.iter().filter(|s| s.heading.is_some()).count();
            }
        }
        assert!(headings > 0);
    }
}

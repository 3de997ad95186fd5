//! The package around the body: the parts docx-rs writes (styles, numbering, settings,
//! footers, properties), each docx-rs gap closed by one small function named after it, and
//! the zip they go into with the body that [`crate::write::docx::wml`] writes. None of these
//! parts grows with the document, so reading one back into a small tree costs nothing that
//! the body's length decides.
//!
//! - [`fix_child_order`]: docx-rs writes `w:pPr`, `w:rPr`, `w:sectPr` and `w:style` children in
//!   an order the OOXML schema forbids (its issue #724; Word offers to "recover" the file).
//! - [`add_first_line_chars`]: docx-rs stores `first_line_chars` but never writes
//!   `w:firstLineChars`.
//! - [`set_language`] and [`strip_theme_fonts`]: docx-rs has no `w:lang`; theme font attributes
//!   would override the explicit faces.
//! - [`core_xml`]: docx-rs cannot set the title, creator or description in `docProps/core.xml`.
//! - [`font_table_xml`]: docx-rs writes a fixed font table, without the fallbacks (`w:altName`).
//! - [`ensure_even_and_odd_headers`]: odd and even footers need `w:evenAndOddHeaders`.
//! - [`add_media_content_types`]: docx-rs's content types lack the metafiles' (`emf`, `wmf`).
//! - [`theme_xml`]: docx-rs writes no theme part.

use super::fonts;
use super::DocxOptions;
use crate::tree::Meta;
use crate::Error;
use quick_xml::events::{BytesStart, Event};
use quick_xml::Reader;
use std::io::{Cursor, Write};

/// A node of a small XML tree; text and other events are kept as written (already escaped).
#[derive(Clone, Debug, PartialEq)]
pub enum Node {
    /// An element.
    Elem(Elem),
    /// Raw markup or escaped text, written back as is.
    Raw(String),
}

/// An element: name, attributes (escaped values, in order), children.
#[derive(Clone, Debug, PartialEq, Default)]
pub struct Elem {
    /// Qualified name (`w:pPr`).
    pub name: String,
    /// Attributes as written.
    pub attrs: Vec<(String, String)>,
    /// Children.
    pub children: Vec<Node>,
}

/// A parsed part: the prolog and the root element.
#[derive(Clone, Debug, PartialEq)]
pub struct XmlPart {
    /// Everything before the root element.
    pub prolog: String,
    /// The root element.
    pub root: Elem,
}

/// A part docx-rs wrote that could not be read back.
fn xml_error(e: impl std::fmt::Display) -> Error {
    Error::DocxWrite {
        reason: format!("cannot post-process DOCX: {e}"),
    }
}

/// Packing or re-packing the zip failed.
pub(crate) fn zip_error(e: impl std::fmt::Display) -> Error {
    Error::DocxWrite {
        reason: format!("cannot pack DOCX: {e}"),
    }
}

fn start_elem(s: &BytesStart) -> Result<Elem, Error> {
    let name = String::from_utf8_lossy(s.name().as_ref()).into_owned();
    let mut attrs = Vec::new();
    for a in s.attributes().with_checks(false) {
        let a = a.map_err(|e| xml_error(e.to_string()))?;
        attrs.push((
            String::from_utf8_lossy(a.key.as_ref()).into_owned(),
            String::from_utf8_lossy(&a.value).into_owned(),
        ));
    }
    Ok(Elem {
        name,
        attrs,
        children: Vec::new(),
    })
}

/// Parse a part into a tree.
pub fn parse_xml(xml: &str) -> Result<XmlPart, Error> {
    let mut r = Reader::from_str(xml);
    let mut prolog = String::new();
    let mut stack: Vec<Elem> = Vec::new();
    let mut root: Option<Elem> = None;
    loop {
        let ev = r.read_event().map_err(|e| xml_error(e.to_string()))?;
        match ev {
            Event::Eof => break,
            Event::Start(s) => stack.push(start_elem(&s)?),
            Event::Empty(s) => {
                let e = start_elem(&s)?;
                match stack.last_mut() {
                    Some(p) => p.children.push(Node::Elem(e)),
                    None => root = Some(e),
                }
            }
            Event::End(_) => {
                let e = stack.pop().ok_or_else(|| xml_error("unbalanced end tag"))?;
                match stack.last_mut() {
                    Some(p) => p.children.push(Node::Elem(e)),
                    None => root = Some(e),
                }
            }
            other => {
                let raw = raw_event(&other);
                match stack.last_mut() {
                    Some(p) => p.children.push(Node::Raw(raw)),
                    None if root.is_none() => prolog.push_str(&raw),
                    None => {}
                }
            }
        }
    }
    let root = root.ok_or_else(|| xml_error("no root element"))?;
    Ok(XmlPart { prolog, root })
}

fn raw_event(e: &Event) -> String {
    match e {
        Event::Text(t) => String::from_utf8_lossy(t.as_ref()).into_owned(),
        Event::CData(t) => format!("<![CDATA[{}]]>", String::from_utf8_lossy(t.as_ref())),
        Event::Comment(t) => format!("<!--{}-->", String::from_utf8_lossy(t.as_ref())),
        Event::Decl(d) => format!("<?{}?>", String::from_utf8_lossy(d.as_ref())),
        Event::PI(p) => format!("<?{}?>", String::from_utf8_lossy(p.as_ref())),
        Event::DocType(d) => format!("<!DOCTYPE {}>", String::from_utf8_lossy(d.as_ref())),
        _ => String::new(),
    }
}

impl Elem {
    /// A new element with attributes.
    pub fn new(name: &str, attrs: &[(&str, &str)]) -> Elem {
        Elem {
            name: name.into(),
            attrs: attrs
                .iter()
                .map(|(k, v)| (k.to_string(), v.to_string()))
                .collect(),
            children: Vec::new(),
        }
    }

    /// An attribute's value.
    pub fn attr(&self, k: &str) -> Option<&str> {
        self.attrs
            .iter()
            .find(|(a, _)| a == k)
            .map(|(_, v)| v.as_str())
    }

    /// Set (or add) an attribute.
    pub fn set_attr(&mut self, k: &str, v: &str) {
        match self.attrs.iter_mut().find(|(a, _)| a == k) {
            Some(slot) => slot.1 = v.into(),
            None => self.attrs.push((k.into(), v.into())),
        }
    }

    /// Child elements.
    pub fn elems(&self) -> impl Iterator<Item = &Elem> {
        self.children.iter().filter_map(|n| match n {
            Node::Elem(e) => Some(e),
            Node::Raw(_) => None,
        })
    }

    /// The first child element with this name, mutably.
    pub fn child_mut(&mut self, name: &str) -> Option<&mut Elem> {
        self.children.iter_mut().find_map(|n| match n {
            Node::Elem(e) if e.name == name => Some(e),
            _ => None,
        })
    }

    /// Visit this element and every descendant, depth first.
    pub fn visit_mut(&mut self, f: &mut impl FnMut(&mut Elem)) {
        f(self);
        for c in &mut self.children {
            if let Node::Elem(e) = c {
                e.visit_mut(f);
            }
        }
    }

    fn write_to(&self, out: &mut String) {
        out.push('<');
        out.push_str(&self.name);
        for (k, v) in &self.attrs {
            out.push(' ');
            out.push_str(k);
            out.push_str("=\"");
            out.push_str(v);
            out.push('"');
        }
        if self.children.is_empty() {
            out.push_str("/>");
            return;
        }
        out.push('>');
        for c in &self.children {
            match c {
                Node::Elem(e) => e.write_to(out),
                Node::Raw(r) => out.push_str(r),
            }
        }
        out.push_str("</");
        out.push_str(&self.name);
        out.push('>');
    }
}

impl XmlPart {
    /// Serialise.
    pub fn to_xml(&self) -> String {
        let mut s = String::with_capacity(1024);
        s.push_str(&self.prolog);
        self.root.write_to(&mut s);
        s
    }
}

/// Schema order (ECMA-376 transitional, CT_PPrBase + CT_PPr).
const PPR_ORDER: &[&str] = &[
    "w:pStyle",
    "w:keepNext",
    "w:keepLines",
    "w:pageBreakBefore",
    "w:framePr",
    "w:widowControl",
    "w:numPr",
    "w:suppressLineNumbers",
    "w:pBdr",
    "w:shd",
    "w:tabs",
    "w:suppressAutoHyphens",
    "w:kinsoku",
    "w:wordWrap",
    "w:overflowPunct",
    "w:topLinePunct",
    "w:autoSpaceDE",
    "w:autoSpaceDN",
    "w:bidi",
    "w:adjustRightInd",
    "w:snapToGrid",
    "w:spacing",
    "w:ind",
    "w:contextualSpacing",
    "w:mirrorIndents",
    "w:suppressOverlap",
    "w:jc",
    "w:textDirection",
    "w:textAlignment",
    "w:textboxTightWrap",
    "w:outlineLvl",
    "w:divId",
    "w:cnfStyle",
    "w:rPr",
    "w:sectPr",
    "w:pPrChange",
];
/// Schema order (CT_RPr: EG_RPrBase then w:rPrChange; paragraph-mark revisions first).
const RPR_ORDER: &[&str] = &[
    "w:ins",
    "w:del",
    "w:moveFrom",
    "w:moveTo",
    "w:rStyle",
    "w:rFonts",
    "w:b",
    "w:bCs",
    "w:i",
    "w:iCs",
    "w:caps",
    "w:smallCaps",
    "w:strike",
    "w:dstrike",
    "w:outline",
    "w:shadow",
    "w:emboss",
    "w:imprint",
    "w:noProof",
    "w:snapToGrid",
    "w:vanish",
    "w:webHidden",
    "w:color",
    "w:spacing",
    "w:w",
    "w:kern",
    "w:position",
    "w:sz",
    "w:szCs",
    "w:highlight",
    "w:u",
    "w:effect",
    "w:bdr",
    "w:shd",
    "w:fitText",
    "w:vertAlign",
    "w:rtl",
    "w:cs",
    "w:em",
    "w:lang",
    "w:eastAsianLayout",
    "w:specVanish",
    "w:oMath",
    "w:rPrChange",
];
/// Schema order (CT_SectPr); header and footer references come first, in any order.
const SECTPR_ORDER: &[&str] = &[
    "w:headerReference|w:footerReference",
    "w:footnotePr",
    "w:endnotePr",
    "w:type",
    "w:pgSz",
    "w:pgMar",
    "w:paperSrc",
    "w:pgBorders",
    "w:lnNumType",
    "w:pgNumType",
    "w:cols",
    "w:formProt",
    "w:vAlign",
    "w:noEndnote",
    "w:titlePg",
    "w:textDirection",
    "w:bidi",
    "w:rtlGutter",
    "w:docGrid",
    "w:printerSettings",
    "w:sectPrChange",
];
/// Schema order (CT_Style).
const STYLE_ORDER: &[&str] = &[
    "w:name",
    "w:aliases",
    "w:basedOn",
    "w:next",
    "w:link",
    "w:autoRedefine",
    "w:hidden",
    "w:uiPriority",
    "w:semiHidden",
    "w:unhideWhenUsed",
    "w:qFormat",
    "w:locked",
    "w:personal",
    "w:personalCompose",
    "w:personalReply",
    "w:rsid",
    "w:pPr",
    "w:rPr",
    "w:tblPr",
    "w:trPr",
    "w:tcPr",
    "w:tblStylePr",
];
/// Schema order (CT_PBdr).
const PBDR_ORDER: &[&str] = &[
    "w:top",
    "w:left",
    "w:start",
    "w:bottom",
    "w:right",
    "w:end",
    "w:between",
    "w:bar",
];

/// Schema order (CT_Settings), the elements docx-rs or we may write.
const SETTINGS_ORDER: &[&str] = &[
    "w:writeProtection",
    "w:view",
    "w:zoom",
    "w:removePersonalInformation",
    "w:removeDateAndTime",
    "w:doNotDisplayPageBoundaries",
    "w:displayBackgroundShape",
    "w:printPostScriptOverText",
    "w:printFractionalCharacterWidth",
    "w:printFormsData",
    "w:embedTrueTypeFonts",
    "w:embedSystemFonts",
    "w:saveSubsetFonts",
    "w:saveFormsData",
    "w:mirrorMargins",
    "w:alignBordersAndEdges",
    "w:bordersDoNotSurroundHeader",
    "w:bordersDoNotSurroundFooter",
    "w:gutterAtTop",
    "w:hideSpellingErrors",
    "w:hideGrammaticalErrors",
    "w:activeWritingStyle",
    "w:proofState",
    "w:formsDesign",
    "w:attachedTemplate",
    "w:linkStyles",
    "w:stylePaneFormatFilter",
    "w:stylePaneSortMethod",
    "w:documentType",
    "w:mailMerge",
    "w:revisionView",
    "w:trackRevisions",
    "w:doNotTrackMoves",
    "w:doNotTrackFormatting",
    "w:documentProtection",
    "w:autoFormatOverride",
    "w:styleLockTheme",
    "w:styleLockQFSet",
    "w:defaultTabStop",
    "w:autoHyphenation",
    "w:consecutiveHyphenLimit",
    "w:hyphenationZone",
    "w:doNotHyphenateCaps",
    "w:showEnvelope",
    "w:summaryLength",
    "w:clickAndTypeStyle",
    "w:defaultTableStyle",
    "w:evenAndOddHeaders",
    "w:bookFoldRevPrinting",
    "w:bookFoldPrinting",
    "w:bookFoldPrintingSheets",
    "w:drawingGridHorizontalSpacing",
    "w:drawingGridVerticalSpacing",
    "w:displayHorizontalDrawingGridEvery",
    "w:displayVerticalDrawingGridEvery",
    "w:doNotUseMarginsForDrawingGridOrigin",
    "w:drawingGridHorizontalOrigin",
    "w:drawingGridVerticalOrigin",
    "w:doNotShadeFormData",
    "w:noPunctuationKerning",
    "w:characterSpacingControl",
    "w:printTwoOnOne",
    "w:strictFirstAndLastChars",
    "w:noLineBreaksAfter",
    "w:noLineBreaksBefore",
    "w:savePreviewPicture",
    "w:doNotValidateAgainstSchema",
    "w:saveInvalidXml",
    "w:ignoreMixedContent",
    "w:alwaysShowPlaceholderText",
    "w:doNotDemarcateInvalidXml",
    "w:saveXmlDataOnly",
    "w:useXSLTransform",
    "w:saveThroughXslt",
    "w:showXMLTags",
    "w:alwaysMergeEmptyNamespace",
    "w:updateFields",
    "w:hdrShapeDefaults",
    "w:footnotePr",
    "w:endnotePr",
    "w:compat",
    "w:docVars",
    "w:rsids",
    "m:mathPr",
    "w:attachedSchema",
    "w:themeFontLang",
    "w:clrSchemeMapping",
    "w:doNotIncludeSubdocsInStats",
    "w:doNotAutoCompressPictures",
    "w:forceUpgrade",
    "w:captions",
    "w:readModeInkLockDown",
    "w:smartTagType",
    "sl:schemaLibrary",
    "w:shapeDefaults",
    "w:doNotEmbedSmartTags",
    "w:decimalSymbol",
    "w:listSeparator",
];

/// Schema order (CT_TblPr).
const TBLPR_ORDER: &[&str] = &[
    "w:tblStyle",
    "w:tblpPr",
    "w:tblOverlap",
    "w:bidiVisual",
    "w:tblStyleRowBandSize",
    "w:tblStyleColBandSize",
    "w:tblW",
    "w:jc",
    "w:tblCellSpacing",
    "w:tblInd",
    "w:tblBorders",
    "w:shd",
    "w:tblLayout",
    "w:tblCellMar",
    "w:tblLook",
    "w:tblCaption",
    "w:tblDescription",
    "w:tblPrChange",
];
/// Schema order (CT_TcPr).
const TCPR_ORDER: &[&str] = &[
    "w:cnfStyle",
    "w:tcW",
    "w:gridSpan",
    "w:hMerge",
    "w:vMerge",
    "w:tcBorders",
    "w:shd",
    "w:noWrap",
    "w:tcMar",
    "w:textDirection",
    "w:tcFitText",
    "w:vAlign",
    "w:hideMark",
    "w:headers",
    "w:cellIns",
    "w:cellDel",
    "w:cellMerge",
    "w:tcPrChange",
];

fn order_for(name: &str) -> Option<&'static [&'static str]> {
    match name {
        "w:tblPr" => Some(TBLPR_ORDER),
        "w:tcPr" => Some(TCPR_ORDER),
        "w:settings" => Some(SETTINGS_ORDER),
        "w:pPr" => Some(PPR_ORDER),
        "w:rPr" => Some(RPR_ORDER),
        "w:sectPr" => Some(SECTPR_ORDER),
        "w:style" => Some(STYLE_ORDER),
        "w:pBdr" => Some(PBDR_ORDER),
        _ => None,
    }
}

fn rank(order: &[&str], name: &str) -> usize {
    order
        .iter()
        .position(|o| o.split('|').any(|n| n == name))
        .unwrap_or(order.len())
}

/// docx-rs gap (its issue #724): children of `w:pPr`, `w:rPr`, `w:sectPr`, `w:style`,
/// `w:pBdr`, `w:tblPr` and `w:tcPr` come out of schema order, and Word offers to "recover" the file. A stable sort by
/// the schema's sequence puts them back; whitespace between them is dropped.
pub fn fix_child_order(part: &mut XmlPart) {
    part.root.visit_mut(&mut |e| {
        if let Some(order) = order_for(&e.name) {
            let mut kids: Vec<Node> = std::mem::take(&mut e.children)
                .into_iter()
                .filter(|n| !matches!(n, Node::Raw(r) if r.trim().is_empty()))
                .collect();
            kids.sort_by_key(|n| match n {
                Node::Elem(c) => rank(order, &c.name),
                Node::Raw(_) => order.len(),
            });
            e.children = kids;
        }
    });
}

/// docx-rs gap: in `styles.xml` and `numbering.xml` it writes run properties inside the
/// paragraph properties (`w:style/w:pPr/w:rPr`, `w:lvl/w:pPr/w:rPr`, an empty one in
/// `w:pPrDefault`), where the schema (CT_PPrGeneral) has no `w:rPr`. They move to the style's
/// (or level's) own `w:rPr`, whose settings win; empty ones are dropped.
pub fn hoist_run_properties(part: &mut XmlPart) {
    part.root.visit_mut(&mut |e| {
        if !matches!(e.name.as_str(), "w:style" | "w:lvl" | "w:pPrDefault") {
            return;
        }
        let mut moved: Vec<Node> = Vec::new();
        for n in &mut e.children {
            if let Node::Elem(ppr) = n {
                if ppr.name == "w:pPr" {
                    let (rpr, rest): (Vec<Node>, Vec<Node>) = std::mem::take(&mut ppr.children)
                        .into_iter()
                        .partition(|c| matches!(c, Node::Elem(x) if x.name == "w:rPr"));
                    ppr.children = rest;
                    for r in rpr {
                        if let Node::Elem(r) = r {
                            moved.extend(r.children);
                        }
                    }
                }
            }
        }
        moved.retain(|n| matches!(n, Node::Elem(_)));
        if moved.is_empty() || e.name == "w:pPrDefault" {
            return;
        }
        if e.child_mut("w:rPr").is_none() {
            e.children.push(Node::Elem(Elem::new("w:rPr", &[])));
        }
        if let Some(own) = e.child_mut("w:rPr") {
            for m in moved {
                let Node::Elem(m) = m else { continue };
                if !own.elems().any(|x| x.name == m.name) {
                    own.children.push(Node::Elem(m));
                }
            }
        }
    });
}

/// docx-rs gap: `Styles::new()` already holds a bare `Normal` style, so adding a full one
/// duplicates the style id. The last definition of each id wins, as in docx-rs's intent.
pub fn dedupe_styles(styles: &mut XmlPart) {
    let mut seen = std::collections::HashSet::new();
    let mut kids = std::mem::take(&mut styles.root.children);
    kids.reverse();
    kids.retain(|n| match n {
        Node::Elem(e) if e.name == "w:style" => {
            let key = (
                e.attr("w:type").map(str::to_string),
                e.attr("w:styleId").map(str::to_string),
            );
            seen.insert(key)
        }
        _ => true,
    });
    kids.reverse();
    styles.root.children = kids;
}

/// docx-rs gap: `first_line_chars` is stored but `w:firstLineChars` is never written. Every
/// `w:ind` whose `w:firstLine` equals the body indent in twips gets `w:firstLineChars`.
pub fn add_first_line_chars(part: &mut XmlPart, first_line_twips: i32, chars: i32) {
    let twips = first_line_twips.to_string();
    let chars = chars.to_string();
    part.root.visit_mut(&mut |e| {
        if e.name == "w:ind"
            && e.attr("w:firstLine") == Some(twips.as_str())
            && e.attr("w:firstLineChars").is_none()
        {
            e.set_attr("w:firstLineChars", &chars);
        }
    });
}

/// docx-rs gap: no `w:lang`. The document defaults get `zh-CN` for Latin and East Asian text.
pub fn set_language(styles: &mut XmlPart, lang: &str) {
    let Some(defaults) = styles.root.child_mut("w:docDefaults") else {
        return;
    };
    if defaults.child_mut("w:rPrDefault").is_none() {
        defaults
            .children
            .insert(0, Node::Elem(Elem::new("w:rPrDefault", &[])));
    }
    let Some(rpr_default) = defaults.child_mut("w:rPrDefault") else {
        return;
    };
    if rpr_default.child_mut("w:rPr").is_none() {
        rpr_default
            .children
            .push(Node::Elem(Elem::new("w:rPr", &[])));
    }
    let Some(rpr) = rpr_default.child_mut("w:rPr") else {
        return;
    };
    rpr.children
        .retain(|n| !matches!(n, Node::Elem(e) if e.name == "w:lang"));
    rpr.children.push(Node::Elem(Elem::new(
        "w:lang",
        &[("w:val", lang), ("w:eastAsia", lang), ("w:bidi", "ar-SA")],
    )));
}

/// Theme font attributes override explicit faces (fact sheet §11); remove any.
pub fn strip_theme_fonts(part: &mut XmlPart) {
    part.root.visit_mut(&mut |e| {
        if e.name == "w:rFonts" {
            e.attrs.retain(|(k, _)| !k.ends_with("Theme"));
        }
    });
}

/// docx-rs sets `w:evenAndOddHeaders` when an even footer is added; make sure it is there.
pub fn ensure_even_and_odd_headers(settings: &mut XmlPart) {
    if settings
        .root
        .elems()
        .any(|e| e.name == "w:evenAndOddHeaders")
    {
        return;
    }
    // CT_Settings order: it follows w:mirrorMargins/w:alignBordersAndEdges…; putting it after
    // w:defaultTabStop keeps the sequence valid for what docx-rs writes.
    let at = settings
        .root
        .children
        .iter()
        .position(|n| matches!(n, Node::Elem(e) if e.name == "w:defaultTabStop"))
        .map(|i| i + 1)
        .unwrap_or(0);
    settings
        .root
        .children
        .insert(at, Node::Elem(Elem::new("w:evenAndOddHeaders", &[])));
}

/// The extension a picture that is not a PNG gets, by its first bytes (docx-rs's content types
/// list `jpeg`, `gif` and `bmp`; [`add_media_content_types`] adds `emf` and `wmf`).
pub(crate) fn media_extension(head: &[u8]) -> Option<&'static str> {
    if let Some(m) = super::image::metafile_kind(head) {
        Some(m.content_type().0)
    } else if head.starts_with(&[0xff, 0xd8, 0xff]) {
        Some("jpeg")
    } else if head.starts_with(b"GIF8") {
        Some("gif")
    } else if head.starts_with(b"BM") {
        Some("bmp")
    } else {
        None
    }
}

/// docx-rs gap: its `[Content_Types].xml` has no `emf` or `wmf`. A `Default` for each
/// metafile extension among `exts` the list does not have yet.
pub fn add_media_content_types<'a>(xml: &str, exts: impl IntoIterator<Item = &'a str>) -> String {
    let exts: Vec<&str> = exts.into_iter().collect();
    let mut out = xml.to_string();
    for m in [super::image::Metafile::Emf, super::image::Metafile::Wmf] {
        let (ext, ty) = m.content_type();
        let listed = format!("Extension=\"{ext}\"");
        if !exts.contains(&ext) || out.contains(&listed) {
            continue;
        }
        out = out.replacen(
            "</Types>",
            &format!("<Default {listed} ContentType=\"{ty}\"/></Types>"),
            1,
        );
    }
    out
}

/// What goes into `docProps/core.xml`.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct CoreProps {
    /// dc:title.
    pub title: Option<String>,
    /// dc:creator.
    pub creator: Option<String>,
    /// dc:description.
    pub description: Option<String>,
}

impl CoreProps {
    /// Title, author and a description from the document's metadata (source metadata of a
    /// preview page included).
    pub fn from_meta(m: &Meta) -> CoreProps {
        let s = &m.source;
        let mut desc = Vec::new();
        if let Some(c) = &s.catalogue_code {
            desc.push(format!("编号：{c}"));
        }
        if let Some(t) = &s.listing_title {
            desc.push(format!("题名：{t}"));
        }
        if let Some(c) = &s.category {
            desc.push(format!("分类：{c}"));
        }
        if let Some(n) = s.declared_chars {
            desc.push(format!("全文字数：{n}"));
        }
        if let Some(n) = s.declared_pages {
            desc.push(format!("页数：{n}"));
        }
        if let Some(d) = &m.doc_number {
            desc.push(format!("发文字号：{d}"));
        }
        if let Some(d) = &m.date {
            desc.push(format!("日期：{d}"));
        }
        CoreProps {
            title: m.title.clone(),
            creator: m
                .author
                .clone()
                .or_else(|| s.author.clone())
                .or_else(|| m.signatory.clone()),
            description: (!desc.is_empty()).then(|| desc.join("；")),
        }
    }
}

/// `s` escaped for XML, its forbidden characters made visible signs.
fn esc(s: &str) -> String {
    quick_xml::escape::escape(super::xml_text::plain(s).as_ref()).into_owned()
}

/// docx-rs gap: it cannot set the title, creator or description. The whole core part is
/// written here.
pub fn core_xml(p: &CoreProps) -> String {
    let mut s = String::from(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" xmlns:dcmitype="http://purl.org/dc/dcmitype/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">"#,
    );
    if let Some(t) = &p.title {
        s.push_str(&format!("<dc:title>{}</dc:title>", esc(t)));
    }
    if let Some(c) = &p.creator {
        s.push_str(&format!("<dc:creator>{}</dc:creator>", esc(c)));
    }
    if let Some(d) = &p.description {
        s.push_str(&format!("<dc:description>{}</dc:description>", esc(d)));
    }
    s.push_str("<dc:language>zh-CN</dc:language>");
    s.push_str("</cp:coreProperties>");
    s
}

/// docx-rs gap: its font table lists fixed Latin fonts. Ours lists every face with its
/// fallback as `w:altName` and the GB2312 charset, so Word substitutes 仿宋, 楷体, 黑体.
pub fn font_table_xml(profile: fonts::FontProfile) -> String {
    let mut s = String::from(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:fonts xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">"#,
    );
    for f in fonts::all(profile) {
        s.push_str(&format!("<w:font w:name=\"{}\">", esc(f.name)));
        if let Some(alt) = f.fallback {
            s.push_str(&format!("<w:altName w:val=\"{}\"/>", esc(alt)));
        }
        s.push_str(
            "<w:charset w:val=\"86\"/><w:family w:val=\"modern\"/><w:pitch w:val=\"fixed\"/></w:font>",
        );
        // the fallback under its own and its Latin name, so both resolve
        for name in f.fallback.into_iter().chain([f.latin]) {
            if name != f.name && !s.contains(&format!("w:name=\"{name}\"")) {
                s.push_str(&format!(
                    "<w:font w:name=\"{}\"><w:charset w:val=\"86\"/><w:family w:val=\"modern\"/><w:pitch w:val=\"fixed\"/></w:font>",
                    esc(name)
                ));
            }
        }
    }
    s.push_str("</w:fonts>");
    s
}

/// Where the theme part goes.
pub const THEME_PART: &str = "word/theme/theme1.xml";

/// docx-rs gap: it writes no theme, and Word requires the document's theme relationship. A
/// minimal theme whose font scheme names the body and heading faces.
pub fn theme_xml(profile: fonts::FontProfile) -> String {
    let solid = r#"<a:solidFill><a:schemeClr val="phClr"/></a:solidFill>"#;
    let accents = ["4472C4", "ED7D31", "A5A5A5", "FFC000", "5B9BD5", "70AD47"];
    let mut s = String::from(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<a:theme xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" name="gongwen"><a:themeElements><a:clrScheme name="gongwen"><a:dk1><a:sysClr val="windowText" lastClr="000000"/></a:dk1><a:lt1><a:sysClr val="window" lastClr="FFFFFF"/></a:lt1><a:dk2><a:srgbClr val="44546A"/></a:dk2><a:lt2><a:srgbClr val="E7E6E6"/></a:lt2>"#,
    );
    for (i, c) in accents.iter().enumerate() {
        s.push_str(&format!(
            "<a:accent{n}><a:srgbClr val=\"{c}\"/></a:accent{n}>",
            n = i + 1
        ));
    }
    s.push_str(r#"<a:hlink><a:srgbClr val="0563C1"/></a:hlink><a:folHlink><a:srgbClr val="954F72"/></a:folHlink></a:clrScheme>"#);
    s.push_str(&format!(
        r#"<a:fontScheme name="gongwen"><a:majorFont><a:latin typeface="{h}"/><a:ea typeface="{h}"/><a:cs typeface=""/></a:majorFont><a:minorFont><a:latin typeface="{b}"/><a:ea typeface="{b}"/><a:cs typeface=""/></a:minorFont></a:fontScheme>"#,
        h = fonts::in_profile(fonts::HEITI, profile).name,
        b = fonts::in_profile(fonts::FANGSONG, profile).name
    ));
    s.push_str(r#"<a:fmtScheme name="gongwen"><a:fillStyleLst>"#);
    s.push_str(&solid.repeat(3));
    s.push_str("</a:fillStyleLst><a:lnStyleLst>");
    s.push_str(&format!(r#"<a:ln w="6350">{solid}</a:ln>"#).repeat(3));
    s.push_str("</a:lnStyleLst><a:effectStyleLst>");
    s.push_str(&"<a:effectStyle><a:effectLst/></a:effectStyle>".repeat(3));
    s.push_str("</a:effectStyleLst><a:bgFillStyleLst>");
    s.push_str(&solid.repeat(3));
    s.push_str("</a:bgFillStyleLst></a:fmtScheme></a:themeElements></a:theme>");
    s
}

/// Register the theme part's content type.
pub fn add_theme_content_type(xml: &str) -> String {
    if xml.contains("/word/theme/theme1.xml") {
        return xml.to_string();
    }
    xml.replacen(
        "</Types>",
        r#"<Override PartName="/word/theme/theme1.xml" ContentType="application/vnd.openxmlformats-officedocument.theme+xml"/></Types>"#,
        1,
    )
}

/// Relate the theme part to the document.
pub fn add_theme_relationship(xml: &str) -> String {
    if xml.contains("relationships/theme\"") {
        return xml.to_string();
    }
    xml.replacen(
        "</Relationships>",
        r#"<Relationship Id="rIdGongwenTheme" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/theme" Target="theme/theme1.xml"/></Relationships>"#,
        1,
    )
}

/// A part docx-rs wrote, transformed where a docx-rs gap needs it. Every part is of a size
/// that does not grow with the document: the body is written apart, by construction.
fn transform(
    name: &str,
    xml: &str,
    opts: &DocxOptions,
    props: &CoreProps,
) -> Result<String, Error> {
    let l = opts.layout();
    Ok(match name {
        "docProps/core.xml" => core_xml(props),
        "word/fontTable.xml" => font_table_xml(opts.fonts),
        "word/styles.xml" => {
            let mut p = parse_xml(xml)?;
            dedupe_styles(&mut p);
            hoist_run_properties(&mut p);
            strip_theme_fonts(&mut p);
            set_language(&mut p, "zh-CN");
            add_first_line_chars(
                &mut p,
                l.chars_to_twips(l.first_line_chars),
                l.first_line_chars,
            );
            fix_child_order(&mut p);
            p.to_xml()
        }
        "word/settings.xml" => {
            let mut p = parse_xml(xml)?;
            if l.page_number_sides {
                ensure_even_and_odd_headers(&mut p);
            }
            fix_child_order(&mut p);
            p.to_xml()
        }
        "word/numbering.xml" => {
            let mut p = parse_xml(xml)?;
            hoist_run_properties(&mut p);
            fix_child_order(&mut p);
            p.to_xml()
        }
        _ if name.starts_with("word/footer") || name.starts_with("word/header") => {
            let mut p = parse_xml(xml)?;
            strip_theme_fonts(&mut p);
            add_first_line_chars(
                &mut p,
                l.chars_to_twips(l.first_line_chars),
                l.first_line_chars,
            );
            fix_child_order(&mut p);
            p.to_xml()
        }
        _ => xml.to_string(),
    })
}

/// Deflate level of the zip: level 1 is several times faster than the default and costs a few
/// per cent in size on document text.
const DEFLATE_LEVEL: i64 = 1;

/// The namespaces of `word/footnotes.xml`.
const FOOTNOTES_OPEN: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:footnotes xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:footnote w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p></w:footnote><w:footnote w:type="continuationSeparator" w:id="0"><w:p><w:r><w:continuationSeparator/></w:r></w:p></w:footnote>"#;

/// The document part docx-rs writes for an empty body, split around where the body goes: its
/// root with the namespaces, and the section properties (page, margins, grid, footers) with
/// the closing tags. The section properties are put in schema order (docx-rs gap).
fn document_shell(xml: &str) -> Result<(String, String), Error> {
    let mut p = parse_xml(xml)?;
    fix_child_order(&mut p);
    let x = p.to_xml();
    let at = x
        .find("<w:body>")
        .map(|i| i + "<w:body>".len())
        .ok_or_else(|| xml_error("docx-rs wrote no w:body"))?;
    Ok((x[..at].to_string(), x[at..].to_string()))
}

/// The relationship of the footer without a page number, which the last section's pages
/// show when they are a blank page and the 版记's page (clause 7.5).
const NO_NUMBER_RID: &str = "rIdGongwenNoNumber";
/// Its part, under `word/`.
const NO_NUMBER_TARGET: &str = "footerNoNumber.xml";
/// Its XML: one empty paragraph.
const NO_NUMBER_FOOTER: &str = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:ftr xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:p/></w:ftr>"#;

/// The document's last section properties in `tail`, with every footer reference pointing
/// to the footer without a page number.
fn unnumbered(tail: &str) -> String {
    let mut out = String::with_capacity(tail.len());
    let mut rest = tail;
    while let Some(at) = rest.find("<w:footerReference ") {
        let end = rest[at..].find("/>").map_or(rest.len(), |e| at + e + 2);
        let el = &rest[at..end];
        out.push_str(&rest[..at]);
        let id = el
            .find("r:id=\"")
            .map(|i| i + 6)
            .and_then(|i| el[i..].find('"').map(|n| (i, i + n)));
        match id {
            Some((i, j)) => {
                out.push_str(&el[..i]);
                out.push_str(NO_NUMBER_RID);
                out.push_str(&el[j..]);
            }
            None => out.push_str(el),
        }
        rest = &rest[end..];
    }
    out.push_str(rest);
    out
}

/// The document's last section properties in `tail` with a first page of its own
/// (`w:titlePg`), whose footer shows no page number.
fn first_unnumbered(tail: &str) -> String {
    let mut out = tail.to_string();
    if let Some(at) = out.find("<w:sectPr>").map(|i| i + "<w:sectPr>".len()) {
        out.insert_str(
            at,
            &format!(r#"<w:footerReference w:type="first" r:id="{NO_NUMBER_RID}"/>"#),
        );
    }
    // CT_SectPr: titlePg after cols, before textDirection, bidi, rtlGutter and docGrid
    let before = out.find("<w:docGrid").or_else(|| out.find("</w:sectPr>"));
    if let Some(at) = before {
        out.insert_str(at, "<w:titlePg/>");
    }
    out
}

/// Add a relationship of the document part.
fn add_relationship(xml: &mut String, id: &str, kind: &str, target: &str) {
    let rel = format!(
        r#"<Relationship Id="{id}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/{kind}" Target="{target}"/>"#
    );
    *xml = xml.replacen("</Relationships>", &format!("{rel}</Relationships>"), 1);
}

/// Write the package: the parts docx-rs built for everything but the body, transformed where a
/// docx-rs gap needs it, and `word/document.xml`, whose body `body` writes straight into the
/// zip. Each part is deflated once.
/// `capacity` is what the zip is expected to take, so that it is not copied as it grows.
pub fn pack(
    xml: docx_rs::XMLDocx,
    opts: &DocxOptions,
    props: &CoreProps,
    capacity: usize,
    body: impl FnOnce(&mut dyn Write, &str) -> std::io::Result<super::document::Body>,
) -> Result<(Vec<u8>, super::document::Body), Error> {
    let zerr = |e: zip::result::ZipError| zip_error(e);
    let ioerr = |e: std::io::Error| zip_error(e);
    let utf8 = |b: &[u8]| String::from_utf8_lossy(b).into_owned();
    let (head, tail) = document_shell(&utf8(&xml.document))?;
    let mut zout = zip::ZipWriter::new(Cursor::new(Vec::with_capacity(capacity)));
    let fo = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated)
        .compression_level(Some(DEFLATE_LEVEL));
    zout.start_file("word/document.xml", fo).map_err(zerr)?;
    zout.write_all(head.as_bytes()).map_err(ioerr)?;
    let section = tail
        .find("</w:sectPr>")
        .map_or("", |e| &tail[..e + "</w:sectPr>".len()]);
    let written = body(&mut zout, section).map_err(ioerr)?;
    let mut tail = if written.unnumbered_tail {
        unnumbered(&tail)
    } else {
        tail
    };
    if written.unnumbered_first {
        tail = first_unnumbered(&tail);
    }
    zout.write_all(tail.as_bytes()).map_err(ioerr)?;

    let has_notes = !written.footnotes.is_empty();
    let mut types = add_theme_content_type(&utf8(&xml.content_type));
    types = add_media_content_types(
        &types,
        written
            .media
            .iter()
            .filter_map(|m| m.name.rsplit_once('.').map(|(_, e)| e)),
    );
    if has_notes && !types.contains("/word/footnotes.xml") {
        types = types.replacen(
            "</Types>",
            r#"<Override PartName="/word/footnotes.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.footnotes+xml"/></Types>"#,
            1,
        );
    }
    let mut rels = add_theme_relationship(&utf8(&xml.document_rels));
    if has_notes && !rels.contains("relationships/footnotes\"") {
        add_relationship(
            &mut rels,
            "rIdGongwenFootnotes",
            "footnotes",
            "footnotes.xml",
        );
    }
    for m in &written.media {
        add_relationship(&mut rels, &m.rid, "image", &format!("media/{}", m.name));
    }
    if written.unnumbered_tail || written.unnumbered_first {
        add_relationship(&mut rels, NO_NUMBER_RID, "footer", NO_NUMBER_TARGET);
        types = types.replacen(
            "</Types>",
            &format!(r#"<Override PartName="/word/{NO_NUMBER_TARGET}" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.footer+xml"/></Types>"#),
            1,
        );
    }
    let mut parts: Vec<(String, String)> = vec![
        ("[Content_Types].xml".into(), types),
        ("_rels/.rels".into(), utf8(&xml.rels)),
        ("docProps/app.xml".into(), utf8(&xml.doc_props.app)),
        ("docProps/core.xml".into(), String::new()),
        ("docProps/custom.xml".into(), utf8(&xml.doc_props.custom)),
        ("word/_rels/document.xml.rels".into(), rels),
        ("word/styles.xml".into(), utf8(&xml.styles)),
        ("word/settings.xml".into(), utf8(&xml.settings)),
        ("word/fontTable.xml".into(), String::new()),
        ("word/comments.xml".into(), utf8(&xml.comments)),
        ("word/numbering.xml".into(), utf8(&xml.numberings)),
        (
            "word/commentsExtended.xml".into(),
            utf8(&xml.comments_extended),
        ),
    ];
    for (i, h) in xml.headers.iter().enumerate() {
        parts.push((format!("word/header{}.xml", i + 1), utf8(h)));
    }
    for (i, f) in xml.footers.iter().enumerate() {
        parts.push((format!("word/footer{}.xml", i + 1), utf8(f)));
    }
    for (name, x) in parts {
        let out = transform(&name, &x, opts, props)?;
        zout.start_file(name, fo).map_err(zerr)?;
        zout.write_all(out.as_bytes()).map_err(ioerr)?;
    }
    if written.unnumbered_tail || written.unnumbered_first {
        zout.start_file(format!("word/{NO_NUMBER_TARGET}"), fo)
            .map_err(zerr)?;
        zout.write_all(NO_NUMBER_FOOTER.as_bytes()).map_err(ioerr)?;
    }
    if has_notes {
        zout.start_file("word/footnotes.xml", fo).map_err(zerr)?;
        zout.write_all(FOOTNOTES_OPEN.as_bytes()).map_err(ioerr)?;
        zout.write_all(&written.footnotes).map_err(ioerr)?;
        zout.write_all(b"</w:footnotes>").map_err(ioerr)?;
    }
    // docx-rs gap: no theme part, which Word's schema check requires
    zout.start_file(THEME_PART, fo).map_err(zerr)?;
    zout.write_all(theme_xml(opts.fonts).as_bytes())
        .map_err(ioerr)?;
    for m in &written.media {
        zout.start_file(format!("word/media/{}", m.name), fo)
            .map_err(zerr)?;
        zout.write_all(&m.bytes).map_err(ioerr)?;
    }
    let out = zout.finish().map_err(zerr)?;
    Ok((out.into_inner(), written))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn example_module() {
        use crate::write::docx::postprocess::{fix_child_order, parse_xml};
        let mut x =
            parse_xml(r#"<w:rPr><w:sz w:val="32"/><w:rFonts w:ascii="A"/></w:rPr>"#).unwrap();
        fix_child_order(&mut x);
        assert_eq!(
            x.to_xml(),
            r#"<w:rPr><w:rFonts w:ascii="A"/><w:sz w:val="32"/></w:rPr>"#
        );
    }

    fn round(xml: &str, f: impl FnOnce(&mut XmlPart)) -> String {
        let mut p = parse_xml(xml).unwrap();
        f(&mut p);
        p.to_xml()
    }

    #[test]
    fn style_run_properties_leave_the_paragraph_properties() {
        let x = round(
            r#"<w:styles><w:style w:styleId="A"><w:pPr><w:jc w:val="center"/><w:rPr><w:b/><w:sz w:val="1"/></w:rPr></w:pPr><w:rPr><w:sz w:val="2"/></w:rPr></w:style></w:styles>"#,
            hoist_run_properties,
        );
        assert_eq!(
            x,
            r#"<w:styles><w:style w:styleId="A"><w:pPr><w:jc w:val="center"/></w:pPr><w:rPr><w:sz w:val="2"/><w:b/></w:rPr></w:style></w:styles>"#
        );
    }

    #[test]
    fn duplicate_styles_keep_the_last() {
        let x = round(
            r#"<w:styles><w:style w:type="paragraph" w:styleId="Normal"><w:name w:val="a"/></w:style><w:style w:type="paragraph" w:styleId="Normal"><w:name w:val="b"/></w:style></w:styles>"#,
            dedupe_styles,
        );
        assert_eq!(
            x,
            r#"<w:styles><w:style w:type="paragraph" w:styleId="Normal"><w:name w:val="b"/></w:style></w:styles>"#
        );
    }

    #[test]
    fn theme_is_registered_once() {
        let t = add_theme_content_type("<Types></Types>");
        assert_eq!(add_theme_content_type(&t), t);
        assert!(t.contains("theme+xml"));
        let r = add_theme_relationship("<Relationships></Relationships>");
        assert_eq!(add_theme_relationship(&r), r);
        assert!(parse_xml(&theme_xml(Default::default())).is_ok());
    }

    #[test]
    fn metafiles_get_their_extension_and_content_type() {
        let mut emf = vec![1, 0, 0, 0];
        emf.resize(40, 0);
        emf.extend(b" EMF");
        let wmf = [0xd7, 0xcd, 0xc6, 0x9a, 0, 0];
        assert_eq!(media_extension(&emf), Some("emf"));
        assert_eq!(media_extension(&wmf), Some("wmf"));
        assert_eq!(media_extension(b"\xff\xd8\xff\xe0"), Some("jpeg"));
        assert_eq!(media_extension(b"\x89PNG"), None);
        let types = r#"<Types><Default Extension="png" ContentType="image/png"/></Types>"#;
        let t = add_media_content_types(types, ["wmf", "jpeg"]);
        assert!(t.contains(r#"<Default Extension="wmf" ContentType="image/x-wmf"/>"#));
        assert!(!t.contains("x-emf"));
        // listed once
        assert_eq!(add_media_content_types(&t, ["wmf"]), t);
    }

    #[test]
    fn ppr_children_are_put_in_schema_order() {
        let x = round(
            r#"<w:p><w:pPr><w:jc w:val="center"/><w:ind w:firstLine="0"/><w:spacing w:line="579"/><w:pStyle w:val="Title"/></w:pPr></w:p>"#,
            fix_child_order,
        );
        assert_eq!(
            x,
            r#"<w:p><w:pPr><w:pStyle w:val="Title"/><w:spacing w:line="579"/><w:ind w:firstLine="0"/><w:jc w:val="center"/></w:pPr></w:p>"#
        );
    }

    #[test]
    fn sectpr_keeps_references_first() {
        let x = round(
            r#"<w:sectPr><w:pgSz w:w="1"/><w:footerReference r:id="a"/><w:docGrid/><w:pgMar/></w:sectPr>"#,
            fix_child_order,
        );
        assert_eq!(
            x,
            r#"<w:sectPr><w:footerReference r:id="a"/><w:pgSz w:w="1"/><w:pgMar/><w:docGrid/></w:sectPr>"#
        );
    }

    #[test]
    fn first_line_chars_only_on_body_indent() {
        let x = round(
            r#"<w:x><w:ind w:left="0" w:firstLine="630"/><w:ind w:firstLine="0"/></w:x>"#,
            |p| add_first_line_chars(p, 630, 200),
        );
        assert_eq!(
            x,
            r#"<w:x><w:ind w:left="0" w:firstLine="630" w:firstLineChars="200"/><w:ind w:firstLine="0"/></w:x>"#
        );
    }

    #[test]
    fn language_goes_into_doc_defaults() {
        let x = round(
            r#"<w:styles><w:docDefaults><w:rPrDefault><w:rPr><w:sz w:val="32"/></w:rPr></w:rPrDefault></w:docDefaults></w:styles>"#,
            |p| set_language(p, "zh-CN"),
        );
        assert!(x.contains(r#"<w:lang w:val="zh-CN" w:eastAsia="zh-CN" w:bidi="ar-SA"/>"#));
    }

    #[test]
    fn theme_fonts_are_removed() {
        let x = round(
            r#"<w:rFonts w:ascii="A" w:asciiTheme="minorHAnsi" w:eastAsiaTheme="minorEastAsia"/>"#,
            strip_theme_fonts,
        );
        assert_eq!(x, r#"<w:rFonts w:ascii="A"/>"#);
    }

    #[test]
    fn even_and_odd_headers_added_once() {
        let x = round(
            r#"<w:settings><w:defaultTabStop w:val="840"/><w:compat/></w:settings>"#,
            ensure_even_and_odd_headers,
        );
        assert_eq!(
            x,
            r#"<w:settings><w:defaultTabStop w:val="840"/><w:evenAndOddHeaders/><w:compat/></w:settings>"#
        );
        assert_eq!(round(&x, ensure_even_and_odd_headers), x);
    }

    #[test]
    fn core_properties_are_escaped() {
        let x = core_xml(&CoreProps {
            title: Some("A & B".into()),
            creator: Some("张三".into()),
            description: None,
        });
        assert!(x.contains("<dc:title>A &amp; B</dc:title>"));
        assert!(x.contains("<dc:creator>张三</dc:creator>"));
        assert!(!x.contains("dc:description"));
    }

    #[test]
    fn font_table_names_fallbacks() {
        let x = font_table_xml(Default::default());
        assert!(x.contains(r#"<w:font w:name="仿宋_GB2312"><w:altName w:val="仿宋"/>"#));
        assert!(x.contains(r#"w:name="FangSong""#));
        assert!(x.contains(r#"<w:altName w:val="楷体"/>"#));
    }

    #[test]
    fn text_and_attributes_survive_a_round_trip() {
        let src = r#"<?xml version="1.0"?><w:t xml:space="preserve">a &amp; b &lt;c&gt;</w:t>"#;
        assert_eq!(round(src, |_| {}), src);
    }
}

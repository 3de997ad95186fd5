//! Paragraph and run properties as a layout check needs them, and their inheritance: direct
//! formatting over the character style, over the paragraph style and the styles it is based
//! on (`w:basedOn`), over the document defaults (`w:docDefaults`), the nearest value winning
//! field by field. Theme fonts (`w:eastAsiaTheme` …) are resolved through the theme part and
//! win over a slot's name, as in Word (fact sheet §11).
//!
//! Elements are matched by local name; a revision's old properties (`w:pPrChange`,
//! `w:rPrChange`) are passed over.

use quick_xml::events::{BytesStart, Event};
use quick_xml::Reader;
use std::collections::HashMap;

/// How many `w:basedOn` links are followed before the chain is cut.
const MAX_DEPTH: usize = crate::source::docx::styles::MAX_DEPTH;

/// The value of the attribute with local name `local`.
pub(crate) fn attr(e: &BytesStart, local: &[u8]) -> Option<String> {
    e.attributes().flatten().find_map(|a| {
        (a.key.local_name().as_ref() == local).then(|| match a.unescape_value() {
            Ok(v) => v.into_owned(),
            Err(_) => String::from_utf8_lossy(&a.value).into_owned(),
        })
    })
}

/// The largest magnitude an integer attribute is taken at: far beyond any page (a 10 m page
/// is 566,929 twips), small enough that the arithmetic on it cannot overflow.
const MAX_INT: i64 = 1_000_000;

/// An integer attribute (a twips or half-point value); a fraction is cut, and a value out of
/// all proportion is taken at [`MAX_INT`].
pub(crate) fn int(e: &BytesStart, local: &[u8]) -> Option<i64> {
    let v = attr(e, local)?;
    let v = v.trim();
    v.parse::<i64>()
        .ok()
        .or_else(|| {
            v.parse::<f64>()
                .ok()
                .filter(|f| f.is_finite())
                .map(|f| f as i64)
        })
        .map(|n| n.clamp(-MAX_INT, MAX_INT))
}

/// An on/off property (`w:snapToGrid`, `w:vanish`): present and not false.
pub(crate) fn on(e: &BytesStart) -> bool {
    !matches!(
        attr(e, b"val").as_deref(),
        Some("0" | "false" | "off" | "none")
    )
}

/// Run properties (`w:rPr`).
#[derive(Clone, Debug, Default, PartialEq)]
pub(crate) struct RunProps {
    /// `w:rFonts` `w:eastAsia` (CJK characters), `w:ascii` (Latin and digits), `w:hint`.
    pub east_asia: Option<String>,
    pub ascii: Option<String>,
    pub hint: Option<String>,
    /// Theme font references of the same slots (`minorEastAsia` …).
    pub east_asia_theme: Option<String>,
    pub ascii_theme: Option<String>,
    /// `w:sz`, half-points.
    pub size: Option<i64>,
    /// `w:spacing` of a run: character spacing in twips (negative condenses).
    pub spacing: Option<i64>,
    /// `w:color` `w:val` (`FF0000`, `auto`).
    pub color: Option<String>,
    /// `w:vanish`.
    pub hidden: Option<bool>,
    /// `w:rStyle`.
    pub style: Option<String>,
}

impl RunProps {
    /// `self`, each field it lacks taken from `base`.
    pub fn over(&self, base: &RunProps) -> RunProps {
        // a slot's name and its theme reference go together: the nearer level that sets
        // either decides the slot
        let (east_asia, east_asia_theme) =
            if self.east_asia.is_some() || self.east_asia_theme.is_some() {
                (self.east_asia.clone(), self.east_asia_theme.clone())
            } else {
                (base.east_asia.clone(), base.east_asia_theme.clone())
            };
        let (ascii, ascii_theme) = if self.ascii.is_some() || self.ascii_theme.is_some() {
            (self.ascii.clone(), self.ascii_theme.clone())
        } else {
            (base.ascii.clone(), base.ascii_theme.clone())
        };
        RunProps {
            east_asia,
            ascii,
            hint: self.hint.clone().or_else(|| base.hint.clone()),
            east_asia_theme,
            ascii_theme,
            size: self.size.or(base.size),
            spacing: self.spacing.or(base.spacing),
            color: self.color.clone().or_else(|| base.color.clone()),
            hidden: self.hidden.or(base.hidden),
            style: self.style.clone().or_else(|| base.style.clone()),
        }
    }

    /// Read one child element of a `w:rPr`.
    pub fn set(&mut self, name: &[u8], e: &BytesStart) {
        match name {
            b"rFonts" => {
                if let Some(v) = attr(e, b"eastAsia") {
                    self.east_asia = Some(v);
                }
                if let Some(v) = attr(e, b"ascii") {
                    self.ascii = Some(v);
                }
                if let Some(v) = attr(e, b"hint") {
                    self.hint = Some(v);
                }
                if let Some(v) = attr(e, b"eastAsiaTheme") {
                    self.east_asia_theme = Some(v);
                }
                if let Some(v) = attr(e, b"asciiTheme") {
                    self.ascii_theme = Some(v);
                }
            }
            b"sz" => self.size = int(e, b"val").filter(|v| *v > 0),
            b"spacing" => self.spacing = int(e, b"val"),
            b"color" => self.color = attr(e, b"val"),
            b"vanish" => self.hidden = Some(on(e)),
            b"rStyle" => self.style = attr(e, b"val"),
            _ => {}
        }
    }
}

/// Paragraph properties (`w:pPr`).
#[derive(Clone, Debug, Default, PartialEq)]
pub(crate) struct ParaProps {
    /// `w:pStyle`.
    pub style: Option<String>,
    /// `w:jc` (`center`, `right`, `both` …).
    pub jc: Option<String>,
    /// `w:ind`: first line and hanging in twips and in hundredths of a character; left
    /// (`w:left`/`w:start`) and right (`w:right`/`w:end`), in twips and characters.
    pub first_line: Option<i64>,
    pub first_line_chars: Option<i64>,
    pub hanging: Option<i64>,
    pub hanging_chars: Option<i64>,
    pub left: Option<i64>,
    pub left_chars: Option<i64>,
    pub right: Option<i64>,
    pub right_chars: Option<i64>,
    /// `w:spacing` `w:line` and `w:lineRule` (`auto`, `exact`, `atLeast`).
    pub line: Option<i64>,
    pub line_rule: Option<String>,
    /// `w:snapToGrid`.
    pub snap: Option<bool>,
    /// `w:framePr` `w:xAlign` (a frame holding a footer's page number).
    pub frame_align: Option<String>,
}

impl ParaProps {
    /// `self`, each field it lacks taken from `base`. The two forms of the first-line and
    /// hanging indents go together: the nearer level that sets any of them decides.
    pub fn over(&self, base: &ParaProps) -> ParaProps {
        let own_first = self.first_line.is_some()
            || self.first_line_chars.is_some()
            || self.hanging.is_some()
            || self.hanging_chars.is_some();
        let src = if own_first { self } else { base };
        ParaProps {
            style: self.style.clone().or_else(|| base.style.clone()),
            jc: self.jc.clone().or_else(|| base.jc.clone()),
            first_line: src.first_line,
            first_line_chars: src.first_line_chars,
            hanging: src.hanging,
            hanging_chars: src.hanging_chars,
            left: self.left.or(base.left),
            left_chars: self.left_chars.or(base.left_chars),
            right: self.right.or(base.right),
            right_chars: self.right_chars.or(base.right_chars),
            line: self.line.or(base.line),
            line_rule: self.line_rule.clone().or_else(|| base.line_rule.clone()),
            snap: self.snap.or(base.snap),
            frame_align: self
                .frame_align
                .clone()
                .or_else(|| base.frame_align.clone()),
        }
    }

    /// Read one child element of a `w:pPr`.
    pub fn set(&mut self, name: &[u8], e: &BytesStart) {
        match name {
            b"pStyle" => self.style = attr(e, b"val"),
            b"jc" => self.jc = attr(e, b"val"),
            b"ind" => {
                self.first_line = int(e, b"firstLine").or(self.first_line);
                self.first_line_chars = int(e, b"firstLineChars").or(self.first_line_chars);
                self.hanging = int(e, b"hanging").or(self.hanging);
                self.hanging_chars = int(e, b"hangingChars").or(self.hanging_chars);
                self.left = int(e, b"left").or_else(|| int(e, b"start")).or(self.left);
                self.left_chars = int(e, b"leftChars")
                    .or_else(|| int(e, b"startChars"))
                    .or(self.left_chars);
                self.right = int(e, b"right").or_else(|| int(e, b"end")).or(self.right);
                self.right_chars = int(e, b"rightChars")
                    .or_else(|| int(e, b"endChars"))
                    .or(self.right_chars);
            }
            b"spacing" => {
                if let Some(l) = int(e, b"line") {
                    self.line = Some(l);
                    // an absent rule is auto (ECMA-376 17.3.1.33)
                    self.line_rule = Some(attr(e, b"lineRule").unwrap_or_else(|| "auto".into()));
                }
            }
            b"snapToGrid" => self.snap = Some(on(e)),
            b"framePr" => self.frame_align = attr(e, b"xAlign"),
            _ => {}
        }
    }

    /// The first-line indent in twips (negative for a hanging indent), taking the character
    /// forms at `char_twips` a character; `None` when nothing sets one.
    pub fn first_line_twips(&self, char_twips: i64) -> Option<i64> {
        if let Some(c) = self.hanging_chars.filter(|c| *c != 0) {
            return Some(-c * char_twips / 100);
        }
        if let Some(c) = self.first_line_chars.filter(|c| *c != 0) {
            return Some(c * char_twips / 100);
        }
        if let Some(h) = self.hanging.filter(|h| *h != 0) {
            return Some(-h);
        }
        self.first_line
            .or(self.first_line_chars.map(|_| 0))
            .or(self.hanging_chars.map(|_| 0))
    }
}

/// One style of `word/styles.xml`.
#[derive(Clone, Debug, Default)]
struct Style {
    paragraph: bool,
    based_on: Option<String>,
    ppr: ParaProps,
    rpr: RunProps,
}

/// The styles and the document defaults.
#[derive(Clone, Debug, Default)]
pub(crate) struct Styles {
    styles: HashMap<String, Style>,
    default_paragraph: Option<String>,
    default_ppr: ParaProps,
    default_rpr: RunProps,
}

/// The element names whose insides are old or conditional properties, passed over.
fn passed_over(name: &[u8]) -> bool {
    matches!(
        name,
        b"pPrChange" | b"rPrChange" | b"tblStylePr" | b"sectPr" | b"tblPr" | b"trPr" | b"tcPr"
    )
}

impl Styles {
    /// Read `word/styles.xml`; what cannot be read is left out (a broken part gives what came
    /// before the error).
    pub fn parse(xml: &str) -> Styles {
        let mut out = Styles::default();
        let mut r = Reader::from_str(xml);
        let mut cur: Option<(String, Style)> = None;
        let (mut in_ppr, mut in_rpr, mut skip) = (0usize, 0usize, 0usize);
        let (mut in_rdef, mut in_pdef) = (false, false);
        loop {
            let ev = match r.read_event() {
                Ok(Event::Eof) | Err(_) => break,
                Ok(ev) => ev,
            };
            let (e, empty) = match &ev {
                Event::Start(e) => (e.clone(), false),
                Event::Empty(e) => (e.clone(), true),
                Event::End(e) => {
                    let local = e.local_name();
                    let n = local.as_ref();
                    if skip > 0 {
                        if passed_over(n) {
                            skip -= 1;
                        }
                        continue;
                    }
                    match n {
                        b"pPr" => in_ppr = in_ppr.saturating_sub(1),
                        b"rPr" => in_rpr = in_rpr.saturating_sub(1),
                        b"rPrDefault" => in_rdef = false,
                        b"pPrDefault" => in_pdef = false,
                        b"style" => {
                            if let Some((id, s)) = cur.take() {
                                out.styles.entry(id).or_insert(s);
                            }
                        }
                        _ => {}
                    }
                    continue;
                }
                _ => continue,
            };
            let local = e.local_name();
            let n = local.as_ref();
            if skip > 0 {
                if passed_over(n) && !empty {
                    skip += 1;
                }
                continue;
            }
            if passed_over(n) {
                if !empty {
                    skip += 1;
                }
                continue;
            }
            match n {
                b"style" => {
                    let id = attr(&e, b"styleId").unwrap_or_default();
                    let paragraph = attr(&e, b"type").as_deref() == Some("paragraph");
                    if paragraph
                        && attr(&e, b"default").is_some_and(|d| d == "1" || d == "true")
                        && out.default_paragraph.is_none()
                    {
                        out.default_paragraph = Some(id.clone());
                    }
                    let s = Style {
                        paragraph,
                        ..Style::default()
                    };
                    if empty {
                        out.styles.entry(id).or_insert(s);
                    } else {
                        cur = Some((id, s));
                    }
                }
                b"rPrDefault" if !empty => in_rdef = true,
                b"pPrDefault" if !empty => in_pdef = true,
                b"pPr" if !empty => in_ppr += 1,
                b"rPr" if !empty => in_rpr += 1,
                b"basedOn" => {
                    if let Some((_, s)) = cur.as_mut() {
                        s.based_on = attr(&e, b"val");
                    }
                }
                _ if in_rpr > 0 => {
                    if let Some((_, s)) = cur.as_mut() {
                        s.rpr.set(n, &e);
                    } else if in_rdef {
                        out.default_rpr.set(n, &e);
                    }
                }
                _ if in_ppr > 0 => {
                    if let Some((_, s)) = cur.as_mut() {
                        s.ppr.set(n, &e);
                    } else if in_pdef {
                        out.default_ppr.set(n, &e);
                    }
                }
                _ => {}
            }
        }
        out
    }

    /// The chain of a style: itself and its bases, nearest first, each once.
    fn chain(&self, id: &str) -> Vec<&Style> {
        let mut out: Vec<&Style> = Vec::new();
        let mut seen: Vec<&str> = Vec::new();
        let mut cur = Some(id);
        while let Some(i) = cur {
            if seen.contains(&i) || seen.len() >= MAX_DEPTH {
                break;
            }
            seen.push(i);
            let Some(s) = self.styles.get(i) else {
                break;
            };
            out.push(s);
            cur = s.based_on.as_deref();
        }
        out
    }

    /// The paragraph style a paragraph naming `id` has: that style when the part defines it
    /// as a paragraph style, else the default paragraph style.
    fn paragraph_style<'a>(&'a self, id: Option<&'a str>) -> Option<&'a str> {
        id.filter(|i| self.styles.get(*i).is_some_and(|s| s.paragraph))
            .or(self.default_paragraph.as_deref())
    }

    /// The paragraph properties and the run properties of the paragraph style `id` (with the
    /// document defaults under them).
    pub fn paragraph(&self, id: Option<&str>) -> (ParaProps, RunProps) {
        let (mut p, mut r) = (ParaProps::default(), RunProps::default());
        if let Some(id) = self.paragraph_style(id) {
            for s in self.chain(id) {
                p = p.over(&s.ppr);
                r = r.over(&s.rpr);
            }
        }
        (p.over(&self.default_ppr), r.over(&self.default_rpr))
    }

    /// The run properties of the character style `id` and its bases (no defaults).
    pub fn character(&self, id: &str) -> RunProps {
        let mut r = RunProps::default();
        for s in self.chain(id) {
            r = r.over(&s.rpr);
        }
        r
    }

    /// The run properties a run has: its own over its character style over its paragraph's.
    pub fn run(&self, direct: &RunProps, paragraph: &RunProps) -> RunProps {
        let cs = direct
            .style
            .as_deref()
            .map(|s| self.character(s))
            .unwrap_or_default();
        direct.over(&cs).over(paragraph)
    }
}

/// The theme's fonts: (major, minor) × (Latin, East Asian).
#[derive(Clone, Debug, Default)]
pub(crate) struct Theme {
    major_latin: Option<String>,
    major_ea: Option<String>,
    minor_latin: Option<String>,
    minor_ea: Option<String>,
}

impl Theme {
    /// Read `word/theme/theme1.xml`: each font scheme's `a:latin` and `a:ea` typefaces, an
    /// empty `a:ea` taken from its `a:font script="Hans"`.
    pub fn parse(xml: &str) -> Theme {
        let mut t = Theme::default();
        let mut r = Reader::from_str(xml);
        let mut major: Option<bool> = None;
        let (mut latin, mut ea, mut hans): (Option<String>, Option<String>, Option<String>) =
            (None, None, None);
        loop {
            match r.read_event() {
                Ok(Event::Start(e)) | Ok(Event::Empty(e)) => match e.local_name().as_ref() {
                    b"majorFont" => major = Some(true),
                    b"minorFont" => major = Some(false),
                    b"latin" if major.is_some() => latin = attr(&e, b"typeface"),
                    b"ea" if major.is_some() => ea = attr(&e, b"typeface"),
                    b"font"
                        if major.is_some() && attr(&e, b"script").as_deref() == Some("Hans") =>
                    {
                        hans = attr(&e, b"typeface")
                    }
                    _ => {}
                },
                Ok(Event::End(e)) => {
                    let n = e.local_name();
                    if matches!(n.as_ref(), b"majorFont" | b"minorFont") {
                        let ea = ea.take().filter(|s| !s.is_empty()).or(hans.take());
                        let latin = latin.take().filter(|s| !s.is_empty());
                        if major == Some(true) {
                            (t.major_latin, t.major_ea) = (latin, ea);
                        } else {
                            (t.minor_latin, t.minor_ea) = (latin, ea);
                        }
                        major = None;
                    }
                }
                Ok(Event::Eof) | Err(_) => break,
                _ => {}
            }
        }
        t
    }

    /// The face a theme font reference (`minorEastAsia`, `majorHAnsi` …) names.
    fn face(&self, theme: &str) -> Option<&str> {
        let major = theme.starts_with("major");
        let ea = theme.ends_with("EastAsia");
        match (major, ea) {
            (true, true) => self.major_ea.as_deref(),
            (true, false) => self.major_latin.as_deref(),
            (false, true) => self.minor_ea.as_deref(),
            (false, false) => self.minor_latin.as_deref(),
        }
    }

    /// The face a run's CJK characters are set in.
    pub fn east_asia<'a>(&'a self, r: &'a RunProps) -> Option<&'a str> {
        match r.east_asia_theme.as_deref() {
            Some(t) => self.face(t).or(r.east_asia.as_deref()),
            None => r.east_asia.as_deref(),
        }
    }

    /// The face a run's Latin letters and digits are set in.
    pub fn ascii<'a>(&'a self, r: &'a RunProps) -> Option<&'a str> {
        match r.ascii_theme.as_deref() {
            Some(t) => self.face(t).or(r.ascii.as_deref()),
            None => r.ascii.as_deref(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn styles_inherit_through_bases_and_defaults() {
        let xml = r#"<w:styles xmlns:w="x"><w:docDefaults><w:rPrDefault><w:rPr><w:rFonts w:eastAsia="宋体"/><w:sz w:val="21"/></w:rPr></w:rPrDefault><w:pPrDefault><w:pPr><w:spacing w:line="240" w:lineRule="auto"/></w:pPr></w:pPrDefault></w:docDefaults>
<w:style w:type="paragraph" w:default="1" w:styleId="a"><w:rPr><w:sz w:val="32"/></w:rPr></w:style>
<w:style w:type="paragraph" w:styleId="h1"><w:basedOn w:val="a"/><w:pPr><w:ind w:firstLineChars="200"/></w:pPr><w:rPr><w:rFonts w:eastAsia="黑体"/></w:rPr></w:style>
<w:style w:type="paragraph" w:styleId="loop"><w:basedOn w:val="loop"/></w:style></w:styles>"#;
        let s = Styles::parse(xml);
        let (p, r) = s.paragraph(Some("h1"));
        assert_eq!(r.east_asia.as_deref(), Some("黑体"));
        assert_eq!(r.size, Some(32));
        assert_eq!(p.first_line_chars, Some(200));
        assert_eq!(p.line, Some(240));
        let (_, r) = s.paragraph(Some("nosuch"));
        assert_eq!(r.east_asia.as_deref(), Some("宋体"));
        let (_, r) = s.paragraph(Some("loop"));
        assert_eq!(r.size, Some(21));
    }

    #[test]
    fn theme_fonts_resolve() {
        let t = Theme::parse(
            r#"<a:theme xmlns:a="x"><a:fontScheme><a:majorFont><a:latin typeface="Calibri Light"/><a:ea typeface=""/><a:font script="Hans" typeface="等线 Light"/></a:majorFont><a:minorFont><a:latin typeface="Calibri"/><a:ea typeface=""/><a:font script="Hans" typeface="等线"/></a:minorFont></a:fontScheme></a:theme>"#,
        );
        let r = RunProps {
            east_asia: Some("仿宋".into()),
            east_asia_theme: Some("minorEastAsia".into()),
            ..Default::default()
        };
        assert_eq!(t.east_asia(&r), Some("等线"));
        let r = RunProps {
            ascii_theme: Some("majorHAnsi".into()),
            ..Default::default()
        };
        assert_eq!(t.ascii(&r), Some("Calibri Light"));
    }

    #[test]
    fn numbers_out_of_all_proportion_are_capped() {
        let xml = r#"<w:sz w:val="99999999999999999999"/>"#;
        let mut r = Reader::from_str(xml);
        let Ok(Event::Empty(e)) = r.read_event() else {
            panic!("no element")
        };
        assert_eq!(int(&e, b"val"), Some(MAX_INT));
    }

    #[test]
    fn first_line_forms() {
        let p = ParaProps {
            first_line: Some(630),
            first_line_chars: Some(200),
            ..Default::default()
        };
        assert_eq!(p.first_line_twips(320), Some(640));
        let p = ParaProps {
            hanging: Some(840),
            ..Default::default()
        };
        assert_eq!(p.first_line_twips(320), Some(-840));
        assert_eq!(ParaProps::default().first_line_twips(320), None);
    }
}

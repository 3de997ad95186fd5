//! Pictures: where their bytes come from, and the size they are written at.
//!
//! A picture of a DOCX source names a part of the source's package (`word/media/image1.png`):
//! its bytes are read from the package ([`crate::Source::package`]), inflated through a size
//! limit like the reader's. Any other picture, and one the package does not hold, is a file,
//! its relative path taken from [`DocxOptions::base_dir`](crate::write::docx::DocxOptions).
//! PNG, JPEG, GIF and BMP are embedded as they are, and so are EMF and WMF (the charts,
//! equations and pasted drawings of Word and WPS): docx-rs packs them like any picture, and the
//! post-processing gives each part its extension and content type. A WMF without the
//! placeable header that no drawing of the source sizes, or anything else, leaves its
//! alternative text and a warning naming the part.
//!
//! A picture keeps the size the source gave it (`wp:extent` of the drawing in the package's
//! `word/document.xml` that shows the part, or the `width`/`height` of the VML shape of an OLE
//! object's picture) and is otherwise sized from its pixels at 96 dpi, or a metafile by its own
//! header; either way it is scaled down to fit the text block.

use super::BodyWriter;
use crate::tree::Image;
use crate::write::docx::fonts::Role;
use crate::write::docx::image::{
    is_url, metafile, metafile_kind, percent_decoded, probe, resolve, Kind, Metafile,
};
use crate::write::docx::layout::{EMU_PER_PX, EMU_PER_TWIP};
use crate::write::docx::postprocess::media_extension;
use crate::write::docx::styles;
use crate::write::docx::wml::{AlignmentType, LineSpacing, LineSpacingType, Picture, Run};
use crate::write::docx::Warning;
use std::collections::HashMap;
use std::io::{Cursor, Read};

/// The most bytes all pictures read from a package may inflate to, together: the reader's
/// default limit on what a DOCX inflates to.
pub const MAX_PACKAGE_PICTURES: u64 = crate::ReadOptions::DEFAULT_MAX_DOCX_UNCOMPRESSED;

/// The main part of a DOCX package.
const DOCUMENT: &str = "word/document.xml";
/// The main part's relationships.
const DOCUMENT_RELS: &str = "word/_rels/document.xml.rels";
/// Namespaces of the elements and attributes that give a drawing's size and picture.
const NS_WP: &[u8] = b"http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing";
const NS_A: &[u8] = b"http://schemas.openxmlformats.org/drawingml/2006/main";
const NS_R: &[u8] = b"http://schemas.openxmlformats.org/officeDocument/2006/relationships";
const NS_V: &[u8] = b"urn:schemas-microsoft-com:vml";
/// EMU in a point (a VML shape's `width:…pt`).
const EMU_PER_PT: f64 = 12_700.0;

/// A size in EMU: width, height.
type Extent = (u64, u64);

/// The package pictures are read from: opened on first use, once.
#[derive(Default)]
pub(in crate::write::docx) struct Package<'a> {
    /// The package's bytes.
    bytes: Option<&'a [u8]>,
    /// The opened zip, or `None` when it cannot be opened (then every picture is looked for
    /// on disk).
    zip: Option<Option<zip::ZipArchive<Cursor<&'a [u8]>>>>,
    /// The size (EMU) each part is shown at, by the first drawing that shows it.
    extents: Option<HashMap<String, (u64, u64)>>,
    /// What may still be inflated.
    budget: u64,
}

impl<'a> Package<'a> {
    /// The package of a DOCX source (`None`: pictures are files).
    pub(in crate::write::docx) fn new(bytes: Option<&'a [u8]>) -> Package<'a> {
        Package {
            bytes,
            zip: None,
            extents: None,
            budget: MAX_PACKAGE_PICTURES,
        }
    }

    fn zip(&mut self) -> Option<&mut zip::ZipArchive<Cursor<&'a [u8]>>> {
        let bytes = self.bytes?;
        self.zip
            .get_or_insert_with(|| zip::ZipArchive::new(Cursor::new(bytes)).ok())
            .as_mut()
    }

    /// The name of the part `src` names, as the package spells it: `src` itself, without a
    /// leading `/`, or under `word/` (a relationship's target is relative to it).
    fn part_name(&mut self, src: &str) -> Option<String> {
        let zip = self.zip()?;
        let bare = src.trim_start_matches('/');
        [bare.to_string(), format!("word/{bare}")]
            .into_iter()
            .find(|n| zip.index_for_name(n).is_some())
    }

    /// The bytes of the part `name`, through the limit: `Err` says why not.
    fn read(&mut self, name: &str) -> Result<Vec<u8>, String> {
        let budget = self.budget;
        let zip = self.zip().ok_or("the package cannot be opened")?;
        let part = zip.by_name(name).map_err(|e| e.to_string())?;
        let mut out = Vec::with_capacity(part.size().min(budget) as usize);
        part.take(budget.saturating_add(1))
            .read_to_end(&mut out)
            .map_err(|e| e.to_string())?;
        if out.len() as u64 > budget {
            self.budget = 0;
            return Err(format!(
                "the package's pictures inflate to more than {} MiB",
                MAX_PACKAGE_PICTURES >> 20
            ));
        }
        self.budget -= out.len() as u64;
        Ok(out)
    }

    /// The size `part` is shown at in the package's document, in EMU.
    fn extent(&mut self, part: &str) -> Option<(u64, u64)> {
        if self.extents.is_none() {
            let found = self.read_extents().unwrap_or_default();
            self.extents = Some(found);
        }
        self.extents.as_ref()?.get(part).copied()
    }

    /// Each picture part's size, from the first `wp:inline`/`wp:anchor` whose `a:blip` embeds
    /// it (through the document's relationships). One pass over each part; elements are
    /// matched by namespace.
    fn read_extents(&mut self) -> Option<HashMap<String, (u64, u64)>> {
        let rels = String::from_utf8(self.read(DOCUMENT_RELS).ok()?).ok()?;
        let targets = relationship_targets(&rels);
        let xml = String::from_utf8(self.read(DOCUMENT).ok()?).ok()?;
        Some(drawing_extents(&xml, &targets))
    }
}

/// Relationship id → the part it targets (internal targets, resolved against `word/`).
fn relationship_targets(rels: &str) -> HashMap<String, String> {
    use quick_xml::events::Event;
    let mut r = quick_xml::Reader::from_str(rels);
    let mut out = HashMap::new();
    loop {
        match r.read_event() {
            Ok(Event::Start(e) | Event::Empty(e)) if e.local_name().as_ref() == b"Relationship" => {
                let mut id = None;
                let mut target = None;
                let mut external = false;
                for a in e.attributes().flatten() {
                    let v = a.unescape_value().map(|v| v.into_owned()).ok();
                    match a.key.local_name().as_ref() {
                        b"Id" => id = v,
                        b"Target" => target = v,
                        b"TargetMode" => external = v.as_deref() == Some("External"),
                        _ => {}
                    }
                }
                if let (Some(id), Some(t), false) = (id, target, external) {
                    out.insert(id, resolve_target(&t));
                }
            }
            Ok(Event::Eof) | Err(_) => break,
            _ => {}
        }
    }
    out
}

/// A relationship target of `word/document.xml` as a part name: `/x` from the root, else
/// relative to `word/`, with `..` steps taken.
fn resolve_target(t: &str) -> String {
    let mut parts: Vec<&str> = if t.starts_with('/') {
        Vec::new()
    } else {
        vec!["word"]
    };
    for s in t.split('/') {
        match s {
            "" | "." => {}
            ".." => {
                parts.pop();
            }
            s => parts.push(s),
        }
    }
    parts.join("/")
}

/// The size a VML shape's `style` gives it (`width:357.2pt;height:98.2pt`), in EMU; `None`
/// when it gives no width or height, or one in a unit other than pt, in, cm, mm or px.
fn vml_size(style: &str) -> Option<(u64, u64)> {
    let mut w = None;
    let mut h = None;
    for decl in style.split(';') {
        let Some((k, v)) = decl.split_once(':') else {
            continue;
        };
        let v = v.trim();
        let at = v
            .find(|c: char| !(c.is_ascii_digit() || c == '.'))
            .unwrap_or(v.len());
        let Ok(n) = v[..at].parse::<f64>() else {
            continue;
        };
        let per = match v[at..].trim() {
            "pt" => EMU_PER_PT,
            "in" => 72.0 * EMU_PER_PT,
            "cm" => 360_000.0,
            "mm" => 36_000.0,
            "px" => EMU_PER_PX as f64,
            _ => continue,
        };
        let emu = (n * per).round();
        if emu.is_nan() || emu < 1.0 || emu >= f64::from(u32::MAX) {
            continue;
        }
        match k.trim() {
            "width" => w = Some(emu as u64),
            "height" => h = Some(emu as u64),
            _ => {}
        }
    }
    Some((w?, h?))
}

/// Part → (cx, cy) of the first drawing (`wp:inline` or `wp:anchor`) that embeds it, or of
/// the first VML shape (`v:shape`, an OLE object's picture) whose `v:imagedata` shows it.
fn drawing_extents(xml: &str, targets: &HashMap<String, String>) -> HashMap<String, (u64, u64)> {
    use quick_xml::events::Event;
    let mut r = quick_xml::NsReader::from_str(xml);
    let mut out = HashMap::new();
    // the extent of the drawing being read, and how deep it is
    let mut extent: Option<(u64, u64)> = None;
    let mut depth = 0usize;
    let mut in_drawing = 0usize;
    loop {
        let (ns, e, empty) = match r.read_resolved_event() {
            Ok((ns, Event::Start(e))) => (namespace(&ns), e, false),
            Ok((ns, Event::Empty(e))) => (namespace(&ns), e, true),
            Ok((_, Event::End(_))) => {
                if in_drawing == depth {
                    in_drawing = 0;
                    extent = None;
                }
                depth = depth.saturating_sub(1);
                continue;
            }
            Ok((_, Event::Eof)) | Err(_) => break,
            _ => continue,
        };
        let local = e.local_name();
        let is = |want: &[u8]| ns == Some(want);
        if !empty {
            depth += 1;
        }
        if is(NS_V) && local.as_ref() == b"shape" && !empty && in_drawing == 0 {
            in_drawing = depth;
            extent = e
                .attributes()
                .flatten()
                .find(|a| a.key.local_name().as_ref() == b"style")
                .and_then(|a| a.unescape_value().ok().and_then(|v| vml_size(&v)));
        } else if in_drawing > 0 && is(NS_V) && local.as_ref() == b"imagedata" {
            let id = e.attributes().flatten().find(|a| {
                a.key.local_name().as_ref() == b"id"
                    && namespace(&r.resolve_attribute(a.key).0) == Some(NS_R)
            });
            let part = id
                .and_then(|a| a.unescape_value().ok())
                .and_then(|id| targets.get(id.as_ref()));
            if let (Some(part), Some(x)) = (part, extent) {
                out.entry(part.clone()).or_insert(x);
            }
        } else if is(NS_WP) && matches!(local.as_ref(), b"inline" | b"anchor") && !empty {
            in_drawing = depth;
            extent = None;
        } else if in_drawing > 0 && is(NS_WP) && local.as_ref() == b"extent" {
            let num = |k: &[u8]| {
                e.attributes()
                    .flatten()
                    .find(|a| a.key.local_name().as_ref() == k)
                    .and_then(|a| std::str::from_utf8(&a.value).ok()?.trim().parse().ok())
            };
            if let (Some(cx), Some(cy)) = (num(b"cx"), num(b"cy")) {
                extent = Some((cx, cy));
            }
        } else if in_drawing > 0 && is(NS_A) && local.as_ref() == b"blip" {
            let embed = e.attributes().flatten().find(|a| {
                a.key.local_name().as_ref() == b"embed"
                    && namespace(&r.resolve_attribute(a.key).0) == Some(NS_R)
            });
            let part = embed
                .and_then(|a| a.unescape_value().ok())
                .and_then(|id| targets.get(id.as_ref()));
            if let (Some(part), Some(x)) = (part, extent) {
                out.entry(part.clone()).or_insert(x);
            }
        }
    }
    out
}

/// Which of the drawing namespaces a name is bound to.
fn namespace(ns: &quick_xml::name::ResolveResult) -> Option<&'static [u8]> {
    match ns {
        quick_xml::name::ResolveResult::Bound(n) => [NS_WP, NS_A, NS_R, NS_V]
            .into_iter()
            .find(|w| n.as_ref() == *w),
        _ => None,
    }
}

/// Why `bytes` cannot be embedded.
fn refusal(bytes: &[u8]) -> &'static str {
    match metafile_kind(bytes) {
        Some(Metafile::Emf) => "an EMF picture that gives no size, and no drawing sizes it",
        Some(Metafile::Wmf) => "a WMF picture that gives no size, and no drawing sizes it",
        None => "not a PNG, JPEG, GIF, BMP, EMF or WMF picture",
    }
}

impl BodyWriter<'_> {
    /// A picture, centred on a line of its own and scaled down to the text block; one that
    /// cannot be embedded leaves its alternative text and a warning.
    pub(super) fn image(&mut self, img: &Image) {
        let p = self.flush(styles::NORMAL).align(AlignmentType::Center);
        match self.picture(img) {
            Ok(pic) => {
                // a line height of its own: the body's exact pitch would clip the picture
                let p = p.line_spacing(
                    LineSpacing::new()
                        .line_rule(LineSpacingType::Auto)
                        .line(240)
                        .before(0)
                        .after(0),
                );
                // the run in the body face like every other, though it holds no text
                self.push(p.add_run(self.styled(Run::new().add_image(pic), Role::Body)));
            }
            Err(w) => {
                self.warnings.push(w);
                let text = if img.alt.trim().is_empty() {
                    &img.src
                } else {
                    &img.alt
                };
                let p = self.add_runs(p, text, Role::Body);
                self.push(p);
            }
        }
    }

    /// The picture's bytes, from the source's package or from disk, and the size it is shown
    /// at when the source says.
    fn picture_bytes(&mut self, img: &Image) -> Result<(Vec<u8>, Option<Extent>), Warning> {
        if is_url(&img.src) {
            return Err(Warning::ImageUrl {
                url: img.src.clone(),
            });
        }
        if let Some(part) = self.package.part_name(&img.src) {
            let bytes = self
                .package
                .read(&part)
                .map_err(|reason| Warning::ImageUnreadable {
                    path: img.src.clone(),
                    reason,
                })?;
            return Ok((bytes, self.package.extent(&part)));
        }
        let base = self.opts.base_dir.as_deref();
        let mut path = resolve(&img.src, base);
        if !path.is_file() {
            if let Some(d) = percent_decoded(&img.src).map(|d| resolve(&d, base)) {
                if d.is_file() {
                    path = d;
                }
            }
        }
        let bytes = std::fs::read(&path).map_err(|e| match e.kind() {
            std::io::ErrorKind::NotFound => Warning::ImageNotFound {
                path: img.src.clone(),
            },
            _ => Warning::ImageUnreadable {
                path: img.src.clone(),
                reason: e.to_string(),
            },
        })?;
        Ok((bytes, None))
    }

    fn picture(&mut self, img: &Image) -> Result<Picture, Warning> {
        let l = self.l;
        let (bytes, shown) = self.picture_bytes(img)?;
        let shown = shown.filter(|&(cx, cy)| cx > 0 && cy > 0);
        let raster = probe(&bytes)
            .filter(|(k, ..)| matches!(k, Kind::Png | Kind::Jpeg | Kind::Gif | Kind::Bmp))
            .map(|(_, w, h)| (u64::from(w) * EMU_PER_PX, u64::from(h) * EMU_PER_PX));
        // a metafile: the size the source shows it at, else the one it gives itself
        let vector = || {
            metafile_kind(&bytes)?;
            shown.or_else(|| metafile(&bytes).map(|(_, w, h)| (w, h)))
        };
        let Some(natural) = raster.or_else(vector) else {
            return Err(Warning::ImageUnreadable {
                path: img.src.clone(),
                reason: refusal(&bytes).into(),
            });
        };
        let (mut ew, mut eh) = shown.unwrap_or(natural);
        let max_w = (l.text_width() as i32 - self.frame.left).max(1) as u64 * EMU_PER_TWIP;
        // a line's height less than the text block, so that the picture fits on a page
        let max_h = u64::from(l.text_height().saturating_sub(l.line_pitch).max(1)) * EMU_PER_TWIP;
        if ew > max_w {
            eh = (eh.saturating_mul(max_w) / ew).max(1);
            ew = max_w;
        }
        if eh > max_h {
            ew = (ew.saturating_mul(max_h) / eh).max(1);
            eh = max_h;
        }
        let id = self.next_pic;
        self.next_pic += 1;
        let fit = |v: u64| u32::try_from(v).unwrap_or(u32::MAX);
        let rid = format!("rIdImage{id}");
        let ext = media_extension(&bytes).unwrap_or("png");
        self.media.push(super::Media {
            name: format!("image{id}.{ext}"),
            bytes,
            rid: rid.clone(),
        });
        Ok(Picture {
            rid,
            cx: fit(ew),
            cy: fit(eh),
            id,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::write::docx::image::tests::emf;

    #[test]
    fn targets_resolve_against_word() {
        assert_eq!(resolve_target("media/image1.png"), "word/media/image1.png");
        assert_eq!(resolve_target("../media/a.gif"), "media/a.gif");
        assert_eq!(resolve_target("/word/media/b.png"), "word/media/b.png");
        let rels = r#"<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId5" Type="x/image" Target="media/image1.png"/><Relationship Id="rId6" Type="x/image" Target="http://e.org/a.png" TargetMode="External"/></Relationships>"#;
        let t = relationship_targets(rels);
        assert_eq!(
            t.get("rId5").map(String::as_str),
            Some("word/media/image1.png")
        );
        assert!(!t.contains_key("rId6"));
    }

    #[test]
    fn extents_by_namespace_not_prefix() {
        let targets: HashMap<String, String> =
            [("rId5".to_string(), "word/media/image1.png".to_string())].into();
        let xml = r#"<x:document xmlns:x="http://schemas.openxmlformats.org/wordprocessingml/2006/main" xmlns:p="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing" xmlns:g="http://schemas.openxmlformats.org/drawingml/2006/main" xmlns:q="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><x:body><x:p><x:r><x:drawing><p:inline><p:extent cx="1905000" cy="952500"/><g:graphic><g:graphicData><g:blip q:embed="rId5"/></g:graphicData></g:graphic></p:inline></x:drawing></x:r></x:p>
        <x:p><x:r><x:drawing><p:inline><p:extent cx="1" cy="1"/><g:graphic><g:blip q:embed="rId5"/></g:graphic></p:inline></x:drawing></x:r></x:p></x:body></x:document>"#;
        let e = drawing_extents(xml, &targets);
        // the first drawing that shows the part gives its size
        assert_eq!(e.get("word/media/image1.png"), Some(&(1905000, 952500)));
        // a blip outside a drawing, or with an attribute of another namespace, gives none
        let stray = r#"<d xmlns:g="http://schemas.openxmlformats.org/drawingml/2006/main" xmlns:p="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing"><p:inline><p:extent cx="5" cy="5"/><g:blip embed="rId5"/></p:inline><g:blip/></d>"#;
        assert!(drawing_extents(stray, &targets).is_empty());
    }

    #[test]
    fn vml_shapes_give_their_size() {
        assert_eq!(
            vml_size("height:98.2pt;width:357.2pt;"),
            Some((4_536_440, 1_247_140))
        );
        assert_eq!(
            vml_size("width:2in; height:1cm"),
            Some((1_828_800, 360_000))
        );
        assert_eq!(vml_size("width:10pt"), None);
        assert_eq!(vml_size("width:10em;height:5pt"), None);
        assert_eq!(vml_size("width:-3pt;height:5pt"), None);
        let targets: HashMap<String, String> =
            [("rId9".to_string(), "word/media/image1.wmf".to_string())].into();
        let xml = r#"<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" xmlns:v="urn:schemas-microsoft-com:vml" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><w:body><w:p><w:r><w:object><v:shape style="width:72pt;height:36pt"><v:imagedata r:id="rId9"/></v:shape></w:object></w:r></w:p></w:body></w:document>"#;
        assert_eq!(
            drawing_extents(xml, &targets).get("word/media/image1.wmf"),
            Some(&(914_400, 457_200))
        );
    }

    fn png(w: u32, h: u32) -> Vec<u8> {
        let mut v = vec![
            0x89, b'P', b'N', b'G', b'\r', b'\n', 0x1a, b'\n', 0, 0, 0, 13,
        ];
        v.extend(b"IHDR");
        v.extend(w.to_be_bytes());
        v.extend(h.to_be_bytes());
        v.extend([8, 2, 0, 0, 0]);
        v
    }

    /// A DOCX package holding `media` (name, bytes), its document showing `word/media/a.png`
    /// at 2 × 1 inches.
    fn package(media: &[(&str, Vec<u8>)]) -> Vec<u8> {
        use std::io::Write;
        let mut z = zip::ZipWriter::new(Cursor::new(Vec::new()));
        let o = zip::write::SimpleFileOptions::default();
        z.start_file(DOCUMENT_RELS, o).unwrap();
        z.write_all(br#"<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId9" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/image" Target="media/a.png"/></Relationships>"#).unwrap();
        z.start_file(DOCUMENT, o).unwrap();
        z.write_all(br#"<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing" xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><w:body><w:p><w:r><w:drawing><wp:inline><wp:extent cx="1828800" cy="914400"/><a:graphic><a:graphicData><a:blip r:embed="rId9"/></a:graphicData></a:graphic></wp:inline></w:drawing></w:r></w:p></w:body></w:document>"#).unwrap();
        for (name, bytes) in media {
            z.start_file(*name, o).unwrap();
            z.write_all(bytes).unwrap();
        }
        z.finish().unwrap().into_inner()
    }

    fn image(src: &str) -> crate::tree::Block {
        crate::tree::Block::Image(Image {
            alt: format!("图{src}"),
            src: src.into(),
            span: Default::default(),
        })
    }

    /// The pictures written: part name, bytes.
    type Written = Vec<(String, Vec<u8>)>;

    /// What writing `doc` warns of, the pictures written (part name, bytes) and the
    /// `wp:extent`s of the document.
    fn written(
        doc: &crate::tree::Document,
        opts: &crate::write::docx::DocxOptions,
        pkg: Option<&[u8]>,
    ) -> (Vec<Warning>, Written, String) {
        let mut out = Vec::new();
        let body = super::super::write_body(doc, opts, pkg, "", &mut out).unwrap();
        let xml = String::from_utf8(out).unwrap();
        let media = body.media.into_iter().map(|m| (m.name, m.bytes)).collect();
        let extents = xml
            .match_indices("<wp:extent ")
            .map(|(at, _)| xml[at..at + xml[at..].find("/>").unwrap()].trim_end())
            .collect::<Vec<_>>()
            .join(";");
        (body.warnings, media, extents)
    }

    #[test]
    fn pictures_come_from_the_package_at_their_size() {
        let gif = b"GIF89a\x10\0\x08\0\0".to_vec();
        // 10 × 5 mm
        let sized = emf(1_000, 500);
        let pkg = package(&[
            ("word/media/a.png", png(300, 100)),
            ("word/media/b.gif", gif.clone()),
            ("word/media/c.emf", emf(0, 0)),
            ("word/media/d.emf", sized.clone()),
        ]);
        let doc = crate::tree::Document {
            blocks: vec![
                image("word/media/a.png"),
                image("media/b.gif"),
                image("word/media/c.emf"),
                image("word/media/missing.png"),
                image("word/media/d.emf"),
            ],
            ..crate::parse_str("")
        };
        let opts = crate::write::docx::DocxOptions::default();
        let (warnings, media, extents) = written(&doc, &opts, Some(&pkg));
        assert_eq!(
            warnings,
            [
                Warning::ImageUnreadable {
                    path: "word/media/c.emf".into(),
                    reason: "an EMF picture that gives no size, and no drawing sizes it".into(),
                },
                Warning::ImageNotFound {
                    path: "word/media/missing.png".into()
                },
            ]
        );
        let bytes: Vec<&Vec<u8>> = media.iter().map(|(_, b)| b).collect();
        assert_eq!(bytes, [&png(300, 100), &gif, &sized]);
        // each part named with the extension its bytes call for
        let names: Vec<&str> = media.iter().map(|(n, _)| n.as_str()).collect();
        assert_eq!(names, ["image1.png", "image2.gif", "image3.emf"]);
        // the PNG at the 2 × 1 inches the source showed it at, not its 300 × 100 pixels; the
        // GIF, which no drawing sizes, at its 16 × 8 pixels; the EMF at its frame's 10 × 5 mm
        assert_eq!(
            extents,
            r#"<wp:extent cx="1828800" cy="914400";<wp:extent cx="152400" cy="76200";<wp:extent cx="360000" cy="180000""#
        );
    }

    #[test]
    fn without_a_package_pictures_are_files() {
        let dir = std::env::temp_dir().join(format!("gongwen-pic-test-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        std::fs::write(dir.join("a.png"), png(20, 10)).unwrap();
        let doc = crate::tree::Document {
            blocks: vec![image("a.png")],
            ..crate::parse_str("")
        };
        let opts = crate::write::docx::DocxOptions {
            base_dir: Some(dir.clone()),
            ..Default::default()
        };
        // a package without the part: the file is read
        let pkg = package(&[]);
        for p in [None, Some(pkg.as_slice())] {
            let (warnings, media, extents) = written(&doc, &opts, p);
            assert!(warnings.is_empty(), "{warnings:?}");
            assert_eq!(media.len(), 1);
            assert_eq!(extents, r#"<wp:extent cx="190500" cy="95250""#);
        }
        std::fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn what_cannot_be_embedded_is_named() {
        assert!(refusal(&emf(0, 0)).contains("EMF"));
        assert!(refusal(&[0xd7, 0xcd, 0xc6, 0x9a, 0]).contains("WMF"));
        assert!(refusal(b"II*\0").contains("not a PNG"));
    }
}

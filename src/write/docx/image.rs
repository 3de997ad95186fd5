//! The pixel size of a PNG, JPEG, GIF or BMP picture and the size an EMF or WMF picture gives
//! itself, read from their headers, and where a picture's source points. Nothing is decoded:
//! the bytes go into the DOCX as they are.

use std::path::{Path, PathBuf};

/// The picture formats the writer embeds.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    /// PNG.
    Png,
    /// JPEG (JFIF or Exif).
    Jpeg,
    /// GIF (87a or 89a).
    Gif,
    /// BMP (Windows or OS/2 bitmap).
    Bmp,
}

const PNG_SIGNATURE: &[u8] = &[0x89, b'P', b'N', b'G', b'\r', b'\n', 0x1a, b'\n'];

/// The format and the pixel size (width, height) of a PNG, JPEG, GIF or BMP, from its header; `None`
/// for anything else, or a header that is cut short or says the picture is empty (example:
/// the test `example_probe`).
pub fn probe(bytes: &[u8]) -> Option<(Kind, u32, u32)> {
    let (kind, w, h) = if bytes.starts_with(PNG_SIGNATURE) {
        // the first chunk is IHDR: length, type, width, height (big-endian)
        if bytes.get(12..16)? != b"IHDR" {
            return None;
        }
        (Kind::Png, be32(bytes, 16)?, be32(bytes, 20)?)
    } else if bytes.starts_with(&[0xff, 0xd8]) {
        let (w, h) = jpeg_size(bytes)?;
        (Kind::Jpeg, w, h)
    } else if bytes.starts_with(b"GIF87a") || bytes.starts_with(b"GIF89a") {
        // the logical screen: width, height (little-endian)
        (Kind::Gif, le16(bytes, 6)?, le16(bytes, 8)?)
    } else if bytes.starts_with(b"BM") {
        // the DIB header after the 14-byte file header: its size, then width and height, 16
        // bits each in the OS/2 header of 12 bytes, else 32 (a negative height: top-down)
        let (w, h) = if le32(bytes, 14)? == 12 {
            (le16(bytes, 18)?, le16(bytes, 20)?)
        } else {
            let w = le32(bytes, 18)? as i32;
            let h = le32(bytes, 22)? as i32;
            (w.unsigned_abs(), h.unsigned_abs())
        };
        (Kind::Bmp, w, h)
    } else {
        return None;
    };
    (w > 0 && h > 0).then_some((kind, w, h))
}

/// A Windows metafile: the vector pictures Word and WPS keep for charts, equations and pasted
/// drawings. A DOCX holds them as parts of their own (`image/x-emf`, `image/x-wmf`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Metafile {
    /// Enhanced metafile.
    Emf,
    /// Windows metafile (placeable or not).
    Wmf,
}

impl Metafile {
    /// The part name extension and content type a DOCX gives it.
    pub fn content_type(self) -> (&'static str, &'static str) {
        match self {
            Metafile::Emf => ("emf", "image/x-emf"),
            Metafile::Wmf => ("wmf", "image/x-wmf"),
        }
    }
}

/// EMU in 0.01 mm (an EMF frame's unit).
const EMU_PER_HUNDREDTH_MM: u64 = 360;
/// EMU in an inch.
const EMU_PER_INCH: u64 = 914_400;

/// Whether `bytes` are a metafile, by their first bytes (an EMF's header record and its
/// `" EMF"` signature at byte 40; a placeable WMF's key, or a WMF header's type and size).
pub fn metafile_kind(bytes: &[u8]) -> Option<Metafile> {
    if bytes.get(..4) == Some(&[1, 0, 0, 0]) && bytes.get(40..44) == Some(b" EMF") {
        Some(Metafile::Emf)
    } else if bytes.starts_with(&[0xd7, 0xcd, 0xc6, 0x9a])
        || bytes.starts_with(&[1, 0, 9, 0])
        || bytes.starts_with(&[2, 0, 9, 0])
    {
        Some(Metafile::Wmf)
    } else {
        None
    }
}

/// A metafile and the size (EMU: width, height) it gives itself: an EMF its frame (in 0.01
/// mm), a placeable WMF its bounding box over its units per inch. `None` for anything else, and
/// for a WMF without the placeable header or a metafile whose size is empty (example: the test
/// `metafile_sizes`).
pub fn metafile(bytes: &[u8]) -> Option<(Metafile, u64, u64)> {
    let kind = metafile_kind(bytes)?;
    let (w, h) = match kind {
        Metafile::Emf => {
            // rclFrame: left, top, right, bottom (signed 32-bit, little-endian) at byte 24
            let at = |i| le32(bytes, i).map(|v| i64::from(v as i32));
            let (l, t, r, b) = (at(24)?, at(28)?, at(32)?, at(36)?);
            let hmm = |d: i64| d.unsigned_abs() * EMU_PER_HUNDREDTH_MM;
            (hmm(r - l), hmm(b - t))
        }
        Metafile::Wmf => {
            if !bytes.starts_with(&[0xd7, 0xcd, 0xc6, 0x9a]) {
                return None;
            }
            // the bounding box (signed 16-bit) at byte 6, the units per inch at byte 14
            let at = |i| le16(bytes, i).map(|v| i64::from(v as u16 as i16));
            let (l, t, r, b) = (at(6)?, at(8)?, at(10)?, at(12)?);
            let inch = u64::from(le16(bytes, 14)?);
            if inch == 0 {
                return None;
            }
            let emu = |d: i64| d.unsigned_abs() * EMU_PER_INCH / inch;
            (emu(r - l), emu(b - t))
        }
    };
    (w > 0 && h > 0).then_some((kind, w, h))
}

fn be32(b: &[u8], at: usize) -> Option<u32> {
    Some(u32::from_be_bytes(b.get(at..at + 4)?.try_into().ok()?))
}

fn le16(b: &[u8], at: usize) -> Option<u32> {
    Some(u32::from(u16::from_le_bytes(
        b.get(at..at + 2)?.try_into().ok()?,
    )))
}

fn le32(b: &[u8], at: usize) -> Option<u32> {
    Some(u32::from_le_bytes(b.get(at..at + 4)?.try_into().ok()?))
}

fn be16(b: &[u8], at: usize) -> Option<u32> {
    Some(u32::from(u16::from_be_bytes(
        b.get(at..at + 2)?.try_into().ok()?,
    )))
}

/// Walk the JPEG's marker segments to the first start-of-frame; each step moves forward, so
/// the walk is linear in the header's length.
fn jpeg_size(b: &[u8]) -> Option<(u32, u32)> {
    let mut i = 2;
    loop {
        // a marker: one or more 0xFF, then its code
        if *b.get(i)? != 0xff {
            return None;
        }
        while *b.get(i)? == 0xff {
            i += 1;
        }
        let code = *b.get(i)?;
        i += 1;
        match code {
            // markers without a length: TEM, RSTn
            0x01 | 0xd0..=0xd7 => continue,
            // end of image, start of scan: no frame header before them
            0xd9 | 0xda => return None,
            // SOF0–SOF15, but DHT (C4), JPG (C8) and DAC (CC): length, precision, height, width
            0xc0..=0xcf if !matches!(code, 0xc4 | 0xc8 | 0xcc) => {
                return Some((be16(b, i + 5)?, be16(b, i + 3)?));
            }
            _ => {
                let len = be16(b, i)? as usize;
                if len < 2 {
                    return None;
                }
                i += len;
            }
        }
    }
}

/// Whether a picture's source is a URL (which the writer does not fetch) rather than a path.
pub fn is_url(src: &str) -> bool {
    let Some((scheme, _)) = src.split_once(':') else {
        return false;
    };
    // a Windows drive letter (C:\…) is a path
    scheme.len() > 1
        && scheme.starts_with(|c: char| c.is_ascii_alphabetic())
        && scheme
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'))
}

/// Where a picture's path points: relative paths are taken from `base` (the source file's
/// folder), or from the working directory without one.
pub fn resolve(src: &str, base: Option<&Path>) -> PathBuf {
    let p = Path::new(src);
    match base {
        Some(b) if p.is_relative() => b.join(p),
        _ => p.to_path_buf(),
    }
}

/// `src` with its `%XX` escapes decoded, when it has any and they decode to UTF-8 (Markdown
/// writes a space in a path as `%20`).
pub fn percent_decoded(src: &str) -> Option<String> {
    if !src.contains('%') {
        return None;
    }
    let b = src.as_bytes();
    let mut out = Vec::with_capacity(b.len());
    let mut i = 0;
    while i < b.len() {
        let hex = |c: u8| (c as char).to_digit(16);
        match (
            b[i],
            b.get(i + 1).and_then(|&c| hex(c)),
            b.get(i + 2).and_then(|&c| hex(c)),
        ) {
            (b'%', Some(h), Some(l)) => {
                out.push((h * 16 + l) as u8);
                i += 3;
            }
            (c, _, _) => {
                out.push(c);
                i += 1;
            }
        }
    }
    String::from_utf8(out).ok().filter(|s| s != src)
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    fn png(w: u32, h: u32) -> Vec<u8> {
        let mut v = PNG_SIGNATURE.to_vec();
        v.extend([0, 0, 0, 13]);
        v.extend(b"IHDR");
        v.extend(w.to_be_bytes());
        v.extend(h.to_be_bytes());
        v.extend([8, 2, 0, 0, 0]);
        v
    }

    #[test]
    fn example_probe() {
        assert_eq!(probe(&png(3, 2)), Some((Kind::Png, 3, 2)));
    }

    #[test]
    fn png_and_jpeg_sizes() {
        assert_eq!(probe(&png(640, 480)), Some((Kind::Png, 640, 480)));
        assert_eq!(probe(&png(0, 480)), None);
        assert_eq!(probe(&png(640, 480)[..20]), None);
        // SOI, an APP0 of 16 bytes, SOF0: length 17, precision 8, height 300, width 400
        let mut j = vec![0xff, 0xd8, 0xff, 0xe0, 0, 16];
        j.extend([0; 14]);
        j.extend([0xff, 0xc0, 0, 17, 8, 0x01, 0x2c, 0x01, 0x90, 3]);
        assert_eq!(probe(&j), Some((Kind::Jpeg, 400, 300)));
        // a DHT before the frame is skipped, not read as one
        let mut k = vec![0xff, 0xd8, 0xff, 0xc4, 0, 4, 0, 0];
        k.extend([0xff, 0xc2, 0, 17, 8, 0, 10, 0, 20, 3]);
        assert_eq!(probe(&k), Some((Kind::Jpeg, 20, 10)));
        assert_eq!(probe(&[0xff, 0xd8, 0xff, 0xda]), None);
        assert_eq!(probe(&[0xff, 0xd8, 0xff, 0xe0, 0, 1]), None);
        assert_eq!(probe(b"GIF89a"), None);
        assert_eq!(
            probe(b"GIF89a\x20\x03\x58\x02\0"),
            Some((Kind::Gif, 800, 600))
        );
        let mut bmp = b"BM".to_vec();
        bmp.resize(14, 0);
        bmp.extend(40u32.to_le_bytes());
        bmp.extend(64i32.to_le_bytes());
        bmp.extend((-32i32).to_le_bytes());
        assert_eq!(probe(&bmp), Some((Kind::Bmp, 64, 32)));
        let mut os2 = b"BM".to_vec();
        os2.resize(14, 0);
        os2.extend(12u32.to_le_bytes());
        os2.extend([10, 0, 20, 0]);
        assert_eq!(probe(&os2), Some((Kind::Bmp, 10, 20)));
        assert_eq!(probe(&bmp[..20]), None);
        assert_eq!(probe(&[]), None);
    }

    /// An EMF header whose frame is `w` × `h` hundredths of a millimetre.
    pub(crate) fn emf(w: i32, h: i32) -> Vec<u8> {
        let mut v = vec![1, 0, 0, 0, 108, 0, 0, 0];
        v.resize(24, 0);
        for x in [0, 0, w, h] {
            v.extend(x.to_le_bytes());
        }
        v.extend(b" EMF");
        v.resize(108, 0);
        v
    }

    #[test]
    fn metafile_sizes() {
        // 100 × 50 mm
        assert_eq!(
            metafile(&emf(10_000, 5_000)),
            Some((Metafile::Emf, 3_600_000, 1_800_000))
        );
        assert_eq!(metafile(&emf(0, 5_000)), None);
        assert_eq!(metafile_kind(&emf(0, 5_000)), Some(Metafile::Emf));
        // a placeable WMF: box 0,0 – 192,96 at 96 units per inch: 2 × 1 inches
        let mut wmf = vec![
            0xd7, 0xcd, 0xc6, 0x9a, 0, 0, 0, 0, 0, 0, 192, 0, 96, 0, 96, 0,
        ];
        wmf.extend([0; 6]);
        assert_eq!(metafile(&wmf), Some((Metafile::Wmf, 1_828_800, 914_400)));
        assert_eq!(metafile(&wmf[..12]), None);
        // a WMF without the placeable header gives no size
        assert_eq!(metafile_kind(&[1, 0, 9, 0, 0, 3]), Some(Metafile::Wmf));
        assert_eq!(metafile(&[1, 0, 9, 0, 0, 3]), None);
        assert_eq!(metafile(&png(3, 2)), None);
        assert_eq!(Metafile::Wmf.content_type(), ("wmf", "image/x-wmf"));
    }

    #[test]
    fn urls_and_paths() {
        assert!(is_url("http://example.org/a.png"));
        assert!(is_url("https://example.org/a.png"));
        assert!(is_url("data:image/png;base64,AAAA"));
        assert!(!is_url("图/示意图.png"));
        assert!(!is_url("C:\\图\\a.png"));
        assert!(!is_url("a.png"));
        let base = Path::new("docs");
        assert_eq!(resolve("a.png", Some(base)), Path::new("docs/a.png"));
        assert_eq!(resolve("/x/a.png", Some(base)), Path::new("/x/a.png"));
        assert_eq!(resolve("a.png", None), Path::new("a.png"));
    }

    #[test]
    fn percent_escapes() {
        assert_eq!(
            percent_decoded("my%20pic.png").as_deref(),
            Some("my pic.png")
        );
        assert_eq!(percent_decoded("%E5%9B%BE.png").as_deref(), Some("图.png"));
        assert_eq!(percent_decoded("a.png"), None);
        assert_eq!(percent_decoded("100%.png"), None);
        assert_eq!(percent_decoded("%ff.png"), None);
    }
}

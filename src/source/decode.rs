//! Bytes → text, and text → the same bytes again.
//!
//! In order: what is not text is named (a PDF, an OLE2 file, an image; a zip is read as a DOCX
//! before this); a byte-order mark decides (UTF-8, UTF-16LE/BE, GB18030; UTF-32 is refused);
//! UTF-16 without one is read when its NUL bytes fall as UTF-16's do and it decodes to
//! plausible text; then strict UTF-8; then the encoding the caller named, or else the
//! detector's guess (chardetng on a prefix), decoded with encoding_rs and taken only when the
//! detector is confident and the whole input decodes without an error.
//!
//! UTF-16 is looked for before UTF-8 because short UTF-16 text can be valid UTF-8 by chance
//! (一、总则 in UTF-16LE is `00 4E 01 30 3B 60 19 52`), while UTF-8 text has no NUL bytes.
//!
//! The text is UTF-8: spans index it, lines and columns are counted on it. A UTF-8 file's
//! byte-order mark stays in it as U+FEFF, so that its spans are the file's byte offsets; the
//! mark of any other encoding is not in the text (no span is a file offset there) but is
//! remembered, and [`encode`] writes it back.

use crate::{Error, FileKind};
use encoding_rs::{
    DecoderResult, EncoderResult, Encoding, GB18030, GBK, UTF_16BE, UTF_16LE, UTF_8,
};

/// How far into the input the detector and the UTF-16 test look.
const PREFIX: usize = 256 << 10;

/// The share of a prefix's characters that must be plausible for UTF-16 without a BOM.
const PLAUSIBLE: f64 = 0.9;

/// How a text was encoded, so that it can be written back the same way.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Found {
    /// The encoding: UTF-8, UTF-16LE, UTF-16BE or a legacy one (GB18030, GBK, Big5, …).
    pub enc: &'static Encoding,
    /// Whether the input began with a byte-order mark.
    pub bom: bool,
    /// Whether encoding the decoded text again gives back the input's bytes.
    pub exact: bool,
}

impl Found {
    /// UTF-8, as every text in memory is.
    pub const UTF8: Found = Found {
        enc: UTF_8,
        bom: false,
        exact: true,
    };

    /// The encoding's name in lower case: `utf-8`, `gb18030`, `utf-16le`, `big5`.
    pub fn name(&self) -> String {
        self.enc.name().to_ascii_lowercase()
    }
}

/// The name messages give an encoding: encoding_rs's, with `GB18030` in capitals as iconv
/// and the standard write it.
pub(crate) fn display_name(enc: &'static Encoding) -> &'static str {
    if enc == GB18030 {
        "GB18030"
    } else {
        enc.name()
    }
}

/// Decode `bytes`, read from `name`; `forced` is the encoding the caller named, if any.
pub(crate) fn decode(
    name: &str,
    bytes: Vec<u8>,
    forced: Option<&'static Encoding>,
) -> Result<(String, Found), Error> {
    if let Some(kind) = sniff(&bytes) {
        return Err(Error::NotText {
            name: name.to_string(),
            kind,
        });
    }
    if bytes.starts_with(b"\xEF\xBB\xBF") {
        let found = Found {
            bom: true,
            ..Found::UTF8
        };
        return super::utf8(bytes)
            .map(|t| (t, found))
            .map_err(|b| utf8_error(name, &b));
    }
    if let Some(r) = by_bom(name, &bytes) {
        return r;
    }
    if let Some(enc) = forced.filter(|e| *e == UTF_16LE || *e == UTF_16BE) {
        return strict(name, enc, &bytes, false);
    }
    if let Some(r) = utf16_by_nuls(&bytes).and_then(|e| strict(name, e, &bytes, true).ok()) {
        return Ok(r);
    }
    match super::utf8(bytes) {
        Ok(t) => Ok((t, Found::UTF8)),
        Err(bytes) => not_utf8(name, &bytes, forced),
    }
}

/// What the first bytes say the input is, when it is not text.
pub(crate) fn sniff(bytes: &[u8]) -> Option<FileKind> {
    const SIGNATURES: [(&[u8], FileKind); 6] = [
        (b"%PDF-", FileKind::Pdf),
        (b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1", FileKind::Ole2),
        (b"\x89PNG\r\n\x1A\n", FileKind::Png),
        (b"\xFF\xD8\xFF", FileKind::Jpeg),
        (b"GIF87a", FileKind::Gif),
        (b"GIF89a", FileKind::Gif),
    ];
    SIGNATURES
        .iter()
        .find(|(sig, _)| bytes.starts_with(sig))
        .map(|(_, kind)| *kind)
}

/// The encoding a byte-order mark names (UTF-8's is handled before), decoded, the mark taken
/// out of the text; UTF-32 refused.
fn by_bom(name: &str, bytes: &[u8]) -> Option<Result<(String, Found), Error>> {
    let marked = |enc| {
        strict(name, enc, bytes, false).map(|(mut text, found)| {
            text.drain(..'\u{feff}'.len_utf8());
            (text, Found { bom: true, ..found })
        })
    };
    let utf32 = |encoding| {
        Err(Error::UnsupportedEncoding {
            name: name.to_string(),
            encoding,
        })
    };
    if bytes.starts_with(b"\xFF\xFE\0\0") {
        Some(utf32("UTF-32LE"))
    } else if bytes.starts_with(b"\0\0\xFE\xFF") {
        Some(utf32("UTF-32BE"))
    } else if bytes.starts_with(b"\xFF\xFE") {
        Some(marked(UTF_16LE))
    } else if bytes.starts_with(b"\xFE\xFF") {
        Some(marked(UTF_16BE))
    } else if bytes.starts_with(b"\x84\x31\x95\x33") {
        Some(marked(GB18030))
    } else {
        None
    }
}

/// Bytes that are not UTF-8: cut short, in the encoding named, damaged UTF-8, binary, or the
/// detector's confident guess.
fn not_utf8(
    name: &str,
    bytes: &[u8],
    forced: Option<&'static Encoding>,
) -> Result<(String, Found), Error> {
    let e = std::str::from_utf8(bytes).expect_err("not UTF-8");
    let offset = e.valid_up_to();
    if e.error_len().is_none() && !bytes[..offset].is_ascii() {
        return Err(utf8_error(name, bytes));
    }
    if let Some(enc) = forced {
        return strict(name, enc, bytes, false);
    }
    if mostly_utf8(bytes) {
        return Err(utf8_error(name, bytes));
    }
    if let Some(nul_at) = memchr::memchr(0, bytes) {
        return Err(Error::NotText {
            name: name.to_string(),
            kind: FileKind::Binary { nul_at },
        });
    }
    let prefix = &bytes[..bytes.len().min(PREFIX)];
    let mut det = chardetng::EncodingDetector::new();
    det.feed(prefix, prefix.len() == bytes.len());
    let (enc, confident) = det.guess_assess(None, false);
    // GBK and GB2312 text is GB18030 text: one decoder reads all three
    let enc = if enc == GBK { GB18030 } else { enc };
    match strict(name, enc, bytes, true) {
        Ok(r) if confident => Ok(r),
        Err(e) if confident => Err(e),
        decoded => Err(Error::Encoding {
            name: name.to_string(),
            offset,
            line: line_at(bytes, offset),
            guess: decoded.is_ok().then(|| display_name(enc)),
        }),
    }
}

/// Why bytes that should be UTF-8 are not: cut short, or invalid at a byte.
fn utf8_error(name: &str, bytes: &[u8]) -> Error {
    let e = std::str::from_utf8(bytes).expect_err("not UTF-8");
    let offset = e.valid_up_to();
    let line = line_at(bytes, offset);
    match e.error_len() {
        None => Error::Truncated {
            name: name.to_string(),
            encoding: "UTF-8",
            offset,
            line,
            have: bytes.len() - offset,
        },
        Some(_) => Error::Decode {
            name: name.to_string(),
            encoding: "UTF-8",
            offset,
            line,
            guessed: false,
        },
    }
}

/// Whether most of the non-ASCII characters are valid UTF-8: then the input is UTF-8 that is
/// damaged somewhere, not text in a legacy encoding (in which by chance a few are).
fn mostly_utf8(bytes: &[u8]) -> bool {
    let (mut good, mut bad) = (0usize, 0usize);
    for chunk in bytes.utf8_chunks() {
        good += chunk.valid().bytes().filter(|b| *b >= 0xC0).count();
        bad += usize::from(!chunk.invalid().is_empty());
    }
    good > bad
}

/// The 1-based line of byte `offset` in ASCII-compatible bytes.
fn line_at(bytes: &[u8], offset: usize) -> usize {
    1 + memchr::memchr_iter(b'\n', &bytes[..offset]).count()
}

/// Decode all of `bytes` in `enc` without replacing anything: the text and how it was
/// encoded, or where it fails. `guessed` says whether `enc` is only a guess, for the message.
fn strict(
    name: &str,
    enc: &'static Encoding,
    bytes: &[u8],
    guessed: bool,
) -> Result<(String, Found), Error> {
    let mut dec = enc.new_decoder_without_bom_handling();
    let cap = dec
        .max_utf8_buffer_length_without_replacement(bytes.len())
        .unwrap_or(usize::MAX);
    let mut text = String::with_capacity(cap);
    let (result, read) = dec.decode_to_string_without_replacement(bytes, &mut text, true);
    match result {
        DecoderResult::InputEmpty => {}
        DecoderResult::OutputFull => unreachable!("the buffer holds the longest decoding"),
        DecoderResult::Malformed(bad, after) => {
            let (bad, after) = (usize::from(bad), usize::from(after));
            let offset = read - bad - after;
            let line = 1 + memchr::memchr_iter(b'\n', text.as_bytes()).count();
            let (name, encoding) = (name.to_string(), display_name(enc));
            return Err(if after == 0 && read == bytes.len() {
                let have = bad;
                Error::Truncated {
                    name,
                    encoding,
                    offset,
                    line,
                    have,
                }
            } else {
                Error::Decode {
                    name,
                    encoding,
                    offset,
                    line,
                    guessed,
                }
            });
        }
    }
    text.shrink_to_fit();
    let found = if enc == UTF_8 || enc == UTF_16LE || enc == UTF_16BE {
        Found {
            enc,
            bom: false,
            exact: true,
        }
    } else {
        round_trip(enc, &text, bytes)
    };
    Ok((text, found))
}

/// The encoder that gives `bytes` back from `text`: `enc`'s own, or, for the GB family, its
/// sibling's (GBK writes € as the single byte 0x80, GB18030 as two bytes; both decode alike).
fn round_trip(enc: &'static Encoding, text: &str, bytes: &[u8]) -> Found {
    let sibling = match enc {
        e if e == GB18030 => Some(GBK),
        e if e == GBK => Some(GB18030),
        _ => None,
    };
    for e in std::iter::once(enc).chain(sibling) {
        if encodes_to(e, text, bytes) {
            return Found {
                enc: e,
                bom: false,
                exact: true,
            };
        }
    }
    Found {
        enc,
        bom: false,
        exact: false,
    }
}

/// Whether encoding `text` in `enc` gives exactly `bytes`, compared a buffer at a time.
fn encodes_to(enc: &'static Encoding, text: &str, bytes: &[u8]) -> bool {
    let mut encoder = enc.new_encoder();
    let mut buf = [0u8; 8192];
    let (mut rest, mut at) = (text, 0);
    loop {
        let (result, read, written) =
            encoder.encode_from_utf8_without_replacement(rest, &mut buf, true);
        if bytes.get(at..at + written) != Some(&buf[..written]) {
            return false;
        }
        at += written;
        rest = &rest[read..];
        match result {
            EncoderResult::InputEmpty => return at == bytes.len(),
            EncoderResult::OutputFull => {}
            EncoderResult::Unmappable(_) => return false,
        }
    }
}

/// `text` in the encoding `found`: the byte offset in `text` and the character that has no
/// form in it when one has not.
pub(crate) fn encode(found: Found, text: &str) -> Result<Vec<u8>, (usize, char)> {
    let units = |le: bool| -> Vec<u8> {
        let mut out = Vec::with_capacity(text.len() * 2);
        for u in text.encode_utf16() {
            out.extend_from_slice(&if le { u.to_le_bytes() } else { u.to_be_bytes() });
        }
        out
    };
    match found.enc {
        e if e == UTF_8 => Ok(text.as_bytes().to_vec()),
        e if e == UTF_16LE => Ok(units(true)),
        e if e == UTF_16BE => Ok(units(false)),
        e => {
            let mut encoder = e.new_encoder();
            let cap = encoder
                .max_buffer_length_from_utf8_without_replacement(text.len())
                .unwrap_or(usize::MAX);
            let mut out = Vec::with_capacity(cap);
            let (result, read) =
                encoder.encode_from_utf8_to_vec_without_replacement(text, &mut out, true);
            match result {
                EncoderResult::Unmappable(c) => Err((read - c.len_utf8(), c)),
                _ => Ok(out),
            }
        }
    }
}

/// UTF-16 without a byte-order mark, when the prefix has NUL bytes and one byte order decodes
/// it to plausible text; when both do (ASCII read either way is letters or CJK), the order
/// whose high bytes hold the NULs.
fn utf16_by_nuls(bytes: &[u8]) -> Option<&'static Encoding> {
    let p = &bytes[..bytes.len().min(PREFIX) & !1];
    memchr::memchr(0, p)?;
    let odd = p.iter().skip(1).step_by(2).filter(|b| **b == 0).count();
    let even = p.iter().step_by(2).filter(|b| **b == 0).count();
    let le = plausible(p, u16::from_le_bytes) >= PLAUSIBLE;
    let be = plausible(p, u16::from_be_bytes) >= PLAUSIBLE;
    match (le, be) {
        (true, true) if odd >= even => Some(UTF_16LE),
        (true, true) => Some(UTF_16BE),
        (true, false) => Some(UTF_16LE),
        (false, true) => Some(UTF_16BE),
        (false, false) => None,
    }
}

/// The share of UTF-16 code units in `p` that make characters a document is written in:
/// ASCII text and whitespace, Latin, Greek and Cyrillic, punctuation and symbols, CJK, kana,
/// Hangul, full-width forms, and surrogate pairs.
fn plausible(p: &[u8], unit: fn([u8; 2]) -> u16) -> f64 {
    let units: Vec<u16> = p.chunks_exact(2).map(|c| unit([c[0], c[1]])).collect();
    let mut good = 0usize;
    for (i, &u) in units.iter().enumerate() {
        let next = units.get(i + 1).copied().unwrap_or(0);
        let prev = if i > 0 { units[i - 1] } else { 0 };
        good += usize::from(match u {
            0x09 | 0x0A | 0x0C | 0x0D | 0x20..=0x7E => true,
            0xA0..=0x24F | 0x370..=0x52F | 0x2000..=0x2BFF | 0x3000..=0x9FFF => true,
            0xAC00..=0xD7A3 | 0xF900..=0xFAFF | 0xFE30..=0xFE4F | 0xFEFF | 0xFF00..=0xFFEF => true,
            0xD800..=0xDBFF => (0xDC00..=0xDFFF).contains(&next),
            0xDC00..=0xDFFF => (0xD800..=0xDBFF).contains(&prev),
            _ => false,
        });
    }
    good as f64 / units.len().max(1) as f64
}

/// How far into an HTML page a `<meta charset>` is looked for.
const META_PREFIX: usize = 4096;

/// The encoding an HTML page's `<meta charset="…">` or `<meta http-equiv="Content-Type"
/// content="…; charset=…">` names in its first bytes, when it is one the decoder takes as the
/// caller's: not UTF-8 (the page is read as UTF-8 when it is UTF-8 anyway) and not UTF-16
/// (which HTML ignores in a `meta`). GBK and GB2312 are read as GB18030, as the detector's are.
pub(crate) fn meta_charset(bytes: &[u8]) -> Option<&'static Encoding> {
    let head = &bytes[..bytes.len().min(META_PREFIX)];
    let lower = head.to_ascii_lowercase();
    let mut from = 0;
    while let Some(at) = memchr::memmem::find(&lower[from..], b"<meta") {
        let tag_start = from + at;
        let tag_end =
            memchr::memchr(b'>', &lower[tag_start..]).map_or(lower.len(), |e| tag_start + e);
        let tag = &lower[tag_start..tag_end];
        if let Some(c) = memchr::memmem::find(tag, b"charset") {
            let rest = &tag[c + "charset".len()..];
            let rest = rest.trim_ascii_start();
            if let Some(rest) = rest.strip_prefix(b"=") {
                let rest = rest.trim_ascii_start();
                let rest = rest
                    .strip_prefix(b"\"")
                    .or_else(|| rest.strip_prefix(b"'"))
                    .unwrap_or(rest);
                let n = rest
                    .iter()
                    .take_while(|c| {
                        c.is_ascii_alphanumeric() || matches!(c, b'-' | b'_' | b':' | b'.')
                    })
                    .count();
                let enc = Encoding::for_label(&rest[..n])?;
                if enc == UTF_8 || enc == UTF_16LE || enc == UTF_16BE {
                    return None;
                }
                return Some(if enc == GBK { GB18030 } else { enc });
            }
        }
        from = tag_end;
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn dec(bytes: &[u8]) -> Result<(String, Found), Error> {
        decode("t.txt", bytes.to_vec(), None)
    }

    #[test]
    fn utf8_with_and_without_a_bom() {
        assert_eq!(dec("一、总则\n".as_bytes()).unwrap().0, "一、总则\n");
        let (t, f) = dec("\u{feff}一、总则\n".as_bytes()).unwrap();
        assert_eq!((t.as_str(), f.bom), ("\u{feff}一、总则\n", true));
        // other encodings' marks are not in the text
        let (bytes, _, _) = GB18030.encode("\u{feff}一、总则\n");
        let (t, f) = dec(&bytes).unwrap();
        assert_eq!(
            (t.as_str(), f.bom, f.name()),
            ("一、总则\n", true, "gb18030".into())
        );
        let mut with_mark = encode(f, "\u{feff}").unwrap();
        with_mark.extend(encode(f, &t).unwrap());
        assert_eq!(with_mark, bytes.as_ref());
    }

    #[test]
    fn short_utf16_without_a_bom_is_not_taken_for_utf8() {
        let le: Vec<u8> = "一、总则\n"
            .encode_utf16()
            .flat_map(u16::to_le_bytes)
            .collect();
        assert!(std::str::from_utf8(&le).is_ok(), "valid UTF-8 by chance");
        let (t, f) = dec(&le).unwrap();
        assert_eq!(
            (t.as_str(), f.name()),
            ("一、总则\n", "utf-16le".to_string())
        );
    }

    #[test]
    fn utf8_damaged_in_one_place_is_not_guessed_away() {
        let mut b = "一、总则\n二、附则\n".repeat(20).into_bytes();
        // line 4 starts at byte 39; its 一 loses its second byte
        b[40] = 0xFF;
        let e = dec(&b).unwrap_err();
        assert!(
            matches!(
                e,
                Error::Decode {
                    encoding: "UTF-8",
                    offset: 39,
                    line: 4,
                    ..
                }
            ),
            "{e}"
        );
    }

    #[test]
    fn gbk_reads_and_writes_back() {
        let text = "一、总体要求\n（一）指导思想。坚持以人民为中心的发展思想。\n".repeat(4);
        let (bytes, _, _) = GBK.encode(&text);
        let (t, f) = dec(&bytes).unwrap();
        assert_eq!(
            (t.as_str(), f.name(), f.exact),
            (text.as_str(), "gb18030".into(), true)
        );
        assert_eq!(encode(f, &t).unwrap(), bytes.as_ref());
        // a lone 0x80 is GBK's euro sign: only GBK's encoder gives it back
        let mut euro = bytes.to_vec();
        euro.insert(0, 0x80);
        let (t, f) = dec(&euro).unwrap();
        assert!(t.starts_with('€'));
        assert_eq!((f.name(), encode(f, &t).unwrap()), ("gbk".into(), euro));
    }

    #[test]
    fn a_character_with_no_form_is_named() {
        let f = Found {
            enc: GBK,
            bom: false,
            exact: true,
        };
        assert_eq!(encode(f, "一、•甲"), Err(("一、".len(), '•')));
    }
}

//! Bytes → text: BOM and UTF-8 validation, with a guess at the encoding when it fails.
//!
//! The text keeps every byte of the input, BOM included, so that spans are offsets into the
//! file as it is on disk and `fix` can splice without re-encoding.

use std::fmt;

/// Decoding failed: the input is not UTF-8.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DecodeError {
    /// Byte offset of the first invalid byte.
    pub offset: usize,
    /// 1-based line of that byte.
    pub line: usize,
    /// What a likely encoding would be, when one can be guessed.
    pub guess: Option<&'static str>,
}

impl fmt::Display for DecodeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "not valid UTF-8 at byte {} (line {})",
            self.offset, self.line
        )?;
        if let Some(g) = self.guess {
            write!(
                f,
                "; it looks like {g}: convert it with `iconv -f {g} -t UTF-8`"
            )?;
        }
        Ok(())
    }
}

impl std::error::Error for DecodeError {}

/// Validate `bytes` as UTF-8 (with or without BOM).
///
/// ```
/// let t = gongwen::decode::decode(b"\xEF\xBB\xBFabc").unwrap();
/// assert_eq!(t, "\u{FEFF}abc");
/// let e = gongwen::decode::decode(b"ab\xFFc").unwrap_err();
/// assert_eq!(e.offset, 2);
/// ```
pub fn decode(bytes: &[u8]) -> Result<&str, DecodeError> {
    std::str::from_utf8(bytes).map_err(|e| {
        let offset = e.valid_up_to();
        let line = 1 + bytes[..offset].iter().filter(|&&b| b == b'\n').count();
        let mut det = chardetng::EncodingDetector::new();
        det.feed(bytes, true);
        let enc = det.guess(Some(b"cn"), true);
        let guess = if enc == encoding_rs::UTF_8 {
            None
        } else {
            Some(if enc == encoding_rs::GBK {
                "GB18030"
            } else {
                enc.name()
            })
        };
        DecodeError {
            offset,
            line,
            guess,
        }
    })
}

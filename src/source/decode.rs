//! Bytes → text: BOM and UTF-8 validation, with a guess at the encoding when it fails.
//!
//! The text keeps every byte of the input, BOM included, so that spans are offsets into the
//! file as it is on disk and `fix` can splice without re-encoding.

/// Where and why bytes are not UTF-8.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Undecodable {
    /// Byte offset of the first invalid byte.
    pub offset: usize,
    /// 1-based line of that byte.
    pub line: usize,
    /// What a likely encoding would be, when one can be guessed.
    pub guess: Option<&'static str>,
}

/// Explain why `bytes`, which are not UTF-8, are not: the first invalid byte, its line, and a
/// guess at the encoding they are in (GB18030 for most Chinese text that is not UTF-8).
pub(crate) fn explain(bytes: &[u8]) -> Undecodable {
    let offset = std::str::from_utf8(bytes)
        .err()
        .map_or(bytes.len(), |e| e.valid_up_to());
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
    Undecodable {
        offset,
        line,
        guess,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_first_bad_byte_and_a_guess() {
        let e = explain(b"ab\xFFc");
        assert_eq!((e.offset, e.line), (2, 1));
        // 中文 in GBK, after a line of ASCII
        let e = explain(b"x\n\xd6\xd0\xce\xc4\xd6\xd0\xce\xc4\xd6\xd0\xce\xc4");
        assert_eq!((e.offset, e.line, e.guess), (2, 2, Some("GB18030")));
    }
}

//! The one line splitter: where the lines of a text start and end, and how they end.
//!
//! A line ends at `\n`, `\r\n` or a lone `\r`; a final line ending does not start another
//! line, and an empty text is one empty line. The grammar's lines, the [`LineIndex`] that turns
//! offsets into line numbers, and the input's newline kind all come from here.
//!
//! [`LineIndex`]: super::span::LineIndex

use super::span::Span;

/// How lines end in a source.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Newline {
    /// `\n`
    Lf,
    /// `\r\n`
    Crlf,
    /// a lone `\r`
    Cr,
    /// more than one kind
    Mixed,
    /// no line ending at all
    None,
}

/// The spans of the lines of `src`, without their line endings; and, when `src` has no `\r`,
/// whether each line holds a `<` or a `&` (markup may start there), found in the same pass,
/// and for Markdown a `*`, `_`, `]` or `\\`, found in two more passes over the whole input.
pub(crate) fn split(src: &str, markdown: bool) -> (Vec<Span>, Option<Vec<bool>>) {
    let b = src.as_bytes();
    let cap = src.len() / 60 + 1;
    let mut raw: Vec<Span> = Vec::with_capacity(cap);
    let mut start = 0;
    if memchr::memchr(b'\r', b).is_none() {
        // one search finds the line breaks and the markup bytes together
        let mut markup = Vec::with_capacity(cap);
        let mut seen = false;
        for i in memchr::memchr3_iter(b'\n', b'<', b'&', b) {
            if b[i] == b'\n' {
                raw.push(Span::new(start, i));
                markup.push(seen);
                start = i + 1;
                seen = false;
            } else {
                seen = true;
            }
        }
        if start < b.len() || raw.is_empty() {
            raw.push(Span::new(start, b.len()));
            markup.push(seen);
        }
        if markdown {
            // the lines are in order, and so are the hits: one walk matches them up
            let mut k = 0;
            for i in memchr::memchr3_iter(b'*', b'_', b']', b) {
                while raw[k].end < i {
                    k += 1;
                }
                markup[k] = true;
            }
            // and a backslash, which may escape the punctuation after it
            let mut k = 0;
            for i in memchr::memchr_iter(b'\\', b) {
                while raw[k].end < i {
                    k += 1;
                }
                markup[k] = true;
            }
        }
        return (raw, Some(markup));
    }
    let mut i = 0;
    while i < b.len() {
        i = next_break(b, i);
        match b.get(i) {
            Some(b'\n') => {
                raw.push(Span::new(start, i));
                start = i + 1;
            }
            Some(b'\r') => {
                raw.push(Span::new(start, i));
                if b.get(i + 1) == Some(&b'\n') {
                    i += 1;
                }
                start = i + 1;
            }
            _ => {}
        }
        i += 1;
    }
    if start < b.len() || raw.is_empty() {
        raw.push(Span::new(start, b.len()));
    }
    (raw, None)
}

/// The offset of the next `\n` or `\r` at or after `from`, or the length of `b`.
pub(crate) fn next_break(b: &[u8], from: usize) -> usize {
    let from = from.min(b.len());
    memchr::memchr2(b'\n', b'\r', &b[from..]).map_or(b.len(), |k| from + k)
}

/// The line endings of `src`, read from the gaps between its lines' `spans` (as [`split`]
/// gives them, in order) instead of a second scan of every byte: a line ends in `\n`, `\r\n`
/// or a lone `\r`, and nothing else lies between one line and the next.
pub(crate) fn newline(src: &str, spans: impl IntoIterator<Item = Span>) -> Newline {
    let b = src.as_bytes();
    let (mut lf, mut crlf, mut cr) = (false, false, false);
    let mut gap = |from: usize, to: usize| match &b[from.min(to)..to] {
        b"\n" => lf = true,
        b"\r\n" => crlf = true,
        b"\r" => cr = true,
        _ => {}
    };
    let mut prev: Option<Span> = None;
    for s in spans {
        if let Some(p) = prev {
            gap(p.end, s.start);
        }
        prev = Some(s);
    }
    if let Some(p) = prev {
        gap(p.end, b.len());
    }
    match (lf, crlf, cr) {
        (false, false, false) => Newline::None,
        (true, false, false) => Newline::Lf,
        (false, true, false) => Newline::Crlf,
        (false, false, true) => Newline::Cr,
        _ => Newline::Mixed,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_pass_split_agrees_with_the_line_by_line_split() {
        for src in [
            "",
            "a",
            "a\n",
            "\n\n",
            "<b>一</b>\n&emsp;二\n三",
            "甲\n乙<\n&",
            "x\r\ny<",
            "**粗**\n甲_乙\n[链](x)\n]",
            "*",
        ] {
            for md in [false, true] {
                let (raw, markup) = split(src, md);
                let spans: Vec<Span> = lines_by_breaks(src);
                assert_eq!(raw, spans, "{src:?}");
                let marks: &[char] = if md {
                    &['<', '&', '*', '_', ']']
                } else {
                    &['<', '&']
                };
                if let Some(m) = markup {
                    let want: Vec<bool> = raw
                        .iter()
                        .map(|sp| src[sp.range()].contains(marks))
                        .collect();
                    assert_eq!(m, want, "{src:?} markdown={md}");
                } else {
                    assert!(src.contains('\r'));
                }
            }
        }
    }

    /// The line spans found by stepping from one break to the next.
    fn lines_by_breaks(src: &str) -> Vec<Span> {
        let b = src.as_bytes();
        let (mut out, mut start, mut i) = (Vec::new(), 0, 0);
        while i < b.len() {
            if b[i] == b'\n' || b[i] == b'\r' {
                out.push(Span::new(start, i));
                if b[i] == b'\r' && b.get(i + 1) == Some(&b'\n') {
                    i += 1;
                }
                start = i + 1;
            }
            i += 1;
        }
        if start < b.len() || out.is_empty() {
            out.push(Span::new(start, b.len()));
        }
        out
    }

    #[test]
    fn next_break_finds_the_first_line_ending() {
        let long = "正文".repeat(30);
        assert_eq!(next_break(long.as_bytes(), 0), long.len());
        for at in [0, 30, 33, 90, long.len()] {
            for nl in ["\n", "\r"] {
                let mut s = long.clone();
                s.insert_str(at, nl);
                s.push('\n');
                assert_eq!(next_break(s.as_bytes(), 0), at, "{at} {nl:?}");
            }
        }
        assert_eq!(next_break(b"a\nb\nc", 2), 3);
    }

    /// Which line ending a text uses, by a scan of every byte.
    fn newline_by_scan(text: &str) -> Newline {
        let b = text.as_bytes();
        let (mut lf, mut crlf, mut cr) = (0, 0, 0);
        let mut i = 0;
        while i < b.len() {
            match b[i] {
                b'\n' => lf += 1,
                b'\r' if b.get(i + 1) == Some(&b'\n') => {
                    crlf += 1;
                    i += 1
                }
                b'\r' => cr += 1,
                _ => {}
            }
            i += 1;
        }
        match (lf > 0, crlf > 0, cr > 0) {
            (false, false, false) => Newline::None,
            (true, false, false) => Newline::Lf,
            (false, true, false) => Newline::Crlf,
            (false, false, true) => Newline::Cr,
            _ => Newline::Mixed,
        }
    }

    #[test]
    fn line_endings_from_spans_match_a_full_scan() {
        for src in [
            "",
            "a",
            "a\n",
            "a\nb",
            "a\r\nb\r\n",
            "a\rb",
            "a\r",
            "a\n\r\n",
            "\r\r\n\n",
            "甲\r\n乙\r丙\n",
            "\n",
            "\r\n",
            "\r",
            "a\n\nb\r\r",
        ] {
            for md in [false, true] {
                let (spans, _) = split(src, md);
                assert_eq!(newline(src, spans), newline_by_scan(src), "{src:?}");
            }
        }
    }
}

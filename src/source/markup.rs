//! Seeing through markup: the visible text of a line of Markdown or scraped HTML, with a map
//! back to the bytes of the line.
//!
//! Half the documents people feed in are Markdown or HTML fragments: `#` headings, `<p>`, `<b>`,
//! `&emsp;` indents, `**bold**`, `[links](…)`. The grammar reads the visible text; every
//! offset it finds is mapped back to the source, so spans, diagnostics and fixes point at the
//! real bytes.

use std::borrow::Cow;

#[derive(Debug, Clone, Copy)]
struct Run {
    /// visible offset where the run starts
    vis: u32,
    /// source offset (relative to the line) where it starts
    src: u32,
    /// 0 for verbatim text; otherwise the source length of a one-character entity
    ent: u32,
}

/// The visible text of one line and how it maps back to the source.
#[derive(Debug, Clone)]
pub struct Visible<'a> {
    /// The visible text.
    pub text: Cow<'a, str>,
    /// Byte offset of the line in the source.
    pub origin: usize,
    runs: Vec<Run>,
    /// The Markdown ATX heading depth when the line was a `#…` heading, else 0.
    pub md_heading: u8,
}

impl<'a> Visible<'a> {
    /// A line with no markup: the visible text is the line.
    pub fn plain(line: &'a str, origin: usize) -> Self {
        Visible {
            text: Cow::Borrowed(line),
            origin,
            runs: Vec::new(),
            md_heading: 0,
        }
    }

    /// True when the visible text differs from the line.
    pub fn has_markup(&self) -> bool {
        !self.runs.is_empty()
    }

    fn run_at(&self, vis: usize) -> usize {
        match self.runs.binary_search_by_key(&(vis as u32), |r| r.vis) {
            Ok(i) => i,
            Err(0) => 0,
            Err(i) => i - 1,
        }
    }

    /// Source offset of a visible start offset.
    pub fn src_start(&self, vis: usize) -> usize {
        if self.runs.is_empty() {
            return self.origin + vis;
        }
        let r = self.runs[self.run_at(vis)];
        let rel = if r.ent == 0 {
            r.src + (vis as u32).saturating_sub(r.vis)
        } else {
            r.src
        };
        self.origin + rel as usize
    }

    /// Source offset of a visible end offset (the end of the run before it).
    pub fn src_end(&self, vis: usize) -> usize {
        if self.runs.is_empty() || vis == 0 {
            return self.src_start(vis);
        }
        let i = match self.runs.binary_search_by_key(&(vis as u32), |r| r.vis) {
            Ok(i) => i.saturating_sub(1),
            Err(0) => 0,
            Err(i) => i - 1,
        };
        let r = self.runs[i];
        let rel = if r.ent == 0 {
            r.src + (vis as u32 - r.vis)
        } else {
            r.src + r.ent
        };
        self.origin + rel as usize
    }

    /// Compute the visible text of `line` (which starts at `origin` in the source).
    /// `markdown` enables the Markdown-only rules (`#` headings, `**`, links).
    #[cfg(test)]
    pub fn of(line: &'a str, origin: usize, markdown: bool) -> Self {
        Self::of_hinted(line, origin, markdown, None)
    }

    /// [`Visible::of`], told by a caller that already knows whether the line can hold markup
    /// inside it: `Some(false)` when it has no `<` or `&` (nor, for Markdown, `*`, `_` or `]`),
    /// as the line splitter finds in its passes over the whole input.
    pub(crate) fn of_hinted(
        line: &'a str,
        origin: usize,
        markdown: bool,
        may_have_markup: Option<bool>,
    ) -> Self {
        let b = line.as_bytes();
        let inside = may_have_markup != Some(false)
            && (has_tag_or_entity_start(b) || (markdown && has_emphasis_or_link(b)));
        let needs = inside || (markdown && b.first() == Some(&b'#'));
        if !needs {
            return Visible::plain(line, origin);
        }
        let mut v = VisibleText {
            line,
            out: String::with_capacity(line.len()),
            runs: Vec::new(),
            open: false,
        };
        let (md_heading, mut i) = if markdown {
            md_heading_prefix(b)
        } else {
            (0, 0)
        };
        let mut start = i;
        let mut absent = Absent::default();
        while i < b.len() {
            let Some((piece, end)) = markup_at(b, i, markdown, &mut absent) else {
                i += 1;
                continue;
            };
            v.verbatim(start, i);
            v.open = false;
            match piece {
                Piece::Hidden => {}
                Piece::Entity(ch) => {
                    v.runs.push(Run {
                        vis: v.out.len() as u32,
                        src: i as u32,
                        ent: (end - i) as u32,
                    });
                    v.out.push(ch);
                }
                Piece::Link(text_end) => {
                    v.verbatim(i + 1, text_end);
                    v.open = false;
                }
            }
            i = end;
            start = i;
        }
        v.verbatim(start, b.len());
        if v.runs.is_empty() {
            v.runs.push(Run {
                vis: 0,
                src: b.len() as u32,
                ent: 0,
            });
        }
        Visible {
            text: Cow::Owned(v.out),
            origin,
            runs: v.runs,
            md_heading,
        }
    }
}

/// A `#` heading's depth and where its text starts, or (0, 0) when the line is not one.
fn md_heading_prefix(b: &[u8]) -> (u8, usize) {
    let n = b.iter().take_while(|&&c| c == b'#').count();
    if n == 0 || n > 6 || !(b.len() == n || b[n] == b' ' || b[n] == b'\t') {
        return (0, 0);
    }
    let mut i = n;
    while i < b.len() && (b[i] == b' ' || b[i] == b'\t') {
        i += 1;
    }
    (n as u8, i)
}

/// A piece of markup in a line.
enum Piece {
    /// A tag, a comment or emphasis marks: nothing of it is visible.
    Hidden,
    /// An entity standing for one character.
    Entity(char),
    /// A link `[text](target)`: its text, which ends at the offset given, is visible. Also a
    /// backslash escape `\|`: the one character after the backslash is.
    Link(usize),
}

/// The markup that starts at `i`, and where it ends.
fn markup_at(b: &[u8], i: usize, markdown: bool, absent: &mut Absent) -> Option<(Piece, usize)> {
    let c = b[i];
    match c {
        b'<' => tag_end(b, i, absent).map(|end| (Piece::Hidden, end)),
        b'&' => entity(b, i).map(|(ch, end)| (Piece::Entity(ch), end)),
        b'*' | b'_' if markdown && b.get(i + 1) == Some(&c) => Some((Piece::Hidden, i + 2)),
        // a backslash escape: the punctuation after it is text
        b'\\' if markdown && b.get(i + 1).is_some_and(u8::is_ascii_punctuation) => {
            Some((Piece::Link(i + 2), i + 2))
        }
        b'[' if markdown => {
            md_link(b, i, absent).map(|(text_end, end)| (Piece::Link(text_end), end))
        }
        _ => None,
    }
}

/// Whether `b` holds a `<` or a `&`, by one `memchr2` search; most lines have neither.
fn has_tag_or_entity_start(b: &[u8]) -> bool {
    memchr::memchr2(b'<', b'&', b).is_some()
}

/// Whether `b` holds `**`, `__` or `](`: the first byte of each is found with `memchr3`, and
/// only there is the next byte looked at.
fn has_emphasis_or_link(b: &[u8]) -> bool {
    memchr::memchr3_iter(b'*', b'_', b']', b).any(|i| {
        let next = b.get(i + 1).copied();
        next == Some(if b[i] == b']' { b'(' } else { b[i] })
    }) || memchr::memchr_iter(b'\\', b).any(|i| b.get(i + 1).is_some_and(u8::is_ascii_punctuation))
}

/// The visible text of a line as it is made, with its runs.
struct VisibleText<'a> {
    line: &'a str,
    out: String,
    runs: Vec<Run>,
    open: bool,
}

impl VisibleText<'_> {
    fn verbatim(&mut self, from: usize, to: usize) {
        if from >= to {
            return;
        }
        if !self.open {
            self.runs.push(Run {
                vis: self.out.len() as u32,
                src: from as u32,
                ent: 0,
            });
            self.open = true;
        }
        self.out.push_str(&self.line[from..to]);
    }
}

/// Where a search for a closer of a line found none: from that offset on, the line holds no
/// such closer, so a later opener needs no search of its own. Without it, a line of unclosed
/// openers (`<!--` or `[](` repeated) costs a search to the end of the line for each.
#[derive(Debug)]
struct Absent {
    /// No `-->` starts at or after this offset.
    comment_end: usize,
    /// No `]` at or after this offset.
    bracket: usize,
    /// No `)` at or after this offset.
    paren: usize,
}

impl Default for Absent {
    fn default() -> Self {
        Absent {
            comment_end: usize::MAX,
            bracket: usize::MAX,
            paren: usize::MAX,
        }
    }
}

/// The first offset at or after `from` where `pred` holds, searching only where `absent` does
/// not already rule it out, and recording in `absent` where a search found nothing.
fn find_from(
    b: &[u8],
    from: usize,
    absent: &mut usize,
    find: impl Fn(&[u8]) -> Option<usize>,
) -> Option<usize> {
    if from >= *absent || from > b.len() {
        return None;
    }
    match find(&b[from..]) {
        Some(k) => Some(from + k),
        None => {
            *absent = from;
            None
        }
    }
}

/// End of an HTML tag or comment starting at `i` (`<p>`, `</b>`, `<br/>`, `<!-- … -->`).
fn tag_end(b: &[u8], i: usize, absent: &mut Absent) -> Option<usize> {
    let next = *b.get(i + 1)?;
    if b[i..].starts_with(b"<!--") {
        return find_from(b, i + 4, &mut absent.comment_end, |r| {
            memchr::memmem::find(r, b"-->")
        })
        .map(|p| p + 3);
    }
    if !(next.is_ascii_alphabetic() || next == b'/' || next == b'!') {
        return None;
    }
    let mut j = i + 1;
    while j < b.len() {
        match b[j] {
            b'>' => return Some(j + 1),
            b'<' => return None,
            _ => j += 1,
        }
    }
    None
}

/// An HTML entity at `i`: the character and the end offset.
fn entity(b: &[u8], i: usize) -> Option<(char, usize)> {
    let semi = b[i..].iter().take(12).position(|&c| c == b';')? + i;
    let name = std::str::from_utf8(&b[i + 1..semi]).ok()?;
    let ch = match name {
        "emsp" => '\u{3000}',
        "ensp" => '\u{2002}',
        "nbsp" => '\u{00A0}',
        "thinsp" => '\u{2009}',
        "lt" => '<',
        "gt" => '>',
        "amp" => '&',
        "quot" => '"',
        "apos" => '\'',
        "hellip" => '…',
        "mdash" => '—',
        "ldquo" => '“',
        "rdquo" => '”',
        "middot" => '·',
        _ => {
            let n = name.strip_prefix('#')?;
            let code = match n.strip_prefix(['x', 'X']) {
                Some(h) => u32::from_str_radix(h, 16).ok()?,
                None => n.parse().ok()?,
            };
            char::from_u32(code)?
        }
    };
    Some((ch, semi + 1))
}

/// A Markdown inline link `[text](target)` at `i`: (end of text, end of link).
fn md_link(b: &[u8], i: usize, absent: &mut Absent) -> Option<(usize, usize)> {
    let close = find_from(b, i + 1, &mut absent.bracket, |r| memchr::memchr(b']', r))?;
    if b.get(close + 1) != Some(&b'(') {
        return None;
    }
    let end = find_from(b, close + 2, &mut absent.paren, |r| memchr::memchr(b')', r))?;
    Some((close, end + 1))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn example_src_start() {
        use crate::source::markup::Visible;
        let v = Visible::of("<b>一、总则</b>&emsp;正文", 100, true);
        assert_eq!(v.text, "一、总则\u{3000}正文");
        assert_eq!(v.src_start(0), 103);
        assert_eq!(v.src_end("一、总则".len()), 103 + "一、总则".len());
        assert_eq!(
            v.src_end("一、总则\u{3000}".len()),
            100 + "<b>一、总则</b>&emsp;".len()
        );
    }

    #[test]
    fn emphasis_and_links_are_found_like_a_window_scan() {
        for s in [
            "",
            "*",
            "**",
            "a*b*c",
            "a**b",
            "__",
            "_a_",
            "]",
            "](",
            "[a](b)",
            "]]((",
            "*_]",
            "正文**加粗**",
            "a\\|b",
            "a\\b",
            "\\",
        ] {
            let b = s.as_bytes();
            let want = b.windows(2).any(|w| {
                w == b"**"
                    || w == b"__"
                    || w == b"]("
                    || (w[0] == b'\\' && w[1].is_ascii_punctuation())
            });
            assert_eq!(has_emphasis_or_link(b), want, "{s:?}");
        }
    }

    #[test]
    fn plain_line_is_borrowed() {
        let v = Visible::of("一、总则", 7, false);
        assert!(matches!(v.text, Cow::Borrowed(_)));
        assert_eq!(v.src_start(3), 10);
    }

    #[test]
    fn html_article_line() {
        let line = "<p id=\"t1\">&emsp;&emsp;<b>第一条</b>&emsp;为推进";
        let v = Visible::of(line, 0, true);
        assert_eq!(v.text, "\u{3000}\u{3000}第一条\u{3000}为推进");
        let at = v.text.find("第一条").unwrap();
        assert_eq!(
            &line[v.src_start(at)..v.src_end(at + "第一条".len())],
            "第一条"
        );
        let w = v.text.find("为推进").unwrap();
        assert_eq!(&line[v.src_start(w)..], "为推进");
    }

    #[test]
    fn markdown_heading_and_bold() {
        let v = Visible::of("## **一、总体要求**", 0, true);
        assert_eq!(v.md_heading, 2);
        assert_eq!(v.text, "一、总体要求");
        assert_eq!(v.src_start(0), 5);
    }

    #[test]
    fn link_keeps_text() {
        let v = Visible::of("- [附件1.pdf](/a/b.pdf)", 0, true);
        assert_eq!(v.text, "- 附件1.pdf");
    }

    #[test]
    fn lone_angle_and_ampersand_stay() {
        let v = Visible::of("a < b & c", 0, false);
        assert_eq!(v.text, "a < b & c");
    }

    #[test]
    fn tag_or_entity_anywhere() {
        let long = "正文".repeat(40);
        assert!(!has_tag_or_entity_start(long.as_bytes()));
        for at in [0, 6, 30, 33, 36, long.len()] {
            let mut s = long.clone();
            s.insert(at, '&');
            assert!(has_tag_or_entity_start(s.as_bytes()), "at {at}");
            let mut s = long.clone();
            s.insert(at, '<');
            assert!(has_tag_or_entity_start(s.as_bytes()), "at {at}");
        }
        assert!(!has_tag_or_entity_start(b""));
    }

    proptest::proptest! {
        #[test]
        fn a_search_ruled_out_is_one_that_finds_nothing(
            s in "[-<>!\\]\\[()a]{0,40}",
            froms in proptest::collection::vec(0usize..45, 0..12),
        ) {
            let b = s.as_bytes();
            let mut absent = usize::MAX;
            for from in froms {
                let want = b.get(from..).and_then(|r| memchr::memmem::find(r, b"-->")).map(|k| from + k);
                let got = find_from(b, from, &mut absent, |r| memchr::memmem::find(r, b"-->"));
                proptest::prop_assert_eq!(got, want, "from {}", from);
            }
        }
    }

    #[test]
    fn unclosed_openers_keep_their_text() {
        for (s, md, want) in [
            ("<!--<!--a", false, "<!--<!--a"),
            ("[](x[]y", true, "[](x[]y"),
            ("[[a](b)", true, "[a"),
            ("<!--a<!--b-->c", false, "c"),
        ] {
            assert_eq!(Visible::of(s, 0, md).text, want, "{s:?}");
        }
    }

    #[test]
    fn backslash_escapes_show_their_character() {
        let v = Visible::of("\\# 不是标题 1\\|2 \\*\\*x\\*\\* a\\b", 0, true);
        assert_eq!(v.text, "# 不是标题 1|2 **x** a\\b");
        assert_eq!(Visible::of("a\\|b", 0, false).text, "a\\|b");
    }

    #[test]
    fn comment_is_removed() {
        let v = Visible::of("<!-- INFO END -->", 0, true);
        assert_eq!(v.text, "");
    }
}

//! Byte spans and the one place where they become lines and columns.

use serde::{Deserialize, Serialize};

/// A half-open byte range `[start, end)` into the source text.
///
/// ```
/// use gongwen::Span;
/// let s = Span::new(3, 9);
/// assert_eq!(s.len(), 6);
/// assert_eq!(&"abcdefghij"[s.range()], "defghi");
/// ```
#[derive(
    Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize,
)]
#[serde(from = "(usize, usize)", into = "(usize, usize)")]
pub struct Span {
    /// First byte.
    pub start: usize,
    /// One past the last byte.
    pub end: usize,
}

impl From<(usize, usize)> for Span {
    fn from((start, end): (usize, usize)) -> Self {
        Span {
            start,
            end: end.max(start),
        }
    }
}

impl From<Span> for (usize, usize) {
    fn from(s: Span) -> Self {
        (s.start, s.end)
    }
}

impl Span {
    /// A span from `start` to `end`.
    pub fn new(start: usize, end: usize) -> Self {
        debug_assert!(start <= end);
        Span { start, end }
    }
    /// Length in bytes.
    pub fn len(&self) -> usize {
        self.end - self.start
    }
    /// True when the span covers no byte.
    pub fn is_empty(&self) -> bool {
        self.start == self.end
    }
    /// The span as a range, for slicing.
    pub fn range(&self) -> std::ops::Range<usize> {
        self.start..self.end
    }
    /// The text the span covers.
    pub fn text<'a>(&self, src: &'a str) -> &'a str {
        &src[self.range()]
    }
}

/// Byte offset → line and column, computed once per source.
///
/// Lines end at `\n`, `\r\n` or a lone `\r`. Lines are 1-based; columns are 1-based and counted
/// in characters (for people, GitHub and SARIF) or in UTF-8 bytes (for reviewdog).
///
/// ```
/// use gongwen::LineIndex;
/// let text = "一、总则\r\n正文\r第三行";
/// let idx = LineIndex::new(text);
/// assert_eq!(idx.line_of(0), 1);
/// let third = "一、总则\r\n正文\r".len();
/// assert_eq!(idx.char_col(text, third + 3), (3, 2));
/// assert_eq!(idx.byte_col(third + 3), (3, 4));
/// assert_eq!(idx.line_count(), 3);
/// ```
#[derive(Clone, Debug, Default)]
pub struct LineIndex {
    starts: Vec<usize>,
    len: usize,
}

impl LineIndex {
    /// Index the line starts of `text`.
    pub fn new(text: &str) -> Self {
        let b = text.as_bytes();
        let mut starts = Vec::with_capacity(b.len() / 40 + 1);
        starts.push(0);
        let mut i = 0;
        while i < b.len() {
            i = super::lines::next_break(b, i);
            match b.get(i) {
                Some(b'\n') => starts.push(i + 1),
                Some(b'\r') => {
                    if i + 1 < b.len() && b[i + 1] == b'\n' {
                        i += 1;
                    }
                    starts.push(i + 1);
                }
                _ => {}
            }
            i += 1;
        }
        if starts.len() > 1 && *starts.last().unwrap() == b.len() {
            starts.pop();
        }
        LineIndex {
            starts,
            len: b.len(),
        }
    }
    /// Number of lines (a final line ending does not start a new line).
    pub fn line_count(&self) -> usize {
        self.starts.len()
    }
    /// 1-based line of a byte offset.
    pub fn line_of(&self, offset: usize) -> usize {
        match self.starts.binary_search(&offset) {
            Ok(i) => i + 1,
            Err(i) => i,
        }
    }
    /// Byte offset where 1-based `line` starts.
    pub fn line_start(&self, line: usize) -> usize {
        self.starts
            .get(line.saturating_sub(1))
            .copied()
            .unwrap_or(self.len)
    }
    /// 1-based line and 1-based column counted in bytes (see [`LineIndex::char_col`] for
    /// characters).
    pub fn line_col(&self, offset: usize) -> (usize, usize) {
        self.line_col_in(offset, None)
    }
    /// Like [`LineIndex::line_col`] but counting the column in characters of `text`.
    pub fn line_col_in(&self, offset: usize, text: Option<&str>) -> (usize, usize) {
        let line = self.line_of(offset);
        let start = self.line_start(line);
        let col = match text {
            Some(t) => t
                .get(start..offset)
                .map(|s| s.chars().count())
                .unwrap_or(offset - start),
            None => offset - start,
        };
        (line, col + 1)
    }
    /// 1-based line, 1-based column in characters, using the source text.
    pub fn char_col(&self, text: &str, offset: usize) -> (usize, usize) {
        self.line_col_in(offset, Some(text))
    }
    /// 1-based line, 1-based column in UTF-8 bytes.
    pub fn byte_col(&self, offset: usize) -> (usize, usize) {
        let line = self.line_of(offset);
        (line, offset - self.line_start(line) + 1)
    }
}

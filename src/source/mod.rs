//! Bytes to text and back: the [`Source`] a document is parsed from, decoding, the one line
//! splitter, spans and line/column, the see-through of markup, and the DOCX reader.

pub(crate) mod chars;
pub(crate) mod decode;
#[cfg(feature = "docx")]
pub(crate) mod docx;
pub(crate) mod lines;
pub(crate) mod markup;
pub(crate) mod span;

use crate::Error;
use span::LineIndex;
use std::path::Path;
use std::sync::OnceLock;

/// How a source's text is read.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Format {
    /// Plain text, with HTML leftovers seen through.
    Text,
    /// Markdown: front matter, `#` headings, emphasis and links are markup.
    Markdown,
    /// The body text of a DOCX, one line per paragraph; spans point into that text.
    Docx,
}

/// A document to parse: its name, its text, how to read it, and its line table.
///
/// The text holds every byte of the input (a BOM included), so spans are offsets into the
/// file as it is on disk; for a DOCX it is the body text the reader extracts. The line table is
/// made on first use and turns those offsets into lines and columns.
///
/// ```
/// use gongwen::{Format, Source};
/// let src = Source::from_str("一、总则\n（一）目的\n", Format::Text);
/// assert_eq!(src.lines().line_of("一、总则\n".len()), 2);
///
/// let md = Source::from_bytes("办法.md", "# 标题\n".as_bytes().to_vec()).unwrap();
/// assert_eq!(md.format(), Format::Markdown);
/// assert_eq!(md.name(), "办法.md");
/// ```
#[derive(Debug)]
pub struct Source {
    name: String,
    text: String,
    format: Format,
    lines: OnceLock<LineIndex>,
}

impl Clone for Source {
    fn clone(&self) -> Self {
        Source {
            name: self.name.clone(),
            text: self.text.clone(),
            format: self.format,
            lines: self.lines.clone(),
        }
    }
}

impl Source {
    /// A text already in memory, read as `format`. Its name is `<input>`.
    pub fn from_str(text: impl Into<String>, format: Format) -> Source {
        Source {
            name: "<input>".into(),
            text: text.into(),
            format,
            lines: OnceLock::new(),
        }
    }

    /// Read a file. A DOCX is recognised by its content; other files must be UTF-8 (with or
    /// without a BOM) and are Markdown by their extension (`.md`, `.markdown`).
    ///
    /// ```
    /// let e = gongwen::Source::from_path("no/such/file.txt").unwrap_err();
    /// assert!(e.to_string().starts_with("no/such/file.txt: cannot read:"));
    /// ```
    pub fn from_path(path: impl AsRef<Path>) -> Result<Source, Error> {
        let path = path.as_ref();
        let name = path.display().to_string();
        let bytes = std::fs::read(path).map_err(|source| Error::Read {
            path: name.clone(),
            source,
        })?;
        Source::from_bytes(name, bytes)
    }

    /// Make a source from bytes named `name` (a path, or `<stdin>`): a DOCX by its content,
    /// else UTF-8 text, Markdown by the name's extension, or by its content when the name has
    /// none.
    ///
    /// ```
    /// use gongwen::{Format, Source};
    /// let s = Source::from_bytes("<stdin>", "---\ntitle: 标题\n---\n".as_bytes().to_vec()).unwrap();
    /// assert_eq!(s.format(), Format::Markdown);
    /// ```
    pub fn from_bytes(name: impl Into<String>, bytes: Vec<u8>) -> Result<Source, Error> {
        let name = name.into();
        #[cfg(feature = "docx")]
        if docx::looks_like_zip(&bytes) {
            let text = docx::text(&bytes).map_err(|reason| Error::Docx {
                name: name.clone(),
                reason,
            })?;
            return Ok(Source {
                name,
                text,
                format: Format::Docx,
                lines: OnceLock::new(),
            });
        }
        let text = match utf8(bytes) {
            Ok(t) => t,
            Err(bytes) => {
                let e = decode::explain(&bytes);
                return Err(Error::Encoding {
                    name,
                    offset: e.offset,
                    line: e.line,
                    guess: e.guess,
                });
            }
        };
        let format = if is_markdown(&name, &text) {
            Format::Markdown
        } else {
            Format::Text
        };
        Ok(Source {
            name,
            text,
            format,
            lines: OnceLock::new(),
        })
    }

    /// The same source under another name (the one messages show).
    pub fn with_name(mut self, name: impl Into<String>) -> Source {
        self.name = name.into();
        self
    }

    /// The same source read as `format` (`--markdown` turns plain text into Markdown).
    pub fn with_format(mut self, format: Format) -> Source {
        self.format = format;
        self
    }

    /// The name messages show: the path as given, `<stdin>`, or `<input>`.
    pub fn name(&self) -> &str {
        &self.name
    }

    /// The text.
    pub fn text(&self) -> &str {
        &self.text
    }

    /// How the text is read.
    pub fn format(&self) -> Format {
        self.format
    }

    /// Whether the text is read as Markdown.
    pub fn is_markdown(&self) -> bool {
        self.format == Format::Markdown
    }

    /// The line table: byte offsets to lines and columns.
    pub fn lines(&self) -> &LineIndex {
        self.lines.get_or_init(|| LineIndex::new(&self.text))
    }
}

/// `bytes` as a string when they are UTF-8, or back when they are not. With the `simd`
/// feature a vectorised validator does it (std's costs about ten instructions a byte on
/// Chinese text).
#[cfg(feature = "simd")]
fn utf8(bytes: Vec<u8>) -> Result<String, Vec<u8>> {
    if simdutf8::basic::from_utf8(&bytes).is_ok() {
        // SAFETY: simdutf8 has just validated `bytes` as UTF-8.
        Ok(unsafe { String::from_utf8_unchecked(bytes) })
    } else {
        Err(bytes)
    }
}

/// `bytes` as a string when they are UTF-8, or back when they are not.
#[cfg(not(feature = "simd"))]
fn utf8(bytes: Vec<u8>) -> Result<String, Vec<u8>> {
    String::from_utf8(bytes).map_err(|e| e.into_bytes())
}

/// Markdown by extension (.md, .markdown, .mdown), or by content when the name has none
/// (standard input).
fn is_markdown(name: &str, text: &str) -> bool {
    let ext = Path::new(name)
        .extension()
        .and_then(|e| e.to_str())
        .map(str::to_ascii_lowercase);
    match ext.as_deref() {
        Some("md" | "markdown" | "mdown") => true,
        Some(_) => false,
        None => {
            let t = text.trim_start_matches('\u{feff}');
            t.starts_with("---\n") || t.starts_with("# ") || t.contains("\n## ")
        }
    }
}

//! Bytes to text and back: the [`Source`] a document is parsed from, decoding, the one line
//! splitter, spans and line/column, the see-through of markup, and the DOCX and HTML readers.

pub(crate) mod chars;
pub(crate) mod decode;
#[cfg(feature = "docx")]
pub(crate) mod docx;
pub(crate) mod hints;
#[cfg(feature = "html")]
pub(crate) mod html;
#[cfg(feature = "docx")]
pub(crate) mod legacy;
pub(crate) mod lines;
pub(crate) mod markdown;
pub(crate) mod markup;
pub(crate) mod options;
pub(crate) mod span;

use crate::{Error, Limit};
use decode::Found;
pub use options::ReadOptions;
use span::{LineIndex, Span};
use std::io::Read;
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
    /// An HTML page, read as the Markdown text the HTML reader writes of it; spans point
    /// into that text, and the site's chrome is marked ([`Source::chrome_spans`]).
    Html,
}

/// A document to parse: its name, its text, how to read it, its encoding, and its line table.
///
/// The text is UTF-8, decoded from whatever the input was in (UTF-8, UTF-16, GB18030/GBK,
/// Big5, …; see [`Source::from_bytes_with`]); spans index it, and lines and columns are
/// counted on it. A UTF-8 file's byte-order mark stays in it as U+FEFF, so that its spans are
/// the file's byte offsets; another encoding's mark is not in the text, and is written back by
/// [`Source::encode`]. For a DOCX it is the body text the reader extracts. [`Source::encode`] turns a
/// text back into the input's encoding. The line table is made on first use.
///
/// ```
/// use gongwen::{Format, Source};
/// let src = Source::from_str("一、总则\n（一）目的\n", Format::Text);
/// assert_eq!(src.lines().line_of("一、总则\n".len()), 2);
///
/// let md = Source::from_bytes("办法.md", "# 标题\n".as_bytes().to_vec()).unwrap();
/// assert_eq!(md.format(), Format::Markdown);
/// assert_eq!(md.name(), "办法.md");
///
/// let utf16: Vec<u8> = "\u{feff}一、总则\n".encode_utf16().flat_map(u16::to_le_bytes).collect();
/// let src = Source::from_bytes("a.txt", utf16.clone()).unwrap();
/// assert_eq!((src.text(), src.encoding(), src.has_bom()), ("一、总则\n", "utf-16le", true));
/// assert_eq!(src.encode(src.text()).unwrap(), utf16);
/// ```
#[derive(Debug)]
pub struct Source {
    name: String,
    text: String,
    format: Format,
    found: Found,
    encoding: String,
    lines: OnceLock<LineIndex>,
    /// The byte ranges of the text that hold a page's chrome.
    chrome: Vec<Span>,
    /// A page's `<title>`.
    page_title: Option<String>,
    /// The bytes of the package a DOCX was read from, for the parts (pictures) its blocks name.
    package: Option<std::sync::Arc<[u8]>>,
    /// What a DOCX's markup says of its lines.
    hints: Option<std::sync::Arc<hints::Hints>>,
}

impl Clone for Source {
    fn clone(&self) -> Self {
        Source {
            name: self.name.clone(),
            text: self.text.clone(),
            format: self.format,
            found: self.found,
            encoding: self.encoding.clone(),
            lines: self.lines.clone(),
            chrome: self.chrome.clone(),
            page_title: self.page_title.clone(),
            package: self.package.clone(),
            hints: self.hints.clone(),
        }
    }
}

impl Source {
    /// A text already in memory, read as `format`. Its name is `<input>`, its encoding UTF-8.
    /// With [`Format::Html`] the text is a page's HTML, and the source's text is the Markdown
    /// the HTML reader makes of it.
    ///
    /// ```
    /// use gongwen::{Format, Source};
    /// # #[cfg(feature = "html")]
    /// assert_eq!(Source::from_str("<h1>标题</h1>", Format::Html).text(), "# 标题\n");
    /// ```
    pub fn from_str(text: impl Into<String>, format: Format) -> Source {
        Source::with_text("<input>".into(), text.into(), format, Found::UTF8)
    }

    /// A source of `text` read as `format`: a page's HTML through the HTML reader.
    fn with_text(name: String, text: String, format: Format, found: Found) -> Source {
        #[cfg(feature = "html")]
        if format == Format::Html {
            let page = html::read(&text);
            let mut src = Source::new(name, page.text, Format::Html, found);
            src.chrome = page.chrome;
            src.page_title = page.title;
            return src;
        }
        Source::new(name, text, format, found)
    }

    fn new(name: String, text: String, format: Format, found: Found) -> Source {
        Source {
            name,
            text,
            format,
            found,
            encoding: found.name(),
            lines: OnceLock::new(),
            chrome: Vec::new(),
            page_title: None,
            package: None,
            hints: None,
        }
    }

    /// Read a file with the default [`ReadOptions`]: a DOCX by its content, else text in
    /// whatever encoding it is in (see [`Source::from_bytes_with`]), Markdown by its extension
    /// (`.md`, `.markdown`), an HTML page by its (`.html`, `.htm`, `.xhtml`).
    ///
    /// ```
    /// let e = gongwen::Source::from_path("no/such/file.txt").unwrap_err();
    /// assert!(e.to_string().starts_with("no/such/file.txt: cannot read:"));
    /// ```
    pub fn from_path(path: impl AsRef<Path>) -> Result<Source, Error> {
        Source::from_path_with(path, &ReadOptions::default())
    }

    /// Read a file with `opts`; no more than the input limit is ever read, so a file that
    /// does not end (`/dev/zero`) is an error, not a hang.
    ///
    /// ```
    /// use gongwen::{ReadOptions, Source};
    /// let e = Source::from_path_with("README.md", &ReadOptions::default().with_max_input(10))
    ///     .unwrap_err();
    /// assert!(e.to_string().starts_with("README.md: larger than 10 bytes"));
    /// ```
    pub fn from_path_with(path: impl AsRef<Path>, opts: &ReadOptions) -> Result<Source, Error> {
        let path = path.as_ref();
        let name = path.display().to_string();
        let read_error = |source| Error::Read {
            path: name.clone(),
            source,
        };
        let file = std::fs::File::open(path).map_err(read_error)?;
        let hint = file.metadata().map_or(0, |m| m.len());
        let bytes = read_capped(file, hint, opts.max_input)
            .map_err(read_error)?
            .ok_or_else(|| too_large(&name, opts))?;
        Source::from_bytes_with(name, bytes, opts)
    }

    /// Read everything from `reader` (standard input) as the input named `name`, stopping
    /// with an error past the input limit of `opts`.
    ///
    /// ```
    /// use gongwen::{ReadOptions, Source};
    /// let src = Source::from_reader("<stdin>", "一、总则\n".as_bytes(), &ReadOptions::default());
    /// assert_eq!(src.unwrap().text(), "一、总则\n");
    /// let zeros = std::io::repeat(0);
    /// let e = Source::from_reader("<stdin>", zeros, &ReadOptions::default().with_max_input(1 << 20));
    /// assert!(matches!(e, Err(gongwen::Error::TooLarge { max: 1048576, .. })));
    /// ```
    pub fn from_reader(
        name: impl Into<String>,
        reader: impl Read,
        opts: &ReadOptions,
    ) -> Result<Source, Error> {
        let name = name.into();
        let bytes = read_capped(reader, 0, opts.max_input)
            .map_err(|source| Error::Read {
                path: name.clone(),
                source,
            })?
            .ok_or_else(|| too_large(&name, opts))?;
        Source::from_bytes_with(name, bytes, opts)
    }

    /// Make a source from bytes named `name` (a path, or `<stdin>`) with the default
    /// [`ReadOptions`]: a DOCX by its content, else text, Markdown or an HTML page by the
    /// name's extension, or by its content when the name has none (a page starts with
    /// `<!DOCTYPE html` or `<html`).
    ///
    /// ```
    /// use gongwen::{Format, Source};
    /// let s = Source::from_bytes("<stdin>", "---\ntitle: 标题\n---\n".as_bytes().to_vec()).unwrap();
    /// assert_eq!(s.format(), Format::Markdown);
    /// ```
    pub fn from_bytes(name: impl Into<String>, bytes: Vec<u8>) -> Result<Source, Error> {
        Source::from_bytes_with(name, bytes, &ReadOptions::default())
    }

    /// Make a source from bytes with `opts`. A zip is read as a DOCX; a PDF, an OLE2 file
    /// (.doc, .wps), an image or other binary data is refused for what it is
    /// ([`Error::NotText`]). Text is decoded, in this order, by its byte-order mark (UTF-8,
    /// UTF-16LE/BE, GB18030; UTF-32 is refused), as UTF-16 without one when its NUL bytes say
    /// so, as UTF-8, and then in the encoding `opts` names or else the one the detector is
    /// confident of (GB18030, which reads GBK and GB2312, Big5, …) when the whole input
    /// decodes in it without an error. For an HTML page that is not UTF-8, the encoding its
    /// `<meta charset>` names comes before the detector's.
    ///
    /// ```
    /// use gongwen::{ReadOptions, Source};
    /// // 一、总则 in GBK, twice: the detector is sure of it
    /// let gbk = b"\xd2\xbb\xa1\xa2\xd7\xdc\xd4\xf2\n".repeat(2);
    /// let src = Source::from_bytes_with("a.txt", gbk.clone(), &ReadOptions::default()).unwrap();
    /// assert_eq!((src.text(), src.encoding()), ("一、总则\n一、总则\n", "gb18030"));
    /// assert_eq!(src.encode("一、附则\n").unwrap(), b"\xd2\xbb\xa1\xa2\xb8\xbd\xd4\xf2\n");
    /// let e = Source::from_bytes("cut.txt", "一、总".as_bytes()[..8].to_vec()).unwrap_err();
    /// assert!(e.to_string().contains("ends in the middle of a UTF-8 character"), "{e}");
    /// ```
    pub fn from_bytes_with(
        name: impl Into<String>,
        bytes: Vec<u8>,
        opts: &ReadOptions,
    ) -> Result<Source, Error> {
        let name = name.into();
        if bytes.len() as u64 > opts.max_input {
            return Err(too_large(&name, opts));
        }
        #[cfg(feature = "docx")]
        if let Some(kind) = legacy::sniff(&name, &bytes) {
            return legacy::read(name, &bytes, kind, opts);
        }
        if looks_like_zip(&bytes) {
            return Source::zip(name, &bytes, opts);
        }
        let html = html_by_name(&name);
        let forced = opts.encoding.or_else(|| {
            (html == Some(true) || (html.is_none() && starts_like_html(&bytes)))
                .then(|| decode::meta_charset(&bytes))
                .flatten()
        });
        let (text, found) = decode::decode(&name, bytes, forced)?;
        #[cfg(feature = "html")]
        if html == Some(true) || (html.is_none() && starts_like_html(text.as_bytes())) {
            return Ok(Source::with_text(name, text, Format::Html, found));
        }
        let format = if is_markdown(&name, &text) {
            Format::Markdown
        } else {
            Format::Text
        };
        Ok(Source::new(name, text, format, found))
    }

    /// A zip: the body text of a DOCX.
    #[cfg(feature = "docx")]
    fn zip(name: String, bytes: &[u8], opts: &ReadOptions) -> Result<Source, Error> {
        let read = docx::read(&name, bytes, opts)?;
        let mut src = Source::new(name, read.text, Format::Docx, Found::UTF8);
        src.package = Some(bytes.into());
        src.hints = Some(std::sync::Arc::new(read.hints));
        Ok(src)
    }

    /// A zip, in a build that reads no DOCX.
    #[cfg(not(feature = "docx"))]
    fn zip(name: String, _: &[u8], _: &ReadOptions) -> Result<Source, Error> {
        Err(Error::NotText {
            name,
            kind: crate::FileKind::DocxUnsupported,
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

    /// Whether the text is read as Markdown: a Markdown file, or the Markdown an HTML page is
    /// read as.
    pub fn is_markdown(&self) -> bool {
        matches!(self.format, Format::Markdown | Format::Html)
    }

    /// The byte ranges of the text that hold the site's chrome of an HTML page (navigation,
    /// header, footer, sidebars): the tree builder makes their lines chrome. Empty for other
    /// formats.
    ///
    /// ```
    /// # #[cfg(feature = "html")] {
    /// use gongwen::{Format, Source};
    /// let page = "<html><body><nav><a href=/>首页</a></nav><p>一、总则</p></body></html>";
    /// let src = Source::from_bytes("a.html", page.as_bytes().to_vec()).unwrap();
    /// assert_eq!(src.format(), Format::Html);
    /// assert_eq!(src.text(), "首页\n\n一、总则\n");
    /// let nav = src.chrome_spans()[0];
    /// assert_eq!(&src.text()[nav.range()], "首页\n");
    /// # }
    /// ```
    pub fn chrome_spans(&self) -> &[Span] {
        &self.chrome
    }

    /// The text of an HTML page's `<title>` element, which is not a line of the text: the
    /// document's own heading is its title. `None` for other formats.
    ///
    /// ```
    /// # #[cfg(feature = "html")] {
    /// let page = "<!DOCTYPE html><title>通知 - 某某网</title><h1>关于开展检查的通知</h1>";
    /// let src = gongwen::Source::from_bytes("<stdin>", page.as_bytes().to_vec()).unwrap();
    /// assert_eq!(src.page_title(), Some("通知 - 某某网"));
    /// assert_eq!(src.text(), "# 关于开展检查的通知\n");
    /// # }
    /// ```
    pub fn page_title(&self) -> Option<&str> {
        self.page_title.as_deref()
    }

    /// The bytes of the DOCX package the source was read from (`None` for other formats):
    /// the pictures and other parts its blocks name are read from it.
    ///
    /// ```
    /// let src = gongwen::Source::from_str("一、总则\n", gongwen::Format::Text);
    /// assert!(src.package().is_none());
    /// ```
    pub fn package(&self) -> Option<&[u8]> {
        self.package.as_deref()
    }

    /// What the reader's markup says of the lines (a DOCX's styles, tables, numbering).
    pub(crate) fn hints(&self) -> Option<&hints::Hints> {
        self.hints.as_deref()
    }

    /// The line table: byte offsets to lines and columns.
    pub fn lines(&self) -> &LineIndex {
        self.lines.get_or_init(|| LineIndex::new(&self.text))
    }

    /// The encoding the input was in, in lower case: `utf-8`, `utf-16le`, `utf-16be`,
    /// `gb18030` (GBK and GB2312 text too), `gbk` (text that only GBK's encoder gives back
    /// byte for byte: it has the single-byte euro sign), `big5`, …. A DOCX's is `utf-8`.
    ///
    /// ```
    /// let src = gongwen::Source::from_str("一、总则\n", gongwen::Format::Text);
    /// assert_eq!(src.encoding(), "utf-8");
    /// ```
    pub fn encoding(&self) -> &str {
        &self.encoding
    }

    /// Whether the input began with a byte-order mark (in UTF-8, it is in the text as U+FEFF).
    ///
    /// ```
    /// let src = gongwen::Source::from_bytes("a.txt", b"\xef\xbb\xbfabc".to_vec()).unwrap();
    /// assert!(src.has_bom());
    /// ```
    pub fn has_bom(&self) -> bool {
        !matches!(self.format, Format::Docx | Format::Html) && self.found.bom
    }

    /// `text` (this source's text after a fix) in the encoding the input was in, so that it
    /// can be written back: with the byte-order mark if the input had one, line endings as
    /// they are in `text`. The bytes of an unchanged text are the input's, byte for byte.
    ///
    /// An error when a character of `text` has no form in the encoding, when the input's bytes
    /// would not come back the same (a legacy file in which two byte sequences decode to one
    /// character), and for a DOCX, whose text is extracted, not the file.
    ///
    /// ```
    /// use gongwen::{ReadOptions, Source};
    /// let gbk = b"\xd2\xbb\xa1\xa2\xd7\xdc\xd4\xf2\n".repeat(2); // 一、总则, twice
    /// let src = Source::from_bytes("a.txt", gbk.clone()).unwrap();
    /// assert_eq!(src.encode(src.text()).unwrap(), gbk);
    /// // GB18030 has a form for every character; GBK has not
    /// let opts = ReadOptions::default().with_encoding("gbk").unwrap();
    /// let src = Source::from_bytes_with("a.txt", gbk, &opts).unwrap();
    /// let e = src.encode("一、总则\n二、😀\n").unwrap_err();
    /// assert!(e.to_string().starts_with("a.txt:2: cannot be written back in GBK"), "{e}");
    /// ```
    pub fn encode(&self, text: &str) -> Result<Vec<u8>, Error> {
        let refuse = |line, reason: String| Error::Encode {
            name: self.name.clone(),
            encoding: decode::display_name(self.found.enc),
            line,
            reason,
        };
        if self.format == Format::Docx {
            return Err(refuse(None, "a DOCX's text is not the file".into()));
        }
        if self.format == Format::Html {
            return Err(refuse(
                None,
                "an HTML page is read as a text made from it, not as the file".into(),
            ));
        }
        if !self.found.exact {
            return Err(refuse(
                None,
                "its bytes do not come back the same when its text is encoded again, so \
                 writing it would change it elsewhere too"
                    .into(),
            ));
        }
        let with_bom;
        let text = if self.has_bom() && !text.starts_with('\u{feff}') {
            with_bom = format!("\u{feff}{text}");
            &with_bom
        } else {
            text
        };
        decode::encode(self.found, text).map_err(|(at, c)| {
            let line = 1 + memchr::memchr_iter(b'\n', &text.as_bytes()[..at]).count();
            refuse(
                Some(line),
                format!("{c:?} (U+{:04X}) has no form in it", u32::from(c)),
            )
        })
    }
}

/// The error for an input over the input limit.
fn too_large(name: &str, opts: &ReadOptions) -> Error {
    Error::TooLarge {
        name: name.to_string(),
        limit: Limit::Input,
        max: opts.max_input,
    }
}

/// Read all of `r`, or `None` when it has more than `max` bytes; never more than `max + 1`
/// bytes are read or held, and the buffer grows by doubling up to that and no further. `hint`
/// is the size the file says it has: a first capacity, not a limit.
fn read_capped(r: impl Read, hint: u64, max: u64) -> std::io::Result<Option<Vec<u8>>> {
    let limit = max.saturating_add(1);
    let mut r = r.take(limit);
    let mut bytes = Vec::new();
    let mut chunk = hint.saturating_add(1).max(8192);
    loop {
        let want = chunk.min(limit - bytes.len() as u64);
        if want == 0 {
            break;
        }
        bytes.reserve_exact(want as usize);
        if ((&mut r).take(want).read_to_end(&mut bytes)? as u64) < want {
            break;
        }
        chunk = bytes.len() as u64;
    }
    Ok((bytes.len() as u64 <= max).then_some(bytes))
}

/// True when `bytes` start like a zip archive (a DOCX is one), empty ones included.
fn looks_like_zip(bytes: &[u8]) -> bool {
    bytes.starts_with(b"PK\x03\x04") || bytes.starts_with(b"PK\x05\x06")
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

/// HTML by the name's extension (.html, .htm, .xhtml): `Some(true)`, `Some(false)` for
/// another extension, `None` when the name has none (standard input).
fn html_by_name(name: &str) -> Option<bool> {
    let ext = Path::new(name).extension()?.to_str()?.to_ascii_lowercase();
    Some(matches!(ext.as_str(), "html" | "htm" | "xhtml"))
}

/// Whether a text starts, after a byte-order mark and white space, with `<!DOCTYPE html` or
/// `<html`, in any case.
fn starts_like_html(b: &[u8]) -> bool {
    let b = b.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(b);
    let start = b
        .iter()
        .position(|c| !c.is_ascii_whitespace())
        .unwrap_or(b.len());
    let b = &b[start..];
    let has = |p: &[u8]| b.len() >= p.len() && b[..p.len()].eq_ignore_ascii_case(p);
    has(b"<!doctype html") || has(b"<html")
}

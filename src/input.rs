//! Reading an input: a path or `-` for standard input, decoded, with its name and format.

use crate::decode::{decode, DecodeError};
use crate::span::LineIndex;
use crate::tree::{parse, Document, ParseOptions};
use std::fmt;
use std::io::Read;
use std::path::Path;

/// An input document held in memory.
#[derive(Debug, Clone)]
pub struct Input {
    /// The name to show in messages (the path, or `<stdin>`).
    pub name: String,
    /// The text, every byte of the file (BOM included).
    pub text: String,
    /// Read as Markdown.
    pub markdown: bool,
    /// Extracted from a DOCX: the text is the body's paragraphs, not the file's bytes.
    pub docx: bool,
}

/// Why an input could not be read.
#[derive(Debug)]
pub enum InputError {
    /// The file could not be read.
    Io(String, std::io::Error),
    /// The file is not UTF-8.
    Decode(String, DecodeError),
    /// The file looks like a DOCX but cannot be read as one.
    Docx(String, crate::read::docx::DocxReadError),
}

impl fmt::Display for InputError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            InputError::Io(name, e) => write!(f, "{name}: cannot read: {e}"),
            InputError::Decode(name, e) => write!(f, "{name}:{}: {e}", e.line),
            InputError::Docx(name, e) => write!(f, "{name}: {e}"),
        }
    }
}

impl std::error::Error for InputError {}

impl Input {
    /// Read a path, or standard input for `-`.
    pub fn read(path: &str) -> Result<Input, InputError> {
        let (name, bytes) = if path == "-" {
            let mut b = Vec::new();
            std::io::stdin()
                .read_to_end(&mut b)
                .map_err(|e| InputError::Io("<stdin>".into(), e))?;
            ("<stdin>".to_string(), b)
        } else {
            let b = std::fs::read(path).map_err(|e| InputError::Io(path.to_string(), e))?;
            (path.to_string(), b)
        };
        if crate::read::docx::looks_like_zip(&bytes) {
            let text =
                crate::read::docx::text(&bytes).map_err(|e| InputError::Docx(name.clone(), e))?;
            return Ok(Input {
                name,
                text,
                markdown: false,
                docx: true,
            });
        }
        Input::from_bytes(&name, bytes)
    }

    /// Make an input from bytes; the format follows the name's extension and the content.
    pub fn from_bytes(name: &str, bytes: Vec<u8>) -> Result<Input, InputError> {
        let text = match utf8(bytes) {
            Ok(t) => t,
            Err(bytes) => match decode(&bytes) {
                Err(d) => return Err(InputError::Decode(name.to_string(), d)),
                Ok(t) => t.to_string(),
            },
        };
        let markdown = is_markdown(name, &text);
        Ok(Input {
            name: name.to_string(),
            text,
            markdown,
            docx: false,
        })
    }

    /// Parse it.
    pub fn parse(&self) -> Document {
        parse(
            &self.text,
            &ParseOptions {
                markdown: self.markdown,
            },
        )
    }

    /// Its line index.
    pub fn index(&self) -> LineIndex {
        LineIndex::new(&self.text)
    }
}

/// `bytes` as a string when they are UTF-8, or back when they are not ([`decode`] says why).
/// With the `simd` feature a vectorised validator does it (std's costs about ten instructions
/// a byte on Chinese text).
#[cfg(feature = "simd")]
fn utf8(bytes: Vec<u8>) -> Result<String, Vec<u8>> {
    if simdutf8::basic::from_utf8(&bytes).is_ok() {
        // SAFETY: simdutf8 has just validated `bytes` as UTF-8.
        Ok(unsafe { String::from_utf8_unchecked(bytes) })
    } else {
        Err(bytes)
    }
}

/// `bytes` as a string when they are UTF-8, or back when they are not ([`decode`] says why).
#[cfg(not(feature = "simd"))]
fn utf8(bytes: Vec<u8>) -> Result<String, Vec<u8>> {
    String::from_utf8(bytes).map_err(|e| e.into_bytes())
}

/// Markdown by extension (.md, .markdown), or by content for standard input.
pub fn is_markdown(name: &str, text: &str) -> bool {
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

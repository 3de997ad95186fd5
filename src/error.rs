//! The one error type of the library.

use std::fmt;

/// Why something could not be read, written, configured or checked.
///
/// Every variant names what it concerns (a file, or `<stdin>`), so that its message can be
/// shown as it is.
///
/// ```
/// let e = gongwen::Source::from_bytes("报告.txt", b"\xd6\xd0\xce\xc4".to_vec()).unwrap_err();
/// assert!(matches!(e, gongwen::Error::Encoding { offset: 0, .. }));
/// assert!(e.to_string().starts_with("报告.txt:1: not valid UTF-8 at byte 0"));
/// ```
#[derive(Debug)]
#[non_exhaustive]
pub enum Error {
    /// An input could not be read.
    Read {
        /// The file, as given, or `<stdin>`.
        path: String,
        /// What the system said.
        source: std::io::Error,
    },
    /// An output could not be written.
    Write {
        /// The file, as given.
        path: String,
        /// What the system said.
        source: std::io::Error,
    },
    /// The bytes are not UTF-8.
    Encoding {
        /// The input.
        name: String,
        /// Byte offset of the first invalid byte.
        offset: usize,
        /// 1-based line of that byte.
        line: usize,
        /// What a likely encoding would be, when one can be guessed.
        guess: Option<&'static str>,
    },
    /// The input looks like a DOCX (a zip) but cannot be read as one.
    Docx {
        /// The input.
        name: String,
        /// Why not.
        reason: String,
    },
    /// A DOCX could not be made (packing its zip, or reading back a part it wrote).
    DocxWrite {
        /// What went wrong.
        reason: String,
    },
    /// A configuration file, or a suppression comment, that cannot be used.
    Config {
        /// The file.
        path: String,
        /// 1-based line, when known.
        line: Option<usize>,
        /// What is wrong.
        message: String,
    },
    /// A rule code or name that is no rule.
    UnknownRule {
        /// The code or name as written.
        key: String,
    },
    /// A tree that does not hold every character of its source exactly once.
    Lossless {
        /// What went wrong.
        kind: LosslessKind,
        /// Byte offset in the source where it went wrong.
        offset: usize,
        /// 1-based line of that offset.
        line: usize,
        /// The text concerned, shortened.
        text: String,
    },
}

/// The ways a tree can fail the lossless check.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum LosslessKind {
    /// A non-whitespace character that no block owns.
    Uncovered,
    /// Text that two blocks both own.
    Overlap,
    /// A span that starts or ends inside a character, or past the end of the source.
    Boundary,
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Error::Read { path, source } => write!(f, "{path}: cannot read: {source}"),
            Error::Write { path, source } => write!(f, "{path}: cannot write: {source}"),
            Error::Encoding {
                name,
                offset,
                line,
                guess,
            } => {
                write!(
                    f,
                    "{name}:{line}: not valid UTF-8 at byte {offset} (line {line})"
                )?;
                if let Some(g) = guess {
                    write!(
                        f,
                        "; it looks like {g}: convert it with `iconv -f {g} -t UTF-8`"
                    )?;
                }
                Ok(())
            }
            Error::Docx { name, reason } => write!(f, "{name}: not a readable DOCX: {reason}"),
            Error::DocxWrite { reason } => f.write_str(reason),
            Error::Config {
                path,
                line: Some(l),
                message,
            } => write!(f, "{path}:{l}: {message}"),
            Error::Config { path, message, .. } => write!(f, "{path}: {message}"),
            Error::UnknownRule { key } => write!(f, "unknown rule {key:?}"),
            Error::Lossless {
                kind,
                offset,
                line,
                text,
            } => {
                let what = match kind {
                    LosslessKind::Uncovered => "not covered by any block",
                    LosslessKind::Overlap => "covered by more than one block",
                    LosslessKind::Boundary => "span not on a character boundary",
                };
                write!(f, "line {line}, byte {offset}: {what}: {text:?}")
            }
        }
    }
}

impl std::error::Error for Error {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            Error::Read { source, .. } | Error::Write { source, .. } => Some(source),
            _ => None,
        }
    }
}

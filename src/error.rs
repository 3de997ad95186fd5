//! The one error type of the library.

use std::fmt;

/// Why something could not be read, written, configured or checked.
///
/// Every variant names what it concerns (a file, or `<stdin>`), so that its message can be
/// shown as it is.
///
/// ```
/// let e = gongwen::Source::from_bytes("报告.pdf", b"%PDF-1.7\n".to_vec()).unwrap_err();
/// assert!(matches!(e, gongwen::Error::NotText { kind: gongwen::FileKind::Pdf, .. }));
/// assert!(e.to_string().starts_with("报告.pdf: a PDF, not text"));
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
    /// The bytes are not UTF-8 and their encoding cannot be told with confidence.
    Encoding {
        /// The input.
        name: String,
        /// Byte offset of the first byte that is not UTF-8.
        offset: usize,
        /// 1-based line of that byte.
        line: usize,
        /// The likeliest encoding, when there is one (it decodes the whole input, but the
        /// detector is not sure of it).
        guess: Option<&'static str>,
    },
    /// The bytes are not valid in the encoding they were read in: the one named, the one a
    /// byte-order mark says, or UTF-8 in a file that is UTF-8 elsewhere.
    Decode {
        /// The input.
        name: String,
        /// The encoding (`UTF-8`, `GB18030`, `UTF-16LE`, …).
        encoding: &'static str,
        /// Byte offset of the first invalid byte.
        offset: usize,
        /// 1-based line of that byte.
        line: usize,
        /// Whether the encoding was only the detector's guess.
        guessed: bool,
    },
    /// The input ends inside a character: it was cut short.
    Truncated {
        /// The input.
        name: String,
        /// The encoding (`UTF-8`, `UTF-16LE`, `GB18030`, …).
        encoding: &'static str,
        /// Byte offset where the incomplete character starts.
        offset: usize,
        /// 1-based line of that byte.
        line: usize,
        /// How many bytes of it there are.
        have: usize,
    },
    /// A text encoding gongwen does not read (UTF-32, named by its byte-order mark).
    UnsupportedEncoding {
        /// The input.
        name: String,
        /// The encoding.
        encoding: &'static str,
    },
    /// An encoding name that names no encoding gongwen can read.
    UnknownEncoding {
        /// The name as given.
        label: String,
    },
    /// The input is not text: a PDF, an image, a Word 97 file, a zip that is not a DOCX, ….
    NotText {
        /// The input.
        name: String,
        /// What it is.
        kind: FileKind,
    },
    /// The input is larger than a limit of [`crate::ReadOptions`].
    TooLarge {
        /// The input.
        name: String,
        /// Which limit.
        limit: Limit,
        /// The limit's value: bytes, or zip entries.
        max: u64,
    },
    /// A text cannot be written back in the encoding its source was read in.
    Encode {
        /// The input.
        name: String,
        /// The encoding.
        encoding: &'static str,
        /// 1-based line of the text where it fails, when one line is to blame.
        line: Option<usize>,
        /// Why.
        reason: String,
    },
    /// The input looks like a DOCX (a zip) but cannot be read as one.
    Docx {
        /// The input.
        name: String,
        /// Why not.
        reason: String,
    },
    /// An old or other office file (a `.doc`, `.wps`, `.rtf` or `.odt`) that LibreOffice could
    /// not convert to DOCX.
    Convert {
        /// The input.
        name: String,
        /// What it is: [`FileKind::Doc`], [`FileKind::Rtf`] or [`FileKind::Odt`].
        kind: FileKind,
        /// Why: what LibreOffice said, or that it timed out.
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

/// What an input that is not text is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum FileKind {
    /// A PDF (`%PDF-`).
    Pdf,
    /// An OLE2 compound file: a Word 97–2003 `.doc`, a WPS `.wps`, or a password-protected DOCX.
    Ole2,
    /// A zip archive with no `word/document.xml`.
    Zip,
    /// An Excel workbook (XLSX).
    Xlsx,
    /// A PowerPoint presentation (PPTX).
    Pptx,
    /// An OpenDocument file (ODT and its kin).
    OpenDocument,
    /// A PNG image.
    Png,
    /// A JPEG image.
    Jpeg,
    /// A GIF image.
    Gif,
    /// A Word 97–2003 document (`.doc`, or a WPS `.wps` in the same format), read through
    /// LibreOffice: refused with this kind when LibreOffice is not installed.
    Doc,
    /// An RTF document, read through LibreOffice: refused with this kind when LibreOffice is not
    /// installed.
    Rtf,
    /// An OpenDocument text (`.odt`), read through LibreOffice: refused with this kind when
    /// LibreOffice is not installed.
    Odt,
    /// A DOCX (a zip), in a build without the `docx` feature.
    DocxUnsupported,
    /// Bytes with a NUL in them that are no text encoding gongwen knows.
    Binary {
        /// Byte offset of the first NUL.
        nul_at: usize,
    },
}

/// The limits of [`crate::ReadOptions`].
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum Limit {
    /// The bytes read from a file or standard input.
    Input,
    /// The bytes a DOCX inflates to.
    DocxUncompressed,
    /// The entries in a DOCX's zip.
    DocxEntries,
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
            Error::Encoding { .. }
            | Error::Decode { .. }
            | Error::Truncated { .. }
            | Error::UnsupportedEncoding { .. }
            | Error::UnknownEncoding { .. }
            | Error::Encode { .. } => encoding(f, self),
            Error::NotText { name, kind } => not_text(f, name, *kind),
            Error::TooLarge { name, limit, max } => too_large(f, name, *limit, *max),
            Error::Docx { name, reason } => write!(f, "{name}: not a readable DOCX: {reason}"),
            Error::Convert { name, kind, reason } => write!(
                f,
                "{name}: {}, which LibreOffice could not convert to DOCX: {reason}",
                office_kind(*kind)
            ),
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

/// The messages about text encodings, reading and writing.
fn encoding(f: &mut fmt::Formatter<'_>, e: &Error) -> fmt::Result {
    match e {
        Error::Encoding {
            name,
            offset,
            line,
            guess,
        } => {
            write!(f, "{name}:{line}: not valid UTF-8 at byte {offset}, and ")?;
            match guess {
                Some(g) => write!(
                    f,
                    "not clearly {g} either: if it is, say so with `--encoding {g}`"
                ),
                None => f.write_str(
                    "its encoding cannot be told: name it with `--encoding NAME` \
                     (gb18030, big5, utf-16le, …)",
                ),
            }
        }
        Error::Decode {
            name,
            encoding,
            offset,
            line,
            guessed,
        } => {
            if *guessed {
                write!(
                    f,
                    "{name}:{line}: not valid UTF-8, and not valid {encoding} (which it looks \
                     like) at byte {offset}: it is damaged there, or name its encoding with \
                     `--encoding NAME`"
                )
            } else {
                write!(f, "{name}:{line}: not valid {encoding} at byte {offset}")
            }
        }
        Error::Truncated {
            name,
            encoding,
            offset,
            line,
            have,
        } => write!(
            f,
            "{name}:{line}: the file ends in the middle of a {encoding} character ({have} \
             byte{} from byte {offset}): it was cut short",
            if *have == 1 { "" } else { "s" }
        ),
        Error::UnsupportedEncoding { name, encoding } => write!(
            f,
            "{name}: {encoding} (by its byte-order mark), which gongwen does not read: \
             convert it with `iconv -f {encoding} -t UTF-8`"
        ),
        Error::UnknownEncoding { label } => write!(
            f,
            "unknown encoding {label:?}: use a name such as utf-8, gbk, gb18030, big5, \
             utf-16le or utf-16be"
        ),
        Error::Encode {
            name,
            encoding,
            line,
            reason,
        } => {
            f.write_str(name)?;
            if let Some(l) = line {
                write!(f, ":{l}")?;
            }
            write!(f, ": cannot be written back in {encoding}: {reason}")
        }
        other => write!(f, "{other:?}"),
    }
}

/// The message for an input that is not text: what it is, and what to do with it.
fn not_text(f: &mut fmt::Formatter<'_>, name: &str, kind: FileKind) -> fmt::Result {
    let office = "save it as .docx, or convert it with LibreOffice: \
                  `soffice --headless --convert-to docx";
    match kind {
        FileKind::Pdf => write!(
            f,
            "{name}: a PDF, not text: extract the text with `pdftotext -layout {name}`"
        ),
        FileKind::Ole2 => write!(
            f,
            "{name}: an OLE2 compound file (a Word 97–2003 .doc or a WPS .wps, or a \
             password-protected DOCX), not text: {office} {name}`"
        ),
        FileKind::Zip => write!(f, "{name}: a zip archive, not a DOCX (it has no word/document.xml)"),
        FileKind::Xlsx => write!(f, "{name}: an Excel workbook (XLSX), not a DOCX"),
        FileKind::Pptx => write!(f, "{name}: a PowerPoint presentation (PPTX), not a DOCX"),
        FileKind::OpenDocument => write!(f, "{name}: an OpenDocument file, not a DOCX: {office} {name}`"),
        FileKind::Png | FileKind::Jpeg | FileKind::Gif => {
            let what = match kind {
                FileKind::Png => "a PNG",
                FileKind::Jpeg => "a JPEG",
                _ => "a GIF",
            };
            write!(f, "{name}: {what} image, not text: gongwen reads no images (recognise its text first)")
        }
        FileKind::Doc | FileKind::Rtf | FileKind::Odt => write!(
            f,
            "{name}: {}, which gongwen reads by converting it with LibreOffice, and LibreOffice \
             is not installed (no `soffice` or `libreoffice` on PATH): install it (`apt install \
             libreoffice-writer`), or open the file in Word or WPS and save it as .docx",
            office_kind(kind)
        ),
        FileKind::DocxUnsupported => write!(
            f,
            "{name}: a zip archive (a DOCX?), which this build does not read: it lacks the `docx` feature"
        ),
        FileKind::Binary { nul_at } => write!(
            f,
            "{name}: binary data, not text (a NUL byte at byte {nul_at}, in no text encoding gongwen knows)"
        ),
    }
}

/// What an old or other office file is, in a message.
fn office_kind(kind: FileKind) -> &'static str {
    match kind {
        FileKind::Rtf => "an RTF document",
        FileKind::Odt => "an OpenDocument text (.odt)",
        _ => "a Word 97–2003 document (.doc or WPS .wps)",
    }
}

/// The message for an input over a limit, with the flag that raises it.
fn too_large(f: &mut fmt::Formatter<'_>, name: &str, limit: Limit, max: u64) -> fmt::Result {
    let size = human_size(max);
    match limit {
        Limit::Input => write!(
            f,
            "{name}: larger than {size}, the limit for an input (raise it with `--max-input`)"
        ),
        Limit::DocxUncompressed => write!(
            f,
            "{name}: its text inflates to more than {size}, the limit for a DOCX (a zip bomb? \
             raise it with `--max-docx-size`)"
        ),
        Limit::DocxEntries => write!(
            f,
            "{name}: more than {max} entries in its zip, the limit for a DOCX (raise it with \
             `--max-docx-entries`)"
        ),
    }
}

/// `256 MiB` for a whole number of MiB, `1 GiB` for GiB, else bytes.
fn human_size(n: u64) -> String {
    const MIB: u64 = 1 << 20;
    if n >= 1 << 30 && n % (1 << 30) == 0 {
        format!("{} GiB", n >> 30)
    } else if n >= MIB && n % MIB == 0 {
        format!("{} MiB", n / MIB)
    } else {
        format!("{n} bytes")
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

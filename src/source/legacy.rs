//! Old and other office formats read through LibreOffice: a Word 97–2003 `.doc` (or a WPS
//! `.wps`, the same binary format), an RTF file and an OpenDocument text (`.odt`) are converted
//! with `soffice --headless --convert-to docx` and read as the DOCX it writes. The source keeps
//! the original file's name; its package is the converted DOCX (its pictures are read from it).
//!
//! What a file is comes from its content: an OLE2 compound file that holds a `WordDocument`
//! stream (or, with a `.doc`/`.wps` name, any compound file that is not a workbook, a
//! presentation or an encrypted package), `{\rtf`, or a zip whose first entry, `mimetype`, says
//! `application/vnd.oasis.opendocument.text` and whose `content.xml` is an ODF document. An
//! OpenDocument spreadsheet or presentation is not converted (the DOCX reader refuses it).
//!
//! Each conversion runs in a private temporary folder with a private LibreOffice profile, so
//! that runs side by side do not collide; its standard input is closed, and it is killed after
//! [`TIMEOUT`]. Without LibreOffice the input is refused, saying what it is and how to read it
//! ([`FileKind::Doc`], [`FileKind::Rtf`], [`FileKind::Odt`]).
//!
//! ```
//! use gongwen::{Error, FileKind, Source};
//! let rtf = br"{\rtf1\ansi \u19968?\par}".to_vec();
//! match Source::from_bytes("a.rtf", rtf) {
//!     // without LibreOffice: refused, with the way to get it
//!     Err(Error::NotText { kind: FileKind::Rtf, .. }) => {}
//!     // with it: converted and read as a DOCX
//!     Ok(src) => assert_eq!(src.format(), gongwen::Format::Docx),
//!     Err(e) => panic!("{e}"),
//! }
//! ```

use super::{ReadOptions, Source};
use crate::{Error, FileKind};
use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

/// How long a conversion may take before LibreOffice is killed.
pub const TIMEOUT: Duration = Duration::from_secs(120);

/// The OLE2 compound file signature.
const OLE2: &[u8] = b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1";
/// The MIME type of an OpenDocument text, as its `mimetype` entry holds it.
const ODT_MIME: &[u8] = b"application/vnd.oasis.opendocument.text";
/// How much of `content.xml` is read to see its root element.
const CONTENT_HEAD: u64 = 4096;

/// The old or other office format `bytes` are in, when they are one LibreOffice converts:
/// [`FileKind::Doc`], [`FileKind::Rtf`] or [`FileKind::Odt`]. `name`'s extension is a hint for
/// a compound file without a `WordDocument` stream.
pub(crate) fn sniff(name: &str, bytes: &[u8]) -> Option<FileKind> {
    if bytes.starts_with(OLE2) {
        return is_word_binary(name, bytes).then_some(FileKind::Doc);
    }
    let text = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    if text.starts_with(br"{\rtf") {
        return Some(FileKind::Rtf);
    }
    is_odt(bytes).then_some(FileKind::Odt)
}

/// Whether a compound file holds a Word document: a `WordDocument` stream, or, when its name
/// says `.doc`/`.dot`/`.wps`/`.wpt`, no stream that says it is something else.
fn is_word_binary(name: &str, bytes: &[u8]) -> bool {
    // the 512-byte header, then at least one sector
    if bytes.len() < 1024 {
        return false;
    }
    if has_stream(bytes, "WordDocument") {
        return true;
    }
    let ext = Path::new(name)
        .extension()
        .and_then(|e| e.to_str())
        .map(str::to_ascii_lowercase);
    matches!(ext.as_deref(), Some("doc" | "dot" | "wps" | "wpt"))
        && ![
            "Workbook",
            "Book",
            "PowerPoint Document",
            "EncryptedPackage",
        ]
        .iter()
        .any(|s| has_stream(bytes, s))
}

/// Whether a compound file's directory has a stream named `stream`. Directory entries are 128
/// bytes and start on 128-byte boundaries (sectors are 512 or 4096 bytes, after a header of
/// one sector): the name in UTF-16LE, NUL-terminated, its length in bytes at offset 64 and the
/// entry's type (2, a stream) at 66. One pass over the file.
fn has_stream(bytes: &[u8], stream: &str) -> bool {
    let name: Vec<u8> = stream
        .encode_utf16()
        .chain([0])
        .flat_map(u16::to_le_bytes)
        .collect();
    let len = name.len() as u16;
    bytes
        .chunks_exact(128)
        .skip(4)
        .any(|e| e.starts_with(&name) && e[64..66] == len.to_le_bytes() && e[66] == 2)
}

/// Whether a zip is an OpenDocument text: its first entry is `mimetype`, stored, holding the
/// text's MIME type (ODF 1.2 part 3, §3.3, requires that form), and its `content.xml` starts
/// an `office:document-content`.
fn is_odt(bytes: &[u8]) -> bool {
    let Some(h) = bytes.get(..30).filter(|h| h.starts_with(b"PK\x03\x04")) else {
        return false;
    };
    let u16_at = |i: usize| usize::from(u16::from_le_bytes([h[i], h[i + 1]]));
    let (method, name_len, extra_len) = (u16_at(8), u16_at(26), u16_at(28));
    let size = u32::from_le_bytes([h[18], h[19], h[20], h[21]]) as usize;
    let name_end = 30 + name_len;
    if method != 0 || bytes.get(30..name_end) != Some(b"mimetype") {
        return false;
    }
    let start = name_end + extra_len;
    let mime = bytes.get(start..start.saturating_add(size));
    if mime.map(|m| m.trim_ascii_end()) != Some(ODT_MIME) {
        return false;
    }
    let Ok(mut zip) = zip::ZipArchive::new(std::io::Cursor::new(bytes)) else {
        return false;
    };
    let Ok(content) = zip.by_name("content.xml") else {
        return false;
    };
    let mut head = Vec::new();
    if content.take(CONTENT_HEAD).read_to_end(&mut head).is_err() {
        return false;
    }
    memchr::memmem::find(&head, b"document-content").is_some()
}

/// Convert `bytes` (a file of `kind`) with LibreOffice and read the DOCX it writes as the
/// source `name`. Refused with [`Error::NotText`] when LibreOffice is not installed; a failed
/// conversion is [`Error::Convert`], with what LibreOffice said.
pub(crate) fn read(
    name: String,
    bytes: &[u8],
    kind: FileKind,
    opts: &ReadOptions,
) -> Result<Source, Error> {
    let Some(soffice) = find_soffice() else {
        return Err(Error::NotText { name, kind });
    };
    let fail = |reason: String| Error::Convert {
        name: name.clone(),
        kind,
        reason,
    };
    let dir = TempDir::new().map_err(|e| fail(format!("cannot make a temporary folder: {e}")))?;
    let docx = convert(&soffice, dir.path(), bytes, kind, opts).map_err(fail)?;
    drop(dir);
    match docx {
        Some(docx) => Source::zip(name, &docx, opts),
        None => Err(Error::TooLarge {
            name,
            limit: crate::Limit::Input,
            max: opts.max_input,
        }),
    }
}

/// Run the conversion in `dir`: the DOCX's bytes, `None` when it is larger than the input
/// limit, or what went wrong (LibreOffice's own words when it said any).
fn convert(
    soffice: &Path,
    dir: &Path,
    bytes: &[u8],
    kind: FileKind,
    opts: &ReadOptions,
) -> Result<Option<Vec<u8>>, String> {
    let ext = match kind {
        FileKind::Rtf => "rtf",
        FileKind::Odt => "odt",
        _ => "doc",
    };
    let input = dir.join(format!("input.{ext}"));
    let out = dir.join("out");
    let io = |what: &str, e: std::io::Error| format!("{what}: {e}");
    std::fs::write(&input, bytes).map_err(|e| io("cannot write a temporary copy", e))?;
    std::fs::create_dir(&out).map_err(|e| io("cannot make a temporary folder", e))?;
    let log = |n: &str| std::fs::File::create(dir.join(n));
    let stdout = log("stdout.txt").map_err(|e| io("cannot make a temporary file", e))?;
    let stderr = log("stderr.txt").map_err(|e| io("cannot make a temporary file", e))?;
    let mut cmd = Command::new(soffice);
    cmd.arg(format!(
        "-env:UserInstallation={}",
        file_url(&dir.join("profile"))
    ))
    .args([
        "--headless",
        "--norestore",
        "--nologo",
        "--convert-to",
        "docx",
    ])
    .arg("--outdir")
    .arg(&out)
    .arg(&input)
    .stdin(Stdio::null())
    .stdout(stdout)
    .stderr(stderr);
    // its own process group, so that a timeout kills the office process it starts as well
    #[cfg(unix)]
    std::os::unix::process::CommandExt::process_group(&mut cmd, 0);
    let mut child = cmd
        .spawn()
        .map_err(|e| format!("cannot run {}: {e}", soffice.display()))?;
    let said = || {
        let read = |n: &str| std::fs::read_to_string(dir.join(n)).unwrap_or_default();
        let (o, e) = (read("stdout.txt"), read("stderr.txt"));
        let all = format!("{}\n{}", e.trim(), o.trim());
        let all = all.trim();
        if all.is_empty() {
            "it said nothing".to_string()
        } else {
            format!("it said: {}", all.replace('\n', " / "))
        }
    };
    let start = Instant::now();
    let status = loop {
        match child.try_wait() {
            Ok(Some(s)) => break s,
            Ok(None) if start.elapsed() > TIMEOUT => {
                kill(&mut child);
                return Err(format!(
                    "LibreOffice did not finish in {} s and was stopped",
                    TIMEOUT.as_secs()
                ));
            }
            Ok(None) => std::thread::sleep(Duration::from_millis(50)),
            Err(e) => {
                kill(&mut child);
                return Err(format!("cannot wait for LibreOffice: {e}"));
            }
        }
    };
    let produced = out.join("input.docx");
    if !status.success() || !produced.is_file() {
        return Err(format!(
            "LibreOffice did not convert it ({status}); {}",
            said()
        ));
    }
    let file =
        std::fs::File::open(&produced).map_err(|e| io("cannot read the converted DOCX", e))?;
    let hint = file.metadata().map_or(0, |m| m.len());
    super::read_capped(file, hint, opts.max_input)
        .map_err(|e| io("cannot read the converted DOCX", e))
}

/// Stop a conversion: its whole process group on Unix, then the child itself.
fn kill(child: &mut std::process::Child) {
    #[cfg(unix)]
    {
        let _ = Command::new("kill")
            .arg("-KILL")
            .arg(format!("-{}", child.id()))
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .status();
    }
    let _ = child.kill();
    let _ = child.wait();
}

/// `soffice` or `libreoffice` on `PATH`, the first found.
fn find_soffice() -> Option<PathBuf> {
    let path = std::env::var_os("PATH")?;
    ["soffice", "libreoffice"].iter().find_map(|exe| {
        std::env::split_paths(&path)
            .filter(|d| !d.as_os_str().is_empty())
            .map(|d| d.join(exe))
            .find(|p| is_executable(p))
    })
}

#[cfg(unix)]
fn is_executable(p: &Path) -> bool {
    use std::os::unix::fs::PermissionsExt;
    p.metadata()
        .is_ok_and(|m| m.is_file() && m.permissions().mode() & 0o111 != 0)
}

#[cfg(not(unix))]
fn is_executable(p: &Path) -> bool {
    p.is_file() || p.with_extension("exe").is_file()
}

/// A `file://` URL of an absolute path, its bytes outside the unreserved set percent-encoded.
fn file_url(p: &Path) -> String {
    let s = p.to_string_lossy();
    let mut url = String::from("file://");
    if !s.starts_with('/') {
        url.push('/');
    }
    for b in s.bytes() {
        match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'/' | b'-' | b'_' | b'.' | b'~' => {
                url.push(b as char)
            }
            b'\\' => url.push('/'),
            _ => url.push_str(&format!("%{b:02X}")),
        }
    }
    url
}

/// A private temporary folder (mode 0700 on Unix), removed when dropped.
struct TempDir(PathBuf);

impl TempDir {
    fn new() -> std::io::Result<TempDir> {
        use std::sync::atomic::{AtomicU32, Ordering};
        static NEXT: AtomicU32 = AtomicU32::new(0);
        let base = std::env::temp_dir();
        let nanos = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |d| d.subsec_nanos());
        let mut last = None;
        for _ in 0..16 {
            let n = NEXT.fetch_add(1, Ordering::Relaxed);
            let p = base.join(format!(
                "gongwen-convert-{}-{nanos:x}-{n}",
                std::process::id()
            ));
            let mut b = std::fs::DirBuilder::new();
            #[cfg(unix)]
            std::os::unix::fs::DirBuilderExt::mode(&mut b, 0o700);
            match b.create(&p) {
                Ok(()) => return Ok(TempDir(p)),
                Err(e) => last = Some(e),
            }
        }
        Err(last.unwrap_or_else(|| std::io::Error::other("no free name")))
    }

    fn path(&self) -> &Path {
        &self.0
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A compound file of a header and one directory sector naming `stream`.
    fn ole2(stream: &str) -> Vec<u8> {
        let mut b = OLE2.to_vec();
        b.resize(512, 0);
        let mut e: Vec<u8> = stream
            .encode_utf16()
            .chain([0])
            .flat_map(u16::to_le_bytes)
            .collect();
        let len = e.len() as u16;
        e.resize(64, 0);
        e.extend(len.to_le_bytes());
        e.push(2);
        e.resize(128, 0);
        b.extend(e);
        b.resize(1024, 0);
        b
    }

    #[test]
    fn compound_files_by_their_streams() {
        assert_eq!(sniff("x.bin", &ole2("WordDocument")), Some(FileKind::Doc));
        assert_eq!(sniff("x.bin", &ole2("Other")), None);
        assert_eq!(sniff("x.wps", &ole2("Other")), Some(FileKind::Doc));
        assert_eq!(sniff("x.doc", &ole2("Workbook")), None);
        assert_eq!(sniff("x.doc", &ole2("EncryptedPackage")), None);
        // too short to be a document
        assert_eq!(sniff("x.doc", &ole2("WordDocument")[..600]), None);
    }

    #[test]
    fn rtf_and_text() {
        assert_eq!(sniff("a", br"{\rtf1\ansi x}"), Some(FileKind::Rtf));
        assert_eq!(sniff("a", b"\xEF\xBB\xBF{\\rtf1 x}"), Some(FileKind::Rtf));
        assert_eq!(sniff("a.rtf", "一、总则\n".as_bytes()), None);
        assert_eq!(sniff("a", b""), None);
    }

    #[test]
    fn file_urls_are_escaped() {
        assert_eq!(file_url(Path::new("/tmp/a b/p")), "file:///tmp/a%20b/p");
        assert_eq!(file_url(Path::new("/t/图")), "file:///t/%E5%9B%BE");
    }

    #[test]
    fn temp_dirs_are_removed() {
        let d = TempDir::new().unwrap();
        let p = d.path().to_path_buf();
        std::fs::write(p.join("f"), b"x").unwrap();
        drop(d);
        assert!(!p.exists());
    }
}

//! Old and other office formats (.odt, .rtf, .doc) are read through LibreOffice: each, made by
//! LibreOffice from a DOCX gongwen wrote, gives the DOCX's outline. Without LibreOffice the
//! message says what the file is and how to read it; a failed conversion says what LibreOffice
//! said. A stand-in `soffice` (a shell script) checks the command line without LibreOffice.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

fn gongwen(args: &[&str], path_env: Option<&str>, stdin: Option<&[u8]>) -> Output {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_gongwen"));
    cmd.args(args)
        .stdin(if stdin.is_some() {
            Stdio::piped()
        } else {
            Stdio::null()
        })
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    if let Some(p) = path_env {
        cmd.env("PATH", p);
    }
    let mut child = cmd.spawn().unwrap();
    if let Some(bytes) = stdin {
        child.stdin.take().unwrap().write_all(bytes).unwrap();
    }
    child.wait_with_output().unwrap()
}

fn outline(path: &Path) -> String {
    let out = gongwen(
        &["outline", "--format", "tsv", path.to_str().unwrap()],
        None,
        None,
    );
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}: {}",
        path.display(),
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

fn sample(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("samples")
        .join(name)
}

/// `gongwen convert SAMPLE -o dir/NAME.docx`.
fn docx_of(sample_name: &str, dir: &Path, name: &str) -> PathBuf {
    let out = dir.join(format!("{name}.docx"));
    let o = gongwen(
        &[
            "convert",
            sample(sample_name).to_str().unwrap(),
            "-o",
            out.to_str().unwrap(),
        ],
        None,
        None,
    );
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    out
}

/// LibreOffice's conversion of `docx` to `ext`, beside it.
fn soffice_convert(docx: &Path, ext: &str) -> PathBuf {
    let dir = docx.parent().unwrap();
    let profile = tempfile::tempdir().unwrap();
    let o = Command::new("soffice")
        .arg(format!(
            "-env:UserInstallation=file://{}",
            profile.path().display()
        ))
        .args(["--headless", "--convert-to", ext, "--outdir"])
        .arg(dir)
        .arg(docx)
        .stdin(Stdio::null())
        .output()
        .expect("LibreOffice (soffice) must be installed for this test");
    let out = docx.with_extension(ext);
    assert!(
        o.status.success() && out.is_file(),
        "soffice --convert-to {ext}: {}",
        String::from_utf8_lossy(&o.stderr)
    );
    out
}

#[test]
#[ignore = "needs LibreOffice (soffice)"]
fn odt_rtf_and_doc_give_the_outline_of_the_docx() {
    let tmp = tempfile::tempdir().unwrap();
    for (i, s) in ["通知.txt", "调研报告.txt", "办法.md"].iter().enumerate() {
        let docx = docx_of(s, tmp.path(), &format!("d{i}"));
        let want = outline(&docx);
        assert!(want.lines().count() > 3, "{s}: {want}");
        for ext in ["odt", "rtf", "doc"] {
            let f = soffice_convert(&docx, ext);
            assert_eq!(outline(&f), want, "{s} as .{ext}");
        }
        // the same from standard input, where only the content tells what it is
        let doc = std::fs::read(docx.with_extension("doc")).unwrap();
        let o = gongwen(&["outline", "--format", "tsv", "-"], None, Some(&doc));
        assert_eq!(
            String::from_utf8_lossy(&o.stdout),
            want,
            "{s} as .doc on stdin"
        );
        // the name in messages is the original file's
        let o = gongwen(
            &[
                "outline",
                "--format",
                "json",
                docx.with_extension("odt").to_str().unwrap(),
            ],
            None,
            None,
        );
        let json = String::from_utf8_lossy(&o.stdout);
        assert!(json.contains(&format!("d{i}.odt")), "{json}");
    }
}

/// A compound file of a header and one directory sector naming a `WordDocument` stream.
fn fake_doc() -> Vec<u8> {
    let mut b = b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1".to_vec();
    b.resize(512, 0);
    let mut e: Vec<u8> = "WordDocument"
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
    b.resize(2048, 0);
    b
}

/// An OpenDocument package: `mimetype` first and stored, then `content.xml`.
fn fake_odf(mime: &str) -> Vec<u8> {
    let mut buf = std::io::Cursor::new(Vec::new());
    let mut z = zip::ZipWriter::new(&mut buf);
    let stored =
        zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Stored);
    z.start_file("mimetype", stored).unwrap();
    z.write_all(mime.as_bytes()).unwrap();
    z.start_file("content.xml", stored).unwrap();
    z.write_all(
        br#"<?xml version="1.0"?><office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0"><office:body/></office:document-content>"#,
    )
    .unwrap();
    z.finish().unwrap();
    buf.into_inner()
}

#[test]
fn without_libreoffice_the_message_says_how_to_read_the_file() {
    let tmp = tempfile::tempdir().unwrap();
    let cases: [(&str, Vec<u8>, &str); 3] = [
        ("旧.doc", fake_doc(), "a Word 97–2003 document"),
        (
            "旧.rtf",
            br"{\rtf1\ansi hello\par}".to_vec(),
            "an RTF document",
        ),
        (
            "旧.odt",
            fake_odf("application/vnd.oasis.opendocument.text"),
            "an OpenDocument text",
        ),
    ];
    for (name, bytes, what) in cases {
        let p = tmp.path().join(name);
        std::fs::write(&p, &bytes).unwrap();
        for stdin in [false, true] {
            let o = if stdin {
                gongwen(&["outline", "-"], Some(""), Some(&bytes))
            } else {
                gongwen(&["outline", p.to_str().unwrap()], Some(""), None)
            };
            let err = String::from_utf8_lossy(&o.stderr);
            assert_eq!(o.status.code(), Some(2), "{name}: {err}");
            assert!(o.stdout.is_empty(), "{name}");
            let shown = if stdin { "<stdin>" } else { name };
            assert!(err.contains(shown) && err.contains(what), "{name}: {err}");
            assert!(err.contains("LibreOffice is not installed"), "{err}");
            assert!(err.contains("apt install libreoffice-writer"), "{err}");
            assert!(err.contains("save it as .docx"), "{err}");
        }
    }
}

#[test]
fn an_odf_spreadsheet_is_still_refused() {
    let bytes = fake_odf("application/vnd.oasis.opendocument.spreadsheet");
    let o = gongwen(&["outline", "-"], None, Some(&bytes));
    let err = String::from_utf8_lossy(&o.stderr);
    assert_eq!(o.status.code(), Some(2), "{err}");
    assert!(err.contains("an OpenDocument file, not a DOCX"), "{err}");
}

/// A folder holding a stand-in `soffice`: a shell script with `body`.
#[cfg(unix)]
fn fake_soffice(body: &str) -> tempfile::TempDir {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("soffice");
    std::fs::write(&p, format!("#!/bin/sh\n{body}\n")).unwrap();
    std::fs::set_permissions(&p, std::fs::Permissions::from_mode(0o755)).unwrap();
    dir
}

#[test]
#[cfg(unix)]
fn a_failed_conversion_says_what_libreoffice_said() {
    let bin = fake_soffice("echo 'Error: source file could not be loaded' >&2\nexit 1");
    let o = gongwen(
        &["outline", "-"],
        Some(bin.path().to_str().unwrap()),
        Some(br"{\rtf1 x}"),
    );
    let err = String::from_utf8_lossy(&o.stderr);
    assert_eq!(o.status.code(), Some(2), "{err}");
    assert!(err.contains("could not convert"), "{err}");
    assert!(err.contains("source file could not be loaded"), "{err}");
    // exit 0 with no DOCX written is a failure too
    let bin = fake_soffice("echo 'no export filter' ; exit 0");
    let o = gongwen(
        &["outline", "-"],
        Some(bin.path().to_str().unwrap()),
        Some(br"{\rtf1 x}"),
    );
    let err = String::from_utf8_lossy(&o.stderr);
    assert_eq!(o.status.code(), Some(2), "{err}");
    assert!(err.contains("no export filter"), "{err}");
}

#[test]
#[cfg(unix)]
fn the_converted_docx_is_read_under_the_original_name() {
    let tmp = tempfile::tempdir().unwrap();
    let docx = docx_of("通知.txt", tmp.path(), "made");
    let want = outline(&docx);
    // the stand-in checks its arguments, reads nothing from standard input, and writes the DOCX
    // as OUTDIR/<input's stem>.docx, as LibreOffice does
    let script = format!(
        r#"profile=; outdir=; input=; conv=
while [ $# -gt 0 ]; do
  case "$1" in
    -env:UserInstallation=file://*) profile="$1" ;;
    --convert-to) shift; conv="$1" ;;
    --outdir) shift; outdir="$1" ;;
    --*) ;;
    *) input="$1" ;;
  esac
  shift
done
[ -n "$profile" ] || {{ echo "no private profile" >&2; exit 3; }}
[ "$conv" = docx ] || {{ echo "not to docx: $conv" >&2; exit 3; }}
[ -f "$input" ] || {{ echo "no input file" >&2; exit 3; }}
read line && {{ echo "stdin is open" >&2; exit 3; }}
stem="${{input##*/}}"; stem="${{stem%.*}}"
/bin/cp '{}' "$outdir/$stem.docx""#,
        docx.display()
    );
    let bin = fake_soffice(&script);
    let path = bin.path().to_str().unwrap();
    let doc = tmp.path().join("旧文件.doc");
    std::fs::write(&doc, fake_doc()).unwrap();
    let o = gongwen(
        &["outline", "--format", "tsv", doc.to_str().unwrap()],
        Some(path),
        None,
    );
    assert_eq!(
        o.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
    assert_eq!(String::from_utf8_lossy(&o.stdout), want);
    let o = gongwen(
        &["check", "--format", "json", doc.to_str().unwrap()],
        Some(path),
        None,
    );
    let json = String::from_utf8_lossy(&o.stdout);
    assert!(json.contains("旧文件.doc"), "{json}");
}

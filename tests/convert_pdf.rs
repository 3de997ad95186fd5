//! `convert -o x.pdf`: the DOCX rendered by LibreOffice; without it, a message that says how to
//! install it, exit 2 and no file.

use std::path::Path;
use std::process::{Command, Output};

fn convert(dir: &Path, out: &str, path: Option<&str>) -> Output {
    let mut c = Command::new(env!("CARGO_BIN_EXE_gongwen"));
    c.current_dir(dir)
        .arg("convert")
        .arg(Path::new(env!("CARGO_MANIFEST_DIR")).join("samples/通知.txt"))
        .args(["-o", out])
        .env("NO_COLOR", "1");
    if let Some(p) = path {
        c.env("PATH", p);
    }
    c.output().expect("the binary runs")
}

#[test]
fn without_libreoffice_the_message_says_how_to_install_it() {
    let d = tempfile::tempdir().unwrap();
    // an empty PATH: no soffice to be found
    let o = convert(d.path(), "x.pdf", Some(""));
    let err = String::from_utf8_lossy(&o.stderr);
    assert_eq!(o.status.code(), Some(2), "{err}");
    assert!(err.starts_with("gongwen: error: "), "{err}");
    assert!(
        err.contains("LibreOffice") && err.contains("apt install"),
        "{err}"
    );
    assert!(!d.path().join("x.pdf").exists());
    assert_eq!(
        std::fs::read_dir(d.path()).unwrap().count(),
        0,
        "nothing left behind"
    );
}

#[test]
#[ignore = "needs soffice and pdftotext"]
fn a_pdf_is_the_docx_rendered() {
    let d = tempfile::tempdir().unwrap();
    let o = convert(d.path(), "x.pdf", None);
    assert_eq!(
        o.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
    let pdf = std::fs::read(d.path().join("x.pdf")).unwrap();
    assert!(pdf.starts_with(b"%PDF"));
    let text = Command::new("pdftotext")
        .arg(d.path().join("x.pdf"))
        .arg("-")
        .output()
        .expect("pdftotext runs");
    let text = String::from_utf8_lossy(&text.stdout);
    // the sample's title and a heading, as the DOCX has them
    let sample =
        std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("samples/通知.txt"))
            .unwrap();
    let first = sample
        .lines()
        .map(str::trim)
        .find(|l| !l.is_empty())
        .unwrap();
    let squeeze = |s: &str| s.chars().filter(|c| !c.is_whitespace()).collect::<String>();
    assert!(
        squeeze(&text).contains(&squeeze(first)),
        "{first} in {text}"
    );
}

//! DOCX as input: a document converted to DOCX and read back has the same outline (kinds,
//! levels, markers, titles), and `fix` refuses to rewrite a DOCX in place.

use gongwen::write::outline::rows;
use gongwen::{Format, Source};
use std::path::Path;

fn outline_of(input: &Source) -> Vec<(String, u8, String, String)> {
    let doc = gongwen::parse(input);
    rows(&doc, input)
        .into_iter()
        .map(|r| (r.kind.to_string(), r.level, r.marker, r.title))
        .collect()
}

#[test]
fn samples_survive_a_trip_through_docx() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("samples");
    let tmp = tempfile::tempdir().unwrap();
    let mut n = 0;
    for e in std::fs::read_dir(&dir).unwrap() {
        let p = e.unwrap().path();
        if !matches!(p.extension().and_then(|x| x.to_str()), Some("txt" | "md")) {
            continue;
        }
        let src = Source::from_path(&p).unwrap();
        let doc = gongwen::parse(&src);
        let mut bytes = Vec::new();
        gongwen::write::docx::write(&doc, &src, &Default::default(), &mut bytes).unwrap();
        let out = tmp.path().join("x.docx");
        std::fs::write(&out, bytes).unwrap();
        let back = Source::from_path(&out).unwrap();
        assert_eq!(back.format(), Format::Docx);
        let want: Vec<_> = outline_of(&src)
            .into_iter()
            .filter(|r| r.0 != "title")
            .collect();
        let got: Vec<_> = outline_of(&back)
            .into_iter()
            .filter(|r| r.0 != "title")
            .collect();
        assert_eq!(got, want, "{}", p.display());
        n += 1;
    }
    assert!(n >= 3, "expected the samples, found {n}");
}

#[test]
fn a_broken_docx_is_an_input_error() {
    let tmp = tempfile::tempdir().unwrap();
    let p = tmp.path().join("broken.docx");
    std::fs::write(&p, b"PK\x03\x04 not really a zip").unwrap();
    let e = Source::from_path(&p).unwrap_err();
    assert!(e.to_string().contains("broken.docx"), "{e}");
}

#[test]
fn fix_rewrites_a_docx_and_check_then_finds_nothing() {
    let tmp = tempfile::tempdir().unwrap();
    let src = Source::from_str("一、总则\n三、附则\n", Format::Text);
    let mut bytes = Vec::new();
    gongwen::write::docx::write(&gongwen::parse(&src), &src, &Default::default(), &mut bytes)
        .unwrap();
    let p = tmp.path().join("a.docx");
    std::fs::write(&p, &bytes).unwrap();
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_gongwen"))
        .arg("fix")
        .arg(&p)
        .output()
        .unwrap();
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_ne!(std::fs::read(&p).unwrap(), bytes, "the DOCX is fixed");
    let check = std::process::Command::new(env!("CARGO_BIN_EXE_gongwen"))
        .arg("check")
        .arg(&p)
        .output()
        .unwrap();
    assert_eq!(check.status.code(), Some(0), "the gap in the DOCX is fixed");
}

//! `gongwen fonts`: every typeface a converted DOCX names, with what it sets; whether this
//! machine has it where fontconfig can tell; and a plain statement where it cannot.

use std::process::{Command, Output};

fn fonts(args: &[&str], path: Option<&str>) -> Output {
    let mut c = Command::new(env!("CARGO_BIN_EXE_gongwen"));
    c.arg("fonts").args(args).env("NO_COLOR", "1");
    if let Some(p) = path {
        c.env("PATH", p);
    }
    c.output().expect("the binary runs")
}

#[test]
fn every_face_of_the_layout_is_listed_with_what_it_sets() {
    let o = fonts(&[], None);
    assert_eq!(o.status.code(), Some(0));
    let out = String::from_utf8_lossy(&o.stdout);
    for (face, role) in [
        ("方正小标宋简体", "title"),
        ("仿宋_GB2312", "body"),
        ("黑体", "level-1 headings"),
        ("楷体_GB2312", "level-2 headings"),
        ("宋体", "page numbers"),
    ] {
        let line = out
            .lines()
            .find(|l| l.starts_with(face))
            .unwrap_or_else(|| panic!("{face} in {out}"));
        assert!(line.contains(role), "{line}");
    }
    // another profile names its own faces
    let mac = fonts(&["--fonts", "mac"], None);
    let mac = String::from_utf8_lossy(&mac.stdout);
    assert!(mac.lines().any(|l| l.starts_with("华文仿宋")), "{mac}");
    assert!(!mac.contains("仿宋_GB2312"), "{mac}");
    // the neutral layout names other faces
    let plain = fonts(&["--style", "plain"], None);
    let plain = String::from_utf8_lossy(&plain.stdout);
    assert!(!plain.contains("仿宋_GB2312"), "{plain}");
}

#[test]
fn without_fontconfig_it_says_it_cannot_tell() {
    let o = fonts(&[], Some(""));
    assert_eq!(o.status.code(), Some(0));
    let out = String::from_utf8_lossy(&o.stdout);
    assert!(out.contains("fc-list was not found"), "{out}");
    assert!(!out.contains("installed\n"), "{out}");
}

#[test]
#[ignore = "needs fc-list and fc-match (fontconfig)"]
fn with_fontconfig_each_face_is_installed_or_shown_as_a_substitute() {
    let o = fonts(&[], None);
    let out = String::from_utf8_lossy(&o.stdout);
    let verdicts = out.lines().filter(|l| l.starts_with("  ")).count();
    assert_eq!(verdicts, 5, "{out}");
    for l in out.lines().filter(|l| l.starts_with("  ")) {
        assert!(
            l == "  installed" || l.contains("fallback") || l.contains("shown as"),
            "{l}"
        );
    }
}

/// The DOCX part `name` of `docx`.
fn part(docx: &[u8], name: &str) -> String {
    use std::io::Read;
    let mut z = zip::ZipArchive::new(std::io::Cursor::new(docx)).unwrap();
    let mut s = String::new();
    z.by_name(name).unwrap().read_to_string(&mut s).unwrap();
    s
}

#[test]
fn convert_names_the_faces_of_the_profile_in_runs_styles_and_font_table() {
    let d = tempfile::tempdir().unwrap();
    let sample = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("samples/通知.txt");
    for (profile, body, title) in [
        ("gb2312", "仿宋_GB2312", "方正小标宋简体"),
        ("windows", "仿宋", "华文中宋"),
        ("mac", "华文仿宋", "宋体-简"),
        ("wps", "方正仿宋_GBK", "方正小标宋_GBK"),
    ] {
        let out = d.path().join(format!("{profile}.docx"));
        let o = Command::new(env!("CARGO_BIN_EXE_gongwen"))
            .arg("convert")
            .arg(&sample)
            .arg("-o")
            .arg(&out)
            .args(["--fonts", profile])
            .output()
            .unwrap();
        assert_eq!(
            o.status.code(),
            Some(0),
            "{}",
            String::from_utf8_lossy(&o.stderr)
        );
        let bytes = std::fs::read(&out).unwrap();
        let doc = part(&bytes, "word/document.xml");
        let table = part(&bytes, "word/fontTable.xml");
        let styles = part(&bytes, "word/styles.xml");
        for face in [body, title] {
            let attr = format!("w:eastAsia=\"{face}\"");
            assert!(doc.contains(&attr), "{profile}: {face} in the runs");
            assert!(styles.contains(&attr), "{profile}: {face} in the styles");
            assert!(
                table.contains(&format!("w:name=\"{face}\"")),
                "{profile}: {face} in the font table"
            );
        }
        if profile != "gb2312" {
            assert!(!doc.contains("仿宋_GB2312"), "{profile}");
        }
    }
}

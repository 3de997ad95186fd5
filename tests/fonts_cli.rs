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

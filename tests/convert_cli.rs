//! `gongwen convert` from the command line: the format by extension or `--to`/`-t`, Markdown to
//! Markdown re-levelling by default, `--rewrite`, `--number`, YAML and JSON, and the message an
//! unknown extension gets.

use std::path::Path;
use std::process::{Command, Output};

fn gongwen(dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_gongwen"))
        .current_dir(dir)
        .args(args)
        .output()
        .expect("the binary runs")
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

const REPORT: &str = "关于做好春季防汛准备工作的通知\n一、总体要求\n各单位要提前部署。\n（一）压实责任。主要负责同志*亲自*抓。\n二、工作措施\n做好物资储备。\n";

const FLAT: &str = "# 关于做好春季防汛准备工作的通知\n\n# 一、总体要求\n\n各单位要提前部署。\n\n**（一）压实责任**\n\n| 项目 | 数量 |\n|---|---|\n| 沙袋 | 200 |\n\n# 二、工作措施\n\n做好物资储备。\n";

#[test]
fn text_to_markdown_by_extension() {
    let tmp = tempfile::tempdir().unwrap();
    std::fs::write(tmp.path().join("a.txt"), REPORT).unwrap();
    for name in ["a.md", "a.markdown"] {
        let o = gongwen(tmp.path(), &["convert", "a.txt", "-o", name]);
        assert!(o.status.success(), "{}", stderr(&o));
        let md = std::fs::read_to_string(tmp.path().join(name)).unwrap();
        assert!(md.contains("\n# 关于做好春季防汛准备工作的通知\n"), "{md}");
        assert!(md.contains("\n## 一、总体要求\n"), "{md}");
        assert!(
            md.contains("\n**（一）压实责任**。主要负责同志\\*亲自\\*抓。\n"),
            "{md}"
        );
    }
}

#[test]
fn markdown_to_markdown_relevels_and_rewrite_writes_anew() {
    let tmp = tempfile::tempdir().unwrap();
    std::fs::write(tmp.path().join("flat.md"), FLAT).unwrap();
    let o = gongwen(tmp.path(), &["convert", "flat.md", "-o", "out.md"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let out = std::fs::read_to_string(tmp.path().join("out.md")).unwrap();
    let want = FLAT
        .replace("# 一、", "## 一、")
        .replace("# 二、", "## 二、")
        .replace("**（一）压实责任**", "### （一）压实责任");
    assert_eq!(out, want);
    // --relevel-only names the default; running it again changes nothing
    let o = gongwen(
        tmp.path(),
        &["convert", "out.md", "--relevel-only", "-o", "again.md"],
    );
    assert!(o.status.success(), "{}", stderr(&o));
    assert_eq!(
        std::fs::read_to_string(tmp.path().join("again.md")).unwrap(),
        out
    );
    let o = gongwen(
        tmp.path(),
        &["convert", "flat.md", "--rewrite", "-o", "new.md"],
    );
    assert!(o.status.success(), "{}", stderr(&o));
    let new = std::fs::read_to_string(tmp.path().join("new.md")).unwrap();
    assert!(new.starts_with("---\ntitle: "), "{new}");
    assert_ne!(new, out);
}

#[test]
fn number_generates_markers() {
    let tmp = tempfile::tempdir().unwrap();
    let text = "# 关于做好工作的通知\n\n# 总体工作要求\n\n正文。\n\n## 指导思想和原则\n\n正文。\n";
    std::fs::write(tmp.path().join("u.md"), text).unwrap();
    let o = gongwen(tmp.path(), &["convert", "u.md", "--number", "-o", "n.md"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let out = std::fs::read_to_string(tmp.path().join("n.md")).unwrap();
    assert!(out.contains("\n## 一、总体工作要求\n"), "{out}");
    assert!(out.contains("\n### （一）指导思想和原则\n"), "{out}");
}

#[test]
fn yaml_and_json_are_the_tree() {
    let tmp = tempfile::tempdir().unwrap();
    std::fs::write(tmp.path().join("a.txt"), REPORT).unwrap();
    for (args, schema) in [
        (
            &["convert", "a.txt", "-o", "t.yaml"][..],
            "schema: gongwen.tree/",
        ),
        (
            &["convert", "a.txt", "-o", "t.yml"][..],
            "schema: gongwen.tree/",
        ),
        (
            &["convert", "a.txt", "-o", "t.json"][..],
            "\"schema\": \"gongwen.tree/",
        ),
        (
            &["convert", "a.txt", "-t", "json", "-o", "-"][..],
            "\"schema\": \"gongwen.tree/",
        ),
    ] {
        let o = gongwen(tmp.path(), args);
        assert!(o.status.success(), "{args:?}: {}", stderr(&o));
        let out = match args.last() {
            Some(&"-") => String::from_utf8(o.stdout).unwrap(),
            Some(f) => std::fs::read_to_string(tmp.path().join(f)).unwrap(),
            None => unreachable!(),
        };
        assert!(out.contains(schema), "{args:?}: {out}");
    }
    let parse = gongwen(tmp.path(), &["parse", "-f", "json", "a.txt"]);
    let t = std::fs::read_to_string(tmp.path().join("t.json")).unwrap();
    assert_eq!(
        t,
        String::from_utf8(parse.stdout).unwrap(),
        "the same tree as parse"
    );
}

#[test]
fn unknown_extension_lists_the_formats() {
    let tmp = tempfile::tempdir().unwrap();
    std::fs::write(tmp.path().join("a.txt"), REPORT).unwrap();
    let o = gongwen(tmp.path(), &["convert", "a.txt", "-o", "a.odt"]);
    assert_eq!(o.status.code(), Some(2));
    let e = stderr(&o);
    for f in ["docx", "md", "yaml", "json", "pdf", ".odt"] {
        assert!(e.contains(f), "{f} in {e}");
    }
    assert!(!tmp.path().join("a.odt").exists());
    // --to decides whatever the extension
    let o = gongwen(
        tmp.path(),
        &["convert", "a.txt", "--to", "md", "-o", "a.out"],
    );
    assert!(o.status.success(), "{}", stderr(&o));
}

//! The built binary: exit codes 0/1/2 whatever the format, `--deny warnings`, input errors that
//! do not stop the other files, directory walks with .gitignore / .gongwenignore / gongwen.toml,
//! and `fix` in place, `--diff` and `--check`.

use std::path::Path;
use std::process::{Command, Output};

fn gongwen(dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_gongwen"))
        .current_dir(dir)
        .args(args)
        .env("NO_COLOR", "1")
        .output()
        .unwrap()
}

fn code(o: &Output) -> i32 {
    o.status.code().unwrap_or(-1)
}

fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

const CLEAN: &str =
    "关于加强管理的通知\n一、总体要求\n（一）指导思想\n（二）基本原则\n二、主要任务\n";
const GAP: &str = "关于加强管理的通知\n一、总体要求\n二、主要任务\n四、保障措施\n";
// a level skipped under 二、 where 一、 uses the level between (GW111, a warning)
const WARN_ONLY: &str =
    "关于加强管理的通知\n一、总体要求\n（一）指导思想\n1.坚持\n二、主要任务\n1.推进\n";

fn setup() -> tempfile::TempDir {
    let d = tempfile::tempdir().unwrap();
    std::fs::write(d.path().join("clean.txt"), CLEAN).unwrap();
    std::fs::write(d.path().join("gap.txt"), GAP).unwrap();
    std::fs::write(d.path().join("warn.txt"), WARN_ONLY).unwrap();
    d
}

#[test]
fn exit_codes_are_the_same_for_every_format() {
    let d = setup();
    for f in ["human", "json", "github", "sarif", "rdjson"] {
        assert_eq!(
            code(&gongwen(d.path(), &["check", "-f", f, "clean.txt"])),
            0,
            "{f}"
        );
        assert_eq!(
            code(&gongwen(d.path(), &["check", "-f", f, "gap.txt"])),
            1,
            "{f}"
        );
        assert_eq!(
            code(&gongwen(d.path(), &["check", "-f", f, "warn.txt"])),
            0,
            "{f}"
        );
        assert_eq!(
            code(&gongwen(
                d.path(),
                &["check", "-f", f, "--deny", "warnings", "warn.txt"]
            )),
            1,
            "{f}"
        );
        assert_eq!(
            code(&gongwen(d.path(), &["check", "-f", f, "missing.txt"])),
            2,
            "{f}"
        );
    }
    assert_eq!(
        code(&gongwen(
            d.path(),
            &["check", "--format", "xml", "clean.txt"]
        )),
        2
    );
}

#[test]
fn input_errors_name_the_file_and_the_rest_is_checked() {
    let d = setup();
    std::fs::write(d.path().join("bad.txt"), b"\xff\xfe\xfd\x00\x01abc\xc3").unwrap();
    let o = gongwen(d.path(), &["check", "-f", "json", "bad.txt", "gap.txt"]);
    assert_eq!(code(&o), 2);
    let v: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
    assert_eq!(v["files"][0]["path"], "gap.txt");
    assert_eq!(v["files"][0]["diagnostics"][0]["rule"], "GW101");
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(err.contains("bad.txt"), "{err}");
}

#[test]
fn directories_honour_ignore_files_and_config() {
    let d = setup();
    let sub = d.path().join("docs");
    std::fs::create_dir_all(sub.join("drafts")).unwrap();
    std::fs::write(sub.join("a.md"), GAP).unwrap();
    std::fs::write(sub.join("b.txt"), GAP).unwrap();
    std::fs::write(sub.join("c.pdf"), GAP).unwrap();
    std::fs::write(sub.join("drafts/d.txt"), GAP).unwrap();
    std::fs::write(sub.join(".gongwenignore"), "b.txt\n").unwrap();
    std::fs::write(sub.join(".gitignore"), "drafts/\n").unwrap();
    let o = gongwen(d.path(), &["check", "-f", "json", "docs"]);
    let v: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
    let files: Vec<&str> = v["files"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["path"].as_str().unwrap())
        .collect();
    assert_eq!(files, vec!["docs/a.md"]);
    assert_eq!(code(&o), 1);
    // gongwen.toml found by walking up: the gap becomes a warning
    std::fs::write(
        d.path().join("gongwen.toml"),
        "[rules]\nGW101 = \"warning\"\n",
    )
    .unwrap();
    assert_eq!(code(&gongwen(d.path(), &["check", "docs"])), 0);
    assert_eq!(
        code(&gongwen(d.path(), &["check", "--deny", "warnings", "docs"])),
        1
    );
    std::fs::write(
        d.path().join("gongwen.toml"),
        "[rules]\nGW101 = \"off\"\n[files]\nexclude = [\"docs/a.md\"]\n",
    )
    .unwrap();
    let o = gongwen(d.path(), &["check", "-f", "json", "."]);
    let v: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
    let files: Vec<&str> = v["files"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["path"].as_str().unwrap())
        .collect();
    assert!(!files.iter().any(|f| f.ends_with("a.md")), "{files:?}");
    assert_eq!(code(&o), 0);
    std::fs::write(d.path().join("gongwen.toml"), "[rules]\nGW999 = \"off\"\n").unwrap();
    assert_eq!(code(&gongwen(d.path(), &["check", "gap.txt"])), 2);
}

#[test]
fn fix_diff_check_and_in_place() {
    let d = setup();
    let o = gongwen(d.path(), &["fix", "--diff", "gap.txt"]);
    assert_eq!(code(&o), 0);
    assert!(
        stdout(&o).contains("-四、保障措施\n+三、保障措施"),
        "{}",
        stdout(&o)
    );
    assert_eq!(
        std::fs::read_to_string(d.path().join("gap.txt")).unwrap(),
        GAP
    );
    assert_eq!(code(&gongwen(d.path(), &["fix", "--check", "gap.txt"])), 1);
    assert_eq!(
        std::fs::read_to_string(d.path().join("gap.txt")).unwrap(),
        GAP
    );
    assert_eq!(
        code(&gongwen(d.path(), &["fix", "--check", "clean.txt"])),
        0
    );
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(
            d.path().join("gap.txt"),
            std::fs::Permissions::from_mode(0o640),
        )
        .unwrap();
    }
    let before = std::fs::metadata(d.path().join("clean.txt"))
        .unwrap()
        .modified()
        .unwrap();
    assert_eq!(code(&gongwen(d.path(), &["fix", "."])), 0);
    assert_eq!(
        std::fs::read_to_string(d.path().join("gap.txt")).unwrap(),
        GAP.replace("四、", "三、")
    );
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(d.path().join("gap.txt"))
            .unwrap()
            .permissions()
            .mode();
        assert_eq!(mode & 0o777, 0o640);
    }
    // a file with nothing to change is not touched
    let after = std::fs::metadata(d.path().join("clean.txt"))
        .unwrap()
        .modified()
        .unwrap();
    assert_eq!(before, after);
    assert_eq!(code(&gongwen(d.path(), &["fix", "--check", "."])), 0);
    assert_eq!(code(&gongwen(d.path(), &["check", "gap.txt"])), 0);
}

#[test]
fn markdown_comments_switch_rules_off() {
    let d = tempfile::tempdir().unwrap();
    std::fs::write(
        d.path().join("a.md"),
        "# 通知\n\n## 一、总则\n\n<!-- gongwen-disable GW101 -->\n\n## 三、附则\n",
    )
    .unwrap();
    assert_eq!(code(&gongwen(d.path(), &["check", "a.md"])), 0);
    std::fs::write(
        d.path().join("b.md"),
        "# 通知\n\n## 一、总则\n\n## 三、附则\n",
    )
    .unwrap();
    assert_eq!(code(&gongwen(d.path(), &["check", "b.md"])), 1);
}

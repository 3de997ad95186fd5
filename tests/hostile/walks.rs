//! Walks over folders: what is read, what is skipped, and names that are not UTF-8 or hold
//! control characters.

use std::ffi::OsStr;
use std::fs;
use std::path::Path;
use std::process::{Command, Output, Stdio};

const GAP: &str = "关于加强管理的通知\n一、总体要求\n二、主要任务\n四、保障措施\n";
const FIXED: &str = "关于加强管理的通知\n一、总体要求\n二、主要任务\n三、保障措施\n";
const CLEAN: &str = "关于加强管理的通知\n一、总体要求\n二、主要任务\n";

fn gongwen<S: AsRef<OsStr>>(dir: &Path, args: &[S]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_gongwen"))
        .current_dir(dir)
        .args(args)
        .env("NO_COLOR", "1")
        .stdin(Stdio::null())
        .output()
        .unwrap()
}

fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

/// `docs/` holding `a.docx`, converted from `text`.
fn with_docx(text: &str) -> tempfile::TempDir {
    let d = tempfile::tempdir().unwrap();
    fs::create_dir(d.path().join("docs")).unwrap();
    fs::write(d.path().join("source.txt"), text).unwrap();
    let o = gongwen(d.path(), &["convert", "source.txt", "-o", "docs/a.docx"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    fs::remove_file(d.path().join("source.txt")).unwrap();
    d
}

fn json(o: &Output) -> serde_json::Value {
    serde_json::from_slice(&o.stdout).unwrap_or_else(|e| panic!("{e}: {}", stdout(o)))
}

#[test]
fn check_on_a_folder_reads_txt_md_and_docx_and_nothing_else() {
    let d = with_docx(GAP);
    let docs = d.path().join("docs");
    fs::write(docs.join("b.txt"), GAP).unwrap();
    fs::write(docs.join("c.md"), GAP).unwrap();
    fs::write(docs.join("d.rst"), GAP).unwrap();
    let o = gongwen(d.path(), &["check", "-f", "json", "docs"]);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    let v = json(&o);
    let paths: Vec<&str> = v["files"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["path"].as_str().unwrap())
        .collect();
    assert_eq!(paths, ["docs/a.docx", "docs/b.txt", "docs/c.md"]);
    for f in v["files"].as_array().unwrap() {
        assert_eq!(f["diagnostics"][0]["rule"], "GW101", "{}", f["path"]);
    }
}

#[test]
fn fix_on_a_folder_fixes_a_docx_in_its_xml_and_the_text_files() {
    let d = with_docx(GAP);
    let docs = d.path().join("docs");
    fs::write(docs.join("b.txt"), GAP).unwrap();
    let o = gongwen(d.path(), &["fix", "docs"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let e = stderr(&o);
    assert!(e.contains("fixed docs/a.docx"), "{e}");
    assert!(e.contains("fixed docs/b.txt"), "{e}");
    assert_eq!(fs::read_to_string(docs.join("b.txt")).unwrap(), FIXED);
    let o = gongwen(d.path(), &["check", "docs/a.docx"]);
    assert_eq!(o.status.code(), Some(0), "{}", stdout(&o));
}

#[test]
fn fix_check_counts_a_docx_that_would_change() {
    let d = with_docx(GAP);
    fs::write(d.path().join("docs/b.txt"), CLEAN).unwrap();
    let before = fs::read(d.path().join("docs/a.docx")).unwrap();
    let o = gongwen(d.path(), &["fix", "--check", "docs"]);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    assert!(
        stderr(&o).contains("would fix docs/a.docx"),
        "{}",
        stderr(&o)
    );
    assert_eq!(fs::read(d.path().join("docs/a.docx")).unwrap(), before);
    // and passes once it is fixed
    let o = gongwen(d.path(), &["fix", "docs/a.docx"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let o = gongwen(d.path(), &["fix", "--check", "docs"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
}

#[test]
fn a_docx_named_on_the_command_line_is_fixed_and_diff_shows_its_text() {
    let d = with_docx(GAP);
    let before = fs::read(d.path().join("docs/a.docx")).unwrap();
    let o = gongwen(d.path(), &["fix", "--diff", "docs/a.docx"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(stdout(&o).contains("+三、保障措施"), "{}", stdout(&o));
    assert_eq!(fs::read(d.path().join("docs/a.docx")).unwrap(), before);
    let o = gongwen(d.path(), &["fix", "docs/a.docx"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert_ne!(fs::read(d.path().join("docs/a.docx")).unwrap(), before);
    let o = gongwen(d.path(), &["fix", "--diff", "docs/a.docx"]);
    assert_eq!((o.status.code(), stdout(&o)), (Some(0), String::new()));
}

#[cfg(unix)]
#[test]
fn check_dev_null_is_a_clean_empty_file() {
    let d = tempfile::tempdir().unwrap();
    let o = gongwen(d.path(), &["check", "/dev/null"]);
    assert_eq!(o.status.code(), Some(0), "{}{}", stdout(&o), stderr(&o));
    assert!(
        stdout(&o).contains("no problems found in 1 file"),
        "{}",
        stdout(&o)
    );
    let o = gongwen(d.path(), &["check", "-f", "json", "/dev/null"]);
    assert_eq!(json(&o)["files"][0]["path"], "/dev/null");
}

#[cfg(unix)]
#[test]
fn check_reads_a_fifo_as_what_comes_through_it() {
    let d = tempfile::tempdir().unwrap();
    let fifo = d.path().join("pipe.txt");
    let ok = Command::new("mkfifo")
        .arg(&fifo)
        .status()
        .unwrap()
        .success();
    assert!(ok);
    let (tx, rx) = std::sync::mpsc::channel();
    {
        let fifo = fifo.clone();
        std::thread::spawn(move || {
            fs::write(fifo, GAP).unwrap();
            tx.send(())
        });
    }
    let o = gongwen(d.path(), &["check", "-f", "json", "pipe.txt"]);
    if rx.recv_timeout(std::time::Duration::from_secs(20)).is_err() {
        let _ = fs::read(&fifo); // let the writer go
        panic!("the FIFO was not read: {}", stderr(&o));
    }
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    let v = json(&o);
    assert_eq!(v["files"][0]["path"], "pipe.txt");
    assert_eq!(v["files"][0]["diagnostics"][0]["rule"], "GW101");
}

#[cfg(target_os = "linux")]
#[test]
fn names_that_are_not_utf8_work_as_arguments_and_in_walks() {
    use std::os::unix::ffi::OsStrExt;
    let d = tempfile::tempdir().unwrap();
    fs::create_dir(d.path().join("docs")).unwrap();
    let name = OsStr::from_bytes(b"docs/\xb9\xab\xce\xc4.txt"); // 公文 in GBK
    fs::write(d.path().join(name), GAP).unwrap();
    let o = gongwen(d.path(), &[OsStr::new("check"), name]);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    assert!(
        stdout(&o).contains("docs/\u{fffd}\u{fffd}\u{fffd}\u{fffd}.txt:4:1"),
        "{}",
        stdout(&o)
    );
    let o = gongwen(d.path(), &["check", "docs"]);
    assert_eq!(o.status.code(), Some(1), "{}{}", stdout(&o), stderr(&o));
    let o = gongwen(d.path(), &["fix", "docs"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert_eq!(fs::read_to_string(d.path().join(name)).unwrap(), FIXED);
    assert_eq!(fs::read_dir(d.path().join("docs")).unwrap().count(), 1);
    let o = gongwen(d.path(), &[OsStr::new("outline"), name]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
}

#[test]
fn sarif_uris_are_percent_encoded_relative_references() {
    let d = tempfile::tempdir().unwrap();
    fs::create_dir(d.path().join("公文 2024")).unwrap();
    fs::write(d.path().join("公文 2024/通知#1.txt"), GAP).unwrap();
    let o = gongwen(d.path(), &["check", "-f", "sarif", "公文 2024"]);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    let v = json(&o);
    let result = &v["runs"][0]["results"][0];
    let uri = &result["locations"][0]["physicalLocation"]["artifactLocation"]["uri"];
    assert_eq!(uri, "%E5%85%AC%E6%96%87%202024/%E9%80%9A%E7%9F%A5%231.txt");
    let fix_uri = &result["fixes"][0]["artifactChanges"][0]["artifactLocation"]["uri"];
    assert_eq!(fix_uri, uri);
}

#[cfg(unix)]
#[test]
fn names_with_newlines_are_escaped_in_human_output_and_diff_headers() {
    let d = tempfile::tempdir().unwrap();
    let name = "a.txt\nerror: forged.txt";
    fs::write(d.path().join(name), GAP).unwrap();
    let o = gongwen(d.path(), &["check", name]);
    assert_eq!(o.status.code(), Some(1));
    let out = stdout(&o);
    assert!(out.contains("┌─ a.txt\\nerror: forged.txt:4:1"), "{out}");
    assert!(
        !out.lines().any(|l| l.starts_with("error: forged")),
        "{out}"
    );
    let o = gongwen(d.path(), &["fix", "--diff", name]);
    let out = stdout(&o);
    assert!(
        out.starts_with(
            "--- \"a/a.txt\\nerror: forged.txt\"\n+++ \"b/a.txt\\nerror: forged.txt\"\n"
        ),
        "{out}"
    );
    let o = gongwen(d.path(), &["fix", "--check", name]);
    assert!(
        stderr(&o).contains("would fix a.txt\\nerror: forged.txt\n"),
        "{}",
        stderr(&o)
    );
}

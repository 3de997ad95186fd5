//! Output paths are treated as what they are: links, devices, read-only and hard-linked files.
//!
//! Every test writes into a temporary folder of its own; what stands for `/dev/stdout` is a link
//! in that folder to the process's standard output, so a regression replaces that link and
//! nothing of the system's.

use std::ffi::OsStr;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

const GAP: &str = "关于加强管理的通知\n一、总体要求\n二、主要任务\n四、保障措施\n";
const FIXED: &str = "关于加强管理的通知\n一、总体要求\n二、主要任务\n三、保障措施\n";

fn gongwen<S: AsRef<OsStr>>(dir: &Path, args: &[S]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_gongwen"))
        .current_dir(dir)
        .args(args)
        .env("NO_COLOR", "1")
        .stdin(Stdio::null())
        .output()
        .unwrap()
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

/// A folder with `gap.txt`, whose numbering skips 三.
fn setup() -> tempfile::TempDir {
    let d = tempfile::tempdir().unwrap();
    fs::write(d.path().join("gap.txt"), GAP).unwrap();
    d
}

/// The names in a folder, hidden ones included.
fn names(dir: &Path) -> Vec<String> {
    let mut v: Vec<String> = fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    v.sort();
    v
}

fn is_docx(bytes: &[u8]) -> bool {
    bytes.starts_with(b"PK\x03\x04") && bytes.len() > 1000
}

#[cfg(unix)]
#[test]
fn fix_writes_through_a_symlink_to_its_target_and_keeps_the_link() {
    let d = setup();
    fs::create_dir(d.path().join("real")).unwrap();
    fs::rename(d.path().join("gap.txt"), d.path().join("real/gap.txt")).unwrap();
    std::os::unix::fs::symlink("real/gap.txt", d.path().join("link.txt")).unwrap();
    let o = gongwen(d.path(), &["fix", "link.txt"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let link = fs::symlink_metadata(d.path().join("link.txt")).unwrap();
    assert!(link.file_type().is_symlink(), "the link became a file");
    assert_eq!(
        fs::read_to_string(d.path().join("real/gap.txt")).unwrap(),
        FIXED
    );
    assert_eq!(names(&d.path().join("real")), ["gap.txt"]);
}

#[cfg(unix)]
#[test]
fn convert_writes_through_a_symlink_even_a_dangling_one() {
    let d = setup();
    fs::create_dir(d.path().join("out")).unwrap();
    std::os::unix::fs::symlink("out/a.docx", d.path().join("a.docx")).unwrap();
    let o = gongwen(d.path(), &["convert", "gap.txt", "-o", "a.docx"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(fs::symlink_metadata(d.path().join("a.docx"))
        .unwrap()
        .file_type()
        .is_symlink());
    assert!(is_docx(&fs::read(d.path().join("out/a.docx")).unwrap()));
}

#[cfg(unix)]
#[test]
fn a_read_only_file_is_refused_unless_forced_and_stays_read_only() {
    use std::os::unix::fs::PermissionsExt;
    let d = setup();
    let p = d.path().join("gap.txt");
    fs::write(d.path().join("a.docx"), "old").unwrap();
    for f in [&p, &d.path().join("a.docx")] {
        fs::set_permissions(f, fs::Permissions::from_mode(0o444)).unwrap();
    }
    // as root the mode is no barrier, so the refusal is by mode, not by a failed open
    let o = gongwen(d.path(), &["fix", "gap.txt"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("gap.txt: read-only"), "{}", stderr(&o));
    assert_eq!(fs::read_to_string(&p).unwrap(), GAP);
    let o = gongwen(d.path(), &["convert", "gap.txt", "-o", "a.docx"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("a.docx: read-only"), "{}", stderr(&o));
    assert_eq!(fs::read_to_string(d.path().join("a.docx")).unwrap(), "old");

    let o = gongwen(d.path(), &["fix", "--force", "gap.txt"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert_eq!(fs::read_to_string(&p).unwrap(), FIXED);
    let o = gongwen(d.path(), &["convert", "--force", "gap.txt", "-o", "a.docx"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(is_docx(&fs::read(d.path().join("a.docx")).unwrap()));
    for f in ["gap.txt", "a.docx"] {
        let mode = fs::metadata(d.path().join(f)).unwrap().permissions().mode();
        assert_eq!(mode & 0o777, 0o444, "{f}");
    }
}

/// The uid and gid of `nobody` where this runs as root (who may give a file away), else one's own.
#[cfg(unix)]
fn someone_else(p: &Path) -> (u32, u32) {
    use std::os::unix::fs::MetadataExt;
    let root = fs::metadata("/proc/self").is_ok_and(|m| m.uid() == 0);
    if root {
        std::os::unix::fs::chown(p, Some(65534), Some(65534)).unwrap();
    }
    let m = fs::metadata(p).unwrap();
    (m.uid(), m.gid())
}

#[cfg(unix)]
#[test]
fn fix_and_convert_keep_the_mode_and_owner_of_the_file_they_rewrite() {
    use std::os::unix::fs::{MetadataExt, PermissionsExt};
    let d = setup();
    let p = d.path().join("gap.txt");
    let docx = d.path().join("a.docx");
    fs::write(&docx, "old").unwrap();
    for f in [&p, &docx] {
        fs::set_permissions(f, fs::Permissions::from_mode(0o640)).unwrap();
    }
    let owner = someone_else(&p);
    assert_eq!(someone_else(&docx), owner);
    let o = gongwen(d.path(), &["fix", "gap.txt"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let o = gongwen(d.path(), &["convert", "gap.txt", "-o", "a.docx"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert_eq!(fs::read_to_string(&p).unwrap(), FIXED);
    assert!(is_docx(&fs::read(&docx).unwrap()));
    for f in [&p, &docx] {
        let m = fs::metadata(f).unwrap();
        assert_eq!((m.uid(), m.gid()), owner, "{}", f.display());
        assert_eq!(m.permissions().mode() & 0o7777, 0o640, "{}", f.display());
    }
}

#[cfg(unix)]
#[test]
fn a_hard_linked_file_is_fixed_in_place_so_every_link_sees_the_fix() {
    use std::os::unix::fs::MetadataExt;
    let d = setup();
    let p = d.path().join("gap.txt");
    let other = d.path().join("copy.txt");
    fs::hard_link(&p, &other).unwrap();
    let ino = fs::metadata(&p).unwrap().ino();
    let o = gongwen(d.path(), &["fix", "gap.txt"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert_eq!(fs::read_to_string(&other).unwrap(), FIXED);
    assert_eq!(fs::metadata(&p).unwrap().ino(), ino);
    assert_eq!(fs::metadata(&p).unwrap().nlink(), 2);
}

#[cfg(unix)]
fn mkfifo(p: &Path) {
    let ok = Command::new("mkfifo").arg(p).status().unwrap().success();
    assert!(ok, "mkfifo {}", p.display());
}

#[cfg(unix)]
#[test]
fn output_to_a_fifo_is_written_into_it_not_renamed_over_it() {
    use std::os::unix::fs::FileTypeExt;
    let d = setup();
    let fifo = d.path().join("pipe.docx");
    mkfifo(&fifo);
    let (tx, rx) = std::sync::mpsc::channel();
    {
        let fifo = fifo.clone();
        std::thread::spawn(move || tx.send(fs::read(fifo).unwrap()));
    }
    let o = gongwen(d.path(), &["convert", "gap.txt", "-o", "pipe.docx"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let t = fs::symlink_metadata(&fifo).unwrap().file_type();
    assert!(t.is_fifo(), "the FIFO was replaced");
    let got = rx.recv_timeout(std::time::Duration::from_secs(20));
    assert!(is_docx(&got.expect("the reader got nothing")));
    assert_eq!(names(d.path()), ["gap.txt", "pipe.docx"]);
}

#[test]
fn dash_is_standard_output() {
    let d = setup();
    let o = gongwen(d.path(), &["convert", "gap.txt", "--to", "docx", "-o", "-"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(is_docx(&o.stdout));
    assert_eq!(names(d.path()), ["gap.txt"], "a file named - was made");
}

#[cfg(target_os = "linux")]
#[test]
fn a_link_to_standard_output_is_written_to_standard_output_and_stays_a_link() {
    // what /dev/stdout is, made in the test's folder
    let d = setup();
    let link = d.path().join("stdout");
    std::os::unix::fs::symlink("/proc/self/fd/1", &link).unwrap();
    let o = gongwen(
        d.path(),
        &["convert", "gap.txt", "--to", "docx", "-o", "stdout"],
    );
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(is_docx(&o.stdout), "nothing reached standard output");
    assert!(fs::symlink_metadata(&link)
        .unwrap()
        .file_type()
        .is_symlink());
    assert_eq!(names(d.path()), ["gap.txt", "stdout"]);
}

/// A document of about 8 MB: long enough to convert that a signal arrives during the work.
fn large_input(dir: &Path) -> PathBuf {
    let sample =
        fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/samples/调研报告.txt")).unwrap();
    let p = dir.join("big.txt");
    fs::write(&p, sample.repeat(8_000_000 / sample.len() + 1)).unwrap();
    p
}

#[cfg(unix)]
#[test]
fn a_convert_killed_by_sigterm_or_sigint_leaves_no_temporary_file() {
    use std::os::unix::process::ExitStatusExt;
    let d = tempfile::tempdir().unwrap();
    large_input(d.path());
    for (sig, num) in [("TERM", 15), ("INT", 2)] {
        let mut child = Command::new(env!("CARGO_BIN_EXE_gongwen"))
            .current_dir(d.path())
            .args(["convert", "big.txt", "-o", "big.docx"])
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        let temp = d.path().join(".big.docx.gongwen-tmp");
        let start = std::time::Instant::now();
        while !temp.exists() {
            assert!(child.try_wait().unwrap().is_none(), "convert ended first");
            assert!(start.elapsed().as_secs() < 60, "no temporary file appeared");
            std::thread::sleep(std::time::Duration::from_millis(2));
        }
        let killed = Command::new("kill")
            .args([format!("-{sig}"), child.id().to_string()])
            .status()
            .unwrap();
        assert!(killed.success());
        let status = child.wait().unwrap();
        assert_eq!(status.signal(), Some(num), "{sig}: {status:?}");
        assert_eq!(names(d.path()), ["big.txt"], "{sig}");
    }
}

#[test]
fn a_missing_output_folder_is_reported_as_such_by_the_users_path() {
    let d = setup();
    let o = gongwen(d.path(), &["convert", "gap.txt", "-o", "no/such/out.docx"]);
    assert_eq!(o.status.code(), Some(2));
    let e = stderr(&o);
    let want = "no/such/out.docx: cannot write: the folder no/such does not exist";
    assert!(e.contains(want), "{e}");
    assert!(
        !e.contains("tmp"),
        "the message shows a temporary file: {e}"
    );
    // a file where a folder should be
    let o = gongwen(d.path(), &["convert", "gap.txt", "-o", "gap.txt/out.docx"]);
    assert_eq!(o.status.code(), Some(2));
    let e = stderr(&o);
    let want = "gap.txt/out.docx: cannot write: gap.txt is not a folder";
    assert!(e.contains(want), "{e}");
    assert!(!e.contains("tmp"), "{e}");
    assert_eq!(names(d.path()), ["gap.txt"]);
}

#[cfg(unix)]
#[test]
fn a_temporary_file_in_the_way_is_left_alone_and_named() {
    let d = setup();
    let temp = d.path().join(".gap.txt.gongwen-tmp");
    std::os::unix::fs::symlink("/nonexistent/target", &temp).unwrap();
    let o = gongwen(d.path(), &["fix", "gap.txt"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("is in its way"), "{}", stderr(&o));
    assert_eq!(fs::read_to_string(d.path().join("gap.txt")).unwrap(), GAP);
    assert!(fs::symlink_metadata(&temp)
        .unwrap()
        .file_type()
        .is_symlink());
}

#[cfg(unix)]
#[test]
fn convert_refuses_an_output_that_is_the_input_under_another_name() {
    let d = setup();
    fs::hard_link(d.path().join("gap.txt"), d.path().join("gap.docx")).unwrap();
    let o = gongwen(d.path(), &["convert", "gap.txt", "-o", "gap.docx"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).contains("refusing to overwrite the input"),
        "{}",
        stderr(&o)
    );
    assert_eq!(fs::read_to_string(d.path().join("gap.txt")).unwrap(), GAP);
}

/// Run the command as `nobody`, where this runs as root and `setpriv` is there.
#[cfg(target_os = "linux")]
fn as_nobody(dir: &Path, args: &[&str]) -> Option<Output> {
    use std::os::unix::fs::MetadataExt;
    if !fs::metadata("/proc/self").is_ok_and(|m| m.uid() == 0) {
        eprintln!("not root: the test of another user's files is not run");
        return None;
    }
    let run = |args: &[&str]| {
        Command::new("setpriv")
            .args(["--reuid=65534", "--regid=65534", "--clear-groups"])
            .arg(env!("CARGO_BIN_EXE_gongwen"))
            .args(args)
            .current_dir(dir)
            .stdin(Stdio::null())
            .output()
    };
    // setpriv may be missing, or the binary out of nobody's reach (a checkout in a private folder)
    match run(&["--version"]) {
        Ok(o) if o.status.success() => Some(run(args).unwrap()),
        r => {
            eprintln!("nobody cannot run gongwen here ({r:?}): the test is not run");
            None
        }
    }
}

#[cfg(target_os = "linux")]
#[test]
fn a_user_who_may_write_but_not_chown_a_file_rewrites_it_in_place() {
    use std::os::unix::fs::{MetadataExt, PermissionsExt};
    let d = setup();
    fs::set_permissions(d.path(), fs::Permissions::from_mode(0o777)).unwrap();
    let shared = d.path().join("gap.txt");
    fs::set_permissions(&shared, fs::Permissions::from_mode(0o666)).unwrap();
    let theirs = d.path().join("theirs.txt");
    fs::write(&theirs, GAP).unwrap();
    fs::set_permissions(&theirs, fs::Permissions::from_mode(0o644)).unwrap();
    let Some(o) = as_nobody(d.path(), &["fix", "gap.txt", "theirs.txt"]) else {
        return;
    };
    // the writable file keeps its owner (root) and its inode; the other is refused
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    assert_eq!(fs::read_to_string(&shared).unwrap(), FIXED);
    assert_eq!(fs::metadata(&shared).unwrap().uid(), 0);
    let e = stderr(&o);
    assert!(e.contains("theirs.txt: not writable by this user"), "{e}");
    assert_eq!(fs::read_to_string(&theirs).unwrap(), GAP);
    // forced, it is replaced through the folder, and the note says whose it is now
    let o = as_nobody(d.path(), &["fix", "--force", "theirs.txt"]).unwrap();
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(
        stderr(&o).contains("theirs.txt: now owned by you"),
        "{}",
        stderr(&o)
    );
    assert_eq!(fs::read_to_string(&theirs).unwrap(), FIXED);
    assert_eq!(fs::metadata(&theirs).unwrap().uid(), 65534);
    assert_eq!(names(d.path()), ["gap.txt", "theirs.txt"]);
}

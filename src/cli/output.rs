//! Writing an output the way editors do. What a path names decides how it is written:
//!
//! - `-`, or what is the process's own standard output (`/dev/stdout`, `/dev/fd/1`): standard
//!   output, never a rename;
//! - a device, FIFO or socket (`/dev/null`, a named pipe): opened and written as it is;
//! - a symbolic link: followed, link by link, to the file it names, which is written as below;
//!   the link stays a link;
//! - a regular file, or none yet: a temporary `.NAME.gongwen-tmp` beside it, written, given the
//!   file's owner, group and mode, flushed to disk and renamed over it, so a reader never sees
//!   half a file. A new file gets `rw-r--r--`.
//!
//! Two files are rewritten in place (every byte written over the old ones, then the length
//! set) rather than replaced: a file with more than one hard link, so that every name sees the
//! new text, and a file whose owner cannot be given to a new file (a user rewriting a file of
//! someone else's that they may write), so that it keeps its owner. Either way the file keeps
//! its inode, owner, group, mode and extended attributes.
//!
//! A read-only file (no write bit in its mode, or one this user may not open for writing) is
//! refused unless `force`; forced, it is written as above, or, when it cannot be opened for
//! writing, replaced through its folder, with a note when its owner could not be kept.
//!
//! Every message names the path the user gave, never the temporary file.

use super::cleanup::Temp;
use std::fmt;
use std::fs::{self, File, OpenOptions};
use std::io::{self, Write};
use std::path::{Path, PathBuf};

/// Why an output was not written.
#[derive(Debug)]
pub(crate) struct WriteError {
    shown: String,
    why: Why,
}

#[derive(Debug)]
enum Why {
    Io(io::Error),
    NoFolder(String),
    NotAFolder(String),
    IsAFolder,
    ReadOnly,
    NotYours,
    TempInTheWay(String),
    LinkLoop,
}

impl fmt::Display for WriteError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let n = &self.shown;
        match &self.why {
            Why::Io(e) => write!(f, "{n}: cannot write: {}", without_path(e)),
            Why::NoFolder(d) => write!(f, "{n}: cannot write: the folder {d} does not exist"),
            Why::NotAFolder(d) => write!(f, "{n}: cannot write: {d} is not a folder"),
            Why::IsAFolder => write!(f, "{n}: cannot write: it is a folder"),
            Why::ReadOnly => write!(f, "{n}: read-only, not written; --force writes it anyway"),
            Why::NotYours => write!(
                f,
                "{n}: not writable by this user, not written; --force replaces it"
            ),
            Why::TempInTheWay(t) => write!(
                f,
                "{n}: cannot write: {t} is in its way (left by a gongwen that was killed, or \
                 another one is writing this file now); remove it and run again"
            ),
            Why::LinkLoop => write!(f, "{n}: cannot write: too many levels of symbolic links"),
        }
    }
}

impl std::error::Error for WriteError {}

/// What the system said, without a path it may have added.
fn without_path(e: &io::Error) -> String {
    match e.raw_os_error() {
        Some(code) => io::Error::from_raw_os_error(code).to_string(),
        None => e.kind().to_string(),
    }
}

/// Where the bytes go once they are ready.
enum Sink {
    Stdout,
    Stream(File),
    Replace { temp: Temp, target: PathBuf },
    InPlace(File),
}

/// An output opened before its bytes are made, so that a path that cannot be written is
/// reported before the work is done; dropped unwritten, it leaves nothing behind.
pub(crate) struct Output {
    shown: String,
    sink: Sink,
    note: Option<String>,
}

impl Output {
    /// Open `path` for writing (see the module's rules); `force` writes a read-only file.
    pub(crate) fn open(path: &Path, force: bool) -> Result<Output, WriteError> {
        let shown = super::shown(path);
        let err = |why| WriteError {
            shown: shown.clone(),
            why,
        };
        if path.as_os_str() == "-" {
            return Ok(Output {
                shown,
                sink: Sink::Stdout,
                note: None,
            });
        }
        let (sink, note) = match plan(path, force).map_err(err)? {
            Plan::Stdout => (Sink::Stdout, None),
            Plan::Stream => {
                let f = OpenOptions::new().write(true).open(path);
                (Sink::Stream(f.map_err(|e| err(Why::Io(e)))?), None)
            }
            Plan::InPlace(target) => (in_place(&target).map_err(|e| err(Why::Io(e)))?, None),
            Plan::Replace { target, old } => replace(&target, old.as_ref(), &shown).map_err(err)?,
        };
        Ok(Output { shown, sink, note })
    }

    /// Whether the bytes go to standard output.
    pub(crate) fn is_stdout(&self) -> bool {
        matches!(self.sink, Sink::Stdout)
    }

    /// Write `bytes` and finish: flush, and rename the temporary file over the target (the
    /// one-part case of [`Streamed`]).
    pub(crate) fn finish(self, bytes: &[u8]) -> Result<(), WriteError> {
        let mut s = self.stream();
        match s.put(bytes) {
            Ok(()) => s.commit(),
            // standard output's reader gone away has had all it wanted
            Err(e) if s.is_stdout() && e.kind() == io::ErrorKind::BrokenPipe => Ok(()),
            Err(e) => Err(WriteError {
                shown: s.shown,
                why: Why::Io(e),
            }),
        }
    }
}

/// An [`Output`] written as a stream, for the commands whose output is made a part at a time
/// (`check`, `outline`, `jsonl`): the parts go to the temporary file (or standard output, or
/// the device) as they come, and [`Streamed::commit`] renames the file over the target once
/// the last is written. Dropped uncommitted, a temporary file is removed and the target is
/// untouched. An error writing a file says which file, as [`WriteError`] does.
pub(crate) struct Streamed {
    shown: String,
    sink: Sink,
    note: Option<String>,
    len: u64,
}

impl Output {
    /// Write this output as a stream (see [`Streamed`]).
    pub(crate) fn stream(self) -> Streamed {
        let Output { shown, sink, note } = self;
        Streamed {
            shown,
            sink,
            note,
            len: 0,
        }
    }
}

impl Streamed {
    /// Write all of `bytes` to the sink, its errors as they are.
    fn put(&mut self, bytes: &[u8]) -> io::Result<()> {
        match &mut self.sink {
            Sink::Stdout => io::stdout().lock().write_all(bytes),
            Sink::Stream(f) | Sink::InPlace(f) => f.write_all(bytes),
            Sink::Replace { temp, .. } => temp.file().write_all(bytes),
        }?;
        self.len += bytes.len() as u64;
        Ok(())
    }

    /// Whether the bytes go to standard output.
    pub(crate) fn is_stdout(&self) -> bool {
        matches!(self.sink, Sink::Stdout)
    }

    /// Flush what is written, and, for a file, cut it to its length (rewritten in place) or
    /// rename the temporary file over the target.
    pub(crate) fn commit(self) -> Result<(), WriteError> {
        let Streamed {
            shown,
            sink,
            note,
            len,
        } = self;
        let r = match sink {
            Sink::Stdout => match io::stdout().lock().flush() {
                Err(e) if e.kind() == io::ErrorKind::BrokenPipe => Ok(()),
                r => r,
            },
            Sink::Stream(mut f) => f.flush(),
            Sink::InPlace(f) => f.set_len(len).and_then(|_| f.sync_all()),
            Sink::Replace { mut temp, target } => {
                temp.file().sync_all().and_then(|_| temp.persist(&target))
            }
        };
        r.map_err(|e| WriteError {
            shown,
            why: Why::Io(e),
        })?;
        if let Some(n) = note {
            super::style::warning(&n);
        }
        Ok(())
    }
}

impl Write for Streamed {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        let r = match &mut self.sink {
            // standard output's errors are its own: a closed pipe is no failure
            Sink::Stdout => return io::stdout().lock().write(buf),
            Sink::Stream(f) | Sink::InPlace(f) => f.write(buf),
            Sink::Replace { temp, .. } => temp.file().write(buf),
        };
        match r {
            Ok(n) => {
                self.len += n as u64;
                Ok(n)
            }
            Err(e) => Err(io::Error::new(
                e.kind(),
                WriteError {
                    shown: self.shown.clone(),
                    why: Why::Io(e),
                },
            )),
        }
    }

    fn flush(&mut self) -> io::Result<()> {
        match &mut self.sink {
            Sink::Stdout => io::stdout().lock().flush(),
            Sink::Stream(f) | Sink::InPlace(f) => f.flush(),
            Sink::Replace { temp, .. } => temp.file().flush(),
        }
    }
}

/// Open what `-o` names, or standard output without it, for a command that prints; a path
/// that cannot be written is refused here, before the work is done.
pub(crate) fn open_printed(output: Option<&Path>) -> Result<Streamed, WriteError> {
    Output::open(output.unwrap_or(Path::new("-")), false).map(Output::stream)
}

/// Commit a buffered stream: flush its buffer and [`Streamed::commit`] it.
pub(crate) fn commit(w: io::BufWriter<Streamed>) -> Result<(), Box<dyn std::error::Error>> {
    match w.into_inner() {
        Ok(s) => s.commit()?,
        // a reader that has gone away has had all it wanted
        Err(e) if e.error().kind() == io::ErrorKind::BrokenPipe => {}
        Err(e) => return Err(Box::new(e.into_error())),
    }
    Ok(())
}

/// Write `bytes` to `path` (see the module's rules).
pub(crate) fn write_file(path: &Path, bytes: &[u8], force: bool) -> Result<(), WriteError> {
    Output::open(path, force)?.finish(bytes)
}

enum Plan {
    Stdout,
    Stream,
    InPlace(PathBuf),
    Replace {
        target: PathBuf,
        old: Option<fs::Metadata>,
    },
}

/// Decide how `path` is written, from what it is.
fn plan(path: &Path, force: bool) -> Result<Plan, Why> {
    use io::ErrorKind::{NotADirectory, NotFound};
    let meta = match fs::metadata(path) {
        Ok(m) => m,
        Err(e) if matches!(e.kind(), NotFound | NotADirectory) => {
            let target = resolve_links(path)?;
            folder_exists(&target)?;
            return Ok(Plan::Replace { target, old: None });
        }
        Err(e) => return Err(Why::Io(e)),
    };
    if meta.is_dir() {
        return Err(Why::IsAFolder);
    }
    if is_stdout(&meta) {
        return Ok(Plan::Stdout);
    }
    if !meta.is_file() {
        return Ok(Plan::Stream);
    }
    let target = resolve_links(path)?;
    let openable = match OpenOptions::new().write(true).open(&target) {
        Ok(_) => true,
        Err(e) if e.kind() == io::ErrorKind::PermissionDenied => false,
        Err(e) => return Err(Why::Io(e)),
    };
    if meta.permissions().readonly() && !force {
        return Err(Why::ReadOnly);
    }
    if !openable && !force {
        return Err(Why::NotYours);
    }
    if openable && links(&meta) > 1 {
        return Ok(Plan::InPlace(target));
    }
    Ok(Plan::Replace {
        target,
        old: Some(meta),
    })
}

/// Follow symbolic links from `path` to the path they end at (which may not exist yet); a
/// relative link is read from the folder that holds it.
fn resolve_links(path: &Path) -> Result<PathBuf, Why> {
    let mut p = path.to_path_buf();
    for _ in 0..40 {
        match fs::symlink_metadata(&p) {
            Ok(m) if m.file_type().is_symlink() => {
                let to = fs::read_link(&p).map_err(Why::Io)?;
                p = match p.parent() {
                    Some(dir) if to.is_relative() => dir.join(to),
                    _ => to,
                };
            }
            _ => return Ok(p),
        }
    }
    Err(Why::LinkLoop)
}

/// The folder a new file goes into must be there.
fn folder_exists(target: &Path) -> Result<(), Why> {
    let dir = folder_of(target);
    match fs::metadata(dir) {
        Ok(m) if m.is_dir() => Ok(()),
        Ok(_) => Err(Why::NotAFolder(super::shown(dir))),
        Err(e) if e.kind() == io::ErrorKind::NotFound => Err(Why::NoFolder(super::shown(dir))),
        Err(e) if e.kind() == io::ErrorKind::NotADirectory => {
            Err(Why::NotAFolder(super::shown(dir)))
        }
        Err(e) => Err(Why::Io(e)),
    }
}

fn folder_of(target: &Path) -> &Path {
    match target.parent() {
        Some(d) if !d.as_os_str().is_empty() => d,
        _ => Path::new("."),
    }
}

/// `.NAME.gongwen-tmp`, beside the target.
pub(crate) fn temp_name(target: &Path) -> PathBuf {
    let mut name = std::ffi::OsString::from(".");
    name.push(target.file_name().unwrap_or_default());
    name.push(".gongwen-tmp");
    target.with_file_name(name)
}

fn in_place(target: &Path) -> io::Result<Sink> {
    Ok(Sink::InPlace(OpenOptions::new().write(true).open(target)?))
}

/// A temporary file beside `target` with the old file's owner, group and mode (`rw-r--r--`
/// for a new file). Where the owner cannot be given, or the folder takes no new file, the old
/// file is rewritten in place; when it cannot be opened for writing either (forced), it is
/// replaced, with a note.
fn replace(
    target: &Path,
    old: Option<&fs::Metadata>,
    shown: &str,
) -> Result<(Sink, Option<String>), Why> {
    let tmp_path = temp_name(target);
    let mut temp = match Temp::create(tmp_path.clone()) {
        Ok(t) => t,
        // a folder this user may not add to, holding a file they may write
        Err(e) if e.kind() == io::ErrorKind::PermissionDenied && old.is_some() => {
            return in_place(target).map(|s| (s, None)).map_err(|_| Why::Io(e));
        }
        Err(e) => {
            return Err(match e.kind() {
                io::ErrorKind::AlreadyExists => Why::TempInTheWay(super::shown(&tmp_path)),
                io::ErrorKind::NotFound => Why::NoFolder(super::shown(folder_of(target))),
                _ => Why::Io(e),
            })
        }
    };
    let mut note = None;
    if let Some(old) = old {
        match keep_owner(temp.file(), old) {
            Ok(()) => {}
            Err(e) if e.kind() == io::ErrorKind::PermissionDenied => {
                if let Ok(sink) = in_place(target) {
                    return Ok((sink, None));
                }
                note = Some(format!(
                    "{shown}: now owned by you; its owner could not be kept"
                ));
            }
            Err(e) => return Err(Why::Io(e)),
        }
        temp.file()
            .set_permissions(old.permissions())
            .map_err(Why::Io)?;
    } else {
        set_new_file_mode(temp.file()).map_err(Why::Io)?;
    }
    let target = target.to_path_buf();
    Ok((Sink::Replace { temp, target }, note))
}

#[cfg(unix)]
fn keep_owner(f: &File, old: &fs::Metadata) -> io::Result<()> {
    use std::os::unix::fs::MetadataExt;
    std::os::unix::fs::fchown(f, Some(old.uid()), Some(old.gid()))
}

#[cfg(not(unix))]
fn keep_owner(_: &File, _: &fs::Metadata) -> io::Result<()> {
    Ok(())
}

#[cfg(unix)]
fn links(m: &fs::Metadata) -> u64 {
    std::os::unix::fs::MetadataExt::nlink(m)
}

#[cfg(not(unix))]
fn links(_: &fs::Metadata) -> u64 {
    1
}

/// Whether `m` is the file, pipe or terminal this process's standard output already is.
#[cfg(unix)]
fn is_stdout(m: &fs::Metadata) -> bool {
    use std::os::fd::AsFd;
    use std::os::unix::fs::MetadataExt;
    let out = io::stdout().as_fd().try_clone_to_owned().map(File::from);
    out.and_then(|f| f.metadata())
        .is_ok_and(|o| o.dev() == m.dev() && o.ino() == m.ino())
}

#[cfg(not(unix))]
fn is_stdout(_: &fs::Metadata) -> bool {
    false
}

#[cfg(unix)]
fn set_new_file_mode(f: &File) -> io::Result<()> {
    use std::os::unix::fs::PermissionsExt;
    f.set_permissions(fs::Permissions::from_mode(0o644))
}

#[cfg(not(unix))]
fn set_new_file_mode(_: &File) -> io::Result<()> {
    Ok(())
}

#[cfg(all(test, unix))]
mod tests {
    use super::*;
    use std::os::unix::fs::{MetadataExt, PermissionsExt};

    fn mode(p: &Path) -> u32 {
        fs::metadata(p).unwrap().permissions().mode() & 0o7777
    }

    #[test]
    fn new_files_are_world_readable_and_old_ones_keep_their_mode() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("a.docx");
        write_file(&p, b"x", false).unwrap();
        assert_eq!(mode(&p), 0o644);
        fs::set_permissions(&p, fs::Permissions::from_mode(0o600)).unwrap();
        write_file(&p, b"y", false).unwrap();
        assert_eq!(mode(&p), 0o600);
        assert_eq!(fs::read(&p).unwrap(), b"y");
    }

    #[test]
    fn a_link_is_followed_and_kept() {
        let dir = tempfile::tempdir().unwrap();
        fs::create_dir(dir.path().join("sub")).unwrap();
        let real = dir.path().join("sub/real.txt");
        fs::write(&real, "old").unwrap();
        let link = dir.path().join("link.txt");
        std::os::unix::fs::symlink("sub/real.txt", &link).unwrap();
        write_file(&link, b"new", false).unwrap();
        assert!(fs::symlink_metadata(&link)
            .unwrap()
            .file_type()
            .is_symlink());
        assert_eq!(fs::read(&real).unwrap(), b"new");
        assert!(!temp_name(&real).exists() && !temp_name(&link).exists());
    }

    #[test]
    fn a_shorter_text_in_place_leaves_no_tail() {
        let dir = tempfile::tempdir().unwrap();
        let a = dir.path().join("a.txt");
        fs::write(&a, "a long old text").unwrap();
        fs::hard_link(&a, dir.path().join("b.txt")).unwrap();
        let ino = fs::metadata(&a).unwrap().ino();
        write_file(&a, b"short", false).unwrap();
        assert_eq!(fs::read(dir.path().join("b.txt")).unwrap(), b"short");
        assert_eq!(fs::metadata(&a).unwrap().ino(), ino);
    }

    #[test]
    fn a_stream_is_renamed_over_its_target_only_when_committed() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("out.txt");
        fs::write(&p, "old").unwrap();
        let mut s = Output::open(&p, false).unwrap().stream();
        s.write_all(b"new ").unwrap();
        s.write_all(b"text").unwrap();
        assert_eq!(fs::read(&p).unwrap(), b"old", "not before the commit");
        s.commit().unwrap();
        assert_eq!(fs::read(&p).unwrap(), b"new text");
        let mut s = Output::open(&p, false).unwrap().stream();
        s.write_all(b"half").unwrap();
        drop(s);
        assert_eq!(fs::read(&p).unwrap(), b"new text", "dropped: untouched");
        assert!(!temp_name(&p).exists());
        // a file with two names is rewritten in place and cut to its new length
        fs::hard_link(&p, dir.path().join("twin.txt")).unwrap();
        let mut s = Output::open(&p, false).unwrap().stream();
        s.write_all(b"short").unwrap();
        s.commit().unwrap();
        assert_eq!(fs::read(dir.path().join("twin.txt")).unwrap(), b"short");
    }

    #[test]
    fn messages_name_the_path_given() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("no/such/folder/out.docx");
        let e = write_file(&p, b"x", false).unwrap_err().to_string();
        assert!(
            e.contains("the folder") && e.contains("does not exist"),
            "{e}"
        );
        assert!(!e.contains("gongwen-tmp"), "{e}");
        let shown = p.display().to_string();
        assert!(e.starts_with(&format!("{shown}: cannot write")), "{e}");
    }
}

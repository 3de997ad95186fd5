//! Writing outputs atomically: a temporary file in the target directory, then a rename, so a
//! reader never sees half a file and an interrupted run never leaves one.

use std::io::Write;
use std::path::Path;

/// Replace (or create) `path` with `bytes` atomically. An existing file keeps its permissions;
/// a new file gets `rw-r--r--`.
pub(crate) fn write_atomic(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    let dir = match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d,
        _ => Path::new("."),
    };
    let perms = std::fs::metadata(path).map(|m| m.permissions()).ok();
    let mut tmp = tempfile::NamedTempFile::new_in(dir)?;
    tmp.write_all(bytes)?;
    tmp.as_file().sync_all()?;
    match perms {
        Some(p) => std::fs::set_permissions(tmp.path(), p)?,
        None => set_new_file_mode(tmp.path())?,
    }
    tmp.persist(path).map_err(|e| e.error)?;
    Ok(())
}

#[cfg(unix)]
fn set_new_file_mode(p: &Path) -> std::io::Result<()> {
    use std::os::unix::fs::PermissionsExt;
    std::fs::set_permissions(p, std::fs::Permissions::from_mode(0o644))
}

#[cfg(not(unix))]
fn set_new_file_mode(_: &Path) -> std::io::Result<()> {
    Ok(())
}

#[cfg(all(test, unix))]
mod tests {
    use super::*;
    use std::os::unix::fs::PermissionsExt;

    #[test]
    fn new_files_are_world_readable_and_old_ones_keep_their_mode() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("a.docx");
        write_atomic(&p, b"x").unwrap();
        assert_eq!(
            std::fs::metadata(&p).unwrap().permissions().mode() & 0o777,
            0o644
        );
        std::fs::set_permissions(&p, std::fs::Permissions::from_mode(0o600)).unwrap();
        write_atomic(&p, b"y").unwrap();
        assert_eq!(
            std::fs::metadata(&p).unwrap().permissions().mode() & 0o777,
            0o600
        );
        assert_eq!(std::fs::read(&p).unwrap(), b"y");
    }

    #[test]
    fn a_new_file_gets_the_bytes() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("out.txt");
        write_atomic(&p, "一、总则\n".as_bytes()).unwrap();
        assert_eq!(std::fs::read_to_string(&p).unwrap(), "一、总则\n");
    }
}

//! Temporary files that a run writes beside its outputs, and the signal handler that removes
//! them: on SIGINT, SIGTERM or SIGHUP every temporary file still registered is removed, and the
//! process then dies of the signal as it would have without the handler, so a shell sees an
//! interrupted command. A SIGKILL cannot be caught; what it leaves is a `.NAME.gongwen-tmp`.
//!
//! The registry is one list behind a lock. A temporary file is created, renamed over its target
//! and removed while that lock is held, and the handler takes the lock before it removes
//! anything and never lets it go, so no signal can leave a file that was created just after the
//! handler looked, nor remove one that has just become the output.

use std::fs::{self, File, OpenOptions};
use std::io;
use std::path::{Path, PathBuf};
use std::sync::{Mutex, MutexGuard};

static TEMPS: Mutex<Vec<PathBuf>> = Mutex::new(Vec::new());

fn registry() -> MutexGuard<'static, Vec<PathBuf>> {
    TEMPS.lock().unwrap_or_else(|e| e.into_inner())
}

/// A temporary file, created new (never through a link someone left at its name) and only
/// readable by its owner; dropped without [`Temp::persist`], it is removed.
pub(crate) struct Temp {
    path: PathBuf,
    file: File,
    persisted: bool,
}

impl Temp {
    /// Create `path`, which must not exist.
    pub(crate) fn create(path: PathBuf) -> io::Result<Temp> {
        install_handler();
        let mut reg = registry();
        let mut opts = OpenOptions::new();
        opts.write(true).create_new(true);
        #[cfg(unix)]
        std::os::unix::fs::OpenOptionsExt::mode(&mut opts, 0o600);
        let file = opts.open(&path)?;
        reg.push(path.clone());
        Ok(Temp {
            path,
            file,
            persisted: false,
        })
    }

    /// The open file.
    pub(crate) fn file(&mut self) -> &mut File {
        &mut self.file
    }

    /// Rename the file to `target`, replacing it. On an error the file is removed.
    pub(crate) fn persist(mut self, target: &Path) -> io::Result<()> {
        let r = {
            let mut reg = registry();
            let r = fs::rename(&self.path, target);
            if r.is_ok() {
                reg.retain(|p| *p != self.path);
            }
            r
        };
        self.persisted = r.is_ok();
        r
    }
}

impl Drop for Temp {
    fn drop(&mut self) {
        if !self.persisted {
            let mut reg = registry();
            let _ = fs::remove_file(&self.path);
            reg.retain(|p| *p != self.path);
        }
    }
}

/// Install the handler, once, the first time a temporary file is made: commands that write no
/// file keep the default behaviour of every signal.
fn install_handler() {
    static ONCE: std::sync::Once = std::sync::Once::new();
    ONCE.call_once(|| {
        #[cfg(unix)]
        unix::install();
    });
}

#[cfg(unix)]
mod unix {
    use signal_hook::consts::{SIGHUP, SIGINT, SIGTERM};
    use signal_hook::iterator::Signals;

    pub(super) fn install() {
        let Ok(mut signals) = Signals::new([SIGINT, SIGTERM, SIGHUP]) else {
            return;
        };
        std::thread::spawn(move || {
            if let Some(sig) = signals.forever().next() {
                // held until the process ends: nothing is created or renamed after this
                let reg = super::registry();
                for p in reg.iter() {
                    let _ = std::fs::remove_file(p);
                }
                let _ = signal_hook::low_level::emulate_default_handler(sig);
                std::process::exit(128 + sig);
            }
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_temp_is_removed_unless_persisted() {
        let d = tempfile::tempdir().unwrap();
        let p = d.path().join(".a.txt.gongwen-tmp");
        let t = Temp::create(p.clone()).unwrap();
        assert!(p.exists() && registry().contains(&p));
        drop(t);
        assert!(!p.exists() && !registry().contains(&p));
        let mut t = Temp::create(p.clone()).unwrap();
        io::Write::write_all(t.file(), b"x").unwrap();
        t.persist(&d.path().join("a.txt")).unwrap();
        assert!(!p.exists() && !registry().contains(&p));
        assert_eq!(fs::read(d.path().join("a.txt")).unwrap(), b"x");
    }

    #[test]
    fn a_temp_is_never_opened_through_what_is_at_its_name() {
        let d = tempfile::tempdir().unwrap();
        let p = d.path().join(".a.txt.gongwen-tmp");
        fs::write(&p, "someone else's").unwrap();
        let e = Temp::create(p.clone()).err().unwrap();
        assert_eq!(e.kind(), io::ErrorKind::AlreadyExists);
        assert_eq!(fs::read_to_string(&p).unwrap(), "someone else's");
    }
}

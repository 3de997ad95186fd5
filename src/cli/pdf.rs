//! `convert -o x.pdf`: the DOCX rendered to PDF by LibreOffice, when it is installed.
//!
//! The DOCX is written to a private temporary folder and converted there by `soffice
//! --headless --convert-to pdf`, with a user profile of its own, so that a LibreOffice the user
//! has open is neither used nor disturbed. Without LibreOffice the message says how to install
//! it. The faces the PDF shows are those the machine has: without 仿宋_GB2312 and the other
//! GB/T faces, LibreOffice substitutes what it finds (see the README on fonts).

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

/// How to get LibreOffice, for the message when it is missing.
const INSTALL: &str = "PDF is rendered by LibreOffice, which is not installed (no soffice or \
     libreoffice on PATH): install it (Debian/Ubuntu: sudo apt install libreoffice-writer; \
     Fedora: sudo dnf install libreoffice-writer; macOS: brew install --cask libreoffice; \
     Windows: winget install TheDocumentFoundation.LibreOffice), or write a .docx";

/// The LibreOffice program: `soffice` or `libreoffice` on `PATH`, or the macOS application's.
pub fn soffice() -> Option<PathBuf> {
    let path = std::env::var_os("PATH").unwrap_or_default();
    for dir in std::env::split_paths(&path) {
        for name in ["soffice", "libreoffice", "soffice.exe"] {
            let p = dir.join(name);
            if p.is_file() {
                return Some(p);
            }
        }
    }
    let mac = Path::new("/Applications/LibreOffice.app/Contents/MacOS/soffice");
    mac.is_file().then(|| mac.to_path_buf())
}

/// `docx` rendered as PDF bytes; the error is the message to show (without the file's name).
pub fn render(docx: &[u8]) -> Result<Vec<u8>, String> {
    let Some(soffice) = soffice() else {
        return Err(INSTALL.into());
    };
    let dir = tempfile::Builder::new()
        .prefix("gongwen-pdf-")
        .tempdir()
        .map_err(|e| format!("cannot make a temporary folder for LibreOffice: {e}"))?;
    let input = dir.path().join("document.docx");
    std::fs::write(&input, docx)
        .map_err(|e| format!("cannot write the DOCX for LibreOffice: {e}"))?;
    let profile = dir.path().join("profile");
    let profile_url = format!("file://{}", profile.display());
    let out = Command::new(&soffice)
        .arg(format!("-env:UserInstallation={profile_url}"))
        .args([
            "--headless",
            "--norestore",
            "--convert-to",
            "pdf",
            "--outdir",
        ])
        .arg(dir.path())
        .arg(&input)
        .stdin(Stdio::null())
        .output()
        .map_err(|e| format!("cannot run {}: {e}", soffice.display()))?;
    let pdf = dir.path().join("document.pdf");
    match std::fs::read(&pdf) {
        Ok(b) if b.starts_with(b"%PDF") => Ok(b),
        _ => Err(format!(
            "LibreOffice ({}) made no PDF: {}",
            soffice.display(),
            String::from_utf8_lossy(&out.stderr).trim()
        )),
    }
}

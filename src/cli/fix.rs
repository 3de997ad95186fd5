//! `gongwen fix`: apply the mechanical fixes in place, or show them (`--diff`), or only say
//! whether anything would change (`--check`).

use super::output::write_file;
use super::walk::{check_paths, Input};
use crate::check::fix::fix_text;
use clap::Args;
use std::io::Write;
use std::path::{Path, PathBuf};

#[derive(Args)]
pub struct FixArgs {
    /// Files or directories (.txt and .md are fixed; default: the current directory).
    pub paths: Vec<PathBuf>,
    /// Print a unified diff and change nothing.
    #[arg(long)]
    pub diff: bool,
    /// Change nothing; exit 1 if anything would change.
    #[arg(long)]
    pub check: bool,
    /// Use this configuration file instead of looking for gongwen.toml.
    #[arg(long)]
    pub config: Option<PathBuf>,
    /// Rewrite read-only files too.
    #[arg(long)]
    pub force: bool,
    #[command(flatten)]
    pub read: super::ReadArgs,
}

/// What became of a file that has fixes.
#[derive(PartialEq, Eq)]
enum Outcome {
    /// Fixed, or (with --check) would be.
    Changed,
    /// Shown, or skipped: nothing that `--check` counts.
    Untouched,
    /// Could not be fixed: the run fails.
    Failed,
}

pub fn run(a: FixArgs) -> Result<i32, Box<dyn std::error::Error>> {
    let paths = if a.paths.is_empty() {
        vec![PathBuf::from(".")]
    } else {
        a.paths.clone()
    };
    let checked = check_paths(&paths, a.config.as_deref());
    let report = &checked.report;
    let mut failed = !report.errors.is_empty();
    for e in &report.errors {
        eprintln!("gongwen: {e}");
    }
    let stdout = std::io::stdout();
    let mut w = std::io::BufWriter::new(stdout.lock());
    let mut changed = 0;
    for (f, input) in report.files.iter().zip(&checked.inputs) {
        if f.diagnostics.iter().all(|d| d.fix.is_none()) {
            continue;
        }
        let fixed = fix_text(&f.text, f.markdown, &f.config);
        if fixed == f.text {
            continue;
        }
        match apply(&a, input, &f.text, &fixed, &mut w)? {
            Outcome::Changed => changed += 1,
            Outcome::Untouched => {}
            Outcome::Failed => failed = true,
        }
    }
    super::stdout_result(w.flush())?;
    if failed {
        return Ok(super::EXIT_INPUT);
    }
    Ok(if a.check && changed > 0 { 1 } else { 0 })
}

/// Show, check or write the fixes of one file. A DOCX or an HTML page (whose text is made
/// from the file, not the file) is never rewritten: one found in a
/// folder is skipped with a line saying so, and the run goes on as if it were not there; one
/// named on the command line fails the run (exit 2), since what was asked cannot be done, and
/// `--check` fails with it, as the `fix` it predicts would. `--diff` shows a DOCX's fixes.
fn apply(
    a: &FixArgs,
    input: &Input,
    old: &str,
    fixed: &str,
    w: &mut impl Write,
) -> Result<Outcome, Box<dyn std::error::Error>> {
    let name = super::shown(&input.path);
    let stdin = input.path.as_os_str() == "-";
    if a.diff {
        let header = if stdin {
            "<stdin>".to_string()
        } else {
            diff_name(&input.path)
        };
        let d = unified_diff(&header, old, fixed);
        super::stdout_result(w.write_all(d.as_bytes()))?;
        return Ok(if input.docx || input.html {
            Outcome::Untouched
        } else {
            Outcome::Changed
        });
    }
    let derived = if input.docx {
        Some("a DOCX")
    } else if input.html {
        Some("an HTML page")
    } else {
        None
    };
    if let Some(what) = derived {
        if !input.named {
            eprintln!("skipped {name}: {what} is not rewritten; fix its source");
            return Ok(Outcome::Untouched);
        }
        eprintln!(
            "gongwen: {name}: {what} is not rewritten; fix its source (`gongwen fix --diff` shows the fixes)"
        );
        return Ok(Outcome::Failed);
    }
    if !stdin && !is_regular(&input.path) {
        eprintln!("gongwen: {name}: not a regular file, not rewritten; `gongwen fix -` reads standard input");
        return Ok(Outcome::Failed);
    }
    if a.check {
        eprintln!("would fix {name}");
    } else if stdin {
        super::stdout_result(w.write_all(fixed.as_bytes()))?;
    } else if let Err(e) = super::encode_as_read(&input.path, old, fixed)
        .map_err(|e| e.to_string())
        .and_then(|bytes| write_file(&input.path, &bytes, a.force).map_err(|e| e.to_string()))
    {
        eprintln!("gongwen: {e}");
        return Ok(Outcome::Failed);
    } else {
        eprintln!("fixed {name}");
    }
    Ok(Outcome::Changed)
}

fn is_regular(p: &Path) -> bool {
    std::fs::metadata(p).is_ok_and(|m| m.is_file())
}

/// A path as a diff header names it: `./` and a leading `/` dropped, and, as git does, the
/// whole name in double quotes with C escapes (`\n`, `\t`, `\"`, `\\`, `\ooo` for other
/// control characters and for bytes that are not UTF-8) when it holds any of them, so that a
/// name cannot end a header line or forge the next one. CJK names are written as they are.
fn diff_name(path: &Path) -> String {
    #[cfg(unix)]
    let bytes = std::os::unix::ffi::OsStrExt::as_bytes(path.as_os_str()).to_vec();
    #[cfg(not(unix))]
    let bytes = path.to_string_lossy().into_owned().into_bytes();
    let mut b = bytes.as_slice();
    while let Some(rest) = b.strip_prefix(b"./") {
        b = rest;
    }
    while let Some(rest) = b.strip_prefix(b"/") {
        b = rest;
    }
    let mut out = String::new();
    let mut quote = false;
    for chunk in b.utf8_chunks() {
        for c in chunk.valid().chars() {
            match c {
                '\n' => out.push_str("\\n"),
                '\t' => out.push_str("\\t"),
                '\r' => out.push_str("\\r"),
                '"' => out.push_str("\\\""),
                '\\' => out.push_str("\\\\"),
                c if c.is_control() => {
                    let mut buf = [0; 4];
                    for byte in c.encode_utf8(&mut buf).bytes() {
                        out.push_str(&format!("\\{byte:03o}"));
                    }
                }
                c => {
                    out.push(c);
                    continue;
                }
            }
            quote = true;
        }
        for byte in chunk.invalid() {
            out.push_str(&format!("\\{byte:03o}"));
            quote = true;
        }
    }
    if quote {
        format!("\"{out}\"")
    } else {
        out
    }
}

/// A unified diff between the text as it is and as fixed; `name` as [`diff_name`] writes it.
fn unified_diff(name: &str, old: &str, new: &str) -> String {
    let (a, b) = match name.strip_prefix('"') {
        Some(inner) => (format!("\"a/{inner}"), format!("\"b/{inner}")),
        None => (format!("a/{name}"), format!("b/{name}")),
    };
    similar::TextDiff::from_lines(old, new)
        .unified_diff()
        .context_radius(2)
        .header(&a, &b)
        .to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn diff_names_both_sides() {
        let d = unified_diff(
            &diff_name(Path::new("./a.txt")),
            "一、甲\n三、乙\n",
            "一、甲\n二、乙\n",
        );
        assert!(d.starts_with("--- a/a.txt\n+++ b/a.txt\n"), "{d}");
        assert!(d.contains("-三、乙") && d.contains("+二、乙"));
    }

    #[test]
    fn diff_headers_quote_names_that_could_forge_a_line() {
        assert_eq!(diff_name(Path::new("公文/通知 1.txt")), "公文/通知 1.txt");
        assert_eq!(diff_name(Path::new("/tmp/a.txt")), "tmp/a.txt");
        let forged = diff_name(Path::new("a.txt\n+++ b/evil.txt"));
        assert_eq!(forged, "\"a.txt\\n+++ b/evil.txt\"");
        assert_eq!(
            diff_name(Path::new("q\"\\\u{1b}.txt")),
            "\"q\\\"\\\\\\033.txt\""
        );
        let d = unified_diff(&forged, "一、甲\n三、乙\n", "一、甲\n二、乙\n");
        assert!(
            d.starts_with("--- \"a/a.txt\\n+++ b/evil.txt\"\n+++ \"b/a.txt\\n"),
            "{d}"
        );
    }

    #[cfg(target_os = "linux")]
    #[test]
    fn diff_headers_write_bytes_that_are_not_utf8_in_octal() {
        use std::os::unix::ffi::OsStrExt;
        let p = Path::new(std::ffi::OsStr::from_bytes(b"bad\xff.txt"));
        assert_eq!(diff_name(p), "\"bad\\377.txt\"");
    }
}

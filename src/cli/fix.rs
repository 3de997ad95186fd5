//! `gongwen fix`: apply the mechanical fixes in place, or show them (`--diff`), or only say
//! whether anything would change (`--check`).
//!
//! A DOCX is fixed in its own XML: the typed markers are rewritten inside their `w:t` runs and
//! every other byte of the package stays as it was (`source::docx::patch`); `--diff` shows the
//! change to its extracted text. A fix that cannot be made in the file (its text is Word's
//! automatic numbering, or it crosses a tab or a break) is reported on standard error with
//! its line, rule and reason, and the other fixes are still made. Such a fix fails the run
//! (exit 2) for a file named on the command line, `--check` included, since what was asked
//! cannot all be done; in a file found in a folder it is reported and the run goes on. An HTML
//! page, whose text is made from the file, is never rewritten.

use super::batch::{self, JobsArgs, Progress};
use super::output::write_file;
use super::walk::{check_one, leave_out_output, plan, CheckedFile, Input};
use crate::check::fix::fix_text;
use clap::Args;
use std::io::Write;
use std::path::{Path, PathBuf};

#[derive(Args)]
pub struct FixArgs {
    /// Files, directories or quoted globs (.txt, .md and .docx are fixed; default: the current
    /// directory).
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
    /// Write what is printed (the diff of --diff, or the fixed text of standard input) to FILE,
    /// atomically, instead of standard output.
    #[arg(short, long, value_name = "FILE")]
    pub output: Option<PathBuf>,
    #[command(flatten)]
    pub jobs: JobsArgs,
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

/// A file checked on a worker thread, with its fixed text when it is text with fixes.
struct Checked {
    file: CheckedFile,
    fixed: Option<String>,
}

/// The files are checked (and text files fixed in memory) on `--jobs` threads; each is then
/// shown or written in input order as soon as it and the files before it are done. A run over
/// more than one file ends with `N files, M failed; C fixed` on standard error.
pub fn run(a: FixArgs) -> Result<i32, Box<dyn std::error::Error>> {
    let paths = if a.paths.is_empty() {
        vec![PathBuf::from(".")]
    } else {
        a.paths.clone()
    };
    let prints = a.diff || (!a.check && paths.iter().all(|p| p.as_os_str() == "-"));
    if a.output.is_some() && !prints {
        super::style::error(
            &"-o writes what fix prints: give it with --diff, or with - to fix standard input",
        );
        return Ok(super::EXIT_INPUT);
    }
    let start = std::time::Instant::now();
    let sink = super::output::open_printed(a.output.as_deref())?;
    let (mut planned, errors) = plan(&paths, a.config.as_deref());
    if let Err(e) = leave_out_output(&mut planned, a.output.as_deref(), |p| &p.found) {
        super::style::error(&e);
        return Ok(super::EXIT_INPUT);
    }
    let inputs = planned.len() + errors.len();
    let progress = Progress::new(planned.len());
    let mut failed = !errors.is_empty();
    let mut failures = errors.len();
    for e in &errors {
        progress.eprintln(&super::style::error_line(&e));
    }
    let mut w = std::io::BufWriter::new(sink);
    let mut changed = 0;
    let mut result = Ok(());
    let work = |p: &super::walk::Planned| {
        batch::timed("checked and fixed", &p.found.path, || check_one(p, false)).map(|file| {
            let f = &file.report;
            let fixable = f.diagnostics.iter().any(|d| d.fix.is_some());
            let fixed = (fixable && !(file.input.docx && file.input.path.as_os_str() != "-"))
                .then(|| fix_text(&f.text, f.markdown, &f.config));
            Checked { file, fixed }
        })
    };
    batch::ordered(&planned, a.jobs.threads(), work, |i, done| {
        progress.inc();
        let c = match done {
            Some(Ok(c)) => c,
            Some(Err(e)) => {
                progress.eprintln(&super::style::error_line(&e));
                failed = true;
                failures += 1;
                return true;
            }
            None => {
                progress.eprintln(&super::style::error_line(&format_args!(
                    "{}: not fixed: an internal error (a bug; please report it)",
                    super::shown(&planned[i].found.path)
                )));
                failed = true;
                failures += 1;
                return true;
            }
        };
        for e in &c.file.errors {
            progress.eprintln(&super::style::error_line(&e));
            failed = true;
        }
        let (f, input) = (&c.file.report, &c.file.input);
        // standard input's text is printed whether or not it had anything to fix, so that
        // `gongwen fix - < a.txt > b.txt` always gives the whole text
        let filter =
            input.path.as_os_str() == "-" && !(input.docx || input.html || a.diff || a.check);
        let unchanged = f.diagnostics.iter().all(|d| d.fix.is_none())
            || c.fixed.as_ref().is_some_and(|fixed| *fixed == f.text);
        if unchanged {
            if filter {
                if let Err(e) = super::stdout_result(w.write_all(f.text.as_bytes())) {
                    result = Err(e);
                    return false;
                }
            }
            return true;
        }
        let outcome = match &c.fixed {
            None => docx(&a, input, &f.text, &f.config, &mut w),
            Some(fixed) => apply(&a, input, &f.text, fixed, &mut w),
        };
        match outcome.and_then(|o| super::stdout_result(w.flush()).map(|_| o)) {
            Ok(Outcome::Changed) => changed += 1,
            Ok(Outcome::Untouched) => {}
            Ok(Outcome::Failed) => {
                failed = true;
                failures += 1;
            }
            Err(e) => {
                result = Err(e);
                return false;
            }
        }
        true
    });
    progress.finish();
    result?;
    super::stdout_result(w.flush())?;
    super::output::commit(w)?;
    batch::timing("looked at", inputs.saturating_sub(failures), start);
    if inputs > 1 {
        let what = if a.diff {
            String::new()
        } else if a.check {
            format!("; {changed} would be fixed")
        } else {
            format!("; {changed} fixed")
        };
        progress.summary(&batch::summary(inputs, failures, &what));
    }
    if failed {
        return Ok(super::EXIT_INPUT);
    }
    Ok(if a.check && changed > 0 { 1 } else { 0 })
}

/// Show, check or write the fixes of a DOCX read from a file: the file is read again (its
/// package is needed, and one whose text changed since the check is not written), fixed in
/// its XML, and written atomically like a text file. Fixes that cannot be made in the file
/// are named on standard error; they fail a file named on the command line (not `--diff`).
fn docx(
    a: &FixArgs,
    input: &Input,
    old: &str,
    cfg: &crate::check::Config,
    w: &mut impl Write,
) -> Result<Outcome, Box<dyn std::error::Error>> {
    let name = super::shown(&input.path);
    // a .doc, .rtf or .odt is read through a DOCX LibreOffice makes of it: that DOCX is not
    // the file, and is never written over it
    let mut head = [0u8; 4];
    let is_package = std::fs::File::open(&input.path)
        .and_then(|mut f| std::io::Read::read_exact(&mut f, &mut head))
        .is_ok()
        && head == *b"PK\x03\x04";
    if !is_package {
        let msg = format!(
            "{name}: not a DOCX package (it was read through LibreOffice), not rewritten; \
             save it as .docx and fix that (`gongwen fix --diff` shows the fixes)"
        );
        if a.diff {
            super::style::warning(&msg);
            return Ok(Outcome::Untouched);
        }
        super::style::error(&msg);
        return Ok(Outcome::Failed);
    }
    let src = match super::read_input(&input.path, false) {
        Ok(s) if s.text() == old && s.format() == crate::Format::Docx => s,
        Ok(_) => {
            super::style::error(&format_args!(
                "{name}: it changed while it was being fixed; run fix again"
            ));
            return Ok(Outcome::Failed);
        }
        Err(e) => {
            super::style::error(&e);
            return Ok(Outcome::Failed);
        }
    };
    let opts = super::READ_OPTIONS.get_or_init(Default::default);
    let fixed = match crate::source::docx::patch::fix(&src, cfg, opts) {
        Ok(f) => f,
        Err(e) => {
            super::style::error(&format_args!("{name}: not fixed: {e}"));
            return Ok(Outcome::Failed);
        }
    };
    // a fix that cannot be made fails a file named on the command line; else it is a warning
    let refused = !fixed.refused.is_empty() && input.named && !a.diff;
    for r in &fixed.refused {
        let msg = format!(
            "{name}:{}: {} ({}) not fixed: {}",
            r.line,
            r.rule.code(),
            r.rule.name(),
            r.why
        );
        if refused {
            super::style::error(&msg);
        } else {
            super::style::warning(&msg);
        }
    }
    let done = if refused {
        Outcome::Failed
    } else {
        Outcome::Changed
    };
    if fixed.text == old {
        return Ok(if refused {
            Outcome::Failed
        } else {
            Outcome::Untouched
        });
    }
    if a.diff {
        let d = unified_diff(&diff_name(&input.path), old, &fixed.text);
        super::stdout_result(w.write_all(d.as_bytes()))?;
        return Ok(done);
    }
    if !is_regular(&input.path) {
        super::style::error(&format_args!("{name}: not a regular file, not rewritten"));
        return Ok(Outcome::Failed);
    }
    if a.check {
        eprintln!("would fix {name}");
    } else if let Err(e) = write_file(&input.path, &fixed.package, a.force) {
        super::style::error(&e);
        return Ok(Outcome::Failed);
    } else {
        said(&format_args!("fixed {name}"));
    }
    Ok(done)
}

/// Show, check or write the fixes of one file. An HTML page (whose text is made from the
/// file, not the file), or a DOCX on standard input (whose package is gone once read), is
/// never rewritten: one found in a folder is skipped with a line saying so, and the run goes
/// on as if it were not there; one named on the command line fails the run (exit 2), since
/// what was asked cannot be done, and `--check` fails with it, as the `fix` it predicts would.
/// `--diff` shows its fixes.
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
        Some(("a DOCX on standard input", "name its file"))
    } else if input.html {
        Some(("an HTML page", "fix its source"))
    } else {
        None
    };
    if let Some((what, instead)) = derived {
        if !input.named {
            said(&format_args!(
                "skipped {name}: {what} is not rewritten; {instead}"
            ));
            return Ok(Outcome::Untouched);
        }
        super::style::error(&format_args!(
            "{name}: {what} is not rewritten; {instead} (`gongwen fix --diff` shows the fixes)"
        ));
        return Ok(Outcome::Failed);
    }
    if !stdin && !is_regular(&input.path) {
        super::style::error(&format_args!(
            "{name}: not a regular file, not rewritten; `gongwen fix -` reads standard input"
        ));
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
        super::style::error(&e);
        return Ok(Outcome::Failed);
    } else {
        said(&format_args!("fixed {name}"));
    }
    Ok(Outcome::Changed)
}

/// A line on standard error saying what was done to a file (`fixed 通知.txt`), unless
/// `--quiet`.
fn said(what: &dyn std::fmt::Display) {
    if !super::style::quiet() {
        eprintln!("{what}");
    }
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

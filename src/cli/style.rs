//! How the command speaks: `--quiet`, `--verbose`, `--color` (with `NO_COLOR` and
//! `CLICOLOR_FORCE`), and the one form of its error lines, `gongwen: error: PATH:LINE:COL: message` (`gongwen: warning: …` for warnings).
//!
//! The flags are set once, by [`super::run`], before any subcommand runs; every command asks
//! [`quiet`], [`verbose`] and [`color`] here instead of deciding for itself.

use clap::ValueEnum;
use std::ffi::OsStr;
use std::io::IsTerminal;
use std::sync::atomic::{AtomicBool, AtomicU8, Ordering};

/// `--color`: when to colour the output.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default, ValueEnum)]
pub(crate) enum ColorWhen {
    /// When the output is a terminal, unless `NO_COLOR` is set (or `CLICOLOR_FORCE` asks for
    /// colour anyway).
    #[default]
    Auto,
    /// Always, whatever `NO_COLOR` says.
    Always,
    /// Never, whatever `CLICOLOR_FORCE` says.
    Never,
}

static QUIET: AtomicBool = AtomicBool::new(false);
static VERBOSE: AtomicBool = AtomicBool::new(false);
/// The `--color` given, as `ColorWhen as u8`.
static COLOR: AtomicU8 = AtomicU8::new(ColorWhen::Auto as u8);

/// Set the flags of this run (once, from the command line).
pub(crate) fn set(quiet: bool, verbose: bool, color: ColorWhen) {
    QUIET.store(quiet, Ordering::Relaxed);
    VERBOSE.store(verbose, Ordering::Relaxed);
    COLOR.store(color as u8, Ordering::Relaxed);
}

/// Whether `--quiet` was given: no progress, no summary and no notes on standard error.
/// Errors are still shown.
pub(crate) fn quiet() -> bool {
    QUIET.load(Ordering::Relaxed)
}

/// Whether `--verbose` was given: say on standard error how each input was read.
pub(crate) fn verbose() -> bool {
    VERBOSE.load(Ordering::Relaxed)
}

/// The `--color` of this run.
fn color_when() -> ColorWhen {
    match COLOR.load(Ordering::Relaxed) {
        x if x == ColorWhen::Always as u8 => ColorWhen::Always,
        x if x == ColorWhen::Never as u8 => ColorWhen::Never,
        _ => ColorWhen::Auto,
    }
}

/// Whether to colour what a command prints: to standard output when `to_stdout`, else to the
/// file `-o` names, which is no terminal (only `--color always` colours it).
pub(crate) fn color_printed(to_stdout: bool) -> bool {
    decide(
        color_when(),
        std::env::var_os("NO_COLOR").as_deref(),
        std::env::var_os("CLICOLOR_FORCE").as_deref(),
        to_stdout && std::io::stdout().is_terminal(),
    )
}

/// Whether to colour what goes to standard error: the `error:` and `warning:` of its lines.
pub(crate) fn color_stderr() -> bool {
    decide(
        color_when(),
        std::env::var_os("NO_COLOR").as_deref(),
        std::env::var_os("CLICOLOR_FORCE").as_deref(),
        std::io::stderr().is_terminal(),
    )
}

/// The colour decision: `--color always` and `never` win; else a non-empty `NO_COLOR` turns
/// colour off, a `CLICOLOR_FORCE` that is non-empty and not `0` turns it on (`NO_COLOR` first
/// when both are set), and else colour goes to a terminal only.
fn decide(
    when: ColorWhen,
    no_color: Option<&OsStr>,
    force: Option<&OsStr>,
    terminal: bool,
) -> bool {
    match when {
        ColorWhen::Always => true,
        ColorWhen::Never => false,
        ColorWhen::Auto => {
            if no_color.is_some_and(|v| !v.is_empty()) {
                false
            } else if force.is_some_and(|v| !v.is_empty() && v != "0") {
                true
            } else {
                terminal
            }
        }
    }
}

/// An error line as every command prints it: `gongwen: error: MESSAGE`. The library's
/// messages start with what they concern (`PATH:LINE: …`, `PATH: …`), so the line reads
/// `gongwen: error: 通知.txt:3: not valid UTF-8 …`.
pub(crate) fn error_line(message: &dyn std::fmt::Display) -> String {
    line("error", "\x1b[1;31m", message)
}

/// `gongwen: KIND: MESSAGE`, the kind in bold colour when standard error is coloured.
fn line(kind: &str, on: &str, message: &dyn std::fmt::Display) -> String {
    if color_stderr() {
        format!("gongwen: {on}{kind}:\x1b[0m {message}")
    } else {
        format!("gongwen: {kind}: {message}")
    }
}

/// Print an error line (see [`error_line`]) on standard error; `--quiet` does not hide it.
pub(crate) fn error(message: &dyn std::fmt::Display) {
    eprintln!("{}", error_line(message));
}

/// A warning line as every command prints it: `gongwen: warning: MESSAGE`.
pub(crate) fn warning_line(message: &dyn std::fmt::Display) -> String {
    line("warning", "\x1b[1;33m", message)
}

/// Print a warning line (see [`warning_line`]) on standard error; like errors, warnings are
/// shown under `--quiet`.
pub(crate) fn warning(message: &dyn std::fmt::Display) {
    eprintln!("{}", warning_line(message));
}

/// Print a note (`gongwen: MESSAGE`) on standard error, when `--verbose` asks for notes.
pub(crate) fn note(message: &dyn std::fmt::Display) {
    if verbose() {
        eprintln!("gongwen: {message}");
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn color_follows_the_flag_then_the_environment_then_the_terminal() {
        let s = |v: &'static str| Some(OsStr::new(v));
        use ColorWhen::*;
        assert!(decide(Auto, None, None, true));
        assert!(!decide(Auto, None, None, false));
        assert!(!decide(Auto, s("1"), None, true));
        assert!(
            decide(Auto, s(""), None, true),
            "an empty NO_COLOR is unset"
        );
        assert!(decide(Always, s("1"), None, false));
        assert!(decide(Auto, None, s("1"), false));
        assert!(!decide(Auto, None, s("0"), false));
        assert!(!decide(Auto, None, s(""), false));
        assert!(!decide(Never, None, s("1"), true));
        assert!(!decide(Auto, s("1"), s("1"), true), "NO_COLOR first");
    }

    #[test]
    fn error_lines_have_one_prefix() {
        let e = crate::Error::UnknownRule {
            key: "GW999".into(),
        };
        assert_eq!(error_line(&e), "gongwen: error: unknown rule \"GW999\"");
    }
}

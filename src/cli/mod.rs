//! Command-line definitions. Each subcommand lives in its own file and calls the library.

use clap::{Parser, Subcommand};
use std::path::Path;

mod check;
mod cleanup;
mod convert;
mod fix;
mod outline;
mod output;
mod walk;

/// Exit code: usage or input error.
pub const EXIT_INPUT: i32 = 2;

#[derive(Parser)]
#[command(
    name = "gongwen",
    version,
    about = "Outline, check, fix and convert Chinese official documents (公文) and reports"
)]
struct Cli {
    #[command(subcommand)]
    cmd: Cmd,
}

#[derive(Subcommand)]
enum Cmd {
    /// Print the heading tree: sections, run-in headings, points, elisions, title.
    Outline(outline::OutlineArgs),
    /// Dump the whole document tree as YAML or JSON.
    Parse(outline::ParseArgs),
    /// Check heading numbering and document elements; report like a compiler.
    Check(check::CheckArgs),
    /// Apply the mechanical fixes that `check` proposes.
    Fix(fix::FixArgs),
    /// Convert a document to a GB/T 9704 DOCX.
    Convert(convert::ConvertArgs),
}

/// Run the command line; returns the exit code.
pub fn run() -> i32 {
    let cli = match Cli::try_parse() {
        Ok(c) => c,
        Err(e) => {
            let code = if e.use_stderr() { EXIT_INPUT } else { 0 };
            let _ = e.print();
            return code;
        }
    };
    let r = match cli.cmd {
        Cmd::Outline(a) => outline::outline(a),
        Cmd::Parse(a) => outline::parse(a),
        Cmd::Check(a) => check::run(a),
        Cmd::Fix(a) => fix::run(a),
        Cmd::Convert(a) => convert::run(a),
    };
    match r {
        Ok(code) => code,
        Err(e) => {
            eprintln!("gongwen: {e}");
            EXIT_INPUT
        }
    }
}

/// Read the input a command was given: a path (any bytes, UTF-8 or not), or `-` for standard
/// input; `markdown` reads plain text as Markdown. A device or FIFO is read to its end like a
/// file, so `/dev/null` is an empty document. The source is named by the path, lossily where
/// it is not UTF-8; messages show it with control characters escaped.
///
/// ```
/// use std::path::Path;
/// let src = gongwen::cli::read_input(Path::new("samples/通知.txt"), false).unwrap();
/// assert_eq!(src.name(), "samples/通知.txt");
/// let e = gongwen::cli::read_input(Path::new("no\nsuch.txt"), false).unwrap_err();
/// assert!(e.to_string().starts_with("no\\nsuch.txt: cannot read:"));
/// ```
pub fn read_input(path: &Path, markdown: bool) -> Result<crate::Source, crate::Error> {
    let src = if path.as_os_str() == "-" {
        let mut bytes = Vec::new();
        std::io::Read::read_to_end(&mut std::io::stdin(), &mut bytes).map_err(|source| {
            crate::Error::Read {
                path: "<stdin>".into(),
                source,
            }
        })?;
        crate::Source::from_bytes("<stdin>", bytes)?
    } else {
        let name = shown(path);
        let bytes = std::fs::read(path).map_err(|source| crate::Error::Read {
            path: name.clone(),
            source,
        })?;
        crate::Source::from_bytes(name, bytes)?.with_name(path.to_string_lossy())
    };
    Ok(if markdown && src.format() == crate::Format::Text {
        src.with_format(crate::Format::Markdown)
    } else {
        src
    })
}

/// A path as messages show it: lossy where it is not UTF-8, control characters escaped.
pub(crate) fn shown(path: &Path) -> String {
    crate::check::render::shown_name(&path.to_string_lossy()).into_owned()
}

/// Write to standard output, treating a closed pipe as success.
pub fn stdout_result(r: std::io::Result<()>) -> Result<i32, Box<dyn std::error::Error>> {
    match r {
        Ok(()) => Ok(0),
        Err(e)
            if e.kind() == std::io::ErrorKind::BrokenPipe
                || e.to_string().contains("Broken pipe") =>
        {
            Ok(0)
        }
        Err(e) => Err(Box::new(e)),
    }
}

//! Command-line definitions. Each subcommand lives in its own file and calls the library.

use clap::{Parser, Subcommand};

mod check;
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

/// Read the input a command was given: a path, or `-` for standard input; `markdown` reads
/// plain text as Markdown.
pub fn read_input(path: &str, markdown: bool) -> Result<crate::Source, crate::Error> {
    let src = if path == "-" {
        let mut bytes = Vec::new();
        std::io::Read::read_to_end(&mut std::io::stdin(), &mut bytes).map_err(|source| {
            crate::Error::Read {
                path: "<stdin>".into(),
                source,
            }
        })?;
        crate::Source::from_bytes("<stdin>", bytes)?
    } else {
        crate::Source::from_path(path)?
    };
    Ok(if markdown && src.format() == crate::Format::Text {
        src.with_format(crate::Format::Markdown)
    } else {
        src
    })
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

//! `gongwen check`: report numbering and element problems like a compiler.

use super::walk::check_paths;
use crate::check::render::{self, ReportFormat};
use crate::check::Severity;
use clap::{Args, ValueEnum};
use std::io::{IsTerminal, Write};
use std::path::PathBuf;

#[derive(Clone, Copy, ValueEnum)]
pub enum OutputFormat {
    Human,
    Json,
    Github,
    Sarif,
    Rdjson,
}

#[derive(Clone, Copy, ValueEnum)]
pub enum Deny {
    /// Warnings fail the run too.
    Warnings,
}

#[derive(Args)]
pub struct CheckArgs {
    /// Files or directories (.txt, .md and .docx are checked; default: the current directory).
    pub paths: Vec<PathBuf>,
    /// Output format.
    #[arg(long, short, value_enum, default_value = "human")]
    pub format: OutputFormat,
    /// Raise the failing severity: `--deny warnings` makes warnings fail the run.
    #[arg(long, value_enum)]
    pub deny: Option<Deny>,
    /// Use this configuration file instead of looking for gongwen.toml.
    #[arg(long)]
    pub config: Option<PathBuf>,
    #[command(flatten)]
    pub read: super::ReadArgs,
}

pub fn run(a: CheckArgs) -> Result<i32, Box<dyn std::error::Error>> {
    let paths = if a.paths.is_empty() {
        vec![PathBuf::from(".")]
    } else {
        a.paths
    };
    let report = check_paths(&paths, a.config.as_deref()).report;
    let format = match a.format {
        OutputFormat::Human => ReportFormat::Human,
        OutputFormat::Json => ReportFormat::Json,
        OutputFormat::Github => ReportFormat::Github,
        OutputFormat::Sarif => ReportFormat::Sarif,
        OutputFormat::Rdjson => ReportFormat::Rdjson,
    };
    if format != ReportFormat::Human {
        for e in &report.errors {
            eprintln!("gongwen: {e}");
        }
    }
    let color = format == ReportFormat::Human
        && std::io::stdout().is_terminal()
        && std::env::var_os("NO_COLOR").is_none();
    let stdout = std::io::stdout();
    let mut w = std::io::BufWriter::new(stdout.lock());
    let r = render::render(&report, format, color, &mut w).and_then(|_| w.flush());
    let fail_at = match a.deny {
        Some(Deny::Warnings) => Severity::Warning,
        None => Severity::Error,
    };
    super::stdout_result(r)?;
    Ok(report.exit_code(fail_at))
}

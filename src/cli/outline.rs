//! `gongwen outline` and `gongwen parse`.

use crate::write::dump::{self, DumpOptions};
use crate::write::outline::{self, OutlineOptions};
use clap::{Args, ValueEnum};
use std::io::{IsTerminal, Write};
use std::path::PathBuf;

#[derive(Clone, Copy, ValueEnum)]
pub enum OutlineFormat {
    Tree,
    Tsv,
    Yaml,
    Json,
    Md,
}

#[derive(Args)]
pub struct OutlineArgs {
    /// The document (.txt, .md, .html or .docx), or - for standard input.
    pub file: PathBuf,
    /// Output format (default: tree on a terminal, tsv otherwise).
    #[arg(long, short)]
    pub format: Option<OutlineFormat>,
    /// Show levels down to N only.
    #[arg(long, default_value_t = 0)]
    pub depth: u8,
    /// Read the input as Markdown even without a .md extension.
    #[arg(long)]
    pub markdown: bool,
    #[command(flatten)]
    pub read: super::ReadArgs,
}

#[derive(Clone, Copy, ValueEnum)]
pub enum TreeFormat {
    Yaml,
    Json,
}

#[derive(Args)]
pub struct ParseArgs {
    /// The document, or - for standard input.
    pub file: PathBuf,
    /// Output format.
    #[arg(long, short, default_value = "yaml")]
    pub format: TreeFormat,
    /// Read the input as Markdown even without a .md extension.
    #[arg(long)]
    pub markdown: bool,
    #[command(flatten)]
    pub read: super::ReadArgs,
}

pub fn outline(a: OutlineArgs) -> Result<i32, Box<dyn std::error::Error>> {
    let src = super::read_input(&a.file, a.markdown)?;
    let doc = crate::parse(&src);
    let tty = std::io::stdout().is_terminal();
    let format = a.format.unwrap_or(if tty {
        OutlineFormat::Tree
    } else {
        OutlineFormat::Tsv
    });
    let opts = OutlineOptions {
        depth: a.depth,
        color: tty && std::env::var_os("NO_COLOR").is_none(),
    };
    let stdout = std::io::stdout();
    let mut w = std::io::BufWriter::new(stdout.lock());
    let r = match format {
        OutlineFormat::Tree => outline::terminal(&doc, &src, &opts, &mut w),
        OutlineFormat::Tsv => outline::tsv(&doc, &src, &opts, &mut w),
        OutlineFormat::Md => outline::markdown(&doc, &src, &opts, &mut w),
        OutlineFormat::Yaml => outline::yaml(&doc, &src, &opts, &mut w),
        OutlineFormat::Json => outline::json(&doc, &src, &opts, &mut w),
    };
    super::stdout_result(r.and_then(|_| w.flush()))
}

pub fn parse(a: ParseArgs) -> Result<i32, Box<dyn std::error::Error>> {
    let src = super::read_input(&a.file, a.markdown)?;
    let doc = crate::parse(&src);
    let stdout = std::io::stdout();
    let mut w = std::io::BufWriter::new(stdout.lock());
    let opts = DumpOptions::default();
    let r = match a.format {
        TreeFormat::Yaml => dump::yaml(&doc, &src, &opts, &mut w),
        TreeFormat::Json => dump::json(&doc, &src, &opts, &mut w),
    };
    super::stdout_result(r.and_then(|_| w.flush()))
}

//! `gongwen outline` and `gongwen parse`.

use clap::{Args, ValueEnum};
use gongwen::write::outline::{self, TreeOptions};
use gongwen::Input;
use std::io::{IsTerminal, Write};

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
    /// The document (.txt or .md), or - for standard input.
    pub file: String,
    /// Output format (default: tree on a terminal, tsv otherwise).
    #[arg(long, short)]
    pub format: Option<OutlineFormat>,
    /// Show levels down to N only.
    #[arg(long, default_value_t = 0)]
    pub depth: u8,
    /// Read the input as Markdown even without a .md extension.
    #[arg(long)]
    pub markdown: bool,
}

#[derive(Clone, Copy, ValueEnum)]
pub enum TreeFormat {
    Yaml,
    Json,
}

#[derive(Args)]
pub struct ParseArgs {
    /// The document, or - for standard input.
    pub file: String,
    /// Output format.
    #[arg(long, short, default_value = "yaml")]
    pub format: TreeFormat,
    /// Read the input as Markdown even without a .md extension.
    #[arg(long)]
    pub markdown: bool,
}

pub fn outline(a: OutlineArgs) -> Result<i32, Box<dyn std::error::Error>> {
    let mut input = Input::read(&a.file)?;
    input.markdown |= a.markdown;
    let doc = input.parse();
    let idx = input.index();
    let tty = std::io::stdout().is_terminal();
    let format = a.format.unwrap_or(if tty {
        OutlineFormat::Tree
    } else {
        OutlineFormat::Tsv
    });
    let stdout = std::io::stdout();
    let mut w = std::io::BufWriter::new(stdout.lock());
    let r = match format {
        OutlineFormat::Tree => outline::tree(
            &doc,
            &idx,
            &TreeOptions {
                depth: a.depth,
                color: tty && std::env::var_os("NO_COLOR").is_none(),
            },
            &mut w,
        ),
        OutlineFormat::Tsv => outline::tsv(&doc, &idx, &mut w),
        OutlineFormat::Md => outline::markdown(&doc, &idx, a.depth, &mut w),
        OutlineFormat::Yaml | OutlineFormat::Json => {
            let rows: Vec<_> = outline::rows(&doc, &idx)
                .into_iter()
                .filter(|r| a.depth == 0 || r.level <= a.depth)
                .collect();
            let v = serde_json::json!({ "schema": "gongwen.outline/1", "file": input.name, "title": doc.meta.title, "rows": rows, "summary": outline::summary(&doc) });
            if matches!(format, OutlineFormat::Json) {
                serde_json::to_writer_pretty(&mut w, &v)
                    .map_err(std::io::Error::other)
                    .and_then(|_| writeln!(w))
            } else {
                serde_yaml::to_writer(&mut w, &v).map_err(std::io::Error::other)
            }
        }
    };
    super::stdout_result(r.and_then(|_| w.flush()))
}

pub fn parse(a: ParseArgs) -> Result<i32, Box<dyn std::error::Error>> {
    let mut input = Input::read(&a.file)?;
    input.markdown |= a.markdown;
    let doc = input.parse();
    let stdout = std::io::stdout();
    let mut w = std::io::BufWriter::new(stdout.lock());
    let r = match a.format {
        TreeFormat::Yaml => gongwen::write::tree::yaml(&doc, &mut w),
        TreeFormat::Json => gongwen::write::tree::json(&doc, &mut w),
    };
    super::stdout_result(r.and_then(|_| w.flush()))
}

//! `gongwen convert INPUT -o OUT.docx`.

use crate::write::docx::{self, DocxOptions, ElisionMode, Style};
use clap::{Args, ValueEnum};
use std::path::{Path, PathBuf};

#[derive(Clone, Copy, ValueEnum, PartialEq, Eq)]
pub enum ToFormat {
    Docx,
}

#[derive(Clone, Copy, ValueEnum)]
pub enum ElisionArg {
    /// …… shaded grey
    Mark,
    /// left out
    Drop,
    /// as written
    Raw,
}

#[derive(Clone, Copy, ValueEnum)]
pub enum StyleArg {
    /// GB/T 9704-2012
    Gbt,
    /// a neutral layout
    Plain,
}

#[derive(Args)]
pub struct ConvertArgs {
    /// The document (.txt or .md), or - for standard input.
    pub input: String,
    /// The output file; the format follows its extension unless --to is given.
    #[arg(short, long)]
    pub output: String,
    /// Output format.
    #[arg(long)]
    pub to: Option<ToFormat>,
    /// What to do with elisions.
    #[arg(long, value_enum, default_value = "mark")]
    pub elisions: ElisionArg,
    /// Layout.
    #[arg(long, value_enum, default_value = "gbt")]
    pub style: StyleArg,
    /// Heading levels set in bold, e.g. 2,3 (the standard names no bold).
    #[arg(long, value_delimiter = ',')]
    pub bold_levels: Vec<u8>,
    /// The dot after an Arabic heading number: . or ． (default: as written).
    #[arg(long)]
    pub arabic_dot: Option<char>,
    /// Read the input as Markdown even without a .md extension.
    #[arg(long)]
    pub markdown: bool,
    #[command(flatten)]
    pub read: super::ReadArgs,
}

fn fail(msg: String) -> Result<i32, Box<dyn std::error::Error>> {
    eprintln!("gongwen convert: {msg}");
    Ok(super::EXIT_INPUT)
}

pub fn run(a: ConvertArgs) -> Result<i32, Box<dyn std::error::Error>> {
    let out = PathBuf::from(&a.output);
    let ext = out
        .extension()
        .and_then(|e| e.to_str())
        .map(str::to_ascii_lowercase);
    if a.to.is_none() && ext.as_deref() != Some("docx") {
        return fail(format!(
            "{}: cannot tell the format from the extension; use --to docx",
            a.output
        ));
    }
    if let Some(d) = a.arabic_dot {
        if d != '.' && d != '．' {
            return fail(format!("--arabic-dot must be . or ．, not {d}"));
        }
    }
    if a.input != "-" && same_file(Path::new(&a.input), &out) {
        return fail(format!("{}: refusing to overwrite the input", a.output));
    }
    let src = match super::read_input(&a.input, a.markdown) {
        Ok(s) => s,
        Err(e) => return fail(e.to_string()),
    };
    let doc = crate::parse(&src);
    let opts = DocxOptions {
        style: match a.style {
            StyleArg::Gbt => Style::Gbt,
            StyleArg::Plain => Style::Plain,
        },
        bold_levels: a.bold_levels,
        arabic_dot: a.arabic_dot,
        elisions: match a.elisions {
            ElisionArg::Mark => ElisionMode::Mark,
            ElisionArg::Drop => ElisionMode::Drop,
            ElisionArg::Raw => ElisionMode::Raw,
        },
    };
    let mut bytes = Vec::new();
    docx::write(&doc, &src, &opts, &mut bytes)?;
    if let Err(e) = super::output::write_atomic(&out, &bytes) {
        return fail(format!("{}: cannot write: {e}", a.output));
    }
    Ok(0)
}

fn same_file(a: &Path, b: &Path) -> bool {
    match (a.canonicalize(), b.canonicalize()) {
        (Ok(x), Ok(y)) => x == y,
        _ => false,
    }
}

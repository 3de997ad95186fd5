//! `gongwen convert INPUT -o OUT.docx`.

use super::output::Output;
use crate::write::docx::{self, DocxOptions, ElisionMode, Style};
use clap::{Args, ValueEnum};
use std::io::IsTerminal;
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
    /// The document (.txt, .md or .docx), or - for standard input.
    pub input: PathBuf,
    /// The output file, or - for standard output; the format follows its extension unless
    /// --to is given.
    #[arg(short, long)]
    pub output: PathBuf,
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
    /// Overwrite a read-only output file.
    #[arg(long)]
    pub force: bool,
    #[command(flatten)]
    pub read: super::ReadArgs,
}

fn fail(msg: String) -> Result<i32, Box<dyn std::error::Error>> {
    eprintln!("gongwen convert: {msg}");
    Ok(super::EXIT_INPUT)
}

pub fn run(a: ConvertArgs) -> Result<i32, Box<dyn std::error::Error>> {
    let out = &a.output;
    let ext = out
        .extension()
        .and_then(|e| e.to_str())
        .map(str::to_ascii_lowercase);
    if a.to.is_none() && ext.as_deref() != Some("docx") {
        return fail(format!(
            "{}: cannot tell the format from the extension; use --to docx",
            super::shown(out)
        ));
    }
    if let Some(d) = a.arabic_dot {
        if d != '.' && d != '．' {
            return fail(format!("--arabic-dot must be . or ．, not {d}"));
        }
    }
    if a.input.as_os_str() != "-" && same_file(&a.input, out) {
        return fail(format!(
            "{}: refusing to overwrite the input",
            super::shown(out)
        ));
    }
    // opened first: an output that cannot be written is reported before the work is done,
    // and the temporary file a signal must remove exists while the work is done
    let sink = match Output::open(out, a.force) {
        Ok(s) => s,
        Err(e) => return fail(e.to_string()),
    };
    if sink.is_stdout() && std::io::stdout().is_terminal() {
        return fail(
            "refusing to write a DOCX to a terminal; redirect standard output or give -o a file"
                .into(),
        );
    }
    let src = match super::read_input(&a.input, a.markdown) {
        Ok(s) => s,
        Err(e) => return fail(e.to_string()),
    };
    warn_signs(&src);
    let doc = crate::parse(&src);
    let mut bytes = Vec::new();
    for w in docx::write_with_warnings(&doc, &src, &options(&a), &mut bytes)? {
        eprintln!("gongwen convert: warning: {}: {w}", src.name());
    }
    if let Err(e) = sink.finish(&bytes) {
        return fail(e.to_string());
    }
    Ok(0)
}

/// A warning for each character of the input that a DOCX cannot hold and that is written as a
/// visible sign instead (the first few, then how many more).
fn warn_signs(src: &crate::Source) {
    const SHOWN: usize = 5;
    let mut n = 0;
    for (at, c, sign) in docx::xml_text::signs(src.text()) {
        if n < SHOWN {
            let (line, col) = src.lines().char_col(src.text(), at);
            eprintln!(
                "gongwen convert: warning: {}:{line}:{col}: U+{:04X} cannot be written in a DOCX; written as {sign}",
                src.name(),
                c as u32
            );
        }
        n += 1;
    }
    if n > SHOWN {
        eprintln!(
            "gongwen convert: warning: {}: {} more such characters",
            src.name(),
            n - SHOWN
        );
    }
}

fn options(a: &ConvertArgs) -> DocxOptions {
    DocxOptions {
        style: match a.style {
            StyleArg::Gbt => Style::Gbt,
            StyleArg::Plain => Style::Plain,
        },
        bold_levels: a.bold_levels.clone(),
        arabic_dot: a.arabic_dot,
        elisions: match a.elisions {
            ElisionArg::Mark => ElisionMode::Mark,
            ElisionArg::Drop => ElisionMode::Drop,
            ElisionArg::Raw => ElisionMode::Raw,
        },
        base_dir: (a.input.as_os_str() != "-")
            .then(|| a.input.parent().map(Path::to_path_buf))
            .flatten(),
    }
}

/// Whether two paths name one regular file: through links, hard ones included.
fn same_file(a: &Path, b: &Path) -> bool {
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        match (std::fs::metadata(a), std::fs::metadata(b)) {
            (Ok(x), Ok(y)) => x.is_file() && x.dev() == y.dev() && x.ino() == y.ino(),
            _ => false,
        }
    }
    #[cfg(not(unix))]
    match (a.canonicalize(), b.canonicalize()) {
        (Ok(x), Ok(y)) => x == y,
        _ => false,
    }
}

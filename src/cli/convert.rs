//! `gongwen convert INPUT -o OUT`: to DOCX, Markdown, YAML or JSON, by `--to` or the output's
//! extension. Markdown to Markdown re-levels the headings (an edit of the source's heading
//! lines) unless `--rewrite` asks for the whole writer.

use super::output::Output;
use crate::write::docx::{self, DocxOptions, ElisionMode, Style};
use crate::write::markdown::{self, MarkdownOptions};
use crate::write::relevel::{self, RelevelOptions};
use clap::{Args, ValueEnum};
use std::io::IsTerminal;
use std::path::{Path, PathBuf};

#[derive(Clone, Copy, ValueEnum, PartialEq, Eq, Debug)]
pub enum ToFormat {
    /// A GB/T 9704 Word document
    Docx,
    /// CommonMark with YAML front matter
    #[value(alias = "markdown")]
    Md,
    /// The document tree, as `parse` gives it
    #[value(alias = "yml")]
    Yaml,
    /// The document tree, as `parse --format json` gives it
    Json,
}

impl ToFormat {
    /// The format an output file's extension names.
    fn from_extension(ext: &str) -> Option<ToFormat> {
        Some(match ext.to_ascii_lowercase().as_str() {
            "docx" => ToFormat::Docx,
            "md" | "markdown" => ToFormat::Md,
            "yaml" | "yml" => ToFormat::Yaml,
            "json" => ToFormat::Json,
            _ => return None,
        })
    }
}

/// The formats, as messages list them.
const FORMATS: &str = "docx, md (.md, .markdown), yaml (.yaml, .yml) or json";

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
    /// The document (.txt, .md, .html or .docx), or - for standard input.
    pub input: PathBuf,
    /// The output file, or - for standard output; the format follows its extension unless
    /// --to is given.
    #[arg(short, long)]
    pub output: PathBuf,
    /// Output format (default: from the output's extension).
    #[arg(short = 't', long, value_enum)]
    pub to: Option<ToFormat>,
    /// Markdown to Markdown: write the whole document anew instead of re-levelling its
    /// headings.
    #[arg(long, conflicts_with = "relevel_only")]
    pub rewrite: bool,
    /// Markdown to Markdown: only re-level the headings, every other byte as it was (the
    /// default).
    #[arg(long)]
    pub relevel_only: bool,
    /// Give headings with no marker GB/T markers generated from their level (一、 （一） 1. （1）).
    #[arg(long)]
    pub number: bool,
    /// Keep the site's chrome (navigation, paywall notices) in Markdown output.
    #[arg(long)]
    pub keep_chrome: bool,
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
    let ext = out.extension().and_then(|e| e.to_str());
    let to = match (a.to, ext.and_then(ToFormat::from_extension)) {
        (Some(t), _) | (None, Some(t)) => t,
        (None, None) => {
            let what = match ext {
                Some(e) => format!("unknown extension .{e}"),
                None => "no extension".to_string(),
            };
            return fail(format!(
                "{}: cannot tell the format ({what}); give the output the extension of one of \
                 {FORMATS}, or use --to",
                super::shown(out)
            ));
        }
    };
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
    if to == ToFormat::Docx && sink.is_stdout() && std::io::stdout().is_terminal() {
        return fail(
            "refusing to write a DOCX to a terminal; redirect standard output or give -o a file"
                .into(),
        );
    }
    let src = match super::read_input(&a.input, a.markdown) {
        Ok(s) => s,
        Err(e) => return fail(e.to_string()),
    };
    let mut doc = crate::parse(&src);
    let relevels = to == ToFormat::Md && src.is_markdown() && !a.rewrite;
    // re-levelling numbers the headings in the source's own text; every other target, the tree
    if a.number && !relevels {
        crate::tree::number::number_unnumbered(&mut doc);
    }
    let mut bytes = Vec::new();
    match to {
        ToFormat::Docx => {
            warn_signs(&src);
            for w in docx::write_with_warnings(&doc, &src, &options(&a), &mut bytes)? {
                eprintln!("gongwen convert: warning: {}: {w}", src.name());
            }
        }
        ToFormat::Md if relevels => {
            // re-levelled in the source's own text, written back in its own encoding
            let text = relevel::relevel(&doc, &src, &RelevelOptions { number: a.number });
            bytes = match src.encode(&text) {
                Ok(b) => b,
                Err(e) => {
                    eprintln!("gongwen convert: warning: {e}; written as UTF-8");
                    text.into_bytes()
                }
            };
        }
        ToFormat::Md => {
            let opts = MarkdownOptions {
                keep_chrome: a.keep_chrome,
            };
            markdown::write(&doc, &src, &opts, &mut bytes)?;
        }
        ToFormat::Yaml => {
            crate::write::dump::yaml(&doc, &src, &Default::default(), &mut bytes)?;
        }
        ToFormat::Json => {
            crate::write::dump::json(&doc, &src, &Default::default(), &mut bytes)?;
        }
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

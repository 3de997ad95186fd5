//! `gongwen convert INPUT -o OUT`: to DOCX, Markdown, YAML, JSON or PDF (the DOCX rendered by
//! LibreOffice, `pdf.rs`), by `--to` or the output's extension. Markdown to Markdown re-levels the headings (an edit of the source's heading
//! lines) unless `--rewrite` asks for the whole writer.
//!
//! `gongwen convert INPUT… --out-dir DIR [--to FORMAT]` converts many: files, directories
//! (walked as `check` walks them, for .txt, .md and .docx) and quoted globs. Each output keeps
//! its input's place below the folder walked (a file named on the command line goes to the top
//! of DIR) with the format's extension, and is written atomically like `-o`'s. The files are
//! converted on `--jobs` threads; the messages come in input order. A file that fails is
//! reported and the others are still converted; the run ends with `N files, M failed` on
//! standard error and exits 2 when any failed.

use super::batch::{self, JobsArgs, Progress};
use super::output::Output;
use super::style::warning_line;
use crate::write::docx::{self, DocxOptions, ElisionMode, FontProfile, HeadFormat, Style};
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
    /// The DOCX rendered by LibreOffice (which must be installed)
    Pdf,
}

impl ToFormat {
    /// The format an output file's extension names.
    fn from_extension(ext: &str) -> Option<ToFormat> {
        Some(match ext.to_ascii_lowercase().as_str() {
            "docx" => ToFormat::Docx,
            "md" | "markdown" => ToFormat::Md,
            "yaml" | "yml" => ToFormat::Yaml,
            "json" => ToFormat::Json,
            "pdf" => ToFormat::Pdf,
            _ => return None,
        })
    }
}

/// The formats, as messages list them.
const FORMATS: &str = "docx, md (.md, .markdown), yaml (.yaml, .yml), json or pdf";

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
pub enum FontsArg {
    /// 方正小标宋简体, 仿宋_GB2312, 楷体_GB2312, 黑体, 宋体, as offices install them
    Gb2312,
    /// Windows's own: 华文中宋, 仿宋, 楷体, 黑体, 宋体
    Windows,
    /// macOS's: 宋体-简, 华文仿宋, 华文楷体, 黑体-简, 华文宋体
    Mac,
    /// the Founder GBK faces WPS Office bundles
    Wps,
}

#[derive(Clone, Copy, ValueEnum)]
pub enum StyleArg {
    /// GB/T 9704-2012
    Gbt,
    /// a neutral layout
    Plain,
}

#[derive(Clone, Copy, ValueEnum)]
pub enum HeadFormatArg {
    /// the usual 版头 (clause 7.2)
    Standard,
    /// 信函 (clause 10.1)
    Letter,
    /// 命令（令） (clause 10.2)
    Order,
    /// 纪要 (clause 10.3)
    Minutes,
}

#[derive(Args)]
pub struct ConvertArgs {
    /// The documents (.txt, .md, .html or .docx), or - for standard input; with --out-dir,
    /// also directories and quoted globs ('docs/**/*.txt').
    #[arg(required = true)]
    pub inputs: Vec<PathBuf>,
    /// The output file of one input, or - for standard output; the format follows its
    /// extension unless --to is given.
    #[arg(
        short,
        long,
        required_unless_present = "out_dir",
        conflicts_with = "out_dir"
    )]
    pub output: Option<PathBuf>,
    /// Write one output per input into DIR, keeping the inputs' layout below the folders
    /// walked, with the extension of --to (created when missing).
    #[arg(long, value_name = "DIR")]
    pub out_dir: Option<PathBuf>,
    /// Output format (default: from the output's extension; docx with --out-dir). With
    /// --out-dir, several formats may be given (-t docx,md,yaml): each input is written in
    /// each of them.
    #[arg(short = 't', long, value_enum, value_delimiter = ',')]
    pub to: Vec<ToFormat>,
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
    /// The names the faces are given in the DOCX: the GB2312 faces, or a platform's own for
    /// the same typeface classes (each with its fallback in the font table).
    #[arg(long, value_enum, default_value = "gb2312")]
    pub fonts: FontsArg,
    /// For paper with the 版头 printed on it (红头纸): leave out the 发文机关标志 and the red
    /// separator, keeping their room, so that the rest lands under the printed ones.
    #[arg(long)]
    pub preprinted: bool,
    /// The 版头's format (GB/T 9704 clause 10): a letter (信函), an order (命令、令) or minutes
    /// (纪要); by default the one the document shows (a mark ending in 令 or 纪要, a 函's
    /// 发文字号 under a mark without 文件), else the usual one.
    #[arg(long, value_enum, value_name = "FORMAT")]
    pub format: Option<HeadFormatArg>,
    /// Heading levels set in bold, e.g. 2,3 (the standard names no bold); the levels are 1 to
    /// 4, 一、 （一） 1. （1）.
    #[arg(long, value_name = "LEVELS", value_delimiter = ',')]
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
    pub jobs: JobsArgs,
    #[command(flatten)]
    pub read: super::ReadArgs,
}

impl ToFormat {
    /// The extension of an output in this format.
    fn extension(self) -> &'static str {
        match self {
            ToFormat::Docx => "docx",
            ToFormat::Md => "md",
            ToFormat::Yaml => "yaml",
            ToFormat::Json => "json",
            ToFormat::Pdf => "pdf",
        }
    }
}

fn fail(msg: String) -> Result<i32, Box<dyn std::error::Error>> {
    super::style::error(&msg);
    Ok(super::EXIT_INPUT)
}

/// The heading levels a DOCX has styles for: 一、 （一） 1. （1）.
const LEVELS: u8 = 4;

pub fn run(a: ConvertArgs) -> Result<i32, Box<dyn std::error::Error>> {
    if let Some(l) = a.bold_levels.iter().find(|l| !(1..=LEVELS).contains(*l)) {
        return fail(format!(
            "--bold-levels: there is no heading level {l}; the levels are 1 to {LEVELS} \
             (一、 （一） 1. （1）)"
        ));
    }
    if let Some(d) = a.arabic_dot {
        if d != '.' && d != '．' {
            return fail(format!("--arabic-dot must be . or ．, not {d}"));
        }
    }
    let Some(out) = &a.output else {
        return batch_run(&a);
    };
    let [input] = &a.inputs[..] else {
        return fail("-o names the output of one input; use --out-dir DIR for several".into());
    };
    if std::fs::metadata(input).is_ok_and(|m| m.is_dir()) {
        return fail(format!(
            "{} is a folder; use --out-dir DIR to convert what it holds",
            super::shown(input)
        ));
    }
    if a.to.len() > 1 {
        return fail("-o writes one format; give several formats with --out-dir DIR".into());
    }
    let ext = out.extension().and_then(|e| e.to_str());
    let to = match (
        a.to.first().copied(),
        ext.and_then(ToFormat::from_extension),
    ) {
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
    let mut warnings = Vec::new();
    let r = convert_one(&a, to, input, out, &mut warnings);
    for w in warnings {
        eprintln!("{w}");
    }
    match r {
        Ok(()) => Ok(0),
        Err(e) => fail(e),
    }
}

/// `--out-dir`: every input to its place in the folder, on `--jobs` threads.
fn batch_run(a: &ConvertArgs) -> Result<i32, Box<dyn std::error::Error>> {
    let Some(dir) = &a.out_dir else {
        return fail("give -o OUT for one input, or --out-dir DIR".into());
    };
    let mut formats = a.to.clone();
    if formats.is_empty() {
        formats.push(ToFormat::Docx);
    }
    formats.dedup();
    if a.inputs.iter().any(|p| p.as_os_str() == "-") {
        return fail("standard input has no name to write under --out-dir; use -o".into());
    }
    let mut configs = crate::check::config::ConfigCache::default();
    if let Err(e) = std::fs::create_dir_all(dir) {
        return fail(format!(
            "{}: cannot create the folder: {e}",
            super::shown(dir)
        ));
    }
    // the output folder is no input, even inside a folder walked
    let (found, mut errors) = super::walk::files_skipping(&a.inputs, &mut configs, Some(dir));
    // two inputs that would write one output: the first keeps it, the others fail
    let mut taken: std::collections::HashMap<PathBuf, usize> = Default::default();
    // one job per input and format, the formats of an input together
    let files = found.len();
    let mut jobs: Vec<(PathBuf, ToFormat, Result<PathBuf, String>)> = Vec::new();
    for (i, f) in found.into_iter().enumerate() {
        for &to in &formats {
            let out = dir.join(&f.rel).with_extension(to.extension());
            let out = match taken.get(&out) {
                Some(_) => Err(format!(
                    "{}: not converted: another input is written to {}",
                    super::shown(&f.path),
                    super::shown(&out)
                )),
                None => {
                    taken.insert(out.clone(), i);
                    Ok(out)
                }
            };
            jobs.push((f.path.clone(), to, out));
        }
    }
    let start = std::time::Instant::now();
    let inputs = files + errors.len();
    let progress = Progress::new(files);
    for e in &errors {
        progress.eprintln(&super::style::error_line(&e));
    }
    let (mut written, walk_failed) = (0, errors.len());
    // the inputs with an output that failed
    let mut failed_inputs = std::collections::HashSet::new();
    let work = |(input, to, out): &(PathBuf, ToFormat, Result<PathBuf, String>)| {
        let mut warnings = Vec::new();
        let r = out.clone().and_then(|out| {
            if let Some(parent) = out.parent() {
                std::fs::create_dir_all(parent).map_err(|e| {
                    format!("{}: cannot create the folder: {e}", super::shown(parent))
                })?;
            }
            batch::timed("converted", input, || {
                convert_one(a, *to, input, &out, &mut warnings)
            })
        });
        (warnings, r)
    };
    batch::ordered(&jobs, a.jobs.threads(), work, |i, done| {
        // an input is done with its last format
        if i % formats.len() == formats.len() - 1 {
            progress.inc();
        }
        let (warnings, r) = done.unwrap_or_else(|| {
            let name = super::shown(&jobs[i].0);
            (
                Vec::new(),
                Err(format!(
                    "{name}: not converted: an internal error (a bug; please report it)"
                )),
            )
        });
        for w in warnings {
            progress.eprintln(&w);
        }
        match r {
            Ok(()) => written += 1,
            Err(e) => {
                failed_inputs.insert(jobs[i].0.clone());
                progress.eprintln(&super::style::error_line(&e));
                errors.push(e);
            }
        }
        true
    });
    let failed = walk_failed + failed_inputs.len();
    progress.finish();
    batch::timing("converted", written, start);
    if inputs > 1 {
        progress.summary(&batch::summary(
            inputs,
            failed,
            &format!("; {written} written to {}", super::shown(dir)),
        ));
    }
    Ok(if failed > 0 { super::EXIT_INPUT } else { 0 })
}

/// Convert `input` to `out` in the format `to`; the warnings are pushed as the lines to show,
/// the error is the message (without the command's prefix).
fn convert_one(
    a: &ConvertArgs,
    to: ToFormat,
    input: &Path,
    out: &Path,
    warnings: &mut Vec<String>,
) -> Result<(), String> {
    if input.as_os_str() != "-" && same_file(input, out) {
        return Err(format!(
            "{}: refusing to overwrite the input",
            super::shown(out)
        ));
    }
    // opened first: an output that cannot be written is reported before the work is done,
    // and the temporary file a signal must remove exists while the work is done
    let sink = Output::open(out, a.force).map_err(|e| e.to_string())?;
    if matches!(to, ToFormat::Docx | ToFormat::Pdf)
        && sink.is_stdout()
        && std::io::stdout().is_terminal()
    {
        return Err(
            "refusing to write a DOCX or PDF to a terminal; redirect standard output or give -o \
             a file"
                .into(),
        );
    }
    let src = super::read_input(input, a.markdown).map_err(|e| e.to_string())?;
    let mut doc = crate::parse(&src);
    let relevels = to == ToFormat::Md && src.is_markdown() && !a.rewrite;
    // re-levelling numbers the headings in the source's own text; every other target, the tree
    if a.number && !relevels {
        crate::tree::number::number_unnumbered(&mut doc);
    }
    let mut bytes = Vec::new();
    let failed = |e: &dyn std::fmt::Display| format!("{}: {e}", src.name());
    match to {
        ToFormat::Docx | ToFormat::Pdf => {
            warn_signs(&src, warnings);
            let ws = docx::write_with_warnings(&doc, &src, &options(a, input), &mut bytes)
                .map_err(|e| failed(&e))?;
            for w in ws {
                warnings.push(warning_line(&format_args!("{}: {w}", src.name())));
            }
            if to == ToFormat::Pdf {
                bytes = super::pdf::render(&bytes).map_err(|e| failed(&e))?;
            }
        }
        ToFormat::Md if relevels => {
            // re-levelled in the source's own text, written back in its own encoding
            let text = relevel::relevel(&doc, &src, &RelevelOptions { number: a.number });
            bytes = match src.encode(&text) {
                Ok(b) => b,
                Err(e) => {
                    warnings.push(warning_line(&format_args!("{e}; written as UTF-8")));
                    text.into_bytes()
                }
            };
        }
        ToFormat::Md => {
            let opts = MarkdownOptions {
                keep_chrome: a.keep_chrome,
            };
            markdown::write(&doc, &src, &opts, &mut bytes).map_err(|e| failed(&e))?;
        }
        ToFormat::Yaml => {
            crate::write::dump::yaml(&doc, &src, &Default::default(), &mut bytes)
                .map_err(|e| failed(&e))?;
        }
        ToFormat::Json => {
            crate::write::dump::json(&doc, &src, &Default::default(), &mut bytes)
                .map_err(|e| failed(&e))?;
        }
    }
    sink.finish(&bytes).map_err(|e| e.to_string())
}

/// A warning for each character of the input that a DOCX cannot hold and that is written as a
/// visible sign instead (the first few, then how many more).
fn warn_signs(src: &crate::Source, warnings: &mut Vec<String>) {
    const SHOWN: usize = 5;
    let mut n = 0;
    for (at, c, sign) in docx::xml_text::signs(src.text()) {
        if n < SHOWN {
            let (line, col) = src.lines().char_col(src.text(), at);
            warnings.push(warning_line(&format_args!(
                "{}:{line}:{col}: U+{:04X} cannot be written in a DOCX; written as {sign}",
                src.name(),
                c as u32
            )));
        }
        n += 1;
    }
    if n > SHOWN {
        warnings.push(warning_line(&format_args!(
            "{}: {} more such characters",
            src.name(),
            n - SHOWN
        )));
    }
}

fn options(a: &ConvertArgs, input: &Path) -> DocxOptions {
    DocxOptions {
        style: a.style.into(),
        bold_levels: a.bold_levels.clone(),
        arabic_dot: a.arabic_dot,
        elisions: match a.elisions {
            ElisionArg::Mark => ElisionMode::Mark,
            ElisionArg::Drop => ElisionMode::Drop,
            ElisionArg::Raw => ElisionMode::Raw,
        },
        base_dir: (input.as_os_str() != "-")
            .then(|| input.parent().map(Path::to_path_buf))
            .flatten(),
        fonts: a.fonts.into(),
        preprinted: a.preprinted,
        format: a.format.map(|f| match f {
            HeadFormatArg::Standard => HeadFormat::Standard,
            HeadFormatArg::Letter => HeadFormat::Letter,
            HeadFormatArg::Order => HeadFormat::Order,
            HeadFormatArg::Minutes => HeadFormat::Minutes,
        }),
    }
}

impl From<StyleArg> for Style {
    fn from(s: StyleArg) -> Style {
        match s {
            StyleArg::Gbt => Style::Gbt,
            StyleArg::Plain => Style::Plain,
        }
    }
}

/// The profile `--fonts` names.
impl From<FontsArg> for FontProfile {
    fn from(f: FontsArg) -> FontProfile {
        match f {
            FontsArg::Gb2312 => FontProfile::Gb2312,
            FontsArg::Windows => FontProfile::Windows,
            FontsArg::Mac => FontProfile::Mac,
            FontsArg::Wps => FontProfile::Wps,
        }
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

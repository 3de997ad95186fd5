//! Command-line definitions. Each subcommand lives in its own file and calls the library.

use clap::{CommandFactory, Parser, Subcommand, ValueEnum};
use std::path::{Path, PathBuf};

mod batch;
mod check;
mod cleanup;
mod convert;
mod explain;
mod fix;
mod fonts;
mod jsonl;
mod outline;
mod output;
mod pdf;
pub(crate) mod style;
mod walk;

/// Exit code: usage or input error.
pub(crate) const EXIT_INPUT: i32 = 2;

#[derive(Parser)]
#[command(
    name = "gongwen",
    version,
    about = "Outline, check, fix and convert Chinese official documents (公文) and reports"
)]
struct Cli {
    #[command(subcommand)]
    cmd: Cmd,
    /// Say on standard error how each input was read: its encoding, byte-order mark and format.
    #[arg(short, long, global = true, conflicts_with = "quiet")]
    verbose: bool,
    /// No progress, summary or notes on standard error; errors are still shown.
    #[arg(short, long, global = true)]
    quiet: bool,
    /// When to colour the output: auto (a terminal, unless NO_COLOR is set or CLICOLOR_FORCE
    /// asks for colour), always or never.
    #[arg(
        long,
        global = true,
        value_enum,
        value_name = "WHEN",
        default_value = "auto"
    )]
    color: style::ColorWhen,
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
    /// Convert a document to a GB/T 9704 DOCX, to Markdown (re-levelling Markdown's headings),
    /// or to the tree as YAML or JSON.
    Convert(convert::ConvertArgs),
    /// List every rule: its code, name, default severity, whether `fix` repairs it, and what
    /// it checks.
    Rules(explain::RulesArgs),
    /// Tell what a rule checks and why, with a wrong and a right example.
    Explain(explain::ExplainArgs),
    /// List the typefaces a converted DOCX names, whether this machine has each, and what a
    /// rendering here (LibreOffice) shows in place of a missing one.
    Fonts(fonts::FontsArgs),
    /// Print a shell completion script on standard output.
    Completions {
        /// The shell.
        #[arg(value_enum)]
        shell: Shell,
        /// Write the script to FILE (atomically) instead of standard output.
        #[arg(short, long, value_name = "FILE")]
        output: Option<PathBuf>,
    },
    /// Print the manual page (roff) on standard output: `gongwen man | man -l -`.
    Man {
        /// Write the page to FILE (atomically) instead of standard output.
        #[arg(short, long, value_name = "FILE")]
        output: Option<PathBuf>,
    },
    /// Read one JSON record a line on standard input ({"id": …, "text": …} or {"id": …,
    /// "path": …}) and write one result a line: an outline, a tree, diagnostics or a DOCX.
    Jsonl(jsonl::JsonlArgs),
}

/// The shells `gongwen completions` writes for.
#[derive(Clone, Copy, ValueEnum)]
enum Shell {
    Bash,
    Zsh,
    Fish,
    Powershell,
}

/// `gongwen completions SHELL`: the script, for the command as defined here.
fn completions(shell: Shell, output: Option<&Path>) -> Result<i32, Box<dyn std::error::Error>> {
    let shell = match shell {
        Shell::Bash => clap_complete::Shell::Bash,
        Shell::Zsh => clap_complete::Shell::Zsh,
        Shell::Fish => clap_complete::Shell::Fish,
        Shell::Powershell => clap_complete::Shell::PowerShell,
    };
    let mut out = Vec::new();
    clap_complete::generate(shell, &mut Cli::command(), "gongwen", &mut out);
    print(output, &out)
}

/// `gongwen man`: the manual page, with every subcommand's options after the top level's.
fn man(output: Option<&Path>) -> Result<i32, Box<dyn std::error::Error>> {
    let cmd = Cli::command();
    let mut out = Vec::new();
    clap_mangen::Man::new(cmd.clone()).render(&mut out)?;
    for sub in cmd.get_subcommands().filter(|s| s.get_name() != "help") {
        let name = format!("gongwen {}", sub.get_name());
        let about = sub.get_about().map(|a| a.to_string()).unwrap_or_default();
        out.extend_from_slice(format!(".SH \"{}\"\n", name.to_uppercase()).as_bytes());
        out.extend_from_slice(format!("{}\n", roff_escape(&about)).as_bytes());
        let page = clap_mangen::Man::new(sub.clone().bin_name(name));
        for (title, part) in [("Synopsis", 0), ("Options", 1)] {
            let mut sec = Vec::new();
            if part == 0 {
                page.render_synopsis_section(&mut sec)?;
            } else {
                page.render_options_section(&mut sec)?;
            }
            // each section starts with its own `.SH`: a subsection of the subcommand's here
            let sec = String::from_utf8_lossy(&sec);
            out.extend_from_slice(format!(".SS {title}\n").as_bytes());
            for line in sec.lines().filter(|l| !l.starts_with(".SH")) {
                out.extend_from_slice(line.as_bytes());
                out.push(b'\n');
            }
        }
    }
    print(output, &out)
}

/// Text as roff reads it: backslashes doubled, a leading dot or quote made literal.
fn roff_escape(s: &str) -> String {
    let s = s.replace('\\', "\\\\");
    if s.starts_with('.') || s.starts_with('\'') {
        format!("\\&{s}")
    } else {
        s
    }
}

/// Print `bytes`: to the file `-o` names, atomically, or to standard output.
fn print(output: Option<&Path>, bytes: &[u8]) -> Result<i32, Box<dyn std::error::Error>> {
    output::write_file(output.unwrap_or(Path::new("-")), bytes, false)?;
    Ok(0)
}

/// Run the command line; returns the exit code.
pub fn run() -> i32 {
    let cli = match Cli::try_parse() {
        Ok(c) => c,
        Err(e) if e.use_stderr() => {
            // clap's `error: …`, in the form of every other error line
            let text = e.render().to_string();
            match text.strip_prefix("error: ") {
                Some(rest) => eprint!("{}", style::error_line(&rest)),
                None => eprint!("{text}"),
            }
            return EXIT_INPUT;
        }
        Err(e) => {
            // --help and --version
            let _ = e.print();
            return 0;
        }
    };
    style::set(cli.quiet, cli.verbose, cli.color);
    let read = match &cli.cmd {
        Cmd::Outline(a) => &a.read,
        Cmd::Parse(a) => &a.read,
        Cmd::Check(a) => &a.read,
        Cmd::Fix(a) => &a.read,
        Cmd::Convert(a) => &a.read,
        Cmd::Rules(_)
        | Cmd::Explain(_)
        | Cmd::Fonts(_)
        | Cmd::Completions { .. }
        | Cmd::Man { .. } => &ReadArgs::DEFAULT,
        Cmd::Jsonl(a) => &a.read,
    };
    match read.options() {
        Ok(o) => {
            let _ = READ_OPTIONS.set(o);
        }
        Err(e) => {
            style::error(&e);
            return EXIT_INPUT;
        }
    }
    let r = match cli.cmd {
        Cmd::Outline(a) => outline::outline(a),
        Cmd::Parse(a) => outline::parse(a),
        Cmd::Check(a) => check::run(a),
        Cmd::Fix(a) => fix::run(a),
        Cmd::Convert(a) => convert::run(a),
        Cmd::Rules(a) => explain::rules(a),
        Cmd::Explain(a) => explain::explain(a),
        Cmd::Completions { shell, output } => completions(shell, output.as_deref()),
        Cmd::Man { output } => man(output.as_deref()),
        Cmd::Jsonl(a) => jsonl::run(a),
        Cmd::Fonts(a) => fonts::run(a),
    };
    match r {
        Ok(code) => code,
        Err(e) => {
            style::error(&e);
            EXIT_INPUT
        }
    }
}

/// How the inputs of a command are read: `--encoding` and the limits. Every subcommand that
/// reads input has these flags.
#[derive(clap::Args, Clone, Debug, Default)]
pub(crate) struct ReadArgs {
    /// The encoding of input that is not UTF-8: gbk, gb18030, big5, utf-16le, utf-16be, …
    /// (default: detected). A byte-order mark and valid UTF-8 still decide first.
    #[arg(long, value_name = "NAME")]
    pub encoding: Option<String>,
    /// The largest input read, in bytes, or with K, M or G (KiB, MiB, GiB) [default: 256M].
    #[arg(long, value_name = "SIZE", value_parser = parse_size)]
    pub max_input: Option<u64>,
    /// The most a DOCX's text may inflate to [default: 512M].
    #[arg(long, value_name = "SIZE", value_parser = parse_size)]
    pub max_docx_size: Option<u64>,
    /// The most entries a DOCX's zip may have [default: 10000].
    #[arg(long, value_name = "N")]
    pub max_docx_entries: Option<u64>,
}

impl ReadArgs {
    /// No flags: the defaults, for the commands that read no input.
    const DEFAULT: ReadArgs = ReadArgs {
        encoding: None,
        max_input: None,
        max_docx_size: None,
        max_docx_entries: None,
    };

    /// The library's options for these flags.
    pub(crate) fn options(&self) -> Result<crate::ReadOptions, crate::Error> {
        let mut o = crate::ReadOptions::default();
        if let Some(e) = &self.encoding {
            o = o.with_encoding(e)?;
        }
        if let Some(n) = self.max_input {
            o = o.with_max_input(n);
        }
        if let Some(n) = self.max_docx_size {
            o = o.with_max_docx_uncompressed(n);
        }
        if let Some(n) = self.max_docx_entries {
            o = o.with_max_docx_entries(n);
        }
        Ok(o)
    }
}

/// A size: bytes, or a number with K, M or G (KiB, MiB, GiB; `KiB`, `MB` and the like too).
fn parse_size(s: &str) -> Result<u64, String> {
    let t = s.trim();
    let digits = t.find(|c: char| !c.is_ascii_digit()).unwrap_or(t.len());
    let n: u64 = t[..digits]
        .parse()
        .map_err(|_| format!("{s:?} is not a size (256M, 1G, 100000)"))?;
    let shift = match t[digits..].trim().to_ascii_lowercase().as_str() {
        "" | "b" => 0,
        "k" | "kb" | "kib" => 10,
        "m" | "mb" | "mib" => 20,
        "g" | "gb" | "gib" => 30,
        _ => return Err(format!("{s:?} is not a size (256M, 1G, 100000)")),
    };
    n.checked_mul(1 << shift)
        .ok_or_else(|| format!("{s:?} is too large"))
}

/// The read options of this run, set once from the command line: every input of the command
/// is read with them, through [`read_input`].
static READ_OPTIONS: std::sync::OnceLock<crate::ReadOptions> = std::sync::OnceLock::new();

/// Read the input a command was given: a path (any bytes, UTF-8 or not), or `-` for standard
/// input; `markdown` reads plain text as Markdown. A device or FIFO is read to its end like a
/// file, so `/dev/null` is an empty document. The encoding and limits are the command line's
/// (`--encoding`, `--max-input`, …), or the defaults outside [`run`]. The source is named by
/// the path, lossily where it is not UTF-8; messages show it with control characters escaped.
pub(crate) fn read_input(path: &Path, markdown: bool) -> Result<crate::Source, crate::Error> {
    let opts = READ_OPTIONS.get_or_init(Default::default);
    let src = if path.as_os_str() == "-" {
        crate::Source::from_reader("<stdin>", std::io::stdin().lock(), opts)?
    } else {
        let name = shown(path);
        let file = std::fs::File::open(path).map_err(|source| crate::Error::Read {
            path: name.clone(),
            source,
        })?;
        crate::Source::from_reader(name, file, opts)?.with_name(path.to_string_lossy())
    };
    let src = if markdown && src.format() == crate::Format::Text {
        src.with_format(crate::Format::Markdown)
    } else {
        src
    };
    if style::verbose() {
        style::note(&read_as(&src));
    }
    Ok(src)
}

/// How a source was read, as `--verbose` says it: `通知.txt: gb18030, 1234 bytes as text`.
fn read_as(src: &crate::Source) -> String {
    let bom = if src.has_bom() {
        " with a byte-order mark"
    } else {
        ""
    };
    let format = match src.format() {
        crate::Format::Markdown => "Markdown",
        crate::Format::Docx => "DOCX",
        crate::Format::Html => "HTML (as the Markdown made from it)",
        crate::Format::Text => "text",
    };
    format!(
        "{}: {}{bom}, {} bytes of text, read as {format}",
        src.name(),
        src.encoding(),
        src.text().len()
    )
}

/// The bytes to write back to the file `path`, read as `text`, for the fixed text `fixed`: in
/// the encoding it was read in, with its byte-order mark. The file is read again to learn
/// its encoding (the checked files carry only their text); one that no longer holds `text`
/// has changed since it was checked and is not written.
pub(crate) fn encode_as_read(
    path: &Path,
    text: &str,
    fixed: &str,
) -> Result<Vec<u8>, crate::Error> {
    let src = read_input(path, false)?;
    if src.text() != text {
        return Err(crate::Error::Write {
            path: shown(path),
            source: std::io::Error::other("it changed while it was being fixed; run fix again"),
        });
    }
    src.encode(fixed)
}

/// A path as messages show it: lossy where it is not UTF-8, control characters escaped.
pub(crate) fn shown(path: &Path) -> String {
    crate::check::render::shown_name(&path.to_string_lossy()).into_owned()
}

/// Write to standard output, treating a closed pipe as success.
pub(crate) fn stdout_result(r: std::io::Result<()>) -> Result<i32, Box<dyn std::error::Error>> {
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn example_read_input() {
        use std::path::Path;
        let src = crate::cli::read_input(Path::new("samples/通知.txt"), false).unwrap();
        assert_eq!(src.name(), "samples/通知.txt");
        let e = crate::cli::read_input(Path::new("no\nsuch.txt"), false).unwrap_err();
        assert!(e.to_string().starts_with("no\\nsuch.txt: cannot read:"));
    }

    #[test]
    fn sizes_and_the_documented_defaults() {
        assert_eq!(
            parse_size("256M"),
            Ok(crate::ReadOptions::DEFAULT_MAX_INPUT)
        );
        assert_eq!(
            parse_size("512MiB"),
            Ok(crate::ReadOptions::DEFAULT_MAX_DOCX_UNCOMPRESSED)
        );
        assert_eq!(parse_size("1 G"), Ok(1 << 30));
        assert_eq!(parse_size("100000"), Ok(100_000));
        assert!(parse_size("12X").is_err() && parse_size("M").is_err());
        assert!(parse_size("99999999999G").is_err());
    }
}

//! `gongwen outline` and `gongwen parse`.
//!
//! `outline` takes many inputs too (files, directories walked as `check` walks them, quoted
//! globs), outlined on `--jobs` threads and printed in input order. With more than one file:
//! TSV has its header once, with a first column `path`; JSON is one array of the files'
//! documents; YAML is a stream of documents, each after `---`; the tree and Markdown put a
//! line `==> PATH <==` before each file's outline, with a blank line between files. One file
//! is printed as it always was.

use super::batch::{self, JobsArgs, Progress};
use super::output::{commit, open_printed};
use super::walk::{leave_out_output, Found};
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
    /// The documents (.txt, .md, .html or .docx), directories or quoted globs, or - for
    /// standard input. With more than one, TSV gets a first column `path`, JSON an array,
    /// YAML one document each, and the tree and Markdown a line `==> PATH <==` before each.
    #[arg(required = true)]
    pub files: Vec<PathBuf>,
    /// Output format (default: tree on a terminal, tsv otherwise).
    #[arg(long, short)]
    pub format: Option<OutlineFormat>,
    /// Show levels down to N only [default: all].
    #[arg(long, value_name = "N", default_value_t = 0, hide_default_value = true)]
    pub depth: u8,
    /// Read the input as Markdown even without a .md extension.
    #[arg(long)]
    pub markdown: bool,
    /// Write the outline to FILE (atomically) instead of standard output.
    #[arg(short, long, value_name = "FILE")]
    pub output: Option<PathBuf>,
    #[command(flatten)]
    pub jobs: JobsArgs,
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
    /// Write the tree to FILE (atomically) instead of standard output.
    #[arg(short, long, value_name = "FILE")]
    pub output: Option<PathBuf>,
    #[command(flatten)]
    pub read: super::ReadArgs,
}

pub fn outline(a: OutlineArgs) -> Result<i32, Box<dyn std::error::Error>> {
    let start = std::time::Instant::now();
    let sink = open_printed(a.output.as_deref())?;
    let tty = sink.is_stdout() && std::io::stdout().is_terminal();
    let format = a.format.unwrap_or(if tty {
        OutlineFormat::Tree
    } else {
        OutlineFormat::Tsv
    });
    let opts = OutlineOptions {
        depth: a.depth,
        color: super::style::color_printed(sink.is_stdout()),
    };
    // a path that is no folder and no glob is read as it is, so that it fails as it reads
    let mut files = Vec::new();
    let mut errors = Vec::new();
    let mut configs = crate::check::config::ConfigCache::default();
    for p in &a.files {
        let folder = std::fs::metadata(p).is_ok_and(|m| m.is_dir());
        let glob = !p.exists() && p.to_string_lossy().contains(['*', '?', '[', '{']);
        if p.as_os_str() == "-" || !(folder || glob) {
            files.push(Found {
                path: p.clone(),
                named: true,
                rel: p.clone(),
            });
        } else {
            let (found, errs) = super::walk::files(std::slice::from_ref(p), &mut configs);
            files.extend(found);
            errors.extend(errs);
        }
    }
    if let Err(e) = leave_out_output(&mut files, a.output.as_deref(), |f| f) {
        super::style::error(&e);
        return Ok(super::EXIT_INPUT);
    }
    let files: Vec<PathBuf> = files.into_iter().map(|f| f.path).collect();
    let many = files.len() > 1;
    let inputs = files.len() + errors.len();
    let progress = Progress::new(files.len());
    for e in &errors {
        progress.eprintln(&super::style::error_line(&e));
    }
    let mut failed = errors.len();
    let mut w = std::io::BufWriter::new(sink);
    let work = |path: &PathBuf| -> Result<Vec<u8>, String> {
        let (src, doc) = batch::timed("read and parsed", path, || {
            let src = super::read_input(path, a.markdown)?;
            let doc = crate::parse(&src);
            Ok::<_, crate::Error>((src, doc))
        })
        .map_err(|e| e.to_string())?;
        let mut out = Vec::new();
        let r = match format {
            OutlineFormat::Tree => outline::terminal(&doc, &src, &opts, &mut out),
            OutlineFormat::Tsv => outline::tsv(&doc, &src, &opts, &mut out),
            OutlineFormat::Md => outline::markdown(&doc, &src, &opts, &mut out),
            OutlineFormat::Yaml => outline::yaml(&doc, &src, &opts, &mut out),
            OutlineFormat::Json => outline::json(&doc, &src, &opts, &mut out),
        };
        r.map_err(|e| format!("{}: {e}", src.name()))?;
        Ok(if many { part(format, path, out) } else { out })
    };
    let mut written = 0;
    let mut result = Ok(());
    batch::ordered(&files, a.jobs.threads(), work, |i, done| {
        progress.inc();
        let done = done.unwrap_or_else(|| {
            Err(format!(
                "{}: not outlined: an internal error (a bug; please report it)",
                super::shown(&files[i])
            ))
        });
        match done {
            Ok(out) => {
                let before = if !many {
                    &b""[..]
                } else {
                    match (format, written) {
                        (OutlineFormat::Tsv | OutlineFormat::Yaml, _) => &b""[..],
                        (OutlineFormat::Json, 0) => b"[\n",
                        (OutlineFormat::Json, _) => b",\n",
                        (_, 0) => b"",
                        (_, _) => b"\n",
                    }
                };
                // each file's TSV starts with the header, written once
                let skip = match out.iter().position(|&b| b == b'\n') {
                    Some(n) if many && written > 0 && matches!(format, OutlineFormat::Tsv) => n + 1,
                    _ => 0,
                };
                written += 1;
                result = w
                    .write_all(before)
                    .and_then(|_| w.write_all(&out[skip..]))
                    .and_then(|_| w.flush());
            }
            Err(e) => {
                failed += 1;
                progress.eprintln(&super::style::error_line(&e));
            }
        }
        result.is_ok()
    });
    progress.finish();
    if result.is_ok() && many && matches!(format, OutlineFormat::Json) {
        result = w.write_all(if written == 0 { b"[]\n" } else { b"\n]\n" });
    }
    super::stdout_result(result.and_then(|_| w.flush()))?;
    commit(w)?;
    batch::timing("outlined", inputs.saturating_sub(failed), start);
    if inputs > 1 {
        progress.summary(&batch::summary(inputs, failed, ""));
    }
    Ok(if failed > 0 { super::EXIT_INPUT } else { 0 })
}

/// One file's outline as a run over many shows it (see the module's documentation).
fn part(format: OutlineFormat, path: &std::path::Path, out: Vec<u8>) -> Vec<u8> {
    let name = super::shown(path);
    match format {
        OutlineFormat::Tsv => {
            let mut p = Vec::with_capacity(out.len() * 2);
            for (i, line) in out.split_inclusive(|&b| b == b'\n').enumerate() {
                p.extend_from_slice(if i == 0 { b"path" } else { name.as_bytes() });
                p.push(b'\t');
                p.extend_from_slice(line);
            }
            p
        }
        OutlineFormat::Json => {
            let mut p = b"  ".to_vec();
            let body = out.strip_suffix(b"\n").unwrap_or(&out);
            for &b in body {
                p.push(b);
                if b == b'\n' {
                    p.extend_from_slice(b"  ");
                }
            }
            p
        }
        OutlineFormat::Yaml => [&b"---\n"[..], &out].concat(),
        OutlineFormat::Tree | OutlineFormat::Md => {
            [format!("==> {name} <==\n").as_bytes(), &out].concat()
        }
    }
}

pub fn parse(a: ParseArgs) -> Result<i32, Box<dyn std::error::Error>> {
    let mut input = vec![Found {
        path: a.file.clone(),
        named: true,
        rel: a.file.clone(),
    }];
    if let Err(e) = leave_out_output(&mut input, a.output.as_deref(), |f| f) {
        super::style::error(&e);
        return Ok(super::EXIT_INPUT);
    }
    let sink = open_printed(a.output.as_deref())?;
    let src = super::read_input(&a.file, a.markdown)?;
    let doc = crate::parse(&src);
    let mut w = std::io::BufWriter::new(sink);
    let opts = DumpOptions::default();
    let r = match a.format {
        TreeFormat::Yaml => dump::yaml(&doc, &src, &opts, &mut w),
        TreeFormat::Json => dump::json(&doc, &src, &opts, &mut w),
    };
    super::stdout_result(r.and_then(|_| w.flush()))?;
    commit(w)?;
    Ok(0)
}

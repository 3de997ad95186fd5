//! `gongwen check`: report numbering and element problems like a compiler.
//!
//! The files are checked on `--jobs` threads and each file's findings are written as soon as it
//! and the files before it are done, in input order: memory is bounded by the files in flight,
//! not by the run. So are the JSON and SARIF documents, whose framing is written here around
//! each file's part. Their members are therefore in the order they are written, not sorted:
//! JSON `schema`, `files`, `errors`, `summary`; SARIF `columnKind`, `results`, `tool`,
//! `invocations` (the inputs that failed are known only at the end). Every part of a file is
//! what the library's renderer gives, and the GitHub and rdjson outputs are byte for byte what
//! it gives for the whole run; so is the human output, but for the input errors (a file that
//! cannot be read, an unknown rule in a comment), which every format prints on standard error
//! as `gongwen: error: PATH:LINE: message` as they come, and the human report leaves out. A
//! run over more than one file ends with a line on standard error: `N files, M failed`.
//! `-o FILE` writes the report to FILE, renamed over it once the run is done.

use super::batch::{self, JobsArgs, Progress};
use super::walk::{check_one, leave_out_output, plan, CheckedFile};
use crate::check::render::{self, FileReport, Report, ReportFormat};
use crate::check::Severity;
use clap::{Args, ValueEnum};
use serde_json::Value;
use std::io::{self, Write};
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
    /// Files, directories or quoted globs ('docs/**/*.txt'); .txt, .md and .docx are checked
    /// (default: the current directory).
    pub paths: Vec<PathBuf>,
    /// Output format.
    #[arg(long, short, value_enum, default_value = "human")]
    pub format: OutputFormat,
    /// Raise the failing severity: `--deny warnings` makes warnings fail the run.
    #[arg(long, value_enum)]
    pub deny: Option<Deny>,
    /// Check the layout of .docx files too, against GB/T 9704-2012: page, margins, 22 × 28,
    /// faces and sizes by role, first-line indents, page numbers (rules GW401–GW415; the
    /// figures practice disputes are `[layout]` settings in gongwen.toml).
    #[arg(long)]
    pub layout: bool,
    /// Use this configuration file instead of looking for gongwen.toml.
    #[arg(long)]
    pub config: Option<PathBuf>,
    /// Write the report to FILE (atomically) instead of standard output.
    #[arg(short, long, value_name = "FILE")]
    pub output: Option<PathBuf>,
    #[command(flatten)]
    pub jobs: JobsArgs,
    #[command(flatten)]
    pub read: super::ReadArgs,
}

/// What a file checked on a worker thread hands on: its part of the output, and what the
/// summary and the exit code need.
struct Done {
    part: Vec<u8>,
    errors: Vec<String>,
    counts: [usize; 3],
    fixable: usize,
}

pub fn run(a: CheckArgs) -> Result<i32, Box<dyn std::error::Error>> {
    let paths = if a.paths.is_empty() {
        vec![PathBuf::from(".")]
    } else {
        a.paths
    };
    let format = match a.format {
        OutputFormat::Human => ReportFormat::Human,
        OutputFormat::Json => ReportFormat::Json,
        OutputFormat::Github => ReportFormat::Github,
        OutputFormat::Sarif => ReportFormat::Sarif,
        OutputFormat::Rdjson => ReportFormat::Rdjson,
    };
    let start = std::time::Instant::now();
    let layout = a.layout;
    let sink = super::output::open_printed(a.output.as_deref())?;
    let color = format == ReportFormat::Human && super::style::color_printed(sink.is_stdout());
    let (mut planned, mut errors) = plan(&paths, a.config.as_deref());
    if let Err(e) = leave_out_output(&mut planned, a.output.as_deref(), |p| &p.found) {
        super::style::error(&e);
        return Ok(super::EXIT_INPUT);
    }
    let inputs = planned.len() + errors.len();
    let progress = Progress::new(planned.len());
    // every format has its input errors on standard error; the machine formats carry them
    // in the report too
    let say = |e: &str| progress.eprintln(&super::style::error_line(&e));
    for e in &errors {
        say(e);
    }
    let mut failed = errors.len();
    let mut w = io::BufWriter::new(sink);
    let mut frame = Frame::new(format);
    let mut r = frame.start(&mut w);
    let (mut counts, mut fixable, mut checked) = ([0; 3], 0, 0);
    batch::ordered(
        &planned,
        a.jobs.threads(),
        |p| {
            batch::timed("checked", &p.found.path, || {
                check_one(p, layout).map(|c| one(c, format, color))
            })
        },
        |i, done| {
            progress.inc();
            let done = done.ok_or_else(|| {
                format!(
                    "{}: not checked: an internal error (a bug; please report it)",
                    super::shown(&planned[i].found.path)
                )
            });
            match done.and_then(|d| d) {
                Ok(d) => {
                    checked += 1;
                    for (c, n) in counts.iter_mut().zip(d.counts) {
                        *c += n;
                    }
                    fixable += d.fixable;
                    for e in &d.errors {
                        say(e);
                    }
                    errors.extend(d.errors);
                    if r.is_ok() {
                        r = frame.part(&mut w, &d.part).and_then(|_| w.flush());
                    }
                }
                Err(e) => {
                    failed += 1;
                    say(&e);
                    errors.push(e);
                }
            }
            r.is_ok()
        },
    );
    progress.finish();
    let r = r.and_then(|_| frame.end(&mut w, &errors, counts, checked, fixable));
    let r = r.and_then(|_| w.flush());
    let [e, wn, _] = counts;
    batch::timing("checked", checked, start);
    if inputs > 1 {
        progress.summary(&batch::summary(
            inputs,
            failed,
            &format!(
                "; {e} error{}, {wn} warning{}",
                if e == 1 { "" } else { "s" },
                if wn == 1 { "" } else { "s" }
            ),
        ));
    }
    super::stdout_result(r)?;
    super::output::commit(w)?;
    let fail_at = match a.deny {
        Some(Deny::Warnings) => Severity::Warning,
        None => Severity::Error,
    };
    let worst = [Severity::Error, Severity::Warning, Severity::Info]
        .iter()
        .zip(counts)
        .any(|(s, n)| n > 0 && *s >= fail_at);
    Ok(if !errors.is_empty() {
        super::EXIT_INPUT
    } else if worst {
        1
    } else {
        0
    })
}

/// A file's part of the output, rendered on the worker thread.
fn one(c: CheckedFile, format: ReportFormat, color: bool) -> Done {
    let count = |s| {
        c.report
            .diagnostics
            .iter()
            .filter(|d| d.severity == s)
            .count()
    };
    let counts = [
        count(Severity::Error),
        count(Severity::Warning),
        count(Severity::Info),
    ];
    let fixable = c
        .report
        .diagnostics
        .iter()
        .filter(|d| d.fix.is_some())
        .count();
    // rendering into memory fails only where serialising does, which these values cannot
    let part = part(c.report, format, color).unwrap_or_default();
    Done {
        part,
        errors: c.errors,
        counts,
        fixable,
    }
}

/// One file as the library renders a run of it alone, cut to what belongs to the file.
fn part(f: FileReport, format: ReportFormat, color: bool) -> io::Result<Vec<u8>> {
    if format == ReportFormat::Sarif && f.diagnostics.is_empty() {
        return Ok(Vec::new());
    }
    let report = Report {
        files: vec![f],
        errors: vec![],
    };
    let mut out = Vec::new();
    render::render(&report, format, color, &mut out)?;
    match format {
        ReportFormat::Human => {
            // the summary line is the run's, written at the end
            drop_last_line(&mut out);
            Ok(out)
        }
        ReportFormat::Github => Ok(out),
        ReportFormat::Json => elements(&out, &["files"], 4),
        ReportFormat::Sarif => elements(&out, &["runs", "0", "results"], 8),
        ReportFormat::Rdjson => elements(&out, &["diagnostics"], 4),
    }
}

/// Remove the last line of `out`.
fn drop_last_line(out: &mut Vec<u8>) {
    if out.last() == Some(&b'\n') {
        out.pop();
    }
    let keep = out.iter().rposition(|&b| b == b'\n').map_or(0, |i| i + 1);
    out.truncate(keep);
}

/// The elements of the array at `at` in the JSON document `doc`, each pretty-printed as it
/// stands `indent` spaces deep, joined by `,\n`.
fn elements(doc: &[u8], at: &[&str], indent: usize) -> io::Result<Vec<u8>> {
    let v: Value = serde_json::from_slice(doc).map_err(io::Error::other)?;
    let mut node = &v;
    for k in at {
        node = match k.parse::<usize>() {
            Ok(i) => &node[i],
            Err(_) => &node[*k],
        };
    }
    let mut out = Vec::new();
    for (i, e) in node.as_array().into_iter().flatten().enumerate() {
        if i > 0 {
            out.extend_from_slice(b",\n");
        }
        out.extend(std::iter::repeat_n(b' ', indent));
        pretty_at(e, indent, &mut out)?;
    }
    Ok(out)
}

/// `v` pretty-printed as it stands `indent` spaces deep (its first line not indented). A JSON
/// string holds no raw newline, so every newline is a line of the layout.
fn pretty_at(v: &Value, indent: usize, out: &mut Vec<u8>) -> io::Result<()> {
    let s = serde_json::to_vec_pretty(v).map_err(io::Error::other)?;
    for &b in &s {
        out.push(b);
        if b == b'\n' {
            out.extend(std::iter::repeat_n(b' ', indent));
        }
    }
    Ok(())
}

/// What the library renders for a run with no file and these errors.
fn errors_only(errors: &[String], format: ReportFormat) -> io::Result<Vec<u8>> {
    let mut out = Vec::new();
    let report = Report {
        files: vec![],
        errors: errors.to_vec(),
    };
    render::render(&report, format, false, &mut out)?;
    Ok(out)
}

/// [`errors_only`] as a JSON value.
fn empty_run(format: ReportFormat, errors: &[String]) -> io::Result<Value> {
    serde_json::from_slice(&errors_only(errors, format)?).map_err(io::Error::other)
}

/// The framing of a streamed output: what comes before the first file's part, between parts
/// and after the last.
struct Frame {
    format: ReportFormat,
    parts: usize,
}

impl Frame {
    fn new(format: ReportFormat) -> Frame {
        Frame { format, parts: 0 }
    }

    fn start(&mut self, w: &mut impl Write) -> io::Result<()> {
        match self.format {
            ReportFormat::Json => {
                let schema = empty_run(self.format, &[])?["schema"].clone();
                write!(w, "{{\n  \"schema\": {schema},\n  \"files\": [")
            }
            ReportFormat::Sarif => {
                let v = empty_run(self.format, &[])?;
                write!(w, "{{\n  \"$schema\": {},\n  \"runs\": [\n    {{\n      \"columnKind\": {},\n      \"results\": [",
                    v["$schema"], v["runs"][0]["columnKind"])
            }
            ReportFormat::Rdjson => write!(w, "{{\n  \"diagnostics\": ["),
            _ => Ok(()),
        }
    }

    fn part(&mut self, w: &mut impl Write, part: &[u8]) -> io::Result<()> {
        if part.is_empty() {
            return Ok(());
        }
        if matches!(
            self.format,
            ReportFormat::Json | ReportFormat::Sarif | ReportFormat::Rdjson
        ) {
            w.write_all(if self.parts == 0 { b"\n" } else { b",\n" })?;
        }
        self.parts += 1;
        w.write_all(part)
    }

    /// Close the array of parts, `deep` spaces in.
    fn close(&self, w: &mut impl Write, deep: usize) -> io::Result<()> {
        if self.parts == 0 {
            return w.write_all(b"]");
        }
        writeln!(w)?;
        w.write_all(&vec![b' '; deep])?;
        w.write_all(b"]")
    }

    fn end(
        &mut self,
        w: &mut impl Write,
        errors: &[String],
        counts: [usize; 3],
        files: usize,
        fixable: usize,
    ) -> io::Result<()> {
        let field = |w: &mut dyn Write, key: &str, v: &Value, deep: usize| -> io::Result<()> {
            let mut out = Vec::new();
            pretty_at(v, deep, &mut out)?;
            write!(w, ",\n{}\"{key}\": ", " ".repeat(deep))?;
            w.write_all(&out)
        };
        match self.format {
            ReportFormat::Json => {
                self.close(w, 2)?;
                field(w, "errors", &serde_json::json!(errors), 2)?;
                let summary = serde_json::json!({
                    "files": files,
                    "error": counts[0],
                    "warning": counts[1],
                    "info": counts[2],
                });
                field(w, "summary", &summary, 2)?;
                w.write_all(b"\n}\n")
            }
            ReportFormat::Sarif => {
                self.close(w, 6)?;
                let v = empty_run(self.format, errors)?;
                field(w, "tool", &v["runs"][0]["tool"], 6)?;
                field(w, "invocations", &v["runs"][0]["invocations"], 6)?;
                write!(w, "\n    }}\n  ],\n  \"version\": {}\n}}\n", v["version"])
            }
            ReportFormat::Rdjson => {
                self.close(w, 2)?;
                let v = empty_run(self.format, errors)?;
                field(w, "source", &v["source"], 2)?;
                w.write_all(b"\n}\n")
            }
            ReportFormat::Github => w.write_all(&errors_only(errors, self.format)?),
            _ => {
                // the input errors went to standard error as they came: the run's summary
                render::human_summary(w, counts, files, fixable)
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::Arc;

    fn file(name: &str, text: &str) -> FileReport {
        FileReport::from_text(name, text, false, Arc::new(Default::default()))
    }

    /// The streamed output of these files and errors, and the library's for the whole run.
    fn both(format: ReportFormat, errors: &[&str]) -> (String, String) {
        let files = vec![
            file("a.txt", "一、甲\n三、乙\n"),
            file("b.txt", "一、甲\n二、乙\n"),
            file("c 通知.txt", "一、甲\n二.乙\n四、丙\n"),
        ];
        let errors: Vec<String> = errors.iter().map(|e| e.to_string()).collect();
        let mut whole = Vec::new();
        let report = Report {
            files: files.clone(),
            errors: errors.clone(),
        };
        render::render(&report, format, false, &mut whole).unwrap();
        let mut out = Vec::new();
        let mut frame = Frame::new(format);
        frame.start(&mut out).unwrap();
        let (mut counts, mut fixable) = ([0; 3], 0);
        for f in files {
            let d = one(
                CheckedFile {
                    report: f,
                    input: super::super::walk::Input {
                        path: "x".into(),
                        named: true,
                        docx: false,
                        html: false,
                    },
                    errors: vec![],
                },
                format,
                false,
            );
            for (c, n) in counts.iter_mut().zip(d.counts) {
                *c += n;
            }
            fixable += d.fixable;
            frame.part(&mut out, &d.part).unwrap();
        }
        frame.end(&mut out, &errors, counts, 3, fixable).unwrap();
        (
            String::from_utf8(out).unwrap(),
            String::from_utf8(whole).unwrap(),
        )
    }

    #[test]
    fn streamed_text_outputs_are_the_librarys_byte_for_byte() {
        for f in [
            ReportFormat::Human,
            ReportFormat::Github,
            ReportFormat::Rdjson,
        ] {
            for errors in [&[][..], &["x.txt: cannot read"][..]] {
                let (streamed, whole) = both(f, errors);
                // people read the input errors on standard error, not in the report
                let whole = if f == ReportFormat::Human {
                    whole.replace("error: x.txt: cannot read\n", "")
                } else {
                    whole
                };
                assert_eq!(streamed, whole, "{f:?}");
            }
        }
    }

    #[test]
    fn streamed_json_and_sarif_are_the_librarys_documents() {
        for f in [ReportFormat::Json, ReportFormat::Sarif] {
            for errors in [&[][..], &["x.txt: cannot read"][..]] {
                let (streamed, whole) = both(f, errors);
                let s: Value = serde_json::from_str(&streamed).expect(&streamed);
                let w: Value = serde_json::from_str(&whole).unwrap();
                assert_eq!(s, w, "{f:?}\n{streamed}");
                // and laid out as the library lays them out
                assert_eq!(
                    serde_json::to_string_pretty(&s).unwrap() + "\n",
                    whole,
                    "{f:?}"
                );
            }
        }
    }

    #[test]
    fn an_empty_run_streams_empty_arrays() {
        let mut out = Vec::new();
        let mut frame = Frame::new(ReportFormat::Json);
        frame.start(&mut out).unwrap();
        frame.end(&mut out, &[], [0; 3], 0, 0).unwrap();
        let v: Value = serde_json::from_slice(&out).unwrap();
        assert_eq!(v["files"], serde_json::json!([]));
        assert!(String::from_utf8(out).unwrap().contains("\"files\": [],"));
    }
}

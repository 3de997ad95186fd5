//! `gongwen jsonl --do outline|parse|check|convert`: a step in a data pipeline. Standard input
//! holds one JSON object a line, `{"id": …, "text": …}` or `{"id": …, "path": …}` (a text
//! record may say `"format": "text"`, `"markdown"` or `"html"`; a path record may say
//! `"markdown"` to read plain text as Markdown); standard output gets one JSON object a line,
//! in input order, each with the record's `id` as it was given:
//!
//! - `outline`: `{"id", "schema", "title", "rows", "summary"}`, the rows and summary of
//!   `outline --format json`;
//! - `parse`: `{"id", "tree"}`, the tree of `parse --format json`;
//! - `check`: `{"id", "schema", "path"?, "diagnostics"}`, a file's entry of
//!   `check --format json`;
//! - `convert`: `{"id", "docx": BASE64, "warnings"?}`, or with `--to md|yaml|json`
//!   `{"id", "md": TEXT}`, `{"id", "yaml": TEXT}` or `{"id", "json": TREE}`.
//!
//! A record that cannot be done (not JSON, no text or path, a file that cannot be read, a line
//! longer than `--max-input`) gives `{"id", "error": MESSAGE}`, its id `null` when it is not
//! known, and the stream goes on; blank lines are skipped. The run exits 0 unless standard
//! input itself cannot be read. Memory is bounded by the longest line, whatever the stream's
//! length: lines are read one at a time, and each result is written and flushed before the
//! next line is read.

use crate::check::config::{Config, ConfigCache};
use crate::check::render::{self, FileReport, Report, ReportFormat};
use crate::write::docx::{self, DocxOptions};
use crate::write::dump::{self, DumpOptions};
use crate::write::markdown::{self, MarkdownOptions};
use crate::write::outline::{self, Row, Summary, OUTLINE_SCHEMA};
use crate::write::relevel::{self, RelevelOptions};
use crate::{Format, Source};
use clap::{Args, ValueEnum};
use serde::Serialize;
use serde_json::Value;
use std::io::{self, BufRead, Write};
use std::path::{Path, PathBuf};

/// What is done to each record.
#[derive(Clone, Copy, ValueEnum, PartialEq, Eq, Debug)]
pub enum Do {
    /// The outline's rows and summary
    Outline,
    /// The whole tree
    Parse,
    /// The diagnostics of `check`
    Check,
    /// A DOCX as base64, or with --to the Markdown, YAML or JSON
    Convert,
}

/// What `--do convert` gives.
#[derive(Clone, Copy, ValueEnum, PartialEq, Eq, Debug)]
pub enum JsonlTo {
    /// A GB/T 9704 Word document, as base64
    Docx,
    /// CommonMark with YAML front matter (a Markdown input re-levelled)
    #[value(alias = "markdown")]
    Md,
    /// The document tree as YAML text
    #[value(alias = "yml")]
    Yaml,
    /// The document tree as a JSON object
    Json,
}

/// The flags of `gongwen jsonl`.
#[derive(Args)]
pub struct JsonlArgs {
    /// What to do with each record.
    #[arg(long = "do", value_enum)]
    pub action: Do,
    /// `--do convert`: the output format.
    #[arg(short = 't', long, value_enum, default_value = "docx")]
    pub to: JsonlTo,
    /// `--do outline`: show levels down to N only [default: all].
    #[arg(long, value_name = "N", default_value_t = 0, hide_default_value = true)]
    pub depth: u8,
    /// `--do check`: use this configuration file for every record (default: the gongwen.toml
    /// found for a path record's file, or for the working directory).
    #[arg(long)]
    pub config: Option<PathBuf>,
    /// Write the results to FILE instead of standard output, renamed over it when the input
    /// ends.
    #[arg(short, long, value_name = "FILE")]
    pub output: Option<PathBuf>,
    #[command(flatten)]
    pub read: super::ReadArgs,
}

/// Read records from standard input until it ends, writing a result line for each; 0, or
/// [`super::EXIT_INPUT`] when standard input cannot be read or `--config` cannot be loaded.
pub fn run(a: JsonlArgs) -> Result<i32, Box<dyn std::error::Error>> {
    let opts = a.read.options()?;
    let cap = usize::try_from(opts.max_input()).unwrap_or(usize::MAX);
    let mut configs = match &a.config {
        Some(p) => ConfigCache::fixed(Config::load(p)?),
        None => ConfigCache::default(),
    };
    let stdin = io::stdin();
    let mut input = stdin.lock();
    let mut w = io::BufWriter::new(super::output::open_printed(a.output.as_deref())?);
    let mut line = Vec::new();
    let mut out = Vec::new();
    loop {
        let fits = match read_line_capped(&mut input, &mut line, cap) {
            Ok(Some(f)) => f,
            Ok(None) => break,
            Err(e) => {
                let _ = w.flush();
                super::style::error(&format_args!("cannot read standard input: {e}"));
                return Ok(super::EXIT_INPUT);
            }
        };
        out.clear();
        if !fits {
            let id = leading_id(&line);
            let msg = format!("record larger than {cap} bytes (--max-input)");
            error_record(&id, &msg, &mut out);
        } else if line.iter().all(u8::is_ascii_whitespace) {
            continue;
        } else {
            one(&a, &mut configs, &line, &mut out);
        }
        let r = w.write_all(&out).and_then(|_| w.flush());
        if r.is_err() {
            return super::stdout_result(r);
        }
        // a long record's buffers are not kept for the short ones after it
        for b in [&mut line, &mut out] {
            if b.capacity() > 1 << 20 {
                *b = Vec::new();
            }
        }
    }
    super::stdout_result(w.flush())?;
    super::output::commit(w)?;
    Ok(0)
}

/// Read one line into `buf`, without its newline, keeping no more than `cap` bytes of it.
/// `None` at the end of the input; `Some(false)` when the line was longer than `cap`: it is
/// read to its end and dropped, only its first bytes kept (to find its id).
fn read_line_capped(
    r: &mut impl BufRead,
    buf: &mut Vec<u8>,
    cap: usize,
) -> io::Result<Option<bool>> {
    const KEPT: usize = 4096;
    buf.clear();
    let mut any = false;
    let mut fits = true;
    loop {
        let chunk = match r.fill_buf() {
            Ok(c) => c,
            Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
            Err(e) => return Err(e),
        };
        if chunk.is_empty() {
            return Ok(any.then_some(fits));
        }
        any = true;
        let (take, done) = match memchr::memchr(b'\n', chunk) {
            Some(i) => (i, true),
            None => (chunk.len(), false),
        };
        if fits && buf.len() + take > cap {
            fits = false;
            buf.truncate(KEPT);
        }
        if fits || buf.len() < KEPT {
            let room = if fits {
                take
            } else {
                take.min(KEPT - buf.len())
            };
            buf.extend_from_slice(&chunk[..room]);
        }
        r.consume(if done { take + 1 } else { take });
        if done {
            return Ok(Some(fits));
        }
    }
}

/// The id of a record cut short, when it leads the object: `{"id": 7, "text": …`.
fn leading_id(prefix: &[u8]) -> Value {
    let s = trim_ascii_start(prefix);
    let Some(s) = s.strip_prefix(b"{") else {
        return Value::Null;
    };
    let s = trim_ascii_start(s);
    let Some(s) = s.strip_prefix(b"\"id\"") else {
        return Value::Null;
    };
    let s = trim_ascii_start(s);
    let Some(s) = s.strip_prefix(b":") else {
        return Value::Null;
    };
    serde_json::Deserializer::from_slice(s)
        .into_iter::<Value>()
        .next()
        .and_then(Result::ok)
        .unwrap_or(Value::Null)
}

fn trim_ascii_start(s: &[u8]) -> &[u8] {
    let n = s.iter().take_while(|b| b.is_ascii_whitespace()).count();
    &s[n..]
}

/// A record's input, as it was asked for.
enum Input {
    Text { text: String, format: Format },
    Path { path: PathBuf, markdown: bool },
}

/// Do one line; its result, a line, goes into `out`.
fn one(a: &JsonlArgs, configs: &mut ConfigCache, line: &[u8], out: &mut Vec<u8>) {
    let mut v: Value = match serde_json::from_slice(line) {
        Ok(v) => v,
        Err(e) => return error_record(&Value::Null, &format!("not JSON: {e}"), out),
    };
    let Some(obj) = v.as_object_mut() else {
        return error_record(&Value::Null, "a record is a JSON object", out);
    };
    let id = obj.remove("id").unwrap_or(Value::Null);
    let r = input_of(obj).and_then(|input| {
        let src = read(&input)?;
        let path = match &input {
            Input::Path { path, .. } => Some(path.as_path()),
            Input::Text { .. } => None,
        };
        act(a, configs, &id, &src, path, out)
    });
    if let Err(msg) = r {
        out.clear();
        error_record(&id, &msg, out);
    }
}

/// What a record asks to be read.
fn input_of(obj: &mut serde_json::Map<String, Value>) -> Result<Input, String> {
    let format = match obj.get("format") {
        None | Some(Value::Null) => None,
        Some(Value::String(s)) => Some(match s.to_ascii_lowercase().as_str() {
            "text" | "txt" => Format::Text,
            "markdown" | "md" => Format::Markdown,
            "html" | "htm" => Format::Html,
            _ => return Err(format!("unknown format {s:?} (text, markdown or html)")),
        }),
        Some(_) => return Err("\"format\" is a string: text, markdown or html".into()),
    };
    match (obj.remove("text"), obj.remove("path")) {
        (Some(_), Some(_)) => Err("a record has \"text\" or \"path\", not both".into()),
        (Some(Value::String(text)), None) => Ok(Input::Text {
            text,
            format: format.unwrap_or(Format::Text),
        }),
        (None, Some(Value::String(p))) => match format {
            None | Some(Format::Markdown) => Ok(Input::Path {
                path: PathBuf::from(p),
                markdown: format.is_some(),
            }),
            Some(_) => Err(
                "a path record's format is found from its file; \"format\" may only be markdown"
                    .into(),
            ),
        },
        (Some(_), None) => Err("\"text\" is a string".into()),
        (None, Some(_)) => Err("\"path\" is a string".into()),
        (None, None) => Err("a record has \"text\" or \"path\"".into()),
    }
}

/// The source of a record: its text, or its file read as every command reads one.
fn read(input: &Input) -> Result<Source, String> {
    match input {
        Input::Text { text, format } => Ok(Source::from_str(text.as_str(), *format)),
        Input::Path { path, markdown } => {
            super::read_input(path, *markdown).map_err(|e| e.to_string())
        }
    }
}

#[derive(Serialize)]
struct OutlineRecord<'a> {
    id: &'a Value,
    schema: &'static str,
    title: Option<&'a str>,
    rows: Vec<Row>,
    summary: Summary,
}

#[derive(Serialize)]
struct ParseRecord<'a> {
    id: &'a Value,
    tree: &'a crate::Document,
}

#[derive(Serialize)]
struct CheckRecord<'a> {
    id: &'a Value,
    schema: &'a Value,
    #[serde(skip_serializing_if = "Option::is_none")]
    path: Option<&'a str>,
    diagnostics: &'a Value,
}

#[derive(Serialize, Default)]
struct ConvertRecord<'a> {
    id: &'a Value,
    #[serde(skip_serializing_if = "Option::is_none")]
    docx: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    md: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    yaml: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    json: Option<&'a crate::Document>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    warnings: Vec<String>,
}

/// Do the action on a source read from a record, the result line into `out`.
fn act(
    a: &JsonlArgs,
    configs: &mut ConfigCache,
    id: &Value,
    src: &Source,
    path: Option<&Path>,
    out: &mut Vec<u8>,
) -> Result<(), String> {
    let doc = crate::parse(src);
    let e = |e: serde_json::Error| e.to_string();
    match a.action {
        Do::Outline => {
            let mut rows = outline::rows(&doc, src);
            rows.retain(|r| a.depth == 0 || r.level <= a.depth);
            let rec = OutlineRecord {
                id,
                schema: OUTLINE_SCHEMA,
                title: doc.meta.title.as_deref(),
                rows,
                summary: outline::summary(&doc),
            };
            serde_json::to_writer(&mut *out, &rec).map_err(e)?;
        }
        Do::Parse => {
            serde_json::to_writer(&mut *out, &ParseRecord { id, tree: &doc }).map_err(e)?;
        }
        Do::Check => {
            let cfg = configs
                .for_file(path.unwrap_or(Path::new("<input>")))
                .map_err(|e| e.to_string())?;
            let diagnostics = crate::check::check(&doc, src, &cfg);
            let report = Report {
                files: vec![FileReport {
                    name: src.name().to_string(),
                    text: src.text().to_string(),
                    markdown: src.is_markdown(),
                    config: cfg,
                    diagnostics,
                }],
                errors: Vec::new(),
            };
            // the shape of `check --format json`, by its own writer
            let mut json = Vec::new();
            render::render(&report, ReportFormat::Json, false, &mut json)
                .map_err(|e| e.to_string())?;
            let v: Value = serde_json::from_slice(&json).map_err(e)?;
            let rec = CheckRecord {
                id,
                schema: &v["schema"],
                path: path.map(|_| src.name()),
                diagnostics: &v["files"][0]["diagnostics"],
            };
            serde_json::to_writer(&mut *out, &rec).map_err(e)?;
        }
        Do::Convert => {
            let mut rec = ConvertRecord {
                id,
                ..Default::default()
            };
            let mut bytes = Vec::new();
            let text = |bytes: Vec<u8>| String::from_utf8_lossy(&bytes).into_owned();
            match a.to {
                JsonlTo::Docx => {
                    let opts = DocxOptions {
                        base_dir: path.and_then(Path::parent).map(Path::to_path_buf),
                        ..Default::default()
                    };
                    rec.warnings = docx::write_with_warnings(&doc, src, &opts, &mut bytes)
                        .map_err(|e| e.to_string())?
                        .iter()
                        .map(ToString::to_string)
                        .collect();
                    rec.docx = Some(base64(&bytes));
                }
                // a Markdown input is re-levelled, as `convert` does
                JsonlTo::Md if src.is_markdown() => {
                    rec.md = Some(relevel::relevel(&doc, src, &RelevelOptions::default()));
                }
                JsonlTo::Md => {
                    markdown::write(&doc, src, &MarkdownOptions::default(), &mut bytes)
                        .map_err(|e| e.to_string())?;
                    rec.md = Some(text(bytes));
                }
                JsonlTo::Yaml => {
                    dump::yaml(&doc, src, &DumpOptions::default(), &mut bytes)
                        .map_err(|e| e.to_string())?;
                    rec.yaml = Some(text(bytes));
                }
                JsonlTo::Json => rec.json = Some(&doc),
            }
            serde_json::to_writer(&mut *out, &rec).map_err(e)?;
        }
    }
    out.push(b'\n');
    Ok(())
}

/// `{"id": …, "error": …}` into `out`.
fn error_record(id: &Value, msg: &str, out: &mut Vec<u8>) {
    #[derive(Serialize)]
    struct ErrorRecord<'a> {
        id: &'a Value,
        error: &'a str,
    }
    // a map of a Value and a str always serialises
    let _ = serde_json::to_writer(&mut *out, &ErrorRecord { id, error: msg });
    out.push(b'\n');
}

/// Standard base64 (RFC 4648, with padding).
fn base64(bytes: &[u8]) -> String {
    const ABC: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut s = String::with_capacity(bytes.len().div_ceil(3) * 4);
    for c in bytes.chunks(3) {
        let n = (u32::from(c[0]) << 16)
            | (u32::from(c.get(1).copied().unwrap_or(0)) << 8)
            | u32::from(c.get(2).copied().unwrap_or(0));
        let sextet = |k: u32| char::from(ABC[((n >> (18 - 6 * k)) & 63) as usize]);
        s.push(sextet(0));
        s.push(sextet(1));
        s.push(if c.len() > 1 { sextet(2) } else { '=' });
        s.push(if c.len() > 2 { sextet(3) } else { '=' });
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn base64_of_rfc4648_vectors() {
        for (raw, enc) in [
            ("", ""),
            ("f", "Zg=="),
            ("fo", "Zm8="),
            ("foo", "Zm9v"),
            ("foob", "Zm9vYg=="),
            ("fooba", "Zm9vYmE="),
            ("foobar", "Zm9vYmFy"),
        ] {
            assert_eq!(base64(raw.as_bytes()), enc);
        }
        assert_eq!(base64(&[0xff, 0xfe, 0xfd]), "//79");
    }

    #[test]
    fn lines_longer_than_the_cap_are_dropped_and_the_next_is_read() {
        let input = format!(
            "{{\"id\": 7, \"text\": \"{}\"}}\nshort\nlast",
            "x".repeat(10_000)
        );
        let mut r = io::BufReader::with_capacity(64, input.as_bytes());
        let mut buf = Vec::new();
        assert_eq!(
            read_line_capped(&mut r, &mut buf, 100).unwrap(),
            Some(false)
        );
        assert_eq!(leading_id(&buf), Value::from(7));
        assert_eq!(read_line_capped(&mut r, &mut buf, 100).unwrap(), Some(true));
        assert_eq!(buf, b"short");
        assert_eq!(read_line_capped(&mut r, &mut buf, 100).unwrap(), Some(true));
        assert_eq!(buf, b"last");
        assert_eq!(read_line_capped(&mut r, &mut buf, 100).unwrap(), None);
        assert_eq!(leading_id(b"{\"text\": 1}"), Value::Null);
    }
}

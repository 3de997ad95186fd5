//! Turning the command line's paths into files: directories are walked for .txt, .md and .docx,
//! honouring .gitignore and .gongwenignore; then each file is read, parsed and checked with the
//! configuration found for it.

use crate::check::config::{Config, ConfigCache};
use crate::check::render::{FileReport, Report};
use std::path::{Path, PathBuf};

/// The ignore file read in every directory, in .gitignore syntax.
pub(crate) const IGNORE_FILE: &str = ".gongwenignore";

fn wanted(p: &Path) -> bool {
    p.extension().and_then(|e| e.to_str()).is_some_and(|e| {
        ["txt", "md", "docx"]
            .iter()
            .any(|x| e.eq_ignore_ascii_case(x))
    })
}

/// A file found on the command line or in a walk.
#[derive(Debug)]
pub(crate) struct Found {
    /// The path, as given or as the walk found it.
    pub path: PathBuf,
    /// Named on the command line, not found in a folder.
    pub named: bool,
}

/// Expand paths into files: `-`, or anything that is not a folder (a file, a device such as
/// `/dev/null`, a FIFO), is taken as given; a folder is walked for its regular files. Returns
/// the files and the errors (a path that does not exist, an unreadable folder, a bad config).
pub(crate) fn files(paths: &[PathBuf], configs: &mut ConfigCache) -> (Vec<Found>, Vec<String>) {
    let mut out = Vec::new();
    let mut errors = Vec::new();
    for p in paths {
        let named = |path| Found { path, named: true };
        match std::fs::metadata(p) {
            _ if p.as_os_str() == "-" => out.push(named(p.clone())),
            Ok(m) if !m.is_dir() => out.push(named(p.clone())),
            Ok(_) => walk(p, configs, &mut out, &mut errors),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                errors.push(format!("{}: no such file or directory", super::shown(p)))
            }
            Err(e) => errors.push(format!("{}: {e}", super::shown(p))),
        }
    }
    (out, errors)
}

/// The regular .txt, .md and .docx files under `dir` that the ignore files and the
/// configuration select, in order.
fn walk(dir: &Path, configs: &mut ConfigCache, out: &mut Vec<Found>, errors: &mut Vec<String>) {
    let mut found: Vec<PathBuf> = Vec::new();
    let walker = ignore::WalkBuilder::new(dir)
        .add_custom_ignore_filename(IGNORE_FILE)
        .require_git(false)
        .build();
    for entry in walker {
        match entry {
            Ok(e) => {
                if e.file_type().is_some_and(|t| t.is_file()) && wanted(e.path()) {
                    found.push(e.into_path());
                }
            }
            Err(e) => errors.push(format!("{}: {e}", super::shown(dir))),
        }
    }
    found.sort();
    for f in found {
        match configs.for_file(&f) {
            Ok(c) if c.selects(&std::path::absolute(&f).unwrap_or_else(|_| f.clone())) => {
                out.push(Found {
                    path: f,
                    named: false,
                })
            }
            Ok(_) => {}
            Err(e) => errors.push(e.to_string()),
        }
    }
}

/// A disable or enable comment that names no rule is a usage error, like an unknown rule in
/// `gongwen.toml`: one message per word, with the file and line.
fn unknown_in_comments(name: &str, text: &str) -> Vec<String> {
    let sup = crate::check::suppress::Suppressions::scan(text);
    if sup.unknown().is_empty() {
        return Vec::new();
    }
    let idx = crate::LineIndex::new(text);
    sup.unknown()
        .iter()
        .map(|(at, w)| {
            format!(
                "{name}:{}: unknown rule {w:?} in a gongwen-disable or gongwen-enable comment",
                idx.line_of(*at)
            )
        })
        .collect()
}

/// What a check of paths found: the report, and for each of its files the path it was read
/// from (`inputs[i]` is `report.files[i]`), with what the renderers do not need.
#[derive(Debug, Default)]
pub(crate) struct Checked {
    /// The findings and the input errors.
    pub report: Report,
    /// The files of the report.
    pub inputs: Vec<Input>,
}

/// Where a checked file came from.
#[derive(Debug)]
pub(crate) struct Input {
    /// The path read.
    pub path: PathBuf,
    /// Named on the command line, not found in a folder.
    pub named: bool,
    /// Read as a DOCX: its text was extracted, and the file is not text.
    pub docx: bool,
    /// Read as an HTML page: its text was made from the page, and is not the file.
    pub html: bool,
}

/// Check paths: walk, read, parse and check every file. Input errors are collected and the
/// other files are still checked; so is a Markdown file whose disable or enable comment names
/// no rule, the comment being reported as an error.
pub(crate) fn check_paths(paths: &[PathBuf], config: Option<&Path>) -> Checked {
    let mut out = Checked::default();
    let report = &mut out.report;
    let mut configs = match config {
        Some(p) => match Config::load(p) {
            Ok(c) => ConfigCache::fixed(c),
            Err(e) => {
                report.errors.push(e.to_string());
                return out;
            }
        },
        None => ConfigCache::default(),
    };
    let (fs, errs) = files(paths, &mut configs);
    report.errors.extend(errs);
    for f in fs {
        let cfg = match configs.for_file(&f.path) {
            Ok(c) => c,
            Err(e) => {
                report.errors.push(e.to_string());
                continue;
            }
        };
        match super::read_input(&f.path, false) {
            Ok(input) => {
                let doc = crate::parse(&input);
                let diagnostics = crate::check::check_in(&doc, input.text(), &cfg);
                if input.is_markdown() {
                    let name = super::shown(&f.path);
                    report
                        .errors
                        .extend(unknown_in_comments(&name, input.text()));
                }
                report.files.push(FileReport {
                    name: input.name().to_string(),
                    text: input.text().to_string(),
                    markdown: input.is_markdown(),
                    config: cfg.clone(),
                    diagnostics,
                });
                out.inputs.push(Input {
                    path: f.path,
                    named: f.named,
                    docx: input.format() == crate::Format::Docx,
                    html: input.format() == crate::Format::Html,
                });
            }
            Err(e) => report.errors.push(e.to_string()),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn example_files() {
        let mut cache = ConfigCache::default();
        let (files, errors) = files(&["no-such-path".into()], &mut cache);
        assert!(files.is_empty() && errors.len() == 1);
    }

    #[test]
    fn example_check_paths() {
        let r = check_paths(&["no-such-file.txt".into()], None).report;
        assert_eq!(r.errors.len(), 1);
        assert_eq!(r.exit_code(crate::check::Severity::Error), 2);
    }

    #[test]
    fn a_comment_naming_no_rule_is_an_error_and_the_file_is_still_checked() {
        let d = tempfile::tempdir().unwrap();
        let good = d.path().join("good.md");
        let bad = d.path().join("bad.md");
        let text = "# 通知\n\n## 一、总则\n\n<!-- gongwen-disable GW101 -->\n\n## 三、附则\n";
        std::fs::write(&good, text).unwrap();
        std::fs::write(&bad, text.replace("GW101", "GW1O1")).unwrap();
        let r = check_paths(std::slice::from_ref(&good), None).report;
        assert!(r.errors.is_empty(), "{:?}", r.errors);
        assert!(r.files[0].diagnostics.is_empty());
        let name = bad.display().to_string();
        let r = check_paths(std::slice::from_ref(&bad), None).report;
        assert_eq!(
            r.errors,
            vec![format!(
                "{name}:5: unknown rule \"GW1O1\" in a gongwen-disable or gongwen-enable comment"
            )]
        );
        assert_eq!(
            r.files[0].diagnostics[0].rule,
            crate::check::Rule::NumberingGap
        );
        assert_eq!(r.exit_code(crate::check::Severity::Error), 2);
        // in plain text the comment is text, not a switch
        let txt = d.path().join("a.txt");
        std::fs::write(&txt, "一、总则\n<!-- gongwen-disable GW1O1 -->\n二、附则\n").unwrap();
        assert!(check_paths(&[txt], None).report.errors.is_empty());
    }
}

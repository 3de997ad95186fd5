//! Turning the command line's paths into files: directories are walked for .txt, .md and .docx,
//! honouring .gitignore and .gongwenignore, and a path that does not exist but holds `*`, `?`,
//! `[` or `{` is a glob (`docs/**/*.txt`, quoted so that the shell leaves it), matched against
//! the files the walk of its literal folder (`docs`) finds; then each file is read, parsed and
//! checked with the configuration found for it.

use crate::check::config::{Config, ConfigCache};
use crate::check::render::FileReport;
use std::path::{Path, PathBuf};
use std::sync::Arc;

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
    /// The path below the folder walked or the glob's folder (`sub/a.txt` for `docs/sub/a.txt`
    /// found in `docs`); for a file named on the command line, its file name. `convert
    /// --out-dir` lays its outputs out by it.
    pub rel: PathBuf,
}

/// Whether a path that does not exist is meant as a glob.
fn is_glob(p: &Path) -> bool {
    p.to_string_lossy().contains(['*', '?', '[', '{'])
}

/// Expand paths into files: `-`, or anything that is not a folder (a file, a device such as
/// `/dev/null`, a FIFO), is taken as given; a folder is walked for its regular files; a glob
/// selects among the files the walk of its folder finds. Returns the files and the errors (a
/// path that does not exist, a glob that matches nothing, an unreadable folder, a bad config).
pub(crate) fn files(paths: &[PathBuf], configs: &mut ConfigCache) -> (Vec<Found>, Vec<String>) {
    files_skipping(paths, configs, None)
}

/// [`files`], not walking into the folder `skip` (the output folder of `convert --out-dir`,
/// which a run over `.` would otherwise read back as input the next time).
pub(crate) fn files_skipping(
    paths: &[PathBuf],
    configs: &mut ConfigCache,
    skip: Option<&Path>,
) -> (Vec<Found>, Vec<String>) {
    let skip = skip.and_then(Place::of);
    let skip = skip.as_ref();
    let mut out = Vec::new();
    let mut errors = Vec::new();
    for p in paths {
        let named = |path: &PathBuf| Found {
            path: path.clone(),
            named: true,
            rel: PathBuf::from(path.file_name().unwrap_or(path.as_os_str())),
        };
        match std::fs::metadata(p) {
            _ if p.as_os_str() == "-" => out.push(named(p)),
            Ok(m) if !m.is_dir() => out.push(named(p)),
            Ok(_) => walk(p, None, skip, configs, &mut out, &mut errors),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound && is_glob(p) => {
                glob(p, skip, configs, &mut out, &mut errors)
            }
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                errors.push(format!("{}: no such file or directory", super::shown(p)))
            }
            Err(e) => errors.push(format!("{}: {e}", super::shown(p))),
        }
    }
    (out, errors)
}

/// The files a glob selects: its folder (the components before the first with a glob
/// character) is walked, and the files found whose path matches are kept. `*` stays within a
/// component; `**` crosses them.
fn glob(
    p: &Path,
    skip: Option<&Place>,
    configs: &mut ConfigCache,
    out: &mut Vec<Found>,
    errors: &mut Vec<String>,
) {
    // the walk names its files without `./`, and so the pattern is read
    let p = &without_dot(p);
    let pattern = p.to_string_lossy();
    let matcher = match globset::GlobBuilder::new(&pattern)
        .literal_separator(true)
        .build()
    {
        Ok(g) => g.compile_matcher(),
        Err(e) => {
            errors.push(format!("{}: not a glob: {e}", super::shown(p)));
            return;
        }
    };
    let mut base = PathBuf::new();
    for c in p.components() {
        if is_glob(Path::new(c.as_os_str())) {
            break;
        }
        base.push(c);
    }
    let before = out.len();
    walk(&base, Some(&matcher), skip, configs, out, errors);
    if out.len() == before {
        errors.push(format!("{}: no file matches", super::shown(p)));
    }
}

/// The regular .txt, .md and .docx files under `dir` (the current folder when empty) that the
/// ignore files and the configuration select, and the glob when there is one, in order.
fn walk(
    dir: &Path,
    glob: Option<&globset::GlobMatcher>,
    skip: Option<&Place>,
    configs: &mut ConfigCache,
    out: &mut Vec<Found>,
    errors: &mut Vec<String>,
) {
    // the files are named without `./`: `a.txt` in `.`, `docs/a.txt` in `./docs`
    let dir = &without_dot(dir);
    let here = dir.as_os_str().is_empty();
    let root = if here { Path::new(".") } else { dir.as_path() };
    let mut found: Vec<PathBuf> = Vec::new();
    let skip = skip.cloned();
    let walker = ignore::WalkBuilder::new(root)
        .add_custom_ignore_filename(IGNORE_FILE)
        .require_git(false)
        .filter_entry(move |e| {
            !(e.depth() > 0
                && e.file_type().is_some_and(|t| t.is_dir())
                && skip.as_ref().is_some_and(|s| s.is(e.path())))
        })
        .build();
    for entry in walker {
        match entry {
            Ok(e) => {
                if e.file_type().is_some_and(|t| t.is_file()) && wanted(e.path()) {
                    let path = without_dot(e.path());
                    if glob.is_none_or(|g| g.is_match(&path)) {
                        found.push(path);
                    }
                }
            }
            Err(e) => errors.push(format!("{}: {e}", super::shown(root))),
        }
    }
    found.sort();
    for f in found {
        match configs.for_file(&f) {
            Ok(c) if c.selects(&std::path::absolute(&f).unwrap_or_else(|_| f.clone())) => {
                let rel = match f.strip_prefix(dir) {
                    Ok(r) if !here && !r.as_os_str().is_empty() => r.to_path_buf(),
                    _ => f.clone(),
                };
                out.push(Found {
                    path: f,
                    named: false,
                    rel,
                })
            }
            Ok(_) => {}
            Err(e) => errors.push(e.to_string()),
        }
    }
}

/// Where `-o` writes, among a command's inputs: a file found in a folder is left out (it is
/// the report of an earlier run, written into the folder walked), and a file named on the
/// command line is an error, since writing the output would destroy it. Standard output, a
/// device or a file that does not exist yet is never an input.
pub(crate) fn leave_out_output<T>(
    inputs: &mut Vec<T>,
    output: Option<&Path>,
    found: impl Fn(&T) -> &Found,
) -> Result<(), String> {
    let Some(out) = output.filter(|o| o.as_os_str() != "-") else {
        return Ok(());
    };
    let Some(place) = Place::at(out).filter(|_| std::fs::metadata(out).is_ok_and(|m| m.is_file()))
    else {
        return Ok(());
    };
    if let Some(f) = inputs
        .iter()
        .map(&found)
        .find(|f| f.named && place.is(&f.path))
    {
        return Err(format!(
            "{}: it is an input too; refusing to write the output over it",
            super::shown(&f.path)
        ));
    }
    inputs.retain(|i| !place.is(&found(i).path));
    Ok(())
}

/// `path` without its leading `./` (`./docs/a.txt` is `docs/a.txt`, `.` is empty).
fn without_dot(path: &Path) -> PathBuf {
    let mut p = path;
    while let Ok(rest) = p.strip_prefix(".") {
        if rest == p {
            break;
        }
        p = rest;
    }
    p.to_path_buf()
}

/// A file or folder, known by what it is rather than by how a path names it.
#[derive(Clone, Debug)]
pub(crate) struct Place {
    #[cfg(unix)]
    id: (u64, u64),
    #[cfg(not(unix))]
    path: PathBuf,
}

impl Place {
    /// The folder at `path`, if there is one.
    fn of(path: &Path) -> Option<Place> {
        Place::at(path).filter(|_| std::fs::metadata(path).is_ok_and(|m| m.is_dir()))
    }

    /// What `path` names, if it exists.
    pub(crate) fn at(path: &Path) -> Option<Place> {
        #[cfg(unix)]
        {
            use std::os::unix::fs::MetadataExt;
            let m = std::fs::metadata(path).ok()?;
            Some(Place {
                id: (m.dev(), m.ino()),
            })
        }
        #[cfg(not(unix))]
        {
            Some(Place {
                path: path.canonicalize().ok()?,
            })
        }
    }

    /// Whether `path` names this file or folder.
    pub(crate) fn is(&self, path: &Path) -> bool {
        #[cfg(unix)]
        {
            Place::at(path).is_some_and(|f| f.id == self.id)
        }
        #[cfg(not(unix))]
        {
            path.canonicalize().is_ok_and(|p| p == self.path)
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
            let (line, col) = idx.char_col(text, *at);
            format!(
                "{name}:{line}:{col}: unknown rule {w:?} in a gongwen-disable or gongwen-enable \
                 comment"
            )
        })
        .collect()
}

/// What a check of paths found: the report, and for each of its files the path it was read
/// from (`inputs[i]` is `report.files[i]`), with what the renderers do not need.
#[cfg(test)]
#[derive(Debug, Default)]
pub(crate) struct Checked {
    /// The findings and the input errors.
    pub report: crate::check::render::Report,
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

/// A file to check, with the configuration that applies to it or why none could be read.
#[derive(Debug)]
pub(crate) struct Planned {
    /// The file.
    pub found: Found,
    /// Its configuration.
    pub config: Result<Arc<Config>, String>,
}

/// Expand the paths into the files to check, each with its configuration; the errors are
/// those of the expansion (and of `--config`, which leaves no file to check).
pub(crate) fn plan(paths: &[PathBuf], config: Option<&Path>) -> (Vec<Planned>, Vec<String>) {
    let mut configs = match config {
        Some(p) => match Config::load(p) {
            Ok(c) => ConfigCache::fixed(c),
            Err(e) => return (Vec::new(), vec![e.to_string()]),
        },
        None => ConfigCache::default(),
    };
    let (fs, errs) = files(paths, &mut configs);
    let planned = fs
        .into_iter()
        .map(|found| Planned {
            config: configs.for_file(&found.path).map_err(|e| e.to_string()),
            found,
        })
        .collect();
    (planned, errs)
}

/// One file checked: its findings, where it came from, and the errors found in it (a disable
/// or enable comment that names no rule); the file is checked all the same.
#[derive(Debug)]
pub(crate) struct CheckedFile {
    /// The findings.
    pub report: FileReport,
    /// Where it came from.
    pub input: Input,
    /// Errors in it.
    pub errors: Vec<String>,
}

/// Read, parse and check one planned file; the error is the message for a file that could not
/// be read or configured. With `layout`, a DOCX's layout is checked too
/// ([`crate::check::layout`]).
pub(crate) fn check_one(p: &Planned, layout: bool) -> Result<CheckedFile, String> {
    let cfg = p.config.clone()?;
    let f = &p.found;
    let input = super::read_input(&f.path, false).map_err(|e| e.to_string())?;
    let doc = crate::parse(&input);
    let mut diagnostics = crate::check::check_in(&doc, input.text(), &cfg);
    if layout {
        diagnostics.extend(crate::check::layout::check(&input, &doc, &cfg));
        diagnostics.sort_by_key(|d| (d.span.start, d.rule));
    }
    let errors = if input.is_markdown() {
        unknown_in_comments(&super::shown(&f.path), input.text())
    } else {
        Vec::new()
    };
    Ok(CheckedFile {
        report: FileReport {
            name: input.name().to_string(),
            text: input.text().to_string(),
            markdown: input.is_markdown(),
            config: cfg,
            diagnostics,
        },
        input: Input {
            path: f.path.clone(),
            named: f.named,
            docx: input.format() == crate::Format::Docx,
            html: input.format() == crate::Format::Html,
        },
        errors,
    })
}

/// Check paths: walk, read, parse and check every file. Input errors are collected and the
/// other files are still checked; so is a Markdown file whose disable or enable comment names
/// no rule, the comment being reported as an error. The commands stream instead, through
/// [`plan`] and [`check_one`]; this holds the whole run.
#[cfg(test)]
pub(crate) fn check_paths(paths: &[PathBuf], config: Option<&Path>) -> Checked {
    let mut out = Checked::default();
    let (planned, errs) = plan(paths, config);
    out.report.errors.extend(errs);
    for p in &planned {
        match check_one(p, false) {
            Ok(c) => {
                out.report.errors.extend(c.errors);
                out.report.files.push(c.report);
                out.inputs.push(c.input);
            }
            Err(e) => out.report.errors.push(e),
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
                "{name}:5:22: unknown rule \"GW1O1\" in a gongwen-disable or gongwen-enable comment"
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

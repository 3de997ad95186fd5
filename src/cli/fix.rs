//! `gongwen fix`: apply the mechanical fixes in place, or show them (`--diff`), or only say
//! whether anything would change (`--check`).

use super::output::write_atomic;
use super::walk::check_paths;
use crate::check::fix::fix_text;
use clap::Args;
use std::io::Write;
use std::path::{Path, PathBuf};

#[derive(Args)]
pub struct FixArgs {
    /// Files or directories (.txt and .md; default: the current directory).
    pub paths: Vec<String>,
    /// Print a unified diff and change nothing.
    #[arg(long)]
    pub diff: bool,
    /// Change nothing; exit 1 if anything would change.
    #[arg(long)]
    pub check: bool,
    /// Use this configuration file instead of looking for gongwen.toml.
    #[arg(long)]
    pub config: Option<PathBuf>,
    #[command(flatten)]
    pub read: super::ReadArgs,
}

pub fn run(a: FixArgs) -> Result<i32, Box<dyn std::error::Error>> {
    let paths = if a.paths.is_empty() {
        vec![".".to_string()]
    } else {
        a.paths
    };
    let report = check_paths(&paths, a.config.as_deref());
    let mut failed = !report.errors.is_empty();
    for e in &report.errors {
        eprintln!("gongwen: {e}");
    }
    let stdout = std::io::stdout();
    let mut w = std::io::BufWriter::new(stdout.lock());
    let mut changed = 0;
    for f in &report.files {
        if f.diagnostics.iter().all(|d| d.fix.is_none()) {
            continue;
        }
        let fixed = fix_text(&f.text, f.markdown, &f.config);
        if fixed == f.text {
            continue;
        }
        changed += 1;
        if a.diff {
            super::stdout_result(w.write_all(unified_diff(&f.name, &f.text, &fixed).as_bytes()))?;
        } else if a.check {
            eprintln!("would fix {}", f.name);
        } else if f.name == "<stdin>" {
            super::stdout_result(w.write_all(fixed.as_bytes()))?;
        } else if is_docx(&f.name) {
            eprintln!(
                "gongwen: {}: a DOCX is not rewritten in place; `gongwen fix --diff` shows the fixes to make in its source",
                f.name
            );
            failed = true;
        } else if let Err(e) = super::encode_as_read(&f.name, &f.text, &fixed).and_then(|b| {
            write_atomic(Path::new(&f.name), &b).map_err(|source| crate::Error::Write {
                path: f.name.clone(),
                source,
            })
        }) {
            eprintln!("gongwen: {e}");
            failed = true;
        } else {
            eprintln!("fixed {}", f.name);
        }
    }
    super::stdout_result(w.flush())?;
    if failed {
        return Ok(super::EXIT_INPUT);
    }
    Ok(if a.check && changed > 0 { 1 } else { 0 })
}

/// Whether the file on disk is a DOCX (a zip), whose text was extracted rather than read.
fn is_docx(name: &str) -> bool {
    use std::io::Read;
    let mut head = [0u8; 4];
    std::fs::File::open(name)
        .and_then(|mut f| f.read_exact(&mut head))
        .is_ok_and(|_| head == *b"PK\x03\x04")
}

/// A unified diff between the text as it is and as fixed.
fn unified_diff(name: &str, old: &str, new: &str) -> String {
    let name = name.trim_start_matches("./").trim_start_matches('/');
    similar::TextDiff::from_lines(old, new)
        .unified_diff()
        .context_radius(2)
        .header(&format!("a/{name}"), &format!("b/{name}"))
        .to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn diff_names_both_sides() {
        let d = unified_diff("./a.txt", "一、甲\n三、乙\n", "一、甲\n二、乙\n");
        assert!(d.starts_with("--- a/a.txt\n+++ b/a.txt\n"), "{d}");
        assert!(d.contains("-三、乙") && d.contains("+二、乙"));
    }
}

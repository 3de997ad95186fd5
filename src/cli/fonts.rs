//! `gongwen fonts`: the typefaces a converted DOCX names, whether this machine has each (and
//! its fallback), and the face fontconfig gives in its place, which is what LibreOffice shows
//! on Linux. A page rendered without the GB/T faces shows one substitute at every level, so
//! this tells why a rendered title looks like the body.

use super::convert::{FontsArg, StyleArg};
use crate::write::docx::{self, DocxOptions};
use clap::Args;
use std::collections::BTreeSet;
use std::path::PathBuf;
use std::process::Command;

#[derive(Args)]
pub struct FontsArgs {
    /// The layout whose faces are listed.
    #[arg(long, value_enum, default_value = "gbt")]
    pub style: StyleArg,
    /// The names the faces are given (as `convert --fonts`).
    #[arg(long, value_enum, default_value = "gb2312")]
    pub fonts: FontsArg,
    /// Write the list to FILE (atomically) instead of standard output.
    #[arg(short, long, value_name = "FILE")]
    pub output: Option<PathBuf>,
}

/// The family names fontconfig knows (every localised name of each family), or `None` without
/// `fc-list`.
fn installed() -> Option<BTreeSet<String>> {
    let out = Command::new("fc-list")
        .args([":", "family"])
        .output()
        .ok()?;
    if !out.status.success() {
        return None;
    }
    Some(
        String::from_utf8_lossy(&out.stdout)
            .lines()
            .flat_map(|l| l.split(','))
            .map(|f| f.trim().replace("\\-", "-"))
            .filter(|f| !f.is_empty())
            .collect(),
    )
}

/// The family fontconfig gives for `name` in Chinese text (what LibreOffice shows its CJK
/// characters in).
fn matched(name: &str) -> Option<String> {
    let out = Command::new("fc-match")
        .args(["-f", "%{family}", &format!("{name}:lang=zh-cn")])
        .output()
        .ok()?;
    let s = String::from_utf8_lossy(&out.stdout);
    let first = s.split(',').next()?.trim();
    (!first.is_empty()).then(|| first.to_string())
}

pub fn run(a: FontsArgs) -> Result<i32, Box<dyn std::error::Error>> {
    let opts = DocxOptions {
        style: a.style.into(),
        fonts: a.fonts.into(),
        ..Default::default()
    };
    let faces = docx::typefaces(&opts);
    let have = installed();
    let mut out = String::new();
    let mut missing = 0;
    for f in &faces {
        out.push_str(&format!("{}  ({})\n", f.name, f.roles.join(", ")));
        let Some(have) = &have else {
            continue;
        };
        if have.contains(f.name) {
            out.push_str("  installed\n");
            continue;
        }
        missing += 1;
        match f.fallback {
            Some(fb) if have.contains(fb) => {
                out.push_str(&format!("  not installed; its fallback {fb} is\n"));
            }
            Some(fb) => out.push_str(&format!(
                "  not installed, nor its fallback {fb}; shown as {}\n",
                matched(f.name).unwrap_or_else(|| "?".into())
            )),
            None => out.push_str(&format!(
                "  not installed; shown as {}\n",
                matched(f.name).unwrap_or_else(|| "?".into())
            )),
        }
    }
    match &have {
        None => out.push_str(
            "\nfc-list was not found, so which faces this machine has cannot be told; Word and \
             WPS substitute by the font table's fallbacks.\n",
        ),
        Some(_) if missing > 0 => out.push_str(&format!(
            "\n{missing} of {} faces missing: a page rendered here (LibreOffice, PDF, PNG) shows \
             the substitutes above, not the layout's faces; install the faces, or read the \
             rendering for positions and sizes only.\n",
            faces.len()
        )),
        Some(_) => out.push_str(&format!("\nall {} faces installed.\n", faces.len())),
    }
    super::print(a.output.as_deref(), out.as_bytes())
}

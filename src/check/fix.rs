//! Applying fixes: non-overlapping byte edits, repeated until nothing changes, written back
//! atomically; or shown as a unified diff.

use super::{check_text, Config, Diagnostic, Edit};
use std::io::Write;
use std::path::Path;

/// The edits of all fixes, sorted, with duplicates merged and overlapping edits dropped (the
/// earlier one wins; the next round picks up what is left).
///
/// ```
/// use gongwen::check::{fix::edits, Diagnostic};
/// let d = gongwen::check::check_text("一、甲\n三、乙\n", false, &Default::default());
/// assert_eq!(edits(&d).len(), 1);
/// ```
pub fn edits(diags: &[Diagnostic]) -> Vec<Edit> {
    let mut all: Vec<Edit> = diags
        .iter()
        .filter_map(|d| d.fix.as_ref())
        .flat_map(|f| f.edits.iter().cloned())
        .collect();
    all.sort();
    all.dedup();
    let mut out: Vec<Edit> = Vec::with_capacity(all.len());
    for e in all {
        if let Some(last) = out.last() {
            if e.span.start < last.span.end
                || (e.span.start == last.span.start
                    && e.span.is_empty() == last.span.is_empty()
                    && e.span.is_empty())
            {
                continue;
            }
        }
        out.push(e);
    }
    out
}

/// Apply sorted, non-overlapping edits to a text. Edits that fall outside the text or off a
/// character boundary are skipped.
///
/// ```
/// use gongwen::check::{fix::apply, Edit};
/// let e = Edit { span: gongwen::Span::new(3, 6), replacement: "二".into() };
/// assert_eq!(apply("一、一、", &[e]), "一二一、");
/// ```
pub fn apply(src: &str, edits: &[Edit]) -> String {
    let mut out = String::with_capacity(src.len());
    let mut at = 0;
    for e in edits {
        let r = e.span.range();
        if r.start < at || src.get(r.clone()).is_none() {
            continue;
        }
        out.push_str(&src[at..r.start]);
        out.push_str(&e.replacement);
        at = r.end;
    }
    out.push_str(&src[at..]);
    out
}

/// Fix a text: check, apply the mechanical fixes, and repeat until nothing changes (at most a
/// few rounds), so that fixing the result again changes nothing.
///
/// ```
/// let src = "一、甲\n（一）乙\n(二)、丙\n三. 丁\n";
/// let fixed = gongwen::check::fix::fix_text(src, false, &Default::default());
/// assert_eq!(fixed, "一、甲\n（一）乙\n（二）丙\n二、 丁\n");
/// ```
pub fn fix_text(src: &str, markdown: bool, cfg: &Config) -> String {
    let mut text = src.to_string();
    for _ in 0..8 {
        let diags = check_text(&text, markdown, cfg);
        let es = edits(&diags);
        if es.is_empty() {
            break;
        }
        let next = apply(&text, &es);
        if next == text {
            break;
        }
        text = next;
    }
    text
}

/// Replace a file's content atomically (a temporary file in the same directory, then a
/// rename), keeping its permissions.
///
/// ```no_run
/// gongwen::check::fix::write_atomic(std::path::Path::new("report.txt"), "一、总则\n").unwrap();
/// ```
pub fn write_atomic(path: &Path, text: &str) -> std::io::Result<()> {
    let dir = match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d,
        _ => Path::new("."),
    };
    let perms = std::fs::metadata(path).map(|m| m.permissions()).ok();
    let mut tmp = tempfile::NamedTempFile::new_in(dir)?;
    tmp.write_all(text.as_bytes())?;
    tmp.as_file().sync_all()?;
    if let Some(p) = perms {
        std::fs::set_permissions(tmp.path(), p)?;
    }
    tmp.persist(path).map_err(|e| e.error)?;
    Ok(())
}

/// A unified diff between the text as it is and as fixed.
///
/// ```
/// let d = gongwen::check::fix::unified_diff("a.txt", "一、甲\n三、乙\n", "一、甲\n二、乙\n");
/// assert!(d.contains("-三、乙") && d.contains("+二、乙"));
/// ```
pub fn unified_diff(name: &str, old: &str, new: &str) -> String {
    let name = name.trim_start_matches("./").trim_start_matches('/');
    similar::TextDiff::from_lines(old, new)
        .unified_diff()
        .context_radius(2)
        .header(&format!("a/{name}"), &format!("b/{name}"))
        .to_string()
}

//! Applying fixes: non-overlapping byte edits, repeated until nothing changes.

use super::{check_text, Config, Diagnostic, Edit};

/// The edits of all fixes, sorted, with duplicates merged and overlapping edits dropped (the
/// earlier one wins; the next round picks up what is left).
pub(crate) fn edits(diags: &[Diagnostic]) -> Vec<Edit> {
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

/// Apply the fixes of `diags` to `text` once: their edits merged, overlapping ones left for a
/// later round. [`fix`] repeats this until nothing changes.
///
/// ```
/// use gongwen::check::{apply, check, Config};
/// use gongwen::{parse, Format, Source};
/// let src = Source::from_str("一、甲\n三、乙\n", Format::Text);
/// let d = check(&parse(&src), &src, &Config::default());
/// assert_eq!(apply(src.text(), &d), "一、甲\n二、乙\n");
/// ```
pub fn apply(text: &str, diags: &[Diagnostic]) -> String {
    apply_edits(text, &edits(diags))
}

/// Apply sorted, non-overlapping edits to a text. Edits that fall outside the text or off a
/// character boundary are skipped.
pub(crate) fn apply_edits(src: &str, edits: &[Edit]) -> String {
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

/// Fix a source: check it, apply the mechanical fixes, and repeat until nothing changes (at
/// most a few rounds), so that fixing the result again changes nothing. Only the bytes the
/// fixes name change.
///
/// ```
/// use gongwen::check::{fix, Config};
/// use gongwen::{Format, Source};
/// let src = Source::from_str("一、甲\n（一）乙\n(二)、丙\n三. 丁\n", Format::Text);
/// assert_eq!(fix(&src, &Config::default()), "一、甲\n（一）乙\n（二）丙\n二、 丁\n");
/// ```
pub fn fix(src: &crate::Source, cfg: &Config) -> String {
    fix_text(src.text(), src.is_markdown(), cfg)
}

/// [`fix`] on a text, read as Markdown when `markdown`.
pub(crate) fn fix_text(src: &str, markdown: bool, cfg: &Config) -> String {
    let mut text = src.to_string();
    for _ in 0..8 {
        let diags = check_text(&text, markdown, cfg);
        let es = edits(&diags);
        if es.is_empty() {
            break;
        }
        let next = apply_edits(&text, &es);
        if next == text {
            break;
        }
        text = next;
    }
    text
}

//! Applying fixes: the byte edits of the findings, which do not overlap, round by round until
//! a check finds nothing more to fix (nearly always after one).

use super::{check_text, Config, Diagnostic, Edit};

/// The edits of all fixes, sorted. The rules give no two edits that overlap; should they, the
/// earlier one wins and the next round picks up what is left.
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
/// later round. [`fix`] repeats this until a check finds nothing to fix.
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

/// Fix a source: check it, apply the fixes of what it reports, and check again, until a check
/// finds nothing to fix, so that fixing the result again changes nothing. Each round changes
/// only the bytes its findings' fixes name. Every rule's fix is complete, so the second check
/// nearly always only confirms; where a fix changes how the document reads (renumbering 二、 to
/// 一、 makes a following bare `二 标题` the next heading), the next round fixes what that
/// shows. At most 8 rounds.
///
/// ```
/// use gongwen::check::{fix, Config};
/// use gongwen::{Format, Source};
/// let src = Source::from_str("一、甲\n（一）乙\n(二)、丙\n三. 丁\n", Format::Text);
/// assert_eq!(fix(&src, &Config::default()), "一、甲\n（一）乙\n（二）丙\n二、 丁\n");
/// // an elision after a marker is content, not punctuation
/// let src = Source::from_str("一、甲\n（二）......主要内容略\n", Format::Text);
/// assert_eq!(fix(&src, &Config::default()), "一、甲\n（一）......主要内容略\n");
/// ```
pub fn fix(src: &crate::Source, cfg: &Config) -> String {
    fix_text(src.text(), src.is_markdown(), cfg)
}

/// The most rounds of check and apply [`fix`] makes.
const ROUNDS: usize = 8;

/// [`fix`] on a text, read as Markdown when `markdown`.
pub(crate) fn fix_text(src: &str, markdown: bool, cfg: &Config) -> String {
    let mut text = src.to_string();
    for _ in 0..ROUNDS {
        let es = edits(&check_text(&text, markdown, cfg));
        if es.is_empty() {
            break;
        }
        text = apply_edits(&text, &es);
    }
    text
}

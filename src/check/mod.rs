//! Checking heading numbering and document elements, and fixing what is mechanical.
//!
//! Every rule reads the [`Document`] tree the core parser built; none of them re-parses the
//! document. A rule emits [`Diagnostic`]s with a stable code (GW101 …), a message in Chinese
//! with an English gloss, and, where the repair is mechanical, a [`Fix`] made of byte-range
//! [`Edit`]s. Spans are bytes; lines and columns are computed only by the renderers in
//! [`render`].
//!
//! A fix is exact: it edits the bytes its finding names (its span, or for a renumbering the
//! markers its message counts) and nothing else; no two edits overlap; no edit lies where a
//! `gongwen-disable` comment switches its rule off; an elision (`……`, `......`) is never
//! punctuation to a fix. A fix is complete: what it writes is read back with the grammar's own
//! parsers where that decides how the next check reads it, so that checking the fixed text
//! finds nothing more to fix (a fix that changes how the document reads, such as a renumbering
//! after which a bare `二 标题` continues the sequence, can show something new, which the next
//! round of [`fix`] repairs).
//!
//! ```
//! use gongwen::check::{check, fix, Config, Rule};
//! use gongwen::{parse, Format, Source};
//! let src = Source::from_str("关于加强管理的通知\n一、总体要求\n二、主要任务\n四、保障措施\n", Format::Text);
//! let diags = check(&parse(&src), &src, &Config::default());
//! assert_eq!(diags[0].rule, Rule::NumberingGap);
//! assert_eq!(fix(&src, &Config::default()), src.text().replace("四、", "三、"));
//! ```

pub(crate) mod config;
pub(crate) mod fix;
#[cfg(feature = "docx")]
pub mod layout;
pub mod render;
mod renumber;
mod rule;
mod rules;
pub(crate) mod suppress;

#[cfg(feature = "docx")]
pub use config::LayoutSettings;
pub use config::{ArabicDot, Config, House};
pub use fix::{apply, fix};
pub use rule::Rule;

use crate::tree::build::ParseOptions;
use crate::tree::vocabulary::Numerals;
use crate::tree::{Block, Document};
use crate::Span;
use serde::Serialize;

/// How serious a finding is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// Worth knowing; never fails a run.
    Info,
    /// Fails a run only with `--deny warnings`.
    Warning,
    /// Fails a run.
    Error,
}

impl Severity {
    /// The lower-case name (`error`, `warning`, `info`).
    ///
    /// ```
    /// assert_eq!(gongwen::check::Severity::Warning.as_str(), "warning");
    /// ```
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Info => "info",
            Severity::Warning => "warning",
            Severity::Error => "error",
        }
    }
}

/// Replace the bytes of `span` with `replacement`.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
pub struct Edit {
    /// The byte range replaced.
    pub span: Span,
    /// What goes there.
    pub replacement: String,
}

/// A machine-applicable repair: edits that do not overlap.
///
/// ```
/// use gongwen::check::{Edit, Fix};
/// let f = Fix { edits: vec![Edit { span: gongwen::Span::new(3, 4), replacement: "、".into() }] };
/// assert_eq!(f.edits.len(), 1);
/// ```
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Fix {
    /// The edits, in source order.
    pub edits: Vec<Edit>,
}

/// One finding.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Diagnostic {
    /// The rule (serialized as its code, GW101).
    pub rule: Rule,
    /// The severity after configuration.
    pub severity: Severity,
    /// Where, in bytes.
    pub span: Span,
    /// The message in Chinese.
    pub message_zh: String,
    /// The English gloss.
    pub message_en: String,
    /// The repair, when it is mechanical.
    pub fix: Option<Fix>,
}

/// What the rules see: the source, its tree, the house rules, which rules will be reported
/// where (the configuration and the disable comments), and where findings go.
pub(crate) struct Ctx<'a> {
    pub src: &'a str,
    pub doc: &'a Document,
    pub house: &'a House,
    cfg: &'a Config,
    sup: &'a suppress::Suppressions,
    out: Vec<Diagnostic>,
}

impl<'a> Ctx<'a> {
    /// Record a finding of `rule` with its default severity.
    pub fn emit(&mut self, rule: Rule, span: Span, zh: String, en: String, fix: Option<Fix>) {
        let severity = rule.default_severity();
        // a finding holds its messages and edits, and nothing besides (a formatted message
        // is written into more room than it takes)
        let (mut zh, mut en) = (zh, en);
        zh.shrink_to_fit();
        en.shrink_to_fit();
        // an edit that writes what is there already changes nothing, and is no fix
        let fix = fix
            .map(|mut f| {
                f.edits.retain(|e| self.text(e.span) != e.replacement);
                f.edits.shrink_to_fit();
                f
            })
            .filter(|f| !f.edits.is_empty());
        self.out.push(Diagnostic {
            rule,
            severity,
            span,
            message_zh: zh,
            message_en: en,
            fix,
        });
    }

    /// Whether a finding of `rule` at byte `at` will be reported: the rule is on in the
    /// configuration and not switched off there by a disable comment.
    pub fn reported(&self, rule: Rule, at: usize) -> bool {
        self.cfg.severity(rule).is_some() && !self.switched_off(rule, at)
    }

    /// Whether `rule` is switched off at byte `at` by a disable comment (Markdown only).
    pub fn switched_off(&self, rule: Rule, at: usize) -> bool {
        self.sup.is_suppressed(rule, at)
    }

    /// The source text of a span ("" when the span is out of range).
    pub fn text(&self, span: Span) -> &'a str {
        self.src.get(span.range()).unwrap_or("")
    }
}

/// Run every rule over `doc`, parsed from `src`, then apply the configuration (severity, off)
/// and inline suppression comments (Markdown only). Sorted by position.
///
/// ```
/// use gongwen::check::{check, Config, Rule};
/// use gongwen::{parse, Format, Source};
/// let src = Source::from_str("一、总则\n（一）、范围\n", Format::Text);
/// let d = check(&parse(&src), &src, &Config::default());
/// assert!(d.iter().any(|d| d.rule == Rule::StrayPunctuation));
/// ```
pub fn check(doc: &Document, src: &crate::Source, cfg: &Config) -> Vec<Diagnostic> {
    check_in(doc, src.text(), cfg)
}

/// [`check`] on the text `src` of `doc`.
pub(crate) fn check_in(doc: &Document, src: &str, cfg: &Config) -> Vec<Diagnostic> {
    let sup = if doc.meta.input.markdown {
        suppress::Suppressions::scan(src)
    } else {
        suppress::Suppressions::default()
    };
    let mut cx = Ctx {
        src,
        doc,
        house: &cfg.house,
        cfg,
        sup: &sup,
        out: Vec::new(),
    };
    rules::run(&mut cx);
    let mut out = cx.out;
    out.retain_mut(|d| match cfg.severity(d.rule) {
        Some(s) => {
            d.severity = s;
            !sup.is_suppressed(d.rule, d.span.start)
        }
        None => false,
    });
    // no fix reaches where its rule is switched off (the renumberings stop there themselves)
    for d in &mut out {
        let f = d.fix.as_ref();
        if f.is_some_and(|f| {
            f.edits
                .iter()
                .any(|e| sup.is_suppressed(d.rule, e.span.start))
        }) {
            d.fix = None;
        }
    }
    generated_numbers(doc, &mut out);
    out.sort_by_key(|d| (d.span.start, d.rule));
    out.dedup_by(|a, b| a.rule == b.rule && a.span == b.span);
    out
}

/// A finding on a number Word's automatic numbering made says so, and has no fix: the number
/// is not in the file's text, so only Word's numbering (or the list's settings) can change it.
fn generated_numbers(doc: &Document, out: &mut [Diagnostic]) {
    let mut made: Vec<Span> = Vec::new();
    doc.walk(&mut |b, _| {
        if let crate::tree::Block::Section(s) = b {
            if let Some(m) = s.marker.as_ref().filter(|m| m.generated) {
                made.push(m.span);
            }
        }
    });
    if made.is_empty() {
        return;
    }
    made.sort_unstable();
    let touches = |sp: Span| {
        let i = made.partition_point(|m| m.end <= sp.start);
        made.get(i).is_some_and(|m| {
            m.start < sp.end.max(sp.start + 1) && sp.start < m.end.max(m.start + 1)
        })
    };
    for d in out.iter_mut() {
        let fix_touches = d
            .fix
            .as_ref()
            .is_some_and(|f| f.edits.iter().any(|e| touches(e.span)));
        if touches(d.span) {
            d.message_zh.push_str("（该编号由 Word 自动编号生成）");
            d.message_en
                .push_str(" (the number is made by Word's automatic numbering)");
            d.fix = None;
        }
        if fix_touches {
            d.fix = None;
        }
    }
}

/// Parse `src` (as Markdown when `markdown`) and check it.
pub(crate) fn check_text(src: &str, markdown: bool, cfg: &Config) -> Vec<Diagnostic> {
    let doc = crate::tree::build::parse(
        src,
        &ParseOptions {
            markdown,
            ..Default::default()
        },
    );
    check_in(&doc, src, cfg)
}

/// Lists of sibling blocks: the root and every section's, point's and quotation's children; of
/// a list, the blocks its items hold, taken together (`- 一是…` / `- 二是…` is one series).
pub(crate) fn containers(doc: &Document) -> Vec<Vec<&Block>> {
    let mut v: Vec<Vec<&Block>> = vec![doc.blocks.iter().collect()];
    doc.walk(&mut |b, _| match b {
        Block::List(l) => v.push(l.items.iter().flat_map(|i| i.children()).collect()),
        Block::Item(_) => {}
        _ if !b.children().is_empty() => v.push(b.children().iter().collect()),
        _ => {}
    });
    v
}

/// True for a block that starts a new document inside this one (an attached document's title
/// or its 附件 label), where numbering restarts.
pub(crate) fn starts_attached(b: &Block) -> bool {
    matches!(
        b,
        Block::Subtitle(_)
            | Block::Title(_)
            | Block::Attachment(crate::tree::Attachment {
                kind: crate::tree::AttachmentKind::Label,
                ..
            })
    )
}

/// True when the block holds cut content: a whole-line elision or a paywall notice.
pub(crate) fn has_cut(b: &Block) -> bool {
    match b {
        Block::Elision(_) => true,
        Block::Chrome(c) => c.kind == crate::tree::ChromeKind::Paywall,
        _ => b.children().iter().any(has_cut),
    }
}

/// The byte range of the number inside a marker's source text: the first run of digits or
/// Chinese numerals (the last run for decimals such as 1.2.3).
pub(crate) fn numeral_span(src: &str, span: Span, last: bool) -> Option<Span> {
    let s = src.get(span.range())?;
    let mut runs: Vec<(usize, usize)> = Vec::new();
    let mut cur: Option<(usize, usize, u8)> = None;
    for (i, c) in s.char_indices() {
        let class = numeral_class(c);
        match (cur, class) {
            (Some((a, _, k)), Some(k2)) if k == k2 && k != 3 => {
                cur = Some((a, i + c.len_utf8(), k))
            }
            (_, Some(k2)) => {
                if let Some((a, b, _)) = cur {
                    runs.push((a, b));
                }
                cur = Some((i, i + c.len_utf8(), k2));
            }
            (Some((a, b, _)), None) => {
                runs.push((a, b));
                cur = None;
            }
            (None, None) => {}
        }
    }
    if let Some((a, b, _)) = cur {
        runs.push((a, b));
    }
    let (a, b) = if last { runs.last()? } else { runs.first()? };
    Some(Span::new(span.start + a, span.start + b))
}

/// The class of a numeral character for finding runs: the digits (ASCII or full-width) are
/// one, the Chinese numerals another; a circled number is a run of its own.
fn numeral_class(c: char) -> Option<u8> {
    Numerals::of(c).map(|n| match n {
        Numerals::Ascii | Numerals::FullWidth => 1,
        Numerals::Chinese => 2,
        Numerals::Circled => 3,
    })
}

/// Write `n` the way the numeral `old` is written: Chinese, ASCII or full-width digits, circled.
pub(crate) fn render_like(old: &str, n: u32) -> String {
    let first = old.chars().next().unwrap_or('1');
    Numerals::of(first).unwrap_or(Numerals::Ascii).render(n)
}

/// [`render_like`], when what it writes reads back as `n`: Chinese numerals stop at 9999 and
/// circled numbers at ⑳, and past them there is no way to write `n` like `old`.
pub(crate) fn render_exact(old: &str, n: u32) -> Option<String> {
    use crate::grammar::numeral::{arabic, circled, cn_value};
    let s = render_like(old, n);
    let back = match Numerals::of(old.chars().next()?)? {
        Numerals::Chinese => cn_value(&s),
        Numerals::Ascii | Numerals::FullWidth => arabic(&s).ok().map(|(_, v)| v),
        Numerals::Circled => circled(&s).ok().map(|(_, v)| v),
    };
    (back == Some(n)).then_some(s)
}

/// The source of a marker before its punctuation, when it is what shows there: no markup sits
/// inside it, so that an edit of its source is an edit of what shows. Markup may follow it,
/// before the punctuation (`（四)<!-- x -->，`).
pub(crate) fn plain_head<'a>(cx: &Ctx<'a>, m: &crate::tree::Marker) -> Option<&'a str> {
    let shows = m.raw.strip_suffix(m.punct.as_str())?;
    let head = cx.text(Span::new(m.span.start, m.span.start + shows.len()));
    (head == shows && m.span.start + shows.len() <= m.punct_span.start).then_some(head)
}

/// The source text of the line from `start` up to and including the first character at or
/// after `end` (none at the end of the line): a marker with what decides how it reads.
pub(crate) fn with_next_char(src: &str, start: usize, end: usize) -> Option<&str> {
    let next = src.get(end..)?.chars().next();
    let next = next
        .filter(|c| !matches!(c, '\n' | '\r'))
        .map_or(0, char::len_utf8);
    src.get(start..end + next)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numerals_in_markers() {
        let s = "（十二）、第三章1.2.3①";
        let n = numeral_span(s, Span::new(0, "（十二）、".len()), false).unwrap();
        assert_eq!(n.text(s), "十二");
        let off = "（十二）、".len();
        let n = numeral_span(s, Span::new(off, off + "第三章".len()), false).unwrap();
        assert_eq!(n.text(s), "三");
        let off2 = off + "第三章".len();
        let n = numeral_span(s, Span::new(off2, off2 + 5), true).unwrap();
        assert_eq!(n.text(s), "3");
        assert_eq!(render_like("十二", 4), "四");
        assert_eq!(render_like("１２", 4), "４");
        assert_eq!(render_like("②", 4), "④");
        assert_eq!(render_exact("十二", 999).as_deref(), Some("九百九十九"));
        assert_eq!(render_exact("十二", 1010).as_deref(), Some("一千零一十"));
        assert_eq!(render_exact("十二", 10000), None);
        assert_eq!(render_exact("②", 21), None);
        assert_eq!(render_exact("１２", 1000).as_deref(), Some("１０００"));
        assert_eq!(with_next_char("一 甲\n", 0, 3), Some("一 "));
        assert_eq!(with_next_char("一\n", 0, 3), Some("一"));
    }
}

//! Sibling numbering (GW101–GW104): within each container, headings of one family form a
//! sequence that must run 1, 2, 3 … The fix renumbers the whole sequence. The sequences of
//! 编/章/节 are found the same way and reported as GW151 in `gw15x_statute.rs`.

use crate::check::{has_cut, numeral_span, render_like, starts_attached, Ctx, Edit, Fix, Rule};
use crate::tree::vocabulary::cn_render;
use crate::tree::Family;
use crate::tree::{Block, Marker, Section};
use crate::Span;

/// One sibling sequence: sections of one family under one parent, with whether content was
/// cut (elided) between consecutive members.
pub(crate) struct Group<'a> {
    pub family: Family,
    pub members: Vec<&'a Section>,
    /// `cut[i]`: content was elided between member i-1 and member i.
    pub cut: Vec<bool>,
}

/// Every sibling sequence of a list of blocks and, recursively, of their children.
pub(crate) fn groups_of<'a>(blocks: &'a [Block], out: &mut Vec<Group<'a>>) {
    // split the list into segments at attached-document starts
    let mut open: Vec<(Family, Vec<u32>, Group<'a>, usize)> = Vec::new();
    let flush = |open: &mut Vec<(Family, Vec<u32>, Group<'a>, usize)>, out: &mut Vec<Group<'a>>| {
        for (_, _, g, _) in open.drain(..) {
            out.push(g);
        }
    };
    for (i, b) in blocks.iter().enumerate() {
        if starts_attached(b) {
            flush(&mut open, out);
            continue;
        }
        if let Block::Section(s) = b {
            if let Some(m) = &s.marker {
                if m.family != Family::Unnumbered && m.family != Family::Article {
                    let key_parents = m.parents.clone();
                    match open
                        .iter_mut()
                        .find(|(f, p, _, _)| *f == m.family && *p == key_parents)
                    {
                        Some((_, _, g, last)) => {
                            let between = blocks[*last..i].iter().any(has_cut);
                            g.members.push(s);
                            g.cut.push(between);
                            *last = i;
                        }
                        None => open.push((
                            m.family,
                            key_parents,
                            Group {
                                family: m.family,
                                members: vec![s],
                                cut: vec![false],
                            },
                            i,
                        )),
                    }
                }
            }
        }
    }
    flush(&mut open, out);
    for b in blocks {
        groups_of(b.children(), out);
    }
}

/// The edit each member needs to renumber a sequence to 1..n (none where it already has its
/// number), keeping each marker's own way of writing numerals; `None` when a marker's number
/// cannot be located.
pub(crate) fn renumber(cx: &Ctx, members: &[&Section]) -> Option<Vec<Option<Edit>>> {
    let mut edits = Vec::with_capacity(members.len());
    for (i, s) in members.iter().enumerate() {
        let m = s.marker.as_ref()?;
        let want = i as u32 + 1;
        if m.ordinal == want {
            edits.push(None);
            continue;
        }
        let decimal = matches!(m.family, Family::Decimal2 | Family::Decimal3);
        let num = numeral_span(cx.src, m.span, decimal)?;
        edits.push(Some(Edit {
            span: num,
            replacement: render_like(cx.text(num), want),
        }));
    }
    Some(edits)
}

fn show(f: Family, n: u32) -> String {
    match f {
        Family::Decimal2 | Family::Decimal3 => n.to_string(),
        Family::CnComma => cn_render(n),
        _ => f.render(n),
    }
}

/// How a member breaks its sequence 1, 2, 3 …
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Break {
    /// The first member is not 1.
    Start,
    /// The member repeats the number before it.
    Repeat,
    /// The member starts again at 1.
    Restart,
    /// The member skips numbers.
    Gap,
    /// The member goes back below the number before it.
    Backwards,
}

/// A member that breaks its sequence: how, where, the messages (Chinese, English), and the
/// fix that renumbers the sequence from this member up to the next that breaks it.
pub(crate) type Finding = (Break, Span, String, String, Option<Fix>);

/// The members of a sequence that break it, in order. Renumbering the sequence 1..n is shared
/// out among them: each finding's fix renumbers its own member and those after it up to the
/// next finding (the members before the first are right already), so that the fixes of all the
/// findings together renumber the sequence, and a sequence of n members costs n edits, not n²
/// as one whole-sequence fix on every finding did. No fix when content was cut (elided) inside
/// the sequence: the missing members may be in the cut.
pub(crate) fn breaks(cx: &Ctx, g: &Group) -> Vec<Finding> {
    let mut out: Vec<Finding> = Vec::new();
    let mut at: Vec<usize> = Vec::new();
    for (i, kind, zh, en) in sequence_breaks(g) {
        let span = g.members[i]
            .marker
            .as_ref()
            .map_or(g.members[i].span, |m| m.span);
        out.push((kind, span, zh, en, None));
        at.push(i);
    }
    if g.cut.iter().any(|&c| c) {
        return out;
    }
    let Some(edits) = renumber(cx, &g.members) else {
        return out;
    };
    for (k, f) in out.iter_mut().enumerate() {
        let end = at.get(k + 1).copied().unwrap_or(edits.len());
        let mine: Vec<Edit> = edits[at[k]..end].iter().flatten().cloned().collect();
        f.4 = Some(Fix { edits: mine });
    }
    out
}

/// The members that break a sequence: their index, how, and the messages.
fn sequence_breaks(g: &Group) -> Vec<(usize, Break, String, String)> {
    let mut out = Vec::new();
    let mut prev: Option<u32> = None;
    for (i, s) in g.members.iter().enumerate() {
        let Some(m) = &s.marker else { continue };
        let n = m.ordinal;
        let expected = prev.map_or(1, |p| p + 1);
        if n == expected {
            prev = Some(n);
            continue;
        }
        let kind = match prev {
            None => Break::Start,
            Some(p) if n == p => Break::Repeat,
            Some(_) if n == 1 => Break::Restart,
            Some(_) if n > expected => Break::Gap,
            Some(_) => Break::Backwards,
        };
        let (zh, en) = message(kind, g.family, m, expected, g.cut[i]);
        out.push((i, kind, zh, en));
        prev = Some(n);
    }
    out
}

/// The Chinese message and its English gloss for a member `m` that breaks its sequence where
/// `expected` was due; `cut` when content was elided just before it.
fn message(kind: Break, f: Family, m: &Marker, expected: u32, cut: bool) -> (String, String) {
    let raw = m.raw.trim();
    let want = show(f, expected);
    match kind {
        Break::Start => (
            format!("同级序号应从{}开始，这里是{raw}", show(f, 1)),
            format!("the sequence starts at {raw} instead of {}", show(f, 1)),
        ),
        Break::Repeat => (
            format!("序号{raw}重复，应为{want}"),
            format!("{raw} repeats the previous number; expected {want}"),
        ),
        Break::Restart => (
            format!("序号在同一上级下重新从{raw}开始，应为{want}"),
            format!("numbering restarts at {raw} under the same parent; expected {want}"),
        ),
        Break::Gap => (
            format!(
                "序号跳号：{}之后应为{want}，这里是{raw}{}",
                show(f, expected - 1),
                if cut {
                    "（其前有删节内容）"
                } else {
                    ""
                }
            ),
            format!(
                "numbering skips from {} to {raw}{}",
                show(f, expected - 1),
                if cut { " (after elided content)" } else { "" }
            ),
        ),
        Break::Backwards => (
            format!("序号倒序：{}之后应为{want}", show(f, expected - 1)),
            format!("numbering goes backwards to {raw}; expected {want}"),
        ),
    }
}

/// GW101–GW104 on every sequence except those of 编/章/节.
pub(crate) fn check(cx: &mut Ctx) {
    let mut gs = Vec::new();
    groups_of(&cx.doc.blocks, &mut gs);
    for g in gs.iter().filter(|g| !g.family.is_statute()) {
        for (kind, span, zh, en, fix) in breaks(cx, g) {
            let rule = match kind {
                Break::Start => Rule::NumberingStart,
                Break::Repeat | Break::Backwards => Rule::NumberingRepeat,
                Break::Restart => Rule::NumberingRestart,
                Break::Gap => Rule::NumberingGap,
            };
            cx.emit(rule, span, zh, en, fix);
        }
    }
}

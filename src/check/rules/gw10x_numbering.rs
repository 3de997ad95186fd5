//! Sibling numbering (GW101–GW104): within each container, headings of one family form a
//! sequence that must run 1, 2, 3 … The sequences of 编/章/节 are found the same way and
//! reported as GW151 in `gw15x_statute.rs`.
//!
//! **How a renumbering is presented.** A sequence has one renumbering, and each of its edits is
//! given once: it belongs to the finding nearest before the marker it edits, so a finding's fix
//! renumbers its own marker and the markers after it up to the next finding
//! (`check/renumber.rs`). Where that is more than its own marker, the finding's message says
//! so, with how many and to which numbers (`三、 … ；修复时本序号及其后2个同级序号依次改为二至四`,
//! `…; the fix renumbers this marker and the 2 after it (二 to 四)`): what a finding names is
//! exactly what its fix edits, and a fix edits nothing else.
//!
//! The other ways were worse. One fix on the first finding, with the others referring to it,
//! reaches far from the marker it names, and is lost whole when that one finding is switched
//! off; the whole renumbering copied onto every finding costs n² edits for n findings and
//! gives each edit many times. A finding only for each marker whose number changes would
//! report markers that are right where they stand. Sharing the renumbering out keeps the
//! `check --format json` contract (each finding with its `fix` where it has one, the edits
//! together those of the renumbering), costs n edits, and lets a disable comment or the
//! configuration keep the renumbering off exactly the markers it covers.

use crate::check::renumber::{note, share_out, Sequence};
use crate::check::{
    has_cut, numeral_span, plain_head, render_exact, starts_attached, with_next_char, Ctx, Edit,
    Rule,
};
use crate::grammar::marker::marker;
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

/// The edit that gives marker `m` the number `want`: its numeral rewritten in its own way of
/// writing numerals, when the marker with it reads back as the same marker with that number
/// (a bare 二十一 before a space is no marker, nor is 1 where ㉑ was). `None` when there is no
/// such edit, and for a marker with markup inside its number (its source is not what shows),
/// whose digits may be the markup's.
fn renumbered(cx: &Ctx, m: &Marker, want: u32) -> Option<Edit> {
    let head = plain_head(cx, m)?;
    let decimal = matches!(m.family, Family::Decimal2 | Family::Decimal3);
    let num = numeral_span(
        cx.src,
        Span::new(m.span.start, m.span.start + head.len()),
        decimal,
    )?;
    let new = render_exact(cx.text(num), want)?;
    // the marker as it shows, with the new number, and the character after it
    let after = with_next_char(cx.src, m.span.end, m.span.end)?;
    let (a, b) = (num.start - m.span.start, num.end - m.span.start);
    let probe = format!("{}{new}{}{}{after}", &head[..a], &head[b..], m.punct);
    let (_, t) = marker(&probe).ok()?;
    let same = t.family == m.family && t.parents == m.parents;
    (same && t.ordinal == want && t.len + after.len() == probe.len()).then_some(Edit {
        span: num,
        replacement: new,
    })
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

impl Break {
    /// How a member numbered `n` breaks the sequence after one numbered `prev` (`None`: it is
    /// the first); `None` when it follows on.
    fn of(prev: Option<u32>, n: u32) -> Option<Break> {
        let expected = prev.map_or(1, |p| p + 1);
        Some(match prev {
            _ if n == expected => return None,
            None => Break::Start,
            Some(p) if n == p => Break::Repeat,
            Some(_) if n == 1 => Break::Restart,
            Some(_) if n > expected => Break::Gap,
            Some(_) => Break::Backwards,
        })
    }

    /// The rule a break is reported under: GW101–GW104, or GW151 for 编/章/节.
    fn rule(self, f: Family) -> Rule {
        match self {
            _ if f.is_statute() => Rule::StatuteSequence,
            Break::Start => Rule::NumberingStart,
            Break::Repeat | Break::Backwards => Rule::NumberingRepeat,
            Break::Restart => Rule::NumberingRestart,
            Break::Gap => Rule::NumberingGap,
        }
    }
}

/// The numbering rules of the humanities sequences: switched off at a marker, any of them keeps
/// a renumbering off it.
const NUMBERING: [Rule; 4] = [
    Rule::NumberingGap,
    Rule::NumberingRepeat,
    Rule::NumberingStart,
    Rule::NumberingRestart,
];

/// Report the members of a sequence that break it, in order, each with its share of the one
/// renumbering that makes the sequence run 1, 2, 3 … (see `check/renumber.rs`): a finding's fix
/// renumbers its own marker and the markers after it up to the next finding, so that each
/// edit is given once, by the finding nearest before it, and a sequence of n members costs n
/// edits. Where a fix renumbers more than its own marker, its message says how many markers
/// after it and to which numbers, so that what a finding names is what its fix edits. No fix
/// when content was cut (elided) inside the sequence: the missing members may be in the cut.
pub(crate) fn breaks(cx: &mut Ctx, g: &Group) {
    let marker_of = |i: usize| g.members[i].marker.as_ref();
    let found = sequence_breaks(g);
    let rules: Vec<(usize, Rule)> = found.iter().map(|f| (f.0, f.1.rule(g.family))).collect();
    let mut shares = (!g.cut.iter().any(|&c| c) && !found.is_empty()).then(|| {
        let ordinals: Vec<u32> = g
            .members
            .iter()
            .map(|s| s.marker.as_ref().map_or(0, |m| m.ordinal))
            .collect();
        let at: Vec<usize> = g
            .members
            .iter()
            .map(|s| s.marker.as_ref().map_or(s.span.start, |m| m.span.start))
            .collect();
        let group: &[Rule] = if g.family.is_statute() {
            &[Rule::StatuteSequence]
        } else {
            &NUMBERING
        };
        let seq = Sequence {
            ordinals: &ordinals,
            at: &at,
            findings: &rules,
            group,
        };
        share_out(
            cx,
            &seq,
            |prev, n| Break::of(prev, n).map_or(Rule::NumberingGap, |b| b.rule(g.family)),
            |i, n| renumbered(cx, marker_of(i)?, n),
        )
    });
    for (k, &(i, kind, expected)) in found.iter().enumerate() {
        let Some(m) = marker_of(i) else { continue };
        let (mut zh, mut en) = message(kind, g.family, m, expected, g.cut[i]);
        let (fix, more) = shares.as_mut().map_or((None, None), |s| s.take(k));
        if let Some((more, a, b)) = more {
            let (z, e) = note(more, &show(g.family, a), &show(g.family, b));
            zh.push_str(&z);
            en.push_str(&e);
        }
        cx.emit(kind.rule(g.family), m.span, zh, en, fix);
    }
}

/// The members that break a sequence: their index, how, and the number that was due.
fn sequence_breaks(g: &Group) -> Vec<(usize, Break, u32)> {
    let mut out = Vec::new();
    let mut prev: Option<u32> = None;
    for (i, s) in g.members.iter().enumerate() {
        let Some(m) = &s.marker else { continue };
        let n = m.ordinal;
        if let Some(kind) = Break::of(prev, n) {
            out.push((i, kind, prev.map_or(1, |p| p + 1)));
        }
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
    let doc = cx.doc;
    let mut gs = Vec::new();
    groups_of(&doc.blocks, &mut gs);
    for g in gs.iter().filter(|g| !g.family.is_statute()) {
        breaks(cx, g);
    }
}

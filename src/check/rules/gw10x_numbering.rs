//! Sibling numbering (GW101–GW104, and GW151 for 编/章/节): within each container, headings of
//! one family form a sequence that must run 1, 2, 3 … The fix renumbers the whole sequence.
//! Articles (第X条) run through the whole document and are checked in `statute.rs`.

use crate::check::{has_cut, numeral_span, render_like, starts_attached, Ctx, Edit, Fix, Rule};
use crate::grammar::marker::{cn_render, Family};
use crate::tree::{Block, Section};

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

/// The edits that renumber a sequence to 1..n, keeping each marker's own way of writing
/// numerals; `None` when a marker's number cannot be located.
pub(crate) fn renumber(cx: &Ctx, members: &[&Section]) -> Option<Fix> {
    let mut edits = Vec::new();
    for (i, s) in members.iter().enumerate() {
        let m = s.marker.as_ref()?;
        let want = i as u32 + 1;
        if m.ordinal == want {
            continue;
        }
        let decimal = matches!(m.family, Family::Decimal2 | Family::Decimal3);
        let num = numeral_span(cx.src, m.span, decimal)?;
        edits.push(Edit {
            span: num,
            replacement: render_like(cx.text(num), want),
        });
    }
    Some(Fix { edits })
}

fn show(f: Family, n: u32) -> String {
    match f {
        Family::Decimal2 | Family::Decimal3 => n.to_string(),
        Family::CnComma => cn_render(n),
        _ => f.render(n),
    }
}

pub(crate) fn check(cx: &mut Ctx) {
    let mut gs = Vec::new();
    groups_of(&cx.doc.blocks, &mut gs);
    for g in gs {
        let any_cut = g.cut.iter().any(|&c| c);
        let fix = if any_cut {
            None
        } else {
            renumber(cx, &g.members)
        };
        let statute = g.family.is_statute();
        let mut prev: Option<u32> = None;
        for (i, s) in g.members.iter().enumerate() {
            let Some(m) = &s.marker else { continue };
            let n = m.ordinal;
            let expected = prev.map_or(1, |p| p + 1);
            if n == expected {
                prev = Some(n);
                continue;
            }
            let cut = g.cut[i];
            let (code, zh, en) = match prev {
                None => (
                    Rule::NumberingStart,
                    format!(
                        "同级序号应从{}开始，这里是{}",
                        show(g.family, 1),
                        m.raw.trim()
                    ),
                    format!(
                        "the sequence starts at {} instead of {}",
                        m.raw.trim(),
                        show(g.family, 1)
                    ),
                ),
                Some(p) if n == p => (
                    Rule::NumberingRepeat,
                    format!("序号{}重复，应为{}", m.raw.trim(), show(g.family, expected)),
                    format!(
                        "{} repeats the previous number; expected {}",
                        m.raw.trim(),
                        show(g.family, expected)
                    ),
                ),
                Some(_) if n == 1 => (
                    Rule::NumberingRestart,
                    format!(
                        "序号在同一上级下重新从{}开始，应为{}",
                        m.raw.trim(),
                        show(g.family, expected)
                    ),
                    format!(
                        "numbering restarts at {} under the same parent; expected {}",
                        m.raw.trim(),
                        show(g.family, expected)
                    ),
                ),
                Some(_) if n > expected => (
                    Rule::NumberingGap,
                    format!(
                        "序号跳号：{}之后应为{}，这里是{}{}",
                        show(g.family, expected - 1),
                        show(g.family, expected),
                        m.raw.trim(),
                        if cut {
                            "（其前有删节内容）"
                        } else {
                            ""
                        }
                    ),
                    format!(
                        "numbering skips from {} to {}{}",
                        show(g.family, expected - 1),
                        m.raw.trim(),
                        if cut { " (after elided content)" } else { "" }
                    ),
                ),
                Some(_) => (
                    Rule::NumberingRepeat,
                    format!(
                        "序号倒序：{}之后应为{}",
                        show(g.family, expected - 1),
                        show(g.family, expected)
                    ),
                    format!(
                        "numbering goes backwards to {}; expected {}",
                        m.raw.trim(),
                        show(g.family, expected)
                    ),
                ),
            };
            let code = if statute { Rule::StatuteSequence } else { code };
            cx.emit(code, m.span, zh, en, fix.clone());
            prev = Some(n);
        }
    }
}

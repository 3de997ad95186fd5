//! Level use (GW111, GW112): a level used without its parent level (（一） directly under the
//! title, 1. directly under 一、), and a family the house rules do not expect.

use super::gw10x_numbering::groups_of;
use crate::check::{Ctx, Rule};
use crate::tree::Block;
use crate::tree::Family;
use std::collections::BTreeMap;

/// The humanities scheme 一、→（一）→1.→（1）→①, where levels should not be skipped.
pub(super) fn humanities(f: Family) -> bool {
    matches!(
        f,
        Family::CnComma
            | Family::CnParen
            | Family::ArabicDot
            | Family::ArabicParen
            | Family::Circled
    )
}

/// Map each section (by marker start) to the family of its nearest numbered ancestor.
/// The parent marker (family and as written) of each marker, keyed by the marker's start.
type Parents<'a> = BTreeMap<usize, Option<(Family, &'a str)>>;

fn parents<'a>(blocks: &'a [Block], parent: Option<(Family, &'a str)>, out: &mut Parents<'a>) {
    for b in blocks {
        match b {
            Block::Section(s) => {
                let own = s
                    .marker
                    .as_ref()
                    .map(|m| (m.family, m.raw.as_str()))
                    .filter(|(f, _)| *f != Family::Unnumbered);
                if let Some(m) = &s.marker {
                    out.insert(m.span.start, parent);
                }
                parents(&s.children, own.or(parent), out);
            }
            _ => parents(b.children(), parent, out),
        }
    }
}

/// The form of a humanities family, as the messages show it: its first marker (一、, （1）).
pub(super) fn family_form(f: Family) -> String {
    if humanities(f) {
        f.render(1)
    } else {
        String::new()
    }
}

pub(crate) fn check(cx: &mut Ctx) {
    let mut par = BTreeMap::new();
    parents(&cx.doc.blocks, None, &mut par);
    let mut gs = Vec::new();
    groups_of(&cx.doc.blocks, &mut gs);
    if !cx.house.allow_level_skip {
        for g in &gs {
            let first = g.members[0];
            let Some(m) = &first.marker else { continue };
            if !humanities(m.family) {
                continue;
            }
            let parent = par.get(&m.span.start).copied().flatten();
            let skip = match parent {
                None => m.family.gbt_rank() > 1,
                Some((p, _)) if humanities(p) => m.family.gbt_rank() > p.gbt_rank() + 1,
                Some(_) => false, // under 章/节/条 the items follow statute practice
            };
            if skip {
                let (zh, en) = match parent {
                    None => (
                        format!(
                            "{}级序号直接位于标题之下，缺少上一级“一、”",
                            family_form(m.family)
                        ),
                        format!(
                            "{} used directly under the title, without 一、 above it",
                            family_form(m.family)
                        ),
                    ),
                    Some((_, raw)) => (
                        format!("{}直接位于{}之下，跳过了中间层级", m.raw, raw),
                        format!("{} used directly under {}, skipping a level", m.raw, raw),
                    ),
                };
                cx.emit(Rule::LevelSkip, m.span, zh, en, None);
            }
        }
    }
    if !cx.house.families.is_empty() {
        for g in &gs {
            if let Some(m) = &g.members[0].marker {
                if !cx.house.families.contains(&m.family) {
                    cx.emit(
                        Rule::UnexpectedFamily,
                        m.span,
                        format!("本单位规范不使用{}这种序号形式", m.raw.trim()),
                        format!("the house rules do not use markers like {}", m.raw.trim()),
                        None,
                    );
                }
            }
        }
    }
}

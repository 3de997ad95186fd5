//! Level use (GW111, GW112, GW132): a level used without its parent level (（一） directly
//! under the title, 1. directly under 一、), a family the house rules do not expect, and more
//! than one form for the same level in one document.

use super::gw10x_numbering::groups_of;
use crate::check::{starts_attached, Ctx, Rule};
use crate::grammar::marker::Family;
use crate::tree::{Block, Section};
use std::collections::BTreeMap;

/// The humanities scheme 一、→（一）→1.→（1）→①, where levels should not be skipped.
fn humanities(f: Family) -> bool {
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

fn name(f: Family) -> &'static str {
    match f {
        Family::CnComma => "一、",
        Family::CnParen => "（一）",
        Family::ArabicDot => "1.",
        Family::ArabicParen => "（1）",
        Family::Circled => "①",
        _ => "",
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
                        format!("{}级序号直接位于标题之下，缺少上一级“一、”", name(m.family)),
                        format!(
                            "{} used directly under the title, without 一、 above it",
                            name(m.family)
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
    mixed_forms(cx);
}

/// How often a form was seen, and where first, as written.
type FormSeen = (usize, crate::Span, String);

/// One form per level per document (per attached document): families at the same level, and
/// the ASCII and full-width dot after 1 mixed.
fn mixed_forms(cx: &mut Ctx) {
    fn segments<'a>(
        blocks: &'a [Block],
        seg: &mut usize,
        top: bool,
        out: &mut Vec<(usize, &'a Section)>,
    ) {
        for b in blocks {
            if top && starts_attached(b) {
                *seg += 1;
            }
            if let Block::Section(s) = b {
                out.push((*seg, s));
            }
            segments(b.children(), seg, false, out);
        }
    }
    let mut all = Vec::new();
    segments(&cx.doc.blocks, &mut 0, true, &mut all);
    // (segment, level) → form → (count, first marker span)
    let mut forms: BTreeMap<(usize, u8), BTreeMap<String, FormSeen>> = BTreeMap::new();
    for (seg, s) in all {
        let Some(m) = &s.marker else { continue };
        if !humanities(m.family) {
            continue;
        }
        let form = match m.family {
            Family::ArabicDot if matches!(m.punct.as_str(), "." | "．") => format!("1{}", m.punct),
            f => name(f).to_string(),
        };
        let e = forms
            .entry((seg, s.level))
            .or_default()
            .entry(form)
            .or_insert((0, m.span, m.raw.clone()));
        e.0 += 1;
    }
    for (_, fs) in forms {
        if fs.len() < 2 {
            continue;
        }
        let (major, _) = fs
            .iter()
            .max_by_key(|(_, (n, sp, _))| (*n, std::cmp::Reverse(sp.start)))
            .map(|(k, v)| (k.clone(), v.clone()))
            .unwrap_or_default();
        for (form, (_, span, raw)) in &fs {
            if *form == major {
                continue;
            }
            cx.emit(
                Rule::MixedForms,
                *span,
                format!("同一层级混用{}和{}两种序号形式", major, form),
                format!(
                    "this level uses both {major} and {form} (first {} here)",
                    raw.trim()
                ),
                None,
            );
        }
    }
}

//! Level use (GW111, GW112, GW113): a level used without its parent level (（一） directly under
//! the title, 1. directly under 一、), a family the house rules do not expect, and a Markdown
//! heading whose depth disagrees with the level its numbering gives.
//!
//! GW113 is a note: the tree follows the numbering and records the depth as written
//! (`Section::depth`); the note says where the two part. Under a title written as `#`, the top
//! level is `##`; without one, the document's own offset between depth and level is that of
//! its top-level headings, the most common among them; a heading at another offset is noted, with the depth its
//! level gives. `gongwen convert X.md -o Y.md` writes every heading at that depth.

use super::gw10x_numbering::{lists, opens, Group};
use crate::check::{Ctx, Rule};
use crate::tree::Block;
use crate::tree::Family;
use std::collections::{BTreeMap, HashMap};

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

/// The parent of each marker, keyed by the marker's start: the nearest numbered section
/// above it, as its family, its marker as written and its marker's start (`None`: the title).
type Parents<'a> = BTreeMap<usize, Option<Parent<'a>>>;

#[derive(Clone, Copy)]
struct Parent<'a> {
    family: Family,
    raw: &'a str,
    at: usize,
}

fn parents<'a>(blocks: &'a [Block], parent: Option<Parent<'a>>, out: &mut Parents<'a>) {
    for b in blocks {
        match b {
            Block::Section(s) => {
                let own = s
                    .marker
                    .as_ref()
                    .filter(|m| m.family != Family::Unnumbered)
                    .map(|m| Parent {
                        family: m.family,
                        raw: m.raw.as_str(),
                        at: m.span.start,
                    });
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

/// Whether a level skip is the document's own convention rather than a slip. Published
/// documents skip levels as their house style: 1. directly under every 一、, or under some
/// 一、 while others go 一、→（一）→1. (work reports differ from section to section); （一）
/// under part headings that carry no number; a glossary of 1. items; a speech whose top level
/// is （一）. A skip is reported only where the document itself shows the skipped level in the
/// same place: the same parent section has children of a level between the two (1. directly
/// under 三、, and （一） under that 三、 too), or, under the title, the same list of blocks holds
/// a higher level whose sequence begins late (（一） beside 二、, where the 一、 above them was
/// lost); and never where the skipping list opens a list of its own (after a lead-in ending in
/// ：, under a part heading without a number, or the heading of an appended list such as
/// 名词解释 or 实事).
struct Uses {
    /// For each numbered section, by its marker's start, the GB/T ranks (as bits) of the
    /// humanities levels used anywhere below it.
    below: HashMap<usize, u8>,
    /// For each list of blocks, the ranks of the humanities sequences in it under the title
    /// that begin past their first number.
    beside: HashMap<usize, u8>,
    /// For each sequence, the ranks of the humanities sequences read as nested under it that
    /// begin past their first number.
    under: Vec<u8>,
}

fn bit(f: Family) -> u8 {
    if humanities(f) {
        1 << f.gbt_rank().min(7)
    } else {
        0
    }
}

impl Uses {
    fn new(groups: &[Group], par: &Parents) -> Self {
        let mut group = HashMap::new();
        for (i, g) in groups.iter().enumerate() {
            for s in &g.members {
                if let Some(m) = &s.marker {
                    group.insert(m.span.start, i);
                }
            }
        }
        let parent_at = |at: usize| par.get(&at).copied().flatten().map(|p| p.at);
        let mut below: HashMap<usize, u8> = HashMap::new();
        let mut under = vec![0u8; groups.len()];
        let mut beside: HashMap<usize, u8> = HashMap::new();
        for g in groups {
            let b = bit(g.family);
            // a sequence that begins at its first number is a list of its own; one that begins
            // late shows the members before it were lost
            let late = g.members[0].marker.as_ref().is_some_and(|m| m.ordinal > 1);
            if g.parent.is_none() && late {
                *beside.entry(g.container).or_default() |= b;
            }
            // every section above it (a few levels at most)
            let mut up = parent_at(first_at(g));
            for depth in 0..16 {
                let Some(a) = up else { break };
                *below.entry(a).or_default() |= b;
                if depth == 0 && late {
                    if let Some(&k) = group.get(&a) {
                        under[k] |= b;
                    }
                }
                up = parent_at(a);
            }
        }
        Uses {
            below,
            beside,
            under,
        }
    }

    /// Whether the document uses a level between `above` and `rank` where group `g` (the
    /// `k`th) skips it.
    fn elsewhere(&self, g: &Group, k: usize, parent: Option<Parent>, rank: u8) -> bool {
        let between = |bits: u8, above: u8| (above + 1..rank).any(|r| bits & (1 << r) != 0);
        match parent {
            None => {
                let beside = self.beside.get(&g.container).copied().unwrap_or(0);
                // or read as nested under one of them (二、 taken as a child of （二）)
                between(beside | self.under[k], 0)
            }
            Some(p) => self
                .below
                .get(&p.at)
                .is_some_and(|&bits| between(bits, p.family.gbt_rank())),
        }
    }
}

fn first_at(g: &Group) -> usize {
    g.members[0].marker.as_ref().map_or(0, |m| m.span.start)
}

/// Each section's level and Markdown depth, with the span of its `#` run.
fn depths(blocks: &[Block], out: &mut Vec<(u8, u8, usize)>) {
    for b in blocks {
        if let Block::Section(s) = b {
            if let Some(d) = s.depth {
                out.push((s.level, d, s.span.start));
            }
        }
        depths(b.children(), out);
    }
}

/// GW113: Markdown depths that disagree with the numbering's levels.
fn markdown_depth(cx: &mut Ctx) {
    let mut all = Vec::new();
    depths(&cx.doc.blocks, &mut all);
    if all.is_empty() {
        return;
    }
    // under a title written as `#`, level 1 is `##`; else the offset of the top-level
    // headings, the most common one (the smallest on a tie)
    let titled = cx.doc.blocks.iter().any(|b| match b {
        Block::Title(t) => t.lines.first().is_some_and(|l| {
            cx.src[..l.span.start].ends_with("# ") || cx.src[l.span.start..].starts_with("# ")
        }),
        _ => false,
    });
    let top_level = all.iter().map(|a| a.0).min().unwrap_or(1);
    let mut counts: BTreeMap<i16, usize> = BTreeMap::new();
    for a in all.iter().filter(|a| a.0 == top_level) {
        *counts.entry(i16::from(a.1) - i16::from(a.0)).or_default() += 1;
    }
    let offset = match counts.iter().max_by_key(|(o, n)| (**n, -**o)) {
        _ if titled => 2 - i16::from(top_level),
        Some((o, _)) => *o,
        None => return,
    };
    for (level, depth, at) in all {
        let want = (i16::from(level) + offset).clamp(1, 6);
        if i16::from(depth) == want || (depth == 6 && want == 6) {
            continue;
        }
        let hashes = "#".repeat(usize::from(depth));
        let span = crate::Span::new(at, at + usize::from(depth));
        if cx.text(span) != hashes {
            continue;
        }
        let want_hashes = "#".repeat(want as usize);
        cx.emit(
            Rule::MarkdownDepth,
            span,
            format!("标题写作 {hashes}，按序号应为第{level}级（{want_hashes}）"),
            format!("written as {hashes}; its numbering puts it at level {level} ({want_hashes})"),
            None,
        );
    }
}

pub(crate) fn check(cx: &mut Ctx) {
    markdown_depth(cx);
    let mut par = BTreeMap::new();
    parents(&cx.doc.blocks, None, &mut par);
    let gs = lists(cx, &cx.doc.blocks);
    if !cx.house.allow_level_skip {
        let uses = Uses::new(&gs, &par);
        for (k, g) in gs.iter().enumerate() {
            let first = g.members[0];
            let Some(m) = &first.marker else { continue };
            if !humanities(m.family) {
                continue;
            }
            let parent = par.get(&m.span.start).copied().flatten();
            let rank = m.family.gbt_rank();
            let skip = match parent {
                None => rank > 1,
                Some(p) if humanities(p.family) => rank > p.family.gbt_rank() + 1,
                Some(_) => false, // under 章/节/条 the items follow statute practice
            };
            // a list of its own: after a lead-in (以下几方面工作：), a part heading that carries
            // no number, or the heading of an appended list (名词解释, 实事); under the title
            // not after a lead-in ending in ：, which is there an addressee (各区县人民政府：)
            // as often as a lead-in
            let own_list = opens(cx.src, m.span.start, parent.is_some());
            if skip && (cx.house.strict_levels || (!own_list && uses.elsewhere(g, k, parent, rank)))
            {
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
                    Some(p) => (
                        format!("{}直接位于{}之下，跳过了中间层级", m.raw, p.raw),
                        format!("{} used directly under {}, skipping a level", m.raw, p.raw),
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

#[cfg(test)]
mod tests {
    use crate::check::{check_text, Config, Rule};

    const UNIFORM: &str =
        "关于加强社区服务的意见\n一、总体要求\n1.坚持党建引领。\n2.坚持以人为本。\n二、主要任务\n1.健全组织体系。\n";

    fn skips(cfg: &Config) -> usize {
        check_text(UNIFORM, false, cfg)
            .iter()
            .filter(|d| d.rule == Rule::LevelSkip)
            .count()
    }

    #[test]
    fn a_uniform_skip_is_house_style_unless_levels_are_strict() {
        let mut cfg = Config::default();
        assert_eq!(skips(&cfg), 0);
        cfg.house.strict_levels = true;
        assert_eq!(skips(&cfg), 2);
        cfg.house.allow_level_skip = true;
        assert_eq!(skips(&cfg), 0);
    }
}

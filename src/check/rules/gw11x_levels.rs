//! Level use (GW111, GW112): a level used without its parent level (（一） directly under the
//! title, 1. directly under 一、), and a family the house rules do not expect.

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
/// documents skip levels uniformly (1. directly under every 一、; （一） under part headings
/// that carry no number; a glossary of 1. items). A skip is reported only where the document
/// itself uses the skipped level elsewhere in the same place: another section of the parent's
/// sequence has children of a level between the two (（一） under one 一、, 1. directly under
/// another, or anywhere below them), or, under the title, the same list of blocks holds a
/// higher level (（一） beside 二、 where 一、 was lost); and never where the skipping list opens
/// a list of its own (under a part heading without a number, or the heading of an appended
/// list such as 名词解释 or 实事).
struct Uses<'a> {
    /// The families of the numbered sections below each section, by its marker's start.
    children: HashMap<usize, Vec<Family>>,
    /// The sequence each section belongs to, by its marker's start.
    group: HashMap<usize, usize>,
    groups: &'a [Group<'a>],
    /// The start of each section's parent marker, by its own marker's start.
    parent_at: HashMap<usize, usize>,
}

impl<'a> Uses<'a> {
    fn new(groups: &'a [Group<'a>], par: &Parents) -> Self {
        let mut children: HashMap<usize, Vec<Family>> = HashMap::new();
        let mut parent_at = HashMap::new();
        let mut family: HashMap<usize, Family> = HashMap::new();
        for g in groups {
            for s in &g.members {
                if let Some(m) = &s.marker {
                    family.insert(m.span.start, m.family);
                }
            }
        }
        for (at, p) in par {
            if let Some(p) = p {
                parent_at.insert(*at, p.at);
            }
        }
        for (at, f) in &family {
            // every numbered section above it (a few levels at most)
            let mut up = parent_at.get(at).copied();
            for _ in 0..16 {
                let Some(a) = up else { break };
                let v = children.entry(a).or_default();
                if !v.contains(f) {
                    v.push(*f);
                }
                up = parent_at.get(&a).copied();
            }
        }
        let mut group = HashMap::new();
        for (i, g) in groups.iter().enumerate() {
            for s in &g.members {
                if let Some(m) = &s.marker {
                    group.insert(m.span.start, i);
                }
            }
        }
        Uses {
            children,
            group,
            groups,
            parent_at,
        }
    }

    /// Whether the document uses a level between `above` and `rank` where group `g` skips it.
    fn elsewhere(&self, g: &Group, parent: Option<Parent>, rank: u8) -> bool {
        match parent {
            None => {
                let in_g = |at: usize| {
                    self.group
                        .get(&at)
                        .is_some_and(|&k| std::ptr::eq(&self.groups[k], g))
                };
                self.groups.iter().any(|h| {
                    let beside = h.container == g.container && h.parent.is_none();
                    // or read as nested under one of them (二、 taken as a child of （二）)
                    let under = self.parent_at.get(&first_at(h)).is_some_and(|&p| in_g(p));
                    (beside || under) && humanities(h.family) && h.family.gbt_rank() < rank
                })
            }
            Some(p) => {
                let above = p.family.gbt_rank();
                let Some(&k) = self.group.get(&p.at) else {
                    return false;
                };
                self.groups[k].members.iter().any(|s| {
                    let Some(m) = &s.marker else { return false };
                    self.children.get(&m.span.start).is_some_and(|fs| {
                        fs.iter()
                            .any(|f| humanities(*f) && f.gbt_rank() > above && f.gbt_rank() < rank)
                    })
                })
            }
        }
    }
}

fn first_at(g: &Group) -> usize {
    g.members[0].marker.as_ref().map_or(0, |m| m.span.start)
}

pub(crate) fn check(cx: &mut Ctx) {
    let mut par = BTreeMap::new();
    parents(&cx.doc.blocks, None, &mut par);
    let gs = lists(cx, &cx.doc.blocks);
    if !cx.house.allow_level_skip {
        let uses = Uses::new(&gs, &par);
        for g in &gs {
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
            // no number, or the heading of an appended list (名词解释, 实事)
            // (not after a lead-in ending in ：: the level below is what a lead-in is
            // followed by as often as a list of its own)
            let own_list = opens(cx.src, m.span.start, false);
            if skip && (cx.house.strict_levels || (!own_list && uses.elsewhere(g, parent, rank))) {
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

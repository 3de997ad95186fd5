//! Statute numbering (GW151–GW153). 编/章/节 are sibling sequences like 一、二、三、 (found by
//! `gw10x_numbering.rs`, and fixed the same way), and may run on across 编 and 篇 as any
//! sequence may (`sequences`). Where the document shows that a 章 or 节 heading was lost (the
//! first 章 is 第二章 and articles stand before it in no chapter; one number is skipped, the
//! articles run on across the gap and the next heading follows, or the lost heading's title
//! line is there without its number), the finding is GW153, a
//! warning without a fix: the numbers that remain are right, and the law is cited by them. 第X条 runs through the whole document, across chapters and
//! sections, and restarts only in an attached document; it may begin past 第一条 where the
//! document is one part of a code or an amendment that carries on the count before it
//! (from 第三条 on: a document beginning at 第二条 has lost its 第一条). No fix for
//! articles: renumbering them would break the cross-references (依照第十条) that a linter
//! cannot see.

use super::gw10x_numbering::{breaks, sequences};
use crate::check::{starts_attached, Ctx, Rule};
use crate::tree::vocabulary::cn_render;
use crate::tree::Block;
use crate::tree::Family;

fn collect<'a>(blocks: &'a [Block], runs: &mut Vec<Vec<&'a crate::tree::Marker>>, top: bool) {
    for b in blocks {
        if top && starts_attached(b) {
            runs.push(Vec::new());
        }
        if let Block::Section(s) = b {
            if let Some(m) = s.marker.as_ref().filter(|m| m.family == Family::Article) {
                if let Some(r) = runs.last_mut() {
                    r.push(m);
                }
            }
        }
        collect(b.children(), runs, false);
    }
}

pub(crate) fn check(cx: &mut Ctx) {
    sections(cx);
    articles(cx);
}

/// GW151: the sequences of 编, 章 and 节, each under its parent.
fn sections(cx: &mut Ctx) {
    let doc = cx.doc;
    let gs = sequences(cx, &doc.blocks);
    for g in gs.iter().filter(|g| g.family.is_statute()) {
        breaks(cx, g);
    }
}

/// GW152: 第X条 through the whole document.
fn articles(cx: &mut Ctx) {
    let mut runs = vec![Vec::new()];
    collect(&cx.doc.blocks, &mut runs, true);
    for run in runs {
        let mut prev: Option<u32> = None;
        for m in run {
            // an inserted article (第十条之一) follows the article it is numbered after
            if m.sub.is_some() && prev == Some(m.ordinal) {
                continue;
            }
            let expected = prev.map_or(1, |p| p.saturating_add(1));
            // a part of a code, or an amendment, carries on the count of the articles before
            // it (合同编 begins at 第四百六十三条); only a lone missing 第一条 is a finding
            let runs_on = prev.is_none() && m.ordinal > 2;
            if m.ordinal != expected && !runs_on {
                let what = match prev {
                    Some(p) if p == m.ordinal => "重复",
                    Some(_) if m.ordinal > expected => "跳号",
                    Some(_) => "倒序",
                    None => "不从第一条开始",
                };
                cx.emit(
                    Rule::ArticleSequence,
                    m.span,
                    format!(
                        "条序号{what}：这里是{}，应为第{}条",
                        m.raw,
                        cn_render(expected)
                    ),
                    format!(
                        "article numbering breaks: {} where 第{}条 is expected",
                        m.raw,
                        cn_render(expected)
                    ),
                    None,
                );
            }
            prev = Some(m.ordinal);
        }
    }
}

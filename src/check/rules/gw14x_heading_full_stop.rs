//! The end of a heading (GW141): a stand-alone numbered heading does not end in 。 (a run-in
//! heading, whose sentence the body text follows, does). The fix deletes the 。.
//!
//! Guides disagree: GB/T 9704 sets stand-alone headings without terminal punctuation, while
//! published reports write whole levels as sentences (（一）以绿色为导向，加快生态文明建设。).
//! So the document decides: where most headings of a family end in 。 (stand-alone ones, and
//! run-in ones, whose title is a sentence), that is its style, and only the house rule
//! `strict-heading-stop` reports them; where most do not, the ones that do are the slips.

use crate::check::{Ctx, Edit, Fix, Rule};
use crate::tree::{
    Block, Family,
    HeadingKind::{RunIn, Standalone},
};
use crate::Span;

/// Every numbered heading that stands alone or whose title is a sentence (a run-in heading's
/// 。), in source order: its family, the closing 。 of a stand-alone one (the finding's place),
/// and whether its title ends in 。.
fn headings(blocks: &[Block], out: &mut Vec<(Family, Option<Span>, bool)>) {
    for b in blocks {
        if let Block::Section(s) = b {
            let stop = s.title_end.as_ref().filter(|e| e.text == "。");
            if let Some(m) = &s.marker {
                if s.kind == Standalone && s.run_in.is_none() {
                    out.push((m.family, stop.map(|e| e.span), stop.is_some()));
                } else if s.kind == RunIn && stop.is_some() {
                    out.push((m.family, None, true));
                }
            }
        }
        headings(b.children(), out);
    }
}

pub(crate) fn check(cx: &mut Ctx) {
    let mut heads = Vec::new();
    headings(&cx.doc.blocks, &mut heads);
    // the families whose headings are sentences by the document's own style (a run-in heading
    // counts: its title is one)
    let mut style: Vec<Family> = Vec::new();
    if !cx.house.strict_heading_stop {
        let mut families: Vec<Family> = heads.iter().map(|h| h.0).collect();
        families.sort();
        families.dedup();
        for f in families {
            let of = heads.iter().filter(|h| h.0 == f);
            let (with, all) = of.fold((0, 0), |(w, a), h| (w + usize::from(h.2), a + 1));
            if with * 2 > all {
                style.push(f);
            }
        }
    }
    let ends = heads
        .iter()
        .filter(|h| !style.contains(&h.0))
        .filter_map(|h| h.1);
    for end in ends {
        cx.emit(
            Rule::HeadingFullStop,
            end,
            "独立成行的标题末尾不加句号".to_string(),
            "a stand-alone heading does not end in 。".to_string(),
            Some(Fix {
                edits: vec![Edit {
                    span: end,
                    replacement: String::new(),
                }],
            }),
        );
    }
}

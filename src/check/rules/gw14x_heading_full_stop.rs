//! The end of a heading (GW141): a stand-alone numbered heading does not end in 。 (a run-in
//! heading, whose sentence the body text follows, does). The fix deletes the 。.
//!
//! Guides disagree: GB/T 9704 sets stand-alone headings without terminal punctuation, while
//! published reports write whole levels as sentences (（一）以绿色为导向，加快生态文明建设。).
//! So the document decides: where most stand-alone headings of a family end in 。, that is its
//! style, and only the house rule `strict-heading-stop` reports them; where most do not, the
//! ones that do are the slips.

use crate::check::{Ctx, Edit, Fix, Rule};
use crate::tree::{Block, Family, HeadingKind::Standalone};
use crate::Span;

/// Every stand-alone numbered heading, in source order: its family and its closing 。, if any.
fn standalone(blocks: &[Block], out: &mut Vec<(Family, Option<Span>)>) {
    for b in blocks {
        if let Block::Section(s) = b {
            if let (Standalone, None, Some(m)) = (s.kind, &s.run_in, &s.marker) {
                let stop = s.title_end.as_ref().filter(|e| e.text == "。");
                out.push((m.family, stop.map(|e| e.span)));
            }
        }
        standalone(b.children(), out);
    }
}

pub(crate) fn check(cx: &mut Ctx) {
    let mut heads = Vec::new();
    standalone(&cx.doc.blocks, &mut heads);
    // the families whose stand-alone headings are sentences by the document's own style
    let mut style: Vec<Family> = Vec::new();
    if !cx.house.strict_heading_stop {
        let mut families: Vec<Family> = heads.iter().map(|h| h.0).collect();
        families.sort();
        families.dedup();
        for f in families {
            let of = heads.iter().filter(|h| h.0 == f);
            let (with, all) = of.fold((0, 0), |(w, a), h| (w + usize::from(h.1.is_some()), a + 1));
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

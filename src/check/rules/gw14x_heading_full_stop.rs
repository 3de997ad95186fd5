//! The end of a heading (GW141): a stand-alone numbered heading does not end in 。 (a run-in
//! heading, whose sentence the body text follows, does). The fix deletes the 。.

use crate::check::{Ctx, Edit, Fix, Rule};
use crate::tree::{Block, HeadingKind};
use crate::Span;

/// The closing 。 of every stand-alone numbered heading, in source order.
fn full_stops(blocks: &[Block], out: &mut Vec<Span>) {
    for b in blocks {
        if let Block::Section(s) = b {
            let standalone = s.kind == HeadingKind::Standalone && s.run_in.is_none();
            if let (true, Some(_), Some(end)) = (standalone, &s.marker, &s.title_end) {
                if end.text == "。" {
                    out.push(end.span);
                }
            }
        }
        full_stops(b.children(), out);
    }
}

pub(crate) fn check(cx: &mut Ctx) {
    let mut ends = Vec::new();
    full_stops(&cx.doc.blocks, &mut ends);
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

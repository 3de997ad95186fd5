//! The 附件 label (GW221): 附件 is followed by a full-width colon ： (附件：1. …), not ASCII :.

use crate::check::{Ctx, Edit, Fix, Rule};
use crate::tree::{Block, Text};

pub(crate) fn check(cx: &mut Ctx) {
    let mut colons: Vec<Text> = Vec::new();
    cx.doc.walk(&mut |b, _| {
        if let Block::Attachment(a) = b {
            if let Some(c) = a.colon.as_ref().filter(|c| c.text == ":") {
                colons.push(c.clone());
            }
        }
    });
    for c in colons {
        cx.emit(
            Rule::AttachmentColon,
            c.span,
            "“附件”后应使用全角冒号“：”".into(),
            "use a full-width colon ： after 附件".into(),
            Some(Fix {
                edits: vec![Edit {
                    span: c.span,
                    replacement: "：".into(),
                }],
            }),
        );
    }
}

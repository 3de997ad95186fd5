//! Bracket width in markers (GW131): （一） and （1） take full-width brackets; (一), (1) and
//! mixed （一) are fixed by replacing only the bracket characters.

use crate::check::{Ctx, Edit, Fix, Rule};
use crate::grammar::marker::Family;
use crate::tree::Block;
use crate::Span;

pub(crate) fn check(cx: &mut Ctx) {
    let mut found = Vec::new();
    cx.doc.walk(&mut |b, _| {
        if let Block::Section(s) = b {
            if let Some(m) = &s.marker {
                if matches!(m.family, Family::CnParen | Family::ArabicParen)
                    && m.brackets.is_some_and(|b| b != ('（', '）'))
                {
                    found.push(m.clone());
                }
            }
        }
    });
    for m in found {
        let text = cx.text(m.span);
        let mut edits = Vec::new();
        let mut seen_open = false;
        for (i, c) in text.char_indices() {
            let at = Span::new(m.span.start + i, m.span.start + i + c.len_utf8());
            match c {
                '(' | '（' if !seen_open => {
                    seen_open = true;
                    if c == '(' {
                        edits.push(Edit {
                            span: at,
                            replacement: "（".into(),
                        });
                    }
                }
                ')' | '）' if seen_open => {
                    if c == ')' {
                        edits.push(Edit {
                            span: at,
                            replacement: "）".into(),
                        });
                    }
                    break;
                }
                _ => {}
            }
        }
        let raw = m.raw.trim();
        let mixed = m.brackets.is_some_and(|(o, c)| (o == '(') != (c == ')'));
        let (zh, en) = if mixed {
            (
                format!("“{raw}”混用全角和半角括号，应使用全角括号"),
                format!("{raw} mixes full- and half-width brackets"),
            )
        } else {
            (
                format!("“{raw}”使用了半角括号，应使用全角括号“（）”"),
                format!("{raw} uses half-width brackets; use （）"),
            )
        };
        cx.emit(Rule::HalfWidthBrackets, m.span, zh, en, Some(Fix { edits }));
    }
}

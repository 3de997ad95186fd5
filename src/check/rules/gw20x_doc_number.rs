//! The 发文字号 (GW201–GW203): the year in 〔〕 brackets, written with four digits, and the
//! serial with no leading zero and no 第 (国办发〔2024〕5号).

use crate::check::{Ctx, Edit, Fix, Rule};
use crate::tree::{Block, DocNumber};
use crate::Span;

pub(crate) fn check(cx: &mut Ctx) {
    let mut nums = Vec::new();
    cx.doc.walk(&mut |b, _| {
        if let Block::DocNumber(d) = b {
            nums.push((**d).clone());
        }
    });
    for d in &nums {
        doc_number(cx, d);
    }
}

fn doc_number(cx: &mut Ctx, d: &DocNumber) {
    let p = &d.parts;
    // offsets are into the text as parsed; use them only when that text is the source text
    let exact = cx.text(d.text.span) == d.text.text;
    let base = d.text.span.start;
    let (open_at, after_close, _serial_at, hao_at) = p.offsets;
    if p.brackets != ('〔', '〕') {
        let fix = exact.then(|| {
            let close_at = after_close - p.brackets.1.len_utf8();
            Fix {
                edits: vec![
                    Edit {
                        span: Span::new(base + open_at, base + open_at + p.brackets.0.len_utf8()),
                        replacement: "〔".into(),
                    },
                    Edit {
                        span: Span::new(base + close_at, base + after_close),
                        replacement: "〕".into(),
                    },
                ],
            }
        });
        let span = if exact {
            Span::new(base + open_at, base + after_close)
        } else {
            d.text.span
        };
        cx.emit(
            Rule::DocNumberBrackets,
            span,
            format!(
                "发文字号年份应使用六角括号“〔〕”，不用“{}{}”",
                p.brackets.0, p.brackets.1
            ),
            format!(
                "发文字号: the year goes in 〔〕, not {}{}",
                p.brackets.0, p.brackets.1
            ),
            fix,
        );
    }
    if p.year.len() != 4 {
        cx.emit(
            Rule::DocNumberYear,
            d.text.span,
            format!("发文字号年份“{}”应写全四位", p.year),
            format!(
                "发文字号: write the year {:?} in full (four digits)",
                p.year
            ),
            None,
        );
    }
    let zero = p.serial.len() > 1 && p.serial.starts_with(['0', '０']);
    if p.di || zero {
        let trimmed = p.serial.trim_start_matches(['0', '０']);
        let trimmed = if trimmed.is_empty() { "0" } else { trimmed };
        let span = Span::new(base + after_close, base + hao_at);
        let fix = exact.then(|| Fix {
            edits: vec![Edit {
                span,
                replacement: trimmed.to_string(),
            }],
        });
        cx.emit(
            Rule::DocNumberSerial,
            if exact { span } else { d.text.span },
            format!(
                "发文字号序号“{}”不编虚位、不加“第”，应为“{trimmed}”",
                &d.text.text.get(after_close..hao_at).unwrap_or("")
            ),
            format!("发文字号: the serial takes no leading zero and no 第; write {trimmed}"),
            fix,
        );
    }
}

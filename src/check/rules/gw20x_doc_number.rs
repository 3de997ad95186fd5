//! Document elements (GW201–GW221): the 发文字号 (〔〕 brackets, a four-digit year, no leading
//! zero and no 第 before the serial), dates (no leading zeros, one kind of numeral) and the
//! colon after 附件.

use crate::check::{Ctx, Edit, Fix, Rule};
use crate::tree::{Block, DateLine, DocNumber, Text};
use crate::Span;

pub(crate) fn check(cx: &mut Ctx) {
    let mut nums = Vec::new();
    let mut dates = Vec::new();
    let mut colons: Vec<Text> = Vec::new();
    cx.doc.walk(&mut |b, _| match b {
        Block::DocNumber(d) => nums.push((**d).clone()),
        Block::Date(d) => dates.push(d.clone()),
        Block::Attachment(a) => {
            if let Some(c) = a.colon.as_ref().filter(|c| c.text == ":") {
                colons.push(c.clone());
            }
        }
        _ => {}
    });
    for d in &nums {
        doc_number(cx, d);
    }
    for d in &dates {
        date(cx, d);
    }
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

fn date(cx: &mut Ctx, d: &DateLine) {
    let p = &d.parts;
    if p.mixed {
        cx.emit(
            Rule::DateMixedNumerals,
            d.text.span,
            "日期混用汉字和阿拉伯数字".into(),
            "the date mixes Chinese and Arabic numerals".into(),
            None,
        );
    }
    if p.zero_padded && !p.chinese {
        // the month and day are the digit runs right after 年 and 月
        let text = cx.text(d.text.span);
        let base = d.text.span.start;
        let mut edits = Vec::new();
        for unit in ['年', '月'] {
            let Some(i) = text.find(unit) else { continue };
            let after = i + unit.len_utf8();
            let rest = &text[after..];
            let lead = rest.len() - rest.trim_start_matches(' ').len();
            let run_start = after + lead;
            let run: String = text[run_start..]
                .chars()
                .take_while(|c| c.is_ascii_digit() || ('０'..='９').contains(c))
                .collect();
            let zeros: usize = run
                .chars()
                .take_while(|c| *c == '0' || *c == '０')
                .map(char::len_utf8)
                .sum();
            if run.chars().count() > 1 && zeros > 0 && zeros < run.len() {
                edits.push(Edit {
                    span: Span::new(base + run_start, base + run_start + zeros),
                    replacement: String::new(),
                });
            }
        }
        cx.emit(
            Rule::DateZeroPadded,
            d.text.span,
            "日期中的月、日不编虚位（如1月5日，不写01月05日）".into(),
            "no leading zero in the month or day (1月5日, not 01月05日)".into(),
            Some(Fix { edits }),
        );
    }
}

//! Dates (GW211, GW212): no leading zero in the month or day (1月5日, not 01月05日), and one
//! kind of numeral (二〇二四年1月5日 mixes them).

use crate::check::{Ctx, Edit, Fix, Rule};
use crate::tree::{Block, DateLine};
use crate::Span;

pub(crate) fn check(cx: &mut Ctx) {
    let mut dates = Vec::new();
    cx.doc.walk(&mut |b, _| {
        if let Block::Date(d) = b {
            dates.push(d.clone());
        }
    });
    for d in &dates {
        date(cx, d);
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

//! Content that is not final (GW301, GW302): elisions and paywall notices left in the text, and
//! placeholders (XX县, ××, 某某).

use crate::check::{Ctx, Rule};
use crate::tree::ChromeKind;
use crate::tree::ElisionKind;
use crate::tree::{Block, Paragraph};
use crate::Span;

/// Placeholder runs: two or more X/×/Ｘ, or 某某. One pass over the characters, holding only
/// the one before the run and the one after it.
fn placeholders(text: &str, base: usize, out: &mut Vec<Span>) {
    let is_x = |c: char| matches!(c, 'X' | 'x' | '×' | 'Ｘ' | 'ｘ' | '╳');
    let is_lower = |c: char| c == 'x' || c == 'ｘ';
    let ascii_word = |c: Option<char>| c.is_some_and(|c| c.is_ascii_alphanumeric());
    let mut prev: Option<char> = None;
    let mut it = text.char_indices().peekable();
    while let Some((at, c)) = it.next() {
        if is_x(c) {
            let (mut end, mut run, mut lower, mut last) = (at + c.len_utf8(), 1, is_lower(c), c);
            while let Some(&(k, d)) = it.peek().filter(|&&(_, d)| is_x(d)) {
                it.next();
                (end, run, lower, last) = (k + d.len_utf8(), run + 1, lower && is_lower(d), d);
            }
            // XX县 / ××: at least two, not inside an ASCII word; lower-case only next to CJK
            let word = ascii_word(prev) || ascii_word(it.peek().map(|&(_, d)| d));
            if run >= 2 && !word && (!lower || run <= 3) {
                out.push(Span::new(base + at, base + end));
            }
            prev = Some(last);
            continue;
        }
        if c == '某' {
            if let Some((k, d)) = it.next_if(|&(_, d)| d == '某') {
                out.push(Span::new(base + at, base + k + d.len_utf8()));
                prev = Some(d);
                continue;
            }
        }
        prev = Some(c);
    }
}

/// Elisions inside a paragraph that cut it: a notice (（略）, 省略854字), or dots that end the
/// paragraph. An ellipsis in the middle of a sentence (a quotation that leaves words out) is
/// ordinary punctuation.
fn cut_elisions(src: &str, p: &Paragraph) -> Vec<(Span, String)> {
    p.elisions
        .iter()
        .filter(|e| {
            e.kind == ElisionKind::Notice
                || src
                    .get(e.span.end..p.span.end.max(e.span.end))
                    .is_some_and(|rest| {
                        rest.trim_matches(|c: char| {
                            c.is_whitespace() || "。”\"’）)」』".contains(c)
                        })
                        .is_empty()
                    })
        })
        .map(|e| (e.span, e.text.clone()))
        .collect()
}

pub(crate) fn check(cx: &mut Ctx) {
    let src = cx.src;
    let mut cuts: Vec<(Span, String)> = Vec::new();
    let mut spans: Vec<Span> = Vec::new();
    cx.doc.walk(&mut |b, _| {
        match b {
            Block::Elision(e) => cuts.push((e.span, e.text.clone())),
            Block::Chrome(c) if c.kind == ChromeKind::Paywall => {
                cuts.push((c.span, c.text.text.clone()))
            }
            Block::Paragraph(p) => cuts.extend(cut_elisions(src, p)),
            Block::Section(s) => {
                if let Some(r) = &s.run_in {
                    cuts.extend(cut_elisions(src, r));
                    spans.push(r.span);
                }
            }
            Block::Point(p) => {
                if let Some(r) = &p.body {
                    cuts.extend(cut_elisions(src, r));
                    spans.push(r.span);
                }
            }
            _ => {}
        }
        if !matches!(b, Block::Chrome(_)) {
            spans.extend(b.own_spans());
        }
    });
    for (span, text) in cuts {
        let t: String = text.chars().take(20).collect();
        cx.emit(
            Rule::ElidedContent,
            span,
            format!("正文有删节或付费提示“{t}”，内容不完整"),
            format!("content is elided or cut by a notice ({t:?}); this is not the final text"),
            None,
        );
    }
    spans.sort();
    spans.dedup();
    let mut found = Vec::new();
    for s in spans {
        placeholders(cx.text(s), s.start, &mut found);
    }
    found.sort();
    found.dedup();
    let mut last_end = 0;
    for s in found {
        if s.start < last_end {
            continue;
        }
        last_end = s.end;
        let t = cx.text(s).to_string();
        cx.emit(
            Rule::Placeholder,
            s,
            format!("文中留有占位符“{t}”"),
            format!("placeholder {t:?} left in the text"),
            None,
        );
    }
}

//! Content that is not final (GW301, GW302): elisions and paywall notices left in the text, and
//! placeholders (XX县, ××, 某某).

use crate::check::{Ctx, Rule};
use crate::tree::ChromeKind;
use crate::tree::ElisionKind;
use crate::tree::{Block, Paragraph};
use crate::Span;

/// Placeholder runs: two or more X/×/Ｘ, or 某某.
fn placeholders(text: &str, base: usize, out: &mut Vec<Span>) {
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    let mut i = 0;
    while i < chars.len() {
        let (at, c) = chars[i];
        let is_x = |c: char| matches!(c, 'X' | 'x' | '×' | 'Ｘ' | 'ｘ' | '╳');
        if is_x(c) {
            let mut j = i;
            while j < chars.len() && is_x(chars[j].1) {
                j += 1;
            }
            let end = chars.get(j).map_or(text.len(), |x| x.0);
            let run = j - i;
            let ascii_word =
                |k: Option<&(usize, char)>| k.is_some_and(|(_, c)| c.is_ascii_alphanumeric());
            let lower = text[at..end].chars().all(|c| c == 'x' || c == 'ｘ');
            // XX县 / ××: at least two, not inside an ASCII word; lower-case only next to CJK
            let prev = if i > 0 { chars.get(i - 1) } else { None };
            let word = ascii_word(prev) || ascii_word(chars.get(j));
            if run >= 2 && !word && (!lower || run <= 3) {
                out.push(Span::new(base + at, base + end));
            }
            i = j;
            continue;
        }
        if c == '某' && chars.get(i + 1).is_some_and(|x| x.1 == '某') {
            let end = chars.get(i + 2).map_or(text.len(), |x| x.0);
            out.push(Span::new(base + at, base + end));
            i += 2;
            continue;
        }
        i += 1;
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

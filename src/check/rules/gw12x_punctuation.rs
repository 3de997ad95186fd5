//! Punctuation after a marker (GW121–GW123).
//!
//! 一 takes 、; 1 takes a dot (`.`, or `．` where the house allows it); bracketed and circled
//! markers take nothing (GW122 for 、 . ， after them); a bare 一 before a space lacks its 、.
//!
//! An elision is content, never punctuation: where what the parser took for a marker's
//! punctuation is the first dot of an elision (`（一）......`, `一......`), the marker has no
//! punctuation, and no fix touches the dots. A fix covers all the punctuation it names
//! (`（三）、、` loses both 、), so that one application leaves nothing for the next.

use crate::check::config::ArabicDot;
use crate::check::{Ctx, Edit, Fix, Rule};
use crate::grammar::elision::elision_run;
use crate::grammar::marker::marker;
use crate::tree::Family;
use crate::tree::{Block, Marker};
use crate::Span;

/// The markers of the headings, in source order.
fn markers<'a>(blocks: &'a [Block], out: &mut Vec<&'a Marker>) {
    for b in blocks {
        if let Block::Section(s) = b {
            if let Some(m) = &s.marker {
                out.push(m);
            }
        }
        markers(b.children(), out);
    }
}

/// The dot this document should use after 1: the house setting, else the dot the document
/// itself uses most (ASCII on a tie).
fn dot(cx: &Ctx, ms: &[&Marker]) -> &'static str {
    match cx.house.arabic_dot {
        ArabicDot::Ascii => ".",
        ArabicDot::FullWidth => "．",
        ArabicDot::Either => {
            let (a, f) = ms
                .iter()
                .fold((0, 0), |(a, f), m| match (m.family, m.punct.as_str()) {
                    (Family::ArabicDot, ".") => (a + 1, f),
                    (Family::ArabicDot, "．") => (a, f + 1),
                    _ => (a, f),
                });
            if f > a {
                "．"
            } else {
                "."
            }
        }
    }
}

/// Whether the punctuation of `m` (past any spaces) is the first character of an elision, as
/// the dot of （一）...... or 一...... is: then it is content, and the marker has none.
fn starts_elision(cx: &Ctx, m: &Marker) -> bool {
    // the punctuation as it shows; its last characters are the last of its source
    let p = m.punct.trim_start_matches([' ', '\u{3000}']);
    let Some(at) = m.punct_span.end.checked_sub(p.len()) else {
        return false;
    };
    cx.src
        .get(at..)
        .is_some_and(|rest| elision_run(rest).is_ok())
}

pub(crate) fn check(cx: &mut Ctx) {
    let doc = cx.doc;
    let mut ms = Vec::new();
    markers(&doc.blocks, &mut ms);
    let (elided, ms): (Vec<&Marker>, Vec<&Marker>) =
        ms.into_iter().partition(|m| starts_elision(cx, m));
    let want_dot = dot(cx, &ms);
    for &m in &ms {
        match m.family {
            Family::CnComma if m.punct.is_empty() => missing(cx, m),
            Family::CnComma if m.punct != "、" => cn_comma(cx, m),
            // ⒈ holds its full stop in the character
            Family::ArabicDot if !enclosed(m) => arabic_dot(cx, m, want_dot),
            Family::CnParen | Family::ArabicParen | Family::Circled if !m.punct.is_empty() => {
                stray(cx, m)
            }
            _ => {}
        }
    }
    // 一...... is a bare numeral before an elision
    for &m in elided.iter().filter(|m| m.family == Family::CnComma) {
        missing(cx, m);
    }
}

/// Whether `m` is one of the one-character enclosed numbers ⑴ … ⒇, ⒈ … ⒛.
fn enclosed(m: &Marker) -> bool {
    m.raw
        .trim()
        .chars()
        .next()
        .is_some_and(|c| ('⑴'..='⒛').contains(&c))
}

/// GW123: a bare Chinese numeral, with no 、 after it.
fn missing(cx: &mut Ctx, m: &Marker) {
    let raw = m.raw.trim().trim_end_matches(m.punct.as_str()).trim();
    cx.emit(
        Rule::MissingPunctuation,
        m.span,
        format!("“{raw}”后缺少顿号“、”"),
        format!("{raw} has no 、 after it"),
        None,
    );
}

/// The fix that replaces the punctuation of `m` with `r`; none where markup sits inside it
/// (一<!-- x -->. shows as 一.), which the fix would delete.
fn replace(cx: &Ctx, m: &Marker, r: &str) -> Option<Fix> {
    (cx.text(m.punct_span) == m.punct).then(|| Fix {
        edits: vec![Edit {
            span: m.punct_span,
            replacement: r.to_string(),
        }],
    })
}

/// GW121 after a Chinese numeral: 一. 一， "一 、" take 、.
fn cn_comma(cx: &mut Ctx, m: &Marker) {
    let (p, raw) = (m.punct.as_str(), m.raw.trim());
    let ptrim = p.trim_matches([' ', '\u{3000}']);
    let zh = if ptrim == "、" {
        format!("“{raw}”的顿号前有空格")
    } else {
        format!("“{raw}”后应使用顿号“、”，不用“{ptrim}”")
    };
    cx.emit(
        Rule::MarkerPunctuation,
        m.punct_span,
        zh,
        format!("{raw}: use 、 after a Chinese numeral, not {p:?}"),
        replace(cx, m, "、"),
    );
}

/// GW121 after an Arabic number: the house's dot. No fix where the dot would start an elision
/// with the dots after it (1、... would become 1....).
fn arabic_dot(cx: &mut Ctx, m: &Marker, want_dot: &str) {
    let p = m.punct.as_str();
    // 3.0 is a section number written the engineers' way, its own style, not a wrong dot
    let point_zero = p.trim_end_matches(['.', '．']).ends_with('0');
    let ok = point_zero
        || match cx.house.arabic_dot {
            ArabicDot::Either => p == "." || p == "．",
            _ => p == want_dot,
        };
    if ok {
        return;
    }
    let after = cx.src.get(m.punct_span.end..).unwrap_or("");
    let head: String = after.chars().take(2).collect();
    let joins = elision_run(&format!("{want_dot}{head}")).is_ok();
    let raw = m.raw.trim();
    cx.emit(
        Rule::MarkerPunctuation,
        m.punct_span,
        format!("“{raw}”后应使用“{want_dot}”，不用“{p}”"),
        format!("{raw}: use {want_dot} after an Arabic number, not {p:?}"),
        if joins {
            None
        } else {
            replace(cx, m, want_dot)
        },
    );
}

/// GW122: punctuation after a bracketed or circled marker. The finding and its fix cover all
/// of it, up to the first character the marker would not take for punctuation once what is
/// before it is gone, or that starts an elision: （三）、、 loses both 、, （一）、...... only the 、.
fn stray(cx: &mut Ctx, m: &Marker) {
    let span = Span::new(m.punct_span.start, stray_end(cx, m));
    let raw = m.raw.trim();
    // none where markup sits inside the punctuation: the fix would delete it
    let plain = cx.text(m.punct_span) == m.punct;
    let stray = if plain {
        cx.text(span)
    } else {
        m.punct.as_str()
    };
    cx.emit(
        Rule::StrayPunctuation,
        if plain { span } else { m.punct_span },
        format!("“{raw}”后不加标点，应删去“{stray}”"),
        format!("{raw}: a bracketed or circled marker takes no punctuation; drop {stray:?}"),
        plain.then(|| Fix {
            edits: vec![Edit {
                span,
                replacement: String::new(),
            }],
        }),
    );
}

/// Where the stray punctuation after `m` ends: past its own, and past each next character
/// that the marker, as it shows without its punctuation, would take for punctuation, as long as
/// it does not start an elision.
fn stray_end(cx: &Ctx, m: &Marker) -> usize {
    let mut end = m.punct_span.end;
    let Some(bare) = m.raw.strip_suffix(m.punct.as_str()) else {
        return end;
    };
    while let Some(c) = cx.src[end..].chars().next() {
        if elision_run(&cx.src[end..]).is_ok() {
            break;
        }
        let probe = format!("{bare}{c}");
        match marker(&probe) {
            Ok((_, t)) if t.punct.0 < t.punct.1 && t.len == probe.len() => end += c.len_utf8(),
            _ => break,
        }
    }
    end
}

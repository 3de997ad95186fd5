//! Punctuation after a marker (GW121–GW123).
//!
//! 一 takes 、; 1 takes a dot (`.`, or `．` where the house allows it); bracketed and circled
//! markers take nothing (GW122 for 、 . ， after them); a bare 一 before a space lacks its 、.

use crate::check::config::ArabicDot;
use crate::check::{Ctx, Edit, Fix, Rule};
use crate::tree::Family;
use crate::tree::{Block, Marker};

/// The markers of the headings, in source order.
fn markers(blocks: &[Block], out: &mut Vec<Marker>) {
    for b in blocks {
        if let Block::Section(s) = b {
            if let Some(m) = &s.marker {
                out.push(m.clone());
            }
        }
        markers(b.children(), out);
    }
}

/// The dot this document should use after 1: the house setting, else the dot the document
/// itself uses most (ASCII on a tie).
fn dot(cx: &Ctx, ms: &[Marker]) -> &'static str {
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

pub(crate) fn check(cx: &mut Ctx) {
    let mut ms = Vec::new();
    markers(&cx.doc.blocks, &mut ms);
    let want_dot = dot(cx, &ms);
    for m in &ms {
        let p = m.punct.as_str();
        let ptrim = p.trim_matches([' ', '\u{3000}']);
        let raw = m.raw.trim();
        let fix_with = |r: &str| {
            Some(Fix {
                edits: vec![Edit {
                    span: m.punct_span,
                    replacement: r.to_string(),
                }],
            })
        };
        match m.family {
            Family::CnComma => {
                if p == "、" {
                } else if p.is_empty() {
                    cx.emit(
                        Rule::MissingPunctuation,
                        m.span,
                        format!("“{raw}”后缺少顿号“、”"),
                        format!("{raw} has no 、 after it"),
                        None,
                    );
                } else {
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
                        fix_with("、"),
                    );
                }
            }
            Family::ArabicDot => {
                let ok = match cx.house.arabic_dot {
                    ArabicDot::Either => p == "." || p == "．",
                    _ => p == want_dot,
                };
                if !ok {
                    cx.emit(
                        Rule::MarkerPunctuation,
                        m.punct_span,
                        format!("“{raw}”后应使用“{want_dot}”，不用“{p}”"),
                        format!("{raw}: use {want_dot} after an Arabic number, not {p:?}"),
                        fix_with(want_dot),
                    );
                }
            }
            Family::CnParen | Family::ArabicParen | Family::Circled if !p.is_empty() => {
                cx.emit(
                    Rule::StrayPunctuation,
                    m.punct_span,
                    format!("“{raw}”后不加标点，应删去“{ptrim}”"),
                    format!(
                        "{raw}: a bracketed or circled marker takes no punctuation; drop {ptrim:?}"
                    ),
                    fix_with(""),
                );
            }
            _ => {}
        }
    }
}

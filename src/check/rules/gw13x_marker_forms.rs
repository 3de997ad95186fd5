//! The form of markers (GW131, GW132, GW133). （一） and （1） take full-width brackets; (一),
//! (1) and mixed （一) are fixed by replacing only the bracket characters. One form per level
//! in a document: not 1. here and （1） there for the same level, nor 1. and 1．. And no space
//! inside a 第X条 or 第X章 marker (`第一百二十八 条`, as text extracted from PDF has it): the fix
//! deletes the space.

use super::gw11x_levels::{family_form, humanities};
use crate::check::{plain_head, starts_attached, Ctx, Edit, Fix, Rule};
use crate::tree::Family;
use crate::tree::{Block, Section};
use crate::Span;
use std::collections::BTreeMap;

pub(crate) fn check(cx: &mut Ctx) {
    half_width_brackets(cx);
    mixed_forms(cx);
    space_in_marker(cx);
}

/// GW133: `第一百二十八 条`, a space between a statute marker's number and its 条/章/节.
fn space_in_marker(cx: &mut Ctx) {
    let mut found = Vec::new();
    cx.doc.walk(&mut |b, _| {
        if let Block::Section(s) = b {
            if let Some(m) = s.marker.as_ref().filter(|m| m.family.is_statute()) {
                found.push(m.clone());
            }
        }
    });
    for m in found {
        let text = cx.text(m.span);
        let Some(at) = text.find([' ', '\u{3000}']) else {
            continue;
        };
        let inside = text[at..].trim_start_matches([' ', '\u{3000}']);
        // only a space inside the marker: 条, 章, 节, 编, 篇 or 部分 follows it
        if inside.is_empty() || !inside.starts_with(['条', '章', '节', '编', '篇', '部', '分'])
        {
            continue;
        }
        let gap = Span::new(
            m.span.start + at,
            m.span.start + (text.len() - inside.len()),
        );
        let raw = m.raw.trim();
        cx.emit(
            Rule::SpaceInMarker,
            gap,
            format!("“{raw}”中间有空格"),
            format!("{raw} has a space inside it"),
            Some(Fix {
                edits: vec![Edit {
                    span: gap,
                    replacement: String::new(),
                }],
            }),
        );
    }
}

/// GW131: (一), (1), （一) and the like.
fn half_width_brackets(cx: &mut Ctx) {
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
        let edits = full_width_brackets(cx, m.span);
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
        // none where markup sits inside the marker: its brackets may be the markup's
        let plain = plain_head(cx, &m).is_some();
        cx.emit(
            Rule::HalfWidthBrackets,
            m.span,
            zh,
            en,
            plain.then_some(Fix { edits }),
        );
    }
}

/// How often a form was seen, and where first, as written.
type FormSeen = (usize, crate::Span, String);

/// One form per level per document (per attached document): families at the same level, and
/// the ASCII and full-width dot after 1 mixed.
fn mixed_forms(cx: &mut Ctx) {
    /// Each section with its segment, and whether it goes on from a ①… run among its
    /// siblings (①…⑩ then （11）: one sequence, in the circled form).
    fn segments<'a>(
        blocks: &'a [Block],
        seg: &mut usize,
        top: bool,
        out: &mut Vec<(usize, &'a Section, bool)>,
    ) {
        let mut prev: Option<(Family, u32, bool)> = None;
        for b in blocks {
            if top && starts_attached(b) {
                *seg += 1;
            }
            if let Block::Section(s) = b {
                let run_on = s.marker.as_ref().is_some_and(|m| {
                    prev.is_some_and(|(f, n, on)| {
                        m.family.continues_circled(m.ordinal, (f, n)) || (on && f == m.family)
                    })
                });
                prev = s.marker.as_ref().map(|m| (m.family, m.ordinal, run_on));
                out.push((*seg, s, run_on));
            }
            segments(b.children(), seg, false, out);
        }
    }
    let mut all = Vec::new();
    segments(&cx.doc.blocks, &mut 0, true, &mut all);
    // (segment, level) → form → (count, first marker span)
    let mut forms: BTreeMap<(usize, u8), BTreeMap<String, FormSeen>> = BTreeMap::new();
    for (seg, s, run_on) in all {
        let Some(m) = &s.marker else { continue };
        if !humanities(m.family) {
            continue;
        }
        let form = match m.family {
            _ if run_on => family_form(Family::Circled),
            Family::ArabicDot if matches!(m.punct.as_str(), "." | "．") => format!("1{}", m.punct),
            f => family_form(f),
        };
        let e = forms
            .entry((seg, s.level))
            .or_default()
            .entry(form)
            .or_insert((0, m.span, m.raw.clone()));
        e.0 += 1;
    }
    for (_, fs) in forms {
        if fs.len() < 2 {
            continue;
        }
        let (major, _) = fs
            .iter()
            .max_by_key(|(_, (n, sp, _))| (*n, std::cmp::Reverse(sp.start)))
            .map(|(k, v)| (k.clone(), v.clone()))
            .unwrap_or_default();
        for (form, (_, span, raw)) in &fs {
            if *form == major {
                continue;
            }
            cx.emit(
                Rule::MixedForms,
                *span,
                format!("同一层级混用{}和{}两种序号形式", major, form),
                format!(
                    "this level uses both {major} and {form} (first {} here)",
                    raw.trim()
                ),
                None,
            );
        }
    }
}

/// The edits that make a marker's brackets full-width: its first opening bracket and the
/// closing one after it, where they are half-width.
pub(super) fn full_width_brackets(cx: &Ctx, span: Span) -> Vec<Edit> {
    let mut edits = Vec::new();
    let mut seen_open = false;
    for (i, c) in cx.text(span).char_indices() {
        let at = Span::new(span.start + i, span.start + i + c.len_utf8());
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
    edits
}

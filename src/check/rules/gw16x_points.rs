//! Point series (GW161–GW163): 一是/二是, 一要/二要, 第一，/第二，, 其一，/其二， must not skip
//! or repeat; 首先/其次 must not be mixed with 第一/第二 in one series; 第一、 takes a comma.

use crate::check::{containers, numeral_span, render_like, Ctx, Edit, Fix, Rule};
use crate::tree::PointFamily;
use crate::tree::{Block, Point};
use std::collections::HashSet;

fn label(f: PointFamily) -> &'static str {
    match f {
        PointFamily::Shi => "一是、二是",
        PointFamily::Yao => "一要、二要",
        PointFamily::Di => "第一、第二",
        PointFamily::Qi => "其一、其二",
        PointFamily::Sequence => "首先、其次",
        PointFamily::Dash => "——",
    }
}

/// The points of a container as one reading sequence: each point, then the points nested
/// directly under it (the parser nests a point of another family one level down).
fn flattened(blocks: &[Block]) -> Vec<&Point> {
    let mut v = Vec::new();
    for b in blocks {
        if let Block::Point(p) = b {
            v.push(&**p);
            v.extend(p.children.iter().filter_map(|c| match c {
                Block::Point(q) => Some(&**q),
                _ => None,
            }));
        }
    }
    v
}

pub(crate) fn check(cx: &mut Ctx) {
    let mixed = series_mix(cx);
    series(cx, &mixed);
}

/// GW162: 首先/其次 mixed with 第一/第二 or 其一/其二, one finding per mix. Returns where the
/// numbered points in a mix start: they are not also reported as a skipping series.
fn series_mix(cx: &mut Ctx) -> HashSet<usize> {
    let doc = cx.doc;
    let mut mixed: HashSet<usize> = HashSet::new();
    for blocks in containers(doc) {
        let flat = flattened(blocks);
        let seq = flat.iter().find(|p| p.family == PointFamily::Sequence);
        let nums: Vec<&&Point> = flat
            .iter()
            .filter(|p| matches!(p.family, PointFamily::Di | PointFamily::Qi))
            .collect();
        if let (Some(a), Some(b)) = (seq, nums.first()) {
            if mixed.contains(&b.marker.span.start) {
                continue;
            }
            mixed.extend(nums.iter().map(|p| p.marker.span.start));
            let later = if a.span.start > b.span.start { a } else { *b };
            let other = if later.span.start == a.span.start {
                *b
            } else {
                a
            };
            cx.emit(
                Rule::PointSeriesMix,
                later.marker.span,
                format!(
                    "“{}”与前文“{}”序列混用",
                    label(later.family),
                    label(other.family)
                ),
                format!(
                    "{} mixed with {} in one series",
                    label(later.family),
                    label(other.family)
                ),
                None,
            );
        }
    }
    mixed
}

/// GW161 and GW163: each numbered series outside a mix, and 第一、 for 第一，.
fn series(cx: &mut Ctx, mixed: &HashSet<usize>) {
    for blocks in containers(cx.doc) {
        let points: Vec<&Point> = blocks
            .iter()
            .filter_map(|b| match b {
                Block::Point(p) => Some(&**p),
                _ => None,
            })
            .collect();
        // numbered series, one per family, restarting at 1
        for fam in [
            PointFamily::Shi,
            PointFamily::Yao,
            PointFamily::Di,
            PointFamily::Qi,
        ] {
            let mut series: Vec<Vec<&Point>> = Vec::new();
            for p in points.iter().filter(|p| p.family == fam) {
                if p.ordinal == 1 || series.is_empty() {
                    series.push(Vec::new());
                }
                if let Some(s) = series.last_mut() {
                    s.push(p);
                }
            }
            for s in series {
                if !s.iter().any(|p| mixed.contains(&p.marker.span.start)) {
                    sequence(cx, &s);
                }
            }
        }
        for p in &points {
            if p.family == PointFamily::Di && cx.text(p.punct_span) == "、" {
                cx.emit(
                    Rule::PointPunctuation,
                    p.punct_span,
                    format!("“{}”后应使用逗号“，”", p.marker.text.trim_end_matches('、')),
                    "第一/第二 take a comma, not 、".to_string(),
                    Some(Fix {
                        edits: vec![Edit {
                            span: p.punct_span,
                            replacement: "，".into(),
                        }],
                    }),
                );
            }
        }
    }
}

fn sequence(cx: &mut Ctx, s: &[&Point]) {
    let mut edits = Vec::new();
    for (i, p) in s.iter().enumerate() {
        let want = i as u32 + 1;
        if p.ordinal != want {
            match numeral_span(cx.src, p.marker.span, false) {
                Some(n) => edits.push(Edit {
                    span: n,
                    replacement: render_like(cx.text(n), want),
                }),
                None => return,
            }
        }
    }
    let fix = Fix { edits };
    let mut prev: Option<u32> = None;
    for p in s {
        let expected = prev.map_or(1, |x| x + 1);
        if p.ordinal != expected {
            let what = if prev == Some(p.ordinal) {
                "重复"
            } else {
                "跳号"
            };
            let m = p.marker.text.trim();
            cx.emit(
                Rule::PointSequence,
                p.marker.span,
                format!("{}序列{what}：这里是“{m}”", label(p.family)),
                format!(
                    "the {} series {} at {m}",
                    label(p.family),
                    if what == "重复" { "repeats" } else { "skips" }
                ),
                Some(fix.clone()),
            );
        }
        prev = Some(p.ordinal);
    }
}

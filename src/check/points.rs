//! Point series (GW161–GW163): 一是/二是, 一要/二要, 第一，/第二，, 其一，/其二， must not skip
//! or repeat; 首先/其次 must not be mixed with 第一/第二 in one series; 第一、 takes a comma.

use super::{containers, numeral_span, render_like, Ctx, Edit, Fix};
use crate::grammar::point::PointFamily;
use crate::tree::{Block, Point};

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

pub(crate) fn check(cx: &mut Ctx) {
    let doc = cx.doc;
    for blocks in containers(doc) {
        let points: Vec<&Point> = blocks
            .iter()
            .filter_map(|b| match b {
                Block::Point(p) => Some(p),
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
                sequence(cx, &s);
            }
        }
        // 首先/其次 mixed with 第一/第二 or 其一/其二
        let seq = points.iter().find(|p| p.family == PointFamily::Sequence);
        let num = points
            .iter()
            .find(|p| matches!(p.family, PointFamily::Di | PointFamily::Qi));
        if let (Some(a), Some(b)) = (seq, num) {
            let later = if a.span.start > b.span.start { a } else { b };
            let other = if later.span.start == a.span.start {
                b
            } else {
                a
            };
            cx.emit(
                "GW162",
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
        for p in &points {
            if p.family == PointFamily::Di && cx.text(p.punct_span) == "、" {
                cx.emit(
                    "GW163",
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
                "GW161",
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

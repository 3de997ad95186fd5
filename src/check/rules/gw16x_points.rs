//! Point series (GW161–GW163): 一是/二是, 一要/二要, 第一，/第二，, 其一，/其二， must not skip
//! or repeat; 首先/其次 must not be mixed with 第一/第二 in one series; 第一、 takes a comma. A
//! series is renumbered as a heading sequence is (`gw10x_numbering.rs`): the renumbering is
//! shared out among its findings, each edit once, and a finding whose fix renumbers points
//! after its own says how many. A series may begin in the text before its first point (a
//! mid-paragraph `…工作：一是…` continued by a line that starts `二是`, or 首先 opening a
//! 第二，第三， series); then its first point continues it.

use crate::check::renumber::{note, share_out, Sequence};
use crate::check::{containers, numeral_span, render_exact, with_next_char, Ctx, Edit, Fix, Rule};
use crate::grammar::point::point;
use crate::tree::vocabulary::cn_render;
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
fn flattened<'a>(blocks: &[&'a Block]) -> Vec<&'a Point> {
    let mut v = Vec::new();
    for &b in blocks {
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
        let flat = flattened(&blocks);
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

/// How a point of a series is written with the number `n`: 二是, 第二, 其二.
fn show(f: PointFamily, n: u32) -> String {
    let n = cn_render(n);
    match f {
        PointFamily::Shi => format!("{n}是"),
        PointFamily::Yao => format!("{n}要"),
        PointFamily::Di => format!("第{n}"),
        PointFamily::Qi => format!("其{n}"),
        PointFamily::Sequence | PointFamily::Dash => n,
    }
}

/// The edit that gives point `p` the number `want`, when the point with it reads back as the
/// same point with that number; none for a point with markup inside.
fn renumbered(cx: &Ctx, p: &Point, want: u32) -> Option<Edit> {
    let m = p.marker.span;
    if cx.text(m) != p.marker.text {
        return None;
    }
    let num = numeral_span(cx.src, m, false)?;
    let new = render_exact(cx.text(num), want)?;
    let line = with_next_char(cx.src, m.start, m.end)?;
    let next = line.len() - m.len();
    let probe = format!(
        "{}{new}{}",
        &cx.src[m.start..num.start],
        &line[num.end - m.start..]
    );
    let (_, t) = point(&probe).ok()?;
    let same = t.family == p.family && t.ordinal == want && t.len + next == probe.len();
    same.then_some(Edit {
        span: num,
        replacement: new,
    })
}

/// Where the look back of [`started_before`] starts in `head`: up to 40 lines back, and no
/// more than 16 KiB.
fn window_start(head: &str) -> usize {
    let mut from = head.len();
    for _ in 0..40 {
        // the line break that ends the line before (a window that starts at a line's start
        // has it just before `from`)
        let upto = if head[..from].ends_with('\n') {
            from - 1
        } else {
            from
        };
        match head[..upto].rfind('\n') {
            Some(i) if head.len() - i < 16 * 1024 => from = i + 1,
            _ => {
                if head.len() < 16 * 1024 {
                    from = 0;
                }
                break;
            }
        }
    }
    from
}

/// Whether the series that point `p` continues began in the text before it: its first
/// member mid-paragraph after a sentence end or a colon (`…主要工作：一是要…`, then a line
/// that starts `二是…`), or, for 第二, a 首先 opening the series. The members before `p` must
/// all be there, in order, and the one due at `p` must not follow them already (that was an
/// earlier, complete series). Reads back at most a few dozen lines.
fn started_before(src: &str, p: &Point) -> bool {
    let at = p.marker.span.start;
    let Some(head) = src.get(..at) else {
        return false;
    };
    let window = &head[window_start(head)..];
    let n = p.ordinal;
    if n > 20 {
        return false;
    }
    let opens = |i: usize| {
        // at a line start, or after a sentence end or a colon
        let before = window[..i].trim_end_matches([' ', '　', '*', '\t']);
        before.is_empty()
            || before.ends_with('\n')
            || before.ends_with(['。', '：', ':', '；', '！', '？', '，'])
    };
    let words = |k: u32| -> Vec<String> {
        let w = show(p.family, k);
        match p.family {
            // 第一， 其一， and not 第一次, 其一生
            PointFamily::Di | PointFamily::Qi => vec![format!("{w}，"), format!("{w}、")],
            _ => vec![w],
        }
    };
    let mut openers = words(1);
    if p.family == PointFamily::Di && n == 2 {
        openers.push("首先".to_string());
    }
    if matches!(p.family, PointFamily::Sequence | PointFamily::Dash) {
        return false;
    }
    // the last few places where the series can open, latest first
    let mut starts: Vec<usize> = Vec::new();
    for w in &openers {
        let mut end = window.len();
        while let Some(i) = window[..end].rfind(w.as_str()) {
            if opens(i) {
                starts.push(i);
                if starts.len() >= 8 {
                    break;
                }
            }
            end = i;
        }
    }
    let find = |from: usize, k: u32| {
        words(k)
            .iter()
            .filter_map(|w| window[from..].find(w.as_str()))
            .min()
            .map(|i| from + i)
    };
    starts.into_iter().any(|start| {
        let mut pos = start;
        for k in 2..n {
            match find(pos, k) {
                Some(i) => pos = i,
                None => return false,
            }
        }
        find(pos, n).is_none()
    })
}

/// The messages of a point of series `p` that skips or (`repeat`) repeats.
fn message(p: &Point, repeat: bool) -> (String, String) {
    let what = if repeat { "重复" } else { "跳号" };
    let m = p.marker.text.trim();
    (
        format!("{}序列{what}：这里是“{m}”", label(p.family)),
        format!(
            "the {} series {} at {m}",
            label(p.family),
            if repeat { "repeats" } else { "skips" }
        ),
    )
}

/// GW161 on one numbered series: each point that skips or repeats, with its share of the
/// series' renumbering (as for headings, `check/renumber.rs`).
fn sequence(cx: &mut Ctx, s: &[&Point]) {
    // the points that break the series, and whether each repeats the one before
    let mut found: Vec<(usize, bool)> = Vec::new();
    // a series whose first members are in the text before it, not points of their own
    let mut prev: Option<u32> = s
        .first()
        .filter(|p| p.ordinal > 1 && started_before(cx.src, p))
        .map(|p| p.ordinal - 1);
    for (i, p) in s.iter().enumerate() {
        if p.ordinal != prev.map_or(1, |x| x.saturating_add(1)) {
            found.push((i, prev == Some(p.ordinal)));
        }
        prev = Some(p.ordinal);
    }
    if found.is_empty() {
        return;
    }
    let ordinals: Vec<u32> = s.iter().map(|p| p.ordinal).collect();
    let at: Vec<usize> = s.iter().map(|p| p.marker.span.start).collect();
    let findings: Vec<(usize, Rule)> = found.iter().map(|f| (f.0, Rule::PointSequence)).collect();
    let seq = Sequence {
        ordinals: &ordinals,
        at: &at,
        findings: &findings,
        group: &[Rule::PointSequence],
    };
    let mut shares = share_out(
        cx,
        &seq,
        |_, _| Rule::PointSequence,
        |i, n| renumbered(cx, s[i], n),
    );
    for (k, &(i, repeat)) in found.iter().enumerate() {
        let (mut zh, mut en) = message(s[i], repeat);
        let (fix, more) = shares.take(k);
        if let Some((more, a, b)) = more {
            let f = s[i].family;
            let (z, e) = note(more, &show(f, a), &show(f, b));
            zh.push_str(&z);
            en.push_str(&e);
        }
        cx.emit(Rule::PointSequence, s[i].marker.span, zh, en, fix);
    }
}

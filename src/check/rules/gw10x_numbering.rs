//! Sibling numbering (GW101–GW104): within each container, headings of one family form a
//! sequence that must run 1, 2, 3 … The sequences of 编/章/节 are found the same way and
//! reported as GW151 in `gw15x_statute.rs`.
//!
//! **How a renumbering is presented.** A sequence has one renumbering, and each of its edits is
//! given once: it belongs to the finding nearest before the marker it edits, so a finding's fix
//! renumbers its own marker and the markers after it up to the next finding
//! (`check/renumber.rs`). Where that is more than its own marker, the finding's message says
//! so, with how many and to which numbers (`三、 … ；修复时本序号及其后2个同级序号依次改为二至四`,
//! `…; the fix renumbers this marker and the 2 after it (二 to 四)`): what a finding names is
//! exactly what its fix edits, and a fix edits nothing else.
//!
//! The other ways were worse. One fix on the first finding, with the others referring to it,
//! reaches far from the marker it names, and is lost whole when that one finding is switched
//! off; the whole renumbering copied onto every finding costs n² edits for n findings and
//! gives each edit many times. A finding only for each marker whose number changes would
//! report markers that are right where they stand. Sharing the renumbering out keeps the
//! `check --format json` contract (each finding with its `fix` where it has one, the edits
//! together those of the renumbering), costs n edits, and lets a disable comment or the
//! configuration keep the renumbering off exactly the markers it covers.

use crate::check::renumber::{note, share_out, Sequence};
use crate::check::{
    has_cut, numeral_span, plain_head, render_exact, starts_attached, with_next_char, Ctx, Edit,
    Rule,
};
use crate::grammar::marker::marker;
use crate::tree::vocabulary::cn_render;
use crate::tree::Family;
use crate::tree::{Block, Marker, Section};
use crate::Span;

/// One sibling sequence: sections of one family under one parent, with whether content was
/// cut (elided) between consecutive members.
pub(crate) struct Group<'a> {
    pub family: Family,
    pub members: Vec<&'a Section>,
    /// `cut[i]`: content was elided between member i-1 and member i.
    pub cut: Vec<bool>,
    /// The list of blocks the members sit in (its address: groups with the same one are
    /// siblings in one container).
    pub container: usize,
    /// The family of the nearest numbered section above the members (`None`: the title).
    pub parent: Option<Family>,
}

/// Every sibling sequence of a list of blocks and, recursively, of their children.
pub(crate) fn groups_of<'a>(blocks: &'a [Block], out: &mut Vec<Group<'a>>) {
    groups_under(blocks, None, out)
}

/// [`groups_of`] for blocks under a numbered section of family `parent` (`None`: the title).
fn groups_under<'a>(blocks: &'a [Block], parent: Option<Family>, out: &mut Vec<Group<'a>>) {
    // split the list into segments at attached-document starts
    let mut open: Vec<(Family, Vec<u32>, Group<'a>, usize)> = Vec::new();
    let flush = |open: &mut Vec<(Family, Vec<u32>, Group<'a>, usize)>, out: &mut Vec<Group<'a>>| {
        for (_, _, g, _) in open.drain(..) {
            out.push(g);
        }
    };
    for (i, b) in blocks.iter().enumerate() {
        if starts_attached(b) {
            flush(&mut open, out);
            continue;
        }
        if let Block::Section(s) = b {
            if let Some(m) = &s.marker {
                if m.family != Family::Unnumbered && m.family != Family::Article {
                    let key_parents = m.parents.clone();
                    match open
                        .iter_mut()
                        .find(|(f, p, _, _)| *f == m.family && *p == key_parents)
                    {
                        Some((_, _, g, last)) => {
                            let between = blocks[*last..i].iter().any(has_cut);
                            g.members.push(s);
                            g.cut.push(between);
                            *last = i;
                        }
                        None => open.push((
                            m.family,
                            key_parents,
                            Group {
                                family: m.family,
                                members: vec![s],
                                cut: vec![false],
                                container: blocks.as_ptr() as usize,
                                parent,
                            },
                            i,
                        )),
                    }
                }
            }
        }
    }
    flush(&mut open, out);
    for b in blocks {
        let own = match b {
            Block::Section(s) => s
                .marker
                .as_ref()
                .map(|m| m.family)
                .filter(|f| *f != Family::Unnumbered),
            _ => None,
        };
        groups_under(b.children(), own.or(parent), out);
    }
}

/// The sibling sequences of the document as it numbers them: [`groups_of`], with two
/// conventions of published documents learnt from the document itself.
///
/// - **A restart that opens a new list** is the start of a sequence of its own: a member
///   numbered 1 after a lead-in (the text before it ends in ：), under a bold or heading line
///   that is not numbered, or under the heading of an appended list (名词解释, 释义, 实事,
///   附件 …). See [`opens_list`].
/// - **A running sequence** (P1): numbering that runs on across parents (（一）…（六） under 一、,
///   （七）… under 二、; 第四章 under 第二篇 after 第三章 under 第一篇). Groups of one family and
///   one form follow each other through the document; where one of them picks up exactly where
///   the one before it ended, the document numbers that family across its parents, and each
///   group that does not start again at 1 is checked as the continuation of the one before it:
///   a gap or a repeat at a boundary is still reported, as one in the running sequence.
pub(crate) fn sequences<'a>(cx: &Ctx, blocks: &'a [Block]) -> Vec<Group<'a>> {
    let mut gs = lists(cx, blocks);
    gs.sort_by_key(|g| first_start(g));
    circled_run_on(&mut gs);
    // where the attached documents start: a running sequence never crosses one
    let attached: Vec<usize> = blocks
        .iter()
        .filter(|b| starts_attached(b))
        .filter_map(|b| b.own_spans().first().map(|s| s.start))
        .collect();
    let segment = |at: usize| attached.partition_point(|&a| a <= at);
    // the chains: groups of one family and form, under parents of one kind, in one document
    // segment, in document order
    type Key = (Family, Vec<u32>, Option<Family>, usize);
    let key = |g: &Group| -> Key {
        let m = g.members[0].marker.as_ref();
        (
            g.family,
            m.map(|m| m.parents.clone()).unwrap_or_default(),
            // 编, 章 and 节 are one kind of parent: items run on across all of them
            g.parent
                .map(|f| if f.is_statute() { Family::Part } else { f }),
            segment(first_start(g)),
        )
    };
    let mut last: std::collections::HashMap<Key, usize> = std::collections::HashMap::new();
    // prev[i]: the group before group i in its chain
    let mut prev: Vec<Option<usize>> = vec![None; gs.len()];
    for (i, g) in gs.iter().enumerate() {
        let k = key(g);
        prev[i] = last.get(&k).copied();
        last.insert(k, i);
    }
    // a chain runs on when one of its groups picks up where the one before it ended
    let ord = |g: &Group, i: usize| g.members[i].marker.as_ref().map_or(0, |m| m.ordinal);
    let end = |g: &Group| {
        let last = g.members[g.members.len() - 1];
        last.marker.as_ref().map_or(0, |m| inline_end(cx.src, m))
    };
    let mut running: std::collections::HashSet<Key> = std::collections::HashSet::new();
    for (i, g) in gs.iter().enumerate() {
        if let Some(p) = prev[i] {
            if ord(g, 0) != 1 && ord(g, 0) == end(&gs[p]) + 1 {
                running.insert(key(g));
            }
        }
    }
    if running.is_empty() {
        return gs;
    }
    // join each group that does not start at 1 to the running sequence before it
    let mut into: Vec<usize> = (0..gs.len()).collect();
    for i in 0..gs.len() {
        if let Some(p) = prev[i] {
            if ord(&gs[i], 0) != 1 && running.contains(&key(&gs[i])) {
                into[i] = into[p];
            }
        }
    }
    let mut out: Vec<Group<'a>> = Vec::with_capacity(gs.len());
    let mut at: Vec<usize> = vec![usize::MAX; gs.len()];
    for (i, g) in gs.into_iter().enumerate() {
        let target = into[i];
        if target == i {
            at[i] = out.len();
            out.push(g);
        } else {
            let t = &mut out[at[target]];
            t.members.extend(g.members);
            t.cut.extend(g.cut);
        }
    }
    out
}

/// ①…⑩ then （11）…: a （N） or N. group that starts where a circled group of the same
/// container ended is the same sequence, numbered past the circled characters. The group is
/// joined to the circled one. `gs` is in document order.
fn circled_run_on(gs: &mut Vec<Group>) {
    let ord = |g: &Group, i: usize| g.members[i].marker.as_ref().map_or(0, |m| m.ordinal);
    let mut i = 1;
    while i < gs.len() {
        let (before, rest) = gs.split_at_mut(i);
        let (p, g) = (&mut before[i - 1], &rest[0]);
        let joins = p.container == g.container
            && g.family
                .continues_circled(ord(g, 0), (p.family, ord(p, p.members.len() - 1)));
        if joins {
            let g = gs.remove(i);
            let p = &mut gs[i - 1];
            p.members.extend(g.members);
            p.cut.extend(g.cut);
        } else {
            i += 1;
        }
    }
}

/// The number a member's line ends on: its own, or, for 1. markers, the last of the items
/// that follow it on the same line and continue it (`55．… 56．… 57．…`: several items in one
/// paragraph, of which only the first is a marker in the tree).
pub(crate) fn inline_end(src: &str, m: &Marker) -> u32 {
    if m.family != Family::ArabicDot || m.punct.is_empty() {
        return m.ordinal;
    }
    let rest = src.get(m.span.end..).unwrap_or("");
    let rest = &rest[..rest.find('\n').unwrap_or(rest.len())];
    let mut n = m.ordinal;
    let mut pos = 0;
    while let Some(next) = n.checked_add(1) {
        let needle = format!("{next}{}", m.punct);
        let mut found = None;
        let mut from = pos;
        while let Some(k) = rest[from..].find(&needle) {
            let at = from + k;
            let before = rest[..at].chars().next_back();
            let after = rest[at + needle.len()..].chars().next();
            let clean = !before.is_some_and(|c| c.is_ascii_digit() || c == '.' || c == '．')
                && !after.is_some_and(|c| c.is_ascii_digit());
            if clean {
                found = Some(at + needle.len());
                break;
            }
            from = at + needle.len();
        }
        match found {
            Some(p) => {
                n = next;
                pos = p;
            }
            None => break,
        }
    }
    n
}

/// [`groups_of`], each group split where a member numbered 1 opens a new list
/// ([`opens_list`]).
pub(crate) fn lists<'a>(cx: &Ctx, blocks: &'a [Block]) -> Vec<Group<'a>> {
    let mut raw = Vec::new();
    groups_of(blocks, &mut raw);
    let mut gs: Vec<Group<'a>> = Vec::with_capacity(raw.len());
    for g in raw {
        split_new_lists(cx, g, &mut gs);
    }
    gs
}

fn first_start(g: &Group) -> usize {
    let s = g.members[0];
    s.marker.as_ref().map_or(s.span.start, |m| m.span.start)
}

/// Split a group where a member numbered 1 opens a new list ([`opens_list`]).
fn split_new_lists<'a>(cx: &Ctx, g: Group<'a>, out: &mut Vec<Group<'a>>) {
    if g.family.is_statute() {
        out.push(g);
        return;
    }
    let mut cur = Group {
        family: g.family,
        members: Vec::new(),
        cut: Vec::new(),
        container: g.container,
        parent: g.parent,
    };
    let mut prev = 0;
    for (s, cut) in g.members.into_iter().zip(g.cut) {
        let n = s.marker.as_ref().map_or(0, |m| m.ordinal);
        // a restart after at least two members (a second 1 right after a 1 is a repeat)
        let restart = s
            .marker
            .as_ref()
            .is_some_and(|m| n == 1 && prev > 1 && opens_list(cx.src, m.span.start));
        prev = n;
        if restart && !cur.members.is_empty() {
            let done = std::mem::replace(
                &mut cur,
                Group {
                    family: g.family,
                    members: Vec::new(),
                    cut: Vec::new(),
                    container: g.container,
                    parent: g.parent,
                },
            );
            out.push(done);
        }
        cur.members.push(s);
        cur.cut
            .push(if cur.members.len() == 1 { false } else { cut });
    }
    if !cur.members.is_empty() {
        out.push(cur);
    }
}

/// Whether the marker at byte `at` opens a new list by what the text right before it shows:
/// a lead-in ending in ：(今年要重点做好以下工作：), a bold or heading line that is not numbered
/// and not a sentence (a part heading), or a short line naming an appended list (名词解释,
/// 词语解释, 释义, 注释, 附注, 实事, 附件), read past a note in brackets under it
/// (（按出现的顺序排列）).
pub(crate) fn opens_list(src: &str, at: usize) -> bool {
    opens(src, at, true)
}

/// [`opens_list`], where a lead-in ending in ： counts only when `lead_in` (an addressee line
/// 各区县人民政府： before the first item opens no list of its own).
pub(crate) fn opens(src: &str, at: usize, lead_in: bool) -> bool {
    let Some(head) = src.get(..at) else {
        return false;
    };
    let ls = head.rfind('\n').map_or(0, |i| i + 1);
    let (line, same_line) = match plain(&head[ls..]) {
        (t, _) if !t.is_empty() => (head[ls..].to_string(), true),
        _ => {
            // the nearest line above that is not blank (a few lines at most)
            let mut end = ls;
            let mut found = None;
            for _ in 0..8 {
                if end == 0 {
                    break;
                }
                let stop = end - 1;
                let start = head[..stop].rfind('\n').map_or(0, |i| i + 1);
                let l = &head[start..stop];
                let t = plain(l).0;
                // a note in brackets under a list's heading (（按出现的顺序排列）) is the heading's
                let note = t.starts_with('（')
                    && t.ends_with('）')
                    && t.chars().count() <= 40
                    && marker(&t).is_err();
                if !t.is_empty() && !note && !l.trim_start().starts_with("<!--") {
                    found = Some(l.to_string());
                    break;
                }
                end = start;
            }
            match found {
                Some(l) => (l, false),
                None => return false,
            }
        }
    };
    let (t, heading) = plain(&line);
    if t.ends_with('：') || t.ends_with(':') {
        return lead_in;
    }
    if same_line {
        return false;
    }
    let short = t.chars().count() <= 40;
    let numbered = marker(&t).is_ok();
    if heading && short && !numbered && !t.ends_with('。') {
        return true;
    }
    const APPENDED: [&str; 9] = [
        "名词解释",
        "词语解释",
        "名词注释",
        "释义",
        "注释",
        "附注",
        "实事",
        "附件",
        "用语说明",
    ];
    short && !numbered && APPENDED.iter().any(|k| t.contains(k))
}

/// A line as it shows, without Markdown: its text, and whether the line is a heading or bold
/// as a whole.
fn plain(line: &str) -> (String, bool) {
    let l = line.trim();
    let hashes = l.starts_with('#');
    let l = l.trim_start_matches(['#', '>', ' ', '\t']);
    let l = l.strip_prefix("- ").unwrap_or(l).trim();
    let bold = l.len() > 4 && l.starts_with("**") && l.ends_with("**");
    let t: String = l.chars().filter(|&c| c != '*').collect();
    (t.trim().to_string(), hashes || bold)
}

/// The edit that gives marker `m` the number `want`: its numeral rewritten in its own way of
/// writing numerals, when the marker with it reads back as the same marker with that number
/// (a bare 二十一 before a space is no marker, nor is 1 where ㉑ was). `None` when there is no
/// such edit, and for a marker with markup inside its number (its source is not what shows),
/// whose digits may be the markup's.
fn renumbered(cx: &Ctx, m: &Marker, want: u32) -> Option<Edit> {
    let head = plain_head(cx, m)?;
    let decimal = matches!(m.family, Family::Decimal2 | Family::Decimal3);
    let num = numeral_span(
        cx.src,
        Span::new(m.span.start, m.span.start + head.len()),
        decimal,
    )?;
    let new = render_exact(cx.text(num), want)?;
    // the marker as it shows, with the new number, and the character after it
    let after = with_next_char(cx.src, m.span.end, m.span.end)?;
    let (a, b) = (num.start - m.span.start, num.end - m.span.start);
    let probe = format!("{}{new}{}{}{after}", &head[..a], &head[b..], m.punct);
    let (_, t) = marker(&probe).ok()?;
    let same = t.family == m.family && t.parents == m.parents;
    (same && t.ordinal == want && t.len + after.len() == probe.len()).then_some(Edit {
        span: num,
        replacement: new,
    })
}

fn show(f: Family, n: u32) -> String {
    match f {
        Family::Decimal2 | Family::Decimal3 => n.to_string(),
        Family::CnComma => cn_render(n),
        _ => f.render(n),
    }
}

/// How a member breaks its sequence 1, 2, 3 …
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Break {
    /// The first member is not 1.
    Start,
    /// The member repeats the number before it.
    Repeat,
    /// The member starts again at 1.
    Restart,
    /// The member skips numbers.
    Gap,
    /// The member goes back below the number before it.
    Backwards,
}

impl Break {
    /// How a member numbered `n` breaks the sequence after one numbered `prev` (`None`: it is
    /// the first); `None` when it follows on.
    fn of(prev: Option<u32>, n: u32) -> Option<Break> {
        let expected = prev.map_or(1, |p| p.saturating_add(1));
        Some(match prev {
            _ if n == expected => return None,
            None => Break::Start,
            Some(p) if n == p => Break::Repeat,
            Some(_) if n == 1 => Break::Restart,
            Some(_) if n > expected => Break::Gap,
            Some(_) => Break::Backwards,
        })
    }

    /// The rule a break is reported under: GW101–GW104, or GW151 for 编/章/节.
    fn rule(self, f: Family) -> Rule {
        match self {
            _ if f.is_statute() => Rule::StatuteSequence,
            Break::Start => Rule::NumberingStart,
            Break::Repeat | Break::Backwards => Rule::NumberingRepeat,
            Break::Restart => Rule::NumberingRestart,
            Break::Gap => Rule::NumberingGap,
        }
    }
}

/// The numbering rules of the humanities sequences: switched off at a marker, any of them keeps
/// a renumbering off it.
const NUMBERING: [Rule; 4] = [
    Rule::NumberingGap,
    Rule::NumberingRepeat,
    Rule::NumberingStart,
    Rule::NumberingRestart,
];

/// Report the members of a sequence that break it, in order, each with its share of the one
/// renumbering that makes the sequence run 1, 2, 3 … (see `check/renumber.rs`): a finding's fix
/// renumbers its own marker and the markers after it up to the next finding, so that each
/// edit is given once, by the finding nearest before it, and a sequence of n members costs n
/// edits. Where a fix renumbers more than its own marker, its message says how many markers
/// after it and to which numbers, so that what a finding names is what its fix edits. No fix
/// when content was cut (elided) inside the sequence: the missing members may be in the cut.
pub(crate) fn breaks(cx: &mut Ctx, g: &Group) {
    let marker_of = |i: usize| g.members[i].marker.as_ref();
    let ends: Vec<Option<u32>> = g
        .members
        .iter()
        .map(|s| s.marker.as_ref().map(|m| inline_end(cx.src, m)))
        .collect();
    // items run on inside a member's line: the renumbering could not reach them
    let inline = g
        .members
        .iter()
        .zip(&ends)
        .any(|(s, e)| s.marker.as_ref().map(|m| m.ordinal) != *e);
    let mut found = sequence_breaks(g, &ends);
    // a run of headings with nothing under them, then the same numbers again with their text: the
    // first run is a table of contents, and the restart is the body beginning
    // (or whose headings come again after the restart, number and title: the contents may
    // have lost an entry, and the body's preamble may sit under its last one), and the
    // breaks inside the contents are none of the body's
    let contents_end = found
        .iter()
        .find(|&&(i, kind, _)| {
            kind == Break::Restart && (contents_before(g, i) || titles_repeat(g, i))
        })
        .map(|f| f.0);
    if let Some(end) = contents_end {
        found.retain(|&(i, _, _)| i > end);
    }
    // a gap whose missing numbers stand at line starts before it (24.5个… read as a decimal):
    // the items are there, and the renumbering could not see them
    let before = found.len();
    found.retain(|&(i, kind, expected)| {
        !(kind == Break::Gap && i > 0 && missing_stated(cx.src, g, i, expected))
    });
    // a statute's chapters that skip or start late, and the next runs on from there: a 章 or 节 heading
    // was lost (in conversion, as a rule), and renumbering the ones that remain would change
    // the numbers the law is cited by; the finding says so and has no fix
    let lost = heading_lost(g, &found);
    // where the document shows a lost heading (the articles run on across the gap, or stand
    // before the first 章 in no chapter), the finding is the lost heading itself (GW153), and
    // no other break of the sequence is renumbered either: that would change cited numbers
    let evidence: Vec<Option<Lost>> = found
        .iter()
        .map(|&(i, kind, _)| {
            // a gap right after a repeat (1 2 2 4) is the repeat's, not a lost heading
            // (unless the lost heading's title line is there without its number)
            let after_break = found.iter().any(|f| f.0 + 1 == i);
            untitled(cx.doc, g, i, kind).or_else(|| {
                (!after_break)
                    .then(|| lost_evidence(cx.doc, g, i, kind))
                    .flatten()
            })
        })
        .collect();
    let any_lost = evidence.iter().any(Option::is_some);
    let inline = inline || lost || any_lost || found.len() != before;
    let rules: Vec<(usize, Rule)> = found.iter().map(|f| (f.0, f.1.rule(g.family))).collect();
    // no renumbering of 编, 章 or 节: a law is cited by them (本法第三章), like its articles, and
    // in published texts a break there is a lost or mistyped heading far more often than a
    // numbering to redo
    let statute = g.family.is_statute();
    let mut shares =
        (!inline && !statute && !g.cut.iter().any(|&c| c) && !found.is_empty()).then(|| {
            let ordinals: Vec<u32> = g
                .members
                .iter()
                .map(|s| s.marker.as_ref().map_or(0, |m| m.ordinal))
                .collect();
            let at: Vec<usize> = g
                .members
                .iter()
                .map(|s| s.marker.as_ref().map_or(s.span.start, |m| m.span.start))
                .collect();
            let group: &[Rule] = if g.family.is_statute() {
                &[Rule::StatuteSequence]
            } else {
                &NUMBERING
            };
            let seq = Sequence {
                ordinals: &ordinals,
                at: &at,
                findings: &rules,
                group,
            };
            share_out(
                cx,
                &seq,
                |prev, n| Break::of(prev, n).map_or(Rule::NumberingGap, |b| b.rule(g.family)),
                |i, n| renumbered(cx, marker_of(i)?, n),
            )
        });
    for (k, (&(i, kind, expected), e)) in found.iter().zip(evidence).enumerate() {
        let Some(m) = marker_of(i) else { continue };
        if let Some(e) = e {
            for (span, zh, en) in lost_message(g, m, expected, e) {
                cx.emit(Rule::HeadingLost, span, zh, en, None);
            }
            continue;
        }
        let (mut zh, mut en) = message(kind, m.family, m, expected, g.cut[i]);
        if lost {
            zh.push_str(&format!("（可能缺少{}的标题）", show(g.family, expected)));
            en.push_str(&format!(
                " (the heading {} may be lost)",
                show(g.family, expected)
            ));
        }
        let (fix, more) = shares.as_mut().map_or((None, None), |s| s.take(k));
        if let Some((more, a, b)) = more {
            let (z, e) = note(more, &show(m.family, a), &show(m.family, b));
            zh.push_str(&z);
            en.push_str(&e);
        }
        cx.emit(kind.rule(g.family), m.span, zh, en, fix);
    }
}

/// Whether the breaks `found` in a statute's sequence are all a 章 or 节 that skips or starts
/// late while the next runs on from it: a heading was lost, and the numbers that remain are
/// right.
fn heading_lost(g: &Group, found: &[(usize, Break, u32)]) -> bool {
    let ord = |i: usize| g.members.get(i)?.marker.as_ref().map(|m| m.ordinal);
    g.family.is_statute()
        && !found.is_empty()
        && found.iter().all(|&(i, kind, _)| {
            matches!(kind, Break::Gap | Break::Start)
                && ord(i).is_some_and(|n| ord(i + 1) == n.checked_add(1))
        })
}

/// What shows that a 章 or 节 heading was lost where member `i` of a statute's sequence breaks it.
enum Lost<'a> {
    /// The first member is numbered 2 and articles stand before it in its container, in no
    /// 章 (no 节) of that family: the lost first heading stood before the first of them.
    Before(&'a Marker),
    /// The member skips one number and the articles run on across it: the last article before
    /// it and the first after it are consecutive.
    Between,
    /// The member skips one number, the articles run on across it, and the one heading
    /// between it and the member before it is a title line without its number (规划与建设
    /// where 第二章 规划与建设 stood).
    Untitled(Vec<&'a Section>),
}

/// [`Lost::Untitled`] at member `i`, which breaks its sequence as `kind`: the lost headings'
/// titles are there, so neither the next member nor the member before need follow on. For a
/// gap of k numbers, exactly k headings without a number stand under the member before; for a
/// first member numbered k+1, exactly k stand before it in its container; and the articles
/// run on across each of them and across the member.
fn untitled<'a>(
    doc: &'a crate::Document,
    g: &Group<'a>,
    i: usize,
    kind: Break,
) -> Option<Lost<'a>> {
    if !g.family.is_statute() {
        return None;
    }
    let m = g.members.get(i)?.marker.as_ref()?;
    let bare_in = |blocks: &'a [Block], before: usize| -> Vec<&'a Section> {
        blocks
            .iter()
            .filter_map(|b| match b {
                Block::Section(s) if s.marker.is_none() && s.span.start < before => Some(&**s),
                _ => None,
            })
            .collect()
    };
    let (titles, lost, from) = match kind {
        Break::Gap if i > 0 => {
            let prev_s = g.members[i - 1];
            let prev = prev_s.marker.as_ref()?;
            let lost = m.ordinal.checked_sub(prev.ordinal)?.checked_sub(1)?;
            (bare_in(&prev_s.children, m.span.start), lost, prev.span.end)
        }
        Break::Start if m.ordinal >= 2 => {
            // before a first member, the bare titles may sit at any depth (a lost 章's title
            // line under the articles of the one before it)
            fn bare_all<'b>(blocks: &'b [Block], before: usize, out: &mut Vec<&'b Section>) {
                for b in blocks {
                    if b.own_spans().first().is_some_and(|s| s.start >= before) {
                        return;
                    }
                    if let Block::Section(s) = b {
                        if s.marker.is_none() {
                            out.push(s);
                        }
                    }
                    bare_all(b.children(), before, out);
                }
            }
            let titles = if m.ordinal == 2 {
                bare_in(container(&doc.blocks, g.container)?, m.span.start)
            } else {
                let mut v = Vec::new();
                bare_all(&doc.blocks, m.span.start, &mut v);
                v
            };
            let from = titles.first().map_or(0, |t| t.span.start);
            (titles, m.ordinal - 1, from)
        }
        _ => return None,
    };
    if lost == 0
        || titles.len() != lost as usize
        || titles.iter().any(|t| t.title.text.trim().is_empty())
    {
        return None;
    }
    // the articles run on across the title lines and across the member
    let mut arts = Vec::new();
    articles(&doc.blocks, &mut arts);
    let consecutive = |at: usize| {
        let k = arts.partition_point(|a| a.span.start < at);
        match (k.checked_sub(1).and_then(|j| arts.get(j)), arts.get(k)) {
            (Some(b), Some(a)) => a.sub.is_none() && b.ordinal.checked_add(1) == Some(a.ordinal),
            // the first article of the document stands under the first title
            (None, Some(a)) => kind == Break::Start && a.ordinal == 1,
            _ => false,
        }
    };
    let first = titles[0].span.start;
    let under_before = kind == Break::Start
        || arts
            .iter()
            .any(|a| a.span.start > from && a.span.start < first);
    let runs_on = titles.iter().all(|t| consecutive(t.span.start)) && consecutive(m.span.start);
    (under_before && runs_on).then_some(Lost::Untitled(titles))
}

/// The evidence for a lost heading at member `i` of a statute's sequence, which breaks it as
/// `kind` while the next member follows on from it; `None` when the document does not show one
/// (a start past 2 or a gap of more than one number stays a numbering finding: more than one
/// heading would be lost, or a number was mistyped; so does a break at the last member, where a
/// mistyped number and a lost heading look alike).
fn lost_evidence<'a>(
    doc: &'a crate::Document,
    g: &Group,
    i: usize,
    kind: Break,
) -> Option<Lost<'a>> {
    if !g.family.is_statute() {
        return None;
    }
    let m = g.members.get(i)?.marker.as_ref()?;
    // the numbers run on after it: the next member follows it, or the headings between them
    // are there without their numbers
    let next = g.members.get(i + 1)?.marker.as_ref()?;
    if next.ordinal != m.ordinal.checked_add(1)? && untitled(doc, g, i + 1, Break::Gap).is_none() {
        return None;
    }
    match kind {
        Break::Start if m.ordinal == 2 => {
            let blocks = container(&doc.blocks, g.container)?;
            let at = m.span.start;
            // the first article before it since the last attached document began
            let mut first = None;
            for b in blocks {
                if b.own_spans().first().is_some_and(|s| s.start >= at) {
                    break;
                }
                if starts_attached(b) {
                    first = None;
                }
                if let Block::Section(s) = b {
                    let art = s.marker.as_ref().filter(|a| a.family == Family::Article);
                    first = first.or(art);
                }
            }
            first.map(Lost::Before)
        }
        Break::Gap if i > 0 => {
            let prev = g.members[i - 1].marker.as_ref()?;
            if m.ordinal != prev.ordinal.checked_add(2)? {
                return None;
            }
            let mut arts = Vec::new();
            articles(&doc.blocks, &mut arts);
            let k = arts.partition_point(|a| a.span.start < m.span.start);
            let (before, after) = (arts.get(k.checked_sub(1)?)?, arts.get(k)?);
            // the article before the gap lies after the member before it (the lost heading's
            // articles are there), and the one after it comes before the next member
            let runs_on = before.span.start > prev.span.start
                && after.sub.is_none()
                && after.ordinal == before.ordinal.checked_add(1)?
                && g.members
                    .get(i + 1)
                    .is_none_or(|n| after.span.end <= n.span.start);
            runs_on.then_some(Lost::Between)
        }
        _ => None,
    }
}

/// The list of blocks at address `addr` (a [`Group`]'s container), searched from `blocks` down.
fn container(blocks: &[Block], addr: usize) -> Option<&[Block]> {
    if blocks.as_ptr() as usize == addr {
        return Some(blocks);
    }
    blocks
        .iter()
        .filter(|b| !b.children().is_empty())
        .find_map(|b| container(b.children(), addr))
}

/// The article markers of the document, in order.
fn articles<'a>(blocks: &'a [Block], out: &mut Vec<&'a Marker>) {
    for b in blocks {
        if let Block::Section(s) = b {
            if let Some(m) = s.marker.as_ref().filter(|m| m.family == Family::Article) {
                out.push(m);
            }
        }
        articles(b.children(), out);
    }
}

/// Where a GW153 finding stands and what it says: the lost heading named, and where it would
/// stand.
fn lost_message(g: &Group, m: &Marker, expected: u32, e: Lost) -> Vec<(Span, String, String)> {
    let want = show(g.family, expected);
    let raw = m.raw.trim();
    match e {
        Lost::Before(first) => {
            let art = first.raw.trim();
            vec![(
                first.span,
                format!("缺少{want}的标题：{raw}之前的条文不属于任何一{}，{want}的标题应在{art}之前", unit(raw)),
                format!(
                    "the heading {want} is missing: the articles before {raw} belong to none; it would stand before {art}"
                ),
            )]
        }
        Lost::Untitled(titles) => titles
            .iter()
            .enumerate()
            .map(|(j, title)| {
                let want = show(g.family, expected + j as u32);
                let t = title.title.text.trim();
                (
                    title.span,
                    format!("标题“{t}”缺少序号“{want}”（应为“{want} {t}”）"),
                    format!("the heading {t} has lost its number: it should read {want} {t}"),
                )
            })
            .collect(),
        Lost::Between => {
            let prev = show(g.family, expected - 1);
            vec![(
                m.span,
                format!("缺少{want}的标题：{prev}与{raw}之间的条文序号连续，{want}的标题应在其间"),
                format!(
                    "the heading {want} is missing between {prev} and {raw}: the articles run on across them"
                ),
            )]
        }
    }
}

/// The unit a statute marker counts in, as it writes it (第二章 → 章, 第一分编 → 分编).
fn unit(raw: &str) -> &str {
    raw.trim()
        .trim_start_matches('第')
        .trim_start_matches(|c: char| {
            c.is_ascii_digit() || "零〇一二三四五六七八九十百千".contains(c)
        })
}

/// Whether the members before `i` (two or more) are a table of contents: headings with
/// nothing under them and no run-in text, the first of them numbered 1.
fn contents_before(g: &Group, i: usize) -> bool {
    let first_is_one = g
        .members
        .first()
        .and_then(|s| s.marker.as_ref())
        .map(|m| m.ordinal)
        == Some(1);
    i >= 2
        && first_is_one
        && g.members[..i]
            .iter()
            .all(|s| s.children.is_empty() && s.run_in.is_none())
}

/// Whether the members before `i` (two or more) are a table of contents by what follows them:
/// most of them, and two at least, come again at or after member `i` with the same number and
/// the same title, and all but the last have nothing under them (the body's preamble may
/// follow the last entry).
fn titles_repeat(g: &Group, i: usize) -> bool {
    let key = |s: &Section| {
        let t: String = s
            .title
            .text
            .chars()
            .filter(|c| !c.is_whitespace())
            .collect();
        (s.marker.as_ref().map_or(0, |m| m.ordinal), t)
    };
    if i < 2 || !g.members[..i - 1].iter().all(|s| s.children.is_empty()) {
        return false;
    }
    let body: std::collections::HashSet<(u32, String)> =
        g.members[i..].iter().map(|s| key(s)).collect();
    let again = g.members[..i]
        .iter()
        .filter(|s| !s.title.text.trim().is_empty() && body.contains(&key(s)))
        .count();
    again >= 2 && again * 2 >= i
}

/// Whether the numbers `expected` up to member `i`'s own, missing from a 1. sequence, are
/// all written at the start of a line between member `i - 1` and member `i` (a few at most).
fn missing_stated(src: &str, g: &Group, i: usize, expected: u32) -> bool {
    let (Some(a), Some(b)) = (
        g.members[i - 1].marker.as_ref(),
        g.members[i].marker.as_ref(),
    ) else {
        return false;
    };
    if g.family != Family::ArabicDot || b.ordinal <= expected || b.ordinal - expected > 4 {
        return false;
    }
    let Some(between) = src.get(a.span.end..b.span.start) else {
        return false;
    };
    (expected..b.ordinal).all(|k| {
        let k = k.to_string();
        between.split('\n').skip(1).any(|l| {
            let l = l.trim_start_matches(['#', '>', '*', '-', ' ', '　', '\t']);
            l.strip_prefix(k.as_str())
                .is_some_and(|r| r.starts_with(['.', '．', '、']))
        })
    })
}

/// The members that break a sequence: their index, how, and the number that was due.
/// `ends[i]`: the number member i's line ends on ([`inline_end`]).
fn sequence_breaks(g: &Group, ends: &[Option<u32>]) -> Vec<(usize, Break, u32)> {
    let mut out = Vec::new();
    let mut prev: Option<u32> = None;
    for (i, s) in g.members.iter().enumerate() {
        let Some(m) = &s.marker else { continue };
        let n = m.ordinal;
        if let Some(kind) = Break::of(prev, n) {
            out.push((i, kind, prev.map_or(1, |p| p.saturating_add(1))));
        }
        prev = ends[i].or(Some(n));
    }
    out
}

/// The Chinese message and its English gloss for a member `m` that breaks its sequence where
/// `expected` was due; `cut` when content was elided just before it.
fn message(kind: Break, f: Family, m: &Marker, expected: u32, cut: bool) -> (String, String) {
    let raw = m.raw.trim();
    let want = show(f, expected);
    match kind {
        Break::Start => (
            format!("同级序号应从{}开始，这里是{raw}", show(f, 1)),
            format!("the sequence starts at {raw} instead of {}", show(f, 1)),
        ),
        Break::Repeat => (
            format!("序号{raw}重复，应为{want}"),
            format!("{raw} repeats the previous number; expected {want}"),
        ),
        Break::Restart => (
            format!("序号在同一上级下重新从{raw}开始，应为{want}"),
            format!("numbering restarts at {raw} under the same parent; expected {want}"),
        ),
        Break::Gap => (
            format!(
                "序号跳号：{}之后应为{want}，这里是{raw}{}",
                show(f, expected - 1),
                if cut {
                    "（其前有删节内容）"
                } else {
                    ""
                }
            ),
            format!(
                "numbering skips from {} to {raw}{}",
                show(f, expected - 1),
                if cut { " (after elided content)" } else { "" }
            ),
        ),
        Break::Backwards => (
            format!("序号倒序：{}之后应为{want}", show(f, expected - 1)),
            format!("numbering goes backwards to {raw}; expected {want}"),
        ),
    }
}

/// GW101–GW104 on every sequence except those of 编/章/节.
pub(crate) fn check(cx: &mut Ctx) {
    let doc = cx.doc;
    let gs = sequences(cx, &doc.blocks);
    for g in gs.iter().filter(|g| !g.family.is_statute()) {
        breaks(cx, g);
    }
}

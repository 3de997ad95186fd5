//! Markup that no block took becomes chrome where it stands, so that nothing is lost.

use super::nest::Item;
use crate::grammar::line::Line;
use crate::source::chars::is_ws;
use crate::tree::ChromeKind;
use crate::tree::*;
use crate::Span;

impl Item {
    /// Each span the item owns, with those of the blocks inside a list or a quotation.
    pub(super) fn each_span(&self, mut f: impl FnMut(Span)) {
        fn deep(b: &Block, f: &mut impl FnMut(Span)) {
            b.each_own_span(&mut *f);
            if matches!(b, Block::List(_) | Block::Item(_) | Block::Quote(_)) {
                b.children().iter().for_each(|c| deep(c, f));
            }
        }
        match self {
            Item::Leaf(b) | Item::Reset(b) => deep(b, &mut f),
            Item::Head(s) => f(s.span),
            Item::Point(p) => f(p.span),
        }
    }
}

/// Markup that no block took — `<b>` around a date, `**` around 附件, a tag between two
/// elisions — becomes chrome where it stands, so that nothing is lost. Only pieces with no
/// visible text are taken: a gap with visible text stays a gap, for the lossless check to find.
pub(super) fn cover_markup(src: &str, ls: &[Line], items: Vec<Item>) -> Vec<Item> {
    let mut owned: Vec<Span> = Vec::with_capacity(items.len());
    for it in &items {
        it.each_span(|s| owned.push(s));
    }
    owned.sort_unstable();
    let mut extra: Vec<Span> = Vec::new();
    let mut k = 0;
    for l in ls {
        // in a line without markup every character is visible: no gap there is markup
        if !l.has_marks() {
            continue;
        }
        let mut pos = l.span.start;
        while k < owned.len() && owned[k].end <= l.span.start {
            k += 1;
        }
        let mut j = k;
        while j < owned.len() && owned[j].start < l.span.end {
            markup_gap(src, l, pos, owned[j].start.min(l.span.end), &mut extra);
            pos = pos.max(owned[j].end);
            j += 1;
        }
        markup_gap(src, l, pos, l.span.end, &mut extra);
    }
    if extra.is_empty() {
        return items;
    }
    let mut out = Vec::with_capacity(items.len() + extra.len());
    let mut pending = extra.into_iter().peekable();
    for it in items {
        let mut start = usize::MAX;
        it.each_span(|s| start = start.min(s.start));
        let start = if start == usize::MAX { 0 } else { start };
        while let Some(sp) = pending.next_if(|sp| sp.start < start) {
            out.push(Item::Leaf(markup_block(src, sp)));
        }
        out.push(it);
    }
    out.extend(pending.map(|sp| Item::Leaf(markup_block(src, sp))));
    out
}

/// A gap inside line `l` that holds markup only: none of the visible characters of the line's
/// text sits in it (seen through the whole line, so that `](/a)` of a link counts as markup;
/// container marks before the text, a bullet or a `>`, count as markup too).
pub(super) fn markup_gap(src: &str, l: &Line, from: usize, to: usize, out: &mut Vec<Span>) {
    if from >= to {
        return;
    }
    let Some(text) = src.get(from..to) else {
        return;
    };
    let trimmed = text.trim_matches(is_ws);
    if trimmed.is_empty() {
        return;
    }
    let start = from + (text.len() - text.trim_start_matches(is_ws).len());
    let end = start + trimmed.len();
    // the line's text starts at `l.start`: what is visible before it is container marks
    let visible_inside = l.vis.text[l.start..].char_indices().any(|(v, c)| {
        let at = l.vis.src_start(l.start + v);
        !is_ws(c) && at >= start && at < end
    });
    if !visible_inside {
        out.push(Span::new(start, end));
    }
}

pub(super) fn markup_block(src: &str, sp: Span) -> Block {
    Block::Chrome(Chrome {
        kind: ChromeKind::Markup,
        text: Text {
            text: src[sp.range()].to_string(),
            span: sp,
        },
        span: sp,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::grammar::line::lines;
    use crate::tree::build::{parse, ParseOptions};

    #[test]
    pub(super) fn markup_left_between_blocks_becomes_chrome() {
        let src = "正文\n<b>2024年3月1日</b>\n";
        let doc = parse(src, &ParseOptions::default());
        let kinds: Vec<String> = doc
            .blocks
            .iter()
            .map(|b| match b {
                Block::Chrome(c) => format!("chrome:{}", c.span.text(src)),
                Block::Date(_) => "date".into(),
                Block::Title(_) => "title".into(),
                Block::Paragraph(_) => "paragraph".into(),
                other => format!("{other:?}"),
            })
            .collect();
        assert!(kinds.contains(&"chrome:<b>".to_string()), "{kinds:?}");
        assert!(kinds.contains(&"chrome:</b>".to_string()), "{kinds:?}");
        assert!(crate::tree::lossless::check(&doc, src).is_ok());
    }

    #[test]
    pub(super) fn visible_text_in_a_gap_is_not_taken_as_markup() {
        let src = "甲乙丙";
        let ls = lines(src, false);
        let mut out = Vec::new();
        markup_gap(src, &ls[0], 0, 3, &mut out);
        assert!(out.is_empty());
    }
}

//! Generated numbering: GB/T 9704 markers for headings written without one (`--number`).
//!
//! A tree transform, so that every writer that numbers (the Markdown writer, re-levelling and
//! the DOCX writer) numbers alike: each section with no marker gets the marker of its level in
//! the GB/T order, 一、 at level 1, （一） at 2, 1. at 3, （1） at 4, and ① below that, counted
//! among its siblings. A sibling group (the sections of one parent at one level) where any
//! heading already has a marker is left alone: numbering the rest would collide with the
//! numbers written (a 前言 before 一、 stays unnumbered). A generated marker's spans are empty,
//! at the start of the title, which is where it would be inserted into the source; it owns no
//! source bytes, so the lossless property still holds.

use super::{Block, Document, Family, Marker, Section};
use crate::Span;

/// Give every unnumbered section of `doc` a GB/T marker generated from its level.
///
/// ```
/// use gongwen::tree::{number::number_unnumbered, Block};
/// use gongwen::{parse, Format, Source};
/// let text = "# 关于做好工作的通知\n\n## 总体工作要求\n\n正文。\n\n### 指导思想和原则\n\n正文。\n\n## 主要工作任务\n\n正文。\n";
/// let src = Source::from_str(text, Format::Markdown);
/// let mut doc = parse(&src);
/// number_unnumbered(&mut doc);
/// let raws: Vec<String> = doc
///     .sections()
///     .iter()
///     .map(|s| s.marker.as_ref().map(|m| m.raw.clone()).unwrap_or_default())
///     .collect();
/// assert_eq!(raws, ["一、", "（一）", "二、"]);
/// // the generated marker owns no source bytes: it sits at the start of the title
/// let s = doc.sections()[0];
/// let m = s.marker.as_ref().unwrap();
/// assert!(m.span.is_empty() && m.span.start == s.title.span.start);
/// ```
pub fn number_unnumbered(doc: &mut Document) {
    number_blocks(&mut doc.blocks);
}

fn number_blocks(blocks: &mut [Block]) {
    // the levels whose sibling groups already carry a marker somewhere
    let mut numbered_levels: Vec<u8> = Vec::new();
    for b in blocks.iter() {
        if let Block::Section(s) = b {
            if s.marker.is_some() && !numbered_levels.contains(&s.level) {
                numbered_levels.push(s.level);
            }
        }
    }
    let mut counts: Vec<(u8, u32)> = Vec::new();
    for b in blocks.iter_mut() {
        if let Block::Section(s) = b {
            if s.marker.is_none() && !numbered_levels.contains(&s.level) && !s.title.text.is_empty()
            {
                let n = match counts.iter_mut().find(|(l, _)| *l == s.level) {
                    Some((_, n)) => {
                        *n += 1;
                        *n
                    }
                    None => {
                        counts.push((s.level, 1));
                        1
                    }
                };
                s.marker = Some(generated(s, n));
            }
        }
        match b {
            Block::Section(s) => number_blocks(&mut s.children),
            Block::Point(p) => number_blocks(&mut p.children),
            Block::Item(i) => number_blocks(&mut i.children),
            Block::Quote(q) => number_blocks(&mut q.children),
            Block::List(l) => number_blocks(&mut l.items),
            _ => {}
        }
    }
}

/// The family GB/T 9704 gives level `level` (1 = 一、), ① past the fourth.
pub fn gbt_family(level: u8) -> Family {
    match level {
        0 | 1 => Family::CnComma,
        2 => Family::CnParen,
        3 => Family::ArabicDot,
        4 => Family::ArabicParen,
        _ => Family::Circled,
    }
}

fn generated(s: &Section, n: u32) -> Marker {
    let family = gbt_family(s.level);
    let at = Span::new(s.title.span.start, s.title.span.start);
    let raw = family.render(n);
    let punct = match family {
        Family::CnComma => "、",
        Family::ArabicDot => ".",
        _ => "",
    };
    let brackets = matches!(family, Family::CnParen | Family::ArabicParen).then_some(('（', '）'));
    Marker {
        raw,
        family,
        ordinal: n,
        parents: Vec::new(),
        punct: punct.to_string(),
        punct_span: at,
        brackets,
        chinese: matches!(family, Family::CnComma | Family::CnParen),
        sub: None,
        span: at,
        generated: false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{parse, Format, Source};

    #[test]
    fn generated_markers_keep_the_tree_lossless() {
        let text = "# 关于做好工作的通知\n\n## 总体工作要求\n\n正文。\n\n### 指导思想和原则\n\n正文。\n\n### 工作原则\n\n正文。\n";
        let src = Source::from_str(text, Format::Markdown);
        let mut doc = parse(&src);
        number_unnumbered(&mut doc);
        let raws: Vec<String> = doc
            .sections()
            .iter()
            .filter_map(|s| s.marker.as_ref().map(|m| m.raw.clone()))
            .collect();
        assert_eq!(raws, ["一、", "（一）", "（二）"]);
        assert!(doc.check_lossless(&src).is_ok());
    }

    #[test]
    fn a_group_with_a_marker_is_left_alone() {
        let text = "关于做好工作的通知\n前言\n正文。\n一、总体要求\n正文。\n";
        let src = Source::from_str(text, Format::Text);
        let mut doc = parse(&src);
        let before = doc.sections().iter().filter(|s| s.marker.is_none()).count();
        number_unnumbered(&mut doc);
        let after = doc.sections().iter().filter(|s| s.marker.is_none()).count();
        assert_eq!(before, after);
        assert_eq!(gbt_family(5), Family::Circled);
    }
}

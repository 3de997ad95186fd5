//! The lossless property: every non-whitespace character of the source lands in exactly one
//! block of the tree.
//!
//! Each block owns some spans itself ([`Block::own_spans`]); its children own the rest. Taken
//! together over the whole tree, those spans must not overlap, must start and end on character
//! boundaries, and must cover every character that is not whitespace (as
//! `source::chars::is_ws` sees it) exactly once. Whitespace may fall between spans:
//! line endings, indents and blank lines belong to nobody.

use super::model::{Block, Document};
use crate::source::chars::is_ws;
use crate::{Error, LineIndex, LosslessKind, Span};

/// Check that `doc`, parsed from `src`, holds every non-whitespace character of `src` exactly
/// once.
pub(crate) fn check(doc: &Document, src: &str) -> Result<(), Error> {
    let mut spans: Vec<Span> = Vec::new();
    doc.walk(&mut |b: &Block, _| spans.extend(b.own_spans()));
    spans.retain(|s| !s.is_empty() || s.start > src.len());
    let idx = LineIndex::new(src);
    let err = |kind, offset: usize, text: &str| Error::Lossless {
        kind,
        offset,
        line: idx.line_of(offset),
        text: shorten(text),
    };
    for s in &spans {
        if s.end > src.len() || !src.is_char_boundary(s.start) || !src.is_char_boundary(s.end) {
            let at = s.start.min(src.len());
            let from = floor_boundary(src, at);
            let to = floor_boundary(src, s.end.min(src.len()).max(from));
            return Err(err(LosslessKind::Boundary, at, &src[from..to]));
        }
    }
    spans.sort_unstable();
    let mut pos = 0usize;
    for s in &spans {
        if s.start < pos {
            let to = s.end.min(pos);
            return Err(err(LosslessKind::Overlap, s.start, &src[s.start..to]));
        }
        uncovered(src, pos, s.start).map_or(Ok(()), |(a, b)| {
            Err(err(LosslessKind::Uncovered, a, &src[a..b]))
        })?;
        pos = s.end;
    }
    uncovered(src, pos, src.len()).map_or(Ok(()), |(a, b)| {
        Err(err(LosslessKind::Uncovered, a, &src[a..b]))
    })
}

/// The first run of non-whitespace in `src[from..to]`, if any, as a byte range.
fn uncovered(src: &str, from: usize, to: usize) -> Option<(usize, usize)> {
    let gap = &src[from..to];
    let (a, _) = gap.char_indices().find(|&(_, c)| !is_ws(c))?;
    let b = gap[a..]
        .char_indices()
        .find(|&(_, c)| is_ws(c))
        .map(|(k, _)| a + k)
        .unwrap_or(gap.len());
    Some((from + a, from + b))
}

fn floor_boundary(src: &str, mut at: usize) -> usize {
    while at > 0 && !src.is_char_boundary(at) {
        at -= 1;
    }
    at
}

fn shorten(t: &str) -> String {
    const MAX: usize = 40;
    if t.chars().count() <= MAX {
        t.to_string()
    } else {
        let mut s: String = t.chars().take(MAX).collect();
        s.push('…');
        s
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The parts of a lossless error.
    struct Parts {
        kind: LosslessKind,
        offset: usize,
        line: usize,
        text: String,
    }

    fn parts(e: Error) -> Parts {
        match e {
            Error::Lossless {
                kind,
                offset,
                line,
                text,
            } => Parts {
                kind,
                offset,
                line,
                text,
            },
            other => panic!("not a lossless error: {other}"),
        }
    }

    fn parse(src: &str) -> Document {
        crate::tree::build::parse(src, &Default::default())
    }

    #[test]
    fn example_check() {
        let src = "关于加强管理的通知\n一、总体要求\n（一）指导思想。坚持……\n";
        let mut doc = crate::tree::build::parse(src, &Default::default());
        assert!(check(&doc, src).is_ok());

        // drop the last block: its text is no longer covered
        doc.blocks.pop();
        let err = check(&doc, src).unwrap_err();
        assert!(matches!(
            err,
            Error::Lossless {
                kind: LosslessKind::Uncovered,
                line: 2,
                ..
            }
        ));
    }
    use crate::tree::{Chrome, Paragraph, SCHEMA};

    fn para(src: &str, a: usize, b: usize) -> Block {
        Block::Paragraph(Paragraph {
            text: src.get(a..b).unwrap_or("").to_string(),
            span: Span::new(a, b),
            elisions: vec![],
        })
    }

    fn doc(blocks: Vec<Block>) -> Document {
        Document {
            schema: SCHEMA.into(),
            blocks,
            ..Default::default()
        }
    }

    #[test]
    fn parsed_document_is_lossless() {
        let src = "\u{feff}标题\r\n\r\n一、总则\r\n（一）目的。为了规范……\r\n一是加强领导。\r\n";
        assert_eq!(check(&parse(src), src).map_err(|e| e.to_string()), Ok(()));
    }

    #[test]
    fn missing_line_fails() {
        let src = "第一行\n第二行\n第三行\n";
        let d = doc(vec![para(src, 0, 9), para(src, 20, 29)]);
        let e = parts(check(&d, src).unwrap_err());
        assert_eq!(e.kind, LosslessKind::Uncovered);
        assert_eq!((e.line, e.offset, e.text.as_str()), (2, 10, "第二行"));
    }

    #[test]
    fn missing_tail_fails() {
        let src = "第一行\n尾巴";
        let d = doc(vec![para(src, 0, 9)]);
        let e = parts(check(&d, src).unwrap_err());
        assert_eq!(
            (e.kind, e.line, e.text.as_str()),
            (LosslessKind::Uncovered, 2, "尾巴")
        );
    }

    #[test]
    fn overlap_fails() {
        let src = "一二三四\n";
        let d = doc(vec![para(src, 0, 9), para(src, 6, 12)]);
        let e = parts(check(&d, src).unwrap_err());
        assert_eq!(
            (e.kind, e.offset, e.text.as_str()),
            (LosslessKind::Overlap, 6, "三")
        );
    }

    #[test]
    fn nested_children_count() {
        let src = "一、总则\n正文\n";
        let mut d = parse(src);
        assert!(check(&d, src).is_ok());
        // duplicate a child: its text is now owned twice
        if let Block::Section(s) = &mut d.blocks[0] {
            let c = s.children[0].clone();
            s.children.push(c);
        } else {
            panic!("expected a section");
        }
        assert_eq!(
            parts(check(&d, src).unwrap_err()).kind,
            LosslessKind::Overlap
        );
    }

    #[test]
    fn boundary_fails() {
        let src = "一二三\n";
        let d = doc(vec![para(src, 0, 4), para(src, 4, 9)]);
        assert_eq!(
            parts(check(&d, src).unwrap_err()).kind,
            LosslessKind::Boundary
        );
        let d = doc(vec![para(src, 0, 9), para(src, 9, 30)]);
        assert_eq!(
            parts(check(&d, src).unwrap_err()).kind,
            LosslessKind::Boundary
        );
    }

    #[test]
    fn whitespace_needs_no_owner() {
        let src = "\u{3000}\u{3000}正文\u{a0} \t\n\n";
        let d = doc(vec![Block::Chrome(Chrome {
            kind: crate::tree::ChromeKind::Markup,
            text: crate::tree::Text {
                text: "正文".into(),
                span: Span::new(6, 12),
            },
            span: Span::new(6, 12),
        })]);
        assert!(check(&d, src).is_ok());
    }
}

//! A structural heading whose marker stands alone on its line and whose title is the next line:
//! `第一篇` then `基本制度和行为规范`, as Word files and typeset codes often set a 篇, 编, 章 or
//! 节. The two lines are one heading; the title line is no heading of its own.

use super::{has_sentence_end, Builder, Item, Role};
use crate::grammar::line::Class;
use crate::source::chars::{is_han, is_ws};
use crate::tree::{Family, HeadingKind, Section};
use crate::Span;

/// The longest title taken from the next line, in characters.
const MAX_TITLE: usize = 30;

impl<'s, 'l> Builder<'s, 'l> {
    /// When line `i` is a 篇/编/分编/部分/章/节 marker with nothing after it and the next
    /// non-blank line is its title, emit one heading over both lines and give the line after
    /// the title.
    pub(super) fn title_below(&mut self, i: usize) -> Option<usize> {
        let l = &self.ls[i];
        let Class::Marker(m) = &l.class else {
            return None;
        };
        if !m.family.is_statute() || m.family == Family::Article || m.sub.is_some() {
            return None;
        }
        if !l.vis.text[l.start + m.len..l.end].chars().all(is_ws) {
            return None;
        }
        let j = self.title_line_below(i)?;
        let m = m.clone();
        let t = &self.ls[j];
        let marker = self.marker_of(l, &m, l.start);
        let level = self.hier.enter_heading_md(
            m.family,
            m.ordinal,
            l.vis.md_heading,
            m.closed_by_bracket(&l.vis.text[l.start..]),
        );
        let section = Section {
            level,
            marker: Some(marker),
            title: self.text_of(t),
            kind: HeadingKind::Standalone,
            title_end: None,
            run_in: None,
            span: Span::new(l.span.start, t.span.end),
            elided: false,
            depth: l.md_depth(),
            children: vec![],
        };
        self.items.push(Item::Head(Box::new(section)));
        Some(j + 1)
    }

    /// The line below marker line `i` that is its title: the next line with text, across blank
    /// lines only, undecided so far, plain text with Han characters, short, with no sentence end
    /// and no colon (a lead-in), and not itself a Markdown heading deeper than the marker's.
    fn title_line_below(&self, i: usize) -> Option<usize> {
        let j = self.next_nonblank(i)?;
        let between_empty = (i + 1..j).all(|k| {
            let b = &self.ls[k];
            matches!(b.class, Class::Blank) && self.src[b.span.range()].chars().all(is_ws)
        });
        let t = &self.ls[j];
        let text = t.text();
        let ok = between_empty
            && self.role[j] == Role::Undecided
            && matches!(t.class, Class::Text)
            && text.chars().any(is_han)
            && text.chars().count() <= MAX_TITLE
            && !has_sentence_end(text)
            && !text.contains(['：', ':', '，', ','])
            && (t.vis.md_heading == 0 || t.vis.md_heading == self.ls[i].vis.md_heading);
        ok.then_some(j)
    }
}

#[cfg(test)]
mod tests {
    use crate::tree::build::{parse, ParseOptions};
    use crate::tree::Block;

    fn first_section(src: &str) -> crate::tree::Section {
        let doc = parse(src, &ParseOptions::default());
        doc.blocks
            .iter()
            .find_map(|b| match b {
                Block::Section(s) => Some((**s).clone()),
                _ => None,
            })
            .expect("a section")
    }

    #[test]
    fn a_lone_marker_takes_the_next_line_as_title() {
        let s =
            first_section("第一篇\n基本规定\n\n第一部分 入门\n一、总体要求\n各单位遵照执行。\n");
        assert_eq!(s.marker.as_ref().map(|m| m.raw.as_str()), Some("第一篇"));
        assert_eq!(s.title.text, "基本规定");
    }

    #[test]
    fn a_sentence_below_is_no_title() {
        let s = first_section(
            "第一章\n本办法适用于全市各级机关。\n第一条 为了规范管理，制定本办法。\n",
        );
        assert_eq!(s.title.text, "");
    }
}

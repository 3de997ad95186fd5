//! Where the written paragraphs fall on pages: an estimate from the layout's grid.
//!
//! The 版记 goes at the foot of the last page, and that page must be even (GB/T 9704
//! clause 7.4.1, read with duplex printing): the writer has to know on which page the body
//! ends, and how much of that page is left. A word processor lays the pages out only when the
//! file is opened, so the writer counts for itself: every line of the GB/T layout is one line
//! of the grid (exact line spacing), a wide character takes one character's advance and a
//! narrow one half of it, paragraphs break into whole lines, and a page holds the type area's
//! height. Kerning, line-breaking rules and widow control can move a line; the writer leaves
//! a line's room to spare where that matters.
//!
//! ```text
//! let mut pages = Pages::new(layout);
//! pages.add(&child);            // each paragraph or table, in order
//! pages.page();                 // 1-based page the next line goes on
//! pages.room();                 // twips left on it
//! ```

use super::layout::Layout;
use super::wml::{BodyChild, LineSpacingType, Paragraph, RunChild, SpecialIndentType, Table};
use unicode_width::UnicodeWidthChar;

/// The running count: the current page and how far down it the text has come.
#[derive(Clone, Copy, Debug)]
pub(super) struct Pages {
    l: &'static Layout,
    /// The page the next line goes on, from 1.
    page: u32,
    /// Twips of the type area's height used on it.
    used: u32,
}

impl Pages {
    /// Nothing written yet: page 1, all of it free.
    pub(super) fn new(l: &'static Layout) -> Self {
        Self {
            l,
            page: 1,
            used: 0,
        }
    }

    /// The page the next line goes on, from 1.
    pub(super) fn page(&self) -> u32 {
        self.page
    }

    /// Twips left on the current page.
    pub(super) fn room(&self) -> u32 {
        self.l.text_height().saturating_sub(self.used)
    }

    /// Whether nothing is on the current page yet.
    pub(super) fn at_top(&self) -> bool {
        self.used == 0
    }

    /// Count `c` in.
    pub(super) fn add(&mut self, c: &BodyChild) {
        match c {
            BodyChild::Paragraph(p) => self.paragraph(p, self.l.text_width() as i32),
            BodyChild::Table(t) => self.table(t),
        }
    }

    fn new_page(&mut self) {
        self.page += 1;
        self.used = 0;
    }

    /// Lay `h` twips down as one piece that does not split.
    fn piece(&mut self, h: u32) {
        let h = h.min(self.l.text_height());
        if self.used + h > self.l.text_height() {
            self.new_page();
        }
        self.used += h;
    }

    fn paragraph(&mut self, p: &Paragraph, width: i32) {
        if p.page_break_before && !self.at_top() {
            self.new_page();
        }
        let (lines, line, before, after) = measure(p, width, self.l);
        let h = self.l.text_height();
        if self.used > 0 {
            self.used = (self.used + before).min(h);
        }
        for (i, n) in lines.iter().enumerate() {
            if i > 0 {
                // a page break inside the paragraph
                self.new_page();
            }
            for _ in 0..*n {
                self.piece(line);
            }
        }
        self.used = (self.used + after).min(h);
    }

    fn table(&mut self, t: &Table) {
        for row in &t.rows {
            let h = row
                .cells
                .iter()
                .map(|c| {
                    let w = c.width as i32 - 2 * CELL_MARGIN;
                    c.paragraphs
                        .iter()
                        .map(|p| {
                            let (lines, line, before, after) = measure(p, w, self.l);
                            lines.iter().sum::<u32>() * line + before + after
                        })
                        .sum::<u32>()
                })
                .max()
                .unwrap_or(0);
            self.piece(h);
        }
    }
}

/// A table cell's margin on each side (twips), as Word and LibreOffice default it.
const CELL_MARGIN: i32 = 108;

/// A paragraph's lines between its page breaks, the height of a line, and the space before
/// and after it (twips).
fn measure(p: &Paragraph, width: i32, l: &Layout) -> (Vec<u32>, u32, u32, u32) {
    let pitch = l.line_pitch;
    let (left, special, right) = p.indent.unwrap_or((None, None, None));
    let (left, right) = (left.unwrap_or(0), right.unwrap_or(0));
    let first = match special {
        Some(SpecialIndentType::FirstLine(v)) => v,
        Some(SpecialIndentType::Hanging(v)) => -v,
        None => 0,
    };
    let avail = (width - left - right).max(pitch as i32);
    let mut largest = 0usize;
    let mut pieces = vec![0i64];
    for r in &p.runs {
        let size = r.size.unwrap_or(l.body_size);
        largest = largest.max(size);
        let wide = (size as i32 * 10 + r.spacing.unwrap_or(l.char_spacing)).max(1) as i64;
        for c in &r.children {
            let last = pieces.len() - 1;
            match c {
                RunChild::Text(t) => {
                    for ch in t.chars() {
                        pieces[last] += match ch.width() {
                            Some(2) => wide,
                            Some(0) | None => 0,
                            _ => wide / 2,
                        };
                    }
                }
                RunChild::Tab => pieces[last] += wide,
                RunChild::Break(docx_rs::BreakType::Page) => pieces.push(0),
                RunChild::Break(_) => pieces[last] = round_up(pieces[last], avail as i64),
                RunChild::Drawing(d) => {
                    // a picture: its height in lines, as if one tall character
                    pieces[last] +=
                        (d.cy as i64 / 635).max(pitch as i64) / pitch as i64 * avail as i64;
                }
                RunChild::FootnoteReference(_) | RunChild::FootnoteMark => pieces[last] += wide / 2,
            }
        }
    }
    let lines: Vec<u32> = pieces
        .iter()
        .map(|&w| {
            let first_avail = (avail - first).max(1) as i64;
            if w <= first_avail {
                1
            } else {
                1 + ((w - first_avail) as u64).div_ceil(avail as u64) as u32
            }
        })
        .collect();
    let s = p.spacing.as_ref();
    let line = match s.and_then(|s| s.line.zip(s.rule)) {
        Some((v, LineSpacingType::Exact)) => v.max(1) as u32,
        _ => {
            // snapped to the grid: as many grid lines as the largest text needs
            let need = (largest.max(l.body_size) as u32 * 10 * 13 / 10).max(1);
            need.div_ceil(pitch) * pitch
        }
    };
    let before = s.and_then(|s| s.before).unwrap_or(0);
    let after = s.and_then(|s| s.after).unwrap_or(0);
    (lines, line, before, after)
}

fn round_up(w: i64, line: i64) -> i64 {
    if w == 0 {
        line
    } else {
        (w + line - 1) / line * line
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::write::docx::layout::GBT;
    use crate::write::docx::wml::{exact, Run};

    fn body_line(text: &str) -> BodyChild {
        BodyChild::Paragraph(Box::new(
            Paragraph::new()
                .line_spacing(exact(GBT.line_pitch))
                .add_run(Run::new().add_text(text)),
        ))
    }

    #[test]
    fn a_page_holds_its_lines_and_the_next_starts_a_page() {
        let mut p = Pages::new(&GBT);
        let per_page = GBT.lines_per_page();
        for _ in 0..per_page {
            p.add(&body_line("一"));
        }
        assert_eq!(p.page(), 1);
        assert_eq!(p.room(), GBT.text_height() - per_page * GBT.line_pitch);
        p.add(&body_line("一"));
        assert_eq!(p.page(), 2);
        assert_eq!(p.room(), GBT.text_height() - GBT.line_pitch);
    }

    #[test]
    fn a_long_paragraph_takes_as_many_lines_as_its_characters_need() {
        let mut p = Pages::new(&GBT);
        let per_line = GBT.chars_per_line() as usize;
        // two full lines and one character: three lines
        p.add(&body_line(&"字".repeat(per_line * 2 + 1)));
        assert_eq!(p.room(), GBT.text_height() - 3 * GBT.line_pitch);
        // half-width figures take half the room
        let mut q = Pages::new(&GBT);
        q.add(&body_line(&"1".repeat(per_line * 2)));
        assert_eq!(q.room(), GBT.text_height() - GBT.line_pitch);
    }

    #[test]
    fn a_page_break_before_starts_a_page() {
        let mut p = Pages::new(&GBT);
        p.add(&body_line("一"));
        p.add(&BodyChild::Paragraph(Box::new(
            Paragraph::new()
                .page_break_before(true)
                .add_run(Run::new().add_text("附件1")),
        )));
        assert_eq!(p.page(), 2);
        assert!(!p.at_top());
    }
}

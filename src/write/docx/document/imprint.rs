//! Where the 版记 goes: at the foot of the last page, its last rule on the type area's bottom
//! edge, and that page even (GB/T 9704 clause 7.4.1; even for duplex printing, fact sheet
//! §6.3). Without a page number on a blank page before it, or on its own page (clause 7.5).
//!
//! Each of the 版记's paragraphs is set in a frame of its own, placed on the page, stacked up
//! from the foot of the type area, so its last rule sits on the bottom edge whatever the body
//! above it. Which page the frames land on follows from the writer's page count
//! ([`pages`](super::pages)):
//!
//! ```text
//! body ends on an even page, room left   the 版记 at its foot
//! body ends on an odd page               the 版记 alone on the next page
//! body ends on an even page, full        a blank page, then the 版记's page
//! ```
//!
//! A page that holds the 版记 alone, and a blank page before it, are a section of their own
//! whose footers show no number: the 版记's page is as good as blank.

use super::BodyWriter;
use crate::write::docx::pages::Pages;
use crate::write::docx::styles;
use crate::write::docx::wml::{exact, BodyChild, FramePlace, Paragraph};

/// Room a 版记 paragraph's frame keeps for each of its rules, beyond its lines (twips; the
/// rule's 1 pt of space and its width).
const RULE_ROOM: u32 = 40;

/// The height of a paragraph that only holds a place: a page break, a blank page, the end of
/// a section (twips; 1 pt).
const PLACEHOLDER_LINE: u32 = 20;

impl BodyWriter<'_> {
    /// Write the 版记's children `held` at the foot of an even page, after the body.
    pub(super) fn place_imprint(&mut self, held: Vec<BodyChild>) {
        let l = self.l;
        let width = l.text_width();
        // each paragraph's height, then their frames stacked up from the type area's foot
        let heights: Vec<u32> = held
            .iter()
            .map(|c| {
                let mut alone = Pages::new(l);
                alone.add(c);
                let rules = match c {
                    BodyChild::Paragraph(p) => p.rules(),
                    BodyChild::Table(_) => 0,
                };
                l.text_height() - alone.room() + rules * RULE_ROOM
            })
            .collect();
        let height: u32 = heights.iter().sum();
        let mut y = l.margin_top + l.text_height();
        let mut framed: Vec<BodyChild> = Vec::with_capacity(held.len());
        for (c, h) in held.into_iter().zip(&heights).rev() {
            y = y.saturating_sub(*h);
            framed.push(match c {
                BodyChild::Paragraph(mut p) => {
                    // the frame is placed; a blank line above it would only push its text down
                    if let Some(s) = &mut p.spacing {
                        s.before = None;
                    }
                    BodyChild::Paragraph(Box::new(p.frame(FramePlace {
                        width,
                        height: *h,
                        x: l.margin_left,
                        y,
                    })))
                }
                t => t,
            });
        }
        framed.reverse();
        let at_top = self.pages.at_top();
        let body_page = if at_top {
            self.pages.page().saturating_sub(1).max(1)
        } else {
            self.pages.page()
        };
        // a line to spare: the count can be a line out
        let fits = !at_top && self.pages.room() >= height + l.line_pitch;
        if body_page % 2 == 1 {
            // the 版记 alone on the next page, in a section without page numbers
            self.end_section();
            self.unnumbered_tail = true;
        } else if !fits {
            // a blank page, and the 版记's page after it, in a section without page numbers
            self.end_section();
            let p = self.placeholder();
            self.push(p);
            let p = self.placeholder().page_break_before(true);
            self.push(p);
            self.unnumbered_tail = true;
        }
        for c in framed {
            self.push_child(c);
        }
        // the frame's anchor: Word keeps the document's last paragraph out of frames
        let p = self.placeholder();
        self.push(p);
    }

    /// An empty paragraph of 1 pt.
    fn placeholder(&self) -> Paragraph {
        self.flush(styles::NORMAL)
            .line_spacing(exact(PLACEHOLDER_LINE))
            .snap_to_grid(false)
    }

    /// End the section with the last paragraph written, or with a placeholder after a table.
    fn end_section(&mut self) {
        let section = self.section;
        match self.last.take() {
            Some(BodyChild::Paragraph(p)) => {
                self.last = Some(BodyChild::Paragraph(Box::new(p.end_section(section))));
            }
            other => {
                self.last = other;
                let p = self.placeholder().end_section(section);
                self.push(p);
            }
        }
    }
}

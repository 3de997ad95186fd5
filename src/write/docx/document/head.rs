//! The 版头 (GB/T 9704 clause 7.2): the 份号, 密级 and 紧急程度 lines, the red 发文机关标志
//! with its top edge a fixed distance below the type area's top, the 发文字号 (with an upward
//! document's 签发人 on its line), and the red separator under them.
//!
//! The 版头 is the run of such blocks a document starts with, when it holds a 发文机关标志;
//! anything else at the start is written block by block as before. Every position is counted
//! from the top of the type area, which is where page 1 starts, so it is exact whatever
//! follows.
//!
//! ```text
//! 000015                  line 1, flush left
//! 机密★1年                line 2, 黑体
//! 特急                    line 3, 黑体
//!                         (space to 35 mm)
//!      江北县人民政府文件     red 小标宋, centred
//!                         (two lines)
//!      江政发〔2025〕15号     centred
//! ━━━━━━━━━━━━━━━━━━━━━━  red, 4 mm under it, the type area's width
//!                         (two lines)
//!      关于……的通知           the title
//! ```

use super::BodyWriter;
use crate::tree::{Block, Element};
use crate::write::docx::fonts::Role;
use crate::write::docx::layout::Layout;
use crate::write::docx::layout::{
    mm, HEAD_GAP_LINES, INK_HEIGHT_PERMILLE, LETTER_LOWER_RULE_MM, LETTER_MARK_TOP_MM,
    LETTER_RULE_GAP_MM, LETTER_RULE_MM, LETTER_RULE_SIZE, MARK_INK_PERMILLE, MARK_LINE_PERMILLE,
    MARK_MAX_SIZE, MARK_TOP_MM, ORDER_MARK_TOP_MM, RED, SEPARATOR_GAP_PT, SEPARATOR_SIZE,
};
use crate::write::docx::styles;
use crate::write::docx::wml::{
    exact, AlignmentType, BodyChild, Border, BorderType, Borders, FramePlace, Paragraph, TabStop,
    TabValueType, Table, TableCell, TableRow, VAlignType,
};
use crate::write::docx::HeadFormat;

/// How many blocks at the start of `blocks` make a 版头: 份号, 密级, 紧急程度, the 发文机关
/// 标志 (several, for a joint issuance), 签发人 and 发文字号 lines, a 令's or 纪要's number
/// and a 纪要's organ-and-date byline under it, in any order, chrome between them skipped; 0
/// without a 发文机关标志 among them.
pub(super) fn head_len(blocks: &[Block]) -> usize {
    let mut serial = false;
    let n = blocks
        .iter()
        .position(|b| {
            serial |= matches!(b, Block::Serial(_));
            !(matches!(
                b,
                Block::Chrome(_)
                    | Block::CopyNumber(_)
                    | Block::Secrecy(_)
                    | Block::Urgency(_)
                    | Block::Banner(_)
                    | Block::Signer(_)
                    | Block::DocNumber(_)
                    | Block::Serial(_)
            ) || serial && matches!(b, Block::Byline(_)))
        })
        .unwrap_or(blocks.len());
    if blocks[..n].iter().any(|b| matches!(b, Block::Banner(_))) {
        n
    } else {
        0
    }
}

/// The line of an empty paragraph that only carries a rule (twips; 1 pt).
const RULE_LINE: u32 = 20;

/// A table cell's default margin on each side (Word's and LibreOffice's, 0.19 cm).
const CELL_MARGIN: u32 = 108;
/// Room a cell's line keeps beyond its characters' widths, so that rounding never wraps it.
const CELL_SLACK: u32 = 60;
/// The spacer above a joint issuance's names: a line of 1 pt under its space before.
const SPACER_LINE: u32 = 20;

/// The width of a line of `chars` characters of `size` half-points, in twips.
fn chars_width(chars: usize, size: usize) -> u32 {
    (chars * size * 10) as u32
}

impl BodyWriter<'_> {
    /// Write the 版头 `head` (blocks [`head_len`] took) in `format`; the title then follows
    /// two lines under the separator.
    pub(super) fn head(&mut self, head: &[Block], format: HeadFormat) {
        let l = self.l;
        let pitch = l.line_pitch;
        let mut above = 0u32;
        let mut banners: Vec<&Element> = Vec::new();
        let mut signers: Vec<&Element> = Vec::new();
        let mut number: Option<&str> = None;
        let mut byline: Option<&str> = None;
        if format == HeadFormat::Letter {
            self.letter_frames(head);
        }
        for b in head {
            match b {
                Block::Banner(_) if format == HeadFormat::Letter => {}
                Block::CopyNumber(_) | Block::Secrecy(_) | Block::Urgency(_)
                    if banners.is_empty() =>
                {
                    // lines 1–3 of the type area, one line each (clause 7.2.1–7.2.3)
                    self.block(b);
                    above += pitch;
                }
                Block::Banner(e) => banners.push(e),
                Block::Signer(e) => signers.push(e),
                Block::DocNumber(d) if number.is_none() => number = Some(&d.text.text),
                Block::Serial(e) if number.is_none() => number = Some(&e.text.text),
                Block::Byline(e) if byline.is_none() => byline = Some(&e.text.text),
                // a second 发文字号, or a 份号 under the mark: as written, in order
                _ => self.block(b),
            }
        }
        let mark_top = match format {
            HeadFormat::Order => mm(ORDER_MARK_TOP_MM),
            _ => mm(MARK_TOP_MM),
        };
        self.mark(&banners, mark_top.saturating_sub(above));
        // the 发文字号 and 签发人 two lines below the mark (clauses 7.2.4, 7.2.5); a letter's
        // under its double line, flush right (clause 10.1)
        let mut before = match format {
            HeadFormat::Letter => 0,
            _ => HEAD_GAP_LINES * pitch,
        };
        if format == HeadFormat::Order {
            // the order's number two lines under the mark, the body two lines under it, no
            // separator (clause 10.2)
            let p = self
                .flush(styles::NORMAL)
                .align(AlignmentType::Center)
                .line_spacing(exact(pitch).before(before).after(HEAD_GAP_LINES * pitch));
            let p = match number {
                Some(n) => p.add_run(self.run(n, Role::Body)),
                None => p,
            };
            self.push(p);
            return;
        }
        let last_signer = signers.pop();
        for s in &signers {
            let p = self
                .signer_line(&s.text.text)
                .line_spacing(exact(pitch).before(before));
            self.push(p);
            before = 0;
        }
        let p = match (number, last_signer) {
            // an upward document: the number one character in from the left, on the line of
            // the last 签发人, one character in from the right (clause 7.2.5)
            (Some(n), Some(s)) => self.number_and_signer(n, &s.text.text),
            (Some(n), None) if format == HeadFormat::Letter => self
                .flush(styles::NORMAL)
                .align(AlignmentType::Right)
                .add_run(self.run(n, Role::Body)),
            (Some(n), None) => self
                .flush(styles::NORMAL)
                .align(AlignmentType::Center)
                .add_run(self.run(n, Role::Body)),
            (None, Some(s)) => self.signer_line(&s.text.text),
            (None, None) => self.flush(styles::NORMAL),
        };
        let p = p.line_spacing(exact(pitch).before(before));
        let p = match (format, byline) {
            // a letter's double line is above its number
            (HeadFormat::Letter, _) => p,
            // a 纪要's organ and date on the line under its number, over the separator
            (_, Some(b)) => {
                self.push(p);
                let (organ, date) = b.trim().rsplit_once(char::is_whitespace).unwrap_or((b, ""));
                let p = self
                    .flush(styles::NORMAL)
                    .align(AlignmentType::Left)
                    .line_spacing(exact(pitch))
                    .add_tab(TabStop {
                        val: TabValueType::Right,
                        pos: l.text_width() as usize,
                    })
                    .add_run(self.run(organ.trim_end(), Role::Body))
                    .add_run(self.styled(crate::write::docx::wml::Run::new().add_tab(), Role::Body))
                    .add_run(self.run(date, Role::Body));
                self.separator(p)
            }
            _ => self.separator(p),
        };
        self.push(p);
        self.after_head = true;
    }

    /// A 信函's mark and double lines, each in a frame placed on page 1 (clause 10.1): the
    /// mark's top edge 30 mm from the page's top, a red line thick over thin 4 mm under it, a
    /// red line thin over thick 20 mm above the page's bottom, both 170 mm long and centred.
    /// Page 1 shows no page number.
    fn letter_frames(&mut self, head: &[Block]) {
        let l = self.l;
        let names: Vec<&str> = head
            .iter()
            .filter_map(|b| match b {
                Block::Banner(e) => Some(e.text.text.trim()),
                _ => None,
            })
            .collect();
        let text = names.concat();
        let (size, line, ink) = mark_size(l, text.chars().count());
        let mark_y = mm(LETTER_MARK_TOP_MM).saturating_sub(ink);
        if !self.opts.preprinted {
            let p = self
                .flush(styles::TITLE)
                .align(AlignmentType::Center)
                .line_spacing(exact(line))
                .snap_to_grid(false)
                .frame(FramePlace {
                    width: l.text_width(),
                    height: line,
                    x: l.margin_left,
                    y: mark_y,
                })
                .add_run(self.sized_run(&text, Role::Title, size).color(RED));
            self.push(p);
        }
        let rule_w = mm(LETTER_RULE_MM);
        let rule_x = l.page_width.saturating_sub(rule_w) / 2;
        let ink_bottom = mm(LETTER_MARK_TOP_MM) + size as u32 * 10 * INK_HEIGHT_PERMILLE / 1000;
        let upper = ink_bottom + mm(LETTER_RULE_GAP_MM);
        let thick = (LETTER_RULE_SIZE as u32 * 20).div_ceil(8);
        let lower = l
            .page_height
            .saturating_sub(mm(LETTER_LOWER_RULE_MM) + thick);
        for (top, val) in [
            (upper, BorderType::ThickThinSmallGap),
            (lower, BorderType::ThinThickSmallGap),
        ] {
            if self.opts.preprinted {
                break;
            }
            let p = self
                .flush(styles::NORMAL)
                .line_spacing(exact(RULE_LINE))
                .snap_to_grid(false)
                .set_borders(Borders {
                    top: Some(Border {
                        val,
                        size: LETTER_RULE_SIZE,
                        space: 0,
                        color: RED,
                    }),
                    bottom: None,
                })
                .frame(FramePlace {
                    width: rule_w,
                    height: RULE_LINE + thick,
                    x: rule_x,
                    y: top,
                });
            self.push(p);
        }
        // the flow starts under the upper line
        let below = (upper + thick + mm(LETTER_RULE_GAP_MM)).saturating_sub(l.margin_top);
        let p = self
            .flush(styles::NORMAL)
            .line_spacing(exact(RULE_LINE).before(below.saturating_sub(RULE_LINE)))
            .snap_to_grid(false);
        self.push(p);
        self.unnumbered_first = true;
    }

    /// The 发文机关标志: red, centred, in the title's face, its ink's top edge `top` twips below
    /// where it starts. Several marks are a joint issuance: the names stacked, "文件" once on
    /// their right, centred against them (clause 7.2.4). With `--preprinted` the mark's room is
    /// kept and left blank.
    fn mark(&mut self, banners: &[&Element], top: u32) {
        let Some(first) = banners.first() else { return };
        let names: Vec<&str> = banners.iter().map(|e| e.text.text.trim()).collect();
        let (names, word) = joint_names(&names);
        let l = self.l;
        let widest = names.iter().map(|n| n.chars().count()).max().unwrap_or(1);
        let word_chars = word.map_or(0, |w| w.chars().count());
        let total_chars = if names.len() > 1 {
            widest + word_chars
        } else {
            first.text.text.trim().chars().count()
        };
        let (size, line, ink) = mark_size(l, total_chars);
        let before = top.saturating_sub(ink);
        let mark_para = |w: &Self| {
            w.flush(styles::TITLE)
                .align(AlignmentType::Center)
                .line_spacing(exact(line))
                .snap_to_grid(false)
                .keep_next(true)
        };
        if self.opts.preprinted {
            // the paper carries the mark: its room stays, empty
            let rows = names.len().max(1) as u32;
            let p = mark_para(self).line_spacing(exact(line * rows).before(before));
            self.push(p);
            return;
        }
        let red = |w: &Self, t: &str| w.sized_run(t, Role::Title, size).color(RED);
        if names.len() <= 1 {
            let p = mark_para(self).line_spacing(exact(line).before(before));
            let p = p.add_run(red(self, first.text.text.trim()));
            self.push(p);
            return;
        }
        // a joint issuance: a borderless table, the names justified to one width in the left
        // column, "文件" in the right, centred across them
        // (a paragraph's exact height is bounded in some renderers; its space before is not)
        let spacer = self
            .flush(styles::NORMAL)
            .snap_to_grid(false)
            .line_spacing(exact(SPACER_LINE).before(before.saturating_sub(SPACER_LINE)));
        self.push(spacer);
        // a cell's text is inset by its margins on each side
        let name_w = chars_width(widest, size) + 2 * CELL_MARGIN + CELL_SLACK;
        let word_w = chars_width(word_chars, size) + 2 * CELL_MARGIN + CELL_SLACK;
        let mut cell = TableCell::new().width(name_w as usize);
        for n in &names {
            let p = mark_para(self).align(AlignmentType::Distribute);
            cell = cell.add_paragraph(p.add_run(red(self, n)));
        }
        let mut row = vec![cell];
        if let Some(w) = word {
            let p = mark_para(self).add_run(red(self, w));
            row.push(
                TableCell::new()
                    .width(word_w as usize)
                    .vertical_align(VAlignType::Center)
                    .add_paragraph(p),
            );
        }
        let width = name_w + if word.is_some() { word_w } else { 0 };
        let indent = (l.text_width().saturating_sub(width) / 2) as i32;
        let mut grid = vec![name_w as usize];
        if word.is_some() {
            grid.push(word_w as usize);
        }
        let t = Table::new(vec![TableRow::new(row).cant_split()])
            .set_grid(grid)
            .width(width as usize)
            .indent(indent);
        self.push_child(BodyChild::Table(Box::new(t)));
    }

    /// A 签发人 line one character in from the right: the label in 仿宋, the names in 楷体
    /// (clause 7.2.5).
    pub(super) fn signer_line(&self, text: &str) -> Paragraph {
        self.signer_runs(self.right_aligned(self.l.chars_to_twips(100)), text)
    }

    /// `p` with a 签发人 line's runs: the label up to its colon in 仿宋, the names in 楷体.
    fn signer_runs(&self, p: Paragraph, text: &str) -> Paragraph {
        let at = text.find(['：', ':']).map_or(0, |i| {
            i + text[i..].chars().next().map_or(0, char::len_utf8)
        });
        p.add_run(self.run(&text[..at], Role::Body))
            .add_run(self.run(&text[at..], Role::Kai))
    }

    /// An upward document's 发文字号 one character in from the left, and the 签发人 on the
    /// same line one character in from the right (clause 7.2.5).
    fn number_and_signer(&self, number: &str, signer: &str) -> Paragraph {
        let l = self.l;
        let one = l.chars_to_twips(100);
        // no indents, so that the separator under this line spans the type area: the one
        // character in on each side are tab stops
        let tab = || self.styled(crate::write::docx::wml::Run::new().add_tab(), Role::Body);
        let p = self
            .flush(styles::NORMAL)
            .align(AlignmentType::Left)
            .add_tab(TabStop {
                val: TabValueType::Left,
                pos: one.max(0) as usize,
            })
            .add_tab(TabStop {
                val: TabValueType::Right,
                pos: (l.text_width() as i32 - one).max(0) as usize,
            })
            .add_run(tab())
            .add_run(self.run(number, Role::Body))
            .add_run(tab());
        self.signer_runs(p, signer)
    }

    /// The red separator as `p`'s bottom border, 4 mm under its text, as wide as the type area
    /// (clause 7.2.6); with `--preprinted` the paper has it, and its room is kept.
    fn separator(&self, p: Paragraph) -> Paragraph {
        if self.opts.preprinted {
            return p;
        }
        // the rule spans the paragraph's indents, which the 版头's lines leave at 0
        p.set_borders(Borders {
            top: None,
            bottom: Some(Border {
                val: BorderType::Single,
                size: SEPARATOR_SIZE,
                space: SEPARATOR_GAP_PT,
                color: RED,
            }),
        })
    }
}

/// The mark's size for a line of `chars` characters: the largest up to 初号 at which it fits
/// the type area's width (half-points), its exact line and where its ink starts in it (twips).
fn mark_size(l: &Layout, chars: usize) -> (usize, u32, u32) {
    let fit = (l.text_width() as usize / (chars.max(1) * 10)).min(MARK_MAX_SIZE);
    let size = fit - fit % 2;
    let line = size as u32 * 10 * MARK_LINE_PERMILLE / 1000;
    let ink = size as u32 * 10 * MARK_INK_PERMILLE / 1000;
    (size, line, ink)
}

/// A joint issuance's names and its "文件": `A局 / B局 / 文件`, `A局文件 / B局文件` and
/// `A局 / B局文件` all give the names A局, B局 and 文件 once.
fn joint_names<'a>(lines: &[&'a str]) -> (Vec<&'a str>, Option<&'a str>) {
    const WORD: &str = "文件";
    let mut names: Vec<&str> = lines.to_vec();
    if names.len() > 1 && names.last() == Some(&WORD) {
        names.pop();
        return (names, Some(WORD));
    }
    if names.len() > 1 && names.last().is_some_and(|n| n.ends_with(WORD)) {
        for n in &mut names {
            if let Some(s) = n.strip_suffix(WORD).filter(|s| !s.is_empty()) {
                *n = s;
            }
        }
        return (names, Some(WORD));
    }
    (names, None)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn joint_names_take_wenjian_once() {
        assert_eq!(
            joint_names(&["甲市教育局", "甲市财政局", "文件"]),
            (vec!["甲市教育局", "甲市财政局"], Some("文件"))
        );
        assert_eq!(
            joint_names(&["甲市教育局文件", "甲市财政局文件"]),
            (vec!["甲市教育局", "甲市财政局"], Some("文件"))
        );
        assert_eq!(
            joint_names(&["甲市教育局", "甲市财政局文件"]),
            (vec!["甲市教育局", "甲市财政局"], Some("文件"))
        );
        assert_eq!(joint_names(&["甲市人民政府文件"]).1, None);
    }

    #[test]
    fn a_head_needs_a_mark() {
        let doc = crate::parse_str("江政发〔2025〕15号\n\n关于调整收费标准的通知\n\n正文。\n");
        assert_eq!(head_len(&doc.blocks), 0);
        let doc = crate::parse_str(
            "000015\n特急\n\n江北县人民政府文件\n\n江政发〔2025〕15号\n\n关于调整收费标准的通知\n\n各单位：\n正文。\n",
        );
        assert_eq!(head_len(&doc.blocks), 4, "{:#?}", doc.blocks);
    }
}

//! Every layout number of the DOCX writer, named once, with the clause it comes from.
//!
//! Clause numbers are those of GB/T 9704-2012 《党政机关公文格式》; "fact sheet" refers to the
//! sections of the project's GB/T 9704 fact sheet (`gbt9704.md`). Lengths are in twips
//! (1/20 pt, 1/1440 inch), font sizes in half-points as OOXML wants them. Numbers that are our
//! own arithmetic say so.

/// Twips per millimetre (1440 twips per inch, 25.4 mm per inch).
pub const TWIPS_PER_MM: f64 = 1440.0 / 25.4;

/// Millimetres → twips, rounded to the nearest twip.
pub const fn mm(v: f64) -> u32 {
    // const-friendly rounding of a positive value
    (v * TWIPS_PER_MM + 0.5) as u32
}

/// A complete page and type layout.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Layout {
    /// Page width (twips).
    pub page_width: u32,
    /// Page height (twips).
    pub page_height: u32,
    /// Top margin (天头).
    pub margin_top: u32,
    /// Bottom margin (地脚).
    pub margin_bottom: u32,
    /// Left margin (订口).
    pub margin_left: u32,
    /// Right margin (切口).
    pub margin_right: u32,
    /// Body line pitch: exact line spacing and the document grid's `w:linePitch`.
    pub line_pitch: u32,
    /// Character spacing on body-size runs, in twentieths of a point (`w:spacing`; negative condenses).
    pub char_spacing: i32,
    /// Widow and orphan control. Off for GB/T: every full page holds 22 lines (clause 5.2.3),
    /// and moving a line to the next page would leave 21.
    pub widow_control: bool,
    /// Whether to write a document grid (`w:docGrid w:type="lines"`).
    pub doc_grid: bool,
    /// Title size (half-points).
    pub title_size: usize,
    /// Body, subtitle and heading size (half-points).
    pub body_size: usize,
    /// Page-number size (half-points).
    pub page_number_size: usize,
    /// 版记 (抄送, 印发) size (half-points).
    pub imprint_size: usize,
    /// Body first-line indent in hundredths of a character (`w:firstLineChars`).
    pub first_line_chars: i32,
    /// Distance from the page's bottom edge to the footer's baseline box (`w:footer`).
    pub footer_distance: u32,
    /// Exact line height of the page-number paragraph.
    pub page_number_line: u32,
    /// Page numbers sit this far in from the right edge (odd) or left edge (even).
    pub page_number_inset: u32,
    /// Odd/even page numbers placed on opposite sides; `false` centres them.
    pub page_number_sides: bool,
    /// Em dashes around the page number.
    pub page_number_dashes: bool,
    /// The 成文日期 sits this many characters in from the right (hundredths of a char).
    pub date_right_chars: u32,
    /// 版记 lines are indented this much on both sides.
    pub imprint_inset: u32,
    /// Width of the first and last 版记 rules, eighths of a point (`w:sz`).
    pub imprint_rule_thick: usize,
    /// Width of the middle 版记 rules, eighths of a point.
    pub imprint_rule_thin: usize,
    /// Table cell text size (half-points).
    pub table_cell_size: usize,
    /// Exact line height of a table cell's lines.
    pub table_cell_line: u32,
    /// Width of a table's borders, eighths of a point (`w:sz`).
    pub table_border: usize,
    /// Footnote text size (half-points).
    pub footnote_size: usize,
    /// Exact line height of a footnote's lines.
    pub footnote_line: u32,
}

/// A4 per GB/T 148, 210 mm × 297 mm (clause 5.1).
pub const A4_WIDTH: u32 = 11906;
/// A4 height (clause 5.1).
pub const A4_HEIGHT: u32 = 16838;
/// 天头 37 mm ± 1 mm (clause 5.2.1).
pub const GBT_MARGIN_TOP: u32 = mm(37.0);
/// 订口 28 mm ± 1 mm (clause 5.2.1).
pub const GBT_MARGIN_LEFT: u32 = mm(28.0);
/// 版心 156 mm wide (clause 5.2.1).
pub const GBT_TEXT_WIDTH_MM: f64 = 156.0;
/// 版心 225 mm high (clause 5.2.1).
pub const GBT_TEXT_HEIGHT_MM: f64 = 225.0;
/// Right margin 210 − 28 − 156 = 26 mm (derived from clause 5.2.1, fact sheet §3).
pub const GBT_MARGIN_RIGHT: u32 = mm(210.0 - 28.0 - GBT_TEXT_WIDTH_MM);
/// Bottom margin 297 − 37 − 225 = 35 mm (derived from clause 5.2.1, fact sheet §3).
pub const GBT_MARGIN_BOTTOM: u32 = mm(297.0 - 37.0 - GBT_TEXT_HEIGHT_MM);
/// 22 lines per page (clause 5.2.3).
pub const GBT_LINES_PER_PAGE: u32 = 22;
/// 28 characters per line (clause 5.2.3).
pub const GBT_CHARS_PER_LINE: u32 = 28;
/// Line pitch 579 twips = 225 mm ÷ 22 rounded down to a whole twip (fact sheet §4, S18).
pub const GBT_LINE_PITCH: u32 = 579;
/// −0.25 pt per character: 28 × (16 − 0.25) pt = 441 pt fits the 442 pt line, 29 do not
/// (fact sheet §4: 28 × 16 pt exceeds 156 mm, a slight condense is needed).
pub const GBT_CHAR_SPACING: i32 = -5;
/// 2号 = 22 pt, the title (clause 7.3.1; fact sheet §5).
pub const SIZE_2HAO: usize = 44;
/// 3号 = 16 pt, the default for every element (clause 5.2.2).
pub const SIZE_3HAO: usize = 32;
/// 4号 = 14 pt, page numbers and 版记 (clauses 7.4.2, 7.5).
pub const SIZE_4HAO: usize = 28;
/// 小四 = 12 pt, the plain layout's body.
pub const SIZE_XIAO4: usize = 24;
/// Each paragraph indented 2 characters (clause 7.3.3): `w:firstLineChars="200"`.
pub const FIRST_LINE_CHARS: i32 = 200;
/// The page number's dash top sits 7 mm below the type area (clause 7.5).
pub const PAGE_NUMBER_GAP_MM: f64 = 7.0;
/// Exact line height of the page-number paragraph: one 4号 line (our choice).
pub const PAGE_NUMBER_LINE: u32 = 280;
/// Odd pages: right, one character in; even pages: left, one character in (clause 7.5).
/// One 4号 character = 14 pt.
pub const PAGE_NUMBER_INSET: u32 = 280;
/// 成文日期 4 characters from the right (clause 7.3.5.1).
pub const DATE_RIGHT_CHARS: u32 = 400;
/// 抄送 and 印发 lines one character in from each side (clauses 7.4.2, 7.4.3); one 4号 char.
pub const IMPRINT_INSET: u32 = 280;
/// First and last 版记 rules 0.35 mm ≈ 1 pt (clause 7.4.1).
pub const IMPRINT_RULE_THICK: usize = 8;
/// Middle 版记 rules 0.25 mm ≈ 0.75 pt (clause 7.4.1).
pub const IMPRINT_RULE_THIN: usize = 6;

// The 版头 (clause 7.2) and the special formats (clause 10).

/// The 发文机关标志's top edge 35 mm below the type area's top (clause 7.2.4); a 纪要's
/// mark likewise (clause 10.3).
pub const MARK_TOP_MM: f64 = 35.0;
/// A 命令（令）'s mark: its top edge 20 mm below the type area's top (clause 10.2).
pub const ORDER_MARK_TOP_MM: f64 = 20.0;
/// A 信函's mark: its top edge 30 mm below the page's top edge (clause 10.1).
pub const LETTER_MARK_TOP_MM: f64 = 30.0;
/// A 信函's upper red double line 4 mm below its mark (clause 10.1).
pub const LETTER_RULE_GAP_MM: f64 = 4.0;
/// The height of an ideograph's ink, in thousandths of its size (the CJK faces' ink box).
pub const INK_HEIGHT_PERMILLE: u32 = 880;
/// The mark's size: at most 初号, 42 pt (our choice: the standard sets none, only "醒目、美观、
/// 庄重"); a longer name is set smaller, so that it fits the type area's width.
pub const MARK_MAX_SIZE: usize = 84;
/// The mark's exact line height, in thousandths of its size (our choice: room for a face's
/// ascent and descent, so that no renderer clips it).
pub const MARK_LINE_PERMILLE: u32 = 1400;
/// Where an ideograph's ink starts below the top of a line of [`MARK_LINE_PERMILLE`], in
/// thousandths of the size: 0.28 (measured in LibreOffice on the CJK faces of the project's
/// layout tests, which set a fixed-height line's glyphs low in it; another face moves the mark
/// by about 0.15 mm per 0.01 of its size).
pub const MARK_INK_PERMILLE: u32 = 280;
/// Blank lines between the mark and the 发文字号 or 签发人 (clauses 7.2.4, 7.2.5), between
/// the red separator and the title (clause 7.3.1), and between a 令's mark, its number and its
/// body (clause 10.2).
pub const HEAD_GAP_LINES: u32 = 2;
/// The red separator 4 mm below the 发文字号 (clause 7.2.6): `w:space` of the paragraph's
/// bottom border, in points: 5 pt puts the rule 4 mm under the ink of a 3号 line of the
/// body's pitch (measured in LibreOffice; the glyphs' box reaches 1.5 mm below their ink).
pub const SEPARATOR_GAP_PT: usize = 5;
/// The separator's width: 1½ pt, eighths of a point (our choice; the standard sets none).
pub const SEPARATOR_SIZE: usize = 12;
/// The red of the 版头 (clause 7.2.4, 7.2.6; printed Y80% M80%, fact sheet §3).
pub const RED: &str = "FF0000";
/// A 信函's double lines are 170 mm long, centred (clause 10.1): 7 mm past each side of the
/// type area.
pub const LETTER_RULE_MM: f64 = 170.0;
/// A 信函's lower double line sits 20 mm above the page's bottom edge (clause 10.1).
pub const LETTER_LOWER_RULE_MM: f64 = 20.0;
/// A 信函's double lines: 3 pt in all, eighths of a point (thick over thin, thin over thick;
/// our choice of width).
pub const LETTER_RULE_SIZE: usize = 24;

// Tables, lists, quotes, images and footnotes. GB/T 9704-2012 says nothing about any of them
// beyond clause 5.2.2 (every element in 3号仿宋 unless stated); the numbers below are the
// common practice of government reports, and our choice where practice varies.

/// Table cell text in 4号 (14 pt), one step below the 3号 body as reports commonly set their
/// tables: 3号 leaves a 156 mm table five or six characters a column, 4号 about a third more.
pub const GBT_TABLE_CELL_SIZE: usize = SIZE_4HAO;
/// Cell lines at an exact 21 pt, 1.5 times the 4号 text (our choice: the body's own pitch,
/// 28.95 pt, would leave a table of short cells mostly air).
pub const GBT_TABLE_CELL_LINE: u32 = 420;
/// Table borders: single lines of ½ pt (`w:sz` 4), the hairline of a printed form.
pub const TABLE_BORDER: usize = 4;
// A table's caption (表1　…) sits centred above it in 3号黑体, as reports set a table title:
// a label in 黑体 like the level-1 heading, rather than bold 仿宋 (GB/T sets nothing in bold);
// it keeps with the table's first row. The header rows are set in 黑体 too, centred.
/// Footnotes in 4号 (14 pt) 仿宋: two sizes under the body would be the Word default's ratio,
/// one keeps them legible, as the 版记's 4号 does (clause 7.4).
pub const GBT_FOOTNOTE_SIZE: usize = SIZE_4HAO;
/// Footnote lines at an exact 18 pt (our choice: single spacing of 4号 text).
pub const GBT_FOOTNOTE_LINE: u32 = 360;
/// A quotation is indented 2 characters on the left (hundredths of a character), its
/// paragraphs keeping their own first-line indent.
pub const QUOTE_INDENT_CHARS: i32 = 200;
/// Each level of list nesting indents the bullet 2 characters more (hundredths of a
/// character); a first-level bullet stands where a paragraph's first line starts (clause 7.3.3).
pub const LIST_INDENT_CHARS: i32 = 200;
/// The bullet written for an unnumbered item (`-`, `*`, `+`): the bullet •, U+2022, not a
/// full-width form such as ●, which reads as a heavy dingbat in 仿宋; numbered items keep their
/// number as written. A tab follows it, to the hanging indent where the item's text starts.
pub const BULLET: &str = "\u{2022}";
/// An item's hanging indent: the bullet's or number's width plus half a character, in half
/// characters, never under this many (so that a tab after a bullet always reaches the indent).
pub const LIST_HANG_MIN_HALF_CHARS: i32 = 3;
/// Pixels are taken at 96 per inch (9525 EMU each), as Word takes a picture without a
/// resolution of its own; a picture wider than the text block is scaled down to its width.
pub const EMU_PER_PX: u64 = 9525;
/// EMU per twip (914400 per inch ÷ 1440).
pub const EMU_PER_TWIP: u64 = 635;

/// The GB/T 9704-2012 layout.
pub const GBT: Layout = Layout {
    page_width: A4_WIDTH,
    page_height: A4_HEIGHT,
    margin_top: GBT_MARGIN_TOP,
    margin_bottom: GBT_MARGIN_BOTTOM,
    margin_left: GBT_MARGIN_LEFT,
    margin_right: GBT_MARGIN_RIGHT,
    line_pitch: GBT_LINE_PITCH,
    char_spacing: GBT_CHAR_SPACING,
    widow_control: false,
    doc_grid: true,
    title_size: SIZE_2HAO,
    body_size: SIZE_3HAO,
    page_number_size: SIZE_4HAO,
    imprint_size: SIZE_4HAO,
    first_line_chars: FIRST_LINE_CHARS,
    // the page-number line's top is 35 − 7 = 28 mm above the page's bottom edge
    footer_distance: mm(297.0 - 37.0 - GBT_TEXT_HEIGHT_MM - PAGE_NUMBER_GAP_MM) - PAGE_NUMBER_LINE,
    page_number_line: PAGE_NUMBER_LINE,
    page_number_inset: PAGE_NUMBER_INSET,
    page_number_sides: true,
    page_number_dashes: true,
    date_right_chars: DATE_RIGHT_CHARS,
    imprint_inset: IMPRINT_INSET,
    imprint_rule_thick: IMPRINT_RULE_THICK,
    imprint_rule_thin: IMPRINT_RULE_THIN,
    table_cell_size: GBT_TABLE_CELL_SIZE,
    table_cell_line: GBT_TABLE_CELL_LINE,
    table_border: TABLE_BORDER,
    footnote_size: GBT_FOOTNOTE_SIZE,
    footnote_line: GBT_FOOTNOTE_LINE,
};

/// A neutral layout (`--style plain`): A4, one-inch margins, 小四 body, 1.5 lines, centred
/// plain page numbers.
pub const PLAIN: Layout = Layout {
    page_width: A4_WIDTH,
    page_height: A4_HEIGHT,
    margin_top: 1440,
    margin_bottom: 1440,
    margin_left: 1440,
    margin_right: 1440,
    line_pitch: 360,
    char_spacing: 0,
    widow_control: true,
    doc_grid: false,
    title_size: 36,
    body_size: SIZE_XIAO4,
    page_number_size: 21,
    imprint_size: SIZE_XIAO4,
    first_line_chars: FIRST_LINE_CHARS,
    footer_distance: 720,
    page_number_line: 280,
    page_number_inset: 0,
    page_number_sides: false,
    page_number_dashes: false,
    date_right_chars: 200,
    imprint_inset: 0,
    imprint_rule_thick: 8,
    imprint_rule_thin: 6,
    // 五号 (10.5 pt) cells and 小五 (9 pt) footnotes under the 小四 body
    table_cell_size: 21,
    table_cell_line: 300,
    table_border: TABLE_BORDER,
    footnote_size: 18,
    footnote_line: 240,
};

impl Layout {
    /// Width of the type area (twips).
    pub fn text_width(&self) -> u32 {
        self.page_width - self.margin_left - self.margin_right
    }

    /// Height of the type area (twips).
    pub fn text_height(&self) -> u32 {
        self.page_height - self.margin_top - self.margin_bottom
    }

    /// Advance of one body character: font size plus character spacing (twips).
    pub fn char_pitch(&self) -> i32 {
        self.body_size as i32 * 10 + self.char_spacing
    }

    /// Twips of `hundredths` hundredths of a body character (the `w:firstLine` fallback for
    /// `w:firstLineChars`).
    pub fn chars_to_twips(&self, hundredths: i32) -> i32 {
        self.char_pitch() * hundredths / 100
    }

    /// Characters on a full body line.
    #[cfg(test)]
    pub fn chars_per_line(&self) -> u32 {
        self.text_width() / self.char_pitch().max(1) as u32
    }

    /// Body lines on a full page.
    #[cfg(test)]
    pub fn lines_per_page(&self) -> u32 {
        self.text_height() / self.line_pitch.max(1)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn example_module() {
        use crate::write::docx::layout::{Layout, GBT};
        // 22 lines of the body pitch fit in the 225 mm type area, 23 do not.
        assert!(22 * GBT.line_pitch <= GBT.text_height());
        assert!(23 * GBT.line_pitch > GBT.text_height());
        let plain: &Layout = &crate::write::docx::layout::PLAIN;
        assert!(plain.char_spacing == 0);
    }

    #[test]
    fn example_fn() {
        assert_eq!(crate::write::docx::layout::mm(37.0), 2098);
    }

    #[test]
    fn margins_match_the_fact_sheet_twips() {
        // fact sheet §3: top 2098, left 1588, right 1474, bottom 1984
        // within a twip: 28 mm is 1587.4 twips
        for (got, want) in [
            (GBT.margin_top, 2098),
            (GBT.margin_left, 1588),
            (GBT.margin_right, 1474),
            (GBT.margin_bottom, 1984),
        ] {
            assert!((got as i32 - want).abs() <= 1, "{got} vs {want}");
        }
    }

    #[test]
    fn type_area_is_156_by_225_mm() {
        let w = GBT.text_width() as f64 / TWIPS_PER_MM;
        let h = GBT.text_height() as f64 / TWIPS_PER_MM;
        assert!((w - 156.0).abs() < 0.2, "{w}");
        assert!((h - 225.0).abs() < 0.2, "{h}");
    }

    #[test]
    fn twenty_two_lines_of_twenty_eight() {
        assert_eq!(GBT.lines_per_page(), GBT_LINES_PER_PAGE);
        assert_eq!(GBT.chars_per_line(), GBT_CHARS_PER_LINE);
    }

    #[test]
    fn page_number_line_top_is_seven_mm_below_the_type_area() {
        let top_from_bottom = (GBT.footer_distance + GBT.page_number_line) as f64 / TWIPS_PER_MM;
        let below_text = 297.0 - 37.0 - 225.0 - top_from_bottom;
        assert!((below_text - 7.0).abs() < 0.1, "{below_text}");
    }

    #[test]
    fn sizes_are_half_points() {
        assert_eq!(GBT.title_size, 44);
        assert_eq!(GBT.body_size, 32);
        assert_eq!(GBT.page_number_size, 28);
    }
}

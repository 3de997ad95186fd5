//! The blocks of Markdown and HTML sources: tables, lists and their items, quotations,
//! pictures, footnotes and breaks. Every number is in `layout.rs`.

use super::{BodyWriter, Frame};
use crate::tree::{Align, Block, Break, BreakKind, Footnote, Item, List, Quote, Table, Text};
use crate::write::docx::fonts::{face_in, Role};
use crate::write::docx::layout::{
    BULLET, LIST_HANG_MIN_HALF_CHARS, LIST_INDENT_CHARS, QUOTE_INDENT_CHARS,
};
use crate::write::docx::styles;
use crate::write::docx::wml::{
    exact, AlignmentType, BodyChild, Border, BorderType, Borders, BreakType, Paragraph, Run,
    SpecialIndentType, TableCell, TableRow, VAlignType, VMergeType,
};
use crate::write::docx::xml_text;
use crate::Span;
use unicode_width::UnicodeWidthStr;

/// A footnote label longer than this (in bytes) is not looked up: `[^` starts no reference.
/// It bounds the scan after each `[^`, so that text is read once.
const MAX_LABEL: usize = 64;
/// The widest cell span written (Word's tables have at most 63 columns); a larger span in the
/// source is cut to it.
const MAX_SPAN: u32 = 63;
/// Column weights, in half-width characters of a column's longest cell: a column of one- or
/// two-character cells gets at least this much room ...
const MIN_COLUMN_WEIGHT: usize = 4;
/// ... and a column of long cells no more than this, so that widths stay within 1:8 and a long
/// cell wraps in its column rather than squeezing the others.
const MAX_COLUMN_WEIGHT: usize = 32;

/// One grid position of a table row as written.
enum Slot<'a> {
    /// A source cell, the columns it spans, whether it starts a vertical merge.
    Cell(&'a crate::tree::Cell, usize, bool),
    /// The continuation of a cell above that spans rows, over this many columns.
    Merged(usize),
    /// A column the row leaves empty.
    Empty,
}

impl Slot<'_> {
    fn span(&self) -> usize {
        match self {
            Slot::Cell(_, n, _) | Slot::Merged(n) => *n,
            Slot::Empty => 1,
        }
    }
}

/// Lay the rows' cells out on the grid: a cell that spans rows leaves a continuation in the
/// rows under it (which do not list it again, as HTML's `rowspan` has it), and short rows are
/// padded with empty cells. Returns the rows and the number of grid columns. Linear in the
/// cells and columns.
fn grid(t: &Table) -> (Vec<Vec<Slot<'_>>>, usize) {
    // for each grid column: rows the cell above still covers, and its column span
    let mut covered: Vec<(u32, usize)> = Vec::new();
    let mut rows = Vec::with_capacity(t.rows.len());
    let mut ncols = 0;
    for (r, row) in t.rows.iter().enumerate() {
        let rows_left = (t.rows.len() - r - 1) as u32;
        let mut slots = Vec::with_capacity(row.cells.len());
        let mut cells = row.cells.iter();
        let mut col = 0;
        loop {
            if let Some(&(left, span)) = covered.get(col).filter(|c| c.0 > 0) {
                covered[col].0 = left - 1;
                slots.push(Slot::Merged(span));
                col += span;
                continue;
            }
            let Some(c) = cells.next() else {
                if col < covered.len() {
                    // a gap before a continuation further right
                    slots.push(Slot::Empty);
                    col += 1;
                    continue;
                }
                break;
            };
            let span = c.col_span.clamp(1, MAX_SPAN) as usize;
            let down = c.row_span.max(1).min(rows_left + 1) - 1;
            if covered.len() < col + span {
                covered.resize(col + span, (0, 1));
            }
            if down > 0 {
                covered[col] = (down, span);
            }
            slots.push(Slot::Cell(c, span, down > 0));
            col += span;
        }
        ncols = ncols.max(col);
        rows.push(slots);
    }
    for slots in &mut rows {
        let width: usize = slots.iter().map(Slot::span).sum();
        slots.extend((width..ncols).map(|_| Slot::Empty));
    }
    (rows, ncols)
}

/// Column widths summing to `total` twips, each in proportion to its longest single-column
/// cell, bounded by [`MIN_COLUMN_WEIGHT`] and [`MAX_COLUMN_WEIGHT`].
fn column_widths(rows: &[Vec<Slot<'_>>], ncols: usize, total: i32) -> Vec<usize> {
    let mut weight = vec![MIN_COLUMN_WEIGHT; ncols];
    for slots in rows {
        let mut col = 0;
        for s in slots {
            if let Slot::Cell(c, 1, _) = s {
                let w = UnicodeWidthStr::width(c.text.text.as_str()).min(MAX_COLUMN_WEIGHT);
                weight[col] = weight[col].max(w);
            }
            col += s.span();
        }
    }
    let sum: usize = weight.iter().sum::<usize>().max(1);
    let total = total.max(0) as usize;
    let mut widths: Vec<usize> = weight.iter().map(|w| total * w / sum).collect();
    let given: usize = widths.iter().sum();
    if let Some(last) = widths.last_mut() {
        *last += total - given;
    }
    widths
}

/// A cell's alignment: a header cell is centred over its column, whatever the column's
/// alignment (which sets its figures); a body cell as the source aligned the column, or from
/// the left.
fn alignment(a: Option<&Align>, header: bool) -> AlignmentType {
    match a {
        _ if header => AlignmentType::Center,
        Some(Align::Left) => AlignmentType::Left,
        Some(Align::Center) => AlignmentType::Center,
        Some(Align::Right) => AlignmentType::Right,
        _ => AlignmentType::Left,
    }
}

/// Where the label of a footnote reference `[^label]` that starts at `at` ends (the `]`), when
/// there is one: no space or `[` inside, at most [`MAX_LABEL`] bytes.
fn label_end(text: &str, at: usize) -> Option<usize> {
    let from = at + 2;
    text[from..]
        .char_indices()
        .take_while(|&(i, c)| i <= MAX_LABEL && !c.is_whitespace() && c != '[')
        .find(|&(_, c)| c == ']')
        .map(|(i, _)| from + i)
        .filter(|&end| end > from)
}

impl<'a> BodyWriter<'a> {
    /// Run properties of `role` at `size`.
    fn styled_at(&self, r: Run, role: Role, size: usize) -> Run {
        let mut r = self.styled(r, role).size(size);
        if size != self.l.body_size {
            // the condensing that fits 28 characters to a body line is for body-size text only
            r = r.no_character_spacing();
        }
        r
    }

    /// Runs of `text` in `role`, a footnote reference in place of each `[^label]` whose label
    /// has a note; one without a note stays as text.
    pub(super) fn add_runs(&self, p: Paragraph, text: &str, role: Role) -> Paragraph {
        self.add_runs_at(p, text, role, self.size(role))
    }

    /// [`Self::add_runs`] at `size`.
    fn add_runs_at(&self, mut p: Paragraph, text: &str, role: Role, size: usize) -> Paragraph {
        let run = |t: &str| self.styled_at(xml_text::add_text(Run::new(), t), role, size);
        if self.notes.is_empty() || !text.contains("[^") {
            return p.add_run(run(text));
        }
        let mut from = 0;
        let mut at = 0;
        while let Some(i) = text[at..].find("[^") {
            let start = at + i;
            at = start + 2;
            let Some(end) = label_end(text, start) else {
                continue;
            };
            let Some(note) = self.notes.get(&text[start + 2..end]) else {
                continue;
            };
            if from < start {
                p = p.add_run(run(&text[from..start]));
            }
            p = p.add_run(self.note_reference(note, role, size));
            at = end + 1;
            from = at;
        }
        if from < text.len() {
            p = p.add_run(run(&text[from..]));
        }
        p
    }

    /// A footnote reference, and its note (every reference gets a note of its own, as Word
    /// numbers them).
    pub(super) fn note_reference(&self, n: &Footnote, role: Role, size: usize) -> Run {
        let l = self.l;
        let id = self.next_note.get();
        self.next_note.set(id + 1);
        // the note's own number (`w:footnoteRef`), which shows it at the page foot, then its text
        let text = format!(" {}", n.text.text);
        let note = self
            .para()
            .style(styles::FOOTNOTE_TEXT)
            .add_run(Run::new().add_footnote_mark())
            .add_run(
                xml_text::add_text(Run::new(), &text)
                    .fonts(face_in(Role::Body, self.opts.style, self.opts.fonts))
                    .size(l.footnote_size),
            );
        {
            let mut notes = self.footnotes.borrow_mut();
            notes.extend_from_slice(format!("<w:footnote w:id=\"{id}\">").as_bytes());
            note.write(&mut notes, &self.ctx);
            notes.extend_from_slice(b"</w:footnote>");
        }
        Run::new()
            .add_footnote_reference(id)
            .fonts(face_in(role, self.opts.style, self.opts.fonts))
            .size(size)
    }

    /// The references to Word notes inside `span` (the source of `text`) not yet written, each
    /// with its offset into `text`, now taken as written. `text` is taken to be its span's
    /// source; a shorter one to lack something at its front (a marker written apart), so that
    /// the offsets count from its end.
    pub(super) fn anchored_in(&self, text: &str, span: Span) -> Vec<(usize, &'a Footnote)> {
        let from = self.anchors.partition_point(|a| a.0 < span.start);
        let mut out = Vec::new();
        for (at, n, done) in self.anchors[from..].iter().take_while(|a| a.0 <= span.end) {
            if done.get() {
                continue;
            }
            done.set(true);
            let mut off = (at - span.start)
                .saturating_sub(span.len().saturating_sub(text.len()))
                .min(text.len());
            while !text.is_char_boundary(off) {
                off -= 1;
            }
            out.push((off, *n));
        }
        out
    }

    /// The references to Word notes at or before `upto` in the source that no text written
    /// held (a note referred to from a line the tree keeps apart): each at the end of the last
    /// paragraph written, or in a paragraph of its own after a table, so that no note is lost.
    pub(super) fn left_over_notes(&mut self, upto: usize) {
        let size = self.size(Role::Body);
        for k in 0..self.anchors.len() {
            let (at, n, done) = &self.anchors[k];
            if *at > upto || done.get() {
                continue;
            }
            done.set(true);
            let r = self.note_reference(n, Role::Body, size);
            match &mut self.last {
                Some(BodyChild::Paragraph(p)) => p.runs.push(r),
                _ => {
                    let p = self.flush(styles::NORMAL).add_run(r);
                    self.push(p);
                }
            }
        }
    }

    /// Runs of a text of the tree: [`Self::add_runs`], with the references to Word notes that
    /// were in its source.
    pub(super) fn add_text(&self, p: Paragraph, t: &Text, role: Role) -> Paragraph {
        self.add_text_at(p, t, role, self.size(role))
    }

    /// [`Self::add_text`] at `size`.
    fn add_text_at(&self, p: Paragraph, t: &Text, role: Role, size: usize) -> Paragraph {
        let notes = self.anchored_in(&t.text, t.span);
        self.add_runs_noted(p, &t.text, role, size, &notes)
    }

    /// Runs of `text`, a reference to each of `notes` (offset into `text`, in order) at its
    /// place.
    pub(super) fn add_runs_noted(
        &self,
        mut p: Paragraph,
        text: &str,
        role: Role,
        size: usize,
        notes: &[(usize, &Footnote)],
    ) -> Paragraph {
        if notes.is_empty() {
            return self.add_runs_at(p, text, role, size);
        }
        let mut from = 0;
        for &(at, n) in notes {
            let mut at = at.clamp(from, text.len());
            while !text.is_char_boundary(at) {
                at -= 1;
            }
            if at > from {
                p = self.add_runs_at(p, &text[from..at], role, size);
                from = at;
            }
            p = p.add_run(self.note_reference(n, role, size));
        }
        if from < text.len() {
            p = self.add_runs_at(p, &text[from..], role, size);
        }
        p
    }

    /// A table: its caption centred above it, then a Word table the width of the text block
    /// with full single borders, its header rows repeated on each page.
    pub(super) fn table(&mut self, t: &Table) {
        let l = self.l;
        if let Some(c) = &t.caption {
            let p = self
                .flush(styles::NORMAL)
                .align(AlignmentType::Center)
                .keep_next(true);
            let p = self.add_text_at(p, c, Role::Hei, self.size(Role::Hei));
            self.push(p);
        }
        let (rows, ncols) = grid(t);
        if ncols == 0 {
            return;
        }
        if matches!(self.last, Some(BodyChild::Table(_))) {
            // two tables in a row would be joined into one
            self.push(self.flush(styles::NORMAL));
        }
        let total = l.text_width() as i32 - self.frame.left;
        let widths = column_widths(&rows, ncols, total);
        let header_rows = t.header_rows.min(rows.len());
        let mut out = Vec::with_capacity(rows.len());
        for (r, slots) in rows.iter().enumerate() {
            let header = r < header_rows;
            let mut cells = Vec::with_capacity(slots.len());
            let mut col = 0;
            for s in slots {
                let span = s.span();
                let w: usize = widths[col..(col + span).min(ncols)].iter().sum();
                let mut cell = TableCell::new().width(w).vertical_align(VAlignType::Center);
                if span > 1 {
                    cell = cell.grid_span(span);
                }
                let align = alignment(t.align.get(col), header);
                let mut p = self.cell_paragraph(align);
                match s {
                    Slot::Cell(c, _, starts) => {
                        if *starts {
                            cell = cell.vertical_merge(VMergeType::Restart);
                        }
                        let role = if header { Role::Hei } else { Role::Body };
                        if !c.text.text.is_empty() {
                            p = self.add_text_at(p, &c.text, role, l.table_cell_size);
                        }
                    }
                    Slot::Merged(_) => cell = cell.vertical_merge(VMergeType::Continue),
                    Slot::Empty => {}
                }
                cells.push(cell.add_paragraph(p));
                col += span;
            }
            let mut row = TableRow::new(cells);
            if header {
                // repeated at the top of each page the table runs over
                row = row.cant_split().header();
            }
            out.push(row);
        }
        let table = crate::write::docx::wml::Table::new(out)
            .set_grid(widths)
            .width(total.max(0) as usize)
            .indent(self.frame.left)
            .borders(l.table_border, "000000");
        self.push_child(BodyChild::Table(Box::new(table)));
    }

    /// A cell's paragraph: no indent of any kind (the body's first-line indent must not leak
    /// into cells), the cell's exact line height.
    fn cell_paragraph(&self, align: AlignmentType) -> Paragraph {
        self.para()
            .style(styles::NORMAL)
            .indent(
                Some(0),
                Some(SpecialIndentType::FirstLine(0)),
                Some(0),
                None,
            )
            .line_spacing(exact(self.l.table_cell_line))
            .align(align)
    }

    /// A list: its items, one level further in.
    pub(super) fn list(&mut self, l: &List) {
        if self.list_depth == 0 {
            self.list_base = self.frame.left;
        }
        self.list_depth += 1;
        for (n, b) in l.items.iter().enumerate() {
            match b {
                Block::Item(i) => self.item(i, l.ordered, n),
                other => self.block(other),
            }
        }
        self.list_depth -= 1;
    }

    /// An item: its bullet or number as text, then a tab to the hanging indent where its text
    /// starts; its first paragraph (or point) on the bullet's line, the rest of what it holds
    /// aligned under that text.
    pub(super) fn item(&mut self, i: &Item, ordered: bool, n: usize) {
        let l = self.l;
        let written = i.bullet.text.trim();
        let marker = match (ordered, written) {
            (true, "") => format!("{}.", n + 1),
            (false, "" | "-" | "*" | "+") => BULLET.to_string(),
            _ => written.to_string(),
        };
        let half_chars =
            (UnicodeWidthStr::width(marker.as_str()) as i32 + 1).max(LIST_HANG_MIN_HALF_CHARS);
        let hang = half_chars * l.char_pitch() / 2;
        let depth = self.list_depth.max(1);
        let bullet_left = self.list_base + l.chars_to_twips(LIST_INDENT_CHARS * depth);
        let text_left = bullet_left + hang;
        let mut p = self.para().style(styles::NORMAL).indent(
            Some(text_left),
            Some(SpecialIndentType::Hanging(hang)),
            Some(0),
            None,
        );
        p = p
            .add_run(self.run(&marker, Role::Body))
            .add_run(self.styled(Run::new().add_tab(), Role::Body));
        let mut rest = &i.children[..];
        let mut nested: &[Block] = &[];
        match rest.first() {
            Some(Block::Paragraph(para)) => {
                p = self.paragraph_runs(p, para, Role::Body);
                rest = &rest[1..];
            }
            Some(Block::Point(pt)) => {
                p = self.point_runs(p, pt);
                nested = &pt.children;
                rest = &rest[1..];
            }
            _ => {}
        }
        self.push(p);
        let saved = self.frame;
        self.frame = Frame {
            left: text_left,
            first_line: false,
        };
        self.blocks(nested);
        self.blocks(rest);
        self.frame = saved;
    }

    /// A quotation: its blocks indented 2 characters on the left, in the same face.
    pub(super) fn quote(&mut self, q: &Quote) {
        let saved = self.frame;
        self.frame.left += self.l.chars_to_twips(QUOTE_INDENT_CHARS);
        self.blocks(&q.children);
        self.frame = saved;
    }

    /// A break: a page break, a rule (an empty paragraph with a bottom border) or an empty line.
    pub(super) fn break_block(&mut self, b: &Break) {
        let p = self.flush(styles::NORMAL);
        let p = match b.kind {
            BreakKind::Page => {
                p.add_run(self.styled(Run::new().add_break(BreakType::Page), Role::Body))
            }
            BreakKind::Line => p,
            BreakKind::Rule => p.set_borders(Borders {
                top: None,
                bottom: Some(Border {
                    val: BorderType::Single,
                    size: self.l.imprint_rule_thin,
                    space: 1,
                    color: "000000",
                }),
            }),
        };
        self.push(p);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tree::{Cell, Row, Text};

    fn table(rows: &[&[(&str, u32, u32)]]) -> Table {
        Table {
            caption: None,
            rows: rows
                .iter()
                .map(|r| Row {
                    cells: r
                        .iter()
                        .map(|&(t, col_span, row_span)| Cell {
                            text: Text {
                                text: t.into(),
                                span: Default::default(),
                            },
                            col_span,
                            row_span,
                        })
                        .collect(),
                    span: Default::default(),
                })
                .collect(),
            header_rows: 1,
            align: Vec::new(),
            span: Default::default(),
        }
    }

    fn shape(rows: &[Vec<Slot<'_>>]) -> Vec<String> {
        rows.iter()
            .map(|r| {
                r.iter()
                    .map(|s| match s {
                        Slot::Cell(c, n, m) => {
                            format!("{}{}{}", c.text.text, n, if *m { "v" } else { "" })
                        }
                        Slot::Merged(n) => format!("^{n}"),
                        Slot::Empty => "_".into(),
                    })
                    .collect::<Vec<_>>()
                    .join(" ")
            })
            .collect()
    }

    #[test]
    fn spans_leave_continuations_and_short_rows_are_padded() {
        let t = table(&[
            &[("a", 2, 1), ("b", 1, 2)],
            &[("c", 1, 1)],
            &[("d", 1, 1), ("e", 1, 1), ("f", 1, 1)],
        ]);
        let (rows, n) = grid(&t);
        assert_eq!(n, 3);
        assert_eq!(shape(&rows), ["a2 b1v", "c1 _ ^1", "d1 e1 f1"]);
    }

    #[test]
    fn a_row_span_past_the_last_row_is_cut() {
        let t = table(&[&[("a", 1, 9), ("b", 1, 1)], &[("c", 1, 1)]]);
        let (rows, _) = grid(&t);
        assert_eq!(shape(&rows), ["a1v b1", "^1 c1"]);
        // a huge span costs no more than the widest row Word allows
        let t = table(&[&[("a", u32::MAX, 1)]]);
        assert_eq!(grid(&t).1, MAX_SPAN as usize);
    }

    #[test]
    fn widths_follow_content_within_bounds_and_sum_to_the_total() {
        let t = table(&[&[
            ("序号", 1, 1),
            ("项目名称很长很长很长很长很长很长很长很长很长", 1, 1),
            ("1", 1, 1),
        ]]);
        let (rows, n) = grid(&t);
        let w = column_widths(&rows, n, 8844);
        assert_eq!(w.iter().sum::<usize>(), 8844);
        assert!(w[1] > w[0] && w[0].abs_diff(w[2]) <= 1, "{w:?}");
        assert!(w[1] <= 8 * w[0] + 8, "{w:?}");
    }

    #[test]
    fn footnote_labels_are_bounded() {
        assert_eq!(label_end("见[^1]。", "见".len()), Some("见[^1".len()));
        assert_eq!(label_end("[^]", 0), None);
        assert_eq!(label_end("[^a b]", 0), None);
        assert_eq!(label_end("[^[^1]", 0), None);
        let long = format!("[^{}]", "x".repeat(MAX_LABEL + 2));
        assert_eq!(label_end(&long, 0), None);
    }

    /// The text runs and note references of a document's body, in order: `[n]` for a
    /// reference.
    fn body_of(doc: &crate::tree::Document, opts: &crate::write::docx::DocxOptions) -> String {
        let (xml, _) = super::super::tests::body_xml(doc, opts);
        let mut out = String::new();
        let mut rest = xml.as_str();
        while let Some(i) = rest.find('<') {
            rest = &rest[i..];
            if let Some(t) = rest.strip_prefix("<w:t xml:space=\"preserve\">") {
                let end = t.find('<').unwrap();
                out.push_str(&t[..end]);
            } else if let Some(t) = rest.strip_prefix("<w:footnoteReference w:id=\"") {
                out.push_str(&format!("[{}]", &t[..t.find('"').unwrap()]));
            } else if rest.starts_with("</w:p>") {
                out.push('|');
            }
            rest = &rest[1..];
        }
        out
    }

    #[test]
    fn word_notes_are_written_where_the_source_referred_to_them() {
        let para = |text: &str, at: usize| {
            Block::Paragraph(crate::tree::Paragraph {
                text: text.into(),
                span: Span::new(at, at + text.len()),
                elisions: Vec::new(),
            })
        };
        let note = |label: &str, at: usize| {
            Block::Footnote(Footnote {
                label: label.into(),
                references: vec![Span::new(at, at)],
                text: Text {
                    text: format!("注{label}"),
                    span: Span::new(at, at),
                },
                span: Span::new(at, at),
            })
        };
        // a reference after 甲乙, one at the end of 戊己, and one no text holds (after the
        // last paragraph): it goes at the end of the paragraph before its note
        let doc = crate::tree::Document {
            blocks: vec![
                para("甲乙丙丁", 0),
                note("1", 6),
                para("戊己", 13),
                note("2", 19),
                para("庚", 30),
                note("3", 40),
            ],
            ..crate::parse_str("")
        };
        let opts = crate::write::docx::DocxOptions::default();
        assert_eq!(body_of(&doc, &opts), "甲乙[1]丙丁|戊己[2]|庚[3]|");
        // a `[^1]` in the text of a Word note's document stays text
        let doc = crate::tree::Document {
            blocks: vec![para("见[^1]", 0), note("1", 3)],
            ..crate::parse_str("")
        };
        assert_eq!(body_of(&doc, &opts), "见[1][^1]|");
    }
}

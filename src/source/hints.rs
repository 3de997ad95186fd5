//! What a reader knows of a text beyond its characters: a DOCX's styles, its generated numbers,
//! its tables, contents, pictures and notes. The tree builder weighs these with what the lines
//! themselves show.
//!
//! The text a reader extracts is still what spans index and what every character of the tree
//! comes from; the hints only say more about its lines. Pictures, notes and page breaks have no
//! characters in the text: they are blocks with empty spans at their place in it.

use super::markdown::Layout;
use std::ops::Range;

/// Per line, what the markup said about it.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub(crate) struct LineHint {
    /// Bytes at the start of the line that the reader generated: a number of Word's automatic
    /// numbering and the tab or space after it.
    pub generated: u16,
    /// The heading level a style or outline level gives (1–9), 0 for none.
    pub heading: u8,
    /// The largest font size set on its text, in half-points; 0 when none is set directly.
    pub size: u16,
    /// The paragraph is centred.
    pub centred: bool,
    /// All its visible text is bold.
    pub bold: bool,
    /// In a text box, out of the text's flow.
    pub aside: bool,
}

/// A block with no characters in the text, placed before line `line` (a picture or a note
/// after the paragraph it is in, a page break before the paragraph it starts).
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Extra {
    pub line: usize,
    /// Its byte offset in the text (where the picture or the note's reference is).
    pub at: usize,
    pub kind: ExtraKind,
}

/// What an [`Extra`] is.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum ExtraKind {
    /// A picture: its description and the part it is in.
    Image { alt: String, src: String },
    /// A footnote or an endnote: its label and its text.
    Note { label: String, text: String },
    /// A page break.
    PageBreak,
}

/// Everything a reader hints.
#[derive(Debug, Default)]
pub(crate) struct Hints {
    /// Per line of the text.
    pub lines: Vec<LineHint>,
    /// Its tables, as blocks of lines (the same structure the Markdown reader gives).
    pub layout: Layout,
    /// Runs of lines that are a table of contents.
    pub contents: Vec<Range<usize>>,
    /// Pictures, notes and page breaks, in text order.
    pub extras: Vec<Extra>,
    /// What the reader left out of the text, as a note for the tree's metadata.
    pub omitted: Vec<(String, usize)>,
}

impl Hints {
    /// The hint of line `i` (the default past the end).
    pub(crate) fn line(&self, i: usize) -> LineHint {
        self.lines.get(i).copied().unwrap_or_default()
    }
}

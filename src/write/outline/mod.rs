//! The outline: one row per structural line, as TSV (the contract other tools read), as a
//! terminal tree, as Markdown, or as one JSON or YAML document.
//!
//! Every writer has one shape: the tree, its source, the options, and where to write.

mod json;
mod markdown;
mod rows;
mod summary;
mod terminal;
mod tsv;

#[cfg(feature = "yaml")]
pub use json::yaml;
pub use json::{json, OUTLINE_SCHEMA};
pub use markdown::markdown;
pub use rows::{rows, Row};
pub use summary::{summary, Summary};
pub use terminal::terminal;
pub use tsv::tsv;

/// What the outline writers show.
///
/// ```
/// let opts = gongwen::write::outline::OutlineOptions { depth: 2, ..Default::default() };
/// assert!(!opts.color);
/// ```
#[derive(Clone, Debug, Default)]
pub struct OutlineOptions {
    /// The deepest level shown (0: all).
    pub depth: u8,
    /// Colour for a terminal (the tree only).
    pub color: bool,
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{parse, Format, Source};

    fn tsv_of(text: &str) -> String {
        let src = Source::from_str(text, Format::Text);
        let mut out = Vec::new();
        tsv(&parse(&src), &src, &OutlineOptions::default(), &mut out).unwrap();
        String::from_utf8(out).unwrap()
    }

    #[test]
    fn header_then_one_row_per_structural_line() {
        let got =
            tsv_of("关于加强管理的\n通知\n一、总则\n正文。\n（一）目的。为了……\n一是加强领导。\n");
        assert_eq!(
            got,
            "line\tkind\tlevel\tmarker\ttitle\n\
             1\ttitle\t0\t\t关于加强管理的\n\
             2\ttitle\t0\t\t通知\n\
             3\theading\t1\t一、\t总则\n\
             5\trunin\t2\t（一）\t目的\n\
             6\tpoint\t3\t一是\t加强领导\n"
        );
    }

    #[test]
    fn rows_use_original_line_numbers() {
        let src = Source::from_str("标题\r\n\r\n\r\n一、总则\r\n", Format::Text);
        let rows = rows(&parse(&src), &src);
        assert_eq!(rows.last().map(|r| r.line), Some(4));
    }

    #[test]
    fn summary_counts() {
        let src = Source::from_str("标题\n一、总则\n正文……\n一是加强。\n", Format::Text);
        let s = summary(&parse(&src));
        assert_eq!(s.sections.get(&1), Some(&1));
        assert_eq!((s.points, s.elisions), (1, 1));
    }
}

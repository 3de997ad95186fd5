//! The outline as Markdown.

use super::rows::{join_wrapped, rows_to};
use super::OutlineOptions;
use crate::tree::Document;
use crate::Source;
use std::io::{self, Write};

/// The outline as Markdown: the title as `#`, sections as deeper headings, points as list items.
pub fn markdown(
    doc: &Document,
    src: &Source,
    opts: &OutlineOptions,
    w: &mut impl Write,
) -> io::Result<()> {
    let rows = rows_to(doc, src, opts.depth);
    let mut k = 0;
    let mut in_list = false;
    let mut base = 0u8;
    while k < rows.len() {
        let r = &rows[k];
        if r.kind == "point" {
            // list items indent relative to the first point of the run
            if !in_list {
                base = r.level;
            }
            let indent = "  ".repeat(r.level.saturating_sub(base) as usize);
            writeln!(w, "{indent}- {}{}", r.marker, r.title)?;
            in_list = true;
            k += 1;
            continue;
        }
        if in_list {
            writeln!(w)?;
            in_list = false;
        }
        if r.level == 0 {
            let (text, next) = join_wrapped(&rows, k);
            k = next - 1;
            if r.kind == "title" {
                writeln!(w, "# {text}\n")?;
            } else {
                writeln!(w, "_{}{text}_\n", r.marker)?;
            }
        } else {
            let h = "#".repeat((r.level as usize + 1).min(6));
            let sep = if r.marker.is_empty()
                || r.marker.ends_with(['、', '，', '）', ')', '.', '．'])
            {
                ""
            } else {
                " "
            };
            writeln!(w, "{h} {}{sep}{}\n", r.marker, r.title)?;
        }
        k += 1;
    }
    Ok(())
}

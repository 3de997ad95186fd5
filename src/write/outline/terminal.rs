//! The outline as a tree for the terminal.

use super::rows::{join_wrapped, rows_to, Row};
use super::summary::summary;
use super::OutlineOptions;
use crate::tree::Document;
use crate::Source;
use std::io::{self, Write};

/// Draw the hierarchy with line numbers, elided sections marked, and a summary line.
///
/// ```
/// use gongwen::{parse, Format, Source};
/// use gongwen::write::outline::{terminal, OutlineOptions};
/// let src = Source::from_str("一、总则\n（一）目的\n二、附则\n", Format::Text);
/// let mut out = Vec::new();
/// terminal(&parse(&src), &src, &OutlineOptions::default(), &mut out).unwrap();
/// let out = String::from_utf8(out).unwrap();
/// assert!(out.starts_with("1  ├─ 一、总则\n2  │  └─ （一）目的\n3  └─ 二、附则\n"));
/// ```
pub fn terminal(
    doc: &Document,
    src: &Source,
    opts: &OutlineOptions,
    w: &mut impl Write,
) -> io::Result<()> {
    let rows = rows_to(doc, src, opts.depth);
    let guides = guides(&rows);
    let width = rows
        .iter()
        .map(|r| r.line)
        .max()
        .unwrap_or(1)
        .to_string()
        .len();
    let (dim, bold, yellow, reset) = if opts.color {
        ("\x1b[2m", "\x1b[1m", "\x1b[33m", "\x1b[0m")
    } else {
        ("", "", "", "")
    };
    let mut k = 0;
    while k < rows.len() {
        let r = &rows[k];
        if r.level == 0 {
            let (joined, next) = join_wrapped(&rows, k);
            let text = format!("{}{joined}", r.marker);
            k = next - 1;
            let lead = if r.kind == "subtitle" { "  " } else { "" };
            writeln!(
                w,
                "{dim}{:>width$}{reset}  {lead}{bold}{text}{reset}",
                r.line
            )?;
            k += 1;
            continue;
        }
        let mut guide = String::new();
        for &more in &guides[k][..guides[k].len() - 1] {
            guide.push_str(if more { "│  " } else { "   " });
        }
        let last = !guides[k].last().copied().unwrap_or(false);
        guide.push_str(if last { "└─ " } else { "├─ " });
        let mark = if r.elided {
            format!(" {yellow}[…]{reset}")
        } else {
            String::new()
        };
        let kind = match r.kind {
            "point" => format!("{dim}·{reset} "),
            _ => String::new(),
        };
        let sep = if r.marker.is_empty()
            || r.marker.ends_with(['、', '，', '）', ')', '.', '．'])
            || r.kind == "point"
        {
            ""
        } else {
            " "
        };
        let lead = if r.lead.is_empty() {
            String::new()
        } else {
            format!("{dim}{}…{reset}", r.lead)
        };
        writeln!(
            w,
            "{dim}{:>width$}{reset}  {guide}{kind}{}{sep}{}{lead}{mark}",
            r.line, r.marker, r.title
        )?;
        k += 1;
    }
    writeln!(w, "{dim}{}{reset}", summary(doc).line())?;
    Ok(())
}

/// For each row of level L > 0, whether another row of each level 1..=L follows within the
/// enclosing rows (so a guide line continues down at that level): `more[lv - 1]`. Made in one
/// backward pass, so a long document costs its rows times its depth, not its rows squared.
fn guides(rows: &[Row]) -> Vec<Vec<bool>> {
    let deepest = rows.iter().map(|r| r.level as usize).max().unwrap_or(0);
    // follows[lv]: a row of level lv comes later, with nothing shallower (nor a title) between
    let mut follows = vec![false; deepest + 1];
    let mut out = vec![Vec::new(); rows.len()];
    for (k, r) in rows.iter().enumerate().rev() {
        let level = r.level as usize;
        if level == 0 {
            follows.iter_mut().for_each(|f| *f = false);
            continue;
        }
        out[k] = follows[1..=level].to_vec();
        follows[level] = true;
        follows[level + 1..].iter_mut().for_each(|f| *f = false);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The guides as the tree drew them before: a scan of the rows after each row.
    fn guides_by_scan(rows: &[Row]) -> Vec<Vec<bool>> {
        (0..rows.len())
            .map(|k| {
                (1..=rows[k].level)
                    .map(|lv| {
                        rows[k + 1..]
                            .iter()
                            .take_while(|x| x.level >= lv && x.level != 0)
                            .any(|x| x.level == lv)
                    })
                    .collect()
            })
            .collect()
    }

    proptest::proptest! {
        #[test]
        fn one_pass_agrees_with_a_scan(levels in proptest::collection::vec(0u8..5, 0..40)) {
            let rows: Vec<Row> = levels
                .iter()
                .map(|&level| Row {
                    line: 1,
                    kind: "heading",
                    level,
                    marker: String::new(),
                    title: String::new(),
                    elided: false,
                    lead: String::new(),
                })
                .collect();
            proptest::prop_assert_eq!(guides(&rows), guides_by_scan(&rows));
        }
    }
}

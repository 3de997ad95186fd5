//! The outline's summary: sections per level, points, elisions and characters.

use crate::source::chars::is_ws;
use crate::tree::{Block, Document};
use serde::Serialize;
use std::collections::BTreeMap;

/// Counts for the summary line.
#[derive(Clone, Debug, Default, Serialize)]
pub struct Summary {
    /// Sections per level.
    pub sections: BTreeMap<u8, usize>,
    /// Points.
    pub points: usize,
    /// Elisions (inline and whole-line).
    pub elisions: usize,
    /// Characters of body text (not chrome, not whitespace).
    pub chars: usize,
    /// Characters the source page declared, when it did.
    pub declared_chars: Option<u32>,
}

/// Count what the document holds.
pub fn summary(doc: &Document) -> Summary {
    let mut s = Summary {
        declared_chars: doc.meta.source.declared_chars,
        ..Default::default()
    };
    let count = |t: &str| t.chars().filter(|&c| !is_ws(c)).count();
    doc.walk(&mut |b, _| match b {
        Block::Section(x) => {
            *s.sections.entry(x.level).or_default() += 1;
            s.chars += count(&x.title.text);
            if let Some(p) = &x.run_in {
                s.elisions += p.elisions.len();
                s.chars += count(&p.text);
            }
        }
        Block::Point(p) => {
            s.points += 1;
            s.chars += count(&p.title.text);
            if let Some(b) = &p.body {
                s.elisions += b.elisions.len();
                s.chars += count(&b.text);
            }
        }
        Block::Paragraph(p) => {
            s.elisions += p.elisions.len();
            s.chars += count(&p.text);
        }
        Block::Elision(_) => s.elisions += 1,
        _ => {}
    });
    s
}

impl Summary {
    /// One line: sections per level, points, elisions, characters.
    pub fn line(&self) -> String {
        let levels: Vec<String> = self
            .sections
            .iter()
            .map(|(l, n)| format!("L{l} {n}"))
            .collect();
        let total: usize = self.sections.values().sum();
        let mut s = format!(
            "{total} sections ({}), {} points, {} elisions, {} characters",
            if levels.is_empty() {
                "none".into()
            } else {
                levels.join(" · ")
            },
            self.points,
            self.elisions,
            self.chars
        );
        if let Some(d) = self.declared_chars {
            s.push_str(&format!(" of {d} declared"));
        }
        s
    }
}

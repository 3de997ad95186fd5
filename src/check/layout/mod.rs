//! The layout check of a DOCX against GB/T 9704-2012 (`gongwen check --layout`).
//!
//! The text check reads a DOCX's words; this reads how they are set. From the package it
//! takes each section's page setup (`w:sectPr`: page size, margins, the document grid's
//! `w:linePitch` and `w:charSpace`, the footer references), `w:evenAndOddHeaders` in
//! `word/settings.xml`, the styles (`w:docDefaults`, paragraph styles and their `w:basedOn`
//! chains, character styles), each paragraph's and run's direct formatting, and the footers
//! with their `PAGE` fields (`package.rs`, `props.rs`, `paragraphs.rs`). What each paragraph
//! *is* — title, heading of a level, body, 发文机关标志 — is what the parser's tree says: the
//! paragraphs of the body walk are lines of the text the tree was built from, so a block's
//! line is its paragraph. The numbers are the DOCX writer's (`write::docx::layout`), each with
//! its clause, and the face names are the writer's font profiles (`faces.rs`), so that a DOCX
//! `gongwen convert` writes passes, and a check and a conversion cannot disagree.
//!
//! A finding on a paragraph points at its first line in the DOCX's text, as the text check's
//! findings do (line N is the N-th paragraph, a break inside one starting a new line); one on
//! the page setup or a footer points at line 1 and names the part and the element. The
//! 发文字号's form (〔2024〕, full year, no leading zeros) is the text check's GW201–GW203, which
//! reads a DOCX's text the same way; it is not repeated here.
//!
//! Where practice departs from the standard's figures (fact sheet §4 and §6.4, marked
//! CONFLICT), the figure is a setting (`[layout]` in gongwen.toml, [`LayoutSettings`]): by
//! default the outcome is checked (22 lines of 28 characters in the type area), not one way
//! of reaching it, so both the 28 pt folk line spacing and the 579-twip grid pass.
//!
//! ```
//! use gongwen::check::{layout, Config, Rule};
//! use gongwen::{parse, Format, Source};
//! let text = Source::from_str("关于开展检查的通知\n一、总体要求\n", Format::Text);
//! let mut docx = Vec::new();
//! gongwen::write::docx::write(&parse(&text), &text, &Default::default(), &mut docx).unwrap();
//! let src = Source::from_bytes("a.docx", docx).unwrap();
//! let found = layout::check(&src, &parse(&src), &Config::default());
//! assert!(found.is_empty(), "{found:?}");
//! assert_eq!(layout::basis(Rule::PageSize).map(|b| b.clause), Some("5.1"));
//! ```

mod faces;
mod package;
mod paragraphs;
mod props;
mod rules;

pub use super::config::LayoutSettings;
use super::{Config, Diagnostic, Rule};
use crate::{Document, Source};

/// How strongly the standard asks for what a rule checks.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Strength {
    /// The clause states it (应, or a plain statement of the figure).
    Requirement,
    /// The clause says 一般, 宜 or 推荐: the usual case, adjustable in special cases.
    Recommendation,
}

impl Strength {
    /// `requirement` or `recommendation`.
    ///
    /// ```
    /// assert_eq!(gongwen::check::layout::Strength::Recommendation.as_str(), "recommendation");
    /// ```
    pub fn as_str(self) -> &'static str {
        match self {
            Strength::Requirement => "requirement",
            Strength::Recommendation => "recommendation",
        }
    }
}

/// What a layout rule rests on: the clause of GB/T 9704-2012 and how strongly it asks.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Basis {
    /// The clause (`5.2.1`).
    pub clause: &'static str,
    /// Requirement or recommendation; a requirement's rule is an error by default, a
    /// recommendation's a warning.
    pub strength: Strength,
}

/// The basis of a layout rule; `None` for the text rules.
///
/// ```
/// use gongwen::check::{layout::{basis, Strength}, Rule};
/// assert_eq!(basis(Rule::LinesPerPage).unwrap().strength, Strength::Recommendation);
/// assert!(basis(Rule::NumberingGap).is_none());
/// ```
pub fn basis(rule: Rule) -> Option<Basis> {
    use Strength::*;
    let (clause, strength) = match rule {
        Rule::PageSize => ("5.1", Requirement),
        Rule::PageMargins => ("5.2.1", Requirement),
        Rule::LinesPerPage | Rule::CharsPerLine => ("5.2.3", Recommendation),
        Rule::BodyFace | Rule::BodySize => ("5.2.2, 7.3.3", Recommendation),
        Rule::TitleFace | Rule::TitleSize => ("7.3.1", Recommendation),
        Rule::HeadingFace => ("7.3.3", Recommendation),
        Rule::FirstLineIndent => ("7.3.3", Recommendation),
        Rule::PageNumberMissing
        | Rule::PageNumberForm
        | Rule::PageNumberFont
        | Rule::PageNumberPosition => ("7.5", Recommendation),
        Rule::BannerLayout => ("7.2.4", Requirement),
        _ => return None,
    };
    Some(Basis { clause, strength })
}

/// Check the layout of the DOCX `src` was read from, with `doc` its tree; the configuration's
/// severities apply, and its `[layout]` settings. A source that is not a DOCX has no layout
/// to check: nothing is found.
pub fn check(src: &Source, doc: &Document, cfg: &Config) -> Vec<Diagnostic> {
    let Some(bytes) = src.package() else {
        return Vec::new();
    };
    let budget = crate::ReadOptions::default().max_docx_uncompressed();
    let Ok(pkg) = package::Package::open(bytes, budget) else {
        return Vec::new();
    };
    let mut out = rules::run(src, doc, pkg, &cfg.layout);
    out.retain_mut(|d| match cfg.severity(d.rule) {
        Some(s) => {
            d.severity = s;
            true
        }
        None => false,
    });
    out.sort_by_key(|d| (d.span.start, d.rule));
    out
}

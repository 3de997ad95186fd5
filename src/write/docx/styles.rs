//! Paragraph styles under the built-in names Word and WPS recognise.
//!
//! Word identifies built-in styles by `w:name` ("heading 1"), not by id (fact sheet §11), so the
//! names are the built-in ones; heading styles carry `w:outlineLvl` 0–3 so the navigation pane
//! and a TOC work; the title has no outline level and stays out of the TOC. No style carries a
//! first-line indent except the headings, so no indent leaks into the title, the page number
//! or table cells (fact sheet §11).

use super::fonts::{face_in, run_fonts, Face, Role};
use super::DocxOptions;
use docx_rs::{
    AlignmentType, LineSpacing, LineSpacingType, SpecialIndentType, Style as DStyle, StyleType,
    Styles,
};

/// Style id of the normal paragraph style.
pub const NORMAL: &str = "Normal";
/// Style id of the title.
pub const TITLE: &str = "Title";
/// Style id of the subtitle.
pub const SUBTITLE: &str = "Subtitle";
/// Style id of a footnote's paragraphs (Word's built-in "footnote text").
pub const FOOTNOTE_TEXT: &str = "FootnoteText";
/// Style id of a footnote's number, in the text and in the note (Word's built-in "footnote
/// reference"; docx-rs names its reference runs with it).
pub const FOOTNOTE_REFERENCE: &str = "FootnoteReference";
/// Deepest heading style written.
pub const MAX_HEADING: u8 = 4;

/// The style id of a heading level (levels below 4 use heading 4).
pub fn heading_id(level: u8) -> String {
    format!("Heading{}", level.clamp(1, MAX_HEADING))
}

/// Exact line spacing at the layout's pitch.
pub fn exact(pitch: u32) -> LineSpacing {
    LineSpacing::new()
        .line_rule(LineSpacingType::Exact)
        .line(pitch as i32)
        .before(0)
        .after(0)
}

/// The styles part: document defaults, Normal, Title, Subtitle, heading 1–4.
pub fn styles(opts: &DocxOptions) -> Styles {
    let l = opts.layout();
    let body = face_in(Role::Body, opts.style, opts.fonts);
    let mut s = Styles::new()
        .default_fonts(run_fonts(body))
        .default_size(l.body_size)
        .default_line_spacing(exact(l.line_pitch))
        .add_style(
            DStyle::new(NORMAL, StyleType::Paragraph)
                .name("Normal")
                .q_format(true)
                .fonts(run_fonts(body))
                .size(l.body_size)
                .line_spacing(exact(l.line_pitch))
                .align(AlignmentType::Both),
        )
        .add_style(centred(
            TITLE,
            "Title",
            face_in(Role::Title, opts.style, opts.fonts),
            l.title_size,
        ))
        .add_style(centred(
            SUBTITLE,
            "Subtitle",
            face_in(Role::Kai, opts.style, opts.fonts),
            l.body_size,
        ));
    for level in 1..=MAX_HEADING {
        let mut h = DStyle::new(heading_id(level), StyleType::Paragraph)
            .name(format!("heading {level}"))
            .based_on(NORMAL)
            .next(NORMAL)
            .q_format(true)
            .fonts(run_fonts(face_in(
                Role::Heading(level),
                opts.style,
                opts.fonts,
            )))
            .size(l.body_size)
            .outline_lvl(usize::from(level - 1))
            .indent(
                Some(0),
                Some(SpecialIndentType::FirstLine(
                    l.chars_to_twips(l.first_line_chars),
                )),
                Some(0),
                None,
            );
        if opts.is_bold(level) {
            h = h.bold();
        }
        s = s.add_style(h);
    }
    // footnotes: 仿宋 at the footnote size, no indent, their own exact line height; the number
    // a superscript
    let mut note_ref = DStyle::new(FOOTNOTE_REFERENCE, StyleType::Character)
        .name("footnote reference")
        .ui_priority(99)
        .unhide_when_used();
    note_ref.run_property = note_ref
        .run_property
        .vert_align(docx_rs::VertAlignType::SuperScript);
    s.add_style(
        DStyle::new(FOOTNOTE_TEXT, StyleType::Paragraph)
            .name("footnote text")
            .based_on(NORMAL)
            .ui_priority(99)
            .unhide_when_used()
            .fonts(run_fonts(body))
            .size(l.footnote_size)
            .line_spacing(exact(l.footnote_line))
            .align(AlignmentType::Both)
            .indent(
                Some(0),
                Some(SpecialIndentType::FirstLine(0)),
                Some(0),
                None,
            ),
    )
    .add_style(note_ref)
}

/// A centred paragraph style with no indent (the title and the subtitle), so the body's
/// first-line indent cannot leak into it.
fn centred(id: &str, name: &str, f: Face, size: usize) -> DStyle {
    DStyle::new(id, StyleType::Paragraph)
        .name(name)
        .based_on(NORMAL)
        .next(NORMAL)
        .q_format(true)
        .fonts(run_fonts(f))
        .size(size)
        .align(AlignmentType::Center)
        .indent(
            Some(0),
            Some(SpecialIndentType::FirstLine(0)),
            Some(0),
            None,
        )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn example_module() {
        use crate::write::docx::{styles, DocxOptions};
        assert_eq!(styles::heading_id(1), "Heading1");
        assert_eq!(styles::heading_id(9), "Heading4");
        let s = styles::styles(&DocxOptions::default());
        assert!(s.find_style_by_id("Heading2").is_some());
    }
    use docx_rs::BuildXML;

    #[test]
    fn headings_have_builtin_names_and_outline_levels() {
        let xml = String::from_utf8(styles(&DocxOptions::default()).build()).unwrap();
        for level in 1..=4u8 {
            assert!(
                xml.contains(&format!("w:val=\"heading {level}\"")),
                "{level}"
            );
            assert!(xml.contains(&format!("<w:outlineLvl w:val=\"{}\"", level - 1)));
        }
        assert!(xml.contains("w:val=\"Title\""));
    }

    #[test]
    fn bold_is_off_by_default_and_per_level() {
        let xml = String::from_utf8(styles(&DocxOptions::default()).build()).unwrap();
        assert!(!xml.contains("<w:b />"));
        let o = DocxOptions {
            bold_levels: vec![2],
            ..Default::default()
        };
        let xml = String::from_utf8(styles(&o).build()).unwrap();
        assert_eq!(xml.matches("<w:b />").count(), 1);
    }
}

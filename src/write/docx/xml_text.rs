//! Text as XML 1.0 allows it. A source may hold characters that XML forbids: NUL, the other C0
//! controls but tab, line feed and carriage return, and U+FFFE/U+FFFF. A document part that held
//! one would not open. Two of them mean something in text taken from Word or from a PDF, and are
//! written as what they mean: a vertical tab (Word's manual line break) as a line break, a form
//! feed as a page break. Every other one is written as its visible Control Pictures sign
//! (U+2400 + code, so NUL is ␀), never dropped in silence; [`forbidden`] lets a caller warn.

use super::wml::{BreakType, Run};

/// What a character becomes in a run.
#[derive(Clone, Copy, Debug, PartialEq)]
pub(crate) enum Piece {
    /// Text as it is.
    Text,
    /// A break of this type.
    Break(BreakType),
    /// This visible sign in its place.
    Sign(char),
}

/// Whether XML 1.0 forbids `c` in character data.
pub(crate) fn forbidden(c: char) -> bool {
    matches!(c, '\u{0}'..='\u{8}' | '\u{b}' | '\u{c}' | '\u{e}'..='\u{1f}' | '\u{fffe}' | '\u{ffff}')
}

/// What `c` becomes in a run.
pub(crate) fn piece(c: char) -> Piece {
    match c {
        '\u{b}' => Piece::Break(BreakType::TextWrapping),
        '\u{c}' => Piece::Break(BreakType::Page),
        c if forbidden(c) && (c as u32) < 0x20 => {
            Piece::Sign(char::from_u32(0x2400 + c as u32).unwrap_or('\u{fffd}'))
        }
        c if forbidden(c) => Piece::Sign('\u{fffd}'),
        _ => Piece::Text,
    }
}

/// `run` with `text` added, its forbidden characters mapped as [`piece`] says.
///
/// A line feed inside one text (the lines of a Word table cell) is a line break: in `w:t` it
/// would be read as a space.
pub(crate) fn add_text(mut run: Run, text: &str) -> Run {
    let mut from = 0;
    for (i, c) in text
        .char_indices()
        .filter(|&(_, c)| forbidden(c) || c == '\n')
    {
        if from < i {
            run = run.add_text(&text[from..i]);
        }
        if c == '\n' {
            run = run.add_break(BreakType::TextWrapping);
            from = i + 1;
            continue;
        }
        run = match piece(c) {
            Piece::Break(t) => run.add_break(t),
            Piece::Sign(s) => run.add_text(s.to_string()),
            Piece::Text => run.add_text(c.to_string()),
        };
        from = i + c.len_utf8();
    }
    if from < text.len() || text.is_empty() {
        run = run.add_text(&text[from..]);
    }
    run
}

/// The characters of `text` that a DOCX cannot hold and that are written as a visible sign:
/// their byte offsets, the characters and their signs. A vertical tab or form feed is not
/// among them: each is written as the break it means.
pub(crate) fn signs(text: &str) -> impl Iterator<Item = (usize, char, char)> + '_ {
    text.char_indices().filter_map(|(i, c)| match piece(c) {
        Piece::Sign(s) => Some((i, c, s)),
        _ => None,
    })
}

/// `text` with every forbidden character replaced by its sign (breaks become a space), for the
/// parts that hold plain strings: the document properties.
pub(crate) fn plain(text: &str) -> std::borrow::Cow<'_, str> {
    if !text.chars().any(forbidden) {
        return text.into();
    }
    text.chars()
        .map(|c| match piece(c) {
            Piece::Text => c,
            Piece::Break(_) => ' ',
            Piece::Sign(s) => s,
        })
        .collect::<String>()
        .into()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn controls_become_breaks_or_signs() {
        assert_eq!(piece('\u{b}'), Piece::Break(BreakType::TextWrapping));
        assert_eq!(piece('\u{c}'), Piece::Break(BreakType::Page));
        assert_eq!(piece('\u{0}'), Piece::Sign('␀'));
        assert_eq!(piece('\u{1f}'), Piece::Sign('␟'));
        assert_eq!(piece('\u{ffff}'), Piece::Sign('\u{fffd}'));
        for c in ['\t', '\n', '\r', '一', ' ', '\u{7f}'] {
            assert_eq!(piece(c), Piece::Text, "{c:?}");
        }
        assert_eq!(plain("标\u{0}题\u{b}"), "标␀题 ");
        assert_eq!(plain("标题"), "标题");
    }

    #[test]
    fn a_run_holds_no_forbidden_character() {
        let r = add_text(Run::new(), "甲\u{0}乙\u{b}丙\u{c}丁\u{1}");
        let mut out = Vec::new();
        r.write(&mut out);
        let xml = String::from_utf8(out).unwrap();
        assert!(!xml.chars().any(forbidden), "{xml}");
        assert!(xml.contains("␀") && xml.contains("␁"), "{xml}");
        assert!(
            xml.contains("w:br") && xml.contains("w:type=\"page\""),
            "{xml}"
        );
        let mut out = Vec::new();
        add_text(Run::new(), "甲\n乙").write(&mut out);
        assert_eq!(
            String::from_utf8(out).unwrap(),
            "<w:r><w:t xml:space=\"preserve\">甲</w:t><w:br w:type=\"textWrapping\"/><w:t xml:space=\"preserve\">乙</w:t></w:r>"
        );
    }
}

//! The classes of characters the whole crate reads text by, each defined once: whitespace,
//! spaces, Han characters, and the punctuation that ends a sentence, a clause or a lead.

/// Whitespace as the grammar sees it: ASCII blanks and line breaks, U+3000 (the full-width
/// space of indents), NBSP, the BOM, the en, em and thin spaces, and the zero-width space.
/// A line of nothing else is blank, and no node needs to own it.
pub(crate) fn is_ws(c: char) -> bool {
    matches!(
        c,
        ' ' | '\t'
            | '\u{3000}'
            | '\u{a0}'
            | '\u{feff}'
            | '\u{2002}'
            | '\u{2003}'
            | '\u{2009}'
            | '\u{200b}'
            | '\r'
            | '\n'
    )
}

/// The two spaces people type between words: ASCII and full-width (U+3000).
pub(crate) const TYPED_SPACES: [char; 2] = [' ', '\u{3000}'];

/// A space that may separate a marker from its text: a typed space, a tab or an NBSP.
pub(crate) fn is_space(c: char) -> bool {
    TYPED_SPACES.contains(&c) || c == '\t' || c == '\u{a0}'
}

/// A Han character: the CJK unified ideographs and Extension A.
pub(crate) fn is_han(c: char) -> bool {
    ('\u{4e00}'..='\u{9fff}').contains(&c) || ('\u{3400}'..='\u{4dbf}').contains(&c)
}

/// What ends a sentence or a clause: 。！？ and the semicolons. A heading's or a point's
/// title stops at the first of them.
pub(crate) const SENTENCE_END: [char; 5] = ['。', '！', '？', '；', ';'];

/// Whether `c` ends a sentence or a clause ([`SENTENCE_END`]).
pub(crate) fn ends_sentence(c: char) -> bool {
    SENTENCE_END.contains(&c)
}

/// The colons, full-width and ASCII: a lead (主送机关：, 附件：) ends in one.
pub(crate) const COLONS: [char; 2] = ['：', ':'];

/// The commas, full-width and ASCII.
pub(crate) const COMMAS: [char; 2] = ['，', ','];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn whitespace_set() {
        for c in [' ', '\t', '\u{3000}', '\u{a0}', '\u{feff}', '\r', '\n'] {
            assert!(is_ws(c), "{c:?}");
        }
        for c in ['一', '、', '.', '\u{b}'] {
            assert!(!is_ws(c), "{c:?}");
        }
        // every space that separates is whitespace
        for c in [' ', '\u{3000}', '\t', '\u{a0}'] {
            assert!(is_space(c) && is_ws(c), "{c:?}");
        }
        assert!(!is_space('\n'));
    }

    #[test]
    fn han_and_punctuation() {
        assert!(is_han('中') && is_han('\u{3400}') && !is_han('。') && !is_han('a'));
        assert!(ends_sentence('；') && !ends_sentence('，') && !ends_sentence('：'));
    }
}

//! Searching Chinese text for punctuation, fast.
//!
//! The grammar looks for punctuation and spaces over and over: a heading's title ends at the
//! first 。 or ；, a list fragment holds no 。, a signature has no ，. Those characters are never
//! ideographs. The characters U+4000‥U+9FFF (the unified CJK ideographs, the upper part of
//! Extension A and the Yijing hexagrams) are exactly those whose UTF-8 starts with a byte
//! E4‥E9, and they make most of the bytes of a Chinese text. So a search steps over such a
//! character by looking at its first byte alone, and decodes only the other characters.
//! `str::find` with a set of characters decodes and compares every character instead.

/// Whether `c`, the first byte of a character, says the character is in U+4000‥U+9FFF.
fn ideograph_lead(c: u8) -> bool {
    (0xE4..=0xE9).contains(&c)
}

/// The first character of `s` that is not a CJK ideograph and satisfies `pred`: its byte offset
/// and the character. Same result as `s.char_indices().find(|&(_, c)| pred(c))` for every `pred`
/// that is false for all of U+4000‥U+9FFF.
pub fn find(s: &str, pred: impl Fn(char) -> bool) -> Option<(usize, char)> {
    let b = s.as_bytes();
    let mut i = 0;
    while i < b.len() {
        let c0 = b[i];
        if ideograph_lead(c0) {
            i += 3;
            continue;
        }
        // a character boundary: decode the one character here
        let c = s[i..].chars().next()?;
        if pred(c) {
            return Some((i, c));
        }
        i += c.len_utf8();
    }
    None
}

/// Whether `s` holds a character that satisfies `pred` (which must be false for all of
/// U+4000‥U+9FFF, as for [`find`]).
pub fn contains(s: &str, pred: impl Fn(char) -> bool) -> bool {
    find(s, pred).is_some()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn example_find() {
        use crate::grammar::scan::find;
        assert_eq!(
            find("加强领导。各地要", |c| c == '。'),
            Some(("加强领导".len(), '。'))
        );
        assert_eq!(find("加强领导", |c| c == '。'), None);
    }

    #[test]
    fn example_contains() {
        use crate::grammar::scan::contains;
        assert!(contains("名单；", |c| matches!(c, '；' | ';')));
        assert!(!contains("名单", |c| matches!(c, '；' | ';')));
    }
    use proptest::prelude::*;

    #[test]
    fn ideographs_are_exactly_the_e4_to_e9_leads() {
        for c in ['\u{4000}', '\u{4dff}', '\u{4e00}', '\u{9fff}', '中', '国'] {
            let mut buf = [0u8; 4];
            assert!(ideograph_lead(c.encode_utf8(&mut buf).as_bytes()[0]), "{c}");
        }
        for c in [
            '\u{3fff}', '\u{a000}', '。', '，', '、', '（', '　', 'a', '…', '𠀀',
        ] {
            let mut buf = [0u8; 4];
            assert!(
                !ideograph_lead(c.encode_utf8(&mut buf).as_bytes()[0]),
                "{c}"
            );
        }
    }

    fn punct(c: char) -> bool {
        matches!(
            c,
            '。' | '；' | ';' | '：' | ' ' | '\u{3000}' | '、' | '.' | '…' | '𠀀'
        ) || c.is_ascii_digit()
    }

    proptest! {
        #[test]
        fn agrees_with_char_indices(s in "[一中国。；;：、 \u{3000}.a1…𠀀é\u{3fff}\u{4000}\u{a000}]{0,40}") {
            let want = s.char_indices().find(|&(_, c)| punct(c));
            prop_assert_eq!(find(&s, punct), want);
            prop_assert_eq!(contains(&s, punct), want.is_some());
        }
    }
}

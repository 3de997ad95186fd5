//! Run-in headings: where a heading sentence ends and its body starts, and whether a
//! one-sentence numbered line is a heading or a run-in paragraph.

use super::Builder;
use crate::grammar::line::Class;
use crate::grammar::scan;
use crate::source::chars::{ends_sentence, TYPED_SPACES};
use crate::tree::Family;

/// Where a heading's title ends: before the first 。 or ； (or a full-width colon closing a short
/// run-in lead), or before an elision. Returns (byte offset, length of the terminator).
/// `el` is where the first elision in `body` starts.
pub(super) fn title_cut(body: &str, el: Option<usize>) -> (usize, usize) {
    let mut best: Option<(usize, usize)> = None;
    let mut from = 0;
    while let Some((k, c)) = scan::find(&body[from..], |c| ends_sentence(c) || c == '：') {
        let k = from + k;
        if c != '：' {
            best = Some((k, c.len_utf8()));
            break;
        }
        let lead = body[..k].chars().count();
        let rest = body[k + c.len_utf8()..].trim();
        if rest.is_empty() || lead <= 12 {
            best = Some((k, c.len_utf8()));
            break;
        }
        from = k + c.len_utf8();
    }
    // "政策驱动:制度依据 近年来,国家层面…": a heading set off from its body by a space
    // only a space before the terminator and the elision counts, so look no further
    let bound = best
        .map_or(body.len(), |(k, _)| k)
        .min(el.unwrap_or(body.len()));
    if let Some(gap) = space_gap(body, bound) {
        if best.is_none_or(|(k, _)| gap < k) && el.is_none_or(|e| gap < e) {
            return (gap, 0);
        }
    }
    match (best, el) {
        (Some((k, _)), Some(e)) if e < k => (e, 0),
        (Some(b), _) => b,
        (None, Some(e)) => (e, 0),
        (None, None) => (body.len(), 0),
    }
}

/// The first ' ' or U+3000 in `s`.
pub(super) fn find_space(s: &str) -> Option<usize> {
    scan::find(s, |c| TYPED_SPACES.contains(&c)).map(|(k, _)| k)
}

/// A space inside a heading line that separates a short heading from a long body sentence.
/// Only a space before byte `bound` is looked for.
pub(super) fn space_gap(body: &str, bound: usize) -> Option<usize> {
    let k = find_space(&body[..bound])?;
    let head = &body[..k];
    let rest = body[k..].trim_start_matches(TYPED_SPACES);
    // at least 4 and at least 20 characters, counted no further than that
    (head.chars().nth(3).is_some()
        && rest.chars().nth(19).is_some()
        && scan::contains(rest, |c| matches!(c, '。' | ',' | '，'))
        && !scan::contains(head, |c| matches!(c, '，' | '。')))
    .then_some(k)
}

impl<'s, 'l> Builder<'s, 'l> {
    /// A one-sentence numbered line: a heading when body text or deeper structure follows,
    /// a run-in paragraph when its next sibling follows at once.
    pub(super) fn sentence_heading_is_runin(&self, i: usize, family: Family) -> bool {
        match self.next_nonblank(i) {
            None => true,
            Some(j) => match &self.ls[j].class {
                Class::Marker(m) => m.family == family || self.hier.is_open(m.family),
                Class::Text => false,
                Class::Point(_) => false,
                _ => true,
            },
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::grammar::elision;

    #[test]
    fn title_cut_stops_at_the_first_terminator_or_elision() {
        assert_eq!(
            title_cut(
                "加强领导。各地要",
                elision::find("加强领导。各地要").first().map(|h| h.start)
            ),
            ("加强领导".len(), "。".len())
        );
        assert_eq!(
            title_cut(
                "加强领导……各地要。",
                elision::find("加强领导……各地要。").first().map(|h| h.start)
            ),
            ("加强领导".len(), 0)
        );
        assert_eq!(
            title_cut(
                "近期目标：到2025年",
                elision::find("近期目标：到2025年").first().map(|h| h.start)
            ),
            ("近期目标".len(), "：".len())
        );
        assert_eq!(
            title_cut(
                "加强领导",
                elision::find("加强领导").first().map(|h| h.start)
            ),
            ("加强领导".len(), 0)
        );
    }

    #[test]
    fn find_space_agrees_with_find() {
        for s in [
            "",
            "甲乙",
            "甲 乙",
            "甲\u{3000}乙",
            "、。\u{3000} ",
            "《》a b",
            "\u{3000}",
        ] {
            assert_eq!(find_space(s), s.find([' ', '\u{3000}']), "{s:?}");
        }
    }

    #[test]
    fn space_gap_needs_a_short_head_and_a_long_body() {
        let body = "政策驱动 近年来，国家层面出台了一系列支持数字经济发展的政策措施。";
        assert_eq!(space_gap(body, body.len()), Some("政策驱动".len()));
        assert_eq!(space_gap("政策 驱动", "政策 驱动".len()), None);
    }
}

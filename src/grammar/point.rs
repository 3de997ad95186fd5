//! Enumerated points inside body text: 一是 / 二是, 一要 / 二要, 第一，/ 第二，, 其一，,
//! 首先，/ 其次，/ 再次，/ 最后，, and a line-leading ——.

use super::numeral::cn_numeral;
use crate::tree::PointFamily;
use nom::{IResult, Parser};

/// A point marker found at the start of a text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PointToken {
    /// Its family.
    pub family: PointFamily,
    /// Its number; 首先 = 1, 其次 = 2, 再次 = 3, 最后 = 0 (last); —— = 0.
    pub ordinal: u32,
    /// Byte length with its punctuation.
    pub len: usize,
    /// Byte range of the punctuation after the word (may be empty).
    pub punct: (usize, usize),
}

fn err(input: &str) -> nom::Err<nom::error::Error<&str>> {
    nom::Err::Error(nom::error::Error::new(input, nom::error::ErrorKind::Tag))
}

fn comma(input: &str) -> Option<&str> {
    input.strip_prefix('，').or_else(|| input.strip_prefix(','))
}

/// Whether a point marker can start with `c` (a cheap gate before the parser).
pub fn may_start(c: char) -> bool {
    matches!(
        c,
        '—' | '―' | '首' | '其' | '再' | '最' | '第' | '十' | '拾' | '百' | '佰'
    ) || super::numeral::cn_digit(c).is_some()
}

/// Recognise a point marker at the start of `input`.
pub fn point(input: &str) -> IResult<&str, PointToken> {
    // each starts with characters of its own, so at most one can match
    nom::branch::alt((dash, sequence, qi, di, numbered)).parse(input)
}

/// —— (two em dashes, or two horizontal bars as typed by some IMEs), with text after it.
fn dash(input: &str) -> IResult<&str, PointToken> {
    for dash in ["——", "――", "—―", "―—"] {
        if let Some(r) = input.strip_prefix(dash) {
            if r.starts_with(['—', '―']) || r.trim().is_empty() {
                return Err(err(input));
            }
            return Ok((
                r,
                PointToken {
                    family: PointFamily::Dash,
                    ordinal: 0,
                    len: dash.len(),
                    punct: (dash.len(), dash.len()),
                },
            ));
        }
    }
    Err(err(input))
}

/// 首先， 其次， 再次， 最后，
fn sequence(input: &str) -> IResult<&str, PointToken> {
    for (word, n) in [("首先", 1), ("其次", 2), ("再次", 3), ("最后", 0)] {
        if let Some(r) = input.strip_prefix(word) {
            let r2 = comma(r).ok_or_else(|| err(input))?;
            let len = input.len() - r2.len();
            return Ok((
                r2,
                PointToken {
                    family: PointFamily::Sequence,
                    ordinal: n,
                    len,
                    punct: (word.len(), len),
                },
            ));
        }
    }
    Err(err(input))
}

/// 其一， … 其十， with text after it.
fn qi(input: &str) -> IResult<&str, PointToken> {
    let r = input.strip_prefix('其').ok_or_else(|| err(input))?;
    let (r2, n) = cn_numeral(r).map_err(|_| err(input))?;
    let r3 = comma(r2)
        .filter(|r3| n <= 10 && !r3.trim().is_empty())
        .ok_or_else(|| err(input))?;
    let w = input.len() - r2.len();
    let len = input.len() - r3.len();
    Ok((
        r3,
        PointToken {
            family: PointFamily::Qi,
            ordinal: n,
            len,
            punct: (w, len),
        },
    ))
}

/// 第一， (or 第一、, which `check` flags).
fn di(input: &str) -> IResult<&str, PointToken> {
    let r = input.strip_prefix('第').ok_or_else(|| err(input))?;
    let (r2, n) = cn_numeral(r).map_err(|_| err(input))?;
    let w = input.len() - r2.len();
    let r3 = comma(r2)
        .or_else(|| r2.strip_prefix('、'))
        .ok_or_else(|| err(input))?;
    let len = input.len() - r3.len();
    Ok((
        r3,
        PointToken {
            family: PointFamily::Di,
            ordinal: n,
            len,
            punct: (w, len),
        },
    ))
}

/// 一是 and 一要, up to 二十, with an optional comma or colon.
fn numbered(input: &str) -> IResult<&str, PointToken> {
    let (r, n) = cn_numeral(input)?;
    if n > 20 {
        return Err(err(input));
    }
    // `三 是改革开放`: a space that PDF extraction put inside the point, before 是 and Han text
    let r = match r.strip_prefix([' ', '\u{3000}']) {
        Some(after)
            if after
                .strip_prefix('是')
                .and_then(|t| t.chars().next())
                .is_some_and(crate::source::chars::is_han) =>
        {
            after
        }
        _ => r,
    };
    let (family, r) = if let Some(r) = r.strip_prefix('是') {
        (PointFamily::Shi, r)
    } else if let Some(r) = r.strip_prefix('要') {
        (PointFamily::Yao, r)
    } else {
        return Err(err(input));
    };
    let w = input.len() - r.len();
    let r2 = comma(r).or_else(|| r.strip_prefix('：')).unwrap_or(r);
    let len = input.len() - r2.len();
    Ok((
        r2,
        PointToken {
            family,
            ordinal: n,
            len,
            punct: (w, len),
        },
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn example_may_start() {
        use crate::grammar::point::may_start;
        assert!(may_start('一') && may_start('—') && may_start('首') && may_start('第'));
        assert!(!may_start('各'));
    }

    #[test]
    fn example_point() {
        use crate::grammar::point::{point, PointFamily};
        let (_, p) = point("二是加强调解能力建设。").unwrap();
        assert_eq!(
            (p.family, p.ordinal, p.len),
            (PointFamily::Shi, 2, "二是".len())
        );
        let (_, p) = point("第三，持之以恒").unwrap();
        assert_eq!((p.family, p.ordinal), (PointFamily::Di, 3));
        assert!(point("首先我们").is_err());
        assert!(point("第三条 ").is_err());
    }

    #[test]
    fn families() {
        let f = |s: &str| point(s).ok().map(|(_, p)| (p.family, p.ordinal));
        assert_eq!(f("一是完善"), Some((PointFamily::Shi, 1)));
        assert_eq!(f("十是完善"), Some((PointFamily::Shi, 10)));
        assert_eq!(f("三 是改革开放"), Some((PointFamily::Shi, 3)));
        assert_eq!(f("三 是，"), None);
        assert_eq!(f("三 要完善"), None);
        assert_eq!(f("三要促进"), Some((PointFamily::Yao, 3)));
        assert_eq!(f("第五，严惩"), Some((PointFamily::Di, 5)));
        assert_eq!(f("第二、严惩"), Some((PointFamily::Di, 2)));
        assert_eq!(f("其二，"), None);
        assert_eq!(f("其二，在于"), Some((PointFamily::Qi, 2)));
        assert_eq!(f("其次，要"), Some((PointFamily::Sequence, 2)));
        assert_eq!(f("最后，要"), Some((PointFamily::Sequence, 0)));
        assert_eq!(f("——经济运行总体平稳。"), Some((PointFamily::Dash, 0)));
        assert_eq!(f("————"), None);
        assert_eq!(f("一些地方"), None);
        assert_eq!(f("第一章"), None);
    }

    #[test]
    fn comma_belongs_to_marker() {
        let (_, p) = point("一是，完善").unwrap();
        assert_eq!(p.len, "一是，".len());
        assert_eq!(p.punct, ("一是".len(), "一是，".len()));
    }
}

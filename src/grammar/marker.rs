//! Heading markers: 一、 （一） 1. （1） ① 1.1 第一章 第一节 第一条 第一部分 第一编 第一篇, with every
//! punctuation variant people actually type, so that `check` can flag the wrong ones.
//!
//! A parser recognises a marker at the start of its input; it does not decide whether the line
//! is a heading (that depends on the whole document, see `tree::build`).

use super::numeral::{arabic, circled, cn_numeral};
use crate::source::chars::{is_space, is_ws, TYPED_SPACES};
use crate::tree::Family;
use nom::{IResult, Parser};

/// A marker found at the start of a text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct MarkerToken {
    /// Its family.
    pub family: Family,
    /// Its number (1-based); for decimals the last component.
    pub ordinal: u32,
    /// For decimals, the leading components (1.2.3 → [1, 2]).
    pub parents: Vec<u32>,
    /// Byte length of the marker with its punctuation.
    pub len: usize,
    /// Byte range of the punctuation as written after the number (may be empty).
    pub punct: (usize, usize),
    /// The brackets as written, for bracketed families.
    pub brackets: Option<(char, char)>,
    /// Whether the number is written in Chinese numerals.
    pub chinese: bool,
    /// For an inserted article (第十条之一), the number after 之.
    pub sub: Option<u32>,
}

impl MarkerToken {
    /// A marker in figures with no brackets and no leading parts (1. 3.0 ①): `len` bytes, the
    /// punctuation from `num_len` to the end.
    fn figures(family: Family, ordinal: u32, num_len: usize, len: usize) -> Self {
        MarkerToken {
            family,
            ordinal,
            parents: vec![],
            len,
            punct: (num_len, len),
            brackets: None,
            chinese: false,
            sub: None,
        }
    }

    /// Whether the number is closed by a bracket with none opening it (1）, 1)), given the text
    /// the marker starts.
    ///
    /// ```text
    /// use gongwen::grammar::marker::marker;
    /// let t = "1）工作时间";
    /// assert!(marker(t).unwrap().1.closed_by_bracket(t));
    /// assert!(!marker("1.范围").unwrap().1.closed_by_bracket("1.范围"));
    /// ```
    pub fn closed_by_bracket(&self, text: &str) -> bool {
        self.brackets.is_none()
            && text
                .get(self.punct.0..self.punct.1)
                .is_some_and(|p| p.starts_with(CLOSE))
    }
}

fn err(input: &str) -> nom::Err<nom::error::Error<&str>> {
    nom::Err::Error(nom::error::Error::new(input, nom::error::ErrorKind::Tag))
}

fn one_of<'a>(input: &'a str, set: &[char]) -> IResult<&'a str, char> {
    match input.chars().next() {
        Some(c) if set.contains(&c) => Ok((&input[c.len_utf8()..], c)),
        _ => Err(err(input)),
    }
}

const OPEN: [char; 2] = ['（', '('];
const CLOSE: [char; 2] = ['）', ')'];
/// Punctuation that may stray after a bracket or a circled number.
const STRAY: [char; 6] = ['、', '.', '．', '，', ',', '：'];

/// 一、 and its variants 一. 一． 一， 一： "一 、", or a bare numeral before a space or the end.
fn cn_comma(input: &str) -> IResult<&str, MarkerToken> {
    let (rest, n) = cn_numeral(input)?;
    let num_len = input.len() - rest.len();
    // optional spaces before the punctuation ("一 、")
    let after_sp = rest.trim_start_matches(TYPED_SPACES);
    if let Ok((r2, _)) = one_of(after_sp, &['、', '.', '．', '，', ',', '：', ':']) {
        // "1.5" style is not a concern for Chinese numerals
        let p0 = num_len;
        let len = input.len() - r2.len();
        return Ok((
            r2,
            MarkerToken {
                family: Family::CnComma,
                ordinal: n,
                parents: vec![],
                len,
                punct: (p0, len),
                brackets: None,
                chinese: true,
                sub: None,
            },
        ));
    }
    // bare numeral: only before a space or at the end, and not `三 是…`, a point with a space
    // inside it
    let next = rest.chars().next();
    let spaced_point = super::point::point(input).is_ok();
    if (next.is_none() || next.is_some_and(is_space) && n <= 20) && !spaced_point {
        return Ok((
            rest,
            MarkerToken {
                family: Family::CnComma,
                ordinal: n,
                parents: vec![],
                len: num_len,
                punct: (num_len, num_len),
                brackets: None,
                chinese: true,
                sub: None,
            },
        ));
    }
    Err(err(input))
}

fn bracketed(input: &str) -> IResult<&str, MarkerToken> {
    let (r, open) = one_of(input, &OPEN)?;
    let r = r.trim_start_matches(' ');
    let (r, (n, chinese)) =
        nom::branch::alt((cn_numeral.map(|n| (n, true)), arabic.map(|n| (n, false)))).parse(r)?;
    let r = r.trim_start_matches(' ');
    let (r, close) = one_of(r, &CLOSE)?;
    if !chinese && n > 999 {
        return Err(err(input));
    }
    let close_end = input.len() - r.len();
    let (r, stray_end) = match one_of(r, &STRAY) {
        Ok((r2, _)) => (r2, input.len() - r2.len()),
        Err(_) => (r, close_end),
    };
    let family = if chinese {
        Family::CnParen
    } else {
        Family::ArabicParen
    };
    Ok((
        r,
        MarkerToken {
            family,
            ordinal: n,
            parents: vec![],
            len: stray_end,
            punct: (close_end, stray_end),
            brackets: Some((open, close)),
            chinese,
            sub: None,
        },
    ))
}

fn is_digit(c: char) -> bool {
    c.is_ascii_digit() || ('０'..='９').contains(&c)
}

/// 1. 1． 1、 1) 1）, and decimals 1.1 / 1.1.1.
fn arabic_marker(input: &str) -> IResult<&str, MarkerToken> {
    let (rest, n) = arabic(input)?;
    let num_len = input.len() - rest.len();
    // decimal: 1.2 or 1.2.3 (a Vec only for a decimal, which is rare)
    let mut parts = Vec::new();
    let mut r = rest;
    loop {
        let mut it = r.chars();
        match (it.next(), it.next()) {
            (Some('.' | '．'), Some(c)) if is_digit(c) => {
                let (r2, m) = arabic(&r[r.chars().next().map_or(0, char::len_utf8)..])?;
                if parts.is_empty() {
                    parts.push(n);
                }
                parts.push(m);
                r = r2;
            }
            _ => break,
        }
    }
    if parts.len() > 1 {
        if parts.len() > 4 || parts.iter().any(|&p| p > 99) {
            return Err(err(input));
        }
        let num_end = input.len() - r.len();
        // an optional trailing dot or space belongs to the marker's punctuation
        let (r2, end) = match one_of(r, &['.', '．', '、']) {
            Ok((r2, _)) => (r2, input.len() - r2.len()),
            Err(_) => (r, num_end),
        };
        let ordinal = *parts.last().unwrap();
        parts.pop();
        if ordinal == 0 && parts.len() == 1 && parts[0] > 0 {
            // 3.0 numbers the section that 3.1 and 3.2 divide: a 3. written the engineers' way
            return Ok((
                r2,
                MarkerToken::figures(Family::ArabicDot, parts[0], num_len, end),
            ));
        }
        let family = if parts.len() == 1 {
            Family::Decimal2
        } else {
            Family::Decimal3
        };
        return Ok((
            r2,
            MarkerToken {
                family,
                ordinal,
                parents: parts,
                len: end,
                punct: (num_end, end),
                brackets: None,
                chinese: false,
                sub: None,
            },
        ));
    }
    if n > 999 {
        return Err(err(input));
    }
    // `12 . 三经`: spaces that PDF extraction put before the dot, with Han text after it
    let spaced = rest.trim_start_matches([' ', '\u{3000}']);
    let r2 = if spaced.len() < rest.len() {
        let (r2, _) = one_of(spaced, &['.', '．', '、'])?;
        if !r2
            .trim_start_matches([' ', '\u{3000}'])
            .starts_with(crate::source::chars::is_han)
        {
            return Err(err(input));
        }
        r2
    } else {
        let (r2, p) = one_of(rest, &['.', '．', '、', ')', '）', '，', ',', '•'])?;
        // 1，2月份 and 1、2、3月 are lists of numbers, not markers; after 、 a figure of two
        // digits or more may start the text (1、2017年9月完成…), which the sequence decides
        let figures = r2.chars().take_while(|&c| is_digit(c)).count();
        if figures > 0 && (p != '、' || figures < 2) {
            return Err(err(input));
        }
        r2
    };
    let len = input.len() - r2.len();
    Ok((r2, MarkerToken::figures(Family::ArabicDot, n, num_len, len)))
}

fn circled_marker(input: &str) -> IResult<&str, MarkerToken> {
    let (rest, n) = circled(input)?;
    let num_len = input.len() - rest.len();
    let (r, end) = match one_of(rest, &STRAY) {
        Ok((r2, _)) => (r2, input.len() - r2.len()),
        Err(_) => (rest, num_len),
    };
    Ok((r, MarkerToken::figures(Family::Circled, n, num_len, end)))
}

/// ⑴ … ⒇ and ⒈ … ⒛, one character each: the same families as （1） and 1., so that a list
/// that runs past 20 goes on as （21） or 21.
fn enclosed_marker(input: &str) -> IResult<&str, MarkerToken> {
    let (rest, (n, dot)) = super::numeral::enclosed(input)?;
    let len = input.len() - rest.len();
    let family = if dot {
        Family::ArabicDot
    } else {
        Family::ArabicParen
    };
    Ok((
        rest,
        MarkerToken {
            family,
            ordinal: n,
            parents: vec![],
            len,
            punct: (len, len),
            brackets: None,
            chinese: false,
            sub: None,
        },
    ))
}

/// 第一章 第一节 第一条 第一编 第一分编 第一部分 第一篇 (also with Arabic numbers), and an inserted
/// article 第十条之一.
fn statute(input: &str) -> IResult<&str, MarkerToken> {
    let r = input.strip_prefix('第').ok_or_else(|| err(input))?;
    let (r, (n, chinese)) =
        nom::branch::alt((cn_numeral.map(|n| (n, true)), arabic.map(|n| (n, false)))).parse(r)?;
    // `第一百二十八 条`: a space that extraction put inside the marker (one or two)
    let spaced = r.trim_start_matches([' ', '\u{3000}']);
    let r = if r.len() - spaced.len() <= 6 {
        spaced
    } else {
        r
    };
    let (r, family) = if let Some(r) = r.strip_prefix('章') {
        (r, Family::Chapter)
    } else if let Some(r) = r.strip_prefix('节') {
        (r, Family::Section)
    } else if let Some(r) = r.strip_prefix('条') {
        (r, Family::Article)
    } else if let Some(r) = r.strip_prefix("分编") {
        (r, Family::SubPart)
    } else if let Some(r) = r.strip_prefix('编') {
        (r, Family::Part)
    } else if let Some(r) = r.strip_prefix("部分") {
        (r, Family::Part)
    } else if let Some(r) = r.strip_prefix('篇') {
        (r, Family::Volume)
    } else {
        return Err(err(input));
    };
    // 第十条之一: an article inserted after 第十条
    let (r, sub) = match r.strip_prefix('之').map(cn_numeral) {
        Some(Ok((r2, k))) if family == Family::Article => (r2, Some(k)),
        _ => (r, None),
    };
    let word = input.len() - r.len();
    // 第一篇：关于…的通知, a collection's document, or 第一章：总则: the colon separates the
    // marker from its title (an article's colon is its text: 第五条：…)
    let r = match r.strip_prefix(['：', ':']) {
        Some(after) if family != Family::Article => after,
        _ => r,
    };
    let len = input.len() - r.len();
    Ok((
        r,
        MarkerToken {
            family,
            ordinal: n,
            parents: vec![],
            len,
            punct: (word, len),
            brackets: None,
            chinese,
            sub,
        },
    ))
}

/// Whether a marker can start with `c` (a cheap gate before the parsers).
pub fn may_start(c: char) -> bool {
    matches!(c, '第' | '（' | '(' | '十' | '拾' | '百' | '佰' | '0'..='9' | '０'..='９' | '①'..='⑳' | '㉑'..='㉟' | '㊱'..='㊿' | '⑴'..='⒛')
        || super::numeral::cn_digit(c).is_some()
}

/// Recognise a heading marker at the start of `input` (already past any indent).
pub fn marker(input: &str) -> IResult<&str, MarkerToken> {
    // every family starts with characters of its own: 第, a bracket, a digit, a circled number
    // or a Chinese numeral; only the one parser that can match is tried
    match input.chars().next() {
        Some('第') => statute(input),
        Some('（' | '(') => bracketed(input),
        Some(c) if is_digit(c) => arabic_marker(input),
        Some('①'..='⑳' | '㉑'..='㉟' | '㊱'..='㊿') => circled_marker(input),
        Some('⑴'..='⒛') => enclosed_marker(input),
        Some(_) => cn_comma(input),
        None => Err(err(input)),
    }
}

/// Text that follows a statute marker must be separated from it (a space, a full-width space,
/// the end of the line, or a bracketed title); `第九十九条规定` is a reference, not an article.
pub fn statute_separated(rest: &str) -> bool {
    match rest.chars().next() {
        None => true,
        Some(c) => is_space(c) || is_ws(c) || c == '【' || c == '（' || c == '(' || c == '〔',
    }
}

/// Find a marker of one of `families` that starts somewhere inside `text` (not at 0), for
/// headings glued onto the line before them. Returns the byte offset and the token.
pub fn find_glued(
    text: &str,
    accept: impl Fn(usize, &MarkerToken) -> bool,
) -> Option<(usize, MarkerToken)> {
    for (i, c) in text.char_indices().skip(1) {
        if !(cn_numeral_start(c) || c.is_ascii_digit() || c == '（' || c == '(' || c == '第') {
            continue;
        }
        // never split inside a number
        let prev = text[..i].chars().next_back().unwrap_or(' ');
        if prev.is_ascii_digit()
            || prev == '.'
            || super::numeral::cn_digit(prev).is_some()
            || prev == '十'
            || prev == '第'
        {
            continue;
        }
        if let Ok((_, m)) = marker(&text[i..]) {
            if accept(i, &m) {
                return Some((i, m));
            }
        }
    }
    None
}

fn cn_numeral_start(c: char) -> bool {
    super::numeral::cn_digit(c).is_some() || c == '十'
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tree::vocabulary::cn_render;

    #[test]
    fn example_render() {
        use crate::grammar::marker::Family;
        assert_eq!(Family::CnParen.render(12), "（十二）");
        assert_eq!(Family::ArabicDot.render(3), "3.");
    }

    #[test]
    fn example_cn_render() {
        assert_eq!(cn_render(21), "二十一");
        assert_eq!(cn_render(110), "一百一十");
    }

    #[test]
    fn example_may_start() {
        use crate::grammar::marker::may_start;
        assert!(
            may_start('一')
                && may_start('（')
                && may_start('第')
                && may_start('3')
                && may_start('②')
        );
        assert!(!may_start('各'));
    }

    #[test]
    fn example_marker() {
        use crate::grammar::marker::{marker, Family};
        let (_, m) = marker("（三）加强领导").unwrap();
        assert_eq!((m.family, m.ordinal), (Family::CnParen, 3));
        let (_, m) = marker("(3)、加强").unwrap();
        assert_eq!(m.brackets, Some(('(', ')')));
        assert_eq!(&"(3)、加强"[m.punct.0..m.punct.1], "、");
        let (_, m) = marker("1.2.3 总体").unwrap();
        assert_eq!(
            (m.family, m.parents.clone(), m.ordinal),
            (Family::Decimal3, vec![1, 2], 3)
        );
        assert!(marker("2023年").is_err());
        assert!(marker("一是加强").is_err());
    }

    fn fam(s: &str) -> Option<(Family, u32, &str)> {
        marker(s)
            .ok()
            .map(|(_, m)| (m.family, m.ordinal, &s[..m.len]))
    }

    #[test]
    fn cn_comma_variants() {
        assert_eq!(fam("一、总则"), Some((Family::CnComma, 1, "一、")));
        assert_eq!(fam("十二．总则"), Some((Family::CnComma, 12, "十二．")));
        assert_eq!(fam("三，总则"), Some((Family::CnComma, 3, "三，")));
        assert_eq!(fam("四 、总则"), Some((Family::CnComma, 4, "四 、")));
        assert_eq!(fam("五：总则"), Some((Family::CnComma, 5, "五：")));
        assert_eq!(fam("三"), Some((Family::CnComma, 3, "三")));
        assert_eq!(fam("二　法律适用"), Some((Family::CnComma, 2, "二")));
        assert_eq!(fam("三大攻坚战"), None);
        assert_eq!(fam("二〇〇四年"), None);
    }

    #[test]
    fn bracket_variants() {
        assert_eq!(fam("（一）总"), Some((Family::CnParen, 1, "（一）")));
        assert_eq!(fam("(一)总"), Some((Family::CnParen, 1, "(一)")));
        assert_eq!(fam("（一)总"), Some((Family::CnParen, 1, "（一)")));
        assert_eq!(fam("（一）、总"), Some((Family::CnParen, 1, "（一）、")));
        assert_eq!(fam("（12）总"), Some((Family::ArabicParen, 12, "（12）")));
        assert_eq!(fam("（2016年1月12日）"), None);
        assert_eq!(fam("（根据直播整理）"), None);
    }

    #[test]
    fn arabic_variants() {
        assert_eq!(fam("1.总"), Some((Family::ArabicDot, 1, "1.")));
        assert_eq!(fam("1．总"), Some((Family::ArabicDot, 1, "1．")));
        assert_eq!(fam("1、总"), Some((Family::ArabicDot, 1, "1、")));
        assert_eq!(fam("1)总"), Some((Family::ArabicDot, 1, "1)")));
        assert_eq!(fam("1，总"), Some((Family::ArabicDot, 1, "1，")));
        assert_eq!(fam("1•按形式"), Some((Family::ArabicDot, 1, "1•")));
        assert_eq!(fam("1，2月份"), None);
        assert_eq!(fam("１０．总"), Some((Family::ArabicDot, 10, "１０．")));
        assert_eq!(fam("1.1政策"), Some((Family::Decimal2, 1, "1.1")));
        assert_eq!(fam("3.0 责任"), Some((Family::ArabicDot, 3, "3.0")));
        let closed = |t: &str| marker(t).unwrap().1.closed_by_bracket(t);
        assert!(closed("1）工作时间") && closed("2)迟到"));
        assert!(!closed("1.范围") && !closed("（1）范围"));
        assert_eq!(fam("2017年"), None);
        assert_eq!(fam("2017，"), None);
    }

    #[test]
    fn statute_variants() {
        assert_eq!(fam("第一章 总则"), Some((Family::Chapter, 1, "第一章")));
        assert_eq!(fam("第十四条　"), Some((Family::Article, 14, "第十四条")));
        assert_eq!(fam("第一部分"), Some((Family::Part, 1, "第一部分")));
        assert_eq!(
            fam("第一百二十八 条侦查"),
            Some((Family::Article, 128, "第一百二十八 条"))
        );
        assert_eq!(fam("第3节"), Some((Family::Section, 3, "第3节")));
        assert_eq!(
            fam("第二分编  典型"),
            Some((Family::SubPart, 2, "第二分编"))
        );
        assert_eq!(
            fam("第一千零一条 为了"),
            Some((Family::Article, 1001, "第一千零一条"))
        );
        let (_, m) = marker("第十条之一 为了").unwrap();
        assert_eq!((m.ordinal, m.sub, m.len), (10, Some(1), "第十条之一".len()));
        assert_eq!(marker("第十章之后").unwrap().1.sub, None);
        assert!(statute_separated(" 为了"));
        assert!(statute_separated("\u{2002}\u{2002}通则"));
        assert!(!statute_separated("规定："));
    }

    #[test]
    fn circled_variants() {
        assert_eq!(fam("①总"), Some((Family::Circled, 1, "①")));
        assert_eq!(fam("⑳、总"), Some((Family::Circled, 20, "⑳、")));
    }

    #[test]
    fn renders() {
        assert_eq!(cn_render(1), "一");
        assert_eq!(cn_render(10), "十");
        assert_eq!(cn_render(11), "十一");
        assert_eq!(cn_render(20), "二十");
        assert_eq!(cn_render(101), "一百零一");
        for n in 1..=200 {
            assert_eq!(super::super::numeral::cn_value(&cn_render(n)), Some(n));
        }
    }

    #[test]
    fn glued() {
        let t = "窗口行业整治工作方案参考模板一、背景分析";
        let (i, m) = find_glued(t, |_, m| m.family == Family::CnComma && m.ordinal == 1).unwrap();
        assert_eq!(&t[i..i + m.len], "一、");
    }
}

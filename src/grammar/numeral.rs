//! Numerals: Chinese (一 … 九十九, 一百…, 〇/零), Arabic of any length, full-width digits,
//! circled and parenthesised digits.

use nom::IResult;

pub(crate) use crate::tree::vocabulary::cn_digit;

fn is_cn_numeral_char(c: char) -> bool {
    cn_digit(c).is_some() || matches!(c, '十' | '拾' | '百' | '佰' | '千' | '仟')
}

/// A Chinese numeral 1‥9999 written the usual way: 一, 十, 十一, 二十, 二十一, 一百零一, 一百二十,
/// 一千零一 (statutes run past a thousand articles).
pub fn cn_numeral(input: &str) -> IResult<&str, u32> {
    let end = input
        .char_indices()
        .find(|&(_, c)| !is_cn_numeral_char(c))
        .map(|(i, _)| i)
        .unwrap_or(input.len());
    let run = &input[..end];
    match cn_value(run) {
        Some(v) if v > 0 => Ok((&input[end..], v)),
        _ => Err(nom::Err::Error(nom::error::Error::new(
            input,
            nom::error::ErrorKind::Digit,
        ))),
    }
}

/// The value of a run of Chinese numeral characters, when it is well formed.
pub fn cn_value(run: &str) -> Option<u32> {
    if run.is_empty() {
        return None;
    }
    let mut total = 0u32;
    let mut cur: Option<u32> = None;
    let mut last_unit = 10_000u32;
    let mut zero_pending = false;
    for c in run.chars() {
        if let Some(d) = cn_digit(c) {
            if d == 0 {
                zero_pending = true;
                continue;
            }
            if cur.is_some() {
                return None; // two digits in a row: 二二 is a digit string, not a numeral
            }
            cur = Some(d);
        } else {
            let unit = match c {
                '十' | '拾' => 10,
                '百' | '佰' => 100,
                '千' | '仟' => 1000,
                _ => return None,
            };
            if unit >= last_unit {
                return None;
            }
            if zero_pending && cur.is_none() {
                return None;
            }
            total += cur.unwrap_or(1) * unit;
            cur = None;
            last_unit = unit;
            zero_pending = false;
        }
    }
    let _ = zero_pending;
    Some(total + cur.unwrap_or(0))
}

/// A run of Chinese digits read digit by digit, as in years: 二〇二三 → 2023.
pub fn cn_digits(input: &str) -> IResult<&str, u32> {
    let mut v = 0u32;
    let mut n = 0;
    let mut end = 0;
    for (i, c) in input.char_indices() {
        match cn_digit(c) {
            Some(d) if n < 9 => {
                v = v * 10 + d;
                n += 1;
                end = i + c.len_utf8();
            }
            _ => break,
        }
    }
    if n == 0 {
        return Err(nom::Err::Error(nom::error::Error::new(
            input,
            nom::error::ErrorKind::Digit,
        )));
    }
    Ok((&input[end..], v))
}

/// Arabic digits, ASCII or full-width (０‥９), any length (saturating at `u32::MAX`).
pub fn arabic(input: &str) -> IResult<&str, u32> {
    let mut v: u64 = 0;
    let mut end = 0;
    for (i, c) in input.char_indices() {
        let d = match c {
            '0'..='9' => c as u32 - '0' as u32,
            '０'..='９' => c as u32 - '０' as u32,
            _ => break,
        };
        v = (v * 10 + d as u64).min(u32::MAX as u64);
        end = i + c.len_utf8();
    }
    if end == 0 {
        return Err(nom::Err::Error(nom::error::Error::new(
            input,
            nom::error::ErrorKind::Digit,
        )));
    }
    Ok((&input[end..], v as u32))
}

/// A circled number ① … ⑳ (also ㉑ … ㊿).
pub fn circled(input: &str) -> IResult<&str, u32> {
    let mut it = input.chars();
    let v = match it.next() {
        Some(c @ '①'..='⑳') => c as u32 - '①' as u32 + 1,
        Some(c @ '㉑'..='㉟') => c as u32 - '㉑' as u32 + 21,
        Some(c @ '㊱'..='㊿') => c as u32 - '㊱' as u32 + 36,
        _ => {
            return Err(nom::Err::Error(nom::error::Error::new(
                input,
                nom::error::ErrorKind::Char,
            )))
        }
    };
    Ok((it.as_str(), v))
}

/// A parenthesised number ⑴ … ⒇ or a number with a full stop ⒈ … ⒛, each one character: the
/// number, and whether it is the full-stop form.
pub fn enclosed(input: &str) -> IResult<&str, (u32, bool)> {
    let mut it = input.chars();
    let v = match it.next() {
        Some(c @ '⑴'..='⒇') => (c as u32 - '⑴' as u32 + 1, false),
        Some(c @ '⒈'..='⒛') => (c as u32 - '⒈' as u32 + 1, true),
        _ => {
            return Err(nom::Err::Error(nom::error::Error::new(
                input,
                nom::error::ErrorKind::Char,
            )))
        }
    };
    Ok((it.as_str(), v))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn example_cn_numeral() {
        use crate::grammar::numeral::cn_numeral;
        assert_eq!(cn_numeral("二十一、"), Ok(("、", 21)));
        assert_eq!(cn_numeral("十）"), Ok(("）", 10)));
        assert_eq!(cn_numeral("一百零五条"), Ok(("条", 105)));
        assert!(cn_numeral("了").is_err());
    }

    #[test]
    fn example_cn_digits() {
        use crate::grammar::numeral::cn_digits;
        assert_eq!(cn_digits("二〇二三年"), Ok(("年", 2023)));
    }

    #[test]
    fn example_arabic() {
        use crate::grammar::numeral::arabic;
        assert_eq!(arabic("12."), Ok((".", 12)));
        assert_eq!(arabic("１２．"), Ok(("．", 12)));
    }

    #[test]
    fn example_enclosed() {
        assert_eq!(enclosed("⑶加强"), Ok(("加强", (3, false))));
        assert_eq!(enclosed("⒓完善"), Ok(("完善", (12, true))));
        assert_eq!(enclosed("⒇"), Ok(("", (20, false))));
        assert_eq!(enclosed("⒛"), Ok(("", (20, true))));
        assert!(enclosed("①").is_err());
    }

    #[test]
    fn example_circled() {
        use crate::grammar::numeral::circled;
        assert_eq!(circled("③加强"), Ok(("加强", 3)));
    }

    #[test]
    fn chinese_values() {
        for (s, v) in [
            ("一", 1),
            ("九", 9),
            ("十", 10),
            ("十一", 11),
            ("二十", 20),
            ("二十一", 21),
            ("九十九", 99),
            ("一百", 100),
            ("一百零一", 101),
            ("一百一十", 110),
            ("两百", 200),
            ("一千", 1000),
            ("一千零一", 1001),
            ("一千一百九十五", 1195),
            ("一千二百六十", 1260),
            ("两千零二十", 2020),
        ] {
            assert_eq!(cn_value(s), Some(v), "{s}");
        }
    }

    #[test]
    fn malformed_chinese() {
        for s in ["十十", "二二", "零", "〇", "百十百", "千千", "百千"] {
            assert!(
                cn_value(s).filter(|&v| v > 0).is_none() || s == "二二",
                "{s}"
            );
        }
        assert_eq!(cn_value("二二"), None);
    }

    #[test]
    fn arabic_long_and_fullwidth() {
        assert_eq!(arabic("123456789012"), Ok(("", u32::MAX)));
        assert_eq!(arabic("０７"), Ok(("", 7)));
        assert!(arabic("a1").is_err());
    }
}

//! Official-document elements: 发文字号, 成文日期, 主送机关, 附件说明, 抄送, 印发, 附注.

use super::numeral::{arabic, cn_digits, cn_numeral};
use crate::source::chars::is_han;
use crate::tree::{AttachmentKind, DateParts, DocNumberParts};
use nom::IResult;

fn fail(input: &str) -> nom::Err<nom::error::Error<&str>> {
    nom::Err::Error(nom::error::Error::new(input, nom::error::ErrorKind::Tag))
}

/// Recognise a whole-line 发文字号.
pub fn doc_number(input: &str) -> IResult<&str, DocNumberParts> {
    // only blanks may follow the 号: rule out every other line before reading it
    if !input.trim_end().ends_with('号') {
        return Err(fail(input));
    }
    // the organ's abbreviation; ×× stands for one in templates and examples
    let agency_end = input
        .char_indices()
        .find(|&(_, c)| !is_han(c) && c != '×')
        .map(|(i, _)| i)
        .unwrap_or(input.len());
    let nchars = input[..agency_end].chars().count();
    if !(1..=16).contains(&nchars) {
        return Err(fail(input));
    }
    let rest = &input[agency_end..];
    let open = rest.chars().next().ok_or_else(|| fail(input))?;
    let close = match open {
        '〔' => '〕',
        '[' => ']',
        '【' => '】',
        '（' => '）',
        '(' => ')',
        '［' => '］',
        '{' => '}',
        _ => return Err(fail(input)),
    };
    let r = &rest[open.len_utf8()..];
    let year_end = r.find(|c: char| !c.is_ascii_digit()).unwrap_or(r.len());
    if !(2..=4).contains(&year_end) {
        return Err(fail(input));
    }
    let year = &r[..year_end];
    let r = &r[year_end..];
    let r2 = r
        .strip_prefix(close)
        .or_else(|| r.strip_prefix(['〕', ']', '】', '）', ')', '］']))
        .ok_or_else(|| fail(input))?;
    let close_real = r[..r.len() - r2.len()].chars().next().unwrap_or(close);
    let after_close = input.len() - r2.len();
    let (r3, di) = match r2.strip_prefix('第') {
        Some(x) => (x, true),
        None => (r2, false),
    };
    let serial_start = input.len() - r3.len();
    let (r4, _) = arabic(r3)?;
    let serial = &r3[..r3.len() - r4.len()];
    let r5 = r4.strip_prefix('号').ok_or_else(|| fail(input))?;
    if !r5.trim().is_empty() {
        return Err(fail(input));
    }
    let hao = input.len() - r4.len();
    Ok((
        "",
        DocNumberParts {
            agency: input[..agency_end].to_string(),
            year: year.to_string(),
            brackets: (open, close_real),
            serial: serial.to_string(),
            di,
            offsets: (agency_end, after_close, serial_start, hao),
        },
    ))
}

fn num_part(input: &str) -> IResult<&str, (u32, bool, bool)> {
    // (value, chinese, zero-padded)
    let s = input.trim_start_matches(' ');
    if let Ok((r, v)) = arabic(s) {
        let digits = &s[..s.len() - r.len()];
        let padded = digits.len() > 1 && digits.starts_with(['0', '０']);
        return Ok((r.trim_start_matches(' '), (v, false, padded)));
    }
    let (r, v) = cn_numeral(s)?;
    Ok((r, (v, true, false)))
}

/// Recognise a date at the start of `input`.
pub fn date(input: &str) -> IResult<&str, DateParts> {
    let (r, (year, ychinese)) = match arabic(input) {
        Ok((r, y)) if (1000..=2999).contains(&y) => (r, (y, false)),
        _ => {
            let (r, y) = cn_digits(input)?;
            if !(1000..=2999).contains(&y) {
                return Err(fail(input));
            }
            (r, (y, true))
        }
    };
    let r = r
        .trim_start_matches(' ')
        .strip_prefix('年')
        .ok_or_else(|| fail(input))?;
    let (r, (month, mc, mp)) = num_part(r)?;
    let r = r.strip_prefix('月').ok_or_else(|| fail(input))?;
    let (r, (day, dc, dp)) = num_part(r)?;
    let r = r.strip_prefix(['日', '号']).ok_or_else(|| fail(input))?;
    if !(1..=12).contains(&month) || !(1..=31).contains(&day) {
        return Err(fail(input));
    }
    let chinese = ychinese && mc && dc;
    let mixed = !(ychinese == mc && mc == dc);
    Ok((
        r,
        DateParts {
            year,
            month,
            day,
            chinese,
            zero_padded: mp || dp,
            mixed,
            len: input.len() - r.len(),
        },
    ))
}

/// A whole line that is a date (成文日期), possibly bracketed: （2015年6月30日）.
pub fn date_line(text: &str) -> Option<DateParts> {
    let t = text.trim();
    // a date ends in 日, 号 or a figure, perhaps inside brackets
    if !t.ends_with(|c: char| matches!(c, '日' | '号' | '）' | ')' | '0'..='9' | '０'..='９'))
    {
        return None;
    }
    let inner = t
        .strip_prefix(['（', '('])
        .and_then(|x| x.strip_suffix(['）', ')']))
        .unwrap_or(t);
    match date(inner) {
        Ok((rest, d)) if rest.trim().is_empty() => Some(d),
        _ => numeric_date(inner).filter(|d| d.len == inner.len()),
    }
}

/// The 版头 element a whole line is, by its form alone: a 份号 (six figures), a 密级 with its
/// 保密期限 (绝密, 机密 or 秘密, then ★ and the period), a 紧急程度 (特急, 加急), or a
/// 签发人 line (签发人：张三　李四).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum HeadElement {
    /// 份号.
    CopyNumber,
    /// 密级和保密期限.
    Secrecy,
    /// 紧急程度.
    Urgency,
    /// 签发人.
    Signer,
}

/// What 版头 element the line `text` is, if any.
pub fn head_element(text: &str) -> Option<HeadElement> {
    let t = text.trim();
    let n = t.chars().count();
    if n == 6
        && t.chars()
            .all(|c| c.is_ascii_digit() || ('０'..='９').contains(&c))
    {
        return Some(HeadElement::CopyNumber);
    }
    if let Some(rest) = ["绝密", "机密", "秘密"]
        .iter()
        .find_map(|w| t.strip_prefix(w))
    {
        let rest = rest.trim_start();
        let period = rest.strip_prefix(['★', '*', '☆']);
        // the period: a few characters (1年, 长期, 6个月), no sentence
        let ok = match period {
            _ if rest.is_empty() => true,
            Some(p) => p.chars().count() <= 8 && !p.contains(['。', '，', '、']),
            None => false,
        };
        if ok {
            return Some(HeadElement::Secrecy);
        }
    }
    if matches!(t, "特急" | "加急" | "特提" | "平急") {
        return Some(HeadElement::Urgency);
    }
    if let Some(rest) = t.strip_prefix("签发人") {
        let names = rest.trim_start().strip_prefix(['：', ':'])?.trim();
        if !names.is_empty() && names.chars().count() <= 30 && !names.contains(['。', '，']) {
            return Some(HeadElement::Signer);
        }
    }
    None
}

/// An upward document's 发文字号 line with its 签发人 on the right (`×发〔2025〕3号　　签发人：张三`):
/// the byte end of the 发文字号, the byte start of the 签发人, and the 发文字号's parts.
pub fn doc_number_and_signer(text: &str) -> Option<(usize, usize, DocNumberParts)> {
    let at = text.find("签发人")?;
    let left = text[..at].trim_end();
    if left.len() == at {
        // the two are spaced apart
        return None;
    }
    let (rest, parts) = doc_number(left).ok()?;
    if !rest.trim().is_empty() || head_element(&text[at..]) != Some(HeadElement::Signer) {
        return None;
    }
    Some((left.len(), at, parts))
}

/// A whole line that is a year and a month (`2024年7月`, `二〇二四年七月`): a 落款's date
/// without a day. Its `day` is 0.
pub fn month_date_line(text: &str) -> Option<DateParts> {
    let t = text.trim();
    let (r, (year, ychinese)) = match arabic(t) {
        Ok((r, y)) if (1000..=2999).contains(&y) => (r, (y, false)),
        _ => {
            let (r, y) = cn_digits(t).ok()?;
            if !(1000..=2999).contains(&y) {
                return None;
            }
            (r, (y, true))
        }
    };
    let r = r.trim_start_matches(' ').strip_prefix('年')?;
    let (r, (month, mc, mp)) = num_part(r).ok()?;
    let r = r.trim_start_matches(' ').strip_prefix('月')?;
    if !r.is_empty() || !(1..=12).contains(&month) {
        return None;
    }
    Some(DateParts {
        year,
        month,
        day: 0,
        chinese: ychinese && mc,
        zero_padded: mp,
        mixed: ychinese != mc,
        len: t.len(),
    })
}

/// A date written with figures and one separator: `2024-03-12`, `2024/3/12`, `2024.03.12`.
pub fn numeric_date(text: &str) -> Option<DateParts> {
    let (r, year) = arabic(text).ok()?;
    if !(1000..=2999).contains(&year) {
        return None;
    }
    let sep = r.chars().next().filter(|c| matches!(c, '-' | '/' | '.'))?;
    let r = &r[1..];
    let (r2, month) = arabic(r).ok()?;
    let mp = r.len() - r2.len() == 2 && r.starts_with('0');
    let r2 = r2.strip_prefix(sep)?;
    let (r3, day) = arabic(r2).ok()?;
    let dp = r2.len() - r3.len() == 2 && r2.starts_with('0');
    if !(1..=12).contains(&month) || !(1..=31).contains(&day) {
        return None;
    }
    Some(DateParts {
        year,
        month,
        day,
        chinese: false,
        zero_padded: mp || dp,
        mixed: false,
        len: text.len() - r3.len(),
    })
}

/// Whether a date (2023年1月5日, 2023-01-05) appears anywhere in `text`.
pub fn contains_date(text: &str) -> bool {
    let b = text.as_bytes();
    // ISO-like 2023-01-08
    if b.windows(10).any(|w| {
        w[..4].iter().all(u8::is_ascii_digit)
            && w[4] == b'-'
            && w[5..7].iter().all(u8::is_ascii_digit)
            && w[7] == b'-'
            && w[8..].iter().all(u8::is_ascii_digit)
    }) {
        return true;
    }
    text.char_indices()
        .any(|(i, c)| (c.is_ascii_digit() || cn_digit_char(c)) && date(&text[i..]).is_ok())
}

fn cn_digit_char(c: char) -> bool {
    super::numeral::cn_digit(c).is_some()
}

/// The 印发 line of the 版记: `国务院办公厅 2018年12月7日印发`.
pub fn imprint_line(text: &str) -> bool {
    let t = text.trim_end();
    let Some(body) = t.strip_suffix("印发") else {
        return false;
    };
    // a date right before 印发
    body.char_indices().any(|(i, _)| {
        date(&body[i..])
            .map(|(r, _)| r.trim().is_empty())
            .unwrap_or(false)
    })
}

/// Recognise an attachment line: 附件 / 附件1 / 附件一 / 附： (labels) and 附件：… (the note).
/// Returns the kind and the byte range of the colon when one is written.
pub fn attachment(text: &str) -> Option<(AttachmentKind, Option<(usize, usize)>)> {
    let t = text.trim_end();
    let r = if let Some(r) = t.strip_prefix("附件") {
        r
    } else if let Some(r) = t.strip_prefix('附') {
        return match r {
            "：" | ":" => Some((AttachmentKind::Label, Some((3, 3 + r.len())))),
            _ => None,
        };
    } else {
        return None;
    };
    // optional number
    let after_num = match arabic(r) {
        Ok((x, _)) => x,
        Err(_) => match cn_numeral(r) {
            Ok((x, _)) => x,
            Err(_) => r,
        },
    };
    let colon_at = t.len() - after_num.len();
    if after_num.is_empty() {
        return Some((AttachmentKind::Label, None));
    }
    let (rest, clen) = if let Some(x) = after_num.strip_prefix('：') {
        (x, '：'.len_utf8())
    } else if let Some(x) = after_num.strip_prefix(':') {
        (x, 1)
    } else {
        return None;
    };
    let colon = Some((colon_at, colon_at + clen));
    if rest.trim().is_empty() {
        Some((AttachmentKind::Label, colon))
    } else {
        Some((AttachmentKind::Note, colon))
    }
}

/// An appendix's title line, `附录1.数据格式说明`, `附录A：巡视流程图`, `附录二　名单`: 附录, a
/// number or letter, a separator, and the title; or 附： and a title that is no numbered item. Returns the byte length of the label with its
/// separator, and the appendix's number when it is written in figures or Chinese numerals (A is
/// 1). The title must be there and read like one: at most 40 characters, no sentence end.
///
/// ```text
/// use gongwen::grammar::element::appendix;
/// assert_eq!(appendix("附录1.数据格式说明"), Some((8, Some(1))));
/// assert_eq!(appendix("附录B：管理巡视报告"), Some((10, Some(2))));
/// assert_eq!(appendix("附录：本办法所称的单位包括机关。"), None);
/// ```
pub fn appendix(text: &str) -> Option<(usize, Option<u32>)> {
    // 附：课程具体安排, one attached part named after a colon (附：1.… is an attachment note)
    if let Some(r) = text
        .strip_prefix("附：")
        .or_else(|| text.strip_prefix("附:"))
    {
        let title = r.trim_start_matches([' ', '\u{3000}']);
        let chars = title.trim_end().chars().count();
        let numbered = title.starts_with(|c: char| c.is_ascii_digit() || c == '（' || c == '(');
        return ((2..=30).contains(&chars) && !numbered && !title.contains(['。', '；', '，']))
            .then_some((text.len() - title.len(), None));
    }
    let r = text.strip_prefix("附录")?;
    let (after, n) = if let Ok((x, n)) = arabic(r) {
        (x, Some(n))
    } else if let Ok((x, n)) = cn_numeral(r) {
        (x, Some(n))
    } else {
        match r.chars().next() {
            Some(c @ 'A'..='Z') => (&r[1..], Some(c as u32 - 'A' as u32 + 1)),
            _ => (r, None),
        }
    };
    let title = after.trim_start_matches(['：', ':', '.', '．', '、', ' ', '\u{3000}', '\t']);
    // a separator is needed after a letter (附录Ab is no label) and after no number at all
    if title.len() == after.len()
        && n.is_none_or(|_| after.starts_with(|c: char| c.is_ascii_alphanumeric()))
    {
        return None;
    }
    let chars = title.trim_end().chars().count();
    if !(2..=40).contains(&chars) || title.contains(['。', '；', '！', '？']) {
        return None;
    }
    Some((text.len() - title.len(), n))
}

/// A 令's or 纪要's number, a line of its own: 第 + figures (Arabic or Chinese) + 号 or 期,
/// maybe in brackets (（第12期）).
///
/// ```text
/// 第8号  （第十二期）  第12期      not: 第八条  第8号文件
/// ```
pub fn serial(text: &str) -> bool {
    let t = text.trim();
    let t = t
        .strip_prefix(['（', '('])
        .and_then(|x| x.strip_suffix(['）', ')']))
        .unwrap_or(t);
    let Some(inner) = t
        .strip_prefix('第')
        .and_then(|x| x.strip_suffix(['号', '期']))
    else {
        return false;
    };
    !inner.is_empty()
        && inner.chars().count() <= 8
        && inner.chars().all(|c| {
            c.is_ascii_digit()
                || ('０'..='９').contains(&c)
                || "〇零一二三四五六七八九十百千".contains(c)
        })
}

/// 抄送：… (the copy-to line of the 版记).
pub fn copy_to(text: &str) -> bool {
    let t = text.trim_start();
    t.starts_with("抄送：") || t.starts_with("抄送:") || t.starts_with("抄报：")
}

/// 附注 such as （此件公开发布）.
pub fn note(text: &str) -> bool {
    let t = text.trim();
    (t.starts_with('（') || t.starts_with('(')) && t.contains("此件") && t.chars().count() <= 20
}

/// A 主送机关 line: ends with a colon, no full stop inside, not too long.
pub fn addressee(text: &str) -> bool {
    let t = text.trim();
    let Some(body) = t.strip_suffix('：').or_else(|| t.strip_suffix(':')) else {
        return false;
    };
    let n = body.chars().count();
    if n == 0 || n > 120 || body.contains(['。', '；', '！', '？', '：']) {
        return false;
    }
    // lead-ins to a list end with a verb or 是/如下/下列; addressees end with an organ or a group
    let lead_in = [
        "是", "如下", "下列", "以下", "为", "有", "包括", "规定", "指出", "认为", "提出", "要求",
        "意见", "内容", "原则", "工作", "情况", "措施", "目标",
    ];
    if lead_in.iter().any(|w| body.ends_with(w)) {
        return false;
    }
    body.starts_with('各')
        || body.ends_with("代表")
        || body.ends_with("同志们")
        || body.ends_with("同事")
        || body.ends_with("委员")
        || [
            "政府",
            "机构",
            "部门",
            "单位",
            "委员会",
            "厅",
            "局",
            "部",
            "委",
            "办",
            "院",
            "会",
            "省",
            "市",
            "县",
            "区",
            "公司",
            "中心",
            "学校",
            "党委",
            "党组",
            "支部",
            "办公室",
            "国务院",
        ]
        .iter()
        .any(|w| body.ends_with(w))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn serials_are_a_number_between_di_and_hao_or_qi() {
        for t in ["第8号", "第12期", "（第十二期）", "(第3期)", "第１２期"] {
            assert!(serial(t), "{t}");
        }
        for t in [
            "第八条",
            "第8号文件",
            "第号",
            "8号",
            "第8号令",
            "第一百二十三万四千五百六十七号",
        ] {
            assert!(!serial(t), "{t}");
        }
    }

    #[test]
    fn appendix_titles() {
        assert_eq!(appendix("附录1.数据格式说明"), Some((8, Some(1))));
        assert_eq!(appendix("附录B：管理巡视报告"), Some((10, Some(2))));
        assert_eq!(appendix("附录二　名单"), Some((12, Some(2))));
        assert_eq!(appendix("附录：本办法所称的单位包括机关。"), None);
        assert_eq!(appendix("附录数"), None);
        assert_eq!(appendix("附录1"), None);
        assert_eq!(appendix("附：课程具体安排"), Some((6, None)));
        assert_eq!(appendix("附：1.参会人员名单"), None);
    }

    #[test]
    fn example_doc_number() {
        use crate::grammar::element::doc_number;
        let (_, d) = doc_number("国办发〔2018〕123号").unwrap();
        assert_eq!(
            (d.agency.as_str(), d.year.as_str(), d.serial.as_str()),
            ("国办发", "2018", "123")
        );
        let (_, d) = doc_number("劳社部发[2008]3号").unwrap();
        assert_eq!(d.brackets, ('[', ']'));
        assert!(doc_number("国办发〔2018〕123号文件精神").is_err());
    }

    #[test]
    fn example_date() {
        use crate::grammar::element::date;
        let (_, d) = date("2018年12月7日").unwrap();
        assert_eq!((d.year, d.month, d.day, d.chinese), (2018, 12, 7, false));
        let (_, d) = date("二〇〇四年八月十二日").unwrap();
        assert_eq!((d.year, d.month, d.day, d.chinese), (2004, 8, 12, true));
        assert!(date("2023年01月05日").unwrap().1.zero_padded);
    }

    #[test]
    fn example_numeric_date() {
        use crate::grammar::element::numeric_date;
        let d = numeric_date("2024-03-12").unwrap();
        assert_eq!((d.year, d.month, d.day, d.zero_padded), (2024, 3, 12, true));
        assert!(numeric_date("2024/3/9").is_some());
        assert!(numeric_date("2024-13-01").is_none());
        assert!(numeric_date("2024-03/12").is_none());
        assert!(numeric_date("1.2.3").is_none());
    }

    #[test]
    fn example_contains_date() {
        assert!(crate::grammar::element::contains_date(
            "2023-01-08中共绍兴市委政法委课题组"
        ));
        assert!(crate::grammar::element::contains_date(
            "（2015年11月16日，安塔利亚）"
        ));
        assert!(!crate::grammar::element::contains_date("第二十条"));
    }

    #[test]
    fn example_attachment() {
        use crate::grammar::element::{attachment, AttachmentKind};
        assert_eq!(attachment("附件").map(|a| a.0), Some(AttachmentKind::Label));
        assert_eq!(
            attachment("附件2").map(|a| a.0),
            Some(AttachmentKind::Label)
        );
        assert_eq!(attachment("附：").map(|a| a.0), Some(AttachmentKind::Label));
        assert_eq!(
            attachment("附件：1.名单").map(|a| a.0),
            Some(AttachmentKind::Note)
        );
        assert_eq!(attachment("附件:名单").unwrap().1, Some((6, 7)));
        assert_eq!(attachment("附件是"), None);
    }

    #[test]
    fn example_addressee() {
        use crate::grammar::element::addressee;
        assert!(addressee(
            "各省、自治区、直辖市人民政府，国务院各部委、各直属机构："
        ));
        assert!(addressee("各位代表："));
        assert!(!addressee("今年经济社会发展的主要预期目标是："));
    }

    #[test]
    fn doc_numbers() {
        assert!(doc_number("国发〔2018〕43号").is_ok());
        assert!(doc_number("法［2004］96号").is_ok());
        let (_, d) = doc_number("京政发（18）第01号").unwrap();
        assert_eq!(
            (d.year.as_str(), d.di, d.serial.as_str()),
            ("18", true, "01")
        );
        assert!(doc_number("〔2018〕43号").is_err());
    }

    #[test]
    fn dates() {
        assert!(date_line("2021年11月14日").is_some());
        assert!(date_line("（2016年1月12日）").is_some());
        assert!(date_line("2018 年11 月12 日").is_some());
        assert!(date_line("2023年13月1日").is_none());
        assert!(date_line("2021年11月14日印发").is_none());
        assert!(imprint_line("广东省生态环境厅办公室 2021年11月14日印发"));
        let d = date_line("二〇一二年7月1日").unwrap();
        assert!(d.mixed);
    }

    #[test]
    fn numeric_dates_are_whole_date_lines() {
        assert!(date_line("2024-03-12").is_some());
        use HeadElement::*;
        for (t, k) in [
            ("000123", CopyNumber),
            ("０００１２３", CopyNumber),
            ("机密★1年", Secrecy),
            ("绝密★长期", Secrecy),
            ("秘密", Secrecy),
            ("特急", Urgency),
            ("签发人：张三　李四", Signer),
        ] {
            assert_eq!(head_element(t), Some(k), "{t}");
        }
        for t in [
            "0001234",
            "12345",
            "机密文件的管理",
            "秘密★请注意保管，不得外传。",
            "特急件",
            "签发人",
            "特急通知",
        ] {
            assert_eq!(head_element(t), None, "{t}");
        }
        let (end, at, _) = doc_number_and_signer("江发改〔2025〕9号　　　签发人：李明").unwrap();
        assert_eq!(
            (end, at),
            ("江发改〔2025〕9号".len(), "江发改〔2025〕9号　　　".len())
        );
        assert!(doc_number_and_signer("江发改〔2025〕9号签发人：李明").is_none());
        assert!(doc_number_and_signer("江发改〔2025〕9号文件　签发人：李明").is_none());
        let d = month_date_line("2024年7月").unwrap();
        assert_eq!((d.year, d.month, d.day), (2024, 7, 0));
        assert!(month_date_line("二〇二四年七月").is_some_and(|d| d.chinese));
        for t in [
            "2024年13月",
            "2024年7月1日",
            "2024年7月份",
            "2024年",
            "第2024年7月",
        ] {
            assert!(month_date_line(t).is_none(), "{t}");
        }
        assert!(date_line("（2024/3/12）").is_some());
        assert!(date_line("2024-03-12 来源").is_none());
        assert!(date_line("1.2.3").is_none());
        assert!(numeric_date("2024-3-32").is_none());
    }

    #[test]
    fn misc() {
        assert!(copy_to("抄送：省委各部门。"));
        assert!(note("（此件公开发布）"));
        assert!(!note("（根据直播整理）"));
        assert!(addressee("国务院："));
        assert!(addressee("辽宁省人民政府："));
        assert!(!addressee(
            "为此，在地震重点监视防御区应切实抓好以下几方面工作："
        ));
    }
}

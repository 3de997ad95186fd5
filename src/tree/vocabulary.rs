//! The words the tree is written in: marker and point families, chrome, elision and attachment
//! kinds, and the parts of a 发文字号 and of a date. The grammar recognises them; the tree and
//! every writer name them.

use serde::{Deserialize, Serialize};

/// The kind of numbering a marker belongs to.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize, PartialOrd, Ord)]
#[serde(rename_all = "kebab-case")]
pub enum Family {
    /// 第一篇, above 编 and 部分 (a plan's or a handbook's volumes, a collection's documents)
    Volume,
    /// 第一编 / 第一部分
    Part,
    /// 第一分编, between 编 and 章 in a code
    SubPart,
    /// 第一章
    Chapter,
    /// 第一节
    Section,
    /// 第一条
    Article,
    /// A heading with no number.
    Unnumbered,
    /// 一、
    CnComma,
    /// （一）
    CnParen,
    /// 1.
    ArabicDot,
    /// 1.1
    Decimal2,
    /// 1.1.1 and deeper
    Decimal3,
    /// （1）
    ArabicParen,
    /// ①
    Circled,
}

impl Family {
    /// Default depth in the GB/T 9704 order (一、→（一）→1.→（1）→①) or the statute order
    /// (编→章→节→条). Lower is higher in the hierarchy.
    pub fn gbt_rank(self) -> u8 {
        if let Some(level) = self.gbt_level() {
            return level;
        }
        match self {
            Family::Volume | Family::Part | Family::SubPart | Family::Unnumbered => 0,
            Family::Chapter => 1,
            Family::Section | Family::Decimal2 => 2,
            Family::Article | Family::Decimal3 => 3,
            Family::Circled => 5,
            Family::CnComma | Family::CnParen | Family::ArabicDot | Family::ArabicParen => 0,
        }
    }

    /// The level GB/T 9704-2012 clause 7.3.3 gives the family: 一、 is 1, （一） 2, 1. 3 and
    /// （1） 4; no other family has one.
    ///
    /// ```
    /// use gongwen::tree::Family;
    /// assert_eq!(Family::ArabicDot.gbt_level(), Some(3));
    /// assert_eq!(Family::Circled.gbt_level(), None);
    /// ```
    pub fn gbt_level(self) -> Option<u8> {
        match self {
            Family::CnComma => Some(1),
            Family::CnParen => Some(2),
            Family::ArabicDot => Some(3),
            Family::ArabicParen => Some(4),
            _ => None,
        }
    }
    /// True for 编/分编/章/节/条.
    pub fn is_statute(self) -> bool {
        matches!(
            self,
            Family::Volume
                | Family::Part
                | Family::SubPart
                | Family::Chapter
                | Family::Section
                | Family::Article
        )
    }

    /// Depth in the statute order 篇 → 编 → 分编 → 章 → 节 → 条 (lower is higher); `None` for
    /// the other families.
    pub fn statute_depth(self) -> Option<u8> {
        Some(match self {
            Family::Volume => 0,
            Family::Part => 1,
            Family::SubPart => 2,
            Family::Chapter => 3,
            Family::Section => 4,
            Family::Article => 5,
            _ => return None,
        })
    }
    /// Whether a marker of this family numbered `ordinal` goes on from a ①… run whose last
    /// marker is `prev`: ①…⑩ then （11） or 11., a list numbered past the circled characters.
    pub(crate) fn continues_circled(self, ordinal: u32, prev: (Family, u32)) -> bool {
        matches!(self, Family::ArabicParen | Family::ArabicDot)
            && prev.0 == Family::Circled
            && prev.1.checked_add(1) == Some(ordinal)
    }

    /// The canonical way to write ordinal `n` in this family.
    pub fn render(self, n: u32) -> String {
        match self {
            Family::CnComma => format!("{}、", cn_render(n)),
            Family::CnParen => format!("（{}）", cn_render(n)),
            Family::ArabicDot => format!("{n}."),
            Family::ArabicParen => format!("（{n}）"),
            Family::Circled => Numerals::Circled.render(n),
            Family::Volume => format!("第{}篇", cn_render(n)),
            Family::Part => format!("第{}部分", cn_render(n)),
            Family::SubPart => format!("第{}分编", cn_render(n)),
            Family::Chapter => format!("第{}章", cn_render(n)),
            Family::Section => format!("第{}节", cn_render(n)),
            Family::Article => format!("第{}条", cn_render(n)),
            Family::Decimal2 | Family::Decimal3 => n.to_string(),
            Family::Unnumbered => String::new(),
        }
    }
}

/// How a number is written in a marker.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Numerals {
    /// 1 2 3
    Ascii,
    /// １ ２ ３
    FullWidth,
    /// 一 二 三
    Chinese,
    /// ① ② ③
    Circled,
}

impl Numerals {
    /// How the numeral character `c` writes its number; `None` when `c` is no numeral.
    pub(crate) fn of(c: char) -> Option<Numerals> {
        if c.is_ascii_digit() {
            Some(Numerals::Ascii)
        } else if ('０'..='９').contains(&c) {
            Some(Numerals::FullWidth)
        } else if cn_digit(c).is_some() || matches!(c, '十' | '百' | '拾' | '佰') {
            Some(Numerals::Chinese)
        } else if ('①'..='⑳').contains(&c) {
            Some(Numerals::Circled)
        } else {
            None
        }
    }

    /// `n` written this way (circled numbers go from ① to ⑳).
    pub(crate) fn render(self, n: u32) -> String {
        match self {
            Numerals::Ascii => n.to_string(),
            Numerals::FullWidth => n
                .to_string()
                .chars()
                .map(|c| char::from_u32(c as u32 - '0' as u32 + '０' as u32).unwrap_or(c))
                .collect(),
            Numerals::Chinese => cn_render(n),
            Numerals::Circled => char::from_u32('①' as u32 + n.clamp(1, 20) - 1)
                .map(String::from)
                .unwrap_or_default(),
        }
    }
}

/// Value of a Chinese digit character, `〇`/`零` as 0, `两` as 2.
pub(crate) fn cn_digit(c: char) -> Option<u32> {
    Some(match c {
        '〇' | '零' | 'Ｏ' => 0,
        '一' | '壹' => 1,
        '二' | '贰' | '两' => 2,
        '三' | '叁' => 3,
        '四' | '肆' => 4,
        '五' | '伍' => 5,
        '六' | '陆' => 6,
        '七' | '柒' => 7,
        '八' | '捌' => 8,
        '九' | '玖' => 9,
        _ => return None,
    })
}

/// Write `n` (1‥9999) as a Chinese numeral: 1 → 一, 10 → 十, 21 → 二十一, 105 → 一百零五,
/// 1010 → 一千零一十 (the article numbers of a code go past 一千).
pub(crate) fn cn_render(n: u32) -> String {
    const D: [&str; 10] = ["零", "一", "二", "三", "四", "五", "六", "七", "八", "九"];
    let n = n.min(9999);
    let (k, h, t, u) = (n / 1000, (n / 100) % 10, (n / 10) % 10, n % 10);
    let mut s = String::new();
    if k > 0 {
        s.push_str(D[k as usize]);
        s.push('千');
        if h == 0 && (t > 0 || u > 0) {
            s.push('零');
        }
    }
    if h > 0 {
        s.push_str(D[h as usize]);
        s.push('百');
        if t == 0 && u > 0 {
            s.push('零');
        }
    }
    if t > 0 {
        // 十二 alone, but 一百一十二 and 一千零一十
        if n >= 20 {
            s.push_str(D[t as usize]);
        }
        s.push('十');
    }
    if u > 0 || n == 0 {
        s.push_str(D[u as usize]);
    }
    s
}

/// The kind of point series.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum PointFamily {
    /// 一是
    Shi,
    /// 一要
    Yao,
    /// 第一，
    Di,
    /// 其一，
    Qi,
    /// 首先，其次，再次，最后，
    Sequence,
    /// ——
    Dash,
}

/// What a chrome line is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum ChromeKind {
    /// A navigation block heading: 最新信息, 热点排行 …
    NavHeading,
    /// A navigation item: `- C2670 提升安全生产能力调11-21`.
    NavItem,
    /// The site's category line above the catalogue line: 调研报告.
    Category,
    /// Catalogue code and listing title: `B10770 枫桥经验调研报告`.
    Catalogue,
    /// Author and declared size: `吴咲呓 全文6028字 30片`.
    Stats,
    /// Paywall and preview notices: 以上为免费阅读内容…, 还剩13页未读…
    Paywall,
    /// Page controls: 下载 打印 收藏 【字号：…】 …
    Control,
    /// Source and time lines: 来源：…, 发表时间：…
    Source,
    /// Page thumbnails: `…_第1页`.
    Thumbnail,
    /// A listing line that names a file: `商务公文写作教程.docx`.
    FileName,
    /// Markup with no text: front-matter fences, `:::` containers, comments.
    Markup,
    /// Front matter key/value lines other than the title.
    FrontMatter,
}

/// What an elision looks like.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum ElisionKind {
    /// `...` (ASCII dots)
    Dots,
    /// `……` / `⋯⋯`
    Ellipsis,
    /// `。。。`
    Stops,
    /// `···`
    MiddleDots,
    /// A notice: `（略）`, `（本文有删减）`, `(…省略854字…)`, `（未完，全文共6831字）`.
    Notice,
}

/// What kind of attachment line.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum AttachmentKind {
    /// 附件：1.×××× — the 附件说明 under the body.
    Note,
    /// 附件 / 附件1 / 附： — the label over an attached document.
    Label,
}

/// A 发文字号 such as 国办发〔2018〕123号, with what was written.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct DocNumberParts {
    /// 机关代字 (国办发).
    pub agency: String,
    /// The year as written (2018, or 18).
    pub year: String,
    /// The brackets as written (〔〕 is correct).
    pub brackets: (char, char),
    /// The serial number as written (123, 01).
    pub serial: String,
    /// Whether 第 stands before the serial.
    pub di: bool,
    /// Byte offsets within the parsed text: (open bracket, after close bracket, serial start, 号 start).
    #[serde(skip)]
    pub(crate) offsets: (usize, usize, usize, usize),
}

/// A date as written: 2023年11月21日, 2023年01月05日, 二〇二三年十一月二十一日.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct DateParts {
    /// Year.
    pub year: u32,
    /// Month.
    pub month: u32,
    /// Day.
    pub day: u32,
    /// Written in Chinese numerals.
    pub chinese: bool,
    /// Month or day written with a leading zero (01).
    pub zero_padded: bool,
    /// Arabic and Chinese numerals mixed.
    pub mixed: bool,
    /// Byte length of the date.
    #[serde(skip)]
    pub(crate) len: usize,
}

#[cfg(test)]
mod tests {
    use super::cn_render;

    #[test]
    fn chinese_numerals_are_written_up_to_nine_thousand_nine_hundred_and_ninety_nine() {
        for (n, s) in [
            (1, "一"),
            (10, "十"),
            (12, "十二"),
            (20, "二十"),
            (105, "一百零五"),
            (110, "一百一十"),
            (999, "九百九十九"),
            (1000, "一千"),
            (1001, "一千零一"),
            (1010, "一千零一十"),
            (1100, "一千一百"),
            (1260, "一千二百六十"),
            (9999, "九千九百九十九"),
        ] {
            assert_eq!(cn_render(n), s, "{n}");
            assert_eq!(crate::grammar::numeral::cn_value(s), Some(n), "{s}");
        }
    }
}

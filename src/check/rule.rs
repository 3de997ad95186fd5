//! The rules as a type: one [`Rule`] variant per rule, with its stable code (GW101), its
//! kebab-case name (numbering-gap), its default severity, whether it offers a fix, and one
//! line saying what it checks in Chinese and in English.
//!
//! A rule is emitted, configured and suppressed through this type, so a code that does not
//! exist cannot be written; codes and names as text are read only where people write them
//! (`gongwen.toml`, `<!-- gongwen-disable … -->`), through [`Rule::from_key`].

use super::Severity;
use serde::{Serialize, Serializer};
use std::fmt;
use std::str::FromStr;

/// What the table below says of one rule.
struct Info {
    code: &'static str,
    name: &'static str,
    severity: Severity,
    fixable: bool,
    zh: &'static str,
    en: &'static str,
}

/// The enum, [`Rule::ALL`] and the table behind the accessors, from one row per rule:
/// `Variant = "code", "name", Severity, fixable, "中文", "English";`.
macro_rules! rules {
    ($($variant:ident = $code:literal, $name:literal, $sev:ident, $fix:literal,
        $zh:literal, $en:literal;)*) => {
        /// A check rule. Variants are in code order, so sorting by `Rule` sorts by code.
        ///
        /// It serializes as its code, the form every output format shows:
        ///
        /// ```
        /// use gongwen::check::Rule;
        /// assert_eq!(serde_json::to_string(&Rule::LevelSkip).unwrap(), "\"GW111\"");
        /// assert_eq!(Rule::LevelSkip.to_string(), "GW111");
        /// assert!(Rule::NumberingGap < Rule::Placeholder);
        /// ```
        #[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
        pub enum Rule {
            $(
                #[doc = concat!("`", $code, "` `", $name, "`: ", $en, "（", $zh, "）.")]
                $variant,
            )*
        }

        impl Rule {
            /// Every rule, in code order.
            ///
            /// ```
            /// use gongwen::check::Rule;
            /// assert_eq!(Rule::ALL[0], Rule::NumberingGap);
            /// assert!(Rule::ALL.windows(2).all(|w| w[0].code() < w[1].code()));
            /// ```
            pub const ALL: &'static [Rule] = &[$(Rule::$variant,)*];

            const fn info(self) -> Info {
                match self {
                    $(Rule::$variant => Info {
                        code: $code,
                        name: $name,
                        severity: Severity::$sev,
                        fixable: $fix,
                        zh: $zh,
                        en: $en,
                    },)*
                }
            }
        }
    };
}

rules! {
    NumberingGap = "GW101", "numbering-gap", Error, true,
        "同级序号跳号", "sibling numbering skips a number";
    NumberingRepeat = "GW102", "numbering-repeat", Error, true,
        "同级序号重复或倒序", "sibling numbering repeats or goes backwards";
    NumberingStart = "GW103", "numbering-start", Error, true,
        "同级序号不从一（1）开始", "sibling numbering does not start at 一 / 1";
    NumberingRestart = "GW104", "numbering-restart", Error, true,
        "序号在同一上级下重新开始", "numbering restarts without a new parent";
    LevelSkip = "GW111", "level-skip", Warning, false,
        "层次序数跳级使用", "a level is used without its parent level";
    UnexpectedFamily = "GW112", "unexpected-family", Warning, false,
        "使用了本单位规范之外的序号形式", "a marker family the house rules do not expect";
    MarkdownDepth = "GW113", "markdown-depth", Info, false,
        "Markdown 标题级别与序号层级不一致", "a Markdown heading's depth disagrees with its numbering";
    MarkerPunctuation = "GW121", "marker-punctuation", Error, true,
        "序号后的标点错误", "wrong punctuation after a marker";
    StrayPunctuation = "GW122", "stray-punctuation", Error, true,
        "括号或圈码序号后多余标点", "stray punctuation after a bracketed or circled marker";
    MissingPunctuation = "GW123", "missing-punctuation", Warning, false,
        "序号后缺少顿号", "no 、 after a 一 marker";
    HalfWidthBrackets = "GW131", "half-width-brackets", Error, true,
        "序号使用半角或混用括号", "half-width or mixed brackets in a marker";
    MixedForms = "GW132", "mixed-forms", Warning, false,
        "同一层级使用多种序号形式", "more than one form for the same level";
    SpaceInMarker = "GW133", "space-in-marker", Error, true,
        "序号中间有空格", "a space inside a 第X条/章 marker";
    HeadingFullStop = "GW141", "heading-full-stop", Warning, true,
        "独立成行的标题末尾有句号", "a stand-alone heading ends in 。";
    StatuteSequence = "GW151", "statute-sequence", Error, false,
        "章、节、编序号不连续", "第X章 / 第X节 numbering is not consecutive";
    ArticleSequence = "GW152", "article-sequence", Error, false,
        "条序号不连续", "第X条 numbering is not consecutive";
    HeadingLost = "GW153", "heading-lost", Warning, false,
        "章、节标题缺失，其余序号无误", "a 第X章 / 第X节 heading is lost; the other numbers are right";
    PointSequence = "GW161", "point-sequence", Warning, true,
        "一是、二是或第一、第二序列跳号或重复", "a 一是 / 第一， series skips or repeats";
    PointSeriesMix = "GW162", "point-series-mix", Warning, false,
        "首先、其次与第一、第二混用", "首先/其次 mixed with 第一/第二 in one series";
    PointPunctuation = "GW163", "point-punctuation", Error, true,
        "第一、应为第一，", "第一、 should be 第一，";
    ListGap = "GW171", "list-gap", Error, true,
        "条文或段落中的列项序号跳号", "a list inside an article or paragraph skips a number";
    ListRepeat = "GW172", "list-repeat", Error, true,
        "列项序号重复或倒序", "a list item repeats a number or goes backwards";
    ListStart = "GW173", "list-start", Error, true,
        "列项序号不从（一）、1开始", "a list does not start at its first number";
    ListPunctuation = "GW174", "list-punctuation", Error, true,
        "列项序号后的标点错误或多余", "wrong or stray punctuation after a list item's marker";
    ListHalfWidthBrackets = "GW175", "list-half-width-brackets", Error, true,
        "列项序号使用半角或混用括号", "half-width or mixed brackets in a list item's marker";
    DocNumberBrackets = "GW201", "doc-number-brackets", Error, true,
        "发文字号年份应使用六角括号〔〕", "发文字号 year brackets must be 〔〕";
    DocNumberYear = "GW202", "doc-number-year", Error, false,
        "发文字号年份应为四位", "发文字号 year must have four digits";
    DocNumberSerial = "GW203", "doc-number-serial", Error, true,
        "发文字号序号不编虚位、不加“第”", "发文字号 serial has a leading zero or 第";
    DateZeroPadded = "GW211", "date-zero-padded", Warning, true,
        "日期月、日不编虚位", "month or day written with a leading zero";
    DateMixedNumerals = "GW212", "date-mixed-numerals", Warning, false,
        "日期混用汉字和阿拉伯数字", "date mixes Chinese and Arabic numerals";
    AttachmentColon = "GW221", "attachment-colon", Error, true,
        "“附件”后应使用全角冒号", "附件 followed by a half-width colon";
    ElidedContent = "GW301", "elided-content", Warning, false,
        "正文有删节或付费提示，内容不完整", "content elided or behind a paywall notice";
    Placeholder = "GW302", "placeholder", Warning, false,
        "文中留有占位符", "a placeholder is left in the text";
    PageSize = "GW401", "page-size", Error, false,
        "纸张应为A4（210 mm×297 mm）", "the page is not A4 (210 mm × 297 mm)";
    PageMargins = "GW402", "page-margins", Error, false,
        "页边距与版心尺寸不符（天头37 mm、订口28 mm，版心156 mm×225 mm）",
        "margins or type area off (top 37 mm, left 28 mm, type area 156 × 225 mm)";
    LinesPerPage = "GW403", "lines-per-page", Warning, false,
        "每页行数不是22行", "not 22 lines a page";
    CharsPerLine = "GW404", "chars-per-line", Warning, false,
        "每行字数不是28字", "not 28 characters a line";
    BodyFace = "GW405", "body-face", Warning, false,
        "正文字体不是仿宋", "body text is not in a 仿宋 face";
    BodySize = "GW406", "body-size", Warning, false,
        "正文字号不是3号（16磅）", "body text is not 3号 (16 pt)";
    TitleFace = "GW407", "title-face", Warning, false,
        "标题字体不是小标宋", "the title is not in a 小标宋 face";
    TitleSize = "GW408", "title-size", Warning, false,
        "标题字号不是2号（22磅）", "the title is not 2号 (22 pt)";
    HeadingFace = "GW409", "heading-face", Warning, false,
        "层次标题字体不符（一级黑体、二级楷体、三四级仿宋）",
        "a heading's face is off (level 1 黑体, 2 楷体, 3–4 仿宋)";
    FirstLineIndent = "GW410", "first-line-indent", Warning, false,
        "正文段落首行未缩进2字", "a body paragraph's first line is not indented 2 characters";
    PageNumberMissing = "GW411", "page-number-missing", Warning, false,
        "页脚没有页码", "no page number in the footers";
    PageNumberForm = "GW412", "page-number-form", Warning, false,
        "页码形式应为“— 1 —”", "the page number is not written — 1 —";
    PageNumberFont = "GW413", "page-number-font", Warning, false,
        "页码不是4号宋体", "the page number is not 4号 (14 pt) 宋体";
    PageNumberPosition = "GW414", "page-number-position", Warning, false,
        "页码位置不符（单页居右空一字，双页居左空一字）",
        "page numbers not odd right, even left, one character in";
    BannerLayout = "GW415", "banner-layout", Error, false,
        "发文机关标志应为红色、居中", "the 发文机关标志 is not red and centred";
}

impl Rule {
    /// The stable code.
    ///
    /// ```
    /// assert_eq!(gongwen::check::Rule::NumberingGap.code(), "GW101");
    /// ```
    pub const fn code(self) -> &'static str {
        self.info().code
    }

    /// The kebab-case name.
    ///
    /// ```
    /// assert_eq!(gongwen::check::Rule::NumberingGap.name(), "numbering-gap");
    /// ```
    pub const fn name(self) -> &'static str {
        self.info().name
    }

    /// The severity when the configuration does not set one.
    ///
    /// ```
    /// use gongwen::check::{Rule, Severity};
    /// assert_eq!(Rule::LevelSkip.default_severity(), Severity::Warning);
    /// ```
    pub const fn default_severity(self) -> Severity {
        self.info().severity
    }

    /// Whether the rule offers a machine-applicable fix (where the repair is mechanical; a
    /// finding of a fixable rule may still come without one).
    ///
    /// ```
    /// use gongwen::check::Rule;
    /// assert!(Rule::NumberingGap.fixable() && !Rule::ArticleSequence.fixable());
    /// ```
    pub const fn fixable(self) -> bool {
        self.info().fixable
    }

    /// What the rule checks, in one line of Chinese.
    ///
    /// ```
    /// assert_eq!(gongwen::check::Rule::NumberingGap.summary_zh(), "同级序号跳号");
    /// ```
    pub const fn summary_zh(self) -> &'static str {
        self.info().zh
    }

    /// What the rule checks, in one line of English.
    ///
    /// ```
    /// let s = gongwen::check::Rule::NumberingGap.summary_en();
    /// assert_eq!(s, "sibling numbering skips a number");
    /// ```
    pub const fn summary_en(self) -> &'static str {
        self.info().en
    }

    /// Look a rule up by code (`GW101`, any case) or name (`numbering-gap`).
    ///
    /// ```
    /// use gongwen::check::Rule;
    /// assert_eq!(Rule::from_key("gw111"), Some(Rule::LevelSkip));
    /// assert_eq!(Rule::from_key("level-skip"), Some(Rule::LevelSkip));
    /// assert_eq!(Rule::from_key("GW999"), None);
    /// ```
    pub fn from_key(key: &str) -> Option<Rule> {
        Rule::ALL
            .iter()
            .copied()
            .find(|r| r.code().eq_ignore_ascii_case(key) || r.name() == key)
    }
}

/// Parse a code or name, as [`Rule::from_key`].
///
/// ```
/// use gongwen::check::Rule;
/// assert_eq!("GW301".parse::<Rule>().unwrap(), Rule::ElidedContent);
/// let e = "GW999".parse::<Rule>().unwrap_err();
/// assert_eq!(e.to_string(), "unknown rule \"GW999\"");
/// ```
impl FromStr for Rule {
    type Err = crate::Error;

    fn from_str(s: &str) -> Result<Rule, crate::Error> {
        Rule::from_key(s).ok_or_else(|| crate::Error::UnknownRule { key: s.to_string() })
    }
}

/// The code.
///
/// ```
/// assert_eq!(format!("{}", gongwen::check::Rule::Placeholder), "GW302");
/// ```
impl fmt::Display for Rule {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

impl Serialize for Rule {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.code())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `NumberingGap` → `numbering-gap`.
    fn kebab(variant: &str) -> String {
        let mut out = String::new();
        for c in variant.chars() {
            if c.is_ascii_uppercase() && !out.is_empty() {
                out.push('-');
            }
            out.push(c.to_ascii_lowercase());
        }
        out
    }

    #[test]
    fn the_table_is_consistent() {
        assert_eq!(Rule::ALL.len(), 48);
        for w in Rule::ALL.windows(2) {
            assert!(w[0] < w[1] && w[0].code() < w[1].code(), "{w:?}");
        }
        for &r in Rule::ALL {
            let c = r.code();
            assert!(
                c.len() == 5 && c.starts_with("GW") && c[2..].bytes().all(|b| b.is_ascii_digit()),
                "{c}"
            );
            assert_eq!(r.name(), kebab(&format!("{r:?}")), "{c}");
            assert_eq!(Rule::from_key(c), Some(r));
            assert_eq!(Rule::from_key(&c.to_ascii_lowercase()), Some(r));
            assert_eq!(Rule::from_key(r.name()), Some(r));
            assert_eq!(c.parse::<Rule>().ok(), Some(r));
            assert!(!r.summary_zh().is_empty() && !r.summary_en().is_empty());
        }
        assert_eq!(Rule::from_key("Numbering-Gap"), None);
        assert_eq!(Rule::from_key(""), None);
    }
}

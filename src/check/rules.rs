//! The rule table: code, name, default severity, whether a fix is offered, and what it checks.

use super::Severity;

/// What a rule is.
#[derive(Clone, Copy, Debug)]
pub struct RuleInfo {
    /// Stable code (GW101).
    pub code: &'static str,
    /// Kebab-case name (numbering-gap).
    pub name: &'static str,
    /// Default severity.
    pub severity: Severity,
    /// Whether the rule offers a machine-applicable fix.
    pub fixable: bool,
    /// One line in Chinese.
    pub summary_zh: &'static str,
    /// One line in English.
    pub summary_en: &'static str,
}

use Severity::{Error as E, Warning as W};

macro_rules! rule {
    ($code:literal, $name:literal, $sev:expr, $fix:literal, $zh:literal, $en:literal) => {
        RuleInfo {
            code: $code,
            name: $name,
            severity: $sev,
            fixable: $fix,
            summary_zh: $zh,
            summary_en: $en,
        }
    };
}

/// Every rule, in code order.
///
/// ```
/// let r = gongwen::check::rule_info("GW101").unwrap();
/// assert_eq!(r.name, "numbering-gap");
/// assert!(gongwen::check::RULES.windows(2).all(|w| w[0].code < w[1].code));
/// ```
pub const RULES: &[RuleInfo] = &[
    rule!(
        "GW101",
        "numbering-gap",
        E,
        true,
        "同级序号跳号",
        "sibling numbering skips a number"
    ),
    rule!(
        "GW102",
        "numbering-repeat",
        E,
        true,
        "同级序号重复或倒序",
        "sibling numbering repeats or goes backwards"
    ),
    rule!(
        "GW103",
        "numbering-start",
        E,
        true,
        "同级序号不从一（1）开始",
        "sibling numbering does not start at 一 / 1"
    ),
    rule!(
        "GW104",
        "numbering-restart",
        E,
        true,
        "序号在同一上级下重新开始",
        "numbering restarts without a new parent"
    ),
    rule!(
        "GW111",
        "level-skip",
        W,
        false,
        "层次序数跳级使用",
        "a level is used without its parent level"
    ),
    rule!(
        "GW112",
        "unexpected-family",
        W,
        false,
        "使用了本单位规范之外的序号形式",
        "a marker family the house rules do not expect"
    ),
    rule!(
        "GW121",
        "marker-punctuation",
        E,
        true,
        "序号后的标点错误",
        "wrong punctuation after a marker"
    ),
    rule!(
        "GW122",
        "stray-punctuation",
        E,
        true,
        "括号或圈码序号后多余标点",
        "stray punctuation after a bracketed or circled marker"
    ),
    rule!(
        "GW123",
        "missing-punctuation",
        W,
        false,
        "序号后缺少顿号",
        "no 、 after a 一 marker"
    ),
    rule!(
        "GW131",
        "half-width-brackets",
        E,
        true,
        "序号使用半角或混用括号",
        "half-width or mixed brackets in a marker"
    ),
    rule!(
        "GW132",
        "mixed-forms",
        W,
        false,
        "同一层级使用多种序号形式",
        "more than one form for the same level"
    ),
    rule!(
        "GW141",
        "heading-full-stop",
        W,
        true,
        "独立成行的标题末尾有句号",
        "a stand-alone heading ends in 。"
    ),
    rule!(
        "GW151",
        "statute-sequence",
        E,
        true,
        "章、节、编序号不连续",
        "第X章 / 第X节 numbering is not consecutive"
    ),
    rule!(
        "GW152",
        "article-sequence",
        E,
        false,
        "条序号不连续",
        "第X条 numbering is not consecutive"
    ),
    rule!(
        "GW161",
        "point-sequence",
        W,
        true,
        "一是、二是或第一、第二序列跳号或重复",
        "a 一是 / 第一， series skips or repeats"
    ),
    rule!(
        "GW162",
        "point-series-mix",
        W,
        false,
        "首先、其次与第一、第二混用",
        "首先/其次 mixed with 第一/第二 in one series"
    ),
    rule!(
        "GW163",
        "point-punctuation",
        E,
        true,
        "第一、应为第一，",
        "第一、 should be 第一，"
    ),
    rule!(
        "GW201",
        "doc-number-brackets",
        E,
        true,
        "发文字号年份应使用六角括号〔〕",
        "发文字号 year brackets must be 〔〕"
    ),
    rule!(
        "GW202",
        "doc-number-year",
        E,
        false,
        "发文字号年份应为四位",
        "发文字号 year must have four digits"
    ),
    rule!(
        "GW203",
        "doc-number-serial",
        E,
        true,
        "发文字号序号不编虚位、不加“第”",
        "发文字号 serial has a leading zero or 第"
    ),
    rule!(
        "GW211",
        "date-zero-padded",
        W,
        true,
        "日期月、日不编虚位",
        "month or day written with a leading zero"
    ),
    rule!(
        "GW212",
        "date-mixed-numerals",
        W,
        false,
        "日期混用汉字和阿拉伯数字",
        "date mixes Chinese and Arabic numerals"
    ),
    rule!(
        "GW221",
        "attachment-colon",
        E,
        true,
        "“附件”后应使用全角冒号",
        "附件 followed by a half-width colon"
    ),
    rule!(
        "GW301",
        "elided-content",
        W,
        false,
        "正文有删节或付费提示，内容不完整",
        "content elided or behind a paywall notice"
    ),
    rule!(
        "GW302",
        "placeholder",
        W,
        false,
        "文中留有占位符",
        "a placeholder is left in the text"
    ),
];

/// Look a rule up by code (GW101) or name (numbering-gap).
///
/// ```
/// assert_eq!(gongwen::check::rule_info("level-skip").unwrap().code, "GW111");
/// assert!(gongwen::check::rule_info("GW999").is_none());
/// ```
pub fn rule_info(key: &str) -> Option<&'static RuleInfo> {
    RULES
        .iter()
        .find(|r| r.code.eq_ignore_ascii_case(key) || r.name == key)
}

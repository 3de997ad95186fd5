//! Preview-page chrome: what a web page puts around a document. Navigation blocks, category
//! and catalogue lines, statistics, paywall notices, page controls and source lines.

use crate::tree::ChromeKind;

const NAV_HEADINGS: [&str; 16] = [
    "最新信息",
    "热点排行",
    "相关文章",
    "相关阅读",
    "推荐阅读",
    "热门文章",
    "最新文章",
    "猜你喜欢",
    "相关推荐",
    "热门推荐",
    "最新更新",
    "热门标签",
    "精彩推荐",
    "最新推荐",
    "热门排行",
    "本周热门",
];

const CONTROLS: [&str; 24] = [
    "下载",
    "打印",
    "全屏",
    "收藏",
    "加大",
    "还原",
    "减小",
    "】",
    "分享",
    "关闭",
    "关闭窗口",
    "返回顶部",
    "打印本页",
    "关闭本页",
    "相关报道：",
    "相关报道",
    "编辑",
    "文档简介",
    "下载本文档",
    "【大 中 小】",
    "【字号：",
    "字号：",
    "上一篇",
    "下一篇",
];

/// True for a navigation block heading such as 最新信息.
pub fn nav_heading(text: &str) -> bool {
    NAV_HEADINGS.contains(&text.trim())
}

/// A navigation item: a list bullet, some text, and a trailing `MM-DD` or `YYYY-MM-DD`.
pub fn nav_item(text: &str) -> bool {
    let t = text.trim();
    let Some(body) = t
        .strip_prefix("- ")
        .or_else(|| t.strip_prefix("· "))
        .or_else(|| t.strip_prefix("• "))
        .or_else(|| t.strip_prefix("* "))
    else {
        return false;
    };
    let b = body.as_bytes();
    let n = b.len();
    n > 5
        && b[n - 3] == b'-'
        && b[n - 5..n - 3].iter().all(u8::is_ascii_digit)
        && b[n - 2..].iter().all(u8::is_ascii_digit)
}

/// A catalogue line: an upper-case code and a listing title, `B10770 枫桥经验调研报告`.
/// Returns (code, title).
pub fn catalogue(text: &str) -> Option<(&str, &str)> {
    let t = text.trim();
    let letters = t.bytes().take_while(u8::is_ascii_uppercase).count();
    let digits = t
        .bytes()
        .skip(letters)
        .take_while(u8::is_ascii_digit)
        .count();
    if !(1..=3).contains(&letters) || !(2..=7).contains(&digits) {
        return None;
    }
    let code = &t[..letters + digits];
    let title = t[letters + digits..].trim();
    let n = title.chars().count();
    if n == 0 || n > 40 || title.contains(['。', '，', '；']) {
        return None;
    }
    Some((code, title))
}

/// A statistics line: `吴咲呓 全文6028字 30片`. Returns (author, declared chars, declared pages).
pub fn stats(text: &str) -> Option<(Option<&str>, Option<u32>, Option<u32>)> {
    let t = text.trim();
    let i = t.find("全文")?;
    let after = &t[i + "全文".len()..];
    let after = after.strip_prefix('共').unwrap_or(after);
    let digits: String = after.chars().take_while(char::is_ascii_digit).collect();
    if digits.is_empty() || !after[digits.len()..].starts_with('字') {
        return None;
    }
    let chars = digits.parse().ok();
    let rest = after[digits.len() + '字'.len_utf8()..].trim();
    let pages = {
        let d: String = rest.chars().take_while(char::is_ascii_digit).collect();
        let unit = &rest[d.len()..];
        if !d.is_empty() && (unit.starts_with('片') || unit.starts_with('页')) {
            d.parse().ok()
        } else {
            None
        }
    };
    let author = t[..i].trim();
    if author.chars().count() > 12 {
        return None;
    }
    Some(((!author.is_empty()).then_some(author), chars, pages))
}

/// The characters of a line, hashed into 256 bits: a word whose characters are not all in the
/// set cannot occur in the line, so most key words are ruled out without a substring search.
struct CharSet([u64; 4]);

impl CharSet {
    fn bit(c: char) -> (usize, u64) {
        let h = (c as u32).wrapping_mul(0x9E37_79B1) >> 24;
        ((h >> 6) as usize, 1u64 << (h & 63))
    }

    fn of(text: &str) -> Self {
        let mut s = [0u64; 4];
        for c in text.chars() {
            let (w, b) = Self::bit(c);
            s[w] |= b;
        }
        CharSet(s)
    }

    /// False only when `word` cannot occur in the text.
    #[cfg(test)]
    fn may_contain(&self, word: &str) -> bool {
        self.has(&CharSet::mask(word))
    }

    /// [`CharSet::may_contain`] for a word's mask, made once by [`CharSet::mask`].
    fn has(&self, m: &[u64; 4]) -> bool {
        (0..4).all(|k| self.0[k] & m[k] == m[k])
    }

    /// The bits of a word's characters, hashed as [`CharSet::bit`] does; `const` so that the
    /// key words' masks are made at compile time.
    const fn mask(word: &str) -> [u64; 4] {
        let b = word.as_bytes();
        let mut m = [0u64; 4];
        let mut i = 0;
        while i < b.len() {
            // decode one character of valid UTF-8
            let c0 = b[i] as u32;
            let (c, n) = if c0 < 0x80 {
                (c0, 1)
            } else if c0 < 0xE0 {
                (((c0 & 0x1F) << 6) | (b[i + 1] as u32 & 0x3F), 2)
            } else if c0 < 0xF0 {
                (
                    ((c0 & 0x0F) << 12)
                        | ((b[i + 1] as u32 & 0x3F) << 6)
                        | (b[i + 2] as u32 & 0x3F),
                    3,
                )
            } else {
                (
                    ((c0 & 0x07) << 18)
                        | ((b[i + 1] as u32 & 0x3F) << 12)
                        | ((b[i + 2] as u32 & 0x3F) << 6)
                        | (b[i + 3] as u32 & 0x3F),
                    4,
                )
            };
            let h = c.wrapping_mul(0x9E37_79B1) >> 24;
            m[(h >> 6) as usize] |= 1u64 << (h & 63);
            i += n;
        }
        m
    }

    /// The masks of a list of words.
    const fn masks<const N: usize>(words: [&str; N]) -> [[u64; 4]; N] {
        let mut out = [[0u64; 4]; N];
        let mut k = 0;
        while k < N {
            out[k] = CharSet::mask(words[k]);
            k += 1;
        }
        out
    }
}

/// A paywall or preview notice.
#[cfg(test)]
pub fn paywall(text: &str) -> bool {
    paywall_in(text, &CharSet::of(text))
}

/// The words of a paywall or preview notice.
const PAYWALL_WORDS: [&str; 10] = [
    "以上为免费阅读内容",
    "如需阅读全文",
    "继续免费阅读",
    "页未读",
    "请先登陆",
    "请先登录",
    "开通会员",
    "版权说明",
    "下载本文档",
    "付费阅读",
];

/// [`paywall`] with the characters of `text` already collected.
fn paywall_in(text: &str, set: &CharSet) -> bool {
    const MASKS: [[u64; 4]; 10] = CharSet::masks(PAYWALL_WORDS);
    PAYWALL_WORDS
        .iter()
        .zip(&MASKS)
        .any(|(w, m)| set.has(m) && text.contains(w))
}

/// Where the paywall notice of a line that holds one starts: at the start of the clause that
/// holds its first notice word, after the last sentence end, elision, space or opening bracket
/// before that word. 0 when the notice is the whole line; more when body text comes first
/// ("……正文。以上为免费阅读内容"), which is not the notice's and must not go with it.
pub(crate) fn paywall_start(text: &str) -> Option<usize> {
    let word = PAYWALL_WORDS.iter().filter_map(|w| text.find(w)).min()?;
    let boundary = |c: char| {
        matches!(
            c,
            '。' | '！'
                | '？'
                | '；'
                | ';'
                | '…'
                | '⋯'
                | '.'
                | ' '
                | '\u{3000}'
                | '（'
                | '('
                | '【'
                | '['
        )
    };
    Some(
        text[..word]
            .char_indices()
            .rev()
            .find(|&(_, c)| boundary(c))
            .map_or(0, |(i, c)| {
                // an opening bracket belongs to the notice; a sentence end to the text before
                if matches!(c, '（' | '(' | '【' | '[') {
                    i
                } else {
                    i + c.len_utf8()
                }
            }),
    )
}

/// A page-control line: 下载, 打印, 【字号：, 】, 相关报道： …
pub fn control(text: &str) -> bool {
    let t = text.trim();
    CONTROLS.contains(&t)
        || (t.starts_with("收藏") && t.contains('《'))
        || (t.starts_with("【字号") && t.chars().count() < 16)
}

/// A source/time line: 来源：…, 发表时间：…, 时间：2026-02-12, 发布时间：…, 作者：…,
/// or a bracketed newspaper source such as `《 人民日报 》（ 2016年05月03日 02 版）`.
#[cfg(test)]
pub fn source_line(text: &str) -> bool {
    source_line_in(text, &CharSet::of(text))
}

/// A page's time stamp alone on its line: `2022-07-21 09:17:34`, `2024/03/01 10:20`: a year
/// of four digits, month and day, and a time (a date alone may be the document's own date).
fn timestamp(t: &str) -> bool {
    let mut parts = t.split([' ', '\u{3000}', '\t']).filter(|p| !p.is_empty());
    let Some(date) = parts.next() else {
        return false;
    };
    let fields: Vec<&str> = date.split(['-', '/', '.']).collect();
    let numeric = |f: &&str| !f.is_empty() && f.len() <= 4 && f.bytes().all(|b| b.is_ascii_digit());
    let date_ok = fields.len() == 3 && fields[0].len() == 4 && fields.iter().all(numeric);
    let time_ok = |p: &str| {
        let f: Vec<&str> = p.split(':').collect();
        (2..=3).contains(&f.len()) && f.iter().all(|x| x.len() == 2 && numeric(x))
    };
    let times: Vec<&str> = parts.collect();
    date_ok && !times.is_empty() && times.iter().all(|p| time_ok(p))
}

/// [`source_line`] with the characters of `text` already collected.
fn source_line_in(text: &str, set: &CharSet) -> bool {
    let t = text.trim().trim_start_matches(['(', '（']);
    const KEYS: [&str; 10] = [
        "来源：",
        "来源:",
        "发表时间：",
        "发布时间：",
        "时间：",
        "作者：",
        "责任编辑：",
        "浏览次数",
        "发布日期：",
        "日期：",
    ];
    if KEYS.iter().any(|k| t.starts_with(k)) || timestamp(t) {
        return true;
    }
    const SOURCE: [u64; 4] = CharSet::mask("来源：");
    if set.has(&SOURCE)
        && t.contains("来源：")
        && t.chars().count() < 60
        && (t.contains("时间") || t.contains("20"))
    {
        return true;
    }
    // only a line that opens with 《 can be a newspaper source line; skip the copy otherwise
    if !text.trim_start().starts_with('《') {
        return false;
    }
    let squashed: String = text.chars().filter(|c| !c.is_whitespace()).collect();
    squashed.starts_with('《') && squashed.ends_with("版）") && squashed.chars().count() < 40
}

/// A thumbnail caption: `窗口行业整治工作方案_第1页`.
pub fn thumbnail(text: &str) -> bool {
    let t = text.trim();
    t.ends_with('页')
        && t.contains("_第")
        && t.rsplit("_第")
            .next()
            .is_some_and(|n| n.trim_end_matches('页').chars().all(|c| c.is_ascii_digit()))
}

/// A breadcrumb trail: `当前位置：首页 > 公文 > 正文`, `首页 › 资料`.
#[cfg(test)]
pub fn breadcrumb(text: &str) -> bool {
    let t = text.trim();
    breadcrumb_in(t, t.chars().count(), &CharSet::of(t))
}

/// [`breadcrumb`] on a trimmed `t` of `n` characters whose characters are already collected.
fn breadcrumb_in(t: &str, n: usize, set: &CharSet) -> bool {
    if [
        "当前位置",
        "您的位置",
        "你的位置",
        "您现在的位置",
        "所在位置",
    ]
    .iter()
    .any(|w| t.starts_with(w))
    {
        return true;
    }
    // a trail is short, and has a separator character
    const SEPS: [[u64; 4]; 4] = CharSet::masks([">", "›", "»", "/"]);
    if n > 80 || t.contains('。') || !SEPS.iter().any(|m| set.has(m)) {
        return false;
    }
    let seps = t.matches(" > ").count()
        + t.matches('›').count()
        + t.matches('»').count()
        + t.matches(" / ").count();
    seps >= 2
}

/// Upload and download metadata of document-sharing sites: 上传人, 文档编号, 资源描述,
/// 第1页 / 共23页, 全文预览已结束, 由会员分享 …
#[cfg(test)]
pub fn site_notice(text: &str) -> bool {
    let t = text.trim();
    site_notice_in(t, t.chars().count(), &CharSet::of(t))
}

/// The longest line, in characters, that can be a site notice.
const SITE_NOTICE_MAX: usize = 120;

/// [`site_notice`] on a trimmed `t` of `n` characters whose characters are already collected.
fn site_notice_in(t: &str, n: usize, set: &CharSet) -> bool {
    const MASKS: [[u64; 4]; 16] = CharSet::masks(WORDS);
    const WORDS: [&str; 16] = [
        "由会员分享",
        "上传人",
        "文档编号",
        "上传时间",
        "资源描述",
        "下载资源",
        "点击查看更多",
        "全文预览已结束",
        "资源ID",
        "下载积分",
        "上传文档赚钱",
        "版权申诉",
        "预览已结束",
        "查看全部",
        "阅读全文",
        "收藏本文",
    ];
    if n > SITE_NOTICE_MAX {
        return false;
    }
    if WORDS
        .iter()
        .zip(&MASKS)
        .any(|(w, m)| set.has(m) && t.contains(w))
    {
        return true;
    }
    // 第1页 / 共23页
    if !t.starts_with('第') {
        return false;
    }
    let squashed: String = t.chars().filter(|c| !c.is_whitespace()).collect();
    squashed.starts_with('第') && squashed.contains("页/共") && squashed.ends_with('页')
}

/// A listing line that names a file: `商务公文写作教程.docx`.
pub fn file_name(text: &str) -> bool {
    // the extensions are ASCII: compare the last bytes without a lower-cased copy of the line
    let t = text.trim().as_bytes();
    if !t.last().is_some_and(u8::is_ascii_alphabetic) {
        return false;
    }
    [
        ".docx", ".doc", ".pdf", ".ppt", ".pptx", ".wps", ".txt", ".xls", ".xlsx",
    ]
    .iter()
    .any(|e| t.len() >= e.len() && t[t.len() - e.len()..].eq_ignore_ascii_case(e.as_bytes()))
        && text.trim().chars().count() <= 60
}

/// A site name on a line of its own: 搜档网, 人人文库, 新文秘网.
pub fn site_name(text: &str) -> bool {
    let t = text.trim();
    let n = t.chars().count();
    (2..=8).contains(&n)
        && ["网", "文库", "网站", "在线", "之家", "文档"]
            .iter()
            .any(|s| t.ends_with(s))
}

/// The mask of 全文, which every statistics line holds.
const FULL_TEXT: [u64; 4] = CharSet::mask("全文");

/// Classify a line as chrome on its own, without context.
pub fn classify(text: &str) -> Option<ChromeKind> {
    let t = text.trim();
    if t.is_empty() {
        return None;
    }
    if nav_item(t) {
        return Some(ChromeKind::NavItem);
    }
    // one pass collects the characters; words the set rules out need no search
    let set = CharSet::of(t);
    let n = t.chars().count();
    if paywall_in(t, &set) {
        Some(ChromeKind::Paywall)
    } else if control(t) {
        Some(ChromeKind::Control)
    } else if thumbnail(t) {
        Some(ChromeKind::Thumbnail)
    } else if file_name(t) {
        Some(ChromeKind::FileName)
    } else if breadcrumb_in(t, n, &set) {
        Some(ChromeKind::Control)
    } else if site_notice_in(t, n, &set) {
        Some(ChromeKind::Paywall)
    } else if source_line_in(t, &set) {
        Some(ChromeKind::Source)
    } else if set.has(&FULL_TEXT) && stats(t).is_some() {
        Some(ChromeKind::Stats)
    } else {
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_paywall_notice_starts_at_its_clause() {
        let whole = "以上为免费阅读内容,如需阅读全文,请先登陆";
        assert_eq!(paywall_start(whole), Some(0));
        assert_eq!(
            paywall_start("已阅读5页,还剩13页未读 继续免费阅读"),
            Some(0)
        );
        let t = "二是完善调解网络。以上为免费阅读内容";
        assert_eq!(paywall_start(t), Some("二是完善调解网络。".len()));
        let t = "正文正文……（以上为免费阅读内容）";
        assert_eq!(&t[paywall_start(t).unwrap()..], "（以上为免费阅读内容）");
        assert_eq!(paywall_start("一、总体要求"), None);
    }

    #[test]
    fn file_names_and_thumbnails_are_told_apart() {
        assert_eq!(
            classify("商务公文写作教程.docx"),
            Some(ChromeKind::FileName)
        );
        assert_eq!(classify("工作方案_第1页"), Some(ChromeKind::Thumbnail));
        assert_eq!(classify("关于印发工作方案的通知"), None);
    }

    #[test]
    fn example_nav_item() {
        use crate::grammar::chrome::nav_item;
        assert!(nav_item("- C2670 提升安全生产能力调11-21"));
        assert!(nav_item("- 城市社区基层党建调研报告07-26"));
        assert!(!nav_item("- 加强组织领导"));
    }

    #[test]
    fn example_paywall() {
        use crate::grammar::chrome::paywall;
        assert!(paywall("以上为免费阅读内容,如需阅读全文,请先登陆"));
        assert!(paywall("已阅读5页,还剩13页未读 继续免费阅读"));
        assert!(!paywall("以上意见如无不妥，请批转各地、各部门贯彻执行。"));
    }

    #[test]
    fn example_breadcrumb() {
        use crate::grammar::chrome::breadcrumb;
        assert!(breadcrumb("当前位置:搜档网 › 公文、材料用字及格式"));
        assert!(breadcrumb("首页 > 范文 > 调研报告"));
        assert!(!breadcrumb("收入>支出"));
    }

    #[test]
    fn const_masks_match_the_runtime_hash() {
        for w in [
            "以上为免费阅读内容",
            "来源：",
            "›",
            "»",
            "/",
            "a",
            "·",
            "𠀀字",
        ] {
            let set = CharSet::of(w);
            assert_eq!(set.0, CharSet::mask(w), "{w}");
        }
    }

    #[test]
    fn char_set_never_rules_out_a_present_word() {
        let text = "以上为免费阅读内容,如需阅读全文,请先登陆 abc";
        let set = CharSet::of(text);
        for w in ["以上为免费阅读内容", "请先登陆", "阅读全文", "abc", ""] {
            assert!(set.may_contain(w), "{w}");
        }
        assert!(!CharSet::of("").may_contain("登"));
        assert!(!CharSet::of("甲乙丙").may_contain("付费阅读"));
    }

    #[test]
    fn long_paragraphs_are_not_trails_or_notices() {
        assert!(breadcrumb("首页 > 政务公开 > 通知公告"));
        let long = format!("首页 > 政务公开 > {}", "正文".repeat(60));
        assert!(!breadcrumb(&long));
        assert!(site_notice("第1页 / 共23页"));
        assert!(!site_notice("第一条 本办法所称页面共23页"));
        assert!(source_line("《 人民日报 》（ 2016年05月03日 02 版）"));
        assert!(!source_line("人民日报（ 2016年05月03日 02 版）"));
    }

    #[test]
    fn seed_like_lines() {
        assert_eq!(
            catalogue("B10770 枫桥经验调研报告"),
            Some(("B10770", "枫桥经验调研报告"))
        );
        assert_eq!(catalogue("A12 x"), Some(("A12", "x")));
        assert_eq!(catalogue("GDP 增长"), None);
        assert_eq!(
            stats("吴咲呓 全文6028字 30片"),
            Some((Some("吴咲呓"), Some(6028), Some(30)))
        );
        assert!(nav_heading("热点排行"));
        assert_eq!(
            classify("- A665第二批主题教育党课讲10-01"),
            Some(ChromeKind::NavItem)
        );
    }

    #[test]
    fn controls_and_sources() {
        for t in ["下载", "【字号：", "】", "相关报道：", "编辑"] {
            assert_eq!(classify(t), Some(ChromeKind::Control), "{t}");
        }
        for t in [
            "来源：西藏日报",
            "时间：2026-02-12",
            "发表时间：2015-08-31\u{3000}来源：《求是》",
            "(来源：中国政府网）",
            "《 人民日报 》（ 2016年05月03日 02 版）",
            "2022-07-21 09:17:34",
            "2024/03/01 10:20",
        ] {
            assert_eq!(classify(t), Some(ChromeKind::Source), "{t}");
        }
        for t in [
            "2022-07",
            "12.3.4",
            "2022-07-21 全文",
            "1.2.3 总体要求",
            "2023.05.06",
        ] {
            assert_eq!(classify(t), None, "{t}");
        }
        assert!(thumbnail("窗口行业整治工作方案_第1页"));
        assert_eq!(classify("各位代表："), None);
    }
}

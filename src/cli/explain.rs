//! `gongwen rules` and `gongwen explain CODE`: what each rule checks, why (the clause of
//! GB/T 9704-2012 or the practice behind it), and a wrong and a right example.
//!
//! Every rule has an entry: [`explanation`] matches on [`Rule`] without a wildcard, so a new
//! rule does not build until it is explained. The examples are short documents that
//! `gongwen check` really judges so: the wrong one raises the rule, the right one does not
//! (`tests/cli_surface.rs` holds them to it).

use super::output::Output;
use crate::check::Rule;
use clap::{Args, ValueEnum};
use std::io::Write;
use std::path::{Path, PathBuf};

/// What `gongwen explain` says of one rule.
pub(crate) struct Explanation {
    /// What the rule checks.
    pub what: &'static str,
    /// Why: the clause of the standard, or the practice, behind it.
    pub why: &'static str,
    /// A short document the rule reports.
    pub wrong: &'static str,
    /// The same document written right.
    pub right: &'static str,
    /// Whether the examples are Markdown (else plain text).
    pub markdown: bool,
    /// The `gongwen.toml` the examples are checked under, when the rule needs one.
    pub config: Option<&'static str>,
    /// For a layout rule (`check --layout`): the part of the DOCX the examples are fragments
    /// of (`word/footer*.xml`: every footer). The right fragment is what `gongwen convert`
    /// writes for [`LAYOUT_BASE`]; the DOCX with it replaced by the wrong one raises the rule.
    pub part: Option<&'static str>,
}

/// The document the layout rules' examples are fragments of, once converted to DOCX.
pub(crate) const LAYOUT_BASE: &str = "青山县人民政府办公室文件\n\n青政办发〔2024〕3号\n\n关于做好春季防火工作的通知\n\n各乡镇人民政府：\n为做好春季防火工作，现将有关事项通知如下。\n一、提高认识\n各地要高度重视。\n（一）压实责任\n层层签订责任书。\n1.加强巡查。每日巡查一次。\n\n青山县人民政府办公室\n2024年3月1日\n";

/// A layout rule's explanation: its examples are fragments of `part`.
const fn layout(
    what: &'static str,
    why: &'static str,
    part: &'static str,
    wrong: &'static str,
    right: &'static str,
) -> Explanation {
    Explanation {
        what,
        why,
        wrong,
        right,
        markdown: false,
        config: None,
        part: Some(part),
    }
}

const DOC: &str = "word/document.xml";
const FOOTER: &str = "word/footer1.xml";

const fn text(
    what: &'static str,
    why: &'static str,
    wrong: &'static str,
    right: &'static str,
) -> Explanation {
    Explanation {
        what,
        why,
        wrong,
        right,
        markdown: false,
        config: None,
        part: None,
    }
}

const fn md(mut e: Explanation) -> Explanation {
    e.markdown = true;
    e
}

/// GB/T 9704-2012 7.3.3, on the heading numbers.
const LEVELS: &str =
    "GB/T 9704-2012 7.3.3: the levels of the body are numbered in turn 一、 （一） \
     1. （1）. Writing guides add that the numbers of one level run on without a gap, a \
     repeat or a fresh start.";

/// The rule's explanation.
pub(crate) fn explanation(rule: Rule) -> Explanation {
    match rule {
        Rule::PageSize => layout(
            "The page is not A4: `w:pgSz` of a section is not 210 × 297 mm (11906 × 16838 \
             twips) within 1 mm, upright or sideways.",
            "GB/T 9704-2012 5.1: documents are printed on A4 paper of GB/T 148 (210 mm × 297 mm).",
            DOC,
            "<w:pgSz w:w=\"12240\" w:h=\"15840\"/>",
            "<w:pgSz w:w=\"11906\" w:h=\"16838\"/>",
        ),
        Rule::PageMargins => layout(
            "A margin of a section is more than 1 mm off: top (天头) 37 mm, left (订口) 28 mm, and \
             the bottom 35 mm and right 26 mm that leave the 156 × 225 mm type area. A gutter \
             counts with the left margin. `[layout] margins-mm` and `margin-tolerance-mm` set \
             a house's own figures.",
            "GB/T 9704-2012 5.2.1: 天头 37 mm ± 1 mm, 订口 28 mm ± 1 mm, 版心 156 mm × 225 mm; the \
             bottom and right margins follow from them (fact sheet §3).",
            DOC,
            "w:top=\"2098\" w:right=\"1261\" w:bottom=\"1984\" w:left=\"1800\"",
            "w:top=\"2098\" w:right=\"1474\" w:bottom=\"1984\" w:left=\"1587\"",
        ),
        Rule::LinesPerPage => layout(
            "The body's line pitch does not give 22 lines in the type area: the exact line \
             spacing of the body paragraphs (`w:spacing w:line`, `w:lineRule=\"exact\"`), or \
             for single spacing on a document grid the grid's `w:linePitch`. Any pitch that \
             gives 22 lines passes (28 pt, 28.95 pt); `[layout] line-pitch` requires one.",
            "GB/T 9704-2012 5.2.3: generally (一般) 22 lines a page and 28 characters a line. How \
             Word users reach it differs (fact sheet §4, CONFLICT), so the outcome is checked.",
            "word/styles.xml",
            "<w:spacing w:before=\"0\" w:after=\"0\" w:line=\"700\" w:lineRule=\"exact\"/>",
            "<w:spacing w:before=\"0\" w:after=\"0\" w:line=\"579\" w:lineRule=\"exact\"/>",
        ),
        Rule::CharsPerLine => layout(
            "The body's characters do not make 28 a line of the type area: the advance of a \
             body character is its size plus the runs' character spacing (`w:spacing`), or \
             on a character grid (`w:docGrid w:type=\"linesAndChars\"`) the grid's pitch \
             (`w:charSpace`).",
            "GB/T 9704-2012 5.2.3: generally (一般) 28 characters a line. 28 characters of 16 pt \
             are wider than 156 mm, so a slight condense is needed (fact sheet §4).",
            DOC,
            "<w:docGrid w:type=\"linesAndChars\" w:linePitch=\"579\" w:charSpace=\"4096\"/>",
            "<w:docGrid w:type=\"lines\" w:linePitch=\"579\"/>",
        ),
        Rule::BodyFace => layout(
            "A body paragraph's characters are mostly in a face that is not a 仿宋 (仿宋_GB2312, \
             仿宋, FangSong, 华文仿宋, 方正仿宋_GBK …), as its runs, their styles and the \
             document defaults give it (`w:rFonts w:eastAsia`, theme fonts resolved).",
            "GB/T 9704-2012 5.2.2 and 7.3.3: the body is generally (一般) in 3号仿宋.",
            DOC,
            "<w:rFonts w:ascii=\"宋体\" w:hAnsi=\"宋体\" w:eastAsia=\"宋体\" w:cs=\"宋体\"/>",
            "<w:rFonts w:ascii=\"仿宋_GB2312\" w:hAnsi=\"仿宋_GB2312\" w:eastAsia=\"仿宋_GB2312\" w:cs=\"仿宋_GB2312\"/>",
        ),
        Rule::BodySize => layout(
            "A body paragraph's characters are mostly not 3号 (16 pt, `w:sz w:val=\"32\"`).",
            "GB/T 9704-2012 5.2.2 and 7.3.3: the body is generally (一般) in 3号仿宋.",
            DOC,
            "<w:sz w:val=\"28\"/><w:szCs w:val=\"28\"/></w:rPr><w:t xml:space=\"preserve\">为做好",
            "<w:sz w:val=\"32\"/><w:szCs w:val=\"32\"/></w:rPr><w:t xml:space=\"preserve\">为做好",
        ),
        Rule::TitleFace => layout(
            "The title is mostly in a face that is not a 小标宋 (方正小标宋简体, 小标宋, 华文中宋, \
             方正小标宋_GBK …); 宋体, its usual stand-in, is not one.",
            "GB/T 9704-2012 7.3.1: the title is generally (一般) in 2号小标宋.",
            DOC,
            "<w:rFonts w:ascii=\"宋体\" w:hAnsi=\"宋体\" w:eastAsia=\"宋体\" w:cs=\"宋体\"/><w:sz w:val=\"44\"/>",
            "<w:rFonts w:ascii=\"方正小标宋简体\" w:hAnsi=\"方正小标宋简体\" w:eastAsia=\"方正小标宋简体\" w:cs=\"方正小标宋简体\"/><w:sz w:val=\"44\"/>",
        ),
        Rule::TitleSize => layout(
            "The title is mostly not 2号 (22 pt, `w:sz w:val=\"44\"`).",
            "GB/T 9704-2012 7.3.1: the title is generally (一般) in 2号小标宋.",
            DOC,
            "<w:sz w:val=\"36\"/><w:szCs w:val=\"36\"/></w:rPr><w:t xml:space=\"preserve\">关于",
            "<w:sz w:val=\"44\"/><w:szCs w:val=\"44\"/></w:rPr><w:t xml:space=\"preserve\">关于",
        ),
        Rule::HeadingFace => layout(
            "A heading (its marker and title; of a run-in heading only that part) is mostly in \
             the wrong face for its level: 一、 in 黑体, （一） in 楷体, 1. and （1） in 仿宋. The \
             level is the parser's, from the marker.",
            "GB/T 9704-2012 7.3.3: the levels are generally (一般) set in 黑体, 楷体, 仿宋 and 仿宋.",
            DOC,
            "<w:rFonts w:ascii=\"仿宋_GB2312\" w:hAnsi=\"仿宋_GB2312\" w:eastAsia=\"仿宋_GB2312\" w:cs=\"仿宋_GB2312\"/><w:spacing w:val=\"-5\"/><w:sz w:val=\"32\"/><w:szCs w:val=\"32\"/></w:rPr><w:t xml:space=\"preserve\">提高认识",
            "<w:rFonts w:ascii=\"黑体\" w:hAnsi=\"黑体\" w:eastAsia=\"黑体\" w:cs=\"黑体\"/><w:spacing w:val=\"-5\"/><w:sz w:val=\"32\"/><w:szCs w:val=\"32\"/></w:rPr><w:t xml:space=\"preserve\">提高认识",
        ),
        Rule::FirstLineIndent => layout(
            "A body paragraph or a stand-alone heading is not indented two characters on its \
             first line (`w:firstLineChars=\"200\"`, or `w:firstLine` of two characters, or two \
             full-width spaces typed); one set centred or flush right is left alone.",
            "GB/T 9704-2012 7.3.3: each paragraph is indented two characters, its wrapped lines \
             flush left.",
            DOC,
            "w:firstLine=\"0\" w:firstLineChars=\"0\"/></w:pPr><w:r><w:rPr><w:rFonts w:ascii=\"仿宋_GB2312\" w:hAnsi=\"仿宋_GB2312\" w:eastAsia=\"仿宋_GB2312\" w:cs=\"仿宋_GB2312\"/><w:spacing w:val=\"-5\"/><w:sz w:val=\"32\"/><w:szCs w:val=\"32\"/></w:rPr><w:t xml:space=\"preserve\">为做好",
            "w:firstLine=\"630\" w:firstLineChars=\"200\"/></w:pPr><w:r><w:rPr><w:rFonts w:ascii=\"仿宋_GB2312\" w:hAnsi=\"仿宋_GB2312\" w:eastAsia=\"仿宋_GB2312\" w:cs=\"仿宋_GB2312\"/><w:spacing w:val=\"-5\"/><w:sz w:val=\"32\"/><w:szCs w:val=\"32\"/></w:rPr><w:t xml:space=\"preserve\">为做好",
        ),
        Rule::PageNumberMissing => layout(
            "No footer of the document's section holds a page number: a `PAGE` field (complex \
             or simple) in the default footer, or in the even one when odd and even differ.",
            "GB/T 9704-2012 7.5 sets the page number below the type area on every page (blank \
             pages before the 版记 aside); the Regulation lists 页码 among a document's elements.",
            "word/footer*.xml",
            "<w:instrText>NUMPAGES</w:instrText>",
            "<w:instrText>PAGE</w:instrText>",
        ),
        Rule::PageNumberForm => layout(
            "The page-number paragraph is not the number between two em dashes (“— 1 —” or \
             “—1—”): a bare number, hyphens, “第1页”, “1/5”.",
            "GB/T 9704-2012 7.5: generally (一般) Arabic numerals with a 一字线 (an em dash) on \
             each side.",
            FOOTER,
            "<w:t xml:space=\"preserve\">- </w:t>",
            "<w:t xml:space=\"preserve\">— </w:t>",
        ),
        Rule::PageNumberFont => layout(
            "The page number or its dashes are not 4号 (14 pt, `w:sz w:val=\"28\"`), or its \
             digits not in a 宋体 (宋体, SimSun, 华文宋体 …).",
            "GB/T 9704-2012 7.5: generally (一般) 4号半角宋体 Arabic numerals (1999 said 白体).",
            FOOTER,
            "<w:sz w:val=\"32\"/><w:szCs w:val=\"32\"/></w:rPr><w:t xml:space=\"preserve\">1</w:t>",
            "<w:sz w:val=\"28\"/><w:szCs w:val=\"28\"/></w:rPr><w:t xml:space=\"preserve\">1</w:t>",
        ),
        Rule::PageNumberPosition => layout(
            "Page numbers are not right on odd pages and left on even ones, one character in \
             (`w:jc` with `w:ind w:right`/`w:left` of one 4号 character, a typed full-width \
             space, or a frame at the outside edge); or odd and even pages share one footer \
             (`w:evenAndOddHeaders` missing in word/settings.xml). `[layout] \
             footer-distance-mm` checks the footer's distance too.",
            "GB/T 9704-2012 7.5: odd pages right, one character in; even pages left, one \
             character in.",
            FOOTER,
            "<w:jc w:val=\"center\"/>",
            "<w:jc w:val=\"right\"/>",
        ),
        Rule::BannerLayout => layout(
            "The 发文机关标志 the parser finds (××文件 over the 发文字号) is not red (`w:color`) \
             or not centred (`w:jc`). A 标志 drawn as a picture or in a text box is not seen.",
            "GB/T 9704-2012 7.2.4: the 发文机关标志 is centred and red; 小标宋 is recommended.",
            DOC,
            "<w:color w:val=\"000000\"/>",
            "<w:color w:val=\"FF0000\"/>",
        ),
        Rule::NumberingGap => text(
            "Sibling headings skip a number: 一、 is followed by 三、 under the same parent.",
            LEVELS,
            "关于做好汛期工作的通知\n一、提高认识\n各单位要高度重视。\n三、落实责任\n明确责任人。\n",
            "关于做好汛期工作的通知\n一、提高认识\n各单位要高度重视。\n二、落实责任\n明确责任人。\n",
        ),
        Rule::NumberingRepeat => text(
            "Sibling headings repeat a number or go backwards.",
            LEVELS,
            "关于做好汛期工作的通知\n一、提高认识\n各单位要高度重视。\n一、落实责任\n明确责任人。\n",
            "关于做好汛期工作的通知\n一、提高认识\n各单位要高度重视。\n二、落实责任\n明确责任人。\n",
        ),
        Rule::NumberingStart => text(
            "The first heading of a level is not 一 (or 1): the numbering starts at 二、 or later.",
            LEVELS,
            "关于做好开学工作的通知\n二、检查校舍\n开学前全面检查。\n三、配齐教师\n按规定配备。\n",
            "关于做好开学工作的通知\n一、检查校舍\n开学前全面检查。\n二、配齐教师\n按规定配备。\n",
        ),
        Rule::NumberingRestart => md(text(
            "Numbering starts again at 一 under the same parent, with no new part or parent \
             heading between: a second list was pasted in, or a heading that would open a new \
             part is missing.",
            LEVELS,
            "# 关于做好两项工作的通知\n\n## 一、环境整治\n\n开展大扫除。\n\n## 二、垃圾分类\n\n设置收集点。\n\n## 一、安全生产\n\n开展隐患排查。\n",
            "# 关于做好两项工作的通知\n\n## 一、环境整治\n\n开展大扫除。\n\n## 二、垃圾分类\n\n设置收集点。\n\n## 三、安全生产\n\n开展隐患排查。\n",
        )),
        Rule::LevelSkip => text(
            "A level is used without its parent level: 1. stands directly under 一、 beside \
             （一）, with no （一） above it.",
            "GB/T 9704-2012 7.3.3 lists the levels in order (依次): 一、 （一） 1. （1）. Guides \
             differ on whether a level may be skipped, so this is a warning.",
            "关于加强水利建设的意见\n一、总体要求\n（一）指导思想\n坚持规划引领。\n二、重点任务\n1.加快工程建设。推进灌区改造。\n（一）加强资金保障\n加大财政投入。\n",
            "关于加强水利建设的意见\n一、总体要求\n（一）指导思想\n坚持规划引领。\n二、重点任务\n（一）加快工程建设\n1.推进灌区改造。完成年度任务。\n（二）加强资金保障\n加大财政投入。\n",
        ),
        Rule::UnexpectedFamily => {
            let mut e = text(
                "A heading uses a marker form that the house rules (`[house] families` in \
                 gongwen.toml) do not list. Without house rules the rule is silent.",
                "GB/T 9704-2012 7.3.3 says the levels *may* be numbered 一、 （一） 1. （1）; a \
                 unit's own style guide often narrows that, and this rule holds a document to it.",
                "关于开展消防检查的通知\n一、检查范围\n（一）人员密集场所\n1.商场和宾馆。\n2.学校和医院。\n",
                "关于开展消防检查的通知\n一、检查范围\n（一）人员密集场所\n（二）易燃易爆单位\n",
            );
            e.config = Some("[house]\nfamilies = [\"cn-comma\", \"cn-paren\"]\n");
            e
        }
        Rule::MarkdownDepth => md(text(
            "In Markdown, a heading's # depth disagrees with the level its number gives: \
             （一） written as # under 一、 written as #.",
            "Not from the standard: a Markdown outline (and a DOCX made from it) is only right \
             when the # depths follow the numbering of GB/T 9704-2012 7.3.3.",
            "# 关于做好考核工作的通知\n\n# 一、考核范围\n\n# （一）机关人员\n\n在编人员。\n",
            "# 关于做好考核工作的通知\n\n## 一、考核范围\n\n### （一）机关人员\n\n在编人员。\n",
        )),
        Rule::MarkerPunctuation => text(
            "The punctuation after a marker is the wrong one: 1、 instead of 1., 一. instead of 一、.",
            "GB/T 9704-2012 7.3.3 writes the markers 一、 and 1.: a 顿号 after a Chinese \
             numeral, a 下脚点 after an Arabic one.",
            "关于加强耕地保护的通知\n一、落实保护责任\n（一）明确责任主体。层层签订责任书。\n1、县级负总责。县长是第一责任人。\n2、乡镇抓落实。任务分解到村。\n",
            "关于加强耕地保护的通知\n一、落实保护责任\n（一）明确责任主体。层层签订责任书。\n1.县级负总责。县长是第一责任人。\n2.乡镇抓落实。任务分解到村。\n",
        ),
        Rule::StrayPunctuation => text(
            "A bracketed or circled marker is followed by punctuation: （一）、 （1）. ①、.",
            "GB/T 9704-2012 7.3.3 writes （一） and （1） with nothing after the bracket; the \
             bracket already closes the marker.",
            "关于做好救助工作的通知\n一、落实救助政策\n（一）、规范救助程序。严格审核审批。\n（二）、加强资金管理。专款专用。\n",
            "关于做好救助工作的通知\n一、落实救助政策\n（一）规范救助程序。严格审核审批。\n（二）加强资金管理。专款专用。\n",
        ),
        Rule::MissingPunctuation => text(
            "A 一 marker has no 、 after it: 一 followed by a space or straight by the text.",
            "GB/T 9704-2012 7.3.3 writes the first level 一、, with a 顿号.",
            "关于加强森林防火的通知\n一 严格管控火源\n加强巡查。\n二 加强队伍建设\n组建扑火队。\n",
            "关于加强森林防火的通知\n一、严格管控火源\n加强巡查。\n二、加强队伍建设\n组建扑火队。\n",
        ),
        Rule::HalfWidthBrackets => text(
            "A heading marker uses half-width brackets (一) (1), or mixes half- and full-width.",
            "GB/T 9704-2012 7.3.3 writes （一） and （1） with full-width brackets, as Chinese \
             text takes full-width punctuation (GB/T 15834).",
            "关于规范财务管理的意见\n一、健全制度\n(一)完善公开制度。每季度公开一次。\n(二)完善理财制度。成立理财小组。\n",
            "关于规范财务管理的意见\n一、健全制度\n（一）完善公开制度。每季度公开一次。\n（二）完善理财制度。成立理财小组。\n",
        ),
        Rule::MixedForms => text(
            "One level is numbered in more than one form, such as 1. beside 1．.",
            "Guides to GB/T 9704-2012 7.3.3 ask for one form a level throughout a document.",
            "关于做好疫病防控的通知\n一、加强监测预警\n（一）完善监测网络\n1.设立监测点。每乡一个。\n2.加密监测频次。每周一次。\n3．规范报告程序。立即报告。\n",
            "关于做好疫病防控的通知\n一、加强监测预警\n（一）完善监测网络\n1.设立监测点。每乡一个。\n2.加密监测频次。每周一次。\n3.规范报告程序。立即报告。\n",
        ),
        Rule::SpaceInMarker => text(
            "A 第X条 or 第X章 marker has a space inside it: 第三 条.",
            "Law-making practice writes 编、章、节、条 as one word (第一条), then a space before \
             the text; a space inside breaks the marker.",
            "某市档案管理条例\n第一条 为了加强档案管理，制定本条例。\n第二 条本条例适用于本市。\n第三条 本条例自公布之日起施行。\n",
            "某市档案管理条例\n第一条 为了加强档案管理，制定本条例。\n第二条 本条例适用于本市。\n第三条 本条例自公布之日起施行。\n",
        ),
        Rule::HeadingFullStop => text(
            "A heading that stands on its own line ends in 。.",
            "Writing guides to GB/T 9704-2012: a stand-alone heading of levels 1 to 3 takes no \
             end punctuation; only a run-in heading (（一）标题。正文) ends its sentence.",
            "关于做好就业工作的通知\n一、拓宽就业渠道\n鼓励企业吸纳就业。\n二、加强就业服务。\n举办招聘活动。\n三、强化政策保障\n落实补贴政策。\n",
            "关于做好就业工作的通知\n一、拓宽就业渠道\n鼓励企业吸纳就业。\n二、加强就业服务\n举办招聘活动。\n三、强化政策保障\n落实补贴政策。\n",
        ),
        Rule::StatuteSequence => text(
            "第X编, 第X章 or 第X节 numbers skip or repeat.",
            "Law-making practice numbers 编、章、节 in Chinese numerals, in one run without gaps.",
            "某县河道管理办法\n第一章 总则\n第一条 为了加强河道管理，制定本办法。\n第二章 河道整治\n第二条 河道整治服从流域规划。\n第四章 附则\n第三条 本办法自发布之日起施行。\n",
            "某县河道管理办法\n第一章 总则\n第一条 为了加强河道管理，制定本办法。\n第二章 河道整治\n第二条 河道整治服从流域规划。\n第三章 附则\n第三条 本办法自发布之日起施行。\n",
        ),
        Rule::ArticleSequence => text(
            "第X条 numbers skip or repeat; articles run on across chapters.",
            "Law-making practice numbers the articles (条) of a whole statute in one run, \
             whatever chapter they are in.",
            "某县集体资产管理办法\n第一章 总则\n第一条 为了加强集体资产管理，制定本办法。\n第二章 资产管理\n第三条 集体资产实行台账管理。\n",
            "某县集体资产管理办法\n第一章 总则\n第一条 为了加强集体资产管理，制定本办法。\n第二章 资产管理\n第二条 集体资产实行台账管理。\n",
        ),
        Rule::HeadingLost => text(
            "A 第X章 or 第X节 heading is missing, while the articles around it run on: the \
             chapter numbers jump but the article numbers do not.",
            "Law-making practice numbers chapters and articles each in one run; when only the \
             chapter numbers jump, a chapter heading was lost rather than its text.",
            "某县河道管理办法\n第一章 总则\n第一条 为了加强河道管理，制定本办法。\n第三章 河道整治\n第二条 河道整治服从流域规划。\n第四章 附则\n第三条 本办法自发布之日起施行。\n",
            "某县河道管理办法\n第一章 总则\n第一条 为了加强河道管理，制定本办法。\n第二章 河道整治\n第二条 河道整治服从流域规划。\n第三章 附则\n第三条 本办法自发布之日起施行。\n",
        ),
        Rule::PointSequence => text(
            "A series of points (一是…二是…, 第一，第二，) skips or repeats a number.",
            "Writing guides: the sequence words 第一、第二… and 一是、二是… count on like \
             heading numbers.",
            "关于优化营商环境的措施\n一、减轻企业负担\n第一，落实减税政策。确保红利直达。\n第二，降低要素成本。降低贷款利率。\n第二，清理拖欠账款。开展专项清理。\n",
            "关于优化营商环境的措施\n一、减轻企业负担\n第一，落实减税政策。确保红利直达。\n第二，降低要素成本。降低贷款利率。\n第三，清理拖欠账款。开展专项清理。\n",
        ),
        Rule::PointSeriesMix => text(
            "One series of points mixes 首先/其次 with 第一/第二 (首先…其次…第三).",
            "Writing guides: the series 第一/第二…, 其一/其二… and 首先/其次/再次… are not \
             mixed in one enumeration.",
            "关于加强组织建设的思考\n一、存在的问题\n首先，覆盖不够全面。新兴领域有空白。\n其次，结构不够合理。老龄化较突出。\n第三，活动不够经常。有的支部不开展活动。\n",
            "关于加强组织建设的思考\n一、存在的问题\n首先，覆盖不够全面。新兴领域有空白。\n其次，结构不够合理。老龄化较突出。\n最后，活动不够经常。有的支部不开展活动。\n",
        ),
        Rule::PointPunctuation => text(
            "第一 is followed by 、 where it takes a comma: 第一、 for 第一，.",
            "Writing guides: after the sequence words 第一、第二、首先、其次 comes a comma, not \
             a 顿号.",
            "关于做好粮食收购的通知\n一、做好收购准备\n第一、落实收购资金。及时足额发放。\n第二、检修仓储设施。确保仓容充足。\n",
            "关于做好粮食收购的通知\n一、做好收购准备\n第一，落实收购资金。及时足额发放。\n第二，检修仓储设施。确保仓容充足。\n",
        ),
        Rule::ListGap => text(
            "The items of a list inside an article or a paragraph skip a number: （二） then （四）.",
            "Law-making practice numbers the items (项) of an article （一） （二） …, in one run.",
            "某市河道保洁办法\n第一条 为了加强河道保洁，制定本办法。\n第二条 管理单位履行下列职责：\n（一）编制保洁计划；\n（二）组织日常巡查；\n（四）受理有关投诉。\n第三条 本办法自公布之日起施行。\n",
            "某市河道保洁办法\n第一条 为了加强河道保洁，制定本办法。\n第二条 管理单位履行下列职责：\n（一）编制保洁计划；\n（二）组织日常巡查；\n（三）受理有关投诉。\n第三条 本办法自公布之日起施行。\n",
        ),
        Rule::ListRepeat => text(
            "An item of a list repeats the number before it, or goes backwards.",
            "Law-making practice numbers the items (项) of an article （一） （二） …, in one run.",
            "某市图书馆管理办法\n第一条 为了规范图书馆服务，制定本办法。\n第二条 读者享有下列权利：\n（一）免费借阅图书；\n（二）参加讲座；\n（二）提出意见和建议。\n第三条 本办法自公布之日起施行。\n",
            "某市图书馆管理办法\n第一条 为了规范图书馆服务，制定本办法。\n第二条 读者享有下列权利：\n（一）免费借阅图书；\n（二）参加讲座；\n（三）提出意见和建议。\n第三条 本办法自公布之日起施行。\n",
        ),
        Rule::ListStart => text(
            "A list does not start at its first number: its first item is （二）, or the first \
             item lost its marker.",
            "Law-making practice numbers the items (项) of an article from （一）.",
            "某县集贸市场管理办法\n第一条 为了规范市场秩序，制定本办法。\n第二条 开办者应当履行下列义务：\n建立管理制度；\n（二）配备管理人员；\n（三）维护经营秩序。\n第三条 本办法自公布之日起施行。\n",
            "某县集贸市场管理办法\n第一条 为了规范市场秩序，制定本办法。\n第二条 开办者应当履行下列义务：\n（一）建立管理制度；\n（二）配备管理人员；\n（三）维护经营秩序。\n第三条 本办法自公布之日起施行。\n",
        ),
        Rule::ListPunctuation => text(
            "A list item's marker has the wrong punctuation after it, or a stray one: （二）、 or 2、.",
            "GB/T 9704-2012 7.3.3 writes （一） with nothing after it and 1. with a 下脚点; list \
             items follow the same forms.",
            "某市物业服务管理办法\n第一条 为了规范物业服务，制定本办法。\n第二条 物业服务企业应当履行下列义务：\n（一）按照合同提供服务；\n（二）、公示收费标准；\n（三）建立服务档案。\n第三条 本办法自公布之日起施行。\n",
            "某市物业服务管理办法\n第一条 为了规范物业服务，制定本办法。\n第二条 物业服务企业应当履行下列义务：\n（一）按照合同提供服务；\n（二）公示收费标准；\n（三）建立服务档案。\n第三条 本办法自公布之日起施行。\n",
        ),
        Rule::ListHalfWidthBrackets => text(
            "A list item's marker uses half-width brackets (二), or mixes half- and full-width.",
            "GB/T 9704-2012 7.3.3 writes （一） with full-width brackets, as Chinese text takes \
             full-width punctuation (GB/T 15834).",
            "某市水源保护条例\n第一条 为了保护饮用水水源，制定本条例。\n第二条 在保护区内禁止下列行为：\n（一）设置排污口；\n(二)堆放工业废渣；\n（三）从事网箱养殖。\n第三条 本条例自公布之日起施行。\n",
            "某市水源保护条例\n第一条 为了保护饮用水水源，制定本条例。\n第二条 在保护区内禁止下列行为：\n（一）设置排污口；\n（二）堆放工业废渣；\n（三）从事网箱养殖。\n第三条 本条例自公布之日起施行。\n",
        ),
        Rule::DocNumberBrackets => text(
            "The year of a 发文字号 is in brackets other than 〔〕: [2024], 【2024】, （2024）.",
            "GB/T 9704-2012 7.2.5: the year of the 发文字号 is written in full and enclosed in \
             六角括号 〔〕.",
            "县政府办公室关于做好春耕生产的通知\n县政办发[2024]12号\n各乡镇人民政府：\n现就做好春耕生产通知如下。\n",
            "县政府办公室关于做好春耕生产的通知\n县政办发〔2024〕12号\n各乡镇人民政府：\n现就做好春耕生产通知如下。\n",
        ),
        Rule::DocNumberYear => text(
            "The year of a 发文字号 has fewer than four digits: 〔24〕.",
            "GB/T 9704-2012 7.2.5: the year of the 发文字号 is written in full (年份应标全称).",
            "县政府办公室关于做好春耕生产的通知\n县政办发〔24〕12号\n各乡镇人民政府：\n现就做好春耕生产通知如下。\n",
            "县政府办公室关于做好春耕生产的通知\n县政办发〔2024〕12号\n各乡镇人民政府：\n现就做好春耕生产通知如下。\n",
        ),
        Rule::DocNumberSerial => text(
            "The serial of a 发文字号 has a leading zero or a 第: 〔2024〕012号, 〔2024〕第12号.",
            "GB/T 9704-2012 7.2.5: the serial takes no 第 and no leading zeros (1 is not \
             written 01), and is followed by 号.",
            "县政府办公室关于做好春耕生产的通知\n县政办发〔2024〕第12号\n各乡镇人民政府：\n现就做好春耕生产通知如下。\n",
            "县政府办公室关于做好春耕生产的通知\n县政办发〔2024〕12号\n各乡镇人民政府：\n现就做好春耕生产通知如下。\n",
        ),
        Rule::DateZeroPadded => text(
            "A date writes its month or day with a leading zero: 2024年03月08日.",
            "GB/T 9704-2012 7.3.5: the date of the document gives year, month and day in Arabic \
             numerals, the year in full, the month and day without leading zeros (1 not 01).",
            "关于表彰先进集体的决定\n各乡镇人民政府：\n县政府决定对一批先进集体予以表彰。\n\n县人民政府\n2024年03月08日\n",
            "关于表彰先进集体的决定\n各乡镇人民政府：\n县政府决定对一批先进集体予以表彰。\n\n县人民政府\n2024年3月8日\n",
        ),
        Rule::DateMixedNumerals => text(
            "A date mixes Chinese and Arabic numerals: 二〇二四年3月8日.",
            "GB/T 9704-2012 7.3.5: the date of the document is written in Arabic numerals \
             throughout (the 1999 edition's Chinese numerals are gone).",
            "关于表彰先进集体的决定\n各乡镇人民政府：\n县政府决定对一批先进集体予以表彰。\n\n县人民政府\n二〇二四年3月8日\n",
            "关于表彰先进集体的决定\n各乡镇人民政府：\n县政府决定对一批先进集体予以表彰。\n\n县人民政府\n2024年3月8日\n",
        ),
        Rule::AttachmentColon => text(
            "附件 is followed by a half-width colon: 附件:.",
            "GB/T 9704-2012 7.3.4: the attachment note is 附件, a full-width colon and the \
             attachment's name.",
            "关于报送工作总结的通知\n各单位：\n请于12月20日前报送年度工作总结。\n\n附件:工作总结报送表\n\n县人民政府办公室\n2024年12月2日\n",
            "关于报送工作总结的通知\n各单位：\n请于12月20日前报送年度工作总结。\n\n附件：工作总结报送表\n\n县人民政府办公室\n2024年12月2日\n",
        ),
        Rule::ElidedContent => text(
            "The text is not all there: a paragraph ends in …… or stands as （略）, or a paywall \
             or preview notice cuts it short. Its numbering may look broken for that reason.",
            "Not from the standard: a document copied from a preview or with parts left out is \
             incomplete, and its other findings should be read with that in mind.",
            "关于文化旅游产业的调研报告\n一、发展现状\n全县接待游客人数逐年增加……\n二、存在问题\n（略）\n",
            "关于文化旅游产业的调研报告\n一、发展现状\n全县接待游客人数逐年增加。\n二、存在问题\n配套设施不够完善。\n",
        ),
        Rule::Placeholder => text(
            "A placeholder is left in the text: XX, ××, 某某, ○○ standing for a name, a date or \
             a number still to be filled in.",
            "Not from the standard: a template's placeholders must be filled in before a \
             document is issued.",
            "XX县人民政府关于做好防灾减灾的通知\n各乡镇人民政府：\n请于××月××日前报送工作情况。\n",
            "青山县人民政府关于做好防灾减灾的通知\n各乡镇人民政府：\n请于5月10日前报送工作情况。\n",
        ),
    }
}

/// `gongwen rules`.
#[derive(Args)]
pub struct RulesArgs {
    /// Output format.
    #[arg(long, short, value_enum, default_value = "text")]
    pub format: Format,
    /// Write the list to FILE (atomically) instead of standard output.
    #[arg(short, long, value_name = "FILE")]
    pub output: Option<PathBuf>,
}

/// `gongwen explain CODE`.
#[derive(Args)]
pub struct ExplainArgs {
    /// The rule: its code (GW101) or name (numbering-gap).
    pub rule: String,
    /// Output format.
    #[arg(long, short, value_enum, default_value = "text")]
    pub format: Format,
    /// Write the explanation to FILE (atomically) instead of standard output.
    #[arg(short, long, value_name = "FILE")]
    pub output: Option<PathBuf>,
}

#[derive(Clone, Copy, ValueEnum, PartialEq, Eq)]
pub enum Format {
    /// Lines for people
    Text,
    /// One JSON object (`explain`) or an array of them (`rules`)
    Json,
}

/// One rule as JSON: what `rules --format json` lists and `explain --format json` says.
fn json(rule: Rule, full: bool) -> serde_json::Value {
    let mut v = serde_json::json!({
        "code": rule.code(),
        "name": rule.name(),
        "severity": rule.default_severity().as_str(),
        "fixable": rule.fixable(),
        "summary": rule.summary_en(),
        "summary_zh": rule.summary_zh(),
    });
    if full {
        let e = explanation(rule);
        let more = serde_json::json!({
            "what": e.what,
            "why": e.why,
            "wrong": e.wrong,
            "right": e.right,
            "extension": if e.part.is_some() { "docx" } else if e.markdown { "md" } else { "txt" },
            "config": e.config,
            "part": e.part,
            "base": e.part.map(|_| LAYOUT_BASE),
            "clause": crate::check::layout::basis(rule).map(|b| b.clause),
            "strength": crate::check::layout::basis(rule).map(|b| b.strength.as_str()),
        });
        if let (Some(a), serde_json::Value::Object(b)) = (v.as_object_mut(), more) {
            a.extend(b);
        }
    }
    v
}

/// `gongwen rules`: every rule, one a line: code, name, severity, whether it fixes, summary.
pub fn rules(a: RulesArgs) -> Result<i32, Box<dyn std::error::Error>> {
    let sink = Output::open(a.output.as_deref().unwrap_or(Path::new("-")), false)?;
    let mut out = Vec::new();
    if a.format == Format::Json {
        let all: Vec<_> = Rule::ALL.iter().map(|&r| json(r, false)).collect();
        serde_json::to_writer_pretty(&mut out, &all)?;
        out.push(b'\n');
    } else {
        let color = super::style::color_printed(sink.is_stdout());
        let width = Rule::ALL.iter().map(|r| r.name().len()).max().unwrap_or(0);
        for &r in Rule::ALL {
            let fix = if r.fixable() { "fix" } else { "   " };
            let code = bold(r.code(), color);
            writeln!(
                out,
                "{code}  {:width$}  {:7}  {fix}  {}（{}）",
                r.name(),
                r.default_severity().as_str(),
                r.summary_en(),
                r.summary_zh(),
            )?;
        }
        writeln!(out)?;
        writeln!(
            out,
            "`gongwen explain CODE` tells what a rule checks and why."
        )?;
    }
    sink.finish(&out)?;
    Ok(0)
}

/// `gongwen explain CODE`.
pub fn explain(a: ExplainArgs) -> Result<i32, Box<dyn std::error::Error>> {
    let Some(rule) = Rule::from_key(a.rule.trim()) else {
        super::style::error(&format_args!(
            "unknown rule {:?}: `gongwen rules` lists them (GW101, numbering-gap, …)",
            a.rule
        ));
        return Ok(super::EXIT_INPUT);
    };
    let sink = Output::open(a.output.as_deref().unwrap_or(Path::new("-")), false)?;
    let mut out = Vec::new();
    if a.format == Format::Json {
        serde_json::to_writer_pretty(&mut out, &json(rule, true))?;
        out.push(b'\n');
    } else {
        let color = super::style::color_printed(sink.is_stdout());
        let e = explanation(rule);
        let fix = if rule.fixable() {
            "; `gongwen fix` repairs it"
        } else {
            ""
        };
        writeln!(
            out,
            "{} {}: {}（{}）",
            bold(rule.code(), color),
            rule.name(),
            rule.summary_en(),
            rule.summary_zh()
        )?;
        writeln!(out, "severity: {}{fix}", rule.default_severity().as_str())?;
        if let Some(b) = crate::check::layout::basis(rule) {
            writeln!(
                out,
                "layout rule (`gongwen check --layout`): GB/T 9704-2012 {}, a {}",
                b.clause,
                b.strength.as_str()
            )?;
        }
        writeln!(out)?;
        writeln!(out, "{}\n  {}\n", bold("What it checks", color), e.what)?;
        writeln!(out, "{}\n  {}\n", bold("Why", color), e.why)?;
        if let Some(c) = e.config {
            writeln!(out, "{}", bold("With this gongwen.toml", color))?;
            indented(&mut out, c)?;
            writeln!(out)?;
        }
        let of = e
            .part
            .map(|p| format!(" (in {p} of a DOCX; right is what `gongwen convert` writes)"))
            .unwrap_or_default();
        writeln!(out, "{}{of}", bold("Wrong", color))?;
        indented(&mut out, e.wrong)?;
        writeln!(out, "\n{}", bold("Right", color))?;
        indented(&mut out, e.right)?;
    }
    sink.finish(&out)?;
    Ok(0)
}

/// Each line of `text`, indented by four spaces (an empty line stays empty).
fn indented(out: &mut Vec<u8>, text: &str) -> std::io::Result<()> {
    for line in text.lines() {
        if line.is_empty() {
            writeln!(out)?;
        } else {
            writeln!(out, "    {line}")?;
        }
    }
    Ok(())
}

/// `s` in bold when colouring.
fn bold(s: &str, color: bool) -> String {
    if color {
        format!("\x1b[1m{s}\x1b[0m")
    } else {
        s.to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_rule_is_explained() {
        for &r in Rule::ALL {
            let e = explanation(r);
            for (what, s) in [
                ("what", e.what),
                ("why", e.why),
                ("wrong", e.wrong),
                ("right", e.right),
            ] {
                assert!(!s.trim().is_empty(), "{r}: no {what}");
            }
            assert_ne!(e.wrong, e.right, "{r}");
        }
    }
}

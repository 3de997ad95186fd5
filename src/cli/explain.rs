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
}

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
            "extension": if e.markdown { "md" } else { "txt" },
            "config": e.config,
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
        writeln!(out, "severity: {}{fix}\n", rule.default_severity().as_str())?;
        writeln!(out, "{}\n  {}\n", bold("What it checks", color), e.what)?;
        writeln!(out, "{}\n  {}\n", bold("Why", color), e.why)?;
        if let Some(c) = e.config {
            writeln!(out, "{}", bold("With this gongwen.toml", color))?;
            indented(&mut out, c)?;
            writeln!(out)?;
        }
        writeln!(out, "{}", bold("Wrong", color))?;
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

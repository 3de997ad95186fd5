//! Property: whatever text comes in — marker fragments, elisions, CJK, ASCII, odd whitespace,
//! mixed line endings, HTML and Markdown — parsing returns, keeps every character exactly once,
//! and the outline points at lines that exist.

use gongwen::write::outline::{self, OutlineOptions};
use gongwen::{parse, Format, Source};
use proptest::prelude::*;

const FRAGMENTS: &[&str] = &[
    "一、",
    "二、",
    "十一、",
    "一．",
    "一，",
    "一 、",
    "（一）",
    "（二）、",
    "(三)",
    "（四)",
    "1.",
    "2．",
    "3、",
    "4)",
    "(3)",
    "（5）",
    "1.1",
    "2.3.4",
    "①",
    "⑳",
    "第一章",
    "第二节",
    "第五条",
    "第九十九条规定：",
    "第一部分",
    "一是",
    "二要",
    "第一，",
    "其二，",
    "首先，",
    "其次，",
    "最后，",
    "——",
    "――",
    "前言",
    "附件",
    "附件：1.",
    "附：",
    "抄送：",
    "印发",
    "国办发〔2024〕12号",
    "[2008]",
    "2024年3月1日",
    "二〇〇四年八月十二日",
    "2024-03-12",
    "（此件公开发布）",
    "最新信息",
    "- C1234 标题05-12",
    "B12345 标题",
    "作者 全文5000字 20片",
    "以上为免费阅读内容,如需阅读全文,请先登陆",
    "来源：",
    "下载",
    "各单位：",
];

const ELISIONS: &[&str] = &[
    ".....",
    "...",
    "……",
    "…",
    "⋯⋯",
    "。。。",
    "···",
    "(…省略854字…)",
    "（未完，全文共6831字）",
    "（略）",
    "（本文有删减）",
    "(未完,全文共",
];

const TEXT: &[&str] = &[
    "加强组织领导",
    "各地要",
    "落实责任",
    "调研报告",
    "通知",
    "的",
    "。",
    "；",
    "：",
    "，",
    "！",
    "？",
    "“",
    "”",
    "《",
    "》",
    "【",
    "】",
    "abc",
    "x",
    "1",
    "12%",
    "0",
    "-",
    "\t",
];

const SPACES: &[&str] = &[
    " ",
    "\u{3000}",
    "\u{3000}\u{3000}",
    "\u{a0}",
    "\u{feff}",
    "\u{2003}",
    "\u{200b}",
    "\u{b}",
    "\u{c}",
    "\u{85}",
    "\u{2028}",
    "\u{1680}",
];

const BREAKS: &[&str] = &["\n", "\r\n", "\r", "\n\n", "\r\n\r\n"];

const MARKUP: &[&str] = &[
    "<p>",
    "</p>",
    "<b>",
    "</b>",
    "<br/>",
    "<!-- x -->",
    "<",
    ">",
    "&emsp;",
    "&nbsp;",
    "&hellip;",
    "&#12288;",
    "&#x4e00;",
    "&amp;",
    "&bogus;",
    "&",
    "# ",
    "## ",
    "### ",
    "#",
    "**",
    "__",
    "[链接](/a)",
    "[",
    "](",
    "---",
    ":::",
    "title: 标题",
];

/// Markdown's block structure: tables, lists, quotations, images, footnotes, breaks.
const STRUCTURE: &[&str] = &[
    "| a | b |\n",
    "|---|:-:|\n",
    "| 一、总则 | **1** |\n",
    "|",
    "\\|",
    "- ",
    "* ",
    "  - ",
    "1. ",
    "> ",
    ">",
    "> > ",
    "![图](a.png)",
    "![]()",
    "[^1]",
    "[^1]: ",
    "\n    ",
    "***\n",
    "\\",
    "\\#",
    "<div style=\"page-break-after: always\"></div>\n",
    "<br>\n",
    "\u{c}",
    "表1　",
    "```\n",
];

fn piece() -> impl Strategy<Value = String> {
    prop_oneof![
        4 => prop::sample::select(FRAGMENTS).prop_map(str::to_string),
        2 => prop::sample::select(ELISIONS).prop_map(str::to_string),
        4 => prop::sample::select(TEXT).prop_map(str::to_string),
        2 => prop::sample::select(SPACES).prop_map(str::to_string),
        3 => prop::sample::select(BREAKS).prop_map(str::to_string),
        2 => prop::sample::select(MARKUP).prop_map(str::to_string),
        3 => prop::sample::select(STRUCTURE).prop_map(str::to_string),
        1 => "[\\u{4e00}-\\u{4e20}a-z0-9 ]{1,6}",
        1 => any::<char>().prop_map(String::from),
    ]
}

fn document() -> impl Strategy<Value = String> {
    prop::collection::vec(piece(), 0..80).prop_map(|v| v.concat())
}

fn check(src: &str, markdown: bool) -> Result<(), TestCaseError> {
    let format = if markdown {
        Format::Markdown
    } else {
        Format::Text
    };
    let source = Source::from_str(src, format);
    let doc = parse(&source);
    if let Err(e) = doc.check_lossless(&source) {
        return Err(TestCaseError::fail(format!(
            "markdown={markdown}: {e}\nsource: {src:?}"
        )));
    }
    let mut out = Vec::new();
    prop_assert!(outline::tsv(&doc, &source, &OutlineOptions::default(), &mut out).is_ok());
    prop_assert!(String::from_utf8(out).is_ok());
    let lines = source.lines().line_count();
    for r in outline::rows(&doc, &source) {
        prop_assert!(
            (1..=lines).contains(&r.line),
            "row on line {} of {lines}: {r:?}\nsource: {src:?}",
            r.line
        );
    }
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig {
        cases: 2000,
        failure_persistence: None,
        ..ProptestConfig::default()
    })]

    #[test]
    fn any_text_parses_losslessly(src in document()) {
        check(&src, false)?;
        check(&src, true)?;
    }

    #[test]
    fn front_matter_and_headings_parse_losslessly(
        body in document(),
        fm in prop::bool::ANY,
        crlf in prop::bool::ANY,
    ) {
        let nl = if crlf { "\r\n" } else { "\n" };
        let mut src = String::new();
        if fm {
            src.push_str(&format!("---{nl}title: 标题{nl}date: 2024-01-01{nl}---{nl}"));
        }
        src.push_str(&format!("# 关于加强管理的通知{nl}"));
        src.push_str(&body);
        check(&src, true)?;
        check(&src, false)?;
    }
}

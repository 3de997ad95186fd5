//! `fix` is idempotent and changes no byte outside its edits: on every corpus document and
//! sample, and on random documents whose markers were edited at random (proptest).

mod common;

use common::{check_text, fix_text};
use gongwen::check::{apply, Config, Diagnostic, Edit};
use proptest::prelude::*;

/// The edits of all the fixes, as one round applies them: sorted, duplicates merged, and an
/// edit that overlaps an earlier one (or inserts where it did) left for the next round.
fn edits(diags: &[Diagnostic]) -> Vec<Edit> {
    let mut all: Vec<Edit> = diags
        .iter()
        .filter_map(|d| d.fix.as_ref())
        .flat_map(|f| f.edits.iter().cloned())
        .collect();
    all.sort();
    all.dedup();
    let mut out: Vec<Edit> = Vec::new();
    for e in all {
        let clash = out.last().is_some_and(|last: &Edit| {
            e.span.start < last.span.end
                || (e.span.start == last.span.start && e.span.is_empty() && last.span.is_empty())
        });
        if !clash {
            out.push(e);
        }
    }
    out
}

/// One round of fixing touches only the bytes of its edits, and every edit sits inside the
/// range its finding points at or inside a heading marker it renumbers.
fn assert_round_preserves(src: &str, markdown: bool) {
    let cfg = Config::default();
    let diags = check_text(src, markdown, &cfg);
    let es = edits(&diags);
    let out = apply(src, &diags);
    // rebuild the output from the untouched pieces and the replacements
    let mut at = 0;
    let mut rebuilt = String::new();
    for e in &es {
        assert!(e.span.start >= at, "overlapping edits");
        assert!(e.span.len() <= 12, "edit too wide: {:?}", e);
        rebuilt.push_str(&src[at..e.span.start]);
        rebuilt.push_str(&e.replacement);
        at = e.span.end;
    }
    rebuilt.push_str(&src[at..]);
    assert_eq!(rebuilt, out);
    // the pieces between edits are unchanged, byte for byte
    let mut pos_src = 0;
    let mut pos_out = 0;
    for e in &es {
        let keep = e.span.start - pos_src;
        assert_eq!(
            &src.as_bytes()[pos_src..e.span.start],
            &out.as_bytes()[pos_out..pos_out + keep]
        );
        pos_out += keep + e.replacement.len();
        pos_src = e.span.end;
    }
    assert_eq!(&src.as_bytes()[pos_src..], &out.as_bytes()[pos_out..]);
}

fn assert_idempotent(src: &str, markdown: bool) {
    let cfg = Config::default();
    let once = fix_text(src, markdown, &cfg);
    let twice = fix_text(&once, markdown, &cfg);
    assert_eq!(once, twice, "fixing twice changed something");
    let left: Vec<_> = check_text(&once, markdown, &cfg)
        .into_iter()
        .filter(|d| d.fix.is_some())
        .collect();
    assert!(left.is_empty(), "fixable findings left after fix: {left:?}");
}

fn assert_fix_is_idempotent_and_local(docs: &[common::Doc]) {
    for d in docs {
        assert_round_preserves(&d.text, d.markdown);
        assert_idempotent(&d.text, d.markdown);
    }
    println!("{} documents", docs.len());
}

#[test]
fn samples_fix_is_idempotent_and_local() {
    assert_fix_is_idempotent_and_local(&common::samples());
}

#[test]
#[ignore = "needs ../shared/corpus"]
fn corpus_fix_is_idempotent_and_local() {
    assert_fix_is_idempotent_and_local(&common::corpus());
}

const HEADS: &[&str] = &[
    "一、",
    "二、",
    "三、",
    "四、",
    "一.",
    "二，",
    "三：",
    "五 、",
    "（一）",
    "（二）",
    "(三)",
    "（四)",
    "（二）、",
    "1.",
    "2.",
    "3、",
    "4．",
    "（1）",
    "(2)",
    "（3）.",
    "①",
    "②、",
    "第一章",
    "第三章",
    "第一条",
    "第三条",
    "一是",
    "三是",
    "第一，",
    "第二、",
    "首先，",
];

const BODY: &[&str] = &[
    "总体要求",
    "加强组织领导。各地要高度重视。",
    "主要任务",
    "坚持问题导向",
    "国办发[2018]01号",
    "2023年01月05日",
    "附件:名单",
    "XX县人民政府",
    "正文内容……",
    "（略）",
];

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]
    #[test]
    fn random_markers(lines in proptest::collection::vec((0..HEADS.len(), 0..BODY.len(), any::<bool>()), 1..25), crlf in any::<bool>()) {
        let nl = if crlf { "\r\n" } else { "\n" };
        let mut src = format!("关于加强管理工作的通知{nl}");
        for (h, b, plain) in lines {
            if plain {
                src.push_str(BODY[b]);
            } else {
                src.push_str(HEADS[h]);
                src.push_str(BODY[b]);
            }
            src.push_str(nl);
        }
        assert_round_preserves(&src, false);
        assert_idempotent(&src, false);
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(400))]
    /// Any text: check, fix and every renderer run without panicking, and fix is idempotent.
    #[test]
    fn arbitrary_text(s in "[一二三四五十（）()、.．，：:1-9０①②第章节条是要首先其次，\\[\\]〔〕【】年月日附件号X×某…。#*<>!\\- \n\r　a-z]{0,160}", md in any::<bool>()) {
        let cfg = Config::default();
        let diags = check_text(&s, md, &cfg);
        let once = fix_text(&s, md, &cfg);
        prop_assert_eq!(fix_text(&once, md, &cfg), once.clone());
        let report = gongwen::check::render::Report {
            files: vec![gongwen::check::render::FileReport {
                name: "x.txt".into(),
                text: s.clone(),
                markdown: md,
                config: Default::default(),
                diagnostics: diags,
            }],
            errors: vec![],
        };
        for f in [
            gongwen::check::render::ReportFormat::Human,
            gongwen::check::render::ReportFormat::Json,
            gongwen::check::render::ReportFormat::Github,
            gongwen::check::render::ReportFormat::Sarif,
            gongwen::check::render::ReportFormat::Rdjson,
        ] {
            let mut out = Vec::new();
            gongwen::check::render::render(&report, f, false, &mut out).unwrap();
        }
    }
}

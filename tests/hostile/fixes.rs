//! Fixes are exact: a fix changes the bytes its diagnostic names and nothing else, and one run
//! of `fix` reaches the fixed point.

use gongwen::check::{apply, check, fix, render, Config, Diagnostic};
use gongwen::{parse, Format, Source};
use std::process::Command;

fn src(text: &str) -> Source {
    Source::from_str(text, Format::Text)
}

fn md(text: &str) -> Source {
    Source::from_str(text, Format::Markdown)
}

fn diagnostics(s: &Source) -> Vec<Diagnostic> {
    check(&parse(s), s, &Config::default())
}

/// `fix` of `s`, held to being one application of what `check` reports and to fixing nothing
/// more when run again.
fn fixed(s: &Source) -> String {
    let out = fix(s, &Config::default());
    assert_eq!(out, apply(s.text(), &diagnostics(s)), "more than one round");
    let again = Source::from_str(out.as_str(), s.format());
    assert_eq!(
        fix(&again, &Config::default()),
        out,
        "fixing twice changed it"
    );
    out
}

#[test]
fn dots_after_a_bracketed_marker_are_an_elision_not_punctuation() {
    // the dots are an elision: nothing is wrong, nothing changes
    let text = "关于加强管理的通知\n一、总体要求\n（一）......\n";
    assert_eq!(fixed(&src(text)), text);
    // something is wrong with the marker: only the marker changes
    let text = "关于加强管理的通知\n一、总体要求\n（三）......\n";
    assert_eq!(fixed(&src(text)), text.replace("（三）", "（一）"));
    // and no finding calls the first dot punctuation
    let s = src(text);
    assert!(diagnostics(&s).iter().all(|d| d.rule.code() != "GW122"));
}

#[test]
fn every_character_after_the_marker_is_kept() {
    let text = "关于加强管理的通知\n一、总体要求\n（二）......主要内容略\n";
    let out = fixed(&src(text));
    assert_eq!(
        out,
        "关于加强管理的通知\n一、总体要求\n（一）......主要内容略\n"
    );
    assert!(out.ends_with("）......主要内容略\n"));
    // an elision after a Chinese numeral is not its 、 either
    let text = "关于加强管理的通知\n一、总体要求\n二......\n";
    assert_eq!(fixed(&src(text)), text);
}

#[test]
fn one_run_reaches_the_fixed_point() {
    let text = "关于加强管理的通知\n一、总体要求\n（十）.....、.....\n";
    assert_eq!(
        fixed(&src(text)),
        "关于加强管理的通知\n一、总体要求\n（一）.....、.....\n"
    );
    // stray punctuation is named and removed whole, not one character a round
    let text = "关于加强管理的通知\n一、总体要求\n（一）.、，主要内容\n（二）、、主要任务\n";
    let s = src(text);
    let stray: Vec<&str> = diagnostics(&s)
        .iter()
        .filter(|d| d.rule.code() == "GW122")
        .map(|d| &text[d.span.start..d.span.end])
        .collect();
    assert_eq!(stray, [".、，", "、、"]);
    assert_eq!(
        fixed(&s),
        "关于加强管理的通知\n一、总体要求\n（一）主要内容\n（二）主要任务\n"
    );
}

#[test]
fn fix_check_passes_right_after_fix() {
    let dir = std::env::temp_dir().join(format!("gongwen-hostile-fixes-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let file = dir.join("通知.txt");
    let text =
        "关于加强管理的通知\n一、总体要求\n（十）.....、.....\n（三）、、主要任务\n三. 保障\n";
    std::fs::write(&file, text).unwrap();
    let run = |args: &[&str]| {
        Command::new(env!("CARGO_BIN_EXE_gongwen"))
            .args(args)
            .arg(&file)
            .output()
            .unwrap()
    };
    assert_eq!(
        run(&["fix", "--check"]).status.code(),
        Some(1),
        "nothing to fix"
    );
    assert!(run(&["fix"]).status.success());
    let out = run(&["fix", "--check"]);
    let fixed = std::fs::read_to_string(&file).unwrap();
    std::fs::remove_dir_all(&dir).ok();
    assert_eq!(
        out.status.code(),
        Some(0),
        "not fixed in one run: {fixed:?}"
    );
    assert_eq!(
        fixed,
        "关于加强管理的通知\n一、总体要求\n（一）.....、.....\n（二）主要任务\n二、 保障\n"
    );
}

#[test]
fn a_disabled_region_is_untouched() {
    let text = "# 关于加强管理的通知\n\n## 一、总则\n\n## 三、范围\n\n\
                <!-- gongwen-disable GW101 -->\n\n## 四、职责\n\n<!-- gongwen-enable -->\n\n\
                ## 五、附则\n\n<!-- gongwen-disable -->\n\n（三）、分工\n\n1、要求\n\n\
                <!-- gongwen-enable -->\n";
    let out = fixed(&md(text));
    // 三 is renumbered; the renumbering stops at 四, where GW101 is off, and 五 goes on from it
    assert_eq!(out, text.replace("三、范围", "二、范围"));
    let s = md(text);
    let from = text.find("<!-- gongwen-disable GW101").unwrap();
    for d in diagnostics(&s) {
        for e in d.fix.iter().flat_map(|f| &f.edits) {
            assert!(
                e.span.end <= from,
                "{} edits inside a disabled region: {e:?}",
                d.rule
            );
        }
    }
}

#[test]
fn a_sequence_of_two_thousand_is_checked_in_linear_space() {
    // every heading a repeat of the one before: each finding's fix renumbers its own marker, so
    // the findings hold 2,000 edits at most, not the 4,000,000 a whole renumbering on each
    // would be, and the JSON report stays far under 50 MB
    let text = "关于加强管理的通知\n".to_string() + &"一、加强组织领导\n".repeat(2_000);
    let s = src(&text);
    let diags = diagnostics(&s);
    let edits: usize = diags
        .iter()
        .filter_map(|d| d.fix.as_ref())
        .map(|f| f.edits.len())
        .sum();
    assert_eq!(diags.len(), 1_999);
    assert!(edits < 2_000, "{edits} edits");
    let report = render::Report {
        files: vec![render::FileReport {
            name: "x.txt".into(),
            text: text.clone(),
            markdown: false,
            config: Default::default(),
            diagnostics: diags,
        }],
        errors: vec![],
    };
    let mut json = Vec::new();
    render::render(&report, render::ReportFormat::Json, false, &mut json).unwrap();
    assert!(json.len() < 2_000 * 2_000, "{} bytes of JSON", json.len());
    assert!(json.len() < 50 << 20);
    // and fix renumbers all 2,000, past 一千, in one run
    let out = fixed(&s);
    assert!(out.contains("\n九百九十九、加强组织领导\n一千、加强组织领导\n"));
    assert!(out.ends_with("\n二千、加强组织领导\n"));
}

#[test]
fn a_sequence_starting_at_zero_is_checked_and_fixed() {
    // found by the fuzz targets: a finding with no share of the renumbering (its marker, 0.,
    // cannot be renumbered to 1. where the next is 2.) took one from an empty share; a build with
    // overflow checks (`cargo test`, the fuzz build) panicked
    let text = "工作通知\n一、工作要求\n为做好有关工作，提出如下要求：\n\
                0.提高思想认识。各单位要切实加强领导。\n\
                2.明确工作责任。主要负责同志要亲自抓。\n3.严格督促检查。\n";
    for s in [src(text), md(text)] {
        let diags = diagnostics(&s);
        assert!(diags.iter().any(|d| d.rule.code() == "GW103"), "{diags:?}");
        let out = fixed(&s);
        assert!(out.contains("0.提高") || out.contains("1.提高"), "{out}");
    }
}

#[test]
fn a_comment_closed_at_once_is_read_as_html_reads_it() {
    // found by the Markdown fuzz target: in `<!-->` the `-->` overlaps the opening, and the
    // disable-comment scan sliced backwards and panicked
    for text in [
        "关于加强档案管理的意见</p<!-->&emsp;一、总体要求\n二、主要任务\n",
        "关于意见\n<!--->\n一、总体要求\n<!-- gongwen-disable -->\n三、主要任务\n",
        "关于意见\n<!-->\n<!-- gongwen-disable GW101 -->\n一、总体要求\n三、主要任务\n",
    ] {
        let s = md(text);
        let diags = diagnostics(&s);
        assert!(
            diags.iter().all(|d| d.rule.code() != "GW101"),
            "{text:?}: {diags:?}"
        );
        fixed(&s);
    }
}

#[test]
fn a_point_right_after_a_wide_character_is_read_back_from() {
    // found by the fix property test: a point whose marker follows a wide character on its
    // line (二是 after a full-width space indent) made the look back for its series slice
    // inside that character
    for text in [
        "关于工作的通知\n要抓好三项工作。二是抓考核。\n三是抓督查。\n",
        "关于工作的通知\n会议指出：一是抓落实。二是抓考核。\n三是抓督查。\n",
        "关于工作的通知\n甲二是\n",
        "关于工作的通知\n会议要求：\n\u{3000}\u{3000}二是抓考核。\n\u{3000}\u{3000}三是抓督查。\n",
    ] {
        let s = src(text);
        let _ = diagnostics(&s);
        fixed(&s);
    }
}

#[test]
fn a_list_item_numbered_zero_is_checked_and_fixed() {
    // found by the fix property test: a list whose first item is numbered 0 looked for item -1
    // written inline before it (a build with overflow checks panicked)
    for text in [
        "０，①",
        "关于工作的通知\n第一条 要求如下：\n（〇）甲；\n（二）乙。\n",
    ] {
        let s = src(text);
        let _ = diagnostics(&s);
        fixed(&s);
    }
}

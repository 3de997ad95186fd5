//! Fixes are exact, and one run of `fix` reaches the fixed point: on every corpus document and
//! sample, and on random documents built from markers, elisions, disable comments, Chinese text
//! and odd punctuation (proptest). For every input `x`:
//!
//! - **exact**: `fix(x)` is `x` with the edits of the fixes that `check(x)` reports applied
//!   once, none of them overlapping another, so every byte that differs lies inside an edit of
//!   a reported diagnostic; and an edit lies inside its diagnostic's span, or, for a
//!   renumbering, in the markers its message says the fix renumbers;
//! - **idempotent**: `fix(fix(x)) == fix(x)`, and `check(fix(x))` has no fixable finding;
//! - **no edit where a rule is switched off**: no edit of a diagnostic lies where its rule (for
//!   a renumbering of GW101–GW104: any of them) is switched off by a `gongwen-disable` comment;
//! - **elisions are content**: the runs of elision characters (`……`, `......`, `。。。`, `···`)
//!   of `x`, and its notices (`（略）`), are in `fix(x)` as they were, in the same order.

mod common;

use common::{check_text, fix_text};
use gongwen::check::{Config, Diagnostic, Edit, Rule};
use proptest::prelude::*;

/// The rules whose fixes renumber a sequence, sharing the renumbering out among its findings.
fn renumbers(r: Rule) -> bool {
    matches!(
        r,
        Rule::NumberingGap
            | Rule::NumberingRepeat
            | Rule::NumberingStart
            | Rule::NumberingRestart
            | Rule::StatuteSequence
            | Rule::PointSequence
            | Rule::ListGap
            | Rule::ListRepeat
            | Rule::ListStart
    )
}

/// The rules that, switched off at a marker, keep a renumbering off it.
fn group(r: Rule) -> Vec<Rule> {
    match r {
        Rule::NumberingGap
        | Rule::NumberingRepeat
        | Rule::NumberingStart
        | Rule::NumberingRestart => vec![
            Rule::NumberingGap,
            Rule::NumberingRepeat,
            Rule::NumberingStart,
            Rule::NumberingRestart,
        ],
        r => vec![r],
    }
}

/// Whether `rule` is switched off at byte `at` of a Markdown text, by replaying its disable and
/// enable comments as the README describes them (written here again, not taken from the crate).
fn switched_off(text: &str, rule: Rule, at: usize) -> bool {
    let (mut all_off, mut off, mut on) = (false, false, false);
    let mut from = 0;
    while let Some(i) = text[from..].find("<!--") {
        let start = from + i;
        if start > at {
            break;
        }
        let Some(j) = text[start..].find("-->") else {
            break;
        };
        let mut words = text[start + 4..start + j].split_whitespace();
        let head = words.next().unwrap_or("");
        let names: Vec<&str> = words.collect();
        let named = names.iter().any(|w| Rule::from_key(w) == Some(rule));
        match (head, names.is_empty()) {
            ("gongwen-disable", true) => (all_off, on) = (true, false),
            ("gongwen-disable", false) if named => (off, on) = (true, false),
            ("gongwen-enable", true) => (all_off, off, on) = (false, false, false),
            ("gongwen-enable", false) if named => (off, on) = (false, true),
            _ => {}
        }
        from = start + j + 3;
    }
    (all_off && !on) || off
}

/// The elisions of a text, in order: maximal runs of `.` `。` `·` `・` (three or more) and of
/// `…` `⋯` (one or more), with their byte offsets.
fn elisions(text: &str) -> Vec<&str> {
    type Run = Option<(usize, char, usize, usize)>; // start, class, least length, length
    let class = |c: char| match c {
        '…' | '⋯' => Some(('…', 1)),
        '.' | '。' | '·' | '・' => Some((c, 3)),
        _ => None,
    };
    let mut out = Vec::new();
    let mut run: Run = None;
    fn close<'t>(text: &'t str, run: Run, end: usize, out: &mut Vec<&'t str>) {
        if let Some((s, _, min, n)) = run {
            if n >= min {
                out.push(&text[s..end]);
            }
        }
    }
    for (i, c) in text.char_indices() {
        match (run, class(c)) {
            (Some((s, k, min, n)), Some((k2, _))) if k == k2 => run = Some((s, k, min, n + 1)),
            (_, cl) => {
                close(text, run, i, &mut out);
                run = cl.map(|(k, min)| (i, k, min, 1));
            }
        }
    }
    close(text, run, text.len(), &mut out);
    out
}

/// Notices the generator writes; each is as often in the fixed text as in the input.
const NOTICES: &[&str] = &[
    "（略）",
    "（未完，全文共6831字）",
    "(…省略854字…)",
    "（本文有删减）",
];

/// Every reported edit with its diagnostic, in source order; panics when two overlap or when
/// an edit is not where its diagnostic says.
fn reported_edits(diags: &[Diagnostic]) -> Vec<(&Edit, &Diagnostic)> {
    let mut es: Vec<(&Edit, &Diagnostic)> = Vec::new();
    for d in diags {
        let Some(f) = &d.fix else { continue };
        assert!(!f.edits.is_empty(), "an empty fix: {d:?}");
        let inside = |e: &Edit| d.span.start <= e.span.start && e.span.end <= d.span.end;
        if renumbers(d.rule) {
            // the first edit renumbers the diagnostic's own marker; the message names the rest
            assert!(inside(&f.edits[0]), "renumbering off its marker: {d:?}");
            if f.edits.len() > 1 {
                let says = format!("the {} after it", f.edits.len() - 1);
                assert!(
                    d.message_en.contains(&says),
                    "renumbers {} markers, says not: {d:?}",
                    f.edits.len()
                );
            }
        } else {
            assert!(
                f.edits.iter().all(inside),
                "edit outside its finding: {d:?}"
            );
        }
        es.extend(f.edits.iter().map(|e| (e, d)));
    }
    es.sort_by_key(|(e, _)| (e.span.start, e.span.end));
    for w in es.windows(2) {
        let (a, b) = (w[0].0, w[1].0);
        let clash =
            b.span.start < a.span.end || (b.span.start == a.span.start && b.span.is_empty());
        assert!(!clash, "edits overlap: {:?} and {:?}", w[0], w[1]);
    }
    es
}

/// `text` with `edits` applied: sorted, none overlapping.
fn applied(text: &str, edits: &[(&Edit, &Diagnostic)]) -> String {
    let mut out = String::new();
    let mut at = 0;
    for (e, _) in edits {
        out.push_str(&text[at..e.span.start]);
        out.push_str(&e.replacement);
        at = e.span.end;
    }
    out.push_str(&text[at..]);
    out
}

/// How many rounds of check and apply a fix may take. Nearly every input takes one; a fix can
/// change how the document reads (renumbering 二、 to 一、 makes a following "二，" its next
/// heading, whose 、 is then due), and the next round fixes what that shows.
const ROUNDS: usize = 3;

/// One round on `text`: what `check` reports there, held to the promises; returns the text
/// with its edits applied and how many there were.
fn round(text: &str, markdown: bool, cfg: &Config) -> (String, usize) {
    let diags = check_text(text, markdown, cfg);
    let es = reported_edits(&diags);
    if markdown {
        for (e, d) in &es {
            for r in group(d.rule) {
                assert!(
                    !switched_off(text, r, e.span.start),
                    "{} edits at {} where {r} is switched off: {d:?}",
                    d.rule,
                    e.span.start
                );
            }
        }
    }
    (applied(text, &es), es.len())
}

/// Every promise of the module doc on one input; returns how many rounds made edits.
fn assert_fix_promises(x: &str, markdown: bool, cfg: &Config) -> usize {
    let mut text = x.to_string();
    let mut rounds = 0;
    loop {
        let (next, n) = round(&text, markdown, cfg);
        if n == 0 {
            break;
        }
        rounds += 1;
        assert!(
            rounds <= ROUNDS,
            "no fixed point after {ROUNDS} rounds: {x:?}"
        );
        text = next;
    }
    let once = fix_text(x, markdown, cfg);
    assert_eq!(once, text, "fix is not its rounds of the reported edits");
    // elisions and notices are content
    assert_eq!(elisions(x), elisions(&once), "an elision changed");
    for n in NOTICES {
        assert_eq!(
            x.matches(n).count(),
            once.matches(n).count(),
            "notice {n} changed"
        );
    }
    // the fixed point
    assert_eq!(
        fix_text(&once, markdown, cfg),
        once,
        "fixing twice changed something"
    );
    rounds
}

fn assert_all_docs(docs: &[common::Doc]) {
    let mut fixed = 0;
    for d in docs {
        let rounds = assert_fix_promises(&d.text, d.markdown, &Config::default());
        assert!(rounds <= 1, "{}: fixed in {rounds} rounds", d.name);
        fixed += rounds;
    }
    println!("{} documents, {fixed} fixed in one round", docs.len());
}

#[test]
fn samples_fix_is_exact_and_idempotent() {
    assert_all_docs(&common::samples());
}

#[test]
#[ignore = "needs ../shared/corpus"]
fn corpus_fix_is_exact_and_idempotent() {
    assert_all_docs(&common::corpus());
}

const MARKERS: &[&str] = &[
    "一、",
    "二、",
    "三、",
    "四、",
    "十、",
    "一.",
    "二，",
    "三：",
    "五 、",
    "一 ",
    "（一）",
    "（二）",
    "(三)",
    "（四)",
    "（十）",
    "（二）、",
    "（一）.",
    "（一）..",
    "（三）、、",
    "（二）.、",
    "1.",
    "2.",
    "3、",
    "4．",
    "1、",
    "12.",
    "（1）",
    "(2)",
    "（3）.",
    "①",
    "②、",
    "③.",
    "第一章",
    "第三章",
    "第二节",
    "第一条",
    "第三条",
    "一是",
    "三是",
    "二要",
    "第一，",
    "第二、",
    "其一，",
    "首先，",
    "1.1",
    "1.2.",
    "2.1.1",
];

const ELISIONS: &[&str] = &[
    "……",
    "......",
    "...",
    "....",
    "。。。",
    "···",
    "・・・",
    "⋯⋯",
    "…",
    "（略）",
    "（未完，全文共6831字）",
    "(…省略854字…)",
    "（本文有删减）",
];

const TEXT: &[&str] = &[
    "总体要求",
    "加强组织领导。",
    "主要任务",
    "坚持问题导向，",
    "各地要高度重视",
    "XX县人民政府",
    "国办发[2018]01号",
    "2023年01月05日",
    "附件:名单",
    "主要内容略",
    "保障措施",
];

const ODD: &[&str] = &[
    "。", ".", "..", "、", "，", ":", "：", "；", " ", "　", "(", ")", "〔", "〕", "[", "]", "——",
    "。。", "、、",
];

const SWITCHES: &[&str] = &[
    "<!-- gongwen-disable -->",
    "<!-- gongwen-disable GW101 -->",
    "<!-- gongwen-disable GW122 GW103 -->",
    "<!-- gongwen-disable GW102 GW104 -->",
    "<!-- gongwen-disable GW161 GW151 -->",
    "<!-- gongwen-disable GW141 GW121 -->",
    "<!-- gongwen-enable -->",
    "<!-- gongwen-enable GW101 -->",
];

/// The configurations the documents are checked under.
fn config(k: usize) -> Config {
    let toml = [
        "",
        "[rules]\nGW101 = \"off\"\n",
        "[rules]\nGW102 = \"off\"\n",
        "[rules]\nGW103 = \"off\"\nGW104 = \"off\"\n",
        "[house]\narabic-dot = \"．\"\n",
    ][k];
    Config::from_toml(toml).expect("a valid configuration")
}

/// One fragment of a line: a marker, an elision, text, odd punctuation or a switch.
fn fragment() -> impl Strategy<Value = String> {
    let pick = |v: &'static [&'static str]| (0..v.len()).prop_map(move |i| v[i].to_string());
    prop_oneof![
        3 => pick(MARKERS),
        3 => pick(ELISIONS),
        4 => pick(TEXT),
        3 => pick(ODD),
        1 => pick(SWITCHES),
    ]
}

/// A document: a title, then lines of fragments, each line possibly led by a marker, or a
/// switch on its own line.
fn document() -> impl Strategy<Value = String> {
    let line = prop_oneof![
        5 => (0..MARKERS.len(), proptest::collection::vec(fragment(), 0..4))
            .prop_map(|(m, f)| format!("{}{}", MARKERS[m], f.concat())),
        2 => proptest::collection::vec(fragment(), 1..4).prop_map(|f| f.concat()),
        1 => (0..SWITCHES.len()).prop_map(|s| SWITCHES[s].to_string()),
    ];
    proptest::collection::vec(line, 1..20)
        .prop_map(|ls| format!("关于加强管理工作的通知\n{}\n", ls.join("\n")))
}

/// A document of numbered headings and points, their numbers at random, with switches and an
/// elision now and then between them: renumbering at work.
fn numbered() -> impl Strategy<Value = String> {
    let forms: [fn(u32) -> String; 6] = [
        |n| format!("{}、标题", cn(n)),
        |n| format!("（{}）标题", cn(n)),
        |n| format!("{n}.标题"),
        |n| format!("第{}章　总则", cn(n)),
        |n| format!("{}是加强领导。", cn(n)),
        |n| format!("{} 标题", cn(n)),
    ];
    let line = prop_oneof![
        8 => (0..forms.len(), 1u32..14).prop_map(move |(f, n)| forms[f](n)),
        2 => (0..SWITCHES.len()).prop_map(|s| SWITCHES[s].to_string()),
        1 => (0..ELISIONS.len()).prop_map(|e| ELISIONS[e].to_string()),
    ];
    proptest::collection::vec(line, 1..30)
        .prop_map(|ls| format!("关于加强管理工作的通知\n{}\n", ls.join("\n")))
}

/// 1 → 一, 12 → 十二.
fn cn(n: u32) -> String {
    const D: [&str; 10] = ["", "一", "二", "三", "四", "五", "六", "七", "八", "九"];
    match n {
        1..=9 => D[n as usize].to_string(),
        10 => "十".to_string(),
        _ => format!("十{}", D[(n % 10) as usize]),
    }
}

/// Runs the promises on `PROPTEST_CASES` (2,000 unless set) documents from `docs`, each read
/// as text or Markdown and checked under one of the [`config`]s, and prints how many were
/// fixed, in how many rounds.
fn random_documents_of(name: &str, docs: impl Strategy<Value = String>) {
    let n = std::env::var("PROPTEST_CASES")
        .ok()
        .and_then(|v| v.parse().ok());
    let mut runner = proptest::test_runner::TestRunner::new(ProptestConfig {
        cases: n.unwrap_or(2000),
        failure_persistence: None,
        ..ProptestConfig::default()
    });
    let rounds = std::cell::RefCell::new([0usize; ROUNDS + 1]);
    let result = runner.run(&(docs, any::<bool>(), 0..5usize), |(x, markdown, k)| {
        let r = assert_fix_promises(&x, markdown, &config(k));
        rounds.borrow_mut()[r] += 1;
        Ok(())
    });
    if let Err(e) = result {
        panic!("{name}: {e}");
    }
    let r = rounds.borrow();
    println!(
        "{name}: {} cases; {} left as they were, {} fixed in one round, {} in two, {} in three",
        r.iter().sum::<usize>(),
        r[0],
        r[1],
        r[2],
        r[3]
    );
}

#[test]
fn random_documents() {
    random_documents_of("random_documents", document());
}

#[test]
fn random_numbering() {
    random_documents_of("random_numbering", numbered());
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(400))]
    /// Any text: check, fix and every renderer run without panicking, and fix keeps its
    /// promises.
    #[test]
    fn arbitrary_text(s in "[一二三四五十（）()、.．，：:1-9０①②第章节条是要首先其次，\\[\\]〔〕【】年月日附件号X×某…。#*<>!\\- \n\r　a-z]{0,160}", md in any::<bool>()) {
        let cfg = Config::default();
        let diags = check_text(&s, md, &cfg);
        assert_fix_promises(&s, md, &cfg);
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

#[test]
fn the_elision_scan_finds_runs() {
    assert_eq!(elisions("（一）......主要.."), vec!["......"]);
    assert_eq!(elisions("甲……乙。。。丙··"), vec!["……", "。。。"]);
    assert!(switched_off(
        "<!-- gongwen-disable GW101 -->\n一、",
        Rule::NumberingGap,
        40
    ));
    let off = |text: &str, at| switched_off(text, Rule::NumberingGap, at);
    assert!(!off("一、\n<!-- gongwen-disable GW101 -->", 0));
    assert!(!off("<!-- gongwen-disable GW102 -->\n一、", 40));
    assert!(!off(
        "<!-- gongwen-disable -->\n<!-- gongwen-enable GW101 -->\n一、",
        70
    ));
    assert!(off(
        "<!-- gongwen-disable -->\n<!-- gongwen-enable GW102 -->\n一、",
        70
    ));
}

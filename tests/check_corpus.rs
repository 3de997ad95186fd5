//! On corpus documents whose numbering is correct, `check` reports no numbering findings.
//!
//! Which documents are correct was decided by reading them. The exceptions below are listed
//! with the reason; every other corpus document (and any document added to the corpus later)
//! must come out clean. Findings of other rules (elisions, 。 after a heading, 发文字号
//! brackets) are not numbering findings and are not checked here.

mod common;

use common::check_text;
use gongwen::check::Config;
use gongwen::LineIndex;

/// The numbering rules: sibling sequences, level use, statute and point series.
const NUMBERING: &[&str] = &[
    "GW101", "GW102", "GW103", "GW104", "GW111", "GW151", "GW152", "GW153", "GW161", "GW162",
];

/// (document, rule, why the finding is right or accepted).
const EXPECTED: &[(&str, &str, &str)] = &[
    (
        "rpt-10.txt",
        "GW104",
        "a scraped preview page: its table of contents lists 一、…八、 and the body starts again at 一、",
    ),
];

#[test]
#[ignore = "needs ../shared/corpus"]
fn no_numbering_findings_on_correct_documents() {
    let cfg = Config::default();
    let mut unexpected = Vec::new();
    let mut seen_expected = Vec::new();
    let docs = common::corpus();
    for d in &docs {
        let idx = LineIndex::new(&d.text);
        for x in check_text(&d.text, d.markdown, &cfg) {
            if !NUMBERING.contains(&x.rule.code()) {
                continue;
            }
            let line = idx.line_of(x.span.start);
            if let Some(e) = EXPECTED
                .iter()
                .find(|e| e.0 == d.name && e.1 == x.rule.code())
            {
                seen_expected.push(e.0);
                println!(
                    "expected: {} line {line} {}: {} ({})",
                    d.name, x.rule, x.message_zh, e.2
                );
            } else {
                unexpected.push(format!(
                    "{} line {line} {}: {}",
                    d.name, x.rule, x.message_zh
                ));
            }
        }
    }
    println!("{} corpus documents", docs.len());
    assert!(
        unexpected.is_empty(),
        "numbering findings on correct documents:\n{}",
        unexpected.join("\n")
    );
    // the listed exceptions are still there in the shared corpus (the list must not go stale)
    for e in EXPECTED {
        if std::env::var_os("GONGWEN_CORPUS").is_none() {
            assert!(
                seen_expected.contains(&e.0),
                "{} {} no longer reported; update the list",
                e.0,
                e.1
            );
        }
    }
}

#[test]
fn samples_have_no_numbering_findings() {
    let cfg = Config::default();
    for d in common::samples() {
        let bad: Vec<_> = check_text(&d.text, d.markdown, &cfg)
            .into_iter()
            .filter(|x| NUMBERING.contains(&x.rule.code()))
            .map(|x| format!("{} {}", x.rule, x.message_zh))
            .collect();
        assert!(bad.is_empty(), "{}: {bad:?}", d.name);
    }
}

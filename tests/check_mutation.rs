//! The mutation test: for every corpus document and every sample, inject one error at one
//! heading (a gap, a duplicate, wrong punctuation, half-width brackets, a stray 、, a skipped
//! level), check that `check` reports it at that line with the right rule, and, for the kinds
//! that are fixable, that `fix` gives back exactly what fixing the original gives (the original
//! itself when the original needed no fix). Prints the recall per kind; requires, per kind, the
//! figures measured on the corpus (or on the samples alone, for the test that needs nothing else).

mod common;

use common::{check_text, fix_text};
use gongwen::check::Config;
use gongwen::tree::Family;
use gongwen::tree::{Block, Section};
use gongwen::{LineIndex, Span};
use std::collections::BTreeMap;

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
enum Kind {
    Gap,
    Duplicate,
    WrongPunct,
    HalfWidth,
    StrayComma,
    SkippedLevel,
}

impl Kind {
    /// Whether `fix` is meant to repair a mutation of this kind in family `f`: statute numbers
    /// (编/章/节/条) are reported but never renumbered, a law being cited by them.
    fn fixable(self, f: Family) -> bool {
        let statute_number = f.is_statute() && matches!(self, Kind::Gap | Kind::Duplicate);
        !matches!(self, Kind::SkippedLevel) && !statute_number
    }
}

struct Mutation {
    kind: Kind,
    family: Family,
    text: String,
    line: usize,
    rule: &'static str,
}

fn humanities(f: Family) -> bool {
    matches!(
        f,
        Family::CnComma
            | Family::CnParen
            | Family::ArabicDot
            | Family::ArabicParen
            | Family::Circled
    )
}

/// The number inside a marker's source text.
fn numeral(src: &str, m: Span) -> Option<Span> {
    let s = &src[m.range()];
    let is_num = |c: char| {
        c.is_ascii_digit()
            || ('０'..='９').contains(&c)
            || "〇零一二三四五六七八九十百两".contains(c)
            || ('①'..='⑳').contains(&c)
    };
    let start = s.char_indices().find(|(_, c)| is_num(*c))?.0;
    let len: usize = s[start..]
        .chars()
        .take_while(|c| is_num(*c))
        .map(char::len_utf8)
        .sum();
    Some(Span::new(m.start + start, m.start + start + len))
}

fn write_like(old: &str, n: u32) -> String {
    let c = old.chars().next().unwrap_or('1');
    if "〇零一二三四五六七八九十百两".contains(c) {
        Family::CnComma.render(n).trim_end_matches('、').to_string()
    } else if ('①'..='⑳').contains(&c) {
        char::from_u32('①' as u32 + n.clamp(1, 20) - 1)
            .unwrap()
            .to_string()
    } else if ('０'..='９').contains(&c) {
        n.to_string()
            .chars()
            .map(|d| char::from_u32(d as u32 - '0' as u32 + '０' as u32).unwrap())
            .collect()
    } else {
        n.to_string()
    }
}

fn splice(src: &str, span: Span, with: &str) -> String {
    format!("{}{}{}", &src[..span.start], with, &src[span.end..])
}

/// Sections with their nearest numbered ancestor's family and their position among siblings
/// of their family.
fn sections<'a>(
    blocks: &'a [Block],
    parent: Option<Family>,
    out: &mut Vec<(&'a Section, Option<Family>, usize)>,
) {
    let mut pos: BTreeMap<Family, usize> = BTreeMap::new();
    for b in blocks {
        if matches!(
            b,
            Block::Subtitle(_) | Block::Title(_) | Block::Attachment(_)
        ) {
            pos.clear();
        }
        match b {
            Block::Section(s) => {
                let fam = s.marker.as_ref().map(|m| m.family);
                if let Some(f) = fam {
                    let p = pos.entry(f).or_insert(0);
                    *p += 1;
                    out.push((s, parent, *p));
                }
                let own = fam.filter(|f| *f != Family::Unnumbered);
                sections(&s.children, own.or(parent), out);
            }
            _ => sections(b.children(), parent, out),
        }
    }
}

fn mutations(src: &str, markdown: bool) -> Vec<Mutation> {
    let doc = gongwen::parse(&common::source(src, markdown));
    let idx = LineIndex::new(src);
    let mut secs = Vec::new();
    sections(&doc.blocks, None, &mut secs);
    let mut out = Vec::new();
    for (i, (s, parent, k)) in secs.iter().enumerate() {
        let m = s.marker.as_ref().unwrap();
        let f = m.family;
        if f == Family::Unnumbered || matches!(f, Family::Decimal2 | Family::Decimal3) {
            continue;
        }
        if src[m.span.range()] != m.raw {
            continue; // markup inside the marker; the mutation would not be one heading's text
        }
        let line = idx.line_of(m.span.start);
        let mut push = |kind, text: String, rule| {
            out.push(Mutation {
                kind,
                family: f,
                text,
                line,
                rule,
            })
        };
        let seq_rule = match f {
            Family::Article => "GW152",
            f if f.is_statute() => "GW151",
            _ => "",
        };
        if let Some(num) = numeral(src, m.span) {
            let old = &src[num.range()];
            if m.ordinal as usize == *k {
                // a first heading moved up is a sequence that does not start at 1
                let r = match (seq_rule, *k) {
                    ("", 1) => "GW103",
                    ("", _) => "GW101",
                    (r, _) => r,
                };
                push(
                    Kind::Gap,
                    splice(src, num, &write_like(old, m.ordinal + 1)),
                    r,
                );
                if m.ordinal >= 2 {
                    let r = if seq_rule.is_empty() {
                        "GW102"
                    } else {
                        seq_rule
                    };
                    push(
                        Kind::Duplicate,
                        splice(src, num, &write_like(old, m.ordinal - 1)),
                        r,
                    );
                }
            }
        }
        match (f, m.punct.as_str()) {
            (Family::CnComma, "、") => {
                let wrong = [".", "，", "．", "：", ","][i % 5];
                push(Kind::WrongPunct, splice(src, m.punct_span, wrong), "GW121");
            }
            (Family::ArabicDot, "." | "．") => {
                let wrong = ["、", "）"][i % 2];
                push(Kind::WrongPunct, splice(src, m.punct_span, wrong), "GW121");
            }
            _ => {}
        }
        if matches!(f, Family::CnParen | Family::ArabicParen | Family::Circled)
            && m.punct.is_empty()
        {
            push(
                Kind::StrayComma,
                splice(src, Span::new(m.punct_span.start, m.punct_span.start), "、"),
                "GW122",
            );
        }
        if matches!(f, Family::CnParen | Family::ArabicParen) && m.brackets == Some(('（', '）'))
        {
            let half = m.raw.replace('（', "(").replace('）', ")");
            push(Kind::HalfWidth, splice(src, m.span, &half), "GW131");
        }
        if let Some(p) = parent {
            if humanities(f) && humanities(*p) && f.gbt_rank() == p.gbt_rank() + 1 && *k == 1 {
                let target = match p {
                    Family::CnComma => Some(Family::ArabicDot),
                    Family::CnParen => Some(Family::ArabicParen),
                    Family::ArabicDot => Some(Family::Circled),
                    _ => None,
                };
                if let Some(t) = target {
                    let mut r = t.render(m.ordinal);
                    if t == Family::ArabicDot && m.punct_span.end < m.span.end {
                        r.push_str(&src[m.punct_span.end..m.span.end]);
                    }
                    push(Kind::SkippedLevel, splice(src, m.span, &r), "GW111");
                }
            }
        }
    }
    out
}

/// The least recall, and the least share of fixes that restore the original (for the kinds
/// `fix` repairs), per kind.
type Floors = [(Kind, f64, Option<f64>); 6];

/// As measured on the corpus and the samples together. (Gap: the one gap neither found nor
/// restored is in a title glued to its first heading; with statute gaps no longer fixed it is
/// one of 193 fixable ones.)
const CORPUS_FLOORS: Floors = [
    (Kind::Gap, 0.996, Some(0.994)),
    (Kind::Duplicate, 1.0, Some(1.0)),
    (Kind::WrongPunct, 0.980, Some(0.980)),
    (Kind::HalfWidth, 1.0, Some(1.0)),
    (Kind::StrayComma, 1.0, Some(1.0)),
    (Kind::SkippedLevel, 1.0, None),
];

/// As measured on the samples alone.
const SAMPLE_FLOORS: Floors = [
    (Kind::Gap, 1.0, Some(1.0)),
    (Kind::Duplicate, 1.0, Some(1.0)),
    (Kind::WrongPunct, 1.0, Some(1.0)),
    (Kind::HalfWidth, 1.0, Some(1.0)),
    (Kind::StrayComma, 1.0, Some(1.0)),
    (Kind::SkippedLevel, 1.0, None),
];

#[test]
fn mutation_recall_on_samples() {
    mutation_recall(&common::samples(), &SAMPLE_FLOORS);
}

#[test]
#[ignore = "needs ../shared/corpus"]
fn mutation_recall_on_corpus_and_samples() {
    let docs: Vec<_> = common::corpus()
        .into_iter()
        .chain(common::samples())
        .collect();
    mutation_recall(&docs, &CORPUS_FLOORS);
}

fn mutation_recall(docs: &[common::Doc], floors: &Floors) {
    let cfg = Config::default();
    // A skipped level is measured with `strict-levels`: by default a skip the document makes
    // wherever it could (one 1. under its only 一、) is its house style, and the mutation
    // makes one skip, which may be the document's only use of the level.
    let mut strict = Config::default();
    strict.house.strict_levels = true;
    let cfg_of = |k: Kind| {
        if k == Kind::SkippedLevel {
            &strict
        } else {
            &cfg
        }
    };
    // kind → (eligible, detected, fixable, restored, restored to the exact original)
    let mut stats: BTreeMap<Kind, [usize; 5]> = BTreeMap::new();
    let mut misses: Vec<String> = Vec::new();
    for d in docs {
        let before = check_text(&d.text, d.markdown, &cfg);
        let before_strict = check_text(&d.text, d.markdown, &strict);
        let fixed_original = fix_text(&d.text, d.markdown, &cfg);
        let idx = LineIndex::new(&d.text);
        for m in mutations(&d.text, d.markdown) {
            // a finding the original already had at that line proves nothing
            let before = if m.kind == Kind::SkippedLevel {
                &before_strict
            } else {
                &before
            };
            if before
                .iter()
                .any(|x| x.rule.code() == m.rule && idx.line_of(x.span.start) == m.line)
            {
                continue;
            }
            let st = stats.entry(m.kind).or_default();
            st[0] += 1;
            let midx = LineIndex::new(&m.text);
            let diags = check_text(&m.text, d.markdown, cfg_of(m.kind));
            if diags
                .iter()
                .any(|x| x.rule.code() == m.rule && midx.line_of(x.span.start) == m.line)
            {
                st[1] += 1;
            } else if misses.len() < 40 {
                let line = m.text.lines().nth(m.line - 1).unwrap_or("");
                misses.push(format!(
                    "{} {:?} line {}: {}",
                    d.name,
                    m.kind,
                    m.line,
                    line.chars().take(40).collect::<String>()
                ));
            }
            if m.kind.fixable(m.family) {
                st[2] += 1;
                let fixed = fix_text(&m.text, d.markdown, &cfg);
                if fixed == fixed_original {
                    st[3] += 1;
                    if fixed == d.text {
                        st[4] += 1;
                    }
                } else if misses.len() < 40 {
                    misses.push(format!(
                        "{} {:?} line {}: fix did not restore",
                        d.name, m.kind, m.line
                    ));
                }
            }
        }
    }
    println!("documents: {}", docs.len());
    println!(
        "{:<14} {:>8} {:>8} {:>7} {:>8} {:>8} {:>7}",
        "kind", "eligible", "detected", "recall", "fixable", "restored", "exact"
    );
    for (k, s) in &stats {
        println!(
            "{:<14} {:>8} {:>8} {:>7.3} {:>8} {:>8} {:>7}",
            format!("{k:?}"),
            s[0],
            s[1],
            s[1] as f64 / s[0].max(1) as f64,
            s[2],
            s[3],
            s[4]
        );
    }
    for m in &misses {
        println!("miss: {m}");
    }
    for &(k, recall, restored) in floors {
        let s = stats.get(&k).copied().unwrap_or_default();
        assert!(s[0] > 0, "{k:?}: no mutation of this kind");
        assert!(
            s[1] as f64 / s[0] as f64 >= recall,
            "{k:?}: recall {}/{} below {recall}",
            s[1],
            s[0]
        );
        if let Some(restored) = restored {
            assert!(s[2] > 0, "{k:?}: no fixable mutation of this kind");
            assert!(
                s[3] as f64 / s[2] as f64 >= restored,
                "{k:?}: fix restored {}/{} below {restored}",
                s[3],
                s[2]
            );
        }
    }
}

#[test]
fn mutations_on_a_small_document() {
    let src = "关于加强管理的通知\n一、总体要求\n（一）指导思想\n（二）基本原则\n1.坚持\n2.坚持\n二、主要任务\n三、保障措施\n";
    let ms = mutations(src, false);
    for kind in [
        Kind::Gap,
        Kind::Duplicate,
        Kind::WrongPunct,
        Kind::HalfWidth,
        Kind::StrayComma,
        Kind::SkippedLevel,
    ] {
        assert!(ms.iter().any(|m| m.kind == kind), "no {kind:?} mutation");
    }
    let cfg = Config::default();
    for m in ms {
        let idx = LineIndex::new(&m.text);
        let d = check_text(&m.text, false, &cfg);
        assert!(
            d.iter()
                .any(|x| x.rule.code() == m.rule && idx.line_of(x.span.start) == m.line),
            "{:?} at line {} not reported:\n{}",
            m.kind,
            m.line,
            m.text
        );
        if m.kind.fixable(m.family) {
            assert_eq!(fix_text(&m.text, false, &cfg), src, "{:?}", m.kind);
        }
    }
}

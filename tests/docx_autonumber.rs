//! Word's automatic numbering: every labelled document of `../shared/corpus` and
//! `../shared/seeds`, and every text and Markdown sample, is written as a DOCX whose heading
//! numbers are a Word multilevel list (`numbering.xml`), the typed markers taken out of the
//! paragraphs, and read back: the DOCX must give the text's outline (heading F1 ≥ 0.99, a row
//! matching on line, kind, level, marker and title) and the same `check` findings (line and rule
//! of each; the messages may differ, since those of the DOCX say Word numbering made the
//! marker).
//!
//! The package is written here by hand, so that every part of it is what the test says:
//! - one `w:p` per line of the text, so that line N of the DOCX is line N of the text (a Markdown
//!   line holds its text with the markup seen through: `#`, emphasis, tags and entities);
//! - the markers of 一、 / （一） / 1. / （1） and 第X章 / 第X节 / 第X条 become levels of one
//!   `abstractNum` (`chineseCounting "%1、"`, `decimal "%3."`, … with the punctuation the
//!   document uses), and 1.1 under a heading a level of `%1.%2` (with `w:isLgl` under 一、,
//!   which writes the 一 as 1 — Word's legal numbering; LibreOffice 7.4 ignores `w:isLgl` and
//!   shows 二.1, Word shows 2.1, and the reader is to follow Word); a marker the list cannot
//!   write (1.1.1, ①, 第十条之一, full-width digits, a number above 99 in Chinese, a
//!   punctuation the rest of its level does not use) stays typed beside the generated ones;
//! - a number that is not the list's next value (a gap or a repeat in the text, which `check`
//!   must still find, or a restart Word would not make) starts a new `w:num` whose
//!   `w:lvlOverride`/`w:startOverride` give every level its next value;
//! - in every other document (by sorted index) the levels are linked to the heading styles
//!   (`Heading1`… carry the `w:numPr`, the levels carry `w:pStyle`, the paragraphs name only
//!   the style); in the others each paragraph carries its own `w:numPr`;
//! - the number is followed by a tab (the default `w:suff`) in half of each of those halves, by
//!   nothing (`w:suff="nothing"`, the text keeping its own space) in the other.
//!
//! Most documents are clean, and two clean readings agree on having no findings; so each
//! document is also compared with numbering errors put in (the first marker of a list level
//! written one higher, or the middle one), which `check` must find on the generated markers
//! as it finds them on typed ones. GW113 (a Markdown heading's `#` depth) is not compared: a
//! DOCX has no `#`.
//!
//! A typed twin of every DOCX (the markers left in the text, no list) must give the text's
//! outline already: what it misses is a gap of the plain reader, not of the numbering.
//!
//! With `GONGWEN_KEEP_DOCX=DIR` the packages are kept in `DIR/auto` and `DIR/typed`, each
//! `NAME.docx` with the text it should show beside it (`NAME.docx.txt`, one line per paragraph;
//! `soffice --headless --convert-to txt:Text` of the package should print the same numbers).
#![cfg(feature = "docx")]

use gongwen::check::{check, Config, Rule};
use gongwen::tree::{Block, Family};
use gongwen::write::outline::rows;
use gongwen::{parse, Format, LineIndex, Source};
use std::collections::{BTreeMap, BTreeSet};
use std::io::Write as _;
use std::path::{Path, PathBuf};

// ---------------------------------------------------------------------------------------------
// The documents

/// A document of the collection: its name (folder/file) and source.
struct Doc {
    name: String,
    src: Source,
}

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// `../shared/NAME` beside the crate; panics when it is not there.
fn shared(name: &str) -> PathBuf {
    let p = root().join("..").join("shared").join(name);
    assert!(
        p.is_dir(),
        "needs ../shared/{name}: {} is not a directory (put the shared data beside the checkout)",
        p.display()
    );
    p
}

/// The `.txt` and `.md` files of `dir`, sorted; with `labelled`, only those with an
/// `ID.outline.tsv` beside them. Panics when there are none.
fn docs_in(dir: &Path, labelled: bool) -> Vec<Doc> {
    let folder = dir.file_name().unwrap().to_string_lossy().into_owned();
    let mut paths: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap_or_else(|e| panic!("cannot read {}: {e}", dir.display()))
        .map(|e| e.unwrap().path())
        .filter(|p| matches!(p.extension().and_then(|e| e.to_str()), Some("txt" | "md")))
        .filter(|p| !p.to_string_lossy().contains(".outline."))
        .filter(|p| !labelled || p.with_extension("outline.tsv").is_file())
        .collect();
    paths.sort();
    let docs: Vec<Doc> = paths
        .iter()
        .map(|p| Doc {
            name: format!("{folder}/{}", p.file_name().unwrap().to_string_lossy()),
            src: Source::from_path(p).unwrap_or_else(|e| panic!("{}: {e}", p.display())),
        })
        .collect();
    assert!(
        !docs.is_empty(),
        "no {}.txt or .md documents in {}",
        if labelled { "labelled " } else { "" },
        dir.display()
    );
    docs
}

/// The corpus, the seeds and the samples, in that order.
fn collection() -> Vec<Doc> {
    let mut v = docs_in(&shared("corpus"), true);
    v.extend(docs_in(&shared("seeds"), true));
    v.extend(docs_in(&root().join("samples"), false));
    v
}

/// Numbering errors put into the documents, for `check` to find in the text and in the DOCX
/// alike: in each document with two heading markers a list level can write, the first one
/// written one higher (a sequence that does not start at 一 or 1) in one copy, the middle one
/// written one higher (a gap, then a repeat) in another.
fn with_errors(docs: &[Doc]) -> Vec<Doc> {
    let mut out = Vec::new();
    for d in docs {
        let doc = parse(&d.src);
        let text = d.src.text();
        let mut spots = Vec::new();
        doc.walk(&mut |b, _| {
            let Block::Section(s) = b else { return };
            let Some(m) = &s.marker else { return };
            if Form::of(m.family).is_none() || text.get(m.span.range()) != Some(m.raw.as_str()) {
                return;
            }
            let Some(t) = level_text(&m.raw, m.ordinal, m.chinese, m.sub) else {
                return;
            };
            let Some(n) = t.fmt.render(m.ordinal + 1) else {
                return;
            };
            spots.push((m.span, format!("{}{n}{}", t.before, t.after)));
        });
        if spots.len() < 2 {
            continue;
        }
        let idx = d.src.lines();
        for (what, k) in [("start", 0), ("gap", spots.len() / 2)] {
            let (span, raw) = &spots[k];
            let mut t = text.to_string();
            t.replace_range(span.range(), raw);
            out.push(Doc {
                name: format!(
                    "{} ({what}: line {} written {raw})",
                    d.name,
                    idx.line_of(span.start)
                ),
                src: Source::from_str(t, d.src.format()),
            });
        }
    }
    assert!(!out.is_empty(), "no document to put numbering errors in");
    out
}

// ---------------------------------------------------------------------------------------------
// Lines as Word would hold them

/// The lines of a text as `LineIndex` counts them, without their line endings.
fn lines_of(text: &str) -> Vec<&str> {
    let idx = LineIndex::new(text);
    let n = if text.is_empty() { 0 } else { idx.line_count() };
    (1..=n)
        .map(|l| {
            let (a, b) = (idx.line_start(l), idx.line_start(l + 1));
            let s = &text[a..b];
            s.strip_suffix("\r\n")
                .or_else(|| s.strip_suffix('\n'))
                .or_else(|| s.strip_suffix('\r'))
                .unwrap_or(s)
        })
        .collect()
}

/// A line as a Word paragraph: its visible text, and the depth of a Markdown `#` heading.
#[derive(Clone, Debug)]
struct Line {
    text: String,
    depth: Option<u8>,
}

/// The text of each line as a paragraph of a Word document would hold it. A plain text line is
/// itself; a Markdown line has its markup seen through: the front matter is metadata (its
/// `title:` the title line), `#` makes a heading of the given depth, HTML comments, tags,
/// emphasis marks and link targets are not text, entities are their characters.
fn word_lines(src: &Source) -> Vec<Line> {
    let raw = lines_of(src.text());
    let mut out: Vec<Line> = raw
        .iter()
        .map(|l| Line {
            text: l.to_string(),
            depth: None,
        })
        .collect();
    if let Some(first) = out.first_mut() {
        if let Some(t) = first.text.strip_prefix('\u{feff}') {
            first.text = t.to_string();
        }
    }
    if !src.is_markdown() {
        return out;
    }
    let mut start = 0;
    if out.first().is_some_and(|l| l.text.trim_end() == "---") {
        if let Some(end) = out
            .iter()
            .skip(1)
            .position(|l| matches!(l.text.trim_end(), "---" | "..."))
        {
            let end = end + 1;
            for (i, l) in out.iter_mut().enumerate().take(end + 1) {
                l.text = match l.text.strip_prefix("title:") {
                    Some(t) if i > 0 && i < end => t.trim().trim_matches('"').to_string(),
                    _ => String::new(),
                };
            }
            start = end + 1;
        }
    }
    let mut in_comment = false;
    let mut fence: Option<String> = None;
    for l in out.iter_mut().skip(start) {
        let t = l.text.trim_start();
        if let Some(f) = &fence {
            if t.starts_with(f.as_str()) {
                fence = None;
            }
            continue;
        }
        if t.starts_with("```") || t.starts_with("~~~") {
            fence = Some(t[..3].to_string());
            continue;
        }
        let (text, depth) = see_through(&l.text, &mut in_comment);
        l.text = text;
        l.depth = depth;
    }
    out
}

/// The visible text of a Markdown line, and its heading depth.
fn see_through(line: &str, in_comment: &mut bool) -> (String, Option<u8>) {
    // comments first: they may span lines
    let mut s = String::new();
    let mut rest = line;
    loop {
        if *in_comment {
            match rest.find("-->") {
                Some(i) => {
                    rest = &rest[i + 3..];
                    *in_comment = false;
                }
                None => break,
            }
        } else {
            match rest.find("<!--") {
                Some(i) => {
                    s.push_str(&rest[..i]);
                    rest = &rest[i + 4..];
                    *in_comment = true;
                }
                None => {
                    s.push_str(rest);
                    break;
                }
            }
        }
    }
    let mut t = s.as_str();
    let mut depth = None;
    let lead = t.len() - t.trim_start_matches(' ').len();
    if lead <= 3 {
        let u = &t[lead..];
        let hashes = u.len() - u.trim_start_matches('#').len();
        let after = &u[hashes..];
        if (1..=6).contains(&hashes) && (after.is_empty() || after.starts_with([' ', '\t'])) {
            depth = Some(hashes as u8);
            t = after.trim_start();
            let closed = t.trim_end().trim_end_matches('#');
            if closed.is_empty() || closed.ends_with([' ', '\t']) {
                t = closed.trim_end();
            }
        }
        let mut q = t;
        while let Some(r) = q.trim_start_matches(' ').strip_prefix('>') {
            q = r.strip_prefix(' ').unwrap_or(r);
        }
        if q.len() != t.len() {
            t = q;
        }
    }
    (inline(t), depth)
}

/// Inline markup seen through: escapes, `**`/`__`, tags, entities, links and images.
fn inline(t: &str) -> String {
    let mut out = String::with_capacity(t.len());
    let b = t.as_bytes();
    let mut i = 0;
    while i < t.len() {
        let rest = &t[i..];
        let c = rest.chars().next().unwrap();
        if c == '\\' && rest[1..].starts_with(|c: char| c.is_ascii_punctuation()) {
            out.push(rest[1..].chars().next().unwrap());
            i += 2;
        } else if rest.starts_with("**") || rest.starts_with("__") {
            i += 2;
        } else if c == '<' {
            let close = rest.find('>');
            let inner = close.map(|j| &rest[1..j]);
            match inner {
                Some(x) if x.starts_with("http://") || x.starts_with("https://") => {
                    out.push_str(x);
                    i += x.len() + 2;
                }
                Some(x)
                    if x.starts_with(|c: char| c.is_ascii_alphabetic() || c == '/')
                        && !x.contains('<') =>
                {
                    i += x.len() + 2;
                }
                _ => {
                    out.push('<');
                    i += 1;
                }
            }
        } else if c == '&' {
            let end = rest.bytes().take(12).position(|b| b == b';');
            let ch = end.and_then(|j| entity(&rest[1..j]));
            match (end, ch) {
                (Some(j), Some(ch)) => {
                    out.push(ch);
                    i += j + 1;
                }
                _ => {
                    out.push('&');
                    i += 1;
                }
            }
        } else if c == '[' || (c == '!' && rest[1..].starts_with('[')) {
            let image = c == '!';
            let open = if image { 2 } else { 1 };
            let close = rest.find("](");
            let end = close.and_then(|j| rest[j..].find(')').map(|k| j + k));
            match (close, end) {
                (Some(j), Some(k)) if j >= open => {
                    if !image {
                        out.push_str(&inline(&rest[open..j]));
                    }
                    i += k + 1;
                }
                _ => {
                    out.push(c);
                    i += c.len_utf8();
                }
            }
        } else {
            out.push(c);
            i += c.len_utf8();
        }
        debug_assert!(i <= b.len());
    }
    out
}

/// The character of an HTML entity's name (without `&` and `;`).
fn entity(name: &str) -> Option<char> {
    Some(match name {
        "emsp" => '\u{3000}',
        "ensp" => '\u{2002}',
        "nbsp" => '\u{a0}',
        "amp" => '&',
        "lt" => '<',
        "gt" => '>',
        "quot" => '"',
        "apos" => '\'',
        _ => {
            let n = name.strip_prefix('#')?;
            let v = match n.strip_prefix(['x', 'X']) {
                Some(h) => u32::from_str_radix(h, 16).ok()?,
                None => n.parse().ok()?,
            };
            char::from_u32(v)?
        }
    })
}

// ---------------------------------------------------------------------------------------------
// The list

/// A marker form a Word list level can generate, in the order the levels are given.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
enum Form {
    Chapter,
    Section,
    Article,
    CnComma,
    CnParen,
    ArabicDot,
    /// 1.1 under a level of its own, which gives its first number (`%1.%2`, `w:isLgl` when that
    /// level is not decimal)
    Decimal2,
    ArabicParen,
}

impl Form {
    fn of(f: Family) -> Option<Form> {
        Some(match f {
            Family::Chapter => Form::Chapter,
            Family::Section => Form::Section,
            Family::Article => Form::Article,
            Family::CnComma => Form::CnComma,
            Family::CnParen => Form::CnParen,
            Family::ArabicDot => Form::ArabicDot,
            Family::Decimal2 => Form::Decimal2,
            Family::ArabicParen => Form::ArabicParen,
            _ => return None,
        })
    }
}

/// A number format of `w:numFmt`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
enum NumFmt {
    Decimal,
    ChineseCounting,
}

impl NumFmt {
    fn name(self) -> &'static str {
        match self {
            NumFmt::Decimal => "decimal",
            NumFmt::ChineseCounting => "chineseCounting",
        }
    }

    /// The number as Word writes it in this format; `None` where this test does not vouch for
    /// Word's rendering (Chinese numbers from 100 up, where Word and LibreOffice use 〇 or 零).
    fn render(self, n: u32) -> Option<String> {
        const D: [&str; 10] = ["〇", "一", "二", "三", "四", "五", "六", "七", "八", "九"];
        match self {
            NumFmt::Decimal => Some(n.to_string()),
            NumFmt::ChineseCounting => match n {
                1..=9 => Some(D[n as usize].to_string()),
                10..=19 => Some(format!(
                    "十{}",
                    if n > 10 { D[n as usize - 10] } else { "" }
                )),
                20..=99 => Some(format!(
                    "{}十{}",
                    D[n as usize / 10],
                    if n % 10 > 0 { D[n as usize % 10] } else { "" }
                )),
                _ => None,
            },
        }
    }
}

/// What a level writes: its format and the text around the number (`w:lvlText` is
/// `before %N after`).
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
struct LevelText {
    fmt: NumFmt,
    before: String,
    after: String,
    /// For 1.1: the level of the first number, and what stands between the two.
    parent: Option<(Form, String)>,
}

/// How a marker as written is a level's text, when it is one.
fn level_text(raw: &str, ordinal: u32, chinese: bool, sub: Option<u32>) -> Option<LevelText> {
    if sub.is_some() {
        return None;
    }
    let fmt = if chinese {
        NumFmt::ChineseCounting
    } else {
        NumFmt::Decimal
    };
    let n = fmt.render(ordinal)?;
    let at = raw.find(&n)?;
    let (before, after) = (&raw[..at], &raw[at + n.len()..]);
    // the number must be the whole number as written (not 1 of 11, nor 十 of 二十)
    let digitish = |c: char| c.is_ascii_digit() || "〇零一二三四五六七八九十百两".contains(c);
    if before.chars().next_back().is_some_and(digitish)
        || after.chars().next().is_some_and(digitish)
    {
        return None;
    }
    Some(LevelText {
        fmt,
        before: before.to_string(),
        after: after.to_string(),
        parent: None,
    })
}

/// How a 1.1 marker as written is a level's text below the level of `parent` (the form of the
/// heading it sits under, whose number is its first).
fn decimal2_text(raw: &str, parents: &[u32], ordinal: u32, parent: Form) -> Option<LevelText> {
    let [first] = parents else { return None };
    let rest = raw.strip_prefix(&first.to_string())?;
    let sep = rest.chars().next().filter(|c| !c.is_ascii_digit())?;
    let after = rest[sep.len_utf8()..].strip_prefix(&ordinal.to_string())?;
    if after.starts_with(|c: char| c.is_ascii_digit()) {
        return None;
    }
    Some(LevelText {
        fmt: NumFmt::Decimal,
        before: String::new(),
        after: after.to_string(),
        parent: Some((parent, sep.to_string())),
    })
}

/// One level of the list.
#[derive(Clone, Debug)]
struct Level {
    form: Form,
    text: LevelText,
}

/// A paragraph the list numbers: its level and the value it must show.
#[derive(Clone, Copy, Debug)]
struct Numbered {
    ilvl: usize,
    value: u32,
    /// the `w:num` it names (1-based)
    num: usize,
}

/// The paragraphs of a document as written to the DOCX.
#[derive(Clone, Debug)]
struct Para {
    /// The text after the generated number (the whole line when none).
    text: String,
    /// The whitespace between the marker and the text, as the source had it.
    sep: String,
    depth: Option<u8>,
    number: Option<Numbered>,
}

/// Why a marker stayed typed.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
enum Kept {
    /// a form no level of this list writes (1.1.1, ①, 第一编, …)
    Form(Family),
    /// a number as written that the level's format does not give (第十条之一, full-width
    /// digits, 〇, a Chinese number above 99)
    Number,
    /// a punctuation or bracket other than the one its level uses
    Punctuation,
    /// not at the start of its line (a second heading on a line, or after other text)
    NotFirst,
}

/// A document as a list: its levels, its `w:num` overrides, its paragraphs.
#[derive(Clone, Debug, Default)]
struct Plan {
    levels: Vec<Level>,
    /// per `w:num` (numId = index + 1), the start of every level; empty for the first num
    nums: Vec<Vec<u32>>,
    paras: Vec<Para>,
    converted: usize,
    kept: BTreeMap<Kept, usize>,
}

/// Which markers become list numbers: every section marker of a form a level can write, the
/// majority spelling of each form being its level's text.
fn plan(src: &Source, lines: &[Line], automatic: bool) -> Plan {
    let doc = parse(src);
    let idx = src.lines();
    let mut plan = Plan {
        paras: lines
            .iter()
            .map(|l| Para {
                text: l.text.clone(),
                sep: String::new(),
                depth: l.depth,
                number: None,
            })
            .collect(),
        nums: vec![Vec::new()],
        ..Plan::default()
    };
    if !automatic {
        return plan;
    }
    // the markers at the start of their lines, and what they would be as level text
    struct Cand {
        line: usize,
        form: Form,
        text: LevelText,
        value: u32,
        /// for 1.1, the number it takes from the level above
        parent: Option<u32>,
        len: usize,
    }
    let mut cands: Vec<Cand> = Vec::new();
    let mut taken = BTreeSet::new();
    doc.walk(&mut |b, _| {
        let Block::Section(s) = b else { return };
        let Some(m) = &s.marker else { return };
        let line = idx.line_of(m.span.start);
        let Some(l) = lines.get(line - 1) else { return };
        let body = l.text.trim_start_matches(is_space);
        // in a text, the marker must be the one at the line's start (a Markdown line's offsets
        // are the markup's, so there its text decides)
        let ls = idx.line_start(line);
        let raw = &src.text()[ls..];
        let raw = if ls == 0 {
            raw.trim_start_matches('\u{feff}')
        } else {
            raw
        };
        let lead = raw.len() - raw.trim_start_matches(is_space).len();
        let at_start = !taken.contains(&line)
            && body.starts_with(&m.raw)
            && (src.is_markdown() || m.span.start == src.text().len() - raw.len() + lead);
        let Some(form) = Form::of(m.family) else {
            *plan.kept.entry(Kept::Form(m.family)).or_default() += 1;
            return;
        };
        if !at_start {
            *plan.kept.entry(Kept::NotFirst).or_default() += 1;
            return;
        }
        let text = if form == Form::Decimal2 {
            // under the nearest heading of a form above it
            let above = cands.iter().rev().find(|c| c.form < Form::Decimal2);
            above.and_then(|a| decimal2_text(&m.raw, &m.parents, m.ordinal, a.form))
        } else {
            level_text(&m.raw, m.ordinal, m.chinese, m.sub)
        };
        let Some(text) = text else {
            *plan.kept.entry(Kept::Number).or_default() += 1;
            return;
        };
        taken.insert(line);
        cands.push(Cand {
            line,
            form,
            text,
            value: m.ordinal,
            parent: m
                .parents
                .first()
                .copied()
                .filter(|_| form == Form::Decimal2),
            len: m.raw.len(),
        });
    });
    // each form's level text: the commonest spelling (ties to the first in order)
    let mut spellings: BTreeMap<Form, Vec<(LevelText, usize)>> = BTreeMap::new();
    for c in &cands {
        let v = spellings.entry(c.form).or_default();
        match v.iter_mut().find(|(t, _)| *t == c.text) {
            Some((_, n)) => *n += 1,
            None => v.push((c.text.clone(), 1)),
        }
    }
    let mut ilvl_of = BTreeMap::new();
    for (form, v) in &spellings {
        let best = v.iter().fold(&v[0], |a, b| if b.1 > a.1 { b } else { a });
        ilvl_of.insert(*form, plan.levels.len());
        plan.levels.push(Level {
            form: *form,
            text: best.0.clone(),
        });
    }
    let mut sim = Sim::new(plan.levels.len());
    for c in cands {
        let ilvl = ilvl_of[&c.form];
        if plan.levels[ilvl].text != c.text {
            *plan.kept.entry(Kept::Punctuation).or_default() += 1;
            continue;
        }
        let p = &mut plan.paras[c.line - 1];
        let body = p.text.trim_start_matches(is_space)[c.len..].to_string();
        let text = body.trim_start_matches(is_space);
        p.sep = body[..body.len() - text.len()].to_string();
        p.text = text.to_string();
        let parent = c.parent.map(|v| {
            (
                ilvl_of[&plan.levels[ilvl].text.parent.as_ref().unwrap().0],
                v,
            )
        });
        let num = sim.number(&plan.levels, &mut plan.nums, ilvl, c.value, parent);
        p.number = Some(Numbered {
            ilvl,
            value: c.value,
            num,
        });
        plan.converted += 1;
    }
    plan
}

fn is_space(c: char) -> bool {
    matches!(c, ' ' | '\t' | '\u{3000}' | '\u{a0}')
}

/// Word's counters, per list instance: a level counts on from its last value, restarts (at its
/// start) after a paragraph of a higher level unless it never restarts, and starts at the
/// `w:startOverride` of its `w:num` (else 1).
struct Sim {
    num: usize,
    counters: Vec<Option<u32>>,
}

impl Sim {
    fn new(levels: usize) -> Sim {
        Sim {
            num: 1,
            counters: vec![None; levels],
        }
    }

    fn start(nums: &[Vec<u32>], num: usize, ilvl: usize) -> u32 {
        nums[num - 1].get(ilvl).copied().unwrap_or(1)
    }

    /// The value the next paragraph of `ilvl` would get in the current list instance.
    fn next(&self, nums: &[Vec<u32>], ilvl: usize) -> u32 {
        self.counters[ilvl].map_or(Self::start(nums, self.num, ilvl), |c| c + 1)
    }

    /// The value a level shows in the current list instance (its start before its first
    /// paragraph).
    fn shown(&self, nums: &[Vec<u32>], ilvl: usize) -> u32 {
        self.counters[ilvl].unwrap_or(Self::start(nums, self.num, ilvl))
    }

    /// Number a paragraph of `ilvl` with `value` (and, for 1.1, the level `parent.0` showing
    /// `parent.1`): in the current `w:num` when it gives that next, else (or when the level
    /// comes back after orphans of a deeper one) in a new one whose overrides give every level
    /// its next value, and the parent level the value it shows.
    fn number(
        &mut self,
        levels: &[Level],
        nums: &mut Vec<Vec<u32>>,
        ilvl: usize,
        value: u32,
        parent: Option<(usize, u32)>,
    ) -> usize {
        // a level's first paragraph after paragraphs of a deeper one: LibreOffice 7.4 counts
        // the parent those had (Word does not), so it opens a list instance of its own
        let orphans =
            self.counters[ilvl].is_none() && self.counters[ilvl + 1..].iter().any(|c| c.is_some());
        let parent_shown = parent.is_none_or(|(p, v)| self.shown(nums, p) == v);
        if orphans || !parent_shown || self.next(nums, ilvl) != value {
            let starts: Vec<u32> = (0..levels.len())
                .map(|j| match j.cmp(&ilvl) {
                    std::cmp::Ordering::Equal => value,
                    // a level not yet used in an instance shows its start
                    _ if parent.is_some_and(|(p, _)| p == j) => parent.unwrap().1,
                    std::cmp::Ordering::Less => self.next(nums, j),
                    std::cmp::Ordering::Greater => 1,
                })
                .collect();
            nums.push(starts);
            self.num = nums.len();
            self.counters = vec![None; levels.len()];
        }
        self.counters[ilvl] = Some(value);
        restart_below(&mut self.counters, ilvl);
        self.num
    }
}

/// A paragraph of `ilvl` restarts the levels below it (no level of this list has a
/// `w:lvlRestart`: LibreOffice 7.4 does not read it, and Word does; a statute's articles, which
/// run on through its chapters, are carried over a chapter by a new `w:num` instead).
fn restart_below(counters: &mut [Option<u32>], ilvl: usize) {
    for c in counters.iter_mut().skip(ilvl + 1) {
        *c = None;
    }
}

/// The numbers a Word list gives the paragraphs of a plan, worked out from the plan's levels
/// and `w:num` starts alone (not from the values the plan meant): what the package says.
fn word_numbers(plan: &Plan) -> Vec<Option<String>> {
    let mut counters: BTreeMap<usize, Vec<Option<u32>>> = BTreeMap::new();
    plan.paras
        .iter()
        .map(|p| {
            let n = p.number?;
            let c = counters
                .entry(n.num)
                .or_insert_with(|| vec![None; plan.levels.len()]);
            let v = c[n.ilvl].map_or(Sim::start(&plan.nums, n.num, n.ilvl), |x| x + 1);
            assert_eq!(v, n.value, "the list's number is not the one planned");
            c[n.ilvl] = Some(v);
            restart_below(c, n.ilvl);
            let t = &plan.levels[n.ilvl].text;
            let first = match &t.parent {
                Some((form, sep)) => {
                    let p = plan.levels.iter().position(|l| l.form == *form)?;
                    let shown = c[p].unwrap_or(Sim::start(&plan.nums, n.num, p));
                    // w:isLgl: the first number in decimal, whatever its level's format
                    format!("{shown}{sep}")
                }
                None => String::new(),
            };
            Some(format!(
                "{}{first}{}{}",
                t.before,
                t.fmt.render(v)?,
                t.after
            ))
        })
        .collect()
}

// ---------------------------------------------------------------------------------------------
// The package

/// How a document's list is applied.
#[derive(Clone, Copy, Debug)]
struct Style {
    /// the levels linked to the heading styles (else a `w:numPr` on each paragraph)
    linked: bool,
    /// a tab after the number (else `w:suff="nothing"`)
    tab: bool,
}

const W: &str = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";

fn esc(s: &str) -> String {
    let mut o = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => o.push_str("&amp;"),
            '<' => o.push_str("&lt;"),
            '>' => o.push_str("&gt;"),
            '"' => o.push_str("&quot;"),
            // characters XML 1.0 cannot hold
            '\u{0}'..='\u{8}'
            | '\u{b}'
            | '\u{c}'
            | '\u{e}'..='\u{1f}'
            | '\u{fffe}'
            | '\u{ffff}' => o.push('\u{fffd}'),
            _ => o.push(c),
        }
    }
    o
}

/// A run's text: `w:t` pieces with `w:tab` between them.
fn runs(text: &str) -> String {
    if text.is_empty() {
        return String::new();
    }
    let mut r = String::from("<w:r>");
    for (k, piece) in text.split('\t').enumerate() {
        if k > 0 {
            r.push_str("<w:tab/>");
        }
        if !piece.is_empty() {
            r.push_str(&format!("<w:t xml:space=\"preserve\">{}</w:t>", esc(piece)));
        }
    }
    r.push_str("</w:r>");
    r
}

fn heading_style(n: usize) -> String {
    format!("Heading{n}")
}

fn document_xml(plan: &Plan, style: Style) -> String {
    let mut x = format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<w:document xmlns:w=\"{W}\"><w:body>"
    );
    for p in &plan.paras {
        let mut ppr = String::new();
        match p.number {
            Some(n) if style.linked => {
                ppr.push_str(&format!(
                    "<w:pStyle w:val=\"{}\"/>",
                    heading_style(n.ilvl + 1)
                ));
                if n.num != 1 {
                    ppr.push_str(&format!(
                        "<w:numPr><w:ilvl w:val=\"{}\"/><w:numId w:val=\"{}\"/></w:numPr>",
                        n.ilvl, n.num
                    ));
                }
            }
            Some(n) => ppr.push_str(&format!(
                "<w:numPr><w:ilvl w:val=\"{}\"/><w:numId w:val=\"{}\"/></w:numPr>",
                n.ilvl, n.num
            )),
            None => {
                if let Some(d) = p.depth {
                    ppr.push_str(&format!(
                        "<w:pStyle w:val=\"{}\"/>",
                        heading_style(d as usize)
                    ));
                    if style.linked && !plan.levels.is_empty() {
                        // a style that numbers, on a heading the text did not number
                        ppr.push_str("<w:numPr><w:numId w:val=\"0\"/></w:numPr>");
                    }
                }
            }
        }
        let text = match p.number {
            Some(_) if !style.tab => format!("{}{}", p.sep, p.text),
            _ => p.text.clone(),
        };
        x.push_str("<w:p>");
        if !ppr.is_empty() {
            x.push_str(&format!("<w:pPr>{ppr}</w:pPr>"));
        }
        x.push_str(&runs(&text));
        x.push_str("</w:p>");
    }
    x.push_str("<w:sectPr><w:pgSz w:w=\"11906\" w:h=\"16838\"/><w:pgMar w:top=\"2098\" w:right=\"1474\" w:bottom=\"1984\" w:left=\"1588\" w:header=\"851\" w:footer=\"992\" w:gutter=\"0\"/></w:sectPr></w:body></w:document>");
    x
}

fn styles_xml(plan: &Plan, style: Style) -> String {
    let mut x = format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<w:styles xmlns:w=\"{W}\">\
         <w:docDefaults><w:rPrDefault><w:rPr><w:rFonts w:ascii=\"Times New Roman\" w:eastAsia=\"仿宋\" w:hAnsi=\"Times New Roman\"/><w:sz w:val=\"32\"/></w:rPr></w:rPrDefault><w:pPrDefault/></w:docDefaults>\
         <w:style w:type=\"paragraph\" w:default=\"1\" w:styleId=\"Normal\"><w:name w:val=\"Normal\"/><w:qFormat/></w:style>"
    );
    for n in 1..=9 {
        let ilvl = n - 1;
        let numpr = if style.linked && ilvl < plan.levels.len() {
            format!("<w:numPr><w:ilvl w:val=\"{ilvl}\"/><w:numId w:val=\"1\"/></w:numPr>")
        } else {
            String::new()
        };
        x.push_str(&format!(
            "<w:style w:type=\"paragraph\" w:styleId=\"{}\"><w:name w:val=\"heading {n}\"/><w:basedOn w:val=\"Normal\"/><w:next w:val=\"Normal\"/><w:uiPriority w:val=\"9\"/><w:qFormat/><w:pPr><w:keepNext/>{numpr}<w:outlineLvl w:val=\"{ilvl}\"/></w:pPr></w:style>",
            heading_style(n)
        ));
    }
    x.push_str("</w:styles>");
    x
}

fn numbering_xml(plan: &Plan, style: Style) -> String {
    let mut x = format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<w:numbering xmlns:w=\"{W}\">"
    );
    if !plan.levels.is_empty() {
        x.push_str("<w:abstractNum w:abstractNumId=\"0\"><w:multiLevelType w:val=\"multilevel\"/>");
        for ilvl in 0..9 {
            // levels past the document's own are plain decimals (a list defines all nine)
            let (mut fmt, mut text, mut legal) = ("decimal", format!("%{}.", ilvl + 1), false);
            if let Some(l) = plan.levels.get(ilvl) {
                let first = match &l.text.parent {
                    Some((form, sep)) => {
                        let p = plan.levels.iter().position(|l| l.form == *form).unwrap();
                        legal = plan.levels[p].text.fmt != NumFmt::Decimal;
                        format!("%{}{}", p + 1, esc(sep))
                    }
                    None => String::new(),
                };
                fmt = l.text.fmt.name();
                text = format!(
                    "{}{first}%{}{}",
                    esc(&l.text.before),
                    ilvl + 1,
                    esc(&l.text.after)
                );
            }
            x.push_str(&format!(
                "<w:lvl w:ilvl=\"{ilvl}\"><w:start w:val=\"1\"/><w:numFmt w:val=\"{fmt}\"/>"
            ));
            if style.linked && ilvl < plan.levels.len() {
                x.push_str(&format!(
                    "<w:pStyle w:val=\"{}\"/>",
                    heading_style(ilvl + 1)
                ));
            }
            if legal {
                x.push_str("<w:isLgl/>");
            }
            if !style.tab {
                x.push_str("<w:suff w:val=\"nothing\"/>");
            }
            x.push_str(&format!(
                "<w:lvlText w:val=\"{text}\"/><w:lvlJc w:val=\"left\"/><w:pPr><w:ind w:left=\"0\" w:firstLine=\"640\"/></w:pPr></w:lvl>"
            ));
        }
        x.push_str("</w:abstractNum>");
        for (k, starts) in plan.nums.iter().enumerate() {
            x.push_str(&format!(
                "<w:num w:numId=\"{}\"><w:abstractNumId w:val=\"0\"/>",
                k + 1
            ));
            for (ilvl, s) in starts.iter().enumerate() {
                x.push_str(&format!(
                    "<w:lvlOverride w:ilvl=\"{ilvl}\"><w:startOverride w:val=\"{s}\"/></w:lvlOverride>"
                ));
            }
            x.push_str("</w:num>");
        }
    }
    x.push_str("</w:numbering>");
    x
}

/// The DOCX package of a plan.
fn package(plan: &Plan, style: Style) -> Vec<u8> {
    const CT: &str = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\"><Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/><Default Extension=\"xml\" ContentType=\"application/xml\"/><Override PartName=\"/word/document.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml\"/><Override PartName=\"/word/styles.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml\"/><Override PartName=\"/word/numbering.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.numbering+xml\"/></Types>";
    const RELS: &str = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\"><Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument\" Target=\"word/document.xml\"/></Relationships>";
    const DOC_RELS: &str = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\"><Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles\" Target=\"styles.xml\"/><Relationship Id=\"rId2\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/numbering\" Target=\"numbering.xml\"/></Relationships>";
    let parts = [
        ("[Content_Types].xml", CT.to_string()),
        ("_rels/.rels", RELS.to_string()),
        ("word/document.xml", document_xml(plan, style)),
        ("word/_rels/document.xml.rels", DOC_RELS.to_string()),
        ("word/styles.xml", styles_xml(plan, style)),
        ("word/numbering.xml", numbering_xml(plan, style)),
    ];
    let mut z = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let opts = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated);
    for (name, body) in parts {
        z.start_file(name, opts).unwrap();
        z.write_all(body.as_bytes()).unwrap();
    }
    z.finish().unwrap().into_inner()
}

// ---------------------------------------------------------------------------------------------
// Comparing

/// An outline row as `score-outline.py` keys it, with kind and title too: line, kind, level,
/// marker and title, the last two without whitespace.
type RowKey = (usize, String, u8, String, String);

fn norm(s: &str) -> String {
    s.split_whitespace().collect()
}

fn group(kind: &str) -> usize {
    match kind {
        "heading" | "runin" | "article" => 0,
        "point" => 1,
        _ => 2,
    }
}

const GROUPS: [&str; 3] = ["headings", "points", "titles"];

fn outline(src: &Source) -> [BTreeSet<RowKey>; 3] {
    let mut out: [BTreeSet<RowKey>; 3] = Default::default();
    for r in rows(&parse(src), src) {
        out[group(r.kind)].insert((
            r.line,
            r.kind.to_string(),
            r.level,
            norm(&r.marker),
            norm(&r.title),
        ));
    }
    out
}

/// The `check` findings of a source as (line, rule code).
///
/// GW113 (a Markdown heading's `#` depth disagrees with its numbering) is left out: it is about
/// the `#` of the Markdown, which a Word document does not have.
fn findings(src: &Source) -> BTreeSet<(usize, String)> {
    let idx = src.lines();
    check(&parse(src), src, &Config::default())
        .into_iter()
        .filter(|d| d.rule != Rule::MarkdownDepth)
        .map(|d| (idx.line_of(d.span.start), d.rule.code().to_string()))
        .collect()
}

#[derive(Default, Debug, Clone, Copy)]
struct Counts {
    tp: usize,
    fp: usize,
    fn_: usize,
}

impl Counts {
    fn f1(self) -> f64 {
        let p = if self.tp + self.fp == 0 {
            1.0
        } else {
            self.tp as f64 / (self.tp + self.fp) as f64
        };
        let r = if self.tp + self.fn_ == 0 {
            1.0
        } else {
            self.tp as f64 / (self.tp + self.fn_) as f64
        };
        if p + r == 0.0 {
            0.0
        } else {
            2.0 * p * r / (p + r)
        }
    }
}

/// What the comparison of a collection found.
struct Outcome {
    counts: [Counts; 3],
    docs: usize,
    findings_differ: Vec<String>,
    /// documents whose text has findings at all
    with_findings: usize,
    converted: usize,
    kept: BTreeMap<Kept, usize>,
}

/// Write every document as a DOCX (with its markers generated by a list when `automatic`,
/// typed otherwise) and compare what gongwen reads of it with what it reads of the text.
fn compare(docs: &[Doc], automatic: bool) -> Outcome {
    let keep = std::env::var_os("GONGWEN_KEEP_DOCX").map(|d| {
        let d = PathBuf::from(d).join(if automatic { "auto" } else { "typed" });
        std::fs::create_dir_all(&d).unwrap();
        d
    });
    let mut o = Outcome {
        counts: [Counts::default(); 3],
        docs: docs.len(),
        findings_differ: Vec::new(),
        with_findings: 0,
        converted: 0,
        kept: BTreeMap::new(),
    };
    for (i, d) in docs.iter().enumerate() {
        let style = Style {
            linked: i % 2 == 0,
            tab: (i / 2) % 2 == 0,
        };
        let lines = word_lines(&d.src);
        let plan = plan(&d.src, &lines, automatic);
        // the package says the numbers the text had
        for (k, (p, w)) in plan.paras.iter().zip(word_numbers(&plan)).enumerate() {
            if let Some(w) = w {
                let want = lines[k].text.trim_start_matches(is_space);
                assert!(
                    want.starts_with(&format!("{w}{}{}", p.sep, p.text)),
                    "{}:{}: the list writes {w:?}, the text has {want:?}",
                    d.name,
                    k + 1
                );
            }
        }
        o.converted += plan.converted;
        for (k, n) in &plan.kept {
            *o.kept.entry(*k).or_default() += n;
        }
        let bytes = package(&plan, style);
        let file = format!("{}.docx", d.name.replace('/', "__"));
        if let Some(dir) = &keep {
            std::fs::write(dir.join(&file), &bytes).unwrap();
            // the text the package should show, one line per paragraph
            let shown: String = lines.iter().map(|l| format!("{}\n", l.text)).collect();
            std::fs::write(dir.join(format!("{file}.txt")), shown).unwrap();
        }
        let back = Source::from_bytes(file.clone(), bytes)
            .unwrap_or_else(|e| panic!("{}: the DOCX does not read: {e}", d.name));
        assert_eq!(back.format(), Format::Docx, "{}", d.name);
        let paras = lines_of(back.text()).len();
        assert_eq!(
            paras,
            lines.len(),
            "{}: the DOCX reads as {paras} lines, the text has {}",
            d.name,
            lines.len()
        );
        let (want, got) = (outline(&d.src), outline(&back));
        let mut report = Vec::new();
        for g in 0..3 {
            let c = &mut o.counts[g];
            c.tp += want[g].intersection(&got[g]).count();
            c.fp += got[g].difference(&want[g]).count();
            c.fn_ += want[g].difference(&got[g]).count();
            for k in want[g].difference(&got[g]) {
                report.push(format!("  missed {} {k:?}", GROUPS[g]));
            }
            for k in got[g].difference(&want[g]) {
                report.push(format!("  spurious {} {k:?}", GROUPS[g]));
            }
        }
        let (fw, fg) = (findings(&d.src), findings(&back));
        o.with_findings += usize::from(!fw.is_empty());
        let differ = fw != fg;
        if differ {
            o.findings_differ.push(d.name.clone());
            for k in fw.difference(&fg) {
                report.push(format!("  finding only in the text: line {} {}", k.0, k.1));
            }
            for k in fg.difference(&fw) {
                report.push(format!("  finding only in the DOCX: line {} {}", k.0, k.1));
            }
        }
        let kept: usize = plan.kept.values().sum();
        eprintln!(
            "{} ({}, {}): {} markers generated, {kept} typed{}",
            d.name,
            if style.linked {
                "linked to heading styles"
            } else {
                "numPr per paragraph"
            },
            if style.tab {
                "tab after the number"
            } else {
                "nothing after the number"
            },
            plan.converted,
            if report.is_empty() {
                "; same outline and findings".to_string()
            } else {
                format!(":\n{}", report.join("\n"))
            }
        );
    }
    o
}

fn summary(what: &str, o: &Outcome) -> f64 {
    let h = o.counts[0].f1();
    eprintln!(
        "{what}: heading F1 {h:.3} (tp {} fp {} fn {}), points F1 {:.3}, titles F1 {:.3} over {} \
         documents; {} markers generated by the list, kept typed {:?}; {} documents with \
         findings in the text; findings differ in {}: {:?}",
        o.counts[0].tp,
        o.counts[0].fp,
        o.counts[0].fn_,
        o.counts[1].f1(),
        o.counts[2].f1(),
        o.docs,
        o.converted,
        o.kept,
        o.with_findings,
        o.findings_differ.len(),
        o.findings_differ
    );
    h
}

/// Compare the collection, and its copies with numbering errors put in, as DOCX with the
/// markers generated by a list (`automatic`) or typed; the failures, none when the DOCX gives
/// every outline (heading F1 at least 0.99) and the same findings.
fn failures(automatic: bool) -> Vec<String> {
    let how = if automatic {
        "automatic numbering"
    } else {
        "typed markers"
    };
    let docs = collection();
    let errs = with_errors(&docs);
    let a = compare(&docs, automatic);
    let b = compare(&errs, automatic);
    let ha = summary(how, &a);
    let hb = summary(&format!("{how}, numbering errors put in"), &b);
    if automatic {
        assert!(
            a.converted > 0 && b.converted > 0,
            "no marker was generated by the list"
        );
    } else {
        assert_eq!(a.converted + b.converted, 0);
    }
    // the errors put in are found in the texts: the comparison of findings has something to
    // compare
    assert!(
        b.with_findings * 2 > b.docs,
        "only {} of {} texts with numbering errors put in have findings",
        b.with_findings,
        b.docs
    );
    let mut out = Vec::new();
    // the typed copies with errors put in are not held to the same findings: the plain reader
    // does not read heading styles, so a Markdown `## 三` (a bare marker, a heading by its `#`
    // alone), a Heading 2 paragraph in the DOCX, reads as body text once the error put in
    // breaks its sequence; what differs is printed
    for (o, h, which, strict) in [
        (&a, ha, "the documents", true),
        (&b, hb, "the documents with errors", automatic),
    ] {
        if h < 0.99 {
            out.push(format!(
                "{which}: heading F1 {h:.3} of the DOCX with {how} against its text (at least \
                 0.99)"
            ));
        }
        if !o.findings_differ.is_empty() && !strict {
            eprintln!(
                "{which}, {how}: findings differ in {:?} (the plain reader does not read \
                 heading styles; not held against it here)",
                o.findings_differ
            );
        } else if !o.findings_differ.is_empty() {
            out.push(format!(
                "{which}: check findings (line, rule) of the DOCX with {how} differ from its \
                 text's in {} of {}: {:?}",
                o.findings_differ.len(),
                o.docs,
                o.findings_differ
            ));
        }
    }
    out
}

// ---------------------------------------------------------------------------------------------
// The tests

/// The DOCX with automatic numbering gives the text's outline and findings.
#[test]
#[ignore = "needs ../shared/corpus and ../shared/seeds"]
fn automatic_numbering_gives_the_texts_outline_and_findings() {
    let f = failures(true);
    assert!(f.is_empty(), "{}", f.join("\n"));
}

/// The same DOCX with the markers left typed: what the plain reader reads already.
#[test]
#[ignore = "needs ../shared/corpus and ../shared/seeds"]
fn typed_markers_give_the_texts_outline_and_findings() {
    let f = failures(false);
    assert!(f.is_empty(), "{}", f.join("\n"));
}

/// The list this test writes gives the numbers the text had: the next value in order, a new
/// `w:num` with start overrides at a gap or a repeat, articles carried over a chapter by a new `w:num`, and
/// what a level cannot write left typed.
#[test]
fn the_list_gives_the_numbers_the_text_had() {
    let text = "关于开展检查的通知\n一、总体要求\n（一）目的\n1. 甲\n2. 乙\n（二）范围\n1. 丙\n\
                1.1 细目\n1.1.1 更细\n三、工作安排\n（一）时间\n（一）地点\n1、另一种标点\n二十一、远处\n";
    let src = Source::from_str(text, Format::Text);
    let lines = word_lines(&src);
    let p = plan(&src, &lines, true);
    let forms: Vec<Form> = p.levels.iter().map(|l| l.form).collect();
    assert_eq!(
        forms,
        [
            Form::CnComma,
            Form::CnParen,
            Form::ArabicDot,
            Form::Decimal2
        ]
    );
    assert_eq!(p.levels[2].text.after, ".");
    // 三、 after 一、 and （一） repeated and 二十一、 after 三、 each start a new num
    assert_eq!(p.nums.len(), 4, "{:?}", p.nums);
    assert_eq!(p.nums[1], [3, 1, 1, 1]);
    assert_eq!(p.nums[2], [4, 1, 1, 1]);
    assert_eq!(p.nums[3], [21, 1, 1, 1]);
    assert_eq!(p.converted, 11);
    assert_eq!(p.kept.get(&Kept::Form(Family::Decimal3)), Some(&1));
    assert_eq!(p.kept.get(&Kept::Punctuation), Some(&1));
    let got: Vec<String> = word_numbers(&p).into_iter().flatten().collect();
    let want = [
        "一、",
        "（一）",
        "1.",
        "2.",
        "（二）",
        "1.",
        "1.1",
        "三、",
        "（一）",
        "（一）",
        "二十一、",
    ];
    assert_eq!(got, want);
    assert_eq!(p.paras[3].sep, " ");
    assert_eq!(p.paras[3].text, "甲");

    let statute = "第一章 总则\n第一条 甲。\n第二条 乙。\n第二章 附则\n第一节 一般规定\n第三条 丙。\n第十条之一 丁。\n";
    let src = Source::from_str(statute, Format::Text);
    let p = plan(&src, &word_lines(&src), true);
    let forms: Vec<Form> = p.levels.iter().map(|l| l.form).collect();
    assert_eq!(forms, [Form::Chapter, Form::Section, Form::Article]);
    // the articles run on through the chapters: a new num carries them over
    assert_eq!(p.nums, [vec![], vec![3, 2, 3]]);
    assert_eq!(p.converted, 6);
    let got: Vec<String> = word_numbers(&p).into_iter().flatten().collect();
    assert_eq!(
        got,
        ["第一章", "第一条", "第二条", "第二章", "第一节", "第三条"]
    );
}

/// 1.1 under 一、 is a level whose text takes the number of the level above in decimal
/// (`%1.%2` with `w:isLgl`), and a gap in its parent's numbers is carried into a new num.
#[test]
fn a_decimal_under_a_chinese_level_is_legal_numbering() {
    let text = "一、总则\n1.1 目的\n1.2 范围\n二、职责\n2.1 分工\n四、附则\n4.1 施行\n4.2 解释\n";
    let src = Source::from_str(text, Format::Text);
    let p = plan(&src, &word_lines(&src), true);
    let forms: Vec<Form> = p.levels.iter().map(|l| l.form).collect();
    assert_eq!(forms, [Form::CnComma, Form::Decimal2]);
    let got: Vec<String> = word_numbers(&p).into_iter().flatten().collect();
    assert_eq!(
        got,
        ["一、", "1.1", "1.2", "二、", "2.1", "四、", "4.1", "4.2"]
    );
    assert_eq!(p.nums, [vec![], vec![4, 1]]);
    let num = numbering_xml(
        &p,
        Style {
            linked: false,
            tab: true,
        },
    );
    assert!(
        num.contains("<w:isLgl/><w:lvlText w:val=\"%1.%2\"/>"),
        "{num}"
    );
}

/// The package holds what Word needs to number the paragraphs, both ways of applying the list,
/// and reads back as one line per paragraph.
#[test]
fn the_package_numbers_by_style_or_by_paragraph() {
    let text = "一、总则\n正文。\n三、附则\n";
    let src = Source::from_str(text, Format::Text);
    let p = plan(&src, &word_lines(&src), true);
    for linked in [true, false] {
        let style = Style {
            linked,
            tab: !linked,
        };
        let doc = document_xml(&p, style);
        let num = numbering_xml(&p, style);
        let sty = styles_xml(&p, style);
        assert!(
            num.contains("<w:numFmt w:val=\"chineseCounting\"/>"),
            "{num}"
        );
        assert!(num.contains("<w:lvlText w:val=\"%1、\"/>"), "{num}");
        assert!(num.contains("<w:startOverride w:val=\"3\"/>"), "{num}");
        assert_eq!(num.contains("<w:suff w:val=\"nothing\"/>"), linked);
        assert_eq!(sty.contains("<w:numId w:val=\"1\"/>"), linked);
        assert_eq!(doc.contains("<w:pStyle w:val=\"Heading1\"/>"), linked);
        assert!(doc.contains("<w:numId w:val=\"2\"/>"), "{doc}");
        assert!(!doc.contains("一、") && !doc.contains("三、"), "{doc}");
        let back = Source::from_bytes("a.docx", package(&p, style)).unwrap();
        // the reader writes the numbers Word generates into the text, with what follows them
        // (a tab as one ideographic space: its width is layout)
        let after = if style.tab { "\u{3000}" } else { "" };
        assert_eq!(
            back.text(),
            format!("一、{after}总则\n正文。\n三、{after}附则\n")
        );
    }
}

/// A Markdown line as a Word paragraph: headings, front matter, comments, tags, entities,
/// emphasis and links seen through.
#[test]
fn markdown_lines_are_seen_through() {
    let md = "---\ntitle: 某办法\ndate: 2020\n---\n<!-- 注\n释 -->\n## 一、总则 ##\n<p>&emsp;<b>第一条</b>&emsp;正文</p>\n**（一）**[甲](#a)乙![图](x.png)\n> 引文\n";
    let src = Source::from_str(md, Format::Markdown);
    let l: Vec<(String, Option<u8>)> = word_lines(&src)
        .into_iter()
        .map(|l| (l.text, l.depth))
        .collect();
    let want: Vec<(String, Option<u8>)> = [
        ("", None),
        ("某办法", None),
        ("", None),
        ("", None),
        ("", None),
        ("", None),
        ("一、总则", Some(2)),
        ("\u{3000}第一条\u{3000}正文", None),
        ("（一）甲乙", None),
        ("引文", None),
    ]
    .into_iter()
    .map(|(a, b)| (a.to_string(), b))
    .collect();
    assert_eq!(l, want);
}

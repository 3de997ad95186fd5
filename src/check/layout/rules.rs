//! The layout rules: the page setup, each paragraph by its role, and the footers.

use super::faces::{self, Class};
use super::package::{self, Bit, FooterPara, Package, Section};
use super::paragraphs;
use super::props::{ParaProps, RunProps, Styles, Theme};
use super::LayoutSettings;
use crate::check::{Diagnostic, Rule};
use crate::tree::{Block, Document, HeadingKind};
use crate::write::docx::fonts::Role as FaceRole;
use crate::write::docx::layout::{self as gbt, GBT, TWIPS_PER_MM};
use crate::{Source, Span};
use std::collections::HashMap;

/// What a paragraph is, as the tree says.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Role {
    Title,
    /// A heading of a GB/T level (1–4); for a run-in heading, how many visible characters
    /// its heading part has.
    Heading(u8, Option<usize>),
    Body,
    Banner,
}

/// A paragraph with its effective formatting.
struct Para {
    /// Its first line (1-based) in the DOCX's text.
    line: usize,
    ppr: ParaProps,
    /// Runs with their effective properties.
    runs: Vec<(RunProps, String)>,
}

struct Out<'a> {
    src: &'a Source,
    found: Vec<Diagnostic>,
}

impl Out<'_> {
    /// The span of a line's text (line 1 for the document's own facts).
    fn span(&self, line: usize) -> Span {
        let idx = self.src.lines();
        let text = self.src.text();
        let start = idx.line_start(line.max(1)).min(text.len());
        let end = text[start..].find('\n').map_or(text.len(), |i| start + i);
        Span::new(start, end)
    }

    fn emit(&mut self, rule: Rule, line: usize, zh: String, en: String) {
        let span = self.span(line);
        self.found.push(Diagnostic {
            rule,
            severity: rule.default_severity(),
            span,
            message_zh: zh,
            message_en: en,
            fix: None,
        });
    }
}

fn mm(twips: i64) -> f64 {
    twips as f64 / TWIPS_PER_MM
}

fn pt(half_points: i64) -> String {
    let v = half_points as f64 / 2.0;
    if v.fract() == 0.0 {
        format!("{v:.0}")
    } else {
        format!("{v:.1}")
    }
}

/// The name of a 字号 for a size in half-points, if it has one.
fn hao(half_points: i64) -> String {
    let name = match half_points {
        84 => "初号",
        72 => "小初",
        52 => "一号",
        48 => "小一",
        44 => "2号",
        36 => "小二",
        32 => "3号",
        30 => "小三",
        28 => "4号",
        24 => "小四",
        21 => "五号",
        18 => "小五",
        _ => return format!("{} pt", pt(half_points)),
    };
    format!("{name}（{} pt）", pt(half_points))
}

/// The value the most characters have, weighted; ties go to the first.
fn dominant<T: PartialEq + Clone>(items: impl Iterator<Item = (T, usize)>) -> Option<T> {
    let mut tally: Vec<(T, usize)> = Vec::new();
    for (v, n) in items {
        match tally.iter_mut().find(|(t, _)| *t == v) {
            Some(t) => t.1 += n,
            None => tally.push((v, n)),
        }
    }
    let best = tally.iter().map(|t| t.1).max()?;
    tally.into_iter().find(|t| t.1 == best).map(|t| t.0)
}

fn is_han(c: char) -> bool {
    matches!(c, '\u{3400}'..='\u{4dbf}' | '\u{4e00}'..='\u{9fff}' | '\u{f900}'..='\u{faff}' | '\u{20000}'..='\u{3134f}')
}

/// Run the rules over the package.
pub(super) fn run(
    src: &Source,
    doc: &Document,
    pkg: Package,
    set: &LayoutSettings,
) -> Vec<Diagnostic> {
    let mut pkg = pkg;
    let styles = Styles::parse(&pkg.styles);
    let theme = Theme::parse(&pkg.theme);
    let mut out = Out {
        src,
        found: Vec::new(),
    };
    let sections = package::sections(&pkg.document);
    for (i, s) in sections.iter().enumerate() {
        page_setup(&mut out, s, i, sections.len(), set);
    }
    let main = sections.last().cloned().unwrap_or_default();
    let paras = body(src, doc, &pkg, &styles);
    for (role, p) in &paras {
        paragraph(&mut out, *role, p, &theme);
    }
    grid(&mut out, &main, &paras, &styles, set);
    // the section whose footers number the pages: a last section of a blank page and the
    // 版记's, or a cover's, may have footers without a number
    let with_footers = || sections.iter().filter(|s| !s.footers.is_empty());
    let footer_sect = with_footers()
        .find(|s| numbers_pages(&mut pkg, s))
        .or_else(|| with_footers().next_back())
        .cloned()
        .unwrap_or_default();
    footers(&mut out, &mut pkg, &footer_sect, &styles, &theme, set);
    out.found
}

/// The page size and margins of section `i` of `n`.
fn page_setup(out: &mut Out, s: &Section, i: usize, n: usize, set: &LayoutSettings) {
    let which = if n == 1 {
        String::new()
    } else {
        format!(" {}/{n}", i + 1)
    };
    let tol = set.margin_tolerance_mm;
    if let (Some(w), Some(h)) = (s.width, s.height) {
        let (w, h) = if s.landscape || w > h { (h, w) } else { (w, h) };
        let off = |a: i64, b: u32| (mm(a) - mm(b as i64)).abs() > 1.0;
        if off(w, GBT.page_width) || off(h, GBT.page_height) {
            out.emit(
                Rule::PageSize,
                1,
                format!(
                    "纸张为{:.0} mm×{:.0} mm，应为A4（210 mm×297 mm）（word/document.xml w:sectPr{which} w:pgSz）",
                    mm(w),
                    mm(h)
                ),
                format!(
                    "the page is {:.0} × {:.0} mm, not A4 (210 × 297 mm) (word/document.xml, w:sectPr{which} w:pgSz)",
                    mm(w),
                    mm(h)
                ),
            );
        }
    }
    if s.landscape {
        // a sideways table's page (clause 8) keeps the page, not the margins, of the rest
        return;
    }
    let want = set.margins_mm.unwrap_or([
        mm(GBT.margin_top as i64),
        mm(GBT.margin_bottom as i64),
        mm(GBT.margin_left as i64),
        mm(GBT.margin_right as i64),
    ]);
    let got = [
        s.top.map(i64::abs),
        s.bottom.map(i64::abs),
        s.left.map(|l| l + s.gutter),
        s.right,
    ];
    let names = [
        ("上", "top"),
        ("下", "bottom"),
        ("左（订口）", "left"),
        ("右", "right"),
    ];
    let mut zh = Vec::new();
    let mut en = Vec::new();
    for k in 0..4 {
        let Some(g) = got[k] else { continue };
        if (mm(g) - want[k]).abs() > tol + 1e-9 {
            zh.push(format!(
                "{}边距{:.1} mm（应为{:.0} mm）",
                names[k].0,
                mm(g),
                want[k]
            ));
            en.push(format!(
                "{} {:.1} mm (want {:.0} mm)",
                names[k].1,
                mm(g),
                want[k]
            ));
        }
    }
    if !zh.is_empty() {
        out.emit(
            Rule::PageMargins,
            1,
            format!(
                "{}，误差不超过±{tol} mm，版心{:.0} mm×{:.0} mm（word/document.xml w:sectPr{which} w:pgMar）",
                zh.join("，"),
                gbt::GBT_TEXT_WIDTH_MM,
                gbt::GBT_TEXT_HEIGHT_MM
            ),
            format!(
                "margins off by more than ±{tol} mm: {}; the type area is {:.0} × {:.0} mm (word/document.xml, w:sectPr{which} w:pgMar)",
                en.join(", "),
                gbt::GBT_TEXT_WIDTH_MM,
                gbt::GBT_TEXT_HEIGHT_MM
            ),
        );
    }
}

/// The body paragraphs the tree gives a role, with their effective formatting.
fn body(src: &Source, doc: &Document, pkg: &Package, styles: &Styles) -> Vec<(Role, Para)> {
    use crate::source::docx::{body, styles as rstyles};
    let read = rstyles::Styles::parse(&pkg.styles).unwrap_or_default();
    let hidden = |id: &str| read.character(id).is_some_and(|s| s.hidden);
    let Ok(walk) = body::walk(&pkg.document, &hidden) else {
        return Vec::new();
    };
    // each paragraph's first line, and the paragraph of each line
    let mut first = Vec::with_capacity(walk.paras.len());
    let mut of_line: Vec<usize> = Vec::new();
    for (k, p) in walk.paras.iter().enumerate() {
        first.push(of_line.len() + 1);
        let n = p.text.matches('\n').count() + 1;
        of_line.extend(std::iter::repeat_n(k, n));
    }
    let mut in_table = vec![false; walk.paras.len()];
    for t in &walk.tables {
        for r in &t.rows {
            for c in &r.cells {
                for i in c.paras.clone() {
                    if let Some(x) = in_table.get_mut(i) {
                        *x = true;
                    }
                }
            }
        }
    }
    let idx = src.lines();
    let text = src.text();
    let para_of = |at: usize| -> Option<usize> {
        let line = idx.line_of(at.min(text.len()));
        of_line.get(line.checked_sub(1)?).copied()
    };
    let mut roles: HashMap<usize, Role> = HashMap::new();
    let mut put = |at: usize, role: Role| {
        if let Some(k) = para_of(at) {
            roles.entry(k).or_insert(role);
        }
    };
    let visible = |a: usize, b: usize| {
        text.get(a.min(b)..b)
            .map_or(0, |s| s.chars().filter(|c| !c.is_whitespace()).count())
    };
    let mut quoted: Vec<Span> = Vec::new();
    doc.walk(&mut |b, _| match b {
        Block::Title(t) => {
            for l in &t.lines {
                put(l.span.start, Role::Title);
            }
        }
        Block::Banner(e) => put(e.span.start, Role::Banner),
        Block::Section(s) => {
            let Some(level) = s.marker.as_ref().and_then(|m| m.family.gbt_level()) else {
                return;
            };
            let part = match s.kind {
                HeadingKind::Standalone => None,
                HeadingKind::RunIn => {
                    let end = s
                        .title_end
                        .as_ref()
                        .map_or(s.title.span.end, |e| e.span.end);
                    let line = idx.line_start(idx.line_of(s.span.start));
                    Some(visible(line, end))
                }
                HeadingKind::Article => return,
            };
            put(s.span.start, Role::Heading(level, part));
        }
        Block::Paragraph(p) => put(p.span.start, Role::Body),
        Block::Point(p) => put(p.span.start, Role::Body),
        Block::Quote(q) => quoted.push(q.span),
        // a list's items hang their text under the first line's, by design
        Block::List(l) => quoted.push(l.span),
        _ => {}
    });
    let mut out: Vec<(usize, Role, Para)> = Vec::new();
    for (k, role) in roles {
        let Some(p) = walk.paras.get(k) else { continue };
        if p.skipped || p.aside || p.toc || in_table[k] {
            continue;
        }
        let line = first[k];
        let at = idx.line_start(line);
        if quoted
            .iter()
            .any(|q| q.start <= at && at < q.end.max(q.start + 1))
        {
            continue;
        }
        let Some(xml) = pkg.document.get(p.xml.clone()) else {
            continue;
        };
        let own = paragraphs::read(xml);
        let (sp, sr) = styles.paragraph(own.ppr.style.as_deref());
        let ppr = own.ppr.over(&sp);
        let runs: Vec<(RunProps, String)> = own
            .runs
            .iter()
            .map(|r| (styles.run(&r.props, &sr), r.text.clone()))
            .filter(|(r, _)| r.hidden != Some(true))
            .collect();
        if runs.iter().all(|(_, t)| t.trim().is_empty()) {
            continue;
        }
        out.push((line, role, Para { line, ppr, runs }));
    }
    out.sort_by_key(|x| x.0);
    out.into_iter().map(|(_, r, p)| (r, p)).collect()
}

/// The face the most Han characters of `runs` are set in (the first `limit` visible
/// characters only, when given).
fn face_of<'a>(
    runs: &'a [(RunProps, String)],
    theme: &'a Theme,
    limit: Option<usize>,
) -> Option<&'a str> {
    let mut left = limit.unwrap_or(usize::MAX);
    let mut items = Vec::new();
    for (r, t) in runs {
        let mut han = 0;
        for c in t.chars().filter(|c| !c.is_whitespace()) {
            if left == 0 {
                break;
            }
            left -= 1;
            han += usize::from(is_han(c));
        }
        if han > 0 {
            items.push((theme.east_asia(r).unwrap_or(""), han));
        }
    }
    dominant(items.into_iter()).filter(|f| !f.is_empty())
}

/// The size the most visible characters have, and their character spacing.
fn size_of(runs: &[(RunProps, String)]) -> Option<(i64, i64)> {
    dominant(runs.iter().map(|(r, t)| {
        (
            (r.size.unwrap_or(20), r.spacing.unwrap_or(0)),
            t.chars().filter(|c| !c.is_whitespace()).count(),
        )
    }))
}

fn paragraph(out: &mut Out, role: Role, p: &Para, theme: &Theme) {
    let size = size_of(&p.runs);
    match role {
        Role::Title => {
            face_rule(
                out,
                Rule::TitleFace,
                p,
                theme,
                faces::expected(FaceRole::Title),
                None,
                "标题",
                "the title",
            );
            if let Some((s, _)) = size.filter(|(s, _)| *s != GBT.title_size as i64) {
                out.emit(
                    Rule::TitleSize,
                    p.line,
                    format!("标题字号为{}，应为{}", hao(s), hao(GBT.title_size as i64)),
                    format!(
                        "the title is {}, not {}",
                        hao(s),
                        hao(GBT.title_size as i64)
                    ),
                );
            }
        }
        Role::Heading(level, part) => {
            let want = faces::expected(FaceRole::Heading(level));
            let zh = format!("{level}级标题");
            let en = format!("a level-{level} heading");
            face_rule(out, Rule::HeadingFace, p, theme, want, part, &zh, &en);
            if part.is_none() {
                indent_rule(out, p, size);
            }
        }
        Role::Body => {
            face_rule(
                out,
                Rule::BodyFace,
                p,
                theme,
                faces::expected(FaceRole::Body),
                None,
                "正文",
                "body text",
            );
            if let Some((s, _)) = size.filter(|(s, _)| *s != GBT.body_size as i64) {
                out.emit(
                    Rule::BodySize,
                    p.line,
                    format!("正文字号为{}，应为{}", hao(s), hao(GBT.body_size as i64)),
                    format!("body text is {}, not {}", hao(s), hao(GBT.body_size as i64)),
                );
            }
            indent_rule(out, p, size);
        }
        Role::Banner => banner(out, p),
    }
}

#[allow(clippy::too_many_arguments)]
fn face_rule(
    out: &mut Out,
    rule: Rule,
    p: &Para,
    theme: &Theme,
    want: Class,
    limit: Option<usize>,
    zh: &str,
    en: &str,
) {
    let Some(face) = face_of(&p.runs, theme, limit) else {
        return;
    };
    if !faces::is(face, want) {
        out.emit(
            rule,
            p.line,
            format!("{zh}字体为“{face}”，应为{}类字体", want.zh()),
            format!("{en} is set in {face}, not a {} face", want.zh()),
        );
    }
}

/// A body paragraph's (or heading's) first line: two characters in (clause 7.3.3).
fn indent_rule(out: &mut Out, p: &Para, size: Option<(i64, i64)>) {
    // a paragraph set centred or flush right is no running paragraph
    if matches!(
        p.ppr.jc.as_deref(),
        Some("center" | "right" | "end" | "distribute")
    ) {
        return;
    }
    let text: String = p.runs.iter().map(|(_, t)| t.as_str()).collect();
    // a hanging indent is a list item's or a note's, set so on purpose
    if p.ppr.hanging.unwrap_or(0) > 0 || p.ppr.hanging_chars.unwrap_or(0) > 0 {
        return;
    }
    // two full-width spaces typed at the start indent it too
    if text.starts_with("\u{3000}\u{3000}") || text.starts_with("    ") {
        return;
    }
    let (s, sp) = size.unwrap_or((GBT.body_size as i64, 0));
    let char_twips = (s * 10 + sp).max(1);
    let want = GBT.first_line_chars as i64;
    let chars = match p.ppr.first_line_chars.filter(|c| *c != 0) {
        Some(c) if p.ppr.hanging_chars.unwrap_or(0) == 0 && p.ppr.hanging.unwrap_or(0) == 0 => c,
        _ => p.ppr.first_line_twips(char_twips).unwrap_or(0) * 100 / char_twips,
    };
    // within a quarter of a character either way
    if (chars - want).abs() > 25 {
        // a left indent instead (a house style some formatters offer) leaves the wrapped
        // lines short of the left edge
        let left = match p.ppr.left_chars.filter(|c| *c != 0) {
            Some(c) => c,
            None => p.ppr.left.unwrap_or(0) * 100 / char_twips,
        };
        let (lz, le) = if left.abs() > 25 {
            let l = left as f64 / 100.0;
            (
                format!("，左缩进{l:.1}字（回行应顶格）"),
                format!(", with a left indent of {l:.1} (wrapped lines should be flush left)"),
            )
        } else {
            (String::new(), String::new())
        };
        out.emit(
            Rule::FirstLineIndent,
            p.line,
            format!(
                "段落首行缩进{:.1}字，应为2字{lz}（word/document.xml w:ind）",
                chars as f64 / 100.0
            ),
            format!(
                "the first line is indented {:.1} characters, not 2{le} (word/document.xml, w:ind)",
                chars as f64 / 100.0
            ),
        );
    }
}

/// The 发文机关标志: red, centred (clause 7.2.4).
fn banner(out: &mut Out, p: &Para) {
    let centred = matches!(p.ppr.jc.as_deref(), Some("center"));
    let colour = dominant(p.runs.iter().map(|(r, t)| {
        (
            r.color.clone().unwrap_or_else(|| "auto".into()),
            t.chars().filter(|c| !c.is_whitespace()).count(),
        )
    }))
    .unwrap_or_default();
    let red = red(&colour);
    if !red || !centred {
        let mut zh = Vec::new();
        let mut en = Vec::new();
        if !red {
            zh.push(format!("颜色为{colour}，应为红色"));
            en.push(format!("its colour is {colour}, not red"));
        }
        if !centred {
            zh.push("未居中".to_string());
            en.push("it is not centred".to_string());
        }
        out.emit(
            Rule::BannerLayout,
            p.line,
            format!("发文机关标志{}", zh.join("，")),
            format!("the 发文机关标志: {}", en.join("; ")),
        );
    }
}

/// Whether a `w:color` value is a red (the print red is Y80 % M80 %).
fn red(v: &str) -> bool {
    let v = v.trim();
    if v.len() != 6 || !v.is_ascii() {
        return false;
    }
    let ch = |i: usize| u8::from_str_radix(&v[i..i + 2], 16).ok();
    match (ch(0), ch(2), ch(4)) {
        (Some(r), Some(g), Some(b)) => r >= 0xB0 && g <= 0x70 && b <= 0x70,
        _ => false,
    }
}

/// The body's line pitch and characters a line: 22 lines of 28 (clause 5.2.3).
fn grid(out: &mut Out, s: &Section, paras: &[(Role, Para)], styles: &Styles, set: &LayoutSettings) {
    let body: Vec<&Para> = paras
        .iter()
        .filter(|(r, _)| *r == Role::Body)
        .map(|(_, p)| p)
        .collect();
    if body.is_empty() {
        return;
    }
    let (Some(w), Some(h)) = (s.width, s.height) else {
        return;
    };
    if s.landscape {
        return;
    }
    let text_h = h - s.top.unwrap_or(1440).abs() - s.bottom.unwrap_or(1440).abs();
    let text_w = w - s.left.unwrap_or(1800) - s.right.unwrap_or(1800) - s.gutter;
    // the line pitch of each body paragraph
    let pitch_of = |p: &Para| -> i64 {
        let (size, _) = size_of(&p.runs).unwrap_or((GBT.body_size as i64, 0));
        // a single line of CJK text is about 1.3 em high in Word's usual faces
        let natural = size * 10 * 13 / 10;
        let line = p.ppr.line.unwrap_or(240);
        let snap = s.line_grid() && p.ppr.snap != Some(false);
        let grid = s.line_pitch.filter(|l| *l > 0);
        match p.ppr.line_rule.as_deref() {
            Some("exact") => line.abs(),
            Some("atLeast") => {
                let base = match (snap, grid) {
                    (true, Some(g)) => g * ((natural + g - 1) / g).max(1),
                    _ => natural,
                };
                line.max(base)
            }
            _ => {
                let want = natural * line.max(1) / 240;
                match (snap, grid) {
                    (true, Some(g)) => g * ((want + g - 1) / g).max(1),
                    _ => want,
                }
            }
        }
    };
    let pitch = dominant(body.iter().map(|p| (pitch_of(p), 1)));
    if let Some(pitch) = pitch.filter(|p| *p > 0) {
        let at = body
            .iter()
            .find(|p| pitch_of(p) == pitch)
            .map_or(1, |p| p.line);
        let lines = text_h / pitch;
        let exact_wanted = set.line_pitch.filter(|w| *w != pitch);
        if lines != set.lines_per_page as i64 || exact_wanted.is_some() {
            let want = exact_wanted.map_or(String::new(), |w| {
                format!("（本单位要求行距{:.2} pt）", w as f64 / 20.0)
            });
            let want_en = exact_wanted.map_or(String::new(), |w| {
                format!(" (the house line pitch is {:.2} pt)", w as f64 / 20.0)
            });
            out.emit(
                Rule::LinesPerPage,
                at,
                format!(
                    "正文行距{:.2} pt，版心高{:.0} mm，每页{lines}行，应为{}行{want}（w:spacing w:line，w:docGrid w:linePitch）",
                    pitch as f64 / 20.0,
                    mm(text_h),
                    set.lines_per_page
                ),
                format!(
                    "body lines are {:.2} pt apart in a type area {:.0} mm high: {lines} lines a page, not {}{want_en} (w:spacing w:line, w:docGrid w:linePitch)",
                    pitch as f64 / 20.0,
                    mm(text_h),
                    set.lines_per_page
                ),
            );
        }
    }
    // the advance of each body paragraph's characters
    let (_, normal) = styles.paragraph(None);
    let base = normal.size.unwrap_or(21).max(1);
    let advance_of = |p: &Para| -> i64 {
        let (size, spacing) = size_of(&p.runs).unwrap_or((GBT.body_size as i64, 0));
        if s.char_grid() {
            let cell = base * 10 + s.char_space.unwrap_or(0) * 20 / 4096;
            (cell * size / base).max(1)
        } else {
            (size * 10 + spacing).max(1)
        }
    };
    if let Some(adv) = dominant(body.iter().map(|p| (advance_of(p), 1))) {
        let at = body
            .iter()
            .find(|p| advance_of(p) == adv)
            .map_or(1, |p| p.line);
        let chars = text_w / adv;
        if chars != set.chars_per_line as i64 {
            out.emit(
                Rule::CharsPerLine,
                at,
                format!(
                    "正文每字占{:.2} pt，版心宽{:.0} mm，每行{chars}字，应为{}字（w:docGrid w:charSpace，或字符间距 w:spacing）",
                    adv as f64 / 20.0,
                    mm(text_w),
                    set.chars_per_line
                ),
                format!(
                    "body characters advance {:.2} pt in a type area {:.0} mm wide: {chars} a line, not {} (w:docGrid w:charSpace, or the runs' w:spacing)",
                    adv as f64 / 20.0,
                    mm(text_w),
                    set.chars_per_line
                ),
            );
        }
    }
}

/// A footer part's page-number paragraph, with its effective formatting.
struct Footer {
    part: String,
    ppr: ParaProps,
    para: FooterPara,
    runs: Vec<RunProps>,
}

/// Whether a footer of section `s` holds a page number (a PAGE field).
fn numbers_pages(pkg: &mut Package, s: &Section) -> bool {
    s.footers.iter().any(|(_, id)| {
        let Some(part) = pkg.rels.get(id).cloned() else {
            return false;
        };
        pkg.part(&part)
            .is_some_and(|xml| package::footer(&xml).iter().any(FooterPara::has_page))
    })
}

fn footers(
    out: &mut Out,
    pkg: &mut Package,
    s: &Section,
    styles: &Styles,
    theme: &Theme,
    set: &LayoutSettings,
) {
    let even_odd = pkg.even_and_odd();
    let mut found: Vec<(String, Footer)> = Vec::new();
    for (kind, id) in &s.footers {
        if kind == "first" || (kind == "even" && !even_odd) {
            continue;
        }
        let Some(part) = pkg.rels.get(id).cloned() else {
            continue;
        };
        let Some(xml) = pkg.part(&part) else { continue };
        let Some(para) = package::footer(&xml).into_iter().find(FooterPara::has_page) else {
            continue;
        };
        let (sp, sr) = styles.paragraph(para.ppr.style.as_deref());
        let ppr = para.ppr.over(&sp);
        let runs = para.runs.iter().map(|(r, _)| styles.run(r, &sr)).collect();
        found.push((
            kind.clone(),
            Footer {
                part,
                ppr,
                para,
                runs,
            },
        ));
    }
    if found.is_empty() {
        out.emit(
            Rule::PageNumberMissing,
            1,
            "页脚中没有页码（PAGE 域）".into(),
            "no footer holds a page number (a PAGE field)".into(),
        );
        return;
    }
    for (kind, f) in &found {
        let odd = kind != "even";
        form(out, f);
        font(out, f, theme);
        position(out, f, odd, even_odd, s, set);
    }
}

fn form(out: &mut Out, f: &Footer) {
    let written = f.para.form();
    let bare: String = written
        .chars()
        .filter(|c| !c.is_whitespace() && *c != '\u{3000}')
        .collect();
    if bare != "—{N}—" {
        let shown = written.trim().replace("{N}", "1");
        out.emit(
            Rule::PageNumberForm,
            1,
            format!(
                "页码写作“{shown}”，应为“— 1 —”（一字线在数字两侧）（{}）",
                f.part
            ),
            format!(
                "the page number reads \"{shown}\", not \"— 1 —\" with an em dash each side ({})",
                f.part
            ),
        );
    }
}

fn font(out: &mut Out, f: &Footer, theme: &Theme) {
    let want_size = GBT.page_number_size as i64;
    let want = faces::expected(FaceRole::PageNumber);
    let mut sizes = Vec::new();
    let mut faces_seen = Vec::new();
    for ((_, bit), r) in f.para.runs.iter().zip(&f.runs) {
        let shows = match bit {
            Bit::Page => true,
            Bit::Text(t) => !t.trim().is_empty(),
        };
        if !shows {
            continue;
        }
        sizes.push(r.size.unwrap_or(20));
        if *bit == Bit::Page {
            if let Some(face) = theme.ascii(r) {
                faces_seen.push(face.to_string());
            }
        }
    }
    let bad_size = sizes.iter().find(|s| **s != want_size).copied();
    let bad_face = faces_seen.iter().find(|n| !faces::is(n, want)).cloned();
    if bad_size.is_none() && bad_face.is_none() {
        return;
    }
    let mut zh = Vec::new();
    let mut en = Vec::new();
    if let Some(s) = bad_size {
        zh.push(format!("字号为{}", hao(s)));
        en.push(hao(s));
    }
    if let Some(n) = &bad_face {
        zh.push(format!("字体为“{n}”"));
        en.push(format!("in {n}"));
    }
    out.emit(
        Rule::PageNumberFont,
        1,
        format!(
            "页码{}，应为{}{}（{}）",
            zh.join("，"),
            hao(want_size),
            want.zh(),
            f.part
        ),
        format!(
            "the page number is {}, not {} {} ({})",
            en.join(", "),
            hao(want_size),
            want.zh(),
            f.part
        ),
    );
}

fn position(
    out: &mut Out,
    f: &Footer,
    odd: bool,
    even_odd: bool,
    s: &Section,
    set: &LayoutSettings,
) {
    let frame = f.ppr.frame_align.as_deref();
    let jc = f.ppr.jc.as_deref().unwrap_or("left");
    let outside = frame == Some("outside");
    let right = frame == Some("right") || (frame.is_none() && matches!(jc, "right" | "end"));
    let left = frame == Some("left")
        || (frame.is_none() && matches!(jc, "left" | "start" | "both" | "justify"));
    let text = f.para.form();
    let one_char = GBT.page_number_inset as i64;
    let inset = |twips: Option<i64>, chars: Option<i64>, trailing: bool| {
        let typed = if trailing {
            text.ends_with('\u{3000}') || text.ends_with("  ")
        } else {
            text.starts_with('\u{3000}') || text.starts_with("  ")
        };
        typed
            || chars.is_some_and(|c| (50..=150).contains(&c))
            || twips.is_some_and(|t| (one_char / 2..=one_char * 3 / 2).contains(&t))
    };
    let mut zh = Vec::new();
    let mut en = Vec::new();
    if outside {
        // a frame set to the outside edge is right on odd pages and left on even ones
    } else if odd && !right {
        zh.push(format!("单页页码{}，应居右", align_zh(jc)));
        en.push(format!(
            "the odd-page number is {}, not right",
            align_en(jc)
        ));
    } else if !odd && !left {
        zh.push(format!("双页页码{}，应居左", align_zh(jc)));
        en.push(format!(
            "the even-page number is {}, not left",
            align_en(jc)
        ));
    } else if odd && !inset(f.ppr.right, f.ppr.right_chars, true) {
        zh.push("单页页码应距右边一字".into());
        en.push("the odd-page number is not one character in from the right".into());
    } else if !odd && !inset(f.ppr.left, f.ppr.left_chars, false) {
        zh.push("双页页码应距左边一字".into());
        en.push("the even-page number is not one character in from the left".into());
    }
    if odd && !even_odd && !outside {
        zh.push(
            "未设置奇偶页不同（word/settings.xml w:evenAndOddHeaders），双页页码不能居左".into(),
        );
        en.push("odd and even pages share one footer (no w:evenAndOddHeaders in word/settings.xml), so even pages cannot carry theirs on the left".into());
    }
    if let (Some(want), Some(got)) = (set.footer_distance_mm, s.footer) {
        if (mm(got) - want).abs() > set.margin_tolerance_mm {
            zh.push(format!("页脚距边界{:.1} mm，本单位要求{want} mm", mm(got)));
            en.push(format!(
                "the footer is {:.1} mm from the edge, the house figure is {want} mm",
                mm(got)
            ));
        }
    }
    if !zh.is_empty() {
        out.emit(
            Rule::PageNumberPosition,
            1,
            format!("{}（{}）", zh.join("；"), f.part),
            format!("{} ({})", en.join("; "), f.part),
        );
    }
}

fn align_zh(jc: &str) -> &'static str {
    match jc {
        "center" => "居中",
        "right" | "end" => "居右",
        _ => "居左",
    }
}

fn align_en(jc: &str) -> &'static str {
    match jc {
        "center" => "centred",
        "right" | "end" => "right",
        _ => "left",
    }
}

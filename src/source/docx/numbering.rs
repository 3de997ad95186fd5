//! Word automatic numbering (`word/numbering.xml`): which paragraphs are numbered, and the
//! number text Word shows for each.
//!
//! # The model
//! `numbering.xml` holds list *definitions* (`w:abstractNum`, up to nine levels `w:lvl`, each
//! with a start value `w:start`, a format `w:numFmt`, a text pattern `w:lvlText` such as
//! `"%1.%2."`, `w:lvlRestart`, `w:isLgl` and `w:suff`) and list *instances* (`w:num`), which
//! paragraphs point at by `w:numId`. An instance names its definition (`w:abstractNumId`) and
//! may override a level (`w:lvlOverride`: a `w:startOverride`, a whole `w:lvl`, or both).
//! An instance's start override of a level above the one its first paragraph is at shows in
//! that paragraph's number (`%1.%2` under an override of level 1 to 5 reads 5.1).
//!
//! A definition may only link to a numbering style (`w:numStyleLink`); the style's `w:numPr`
//! names the instance whose definition has the levels (the one with the matching
//! `w:styleLink`). Links are followed a few hops and never in a circle.
//!
//! [`Numbering::resolve`] says which instance and level a paragraph is numbered with: its own
//! `w:numPr` over its style's (a paragraph `w:numPr` with only `w:ilvl` takes the style's
//! `w:numId`; `w:numId` 0 switches numbering off, its style's too). When no `w:ilvl` is
//! given, the level whose `w:pStyle` names the paragraph's style (or the style that gave the
//! numbering) is the level; failing that, level 0. A `singleLevel` definition has level 0
//! only.
//!
//! [`Counters`] then numbers the paragraphs in document order, as Word does:
//! - The counters belong to the definition (after links are followed): all instances of one
//!   `w:abstractNum` continue one list. An instance that overrides a level's start restarts
//!   that level at the override the first time the instance is used at that level, and
//!   continues after that.
//! - Using level L resets every deeper level to its start, unless the deeper level's
//!   `w:lvlRestart` says otherwise: 0 never restarts it, k restarts it only when a level
//!   1..=k (1-based) is used.
//! - `%N` in `w:lvlText` is the current value of level N rendered in level N's format (all
//!   decimal when the paragraph's level has `w:isLgl`, except `decimalZero`). A higher level
//!   never used in the list shows its start value, and takes that value: the next paragraph
//!   at that level shows start + 1 (Word does this; the Open XML PowerTools list reader
//!   follows it). A `%N` deeper than the paragraph's level shows the paragraph's own value.
//! - A missing `w:start` is 0, as ECMA-376 says and Word does.
//!
//! Numbers saturate at `u32::MAX`; levels above 8 and unknown ids give no number; the cost is
//! constant per paragraph.
//!
//! # Where LibreOffice differs
//! LibreOffice 7's text export (`soffice --convert-to txt`) prints the same number as these
//! counters for every automatically numbered paragraph of the real Word files the tests read.
//! On hand-written lists it differs in these cases, where Word's behaviour is followed:
//! - `w:lvlRestart` is ignored: LibreOffice restarts a deeper level whenever a higher one is
//!   used, even with `lvlRestart` 0 (never) or k (only after level k).
//! - `w:isLgl` is ignored: LibreOffice keeps each level's own format (`III.1.` where Word
//!   shows `3.1.`).
//! - `decimalEnclosedParen` (⑴), `decimalEnclosedFullstop` (⒈) and `decimalFullWidth` (１)
//!   come out as plain digits; `decimalEnclosedCircle` goes on past 20 (㉑), where Word falls
//!   back to digits; `ideographEnclosedCircle` comes out as ① rather than Word's ㈠.
//! - Chinese counting of 100 and more: LibreOffice writes 一百, 一百零一 for both
//!   `chineseCounting` and `chineseCountingThousand`. Word writes `chineseCounting` digit by
//!   digit from 100 on (一〇〇, 一〇一) and `chineseCountingThousand` with 〇 for the zero
//!   (一百〇一, 一千〇一十), as the Open XML PowerTools list reader models it.
//! - `japaneseCounting` from 100 on: LibreOffice 一百, 一百零一; Word counts the Japanese way
//!   (百, 百一, 千). Below 100 both give 十, 十一, 二十.
//! - `ideographDigital`: LibreOffice 二千零五, Word digit by digit (二〇〇五).
//! - A `%N` for a level deeper than the paragraph's: LibreOffice prints it literally (`1-%2%`);
//!   here it shows the paragraph's own value, as the PowerTools reader does.
//!
//! Both agree that instances of one definition continue one list, that a start override
//! restarts only the instance that has it, that a missing `w:start` is 0, and that a higher
//! level never used shows and takes its start value.

use super::styles::{attr, cut_short, on_off, step, NumRef, Step, Styles};
use quick_xml::reader::NsReader;
use std::collections::HashMap;

/// The part the numbering is in.
const PART: &str = "word/numbering.xml";

/// List levels are 0..=8.
const LEVELS: usize = 9;

/// How many `w:numStyleLink` hops are followed.
const MAX_LINKS: usize = 8;

/// What follows the number (`w:suff`).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub(crate) enum Suffix {
    /// A tab (Word's default).
    #[default]
    Tab,
    /// A space.
    Space,
    /// Nothing: the text follows the number directly.
    Nothing,
}

impl Suffix {
    /// The text Word puts between the number and the paragraph's text. A tab is one
    /// ideographic space: how far it reaches is layout, and a tab in a line's text reads as a
    /// table's cell boundary, not as a number's separator.
    pub(crate) fn text(self) -> &'static str {
        match self {
            Suffix::Tab => "\u{3000}",
            Suffix::Space => " ",
            Suffix::Nothing => "",
        }
    }
}

/// One list level (`w:lvl`).
#[derive(Clone, Debug, Default)]
struct Level {
    start: u32,
    /// `w:numFmt`, or the `w:format` of a `custom` one that is understood (`"001, 002, …"`).
    format: String,
    /// `w:lvlText`; `None` shows no number.
    text: Option<String>,
    restart: Option<u32>,
    legal: bool,
    suffix: Suffix,
    style: Option<String>,
}

/// One `w:abstractNum`.
#[derive(Clone, Debug, Default)]
struct Abstract {
    id: u32,
    levels: [Option<usize>; LEVELS],
    single: bool,
    num_style_link: Option<String>,
}

/// One `w:lvlOverride`.
#[derive(Clone, Debug, Default)]
struct Override {
    start: Option<u32>,
    level: Option<usize>,
}

/// One `w:num`, as written.
#[derive(Clone, Debug, Default)]
struct RawNum {
    id: u32,
    abstract_id: Option<u32>,
    overrides: [Override; LEVELS],
}

/// One `w:num`, resolved: its definition and its effective levels.
#[derive(Clone, Debug)]
struct Num {
    /// Index of the definition whose counters it uses.
    list: usize,
    /// Index into `Numbering::levels` of each effective level.
    levels: [Option<usize>; LEVELS],
    /// The value a level restarts at the first time this instance uses it.
    restart: [Option<u32>; LEVELS],
    single: bool,
}

/// The numbering definitions of a document. [`Numbering::default`] is a package without
/// `numbering.xml`: nothing is numbered.
///
/// ```text
/// let numbering = Numbering::parse(&xml, &styles)?;
/// let at = numbering.resolve(own, Some("2"), &styles);
/// ```
#[derive(Clone, Debug, Default)]
pub(crate) struct Numbering {
    levels: Vec<Level>,
    nums: Vec<Num>,
    ids: HashMap<u32, usize>,
    lists: usize,
}

/// The number Word shows before one paragraph.
///
/// ```text
/// let g = counters.next(1, 0).unwrap();
/// assert_eq!(g.text, "一、");
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Generated {
    /// `w:lvlText` with its `%N` expanded, e.g. `"一、"`, `"（一）"`, `"1."`, `"3.1."`; for a
    /// bullet the bullet character as written.
    pub text: String,
    /// What follows the number.
    pub suffix: Suffix,
    /// A bullet or a `none` level: no number.
    pub bullet: bool,
    /// The level's `w:numFmt`, for messages.
    pub format: String,
}

/// Where the reader is inside `w:numbering`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Tag {
    Skip,
    Root,
    Abstract,
    Num,
    Override,
    /// A `w:lvl` (of a definition or of an override), or anything inside one.
    Lvl,
}

/// The level being read, and where it goes when it ends.
struct OpenLevel {
    ilvl: usize,
    level: Level,
    depth: usize,
    custom: Option<String>,
    plain: Option<String>,
}

impl Numbering {
    /// Read `word/numbering.xml`; `styles` resolves `w:numStyleLink`. An XML error names the
    /// part and its line and column.
    ///
    /// ```text
    /// let n = Numbering::parse(&xml, &Styles::default())?;
    /// ```
    pub fn parse(xml: &str, styles: &Styles) -> Result<Numbering, String> {
        let mut r = NsReader::from_str(xml);
        let mut stack: Vec<Tag> = Vec::new();
        let mut levels: Vec<Level> = Vec::new();
        let mut abstracts: Vec<Abstract> = Vec::new();
        let mut raw_nums: Vec<RawNum> = Vec::new();
        let mut abs: Option<Abstract> = None;
        let mut num: Option<RawNum> = None;
        let mut over: Option<usize> = None;
        let mut lvl: Option<OpenLevel> = None;
        loop {
            let (e, empty) = match step(&mut r, xml, PART)? {
                Step::End => break,
                Step::Close => {
                    let depth = stack.len();
                    match stack.pop() {
                        Some(Tag::Abstract) => abstracts.extend(abs.take()),
                        Some(Tag::Num) => raw_nums.extend(num.take()),
                        Some(Tag::Override) => over = None,
                        Some(Tag::Lvl) if lvl.as_ref().is_some_and(|l| l.depth == depth) => {
                            let l = lvl.take().expect("checked");
                            close_level(l, &mut levels, &mut abs, &mut num, over);
                        }
                        _ => {}
                    }
                    continue;
                }
                Step::Foreign(empty) => {
                    // mc:AlternateContent around a w14 custom numFmt: look inside it.
                    let inside = stack.last() == Some(&Tag::Lvl);
                    if !empty {
                        stack.push(if inside { Tag::Lvl } else { Tag::Skip });
                    }
                    continue;
                }
                Step::Open(e, empty) => (e, empty),
            };
            let parent = stack.last().copied();
            let local = e.local_name();
            let local = local.as_ref();
            let val = || attr(&r, &e, b"val");
            let number = |name: &[u8]| parse_u32(attr(&r, &e, name).as_deref());
            let tag = match (parent, local) {
                (None, b"numbering") => Tag::Root,
                (Some(Tag::Root), b"abstractNum") => {
                    abs = Some(Abstract {
                        id: number(b"abstractNumId").unwrap_or(u32::MAX),
                        ..Abstract::default()
                    });
                    Tag::Abstract
                }
                (Some(Tag::Abstract), b"multiLevelType") => {
                    if let Some(a) = abs.as_mut() {
                        a.single = val().as_deref() == Some("singleLevel");
                    }
                    Tag::Skip
                }
                (Some(Tag::Abstract), b"numStyleLink") => {
                    if let Some(a) = abs.as_mut() {
                        a.num_style_link = val();
                    }
                    Tag::Skip
                }
                (Some(Tag::Root), b"num") => {
                    num = Some(RawNum {
                        id: number(b"numId").unwrap_or(u32::MAX),
                        ..RawNum::default()
                    });
                    Tag::Num
                }
                (Some(Tag::Num), b"abstractNumId") => {
                    if let Some(n) = num.as_mut() {
                        n.abstract_id = parse_u32(val().as_deref());
                    }
                    Tag::Skip
                }
                (Some(Tag::Num), b"lvlOverride") => {
                    over = number(b"ilvl").map(|i| i as usize).filter(|&i| i < LEVELS);
                    Tag::Override
                }
                (Some(Tag::Override), b"startOverride") => {
                    if let (Some(n), Some(i)) = (num.as_mut(), over) {
                        n.overrides[i].start = Some(parse_u32(val().as_deref()).unwrap_or(0));
                    }
                    Tag::Skip
                }
                (Some(Tag::Abstract | Tag::Override), b"lvl") => {
                    let ilvl = match parent {
                        Some(Tag::Override) => over,
                        _ => number(b"ilvl").map(|i| i as usize).filter(|&i| i < LEVELS),
                    };
                    match ilvl {
                        Some(ilvl) if lvl.is_none() => {
                            lvl = Some(OpenLevel {
                                ilvl,
                                level: Level {
                                    format: "decimal".into(),
                                    ..Level::default()
                                },
                                depth: stack.len() + 1,
                                custom: None,
                                plain: None,
                            });
                            Tag::Lvl
                        }
                        _ => Tag::Skip,
                    }
                }
                (Some(Tag::Lvl), _) => {
                    if let Some(l) = lvl.as_mut() {
                        let at_top = l.depth == stack.len();
                        read_level(l, local, val(), attr(&r, &e, b"format"), at_top);
                    }
                    Tag::Lvl
                }
                _ => Tag::Skip,
            };
            if empty {
                match tag {
                    Tag::Abstract => abstracts.extend(abs.take()),
                    Tag::Num => raw_nums.extend(num.take()),
                    Tag::Override => over = None,
                    Tag::Lvl if lvl.as_ref().is_some_and(|l| l.depth == stack.len() + 1) => {
                        let l = lvl.take().expect("checked");
                        close_level(l, &mut levels, &mut abs, &mut num, over);
                    }
                    _ => {}
                }
            } else {
                stack.push(tag);
            }
        }
        if !stack.is_empty() {
            return Err(cut_short(PART, xml, stack.len()));
        }
        Ok(Numbering::link(levels, abstracts, raw_nums, styles))
    }

    /// Resolve each instance's definition (through numbering-style links) and levels.
    fn link(
        levels: Vec<Level>,
        abstracts: Vec<Abstract>,
        raw_nums: Vec<RawNum>,
        styles: &Styles,
    ) -> Numbering {
        let mut abs_ids: HashMap<u32, usize> = HashMap::new();
        for (i, a) in abstracts.iter().enumerate() {
            abs_ids.entry(a.id).or_insert(i);
        }
        let mut num_abs: HashMap<u32, u32> = HashMap::new();
        for n in &raw_nums {
            if let Some(a) = n.abstract_id {
                num_abs.entry(n.id).or_insert(a);
            }
        }
        // The definition that holds the levels, following numStyleLink.
        let real = |start: usize| -> usize {
            let mut at = start;
            let mut seen = vec![at];
            for _ in 0..MAX_LINKS {
                let Some(link) = abstracts[at].num_style_link.as_deref() else {
                    break;
                };
                let next = styles
                    .numbering_style(link)
                    .and_then(|r| r.num_id)
                    .and_then(|id| num_abs.get(&id))
                    .and_then(|a| abs_ids.get(a))
                    .copied();
                match next {
                    Some(n) if !seen.contains(&n) => {
                        seen.push(n);
                        at = n;
                    }
                    _ => break,
                }
            }
            at
        };
        let mut out = Numbering {
            levels,
            lists: abstracts.len(),
            ..Numbering::default()
        };
        for raw in &raw_nums {
            let Some(&a) = raw.abstract_id.as_ref().and_then(|a| abs_ids.get(a)) else {
                continue;
            };
            let list = real(a);
            let def = &abstracts[list];
            let mut num = Num {
                list,
                levels: def.levels,
                restart: [None; LEVELS],
                single: def.single,
            };
            for (i, o) in raw.overrides.iter().enumerate() {
                if let Some(l) = o.level {
                    num.levels[i] = Some(l);
                }
                num.restart[i] = o.start.or(o.level.map(|l| out.levels[l].start));
            }
            if let std::collections::hash_map::Entry::Vacant(v) = out.ids.entry(raw.id) {
                v.insert(out.nums.len());
                out.nums.push(num);
            }
        }
        out
    }

    /// The (numId, ilvl) a paragraph is numbered with: its own `w:numPr` (`own`) over its
    /// style's; `None` when numbering is off or the instance unknown.
    ///
    /// ```text
    /// let own = NumRef { num_id: Some(2), ilvl: Some(1) };
    /// assert_eq!(numbering.resolve(Some(own), None, &styles), Some((2, 1)));
    /// ```
    pub fn resolve(
        &self,
        own: Option<NumRef>,
        style_id: Option<&str>,
        styles: &Styles,
    ) -> Option<(u32, u8)> {
        let style = styles.paragraph(style_id);
        let own = own.unwrap_or_default();
        let from_style = style.num.unwrap_or_default();
        let num_id = own.num_id.or(from_style.num_id)?;
        if num_id == 0 {
            return None;
        }
        let num = &self.nums[*self.ids.get(&num_id)?];
        let same = from_style.num_id == Some(num_id);
        let linked = || {
            let names = [Some(style.id.as_str()), style.num_style.as_deref()];
            names.into_iter().flatten().find_map(|name| {
                num.levels
                    .iter()
                    .position(|l| l.is_some_and(|l| self.levels[l].style.as_deref() == Some(name)))
            })
        };
        let ilvl = own
            .ilvl
            .or(if same { from_style.ilvl } else { None })
            .or_else(|| linked().map(|l| l as u8))
            .unwrap_or(0);
        let ilvl = if num.single { 0 } else { ilvl };
        (usize::from(ilvl) < LEVELS).then_some((num_id, ilvl))
    }
}

/// Read one element inside a `w:lvl` into `l` (`at_top`: a direct child of the `w:lvl`).
fn read_level(
    l: &mut OpenLevel,
    local: &[u8],
    val: Option<String>,
    format: Option<String>,
    at_top: bool,
) {
    let level = &mut l.level;
    match local {
        b"numFmt" => {
            if val.as_deref() == Some("custom") {
                l.custom = format.filter(|f| custom_width(f).is_some());
            } else if l.plain.is_none() {
                l.plain = val;
            }
        }
        _ if !at_top => {}
        b"start" => level.start = parse_u32(val.as_deref()).unwrap_or(0),
        b"lvlText" => level.text = Some(val.unwrap_or_default()),
        b"lvlRestart" => level.restart = Some(parse_u32(val.as_deref()).unwrap_or(0)),
        b"isLgl" => level.legal = on_off(val.as_deref()),
        b"suff" => {
            level.suffix = match val.as_deref() {
                Some("space") => Suffix::Space,
                Some("nothing") => Suffix::Nothing,
                _ => Suffix::Tab,
            }
        }
        b"pStyle" => level.style = val,
        _ => {}
    }
}

/// Store a finished level in its definition or override.
fn close_level(
    mut l: OpenLevel,
    levels: &mut Vec<Level>,
    abs: &mut Option<Abstract>,
    num: &mut Option<RawNum>,
    over: Option<usize>,
) {
    if let Some(f) = l.custom.take().or(l.plain.take()) {
        l.level.format = f;
    }
    let index = levels.len();
    levels.push(l.level);
    if let Some(n) = num.as_mut() {
        if over == Some(l.ilvl) {
            n.overrides[l.ilvl].level = Some(index);
        }
    } else if let Some(a) = abs.as_mut() {
        a.levels[l.ilvl].get_or_insert(index);
    }
}

/// A decimal attribute value; negative or bad values are `None`, huge ones saturate.
fn parse_u32(v: Option<&str>) -> Option<u32> {
    let v = v?.trim();
    if v.is_empty() || !v.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    Some(
        v.parse::<u64>()
            .map_or(u32::MAX, |n| n.min(u64::from(u32::MAX)) as u32),
    )
}

/// The counters of one document, in document order.
///
/// ```text
/// let mut c = Counters::new(&numbering);
/// let first = c.next(1, 0).map(|g| g.text);
/// ```
pub(crate) struct Counters<'a> {
    n: &'a Numbering,
    /// Per definition, the current value of each level (`None`: not used since its reset).
    values: Vec<[Option<u32>; LEVELS]>,
    /// Per instance, the levels whose start override has been used (a bit per level).
    used: Vec<u16>,
}

impl<'a> Counters<'a> {
    /// Fresh counters for the lists of `n`.
    ///
    /// ```text
    /// let c = Counters::new(&Numbering::default());
    /// ```
    pub fn new(n: &'a Numbering) -> Self {
        Counters {
            n,
            values: vec![[None; LEVELS]; n.lists],
            used: vec![0; n.nums.len()],
        }
    }

    /// Advance and render the number of a paragraph numbered (`num_id`, `ilvl`). `None` when
    /// the instance or level does not exist or the level has no `w:lvlText`.
    ///
    /// ```text
    /// assert_eq!(c.next(1, 0).unwrap().text, "1.");
    /// assert_eq!(c.next(1, 1).unwrap().text, "1.1.");
    /// ```
    pub fn next(&mut self, num_id: u32, ilvl: u8) -> Option<Generated> {
        let n = self.n;
        let ni = *n.ids.get(&num_id)?;
        let num = &n.nums[ni];
        let l = if num.single { 0 } else { usize::from(ilvl) };
        if l >= LEVELS {
            return None;
        }
        let level = &n.levels[num.levels[l]?];
        let text = level.text.as_deref()?;
        let values = &mut self.values[num.list];
        // An instance that overrides the start of a level above this one shows that start
        // there from its first paragraph on, whether or not a paragraph of that level comes.
        for (m, slot) in values.iter_mut().enumerate().take(l) {
            if let Some(s) = num.restart[m].filter(|_| self.used[ni] & (1 << m) == 0) {
                self.used[ni] |= 1 << m;
                *slot = Some(s);
            }
        }
        let value = match num.restart[l] {
            Some(s) if self.used[ni] & (1 << l) == 0 => {
                self.used[ni] |= 1 << l;
                s
            }
            _ => values[l].map_or(level.start, |v| v.saturating_add(1)),
        };
        values[l] = Some(value);
        for (m, slot) in values.iter_mut().enumerate().skip(l + 1) {
            let restart = num.levels[m].and_then(|i| n.levels[i].restart);
            match restart {
                Some(0) => {}
                Some(k) if l as u32 >= k => {}
                _ => *slot = None,
            }
        }
        // Higher levels never used show (and take) their start value.
        for (j, slot) in values.iter_mut().enumerate().take(l) {
            if slot.is_none() {
                *slot = Some(num.levels[j].map_or(0, |i| n.levels[i].start));
            }
        }
        let bullet = level.format == "bullet" || level.format == "none";
        let mut out = String::with_capacity(text.len() + 8);
        if level.format == "bullet" {
            out.push_str(text);
        } else {
            let mut chars = text.chars().peekable();
            while let Some(c) = chars.next() {
                let digit = chars
                    .peek()
                    .and_then(|d| d.to_digit(10))
                    .filter(|d| (1..=9).contains(d));
                let (true, Some(d)) = (c == '%', digit) else {
                    out.push(c);
                    continue;
                };
                chars.next();
                let j = (d as usize - 1).min(l);
                let v = values[j].unwrap_or(0);
                let fmt = num.levels[j].map_or("decimal", |i| n.levels[i].format.as_str());
                let fmt = if level.legal && fmt != "decimalZero" && fmt != "none" {
                    "decimal"
                } else {
                    fmt
                };
                out.push_str(&render(v, fmt).unwrap_or_default());
            }
        }
        Some(Generated {
            text: out,
            suffix: level.suffix,
            bullet,
            format: level.format.clone(),
        })
    }
}

/// `n` in the number format `fmt` (a `w:numFmt` value, or a custom `"001, 002, 003, ..."`);
/// `None` for a bullet, empty for `none`; unknown formats are decimal.
///
/// ```text
/// assert_eq!(render(11, "chineseCounting").as_deref(), Some("十一"));
/// assert_eq!(render(3, "decimalEnclosedCircle").as_deref(), Some("③"));
/// ```
pub(crate) fn render(n: u32, fmt: &str) -> Option<String> {
    let decimal = || n.to_string();
    let offset = |first: u32, max: u32| {
        (1..=max)
            .contains(&n)
            .then(|| char::from_u32(first + n - 1))
            .flatten()
            .map_or_else(decimal, String::from)
    };
    let table = |items: &[&str]| {
        usize::try_from(n)
            .ok()
            .and_then(|i| i.checked_sub(1))
            .and_then(|i| items.get(i))
            .map_or_else(decimal, |s| s.to_string())
    };
    Some(match fmt {
        "bullet" => return None,
        "none" => String::new(),
        "decimalZero" if n < 10 => format!("0{n}"),
        "decimalFullWidth" | "decimalFullWidth2" => decimal()
            .chars()
            .map(|c| char::from_u32(c as u32 - '0' as u32 + '０' as u32).unwrap_or(c))
            .collect(),
        "decimalEnclosedCircle" | "decimalEnclosedCircleChinese" => offset(0x2460, 20),
        "decimalEnclosedParen" => offset(0x2474, 20),
        "decimalEnclosedFullstop" => offset(0x2488, 20),
        "ideographEnclosedCircle" => offset(0x3220, 10),
        "ideographTraditional" => {
            table(&["甲", "乙", "丙", "丁", "戊", "己", "庚", "辛", "壬", "癸"])
        }
        "ideographZodiac" => table(&[
            "子", "丑", "寅", "卯", "辰", "巳", "午", "未", "申", "酉", "戌", "亥",
        ]),
        "chineseCounting" => chinese_counting(n),
        "chineseCountingThousand" | "taiwaneseCountingThousand" => {
            cjk_thousand(n, &LOWER, '〇', true)
        }
        "chineseLegalSimplified" => cjk_thousand(n, &LEGAL, '零', false),
        "ideographDigital" | "taiwaneseDigital" => digits(n, &LOWER),
        "japaneseCounting" | "taiwaneseCounting" => japanese(n),
        "upperLetter" | "lowerLetter" => {
            if n == 0 {
                return Some(decimal());
            }
            let m = (n - 1) % 780;
            let base = if fmt == "upperLetter" { b'A' } else { b'a' };
            let c = char::from(base + (m % 26) as u8);
            std::iter::repeat_n(c, (m / 26 + 1) as usize).collect()
        }
        "upperRoman" => roman(n).unwrap_or_else(decimal),
        "lowerRoman" => roman(n).map_or_else(decimal, |r| r.to_lowercase()),
        "ordinal" => {
            let suffix = match (n % 100, n % 10) {
                (11..=13, _) => "th",
                (_, 1) => "st",
                (_, 2) => "nd",
                (_, 3) => "rd",
                _ => "th",
            };
            format!("{n}{suffix}")
        }
        "cardinalText" => cardinal(n).unwrap_or_else(decimal),
        custom => match custom_width(custom) {
            Some(w) => format!("{n:0w$}"),
            None => decimal(),
        },
    })
}

/// The lower Chinese digits 〇 to 九 and the units 十 百 千.
const LOWER: [&str; 13] = [
    "〇", "一", "二", "三", "四", "五", "六", "七", "八", "九", "十", "百", "千",
];
/// The financial (大写) digits and units.
const LEGAL: [&str; 13] = [
    "零", "壹", "贰", "叁", "肆", "伍", "陆", "柒", "捌", "玖", "拾", "佰", "仟",
];

/// Word's `chineseCounting`: 一 … 十, 十一 … 九十九, then digit by digit (一〇〇).
fn chinese_counting(n: u32) -> String {
    match n {
        0 => LOWER[0].to_string(),
        1..=9 => LOWER[n as usize].to_string(),
        10..=99 => {
            let (t, o) = ((n / 10) as usize, (n % 10) as usize);
            let mut s = String::new();
            if t > 1 {
                s.push_str(LOWER[t]);
            }
            s.push_str(LOWER[10]);
            if o > 0 {
                s.push_str(LOWER[o]);
            }
            s
        }
        _ => digits(n, &LOWER),
    }
}

/// `n` digit by digit in `set`'s digits.
fn digits(n: u32, set: &[&str; 13]) -> String {
    n.to_string()
        .bytes()
        .map(|b| set[usize::from(b - b'0')])
        .collect()
}

/// `n` with the units 十 百 千 and 万 亿 (`set` gives digits and units, `zero` the zero
/// written between them); `short_ten`: 10..=19 as 十… rather than 一十….
fn cjk_thousand(n: u32, set: &[&str; 13], zero: char, short_ten: bool) -> String {
    if n == 0 {
        return zero.to_string();
    }
    // Groups of four digits, highest first: 亿, 万, ones.
    let groups = [
        (n / 100_000_000, "亿"),
        ((n / 10_000) % 10_000, "万"),
        (n % 10_000, ""),
    ];
    let mut out = String::new();
    let mut pending_zero = false;
    for (g, unit) in groups {
        if g == 0 {
            pending_zero |= !out.is_empty();
            continue;
        }
        if !out.is_empty() && (pending_zero || g < 1000) {
            out.push(zero);
        }
        pending_zero = false;
        let ds = [g / 1000, (g / 100) % 10, (g / 10) % 10, g % 10];
        let mut gap = false;
        let mut started = false;
        for (i, &d) in ds.iter().enumerate() {
            if d == 0 {
                gap |= started;
                continue;
            }
            if gap {
                out.push(zero);
                gap = false;
            }
            let place = 3 - i;
            let first = out.is_empty();
            if !(short_ten && first && place == 1 && d == 1) {
                out.push_str(set[d as usize]);
            }
            if place > 0 {
                out.push_str(set[9 + place]);
            }
            started = true;
        }
        out.push_str(unit);
    }
    out
}

/// Word's `japaneseCounting`: 一 … 十, 十一, 二十, 百, 百一, 千, 一万 (no 一 before 十 百
/// 千, no zeros).
fn japanese(n: u32) -> String {
    fn below_10000(n: u32, out: &mut String) {
        for (place, unit) in [(1000, "千"), (100, "百"), (10, "十")] {
            let d = (n / place) % 10;
            if d > 1 {
                out.push_str(LOWER[d as usize]);
            }
            if d > 0 {
                out.push_str(unit);
            }
        }
        if n % 10 > 0 {
            out.push_str(LOWER[(n % 10) as usize]);
        }
    }
    if n == 0 {
        return LOWER[0].to_string();
    }
    let mut out = String::new();
    for (g, unit) in [(n / 100_000_000, "億"), ((n / 10_000) % 10_000, "万")] {
        if g > 0 {
            if g == 1 {
                out.push('一');
            } else {
                below_10000(g, &mut out);
            }
            out.push_str(unit);
        }
    }
    below_10000(n % 10_000, &mut out);
    out
}

/// Upper-case Roman numerals, for 1..=32767 (Word's largest list number).
fn roman(n: u32) -> Option<String> {
    if !(1..=32767).contains(&n) {
        return None;
    }
    const PARTS: [(u32, &str); 13] = [
        (1000, "M"),
        (900, "CM"),
        (500, "D"),
        (400, "CD"),
        (100, "C"),
        (90, "XC"),
        (50, "L"),
        (40, "XL"),
        (10, "X"),
        (9, "IX"),
        (5, "V"),
        (4, "IV"),
        (1, "I"),
    ];
    let mut n = n;
    let mut out = String::new();
    for (v, s) in PARTS {
        while n >= v {
            out.push_str(s);
            n -= v;
        }
    }
    Some(out)
}

/// English cardinal words, capitalized ("Twenty-one"), for 1..=999_999.
fn cardinal(n: u32) -> Option<String> {
    const ONES: [&str; 20] = [
        "zero",
        "one",
        "two",
        "three",
        "four",
        "five",
        "six",
        "seven",
        "eight",
        "nine",
        "ten",
        "eleven",
        "twelve",
        "thirteen",
        "fourteen",
        "fifteen",
        "sixteen",
        "seventeen",
        "eighteen",
        "nineteen",
    ];
    const TENS: [&str; 10] = [
        "", "", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety",
    ];
    fn below_1000(n: u32, out: &mut Vec<String>) {
        if n >= 100 {
            out.push(format!("{} hundred", ONES[(n / 100) as usize]));
        }
        let r = n % 100;
        match r {
            0 => {}
            1..=19 => out.push(ONES[r as usize].to_string()),
            _ if r % 10 == 0 => out.push(TENS[(r / 10) as usize].to_string()),
            _ => out.push(format!(
                "{}-{}",
                TENS[(r / 10) as usize],
                ONES[(r % 10) as usize]
            )),
        }
    }
    if !(1..=999_999).contains(&n) {
        return None;
    }
    let mut words = Vec::new();
    if n >= 1000 {
        below_1000(n / 1000, &mut words);
        words.push("thousand".into());
    }
    below_1000(n % 1000, &mut words);
    let s = words.join(" ");
    let mut c = s.chars();
    Some(
        c.next()
            .map_or(String::new(), |f| f.to_uppercase().chain(c).collect()),
    )
}

/// The width of a custom zero-padded decimal format such as `"001, 002, 003, ..."`.
fn custom_width(f: &str) -> Option<usize> {
    let first = f.split(',').next()?.trim();
    let w = first.len();
    (w >= 2 && first.ends_with('1') && first[..w - 1].bytes().all(|b| b == b'0')).then_some(w)
}

#[cfg(test)]
mod tests {
    use super::*;

    const W: &str = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";

    fn numbering(body: &str) -> String {
        format!(
            r#"<?xml version="1.0" encoding="UTF-8"?><w:numbering xmlns:w="{W}" xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006">{body}</w:numbering>"#
        )
    }

    fn styles(body: &str) -> Styles {
        Styles::parse(&format!(r#"<w:styles xmlns:w="{W}">{body}</w:styles>"#)).unwrap()
    }

    fn lvl(i: u8, start: u32, fmt: &str, text: &str, extra: &str) -> String {
        format!(
            r#"<w:lvl w:ilvl="{i}"><w:start w:val="{start}"/><w:numFmt w:val="{fmt}"/><w:lvlText w:val="{text}"/>{extra}<w:lvlJc w:val="left"/><w:pPr><w:ind w:left="0"/></w:pPr></w:lvl>"#
        )
    }

    /// A 公文 list: 一、 （一） 1. （1）, as Word writes it.
    fn gongwen_list(id: u32, extra1: &str) -> String {
        format!(
            r#"<w:abstractNum w:abstractNumId="{id}"><w:multiLevelType w:val="multilevel"/>{}{}{}{}</w:abstractNum>"#,
            lvl(
                0,
                1,
                "chineseCounting",
                "%1、",
                r#"<w:suff w:val="nothing"/>"#
            ),
            lvl(1, 1, "chineseCountingThousand", "（%2）", extra1),
            lvl(2, 1, "decimal", "%3.", ""),
            lvl(3, 1, "decimal", "（%4）", ""),
        )
    }

    fn texts(c: &mut Counters, seq: &[(u32, u8)]) -> Vec<String> {
        seq.iter()
            .map(|&(n, l)| c.next(n, l).map(|g| g.text).unwrap_or_else(|| "-".into()))
            .collect()
    }

    #[test]
    fn gongwen_levels_count_and_reset() {
        let xml = numbering(&format!(
            r#"{}<w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num>"#,
            gongwen_list(0, "")
        ));
        let n = Numbering::parse(&xml, &Styles::default()).unwrap();
        let mut c = Counters::new(&n);
        let got = texts(
            &mut c,
            &[
                (1, 0),
                (1, 1),
                (1, 1),
                (1, 2),
                (1, 3),
                (1, 2),
                (1, 0),
                (1, 1),
                (1, 2),
            ],
        );
        assert_eq!(
            got,
            [
                "一、",
                "（一）",
                "（二）",
                "1.",
                "（1）",
                "2.",
                "二、",
                "（一）",
                "1."
            ]
        );
        let g = Counters::new(&n).next(1, 0).unwrap();
        assert_eq!(
            (g.suffix, g.bullet, g.format.as_str()),
            (Suffix::Nothing, false, "chineseCounting")
        );
        assert_eq!(Counters::new(&n).next(1, 1).unwrap().suffix, Suffix::Tab);
        assert_eq!(Counters::new(&n).next(9, 0), None, "unknown numId");
        assert_eq!(Counters::new(&n).next(1, 4), None, "undefined level");
        assert_eq!(Counters::new(&n).next(1, 200), None, "level out of range");
    }

    #[test]
    fn multilevel_text_legal_and_unused_parents() {
        let xml = numbering(&format!(
            r#"<w:abstractNum w:abstractNumId="3">{}{}{}</w:abstractNum>
<w:num w:numId="5"><w:abstractNumId w:val="3"/></w:num>"#,
            lvl(0, 3, "upperRoman", "第%1章", ""),
            lvl(1, 1, "decimal", "%1.%2.", "<w:isLgl/>"),
            lvl(2, 1, "lowerLetter", "%1.%2.%3", ""),
        ));
        let n = Numbering::parse(&xml, &Styles::default()).unwrap();
        let mut c = Counters::new(&n);
        // The first paragraph is at level 1: level 0 shows its start, and takes it.
        assert_eq!(
            texts(&mut c, &[(5, 1), (5, 2), (5, 0), (5, 1), (5, 2), (5, 2)]),
            ["3.1.", "III.1.a", "第IV章", "4.1.", "IV.1.a", "IV.1.b"]
        );
    }

    #[test]
    fn instances_share_a_definition_and_overrides_restart_once() {
        let xml = numbering(&format!(
            r#"{}
<w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num>
<w:num w:numId="2"><w:abstractNumId w:val="0"/></w:num>
<w:num w:numId="3"><w:abstractNumId w:val="0"/><w:lvlOverride w:ilvl="0"><w:startOverride w:val="1"/></w:lvlOverride></w:num>
<w:num w:numId="4"><w:abstractNumId w:val="0"/><w:lvlOverride w:ilvl="0"><w:startOverride w:val="5"/>{}</w:lvlOverride></w:num>"#,
            gongwen_list(0, ""),
            lvl(0, 9, "decimal", "%1)", ""),
        ));
        let n = Numbering::parse(&xml, &Styles::default()).unwrap();
        let mut c = Counters::new(&n);
        let got = texts(
            &mut c,
            &[
                (1, 0),
                (2, 0),
                (1, 1),
                (3, 0),
                (3, 0),
                (1, 0),
                (2, 1),
                (4, 0),
                (4, 0),
                (1, 0),
            ],
        );
        assert_eq!(
            got,
            [
                "一、",
                "二、",
                "（一）",
                "一、",
                "二、",
                "三、",
                "（一）",
                "5)",
                "6)",
                "七、"
            ]
        );
    }

    #[test]
    fn lvl_restart() {
        let xml = numbering(&format!(
            r#"<w:abstractNum w:abstractNumId="0">{}{}{}</w:abstractNum>
<w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num>"#,
            lvl(0, 1, "decimal", "%1.", ""),
            lvl(1, 1, "decimal", "%2)", r#"<w:lvlRestart w:val="0"/>"#),
            lvl(2, 1, "decimal", "(%3)", r#"<w:lvlRestart w:val="1"/>"#),
        ));
        let n = Numbering::parse(&xml, &Styles::default()).unwrap();
        let mut c = Counters::new(&n);
        let got = texts(
            &mut c,
            &[
                (1, 0),
                (1, 1),
                (1, 2),
                (1, 1),
                (1, 2),
                (1, 0),
                (1, 1),
                (1, 2),
            ],
        );
        // Level 1 never restarts; level 2 restarts only after level 0.
        assert_eq!(got, ["1.", "1)", "(1)", "2)", "(2)", "2.", "3)", "(1)"]);
    }

    #[test]
    fn paragraph_and_style_numbering() {
        let st = styles(
            r#"<w:style w:type="paragraph" w:default="1" w:styleId="a"><w:name w:val="Normal"/></w:style>
<w:style w:type="paragraph" w:styleId="2"><w:name w:val="heading 1"/><w:pPr><w:numPr><w:numId w:val="1"/></w:numPr></w:pPr></w:style>
<w:style w:type="paragraph" w:styleId="3"><w:name w:val="heading 2"/><w:pPr><w:numPr><w:numId w:val="1"/></w:numPr></w:pPr></w:style>
<w:style w:type="paragraph" w:styleId="4"><w:name w:val="heading 3"/><w:pPr><w:numPr><w:ilvl w:val="2"/><w:numId w:val="1"/></w:numPr></w:pPr></w:style>
<w:style w:type="paragraph" w:styleId="my"><w:name w:val="mine"/><w:basedOn w:val="3"/></w:style>"#,
        );
        let xml = numbering(&format!(
            r#"<w:abstractNum w:abstractNumId="0">{}{}{}</w:abstractNum>
<w:abstractNum w:abstractNumId="1"><w:multiLevelType w:val="singleLevel"/>{}{}</w:abstractNum>
<w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num>
<w:num w:numId="2"><w:abstractNumId w:val="1"/></w:num>"#,
            lvl(0, 1, "chineseCounting", "%1、", r#"<w:pStyle w:val="2"/>"#),
            lvl(
                1,
                1,
                "chineseCounting",
                "（%2）",
                r#"<w:pStyle w:val="3"/>"#
            ),
            lvl(2, 1, "decimal", "%3.", ""),
            lvl(0, 1, "decimalEnclosedCircle", "%1", ""),
            lvl(1, 1, "decimal", "%2", ""),
        ));
        let n = Numbering::parse(&xml, &st).unwrap();
        let r = |own: Option<NumRef>, style: Option<&str>| n.resolve(own, style, &st);
        let own = |num_id: Option<u32>, ilvl: Option<u8>| Some(NumRef { num_id, ilvl });
        assert_eq!(r(None, None), None);
        assert_eq!(
            r(None, Some("2")),
            Some((1, 0)),
            "level from the lvl's pStyle"
        );
        assert_eq!(r(None, Some("3")), Some((1, 1)));
        assert_eq!(
            r(None, Some("my")),
            Some((1, 1)),
            "through the style that gave the numPr"
        );
        assert_eq!(r(None, Some("4")), Some((1, 2)), "the style's ilvl");
        assert_eq!(
            r(own(Some(0), None), Some("2")),
            None,
            "numId 0 switches it off"
        );
        assert_eq!(
            r(own(None, Some(2)), Some("2")),
            Some((1, 2)),
            "only ilvl: the style's numId"
        );
        assert_eq!(r(own(Some(1), None), Some("3")), Some((1, 1)));
        assert_eq!(r(own(Some(2), Some(1)), None), Some((2, 0)), "single level");
        assert_eq!(r(own(Some(2), None), Some("2")), Some((2, 0)));
        assert_eq!(r(own(Some(77), Some(0)), None), None, "unknown numId");
        assert_eq!(r(own(Some(1), Some(9)), None), None, "level out of range");
        assert_eq!(
            r(own(None, Some(1)), None),
            None,
            "ilvl alone and no style numbering"
        );
    }

    #[test]
    fn num_style_link_leads_to_the_levels() {
        let st = styles(
            r#"<w:style w:type="numbering" w:styleId="List9"><w:name w:val="list 9"/><w:pPr><w:numPr><w:numId w:val="10"/></w:numPr></w:pPr></w:style>"#,
        );
        let xml = numbering(&format!(
            r#"<w:abstractNum w:abstractNumId="1"><w:numStyleLink w:val="List9"/></w:abstractNum>
<w:abstractNum w:abstractNumId="2"><w:styleLink w:val="List9"/>{}</w:abstractNum>
<w:abstractNum w:abstractNumId="3"><w:numStyleLink w:val="Nowhere"/></w:abstractNum>
<w:num w:numId="10"><w:abstractNumId w:val="2"/></w:num>
<w:num w:numId="11"><w:abstractNumId w:val="1"/></w:num>
<w:num w:numId="12"><w:abstractNumId w:val="3"/></w:num>"#,
            lvl(0, 1, "decimalFullWidth", "%1．", ""),
        ));
        let n = Numbering::parse(&xml, &st).unwrap();
        let mut c = Counters::new(&n);
        assert_eq!(
            texts(&mut c, &[(11, 0), (10, 0), (11, 0), (12, 0)]),
            ["１．", "２．", "３．", "-"]
        );
    }

    #[test]
    fn link_cycles_end() {
        let st = styles(
            r#"<w:style w:type="numbering" w:styleId="A"><w:pPr><w:numPr><w:numId w:val="2"/></w:numPr></w:pPr></w:style>
<w:style w:type="numbering" w:styleId="B"><w:pPr><w:numPr><w:numId w:val="1"/></w:numPr></w:pPr></w:style>"#,
        );
        let xml = numbering(
            r#"<w:abstractNum w:abstractNumId="1"><w:numStyleLink w:val="A"/></w:abstractNum>
<w:abstractNum w:abstractNumId="2"><w:numStyleLink w:val="B"/></w:abstractNum>
<w:num w:numId="1"><w:abstractNumId w:val="1"/></w:num><w:num w:numId="2"><w:abstractNumId w:val="2"/></w:num>"#,
        );
        let n = Numbering::parse(&xml, &st).unwrap();
        assert_eq!(Counters::new(&n).next(1, 0), None);
    }

    #[test]
    fn bullets_none_custom_and_saturation() {
        let xml = numbering(&format!(
            r#"<w:abstractNum w:abstractNumId="0">{}{}{}{}</w:abstractNum>
<w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num>
<w:num w:numId="2"><w:abstractNumId w:val="0"/><w:lvlOverride w:ilvl="3"><w:startOverride w:val="99999999999"/></w:lvlOverride></w:num>"#,
            lvl(0, 1, "bullet", "\u{25CF}", ""),
            lvl(1, 1, "none", "", ""),
            r#"<w:lvl w:ilvl="2"><w:start w:val="7"/><mc:AlternateContent><mc:Choice Requires="w14"><w:numFmt w:val="custom" w:format="001, 002, 003, ..."/></mc:Choice><mc:Fallback><w:numFmt w:val="decimal"/></mc:Fallback></mc:AlternateContent><w:lvlText w:val="%3"/></w:lvl>"#,
            lvl(3, 4294967295, "decimal", "%4", ""),
        ));
        let n = Numbering::parse(&xml, &Styles::default()).unwrap();
        let mut c = Counters::new(&n);
        let b = c.next(1, 0).unwrap();
        assert_eq!((b.text.as_str(), b.bullet), ("\u{25CF}", true));
        let none = c.next(1, 1).unwrap();
        assert_eq!((none.text.as_str(), none.bullet), ("", true));
        assert_eq!(c.next(1, 2).unwrap().text, "007");
        assert_eq!(
            texts(&mut c, &[(1, 3), (1, 3), (2, 3), (2, 3)]),
            ["4294967295", "4294967295", "4294967295", "4294967295"]
        );
    }

    #[test]
    fn missing_start_is_zero_and_bad_values_do_not_panic() {
        let xml = numbering(
            r#"<w:abstractNum w:abstractNumId="0"><w:lvl w:ilvl="0"><w:numFmt w:val="decimal"/><w:lvlText w:val="%1.%9%x%"/></w:lvl>
<w:lvl w:ilvl="12"><w:lvlText w:val="%1"/></w:lvl><w:lvl><w:lvlText w:val="%1"/></w:lvl><w:lvl w:ilvl="-1"/></w:abstractNum>
<w:num w:numId="1"><w:abstractNumId w:val="0"/><w:lvlOverride w:ilvl="40"><w:startOverride w:val="-3"/></w:lvlOverride></w:num>
<w:num w:numId="x"><w:abstractNumId w:val="0"/></w:num><w:num w:numId="3"><w:abstractNumId w:val="9"/></w:num>"#,
        );
        let n = Numbering::parse(&xml, &Styles::default()).unwrap();
        let mut c = Counters::new(&n);
        assert_eq!(
            texts(&mut c, &[(1, 0), (1, 0), (3, 0), (1, 255)]),
            ["0.0%x%", "1.1%x%", "-", "-"]
        );
    }

    #[test]
    fn any_prefix_and_errors() {
        let body = format!(
            r#"{}<w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num>"#,
            gongwen_list(0, "")
        )
        .replace("w:", "q:");
        let xml = format!(r#"<q:numbering xmlns:q="{W}">{body}</q:numbering>"#);
        let n = Numbering::parse(&xml, &Styles::default()).unwrap();
        assert_eq!(Counters::new(&n).next(1, 0).unwrap().text, "一、");
        let e = Numbering::parse(
            &format!("<w:numbering xmlns:w=\"{W}\">\n<w:num>"),
            &Styles::default(),
        )
        .unwrap_err();
        assert!(
            e.starts_with("word/numbering.xml:") && e.contains("cut short"),
            "{e}"
        );
        let e = Numbering::parse("<a>\n\n<b></c></a>", &Styles::default()).unwrap_err();
        assert!(e.starts_with("word/numbering.xml:3:"), "{e}");
    }

    #[test]
    fn chinese_formats() {
        let r = |n, f| render(n, f).unwrap();
        let cc: Vec<_> = [1, 9, 10, 11, 19, 20, 21, 99, 100, 101, 110]
            .iter()
            .map(|&n| r(n, "chineseCounting"))
            .collect();
        assert_eq!(
            cc,
            [
                "一",
                "九",
                "十",
                "十一",
                "十九",
                "二十",
                "二十一",
                "九十九",
                "一〇〇",
                "一〇一",
                "一一〇"
            ]
        );
        let ct: Vec<_> = [
            1, 10, 11, 20, 100, 101, 110, 111, 1000, 1001, 1010, 10000, 10001, 100000, 20304,
        ]
        .iter()
        .map(|&n| r(n, "chineseCountingThousand"))
        .collect();
        assert_eq!(
            ct,
            [
                "一",
                "十",
                "十一",
                "二十",
                "一百",
                "一百〇一",
                "一百一十",
                "一百一十一",
                "一千",
                "一千〇一",
                "一千〇一十",
                "一万",
                "一万〇一",
                "十万",
                "二万〇三百〇四"
            ]
        );
        assert_eq!(r(3, "chineseLegalSimplified"), "叁");
        assert_eq!(r(10, "chineseLegalSimplified"), "壹拾");
        assert_eq!(r(101, "chineseLegalSimplified"), "壹佰零壹");
        let jp: Vec<_> = [1, 10, 11, 20, 99, 100, 101, 1000, 10000, 12345]
            .iter()
            .map(|&n| r(n, "japaneseCounting"))
            .collect();
        assert_eq!(
            jp,
            [
                "一",
                "十",
                "十一",
                "二十",
                "九十九",
                "百",
                "百一",
                "千",
                "一万",
                "一万二千三百四十五"
            ]
        );
        assert_eq!(r(1, "ideographTraditional"), "甲");
        assert_eq!(r(10, "ideographTraditional"), "癸");
        assert_eq!(r(11, "ideographTraditional"), "11");
        assert_eq!(r(12, "ideographZodiac"), "亥");
        assert_eq!(r(1, "ideographEnclosedCircle"), "㈠");
        assert_eq!(r(2005, "ideographDigital"), "二〇〇五");
        assert_eq!(
            r(u32::MAX, "chineseCountingThousand"),
            "四十二亿九千四百九十六万七千二百九十五"
        );
    }

    #[test]
    fn other_formats() {
        let r = |n, f| render(n, f).unwrap();
        assert_eq!(r(7, "decimal"), "7");
        assert_eq!(r(7, "decimalZero"), "07");
        assert_eq!(r(12, "decimalZero"), "12");
        assert_eq!(r(12, "decimalFullWidth"), "１２");
        assert_eq!(r(12, "decimalHalfWidth"), "12");
        assert_eq!(r(1, "decimalEnclosedCircle"), "①");
        assert_eq!(r(20, "decimalEnclosedCircle"), "⑳");
        assert_eq!(r(21, "decimalEnclosedCircle"), "21");
        assert_eq!(r(3, "decimalEnclosedCircleChinese"), "③");
        assert_eq!(r(1, "decimalEnclosedParen"), "⑴");
        assert_eq!(r(20, "decimalEnclosedParen"), "⒇");
        assert_eq!(r(1, "decimalEnclosedFullstop"), "⒈");
        assert_eq!(r(1, "upperLetter"), "A");
        assert_eq!(r(26, "upperLetter"), "Z");
        assert_eq!(r(27, "upperLetter"), "AA");
        assert_eq!(r(28, "lowerLetter"), "bb");
        assert_eq!(r(780, "lowerLetter").len(), 30);
        assert_eq!(
            r(u32::MAX, "lowerLetter").len(),
            (u32::MAX - 1) as usize % 780 / 26 + 1
        );
        assert_eq!(r(1994, "upperRoman"), "MCMXCIV");
        assert_eq!(r(4, "lowerRoman"), "iv");
        assert_eq!(r(0, "upperRoman"), "0");
        assert_eq!(r(u32::MAX, "upperRoman"), "4294967295");
        assert_eq!(r(1, "ordinal"), "1st");
        assert_eq!(r(12, "ordinal"), "12th");
        assert_eq!(r(23, "ordinal"), "23rd");
        assert_eq!(r(21, "cardinalText"), "Twenty-one");
        assert_eq!(r(1100, "cardinalText"), "One thousand one hundred");
        assert_eq!(r(5, "someFutureFormat"), "5");
        assert_eq!(r(5, "0001, 0002, 0003, ..."), "0005");
        assert_eq!(r(5, "none"), "");
        assert_eq!(render(5, "bullet"), None);
    }

    #[test]
    fn a_long_document_stays_linear() {
        let xml = numbering(&format!(
            r#"{}<w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num>"#,
            gongwen_list(0, "")
        ));
        let n = Numbering::parse(&xml, &Styles::default()).unwrap();
        let mut c = Counters::new(&n);
        let t = std::time::Instant::now();
        let mut last = String::new();
        for i in 0..100_000u32 {
            last = c.next(1, (i % 4) as u8).unwrap().text;
        }
        assert_eq!(last, "（1）");
        assert_eq!(c.next(1, 0).unwrap().text, "二五〇〇一、");
        assert!(t.elapsed().as_secs() < 5, "{:?}", t.elapsed());
    }

    /// Every numbering part of the Word files in ../shared/docx reads, and where their
    /// hand-made outline labels (`rd-NN.outline.tsv`, markers recorded as LibreOffice renders
    /// them) give the marker of an automatically numbered paragraph, the generated number is
    /// that marker.
    #[test]
    fn reads_every_shared_docx_and_numbers_as_labelled() {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/docx");
        let files = super::super::styles::testing::shared_docx();
        let (mut numbered, mut checked) = (0, 0);
        let mut wrong = Vec::new();
        for (name, parts) in &files {
            let styles = match parts.get("word/styles.xml") {
                Some(x) => Styles::parse(x).unwrap_or_else(|e| panic!("{name}: {e}")),
                None => Styles::default(),
            };
            let Some(xml) = parts.get(PART) else { continue };
            let n = Numbering::parse(xml, &styles).unwrap_or_else(|e| panic!("{name}: {e}"));
            let label = dir.join(name.replace(".docx", ".outline.tsv"));
            let label = std::fs::read_to_string(&label).unwrap_or_default();
            let mut markers: HashMap<usize, Vec<String>> = HashMap::new();
            for row in label.lines().skip(1) {
                let cols: Vec<&str> = row.split('\t').collect();
                if let (Some(line), Some(marker)) = (cols.first(), cols.get(3)) {
                    if let Ok(line) = line.parse() {
                        markers.entry(line).or_default().push(marker.to_string());
                    }
                }
            }
            let mut c = Counters::new(&n);
            for (line, own, style) in paragraphs(&parts["word/document.xml"]) {
                let Some((id, l)) = n.resolve(own, style.as_deref(), &styles) else {
                    continue;
                };
                let Some(g) = c.next(id, l) else { continue };
                numbered += 1;
                let Some(labelled) = markers.get(&line) else {
                    continue;
                };
                if g.bullet || labelled.iter().all(|m| m.is_empty()) {
                    continue;
                }
                checked += 1;
                let text = g.text.trim();
                if !labelled.iter().any(|m| m.starts_with(text)) {
                    wrong.push(format!(
                        "{name}:{line}: generated {text:?}, labelled {labelled:?}"
                    ));
                }
            }
        }
        assert!(wrong.is_empty(), "{}", wrong.join("\n"));
        assert!(
            numbered > 200 && checked > 80,
            "{numbered} numbered, {checked} checked"
        );
    }

    /// (line, own numPr, pStyle) of each paragraph of a document part, the line counted as
    /// the body text counts it: one per paragraph, one more per `w:br`/`w:cr` outside
    /// deletions. A test driver: the body reader does this for real.
    fn paragraphs(xml: &str) -> Vec<(usize, Option<NumRef>, Option<String>)> {
        use super::super::styles::is_wml;
        use quick_xml::events::Event;
        let mut r = NsReader::from_str(xml);
        let mut out = Vec::new();
        // Open elements: (in WordprocessingML, local name); the open paragraphs' indices.
        let mut stack: Vec<(bool, Vec<u8>)> = Vec::new();
        let mut open: Vec<usize> = Vec::new();
        let mut lines = 0;
        loop {
            let (w, e, empty) = match r.read_resolved_event().unwrap() {
                (ns, Event::Start(e)) => (is_wml(&ns), e, false),
                (ns, Event::Empty(e)) => (is_wml(&ns), e, true),
                (_, Event::End(_)) => {
                    if let Some((true, l)) = stack.pop() {
                        if l == b"p" {
                            open.pop();
                            lines += 1;
                        }
                    }
                    continue;
                }
                (_, Event::Eof) => break,
                _ => continue,
            };
            let local = e.local_name().as_ref().to_vec();
            let deleted = stack.iter().any(|(w, l)| *w && l == b"del");
            let parent = stack.last().filter(|s| s.0).map(|s| s.1.as_slice());
            let grand = stack.len().checked_sub(2).map(|i| stack[i].1.as_slice());
            if w {
                match local.as_slice() {
                    b"p" => {
                        out.push((lines + 1, None, None));
                        if empty {
                            lines += 1;
                        } else {
                            open.push(out.len() - 1);
                        }
                    }
                    b"br" | b"cr" if !deleted => lines += 1,
                    b"pStyle" if parent == Some(b"pPr") => {
                        if let Some(&i) = open.last() {
                            out[i].2 = attr(&r, &e, b"val");
                        }
                    }
                    b"numId" | b"ilvl" if parent == Some(b"numPr") && grand == Some(b"pPr") => {
                        if let Some(&i) = open.last() {
                            let v = attr(&r, &e, b"val").and_then(|v| v.trim().parse::<u32>().ok());
                            let nr = out[i].1.get_or_insert_with(NumRef::default);
                            if local == b"numId" {
                                nr.num_id = v;
                            } else {
                                nr.ilvl = v.and_then(|v| u8::try_from(v).ok());
                            }
                        }
                    }
                    _ => {}
                }
            }
            if !empty {
                stack.push((w, local));
            }
        }
        out
    }
}

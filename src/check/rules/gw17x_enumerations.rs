//! Lists inside articles and paragraphs (GW171–GW175): the （一）（二）（三） items of a 第X条,
//! the 1. 2. 3. items of a paragraph run. The tree holds them as list items or as paragraphs
//! opening with a marker, not as headings, so the heading rules (GW101–GW131) never see them.
//!
//! **What a list is.** An enumeration is a run of items of one marker family inside one
//! container: the children of an article, a section or a point, or the document's top level.
//! Every container starts its lists afresh, so every article restarts at （一）. Inside a
//! container:
//!
//! - A list restarts at its first number (（一）, 1.) after anything that is not one of its
//!   items (a lead-in ending in ：, a plain paragraph). A number below the last one starts a
//!   new list too: the document numbers something else there.
//! - Nested lists are separate sequences. An item of a family that is already open closes the
//!   families opened after it, so the 1. 2. under （一） and the 1. 2. under （二） are two lists.
//! - A list that goes on from numbers the document has already shown is no new list. That
//!   covers a list after a nested list or a sub-heading, a list that continues the previous
//!   container's numbering (numbering that runs on across parents), and items written inline
//!   before it (`下列情形：（一）…；` then `（二）…` on a line of its own). A gap whose missing
//!   numbers are written inline before it (`（二）…；（三）…` on one line) is no gap either.
//! - Items in quoted text are not the document's own numbering and are not read at all: a
//!   line opening with “, a line inside a quotation opened before it in the container, a
//!   Markdown blockquote.
//! - A family the container also uses for its own headings, or an enclosing heading uses, is
//!   left to the heading rules: those items are the headings' siblings. A Markdown `#` line is a
//!   heading, never an item.
//! - A line is no item where its marker is followed by another of its family (`一、二类`,
//!   `（一）（二）项`), nor where it is a bare numeral.
//!
//! A Markdown list that numbers every item `1.` is numbered by its renderer and is not a
//! repeat.
//!
//! **The rules.**
//!
//! - GW171: a gap (（二）→（四）).
//! - GW172: a repeat (（二）→（二）).
//! - GW173: a list that does not start at its first number, where nothing before it in the
//!   document explains that.
//!
//!   An item that stands where the next item shows its number was due (（一）（二）（二）（四）)
//!   is one slip, reported once. The three rules share out one renumbering of the list, as the
//!   heading sequences do (`check/renumber.rs`). There is no renumbering where content was
//!   elided inside the list, and no gap finding across an elision. Where a paragraph with no
//!   marker stands in the missing item's place (a marker lost in conversion), the finding says
//!   so and offers no renumbering either: the repair is to restore the marker.
//! - GW174: the punctuation after an item's marker (一. for 一、, 1、 for 1., a stray 、 in
//!   （一）、).
//! - GW175: half-width or mixed brackets ((一), （一)).
//!
//!   A document that writes all its items one way has chosen that way, so these two fire on
//!   an item that departs from what most items of its family in the document use; a mixed
//!   bracket is reported always. Both fix the characters they name.

use crate::check::config::ArabicDot;
use crate::check::renumber::{note, share_out, Sequence};
use crate::check::{numeral_span, plain_head, render_exact, with_next_char, Ctx, Edit, Fix, Rule};
use crate::grammar::elision::elision_run;
use crate::grammar::marker::marker;
use crate::source::markup::Visible;
use crate::tree::vocabulary::cn_render;
use crate::tree::{Block, Family, Marker, Paragraph};
use crate::Span;
use std::collections::BTreeMap;

/// The rules of a list's numbering: switched off at a marker, any of them keeps a renumbering
/// off it.
const LIST_NUMBERING: [Rule; 3] = [Rule::ListGap, Rule::ListRepeat, Rule::ListStart];

/// How many blocks before a list's first item are searched for items written inline.
const INLINE_LOOKBACK: usize = 3;
/// How many missing numbers at most may be written inline before an item.
const MAX_GLUED: u32 = 8;
/// How many bytes of each such block are searched.
const INLINE_BYTES: usize = 4096;

/// The families that number list items: those of the humanities scheme.
fn listed(f: Family) -> bool {
    super::gw11x_levels::humanities(f)
}

/// One item: its marker, and what came between it and the item before.
struct Item {
    m: Marker,
    /// Content was elided between it and the item before.
    cut_before: bool,
    /// A paragraph with no marker stands between it and the item before (or, for the first
    /// item, between it and the lead-in): an item that may have lost its marker.
    unmarked_before: bool,
    /// The numbers it skips are written inline before it (`（二）…； （三）…` on one line).
    glued: bool,
}

/// How an item breaks its list.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Break {
    /// The first item is not the first number.
    Start,
    /// The item repeats the number before it.
    Repeat,
    /// The item skips numbers.
    Gap,
}

impl Break {
    fn rule(self) -> Rule {
        match self {
            Break::Start => Rule::ListStart,
            Break::Repeat => Rule::ListRepeat,
            Break::Gap => Rule::ListGap,
        }
    }

    /// How an item numbered `n` breaks a list after one numbered `prev`, as a renumbering
    /// reads it (`None`: it is the first).
    fn of(prev: Option<u32>, n: u32) -> Option<Break> {
        let expected = prev.map_or(1, |p| p.saturating_add(1));
        Some(match prev {
            _ if n == expected => return None,
            None => Break::Start,
            Some(_) if n > expected => Break::Gap,
            Some(_) => Break::Repeat,
        })
    }
}

/// One list: its family and its items.
struct List {
    family: Family,
    items: Vec<Item>,
    /// Its first item is not its first number, and nothing before it explains that.
    bad_start: bool,
    /// Something that is not one of its items came after its last item.
    interrupted: bool,
    /// Content was elided since its last item.
    cut_since: bool,
    /// A paragraph with no marker came since its last item.
    unmarked_since: bool,
}

impl List {
    fn new(family: Family) -> List {
        List {
            family,
            items: Vec::new(),
            bad_start: false,
            interrupted: false,
            cut_since: false,
            unmarked_since: false,
        }
    }

    fn last(&self) -> Option<u32> {
        self.items.last().map(|i| i.m.ordinal)
    }

    fn push(&mut self, m: Marker, glued: bool) {
        let first = self.items.is_empty();
        let cut_before = self.cut_since && !first;
        let unmarked_before = self.unmarked_since;
        self.cut_since = false;
        self.unmarked_since = false;
        self.interrupted = false;
        self.items.push(Item {
            m,
            cut_before,
            unmarked_before,
            glued,
        });
    }

    /// The items that break the list: index, how, and the number due. An item that stands
    /// where the next item shows its number was due (（一）（二）（二）（四）, （一）（二）（五）（四))
    /// is one slip, and the list goes on from the number due; otherwise from the item's own.
    fn findings(&self, markdown: bool) -> Vec<(usize, Break, u32)> {
        let ords: Vec<u32> = self.items.iter().map(|i| i.m.ordinal).collect();
        let lazy = markdown
            && self
                .items
                .iter()
                .all(|i| i.m.ordinal == 1 && i.m.punct == ".");
        let mut out = Vec::new();
        if lazy || ords.is_empty() {
            return out;
        }
        if self.bad_start {
            out.push((0, Break::Start, 1));
        }
        let mut prev = ords[0];
        for i in 1..ords.len() {
            let (n, due) = (ords[i], prev + 1);
            if n == due {
                prev = n;
                continue;
            }
            let it = &self.items[i];
            let kind = if n <= prev {
                Some(Break::Repeat)
            } else if it.cut_before || it.glued {
                None
            } else {
                Some(Break::Gap)
            };
            if let Some(k) = kind {
                out.push((i, k, due));
            }
            prev = if kind.is_some() && ords.get(i + 1) == Some(&(due + 1)) {
                due
            } else {
                n
            };
        }
        out
    }
}

/// The state of one container as its blocks are read.
struct Scan<'t> {
    markdown: bool,
    /// The open lists, outermost first.
    open: Vec<List>,
    /// The last number of each family whose list was closed in this container.
    memory: BTreeMap<FamilyKey, u32>,
    /// Quotation marks opened and not yet closed.
    quote: usize,
    /// The texts of the container's parent and of the blocks read so far (the last few).
    before: Vec<&'t str>,
    /// Families left to the heading rules in this container.
    headed: Vec<Family>,
    /// How many paragraphs with no marker were read since the last lead-in (a text ending in
    /// ：), when one was read after the last item or heading of the container.
    since_lead: Option<u32>,
}

/// What the whole document's walk keeps: the lists found, every item's marker, and the last
/// number of each family in document order.
struct Walk {
    markdown: bool,
    lists: Vec<List>,
    all: Vec<Marker>,
    last: BTreeMap<FamilyKey, u32>,
}

/// A family as a map key.
type FamilyKey = u8;

fn key(f: Family) -> FamilyKey {
    match f {
        Family::CnComma => 1,
        Family::CnParen => 2,
        Family::ArabicDot => 3,
        Family::ArabicParen => 4,
        Family::Circled => 5,
        _ => 0,
    }
}

pub(crate) fn check(cx: &mut Ctx) {
    let doc = cx.doc;
    let mut w = Walk {
        markdown: doc.meta.input.markdown,
        lists: Vec::new(),
        all: Vec::new(),
        last: BTreeMap::new(),
    };
    visit(cx, &doc.blocks, None, &[], &mut w);
    for l in &w.lists {
        sequence(cx, l);
    }
    punctuation(cx, &w.all);
    brackets(cx, &w.all);
}

/// The texts a block shows of itself (not its children), for the quotation count and the
/// search for inline items.
fn own_texts(b: &Block) -> Vec<&str> {
    match b {
        Block::Paragraph(p) => vec![p.text.as_str()],
        Block::ListItem(li) => vec![li.text.text.as_str()],
        Block::Section(s) => {
            let mut v = vec![s.title.text.as_str()];
            if let Some(e) = &s.title_end {
                v.push(e.text.as_str());
            }
            if let Some(r) = &s.run_in {
                v.push(r.text.as_str());
            }
            v
        }
        Block::Point(p) => {
            let mut v = vec![p.title.text.as_str()];
            if let Some(r) = &p.body {
                v.push(r.text.as_str());
            }
            v
        }
        Block::Attachment(a) => vec![a.text.text.as_str()],
        Block::Byline(e)
        | Block::Addressee(e)
        | Block::Signature(e)
        | Block::CopyTo(e)
        | Block::Imprint(e)
        | Block::Note(e) => vec![e.text.text.as_str()],
        _ => Vec::new(),
    }
}

/// Read the lists of a container and, recursively and in document order, of its blocks'
/// children.
fn visit<'t>(
    cx: &Ctx<'t>,
    blocks: &'t [Block],
    parent: Option<&'t Block>,
    above: &[Family],
    w: &mut Walk,
) {
    // the families of the enclosing headings and of the headings among these blocks
    let mut headed: Vec<Family> = above.to_vec();
    for b in blocks {
        if let Block::Section(s) = b {
            if let Some(m) = &s.marker {
                if !headed.contains(&m.family) {
                    headed.push(m.family);
                }
            }
        }
    }
    let mut scan = Scan {
        markdown: w.markdown,
        open: Vec::new(),
        memory: BTreeMap::new(),
        quote: 0,
        before: Vec::new(),
        headed,
        since_lead: None,
    };
    if let Some(p) = parent {
        let texts = own_texts(p);
        scan.since_lead = texts.last().filter(|t| lead_in(t)).map(|_| 0);
        for t in texts {
            scan.quote = quotes(scan.quote, t);
            scan.before.push(t);
        }
    }
    for b in blocks {
        let item = match b {
            Block::ListItem(li) => Some(li.marker.clone()).filter(|m| is_item(m, &li.text.text)),
            Block::Paragraph(p) => paragraph_marker(cx, p, w.markdown),
            _ => None,
        };
        let quoted = scan.quote > 0 || starts_quoted(cx, b, w.markdown);
        match item {
            Some(m) if !quoted && !scan.headed.contains(&m.family) => {
                w.all.push(m.clone());
                let (k, n) = (key(m.family), m.ordinal);
                let lead = own_texts(b).last().is_some_and(|t| lead_in(t));
                scan.item(m, lead, w);
                w.last.insert(k, n);
            }
            _ => scan.other(b, &mut w.lists),
        }
        for t in own_texts(b) {
            scan.quote = quotes(scan.quote, t);
            scan.before.push(t);
        }
        if scan.before.len() > 2 * INLINE_LOOKBACK + 8 {
            let drop = scan.before.len() - INLINE_LOOKBACK - 4;
            scan.before.drain(..drop);
        }
        if !b.children().is_empty() {
            let mut inner = above.to_vec();
            if let Block::Section(s) = b {
                inner.extend(s.marker.as_ref().map(|m| m.family));
            }
            visit(cx, b.children(), Some(b), &inner, w);
        }
    }
    scan.close_all(&mut w.lists);
}

/// The quotation depth after `t`, from `depth` before it.
fn quotes(depth: usize, t: &str) -> usize {
    let mut d = depth;
    for c in t.chars() {
        match c {
            '“' => d += 1,
            '”' => d = d.saturating_sub(1),
            _ => {}
        }
    }
    d
}

/// Whether the block's line opens with a quotation mark or is a Markdown blockquote.
fn starts_quoted(cx: &Ctx, b: &Block, markdown: bool) -> bool {
    let span = match b {
        Block::Paragraph(p) => p.span,
        Block::ListItem(li) => li.span,
        _ => return false,
    };
    let line = first_line(cx.src, span);
    let t = line.trim_start();
    t.starts_with(['“', '"', '「', '‘']) || (markdown && t.starts_with('>'))
}

/// The first line of a span's text.
fn first_line(src: &str, span: Span) -> &str {
    let s = src.get(span.range()).unwrap_or("");
    s.split(['\n', '\r']).next().unwrap_or("")
}

/// Whether a marker with `after` after it is a list item's: not a bare numeral, not a family
/// outside lists, not followed by another marker of its family.
fn is_item(m: &Marker, after: &str) -> bool {
    if !listed(m.family) || m.family == Family::CnComma && m.punct.trim().is_empty() {
        return false;
    }
    let after = after.trim_start();
    if after.is_empty() {
        return false;
    }
    !matches!(marker(after), Ok((_, t)) if t.family == m.family)
}

/// The marker a paragraph opens with, when it is an item's (see [`is_item`]), with its spans
/// in the source. In Markdown a bullet (`- `) before it is passed over, and a `#` heading
/// line is no item.
fn paragraph_marker(cx: &Ctx, p: &Paragraph, markdown: bool) -> Option<Marker> {
    let line = first_line(cx.src, p.span);
    let vis = Visible::of_hinted(line, p.span.start, markdown, None);
    if vis.md_heading > 0 {
        return None;
    }
    let t: &str = &vis.text;
    let mut i = skip_spaces(t, 0);
    if markdown {
        let rest = &t[i..];
        if let Some(r) = rest
            .strip_prefix("- ")
            .or_else(|| rest.strip_prefix("* "))
            .or_else(|| rest.strip_prefix("+ "))
        {
            i = skip_spaces(t, t.len() - r.len());
        }
    }
    let rest = t.get(i..)?;
    if !rest
        .chars()
        .next()
        .is_some_and(crate::grammar::marker::may_start)
    {
        return None;
    }
    let (after, tok) = marker(rest).ok()?;
    let raw = rest.get(..tok.len)?;
    let punct = rest.get(tok.punct.0..tok.punct.1)?;
    let start = vis.src_start(i);
    let end = vis.src_end(i + tok.len);
    let punct_span = if tok.punct.1 > tok.punct.0 {
        Span::new(vis.src_start(i + tok.punct.0), vis.src_end(i + tok.punct.1))
    } else {
        let at = vis.src_end(i + tok.punct.0);
        Span::new(at, at)
    };
    if !(start <= end && end <= p.span.end && punct_span.start <= punct_span.end) {
        return None;
    }
    let m = Marker {
        raw: raw.to_string(),
        family: tok.family,
        ordinal: tok.ordinal,
        parents: tok.parents,
        punct: punct.to_string(),
        punct_span,
        brackets: tok.brackets,
        chinese: tok.chinese,
        sub: None,
        span: Span::new(start, end),
        generated: false,
    };
    is_item(&m, after).then_some(m)
}

fn skip_spaces(t: &str, from: usize) -> usize {
    t[from..]
        .char_indices()
        .find(|&(_, c)| !c.is_whitespace())
        .map_or(t.len(), |(j, _)| from + j)
}

/// Whether a text ends a lead-in (in ：, or ： and a closing mark).
fn lead_in(t: &str) -> bool {
    let t = t.trim_end_matches(|c: char| c.is_whitespace() || matches!(c, '”' | '）' | ')' | '*'));
    t.ends_with(['：', ':'])
}

impl<'t> Scan<'t> {
    /// A block that is not an item of an open list.
    fn other(&mut self, b: &Block, lists: &mut Vec<List>) {
        let cut =
            crate::check::has_cut(b) || matches!(b, Block::Paragraph(p) if !p.elisions.is_empty());
        if matches!(b, Block::Section(_)) {
            // a heading between items: the lists before it are over, but may go on after it
            self.close_all(lists);
            self.since_lead = None;
            return;
        }
        let unmarked = matches!(b, Block::Paragraph(p) if !lead_in(&p.text));
        self.since_lead = match b {
            Block::Paragraph(p) if lead_in(&p.text) => Some(0),
            Block::Paragraph(_) => self.since_lead.map(|k| k + 1),
            _ => None,
        };
        for l in &mut self.open {
            l.interrupted = true;
            l.cut_since |= cut;
            l.unmarked_since |= unmarked;
        }
    }

    /// Close every open list, remembering where each stopped.
    fn close_all(&mut self, lists: &mut Vec<List>) {
        while let Some(l) = self.open.pop() {
            self.close(l, lists);
        }
    }

    fn close(&mut self, l: List, lists: &mut Vec<List>) {
        if let Some(n) = l.last() {
            self.memory.insert(key(l.family), n);
        }
        lists.push(l);
    }

    /// An item of the container's own numbering; `lead` when its text ends in ： (a lead-in to
    /// a list inside it).
    fn item(&mut self, m: Marker, lead: bool, w: &mut Walk) {
        let since = std::mem::replace(&mut self.since_lead, lead.then_some(0));
        self.add(m, since, w);
    }

    fn add(&mut self, m: Marker, since: Option<u32>, w: &mut Walk) {
        let f = m.family;
        let n = m.ordinal;
        let ascii_one = self.markdown && n == 1 && m.punct == ".";
        if let Some(pos) = self.open.iter().rposition(|l| l.family == f) {
            // the lists opened inside the last item of this family are over
            while self.open.len() > pos + 1 {
                let l = self.open.pop().expect("above pos");
                self.close(l, &mut w.lists);
            }
            let l = self.open.last_mut().expect("at pos");
            let prev = l.last().unwrap_or(0);
            let lazy = ascii_one && l.items.iter().all(|i| i.m.ordinal == 1);
            let restart = n == 1 && (prev != 1 || l.interrupted);
            if n == prev + 1 || lazy || (n == prev && !restart) {
                l.push(m, false);
                return;
            }
            if n > prev + 1 {
                // a few glued items at most: a longer gap is searched no further (and stays linear)
                let glued =
                    n - prev <= MAX_GLUED + 1 && (prev + 1..n).all(|k| self.inline_before(f, k));
                let l = self.open.last_mut().expect("at pos");
                l.push(m, glued);
                return;
            }
            // back to the first number, or below the last: a new list of the same family
            // (after a lead-in, or where the document numbers something else)
            let l = self.open.pop().expect("at pos");
            self.close(l, &mut w.lists);
            self.start(m, true, since, w);
            return;
        }
        for l in &mut self.open {
            l.interrupted = true;
        }
        self.start(m, false, since, w);
    }

    /// The first item of a new list; `quiet` when it may start anywhere. A list that starts
    /// at a later number with nothing before it to explain that is reported only where it
    /// follows a lead-in, straight away or after fewer paragraphs with no marker than the
    /// numbers it lacks (items that lost their markers); anywhere else the document may be
    /// numbering something this container does not show.
    fn start(&mut self, m: Marker, quiet: bool, since: Option<u32>, w: &mut Walk) {
        let f = m.family;
        let n = m.ordinal;
        let mut l = List::new(f);
        let goes_on = quiet
            || n == 1
            || self
                .memory
                .get(&key(f))
                .is_some_and(|&p| p.checked_add(1) == Some(n))
            || w.last
                .get(&key(f))
                .is_some_and(|&p| p.checked_add(1) == Some(n))
            || n.checked_sub(1).is_some_and(|p| self.inline_before(f, p));
        l.bad_start = !goes_on && since.is_some_and(|k| k < n);
        l.unmarked_since = l.bad_start && since.is_some_and(|k| k > 0);
        l.push(m, false);
        self.open.push(l);
    }

    /// Whether the item numbered `n` of family `f` is written inline in the container's
    /// parent or in the last few blocks before.
    fn inline_before(&self, f: Family, n: u32) -> bool {
        if n == 0 {
            return false;
        }
        let forms = inline_forms(f, n);
        self.before.iter().rev().take(INLINE_LOOKBACK + 3).any(|t| {
            let t = cut_at(t, INLINE_BYTES);
            forms.iter().any(|form| t.contains(form.as_str()))
        })
    }
}

/// The prefix of `t` of at most `max` bytes, cut at a character boundary.
fn cut_at(t: &str, max: usize) -> &str {
    if t.len() <= max {
        return t;
    }
    let mut e = max;
    while !t.is_char_boundary(e) {
        e -= 1;
    }
    &t[..e]
}

/// How the item numbered `n` of family `f` may be written inline.
fn inline_forms(f: Family, n: u32) -> Vec<String> {
    let cn = cn_render(n);
    match f {
        Family::CnComma => vec![format!("{cn}、")],
        Family::CnParen => vec![format!("（{cn}）"), format!("({cn})")],
        Family::ArabicDot => vec![format!("{n}."), format!("{n}．"), format!("{n}、")],
        Family::ArabicParen => vec![format!("（{n}）"), format!("({n})")],
        Family::Circled => vec![crate::tree::vocabulary::Numerals::Circled.render(n)],
        _ => Vec::new(),
    }
}

/// A number as the messages show it.
fn show(f: Family, n: u32) -> String {
    match f {
        Family::CnComma => cn_render(n),
        _ => f.render(n),
    }
}

/// The edit that gives item marker `m` the number `want`, when the marker reads back as the
/// same marker with that number (see `gw10x_numbering.rs`, which does the same for headings).
fn renumbered(cx: &Ctx, m: &Marker, want: u32) -> Option<Edit> {
    let head = plain_head(cx, m)?;
    let num = numeral_span(
        cx.src,
        Span::new(m.span.start, m.span.start + head.len()),
        false,
    )?;
    let new = render_exact(cx.text(num), want)?;
    let after = with_next_char(cx.src, m.span.end, m.span.end)?;
    let (a, b) = (num.start - m.span.start, num.end - m.span.start);
    let probe = format!("{}{new}{}{}{after}", &head[..a], &head[b..], m.punct);
    let (_, t) = marker(&probe).ok()?;
    (t.family == m.family && t.ordinal == want && t.len + after.len() == probe.len()).then_some(
        Edit {
            span: num,
            replacement: new,
        },
    )
}

/// Report the items that break a list, each with its share of the one renumbering.
fn sequence(cx: &mut Ctx, l: &List) {
    let findings = l.findings(cx.doc.meta.input.markdown);
    if findings.is_empty() {
        return;
    }
    let rules: Vec<(usize, Rule)> = findings.iter().map(|f| (f.0, f.1.rule())).collect();
    let ordinals: Vec<u32> = l.items.iter().map(|i| i.m.ordinal).collect();
    let at: Vec<usize> = l.items.iter().map(|i| i.m.span.start).collect();
    // no renumbering where content was elided inside the list, nor where an item may have
    // lost its marker: the repair is to restore what is missing
    let cut = l.items.iter().any(|i| i.cut_before);
    let lost = findings.iter().any(|f| l.items[f.0].unmarked_before);
    let mut shares = (!cut && !lost).then(|| {
        let seq = Sequence {
            ordinals: &ordinals,
            at: &at,
            findings: &rules,
            group: &LIST_NUMBERING,
        };
        share_out(
            cx,
            &seq,
            |prev, n| Break::of(prev, n).map_or(Rule::ListGap, Break::rule),
            |i, n| renumbered(cx, &l.items[i].m, n),
        )
    });
    for (k, &(i, kind, due)) in findings.iter().enumerate() {
        let m = &l.items[i].m;
        let (mut zh, mut en) = message(kind, l.family, m, due);
        if l.items[i].unmarked_before {
            zh.push_str("（其前的段落可能缺少序号）");
            en.push_str(" (a paragraph before it may have lost its marker)");
        }
        let (fix, more) = shares.as_mut().map_or((None, None), |s| s.take(k));
        if let Some((more, a, b)) = more {
            let (z, e) = note(more, &show(l.family, a), &show(l.family, b));
            zh.push_str(&z);
            en.push_str(&e);
        }
        cx.emit(kind.rule(), m.span, zh, en, fix);
    }
}

fn message(kind: Break, f: Family, m: &Marker, due: u32) -> (String, String) {
    let raw = m.raw.trim();
    let want = show(f, due);
    match kind {
        Break::Start => (
            format!("列项应从{}开始，这里是{raw}", show(f, 1)),
            format!("the list starts at {raw} instead of {}", show(f, 1)),
        ),
        Break::Repeat => (
            format!("列项序号{raw}重复，应为{want}"),
            format!("list item {raw} repeats the number before it; expected {want}"),
        ),
        Break::Gap => (
            format!(
                "列项序号跳号：{}之后应为{want}，这里是{raw}",
                show(f, due - 1)
            ),
            format!("list numbering skips from {} to {raw}", show(f, due - 1)),
        ),
    }
}

/// Whether the punctuation of `m` (past any spaces) starts an elision: then it is content.
fn starts_elision(cx: &Ctx, m: &Marker) -> bool {
    let p = m.punct.trim_start_matches([' ', '\u{3000}']);
    let Some(at) = m.punct_span.end.checked_sub(p.len()) else {
        return false;
    };
    cx.src
        .get(at..)
        .is_some_and(|rest| elision_run(rest).is_ok())
}

/// Whether an item's punctuation is what its family takes.
fn standard_punct(cx: &Ctx, m: &Marker) -> bool {
    let p = m.punct.as_str();
    match m.family {
        Family::CnComma => p == "、",
        Family::ArabicDot => match cx.house.arabic_dot {
            ArabicDot::Ascii => p == ".",
            ArabicDot::FullWidth => p == "．",
            ArabicDot::Either => p == "." || p == "．",
        },
        _ => p.is_empty(),
    }
}

/// What a family's items use, as [`punctuation`] weighs it: for each family, how many items
/// take its standard punctuation and how many each other mark; and the dot Arabic items take
/// (the house's, or the one most of the document's items use).
type Tally<'a> = BTreeMap<FamilyKey, (usize, BTreeMap<&'a str, usize>)>;

fn tally<'a>(cx: &Ctx, ms: &[&'a Marker]) -> (Tally<'a>, &'static str) {
    // family → (standard, {punct → count})
    let mut counts: BTreeMap<FamilyKey, (usize, BTreeMap<&str, usize>)> = BTreeMap::new();
    let (mut ascii, mut full) = (0, 0);
    for m in ms {
        let e = counts.entry(key(m.family)).or_default();
        if standard_punct(cx, m) {
            e.0 += 1;
        } else {
            *e.1.entry(m.punct.as_str()).or_default() += 1;
        }
        if m.family == Family::ArabicDot {
            match m.punct.as_str() {
                "." => ascii += 1,
                "．" => full += 1,
                _ => {}
            }
        }
    }
    let dot = match cx.house.arabic_dot {
        ArabicDot::Ascii => ".",
        ArabicDot::FullWidth => "．",
        ArabicDot::Either if full > ascii => "．",
        ArabicDot::Either => ".",
    };
    (counts, dot)
}

/// GW174: an item whose punctuation departs from its family's, where most items of that
/// family in the document use their family's own.
fn punctuation(cx: &mut Ctx, all: &[Marker]) {
    let ms: Vec<&Marker> = all.iter().filter(|m| !starts_elision(cx, m)).collect();
    let (counts, dot) = tally(cx, &ms);
    for m in ms {
        if standard_punct(cx, m) {
            continue;
        }
        let Some((std, other)) = counts.get(&key(m.family)) else {
            continue;
        };
        if *std <= other.get(m.punct.as_str()).copied().unwrap_or(0) {
            continue;
        }
        let raw = m.raw.trim();
        let p = m.punct.trim_matches([' ', '\u{3000}']);
        let plain = cx.text(m.punct_span) == m.punct;
        match m.family {
            Family::CnComma => {
                let zh = if p == "、" {
                    format!("列项序号“{raw}”的顿号前有空格")
                } else {
                    format!("列项序号“{raw}”后应使用顿号“、”，不用“{p}”")
                };
                let fix = plain.then(|| replace(m.punct_span, "、"));
                cx.emit(
                    Rule::ListPunctuation,
                    m.punct_span,
                    zh,
                    format!("{raw}: use 、 after a Chinese numeral, not {:?}", m.punct),
                    fix,
                );
            }
            Family::ArabicDot => {
                let after = cx.src.get(m.punct_span.end..).unwrap_or("");
                let head: String = after.chars().take(2).collect();
                let joins = elision_run(&format!("{dot}{head}")).is_ok();
                let fix = (plain && !joins).then(|| replace(m.punct_span, dot));
                cx.emit(
                    Rule::ListPunctuation,
                    m.punct_span,
                    format!("列项序号“{raw}”后应使用“{dot}”，不用“{p}”"),
                    format!("{raw}: use {dot} after an Arabic number, not {:?}", m.punct),
                    fix,
                );
            }
            _ => {
                let span = Span::new(m.punct_span.start, stray_end(cx, m));
                let stray = if plain {
                    cx.text(span)
                } else {
                    m.punct.as_str()
                };
                let zh = format!("列项序号“{raw}”后不加标点，应删去“{stray}”");
                let en = format!(
                    "{raw}: a bracketed or circled marker takes no punctuation; drop {stray:?}"
                );
                let fix = plain.then(|| replace(span, ""));
                cx.emit(
                    Rule::ListPunctuation,
                    if plain { span } else { m.punct_span },
                    zh,
                    en,
                    fix,
                );
            }
        }
    }
}

fn replace(span: Span, r: &str) -> Fix {
    Fix {
        edits: vec![Edit {
            span,
            replacement: r.to_string(),
        }],
    }
}

/// Where the stray punctuation after `m` ends: past its own, and past each next character the
/// bare marker would take for punctuation, as long as it does not start an elision (as for
/// headings in `gw12x_punctuation.rs`).
fn stray_end(cx: &Ctx, m: &Marker) -> usize {
    let mut end = m.punct_span.end;
    let Some(bare) = m.raw.strip_suffix(m.punct.as_str()) else {
        return end;
    };
    while let Some(c) = cx.src.get(end..).and_then(|s| s.chars().next()) {
        if cx.src.get(end..).is_some_and(|s| elision_run(s).is_ok()) {
            break;
        }
        let probe = format!("{bare}{c}");
        match marker(&probe) {
            Ok((_, t)) if t.punct.0 < t.punct.1 && t.len == probe.len() => end += c.len_utf8(),
            _ => break,
        }
    }
    end
}

/// GW175: an item's brackets half-width where most bracketed items of its family in the
/// document are full-width, or mixed (（一)) anywhere.
fn brackets(cx: &mut Ctx, all: &[Marker]) {
    let bracketed = |m: &&Marker| matches!(m.family, Family::CnParen | Family::ArabicParen);
    let mut full: BTreeMap<FamilyKey, (usize, usize)> = BTreeMap::new();
    for m in all.iter().filter(bracketed) {
        let e = full.entry(key(m.family)).or_default();
        if m.brackets == Some(('（', '）')) {
            e.0 += 1;
        } else if m.brackets == Some(('(', ')')) {
            e.1 += 1;
        }
    }
    for m in all.iter().filter(bracketed) {
        let Some((o, c)) = m.brackets else { continue };
        if (o, c) == ('（', '）') {
            continue;
        }
        let mixed = (o == '(') != (c == ')');
        let (f, h) = full.get(&key(m.family)).copied().unwrap_or_default();
        if !mixed && f <= h {
            continue;
        }
        let edits = super::gw13x_marker_forms::full_width_brackets(cx, m.span);
        let raw = m.raw.trim();
        let (zh, en) = if mixed {
            (
                format!("列项序号“{raw}”混用全角和半角括号，应使用全角括号"),
                format!("{raw} mixes full- and half-width brackets"),
            )
        } else {
            (
                format!("列项序号“{raw}”使用了半角括号，应使用全角括号“（）”"),
                format!("{raw} uses half-width brackets; use （）"),
            )
        };
        let plain = plain_head(cx, m).is_some();
        cx.emit(
            Rule::ListHalfWidthBrackets,
            m.span,
            zh,
            en,
            plain.then_some(Fix { edits }),
        );
    }
}

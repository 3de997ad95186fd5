//! Reading an HTML page: the page becomes a Markdown text (CommonMark with GFM tables), and
//! the tree is parsed from that text, as the DOCX reader does with a Word file's body.
//!
//! Government sites publish their documents as HTML, scraped pages arrive that way, and
//! `pandoc -s x.md -o x.html` renders Markdown so. html5ever (through scraper) parses the page
//! as a browser would, entities decoded, unclosed tags closed; the body is then written out:
//!
//! - `h1`–`h6` as `#`…`######` lines, their inline markup flattened to its text;
//! - `p`, `div` and the other text blocks as one line each, a `<br>` starting a new line, a
//!   blank line between blocks;
//! - a `table` as a GFM pipe table, its delimiter row after the first row; `|` in a cell is
//!   written `\|` and a cell's own line breaks become spaces. GFM has no cell spans: a cell
//!   with `colspan`/`rowspan` has its text in its first grid cell, and the cells it spans are
//!   left empty. A table that lays out the page rather than holding data (one that holds a
//!   table, a heading or a list, one with a cell of many blocks, or one a column wide) is
//!   read as blocks, not as a table;
//! - `ul`/`ol` items as `- ` / `1. ` lines (`start` and `value` kept), nested ones indented by
//!   their parent's marker width; `blockquote` as `> ` lines; `pre` as a fenced code block;
//! - `img` as `![alt](src)` on its own line; `hr` as `---` between blank lines;
//! - `script`, `style`, `noscript`, `template` and the head are left out; the `<title>` is not
//!   a line (the document's own heading is its title) but is kept ([`Page::title`]).
//!
//! Text is written as it is (no-break and ideographic spaces included: a full-width indent
//! matters to the grammar); only runs of ASCII whitespace collapse, as a browser shows them.
//! Characters that Markdown would read as syntax are written as numeric character references
//! (`&#42;` for `*`, `1&#46;` for a line that starts `1.` but is no list item): CommonMark
//! never reads a reference as syntax, and the see-through of markup shows it as its character.
//!
//! The site's chrome — `nav`, `header`, `footer`, `aside`, `role="navigation"` and the like,
//! and elements whose `id` or `class` names navigation, a menu, a breadcrumb, a footer, a
//! sidebar or a copyright notice — is written too, so that nothing is lost, and its byte
//! ranges in the text are kept ([`Page::chrome`]); the tree builder makes its lines chrome.
//! A `header` whose own `id` or `class` calls it a title block (pandoc's
//! `title-block-header`) is the document's, not the site's.
//!
//! Lines of the text do not map back to lines of the HTML: scraper keeps no source
//! positions. The walk over the page is a loop with a stack of its own, so nesting depth costs
//! no call stack; html5ever builds the tree without recursion as well.

use crate::Span;
use scraper::{Html, Node};

/// The widest table grid written: a cell placed further right joins the last column, so that
/// spans cannot make the text much larger than the page.
const MAX_COLUMNS: usize = 256;

/// The most rows a `rowspan` reaches down.
const MAX_ROWSPAN: usize = 1000;

/// The deepest nesting of elements passed to html5ever: its tree builder looks down the
/// stack of open elements for each tag, so that 100,000 nested `<div>`s take it most of a
/// minute. Deeper start tags, and their end tags, are left out; their text stays.
const MAX_DEPTH: usize = 256;

/// The deepest nesting of lists and quotes written as such: deeper ones are written at this
/// depth, so that the prefixes of a line stay short.
const MAX_PREFIXES: usize = 16;

/// A cell with this many blocks in it lays out a page rather than holding a datum.
const LAYOUT_BLOCKS: usize = 8;

/// An HTML page read: its text as Markdown, the chrome in it, and its `<title>`.
#[derive(Debug, Default)]
pub(crate) struct Page {
    /// The derived Markdown text; every line ends in `\n`.
    pub text: String,
    /// The byte ranges of `text` that hold the site's chrome, in order, not overlapping.
    pub chrome: Vec<Span>,
    /// The text of the `<title>` element, when the page has one.
    pub title: Option<String>,
}

/// Read the HTML `html` into a [`Page`].
pub(crate) fn read(html: &str) -> Page {
    let html = cap_nesting(html);
    let doc = Html::parse_document(&html);
    let layout = layout_tables(&doc);
    let mut w = Writer {
        layout,
        ..Writer::default()
    };
    walk(&doc, |node, open| {
        if open {
            w.open(node)
        } else {
            w.close();
            false
        }
    });
    w.flush();
    Page {
        text: w.out,
        chrome: w.chrome,
        title: w.title.map(|t| collapse(&t)).filter(|t| !t.is_empty()),
    }
}

/// Visit every node of `doc` in document order, without recursion: `f(node, true)` on
/// entering (its answer says whether to go into the node's children), `f(node, false)` on
/// leaving, once for every node entered.
fn walk(doc: &Html, mut f: impl FnMut(&Node, bool) -> bool) {
    let root = doc.tree.root();
    let mut node = root;
    loop {
        if f(node.value(), true) {
            if let Some(c) = node.first_child() {
                node = c;
                continue;
            }
        }
        loop {
            f(node.value(), false);
            if node.id() == root.id() {
                return;
            }
            if let Some(s) = node.next_sibling() {
                node = s;
                break;
            }
            match node.parent() {
                Some(p) => node = p,
                None => return,
            }
        }
    }
}

/// `html` with its elements nested no deeper than [`MAX_DEPTH`]: a linear scan of its tags
/// (comments and the raw text of `script`, `style`, `textarea`, `title` and `xmp` skipped)
/// counts the open elements, leaving out void elements and those whose end tag may be left
/// out (`p`, `li`, `td`, `tr`, …) or that cannot nest (`h1`–`h6`); start tags deeper than the
/// limit and their end tags are cut. A page within the limit comes back as it is.
fn cap_nesting(html: &str) -> std::borrow::Cow<'_, str> {
    let b = html.as_bytes();
    let lower = b.to_ascii_lowercase();
    let (mut depth, mut excess) = (0usize, 0usize);
    let mut cut: Vec<(usize, usize)> = Vec::new();
    let mut i = 0;
    while let Some(k) = memchr::memchr(b'<', &b[i..]) {
        let at = i + k;
        i = at + 1;
        if lower[at..].starts_with(b"<!--") {
            match memchr::memmem::find(&lower[at + 4..], b"-->") {
                Some(e) => i = at + 4 + e + 3,
                None => break,
            }
            continue;
        }
        let end_tag = b.get(at + 1) == Some(&b'/');
        let name_at = at + 1 + usize::from(end_tag);
        let n = b[name_at.min(b.len())..]
            .iter()
            .take_while(|c| c.is_ascii_alphanumeric())
            .count();
        if n == 0 || !b[name_at].is_ascii_alphabetic() {
            continue;
        }
        let name = &lower[name_at..name_at + n];
        // no `>` after this one: no tag after it either
        let Some(gt) = memchr::memchr(b'>', &b[name_at + n..]).map(|g| name_at + n + g) else {
            break;
        };
        i = gt + 1;
        if !end_tag {
            if let Some(raw) = [&b"script"[..], b"style", b"textarea", b"title", b"xmp"]
                .iter()
                .find(|r| **r == name)
            {
                let close = [b"</", *raw].concat();
                match memchr::memmem::find(&lower[i..], &close) {
                    Some(e) => i += e,
                    None => break,
                }
                continue;
            }
        }
        let uncounted = matches!(
            name,
            b"area"
                | b"base"
                | b"br"
                | b"col"
                | b"embed"
                | b"hr"
                | b"img"
                | b"input"
                | b"link"
                | b"meta"
                | b"param"
                | b"source"
                | b"track"
                | b"wbr"
                | b"p"
                | b"li"
                | b"dt"
                | b"dd"
                | b"tr"
                | b"td"
                | b"th"
                | b"option"
                | b"optgroup"
                | b"thead"
                | b"tbody"
                | b"tfoot"
                | b"caption"
                | b"colgroup"
                | b"html"
                | b"head"
                | b"body"
                | b"h1"
                | b"h2"
                | b"h3"
                | b"h4"
                | b"h5"
                | b"h6"
        ) || b[gt - 1] == b'/';
        if uncounted {
            continue;
        }
        if end_tag {
            if excess > 0 {
                excess -= 1;
                cut.push((at, gt + 1));
            } else {
                depth = depth.saturating_sub(1);
            }
        } else if depth >= MAX_DEPTH {
            excess += 1;
            cut.push((at, gt + 1));
        } else {
            depth += 1;
        }
    }
    if cut.is_empty() {
        return html.into();
    }
    let mut out = String::with_capacity(html.len());
    let mut from = 0;
    for (s, e) in cut {
        out.push_str(&html[from..s]);
        from = e;
    }
    out.push_str(&html[from..]);
    out.into()
}

/// Elements whose content is not text of the page.
fn skipped(name: &str) -> bool {
    matches!(
        name,
        "head"
            | "script"
            | "style"
            | "noscript"
            | "template"
            | "iframe"
            | "object"
            | "svg"
            | "math"
            | "select"
            | "textarea"
            | "button"
    )
}

/// Elements that start and end a block of text.
fn is_block(name: &str) -> bool {
    matches!(
        name,
        "p" | "div"
            | "section"
            | "article"
            | "main"
            | "header"
            | "footer"
            | "nav"
            | "aside"
            | "address"
            | "center"
            | "body"
            | "html"
            | "dl"
            | "dt"
            | "dd"
            | "figure"
            | "figcaption"
            | "form"
            | "fieldset"
            | "legend"
            | "details"
            | "summary"
            | "dialog"
            | "hgroup"
            | "caption"
            | "li"
            | "ul"
            | "ol"
            | "menu"
            | "table"
            | "tr"
            | "td"
            | "th"
            | "thead"
            | "tbody"
            | "tfoot"
            | "blockquote"
            | "pre"
            | "h1"
            | "h2"
            | "h3"
            | "h4"
            | "h5"
            | "h6"
    )
}

/// The heading level of `h1`…`h6`.
fn heading_level(name: &str) -> Option<usize> {
    match name.as_bytes() {
        [b'h', d @ b'1'..=b'6'] => Some(usize::from(d - b'0')),
        _ => None,
    }
}

/// Which tables lay out the page, by their order in the document: one that holds a table, a
/// heading or a list, one with a cell of [`LAYOUT_BLOCKS`] blocks or more, one no more than a
/// column wide, or one marked `role="presentation"`.
fn layout_tables(doc: &Html) -> Vec<bool> {
    struct Open {
        index: usize,
        layout: bool,
        widest: usize,
        cells: usize,
        blocks: usize,
    }
    let mut layout = Vec::new();
    let mut open: Vec<Open> = Vec::new();
    // for each element entered: what it was
    let mut entered: Vec<u8> = Vec::new();
    const OTHER: u8 = 0;
    const TABLE: u8 = 1;
    const ROW: u8 = 2;
    const BLOCK: u8 = 3;
    walk(doc, |node, enter| {
        if !enter {
            match entered.pop() {
                Some(TABLE) => {
                    if let Some(t) = open.pop() {
                        let l = t.layout || t.widest <= 1;
                        layout[t.index] = l;
                        if let Some(p) = open.last_mut() {
                            p.layout = true;
                        }
                    }
                }
                Some(ROW) => {
                    if let Some(t) = open.last_mut() {
                        t.widest = t.widest.max(t.cells);
                        t.cells = 0;
                    }
                }
                _ => {}
            }
            return false;
        }
        let Node::Element(e) = node else {
            entered.push(OTHER);
            return true;
        };
        let name = e.name();
        if skipped(name) {
            entered.push(OTHER);
            return false;
        }
        let what = match name {
            "table" => {
                open.push(Open {
                    index: layout.len(),
                    layout: e.attr("role") == Some("presentation"),
                    widest: 0,
                    cells: 0,
                    blocks: 0,
                });
                layout.push(false);
                TABLE
            }
            "tr" => ROW,
            _ => {
                if let Some(t) = open.last_mut() {
                    match name {
                        "td" | "th" => {
                            t.cells += 1;
                            t.blocks = 0;
                        }
                        "ul" | "ol" | "blockquote" | "pre" => t.layout = true,
                        _ if heading_level(name).is_some() => t.layout = true,
                        _ if is_block(name) || name == "br" => {
                            t.blocks += 1;
                            if t.blocks >= LAYOUT_BLOCKS {
                                t.layout = true;
                            }
                        }
                        _ => {}
                    }
                }
                if is_block(name) {
                    BLOCK
                } else {
                    OTHER
                }
            }
        };
        entered.push(what);
        true
    });
    layout
}

/// Whether an element is the site's chrome, by its name and its `id`, `class` and `role`.
fn is_chrome(e: &scraper::node::Element) -> bool {
    let words = || {
        e.id()
            .into_iter()
            .chain(e.classes())
            .flat_map(|v| v.split(|c: char| !c.is_ascii_alphanumeric()))
            .map(str::to_ascii_lowercase)
    };
    match e.name() {
        "nav" | "aside" | "footer" => return true,
        "header" => {
            return !words().any(|w| w.contains("title") || w.contains("article"));
        }
        _ => {}
    }
    if matches!(
        e.attr("role"),
        Some("navigation" | "banner" | "contentinfo" | "complementary" | "menu" | "menubar")
    ) {
        return true;
    }
    let (mut chrome, mut document) = (false, false);
    for w in words() {
        if chrome_word(&w) {
            chrome = true;
        } else if ["title", "article", "content", "main", "doc", "text", "body"]
            .iter()
            .any(|c| w.contains(c))
        {
            document = true;
        }
    }
    chrome && !document
}

/// A word of an `id` or `class` that names chrome: `nav`, `navbar`, `mainNav`, `topmenu`,
/// `breadcrumbs`, `footer`, `sidebar`, `copyright`, a site's `header`, `banner` or `logo`.
/// (A word that names the document — `title`, `article`, `content`, `main` — outweighs it:
/// `article-header` is the document's.)
fn chrome_word(w: &str) -> bool {
    let w = w.strip_suffix('s').unwrap_or(w);
    const AFFIXES: [&str; 9] = [
        "nav",
        "menu",
        "crumb",
        "footer",
        "sidebar",
        "copyright",
        "header",
        "banner",
        "logo",
    ];
    AFFIXES.iter().any(|a| w.starts_with(a) || w.ends_with(a))
        || matches!(w, "foot" | "side" | "bread" | "head" | "top" | "bottom")
}

/// Runs of ASCII whitespace as one space, trimmed.
fn collapse(t: &str) -> String {
    let mut s = String::with_capacity(t.len());
    for part in t.split(|c: char| c.is_ascii_whitespace()) {
        if part.is_empty() {
            continue;
        }
        if !s.is_empty() {
            s.push(' ');
        }
        s.push_str(part);
    }
    s
}

/// What leaving an element does.
#[derive(Debug)]
enum Close {
    /// Nothing (text, comments, inline elements).
    Nothing,
    /// A block ends.
    Block,
    /// Text of a skipped element stops being ignored.
    Skip,
    /// The `<title>` ends.
    Title,
    /// A heading ends.
    Heading(usize),
    /// A list ends.
    List,
    /// A list item ends; whether it was written as one (or flattened at [`MAX_PREFIXES`]).
    Item(bool),
    /// A quote ends; whether it was written as one.
    Quote(bool),
    /// A `pre` ends.
    Pre,
    /// A data table ends.
    Table,
    /// A table row ends.
    Row,
    /// A table cell ends.
    Cell,
    /// A chrome element ends (and the element's own close, after it).
    Chrome(Box<Close>),
}

/// A container whose lines carry a prefix.
#[derive(Debug)]
enum Ctx {
    Quote,
    Item { marker: String, used: bool },
}

/// An open list.
#[derive(Debug)]
struct List {
    ordered: bool,
    next: u64,
    /// Items opened so far.
    items: usize,
}

/// A table being read.
#[derive(Debug, Default)]
struct Table {
    rows: Vec<Vec<String>>,
    /// Rows below the current one that a `rowspan` still covers, by column.
    covered: Vec<usize>,
    /// The columns of the current row that a `rowspan` from above covers.
    taken: Vec<bool>,
    /// The open cell: its column and its text so far.
    cell: Option<(usize, String)>,
    in_row: bool,
}

impl Table {
    fn start_row(&mut self) {
        self.end_row();
        self.rows.push(Vec::new());
        self.in_row = true;
        self.taken.clear();
        for n in &mut self.covered {
            self.taken.push(*n > 0);
            *n = n.saturating_sub(1);
        }
    }

    fn end_row(&mut self) {
        self.end_cell();
        if !self.in_row {
            return;
        }
        self.in_row = false;
        // the columns a rowspan from above covers right of the row's last cell
        if let (Some(row), Some(last)) = (self.rows.last_mut(), self.taken.iter().rposition(|&t| t))
        {
            if row.len() <= last {
                row.resize(last + 1, String::new());
            }
        }
    }

    fn start_cell(&mut self, colspan: usize, rowspan: usize) {
        self.end_cell();
        if !self.in_row {
            self.start_row();
        }
        let Some(row) = self.rows.last_mut() else {
            return;
        };
        // skip the columns a rowspan from above covers
        while row.len() < MAX_COLUMNS && self.taken.get(row.len()) == Some(&true) {
            row.push(String::new());
        }
        let at = if row.len() >= MAX_COLUMNS {
            MAX_COLUMNS - 1
        } else {
            row.push(String::new());
            row.len() - 1
        };
        let span = colspan.clamp(1, MAX_COLUMNS - at);
        while row.len() < at + span {
            row.push(String::new());
        }
        if rowspan > 1 {
            let end = at + span;
            if self.covered.len() < end {
                self.covered.resize(end, 0);
            }
            for c in &mut self.covered[at..end] {
                *c = (*c).max(rowspan.min(MAX_ROWSPAN) - 1);
            }
        }
        self.cell = Some((at, String::new()));
    }

    fn end_cell(&mut self) {
        let Some((at, text)) = self.cell.take() else {
            return;
        };
        let Some(cell) = self.rows.last_mut().and_then(|r| r.get_mut(at)) else {
            return;
        };
        let text = collapse(&text);
        if !cell.is_empty() && !text.is_empty() {
            cell.push(' ');
        }
        cell.push_str(&text);
    }

    /// The table as GFM lines; none when it has no cell.
    fn lines(mut self) -> Vec<String> {
        self.end_row();
        self.rows.retain(|r| !r.is_empty());
        let width = self.rows.iter().map(Vec::len).max().unwrap_or(0);
        let mut out = Vec::new();
        for (i, r) in self.rows.iter().enumerate() {
            let mut line = String::from("|");
            for c in 0..width {
                let t = r.get(c).map_or("", String::as_str);
                line.push(' ');
                for ch in t.chars() {
                    if ch == '|' {
                        line.push('\\');
                    }
                    line.push(ch);
                }
                line.push_str(if t.is_empty() { "|" } else { " |" });
            }
            out.push(line);
            if i == 0 {
                out.push(format!("|{}", "---|".repeat(width)));
            }
        }
        out
    }
}

/// The Markdown text as it is written.
#[derive(Debug, Default)]
struct Writer {
    out: String,
    chrome: Vec<Span>,
    title: Option<String>,
    /// Which tables lay out the page, by their order ([`layout_tables`]).
    layout: Vec<bool>,
    /// Tables met so far.
    tables_seen: usize,
    /// The text of the block being read; `\n` where a `<br>` was.
    inline: String,
    /// A blank line is due before the next line.
    blank: bool,
    ctx: Vec<Ctx>,
    lists: Vec<List>,
    tables: Vec<Table>,
    closes: Vec<Close>,
    /// Depth of skipped elements around the text.
    skip: usize,
    /// Depth of headings around the text (an inner one is flattened into the outer).
    heading: usize,
    /// Depth of `pre` elements around the text.
    pre: usize,
    /// The open chrome element's start in `out`, and the depth of chrome elements.
    chrome_at: usize,
    chrome_depth: usize,
    in_title: bool,
}

impl Writer {
    /// Whether text goes to a table cell (the innermost open table has a cell open).
    fn in_cell(&self) -> bool {
        self.tables.last().is_some_and(|t| t.cell.is_some())
    }

    /// Whether blocks inside are flattened into the text around them (a heading or a cell).
    fn flat(&self) -> bool {
        self.heading > 0 || self.in_cell()
    }

    /// The buffer text goes to.
    fn buf(&mut self) -> &mut String {
        if let Some((_, cell)) = self.tables.last_mut().and_then(|t| t.cell.as_mut()) {
            return cell;
        }
        &mut self.inline
    }

    /// A space where ASCII whitespace was, unless one is there already.
    fn space(&mut self) {
        let b = self.buf();
        if !(b.is_empty() || b.ends_with([' ', '\n'])) {
            b.push(' ');
        }
    }

    /// Text of the page.
    fn text(&mut self, t: &str) {
        if self.in_title {
            self.title.get_or_insert_with(String::new).push_str(t);
            return;
        }
        if self.skip > 0 {
            return;
        }
        if self.pre > 0 && !self.flat() {
            self.inline.push_str(t);
            return;
        }
        for (i, part) in t.split(|c: char| c.is_ascii_whitespace()).enumerate() {
            if i > 0 {
                self.space();
            }
            if !part.is_empty() {
                escape_into(part, self.buf());
            }
        }
    }

    /// A line break.
    fn line_break(&mut self) {
        if self.flat() {
            self.space();
        } else {
            self.inline.push('\n');
        }
    }

    /// Write one line with the prefixes of the open quotes and items.
    fn line(&mut self, content: &str) {
        self.blank_now();
        for c in &mut self.ctx {
            match c {
                Ctx::Quote => self.out.push_str("> "),
                Ctx::Item { marker, used } => {
                    if *used {
                        for _ in 0..marker.len() {
                            self.out.push(' ');
                        }
                    } else {
                        *used = true;
                        self.out.push_str(marker);
                    }
                }
            }
        }
        self.out.push_str(content);
        self.out.push('\n');
    }

    /// Write the blank line that is due now, before a container opens, so that it does not
    /// carry the container's prefix.
    fn blank_now(&mut self) {
        if self.blank && !self.out.is_empty() {
            self.line_blank();
        }
        self.blank = false;
    }

    /// A blank line, with the prefixes of the open quotes.
    fn line_blank(&mut self) {
        let mut p = String::new();
        for c in &self.ctx {
            if let Ctx::Quote = c {
                p.push_str("> ");
            }
        }
        self.out.push_str(p.trim_end());
        self.out.push('\n');
    }

    /// Write the block read so far, one line for each of its `<br>`-separated parts.
    fn flush(&mut self) {
        if self.inline.is_empty() {
            return;
        }
        let text = std::mem::take(&mut self.inline);
        let mut wrote = false;
        if self.pre > 0 {
            let body = text.strip_prefix('\n').unwrap_or(&text);
            let body = body.strip_suffix('\n').unwrap_or(body);
            let fence = "`".repeat(longest_run(body, '`').max(2) + 1);
            self.line(&fence);
            for l in body.split('\n') {
                let l = l.strip_suffix('\r').unwrap_or(l);
                self.line(l);
            }
            self.line(&fence);
            self.blank = true;
            return;
        }
        for part in text.split('\n') {
            let part = part.trim_matches(|c: char| c.is_ascii_whitespace());
            if part.is_empty() {
                continue;
            }
            let part = escape_line_start(part);
            self.line(&part);
            wrote = true;
        }
        if wrote {
            self.blank = true;
        }
    }

    /// Entering a node: what it starts, and whether its children are read.
    fn open(&mut self, node: &Node) -> bool {
        let e = match node {
            Node::Text(t) => {
                self.text(t);
                self.closes.push(Close::Nothing);
                return false;
            }
            Node::Element(e) => e,
            Node::Document | Node::Fragment => {
                self.closes.push(Close::Nothing);
                return true;
            }
            _ => {
                self.closes.push(Close::Nothing);
                return false;
            }
        };
        let name = e.name();
        if name == "title" && self.title.is_none() && self.chrome_depth == 0 {
            self.in_title = true;
            self.closes.push(Close::Title);
            return true;
        }
        if skipped(name) {
            self.skip += 1;
            self.closes.push(Close::Skip);
            return name == "head";
        }
        if self.skip > 0 {
            self.closes.push(Close::Nothing);
            return true;
        }
        let chrome = self.chrome_depth == 0 && !self.flat() && is_chrome(e);
        if chrome {
            self.flush();
            self.chrome_at = self.out.len();
        }
        if chrome {
            self.chrome_depth += 1;
        }
        let close = self.open_element(name, e);
        self.closes.push(if chrome {
            Close::Chrome(Box::new(close))
        } else {
            close
        });
        true
    }

    /// Entering an element other than a skipped one: what its end does.
    fn open_element(&mut self, name: &str, e: &scraper::node::Element) -> Close {
        if name == "br" {
            self.line_break();
            return Close::Nothing;
        }
        if name == "table" {
            let layout = self.layout.get(self.tables_seen).copied().unwrap_or(true);
            self.tables_seen += 1;
            if layout || self.flat() {
                // a layout table, or one inside a cell or heading: its text is blocks
                return self.block_open();
            }
            self.flush();
            self.tables.push(Table::default());
            return Close::Table;
        }
        if let Some(t) = self.tables.last_mut() {
            match name {
                "tr" => {
                    t.start_row();
                    return Close::Row;
                }
                "td" | "th" => {
                    let n = |a| {
                        e.attr(a)
                            .and_then(|v| v.trim().parse::<usize>().ok())
                            .unwrap_or(1)
                    };
                    t.start_cell(n("colspan"), n("rowspan"));
                    return Close::Cell;
                }
                _ => {}
            }
        }
        if self.flat() {
            if name == "img" {
                if let Some(alt) = e.attr("alt") {
                    self.space();
                    self.text(alt);
                }
            } else if is_block(name) {
                self.space();
                return Close::Block;
            }
            return Close::Nothing;
        }
        if let Some(level) = heading_level(name) {
            self.flush();
            self.heading += 1;
            return Close::Heading(level);
        }
        match name {
            "img" => {
                self.flush();
                let alt = e.attr("alt").unwrap_or("");
                let mut a = String::new();
                escape_into(&collapse(alt), &mut a);
                let a = a.replace(']', "&#93;");
                let src = link_target(e.attr("src").unwrap_or(""));
                self.line(&format!("![{a}]({src})"));
                self.blank = true;
                Close::Nothing
            }
            "hr" => {
                self.flush();
                self.blank = true;
                self.line(if self.out.is_empty() { "***" } else { "---" });
                self.blank = true;
                Close::Nothing
            }
            "ul" | "ol" | "menu" => {
                self.flush();
                // a list inside an item follows the item's text tightly
                if matches!(self.ctx.last(), Some(Ctx::Item { .. })) {
                    self.blank = false;
                }
                let ordered = name == "ol";
                let start = e
                    .attr("start")
                    .and_then(|v| v.trim().parse::<u64>().ok())
                    .filter(|&n| n < 1_000_000_000)
                    .unwrap_or(1);
                self.lists.push(List {
                    ordered,
                    next: start,
                    items: 0,
                });
                Close::List
            }
            "li" => {
                self.flush();
                let value = e
                    .attr("value")
                    .and_then(|v| v.trim().parse::<u64>().ok())
                    .filter(|&n| n < 1_000_000_000);
                // items of a list are tight: no blank line between them
                if self.lists.last().is_some_and(|l| l.items > 0) {
                    self.blank = false;
                }
                self.blank_now();
                if let Some(l) = self.lists.last_mut() {
                    l.items += 1;
                }
                let marker = match self.lists.last_mut() {
                    Some(list) if list.ordered => {
                        let n = value.unwrap_or(list.next);
                        list.next = n + 1;
                        format!("{n}. ")
                    }
                    // an item outside a list is a bullet
                    _ => "- ".to_string(),
                };
                if self.ctx.len() >= MAX_PREFIXES {
                    return Close::Item(false);
                }
                self.ctx.push(Ctx::Item {
                    marker,
                    used: false,
                });
                Close::Item(true)
            }
            "blockquote" => {
                self.flush();
                self.blank_now();
                if self.ctx.len() >= MAX_PREFIXES {
                    return Close::Quote(false);
                }
                self.ctx.push(Ctx::Quote);
                Close::Quote(true)
            }
            "pre" => {
                self.flush();
                self.pre += 1;
                Close::Pre
            }
            _ if is_block(name) => self.block_open(),
            _ => Close::Nothing,
        }
    }

    fn block_open(&mut self) -> Close {
        if self.flat() {
            self.space();
        } else {
            self.flush();
        }
        Close::Block
    }

    /// Leaving a node.
    fn close(&mut self) {
        let close = self.closes.pop().unwrap_or(Close::Nothing);
        self.run_close(close);
    }

    fn run_close(&mut self, close: Close) {
        match close {
            Close::Nothing => {}
            Close::Block => self.block_open_close(),
            Close::Skip => self.skip = self.skip.saturating_sub(1),
            Close::Title => self.in_title = false,
            Close::Heading(level) => {
                self.heading -= 1;
                if self.heading > 0 {
                    self.space();
                    return;
                }
                let text = std::mem::take(&mut self.inline);
                let mut t = collapse(&text.replace('\n', " "));
                if t.ends_with('#') {
                    t.pop();
                    t.push_str("&#35;");
                }
                if !t.is_empty() {
                    self.blank = true;
                    self.line(&format!("{} {t}", "#".repeat(level)));
                    self.blank = true;
                }
            }
            Close::List => {
                self.flush();
                self.lists.pop();
                self.blank = true;
            }
            Close::Item(pushed) => {
                self.flush();
                if pushed {
                    self.ctx.pop();
                }
            }
            Close::Quote(pushed) => {
                self.flush();
                if pushed {
                    self.ctx.pop();
                }
                self.blank = true;
            }
            Close::Pre => {
                self.flush();
                self.pre -= 1;
            }
            Close::Table => {
                if let Some(t) = self.tables.pop() {
                    let lines = t.lines();
                    if !lines.is_empty() {
                        self.blank = true;
                        for l in &lines {
                            self.line(l);
                        }
                        self.blank = true;
                    }
                }
            }
            Close::Row => {
                if let Some(t) = self.tables.last_mut() {
                    t.end_row();
                }
            }
            Close::Cell => {
                if let Some(t) = self.tables.last_mut() {
                    t.end_cell();
                }
            }
            Close::Chrome(inner) => {
                self.run_close(*inner);
                self.flush();
                self.chrome_depth = self.chrome_depth.saturating_sub(1);
                if self.chrome_depth == 0 && self.out.len() > self.chrome_at {
                    self.chrome.push(Span::new(self.chrome_at, self.out.len()));
                }
            }
        }
    }

    fn block_open_close(&mut self) {
        if self.flat() {
            self.space();
        } else {
            self.flush();
        }
    }
}

/// The longest run of `c` in `s`.
fn longest_run(s: &str, c: char) -> usize {
    let (mut best, mut run) = (0, 0);
    for ch in s.chars() {
        run = if ch == c { run + 1 } else { 0 };
        best = best.max(run);
    }
    best
}

/// Append `t` to `out`, the characters Markdown reads as inline syntax written as numeric
/// character references.
fn escape_into(t: &str, out: &mut String) {
    for ch in t.chars() {
        match ch {
            '<' => out.push_str("&lt;"),
            '&' => out.push_str("&amp;"),
            '*' => out.push_str("&#42;"),
            '_' => out.push_str("&#95;"),
            '`' => out.push_str("&#96;"),
            '~' => out.push_str("&#126;"),
            '[' => out.push_str("&#91;"),
            '\\' => out.push_str("&#92;"),
            _ => out.push(ch),
        }
    }
}

/// A line of a text block, with what would start a Markdown block written as a character
/// reference: `#`, `>`, `-`, `+`, `=`, `|` and the `.` or `)` of `1.` / `1)`.
fn escape_line_start(l: &str) -> std::borrow::Cow<'_, str> {
    let b = l.as_bytes();
    let esc = |n: usize, with: &str| format!("{}{with}{}", &l[..n], &l[n + 1..]).into();
    match b.first() {
        Some(b'#') => esc(0, "&#35;"),
        Some(b'>') => esc(0, "&gt;"),
        Some(b'-') => esc(0, "&#45;"),
        Some(b'+') => esc(0, "&#43;"),
        Some(b'=') => esc(0, "&#61;"),
        Some(b'0'..=b'9') => {
            let digits = b.iter().take_while(|c| c.is_ascii_digit()).count();
            let after = b.get(digits + 1);
            match b.get(digits) {
                Some(b'.') if digits <= 9 && matches!(after, None | Some(b' ' | b'\t')) => {
                    esc(digits, "&#46;")
                }
                Some(b')') if digits <= 9 && matches!(after, None | Some(b' ' | b'\t')) => {
                    esc(digits, "&#41;")
                }
                _ => l.into(),
            }
        }
        _ => l.into(),
    }
}

/// An image's source as a Markdown link destination: in `<…>` when it has spaces or
/// parentheses.
fn link_target(src: &str) -> String {
    let src = src.trim();
    if src.contains([' ', '(', ')', '<', '>', '\n']) {
        let s: String = src
            .chars()
            .map(|c| if c == '\n' { ' ' } else { c })
            .collect();
        format!("<{}>", s.replace('<', "%3C").replace('>', "%3E"))
    } else {
        src.to_string()
    }
}

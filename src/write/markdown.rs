//! The document as CommonMark (with GFM tables and footnotes): `convert X -o Y.md`.
//!
//! - The metadata goes into YAML front matter under pandoc's keys where pandoc has one
//!   (`title`, `subtitle`, `author`, `date`) and kebab-case names for the rest (`doc-number`,
//!   `addressee`, `signatory`), every value a double-quoted YAML string.
//! - The title is the one `#` heading. Sections are `##`…`######` by their level (level 1 is
//!   `##`; a level past 5 stays `######`, the numbering gives the level back when read), with
//!   their markers as written in the heading text (`## 一、总体要求`). A document with no title
//!   still starts its levels at `##`: `#` is only ever the title, so a first heading is never
//!   read back as one.
//! - A run-in heading is a paragraph that opens with its heading sentence in bold
//!   (`**（一）指导思想。**坚持……`). Where CommonMark would not close the bold after the
//!   sentence's last punctuation (`。**坚`: a closing `**` after punctuation must be followed by
//!   a space or punctuation), the punctuation goes after the bold (`**（一）指导思想**。坚持……`).
//! - Articles, points, list items in body text and the elements of an official document
//!   (发文字号, 主送机关, 落款, dates, 抄送, 印发, 附件) are paragraphs as written; elisions stay as
//!   written, so reading the output back gives the same tree.
//! - Tables are GFM tables (`|` in cells escaped; a table with no header row gets an empty
//!   one), lists are lists, quotations `> `, images `![alt](src)`, footnotes `[^label]: text`
//!   after the text, breaks `<br>`, `---` or a CSS page break.
//! - Chrome (a site's navigation, paywall notices) is left out unless
//!   [`MarkdownOptions::keep_chrome`].
//! - A blank line between blocks. Text that Markdown would read as syntax is escaped with
//!   backslashes (`\#`, `1\.`, `\*`, `\|`, …); ASCII spaces at a paragraph's ends are dropped
//!   (four would start a code block, two end a line).
//!
//! The writer reads only the tree (and the source for the whitespace between a marker and its
//! title), so writing what it reads back gives the same bytes.

use crate::tree::*;
use crate::Source;
use std::io::{self, Write};

/// How the Markdown is written.
#[derive(Clone, Debug, Default)]
pub struct MarkdownOptions {
    /// Keep the chrome lines (site navigation, paywall notices) as paragraphs.
    pub keep_chrome: bool,
}

/// Write `doc` as Markdown.
///
/// ```
/// use gongwen::write::markdown::{write, MarkdownOptions};
/// use gongwen::{parse, Format, Source};
/// let src = Source::from_str(
///     "关于加强管理的通知\n一、总体要求\n（一）指导思想。坚持*统筹*。\n",
///     Format::Text,
/// );
/// let mut out = Vec::new();
/// write(&parse(&src), &src, &MarkdownOptions::default(), &mut out).unwrap();
/// assert_eq!(
///     String::from_utf8(out).unwrap(),
///     "---\ntitle: \"关于加强管理的通知\"\n---\n\n# 关于加强管理的通知\n\n## 一、总体要求\n\n\
///      **（一）指导思想**。坚持\\*统筹\\*。\n"
/// );
/// ```
pub fn write(
    doc: &Document,
    src: &Source,
    opts: &MarkdownOptions,
    out: &mut impl Write,
) -> io::Result<()> {
    let mut refs = std::collections::HashSet::new();
    doc.walk(&mut |b, _| {
        if let Block::Footnote(n) = b {
            let label = escape_label(&n.label);
            if !label.is_empty() {
                refs.insert(inline(&label));
            }
        }
    });
    let mut w = Md {
        src: src.text(),
        opts,
        notes: Vec::new(),
        next: None,
    };
    let mut s = front_matter(&doc.meta);
    let mut body = w.blocks(&doc.blocks);
    // the references to footnotes stay references: the text holds them as written
    if !refs.is_empty() {
        body = unescape_refs(&body, &refs);
    }
    let mut parts: Vec<String> = Vec::new();
    if !body.is_empty() {
        parts.push(body);
    }
    let notes: Vec<String> = std::mem::take(&mut w.notes)
        .into_iter()
        .map(|n| format!("[^{}]: {}", escape_label(&n.label), inline(&n.text.text)))
        .collect();
    if !notes.is_empty() {
        parts.push(notes.join("\n\n"));
    }
    let body = parts.join("\n\n");
    if !s.is_empty() && !body.is_empty() {
        s.push('\n');
    }
    s.push_str(&body);
    if !s.ends_with('\n') && !s.is_empty() {
        s.push('\n');
    }
    out.write_all(s.as_bytes())
}

/// `body` with each escaped `\\[^label\\]` whose label is one of `refs` (escaped) written
/// as the footnote reference `[^label]` again; one pass.
fn unescape_refs(body: &str, refs: &std::collections::HashSet<String>) -> String {
    const OPEN: &str = "\\[^";
    const CLOSE: &str = "\\]";
    let mut out = String::with_capacity(body.len());
    let mut rest = body;
    while let Some(k) = rest.find(OPEN) {
        out.push_str(&rest[..k]);
        let after = &rest[k + OPEN.len()..];
        // labels are short: look no further than the end of a long one
        let mut end = after.len().min(256);
        while !after.is_char_boundary(end) {
            end -= 1;
        }
        let window = &after[..end];
        match window.find(CLOSE).map(|e| &after[..e]) {
            Some(label) if refs.contains(label) => {
                out.push_str("[^");
                out.push_str(&label.replace('\\', ""));
                out.push(']');
                rest = &after[label.len() + CLOSE.len()..];
            }
            _ => {
                out.push_str(OPEN);
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}

/// The metadata as YAML front matter, or nothing when the document says nothing of itself.
fn front_matter(m: &Meta) -> String {
    let fields = [
        ("title", &m.title),
        ("subtitle", &m.subtitle),
        ("author", &m.author),
        ("date", &m.date),
        ("doc-number", &m.doc_number),
        ("addressee", &m.addressee),
        ("signatory", &m.signatory),
    ];
    let mut s = String::new();
    for (key, v) in fields {
        if let Some(v) = v.as_deref().filter(|v| !v.trim().is_empty()) {
            s.push_str(key);
            s.push_str(": ");
            s.push_str(&yaml_quoted(v));
            s.push('\n');
        }
    }
    if s.is_empty() {
        return s;
    }
    format!("---\n{s}---\n")
}

/// `v` as a double-quoted YAML string: `"` and `\` escaped, control characters (and the
/// line and paragraph separators YAML treats as breaks) as `\n`, `\t` or `\uXXXX`.
///
/// ```
/// use gongwen::write::markdown::yaml_quoted;
/// assert_eq!(yaml_quoted("国办发〔2024〕1号"), "\"国办发〔2024〕1号\"");
/// assert_eq!(yaml_quoted("a \"b\"\\\n"), r#""a \"b\"\\\n""#);
/// ```
pub fn yaml_quoted(v: &str) -> String {
    let mut s = String::with_capacity(v.len() + 2);
    s.push('"');
    for c in v.chars() {
        match c {
            '"' => s.push_str("\\\""),
            '\\' => s.push_str("\\\\"),
            '\n' => s.push_str("\\n"),
            '\t' => s.push_str("\\t"),
            '\r' => s.push_str("\\r"),
            c if c.is_control() || matches!(c, '\u{2028}' | '\u{2029}' | '\u{feff}') => {
                s.push_str(&format!("\\u{:04X}", c as u32));
            }
            c => s.push(c),
        }
    }
    s.push('"');
    s
}

struct Md<'a> {
    src: &'a str,
    opts: &'a MarkdownOptions,
    /// Footnotes met so far: written after the text.
    notes: Vec<&'a Footnote>,
    /// The sibling after the block being written.
    next: Option<&'a Block>,
}

impl<'a> Md<'a> {
    /// Blocks, a blank line between each two.
    fn blocks(&mut self, blocks: &'a [Block]) -> String {
        let mut parts: Vec<String> = Vec::new();
        self.run(blocks, &mut parts);
        parts.join("\n\n")
    }

    /// Sibling blocks into `parts`, each knowing the block after it.
    fn run(&mut self, blocks: &'a [Block], parts: &mut Vec<String>) {
        for (k, b) in blocks.iter().enumerate() {
            self.next = blocks.get(k + 1);
            self.block(b, parts);
        }
    }

    /// The whitespace of the source between two offsets, as written (markup between them
    /// left out); nothing when they are out of order or off the text.
    fn gap(&self, from: usize, to: usize) -> String {
        self.src
            .get(from..to)
            .map(|g| {
                g.chars()
                    .filter(|&c| c.is_whitespace() && c != '\n' && c != '\r')
                    .collect()
            })
            .unwrap_or_default()
    }

    /// Whether a title was read from a front matter's `title:` line.
    fn in_front_matter(&self, t: &Title) -> bool {
        t.lines.first().is_some_and(|l| {
            let start = self.src[..l.span.start.min(self.src.len())]
                .rfind('\n')
                .map_or(0, |k| k + 1);
            self.src
                .get(start..)
                .is_some_and(|r| r.starts_with("title:"))
        })
    }

    /// A section's heading as written: marker, title, end punctuation.
    fn heading_text(&self, s: &Section) -> String {
        let mut t = String::new();
        let mut at = s.title.span.start;
        if let Some(m) = &s.marker {
            t.push_str(&m.raw);
            t.push_str(&self.gap(m.span.end, s.title.span.start));
        }
        t.push_str(&s.title.text);
        at = at.max(s.title.span.end);
        if let Some(e) = &s.title_end {
            t.push_str(&self.gap(at, e.span.start));
            t.push_str(&e.text);
        }
        t
    }

    fn block(&mut self, b: &'a Block, parts: &mut Vec<String>) {
        match b {
            Block::Chrome(c) => {
                if self.opts.keep_chrome {
                    push_para(parts, &c.text.text);
                }
            }
            Block::Title(t) => {
                let text = oneline(&t.joined());
                let line = format!("# {}", heading_inline(&text));
                // a title read from front matter is written there, not again as `#`; one read
                // from front matter and again from the `#` line is one title
                if !text.is_empty() && parts.last() != Some(&line) && !self.in_front_matter(t) {
                    parts.push(line);
                }
            }
            Block::Subtitle(t) => {
                let mut s = String::new();
                if let Some(m) = &t.marker {
                    s.push_str(&m.text);
                }
                s.push_str(&t.joined());
                push_para(parts, &s);
            }
            Block::Byline(e)
            | Block::Addressee(e)
            | Block::Banner(e)
            | Block::CopyNumber(e)
            | Block::Secrecy(e)
            | Block::Urgency(e)
            | Block::Signer(e)
            | Block::Serial(e)
            | Block::Signature(e)
            | Block::CopyTo(e)
            | Block::Imprint(e)
            | Block::Note(e) => push_para(parts, &e.text.text),
            Block::DocNumber(d) => push_para(parts, &d.text.text),
            Block::Date(d) => push_para(parts, &d.text.text),
            Block::Attachment(a) => push_para(parts, &a.text.text),
            Block::Contents(c) => {
                if let Some(l) = &c.label {
                    push_para(parts, &l.text);
                }
                for e in &c.entries {
                    push_para(parts, &e.text);
                }
            }
            Block::Section(s) => {
                self.section(s, parts);
                self.run(&s.children, parts);
            }
            Block::Point(p) => {
                let mut s = p.marker.text.clone();
                s.push_str(&self.gap(p.marker.span.end, p.title.span.start));
                s.push_str(&p.title.text);
                if let Some(body) = &p.body {
                    s.push_str(&self.gap(p.title.span.end, body.span.start));
                    s.push_str(&body.text);
                }
                push_para(parts, &s);
                self.run(&p.children, parts);
            }
            Block::ListItem(l) => {
                let mut s = l.marker.raw.clone();
                s.push_str(&self.gap(l.marker.span.end, l.text.span.start));
                s.push_str(&l.text.text);
                push_para(parts, &s);
            }
            Block::Paragraph(p) => push_para(parts, &p.text),
            Block::Elision(e) => push_para(parts, &e.text),
            Block::Table(t) => {
                if let Some(c) = &t.caption {
                    push_para(parts, &c.text);
                }
                if let Some(s) = table(t) {
                    parts.push(s);
                }
            }
            Block::List(l) => {
                let s = self.list(l);
                if !s.is_empty() {
                    parts.push(s);
                }
            }
            Block::Item(i) => {
                // an item outside a list: a list of one
                let s = self.item(i, "-");
                if !s.is_empty() {
                    parts.push(s);
                }
            }
            Block::Quote(q) => {
                let inner = self.blocks(&q.children);
                if !inner.is_empty() {
                    parts.push(prefix_lines(&inner, "> ", ">"));
                }
            }
            Block::Image(i) => parts.push(image(i)),
            Block::Footnote(n) => self.notes.push(n),
            Block::Break(b) => parts.push(
                match b.kind {
                    BreakKind::Line => "<br>",
                    BreakKind::Page => "<div style=\"page-break-after: always\"></div>",
                    BreakKind::Rule => "---",
                }
                .to_string(),
            ),
        }
    }

    fn section(&mut self, s: &Section, parts: &mut Vec<String>) {
        let head = oneline(&self.heading_text(s));
        match s.kind {
            // an unnumbered line that heads nothing, a sibling of the section after it (a 章
            // title whose 第X章 was lost, between articles that go on counting): a line as
            // the source wrote it, which reads back the same; as a `#` heading it would become
            // the parent of what follows
            HeadingKind::Standalone
                if s.marker.is_none()
                    && s.depth.is_none()
                    && s.children.is_empty()
                    && matches!(self.next, Some(Block::Section(n)) if n.level == s.level) =>
            {
                push_para(parts, &head);
            }
            HeadingKind::Standalone => {
                if head.is_empty() {
                    return;
                }
                let depth = (s.level.max(1) as usize + 1).min(6);
                parts.push(format!("{} {}", "#".repeat(depth), heading_inline(&head)));
            }
            HeadingKind::RunIn => {
                let body = s
                    .run_in
                    .as_ref()
                    .map(|p| {
                        let end = s
                            .title_end
                            .as_ref()
                            .map_or(s.title.span.end, |e| e.span.end);
                        (self.gap(end, p.span.start), oneline(&p.text))
                    })
                    .unwrap_or_default();
                let text = run_in(&head, &body.0, &body.1);
                if !text.is_empty() {
                    parts.push(text);
                }
            }
            HeadingKind::Article => {
                let mut t = head;
                if let Some(p) = &s.run_in {
                    let end = s
                        .title_end
                        .as_ref()
                        .map_or(s.title.span.end, |e| e.span.end);
                    t.push_str(&self.gap(end, p.span.start));
                    t.push_str(&p.text);
                }
                push_para(parts, &t);
            }
        }
    }

    fn list(&mut self, l: &'a List) -> String {
        // tight when every item holds one text block, with a nested list after it at most
        let tight = l.items.iter().all(|it| match it {
            Block::Item(i) => {
                i.children.len() <= 1
                    || (i.children.len() == 2 && matches!(i.children[1], Block::List(_)))
            }
            _ => true,
        });
        let mut out: Vec<String> = Vec::new();
        let mut n = 0u32;
        for it in &l.items {
            let s = match it {
                Block::Item(i) => {
                    n += 1;
                    let bullet = if l.ordered {
                        let written = i.bullet.text.trim();
                        let digits = written.trim_end_matches(['.', ')']);
                        let ordinal = digits.parse::<u32>().ok().filter(|&d| {
                            !digits.is_empty() && written.len() == digits.len() + 1 && d < 1_000_000
                        });
                        let delim = if written.ends_with(')') { ")" } else { "." };
                        format!("{}{delim}", ordinal.unwrap_or(n))
                    } else {
                        match i.bullet.text.trim() {
                            b @ ("*" | "+") => b.to_string(),
                            _ => "-".to_string(),
                        }
                    };
                    self.item_tight(i, &bullet, tight)
                }
                other => {
                    let mut v = Vec::new();
                    self.block(other, &mut v);
                    v.join("\n\n")
                }
            };
            if !s.is_empty() {
                out.push(s);
            }
        }
        out.join(if tight { "\n" } else { "\n\n" })
    }

    fn item(&mut self, i: &'a Item, bullet: &str) -> String {
        self.item_tight(i, bullet, false)
    }

    fn item_tight(&mut self, i: &'a Item, bullet: &str, tight: bool) -> String {
        let mut parts: Vec<String> = Vec::new();
        self.run(&i.children, &mut parts);
        let inner = parts.join(if tight { "\n" } else { "\n\n" });
        let pad = " ".repeat(bullet.len() + 1);
        if inner.is_empty() {
            return bullet.to_string();
        }
        let body = prefix_lines(&inner, &pad, "");
        // the first line carries the bullet instead of the padding
        format!("{bullet} {}", &body[pad.len()..])
    }
}

/// A paragraph of `text`, escaped; nothing when it is empty.
fn push_para(parts: &mut Vec<String>, text: &str) {
    let t = paragraph(text);
    if !t.is_empty() {
        parts.push(t);
    }
}

/// Text on one line: line breaks inside it become spaces.
fn oneline(s: &str) -> String {
    if s.contains(['\n', '\r']) {
        s.replace("\r\n", " ").replace(['\n', '\r'], " ")
    } else {
        s.to_string()
    }
}

/// Prefix every line of `s` with `p` (`empty` for blank lines).
fn prefix_lines(s: &str, p: &str, empty: &str) -> String {
    let mut out = String::with_capacity(s.len() + 8);
    for (k, line) in s.split('\n').enumerate() {
        if k > 0 {
            out.push('\n');
        }
        if line.is_empty() {
            out.push_str(empty);
        } else {
            out.push_str(p);
            out.push_str(line);
        }
    }
    out
}

/// A paragraph's text: on one line, ASCII spaces at its ends dropped, escaped.
fn paragraph(text: &str) -> String {
    let t = oneline(text);
    let t = t.trim_matches([' ', '\t']);
    if t.is_empty() {
        return String::new();
    }
    block_start(&inline(t))
}

/// A heading's text: escaped, a closing `#` kept as text.
fn heading_inline(text: &str) -> String {
    let t = text.trim_matches([' ', '\t']);
    let mut s = inline(t);
    if s.ends_with('#') {
        s.pop();
        s.push_str("\\#");
    }
    s
}

/// A run-in heading: the heading sentence in bold, then the body after `gap`.
fn run_in(head: &str, gap: &str, body: &str) -> String {
    let head = head.trim_start_matches([' ', '\t']);
    let body_t = body.trim_end_matches([' ', '\t']);
    let next = gap.chars().next().or_else(|| body_t.chars().next());
    // a closing ** after punctuation closes only before whitespace, punctuation or the end:
    // the stops that end the sentence go after it
    let (bold, after) = if head.chars().last().is_some_and(is_md_punct)
        && next.is_some_and(|c| !c.is_whitespace() && !is_md_punct(c))
    {
        let cut = head.trim_end_matches(STOPS).len();
        head.split_at(cut)
    } else {
        (head, "")
    };
    let following = after.chars().next().or(next);
    let bold_ok = !bold.trim().is_empty()
        && !bold.starts_with(char::is_whitespace)
        && !bold.ends_with(char::is_whitespace)
        && (!bold.ends_with(is_md_punct)
            || following.is_none_or(|c| c.is_whitespace() || is_md_punct(c)));
    let mut s = String::new();
    if bold_ok {
        s.push_str("**");
        s.push_str(&inline(bold));
        s.push_str("**");
    } else {
        s.push_str(&block_start(&inline(bold)));
    }
    s.push_str(&inline(after));
    s.push_str(gap);
    s.push_str(&inline(body_t));
    if s.trim().is_empty() {
        return String::new();
    }
    s
}

/// The stops that end a heading sentence.
const STOPS: [char; 14] = [
    '。', '：', '；', '，', '、', '！', '？', '.', ':', ';', ',', '!', '?', '．',
];

/// Whether CommonMark counts `c` as punctuation (ASCII punctuation and the Unicode P and S
/// categories, which hold the Chinese stops, brackets and quotes).
fn is_md_punct(c: char) -> bool {
    if c.is_ascii() {
        return c.is_ascii_punctuation();
    }
    !(c.is_alphanumeric() || c.is_whitespace() || c.is_control())
}

/// Escape what would start a block construct at the start of a paragraph: a heading (`#`),
/// a quotation (`>`), a bullet (`-`, `+`, `*`, `*` already escaped inline) or a number
/// (`1.`, `1)`) followed by a space, a thematic break (`---`, `___`), a table row (`|`), a
/// front-matter fence or a setext underline (`===`).
fn block_start(s: &str) -> String {
    let b = s.as_bytes();
    let Some(&first) = b.first() else {
        return String::new();
    };
    let space_after = |i: usize| b.get(i).is_none_or(|&c| c == b' ' || c == b'\t');
    match first {
        b'#' | b'>' | b'|' | b'=' => format!("\\{s}"),
        b'-' | b'+' if space_after(1) || b.iter().all(|&c| c == first || c == b' ') => {
            format!("\\{s}")
        }
        b'0'..=b'9' => {
            let d = b.iter().take_while(|c| c.is_ascii_digit()).count();
            if d <= 9 && matches!(b.get(d), Some(b'.' | b')')) && space_after(d + 1) {
                format!("{}\\{}", &s[..d], &s[d..])
            } else {
                s.to_string()
            }
        }
        _ => s.to_string(),
    }
}

/// Escape the characters that Markdown reads as inline syntax: `\` before punctuation or at
/// the end, `*`, `_`, `` ` ``, `~`, `[`, `]`, `|`, an `<` that could open a tag or an autolink
/// and an `&` that could open an entity.
fn inline(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 4);
    let b = s.as_bytes();
    for (i, c) in s.char_indices() {
        let next = b.get(i + 1).copied();
        let esc = match c {
            '*' | '_' | '`' | '~' | '[' | ']' | '|' => true,
            '\\' => next.is_none_or(|n| n.is_ascii_punctuation()),
            '<' => next.is_some_and(|n| n.is_ascii_alphabetic() || matches!(n, b'/' | b'!' | b'?')),
            '&' => entity_like(&s[i + 1..]),
            _ => false,
        };
        if esc {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

/// Whether `rest` (after an `&`) reads as an entity: a name or `#` number, then `;`.
fn entity_like(rest: &str) -> bool {
    let n = rest
        .bytes()
        .take(32)
        .take_while(|c| c.is_ascii_alphanumeric() || *c == b'#')
        .count();
    n > 0 && rest.as_bytes().get(n) == Some(&b';')
}

/// A footnote label, its brackets and spaces kept out.
fn escape_label(l: &str) -> String {
    l.chars()
        .filter(|c| !c.is_whitespace() && !matches!(c, '[' | ']'))
        .collect()
}

/// An image: `![alt](src)`, the source in angle brackets when it holds spaces or brackets.
fn image(i: &Image) -> String {
    let alt = inline(&oneline(&i.alt));
    let src = oneline(&i.src);
    let src = if src.contains([' ', '(', ')', '<', '>']) {
        format!("<{}>", src.replace('<', "%3C").replace('>', "%3E"))
    } else {
        src
    };
    format!("![{alt}]({src})")
}

/// A GFM table; `None` when it has no cells. The header row is the first of the table's header
/// rows, or an empty row when it has none (GFM requires one); further header rows are body
/// rows. A cell spanning columns is followed by empty cells for the columns it covers.
fn table(t: &Table) -> Option<String> {
    let rows: Vec<Vec<String>> = t
        .rows
        .iter()
        .map(|r| {
            let mut v = Vec::new();
            for c in &r.cells {
                v.push(cell(&c.text.text));
                for _ in 1..c.col_span.clamp(1, 1000) {
                    v.push(String::new());
                }
            }
            v
        })
        .collect();
    let cols = rows
        .iter()
        .map(Vec::len)
        .max()
        .unwrap_or(0)
        .max(t.align.len());
    if cols == 0 {
        return None;
    }
    let line = |cells: &[String]| {
        let mut s = String::from("|");
        for k in 0..cols {
            let c = cells.get(k).map(String::as_str).unwrap_or("");
            s.push(' ');
            s.push_str(c);
            s.push_str(" |");
        }
        s
    };
    let mut out = Vec::new();
    let (head, body) = if t.header_rows > 0 {
        (rows[0].clone(), &rows[1..])
    } else {
        (Vec::new(), &rows[..])
    };
    out.push(line(&head));
    let mut delim = String::from("|");
    for k in 0..cols {
        delim.push_str(match t.align.get(k).copied().unwrap_or(Align::None) {
            Align::None => " --- |",
            Align::Left => " :--- |",
            Align::Center => " :---: |",
            Align::Right => " ---: |",
        });
    }
    out.push(delim);
    for r in body {
        out.push(line(r));
    }
    Some(out.join("\n"))
}

/// A cell's text: escaped, `|` included, line breaks as `<br>`.
fn cell(s: &str) -> String {
    let lines: Vec<String> = s
        .split('\n')
        .map(|l| inline(l.trim_matches([' ', '\t', '\r'])))
        .collect();
    lines.join("<br>")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{parse, Format};

    fn md(text: &str, format: Format) -> String {
        let src = Source::from_str(text, format);
        let mut out = Vec::new();
        write(&parse(&src), &src, &MarkdownOptions::default(), &mut out).unwrap();
        String::from_utf8(out).unwrap()
    }

    #[test]
    fn escapes_what_reads_as_syntax() {
        assert_eq!(block_start("1. 第一"), "1\\. 第一");
        assert_eq!(block_start("1.第一"), "1.第一");
        assert_eq!(block_start("# 号"), "\\# 号");
        assert_eq!(block_start("- 一"), "\\- 一");
        assert_eq!(block_start("---"), "\\---");
        assert_eq!(block_start("-1℃"), "-1℃");
        assert_eq!(inline("a*b_c`d|e"), "a\\*b\\_c\\`d\\|e");
        assert_eq!(inline("x<5 <b> &amp; & y"), "x<5 \\<b> \\&amp; & y");
        assert_eq!(inline("a\\b \\*"), "a\\b \\\\\\*");
    }

    #[test]
    fn run_in_bold_closes_before_a_letter() {
        assert_eq!(
            run_in("（一）指导思想。", "", "坚持"),
            "**（一）指导思想**。坚持"
        );
        assert_eq!(
            run_in("（一）指导思想。", " ", "坚持"),
            "**（一）指导思想。** 坚持"
        );
        assert_eq!(
            run_in("（一）指导思想", "", "，坚持"),
            "**（一）指导思想**，坚持"
        );
        assert_eq!(run_in("（一）。", "", "坚持"), "**（一）**。坚持");
    }

    #[test]
    fn headings_by_level_and_front_matter() {
        let out = md(
            "关于加强管理的通知\n国办发〔2024〕1号\n一、总体要求\n（一）目标\n1.任务\n（1）事项\n①细目\n正文。\n",
            Format::Text,
        );
        assert!(
            out.starts_with("---\ntitle: \"关于加强管理的通知\"\n"),
            "{out}"
        );
        for h in [
            "\n# 关于加强管理的通知\n",
            "\n## 一、总体要求\n",
            "\n### （一）目标\n",
            "\n#### 1.任务\n",
            "\n##### （1）事项\n",
        ] {
            assert!(out.contains(h), "{h:?} in {out}");
        }
    }

    #[test]
    fn tables_lists_quotes() {
        let t = Table {
            caption: None,
            rows: vec![
                Row {
                    cells: vec![
                        Cell {
                            text: Text {
                                text: "项目".into(),
                                span: Default::default(),
                            },
                            col_span: 1,
                            row_span: 1,
                        },
                        Cell {
                            text: Text {
                                text: "a|b".into(),
                                span: Default::default(),
                            },
                            col_span: 1,
                            row_span: 1,
                        },
                    ],
                    span: Default::default(),
                },
                Row::default(),
            ],
            header_rows: 0,
            align: vec![],
            span: Default::default(),
        };
        assert_eq!(
            table(&t).unwrap(),
            "|  |  |\n| --- | --- |\n| 项目 | a\\|b |\n|  |  |"
        );
    }

    fn para(t: &str) -> Block {
        Block::Paragraph(Paragraph {
            text: t.into(),
            ..Default::default()
        })
    }

    fn item(bullet: &str, children: Vec<Block>) -> Block {
        Block::Item(Box::new(Item {
            bullet: Text {
                text: bullet.into(),
                span: Default::default(),
            },
            children,
            span: Default::default(),
        }))
    }

    #[test]
    fn lists_quotes_images_notes_breaks() {
        let inner = Block::List(List {
            ordered: true,
            items: vec![item("1.", vec![para("甲")]), item("2.", vec![para("乙")])],
            span: Default::default(),
        });
        let doc = Document {
            blocks: vec![
                Block::List(List {
                    ordered: false,
                    items: vec![
                        item("-", vec![para("一是"), inner]),
                        item("*", vec![para("- 二")]),
                    ],
                    span: Default::default(),
                }),
                Block::Quote(Quote {
                    marks: vec![],
                    children: vec![para("引文"), para("# 不是标题")],
                    span: Default::default(),
                }),
                Block::Image(Image {
                    alt: "图[1]".into(),
                    src: "img/a b.png".into(),
                    span: Default::default(),
                }),
                Block::Footnote(Footnote {
                    label: "1".into(),
                    references: vec![],
                    text: Text {
                        text: "注释*".into(),
                        span: Default::default(),
                    },
                    span: Default::default(),
                }),
                Block::Break(Break {
                    kind: BreakKind::Page,
                    span: Default::default(),
                }),
                para("正文"),
            ],
            ..Default::default()
        };
        let src = Source::from_str("", Format::Markdown);
        let mut out = Vec::new();
        write(&doc, &src, &MarkdownOptions::default(), &mut out).unwrap();
        assert_eq!(
            String::from_utf8(out).unwrap(),
            "- 一是\n  1. 甲\n  2. 乙\n* \\- 二\n\n> 引文\n>\n> \\# 不是标题\n\n\
             ![图\\[1\\]](<img/a b.png>)\n\n<div style=\"page-break-after: always\"></div>\n\n\
             正文\n\n[^1]: 注释\\*\n"
        );
    }

    #[test]
    fn yaml_values_are_quoted() {
        assert_eq!(yaml_quoted("a: b # c"), "\"a: b # c\"");
        assert_eq!(yaml_quoted("\u{7}"), "\"\\u0007\"");
    }
}

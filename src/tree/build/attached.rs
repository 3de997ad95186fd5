//! A document attached inside another, after a 附件 label or a 落款: its title, and its
//! numbering, which starts again.

use super::byline::looks_like_byline;
use super::title::{incomplete, title_candidate};
use super::{Builder, Expect, Item, Role};
use crate::grammar::element;
use crate::grammar::line::Class;
use crate::source::chars::is_ws;
use crate::tree::{Attachment, AttachmentKind, Block, Text, Title};
use crate::Span;

impl<'s, 'l> Builder<'s, 'l> {
    /// The title of an attached document, when one is expected here: up to four title lines,
    /// set as subtitle lines. Any line but a note or an elision ends the expectation.
    pub(super) fn attached_title(&mut self, i: usize, expect: &mut Expect) -> Option<usize> {
        if *expect != Expect::AttachedTitle {
            return None;
        }
        let l = &self.ls[i];
        if !title_candidate(l) || looks_like_byline(l.text()) {
            if !matches!(l.class, Class::Note | Class::Elision) {
                *expect = Expect::Anything;
            }
            return None;
        }
        let n = self.ls.len();
        let mut j = i;
        let mut k = 0;
        while j < n && k < 4 {
            if self.ls[j].is_blank() {
                j += 1;
                continue;
            }
            if !title_candidate(&self.ls[j])
                || (k > 0
                    && !incomplete(self.ls[j - 1].text())
                    && !incomplete(self.ls[self.prev_nonblank(j).unwrap_or(j)].text())
                    && looks_like_byline(self.ls[j].text()))
            {
                break;
            }
            self.role[j] = Role::Subtitle;
            j += 1;
            k += 1;
        }
        *expect = Expect::Anything;
        Some(self.emit_title_group(i, true))
    }

    /// An appendix's title line (`附录1.数据格式说明`) in the body: its label is an attachment
    /// label, the rest a subtitle, and the numbering starts again under it, where 1.1 is the appendix's first
    /// part. A line next to another appendix line is an entry of a list of appendices, and
    /// stays a paragraph.
    pub(super) fn appendix_title(&mut self, i: usize, expect: &mut Expect) -> Option<usize> {
        let l = &self.ls[i];
        if self.role[i] != Role::Undecided
            || !matches!(l.class, Class::Text | Class::Attachment(_))
            || !self.hier.seen_structure()
        {
            return None;
        }
        let (label, n) = element::appendix(l.text())?;
        // 附：… before the 落款 is the note of an attachment, not its title
        let dated =
            |j: Option<usize>| j.is_some_and(|j| matches!(self.ls[j].class, Class::Date(_)));
        let next = self.next_nonblank(i);
        if dated(next) || dated(next.and_then(|j| self.next_nonblank(j))) {
            return None;
        }
        let listed = |j: usize| {
            self.ls
                .get(j)
                .is_some_and(|x| element::appendix(x.text()).is_some())
        };
        if listed(i + 1) || (i > 0 && listed(i - 1)) {
            return None;
        }
        let at = l.start + label;
        let label = Attachment {
            kind: AttachmentKind::Label,
            text: Text {
                text: l.vis.text[l.start..at].to_string(),
                span: Span::new(l.span.start, l.vis.src_start(at)),
            },
            colon: None,
        };
        let title = Title {
            lines: vec![Text {
                text: l.vis.text[at..l.end].trim_end_matches(is_ws).to_string(),
                span: Span::new(l.vis.src_start(at), l.span.end),
            }],
            marker: None,
        };
        self.reset_structure();
        self.hier.enter_appendix(n);
        self.items.push(Item::Reset(Block::Attachment(label)));
        self.items.push(Item::Leaf(Block::Subtitle(title)));
        *expect = Expect::Anything;
        Some(i + 1)
    }

    /// A document set inside the body by its title and a —— subtitle (a sample paper after
    /// the rules it follows): the title line, and past text boxes the dash line, start an
    /// attached part. Both are subtitles, and the numbering starts again.
    pub(super) fn titled_part(&mut self, i: usize, expect: &mut Expect) -> Option<usize> {
        let l = &self.ls[i];
        if self.role[i] != Role::Undecided
            || !self.hier.seen_structure()
            || !title_candidate(l)
            || looks_like_byline(l.text())
        {
            return None;
        }
        let mut j = self.next_nonblank(i)?;
        while self.hint(j).aside {
            j = self.next_nonblank(j)?;
        }
        if self.role[j] != Role::Undecided || !self.dash_subtitle(j) {
            return None;
        }
        self.role[i] = Role::Subtitle;
        *expect = Expect::Anything;
        let next = self.emit_title_group(i, true);
        // the dash line is a subtitle of its own, its —— the marker
        self.role[j] = Role::Subtitle;
        Some(next)
    }

    /// Whether an attached document may follow the date line `i` of a 落款: a title candidate
    /// comes next (past notes and elisions) and no date follows it.
    pub(super) fn attached_after_closing(&self, i: usize) -> bool {
        if !self
            .prev_nonblank(i)
            .is_some_and(|p| self.role[p] == Role::Signature)
        {
            return false;
        }
        let n = self.ls.len();
        let mut j = i + 1;
        while j < n
            && (self.ls[j].is_blank() || matches!(self.ls[j].class, Class::Note | Class::Elision))
        {
            j += 1;
        }
        // a contact line (联系人：…) after the 落款 is no title
        j < n
            && title_candidate(&self.ls[j])
            && !self.ls[j].text().contains(crate::source::chars::COLONS)
            && self
                .next_nonblank(j)
                .is_some_and(|k| !matches!(self.ls[k].class, Class::Date(_)))
    }

    /// An attached document starts: its numbering starts again.
    pub(super) fn reset_structure(&mut self) {
        self.hier.restart();
    }
}

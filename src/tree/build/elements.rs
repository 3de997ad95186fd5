//! The document's own elements in the body: 主送机关 and the 发文机关署名.

use super::{Builder, Expect, Item, Role};
use crate::grammar::element;
use crate::grammar::line::Class;
use crate::grammar::scan;
use crate::tree::*;
use crate::tree::{AttachmentKind, DateParts, DocNumberParts};

impl<'s, 'l> Builder<'s, 'l> {
    /// A 主送机关 is only looked for before the first heading of a (possibly attached) document.
    pub(super) fn addressee_here(&self, i: usize) -> bool {
        crate::grammar::element::addressee(self.ls[i].text())
            && (!self.hier.seen_structure()
                || self
                    .prev_nonblank(i)
                    .is_some_and(|p| self.role[p] == Role::Subtitle))
    }

    /// 发文机关署名: a short line right above a date, near a closing.
    pub(super) fn signatures(&self) -> Vec<usize> {
        let mut out = Vec::new();
        for i in self.body_start..self.ls.len() {
            let l = &self.ls[i];
            if self.role[i] != Role::Undecided || !matches!(l.class, Class::Text) {
                continue;
            }
            let t = l.text();
            if l.chars() > 30 || scan::contains(t, |c| matches!(c, '。' | '，' | '：' | ':' | '；'))
            {
                continue;
            }
            if self
                .next_nonblank(i)
                .is_some_and(|j| matches!(self.ls[j].class, Class::Date(_)))
                || self.month_date_after(i).is_some()
            {
                out.push(i);
            }
        }
        out
    }

    /// The line after the signature candidate `i` when it is a date without a day (区政协调研组
    /// / 2024年7月) that ends the document or what comes before its 附件, 抄送 or 印发 lines.
    pub(super) fn month_date_after(&self, i: usize) -> Option<usize> {
        let j = self.next_nonblank(i)?;
        let l = &self.ls[j];
        if !matches!(l.class, Class::Text) || element::month_date_line(l.text()).is_none() {
            return None;
        }
        match self.next_nonblank(j) {
            None => Some(j),
            Some(k) => matches!(
                self.ls[k].class,
                Class::Attachment(_)
                    | Class::CopyTo
                    | Class::Imprint
                    | Class::Note
                    | Class::PageBreak
            )
            .then_some(j),
        }
    }

    /// The dates without a day that follow a signature.
    pub(super) fn month_dates(&self, signatures: &[usize]) -> Vec<usize> {
        signatures
            .iter()
            .filter_map(|&i| self.month_date_after(i))
            .collect()
    }

    /// A 发文字号 line; the first one is the document's.
    pub(super) fn doc_number(&mut self, i: usize, d: &DocNumberParts) {
        let l = &self.ls[i];
        self.meta
            .doc_number
            .get_or_insert_with(|| l.text().to_string());
        self.items
            .push(Item::Leaf(Block::DocNumber(Box::new(DocNumber {
                text: self.text_of(l),
                parts: d.clone(),
            }))));
    }

    /// A date line. The first date, or the date of a 落款, is the document's; after a 落款 an
    /// attached document may follow.
    pub(super) fn date_line(&mut self, i: usize, d: &DateParts, signed: bool, expect: &mut Expect) {
        let l = &self.ls[i];
        if self.meta.date.is_none() || signed {
            self.meta.date = Some(l.text().to_string());
        }
        self.items.push(Item::Leaf(Block::Date(DateLine {
            text: self.text_of(l),
            parts: d.clone(),
        })));
        if self.attached_after_closing(i) {
            *expect = Expect::AttachedTitle;
        }
    }

    /// A 附件 line: a label over an attached document, whose title comes next, or a 附件说明,
    /// whose numbered lines may continue it. Gives what the next lines are expected to be.
    pub(super) fn attachment(&mut self, i: usize, k: AttachmentKind) -> Expect {
        let l = &self.ls[i];
        let (mut kind, colon) = element::attachment(l.text()).unwrap_or((k, None));
        // 附件2：接入协议 as a document's first line labels the attachment the file is, and
        // its title follows
        if kind == AttachmentKind::Note
            && self.prev_nonblank(i).is_none()
            && self
                .next_nonblank(i)
                .is_some_and(|j| super::title::title_candidate(&self.ls[j]))
        {
            kind = AttachmentKind::Label;
        }
        let colon = colon.map(|(a, b)| Text {
            text: l.text()[a..b].to_string(),
            span: l.src(l.start + a, l.start + b),
        });
        self.items.push(Item::Leaf(Block::Attachment(Attachment {
            kind,
            text: self.text_of(l),
            colon,
        })));
        if kind == AttachmentKind::Label {
            Expect::AttachedTitle
        } else {
            Expect::NoteItems
        }
    }

    /// An element line that is only its text (抄送, 印发, 附注).
    pub(super) fn element(&mut self, i: usize, make: fn(Element) -> Block) {
        let l = &self.ls[i];
        self.items.push(Item::Leaf(make(Element {
            text: self.text_of(l),
            span: l.span,
        })));
    }

    /// A 发文字号 line with its 签发人: the two blocks, each holding its part of the line.
    pub(super) fn number_and_signer(&mut self, i: usize) {
        let l = &self.ls[i];
        let t = l.text();
        let Some((end, at, parts)) = element::doc_number_and_signer(t) else {
            self.paragraph(i);
            return;
        };
        let number = Text {
            text: t[..end].to_string(),
            span: l.src(l.start, l.start + end),
        };
        let signer = Text {
            text: t[at..].to_string(),
            span: l.src(l.start + at, l.end),
        };
        self.meta
            .doc_number
            .get_or_insert_with(|| number.text.clone());
        self.items
            .push(Item::Leaf(Block::DocNumber(Box::new(DocNumber {
                text: number,
                parts,
            }))));
        self.items.push(Item::Leaf(Block::Signer(Element {
            span: signer.span,
            text: signer,
        })));
    }

    /// The 发文机关署名 of a 落款.
    pub(super) fn signature(&mut self, i: usize) {
        let l = &self.ls[i];
        self.role[i] = Role::Signature;
        self.meta.signatory = Some(l.text().to_string());
        self.element(i, Block::Signature);
    }

    /// The 主送机关; the first one is the document's.
    pub(super) fn addressee(&mut self, i: usize) {
        let l = &self.ls[i];
        self.meta
            .addressee
            .get_or_insert_with(|| l.text().trim_end_matches(['：', ':']).to_string());
        self.role[i] = Role::Addressee;
        self.element(i, Block::Addressee);
    }
}

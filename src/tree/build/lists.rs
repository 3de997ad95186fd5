//! List or heading: numbered fragments inside body text are list items, not headings.

use super::{Builder, Expect, Item};
use crate::grammar::line::Class;
use crate::grammar::marker::MarkerToken;
use crate::source::chars::is_ws;
use crate::tree::*;

impl<'s, 'l> Builder<'s, 'l> {
    /// A numbered line that is an item of a list, not a heading.
    pub(super) fn list_item(&mut self, i: usize, m: &MarkerToken) {
        let l = &self.ls[i];
        let marker = self.marker_of(l, m, l.start);
        let after = l.start + m.len;
        let text = Text {
            text: l.vis.text[after..l.end].trim_matches(is_ws).to_string(),
            span: l.src(after, l.end),
        };
        self.items
            .push(Item::Leaf(Block::ListItem(Box::new(ListItem {
                marker,
                text,
                span: l.span,
            }))));
        self.hier.leave_point();
    }

    /// Runs of numbered fragments ending in ；— a list inside body text, not headings — and
    /// runs of bare phrases after a lead-in that announces them (以下情况：). A multi-level
    /// number (3.1、) names its section and is never a list item.
    pub(super) fn fragment_lists(&self) -> Vec<usize> {
        let mut out = Vec::new();
        let n = self.ls.len();
        let mut i = 0;
        let mut run = Vec::new();
        while i < n {
            let Class::Marker(m) = &self.ls[i].class else {
                i += 1;
                continue;
            };
            let fam = m.family;
            run.clear();
            run.push(i);
            let mut j = i + 1;
            while j < n {
                if self.ls[j].is_blank() {
                    j += 1;
                    continue;
                }
                match &self.ls[j].class {
                    Class::Marker(m2) if m2.family == fam => {
                        run.push(j);
                        j += 1;
                    }
                    _ => break,
                }
            }
            // a number that names its section (3.1、 under 3、) numbers a part, not a list item
            let sectioned = !m.parents.is_empty();
            if run.len() >= 2 && !fam.is_statute() && !sectioned {
                let fragments = run.iter().all(|&k| {
                    let t = self.ls[k].text();
                    let body = t.trim_end_matches(['；', ';', '。', '，', ',']);
                    !body.contains('。') && self.ls[k].chars() <= 40
                });
                let semis = run[..run.len() - 1]
                    .iter()
                    .filter(|&&k| self.ls[k].text().ends_with(['；', ';', '，', ',']))
                    .count();
                // numbered clauses right under a heading are its run-ins, unless they are
                // data fields (名称：…) or ask 是否 item by item (a checklist)
                let under_heading = self.prev_nonblank(i).is_some_and(|p| {
                    let t = self.ls[p].text();
                    matches!(self.ls[p].class, Class::Marker(_))
                        && !t.ends_with(crate::source::chars::COLONS)
                        && !["下列", "以下", "如下", "包括"]
                            .iter()
                            .any(|w| t.contains(w))
                });
                let listy = run.iter().all(|&k| {
                    let t = self.ls[k].text();
                    t.contains("是否") || t.contains(crate::source::chars::COLONS)
                });
                let lead_in = !under_heading || listy;
                // 以下情况：/ 包括但不限于： then items that are no sentences at all
                let announced = self.prev_nonblank(i).is_some_and(|p| {
                    let t = self.ls[p].text();
                    t.ends_with(crate::source::chars::COLONS)
                        && ["下列", "以下", "如下", "包括"]
                            .iter()
                            .any(|w| t.contains(w))
                });
                // (only the last may end its sentence: items that are sentences are run-ins)
                let last = run.last().copied();
                let bare = run.iter().all(|&k| {
                    let t = self.ls[k].text();
                    let body = if Some(k) == last {
                        t.trim_end_matches(['；', ';', '。', '，', ','])
                    } else {
                        t
                    };
                    // a run-in title (突破数据壁垒：通过…) makes the item a heading
                    let run_in = t
                        .find(crate::source::chars::COLONS)
                        .is_some_and(|c| t[..c].chars().count() <= 16);
                    self.ls[k].chars() <= 120 && !body.contains(['。', '！', '？']) && !run_in
                });
                // data fields from 1 on: 项目名称：…, 项目性质：新建, short, all but one of them
                let field = |k: usize| {
                    let t = self.ls[k].text();
                    let body = t.trim_end_matches(['；', ';', '。']);
                    self.ls[k].chars() <= 40
                        && !body.contains('。')
                        && t.find(crate::source::chars::COLONS).is_some_and(|c| {
                            let label = t[..c].chars().count();
                            (3..=14).contains(&label)
                        })
                };
                let fields = m.ordinal == 1
                    && run.len() >= 3
                    && run.iter().filter(|&&k| field(k)).count() + 1 >= run.len()
                    // values, not sentences: a glossary (名词：这是…的解释。) is run-ins
                    && run
                        .iter()
                        .filter(|&&k| self.ls[k].text().ends_with('。'))
                        .count()
                        <= 1;
                let semicoloned = fragments && lead_in && semis * 2 >= run.len() - 1 && semis > 0;
                // a checklist: each item asks 是否 (the last may conclude)
                let checklist = run.len() >= 3
                    && run
                        .iter()
                        .filter(|&&k| self.ls[k].text().contains("是否"))
                        .count()
                        + 1
                        >= run.len();
                if (announced && bare) || fields || semicoloned || checklist {
                    out.extend(run.iter().copied());
                }
            }
            i = j.max(i + 1);
        }
        out
    }

    /// A numbered line that continues a 附件说明 (附件：1.… / 2.…), when one is open. Any
    /// other line closes it.
    pub(super) fn note_item(&mut self, i: usize, expect: &mut Expect) -> Option<usize> {
        if *expect != Expect::NoteItems {
            return None;
        }
        if let Class::Marker(m) = &self.ls[i].class {
            if !m.family.is_statute() && m.ordinal >= 2 {
                self.list_item(i, m);
                return Some(i + 1);
            }
        }
        *expect = Expect::Anything;
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tree::build::{parse, ParseOptions};

    #[test]
    fn fragment_list_is_not_headings() {
        let src = "一、范围\n应当具备以下条件：\n1.依法设立；\n2.运营满两年；\n3.无不良记录。\n";
        let doc = parse(src, &ParseOptions::default());
        assert_eq!(doc.sections().len(), 1);
        let items = doc.sections()[0]
            .children
            .iter()
            .filter(|b| matches!(b, Block::ListItem(_)))
            .count();
        assert_eq!(items, 3);
    }

    #[test]
    fn attachment_note_continuations_are_list_items() {
        let src = "一、要求\n正文。\n附件：1.名单\n      2.说明\n";
        let doc = parse(src, &ParseOptions::default());
        assert_eq!(doc.sections().len(), 1);
        let mut list = 0;
        doc.walk(&mut |b, _| list += usize::from(matches!(b, Block::ListItem(_))));
        assert_eq!(list, 1);
    }
}

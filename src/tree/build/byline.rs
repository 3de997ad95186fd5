//! Bylines: an organ, a person (position and name) or a dateline under the title.

use super::{fully_bracketed, Builder, Item, Role};
use crate::grammar::line::Class;
use crate::source::chars::{is_han, TYPED_SPACES};
use crate::tree::{Block, Element};

pub(super) const ORGAN_SUFFIX: [&str; 18] = [
    "办公室",
    "调研组",
    "工作组",
    "办公厅",
    "政府",
    "委员会",
    "课题组",
    "研究室",
    "新闻办公室",
    "部",
    "厅",
    "局",
    "委",
    "院",
    "中心",
    "小组",
    "研究院",
    "党委",
];

/// A line that reads like a byline: an organ, a person (position and name), or a dateline.
pub(super) fn looks_like_byline(t: &str) -> bool {
    let n = t.chars().count();
    if ORGAN_SUFFIX.iter().any(|s| t.ends_with(s)) && n <= 24 {
        return true;
    }
    if t.ends_with('电') && t.contains("社") {
        return true;
    }
    // "国务院总理 李克强": an inner space with a short name after it
    let tt = t.trim();
    if let Some(i) = tt.rfind(TYPED_SPACES) {
        let tail = tt[i..].trim();
        let tn = tail.chars().count();
        if (2..=4).contains(&tn) && tail.chars().all(is_han) {
            return true;
        }
    }
    // a bare name of 2–3 characters with a common surname
    if (2..=3).contains(&n) {
        let first = t.chars().next().unwrap_or(' ');
        return common_surname(first);
    }
    false
}

/// Common surnames, to tell a bare name (习近平) from a short phrase (运用探索).
pub(super) fn common_surname(c: char) -> bool {
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤习温胡江朱".contains(c)
}

impl<'s, 'l> Builder<'s, 'l> {
    /// A byline line; the first that reads like one names the author.
    pub(super) fn byline(&mut self, i: usize) {
        let l = &self.ls[i];
        if self.meta.author.is_none() && looks_like_byline(l.text()) {
            self.meta.author = Some(l.text().to_string());
        }
        self.items.push(Item::Leaf(Block::Byline(Element {
            text: self.text_of(l),
            span: l.span,
        })));
    }

    /// Bylines between the title block and the body, from line `from` to the end of the front
    /// zone: short lines that read like an organ, a person, a bracketed note or a dateline.
    pub(super) fn bylines(&mut self, from: usize, limit: usize) {
        for i in from..limit {
            if self.role[i] != Role::Undecided {
                continue;
            }
            let l = &self.ls[i];
            match l.class {
                Class::Date(_) => {}
                Class::Text => {
                    let t = l.text();
                    let bylike = looks_like_byline(t)
                        || fully_bracketed(t)
                        || crate::grammar::element::contains_date(t);
                    if l.chars() <= 40 && !t.contains('。') && !t.ends_with(['：', ':']) && bylike
                    {
                        self.role[i] = Role::Byline;
                    } else {
                        break;
                    }
                }
                _ => break,
            }
        }
    }
}

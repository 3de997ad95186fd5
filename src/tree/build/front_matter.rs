//! Front matter fills the metadata the text leaves empty: `subtitle`, `author` (or the first
//! of `author:`/`authors:` as a list), `date`, `doc-number`, `addressee`, `signatory`. The
//! keys are pandoc's where pandoc has one; `title` is read with the title block.

use super::Builder;
use crate::grammar::line::Class;
use crate::tree::ChromeKind;

/// A YAML scalar as front matter writes it: quotes removed, a double-quoted one unescaped.
fn scalar(v: &str) -> Option<String> {
    let v = v.trim();
    let out = if let Some(q) = v.strip_prefix('"').and_then(|r| r.strip_suffix('"')) {
        let mut s = String::with_capacity(q.len());
        let mut it = q.chars();
        while let Some(c) = it.next() {
            if c == '\\' {
                match it.next() {
                    Some('n') => s.push('\n'),
                    Some('t') => s.push('\t'),
                    Some(o) => s.push(o),
                    None => {}
                }
            } else {
                s.push(c);
            }
        }
        s
    } else if let Some(q) = v.strip_prefix('\'').and_then(|r| r.strip_suffix('\'')) {
        q.replace("''", "'")
    } else {
        v.to_string()
    };
    (!out.is_empty()).then_some(out)
}

impl Builder<'_, '_> {
    /// Read the front matter's keys into the metadata, where the text gave none.
    pub(super) fn front_matter(&mut self) {
        let mut list_key: Option<String> = None;
        let mut found: Vec<(String, String)> = Vec::new();
        let mut lines = self.ls.iter();
        match lines.next() {
            Some(l) if l.text().trim_start_matches('\u{feff}') == "---" => {}
            _ => return,
        }
        for l in lines.take(80) {
            if l.text() == "---" {
                break;
            }
            if !matches!(l.class, Class::Chrome(ChromeKind::FrontMatter)) {
                continue;
            }
            let t = l.text();
            if let Some(item) = t.strip_prefix("- ") {
                if let (Some(k), Some(v)) = (&list_key, scalar(item)) {
                    found.push((k.clone(), v));
                    list_key = None;
                }
                continue;
            }
            let Some((k, v)) = t.split_once(':') else {
                continue;
            };
            let key = k.trim().to_ascii_lowercase().replace('_', "-");
            match scalar(v) {
                Some(v) => found.push((key, v)),
                None => list_key = Some(key),
            }
        }
        for (k, v) in found {
            let slot = match k.as_str() {
                "subtitle" => &mut self.meta.subtitle,
                "author" | "authors" => &mut self.meta.author,
                "date" => &mut self.meta.date,
                "doc-number" => &mut self.meta.doc_number,
                "addressee" => &mut self.meta.addressee,
                "signatory" => &mut self.meta.signatory,
                _ => continue,
            };
            if slot.is_none() {
                *slot = Some(v);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::tree::build::{parse, ParseOptions};

    #[test]
    fn front_matter_fills_what_the_text_leaves_empty() {
        let src = "---\ntitle: 关于开展检查的通知\nauthors:\n  - 某某局\ndate: '2024-03-01'\ndoc-number: \"某发〔2024〕3号\"\nsubtitle: 试行\n---\n\n# 关于开展检查的通知\n\n一、范围\n";
        let doc = parse(
            src,
            &ParseOptions {
                markdown: true,
                ..Default::default()
            },
        );
        let m = &doc.meta;
        assert_eq!(m.title.as_deref(), Some("关于开展检查的通知"));
        assert_eq!(m.author.as_deref(), Some("某某局"));
        assert_eq!(m.date.as_deref(), Some("2024-03-01"));
        assert_eq!(m.doc_number.as_deref(), Some("某发〔2024〕3号"));
        assert_eq!(m.subtitle.as_deref(), Some("试行"));
    }
}

//! Inline suppression in Markdown: `<!-- gongwen-disable GW101 GW121 -->` switches rules off
//! from there on (all rules when none is named), `<!-- gongwen-enable -->` switches them back on.

use std::collections::HashSet;

/// The disable/enable switches of one document, in source order.
///
/// ```
/// use gongwen::check::suppress::Suppressions;
/// let s = Suppressions::scan("a\n<!-- gongwen-disable GW101 -->\nb\n<!-- gongwen-enable -->\nc");
/// assert!(!s.is_suppressed("GW101", 0));
/// assert!(s.is_suppressed("GW101", 33));
/// assert!(!s.is_suppressed("GW121", 33));
/// assert!(!s.is_suppressed("GW101", 60));
/// let s = Suppressions::scan("<!-- gongwen-disable -->\n<!-- gongwen-enable GW101 -->\nx");
/// assert!(!s.is_suppressed("GW101", 60) && s.is_suppressed("GW121", 60));
/// ```
#[derive(Clone, Debug, Default)]
pub struct Suppressions {
    /// (byte offset, disable?, codes; empty = all rules)
    switches: Vec<(usize, bool, Vec<String>)>,
}

impl Suppressions {
    /// Find the switches in a Markdown text.
    pub fn scan(src: &str) -> Self {
        let mut switches = Vec::new();
        let mut from = 0;
        while let Some(i) = src[from..].find("<!--") {
            let start = from + i;
            let Some(j) = src[start..].find("-->") else {
                break;
            };
            let body = src[start + 4..start + j].trim();
            let mut words = body.split_whitespace();
            let head = words.next().unwrap_or("");
            let codes: Vec<String> = words
                .map(|w| {
                    super::rule_info(w.trim_matches(','))
                        .map(|r| r.code.to_string())
                        .unwrap_or_else(|| w.to_string())
                })
                .collect();
            match head {
                "gongwen-disable" => switches.push((start, true, codes)),
                "gongwen-enable" => switches.push((start, false, codes)),
                _ => {}
            }
            from = start + j + 3;
        }
        Suppressions { switches }
    }

    /// Whether `code` is switched off at byte `at`.
    pub fn is_suppressed(&self, code: &str, at: usize) -> bool {
        let mut all_off = false;
        let mut off: HashSet<&str> = HashSet::new();
        // switched back on by name while everything else is off
        let mut on: HashSet<&str> = HashSet::new();
        for (pos, disable, codes) in &self.switches {
            if *pos > at {
                break;
            }
            match (disable, codes.is_empty()) {
                (true, true) => {
                    all_off = true;
                    on.clear();
                }
                (true, false) => {
                    for c in codes {
                        off.insert(c);
                        on.remove(c.as_str());
                    }
                }
                (false, true) => {
                    all_off = false;
                    off.clear();
                    on.clear();
                }
                (false, false) => {
                    for c in codes {
                        off.remove(c.as_str());
                        on.insert(c);
                    }
                }
            }
        }
        (all_off && !on.contains(code)) || off.contains(code)
    }
}

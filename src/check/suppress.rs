//! Inline suppression in Markdown: `<!-- gongwen-disable GW101 GW121 -->` switches rules off
//! from there on (all rules when none is named), `<!-- gongwen-enable -->` switches them back on.
//! Rules are named by code or name, as in `gongwen.toml`; a word that names no rule is kept
//! aside ([`Suppressions::unknown`]) so that the run can report it instead of ignoring it.

use super::Rule;
use std::collections::HashSet;

/// One disable or enable comment.
#[derive(Clone, Debug)]
struct Switch {
    /// Byte offset of the comment.
    at: usize,
    /// `gongwen-disable` (else `gongwen-enable`).
    disable: bool,
    /// The rules named; `None` when the comment names none (all rules).
    rules: Option<Vec<Rule>>,
}

/// The disable/enable switches of one document, in source order.
#[derive(Clone, Debug, Default)]
pub struct Suppressions {
    switches: Vec<Switch>,
    /// Words in a switch that name no rule, with their byte offsets.
    #[cfg_attr(not(feature = "cli"), allow(dead_code))]
    unknown: Vec<(usize, String)>,
}

impl Suppressions {
    /// Find the switches in a Markdown text.
    pub fn scan(src: &str) -> Self {
        let mut switches = Vec::new();
        let mut unknown = Vec::new();
        let mut from = 0;
        while let Some(i) = src[from..].find("<!--") {
            let start = from + i;
            let Some(j) = src[start..].find("-->") else {
                break;
            };
            let body_at = start + 4;
            let body = &src[body_at..start + j];
            let mut words = body
                .split_whitespace()
                .map(|w| (body_at + (w.as_ptr() as usize - body.as_ptr() as usize), w));
            let head = words.next().map_or("", |(_, w)| w);
            let switch = matches!(head, "gongwen-disable" | "gongwen-enable");
            let mut named = false;
            let mut rules = Vec::new();
            for (at, w) in words.filter(|_| switch) {
                named = true;
                match Rule::from_key(w.trim_matches(',')) {
                    Some(r) => rules.push(r),
                    None => unknown.push((at, w.to_string())),
                }
            }
            let rules = named.then_some(rules);
            match head {
                "gongwen-disable" => switches.push(Switch {
                    at: start,
                    disable: true,
                    rules,
                }),
                "gongwen-enable" => switches.push(Switch {
                    at: start,
                    disable: false,
                    rules,
                }),
                _ => {}
            }
            from = start + j + 3;
        }
        Suppressions { switches, unknown }
    }

    /// The words of disable and enable comments that name no rule, with their byte offsets, in
    /// source order.
    #[cfg(feature = "cli")]
    pub fn unknown(&self) -> &[(usize, String)] {
        &self.unknown
    }

    /// Whether `rule` is switched off at byte `at`.
    pub fn is_suppressed(&self, rule: Rule, at: usize) -> bool {
        let mut all_off = false;
        let mut off: HashSet<Rule> = HashSet::new();
        // switched back on by name while everything else is off
        let mut on: HashSet<Rule> = HashSet::new();
        for s in &self.switches {
            if s.at > at {
                break;
            }
            match (s.disable, &s.rules) {
                (true, None) => {
                    all_off = true;
                    on.clear();
                }
                (true, Some(rules)) => {
                    for r in rules {
                        off.insert(*r);
                        on.remove(r);
                    }
                }
                (false, None) => {
                    all_off = false;
                    off.clear();
                    on.clear();
                }
                (false, Some(rules)) => {
                    for r in rules {
                        off.remove(r);
                        on.insert(*r);
                    }
                }
            }
        }
        (all_off && !on.contains(&rule)) || off.contains(&rule)
    }
}

#[cfg(test)]
mod tests {

    #[test]
    fn example_suppressions() {
        use crate::check::{suppress::Suppressions, Rule};
        let s =
            Suppressions::scan("a\n<!-- gongwen-disable GW101 -->\nb\n<!-- gongwen-enable -->\nc");
        assert!(!s.is_suppressed(Rule::NumberingGap, 0));
        assert!(s.is_suppressed(Rule::NumberingGap, 33));
        assert!(!s.is_suppressed(Rule::MarkerPunctuation, 33));
        assert!(!s.is_suppressed(Rule::NumberingGap, 60));
        let s = Suppressions::scan(
            "<!-- gongwen-disable -->\n<!-- gongwen-enable numbering-gap -->\nx",
        );
        assert!(!s.is_suppressed(Rule::NumberingGap, 70));
        assert!(s.is_suppressed(Rule::MarkerPunctuation, 70));
    }

    #[test]
    fn example_unknown() {
        use crate::check::suppress::Suppressions;
        let s = Suppressions::scan("a\n<!-- gongwen-disable GW101 GW1O2 -->\n<!-- note GW9 -->\n");
        assert_eq!(s.unknown(), &[(29, "GW1O2".to_string())]);
    }
}

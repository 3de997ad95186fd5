//! Inline suppression in Markdown: `<!-- gongwen-disable GW101 GW121 -->` switches rules off
//! from there on (all rules when none is named), `<!-- gongwen-enable -->` switches them back on.
//! Rules are named by code or name, as in `gongwen.toml`; a word that names no rule is kept
//! aside ([`Suppressions::unknown`]) so that the run can report it instead of ignoring it.

use super::Rule;

/// The disable/enable switches of one document: after each one, in source order, which rules
/// are off. Asking about a place is a binary search, not a replay of every switch before it.
#[derive(Clone, Debug, Default)]
pub struct Suppressions {
    /// (byte offset of the switch, the rules off from there on: bit `rule as usize`).
    states: Vec<(usize, u64)>,
    /// Words in a switch that name no rule, with their byte offsets.
    #[cfg_attr(not(feature = "cli"), allow(dead_code))]
    unknown: Vec<(usize, String)>,
}

// one bit a rule
const _: () = assert!(Rule::ALL.len() <= 64);

fn bit(r: Rule) -> u64 {
    1 << (r as usize)
}

/// The rules switched off by a run of switches: all of them (but those switched back on by
/// name), and those switched off by name.
#[derive(Default)]
struct Switches {
    all_off: bool,
    off: u64,
    on: u64,
}

impl Switches {
    /// Apply one switch: `disable` or enable, of the rules named (`None`: all rules).
    fn apply(&mut self, disable: bool, rules: Option<u64>) {
        match (disable, rules) {
            (true, None) => {
                self.all_off = true;
                self.on = 0;
            }
            (true, Some(m)) => {
                self.off |= m;
                self.on &= !m;
            }
            (false, None) => *self = Switches::default(),
            (false, Some(m)) => {
                self.off &= !m;
                self.on |= m;
            }
        }
    }

    fn mask(&self) -> u64 {
        (if self.all_off { !self.on } else { 0 }) | self.off
    }
}

impl Suppressions {
    /// Find the switches in a Markdown text.
    pub fn scan(src: &str) -> Self {
        let mut states = Vec::new();
        let mut state = Switches::default();
        let mut unknown = Vec::new();
        let mut from = 0;
        while let Some(i) = src[from..].find("<!--") {
            let start = from + i;
            let body_at = start + 4;
            // `<!-->` and `<!--->` are comments closed at once (as HTML reads them); otherwise
            // the comment ends at the first `-->` after its opening
            let rest = &src[body_at..];
            let (body_end, end) = if rest.starts_with('>') {
                (body_at, body_at + 1)
            } else if rest.starts_with("->") {
                (body_at, body_at + 2)
            } else {
                let Some(j) = rest.find("-->") else {
                    break;
                };
                (body_at + j, body_at + j + 3)
            };
            let body = &src[body_at..body_end];
            let mut words = body
                .split_whitespace()
                .map(|w| (body_at + (w.as_ptr() as usize - body.as_ptr() as usize), w));
            let head = words.next().map_or("", |(_, w)| w);
            let switch = matches!(head, "gongwen-disable" | "gongwen-enable");
            let mut named = false;
            let mut rules = 0u64;
            for (at, w) in words.filter(|_| switch) {
                named = true;
                match Rule::from_key(w.trim_matches(',')) {
                    Some(r) => rules |= bit(r),
                    None => unknown.push((at, w.to_string())),
                }
            }
            if switch {
                state.apply(head == "gongwen-disable", named.then_some(rules));
                states.push((start, state.mask()));
            }
            from = end;
        }
        Suppressions { states, unknown }
    }

    /// The words of disable and enable comments that name no rule, with their byte offsets, in
    /// source order.
    #[cfg(feature = "cli")]
    pub fn unknown(&self) -> &[(usize, String)] {
        &self.unknown
    }

    /// Whether `rule` is switched off at byte `at`.
    pub fn is_suppressed(&self, rule: Rule, at: usize) -> bool {
        let k = self.states.partition_point(|&(s, _)| s <= at);
        k > 0 && self.states[k - 1].1 & bit(rule) != 0
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;
    use std::collections::HashSet;

    /// Whether `rule` is off after `switches`, by replaying them with sets, as the switches are
    /// described: a disable of all leaves off what is not named back on, an enable of all
    /// switches everything back on.
    fn replay(switches: &[(bool, Option<Vec<Rule>>)], rule: Rule) -> bool {
        let (mut all_off, mut off, mut on) = (false, HashSet::new(), HashSet::new());
        for (disable, rules) in switches {
            match (disable, rules) {
                (true, None) => {
                    all_off = true;
                    on.clear();
                }
                (true, Some(rs)) => {
                    for r in rs {
                        off.insert(*r);
                        on.remove(r);
                    }
                }
                (false, None) => {
                    all_off = false;
                    off.clear();
                    on.clear();
                }
                (false, Some(rs)) => {
                    for r in rs {
                        off.remove(r);
                        on.insert(*r);
                    }
                }
            }
        }
        (all_off && !on.contains(&rule)) || off.contains(&rule)
    }

    proptest! {
        #[test]
        fn the_state_after_each_switch_is_the_replay(
            switches in proptest::collection::vec(
                (any::<bool>(), proptest::option::of(proptest::collection::vec(0usize..4, 0..3))),
                0..12,
            ),
        ) {
            let rules = [Rule::NumberingGap, Rule::LevelSkip, Rule::Placeholder, Rule::MarkerPunctuation];
            let switches: Vec<(bool, Option<Vec<Rule>>)> = switches
                .into_iter()
                // a comment that names no rule is about all rules
                .map(|(d, rs)| {
                    let rs = rs.filter(|v| !v.is_empty());
                    (d, rs.map(|v| v.into_iter().map(|k| rules[k]).collect()))
                })
                .collect();
            let mut text = String::new();
            for (disable, rs) in &switches {
                let names: Vec<&str> = rs.iter().flatten().map(|r| r.code()).collect();
                let head = if *disable { "gongwen-disable" } else { "gongwen-enable" };
                text.push_str(&format!("<!-- {head} {} -->\n", names.join(" ")));
            }
            let s = Suppressions::scan(&text);
            for r in rules {
                prop_assert_eq!(s.is_suppressed(r, text.len()), replay(&switches, r));
            }
        }
    }

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

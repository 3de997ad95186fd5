//! Renumbering a sequence (headings 一、二、三, 第一章 第二章, points 一是 二是): one fix for the
//! sequence, shared out among the findings that break it, each edit given once.
//!
//! The members are walked in order, each renumbered to one more than the number its predecessor
//! has *after* the fix. A member is left as it is (and the members after it continue from its
//! number) where the fix may not or cannot touch it:
//!
//! - a disable comment switches a rule of the sequence's group off at it (for GW101–GW104 any
//!   of the four: a renumbering never edits a marker where its numbering is not checked);
//! - the finding it would be after the fix is of a rule that is not reported there (`off` in
//!   the configuration);
//! - its number cannot be written in its numerals (Chinese numerals stop at 9999, circled ones
//!   at ⑳), or its new number would not read back as the same marker.
//!
//! Each edit goes to the last reported finding at or before its member, so a finding's fix
//! renumbers its own marker and a run of the markers right after it, up to the next finding;
//! its message says how many. Checking the fixed text again finds nothing to fix: every member
//! left as it was is a finding that is not reported, or one that has no fix either.

use super::{Ctx, Edit, Fix, Rule};

/// A sequence to renumber, as [`share_out`] reads it.
pub(crate) struct Sequence<'s> {
    /// The members' numbers, in order.
    pub ordinals: &'s [u32],
    /// Where each member's finding would be (its marker's first byte).
    pub at: &'s [usize],
    /// The members that break the sequence, in order: index, and the rule of the finding.
    pub findings: &'s [(usize, Rule)],
    /// The rules that, switched off at a member, keep the renumbering off it.
    pub group: &'s [Rule],
}

/// What one finding's fix renumbers: its edits, and the numbers the first and the last of
/// them give.
#[derive(Clone, Default)]
struct Share {
    edits: Vec<Edit>,
    numbers: (u32, u32),
}

/// What the findings' fixes renumber: for each finding its share, every edit given once.
pub(crate) struct Shares(Vec<Share>);

impl Shares {
    /// Take finding `k`'s share: its fix (`None` when it has no edit), and, when it renumbers
    /// more than its own marker, how many markers after it and the numbers from its own to the
    /// last.
    pub fn take(&mut self, k: usize) -> (Option<Fix>, Option<(usize, u32, u32)>) {
        let Share { edits, numbers } = std::mem::take(&mut self.0[k]);
        let more = edits
            .len()
            .checked_sub(1)
            .filter(|&n| n > 0)
            .map(|n| (n, numbers.0, numbers.1));
        ((!edits.is_empty()).then_some(Fix { edits }), more)
    }
}

/// The shares of the findings of `seq`. `rule_of(prev, n)` is the rule under which a member
/// numbered `n` after one numbered `prev` (`None`: it is the first) is reported; `edit(i, n)`
/// is the edit that gives member `i` the number `n`, `None` when there is none.
pub(crate) fn share_out(
    cx: &Ctx,
    seq: &Sequence,
    rule_of: impl Fn(Option<u32>, u32) -> Rule,
    edit: impl Fn(usize, u32) -> Option<Edit>,
) -> Shares {
    let mut shares = vec![Share::default(); seq.findings.len()];
    let mut next = 0; // the next finding to pass
    let mut owner: Option<usize> = None; // the last reported finding passed
    let mut prev: Option<u32> = None; // the number of the member before, after the fix
    for (i, &n) in seq.ordinals.iter().enumerate() {
        while next < seq.findings.len() && seq.findings[next].0 <= i {
            let (k, rule) = seq.findings[next];
            if cx.reported(rule, seq.at[k]) {
                // the share before is complete: it holds its edits and no more room
                if let Some(o) = owner {
                    shares[o].edits.shrink_to_fit();
                }
                owner = Some(next);
            }
            next += 1;
        }
        let want = prev.map_or(1, |p| p + 1);
        let mut now = n;
        if n != want {
            let at = seq.at[i];
            let free = seq.group.iter().all(|&r| !cx.switched_off(r, at));
            if let (true, true, Some(o)) = (free, cx.reported(rule_of(prev, n), at), owner) {
                if let Some(e) = edit(i, want) {
                    let s = &mut shares[o];
                    if s.edits.is_empty() {
                        s.numbers.0 = want;
                    }
                    s.edits.push(e);
                    s.numbers.1 = want;
                    now = want;
                }
            }
        }
        prev = Some(now);
    }
    Shares(shares)
}

/// The note a finding's message gets when its fix renumbers more than its own marker: how many
/// markers after it, and the numbers they get, from `first` (its own) to `last`.
pub(crate) fn note(more: usize, first: &str, last: &str) -> (String, String) {
    (
        format!("；修复时本序号及其后{more}个同级序号依次改为{first}至{last}"),
        format!("; the fix renumbers this marker and the {more} after it ({first} to {last})"),
    )
}

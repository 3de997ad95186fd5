//! Elision markers: where a preview or an editor cut text out.
//!
//! Runs of three or more ASCII dots, runs of `…` or `⋯`, `。。。`, `···`; inline or as a whole
//! line; and the notices that often follow or replace them, such as `……(…省略854字…)`,
//! `（未完，全文共6831字）`, `（略）` and `（本文有删减）`.

use crate::tree::ElisionKind;
use nom::IResult;

/// One elision found in a text: byte range relative to the text searched.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ElisionHit {
    /// Start byte.
    pub start: usize,
    /// End byte.
    pub end: usize,
    /// What it looks like.
    pub kind: ElisionKind,
    /// Characters declared omitted (`省略854字`), when the notice says so.
    pub omitted_chars: Option<u32>,
    /// Total characters declared (`全文共6831字`), when the notice says so.
    pub total_chars: Option<u32>,
}

fn run_of(input: &str, c: char, min: usize) -> IResult<&str, usize> {
    let n = input.chars().take_while(|&x| x == c).count();
    if n >= min {
        Ok((&input[n * c.len_utf8()..], n))
    } else {
        Err(nom::Err::Error(nom::error::Error::new(
            input,
            nom::error::ErrorKind::Many1,
        )))
    }
}

/// An elision run at the start of `input`: its byte length and kind.
pub fn elision_run(input: &str) -> IResult<&str, (usize, ElisionKind)> {
    let first = input.chars().next().unwrap_or(' ');
    let (kind, min) = match first {
        '.' => (ElisionKind::Dots, 3),
        '…' | '⋯' => (ElisionKind::Ellipsis, 1),
        '。' => (ElisionKind::Stops, 3),
        '·' | '・' => (ElisionKind::MiddleDots, 3),
        _ => {
            return Err(nom::Err::Error(nom::error::Error::new(
                input,
                nom::error::ErrorKind::Char,
            )))
        }
    };
    let mut rest = input;
    let mut total = 0;
    // a run may mix … and ⋯
    loop {
        let c = rest.chars().next().unwrap_or(' ');
        let same = match kind {
            ElisionKind::Ellipsis => c == '…' || c == '⋯',
            _ => c == first,
        };
        if !same {
            break;
        }
        let (r, n) = run_of(rest, c, 1)?;
        total += n;
        rest = r;
    }
    if total < min {
        return Err(nom::Err::Error(nom::error::Error::new(
            input,
            nom::error::ErrorKind::Many1,
        )));
    }
    Ok((rest, (input.len() - rest.len(), kind)))
}

const NOTICE_WORDS: [&str; 7] = [
    "省略",
    "未完",
    "全文共",
    "删减",
    "完整阅读",
    "此处有删节",
    "下略",
];

/// A bracketed notice at the start of `input`: `（略）`, `（本文有删减）`, `(…省略854字…)`,
/// `（未完，全文共6831字，当前仅显示2399字…`. An unclosed bracket runs to the end.
pub fn notice(input: &str) -> IResult<&str, usize> {
    let fail = || nom::Err::Error(nom::error::Error::new(input, nom::error::ErrorKind::Tag));
    let open = input.chars().next().ok_or_else(fail)?;
    if !matches!(open, '（' | '(' | '【' | '[') {
        return Err(fail());
    }
    let body_start = open.len_utf8();
    let close = input[body_start..]
        .find(['）', ')', '】', ']'])
        .map(|i| body_start + i);
    let inner_end = close.unwrap_or(input.len());
    let inner = &input[body_start..inner_end];
    let is_notice =
        inner == "略" || inner == "下略" || NOTICE_WORDS.iter().any(|w| inner.contains(w));
    if !is_notice || inner.chars().count() > 80 {
        return Err(fail());
    }
    let end = match close {
        Some(c) => c + input[c..].chars().next().map_or(0, char::len_utf8),
        None => input.len(),
    };
    Ok((&input[end..], end))
}

/// A hit over `text[start..end]`, with the counts its notice declares.
fn hit(text: &str, start: usize, end: usize, kind: ElisionKind) -> ElisionHit {
    let span = &text[start..end];
    ElisionHit {
        start,
        end,
        kind,
        omitted_chars: number_after(span, "省略"),
        total_chars: number_after(span, "全文共"),
    }
}

fn number_after(s: &str, word: &str) -> Option<u32> {
    let i = s.find(word)? + word.len();
    let digits: String = s[i..].chars().take_while(|c| c.is_ascii_digit()).collect();
    digits.parse().ok()
}

/// Whether `text` starts with a character an elision or a notice can start with: . ( [ … ⋯ 。
/// · ・ （ 【. A text that does not cannot be an elision from its first character on.
pub fn may_start(text: &str) -> bool {
    starts_candidate(text.as_bytes())
}

/// How an elision or a notice can start.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Start {
    /// A run of the character: … and ⋯ alone.
    Run,
    /// A run of at least three of the character: . 。 · ・
    Run3,
    /// A bracket that may open a notice: ( [ 【 （
    Open,
}

/// Every character an elision or a notice can start with, as UTF-8, and how. The scalar test
/// ([`starts_candidate`]), the step table ([`STEP`]), the scan ([`find_with`]) and the vector
/// skip ([`skip_plain`]) are all derived from this one list.
const STARTS: [(&[u8], Start); 10] = [
    (b".", Start::Run3),
    (b"(", Start::Open),
    (b"[", Start::Open),
    ("…".as_bytes(), Start::Run),
    ("⋯".as_bytes(), Start::Run),
    ("。".as_bytes(), Start::Run3),
    ("【".as_bytes(), Start::Open),
    ("・".as_bytes(), Start::Run3),
    ("·".as_bytes(), Start::Run3),
    ("（".as_bytes(), Start::Open),
];

/// How a candidate may start at the head of `b`, when one may.
fn start_of(b: &[u8]) -> Option<(&'static [u8], Start)> {
    // most bytes start no candidate: the step table says so in one lookup
    if b.first().is_none_or(|&c| STEP[c as usize] != 0) {
        return None;
    }
    STARTS.iter().copied().find(|(c, _)| b.starts_with(c))
}

/// [`may_start`] on bytes, so that ordinary text is skipped without decoding it.
fn starts_candidate(b: &[u8]) -> bool {
    start_of(b).is_some()
}

/// For each byte: 0 when it is the first byte of a character in [`STARTS`], else how far to
/// step to pass it — a whole character from a lead byte, one byte from a continuation byte.
/// None of the candidates' first bytes is a continuation byte, so stepping this way lands on
/// every candidate.
const STEP: [u8; 256] = {
    let mut t = [1u8; 256];
    let mut c = 0xC0;
    while c < 256 {
        t[c] = if c >= 0xF0 {
            4
        } else if c >= 0xE0 {
            3
        } else {
            2
        };
        c += 1;
    }
    let mut k = 0;
    while k < STARTS.len() {
        t[STARTS[k].0[0] as usize] = 0;
        k += 1;
    }
    t
};

/// Find every elision in `text`, in order.
pub fn find(text: &str) -> Vec<ElisionHit> {
    find_with(text, skip_plain)
}

/// [`find`], with `skip` to pass over text that cannot hold a candidate.
fn find_with(text: &str, skip: fn(&[u8], usize) -> usize) -> Vec<ElisionHit> {
    let mut hits = Vec::new();
    let b = text.as_bytes();
    let n = b.len();
    let mut i = 0;
    // whether a notice can still start: every notice holds a key character after its bracket,
    // so once a bracket has none after it, no later bracket has either
    let mut notices = true;
    while i < n {
        // skip to the next byte that can start a candidate, sixteen bytes at a time where the
        // machine can, then a character at a time; none of them is a continuation byte, so `i`
        // lands on a character boundary
        i = skip(b, i);
        while i < n {
            match STEP[b[i] as usize] {
                0 => break,
                s => i += s as usize,
            }
        }
        if i >= n {
            break;
        }
        let at = &b[i..];
        // what can start here, from the bytes: … ⋯ always start a run; . 。 · ・ only three
        // in a row; brackets may open a notice; anything else is passed over whole
        let (run, open) = match start_of(at) {
            Some((_, Start::Run)) => (true, false),
            Some((c, Start::Run3)) => (
                at.len() >= 3 * c.len() && at[..3 * c.len()].chunks(c.len()).all(|x| x == c),
                false,
            ),
            Some((_, Start::Open)) => (false, true),
            None => (false, false),
        };
        if run {
            let rest = &text[i..];
            if let Ok((after, (len, kind))) = elision_run(rest) {
                let mut end = i + len;
                let mut k = kind;
                // a notice glued on: ……(…省略854字…)
                if let Ok((_, nlen)) = notice(after) {
                    end += nlen;
                    k = ElisionKind::Notice;
                }
                hits.push(hit(text, i, end, k));
                i = end;
                continue;
            }
        } else if open && notices {
            notices = has_notice_key(at);
            if notices {
                if let Ok((_, nlen)) = notice(&text[i..]) {
                    hits.push(hit(text, i, i + nlen, ElisionKind::Notice));
                    i += nlen;
                    continue;
                }
            }
        }
        i += utf8_len(b[i]);
    }
    hits
}

/// What the vector skip tests for each character of [`STARTS`]: four (offset, byte) pairs that
/// must all hold. A character whose first byte is rare in Chinese text is flagged by that byte
/// alone; one led by E3 or EF (the blocks of 。、「」 and of ，：（）, which every sentence uses)
/// by all its bytes and, for a run of three, the first byte of the second character as well, so
/// that a lone 。 is not flagged. Short lists repeat their first test. The scan checks every
/// flag, so a test may flag more than it needs to, never less.
#[cfg(all(feature = "simd", target_arch = "x86_64"))]
const VECTOR_TESTS: [[(usize, u8); 4]; STARTS.len()] = {
    let mut t = [[(0usize, 0u8); 4]; STARTS.len()];
    let mut g = 0;
    while g < STARTS.len() {
        let (c, start) = STARTS[g];
        let mut k = 0;
        while k < 4 {
            let common = c[0] == 0xE3 || c[0] == 0xEF;
            t[g][k] = if k < c.len() && common {
                (k, c[k])
            } else if k == c.len() && common && matches!(start, Start::Run3) {
                (k, c[0])
            } else {
                (0, c[0])
            };
            k += 1;
        }
        g += 1;
    }
    t
};

/// A character boundary at or after `i` before which no elision or notice can start: on
/// x86-64 with the `simd` feature, sixteen bytes are tested at once (SSE2, part of every x86-64
/// processor) for every character in [`STARTS`] (and, for a run of three, the first byte of the
/// second). A flagged byte may
/// still not start one; [`find_with`] checks it. Elsewhere it returns `i` and the scan goes a
/// character at a time.
#[cfg(all(feature = "simd", target_arch = "x86_64"))]
fn skip_plain(b: &[u8], mut i: usize) -> usize {
    use std::arch::x86_64::*;
    // each step reads 16 bytes from `i` and from each of the three bytes after it
    let Some(last) = b.len().checked_sub(19) else {
        return i;
    };
    if i > last {
        return i;
    }
    // SAFETY: SSE2 is in the x86-64 baseline, so the intrinsics are available; every load
    // reads 16 bytes starting at most at `i + 3 <= last + 3 = b.len() - 16`, inside `b`.
    unsafe {
        let p = b.as_ptr();
        while i <= last {
            let v = [0, 1, 2, 3].map(|k| _mm_loadu_si128(p.add(i + k).cast::<__m128i>()));
            let or = |a, b| _mm_or_si128(a, b);
            let any = or(
                or(
                    or(flag::<0>(&v), flag::<1>(&v)),
                    or(flag::<2>(&v), flag::<3>(&v)),
                ),
                or(
                    or(
                        or(flag::<4>(&v), flag::<5>(&v)),
                        or(flag::<6>(&v), flag::<7>(&v)),
                    ),
                    or(flag::<8>(&v), flag::<9>(&v)),
                ),
            );
            let m = _mm_movemask_epi8(any);
            if m != 0 {
                return i + m.trailing_zeros() as usize;
            }
            i += 16;
        }
    }
    // back to the start of the character `i` is in
    while i < b.len() && b[i] & 0xC0 == 0x80 {
        i -= 1;
    }
    i
}

/// The bytes of `v` (sixteen, and the same from the next three offsets) where character `G` of
/// [`STARTS`] may start, as [`VECTOR_TESTS`] says. `G` is a constant, so each call folds into
/// its own few compares.
#[cfg(all(feature = "simd", target_arch = "x86_64"))]
#[inline(always)]
fn flag<const G: usize>(v: &[std::arch::x86_64::__m128i; 4]) -> std::arch::x86_64::__m128i {
    use std::arch::x86_64::*;
    let t = VECTOR_TESTS[G];
    // SAFETY: SSE2 is in the x86-64 baseline.
    unsafe {
        let eq = |(k, x): (usize, u8)| _mm_cmpeq_epi8(v[k], _mm_set1_epi8(x as i8));
        _mm_and_si128(
            _mm_and_si128(eq(t[0]), eq(t[1])),
            _mm_and_si128(eq(t[2]), eq(t[3])),
        )
    }
}

// the vector skip flags each of the ten characters of STARTS by name
#[cfg(all(feature = "simd", target_arch = "x86_64"))]
const _: () = assert!(STARTS.len() == 10);

/// Without the vector skip the scan goes a character at a time from `i`.
#[cfg(not(all(feature = "simd", target_arch = "x86_64")))]
fn skip_plain(_b: &[u8], i: usize) -> usize {
    i
}

/// The length of the UTF-8 character that starts with byte `c`.
fn utf8_len(c: u8) -> usize {
    match c {
        0xF0.. => 4,
        0xE0.. => 3,
        0xC0.. => 2,
        _ => 1,
    }
}

/// Whether `b` holds 略, 完, 共 or 删: every notice word holds one of them.
fn has_notice_key(b: &[u8]) -> bool {
    // 略 E7 95 A5, 完 E5 AE 8C, 共 E5 85 B1, 删 E5 88 A0: found by their last bytes, which are
    // rarer than their first
    let key = |at: usize| {
        at >= 2
            && matches!(
                &b[at - 2..=at],
                [0xE7, 0x95, 0xA5] | [0xE5, 0xAE, 0x8C] | [0xE5, 0x85, 0xB1] | [0xE5, 0x88, 0xA0]
            )
    };
    memchr::memchr3_iter(0xA5, 0x8C, 0xB1, b).any(key) || memchr::memchr_iter(0xA0, b).any(key)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn example_elision_run() {
        use crate::grammar::elision::{elision_run, ElisionKind};
        assert_eq!(elision_run("......后").unwrap().1, (6, ElisionKind::Dots));
        assert_eq!(
            elision_run("……后").unwrap().1,
            ("……".len(), ElisionKind::Ellipsis)
        );
        assert!(elision_run("..后").is_err());
    }

    #[test]
    fn example_may_start() {
        use crate::grammar::elision::may_start;
        assert!(may_start("……"));
        assert!(may_start("（略）"));
        assert!(!may_start("一是……"));
    }

    #[test]
    fn example_find() {
        use crate::grammar::elision::find;
        let hits = find("一是完善调解网络组织。.....");
        assert_eq!(hits.len(), 1);
        let t = "现在,我……(新文秘网省略854字,正式会员可完整阅读)";
        let h = &find(t)[0];
        assert_eq!(
            &t[h.start..h.end],
            "……(新文秘网省略854字,正式会员可完整阅读)"
        );
        assert_eq!(h.omitted_chars, Some(854));
    }
    use proptest::prelude::*;

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(3000))]
        #[test]
        fn vector_skip_finds_what_the_character_scan_finds(
            s in "[.。…⋯·・（）()【】\\[\\]略完共删一中，、“”—a \u{3000}]{0,80}"
        ) {
            let want = find_with(&s, |_, i| i);
            prop_assert_eq!(find(&s), want);
        }
    }

    #[test]
    fn vector_skip_lands_on_character_boundaries() {
        let s = "正文正文正文正文正文正文正文正文，正文正文。。。正文".repeat(3);
        for i in 0..s.len() {
            if s.is_char_boundary(i) {
                let j = skip_plain(s.as_bytes(), i);
                assert!(j >= i && s.is_char_boundary(j), "{i} -> {j}");
            }
        }
        assert_eq!(find(&s).len(), 3);
    }

    #[test]
    fn kinds() {
        fn k(s: &str) -> Vec<(ElisionKind, &str)> {
            find(s)
                .into_iter()
                .map(|h| (h.kind, &s[h.start..h.end]))
                .collect()
        }
        assert_eq!(k("a...b"), vec![(ElisionKind::Dots, "...")]);
        assert_eq!(k("a。。。b"), vec![(ElisionKind::Stops, "。。。")]);
        assert_eq!(k("a···b"), vec![(ElisionKind::MiddleDots, "···")]);
        assert_eq!(k("a⋯⋯b"), vec![(ElisionKind::Ellipsis, "⋯⋯")]);
        assert_eq!(
            k("五、关于项目问题。（略）"),
            vec![(ElisionKind::Notice, "（略）")]
        );
        assert_eq!(
            k("（本文有删减）"),
            vec![(ElisionKind::Notice, "（本文有删减）")]
        );
        assert_eq!(k("1.5万 2.3"), vec![]);
        assert_eq!(k("（牵头单位：人社厅）"), vec![]);
    }

    #[test]
    fn every_start_is_at_most_three_bytes_and_begins_a_character() {
        for (c, _) in STARTS {
            assert!((1..=3).contains(&c.len()) && std::str::from_utf8(c).is_ok());
            assert_eq!(STEP[c[0] as usize], 0);
        }
    }

    #[test]
    fn candidates_are_the_starting_characters() {
        for c in ['.', '(', '[', '…', '⋯', '。', '·', '・', '（', '【'] {
            let s = c.to_string();
            assert!(starts_candidate(s.as_bytes()), "{c}");
        }
        for c in ['，', '、', '）', '一', 'a', '—', '：'] {
            let s = c.to_string();
            assert!(!starts_candidate(s.as_bytes()), "{c}");
        }
    }

    #[test]
    fn quick_byte_checks_agree_with_the_parsers() {
        // every candidate start, alone, doubled, tripled and before a notice
        for c in [".", "。", "·", "・", "…", "⋯", "（", "(", "【", "["] {
            for n in 1..=4 {
                let run = c.repeat(n);
                for t in [
                    format!("甲{run}乙"),
                    run.clone(),
                    format!("{run}(省略12字)"),
                    format!("{c}略）"),
                    format!("{c}下略"),
                    format!("a{run}（本文有删减）b"),
                ] {
                    let slow: Vec<_> = {
                        let mut v = Vec::new();
                        let mut i = 0;
                        while i < t.len() {
                            let rest = &t[i..];
                            if starts_candidate(rest.as_bytes()) {
                                if let Ok((after, (len, _))) = elision_run(rest) {
                                    let n = notice(after).map_or(0, |(_, n)| n);
                                    v.push((i, i + len + n));
                                    i += len + n;
                                    continue;
                                }
                                if let Ok((_, n)) = notice(rest) {
                                    v.push((i, i + n));
                                    i += n;
                                    continue;
                                }
                            }
                            i += rest.chars().next().map_or(1, char::len_utf8);
                        }
                        v
                    };
                    let fast: Vec<_> = find(&t).iter().map(|h| (h.start, h.end)).collect();
                    assert_eq!(fast, slow, "{t}");
                }
            }
        }
    }

    #[test]
    fn unclosed_notice_runs_to_end() {
        let t = "……(未完,全文共6831字,当前仅显示2399字,请阅读下面提示信息。";
        let h = find(t);
        assert_eq!(h.len(), 1);
        assert_eq!(h[0].end, t.len());
        assert_eq!(h[0].total_chars, Some(6831));
    }
}

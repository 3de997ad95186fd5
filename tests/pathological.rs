//! Inputs built to be slow or deep, in the manner of comrak's pathological tests: long runs of
//! markers glued on one line, lone brackets, blank lines, dots, unclosed Markdown, families
//! that alternate, a 100 MB line, long sequences of one heading or point.
//!
//! Each case parses the input, makes the outline rows, runs `check`, runs `fix` and writes the
//! DOCX, on a worker thread with the default stack, and fails when the thread panics, has not
//! finished within [`BOUND`], or holds more than [`MEMORY`]; and when `check` itself holds
//! more than [`check_bound`] (4 × the input + 30 MiB) above what was held when it began. The
//! bounds detect hangs, quadratic time and quadratic memory; they are not a benchmark: a case
//! that takes seconds where it should take milliseconds still passes. Each case prints the wall
//! time of every stage, the most memory each stage held above what was held when it began, and
//! the most its worker held (`--nocapture` shows them).
//!
//! A stack overflow on the worker thread aborts the whole test binary, so every case is a test
//! of its own and can be run alone by name:
//! `cargo test --release --test pathological -- --exact one_cn_comma_glued`.

use gongwen::check::{check, fix, Config};
use gongwen::tree::Family;
use gongwen::write::docx::{write, DocxOptions};
use gongwen::write::outline::rows;
use gongwen::{parse, Format, Source};
use std::alloc::{GlobalAlloc, Layout, System};
use std::cell::Cell;
use std::sync::atomic::{AtomicBool, AtomicIsize, Ordering};
use std::sync::mpsc;
use std::time::{Duration, Instant};

/// How long one case may take, all stages together.
const BOUND: Duration = Duration::from_secs(60);

/// How much memory one case's worker may hold at once. A case over it is a failure, and its
/// worker is stopped there so that it cannot take the machine's memory.
const MEMORY: isize = 2 << 30;

/// The memory a case's worker holds, the most it held, and whether it was stopped.
struct Account {
    live: AtomicIsize,
    peak: AtomicIsize,
    stopped: AtomicBool,
}

thread_local! {
    /// The account of the case this thread works for (none on other threads).
    static ACCOUNT: Cell<*const Account> = const { Cell::new(std::ptr::null()) };
}

/// The system allocator, counting what a worker allocates and frees on its own account.
struct Counting;

#[global_allocator]
static ALLOC: Counting = Counting;

/// Adds `delta` bytes to the current thread's account. A worker that goes over [`MEMORY`],
/// or that was stopped after its time ran out, sleeps here for good: it takes no more memory
/// or time, and the test binary ends it when it exits.
fn charge(delta: isize) {
    let a = ACCOUNT.try_with(Cell::get).unwrap_or(std::ptr::null());
    if a.is_null() {
        return;
    }
    // SAFETY: accounts are leaked, so they live as long as the process.
    let a = unsafe { &*a };
    let live = a.live.fetch_add(delta, Ordering::Relaxed) + delta;
    if delta > 0 {
        a.peak.fetch_max(live, Ordering::Relaxed);
        if live > MEMORY {
            a.stopped.store(true, Ordering::Relaxed);
        }
        if a.stopped.load(Ordering::Relaxed) {
            loop {
                std::thread::sleep(Duration::from_secs(3600));
            }
        }
    }
}

// SAFETY: every call is passed on to the system allocator unchanged; `charge` only counts
// (and, for a stopped worker, never returns, which leaves the allocator's state untouched).
unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, l: Layout) -> *mut u8 {
        charge(l.size() as isize);
        System.alloc(l)
    }
    unsafe fn alloc_zeroed(&self, l: Layout) -> *mut u8 {
        charge(l.size() as isize);
        System.alloc_zeroed(l)
    }
    unsafe fn dealloc(&self, p: *mut u8, l: Layout) {
        System.dealloc(p, l);
        charge(-(l.size() as isize));
    }
    unsafe fn realloc(&self, p: *mut u8, l: Layout, new_size: usize) -> *mut u8 {
        charge(new_size as isize - l.size() as isize);
        System.realloc(p, l, new_size)
    }
}

fn mib(bytes: isize) -> f64 {
    bytes as f64 / (1 << 20) as f64
}

/// The most memory `check` may hold above what was held when it began, on an input of
/// `bytes`: linear in the input.
fn check_bound(bytes: usize) -> isize {
    4 * bytes as isize + (30 << 20)
}

/// What one stage took: its wall time, the most memory it held above what was held when it
/// began, and the most the worker held during it.
struct Stage {
    name: &'static str,
    time: Duration,
    own: isize,
    peak: isize,
}

/// The stages of a case, in order.
const STAGES: [&str; 5] = ["parse", "outline", "check", "fix", "docx"];

/// Runs `f` as the stage `name` on `account`, and reports what it took on `tx`.
fn stage<T>(
    name: &'static str,
    account: &Account,
    tx: &mpsc::Sender<Stage>,
    f: impl FnOnce() -> T,
) -> T {
    let before = account.live.load(Ordering::Relaxed);
    account.peak.store(before, Ordering::Relaxed);
    let t = Instant::now();
    let out = f();
    let time = t.elapsed();
    let peak = account.peak.load(Ordering::Relaxed);
    let own = peak - before;
    tx.send(Stage {
        name,
        time,
        own,
        peak,
    })
    .unwrap();
    out
}

/// Every stage on `text`, on the worker thread.
fn work(text: String, markdown: bool, account: &Account, tx: &mpsc::Sender<Stage>) {
    let format = if markdown {
        Format::Markdown
    } else {
        Format::Text
    };
    let src = Source::from_str(text, format);
    let doc = stage("parse", account, tx, || parse(&src));
    stage("outline", account, tx, || drop(rows(&doc, &src)));
    stage("check", account, tx, || {
        drop(check(&doc, &src, &Config::default()))
    });
    stage("fix", account, tx, || drop(fix(&src, &Config::default())));
    stage("docx", account, tx, || {
        let mut docx = Vec::new();
        write(&doc, &src, &DocxOptions::default(), &mut docx).expect("DOCX written");
        assert!(docx.starts_with(b"PK"), "not a zip");
    });
}

/// The stages done, as one line: each stage's time and own memory.
fn done(stages: &[Stage]) -> String {
    stages
        .iter()
        .map(|s| {
            let t = s.time.as_secs_f64();
            format!("{} {t:.3} s {:.0} MiB", s.name, mib(s.own))
        })
        .collect::<Vec<_>>()
        .join(", ")
}

/// Runs every stage on `text` on a worker thread; panics when one panics, when the whole does
/// not end within [`BOUND`], when the worker holds more than [`MEMORY`], or when `check` holds
/// more than [`check_bound`].
fn run(name: &str, text: String, markdown: bool) {
    let (tx, rx) = mpsc::channel::<Stage>();
    let bytes = text.len();
    let nlines = text.lines().count();
    let account: &'static Account = Box::leak(Box::new(Account {
        live: AtomicIsize::new(0),
        peak: AtomicIsize::new(0),
        stopped: AtomicBool::new(false),
    }));
    // the default stack: a case that recurses once per marker or line must fail here
    let worker = std::thread::Builder::new()
        .name(name.to_string())
        .spawn(move || {
            ACCOUNT.with(|c| c.set(account));
            work(text, markdown, account, &tx);
        })
        .expect("worker thread");

    let start = Instant::now();
    let mut stages: Vec<Stage> = Vec::new();
    while stages.len() < STAGES.len() {
        let left = BOUND.saturating_sub(start.elapsed());
        match rx.recv_timeout(left.min(Duration::from_millis(50))) {
            Ok(s) => stages.push(s),
            Err(mpsc::RecvTimeoutError::Timeout) => {
                let stage = STAGES[stages.len()];
                let over = account.live.load(Ordering::Relaxed) > MEMORY;
                if !over && !left.is_zero() {
                    continue;
                }
                account.stopped.store(true, Ordering::Relaxed);
                let why = if over {
                    format!("held over {:.0} MiB", mib(MEMORY))
                } else {
                    format!("not finished within {BOUND:?}")
                };
                eprintln!(
                    "pathological {name}: FAILED in {stage} after {:.3} s: {why} (done: {})",
                    start.elapsed().as_secs_f64(),
                    done(&stages)
                );
                // the worker is left asleep or running; the test binary ends it when it exits
                panic!("{name}: {why}: still in {stage}; done: {}", done(&stages));
            }
            Err(mpsc::RecvTimeoutError::Disconnected) => {
                let why = match worker.join() {
                    Err(e) => e
                        .downcast_ref::<String>()
                        .cloned()
                        .or_else(|| e.downcast_ref::<&str>().map(|s| s.to_string()))
                        .unwrap_or_else(|| "a panic".into()),
                    Ok(()) => "the worker ended without reporting".into(),
                };
                panic!("{name}: panicked after {}: {why}", done(&stages));
            }
        }
    }
    worker.join().expect("worker ended");
    let peak = stages.iter().map(|s| s.peak).max().unwrap_or(0);
    eprintln!(
        "pathological {name}: {bytes} bytes, {nlines} lines: {}; total {:.3} s, peak {:.0} MiB",
        done(&stages),
        start.elapsed().as_secs_f64(),
        mib(peak)
    );
    let own = stages
        .iter()
        .find(|s| s.name == "check")
        .map_or(0, |s| s.own);
    assert!(
        own <= check_bound(bytes),
        "{name}: check held {:.1} MiB, over 4 × {bytes} bytes + 30 MiB = {:.1} MiB",
        mib(own),
        mib(check_bound(bytes))
    );
}

fn text(name: &str, s: String) {
    run(name, s, false)
}

fn markdown(name: &str, s: String) {
    run(name, s, true)
}

/// `n` lines made by `f(i)` for i in 0..n, each ended by a line break.
fn lines(n: usize, f: impl Fn(usize) -> String) -> String {
    let mut s = String::new();
    for i in 0..n {
        s.push_str(&f(i));
        s.push('\n');
    }
    s
}

/// 1 → 一, 12 → 十二, …, 999 → 九百九十九, then 1000 → 一 again (the numerals stop at 百).
fn cn(n: usize) -> String {
    let m = Family::CnComma.render(((n - 1) % 999 + 1) as u32);
    m.trim_end_matches('、').to_string()
}

// --- headings glued on one line ---

#[test]
fn one_cn_comma_glued() {
    text("one_cn_comma_glued", "一、甲".repeat(50_000));
}

#[test]
fn decimal2_glued() {
    text("decimal2_glued", "1.1甲".repeat(50_000));
}

#[test]
fn cn_paren_glued() {
    text("cn_paren_glued", "（一）".repeat(100_000));
}

#[test]
fn counted_cn_comma_glued() {
    let mut s = String::new();
    for i in 1..=20_000 {
        s.push_str(&cn(i));
        s.push_str("、加强领导");
    }
    text("counted_cn_comma_glued", s);
}

#[test]
fn articles_glued() {
    let mut s = String::new();
    for i in 1..=20_000 {
        s.push_str(&format!("第{}条　内容", cn(i)));
    }
    text("articles_glued", s);
}

// --- brackets, dots and ellipses ---

#[test]
fn open_parens() {
    text("open_parens", "（".repeat(100_000));
}

#[test]
fn open_half_width_parens() {
    text("open_half_width_parens", "(".repeat(100_000));
}

#[test]
fn dots() {
    text("dots", ".".repeat(1_000_000));
}

#[test]
fn ellipses() {
    text("ellipses", "…".repeat(1_000_000));
}

#[test]
fn dots_between_characters() {
    text("dots_between_characters", "甲.".repeat(500_000));
}

// --- many lines ---

#[test]
fn blank_lines() {
    text("blank_lines", "\n".repeat(100_000));
}

#[test]
fn blank_crlf_lines() {
    text("blank_crlf_lines", "\r\n".repeat(100_000));
}

#[test]
fn shouxian_lines() {
    text("shouxian_lines", "首先，加强领导。\n".repeat(100_000));
}

#[test]
fn point_lines() {
    text(
        "point_lines",
        lines(100_000, |i| format!("{}是加强领导。", cn(i % 99 + 1))),
    );
}

#[test]
fn bare_cn_comma_lines() {
    // the same heading 2,000 times: every one a repeat of the one before
    text("bare_cn_comma_lines", "一、\n".repeat(2_000));
}

#[test]
fn cn_comma_sequence_lines() {
    // 2,000 headings 一、, each a repeat of the one before, each renumbered: check stays far
    // under 50 MB (the check bound here is 30.2 MiB), fix renumbers up to 九百九十九
    text(
        "cn_comma_sequence_lines",
        "一、加强组织领导\n".repeat(2_000),
    );
}

#[test]
fn cn_comma_sequence_100k_lines() {
    text(
        "cn_comma_sequence_100k_lines",
        "一、加强组织领导\n".repeat(100_000),
    );
}

#[test]
fn shi_point_sequence_100k_lines() {
    // one series of 10⁵ points, every one 三是: a fix on each finding that copied the whole
    // series' renumbering would be 10¹⁰ edits
    text(
        "shi_point_sequence_100k_lines",
        "三是加强组织领导。\n".repeat(100_000),
    );
}

#[test]
fn counted_cn_comma_lines() {
    text(
        "counted_cn_comma_lines",
        lines(2_000, |i| format!("{}、加强领导", cn(i + 1))),
    );
}

#[test]
fn arabic_dot_and_paren_alternating() {
    // 10⁵ lines: 1. then （1）, again and again
    text(
        "arabic_dot_and_paren_alternating",
        "1.\n（1）\n".repeat(50_000),
    );
}

#[test]
fn families_alternating_down() {
    // 一、 （一） 1. （1） ① and back to 一、, 10⁵ lines, the ordinals counting up
    let fams: [fn(usize) -> String; 5] = [
        |n| format!("{}、标题", cn(n)),
        |n| format!("（{}）标题", cn(n)),
        |n| format!("{n}.标题"),
        |n| format!("（{n}）标题"),
        |n| {
            char::from_u32('①' as u32 + (n as u32 - 1) % 20)
                .unwrap()
                .to_string()
                + "标题"
        },
    ];
    text(
        "families_alternating_down",
        lines(100_000, |i| fams[i % 5](i / 5 + 1)),
    );
}

#[test]
fn families_alternating_up() {
    // the same families from the deepest up: ① （1） 1. （一） 一、, 10⁵ lines
    let fams: [fn(usize) -> String; 5] = [
        |n| {
            char::from_u32('①' as u32 + (n as u32 - 1) % 20)
                .unwrap()
                .to_string()
                + "标题"
        },
        |n| format!("（{n}）标题"),
        |n| format!("{n}.标题"),
        |n| format!("（{}）标题", cn(n)),
        |n| format!("{}、标题", cn(n)),
    ];
    text(
        "families_alternating_up",
        lines(100_000, |i| fams[i % 5](i / 5 + 1)),
    );
}

#[test]
fn families_alternating_all() {
    // every family, statute ones included, one after another, 10⁵ lines
    let fams: [fn(usize) -> String; 10] = [
        |n| format!("第{}编　总则", cn(n)),
        |n| format!("第{}章　总则", cn(n)),
        |n| format!("第{}节　一般规定", cn(n)),
        |n| format!("第{}条　内容。", cn(n)),
        |n| format!("{}、标题", cn(n)),
        |n| format!("（{}）标题", cn(n)),
        |n| format!("{n}.标题"),
        |n| format!("（{n}）标题"),
        |n| format!("{n}.{n}标题"),
        |n| format!("{}是加强领导。", cn((n - 1) % 99 + 1)),
    ];
    text(
        "families_alternating_all",
        lines(100_000, |i| fams[i % 10](i / 10 + 1)),
    );
}

// --- one very long line ---

#[test]
fn hundred_mb_line() {
    // ordinary prose, no line break
    let unit = "各地区各部门要切实加强组织领导，压实工作责任，确保各项任务落到实处。";
    text("hundred_mb_line", unit.repeat(100_000_000 / unit.len() + 1));
}

// --- Markdown ---

#[test]
fn comment_openers_markdown() {
    markdown("comment_openers_markdown", "<!--".repeat(200_000));
}

#[test]
fn link_openers_markdown() {
    markdown("link_openers_markdown", "[](".repeat(200_000));
}

#[test]
fn brackets_markdown() {
    markdown("brackets_markdown", "[".repeat(200_000));
}

#[test]
fn emphasis_openers_markdown() {
    markdown("emphasis_openers_markdown", "*a_".repeat(200_000));
}

#[test]
fn heading_hashes_markdown() {
    markdown("heading_hashes_markdown", "#".repeat(200_000));
}

#[test]
fn quote_markers_markdown() {
    markdown("quote_markers_markdown", "> ".repeat(200_000));
}

#[test]
fn html_tags_markdown() {
    markdown("html_tags_markdown", "<p><b>".repeat(200_000));
}

#[test]
fn entities_markdown() {
    markdown("entities_markdown", "&emsp;&".repeat(200_000));
}

#[test]
fn disable_comments_markdown() {
    markdown(
        "disable_comments_markdown",
        "<!-- gongwen-disable GW101 -->\n一、甲\n".repeat(50_000),
    );
}

#[test]
fn nested_list_markdown() {
    markdown(
        "nested_list_markdown",
        lines(20_000, |i| format!("{}- 一是第{i}项", "  ".repeat(i % 400))),
    );
}

#[test]
fn list_items_markdown() {
    markdown(
        "list_items_markdown",
        lines(50_000, |i| {
            format!("- {}是加强第{i}项工作。", cn(i % 99 + 1))
        }),
    );
}

#[test]
fn wide_table_markdown() {
    let row = |c: &str| format!("|{}\n", format!(" {c} |").repeat(20_000));
    markdown(
        "wide_table_markdown",
        format!("{}{}{}", row("项目"), row("---"), row("一、")),
    );
}

#[test]
fn table_rows_markdown() {
    markdown(
        "table_rows_markdown",
        format!(
            "| 项目 | 金额 |\n|---|---|\n{}",
            lines(50_000, |i| format!("| 第{i}项 | {i} |"))
        ),
    );
}

#[test]
fn footnote_references_markdown() {
    markdown(
        "footnote_references_markdown",
        format!("{}\n\n[^1]: 注释。\n", "正文[^1]".repeat(200_000)),
    );
}

#[test]
fn nested_quotes_lines_markdown() {
    markdown(
        "nested_quotes_lines_markdown",
        lines(20_000, |i| {
            format!("{} 一、第{i}行", ">".repeat(i % 300 + 1))
        }),
    );
}

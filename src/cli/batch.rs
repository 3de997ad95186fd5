//! Running one piece of work over many inputs: on a pool of `--jobs` threads, each result handed
//! on in input order as soon as every input before it is done, so output stays in order and is
//! written while the rest is still being worked on.
//!
//! At most a window of inputs (four per thread) is in flight at once: one that has started, or
//! is done and waits for an earlier one. Memory is bounded by the files in that window, not by
//! the batch. `--jobs 1` does the work on the calling thread, one input after another, and
//! gives the same output byte for byte.
//!
//! A progress bar on standard error shows the files done, the rate and the time left, when
//! standard error is a terminal and there is more than one input; otherwise nothing is shown.

use clap::Args;
use std::collections::BTreeMap;
use std::io::IsTerminal;
use std::sync::mpsc;

/// The `--jobs` flag of the commands that work on many files.
#[derive(Args, Clone, Copy, Debug, Default)]
pub(crate) struct JobsArgs {
    /// How many files to work on at once [default: the number of cores].
    #[arg(short, long, value_name = "N", value_parser = clap::value_parser!(u16).range(1..))]
    pub jobs: Option<u16>,
}

impl JobsArgs {
    /// The number of threads: `--jobs`, or the number of cores.
    ///
    /// ```text
    /// assert_eq!(JobsArgs { jobs: Some(3) }.threads(), 3);
    /// ```
    pub(crate) fn threads(&self) -> usize {
        match self.jobs {
            Some(n) => usize::from(n),
            None => std::thread::available_parallelism().map_or(1, |n| n.get()),
        }
    }
}

/// Whether a progress bar may be shown: standard error is a terminal. The place to add
/// `--quiet` too.
pub(crate) fn show_progress() -> bool {
    !super::style::quiet() && std::io::stderr().is_terminal()
}

/// A progress bar for a run over `len` inputs, or nothing (see [`show_progress`]). Messages
/// for standard error go through [`Progress::eprintln`] so that they do not tear the bar.
pub(crate) struct Progress {
    bar: Option<indicatif::ProgressBar>,
}

impl Progress {
    /// A bar for `len` inputs when there is more than one and [`show_progress`] allows it.
    pub(crate) fn new(len: usize) -> Progress {
        let bar = (len > 1 && show_progress()).then(|| {
            let bar = indicatif::ProgressBar::with_draw_target(
                Some(len as u64),
                indicatif::ProgressDrawTarget::stderr(),
            );
            if let Ok(style) = indicatif::ProgressStyle::with_template(
                "{bar:30} {pos}/{len} files  {rate} files/s  ETA {eta}",
            ) {
                bar.set_style(style.with_key(
                    "rate",
                    |s: &indicatif::ProgressState, w: &mut dyn std::fmt::Write| {
                        let _ = write!(w, "{:.0}", s.per_sec());
                    },
                ));
            }
            bar
        });
        Progress { bar }
    }

    /// One more input done.
    pub(crate) fn inc(&self) {
        if let Some(b) = &self.bar {
            b.inc(1);
        }
    }

    /// Write a line to standard error, above the bar when there is one.
    pub(crate) fn eprintln(&self, msg: &str) {
        match &self.bar {
            Some(b) => b.suspend(|| eprintln!("{msg}")),
            None => eprintln!("{msg}"),
        }
    }

    /// The line that ends a run (see [`summary`]), unless `--quiet`.
    pub(crate) fn summary(&self, line: &str) {
        if !super::style::quiet() {
            self.eprintln(line);
        }
    }

    /// Take the bar off the screen.
    pub(crate) fn finish(&self) {
        if let Some(b) = &self.bar {
            b.finish_and_clear();
        }
    }
}

impl Drop for Progress {
    fn drop(&mut self) {
        self.finish();
    }
}

/// The line that ends a run over more than one input: `N files, M failed`, then what the
/// command adds (`; 3 written`).
///
/// ```text
/// assert_eq!(summary(3, 1, ""), "3 files, 1 failed");
/// ```
pub(crate) fn summary(files: usize, failed: usize, more: &str) -> String {
    format!(
        "{files} file{}, {failed} failed{more}",
        if files == 1 { "" } else { "s" }
    )
}

/// Under `--verbose`, a note of how long the run took: `checked 3 files in 12.5 ms`.
pub(crate) fn timing(done: &str, files: usize, start: std::time::Instant) {
    if super::style::verbose() {
        let t = start.elapsed();
        super::style::note(&format_args!(
            "{done} {files} file{} in {:.1} ms",
            if files == 1 { "" } else { "s" },
            t.as_secs_f64() * 1e3
        ));
    }
}

/// Do `work` for the input at `path`, and under `--verbose` note how long it took: `a.txt:
/// checked in 0.4 ms`. The notes of a run on many threads come as the files are done, not in
/// input order.
pub(crate) fn timed<R>(done: &str, path: &std::path::Path, work: impl FnOnce() -> R) -> R {
    if !super::style::verbose() {
        return work();
    }
    let start = std::time::Instant::now();
    let r = work();
    super::style::note(&format_args!(
        "{}: {done} in {:.1} ms",
        super::shown(path),
        start.elapsed().as_secs_f64() * 1e3
    ));
    r
}

/// Do `work` on every item, on `jobs` threads, and hand each result to `emit` in the items'
/// order, as soon as it and every one before it are done. `emit` returns `false` to stop: no
/// more items are started (those in flight finish and are dropped). A result is `None` when
/// its work panicked; the panic's message has been printed, and the rest goes on.
pub(crate) fn ordered<T, R, W, E>(items: &[T], jobs: usize, work: W, mut emit: E)
where
    T: Sync,
    R: Send,
    W: Fn(&T) -> R + Sync,
    E: FnMut(usize, Option<R>) -> bool,
{
    let guarded =
        |item: &T| std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| work(item))).ok();
    let pool = if jobs > 1 && items.len() > 1 {
        rayon::ThreadPoolBuilder::new()
            .num_threads(jobs)
            .thread_name(|i| format!("gongwen-{i}"))
            .build()
            .ok()
    } else {
        None
    };
    let Some(pool) = pool else {
        for (i, item) in items.iter().enumerate() {
            if !emit(i, guarded(item)) {
                return;
            }
        }
        return;
    };
    let window = jobs.saturating_mul(4);
    let guarded = &guarded;
    pool.in_place_scope(|s| {
        let (tx, rx) = mpsc::channel::<(usize, Option<R>)>();
        let mut done: BTreeMap<usize, Option<R>> = BTreeMap::new();
        let (mut started, mut next) = (0, 0);
        while next < items.len() {
            while started < items.len() && started < next + window {
                let (tx, item, i) = (tx.clone(), &items[started], started);
                s.spawn(move |_| {
                    let _ = tx.send((i, guarded(item)));
                });
                started += 1;
            }
            // every task sends exactly once, panic or not, so this cannot wait for nothing
            let Ok((i, r)) = rx.recv() else { return };
            done.insert(i, r);
            while let Some(r) = done.remove(&next) {
                next += 1;
                if !emit(next - 1, r) {
                    return;
                }
            }
        }
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn results_come_in_input_order_whatever_finishes_first() {
        let items: Vec<u64> = (0..200).collect();
        for jobs in [1, 2, 5] {
            let mut got = Vec::new();
            ordered(
                &items,
                jobs,
                |&i| {
                    // later items finish first
                    std::thread::sleep(std::time::Duration::from_micros((200 - i) * 20));
                    i * 2
                },
                |i, r| {
                    got.push((i, r));
                    true
                },
            );
            let want: Vec<_> = items.iter().map(|&i| (i as usize, Some(i * 2))).collect();
            assert_eq!(got, want, "jobs {jobs}");
        }
    }

    #[test]
    fn a_panic_is_one_missing_result_and_stopping_stops() {
        let items: Vec<u32> = (0..20).collect();
        let mut got = Vec::new();
        ordered(
            &items,
            2,
            |&i| {
                assert!(i != 3, "three");
                i
            },
            |_, r| {
                got.push(r);
                got.len() < 10
            },
        );
        assert_eq!(got.len(), 10);
        assert_eq!(got[3], None);
        assert_eq!(got[4], Some(4));
    }

    #[test]
    fn the_summary_line() {
        assert_eq!(summary(3, 1, "; 2 written"), "3 files, 1 failed; 2 written");
        assert_eq!(summary(1, 0, ""), "1 file, 0 failed");
        assert_eq!(JobsArgs { jobs: Some(3) }.threads(), 3);
    }
}

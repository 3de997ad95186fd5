//! The `gongwen` command. [`gongwen::cli::run`] does the work; this passes the exit code on.
//!
//! The system allocator is kept: with mimalloc, which commits its arenas eagerly on
//! transparent huge pages, most of a large document's time went in zeroing pages it never
//! used (`check` over the big collection 0.73 s and 64 MB against 0.41 s and 14 MB;
//! `outline` of 20 MB 0.58 s against 0.37 s).

fn main() {
    std::process::exit(gongwen::cli::run());
}

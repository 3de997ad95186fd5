//! Markdown: the same as the text target, read as Markdown.
#![no_main]
mod harness;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Some(src) = harness::source("fuzz.md", data) {
        harness::text(&src);
    }
});

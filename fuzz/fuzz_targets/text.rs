//! Plain text: parse, lossless, every writer but DOCX, check, fix twice.
#![no_main]
mod harness;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Some(src) = harness::source("fuzz.txt", data) {
        harness::text(&src);
    }
});

//! The DOCX writer: whatever text comes in, the DOCX is well-formed XML and reads back.
#![no_main]
mod harness;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Some(src) = harness::source("fuzz.txt", data) {
        harness::docx_round_trip(&src);
    }
});

//! The DOCX reader: the input as a whole file, and as the document part of a DOCX. Either it
//! is refused with an error, or what it reads parses losslessly.
#![no_main]
mod harness;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    for bytes in [data.to_vec(), harness::zipped(data)] {
        if let Ok(src) = gongwen::Source::from_bytes("fuzz.docx", bytes) {
            let doc = gongwen::parse(&src);
            assert!(doc.check_lossless(&src).is_ok());
        }
    }
});

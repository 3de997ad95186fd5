//! HTML: the page is read through html5ever into Markdown and parsed; the tree must hold the
//! lossless property over the text made, and every outline, dump and check must finish. A page
//! is never fixed in place, so the fix round of the other targets is left out.
#![no_main]
mod harness;
use gongwen::check::{check, Config};
use gongwen::parse;
use gongwen::write::outline;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Some(src) = harness::source("fuzz.html", data) {
        let doc = parse(&src);
        if let Err(e) = doc.check_lossless(&src) {
            panic!("not lossless: {e}");
        }
        let mut sink = Vec::new();
        outline::tsv(&doc, &src, &outline::OutlineOptions::default(), &mut sink).unwrap();
        let _ = check(&doc, &src, &Config::default());
    }
});

//! Readers for input formats other than text: each turns its format into the lines of text the
//! grammar reads.

pub mod docx;

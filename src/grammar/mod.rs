//! The grammar: one small nom parser per construct. A parser recognises; it does not decide.
//! Deciding what a line is in its document is the tree builder's job.

pub mod chrome;
pub mod element;
pub mod elision;
pub mod line;
pub mod marker;
pub mod numeral;
pub mod point;
pub mod scan;

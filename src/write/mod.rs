//! Writers: each takes a [`Document`](crate::Document) and a `Write`, and none re-parses text.

pub mod docx;
pub mod outline;
pub mod tree;

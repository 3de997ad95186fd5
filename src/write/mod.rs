//! Writers. Every one has the same shape, `(doc, src, opts, w)`: the tree, the source it was
//! parsed from, the writer's options, and where to write. None re-parses text.

#[cfg(feature = "docx")]
pub mod docx;
pub mod dump;
pub mod outline;

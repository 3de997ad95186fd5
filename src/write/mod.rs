//! Writers. Every one has the same shape, `(doc, src, opts, w)`: the tree, the source it was
//! parsed from, the writer's options, and where to write. None re-parses text.
//! [`relevel`] is no writer but an edit of the source: it rewrites only the heading lines of a
//! Markdown file.

#[cfg(feature = "docx")]
pub mod docx;
pub mod dump;
pub mod markdown;
pub mod outline;
pub mod relevel;

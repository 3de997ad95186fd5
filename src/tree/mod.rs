//! The document tree: the typed model every writer reads, and the builder that makes it from
//! classified lines.

pub(crate) mod build;
pub(crate) mod lossless;
mod model;
pub mod number;
pub(crate) mod vocabulary;

pub use model::*;
pub use vocabulary::*;

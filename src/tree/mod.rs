//! The document tree: the typed model and the builder that makes it from classified lines.

pub mod build;
pub mod lossless;
pub mod model;

pub use build::{parse, ParseOptions};
pub use model::*;

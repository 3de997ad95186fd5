//! Bytes to text and back: decoding, the one line splitter, spans and line/column, the
//! see-through of markup, and the DOCX reader.

pub mod decode;
pub mod docx;
pub(crate) mod lines;
pub mod markup;
pub mod span;

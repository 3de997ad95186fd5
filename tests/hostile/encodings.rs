//! Encodings and what is not text: every input is read as what it is, or named for what it is.

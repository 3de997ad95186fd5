//! Hostile input and careless use: what a careful user and an attacker try, and what gongwen
//! must do then. One module per area; each test names the promise it holds.

mod docx;
mod docx_writer;
mod encodings;
mod fixes;
mod output;
mod walks;

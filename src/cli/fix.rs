//! `gongwen fix` (work in progress).

use clap::Args;

#[derive(Args)]
pub struct FixArgs {
    /// Files or directories.
    pub paths: Vec<String>,
}

pub fn run(_a: FixArgs) -> Result<i32, Box<dyn std::error::Error>> {
    eprintln!("gongwen fix: not implemented yet");
    Ok(super::EXIT_INPUT)
}

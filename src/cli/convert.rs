//! `gongwen convert` (work in progress).

use clap::Args;

#[derive(Args)]
pub struct ConvertArgs {
    /// Files or directories.
    pub paths: Vec<String>,
}

pub fn run(_a: ConvertArgs) -> Result<i32, Box<dyn std::error::Error>> {
    eprintln!("gongwen convert: not implemented yet");
    Ok(super::EXIT_INPUT)
}

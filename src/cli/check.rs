//! `gongwen check` (work in progress).

use clap::Args;

#[derive(Args)]
pub struct CheckArgs {
    /// Files or directories.
    pub paths: Vec<String>,
}

pub fn run(_a: CheckArgs) -> Result<i32, Box<dyn std::error::Error>> {
    eprintln!("gongwen check: not implemented yet");
    Ok(super::EXIT_INPUT)
}

//! The `gongwen` command: argument parsing and exit codes, nothing else.

mod cli;

fn main() {
    std::process::exit(cli::run());
}

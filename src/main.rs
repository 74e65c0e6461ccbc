//! The leadctl binary: parse the command line, run, exit 0, 1 or 2.

use std::process::ExitCode;

use clap::Parser;

fn main() -> ExitCode {
    let cli = leadctl::cli::Cli::parse();
    let (stdout, stderr) = (std::io::stdout(), std::io::stderr());
    let exit = leadctl::run(cli, &mut stdout.lock(), &mut stderr.lock());
    ExitCode::from(exit as u8)
}

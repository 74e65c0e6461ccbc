//! The leadctl binary: parse the command line, run, exit 0, 1 or 2.

use std::process::ExitCode;

fn main() -> ExitCode {
    let args: Vec<std::ffi::OsString> = std::env::args_os().collect();
    let lang = leadctl::load::lang::choose(&args);
    let cli = match leadctl::cli::parse(args.clone(), lang) {
        Ok(cli) => cli,
        Err(e) => return ExitCode::from(leadctl::cli::report(e, lang, &args)),
    };
    // Standard error stays unlocked: the progress bar draws on it from its
    // own thread, and a lock held here for the whole run would deadlock it.
    let exit = leadctl::run(cli, lang, &mut std::io::stdout().lock(), &mut std::io::stderr());
    ExitCode::from(exit as u8)
}

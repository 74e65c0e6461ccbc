//! leadctl: settles who owns each sale.
//!
//! load → decide → render: [`load`] reads files into [`domain`] values,
//! [`engine`] decides over them with a [`policy`], [`render`] writes reports.

pub mod diag;
pub mod domain;
pub mod engine;
pub mod load;
pub mod messages;
pub mod policy;
pub mod render;
pub mod ui;
pub mod check;
pub mod cli;
pub mod commands;
pub mod ops;

use std::io::Write;

use commands::{Exit, Io};

/// Runs a parsed command line, writing to `out` and `err`; returns the exit
/// status. Errors are printed here; a closed pipe on output is success.
/// `lang` is the language chosen before parsing ([`load::lang::choose`]).
pub fn run(cli: cli::Cli, lang: messages::Lang, out: &mut dyn Write, err: &mut dyn Write) -> Exit {
    let ui = ui::Ui::new(cli.global.quiet, cli.global.verbose, cli.global.color, cli.global.lang.unwrap_or(lang));
    let mut io = Io { out, err, ui };
    let result = match cli.command {
        cli::Command::Attribute(args) => commands::attribute::run(args, &mut io),
        cli::Command::Dupes(args) => commands::dupes::run(args, &mut io),
        cli::Command::Explain(args) => commands::explain::run(args, &mut io),
        cli::Command::Close(args) => commands::close::run(args, &mut io),
        cli::Command::Check(args) => commands::check::run(args, &mut io),
        cli::Command::Statement(args) => commands::statement::run(args, &mut io),
        cli::Command::Report(args) => commands::report::run(args, &mut io),
        cli::Command::Init(args) => commands::init::run(args, cli.global.lang, &mut io),
        cli::Command::Completions(args) => commands::completions::completions(args, cli::command(ui.lang), &mut io),
        cli::Command::Man(args) => commands::completions::man(args, cli::command(ui.lang), &mut io),
    };
    match result {
        Ok(exit) => exit,
        Err(e) if is_broken_pipe(&e) => Exit::Clean,
        Err(e) => {
            let _ = writeln!(io.err, "{}", error_line(&e, ui.lang, ui.color_err));
            Exit::Failed
        }
    }
}

/// A fatal error as one line in `lang`: a [`messages::errors::Fatal`] is
/// worded from its data; an error the ops layer wraps is unwrapped first;
/// anything else (an io error writing output) is said by what it means.
fn error_line(e: &anyhow::Error, lang: messages::Lang, color: bool) -> String {
    use messages::errors::Fatal;
    let stopped = |loaded: &load::Loaded| Fatal::Stopped { errors: loaded.findings.errors }.line(lang, color);
    for cause in e.chain() {
        if let Some(f) = cause.downcast_ref::<Fatal>() {
            return f.line(lang, color);
        }
        if let Some(ops::SettleError::Unreadable(loaded)) = cause.downcast_ref::<ops::SettleError>() {
            return stopped(loaded);
        }
    }
    format!("{}: {}", ui::paint("error", ui::ERROR, color), messages::escaped(&messages::errors::other(e, lang)))
}

/// A closed standard output, however the writer that met it wraps it
/// (serde_json and csv keep the io error inside their own).
pub(crate) fn is_broken_pipe(e: &anyhow::Error) -> bool {
    use std::io::ErrorKind::BrokenPipe;
    e.chain().any(|c| {
        c.downcast_ref::<std::io::Error>().is_some_and(|io| io.kind() == BrokenPipe)
            || c.downcast_ref::<serde_json::Error>().is_some_and(|j| j.io_error_kind() == Some(BrokenPipe))
            || c.downcast_ref::<csv::Error>().is_some_and(|c| matches!(c.kind(), csv::ErrorKind::Io(io) if io.kind() == BrokenPipe))
    })
}

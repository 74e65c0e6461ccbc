//! `leadctl completions SHELL` and `leadctl man`: generated from the clap
//! definition at run time, so they never drift from the real flags.

use clap_complete::Shell;

use super::{Exit, Io};

#[derive(Debug, clap::Args)]
pub struct Args {
    /// bash, zsh, fish, powershell or elvish
    #[arg(value_enum)]
    pub shell: Shell,
    #[command(flatten)]
    pub unused: super::args::NoUi,
}

/// Completions of `command` (the whole command line, from [`crate::cli`]).
pub fn completions(args: Args, mut command: clap::Command, io: &mut Io) -> anyhow::Result<Exit> {
    // Into memory first: clap_complete panics on a write error (a closed pipe).
    let mut script = Vec::new();
    clap_complete::generate(args.shell, &mut command, "leadctl", &mut script);
    io.out.write_all(&script)?;
    Ok(Exit::Clean)
}

#[derive(Debug, clap::Args)]
pub struct ManArgs {
    #[command(flatten)]
    pub unused: super::args::NoUi,
}

/// The man page of `command` (the whole command line, from [`crate::cli`]).
pub fn man(_: ManArgs, command: clap::Command, io: &mut Io) -> anyhow::Result<Exit> {
    let mut page = Vec::new();
    clap_mangen::Man::new(command).render(&mut page)?;
    // clap_mangen names its sections in English: each in the language.
    let page = String::from_utf8_lossy(&page);
    let lines: Vec<String> = page
        .lines()
        .map(|line| match line.strip_prefix(".SH ").and_then(|name| crate::messages::help::man_section(name, io.ui.lang)) {
            Some(name) => format!(".SH {name}"),
            None => line.to_string(),
        })
        .collect();
    writeln!(io.out, "{}", lines.join("\n"))?;
    Ok(Exit::Clean)
}

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
    clap_mangen::Man::new(command).render(&mut io.out)?;
    Ok(Exit::Clean)
}

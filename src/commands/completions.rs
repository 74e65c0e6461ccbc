//! `leadctl completions SHELL` and `leadctl man`: generated from the clap
//! definition at run time, so they never drift from the real flags.

use clap_complete::Shell;

use super::{Exit, Io};

#[derive(Debug, clap::Args)]
#[command(after_help = "Examples:\n  leadctl completions bash > ~/.local/share/bash-completion/completions/leadctl\n  leadctl completions zsh > ~/.zfunc/_leadctl\n  leadctl completions fish > ~/.config/fish/completions/leadctl.fish\n  leadctl completions powershell >> $PROFILE")]
pub struct Args {
    /// bash, zsh, fish, powershell or elvish
    #[arg(value_enum)]
    pub shell: Shell,
    #[command(flatten)]
    pub unused: super::args::NoUi,
}

/// Completions of `command` (the whole command line, from [`crate::cli`]).
pub fn completions(args: Args, mut command: clap::Command, io: &mut Io) -> anyhow::Result<Exit> {
    clap_complete::generate(args.shell, &mut command, "leadctl", &mut io.out);
    Ok(Exit::Clean)
}

#[derive(Debug, clap::Args)]
#[command(after_help = "Examples:\n  leadctl man > leadctl.1 && man ./leadctl.1\n  leadctl man | gzip > /usr/local/share/man/man1/leadctl.1.gz")]
pub struct ManArgs {
    #[command(flatten)]
    pub unused: super::args::NoUi,
}

/// The man page of `command` (the whole command line, from [`crate::cli`]).
pub fn man(_: ManArgs, command: clap::Command, io: &mut Io) -> anyhow::Result<Exit> {
    clap_mangen::Man::new(command).render(&mut io.out)?;
    Ok(Exit::Clean)
}

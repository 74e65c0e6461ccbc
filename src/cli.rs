//! The command line: subcommands and the flags they share.

use clap::{Parser, Subcommand};

use crate::commands;
use crate::messages::Lang;
use crate::ui::ColorWhen;

#[derive(Debug, Parser)]
#[command(
    name = "leadctl",
    version,
    about = "Settles who owns each sale: claim validity, protection, ownership and commissions",
    long_about = "leadctl reads the claim ledger (报备), the customer (deal) ledger and the policy in \
                  rules.toml, and decides who owns each deal, which claims are invalid and why, and \
                  each rep's commission.",
    after_help = "Examples:\n  leadctl init && leadctl attribute\n  leadctl check 意向客户跟踪表.xlsx\n  leadctl attribute --period 2026Q1 --out out/\n  leadctl explain 13800138000\n\n\
                  Exit status: 0 done (check: no error), 1 check found errors, 2 could not run."
)]
pub struct Cli {
    #[command(flatten)]
    pub global: GlobalArgs,
    #[command(subcommand)]
    pub command: Command,
}

/// Flags every subcommand takes.
#[derive(Debug, Clone, clap::Args)]
pub struct GlobalArgs {
    /// Print only errors; the exit status says the rest
    #[arg(short, long, global = true)]
    pub quiet: bool,
    /// Say what was read: the rules file used, each file's kind, encoding and row count
    #[arg(short, long, global = true)]
    pub verbose: bool,
    /// When to color output (NO_COLOR and CLICOLOR_FORCE are honoured with auto)
    #[arg(long, value_enum, value_name = "WHEN", global = true, default_value_t = ColorWhen::Auto)]
    pub color: ColorWhen,
    /// The language of messages, tables and help: zh or en [default: rules.toml lang, else the locale]
    #[arg(long, global = true, value_name = "LANG", value_parser = parse_lang)]
    pub lang: Option<Lang>,
}

fn parse_lang(text: &str) -> Result<Lang, String> {
    Lang::parse(text).ok_or_else(|| crate::messages::lang::not_a_lang(text))
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Decide who owns each deal, which claims are invalid, and commissions
    Attribute(commands::attribute::Args),
    /// Check spreadsheets before they are handed in: every problem, with its place
    Check(commands::check::Args),
    /// List phones that are probably one customer and not linked yet, as a links.csv to edit
    Dupes(commands::dupes::Args),
    /// Close a paid commission period: freeze its lines in a snapshot (closed/2026Q1.json)
    Close(commands::close::Args),
    /// Show one customer's timeline: every claim, touch, deal and ruling, and why
    Explain(commands::explain::Args),
    /// Write each rep's statement (提成明细) for a period: PERIOD-NAME.xlsx and .html
    Statement(commands::statement::Args),
    /// Write the manager's overview of a period as one printable HTML page
    Report(commands::report::Args),
    /// Start a folder: a commented rules.toml and sample ledgers (never overwrites)
    Init(commands::init::Args),
    /// Print shell completions (bash, zsh, fish, powershell, elvish)
    Completions(commands::completions::Args),
    /// Print the man page (roff)
    Man(commands::completions::ManArgs),
}


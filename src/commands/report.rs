//! `leadctl report --html FILE`: the manager's overview of a period as one
//! self-contained page (SPEC §17).

use std::path::PathBuf;

use super::statement::{no_lines, reconciled, write_file};
use super::{Exit, Io, Warnings, load_and_decide};
use super::args::{InputArgs, commission_period_arg};
use crate::domain::period::Period;
use crate::engine::overview::overview;
use crate::engine::statement::{self, Run};
use crate::messages::errors::Fatal;
use crate::messages::statements::{Output, Words};
use crate::render::html::{HtmlOptions, overview_page};

#[derive(Debug, clap::Args)]
pub struct Args {
    #[command(flatten)]
    pub input: InputArgs,
    /// Write the overview page to this file
    #[arg(long, value_name = "FILE")]
    pub html: PathBuf,
    /// The commission period [default: the latest period that has ended by the as-of day]
    #[arg(long, value_name = "PERIOD", value_parser = commission_period_arg)]
    pub period: Option<Period>,
    /// List claims whose protection ends within this many days of the as-of day
    #[arg(long, value_name = "N", default_value_t = 3)]
    pub warn_days: u32,
    /// Print phones as 138****8000
    #[arg(long)]
    pub mask_phones: bool,
}

pub fn run(args: Args, io: &mut Io) -> anyhow::Result<Exit> {
    let settled = load_and_decide(args.input.resolve()?, &args.input, io, Warnings::Show)?;
    let settlement = settled.settlement()?;
    let (run, resolved, loaded) = (Run { settled: settled.view(), settlement: &settlement }, &settled.resolved, &settled.loaded);
    let identities = reconciled(io, run, loaded.claims.rows, loaded.customers.rows)?;
    let (period, as_of) = statement::statement_period(run, args.period).map_err(Fatal::NoStatement)?;
    let ov = overview(run, period, as_of, args.warn_days);
    // The page is written either way; when no rep has a line in the period
    // (as `statement` finds), the page and the terminal say so, and which
    // period to give instead.
    let paid = run.settlement.lines.iter().any(|c| c.period == period);
    let notice = (!paid).then(|| no_lines(io.ui.lang, (period, args.period), as_of, resolved, Output::Overview));
    let page = overview_page(&ov, &identities, notice.as_deref(), HtmlOptions { words: Words::of(io.ui.lang), mask_phones: args.mask_phones });
    write_file(&args.html, page.as_bytes(), resolved)?;
    if !io.ui.quiet {
        writeln!(io.err, "{}", crate::messages::reports::wrote(io.ui.lang, crate::messages::escaped(&args.html.display().to_string())))?;
        if let Some(notice) = &notice {
            writeln!(io.err, "{notice}")?;
        }
    }
    Ok(Exit::Clean)
}

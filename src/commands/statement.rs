//! `leadctl statement`: one statement (提成明细) per rep for a period, as a
//! workbook and a printable page (SPEC §17).

use std::path::{Path, PathBuf};

use anyhow::Context;

use super::{Exit, Io, Warnings, load_and_decide};
use super::args::{InputArgs, commission_period_arg};
use crate::load::Resolved;
use crate::domain::period::Period;
use crate::domain::text::fold;
use crate::engine::reconcile::Reconciliation;
use crate::engine::statement::{self, Run};
use crate::messages::errors::{Doing, Fatal};
use crate::messages::decisions;
use crate::messages::statements::{self as words, Words};
use crate::render::html::{HtmlOptions, statement_page};
use crate::render::statement_xlsx::statement_workbook;

#[derive(Debug, clap::Args)]
pub struct Args {
    #[command(flatten)]
    pub input: InputArgs,
    /// The commission period [default: the latest period that has ended by the as-of day]
    #[arg(long, value_name = "PERIOD", value_parser = commission_period_arg)]
    pub period: Option<Period>,
    /// Only this rep's statement, written even when the rep has no commission line
    #[arg(long, value_name = "NAME")]
    pub rep: Option<String>,
    /// The folder to write PERIOD-NAME.xlsx and PERIOD-NAME.html into (created if needed)
    #[arg(long, value_name = "DIR")]
    pub out: PathBuf,
    /// Print phones as 138****8000
    #[arg(long)]
    pub mask_phones: bool,
}

/// The notice that no rep has a commission line in `period`, the period
/// shown (`given` is `--period`, when it was given): when it was taken by
/// default, it names the period still running.
pub(super) fn no_lines(lang: crate::messages::Lang, (period, given): (Period, Option<Period>), as_of: chrono::NaiveDate, resolved: &Resolved, output: words::Output) -> String {
    let current = Period::of(as_of, resolved.rules.policy.commission.period);
    words::no_lines(lang, period, given.is_none().then_some((as_of, current)), output)
}

pub fn run(args: Args, io: &mut Io) -> anyhow::Result<Exit> {
    let lang = io.ui.lang;
    let settled = load_and_decide(args.input.resolve()?, &args.input, io, Warnings::Show)?;
    let settlement = settled.settlement()?;
    let (run, resolved, loaded) = (Run { settled: settled.view(), settlement: &settlement }, &settled.resolved, &settled.loaded);
    reconciled(io, run, loaded.claims.rows, loaded.customers.rows)?;
    let (period, as_of) = statement::statement_period(run, args.period).map_err(Fatal::NoStatement)?;
    let rep = args.rep.as_deref().map(fold);
    let statements = statement::statements(run, period, as_of, rep.as_deref()).map_err(Fatal::NoStatement)?;
    if statements.is_empty() {
        if !io.ui.quiet {
            writeln!(io.err, "{}", no_lines(lang, (period, args.period), as_of, resolved, words::Output::Statements))?;
        }
        return Ok(Exit::Clean);
    }
    std::fs::create_dir_all(&args.out).map_err(|source| Fatal::CreateFolder { dir: args.out.clone(), source })?;
    let names: Vec<&str> = statements.iter().map(|s| s.rep).collect();
    let w = Words::of(lang);
    let options = HtmlOptions { words: w, mask_phones: args.mask_phones };
    let mut written = Vec::new();
    for (st, stem) in statements.iter().zip(statement::file_stems(period, &names)) {
        let html = args.out.join(format!("{stem}.html"));
        let page = statement_page(st, run, options);
        write_file(&html, page.as_bytes(), resolved)?;
        let xlsx = args.out.join(format!("{stem}.xlsx"));
        let book = statement_workbook(st, run, w, args.mask_phones).map_err(std::io::Error::other);
        write_file(&xlsx, &book.with_context(|| Doing::Writing { file: xlsx.clone(), nothing_replaced: false })?, resolved)?;
        written.extend([xlsx, html]);
    }
    if !io.ui.quiet {
        for path in written {
            writeln!(io.err, "{}", crate::messages::reports::wrote(lang, crate::messages::escaped(&path.display().to_string())))?;
        }
    }
    Ok(Exit::Clean)
}

/// Writes a file atomically (beside, then renamed), never over an input.
pub(super) fn write_file(path: &Path, bytes: &[u8], inputs: &Resolved) -> anyhow::Result<()> {
    // Inputs by device and inode (SPEC §16): the ledgers, links included, and rules.toml.
    let files = inputs.ledgers.iter().filter(|i| i.bytes.is_none()).map(|i| i.path.as_path());
    let inputs = crate::render::publish::Inputs::new(files.chain([inputs.rules_path.as_path()]), false);
    if inputs.holds(path) {
        return Err(Fatal::OutIsInput { path: path.to_path_buf() }.into());
    }
    crate::render::publish::write_file(path, &inputs, |w| w.write_all(bytes)).with_context(|| Doing::Writing { file: path.to_path_buf(), nothing_replaced: false })
}

/// Stops, printing the identities, when a row or an amount was lost; returns
/// the identities one a line, each with whether it holds.
pub(super) fn reconciled(io: &mut Io, run: Run, claim_rows: u64, deal_rows: u64) -> anyhow::Result<Vec<(String, bool)>> {
    let r = Reconciliation::new(run.settled.ledgers, run.settled.outcome, claim_rows, deal_rows);
    if !r.balanced {
        for line in decisions::reconciliation(io.ui.lang, &r) {
            writeln!(io.err, "{}", crate::messages::escaped(&line))?;
        }
        return Err(Fatal::Unbalanced.into());
    }
    Ok(decisions::reconciliation_identities(io.ui.lang, &r))
}

//! `leadctl close PERIOD`: freeze a paid commission period in a snapshot
//! (SPEC §14), so that later runs post differences as adjustments.

use std::collections::BTreeMap;

use crate::ops::SettledRun;
use super::{Exit, Io, Warnings, load_and_decide_with};
use super::args::{InputArgs, commission_period_arg};
use crate::domain::period::Period;
use crate::engine::closing::{self, Refusal};
use crate::engine::reconcile::Reconciliation;
use crate::load::snapshot::file_name;
use crate::messages::closing as msg;
use crate::messages::errors::Fatal;
use crate::diag::Findings;
use crate::engine::Settled;
use crate::messages::decisions;
use crate::render::Report;
use crate::render::table::{self, TableOptions};

#[derive(Debug, clap::Args)]
pub struct Args {
    /// The commission period to close: 2026Q1, or 2026-03 with commission.period = "month"
    #[arg(value_name = "PERIOD", value_parser = commission_period_arg)]
    pub period: Period,
    #[command(flatten)]
    pub input: InputArgs,
}

pub fn run(args: Args, io: &mut Io) -> anyhow::Result<Exit> {
    let period = args.period;
    let resolved = args.input.resolve()?;
    let kind = resolved.rules.policy.commission.period;
    if period.months() != kind.months() {
        return Err(Fatal::NotCommissionPeriod { period, kind }.into());
    }
    let path = resolved.closed_folder().join(file_name(period));
    if path.exists() {
        return Err(Fatal::CloseRefused { period, refusal: Refusal::AlreadyClosed { file: path.display().to_string() } }.into());
    }
    let rules_text = crate::load::read_rules_text(&resolved.rules_path)?;
    let SettledRun { resolved, loaded, outcome, snapshots, .. } = load_and_decide_with(resolved, &args.input, io, Warnings::Show, true, None)?;
    closing::may_close(period, outcome.as_of, &snapshots).map_err(|refusal| Fatal::CloseRefused { period, refusal })?;
    let reconciliation = Reconciliation::new(&loaded.ledgers, &outcome, loaded.claims.rows, loaded.customers.rows);
    if !reconciliation.balanced {
        for line in decisions::reconciliation(io.ui.lang, &reconciliation) {
            writeln!(io.err, "{}", crate::messages::escaped(&line))?;
        }
        return Err(Fatal::NotClosedUnbalanced { period }.into());
    }
    let as_of = outcome.as_of.unwrap_or(period.last_day());
    let settlement = super::settle(&loaded.ledgers, &outcome, snapshots)?;
    let name = path.display().to_string();
    let snapshot = closing::snapshot_of(&loaded.ledgers, &outcome.customers, &settlement, period, as_of, &rules_text, &name);
    let inputs = &resolved.ledgers;
    let ledgers: BTreeMap<String, Option<String>> = [("claims", &inputs.claims), ("customers", &inputs.customers), ("rulings", &inputs.rulings), ("links", &inputs.links)]
        .into_iter()
        .map(|(k, i)| (k.to_string(), i.as_ref().map(|i| i.name.clone())))
        .collect();
    let closed_on = crate::load::clock::today(resolved.rules.timezone)?;
    crate::render::snapshot::write_new(&path, &snapshot, closed_on, ledgers).map_err(|e| match e.kind() {
        std::io::ErrorKind::AlreadyExists => Fatal::CloseRefused { period, refusal: Refusal::AlreadyClosed { file: name.clone() } },
        _ => Fatal::Write { file: name.clone(), source: e },
    })?;
    // A first close that leaves an earlier period with lines open leaves it open for good.
    let mut left_open = Findings::new(usize::MAX);
    crate::check::open_before_closed(&settlement, period, &name, &mut left_open);
    for warning in &left_open.kept {
        writeln!(io.err, "{}", warning.paint(io.ui.color_err, io.ui.lang))?;
    }
    if !io.ui.quiet {
        let x = Settled { ledgers: &loaded.ledgers, policy: &resolved.rules.policy, outcome: &outcome };
        let report = Report { x, period: Some(period), settlement: &settlement, mask_phones: false, lang: io.ui.lang };
        table::write_commissions(&report, io.out, TableOptions { wrap: table::default_wrap(), mask_phones: false })?;
        let rows: usize = snapshot.rows.values().map(Vec::len).sum();
        writeln!(io.err, "{}", crate::messages::escaped(&msg::closed(io.ui.lang, period, as_of, &name, snapshot.lines.len(), rows)))?;
    }
    Ok(Exit::Clean)
}

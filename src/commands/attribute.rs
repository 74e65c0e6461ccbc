//! `leadctl attribute`: who owns each deal, which claims are invalid and why,
//! and each rep's commission.

use std::path::{Path, PathBuf};

use anyhow::Context;
use clap::ValueEnum;

use super::{Decided, Exit, Io, Warnings, load_and_decide};
use crate::cli::{InputArgs, period_arg};
use crate::domain::period::{Period, PeriodKind};
use crate::load::LedgerInputs;
use crate::engine::reconcile::Reconciliation;
use crate::messages::decisions::{self, Explainer};
use crate::render::csv_out::{self, CsvOptions};
use crate::render::table::{self, TableOptions};
use crate::render::{Report, json};

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    Table,
    Csv,
    Json,
}

#[derive(Debug, clap::Args)]
#[command(after_help = "Examples:\n  \
    leadctl attribute\n  \
    leadctl attribute --as-of 2026-03-31 --period 2026Q1\n  \
    leadctl attribute --out out/            # writes out/deals.csv, claims.csv, commissions.csv\n  \
    leadctl attribute --format json > month.json")]
pub struct Args {
    #[command(flatten)]
    pub input: InputArgs,
    /// Only report commission periods inside this one: 2026Q1, 2026-03 or 2026
    #[arg(long, value_name = "PERIOD", value_parser = period_arg)]
    pub period: Option<Period>,
    /// Write deals.csv, claims.csv and commissions.csv into this folder
    #[arg(long, value_name = "DIR")]
    pub out: Option<PathBuf>,
    /// What to print on standard output
    #[arg(long, value_enum, default_value_t = Format::Table)]
    pub format: Format,
    /// Write CSV without the UTF-8 byte-order mark Excel needs
    #[arg(long)]
    pub no_bom: bool,
    /// Do not neutralise CSV cells that a spreadsheet would run as formulas
    #[arg(long)]
    pub raw: bool,
    /// Print phones as 138****8000 in tables
    #[arg(long)]
    pub mask_phones: bool,
}

pub fn run(args: Args, io: &mut Io) -> anyhow::Result<Exit> {
    let resolved = args.input.resolve()?;
    if let Some(period) = args.period {
        check_period(period, resolved.rules.policy.commission.period)?;
    }
    if let Some(dir) = &args.out {
        refuse_overwrite(dir, &resolved.ledgers, &resolved.rules_path)?;
    }
    let Decided { resolved, loaded, outcome } = load_and_decide(&args.input, io, Warnings::Show)?;
    let policy = &resolved.rules.policy;
    let reconciliation = Reconciliation::new(&loaded.ledgers, &outcome, loaded.claims.rows, loaded.customers.rows);
    let footer = decisions::reconciliation(&reconciliation);
    if !reconciliation.balanced {
        for line in &footer {
            writeln!(io.err, "{line}")?;
        }
        anyhow::bail!("reconciliation failed: a row or an amount was lost; nothing was written");
    }
    let report = Report { x: Explainer { ledgers: &loaded.ledgers, policy, outcome: &outcome }, period: args.period };
    let csv_options = CsvOptions { bom: !args.no_bom, neutralise: !args.raw };
    let table_options = TableOptions { width: table::default_width(), mask_phones: args.mask_phones };
    match (args.format, &args.out) {
        (Format::Table, None) => table::write_tables(&report, io.out, table_options)?,
        (Format::Table, Some(_)) => table::write_commissions(&report, io.out, table_options)?,
        (Format::Json, _) => json::write_json(&report, &[("reconciliation", &reconciliation)], io.out)?,
        (Format::Csv, _) => write_csv_stream(&report, io, csv_options)?,
    }
    if args.format == Format::Table {
        writeln!(io.out, "\nReconciliation")?;
        for line in &footer {
            writeln!(io.out, "  {line}")?;
        }
    }
    if let Some(dir) = &args.out {
        let written = csv_out::write_dir(&report, dir, csv_options).with_context(|| format!("writing {}", dir.display()))?;
        for path in written {
            writeln!(io.err, "wrote {}", path.display())?;
        }
    }
    Ok(Exit::Clean)
}


/// The three reports as CSV on standard output, separated by a blank line.
fn write_csv_stream(report: &Report, io: &mut Io, options: CsvOptions) -> std::io::Result<()> {
    use crate::render::view::{CLAIM_COLUMNS, COMMISSION_COLUMNS, DEAL_COLUMNS};
    let options = CsvOptions { bom: false, ..options };
    csv_out::write_rows(&mut *io.out, &DEAL_COLUMNS, report.deals(), options)?;
    writeln!(io.out)?;
    csv_out::write_rows(&mut *io.out, &CLAIM_COLUMNS, report.claims().map(|(_, c)| c), options)?;
    writeln!(io.out)?;
    csv_out::write_rows(&mut *io.out, &COMMISSION_COLUMNS, report.commissions(), options)
}

/// `--period` must hold whole commission periods: a month cannot select
/// quarterly commissions.
fn check_period(filter: Period, kind: PeriodKind) -> anyhow::Result<()> {
    if filter.months() < kind.months() {
        anyhow::bail!("--period {filter} is shorter than commission.period = \"{}\"; give a whole {0} or a year", kind.as_str());
    }
    Ok(())
}

/// `--out` must not name a folder where writing would replace an input.
fn refuse_overwrite(dir: &Path, inputs: &LedgerInputs, rules: &Path) -> anyhow::Result<()> {
    let outputs = ["deals.csv", "claims.csv", "commissions.csv"].map(|n| dir.join(n));
    let input_paths = [&inputs.claims, &inputs.customers, &inputs.rulings].map(|i| i.as_ref().map(|i| &i.path));
    for input in input_paths.into_iter().flatten().chain([&rules.to_path_buf()]) {
        let Ok(input) = input.canonicalize() else { continue };
        for out in &outputs {
            if out.canonicalize().is_ok_and(|o| o == input) {
                anyhow::bail!("--out {} would overwrite the input {}; choose another folder", dir.display(), out.display());
            }
        }
    }
    Ok(())
}

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
use crate::render::{Report, json, xlsx_out};

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    Table,
    Csv,
    Json,
    Xlsx,
}

/// Where `--out` sends the reports.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Target {
    /// No `--out`: standard output.
    Screen,
    /// `--out -`: a stream on standard output (csv or json).
    Stdout,
    /// `--out DIR`: deals.csv, claims.csv, commissions.csv.
    Folder(PathBuf),
    /// `--out FILE` with `--format json` or `xlsx`.
    File(PathBuf),
}

#[derive(Debug, clap::Args)]
#[command(after_help = "Examples:\n  \
    leadctl attribute\n  \
    leadctl attribute --as-of 2026-03-31 --period 2026Q1\n  \
    leadctl attribute --out out/            # writes out/deals.csv, claims.csv, commissions.csv\n  \
    leadctl attribute --format json > month.json\n  \
    leadctl attribute --format xlsx --out 2026Q1.xlsx\n  \
    leadctl attribute --format csv --claims - < claims.csv | xsv search -s report commissions")]
pub struct Args {
    #[command(flatten)]
    pub input: InputArgs,
    /// Only report commission periods inside this one: 2026Q1, 2026-03 or 2026
    #[arg(long, value_name = "PERIOD", value_parser = period_arg)]
    pub period: Option<Period>,
    /// Write the reports: a folder gets deals.csv, claims.csv and commissions.csv;
    /// with --format json or xlsx, a file; `-` streams csv or json to standard output
    #[arg(long, value_name = "DIR|FILE|-")]
    pub out: Option<PathBuf>,
    /// table (terminal), csv, json, or xlsx (one workbook, with --out FILE.xlsx)
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
    let target = target(args.format, args.out.as_deref())?;
    let resolved = args.input.resolve()?;
    if let Some(period) = args.period {
        check_period(period, resolved.rules.policy.commission.period)?;
    }
    if let Target::Folder(path) | Target::File(path) = &target {
        refuse_overwrite(path, &resolved.ledgers, &resolved.rules_path)?;
    }
    let Decided { resolved, loaded, outcome, snapshots } = load_and_decide(resolved, &args.input, io, Warnings::Show)?;
    let policy = &resolved.rules.policy;
    let reconciliation = Reconciliation::new(&loaded.ledgers, &outcome, loaded.claims.rows, loaded.customers.rows);
    io.verbose(format_args!("as of {}", outcome.as_of.map_or("-".to_string(), |d| d.to_string())))?;
    let footer = decisions::reconciliation(&reconciliation);
    if !reconciliation.balanced {
        for line in &footer {
            writeln!(io.err, "{line}")?;
        }
        anyhow::bail!("reconciliation failed: a row or an amount was lost; nothing was written");
    }
    let settlement = super::settle(&loaded.ledgers, &outcome, snapshots)?;
    if !io.ui.quiet {
        let mut edited = crate::diag::Findings::new(args.input.read.max_errors);
        crate::check::closed_period_findings(&loaded.ledgers, &settlement, &mut edited);
        super::print_findings(io, &edited, false)?;
    }
    let x = Explainer { ledgers: &loaded.ledgers, policy, outcome: &outcome };
    let report = Report { x, period: args.period, settlement: &settlement };
    let csv_options = CsvOptions { bom: !args.no_bom, neutralise: !args.raw };
    let table_options = TableOptions { wrap: table::default_wrap(), mask_phones: args.mask_phones };
    let stream = CsvOptions { bom: false, ..csv_options };
    match (&target, args.format) {
        (Target::Screen | Target::Stdout, Format::Json) => json::write_json(&report, &reconciliation, io.out)?,
        (Target::Screen | Target::Stdout, Format::Csv) => csv_out::write_stream(&report, &mut *io.out, stream)?,
        (_, Format::Table) if !io.ui.quiet => {
            if target == Target::Screen {
                table::write_tables(&report, io.out, table_options)?;
            } else {
                table::write_commissions(&report, io.out, table_options)?;
            }
            writeln!(io.out, "\nReconciliation")?;
            for line in &footer {
                writeln!(io.out, "  {line}")?;
            }
            // Sheets not read are named where rows are counted (SPEC §11).
            for line in super::skipped_sheets(&resolved.ledgers, &loaded) {
                writeln!(io.out, "  {line}")?;
            }
        }
        _ => {}
    }
    let started = std::time::Instant::now();
    let written = match (&target, args.format) {
        (Target::Folder(dir), _) => csv_out::write_dir(&report, dir, csv_options, args.input.read.parallel()).with_context(|| format!("writing {}", dir.display()))?,
        (Target::File(file), Format::Xlsx) => {
            xlsx_out::write_workbook(&report, file).with_context(|| format!("writing {}", file.display()))?;
            vec![file.clone()]
        }
        (Target::File(file), _) => {
            csv_out::atomic_write(file, |w| json::write_json(&report, &reconciliation, w))
                .with_context(|| format!("writing {}", file.display()))?;
            vec![file.clone()]
        }
        _ => Vec::new(),
    };
    if !written.is_empty() {
        io.verbose(format_args!("wrote in {:.2} s", started.elapsed().as_secs_f64()))?;
    }
    if !io.ui.quiet {
        for path in written {
            writeln!(io.err, "wrote {}", path.display())?;
        }
    }
    Ok(Exit::Clean)
}

/// Where the reports go, or why this `--format` and `--out` do not fit.
fn target(format: Format, out: Option<&Path>) -> anyhow::Result<Target> {
    let target = match out {
        None => Target::Screen,
        Some(p) if p.as_os_str() == "-" => Target::Stdout,
        Some(p) if matches!(format, Format::Json | Format::Xlsx) => {
            if p.is_dir() {
                anyhow::bail!("--out {} is a folder; --format {} writes one file, like report.{}", p.display(), format_name(format), format_name(format));
            }
            Target::File(p.to_path_buf())
        }
        Some(p) => Target::Folder(p.to_path_buf()),
    };
    match (&target, format) {
        (Target::Stdout, Format::Table | Format::Xlsx) => {
            anyhow::bail!("--out - streams to standard output; give --format csv or --format json")
        }
        (Target::Screen, Format::Xlsx) => anyhow::bail!("--format xlsx needs --out FILE.xlsx"),
        _ => Ok(target),
    }
}

fn format_name(format: Format) -> &'static str {
    match format {
        Format::Table => "table",
        Format::Csv => "csv",
        Format::Json => "json",
        Format::Xlsx => "xlsx",
    }
}

/// `--period` must hold whole commission periods: a month cannot select
/// quarterly commissions.
fn check_period(filter: Period, kind: PeriodKind) -> anyhow::Result<()> {
    if filter.months() < kind.months() {
        anyhow::bail!("--period {filter} is shorter than commission.period = \"{}\"; give a whole {0} or a year", kind.as_str());
    }
    Ok(())
}

/// `--out` must not name a file, or a folder, where writing would replace an input.
fn refuse_overwrite(dir: &Path, inputs: &LedgerInputs, rules: &Path) -> anyhow::Result<()> {
    let outputs = ["deals.csv", "claims.csv", "commissions.csv"].map(|n| dir.join(n)).into_iter().chain([dir.to_path_buf()]);
    let outputs: Vec<PathBuf> = outputs.collect();
    let input_paths = [&inputs.claims, &inputs.customers, &inputs.rulings, &inputs.links].map(|i| i.as_ref().map(|i| &i.path));
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

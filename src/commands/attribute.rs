//! `leadctl attribute`: who owns each deal, which claims are invalid and why,
//! and each rep's commission.

use std::path::{Path, PathBuf};

use anyhow::Context;
use clap::ValueEnum;

use crate::ops::SettledRun;
use super::{Exit, Io, Warnings};
use super::args::{InputArgs, period_arg};
use crate::domain::period::{Period, PeriodKind};
use crate::load::LedgerInputs;
use crate::engine::reconcile::Reconciliation;
use crate::engine::Settled;
use crate::messages::decisions;
use crate::messages as msg;
use crate::messages::errors::{Doing, Fatal};
use crate::render::csv_out::{self, CsvOptions};
use crate::render::publish::{self, Existing, InputHash, Inputs, Manifest};
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
    /// `--out FILE` with `--format json` or `xlsx`, or `--format csv` and a
    /// name ending in `.csv`: one file.
    File(PathBuf),
}

#[derive(Debug, clap::Args)]
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
    /// Show phones as 138****8000 everywhere: tables, warnings, files, JSON and CSV
    #[arg(long)]
    pub mask_phones: bool,
    /// With --out DIR: wait this long for another run writing DIR to end
    #[arg(long, value_name = "SECS", default_value_t = 0)]
    pub wait: u64,
}

pub fn run(args: Args, io: &mut Io) -> anyhow::Result<Exit> {
    let target = target(args.format, args.out.as_deref())?;
    // SPEC §16: one run at a time on a folder, locked before any input is read.
    let _lock = match &target {
        Target::Folder(dir) => Some(publish::lock(dir, std::time::Duration::from_secs(args.wait))?),
        _ => None,
    };
    let resolved = args.input.resolve()?;
    if let Some(period) = args.period {
        check_period(period, resolved.rules.policy.commission.period)?;
    }
    let inputs = inputs_of(&args.input, &resolved.ledgers, &resolved.rules_path);
    inputs.refuse_stdout()?;
    let existing = match &target {
        Target::Folder(dir) => {
            let existing = publish::inspect(dir, &inputs)?;
            publish::remove_leftovers(dir, &existing, &inputs);
            existing
        }
        Target::File(file) if inputs.holds(file) => return Err(Fatal::OutIsInput { path: file.clone() }.into()),
        _ => Existing::Nothing,
    };
    // The manifest's input hashes, taken on the core deciding leaves idle:
    // reading keeps both busy, so the hashing waits until it is done.
    let (read_done, hashing) = match &target {
        Target::Folder(_) if args.input.read.parallel() => {
            let (ledgers, rules) = (resolved.ledgers.clone(), resolved.rules_path.clone());
            let (done, read) = std::sync::mpsc::sync_channel(1);
            // A failed read drops the sender and the hashes are not used.
            (Some(done), Some(std::thread::spawn(move || read.recv().ok().map(|()| hash_inputs(&ledgers, &rules)))))
        }
        _ => (None, None),
    };
    let warnings = if args.mask_phones { Warnings::ShowMasked } else { Warnings::Show };
    let SettledRun { resolved, loaded, outcome, snapshots, .. } = super::load_and_decide_with(resolved, &args.input, io, warnings, false, read_done)?;
    let policy = &resolved.rules.policy;
    let reconciliation = Reconciliation::new(&loaded.ledgers, &outcome, loaded.claims.rows, loaded.customers.rows);
    let lang = io.ui.lang;
    io.verbose(msg::reports::as_of(lang, outcome.as_of))?;
    let footer = decisions::reconciliation(lang, &reconciliation);
    if !reconciliation.balanced {
        for line in &footer {
            writeln!(io.err, "{}", msg::escaped(line))?;
        }
        return Err(Fatal::Unbalanced.into());
    }
    let settlement = super::settle(&loaded.ledgers, &outcome, snapshots)?;
    if !io.ui.quiet {
        let mut edited = crate::diag::Findings::new(args.input.read.max_errors);
        crate::check::closed_period_findings(&loaded.ledgers, &settlement, &mut edited);
        super::print_findings(io, &edited, false)?;
    }
    let x = Settled { ledgers: &loaded.ledgers, policy, outcome: &outcome };
    let report = Report { x, period: args.period, settlement: &settlement, mask_phones: args.mask_phones, lang: io.ui.lang };
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
            writeln!(io.out, "\n{}", msg::labels::reconciliation_heading(lang))?;
            for line in &footer {
                writeln!(io.out, "  {}", msg::escaped(line))?;
            }
            // Sheets not read are named where rows are counted (SPEC §11).
            for line in super::skipped_sheets(&resolved.ledgers, &loaded, io.ui.lang) {
                writeln!(io.out, "  {}", msg::escaped(&line))?;
            }
        }
        _ => {}
    }
    let started = std::time::Instant::now();
    let nothing_replaced = |path: &Path| Doing::Writing { file: path.to_path_buf(), nothing_replaced: true };
    let written = match (&target, args.format) {
        (Target::Folder(dir), _) => {
            let set = publish::Set::begin(dir, existing).with_context(|| nothing_replaced(dir))?;
            csv_out::write_set(&report, &set, csv_options, args.input.read.parallel()).with_context(|| nothing_replaced(dir))?;
            let hashed = hashing.and_then(|thread| thread.join().unwrap_or_else(|panic| std::panic::resume_unwind(panic)));
            let inputs = match hashed {
                Some(inputs) => inputs?,
                None => hash_inputs(&resolved.ledgers, &resolved.rules_path)?,
            };
            let manifest = Manifest { as_of: outcome.as_of.map(|d| d.to_string()), inputs };
            if let Some(warning) = set.publish(&manifest).with_context(|| nothing_replaced(dir))? {
                writeln!(io.err, "warning: {}", msg::escaped(&warning.text(io.ui.lang)))?;
            }
            publish::SET_FILES.iter().chain([&publish::MANIFEST]).map(|name| dir.join(name)).collect()
        }
        (Target::File(file), Format::Xlsx) => {
            xlsx_out::write_workbook(&report, file, &inputs).with_context(|| nothing_replaced(file))?;
            vec![file.clone()]
        }
        (Target::File(file), Format::Csv) => {
            publish::write_file(file, &inputs, |w| csv_out::write_stream(&report, w, csv_options)).with_context(|| nothing_replaced(file))?;
            vec![file.clone()]
        }
        (Target::File(file), _) => {
            publish::write_file(file, &inputs, |w| json::write_json(&report, &reconciliation, w))
                .with_context(|| nothing_replaced(file))?;
            vec![file.clone()]
        }
        _ => Vec::new(),
    };
    if !written.is_empty() {
        io.verbose(msg::reports::wrote_in(lang, started.elapsed().as_secs_f64()))?;
    }
    if !io.ui.quiet {
        for path in written {
            writeln!(io.err, "{}", msg::reports::wrote(lang, msg::escaped(&path.display().to_string())))?;
        }
    }
    Ok(Exit::Clean)
}

/// Device and inode of every input of the run: the ledgers, the rules
/// file, and standard input's file when `-` is given.
pub(crate) fn inputs_of(args: &InputArgs, ledgers: &LedgerInputs, rules: &Path) -> Inputs {
    let given = [&args.claims, &args.customers, &args.rulings, &args.links];
    let stdin = given.iter().any(|p| p.as_deref().is_some_and(crate::load::Input::is_stdin_path));
    let files = ledgers.iter().filter(|i| i.bytes.is_none());
    Inputs::new(files.map(|i| i.path.as_path()).chain([rules]), stdin)
}

/// The SHA-256 of each input, for `manifest.json`.
fn hash_inputs(ledgers: &LedgerInputs, rules: &Path) -> anyhow::Result<Vec<InputHash>> {
    let mut hashes = vec![InputHash::of("rules", &rules.display().to_string(), None, rules)?];
    for (role, input) in [("claims", &ledgers.claims), ("customers", &ledgers.customers), ("rulings", &ledgers.rulings), ("links", &ledgers.links)] {
        if let Some(i) = input {
            hashes.push(InputHash::of(role, &i.name, i.bytes.as_deref(), &i.path).with_context(|| Doing::Reading { file: i.name.clone() })?);
        }
    }
    Ok(hashes)
}

/// Where the reports go, or why this `--format` and `--out` do not fit.
fn target(format: Format, out: Option<&Path>) -> anyhow::Result<Target> {
    let target = match out {
        None => Target::Screen,
        Some(p) if p.as_os_str() == "-" => Target::Stdout,
        Some(p) if matches!(format, Format::Json | Format::Xlsx) => {
            if p.is_dir() {
                return Err(Fatal::OutIsFolder { path: p.to_path_buf(), format: format_name(format) }.into());
            }
            Target::File(p.to_path_buf())
        }
        // `--format csv --out x.csv`: the stream, into that file.
        Some(p) if format == Format::Csv && !p.is_dir() && p.extension().is_some_and(|e| e.eq_ignore_ascii_case("csv")) => {
            Target::File(p.to_path_buf())
        }
        Some(p) if std::fs::symlink_metadata(p).is_ok_and(|m| m.is_file()) => return Err(Fatal::OutIsFile { path: p.to_path_buf() }.into()),
        Some(p) => Target::Folder(p.to_path_buf()),
    };
    match (&target, format) {
        (Target::Stdout, Format::Table | Format::Xlsx) => {
            Err(Fatal::StdoutNeedsFormat.into())
        }
        (Target::Screen, Format::Xlsx) => Err(Fatal::XlsxNeedsOut.into()),
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
        return Err(Fatal::PeriodTooShort { period: filter, kind }.into());
    }
    Ok(())
}

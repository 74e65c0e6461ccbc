//! `leadctl check FILE...`: everything `attribute` would reject, and what a
//! rep can still fix, before a spreadsheet is handed in.

use std::path::PathBuf;

use chrono::NaiveDate;
use clap::ValueEnum;

use super::{Exit, Io};
use crate::check::Horizon;
use super::args::{ReadArgs, day_arg};
use crate::load::discover::{input, load_rules_file, rules_ledgers};
use crate::diag::Findings;
use crate::load::{self, Input, LoadOptions};
use crate::messages as msg;
use crate::ops::{self, CheckOptions, CheckReport, Checked, CheckedKind};

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    Text,
    Json,
}

#[derive(Debug, clap::Args)]
pub struct Args {
    /// Claim ledgers, customer ledgers and rulings (.csv, .tsv, .txt, .xlsx, .xls, .ods);
    /// each file's kind is recognised from its columns [default: the ledgers in rules.toml]
    #[arg(value_name = "FILE")]
    pub files: Vec<PathBuf>,
    #[command(flatten)]
    pub read: ReadArgs,
    /// Warn about claims that lapse or expire soon after this day [default: today]
    #[arg(long, value_name = "DAY", value_parser = day_arg)]
    pub as_of: Option<NaiveDate>,
    /// How many days ahead to warn about lapsing and expiring claims
    #[arg(long, value_name = "DAYS", default_value_t = 3)]
    pub warn_days: u32,
    /// Warnings count as errors for the exit status
    #[arg(long)]
    pub strict: bool,
    /// Text for people, JSON for scripts
    #[arg(long, value_enum, default_value_t = Format::Text)]
    pub format: Format,
}

pub fn run(args: Args, io: &mut Io) -> anyhow::Result<Exit> {
    let (rules_path, rules) = load_rules_file(&args.read.rules)?;
    let context = rules_ledgers(&rules_path, &rules);
    let given: Vec<Input> = if args.files.is_empty() {
        [&context.claims, &context.customers, &context.rulings, &context.links].into_iter().flatten().cloned().collect()
    } else {
        if args.files.iter().filter(|f| Input::is_stdin_path(f)).count() > 1 {
            return Err(msg::errors::Fatal::OneStdin.into());
        }
        args.files.iter().map(|f| input(f)).collect::<anyhow::Result<_>>()?
    };
    let files = given.iter().chain([&context.claims, &context.customers, &context.rulings].into_iter().flatten());
    let stdin = args.files.iter().any(|f| Input::is_stdin_path(f));
    crate::render::publish::Inputs::new(files.filter(|i| i.bytes.is_none()).map(|i| i.path.as_path()).chain([rules_path.as_path()]), stdin)
        .refuse_stdout()?;
    if given.is_empty() {
        return Err(msg::errors::Fatal::NothingToCheck { rules: rules_path.clone() }.into());
    }
    io.verbose(msg::rules_read(&rules_path.display().to_string(), io.ui.lang))?;
    let as_of = match args.as_of {
        Some(day) => day,
        None => load::clock::today(rules.timezone)?,
    };
    // `check` says which day it took as today (SPEC §12).
    let today_in = args.as_of.is_none().then_some(rules.timezone);
    let horizon = Horizon { as_of, warn_days: args.warn_days };
    let resolved = crate::load::Resolved { rules_path: rules_path.clone(), rules: rules.clone(), ledgers: context.clone() };
    let snapshots = load::snapshot::read_all(&resolved.closed_folder(), &resolved.closed_folder())?;
    let progress = io.progress();
    let load = LoadOptions { hashes: !snapshots.is_empty(), progress: progress.clone(), ..args.read.load_options(&rules) };
    let options = CheckOptions { given, context, policy: &rules.policy, load, horizon, snapshots: &snapshots, today_in };
    let mut said = Ok(());
    let report = ops::check(&options, &mut |group, loaded| {
        if said.is_ok() {
            said = super::say_read(io, group, loaded);
        }
    });
    if let Some(bar) = progress {
        bar.finish_and_clear();
    }
    said?;
    render(&report?, &args, io, &rules_path)
}

/// Prints the findings and the summary (text) or one document (JSON);
/// the exit status the findings call for.
fn render(report: &CheckReport, args: &Args, io: &mut Io, rules_path: &std::path::Path) -> anyhow::Result<Exit> {
        let f = &report.findings;
        let failed = f.errors > 0 || (args.strict && f.warnings > 0);
        let exit = if failed { Exit::Findings } else { Exit::Clean };
        // A reader that stops early (`| head`) still gets the status the
        // findings call for.
        let written = (|| -> anyhow::Result<()> {
            match args.format {
                Format::Json => {
                    let doc = serde_json::json!({
                        "rules": rules_path.display().to_string(),
                        "as_of": report.horizon.as_of.to_string(),
                        "today_in": report.today_in.map(|tz| tz.name()),
                        "files": report.checked.iter().map(|c| file_json(c, io.ui.lang)).collect::<Vec<_>>(),
                        "findings": f.kept.iter().map(|d| d.json(io.ui.lang)).collect::<Vec<_>>(),
                        "errors": f.errors,
                        "warnings": f.warnings,
                        "not_shown": f.dropped(),
                    });
                    serde_json::to_writer_pretty(&mut *io.out, &doc)?;
                    writeln!(io.out)?;
                }
                Format::Text => {
                    // Under --strict a warning fails the check: --quiet still shows it.
                    for d in f.kept.iter().filter(|d| d.is_error() || args.strict || !io.ui.quiet) {
                        writeln!(io.out, "{}", d.paint(io.ui.color_out, io.ui.lang))?;
                    }
                    if io.ui.quiet {
                        return Ok(());
                    }
                    if f.dropped() > 0 {
                        writeln!(io.out, "{}", msg::more_findings(f.dropped(), None, io.ui.lang))?;
                    }
                    let as_of = report.today_in.map(|tz| msg::as_of_today(report.horizon.as_of, tz.name(), io.ui.lang));
                    writeln!(io.out, "{}", msg::escaped(&summary(&report.checked, rules_path, as_of, f, io.ui.lang)))?;
                }
            }
            Ok(())
        })();
        match written {
            Err(e) if !crate::is_broken_pipe(&e) => Err(e),
            _ => Ok(exit),
        }
}

/// One checked file in the JSON report (`kind` and `encoding` as words).
fn file_json(c: &Checked, lang: msg::Lang) -> serde_json::Value {
    let mut file = serde_json::json!({
        "file": c.file,
        "kind": c.kind.as_str(),
        "encoding": c.format.map_or("", |f| f.name()),
        "rows": c.rows,
    });
    if let Some(what) = c.skipped {
        file["skipped"] = msg::sheet_skipped(what, lang).into();
    }
    file
}

fn summary(checked: &[Checked], rules: &std::path::Path, as_of: Option<String>, f: &Findings, lang: msg::Lang) -> String {
    let files: Vec<msg::CheckedFile> = checked
        .iter()
        .map(|c| match c.kind {
            CheckedKind::Empty => msg::CheckedFile::Empty(&c.file),
            CheckedKind::Unknown => msg::CheckedFile::Unknown(&c.file),
            CheckedKind::Skipped => msg::CheckedFile::Skipped(&c.file, c.skipped),
            CheckedKind::Table(kind) => msg::CheckedFile::Table { file: &c.file, kind, format: c.format.map_or("", |f| f.name()), rows: c.rows },
        })
        .collect();
    msg::checked(&files, &rules.display().to_string(), as_of, f.errors, f.warnings, lang)
}

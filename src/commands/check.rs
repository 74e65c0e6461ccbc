//! `leadctl check FILE...`: everything `attribute` would reject, and what a
//! rep can still fix, before a spreadsheet is handed in.

use std::path::PathBuf;

use chrono::NaiveDate;
use clap::ValueEnum;
use serde::Serialize;

use super::{Exit, Io};
use crate::check::{self, Horizon, Scope};
use crate::cli::{ReadArgs, day_arg, input, load_rules_file, rules_ledgers};
use crate::diag::{Code, Diagnostic, Findings};
use crate::engine;
use crate::domain::columns::TableKind;
use crate::domain::columns::SheetWhat;
use crate::load::decode::InputFormat;
use crate::load::table::TableStats;
use crate::load::{self, Input, LedgerInputs, LoadOptions, Sniffed};
use crate::messages as msg;
use crate::messages::decisions::Explainer;
use crate::policy::Policy;

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    Text,
    Json,
}

#[derive(Debug, clap::Args)]
#[command(after_help = "Exit status: 0 no error, 1 errors found (or warnings with --strict), 2 could not run.\n\n\
    Examples:\n  \
    leadctl check                               # the ledgers named in rules.toml\n  \
    leadctl check 意向客户跟踪表.xlsx\n  \
    leadctl check claims.csv customers.csv --as-of 2026-03-31 --warn-days 5\n  \
    leadctl check --format json claims.csv")]
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

/// What a checked file turned out to be.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum CheckedKind {
    Table(TableKind),
    Empty,
    Unknown,
    /// A sheet of a workbook that holds no ledger.
    Skipped,
}

impl CheckedKind {
    fn as_str(self) -> &'static str {
        match self {
            CheckedKind::Table(kind) => kind.as_str(),
            CheckedKind::Empty => "empty",
            CheckedKind::Unknown => "unknown",
            CheckedKind::Skipped => "skipped",
        }
    }
}

impl Serialize for CheckedKind {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.as_str())
    }
}

/// One checked file (or sheet: `FILE[SHEET]`), for the summary.
#[derive(Debug, Clone, Serialize)]
struct Checked {
    file: String,
    /// Written `claim ledger`, `customer ledger`, `rulings`, `links`, `empty`, `unknown` or `skipped`.
    kind: CheckedKind,
    /// How it was read: a text encoding or a workbook format.
    encoding: Option<InputFormat>,
    rows: u64,
    /// Why a sheet was skipped.
    #[serde(skip_serializing_if = "Option::is_none")]
    skipped: Option<String>,
}

pub fn run(args: Args, io: &mut Io) -> anyhow::Result<Exit> {
    let (rules_path, rules) = load_rules_file(&args.read.rules)?;
    let context = rules_ledgers(&rules_path, &rules);
    let given: Vec<Input> = if args.files.is_empty() {
        [&context.claims, &context.customers, &context.rulings, &context.links].into_iter().flatten().cloned().collect()
    } else {
        if args.files.iter().filter(|f| Input::is_stdin_path(f)).count() > 1 {
            anyhow::bail!("only one input can be `-` (standard input)");
        }
        args.files.iter().map(|f| input(f)).collect::<anyhow::Result<_>>()?
    };
    let files = given.iter().chain([&context.claims, &context.customers, &context.rulings].into_iter().flatten());
    let stdin = args.files.iter().any(|f| Input::is_stdin_path(f));
    crate::render::publish::Inputs::new(files.filter(|i| i.bytes.is_none()).map(|i| i.path.as_path()).chain([rules_path.as_path()]), stdin)
        .refuse_stdout()?;
    if given.is_empty() {
        anyhow::bail!("nothing to check: give FILE..., or name the ledgers under [ledgers] in {}", rules_path.display());
    }
    io.verbose(format_args!("rules: {}", rules_path.display()))?;
    let as_of = match args.as_of {
        Some(day) => day,
        None => load::clock::today(rules.timezone)?,
    };
    // `check` says which day it took as today (SPEC §12).
    let today_in = args.as_of.is_none().then_some(rules.timezone);
    let horizon = Horizon { as_of, warn_days: args.warn_days };
    let resolved = crate::cli::Resolved { rules_path: rules_path.clone(), rules: rules.clone(), ledgers: context.clone() };
    let snapshots = super::read_snapshots(&resolved)?;
    let options = LoadOptions { hashes: !snapshots.is_empty(), ..args.read.load_options(&rules) };
    let mut run = CheckRun {
        args: &args,
        options: &options,
        policy: &rules.policy,
        snapshots,
        horizon,
        progress: io.progress("reading"),
        findings: Findings::new(args.read.max_errors),
        checked: Vec::new(),
        reported: Vec::new(),
        today_in,
    };
    let mut by_kind: [Vec<Input>; 4] = Default::default();
    for input in &given {
        match load::sniff_kind(input, &options)? {
            Sniffed::Kinds(kinds) => kinds.into_iter().for_each(|kind| by_kind[kind as usize].push(input.clone())),
            Sniffed::Unknown { place, line, message } => run.unrecognised(input, &place, line, Code::UnknownTable, message),
            Sniffed::Empty => run.unrecognised(input, &input.name, None, Code::EmptyFile, msg::empty_file(None)),
        }
    }
    let read = groups(&by_kind, &context).iter().try_for_each(|group| run.group(group, &given, io));
    if let Some(bar) = run.progress.take() {
        bar.finish_and_clear();
    }
    read?;
    run.checked.sort_by_key(|c| given.iter().position(|g| g.name == c.file));
    run.report(io, &rules_path)
}

/// The engine runs over one claim ledger at a time, with the first customer
/// ledger, rulings and links given (or those rules.toml names, as context);
/// further customer ledgers, rulings and links are checked on their own.
fn groups(by_kind: &[Vec<Input>; 4], context: &LedgerInputs) -> Vec<LedgerInputs> {
    let [claims, customers, rulings, links] = by_kind;
    let customers0 = customers.first().cloned().or_else(|| context.customers.clone());
    let rulings0 = rulings.first().cloned().or_else(|| context.rulings.clone());
    let links0 = links.first().cloned().or_else(|| context.links.clone());
    let with = |claims: Option<Input>| LedgerInputs {
        claims,
        customers: customers0.clone(),
        rulings: rulings0.clone(),
        links: links0.clone(),
    };
    let mut groups: Vec<LedgerInputs> = claims.iter().map(|c| with(Some(c.clone()))).collect();
    if claims.is_empty() && (!customers.is_empty() || !rulings.is_empty() || !links.is_empty()) {
        groups.push(with(context.claims.clone()));
    }
    groups.extend(customers.iter().skip(1).map(|c| LedgerInputs { customers: Some(c.clone()), ..Default::default() }));
    groups.extend(rulings.iter().skip(1).map(|r| LedgerInputs { rulings: Some(r.clone()), ..Default::default() }));
    groups.extend(links.iter().skip(1).map(|l| LedgerInputs { links: Some(l.clone()), ..Default::default() }));
    groups
}

struct CheckRun<'a> {
    args: &'a Args,
    options: &'a LoadOptions,
    policy: &'a Policy,
    /// Closed-period snapshots, to warn about rows edited since (SPEC §14).
    snapshots: Vec<crate::engine::closing::Snapshot>,
    horizon: Horizon,
    /// The "reading" bar on a terminal, shared by every group.
    progress: Option<indicatif::ProgressBar>,
    findings: Findings,
    checked: Vec<Checked>,
    /// Files whose reading findings are already in `findings`.
    reported: Vec<String>,
    /// The time zone of "today" when the as-of day was not given.
    today_in: Option<chrono_tz::Tz>,
}

impl CheckRun<'_> {
    fn unrecognised(&mut self, input: &Input, place: &str, line: Option<crate::domain::ledger::Line>, code: Code, message: String) {
        let kind = if code == Code::UnknownTable { CheckedKind::Unknown } else { CheckedKind::Empty };
        self.findings.push(Diagnostic::error(place, line, None, code, message));
        self.checked.push(Checked { file: input.name.clone(), kind, encoding: None, rows: 0, skipped: None });
    }

    /// Reads a group of ledgers, keeps the findings about files that were
    /// asked about, and adds what the engine would decide.
    fn group(&mut self, group: &LedgerInputs, given: &[Input], io: &mut Io) -> anyhow::Result<()> {
        let asked = |i: &Option<Input>| i.as_ref().is_some_and(|i| given.iter().any(|g| g.name == i.name));
        let scope = Scope { claims: asked(&group.claims), deals: asked(&group.customers), rulings: asked(&group.rulings), links: asked(&group.links) };
        let options = LoadOptions { progress: self.progress.clone(), ..self.options.clone() };
        let loaded = load::load_ledgers(group, options)?;
        super::say_read(io, group, &loaded)?;
        let stats = [
            (&group.claims, &loaded.claims, TableKind::Claims),
            (&group.customers, &loaded.customers, TableKind::Customers),
            (&group.rulings, &loaded.rulings, TableKind::Rulings),
            (&group.links, &loaded.links, TableKind::Links),
        ];
        for (input, stat, kind) in stats {
            if let Some(input) = input.as_ref().filter(|_| asked(input)) {
                self.note(input, stat, kind);
            }
        }
        let from_given = |place: &str| given.iter().any(|g| is_of(place, &g.name));
        let blocking = |d: &Diagnostic| {
            matches!(d.code, Code::MissingColumn | Code::EmptyFile | Code::BadEncoding | Code::UnknownTable | Code::WrongKind)
        };
        let blocked = loaded.findings.kept.iter().any(|d| from_given(&d.file) && blocking(d));
        let inputs: Vec<String> = group.iter().map(|i| i.name.clone()).collect();
        let errors_in = |file: &str| loaded.findings.tally_where(|place| is_of(place, file)).errors;
        let broken_context = inputs.iter().find(|f| !from_given(f) && errors_in(f) > 0).map(|f| (f.clone(), errors_in(f)));
        // A file read again as the context of another group is reported once.
        let fresh: Vec<String> = inputs.into_iter().filter(|f| from_given(f) && !self.reported.contains(f)).collect();
        let mut loaded = loaded;
        let found = std::mem::replace(&mut loaded.findings, Findings::new(0));
        self.findings.extend_files(found, |place| fresh.iter().any(|f| is_of(place, f)));
        self.reported.extend(fresh);
        if let Some((file, errors)) = broken_context {
            self.findings.push(Diagnostic::warning(&file, None, None, Code::PolicySkipped, msg::policy_skipped(&file, errors)));
            return Ok(());
        }
        if blocked {
            return Ok(());
        }
        let outcome = engine::decide(&loaded.ledgers, self.policy, Some(self.horizon.as_of));
        let x = Explainer { ledgers: &loaded.ledgers, policy: self.policy, outcome: &outcome };
        let maps = loaded.maps();
        check::policy_findings(&x, &maps, scope, self.horizon, &mut self.findings);
        if !self.snapshots.is_empty() {
            let settlement = super::settle(&loaded.ledgers, &outcome, self.snapshots.clone())?;
            let mut edited = Findings::new(self.args.read.max_errors);
            check::closed_period_findings(&loaded.ledgers, &settlement, &mut edited);
            for d in edited.kept.into_iter().filter(|d| from_given(&d.file)) {
                self.findings.push(d);
            }
        }
        Ok(())
    }

    /// Adds each table of a file read as `kind` to the summary: sheets read,
    /// and sheets skipped with the reason (a sheet of another kind is noted
    /// when it is read as its own).
    fn note(&mut self, input: &Input, stats: &TableStats, kind: TableKind) {
        if stats.sheets.is_empty() && self.checked.iter().all(|c| c.file != input.name) {
            self.checked.push(Checked { file: input.name.clone(), kind: CheckedKind::Table(kind), encoding: stats.format, rows: stats.rows, skipped: None });
        }
        for note in &stats.sheets {
            if self.checked.iter().any(|c| c.file == note.place) {
                continue;
            }
            let checked = match note.what {
                SheetWhat::Read(kind) => Checked { file: note.place.clone(), kind: CheckedKind::Table(kind), encoding: stats.format, rows: note.rows, skipped: None },
                SheetWhat::Other(_) => continue,
                what => Checked { file: note.place.clone(), kind: CheckedKind::Skipped, encoding: None, rows: 0, skipped: Some(msg::sheet_skipped(what)) },
            };
            self.checked.push(checked);
        }
    }

    fn report(mut self, io: &mut Io, rules_path: &std::path::Path) -> anyhow::Result<Exit> {
        self.findings.sort();
        self.findings.kept.dedup();
        let f = &self.findings;
        let failed = f.errors > 0 || (self.args.strict && f.warnings > 0);
        let exit = if failed { Exit::Findings } else { Exit::Clean };
        // A reader that stops early (`| head`) still gets the status the
        // findings call for.
        let written = (|| -> anyhow::Result<()> {
            match self.args.format {
                Format::Json => {
                    let doc = serde_json::json!({
                        "rules": rules_path.display().to_string(),
                        "as_of": self.horizon.as_of.to_string(),
                        "today_in": self.today_in.map(|tz| tz.name()),
                        "files": self.checked,
                        "findings": f.kept,
                        "errors": f.errors,
                        "warnings": f.warnings,
                        "not_shown": f.dropped(),
                    });
                    serde_json::to_writer_pretty(&mut *io.out, &doc)?;
                    writeln!(io.out)?;
                }
                Format::Text => {
                    for d in f.kept.iter().filter(|d| d.is_error() || !io.ui.quiet) {
                        writeln!(io.out, "{}", d.paint(io.ui.color_out))?;
                    }
                    if io.ui.quiet {
                        return Ok(());
                    }
                    if f.dropped() > 0 {
                        writeln!(io.out, "… and {} more (raise --max-errors to see them)", f.dropped())?;
                    }
                    let as_of = self.today_in.map(|tz| msg::as_of_today(self.horizon.as_of, tz.name()));
                    writeln!(io.out, "{}", summary(&self.checked, rules_path, as_of, f))?;
                }
            }
            Ok(())
        })();
        match written {
            Err(e) if !crate::is_broken_pipe(&e) => Err(e),
            _ => Ok(exit),
        }
    }
}

/// Whether a finding's place (`FILE` or `FILE[SHEET]`) is in `file`.
fn is_of(place: &str, file: &str) -> bool {
    place == file || place.strip_prefix(file).is_some_and(|rest| rest.starts_with('[') && rest.ends_with(']'))
}

fn summary(checked: &[Checked], rules: &std::path::Path, as_of: Option<String>, f: &Findings) -> String {
    let files: Vec<String> = checked
        .iter()
        .map(|c| match c.kind {
            CheckedKind::Empty | CheckedKind::Unknown => format!("{} ({})", c.file, c.kind.as_str()),
            CheckedKind::Skipped => format!("{} (skipped: it {})", c.file, c.skipped.as_deref().unwrap_or("")),
            CheckedKind::Table(kind) => format!("{} ({kind}, {}, {})", c.file, c.encoding.map_or("", |f| f.name()), msg::plural(c.rows, "row")),
        })
        .collect();
    let plural = msg::plural;
    let as_of = as_of.map(|a| format!(", {a}")).unwrap_or_default();
    format!(
        "checked {} with {}{as_of}: {}, {}",
        files.join(", "),
        rules.display(),
        plural(f.errors, "error"),
        plural(f.warnings, "warning")
    )
}


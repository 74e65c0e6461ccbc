//! `leadctl check FILE...`: everything `attribute` would reject, and what a
//! rep can still fix, before a spreadsheet is handed in.

use std::path::PathBuf;

use chrono::NaiveDate;
use clap::ValueEnum;
use serde::Serialize;

use super::{Exit, Io};
use crate::check::{self, Horizon, Maps, Scope};
use crate::cli::{ReadArgs, day_arg, input, load_rules_file, rules_ledgers};
use crate::diag::{Code, Diagnostic, Findings};
use crate::engine;
use crate::load::columns::TableKind;
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

/// One checked file, for the summary.
#[derive(Debug, Clone, Serialize)]
struct Checked {
    file: String,
    /// `claim ledger`, `customer ledger`, `rulings`, `empty` or `unknown`.
    kind: &'static str,
    encoding: &'static str,
    rows: u64,
}

pub fn run(args: Args, io: &mut Io) -> anyhow::Result<Exit> {
    let (rules_path, rules) = load_rules_file(&args.read.rules)?;
    let context = rules_ledgers(&rules_path, &rules);
    let given: Vec<Input> = if args.files.is_empty() {
        [&context.claims, &context.customers, &context.rulings].into_iter().flatten().cloned().collect()
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
    let as_of = args.as_of.unwrap_or_else(|| chrono::Local::now().date_naive());
    let horizon = Horizon { as_of, warn_days: args.warn_days };
    let mut run = CheckRun { args: &args, policy: &rules.policy, horizon, progress: io.progress("reading"), findings: Findings::new(args.read.max_errors), checked: Vec::new() };
    let mut by_kind: [Vec<Input>; 3] = Default::default();
    for input in &given {
        match load::sniff_kind(input, args.read.encoding)? {
            Sniffed::Kind(kind) => by_kind[kind as usize].push(input.clone()),
            Sniffed::Unknown(header) => run.unrecognised(input, Code::UnknownTable, msg::unknown_table(&header)),
            Sniffed::Empty => run.unrecognised(input, Code::EmptyFile, msg::empty_file(None)),
        }
    }
    let read = groups(&by_kind, &context).iter().try_for_each(|group| run.group(group, &given));
    if let Some(bar) = run.progress.take() {
        bar.finish_and_clear();
    }
    read?;
    run.report(io, &rules_path)
}

/// The engine runs over one claim ledger at a time, with the first customer
/// ledger and rulings given (or those rules.toml names, as context); further
/// customer ledgers and rulings are checked on their own.
fn groups(by_kind: &[Vec<Input>; 3], context: &LedgerInputs) -> Vec<LedgerInputs> {
    let [claims, customers, rulings] = by_kind;
    let customers0 = customers.first().cloned().or_else(|| context.customers.clone());
    let rulings0 = rulings.first().cloned().or_else(|| context.rulings.clone());
    let mut groups: Vec<LedgerInputs> = claims
        .iter()
        .map(|c| LedgerInputs { claims: Some(c.clone()), customers: customers0.clone(), rulings: rulings0.clone() })
        .collect();
    if claims.is_empty() && (!customers.is_empty() || !rulings.is_empty()) {
        groups.push(LedgerInputs { claims: context.claims.clone(), customers: customers0, rulings: rulings0 });
    }
    groups.extend(customers.iter().skip(1).map(|c| LedgerInputs { customers: Some(c.clone()), ..Default::default() }));
    groups.extend(rulings.iter().skip(1).map(|r| LedgerInputs { rulings: Some(r.clone()), ..Default::default() }));
    groups
}

struct CheckRun<'a> {
    args: &'a Args,
    policy: &'a Policy,
    horizon: Horizon,
    /// The "reading" bar on a terminal, shared by every group.
    progress: Option<indicatif::ProgressBar>,
    findings: Findings,
    checked: Vec<Checked>,
}

impl CheckRun<'_> {
    fn unrecognised(&mut self, input: &Input, code: Code, message: String) {
        let (line, kind) = if code == Code::UnknownTable { (Some(1), "unknown") } else { (None, "empty") };
        self.findings.push(Diagnostic::error(&input.name, line, None, code, message));
        self.checked.push(Checked { file: input.name.clone(), kind, encoding: "", rows: 0 });
    }

    /// Reads a group of ledgers, keeps the findings about files that were
    /// asked about, and adds what the engine would decide.
    fn group(&mut self, group: &LedgerInputs, given: &[Input]) -> anyhow::Result<()> {
        let asked = |i: &Option<Input>| i.as_ref().is_some_and(|i| given.iter().any(|g| g.name == i.name));
        let scope = Scope { claims: asked(&group.claims), deals: asked(&group.customers), rulings: asked(&group.rulings) };
        let options = LoadOptions {
            parallel: self.args.read.parallel(),
            progress: self.progress.clone(),
            ..LoadOptions::new(self.args.read.max_errors, self.args.read.encoding)
        };
        let loaded = load::load_ledgers(group, options)?;
        let stats = [(&group.claims, &loaded.claims, TableKind::Claims), (&group.customers, &loaded.customers, TableKind::Customers), (&group.rulings, &loaded.rulings, TableKind::Rulings)];
        for (input, stat, kind) in stats {
            if let Some(input) = input.as_ref().filter(|_| asked(input)) {
                self.note(input, stat, kind);
            }
        }
        let blocking = |d: &Diagnostic| matches!(d.code, Code::MissingColumn | Code::EmptyFile | Code::BadEncoding);
        let mut skip_policy = None;
        for d in &loaded.findings.kept {
            let from_given = given.iter().any(|g| g.name == d.file);
            if from_given {
                self.findings.push(d.clone());
            } else if d.is_error() {
                skip_policy.get_or_insert_with(|| d.file.clone());
            }
            if from_given && blocking(d) {
                skip_policy.get_or_insert_with(|| d.file.clone());
            }
        }
        self.findings.errors += loaded.findings.errors.saturating_sub(loaded.findings.kept.iter().filter(|d| d.is_error()).count() as u64);
        if let Some(file) = skip_policy {
            if !given.iter().any(|g| g.name == file) {
                let errors = loaded.findings.kept.iter().filter(|d| d.file == file && d.is_error()).count() as u64;
                self.findings.push(Diagnostic::warning(&file, None, None, Code::PolicySkipped, msg::policy_skipped(&file, errors)));
            }
            return Ok(());
        }
        let outcome = engine::decide(&loaded.ledgers, self.policy, Some(self.horizon.as_of));
        let x = Explainer { ledgers: &loaded.ledgers, policy: self.policy, outcome: &outcome };
        let maps = Maps { claims: loaded.claims.map.clone(), deals: loaded.customers.map.clone(), rulings: loaded.rulings.map.clone() };
        check::policy_findings(&x, &maps, scope, self.horizon, &mut self.findings);
        Ok(())
    }

    fn note(&mut self, input: &Input, stats: &TableStats, kind: TableKind) {
        if self.checked.iter().all(|c| c.file != input.name) {
            let rows = stats.rows;
            self.checked.push(Checked { file: input.name.clone(), kind: kind.as_str(), encoding: stats.encoding, rows });
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
                    writeln!(io.out, "{}", summary(&self.checked, rules_path, f))?;
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

fn summary(checked: &[Checked], rules: &std::path::Path, f: &Findings) -> String {
    let files: Vec<String> = checked
        .iter()
        .map(|c| match c.kind {
            "empty" | "unknown" => format!("{} ({})", c.file, c.kind),
            kind => format!("{} ({kind}, {}, {})", c.file, c.encoding, msg::plural(c.rows, "row")),
        })
        .collect();
    let plural = msg::plural;
    format!(
        "checked {} with {}: {}, {}",
        files.join(", "),
        rules.display(),
        plural(f.errors, "error"),
        plural(f.warnings, "warning")
    )
}


//! One file per subcommand: its clap `Args`, then a `run` that turns the
//! args into options and calls load → decide → render.

pub mod attribute;
pub mod check;
pub mod close;
pub mod completions;
pub mod dupes;
pub mod explain;
pub mod init;
pub mod report;
pub mod statement;

use std::io::Write;
use std::path::{Path, PathBuf};

use crate::cli::{InputArgs, Resolved};
use crate::diag::Findings;
use crate::engine::closing::{self, Settlement, Snapshot};
use crate::engine::{self, Outcome};
use crate::policy::rules_toml::CLOSED_FOLDER;
use crate::load::{self, LedgerInputs, LoadOptions, Loaded};
use crate::ui::Ui;
use crate::messages as msg;

/// How a run ended, as the process exit status.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Exit {
    /// Done, nothing wrong.
    Clean = 0,
    /// Done, and findings that need attention (`check`).
    Findings = 1,
    /// Could not run: usage, an unreadable file, a bad rules.toml.
    Failed = 2,
}

/// Where a command writes, and what the user asked to see.
pub struct Io<'a> {
    pub out: &'a mut dyn Write,
    pub err: &'a mut dyn Write,
    pub ui: Ui,
}

impl Io<'_> {
    /// A progress bar on standard error counting rows, when it is a terminal
    /// and `--quiet` is not given; `None` otherwise.
    pub fn progress(&self, what: &'static str) -> Option<indicatif::ProgressBar> {
        if !self.ui.progress {
            return None;
        }
        let bar = indicatif::ProgressBar::new_spinner().with_message(what);
        let style = indicatif::ProgressStyle::with_template("{spinner} {msg} {human_pos} rows ({per_sec}) {elapsed}")
            .unwrap_or_else(|_| indicatif::ProgressStyle::default_spinner());
        bar.set_style(style);
        bar.enable_steady_tick(std::time::Duration::from_millis(120));
        Some(bar)
    }

    /// A line for `-v`.
    pub fn verbose(&mut self, line: impl std::fmt::Display) -> std::io::Result<()> {
        if self.ui.verbose {
            writeln!(self.err, "leadctl: {line}")?;
        }
        Ok(())
    }
}

/// Prints kept findings of one severity on standard error, then "and N
/// more" when some were not kept.
pub fn print_findings(io: &mut Io, findings: &Findings, errors: bool) -> std::io::Result<()> {
    let mut shown = 0u64;
    for d in findings.kept.iter().filter(|d| d.is_error() == errors) {
        writeln!(io.err, "{}", d.paint(io.ui.color_err))?;
        shown += 1;
    }
    let total = if errors { findings.errors } else { findings.warnings };
    if total > shown {
        let what = if errors { "errors" } else { "warnings" };
        writeln!(io.err, "… and {} more {what} (raise --max-errors to see them)", total - shown)?;
    }
    Ok(())
}

/// Rules, ledgers and the decisions over them.
pub struct Decided {
    pub resolved: Resolved,
    pub loaded: Loaded,
    pub outcome: Outcome,
    /// The closed-period snapshots of `ledgers.closed` (SPEC §14).
    pub snapshots: Vec<Snapshot>,
}

/// The folder of closed-period snapshots: `ledgers.closed` (default
/// `closed`), relative to the rules file.
pub fn closed_folder(resolved: &Resolved) -> PathBuf {
    let base = resolved.rules_path.parent().unwrap_or(Path::new(""));
    base.join(resolved.rules.ledgers.closed.as_deref().unwrap_or(CLOSED_FOLDER))
}

/// Reads every snapshot of the closed folder.
pub fn read_snapshots(resolved: &Resolved) -> anyhow::Result<Vec<Snapshot>> {
    let folder = closed_folder(resolved);
    Ok(load::snapshot::read_all(&folder, &folder)?)
}

/// Settles closed periods over a decided run: frozen lines, adjustments,
/// edited rows (SPEC §14).
pub fn settle(ledgers: &crate::domain::ledger::Ledgers, outcome: &Outcome, snapshots: Vec<Snapshot>) -> anyhow::Result<Settlement> {
    closing::settle(ledgers, outcome, snapshots)
        .map_err(|e| anyhow::anyhow!("{}: the rules stored in this snapshot no longer read: {}", e.snapshot, e.error.display("rules")))
}

/// Whether to print warnings about the ledgers before deciding.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Warnings {
    Show,
    Hide,
}

/// Reads the resolved inputs (standard input among them, read once when
/// resolved), stops when a row cannot be read (every error printed), prints
/// warnings if asked, and decides.
pub fn load_and_decide(resolved: Resolved, input: &InputArgs, io: &mut Io, warnings: Warnings) -> anyhow::Result<Decided> {
    load_and_decide_with(resolved, input, io, warnings, false)
}

/// [`load_and_decide`], hashing every row when `hashes` or when a period is
/// closed (to compare with its snapshot).
pub fn load_and_decide_with(resolved: Resolved, input: &InputArgs, io: &mut Io, warnings: Warnings, hashes: bool) -> anyhow::Result<Decided> {
    io.verbose(format_args!("rules: {}", resolved.rules_path.display()))?;
    let snapshots = read_snapshots(&resolved)?;
    let started = std::time::Instant::now();
    let progress = io.progress("reading");
    let options = LoadOptions {
        keep_addresses: false,
        parallel: input.read.parallel(),
        progress: progress.clone(),
        statuses: resolved.rules.policy.statuses.clone(),
        hashes: hashes || !snapshots.is_empty(),
        ..LoadOptions::new(input.read.max_errors, input.read.encoding)
    };
    let loaded = load::load_ledgers(&resolved.ledgers, options);
    if let Some(bar) = progress {
        bar.finish_and_clear();
    }
    let loaded = loaded?;
    say_read(io, &resolved.ledgers, &loaded)?;
    io.verbose(format_args!("read in {:.2} s", started.elapsed().as_secs_f64()))?;
    if loaded.findings.has_errors() {
        print_findings(io, &loaded.findings, true)?;
        anyhow::bail!(msg::stopped(loaded.findings.errors));
    }
    if warnings == Warnings::Show && !io.ui.quiet {
        print_findings(io, &loaded.findings, false)?;
    }
    let started = std::time::Instant::now();
    let as_of = input.as_of.or_else(|| closing::default_as_of(&loaded.ledgers, &snapshots));
    let outcome = engine::decide(&loaded.ledgers, &resolved.rules.policy, as_of);
    io.verbose(format_args!("decided in {:.2} s", started.elapsed().as_secs_f64()))?;
    Ok(Decided { resolved, loaded, outcome, snapshots })
}

/// `-v`: each file read, its kind, encoding and rows.
pub fn say_read(io: &mut Io, inputs: &LedgerInputs, loaded: &Loaded) -> std::io::Result<()> {
    let files = [
        (&inputs.claims, &loaded.claims),
        (&inputs.customers, &loaded.customers),
        (&inputs.rulings, &loaded.rulings),
        (&inputs.links, &loaded.links),
    ];
    for (input, stats) in files {
        if let (Some(input), Some(map)) = (input, &stats.map) {
            let (rows, blank) = (msg::plural(stats.rows, "row"), stats.blank);
            io.verbose(format_args!("read {}: {}, {}, {rows} ({blank} blank)", input.name, map.kind, stats.encoding))?;
        }
    }
    Ok(())
}

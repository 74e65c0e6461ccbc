//! One file per subcommand: its clap `Args`, then a `run` that turns the
//! args into options and calls load → decide → render.

pub mod args;
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

use args::InputArgs;
use crate::load::Resolved;
use crate::diag::Findings;
use crate::engine::Outcome;
use crate::engine::closing::{self, Settlement, Snapshot};
use crate::load::{self, LedgerInputs, LoadOptions, Loaded};
use crate::ops::{self, SettleError, SettleOptions, SettledRun};
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
    /// A progress bar on standard error counting rows read, when it is a
    /// terminal and `--quiet` is not given; `None` otherwise.
    pub fn progress(&self) -> Option<indicatif::ProgressBar> {
        if !self.ui.progress {
            return None;
        }
        let bar = indicatif::ProgressBar::new_spinner();
        let style = indicatif::ProgressStyle::with_template(msg::reading_progress(self.ui.lang))
            .unwrap_or_else(|_| indicatif::ProgressStyle::default_spinner());
        bar.set_style(style);
        bar.enable_steady_tick(std::time::Duration::from_millis(120));
        Some(bar)
    }

    /// A line for `-v`, escaped: it names files and sheets (SPEC §16).
    pub fn verbose(&mut self, line: impl std::fmt::Display) -> std::io::Result<()> {
        if self.ui.verbose {
            writeln!(self.err, "leadctl: {}", msg::escaped(&line.to_string()))?;
        }
        Ok(())
    }
}

/// Prints kept findings of one severity on standard error, then "and N
/// more" when some were not kept.
pub fn print_findings(io: &mut Io, findings: &Findings, errors: bool) -> std::io::Result<()> {
    let mut shown = 0u64;
    for d in findings.kept.iter().filter(|d| d.is_error() == errors) {
        writeln!(io.err, "{}", d.paint(io.ui.color_err, io.ui.lang))?;
        shown += 1;
    }
    let total = if errors { findings.errors } else { findings.warnings };
    if total > shown {
        writeln!(io.err, "{}", msg::more_findings(total - shown, Some(errors), io.ui.lang))?;
    }
    Ok(())
}


/// Reads every snapshot of the closed folder.
pub fn read_snapshots(resolved: &Resolved) -> anyhow::Result<Vec<Snapshot>> {
    let folder = resolved.closed_folder();
    Ok(load::snapshot::read_all(&folder, &folder)?)
}

/// Settles closed periods over a decided run: frozen lines, adjustments,
/// edited rows (SPEC §14).
pub fn settle(ledgers: &crate::domain::ledger::Ledgers, outcome: &Outcome, snapshots: Vec<Snapshot>) -> anyhow::Result<Settlement> {
    closing::settle(ledgers, outcome, snapshots)
        .map_err(|e| msg::errors::Fatal::StoredRules { snapshot: e.snapshot, error: Box::new(e.error) }.into())
}

/// Whether to print warnings about the ledgers before deciding.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Warnings {
    Show,
    /// Shown with every quoted phone masked (`--mask-phones`).
    ShowMasked,
    Hide,
}

/// Reads the resolved inputs (standard input among them, read once when
/// resolved), stops when a row cannot be read (every error printed), prints
/// warnings if asked, and decides: [`ops::settle`] with the command's words.
pub fn load_and_decide(resolved: Resolved, input: &InputArgs, io: &mut Io, warnings: Warnings) -> anyhow::Result<SettledRun> {
    load_and_decide_with(resolved, input, io, warnings, false, None)
}

/// [`load_and_decide`], hashing every row when `hashes` or when a period is
/// closed (to compare with its snapshot), and telling `read_done` when the
/// ledgers are read.
pub fn load_and_decide_with(resolved: Resolved, input: &InputArgs, io: &mut Io, warnings: Warnings, hashes: bool, read_done: Option<std::sync::mpsc::SyncSender<()>>) -> anyhow::Result<SettledRun> {
    io.verbose(msg::rules_read(&resolved.rules_path.display().to_string(), io.ui.lang))?;
    let progress = io.progress();
    let load = LoadOptions { keep_addresses: false, progress: progress.clone(), read_done, ..input.read.load_options(&resolved.rules) };
    let options = SettleOptions { hashes, ..SettleOptions::of(&resolved, load, input.as_of) };
    let ledgers = resolved.ledgers.clone();
    let settled = ops::settle(resolved, options);
    if let Some(bar) = progress {
        bar.finish_and_clear();
    }
    let mut settled = match settled {
        Ok(settled) => settled,
        Err(SettleError::Unreadable(mut loaded)) => {
            mask_quoted(&mut loaded.findings, warnings);
            say_read(io, &ledgers, &loaded)?;
            print_findings(io, &loaded.findings, true)?;
            return Err(msg::errors::Fatal::Stopped { errors: loaded.findings.errors }.into());
        }
        Err(e) => return Err(e.into()),
    };
    mask_quoted(&mut settled.loaded.findings, warnings);
    say_read(io, &settled.resolved.ledgers, &settled.loaded)?;
    io.verbose(msg::took(false, settled.read_in.as_secs_f64(), io.ui.lang))?;
    if warnings != Warnings::Hide && !io.ui.quiet {
        print_findings(io, &settled.loaded.findings, false)?;
    }
    io.verbose(msg::took(true, settled.decided_in.as_secs_f64(), io.ui.lang))?;
    Ok(settled)
}

/// `--mask-phones`: the phone a finding quotes, masked.
fn mask_quoted(findings: &mut Findings, warnings: Warnings) {
    if warnings == Warnings::ShowMasked {
        for d in &mut findings.kept {
            d.mask_phones(crate::render::table::mask);
        }
    }
}

/// `-v`: each file read, its kind, encoding and rows; each sheet skipped and why.
pub fn say_read(io: &mut Io, inputs: &LedgerInputs, loaded: &Loaded) -> std::io::Result<()> {
    let files = [
        (&inputs.claims, &loaded.claims),
        (&inputs.customers, &loaded.customers),
        (&inputs.rulings, &loaded.rulings),
        (&inputs.links, &loaded.links),
    ];
    for (input, stats) in files {
        if let (Some(input), Some(map)) = (input, &stats.map) {
            let format = stats.format.map_or("", |f| f.name());
            io.verbose(msg::read_file(&input.name, map.kind, format, stats.rows, stats.blank, stats.totals, io.ui.lang))?;
        }
    }
    for line in skipped_sheets(inputs, loaded, io.ui.lang) {
        io.verbose(line)?;
    }
    Ok(())
}

/// `skipped FILE[SHEET]: it …` for each sheet of the inputs that was not
/// read, once; a sheet of another kind read through that kind's flag is
/// not news.
pub fn skipped_sheets(inputs: &LedgerInputs, loaded: &Loaded, lang: msg::Lang) -> Vec<String> {
    use crate::domain::columns::TableKind;
    use crate::domain::columns::SheetWhat;
    let given = |kind: TableKind| match kind {
        TableKind::Claims => &inputs.claims,
        TableKind::Customers => &inputs.customers,
        TableKind::Rulings => &inputs.rulings,
        TableKind::Links => &inputs.links,
    };
    let files = [
        (TableKind::Claims, &loaded.claims),
        (TableKind::Customers, &loaded.customers),
        (TableKind::Rulings, &loaded.rulings),
        (TableKind::Links, &loaded.links),
    ];
    let mut said: Vec<&str> = Vec::new();
    let mut lines = Vec::new();
    for (kind, stats) in files {
        let name = given(kind).as_ref().map(|i| i.name.as_str());
        let read_as = |other: TableKind| given(other).as_ref().is_some_and(|g| Some(g.name.as_str()) == name);
        for note in &stats.sheets {
            let skipped = match note.what {
                SheetWhat::Read(_) => false,
                SheetWhat::Other(other) => !read_as(other),
                _ => true,
            };
            if skipped && !said.contains(&note.place.as_str()) {
                said.push(&note.place);
                lines.push(msg::sheet_not_read(&note.place, note.what, lang));
            }
        }
    }
    lines
}

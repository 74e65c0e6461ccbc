//! One file per subcommand: its clap `Args`, then a `run` that turns the
//! args into options and calls load → decide → render.

pub mod attribute;
pub mod check;
pub mod completions;
pub mod explain;
pub mod init;

use std::io::Write;

use crate::cli::{InputArgs, Resolved};
use crate::diag::Findings;
use crate::engine::{self, Outcome};
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
/// warnings if asked, and decides.
pub fn load_and_decide(resolved: Resolved, input: &InputArgs, io: &mut Io, warnings: Warnings) -> anyhow::Result<Decided> {
    io.verbose(format_args!("rules: {}", resolved.rules_path.display()))?;
    let started = std::time::Instant::now();
    let progress = io.progress("reading");
    let options = LoadOptions {
        keep_addresses: false,
        parallel: input.read.parallel(),
        progress: progress.clone(),
        ..LoadOptions::new(input.read.max_errors, input.read.encoding)
    };
    let loaded = load::load_ledgers(&resolved.ledgers, options);
    if let Some(bar) = progress {
        bar.finish_and_clear();
    }
    let mut loaded = loaded?;
    if warnings == Warnings::ShowMasked {
        for d in &mut loaded.findings.kept {
            d.message = msg::mask_quoted_phone(&d.message, crate::render::table::mask);
        }
    }
    say_read(io, &resolved.ledgers, &loaded)?;
    io.verbose(format_args!("read in {:.2} s", started.elapsed().as_secs_f64()))?;
    if loaded.findings.has_errors() {
        print_findings(io, &loaded.findings, true)?;
        anyhow::bail!(msg::stopped(loaded.findings.errors));
    }
    if warnings != Warnings::Hide && !io.ui.quiet {
        print_findings(io, &loaded.findings, false)?;
    }
    let started = std::time::Instant::now();
    let outcome = engine::decide(&loaded.ledgers, &resolved.rules.policy, input.as_of);
    io.verbose(format_args!("decided in {:.2} s", started.elapsed().as_secs_f64()))?;
    Ok(Decided { resolved, loaded, outcome })
}

/// `-v`: each file read, its kind, encoding and rows.
pub fn say_read(io: &mut Io, inputs: &LedgerInputs, loaded: &Loaded) -> std::io::Result<()> {
    let files = [(&inputs.claims, &loaded.claims), (&inputs.customers, &loaded.customers), (&inputs.rulings, &loaded.rulings)];
    for (input, stats) in files {
        if let (Some(input), Some(map)) = (input, &stats.map) {
            let (rows, blank) = (msg::plural(stats.rows, "row"), stats.blank);
            io.verbose(format_args!("read {}: {}, {}, {rows} ({blank} blank)", input.name, map.kind, stats.encoding))?;
        }
    }
    Ok(())
}

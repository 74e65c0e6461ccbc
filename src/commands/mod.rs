//! One file per subcommand: its clap `Args`, then a `run` that turns the
//! args into options and calls load → decide → render.

pub mod attribute;
pub mod check;
pub mod explain;

use std::io::Write;

use crate::cli::{InputArgs, Resolved};
use crate::diag::Findings;
use crate::engine::{self, Outcome};
use crate::load::{self, Loaded};
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

/// Where a command writes.
pub struct Io<'a> {
    pub out: &'a mut dyn Write,
    pub err: &'a mut dyn Write,
}

/// Prints kept findings of one severity, then "and N more" when some were
/// not kept.
pub fn print_findings(err: &mut dyn Write, findings: &Findings, errors: bool) -> std::io::Result<()> {
    let mut shown = 0u64;
    for d in findings.kept.iter().filter(|d| d.is_error() == errors) {
        writeln!(err, "{d}")?;
        shown += 1;
    }
    let total = if errors { findings.errors } else { findings.warnings };
    if total > shown {
        let what = if errors { "errors" } else { "warnings" };
        writeln!(err, "… and {} more {what} (raise --max-errors to see them)", total - shown)?;
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
    Hide,
}

/// Resolves the inputs, reads them, stops when a row cannot be read (every
/// error printed), prints warnings if asked, and decides.
pub fn load_and_decide(input: &InputArgs, io: &mut Io, warnings: Warnings) -> anyhow::Result<Decided> {
    let resolved = input.resolve()?;
    let loaded = load::load_ledgers(&resolved.ledgers, input.read.max_errors, input.read.encoding)?;
    if loaded.findings.has_errors() {
        print_findings(io.err, &loaded.findings, true)?;
        anyhow::bail!(msg::stopped(loaded.findings.errors));
    }
    if warnings == Warnings::Show {
        print_findings(io.err, &loaded.findings, false)?;
    }
    let outcome = engine::decide(&loaded.ledgers, &resolved.rules.policy, input.as_of);
    Ok(Decided { resolved, loaded, outcome })
}

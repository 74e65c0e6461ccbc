//! One file per subcommand: its clap `Args`, then a `run` that turns the
//! args into options and calls load → decide → render.

pub mod attribute;

use std::io::Write;

use crate::diag::Findings;

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

//! `settle`: rules and ledgers in, a decided run out (load → decide), with
//! the closed-period snapshots it is settled against (SPEC §14).

use std::path::PathBuf;
use std::time::{Duration, Instant};

use chrono::NaiveDate;
use thiserror::Error;

use crate::diag::Findings;
use crate::engine::closing::{self, Settlement, Snapshot};
use crate::engine::{self, Outcome};
use crate::load::{self, LoadError, LoadOptions, Loaded, Resolved};

/// How to settle a run.
#[derive(Debug, Clone)]
pub struct SettleOptions {
    /// How the ledgers are read.
    pub load: LoadOptions,
    /// Replay the ledgers as they stood at the end of this day (SPEC §7);
    /// `None`: the latest day in them (or of the latest close).
    pub as_of: Option<NaiveDate>,
    /// The folder of closed-period snapshots; `None` reads none.
    pub closed: Option<PathBuf>,
    /// Hash every row even when no period is closed (`close` does).
    pub hashes: bool,
}

impl SettleOptions {
    /// The options of a run over `resolved`: its snapshot folder, rows
    /// hashed when a period is closed.
    pub fn of(resolved: &Resolved, load: LoadOptions, as_of: Option<NaiveDate>) -> SettleOptions {
        SettleOptions { load, as_of, closed: Some(resolved.closed_folder()), hashes: false }
    }
}

/// Rules, ledgers as read, and the decisions over them.
pub struct SettledRun {
    pub resolved: Resolved,
    pub loaded: Loaded,
    pub outcome: Outcome,
    /// The closed-period snapshots of `ledgers.closed` (SPEC §14).
    pub snapshots: Vec<Snapshot>,
    /// How long reading and deciding took, for `-v`.
    pub read_in: Duration,
    pub decided_in: Duration,
}

impl SettledRun {
    /// The run as wording, reports and statements see it.
    pub fn view(&self) -> crate::engine::Settled<'_> {
        crate::engine::Settled { ledgers: &self.loaded.ledgers, policy: &self.resolved.rules.policy, outcome: &self.outcome }
    }

    /// The commission lines with closed periods frozen and adjustments
    /// posted (SPEC §14).
    pub fn settlement(&self) -> Result<Settlement, SettleError> {
        closing::settle(&self.loaded.ledgers, &self.outcome, self.snapshots.clone())
            .map_err(|e| SettleError::Load(LoadError::StoredRules { snapshot: e.snapshot, error: Box::new(e.error) }))
    }
}

/// Why a run could not be settled.
#[derive(Debug, Error)]
pub enum SettleError {
    /// A file could not be opened or read at all, or a snapshot's stored
    /// rules no longer read.
    #[error("{0}")]
    Load(#[from] LoadError),
    /// Rows that cannot be read (SPEC §2): nothing is decided. The findings
    /// are every problem found, errors and warnings.
    #[error("{}", LoadError::Stopped { errors: self.findings().map_or(0, |f| f.errors) })]
    Unreadable(Box<Loaded>),
}

impl SettleError {
    /// The findings of a run stopped by unreadable rows.
    pub fn findings(&self) -> Option<&Findings> {
        match self {
            SettleError::Unreadable(loaded) => Some(&loaded.findings),
            _ => None,
        }
    }
}

/// Reads the ledgers of `resolved`, stops when a row cannot be read, and
/// decides as of the day asked.
pub fn settle(resolved: Resolved, options: SettleOptions) -> Result<SettledRun, SettleError> {
    let snapshots = match &options.closed {
        Some(folder) => load::snapshot::read_all(folder, folder)?,
        None => Vec::new(),
    };
    let started = Instant::now();
    let load = LoadOptions { hashes: options.load.hashes || options.hashes || !snapshots.is_empty(), ..options.load };
    let loaded = load::load_ledgers(&resolved.ledgers, load)?;
    let read_in = started.elapsed();
    if loaded.findings.has_errors() {
        return Err(SettleError::Unreadable(Box::new(loaded)));
    }
    let started = Instant::now();
    let as_of = options.as_of.or_else(|| closing::default_as_of(&loaded.ledgers, &snapshots));
    let outcome = engine::decide(&loaded.ledgers, &resolved.rules.policy, as_of);
    Ok(SettledRun { resolved, loaded, outcome, snapshots, read_in, decided_in: started.elapsed() })
}

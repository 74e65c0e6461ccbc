//! The operations behind the commands (as cargo's `ops`): each takes a plain
//! options struct, reads, decides and returns typed results. It prints
//! nothing; commands turn their arguments into options, call an op and
//! render what it returns.
//!
//! - [`settle`]: read the ledgers, decide, settle closed periods.
//! - [`check()`]: every finding about the files asked about, as data.

pub mod check;
pub mod settle;

pub use check::{CheckOptions, CheckReport, Checked, CheckedKind, check};
pub use settle::{SettleError, SettleOptions, SettledRun, settle};

//! The CSV loaders and everything downstream of them.
//!
//! The input is split at the byte 0x1E into claims.csv, customers.csv,
//! rulings.csv and an optional as-of day (`2026-03-31`); a ledger whose part
//! is absent or empty is not given. Ledgers that load with no error finding are
//! decided with the SPEC §10 rules (two reps), reconciled (which must
//! balance), and rendered as CSV, JSON and tables. Ledgers with unreadable
//! rows go the way of `leadctl check`.
#![no_main]

#[path = "common/mod.rs"]
mod common;

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let (inputs, as_of) = common::split(data, "csv");
    common::load_and_exercise(&inputs, common::rules(), as_of);
});

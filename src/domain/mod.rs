//! The domain: values the rulebook speaks of, and how each is read from a cell.
//!
//! Pure: nothing here opens a file, prints or reads the clock.

pub mod columns;
pub mod day;
pub mod ledger;
pub mod links;
pub mod money;
pub mod period;
pub mod phone;
pub mod text;

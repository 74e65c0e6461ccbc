//! The spreadsheet reader: the bytes are read as `claims.xlsx`, through the
//! same loader and everything downstream of it, with an empty customer
//! ledger. Anything that is not a workbook must be a `LoadError`.
#![no_main]

#[path = "common/mod.rs"]
mod common;

use libfuzzer_sys::fuzz_target;

use leadctl::load::{Input, LedgerInputs};

fuzz_target!(|data: &[u8]| {
    let inputs = LedgerInputs { claims: Some(Input::from_bytes("claims.xlsx", data.to_vec())), customers: None, rulings: None, links: None };
    common::load_and_exercise(&inputs, common::rules(), None);
});

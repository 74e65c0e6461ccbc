//! The spreadsheet budget (SPEC §16): any bytes, looked over by
//! `load::budget` and then read through the loader and everything
//! downstream (calamine tells .xlsx, .xls and .ods apart by content). The corpus (corpus/workbook/) holds the bombs
//! of issue 13; libFuzzer's -rss_limit_mb and -timeout catch a workbook that
//! passes the budget yet costs more than it allows.
#![no_main]

#[path = "common/mod.rs"]
mod common;

use libfuzzer_sys::fuzz_target;

use leadctl::load::{Input, LedgerInputs};

fuzz_target!(|data: &[u8]| {
    let _ = leadctl::load::budget::check_workbook(std::io::Cursor::new(data));
    let inputs = LedgerInputs { claims: Some(Input::from_bytes("claims.xlsx", data.to_vec())), ..Default::default() };
    common::load_and_exercise(&inputs, common::rules(), None);
});

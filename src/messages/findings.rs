//! Wording of findings about input files: they name the bad value and say
//! what was expected, in words a store manager understands.

use std::fmt::Display;

use crate::load::columns::{Column, TableKind};

/// `the date column`: how a message names a column.
fn col(name: &str) -> String {
    format!("`{name}`")
}

pub fn empty_file(kind: Option<TableKind>) -> String {
    match kind {
        Some(kind) => format!("the file is empty; a {kind} needs a header row naming its columns"),
        None => "the file is empty; expected a header row naming the columns".into(),
    }
}

pub fn missing_column(column: &Column, kind: TableKind, header: &[String]) -> String {
    format!(
        "no {} column in this {kind}; the header names: {}",
        column.with_aliases(),
        if header.is_empty() { "nothing".into() } else { header.join(", ") }
    )
}

pub fn missing_field(name: &str) -> String {
    format!("{} is empty", col(name))
}

pub fn bad_value(name: &str, value: &str, why: impl Display) -> String {
    format!("{} `{value}`: {why}", col(name))
}

pub fn unknown_event(value: &str) -> String {
    format!("{} `{value}`: expected {}", col("event"), crate::domain::ledger::Event::ACCEPTED)
}

pub fn duplicate_deal_id(id: &str, first: impl Display) -> String {
    format!("deal_id `{id}` repeats {first}; every deal needs its own order number")
}

pub fn deal_bad_phone(value: &str, why: impl Display) -> String {
    format!("{}; the deal goes to its closer", bad_value("phone", value, why))
}

pub fn ruling_bad_phone(value: &str, why: impl Display) -> String {
    format!("{}; this ruling is ignored", bad_value("phone", value, why))
}

pub fn extra_cells(cells: usize, columns: usize) -> String {
    format!(
        "the row has {cells} cells but the header names {columns} columns; \
         is there a comma inside a cell that is not quoted (like 12,800)? quote the cell"
    )
}

pub fn bad_encoding(encoding: &str) -> String {
    format!("bytes that are not valid {encoding}; save the file as UTF-8 (CSV UTF-8 in Excel) or give --encoding")
}

pub fn bad_csv(why: impl Display) -> String {
    format!("cannot read this row as CSV: {why}")
}

pub fn formula(name: &str, value: &str) -> String {
    format!("{} `{value}` starts with `=`: a spreadsheet formula, not a value; paste values only", col(name))
}

pub fn stopped(errors: u64) -> String {
    let (s, them) = if errors == 1 { ("", "it") } else { ("s", "them") };
    format!("the ledgers have {errors} error{s}; nothing was decided (fix {them}; `leadctl check` lists every problem)")
}

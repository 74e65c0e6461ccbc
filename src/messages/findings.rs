//! Wording of findings about input files: they name the bad value and say
//! what was expected, in words a store manager understands.

use std::fmt::Display;

use crate::load::columns::{Column, TableKind};

/// How many characters of a cell a message repeats.
const SHOWN_CHARS: usize = 60;

/// A cell's value as a message repeats it: control characters escaped, and
/// cut after [`SHOWN_CHARS`] characters, so a hostile cell cannot flood the
/// terminal.
pub fn shown(value: &str) -> String {
    let mut out = String::new();
    for (i, c) in value.chars().enumerate() {
        if i == SHOWN_CHARS {
            let more = value.chars().count() - SHOWN_CHARS;
            out.push_str(&format!("… ({more} more characters)"));
            break;
        }
        push_escaped(&mut out, c);
    }
    out
}

/// Text from a file (a cell, a sheet or file name) made safe for a
/// terminal: C0 and C1 controls, DEL and bidi controls escaped as `\u{…}`,
/// so a cell cannot move the cursor, set a title, open a hyperlink or
/// reorder what is shown. Not cut (see [`shown`]).
pub fn escaped(value: &str) -> std::borrow::Cow<'_, str> {
    if !value.chars().any(needs_escape) {
        return std::borrow::Cow::Borrowed(value);
    }
    let mut out = String::with_capacity(value.len() + 8);
    value.chars().for_each(|c| push_escaped(&mut out, c));
    std::borrow::Cow::Owned(out)
}

fn needs_escape(c: char) -> bool {
    // is_control: C0, DEL and C1. Then the bidi embeddings, overrides,
    // isolates and marks.
    c.is_control() || matches!(c, '\u{200E}' | '\u{200F}' | '\u{061C}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
}

fn push_escaped(out: &mut String, c: char) {
    if needs_escape(c) {
        out.extend(c.escape_default());
    } else {
        out.push(c);
    }
}

/// At most 20 header names, then how many more.
fn names(header: &[String]) -> String {
    match header.len() {
        0 => "nothing".into(),
        n if n <= 20 => header.iter().map(|h| shown(h)).collect::<Vec<_>>().join(", "),
        n => format!("{}, … ({} more)", header[..20].iter().map(|h| shown(h)).collect::<Vec<_>>().join(", "), n - 20),
    }
}

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
        names(header)
    )
}

pub fn missing_field(name: &str) -> String {
    format!("{} is empty", col(name))
}

/// A finding quoting a phone ([`bad_value`] of `phone`) with the phone
/// masked by `mask`; any other message as it is.
pub fn mask_quoted_phone(message: &str, mask: impl Fn(&str) -> String) -> String {
    let prefix = format!("{} `", col("phone"));
    match message.strip_prefix(&prefix).and_then(|rest| rest.find("`: ").map(|end| (rest, end))) {
        Some((rest, end)) => format!("{prefix}{}{}", mask(&rest[..end]), &rest[end..]),
        None => message.to_string(),
    }
}

pub fn bad_value(name: &str, value: &str, why: impl Display) -> String {
    format!("{} `{}`: {why}", col(name), shown(value))
}

pub fn unknown_event(value: &str) -> String {
    format!("{} `{}`: expected {}", col("event"), shown(value), crate::domain::ledger::Event::ACCEPTED)
}

pub fn duplicate_deal_id(id: &str, first: impl Display) -> String {
    format!("deal_id `{}` repeats {first}; every deal needs its own order number", shown(id))
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

pub fn open_quote() -> String {
    "a quoted cell is never closed (an odd number of `\"`): the file may be cut short; \
     everything after the opening quote was read as one cell"
        .into()
}

pub fn cut_short(cells: usize, columns: usize) -> String {
    format!("the last row has {cells} of {columns} cells and no line end: the file may be cut short")
}

pub fn formula(name: &str, value: &str) -> String {
    format!("{} `{}` starts with `=`: a spreadsheet formula, not a value; paste values only", col(name), shown(value))
}

pub fn stopped(errors: u64) -> String {
    let (s, them) = if errors == 1 { ("", "it") } else { ("s", "them") };
    format!("the ledgers have {errors} error{s}; nothing was decided (fix {them}; `leadctl check` lists every problem)")
}

pub fn after_as_of(day: chrono::NaiveDate, as_of: Option<chrono::NaiveDate>) -> String {
    match as_of {
        Some(as_of) => format!("dated {day}, after the as-of day {as_of}: left out; check the date, or give --as-of"),
        None => format!("dated {day}: left out"),
    }
}

pub fn slow_follow_up(gap: i64, last: chrono::NaiveDate, every: u32) -> String {
    format!("{gap} days after the last touch on {last}; claims.follow_up_every_days = {every}")
}

pub fn no_follow_up_since(last: chrono::NaiveDate, quiet: i64, as_of: chrono::NaiveDate, every: u32) -> String {
    format!("no follow-up since {last} ({quiet} days by {as_of}); claims.follow_up_every_days = {every}")
}

pub fn will_lapse(end: chrono::NaiveDate, left: i64, last_touch: chrono::NaiveDate, lapse: u32) -> String {
    format!(
        "protection lapses after {end} ({}): last touch {last_touch} + claims.lapse_after_days {lapse}; follow up to keep it",
        in_days(left)
    )
}

pub fn will_expire(end: chrono::NaiveDate, left: i64, start: chrono::NaiveDate, days: u32) -> String {
    format!(
        "protection expires after {end} ({}) without a visit (量尺): claimed {start}, expire_without_visit_days {days}; visit to keep it",
        in_days(left)
    )
}

fn in_days(n: i64) -> String {
    match n {
        0 => "today".into(),
        1 => "in 1 day".into(),
        n => format!("in {n} days"),
    }
}

pub fn possible_duplicate_customer(name: &str, address: &str, other: impl Display, at: impl Display) -> String {
    format!("{} at {} is also registered under {other} ({at}); the same customer under two phones?", shown(name), shown(address))
}

pub fn unknown_name(column: &str, name: &str, hint: Option<&str>) -> String {
    match hint {
        Some(h) => format!("{} `{}` is not in the roster; did you mean {h}?", col(column), shown(name)),
        None => format!("{} `{}` is not in the roster ([reps] in rules.toml)", col(column), shown(name)),
    }
}

pub fn repeated_ruling() -> String {
    "an earlier ruling on the same customer wins; this one is ignored".into()
}

pub fn unknown_table(header: &[String]) -> String {
    format!(
        "cannot tell what this file holds: the header names {}; a claim ledger needs date and rep, \
         a customer ledger deal_id, date, phone, amount and closed_by, rulings phone and owner",
        names(header)
    )
}

pub fn policy_skipped(file: &str, errors: u64) -> String {
    format!("policy checks skipped: {file} has {} that stop `attribute` too", plural(errors, "error"))
}

/// `1 row`, `2 rows`.
pub fn plural(n: u64, word: &str) -> String {
    format!("{n} {word}{}", if n == 1 { "" } else { "s" })
}

pub fn too_much_text() -> String {
    "the ledgers hold more than 4 GiB of text; split them by period and run leadctl on each".into()
}

/// rules.toml lists more commission tiers than §10 allows.
pub fn too_many_tiers(count: usize, max: usize) -> String {
    format!("{count} tiers; at most {max} are allowed: merge tiers that share a rate")
}

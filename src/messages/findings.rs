//! Wording of findings about input files: they name the bad value and say
//! what was expected, in words a store manager understands.

use std::fmt::Display;

use crate::domain::columns::{Column, TableKind};

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

pub fn missing_column(column: &Column, kind: TableKind, header: &[String], closest: Option<&str>) -> String {
    format!("no {} column in this {kind}; the header names: {}; {}", column.with_aliases(), names(header), add_line(column, closest))
}

/// What to add under `[columns]` for a missing column.
fn add_line(column: &Column, closest: Option<&str>) -> String {
    match closest {
        Some(text) => format!(
            "if `{}` is the {} column, add under [columns] in rules.toml: \"{}\" = \"{}\"",
            shown(text),
            column.name,
            shown(text).replace('"', "\\\""),
            column.name
        ),
        None => format!(
            "name the column {}, or add its header text under [columns] in rules.toml: \"HEADER\" = \"{}\"",
            column.name, column.name
        ),
    }
}

/// For one kind of table: the columns a row names, and the required ones
/// it lacks with the closest header text.
#[derive(Debug, Clone)]
pub struct KindReport {
    pub kind: TableKind,
    pub found: Vec<&'static str>,
    pub missing: Vec<(&'static Column, Option<String>)>,
}

/// No header row among the first rows of a table.
pub fn no_header(within: u32, line: Option<u32>, reports: &[KindReport]) -> String {
    let row = match line {
        Some(line) => format!("the row that names most columns (line {line})"),
        None => "its rows".into(),
    };
    let kinds: Vec<String> = reports
        .iter()
        .map(|r| {
            let found = if r.found.is_empty() { "nothing".to_string() } else { r.found.join(", ") };
            let missing: Vec<String> = r
                .missing
                .iter()
                .map(|(c, closest)| match closest {
                    Some(text) => format!("{} (closest: `{}`; add \"{}\" = \"{}\" under [columns])", c.name, shown(text), shown(text), c.name),
                    None => c.name.to_string(),
                })
                .collect();
            format!("{}: found {found}; missing {}", r.kind, missing.join(", "))
        })
        .collect();
    let keys: Vec<String> = TableKind::ALL.iter().map(|k| format!("{} ({k})", and_list(k.key_columns()))).collect();
    let (last, rest) = keys.split_last().expect("there are table kinds");
    format!(
        "no header row in the first {within} rows: a header names at least two of {}, or {last}; {row} names — {}",
        rest.join(", "),
        kinds.join(" · ")
    )
}

/// `a, b and c`.
fn and_list(words: &[&str]) -> String {
    match words.split_last() {
        Some((last, rest)) if !rest.is_empty() => format!("{} and {last}", rest.join(", ")),
        _ => words.join(""),
    }
}

/// A sheet that names some columns but has no header row: skipped.
pub fn sheet_without_header(within: u32, line: Option<u32>, reports: &[KindReport]) -> String {
    format!("{}; fix the header, or read only the other sheets with --sheet NAME", no_header(within, line, reports))
}

/// A text file whose header is of another kind than the flag that named it.
pub fn wrong_kind(found: TableKind, wanted: TableKind) -> String {
    format!("this file is a {found}, not a {wanted}: give it as {} (its header says so)", found.flag())
}

/// A workbook with no sheet of the kind asked for.
pub fn no_sheet_of_kind(wanted: TableKind, sheets: &[(String, String)]) -> String {
    let list: Vec<String> = sheets.iter().map(|(name, what)| format!("sheet `{}` {what}", shown(name))).collect();
    format!("no sheet of this workbook is a {wanted}: {}", list.join(", "))
}

/// Why a sheet was not read, for the summary, `-v` and [`no_sheet_of_kind`].
pub fn sheet_skipped(what: crate::domain::columns::SheetWhat) -> String {
    use crate::domain::columns::SheetWhat;
    match what {
        SheetWhat::Read(kind) => format!("is a {kind}"),
        SheetWhat::Other(kind) => format!("is a {kind} (give the workbook as {} to read it)", kind.flag()),
        SheetWhat::NoHeader => "has no header row in its first 30 rows".into(),
        SheetWhat::Empty => "is empty".into(),
        SheetWhat::NotNamed => "is not named by --sheet".into(),
    }
}

pub fn totals_mismatch(word: &str, stated: crate::domain::money::Money, sum: crate::domain::money::Money) -> String {
    let over = if word == "小计" { "since the previous totals row" } else { "since the previous total" };
    format!(
        "this {word} row says {} but the deals above it ({over}) add up to {}; check for a missing, extra or changed row",
        crate::domain::money::cents(stated),
        crate::domain::money::cents(sum)
    )
}

pub fn no_final_newline() -> String {
    "the last row has no line end: if the file was cut short, the last row may be incomplete".into()
}

pub fn deal_word_event(value: &str) -> String {
    format!(
        "{} `{}`: a deal is not a claim-ledger event; deals belong in the customer ledger (one row per deal with its 单号 and 金额)",
        col("event"),
        shown(value)
    )
}

pub fn lost_phone(value: &str, why: impl Display) -> String {
    format!("{}; this row will be lost", bad_value("phone", value, why))
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
    format!(
        "{} `{}`: expected {}; a word of your own goes under [events] in rules.toml, like follow_up = [\"{}\"]",
        col("event"),
        shown(value),
        crate::domain::ledger::Event::ACCEPTED,
        shown(value).replace('"', "\\\"")
    )
}

pub fn duplicate_deal_id(id: &str, first: impl Display) -> String {
    format!("deal_id `{}` repeats {first}; every deal needs its own order number", shown(id))
}

pub fn deal_bad_phone(value: &str, why: impl Display) -> String {
    format!("{}; the deal goes to its closer", super::bad_phone("phone", value, why))
}

pub fn ruling_bad_phone(value: &str, why: impl Display) -> String {
    format!("{}; this ruling is ignored", super::bad_phone("phone", value, why))
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

/// `as of 2026-11-29 (today in Asia/Shanghai)`: the day `check` took as today.
pub fn as_of_today(day: chrono::NaiveDate, timezone: &str) -> String {
    format!("as of {day} (today in {timezone})")
}

/// rules.toml lists more commission tiers than §10 allows.
pub fn too_many_tiers(count: usize, max: usize) -> String {
    format!("{count} tiers; at most {max} are allowed: merge tiers that share a rate")
}

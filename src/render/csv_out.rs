//! Writes the three reports as CSV into any writer, and into an output set
//! as `deals.csv`, `claims.csv` and `commissions.csv` (see `publish`).

use std::io::{self, Write};

use super::publish::Set;
use super::columns::{self, CLAIMS, COMMISSIONS, Columns, DEALS};
use super::view::{Cell, Report};

/// How CSV is written.
#[derive(Debug, Clone, Copy)]
pub struct CsvOptions {
    /// Start with a UTF-8 byte-order mark, so Excel and WPS read Chinese text.
    pub bom: bool,
    /// Neutralise cells a spreadsheet would run as a formula (OWASP).
    pub neutralise: bool,
}

/// Writes one report: a header, then each row of cells.
pub fn write_rows<'a, W: Write, R: AsRef<[Cell<'a>]>>(
    mut out: W,
    header: &[&str],
    rows: impl Iterator<Item = R>,
    options: CsvOptions,
) -> io::Result<()> {
    if options.bom {
        out.write_all(b"\xEF\xBB\xBF")?;
    }
    let mut w = csv::WriterBuilder::new().buffer_capacity(1 << 16).from_writer(out);
    w.write_record(header).map_err(io_error)?;
    let mut buf = Vec::new();
    for row in rows {
        for cell in row.as_ref() {
            w.write_field(cell_bytes(cell, options.neutralise, &mut buf)).map_err(io_error)?;
        }
        w.write_record(None::<&[u8]>).map_err(io_error)?;
    }
    w.into_inner().map_err(|e| e.into_error())?.flush()
}

/// A cell's bytes as its `Display` writes them (with the `'` that
/// neutralises a formula when asked): text as it is, numbers, days, phones
/// and row names put together in `buf` without the formatting machinery.
fn cell_bytes<'b>(cell: &'b Cell, neutralise: bool, buf: &'b mut Vec<u8>) -> &'b [u8] {
    buf.clear();
    if neutralise && starts_like_formula(cell) {
        buf.push(b'\'');
    } else {
        match cell {
            Cell::Text(t) => return t.as_bytes(),
            Cell::Owned(t) => return t.as_bytes(),
            Cell::Phone(crate::domain::ledger::PhoneText::Text(t)) => return t.as_bytes(),
            Cell::House | Cell::Empty => return b"",
            _ => {}
        }
    }
    match cell {
        Cell::Text(t) | Cell::Phone(crate::domain::ledger::PhoneText::Text(t)) => buf.extend_from_slice(t.as_bytes()),
        Cell::Owned(t) => buf.extend_from_slice(t.as_bytes()),
        Cell::Phone(crate::domain::ledger::PhoneText::Number(p)) => p.push_digits(buf),
        Cell::Row(r) => {
            buf.extend_from_slice(r.file.as_bytes());
            if let Some(sheet) = r.sheet {
                buf.push(b'[');
                buf.extend_from_slice(sheet.as_bytes());
                buf.push(b']');
            }
            buf.push(b':');
            push_u64(buf, u64::from(r.line));
        }
        Cell::Count(n) => push_u64(buf, *n),
        Cell::Int(n) => {
            if *n < 0 {
                buf.push(b'-');
            }
            push_u64(buf, n.unsigned_abs());
        }
        Cell::Day(d) => push_day(buf, *d),
        Cell::Money(m) => push_cents(buf, *m),
        Cell::House | Cell::Empty => {}
    }
    buf
}

/// Appends money as [`cents`](crate::domain::money::cents) writes it: the
/// amount rounded to two decimals, never `-0.00`.
fn push_cents(buf: &mut Vec<u8>, m: crate::domain::money::Money) {
    let mut v = crate::domain::money::round_cents(m);
    v.rescale(2);
    if v.scale() != 2 {
        use std::io::Write as _;
        let _ = write!(buf, "{}", crate::domain::money::cents(m));
        return;
    }
    let cents = v.mantissa();
    if cents < 0 {
        buf.push(b'-');
    }
    let cents = cents.unsigned_abs();
    let (whole, part) = (cents / 100, cents % 100);
    match u64::try_from(whole) {
        Ok(whole) => push_u64(buf, whole),
        Err(_) => {
            use std::io::Write as _;
            let _ = write!(buf, "{whole}");
        }
    }
    buf.extend_from_slice(&[b'.', b'0' + (part / 10) as u8, b'0' + (part % 10) as u8]);
}

/// Appends a number's decimal digits.
fn push_u64(buf: &mut Vec<u8>, mut n: u64) {
    let mut digits = [0u8; 20];
    let mut i = digits.len();
    loop {
        i -= 1;
        digits[i] = b'0' + (n % 10) as u8;
        n /= 10;
        if n == 0 {
            break;
        }
    }
    buf.extend_from_slice(&digits[i..]);
}

/// Appends a day as `YYYY-MM-DD` ([`Ymd`](crate::domain::day::Ymd) writes
/// days outside years 0–9999 its own way).
fn push_day(buf: &mut Vec<u8>, day: chrono::NaiveDate) {
    use chrono::Datelike;
    let (y, m, d) = (day.year(), day.month(), day.day());
    if !(0..=9999).contains(&y) {
        use std::io::Write as _;
        let _ = write!(buf, "{}", crate::domain::day::Ymd(day));
        return;
    }
    let y = y as u32;
    let digit = |v: u32| b'0' + v as u8;
    buf.extend_from_slice(&[digit(y / 1000), digit(y / 100 % 10), digit(y / 10 % 10), digit(y % 10), b'-', digit(m / 10), digit(m % 10), b'-', digit(d / 10), digit(d % 10)]);
}

/// The io error inside a csv error, so a closed pipe stays a closed pipe
/// (csv's own conversion makes every error `Other`).
fn io_error(e: csv::Error) -> io::Error {
    match e.into_kind() {
        csv::ErrorKind::Io(e) => e,
        other => io::Error::other(format!("{other:?}")),
    }
}

/// True when a text cell starts with `=`, `+`, `-`, `@`, a tab or a CR. A
/// row reference starts with its file name (a ledger named `=1+1.csv`);
/// money, counts and days never start so.
fn starts_like_formula(cell: &Cell) -> bool {
    let text = match cell {
        Cell::Text(t) => *t,
        Cell::Row(r) => r.file,
        Cell::Owned(t) => t.as_str(),
        Cell::Phone(crate::domain::ledger::PhoneText::Text(t)) => t,
        _ => return false,
    };
    text.starts_with(['=', '+', '-', '@', '\t', '\r'])
}

/// Writes the three CSV files into a set's run folder. With one thread the
/// smallest goes first: commissions, deals, then claims.
pub fn write_set(report: &Report, set: &Set, options: CsvOptions, parallel: bool) -> io::Result<()> {
    // claims.csv, the largest, is also hashed and written on a thread of its
    // own: its rendering alone then takes about as long as the other two files.
    let write_claims = || write_file(set, &CLAIMS, report.claims().map(|(_, c)| c), options, parallel);
    let write_rest = || -> io::Result<()> {
        write_file(set, &COMMISSIONS, report.commissions(), options, false)?;
        write_file(set, &DEALS, report.deals(), options, false)
    };
    if parallel {
        // claims.csv is the largest: it is written on a second thread meanwhile.
        std::thread::scope(|scope| {
            let claims = scope.spawn(write_claims);
            let rest = write_rest();
            let claims = claims.join().unwrap_or_else(|panic| std::panic::resume_unwind(panic));
            rest.and(claims)
        })
    } else {
        write_rest()?;
        write_claims()
    }
}

/// Writes one report as `REPORT.csv` in a set's run folder.
fn write_file<'a, const N: usize>(
    set: &Set,
    columns: &Columns<N>,
    rows: impl Iterator<Item = [Cell<'a>; N]>,
    options: CsvOptions,
    piped: bool,
) -> io::Result<()> {
    set.file_on(&format!("{}.csv", columns.report), piped, |w| write_rows(w, &columns.names(), rows, options))
}

/// Writes one file beside `path` and renames it over (see
/// [`super::publish::write_file`]; callers that know the run's inputs pass
/// them there instead).
pub fn atomic_write(path: &std::path::Path, write: impl FnOnce(&mut dyn Write) -> io::Result<()>) -> io::Result<()> {
    super::publish::write_file(path, &super::publish::Inputs::default(), write)
}

/// The three reports as one CSV table for pipes: a `report` column says
/// which report a row belongs to; columns it lacks are empty (the header is
/// [`columns::stream`], every column of every report).
pub fn write_stream<W: Write>(report: &Report, out: W, options: CsvOptions) -> io::Result<()> {
    let header = columns::stream();
    let deals = report.deals().map(|c| widen(&header, &DEALS, c));
    let claims = report.claims().map(|(_, c)| widen(&header, &CLAIMS, c));
    let commissions = report.commissions().map(|c| widen(&header, &COMMISSIONS, c));
    write_rows(out, &header, deals.chain(claims).chain(commissions), options)
}

/// Places a report's cells under their columns of the stream.
fn widen<'a, const N: usize>(header: &[&str], columns: &Columns<N>, cells: [Cell<'a>; N]) -> Vec<Cell<'a>> {
    let mut cells = cells.map(Some);
    header
        .iter()
        .map(|&name| match name {
            columns::REPORT => Cell::Text(columns.report),
            name => columns.position(name).and_then(|p| cells[p].take()).unwrap_or(Cell::Empty),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::ledger::{PhoneText, RowName};

    #[test]
    fn cell_bytes_are_what_display_writes() {
        let day = |y, m, d| chrono::NaiveDate::from_ymd_opt(y, m, d).unwrap();
        let phone = crate::domain::phone::Phone::parse("013800138000").or_else(|_| crate::domain::phone::Phone::parse("13800138000")).unwrap();
        let cells = [
            Cell::Text("张伟"),
            Cell::Owned("=1+1".into()),
            Cell::Day(day(2026, 3, 5)),
            Cell::Day(day(10_000, 1, 1)),
            Cell::Money(rust_decimal::Decimal::new(-12345, 3)),
            Cell::Money(rust_decimal::Decimal::new(-4, 3)),
            Cell::Money(rust_decimal::Decimal::new(5, 3)),
            Cell::Money(rust_decimal::Decimal::ZERO),
            Cell::Money(rust_decimal::Decimal::new(1_280_000, 2)),
            Cell::Money(rust_decimal::Decimal::new(12_800, 0)),
            Cell::Money(rust_decimal::Decimal::MAX),
            Cell::Money(rust_decimal::Decimal::MIN),
            Cell::Money(rust_decimal::Decimal::new(-1, 28)),
            Cell::Row(RowName { file: "claims.csv", sheet: None, line: 12 }),
            Cell::Row(RowName { file: "-a.xlsx", sheet: Some("3月"), line: 7 }),
            Cell::Phone(PhoneText::Number(phone)),
            Cell::Phone(PhoneText::Text("+138")),
            Cell::Count(0),
            Cell::Count(1_234_567),
            Cell::Int(-42),
            Cell::Int(i64::MIN),
            Cell::House,
            Cell::Empty,
        ];
        let mut buf = Vec::new();
        for cell in &cells {
            for neutralise in [false, true] {
                let mut want = String::new();
                if neutralise && starts_like_formula(cell) {
                    want.push('\'');
                }
                want.push_str(&cell.to_string());
                assert_eq!(String::from_utf8_lossy(cell_bytes(cell, neutralise, &mut buf)), want, "{cell:?}");
            }
        }
    }
}

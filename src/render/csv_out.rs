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
    out: W,
    header: &[&str],
    rows: impl Iterator<Item = R>,
    options: CsvOptions,
) -> io::Result<()> {
    let mut out = io::BufWriter::with_capacity(1 << 16, out);
    if options.bom {
        out.write_all(b"\xEF\xBB\xBF")?;
    }
    let mut w = csv::WriterBuilder::new().from_writer(out);
    w.write_record(header).map_err(io_error)?;
    let mut buf = String::new();
    for row in rows {
        for cell in row.as_ref() {
            buf.clear();
            if options.neutralise && starts_like_formula(cell) {
                buf.push('\'');
            }
            use std::fmt::Write as _;
            let _ = write!(buf, "{cell}");
            w.write_field(&buf).map_err(io_error)?;
        }
        w.write_record(None::<&[u8]>).map_err(io_error)?;
    }
    w.into_inner().map_err(|e| e.into_error())?.flush()
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
    let write_claims = || write_file(set, &CLAIMS, report.claims().map(|(_, c)| c), options);
    let write_rest = || -> io::Result<()> {
        write_file(set, &COMMISSIONS, report.commissions(), options)?;
        write_file(set, &DEALS, report.deals(), options)
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
) -> io::Result<()> {
    set.file(&format!("{}.csv", columns.report), |w| write_rows(w, &columns.names(), rows, options))
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

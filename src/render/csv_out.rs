//! Writes the three reports as CSV into any writer, and into a folder as
//! `deals.csv`, `claims.csv` and `commissions.csv`, each atomically.

use std::io::{self, Write};
use std::path::{Path, PathBuf};

use super::view::{CLAIM_COLUMNS, COMMISSION_COLUMNS, Cell, DEAL_COLUMNS, Report};

/// How CSV is written.
#[derive(Debug, Clone, Copy)]
pub struct CsvOptions {
    /// Start with a UTF-8 byte-order mark, so Excel and WPS read Chinese text.
    pub bom: bool,
    /// Neutralise cells a spreadsheet would run as a formula (OWASP).
    pub neutralise: bool,
}

/// Writes one report: a header, then each row of cells.
pub fn write_rows<'a, W: Write, const N: usize>(
    out: W,
    header: &[&str; N],
    rows: impl Iterator<Item = [Cell<'a>; N]>,
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
        for cell in &row {
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

/// Writes the three CSV files into `dir` (created if needed). Each file is
/// written to a temporary file in `dir` and renamed into place.
pub fn write_dir(report: &Report, dir: &Path, options: CsvOptions, parallel: bool) -> io::Result<Vec<PathBuf>> {
    std::fs::create_dir_all(dir)?;
    let deals = dir.join("deals.csv");
    let claims = dir.join("claims.csv");
    let commissions = dir.join("commissions.csv");
    let write_claims = || atomic_write(&claims, |w| write_rows(w, &CLAIM_COLUMNS, report.claims().map(|(_, c)| c), options));
    let write_rest = || -> io::Result<()> {
        atomic_write(&deals, |w| write_rows(w, &DEAL_COLUMNS, report.deals(), options))?;
        atomic_write(&commissions, |w| write_rows(w, &COMMISSION_COLUMNS, report.commissions(), options))
    };
    if parallel {
        // claims.csv is the largest: it is written on a second thread meanwhile.
        std::thread::scope(|scope| {
            let claims = scope.spawn(write_claims);
            write_rest()?;
            claims.join().unwrap_or_else(|panic| std::panic::resume_unwind(panic))
        })?;
    } else {
        write_claims()?;
        write_rest()?;
    }
    Ok(vec![deals, claims, commissions])
}

/// Writes a file by writing a temporary file beside it, then renaming it:
/// a reader never sees half a file, and a failed run leaves the old one.
pub fn atomic_write(path: &Path, write: impl FnOnce(&mut dyn Write) -> io::Result<()>) -> io::Result<()> {
    let dir = path.parent().filter(|p| !p.as_os_str().is_empty()).unwrap_or(Path::new("."));
    let mut tmp = tempfile::Builder::new().prefix(".leadctl-").suffix(".tmp").tempfile_in(dir)?;
    write(tmp.as_file_mut())?;
    tmp.as_file().sync_all()?;
    tmp.persist(path).map_err(|e| e.error)?;
    Ok(())
}

/// The columns of the single CSV stream: `report`, then every column of the
/// three reports, each once.
pub const STREAM_COLUMNS: [&str; 24] = [
    "report", "deal_id", "row", "period", "date", "rep", "customer", "phone", "amount", "closed_by", "owner", "basis",
    "claim_row", "deal_row", "status", "reason", "end_day", "channel", "deals", "performance", "commission", "bonus",
    "total", "detail",
];

/// The three reports as one CSV table for pipes: a `report` column says
/// which report a row belongs to; columns it lacks are empty.
pub fn write_stream<W: Write>(report: &Report, out: W, options: CsvOptions) -> io::Result<()> {
    use super::view::{CLAIM_COLUMNS, COMMISSION_COLUMNS, DEAL_COLUMNS};
    let deals = report.deals().map(|c| widen("deals", &DEAL_COLUMNS, c));
    let claims = report.claims().map(|(_, c)| widen("claims", &CLAIM_COLUMNS, c));
    let commissions = report.commissions().map(|c| widen("commissions", &COMMISSION_COLUMNS, c));
    write_rows(out, &STREAM_COLUMNS, deals.chain(claims).chain(commissions), options)
}

/// Places a report's cells under their columns of the stream.
fn widen<'a, const N: usize>(name: &'static str, header: &[&str; N], cells: [Cell<'a>; N]) -> [Cell<'a>; 24] {
    let mut cells = cells.map(Some);
    std::array::from_fn(|i| match STREAM_COLUMNS[i] {
        "report" => Cell::Text(name),
        column => header.iter().position(|h| *h == column).and_then(|p| cells[p].take()).unwrap_or(Cell::Empty),
    })
}

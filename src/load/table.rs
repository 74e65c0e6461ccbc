//! Reads a delimited text table: the header, then every row with its
//! physical line, skipping blank rows and reporting rows that cannot be
//! read as text.

use std::io::Read;

use csv::{ByteRecord, ReaderBuilder, StringRecord};

use super::columns::{ColumnMap, TableKind};
use crate::diag::{Code, Diagnostic, Findings};
use crate::domain::ledger::Line;
use crate::messages as msg;

/// How a table's text is laid out.
#[derive(Debug, Clone, Copy)]
pub struct Layout {
    pub delimiter: u8,
    /// The encoding's name, for messages about undecodable bytes.
    pub encoding: &'static str,
}

/// What reading a table found besides its rows.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct TableStats {
    /// Data rows read, blank ones included.
    pub rows: u64,
    pub blank: u64,
    /// The header cells, as written.
    pub header: Vec<String>,
}

/// Reads `input` as a table of `kind`, calling `row` for each non-blank
/// data row that could be read as text.
pub fn read_table<R: Read>(
    file: &str,
    input: R,
    layout: Layout,
    kind: TableKind,
    findings: &mut Findings,
    mut row: impl FnMut(Line, &ColumnMap, &StringRecord, &mut Findings),
) -> std::io::Result<TableStats> {
    let mut reader = ReaderBuilder::new().has_headers(false).flexible(true).delimiter(layout.delimiter).from_reader(input);
    let mut stats = TableStats::default();
    let mut record = StringRecord::new();
    let header_read = next_record(&mut reader, &mut record, file, layout, findings)?;
    if header_read == Next::End {
        findings.push(Diagnostic::error(file, None, None, Code::EmptyFile, msg::empty_file(Some(kind))));
        return Ok(stats);
    }
    stats.header = record.iter().map(|c| c.trim_start_matches('\u{feff}').trim().to_string()).collect();
    let map = ColumnMap::new(kind, stats.header.iter().map(String::as_str));
    for column in map.missing() {
        findings.push(Diagnostic::error(file, Some(1), None, Code::MissingColumn, msg::missing_column(column, kind, &stats.header)));
    }
    let width = stats.header.len();
    loop {
        match next_record(&mut reader, &mut record, file, layout, findings)? {
            Next::End => break,
            Next::Skipped => stats.rows += 1,
            Next::Row(line) => {
                stats.rows += 1;
                if record.iter().all(|c| c.trim().is_empty() || crate::domain::text::fold(c).is_empty()) {
                    stats.blank += 1;
                    continue;
                }
                if let Some(extra) = record.iter().skip(width).position(|c| !c.trim().is_empty()) {
                    let d = Diagnostic::error(file, Some(line), Some(width + extra + 1), Code::ExtraCells, msg::extra_cells(record.len(), width));
                    findings.push(d);
                    continue;
                }
                row(line, &map, &record, findings);
            }
        }
    }
    Ok(stats)
}

#[derive(Debug, PartialEq, Eq)]
enum Next {
    Row(Line),
    /// A row that could not be read (reported).
    Skipped,
    End,
}

fn next_record<R: Read>(
    reader: &mut csv::Reader<R>,
    record: &mut StringRecord,
    file: &str,
    layout: Layout,
    findings: &mut Findings,
) -> std::io::Result<Next> {
    match reader.read_record(record) {
        Ok(false) => Ok(Next::End),
        Ok(true) => Ok(Next::Row(record.position().map_or(0, |p| p.line()))),
        Err(e) => {
            let line = e.position().map(|p| p.line());
            match e.into_kind() {
                csv::ErrorKind::Io(io) => Err(io),
                csv::ErrorKind::Utf8 { err, .. } => {
                    let d = Diagnostic::error(file, line, Some(err.field() + 1), Code::BadEncoding, msg::bad_encoding(layout.encoding));
                    findings.push(d);
                    Ok(Next::Skipped)
                }
                other => {
                    findings.push(Diagnostic::error(file, line, None, Code::BadCsv, msg::bad_csv(format!("{other:?}"))));
                    Ok(Next::Skipped)
                }
            }
        }
    }
}

/// Reads a table's header only (to recognise what kind of file it is).
pub fn read_header<R: Read>(input: R, delimiter: u8) -> Option<Vec<String>> {
    let mut reader = ReaderBuilder::new().has_headers(false).flexible(true).delimiter(delimiter).from_reader(input);
    let mut record = ByteRecord::new();
    reader.read_byte_record(&mut record).ok().filter(|read| *read)?;
    Some(record.iter().map(|c| String::from_utf8_lossy(c).trim_start_matches('\u{feff}').trim().to_string()).collect())
}

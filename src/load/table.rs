//! Reads a table from a row source: the header, then every row with its
//! physical line, skipping blank rows and reporting rows that cannot be read.

use csv::StringRecord;

use super::columns::{ColumnMap, TableKind};
use super::source::{BadRow, Next, RowSource, Tail};
use crate::diag::{Code, Diagnostic, Findings};
use crate::domain::ledger::Line;
use crate::domain::text::fold;
use crate::messages as msg;

/// What reading a table found besides its rows.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct TableStats {
    /// Data rows read, blank ones and unreadable ones included.
    pub rows: u64,
    pub blank: u64,
    /// The header cells, as written.
    pub header: Vec<String>,
    /// How the file was read (`UTF-8`, `GB18030`, `xlsx`, …).
    pub encoding: &'static str,
    /// Where the header put each column.
    pub map: Option<ColumnMap>,
}

/// Reads a table of `kind`, calling `row` for each non-blank data row.
pub fn read_table(
    file: &str,
    source: &mut dyn RowSource,
    encoding: &'static str,
    kind: TableKind,
    findings: &mut Findings,
    mut row: impl FnMut(Line, &ColumnMap, &StringRecord, &mut Findings),
) -> std::io::Result<TableStats> {
    let mut stats = TableStats { encoding, ..TableStats::default() };
    let mut record = StringRecord::new();
    let header = loop {
        match source.next_row(&mut record)? {
            Next::End => {
                findings.push(Diagnostic::error(file, None, None, Code::EmptyFile, msg::empty_file(Some(kind))));
                return Ok(stats);
            }
            Next::Bad { line, column, why } => report(file, line, column, &why, encoding, findings),
            Next::Row(_) => break record.clone(),
        }
    };
    stats.header = header.iter().map(|c| c.trim_start_matches('\u{feff}').trim().to_string()).collect();
    let map = ColumnMap::new(kind, stats.header.iter().map(String::as_str));
    for column in map.missing() {
        findings.push(Diagnostic::error(file, Some(1), None, Code::MissingColumn, msg::missing_column(column, kind, &stats.header)));
    }
    stats.map = Some(map.clone());
    let width = stats.header.len();
    let mut last = (0, 0);
    loop {
        match source.next_row(&mut record)? {
            Next::End => {
                report_cut_short(file, source.tail(), last, width, findings);
                break;
            }
            Next::Bad { line, column, why } => {
                stats.rows += 1;
                report(file, line, column, &why, encoding, findings);
            }
            Next::Row(line) => {
                stats.rows += 1;
                last = (line, record.len());
                if record.iter().all(|c| fold(c).is_empty()) {
                    stats.blank += 1;
                } else if let Some(extra) = record.iter().skip(width).position(|c| !c.trim().is_empty()) {
                    let d = Diagnostic::error(file, Some(line), Some(width + extra + 1), Code::ExtraCells, msg::extra_cells(record.len(), width));
                    findings.push(d);
                } else {
                    row(line, &map, &record, findings);
                }
            }
        }
    }
    Ok(stats)
}

/// A quoted cell that never closes is an error; a last row with fewer cells
/// than the header and no line end is a warning: the file may be cut short.
fn report_cut_short(file: &str, tail: Tail, (line, cells): (Line, usize), width: usize, findings: &mut Findings) {
    let line = (line > 0).then_some(line);
    if tail.open_quote {
        findings.push(Diagnostic::error(file, line, None, Code::BadCsv, msg::open_quote()));
    } else if tail.no_final_newline && line.is_some() && cells < width {
        findings.push(Diagnostic::warning(file, line, Some(cells), Code::CutShort, msg::cut_short(cells, width)));
    }
}

fn report(file: &str, line: Option<Line>, column: Option<usize>, why: &BadRow, encoding: &str, findings: &mut Findings) {
    let (code, message) = match why {
        BadRow::Encoding => (Code::BadEncoding, msg::bad_encoding(encoding)),
        BadRow::Csv(why) => (Code::BadCsv, msg::bad_csv(why)),
    };
    findings.push(Diagnostic::error(file, line, column, code, message));
}

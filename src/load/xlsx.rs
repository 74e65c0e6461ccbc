//! Rows of the first sheet of a spreadsheet (.xlsx, .xls, .ods), as text:
//! numbers stored for phones read without `.0`, Excel serial dates (1900 or
//! 1904 system) read as days.

use std::path::Path;

use calamine::{Data, Range, Reader, Sheets, open_workbook_auto, open_workbook_auto_from_rs};
use csv::StringRecord;

use super::source::{Next, RowSource};

/// The used rows of one sheet; lines and columns as the spreadsheet numbers them.
pub struct SheetRows {
    range: Range<Data>,
    next: usize,
}

impl SheetRows {
    /// Opens the first sheet of a workbook.
    pub fn open(path: &Path) -> Result<SheetRows, String> {
        first_sheet(open_workbook_auto(path).map_err(|e| e.to_string())?)
    }

    /// Opens the first sheet of a workbook held in memory.
    pub fn from_bytes(bytes: Vec<u8>) -> Result<SheetRows, String> {
        first_sheet(open_workbook_auto_from_rs(std::io::Cursor::new(bytes)).map_err(|e| e.to_string())?)
    }
}

fn first_sheet<RS: std::io::Read + std::io::Seek>(mut book: Sheets<RS>) -> Result<SheetRows, String> {
    let range = match book.worksheet_range_at(0) {
        Some(r) => r.map_err(|e| e.to_string())?,
        None => Range::empty(),
    };
    Ok(SheetRows { range, next: 0 })
}

impl RowSource for SheetRows {
    fn next_row(&mut self, record: &mut StringRecord) -> std::io::Result<Next> {
        let (height, width) = self.range.get_size();
        if self.next >= height {
            return Ok(Next::End);
        }
        let (row0, col0) = self.range.start().unwrap_or((0, 0));
        record.clear();
        for _ in 0..col0 {
            record.push_field("");
        }
        for c in 0..width {
            record.push_field(&self.range.get((self.next, c)).map_or(String::new(), cell_text));
        }
        self.next += 1;
        Ok(Next::Row(row0.saturating_add(self.next as u32)))
    }
}

/// A cell as the text a CSV export would hold.
pub fn cell_text(cell: &Data) -> String {
    match cell {
        Data::Empty => String::new(),
        Data::String(s) | Data::DateTimeIso(s) | Data::DurationIso(s) => s.clone(),
        Data::Int(i) => i.to_string(),
        Data::Float(f) => number_text(*f),
        Data::Bool(b) => if *b { "TRUE" } else { "FALSE" }.to_string(),
        Data::DateTime(dt) if dt.is_datetime() => {
            let (y, m, d, h, min, s, _) = dt.to_ymd_hms_milli();
            if (h, min, s) == (0, 0, 0) {
                format!("{y:04}-{m:02}-{d:02}")
            } else {
                format!("{y:04}-{m:02}-{d:02} {h:02}:{min:02}:{s:02}")
            }
        }
        Data::DateTime(dt) => number_text(dt.as_f64()),
        Data::Error(e) => e.to_string(),
    }
}

/// Whole numbers without `.0` (a phone stored as a number); others in their
/// shortest exact form.
fn number_text(f: f64) -> String {
    if f.fract() == 0.0 && f.abs() < 1e15 { format!("{f:.0}") } else { f.to_string() }
}

#[cfg(test)]
mod tests {
    use super::*;
    use calamine::{ExcelDateTime, ExcelDateTimeType};

    #[test]
    fn phones_stored_as_numbers_lose_their_point_zero() {
        assert_eq!(cell_text(&Data::Float(13800138000.0)), "13800138000");
        assert_eq!(cell_text(&Data::Float(12800.5)), "12800.5");
        assert_eq!(cell_text(&Data::Int(42)), "42");
    }

    #[test]
    fn serial_dates_in_both_systems() {
        let d1900 = ExcelDateTime::new(46086.0, ExcelDateTimeType::DateTime, false);
        assert_eq!(cell_text(&Data::DateTime(d1900)), "2026-03-05");
        let d1904 = ExcelDateTime::new(46086.0 - 1462.0, ExcelDateTimeType::DateTime, true);
        assert_eq!(cell_text(&Data::DateTime(d1904)), "2026-03-05");
        let timed = ExcelDateTime::new(46086.5, ExcelDateTimeType::DateTime, false);
        assert_eq!(cell_text(&Data::DateTime(timed)), "2026-03-05 12:00:00");
    }
}

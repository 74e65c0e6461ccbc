//! Rows of every sheet of a spreadsheet (.xlsx, .xlsb, .xls, .ods), as
//! text: numbers stored for phones read without `.0`, Excel serial dates
//! (1900 or 1904 system) read as days. The format is told from the bytes,
//! never from the file's name.

use std::path::Path;

use calamine::{Cell, Data, DataRef, Reader, Sheets, open_workbook_auto_from_rs};
use csv::StringRecord;

use super::decode::Workbook;
use super::row_source::{Next, RowSource};
use crate::messages::errors::WorkbookWhy;

/// The last row and column a worksheet can have (Excel's 1,048,576 × 16,384,
/// column XFD): a cell beyond them means a damaged or hostile file.
const MAX_ROWS: u32 = 1_048_576;
const MAX_COLUMNS: u32 = 16_384;

/// The cells of one sheet that hold something, in row then column order;
/// lines and columns as the spreadsheet numbers them.
///
/// Kept sparse on purpose: a sheet that names one far cell (`XFD1048576`)
/// must not cost a dense grid of seventeen billion cells. Rows without any
/// cell are not produced (an empty row is skipped anyway).
pub struct SheetRows {
    cells: std::vec::IntoIter<(u32, u32, String)>,
    pending: Option<(u32, u32, String)>,
}

/// A workbook's format (`xlsx`, `xlsb`, `xls`, `ods`) and every sheet, in
/// workbook order, with its name.
pub type Book = (Workbook, Vec<(String, SheetRows)>);

/// Every sheet of the workbook at `path`.
pub fn open(path: &Path) -> Result<Book, WorkbookWhy> {
    from_bytes(std::fs::read(path).map_err(|_| WorkbookWhy::Broken)?)
}

/// Every sheet of a workbook held in memory.
pub fn from_bytes(bytes: Vec<u8>) -> Result<Book, WorkbookWhy> {
    let book = open_workbook_auto_from_rs(std::io::Cursor::new(bytes)).map_err(|e| broken(&e))?;
    let format = match &book {
        Sheets::Xls(_) => Workbook::Xls,
        Sheets::Xlsx(_) => Workbook::Xlsx,
        Sheets::Xlsb(_) => Workbook::Xlsb,
        Sheets::Ods(_) => Workbook::Ods,
    };
    Ok((format, all_sheets(book)?))
}

fn all_sheets<RS: std::io::Read + std::io::Seek>(mut book: Sheets<RS>) -> Result<Vec<(String, SheetRows)>, WorkbookWhy> {
    let sheets: Vec<(String, bool)> =
        book.sheets_metadata().iter().map(|s| (s.name.clone(), s.typ == calamine::SheetType::WorkSheet)).collect();
    if sheets.len() > crate::domain::ledger::MAX_SHEETS {
        return Err(WorkbookWhy::Sheets { count: sheets.len(), max: crate::domain::ledger::MAX_SHEETS });
    }
    // A chart or macro sheet holds no rows: it is kept, empty, so that it
    // is named among the sheets skipped.
    sheets
        .into_iter()
        .map(|(name, cells)| {
            let rows = if cells { sheet(&mut book, &name)? } else { SheetRows::new(Vec::new()) };
            Ok((name, rows))
        })
        .collect()
}

impl SheetRows {
    fn new(mut cells: Vec<(u32, u32, String)>) -> SheetRows {
        // Writers put cells in order, but nothing forces them to; a cell
        // written twice keeps its last value, as a spreadsheet shows it.
        cells.sort_by_key(|&(row, col, _)| (row, col));
        cells.dedup_by(|later, kept| {
            let same = (later.0, later.1) == (kept.0, kept.1);
            if same {
                std::mem::swap(&mut kept.2, &mut later.2);
            }
            same
        });
        let mut cells = cells.into_iter();
        let pending = cells.next();
        SheetRows { cells, pending }
    }
}

fn sheet<RS: std::io::Read + std::io::Seek>(book: &mut Sheets<RS>, name: &str) -> Result<SheetRows, WorkbookWhy> {
    let mut cells = Vec::new();
    // .xlsx and .xlsb are streamed cell by cell; .xls (at most 65,536 × 256)
    // and .ods come as calamine's range.
    match &mut *book {
        Sheets::Xlsx(xlsx) => {
            let mut reader = xlsx.worksheet_cells_reader(name).map_err(|e| broken(&e))?;
            while let Some(cell) = reader.next_cell().map_err(|e| broken(&e))? {
                keep(&mut cells, cell)?;
            }
        }
        Sheets::Xlsb(xlsb) => {
            let mut reader = xlsb.worksheet_cells_reader(name).map_err(|e| broken(&e))?;
            while let Some(cell) = reader.next_cell().map_err(|e| broken(&e))? {
                keep(&mut cells, cell)?;
            }
        }
        _ => {
            let range = book.worksheet_range(name).map_err(|e| broken(&e))?;
            let (row0, col0) = range.start().unwrap_or((0, 0));
            for (r, c, data) in range.used_cells() {
                let (row, col) = (row0 + r as u32, col0 + c as u32);
                check_position(row, col)?;
                cells.push((row, col, cell_text(data)));
            }
        }
    }
    Ok(SheetRows::new(cells))
}

fn keep(cells: &mut Vec<(u32, u32, String)>, cell: Cell<DataRef<'_>>) -> Result<(), WorkbookWhy> {
    let (row, col) = cell.get_position();
    check_position(row, col)?;
    let text = cell_text(&Data::from(cell.get_value().clone()));
    if !text.is_empty() {
        cells.push((row, col, text));
    }
    Ok(())
}

fn check_position(row: u32, col: u32) -> Result<(), WorkbookWhy> {
    if row >= MAX_ROWS || col >= MAX_COLUMNS {
        let (row, column) = (u64::from(row) + 1, u64::from(col) + 1);
        return Err(WorkbookWhy::CellOutside { row, column, rows: MAX_ROWS, columns: MAX_COLUMNS });
    }
    Ok(())
}

/// What calamine could not read, as the user can act on it: a password, or
/// a damaged file (calamine's own words are not shown).
fn broken(e: &impl std::fmt::Display) -> WorkbookWhy {
    if e.to_string().to_ascii_lowercase().contains("password") { WorkbookWhy::Password } else { WorkbookWhy::Broken }
}

impl RowSource for SheetRows {
    fn next_row(&mut self, record: &mut StringRecord) -> std::io::Result<Next> {
        let Some((row, _, _)) = self.pending else {
            return Ok(Next::End);
        };
        record.clear();
        while let Some((_, col, text)) = self.pending.take_if(|(r, _, _)| *r == row) {
            while (record.len() as u32) < col {
                record.push_field("");
            }
            record.push_field(&text);
            self.pending = self.cells.next();
        }
        Ok(Next::Row(row + 1))
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

/// Whole numbers without `.0` (a phone stored as a number); others as Excel
/// and WPS show them and a CSV export writes them: at most 15 significant
/// digits, so the binary noise of a formula (`=1999*0.88` is stored as
/// 1759.1200000000001) is not read as 13 decimals (README, Real sheets).
fn number_text(f: f64) -> String {
    if !f.is_finite() || f.abs() >= 1e15 {
        return f.to_string();
    }
    if f.fract() == 0.0 {
        return format!("{f:.0}");
    }
    // `-1.75912000000000e3`: the sign, 15 digits and where the point goes.
    let sci = format!("{:.14e}", f.abs());
    let (mantissa, exp) = sci.split_once('e').unwrap_or((&sci, "0"));
    let digits: String = mantissa.chars().filter(char::is_ascii_digit).collect();
    let point = 1 + exp.parse::<i64>().unwrap_or(0);
    let mut text = String::from(if f < 0.0 { "-" } else { "" });
    if point <= 0 {
        text.push_str("0.");
        text.extend(std::iter::repeat_n('0', point.unsigned_abs() as usize));
        text.push_str(&digits);
    } else if point as usize >= digits.len() {
        // Rounded up to a whole number past the 15 digits (999999999999999.5).
        text.push_str(&digits);
        text.extend(std::iter::repeat_n('0', point as usize - digits.len()));
    } else {
        let (whole, fraction) = digits.split_at(point as usize);
        text.push_str(whole);
        text.push('.');
        text.push_str(fraction);
    }
    if text.contains('.') {
        let kept = text.trim_end_matches('0').trim_end_matches('.').len();
        text.truncate(kept);
    }
    text
}

#[cfg(test)]
mod tests {
    use super::*;
    use calamine::{ExcelDateTime, ExcelDateTimeType};

    fn rows(cells: &[(u32, u32, &str)]) -> Vec<(u32, Vec<String>)> {
        let mut sheet = SheetRows::new(cells.iter().map(|&(r, c, t)| (r, c, t.to_string())).collect());
        let mut record = StringRecord::new();
        let mut out = Vec::new();
        while let Next::Row(line) = sheet.next_row(&mut record).unwrap() {
            out.push((line, record.iter().map(str::to_string).collect()));
        }
        out
    }

    #[test]
    fn cells_in_any_order_make_rows_and_a_cell_written_twice_keeps_its_last_value() {
        let got = rows(&[(4, 2, "c"), (0, 0, "a"), (4, 0, "x"), (4, 0, "y")]);
        let want = vec![(1, vec!["a".to_string()]), (5, vec!["y".to_string(), String::new(), "c".to_string()])];
        assert_eq!(got, want);
    }

    #[test]
    fn phones_stored_as_numbers_lose_their_point_zero() {
        assert_eq!(cell_text(&Data::Float(13800138000.0)), "13800138000");
        assert_eq!(cell_text(&Data::Float(12800.5)), "12800.5");
        assert_eq!(cell_text(&Data::Int(42)), "42");
    }

    #[test]
    fn numbers_read_as_excel_shows_them_with_15_significant_digits() {
        assert_eq!(cell_text(&Data::Float(1999.0 * 0.88)), "1759.12");
        assert_eq!(cell_text(&Data::Float(2999.0 * 0.95)), "2849.05");
        assert_eq!(cell_text(&Data::Float(0.1 + 0.2)), "0.3");
        assert_eq!(cell_text(&Data::Float(-3000.5)), "-3000.5");
        assert_eq!(cell_text(&Data::Float(1759.125)), "1759.125");
        assert_eq!(cell_text(&Data::Float(0.05)), "0.05");
        assert_eq!(cell_text(&Data::Float(-0.000123)), "-0.000123");
        assert_eq!(cell_text(&Data::Float(123456789012.345)), "123456789012.345");
        assert_eq!(cell_text(&Data::Float(1e15 + 0.5)), "1000000000000000.5");
        assert_eq!(cell_text(&Data::Float(99999.99999999999)), "100000");
        assert_eq!(cell_text(&Data::Float(999999999999999.5)), "1000000000000000");
        assert_eq!(cell_text(&Data::Float(-99999999999999.99)), "-100000000000000");
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

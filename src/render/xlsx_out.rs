//! The three reports as one workbook a manager opens: sheets deals, claims
//! and commissions; dates as dates, money as numbers with two decimals,
//! headers frozen. Written to a temporary file, then renamed.

use std::path::Path;

use rust_decimal::prelude::ToPrimitive;
use rust_xlsxwriter::{DocProperties, ExcelDateTime, Format, Workbook, Worksheet, XlsxError};
use chrono::Datelike;

use super::publish::{Inputs, write_file};
use super::columns::{CLAIMS, COMMISSIONS, Columns, DEALS};
use super::view::{Cell, Report};
use super::xlsx_width::Widths;
use crate::messages::{Lang, labels};

/// Writes the workbook to `path`.
pub fn write_workbook(report: &Report, path: &Path, inputs: &Inputs) -> std::io::Result<()> {
    let bytes = workbook(report).map_err(std::io::Error::other)?;
    write_file(path, inputs, |w| w.write_all(&bytes))
}

fn workbook(report: &Report) -> Result<Vec<u8>, XlsxError> {
    let mut book = Workbook::new();
    // The creation time is the as-of day, never the clock: the same
    // ledgers give the same bytes (SPEC §16).
    let day = report.x.outcome.as_of.unwrap_or_default();
    let created = ExcelDateTime::from_ymd(day.year() as u16, day.month() as u8, day.day() as u8)?;
    book.set_properties(&DocProperties::new().set_creation_datetime(&created));
    let lang = report.lang;
    sheet(book.add_worksheet(), lang, &DEALS, report.deals())?;
    sheet(book.add_worksheet(), lang, &CLAIMS, report.claims().map(|(_, c)| c))?;
    sheet(book.add_worksheet(), lang, &COMMISSIONS, report.commissions())?;
    book.save_to_buffer()
}

/// One report as a sheet named after it, headed by its column titles in
/// the language; days and money are typed cells, as their columns' kinds
/// say; status, reason, basis and kind show their labels (a workbook is
/// for people: scripts read CSV or JSON).
fn sheet<'a, const N: usize>(
    ws: &mut Worksheet,
    lang: Lang,
    columns: &Columns<N>,
    rows: impl Iterator<Item = [Cell<'a>; N]>,
) -> Result<(), XlsxError> {
    let bold = Format::new().set_bold();
    ws.set_name(labels::sheet(lang, columns.report))?;
    let mut widths = Widths::default();
    for (c, column) in columns.list.iter().enumerate() {
        ws.write_string_with_format(0, c as u16, column.title(lang), &bold)?;
        widths.see(c, column.title(lang));
    }
    ws.set_freeze_panes(1, 0)?;
    // Cells are typed by their variant, which fits their column's kind.
    let rows = rows.inspect(|cells| debug_assert!(cells.iter().zip(&columns.list).all(|(c, column)| c.fits(column.kind))));
    let rows = rows.map(|mut cells| {
        for (cell, column) in cells.iter_mut().zip(&columns.list) {
            match cell {
                Cell::Text(t) if labels::labelled(column.name) => *t = labels::value(lang, column.name, t),
                Cell::House => *cell = Cell::Text(labels::house(lang)),
                _ => {}
            }
        }
        cells
    });
    write_cells(ws, 1, rows, &mut widths)?;
    widths.set(ws)
}

/// Excel holds at most 32,767 characters in a cell. A longer text (only a
/// hostile or broken cell is) is cut there with `…`, in the workbook only:
/// CSV and JSON keep it whole.
fn excel_text(text: String) -> String {
    const EXCEL_CELL_CHARS: usize = 32_767;
    match text.char_indices().nth(EXCEL_CELL_CHARS - 1) {
        Some((at, _)) => format!("{}…", &text[..at]),
        None => text,
    }
}

/// Writes rows of typed cells from row `first` down: days as dates, money
/// as numbers with two decimals, counts as numbers, the rest as text; each
/// cell's text as shown goes to `widths`.
pub(super) fn write_cells<'a, R: AsRef<[Cell<'a>]>>(
    ws: &mut Worksheet,
    first: u32,
    rows: impl Iterator<Item = R>,
    widths: &mut Widths,
) -> Result<(), XlsxError> {
    let date = Format::new().set_num_format("yyyy-mm-dd");
    let money = Format::new().set_num_format("0.00");
    for (r, cells) in rows.enumerate() {
        let r = r as u32 + first;
        for (i, cell) in cells.as_ref().iter().enumerate() {
            let c = i as u16;
            // Days, money and counts show what their Display writes
            // (`yyyy-mm-dd`, `0.00` with its sign), as their formats do.
            match cell {
                Cell::Text(_) | Cell::Owned(_) | Cell::Row(_) | Cell::Phone(_) => {}
                shown => widths.see(i, &shown.to_string()),
            }
            match cell {
                Cell::Day(d) => {
                    let day = ExcelDateTime::from_ymd(d.year() as u16, d.month() as u8, d.day() as u8)?;
                    ws.write_datetime_with_format(r, c, &day, &date)?;
                }
                Cell::Money(m) => {
                    ws.write_number_with_format(r, c, m.to_f64().unwrap_or(f64::NAN), &money)?;
                }
                Cell::Count(n) => {
                    ws.write_number(r, c, *n as f64)?;
                }
                Cell::Int(n) => {
                    ws.write_number(r, c, *n as f64)?;
                }
                Cell::House | Cell::Empty => {}
                other => {
                    let text = excel_text(other.to_string());
                    widths.see(i, &text);
                    ws.write_string(r, c, text)?;
                }
            }
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    #[test]
    fn a_text_longer_than_excel_holds_is_cut_with_an_ellipsis() {
        let long = "张".repeat(40_000);
        let cut = super::excel_text(long);
        assert_eq!(cut.chars().count(), 32_767);
        assert!(cut.ends_with("张…"));
        assert_eq!(super::excel_text("王芳".into()), "王芳");
        assert_eq!(super::excel_text("a".repeat(32_767)).chars().count(), 32_767, "exactly the limit is kept whole");
    }
}

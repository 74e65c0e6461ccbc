//! Column widths of the workbooks leadctl writes, from the text each cell
//! shows: money in its `0.00` form with its sign, days as `yyyy-mm-dd`, and
//! wide (CJK) characters as two units. Excel, WPS and LibreOffice show `###`
//! for a number wider than its column, so a width must never be taken from
//! a number's stored digits (what `Worksheet::autofit` measures).

use rust_xlsxwriter::{Worksheet, XlsxError};
use unicode_width::UnicodeWidthStr;

/// Never narrower than Excel's own default column (8.43).
const MIN: f64 = 8.43;
/// A long text (a detail, a file path) stops here and runs on into the
/// empty cells to its right; numbers and days never come near it.
const MAX: f64 = 80.0;

/// The widest text seen in each column, in units of a digit's width.
#[derive(Debug, Default)]
pub(super) struct Widths(Vec<usize>);

impl Widths {
    /// Notes the text a cell of `column` shows.
    pub(super) fn see(&mut self, column: usize, shown: &str) {
        if self.0.len() <= column {
            self.0.resize(column + 1, 0);
        }
        let units = shown.lines().map(UnicodeWidthStr::width).max().unwrap_or(0);
        self.0[column] = self.0[column].max(units);
    }

    /// Sets each column's width on the sheet.
    pub(super) fn set(&self, ws: &mut Worksheet) -> Result<(), XlsxError> {
        for (c, &units) in self.0.iter().enumerate() {
            ws.set_column_width(c as u16, width(units))?;
        }
        Ok(())
    }
}

/// The column width for text `units` wide: a fifth more than the units, for
/// fonts whose digits are wider than Calibri's (a machine without Calibri
/// shows the sheet in DejaVu Sans or the like) and for bold headers, plus
/// the cell's margins.
pub(super) fn width(units: usize) -> f64 {
    let w = (units as f64 * 1.2).ceil() + 2.0;
    w.clamp(MIN, MAX)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_column_is_as_wide_as_its_widest_text_shown() {
        let mut w = Widths::default();
        w.see(1, "-12000.00");
        w.see(1, "990.00");
        w.see(0, "业务员");
        assert_eq!(w.0, [6, 9], "CJK counts two units, the sign one");
        w.see(0, "第一行\n一");
        assert_eq!(w.0[0], 6, "a text of several lines is as wide as its widest line");
    }

    #[test]
    fn widths_have_a_floor_and_a_ceiling() {
        assert_eq!(width(0), MIN);
        assert_eq!(width(9), 13.0);
        assert_eq!(width(1000), MAX);
    }
}

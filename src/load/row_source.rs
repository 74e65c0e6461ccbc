//! Rows of a table, one at a time: what every reader (text, workbook)
//! gives the table reader. Kept apart so the readers need not know each other.

use csv::StringRecord;

use crate::domain::ledger::Line;

/// The result of reading one row.
#[derive(Debug, PartialEq, Eq)]
pub enum Next {
    /// A row was read into the record; its physical line.
    Row(Line),
    /// A row that cannot be read; reported, then skipped.
    Bad { line: Option<Line>, column: Option<usize>, why: BadRow },
    End,
}

/// Why a row cannot be read.
#[derive(Debug, PartialEq, Eq)]
pub enum BadRow {
    Encoding,
    Csv(crate::diag::CsvWhy),
}

/// Rows of a table, one at a time.
pub trait RowSource {
    fn next_row(&mut self, record: &mut StringRecord) -> std::io::Result<Next>;

    /// After the last row: signs that the file was cut short.
    fn tail(&self) -> Tail {
        Tail::default()
    }
}

/// How a text file ended.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Tail {
    /// The last byte is not a line end.
    pub no_final_newline: bool,
    /// An odd number of quote characters: a quoted cell never closes.
    pub open_quote: bool,
}


//! Opening an input file as a source of rows: CSV or tab-separated text in
//! any encoding leadctl reads, or a spreadsheet (.xlsx, .xls, .ods).

use std::fs::File;
use std::io::{Cursor, Read};

use csv::{ReaderBuilder, StringRecord};

use super::decode::{self, BadBytes, SNIFF_BYTES, TextEncoding};
use super::xlsx::SheetRows;
use super::{Input, LoadError};
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
    Csv(String),
}

/// Rows of a table, one at a time.
pub trait RowSource {
    fn next_row(&mut self, record: &mut StringRecord) -> std::io::Result<Next>;
}

/// An opened input: its rows and how it was read.
pub struct Opened {
    pub rows: Box<dyn RowSource>,
    /// `UTF-8`, `GB18030`, `UTF-16LE`, … or `xlsx` for a spreadsheet.
    pub encoding: &'static str,
}

const SPREADSHEETS: [&str; 5] = ["xlsx", "xlsm", "xlsb", "xls", "ods"];

/// Opens a table file. `forced` overrides the encoding of a text file.
pub fn open(input: &Input, forced: Option<TextEncoding>) -> Result<Opened, LoadError> {
    let file_name = input.name.clone();
    if input.path.is_dir() {
        return Err(LoadError::Directory { file: file_name });
    }
    let ext = input.path.extension().map(|e| e.to_string_lossy().to_ascii_lowercase()).unwrap_or_default();
    if SPREADSHEETS.contains(&ext.as_str()) {
        let rows = SheetRows::open(&input.path).map_err(|why| LoadError::Spreadsheet { file: file_name, why })?;
        return Ok(Opened { rows: Box::new(rows), encoding: "xlsx" });
    }
    let mut file = File::open(&input.path).map_err(|source| LoadError::Open { file: file_name.clone(), source })?;
    let read_err = |source| LoadError::Read { file: file_name.clone(), source };
    let mut head = Vec::new();
    (&mut file).take(SNIFF_BYTES as u64).read_to_end(&mut head).map_err(read_err)?;
    let whole = head.len() < SNIFF_BYTES;
    let sniffed = decode::sniff(&head, whole);
    let encoding = forced.unwrap_or(sniffed.encoding);
    let bom = if encoding == sniffed.encoding { sniffed.bom } else { 0 };
    let tab_separated = ext == "tsv" || ext == "tab" || matches!(encoding, TextEncoding::Utf16Le | TextEncoding::Utf16Be);
    if encoding == TextEncoding::Utf8 {
        let delimiter = if tab_separated { b'\t' } else { delimiter_of(&head[bom..]) };
        let reader = Cursor::new(head).chain(file);
        let mut reader: Box<dyn Read> = Box::new(reader);
        std::io::copy(&mut (&mut reader).take(bom as u64), &mut std::io::sink()).map_err(read_err)?;
        return Ok(Opened { rows: Box::new(CsvRows::new(reader, delimiter, Vec::new())), encoding: encoding.name() });
    }
    file.read_to_end(&mut head).map_err(read_err)?;
    let (text, bad) = decode::decode_strict(&head[bom..], encoding);
    let delimiter = if tab_separated { b'\t' } else { delimiter_of(text.as_bytes()) };
    let rows = CsvRows::new(Box::new(Cursor::new(text.into_bytes())), delimiter, bad);
    Ok(Opened { rows: Box::new(rows), encoding: encoding.name() })
}

/// Comma, unless the first line has tabs and no comma.
fn delimiter_of(text: &[u8]) -> u8 {
    let first = text.split(|&b| b == b'\n').next().unwrap_or(&[]);
    if first.contains(&b'\t') && !first.contains(&b',') { b'\t' } else { b',' }
}

/// Rows of delimited text.
struct CsvRows {
    reader: csv::Reader<Box<dyn Read>>,
    /// Lines holding bytes that did not decode (ascending).
    bad_lines: Vec<Line>,
}

impl CsvRows {
    fn new(input: Box<dyn Read>, delimiter: u8, bad: Vec<BadBytes>) -> Self {
        let reader = ReaderBuilder::new().has_headers(false).flexible(true).delimiter(delimiter).from_reader(input);
        CsvRows { reader, bad_lines: bad.into_iter().map(|b| b.line).collect() }
    }
}

impl RowSource for CsvRows {
    fn next_row(&mut self, record: &mut StringRecord) -> std::io::Result<Next> {
        match self.reader.read_record(record) {
            Ok(false) => Ok(Next::End),
            Ok(true) => {
                let line = record.position().map_or(0, |p| p.line());
                if self.bad_lines.binary_search(&line).is_ok() {
                    return Ok(Next::Bad { line: Some(line), column: None, why: BadRow::Encoding });
                }
                Ok(Next::Row(line))
            }
            Err(e) => {
                let line = e.position().map(|p| p.line());
                match e.into_kind() {
                    csv::ErrorKind::Io(io) => Err(io),
                    csv::ErrorKind::Utf8 { err, .. } => {
                        Ok(Next::Bad { line, column: Some(err.field() + 1), why: BadRow::Encoding })
                    }
                    other => Ok(Next::Bad { line, column: None, why: BadRow::Csv(format!("{other:?}")) }),
                }
            }
        }
    }
}

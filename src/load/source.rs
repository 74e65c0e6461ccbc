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
/// A spreadsheet is recognised by its extension or by its first bytes.
pub fn open(input: &Input, forced: Option<TextEncoding>) -> Result<Opened, LoadError> {
    let file = input.name.clone();
    let ext = input.path.extension().map(|e| e.to_string_lossy().to_ascii_lowercase()).unwrap_or_default();
    let read_err = |source| LoadError::Read { file: file.clone(), source };
    let (head, rest): (Vec<u8>, Box<dyn Read>) = match &input.bytes {
        Some(bytes) => {
            let cut = bytes.len().min(SNIFF_BYTES);
            let mut rest = Cursor::new(bytes.clone());
            rest.set_position(cut as u64);
            (bytes[..cut].to_vec(), Box::new(rest))
        }
        None => {
            if input.path.is_dir() {
                return Err(LoadError::Directory { file });
            }
            let mut f = File::open(&input.path).map_err(|source| LoadError::Open { file: file.clone(), source })?;
            let mut head = Vec::new();
            (&mut f).take(SNIFF_BYTES as u64).read_to_end(&mut head).map_err(read_err)?;
            (head, Box::new(f))
        }
    };
    if SPREADSHEETS.contains(&ext.as_str()) || is_spreadsheet(&head) {
        let rows = match &input.bytes {
            Some(bytes) => SheetRows::from_bytes(bytes.to_vec()),
            None => SheetRows::open(&input.path),
        };
        let rows = rows.map_err(|why| LoadError::Spreadsheet { file, why })?;
        return Ok(Opened { rows: Box::new(rows), encoding: "xlsx" });
    }
    text_rows(head, rest, &ext, forced).map_err(read_err)
}

/// A zip (.xlsx, .ods) or an OLE compound file (.xls), whatever the name says.
fn is_spreadsheet(head: &[u8]) -> bool {
    head.starts_with(b"PK\x03\x04") || head.starts_with(b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1")
}

/// Delimited text: `head` is the first [`SNIFF_BYTES`] (fewer: the whole
/// input), `rest` what follows. UTF-8 streams; other encodings are decoded whole.
fn text_rows(mut head: Vec<u8>, mut rest: Box<dyn Read>, ext: &str, forced: Option<TextEncoding>) -> std::io::Result<Opened> {
    let whole = head.len() < SNIFF_BYTES;
    let sniffed = decode::sniff(&head, whole);
    let encoding = forced.unwrap_or(sniffed.encoding);
    let bom = if encoding == sniffed.encoding { sniffed.bom } else { 0 };
    let tab_separated = ext == "tsv" || ext == "tab" || matches!(encoding, TextEncoding::Utf16Le | TextEncoding::Utf16Be);
    if encoding == TextEncoding::Utf8 {
        let delimiter = if tab_separated { b'\t' } else { delimiter_of(&head[bom..]) };
        head.drain(..bom);
        let reader: Box<dyn Read> = Box::new(Cursor::new(head).chain(rest));
        return Ok(Opened { rows: Box::new(CsvRows::new(reader, delimiter, Vec::new())), encoding: encoding.name() });
    }
    rest.read_to_end(&mut head)?;
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

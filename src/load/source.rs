//! Opening an input file as a source of rows: CSV or tab-separated text in
//! any encoding leadctl reads, or a spreadsheet (.xlsx, .xls, .ods).

use std::cell::Cell;
use std::fs::File;
use std::io::{Cursor, Read};
use std::rc::Rc;

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
        super::budget::check_input(input).map_err(|why| LoadError::Spreadsheet { file: file.clone(), why })?;
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
        let cr = cr_only(&head);
        let mut reader: Box<dyn Read> = Box::new(Cursor::new(head).chain(rest));
        if cr {
            reader = Box::new(CrToLf(reader));
        }
        return Ok(Opened { rows: Box::new(CsvRows::new(reader, delimiter, Vec::new())), encoding: encoding.name() });
    }
    rest.read_to_end(&mut head)?;
    let (mut text, bad) = decode::decode_strict(&head[bom..], encoding);
    if cr_only(text.as_bytes()) {
        text = text.replace('\r', "\n");
    }
    let delimiter = if tab_separated { b'\t' } else { delimiter_of(text.as_bytes()) };
    let rows = CsvRows::new(Box::new(Cursor::new(text.into_bytes())), delimiter, bad);
    Ok(Opened { rows: Box::new(rows), encoding: encoding.name() })
}

const TOO_MANY_LINES: &str = "the file has more than 4,294,967,295 lines";

/// The physical line of a position, when it fits a [`Line`].
fn line_of(position: Option<&csv::Position>) -> Option<Line> {
    position.and_then(|p| Line::try_from(p.line()).ok())
}

/// Lines end in a lone CR (old Mac and some Excel exports): the CSV reader
/// would read them but number every row line 1.
fn cr_only(head: &[u8]) -> bool {
    head.contains(&b'\r') && !head.contains(&b'\n')
}

/// Reads CR line ends as LF, so physical lines are counted.
struct CrToLf(Box<dyn Read>);

impl Read for CrToLf {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let n = self.0.read(buf)?;
        buf[..n].iter_mut().filter(|b| **b == b'\r').for_each(|b| *b = b'\n');
        Ok(n)
    }
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
    tail: Rc<Cell<TailBytes>>,
}

impl CsvRows {
    /// Records end at `\n` only: a CR before it is trailing white space that
    /// every cell reader trims, and lines are then counted right (the csv
    /// crate numbers CRLF rows one line early).
    fn new(input: Box<dyn Read>, delimiter: u8, bad: Vec<BadBytes>) -> Self {
        let tail = Rc::new(Cell::new(TailBytes::default()));
        let input: Box<dyn Read> = Box::new(Watch { inner: Box::new(super::budget::RowCap::new(input, delimiter)), tail: tail.clone() });
        let reader = ReaderBuilder::new()
            .has_headers(false)
            .flexible(true)
            .delimiter(delimiter)
            .terminator(csv::Terminator::Any(b'\n'))
            .from_reader(input);
        CsvRows { reader, bad_lines: bad.into_iter().map(|b| Line::try_from(b.line).unwrap_or(Line::MAX)).collect(), tail }
    }
}

/// What [`Watch`] saw of the bytes read.
#[derive(Debug, Clone, Copy, Default)]
struct TailBytes {
    last: Option<u8>,
    quotes: u64,
}

/// Passes bytes through, noting the last one and counting quote characters.
struct Watch {
    inner: Box<dyn Read>,
    tail: Rc<Cell<TailBytes>>,
}

impl Read for Watch {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let n = self.inner.read(buf)?;
        if n > 0 {
            let mut t = self.tail.get();
            t.last = Some(buf[n - 1]);
            t.quotes += memchr_count(b'"', &buf[..n]);
            self.tail.set(t);
        }
        Ok(n)
    }
}

fn memchr_count(needle: u8, haystack: &[u8]) -> u64 {
    haystack.iter().filter(|&&b| b == needle).count() as u64
}

impl RowSource for CsvRows {
    fn tail(&self) -> Tail {
        let t = self.tail.get();
        Tail { no_final_newline: t.last.is_some_and(|b| b != b'\n' && b != b'\r'), open_quote: t.quotes % 2 == 1 }
    }

    fn next_row(&mut self, record: &mut StringRecord) -> std::io::Result<Next> {
        match self.reader.read_record(record) {
            Ok(false) => Ok(Next::End),
            Ok(true) => {
                let Some(line) = line_of(record.position()) else {
                    return Ok(Next::Bad { line: Some(Line::MAX), column: None, why: BadRow::Csv(TOO_MANY_LINES.into()) });
                };
                if self.bad_lines.binary_search(&line).is_ok() {
                    return Ok(Next::Bad { line: Some(line), column: None, why: BadRow::Encoding });
                }
                Ok(Next::Row(line))
            }
            Err(e) => {
                let line = line_of(e.position());
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

//! Opening an input file as sources of rows: CSV or tab-separated text in
//! any encoding leadctl reads (one table), or every sheet of a spreadsheet
//! (.xlsx, .xls, .ods). What a file is comes from its bytes (SPEC §11).

use std::cell::Cell;
use std::fs::File;
use std::io::{Cursor, Read};
use std::rc::Rc;

use csv::{ReaderBuilder, StringRecord};

use super::decode::{self, BadBytes, InputFormat, SNIFF_BYTES, TextEncoding};
use super::{Input, LoadError};
use crate::domain::ledger::Line;

use super::row_source::{BadRow, Next, RowSource, Tail};

/// One table of an input: a text file's, or one sheet of a workbook.
pub struct Table {
    /// The sheet's name; `None` for a text file.
    pub sheet: Option<String>,
    pub rows: Box<dyn RowSource>,
}

/// An opened input: its tables and how it was read.
pub struct Opened {
    /// One for a text file; one per sheet, in workbook order, for a workbook.
    pub tables: Vec<Table>,
    /// The text encoding, or the workbook's format.
    pub format: InputFormat,
}

impl Opened {
    /// A workbook with more than one sheet: its rows are named `FILE[SHEET]:LINE`.
    pub fn several_sheets(&self) -> bool {
        self.tables.len() > 1
    }
}

/// Opens a table file. `forced` overrides the encoding of a text file.
/// A spreadsheet is recognised by its first bytes, whatever its name.
///
/// With `ahead`, a text file's rows are split into cells on a second
/// thread ([`super::ahead`]) while the caller reads them.
pub fn open(input: &Input, forced: Option<TextEncoding>, ahead: bool) -> Result<Opened, LoadError> {
    let file = input.name.clone();
    let ext = input.path.extension().map(|e| e.to_string_lossy().to_ascii_lowercase()).unwrap_or_default();
    let read_err = |source| LoadError::Read { file: file.clone(), source };
    let (head, rest): (Vec<u8>, Box<dyn Read + Send>) = match &input.bytes {
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
    if is_spreadsheet(&head) {
        super::budget::check_input(input).map_err(|why| LoadError::Workbook { file: file.clone(), why })?;
        let sheets = match &input.bytes {
            Some(bytes) => super::xlsx::from_bytes(bytes.to_vec()),
            None => super::xlsx::open(&input.path),
        };
        let (format, sheets) = sheets.map_err(|why| LoadError::Workbook { file, why })?;
        let tables = sheets.into_iter().map(|(name, rows)| Table { sheet: Some(name), rows: Box::new(rows) as Box<dyn RowSource> }).collect();
        return Ok(Opened { tables, format: InputFormat::Workbook(format) });
    }
    text_rows(head, rest, &ext, forced, ahead).map_err(read_err)
}

/// A zip (.xlsx, .ods) or an OLE compound file (.xls), whatever the name
/// says; anything else is text (a CRM export named .xls that holds
/// tab-separated text included).
fn is_spreadsheet(head: &[u8]) -> bool {
    head.starts_with(b"PK\x03\x04") || head.starts_with(b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1")
}

/// Delimited text: `head` is the first [`SNIFF_BYTES`] (fewer: the whole
/// input), `rest` what follows. UTF-8 streams; other encodings are decoded whole.
fn text_rows(mut head: Vec<u8>, mut rest: Box<dyn Read + Send>, ext: &str, forced: Option<TextEncoding>, ahead: bool) -> std::io::Result<Opened> {
    let whole = head.len() < SNIFF_BYTES;
    let sniffed = decode::sniff(&head, whole);
    let encoding = forced.unwrap_or(sniffed.encoding);
    let bom = if encoding == sniffed.encoding { sniffed.bom } else { 0 };
    let tab_separated = ext == "tsv" || ext == "tab" || matches!(encoding, TextEncoding::Utf16Le | TextEncoding::Utf16Be);
    if encoding == TextEncoding::Utf8 {
        let delimiter = if tab_separated { b'\t' } else { delimiter_of(&head[bom..]) };
        head.drain(..bom);
        let cr = cr_only(&head);
        let mut reader: Box<dyn Read + Send> = Box::new(Cursor::new(head).chain(rest));
        if cr {
            reader = Box::new(CrToLf(reader));
        }
        let rows = csv_rows(reader, delimiter, Vec::new(), ahead);
        return Ok(Opened { tables: vec![Table { sheet: None, rows }], format: InputFormat::Text(encoding) });
    }
    rest.read_to_end(&mut head)?;
    let (mut text, bad) = decode::decode_strict(&head[bom..], encoding);
    if cr_only(text.as_bytes()) {
        text = text.replace('\r', "\n");
    }
    let delimiter = if tab_separated { b'\t' } else { delimiter_of(text.as_bytes()) };
    let rows = csv_rows(Box::new(Cursor::new(text.into_bytes())), delimiter, bad, ahead);
    Ok(Opened { tables: vec![Table { sheet: None, rows }], format: InputFormat::Text(encoding) })
}

/// The rows of delimited text, split into cells here or on a thread of their own.
fn csv_rows(reader: Box<dyn Read + Send>, delimiter: u8, bad: Vec<BadBytes>, ahead: bool) -> Box<dyn RowSource> {
    if ahead {
        Box::new(super::ahead::Ahead::start(move || CsvRows::new(reader, delimiter, bad)))
    } else {
        Box::new(CsvRows::new(reader, delimiter, bad))
    }
}

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
struct CrToLf(Box<dyn Read + Send>);

impl Read for CrToLf {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let n = self.0.read(buf)?;
        buf[..n].iter_mut().filter(|b| **b == b'\r').for_each(|b| *b = b'\n');
        Ok(n)
    }
}

/// Comma, unless the first line holding a tab or a comma (a title row
/// above the header may hold neither) has tabs and no comma.
fn delimiter_of(text: &[u8]) -> u8 {
    let first = text.split(|&b| b == b'\n').take(30).find(|l| l.contains(&b'\t') || l.contains(&b',')).unwrap_or(&[]);
    if first.contains(&b'\t') && !first.contains(&b',') { b'\t' } else { b',' }
}

/// Bytes the CSV reader asks for at a time (half of them reach the file
/// in one read, see [`EmptyLines`]).
const READ_BUFFER: usize = 1 << 18;

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
    fn new(input: Box<dyn Read + Send>, delimiter: u8, bad: Vec<BadBytes>) -> Self {
        let tail = Rc::new(Cell::new(TailBytes::default()));
        let input: Box<dyn Read> = Box::new(Watch { inner: Box::new(super::budget::RowCap::new(input, delimiter)), tail: tail.clone() });
        let input: Box<dyn Read> = Box::new(EmptyLines { inner: input, after_line_end: true, held: None, raw: Vec::new() });
        let reader = ReaderBuilder::new()
            .has_headers(false)
            .flexible(true)
            .delimiter(delimiter)
            .terminator(csv::Terminator::Any(b'\n'))
            .buffer_capacity(READ_BUFFER)
            .from_reader(input);
        CsvRows { reader, bad_lines: bad.into_iter().map(|b| Line::try_from(b.line).unwrap_or(Line::MAX)).collect(), tail }
    }
}

/// Gives every empty line a CR. The CSV reader skips empty lines and then
/// numbers the next row from the empty line's start (one line early, as if
/// a title and a blank line above a header were one line); a lone CR is a
/// row of one blank cell, skipped as blank and numbered right.
struct EmptyLines {
    inner: Box<dyn Read>,
    after_line_end: bool,
    /// A line end that did not fit after its CR.
    held: Option<u8>,
    /// The bytes read from `inner`, reused from call to call.
    raw: Vec<u8>,
}

impl Read for EmptyLines {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        if buf.is_empty() {
            return Ok(0);
        }
        if let Some(b) = self.held.take() {
            buf[0] = b;
            return Ok(1);
        }
        // Read at most half the buffer: each byte may become two.
        let half = buf.len().div_ceil(2);
        let n = self.inner.read(&mut buf[..half])?;
        // Most reads hold no empty line: they are passed on where they were
        // read, with no copy.
        let first_empty = n > 0 && buf[0] == b'\n' && self.after_line_end;
        if n == 0 || (!first_empty && memchr::memmem::find(&buf[..n], b"\n\n").is_none()) {
            if n > 0 {
                self.after_line_end = buf[n - 1] == b'\n';
            }
            return Ok(n);
        }
        self.raw.clear();
        self.raw.extend_from_slice(&buf[..n]);
        let raw = &self.raw[..n];
        let mut out = 0;
        let mut from = 0;
        // Runs between line ends are copied whole; only a line end right
        // after another (or at the start) gets its CR.
        for at in memchr::memchr_iter(b'\n', raw).chain([n]) {
            let run = &raw[from..at];
            if !run.is_empty() {
                let fit = run.len().min(buf.len() - out);
                buf[out..out + fit].copy_from_slice(&run[..fit]);
                out += fit;
                self.after_line_end = false;
            }
            if at == n {
                break;
            }
            if self.after_line_end && out < buf.len() {
                buf[out] = b'\r';
                out += 1;
            }
            if out == buf.len() {
                self.held = Some(b'\n');
            } else {
                buf[out] = b'\n';
                out += 1;
            }
            self.after_line_end = true;
            from = at + 1;
        }
        Ok(out)
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
            t.quotes += count_byte(b'"', &buf[..n]);
            self.tail.set(t);
        }
        Ok(n)
    }
}

fn count_byte(needle: u8, haystack: &[u8]) -> u64 {
    memchr::memchr_iter(needle, haystack).count() as u64
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
                    return Ok(Next::Bad { line: Some(Line::MAX), column: None, why: BadRow::Csv(crate::diag::CsvWhy::TooManyLines) });
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
                    other => Ok(Next::Bad { line, column: None, why: BadRow::Csv(crate::diag::CsvWhy::Reader(format!("{other:?}"))) }),
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Reads everything through [`EmptyLines`] with a buffer of `size`.
    fn through(text: &str, size: usize) -> String {
        let mut r = EmptyLines { inner: Box::new(Cursor::new(text.as_bytes().to_vec())), after_line_end: true, held: None, raw: Vec::new() };
        let (mut out, mut buf) = (Vec::new(), vec![0u8; size]);
        loop {
            let n = r.read(&mut buf).unwrap();
            if n == 0 {
                break;
            }
            out.extend_from_slice(&buf[..n]);
        }
        String::from_utf8(out).unwrap()
    }

    #[test]
    fn empty_lines_get_a_cr_whatever_the_buffer() {
        for size in [1, 2, 3, 8, 64] {
            assert_eq!(through("\na\n\n\nb\r\n\r\nc", size), "\r\na\n\r\n\r\nb\r\n\r\nc", "buffer of {size}");
            assert_eq!(through("a\nb\r\n\nc\n", size), "a\nb\r\n\r\nc\n", "buffer of {size}");
            assert_eq!(through("no empty\nline\n", size), "no empty\nline\n", "buffer of {size}");
        }
    }

    #[test]
    fn rows_keep_their_physical_lines_after_empty_lines() {
        let input = Input::from_bytes("t.csv", b"title\n\ndate,rep\n\n2026-03-01,a\n".to_vec());
        let mut opened = open(&input, None, false).unwrap();
        let mut record = StringRecord::new();
        let mut lines = Vec::new();
        while let Next::Row(line) = opened.tables[0].rows.next_row(&mut record).unwrap() {
            lines.push((line, record.iter().map(str::trim).collect::<Vec<_>>().join("|")));
        }
        let want: Vec<(Line, String)> =
            [(1, "title"), (2, ""), (3, "date|rep"), (4, ""), (5, "2026-03-01|a")].map(|(l, t)| (l, t.to_string())).to_vec();
        assert_eq!(lines, want);
    }

    #[test]
    fn the_delimiter_is_not_decided_by_a_title_line() {
        assert_eq!(delimiter_of("CRM 导出\ndate\trep\n".as_bytes()), b'\t');
        assert_eq!(delimiter_of("标题,,\ndate\trep\n".as_bytes()), b',');
        assert_eq!(delimiter_of(b"date,rep\n"), b',');
    }
}

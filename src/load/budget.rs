//! The spreadsheet budget of SPEC §16: a workbook is looked over before it
//! is handed to calamine, which sizes memory from what a file's headers
//! claim (a shared-string count, a DIMENSION record, repeat counts) and
//! holds whatever a part unpacks to. A workbook whose parts would need more
//! than the limits below is refused with a message naming the limit; one
//! within them reads in well under 1 GiB.
//!
//! What is checked, reading the file once and holding at most [`MAX_RUN`]
//! bytes of it at a time:
//! - .xlsx/.xlsm/.xlsb/.ods (zip): the bytes every part really unpacks to,
//!   whatever the zip headers say; in XML parts, the longest text or tag, the
//!   number of shared strings (counted and declared), cells, and the text
//!   that cells referring to shared strings add up to; in .ods, cells after
//!   `number-columns-repeated` and `number-rows-repeated`.
//! - .xls (OLE compound file): every DIMENSION record of the workbook stream,
//!   the cell records, and the shared strings cells copy.

use std::cell::Cell;
use std::io::{self, BufReader, Read, Seek};
use std::rc::Rc;

use quick_xml::events::{BytesStart, Event};

use crate::messages::errors::{RowTooLong, WorkbookWhy};

/// Bytes all parts of a zip workbook may unpack to.
pub const MAX_UNPACKED: u64 = 256 << 20;
/// The longest text between two tags, or tag, in a part (Excel's longest
/// cell is 32,767 characters).
pub const MAX_RUN: u64 = 1 << 20;
/// Shared strings a workbook may hold.
pub const MAX_STRINGS: u64 = 2_000_000;
/// Cells a workbook may hold (all sheets; for .xls and .ods the rectangle
/// calamine allocates).
pub const MAX_CELLS: u64 = 4_000_000;
/// Text that cells referring to shared strings may add up to.
pub const MAX_CELL_TEXT: u64 = 256 << 20;
/// The longest row of a text ledger (CSV, TSV): a cell is at most this long.
pub const MAX_ROW_BYTES: u64 = 16 << 20;

/// Passes a text ledger through, refusing a row (up to a line end outside
/// quotes) longer than [`MAX_ROW_BYTES`]: a 2 GB line would otherwise be
/// held whole by the CSV reader. Quotes are followed as the CSV reader
/// follows them: only a quote that starts a field opens a quoted cell, so a
/// stray `24"` does not make the rest of the file one row.
pub struct RowCap<R> {
    inner: R,
    delimiter: u8,
    state: Field,
    row: u64,
    line: u64,
    /// The line the current row starts on.
    start: u64,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Field {
    Start,
    Unquoted,
    Quoted,
    /// A quote inside a quoted cell: its end, or the first of `""`.
    QuoteInQuoted,
}

impl<R> RowCap<R> {
    pub fn new(inner: R, delimiter: u8) -> Self {
        RowCap { inner, delimiter, state: Field::Start, row: 0, line: 1, start: 1 }
    }
}

impl<R: Read> Read for RowCap<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let n = self.inner.read(buf)?;
        let chunk = &buf[..n];
        // Only quotes and line ends are looked for: the bytes between them
        // are counted in one step, and outside quotes they leave a cell
        // just begun when the last of them is a delimiter, else a cell
        // that did not start with a quote (delimiters in between change
        // nothing else).
        let mut last = 0;
        for at in memchr::memchr2_iter(b'"', b'\n', chunk).chain([n]) {
            self.row += (at - last) as u64;
            if at > last && self.state != Field::Quoted {
                self.state = if chunk[at - 1] == self.delimiter { Field::Start } else { Field::Unquoted };
            }
            if self.row > MAX_ROW_BYTES {
                return Err(self.too_long());
            }
            if at == n {
                break;
            }
            last = at + 1;
            let b = chunk[at];
            if b == b'\n' {
                self.line += 1;
            }
            let (state, row_ends) = match (self.state, b) {
                (Field::Quoted, b'"') => (Field::QuoteInQuoted, false),
                (Field::Quoted, _) => (Field::Quoted, false),
                (Field::QuoteInQuoted, b'"') => (Field::Quoted, false),
                (Field::Start, b'"') => (Field::Quoted, false),
                (_, b'\n') => (Field::Start, true),
                (_, d) if d == self.delimiter => (Field::Start, false),
                _ => (Field::Unquoted, false),
            };
            self.state = state;
            if row_ends {
                (self.row, self.start) = (0, self.line);
                continue;
            }
            self.row += 1;
            if self.row > MAX_ROW_BYTES {
                return Err(self.too_long());
            }
        }
        Ok(n)
    }
}

impl<R> RowCap<R> {
    fn too_long(&self) -> io::Error {
        io::Error::new(io::ErrorKind::InvalidData, RowTooLong { line: self.start, mib: MAX_ROW_BYTES >> 20 })
    }
}

/// Looks a workbook over; `Err` says which limit it passes.
pub fn check_workbook<R: Read + Seek>(mut reader: R) -> Result<(), WorkbookWhy> {
    let mut magic = [0u8; 8];
    let n = read_up_to(&mut reader, &mut magic).map_err(|_| WorkbookWhy::Broken)?;
    reader.rewind().map_err(|_| WorkbookWhy::Broken)?;
    match &magic[..n] {
        [b'P', b'K', 3, 4, ..] => check_zip(reader),
        [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1] => check_xls(reader),
        _ => Ok(()),
    }
}

/// [`check_workbook`] on an input: its bytes in memory, or its file.
pub fn check_input(input: &super::Input) -> Result<(), WorkbookWhy> {
    match &input.bytes {
        Some(bytes) => check_workbook(io::Cursor::new(&bytes[..])),
        None => check_workbook(std::fs::File::open(&input.path).map_err(|_| WorkbookWhy::Broken)?),
    }
}

fn read_up_to(r: &mut impl Read, buf: &mut [u8]) -> io::Result<usize> {
    let mut n = 0;
    while n < buf.len() {
        match r.read(&mut buf[n..])? {
            0 => break,
            k => n += k,
        }
    }
    Ok(n)
}

/// Counts bytes read and the current run without `<` or `>`, stopping with
/// the refusal noted in `refused` when a limit is passed.
struct Guard<R> {
    inner: R,
    total: Rc<Cell<u64>>,
    run: u64,
    refused: Rc<Cell<Option<&'static str>>>,
}

impl<R: Read> Read for Guard<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let n = self.inner.read(buf)?;
        let total = self.total.get() + n as u64;
        self.total.set(total);
        if total > MAX_UNPACKED {
            return Err(self.refuse("unpacked"));
        }
        let mut last = 0;
        for at in memchr::memchr2_iter(b'<', b'>', &buf[..n]).chain([n]) {
            self.run += (at - last) as u64;
            if self.run > MAX_RUN {
                return Err(self.refuse("run"));
            }
            if at < n {
                (self.run, last) = (0, at + 1);
            }
        }
        Ok(n)
    }
}

impl<R> Guard<R> {
    fn refuse(&self, why: &'static str) -> io::Error {
        self.refused.set(Some(why));
        io::Error::other(why)
    }
}

/// What the XML parts of a zip workbook add up to.
#[derive(Default)]
struct Tally {
    /// Length in bytes of each shared string, in order.
    strings: Vec<u32>,
    declared_strings: u64,
    cells: u64,
    cell_text: u64,
    /// .ods: cells of the current table's rectangle.
    ods_rows: u64,
    ods_first_row: Option<u64>,
    ods_last_row: u64,
    ods_width: u64,
    ods_cells: u64,
}

fn check_zip<R: Read + Seek>(reader: R) -> Result<(), WorkbookWhy> {
    let mut zip = zip::ZipArchive::new(reader).map_err(|_| WorkbookWhy::Broken)?;
    let mut names: Vec<(usize, String)> =
        zip.file_names_raw().map(|n| String::from_utf8_lossy(n).into_owned()).enumerate().collect();
    // Shared strings first: the cells that use them are measured by them.
    // Names are compared as calamine finds parts: case aside.
    names.sort_by_key(|(i, n)| (!n.to_ascii_lowercase().ends_with("sharedstrings.xml"), *i));
    let total = Rc::new(Cell::new(0u64));
    let refused = Rc::new(Cell::new(None));
    let mut tally = Tally::default();
    for (index, name) in names {
        let Ok(entry) = zip.by_index(index) else { continue };
        // Every part is read as XML unless it is a known binary one, whatever
        // its name's case: a part calamine finds must not escape the scan.
        let lower = name.to_ascii_lowercase();
        let binary = [".bin", ".png", ".jpg", ".jpeg", ".gif", ".emf", ".wmf", ".tif", ".tiff", ".bmp"].iter().any(|e| lower.ends_with(e));
        let mut guard = Guard { inner: entry, total: total.clone(), run: 0, refused: refused.clone() };
        let scanned = if binary { Ok(()) } else { scan_xml(&mut guard, &mut tally) };
        if let Some(why) = refused.get() {
            return Err(limit_message(why));
        }
        // Then the rest of the part (all of a binary one): what it unpacks to.
        let result = scanned.and_then(|()| io::copy(&mut Take(&mut guard), &mut io::sink()).map(|_| ()).map_err(|_| WorkbookWhy::Broken));
        if let Some(why) = refused.get() {
            return Err(limit_message(why));
        }
        result?;
    }
    Ok(())
}

/// Reads a binary part without the text-run check (binary has no tags).
struct Take<'a, R>(&'a mut Guard<R>);

impl<R: Read> Read for Take<'_, R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let n = self.0.inner.read(buf)?;
        let total = self.0.total.get() + n as u64;
        self.0.total.set(total);
        if total > MAX_UNPACKED {
            return Err(self.0.refuse("unpacked"));
        }
        Ok(n)
    }
}

fn limit_message(why: &str) -> WorkbookWhy {
    match why {
        "unpacked" => WorkbookWhy::Unpacked { mib: MAX_UNPACKED >> 20 },
        "run" => WorkbookWhy::LongText { mib: MAX_RUN >> 20 },
        "strings" => WorkbookWhy::Strings { max: MAX_STRINGS },
        "cells" => WorkbookWhy::Cells { max: MAX_CELLS },
        "text" => WorkbookWhy::CellText { mib: MAX_CELL_TEXT >> 20 },
        _ => WorkbookWhy::Broken,
    }
}

fn attr_u64(e: &BytesStart, name: &str) -> Option<u64> {
    let a = e.try_get_attribute(name).ok()??;
    let text: &str = &a.value;
    Some(text.trim().parse::<u64>().unwrap_or(u64::MAX))
}

fn scan_xml<R: Read>(part: &mut Guard<R>, t: &mut Tally) -> Result<(), WorkbookWhy> {
    let refuse = |why: &str| Err(limit_message(why));
    let mut xml = quick_xml::Reader::from_reader(BufReader::new(part));
    // As calamine reads: whatever it accepts is scanned to the end.
    let config = xml.config_mut();
    config.check_end_names = false;
    config.check_comments = false;
    config.trim_text(false);
    let mut buf = Vec::new();
    // Inside a shared string: its length so far; inside a `t="s"` cell's value.
    let mut in_si: Option<u64> = None;
    let mut shared_cell = false;
    let mut in_v = false;
    let mut row_repeat = 1u64;
    let mut row_width = 0u64;
    let mut row_filled = 0u64;
    loop {
        buf.clear();
        let event = match xml.read_event_into(&mut buf) {
            Ok(e) => e,
            // Malformed XML is calamine's to report; the limits held so far.
            Err(_) => return Ok(()),
        };
        let (start, empty) = match &event {
            Event::Start(e) => (Some(e), false),
            Event::Empty(e) => (Some(e), true),
            _ => (None, false),
        };
        if let Some(e) = start {
            match e.local_name().as_ref() {
                "sst" => {
                    let declared = [attr_u64(e, "uniqueCount"), attr_u64(e, "count")].into_iter().flatten().max().unwrap_or(0);
                    t.declared_strings = t.declared_strings.max(declared);
                    if declared > MAX_STRINGS {
                        return refuse("strings");
                    }
                }
                "si" => {
                    if t.strings.len() as u64 >= MAX_STRINGS {
                        return refuse("strings");
                    }
                    if empty {
                        t.strings.push(0);
                    } else {
                        in_si = Some(0);
                    }
                }
                "c" => {
                    t.cells += 1;
                    if t.cells > MAX_CELLS {
                        return refuse("cells");
                    }
                    shared_cell = !empty && e.try_get_attribute("t").ok().flatten().is_some_and(|a| a.value == "s");
                }
                "v" => in_v = !empty,
                "table" if e.name().as_ref() == "table:table" => {
                    (t.ods_rows, t.ods_first_row, t.ods_last_row, t.ods_width) = (0, None, 0, 0);
                }
                "table-row" => {
                    row_repeat = attr_u64(e, "table:number-rows-repeated").unwrap_or(1).clamp(1, 1 << 20);
                    (row_width, row_filled) = (0, 0);
                    if empty {
                        t.ods_rows += row_repeat;
                    }
                }
                "table-cell" | "covered-table-cell" => {
                    let repeat = attr_u64(e, "table:number-columns-repeated").unwrap_or(1).clamp(1, 1 << 14);
                    row_width += repeat;
                    if !empty || e.try_get_attribute("office:value-type").ok().flatten().is_some() {
                        row_filled = row_width;
                    }
                }
                _ => {}
            }
        }
        match event {
            Event::Text(text) => {
                if let Some(len) = in_si.as_mut() {
                    *len += text.len() as u64;
                }
                if shared_cell && in_v {
                    let index = text.trim().parse::<usize>().ok();
                    let len = index.and_then(|i| t.strings.get(i)).copied().unwrap_or(0);
                    t.cell_text += u64::from(len);
                    if t.cell_text > MAX_CELL_TEXT {
                        return refuse("text");
                    }
                }
            }
            Event::End(e) => match e.local_name().as_ref() {
                "si" => {
                    let len = in_si.take().unwrap_or(0);
                    t.strings.push(u32::try_from(len).unwrap_or(u32::MAX));
                }
                "v" => in_v = false,
                "c" => shared_cell = false,
                "table-row" => {
                    if row_filled > 0 {
                        t.ods_first_row.get_or_insert(t.ods_rows);
                        t.ods_last_row = t.ods_rows + row_repeat;
                        t.ods_width = t.ods_width.max(row_filled);
                        let first = t.ods_first_row.unwrap_or(0);
                        let area = (t.ods_last_row - first).saturating_mul(t.ods_width);
                        if t.ods_cells.saturating_add(area) > MAX_CELLS {
                            return refuse("cells");
                        }
                    }
                    t.ods_rows = t.ods_rows.saturating_add(row_repeat);
                }
                "table" if e.name().as_ref() == "table:table" => {
                    let first = t.ods_first_row.unwrap_or(0);
                    t.ods_cells = t.ods_cells.saturating_add((t.ods_last_row.saturating_sub(first)).saturating_mul(t.ods_width));
                }
                _ => {}
            },
            Event::Eof => return Ok(()),
            _ => {}
        }
    }
}

/// An .xls: every DIMENSION record of its workbook stream must describe a
/// sheet calamine can allocate.
fn check_xls<R: Read + Seek>(reader: R) -> Result<(), WorkbookWhy> {
    let mut cfb = cfb::CompoundFile::open(reader).map_err(|_| WorkbookWhy::Broken)?;
    // An .xlsx saved with a password is an OLE file holding the encrypted zip.
    if cfb.is_stream("/EncryptedPackage") || cfb.is_stream("/EncryptionInfo") {
        return Err(WorkbookWhy::Password);
    }
    let name = ["/Workbook", "/Book"].into_iter().find(|n| cfb.is_stream(n));
    let Some(name) = name else { return Ok(()) };
    let mut stream = Vec::new();
    let opened = cfb.open_stream(name).map_err(|_| WorkbookWhy::Broken)?;
    opened.take(MAX_UNPACKED + 1).read_to_end(&mut stream).map_err(|_| WorkbookWhy::Broken)?;
    if stream.len() as u64 > MAX_UNPACKED {
        return Err(limit_message("unpacked"));
    }
    let mut records = Vec::new();
    let mut at = 0usize;
    while at + 4 <= stream.len() {
        let typ = u16::from_le_bytes([stream[at], stream[at + 1]]);
        let len = usize::from(u16::from_le_bytes([stream[at + 2], stream[at + 3]]));
        records.push((typ, &stream[at + 4..(at + 4 + len).min(stream.len())]));
        at += 4 + len;
    }
    let strings = xls_string_lengths(&records);
    let (mut area, mut cells, mut text) = (0u64, 0u64, 0u64);
    for &(typ, data) in &records {
        match typ {
            0x0200 => {
                let (first_row, last_row, first_col, last_col) = match data.len() {
                    10 => (u16le(data, 0), u16le(data, 2), u16le(data, 4), u16le(data, 6)),
                    14 | 16 => (u32le(data, 0), u32le(data, 4), u16le(data, 8), u16le(data, 10)),
                    _ => (0, 0, 0, 0),
                };
                // calamine reserves (last - first + 1) rows × columns; a first
                // past the last wraps round to a huge number.
                let span = |first: u32, last: u32| if first <= last { u64::from(last - first) + 1 } else { u64::MAX };
                area = area.saturating_add(span(first_row, last_row).saturating_mul(span(first_col, last_col)));
                if last_row > 65_536 || last_col > 256 || area > MAX_CELLS {
                    return Err(WorkbookWhy::XlsArea { rows: last_row, columns: last_col, max: MAX_CELLS });
                }
            }
            // Number, Label, BoolErr, Rk, Formula, RString, LabelSst: a cell each.
            0x0203 | 0x0204 | 0x0205 | 0x027E | 0x0006 | 0x00D6 | 0x00FD => cells += 1,
            // MulRk: a row of cells.
            0x00BD => cells += (data.len().saturating_sub(6) / 6) as u64,
            _ => {}
        }
        if typ == 0x00FD && data.len() >= 10 {
            // A cell holding a copy of a shared string: up to 3 bytes a character.
            let index = u32le(data, 6) as usize;
            text = text.saturating_add(3 * u64::from(strings.get(index).copied().unwrap_or(0)));
        }
        if cells > MAX_CELLS {
            return Err(limit_message("cells"));
        }
        if text > MAX_CELL_TEXT {
            return Err(limit_message("text"));
        }
    }
    Ok(())
}

/// The length in characters of each string of the SST record (its
/// CONTINUE records included), as calamine will read them.
fn xls_string_lengths(records: &[(u16, &[u8])]) -> Vec<u32> {
    let Some(sst) = records.iter().position(|&(typ, data)| typ == 0x00FC && data.len() >= 8) else { return Vec::new() };
    let unique = u64::from(u32le(records[sst].1, 4)).min(MAX_STRINGS);
    let mut segments: Vec<&[u8]> = vec![&records[sst].1[8..]];
    segments.extend(records[sst + 1..].iter().take_while(|&&(typ, _)| typ == 0x003C).map(|&(_, data)| data));
    let mut c = SegmentCursor { segments: &segments, seg: 0, pos: 0 };
    let mut lengths = Vec::new();
    while (lengths.len() as u64) < unique {
        let (Some(cch), Some(flags)) = (c.u16(), c.u8()) else { break };
        let runs = if flags & 0x08 != 0 { c.u16().unwrap_or(0) } else { 0 };
        let ext = if flags & 0x04 != 0 { c.u32().unwrap_or(0) } else { 0 };
        // Characters: a string cut by a CONTINUE record goes on after a
        // new flags byte saying whether its characters are one byte or two.
        let (mut left, mut wide) = (usize::from(cch), flags & 0x01 != 0);
        while left > 0 {
            if c.at_segment_end() {
                if !c.next_segment() {
                    break;
                }
                wide = c.u8().is_some_and(|f| f & 0x01 != 0);
                continue;
            }
            let width = if wide { 2 } else { 1 };
            let take = left.min(c.left_in_segment() / width).max(1);
            c.skip(take * width);
            left -= take;
        }
        c.skip(4 * usize::from(runs) + ext as usize);
        lengths.push(u32::from(cch));
    }
    lengths
}

/// Reads across the SST record and its CONTINUE records.
struct SegmentCursor<'a> {
    segments: &'a [&'a [u8]],
    seg: usize,
    pos: usize,
}

impl SegmentCursor<'_> {
    fn at_segment_end(&self) -> bool {
        self.segments.get(self.seg).is_none_or(|s| self.pos >= s.len())
    }

    fn left_in_segment(&self) -> usize {
        self.segments.get(self.seg).map_or(0, |s| s.len().saturating_sub(self.pos))
    }

    fn next_segment(&mut self) -> bool {
        if self.seg + 1 < self.segments.len() {
            self.seg += 1;
            self.pos = 0;
            true
        } else {
            self.seg = self.segments.len();
            false
        }
    }

    fn u8(&mut self) -> Option<u8> {
        while self.at_segment_end() {
            if !self.next_segment() {
                return None;
            }
        }
        let b = self.segments[self.seg][self.pos];
        self.pos += 1;
        Some(b)
    }

    fn u16(&mut self) -> Option<u16> {
        Some(u16::from_le_bytes([self.u8()?, self.u8()?]))
    }

    fn u32(&mut self) -> Option<u32> {
        Some(u32::from_le_bytes([self.u8()?, self.u8()?, self.u8()?, self.u8()?]))
    }

    /// Skips bytes across segments.
    fn skip(&mut self, mut n: usize) {
        while n > 0 && self.seg < self.segments.len() {
            let step = n.min(self.left_in_segment());
            self.pos += step;
            n -= step;
            if n > 0 && !self.next_segment() {
                return;
            }
        }
    }
}

fn u16le(d: &[u8], at: usize) -> u32 {
    u32::from(u16::from_le_bytes([d[at], d[at + 1]]))
}

fn u32le(d: &[u8], at: usize) -> u32 {
    u32::from_le_bytes([d[at], d[at + 1], d[at + 2], d[at + 3]])
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row_cap(text: &[u8]) -> io::Result<u64> {
        io::copy(&mut RowCap::new(text, b','), &mut io::sink())
    }

    #[test]
    fn a_quote_inside_a_cell_is_a_character_as_the_csv_reader_reads_it() {
        // `ab"c` then a line end: the row ends there.
        let text: Vec<u8> = b"x,ab\"c\n".iter().copied().cycle().take(40 << 20).collect();
        assert!(row_cap(&text).is_ok());
        let mut cap = RowCap::new(&b"a,b\"c\n\"d"[..], b',');
        io::copy(&mut cap, &mut io::sink()).unwrap();
        assert_eq!((cap.state, cap.line, cap.start), (Field::Quoted, 2, 2));
    }

    #[test]
    fn a_stray_quote_does_not_make_the_rest_one_row_but_an_open_one_does() {
        let line = b"2026-03-01,24\" TV,\"a \"\"quoted\"\" cell\"\n";
        let many: Vec<u8> = line.iter().copied().cycle().take(line.len() * 600_000).collect();
        assert!(many.len() as u64 > MAX_ROW_BYTES);
        assert!(row_cap(&many).is_ok());
        let plain: Vec<u8> = b"2026-03-01,x,y\n".iter().copied().cycle().take(17 << 20).collect();
        let open = [&b"a,b\n1,\"2\n"[..], &plain].concat();
        let e = row_cap(&open).unwrap_err().to_string();
        assert!(e.starts_with("line 2: "), "{e}");
        assert!(e.contains("a row longer than 16 MiB"), "{e}");
    }

    #[test]
    fn a_part_named_in_another_case_is_scanned_all_the_same() {
        let mut z = zip::ZipWriter::new(io::Cursor::new(Vec::new()));
        let o = zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Deflated);
        z.start_file("xl/SharedStrings.XML", o).unwrap();
        std::io::Write::write_all(&mut z, b"<sst>").unwrap();
        for _ in 0..MAX_STRINGS + 1 {
            std::io::Write::write_all(&mut z, b"<si/>").unwrap();
        }
        let bytes = z.finish().unwrap().into_inner();
        let refused = check_workbook(io::Cursor::new(bytes)).unwrap_err();
        assert!(matches!(refused, WorkbookWhy::Strings { .. }), "{refused:?}");
    }

    #[test]
    fn sst_strings_are_measured_across_continue_records() {
        // "abc" (one byte a character), then 5 wide characters cut after two
        // by a CONTINUE record that starts with a flags byte (now one byte
        // each), then "z" with a rich-text run.
        let mut sst = vec![3, 0, 0, 0, 3, 0, 0, 0];
        sst.extend([3, 0, 0, b'a', b'b', b'c']);
        sst.extend([5, 0, 1, b'd', 0, b'e', 0]);
        let mut cont = vec![0, b'f', b'g', b'h'];
        cont.extend([1, 0, 0x08, 1, 0, b'z', 0, 0, 0, 0]);
        let records = [(0x00FC, &sst[..]), (0x003C, &cont[..]), (0x000A, &[][..])];
        assert_eq!(xls_string_lengths(&records), [3, 5, 1]);
    }

    fn xls(records: &[(u16, Vec<u8>)]) -> Vec<u8> {
        let mut stream = Vec::new();
        for (typ, data) in records {
            stream.extend(typ.to_le_bytes());
            stream.extend((data.len() as u16).to_le_bytes());
            stream.extend(data);
        }
        let mut book = cfb::CompoundFile::create(io::Cursor::new(Vec::new())).unwrap();
        std::io::Write::write_all(&mut book.create_stream("/Workbook").unwrap(), &stream).unwrap();
        book.into_inner().into_inner()
    }

    #[test]
    fn a_workbook_saved_with_a_password_is_said_to_be_one() {
        let mut file = cfb::CompoundFile::create(io::Cursor::new(Vec::new())).unwrap();
        std::io::Write::write_all(&mut file.create_stream("/EncryptedPackage").unwrap(), b"sealed").unwrap();
        let bytes = file.into_inner().into_inner();
        assert_eq!(check_workbook(io::Cursor::new(bytes)), Err(WorkbookWhy::Password));
        assert_eq!(check_workbook(io::Cursor::new(b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1 not ole".to_vec())), Err(WorkbookWhy::Broken));
    }

    #[test]
    fn xls_cells_copying_a_long_shared_string_are_refused() {
        let long = 60_000u16;
        let mut sst = vec![1, 0, 0, 0, 1, 0, 0, 0];
        sst.extend(long.to_le_bytes());
        sst.push(0);
        sst.extend(std::iter::repeat_n(b'a', 8000));
        let mut records = vec![(0x00FCu16, sst)];
        // The rest of the string in CONTINUE records of 8,000 characters.
        for _ in 0..(usize::from(long) / 8000 - 1) {
            let mut cont = vec![0];
            cont.extend(std::iter::repeat_n(b'a', 8000));
            records.push((0x003C, cont));
        }
        let mut tail = vec![0];
        tail.extend(std::iter::repeat_n(b'a', usize::from(long) % 8000));
        records.push((0x003C, tail));
        let cell = |row: u16| [&row.to_le_bytes()[..], &[0, 0, 0, 0, 0, 0, 0, 0]].concat();
        let few: Vec<(u16, Vec<u8>)> = records.iter().cloned().chain((0..100).map(|r| (0x00FD, cell(r)))).collect();
        assert_eq!(check_workbook(io::Cursor::new(xls(&few))), Ok(()));
        let many: Vec<(u16, Vec<u8>)> = records.into_iter().chain((0..2000).map(|r| (0x00FD, cell(r)))).collect();
        let refused = check_workbook(io::Cursor::new(xls(&many))).unwrap_err();
        assert!(matches!(refused, WorkbookWhy::CellText { mib: 256 }), "{refused:?}");
    }
}

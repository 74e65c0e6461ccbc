//! Reads a table from a row source: finds the header row among the first
//! 30 rows (a title above it, a two-row header under a merged group cell,
//! SPEC §11), then every row with its physical line, skipping blank and
//! totals rows and reporting rows that cannot be read.

use csv::StringRecord;

use super::decode::InputFormat;
use crate::domain::columns::{self, Column, ColumnMap, Rank, SheetWhat, TableKind, Words};
use super::row_source::{BadRow, Next, RowSource, Tail};
use crate::diag::{Code, Diagnostic, Findings, Found as Finding, KindReport};
use crate::domain::day::parse_stamp;
use crate::domain::ledger::{Field, Fields, Line};
use crate::domain::money::{Money, parse_signed_amount};
use crate::domain::text::fold;

/// The header row is looked for among this many first lines.
pub const HEADER_WITHIN: Line = 30;

/// What reading one ledger found besides its rows (every sheet read summed).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct TableStats {
    /// Data rows read, blank, totals and unreadable ones included.
    pub rows: u64,
    pub blank: u64,
    /// Totals rows (合计, 小计, …).
    pub totals: u64,
    /// The header cells of the first table read, as written.
    pub header: Vec<String>,
    /// How the file was read (`UTF-8`, `GB18030`, `xlsx`, …); `None` when not given.
    pub format: Option<InputFormat>,
    /// Where the header of the first table read put each column.
    pub map: Option<ColumnMap>,
    /// The column map of each table of the input (a text file's, or each
    /// sheet's in workbook order), `None` for tables not read.
    pub maps: Vec<Option<ColumnMap>>,
    /// Each table looked at, and what became of it.
    pub sheets: Vec<SheetNote>,
}

/// One table of an input, for the summary and `-v`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SheetNote {
    /// `FILE` or `FILE[SHEET]`.
    pub place: String,
    /// The sheet's name, `None` for a text file.
    pub sheet: Option<String>,
    pub what: SheetWhat,
    /// Data rows read from it.
    pub rows: u64,
}


type Names = Vec<Option<(&'static str, Rank)>>;

/// A row that could not be read, reported once its table is read.
#[derive(Debug)]
pub struct BadAt {
    line: Option<Line>,
    column: Option<usize>,
    why: BadRow,
}

/// The header of a table, found.
#[derive(Debug)]
pub struct Header {
    /// The line of the (upper) header row.
    pub line: Line,
    /// Header texts: for a two-row header the lower cell where it names a
    /// column, else the upper one.
    pub cells: Vec<String>,
    pub names: Names,
    pub kind: Option<TableKind>,
    /// The row read after the header that is not part of it.
    pending: Option<(Line, StringRecord)>,
    early: Vec<BadAt>,
}

/// What the first rows of a table are.
#[derive(Debug)]
pub enum Found {
    Header(Header),
    /// No header row: the row that names most columns (the first of
    /// equals; the first row when none names any), for the finding; or the
    /// first row whose one cell holds a header separated by `squeezed`
    /// (`日期;业务员;…`: a file separated otherwise than it was read).
    /// `line` is `None` when the first rows are all blank and more follow.
    NoHeader { line: Option<Line>, cells: Vec<String>, names: Names, squeezed: Option<char> },
    Empty,
}

/// Looks for the header row among the first [`HEADER_WITHIN`] lines.
pub fn find_header(source: &mut dyn RowSource, words: &Words) -> std::io::Result<Found> {
    let mut record = StringRecord::new();
    let mut early = Vec::new();
    let mut best: Option<(usize, Line, Vec<String>, Names)> = None;
    let mut squeezed: Option<(char, Line, Vec<String>, Names)> = None;
    loop {
        let line = match source.next_row(&mut record)? {
            Next::End => break,
            Next::Bad { line, column, why } => {
                early.push(BadAt { line, column, why });
                continue;
            }
            Next::Row(line) if line > HEADER_WITHIN => {
                if best.is_none() && (!is_blank(&record) || more_rows(source, &mut record)?) {
                    return Ok(Found::NoHeader { line: None, cells: Vec::new(), names: Vec::new(), squeezed: None });
                }
                break;
            }
            Next::Row(line) => line,
        };
        if is_blank(&record) {
            continue;
        }
        let cells: Vec<String> = record.iter().map(|c| c.trim_start_matches('\u{feff}').trim().to_string()).collect();
        let names = columns::row_names(&cells, words);
        if columns::is_header(&names) {
            return header_at(source, line, cells, names, early, words);
        }
        if squeezed.is_none()
            && let Some(sep) = squeezed_header(&cells, words)
        {
            squeezed = Some((sep, line, cells.clone(), names.clone()));
        }
        let named = names.iter().filter(|n| n.is_some()).count();
        if best.as_ref().is_none_or(|b| named > b.0) {
            best = Some((named, line, cells, names));
        }
    }
    Ok(match (squeezed, best) {
        (Some((sep, line, cells, names)), _) => Found::NoHeader { line: Some(line), cells, names, squeezed: Some(sep) },
        (None, Some((_, line, cells, names))) => Found::NoHeader { line: Some(line), cells, names, squeezed: None },
        (None, None) => Found::Empty,
    })
}

fn is_blank(record: &StringRecord) -> bool {
    record.iter().all(|c| fold(c.trim_start_matches('\u{feff}')).is_empty())
}

/// Reads past blank rows: whether any other row follows.
fn more_rows(source: &mut dyn RowSource, record: &mut StringRecord) -> std::io::Result<bool> {
    loop {
        match source.next_row(record)? {
            Next::End => return Ok(false),
            Next::Row(_) if is_blank(record) => {}
            _ => return Ok(true),
        }
    }
}

/// The separator (`,` `;` or a tab) of a cell that holds a whole header
/// row, split on it: a file separated otherwise than it was read (a UTF-16
/// file separated by commas, a CSV by semicolons), or a header pasted into
/// one cell.
fn squeezed_header(cells: &[String], words: &Words) -> Option<char> {
    cells.iter().find_map(|cell| {
        [',', ';', '\t'].into_iter().find(|&sep| {
            cell.contains(sep) && columns::is_header(&columns::row_names(&cell.split(sep).map(|c| c.trim().to_string()).collect::<Vec<_>>(), words))
        })
    })
}

/// The header row is found at `line`: joins the row under it when that row
/// is the lower half of a two-row header.
fn header_at(source: &mut dyn RowSource, line: Line, mut cells: Vec<String>, mut names: Names, mut early: Vec<BadAt>, words: &Words) -> std::io::Result<Found> {
    let mut record = StringRecord::new();
    let mut pending = None;
    match source.next_row(&mut record)? {
        Next::Row(next) => {
            let lower: Vec<String> = record.iter().map(|c| c.trim().to_string()).collect();
            let lower_names = columns::row_names(&lower, words);
            let adds = lower_names.iter().flatten().any(|(c, _)| !names.iter().flatten().any(|(u, _)| u == c));
            // A lower half names a column only under a cell that names none
            // (a group cell such as 客户信息, or nothing) or the same one: a
            // data row that happens to hold a header word (a reason 区域
            // under `reason`) is not taken for one.
            let under_groups = lower_names.iter().enumerate().all(|(i, n)| match (n, names.get(i).copied().flatten()) {
                (Some((lower, _)), Some((upper, _))) => *lower == upper,
                _ => true,
            });
            // Nor a row holding a date, or a number (a phone, an amount, an
            // order number): a lower half holds names only.
            let dated = lower.iter().any(|c| !c.is_empty() && parse_stamp(c).is_ok());
            let numbered = lower.iter().any(|c| c.chars().filter(|d| d.is_ascii_digit()).count() >= 3);
            if next == line + 1 && adds && under_groups && !dated && !numbered {
                join(&mut cells, &mut names, lower, lower_names);
            } else {
                pending = Some((next, record));
            }
        }
        Next::Bad { line, column, why } => early.push(BadAt { line, column, why }),
        Next::End => {}
    }
    let kind = columns::kind_of(&names);
    Ok(Found::Header(Header { line, cells, names, kind, pending, early }))
}

/// Each column takes the lower cell's name where it names a column, else
/// the upper cell's.
fn join(cells: &mut Vec<String>, names: &mut Names, lower: Vec<String>, lower_names: Names) {
    let width = cells.len().max(lower.len());
    cells.resize(width, String::new());
    names.resize(width, None);
    for (i, (text, name)) in lower.into_iter().zip(lower_names).enumerate() {
        if name.is_some() || (cells[i].is_empty() && !text.is_empty()) {
            cells[i] = text;
            names[i] = name;
        }
    }
}

/// How a table of a known kind is read.
pub struct Reading<'a> {
    /// `FILE` or `FILE[SHEET]`, for findings.
    pub place: &'a str,
    pub format: InputFormat,
    pub kind: TableKind,
    /// `claims.required`: columns a claim ledger must have besides its own.
    pub required: Fields,
}

/// What reading one table found.
#[derive(Debug, Default)]
pub struct Read {
    pub rows: u64,
    pub blank: u64,
    pub totals: u64,
    pub map: Option<ColumnMap>,
}

/// Reads the rows under a header, calling `row` for each data row.
pub fn read_rows(
    r: &Reading,
    source: &mut dyn RowSource,
    header: Header,
    findings: &mut Findings,
    mut row: impl FnMut(Line, &ColumnMap, &StringRecord, &mut Findings),
) -> std::io::Result<Read> {
    let file = r.place;
    for bad in &header.early {
        report(file, bad.line, bad.column, &bad.why, r.format, findings);
    }
    let map = ColumnMap::from_names(r.kind, &header.names);
    for column in missing_columns(&map, r) {
        let closest = columns::closest(column, &header.cells, &header.names);
        let m = Finding::MissingColumn { column, kind: r.kind, header: header.cells.clone(), closest: closest.map(str::to_string) };
        findings.push(Diagnostic::error(file, Some(header.line), None, Code::MissingColumn, m));
    }
    let width = header.cells.len();
    let mut out = Read { map: Some(map.clone()), ..Read::default() };
    let mut totals = Totals::default();
    let mut last = (0, 0);
    let mut record = StringRecord::new();
    let mut pending = header.pending;
    loop {
        let next = match pending.take() {
            Some((line, held)) => {
                record = held;
                Next::Row(line)
            }
            None => source.next_row(&mut record)?,
        };
        match next {
            Next::End => {
                report_cut_short(file, source.tail(), last, width, findings);
                break;
            }
            Next::Bad { line, column, why } => {
                out.rows += 1;
                report(file, line, column, &why, r.format, findings);
            }
            Next::Row(line) => {
                out.rows += 1;
                last = (line, record.len());
                if let Some(word) = totals_word(&record) {
                    out.totals += 1;
                    totals.row(word, file, line, &map, &record, findings);
                } else if record.iter().enumerate().all(|(i, c)| !map.is_column(i) || fold(c).is_empty()) {
                    out.blank += 1;
                } else if let Some(extra) = record.iter().skip(width).position(|c| !c.trim().is_empty()) {
                    let found = Finding::ExtraCells { cells: record.len(), columns: width };
                    let d = Diagnostic::error(file, Some(line), Some(width + extra + 1), Code::ExtraCells, found);
                    findings.push(d);
                } else {
                    totals.deal(&map, &record);
                    row(line, &map, &record, findings);
                }
            }
        }
    }
    Ok(out)
}

/// Required columns the header does not name: the kind's own, and for a
/// claim ledger those `claims.required` names.
fn missing_columns<'m>(map: &'m ColumnMap, r: &Reading) -> impl Iterator<Item = &'static Column> + 'm {
    let required = if r.kind == TableKind::Claims { r.required } else { Fields::default() };
    let extra = r.kind.columns().iter().filter(move |c| {
        Field::parse(c.name).is_some_and(|f| required.contains(f)) && !map.has(c.name)
    });
    map.missing().chain(extra)
}

/// The words that open a totals row (SPEC §11).
const TOTALS_WORDS: [&str; 6] = ["合计", "总计", "小计", "共计", "total", "sum"];

/// The totals word of a row whose first non-empty cell is one (`合计`,
/// `Total:`, `合计：共5条`).
fn totals_word(record: &StringRecord) -> Option<&'static str> {
    let first = record.iter().map(|c| fold(c)).find(|c| !c.is_empty())?;
    // Most rows start otherwise: no lower-casing for them.
    if !first.starts_with(['合', '总', '小', '共', 't', 'T', 's', 'S']) {
        return None;
    }
    let first = columns::squeeze_cjk(&first).to_lowercase();
    TOTALS_WORDS.into_iter().find(|w| match first.strip_prefix(w) {
        Some(rest) => rest.is_empty() || rest.starts_with([':', '：']),
        None => false,
    })
}

/// Running sums of deal amounts for `totals_mismatch`: since the previous
/// totals row of any word (what a 小计 totals), and since the previous one
/// that is not a 小计 (what the other words total). A refund row is not a
/// deal (SPEC §13), but the sheet's own `=SUM()` counts its negative
/// amount: a totals row may state the deals' sum or that net sum.
#[derive(Debug, Default)]
struct Totals {
    since_any: Sums,
    since_total: Sums,
}

/// The deals' amounts, and the partial refunds' (below 0) beside them.
#[derive(Debug, Default, Clone, Copy)]
struct Sums {
    deals: Money,
    refunds: Money,
}

impl Totals {
    fn deal(&mut self, map: &ColumnMap, record: &StringRecord) {
        let Some(amount) = amount_cell(map, record).and_then(|a| parse_signed_amount(a).ok()) else {
            return;
        };
        for sums in [&mut self.since_any, &mut self.since_total] {
            if amount < Money::ZERO {
                sums.refunds += amount;
            } else {
                sums.deals += amount;
            }
        }
    }

    fn row(&mut self, word: &'static str, file: &str, line: Line, map: &ColumnMap, record: &StringRecord, findings: &mut Findings) {
        let sums = if word == "小计" { self.since_any } else { self.since_total };
        if let Some(stated) = amount_cell(map, record).and_then(|a| parse_signed_amount(a).ok())
            && stated != sums.deals
            && stated != sums.deals + sums.refunds
        {
            let column = map.position(columns::customer::AMOUNT).map(|p| p + 1);
            let (sum, net) = (sums.deals, (!sums.refunds.is_zero()).then(|| sums.deals + sums.refunds));
            findings.push(Diagnostic::warning(file, Some(line), column, Code::TotalsMismatch, Finding::TotalsMismatch { word, stated, sum, net }));
        }
        self.since_any = Sums::default();
        if word != "小计" {
            self.since_total = Sums::default();
        }
    }
}

/// The amount cell of a customer-ledger row.
fn amount_cell<'r>(map: &ColumnMap, record: &'r StringRecord) -> Option<&'r str> {
    if map.kind != TableKind::Customers {
        return None;
    }
    map.position(columns::customer::AMOUNT).and_then(|p| record.get(p)).filter(|a| !a.trim().is_empty())
}

/// A quoted cell that never closes is an error; a last row with fewer cells
/// than the header and no line end is a warning: the file may be cut short;
/// any other last row without a line end is `no_final_newline`.
fn report_cut_short(file: &str, tail: Tail, (line, cells): (Line, usize), width: usize, findings: &mut Findings) {
    let line = (line > 0).then_some(line);
    if tail.open_quote {
        findings.push(Diagnostic::error(file, line, None, Code::BadCsv, Finding::OpenQuote));
    } else if tail.no_final_newline && line.is_some() && cells < width {
        findings.push(Diagnostic::warning(file, line, Some(cells), Code::CutShort, Finding::CutShort { cells, columns: width }));
    } else if tail.no_final_newline && line.is_some() {
        findings.push(Diagnostic::warning(file, line, None, Code::NoFinalNewline, Finding::NoFinalNewline));
    }
}

fn report(file: &str, line: Option<Line>, column: Option<usize>, why: &BadRow, format: InputFormat, findings: &mut Findings) {
    let (code, message) = match why {
        BadRow::Encoding => (Code::BadEncoding, Finding::BadEncoding { encoding: format.name() }),
        BadRow::Csv(why) => (Code::BadCsv, Finding::BadCsv(why.clone())),
    };
    findings.push(Diagnostic::error(file, line, column, code, message));
}

/// For each kind, the columns a row names and the required ones it lacks
/// with the closest header text: the finding when no header row is found.
pub fn kinds_report(cells: &[String], names: &Names) -> Vec<KindReport> {
    TableKind::ALL
        .into_iter()
        .map(|kind| {
            let map = ColumnMap::from_names(kind, names);
            let found = kind.columns().iter().filter(|c| map.has(c.name)).map(|c| c.name).collect();
            let missing = map.missing().map(|c| (c, columns::closest(c, cells, names).map(str::to_string))).collect();
            KindReport { kind, found, missing }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rec(cells: &[&str]) -> StringRecord {
        StringRecord::from(cells.to_vec())
    }

    fn found(text: &str) -> Found {
        let input = crate::load::Input::from_bytes("t.csv", text.as_bytes().to_vec());
        let mut opened = crate::load::source::open(&input, None, false).unwrap();
        find_header(opened.tables[0].rows.as_mut(), &Words::default()).unwrap()
    }

    fn header(text: &str) -> Header {
        match found(text) {
            Found::Header(h) => h,
            other => panic!("no header: {other:?}"),
        }
    }

    #[test]
    fn a_title_then_a_two_row_header() {
        let h = header("销售台账,,,,\n\n订单号,成交日期,客户信息,,金额\n,,客户姓名,手机号码,\nD1,2026-03-05,王,138,1\n");
        assert_eq!(h.line, 3);
        assert_eq!(h.cells, ["订单号", "成交日期", "客户姓名", "手机号码", "金额"]);
        assert_eq!(h.kind, Some(TableKind::Customers));
        assert_eq!(h.pending.map(|(line, _)| line), None);
    }

    #[test]
    fn a_data_row_is_not_a_lower_header() {
        // The row under names a column (区域) but under a cell that names one,
        // or holds a date: it is data, read next.
        let h = header("phone,owner,reason\n13800000001,张伟,区域\n");
        assert_eq!(h.pending.map(|(line, r)| (line, r.get(2).map(str::to_string))), Some((2, Some("区域".into()))));
        let h = header("订单号,成交日期,客户信息\nD1,2026-03-05,手机\n");
        assert_eq!(h.pending.map(|(line, _)| line), Some(2));
        let h = header("订单号,成交日期,客户信息,\n,,手机,12800\n");
        assert_eq!(h.pending.map(|(line, _)| line), Some(2), "a row with a number is data");
        // Under a cell naming the same column, a lower cell may name it again.
        let h = header("日期,报备人,客户,\n,,姓名,电话\n");
        assert_eq!(h.cells, ["日期", "报备人", "姓名", "电话"]);
        assert!(h.pending.is_none());
    }

    #[test]
    fn the_header_is_looked_for_in_the_first_30_lines() {
        let below = format!("{}date,rep\n", "title\n".repeat(30));
        assert!(matches!(found(&below), Found::NoHeader { line: Some(1), .. }));
        let within = format!("{}date,rep\n", "title\n".repeat(29));
        assert_eq!(header(&within).line, 30);
        assert!(matches!(found(",,\n\n"), Found::Empty));
        // Blank rows, then a header too low: not an empty file.
        let low = format!("{}date,rep\n", ",\n".repeat(30));
        assert!(matches!(found(&low), Found::NoHeader { line: None, .. }));
        assert!(matches!(found(&",\n".repeat(40)), Found::Empty));
    }

    #[test]
    fn a_header_squeezed_into_one_cell_names_its_separator() {
        assert!(matches!(found("title\n日期;业务员;手机\n"), Found::NoHeader { line: Some(2), squeezed: Some(';'), .. }));
        assert!(matches!(found("\"date,rep\"\n"), Found::NoHeader { line: Some(1), squeezed: Some(','), .. }));
        assert!(matches!(found("note;other\n"), Found::NoHeader { line: Some(1), squeezed: None, .. }));
    }

    #[test]
    fn totals_words() {
        assert_eq!(totals_word(&rec(&["", "合计", "5600"])), Some("合计"));
        assert_eq!(totals_word(&rec(&["合计：共5条"])), Some("合计"));
        assert_eq!(totals_word(&rec(&[" 合  计 "])), Some("合计"));
        assert_eq!(totals_word(&rec(&["总\u{3000}计:"])), Some("总计"));
        assert_eq!(totals_word(&rec(&["Total: 3"])), Some("total"));
        assert_eq!(totals_word(&rec(&["SUM"])), Some("sum"));
        assert_eq!(totals_word(&rec(&["1", "合计"])), None);
        assert_eq!(totals_word(&rec(&["合计金额"])), None);
        assert_eq!(totals_word(&rec(&["summer"])), None);
    }
}

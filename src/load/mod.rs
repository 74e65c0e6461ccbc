//! Reading input files into domain values: the IO edge of leadctl.
//!
//! Commands never open ledger files themselves; they call [`load_ledgers`]
//! or [`load_rules`]. Every finding names its file, line and column.

pub mod ahead;
pub mod budget;
pub mod clock;
pub mod decode;
pub mod discover;
pub mod lang;
pub mod refunds;
#[cfg(test)]
mod props;
pub mod row_source;
pub mod rows;
pub mod snapshot;
pub mod source;
pub mod table;
pub mod xlsx;

use std::path::{Path, PathBuf};
use std::sync::Arc;

use rustc_hash::FxHashMap;

use crate::diag::{Code, Diagnostic, Findings};
use crate::domain::ledger::{Fields, Ledger, Ledgers, Line, sheet_line};
use crate::domain::links::CellLink;
use crate::domain::text::{Strings, Sym};
use crate::policy::rules_toml::{self, RulesFile};
use crate::domain::columns::{self, SheetWhat, TableKind, Words};
use rows::RowReader;
use decode::TextEncoding;
use table::{SheetNote, TableStats};

/// A file to read, and the name it is reported under (the path as given).
/// Its bytes may already be in memory (standard input, tests).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Input {
    pub path: PathBuf,
    pub name: String,
    pub bytes: Option<Arc<[u8]>>,
}

impl Input {
    /// A file on disk; `-` is standard input (read when opened, by [`Input::stdin`]).
    pub fn new(path: impl Into<PathBuf>) -> Input {
        let path = path.into();
        let name = path.display().to_string();
        Input { path, name, bytes: None }
    }

    /// Bytes already read, reported under `name` (their content tells a
    /// spreadsheet from text; the extension only `.tsv` text).
    pub fn from_bytes(name: &str, bytes: impl Into<Arc<[u8]>>) -> Input {
        Input { path: PathBuf::from(name), name: name.to_string(), bytes: Some(bytes.into()) }
    }

    /// Standard input, read whole, reported as `<stdin>`.
    pub fn stdin() -> std::io::Result<Input> {
        let mut bytes = Vec::new();
        std::io::Read::read_to_end(&mut std::io::stdin().lock(), &mut bytes)?;
        Ok(Input::from_bytes("<stdin>", bytes))
    }

    /// True for the path `-`.
    pub fn is_stdin_path(path: &Path) -> bool {
        path.as_os_str() == "-"
    }
}

/// The ledgers of one run; a ledger not given is read as empty.
#[derive(Debug, Clone, Default)]
pub struct LedgerInputs {
    pub claims: Option<Input>,
    pub customers: Option<Input>,
    pub rulings: Option<Input>,
    /// links.csv (SPEC §15).
    pub links: Option<Input>,
}

/// The rules and ledger files of a run, resolved.
#[derive(Debug)]
pub struct Resolved {
    pub rules_path: PathBuf,
    pub rules: rules_toml::RulesFile,
    pub ledgers: LedgerInputs,
}

impl Resolved {
    /// The folder of closed-period snapshots: `ledgers.closed` (default
    /// `closed`), relative to the rules file.
    pub fn closed_folder(&self) -> PathBuf {
        let base = self.rules_path.parent().unwrap_or(Path::new(""));
        base.join(self.rules.ledgers.closed.as_deref().unwrap_or(rules_toml::CLOSED_FOLDER))
    }
}

impl LedgerInputs {
    /// The files given, in the order claims, customers, rulings, links.
    pub fn iter(&self) -> impl Iterator<Item = &Input> {
        [&self.claims, &self.customers, &self.rulings, &self.links].into_iter().flatten()
    }
}

/// A file that could not be used at all: one of the fatal errors, worded
/// in `messages::errors`.
pub use crate::messages::errors::Fatal as LoadError;

/// How ledgers are read.
#[derive(Debug, Clone)]
pub struct LoadOptions {
    /// Keep at most this many findings of each severity.
    pub limit: usize,
    /// Read text files in this encoding instead of the detected one.
    pub encoding: Option<TextEncoding>,
    /// Keep address text. Deciding needs only whether an address was given;
    /// `check` compares addresses to spot one customer under two phones.
    pub keep_addresses: bool,
    /// Read the claim and customer ledgers at once, on two threads.
    pub parallel: bool,
    /// Counts rows read, for a progress bar.
    pub progress: Option<indicatif::ProgressBar>,
    /// Told when the ledgers are read: work that waits for it (the
    /// manifest's input hashes) then takes a core reading no longer needs.
    pub read_done: Option<std::sync::mpsc::SyncSender<()>>,
    /// Compute each row's content hash, to compare with closed-period snapshots.
    pub hashes: bool,
    /// The status words of rules.toml `[deals]` (SPEC §13).
    pub statuses: crate::policy::DealStatuses,
    /// `[columns]` and `[events]` of rules.toml.
    pub words: Arc<Words>,
    /// `--sheet`: read only these sheets of a workbook (all when empty).
    pub sheets: Vec<String>,
    /// `claims.required`: a claim ledger without one of these columns cannot be read.
    pub required: Fields,
}

impl LoadOptions {
    pub fn new(limit: usize, encoding: Option<TextEncoding>) -> Self {
        LoadOptions {
            limit,
            encoding,
            keep_addresses: true,
            parallel: true,
            progress: None,
            read_done: None,
            hashes: false,
            statuses: crate::policy::DealStatuses::default(),
            words: Arc::default(),
            sheets: Vec::new(),
            required: Fields::default(),
        }
    }
}

/// Ledgers as read, with the findings about them and row counts.
#[derive(Debug)]
pub struct Loaded {
    pub ledgers: Ledgers,
    pub findings: Findings,
    pub claims: TableStats,
    pub customers: TableStats,
    pub rulings: TableStats,
    pub links: TableStats,
}

/// What a file's header rows say it holds.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Sniffed {
    /// The kinds of its tables that have a header, in order, each once.
    Kinds(Vec<TableKind>),
    /// No table has a header row: the finding's place, line and message.
    Unknown { place: String, line: Option<Line>, found: crate::diag::Found },
    Empty,
}

/// The kinds of table a file holds, from the header row of each of its
/// tables (every sheet of a workbook, or those `sheets` names).
pub fn sniff_kind(input: &Input, options: &LoadOptions) -> Result<Sniffed, LoadError> {
    let opened = source::open(input, options.encoding, false)?;
    let several = opened.several_sheets();
    check_sheet_names(input, &opened, &options.sheets)?;
    let mut kinds = Vec::new();
    let mut unknown: Option<(usize, Sniffed)> = None;
    for mut table in opened.tables {
        if !named(&table, &options.sheets) {
            continue;
        }
        let found = table::find_header(table.rows.as_mut(), &options.words).map_err(|source| LoadError::Read { file: input.name.clone(), source })?;
        let place = place_of(&input.name, &table, several);
        match found {
            table::Found::Header(h) if h.kind.is_some() => kinds.extend(h.kind.filter(|k| !kinds.contains(k))),
            table::Found::Header(h) => note_unknown(&mut unknown, place, Some(h.line), &h.cells, &h.names, None),
            table::Found::NoHeader { line, cells, names, squeezed } => {
                note_unknown(&mut unknown, place, line, &cells, &names, squeezed_in(squeezed, opened.format))
            }
            table::Found::Empty => {}
        }
    }
    Ok(match (kinds.is_empty(), unknown) {
        (false, _) => Sniffed::Kinds(kinds),
        (true, Some((_, unknown))) => unknown,
        (true, None) => Sniffed::Empty,
    })
}

/// Keeps the no-header finding of the table that names most columns (or
/// holds its header in one cell).
fn note_unknown(
    best: &mut Option<(usize, Sniffed)>,
    place: String,
    line: Option<Line>,
    cells: &[String],
    names: &Vec<Option<(&'static str, columns::Rank)>>,
    squeezed: Option<crate::diag::Squeezed>,
) {
    let named = names.iter().flatten().count() + if squeezed.is_some() { 2 } else { 0 };
    if best.as_ref().is_none_or(|(n, _)| named > *n) {
        let found = crate::diag::Found::NoHeader { within: table::HEADER_WITHIN, line, reports: table::kinds_report(cells, names), sheet: false, squeezed };
        *best = Some((named, Sniffed::Unknown { place, line, found }));
    }
}

/// `FILE`, or `FILE[SHEET]` in a workbook with several sheets.
fn place_of(file: &str, table: &source::Table, several: bool) -> String {
    match (&table.sheet, several) {
        (Some(sheet), true) => format!("{file}[{sheet}]"),
        _ => file.to_string(),
    }
}

/// Whether `--sheet` lets a table be read (a text file always is).
fn named(table: &source::Table, sheets: &[String]) -> bool {
    sheets.is_empty() || table.sheet.as_ref().is_none_or(|s| sheets.contains(s))
}

/// A workbook none of whose sheets `--sheet` names cannot be read.
fn check_sheet_names(input: &Input, opened: &source::Opened, sheets: &[String]) -> Result<(), LoadError> {
    let names: Vec<&str> = opened.tables.iter().filter_map(|t| t.sheet.as_deref()).collect();
    if sheets.is_empty() || names.is_empty() || names.iter().any(|n| sheets.iter().any(|s| s == n)) {
        return Ok(());
    }
    Err(LoadError::NoSuchSheet { file: input.name.clone(), wanted: sheets.join(", "), sheets: names.join(", ") })
}

/// The text of a rules file, as a snapshot stores it (SPEC §14).
pub fn read_rules_text(path: &Path) -> Result<String, LoadError> {
    let text = std::fs::read_to_string(path).map_err(|source| LoadError::Open { file: path.display().to_string(), source })?;
    Ok(text.strip_prefix('\u{feff}').map(String::from).unwrap_or(text))
}

/// The largest rules file read: thousands of reps fit in a few hundred kilobytes.
pub(crate) const RULES_LIMIT: u64 = 16 << 20;

/// Reads and validates a rules file.
pub fn load_rules(path: &Path) -> Result<RulesFile, LoadError> {
    let file = path.display().to_string();
    if path.is_dir() {
        return Err(LoadError::RulesDirectory { file });
    }
    let bytes = std::fs::metadata(path).map_err(|source| LoadError::Open { file: file.clone(), source })?.len();
    if bytes > RULES_LIMIT {
        return Err(LoadError::RulesTooLarge { file, bytes, limit: RULES_LIMIT });
    }
    let bytes = std::fs::read(path).map_err(|source| LoadError::Open { file: file.clone(), source })?;
    let text = String::from_utf8(bytes).map_err(|_| LoadError::RulesNotUtf8 { file: file.clone() })?;
    let text = text.strip_prefix('\u{feff}').unwrap_or(&text);
    rules_toml::parse(text).map_err(|error| LoadError::Rules { file, error: Box::new(error) })
}

/// Reads the ledgers: the claim and customer ledgers at once on two
/// threads, then the rulings and links. Findings are collected, at most `limit` of
/// each severity kept; only a file that cannot be opened or read is an error.
pub fn load_ledgers(inputs: &LedgerInputs, options: LoadOptions) -> Result<Loaded, LoadError> {
    let deals = || {
        let mut ids = FxHashMap::default();
        load_part(&inputs.customers, &options, TableKind::Customers, |r| r.customer_row(&mut ids)).map(|part| split_refunds(part, &ids))
    };
    let claims = || load_part(&inputs.claims, &options, TableKind::Claims, |r| r.claim());
    let (claims, deals) = if options.parallel {
        std::thread::scope(|scope| {
            let deals = scope.spawn(deals);
            (claims(), deals.join().unwrap_or_else(|panic| std::panic::resume_unwind(panic)))
        })
    } else {
        (claims(), deals())
    };
    let (mut claims, (mut deals, mut refunds)) = (claims?, deals?);
    let remap = claims.strings.append(deals.strings);
    deals.ledger.rows.iter_mut().for_each(|d| d.map_syms(&remap));
    refunds.iter_mut().for_each(|r| r.map_syms(&remap));
    let mut findings = claims.findings;
    findings.extend(deals.findings);
    let mut cell_links = claims.cell_links;
    cell_links.append(&mut deals.cell_links);
    let rulings = load_part(&inputs.rulings, &options, TableKind::Rulings, |r| r.ruling())?;
    let rulings = rulings.append_to(&mut claims.strings, &mut findings, &mut cell_links, |r, f| r.map_syms(&f));
    let links = load_part(&inputs.links, &options, TableKind::Links, |r| r.link())?;
    let links = links.append_to(&mut claims.strings, &mut findings, &mut cell_links, |r, f| r.map_syms(&f));
    findings.dedup();
    if claims.strings.overflowed() {
        let d = crate::diag::Diagnostic::error(&claims.ledger.file, None, None, crate::diag::Code::BadCsv, crate::diag::Found::TooMuchText);
        findings.push(d);
    }
    let mut ledgers = Ledgers {
        strings: claims.strings,
        claims: claims.ledger,
        deals: deals.ledger,
        rulings: rulings.0,
        links: links.0,
        cell_links,
        refunds,
    };
    ledgers.shrink_to_fit();
    if let Some(done) = &options.read_done {
        // Nobody waiting (the waiter ended) is nothing to report.
        let _ = done.try_send(());
    }
    Ok(Loaded { ledgers, findings, claims: claims.stats, customers: deals.stats, rulings: rulings.1, links: links.1 })
}

/// Splits the customer ledger's rows into deals and partial refunds, and
/// checks the refunds against the whole ledger (SPEC §13).
fn split_refunds(part: Part<refunds::CustomerRow>, ids: &FxHashMap<Box<str>, Line>) -> (Part<crate::domain::ledger::Deal>, Vec<crate::domain::ledger::Refund>) {
    let Part { ledger, strings, mut findings, stats, cell_links } = part;
    let (mut deals, mut found, mut hashes) = (Vec::with_capacity(ledger.rows.len()), Vec::new(), Vec::new());
    for (i, row) in ledger.rows.into_iter().enumerate() {
        match row {
            refunds::CustomerRow::Deal(d) => {
                deals.push(d);
                hashes.extend(ledger.hashes.get(i));
            }
            refunds::CustomerRow::Refund(r) => found.push(r),
        }
    }
    // Every row read holds one id of `ids` (a repeated id is not read), so
    // when as many rows with an id were read as there are ids, none is
    // unreadable: the set of ids read need not be built.
    let read_ids = deals.len() + found.iter().filter(|r| r.id.is_some()).count();
    let unreadable: FxHashMap<Box<str>, Line> = if read_ids == ids.len() {
        FxHashMap::default()
    } else {
        let read: rustc_hash::FxHashSet<&str> = deals.iter().map(|d| strings.resolve(d.id)).chain(found.iter().filter_map(|r| r.id.map(|s| strings.resolve(s)))).collect();
        ids.iter().filter(|(id, _)| !read.contains(id.as_ref())).map(|(k, v)| (k.clone(), *v)).collect()
    };
    let column = |c: usize| stats.map.as_ref().and_then(|m| m.position(c)).map(|p| p + 1);
    let check = refunds::RefundCheck {
        file: &ledger.file,
        sheets: &ledger.sheets,
        refund_of_column: column(columns::customer::REFUND_OF),
        amount_column: column(columns::customer::AMOUNT),
        unreadable: &unreadable,
    };
    refunds::resolve(&deals, &mut found, &strings, &check, &mut findings);
    let ledger = Ledger { file: ledger.file, sheets: ledger.sheets, rows: deals, blank_rows: ledger.blank_rows, totals_rows: ledger.totals_rows, hashes };
    (Part { ledger, strings, findings, stats, cell_links }, found)
}

/// One ledger read with its own texts and findings.
struct Part<R> {
    ledger: Ledger<R>,
    strings: Strings,
    findings: Findings,
    stats: TableStats,
    cell_links: Vec<CellLink>,
}

impl<R> Part<R> {
    /// Moves this ledger's texts, findings and cell links into those read
    /// before it; gives back its rows and counts.
    fn append_to(
        mut self,
        strings: &mut Strings,
        findings: &mut Findings,
        cell_links: &mut Vec<CellLink>,
        map_syms: impl Fn(&mut R, &dyn Fn(Sym) -> Sym),
    ) -> (Ledger<R>, TableStats) {
        let remap = strings.append(self.strings);
        self.ledger.rows.iter_mut().for_each(|r| map_syms(r, &remap));
        findings.extend(self.findings);
        cell_links.append(&mut self.cell_links);
        (self.ledger, self.stats)
    }
}

/// Reads one ledger (empty when not given), turning rows into records
/// with `read`: every table of the input whose header is of `kind`.
fn load_part<R>(
    input: &Option<Input>,
    options: &LoadOptions,
    kind: TableKind,
    mut read: impl FnMut(&mut RowReader) -> Option<R>,
) -> Result<Part<R>, LoadError> {
    let mut strings = Strings::new();
    let mut findings = Findings::new(options.limit);
    let mut ledger = Ledger::new(input.as_ref().map_or(String::new(), |i| i.name.clone()));
    let (hashes, statuses) = (options.hashes, &options.statuses);
    let mut cell_links = Vec::new();
    let Some(input) = input else {
        return Ok(Part { ledger, strings, findings, stats: TableStats::default(), cell_links });
    };
    // The claim ledger is the longest read; the customer ledger already has
    // a thread of its own.
    let opened = source::open(input, options.encoding, options.parallel && kind == TableKind::Claims)?;
    check_sheet_names(input, &opened, &options.sheets)?;
    let several = opened.several_sheets();
    if several {
        ledger.sheets = opened.tables.iter().map(|t| t.sheet.clone().unwrap_or_default()).collect();
    }
    let mut stats = TableStats { format: Some(opened.format), ..TableStats::default() };
    let mut unknown: Option<(usize, Sniffed)> = None;
    let mut unreported = 0u64;
    let read_err = |source| LoadError::Read { file: input.name.clone(), source };
    for (i, mut table) in opened.tables.into_iter().enumerate() {
        let place = place_of(&input.name, &table, several);
        let sheet = table.sheet.clone();
        let header = if named(&table, &options.sheets) {
            let found = table::find_header(table.rows.as_mut(), &options.words).map_err(read_err)?;
            header_of_kind(found, kind, (&place, opened.format), several, &mut findings, &mut unknown)
        } else {
            Err(SheetWhat::NotNamed)
        };
        let header = match header {
            Ok(header) => header,
            Err(what) => {
                stats.sheets.push(SheetNote { place, sheet, what, rows: 0 });
                stats.maps.push(None);
                continue;
            }
        };
        if stats.map.is_none() {
            stats.header = header.cells.clone();
        }
        let reading = table::Reading { place: &place, format: opened.format, kind, required: options.required };
        let keep_addresses = options.keep_addresses;
        let (file, sheets, rows, row_hashes) = (&ledger.file, &ledger.sheets, &mut ledger.rows, &mut ledger.hashes);
        let words = &*options.words;
        let got = table::read_rows(&reading, table.rows.as_mut(), header, &mut findings, |line, map, cells, findings| {
            let key = if several { sheet_line(i, line) } else { line };
            let mut r = RowReader {
                place: &place,
                file,
                sheets,
                line,
                key,
                map,
                cells,
                findings,
                strings: &mut strings,
                keep_addresses,
                words,
                cell_links: &mut cell_links,
                hashes,
                statuses,
            };
            let record = read(&mut r);
            if record.is_some() && hashes {
                row_hashes.push(r.hash());
            }
            rows.extend(record);
            unreported += 1;
            if unreported == 1 << 14 {
                if let Some(bar) = &options.progress {
                    bar.inc(unreported);
                }
                unreported = 0;
            }
        })
        .map_err(read_err)?;
        stats.rows += got.rows;
        stats.blank += got.blank;
        stats.totals += got.totals;
        if stats.map.is_none() {
            stats.map = got.map.clone();
        }
        stats.maps.push(got.map);
        stats.sheets.push(SheetNote { place, sheet, what: SheetWhat::Read(kind), rows: got.rows });
    }
    if let Some(bar) = &options.progress {
        bar.inc(unreported);
    }
    if stats.map.is_none() {
        refuse(input, several, kind, &stats, unknown, &mut findings);
    }
    ledger.blank_rows = stats.blank;
    ledger.totals_rows = stats.totals;
    Ok(Part { ledger, strings, findings, stats, cell_links })
}

/// A header in one cell, with how the file was split into cells.
fn squeezed_in(sep: Option<char>, format: decode::InputFormat) -> Option<crate::diag::Squeezed> {
    use crate::diag::ReadAs;
    let read_as = match format {
        decode::InputFormat::Text(TextEncoding::Utf16Le | TextEncoding::Utf16Be) => ReadAs::Utf16,
        decode::InputFormat::Text(_) => ReadAs::Text,
        decode::InputFormat::Workbook(_) => ReadAs::Workbook,
    };
    sep.map(|sep| crate::diag::Squeezed { sep, read_as })
}

/// The header of a table to read as `kind`, or what the table is instead,
/// reported when it must be: a lone table of another kind is `wrong_kind`;
/// a sheet without a header that names columns is `unknown_table` (two
/// columns or more look like a ledger: an error, so that a month of claims
/// never drops out of the payout unseen; fix the header or leave the sheet
/// out with --sheet), the table naming most columns kept for [`refuse`].
fn header_of_kind(
    found: table::Found,
    kind: TableKind,
    (place, format): (&str, decode::InputFormat),
    several: bool,
    findings: &mut Findings,
    unknown: &mut Option<(usize, Sniffed)>,
) -> Result<table::Header, SheetWhat> {
    match found {
        table::Found::Header(h) if h.kind == Some(kind) => Ok(h),
        table::Found::Header(h) => match h.kind {
            Some(other) => {
                if !several {
                    findings.push(Diagnostic::error(place, Some(h.line), None, Code::WrongKind, crate::diag::Found::WrongKind { found: other, wanted: kind }));
                }
                Err(SheetWhat::Other(other))
            }
            None => {
                note_unknown(unknown, place.to_string(), Some(h.line), &h.cells, &h.names, None);
                Err(SheetWhat::NoHeader)
            }
        },
        table::Found::NoHeader { line, cells, names, squeezed } => {
            let squeezed = squeezed_in(squeezed, format);
            let named = names.iter().flatten().map(|(c, _)| *c).collect::<std::collections::BTreeSet<_>>().len();
            if several && (named > 0 || squeezed.is_some()) {
                let m = crate::diag::Found::NoHeader { within: table::HEADER_WITHIN, line, reports: table::kinds_report(&cells, &names), sheet: true, squeezed };
                let d = if named >= 2 || squeezed.is_some() { Diagnostic::error } else { Diagnostic::warning };
                findings.push(d(place, line, None, Code::UnknownTable, m));
            }
            note_unknown(unknown, place.to_string(), line, &cells, &names, squeezed);
            Err(SheetWhat::NoHeader)
        }
        table::Found::Empty => Err(SheetWhat::Empty),
    }
}

/// Nothing of the input was read as `kind`: says why (a text file of
/// another kind was already reported). A workbook with several sheets gets
/// a finding listing its sheets and what each is (a sheet without a header
/// that names columns was reported with the columns it lacks); a text file
/// or a workbook of one sheet, the finding about its one table.
fn refuse(input: &Input, several: bool, kind: TableKind, stats: &TableStats, unknown: Option<(usize, Sniffed)>, findings: &mut Findings) {
    let is = |what: fn(&SheetWhat) -> bool| stats.sheets.iter().any(|s| what(&s.what));
    let other = is(|w| matches!(w, SheetWhat::Other(_)));
    if several && (other || is(|w| *w == SheetWhat::NoHeader)) {
        let sheets: Vec<(String, SheetWhat)> = stats.sheets.iter().map(|s| (s.sheet.clone().unwrap_or_default(), s.what)).collect();
        let code = if other { Code::WrongKind } else { Code::UnknownTable };
        findings.push(Diagnostic::error(&input.name, None, None, code, crate::diag::Found::NoSheetOfKind { wanted: kind, sheets }));
    } else if other {
        // One table of another kind: its wrong_kind error is made.
    } else if let Some((_, Sniffed::Unknown { place, line, found })) = unknown {
        findings.push(Diagnostic::error(&place, line, None, Code::UnknownTable, found));
    } else {
        findings.push(Diagnostic::error(&input.name, None, None, Code::EmptyFile, crate::diag::Found::EmptyFile { kind: Some(kind) }));
    }
}

impl Loaded {
    /// The column maps of the ledgers as read, for `check`'s findings.
    pub fn maps(&self) -> crate::check::Maps {
        use crate::check::SheetMaps;
        let sheets = |stats: &TableStats, several: bool| SheetMaps { maps: stats.maps.clone(), several };
        let l = &self.ledgers;
        crate::check::Maps {
            claims: sheets(&self.claims, !l.claims.sheets.is_empty()),
            deals: sheets(&self.customers, !l.deals.sheets.is_empty()),
            rulings: sheets(&self.rulings, !l.rulings.sheets.is_empty()),
        }
    }
}

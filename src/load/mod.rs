//! Reading input files into domain values: the IO edge of leadctl.
//!
//! Commands never open ledger files themselves; they call [`load_ledgers`]
//! or [`load_rules`]. Every finding names its file, line and column.

pub mod clock;
pub mod columns;
pub mod decode;
pub mod refunds;
#[cfg(test)]
mod props;
pub mod rows;
pub mod snapshot;
pub mod source;
pub mod table;
pub mod xlsx;

use std::path::{Path, PathBuf};
use std::sync::Arc;

use rustc_hash::FxHashMap;
use thiserror::Error;

use crate::diag::Findings;
use crate::domain::ledger::{Ledger, Ledgers, Line};
use crate::domain::links::CellLink;
use crate::domain::text::{Strings, Sym};
use crate::policy::rules_toml::{self, RulesFile};
use columns::TableKind;
use rows::RowReader;
use decode::TextEncoding;
use table::{TableStats, read_table};

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

    /// Bytes already read, reported under `name` (its extension still tells a
    /// spreadsheet from text).
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

/// A file that could not be used at all.
#[derive(Debug, Error)]
pub enum LoadError {
    #[error("{file}: cannot open: {source}")]
    Open { file: String, source: std::io::Error },
    #[error("{file}: is a directory, not a file")]
    Directory { file: String },
    #[error("{file}: cannot read: {source}")]
    Read { file: String, source: std::io::Error },
    #[error("{file}: cannot read the spreadsheet: {why}")]
    Spreadsheet { file: String, why: String },
    #[error("{}", .error.display(.file))]
    Rules { file: String, error: rules_toml::RulesError },
    #[error("{file}: cannot read this closed-period snapshot: {why}")]
    Snapshot { file: String, why: String },
    #[error("{file}: {bytes} bytes is too large for a rules file (at most {limit})")]
    TooLarge { file: String, bytes: u64, limit: u64 },
}

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
    /// Compute each row's content hash, to compare with closed-period snapshots.
    pub hashes: bool,
    /// The status words of rules.toml `[deals]` (SPEC §13).
    pub statuses: crate::policy::DealStatuses,
}

impl LoadOptions {
    pub fn new(limit: usize, encoding: Option<TextEncoding>) -> Self {
        LoadOptions {
            limit,
            encoding,
            keep_addresses: true,
            parallel: true,
            progress: None,
            hashes: false,
            statuses: crate::policy::DealStatuses::default(),
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

/// What a file's header row says it holds.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Sniffed {
    Kind(TableKind),
    /// The header names no column any ledger has.
    Unknown(Vec<String>),
    Empty,
}

/// The kind of table a file holds, from its header row.
pub fn sniff_kind(input: &Input, encoding: Option<TextEncoding>) -> Result<Sniffed, LoadError> {
    let mut opened = source::open(input, encoding)?;
    let mut record = csv::StringRecord::new();
    loop {
        let next = opened.rows.next_row(&mut record).map_err(|source| LoadError::Read { file: input.name.clone(), source })?;
        match next {
            source::Next::End => return Ok(Sniffed::Empty),
            source::Next::Bad { .. } => continue,
            source::Next::Row(_) => {
                let header: Vec<String> = record.iter().map(|c| c.trim_start_matches('\u{feff}').trim().to_string()).collect();
                let kind = columns::recognise(&header.iter().map(String::as_str).collect::<Vec<_>>());
                return Ok(kind.map_or(Sniffed::Unknown(header), Sniffed::Kind));
            }
        }
    }
}

/// The text of a rules file, as a snapshot stores it (SPEC §14).
pub fn read_rules_text(path: &Path) -> Result<String, LoadError> {
    let text = std::fs::read_to_string(path).map_err(|source| LoadError::Open { file: path.display().to_string(), source })?;
    Ok(text.strip_prefix('\u{feff}').map(String::from).unwrap_or(text))
}

/// Reads and validates a rules file.
pub fn load_rules(path: &Path) -> Result<RulesFile, LoadError> {
    /// Thousands of reps fit in a few hundred kilobytes.
    const RULES_LIMIT: u64 = 16 << 20;
    let file = path.display().to_string();
    if path.is_dir() {
        return Err(LoadError::Directory { file });
    }
    let bytes = std::fs::metadata(path).map_err(|source| LoadError::Open { file: file.clone(), source })?.len();
    if bytes > RULES_LIMIT {
        return Err(LoadError::TooLarge { file, bytes, limit: RULES_LIMIT });
    }
    let text = std::fs::read_to_string(path).map_err(|source| LoadError::Open { file: file.clone(), source })?;
    let text = text.strip_prefix('\u{feff}').unwrap_or(&text);
    rules_toml::parse(text).map_err(|error| LoadError::Rules { file, error })
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
    if claims.strings.overflowed() {
        let d = crate::diag::Diagnostic::error(&claims.ledger.file, None, None, crate::diag::Code::BadCsv, crate::messages::too_much_text());
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
    let read: rustc_hash::FxHashSet<&str> = deals.iter().map(|d| strings.resolve(d.id)).chain(found.iter().filter_map(|r| r.id.map(|s| strings.resolve(s)))).collect();
    let unreadable: FxHashMap<Box<str>, Line> = ids.iter().filter(|(id, _)| !read.contains(id.as_ref())).map(|(k, v)| (k.clone(), *v)).collect();
    let column = |c: usize| stats.map.as_ref().and_then(|m| m.position(c)).map(|p| p + 1);
    let check = refunds::RefundCheck {
        file: &ledger.file,
        refund_of_column: column(columns::customer::REFUND_OF),
        amount_column: column(columns::customer::AMOUNT),
        unreadable: &unreadable,
    };
    refunds::resolve(&deals, &mut found, &strings, &check, &mut findings);
    let ledger = Ledger { file: ledger.file, rows: deals, blank_rows: ledger.blank_rows, hashes };
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

/// Reads one ledger (empty when not given), turning rows into records with `read`.
fn load_part<R>(
    input: &Option<Input>,
    options: &LoadOptions,
    kind: TableKind,
    mut read: impl FnMut(&mut RowReader) -> Option<R>,
) -> Result<Part<R>, LoadError> {
    let mut strings = Strings::new();
    let mut findings = Findings::new(options.limit);
    let mut ledger = Ledger::new(input.as_ref().map_or(String::new(), |i| i.name.clone()));
    let (keep_addresses, hashes, statuses) = (options.keep_addresses, options.hashes, &options.statuses);
    let mut unreported = 0u64;
    let mut cell_links = Vec::new();
    let stats = read_kind(input, options.encoding, kind, &mut findings, |line, map, cells, findings| {
        let mut r = RowReader { file: &ledger.file, line, map, cells, findings, strings: &mut strings, keep_addresses, cell_links: &mut cell_links, hashes, statuses };
        let record = read(&mut r);
        if record.is_some() && hashes {
            ledger.hashes.push(r.hash());
        }
        ledger.rows.extend(record);
        unreported += 1;
        if unreported == 1 << 14 {
            if let Some(bar) = &options.progress {
                bar.inc(unreported);
            }
            unreported = 0;
        }
    })?;
    if let Some(bar) = &options.progress {
        bar.inc(unreported);
    }
    ledger.blank_rows = stats.blank;
    Ok(Part { ledger, strings, findings, stats, cell_links })
}

fn read_kind(
    input: &Option<Input>,
    encoding: Option<TextEncoding>,
    kind: TableKind,
    findings: &mut Findings,
    row: impl FnMut(Line, &columns::ColumnMap, &csv::StringRecord, &mut Findings),
) -> Result<TableStats, LoadError> {
    let Some(input) = input else { return Ok(TableStats::default()) };
    let mut opened = source::open(input, encoding)?;
    read_table(&input.name, opened.rows.as_mut(), opened.encoding, kind, findings, row)
        .map_err(|source| LoadError::Read { file: input.name.clone(), source })
}

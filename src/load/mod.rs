//! Reading input files into domain values: the IO edge of leadctl.
//!
//! Commands never open ledger files themselves; they call [`load_ledgers`]
//! or [`load_rules`]. Every finding names its file, line and column.

pub mod budget;
pub mod columns;
pub mod decode;
#[cfg(test)]
mod props;
pub mod rows;
pub mod source;
pub mod table;
pub mod xlsx;

use std::path::{Path, PathBuf};
use std::sync::Arc;

use rustc_hash::FxHashMap;
use thiserror::Error;

use crate::diag::Findings;
use crate::domain::ledger::{Ledger, Ledgers, Line};
use crate::domain::text::Strings;
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
}

impl LoadOptions {
    pub fn new(limit: usize, encoding: Option<TextEncoding>) -> Self {
        LoadOptions { limit, encoding, keep_addresses: true, parallel: true, progress: None }
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

/// Reads the three ledgers: the claim and customer ledgers at once on two
/// threads, then the rulings. Findings are collected, at most `limit` of
/// each severity kept; only a file that cannot be opened or read is an error.
pub fn load_ledgers(inputs: &LedgerInputs, options: LoadOptions) -> Result<Loaded, LoadError> {
    let deals = || {
        let mut ids = FxHashMap::default();
        load_part(&inputs.customers, &options, TableKind::Customers, |r| r.deal(&mut ids))
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
    let (mut claims, mut deals) = (claims?, deals?);
    let remap = claims.strings.append(deals.strings);
    deals.ledger.rows.iter_mut().for_each(|d| d.map_syms(&remap));
    let mut findings = claims.findings;
    findings.extend(deals.findings);
    let rulings = {
        let mut rulings = load_part(&inputs.rulings, &options, TableKind::Rulings, |r| r.ruling())?;
        let remap = claims.strings.append(rulings.strings);
        rulings.ledger.rows.iter_mut().for_each(|r| r.map_syms(&remap));
        findings.extend(rulings.findings);
        (rulings.ledger, rulings.stats)
    };
    if claims.strings.overflowed() {
        let d = crate::diag::Diagnostic::error(&claims.ledger.file, None, None, crate::diag::Code::BadCsv, crate::messages::too_much_text());
        findings.push(d);
    }
    let mut ledgers = Ledgers { strings: claims.strings, claims: claims.ledger, deals: deals.ledger, rulings: rulings.0 };
    ledgers.shrink_to_fit();
    Ok(Loaded { ledgers, findings, claims: claims.stats, customers: deals.stats, rulings: rulings.1 })
}

/// One ledger read with its own texts and findings.
struct Part<R> {
    ledger: Ledger<R>,
    strings: Strings,
    findings: Findings,
    stats: TableStats,
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
    let keep_addresses = options.keep_addresses;
    let mut unreported = 0u64;
    let stats = read_kind(input, options.encoding, kind, &mut findings, |line, map, cells, findings| {
        let mut r = RowReader { file: &ledger.file, line, map, cells, findings, strings: &mut strings, keep_addresses };
        let record = read(&mut r);
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
    Ok(Part { ledger, strings, findings, stats })
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

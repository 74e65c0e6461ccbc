//! Reading input files into domain values: the IO edge of leadctl.
//!
//! Commands never open ledger files themselves; they call [`load_ledgers`]
//! or [`load_rules`]. Every finding names its file, line and column.

pub mod columns;
pub mod decode;
pub mod rows;
pub mod source;
pub mod table;
pub mod xlsx;

use std::path::{Path, PathBuf};

use rustc_hash::FxHashMap;
use thiserror::Error;

use crate::diag::Findings;
use crate::domain::ledger::{Ledger, Ledgers};
use crate::domain::text::Strings;
use crate::policy::rules_toml::{self, RulesFile};
use columns::TableKind;
use rows::RowReader;
use decode::TextEncoding;
use table::{TableStats, read_table};

/// A file to read, and the name it is reported under (the path as given).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Input {
    pub path: PathBuf,
    pub name: String,
}

impl Input {
    pub fn new(path: impl Into<PathBuf>) -> Input {
        let path = path.into();
        let name = path.display().to_string();
        Input { path, name }
    }
}

/// The ledgers of one run.
#[derive(Debug, Clone)]
pub struct LedgerInputs {
    pub claims: Input,
    pub customers: Input,
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

/// Reads and validates a rules file.
pub fn load_rules(path: &Path) -> Result<RulesFile, LoadError> {
    let file = path.display().to_string();
    if path.is_dir() {
        return Err(LoadError::Directory { file });
    }
    let text = std::fs::read_to_string(path).map_err(|source| LoadError::Open { file: file.clone(), source })?;
    let text = text.strip_prefix('\u{feff}').unwrap_or(&text);
    rules_toml::parse(text).map_err(|error| LoadError::Rules { file, error })
}

/// Reads the three ledgers. Findings are collected, at most `limit` of each
/// severity kept; only a file that cannot be opened or read is an error.
pub fn load_ledgers(inputs: &LedgerInputs, limit: usize, encoding: Option<TextEncoding>) -> Result<Loaded, LoadError> {
    let mut strings = Strings::new();
    let mut findings = Findings::new(limit);
    let mut claims = Ledger::new(&inputs.claims.name);
    let claim_stats = read_kind(&inputs.claims, encoding, TableKind::Claims, &mut findings, |line, map, cells, findings| {
        let mut r = RowReader { file: &inputs.claims.name, line, map, cells, findings, strings: &mut strings };
        claims.rows.extend(r.claim());
    })?;
    let mut deals = Ledger::new(&inputs.customers.name);
    let mut ids = FxHashMap::default();
    let deal_stats = read_kind(&inputs.customers, encoding, TableKind::Customers, &mut findings, |line, map, cells, findings| {
        let mut r = RowReader { file: &inputs.customers.name, line, map, cells, findings, strings: &mut strings };
        deals.rows.extend(r.deal(&mut ids));
    })?;
    let rulings_name = inputs.rulings.as_ref().map_or("", |r| r.name.as_str());
    let mut rulings = Ledger::new(rulings_name);
    let ruling_stats = match &inputs.rulings {
        None => TableStats::default(),
        Some(input) => read_kind(input, encoding, TableKind::Rulings, &mut findings, |line, map, cells, findings| {
            let mut r = RowReader { file: &input.name, line, map, cells, findings, strings: &mut strings };
            rulings.rows.extend(r.ruling());
        })?,
    };
    claims.blank_rows = claim_stats.blank;
    deals.blank_rows = deal_stats.blank;
    rulings.blank_rows = ruling_stats.blank;
    let ledgers = Ledgers { strings, claims, deals, rulings };
    Ok(Loaded { ledgers, findings, claims: claim_stats, customers: deal_stats, rulings: ruling_stats })
}

fn read_kind(
    input: &Input,
    encoding: Option<TextEncoding>,
    kind: TableKind,
    findings: &mut Findings,
    row: impl FnMut(u64, &columns::ColumnMap, &csv::StringRecord, &mut Findings),
) -> Result<TableStats, LoadError> {
    let mut opened = source::open(input, encoding)?;
    read_table(&input.name, opened.rows.as_mut(), opened.encoding, kind, findings, row)
        .map_err(|source| LoadError::Read { file: input.name.clone(), source })
}

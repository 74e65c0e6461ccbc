//! Closed-period snapshots on disk (SPEC §14): the file format, and reading
//! every snapshot of the `ledgers.closed` folder.
//!
//! The format is JSON for people and scripts, versioned, and small: rows are
//! content hashes, never copies. Writing lives in `render::snapshot`.

use std::collections::BTreeMap;
use std::path::Path;
use std::str::FromStr;

use chrono::NaiveDate;
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

use super::LoadError;
use crate::messages::errors::SnapshotWhy;
use crate::domain::period::Period;
use crate::engine::closing::{Figures, HashedRow, Kind, LedgerKind, RowHashes, Snapshot, SnapshotLine};

/// The version of the format this leadctl writes and reads.
pub const VERSION: u32 = 1;

/// A snapshot file as written. Money is text with two decimals; each row is
/// `"LINE HASH"` or `"LINE HASH KEY"` (the key is a deal id).
#[derive(Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SnapshotFile {
    pub version: u32,
    pub period: String,
    pub as_of: String,
    /// The day `close` ran (from the clock); for people only.
    pub closed_on: String,
    /// The leadctl version that wrote it; for people only.
    pub leadctl: String,
    /// The ledger files as given to `close`; for people only.
    pub ledgers: BTreeMap<String, Option<String>>,
    pub commissions: Vec<LineFile>,
    pub rows: BTreeMap<String, Vec<String>>,
    /// The text of rules.toml when the period was closed.
    pub rules: String,
}

/// One frozen commission line.
#[derive(Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LineFile {
    pub period: String,
    pub rep: String,
    pub kind: String,
    pub restates: Option<String>,
    pub deals: i64,
    pub performance: String,
    pub commission: String,
    pub bonus: String,
    pub total: String,
}

impl SnapshotFile {
    /// The file of a snapshot.
    pub fn new(s: &Snapshot, closed_on: NaiveDate, ledgers: BTreeMap<String, Option<String>>) -> SnapshotFile {
        let money = |m: Decimal| crate::domain::money::cents(m).to_string();
        let commissions = s
            .lines
            .iter()
            .map(|l| LineFile {
                period: l.period.to_string(),
                rep: l.rep.clone(),
                kind: l.kind.as_str().into(),
                restates: l.restates.map(|p| p.to_string()),
                deals: l.figures.deals,
                performance: money(l.figures.performance),
                commission: money(l.figures.commission),
                bonus: money(l.figures.bonus),
                total: money(l.figures.total),
            })
            .collect();
        let row = |r: &HashedRow| match &r.key {
            Some(k) => format!("{} {:016x} {k}", r.line, r.hash),
            None => format!("{} {:016x}", r.line, r.hash),
        };
        let rows = s.rows.iter().map(|(k, rows)| (k.as_str().to_string(), rows.iter().map(row).collect())).collect();
        SnapshotFile {
            version: VERSION,
            period: s.period.to_string(),
            as_of: s.as_of.to_string(),
            closed_on: closed_on.to_string(),
            leadctl: env!("CARGO_PKG_VERSION").into(),
            ledgers,
            commissions,
            rows,
            rules: s.rules.clone(),
        }
    }

    /// The snapshot this file holds, named `name`; an error says what is wrong.
    pub fn snapshot(self, name: &str) -> Result<Snapshot, SnapshotWhy> {
        if self.version != VERSION {
            return Err(SnapshotWhy::Version { found: self.version, reads: VERSION });
        }
        let period = |s: &str| Period::parse(s).ok_or_else(|| SnapshotWhy::Period(s.to_string()));
        // Far above any real line, far below what sums of lines could overflow.
        let limit = crate::domain::money::AMOUNT_LIMIT * Decimal::from(100_000);
        let money = |s: &str| Decimal::from_str(s).ok().filter(|m| m.abs() < limit).ok_or_else(|| SnapshotWhy::Amount(s.to_string()));
        let mut lines = Vec::new();
        for l in &self.commissions {
            let kind = Kind::parse(&l.kind).ok_or_else(|| SnapshotWhy::Kind(l.kind.clone()))?;
            let restates = l.restates.as_deref().map(period).transpose()?;
            if l.deals.unsigned_abs() > u64::from(u32::MAX) {
                return Err(SnapshotWhy::Deals(l.deals));
            }
            let figures = Figures {
                deals: l.deals,
                performance: money(&l.performance)?,
                commission: money(&l.commission)?,
                bonus: money(&l.bonus)?,
                total: money(&l.total)?,
            };
            lines.push(SnapshotLine { period: period(&l.period)?, rep: l.rep.clone(), kind, restates, figures });
        }
        let mut rows = RowHashes::new();
        for (ledger, list) in &self.rows {
            let kind = LedgerKind::ALL.into_iter().find(|k| k.as_str() == ledger).ok_or_else(|| SnapshotWhy::Ledger(ledger.clone()))?;
            rows.insert(kind, list.iter().map(|r| hashed_row(r)).collect::<Result<_, _>>()?);
        }
        let as_of = NaiveDate::from_str(&self.as_of).map_err(|_| SnapshotWhy::Day(self.as_of.clone()))?;
        Ok(Snapshot { name: name.to_string(), period: period(&self.period)?, as_of, rules: self.rules, lines, rows })
    }
}

/// `"LINE HASH"` or `"LINE HASH KEY"`.
fn hashed_row(text: &str) -> Result<HashedRow, SnapshotWhy> {
    let bad = || SnapshotWhy::Row(text.to_string());
    let mut parts = text.splitn(3, ' ');
    let line = parts.next().and_then(|l| l.parse().ok()).ok_or_else(bad)?;
    let hash = parts.next().and_then(|h| u64::from_str_radix(h, 16).ok()).ok_or_else(bad)?;
    Ok(HashedRow { line, hash, key: parts.next().map(String::from) })
}

/// The file name of a period's snapshot: `2026Q1.json`.
pub fn file_name(period: Period) -> String {
    format!("{period}.json")
}

/// Reads every snapshot in `folder` (none when it does not exist): files
/// named `PERIOD.json`; other files are ignored. `shown` is the folder as
/// messages name it.
pub fn read_all(folder: &Path, shown: &Path) -> Result<Vec<Snapshot>, LoadError> {
    let entries = match std::fs::read_dir(folder) {
        Ok(entries) => entries,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Vec::new()),
        Err(source) => return Err(LoadError::Open { file: shown.display().to_string(), source }),
    };
    let mut names: Vec<String> = entries
        .filter_map(|e| e.ok())
        .filter_map(|e| e.file_name().into_string().ok())
        .filter(|n| n.strip_suffix(".json").and_then(Period::parse).is_some())
        .collect();
    names.sort();
    let mut out = Vec::with_capacity(names.len());
    for n in names {
        let name = shown.join(&n).display().to_string();
        let text = std::fs::read_to_string(folder.join(&n)).map_err(|source| LoadError::Read { file: name.clone(), source })?;
        let bad = |why: SnapshotWhy| LoadError::Snapshot { file: name.clone(), why };
        let file: SnapshotFile = serde_json::from_str(&text).map_err(|_| bad(SnapshotWhy::NotJson))?;
        let snapshot = file.snapshot(&name).map_err(bad)?;
        if file_name(snapshot.period) != n {
            return Err(LoadError::Snapshot { file: name, why: SnapshotWhy::Closes(snapshot.period) });
        }
        out.push(snapshot);
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_snapshot_reads_back_as_written() {
        let s = Snapshot {
            name: "closed/2026Q1.json".into(),
            period: Period::parse("2026Q1").unwrap(),
            as_of: NaiveDate::from_ymd_opt(2026, 4, 2).unwrap(),
            rules: "[reps.a]\nchannel = \"store\"\n".into(),
            lines: vec![SnapshotLine {
                period: Period::parse("2026Q1").unwrap(),
                rep: "张伟".into(),
                kind: Kind::Adjustment,
                restates: Period::parse("2025Q4"),
                figures: Figures { deals: -1, performance: Decimal::new(-200050, 2), commission: Decimal::ONE, bonus: Decimal::ZERO, total: Decimal::ONE },
            }],
            rows: RowHashes::from([(LedgerKind::Customers, vec![HashedRow { line: 7, key: Some("SO 1".into()), hash: 0xabc }])]),
        };
        let file = SnapshotFile::new(&s, NaiveDate::from_ymd_opt(2026, 4, 3).unwrap(), BTreeMap::new());
        assert_eq!(file.rows["customers"], ["7 0000000000000abc SO 1"]);
        let text = serde_json::to_string_pretty(&file).unwrap();
        let back = serde_json::from_str::<SnapshotFile>(&text).unwrap().snapshot("closed/2026Q1.json").unwrap();
        assert_eq!((back.lines, back.rows, back.rules, back.as_of), (s.lines, s.rows, s.rules, s.as_of));
    }

    #[test]
    fn amounts_that_could_overflow_are_refused() {
        let text = r#"{"version": 1, "period": "2026Q1", "as_of": "2026-04-02", "closed_on": "", "leadctl": "", "ledgers": {},
            "commissions": [{"period": "2026Q1", "rep": "a", "kind": "earned", "restates": null, "deals": 1,
            "performance": "79228162514264337593543950335", "commission": "0", "bonus": "0", "total": "0"}], "rows": {}, "rules": ""}"#;
        let e = serde_json::from_str::<SnapshotFile>(text).unwrap().snapshot("x").unwrap_err();
        assert_eq!(e, SnapshotWhy::Amount("79228162514264337593543950335".into()));
    }

    #[test]
    fn another_version_is_refused() {
        let text = r#"{"version": 2, "period": "2026Q1", "as_of": "2026-04-02", "closed_on": "", "leadctl": "", "ledgers": {}, "commissions": [], "rows": {}, "rules": ""}"#;
        let e = serde_json::from_str::<SnapshotFile>(text).unwrap().snapshot("x").unwrap_err();
        assert_eq!(e, SnapshotWhy::Version { found: 2, reads: 1 });
    }
}

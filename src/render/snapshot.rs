//! Writes a closed-period snapshot (SPEC §14): once, never over another.
//!
//! The file appears whole (written beside, then linked into place without
//! replacing anything): a snapshot is never rewritten or deleted.

use std::collections::BTreeMap;
use std::io::{self, Write};
use std::path::Path;

use chrono::NaiveDate;

use crate::engine::closing::Snapshot;
use crate::load::snapshot::SnapshotFile;

/// Writes `snapshot` to `path`, creating its folder; fails with
/// `AlreadyExists` when the file is there.
pub fn write_new(path: &Path, snapshot: &Snapshot, closed_on: NaiveDate, ledgers: BTreeMap<String, Option<String>>) -> io::Result<()> {
    let dir = path.parent().filter(|p| !p.as_os_str().is_empty()).unwrap_or(Path::new("."));
    std::fs::create_dir_all(dir)?;
    let file = SnapshotFile::new(snapshot, closed_on, ledgers);
    // Opened as `open(…, 0666)` does, so the snapshot gets the mode the umask gives.
    let name = path.file_name().map_or("snapshot".into(), |n| n.to_string_lossy().into_owned());
    let tmp = dir.join(format!(".leadctl-{name}.{}.tmp", std::process::id()));
    let written = (|| -> io::Result<()> {
        let mut out = std::fs::OpenOptions::new().write(true).create_new(true).open(&tmp)?;
        serde_json::to_writer_pretty(&mut out, &file)?;
        out.write_all(b"\n")?;
        out.sync_all()?;
        // A link never replaces an existing file: a snapshot is written once.
        std::fs::hard_link(&tmp, path)
    })();
    let removed = std::fs::remove_file(&tmp);
    written?;
    removed
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::period::Period;

    #[test]
    fn a_snapshot_is_never_written_over_a_file() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("closed/2026Q1.json");
        let day = NaiveDate::from_ymd_opt(2026, 4, 2).unwrap();
        let s = Snapshot { name: "x".into(), period: Period::parse("2026Q1").unwrap(), as_of: day, rules: String::new(), lines: vec![], rows: Default::default() };
        write_new(&path, &s, day, BTreeMap::new()).unwrap();
        let first = std::fs::read(&path).unwrap();
        let again = write_new(&path, &Snapshot { rules: "changed".into(), ..s }, day, BTreeMap::new()).unwrap_err();
        assert_eq!(again.kind(), io::ErrorKind::AlreadyExists);
        assert_eq!(std::fs::read(&path).unwrap(), first);
        let left: Vec<_> = std::fs::read_dir(path.parent().unwrap()).unwrap().map(|e| e.unwrap().file_name()).collect();
        assert_eq!(left, ["2026Q1.json"]);
    }
}

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
    let mut tmp = tempfile::Builder::new().prefix(".leadctl-").suffix(".tmp").tempfile_in(dir)?;
    serde_json::to_writer_pretty(tmp.as_file_mut(), &file)?;
    tmp.as_file_mut().write_all(b"\n")?;
    tmp.as_file().sync_all()?;
    tmp.persist_noclobber(path).map_err(|e| e.error)?;
    Ok(())
}

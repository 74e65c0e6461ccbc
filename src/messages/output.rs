//! Wording about where results go: `--out`, its lock, and files that must
//! not be replaced (SPEC §16).

use std::path::Path;

pub fn stdout_is_input() -> String {
    "standard output is one of the input files; writing the report there would destroy it: redirect to another file".into()
}

pub fn out_needs_name(dir: &Path) -> String {
    format!("--out {}: give the folder a name, like --out out/2026-03", dir.display())
}

pub fn locked(dir: &Path, lock: &Path, holder: &str, waited: u64) -> String {
    let who = if holder.is_empty() { "another leadctl run".to_string() } else { format!("another leadctl run (process {holder})") };
    let waited = if waited == 0 { String::new() } else { format!(" after waiting {waited} s") };
    format!(
        "--out {}: {who} is writing it (it holds {}){waited}; nothing was replaced. Try again when it ends, or give --wait SECS",
        dir.display(),
        lock.display()
    )
}

pub fn out_foreign_link(dir: &Path, target: &Path) -> String {
    format!(
        "--out {} is a link to {}, which leadctl did not make; remove the link or choose another folder",
        dir.display(),
        target.display()
    )
}

pub fn out_not_ours(dir: &Path, entry: &str) -> String {
    format!(
        "--out {} is a folder holding `{entry}`, which leadctl does not write; leadctl only replaces a folder of its own results: choose a new or empty folder",
        dir.display()
    )
}

pub fn out_is_file(path: &Path) -> String {
    format!(
        "--out {} is a file, not a folder; --out takes a folder for deals.csv, claims.csv and commissions.csv (or give --format csv, json or xlsx to write one file)",
        path.display()
    )
}

pub fn out_holds_input(dir: &Path) -> String {
    format!("--out {} holds an input of this run; replacing it would destroy the input: choose another folder", dir.display())
}

pub fn out_is_input(path: &Path) -> String {
    format!("--out {} is an input of this run; choose another file", path.display())
}

pub fn out_is_folder(path: &Path, format: &str) -> String {
    format!("--out {} is a folder; --format {format} writes one file, like report.{format}", path.display())
}

pub fn old_set_left(dir: &Path, old: &Path, e: &std::io::Error) -> String {
    format!("{} now holds this run's results, but the previous results at {} could not be removed: {e}", dir.display(), old.display())
}

/// A text ledger row past the size cap (SPEC §16).
pub fn row_too_long(line: u64, mib: u64) -> String {
    format!("line {line}: a row longer than {mib} MiB; no ledger cell is that long (an unclosed quote, or not a ledger?)")
}

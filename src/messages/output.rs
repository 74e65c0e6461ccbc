//! Wording about where results go (SPEC §16) that is not a fatal error
//! (those are in `errors.rs`).

use std::path::Path;

pub fn old_set_left(dir: &Path, old: &Path, e: &std::io::Error) -> String {
    format!("{} now holds this run's results, but the previous results at {} could not be removed: {e}", dir.display(), old.display())
}

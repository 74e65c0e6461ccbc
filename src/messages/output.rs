//! Wording about where results go (SPEC §16) that is not a fatal error
//! (those are in `errors.rs`): the warnings of a set already in place.

use std::path::PathBuf;

use super::Lang;
use super::errors::IoWhy;

/// Trouble after a new output set was switched in: it is in place, the
/// run succeeds, and this is said as a warning.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SetWarning {
    /// The folder holding the set could not be synced to disk.
    NotSynced { folder: PathBuf, why: IoWhy },
    /// The previous results could not be removed.
    OldLeft { dir: PathBuf, old: PathBuf, why: IoWhy },
}

impl SetWarning {
    pub fn text(&self, lang: Lang) -> String {
        match (self, lang) {
            (SetWarning::NotSynced { folder, why }, Lang::Zh) => format!("{}：结果已写好，但没能同步到磁盘：{}", folder.display(), why.text(lang)),
            (SetWarning::NotSynced { folder, why }, Lang::En) => {
                format!("{}: the results are in place but could not be synced to disk: {}", folder.display(), why.text(lang))
            }
            (SetWarning::OldLeft { dir, old, why }, Lang::Zh) => {
                format!("{} 已是这次的结果，但上一次的结果 {} 删不掉：{}", dir.display(), old.display(), why.text(lang))
            }
            (SetWarning::OldLeft { dir, old, why }, Lang::En) => format!(
                "{} now holds this run's results, but the previous results at {} could not be removed: {}",
                dir.display(),
                old.display(),
                why.text(lang)
            ),
        }
    }
}

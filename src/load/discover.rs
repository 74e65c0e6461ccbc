//! Where the rules and the ledgers are: rules.toml given, here or in a
//! parent folder; `-` for standard input; `[ledgers]` paths relative to the
//! rules file.

use std::path::{Path, PathBuf};

use super::{Input, LedgerInputs};
use crate::messages::errors::Fatal;
use crate::policy::rules_toml::RulesFile;

/// Reads the rules file given, else `./rules.toml`, else the nearest
/// `rules.toml` in a parent folder.
pub fn load_rules_file(given: &Option<PathBuf>) -> anyhow::Result<(PathBuf, RulesFile)> {
    let rules_path = match given {
        Some(path) if !path.exists() => return Err(Fatal::NoRulesFile { path: path.clone() }.into()),
        Some(path) => path.clone(),
        None => find_rules().ok_or(Fatal::NoRulesFound)?,
    };
    let rules = super::load_rules(&rules_path)?;
    Ok((rules_path, rules))
}

/// `rules.toml`, `../rules.toml`, `../../rules.toml`, …: the first that exists.
pub(crate) fn find_rules() -> Option<PathBuf> {
    let here = std::env::current_dir().ok()?;
    here.ancestors().enumerate().find(|(_, dir)| dir.join("rules.toml").is_file()).map(|(up, _)| {
        let mut path = PathBuf::new();
        (0..up).for_each(|_| path.push(".."));
        path.join("rules.toml")
    })
}

/// An input path from the command line; `-` reads standard input.
pub fn input(path: &Path) -> anyhow::Result<Input> {
    if Input::is_stdin_path(path) {
        Ok(Input::stdin().map_err(|source| Fatal::Stdin { source })?)
    } else {
        Ok(Input::new(path))
    }
}

/// The ledgers `[ledgers]` names, relative to the rules file.
pub fn rules_ledgers(rules_path: &Path, rules: &RulesFile) -> LedgerInputs {
    let base = rules_path.parent().unwrap_or(Path::new(""));
    let at = |p: &Option<String>| p.as_ref().map(|p| Input::new(base.join(p)));
    LedgerInputs {
        claims: at(&rules.ledgers.claims),
        customers: at(&rules.ledgers.customers),
        rulings: at(&rules.ledgers.rulings),
        links: at(&rules.ledgers.links),
    }
}


//! The flags commands share: how inputs are read, which ledgers, and the
//! value parsers of days, periods and encodings.

use std::path::PathBuf;

use chrono::NaiveDate;

use crate::domain::day::parse_day;
use crate::domain::period::Period;
use crate::load::decode::TextEncoding;
use crate::load::discover::{input, load_rules_file, rules_ledgers};
use crate::load::{self, Input, LedgerInputs, Resolved};
use crate::domain::columns::TableKind;
use crate::messages::errors::{ArgWhy, Fatal};
use crate::policy::rules_toml::RulesFile;
use crate::ui::ColorWhen;

/// `-v` and `--color` where nothing is read or colored (`init`): still
/// accepted, as scripts pass them everywhere, but not offered in help.
#[derive(Debug, Clone, clap::Args)]
pub struct NoVerbose {
    #[arg(short, long, hide = true)]
    verbose: bool,
    #[arg(long, value_enum, value_name = "WHEN", hide = true)]
    color: Option<ColorWhen>,
}

/// `-q`, `-v` and `--color` where they mean nothing (`completions`, `man`):
/// still accepted, not offered in help.
#[derive(Debug, Clone, clap::Args)]
pub struct NoUi {
    #[arg(short, long, hide = true)]
    quiet: bool,
    #[command(flatten)]
    rest: NoVerbose,
}

/// How inputs are read: the rules file, text encoding, how many findings to show.
#[derive(Debug, Clone, clap::Args)]
pub struct ReadArgs {
    /// The rules file [default: ./rules.toml]
    #[arg(long, value_name = "PATH")]
    pub rules: Option<PathBuf>,
    #[arg(long, value_name = "NAME", value_parser = encoding_arg)]
    pub encoding: Option<TextEncoding>,
    /// Show at most this many errors (and as many warnings) before "and N more"
    #[arg(long, value_name = "N", default_value_t = 100)]
    pub max_errors: usize,
    /// Threads to read and write with: 1 does one file at a time [default: 2 when the machine has two cores]
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u16).range(1..))]
    pub threads: Option<u16>,
    /// Read only this sheet of a workbook (repeat for several) [default: every sheet]
    #[arg(long = "sheet", value_name = "NAME")]
    pub sheets: Vec<String>,
}

impl ReadArgs {
    /// How to read ledgers under these flags and rules.
    pub fn load_options(&self, rules: &RulesFile) -> load::LoadOptions {
        load::LoadOptions {
            parallel: self.parallel(),
            words: std::sync::Arc::new(rules.words.clone()),
            sheets: self.sheets.clone(),
            required: rules.policy.claims.required,
            statuses: rules.policy.statuses.clone(),
            ..load::LoadOptions::new(self.max_errors, self.encoding)
        }
    }

    /// True when files may be read and written two at a time.
    pub fn parallel(&self) -> bool {
        let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
        self.threads.map_or(cores > 1, |n| n > 1)
    }
}

/// Where the rules and the ledgers come from.
#[derive(Debug, Clone, clap::Args)]
pub struct InputArgs {
    #[command(flatten)]
    pub read: ReadArgs,
    /// The customer (deal) ledger [default: ledgers.customers in rules.toml]
    #[arg(long, value_name = "PATH")]
    pub customers: Option<PathBuf>,
    /// The claim ledger [default: ledgers.claims in rules.toml]
    #[arg(long, value_name = "PATH")]
    pub claims: Option<PathBuf>,
    /// The rulings file [default: ledgers.rulings in rules.toml, if set]
    #[arg(long, value_name = "PATH")]
    pub rulings: Option<PathBuf>,
    /// Links between phones of one customer (SPEC §15) [default: ledgers.links in rules.toml, if set]
    #[arg(long, value_name = "PATH")]
    pub links: Option<PathBuf>,
    /// Replay the ledgers as they stood at the end of this day [default: the latest day in them]
    #[arg(long, value_name = "DAY", value_parser = day_arg)]
    pub as_of: Option<NaiveDate>,
}


impl InputArgs {
    /// Reads the rules and works out which ledger files to read: flags first,
    /// then `[ledgers]` paths relative to the rules file.
    pub fn resolve(&self) -> anyhow::Result<Resolved> {
        let (rules_path, rules) = load_rules_file(&self.read.rules)?;
        let named = rules_ledgers(&rules_path, &rules);
        let stdin = [&self.claims, &self.customers, &self.rulings, &self.links].iter().filter(|p| p.as_deref().is_some_and(Input::is_stdin_path)).count();
        if stdin > 1 {
            return Err(Fatal::OneStdin.into());
        }
        let flag = |p: &Option<PathBuf>| p.as_deref().map(input).transpose();
        let need = |given: Option<Input>, named: Option<Input>, ledger: TableKind| {
            given.or(named).map(Some).ok_or_else(|| Fatal::NoLedger { ledger, rules: rules_path.clone() })
        };
        let ledgers = LedgerInputs {
            claims: need(flag(&self.claims)?, named.claims, TableKind::Claims)?,
            customers: need(flag(&self.customers)?, named.customers, TableKind::Customers)?,
            rulings: flag(&self.rulings)?.or(named.rulings),
            links: flag(&self.links)?.or(named.links),
        };
        Ok(Resolved { rules_path, rules, ledgers })
    }
}

pub fn encoding_arg(s: &str) -> Result<TextEncoding, ArgWhy> {
    TextEncoding::parse(s).ok_or_else(|| ArgWhy::Encoding { choices: TextEncoding::choices() })
}

pub fn day_arg(s: &str) -> Result<NaiveDate, ArgWhy> {
    parse_day(s).map_err(|_| ArgWhy::Day)
}

/// Parses `attribute --period` (a quarter, month or year).
pub fn period_arg(s: &str) -> Result<Period, ArgWhy> {
    Period::parse(s).ok_or(ArgWhy::Period)
}

/// Parses the commission period of `close`, `statement` and `report`: its
/// hint names no year, which they refuse as not a commission period.
pub fn commission_period_arg(s: &str) -> Result<Period, ArgWhy> {
    Period::parse(s).ok_or(ArgWhy::CommissionPeriod)
}

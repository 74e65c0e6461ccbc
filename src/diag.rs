//! Findings about input files: a stable code, a severity and a position.
//!
//! `attribute` stops on any error finding; `check` prints them all. The
//! wording of messages lives in [`crate::messages`].

use std::fmt;

use chrono::NaiveDate;
use serde::Serialize;

use crate::check::dupes::Reason as DupeReason;
use crate::domain::columns::{Column, SheetWhat, TableKind};
use crate::domain::day::BadDate;
use crate::domain::ledger::{Event, Fields};
use crate::domain::money::{BadAmount, Money};
use crate::domain::period::Period;
use crate::domain::phone::{BadPhone, Phone};
use crate::engine::closing::Change;
use crate::messages::Lang;

/// How bad a finding is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Error,
    Warning,
}

/// Defines [`Code`] from one list: each variant with the code it prints,
/// so that `as_str`, `Code::ALL` and the catalogue test never drift apart.
macro_rules! codes {
    ($($(#[doc = $group:literal])? $variant:ident => $name:literal,)*) => {
        /// The stable code of a finding, as printed in `error[code]`.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
        pub enum Code {
            $($(#[doc = $group])? #[serde(rename = $name)] $variant,)*
        }

        impl Code {
            /// Every code, in the order of the list.
            pub const ALL: &'static [Code] = &[$(Code::$variant,)*];

            pub fn as_str(self) -> &'static str {
                match self {
                    $(Code::$variant => $name,)*
                }
            }
        }
    };
}

codes! {
    #[doc = "The file and its shape."]
    EmptyFile => "empty_file",
    UnknownTable => "unknown_table",
    MissingColumn => "missing_column",
    BadEncoding => "bad_encoding",
    BadCsv => "bad_csv",
    CutShort => "cut_short",
    NoFinalNewline => "no_final_newline",
    ExtraCells => "extra_cells",
    WrongKind => "wrong_kind",
    TotalsMismatch => "totals_mismatch",
    #[doc = "Cells."]
    MissingField => "missing_field",
    BadDate => "bad_date",
    BadAmount => "bad_amount",
    BadStatus => "bad_status",
    BadRefund => "bad_refund",
    BadPhone => "bad_phone",
    UnknownEvent => "unknown_event",
    UnknownRep => "unknown_rep",
    DuplicateDealId => "duplicate_deal_id",
    Formula => "formula",
    #[doc = "Policy: what `attribute` would decide."]
    MissingFields => "missing_fields",
    AfterDeal => "after_deal",
    LateClaim => "late_claim",
    CrossRegion => "cross_region",
    Duplicate => "duplicate",
    OverQuota => "over_quota",
    OrphanTouch => "orphan_touch",
    SlowFollowUp => "slow_follow_up",
    WillLapse => "will_lapse",
    WillExpire => "will_expire",
    PossibleDuplicateCustomer => "possible_duplicate_customer",
    LinkedClaimsConflict => "linked_claims_conflict",
    SelfLink => "self_link",
    IgnoredRuling => "ignored_ruling",
    AfterAsOf => "after_as_of",
    PolicySkipped => "policy_skipped",
    ClosedPeriodEdited => "closed_period_edited",
    OpenBeforeClosed => "open_before_closed",
}

impl fmt::Display for Code {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// One finding: `FILE:LINE:COL: severity[code]: message`. What it found is
/// data ([`Found`]), worded only when shown, in the reader's language.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    pub file: String,
    pub line: Option<crate::domain::ledger::Line>,
    /// 1-based column (cell) number.
    pub column: Option<usize>,
    pub severity: Severity,
    pub code: Code,
    pub found: Found,
}

impl Diagnostic {
    pub fn error(file: &str, line: Option<crate::domain::ledger::Line>, column: Option<usize>, code: Code, found: Found) -> Self {
        Diagnostic { file: file.to_string(), line, column, severity: Severity::Error, code, found }
    }

    pub fn warning(file: &str, line: Option<crate::domain::ledger::Line>, column: Option<usize>, code: Code, found: Found) -> Self {
        Diagnostic { file: file.to_string(), line, column, severity: Severity::Warning, code, found }
    }

    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }

    /// What was found, in words of `lang`.
    pub fn message(&self, lang: Lang) -> String {
        crate::messages::finding(&self.found, lang)
    }

    /// `--mask-phones`: the phone the finding quotes, masked by `mask`.
    pub fn mask_phones(&mut self, mask: impl Fn(&str) -> String) {
        match &mut self.found {
            Found::BadPhone { value, part, .. } => {
                *value = mask(value);
                if let Some(part) = part {
                    *part = mask(part);
                }
            }
            Found::SelfLink { phone } => *phone = mask(phone),
            _ => {}
        }
    }

    /// The finding as the JSON of `check --format json`: the message in `lang`.
    pub fn json(&self, lang: Lang) -> Json<'_> {
        Json { file: &self.file, line: self.line, column: self.column, severity: self.severity, code: self.code, message: self.message(lang) }
    }
}

/// A finding in `check --format json` (keys never change with the language).
#[derive(Debug, Serialize)]
pub struct Json<'a> {
    pub file: &'a str,
    pub line: Option<crate::domain::ledger::Line>,
    pub column: Option<usize>,
    pub severity: Severity,
    pub code: Code,
    pub message: String,
}

impl Diagnostic {
    /// `FILE:LINE:COL`.
    pub fn place(&self) -> String {
        match (self.line, self.column) {
            (Some(line), Some(col)) => format!("{}:{line}:{col}", self.file),
            (Some(line), None) => format!("{}:{line}", self.file),
            _ => self.file.clone(),
        }
    }

    /// The finding as one line in `lang`, with colors when `color`. The
    /// label `error[code]` is the same in every language (scripts read it).
    pub fn paint(&self, color: bool, lang: Lang) -> String {
        use crate::ui::{ERROR, PLACE, WARNING, paint};
        let (label, style) = match self.severity {
            Severity::Error => ("error", ERROR),
            Severity::Warning => ("warning", WARNING),
        };
        let label = paint(&format!("{label}[{}]", self.code), style, color);
        let place = crate::messages::escaped(&self.place()).into_owned();
        let message = self.message(lang);
        format!("{}: {label}: {}", paint(&place, PLACE, color), crate::messages::escaped(&message))
    }
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.paint(false, Lang::En))
    }
}

/// What happens to a row because of a bad or missing cell, said after the
/// finding.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Then {
    /// Nothing more to say (the finding is an error: the row is not read).
    Nothing,
    /// A deal without a customer goes to its closer.
    DealToCloser,
    RulingIgnored,
    LinkIgnored,
    /// A claim-ledger row whose phone was lost to Excel.
    RowLost,
}

/// Why a cell could not be read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum BadValue {
    Date(BadDate),
    Amount(BadAmount),
    /// One of Excel's error values (`#N/A`): the cell's formula failed.
    ExcelError,
    /// A date cell holding a bare number Excel shows as this day: the
    /// column is formatted as a number (a hint; never read as the day).
    ExcelDay(NaiveDate),
}

impl BadValue {
    /// A date cell `raw` that does not read (`why`), with the hint for an
    /// Excel error value or day number.
    pub fn date(raw: &str, why: BadDate) -> BadValue {
        if crate::domain::text::is_excel_error(raw) {
            return BadValue::ExcelError;
        }
        match crate::domain::day::excel_day(raw) {
            Some(day) if why == BadDate::Form => BadValue::ExcelDay(day),
            _ => BadValue::Date(why),
        }
    }

    /// An amount cell `raw` that does not read (`why`).
    pub fn amount(raw: &str, why: BadAmount) -> BadValue {
        if crate::domain::text::is_excel_error(raw) { BadValue::ExcelError } else { BadValue::Amount(why) }
    }
}

/// Why a row could not be read as CSV.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CsvWhy {
    /// Past the last line number a [`Line`](crate::domain::ledger::Line) holds.
    TooManyLines,
    /// The CSV reader's own account.
    Reader(String),
}

/// A header row held in one cell, separated by `sep`, and how the file was
/// split into cells instead: what to change differs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Squeezed {
    pub sep: char,
    pub read_as: ReadAs,
}

/// How a file's rows were split into cells.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ReadAs {
    /// UTF-16 text (Excel's "Unicode text"): by tabs.
    Utf16,
    /// Other text: by commas, or by tabs when the header has no comma.
    Text,
    /// A workbook: by its cells.
    Workbook,
}

/// For one kind of table: the columns a row names, and the required ones
/// it lacks with the closest header text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct KindReport {
    pub kind: TableKind,
    pub found: Vec<&'static str>,
    pub missing: Vec<(&'static Column, Option<String>)>,
}

/// Why a follow-up or visit touched no claim.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum OrphanWhy {
    UnknownRep,
    BadPhone,
    NoClaim,
    /// The rep's claim (its row) had ended on this day.
    Ended { row: String, end: NaiveDate },
}

/// A row named in a finding: `links.csv:2`, or a cell of several numbers.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LinkPlace {
    pub row: String,
    pub one_cell: bool,
}

/// A status list as the `bad_status` hint adds a word to it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum StatusList {
    /// rules.toml writes the key: the word is added to it.
    Given,
    /// The built-in words: the line that adds the word repeats them, as a
    /// list given replaces the built-in one.
    BuiltIn(Vec<String>),
}

/// What a finding is about: the values it names (cell text, expected forms,
/// the holder's row, the rules key and numbers), worded by
/// [`crate::messages::finding`] in the reader's language.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Found {
    // The file and its shape.
    EmptyFile { kind: Option<TableKind> },
    /// No header row among the first `within` rows; `line` is the row that
    /// names most columns, `None` when those rows are all blank and more
    /// follow. `sheet`: a sheet of a workbook, skipped. `squeezed`: the row
    /// holds a whole header in one cell.
    NoHeader { within: u32, line: Option<u32>, reports: Vec<KindReport>, sheet: bool, squeezed: Option<Squeezed> },
    MissingColumn { column: &'static Column, kind: TableKind, header: Vec<String>, closest: Option<String> },
    WrongKind { found: TableKind, wanted: TableKind },
    NoSheetOfKind { wanted: TableKind, sheets: Vec<(String, SheetWhat)> },
    /// `net`: the deals less the partial refunds among them, when there are any.
    TotalsMismatch { word: &'static str, stated: Money, sum: Money, net: Option<Money> },
    NoFinalNewline,
    ExtraCells { cells: usize, columns: usize },
    BadEncoding { encoding: &'static str },
    BadCsv(CsvWhy),
    OpenQuote,
    CutShort { cells: usize, columns: usize },
    TooMuchText,
    // Cells.
    MissingField { column: &'static str, then: Then },
    BadCell { column: &'static str, value: String, why: BadValue },
    /// A bad phone; in a cell of several numbers, `part` is the bad one,
    /// and `commas` when commas split what is one number.
    BadPhone { column: &'static str, value: String, part: Option<String>, commas: bool, why: BadPhone, then: Then },
    UnknownEvent { value: String },
    /// A deal word (成交) in the claim ledger's `event`.
    DealWordEvent { value: String },
    DuplicateDealId { id: String, first: String },
    Formula { column: String, value: String },
    /// A link whose two phones are one (the phone as written, to mask).
    SelfLink { phone: String },
    // Refunds (SPEC §13).
    BadStatus { value: String, refunded: StatusList, normal: StatusList },
    RefundBeforeDeal { refund: NaiveDate, deal: NaiveDate },
    NegativeWithoutRefundOf { amount: String },
    /// `negated`: the cell as a refund row writes it, none for 0.
    RefundOfNotNegative { amount: String, of: String, negated: Option<Money> },
    NamesNoDeal { of: String },
    /// `refund_of` names the own id of a refund row (`at`), not a deal.
    NamesRefund { of: String, at: String },
    DealAfterRefund { of: String, at: String, deal: NaiveDate, refund: NaiveDate },
    AlreadyRefundedInFull { of: String, at: String },
    RefundsExceed { of: String, at: String, total: Money, amount: Money },
    // Claims `attribute` would refuse (SPEC §4).
    NoRep,
    UnknownRep { column: &'static str, name: String, hint: Option<String> },
    /// `required`: every field claims.required names.
    MissingFields { fields: Fields, required: Fields },
    NoPhone,
    AfterDeal { deal: String, at: String, first_deal: NaiveDate },
    LateClaim { days: i32, first_contact: NaiveDate, within: u32 },
    /// `allowed`: the reason codes `territory.allowed_reasons` accepts.
    CrossRegion { region: String, rep: String, rep_region: String, allowed: Vec<String> },
    Duplicate { holder: String, at: String, start: NaiveDate, end: NaiveDate },
    OverQuota { held: u32, channel: String, quota: u32 },
    // What `check` adds.
    Orphan { event: Event, why: OrphanWhy },
    AfterAsOf { day: NaiveDate, as_of: Option<NaiveDate> },
    SlowFollowUp { gap: i64, last: NaiveDate, every: u32 },
    NoFollowUpSince { last: NaiveDate, quiet: i64, as_of: NaiveDate, every: u32 },
    WillLapse { end: NaiveDate, left: i64, last_touch: NaiveDate, lapse: u32 },
    /// `channel`: the rep's channel, whose `expire_without_visit_days` it is.
    WillExpire { end: NaiveDate, left: i64, start: NaiveDate, days: u32, channel: String },
    PossibleDuplicate { reason: DupeReason, name: String, other_name: String, address: String, other: Phone, at: String },
    LinkedClaimsConflict { phone: Phone, holder: String, at: String, holder_phone: Phone, links: Vec<LinkPlace> },
    RepeatedRuling,
    /// `rows`: the rows read were still checked one by one (only the
    /// checks across rows were skipped).
    PolicySkipped { file: String, errors: u64, rows: bool },
    ClosedPeriodEdited { change: Change, period: Period, snapshot: String, next_open: Option<Period> },
    /// A period with commission lines left open before the first closed one:
    /// recomputed on every run, and never closable (periods close in order).
    OpenBeforeClosed { period: Period, closed: Period, snapshot: String },
}

impl Found {
    /// A bad phone cell, with the bad number of a cell of several.
    pub fn bad_phone(column: &'static str, value: &str, why: BadPhone, then: Then) -> Found {
        let commas = value.contains([',', '，']) && value.chars().all(|c| c.is_ascii_digit() || matches!(c, ',' | '，' | ' '));
        let part = if why == BadPhone::ExcelError { None } else { crate::domain::links::bad_part(value).map(str::to_string) };
        Found::BadPhone { column, value: value.to_string(), part, commas, why, then }
    }
}

/// Collects findings, keeping at most `limit` of each severity and counting
/// every one, per file too, so that a broken million-row file stays in
/// bounded memory and a merge of capped collections still counts right.
#[derive(Debug, Clone)]
pub struct Findings {
    pub kept: Vec<Diagnostic>,
    pub errors: u64,
    pub warnings: u64,
    limit: usize,
    kept_errors: u64,
    kept_warnings: u64,
    /// Errors and warnings per file, kept or not, in order of first finding.
    by_file: Vec<(String, Tally)>,
}

/// How many errors and warnings one file has.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Tally {
    pub errors: u64,
    pub warnings: u64,
}

impl Findings {
    pub fn new(limit: usize) -> Self {
        Findings { kept: Vec::new(), errors: 0, warnings: 0, limit, kept_errors: 0, kept_warnings: 0, by_file: Vec::new() }
    }

    pub fn push(&mut self, d: Diagnostic) {
        let tally = Tally { errors: d.is_error() as u64, warnings: !d.is_error() as u64 };
        self.count(&d.file, tally);
        self.keep(d);
    }

    /// Counts findings of `file` without keeping any.
    fn count(&mut self, file: &str, tally: Tally) {
        self.errors += tally.errors;
        self.warnings += tally.warnings;
        let slot = match self.by_file.iter().position(|(f, _)| f == file) {
            Some(i) => &mut self.by_file[i].1,
            None => {
                self.by_file.push((file.to_string(), Tally::default()));
                &mut self.by_file.last_mut().expect("just pushed").1
            }
        };
        slot.errors += tally.errors;
        slot.warnings += tally.warnings;
    }

    /// Keeps an already counted finding while its severity is under the limit.
    fn keep(&mut self, d: Diagnostic) {
        if self.keeps(d.severity) {
            *if d.is_error() { &mut self.kept_errors } else { &mut self.kept_warnings } += 1;
            self.kept.push(d);
        }
    }

    /// Whether a finding of `severity` pushed now would be kept: when it
    /// would not, [`Findings::count_only`] counts it without building it.
    pub fn keeps(&self, severity: Severity) -> bool {
        let kept = if severity == Severity::Error { self.kept_errors } else { self.kept_warnings };
        kept < self.limit as u64
    }

    /// Counts a finding of `file` that would not be kept.
    pub fn count_only(&mut self, file: &str, severity: Severity) {
        let error = severity == Severity::Error;
        self.count(file, Tally { errors: error as u64, warnings: !error as u64 });
    }

    /// Adds another collection's findings, counting those it did not keep.
    pub fn extend(&mut self, other: Findings) {
        self.extend_files(other, |_| true);
    }

    /// Adds the findings of the files `wanted` takes from another collection,
    /// counting those it did not keep.
    pub fn extend_files(&mut self, other: Findings, wanted: impl Fn(&str) -> bool) {
        for (file, tally) in &other.by_file {
            if wanted(file) {
                self.count(file, *tally);
            }
        }
        for d in other.kept.into_iter().filter(|d| wanted(&d.file)) {
            self.keep(d);
        }
    }

    /// Errors and warnings of one file, kept or not.
    pub fn tally(&self, file: &str) -> Tally {
        self.tally_where(|f| f == file)
    }

    /// Errors and warnings of the places `wanted` takes (a file and its
    /// sheets `FILE[SHEET]`), kept or not.
    pub fn tally_where(&self, wanted: impl Fn(&str) -> bool) -> Tally {
        let mut sum = Tally::default();
        for (_, t) in self.by_file.iter().filter(|(f, _)| wanted(f)) {
            sum.errors += t.errors;
            sum.warnings += t.warnings;
        }
        sum
    }

    /// Drops kept findings that repeat an earlier one exactly (a workbook
    /// read as two ledgers says a thing about a sheet once).
    pub fn dedup(&mut self) {
        let mut seen = std::collections::HashSet::new();
        let mut repeats: Vec<(String, bool)> = Vec::new();
        self.kept.retain(|d| {
            let first = seen.insert((d.file.clone(), d.line, d.column, d.code, d.message(Lang::En)));
            if !first {
                repeats.push((d.file.clone(), d.is_error()));
            }
            first
        });
        for (file, error) in repeats {
            let (count, kept) = if error { (&mut self.errors, &mut self.kept_errors) } else { (&mut self.warnings, &mut self.kept_warnings) };
            *count -= 1;
            *kept -= 1;
            if let Some((_, t)) = self.by_file.iter_mut().find(|(f, _)| *f == file) {
                *if error { &mut t.errors } else { &mut t.warnings } -= 1;
            }
        }
    }

    /// Findings not kept because of the limit.
    pub fn dropped(&self) -> u64 {
        self.errors + self.warnings - self.kept.len() as u64
    }

    pub fn has_errors(&self) -> bool {
        self.errors > 0
    }

    /// Sorts kept findings by file, line, column, then code.
    pub fn sort(&mut self) {
        self.kept.sort_by_cached_key(|d| (d.file.clone(), d.line, d.column, d.code, d.message(Lang::En)));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn finding(file: &str, error: bool) -> Diagnostic {
        let make = if error { Diagnostic::error } else { Diagnostic::warning };
        make(file, Some(2), None, Code::BadPhone, Found::NoPhone)
    }

    #[test]
    fn the_cap_keeps_each_severity_but_counts_all() {
        let mut f = Findings::new(1);
        for error in [true, false, false, true, false] {
            f.push(finding("a.csv", error));
        }
        assert_eq!((f.errors, f.warnings, f.kept.len(), f.dropped()), (2, 3, 2, 3));
        assert_eq!(f.tally("a.csv"), Tally { errors: 2, warnings: 3 });
    }

    #[test]
    fn counting_what_would_not_be_kept_is_pushing_it() {
        let (mut pushed, mut counted) = (Findings::new(1), Findings::new(1));
        for (file, error) in [("a.csv", true), ("a.csv", false), ("b.csv", true), ("a.csv", false), ("b.csv", false)] {
            pushed.push(finding(file, error));
            let d = finding(file, error);
            if counted.keeps(d.severity) {
                counted.push(d);
            } else {
                counted.count_only(&d.file, d.severity);
            }
        }
        assert_eq!(pushed.kept, counted.kept);
        assert_eq!((pushed.errors, pushed.warnings, pushed.dropped()), (counted.errors, counted.warnings, counted.dropped()));
        assert_eq!((pushed.tally("a.csv"), pushed.tally("b.csv")), (counted.tally("a.csv"), counted.tally("b.csv")));
    }

    #[test]
    fn a_capped_merge_counts_what_the_other_dropped_for_wanted_files_only() {
        let mut other = Findings::new(1);
        for (file, error) in [("given.csv", false), ("given.csv", false), ("context.csv", true), ("given.csv", true)] {
            other.push(finding(file, error));
        }
        let mut f = Findings::new(1);
        f.extend_files(other.clone(), |file| file == "given.csv");
        assert_eq!((f.errors, f.warnings), (1, 2), "two warnings of the given file, one kept");
        assert!(f.kept.iter().all(|d| d.file == "given.csv"));
        let mut none = Findings::new(0);
        none.extend_files(other, |file| file == "given.csv");
        assert_eq!((none.errors, none.warnings, none.kept.len()), (1, 2, 0), "a cap of 0 keeps nothing and counts all");
    }
}

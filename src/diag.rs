//! Findings about input files: a stable code, a severity and a position.
//!
//! `attribute` stops on any error finding; `check` prints them all. The
//! wording of messages lives in [`crate::messages`].

use std::fmt;

use serde::Serialize;

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
}

impl fmt::Display for Code {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// One finding: `FILE:LINE:COL: severity[code]: message`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Diagnostic {
    pub file: String,
    pub line: Option<crate::domain::ledger::Line>,
    /// 1-based column (cell) number.
    pub column: Option<usize>,
    pub severity: Severity,
    pub code: Code,
    pub message: String,
}

impl Diagnostic {
    pub fn error(file: &str, line: Option<crate::domain::ledger::Line>, column: Option<usize>, code: Code, message: String) -> Self {
        Diagnostic { file: file.to_string(), line, column, severity: Severity::Error, code, message }
    }

    pub fn warning(file: &str, line: Option<crate::domain::ledger::Line>, column: Option<usize>, code: Code, message: String) -> Self {
        Diagnostic { file: file.to_string(), line, column, severity: Severity::Warning, code, message }
    }

    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }
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

    /// The finding as one line, with colors when `color`.
    pub fn paint(&self, color: bool) -> String {
        use crate::ui::{ERROR, PLACE, WARNING, paint};
        let (label, style) = match self.severity {
            Severity::Error => ("error", ERROR),
            Severity::Warning => ("warning", WARNING),
        };
        let label = paint(&format!("{label}[{}]", self.code), style, color);
        let (place, message) = (crate::messages::escaped(&self.place()).into_owned(), crate::messages::escaped(&self.message));
        format!("{}: {label}: {message}", paint(&place, PLACE, color))
    }
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.paint(false))
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
        let kept = if d.is_error() { &mut self.kept_errors } else { &mut self.kept_warnings };
        if *kept < self.limit as u64 {
            *kept += 1;
            self.kept.push(d);
        }
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
            let first = seen.insert((d.file.clone(), d.line, d.column, d.code, d.message.clone()));
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
        self.kept.sort_by(|a, b| {
            (&a.file, a.line, a.column, a.code, &a.message).cmp(&(&b.file, b.line, b.column, b.code, &b.message))
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn finding(file: &str, error: bool) -> Diagnostic {
        let make = if error { Diagnostic::error } else { Diagnostic::warning };
        make(file, Some(2), None, Code::BadPhone, String::new())
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

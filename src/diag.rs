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

/// The stable code of a finding, as printed in `error[code]`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Code {
    // The file and its shape.
    EmptyFile,
    UnknownTable,
    MissingColumn,
    BadEncoding,
    BadCsv,
    CutShort,
    ExtraCells,
    // Cells.
    MissingField,
    BadDate,
    BadAmount,
    NegativeAmount,
    BadPhone,
    UnknownEvent,
    UnknownRep,
    DuplicateDealId,
    Formula,
    // Policy: what `attribute` would decide.
    MissingFields,
    AfterDeal,
    LateClaim,
    CrossRegion,
    Duplicate,
    OverQuota,
    OrphanTouch,
    SlowFollowUp,
    WillLapse,
    WillExpire,
    PossibleDuplicateCustomer,
    IgnoredRuling,
    AfterAsOf,
    PolicySkipped,
}

impl Code {
    pub fn as_str(self) -> &'static str {
        match self {
            Code::EmptyFile => "empty_file",
            Code::UnknownTable => "unknown_table",
            Code::MissingColumn => "missing_column",
            Code::BadEncoding => "bad_encoding",
            Code::BadCsv => "bad_csv",
            Code::CutShort => "cut_short",
            Code::ExtraCells => "extra_cells",
            Code::MissingField => "missing_field",
            Code::BadDate => "bad_date",
            Code::BadAmount => "bad_amount",
            Code::NegativeAmount => "negative_amount",
            Code::BadPhone => "bad_phone",
            Code::UnknownEvent => "unknown_event",
            Code::UnknownRep => "unknown_rep",
            Code::DuplicateDealId => "duplicate_deal_id",
            Code::Formula => "formula",
            Code::MissingFields => "missing_fields",
            Code::AfterDeal => "after_deal",
            Code::LateClaim => "late_claim",
            Code::CrossRegion => "cross_region",
            Code::Duplicate => "duplicate",
            Code::OverQuota => "over_quota",
            Code::OrphanTouch => "orphan_touch",
            Code::SlowFollowUp => "slow_follow_up",
            Code::WillLapse => "will_lapse",
            Code::WillExpire => "will_expire",
            Code::PossibleDuplicateCustomer => "possible_duplicate_customer",
            Code::IgnoredRuling => "ignored_ruling",
            Code::AfterAsOf => "after_as_of",
            Code::PolicySkipped => "policy_skipped",
        }
    }
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
/// the rest, so that a broken million-row file stays in bounded memory.
#[derive(Debug, Clone)]
pub struct Findings {
    pub kept: Vec<Diagnostic>,
    pub errors: u64,
    pub warnings: u64,
    limit: usize,
}

impl Findings {
    pub fn new(limit: usize) -> Self {
        Findings { kept: Vec::new(), errors: 0, warnings: 0, limit }
    }

    pub fn push(&mut self, d: Diagnostic) {
        let count = match d.severity {
            Severity::Error => &mut self.errors,
            Severity::Warning => &mut self.warnings,
        };
        *count += 1;
        if *count <= self.limit as u64 {
            self.kept.push(d);
        }
    }

    /// Adds another collection's findings, counting those it did not keep.
    pub fn extend(&mut self, other: Findings) {
        let kept_errors = other.kept.iter().filter(|d| d.is_error()).count() as u64;
        let kept_warnings = other.kept.len() as u64 - kept_errors;
        for d in other.kept {
            self.push(d);
        }
        self.errors += other.errors - kept_errors;
        self.warnings += other.warnings - kept_warnings;
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

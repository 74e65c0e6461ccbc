//! Every label of the statements (提成明细) and the manager's overview page,
//! in one place: one [`Words`] per language, so adding Chinese is one more
//! constant the compiler checks field by field.
//!
//! Pure. Codes (status, reason, basis, kind) are stable identifiers and are
//! shown as they are; only the words around them live here.

use crate::domain::money::{Money, cents};
use crate::engine::commission::Slice;
use crate::engine::statement::Bonus;

/// The labels of statements and the overview.
pub struct Words {
    /// The pages' `lang` attribute.
    pub lang: &'static str,
    pub statement_title: &'static str,
    pub overview_title: &'static str,
    pub rep: &'static str,
    pub channel: &'static str,
    pub region: &'static str,
    pub target: &'static str,
    pub period: &'static str,
    pub as_of: &'static str,
    pub none: &'static str,
    pub not_in_roster: &'static str,

    pub deals_title: &'static str,
    pub no_deals: &'static str,
    pub deal: &'static str,
    pub day: &'static str,
    pub customer: &'static str,
    pub phone: &'static str,
    pub amount: &'static str,
    pub refunded: &'static str,
    pub net: &'static str,
    pub basis: &'static str,
    pub claim_row: &'static str,
    pub total: &'static str,

    pub tiers_title: &'static str,
    pub tier: &'static str,
    pub and_above: &'static str,
    pub base: &'static str,
    pub rate: &'static str,
    pub commission_exact: &'static str,
    pub commission_rounded: &'static str,
    pub bonuses_title: &'static str,
    pub reason: &'static str,
    pub no_bonus: &'static str,
    pub bonus_exact: &'static str,
    pub bonus_rounded: &'static str,
    pub rounding_note: &'static str,

    pub lines_title: &'static str,
    pub no_lines: &'static str,
    pub restated_title: &'static str,
    pub restated_note: &'static str,
    pub kind: &'static str,
    pub restates: &'static str,
    pub deals: &'static str,
    pub performance: &'static str,
    pub commission: &'static str,
    pub bonus: &'static str,
    pub to_pay: &'static str,

    pub invalid_title: &'static str,
    pub no_invalid: &'static str,
    pub row: &'static str,
    pub detail: &'static str,
    pub active_title: &'static str,
    pub no_active: &'static str,
    pub claimed_on: &'static str,
    pub end_day: &'static str,
    pub days_left: &'static str,

    pub signature: &'static str,
    pub signed_on: &'static str,

    pub bars_title: &'static str,
    pub of_target: &'static str,
    pub no_target: &'static str,
    pub invalid_by_reason_title: &'static str,
    pub claims: &'static str,
    pub by_basis_title: &'static str,
    pub house: &'static str,
    pub ending_title: &'static str,
    pub no_ending: &'static str,
    pub reconciliation_title: &'static str,

    /// Sheet names of a statement workbook (at most 31 characters).
    pub sheet_summary: &'static str,
    pub sheet_deals: &'static str,
    pub sheet_lines: &'static str,
    pub sheet_arithmetic: &'static str,
    pub sheet_invalid: &'static str,
    pub sheet_active: &'static str,
}

/// English, with the Chinese titles of the sections beside them.
pub const EN: Words = Words {
    lang: "en",
    statement_title: "Commission statement · 提成明细",
    overview_title: "Sales overview · 业绩总览",
    rep: "Rep",
    channel: "Channel",
    region: "Region",
    target: "Target",
    period: "Period",
    as_of: "As of",
    none: "—",
    not_in_roster: "not in the roster",

    deals_title: "Deals credited · 成交明细",
    no_deals: "No deal is credited to this rep in the period.",
    deal: "Deal",
    day: "Day",
    customer: "Customer",
    phone: "Phone",
    amount: "Amount",
    refunded: "Refunded",
    net: "Net",
    basis: "Basis",
    claim_row: "Won by claim",
    total: "Total",

    tiers_title: "Tier arithmetic · 阶梯计算",
    tier: "Tier",
    and_above: "and above",
    base: "Performance in tier",
    rate: "Rate",
    commission_exact: "Commission, exact",
    commission_rounded: "Commission, rounded once",
    bonuses_title: "Bonuses · 奖金",
    reason: "Reason",
    no_bonus: "No bonus in this period.",
    bonus_exact: "Bonus, exact",
    bonus_rounded: "Bonus, rounded once",
    rounding_note: "Commission and bonus are each rounded once, half up, to 0.01.",

    lines_title: "Commission lines · 提成",
    no_lines: "No commission line for this rep in the period.",
    restated_title: "Differences since the close · 结账后调整",
    restated_note: "This period is closed: the line above is what was paid. These adjustment lines, paid in a later period, are the difference today's deals make to it.",
    kind: "Kind",
    restates: "Restates",
    deals: "Deals",
    performance: "Performance",
    commission: "Commission",
    bonus: "Bonus",
    to_pay: "To pay · 应发",

    invalid_title: "Claims refused in the period · 无效报备",
    no_invalid: "No claim of this rep dated in the period was refused.",
    row: "Row",
    detail: "Why",
    active_title: "Claims still protecting — follow up · 保护中的报备",
    no_active: "No claim of this rep is protecting on the as-of day.",
    claimed_on: "Claimed on",
    end_day: "Protected through",
    days_left: "Days left",

    signature: "Rep's signature · 签字",
    signed_on: "Date · 日期",

    bars_title: "Performance against target · 业绩与目标",
    of_target: "of target",
    no_target: "no target",
    invalid_by_reason_title: "Invalid claims by reason · 无效报备原因",
    claims: "Claims",
    by_basis_title: "Deals by basis · 归属依据",
    house: "owned by the house (nobody)",
    ending_title: "Claims ending soon · 即将到期的报备",
    no_ending: "No claim ends within these days.",
    reconciliation_title: "Reconciliation · 核对",

    sheet_summary: "statement",
    sheet_deals: "deals",
    sheet_lines: "lines",
    sheet_arithmetic: "arithmetic",
    sheet_invalid: "invalid claims",
    sheet_active: "active claims",
};

impl Words {
    /// `over target: 0.01 × (109200.50 − 100000.00)`.
    pub fn over_target(&self, rate: impl std::fmt::Display, performance: Money, target: Money) -> String {
        format!("over target: {rate} × (performance {} − target {})", cents(performance), cents(target))
    }

    /// `new customers: 2 × 200.00`.
    pub fn new_customers(&self, count: u32, each: Money) -> String {
        format!("new customers (deals won by a claim): {count} × {}", cents(each))
    }

    pub fn champion(&self) -> &'static str {
        "champion: the period's highest performance"
    }

    /// What a bonus is paid for.
    pub fn bonus_reason(&self, b: &Bonus, performance: Money) -> String {
        match b {
            Bonus::OverTarget { rate, target, .. } => self.over_target(rate, performance, *target),
            Bonus::NewCustomers { count, each, .. } => self.new_customers(*count, *each),
            Bonus::Champion { .. } => self.champion().to_string(),
            Bonus::Frozen { .. } => "bonus as frozen when the period was closed (over target, new customers, champion together)".to_string(),
        }
    }

    /// `100000.00 – 300000.00`, or `300000.00 and above`.
    pub fn tier_label(&self, s: &Slice) -> String {
        match s.to {
            Some(to) => format!("{} – {}", cents(s.from), cents(to)),
            None => format!("{} {}", cents(s.from), self.and_above),
        }
    }

    /// The heading of the claims-ending section.
    pub fn ending_within(&self, days: u32, as_of: impl std::fmt::Display) -> String {
        format!("{} — within {days} days of {as_of}", self.ending_title)
    }
}

/// Why no statement could be made, and what to change.
pub fn no_statement(why: &crate::engine::statement::NoStatement) -> String {
    use crate::engine::statement::NoStatement;
    match why {
        NoStatement::NoAsOf => "the ledgers hold no dated row, so there is no period to report; give --as-of DAY".into(),
        NoStatement::NotOnePeriod { period, kind } => {
            format!("--period {period} is not one commission period; commission.period = \"{}\", so give one like {}", kind.as_str(), match kind {
                crate::domain::period::PeriodKind::Quarter => "2026Q1",
                crate::domain::period::PeriodKind::Month => "2026-03",
            })
        }
        NoStatement::UnknownRep(name) => format!("--rep `{}`: nobody of that name is in the roster or the ledgers", super::shown(name)),
    }
}

/// Nothing to write: no rep has a line in the period.
/// No statement to write. When the period was not given, says which one
/// was taken and names the one still running.
pub fn no_lines(period: impl std::fmt::Display, defaulted: Option<(chrono::NaiveDate, crate::domain::period::Period)>) -> String {
    match defaulted {
        None => format!("no rep has a commission line in {period}; no statement written (--rep NAME writes one anyway)"),
        Some((as_of, current)) => format!(
            "no rep has a commission line in {period} (the latest period ended by the as-of day {as_of}); \
             no statement written: give --period {current} for the period still running, or --rep NAME"
        ),
    }
}

//! The manager's overview of one period (SPEC §17 `report --html`):
//! performance against target per rep, invalid claims by reason, deals by
//! basis, claims ending soon per rep.
//!
//! Pure: counts what the run decided; renders nothing.

use chrono::NaiveDate;
use rust_decimal::Decimal;

use super::statement::{ClaimItem, Run, claim_item, owned_in, owner};
use super::{Basis, Invalid, RowDecision};
use crate::domain::money::Money;
use crate::domain::period::Period;

/// One rep's bar: performance against target.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RepBar<'a> {
    pub rep: &'a str,
    pub performance: Money,
    pub target: Option<Money>,
}

/// Deals of one basis in the period.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BasisCount {
    pub basis: &'static str,
    pub deals: u32,
    pub amount: Money,
}

/// The overview of one period.
#[derive(Debug, Clone)]
pub struct Overview<'a> {
    pub period: Period,
    pub as_of: NaiveDate,
    pub warn_days: u32,
    /// The claim ledger's file, as the rows name it.
    pub claims_file: &'a str,
    /// Every roster rep, and every other owner with a line in the period,
    /// by performance (highest first), then name.
    pub bars: Vec<RepBar<'a>>,
    /// Invalid claims dated in the period, per reason code in the order of
    /// the walk; reasons with none are left out.
    pub invalid: Vec<(&'static str, u32)>,
    /// Owned deals dated in the period, per basis.
    pub bases: Vec<BasisCount>,
    /// Deals in the period owned by nobody (the house).
    pub house: Money,
    /// Claims active on the as-of day whose end day is within `warn_days`
    /// of it, by rep, then end day.
    pub ending: Vec<ClaimItem<'a>>,
}

/// Assembles the overview of `period` as of `as_of`.
pub fn overview<'a>(run: Run<'a>, period: Period, as_of: NaiveDate, warn_days: u32) -> Overview<'a> {
    let deals = owned_in(run, period);
    let house = deals.iter().filter(|d| owner(run, d.deal).is_none()).map(|d| d.net).sum();
    let bases = Basis::CODES
        .iter()
        .map(|&basis| {
            let of = deals.iter().filter(|d| d.basis.as_str() == basis);
            BasisCount { basis, deals: of.clone().count() as u32, amount: of.map(|d| d.net).sum() }
        })
        .collect();
    let mut ending: Vec<ClaimItem<'a>> = (0..run.settled.ledgers.claims.rows.len())
        .filter_map(|row| claim_item(run, row, as_of))
        .filter(|c| c.days_left.is_some_and(|d| (0..=i64::from(warn_days)).contains(&d)))
        .collect();
    ending.sort_by(|a, b| (a.rep, a.end_day, a.row).cmp(&(b.rep, b.end_day, b.row)));
    Overview { period, as_of, warn_days, claims_file: &run.settled.ledgers.claims.file, bars: bars(run, period), invalid: invalid_by_reason(run, period), bases, house, ending }
}

fn bars<'a>(run: Run<'a>, period: Period) -> Vec<RepBar<'a>> {
    let lines = run.settlement.lines.iter().filter(|c| c.period == period);
    let mut bars: Vec<RepBar<'a>> =
        run.settled.policy.reps.iter().map(|r| RepBar { rep: &r.name, performance: Decimal::ZERO, target: r.target }).collect();
    for line in lines {
        let rep = line.rep.as_str();
        match bars.iter_mut().find(|b| b.rep == rep) {
            Some(bar) => bar.performance += line.figures.performance,
            None => bars.push(RepBar { rep, performance: line.figures.performance, target: None }),
        }
    }
    bars.sort_by(|a, b| b.performance.cmp(&a.performance).then(a.rep.cmp(b.rep)));
    bars
}

fn invalid_by_reason(run: Run, period: Period) -> Vec<(&'static str, u32)> {
    let kind = run.settled.policy.commission.period;
    let mut counts = [0u32; Invalid::CODES.len()];
    for (row, decision) in run.settled.ledgers.claims.rows.iter().zip(&run.settled.outcome.rows) {
        if let RowDecision::Invalid(why) = decision
            && Period::of(row.day, kind) == period
            && let Some(i) = Invalid::CODES.iter().position(|c| *c == why.code())
        {
            counts[i] += 1;
        }
    }
    Invalid::CODES.iter().zip(counts).filter(|(_, n)| *n > 0).map(|(c, n)| (c.as_str(), n)).collect()
}

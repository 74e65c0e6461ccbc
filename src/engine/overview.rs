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

/// One rep's bar: the period's own performance against target, and apart
/// from it the adjustments of closed periods posted to the period (a
/// claw-back is no negative performance of this period).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RepBar<'a> {
    pub rep: &'a str,
    /// The performance of the rep's earned lines of the period: what the
    /// bar and the completion count.
    pub earned: Money,
    /// The performance of the rep's adjustment lines posted to the period.
    pub adjustments: Money,
    pub target: Option<Money>,
}

/// Deals of one basis in the period.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BasisCount {
    pub basis: &'static str,
    pub deals: u32,
    pub amount: Money,
}

/// A closed period on the overview: its bars are the frozen lines.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Closed<'a> {
    /// The as-of day of the close.
    pub on: NaiveDate,
    /// The periods the later differences are posted to, and their
    /// performance, summed over reps; empty when nothing moved.
    pub posted: Vec<(Period, Money)>,
    /// Each rep's later difference in performance (adjustment lines
    /// restating the period), by name.
    pub by_rep: Vec<(&'a str, Money)>,
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
    /// by earned performance (highest first), then name: the rep's
    /// commission lines of the period (frozen when it is closed), earned
    /// and adjustments apart.
    pub bars: Vec<RepBar<'a>>,
    /// Set when the period is closed.
    pub closed: Option<Closed<'a>>,
    /// Adjustments posted to this period: each closed period they restate,
    /// with their performance summed over reps.
    pub adjustments: Vec<(Period, Money)>,
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
    Overview {
        period,
        as_of,
        warn_days,
        claims_file: &run.settled.ledgers.claims.file,
        bars: bars(run, period),
        closed: closed(run, period),
        adjustments: summed(run.settlement.lines.iter().filter(|l| l.period == period).filter_map(|l| Some((l.restates?, l.figures.performance)))),
        invalid: invalid_by_reason(run, period),
        bases,
        house,
        ending,
    }
}

/// When `period` is closed: the close's day and where the differences went.
fn closed<'a>(run: Run<'a>, period: Period) -> Option<Closed<'a>> {
    let snapshot = run.settlement.closed(period)?;
    let later = run.settlement.lines.iter().filter(|l| l.restates == Some(period));
    let posted = summed(later.clone().map(|l| (l.period, l.figures.performance)));
    let mut by_rep: Vec<(&'a str, Money)> = Vec::new();
    for l in later {
        match by_rep.iter_mut().find(|(rep, _)| *rep == l.rep) {
            Some((_, m)) => *m += l.figures.performance,
            None => by_rep.push((l.rep.as_str(), l.figures.performance)),
        }
    }
    Some(Closed { on: snapshot.as_of, posted, by_rep })
}

/// Amounts summed per period, in period order.
fn summed(items: impl Iterator<Item = (Period, Money)>) -> Vec<(Period, Money)> {
    let mut sums = std::collections::BTreeMap::new();
    for (p, m) in items {
        *sums.entry(p).or_insert(Decimal::ZERO) += m;
    }
    sums.into_iter().collect()
}

fn bars<'a>(run: Run<'a>, period: Period) -> Vec<RepBar<'a>> {
    let lines = run.settlement.lines.iter().filter(|c| c.period == period);
    let bar = |rep, target| RepBar { rep, earned: Decimal::ZERO, adjustments: Decimal::ZERO, target };
    let mut bars: Vec<RepBar<'a>> = run.settled.policy.reps.iter().map(|r| bar(&r.name, r.target)).collect();
    for line in lines {
        let rep = line.rep.as_str();
        let i = bars.iter().position(|b| b.rep == rep).unwrap_or_else(|| {
            bars.push(bar(rep, None));
            bars.len() - 1
        });
        let sum = if line.restates.is_some() { &mut bars[i].adjustments } else { &mut bars[i].earned };
        *sum += line.figures.performance;
    }
    bars.sort_by(|a, b| b.earned.cmp(&a.earned).then(a.rep.cmp(b.rep)));
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

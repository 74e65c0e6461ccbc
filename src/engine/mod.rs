//! The rulebook engine: claim validity, protection, ownership, claim status
//! and commissions (SPEC §4–§8).
//!
//! Pure: takes ledgers and a policy, returns an [`Outcome`]. It never opens a
//! file, prints or reads the clock; the as-of day is given or taken from the
//! ledgers.

pub mod closing;
pub mod commission;
pub(crate) mod first_deals;
pub mod overview;
pub mod customers;
pub mod ownership;
pub mod protection;
pub mod reconcile;
pub mod statement;
pub(crate) mod refunds;
pub mod validity;

#[cfg(test)]
mod link_props;
#[cfg(test)]
mod props;
#[cfg(test)]
pub(crate) mod testkit;

use chrono::NaiveDate;
use rustc_hash::FxHashMap;

use crate::domain::ledger::Ledgers;
use crate::domain::text::Sym;
use crate::policy::{Policy, RepId};

pub use commission::CommissionLine;
pub use customers::{Customers, LinkRef};
pub use ownership::{Basis, DealDecision, Ownership};
pub use protection::{EndCause, Protection};
pub use validity::{Invalid, Orphan, RowDecision, ValidClaim, ValidId};

/// A claim's status as of the as-of day (SPEC §7).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Status {
    Invalid,
    Won,
    Active,
    Expired,
    Lapsed,
}

impl Status {
    pub fn as_str(self) -> &'static str {
        match self {
            Status::Invalid => "invalid",
            Status::Won => "won",
            Status::Active => "active",
            Status::Expired => "expired",
            Status::Lapsed => "lapsed",
        }
    }
}

/// A settled run as those who word it see it: the ledgers, the policy and
/// what was decided over them. Wording functions (messages), reports and
/// statements take it.
#[derive(Clone, Copy)]
pub struct Settled<'a> {
    pub ledgers: &'a Ledgers,
    pub policy: &'a Policy,
    pub outcome: &'a Outcome,
}

/// Everything decided for one run.
#[derive(Debug)]
pub struct Outcome {
    /// The day the ledgers were replayed to; `None` when both are empty.
    pub as_of: Option<NaiveDate>,
    /// One decision per claim-ledger row, in ledger order.
    pub rows: Vec<RowDecision>,
    /// The valid claims, in the order they were made.
    pub valid: Vec<ValidClaim>,
    /// One decision per deal row, in ledger order.
    pub deals: Vec<DealDecision>,
    /// The amount of each deal refunded by the as-of day, in ledger order
    /// (SPEC §13); a deal's net amount is its amount less this.
    pub refunded: Vec<crate::domain::money::Money>,
    /// Rulings ignored because their phone is bad or repeats an earlier one.
    pub ignored_rulings: Vec<usize>,
    /// Sorted by period, then rep name.
    pub commissions: Vec<CommissionLine>,
    /// The customer of every phone (SPEC §15).
    pub customers: Customers,
}

impl Outcome {
    /// The status of claim row `row`; `None` for rows that are not claims.
    pub fn status(&self, row: usize) -> Option<Status> {
        match &self.rows[row] {
            RowDecision::Invalid(_) => Some(Status::Invalid),
            RowDecision::Valid(v) => Some(self.valid[v.ix()].status),
            _ => None,
        }
    }
}

/// Replays the ledgers as they stood at the end of `as_of` (default: the
/// latest day in either ledger) and decides everything.
pub fn decide(ledgers: &Ledgers, policy: &Policy, as_of: Option<NaiveDate>) -> Outcome {
    let as_of = as_of.or_else(|| latest_day(ledgers));
    let ctx = Ctx::new(ledgers, policy, as_of);
    let firsts = first_deals::first_deals(&ctx);
    let walked = validity::walk(&ctx, &firsts);
    let owned = ownership::attribute(&ctx, &walked, &firsts);
    let mut valid = walked.valid;
    for (deal, decision) in owned.deals.iter().enumerate() {
        if let DealDecision::Owned(Ownership { basis: Basis::Claim(v), .. }) = decision {
            valid[v.ix()].won_by.get_or_insert(deal as u32);
        }
    }
    for claim in &mut valid {
        claim.status = claim.status_as_of(as_of);
    }
    let refunded = refunds::refunded(&ctx);
    let commissions = commission::commissions(&ctx, &owned.deals, &refunded);
    let customers = ctx.customers;
    Outcome { as_of, rows: walked.rows, valid, deals: owned.deals, refunded, ignored_rulings: owned.ignored_rulings, commissions, customers }
}

/// The latest day written in either ledger, refund days included.
pub fn latest_day(ledgers: &Ledgers) -> Option<NaiveDate> {
    let claims = ledgers.claims.rows.iter().map(|r| r.day);
    let deals = ledgers.deals.rows.iter().flat_map(|d| [Some(d.day), d.refunded_on]).flatten();
    let refunds = ledgers.refunds.iter().map(|r| r.day);
    claims.chain(deals).chain(refunds).max()
}

/// What every step of the engine reads.
pub(crate) struct Ctx<'a> {
    pub ledgers: &'a Ledgers,
    pub policy: &'a Policy,
    pub as_of: Option<NaiveDate>,
    /// The roster rep of each name the ledgers use.
    reps: FxHashMap<Sym, RepId>,
    /// The customer of every phone: §4–§6 key on it (SPEC §15).
    pub customers: Customers,
}

impl<'a> Ctx<'a> {
    fn new(ledgers: &'a Ledgers, policy: &'a Policy, as_of: Option<NaiveDate>) -> Self {
        let reps = (policy.reps.iter().enumerate())
            .filter_map(|(i, rep)| Some((ledgers.strings.get(&rep.name)?, RepId(i as u32))))
            .collect();
        Ctx { ledgers, policy, as_of, reps, customers: Customers::new(ledgers) }
    }

    /// The roster rep a (folded) name in the ledgers stands for.
    pub fn rep(&self, name: Option<Sym>) -> Option<RepId> {
        name.and_then(|s| self.reps.get(&s).copied())
    }

    /// True when a row dated `day` was written by the as-of day.
    pub fn included(&self, day: NaiveDate) -> bool {
        self.as_of.is_none_or(|as_of| day <= as_of)
    }
}


//! Reconciliation: every input row and every yuan accounted for.
//!
//! Pure: counts what the loader read against what the engine decided.
//! A mismatch means a row or an amount was lost on the way: an error.

use rust_decimal::Decimal;
use serde::Serialize;

use super::{DealDecision, Outcome, RowDecision};
use crate::domain::ledger::Ledgers;
use crate::domain::money::Money;

/// The identities of one run, with every term.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Reconciliation {
    /// Data rows in the claim ledger, blank ones included.
    pub claim_rows_read: u64,
    pub blank: u64,
    /// Totals rows (合计, …), skipped.
    pub totals: u64,
    pub after_as_of: u64,
    pub valid: u64,
    pub invalid: u64,
    pub refresh: u64,
    pub touches: u64,
    pub orphans: u64,
    /// Data rows in the customer ledger, blank ones included.
    pub deal_rows_read: u64,
    pub deal_blank: u64,
    pub deal_totals: u64,
    pub deals_after_as_of: u64,
    pub deals_attributed: u64,
    /// Partial refund rows (SPEC §13), after the as-of day or not.
    pub refund_rows: u64,
    #[serde(serialize_with = "money")]
    pub amount: Money,
    #[serde(serialize_with = "money")]
    pub credited_to_reps: Money,
    /// Net amount of the deals the house owns.
    #[serde(serialize_with = "money")]
    pub owned_by_house: Money,
    /// Refunded by the as-of day.
    #[serde(serialize_with = "money")]
    pub refunded: Money,
    pub balanced: bool,
}

fn money<S: serde::Serializer>(m: &Money, s: S) -> Result<S::Ok, S::Error> {
    s.collect_str(&crate::domain::money::cents(*m))
}

impl Reconciliation {
    /// Counts the decisions against the rows read (`claim_rows_read`,
    /// `deal_rows_read` come from the loader, blank rows included).
    pub fn new(ledgers: &Ledgers, outcome: &Outcome, claim_rows_read: u64, deal_rows_read: u64) -> Self {
        let mut r = Reconciliation {
            claim_rows_read,
            blank: ledgers.claims.blank_rows,
            totals: ledgers.claims.totals_rows,
            after_as_of: 0,
            valid: 0,
            invalid: 0,
            refresh: 0,
            touches: 0,
            orphans: 0,
            deal_rows_read,
            deal_blank: ledgers.deals.blank_rows,
            deal_totals: ledgers.deals.totals_rows,
            deals_after_as_of: 0,
            deals_attributed: 0,
            refund_rows: ledgers.refunds.len() as u64,
            amount: Decimal::ZERO,
            credited_to_reps: Decimal::ZERO,
            owned_by_house: Decimal::ZERO,
            refunded: Decimal::ZERO,
            balanced: false,
        };
        for row in &outcome.rows {
            *match row {
                RowDecision::LeftOut => &mut r.after_as_of,
                RowDecision::Valid(_) => &mut r.valid,
                RowDecision::Invalid(_) => &mut r.invalid,
                RowDecision::Refresh(_) => &mut r.refresh,
                RowDecision::Touch(_) => &mut r.touches,
                RowDecision::Orphan(_) | RowDecision::Ended(_) => &mut r.orphans,
            } += 1;
        }
        for ((deal, decision), refunded) in ledgers.deals.rows.iter().zip(&outcome.deals).zip(&outcome.refunded) {
            match decision {
                DealDecision::LeftOut => r.deals_after_as_of += 1,
                DealDecision::Owned(o) => {
                    r.deals_attributed += 1;
                    r.amount += deal.amount;
                    r.refunded += refunded;
                    if o.owner.is_none() {
                        r.owned_by_house += deal.amount - refunded;
                    }
                }
            }
        }
        r.credited_to_reps = outcome.commissions.iter().map(|c| c.performance).sum();
        r.balanced = r.rows_balance() && r.deals_balance() && r.money_balances();
        r
    }

    /// claim rows read = blank + totals + after as-of + valid + invalid + refresh + touches + orphans.
    pub fn rows_balance(&self) -> bool {
        let decided = self.blank + self.totals + self.after_as_of + self.valid + self.invalid + self.refresh + self.touches + self.orphans;
        self.claim_rows_read == decided
    }

    /// deal rows read = blank + totals + after as-of + attributed + refund rows.
    pub fn deals_balance(&self) -> bool {
        self.deal_rows_read == self.deal_blank + self.deal_totals + self.deals_after_as_of + self.deals_attributed + self.refund_rows
    }

    /// deal amounts = net credited to reps + net owned by the house + refunded.
    pub fn money_balances(&self) -> bool {
        self.amount == self.credited_to_reps + self.owned_by_house + self.refunded
    }
}

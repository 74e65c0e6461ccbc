//! Refunds as of the as-of day (SPEC §13): how much of each deal is
//! refunded, and so its net amount.
//!
//! Pure: no IO. A refund decides no ownership; it only lowers the amount a
//! deal counts for, in the period of the deal's own day.

use rust_decimal::Decimal;

use super::Ctx;
use crate::domain::money::Money;

/// The amount of each deal refunded by the as-of day, index-aligned with
/// the customer ledger (0 for a deal left out).
pub(crate) fn refunded(ctx: &Ctx) -> Vec<Money> {
    let deals = &ctx.ledgers.deals.rows;
    let mut out: Vec<Money> = deals
        .iter()
        .map(|d| match d.refunded_on {
            Some(day) if ctx.included(d.day) && ctx.included(day) => d.amount,
            _ => Decimal::ZERO,
        })
        .collect();
    for r in &ctx.ledgers.refunds {
        if ctx.included(r.day)
            && let Some(slot) = out.get_mut(r.deal as usize)
        {
            *slot += r.amount;
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::super::testkit::{Book, ROSTER};
    use crate::domain::money::cents;

    fn nets(b: &Book) -> Vec<String> {
        let out = b.outcome.as_ref().unwrap();
        let l = &b.ledgers;
        l.deals.rows.iter().zip(&out.refunded).map(|(d, r)| format!("{} {} {}", l.text(d.id), cents(*r), cents(d.amount - r))).collect()
    }

    #[test]
    fn refunds_count_from_their_own_day() {
        let mut b = Book::new(ROSTER);
        b.deal("A", "2026-03-01", "13800000001", "1000", "刘洋");
        b.deal("B", "2026-03-02", "13800000002", "500", "刘洋");
        b.refund_in_full("A", "2026-04-03");
        b.refund("B", "2026-03-10", "100");
        b.refund("B", "2026-04-10", "50");
        b.decide(Some("2026-04-02"));
        assert_eq!(nets(&b), ["A 0.00 1000.00", "B 100.00 400.00"]);
        b.decide(None);
        assert_eq!(b.outcome.as_ref().unwrap().as_of.unwrap().to_string(), "2026-04-10");
        assert_eq!(nets(&b), ["A 1000.00 0.00", "B 150.00 350.00"]);
    }

    #[test]
    fn a_refunded_deal_keeps_its_owner_and_first_deal_place() {
        let mut b = Book::new(ROSTER);
        b.claim("2026-03-01", "张伟", "13800000001");
        b.deal("A", "2026-03-02", "13800000001", "1000", "刘洋");
        b.refund_in_full("A", "2026-03-02");
        let late = b.claim("2026-03-05", "王磊", "13800000001");
        b.deal("B", "2026-03-06", "13800000001", "300", "王磊");
        b.decide(None);
        assert_eq!(b.owner("A"), "张伟/claim");
        assert_eq!(b.owner("B"), "张伟/repeat");
        assert_eq!(b.verdict(late), "invalid:after_deal");
        let c = &b.outcome.as_ref().unwrap().commissions[0];
        assert_eq!((c.deals, c.new_customers, cents(c.performance).to_string()), (2, 0, "300.00".to_string()));
    }
}

//! Properties that hold for any ledger: checked on generated ones.

use chrono::{Days, NaiveDate, NaiveTime};
use proptest::prelude::*;
use rust_decimal::Decimal;

use super::reconcile::Reconciliation;
use super::testkit::{Book, ROSTER};
use super::{DealDecision, RowDecision};
use crate::domain::ledger::{ClaimRow, Deal, Event, PhoneCell};

const REPS: [&str; 5] = ["张伟", "王磊", "刘洋", "赵六", ""];
pub(super) const PHONES: [&str; 7] = ["13800000001", "13800000002", "13800000003", "13800000004", "13800000005", "021-5555666", "不详"];
const REGIONS: [&str; 3] = ["", "east", "west"];

/// One generated claim-ledger row: day offset, minute (or none), rep,
/// event, phone, region.
pub(super) type RowSpec = (u8, Option<u16>, usize, u8, usize, usize);
/// One generated deal: day offset, phone, amount in cents, closer.
pub(super) type DealSpec = (u8, usize, u32, usize);

fn day(offset: u8) -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 2, 20).unwrap() + Days::new(u64::from(offset))
}

pub(super) fn book(rows: &[RowSpec], deals: &[DealSpec], rulings: &[(usize, usize)], quota: u8) -> Book {
    let rules = ROSTER.replace("monthly_quota = 20", &format!("monthly_quota = {quota}"));
    let mut b = Book::new(&rules);
    let s = &mut b.ledgers.strings;
    for (i, &(d, minute, rep, event, phone, region)) in rows.iter().enumerate() {
        let event = [Event::Claim, Event::Claim, Event::FollowUp, Event::Visit][usize::from(event % 4)];
        b.ledgers.claims.rows.push(ClaimRow {
            line: i as u32 + 2,
            day: day(d),
            time: minute.map(|m| NaiveTime::from_hms_opt(u32::from(m / 60 % 24), u32::from(m % 60), 0).unwrap().into()),
            rep: s.intern_folded(REPS[rep]),
            event,
            customer: Some(s.push("客户")),
            phone: PhoneCell::read(PHONES[phone], s),
            address: Some(s.push("地址")),
            region: s.intern_folded(REGIONS[region]),
            first_contact: None,
            cross_region_reason: None,
        });
    }
    for (i, &(d, phone, cents, closer)) in deals.iter().enumerate() {
        b.ledgers.deals.rows.push(Deal {
            line: i as u32 + 2,
            id: s.intern(&format!("D{i}")),
            day: day(d),
            customer: None,
            phone: PhoneCell::read(PHONES[phone], s),
            address: None,
            region: None,
            amount: Decimal::new(i64::from(cents), 2),
            closed_by: s.intern(REPS[closer % 4]),
            refunded_on: None,
        });
    }
    for &(phone, owner) in rulings {
        b.ruling(PHONES[phone], REPS[owner]);
    }
    b
}

pub(super) fn rows() -> impl Strategy<Value = Vec<RowSpec>> {
    prop::collection::vec((0u8..90, prop::option::of(0u16..1440), 0usize..5, 0u8..4, 0usize..7, 0usize..3), 0..60)
}

pub(super) fn deals() -> impl Strategy<Value = Vec<DealSpec>> {
    prop::collection::vec((0u8..90, 0usize..7, 0u32..50_000_000, 0usize..4), 0..20)
}

pub(super) fn rulings() -> impl Strategy<Value = Vec<(usize, usize)>> {
    prop::collection::vec((0usize..7, 0usize..5), 0..3)
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn every_row_and_every_yuan_is_accounted_for(rows in rows(), deals in deals(), rulings in rulings(), quota in 0u8..4) {
        let mut b = book(&rows, &deals, &rulings, quota);
        let (n_rows, n_deals) = (rows.len() as u64, deals.len() as u64);
        b.decide(None);
        let out = b.outcome.as_ref().unwrap();
        let r = Reconciliation::new(&b.ledgers, out, n_rows, n_deals);
        prop_assert!(r.balanced, "{r:?}");
        prop_assert_eq!(out.deals.len(), deals.len());
        prop_assert!(out.deals.iter().all(|d| matches!(d, DealDecision::Owned(_))), "every deal has exactly one owner or the house");
        let owned: Decimal = b.ledgers.deals.rows.iter().zip(&out.deals)
            .filter(|(_, d)| matches!(d, DealDecision::Owned(o) if o.owner.is_some()))
            .map(|(deal, _)| deal.amount).sum();
        let performance: Decimal = out.commissions.iter().map(|c| c.performance).sum();
        prop_assert_eq!(performance, owned);
    }

    #[test]
    fn at_most_one_valid_claim_protects_a_customer_on_any_day(rows in rows(), deals in deals(), quota in 0u8..4) {
        let mut b = book(&rows, &deals, &[], quota);
        b.decide(None);
        let out = b.outcome.as_ref().unwrap();
        for (i, a) in out.valid.iter().enumerate() {
            for c in &out.valid[i + 1..] {
                if !out.customers.same(a.phone, c.phone) { continue; }
                let (a_end, c_end) = (a.protection.end().0, c.protection.end().0);
                let overlap = a.protection.start <= c_end && c.protection.start <= a_end;
                prop_assert!(!overlap, "{a:?} overlaps {c:?}");
            }
        }
    }

    #[test]
    fn the_order_of_rows_with_distinct_times_does_not_matter(rows in rows(), deals in deals(), seed in any::<u64>()) {
        // Give every row its own minute so the ledger order never breaks a tie.
        let rows: Vec<RowSpec> = rows.iter().enumerate()
            .map(|(i, r)| (r.0, Some(i as u16), r.2, r.3, r.4, r.5)).collect();
        let mut shuffled: Vec<(usize, RowSpec)> = rows.iter().copied().enumerate().collect();
        let mut state = seed | 1;
        for i in (1..shuffled.len()).rev() {
            state ^= state << 13; state ^= state >> 7; state ^= state << 17;
            shuffled.swap(i, (state % (i as u64 + 1)) as usize);
        }
        let verdicts = |b: &Book, order: &[usize]| -> Vec<String> {
            let out = b.outcome.as_ref().unwrap();
            let mut v = vec![String::new(); order.len()];
            for (pos, &orig) in order.iter().enumerate() {
                // Valid ids follow walk order, which a shuffle does not change.
                v[orig] = match &out.rows[pos] {
                    RowDecision::Valid(id) => format!("{id:?} {:?} {:?}", out.valid[id.ix()].status, out.valid[id.ix()].protection.end()),
                    RowDecision::Invalid(why) => why.code().as_str().to_string(),
                    other => format!("{other:?}"),
                };
            }
            v
        };
        let mut a = book(&rows, &deals, &[], 2);
        a.decide(None);
        let identity: Vec<usize> = (0..rows.len()).collect();
        let mut b = book(&shuffled.iter().map(|(_, r)| *r).collect::<Vec<_>>(), &deals, &[], 2);
        b.decide(None);
        let order: Vec<usize> = shuffled.iter().map(|(i, _)| *i).collect();
        prop_assert_eq!(verdicts(&a, &identity), verdicts(&b, &order));
        let owners = |b: &Book| b.outcome.as_ref().unwrap().deals.iter()
            .map(|d| match d { DealDecision::Owned(o) => (o.owner.map(|s| b.ledgers.text(s).to_string()), o.basis.as_str()), _ => (None, "") })
            .collect::<Vec<_>>();
        prop_assert_eq!(owners(&a), owners(&b));
        let lines = |b: &Book| {
            let mut lines: Vec<_> = b.outcome.as_ref().unwrap().commissions.iter()
                .map(|c| (c.period.to_string(), b.ledgers.text(c.rep).to_string(), c.deals, c.performance, c.commission, c.bonus, c.total))
                .collect();
            lines.sort();
            lines
        };
        prop_assert_eq!(lines(&a), lines(&b));
    }
}

/// One late refund: which deal, days after it, and how much of what is left (percent).
type RefundSpec = (usize, u8, u8);

fn refunds() -> impl Strategy<Value = Vec<RefundSpec>> {
    prop::collection::vec((0usize..40, 0u8..60, 1u8..=100), 0..8)
}

/// Adds refunds to the book: even deals get partial refunds (never more
/// than they have left), odd deals a full refund, as the loader would accept.
fn add_refunds(b: &mut Book, specs: &[RefundSpec]) {
    let n = b.ledgers.deals.rows.len();
    if n == 0 {
        return;
    }
    for &(deal, after, percent) in specs {
        let i = deal % n;
        let d = &b.ledgers.deals.rows[i];
        let day = d.day + Days::new(u64::from(after));
        if i % 2 == 1 {
            b.ledgers.deals.rows[i].refunded_on.get_or_insert(day);
            continue;
        }
        let done: Decimal = b.ledgers.refunds.iter().filter(|r| r.deal as usize == i).map(|r| r.amount).sum();
        let amount = ((d.amount - done) * Decimal::from(percent) / Decimal::from(100)).round_dp(2);
        if amount > Decimal::ZERO {
            let (id, line) = (b.ledgers.text(d.id).to_string(), 1000 + b.ledgers.refunds.len() as u32);
            let of = b.ledgers.strings.intern(&id);
            b.ledgers.refunds.push(crate::domain::ledger::Refund { line, id: None, day, amount, of, deal: i as u32, hash: 0 });
        }
    }
}

/// Per rep: deals, performance, commission, bonus, total summed over lines.
type Sums = std::collections::BTreeMap<String, (i64, Decimal, Decimal, Decimal, Decimal)>;

fn add_up(lines: impl Iterator<Item = (String, super::closing::Figures)>) -> Sums {
    let mut sums = Sums::new();
    for (rep, f) in lines {
        let s = sums.entry(rep).or_default();
        *s = (s.0 + f.deals, s.1 + f.performance, s.2 + f.commission, s.3 + f.bonus, s.4 + f.total);
    }
    sums.retain(|_, s| *s != (0, Decimal::ZERO, Decimal::ZERO, Decimal::ZERO, Decimal::ZERO));
    sums
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(128))]

    /// SPEC §14: closing any prefix of periods, then adding refunds and late
    /// rows, the earned and adjustment lines of all periods add up, per rep,
    /// to a run with nothing closed (same rules).
    #[test]
    fn closed_periods_pay_in_total_what_nothing_closed_pays(
        rows in rows(), deals in deals(), late_rows in rows(), late_deals in deals(), late_refunds in refunds(),
        early_refunds in refunds(), closes in 0usize..4, waits in prop::collection::vec(0u8..20, 3),
    ) {
        use super::closing::{self, Figures};
        let rules = format!("[commission]\nperiod = \"month\"\n{ROSTER}");
        let monthly = |b: Book| Book { policy: crate::policy::rules_toml::parse(&rules).unwrap().policy, ..b };
        let mut a = monthly(book(&rows, &deals, &[], 2));
        add_refunds(&mut a, &early_refunds);
        let mut snapshots: Vec<closing::Snapshot> = Vec::new();
        let mut period = crate::domain::period::Period::parse("2026-02").unwrap();
        for wait in waits.iter().take(closes) {
            let as_of = period.last_day() + Days::new(u64::from(*wait));
            let out = super::decide(&a.ledgers, &a.policy, Some(as_of));
            let settled = closing::settle(&a.ledgers, &out, snapshots.clone()).unwrap();
            prop_assert_eq!(closing::may_close(period, out.as_of, &snapshots), Ok(()));
            snapshots.push(closing::snapshot_of(&a.ledgers, &out.customers, &settled, period, as_of, &rules, &format!("{period}")));
            period = period.next();
        }
        // Late rows: more claim-ledger rows and deals (any day, closed periods included), and refunds.
        let mut b = monthly(book(&[rows.clone(), late_rows].concat(), &[deals.clone(), late_deals].concat(), &[], 2));
        add_refunds(&mut b, &early_refunds);
        add_refunds(&mut b, &late_refunds);
        let out = super::decide(&b.ledgers, &b.policy, closing::default_as_of(&b.ledgers, &snapshots));
        let settled = closing::settle(&b.ledgers, &out, snapshots.clone()).unwrap();
        prop_assert_eq!(settled.snapshots.len(), snapshots.len());
        let paid = add_up(settled.lines.iter().map(|l| (l.rep.clone(), l.figures)));
        let fresh = add_up(out.commissions.iter().map(|c| (b.ledgers.text(c.rep).to_string(), Figures {
            deals: i64::from(c.deals), performance: c.performance, commission: c.commission, bonus: c.bonus, total: c.total,
        })));
        prop_assert_eq!(paid, fresh);
    }
}

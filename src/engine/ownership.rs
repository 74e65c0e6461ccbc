//! Who owns each deal (SPEC §6): rulings, repeat deals, claims and closers.
//!
//! Pure: no IO. Deals are taken in deal order (day, then ledger line).

use rustc_hash::FxHashMap;

use super::Ctx;
use super::first_deals::{FirstDeals, deal_order};
use super::validity::{ValidId, Walked};
use crate::domain::phone::Phone;
use crate::domain::text::Sym;
use crate::policy::RepeatDeals;

/// What decided a deal's owner.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Basis {
    /// A manager's ruling on the customer (row index in the rulings ledger).
    Ruling(u32),
    /// A repeat deal, owned like the customer's first deal (deal index).
    Repeat(u32),
    /// The valid claim that protects the deal day.
    Claim(ValidId),
    /// The closer took it.
    Closer(CloserWhy),
}

impl Basis {
    /// The basis as written in outputs.
    pub fn as_str(self) -> &'static str {
        match self {
            Basis::Ruling(_) => "ruling",
            Basis::Repeat(_) => "repeat",
            Basis::Claim(_) => "claim",
            Basis::Closer(_) => "closer",
        }
    }

    /// Every basis as written, in the order of SPEC §6.
    pub const CODES: [&'static str; 4] = ["ruling", "repeat", "claim", "closer"];
}

/// Why the closer owns a deal.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CloserWhy {
    /// No valid claim protects the deal day.
    NoClaim,
    /// The deal's phone is bad: it belongs to no customer.
    BadPhone,
    /// A repeat deal under `repeat_deals = "closer"` (index of the first deal).
    Repeat(u32),
}

/// The owner of a deal and why.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Ownership {
    /// `None`: nobody owns it (the house).
    pub owner: Option<Sym>,
    pub basis: Basis,
}

/// What was decided for one deal row.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DealDecision {
    /// Dated after the as-of day: as if not yet written.
    LeftOut,
    Owned(Ownership),
}

pub(crate) struct Owned {
    pub deals: Vec<DealDecision>,
    pub ignored_rulings: Vec<usize>,
}

/// Decides the owner of every deal (SPEC §6). Deals are decided in deal
/// order, so a customer's first deal (`firsts`) is decided before its repeats.
pub(crate) fn attribute(ctx: &Ctx, walked: &Walked, firsts: &FirstDeals) -> Owned {
    let deals = &ctx.ledgers.deals.rows;
    let (rulings, ignored_rulings) = rulings_by_phone(ctx);
    let mut out = vec![DealDecision::LeftOut; deals.len()];
    let first_owner = |out: &[DealDecision], i: usize, phone: Phone| {
        let first = firsts.get(phone).map(|f| f.deal as usize).filter(|&f| f != i)?;
        match out[first] {
            DealDecision::Owned(o) => Some((first, o.owner)),
            DealDecision::LeftOut => None,
        }
    };
    for i in deal_order(ctx) {
        let deal = &deals[i];
        let Some(phone) = deal.phone.valid() else {
            out[i] = owned(Some(deal.closed_by), Basis::Closer(CloserWhy::BadPhone));
            continue;
        };
        let phone = ctx.customers.key(phone);
        let decision = if let Some(&r) = rulings.get(&phone) {
            Ownership { owner: ctx.ledgers.rulings.rows[r].owner, basis: Basis::Ruling(r as u32) }
        } else if let Some((first, owner)) = first_owner(&out, i, phone) {
            match ctx.policy.repeat_deals {
                RepeatDeals::FirstOwner => Ownership { owner, basis: Basis::Repeat(first as u32) },
                RepeatDeals::Closer => {
                    Ownership { owner: Some(deal.closed_by), basis: Basis::Closer(CloserWhy::Repeat(first as u32)) }
                }
            }
        } else if let Some(v) = walked.protecting(phone, deal.day) {
            let rep = ctx.ledgers.claims.rows[walked.valid[v.ix()].row as usize].rep;
            Ownership { owner: rep, basis: Basis::Claim(v) }
        } else {
            Ownership { owner: Some(deal.closed_by), basis: Basis::Closer(CloserWhy::NoClaim) }
        };
        out[i] = DealDecision::Owned(decision);
    }
    Owned { deals: out, ignored_rulings }
}

fn owned(owner: Option<Sym>, basis: Basis) -> DealDecision {
    DealDecision::Owned(Ownership { owner, basis })
}

/// The first ruling on each customer (a ruling on any of its phones);
/// rulings with a bad phone or on a customer already ruled are ignored.
fn rulings_by_phone(ctx: &Ctx) -> (FxHashMap<Phone, usize>, Vec<usize>) {
    let mut map = FxHashMap::default();
    let mut ignored = Vec::new();
    for (i, ruling) in ctx.ledgers.rulings.rows.iter().enumerate() {
        match ruling.phone.valid() {
            Some(phone) if !map.contains_key(&ctx.customers.key(phone)) => {
                map.insert(ctx.customers.key(phone), i);
            }
            _ => ignored.push(i),
        }
    }
    (map, ignored)
}

#[cfg(test)]
mod tests {
    use super::super::testkit::{Book, ROSTER};

    #[test]
    fn a_ruling_names_the_owner_or_the_house() {
        let mut b = Book::new(ROSTER);
        b.claim("2026-04-02", "王磊", "13700000002");
        b.ruling("137-0000-0002", "刘洋");
        b.ruling("13700000003", "");
        b.ruling("13700000002", "张伟");
        b.deal("R4", "2026-04-06", "13700000002", "8000", "刘洋");
        b.deal("R5", "2026-04-07", "13700000003", "9000", "刘洋");
        b.deal("R9", "2026-05-02", "13700000002", "4000", "王磊");
        let out = b.decide(None);
        assert_eq!(out.ignored_rulings, vec![2]);
        assert_eq!(b.owner("R4"), "刘洋/ruling");
        assert_eq!(b.owner("R5"), "-/ruling");
        assert_eq!(b.owner("R9"), "刘洋/ruling");
    }

    #[test]
    fn repeat_deals_follow_the_first_owner_same_day_too() {
        let mut b = Book::new(ROSTER);
        b.claim("2026-04-01", "张伟", "13700000001");
        b.deal("R1", "2026-04-05", "13700000001", "10000", "王磊");
        b.deal("R2", "2026-04-20", "13700000001", "20000", "刘洋");
        b.deal("R3", "2026-04-05", "13700000001", "5000", "刘洋");
        b.decide(None);
        assert_eq!(b.owner("R1"), "张伟/claim");
        assert_eq!(b.owner("R3"), "张伟/repeat");
        assert_eq!(b.owner("R2"), "张伟/repeat");
    }

    #[test]
    fn repeat_deals_to_the_closer_when_configured() {
        let mut b = Book::new(&format!("[attribution]\nrepeat_deals = \"closer\"\n{ROSTER}"));
        b.claim("2026-06-01", "张伟", "15000000001");
        b.deal("M1", "2026-06-03", "15000000001", "100", "刘洋");
        b.deal("M2", "2026-06-05", "15000000001", "100", "刘洋");
        b.decide(None);
        assert_eq!(b.owner("M1"), "张伟/claim");
        assert_eq!(b.owner("M2"), "刘洋/closer");
    }

    #[test]
    fn the_claim_wins_against_the_closer_only_while_it_protects() {
        let mut b = Book::new(ROSTER);
        b.claim("2026-01-07", "王磊", "13900139000");
        b.claim("2026-01-05", "张伟", "13800138000");
        b.deal("D1", "2026-01-15", "13800138000", "12800.50", "刘洋");
        b.deal("D2", "2026-02-01", "13900139000", "150000", "王磊");
        b.decide(None);
        assert_eq!(b.owner("D1"), "张伟/claim");
        assert_eq!(b.owner("D2"), "王磊/closer");
    }

    #[test]
    fn a_bad_phone_deal_goes_to_its_closer_and_is_nobodys_first_deal() {
        let mut b = Book::new(ROSTER);
        let c = b.claim("2026-02-01", "张伟", "13800000001");
        b.deal("B", "2026-02-02", "1.38E+10", "5000", "刘洋");
        b.decide(None);
        assert_eq!(b.owner("B"), "刘洋/closer");
        assert_eq!(b.verdict(c), "active");
    }

    #[test]
    fn an_earlier_claim_that_ended_does_not_protect() {
        let mut b = Book::new(ROSTER);
        b.claim("2026-01-01", "刘洋", "13800000001");
        let second = b.claim("2026-02-01", "张伟", "13800000001");
        b.deal("D", "2026-01-20", "13800000001", "100", "王磊");
        b.deal("E", "2026-02-05", "13800000002", "100", "王磊");
        b.decide(None);
        assert_eq!(b.owner("D"), "王磊/closer");
        assert_eq!(b.verdict(second), "invalid:after_deal");
    }

    #[test]
    fn a_deal_under_one_phone_is_won_by_a_claim_under_a_linked_one() {
        let mut b = Book::new(ROSTER);
        b.link("13800000001", "13800000002");
        b.claim("2026-05-01", "张伟", "13800000001");
        b.deal("S1", "2026-05-06", "13800000002", "40000", "刘洋");
        b.deal("S3", "2026-05-20", "13800000001", "10000", "刘洋");
        b.deal("S5", "2026-05-06", "13800000005", "10000", "刘洋");
        b.decide(None);
        assert_eq!(b.owner("S1"), "张伟/claim");
        assert_eq!(b.owner("S3"), "张伟/repeat");
        assert_eq!(b.owner("S5"), "刘洋/closer");
    }

    #[test]
    fn a_ruling_on_any_phone_rules_the_customer_and_the_first_wins() {
        let mut b = Book::new(ROSTER);
        b.link("13600000001", "13600000002");
        b.deal("T0", "2026-05-07", "13600000003/13600000001", "100", "王磊");
        b.ruling("13600000002", "刘洋");
        b.ruling("13600000001", "王磊");
        b.ruling("13600000003", "张伟");
        b.claim("2026-05-01", "张伟", "13600000001");
        b.deal("S4", "2026-05-08", "13600000001", "20000", "王磊");
        let out = b.decide(None);
        assert_eq!(out.ignored_rulings, vec![1, 2]);
        assert_eq!(b.owner("S4"), "刘洋/ruling");
        assert_eq!(b.owner("T0"), "刘洋/ruling", "the deal's cell links 13600000003 to the group");
    }
}

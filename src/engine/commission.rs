//! Commissions (SPEC §8): performance per rep and period, tiers, bonuses.
//!
//! Pure: no IO. Money is exact; commission and bonus are each rounded once,
//! half away from zero, to the cent.

use std::collections::BTreeMap;

use rust_decimal::Decimal;
use rustc_hash::FxHashMap;

use super::Ctx;
use super::ownership::{Basis, DealDecision};
use crate::domain::money::{Money, round_cents};
use crate::domain::period::Period;
use crate::domain::text::Sym;
use crate::policy::{Tier, TierMode};

/// One rep's pay for one period.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CommissionLine {
    pub period: Period,
    pub rep: Sym,
    /// Deals owned and dated in the period.
    pub deals: u32,
    pub performance: Money,
    /// Deals with basis `claim` whose net amount is above 0 (new customers).
    pub new_customers: u32,
    pub commission: Money,
    /// `over_target_rate × (performance − target)`, before rounding.
    pub over_target: Money,
    pub champion: bool,
    pub bonus: Money,
    pub total: Money,
}

/// One slice of the tier arithmetic: `base` of the performance paid at `rate`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Slice {
    /// Where the tier starts.
    pub from: Money,
    /// Where the next tier starts (marginal mode); `None` for the top tier
    /// and in flat mode.
    pub to: Option<Money>,
    /// The part of the performance paid at this tier's rate.
    pub base: Money,
    pub rate: Decimal,
    /// `base × rate`, before rounding.
    pub amount: Money,
}

/// The tier arithmetic slice by slice: in marginal mode each tier the
/// performance reaches (the first always), in flat mode the highest tier
/// reached over the whole performance. Their amounts add up to
/// [`tier_commission`].
pub fn tier_slices(performance: Money, tiers: &[Tier], mode: TierMode) -> Vec<Slice> {
    let slice = |t: &Tier, to: Option<Money>, base: Money| Slice { from: t.from, to, base, rate: t.rate, amount: base * t.rate };
    match mode {
        TierMode::Flat => {
            let reached = tiers.iter().rev().find(|t| t.from <= performance);
            reached.map(|t| slice(t, None, performance)).into_iter().collect()
        }
        TierMode::Marginal => {
            let uppers = tiers.iter().skip(1).map(|t| Some(t.from)).chain([None]);
            (tiers.iter().zip(uppers).enumerate())
                .filter(|(i, (t, _))| *i == 0 || performance > t.from)
                .map(|(_, (t, upper))| {
                    let top = upper.map_or(performance, |u| u.min(performance));
                    slice(t, upper, (top - t.from).max(Decimal::ZERO))
                })
                .collect()
        }
    }
}

/// Commission on `performance`, before rounding.
pub fn tier_commission(performance: Money, tiers: &[Tier], mode: TierMode) -> Money {
    tier_slices(performance, tiers, mode).iter().map(|s| s.amount).sum()
}

#[derive(Default)]
struct Tally {
    deals: u32,
    performance: Money,
    new_customers: u32,
}

/// Every rep's line for every period, sorted by period, then rep name.
/// Performance sums net amounts (amount less `refunded`, SPEC §13).
pub(crate) fn commissions(ctx: &Ctx, deals: &[DealDecision], refunded: &[Money]) -> Vec<CommissionLine> {
    let rules = &ctx.policy.commission;
    let strings = &ctx.ledgers.strings;
    // Owners are names, stored once: equal names have equal symbols.
    let mut by_owner: FxHashMap<(Period, Sym), Tally> = FxHashMap::default();
    for ((deal, decision), refunded) in ctx.ledgers.deals.rows.iter().zip(deals).zip(refunded) {
        let DealDecision::Owned(o) = decision else { continue };
        let Some(owner) = o.owner else { continue };
        let t = by_owner.entry((Period::of(deal.day, rules.period), owner)).or_default();
        let net = deal.amount - refunded;
        t.deals += 1;
        t.performance += net;
        t.new_customers += u32::from(matches!(o.basis, Basis::Claim(_)) && net > Decimal::ZERO);
    }
    let tallies: BTreeMap<(Period, &str), (Sym, Tally)> =
        by_owner.into_iter().map(|((period, owner), t)| ((period, strings.resolve(owner)), (owner, t))).collect();
    let mut best: BTreeMap<Period, Money> = BTreeMap::new();
    for ((period, _), (_, t)) in &tallies {
        let b = best.entry(*period).or_insert(Decimal::ZERO);
        *b = (*b).max(t.performance);
    }
    tallies
        .into_iter()
        .map(|((period, name), (rep, t))| {
            let champion = best[&period] > Decimal::ZERO && t.performance == best[&period];
            let target = ctx.policy.rep_id(name).and_then(|id| ctx.policy.rep(id).target);
            let over_target = match target {
                Some(target) if t.performance > target => rules.over_target_rate * (t.performance - target),
                _ => Decimal::ZERO,
            };
            let champion_bonus = if champion { rules.champion } else { Decimal::ZERO };
            let bonus = round_cents(over_target + rules.new_customer * Decimal::from(t.new_customers) + champion_bonus);
            let commission = round_cents(tier_commission(t.performance, &rules.tiers, rules.mode));
            CommissionLine {
                period,
                rep,
                deals: t.deals,
                performance: t.performance,
                new_customers: t.new_customers,
                commission,
                over_target,
                champion,
                bonus,
                total: commission + bonus,
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use rust_decimal_macros::dec;

    fn spec_tiers() -> Vec<Tier> {
        vec![
            Tier { from: dec!(0), rate: dec!(0.02) },
            Tier { from: dec!(100000), rate: dec!(0.03) },
            Tier { from: dec!(300000), rate: dec!(0.05) },
        ]
    }

    #[test]
    fn marginal_pays_each_slice_at_its_rate() {
        let t = spec_tiers();
        assert_eq!(tier_commission(dec!(150000), &t, TierMode::Marginal), dec!(3500));
        assert_eq!(tier_commission(dec!(100000), &t, TierMode::Marginal), dec!(2000));
        assert_eq!(tier_commission(dec!(100000.01), &t, TierMode::Marginal), dec!(2000.0003));
        assert_eq!(tier_commission(dec!(400000), &t, TierMode::Marginal), dec!(13000));
        assert_eq!(tier_commission(dec!(0), &t, TierMode::Marginal), dec!(0));
    }

    #[test]
    fn slices_show_each_tier_reached() {
        let t = spec_tiers();
        let s = tier_slices(dec!(150000), &t, TierMode::Marginal);
        let shown: Vec<_> = s.iter().map(|s| (s.from, s.to, s.base, s.amount)).collect();
        assert_eq!(shown, vec![
            (dec!(0), Some(dec!(100000)), dec!(100000), dec!(2000.00)),
            (dec!(100000), Some(dec!(300000)), dec!(50000), dec!(1500.00)),
        ]);
        assert_eq!(tier_slices(dec!(0), &t, TierMode::Marginal).len(), 1);
        let flat = tier_slices(dec!(150000), &t, TierMode::Flat);
        assert_eq!((flat.len(), flat[0].rate, flat[0].amount), (1, dec!(0.03), dec!(4500.00)));
    }

    #[test]
    fn flat_pays_everything_at_the_highest_tier_reached() {
        let t = spec_tiers();
        assert_eq!(tier_commission(dec!(99999.99), &t, TierMode::Flat), dec!(1999.9998));
        assert_eq!(tier_commission(dec!(100000), &t, TierMode::Flat), dec!(3000));
        assert_eq!(tier_commission(dec!(400000), &t, TierMode::Flat), dec!(20000));
    }

    #[test]
    fn a_half_cent_rounds_up_once() {
        let t = vec![Tier { from: dec!(0), rate: dec!(0.025) }];
        // 0.20 × 0.025 = 0.005 → 0.01 and 10000.20 × 0.025 = 250.005 → 250.01,
        // where banker's rounding would give 0.00 and 250.00.
        assert_eq!(round_cents(tier_commission(dec!(0.20), &t, TierMode::Flat)), dec!(0.01));
        assert_eq!(round_cents(tier_commission(dec!(10000.20), &t, TierMode::Flat)), dec!(250.01));
        assert_eq!(round_cents(tier_commission(dec!(10000.60), &t, TierMode::Flat)), dec!(250.02));
    }
}

#[cfg(test)]
mod ledger_tests {
    use super::super::testkit::Book;
    use crate::domain::money::cents;
    use rust_decimal_macros::dec;

    const RULES: &str = r#"
[commission]
period = "month"
mode = "flat"
tiers = [{ from = 0, rate = 0.015 }, { from = 10000, rate = 0.025 }, { from = 20000, rate = 0.035 }]
over_target_rate = 0.025
new_customer = 100.5
champion = 1000

[reps."甲"]
channel = "field"
target = 10000

[reps."乙"]
channel = "store"
target = 10000

[reps."丙"]
channel = "store"
"#;

    fn lines(b: &Book) -> Vec<String> {
        let out = b.outcome.as_ref().unwrap();
        out.commissions
            .iter()
            .map(|c| {
                let rep = b.ledgers.text(c.rep);
                format!("{} {rep} {} {} {} {}", c.period, c.deals, cents(c.performance), cents(c.commission), cents(c.bonus))
            })
            .collect()
    }

    #[test]
    fn bonuses_round_once_and_champions_tie() {
        let mut b = Book::new(RULES);
        b.claim("2026-06-01", "甲", "15000000001");
        b.deal("M1", "2026-06-03", "15000000001", "10000.33", "乙");
        b.deal("M4", "2026-06-21", "15000000009", "10000.68", "丙");
        b.deal("M5", "2026-07-01", "15000000010", "20000", "丙");
        b.deal("M6", "2026-07-02", "15000000011", "20000.00", "乙");
        b.decide(None);
        assert_eq!(lines(&b), vec![
            "2026-06 丙 1 10000.68 250.02 1000.00",
            "2026-06 甲 1 10000.33 250.01 100.51",
            "2026-07 丙 1 20000.00 700.00 1000.00",
            "2026-07 乙 1 20000.00 700.00 1250.00",
        ]);
        let out = b.outcome.as_ref().unwrap();
        assert_eq!(out.commissions[1].total, dec!(350.52));
    }

    #[test]
    fn the_house_earns_nothing_and_is_never_champion() {
        let mut b = Book::new(RULES);
        b.ruling("15000000001", "");
        b.deal("H", "2026-06-03", "15000000001", "50000", "乙");
        b.deal("S", "2026-06-04", "15000000002", "100", "乙");
        b.decide(None);
        assert_eq!(lines(&b), vec!["2026-06 乙 1 100.00 1.50 1000.00"]);
    }
}

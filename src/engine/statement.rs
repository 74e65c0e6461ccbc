//! Statements (SPEC §17): what one rep is paid for one period and why —
//! the deals credited, the tier arithmetic slice by slice, the bonuses, the
//! commission lines and the claims to follow up.
//!
//! Pure: assembled from a decided run (ledgers, policy, outcome); it
//! recomputes no money differently from `commissions.csv` — the slices come
//! from [`tier_slices`], the rounded figures from the run's own lines.
//! Wording lives in `messages/`; files are written by `render/`.

use chrono::NaiveDate;
use rust_decimal::Decimal;
use rustc_hash::FxHashMap;

use super::closing::{Figures, Kind, Settlement, Why};
use super::commission::{Slice, tier_slices};
use super::protection::EndCause;
use super::{Basis, CommissionLine, DealDecision, Invalid, RowDecision, Settled, Status};
use crate::domain::day::days_between;
use crate::domain::ledger::{PhoneText, RowName};
use crate::domain::money::Money;
use crate::domain::period::{Period, PeriodKind};
use crate::domain::text::Sym;
use crate::policy::{Policy, Rep, TierMode};

/// A decided run, as statements and the overview read it.
#[derive(Clone, Copy)]
pub struct Run<'a> {
    pub settled: Settled<'a>,
    /// The run's commission lines as `commissions.csv` has them (SPEC §14).
    pub settlement: &'a Settlement,
}

/// One deal credited to the rep, as its `deals.csv` row has it.
#[derive(Debug, Clone)]
pub struct CreditedDeal<'a> {
    /// Index in the customer ledger.
    pub deal: usize,
    pub id: &'a str,
    pub day: NaiveDate,
    pub customer: Option<&'a str>,
    pub phone: PhoneText<'a>,
    pub amount: Money,
    /// Refunded as of the as-of day (SPEC §13).
    pub refunded: Money,
    pub net: Money,
    pub basis: Basis,
    /// The claim row that won the deal (basis `claim`).
    pub claim_row: Option<RowName<'a>>,
}

/// One bonus and what it is for, before rounding.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Bonus {
    /// `rate × (performance − target)`.
    OverTarget { rate: Decimal, target: Money, excess: Money, amount: Money },
    /// `each × count` deals won by a claim.
    NewCustomers { count: u32, each: Money, amount: Money },
    /// The period's highest performance.
    Champion { amount: Money },
    /// A closed period's bonus as its snapshot froze it.
    Frozen { amount: Money },
}

impl Bonus {
    pub fn amount(&self) -> Money {
        match self {
            Bonus::OverTarget { amount, .. } | Bonus::NewCustomers { amount, .. } | Bonus::Champion { amount } | Bonus::Frozen { amount } => {
                *amount
            }
        }
    }
}

/// How an earned line's commission and bonus come about (SPEC §8).
#[derive(Debug, Clone)]
pub struct Arithmetic {
    pub performance: Money,
    /// `mode = "flat"`: one slice, the whole performance at the rate of the
    /// highest tier reached.
    pub flat: bool,
    pub slices: Vec<Slice>,
    /// The sum of the slices, before rounding.
    pub commission_exact: Money,
    /// Rounded once: the line's `commission`.
    pub commission: Money,
    pub bonuses: Vec<Bonus>,
    pub bonus_exact: Money,
    /// Rounded once: the line's `bonus`.
    pub bonus: Money,
    /// The day the period was closed when these are the frozen figures.
    pub frozen_on: Option<NaiveDate>,
}

/// A commission line of the rep in the period, as `commissions.csv` has it:
/// earned (live, or frozen for a closed period) or an adjustment.
#[derive(Debug, Clone)]
pub struct PayLine<'a> {
    /// `earned` or `adjustment`.
    pub kind: &'static str,
    /// The closed period an adjustment restates.
    pub restates: Option<Period>,
    pub period: Period,
    pub figures: Figures,
    /// The settled line, for its `detail`.
    pub line: &'a super::closing::PayLine,
}

/// The arithmetic behind an adjustment line (SPEC §14): what has been paid
/// for the restated period, what today's deals make it under the rules it
/// was paid under, and the difference — the line itself.
#[derive(Debug, Clone)]
pub struct Restatement {
    pub restates: Period,
    /// The day the restated period was closed.
    pub closed_on: NaiveDate,
    /// Paid so far: the frozen line plus adjustments frozen since.
    pub paid: Figures,
    /// The paid performance sliced under the stored rules; its bonus is one
    /// frozen figure (a snapshot keeps no parts).
    pub paid_arithmetic: Option<Arithmetic>,
    /// Today's deals of the restated period, under the stored rules.
    pub fresh: Figures,
    pub fresh_arithmetic: Option<Arithmetic>,
    /// Fresh minus paid: the adjustment line's figures.
    pub difference: Figures,
}

/// A claim row of the rep: refused, or still protecting.
#[derive(Debug, Clone)]
pub struct ClaimItem<'a> {
    /// Index in the claim ledger.
    pub row: usize,
    pub name: RowName<'a>,
    pub rep: Option<&'a str>,
    pub day: NaiveDate,
    pub customer: Option<&'a str>,
    pub phone: PhoneText<'a>,
    /// Why it is not valid.
    pub invalid: Option<&'a Invalid>,
    /// The last day it protects (valid claims).
    pub end_day: Option<NaiveDate>,
    /// Days from the as-of day to the end day.
    pub days_left: Option<i64>,
    /// Which clock ends it (valid claims): what the rep must do by the end
    /// day to keep it — a visit or deposit (expiry), any follow-up (lapse).
    pub end_cause: Option<EndCause>,
}

/// One rep's statement for one period.
#[derive(Debug, Clone)]
pub struct Statement<'a> {
    pub period: Period,
    pub as_of: NaiveDate,
    pub rep: &'a str,
    /// The roster entry (channel, region, target), when the rep has one.
    pub roster: Option<&'a Rep>,
    pub channel: Option<&'a str>,
    pub deals: Vec<CreditedDeal<'a>>,
    /// The earned line's arithmetic; `None` without an earned line.
    pub arithmetic: Option<Arithmetic>,
    pub lines: Vec<PayLine<'a>>,
    /// For a closed period: the lines posted later that restate it (the
    /// difference today's deals make to the frozen line).
    pub restated_by: Vec<PayLine<'a>>,
    /// The sum of the lines' totals.
    pub to_pay: Money,
    /// The rep's invalid claims dated in the period.
    pub invalid: Vec<ClaimItem<'a>>,
    /// The rep's claims active on the as-of day, by end day.
    pub active: Vec<ClaimItem<'a>>,
    /// Deals won by a claim whose net amount is not above 0, so earn no
    /// new-customer bonus (SPEC §8); only beside a live earned line.
    pub not_new_customers: Vec<&'a str>,
    /// The arithmetic of each adjustment line in `lines`, then in
    /// `restated_by`, in their order.
    pub restatements: Vec<Restatement>,
}

/// Why no statement can be made.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum NoStatement {
    /// Both ledgers are empty: there is no as-of day.
    NoAsOf,
    /// `--period` is not one commission period of `commission.period`.
    NotOnePeriod { period: Period, kind: PeriodKind },
    /// `--rep` names nobody in the roster or the ledgers.
    UnknownRep(String),
}

/// The latest commission period that has ended by `as_of` (its last day on
/// or before it).
pub fn latest_ended(as_of: NaiveDate, kind: PeriodKind) -> Period {
    let current = Period::of(as_of, kind);
    let next_day = as_of.succ_opt().unwrap_or(as_of);
    if Period::of(next_day, kind) != current {
        return current;
    }
    let mut day = as_of;
    while Period::of(day, kind) == current {
        match day.pred_opt() {
            Some(d) => day = d,
            None => return current,
        }
    }
    Period::of(day, kind)
}

/// The period statements are for: the one given, which must be a single
/// commission period, else the latest ended by the as-of day.
pub fn statement_period(run: Run, given: Option<Period>) -> Result<(Period, NaiveDate), NoStatement> {
    let as_of = run.settled.outcome.as_of.ok_or(NoStatement::NoAsOf)?;
    let kind = run.settled.policy.commission.period;
    match given {
        Some(p) if p.months() != kind.months() => Err(NoStatement::NotOnePeriod { period: p, kind }),
        Some(p) => Ok((p, as_of)),
        None => Ok((latest_ended(as_of, kind), as_of)),
    }
}

/// The statements of `period`: one per rep with a commission line in it, or
/// only `rep`'s (folded name), which gets one even without a line.
pub fn statements<'a>(run: Run<'a>, period: Period, as_of: NaiveDate, rep: Option<&str>) -> Result<Vec<Statement<'a>>, NoStatement> {
    let names: Vec<&'a str> = match rep {
        Some(name) => vec![known_name(run, name).ok_or_else(|| NoStatement::UnknownRep(name.to_string()))?],
        None => {
            let lines = run.settlement.lines.iter().filter(|c| c.period == period);
            let mut names: Vec<&'a str> = lines.map(|c| c.rep.as_str()).collect();
            names.dedup();
            names
        }
    };
    let mut by_rep = ByRep::new(run, period, as_of);
    Ok(names.into_iter().map(|name| statement(run, period, as_of, name, &mut by_rep)).collect())
}

/// The period's deals and the claims to show, grouped by rep in one pass
/// over each ledger, whatever the number of reps.
struct ByRep<'a> {
    deals: FxHashMap<Sym, Vec<CreditedDeal<'a>>>,
    claims: FxHashMap<Sym, Vec<ClaimItem<'a>>>,
    /// Each snapshot's stored rules, read once (`None`: they no longer read).
    stored: FxHashMap<usize, Option<Policy>>,
}

impl<'a> ByRep<'a> {
    fn new(run: Run<'a>, period: Period, as_of: NaiveDate) -> Self {
        let mut deals: FxHashMap<Sym, Vec<CreditedDeal<'a>>> = FxHashMap::default();
        for d in owned_in(run, period) {
            if let Some(rep) = owner(run, d.deal) {
                deals.entry(rep).or_default().push(d);
            }
        }
        let mut claims: FxHashMap<Sym, Vec<ClaimItem<'a>>> = FxHashMap::default();
        for (row, r) in run.settled.ledgers.claims.rows.iter().enumerate() {
            if let Some(rep) = r.rep
                && let Some(item) = claim_item(run, row, as_of)
            {
                claims.entry(rep).or_default().push(item);
            }
        }
        ByRep { deals, claims, stored: FxHashMap::default() }
    }
}

/// The name as the roster stores it, or as the ledgers write a rep (a
/// claim's rep, a closer, a ruling's owner).
fn known_name<'a>(run: Run<'a>, name: &str) -> Option<&'a str> {
    if let Some(id) = run.settled.policy.rep_id(name) {
        return Some(run.settled.policy.rep(id).name.as_str());
    }
    let sym = run.settled.ledgers.strings.get(name)?;
    let l = run.settled.ledgers;
    let named = l.claims.rows.iter().any(|r| r.rep == Some(sym))
        || l.deals.rows.iter().any(|d| d.closed_by == sym)
        || l.rulings.rows.iter().any(|r| r.owner == Some(sym));
    named.then(|| l.text(sym))
}

fn statement<'a>(run: Run<'a>, period: Period, as_of: NaiveDate, rep: &'a str, by_rep: &mut ByRep<'a>) -> Statement<'a> {
    let (ledgers, policy, outcome) = (run.settled.ledgers, run.settled.policy, run.settled.outcome);
    let roster = policy.rep_id(rep).map(|id| policy.rep(id));
    let sym = ledgers.strings.get(rep);
    let pay_line = |line: &'a super::closing::PayLine| PayLine {
        kind: line.kind.as_str(),
        restates: line.restates,
        period: line.period,
        figures: line.figures,
        line,
    };
    let of_rep = run.settlement.lines.iter().filter(|l| l.rep == rep);
    let lines: Vec<PayLine<'a>> = of_rep.clone().filter(|l| l.period == period).map(pay_line).collect();
    let restated_by: Vec<PayLine<'a>> = of_rep.filter(|l| l.restates == Some(period)).map(pay_line).collect();
    let earned = lines.iter().find(|l| l.line.kind == Kind::Earned);
    let arithmetic = earned.and_then(|l| match l.line.why {
        Why::Live(i) => Some(arithmetic(policy, roster, &outcome.commissions[i])),
        Why::Frozen(k) => {
            let live = outcome.commissions.iter().find(|c| c.period == period && Some(c.rep) == sym);
            let snapshot = &run.settlement.snapshots[k];
            frozen_arithmetic(stored_rules(run, by_rep, k)?, rep, l.figures, live).map(|a| Arithmetic { frozen_on: Some(snapshot.as_of), ..a })
        }
        Why::Adjustment { .. } => None,
    });
    let restatements = lines.iter().chain(&restated_by).filter_map(|l| restatement(run, rep, l.line, by_rep)).collect();
    let to_pay = lines.iter().map(|l| l.figures.total).sum();
    let in_period = |day: NaiveDate| Period::of(day, policy.commission.period) == period;
    let claims = sym.and_then(|s| by_rep.claims.remove(&s)).unwrap_or_default();
    let (mut invalid, mut active) = (Vec::new(), Vec::new());
    for c in claims {
        if c.invalid.is_some() && in_period(c.day) {
            invalid.push(c);
        } else if c.end_day.is_some() {
            active.push(c);
        }
    }
    active.sort_by_key(|c| (c.end_day, c.row));
    let deals: Vec<CreditedDeal<'a>> = sym.and_then(|s| by_rep.deals.remove(&s)).unwrap_or_default();
    let live = arithmetic.as_ref().is_some_and(|a| a.frozen_on.is_none());
    let not_new = deals.iter().filter(|d| live && matches!(d.basis, Basis::Claim(_)) && d.net <= Decimal::ZERO);
    let not_new_customers = not_new.map(|d| d.id).collect();
    Statement {
        period,
        as_of,
        rep,
        roster,
        channel: roster.map(|r| policy.channel(r.channel).name.as_str()),
        deals,
        arithmetic,
        lines,
        restated_by,
        to_pay,
        invalid,
        active,
        not_new_customers,
        restatements,
    }
}

/// The rules stored in snapshot `k`, parsed once per run (a statement per
/// rep parsed them again per rep: reps × roster size). `None` when they no
/// longer read.
fn stored_rules<'b>(run: Run, by_rep: &'b mut ByRep, k: usize) -> Option<&'b Policy> {
    let rules = &run.settlement.snapshots[k].rules;
    by_rep.stored.entry(k).or_insert_with(|| Some(crate::policy::rules_toml::parse(rules).ok()?.policy)).as_ref()
}

/// The arithmetic of an adjustment line: the rep's line of the restated
/// period as `closing::settle` decided it afresh under the snapshot's stored
/// rules, beside what was paid. `None` for other lines, or when the stored
/// rules no longer read.
fn restatement(run: Run, rep: &str, line: &super::closing::PayLine, by_rep: &mut ByRep) -> Option<Restatement> {
    let (Why::Adjustment { snapshot: k, fresh, .. }, Some(period)) = (&line.why, line.restates) else { return None };
    let snapshot = &run.settlement.snapshots[*k];
    let stored = stored_rules(run, by_rep, *k)?;
    let roster = stored.rep_id(rep).map(|id| stored.rep(id));
    let fresh_figures = fresh.as_deref().map(Figures::of).unwrap_or_default();
    let paid = fresh_figures.minus(line.figures);
    Some(Restatement {
        restates: period,
        closed_on: snapshot.as_of,
        paid,
        paid_arithmetic: frozen_arithmetic(stored, rep, paid, None),
        fresh: fresh_figures,
        fresh_arithmetic: fresh.as_deref().map(|l| arithmetic(stored, roster, l)),
        difference: line.figures,
    })
}

/// Every owned deal dated in the period, in deal order (day, then line).
pub fn owned_in<'a>(run: Run<'a>, period: Period) -> Vec<CreditedDeal<'a>> {
    let (ledgers, outcome) = (run.settled.ledgers, run.settled.outcome);
    let rows = &ledgers.deals.rows;
    let mut deals: Vec<CreditedDeal<'a>> = (0..rows.len())
        .filter(|&i| Period::of(rows[i].day, run.settled.policy.commission.period) == period)
        .filter_map(|i| {
            let DealDecision::Owned(o) = outcome.deals[i] else { return None };
            let d = &rows[i];
            let refunded = refunded(run, i);
            let claim_row = match o.basis {
                Basis::Claim(v) => Some(ledgers.claims.at(ledgers.claims.rows[outcome.valid[v.ix()].row as usize].line)),
                _ => None,
            };
            Some(CreditedDeal {
                deal: i,
                id: ledgers.text(d.id),
                day: d.day,
                customer: d.customer.map(|s| ledgers.text(s)),
                phone: d.phone.display(&ledgers.strings),
                amount: d.amount,
                refunded,
                net: d.amount - refunded,
                basis: o.basis,
                claim_row,
            })
        })
        .collect();
    deals.sort_by_key(|d| (d.day, rows[d.deal].line));
    deals
}

/// The owner of an owned deal; `None` for the house or a deal not decided.
pub fn owner(run: Run, deal: usize) -> Option<Sym> {
    match run.settled.outcome.deals[deal] {
        DealDecision::Owned(o) => o.owner,
        DealDecision::LeftOut => None,
    }
}

/// What the run says was refunded of a deal by the as-of day (SPEC §13),
/// as `deals.csv` has it; never recomputed here.
fn refunded(run: Run, deal: usize) -> Money {
    run.settled.outcome.refunded.get(deal).copied().unwrap_or_default()
}

/// A claim row that is invalid, or valid and active on the as-of day.
pub fn claim_item<'a>(run: Run<'a>, row: usize, as_of: NaiveDate) -> Option<ClaimItem<'a>> {
    let ledgers = run.settled.ledgers;
    let r = &ledgers.claims.rows[row];
    let (invalid, end) = match &run.settled.outcome.rows[row] {
        RowDecision::Invalid(why) => (Some(why), None),
        RowDecision::Valid(v) => {
            let claim = &run.settled.outcome.valid[v.ix()];
            if claim.status != Status::Active {
                return None;
            }
            (None, Some(claim.protection.end()))
        }
        _ => return None,
    };
    Some(ClaimItem {
        row,
        name: ledgers.claims.at(r.line),
        rep: r.rep.map(|s| ledgers.text(s)),
        day: r.day,
        customer: r.customer.map(|s| ledgers.text(s)),
        phone: r.phone.display(&ledgers.strings),
        invalid,
        end_day: end.map(|(day, _)| day),
        days_left: end.map(|(day, _)| days_between(as_of, day)),
        end_cause: end.map(|(_, cause)| cause),
    })
}

/// The slices and bonuses behind an earned line, from the same tier
/// arithmetic the engine paid with.
fn arithmetic(policy: &Policy, roster: Option<&Rep>, line: &CommissionLine) -> Arithmetic {
    let rules = &policy.commission;
    let slices = tier_slices(line.performance, &rules.tiers, rules.mode);
    let commission_exact = slices.iter().map(|s| s.amount).sum();
    let mut bonuses = Vec::new();
    if !line.over_target.is_zero() {
        let target = roster.and_then(|r| r.target).unwrap_or_default();
        let (rate, excess) = (rules.over_target_rate, line.performance - target);
        bonuses.push(Bonus::OverTarget { rate, target, excess, amount: line.over_target });
    }
    if line.new_customers > 0 {
        let amount = rules.new_customer * Decimal::from(line.new_customers);
        bonuses.push(Bonus::NewCustomers { count: line.new_customers, each: rules.new_customer, amount });
    }
    if line.champion {
        bonuses.push(Bonus::Champion { amount: rules.champion });
    }
    // A bonus the rules price at 0 (`champion = 0`) is no bonus: not listed.
    bonuses.retain(|b| !b.amount().is_zero());
    let bonus_exact = bonuses.iter().map(Bonus::amount).sum();
    Arithmetic {
        performance: line.performance,
        flat: rules.mode == TierMode::Flat,
        slices,
        commission_exact,
        commission: line.commission,
        bonuses,
        bonus_exact,
        bonus: line.bonus,
        frozen_on: None,
    }
}

/// The arithmetic of a frozen earned line: its frozen performance sliced
/// under the tiers of the rules it was paid under (the snapshot's stored
/// rules.toml). The bonus is broken down when today's line of the period
/// has the same figures and its parts, priced under the stored rules, add
/// up to the frozen bonus; else it is shown as one frozen figure (a
/// snapshot keeps the bonus, not its parts). `None` when the stored rules
/// no longer read.
fn frozen_arithmetic(stored: &Policy, rep: &str, f: Figures, live: Option<&CommissionLine>) -> Option<Arithmetic> {
    let c = &stored.commission;
    let slices = tier_slices(f.performance, &c.tiers, c.mode);
    let commission_exact = slices.iter().map(|s| s.amount).sum();
    let same = live.filter(|l| (i64::from(l.deals), l.performance, l.commission, l.bonus) == (f.deals, f.performance, f.commission, f.bonus));
    let parts = same.map(|l| {
        let target = stored.rep_id(rep).and_then(|id| stored.rep(id).target);
        let mut parts = Vec::new();
        if let Some(target) = target.filter(|t| l.performance > *t) {
            let (rate, excess) = (c.over_target_rate, l.performance - target);
            parts.push(Bonus::OverTarget { rate, target, excess, amount: rate * excess });
        }
        if l.new_customers > 0 {
            let amount = c.new_customer * Decimal::from(l.new_customers);
            parts.push(Bonus::NewCustomers { count: l.new_customers, each: c.new_customer, amount });
        }
        if l.champion {
            parts.push(Bonus::Champion { amount: c.champion });
        }
        parts
    });
    let adds_up = |parts: &Vec<Bonus>| crate::domain::money::round_cents(parts.iter().map(Bonus::amount).sum()) == f.bonus;
    let bonuses = match parts.filter(adds_up) {
        Some(parts) => parts.into_iter().filter(|b| !b.amount().is_zero()).collect(),
        None if f.bonus.is_zero() => Vec::new(),
        None => vec![Bonus::Frozen { amount: f.bonus }],
    };
    let bonus_exact = bonuses.iter().map(Bonus::amount).sum();
    Some(Arithmetic { performance: f.performance, flat: c.mode == TierMode::Flat, slices, commission_exact, commission: f.commission, bonuses, bonus_exact, bonus: f.bonus, frozen_on: None })
}

/// File names for statements: `PERIOD-NAME`, with path separators, control
/// characters, the characters Windows cannot store in a file name
/// (`: * ? " < > |`) and a leading `.` made `_`. A name that needs no change
/// keeps its exact file name, since statements are handed out by file name;
/// the others, and a name that differs from one before it only in letter
/// case (file systems that ignore case), then take the first free of
/// `-2`, `-3`, …, in name order.
pub fn file_stems(period: Period, reps: &[&str]) -> Vec<String> {
    let bases: Vec<(String, bool)> = reps
        .iter()
        .map(|rep| {
            let safe = safe_name(rep);
            let kept = safe == *rep;
            (format!("{period}-{safe}"), kept)
        })
        .collect();
    let mut taken = std::collections::HashSet::new();
    let mut stems: Vec<Option<String>> = bases.iter().map(|(base, kept)| (*kept && taken.insert(base.to_lowercase())).then(|| base.clone())).collect();
    for (stem, (base, _)) in stems.iter_mut().zip(&bases).filter(|(stem, _)| stem.is_none()) {
        let (mut next, mut n) = (base.clone(), 1);
        while !taken.insert(next.to_lowercase()) {
            n += 1;
            next = format!("{base}-{n}");
        }
        *stem = Some(next);
    }
    stems.into_iter().flatten().collect()
}

/// A name made safe as part of a file name, on any system the files may be
/// copied to.
fn safe_name(name: &str) -> String {
    let unsafe_char = |c: char| matches!(c, '/' | '\\' | ':' | '*' | '?' | '"' | '<' | '>' | '|') || c.is_control() || is_bidi_control(c);
    let mut safe: String = name.chars().map(|c| if unsafe_char(c) { '_' } else { c }).collect();
    if safe.starts_with('.') {
        safe.replace_range(..1, "_");
    }
    if safe.is_empty() { "_".into() } else { safe }
}

fn is_bidi_control(c: char) -> bool {
    matches!(c, '\u{200E}' | '\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    #[test]
    fn the_latest_period_ended_by_the_as_of_day() {
        let q = PeriodKind::Quarter;
        assert_eq!(latest_ended(day("2026-06-25"), q).to_string(), "2026Q1");
        assert_eq!(latest_ended(day("2026-06-30"), q).to_string(), "2026Q2");
        assert_eq!(latest_ended(day("2026-01-01"), q).to_string(), "2025Q4");
        assert_eq!(latest_ended(day("2026-03-31"), PeriodKind::Month).to_string(), "2026-03");
        assert_eq!(latest_ended(day("2026-03-30"), PeriodKind::Month).to_string(), "2026-02");
    }

    #[test]
    fn file_names_are_safe_and_distinct() {
        let p = Period::parse("2026Q1").unwrap();
        let stems = file_stems(p, &["张伟", "a/b", "a_b", ".hidden", "A_B", "x\u{1}y", "..", "\u{202E}r"]);
        assert_eq!(stems, ["2026Q1-张伟", "2026Q1-a_b-2", "2026Q1-a_b", "2026Q1-_hidden", "2026Q1-A_B-3", "2026Q1-x_y", "2026Q1-_.", "2026Q1-_r"]);
    }

    #[test]
    fn a_name_that_needs_no_change_keeps_its_exact_file_name() {
        let p = Period::parse("2026Q1").unwrap();
        // In name order `/` comes before `_`: the altered 王/磊 still yields to 王_磊.
        assert_eq!(file_stems(p, &["王/磊", "王_磊"]), ["2026Q1-王_磊-2", "2026Q1-王_磊"]);
        // An altered name alone takes the plain form; one that differs only in
        // case from an earlier one yields to an exact name that looks like its `-2`.
        assert_eq!(file_stems(p, &["a/b"]), ["2026Q1-a_b"]);
        assert_eq!(file_stems(p, &["Amy", "amy", "amy-2"]), ["2026Q1-Amy", "2026Q1-amy-3", "2026Q1-amy-2"]);
        assert_eq!(file_stems(p, &["a/b", "a_b", "a_b-2"]), ["2026Q1-a_b-3", "2026Q1-a_b", "2026Q1-a_b-2"]);
    }

    #[test]
    fn characters_windows_cannot_store_become_underscores() {
        let p = Period::parse("2026Q1").unwrap();
        let stems = file_stems(p, &["王:磊?", "a*b", "\"q\"", "<x>|y", "李娜（二店）"]);
        assert_eq!(stems, ["2026Q1-王_磊_", "2026Q1-a_b", "2026Q1-_q_", "2026Q1-_x__y", "2026Q1-李娜（二店）"]);
    }

    use super::super::testkit::Book;
    use rust_decimal_macros::dec;

    const RULES: &str = r#"
[channels.field]
expire_without_visit_days = 15

[commission]
tiers = [{ from = 0, rate = 0.02 }, { from = 10000, rate = 0.035 }]
over_target_rate = 0.015
new_customer = 100.5
champion = 1000

[reps."甲"]
channel = "field"
region = "east"
target = 10000

[reps."乙"]
channel = "store"
"#;

    fn book() -> Book {
        let mut b = Book::new(RULES);
        b.claim("2026-01-05", "甲", "15000000001");
        b.claim("2026-01-06", "乙", "15000000001"); // duplicate
        b.claim("2026-03-25", "甲", "15000000003"); // still protecting on 03-31
        b.deal("D1", "2026-01-10", "15000000001", "12000.33", "乙");
        b.deal("D2", "2026-02-01", "15000000002", "500", "乙");
        b.deal("D3", "2026-04-01", "15000000004", "700", "甲");
        b.decide(Some("2026-03-31"));
        b
    }

    /// The run with nothing closed (its settlement leaked: a test's lifetime).
    pub(super) fn run(b: &Book) -> Run<'_> {
        let outcome = b.outcome.as_ref().unwrap();
        let settlement = Box::leak(Box::new(super::super::closing::settle(&b.ledgers, outcome, Vec::new()).unwrap()));
        Run { settled: Settled { ledgers: &b.ledgers, policy: &b.policy, outcome }, settlement }
    }

    #[test]
    fn a_statement_shows_the_slices_and_bonuses_the_engine_paid() {
        let b = book();
        let (period, as_of) = statement_period(run(&b), None).unwrap();
        assert_eq!(period.to_string(), "2026Q1");
        let all = statements(run(&b), period, as_of, None).unwrap();
        assert_eq!(all.iter().map(|s| s.rep).collect::<Vec<_>>(), ["乙", "甲"]);
        let st = &all[1];
        assert_eq!(st.deals.iter().map(|d| (d.id, d.net, d.claim_row.map(|r| r.line))).collect::<Vec<_>>(), [("D1", dec!(12000.33), Some(2))]);
        let a = st.arithmetic.as_ref().unwrap();
        let slices: Vec<_> = a.slices.iter().map(|s| (s.base, s.amount)).collect();
        assert_eq!(slices, [(dec!(10000), dec!(200.00)), (dec!(2000.33), dec!(70.01155))]);
        assert_eq!((a.commission_exact, a.commission), (dec!(270.01155), dec!(270.01)));
        assert_eq!(a.bonuses, [
            Bonus::OverTarget { rate: dec!(0.015), target: dec!(10000), excess: dec!(2000.33), amount: dec!(30.00495) },
            Bonus::NewCustomers { count: 1, each: dec!(100.5), amount: dec!(100.5) },
            Bonus::Champion { amount: dec!(1000) },
        ]);
        assert_eq!((a.bonus_exact, a.bonus), (dec!(1130.50495), dec!(1130.50)));
        assert_eq!(st.to_pay, st.lines[0].figures.total);
        assert_eq!(st.to_pay, dec!(1400.51));
        assert_eq!(st.active.iter().map(|c| (c.name.line, c.end_day.unwrap().to_string(), c.days_left)).collect::<Vec<_>>(), [
            (4, "2026-04-04".to_string(), Some(4))
        ]);
        let other = &all[0];
        assert_eq!(other.invalid.iter().map(|c| (c.name.line, c.invalid.unwrap().code().as_str())).collect::<Vec<_>>(), [(3, "duplicate")]);
        assert_eq!(other.deals.iter().map(|d| d.id).collect::<Vec<_>>(), ["D2"]);
    }

    #[test]
    fn a_named_rep_without_a_line_gets_a_statement_and_a_stranger_none() {
        let b = book();
        let q2 = Period::parse("2026Q2").unwrap();
        let st = statements(run(&b), q2, day("2026-03-31"), Some("乙")).unwrap();
        assert_eq!((st.len(), st[0].lines.len(), st[0].to_pay), (1, 0, dec!(0)));
        assert!(st[0].arithmetic.is_none());
        assert_eq!(statements(run(&b), q2, day("2026-03-31"), Some("丙")).unwrap_err(), NoStatement::UnknownRep("丙".into()));
        // A deal id is a stored text, but nobody's name.
        assert_eq!(statements(run(&b), q2, day("2026-03-31"), Some("D1")).unwrap_err(), NoStatement::UnknownRep("D1".into()));
        let month = Period::parse("2026-03").unwrap();
        assert!(matches!(statement_period(run(&b), Some(month)), Err(NoStatement::NotOnePeriod { .. })));
    }

    #[test]
    fn a_frozen_line_is_sliced_under_its_stored_rules_and_its_bonus_broken_down_only_when_it_adds_up() {
        let b = book();
        let live = b.outcome.as_ref().unwrap().commissions.iter().find(|c| b.ledgers.text(c.rep) == "甲").unwrap();
        let f = Figures { deals: 1, performance: dec!(12000.33), commission: dec!(270.01), bonus: dec!(1130.50), total: dec!(1400.51) };
        let parse = |rules: &str| crate::policy::rules_toml::parse(rules).unwrap().policy;
        let a = frozen_arithmetic(&parse(RULES), "甲", f, Some(live)).unwrap();
        assert_eq!((a.commission_exact, a.commission), (dec!(270.01155), dec!(270.01)));
        assert_eq!(a.bonuses.len(), 3, "{:?}", a.bonuses);
        assert_eq!((a.bonus_exact, a.bonus), (dec!(1130.50495), dec!(1130.50)));
        // Frozen before a refund: today's line differs, so the bonus is one frozen figure.
        let frozen = Figures { performance: dec!(20000), commission: dec!(550.00), bonus: dec!(1250.50), total: dec!(1800.50), ..f };
        let a = frozen_arithmetic(&parse(RULES), "甲", frozen, Some(live)).unwrap();
        assert_eq!(a.slices.iter().map(|s| s.base).collect::<Vec<_>>(), [dec!(10000), dec!(10000)]);
        assert_eq!((a.commission_exact, a.bonuses.clone(), a.bonus_exact), (dec!(550.000), vec![Bonus::Frozen { amount: dec!(1250.50) }], dec!(1250.50)));
        // Paid under other rules (champion 2000): today's parts priced under them do not add up to the frozen bonus.
        let stored = RULES.replace("champion = 1000", "champion = 2000");
        let a = frozen_arithmetic(&parse(&stored), "甲", f, Some(live)).unwrap();
        assert_eq!(a.bonuses, [Bonus::Frozen { amount: dec!(1130.50) }]);
    }

    #[test]
    fn the_overview_counts_the_period() {
        let b = book();
        let q1 = Period::parse("2026Q1").unwrap();
        let ov = super::super::overview::overview(run(&b), q1, day("2026-03-31"), 4);
        let bars: Vec<_> = ov.bars.iter().map(|b| (b.rep, b.earned, b.target)).collect();
        assert_eq!(bars, [("甲", dec!(12000.33), Some(dec!(10000))), ("乙", dec!(500), None)]);
        assert_eq!(ov.invalid, [("duplicate", 1)]);
        let bases: Vec<_> = ov.bases.iter().map(|b| (b.basis, b.deals, b.amount)).collect();
        assert_eq!(bases, [("ruling", 0, dec!(0)), ("repeat", 0, dec!(0)), ("claim", 1, dec!(12000.33)), ("closer", 1, dec!(500))]);
        assert_eq!(ov.ending.len(), 1, "the claim ending 2026-04-04 is within 4 days");
        assert!(super::super::overview::overview(run(&b), q1, day("2026-03-31"), 3).ending.is_empty());
    }

    mod props {
        use proptest::prelude::*;

        use super::super::super::props::{book, deals, rows, rulings};
        use super::super::*;
        use crate::domain::money::round_cents;

        proptest! {
            #![proptest_config(ProptestConfig::with_cases(128))]

            #[test]
            fn statements_split_the_periods_deals_and_pay_exactly_the_lines(rows in rows(), deals in deals(), rulings in rulings(), quota in 0u8..4) {
                let mut b = book(&rows, &deals, &rulings, quota);
                b.decide(None);
                let out = b.outcome.as_ref().unwrap();
                let settlement = crate::engine::closing::settle(&b.ledgers, out, Vec::new()).unwrap();
                let run = Run { settled: Settled { ledgers: &b.ledgers, policy: &b.policy, outcome: out }, settlement: &settlement };
                let mut periods: Vec<Period> = out.commissions.iter().map(|c| c.period).collect();
                periods.dedup();
                for period in periods {
                    let all = statements(run, period, out.as_of.unwrap(), None).unwrap();
                    let lines: Vec<&CommissionLine> = out.commissions.iter().filter(|c| c.period == period).collect();
                    prop_assert_eq!(all.len(), lines.len());
                    let owned = owned_in(run, period).into_iter().filter(|d| owner(run, d.deal).is_some()).count();
                    prop_assert_eq!(all.iter().map(|s| s.deals.len()).sum::<usize>(), owned);
                    for (st, line) in all.iter().zip(&lines) {
                        prop_assert_eq!(st.to_pay, line.total);
                        prop_assert_eq!(st.deals.len() as u32, line.deals);
                        prop_assert_eq!(st.deals.iter().map(|d| d.net).sum::<Money>(), line.performance);
                        let a = st.arithmetic.as_ref().unwrap();
                        prop_assert_eq!(round_cents(a.commission_exact), line.commission);
                        prop_assert_eq!(round_cents(a.bonus_exact), line.bonus);
                        prop_assert_eq!(a.slices.iter().map(|s| s.base).sum::<Money>(), line.performance);
                    }
                    let names: Vec<&str> = all.iter().map(|s| s.rep).collect();
                    let stems = file_stems(period, &names);
                    let distinct: std::collections::HashSet<String> = stems.iter().map(|s| s.to_lowercase()).collect();
                    prop_assert_eq!(distinct.len(), stems.len());
                }
            }
        }
    }
}


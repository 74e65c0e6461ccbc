//! The claim-validity walk (SPEC §4): every claim-ledger row in order,
//! deciding claims, refreshes, touches and orphans.
//!
//! Pure: no IO. The walk is sequential because a claim's validity depends on
//! every claim before it (protection of the customer, the rep's monthly quota).

use std::cmp::Reverse;
use std::collections::BinaryHeap;

use chrono::NaiveDate;
use rustc_hash::FxHashMap;

use super::first_deals::FirstDeals;
use super::protection::Protection;
use super::{Ctx, Status};
use crate::diag::Code;
use crate::domain::day::{days_between, month_of};
use crate::domain::ledger::{ClaimRow, Event, Fields, PhoneCell};
use crate::domain::phone::Phone;
use crate::policy::RepId;

/// Index of a valid claim in [`super::Outcome::valid`], kept as index + 1
/// so that `Option<ValidId>` (each claim's `previous`) takes 4 bytes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct ValidId(std::num::NonZeroU32);

impl ValidId {
    /// The id of the valid claim at position `ix` (fewer than 2^32 - 1:
    /// the loader caps a ledger's rows far below).
    fn at(ix: usize) -> ValidId {
        ValidId(std::num::NonZeroU32::MIN.saturating_add(ix as u32))
    }

    /// The position in [`super::Outcome::valid`].
    pub fn ix(self) -> usize {
        (self.0.get() - 1) as usize
    }
}

/// What the walk decided for one claim-ledger row.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RowDecision {
    /// Dated after the as-of day: as if not yet written.
    LeftOut,
    /// A claim that is not valid, with the first reason that matched.
    Invalid(Invalid),
    /// A valid claim.
    Valid(ValidId),
    /// A claim by the rep who already holds a protecting claim: a touch of it.
    Refresh(ValidId),
    /// A follow-up or visit of the rep's protecting claim.
    Touch(ValidId),
    /// A follow-up or visit with no protecting claim of its rep.
    Orphan(Orphan),
    /// A follow-up or visit of its rep's claim that had already ended: an
    /// orphan too (kept apart from [`Orphan`] so a decision fits 8 bytes).
    Ended(ValidId),
}


// One decision is held per claim-ledger row: keep it at 8 bytes.
const _: () = assert!(std::mem::size_of::<RowDecision>() == 8);

/// Why a claim is not valid, in the order the rules are tried (SPEC §4).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Invalid {
    UnknownRep,
    MissingFields(Fields),
    BadPhone,
    /// After the customer's first deal (index in the customer ledger; its day is the deal's).
    AfterDeal { deal: u32 },
    /// More than `claim_within_days` after the row's `first_contact`.
    LateClaim { days: i32 },
    /// Outside the rep's region: the row's `region`.
    CrossRegion,
    Duplicate { holder: ValidId },
    OverQuota { held: u32 },
}

impl Invalid {
    /// The stable code of the reason, as written in outputs.
    pub fn code(&self) -> Code {
        match self {
            Invalid::UnknownRep => Code::UnknownRep,
            Invalid::MissingFields(_) => Code::MissingFields,
            Invalid::BadPhone => Code::BadPhone,
            Invalid::AfterDeal { .. } => Code::AfterDeal,
            Invalid::LateClaim { .. } => Code::LateClaim,
            Invalid::CrossRegion => Code::CrossRegion,
            Invalid::Duplicate { .. } => Code::Duplicate,
            Invalid::OverQuota { .. } => Code::OverQuota,
        }
    }

    /// Every reason's code, in the order of the walk (SPEC §4).
    pub const CODES: [Code; 8] = [
        Code::UnknownRep,
        Code::MissingFields,
        Code::BadPhone,
        Code::AfterDeal,
        Code::LateClaim,
        Code::CrossRegion,
        Code::Duplicate,
        Code::OverQuota,
    ];
}

/// Why a follow-up or visit touches no claim.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Orphan {
    UnknownRep,
    BadPhone,
    /// The rep holds no claim on the customer at that moment.
    NoClaim,
}

/// A valid claim and what became of it.
#[derive(Debug, Clone)]
pub struct ValidClaim {
    /// Index of the claim row in the claim ledger.
    pub row: u32,
    pub rep: RepId,
    /// The phone of the claim row itself (its customer may have others).
    pub phone: Phone,
    pub protection: Protection,
    /// The valid claim on the same customer (any of its phones) made before this one.
    pub previous: Option<ValidId>,
    /// The first deal this claim won (index in the customer ledger).
    pub won_by: Option<u32>,
    pub status: Status,
}

impl ValidClaim {
    /// The claim's status at the end of `as_of` (SPEC §7).
    pub fn status_as_of(&self, as_of: Option<NaiveDate>) -> Status {
        let (end, cause) = self.protection.end();
        if self.won_by.is_some() {
            Status::Won
        } else if as_of.is_none_or(|day| end >= day) {
            Status::Active
        } else if cause == super::EndCause::Expiry {
            Status::Expired
        } else {
            Status::Lapsed
        }
    }
}

/// The result of the walk.
pub(crate) struct Walked {
    pub rows: Vec<RowDecision>,
    pub valid: Vec<ValidClaim>,
    /// The latest valid claim on each customer (by [`super::Customers::key`]).
    pub latest: FxHashMap<Phone, ValidId>,
}

impl Walked {
    /// The valid claim on customer `key` that protects `day`, if any (at most one can).
    pub fn protecting(&self, key: Phone, day: NaiveDate) -> Option<ValidId> {
        let mut next = self.latest.get(&key).copied();
        while let Some(v) = next {
            let claim = &self.valid[v.ix()];
            if claim.protection.start <= day {
                return claim.protection.protects(day).then_some(v);
            }
            next = claim.previous;
        }
        None
    }
}

/// Walks the claim ledger in order (day, time, line).
pub(crate) fn walk(ctx: &Ctx, firsts: &FirstDeals) -> Walked {
    let rows = &ctx.ledgers.claims.rows;
    let order = in_ledger_order((0..rows.len()).filter(|&i| ctx.included(rows[i].day)), rows);
    let mut walk = Walk {
        ctx,
        firsts,
        // At most one valid claim per claim row: sized once, not doubled
        // (a doubling's spare half was the run's peak of memory).
        out: Walked {
            rows: vec![RowDecision::LeftOut; rows.len()],
            valid: Vec::with_capacity(rows.iter().filter(|r| r.event == Event::Claim).count()),
            latest: FxHashMap::default(),
        },
        quota: FxHashMap::default(),
    };
    for i in order {
        let row = &rows[i];
        let rep = ctx.rep(row.rep);
        walk.out.rows[i] = match row.event {
            Event::Claim => walk.claim(i, row, rep),
            Event::FollowUp | Event::Visit => walk.touch(row, rep),
        };
    }
    walk.out.valid.shrink_to_fit();
    walk.out
}

/// Row indices sorted by (day, time — none is 00:00 — , line). A ledger is
/// mostly written in that order already, and then the indices are walked as
/// they come, with no list of them. Else, rows being stored in ledger order,
/// a row's index orders like its line and one packed `u64` per row does (15
/// bits of day from 1999-01-01, 17 of seconds, 32 of index) when the days
/// fit, as they do until 2088: the indices are then read back out of the
/// sorted keys, with no second list beside them; else the tuple.
fn in_ledger_order<'a>(indices: impl Iterator<Item = usize> + Clone + 'a, rows: &'a [ClaimRow]) -> Box<dyn Iterator<Item = usize> + 'a> {
    let at = |i: usize| (rows[i].day, rows[i].time.map_or(0, |t| t.seconds()));
    let mut walked = indices.clone();
    let sorted = walked.next().is_none_or(|first| {
        let mut last = at(first);
        walked.all(|i| {
            let here = at(i);
            std::mem::replace(&mut last, here) <= here
        })
    });
    if sorted {
        return Box::new(indices);
    }
    let base = NaiveDate::from_ymd_opt(1999, 1, 1).unwrap_or(NaiveDate::MIN);
    let packed = |i: usize| -> Option<u64> {
        let r = &rows[i];
        let day = u64::try_from(days_between(base, r.day)).ok().filter(|d| *d < 1 << 15)?;
        let secs = r.time.map_or(0, |t| u64::from(t.seconds()));
        let index = u32::try_from(i).ok()?;
        Some(day << 49 | secs << 32 | u64::from(index))
    };
    match indices.clone().map(packed).collect::<Option<Vec<u64>>>() {
        Some(mut keys) => {
            keys.sort_unstable();
            Box::new(keys.into_iter().map(|key| (key & u64::from(u32::MAX)) as usize))
        }
        None => {
            let mut order: Vec<usize> = indices.collect();
            order.sort_unstable_by_key(|&i| (at(i), rows[i].line));
            Box::new(order.into_iter())
        }
    }
}

struct Walk<'a, 'c> {
    ctx: &'a Ctx<'c>,
    firsts: &'a FirstDeals,
    out: Walked,
    /// Per rep and month: the first-deal days of the customers of their valid
    /// claims, earliest on top; a customer with no deal holds `NaiveDate::MAX`.
    quota: FxHashMap<(RepId, YearMonth), BinaryHeap<Reverse<NaiveDate>>>,
}

/// A calendar month: (year, month 1–12).
type YearMonth = (i32, u32);

impl Walk<'_, '_> {
    /// Steps 1–10 of SPEC §4 for a row of event `claim`.
    fn claim(&mut self, index: usize, row: &ClaimRow, rep: Option<RepId>) -> RowDecision {
        let policy = self.ctx.policy;
        let Some(rep) = rep else {
            return RowDecision::Invalid(Invalid::UnknownRep);
        };
        let missing = row.missing(policy.claims.required);
        if !missing.is_empty() {
            return RowDecision::Invalid(Invalid::MissingFields(missing));
        }
        let PhoneCell::Valid(phone) = row.phone else {
            return RowDecision::Invalid(Invalid::BadPhone);
        };
        let day = row.day;
        let key = self.ctx.customers.key(phone);
        if let Some(first) = self.firsts.get(key).filter(|f| day > f.day) {
            return RowDecision::Invalid(Invalid::AfterDeal { deal: first.deal });
        }
        let holder = self.out.latest.get(&key).copied().filter(|v| self.out.valid[v.ix()].protection.protects(day));
        if let Some(v) = holder.filter(|v| self.out.valid[v.ix()].rep == rep) {
            self.out.valid[v.ix()].protection.touch(day, false);
            return RowDecision::Refresh(v);
        }
        if let Some(first_contact) = row.first_contact {
            let days = days_between(first_contact, day);
            if days > i64::from(policy.claims.claim_within_days) {
                return RowDecision::Invalid(Invalid::LateClaim { days: days.clamp(i64::from(i32::MIN), i64::from(i32::MAX)) as i32 });
            }
        }
        if self.cross_region(row, rep) {
            return RowDecision::Invalid(Invalid::CrossRegion);
        }
        if let Some(holder) = holder {
            return RowDecision::Invalid(Invalid::Duplicate { holder });
        }
        if let Some(quota) = policy.channel_of(rep).monthly_quota {
            let held = self.quota_held(rep, day);
            if held >= quota {
                return RowDecision::Invalid(Invalid::OverQuota { held });
            }
        }
        self.accept(index, row, rep, phone)
    }

    /// True when the territory rule refuses the row (step 7).
    fn cross_region(&self, row: &ClaimRow, rep: RepId) -> bool {
        let policy = self.ctx.policy;
        let strings = &self.ctx.ledgers.strings;
        let (Some(region), Some(home)) = (row.region, policy.rep(rep).region.as_deref()) else {
            return false;
        };
        let excused = row.cross_region_reason.is_some_and(|r| policy.allows_reason(strings.resolve(r)));
        policy.territory.enforce && strings.resolve(region) != home && !excused
    }

    /// The rep's earlier valid claims this month whose customer has no deal
    /// on or before `day`. Rows come in day order, so freed slots stay freed.
    fn quota_held(&mut self, rep: RepId, day: NaiveDate) -> u32 {
        let Some(heap) = self.quota.get_mut(&(rep, month_of(day))) else {
            return 0;
        };
        while heap.peek().is_some_and(|Reverse(first_deal)| *first_deal <= day) {
            heap.pop();
        }
        heap.len() as u32
    }

    fn accept(&mut self, index: usize, row: &ClaimRow, rep: RepId, phone: Phone) -> RowDecision {
        let policy = self.ctx.policy;
        let v = ValidId::at(self.out.valid.len());
        let key = self.ctx.customers.key(phone);
        let expiry = policy.channel_of(rep).expire_without_visit_days;
        self.out.valid.push(ValidClaim {
            row: index as u32,
            rep,
            phone,
            protection: Protection::new(row.day, policy.claims.lapse_after_days, expiry),
            previous: self.out.latest.insert(key, v),
            won_by: None,
            status: Status::Active,
        });
        if policy.channel_of(rep).monthly_quota.is_some() {
            let first_deal = self.firsts.get(key).map_or(NaiveDate::MAX, |f| f.day);
            self.quota.entry((rep, month_of(row.day))).or_default().push(Reverse(first_deal));
        }
        RowDecision::Valid(v)
    }

    /// A follow-up or visit: a touch of the rep's protecting claim, or an orphan.
    fn touch(&mut self, row: &ClaimRow, rep: Option<RepId>) -> RowDecision {
        let Some(rep) = rep else {
            return RowDecision::Orphan(Orphan::UnknownRep);
        };
        let Some(phone) = row.phone.valid() else {
            return RowDecision::Orphan(Orphan::BadPhone);
        };
        let mut next = self.out.latest.get(&self.ctx.customers.key(phone)).copied();
        while let Some(v) = next {
            let claim = &mut self.out.valid[v.ix()];
            if claim.rep == rep {
                if !claim.protection.protects(row.day) {
                    return RowDecision::Ended(v);
                }
                claim.protection.touch(row.day, row.event == Event::Visit);
                return RowDecision::Touch(v);
            }
            next = claim.previous;
        }
        RowDecision::Orphan(Orphan::NoClaim)
    }
}

#[cfg(test)]
mod tests {
    use super::super::testkit::{Book, ROSTER, Row};
    use super::*;

    fn book() -> Book {
        Book::new(ROSTER)
    }

    proptest::proptest! {
        /// Sorted already, unsorted, and with days outside 2000–2100: each
        /// way to order gives (day, time — none is 00:00 —, line).
        #[test]
        fn rows_are_walked_by_day_time_and_line(
            cells in proptest::collection::vec((0usize..4, proptest::option::of(0u32..3)), 0..40),
            sorted in proptest::bool::ANY,
        ) {
            let days = ["1990-01-01", "2026-03-01", "2026-03-02", "2150-06-01"].map(|d| NaiveDate::parse_from_str(d, "%Y-%m-%d").unwrap());
            let mut cells = cells;
            if sorted {
                cells.sort_unstable();
            }
            let mut book = Book::new(ROSTER);
            book.claim("2026-03-01", "张伟", "13800000001");
            let template = book.ledgers.claims.rows[0].clone();
            let rows: Vec<ClaimRow> = (cells.iter().enumerate())
                .map(|(i, &(day, secs))| ClaimRow {
                    line: i as u32 + 2,
                    day: days[day],
                    time: secs.map(|s| chrono::NaiveTime::from_num_seconds_from_midnight_opt(s, 0).unwrap().into()),
                    ..template.clone()
                })
                .collect();
            let mut expected: Vec<usize> = (0..rows.len()).collect();
            expected.sort_by_key(|&i| (rows[i].day, rows[i].time.map_or(0, |t| t.seconds()), i));
            let got: Vec<usize> = in_ledger_order(0..rows.len(), &rows).collect();
            proptest::prop_assert_eq!(got, expected);
        }
    }

    #[test]
    fn step_1_unknown_rep_even_when_empty() {
        let mut b = book();
        let a = b.claim("2026-03-01", "赵六", "13800000001");
        let e = b.claim("2026-03-01", "", "13800000002");
        b.decide(None);
        assert_eq!(b.verdict(a), "invalid:unknown_rep");
        assert_eq!(b.verdict(e), "invalid:unknown_rep");
    }

    #[test]
    fn step_2_missing_fields_before_bad_phone() {
        let mut b = book();
        let no_customer = b.row(Row { customer: "\u{3000}", ..Row::default() });
        let no_phone = b.row(Row { phone: "", ..Row::default() });
        b.decide(None);
        assert_eq!(b.decision(no_customer), &RowDecision::Invalid(Invalid::MissingFields(
            [crate::domain::ledger::Field::Customer].into_iter().collect())));
        assert_eq!(b.verdict(no_phone), "invalid:missing_fields");
    }

    #[test]
    fn step_2_follows_claims_required() {
        let mut b = Book::new(&format!("[claims]\nrequired = [\"phone\"]\n{ROSTER}"));
        let l = b.row(Row { customer: "", address: "", ..Row::default() });
        b.decide(None);
        assert_eq!(b.verdict(l), "active");
    }

    #[test]
    fn step_3_bad_phone() {
        let mut b = book();
        let l = b.claim("2026-03-01", "张伟", "1380000000");
        let e = b.claim("2026-03-01", "张伟", "1.38E+10");
        b.decide(None);
        assert_eq!(b.verdict(l), "invalid:bad_phone");
        assert_eq!(b.verdict(e), "invalid:bad_phone");
    }

    #[test]
    fn step_4_after_deal_but_not_on_the_deal_day() {
        let mut b = book();
        let on_day = b.claim("2026-03-04", "刘洋", "13800000004");
        let after = b.claim("2026-03-05", "张伟", "13800000004");
        b.deal("K1", "2026-03-04", "13800000004", "20000", "刘洋");
        b.decide(None);
        assert_eq!(b.verdict(on_day), "won");
        assert_eq!(b.verdict(after), "invalid:after_deal");
    }

    #[test]
    fn step_5_refresh_is_a_touch_not_a_claim() {
        let mut b = book();
        let first = b.claim("2026-03-01", "刘洋", "13900000007");
        let again = b.claim("2026-03-11", "刘洋", "13900000007");
        let other = b.claim("2026-03-19", "张伟", "13900000007");
        b.decide(Some("2026-03-20"));
        assert!(matches!(b.decision(again), RowDecision::Refresh(_)));
        assert_eq!(b.end(first), "2026-03-21");
        assert_eq!(b.verdict(first), "active");
        assert_eq!(b.verdict(other), "invalid:duplicate");
    }

    #[test]
    fn step_5_refresh_comes_before_the_territory_rule() {
        let mut b = book();
        b.claim("2026-03-01", "张伟", "13800000001");
        let again = b.row(Row { date: "2026-03-02", region: "west", ..Row::default() });
        b.decide(None);
        assert!(matches!(b.decision(again), RowDecision::Refresh(_)));
    }

    #[test]
    fn step_6_late_claim_counts_whole_days() {
        let mut b = book();
        let late = b.row(Row { date: "2026-03-02", first_contact: "2026-02-28", ..Row::default() });
        let ok = b.row(Row { date: "2026-03-03", phone: "13800000002", first_contact: "2026/3/2 18:00", ..Row::default() });
        b.decide(None);
        assert_eq!(b.decision(late), &RowDecision::Invalid(Invalid::LateClaim { days: 2 }));
        assert_eq!(b.verdict(ok), "active");
    }

    #[test]
    fn step_7_cross_region_unless_an_allowed_reason() {
        let mut b = book();
        let refused = b.row(Row { region: "west", ..Row::default() });
        let excused = b.row(Row { phone: "13800000002", region: "west", reason: "group_design", ..Row::default() });
        let other = b.row(Row { phone: "13800000003", region: "west", reason: "friend", ..Row::default() });
        let home = b.row(Row { phone: "13800000004", region: "east", ..Row::default() });
        let no_region = b.row(Row { phone: "13800000005", ..Row::default() });
        b.decide(None);
        assert_eq!(b.verdict(refused), "invalid:cross_region");
        assert_eq!(b.verdict(excused), "active");
        assert_eq!(b.verdict(other), "invalid:cross_region");
        assert_eq!(b.verdict(home), "active");
        assert_eq!(b.verdict(no_region), "active");
    }

    #[test]
    fn step_7_territory_off() {
        let mut b = Book::new(&format!("[territory]\nenforce = false\n{ROSTER}"));
        let l = b.row(Row { region: "west", ..Row::default() });
        b.decide(None);
        assert_eq!(b.verdict(l), "active");
    }

    #[test]
    fn step_8_duplicate_names_the_holder() {
        let mut b = book();
        let holder = b.claim("2026-01-05", "张伟", "13800138000");
        let dup = b.claim("2026-01-06 10:00", "刘洋", "+86 13800138000");
        b.decide(None);
        let RowDecision::Valid(v) = b.decision(holder).clone() else { panic!() };
        assert_eq!(b.decision(dup), &RowDecision::Invalid(Invalid::Duplicate { holder: v }));
    }

    #[test]
    fn step_8_the_day_after_the_end_is_free() {
        let mut b = book();
        let first = b.claim("2026-02-01", "张伟", "13900000002");
        let on_end = b.claim("2026-02-11", "王磊", "13900000002");
        let after = b.claim("2026-02-12", "王磊", "13900000002");
        b.decide(None);
        assert_eq!(b.end(first), "2026-02-11");
        assert_eq!(b.verdict(on_end), "invalid:duplicate");
        assert_eq!(b.verdict(after), "active");
    }

    #[test]
    fn step_9_quota_counts_lapsed_claims_and_is_freed_by_a_deal() {
        let mut b = Book::new(&ROSTER.replace("monthly_quota = 20", "monthly_quota = 2"));
        b.claim("2026-03-01", "张伟", "13800000001");
        b.claim("2026-03-02", "张伟", "13800000002");
        let over = b.claim("2026-03-20", "张伟", "13800000003");
        let freed = b.claim("2026-03-21", "张伟", "13800000004");
        let april = b.claim("2026-04-01", "张伟", "13800000005");
        b.deal("K", "2026-03-21", "13800000002", "100", "张伟");
        b.decide(None);
        assert_eq!(b.decision(over), &RowDecision::Invalid(Invalid::OverQuota { held: 2 }));
        assert_eq!(b.verdict(freed), "lapsed");
        assert_eq!(b.verdict(april), "active");
    }

    #[test]
    fn step_9_store_reps_have_no_quota() {
        let mut b = Book::new(&ROSTER.replace("monthly_quota = 20", "monthly_quota = 0"));
        let store = b.claim("2026-03-01", "刘洋", "13800000001");
        let field = b.claim("2026-03-01", "张伟", "13800000002");
        b.decide(None);
        assert_eq!(b.verdict(store), "active");
        assert_eq!(b.verdict(field), "invalid:over_quota");
    }

    #[test]
    fn touches_extend_and_orphans_do_not_revive() {
        let mut b = book();
        let c = b.claim("2026-01-01", "张伟", "13900000001");
        b.touch("2026-01-11", "张伟", "follow_up", "13900000001");
        b.touch("2026-01-12", "张伟", "visit", "13900000001");
        let late = b.touch("2026-01-23", "张伟", "follow_up", "13900000001");
        let colleague = b.claim("2026-01-23 10:00", "王磊", "13900000001");
        b.decide(None);
        assert_eq!(b.end(c), "2026-01-22");
        assert!(matches!(b.decision(late), RowDecision::Ended(_)));
        assert_eq!(b.verdict(colleague), "active");
    }

    #[test]
    fn a_same_day_touch_without_time_comes_before_a_timed_claim() {
        let mut b = book();
        let c = b.claim("2026/3/2 14:30", "王磊", "13900000005");
        let visit = b.touch("2026-03-02", "王磊", "visit", "13900000005");
        b.decide(Some("2026-03-20"));
        assert_eq!(b.decision(visit), &RowDecision::Orphan(Orphan::NoClaim));
        assert_eq!(b.end(c), "2026-03-12");
    }

    #[test]
    fn orphans_of_unknown_reps_bad_phones_and_other_reps() {
        let mut b = book();
        b.claim("2026-01-05", "刘洋", "13900000006");
        let colleague = b.touch("2026-01-06", "王磊", "follow_up", "13900000006");
        let stranger = b.touch("2026-01-06", "某人", "follow_up", "13900000006");
        let bad = b.touch("2026-01-06", "刘洋", "visit", "不详");
        b.decide(None);
        assert_eq!(b.decision(colleague), &RowDecision::Orphan(Orphan::NoClaim));
        assert_eq!(b.decision(stranger), &RowDecision::Orphan(Orphan::UnknownRep));
        assert_eq!(b.decision(bad), &RowDecision::Orphan(Orphan::BadPhone));
    }

    #[test]
    fn statuses_as_of_a_day() {
        let mut b = book();
        let expired = b.claim("2026-03-01", "张伟", "13900000003");
        b.touch("2026-03-06", "张伟", "follow_up", "13900000003");
        let lapsed = b.claim("2026-01-05", "刘洋", "13900000006");
        let active = b.claim("2026-03-19", "刘洋", "13900000008");
        let future = b.claim("2026-03-21", "刘洋", "13900000009");
        b.decide(Some("2026-03-20"));
        assert_eq!(b.verdict(expired), "expired");
        assert_eq!(b.verdict(lapsed), "lapsed");
        assert_eq!(b.verdict(active), "active");
        assert_eq!(b.decision(future), &RowDecision::LeftOut);
    }

    #[test]
    fn as_of_leaves_out_later_deals_and_touches() {
        let mut b = book();
        let c = b.claim("2026-03-01", "刘洋", "13900000001");
        b.touch("2026-03-09", "刘洋", "follow_up", "13900000001");
        b.deal("D", "2026-03-09", "13900000001", "100", "王磊");
        b.decide(Some("2026-03-08"));
        assert_eq!(b.end(c), "2026-03-11");
        assert_eq!(b.verdict(c), "active");
        assert_eq!(b.owner("D"), "left out");
    }

    #[test]
    fn a_claim_under_one_phone_refuses_a_colleague_under_a_linked_one() {
        let mut b = book();
        b.link("13800000002", "13800000001");
        let a = b.claim("2026-05-01", "刘洋", "13800000001");
        let other = b.claim("2026-05-02", "张伟", "13800000002");
        let touch = b.touch("2026-05-08", "刘洋", "follow_up", "13800000002");
        let refresh = b.claim("2026-05-09", "刘洋", "138 0000 0002");
        let unlinked = b.claim("2026-05-02", "张伟", "13800000003");
        b.decide(Some("2026-05-10"));
        let RowDecision::Valid(v) = b.decision(a).clone() else { panic!() };
        assert_eq!(b.decision(other), &RowDecision::Invalid(Invalid::Duplicate { holder: v }));
        assert_eq!(b.decision(touch), &RowDecision::Touch(v));
        assert_eq!(b.decision(refresh), &RowDecision::Refresh(v));
        assert_eq!(b.end(a), "2026-05-19");
        assert_eq!(b.verdict(unlinked), "active");
    }

    #[test]
    fn a_cell_of_two_numbers_links_them_for_every_row() {
        let mut b = book();
        let a = b.claim("2026-05-03", "刘洋", "13900000001/13900000002");
        let later = b.claim("2026-05-04", "张伟", "13900000002");
        let bad = b.claim("2026-05-05", "张伟", "13700000001、1370000000");
        let after_bad = b.claim("2026-05-05", "刘洋", "13700000001");
        b.deal("K", "2026-05-06", "13900000002", "100", "张伟");
        let after_deal = b.claim("2026-05-07", "王磊", "13900000001");
        b.decide(None);
        assert_eq!(b.ledgers.claims.rows[0].phone.valid().map(|p| p.to_string()).as_deref(), Some("13900000001"));
        assert_eq!(b.verdict(a), "won");
        assert_eq!(b.verdict(later), "invalid:duplicate");
        assert_eq!(b.verdict(bad), "invalid:bad_phone");
        assert_eq!(b.verdict(after_bad), "active", "a bad cell links nothing");
        assert_eq!(b.verdict(after_deal), "invalid:after_deal");
    }
}

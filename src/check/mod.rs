//! What `check` says beyond unreadable cells: every claim `attribute` would
//! refuse, orphan touches, slow follow-up, claims about to lapse or expire,
//! and customers who may be registered under two phones.
//!
//! Pure: turns an [`Outcome`](crate::engine::Outcome) into findings.

pub mod dupes;
pub mod hints;

use chrono::NaiveDate;

use crate::diag::{Code, Diagnostic, Findings, Found, LinkPlace, OrphanWhy, Severity, Then};
use crate::domain::day::{Clock, days_between};
use crate::domain::ledger::{Ledgers, Line, PhoneCell};
use crate::domain::links::Source;
use crate::engine::{Customers, EndCause, Invalid, LinkRef, Orphan, RowDecision, Status, ValidId};
use crate::domain::columns::{ColumnMap, claim, customer, ruling};
use crate::engine::Settled;

/// Which ledgers the user asked about (others only give context).
#[derive(Debug, Clone, Copy, Default)]
pub struct Scope {
    pub claims: bool,
    pub deals: bool,
    pub rulings: bool,
    pub links: bool,
}

/// The column maps of the three ledgers, to point findings at a cell.
#[derive(Debug, Clone, Default)]
pub struct Maps {
    pub claims: SheetMaps,
    pub deals: SheetMaps,
    pub rulings: SheetMaps,
}

/// The column map of each table of a ledger's file (one for a text file,
/// one per sheet of a workbook), `None` for tables not read.
#[derive(Debug, Clone, Default)]
pub struct SheetMaps {
    pub maps: Vec<Option<ColumnMap>>,
    /// Rows carry their sheet in their line ([`crate::domain::ledger::sheet_line`]).
    pub several: bool,
}

impl SheetMaps {
    fn of(&self, line: Line) -> Option<&ColumnMap> {
        let i = if self.several { (line >> crate::domain::ledger::SHEET_SHIFT) as usize } else { 0 };
        self.maps.get(i)?.as_ref()
    }
}

/// The day warnings are relative to, and how far ahead they look.
#[derive(Debug, Clone, Copy)]
pub struct Horizon {
    pub as_of: NaiveDate,
    pub warn_days: u32,
}

/// Adds the policy findings of one decided run. The likely duplicate
/// customers come from `dupes` (see [`duplicate_customers`]), called where
/// they take their turn among the findings: the first kept of each severity
/// are the first pushed.
pub fn policy_findings(x: &Settled, maps: &Maps, scope: Scope, horizon: Horizon, dupes: impl FnOnce() -> Vec<Diagnostic>, out: &mut Findings) {
    let mut f = Finder { x, maps, out };
    if scope.claims {
        f.claim_rows();
        f.cadence_and_horizon(horizon);
        f.linked_conflicts();
    }
    for d in dupes() {
        f.out.push(d);
    }
    if scope.deals {
        f.closers();
    }
    if scope.rulings {
        f.rulings();
    }
}

struct Finder<'a, 'x> {
    x: &'a Settled<'x>,
    maps: &'a Maps,
    out: &'a mut Findings,
}

/// The 1-based cell of column `c` in the row at `line`.
fn col(maps: &SheetMaps, line: Line, c: usize) -> Option<usize> {
    maps.of(line).and_then(|m| m.position(c)).map(|p| p + 1)
}

/// A warning about a row of `ledger` at column `c`.
fn warn_at<R>(ledger: &crate::domain::ledger::Ledger<R>, maps: &SheetMaps, line: Line, c: usize, code: Code, found: Found) -> Diagnostic {
    let (file, physical) = ledger.place(line);
    Diagnostic::warning(&file, Some(physical), col(maps, line, c), code, found)
}

impl Finder<'_, '_> {
    /// A finding about a claim-ledger row. Past `--max-errors` of its
    /// severity it is only counted: what it found is never put together
    /// (most findings of a big ledger are not shown).
    fn claim_at(&mut self, line: Line, c: usize, error: bool, code: Code, found: impl FnOnce() -> Found) {
        let severity = if error { Severity::Error } else { Severity::Warning };
        let claims = &self.x.ledgers.claims;
        if !self.out.keeps(severity) {
            let at = claims.at(line);
            match at.sheet {
                None => self.out.count_only(at.file, severity),
                Some(_) => self.out.count_only(&claims.place(line).0, severity),
            }
            return;
        }
        let mut d = warn_at(claims, &self.maps.claims, line, c, code, found());
        d.severity = severity;
        self.out.push(d);
    }

    fn claim_rows(&mut self) {
        let x = self.x;
        for (i, row) in x.ledgers.claims.rows.iter().enumerate() {
            match &x.outcome.rows[i] {
                RowDecision::Invalid(why) => {
                    let (code, c) = (why.code(), invalid_column(why));
                    self.claim_at(row.line, c, true, code, || x.invalid_found(i, why));
                }
                decision @ (RowDecision::Orphan(_) | RowDecision::Ended(_)) => {
                    let m = || Found::Orphan { event: row.event, why: x.orphan_found(decision) };
                    self.claim_at(row.line, claim::EVENT, false, Code::OrphanTouch, m);
                }
                RowDecision::LeftOut => {
                    let m = || Found::AfterAsOf { day: row.day, as_of: x.outcome.as_of };
                    self.claim_at(row.line, claim::DATE, false, Code::AfterAsOf, m);
                }
                _ => {}
            }
            self.lost_phone(i, row);
        }
    }

    /// A phone in E-notation or masked on a claim-ledger row of any event
    /// (SPEC §11): the row will be lost, so `check` calls it an error even
    /// when the row is a touch that would only be an orphan.
    fn lost_phone(&mut self, i: usize, row: &crate::domain::ledger::ClaimRow) {
        let PhoneCell::Bad(sym, why) = row.phone else { return };
        if !why.is_lost() || matches!(self.x.outcome.rows[i], RowDecision::Invalid(Invalid::BadPhone)) {
            return;
        }
        let l = self.x.ledgers;
        let m = || Found::bad_phone("phone", l.text(sym), why, Then::RowLost);
        self.claim_at(row.line, claim::PHONE, true, Code::BadPhone, m);
    }

    /// `slow_follow_up` between touches and since the last one, and claims
    /// that end within the horizon.
    fn cadence_and_horizon(&mut self, h: Horizon) {
        let l = self.x.ledgers;
        let every = self.x.policy.claims.follow_up_every_days;
        // Every touch of a valid claim, sorted by claim then time: one list,
        // read in claim order (no list per claim).
        let mut touches: Vec<(ValidId, NaiveDate, Option<Clock>, Line)> = Vec::new();
        for (i, row) in l.claims.rows.iter().enumerate() {
            if let RowDecision::Touch(v) | RowDecision::Refresh(v) = self.x.outcome.rows[i] {
                touches.push((v, row.day, row.time, row.line));
            }
        }
        touches.sort_unstable();
        let mut touches = touches.as_slice();
        for (v, claim) in self.x.outcome.valid.iter().enumerate() {
            let of_claim = touches.partition_point(|t| t.0.ix() <= v);
            let (times, rest) = touches.split_at(of_claim);
            touches = rest;
            let mut last = claim.protection.start;
            for &(_, day, _, line) in times {
                let gap = days_between(last, day);
                if gap > i64::from(every) {
                    self.claim_at(line, claim::DATE, false, Code::SlowFollowUp, || Found::SlowFollowUp { gap, last, every });
                }
                last = last.max(day);
            }
            if claim.status != Status::Active {
                continue;
            }
            let row = &l.claims.rows[claim.row as usize];
            let quiet = days_between(last, h.as_of);
            if quiet > i64::from(every) {
                self.claim_at(row.line, claim::DATE, false, Code::SlowFollowUp, || Found::NoFollowUpSince { last, quiet, as_of: h.as_of, every });
            }
            let (end, cause) = claim.protection.end();
            let left = days_between(h.as_of, end);
            if (0..=i64::from(h.warn_days)).contains(&left) {
                let (p, policy) = (&claim.protection, self.x.policy);
                let code = if cause == EndCause::Lapse { Code::WillLapse } else { Code::WillExpire };
                let m = || match cause {
                    EndCause::Lapse => Found::WillLapse { end, left, last_touch: p.last_touch, lapse: p.lapse_after_days },
                    EndCause::Expiry => {
                        let channel = policy.channel(policy.rep(claim.rep).channel).name.clone();
                        let days = p.expire_without_visit_days.unwrap_or(0);
                        Found::WillExpire { end, left, start: p.start, days, channel }
                    }
                };
                self.claim_at(row.line, claim::DATE, false, code, m);
            }
        }
    }

    /// Claims refused as duplicates only because their phone is linked to
    /// the holder's: two reps who each claimed a phone of one customer.
    fn linked_conflicts(&mut self) {
        let l = self.x.ledgers;
        let customers = &self.x.outcome.customers;
        for (i, row) in l.claims.rows.iter().enumerate() {
            let (RowDecision::Invalid(Invalid::Duplicate { holder }), Some(phone)) = (&self.x.outcome.rows[i], row.phone.valid()) else { continue };
            let h = &self.x.outcome.valid[holder.ix()];
            if h.phone == phone {
                continue;
            }
            let policy = self.x.policy;
            let m = || {
                let links: Vec<LinkPlace> = customers.path(phone, h.phone).into_iter().map(|link| link_row(l, link)).collect();
                let at = l.claims.at(l.claims.rows[h.row as usize].line).to_string();
                let holder = policy.rep(h.rep).name.clone();
                Found::LinkedClaimsConflict { phone, holder, at, holder_phone: h.phone, links }
            };
            self.claim_at(row.line, claim::PHONE, false, Code::LinkedClaimsConflict, m);
        }
    }

    /// Deals closed by someone not in the roster.
    fn closers(&mut self) {
        let l = self.x.ledgers;
        for deal in &l.deals.rows {
            let name = l.text(deal.closed_by);
            if self.x.policy.rep_id(name).is_none() {
                let hint = hints::did_you_mean(name, self.x.policy.rep_names());
                let m = Found::UnknownRep { column: "closed_by", name: name.to_string(), hint: hint.map(str::to_string) };
                let d = warn_at(&l.deals, &self.maps.deals, deal.line, customer::CLOSED_BY, Code::UnknownRep, m);
                self.out.push(d);
            }
        }
    }

    /// Rulings naming someone not in the roster, or repeating a customer.
    fn rulings(&mut self) {
        let l = self.x.ledgers;
        for (i, r) in l.rulings.rows.iter().enumerate() {
            if let Some(owner) = r.owner.filter(|o| self.x.policy.rep_id(l.text(*o)).is_none()) {
                let hint = hints::did_you_mean(l.text(owner), self.x.policy.rep_names());
                let m = Found::UnknownRep { column: "owner", name: l.text(owner).to_string(), hint: hint.map(str::to_string) };
                let d = warn_at(&l.rulings, &self.maps.rulings, r.line, ruling::OWNER, Code::UnknownRep, m);
                self.out.push(d);
            }
            if self.x.outcome.ignored_rulings.contains(&i) && r.phone.valid().is_some() {
                let d = warn_at(&l.rulings, &self.maps.rulings, r.line, ruling::PHONE, Code::IgnoredRuling, Found::RepeatedRuling);
                self.out.push(d);
            }
        }
    }
}

/// Phones that are probably one customer and are not linked (the reasons
/// of `dupes`), reported at the row that shows the later phone. Apart from
/// the other findings: it needs only the ledgers and their links, not what
/// was decided, so `check` can run it beside `decide`.
pub fn duplicate_customers(l: &Ledgers, customers: &Customers, maps: &Maps, scope: Scope) -> Vec<Diagnostic> {
    if !(scope.claims || scope.deals) {
        return Vec::new();
    }
    let rows = dupes::sightings(l, scope.claims, scope.deals, None);
    let found = dupes::find(rows, customers).into_iter().map(|pair| {
        let (a, b) = (pair.earlier, pair.later);
        let at = l.row_at(a.source, a.line).to_string();
        let (name, other_name, address) = (b.name.to_string(), a.name.to_string(), b.address.unwrap_or("").to_string());
        let m = Found::PossibleDuplicate { reason: pair.reason, name, other_name, address, other: a.phone, at };
        match b.source {
            Source::Deals => warn_at(&l.deals, &maps.deals, b.line, customer::PHONE, Code::PossibleDuplicateCustomer, m),
            _ => warn_at(&l.claims, &maps.claims, b.line, claim::PHONE, Code::PossibleDuplicateCustomer, m),
        }
    });
    found.collect()
}

/// A decision on a claim row as data, worded by [`crate::messages`]: the one
/// source of what `check` says and of the `detail` column and `explain`.
impl Settled<'_> {
    /// What a claim `attribute` would refuse is about: the rule, its key
    /// and the numbers.
    pub fn invalid_found(&self, row: usize, why: &Invalid) -> Found {
        let l = self.ledgers;
        let r = &l.claims.rows[row];
        let policy = self.policy;
        let row_rep = || r.rep.and_then(|name| policy.rep_id(l.text(name))).map(|id| policy.rep(id));
        match why {
            Invalid::UnknownRep => match r.rep {
                None => Found::NoRep,
                Some(rep) => {
                    let hint = hints::did_you_mean(l.text(rep), policy.rep_names()).map(str::to_string);
                    Found::UnknownRep { column: "rep", name: l.text(rep).to_string(), hint }
                }
            },
            Invalid::MissingFields(fields) => Found::MissingFields { fields: *fields, required: policy.claims.required },
            Invalid::BadPhone => match r.phone {
                PhoneCell::Bad(text, why) => Found::bad_phone("phone", l.text(text), why, Then::Nothing),
                _ => Found::NoPhone,
            },
            Invalid::AfterDeal { deal } => {
                let d = &l.deals.rows[*deal as usize];
                Found::AfterDeal { deal: l.text(d.id).to_string(), at: l.deals.at(d.line).to_string(), first_deal: d.day }
            }
            Invalid::LateClaim { days } => {
                // The walk refuses a late claim only by its first_contact.
                let first_contact = r.first_contact.unwrap_or(r.day);
                Found::LateClaim { days: *days, first_contact, within: policy.claims.claim_within_days }
            }
            Invalid::CrossRegion => {
                let rep = row_rep();
                Found::CrossRegion {
                    region: r.region.map_or("", |region| l.text(region)).to_string(),
                    rep: rep.map_or(String::new(), |r| r.name.clone()),
                    rep_region: rep.and_then(|r| r.region.clone()).unwrap_or_default(),
                    allowed: policy.territory.allowed_reasons.clone(),
                }
            }
            Invalid::Duplicate { holder } => {
                let h = &self.outcome.valid[holder.ix()];
                let at = l.claims.at(l.claims.rows[h.row as usize].line).to_string();
                Found::Duplicate { holder: policy.rep(h.rep).name.clone(), at, start: h.protection.start, end: h.protection.end().0 }
            }
            Invalid::OverQuota { held } => {
                let channel = row_rep().map(|r| policy.channel(r.channel));
                Found::OverQuota {
                    held: *held,
                    channel: channel.map_or("?".to_string(), |c| c.name.clone()),
                    quota: channel.and_then(|c| c.monthly_quota).unwrap_or(0),
                }
            }
        }
    }

    /// Why a follow-up or visit touched no claim (`decision` is
    /// [`RowDecision::Orphan`] or [`RowDecision::Ended`]).
    pub fn orphan_found(&self, decision: &RowDecision) -> OrphanWhy {
        match decision {
            RowDecision::Orphan(Orphan::UnknownRep) => OrphanWhy::UnknownRep,
            RowDecision::Orphan(Orphan::BadPhone) => OrphanWhy::BadPhone,
            RowDecision::Ended(v) => {
                let c = &self.outcome.valid[v.ix()];
                let l = self.ledgers;
                OrphanWhy::Ended { row: l.claims.at(l.claims.rows[c.row as usize].line).to_string(), end: c.protection.end().0 }
            }
            RowDecision::Orphan(Orphan::NoClaim) => OrphanWhy::NoClaim,
            // Not an orphan: never asked (see the callers).
            RowDecision::LeftOut | RowDecision::Invalid(_) | RowDecision::Valid(_) | RowDecision::Refresh(_) | RowDecision::Touch(_) => OrphanWhy::NoClaim,
        }
    }
}

/// `links.csv:2`, or `claims.csv:4` for a cell of several numbers: the row
/// that wrote a link.
pub fn link_row(l: &Ledgers, link: LinkRef) -> LinkPlace {
    match link {
        LinkRef::File(i) => LinkPlace { row: l.links.at(l.links.rows[i as usize].line).to_string(), one_cell: false },
        LinkRef::Cell(i) => {
            let c = &l.cell_links[i as usize];
            LinkPlace { row: l.row_at(c.source, c.line).to_string(), one_cell: true }
        }
    }
}

/// `closed_period_edited` for each row of a closed period that changed,
/// appeared or vanished since its snapshot (SPEC §14).
pub fn closed_period_findings(ledgers: &crate::domain::ledger::Ledgers, s: &crate::engine::closing::Settlement, out: &mut Findings) {
    use crate::engine::closing::LedgerKind;
    for e in &s.edits {
        let file = match e.ledger {
            LedgerKind::Claims => &ledgers.claims.file,
            LedgerKind::Customers => &ledgers.deals.file,
            LedgerKind::Rulings => &ledgers.rulings.file,
            LedgerKind::Links => &ledgers.links.file,
        };
        let snap = &s.snapshots[e.snapshot];
        let found = Found::ClosedPeriodEdited { change: e.change, period: snap.period, snapshot: snap.name.clone(), next_open: s.next_open };
        out.push(Diagnostic::warning(file, Some(e.line), None, Code::ClosedPeriodEdited, found));
    }
    if let Some(first) = s.snapshots.iter().min_by_key(|x| x.period) {
        open_before_closed(s, first.period, &first.name, out);
    }
}

/// `open_before_closed` for each period with commission lines left open
/// before `closed`, the first closed one (`snapshot`): a first close that
/// skipped it.
pub fn open_before_closed(s: &crate::engine::closing::Settlement, closed: crate::domain::period::Period, snapshot: &str, out: &mut Findings) {
    for period in s.open_before(closed) {
        let found = Found::OpenBeforeClosed { period, closed, snapshot: snapshot.to_string() };
        out.push(Diagnostic::warning(snapshot, None, None, Code::OpenBeforeClosed, found));
    }
}

/// The column an invalid claim's finding points at.
fn invalid_column(why: &Invalid) -> usize {
    match why {
        Invalid::UnknownRep | Invalid::OverQuota { .. } => claim::REP,
        Invalid::MissingFields(fields) => fields.iter().next().map_or(claim::CUSTOMER, field_column),
        Invalid::BadPhone | Invalid::Duplicate { .. } => claim::PHONE,
        Invalid::AfterDeal { .. } => claim::DATE,
        Invalid::LateClaim { .. } => claim::FIRST_CONTACT,
        Invalid::CrossRegion => claim::REGION,
    }
}

fn field_column(f: crate::domain::ledger::Field) -> usize {
    use crate::domain::ledger::Field;
    match f {
        Field::Customer => claim::CUSTOMER,
        Field::Phone => claim::PHONE,
        Field::Address => claim::ADDRESS,
        Field::Region => claim::REGION,
        Field::FirstContact => claim::FIRST_CONTACT,
        Field::CrossRegionReason => claim::CROSS_REGION_REASON,
    }
}

#[cfg(test)]
mod tests {
    use chrono::NaiveDate;

    use super::*;
    use crate::engine::testkit::{Book, ROSTER};

    /// The policy findings of a decided book as (code, line), sorted.
    fn findings(b: &mut Book, as_of: &str, warn_days: u32) -> Vec<(Code, Option<Line>)> {
        let day = NaiveDate::parse_from_str(as_of, "%Y-%m-%d").unwrap();
        b.decide(Some(as_of));
        let x = Settled { ledgers: &b.ledgers, policy: &b.policy, outcome: b.outcome.as_ref().unwrap() };
        let scope = Scope { claims: true, deals: true, rulings: true, links: true };
        let mut out = Findings::new(100);
        let dupes = || duplicate_customers(x.ledgers, &x.outcome.customers, &Maps::default(), scope);
        policy_findings(&x, &Maps::default(), scope, Horizon { as_of: day, warn_days }, dupes, &mut out);
        out.sort();
        out.kept.iter().map(|d| (d.code, d.line)).collect()
    }

    #[test]
    fn a_colleague_s_claim_on_a_protected_customer_is_a_duplicate_error() {
        let mut b = Book::new(ROSTER);
        b.claim("2026-03-01", "张伟", "13800000001");
        let later = b.claim("2026-03-02", "刘洋", "13800000001");
        let found = findings(&mut b, "2026-03-02", 3);
        assert!(found.contains(&(Code::Duplicate, Some(later))), "{found:?}");
        let x = b.outcome.as_ref().unwrap();
        assert!(matches!(x.rows[1], RowDecision::Invalid(Invalid::Duplicate { .. })));
    }

    #[test]
    fn a_claim_about_to_lapse_warns_within_the_warn_days_only() {
        let mut b = Book::new(ROSTER);
        let line = b.claim("2026-03-01", "刘洋", "13800000001");
        // Lapses after 2026-03-11 (10 days without a touch).
        assert!(findings(&mut b, "2026-03-09", 3).contains(&(Code::WillLapse, Some(line))));
        assert!(!findings(&mut b, "2026-03-05", 3).iter().any(|(c, _)| *c == Code::WillLapse));
    }

    #[test]
    fn a_touch_with_no_claim_is_an_orphan_warning() {
        let mut b = Book::new(ROSTER);
        let line = b.touch("2026-03-01", "刘洋", "follow_up", "13800000001");
        assert!(findings(&mut b, "2026-03-02", 3).contains(&(Code::OrphanTouch, Some(line))));
    }

    #[test]
    fn a_clean_claim_finds_nothing() {
        let mut b = Book::new(ROSTER);
        b.claim("2026-03-01", "刘洋", "13800000001");
        b.touch("2026-03-02", "刘洋", "follow_up", "13800000001");
        assert_eq!(findings(&mut b, "2026-03-02", 3), []);
    }
}

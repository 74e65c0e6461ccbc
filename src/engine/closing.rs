//! Closed periods (SPEC §14): frozen commission lines, the recomputation of
//! each closed period under the rules it was paid under, adjustment lines
//! for the difference, and the rows of a closed period that changed.
//!
//! Pure: snapshots come in as values (reading and writing them is the IO
//! edge's job, in `load::snapshot` and `render::snapshot`).

use std::collections::{BTreeMap, VecDeque};

use chrono::NaiveDate;
use rust_decimal::Decimal;
use rustc_hash::FxHashMap;

use super::{CommissionLine, Customers, DealDecision, Outcome, decide};
use crate::domain::ledger::{Ledgers, Line, RowHash};
use crate::domain::money::Money;
use crate::domain::period::Period;
use crate::domain::phone::Phone;
use crate::policy::Policy;
use crate::policy::rules_toml::{self, RulesError};

/// What a commission line is (stable values of the `kind` column).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Kind {
    /// Earned in its own period: computed now, or frozen in a snapshot.
    Earned,
    /// A difference posted for a closed period (`restates`).
    Adjustment,
}

impl Kind {
    pub fn as_str(self) -> &'static str {
        match self {
            Kind::Earned => "earned",
            Kind::Adjustment => "adjustment",
        }
    }

    pub fn parse(s: &str) -> Option<Kind> {
        [Kind::Earned, Kind::Adjustment].into_iter().find(|k| k.as_str() == s)
    }
}

/// The figures of a commission line; an adjustment's may be negative.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Figures {
    pub deals: i64,
    pub performance: Money,
    pub commission: Money,
    pub bonus: Money,
    pub total: Money,
}

impl Figures {
    pub(super) fn of(c: &super::CommissionLine) -> Figures {
        Figures { deals: i64::from(c.deals), performance: c.performance, commission: c.commission, bonus: c.bonus, total: c.total }
    }

    fn plus(self, o: Figures) -> Figures {
        Figures {
            deals: self.deals + o.deals,
            performance: self.performance + o.performance,
            commission: self.commission + o.commission,
            bonus: self.bonus + o.bonus,
            total: self.total + o.total,
        }
    }

    pub(super) fn minus(self, o: Figures) -> Figures {
        Figures {
            deals: self.deals - o.deals,
            performance: self.performance - o.performance,
            commission: self.commission - o.commission,
            bonus: self.bonus - o.bonus,
            total: self.total - o.total,
        }
    }

    fn is_zero(&self) -> bool {
        self.deals == 0 && [self.performance, self.commission, self.bonus, self.total].iter().all(Decimal::is_zero)
    }
}

/// A commission line as a snapshot froze it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SnapshotLine {
    pub period: Period,
    /// The rep's folded name.
    pub rep: String,
    pub kind: Kind,
    pub restates: Option<Period>,
    pub figures: Figures,
}

/// The ledgers a snapshot hashes rows of.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum LedgerKind {
    Claims,
    Customers,
    Rulings,
    /// SPEC §15 links.csv: rows joining a phone to the customer of a deal.
    Links,
}

impl LedgerKind {
    pub const ALL: [LedgerKind; 4] = [LedgerKind::Claims, LedgerKind::Customers, LedgerKind::Rulings, LedgerKind::Links];

    pub fn as_str(self) -> &'static str {
        match self {
            LedgerKind::Claims => "claims",
            LedgerKind::Customers => "customers",
            LedgerKind::Rulings => "rulings",
            LedgerKind::Links => "links",
        }
    }
}

/// One hashed row: its line when hashed, its key (a deal id) and hash.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HashedRow {
    pub line: Line,
    pub key: Option<String>,
    pub hash: RowHash,
}

/// The hashed rows of a closed period, by ledger.
pub type RowHashes = BTreeMap<LedgerKind, Vec<HashedRow>>;

/// A closed period as its snapshot holds it.
#[derive(Debug, Clone)]
pub struct Snapshot {
    /// The snapshot file as shown in messages (`closed/2026Q1.json`).
    pub name: String,
    pub period: Period,
    /// The as-of day of the run that closed it.
    pub as_of: NaiveDate,
    /// The text of rules.toml when it was closed.
    pub rules: String,
    pub lines: Vec<SnapshotLine>,
    pub rows: RowHashes,
}

/// Why a line is what it is, for its `detail`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Why {
    /// Computed now: index in [`Outcome::commissions`].
    Live(usize),
    /// Frozen in the snapshot with this index.
    Frozen(usize),
    /// Fresh minus paid for the snapshot with this index (its causes are
    /// [`Settlement::causes`]), and the rep's line of the restated period
    /// decided afresh under the snapshot's stored rules (`None`: the rep has
    /// none now) — what a statement works the adjustment out from.
    Adjustment { snapshot: usize, fresh: Option<Box<CommissionLine>> },
}

/// One commission line of the report.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PayLine {
    pub period: Period,
    pub rep: String,
    pub kind: Kind,
    pub restates: Option<Period>,
    pub figures: Figures,
    pub why: Why,
}

/// How a row of a closed period moved since it was closed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Change {
    Changed,
    Appeared,
    Vanished,
}

impl Change {
    pub fn as_str(self) -> &'static str {
        match self {
            Change::Changed => "changed",
            Change::Appeared => "added",
            Change::Vanished => "removed",
        }
    }
}

/// A row of a closed period whose hash no longer matches.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Edit {
    pub snapshot: usize,
    pub ledger: LedgerKind,
    pub change: Change,
    /// Today's line, or the line in the snapshot for a vanished row.
    pub line: Line,
    /// A deal row's owner in the fresh recomputation, when known.
    pub owner: Option<String>,
}

/// A cause an adjustment can see.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Cause {
    /// A refund dated after the close of a deal of the period: the deal's
    /// index, the refund's day, amount and row (the deal's own row for a
    /// full refund).
    Refund { deal: u32, day: NaiveDate, amount: Money, line: Line },
    Edit(Edit),
}

/// The causes one snapshot's adjustments can see, kept once for all of
/// its reps: a cause concerns one rep, or anyone (a claim row that moved
/// can move any deal). A closed quarter re-exported with every row changed
/// has a cause per row; a copy per rep would be rows × reps.
#[derive(Debug, Clone, Default)]
pub struct Causes {
    seen: Vec<Cause>,
    /// Indexes into `seen`, ascending, of the causes that may concern anyone.
    anyone: Vec<u32>,
    /// Indexes into `seen`, ascending, of the causes that concern one rep.
    by_rep: FxHashMap<String, Vec<u32>>,
    /// The status words of the snapshot's stored rules: today's rules read
    /// the ledgers (SPEC §14), so a word moved between the lists since the
    /// close moves a paid deal with no row changed.
    pub stored_statuses: Option<crate::policy::DealStatuses>,
}

impl Causes {
    fn new(seen: Vec<Seen>) -> Causes {
        let mut causes = Causes::default();
        for (i, s) in seen.into_iter().enumerate() {
            let i = u32::try_from(i).expect("fewer causes than rows, and rows fit a u32");
            match s.rep {
                Some(rep) => causes.by_rep.entry(rep).or_default().push(i),
                None => causes.anyone.push(i),
            }
            causes.seen.push(s.cause);
        }
        causes
    }

    /// The causes that concern `rep`, in the order seen.
    pub fn of<'a>(&'a self, rep: &str) -> impl Iterator<Item = &'a Cause> + 'a {
        let mut own = self.by_rep.get(rep).map_or(&[][..], Vec::as_slice).iter().copied().peekable();
        let mut anyone = self.anyone.iter().copied().peekable();
        std::iter::from_fn(move || {
            let next = match (own.peek(), anyone.peek()) {
                (Some(a), Some(b)) if a < b => own.next(),
                (Some(_), None) => own.next(),
                _ => anyone.next(),
            }?;
            Some(&self.seen[next as usize])
        })
    }

    /// Every cause, whoever it concerns.
    pub fn all(&self) -> &[Cause] {
        &self.seen
    }

    /// How many causes concern `rep`.
    pub fn count(&self, rep: &str) -> usize {
        self.anyone.len() + self.by_rep.get(rep).map_or(0, Vec::len)
    }
}

/// Every commission line, the rows that moved, and where adjustments go.
#[derive(Debug, Clone)]
pub struct Settlement {
    pub lines: Vec<PayLine>,
    pub edits: Vec<Edit>,
    /// The causes each snapshot's adjustments see, by snapshot index.
    pub causes: Vec<Causes>,
    /// The first period after the latest closed one.
    pub next_open: Option<Period>,
    /// The snapshots read, sorted by period.
    pub snapshots: Vec<Snapshot>,
}

impl Settlement {
    /// The snapshot that closed `period`, if any.
    pub fn closed(&self, period: Period) -> Option<&Snapshot> {
        self.snapshots.iter().find(|s| s.period.contains(&period))
    }

    /// The periods with commission lines left open before `closed`, which
    /// is not closed before them: a first close that skipped them.
    pub fn open_before(&self, closed: Period) -> Vec<Period> {
        let open = self.lines.iter().map(|l| l.period).filter(|p| *p < closed && !closed.contains(p) && self.closed(*p).is_none());
        let mut open: Vec<Period> = open.collect();
        open.dedup();
        open
    }

    /// The causes an adjustment line sees (none for any other line).
    pub fn causes_of<'a>(&'a self, line: &'a PayLine) -> impl Iterator<Item = &'a Cause> + 'a {
        let causes = match line.why {
            Why::Adjustment { snapshot, .. } => self.causes.get(snapshot),
            _ => None,
        };
        causes.into_iter().flat_map(|c| c.of(&line.rep))
    }
}

/// A snapshot whose stored rules no longer read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoredRulesError {
    pub snapshot: String,
    pub error: RulesError,
}

/// Settles the commission lines of a run over closed periods: live lines
/// for open periods, frozen lines for closed ones, and an adjustment per rep
/// whose fresh figures for a closed period differ from what was paid.
/// The default as-of day once periods are closed: the latest day in the
/// ledgers, or the latest close if later (the ledgers stood at least there).
pub fn default_as_of(ledgers: &Ledgers, snapshots: &[Snapshot]) -> Option<NaiveDate> {
    super::latest_day(ledgers).into_iter().chain(snapshots.iter().map(|s| s.as_of)).max()
}

/// A snapshot taken after the run's as-of day is not applied: replaying an
/// earlier day sees the period as it was then, open.
pub fn settle(ledgers: &Ledgers, outcome: &Outcome, mut snapshots: Vec<Snapshot>) -> Result<Settlement, StoredRulesError> {
    snapshots.retain(|s| outcome.as_of.is_some_and(|a| s.as_of <= a));
    snapshots.sort_by_key(|s| s.period);
    let closed = |p: &Period| snapshots.iter().any(|s| s.period.contains(p));
    let next_open = snapshots.iter().map(|s| s.period).max().map(|p| p.next());
    let mut lines: Vec<PayLine> = Vec::new();
    for (i, c) in outcome.commissions.iter().enumerate().filter(|(_, c)| !closed(&c.period)) {
        let rep = ledgers.text(c.rep).to_string();
        lines.push(PayLine { period: c.period, rep, kind: Kind::Earned, restates: None, figures: Figures::of(c), why: Why::Live(i) });
    }
    for (k, s) in snapshots.iter().enumerate() {
        lines.extend(s.lines.iter().map(|l| PayLine {
            period: l.period,
            rep: l.rep.clone(),
            kind: l.kind,
            restates: l.restates,
            figures: l.figures,
            why: Why::Frozen(k),
        }));
    }
    let mut edits = Vec::new();
    let mut all_causes = Vec::with_capacity(snapshots.len());
    let mut fresh_by_rules: FxHashMap<&str, (Policy, Outcome)> = FxHashMap::default();
    for (k, s) in snapshots.iter().enumerate() {
        if !fresh_by_rules.contains_key(s.rules.as_str()) {
            let stored = rules_toml::parse(&s.rules).map_err(|error| StoredRulesError { snapshot: s.name.clone(), error })?.policy;
            let fresh = decide(ledgers, &stored, outcome.as_of);
            fresh_by_rules.insert(&s.rules, (stored, fresh));
        }
        let (_, fresh) = &fresh_by_rules[s.rules.as_str()];
        let moved = compare_rows(k, s, &period_rows(ledgers, &outcome.customers, s.period, s.as_of), ledgers, fresh);
        let Some(next) = next_open else {
            all_causes.push(Causes::default());
            continue;
        };
        // Refunds already paid back by an adjustment a later snapshot froze are not causes again.
        let restated = snapshots.iter().filter(|x| x.lines.iter().any(|l| l.restates == Some(s.period)));
        let paid_up_to = restated.map(|x| x.as_of).chain([s.as_of]).max().unwrap_or(s.as_of);
        let mut seen = Causes::new(causes(ledgers, fresh, s, paid_up_to, &moved));
        seen.stored_statuses = fresh_by_rules.get(s.rules.as_str()).map(|(stored, _)| stored.statuses.clone());
        all_causes.push(seen);
        for (rep, diff) in differences(ledgers, fresh, s, &snapshots) {
            let fresh = fresh.commissions.iter().find(|c| c.period == s.period && ledgers.text(c.rep) == rep).cloned().map(Box::new);
            let why = Why::Adjustment { snapshot: k, fresh };
            lines.push(PayLine { period: next, rep, kind: Kind::Adjustment, restates: Some(s.period), figures: diff, why });
        }
        edits.extend(moved);
    }
    lines.sort_by(|a, b| (a.period, &a.rep, a.kind, a.restates).cmp(&(b.period, &b.rep, b.kind, b.restates)));
    Ok(Settlement { lines, edits, causes: all_causes, next_open, snapshots })
}

/// Fresh minus paid, per rep with a difference, for the snapshot's period.
fn differences(ledgers: &Ledgers, fresh: &Outcome, s: &Snapshot, all: &[Snapshot]) -> BTreeMap<String, Figures> {
    let mut diff: BTreeMap<String, Figures> = BTreeMap::new();
    for c in fresh.commissions.iter().filter(|c| c.period == s.period) {
        let d = diff.entry(ledgers.text(c.rep).to_string()).or_default();
        *d = d.plus(Figures::of(c));
    }
    let paid = all.iter().flat_map(|x| &x.lines).filter(|l| match l.kind {
        Kind::Earned => l.period == s.period,
        Kind::Adjustment => l.restates == Some(s.period),
    });
    for l in paid {
        let d = diff.entry(l.rep.clone()).or_default();
        *d = d.minus(l.figures);
    }
    diff.retain(|_, d| !d.is_zero());
    diff
}

/// A cause and the rep it concerns (`None`: it may concern anyone).
struct Seen {
    cause: Cause,
    rep: Option<String>,
}

/// The fresh owner's name of deal `i`.
fn owner(ledgers: &Ledgers, fresh: &Outcome, i: usize) -> Option<String> {
    match fresh.deals.get(i) {
        Some(DealDecision::Owned(o)) => o.owner.map(|s| ledgers.text(s).to_string()),
        _ => None,
    }
}

/// Refunds of the period's deals after what was paid for it (its close, or
/// the latest snapshot that froze an adjustment of it), and its rows that moved.
fn causes(ledgers: &Ledgers, fresh: &Outcome, s: &Snapshot, paid_up_to: NaiveDate, moved: &[Edit]) -> Vec<Seen> {
    let after = |day: NaiveDate| day > paid_up_to && fresh.as_of.is_none_or(|a| day <= a);
    let mut seen = Vec::new();
    for (i, d) in ledgers.deals.rows.iter().enumerate().filter(|(_, d)| s.period.holds(d.day)) {
        if let Some(day) = d.refunded_on.filter(|day| after(*day)) {
            let cause = Cause::Refund { deal: i as u32, day, amount: d.amount, line: d.line };
            seen.push(Seen { cause, rep: owner(ledgers, fresh, i) });
        }
    }
    for r in ledgers.refunds.iter().filter(|r| after(r.day)) {
        let i = r.deal as usize;
        if ledgers.deals.rows.get(i).is_some_and(|d| s.period.holds(d.day)) {
            let cause = Cause::Refund { deal: r.deal, day: r.day, amount: r.amount, line: r.line };
            seen.push(Seen { cause, rep: owner(ledgers, fresh, i) });
        }
    }
    seen.extend(moved.iter().map(|e| Seen { cause: Cause::Edit(e.clone()), rep: e.owner.clone() }));
    seen
}

/// The rows of `period` a snapshot hashes: claim-ledger rows dated in it;
/// its deals, and refunds dated in it or of its deals up to `as_of`;
/// rulings on the phones of its deals; links.csv rows with a phone of the
/// customer (today's group, SPEC §15) of one of its deals: a link added
/// since joins the group and appears, a link removed vanishes.
pub fn period_rows(ledgers: &Ledgers, customers_of: &Customers, period: Period, as_of: NaiveDate) -> RowHashes {
    let row = |line, key: Option<&str>, hash| HashedRow { line, key: key.map(String::from), hash };
    let claims = ledgers.claims.rows.iter().enumerate().filter(|(_, r)| period.holds(r.day)).map(|(i, r)| row(r.line, None, ledgers.claims.hash(i))).collect();
    let in_period = |i: usize| ledgers.deals.rows.get(i).is_some_and(|d| period.holds(d.day));
    let mut customers: Vec<HashedRow> = (0..ledgers.deals.rows.len())
        .filter(|&i| in_period(i))
        .map(|i| (&ledgers.deals.rows[i], ledgers.deals.hash(i)))
        .map(|(d, hash)| row(d.line, Some(ledgers.text(d.id)), hash))
        .collect();
    let refunds = ledgers.refunds.iter().filter(|r| period.holds(r.day) || (in_period(r.deal as usize) && r.day <= as_of));
    customers.extend(refunds.map(|r| row(r.line, r.id.map(|s| ledgers.text(s)), r.hash)));
    customers.sort_by_key(|r| r.line);
    let phones: rustc_hash::FxHashSet<_> = ledgers.deals.rows.iter().filter(|d| period.holds(d.day)).filter_map(|d| d.phone.valid()).collect();
    let on_deals = |r: &crate::domain::ledger::Ruling| r.phone.valid().is_some_and(|p| phones.contains(&p));
    let rulings = ledgers.rulings.rows.iter().enumerate().filter(|(_, r)| on_deals(r)).map(|(i, r)| row(r.line, None, ledgers.rulings.hash(i))).collect();
    let groups: rustc_hash::FxHashSet<Phone> = phones.iter().map(|p| customers_of.key(*p)).collect();
    let bears = |l: &crate::domain::links::Link| [l.phone.valid(), l.same_as.valid()].into_iter().flatten().any(|p| groups.contains(&customers_of.key(p)));
    let links = ledgers.links.rows.iter().enumerate().filter(|(_, l)| bears(l)).map(|(i, l)| row(l.line, None, ledgers.links.hash(i))).collect();
    BTreeMap::from([
        (LedgerKind::Claims, claims),
        (LedgerKind::Customers, customers),
        (LedgerKind::Rulings, rulings),
        (LedgerKind::Links, links),
    ])
}

/// The rows that changed, appeared or vanished since the snapshot: equal
/// hashes match wherever the row moved; a deal id (or else a line) pairs
/// what is left as a change.
fn compare_rows(k: usize, s: &Snapshot, now: &RowHashes, ledgers: &Ledgers, fresh: &Outcome) -> Vec<Edit> {
    let mut edits = Vec::new();
    for ledger in LedgerKind::ALL {
        let (old, new) = (s.rows.get(&ledger).map_or(&[][..], Vec::as_slice), now.get(&ledger).map_or(&[][..], Vec::as_slice));
        let mut counts: FxHashMap<RowHash, i64> = FxHashMap::default();
        old.iter().for_each(|r| *counts.entry(r.hash).or_default() += 1);
        let mut added: Vec<&HashedRow> = Vec::new();
        for r in new {
            match counts.get_mut(&r.hash) {
                Some(n) if *n > 0 => *n -= 1,
                _ => added.push(r),
            }
        }
        let mut removed: Vec<&HashedRow> = Vec::new();
        for r in old {
            if let Some(n) = counts.get_mut(&r.hash).filter(|n| **n > 0) {
                *n -= 1;
                removed.push(r);
            }
        }
        // The owner of a deal row, or of the deal a refund row refunds; a
        // row of another ledger names none (it may concern anyone).
        let mut deal_at: FxHashMap<Line, usize> = FxHashMap::default();
        if ledger == LedgerKind::Customers {
            let deals = ledgers.deals.rows.iter().enumerate().map(|(i, d)| (d.line, i));
            for (line, i) in deals.chain(ledgers.refunds.iter().map(|r| (r.line, r.deal as usize))) {
                deal_at.entry(line).or_insert(i);
            }
        }
        let owner_of = |r: &HashedRow| owner(ledgers, fresh, *deal_at.get(&r.line)?);
        // An added row pairs with the first removed row of its deal id (a
        // row with an id), or else of its line: a change, not an addition.
        let mut by_key: FxHashMap<&str, VecDeque<usize>> = FxHashMap::default();
        let mut by_line: FxHashMap<Line, VecDeque<usize>> = FxHashMap::default();
        for (i, o) in removed.iter().enumerate() {
            match &o.key {
                Some(key) => by_key.entry(key).or_default().push_back(i),
                None => by_line.entry(o.line).or_default().push_back(i),
            }
        }
        let mut paired = vec![false; removed.len()];
        for r in added {
            let queue = match &r.key {
                Some(key) => by_key.get_mut(key.as_str()),
                None => by_line.get_mut(&r.line),
            };
            let change = match queue.and_then(VecDeque::pop_front) {
                Some(p) => {
                    paired[p] = true;
                    Change::Changed
                }
                None => Change::Appeared,
            };
            edits.push(Edit { snapshot: k, ledger, change, line: r.line, owner: owner_of(r) });
        }
        let vanished = removed.into_iter().zip(paired).filter(|(_, paired)| !paired);
        edits.extend(vanished.map(|(r, _)| Edit { snapshot: k, ledger, change: Change::Vanished, line: r.line, owner: None }));
    }
    edits.sort_by_key(|e| (e.ledger, e.line, e.change));
    edits
}

/// The snapshot of `period` as a run computes it now: its settled lines
/// (earned, and adjustments posted into it) and the hashes of its rows.
pub fn snapshot_of(ledgers: &Ledgers, customers: &Customers, settled: &Settlement, period: Period, as_of: NaiveDate, rules: &str, name: &str) -> Snapshot {
    let lines = settled
        .lines
        .iter()
        .filter(|l| l.period == period)
        .map(|l| SnapshotLine { period: l.period, rep: l.rep.clone(), kind: l.kind, restates: l.restates, figures: l.figures })
        .collect();
    Snapshot { name: name.to_string(), period, as_of, rules: rules.to_string(), lines, rows: period_rows(ledgers, customers, period, as_of) }
}

/// Why `close` refuses a period (SPEC §14).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Refusal {
    AlreadyClosed { file: String },
    NotEnded { last_day: NaiveDate, as_of: Option<NaiveDate> },
    BeforeClosed { latest: Period },
    PreviousOpen { previous: Period },
}

/// Whether `period` may be closed as of `as_of`, given the snapshots read.
pub fn may_close(period: Period, as_of: Option<NaiveDate>, snapshots: &[Snapshot]) -> Result<(), Refusal> {
    if let Some(s) = snapshots.iter().find(|s| s.period == period) {
        return Err(Refusal::AlreadyClosed { file: s.name.clone() });
    }
    if as_of.is_none_or(|a| a < period.last_day()) {
        return Err(Refusal::NotEnded { last_day: period.last_day(), as_of });
    }
    if let Some(latest) = snapshots.iter().map(|s| s.period).max() {
        if latest > period {
            return Err(Refusal::BeforeClosed { latest });
        }
        if !snapshots.iter().any(|s| s.period == period.prev()) {
            return Err(Refusal::PreviousOpen { previous: period.prev() });
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::super::testkit::{Book, ROSTER};
    use super::*;
    use crate::domain::money::cents;

    fn q(s: &str) -> Period {
        Period::parse(s).unwrap()
    }

    fn day(s: &str) -> NaiveDate {
        crate::domain::day::parse_day(s).unwrap()
    }

    /// Closes `period` on the book as of `as_of`, given earlier snapshots.
    fn close(b: &Book, period: &str, as_of: &str, earlier: &[Snapshot]) -> Snapshot {
        let out = decide(&b.ledgers, &b.policy, Some(day(as_of)));
        let settled = settle(&b.ledgers, &out, earlier.to_vec()).unwrap();
        may_close(q(period), out.as_of, earlier).unwrap();
        snapshot_of(&b.ledgers, &out.customers, &settled, q(period), day(as_of), ROSTER, &format!("closed/{period}.json"))
    }

    fn lines(s: &Settlement) -> Vec<String> {
        s.lines
            .iter()
            .map(|l| {
                let f = l.figures;
                let restates = l.restates.map_or(String::new(), |p| format!(" ({p})"));
                format!("{} {} {}{restates} {} {} {} {}", l.period, l.rep, l.kind.as_str(), f.deals, cents(f.performance), cents(f.commission), cents(f.total))
            })
            .collect()
    }

    #[test]
    fn a_refund_after_the_close_is_an_adjustment_in_the_next_open_period() {
        let mut b = Book::new(ROSTER);
        b.deal("A", "2026-03-01", "13800000001", "100000", "刘洋");
        b.deal("B", "2026-03-02", "13800000002", "50000", "张伟");
        let snap = close(&b, "2026Q1", "2026-04-02", &[]);
        b.refund_in_full("B", "2026-04-03");
        b.refund("A", "2026-04-05", "20000");
        let out = decide(&b.ledgers, &b.policy, None);
        let s = settle(&b.ledgers, &out, vec![snap]).unwrap();
        assert_eq!(lines(&s), [
            "2026Q1 刘洋 earned 1 100000.00 2000.00 4000.00",
            "2026Q1 张伟 earned 1 50000.00 1000.00 1000.00",
            "2026Q2 刘洋 adjustment (2026Q1) 0 -20000.00 -400.00 -400.00",
            "2026Q2 张伟 adjustment (2026Q1) 0 -50000.00 -1000.00 -1000.00",
        ]);
        let causes: Vec<_> = s.causes_of(&s.lines[3]).cloned().collect();
        assert_eq!(causes, &[Cause::Refund { deal: 1, day: day("2026-04-03"), amount: 50000.into(), line: 3 }]);
        assert!(s.edits.is_empty());
    }

    #[test]
    fn causes_are_kept_once_and_each_rep_sees_its_own_and_everyones_in_order() {
        let refund = |deal: u32| Cause::Refund { deal, day: day("2026-04-03"), amount: 100.into(), line: deal };
        let seen = |deal, rep: Option<&str>| Seen { cause: refund(deal), rep: rep.map(String::from) };
        let c = Causes::new(vec![seen(0, None), seen(1, Some("X")), seen(2, None), seen(3, Some("Y")), seen(4, Some("X"))]);
        let of = |rep| c.of(rep).map(|c| match c {
            Cause::Refund { deal, .. } => *deal,
            Cause::Edit(_) => unreachable!(),
        }).collect::<Vec<_>>();
        assert_eq!(of("X"), [0, 1, 2, 4]);
        assert_eq!(of("Y"), [0, 2, 3]);
        assert_eq!(of("Z"), [0, 2]);
        assert_eq!((c.count("X"), c.count("Y"), c.count("Z")), (4, 3, 2));
        assert_eq!(c.all().len(), 5);
    }

    #[test]
    fn replaying_a_day_before_the_close_sees_the_period_open() {
        let mut b = Book::new(ROSTER);
        b.deal("A", "2026-03-01", "13800000001", "100000", "刘洋");
        b.deal("B", "2026-03-30", "13800000002", "50000", "刘洋");
        let snap = close(&b, "2026Q1", "2026-04-02", &[]);
        let out = decide(&b.ledgers, &b.policy, Some(day("2026-03-15")));
        let s = settle(&b.ledgers, &out, vec![snap]).unwrap();
        assert_eq!(lines(&s), ["2026Q1 刘洋 earned 1 100000.00 2000.00 4000.00"]);
        assert!(s.snapshots.is_empty());
    }

    #[test]
    fn an_adjustment_frozen_by_a_later_close_is_not_posted_again() {
        let mut b = Book::new(ROSTER);
        b.deal("A", "2026-03-01", "13800000001", "100000", "刘洋");
        b.deal("B", "2026-04-01", "13800000002", "1000", "张伟");
        b.refund("A", "2026-04-10", "10000");
        let q1 = close(&b, "2026Q1", "2026-04-02", &[]);
        let q2 = close(&b, "2026Q2", "2026-07-01", std::slice::from_ref(&q1));
        assert_eq!(q2.lines.iter().filter(|l| l.kind == Kind::Adjustment).count(), 1);
        b.refund("A", "2026-08-01", "5000");
        let out = decide(&b.ledgers, &b.policy, None);
        let s = settle(&b.ledgers, &out, vec![q1, q2]).unwrap();
        assert_eq!(lines(&s)[1..], [
            "2026Q2 刘洋 adjustment (2026Q1) 0 -10000.00 -200.00 -200.00",
            "2026Q2 张伟 earned 1 1000.00 20.00 2020.00",
            "2026Q3 刘洋 adjustment (2026Q1) 0 -5000.00 -100.00 -100.00",
        ]);
        let causes: Vec<_> = s.causes_of(&s.lines[3]).cloned().collect();
        assert_eq!(causes, &[Cause::Refund { deal: 0, day: day("2026-08-01"), amount: 5000.into(), line: 103 }]);
    }

    #[test]
    fn periods_close_in_order_once_and_when_ended() {
        let mut b = Book::new(ROSTER);
        b.deal("A", "2026-03-01", "13800000001", "100", "刘洋");
        assert_eq!(may_close(q("2026Q1"), Some(day("2026-03-30")), &[]), Err(Refusal::NotEnded { last_day: day("2026-03-31"), as_of: Some(day("2026-03-30")) }));
        let q1 = close(&b, "2026Q1", "2026-03-31", &[]);
        let two = [q1.clone()];
        assert_eq!(may_close(q("2026Q1"), Some(day("2026-07-01")), &two), Err(Refusal::AlreadyClosed { file: "closed/2026Q1.json".into() }));
        assert_eq!(may_close(q("2026Q3"), Some(day("2026-10-01")), &two), Err(Refusal::PreviousOpen { previous: q("2026Q2") }));
        assert_eq!(may_close(q("2025Q4"), Some(day("2026-10-01")), &two), Err(Refusal::BeforeClosed { latest: q("2026Q1") }));
        assert_eq!(may_close(q("2026Q2"), Some(day("2026-06-30")), &two), Ok(()));
    }

    #[test]
    fn edited_rows_are_found_by_hash_and_key() {
        let mut b = Book::new(ROSTER);
        b.deal("A", "2026-03-01", "13800000001", "100", "刘洋");
        b.deal("B", "2026-03-02", "13800000002", "100", "刘洋");
        b.ledgers.deals.hashes = vec![1, 2];
        let snap = close(&b, "2026Q1", "2026-04-01", &[]);
        b.ledgers.deals.hashes = vec![3];
        b.ledgers.deals.rows.remove(1);
        b.deal("C", "2026-03-03", "13800000003", "100", "张伟");
        b.ledgers.deals.hashes.push(4);
        let out = decide(&b.ledgers, &b.policy, default_as_of(&b.ledgers, std::slice::from_ref(&snap)));
        let s = settle(&b.ledgers, &out, vec![snap]).unwrap();
        let edits: Vec<_> = s.edits.iter().map(|e| (e.change, e.line)).collect();
        assert_eq!(edits, [(Change::Changed, 2), (Change::Appeared, 3), (Change::Vanished, 3)]);
        assert_eq!(lines(&s)[1..], ["2026Q2 刘洋 adjustment (2026Q1) -1 -100.00 -2.00 -2.00", "2026Q2 张伟 adjustment (2026Q1) 1 100.00 2.00 2002.00"]);
    }
}

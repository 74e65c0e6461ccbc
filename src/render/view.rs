//! The three reports as rows of typed cells, shared by every renderer; each
//! row's cells follow its report's columns (`columns.rs`).
//!
//! Pure: borrows the ledgers, policy and outcome; allocates only the
//! explanation text of each row.

use std::fmt;

use chrono::NaiveDate;

use super::columns::{CLAIMS, COMMISSIONS, DEALS, Kind};
use crate::domain::day::Ymd;
use crate::domain::ledger::{PhoneText, RowName};
use crate::domain::money::{Money, cents};
use crate::domain::period::Period;
use crate::engine::closing::{PayLine, Settlement, Why};
use crate::engine::{DealDecision, RowDecision, Status};
use crate::engine::Settled;
use crate::messages::{Lang, shown};

/// One cell of a report.
#[derive(Debug, Clone)]
pub enum Cell<'a> {
    Text(&'a str),
    Owned(String),
    Day(NaiveDate),
    Money(Money),
    Row(RowName<'a>),
    Phone(PhoneText<'a>),
    Count(u64),
    /// A count that may be negative (an adjustment's deals).
    Int(i64),
    /// Nobody: the house owns the deal.
    House,
    Empty,
}

impl Cell<'_> {
    /// True when the cell may stand in a column holding `kind`: an empty
    /// cell (or the house) fits any column.
    pub fn fits(&self, kind: Kind) -> bool {
        match self {
            Cell::Day(_) => kind == Kind::Day,
            Cell::Money(_) => kind == Kind::Money,
            Cell::Count(_) | Cell::Int(_) => kind == Kind::Count,
            Cell::House | Cell::Empty => true,
            Cell::Text(_) | Cell::Owned(_) | Cell::Row(_) | Cell::Phone(_) => kind == Kind::Text,
        }
    }
}

impl fmt::Display for Cell<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Cell::Text(t) => f.write_str(t),
            Cell::Owned(t) => f.write_str(t),
            Cell::Day(d) => write!(f, "{}", Ymd(*d)),
            Cell::Money(m) => write!(f, "{}", cents(*m)),
            Cell::Row(r) => write!(f, "{r}"),
            Cell::Phone(p) => write!(f, "{p}"),
            Cell::Count(n) => write!(f, "{n}"),
            Cell::Int(n) => write!(f, "{n}"),
            Cell::House | Cell::Empty => Ok(()),
        }
    }
}

/// The reports of one run.
#[derive(Clone, Copy)]
pub struct Report<'a> {
    pub x: Settled<'a>,
    /// Only commission periods inside this one are reported.
    pub period: Option<Period>,
    /// The commission lines, closed periods settled (SPEC §14).
    pub settlement: &'a Settlement,
    /// Every phone as `138****8000`, in its column and in the detail that
    /// repeats it (`--mask-phones`, SPEC §16).
    pub mask_phones: bool,
    /// The language of the `detail` column (SPEC §12).
    pub lang: Lang,
}

impl<'a> Report<'a> {
    /// Attributed deals in deal order (day, then ledger line).
    pub fn deals(&self) -> impl Iterator<Item = [Cell<'a>; DEALS.list.len()]> + 'a {
        let (this, x) = (*self, self.x);
        let rows = &x.ledgers.deals.rows;
        let mut order: Vec<usize> =
            (0..rows.len()).filter(|&i| matches!(x.outcome.deals[i], DealDecision::Owned(_))).collect();
        order.sort_unstable_by_key(|&i| (rows[i].day, rows[i].line));
        order.into_iter().map(move |i| {
            let d = &rows[i];
            let DealDecision::Owned(o) = x.outcome.deals[i] else { unreachable!("filtered above") };
            let (phone, detail) = this.phone_and_detail(d.phone.display(&x.ledgers.strings), x.ownership(this.lang, i, &o));
            let claim_row = match o.basis {
                crate::engine::Basis::Claim(v) => {
                    Cell::Row(x.ledgers.claims.at(x.ledgers.claims.rows[x.outcome.valid[v.ix()].row as usize].line))
                }
                _ => Cell::Empty,
            };
            [
                Cell::Text(x.ledgers.text(d.id)),
                Cell::Day(d.day),
                d.customer.map_or(Cell::Empty, |s| Cell::Text(x.ledgers.text(s))),
                phone,
                Cell::Money(d.amount),
                Cell::Money(x.outcome.refunded[i]),
                Cell::Money(d.amount - x.outcome.refunded[i]),
                Cell::Text(x.ledgers.text(d.closed_by)),
                o.owner.map_or(Cell::House, |s| Cell::Text(x.ledgers.text(s))),
                Cell::Text(o.basis.as_str()),
                claim_row,
                Cell::Row(x.ledgers.deals.at(d.line)),
                detail,
            ]
        })
    }

    /// Every claim row that is not a refresh, in ledger order, with its status.
    pub fn claims(&self) -> impl Iterator<Item = (Status, [Cell<'a>; CLAIMS.list.len()])> + 'a {
        let (this, x) = (*self, self.x);
        let rows = &x.ledgers.claims.rows;
        (0..rows.len()).filter_map(move |i| {
            let r = &rows[i];
            let (status, reason, end, detail) = match &x.outcome.rows[i] {
                RowDecision::Invalid(why) => (Status::Invalid, Cell::Text(why.code().as_str()), Cell::Empty, x.invalid(this.lang, i, why)),
                RowDecision::Valid(v) => {
                    let claim = &x.outcome.valid[v.ix()];
                    (claim.status, Cell::Empty, Cell::Day(claim.protection.end().0), x.valid_claim(this.lang, *v))
                }
                _ => return None,
            };
            let (phone, detail) = this.phone_and_detail(r.phone.display(&x.ledgers.strings), detail);
            let cells = [
                Cell::Row(x.ledgers.claims.at(r.line)),
                Cell::Day(r.day),
                r.rep.map_or(Cell::Empty, |s| Cell::Text(x.ledgers.text(s))),
                r.customer.map_or(Cell::Empty, |s| Cell::Text(x.ledgers.text(s))),
                phone,
                Cell::Text(status.as_str()),
                reason,
                end,
                detail,
            ];
            Some((status, cells))
        })
    }

    /// Commission lines, sorted by period, rep, kind, inside the period filter.
    pub fn commissions(&self) -> impl Iterator<Item = [Cell<'a>; COMMISSIONS.list.len()]> + 'a {
        let (this, period, settlement) = (*self, self.period, self.settlement);
        settlement.lines.iter().filter(move |c| period.is_none_or(|p| p.contains(&c.period))).map(move |c| {
            let f = c.figures;
            [
                Cell::Owned(c.period.to_string()),
                Cell::Text(&c.rep),
                this.channel(&c.rep),
                Cell::Int(f.deals),
                Cell::Money(f.performance),
                Cell::Money(f.commission),
                Cell::Money(f.bonus),
                Cell::Money(f.total),
                Cell::Text(c.kind.as_str()),
                c.restates.map_or(Cell::Empty, |p| Cell::Owned(p.to_string())),
                Cell::Owned(this.detail(c)),
            ]
        })
    }

    fn detail(&self, c: &PayLine) -> String {
        line_detail(&self.x, self.lang, self.settlement, c)
    }

    /// A row's phone cell and detail, masked when asked: a bad phone the
    /// detail quotes is masked there too.
    fn phone_and_detail(&self, phone: PhoneText<'a>, detail: String) -> (Cell<'a>, Cell<'a>) {
        if !self.mask_phones {
            return (Cell::Phone(phone), Cell::Owned(detail));
        }
        let text = phone.to_string();
        let masked = super::table::mask(&text);
        let detail = if text.is_empty() { detail } else { detail.replace(&shown(&text), &shown(&masked)) };
        (Cell::Owned(masked), Cell::Owned(detail))
    }

    fn channel(&self, rep: &str) -> Cell<'a> {
        let x = self.x;
        match x.policy.rep_id(rep) {
            Some(id) => Cell::Text(&x.policy.channel_of(id).name),
            None => Cell::Empty,
        }
    }
}

/// The `detail` of a settled commission line, as `commissions.csv` writes it.
pub fn line_detail(x: &Settled, lang: Lang, settlement: &crate::engine::closing::Settlement, c: &PayLine) -> String {
    match &c.why {
        Why::Live(i) => x.commission(lang, &x.outcome.commissions[*i]),
        _ => crate::messages::closing::detail(lang, x.ledgers, &x.policy.statuses, settlement, c),
    }
}

//! In-memory ledgers for the engine's unit tests: rows built from cells,
//! without files.

use chrono::NaiveDate;

use super::{DealDecision, Outcome, RowDecision, decide};
use crate::domain::day::{parse_day, parse_stamp};
use crate::domain::ledger::{ClaimRow, Deal, Event, Ledgers, PhoneCell, Refund, Ruling};
use crate::domain::links::{CellLink, Link, Source};
use crate::domain::money::parse_amount;
use crate::policy::Policy;
use crate::policy::rules_toml;

/// One claim-ledger row as cells; `..Row::default()` fills a complete claim.
pub struct Row {
    pub date: &'static str,
    pub rep: &'static str,
    pub event: &'static str,
    pub customer: &'static str,
    pub phone: &'static str,
    pub address: &'static str,
    pub region: &'static str,
    pub first_contact: &'static str,
    pub reason: &'static str,
}

impl Default for Row {
    fn default() -> Self {
        Row {
            date: "2026-03-01",
            rep: "张伟",
            event: "claim",
            customer: "客户",
            phone: "13800000001",
            address: "地址",
            region: "",
            first_contact: "",
            reason: "",
        }
    }
}

/// Three reps on the SPEC's default rules: 张伟 and 王磊 in the field
/// (east and west), 刘洋 in the store (east).
pub const ROSTER: &str = r#"
[channels.field]
expire_without_visit_days = 15
monthly_quota = 20

[reps."张伟"]
channel = "field"
region = "east"

[reps."王磊"]
channel = "field"
region = "west"

[reps."刘洋"]
channel = "store"
region = "east"
"#;

pub struct Book {
    pub ledgers: Ledgers,
    pub policy: Policy,
    pub outcome: Option<Outcome>,
}

impl Book {
    pub fn new(rules: &str) -> Book {
        let policy = rules_toml::parse(rules).unwrap_or_else(|e| panic!("{}", e.text("rules.toml", crate::messages::Lang::En))).policy;
        Book { ledgers: Ledgers::empty("claims.csv", "customers.csv", "rulings.csv"), policy, outcome: None }
    }

    /// Adds a claim-ledger row; returns its line (the first row is line 2).
    pub fn row(&mut self, r: Row) -> u32 {
        let stamp = parse_stamp(r.date).unwrap();
        let line = self.ledgers.claims.rows.len() as u32 + 2;
        let phone = self.phone(Source::Claims, line, r.phone);
        let s = &mut self.ledgers.strings;
        let row = ClaimRow {
            line,
            day: stamp.day,
            time: stamp.time.map(Into::into),
            rep: s.intern_folded(r.rep),
            event: Event::parse(r.event).unwrap(),
            customer: s.push_folded(r.customer),
            phone,
            address: s.push_folded(r.address),
            region: s.intern_folded(r.region),
            first_contact: (!r.first_contact.is_empty()).then(|| parse_day(r.first_contact).unwrap()),
            cross_region_reason: s.intern_folded(r.reason),
        };
        self.ledgers.claims.rows.push(row);
        line
    }

    /// A claim by `rep` on `phone` at `date`.
    pub fn claim(&mut self, date: &'static str, rep: &'static str, phone: &'static str) -> u32 {
        self.row(Row { date, rep, phone, ..Row::default() })
    }

    /// A follow-up or visit.
    pub fn touch(&mut self, date: &'static str, rep: &'static str, event: &'static str, phone: &'static str) -> u32 {
        self.row(Row { date, rep, event, phone, customer: "", address: "", ..Row::default() })
    }

    pub fn deal(&mut self, id: &str, date: &str, phone: &str, amount: &str, closer: &str) {
        let line = self.ledgers.deals.rows.len() as u32 + 2;
        let phone = self.phone(Source::Deals, line, phone);
        let s = &mut self.ledgers.strings;
        self.ledgers.deals.rows.push(Deal {
            line,
            id: s.intern(id),
            day: parse_day(date).unwrap(),
            customer: None,
            phone,
            address: None,
            region: None,
            amount: parse_amount(amount).unwrap(),
            closed_by: s.intern_folded(closer).unwrap(),
            refunded_on: None,
        });
    }

    /// Marks deal `id` refunded in full on `day`.
    pub fn refund_in_full(&mut self, id: &str, day: &str) {
        let i = self.deal_index(id);
        self.ledgers.deals.rows[i].refunded_on = Some(parse_day(day).unwrap());
    }

    /// A partial refund row of deal `id`.
    pub fn refund(&mut self, id: &str, day: &str, amount: &str) {
        let deal = self.deal_index(id) as u32;
        let line = (self.ledgers.deals.rows.len() + self.ledgers.refunds.len()) as u32 + 100;
        let of = self.ledgers.strings.intern(id);
        let amount = parse_amount(amount).unwrap();
        self.ledgers.refunds.push(Refund { line, id: None, day: parse_day(day).unwrap(), amount, of, deal, hash: 0 });
    }

    fn deal_index(&self, id: &str) -> usize {
        self.ledgers.deals.rows.iter().position(|d| self.ledgers.text(d.id) == id).expect("no such deal")
    }

    pub fn ruling(&mut self, phone: &str, owner: &str) {
        let line = self.ledgers.rulings.rows.len() as u32 + 2;
        let phone = self.phone(Source::Rulings, line, phone);
        let ruling = Ruling { line, phone, owner: self.ledgers.strings.intern_folded(owner), reason: None };
        self.ledgers.rulings.rows.push(ruling);
    }

    /// A row of links.csv: `phone` is the same customer as `same_as`.
    pub fn link(&mut self, phone: &str, same_as: &str) {
        let line = self.ledgers.links.rows.len() as u32 + 2;
        self.ledgers.links.file = "links.csv".into();
        let (phone, same_as) = (self.phone(Source::Links, line, phone), self.phone(Source::Links, line, same_as));
        self.ledgers.links.rows.push(Link { line, phone, same_as, reason: None });
    }

    /// A phone cell of `line`, its other numbers linked to the first as the
    /// loader links them.
    fn phone(&mut self, source: Source, line: u32, raw: &str) -> PhoneCell {
        let (cell, others) = PhoneCell::read_all(raw, &mut self.ledgers.strings);
        if let Some(phone) = cell.valid() {
            self.ledgers.cell_links.extend(others.into_iter().map(|same_as| CellLink { source, line, phone, same_as }));
        }
        cell
    }

    pub fn decide(&mut self, as_of: Option<&str>) -> &Outcome {
        let as_of: Option<NaiveDate> = as_of.map(|d| parse_day(d).unwrap());
        self.outcome.insert(decide(&self.ledgers, &self.policy, as_of))
    }

    fn out(&self) -> &Outcome {
        self.outcome.as_ref().expect("call decide first")
    }

    fn index(&self, line: u32) -> usize {
        self.ledgers.claims.rows.iter().position(|r| r.line == line).expect("no such line")
    }

    pub fn decision(&self, line: u32) -> &RowDecision {
        &self.out().rows[self.index(line)]
    }

    /// `status` or `invalid:reason` of a claim row.
    pub fn verdict(&self, line: u32) -> String {
        match self.decision(line) {
            RowDecision::Invalid(why) => format!("invalid:{}", why.code()),
            RowDecision::Valid(_) => self.out().status(self.index(line)).unwrap().as_str().to_string(),
            other => format!("{other:?}"),
        }
    }

    /// The end day of a valid claim row.
    pub fn end(&self, line: u32) -> String {
        match self.decision(line) {
            RowDecision::Valid(v) => self.out().valid[v.ix()].protection.end().0.to_string(),
            other => panic!("line {line} is not a valid claim: {other:?}"),
        }
    }

    /// `owner/basis` of a deal ("-" for the house).
    pub fn owner(&self, id: &str) -> String {
        let i = self.ledgers.deals.rows.iter().position(|d| self.ledgers.text(d.id) == id).expect("no such deal");
        match self.out().deals[i] {
            DealDecision::Owned(o) => {
                format!("{}/{}", o.owner.map_or("-", |s| self.ledgers.text(s)), o.basis.as_str())
            }
            DealDecision::LeftOut => "left out".into(),
        }
    }
}

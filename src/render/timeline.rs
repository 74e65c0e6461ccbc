//! A customer's timeline for `explain`: every claim-ledger row, deal and
//! ruling on them, in order, with each decision and the rule behind it.
//!
//! Pure: builds rows of text from what the engine decided.

use serde::Serialize;

use crate::domain::ledger::{Ledgers, PhoneCell};
use crate::domain::money::cents;
use crate::domain::phone::Phone;
use crate::domain::text::fold;
use crate::engine::closing::Settlement;
use crate::engine::{DealDecision, LinkRef, RowDecision};
use crate::engine::Settled;
use crate::messages::Lang;
use crate::messages::timeline as words;

/// What `explain` was asked about.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Subject {
    /// A customer, by normalised phone.
    Customer(Phone),
    /// A claim-ledger row whose phone names no customer (row index).
    ClaimRow(usize),
    /// A deal whose phone names no customer (deal index).
    Deal(usize),
}

/// One line of a timeline.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Entry {
    pub day: String,
    pub row: String,
    pub who: String,
    pub event: String,
    pub decision: String,
}

/// Finds what a key names: a row `FILE:LINE`, a deal id, or a phone in any
/// written form.
pub fn subject(lang: Lang, key: &str, ledgers: &Ledgers) -> Result<Subject, String> {
    let key = fold(key);
    if let Some(found) = row_key(&key, ledgers) {
        return Ok(found);
    }
    if let Some(i) = ledgers.deals.rows.iter().position(|d| ledgers.text(d.id) == key) {
        return Ok(deal_subject(ledgers, i));
    }
    Phone::parse(&key).map(Subject::Customer).map_err(|_| words::not_a_key(lang, &key, &ledgers.claims.file))
}

fn deal_subject(ledgers: &Ledgers, i: usize) -> Subject {
    ledgers.deals.rows[i].phone.valid().map_or(Subject::Deal(i), Subject::Customer)
}

/// `claims.csv:41` (or the file's full path as given, or its base name).
fn row_key(key: &str, ledgers: &Ledgers) -> Option<Subject> {
    let (file, line) = key.rsplit_once(':')?;
    let line: crate::domain::ledger::Line = line.trim().parse().ok()?;
    fn names(name: &str) -> impl Fn(&str) -> bool + '_ {
        move |f: &str| f == name || std::path::Path::new(name).file_name().is_some_and(|b| b == f)
    }
    if let Some(line) = ledgers.claims.line_named(file, line, names(&ledgers.claims.file)) {
        let i = ledgers.claims.rows.iter().position(|r| r.line == line)?;
        return Some(ledgers.claims.rows[i].phone.valid().map_or(Subject::ClaimRow(i), Subject::Customer));
    }
    if let Some(line) = ledgers.deals.line_named(file, line, names(&ledgers.deals.file)) {
        let i = ledgers.deals.rows.iter().position(|d| d.line == line)?;
        return Some(deal_subject(ledgers, i));
    }
    if let Some(line) = ledgers.rulings.line_named(file, line, names(&ledgers.rulings.file)) {
        let r = ledgers.rulings.rows.iter().find(|r| r.line == line)?;
        return r.phone.valid().map(Subject::Customer);
    }
    None
}

/// Where an entry sits on the timeline: day, kind, time of day, row.
type TimelineKey = (chrono::NaiveDate, u8, Option<crate::domain::day::Clock>, u32);

/// The timeline of a subject: rulings first, then claim-ledger rows and deals
/// by day; on one day claim rows come before deals (claims on the deal day
/// count as before it).
pub fn timeline(x: &Settled, lang: Lang, subject: Subject) -> Vec<Entry> {
    timeline_with(x, lang, subject, None)
}

/// [`timeline`], with what was paid for the subject's deals in closed
/// periods and what moved since (SPEC §14).
pub fn timeline_with(x: &Settled, lang: Lang, subject: Subject, settlement: Option<&Settlement>) -> Vec<Entry> {
    let l = x.ledgers;
    let customers = &x.outcome.customers;
    let on = |cell: PhoneCell| match subject {
        Subject::Customer(p) => cell.valid().is_some_and(|c| customers.same(c, p)),
        _ => false,
    };
    let mut keyed: Vec<(TimelineKey, Entry)> = Vec::new();
    if let Subject::Customer(p) = subject {
        keyed.extend(links(x, lang, p));
    }
    for (i, ruling) in l.rulings.rows.iter().enumerate().filter(|(_, r)| on(r.phone)) {
        let ignored = x.outcome.ignored_rulings.contains(&i);
        let owner = ruling.owner.map(|s| l.text(s));
        let reason = ruling.reason.map_or("", |s| l.text(s));
        let decision = words::ruling(lang, ignored, owner, reason);
        // The house owns no row: `who` stays empty, as `owner` does in
        // attribute's outputs (the decision says who owns it, in words).
        let who = owner.unwrap_or("").to_string();
        let entry = Entry { day: String::new(), row: l.rulings.at(ruling.line).to_string(), who, event: "ruling".into(), decision };
        keyed.push(((chrono::NaiveDate::MIN, 0, None, ruling.line), entry));
    }
    for (i, r) in l.claims.rows.iter().enumerate() {
        if !(on(r.phone) || subject == Subject::ClaimRow(i)) {
            continue;
        }
        let day = match r.time {
            Some(t) => format!("{} {}", r.day, t),
            None => r.day.to_string(),
        };
        let (event, decision) = claim_row_decision(x, lang, i);
        let who = r.rep.map_or(String::new(), |s| l.text(s).to_string());
        keyed.push(((r.day, 1, r.time, r.line), Entry { day, row: l.claims.at(r.line).to_string(), who, event, decision }));
    }
    for (i, d) in l.deals.rows.iter().enumerate() {
        if !(on(d.phone) || subject == Subject::Deal(i)) {
            continue;
        }
        let decision = match x.outcome.deals[i] {
            DealDecision::LeftOut => words::left_out(lang).to_string(),
            DealDecision::Owned(o) => {
                let refunded = x.outcome.refunded[i];
                let (net, r) = (cents(d.amount - refunded), cents(refunded));
                words::deal_decision(lang, words::DealLine {
                    id: l.text(d.id),
                    amount: &cents(d.amount),
                    refunded: (!refunded.is_zero()).then_some((&net as &dyn std::fmt::Display, &r as &dyn std::fmt::Display)),
                    closer: l.text(d.closed_by),
                    owner: o.owner.map(|s| l.text(s)),
                    basis: o.basis.as_str(),
                    why: x.ownership(lang, i, &o),
                })
            }
        };
        let entry = Entry { day: d.day.to_string(), row: l.deals.at(d.line).to_string(), who: l.text(d.closed_by).into(), event: "deal".into(), decision };
        keyed.push(((d.day, 2, None, d.line), entry));
        if let Some((snap, decision)) = settlement.and_then(|s| x.closed_deal(lang, s, i)) {
            let entry = Entry { day: snap.as_of.to_string(), row: snap.name.clone(), who: String::new(), event: "closed".into(), decision };
            keyed.push(((snap.as_of, 4, None, d.line), entry));
        }
        if let Some(day) = d.refunded_on {
            let decision = x.refund_in_full(lang, i, day, settlement);
            let entry = Entry { day: day.to_string(), row: l.deals.at(d.line).to_string(), who: String::new(), event: "refund".into(), decision };
            keyed.push(((day, 3, None, d.line), entry));
        }
    }
    for (k, r) in l.refunds.iter().enumerate() {
        let deal = &l.deals.rows[r.deal as usize];
        if !(on(deal.phone) || subject == Subject::Deal(r.deal as usize)) {
            continue;
        }
        let entry = Entry { day: r.day.to_string(), row: l.deals.at(r.line).to_string(), who: String::new(), event: "refund".into(), decision: x.partial_refund(lang, k, settlement) };
        keyed.push(((r.day, 3, None, r.line), entry));
    }
    keyed.sort_by_key(|a| a.0);
    keyed.into_iter().map(|(_, e)| e).collect()
}

/// The links that joined the customer of `phone`, before every dated row
/// and after the rulings.
fn links(x: &Settled, lang: Lang, phone: Phone) -> Vec<(TimelineKey, Entry)> {
    let l = x.ledgers;
    x.outcome.customers.links_of(phone).into_iter().map(|(a, b, link)| {
        let (line, row, reason) = match link {
            LinkRef::File(i) => {
                let r = &l.links.rows[i as usize];
                (r.line, l.links.at(r.line).to_string(), r.reason.map_or("", |s| l.text(s)))
            }
            LinkRef::Cell(i) => {
                let c = &l.cell_links[i as usize];
                (c.line, l.row_at(c.source, c.line).to_string(), "")
            }
        };
        let decision = crate::messages::link_joins(lang, a, b, matches!(link, LinkRef::Cell(_)), reason);
        let entry = Entry { day: String::new(), row, who: String::new(), event: "link".into(), decision };
        ((chrono::NaiveDate::MIN, 1, None, line), entry)
    }).collect()
}

/// The event word and the decision text of one claim-ledger row.
fn claim_row_decision(x: &Settled, lang: Lang, i: usize) -> (String, String) {
    let l = x.ledgers;
    let r = &l.claims.rows[i];
    let event = r.event.as_str().to_string();
    let of = |v: crate::engine::ValidId| l.claims.at(l.claims.rows[x.outcome.valid[v.ix()].row as usize].line).to_string();
    let decision = match &x.outcome.rows[i] {
        RowDecision::LeftOut => words::left_out(lang).into(),
        RowDecision::Invalid(why) => words::refused(lang, why.code().as_str(), &x.invalid(lang, i, why)),
        RowDecision::Valid(v) => match x.outcome.valid[v.ix()].status {
            crate::engine::Status::Won => words::valid(lang, None, &x.valid_claim(lang, *v)),
            status => words::valid(lang, Some(status.as_str()), &x.valid_claim(lang, *v)),
        },
        RowDecision::Refresh(v) => {
            return ("refresh".into(), words::refresh(lang, &of(*v)));
        }
        RowDecision::Touch(v) => words::touch(lang, &of(*v)),
        orphan @ (RowDecision::Orphan(_) | RowDecision::Ended(_)) => words::orphan(lang, &x.orphan(lang, orphan)),
    };
    (event, decision)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::ledger::{Ledger, Ledgers};

    #[test]
    fn keys_name_rows_deals_and_phones() {
        let mut l = Ledgers::empty("examples/claims.csv", "examples/customers.csv", "");
        let phone = PhoneCell::read("13800138000", &mut l.strings);
        let id = l.strings.intern("SO-1");
        let closer = l.strings.intern("刘洋");
        let day = chrono::NaiveDate::from_ymd_opt(2026, 3, 1).unwrap();
        l.deals = Ledger { file: "examples/customers.csv".into(), rows: vec![crate::domain::ledger::Deal {
            line: 2, id, day, customer: None, phone, address: None, region: None, amount: 1.into(), closed_by: closer, refunded_on: None }], ..Ledger::new("") };
        let p = Phone::parse("13800138000").unwrap();
        assert_eq!(subject(Lang::En, "+86 138 0013 8000", &l), Ok(Subject::Customer(p)));
        assert_eq!(subject(Lang::En, " SO-1 ", &l), Ok(Subject::Customer(p)));
        assert_eq!(subject(Lang::En, "customers.csv:2", &l), Ok(Subject::Customer(p)));
        assert_eq!(subject(Lang::En, "examples/customers.csv:2", &l), Ok(Subject::Customer(p)));
        assert!(subject(Lang::En, "nobody", &l).unwrap_err().contains("is not a phone"));
    }
}

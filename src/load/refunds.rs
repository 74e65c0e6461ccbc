//! Refunds in the customer ledger (SPEC §13): the `status`, `refund_date`
//! and `refund_of` cells of one row, then the checks over the whole ledger.
//!
//! Pure: no IO. A refund that cannot be read is an error (`bad_status`,
//! `bad_refund`): money is never guessed. The whole-ledger checks run on
//! every row, whatever `--as-of`.

use chrono::NaiveDate;
use rustc_hash::FxHashMap;

use crate::domain::columns::customer;
use super::rows::RowReader;
use crate::diag::{BadValue, Code, Diagnostic, Findings, Found, StatusList, Then};
use crate::domain::day::parse_day;
use crate::domain::ledger::{Deal, Ledger, Line, Refund};
use crate::domain::money::{Money, parse_signed_amount};
use crate::domain::text::{Strings, fold};
use crate::policy::DealStatus;

/// One customer-ledger row: a deal, or a partial refund of one.
#[derive(Debug, Clone)]
pub enum CustomerRow {
    Deal(Deal),
    Refund(Refund),
}

/// A refund index not yet resolved to its deal.
const UNRESOLVED: u32 = u32::MAX;

impl RowReader<'_> {
    /// A customer-ledger row: a refund row when it has a negative amount or
    /// a `refund_of`, else a deal with its status.
    pub fn customer_row(&mut self, ids: &mut FxHashMap<Box<str>, Line>) -> Option<CustomerRow> {
        // An Excel error in `refund_of` is no deal id to look up, nor a sign of no refund.
        if self.formula_failed(customer::REFUND_OF, true, Code::BadRefund) {
            return None;
        }
        let refund_of = fold(self.cell(customer::REFUND_OF)).into_owned();
        let negative = parse_signed_amount(self.cell(customer::AMOUNT)).is_ok_and(|a| a < Money::ZERO);
        if negative || !refund_of.is_empty() {
            return self.refund_row(ids, &refund_of).map(CustomerRow::Refund);
        }
        let status = self.status();
        let mut deal = self.deal(ids)?;
        if status? == DealStatus::Refunded {
            deal.refunded_on = Some(self.refund_date(deal.day)?);
        }
        Some(CustomerRow::Deal(deal))
    }

    /// The `status` cell: `None` (and `bad_status`) when it is in neither list.
    fn status(&mut self) -> Option<DealStatus> {
        // An Excel error is not a status to add to either list.
        if self.formula_failed(customer::STATUS, true, Code::BadStatus) {
            return None;
        }
        let raw = self.cell(customer::STATUS);
        let status = self.statuses.classify(raw);
        if status.is_none() {
            let s = self.statuses;
            let list = |given: bool, words: &Vec<String>| if given { StatusList::Given } else { StatusList::BuiltIn(words.clone()) };
            let (refunded, normal) = (list(s.refunded_given, &s.refunded), list(s.normal_given, &s.normal));
            let m = Found::BadStatus { value: fold(raw).into_owned(), refunded, normal };
            self.report(customer::STATUS, true, Code::BadStatus, m);
        }
        status
    }

    /// The day a deal refunded in full was refunded: `refund_date`, else the
    /// deal's own day; never before the deal.
    fn refund_date(&mut self, deal_day: NaiveDate) -> Option<NaiveDate> {
        let raw = self.cell(customer::REFUND_DATE).trim();
        if raw.is_empty() {
            return Some(deal_day);
        }
        match parse_day(raw) {
            Ok(day) if day < deal_day => {
                self.report(customer::REFUND_DATE, true, Code::BadRefund, Found::RefundBeforeDeal { refund: day, deal: deal_day });
                None
            }
            Ok(day) => Some(day),
            Err(why) => {
                let m = Found::BadCell { column: "refund_date", value: raw.to_string(), why: BadValue::date(raw, why) };
                self.report(customer::REFUND_DATE, true, Code::BadDate, m);
                None
            }
        }
    }

    /// A partial refund row: needs only `date`, a negative `amount` and
    /// `refund_of`; its own `deal_id` is optional but unique when given.
    fn refund_row(&mut self, ids: &mut FxHashMap<Box<str>, Line>, refund_of: &str) -> Option<Refund> {
        self.formulas();
        let id = self.refund_id(ids);
        let day = self.required_day(customer::DATE);
        let amount = self.refund_amount(refund_of);
        let status = self.status();
        let hash = self.hash();
        let (id, day, amount, _) = (id?, day?, amount?, status?);
        let of = self.strings.push(refund_of);
        Some(Refund { line: self.line, id, day, amount, of, deal: UNRESOLVED, hash })
    }

    /// `Some(None)` for an empty `deal_id`; `None` when it repeats another.
    fn refund_id(&mut self, ids: &mut FxHashMap<Box<str>, Line>) -> Option<Option<crate::domain::text::Sym>> {
        let text = fold(self.cell(customer::DEAL_ID)).into_owned();
        if text.is_empty() {
            return Some(None);
        }
        if let Some(first) = ids.get(text.as_str()).copied() {
            let m = Found::DuplicateDealId { id: text.clone(), first: format!("{}:{first}", self.file) };
            self.report(customer::DEAL_ID, true, Code::DuplicateDealId, m);
            return None;
        }
        ids.insert(text.as_str().into(), self.line);
        Some(Some(self.strings.push(&text)))
    }

    /// The refunded amount (a magnitude above 0), or a finding naming the rule.
    fn refund_amount(&mut self, refund_of: &str) -> Option<Money> {
        let raw = self.cell(customer::AMOUNT).trim();
        if raw.is_empty() {
            self.report(customer::AMOUNT, true, Code::MissingField, Found::MissingField { column: "amount", then: Then::Nothing });
            return None;
        }
        match parse_signed_amount(raw) {
            Err(why) => {
                let m = Found::BadCell { column: "amount", value: raw.to_string(), why: BadValue::amount(raw, why) };
                self.report(customer::AMOUNT, true, Code::BadAmount, m);
                None
            }
            Ok(a) if a >= Money::ZERO => {
                let negated = (a > Money::ZERO).then_some(-a);
                let m = Found::RefundOfNotNegative { amount: raw.to_string(), of: refund_of.to_string(), negated };
                self.report(customer::AMOUNT, true, Code::BadRefund, m);
                None
            }
            Ok(_) if refund_of.is_empty() => {
                self.report(customer::AMOUNT, true, Code::BadRefund, Found::NegativeWithoutRefundOf { amount: raw.to_string() });
                None
            }
            Ok(a) => Some(-a),
        }
    }
}

/// Where refund findings go, and how to name a cell.
pub struct RefundCheck<'a> {
    pub file: &'a str,
    /// The sheets of a workbook, when it has several (rows are then named `FILE[SHEET]:LINE`).
    pub sheets: &'a [String],
    /// 1-based column of `refund_of` and `amount`, when the file has them.
    pub refund_of_column: Option<usize>,
    pub amount_column: Option<usize>,
    /// Deal ids seen in rows that could not be read (their error is reported).
    pub unreadable: &'a FxHashMap<Box<str>, Line>,
}

/// Resolves every partial refund to its deal and checks it against the
/// whole ledger: the deal exists, is not dated after the refund, is not
/// refunded in full, and its refunds add up to at most its amount.
/// Refunds that break a rule are dropped with an error finding.
pub fn resolve(deals: &[Deal], refunds: &mut Vec<Refund>, strings: &Strings, check: &RefundCheck, findings: &mut Findings) {
    if refunds.is_empty() {
        // Nothing to look up: no map of every deal id.
        return;
    }
    let by_id: FxHashMap<&str, u32> = deals.iter().enumerate().map(|(i, d)| (strings.resolve(d.id), i as u32)).collect();
    let mut order: Vec<usize> = (0..refunds.len()).collect();
    order.sort_by_key(|&i| (refunds[i].day, refunds[i].line));
    let mut refunded: FxHashMap<u32, Money> = FxHashMap::default();
    let mut keep = vec![false; refunds.len()];
    // The refund rows' own ids, looked up only once an id names no deal.
    let mut refund_ids: Option<FxHashMap<&str, Line>> = None;
    for i in order {
        let r = &refunds[i];
        let of = strings.resolve(r.of);
        let (place, line) = Ledger::<Refund>::place_of(check.file, check.sheets, r.line);
        let error = |column: Option<usize>, found: Found| Diagnostic::error(&place, Some(line), column, Code::BadRefund, found);
        let Some(&deal) = by_id.get(of) else {
            if !check.unreadable.contains_key(of) {
                let ids = refund_ids.get_or_insert_with(|| refund_ids_of(refunds, strings));
                findings.push(error(check.refund_of_column, names_no_deal(of, ids, check)));
            }
            continue;
        };
        let d = &deals[deal as usize];
        let at = Ledger::<Deal>::row_name(check.file, check.sheets, d.line).to_string();
        let of_text = of.to_string();
        let why = if d.day > r.day {
            Some(Found::DealAfterRefund { of: of_text, at, deal: d.day, refund: r.day })
        } else if d.refunded_on.is_some() {
            Some(Found::AlreadyRefundedInFull { of: of_text, at })
        } else {
            let total = refunded.get(&deal).copied().unwrap_or_default() + r.amount;
            if total > d.amount {
                Some(Found::RefundsExceed { of: of_text, at, total, amount: d.amount })
            } else {
                refunded.insert(deal, total);
                None
            }
        };
        match why {
            Some(m) => {
                let column = if d.day > r.day || d.refunded_on.is_some() { check.refund_of_column } else { check.amount_column };
                findings.push(error(column, m));
            }
            None => keep[i] = true,
        }
        refunds[i].deal = deal;
    }
    let mut k = keep.into_iter();
    refunds.retain(|_| k.next().unwrap_or(false));
}

/// Each refund row's own id, and the first row that has it.
fn refund_ids_of<'s>(refunds: &[Refund], strings: &'s Strings) -> FxHashMap<&'s str, Line> {
    let mut ids = FxHashMap::default();
    for r in refunds {
        if let Some(id) = r.id {
            ids.entry(strings.resolve(id)).or_insert(r.line);
        }
    }
    ids
}

/// Why `of` names no deal: it is a refund row's own id (a refund of a
/// refund), or no row's at all.
fn names_no_deal(of: &str, refund_ids: &FxHashMap<&str, Line>, check: &RefundCheck) -> Found {
    match refund_ids.get(of) {
        Some(&line) => Found::NamesRefund { of: of.to_string(), at: Ledger::<Refund>::row_name(check.file, check.sheets, line).to_string() },
        None => Found::NamesNoDeal { of: of.to_string() },
    }
}

#[cfg(test)]
mod tests {
    use crate::load::{Input, LedgerInputs, LoadOptions, load_ledgers};

    /// The findings of reading one customer ledger, as `LINE:COL code: message`.
    fn findings(customers: &str) -> Vec<String> {
        let inputs = LedgerInputs { customers: Some(Input::from_bytes("c.csv", customers.as_bytes().to_vec())), ..Default::default() };
        let loaded = load_ledgers(&inputs, LoadOptions::new(100, None)).unwrap();
        loaded.findings.kept.iter().map(|d| format!("{}:{} {}", d.line.unwrap_or(0), d.column.unwrap_or(0), d.code)).collect()
    }

    const HEAD: &str = "deal_id,date,phone,amount,closed_by,status,refund_date,refund_of\n";

    #[test]
    fn refund_rows_need_only_date_amount_and_refund_of() {
        let text = format!("{HEAD}D1,2026-03-01,13800000001,500,甲,,,\n,2026-04-01,,-200,,,,D1\nR2,2026-04-02,,-300,,已退款,,D1\n");
        assert_eq!(findings(&text), Vec::<String>::new());
        let inputs = LedgerInputs { customers: Some(Input::from_bytes("c.csv", text.into_bytes())), ..Default::default() };
        let l = load_ledgers(&inputs, LoadOptions::new(100, None)).unwrap().ledgers;
        assert_eq!(l.refunds.len(), 2);
        assert_eq!(l.refunds[1].amount, rust_decimal::Decimal::from(300));
        assert!(l.refunds.iter().all(|r| r.deal == 0));
    }

    #[test]
    fn every_bad_refund_names_its_cell() {
        let text = format!(
            "{HEAD}D1,2026-03-01,13800000001,500,甲,,,\nD2,2026-03-05,13800000002,100,甲,退单,2026-03-04,\n\
             D3,2026-03-05,13800000003,100,甲,退单,,\n,2026-03-06,,-1,,,,D3\n,2026-03-06,,-1,,,,\n,2026-03-06,,1,,,,D1\n\
             ,2026-03-06,,-1,,,,NOPE\n,2026-02-01,,-1,,,,D1\n,2026-03-02,,-400,,,,D1\n,2026-03-03,,-101,,,,D1\n\
             D9,2026-03-05,13800000009,100,甲,待定,,\n"
        );
        assert_eq!(findings(&text), [
            "3:7 bad_refund", "6:4 bad_refund", "7:4 bad_refund", "12:6 bad_status",
            "9:8 bad_refund", "11:4 bad_refund", "5:8 bad_refund", "8:8 bad_refund",
        ]);
    }
}

//! Turns one row of cells into a domain record, reporting every bad cell.
//!
//! Pure: no IO. A row that cannot be placed in time or money (SPEC §2,
//! "Rows that cannot be read") yields error findings and no record.

use csv::StringRecord;
use rustc_hash::FxHashMap;

use crate::domain::columns::{ColumnMap, TableKind, Words, claim, customer, header_text, link, ruling};
use crate::diag::{BadValue, Code, Diagnostic, Findings, Found, Then};
use crate::domain::day::{parse_day, parse_stamp};
use crate::domain::ledger::{ClaimRow, Deal, Event, Ledger, Line, PhoneCell, Ruling};
use crate::domain::links::{CellLink, Link, Source};
use crate::domain::money::parse_amount;
use crate::domain::text::{Strings, Sym, fold};

/// One row being read: its cells, where they came from, and where findings go.
pub struct RowReader<'a> {
    /// `FILE` or `FILE[SHEET]`: where findings point.
    pub place: &'a str,
    /// The ledger's file and sheets, to name another row.
    pub file: &'a str,
    pub sheets: &'a [String],
    /// The physical line, for findings.
    pub line: Line,
    /// The line the record carries (with its sheet, see [`sheet_line`](crate::domain::ledger::sheet_line)).
    pub key: Line,
    pub map: &'a ColumnMap,
    pub cells: &'a StringRecord,
    pub findings: &'a mut Findings,
    pub strings: &'a mut Strings,
    /// Store address text; when false only whether one was given.
    pub keep_addresses: bool,
    /// Where the links written inside phone cells go (SPEC §15).
    pub cell_links: &'a mut Vec<CellLink>,
    /// Compute each row's content hash (SPEC §14 snapshots).
    pub hashes: bool,
    /// The status words of `[deals]` (SPEC §13).
    pub statuses: &'a crate::policy::DealStatuses,
    /// `[events]` of rules.toml.
    pub words: &'a Words,
}

/// What stands for an address whose text was not kept.
pub const ADDRESS_NOT_KEPT: &str = "(address given)";

impl<'a> RowReader<'a> {
    /// The cell of column `c`, or "" when the file has no such column or the
    /// row is short.
    pub(super) fn cell(&self, c: usize) -> &'a str {
        let cells: &'a StringRecord = self.cells;
        self.map.position(c).and_then(|p| cells.get(p)).unwrap_or("")
    }

    fn column_number(&self, c: usize) -> Option<usize> {
        self.map.position(c).map(|p| p + 1)
    }

    pub(super) fn name(&self, c: usize) -> &'static str {
        self.map.kind.columns()[c].name
    }

    pub(super) fn report(&mut self, c: usize, error: bool, code: Code, found: Found) {
        let col = self.column_number(c);
        let d = if error {
            Diagnostic::error(self.place, Some(self.line), col, code, found)
        } else {
            Diagnostic::warning(self.place, Some(self.line), col, code, found)
        };
        self.findings.push(d);
    }

    /// A folded name cell (rep, region, code, id), stored once; `None` when
    /// empty or an Excel error value (a warning).
    fn name_cell(&mut self, c: usize) -> Option<Sym> {
        let raw = self.map.position(c).and_then(|p| self.cells.get(p)).unwrap_or("");
        if self.formula_failed(c, false, Code::MissingField) {
            return None;
        }
        self.strings.intern_folded(raw)
    }

    /// Reports a cell holding an Excel error value (`#N/A`) with `code`:
    /// it is never read as data, and counts as empty.
    pub(super) fn formula_failed(&mut self, c: usize, error: bool, code: Code) -> bool {
        let raw = self.cell(c);
        if !crate::domain::text::is_excel_error(raw) {
            return false;
        }
        let m = Found::BadCell { column: self.name(c), value: raw.trim().to_string(), why: BadValue::ExcelError };
        self.report(c, error, code, m);
        true
    }

    /// An address cell: its text, or only that one was given (see
    /// [`RowReader::keep_addresses`]).
    fn address(&mut self, c: usize) -> Option<Sym> {
        if self.keep_addresses {
            return self.text(c);
        }
        // Folding leaves nothing exactly when trimming does (both cut
        // Unicode white space): no need to fold a whole address.
        let given = !self.cell(c).trim().is_empty() && !self.formula_failed(c, false, Code::MissingField);
        given.then(|| self.strings.intern_static(ADDRESS_NOT_KEPT))
    }

    /// A folded free-text cell (customer, address, reason), stored; `None`
    /// when empty or an Excel error value (a warning).
    fn text(&mut self, c: usize) -> Option<Sym> {
        let raw = self.map.position(c).and_then(|p| self.cells.get(p)).unwrap_or("");
        if self.formula_failed(c, false, Code::MissingField) {
            return None;
        }
        self.strings.push_folded(raw)
    }

    /// A phone cell; the other numbers of a cell of several are linked to
    /// its first (SPEC §15).
    fn phone(&mut self, c: usize) -> PhoneCell {
        let raw = self.map.position(c).and_then(|p| self.cells.get(p)).unwrap_or("");
        let (cell, others) = PhoneCell::read_all(raw, self.strings);
        if let (Some(phone), false) = (cell.valid(), others.is_empty()) {
            let source = match self.map.kind {
                TableKind::Claims => Source::Claims,
                TableKind::Customers => Source::Deals,
                TableKind::Rulings => Source::Rulings,
                TableKind::Links => Source::Links,
            };
            let line = self.line;
            self.cell_links.extend(others.into_iter().map(|same_as| CellLink { source, line, phone, same_as }));
        }
        cell
    }

    /// A required day cell with its time of day (a claim's): reports it
    /// missing or unreadable.
    fn required_stamp(&mut self, c: usize) -> Option<crate::domain::day::Stamp> {
        self.required_date(c, parse_stamp)
    }

    /// A required day cell whose time, if any, is ignored (a deal's, SPEC §2).
    pub(super) fn required_day(&mut self, c: usize) -> Option<chrono::NaiveDate> {
        self.required_date(c, parse_day)
    }

    fn required_date<T>(&mut self, c: usize, parse: impl Fn(&str) -> Result<T, crate::domain::day::BadDate>) -> Option<T> {
        self.map.position(c)?;
        let raw = self.cell(c).trim();
        if raw.is_empty() {
            let m = Found::MissingField { column: self.name(c), then: Then::Nothing };
            self.report(c, true, Code::MissingField, m);
            return None;
        }
        match parse(raw) {
            Ok(stamp) => Some(stamp),
            Err(why) => {
                let m = Found::BadCell { column: self.name(c), value: raw.to_string(), why: BadValue::date(raw, why) };
                self.report(c, true, Code::BadDate, m);
                None
            }
        }
    }

    /// A required name cell (folded, stored once).
    fn required_text(&mut self, c: usize) -> Option<Sym> {
        self.map.position(c)?;
        if self.formula_failed(c, true, Code::MissingField) {
            return None;
        }
        let sym = self.name_cell(c);
        if sym.is_none() {
            let m = Found::MissingField { column: self.name(c), then: Then::Nothing };
            self.report(c, true, Code::MissingField, m);
        }
        sym
    }

    /// The row's content hash over its known columns, or 0 when not asked for.
    pub fn hash(&self) -> crate::domain::ledger::RowHash {
        if !self.hashes {
            return 0;
        }
        let columns = self.map.kind.columns().iter().enumerate();
        crate::domain::ledger::row_hash(columns.filter(|(c, _)| self.map.position(*c).is_some()).map(|(c, col)| (col.name, self.cell(c))))
    }

    /// Warns about cells a spreadsheet would run as a formula.
    pub(super) fn formulas(&mut self) {
        let cells = self.cells;
        for (p, value) in cells.iter().enumerate() {
            // Most cells are told by their first byte.
            let plain = value.as_bytes().first().is_none_or(|&b| !crate::domain::text::may_start_white_space(b));
            if plain && !value.starts_with('=') {
                continue;
            }
            if value.trim_start().starts_with('=') {
                let column = self.map.name_at(p).unwrap_or("?").to_string();
                let found = Found::Formula { column, value: value.trim().to_string() };
                let d = Diagnostic::warning(self.place, Some(self.line), Some(p + 1), Code::Formula, found);
                self.findings.push(d);
            }
        }
    }

    /// A claim-ledger row (SPEC §2): `date` and `event` must be readable, and
    /// so must `first_contact` when given.
    pub fn claim(&mut self) -> Option<ClaimRow> {
        self.formulas();
        let stamp = self.required_stamp(claim::DATE);
        let event_raw = fold(self.cell(claim::EVENT));
        let failed = self.formula_failed(claim::EVENT, true, Code::UnknownEvent);
        let event = Event::parse(&event_raw)
            .or_else(|| self.words.event(&event_raw))
            .or_else(|| Event::parse(&super::columns::squeeze_cjk(&event_raw)));
        if event.is_none() && !failed {
            let m = if Event::DEAL_WORDS.contains(&header_text(&event_raw).as_str()) {
                Found::DealWordEvent { value: event_raw.to_string() }
            } else {
                Found::UnknownEvent { value: event_raw.to_string() }
            };
            self.report(claim::EVENT, true, Code::UnknownEvent, m);
        }
        let first_contact = self.first_contact();
        let (stamp, event, first_contact) = (stamp?, event?, first_contact?);
        Some(ClaimRow {
            line: self.key,
            day: stamp.day,
            time: stamp.time.map(Into::into),
            rep: self.name_cell(claim::REP),
            event,
            customer: self.text(claim::CUSTOMER),
            phone: self.phone(claim::PHONE),
            address: self.address(claim::ADDRESS),
            region: self.name_cell(claim::REGION),
            first_contact,
            cross_region_reason: self.name_cell(claim::CROSS_REGION_REASON),
        })
    }

    /// `Some(None)` when `first_contact` is empty; `None` when unreadable.
    fn first_contact(&mut self) -> Option<Option<chrono::NaiveDate>> {
        let raw = self.cell(claim::FIRST_CONTACT).trim();
        if raw.is_empty() {
            return Some(None);
        }
        match parse_day(raw) {
            Ok(day) => Some(Some(day)),
            Err(why) => {
                let m = Found::BadCell { column: "first_contact", value: raw.to_string(), why: BadValue::date(raw, why) };
                self.report(claim::FIRST_CONTACT, true, Code::BadDate, m);
                None
            }
        }
    }

    /// A customer-ledger row: `deal_id`, `date`, `amount` and `closed_by`
    /// must be there and readable. `ids` (the first line of each deal id,
    /// dropped after reading) finds repeated ones.
    pub(super) fn deal(&mut self, ids: &mut FxHashMap<Box<str>, Line>) -> Option<Deal> {
        self.formulas();
        let id_text = fold(self.cell(customer::DEAL_ID));
        let mut repeated = false;
        let id = match self.map.position(customer::DEAL_ID) {
            None => None,
            Some(_) if self.formula_failed(customer::DEAL_ID, true, Code::MissingField) => None,
            Some(_) if id_text.is_empty() => {
                self.report(customer::DEAL_ID, true, Code::MissingField, Found::MissingField { column: "deal_id", then: Then::Nothing });
                None
            }
            Some(_) => {
                if let Some(first) = ids.get(id_text.as_ref()).copied() {
                    let first = Ledger::<Deal>::row_name(self.file, self.sheets, first).to_string();
                    let m = Found::DuplicateDealId { id: id_text.to_string(), first };
                    self.report(customer::DEAL_ID, true, Code::DuplicateDealId, m);
                    repeated = true;
                } else {
                    ids.insert(id_text.as_ref().into(), self.key);
                }
                Some(self.strings.push(&id_text))
            }
        };
        let day = self.required_day(customer::DATE);
        let amount = self.amount();
        let closed_by = self.required_text(customer::CLOSED_BY);
        let phone = self.phone(customer::PHONE);
        match phone {
            PhoneCell::Bad(sym, why) => {
                let m = Found::bad_phone("phone", self.strings.resolve(sym), why, Then::DealToCloser);
                self.report(customer::PHONE, false, Code::BadPhone, m);
            }
            PhoneCell::Missing => {
                let m = Found::MissingField { column: "phone", then: Then::DealToCloser };
                self.report(customer::PHONE, false, Code::MissingField, m);
            }
            PhoneCell::Valid(_) => {}
        }
        if repeated {
            return None;
        }
        Some(Deal {
            line: self.key,
            id: id?,
            day: day?,
            customer: self.text(customer::CUSTOMER),
            phone,
            address: self.address(customer::ADDRESS),
            region: self.name_cell(customer::REGION),
            amount: amount?,
            closed_by: closed_by?,
            refunded_on: None,
        })
    }

    fn amount(&mut self) -> Option<crate::domain::money::Money> {
        self.map.position(customer::AMOUNT)?;
        let raw = self.cell(customer::AMOUNT).trim();
        if raw.is_empty() {
            self.report(customer::AMOUNT, true, Code::MissingField, Found::MissingField { column: "amount", then: Then::Nothing });
            return None;
        }
        match parse_amount(raw) {
            Ok(amount) => Some(amount),
            Err(why) => {
                let m = Found::BadCell { column: "amount", value: raw.to_string(), why: BadValue::amount(raw, why) };
                self.report(customer::AMOUNT, true, Code::BadAmount, m);
                None
            }
        }
    }

    /// A rulings row. A bad phone is a warning: the ruling is ignored.
    pub fn ruling(&mut self) -> Option<Ruling> {
        self.formulas();
        let phone = self.phone(ruling::PHONE);
        match phone {
            PhoneCell::Bad(sym, why) => {
                let m = Found::bad_phone("phone", self.strings.resolve(sym), why, Then::RulingIgnored);
                self.report(ruling::PHONE, false, Code::BadPhone, m);
            }
            PhoneCell::Missing => {
                let m = Found::MissingField { column: "phone", then: Then::RulingIgnored };
                self.report(ruling::PHONE, false, Code::MissingField, m);
            }
            PhoneCell::Valid(_) => {}
        }
        Some(Ruling { line: self.key, phone, owner: self.name_cell(ruling::OWNER), reason: self.text(ruling::REASON) })
    }

    /// A links.csv row (SPEC §15). A bad or missing phone, or a phone linked
    /// to itself, is a warning: the link is ignored.
    pub fn link(&mut self) -> Option<Link> {
        self.formulas();
        let phone = self.link_phone(link::PHONE);
        let same_as = self.link_phone(link::SAME_AS);
        if let (Some(a), Some(b)) = (phone.valid(), same_as.valid())
            && a == b
        {
            self.report(link::SAME_AS, false, Code::SelfLink, Found::SelfLink { phone: a.to_string() });
        }
        Some(Link { line: self.line, phone, same_as, reason: self.text(link::REASON) })
    }

    fn link_phone(&mut self, c: usize) -> PhoneCell {
        let phone = self.phone(c);
        match phone {
            PhoneCell::Bad(sym, why) => {
                let m = Found::bad_phone(self.name(c), self.strings.resolve(sym), why, Then::LinkIgnored);
                self.report(c, false, Code::BadPhone, m);
            }
            PhoneCell::Missing => {
                let m = Found::MissingField { column: self.name(c), then: Then::LinkIgnored };
                self.report(c, false, Code::MissingField, m);
            }
            PhoneCell::Valid(_) => {}
        }
        phone
    }
}

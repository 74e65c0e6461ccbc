//! The ledgers as read: claim-ledger rows, deals and rulings (SPEC §2).
//!
//! Pure: no IO. Every record keeps its physical line; text is folded and
//! stored once in [`Strings`].

use std::fmt;

use chrono::NaiveDate;

use super::day::Clock;
use super::links::{CellLink, Link};

use super::money::Money;
use super::phone::{BadPhone, Phone};
use super::text::{Strings, Sym};

/// A physical line of a ledger file; the header is line 1.
pub type Line = u32;

/// What a claim-ledger row records.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Event {
    Claim,
    FollowUp,
    Visit,
}

impl Event {
    /// The built-in event words (SPEC §2 and §11), compared folded and in any case.
    pub const WORDS: [(&'static str, Event); 19] = [
        ("claim", Event::Claim),
        ("报备", Event::Claim),
        ("新报备", Event::Claim),
        ("首次报备", Event::Claim),
        ("follow_up", Event::FollowUp),
        ("跟进", Event::FollowUp),
        ("电话跟进", Event::FollowUp),
        ("微信跟进", Event::FollowUp),
        ("回访", Event::FollowUp),
        ("到店", Event::FollowUp),
        ("visit", Event::Visit),
        ("量尺", Event::Visit),
        ("上门", Event::Visit),
        ("上门量尺", Event::Visit),
        ("上门测量", Event::Visit),
        ("测量", Event::Visit),
        ("交定金", Event::Visit),
        ("下定", Event::Visit),
        ("定金", Event::Visit),
    ];

    /// Words that record a deal: in a claim ledger they are a mistake, the
    /// deal belongs in the customer ledger.
    pub const DEAL_WORDS: [&'static str; 3] = ["成交", "签单", "订单"];

    /// Reads an event cell (already folded) by the built-in words; an empty
    /// cell is a claim.
    pub fn parse(folded: &str) -> Option<Event> {
        if folded.is_empty() {
            return Some(Event::Claim);
        }
        Event::WORDS.iter().find(|(w, _)| w.eq_ignore_ascii_case(folded)).map(|(_, e)| *e)
    }

    /// An event's name as rules.toml `[events]` writes it.
    pub fn from_name(name: &str) -> Option<Event> {
        [Event::Claim, Event::FollowUp, Event::Visit].into_iter().find(|e| e.as_str() == name)
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Event::Claim => "claim",
            Event::FollowUp => "follow_up",
            Event::Visit => "visit",
        }
    }
}

/// A phone cell: a valid number, a bad one (kept as folded text), or nothing.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PhoneCell {
    Valid(Phone),
    Bad(Sym, BadPhone),
    Missing,
}

impl PhoneCell {
    /// Reads a phone cell, storing its folded text only when it is bad. A
    /// cell of several numbers is its first one (see [`PhoneCell::read_all`]).
    pub fn read(raw: &str, strings: &mut Strings) -> PhoneCell {
        PhoneCell::read_all(raw, strings).0
    }

    /// Reads a phone cell and the other numbers written in it (SPEC §15).
    pub fn read_all(raw: &str, strings: &mut Strings) -> (PhoneCell, Vec<Phone>) {
        match super::links::parse_phones(raw) {
            Ok(phones) => (PhoneCell::Valid(phones.first), phones.others),
            Err(why) => match strings.push_folded(raw) {
                None => (PhoneCell::Missing, Vec::new()),
                Some(sym) => (PhoneCell::Bad(sym, why), Vec::new()),
            },
        }
    }

    /// The same cell with its stored text moved by `f` (see [`Strings::append`]).
    pub fn map_sym(self, f: impl Fn(Sym) -> Sym) -> PhoneCell {
        match self {
            PhoneCell::Bad(sym, why) => PhoneCell::Bad(f(sym), why),
            other => other,
        }
    }

    pub fn valid(self) -> Option<Phone> {
        match self {
            PhoneCell::Valid(p) => Some(p),
            _ => None,
        }
    }

    /// The normalised number, or the folded text as written, or nothing.
    pub fn display<'a>(&self, strings: &'a Strings) -> PhoneText<'a> {
        match *self {
            PhoneCell::Valid(p) => PhoneText::Number(p),
            PhoneCell::Bad(sym, _) => PhoneText::Text(strings.resolve(sym)),
            PhoneCell::Missing => PhoneText::Text(""),
        }
    }
}

/// A phone ready to print.
#[derive(Debug, Clone, Copy)]
pub enum PhoneText<'a> {
    Number(Phone),
    Text(&'a str),
}

impl fmt::Display for PhoneText<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            PhoneText::Number(p) => p.fmt(f),
            PhoneText::Text(t) => f.write_str(t),
        }
    }
}

/// The optional claim-ledger fields that `claims.required` may name.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Field {
    Customer,
    Phone,
    Address,
    Region,
    FirstContact,
    CrossRegionReason,
}

impl Field {
    pub const ALL: [Field; 6] = [
        Field::Customer,
        Field::Phone,
        Field::Address,
        Field::Region,
        Field::FirstContact,
        Field::CrossRegionReason,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Field::Customer => "customer",
            Field::Phone => "phone",
            Field::Address => "address",
            Field::Region => "region",
            Field::FirstContact => "first_contact",
            Field::CrossRegionReason => "cross_region_reason",
        }
    }

    pub fn parse(s: &str) -> Option<Field> {
        Field::ALL.into_iter().find(|f| f.as_str() == s)
    }
}

/// A small set of [`Field`]s, in their declared order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Fields(u8);

impl Fields {
    pub fn insert(&mut self, f: Field) {
        self.0 |= 1 << f as u8;
    }

    pub fn contains(self, f: Field) -> bool {
        self.0 & (1 << f as u8) != 0
    }

    pub fn is_empty(self) -> bool {
        self.0 == 0
    }

    /// These fields but those of `other`.
    pub fn without(self, other: Fields) -> Fields {
        Fields(self.0 & !other.0)
    }

    pub fn iter(self) -> impl Iterator<Item = Field> {
        Field::ALL.into_iter().filter(move |f| self.contains(*f))
    }
}

impl FromIterator<Field> for Fields {
    fn from_iter<I: IntoIterator<Item = Field>>(iter: I) -> Self {
        let mut set = Fields::default();
        iter.into_iter().for_each(|f| set.insert(f));
        set
    }
}

impl fmt::Display for Fields {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, field) in self.iter().enumerate() {
            if i > 0 {
                f.write_str(", ")?;
            }
            f.write_str(field.as_str())?;
        }
        Ok(())
    }
}

/// One row of the claim ledger: a registration, a follow-up or a visit.
#[derive(Debug, Clone)]
pub struct ClaimRow {
    pub line: Line,
    pub day: NaiveDate,
    pub time: Option<Clock>,
    pub rep: Option<Sym>,
    pub event: Event,
    pub customer: Option<Sym>,
    pub phone: PhoneCell,
    pub address: Option<Sym>,
    pub region: Option<Sym>,
    pub first_contact: Option<NaiveDate>,
    pub cross_region_reason: Option<Sym>,
}

impl ClaimRow {
    /// The required-able fields this row leaves empty.
    pub fn missing(&self, required: Fields) -> Fields {
        required.iter().filter(|f| !self.has(*f)).collect()
    }

    fn has(&self, field: Field) -> bool {
        match field {
            Field::Customer => self.customer.is_some(),
            Field::Phone => !matches!(self.phone, PhoneCell::Missing),
            Field::Address => self.address.is_some(),
            Field::Region => self.region.is_some(),
            Field::FirstContact => self.first_contact.is_some(),
            Field::CrossRegionReason => self.cross_region_reason.is_some(),
        }
    }
}

/// One row of the customer ledger: a deal (成交/下定).
#[derive(Debug, Clone)]
pub struct Deal {
    pub line: Line,
    pub id: Sym,
    pub day: NaiveDate,
    pub customer: Option<Sym>,
    pub phone: PhoneCell,
    pub address: Option<Sym>,
    pub region: Option<Sym>,
    pub amount: Money,
    pub closed_by: Sym,
    /// Refunded in full (SPEC §13), on this day: `refund_date`, else the deal's own day.
    pub refunded_on: Option<NaiveDate>,
}

impl Deal {
    /// Moves every stored text by `f` (see [`Strings::append`]).
    pub fn map_syms(&mut self, f: &impl Fn(Sym) -> Sym) {
        self.id = f(self.id);
        self.customer = self.customer.map(f);
        self.phone = self.phone.map_sym(f);
        self.address = self.address.map(f);
        self.region = self.region.map(f);
        self.closed_by = f(self.closed_by);
    }
}

/// A manager's ruling on one customer.
#[derive(Debug, Clone)]
pub struct Ruling {
    pub line: Line,
    pub phone: PhoneCell,
    /// `None`: the customer's deals belong to nobody (the house).
    pub owner: Option<Sym>,
    pub reason: Option<Sym>,
}

/// A partial refund: a customer-ledger row with a negative amount and a
/// `refund_of` (SPEC §13). It is not a deal.
#[derive(Debug, Clone)]
pub struct Refund {
    pub line: Line,
    /// Its own `deal_id`, when given (unique like any other).
    pub id: Option<Sym>,
    pub day: NaiveDate,
    /// How much is refunded: the amount's magnitude, above 0.
    pub amount: Money,
    /// The folded `deal_id` it refunds.
    pub of: Sym,
    /// Index of that deal in the customer ledger, once resolved.
    pub deal: u32,
    pub hash: RowHash,
}

impl Refund {
    /// Moves every stored text by `f` (see [`Strings::append`]).
    pub fn map_syms(&mut self, f: &impl Fn(Sym) -> Sym) {
        self.id = self.id.map(f);
        self.of = f(self.of);
    }
}

/// A stable content hash of a row's non-empty cells, keyed by column name
/// (FNV-1a, 64 bits): the same cells in any column order give the same hash.
pub type RowHash = u64;

/// Hashes `(column name, folded cell)` pairs; empty cells are skipped, so a
/// column added empty changes no row.
pub fn row_hash<'a>(cells: impl IntoIterator<Item = (&'a str, &'a str)>) -> RowHash {
    const OFFSET: u64 = 0xcbf2_9ce4_8422_2325;
    const PRIME: u64 = 0x0100_0000_01b3;
    let mut h = OFFSET;
    let mut eat = |bytes: &[u8]| {
        for b in bytes {
            h = (h ^ u64::from(*b)).wrapping_mul(PRIME);
        }
    };
    for (name, cell) in cells {
        let cell = super::text::fold(cell);
        if cell.is_empty() {
            continue;
        }
        eat(name.as_bytes());
        eat(&[0x1f]);
        eat(cell.as_bytes());
        eat(&[0x1e]);
    }
    h
}

impl Ruling {
    /// Moves every stored text by `f` (see [`Strings::append`]).
    pub fn map_syms(&mut self, f: &impl Fn(Sym) -> Sym) {
        self.phone = self.phone.map_sym(f);
        self.owner = self.owner.map(f);
        self.reason = self.reason.map(f);
    }
}

/// The rows of one ledger file, with the name it is reported under.
#[derive(Debug, Clone)]
pub struct Ledger<R> {
    /// The path as given, used in every `FILE:LINE`.
    pub file: String,
    /// The sheets of a workbook with more than one (SPEC §11), in workbook
    /// order; empty otherwise. Rows then carry a [`sheet_line`] and are
    /// named `FILE[SHEET]:LINE`.
    pub sheets: Vec<String>,
    pub rows: Vec<R>,
    /// Rows whose cells were all empty, or held only unrecognised columns
    /// such as 序号 (skipped, but counted).
    pub blank_rows: u64,
    /// The content hash of each row, index-aligned with `rows`, when the
    /// loader was asked for them (SPEC §14 snapshots); else empty.
    pub hashes: Vec<RowHash>,
    /// Totals rows (合计, 小计, …): skipped, but counted.
    pub totals_rows: u64,
}

/// How many bits of a row's line hold its physical line in a workbook with
/// several sheets; the sheet's index sits above them, so rows order by
/// sheet, then line (a sheet has at most 1,048,576 rows).
pub const SHEET_SHIFT: u32 = 21;

/// The most sheets a workbook's rows can be told apart in.
pub const MAX_SHEETS: usize = 1 << (32 - SHEET_SHIFT);

/// The line a row of sheet `sheet` (0-based, workbook order) carries.
pub fn sheet_line(sheet: usize, line: Line) -> Line {
    ((sheet as Line) << SHEET_SHIFT) | (line & ((1 << SHEET_SHIFT) - 1))
}

impl<R> Ledger<R> {
    pub fn new(file: impl Into<String>) -> Self {
        Ledger { file: file.into(), sheets: Vec::new(), rows: Vec::new(), blank_rows: 0, totals_rows: 0, hashes: Vec::new() }
    }

    /// The content hash of row `i`; 0 when hashes were not computed.
    pub fn hash(&self, i: usize) -> RowHash {
        self.hashes.get(i).copied().unwrap_or(0)
    }

    /// `FILE:LINE` (or `FILE[SHEET]:LINE`) of a line of this ledger.
    pub fn at(&self, line: Line) -> RowName<'_> {
        Self::row_name(&self.file, &self.sheets, line)
    }

    /// [`Ledger::at`] from a ledger's parts.
    pub fn row_name<'a>(file: &'a str, sheets: &'a [String], line: Line) -> RowName<'a> {
        if sheets.is_empty() {
            return RowName { file, sheet: None, line };
        }
        let sheet = sheets.get((line >> SHEET_SHIFT) as usize).map(String::as_str);
        RowName { file, sheet, line: line & ((1 << SHEET_SHIFT) - 1) }
    }

    /// Where a finding about a line points: `FILE` or `FILE[SHEET]`, and
    /// the physical line.
    pub fn place(&self, line: Line) -> (String, Line) {
        Self::place_of(&self.file, &self.sheets, line)
    }

    /// [`Ledger::place`] from a ledger's parts.
    pub fn place_of(file: &str, sheets: &[String], line: Line) -> (String, Line) {
        let at = Self::row_name(file, sheets, line);
        match at.sheet {
            Some(sheet) => (format!("{}[{sheet}]", at.file), at.line),
            None => (at.file.to_string(), at.line),
        }
    }

    /// The line of a row named `FILE:LINE` or `FILE[SHEET]:LINE`, where
    /// `names` says whether FILE is this ledger's.
    pub fn line_named(&self, file: &str, line: Line, names: impl Fn(&str) -> bool) -> Option<Line> {
        match file.strip_suffix(']').and_then(|f| f.rsplit_once('[')) {
            Some((file, sheet)) if !self.sheets.is_empty() && names(file) => {
                let i = self.sheets.iter().position(|s| s == sheet)?;
                Some(sheet_line(i, line))
            }
            _ if self.sheets.is_empty() && names(file) => Some(line),
            _ => None,
        }
    }
}

/// A row named `FILE:LINE`, or `FILE[SHEET]:LINE` in a workbook with
/// several sheets.
#[derive(Debug, Clone, Copy)]
pub struct RowName<'a> {
    pub file: &'a str,
    pub sheet: Option<&'a str>,
    pub line: Line,
}

impl fmt::Display for RowName<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.sheet {
            Some(sheet) => write!(f, "{}[{sheet}]:{}", self.file, self.line),
            None => write!(f, "{}:{}", self.file, self.line),
        }
    }
}

/// Everything `attribute` decides over.
#[derive(Debug)]
pub struct Ledgers {
    pub strings: Strings,
    pub claims: Ledger<ClaimRow>,
    pub deals: Ledger<Deal>,
    pub rulings: Ledger<Ruling>,
    /// links.csv (SPEC §15); empty when not given.
    pub links: Ledger<Link>,
    /// Links written inside phone cells of any ledger, in reading order.
    pub cell_links: Vec<CellLink>,
    /// Partial refunds: rows of the customer ledger (named by its file).
    pub refunds: Vec<Refund>,
}

impl Ledgers {
    /// The ledgers named as given, all empty.
    pub fn empty(claims: &str, deals: &str, rulings: &str) -> Ledgers {
        Ledgers {
            strings: Strings::new(),
            claims: Ledger::new(claims),
            deals: Ledger::new(deals),
            rulings: Ledger::new(rulings),
            links: Ledger::new(""),
            cell_links: Vec::new(),
            refunds: Vec::new(),
        }
    }

    pub fn text(&self, sym: Sym) -> &str {
        self.strings.resolve(sym)
    }

    /// Gives back the spare capacity of reading, before deciding.
    pub fn shrink_to_fit(&mut self) {
        self.strings.shrink_to_fit();
        self.claims.rows.shrink_to_fit();
        self.deals.rows.shrink_to_fit();
        self.rulings.rows.shrink_to_fit();
        self.links.rows.shrink_to_fit();
        self.cell_links.shrink_to_fit();
        self.refunds.shrink_to_fit();
        self.claims.hashes.shrink_to_fit();
        self.deals.hashes.shrink_to_fit();
    }
}

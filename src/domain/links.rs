//! Phones of one customer (SPEC §15): a cell holding several numbers, and
//! the links a manager confirmed in links.csv.
//!
//! Pure: no IO. Splitting a cell comes before [`Phone::parse`], which reads
//! each part as one number.

use super::ledger::{Line, PhoneCell};
use super::phone::{BadPhone, Phone};
use super::text::Sym;

/// What may stand between two numbers in one phone cell.
const SEPARATORS: [char; 7] = ['/', '／', '、', ',', '，', ';', '；'];
/// The word "or" between two numbers.
const OR: &str = "或";

/// A cell with no separator and no "or": the common one, all ASCII and
/// none of `/ , ;`, is told by its bytes without looking for each.
fn one_number(raw: &str) -> bool {
    let plain = raw.bytes().all(|b| b.is_ascii() && !matches!(b, b'/' | b',' | b';'));
    plain || (!raw.contains(SEPARATORS) && !raw.contains(OR))
}

/// The numbers of a phone cell: the row's own phone first, then the others
/// it links to it (no repeats).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Phones {
    pub first: Phone,
    pub others: Vec<Phone>,
}

/// Reads a phone cell that may hold several numbers (SPEC §15). A cell
/// without a separator is one number; otherwise every non-empty trimmed
/// part must be a valid phone, or the cell is bad (the first bad part says
/// why).
pub fn parse_phones(raw: &str) -> Result<Phones, BadPhone> {
    if super::text::is_excel_error(raw) {
        return Err(BadPhone::ExcelError);
    }
    if one_number(raw) {
        return Phone::parse(raw).map(|first| Phones { first, others: Vec::new() });
    }
    let mut parts = raw.split(|c| SEPARATORS.contains(&c)).flat_map(|p| p.split(OR)).map(str::trim).filter(|p| !p.is_empty());
    let Some(head) = parts.next() else {
        return Phone::parse(raw).map(|first| Phones { first, others: Vec::new() });
    };
    let first = Phone::parse(head)?;
    let mut others: Vec<Phone> = Vec::new();
    for part in parts {
        let phone = Phone::parse(part)?;
        if phone != first && !others.contains(&phone) {
            others.push(phone);
        }
    }
    Ok(Phones { first, others })
}

/// The first part of a cell of several numbers that is not a valid phone;
/// `None` for a cell of one number (see [`parse_phones`]).
pub fn bad_part(raw: &str) -> Option<&str> {
    if one_number(raw) {
        return None;
    }
    let mut parts = raw.split(|c| SEPARATORS.contains(&c)).flat_map(|p| p.split(OR)).map(str::trim).filter(|p| !p.is_empty());
    parts.find(|p| Phone::parse(p).is_err())
}

/// A row of links.csv: `phone` is the same customer as `same_as`.
#[derive(Debug, Clone)]
pub struct Link {
    pub line: Line,
    pub phone: PhoneCell,
    pub same_as: PhoneCell,
    pub reason: Option<Sym>,
}

impl Link {
    /// Moves every stored text by `f` (see [`super::text::Strings::append`]).
    pub fn map_syms(&mut self, f: &impl Fn(Sym) -> Sym) {
        self.phone = self.phone.map_sym(f);
        self.same_as = self.same_as.map_sym(f);
        self.reason = self.reason.map(f);
    }

    /// The two phones this row links, when it links two different valid ones.
    pub fn pair(&self) -> Option<(Phone, Phone)> {
        let (a, b) = (self.phone.valid()?, self.same_as.valid()?);
        (a != b).then_some((a, b))
    }
}

/// The ledger a row sits in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Source {
    Claims,
    Deals,
    Rulings,
    Links,
}

impl super::ledger::Ledgers {
    /// `FILE:LINE` of a line of the ledger `source`.
    pub fn row_at(&self, source: Source, line: Line) -> super::ledger::RowName<'_> {
        match source {
            Source::Claims => self.claims.at(line),
            Source::Deals => self.deals.at(line),
            Source::Rulings => self.rulings.at(line),
            Source::Links => self.links.at(line),
        }
    }
}

/// A link written inside one cell (`13812345678/13912345678`): `same_as`,
/// a later number of the cell, is the customer of `phone`, the first.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CellLink {
    pub source: Source,
    pub line: Line,
    pub phone: Phone,
    pub same_as: Phone,
}

#[cfg(test)]
mod tests {
    use super::*;

    fn phones(s: &str) -> Result<Vec<String>, BadPhone> {
        parse_phones(s).map(|p| std::iter::once(p.first).chain(p.others).map(|p| p.to_string()).collect())
    }

    #[test]
    fn every_separator_splits() {
        for sep in ["/", "／", "、", ",", "，", ";", "；", "或", " / ", " 或 "] {
            let cell = format!("13812345678{sep}139 1234 5678");
            assert_eq!(phones(&cell).unwrap(), ["13812345678", "13912345678"], "{cell}");
        }
    }

    #[test]
    fn one_number_is_read_as_before() {
        assert_eq!(phones("+86 138-1234-5678").unwrap(), ["13812345678"]);
        assert_eq!(phones("13812345678/").unwrap(), ["13812345678"]);
        assert_eq!(phones("13812345678/13812345678、+8613812345678").unwrap(), ["13812345678"]);
        assert_eq!(phones("/"), Err(BadPhone::NoDigits));
    }

    #[test]
    fn any_bad_part_makes_the_cell_bad() {
        assert_eq!(phones("13,800,138,000"), Err(BadPhone::Digits { count: 2 }));
        assert_eq!(phones("13700000001、1370000000"), Err(BadPhone::Digits { count: 10 }));
        assert_eq!(phones("13700000001或不详"), Err(BadPhone::NoDigits));
        assert_eq!(phones("1.38E+10/13700000001"), Err(BadPhone::ENotation));
        assert_eq!(phones("#N/A"), Err(BadPhone::ExcelError));
        assert_eq!(bad_part("13700000001、1370000000"), Some("1370000000"));
        assert_eq!(bad_part("1370000000"), None);
    }

    #[test]
    fn three_numbers_and_landlines() {
        assert_eq!(phones("021-55556666；13800000001;6234567").unwrap(), ["02155556666", "13800000001", "6234567"]);
    }
}

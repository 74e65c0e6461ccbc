//! Phones that are probably one customer and are not linked yet (SPEC §15):
//! the same name and address; a surname with a title (陈先生) and a name of
//! that surname at one address; one name under phones one digit or one swap
//! apart.
//!
//! Pure: no IO. Nothing compares all pairs: rows are grouped by name and
//! address, by address, and by name and phone with one digit masked (or two
//! neighbours swapped), and a pair is proposed only when it joins two
//! customers that neither links nor earlier proposals join already.

use rustc_hash::FxHashMap;

use crate::domain::ledger::{Ledgers, Line};
use crate::domain::links::Source;
use crate::domain::phone::Phone;
use crate::engine::Customers;

/// Why two phones are probably one customer.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Reason {
    SameNameAddress,
    SurnameTitle,
    SimilarPhone,
}

impl Reason {
    /// The stable code, as written in the `reason` column.
    pub fn as_str(self) -> &'static str {
        match self {
            Reason::SameNameAddress => "same_name_address",
            Reason::SurnameTitle => "surname_title",
            Reason::SimilarPhone => "similar_phone",
        }
    }
}

/// A phone as a row of the claim or customer ledger shows it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Sighting<'a> {
    pub phone: Phone,
    pub name: &'a str,
    pub address: Option<&'a str>,
    pub source: Source,
    pub line: Line,
}

/// Two phones that are probably one customer: `later` is first seen after
/// `earlier`, in the rows given.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Pair<'a> {
    pub earlier: Sighting<'a>,
    pub later: Sighting<'a>,
    pub reason: Reason,
}

/// The rows of the claim ledger, then of the customer ledger, that name a
/// customer under a valid phone, dated by `as_of` when it is given.
pub fn sightings(ledgers: &Ledgers, claims: bool, deals: bool, as_of: Option<chrono::NaiveDate>) -> Vec<Sighting<'_>> {
    let l = ledgers;
    let text = |s: Option<crate::domain::text::Sym>| s.map(|s| l.text(s));
    let by = |day: chrono::NaiveDate| as_of.is_none_or(|a| day <= a);
    let claim_rows = l.claims.rows.iter().filter(|r| claims && by(r.day)).filter_map(|r| {
        let (phone, name) = (r.phone.valid()?, text(r.customer)?);
        Some(Sighting { phone, name, address: text(r.address), source: Source::Claims, line: r.line })
    });
    let deal_rows = l.deals.rows.iter().filter(|d| deals && by(d.day)).filter_map(|d| {
        let (phone, name) = (d.phone.valid()?, text(d.customer)?);
        Some(Sighting { phone, name, address: text(d.address), source: Source::Deals, line: d.line })
    });
    claim_rows.chain(deal_rows).collect()
}

/// The pairs to propose, each joining two customers not yet one: by
/// reason, then in the order the rows were given.
pub fn find<'a>(mut rows: Vec<Sighting<'a>>, customers: &Customers) -> Vec<Pair<'a>> {
    distinct(&mut rows);
    let mut joined = Proposed { customers, parent: FxHashMap::default() };
    let mut pairs = Vec::new();
    let rules: [(Reason, Rule); 3] = [
        (Reason::SameNameAddress, same_name_and_address),
        (Reason::SurnameTitle, surname_and_title),
        (Reason::SimilarPhone, similar_phones),
    ];
    for (reason, rule) in rules {
        let mut candidates = Vec::new();
        rule(&rows, &mut |a, b| candidates.push((a.min(b), a.max(b))));
        candidates.sort_unstable();
        for (a, b) in candidates {
            if joined.join(rows[a].phone, rows[b].phone) {
                pairs.push(Pair { earlier: rows[a], later: rows[b], reason });
            }
        }
    }
    pairs
}

/// A rule: calls back with the indices of every two rows it matches.
type Rule = fn(&[Sighting], &mut dyn FnMut(usize, usize));

/// Keeps the first row of each (phone, name, address), in place (no second
/// list of a million rows beside the first).
fn distinct(rows: &mut Vec<Sighting>) {
    let mut seen = rustc_hash::FxHashSet::default();
    rows.retain(|s| seen.insert((s.phone, s.name, s.address)));
}

/// Groups row indices by `key`, groups in order of their first row.
fn groups<K: std::hash::Hash + Eq>(n: usize, key: impl Fn(usize) -> Option<K>) -> Vec<Vec<usize>> {
    let mut index: FxHashMap<K, usize> = FxHashMap::default();
    let mut out: Vec<Vec<usize>> = Vec::new();
    for i in 0..n {
        let Some(k) = key(i) else { continue };
        let g = *index.entry(k).or_insert_with(|| {
            out.push(Vec::new());
            out.len() - 1
        });
        out[g].push(i);
    }
    out
}

fn same_name_and_address(rows: &[Sighting], propose: &mut dyn FnMut(usize, usize)) {
    for group in groups(rows.len(), |i| Some((rows[i].name, rows[i].address?))) {
        for &other in &group[1..] {
            propose(group[0], other);
        }
    }
}

/// The titles that stand for a name: 陈先生 is a 陈.
const TITLES: [&str; 5] = ["先生", "女士", "姐", "哥", "总"];

/// The surname of a name written as surname + title.
fn titled_surname(name: &str) -> Option<&str> {
    TITLES.iter().find_map(|t| name.strip_suffix(t)).filter(|s| !s.is_empty())
}

fn surname_and_title(rows: &[Sighting], propose: &mut dyn FnMut(usize, usize)) {
    for group in groups(rows.len(), |i| rows[i].address) {
        if group.len() < 2 || !group.iter().any(|&i| titled_surname(rows[i].name).is_some()) {
            continue;
        }
        let mut by_initial: FxHashMap<char, Vec<usize>> = FxHashMap::default();
        for &i in &group {
            by_initial.entry(rows[i].name.chars().next().unwrap_or(' ')).or_default().push(i);
        }
        for &t in &group {
            let Some(surname) = titled_surname(rows[t].name) else { continue };
            let initial = surname.chars().next().unwrap_or(' ');
            for &o in by_initial.get(&initial).into_iter().flatten() {
                if rows[o].name != rows[t].name && rows[o].name.starts_with(surname) {
                    propose(t, o);
                }
            }
        }
    }
}

/// Phones of one name that differ in one digit, or in a swap of two
/// neighbouring digits: each phone keyed with one position masked (or one
/// pair of neighbours put in order), sorted, equal keys side by side.
fn similar_phones(rows: &[Sighting], propose: &mut dyn FnMut(usize, usize)) {
    for group in groups(rows.len(), |i| Some(rows[i].name)) {
        let mut firsts = rustc_hash::FxHashSet::default();
        let group: Vec<usize> = group.into_iter().filter(|&i| firsts.insert(rows[i].phone)).collect();
        if group.len() < 2 {
            continue;
        }
        let digits: Vec<Vec<u8>> = group.iter().map(|&i| rows[i].phone.to_string().into_bytes()).collect();
        let longest = digits.iter().map(Vec::len).max().unwrap_or(0);
        for position in 0..longest {
            for swap in [false, true] {
                let mut keyed: Vec<(u64, usize)> = (0..group.len())
                    .filter_map(|k| Some((similarity_key(&digits[k], position, swap)?, k)))
                    .collect();
                keyed.sort_unstable();
                for run in keyed.chunk_by(|a, b| a.0 == b.0) {
                    for &(_, k) in &run[1..] {
                        propose(group[run[0].1], group[k]);
                    }
                }
            }
        }
    }
}

/// The digits as a base-11 number with `position` masked (digit 10), or
/// with the neighbours at `position` and `position + 1` in order; the length
/// is part of the key. `None` when the position is past the end.
fn similarity_key(digits: &[u8], position: usize, swap: bool) -> Option<u64> {
    if position >= digits.len() || (swap && position + 1 >= digits.len()) {
        return None;
    }
    // Folded digit by digit, with no copy of the digits (one key per phone,
    // position and kind, for every name of the ledgers).
    let digit = |i: usize| u64::from(digits[i] - b'0');
    let key = (0..digits.len()).fold(digits.len() as u64, |k, i| {
        let x = match (swap, i) {
            (true, i) if i == position => digit(position).min(digit(position + 1)),
            (true, i) if i == position + 1 => digit(position).max(digit(position + 1)),
            (false, i) if i == position => 10,
            _ => digit(i),
        };
        k * 11 + x
    });
    Some(key)
}

/// The customers linked so far and the pairs proposed, as one union-find
/// over customer keys.
struct Proposed<'c> {
    customers: &'c Customers,
    parent: FxHashMap<Phone, Phone>,
}

impl Proposed<'_> {
    fn root(&mut self, phone: Phone) -> Phone {
        let mut p = self.customers.key(phone);
        while let Some(&up) = self.parent.get(&p) {
            p = up;
        }
        p
    }

    /// Joins two phones; false when they were one customer already.
    fn join(&mut self, a: Phone, b: Phone) -> bool {
        let (ra, rb) = (self.root(a), self.root(b));
        if ra == rb {
            return false;
        }
        self.parent.insert(ra.max(rb), ra.min(rb));
        true
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row(phone: &str, name: &'static str, address: Option<&'static str>, line: Line) -> Sighting<'static> {
        Sighting { phone: Phone::parse(phone).unwrap(), name, address, source: Source::Claims, line }
    }

    fn found(rows: &[Sighting], customers: &Customers) -> Vec<(Line, Line, &'static str)> {
        find(rows.to_vec(), customers).iter().map(|p| (p.earlier.line, p.later.line, p.reason.as_str())).collect()
    }

    #[test]
    fn same_name_and_address_chains_every_phone_to_the_first() {
        let rows = [
            row("13800000001", "王芳", Some("张杨路100号"), 2),
            row("13900000009", "王芳", Some("张杨路100号"), 3),
            row("13800000001", "王芳", Some("张杨路100号"), 4),
            row("15000000000", "王芳", Some("张杨路100号"), 5),
            row("18612345678", "王芳", Some("别处"), 6),
            row("13355554444", "王芳", None, 7),
        ];
        assert_eq!(found(&rows, &Customers::default()), [(2, 3, "same_name_address"), (2, 5, "same_name_address")]);
    }

    #[test]
    fn a_title_and_a_name_of_its_surname_at_one_address() {
        let rows = [
            row("13800000001", "陈先生", Some("翠湖1栋"), 2),
            row("13900000002", "陈静", Some("翠湖1栋"), 3),
            row("13700000003", "林静", Some("翠湖1栋"), 4),
            row("13600000004", "陈静", Some("别处"), 5),
            row("13500000005", "欧阳总", Some("翠湖1栋"), 6),
            row("13400000006", "欧阳娜娜", Some("翠湖1栋"), 7),
            row("13300000007", "先生", Some("翠湖1栋"), 8),
        ];
        assert_eq!(found(&rows, &Customers::default()), [(2, 3, "surname_title"), (6, 7, "surname_title")]);
    }

    #[test]
    fn one_digit_or_one_swap_apart_under_one_name() {
        let rows = [
            row("13800138000", "李娜", None, 2),
            row("13800138001", "李娜", None, 3),
            row("13800183000", "李娜", None, 4),
            row("13800138000", "李娜", None, 5),
            row("13800138011", "王磊", None, 6),
            row("13800831000", "李娜", None, 7),
            row("0213800138", "李娜", None, 8),
        ];
        assert_eq!(found(&rows, &Customers::default()), [(2, 3, "similar_phone"), (2, 4, "similar_phone")]);
    }

    #[test]
    fn linked_phones_and_joined_groups_are_not_proposed_again() {
        let mut l = Ledgers::empty("claims.csv", "customers.csv", "rulings.csv");
        let (a, b) = (Phone::parse("13800000001").unwrap(), Phone::parse("13800000002").unwrap());
        l.cell_links.push(crate::domain::links::CellLink { source: Source::Claims, line: 9, phone: a, same_as: b });
        let customers = Customers::new(&l);
        let rows = [
            row("13800000001", "王芳", Some("张杨路"), 2),
            row("13800000002", "王芳", Some("张杨路"), 3),
            row("13800000003", "王芳", Some("张杨路"), 4),
            row("13800000003", "王先生", Some("张杨路"), 5),
        ];
        assert_eq!(found(&rows, &customers), [(2, 4, "same_name_address")]);
    }
}

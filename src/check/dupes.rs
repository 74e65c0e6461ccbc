//! Phones that are probably one customer and are not linked yet (SPEC §15):
//! the same name and address; a surname with a title (陈先生) and a name of
//! that surname at one address; one name under phones one digit or one swap
//! apart.
//!
//! Pure: no IO. Nothing compares all pairs of rows: names and addresses
//! are numbered once, rows are grouped by those numbers, and only the few
//! phones of one name are compared two by two (many are keyed with one
//! digit masked or two neighbours swapped), and a pair is proposed only
//! when it joins two customers that neither links nor earlier proposals
//! join already.

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

/// The distinct sightings of the ledgers, by numbers: each name and each
/// address is stored once and rows name them by index, so that the rules
/// group integers and no text is hashed more than once. Customer names and
/// addresses are not interned when read (their `Sym`s do not compare), so
/// this is where equal texts get equal numbers.
pub struct Sightings<'a> {
    names: Vec<&'a str>,
    addresses: Vec<&'a str>,
    /// The first row of each (phone, name, address), in the order given.
    rows: Vec<Seen>,
}

/// A sighting by numbers (24 bytes where a [`Sighting`] takes 56).
#[derive(Debug, Clone, Copy)]
struct Seen {
    phone: Phone,
    name: u32,
    /// [`NO_ADDRESS`] when the row gives none.
    address: u32,
    line: Line,
    source: Source,
}

const NO_ADDRESS: u32 = u32::MAX;

/// Gives each distinct text a number, in order of first sight.
#[derive(Default)]
struct Numbers<'a> {
    index: FxHashMap<&'a str, u32>,
    texts: Vec<&'a str>,
}

impl<'a> Numbers<'a> {
    fn of(&mut self, text: &'a str) -> u32 {
        let next = self.texts.len() as u32;
        let n = *self.index.entry(text).or_insert(next);
        if n == next {
            self.texts.push(text);
        }
        n
    }

    /// The texts by number; the table is freed at once.
    fn into_texts(self) -> Vec<&'a str> {
        self.texts
    }
}

impl<'a> FromIterator<Sighting<'a>> for Sightings<'a> {
    fn from_iter<I: IntoIterator<Item = Sighting<'a>>>(rows: I) -> Self {
        Sightings::of(rows.into_iter().collect::<Vec<_>>().into_iter())
    }
}

impl<'a> Sightings<'a> {
    /// Numbers the rows' texts and keeps the first row of each (phone,
    /// name, address). Names are numbered in one pass over the rows and
    /// addresses in a second: one table at a time stays in cache.
    fn of<I: Iterator<Item = Sighting<'a>> + Clone>(rows: I) -> Self {
        // Sized once from the ledgers' row counts: no copy as it grows.
        let mut all: Vec<Seen> = Vec::with_capacity(rows.size_hint().1.unwrap_or(0));
        let mut names = Numbers::default();
        all.extend(rows.clone().map(|s| Seen { phone: s.phone, name: names.of(s.name), address: NO_ADDRESS, line: s.line, source: s.source }));
        let names = names.into_texts();
        let mut addresses = Numbers::default();
        for (r, a) in all.iter_mut().zip(rows.map(|s| s.address)) {
            r.address = a.map_or(NO_ADDRESS, |a| addresses.of(a));
        }
        let addresses = addresses.into_texts();
        let first = firsts(&all, names.len());
        let mut i = 0;
        all.retain(|_| {
            i += 1;
            first[i - 1]
        });
        all.shrink_to_fit();
        Sightings { names, addresses, rows: all }
    }

    /// Row `i` as the ledgers show it.
    fn sighting(&self, i: usize) -> Sighting<'a> {
        let r = self.rows[i];
        let address = (r.address != NO_ADDRESS).then(|| self.addresses[r.address as usize]);
        Sighting { phone: r.phone, name: self.names[r.name as usize], address, source: r.source, line: r.line }
    }

    fn name(&self, i: usize) -> &'a str {
        self.names[self.rows[i].name as usize]
    }
}

/// Marks the first row of each (phone, name, address). Rows are placed by
/// name, then each name's few rows sorted: a table of every distinct row,
/// looked up at random once a row, costs more.
fn firsts(rows: &[Seen], names: usize) -> Vec<bool> {
    let (start, mut placed) = by_name(rows, names, |i, r| (r.phone, r.address, i as u32));
    let mut first = vec![false; rows.len()];
    for w in start.windows(2) {
        let group = &mut placed[w[0] as usize..w[1] as usize];
        group.sort_unstable();
        for run in group.chunk_by(|a, b| (a.0, a.1) == (b.0, b.1)) {
            first[run[0].2 as usize] = true;
        }
    }
    first
}

/// The rows of the claim ledger, then of the customer ledger, that name a
/// customer under a valid phone, dated by `as_of` when it is given.
pub fn sightings(ledgers: &Ledgers, claims: bool, deals: bool, as_of: Option<chrono::NaiveDate>) -> Sightings<'_> {
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
    Sightings::of(claim_rows.chain(deal_rows))
}

/// The pairs to propose, each joining two customers not yet one: by
/// reason, then in the order the rows were given.
pub fn find<'a>(rows: Sightings<'a>, customers: &Customers) -> Vec<Pair<'a>> {
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
            if joined.join(rows.rows[a].phone, rows.rows[b].phone) {
                pairs.push(Pair { earlier: rows.sighting(a), later: rows.sighting(b), reason });
            }
        }
    }
    pairs
}

/// A rule: calls back with the indices of two rows it matches. A rule may
/// leave out a pair whose rows it also joins to one earlier row: the pairs
/// are taken in order and a pair of rows already joined adds nothing.
type Rule = fn(&Sightings, &mut dyn FnMut(usize, usize));

/// Each row with an address, to the first row of its name and address.
fn same_name_and_address(s: &Sightings, propose: &mut dyn FnMut(usize, usize)) {
    let mut first: FxHashMap<(u32, u32), usize> = FxHashMap::default();
    for (i, r) in s.rows.iter().enumerate().filter(|(_, r)| r.address != NO_ADDRESS) {
        let f = *first.entry((r.name, r.address)).or_insert(i);
        if f != i {
            propose(f, i);
        }
    }
}

/// The titles that stand for a name: 陈先生 is a 陈.
const TITLES: [&str; 5] = ["先生", "女士", "姐", "哥", "总"];

/// The surname of a name written as surname + title.
fn titled_surname(name: &str) -> Option<&str> {
    TITLES.iter().find_map(|t| name.strip_suffix(t)).filter(|s| !s.is_empty())
}

/// A titled name and another name of its surname at one address. Only the
/// addresses where a titled name is seen are grouped (most ledgers have
/// few), and in each group the names of a surname are found by a binary
/// search over the names in order, not by trying every pair.
fn surname_and_title(s: &Sightings, propose: &mut dyn FnMut(usize, usize)) {
    let surnames: Vec<Option<&str>> = s.names.iter().map(|n| titled_surname(n)).collect();
    let mut titled_at = vec![false; s.addresses.len()];
    for r in s.rows.iter().filter(|r| r.address != NO_ADDRESS && surnames[r.name as usize].is_some()) {
        titled_at[r.address as usize] = true;
    }
    let mut at: Vec<(u32, usize)> =
        s.rows.iter().enumerate().filter(|(_, r)| r.address != NO_ADDRESS && titled_at[r.address as usize]).map(|(i, r)| (r.address, i)).collect();
    at.sort_unstable();
    for group in at.chunk_by_mut(|a, b| a.0 == b.0) {
        group.sort_unstable_by_key(|&(_, i)| s.name(i));
        for &(_, t) in group.iter() {
            let Some(surname) = surnames[s.rows[t].name as usize] else { continue };
            let from = group.partition_point(|&(_, o)| s.name(o) < surname);
            for &(_, o) in group[from..].iter().take_while(|&&(_, o)| s.name(o).starts_with(surname)) {
                if s.rows[o].name != s.rows[t].name {
                    propose(t, o);
                }
            }
        }
    }
}

/// Phones of one name that differ in one digit, or in a swap of two
/// neighbouring digits, between the first rows of each phone of the name.
fn similar_phones(s: &Sightings, propose: &mut dyn FnMut(usize, usize)) {
    let (mut firsts, mut digits) = (Vec::new(), Vec::new());
    // Each row's phone placed with it: a name's rows are read in one run.
    let (start, placed) = by_name(&s.rows, s.names.len(), |i, r| (r.phone, i));
    for group in start.windows(2).map(|w| &placed[w[0] as usize..w[1] as usize]) {
        if group.iter().all(|g| g.0 == group[0].0) {
            continue;
        }
        firsts.clear();
        firsts.extend_from_slice(group);
        // Sorted by phone then row: the first of each phone is its first row.
        firsts.sort_unstable();
        firsts.dedup_by_key(|f| f.0);
        if firsts.len() < 2 {
            continue;
        }
        firsts.sort_unstable_by_key(|f| f.1);
        digits.clear();
        digits.extend(firsts.iter().map(|&(phone, _)| Digits::of(phone)));
        let mut at_row = |a: usize, b: usize| propose(firsts[a].1, firsts[b].1);
        if firsts.len() <= ALL_PAIRS_UP_TO {
            all_similar_pairs(&digits, &mut at_row);
        } else {
            similar_by_keys(&digits, &mut at_row);
        }
    }
}

/// Something of each row, by name and in row order within a name: where
/// each name's rows start in the list, and the list (a counting sort over
/// the name numbers: no hashing, one pass to count and one to place).
fn by_name<T: Copy>(rows: &[Seen], names: usize, item: impl Fn(usize, &Seen) -> T) -> (Vec<u32>, Vec<T>) {
    let mut start = vec![0u32; names + 1];
    for r in rows {
        start[r.name as usize + 1] += 1;
    }
    for n in 1..start.len() {
        start[n] += start[n - 1];
    }
    let mut next = start.clone();
    let Some(fill) = rows.first().map(|r| item(0, r)) else { return (start, Vec::new()) };
    let mut placed = vec![fill; rows.len()];
    for (i, r) in rows.iter().enumerate() {
        placed[next[r.name as usize] as usize] = item(i, r);
        next[r.name as usize] += 1;
    }
    (start, placed)
}

/// Up to this many phones of one name are compared two by two (cheaper
/// than 24 sorted key lists for the few phones a name usually has).
const ALL_PAIRS_UP_TO: usize = 32;

/// A phone's digits as written (leading zeros kept).
#[derive(Clone, Copy)]
struct Digits {
    len: usize,
    d: [u8; 12],
}

impl Digits {
    fn of(phone: Phone) -> Digits {
        let (d, len) = phone.digit_values();
        Digits { len, d }
    }

    fn digits(&self) -> &[u8] {
        &self.d[..self.len]
    }

    /// One digit apart, or one swap of neighbours apart (never equal: the
    /// phones compared are distinct).
    fn similar(&self, other: &Digits) -> bool {
        let (a, b) = (self.digits(), other.digits());
        if a.len() != b.len() {
            return false;
        }
        let Some(i) = a.iter().zip(b).position(|(x, y)| x != y) else { return false };
        let swapped = i + 1 < a.len() && a[i] == b[i + 1] && a[i + 1] == b[i];
        a[i + 1..] == b[i + 1..] || (swapped && a[i + 2..] == b[i + 2..])
    }
}

/// Every two similar phones of a name.
fn all_similar_pairs(digits: &[Digits], propose: &mut dyn FnMut(usize, usize)) {
    for (a, da) in digits.iter().enumerate() {
        for (b, db) in digits.iter().enumerate().skip(a + 1) {
            if da.similar(db) {
                propose(a, b);
            }
        }
    }
}

/// Many phones of one name: each phone keyed with one position masked (or
/// one pair of neighbours put in order), sorted, equal keys side by side;
/// each phone is paired with the first of its key only.
fn similar_by_keys(digits: &[Digits], propose: &mut dyn FnMut(usize, usize)) {
    let longest = digits.iter().map(|d| d.len).max().unwrap_or(0);
    let mut keyed: Vec<(u64, usize)> = Vec::with_capacity(digits.len());
    for position in 0..longest {
        for swap in [false, true] {
            keyed.clear();
            keyed.extend(digits.iter().enumerate().filter_map(|(k, d)| Some((similarity_key(d.digits(), position, swap)?, k))));
            keyed.sort_unstable();
            for run in keyed.chunk_by(|a, b| a.0 == b.0) {
                for &(_, k) in &run[1..] {
                    propose(run[0].1, k);
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
    let digit = |i: usize| u64::from(digits[i]);
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

    fn found(rows: &[Sighting<'static>], customers: &Customers) -> Vec<(Line, Line, &'static str)> {
        find(rows.iter().copied().collect(), customers).iter().map(|p| (p.earlier.line, p.later.line, p.reason.as_str())).collect()
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

    #[test]
    fn texts_are_numbered_in_order_of_first_sight() {
        let mut n = Numbers::default();
        assert_eq!([n.of("王芳"), n.of("陈静"), n.of("王芳"), n.of("林"), n.of("陈静")], [0, 1, 0, 2, 1]);
        assert_eq!(n.into_texts(), ["王芳", "陈静", "林"]);
    }

    /// The pairs as SPEC §15 defines them, the slow way: every two distinct
    /// rows tried against every reason, in row order, through the same
    /// union-find.
    fn all_pairs(rows: &[Sighting<'static>], customers: &Customers) -> Vec<(Line, Line, &'static str)> {
        let mut d: Vec<Sighting> = Vec::new();
        for r in rows {
            if !d.iter().any(|x| (x.phone, x.name, x.address) == (r.phone, r.name, r.address)) {
                d.push(*r);
            }
        }
        let titled = |a: &Sighting, b: &Sighting| titled_surname(a.name).is_some_and(|s| a.name != b.name && b.name.starts_with(s));
        let first_of_name = |i: usize| !d[..i].iter().any(|x| x.name == d[i].name && x.phone == d[i].phone);
        let similar = |a: Phone, b: Phone| {
            let (a, b) = (a.to_string().into_bytes(), b.to_string().into_bytes());
            let diff: Vec<usize> = (0..a.len()).filter(|&k| a.len() == b.len() && a[k] != b[k]).collect();
            a.len() == b.len() && (diff.len() == 1 || (diff.len() == 2 && diff[1] == diff[0] + 1 && a[diff[0]] == b[diff[1]] && a[diff[1]] == b[diff[0]]))
        };
        let mut joined = Proposed { customers, parent: FxHashMap::default() };
        let mut out = Vec::new();
        for reason in [Reason::SameNameAddress, Reason::SurnameTitle, Reason::SimilarPhone] {
            for i in 0..d.len() {
                for j in i + 1..d.len() {
                    let (a, b) = (&d[i], &d[j]);
                    let same_address = a.address.is_some() && a.address == b.address;
                    let matches = match reason {
                        Reason::SameNameAddress => same_address && a.name == b.name,
                        Reason::SurnameTitle => same_address && (titled(a, b) || titled(b, a)),
                        Reason::SimilarPhone => a.name == b.name && first_of_name(i) && first_of_name(j) && similar(a.phone, b.phone),
                    };
                    if matches && joined.join(a.phone, b.phone) {
                        out.push((a.line, b.line, reason.as_str()));
                    }
                }
            }
        }
        out
    }

    /// A phone near one of a few: one digit changed or two neighbours swapped.
    fn near(base: usize, op: u8, at: usize, digit: u8) -> Phone {
        let bases = ["13800138000", "02138001381", "1380013"];
        let mut d = bases[base].as_bytes().to_vec();
        let at = at % (d.len() - 1);
        match op {
            1 => d[at] = b'0' + digit,
            2 => d.swap(at, at + 1),
            _ => {}
        }
        Phone::parse(std::str::from_utf8(&d).unwrap()).unwrap_or(Phone::parse(bases[base]).unwrap())
    }

    const NAMES: [&str; 8] = ["陈先生", "陈静", "陈", "欧阳总", "欧阳娜娜", "林静", "先生", "王芳"];
    const ADDRESSES: [Option<&str>; 3] = [None, Some("翠湖1栋"), Some("别处")];

    proptest::proptest! {
        #[test]
        fn find_agrees_with_trying_every_pair(
            rows in proptest::collection::vec((0..3usize, 0..3u8, 0..12usize, 0..10u8, 0..8usize, 0..3usize), 0..150),
            names in 1..=8usize,
            links in proptest::collection::vec((0..3usize, 0..12usize, 0..3usize, 0..12usize), 0..3),
        ) {
            let rows: Vec<Sighting<'static>> = rows.iter().enumerate().map(|(i, &(base, op, at, digit, name, address))| {
                Sighting { phone: near(base, op, at, digit), name: NAMES[name % names], address: ADDRESSES[address], source: Source::Claims, line: i as Line + 2 }
            }).collect();
            let mut l = Ledgers::empty("claims.csv", "customers.csv", "rulings.csv");
            for (i, &(a, x, b, y)) in links.iter().enumerate() {
                let (phone, same_as) = (near(a, 1, x, 7), near(b, 2, y, 0));
                l.cell_links.push(crate::domain::links::CellLink { source: Source::Claims, line: i as Line + 2, phone, same_as });
            }
            let customers = Customers::new(&l);
            proptest::prop_assert_eq!(found(&rows, &customers), all_pairs(&rows, &customers));
        }
    }
}

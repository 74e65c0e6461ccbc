//! Customers as connected groups of phones (SPEC §15): every link of
//! links.csv and of phone cells, whenever written, joins two phones.
//!
//! Pure: no IO. A phone no link names is a customer of its own, so with no
//! links the customer of a phone is the phone and nothing else changes.

use std::collections::VecDeque;

use rustc_hash::FxHashMap;

use crate::domain::ledger::Ledgers;
use crate::domain::phone::Phone;

/// Which link joined two phones.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum LinkRef {
    /// A row of links.csv (index in [`Ledgers::links`]).
    File(u32),
    /// A cell of several numbers (index in [`Ledgers::cell_links`]).
    Cell(u32),
}

/// The customer of every phone.
#[derive(Debug, Default)]
pub struct Customers {
    /// The key of each linked phone: the smallest phone of its group.
    key: FxHashMap<Phone, Phone>,
    /// The phones of each group of two or more, sorted, by key.
    members: FxHashMap<Phone, Vec<Phone>>,
    /// Every link that joins two phones, in reading order: links.csv first.
    edges: Vec<(Phone, Phone, LinkRef)>,
    /// The links inside each group (indices in `edges`), by key.
    edges_of: FxHashMap<Phone, Vec<u32>>,
}

impl Customers {
    /// The groups the links of `ledgers` make.
    pub fn new(ledgers: &Ledgers) -> Customers {
        let file = ledgers.links.rows.iter().enumerate().filter_map(|(i, l)| l.pair().map(|(a, b)| (a, b, LinkRef::File(i as u32))));
        let cells = ledgers.cell_links.iter().enumerate().map(|(i, c)| (c.phone, c.same_as, LinkRef::Cell(i as u32)));
        Customers::from_edges(file.chain(cells).collect())
    }

    fn from_edges(edges: Vec<(Phone, Phone, LinkRef)>) -> Customers {
        let mut sets = UnionFind::default();
        for &(a, b, _) in &edges {
            sets.union(a, b);
        }
        let mut members: FxHashMap<Phone, Vec<Phone>> = FxHashMap::default();
        for phone in sets.phones() {
            let root = sets.find(phone);
            members.entry(root).or_default().push(phone);
        }
        let mut key = FxHashMap::default();
        let members = members
            .into_values()
            .map(|mut group| {
                group.sort_unstable();
                key.extend(group.iter().map(|p| (*p, group[0])));
                (group[0], group)
            })
            .collect();
        let mut edges_of: FxHashMap<Phone, Vec<u32>> = FxHashMap::default();
        for (i, (a, _, _)) in edges.iter().enumerate() {
            edges_of.entry(key[a]).or_default().push(i as u32);
        }
        Customers { key, members, edges, edges_of }
    }

    /// The customer a phone belongs to: the smallest phone of its group.
    pub fn key(&self, phone: Phone) -> Phone {
        if self.key.is_empty() {
            return phone;
        }
        self.key.get(&phone).copied().unwrap_or(phone)
    }

    /// True when two phones are one customer.
    pub fn same(&self, a: Phone, b: Phone) -> bool {
        self.key(a) == self.key(b)
    }

    /// Every phone of the customer of `phone`, sorted.
    pub fn members(&self, phone: Phone) -> Vec<Phone> {
        self.members.get(&self.key(phone)).cloned().unwrap_or_else(|| vec![phone])
    }

    /// The links inside the group of `phone`, in reading order, with the
    /// two phones each joins.
    pub fn links_of(&self, phone: Phone) -> Vec<(Phone, Phone, LinkRef)> {
        let edges = self.edges_of.get(&self.key(phone)).map_or(&[][..], Vec::as_slice);
        edges.iter().map(|&i| self.edges[i as usize]).collect()
    }

    /// The links that lead from `a` to `b` (shortest chain, earliest links
    /// first); empty when they are not one customer or the same phone.
    pub fn path(&self, a: Phone, b: Phone) -> Vec<LinkRef> {
        if a == b || !self.same(a, b) {
            return Vec::new();
        }
        let edges = self.links_of(a);
        let mut came: FxHashMap<Phone, (Phone, LinkRef)> = FxHashMap::default();
        let mut queue = VecDeque::from([a]);
        while let Some(p) = queue.pop_front() {
            for &(x, y, link) in &edges {
                let next = if x == p { y } else if y == p { x } else { continue };
                if next != a && !came.contains_key(&next) {
                    came.insert(next, (p, link));
                    queue.push_back(next);
                }
            }
        }
        let mut path = Vec::new();
        let mut at = b;
        while let Some(&(from, link)) = came.get(&at) {
            path.push(link);
            at = from;
        }
        path.reverse();
        path
    }
}

/// Union-find over phones, by index.
#[derive(Default)]
struct UnionFind {
    index: FxHashMap<Phone, usize>,
    phones: Vec<Phone>,
    parent: Vec<usize>,
}

impl UnionFind {
    fn id(&mut self, p: Phone) -> usize {
        *self.index.entry(p).or_insert_with(|| {
            self.phones.push(p);
            self.parent.push(self.parent.len());
            self.parent.len() - 1
        })
    }

    fn root(&mut self, mut i: usize) -> usize {
        while self.parent[i] != i {
            self.parent[i] = self.parent[self.parent[i]];
            i = self.parent[i];
        }
        i
    }

    fn union(&mut self, a: Phone, b: Phone) {
        let (a, b) = (self.id(a), self.id(b));
        let (ra, rb) = (self.root(a), self.root(b));
        if ra != rb {
            self.parent[ra.max(rb)] = ra.min(rb);
        }
    }

    fn find(&mut self, p: Phone) -> Phone {
        let i = self.id(p);
        let r = self.root(i);
        self.phones[r]
    }

    fn phones(&self) -> Vec<Phone> {
        self.phones.clone()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::ledger::{Ledger, PhoneCell};
    use crate::domain::links::{CellLink, Link, Source};

    fn p(s: &str) -> Phone {
        Phone::parse(s).unwrap()
    }

    fn ledgers(links: &[(&str, &str)], cells: &[(&str, &str)]) -> Ledgers {
        let mut l = Ledgers::empty("claims.csv", "customers.csv", "rulings.csv");
        let mut rows = Vec::new();
        for (i, (a, b)) in links.iter().enumerate() {
            let (phone, same_as) = (PhoneCell::read(a, &mut l.strings), PhoneCell::read(b, &mut l.strings));
            rows.push(Link { line: i as u32 + 2, phone, same_as, reason: None });
        }
        l.links = Ledger { rows, ..Ledger::new("links.csv") };
        l.cell_links = cells.iter().enumerate().map(|(i, (a, b))| CellLink { source: Source::Claims, line: i as u32 + 2, phone: p(a), same_as: p(b) }).collect();
        l
    }

    #[test]
    fn groups_from_links_and_cells() {
        let l = ledgers(&[("13800000002", "13800000001"), ("13600000001", "13600000001"), ("不详", "13600000002")], &[("13900000001", "13900000002"), ("13900000002", "13800000002")]);
        let c = Customers::new(&l);
        assert_eq!(c.key(p("13900000001")), p("13800000001"));
        assert_eq!(c.members(p("13800000002")), [p("13800000001"), p("13800000002"), p("13900000001"), p("13900000002")]);
        assert_eq!(c.key(p("13600000001")), p("13600000001"), "a self link and a bad phone link nothing");
        assert_eq!(c.members(p("13600000002")), [p("13600000002")]);
        assert!(!c.same(p("13600000001"), p("13600000002")));
        assert_eq!(c.path(p("13900000001"), p("13800000001")), [LinkRef::Cell(0), LinkRef::Cell(1), LinkRef::File(0)]);
        assert_eq!(c.path(p("13800000001"), p("13800000001")), []);
    }

    #[test]
    fn no_links_every_phone_its_own_customer() {
        let c = Customers::new(&ledgers(&[], &[]));
        assert_eq!(c.key(p("13800000001")), p("13800000001"));
        assert_eq!(c.members(p("13800000001")), [p("13800000001")]);
    }
}

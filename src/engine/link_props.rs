//! Properties of customers as groups of phones (SPEC §15), on generated
//! ledgers: linked phones decide like one phone, and without links the
//! customer of a phone is the phone.

use proptest::prelude::*;

use super::Outcome;
use super::props::{DealSpec, PHONES, RowSpec, book, deals, rows, rulings};
use super::testkit::Book;

/// Everything decided except the customers themselves, as text.
fn decided(out: &Outcome) -> String {
    format!("{:?}\n{:?}\n{:?}\n{:?}\n{:?}\n{:?}", out.as_of, out.rows, out.valid.iter().map(|v| (v.row, v.rep, v.protection, v.previous, v.won_by, v.status)).collect::<Vec<_>>(), out.deals, out.ignored_rulings, out.commissions)
}

/// The representative of each phone index under `links` (the valid phones
/// 0..6 only): the smallest index of its group.
fn representatives(links: &[(usize, usize)]) -> Vec<usize> {
    let mut rep: Vec<usize> = (0..PHONES.len()).collect();
    for _ in 0..PHONES.len() {
        for &(a, b) in links {
            let m = rep[a].min(rep[b]);
            rep[a] = m;
            rep[b] = m;
        }
    }
    rep
}

fn decide(mut b: Book) -> String {
    b.decide(None);
    decided(b.outcome.as_ref().unwrap())
}

fn links() -> impl Strategy<Value = Vec<(usize, usize)>> {
    prop::collection::vec((0usize..6, 0usize..6), 0..4)
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    /// Linked phones decide exactly as if every row had been written under
    /// one phone of the group.
    #[test]
    fn linked_phones_decide_like_one_phone(rows in rows(), deals in deals(), rulings in rulings(), links in links(), quota in 0u8..4) {
        let mut linked = book(&rows, &deals, &rulings, quota);
        for &(a, b) in &links {
            linked.link(PHONES[a], PHONES[b]);
        }
        let rep = representatives(&links);
        let rows: Vec<RowSpec> = rows.iter().map(|r| (r.0, r.1, r.2, r.3, rep[r.4], r.5)).collect();
        let deals: Vec<DealSpec> = deals.iter().map(|d| (d.0, rep[d.1], d.2, d.3)).collect();
        let rulings: Vec<(usize, usize)> = rulings.iter().map(|r| (rep[r.0], r.1)).collect();
        prop_assert_eq!(decide(linked), decide(book(&rows, &deals, &rulings, quota)));
    }

    /// Without links every phone is its own customer: links that join no
    /// phone of the ledgers (a phone to itself, a bad phone, phones no row
    /// names) change nothing.
    #[test]
    fn without_links_a_customer_is_its_phone(rows in rows(), deals in deals(), rulings in rulings(), quota in 0u8..4) {
        let plain = book(&rows, &deals, &rulings, quota);
        let mut ignored = book(&rows, &deals, &rulings, quota);
        ignored.link(PHONES[0], "+86 138 0000 0001");
        ignored.link(PHONES[1], "不详");
        ignored.link("15900000001", "15900000002");
        let mut b = book(&rows, &deals, &rulings, quota);
        b.decide(None);
        let out = b.outcome.as_ref().unwrap();
        for phone in PHONES.iter().filter_map(|p| crate::domain::phone::Phone::parse(p).ok()) {
            prop_assert_eq!(out.customers.key(phone), phone);
        }
        prop_assert_eq!(decide(plain), decide(ignored));
    }
}

//! The pairs `dupes` proposes, as rows of a links.csv a manager edits:
//! `phone,same_as,reason` as links.csv reads them, then what they rest on.
//!
//! Pure: formats the pairs the check found; decides nothing.

use super::view::Cell;
use crate::check::dupes::Pair;
use crate::domain::ledger::{Ledgers, PhoneText};

/// The columns of the file `dupes` writes; links.csv reads the first three
/// and ignores the others.
pub const DUPE_COLUMNS: [&str; 6] = ["phone", "same_as", "reason", "customer", "address", "rows"];

/// One row per pair: the later phone is linked to the earlier.
pub fn rows<'a>(pairs: &'a [Pair<'a>], ledgers: &'a Ledgers) -> impl Iterator<Item = [Cell<'a>; 6]> + 'a {
    pairs.iter().map(move |p| {
        let (a, b) = (p.earlier, p.later);
        let customer = if a.name == b.name { Cell::Text(b.name) } else { Cell::Owned(format!("{} / {}", b.name, a.name)) };
        [
            Cell::Phone(PhoneText::Number(b.phone)),
            Cell::Phone(PhoneText::Number(a.phone)),
            Cell::Text(p.reason.as_str()),
            customer,
            b.address.map_or(Cell::Empty, Cell::Text),
            Cell::Owned(format!("{} {}", ledgers.row_at(b.source, b.line), ledgers.row_at(a.source, a.line))),
        ]
    })
}

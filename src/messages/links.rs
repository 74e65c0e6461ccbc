//! Wording about phones of one customer (SPEC §15): links.csv findings,
//! probable duplicates, and claims that meet through a link.

use super::findings::shown;
use crate::domain::phone::Phone;

/// Why two phones are probably one customer, in words (see
/// [`crate::check::dupes::Reason`]).
pub fn dupe_reason(reason: &str, name: &str, other_name: &str, address: &str) -> String {
    let (name, other_name, address) = (shown(name), shown(other_name), shown(address));
    match reason {
        "same_name_address" => format!("{name} at {address}"),
        "surname_title" => format!("{name} and {other_name} at {address}"),
        _ => format!("{name}, phones one digit or one swap apart"),
    }
}

pub fn dupes_written(pairs: usize, file: &str) -> String {
    format!("{} written to {file}; keep the rows that are one customer in the links file ([ledgers] links)", super::plural(pairs as u64, "pair"))
}

pub fn dupes_found(pairs: usize) -> String {
    match pairs {
        0 => "no likely pairs: every customer seen once under each phone, or already linked".into(),
        n => format!("{}; nothing is linked until they are kept in the links file ([ledgers] links)", super::plural(n as u64, "likely pair")),
    }
}

/// A link on a customer's timeline.
pub fn link_joins(phone: Phone, same_as: Phone, one_cell: bool, reason: &str) -> String {
    let how = if one_cell { "written in one cell" } else { "links.csv" };
    match reason {
        "" => format!("{phone} is the same customer as {same_as} ({how})"),
        r => format!("{phone} is the same customer as {same_as} ({how}): {}", shown(r)),
    }
}

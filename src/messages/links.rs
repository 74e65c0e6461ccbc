//! Wording about phones of one customer (SPEC §15): links.csv findings,
//! probable duplicates, and claims that meet through a link.

use std::fmt::Display;

use super::findings::{bad_value, shown};
use crate::domain::phone::Phone;

/// A bad phone cell; in a cell of several numbers, the number that is bad.
pub fn bad_phone(column: &str, value: &str, why: impl Display) -> String {
    let commas = value.contains([',', '，']) && value.chars().all(|c| c.is_ascii_digit() || matches!(c, ',' | '，' | ' '));
    match crate::domain::links::bad_part(value) {
        Some(_) if commas => bad_value(column, value, "a comma separates two numbers; write one number without commas"),
        Some(part) => bad_value(column, value, format_args!("one of its numbers, `{}`, {why}", shown(part))),
        None => bad_value(column, value, why),
    }
}

pub fn link_bad_phone(column: &str, value: &str, why: impl Display) -> String {
    format!("{}; this link is ignored", bad_phone(column, value, why))
}

pub fn self_link(phone: Phone) -> String {
    format!("links {phone} to itself; this link is ignored (write the customer's other phone in `same_as`)")
}

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

pub fn possible_duplicate(reason: &str, name: &str, other_name: &str, address: &str, other: Phone, at: impl Display) -> String {
    match reason {
        "same_name_address" => super::possible_duplicate_customer(name, address, other, at),
        "surname_title" => format!(
            "{} at {} shares a surname with {} under {other} ({at}); the same customer under two phones? \
             if so, link them in links.csv",
            shown(name),
            shown(address),
            shown(other_name)
        ),
        _ => format!(
            "{} is also registered under {other} ({at}), one digit or one swap apart; a mistyped phone? \
             correct it, or link the two in links.csv",
            shown(name)
        ),
    }
}

/// A claim refused as a duplicate only because its phone is linked to the holder's.
pub fn linked_claims_conflict(phone: Phone, holder: &str, holder_row: impl Display, holder_phone: Phone, joined: &str) -> String {
    format!(
        "{phone} and {holder}'s claim {holder_row} on {holder_phone} are one customer ({joined}); \
         both claims protect on this day, so this later one is a duplicate"
    )
}

/// `links.csv:2`, `claims.csv:4 (one cell)`: the links that join two phones.
pub fn joined_by(links: &[String]) -> String {
    format!("linked by {}", links.join(", "))
}

pub fn dupes_written(lang: crate::messages::Lang, pairs: usize, file: &str) -> String {
    match lang {
        crate::messages::Lang::Zh => format!("已写入{pairs}对到 {file}；确认是同一客户的行，留进关联电话文件（[ledgers] links）"),
        crate::messages::Lang::En => format!(
            "{} written to {file}; keep the rows that are one customer in the links file ([ledgers] links)",
            super::plural(pairs as u64, "pair")
        ),
    }
}

pub fn dupes_found(lang: crate::messages::Lang, pairs: usize) -> String {
    match (lang, pairs) {
        (crate::messages::Lang::Zh, 0) => "没有疑似同一客户的电话：每位客户每个电话只出现一次，或已关联".into(),
        (crate::messages::Lang::En, 0) => "no likely pairs: every customer seen once under each phone, or already linked".into(),
        (crate::messages::Lang::Zh, n) => format!("{n}对疑似同一客户；留进关联电话文件（[ledgers] links）之前，一个都不会关联"),
        (crate::messages::Lang::En, n) => format!(
            "{}; nothing is linked until they are kept in the links file ([ledgers] links)",
            super::plural(n as u64, "likely pair")
        ),
    }
}

/// A link on a customer's timeline.
pub fn link_joins(lang: crate::messages::Lang, phone: Phone, same_as: Phone, one_cell: bool, reason: &str) -> String {
    match lang {
        crate::messages::Lang::Zh => {
            let how = if one_cell { "写在同一格里" } else { "关联电话文件" };
            match reason {
                "" => format!("{phone} 与 {same_as} 是同一客户（{how}）"),
                r => format!("{phone} 与 {same_as} 是同一客户（{how}）：{}", shown(r)),
            }
        }
        crate::messages::Lang::En => {
            let how = if one_cell { "written in one cell" } else { "links.csv" };
            match reason {
                "" => format!("{phone} is the same customer as {same_as} ({how})"),
                r => format!("{phone} is the same customer as {same_as} ({how}): {}", shown(r)),
            }
        }
    }
}

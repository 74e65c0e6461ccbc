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

pub fn dupes_written(lang: crate::messages::Lang, pairs: usize, file: &str) -> String {
    match lang {
        crate::messages::Lang::Zh => format!("已把{pairs}对电话写入 {file}；确认是同一客户的行，留进关联电话文件（rules.toml 的 [ledgers] links）"),
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
        (crate::messages::Lang::Zh, n) => format!("{n}对电话疑似同一客户；确认后留进关联电话文件（rules.toml 的 [ledgers] links）才会关联，在那之前一对都不关联"),
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

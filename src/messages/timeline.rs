//! Wording of `explain`: its title and each decision on a customer's
//! timeline. The reasons themselves come from `decisions.rs`.

use std::fmt::Display;

use super::Lang;

/// `customer 13800138000 (王芳)`: what the timeline is about.
pub fn customer(lang: Lang, phones: &str, name: Option<&str>) -> String {
    match (lang, name) {
        (Lang::Zh, Some(n)) => format!("客户 {phones}（{n}）"),
        (Lang::Zh, None) => format!("客户 {phones}"),
        (Lang::En, Some(n)) => format!("customer {phones} ({n})"),
        (Lang::En, None) => format!("customer {phones}"),
    }
}

pub fn claim_row(lang: Lang, row: impl Display) -> String {
    match lang {
        Lang::Zh => format!("报备台账 {row}（电话认不出客户）"),
        Lang::En => format!("claim-ledger row {row} (its phone names no customer)"),
    }
}

pub fn deal(lang: Lang, id: &str) -> String {
    match lang {
        Lang::Zh => format!("成交 {id}（电话认不出客户）"),
        Lang::En => format!("deal {id} (its phone names no customer)"),
    }
}

/// ` (as of 2026-06-25)` after the title.
pub fn as_of(lang: Lang, day: impl Display) -> String {
    match lang {
        Lang::Zh => format!("，截止 {day}"),
        Lang::En => format!(" (as of {day})"),
    }
}

/// Nothing on the ledgers mentions the key.
pub fn nothing_mentions(lang: Lang, title: &str) -> String {
    match lang {
        Lang::Zh => format!("报备、成交和裁决里都没有{title}；核对号码，或换这位客户的另一个电话试试"),
        Lang::En => format!("no claim, deal or ruling mentions {title}"),
    }
}

/// The key given to `explain` names nothing.
pub fn not_a_key(lang: Lang, key: &str, file: &str) -> String {
    match lang {
        Lang::Zh => format!("`{}` 不是电话、单号，也不是这些台账里的行（如 {file}:2）", super::shown(key)),
        Lang::En => format!("`{}` is not a phone, a deal id or a row like {file}:2 in these ledgers", super::shown(key)),
    }
}

/// A ruling on the customer; `ignored` when an earlier one wins.
pub fn ruling(lang: Lang, ignored: bool, owner: Option<&str>, reason: &str) -> String {
    match lang {
        Lang::Zh => {
            let owner = owner.unwrap_or(super::labels::house_owner(lang));
            let reason = if reason.is_empty() { String::new() } else { format!("：{reason}") };
            if ignored {
                format!("不采用：该客户已有更早的裁决（{owner}{reason}）")
            } else {
                format!("部门负责人裁决：该客户所有成交归{owner}{reason}")
            }
        }
        Lang::En => {
            let owner = owner.unwrap_or(super::labels::house_owner(lang));
            if ignored {
                format!("ignored: an earlier ruling on this customer wins ({owner}: {reason})")
            } else {
                format!("ruling: every deal of this customer belongs to {owner}; {reason}")
            }
        }
    }
}

/// A row dated after the as-of day.
pub fn left_out(lang: Lang) -> &'static str {
    match lang {
        Lang::Zh => "在截止日（--as-of）之后，不计",
        Lang::En => "after --as-of: left out",
    }
}

/// A deal, who closed it, who owns it and why.
pub struct DealLine<'a> {
    pub id: &'a str,
    pub amount: &'a dyn Display,
    /// Net amount and refunded, when some of it was refunded.
    pub refunded: Option<(&'a dyn Display, &'a dyn Display)>,
    pub closer: &'a str,
    pub owner: Option<&'a str>,
    pub basis: &'a str,
    pub why: String,
}

pub fn deal_decision(lang: Lang, d: DealLine) -> String {
    let DealLine { id, amount, refunded, closer, owner, basis, why } = d;
    match lang {
        Lang::Zh => {
            let net = refunded.map_or(String::new(), |(net, r)| format!("（退 {r}，净额 {net}）"));
            // The reason names the rule (老客户复购，裁决…): no label besides.
            let _ = basis;
            let owner = owner.unwrap_or("公司");
            format!("{id} {amount}{net}，{closer}成交 → 归{owner}：{why}")
        }
        Lang::En => {
            let net = refunded.map_or(String::new(), |(net, r)| format!(" (net {net} after {r} refunded)"));
            let owner = owner.unwrap_or("the house");
            format!("{id} {amount}{net}, closed by {closer} → owner {owner} ({basis}): {why}")
        }
    }
}

/// A claim refused by a rule.
pub fn refused(lang: Lang, code: &str, why: &str) -> String {
    // In Chinese the reason opens with the rule's own name (重复报备：…).
    match lang {
        Lang::Zh => format!("无效，{why}"),
        Lang::En => format!("refused: {code}: {why}"),
    }
}

/// A valid claim, with its status unless it won a deal.
pub fn valid(lang: Lang, status: Option<&str>, why: &str) -> String {
    match (lang, status) {
        (Lang::Zh, Some(s)) => format!("有效报备（{}），{why}", super::labels::value(lang, "status", s)),
        (Lang::Zh, None) => format!("有效报备，{why}"),
        (Lang::En, Some(s)) => format!("valid claim, {s}: {why}"),
        (Lang::En, None) => format!("valid claim, {why}"),
    }
}

/// The holder claims again while protected.
pub fn refresh(lang: Lang, of: &str) -> String {
    match lang {
        Lang::Zh => format!("保护期内再次报备：算作 {of} 的跟进"),
        Lang::En => format!("the holder claims again: a follow-up of {of}"),
    }
}

pub fn touch(lang: Lang, of: &str) -> String {
    match lang {
        Lang::Zh => format!("跟进 {of} 的报备"),
        Lang::En => format!("touch of {of}"),
    }
}

pub fn orphan(lang: Lang, why: &str) -> String {
    match lang {
        Lang::Zh => format!("无主跟进：{why}"),
        Lang::En => format!("orphan: {why}"),
    }
}

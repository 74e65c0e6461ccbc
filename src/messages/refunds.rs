//! Wording of refund findings (SPEC §13): each names the rule it breaks
//! and what to change.

use chrono::NaiveDate;

use super::shown;
use crate::domain::ledger::RowName;
use crate::domain::money::{Money, cents};
use crate::policy::DealStatuses;

/// `["退单", "已退单"]` as TOML.
fn toml_list(words: &[String], extra: Option<&str>) -> String {
    let quoted: Vec<String> = words.iter().map(String::as_str).chain(extra).map(|w| format!("\"{}\"", w.replace('\\', "\\\\").replace('"', "\\\""))).collect();
    format!("[{}]", quoted.join(", "))
}

pub fn bad_status(value: &str, lists: &DealStatuses) -> String {
    let word = crate::policy::status_key(value);
    format!(
        "`status` `{}` is neither a refunded nor a normal status, and money is never guessed; \
         deals.refunded_status = {}; deals.normal_status = {}; \
         if it means the deal was refunded, put this line under [deals] in rules.toml: refunded_status = {}; \
         if it is a normal deal: normal_status = {}",
        shown(value),
        toml_list(&lists.refunded, None),
        toml_list(&lists.normal, None),
        toml_list(&lists.refunded, Some(&word)),
        toml_list(&lists.normal, Some(&word)),
    )
}

pub fn refund_before_deal(refund: NaiveDate, deal: NaiveDate) -> String {
    format!("`refund_date` {refund} is before the deal's own day {deal}: a deal is refunded on or after its day")
}

pub fn negative_without_refund_of(amount: &str) -> String {
    format!(
        "`amount` `{}` is negative but `refund_of` (原单号) is empty: a refund row must name the deal_id it refunds",
        shown(amount)
    )
}

pub fn refund_of_not_negative(amount: &str, of: &str) -> String {
    format!(
        "`refund_of` `{}` on an amount that is not negative (`{}`): a refund row's amount is the refund, written negative (-10000)",
        shown(of),
        shown(amount)
    )
}

pub fn names_no_deal(of: &str) -> String {
    format!("`refund_of` `{}` names no deal_id of this customer ledger: a refund must name the deal it refunds", shown(of))
}

pub fn deal_after_refund(of: &str, at: RowName, deal: NaiveDate, refund: NaiveDate) -> String {
    format!("`refund_of` `{}` names a deal ({at}) dated {deal}, after this refund on {refund}: a deal is refunded on or after its day", shown(of))
}

pub fn already_refunded_in_full(of: &str, at: RowName) -> String {
    format!(
        "`refund_of` `{}` names a deal ({at}) whose status already marks it refunded in full: a partial refund of it would count twice",
        shown(of)
    )
}

pub fn refunds_exceed(of: &str, at: RowName, total: Money, amount: Money) -> String {
    format!(
        "the refunds of `{}` ({at}) add up to {} with this row, more than its amount {}: refunds of a deal never exceed it",
        shown(of),
        cents(total),
        cents(amount)
    )
}

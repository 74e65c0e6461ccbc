//! Labels people read in tables: column titles, and the words shown for the
//! stable values of the `status`, `reason`, `basis` and `kind` columns.
//!
//! Terminal tables, workbooks and pages show these labels; CSV and JSON
//! keep the stable English identifiers, which scripts read (SPEC §12).

use super::Lang;

/// Chinese titles of report columns, by stable name.
pub(super) const NAMES_ZH: &[(&str, &str)] = &[
    ("deal_id", "单号"),
    ("date", "日期"),
    ("customer", "客户"),
    ("phone", "电话"),
    ("amount", "金额"),
    ("refunded", "退单金额"),
    ("net_amount", "净额"),
    ("closed_by", "成交人"),
    ("owner", "归属人"),
    ("basis", "归属依据"),
    ("claim_row", "报备行"),
    ("deal_row", "成交行"),
    ("detail", "说明"),
    ("row", "行"),
    ("rep", "业务员"),
    ("status", "状态"),
    ("reason", "原因"),
    ("end_day", "保护截止"),
    ("period", "结算期"),
    ("channel", "渠道"),
    ("deals", "成交数"),
    ("performance", "业绩"),
    ("commission", "提成"),
    ("bonus", "奖金"),
    ("total", "合计"),
    ("kind", "类型"),
    ("restates", "调整的结算期"),
    ("same_as", "同一客户电话"),
    ("address", "地址"),
    ("rows", "依据行"),
];

/// The title of a report column, by its stable name (`deal_id`, `basis`…).
/// A name with no title of its own is shown as it is.
pub fn title(lang: Lang, name: &'static str) -> &'static str {
    match lang {
        Lang::Zh => NAMES_ZH.iter().find(|(k, _)| *k == name).map_or(name, |(_, v)| v),
        Lang::En => match name {
            "deal_id" => "deal",
            "date" => "day",
            "net_amount" => "net",
            "closed_by" => "closer",
            "claim_row" => "claim row",
            "deal_row" => "deal row",
            "end_day" => "end day",
            other => other,
        },
    }
}

/// The label of a stable value in a column people read: `duplicate` →
/// 重复报备. Values of other columns, and unknown values, are shown as
/// they are. English shows the identifiers themselves.
pub fn value<'v>(lang: Lang, column: &str, value: &'v str) -> &'v str {
    match lang {
        Lang::En => value,
        Lang::Zh => match (column, value) {
            ("status", "invalid") => "无效",
            ("status", "won") => "已成交",
            ("status", "active") => "保护中",
            ("status", "expired") => "已过期",
            ("status", "lapsed") => "已失效",
            ("reason", "unknown_rep") => "不在名单",
            ("reason", "missing_fields") => "资料不全",
            ("reason", "bad_phone") => "电话无效",
            ("reason", "after_deal") => "成交后才报备",
            ("reason", "late_claim") => "报备超时",
            ("reason", "cross_region") => "跨区",
            ("reason", "duplicate") => "重复报备",
            ("reason", "over_quota") => "超出每月限额",
            ("basis", "ruling") => "裁决",
            ("basis", "repeat") => "老客户复购",
            ("basis", "claim") => "报备",
            ("basis", "closer") => "成交人",
            ("kind", "earned") => "本期",
            ("kind", "adjustment") => "调整",
            ("channel", "field") => "外拓",
            ("channel", "store") => "导购",
            _ => value,
        },
    }
}

/// Whether [`value`] labels this column's values.
pub fn labelled(column: &str) -> bool {
    matches!(column, "status" | "reason" | "basis" | "kind" | "channel")
}

/// A ruling's owner when it gives the customer to nobody, in a sentence.
pub fn house_owner(lang: Lang) -> &'static str {
    match lang {
        Lang::Zh => "公司（不归任何人）",
        Lang::En => "the house (nobody)",
    }
}

/// Nobody owns the deal: the house.
pub fn house(lang: Lang) -> &'static str {
    match lang {
        Lang::Zh => "（公司）",
        Lang::En => "(house)",
    }
}

/// The kind of an adjustment line in a terminal table: `adj. 2026Q1`.
pub fn adjustment(lang: Lang, restates: &str) -> String {
    match lang {
        Lang::Zh => format!("调整 {restates}"),
        Lang::En => format!("adj. {restates}"),
    }
}

/// The heading of the deals table.
pub fn deals_heading(lang: Lang, n: usize) -> String {
    match lang {
        Lang::Zh => format!("成交（{n}单）"),
        Lang::En => format!("Deals ({n})"),
    }
}

/// The heading of the table of claims that are not valid.
pub fn invalid_heading(lang: Lang, invalid: usize, claims: usize) -> String {
    match lang {
        Lang::Zh => format!("无效报备（共{claims}条报备，{invalid}条无效）"),
        Lang::En => format!("Claims that are not valid ({invalid} of {})", super::plural(claims as u64, "claim")),
    }
}

/// The heading of the commissions table.
pub fn commissions_heading(lang: Lang, n: usize) -> String {
    match lang {
        Lang::Zh => format!("提成（{n}行）"),
        Lang::En => format!("Commissions ({})", super::plural(n as u64, "line")),
    }
}

/// The heading of the reconciliation footer.
pub fn reconciliation_heading(lang: Lang) -> &'static str {
    match lang {
        Lang::Zh => "核对",
        Lang::En => "Reconciliation",
    }
}

/// The columns of `explain`'s timeline.
pub fn timeline_header(lang: Lang) -> [&'static str; 5] {
    match lang {
        Lang::Zh => ["日期", "行", "业务员", "事件", "裁定"],
        Lang::En => ["day", "row", "who", "event", "decision"],
    }
}

/// The event of a timeline entry, by its stable word (`claim`, `deal`…).
pub fn event(lang: Lang, event: &str) -> &str {
    match lang {
        Lang::En => event,
        Lang::Zh => match event {
            "claim" => "报备",
            "follow_up" => "跟进",
            "visit" => "上门量尺",
            "refresh" => "再次报备",
            "deal" => "成交",
            "refund" => "退单",
            "ruling" => "裁决",
            "link" => "关联电话",
            "closed" => "结账",
            other => other,
        },
    }
}

/// The label of a `dupes` reason in its table (the file keeps the code).
pub fn dupe_reason(lang: Lang, reason: &str) -> &str {
    match lang {
        Lang::En => reason,
        Lang::Zh => match reason {
            "same_name_address" => "同名同地址",
            "surname_title" => "同姓同地址",
            "similar_phone" => "同名，电话差一位或两位颠倒",
            other => other,
        },
    }
}

/// The sheet of a report in a workbook, by the report's stable name.
pub fn sheet(lang: Lang, report: &'static str) -> &'static str {
    match lang {
        Lang::Zh => match report {
            "deals" => "成交",
            "claims" => "报备",
            "commissions" => "提成",
            other => other,
        },
        Lang::En => report,
    }
}

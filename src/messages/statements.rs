//! Every label of the statements (提成明细) and the manager's overview page,
//! in one place: one [`Words`] per language, each a constant the compiler
//! checks field by field.
//!
//! Pure. Pages and workbooks show the labels of the stable values (basis,
//! reason, kind: `messages::labels`); CSV and JSON keep the identifiers.

use chrono::NaiveDate;

use crate::domain::money::{Money, cents};
use crate::domain::period::Period;
use crate::engine::commission::Slice;
use crate::engine::protection::EndCause;
use crate::engine::statement::Bonus;

use super::Lang;

/// The labels of statements and the overview.
pub struct Words {
    /// The language of the words, and of the pages' `lang` attribute.
    pub language: Lang,
    pub statement_title: &'static str,
    pub overview_title: &'static str,
    pub rep: &'static str,
    pub channel: &'static str,
    pub region: &'static str,
    pub target: &'static str,
    pub period: &'static str,
    pub as_of: &'static str,
    pub none: &'static str,
    pub not_in_roster: &'static str,
    /// The claim ledger, when its long file name is given once on a page.
    pub claims_ledger: &'static str,

    pub deals_title: &'static str,
    pub no_deals: &'static str,
    pub deal: &'static str,
    pub day: &'static str,
    pub customer: &'static str,
    pub phone: &'static str,
    pub amount: &'static str,
    pub refunded: &'static str,
    pub net: &'static str,
    pub basis: &'static str,
    pub claim_row: &'static str,
    pub total: &'static str,

    pub tiers_title: &'static str,
    pub tier: &'static str,
    pub and_above: &'static str,
    pub base: &'static str,
    pub rate: &'static str,
    pub commission_exact: &'static str,
    pub commission_rounded: &'static str,
    pub bonuses_title: &'static str,
    pub reason: &'static str,
    pub no_bonus: &'static str,
    pub bonus_exact: &'static str,
    pub bonus_rounded: &'static str,
    pub rounding_note: &'static str,

    pub lines_title: &'static str,
    pub no_lines: &'static str,
    pub restated_title: &'static str,
    pub restated_note: &'static str,
    pub kind: &'static str,
    pub restates: &'static str,
    pub deals: &'static str,
    pub performance: &'static str,
    pub commission: &'static str,
    pub bonus: &'static str,
    pub to_pay: &'static str,
    /// "To pay" when the sum is negative: the amount is taken back.
    pub to_claw_back: &'static str,
    /// An adjustment's two sides and their difference.
    pub paid: &'static str,
    pub now: &'static str,
    pub difference: &'static str,

    pub invalid_title: &'static str,
    pub no_invalid: &'static str,
    pub row: &'static str,
    pub detail: &'static str,
    pub active_title: &'static str,
    pub no_active: &'static str,
    pub claimed_on: &'static str,
    pub end_day: &'static str,
    pub days_left: &'static str,
    /// Days left 0: the end day is the as-of day, still protected.
    pub due_today: &'static str,
    pub to_do: &'static str,

    pub signature: &'static str,
    pub signed_on: &'static str,

    pub bars_title: &'static str,
    pub of_target: &'static str,
    /// The column of adjustments of closed periods posted to this one, per rep.
    pub posted_adjustments: &'static str,
    /// The column of a closed period's differences since the close, per rep.
    pub since_close: &'static str,
    pub no_target: &'static str,
    pub invalid_by_reason_title: &'static str,
    pub claims: &'static str,
    pub by_basis_title: &'static str,
    pub house: &'static str,
    pub ending_title: &'static str,
    pub no_ending: &'static str,
    pub reconciliation_title: &'static str,

    /// Sheet names of a statement workbook (at most 31 characters).
    pub sheet_summary: &'static str,
    pub sheet_deals: &'static str,
    pub sheet_lines: &'static str,
    pub sheet_arithmetic: &'static str,
    pub sheet_invalid: &'static str,
    pub sheet_active: &'static str,
}

/// English.
pub const EN: Words = Words {
    language: Lang::En,
    statement_title: "Commission statement",
    overview_title: "Sales overview",
    rep: "Rep",
    channel: "Channel",
    region: "Region",
    target: "Target",
    period: "Period",
    as_of: "As of",
    none: "—",
    not_in_roster: "not in the roster",
    claims_ledger: "Claim ledger",

    deals_title: "Deals credited",
    no_deals: "No deal is credited to this rep in the period.",
    deal: "Deal",
    day: "Day",
    customer: "Customer",
    phone: "Phone",
    amount: "Amount",
    refunded: "Refunded",
    net: "Net",
    basis: "Basis",
    claim_row: "Won by claim",
    total: "Total",

    tiers_title: "Tier arithmetic",
    tier: "Tier",
    and_above: "and above",
    base: "Performance in tier",
    rate: "Rate",
    commission_exact: "Commission, exact",
    commission_rounded: "Commission, rounded to the cent",
    bonuses_title: "Bonuses",
    reason: "Reason",
    no_bonus: "No bonus in this period.",
    bonus_exact: "Bonus, exact",
    bonus_rounded: "Bonus, rounded to the cent",
    rounding_note: "Commission and bonus are each rounded half up to the cent once, from their exact sums, never slice by slice.",

    lines_title: "Commission lines",
    no_lines: "No commission line for this rep in the period.",
    restated_title: "Differences since the close",
    restated_note: "This period is closed: the line above is what was paid. These adjustment lines are the difference today's deals make to it, posted to a later period (paid when positive, clawed back when negative).",
    kind: "Kind",
    restates: "Restates",
    deals: "Deals",
    performance: "Performance",
    commission: "Commission",
    bonus: "Bonus",
    to_pay: "To pay",
    to_claw_back: "To claw back",
    paid: "Paid",
    now: "Now",
    difference: "Difference",

    invalid_title: "Claims refused in the period",
    no_invalid: "No claim of this rep dated in the period was refused.",
    row: "Row",
    detail: "Why",
    active_title: "Claims still protecting",
    no_active: "No claim of this rep is protecting on the as-of day.",
    claimed_on: "Claimed on",
    end_day: "Protected through",
    days_left: "Days left",
    due_today: "ends today",
    to_do: "To keep it",

    signature: "Rep's signature",
    signed_on: "Date",

    bars_title: "Performance against target",
    of_target: "of target",
    posted_adjustments: "Adjustments",
    since_close: "Difference since the close",
    no_target: "no target",
    invalid_by_reason_title: "Invalid claims by reason",
    claims: "Claims",
    by_basis_title: "Deals by basis",
    house: "owned by the house (nobody)",
    ending_title: "Claims ending soon",
    no_ending: "No claim ends within these days.",
    reconciliation_title: "Reconciliation",

    sheet_summary: "statement",
    sheet_deals: "deals",
    sheet_lines: "lines",
    sheet_arithmetic: "arithmetic",
    sheet_invalid: "invalid claims",
    sheet_active: "active claims",
};

/// Chinese, as a store's finance staff write it.
pub const ZH: Words = Words {
    language: Lang::Zh,
    statement_title: "提成明细",
    overview_title: "经营概览",
    rep: "业务员",
    channel: "渠道",
    region: "区域",
    target: "目标",
    period: "结算期",
    as_of: "数据截至",
    none: "—",
    not_in_roster: "不在业务员名单里",
    claims_ledger: "报备表",

    deals_title: "计入的成交",
    no_deals: "本期没有计入的成交。",
    deal: "单号",
    day: "日期",
    customer: "客户",
    phone: "电话",
    amount: "金额",
    refunded: "退单",
    net: "净额",
    basis: "归属依据",
    claim_row: "报备行",
    total: "合计",

    tiers_title: "阶梯计算",
    tier: "阶梯",
    and_above: "以上",
    base: "本阶业绩",
    rate: "提成比例",
    commission_exact: "提成（精确值）",
    commission_rounded: "提成（四舍五入到分）",
    bonuses_title: "奖金",
    reason: "原因",
    no_bonus: "本期没有奖金。",
    bonus_exact: "奖金（精确值）",
    bonus_rounded: "奖金（四舍五入到分）",
    rounding_note: "提成和奖金各按精确值合计后四舍五入到分，只舍入这一次，不逐段舍入。",

    lines_title: "提成汇总",
    no_lines: "本期没有提成。",
    restated_title: "结账后的调整",
    restated_note: "本期已结账：上面一行是已发放的数。下面的调整是按现在的成交重算后的差额，记入之后的结算期（正数补发，负数扣回）。",
    kind: "类型",
    restates: "调整哪一期",
    deals: "成交数",
    performance: "业绩",
    commission: "提成",
    bonus: "奖金",
    to_pay: "应发",
    to_claw_back: "应扣回",
    paid: "已发",
    now: "现在重算",
    difference: "差额",

    invalid_title: "本期无效报备",
    no_invalid: "本期没有无效报备。",
    row: "行",
    detail: "原因说明",
    active_title: "仍在保护期的报备",
    no_active: "目前没有仍在保护期的报备。",
    claimed_on: "报备日期",
    end_day: "保护截止",
    days_left: "剩余天数",
    due_today: "今天到期",
    to_do: "要做什么",

    signature: "业务员签字",
    signed_on: "日期",

    bars_title: "业绩与目标",
    of_target: "完成率",
    posted_adjustments: "往期调整",
    since_close: "结账后差额",
    no_target: "未设目标",
    invalid_by_reason_title: "无效报备原因",
    claims: "报备数",
    by_basis_title: "成交归属依据",
    house: "归公司（不归任何人）",
    ending_title: "即将到期的报备",
    no_ending: "这几天内没有到期的报备。",
    reconciliation_title: "核对",

    sheet_summary: "提成明细",
    sheet_deals: "成交",
    sheet_lines: "提成",
    sheet_arithmetic: "阶梯计算",
    sheet_invalid: "无效报备",
    sheet_active: "保护中的报备",
};

impl Words {
    /// The words of a language.
    pub fn of(lang: Lang) -> &'static Words {
        match lang {
            Lang::Zh => &ZH,
            Lang::En => &EN,
        }
    }

    /// The pages' `lang` attribute.
    pub fn lang(&self) -> &'static str {
        match self.language {
            Lang::Zh => "zh-CN",
            Lang::En => "en",
        }
    }

    /// `合计（4单）` / `total (4)`: the sum row of the deals table.
    pub fn deals_total(&self, n: usize) -> String {
        match self.language {
            Lang::Zh => format!("{}（{n}单）", self.total),
            Lang::En => format!("{} ({n})", self.total),
        }
    }

    /// `张三（不在业务员名单里）` / `张三 (not in the roster)`: a note after a name.
    pub fn aside(&self, note: &str) -> String {
        match self.language {
            Lang::Zh => format!("（{note}）"),
            Lang::En => format!(" ({note})"),
        }
    }

    /// `over target: 0.01 × (109200.50 − 100000.00)`.
    pub fn over_target(&self, rate: impl std::fmt::Display, performance: Money, target: Money) -> String {
        match self.language {
            Lang::Zh => format!("超目标奖：{rate} ×（业绩 {} − 目标 {}）", cents(performance), cents(target)),
            Lang::En => format!("over target: {rate} × (performance {} − target {})", cents(performance), cents(target)),
        }
    }

    /// `新客奖励：净额大于 0 的报备成交 2 单 × 200.00`: which deals count (SPEC §8).
    pub fn new_customers(&self, count: u32, each: Money) -> String {
        match self.language {
            Lang::Zh => format!("新客奖励：净额大于 0 的报备成交 {count} 单 × {}", cents(each)),
            Lang::En => format!("new customers: {} won by a claim with net above 0 × {}", super::plural(count, "deal"), cents(each)),
        }
    }

    /// The deals won by a claim that earn no new-customer bonus, and why.
    pub fn not_new_customers(&self, ids: &[&str]) -> String {
        match self.language {
            Lang::Zh => format!("报备成交 {} 净额为 0，不计新客奖励。", ids.join("、")),
            Lang::En => format!("{} won by a claim: net 0, so no new-customer bonus.", ids.join(", ")),
        }
    }

    pub fn champion(&self) -> &'static str {
        match self.language {
            Lang::Zh => "销冠奖：本期业绩第一",
            Lang::En => "champion: the period's highest performance",
        }
    }

    /// What a bonus is paid for.
    pub fn bonus_reason(&self, b: &Bonus, performance: Money) -> String {
        match b {
            Bonus::OverTarget { rate, target, .. } => self.over_target(rate, performance, *target),
            Bonus::NewCustomers { count, each, .. } => self.new_customers(*count, *each),
            Bonus::Champion { .. } => self.champion().to_string(),
            Bonus::Frozen { .. } => match self.language {
                Lang::Zh => "结账时冻结的奖金（超目标奖、新客奖励、销冠奖合计）".to_string(),
                Lang::En => "bonus as frozen when the period was closed (over target, new customers, champion together)".to_string(),
            },
        }
    }

    /// `100000.00 – 300000.00`, or `300000.00 and above`; in flat mode the one
    /// slice is the whole performance, `全额（达到 10000.30 档）`.
    pub fn tier_label(&self, s: &Slice, flat: bool) -> String {
        match (flat, s.to, self.language) {
            (true, _, Lang::Zh) if s.from.is_zero() => "全额".into(),
            (true, _, Lang::En) if s.from.is_zero() => "whole performance".into(),
            (true, _, Lang::Zh) => format!("全额（达到 {} 档）", cents(s.from)),
            (true, _, Lang::En) => format!("whole performance (tier from {} reached)", cents(s.from)),
            (false, Some(to), _) => format!("{} – {}", cents(s.from), cents(to)),
            (false, None, _) => format!("{} {}", cents(s.from), self.and_above),
        }
    }

    /// A rate as a percent, exact: `0.025` is `2.5%`.
    pub fn percent(rate: rust_decimal::Decimal) -> String {
        format!("{}%", (rate * rust_decimal::Decimal::ONE_HUNDRED).normalize())
    }

    /// What keeps a protecting claim past its end day: `最迟 4月4日 上门量尺或下定`
    /// when it ends by expiry (a call will not save it), `最迟 4月6日 跟进一次`
    /// when it lapses; `今天…` on the end day. The day never breaks (`Apr 4`
    /// holds a no-break space).
    pub fn to_do_by(&self, cause: EndCause, end: chrono::NaiveDate, days_left: i64) -> String {
        let by = match self.language {
            Lang::Zh => end.format("%-m月%-d日").to_string(),
            Lang::En => end.format("%b\u{a0}%-d").to_string(),
        };
        match (self.language, cause, days_left) {
            (Lang::Zh, EndCause::Expiry, 0) => "今天上门量尺或下定".into(),
            (Lang::Zh, EndCause::Expiry, _) => format!("最迟 {by} 上门量尺或下定"),
            (Lang::Zh, EndCause::Lapse, 0) => "今天跟进一次".into(),
            (Lang::Zh, EndCause::Lapse, _) => format!("最迟 {by} 跟进一次"),
            (Lang::En, EndCause::Expiry, 0) => "visit (量尺) or take a deposit today".into(),
            (Lang::En, EndCause::Expiry, _) => format!("visit (量尺) or take a deposit by {by}"),
            (Lang::En, EndCause::Lapse, 0) => "follow up today".into(),
            (Lang::En, EndCause::Lapse, _) => format!("follow up by {by}"),
        }
    }

    /// `3`, or `今天到期` when the end day is the as-of day.
    pub fn days_left(&self, n: i64) -> String {
        if n == 0 { self.due_today.to_string() } else { n.to_string() }
    }

    /// The heading of an adjustment's arithmetic.
    pub fn restatement_title(&self, period: Period) -> String {
        match self.language {
            Lang::Zh => format!("{period} 的调整怎么算"),
            Lang::En => format!("How the adjustment of {period} is computed"),
        }
    }

    /// Under it: what is compared with what.
    pub fn restatement_note(&self, period: Period, closed_on: NaiveDate) -> String {
        match self.language {
            Lang::Zh => format!(
                "{period} 已于 {closed_on} 结账发放。按今天的成交、用结账时的规则重算 {period}，减去已发的数，差额就是这条调整。"
            ),
            Lang::En => format!(
                "{period} was closed and paid on {closed_on}. It is computed again on today's deals, under the rules it was paid under; less what was paid, the difference is this adjustment."
            ),
        }
    }

    /// `0.00 – 100000.00：100000.00 × 2% = 2000.00`: one slice worked out.
    pub fn slice_line(&self, s: &Slice, flat: bool, exact: &str) -> String {
        let label = self.tier_label(s, flat);
        let (base, rate) = (cents(s.base), Self::percent(s.rate));
        match self.language {
            Lang::Zh => format!("{label}：{base} × {rate} = {exact}"),
            Lang::En => format!("{label}: {base} × {rate} = {exact}"),
        }
    }

    /// `已发：提成 …；奖金 …`: one side of an adjustment worked out.
    pub fn worked(&self, paid: bool, slices: &[String], bonuses: &[String]) -> String {
        let none = vec!["0.00".to_string()];
        let bonuses = if bonuses.is_empty() { &none } else { bonuses };
        match (self.language, paid) {
            (Lang::Zh, true) => format!("{}：提成 {}；奖金 {}", self.paid, slices.join("；"), bonuses.join("；")),
            (Lang::Zh, false) => format!("{}：提成 {}；奖金 {}", self.now, slices.join("；"), bonuses.join("；")),
            (Lang::En, true) => format!("{}: commission {}; bonus {}", self.paid, slices.join("; "), bonuses.join("; ")),
            (Lang::En, false) => format!("{}: commission {}; bonus {}", self.now, slices.join("; "), bonuses.join("; ")),
        }
    }

    /// A frozen bonus in an adjustment's arithmetic: one figure, no parts.
    pub fn frozen_total(&self) -> &'static str {
        match self.language {
            Lang::Zh => "结账时冻结的合计",
            Lang::En => "the total frozen at the close",
        }
    }

    /// `超目标奖：… = 20.00`: one bonus worked out.
    pub fn bonus_line(&self, reason: &str, exact: &str) -> String {
        format!("{reason} = {exact}")
    }

    /// Under a closed period's tiers: the arithmetic is on the frozen performance.
    pub fn frozen_note(&self, on: NaiveDate, performance: Money) -> String {
        match self.language {
            Lang::Zh => format!("本期已于 {on} 结账：按结账时的业绩 {} 计算（结账时的规则）；之后的变化见“结账后的调整”。", cents(performance)),
            Lang::En => format!(
                "Closed on {on}: computed on the performance frozen then, {} (the rules it was paid under); what changed since is under \"{}\".",
                cents(performance),
                self.restated_title
            ),
        }
    }

    /// "应发 910.00", or "应扣回 1100.00" for a negative sum: a label and the
    /// amount shown under it.
    pub fn to_pay_or_back(&self, to_pay: Money) -> (&'static str, Money) {
        if to_pay.is_sign_negative() && !to_pay.is_zero() { (self.to_claw_back, -to_pay) } else { (self.to_pay, to_pay) }
    }

    /// What the bars count, under their heading.
    pub fn bars_basis(&self) -> &'static str {
        match self.language {
            Lang::Zh => "按本期自己的业绩：每人本期提成行的业绩之和（结账后是冻结的数），不含往期调整；完成率 = 业绩 ÷ 目标。",
            Lang::En => "By the period's own performance: each rep's commission lines earned in the period (frozen once it is closed), without adjustments of earlier periods; of target = performance ÷ target.",
        }
    }

    /// The banner of a closed period: closed on which day, the bars frozen,
    /// the later differences posted to which period.
    pub fn closed_banner(&self, period: Period, on: NaiveDate, posted: &[(Period, Money)]) -> String {
        let moved: Vec<String> = posted
            .iter()
            .map(|(p, m)| match self.language {
                Lang::Zh => format!("之后的差额（业绩 {}）记入 {p}，作为 {period} 的调整", cents(*m)),
                Lang::En => format!("the later difference (performance {}) is posted to {p} as an adjustment of {period}", cents(*m)),
            })
            .collect();
        match (self.language, moved.is_empty()) {
            (Lang::Zh, true) => format!("{period} 已于 {on} 结账：柱状图和业绩表是结账时冻结的数；结账后没有差额。"),
            (Lang::Zh, false) => format!("{period} 已于 {on} 结账：柱状图和业绩表是结账时冻结的数；{}。", moved.join("；")),
            (Lang::En, true) => format!("{period} was closed on {on}: the bars and the table are the figures frozen then; nothing has changed since."),
            (Lang::En, false) => format!("{period} was closed on {on}: the bars and the table are the figures frozen then; {}.", moved.join("; ")),
        }
    }

    /// Adjustments of closed periods posted to this one: beside the bars,
    /// not in them.
    pub fn adjustments_in(&self, restated: &[(Period, Money)]) -> String {
        let each: Vec<String> = restated
            .iter()
            .map(|(p, m)| match self.language {
                Lang::Zh => format!("{p} 结账后的调整（业绩 {}）", cents(*m)),
                Lang::En => format!("the adjustments of {p} after its close (performance {})", cents(*m)),
            })
            .collect();
        match self.language {
            Lang::Zh => format!("本期记入了 {}，单列在“往期调整”一栏：随本期提成发放或扣回，不算进柱状图和完成率。", each.join("、")),
            Lang::En => format!("Posted to this period: {}, in the Adjustments column — paid or clawed back with this period's commission, not counted in the bars or of target.", each.join(", ")),
        }
    }

    /// What the deals by basis count.
    pub fn bases_basis(&self) -> &'static str {
        match self.language {
            Lang::Zh => "按今天台账的净额（已扣退单）计，结账与否都一样；归公司的成交也在内。",
            Lang::En => "Net amounts on today's ledgers (refunds taken off), closed period or not; deals owned by the house included.",
        }
    }

    /// What the reconciliation covers.
    pub fn reconciliation_basis(&self) -> &'static str {
        match self.language {
            Lang::Zh => "按全部台账（所有结算期）核对，不只本期：每一行、每一元都有去处。",
            Lang::En => "Over the whole ledgers (every period), not this period alone: every row and every yuan accounted for.",
        }
    }

    /// The heading of the claims-ending section.
    pub fn ending_within(&self, days: u32, as_of: impl std::fmt::Display) -> String {
        match self.language {
            Lang::Zh if days == 0 => format!("{}：{as_of} 当天到期", self.ending_title),
            Lang::Zh => format!("{}：{as_of} 起 {days} 天内到期", self.ending_title),
            Lang::En => format!("{} — within {} of {as_of}", self.ending_title, super::plural(days, "day")),
        }
    }

    /// `owned by the house (nobody): 16800.00`.
    pub fn house_line(&self, amount: &str) -> String {
        match self.language {
            Lang::Zh => format!("{}：{amount}", self.house),
            Lang::En => format!("{}: {amount}", self.house),
        }
    }

    /// The label of a stable value (`basis`, `reason`, `kind`) on a page.
    pub fn value<'v>(&self, column: &str, value: &'v str) -> &'v str {
        super::labels::value(self.language, column, value)
    }
}

/// Why no statement could be made, and what to change.
pub fn no_statement(lang: Lang, why: &crate::engine::statement::NoStatement) -> String {
    use crate::engine::statement::NoStatement;
    match (lang, why) {
        (Lang::Zh, NoStatement::NoAsOf) => "台账里没有带日期的行，不知道是哪个结算期：请用 --as-of 日期 指定截止日".into(),
        (Lang::En, NoStatement::NoAsOf) => "the ledgers hold no dated row, so there is no period to report; give --as-of DAY".into(),
        (lang, NoStatement::NotOnePeriod { period, kind }) => {
            let example = match kind {
                crate::domain::period::PeriodKind::Quarter => "2026Q1",
                crate::domain::period::PeriodKind::Month => "2026-03",
            };
            match lang {
                Lang::Zh => format!("--period {period} 不是一个结算期：commission.period = \"{}\"，请写成 {example} 这样", kind.as_str()),
                Lang::En => format!("--period {period} is not one commission period; commission.period = \"{}\", so give one like {example}", kind.as_str()),
            }
        }
        (Lang::Zh, NoStatement::UnknownRep(name)) => format!("--rep `{}`：业务员名单和台账里都没有这个人；核对名字的写法", super::shown(name)),
        (Lang::En, NoStatement::UnknownRep(name)) => format!("--rep `{}`: nobody of that name is in the roster or the ledgers", super::shown(name)),
    }
}

/// What a notice that no rep has a line in the period is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Output {
    /// `statement`: nothing was written.
    Statements,
    /// `report --html`: the page was written, with no commission on it.
    Overview,
}

/// No rep has a line in the period: for statements, none is written; the
/// overview is written empty. When the period was not given, says which
/// one was taken and names the one still running.
pub fn no_lines(lang: Lang, period: impl std::fmt::Display, defaulted: Option<(chrono::NaiveDate, crate::domain::period::Period)>, output: Output) -> String {
    let statements = output == Output::Statements;
    match lang {
        Lang::Zh => {
            let which = match defaulted {
                None => format!("{period} "),
                Some((as_of, _)) => format!("{period}（截止日 {as_of} 前最近结束的结算期）"),
            };
            let result = if statements { "未生成提成明细" } else { "概览页的业绩柱都是 0" };
            let next = match defaulted {
                None if statements => "（用 --rep 姓名 指定业务员，也会生成）".to_string(),
                None => String::new(),
                Some((_, current)) => {
                    format!("：要看还没结束的结算期，请加 --period {current}{}", if statements { "；或用 --rep 姓名 指定业务员" } else { "" })
                }
            };
            format!("{which}没有人有提成，{result}{next}")
        }
        Lang::En => {
            let which = match defaulted {
                None => period.to_string(),
                Some((as_of, _)) => format!("{period} (the latest period ended by the as-of day {as_of})"),
            };
            let result = if statements { "no statement written" } else { "the overview's performance bars are all zero" };
            let next = match defaulted {
                None if statements => " (--rep NAME writes one anyway)".to_string(),
                None => String::new(),
                Some((_, current)) => format!(": give --period {current} for the period still running{}", if statements { ", or --rep NAME" } else { "" }),
            };
            format!("no rep has a commission line in {which}; {result}{next}")
        }
    }
}

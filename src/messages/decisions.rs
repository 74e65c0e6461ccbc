//! Wording of the reason behind each decision: which rule fired, which
//! rules.toml key, and with what numbers, in the reader's language.
//!
//! Pure: formats values the engine decided; decides nothing itself.

use crate::domain::day::{Ymd, add_days};
use crate::domain::ledger::RowName;
use crate::domain::money::cents;
use crate::engine::ownership::CloserWhy;
use crate::engine::{Basis, CommissionLine, EndCause, Invalid, Ownership, RowDecision, Settled, ValidClaim, ValidId};
use crate::policy::TierMode;

use super::Lang;

/// `十`, `十五`, `二十`: a count of days as the alliance's rules write it
/// (十日内未跟进); digits from 100 up.
pub fn cn_number(n: u32) -> String {
    const DIGITS: [&str; 10] = ["零", "一", "二", "三", "四", "五", "六", "七", "八", "九"];
    let ones = if n.is_multiple_of(10) { "" } else { DIGITS[(n % 10) as usize] };
    match n {
        0..=9 => DIGITS[n as usize].to_string(),
        10..=19 => format!("十{ones}"),
        20..=99 => format!("{}十{ones}", DIGITS[(n / 10) as usize]),
        _ => n.to_string(),
    }
}

/// 十日内未跟进，保护失效 — the lapse rule with the configured days.
pub fn lapse_rule(lang: Lang, days: u32) -> String {
    match lang {
        Lang::Zh => format!("{}日内未跟进，保护失效", cn_number(days)),
        Lang::En => format!("no follow-up within {} ends the protection", super::plural(days, "day")),
    }
}

/// 15日内未上门量尺或下定，报备过期 — the expiry rule with the configured days.
pub fn expiry_rule(lang: Lang, days: u32) -> String {
    match lang {
        Lang::Zh => format!("{days}日内未上门量尺或下定，报备过期"),
        Lang::En => format!("no visit within {} expires the claim", super::plural(days, "day")),
    }
}

impl<'a> Settled<'a> {
    fn valid(&self, v: ValidId) -> &'a ValidClaim {
        &self.outcome.valid[v.ix()]
    }

    fn rep_name(&self, claim: &ValidClaim) -> &'a str {
        &self.policy.rep(claim.rep).name
    }

    fn claim_row(&self, claim: &ValidClaim) -> RowName<'a> {
        let row = &self.ledgers.claims.rows[claim.row as usize];
        self.ledgers.claims.at(row.line)
    }

    fn deal_name(&self, lang: Lang, deal: u32) -> String {
        let d = &self.ledgers.deals.rows[deal as usize];
        match lang {
            Lang::Zh => format!("{}（{}）", self.ledgers.text(d.id), self.ledgers.deals.at(d.line)),
            Lang::En => format!("{} ({})", self.ledgers.text(d.id), self.ledgers.deals.at(d.line)),
        }
    }

    /// `2026-01-05 → 2026-01-18`: the days a claim protects.
    pub fn span(&self, lang: Lang, claim: &ValidClaim) -> String {
        let (start, end) = (Ymd(claim.protection.start), Ymd(claim.protection.end().0));
        match lang {
            Lang::Zh => format!("{start} 至 {end}"),
            Lang::En => format!("{start} → {end}"),
        }
    }

    /// Why a claim is not valid (the rule, its key and the numbers).
    pub fn invalid(&self, lang: Lang, row: usize, why: &Invalid) -> String {
        super::finding(&self.invalid_found(row, why), lang)
    }

    /// How a valid claim ended, or was won.
    pub fn valid_claim(&self, lang: Lang, v: ValidId) -> String {
        let claim = self.valid(v);
        let p = &claim.protection;
        let (end, cause) = p.end();
        let expire_days = p.expire_without_visit_days.unwrap_or(0);
        let channel = &self.policy.channel_of(claim.rep).name;
        let span = self.span(lang, claim);
        match lang {
            Lang::Zh => {
                let clock = match cause {
                    EndCause::Lapse => format!(
                        "最后跟进 {} 后{}日内未再跟进即失效（claims.lapse_after_days = {}）",
                        Ymd(p.last_touch), cn_number(p.lapse_after_days), p.lapse_after_days
                    ),
                    EndCause::Expiry => format!(
                        "{}（channels.{channel}.expire_without_visit_days = {expire_days}）",
                        expiry_rule(lang, expire_days)
                    ),
                };
                match claim.won_by {
                    Some(deal) => format!("成交 {}归这条报备；保护期 {span}：{clock}", self.deal_name(lang, deal)),
                    None => format!("保护期 {span}：{clock}"),
                }
            }
            Lang::En => {
                let clock = match cause {
                    EndCause::Lapse => format!(
                        "lapse: last touch {} + claims.lapse_after_days {} = {}",
                        Ymd(p.last_touch), p.lapse_after_days, Ymd(end)
                    ),
                    EndCause::Expiry => format!(
                        "expiry: no visit by {} (channels.{channel}.expire_without_visit_days {expire_days})",
                        Ymd(add_days(p.start, expire_days)),
                    ),
                };
                match claim.won_by {
                    Some(deal) => format!("won deal {}; protected {span}; {clock}", self.deal_name(lang, deal)),
                    None => format!("protected {span}; {clock}"),
                }
            }
        }
    }

    /// Why a deal went to its owner.
    pub fn ownership(&self, lang: Lang, deal: usize, o: &Ownership) -> String {
        let d = &self.ledgers.deals.rows[deal];
        match (lang, o.basis) {
            (Lang::Zh, Basis::Ruling(r)) => {
                let ruling = &self.ledgers.rulings.rows[r as usize];
                let owner = o.owner.map_or(super::labels::house_owner(lang), |s| self.ledgers.text(s));
                let reason = ruling.reason.map_or(String::new(), |s| format!("；理由：{}", self.ledgers.text(s)));
                format!("部门负责人裁决（{}），该客户归{owner}{reason}", self.ledgers.rulings.at(ruling.line))
            }
            (Lang::En, Basis::Ruling(r)) => {
                let ruling = &self.ledgers.rulings.rows[r as usize];
                let owner = o.owner.map_or(super::labels::house_owner(lang), |s| self.ledgers.text(s));
                let reason = ruling.reason.map_or(String::new(), |s| format!(": {}", self.ledgers.text(s)));
                format!("ruling {} gives the customer to {owner}{reason}", self.ledgers.rulings.at(ruling.line))
            }
            (Lang::Zh, Basis::Repeat(first)) => format!(
                "老客户复购：首单 {}，归首单的归属人（attribution.repeat_deals = first_owner）",
                self.deal_name(lang, first)
            ),
            (Lang::En, Basis::Repeat(first)) => format!(
                "repeat deal: the customer's first deal is {}; attribution.repeat_deals = first_owner",
                self.deal_name(lang, first)
            ),
            (Lang::Zh, Basis::Claim(v)) => {
                let c = self.valid(v);
                format!("{}的报备 {} 保护期 {}，成交日 {} 在保护期内", self.rep_name(c), self.claim_row(c), self.span(lang, c), Ymd(d.day))
            }
            (Lang::En, Basis::Claim(v)) => {
                let c = self.valid(v);
                format!("{} {} protects {} on the deal day {}", self.rep_name(c), self.claim_row(c), self.span(lang, c), Ymd(d.day))
            }
            (Lang::Zh, Basis::Closer(CloserWhy::NoClaim)) => format!("成交日 {} 没有有效报备保护这位客户，归成交人", Ymd(d.day)),
            (Lang::En, Basis::Closer(CloserWhy::NoClaim)) => format!("no valid claim protects the customer on {}", Ymd(d.day)),
            (Lang::Zh, Basis::Closer(CloserWhy::BadPhone)) => "电话无效，认不出客户，归成交人".into(),
            (Lang::En, Basis::Closer(CloserWhy::BadPhone)) => "bad phone: the deal belongs to no customer, so to its closer".into(),
            (Lang::Zh, Basis::Closer(CloserWhy::Repeat(first))) => format!(
                "老客户复购（首单 {}），归成交人（attribution.repeat_deals = closer）",
                self.deal_name(lang, first)
            ),
            (Lang::En, Basis::Closer(CloserWhy::Repeat(first))) => format!(
                "repeat deal (first deal {}); attribution.repeat_deals = closer",
                self.deal_name(lang, first)
            ),
        }
    }

    /// A deal refunded in full (its `status`), for `explain`. `closed`:
    /// the settlement, when periods were closed.
    pub fn refund_in_full(&self, lang: Lang, deal: usize, day: chrono::NaiveDate, closed: Option<&crate::engine::closing::Settlement>) -> String {
        let d = &self.ledgers.deals.rows[deal];
        let id = self.ledgers.text(d.id);
        let after = self.outcome.as_of.is_some_and(|as_of| day > as_of);
        if let (false, Some(moved)) = (after, self.after_close(lang, closed, deal, d.line, day)) {
            return match lang {
                Lang::Zh => format!("{id} 整单退单（{}）：净额 0.00；归属人不变，仍算该客户的首单；{moved}", cents(d.amount)),
                Lang::En => format!("{id} refunded in full ({}): net 0.00; it keeps its owner and its place as the customer's first deal; {moved}", cents(d.amount)),
            };
        }
        match (lang, after) {
            (Lang::Zh, true) => format!("{id} 于 {day} 整单退单：在截止日（--as-of）之后，不计"),
            (Lang::En, true) => format!("refund of {id} in full on {day}: after --as-of, left out"),
            (Lang::Zh, false) => format!(
                "{id} 整单退单（{}）：净额 0.00；归属人不变，仍算该客户的首单，计入成交当天 {} 所在的结算期",
                cents(d.amount),
                Ymd(d.day)
            ),
            (Lang::En, false) => format!(
                "{id} refunded in full ({}): net 0.00; it keeps its owner and its place as the customer's first deal, \
                 and counts in the period of its own day {}",
                cents(d.amount),
                Ymd(d.day)
            ),
        }
    }

    /// A refund that an adjustment carries (SPEC §14: dated after the close
    /// of its deal's period, or a row added or changed since): the period of
    /// that adjustment line, as the settlement posted it — or, when the deal's
    /// period is closed and no line carries it, that nobody's pay moved.
    /// `line`: the refund's row (a full refund's is its deal's).
    fn after_close(&self, lang: Lang, closed: Option<&crate::engine::closing::Settlement>, deal: usize, line: crate::domain::ledger::Line, day: chrono::NaiveDate) -> Option<String> {
        let s = closed?;
        let d = &self.ledgers.deals.rows[deal];
        let snap = s.closed(crate::domain::period::Period::of(d.day, self.policy.commission.period))?;
        let (later, posted) = posted_in(s, snap, &[line], day);
        Some(match (lang, posted) {
            (Lang::Zh, Some(p)) => format!("成交所在的 {} 已于 {} 结账，差额记入 {p}，作为 {} 的调整", snap.period, snap.as_of, snap.period),
            (Lang::En, Some(p)) => format!("the deal's period {} was closed as of {}: the difference is in {p}, in the adjustment restating {}", snap.period, snap.as_of, snap.period),
            (_, None) if !later => return None,
            (Lang::Zh, None) => format!("成交所在的 {} 已于 {} 结账，没有哪条提成因此调整", snap.period, snap.as_of),
            (Lang::En, None) => format!("the deal's period {} was closed as of {}; no commission line is adjusted for it", snap.period, snap.as_of),
        })
    }

    /// For a deal in a closed period: what it counted for when the period
    /// was paid, and what it counts for now (SPEC §14), for `explain`.
    pub fn closed_deal<'s>(&self, lang: Lang, s: &'s crate::engine::closing::Settlement, deal: usize) -> Option<(&'s crate::engine::closing::Snapshot, String)> {
        let d = &self.ledgers.deals.rows[deal];
        let crate::engine::DealDecision::Owned(o) = self.outcome.deals[deal] else { return None };
        let snap = s.closed(crate::domain::period::Period::of(d.day, self.policy.commission.period))?;
        // What was paid: the refunds in the ledger at the close (dated by
        // then, and not a row added or changed since).
        let since = |line| s.edits.iter().any(|e| e.ledger == crate::engine::closing::LedgerKind::Customers && e.line == line);
        let full = d.refunded_on.is_some_and(|day| day <= snap.as_of) && !since(d.line);
        let partial: crate::domain::money::Money =
            self.ledgers.refunds.iter().filter(|r| r.deal as usize == deal && r.day <= snap.as_of && !since(r.line)).map(|r| r.amount).sum();
        let lines: Vec<crate::domain::ledger::Line> =
            std::iter::once(d.line).chain(self.ledgers.refunds.iter().filter(|r| r.deal as usize == deal).map(|r| r.line)).collect();
        let last = (self.ledgers.refunds.iter().filter(|r| r.deal as usize == deal).map(|r| r.day)).chain(d.refunded_on).max();
        let (_, posted) = posted_in(s, snap, &lines, last.unwrap_or(snap.as_of));
        let posted = posted.or(s.next_open);
        let then = if full { rust_decimal::Decimal::ZERO } else { d.amount - partial };
        let now = d.amount - self.outcome.refunded[deal];
        let id = self.ledgers.text(d.id);
        // Rows that moved since the close can move the owner, which the snapshot does not keep:
        // then the period that carries the adjustment restating this one.
        let rows_moved = s.edits.iter().any(|e| s.snapshots[e.snapshot].period == snap.period);
        let adjusted = if rows_moved { s.lines.iter().find(|l| l.kind == crate::engine::closing::Kind::Adjustment && l.restates == Some(snap.period)).map(|l| l.period) } else { None };
        let text = match lang {
            Lang::Zh => {
                let owner = o.owner.map_or("公司", |s| self.ledgers.text(s));
                let moved = match (posted, adjusted) {
                    (Some(next), _) if then != now => format!("；差额记入 {next}，作为 {} 的调整", snap.period),
                    (_, Some(p)) => format!("；净额没变，但 {} 结账后有行变了，归属可能也变了：看 {p} 里 {} 的调整", snap.period, snap.period),
                    _ => "；之后没有变化".to_string(),
                };
                format!(
                    "{} 已于 {} 结账（{}）：{id} 结账时按净额 {} 计；现在 {}（归属人 {owner}）{moved}",
                    snap.period, snap.as_of, snap.name, cents(then), cents(now)
                )
            }
            Lang::En => {
                let owner = o.owner.map_or("the house", |s| self.ledgers.text(s));
                let moved = match (posted, adjusted) {
                    (Some(next), _) if then != now => format!("; the difference is in {next}, in the adjustment restating {}", snap.period),
                    (_, Some(p)) => format!("; the net is unchanged, but rows of {} changed since the close and the owner may have too: see the adjustments restating it in {p}", snap.period),
                    _ => "; unchanged since".to_string(),
                };
                format!(
                    "{} closed as of {} ({}): {id} counted {} net when paid; now {} (owner {owner}){moved}",
                    snap.period, snap.as_of, snap.name, cents(then), cents(now)
                )
            }
        };
        Some((snap, text))
    }

    /// A partial refund row, for `explain`.
    pub fn partial_refund(&self, lang: Lang, k: usize, closed: Option<&crate::engine::closing::Settlement>) -> String {
        let r = &self.ledgers.refunds[k];
        let d = &self.ledgers.deals.rows[r.deal as usize];
        let deal = self.deal_name(lang, r.deal);
        let after = self.outcome.as_of.is_some_and(|as_of| r.day > as_of);
        let net = cents(d.amount - self.outcome.refunded[r.deal as usize]);
        let as_of = self.outcome.as_of.map_or(String::new(), |a| a.to_string());
        if let (false, Some(moved)) = (after, self.after_close(lang, closed, r.deal as usize, r.line, r.day)) {
            return match lang {
                Lang::Zh => format!("{deal}部分退单 {}：截至 {as_of} 净额 {net}；{moved}", cents(r.amount)),
                Lang::En => format!("refund of {deal}: {}; net {net} as of {as_of}; {moved}", cents(r.amount)),
            };
        }
        match (lang, after) {
            (Lang::Zh, true) => format!("{deal}部分退单 {}：在截止日（--as-of）之后，不计", cents(r.amount)),
            (Lang::En, true) => format!("refund of {deal}: {}, after --as-of, left out", cents(r.amount)),
            (Lang::Zh, false) => format!(
                "{deal}部分退单 {}：截至 {as_of} 净额 {net}，计入成交当天 {} 所在的结算期",
                cents(r.amount),
                Ymd(d.day)
            ),
            (Lang::En, false) => format!(
                "refund of {deal}: {}; net {net} as of {as_of}, counted in the period of the deal's day {}",
                cents(r.amount),
                Ymd(d.day)
            ),
        }
    }

    /// Why a follow-up or visit touched no claim.
    pub fn orphan(&self, lang: Lang, decision: &RowDecision) -> String {
        super::findings::orphan_why(&self.orphan_found(decision), lang)
    }

    /// How a commission line was computed.
    pub fn commission(&self, lang: Lang, c: &CommissionLine) -> String {
        let rules = &self.policy.commission;
        let mut parts = Vec::new();
        match lang {
            Lang::Zh => {
                let mode = match rules.mode {
                    TierMode::Marginal => "分段累进",
                    TierMode::Flat => "全额累进",
                };
                parts.push(format!("阶梯提成（{mode}），业绩 {}", cents(c.performance)));
                if !c.over_target.is_zero() {
                    parts.push(format!("超目标奖 {} × 超出部分 = {}", rules.over_target_rate, c.over_target));
                }
                if c.new_customers > 0 {
                    parts.push(format!("新客奖励 {} × {}", c.new_customers, rules.new_customer));
                }
                if c.champion {
                    parts.push(format!("销冠奖 {}", rules.champion));
                }
            }
            Lang::En => {
                let mode = match rules.mode {
                    TierMode::Marginal => "marginal",
                    TierMode::Flat => "flat",
                };
                parts.push(format!("{mode} tiers on {}", cents(c.performance)));
                if !c.over_target.is_zero() {
                    parts.push(format!("over target: {} × excess = {}", rules.over_target_rate, c.over_target));
                }
                if c.new_customers > 0 {
                    parts.push(format!("{} × {}", super::plural(c.new_customers as u64, "new customer"), rules.new_customer));
                }
                if c.champion {
                    parts.push(format!("champion {}", rules.champion));
                }
            }
        }
        parts.join(match lang {
            Lang::Zh => "；",
            Lang::En => "; ",
        })
    }
}

/// Display width in a terminal: CJK characters take two columns.
fn width(s: &str) -> usize {
    s.chars().map(|c| if c >= '\u{2E80}' { 2 } else { 1 }).sum()
}

/// The identities of the reconciliation: each total, its terms and whether
/// it holds. A totals term shows only when a ledger had totals rows (合计).
fn identities(lang: Lang, r: &crate::engine::reconcile::Reconciliation) -> Vec<(String, Vec<String>, bool)> {
    let zh = lang == Lang::Zh;
    let t = |n: u64, zh_word: &str, en_word: &str| if zh { format!("{n} {zh_word}") } else { format!("{n} {en_word}") };
    let m = |v: crate::domain::money::Money, zh_word: &str, en_word: &str| {
        if zh { format!("{} {zh_word}", cents(v)) } else { format!("{} {en_word}", cents(v)) }
    };
    let mut claims = vec![
        t(r.valid, "有效", "valid"),
        t(r.invalid, "无效", "invalid"),
        t(r.refresh, "再次报备", "refresh"),
        t(r.touches, "跟进记录", "touches"),
        t(r.orphans, "无主跟进", "orphans"),
        t(r.blank, "空行", "blank"),
    ];
    if r.totals > 0 {
        claims.push(t(r.totals, "合计行", "totals"));
    }
    claims.push(t(r.after_as_of, "在截止日之后", "after as-of"));
    let mut deals = vec![t(r.deals_attributed, "已归属", "attributed"), t(r.refund_rows, "退单行", "refund rows"), t(r.deal_blank, "空行", "blank")];
    if r.deal_totals > 0 {
        deals.push(t(r.deal_totals, "合计行", "totals"));
    }
    deals.push(t(r.deals_after_as_of, "在截止日之后", "after as-of"));
    let money = vec![
        m(r.credited_to_reps, "计给业务员", "credited to reps"),
        m(r.owned_by_house, "归公司", "owned by the house"),
        m(r.refunded, "已退单", "refunded"),
    ];
    let (claim_total, deal_total, money_total) = match lang {
        Lang::Zh => (
            format!("报备台账 {} 行", r.claim_rows_read),
            format!("成交台账 {} 行", r.deal_rows_read),
            format!("成交金额 {}", cents(r.amount)),
        ),
        Lang::En => (
            format!("claim-ledger rows {}", r.claim_rows_read),
            format!("deal rows {}", r.deal_rows_read),
            format!("deal amounts {}", cents(r.amount)),
        ),
    };
    vec![
        (claim_total, claims, r.rows_balance()),
        (deal_total, deals, r.deals_balance()),
        (money_total, money, r.money_balances()),
    ]
}

/// `ok` or `MISMATCH`: whether an identity of the reconciliation holds.
pub fn balance_mark(lang: Lang, ok: bool) -> &'static str {
    match (lang, ok) {
        (Lang::Zh, true) => "相符",
        (Lang::Zh, false) => "不符",
        (Lang::En, true) => "ok",
        (Lang::En, false) => "MISMATCH",
    }
}

/// The reconciliation footer: each identity with its terms, wrapped at its
/// `+` signs to fit 80 columns, marked `ok` or `MISMATCH`.
pub fn reconciliation(lang: Lang, r: &crate::engine::reconcile::Reconciliation) -> Vec<String> {
    let mut lines = Vec::new();
    for (total, terms, ok) in identities(lang, r) {
        let mut line = format!("{total} = {}", terms[0]);
        for term in &terms[1..] {
            if width(&line) + width(term) + 3 > 72 {
                lines.push(line);
                line = format!("    + {term}");
            } else {
                line = format!("{line} + {term}");
            }
        }
        let colon = if lang == Lang::Zh { "：" } else { ": " };
        lines.push(format!("{line}{colon}{}", balance_mark(lang, ok)));
    }
    lines
}

/// The identities one a line, unwrapped and without their mark, each with
/// whether it holds (the overview page's reconciliation).
pub fn reconciliation_identities(lang: Lang, r: &crate::engine::reconcile::Reconciliation) -> Vec<(String, bool)> {
    identities(lang, r).into_iter().map(|(total, terms, ok)| (format!("{total} = {}", terms.join(" + ")), ok)).collect()
}


/// Where an adjustment of the closed period of `snap` carries a change to
/// the customer-ledger rows `lines` (a deal's row and its refund rows),
/// dated `day`: whether it came after the close (dated after it, or a row
/// added or changed since), and the period of the line that carries it — a
/// live adjustment that names it, else the first later closed period that
/// froze an adjustment of this one (SPEC §14).
fn posted_in(
    s: &crate::engine::closing::Settlement,
    snap: &crate::engine::closing::Snapshot,
    lines: &[crate::domain::ledger::Line],
    day: chrono::NaiveDate,
) -> (bool, Option<crate::domain::period::Period>) {
    use crate::engine::closing::{Cause, LedgerKind, Why};
    let carries = |c: &Cause| match c {
        Cause::Refund { line, .. } => lines.contains(line),
        Cause::Edit(e) => e.ledger == LedgerKind::Customers && lines.contains(&e.line),
    };
    // Only a snapshot with a cause that carries these rows has a line to look through.
    let carried: Vec<bool> = s.causes.iter().map(|c| c.all().iter().any(carries)).collect();
    let live = s.lines.iter().find_map(|l| match &l.why {
        Why::Adjustment { snapshot, .. } if carried[*snapshot] && s.causes_of(l).any(carries) => Some(l.period),
        _ => None,
    });
    let later = day > snap.as_of || s.edits.iter().any(|e| carries(&Cause::Edit(e.clone())));
    let frozen = || {
        s.lines.iter().find_map(|l| match l.why {
            Why::Frozen(_) if l.restates == Some(snap.period) && s.closed(l.period).is_some_and(|c| c.as_of >= day) => Some(l.period),
            _ => None,
        })
    };
    (later, live.or_else(|| later.then(frozen).flatten()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn days_are_written_as_the_rules_write_them() {
        let cn: Vec<String> = [3, 10, 15, 20, 21, 99, 120].into_iter().map(cn_number).collect();
        assert_eq!(cn, ["三", "十", "十五", "二十", "二十一", "九十九", "120"]);
        assert_eq!(lapse_rule(Lang::Zh, 10), "十日内未跟进，保护失效");
        assert_eq!(expiry_rule(Lang::Zh, 15), "15日内未上门量尺或下定，报备过期");
    }

    #[test]
    fn labels_and_titles_exist_in_both_languages() {
        use crate::messages::labels;
        for code in crate::engine::Invalid::CODES {
            assert!(!labels::value(Lang::Zh, "reason", code.as_str()).is_ascii(), "{}", code.as_str());
            assert_eq!(labels::value(Lang::En, "reason", code.as_str()), code.as_str());
        }
        for basis in crate::engine::Basis::CODES {
            assert!(!labels::value(Lang::Zh, "basis", basis).is_ascii(), "{basis}");
        }
        for status in ["invalid", "won", "active", "expired", "lapsed"] {
            assert!(!labels::value(Lang::Zh, "status", status).is_ascii(), "{status}");
        }
        for kind in ["earned", "adjustment"] {
            assert!(!labels::value(Lang::Zh, "kind", kind).is_ascii(), "{kind}");
        }
    }
}

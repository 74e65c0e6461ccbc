//! Wording of closed periods (SPEC §14): frozen lines, adjustments and
//! their causes, edited rows, and why `close` refuses.

use crate::domain::money::cents;
use crate::domain::ledger::Ledgers;
use crate::engine::closing::{Cause, Change, Edit, LedgerKind, PayLine, Settlement, Why};
use crate::policy::DealStatuses;

use super::Lang;

/// At most this many causes are named in one `detail`.
const SHOWN_CAUSES: usize = 5;

/// The `detail` of a frozen or adjustment line; `today`: the status words
/// the ledgers were read with.
pub fn detail(lang: Lang, ledgers: &Ledgers, today: &DealStatuses, s: &Settlement, line: &PayLine) -> String {
    match &line.why {
        Why::Live(_) => String::new(),
        Why::Frozen(k) => {
            let snap = &s.snapshots[*k];
            match lang {
                Lang::Zh => format!("已结账，数字冻结在 {}（截止日 {}）；已发放，不再重算", snap.name, snap.as_of),
                Lang::En => format!("frozen in {} (closed as of {}); paid, never recomputed here", snap.name, snap.as_of),
            }
        }
        Why::Adjustment { snapshot, .. } => {
            let snap = &s.snapshots[*snapshot];
            let mut parts: Vec<String> = s.causes_of(line).take(SHOWN_CAUSES).map(|c| cause(lang, ledgers, s, c)).collect();
            let more = s.causes[*snapshot].count(&line.rep).saturating_sub(SHOWN_CAUSES);
            let words_moved = s.causes[*snapshot].stored_statuses.as_ref().is_some_and(|stored| stored != today);
            match lang {
                Lang::Zh => {
                    if more > 0 {
                        parts.push(format!("另有{more}处变动"));
                    }
                    if words_moved {
                        parts.push(format!("rules.toml [deals] 的退单/正常状态词和结账时（{}）不同，台账按今天的词读；不是有意改的，就改回结账时的词", snap.name));
                    }
                    if parts.is_empty() {
                        parts.push("本期的退单和行都没变；变的可能是本期以外的行（更早的报备）".into());
                    }
                    format!("按 {} 里的规则重算 {}，减去已发放的；原因：{}", snap.name, snap.period, parts.join("；"))
                }
                Lang::En => {
                    if more > 0 {
                        parts.push(format!("and {more} more"));
                    }
                    if words_moved {
                        parts.push(format!("the status words of rules.toml [deals] differ from those of {}, and today's read the ledgers; if that was not meant, put the words back", snap.name));
                    }
                    if parts.is_empty() {
                        parts.push("no refund or row of the period moved; rows outside it (an earlier claim) may have changed".into());
                    }
                    format!("{} recomputed now under the rules of {}, minus what was paid: {}", snap.period, snap.name, parts.join("; "))
                }
            }
        }
    }
}

fn cause(lang: Lang, ledgers: &Ledgers, s: &Settlement, c: &Cause) -> String {
    match c {
        Cause::Refund { deal, day, amount, line } => {
            let d = &ledgers.deals.rows[*deal as usize];
            match lang {
                Lang::Zh => format!("结账后退单 {}（{day} 退 {}，{}）", ledgers.text(d.id), cents(*amount), ledgers.deals.at(*line)),
                Lang::En => format!("refund after the close: {} {} on {day} ({})", ledgers.text(d.id), cents(*amount), ledgers.deals.at(*line)),
            }
        }
        Cause::Edit(e) => {
            let added = matches!(e.ledger, LedgerKind::Rulings | LedgerKind::Links) && e.change == Change::Appeared;
            match lang {
                Lang::Zh => {
                    let what = match e.ledger {
                        LedgerKind::Rulings => "裁决",
                        LedgerKind::Links => "关联电话",
                        _ => "行",
                    };
                    let change = match e.change {
                        _ if added => "新增",
                        Change::Changed => "被改动",
                        Change::Appeared => "新增",
                        Change::Vanished => "被删除",
                    };
                    format!("{what}{change}（{}）", row_name(ledgers, s, e))
                }
                Lang::En => {
                    let what = match e.ledger {
                        LedgerKind::Rulings => "ruling",
                        LedgerKind::Links => "link",
                        _ => "row",
                    };
                    let change = if added { "added since" } else { e.change.as_str() };
                    format!("{what} {change}: {}", row_name(ledgers, s, e))
                }
            }
        }
    }
}

/// `FILE:LINE` of an edited row, in today's file of its ledger.
pub fn row_name(ledgers: &Ledgers, _s: &Settlement, e: &Edit) -> String {
    let file = match e.ledger {
        LedgerKind::Claims => &ledgers.claims.file,
        LedgerKind::Customers => &ledgers.deals.file,
        LedgerKind::Rulings => &ledgers.rulings.file,
        LedgerKind::Links => &ledgers.links.file,
    };
    format!("{file}:{}", e.line)
}

/// What `close` says when it wrote a snapshot.
pub fn closed(lang: Lang, period: crate::domain::period::Period, as_of: chrono::NaiveDate, file: &str, lines: usize, rows: usize) -> String {
    match lang {
        Lang::Zh => format!("{period} 已结账（截止日 {as_of}）：已写入 {file}（{lines}行提成，{rows}行台账的校验值）；快照永不改写"),
        Lang::En => format!(
            "closed {period} as of {as_of}: wrote {file} ({}, {} hashed); it is never rewritten",
            super::plural(lines as u64, "commission line"),
            super::plural(rows as u64, "row")
        ),
    }
}

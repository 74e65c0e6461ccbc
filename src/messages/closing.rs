//! Wording of closed periods (SPEC §14): frozen lines, adjustments and
//! their causes, edited rows, and why `close` refuses.

use crate::domain::money::cents;
use crate::domain::ledger::Ledgers;
use crate::engine::closing::{Cause, Change, Edit, LedgerKind, Settlement, Why};

/// At most this many causes are named in one `detail`.
const SHOWN_CAUSES: usize = 5;

/// The `detail` of a frozen or adjustment line.
pub fn detail(ledgers: &Ledgers, s: &Settlement, why: &Why) -> String {
    match why {
        Why::Live(_) => String::new(),
        Why::Frozen(k) => {
            let snap = &s.snapshots[*k];
            format!("frozen in {} (closed as of {}); paid, never recomputed here", snap.name, snap.as_of)
        }
        Why::Adjustment { snapshot, causes } => {
            let snap = &s.snapshots[*snapshot];
            let mut parts: Vec<String> = causes.iter().take(SHOWN_CAUSES).map(|c| cause(ledgers, s, c)).collect();
            if causes.len() > SHOWN_CAUSES {
                parts.push(format!("and {} more", causes.len() - SHOWN_CAUSES));
            }
            if parts.is_empty() {
                parts.push("no refund or row of the period moved; rows outside it (an earlier claim) changed".into());
            }
            format!("{} recomputed now under the rules of {}, minus what was paid: {}", snap.period, snap.name, parts.join("; "))
        }
    }
}

fn cause(ledgers: &Ledgers, s: &Settlement, c: &Cause) -> String {
    match c {
        Cause::Refund { deal, day, amount, line } => {
            let d = &ledgers.deals.rows[*deal as usize];
            format!("refund after the close: {} {} on {day} ({})", ledgers.text(d.id), cents(*amount), ledgers.deals.at(*line))
        }
        Cause::Edit(e) => {
            let what = match e.ledger {
                LedgerKind::Rulings => "ruling",
                LedgerKind::Links => "link",
                _ => "row",
            };
            let added = matches!(e.ledger, LedgerKind::Rulings | LedgerKind::Links) && e.change == Change::Appeared;
            let change = if added { "added since" } else { e.change.as_str() };
            format!("{what} {change}: {}", row_name(ledgers, s, e))
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

/// The message of a `closed_period_edited` warning.
pub fn edited(s: &Settlement, e: &Edit) -> String {
    let snap = &s.snapshots[e.snapshot];
    let (period, file) = (snap.period, &snap.name);
    let what = match e.change {
        Change::Changed => format!("this row of closed period {period} changed after it was closed ({file})"),
        Change::Appeared => format!("this row was added to closed period {period} after it was closed ({file})"),
        Change::Vanished => format!("the row on this line when {period} was closed ({file}) is gone"),
    };
    let next = s.next_open.map_or(String::new(), |p| format!("; any difference is paid in {p} as an adjustment"));
    format!("{what}; its commission stays frozen{next}")
}

/// What `close` says when it wrote a snapshot.
pub fn closed(period: crate::domain::period::Period, as_of: chrono::NaiveDate, file: &str, lines: usize, rows: usize, lang: super::Lang) -> String {
    match lang {
        super::Lang::Zh => format!("{period} 已按截止日 {as_of} 结账：写出 {file}（{lines} 条提成记录，{rows} 行留了指纹）；快照不会重写"),
        super::Lang::En => format!("closed {period} as of {as_of}: wrote {file} ({lines} commission lines, {rows} rows hashed); it is never rewritten"),
    }
}

/// The kind of an adjustment line in a terminal table: `adj. 2026Q1`.
pub fn adjustment_label(restates: &str) -> String {
    format!("adj. {restates}")
}

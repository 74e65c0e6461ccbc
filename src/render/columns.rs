//! The columns of the three reports, each listed once: its stable name (the
//! CSV header and JSON key), its terminal title, what it holds, when the
//! terminal shows it and whether it may wrap there. Every renderer derives
//! its columns from these tables: the terminal tables, the CSV files, the CSV
//! stream, the JSON keys and the xlsx sheets.
//!
//! Titles are worded per language in `messages::labels`; names never change
//! with the language.

/// What a column holds: numbers are right-aligned in tables, days and money
/// are typed cells in a workbook.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Text,
    Day,
    Money,
    Count,
}

/// When the terminal table shows a column, or keeps it whole.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum On {
    Always,
    Never,
    /// Only when some deal has a refund (SPEC §13).
    Refunds,
    /// Only once a period is closed (SPEC §14).
    Closed,
}

/// What the terminal table depends on: a refund anywhere, a closed period.
#[derive(Debug, Clone, Copy, Default)]
pub struct When {
    pub refunds: bool,
    pub closed: bool,
}

impl On {
    pub fn holds(self, when: When) -> bool {
        match self {
            On::Always => true,
            On::Never => false,
            On::Refunds => when.refunds,
            On::Closed => when.closed,
        }
    }
}

/// One column of a report.
#[derive(Debug, Clone, Copy)]
pub struct Column {
    /// The stable name: CSV header, JSON key, never translated.
    pub name: &'static str,
    pub kind: Kind,
    /// When the terminal table shows it.
    pub show: On,
    /// When the terminal never wraps it (ids, days, amounts, row names):
    /// the other columns give way.
    pub whole: On,
}

const fn col(name: &'static str, kind: Kind, show: On, whole: On) -> Column {
    Column { name, kind, show, whole }
}

impl Column {
    /// The header people read: terminal tables, workbooks.
    pub fn title(&self, lang: crate::messages::Lang) -> &'static str {
        crate::messages::labels::title(lang, self.name)
    }
}

/// The columns of one report, in order; `report` names the report (its CSV
/// file stem, JSON key, xlsx sheet and the stream's `report` value).
#[derive(Debug)]
pub struct Columns<const N: usize> {
    pub report: &'static str,
    pub list: [Column; N],
}

impl<const N: usize> Columns<N> {
    /// The stable names, in order.
    pub const fn names(&self) -> [&'static str; N] {
        let mut out = [""; N];
        let mut i = 0;
        while i < N {
            out[i] = self.list[i].name;
            i += 1;
        }
        out
    }

    /// Where the column `name` is; in a `const`, a missing name fails the build.
    pub const fn index(&self, name: &str) -> usize {
        match self.position(name) {
            Some(i) => i,
            None => panic!("no such column"),
        }
    }

    /// Where the column `name` is, if the report has it.
    pub const fn position(&self, name: &str) -> Option<usize> {
        let mut i = 0;
        while i < N {
            if same(self.list[i].name, name) {
                return Some(i);
            }
            i += 1;
        }
        None
    }
}

const fn same(a: &str, b: &str) -> bool {
    let (a, b) = (a.as_bytes(), b.as_bytes());
    if a.len() != b.len() {
        return false;
    }
    let mut i = 0;
    while i < a.len() {
        if a[i] != b[i] {
            return false;
        }
        i += 1;
    }
    true
}

use Kind::{Count, Day, Money, Text};
use On::{Always, Closed, Never, Refunds};

/// Attributed deals.
pub const DEALS: Columns<13> = Columns {
    report: "deals",
    list: [
        col("deal_id", Text, Always, Always),
        col("date", Day, Always, Always),
        col("customer", Text, Always, Never),
        col("phone", Text, Never, Never),
        col("amount", Money, Always, Always),
        col("refunded", Money, Never, Never),
        col("net_amount", Money, Refunds, Always),
        col("closed_by", Text, Always, Never),
        col("owner", Text, Always, Never),
        col("basis", Text, Always, Never),
        col("claim_row", Text, Always, Always),
        col("deal_row", Text, Never, Never),
        col("detail", Text, Never, Never),
    ],
};

/// Claim rows with their status; the terminal shows the invalid ones.
pub const CLAIMS: Columns<9> = Columns {
    report: "claims",
    list: [
        col("row", Text, Always, Always),
        col("date", Day, Never, Never),
        col("rep", Text, Always, Never),
        col("customer", Text, Always, Never),
        col("phone", Text, Never, Never),
        col("status", Text, Never, Never),
        col("reason", Text, Always, Always),
        col("end_day", Day, Never, Never),
        col("detail", Text, Always, Never),
    ],
};

/// Commission lines. The money columns are kept whole once a period is
/// closed, when the kind column makes the table too wide for 80 columns.
pub const COMMISSIONS: Columns<11> = Columns {
    report: "commissions",
    list: [
        col("period", Text, Always, Never),
        col("rep", Text, Always, Never),
        col("channel", Text, Always, Never),
        col("deals", Count, Always, Never),
        col("performance", Money, Always, Closed),
        col("commission", Money, Always, Closed),
        col("bonus", Money, Always, Never),
        col("total", Money, Always, Closed),
        col("kind", Text, Closed, Always),
        col("restates", Text, Never, Never),
        col("detail", Text, Never, Never),
    ],
};

/// Every report's columns, in the order the stream writes the reports.
pub const REPORTS: [&[Column]; 3] = [&DEALS.list, &CLAIMS.list, &COMMISSIONS.list];

/// The stream's first column: which report a row belongs to.
pub const REPORT: &str = "report";

/// The columns of the single CSV stream: `report`, each report's key (its
/// first column), then every other column once, a report's new column
/// placed just before the next of its columns the stream already has (so
/// `detail` stays last).
pub fn stream() -> Vec<&'static str> {
    let mut out = vec![REPORT];
    out.extend(REPORTS.iter().map(|columns| columns[0].name));
    for columns in REPORTS {
        for (i, column) in columns.iter().enumerate() {
            if out.contains(&column.name) {
                continue;
            }
            let next = columns[i + 1..].iter().find_map(|later| out.iter().position(|n| *n == later.name));
            out.insert(next.unwrap_or(out.len()), column.name);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::{self, closing};
    use crate::load::{Input, LedgerInputs, LoadOptions, load_ledgers};
    use crate::engine::Settled;
    use crate::render::Report;
    use crate::render::view::Cell;

    /// Every row's cells fit the kinds of its report's columns, in order, on
    /// the example ledgers (refunds, invalid claims, house deals).
    #[test]
    fn every_report_s_cells_line_up_with_its_columns() {
        let inputs = LedgerInputs {
            claims: Some(Input::from_bytes("claims.csv", include_bytes!("../../examples/claims.csv").to_vec())),
            customers: Some(Input::from_bytes("customers.csv", include_bytes!("../../examples/customers.csv").to_vec())),
            rulings: Some(Input::from_bytes("rulings.csv", include_bytes!("../../examples/rulings.csv").to_vec())),
            links: None,
        };
        let loaded = load_ledgers(&inputs, LoadOptions::new(100, None)).unwrap();
        let policy = crate::policy::rules_toml::parse(include_str!("../../rules.toml")).unwrap().policy;
        let outcome = engine::decide(&loaded.ledgers, &policy, None);
        let settlement = closing::settle(&loaded.ledgers, &outcome, Vec::new()).unwrap();
        let x = Settled { ledgers: &loaded.ledgers, policy: &policy, outcome: &outcome };
        let report = Report { x, period: None, settlement: &settlement, mask_phones: false, lang: crate::messages::Lang::En };
        fn check(columns: &[Column], rows: Vec<Vec<Cell>>) {
            assert!(rows.len() > 3, "{} rows", rows.len());
            for cells in rows {
                assert_eq!(cells.len(), columns.len());
                for (cell, column) in cells.iter().zip(columns) {
                    assert!(cell.fits(column.kind), "{:?} under {} ({:?})", cell, column.name, column.kind);
                }
            }
        }
        check(&DEALS.list, report.deals().map(Vec::from).collect());
        check(&CLAIMS.list, report.claims().map(|(_, c)| Vec::from(c)).collect());
        check(&COMMISSIONS.list, report.commissions().map(Vec::from).collect());
        let refunded = DEALS.index("refunded");
        assert!(report.deals().any(|c| matches!(c[refunded], Cell::Money(m) if !m.is_zero())), "the examples hold a refund");
    }

    /// The titles the terminal shows, and those it keeps whole, in each case.
    fn shown(columns: &[Column], when: When) -> (Vec<&str>, Vec<&str>) {
        let shown = columns.iter().filter(|c| c.show.holds(when));
        let title = |c: &Column| c.title(crate::messages::Lang::En);
        (shown.clone().map(title).collect(), shown.filter(|c| c.whole.holds(when)).map(title).collect())
    }

    #[test]
    fn the_terminal_shows_these_columns() {
        let plain = When::default();
        let both = When { refunds: true, closed: true };
        let deals = ["deal", "day", "customer", "amount", "closer", "owner", "basis", "claim row"];
        assert_eq!(shown(&DEALS.list, plain), (deals.to_vec(), vec!["deal", "day", "amount", "claim row"]));
        let deals = ["deal", "day", "customer", "amount", "net", "closer", "owner", "basis", "claim row"];
        assert_eq!(shown(&DEALS.list, both), (deals.to_vec(), vec!["deal", "day", "amount", "net", "claim row"]));
        assert_eq!(shown(&CLAIMS.list, both), (vec!["row", "rep", "customer", "reason", "detail"], vec!["row", "reason"]));
        let money = ["performance", "commission", "bonus", "total"];
        let open = [&["period", "rep", "channel", "deals"][..], &money].concat();
        assert_eq!(shown(&COMMISSIONS.list, plain), (open.clone(), vec![]));
        let closed = [&open[..], &["kind"]].concat();
        assert_eq!(shown(&COMMISSIONS.list, both), (closed, vec!["performance", "commission", "total", "kind"]));
    }

    #[test]
    fn names_are_stable_identifiers_once_per_report() {
        for columns in REPORTS {
            for (i, c) in columns.iter().enumerate() {
                assert!(c.name.bytes().all(|b| b.is_ascii_lowercase() || b == b'_'), "{}", c.name);
                assert!(!c.title(crate::messages::Lang::Zh).is_empty(), "{}", c.name);
                assert!(!c.title(crate::messages::Lang::Zh).is_ascii(), "{} has no Chinese title", c.name);
                assert!(columns[..i].iter().all(|o| o.name != c.name), "{} twice", c.name);
                assert_ne!(c.name, REPORT);
            }
        }
        assert_eq!(COMMISSIONS.position("kind"), Some(8));
        assert_eq!(COMMISSIONS.position("owner"), None);
        assert_eq!(DEALS.names()[DEALS.index("claim_row")], "claim_row");
    }

    #[test]
    fn the_stream_holds_every_column_of_every_report_once() {
        let stream = stream();
        for columns in REPORTS {
            for c in columns {
                assert_eq!(stream.iter().filter(|n| **n == c.name).count(), 1, "{}", c.name);
            }
        }
        // Nothing else but `report`, and each report's columns in its order.
        assert!(stream[1..].iter().all(|n| REPORTS.iter().any(|cs| cs.iter().any(|c| c.name == *n))));
        for columns in REPORTS {
            let at: Vec<usize> = columns.iter().map(|c| stream.iter().position(|n| *n == c.name).unwrap()).collect();
            assert!(at.is_sorted(), "{at:?}");
        }
        // The header pipes read: unchanged when the tables were introduced.
        let header = "report,deal_id,row,period,date,rep,customer,phone,amount,refunded,net_amount,closed_by,owner,basis,\
            claim_row,deal_row,status,reason,end_day,channel,deals,performance,commission,bonus,total,kind,restates,detail";
        assert_eq!(stream.join(","), header);
    }
}

//! The columns of each ledger and the header names they may go by (SPEC §2).
//!
//! Pure: maps a header row to column positions.

use std::fmt;

/// The kinds of input table.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum TableKind {
    Claims,
    Customers,
    Rulings,
    /// links.csv (SPEC §15).
    Links,
}

impl TableKind {
    pub fn columns(self) -> &'static [Column] {
        match self {
            TableKind::Claims => &CLAIM_COLUMNS,
            TableKind::Customers => &CUSTOMER_COLUMNS,
            TableKind::Rulings => &RULING_COLUMNS,
            TableKind::Links => &LINK_COLUMNS,
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            TableKind::Claims => "claim ledger",
            TableKind::Customers => "customer ledger",
            TableKind::Rulings => "rulings",
            TableKind::Links => "links",
        }
    }
}

impl fmt::Display for TableKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A column: its name, the other names it may go by, and whether a file
/// without it cannot be used.
#[derive(Debug)]
pub struct Column {
    pub name: &'static str,
    pub aliases: &'static [&'static str],
    pub required: bool,
}

impl Column {
    const fn new(name: &'static str, aliases: &'static [&'static str], required: bool) -> Column {
        Column { name, aliases, required }
    }

    fn matches(&self, header: &str) -> bool {
        self.name == header || self.aliases.contains(&header)
    }

    /// `date` [日期, 报备日期], for messages.
    pub fn with_aliases(&self) -> String {
        if self.aliases.is_empty() {
            format!("`{}`", self.name)
        } else {
            format!("`{}` (or {})", self.name, self.aliases.join(", "))
        }
    }
}

// Column indices of each kind, in the order of its table below.
pub mod claim {
    pub const DATE: usize = 0;
    pub const REP: usize = 1;
    pub const EVENT: usize = 2;
    pub const CUSTOMER: usize = 3;
    pub const PHONE: usize = 4;
    pub const ADDRESS: usize = 5;
    pub const REGION: usize = 6;
    pub const FIRST_CONTACT: usize = 7;
    pub const CROSS_REGION_REASON: usize = 8;
}

pub mod customer {
    pub const DEAL_ID: usize = 0;
    pub const DATE: usize = 1;
    pub const CUSTOMER: usize = 2;
    pub const PHONE: usize = 3;
    pub const ADDRESS: usize = 4;
    pub const REGION: usize = 5;
    pub const AMOUNT: usize = 6;
    pub const CLOSED_BY: usize = 7;
    pub const STATUS: usize = 8;
    pub const REFUND_DATE: usize = 9;
    pub const REFUND_OF: usize = 10;
}

pub mod ruling {
    pub const PHONE: usize = 0;
    pub const OWNER: usize = 1;
    pub const REASON: usize = 2;
}

pub mod link {
    pub const PHONE: usize = 0;
    pub const SAME_AS: usize = 1;
    pub const REASON: usize = 2;
}

const CUSTOMER: Column = Column::new("customer", &["客户", "客户姓名"], false);
const PHONE: Column = Column::new("phone", &["电话", "手机"], false);
const ADDRESS: Column = Column::new("address", &["地址", "详细地址"], false);
const REGION: Column = Column::new("region", &["区域"], false);

static CLAIM_COLUMNS: [Column; 9] = [
    Column::new("date", &["日期", "报备日期"], true),
    Column::new("rep", &["业务员", "导购", "销售"], true),
    Column::new("event", &["类型"], false),
    CUSTOMER,
    PHONE,
    ADDRESS,
    REGION,
    Column::new("first_contact", &["首次接触"], false),
    Column::new("cross_region_reason", &["跨区原因"], false),
];

static CUSTOMER_COLUMNS: [Column; 11] = [
    Column::new("deal_id", &["单号"], true),
    Column::new("date", &["日期", "下定日期"], true),
    CUSTOMER,
    Column::new("phone", &["电话", "手机"], true),
    ADDRESS,
    REGION,
    Column::new("amount", &["金额"], true),
    Column::new("closed_by", &["成交人"], true),
    Column::new("status", &["状态", "订单状态"], false),
    Column::new("refund_date", &["退单日期", "退款日期"], false),
    Column::new("refund_of", &["原单号", "退单单号"], false),
];

static RULING_COLUMNS: [Column; 3] = [
    Column::new("phone", &["电话", "手机"], true),
    Column::new("owner", &["归属", "归属人"], true),
    Column::new("reason", &["原因", "理由", "裁决原因"], false),
];

static LINK_COLUMNS: [Column; 3] = [
    Column::new("phone", &["电话"], true),
    Column::new("same_as", &["同一客户电话"], true),
    Column::new("reason", &["原因"], false),
];

/// Where each column of a table kind sits in a file's rows.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ColumnMap {
    pub kind: TableKind,
    positions: Vec<Option<usize>>,
}

impl ColumnMap {
    /// Matches header cells (trimmed, case-insensitive) to the kind's columns;
    /// when two cells name the same column the first wins.
    pub fn new<'h>(kind: TableKind, header: impl IntoIterator<Item = &'h str>) -> ColumnMap {
        let columns = kind.columns();
        let mut positions = vec![None; columns.len()];
        for (i, cell) in header.into_iter().enumerate() {
            let name = normalise_header(cell);
            if let Some(c) = columns.iter().position(|c| c.matches(&name)) {
                positions[c].get_or_insert(i);
            }
        }
        ColumnMap { kind, positions }
    }

    /// The position of column `c` (an index of the kind's table) in a row.
    pub fn position(&self, c: usize) -> Option<usize> {
        self.positions[c]
    }

    /// Required columns the header does not name.
    pub fn missing(&self) -> impl Iterator<Item = &'static Column> + '_ {
        self.kind.columns().iter().zip(&self.positions).filter(|(c, p)| c.required && p.is_none()).map(|(c, _)| c)
    }

    /// How many of the kind's columns the header names (to recognise a file).
    pub fn matched(&self) -> usize {
        self.positions.iter().filter(|p| p.is_some()).count()
    }

    /// The column name of a cell position, for messages.
    pub fn name_at(&self, position: usize) -> Option<&'static str> {
        let c = self.positions.iter().position(|p| *p == Some(position))?;
        Some(self.kind.columns()[c].name)
    }
}

/// The kind of table a header row belongs to: the kind whose required
/// columns it names, or the one it names most of; `None` when it names
/// nothing any kind knows.
pub fn recognise(header: &[&str]) -> Option<TableKind> {
    let score = |kind: TableKind| {
        let map = ColumnMap::new(kind, header.iter().copied());
        let complete = map.missing().next().is_none();
        let required = kind.columns().iter().filter(|c| c.required).count();
        let named_required = required - map.missing().count();
        (complete, named_required, map.matched())
    };
    let best = [TableKind::Claims, TableKind::Customers, TableKind::Rulings]
        .into_iter()
        .map(|k| (score(k), k))
        .max_by_key(|(s, _)| *s)?;
    if is_links(header) {
        return Some(TableKind::Links);
    }
    (best.0.2 > 0).then_some(best.1)
}

/// A header naming `phone` and `same_as`, and no `amount`, `deal_id` or
/// `owner`, is links.csv.
fn is_links(header: &[&str]) -> bool {
    let links = ColumnMap::new(TableKind::Links, header.iter().copied());
    let names = |kind: TableKind, c: usize| ColumnMap::new(kind, header.iter().copied()).position(c).is_some();
    links.missing().next().is_none()
        && !names(TableKind::Customers, customer::AMOUNT)
        && !names(TableKind::Customers, customer::DEAL_ID)
        && !names(TableKind::Rulings, ruling::OWNER)
}

/// Trims, drops a byte-order mark and lowercases a header cell.
fn normalise_header(cell: &str) -> String {
    cell.trim_start_matches('\u{feff}').trim().to_lowercase()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn english_chinese_and_case() {
        let m = ColumnMap::new(TableKind::Customers, [" Deal_ID ", "下定日期", "PHONE", "金额", "成交人"]);
        assert_eq!(m.missing().count(), 0);
        assert_eq!(m.position(customer::DATE), Some(1));
        assert_eq!(m.position(customer::CUSTOMER), None);
    }

    #[test]
    fn first_of_two_names_wins() {
        let m = ColumnMap::new(TableKind::Claims, ["日期", "业务员", "导购", "date"]);
        assert_eq!(m.position(claim::DATE), Some(0));
        assert_eq!(m.position(claim::REP), Some(1));
    }

    #[test]
    fn recognises_kinds_by_their_columns() {
        assert_eq!(recognise(&["日期", "业务员", "电话"]), Some(TableKind::Claims));
        assert_eq!(recognise(&["单号", "下定日期", "电话", "金额", "成交人"]), Some(TableKind::Customers));
        assert_eq!(recognise(&["phone", "owner", "reason"]), Some(TableKind::Rulings));
        assert_eq!(recognise(&["deal_id", "date", "phone"]), Some(TableKind::Customers));
        assert_eq!(recognise(&["foo", "bar"]), None);
        assert_eq!(recognise(&["phone", "same_as", "reason"]), Some(TableKind::Links));
        assert_eq!(recognise(&["电话", "同一客户电话"]), Some(TableKind::Links));
        assert_eq!(recognise(&["phone", "same_as", "owner"]), Some(TableKind::Rulings));
        assert_eq!(recognise(&["deal_id", "date", "phone", "same_as", "amount", "closed_by"]), Some(TableKind::Customers));
    }

    #[test]
    fn missing_required_columns() {
        let m = ColumnMap::new(TableKind::Customers, ["deal_id", "date", "phone"]);
        let missing: Vec<_> = m.missing().map(|c| c.name).collect();
        assert_eq!(missing, ["amount", "closed_by"]);
        assert_eq!(CUSTOMER_COLUMNS[6].with_aliases(), "`amount` (or 金额)");
    }
}

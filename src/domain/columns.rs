//! The columns of each ledger, the header texts they go by (SPEC §2, §11)
//! and the kind of table a header row belongs to.
//!
//! Pure: maps header cells to column positions. One table of names is
//! shared by every ledger ([`NAMES`]); each kind lists the columns it reads.

use std::fmt;

use crate::domain::ledger::Event;
use crate::domain::text::fold;

/// The kinds of input table.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum TableKind {
    Claims,
    Customers,
    Rulings,
    /// links.csv (SPEC §15).
    Links,
}

impl TableKind {
    /// Every kind, in the order findings list them.
    pub const ALL: [TableKind; 4] = [TableKind::Claims, TableKind::Customers, TableKind::Rulings, TableKind::Links];

    pub fn columns(self) -> &'static [Column] {
        match self {
            TableKind::Claims => &CLAIM_COLUMNS,
            TableKind::Customers => &CUSTOMER_COLUMNS,
            TableKind::Rulings => &RULING_COLUMNS,
            TableKind::Links => &LINK_COLUMNS,
        }
    }

    /// The columns that find a header row (SPEC §11): a row naming two of
    /// them is this kind's header.
    pub fn key_columns(self) -> &'static [&'static str] {
        match self {
            TableKind::Claims => &["date", "rep"],
            TableKind::Customers => &["deal_id", "date", "amount", "closed_by"],
            TableKind::Rulings => &["phone", "owner"],
            TableKind::Links => &["phone", "same_as"],
        }
    }

    /// The stable name of the kind (`kind` in `check --format json`), which
    /// is also its English name.
    pub fn as_str(self) -> &'static str {
        crate::messages::table_kind_key(self)
    }

    /// The command-line flag that names a file of this kind.
    pub fn flag(self) -> &'static str {
        match self {
            TableKind::Claims => "--claims",
            TableKind::Customers => "--customers",
            TableKind::Rulings => "--rulings",
            TableKind::Links => "--links",
        }
    }
}

impl fmt::Display for TableKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A column name and the header texts it goes by: §2's aliases (and
/// §13's, §15's, which rank with them), then §11's.
#[derive(Debug, Clone, Copy)]
pub struct Names {
    pub name: &'static str,
    pub aliases: &'static [&'static str],
    pub more: &'static [&'static str],
}

const fn names(name: &'static str, aliases: &'static [&'static str], more: &'static [&'static str]) -> Names {
    Names { name, aliases, more }
}

const DATE: Names = names(
    "date",
    &["日期", "报备日期", "下定日期"],
    &["报备时间", "登记日期", "登记时间", "时间", "跟进日期", "成交日期", "订单日期"],
);
const REP: Names = names("rep", &["业务员", "导购", "销售"], &["报备人", "业务员姓名", "销售员", "跟进人", "负责人", "置业顾问"]);
const EVENT: Names = names("event", &["类型"], &["事件", "报备类型", "记录类型"]);
const CUSTOMER: Names = names("customer", &["客户", "客户姓名"], &["姓名", "客户名称", "顾客姓名", "业主姓名"]);
const PHONE: Names =
    names("phone", &["电话", "手机"], &["手机号", "手机号码", "客户电话", "联系电话", "联系方式", "客户手机"]);
const ADDRESS: Names = names("address", &["地址", "详细地址"], &["小区", "客户地址", "安装地址", "送货地址"]);
const REGION: Names = names("region", &["区域"], &["所属区域", "片区", "区县"]);
const FIRST_CONTACT: Names = names("first_contact", &["首次接触"], &[]);
const CROSS_REGION_REASON: Names = names("cross_region_reason", &["跨区原因"], &[]);
const DEAL_ID: Names = names("deal_id", &["单号"], &["订单号", "合同号", "销售单号"]);
const AMOUNT: Names = names("amount", &["金额"], &["成交金额", "订单金额", "合同金额"]);
const CLOSED_BY: Names = names("closed_by", &["成交人"], &["签单人", "开单人"]);
const OWNER: Names = names("owner", &["归属", "归属人"], &[]);
const REASON: Names = names("reason", &["原因", "理由", "裁决原因"], &[]);
// SPEC §13: refunds (§11's 订单状态 is §13's too, so it ranks with §2).
const STATUS: Names = names("status", &["状态", "订单状态"], &[]);
const REFUND_DATE: Names = names("refund_date", &["退单日期", "退款日期"], &[]);
const REFUND_OF: Names = names("refund_of", &["原单号", "退单单号"], &[]);
// SPEC §15: links.csv.
const SAME_AS: Names = names("same_as", &["同一客户电话"], &[]);

/// Every column any ledger reads: what a `[columns]` text may name.
pub static NAMES: [Names; 18] = [
    DATE, REP, EVENT, CUSTOMER, PHONE, ADDRESS, REGION, FIRST_CONTACT, CROSS_REGION_REASON, DEAL_ID, AMOUNT,
    CLOSED_BY, OWNER, REASON, STATUS, REFUND_DATE, REFUND_OF, SAME_AS,
];

/// A column of one kind: its names, and whether a file without it cannot be used.
#[derive(Debug, PartialEq, Eq)]
pub struct Column {
    pub name: &'static str,
    pub aliases: &'static [&'static str],
    pub more: &'static [&'static str],
    pub required: bool,
}

impl Column {
    const fn new(names: Names, required: bool) -> Column {
        Column { name: names.name, aliases: names.aliases, more: names.more, required }
    }

    /// Every text this column goes by, its name first.
    pub fn texts(&self) -> impl Iterator<Item = &'static str> + '_ {
        std::iter::once(self.name).chain(self.aliases.iter().copied()).chain(self.more.iter().copied())
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

static CLAIM_COLUMNS: [Column; 9] = [
    Column::new(DATE, true),
    Column::new(REP, true),
    Column::new(EVENT, false),
    Column::new(CUSTOMER, false),
    Column::new(PHONE, false),
    Column::new(ADDRESS, false),
    Column::new(REGION, false),
    Column::new(FIRST_CONTACT, false),
    Column::new(CROSS_REGION_REASON, false),
];

static CUSTOMER_COLUMNS: [Column; 11] = [
    Column::new(DEAL_ID, true),
    Column::new(DATE, true),
    Column::new(CUSTOMER, false),
    Column::new(PHONE, true),
    Column::new(ADDRESS, false),
    Column::new(REGION, false),
    Column::new(AMOUNT, true),
    Column::new(CLOSED_BY, true),
    Column::new(STATUS, false),
    Column::new(REFUND_DATE, false),
    Column::new(REFUND_OF, false),
];

static RULING_COLUMNS: [Column; 3] = [Column::new(PHONE, true), Column::new(OWNER, true), Column::new(REASON, false)];

static LINK_COLUMNS: [Column; 3] = [Column::new(PHONE, true), Column::new(SAME_AS, true), Column::new(REASON, false)];

/// The alliance's own words from rules.toml: `[columns]` header texts and
/// `[events]` event words, both folded as header text is.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Words {
    /// Header text → column name.
    pub columns: Vec<(String, &'static str)>,
    /// Event word → event.
    pub events: Vec<(String, Event)>,
}

impl Words {
    /// The column a header text names through `[columns]`.
    fn column(&self, folded: &str) -> Option<&'static str> {
        self.columns.iter().find(|(t, _)| t == folded).map(|(_, c)| *c)
    }

    /// The event an event word names through `[events]`.
    pub fn event(&self, folded: &str) -> Option<Event> {
        let folded = header_text(folded);
        self.events.iter().find(|(w, _)| *w == folded).map(|(_, e)| *e)
    }
}

/// How strongly a header text names its column: when two cells name one
/// column, the better rank wins, then the first (SPEC §11).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Rank {
    /// A `[columns]` text of rules.toml.
    Custom,
    /// A column name or one of §2's aliases.
    Spec,
    /// One of §11's aliases.
    Sheet,
}

/// A header cell as it is compared (SPEC §11): folded, `*` and `＊` removed,
/// one trailing `(必填)`/`(选填)` removed, full-width letters as ASCII,
/// lower case; a space between two Chinese characters (`日 期`, typed to
/// align a two-character header) is dropped.
pub fn header_text(cell: &str) -> String {
    let starless: String = cell.trim_start_matches('\u{feff}').chars().filter(|c| !matches!(c, '*' | '＊')).collect();
    let folded = squeeze_cjk(&fold(&starless));
    let mut s: &str = &folded;
    for mark in ["(必填)", "（必填）", "(选填)", "（选填）"] {
        if let Some(rest) = s.strip_suffix(mark) {
            s = rest.trim_end();
            break;
        }
    }
    s.chars()
        .map(|c| match c {
            'Ａ'..='Ｚ' | 'ａ'..='ｚ' | '＿' => super::text::half_width_char(c),
            c => c,
        })
        .flat_map(char::to_lowercase)
        .collect()
}

/// Folded text without the spaces that stand between two non-ASCII
/// characters: `合 计` is `合计`, `客户 姓名` is `客户姓名`; `Deal ID` keeps its.
pub fn squeeze_cjk(folded: &str) -> String {
    let chars: Vec<char> = folded.chars().collect();
    let mut out = String::with_capacity(folded.len());
    for (i, &c) in chars.iter().enumerate() {
        let between = c == ' ' && i > 0 && !chars[i - 1].is_ascii() && chars.get(i + 1).is_some_and(|n| !n.is_ascii());
        if !between {
            out.push(c);
        }
    }
    out
}

/// The column a header cell names, and how strongly. A `[columns]` text
/// replaces a built-in alias of the same text.
pub fn column_named(cell: &str, words: &Words) -> Option<(&'static str, Rank)> {
    let text = header_text(cell);
    if text.is_empty() {
        return None;
    }
    if let Some(c) = words.column(&text) {
        return Some((c, Rank::Custom));
    }
    NAMES.iter().find_map(|n| {
        if n.name == text || n.aliases.contains(&text.as_str()) {
            Some((n.name, Rank::Spec))
        } else {
            n.more.contains(&text.as_str()).then_some((n.name, Rank::Sheet))
        }
    })
}

/// The column each cell of a header row names.
pub fn row_names(cells: &[String], words: &Words) -> Vec<Option<(&'static str, Rank)>> {
    cells.iter().map(|c| column_named(c, words)).collect()
}

/// Whether a row is a header row (SPEC §11): it names two key columns of one kind.
pub fn is_header(names: &[Option<(&'static str, Rank)>]) -> bool {
    TableKind::ALL.iter().any(|k| key_count(k.key_columns(), names) >= 2)
}

fn key_count(keys: &[&str], names: &[Option<(&'static str, Rank)>]) -> usize {
    keys.iter().filter(|k| names.iter().any(|n| n.is_some_and(|(c, _)| c == **k))).count()
}

/// The kind of table a header belongs to (SPEC §11 "Which kind"): `amount`
/// or `deal_id` makes a customer ledger; `owner` and `phone` rulings; `rep`
/// or `event` a claim ledger. A header the rule leaves open is the kind
/// whose key columns it names, when only one.
pub fn kind_of(names: &[Option<(&'static str, Rank)>]) -> Option<TableKind> {
    let has = |c: &str| names.iter().any(|n| n.is_some_and(|(name, _)| name == c));
    if has("amount") || has("deal_id") {
        Some(TableKind::Customers)
    } else if has("owner") && has("phone") {
        Some(TableKind::Rulings)
    } else if has("phone") && has("same_as") {
        Some(TableKind::Links)
    } else if has("rep") || has("event") {
        Some(TableKind::Claims)
    } else {
        let mut keyed = TableKind::ALL.into_iter().filter(|k| key_count(k.key_columns(), names) >= 2);
        match (keyed.next(), keyed.next()) {
            (Some(k), None) => Some(k),
            _ => None,
        }
    }
}


/// What became of a table.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SheetWhat {
    /// Read as this kind.
    Read(TableKind),
    /// Its header is of another kind than the one asked for.
    Other(TableKind),
    /// No header row among its first 30 rows.
    NoHeader,
    Empty,
    /// Left out by `--sheet`.
    NotNamed,
}

/// Where each column of a table kind sits in a file's rows.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ColumnMap {
    pub kind: TableKind,
    positions: Vec<Option<usize>>,
}

impl ColumnMap {
    /// Matches header cells to the kind's columns with built-in names only.
    pub fn new<'h>(kind: TableKind, header: impl IntoIterator<Item = &'h str>) -> ColumnMap {
        let names: Vec<_> = header.into_iter().map(|c| column_named(c, &Words::default())).collect();
        ColumnMap::from_names(kind, &names)
    }

    /// Places the kind's columns: when two cells name one column the better
    /// rank wins, then the first.
    pub fn from_names(kind: TableKind, names: &[Option<(&'static str, Rank)>]) -> ColumnMap {
        let columns = kind.columns();
        let mut best: Vec<Option<(usize, Rank)>> = vec![None; columns.len()];
        for (i, named) in names.iter().enumerate() {
            let Some((name, rank)) = *named else { continue };
            if let Some(c) = columns.iter().position(|c| c.name == name)
                && best[c].is_none_or(|(_, r)| rank < r)
            {
                best[c] = Some((i, rank));
            }
        }
        ColumnMap { kind, positions: best.into_iter().map(|b| b.map(|(i, _)| i)).collect() }
    }

    /// The position of column `c` (an index of the kind's table) in a row.
    pub fn position(&self, c: usize) -> Option<usize> {
        self.positions[c]
    }

    /// Whether a position holds one of the kind's columns.
    pub fn is_column(&self, position: usize) -> bool {
        self.positions.contains(&Some(position))
    }

    /// Required columns the header does not name.
    pub fn missing(&self) -> impl Iterator<Item = &'static Column> + '_ {
        self.kind.columns().iter().zip(&self.positions).filter(|(c, p)| c.required && p.is_none()).map(|(c, _)| c)
    }

    /// Whether the header names the column called `name`.
    pub fn has(&self, name: &str) -> bool {
        self.kind.columns().iter().zip(&self.positions).any(|(c, p)| c.name == name && p.is_some())
    }

    /// How many of the kind's columns the header names.
    pub fn matched(&self) -> usize {
        self.positions.iter().filter(|p| p.is_some()).count()
    }

    /// The column name of a cell position, for messages.
    pub fn name_at(&self, position: usize) -> Option<&'static str> {
        let c = self.positions.iter().position(|p| *p == Some(position))?;
        Some(self.kind.columns()[c].name)
    }
}

/// The header cell that names no column and looks most like `column`'s
/// names, when one looks like it at all: what to add under `[columns]`.
pub fn closest<'h>(column: &Column, header: &'h [String], names: &[Option<(&'static str, Rank)>]) -> Option<&'h str> {
    /// Real headers are far narrower; a hostile one is not searched whole.
    const LOOKED_AT: usize = 512;
    let mut best: Option<(f64, &str)> = None;
    for (i, cell) in header.iter().enumerate().take(LOOKED_AT) {
        let text = header_text(cell);
        if text.is_empty() || names.get(i).is_some_and(Option::is_some) {
            continue;
        }
        let score = column.texts().map(|t| likeness(&text, t)).fold(0.0, f64::max);
        if score >= 0.6 && best.is_none_or(|(b, _)| score > b) {
            best = Some((score, cell.trim()));
        }
    }
    best.map(|(_, cell)| cell)
}

/// How alike two header texts are, 0 to 1: edit distance over characters,
/// and at least 0.6 when one holds the other (`报备人员` and `报备人`).
fn likeness(a: &str, b: &str) -> f64 {
    let edit = strsim::normalized_levenshtein(a, b);
    if a.contains(b) || b.contains(a) { edit.max(0.6) } else { edit }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kinds(header: &[&str]) -> Option<TableKind> {
        let cells: Vec<String> = header.iter().map(|s| s.to_string()).collect();
        kind_of(&row_names(&cells, &Words::default()))
    }

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
    fn custom_then_spec_then_sheet_aliases() {
        let m = ColumnMap::new(TableKind::Claims, ["小区", "详细地址", "报备人", "日期"]);
        assert_eq!(m.position(claim::ADDRESS), Some(1));
        assert_eq!(m.position(claim::REP), Some(2));
        let words = Words { columns: vec![("登记人".into(), "rep"), ("时间".into(), "first_contact")], events: vec![] };
        let cells: Vec<String> = ["业务员", "登记人", "时间", "日期"].iter().map(|s| s.to_string()).collect();
        let m = ColumnMap::from_names(TableKind::Claims, &row_names(&cells, &words));
        assert_eq!(m.position(claim::REP), Some(1));
        assert_eq!(m.position(claim::FIRST_CONTACT), Some(2));
        assert_eq!(m.position(claim::DATE), Some(3));
    }

    #[test]
    fn header_text_is_folded_and_unmarked() {
        assert_eq!(header_text("*日期"), "日期");
        assert_eq!(header_text(" 客户 姓名＊(必填) "), "客户姓名");
        assert_eq!(header_text("电话（选填）"), "电话");
        assert_eq!(header_text("ＤＡＴＥ"), "date");
        assert_eq!(header_text("\u{feff}Deal＿ID"), "deal_id");
        assert_eq!(header_text("(必填)(必填)"), "(必填)");
        assert_eq!(header_text("日\u{3000}期"), "日期");
        assert_eq!(header_text("客户 姓名 (必填)"), "客户姓名");
        assert_eq!(header_text("Deal ID"), "deal id");
    }

    #[test]
    fn the_kind_rule() {
        assert_eq!(kinds(&["日期", "业务员", "电话"]), Some(TableKind::Claims));
        assert_eq!(kinds(&["报备人", "事件"]), Some(TableKind::Claims));
        assert_eq!(kinds(&["单号", "下定日期", "电话", "金额", "成交人"]), Some(TableKind::Customers));
        assert_eq!(kinds(&["日期", "业务员", "金额"]), Some(TableKind::Customers));
        assert_eq!(kinds(&["phone", "owner", "reason"]), Some(TableKind::Rulings));
        assert_eq!(kinds(&["日期", "成交人"]), Some(TableKind::Customers));
        assert_eq!(kinds(&["foo", "bar"]), None);
        assert_eq!(kinds(&["phone", "same_as", "reason"]), Some(TableKind::Links));
        assert_eq!(kinds(&["电话", "同一客户电话"]), Some(TableKind::Links));
        assert_eq!(kinds(&["phone", "same_as", "owner"]), Some(TableKind::Rulings));
        assert_eq!(kinds(&["deal_id", "date", "phone", "same_as", "amount", "closed_by"]), Some(TableKind::Customers));
    }

    #[test]
    fn header_rows_name_two_key_columns() {
        let row = |cells: &[&str]| is_header(&row_names(&cells.iter().map(|s| s.to_string()).collect::<Vec<_>>(), &Words::default()));
        assert!(row(&["序号", "日期", "报备人"]));
        assert!(row(&["订单号", "成交金额"]));
        assert!(!row(&["2026年3月 意向客户跟踪表", "日期"]));
        assert!(!row(&["电话", "客户"]));
    }

    #[test]
    fn missing_required_columns() {
        let m = ColumnMap::new(TableKind::Customers, ["deal_id", "date", "phone"]);
        let missing: Vec<_> = m.missing().map(|c| c.name).collect();
        assert_eq!(missing, ["amount", "closed_by"]);
    }

    #[test]
    fn closest_header_text() {
        let header: Vec<String> = ["序号", "日期", "报备人员", "备注"].iter().map(|s| s.to_string()).collect();
        let names = row_names(&header, &Words::default());
        assert_eq!(closest(&CLAIM_COLUMNS[claim::REP], &header, &names), Some("报备人员"));
        assert_eq!(closest(&CUSTOMER_COLUMNS[customer::AMOUNT], &header, &names), None);
    }

    #[test]
    fn no_text_names_two_columns() {
        let mut seen = std::collections::HashSet::new();
        for n in &NAMES {
            for t in std::iter::once(n.name).chain(n.aliases.iter().copied()).chain(n.more.iter().copied()) {
                assert!(seen.insert(t), "{t} names two columns");
                assert_eq!(header_text(t), t, "{t} is not folded");
            }
        }
    }
}

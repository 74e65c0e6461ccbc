//! Fatal errors (exit status 2): what happened and the values it is about,
//! as data, worded here in both languages when printed.
//!
//! A fatal error prints as one line on standard error, `error: …`, or, when
//! it has a place in the rules file, `FILE:LINE:COL: error[rules]: …` as a
//! finding does. The label `error` and the code `rules` are the same in
//! every language (scripts and editors read them, as they read
//! `error[duplicate]`); the sentence after them is in the language chosen.
//! No library's own text reaches the user: an io error is said by what it
//! means (no such file, no permission, disk full), a broken workbook as a
//! broken workbook and what to do about it.

use std::fmt;
use std::io;
use std::path::PathBuf;

use super::Lang;
use crate::domain::columns::TableKind;
use crate::domain::period::{Period, PeriodKind};
use crate::engine::closing::Refusal;

/// Why an operating-system call failed, as a person can act on it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum IoWhy {
    NotFound,
    Denied,
    NotFolder,
    DiskFull,
    /// Something of that name is already there.
    Exists,
    /// Past the largest file the system lets this process write.
    TooLarge,
    ReadOnly,
    /// A text ledger row past the size cap (SPEC §16).
    RowTooLong { line: u64, mib: u64 },
    /// The bytes are not what the reader expects (not text, cut short).
    BadData,
    /// Symbolic links that lead back to themselves.
    LinkLoop,
    /// Anything else, by the system's error number when there is one.
    Other { code: Option<i32> },
}

impl IoWhy {
    pub fn of(e: &io::Error) -> IoWhy {
        if let Some(RowTooLong { line, mib }) = e.get_ref().and_then(|i| i.downcast_ref::<RowTooLong>()) {
            return IoWhy::RowTooLong { line: *line, mib: *mib };
        }
        match e.kind() {
            io::ErrorKind::NotFound => IoWhy::NotFound,
            io::ErrorKind::PermissionDenied => IoWhy::Denied,
            io::ErrorKind::NotADirectory => IoWhy::NotFolder,
            io::ErrorKind::StorageFull | io::ErrorKind::QuotaExceeded => IoWhy::DiskFull,
            io::ErrorKind::FileTooLarge => IoWhy::TooLarge,
            io::ErrorKind::AlreadyExists => IoWhy::Exists,
            io::ErrorKind::ReadOnlyFilesystem => IoWhy::ReadOnly,
            io::ErrorKind::InvalidData | io::ErrorKind::UnexpectedEof => IoWhy::BadData,
            _ if e.raw_os_error() == Some(libc::ELOOP) => IoWhy::LinkLoop,
            _ => IoWhy::Other { code: e.raw_os_error() },
        }
    }

    pub fn text(&self, lang: Lang) -> String {
        match (self, lang) {
            (IoWhy::NotFound, Lang::Zh) => "文件不存在，请检查路径和文件名".into(),
            (IoWhy::NotFound, Lang::En) => "no such file; check the path and the name".into(),
            (IoWhy::Denied, Lang::Zh) => "没有权限，请让电脑管理员开放权限".into(),
            (IoWhy::Denied, Lang::En) => "permission denied; ask whoever manages the computer for access".into(),
            (IoWhy::NotFolder, Lang::Zh) => "路径中有一级是文件而不是文件夹".into(),
            (IoWhy::NotFolder, Lang::En) => "a part of the path is a file, not a folder".into(),
            (IoWhy::DiskFull, Lang::Zh) => "磁盘已满，请腾出空间再试".into(),
            (IoWhy::DiskFull, Lang::En) => "the disk is full; free some space and try again".into(),
            (IoWhy::Exists, Lang::Zh) => "那里已经有同名的文件".into(),
            (IoWhy::Exists, Lang::En) => "something of that name is already there".into(),
            (IoWhy::TooLarge, Lang::Zh) => "文件超过了系统允许的大小".into(),
            (IoWhy::TooLarge, Lang::En) => "the file would pass the largest size the system allows".into(),
            (IoWhy::ReadOnly, Lang::Zh) => "磁盘只读，写不进去".into(),
            (IoWhy::ReadOnly, Lang::En) => "the disk is read-only".into(),
            (IoWhy::RowTooLong { line, mib }, Lang::Zh) => {
                format!("第 {line} 行起的一行超过 {mib} MiB，台账里没有这么长的单元格（引号没有配对，或者这不是台账？）")
            }
            (IoWhy::RowTooLong { line, mib }, Lang::En) => {
                format!("line {line}: a row longer than {mib} MiB; no ledger cell is that long (an unclosed quote, or not a ledger?)")
            }
            (IoWhy::BadData, Lang::Zh) => "内容读不出来（文件不完整或不是台账）".into(),
            (IoWhy::BadData, Lang::En) => "its content cannot be read (cut short, or not a ledger)".into(),
            (IoWhy::LinkLoop, Lang::Zh) => "链接绕成了圈（指向的链接又指回来）；把链接改成指向真正的文件".into(),
            (IoWhy::LinkLoop, Lang::En) => "the links lead back to themselves; point the link at a real file".into(),
            (IoWhy::Other { code: Some(n) }, Lang::Zh) => format!("系统拒绝了这次操作（错误号 {n}）"),
            (IoWhy::Other { code: Some(n) }, Lang::En) => format!("the system refused (error number {n})"),
            (IoWhy::Other { code: None }, Lang::Zh) => "系统拒绝了这次操作".into(),
            (IoWhy::Other { code: None }, Lang::En) => "the system refused".into(),
        }
    }
}

/// A text ledger row past the size cap, carried inside an io error from
/// the row reader to the message.
#[derive(Debug, Clone, Copy)]
pub struct RowTooLong {
    pub line: u64,
    pub mib: u64,
}

impl fmt::Display for RowTooLong {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&IoWhy::RowTooLong { line: self.line, mib: self.mib }.text(Lang::En))
    }
}

impl std::error::Error for RowTooLong {}

/// Why a workbook cannot be read: damaged, protected, or past a limit of
/// the spreadsheet budget (SPEC §16).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum WorkbookWhy {
    /// Not a workbook that opens (a broken zip or OLE file, a part missing).
    Broken,
    /// Protected by a password.
    Password,
    Unpacked { mib: u64 },
    LongText { mib: u64 },
    Strings { max: u64 },
    Cells { max: u64 },
    CellText { mib: u64 },
    XlsArea { rows: u32, columns: u32, max: u64 },
    Sheets { count: usize, max: usize },
    CellOutside { row: u64, column: u64, rows: u32, columns: u32 },
}

impl WorkbookWhy {
    fn text(&self, lang: Lang) -> String {
        match (self, lang) {
            (WorkbookWhy::Broken, Lang::Zh) => {
                "文件已损坏或不完整，读不出工作表：请用 Excel 或 WPS 打开，另存为 .xlsx 后再试".into()
            }
            (WorkbookWhy::Broken, Lang::En) => {
                "it is damaged or cut short and its sheets cannot be read; open it in Excel or WPS, save it again as .xlsx, and retry".into()
            }
            (WorkbookWhy::Password, Lang::Zh) => "文件设了密码：请去掉密码另存一份再试".into(),
            (WorkbookWhy::Password, Lang::En) => "it is protected by a password; save a copy without the password and retry".into(),
            (WorkbookWhy::Unpacked { mib }, Lang::Zh) => format!("解压后超过 {mib} MiB，leadctl 最多读这么多"),
            (WorkbookWhy::Unpacked { mib }, Lang::En) => format!("its parts unpack to more than {mib} MiB (leadctl reads at most that)"),
            (WorkbookWhy::LongText { mib }, Lang::Zh) => format!("里面有一段超过 {mib} MiB 的连续文字，没有单元格这么长"),
            (WorkbookWhy::LongText { mib }, Lang::En) => format!("it holds a text longer than {mib} MiB in one piece; no cell is that long"),
            (WorkbookWhy::Strings { max }, Lang::Zh) => format!("共享文字超过 {max} 条，leadctl 最多读这么多"),
            (WorkbookWhy::Strings { max }, Lang::En) => format!("it holds or declares more than {max} shared strings (leadctl reads at most that)"),
            (WorkbookWhy::Cells { max }, Lang::Zh) => format!("单元格超过 {max} 个，leadctl 最多读这么多"),
            (WorkbookWhy::Cells { max }, Lang::En) => format!("it holds more than {max} cells (leadctl reads at most that)"),
            (WorkbookWhy::CellText { mib }, Lang::Zh) => format!("单元格文字合计超过 {mib} MiB，leadctl 最多读这么多"),
            (WorkbookWhy::CellText { mib }, Lang::En) => format!("its cells add up to more than {mib} MiB of text (leadctl reads at most that)"),
            (WorkbookWhy::XlsArea { rows, columns, max }, Lang::Zh) => {
                format!("有一个工作表声称有 {rows} 行 × {columns} 列；.xls 最多读 {max} 个单元格（最多 65,536 行 × 256 列）")
            }
            (WorkbookWhy::XlsArea { rows, columns, max }, Lang::En) => format!(
                "a sheet claims {rows} rows × {columns} columns; leadctl reads at most {max} cells of .xls (65,536 rows × 256 columns at most)"
            ),
            (WorkbookWhy::Sheets { count, max }, Lang::Zh) => format!("有 {count} 个工作表，leadctl 最多读 {max} 个"),
            (WorkbookWhy::Sheets { count, max }, Lang::En) => format!("it has {count} sheets; leadctl reads at most {max}"),
            (WorkbookWhy::CellOutside { row, column, rows, columns }, Lang::Zh) => {
                format!("第 {row} 行第 {column} 列有单元格，超出工作表的 {rows} 行 {columns} 列：文件已损坏")
            }
            (WorkbookWhy::CellOutside { row, column, rows, columns }, Lang::En) => format!(
                "a cell lies at row {row}, column {column}, outside the {rows} rows and {columns} columns a worksheet can have; the file is damaged"
            ),
        }
    }
}

/// Why a closed-period snapshot (SPEC §14) cannot be read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SnapshotWhy {
    /// Not the JSON leadctl writes.
    NotJson,
    Version { found: u32, reads: u32 },
    Period(String),
    Amount(String),
    Kind(String),
    Deals(i64),
    Ledger(String),
    Day(String),
    Row(String),
    /// It closes another period than its name says.
    Closes(Period),
}

impl SnapshotWhy {
    fn text(&self, lang: Lang) -> String {
        match (self, lang) {
            (SnapshotWhy::NotJson, Lang::Zh) => "不是 leadctl close 写出的格式（被改过或不完整）".into(),
            (SnapshotWhy::NotJson, Lang::En) => "it is not what leadctl close writes (edited, or cut short)".into(),
            (SnapshotWhy::Version { found, reads }, Lang::Zh) => {
                format!("版本 {found} 不是这个 leadctl 读的版本 {reads}：请用写出它的那个 leadctl")
            }
            (SnapshotWhy::Version { found, reads }, Lang::En) => {
                format!("version {found} is not {reads}, the version this leadctl reads; use the leadctl that wrote it")
            }
            (SnapshotWhy::Period(s), Lang::Zh) => format!("`{s}` 不是结算期"),
            (SnapshotWhy::Period(s), Lang::En) => format!("`{s}` is not a period"),
            (SnapshotWhy::Amount(s), Lang::Zh) => format!("`{s}` 不是金额"),
            (SnapshotWhy::Amount(s), Lang::En) => format!("`{s}` is not an amount"),
            (SnapshotWhy::Kind(s), Lang::Zh) => format!("`{s}` 不是行的种类（earned、adjustment）"),
            (SnapshotWhy::Kind(s), Lang::En) => format!("`{s}` is not a kind (earned, adjustment)"),
            (SnapshotWhy::Deals(n), Lang::Zh) => format!("{n} 不是成交单数"),
            (SnapshotWhy::Deals(n), Lang::En) => format!("{n} deals is not a count of deals"),
            (SnapshotWhy::Ledger(s), Lang::Zh) => format!("`{s}` 不是台账"),
            (SnapshotWhy::Ledger(s), Lang::En) => format!("`{s}` is not a ledger"),
            (SnapshotWhy::Day(s), Lang::Zh) => format!("`{s}` 不是日期"),
            (SnapshotWhy::Day(s), Lang::En) => format!("`{s}` is not a day"),
            (SnapshotWhy::Row(s), Lang::Zh) => format!("`{s}` 不是一行的记录（行号 哈希 [键]）"),
            (SnapshotWhy::Row(s), Lang::En) => format!("`{s}` is not a row (LINE HASH [KEY])"),
            (SnapshotWhy::Closes(p), Lang::Zh) => format!("里面结的是 {p}，和文件名说的结算期不一样"),
            (SnapshotWhy::Closes(p), Lang::En) => format!("it closes {p}, not the period its name says"),
        }
    }
}

/// A problem in a rules file (SPEC §10), without its place.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RulesWhy {
    /// Text that is not TOML at all.
    Syntax,
    /// A key rules.toml does not have; `expected` the keys allowed there.
    UnknownKey { key: String, expected: Vec<String> },
    /// A word that is not one of the values allowed.
    UnknownValue { value: String, expected: Vec<String> },
    /// A value of the wrong type (`found`, `expected` as serde names them).
    WrongType { found: String, expected: String },
    MissingKey { key: String },
    DuplicateKey,
    NotLang { value: String },
    NotTimezone { value: String },
    /// `built_in`: the other list is the built-in one (rules.toml does not
    /// write it), here without the word.
    StatusInBoth { word: String, other_key: &'static str, built_in: Option<Box<[String]>> },
    NotColumn { value: String, known: Vec<String> },
    EmptyHeader,
    SameHeader { other: String },
    NotEvent { value: String },
    EmptyEventWord,
    EventTaken { word: String, event: String },
    NotField { value: String, known: Vec<String> },
    FirstTier { from: String },
    TiersRise { from: String, prev: String },
    NoTiers,
    TooManyTiers { count: usize, max: usize },
    RepNoName,
    RepTwice { name: String },
    UnknownChannel { value: String, known: Vec<String> },
    Days { value: i64, max: i64 },
    NotNumber { found: String },
    NotFinite,
    Rate { value: String },
    Money { value: String },
}

fn ticked(list: &[String], lang: Lang) -> String {
    let ticked: Vec<String> = list.iter().map(|k| format!("`{k}`")).collect();
    joined(&ticked, lang)
}

/// A list as the language writes one: `a、b` or `a, b`.
fn joined(list: &[String], lang: Lang) -> String {
    match lang {
        Lang::Zh => list.join("、"),
        Lang::En => list.join(", "),
    }
}

/// A TOML type as a person writes it, with an example when `example`.
fn toml_type(serde_name: &str, lang: Lang, example: bool) -> String {
    let name = serde_name.strip_prefix("a ").or_else(|| serde_name.strip_prefix("an ")).unwrap_or(serde_name);
    let word = name.split_whitespace().next().unwrap_or("");
    let (zh, en, zh_ex, en_ex) = match word {
        "integer" | "i64" | "i32" | "u32" | "u64" | "usize" => ("整数", "a whole number", "，如 10", ", like 10"),
        "float" | "floating" | "f64" | "decimal" => ("小数", "a number", "，如 0.02", ", like 0.02"),
        "datetime" | "date" | "time" => ("日期", "a date", "", ""),
        "string" | "char" => ("文字", "text", "（加英文双引号，如 \"张伟\"）", " in double quotes, like \"张伟\""),
        "boolean" | "bool" => ("true 或 false", "true or false", "", ""),
        "sequence" | "array" => ("列表", "a list", "（方括号，如 [\"a\", \"b\"]）", " in brackets, like [\"a\", \"b\"]"),
        "map" | "struct" | "table" => ("表", "a table", "（[小节] 或 { 键 = 值 }）", " ([section] or { key = value })"),
        // Anything else serde names: its words are English, so Chinese
        // says only that the kind is wrong.
        _ => match lang {
            Lang::Zh => return "别的类型的值".to_string(),
            Lang::En => return serde_name.to_string(),
        },
    };
    match (lang, example) {
        (Lang::Zh, true) => format!("{zh}{zh_ex}"),
        (Lang::Zh, false) => zh.to_string(),
        (Lang::En, true) => format!("{en}{en_ex}"),
        (Lang::En, false) => en.to_string(),
    }
}

impl RulesWhy {
    /// The sentence, in `lang`.
    pub fn text(&self, lang: Lang) -> String {
        use RulesWhy as R;
        match (self, lang) {
            (R::Syntax, Lang::Zh) => "这一行不是有效的 TOML：写成 键 = 值，文字加英文双引号，小节写成 [名称]".into(),
            (R::Syntax, Lang::En) => "this line is not valid TOML: write key = value, text in double quotes, sections as [name]".into(),
            (R::UnknownKey { key, expected }, Lang::Zh) if expected.is_empty() => format!("没有 `{key}` 这个键，删掉它"),
            (R::UnknownKey { key, expected }, Lang::En) if expected.is_empty() => format!("there is no key `{key}`; remove it"),
            (R::UnknownKey { key, expected }, Lang::Zh) => format!("没有 `{key}` 这个键（拼错了？）；这里可写：{}", ticked(expected, lang)),
            (R::UnknownKey { key, expected }, Lang::En) => format!("there is no key `{key}` (a typo?); keys here: {}", ticked(expected, lang)),
            (R::UnknownValue { value, expected }, Lang::Zh) => format!("`{value}` 不是可选的值；请写 {} 之一", ticked(expected, lang)),
            (R::UnknownValue { value, expected }, Lang::En) => format!("`{value}` is not a value this key takes; write one of {}", ticked(expected, lang)),
            (R::WrongType { found, expected }, Lang::Zh) => {
                format!("这里写的是{}；请写{}", toml_type(found, lang, false), toml_type(expected, lang, true))
            }
            (R::WrongType { found, expected }, Lang::En) => {
                format!("this is {}; write {}", toml_type(found, lang, false), toml_type(expected, lang, true))
            }
            (R::MissingKey { key }, Lang::Zh) => format!("缺少 `{key}`，请补上"),
            (R::MissingKey { key }, Lang::En) => format!("`{key}` is missing; add it"),
            (R::DuplicateKey, Lang::Zh) => "这个键写了两次，只留一个".into(),
            (R::DuplicateKey, Lang::En) => "this key is written twice; keep one".into(),
            (R::NotLang { value }, Lang::Zh) => format!("`{value}` 不是可用的语言，请写 \"zh\" 或 \"en\""),
            (R::NotLang { value }, Lang::En) => format!("`{value}` is not a language; write \"zh\" or \"en\""),
            (R::NotTimezone { value }, Lang::Zh) => {
                format!("`{value}` 不是时区；请写 IANA 时区名，如 \"Asia/Shanghai\" 或 \"Asia/Hong_Kong\"")
            }
            (R::NotTimezone { value }, Lang::En) => {
                format!("`{value}` is not a time zone; write an IANA time zone name such as \"Asia/Shanghai\" or \"Asia/Hong_Kong\"")
            }
            (R::StatusInBoth { word, other_key, built_in: None }, Lang::Zh) => {
                format!("`{word}` 也写在 deals.{other_key} 里；一个状态词只能有一个意思，删掉一处")
            }
            (R::StatusInBoth { word, other_key, built_in: None }, Lang::En) => {
                format!("`{word}` is also in deals.{other_key}; a status word means one thing: remove one")
            }
            (R::StatusInBoth { word, other_key, built_in: Some(rest) }, Lang::Zh) => format!(
                "`{word}` 也在内置的 {other_key} 里（rules.toml 没写 {other_key}，就用内置的词）；一个状态词只能有一个意思：\
                 要么从这里删掉 `{word}`，要么在 [deals] 下写上不带它的 {other_key} = {}",
                super::findings::toml_list(rest, None)
            ),
            (R::StatusInBoth { word, other_key, built_in: Some(rest) }, Lang::En) => format!(
                "`{word}` is also in the built-in {other_key} (rules.toml writes no {other_key}); a status word means one thing: \
                 remove it here, or write {other_key} without it under [deals]: {other_key} = {}",
                super::findings::toml_list(rest, None)
            ),
            (R::NotColumn { value, known }, Lang::Zh) => format!("`{value}` 不是列名；请写其中之一：{}", joined(known, lang)),
            (R::NotColumn { value, known }, Lang::En) => format!("`{value}` is not a column name; write one of {}", joined(known, lang)),
            (R::EmptyHeader, Lang::Zh) => "表头文字不能为空".into(),
            (R::EmptyHeader, Lang::En) => "a header text cannot be empty".into(),
            (R::SameHeader { other }, Lang::Zh) => format!("和另一个指向 `{other}` 的表头文字读起来一样；只留一个"),
            (R::SameHeader { other }, Lang::En) => format!("reads as the same header text as another key naming `{other}`; keep one"),
            (R::NotEvent { value }, Lang::Zh) => format!("`{value}` 不是事件；请写 claim、follow_up 或 visit"),
            (R::NotEvent { value }, Lang::En) => format!("`{value}` is not an event; write claim, follow_up or visit"),
            (R::EmptyEventWord, Lang::Zh) => "事件词不能为空".into(),
            (R::EmptyEventWord, Lang::En) => "an event word cannot be empty".into(),
            (R::EventTaken { word, event }, Lang::Zh) => format!("`{word}` 已经表示 {event}；一个词只能表示一种事件"),
            (R::EventTaken { word, event }, Lang::En) => format!("`{word}` already means {event}; a word can name one event only"),
            (R::NotField { value, known }, Lang::Zh) => format!("`{value}` 不是报备台账的字段；请写其中之一：{}", joined(known, lang)),
            (R::NotField { value, known }, Lang::En) => format!("`{value}` is not a claim-ledger field; write one of {}", joined(known, lang)),
            (R::FirstTier { from }, Lang::Zh) => format!("第一档必须从 0 开始，这里是 {from}"),
            (R::FirstTier { from }, Lang::En) => format!("the first tier must start at 0, not {from}"),
            (R::TiersRise { from, prev }, Lang::Zh) => format!("阶梯要从低到高：`from = {from}` 没有高于上一档的 {prev}"),
            (R::TiersRise { from, prev }, Lang::En) => format!("tiers must rise: `from = {from}` does not come after {prev}"),
            (R::NoTiers, Lang::Zh) => "至少要有一档，如 [{ from = 0, rate = 0.02 }]".into(),
            (R::NoTiers, Lang::En) => "needs at least one tier, e.g. [{ from = 0, rate = 0.02 }]".into(),
            (R::TooManyTiers { count, max }, Lang::Zh) => format!("写了 {count} 档，最多 {max} 档：提成比例相同的档请合并"),
            (R::TooManyTiers { count, max }, Lang::En) => format!("{count} tiers; at most {max} are allowed: merge tiers that share a rate"),
            (R::RepNoName, Lang::Zh) => "业务员要有名字".into(),
            (R::RepNoName, Lang::En) => "a rep needs a name".into(),
            (R::RepTwice { name }, Lang::Zh) => format!("`{name}` 在名单里出现了两次；只留一个"),
            (R::RepTwice { name }, Lang::En) => format!("`{name}` is in the roster twice; keep one"),
            (R::UnknownChannel { value, known }, Lang::Zh) => {
                format!("没有 `{value}` 这个渠道；请写其中之一：{}，或先在 [channels.{value}] 下定义它", joined(known, lang))
            }
            (R::UnknownChannel { value, known }, Lang::En) => {
                format!("unknown channel `{value}`; write one of {}, or define it under [channels.{value}]", joined(known, lang))
            }
            (R::Days { value, max }, Lang::Zh) => format!("{value} 超出范围；请写 0 到 {max} 的整数"),
            (R::Days { value, max }, Lang::En) => format!("{value} is out of range; write a whole number from 0 to {max}"),
            (R::NotNumber { found }, Lang::Zh) => format!("这里写的是{}；请写数字，如 0.02", toml_type(found, lang, false)),
            (R::NotNumber { found }, Lang::En) => format!("this is {}; write a number, like 0.02", toml_type(found, lang, false)),
            (R::NotFinite, Lang::Zh) => "要写一个普通的小数，如 0.02".into(),
            (R::NotFinite, Lang::En) => "expected a plain decimal number, like 0.02".into(),
            (R::Rate { value }, Lang::Zh) => format!("{value} 超出范围；比例写 0 到 1 之间（0.03 就是 3%）"),
            (R::Rate { value }, Lang::En) => format!("{value} is out of range; a rate is from 0 to 1 (0.03 is 3%)"),
            (R::Money { value }, Lang::Zh) => format!("{value} 超出范围；金额不能小于 0"),
            (R::Money { value }, Lang::En) => format!("{value} is out of range; an amount is at least 0"),
        }
    }

    /// What a TOML parser said, as data: serde's unknown field, unknown
    /// variant, invalid type and missing field; any other text is a syntax
    /// error (its own words are not shown).
    pub fn of_parser(message: &str) -> RulesWhy {
        let first = message.lines().next().unwrap_or("").trim();
        let quoted = |s: &str| -> Vec<String> { s.split('`').skip(1).step_by(2).map(str::to_string).collect() };
        if let Some(rest) = first.strip_prefix("unknown field ") {
            let names = quoted(rest);
            if let Some((key, expected)) = names.split_first() {
                return RulesWhy::UnknownKey { key: key.clone(), expected: expected.to_vec() };
            }
        }
        if let Some(rest) = first.strip_prefix("unknown variant ") {
            let names = quoted(rest);
            if let Some((value, expected)) = names.split_first() {
                return RulesWhy::UnknownValue { value: value.clone(), expected: expected.to_vec() };
            }
        }
        for prefix in ["invalid type: ", "invalid value: "] {
            if let Some(rest) = first.strip_prefix(prefix)
                && let Some((found, expected)) = rest.split_once(", expected ")
            {
                return RulesWhy::WrongType { found: found.to_string(), expected: expected.to_string() };
            }
        }
        if let Some(rest) = first.strip_prefix("missing field ")
            && let Some(key) = quoted(rest).into_iter().next()
        {
            return RulesWhy::MissingKey { key };
        }
        if first.starts_with("duplicate key") {
            return RulesWhy::DuplicateKey;
        }
        RulesWhy::Syntax
    }
}

/// Why a value on the command line does not read (a flag's value parser).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ArgWhy {
    Day,
    Period,
    /// A period to close, or to state or report on: a quarter or a month.
    CommissionPeriod,
    Encoding { choices: String },
    Lang,
    /// A thread count: 1 or more.
    Threads,
}

impl ArgWhy {
    pub fn text(&self, lang: Lang) -> String {
        match (self, lang) {
            (ArgWhy::Day, Lang::Zh) => "请写成 2026-03-05 这样的日期（也可写 2026/3/5 或 2026年3月5日）".into(),
            (ArgWhy::Day, Lang::En) => "write a day like 2026-03-05 (or 2026/3/5, 2026年3月5日)".into(),
            (ArgWhy::Period, Lang::Zh) => "请写季度如 2026Q1、月份如 2026-03，或年份如 2026".into(),
            (ArgWhy::Period, Lang::En) => "write a quarter like 2026Q1, a month like 2026-03, or a year like 2026".into(),
            (ArgWhy::CommissionPeriod, Lang::Zh) => "请写季度如 2026Q1，或月份如 2026-03".into(),
            (ArgWhy::CommissionPeriod, Lang::En) => "write a quarter like 2026Q1 or a month like 2026-03".into(),
            (ArgWhy::Encoding { choices }, Lang::Zh) => format!("请写其中之一：{}", super::help::zh_list(choices)),
            (ArgWhy::Encoding { choices }, Lang::En) => format!("write one of {choices}"),
            (ArgWhy::Threads, Lang::Zh) => "请写 1 或更大的整数".into(),
            (ArgWhy::Threads, Lang::En) => "write a whole number of 1 or more".into(),
            // The language is not known yet: said in both.
            (ArgWhy::Lang, Lang::Zh) => "请写 zh 或 en".into(),
            (ArgWhy::Lang, Lang::En) => "write zh or en".into(),
        }
    }
}

impl fmt::Display for ArgWhy {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.text(Lang::En))
    }
}

impl std::error::Error for ArgWhy {}

/// An error in a rules file: where, which key, and what is wrong.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RulesError {
    pub line: usize,
    pub column: usize,
    /// The dotted key, when known (`commission.tiers`).
    pub key: Option<String>,
    pub why: RulesWhy,
}

impl RulesError {
    /// `FILE:LINE:COL: error[rules]: key `K`: …` in `lang`.
    pub fn text(&self, file: &str, lang: Lang) -> String {
        let key = match (&self.key, lang) {
            (None, _) => String::new(),
            (Some(k), Lang::Zh) => format!("键 `{k}`："),
            (Some(k), Lang::En) => format!("key `{k}`: "),
        };
        format!("{file}:{}:{}: error[rules]: {key}{}", self.line, self.column, self.why.text(lang))
    }
}

/// Everything that stops a run (exit status 2), as data.
#[derive(Debug)]
pub enum Fatal {
    // The rules file.
    NoRulesFile { path: PathBuf },
    NoRulesFound,
    /// `--rules` names a folder.
    RulesDirectory { file: String },
    /// The rules file is not UTF-8 text (saved as GBK or UTF-16).
    RulesNotUtf8 { file: String },
    RulesTooLarge { file: String, bytes: u64, limit: u64 },
    Rules { file: String, error: Box<RulesError> },
    /// The rules stored in a closed period's snapshot no longer read.
    StoredRules { snapshot: String, error: Box<RulesError> },
    /// No statement or overview for what `--period`/`--rep`/`--as-of` name.
    NoStatement(crate::engine::statement::NoStatement),
    // Inputs.
    Open { file: String, source: io::Error },
    Directory { file: String },
    Read { file: String, source: io::Error },
    Workbook { file: String, why: WorkbookWhy },
    NoSuchSheet { file: String, wanted: String, sheets: String },
    Snapshot { file: String, why: SnapshotWhy },
    Stdin { source: io::Error },
    OneStdin,
    /// No file of this kind given or named under [ledgers].
    NoLedger { ledger: TableKind, rules: PathBuf },
    NothingToCheck { rules: PathBuf },
    BadToday { var: &'static str, value: String },
    /// Rows that cannot be read: nothing was decided.
    Stopped { errors: u64 },
    // What a command was asked.
    NotCommissionPeriod { period: Period, kind: PeriodKind },
    CloseRefused { period: Period, refusal: Refusal },
    NotClosedUnbalanced { period: Period },
    Unbalanced,
    PeriodTooShort { period: Period, kind: PeriodKind },
    StdoutNeedsFormat,
    XlsxNeedsOut,
    // Where results go.
    StdoutIsInput,
    OutNeedsName { dir: PathBuf },
    OutIsInput { path: PathBuf },
    OutIsFolder { path: PathBuf, format: &'static str },
    OutIsFile { path: PathBuf },
    OutForeignLink { dir: PathBuf, target: PathBuf },
    OutNotOurs { dir: PathBuf, entry: String },
    OutHoldsInput { dir: PathBuf },
    OutOverwritesInput { out: PathBuf, input: String },
    Locked { dir: PathBuf, lock: PathBuf, holder: String, waited: u64 },
    CreateFolder { dir: PathBuf, source: io::Error },
    OpenLock { lock: PathBuf, source: io::Error },
    Write { file: String, source: io::Error },
    /// An output folder that cannot be looked into.
    OutUnreadable { dir: PathBuf, source: io::Error },
}

impl Fatal {
    /// The whole line, in `lang`, with its label (`error:` or
    /// `FILE:LINE:COL: error[rules]:`; `error` painted when `color`).
    pub fn line(&self, lang: Lang, color: bool) -> String {
        let paint = |s: &str| crate::ui::paint(s, crate::ui::ERROR, color);
        match self {
            Fatal::Rules { file, error } => {
                let text = super::escaped(&error.text(file, lang)).into_owned();
                text.replacen("error[rules]", &paint("error[rules]"), 1)
            }
            _ => format!("{}: {}", paint("error"), super::escaped(&self.text(lang))),
        }
    }

    /// The sentence, in `lang`, without a label.
    pub fn text(&self, lang: Lang) -> String {
        use Fatal as F;
        let zh = lang == Lang::Zh;
        match self {
            F::NoRulesFile { path } => match lang {
                Lang::Zh => format!("找不到规则文件 {}：请检查 --rules 后面的路径，或运行 `leadctl init` 新建一个", path.display()),
                Lang::En => format!("{}: no such rules file; check the path after --rules, or run `leadctl init` to start one", path.display()),
            },
            F::NoRulesFound => match lang {
                Lang::Zh => "本文件夹和上级文件夹里都没有 rules.toml：请用 --rules 路径 指定，或运行 `leadctl init` 新建一个".into(),
                Lang::En => "no rules.toml here or in any parent folder; give --rules PATH, or run `leadctl init` to start one".into(),
            },
            F::RulesTooLarge { file, bytes, limit } => match lang {
                Lang::Zh => format!("{file}：有 {bytes} 字节，规则文件最多 {limit} 字节；这不像规则文件，请检查 --rules"),
                Lang::En => format!("{file}: {bytes} bytes is too large for a rules file (at most {limit}); check --rules"),
            },
            F::Rules { file, error } => error.text(file, lang),
            F::StoredRules { snapshot, error } => {
                let why = error.why.text(lang);
                match (lang, &error.key) {
                    (Lang::Zh, Some(key)) => format!("{snapshot}：快照里存的规则读不出来了：第 {} 行，键 `{key}`：{why}", error.line),
                    (Lang::Zh, None) => format!("{snapshot}：快照里存的规则读不出来了：第 {} 行：{why}", error.line),
                    (Lang::En, Some(key)) => format!("{snapshot}: the rules stored in this snapshot no longer read: line {}, key `{key}`: {why}", error.line),
                    (Lang::En, None) => format!("{snapshot}: the rules stored in this snapshot no longer read: line {}: {why}", error.line),
                }
            }
            F::Open { file, source } => match lang {
                Lang::Zh => format!("{file}：打不开：{}", IoWhy::of(source).text(lang)),
                Lang::En => format!("{file}: cannot open: {}", IoWhy::of(source).text(lang)),
            },
            F::RulesDirectory { file } => match lang {
                Lang::Zh => format!("{file}：这是文件夹，不是文件；请给出 rules.toml 规则文件的路径"),
                Lang::En => format!("{file}: is a folder, not a file; give the path of the rules file (rules.toml)"),
            },
            F::RulesNotUtf8 { file } => match lang {
                Lang::Zh => format!("{file}：规则文件不是 UTF-8 文本；请用记事本或 WPS 另存为 UTF-8 编码"),
                Lang::En => format!("{file}: the rules file is not UTF-8 text; save it as UTF-8 (Notepad: Save as, Encoding UTF-8)"),
            },
            F::Directory { file } => match lang {
                Lang::Zh => format!("{file}：这是文件夹，不是文件；请给出台账文件的路径"),
                Lang::En => format!("{file}: is a folder, not a file; give the path of the ledger file"),
            },
            F::Read { file, source } => match lang {
                Lang::Zh => format!("{file}：读不下去：{}", IoWhy::of(source).text(lang)),
                Lang::En => format!("{file}: cannot read: {}", IoWhy::of(source).text(lang)),
            },
            F::Workbook { file, why } => match lang {
                Lang::Zh => format!("{file}：这个表格读不了：{}", why.text(lang)),
                Lang::En => format!("{file}: cannot read this workbook: {}", why.text(lang)),
            },
            F::NoSuchSheet { file, wanted, sheets } => match lang {
                Lang::Zh => format!("{file}：没有名为 {wanted} 的工作表；它的工作表有：{sheets}"),
                Lang::En => format!("{file}: no sheet named {wanted}; its sheets are: {sheets}"),
            },
            F::Snapshot { file, why } => match lang {
                Lang::Zh => format!("{file}：这个已结账期间的快照读不出来：{}；快照只由 leadctl close 写出，请从备份恢复", why.text(lang)),
                Lang::En => format!("{file}: cannot read this closed-period snapshot: {}; only leadctl close writes snapshots: restore it from a backup", why.text(lang)),
            },
            F::Stdin { source } => match lang {
                Lang::Zh => format!("读不了标准输入：{}", IoWhy::of(source).text(lang)),
                Lang::En => format!("cannot read standard input: {}", IoWhy::of(source).text(lang)),
            },
            F::OneStdin => match lang {
                Lang::Zh => "只能有一个输入写成 `-`（标准输入）".into(),
                Lang::En => "only one input can be `-` (standard input)".into(),
            },
            F::NoLedger { ledger, rules } => {
                let (what, key) = (super::kind_name(*ledger, lang), ledger.flag().trim_start_matches('-'));
                match lang {
                    Lang::Zh => format!("没有{what}：请用 --{key} 路径 指定，或在 {} 的 [ledgers] 下写 `{key}`", rules.display()),
                    Lang::En => format!("no {what}: give --{key} PATH or set `{key}` under [ledgers] in {}", rules.display()),
                }
            }
            F::NothingToCheck { rules } => match lang {
                Lang::Zh => format!("没有要检查的文件：请给出文件，或在 {} 的 [ledgers] 下写明台账", rules.display()),
                Lang::En => format!("nothing to check: give FILE..., or name the ledgers under [ledgers] in {}", rules.display()),
            },
            F::BadToday { var, value } => match lang {
                Lang::Zh => format!("{var}=`{value}`：请写成 YYYY-MM-DD 这样的日期，或者不设这个变量"),
                Lang::En => format!("{var}=`{value}`: write a day as YYYY-MM-DD, or unset the variable"),
            },
            F::Stopped { errors } => match lang {
                Lang::Zh => format!("台账里有{errors}个错误，什么都没有裁定（请先改正；`leadctl check` 会列出每个问题）"),
                Lang::En => {
                    let (s, them) = if *errors == 1 { ("", "it") } else { ("s", "them") };
                    format!("the ledgers have {errors} error{s}; nothing was decided (fix {them}; `leadctl check` lists every problem)")
                }
            },
            F::NotCommissionPeriod { period, kind } => {
                let example = if *kind == PeriodKind::Month { "2026-03" } else { "2026Q1" };
                match lang {
                    Lang::Zh => format!("{period} 不是一个结算期：commission.period = \"{}\"；请按 {example} 这样的结算期结账", kind.as_str()),
                    Lang::En => format!("{period} is not a commission period: commission.period = \"{}\"; close one like {example}", kind.as_str()),
                }
            }
            F::CloseRefused { period, refusal } => refusal_text(*period, refusal, lang),
            F::NotClosedUnbalanced { period } => match lang {
                Lang::Zh => format!("{period} 没有结账：对账不平，快照也不会平；什么都没写"),
                Lang::En => format!("{period} not closed: the reconciliation does not balance, so its snapshot would not either; nothing was written"),
            },
            F::NoStatement(why) => super::statements::no_statement(lang, why),
            F::Unbalanced => match lang {
                Lang::Zh => "对账不平：有一行或一笔金额丢了；什么都没写".into(),
                Lang::En => "reconciliation failed: a row or an amount was lost; nothing was written".into(),
            },
            F::PeriodTooShort { period, kind } => match lang {
                Lang::Zh => format!("--period {period} 比 commission.period = \"{0}\" 短；请给完整的{1}或一整年", kind.as_str(), if *kind == PeriodKind::Month { "月" } else { "季度" }),
                Lang::En => format!("--period {period} is shorter than commission.period = \"{0}\"; give a whole {0} or a year", kind.as_str()),
            },
            F::StdoutNeedsFormat => match lang {
                Lang::Zh => "--out - 是写到标准输出；请加 --format csv 或 --format json".into(),
                Lang::En => "--out - streams to standard output; give --format csv or --format json".into(),
            },
            F::XlsxNeedsOut => match lang {
                Lang::Zh => "--format xlsx 只能写进文件：请加 --out 文件名.xlsx".into(),
                Lang::En => "--format xlsx needs --out FILE.xlsx".into(),
            },
            F::StdoutIsInput => match lang {
                Lang::Zh => "标准输出就是输入文件之一，写进去会毁掉它：请重定向到别的文件".into(),
                Lang::En => "standard output is one of the input files; writing the report there would destroy it: redirect to another file".into(),
            },
            F::OutNeedsName { dir } => match lang {
                Lang::Zh => format!("--out {}：请给文件夹起个名字，如 --out out/2026-03", dir.display()),
                Lang::En => format!("--out {}: give the folder a name, like --out out/2026-03", dir.display()),
            },
            F::OutIsInput { path } => match lang {
                Lang::Zh => format!("{} 是这次的输入文件（台账或 rules.toml）；请写到别的文件", path.display()),
                Lang::En => format!("{} is an input of this run (a ledger or rules.toml); choose another file", path.display()),
            },
            F::OutIsFolder { path, format } => match lang {
                Lang::Zh => format!("--out {} 是文件夹；--format {format} 只写一个文件，如 report.{format}", path.display()),
                Lang::En => format!("--out {} is a folder; --format {format} writes one file, like report.{format}", path.display()),
            },
            F::OutIsFile { path } => match lang {
                Lang::Zh => format!(
                    "--out {} 是文件，不是文件夹；--out 要的是放 deals.csv、claims.csv、commissions.csv 的文件夹（只写一个文件请加 --format csv、json 或 xlsx）",
                    path.display()
                ),
                Lang::En => format!(
                    "--out {} is a file, not a folder; --out takes a folder for deals.csv, claims.csv and commissions.csv (or give --format csv, json or xlsx to write one file)",
                    path.display()
                ),
            },
            F::OutForeignLink { dir, target } => match lang {
                Lang::Zh => format!("--out {} 是指向 {} 的链接，不是 leadctl 建的；请删掉链接或换个文件夹", dir.display(), target.display()),
                Lang::En => format!("--out {} is a link to {}, which leadctl did not make; remove the link or choose another folder", dir.display(), target.display()),
            },
            F::OutNotOurs { dir, entry } => match lang {
                Lang::Zh => format!("--out {} 文件夹里有 `{entry}`，不是 leadctl 写的；leadctl 只替换自己的结果文件夹：请换一个新的或空的文件夹", dir.display()),
                Lang::En => format!(
                    "--out {} is a folder holding `{entry}`, which leadctl does not write; leadctl only replaces a folder of its own results: choose a new or empty folder",
                    dir.display()
                ),
            },
            F::OutHoldsInput { dir } => match lang {
                Lang::Zh => format!("--out {} 里有这次的输入文件，替换它会毁掉输入：请换个文件夹", dir.display()),
                Lang::En => format!("--out {} holds an input of this run; replacing it would destroy the input: choose another folder", dir.display()),
            },
            F::OutOverwritesInput { out, input } => match lang {
                Lang::Zh => format!("--out {} 会覆盖输入文件 {input}；请写到另一个文件，再把要保留的行抄过去", out.display()),
                Lang::En => format!("--out {} would overwrite the input {input}; write the pairs to another file and copy the rows you keep", out.display()),
            },
            F::Locked { dir, lock, holder, waited } => {
                let who = match (holder.is_empty(), zh) {
                    (true, true) => "另一个 leadctl".to_string(),
                    (false, true) => format!("另一个 leadctl（进程 {holder}）"),
                    (true, false) => "another leadctl run".to_string(),
                    (false, false) => format!("another leadctl run (process {holder})"),
                };
                match lang {
                    Lang::Zh => {
                        let waited = if *waited == 0 { String::new() } else { format!("，已等了 {waited} 秒") };
                        format!("--out {}：{who}正在写（占着 {}）{waited}；什么都没替换。等它结束再试，或加 --wait 秒数", dir.display(), lock.display())
                    }
                    Lang::En => {
                        let waited = if *waited == 0 { String::new() } else { format!(" after waiting {waited} s") };
                        format!(
                            "--out {}: {who} is writing it (it holds {}){waited}; nothing was replaced. Try again when it ends, or give --wait SECS",
                            dir.display(),
                            lock.display()
                        )
                    }
                }
            }
            F::CreateFolder { dir, source } => match lang {
                Lang::Zh => format!("{}：建不了文件夹：{}", dir.display(), IoWhy::of(source).text(lang)),
                Lang::En => format!("{}: cannot create the folder: {}", dir.display(), IoWhy::of(source).text(lang)),
            },
            F::OpenLock { lock, source } => match lang {
                Lang::Zh => format!("{}：锁文件打不开：{}", lock.display(), IoWhy::of(source).text(lang)),
                Lang::En => format!("{}: cannot open the lock: {}", lock.display(), IoWhy::of(source).text(lang)),
            },
            F::Write { file, source } => match lang {
                Lang::Zh => format!("{file}：写不进去：{}", IoWhy::of(source).text(lang)),
                Lang::En => format!("{file}: cannot write: {}", IoWhy::of(source).text(lang)),
            },
            F::OutUnreadable { dir, source } => match lang {
                Lang::Zh => format!("--out {}：看不了这个文件夹：{}", dir.display(), IoWhy::of(source).text(lang)),
                Lang::En => format!("--out {}: cannot look into it: {}", dir.display(), IoWhy::of(source).text(lang)),
            },
        }
    }
}

/// Why `close` refuses a period (SPEC §14).
fn refusal_text(period: Period, r: &Refusal, lang: Lang) -> String {
    match (r, lang) {
        (Refusal::AlreadyClosed { file }, Lang::Zh) => format!("{period} 已经结账：{file}；快照不会重写"),
        (Refusal::AlreadyClosed { file }, Lang::En) => format!("{period} is already closed: {file}; a snapshot is never rewritten"),
        (Refusal::NotEnded { last_day, as_of: Some(as_of) }, Lang::Zh) => {
            format!("{period} 到 {last_day} 才结束，晚于截止日 {as_of}；结算期结束后才能结账（加 --as-of {last_day} 或更晚）")
        }
        (Refusal::NotEnded { last_day, as_of: Some(as_of) }, Lang::En) => format!(
            "{period} ends on {last_day}, after the as-of day {as_of}; close a period once it has ended (give --as-of {last_day} or later)"
        ),
        (Refusal::NotEnded { last_day, as_of: None }, Lang::Zh) => format!("{period} 到 {last_day} 结束，台账里一行都没有；没有可结的"),
        (Refusal::NotEnded { last_day, as_of: None }, Lang::En) => format!("{period} ends on {last_day}, and the ledgers have no row; nothing to close"),
        (Refusal::BeforeClosed { latest }, Lang::Zh) => {
            format!("{period} 在已结账的 {latest} 之前；结账要按顺序来，{period} 的提成每次按当时的台账重算，不会冻结")
        }
        (Refusal::BeforeClosed { latest }, Lang::En) => {
            format!("{period} comes before {latest}, which is already closed; periods close in order, so {period}'s commission is recomputed on every run and never frozen")
        }
        (Refusal::PreviousOpen { previous }, Lang::Zh) => format!("{previous} 还没结账；结账要按顺序：先结 {previous}"),
        (Refusal::PreviousOpen { previous }, Lang::En) => format!("{previous} is still open; periods close in order: close {previous} first"),
    }
}

impl fmt::Display for Fatal {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.text(Lang::En))
    }
}

impl std::error::Error for Fatal {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            Fatal::Open { source, .. } | Fatal::Read { source, .. } | Fatal::Write { source, .. } | Fatal::Stdin { source } => Some(source),
            _ => None,
        }
    }
}

/// Any other error that stops a run (an io error writing output, most
/// often): said by what it means, in `lang`.
pub fn other(e: &anyhow::Error, lang: Lang) -> String {
    if let Some(io) = e.chain().find_map(|c| c.downcast_ref::<io::Error>()) {
        let why = IoWhy::of(io).text(lang);
        // What was being done, when a caller said (`writing FILE`).
        return match (lang, e.downcast_ref::<Doing>()) {
            (Lang::Zh, Some(doing)) => format!("{}：{why}", doing.text(lang)),
            (Lang::En, Some(doing)) => format!("{}: {why}", doing.text(lang)),
            (Lang::Zh, None) => format!("没能完成：{why}"),
            (Lang::En, None) => format!("could not finish: {why}"),
        };
    }
    e.to_string()
}

/// What a command was doing when an io error stopped it: the context an
/// error is given, worded with it.
#[derive(Debug, Clone)]
pub enum Doing {
    /// Writing a file or an output set; `nothing_replaced`: the previous
    /// results are still there.
    Writing { file: PathBuf, nothing_replaced: bool },
    Reading { file: String },
}

impl Doing {
    pub fn text(&self, lang: Lang) -> String {
        match (self, lang) {
            (Doing::Writing { file, nothing_replaced: true }, Lang::Zh) => format!("写 {} 时出错（原有结果没动）", file.display()),
            (Doing::Writing { file, nothing_replaced: true }, Lang::En) => format!("writing {} (nothing was replaced)", file.display()),
            (Doing::Writing { file, nothing_replaced: false }, Lang::Zh) => format!("写 {} 时出错", file.display()),
            (Doing::Writing { file, nothing_replaced: false }, Lang::En) => format!("writing {}", file.display()),
            (Doing::Reading { file }, Lang::Zh) => format!("{file}：读不下去"),
            (Doing::Reading { file }, Lang::En) => format!("{file}: cannot read"),
        }
    }
}

impl fmt::Display for Doing {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.text(Lang::En))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_parser_message_becomes_data_and_its_words_are_not_shown() {
        let why = RulesWhy::of_parser("unknown field `lapse_after_day`, expected one of `required`, `lapse_after_days`");
        assert_eq!(why, RulesWhy::UnknownKey { key: "lapse_after_day".into(), expected: vec!["required".into(), "lapse_after_days".into()] });
        let why = RulesWhy::of_parser("unknown variant `last_owner`, expected `first_owner` or `closer`");
        assert_eq!(why, RulesWhy::UnknownValue { value: "last_owner".into(), expected: vec!["first_owner".into(), "closer".into()] });
        assert_eq!(RulesWhy::of_parser("missing field `channel`"), RulesWhy::MissingKey { key: "channel".into() });
        let why = RulesWhy::of_parser("invalid type: string \"ten\", expected i64");
        assert_eq!(why.text(Lang::En), "this is text; write a whole number, like 10");
        assert_eq!(why.text(Lang::Zh), "这里写的是文字；请写整数，如 10");
        let syntax = RulesWhy::of_parser("invalid array\nexpected `]`");
        assert_eq!(syntax, RulesWhy::Syntax);
        assert!(!syntax.text(Lang::En).contains("expected `]`"));
    }

    #[test]
    fn io_errors_are_said_by_what_they_mean() {
        let gone = io::Error::from(io::ErrorKind::NotFound);
        let f = Fatal::Open { file: "a.csv".into(), source: gone };
        assert_eq!(f.text(Lang::En), "a.csv: cannot open: no such file; check the path and the name");
        assert_eq!(f.text(Lang::Zh), "a.csv：打不开：文件不存在，请检查路径和文件名");
        assert!(!f.line(Lang::En, false).contains("os error"));
        let long = io::Error::new(io::ErrorKind::InvalidData, RowTooLong { line: 7, mib: 16 });
        assert_eq!(IoWhy::of(&long), IoWhy::RowTooLong { line: 7, mib: 16 });
    }

    #[test]
    fn a_rules_error_has_one_label_in_either_language() {
        let e = RulesError { line: 3, column: 5, key: Some("claims.lapse_after_days".into()), why: RulesWhy::Days { value: -1, max: 36500 } };
        let f = Fatal::Rules { file: "rules.toml".into(), error: Box::new(e) };
        for lang in Lang::ALL {
            let line = f.line(lang, false);
            assert!(line.starts_with("rules.toml:3:5: error[rules]: "), "{line}");
            assert_eq!(line.matches("error").count(), 1, "{line}");
        }
    }
}

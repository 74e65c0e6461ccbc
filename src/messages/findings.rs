//! Wording of findings about input files: they name the bad value and say
//! what was expected, in words a store manager understands.

use chrono::NaiveDate;

use super::Lang;
use crate::diag::{BadValue, CsvWhy, Found, KindReport, LinkPlace, OrphanWhy, ReadAs, Squeezed, StatusList, Then};
use crate::domain::columns::{Column, SheetWhat, TableKind};
use crate::domain::day::BadDate;
use crate::domain::ledger::{Event, Field, Fields};
use crate::domain::money::{AMOUNT_LIMIT, BadAmount, cents};
use crate::domain::phone::BadPhone;

/// How many characters of a cell a message repeats.
const SHOWN_CHARS: usize = 60;

/// A cell's value as a message repeats it: control characters escaped, and
/// cut after [`SHOWN_CHARS`] characters, so a hostile cell cannot flood the
/// terminal.
pub fn shown(value: &str) -> String {
    shown_in(value, Lang::En)
}

/// [`shown`], saying in `lang` how much was cut.
pub fn shown_in(value: &str, lang: Lang) -> String {
    let mut out = String::new();
    for (i, c) in value.chars().enumerate() {
        if i == SHOWN_CHARS {
            let more = value.chars().count() - SHOWN_CHARS;
            out.push_str(&match lang {
                Lang::Zh => format!("…（还有{more}个字）"),
                Lang::En => format!("… ({})", plural(more as u64, "more character")),
            });
            break;
        }
        push_escaped(&mut out, c);
    }
    out
}

/// Text from a file (a cell, a sheet or file name) made safe for a
/// terminal: C0 and C1 controls, DEL and bidi controls escaped as `\u{…}`,
/// so a cell cannot move the cursor, set a title, open a hyperlink or
/// reorder what is shown. Not cut (see [`shown`]).
pub fn escaped(value: &str) -> std::borrow::Cow<'_, str> {
    if !value.chars().any(needs_escape) {
        return std::borrow::Cow::Borrowed(value);
    }
    let mut out = String::with_capacity(value.len() + 8);
    value.chars().for_each(|c| push_escaped(&mut out, c));
    std::borrow::Cow::Owned(out)
}

fn needs_escape(c: char) -> bool {
    // is_control: C0, DEL and C1. Then the bidi embeddings, overrides,
    // isolates and marks.
    c.is_control() || matches!(c, '\u{200E}' | '\u{200F}' | '\u{061C}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
}

fn push_escaped(out: &mut String, c: char) {
    if needs_escape(c) {
        out.extend(c.escape_default());
    } else {
        out.push(c);
    }
}


/// `1 row`, `2 rows`: every English count goes through here.
pub fn plural(n: impl Into<i128>, word: &str) -> String {
    let n = n.into();
    format!("{n} {word}{}", if n == 1 { "" } else { "s" })
}

/// `` `date` ``: how a message names a column.
fn col(name: &str) -> String {
    format!("`{name}`")
}

/// A column as a cell-level message names it: in Chinese by the word a
/// sheet uses (电话, 日期 — the place already points at the cell), in
/// English by its name.
fn col_in(name: &str, lang: Lang) -> String {
    match (lang, column_zh(name)) {
        (Lang::Zh, Some(word)) => word.to_string(),
        _ => col(name),
    }
}

/// The Chinese word for an input column (电话, 首次接触日期), when it has one.
fn column_zh(name: &str) -> Option<&'static str> {
    match name {
        "event" => Some("事件"),
        "region" => Some("区域"),
        "first_contact" => Some("首次接触日期"),
        "cross_region_reason" => Some("跨区原因"),
        "refund_date" => Some("退单日期"),
        "refund_of" => Some("原单号"),
        "customer" => Some("客户姓名"),
        _ => super::labels::NAMES_ZH.iter().find(|(k, _)| *k == name).map(|(_, v)| *v),
    }
}

/// The stable name of a kind of table, as `check --format json` writes it
/// in `kind` whatever the language (scripts read it); English prose uses it
/// too.
pub fn table_kind_key(kind: TableKind) -> &'static str {
    match kind {
        TableKind::Claims => "claim ledger",
        TableKind::Customers => "customer ledger",
        TableKind::Rulings => "rulings",
        TableKind::Links => "links",
    }
}

/// The progress bar while ledgers are read (an indicatif template).
pub fn reading_progress(lang: Lang) -> &'static str {
    match lang {
        Lang::Zh => "{spinner} 正在读取 {human_pos} 行（{per_sec}）{elapsed}",
        Lang::En => "{spinner} reading {human_pos} rows ({per_sec}) {elapsed}",
    }
}

/// What a kind of table is called.
pub fn kind_name(kind: TableKind, lang: Lang) -> &'static str {
    match (lang, kind) {
        (Lang::Zh, TableKind::Claims) => "报备台账",
        (Lang::Zh, TableKind::Customers) => "成交台账",
        (Lang::Zh, TableKind::Rulings) => "裁决表",
        (Lang::Zh, TableKind::Links) => "关联电话表",
        (Lang::En, kind) => kind.as_str(),
    }
}

/// At most 20 header names, then how many more.
fn names(header: &[String], lang: Lang) -> String {
    let sep = match lang {
        Lang::Zh => "、",
        Lang::En => ", ",
    };
    let list = |cells: &[String]| cells.iter().map(|h| shown_in(h, lang)).collect::<Vec<_>>().join(sep);
    match (header.len(), lang) {
        (0, Lang::Zh) => "无".into(),
        (0, Lang::En) => "nothing".into(),
        (n, _) if n <= 20 => list(header),
        (n, Lang::Zh) => format!("{}……（还有{}个）", list(&header[..20]), n - 20),
        (n, Lang::En) => format!("{}, … ({} more)", list(&header[..20]), n - 20),
    }
}

/// `` `date` (or 日期, 报备日期) ``: a column with §2's aliases.
fn with_aliases(column: &Column, lang: Lang) -> String {
    match (column.aliases.is_empty(), lang) {
        (true, _) => col(column.name),
        (false, Lang::Zh) => format!("`{}`（或 {}）", column.name, column.aliases.join("、")),
        (false, Lang::En) => format!("`{}` (or {})", column.name, column.aliases.join(", ")),
    }
}

/// `a, b and c`, or `a、b、c`.
fn and_list(words: &[&str], lang: Lang) -> String {
    match (words.split_last(), lang) {
        (_, Lang::Zh) => words.join("、"),
        (Some((last, rest)), Lang::En) if !rest.is_empty() => format!("{} and {last}", rest.join(", ")),
        (_, Lang::En) => words.join(""),
    }
}

/// `"X"` with its quotes escaped, for a line of TOML.
fn toml_text(text: &str, lang: Lang) -> String {
    shown_in(text, lang).replace('"', "\\\"")
}

/// What to add under `[columns]` for a missing column.
fn add_line(column: &Column, closest: Option<&str>, lang: Lang) -> String {
    let name = column.name;
    match (closest, lang) {
        (Some(text), Lang::Zh) => format!(
            "如果`{}`就是 {name} 列，在 rules.toml 的 [columns] 下加一行：\"{}\" = \"{name}\"",
            shown_in(text, lang),
            toml_text(text, lang)
        ),
        (Some(text), Lang::En) => format!(
            "if `{}` is the {name} column, add under [columns] in rules.toml: \"{}\" = \"{name}\"",
            shown_in(text, lang),
            toml_text(text, lang)
        ),
        (None, Lang::Zh) => format!("把这一列的表头改成 {name}，或在 rules.toml 的 [columns] 下加一行：\"表头文字\" = \"{name}\""),
        (None, Lang::En) => format!("name the column {name}, or add its header text under [columns] in rules.toml: \"HEADER\" = \"{name}\""),
    }
}

/// A whole header row in one cell (`日期;业务员;…`): the file is separated
/// otherwise than it was read, or a header was pasted into one cell.
fn squeezed_header(squeezed: Squeezed, lang: Lang) -> String {
    let sep = match (squeezed.sep, lang) {
        ('\t', Lang::Zh) => "制表符".to_string(),
        ('\t', Lang::En) => "tabs".to_string(),
        (c, _) => format!("`{c}`"),
    };
    match (squeezed.read_as, lang) {
        (ReadAs::Utf16, Lang::Zh) => format!(
            "整行表头挤在一格里：这个文件是 UTF-16（Excel 的“Unicode 文本”），按制表符分列，可它是用{sep}分隔的；请用 Excel 或 WPS 打开，另存为“CSV UTF-8（逗号分隔）”"
        ),
        (ReadAs::Utf16, Lang::En) => format!(
            "the whole header is in one cell: this file is UTF-16 (Excel's \"Unicode text\"), which is read as tab-separated, but it is separated by {sep}; \
             open it in Excel or WPS and save it as \"CSV UTF-8 (Comma delimited)\" (CSV UTF-8（逗号分隔）)"
        ),
        (ReadAs::Text, Lang::Zh) => format!("整行表头挤在一格里：这个文件像是用{sep}分隔的，分不出列；请用 Excel 或 WPS 打开，另存为“CSV UTF-8（逗号分隔）”"),
        (ReadAs::Text, Lang::En) => format!(
            "the whole header is in one cell: this file seems separated by {sep} and could not be split into columns; \
             open it in Excel or WPS and save it as \"CSV UTF-8 (Comma delimited)\" (CSV UTF-8（逗号分隔）)"
        ),
        (ReadAs::Workbook, Lang::Zh) => format!("整行表头挤在一格里（用{sep}隔开）：选中这一列，用“数据 → 分列”按{sep}分开"),
        (ReadAs::Workbook, Lang::En) => {
            format!("the whole header is in one cell, separated by {sep}: select the column and split it with Data → Text to Columns (数据 → 分列)")
        }
    }
}

/// No header row among the first rows of a table; `line` names most columns.
fn no_header(within: u32, line: u32, reports: &[KindReport], lang: Lang) -> String {
    let row = match lang {
        Lang::Zh => format!("列名最多的一行（第{line}行）"),
        Lang::En => format!("the row that names most columns (line {line})"),
    };
    let kinds: Vec<String> = reports
        .iter()
        .map(|r| {
            let missing: Vec<String> = r
                .missing
                .iter()
                .map(|(c, closest)| match (closest, lang) {
                    (Some(text), Lang::Zh) => {
                        format!("{}（最接近的是`{}`；在 rules.toml 的 [columns] 下加 \"{}\" = \"{}\"）", c.name, shown_in(text, lang), shown_in(text, lang), c.name)
                    }
                    (Some(text), Lang::En) => {
                        format!("{} (closest: `{}`; add \"{}\" = \"{}\" under [columns])", c.name, shown_in(text, lang), shown_in(text, lang), c.name)
                    }
                    (None, _) => c.name.to_string(),
                })
                .collect();
            let kind = kind_name(r.kind, lang);
            match lang {
                Lang::Zh => {
                    if r.found.is_empty() {
                        format!("{kind}：一列都没认出；缺 {}", missing.join("、"))
                    } else {
                        format!("{kind}：有 {}；缺 {}", r.found.join("、"), missing.join("、"))
                    }
                }
                Lang::En => {
                    let found = if r.found.is_empty() { "nothing".to_string() } else { r.found.join(", ") };
                    format!("{kind}: found {found}; missing {}", missing.join(", "))
                }
            }
        })
        .collect();
    match lang {
        Lang::Zh => {
            let keys: Vec<String> = TableKind::ALL.iter().map(|k| format!("{}（{}）", and_list(k.key_columns(), lang), kind_name(*k, lang))).collect();
            format!("前{within}行里找不到表头：表头至少要有下面某一组中的两列：{}；{row}写出的是——{}", keys.join("；"), kinds.join(" · "))
        }
        Lang::En => {
            let keys: Vec<String> = TableKind::ALL.iter().map(|k| format!("{} ({})", and_list(k.key_columns(), lang), kind_name(*k, lang))).collect();
            let (last, rest) = keys.split_last().expect("there are table kinds");
            format!(
                "no header row in the first {within} rows: a header names at least two of {}, or {last}; {row} names — {}",
                rest.join(", "),
                kinds.join(" · ")
            )
        }
    }
}

/// Why a sheet was not read, for the summary, `-v` and a workbook with no
/// sheet of the kind asked for.
pub fn sheet_skipped(what: SheetWhat, lang: Lang) -> String {
    match (what, lang) {
        (SheetWhat::Read(kind), Lang::Zh) => format!("是{}", kind_name(kind, lang)),
        (SheetWhat::Read(kind), Lang::En) => format!("is a {kind}"),
        (SheetWhat::Other(kind), Lang::Zh) => format!("是{}（要读它，请用 {} 指定这个工作簿）", kind_name(kind, lang), kind.flag()),
        (SheetWhat::Other(kind), Lang::En) => format!("is a {kind} (give the workbook as {} to read it)", kind.flag()),
        (SheetWhat::NoHeader, Lang::Zh) => "前30行里没有表头".into(),
        (SheetWhat::NoHeader, Lang::En) => "has no header row in its first 30 rows".into(),
        (SheetWhat::Empty, Lang::Zh) => "是空的".into(),
        (SheetWhat::Empty, Lang::En) => "is empty".into(),
        (SheetWhat::NotNamed, Lang::Zh) => "没有被 --sheet 选中".into(),
        (SheetWhat::NotNamed, Lang::En) => "is not named by --sheet".into(),
    }
}

/// Why a date cell could not be read.
pub fn bad_date_why(why: &BadDate, lang: Lang) -> String {
    let years = crate::domain::day::YEARS;
    match (why, lang) {
        (BadDate::Form, Lang::Zh) => "日期要写成 2026-03-05、2026/3/5 或 2026年3月5日，后面可以带时间 14:30".into(),
        (BadDate::Form, Lang::En) => "expected a date like 2026-03-05, 2026/3/5 or 2026年3月5日, optionally with a time 14:30".into(),
        (BadDate::NoSuchDay, Lang::Zh) => "日历上没有这一天".into(),
        (BadDate::NoSuchDay, Lang::En) => "no such day in the calendar".into(),
        (BadDate::Year(y), Lang::Zh) => format!("年份 {y} 不在 {}–{} 之间；年份请写四位", years.start(), years.end()),
        (BadDate::Year(y), Lang::En) => format!("year {y} is outside {}–{}; write the year with four digits", years.start(), years.end()),
        (BadDate::Time, Lang::Zh) => "日期后面的时间要写成 14:30、14:30:05 或 下午 2:30".into(),
        (BadDate::Time, Lang::En) => "expected a time like 14:30, 14:30:05 or 2:30 PM after the day".into(),
        (BadDate::SubSecond, Lang::Zh) => "报备按秒排先后，时间写到秒就行，比如 14:30:05（去掉秒后面的小数）".into(),
        (BadDate::SubSecond, Lang::En) => "claims are ordered to the second: write the time to the second, like 14:30:05 (drop the fraction)".into(),
        (BadDate::NoYear, Lang::Zh) => "没写年份；请把年份写上，比如 2026年3月5日".into(),
        (BadDate::NoYear, Lang::En) => "has no year; write the year too, like 2026年3月5日".into(),
    }
}

fn bad_amount(why: &BadAmount, lang: Lang) -> String {
    match (why, lang) {
        (BadAmount::Form, Lang::Zh) => "金额要写成 12800、12,800.50、¥12800 或 12800元".into(),
        (BadAmount::Form, Lang::En) => "expected an amount like 12800, 12,800.50, ¥12800 or 12800元".into(),
        (BadAmount::Negative, Lang::Zh) => "成交金额不能是负数；退单行还要在原单号里写明退的是哪一单".into(),
        (BadAmount::Negative, Lang::En) => {
            "a deal's amount is never negative; a refund row also names the deal it refunds in `refund_of` (原单号)".into()
        }
        (BadAmount::Decimals(n), Lang::Zh) => format!("有{n}位小数；金额最多两位小数（到分）"),
        (BadAmount::Decimals(n), Lang::En) => format!("has {n} decimals; amounts have at most two (cents)"),
        (BadAmount::TooLarge, Lang::Zh) => format!("不小于 {AMOUNT_LIMIT}，超出了 leadctl 能接受的最大金额"),
        (BadAmount::TooLarge, Lang::En) => format!("is not below {AMOUNT_LIMIT}, the largest amount leadctl accepts"),
    }
}

/// A cell holding an Excel error value (`#N/A`).
fn excel_error(lang: Lang) -> &'static str {
    match lang {
        Lang::Zh => "是 Excel 的错误值，公式没算出结果（比如 VLOOKUP 没找到）；改好公式，或复制这一列再“选择性粘贴 → 数值”",
        Lang::En => "is an Excel error value (its formula failed, as a VLOOKUP that finds nothing does); fix the formula, or copy the column and paste it as values",
    }
}

/// Why a phone cell does not identify a customer.
pub fn bad_phone_why(why: BadPhone, lang: Lang) -> String {
    match (why, lang) {
        (BadPhone::ENotation, Lang::Zh) => "像是被 Excel 当成了数字，丢了位数；把这一列设成文本格式，再重新输入号码".into(),
        (BadPhone::ENotation, Lang::En) => {
            "looks like Excel turned the phone into a number and lost its digits; format the column as text and type the number again".into()
        }
        (BadPhone::NoDigits, Lang::Zh) => "里面没有数字".into(),
        (BadPhone::NoDigits, Lang::En) => "has no digits".into(),
        (BadPhone::Digits { count }, Lang::Zh) => {
            format!("有{count}位数字（+86/0086 不算在内）；手机号应是1开头的11位，座机是0开头的10–12位，或7–8位")
        }
        (BadPhone::Digits { count }, Lang::En) => {
            format!("has {} (a +86/0086 in front not counted); expected 11 starting with 1, 10–12 starting with 0, or 7–8", plural(count, "digit"))
        }
        (BadPhone::Masked, Lang::Zh) => "号码被隐藏了；请要完整的号码".into(),
        (BadPhone::Masked, Lang::En) => "the number was hidden; ask for the full number".into(),
        (BadPhone::LostZero { count }, Lang::Zh) => {
            format!("有{count}位数字；座机开头的0可能被数字格式吃掉了：把这一列设成文本格式，号码连同0一起写")
        }
        (BadPhone::LostZero { count }, Lang::En) => format!(
            "has {}; a landline's leading 0 may have been dropped by a number cell: format the column as text and write the number with its 0",
            plural(count, "digit")
        ),
        (BadPhone::ExcelError, lang) => excel_error(lang).into(),
    }
}

/// What happens to the row, after a finding (`; the deal goes to its closer`).
fn then(then: Then, lang: Lang) -> &'static str {
    match (then, lang) {
        (Then::Nothing, _) => "",
        (Then::DealToCloser, Lang::Zh) => "；这单算给成交人",
        (Then::DealToCloser, Lang::En) => "; the deal goes to its closer",
        (Then::RulingIgnored, Lang::Zh) => "；这条裁决不生效",
        (Then::RulingIgnored, Lang::En) => "; this ruling is ignored",
        (Then::LinkIgnored, Lang::Zh) => "；这条关联不生效",
        (Then::LinkIgnored, Lang::En) => "; this link is ignored",
        (Then::RowLost, Lang::Zh) => "；这一行会丢失",
        (Then::RowLost, Lang::En) => "; this row will be lost",
    }
}

/// `` `phone` `1380000000`: why `` in `lang`.
fn bad_value(name: &str, value: &str, why: &str, lang: Lang) -> String {
    match lang {
        Lang::Zh => format!("{} `{}`：{why}", col_in(name, lang), shown_in(value, lang)),
        Lang::En => format!("{} `{}`: {why}", col(name), shown_in(value, lang)),
    }
}

/// A bad phone cell in English, for wording outside findings.
pub fn bad_phone(column: &'static str, value: &str, why: BadPhone) -> String {
    finding(&Found::bad_phone(column, value, why, Then::Nothing), Lang::En)
}

/// The event words leadctl reads (SPEC §2, §11).
fn accepted_events(lang: Lang) -> &'static str {
    match lang {
        Lang::Zh => "报备（claim）、跟进（follow_up）、量尺/上门（visit），空着算报备",
        Lang::En => "claim (报备), follow_up (跟进), visit (量尺, 上门), or empty for claim",
    }
}

/// What an event is called.
fn event_name(event: Event, lang: Lang) -> &'static str {
    match (event, lang) {
        (Event::Claim, Lang::Zh) => "报备",
        (Event::FollowUp, Lang::Zh) => "跟进",
        (Event::Visit, Lang::Zh) => "上门量尺",
        (event, Lang::En) => event.as_str(),
    }
}

fn fields(fields: Fields, lang: Lang) -> String {
    let sep = match lang {
        Lang::Zh => "、",
        Lang::En => ", ",
    };
    fields.iter().map(|f| field(f, lang)).collect::<Vec<_>>().join(sep)
}

/// A claim field as a store manager names it; its column name in English.
fn field(f: Field, lang: Lang) -> &'static str {
    match lang {
        Lang::Zh => column_zh(f.as_str()).unwrap_or(f.as_str()),
        Lang::En => f.as_str(),
    }
}

/// How to add `word` to the status list `key` under [deals]: name the key
/// when rules.toml writes it; else the line that writes it whole.
fn add_status(key: &str, list: &StatusList, word: &str, lang: Lang) -> String {
    let quoted = toml_string(word);
    match (list, lang) {
        (StatusList::Given, Lang::Zh) => format!("在 rules.toml [deals] 的 {key} 里加上 {quoted}"),
        (StatusList::Given, Lang::En) => format!("add {quoted} to {key} under [deals] in rules.toml"),
        (StatusList::BuiltIn(words), Lang::Zh) => format!("在 rules.toml 的 [deals] 下写这一行（内置的词加上 {quoted}）：{key} = {}", toml_list(words, Some(word))),
        (StatusList::BuiltIn(words), Lang::En) => {
            format!("put this line under [deals] in rules.toml (the built-in words and {quoted}): {key} = {}", toml_list(words, Some(word)))
        }
    }
}

/// `["退单", "已退单"]` as TOML.
pub(super) fn toml_list(words: &[String], extra: Option<&str>) -> String {
    let quoted: Vec<String> = words.iter().map(String::as_str).chain(extra).map(toml_string).collect();
    format!("[{}]", quoted.join(", "))
}

/// `"退单"` as a TOML string.
fn toml_string(word: &str) -> String {
    format!("\"{}\"", word.replace('\\', "\\\\").replace('"', "\\\""))
}

/// `in 3 days`: how long a claim still protects.
fn in_days(n: i64, lang: Lang) -> String {
    match (n, lang) {
        (0, Lang::Zh) => "就剩这一天".into(),
        (0, Lang::En) => "today".into(),
        (1, Lang::En) => "in 1 day".into(),
        (n, Lang::Zh) => format!("还剩{n}天"),
        (n, Lang::En) => format!("in {n} days"),
    }
}

fn link_place(l: &LinkPlace, lang: Lang) -> String {
    match (l.one_cell, lang) {
        (false, _) => l.row.clone(),
        (true, Lang::Zh) => format!("{}（同一单元格）", l.row),
        (true, Lang::En) => format!("{} (one cell)", l.row),
    }
}

pub(crate) fn orphan_why(why: &OrphanWhy, lang: Lang) -> String {
    match (why, lang) {
        (OrphanWhy::UnknownRep, Lang::Zh) => "业务员不在名单里".into(),
        (OrphanWhy::UnknownRep, Lang::En) => "the rep is not in the roster".into(),
        (OrphanWhy::BadPhone, Lang::Zh) => "电话认不出是哪位客户".into(),
        (OrphanWhy::BadPhone, Lang::En) => "the phone does not identify a customer".into(),
        (OrphanWhy::NoClaim, Lang::Zh) => "这时该业务员对这位客户没有有效报备".into(),
        (OrphanWhy::NoClaim, Lang::En) => "the rep holds no claim on this customer at that moment".into(),
        (OrphanWhy::Ended { row, end }, Lang::Zh) => format!("该业务员的报备 {row} 已于 {end} 结束；要继续跟这位客户，先重新报备"),
        (OrphanWhy::Ended { row, end }, Lang::En) => format!("the rep's claim {row} ended on {end}"),
    }
}

/// A finding in words of `lang`.
pub fn finding(found: &Found, lang: Lang) -> String {
    let sh = |v: &str| shown_in(v, lang);
    match found {
        Found::EmptyFile { kind: Some(kind) } => match lang {
            Lang::Zh => format!("文件是空的；{}的第一行要有表头，写明各列名称", kind_name(*kind, lang)),
            Lang::En => format!("the file is empty; a {kind} needs a header row naming its columns"),
        },
        Found::EmptyFile { kind: None } => match lang {
            Lang::Zh => "文件是空的；应有一行表头，写明各列名称".into(),
            Lang::En => "the file is empty; expected a header row naming the columns".into(),
        },
        Found::NoHeader { within, line, reports, sheet, squeezed } => {
            let text = match (line, squeezed) {
                (_, Some(squeezed)) => squeezed_header(*squeezed, lang),
                (None, None) => match lang {
                    Lang::Zh => format!("前{within}行都是空行，找不到表头；表头要在前{within}行里：删掉上面多余的空行"),
                    Lang::En => format!("no header row in the first {within} rows: they are all blank; delete the blank rows above the header"),
                },
                (Some(line), None) => no_header(*within, *line, reports, lang),
            };
            match (sheet, lang) {
                (false, _) => text,
                (true, Lang::Zh) => format!("{text}；改好表头，或用 --sheet 工作表名 只读其他工作表"),
                (true, Lang::En) => format!("{text}; fix the header, or read only the other sheets with --sheet NAME"),
            }
        }
        Found::MissingColumn { column, kind, header, closest } => {
            let (what, names, add) = (with_aliases(column, lang), names(header, lang), add_line(column, closest.as_deref(), lang));
            match lang {
                Lang::Zh => format!("这份{}没有{what}列；表头写的是：{names}；{add}", kind_name(*kind, lang)),
                Lang::En => format!("no {what} column in this {kind}; the header names: {names}; {add}"),
            }
        }
        Found::WrongKind { found, wanted } => match lang {
            Lang::Zh => format!(
                "看表头，这个文件是{}，不是{}：请用 {} 指定它",
                kind_name(*found, lang),
                kind_name(*wanted, lang),
                found.flag()
            ),
            Lang::En => format!("this file is a {found}, not a {wanted}: give it as {} (its header says so)", found.flag()),
        },
        Found::NoSheetOfKind { wanted, sheets } => {
            let list: Vec<String> = sheets
                .iter()
                .map(|(name, what)| match lang {
                    Lang::Zh => format!("工作表`{}`{}", sh(name), sheet_skipped(*what, lang)),
                    Lang::En => format!("sheet `{}` {}", sh(name), sheet_skipped(*what, lang)),
                })
                .collect();
            match lang {
                Lang::Zh => format!("这个工作簿里没有一张工作表是{}：{}", kind_name(*wanted, lang), list.join("；")),
                Lang::En => format!("no sheet of this workbook is a {wanted}: {}", list.join(", ")),
            }
        }
        Found::TotalsMismatch { word, stated, sum, net } => {
            let subtotal = *word == "小计";
            match lang {
                Lang::Zh => format!(
                    "这行{word}写的是 {}，但上面的成交（{}）加起来是 {}{}；查一下有没有漏行、多行或改过的行",
                    cents(*stated),
                    if subtotal { "从上一个合计或小计行算起" } else { "从上一个合计行算起" },
                    cents(*sum),
                    net.map_or(String::new(), |n| format!("，减去退单是 {}", cents(n)))
                ),
                Lang::En => format!(
                    "this {word} row says {} but the deals above it ({}) add up to {}{}; check for a missing, extra or changed row",
                    cents(*stated),
                    if subtotal { "since the previous totals row" } else { "since the previous total" },
                    cents(*sum),
                    net.map_or(String::new(), |n| format!(", {} less the refunds", cents(n)))
                ),
            }
        }
        Found::NoFinalNewline => match lang {
            Lang::Zh => "最后一行没有换行：如果文件被截断了，最后一行可能不完整".into(),
            Lang::En => "the last row has no line end: if the file was cut short, the last row may be incomplete".into(),
        },
        Found::ExtraCells { cells, columns } => match lang {
            Lang::Zh => format!("这一行有{cells}格，但表头只有{columns}列；是不是有单元格里的逗号没加引号（比如 12,800）？给这个单元格加上引号"),
            Lang::En => format!(
                "the row has {cells} cells but the header names {columns} columns; \
                 is there a comma inside a cell that is not quoted (like 12,800)? quote the cell"
            ),
        },
        Found::BadEncoding { encoding } => match lang {
            Lang::Zh => format!("有些字节不是有效的 {encoding}；请把文件另存为 UTF-8（Excel 里选“CSV UTF-8”），或用 --encoding 指定编码"),
            Lang::En => format!("bytes that are not valid {encoding}; save the file as UTF-8 (CSV UTF-8 in Excel) or give --encoding"),
        },
        Found::BadCsv(why) => {
            let why = match (why, lang) {
                (CsvWhy::TooManyLines, Lang::Zh) => "文件超过 4,294,967,295 行".to_string(),
                (CsvWhy::TooManyLines, Lang::En) => "the file has more than 4,294,967,295 lines".to_string(),
                (CsvWhy::Reader(text), _) => text.clone(),
            };
            match lang {
                Lang::Zh => format!("这一行无法按 CSV 读取：{why}"),
                Lang::En => format!("cannot read this row as CSV: {why}"),
            }
        }
        Found::OpenQuote => match lang {
            Lang::Zh => "有个单元格的引号没有闭合（`\"` 的个数是单数）：文件可能被截断了；开引号之后的内容都被读成了一个单元格".into(),
            Lang::En => "a quoted cell is never closed (an odd number of `\"`): the file may be cut short; \
                         everything after the opening quote was read as one cell"
                .into(),
        },
        Found::CutShort { cells, columns } => match lang {
            Lang::Zh => format!("最后一行只有{cells}格（表头有{columns}列），也没有换行：文件可能被截断了"),
            Lang::En => format!("the last row has {cells} of {columns} cells and no line end: the file may be cut short"),
        },
        Found::TooMuchText => match lang {
            Lang::Zh => "台账里的文字超过 4 GiB；请按结算期拆开，分别运行 leadctl".into(),
            Lang::En => "the ledgers hold more than 4 GiB of text; split them by period and run leadctl on each".into(),
        },
        Found::MissingField { column, then: t } => match lang {
            Lang::Zh if *t == Then::Nothing => format!("{}是空的：这一列必填，请补上", col_in(column, lang)),
            Lang::Zh => format!("{}是空的{}", col_in(column, lang), then(*t, lang)),
            Lang::En => format!("{} is empty{}", col(column), then(*t, lang)),
        },
        Found::BadCell { column, value, why } => {
            let why = match why {
                BadValue::Date(why) => bad_date_why(why, lang),
                BadValue::Amount(why) => bad_amount(why, lang),
                BadValue::ExcelError => excel_error(lang).into(),
                BadValue::ExcelDay(day) => match lang {
                    Lang::Zh => format!("像是 Excel 的日期序号（{day}），这一列被设成了数字格式；请把这一列设成日期格式，再核对日期"),
                    Lang::En => format!("looks like an Excel day number ({day}) from a column formatted as a number; format the column as a date and check the days"),
                },
            };
            bad_value(column, value, &why, lang)
        }
        Found::BadPhone { column, value, part, commas, why, then: t } => {
            let why = match (part, commas, lang) {
                (Some(_), true, Lang::Zh) => "逗号把号码分成了几段；号码中间不要加逗号".to_string(),
                (Some(_), true, Lang::En) => "a comma separates two numbers; write one number without commas".to_string(),
                (Some(part), false, Lang::Zh) => format!("其中的号码 `{}` {}", sh(part), bad_phone_why(*why, lang)),
                (Some(part), false, Lang::En) => format!("one of its numbers, `{}`, {}", sh(part), bad_phone_why(*why, lang)),
                (None, _, _) => bad_phone_why(*why, lang),
            };
            format!("{}{}", bad_value(column, value, &why, lang), then(*t, lang))
        }
        Found::UnknownEvent { value } => match lang {
            Lang::Zh => format!(
                "{} `{}`：应为{}；自己的叫法写到 rules.toml 的 [events] 下，比如 follow_up = [\"{}\"]",
                col_in("event", lang),
                sh(value),
                accepted_events(lang),
                toml_text(value, lang)
            ),
            Lang::En => format!(
                "{} `{}`: expected {}; a word of your own goes under [events] in rules.toml, like follow_up = [\"{}\"]",
                col("event"),
                sh(value),
                accepted_events(lang),
                toml_text(value, lang)
            ),
        },
        Found::DealWordEvent { value } => match lang {
            Lang::Zh => format!("{} `{}`：成交不是报备台账里的记录；成交记在成交台账里（一单一行，写明单号和金额）", col_in("event", lang), sh(value)),
            Lang::En => format!(
                "{} `{}`: a deal is not a claim-ledger event; deals belong in the customer ledger (one row per deal with its 单号 and 金额)",
                col("event"),
                sh(value)
            ),
        },
        Found::DuplicateDealId { id, first } => match lang {
            Lang::Zh => format!("单号 `{}` 和 {first} 重复；每一单都要有自己的单号", sh(id)),
            Lang::En => format!("deal_id `{}` repeats {first}; every deal needs its own order number", sh(id)),
        },
        Found::Formula { column, value } => match lang {
            Lang::Zh => format!("{} `{}` 以 `=` 开头：这是表格公式，不是数值；请只粘贴数值", col_in(column, lang), sh(value)),
            Lang::En => format!("{} `{}` starts with `=`: a spreadsheet formula, not a value; paste values only", col(column), sh(value)),
        },
        Found::SelfLink { phone } => match lang {
            Lang::Zh => format!("把 {phone} 关联到了它自己；这条关联不生效（{}一栏要填这位客户的另一个号码）", col_in("same_as", lang)),
            Lang::En => format!("links {phone} to itself; this link is ignored (write the customer's other phone in `same_as`)"),
        },
        Found::BadStatus { value, refunded, normal } => {
            let word = crate::policy::status_key(value);
            let (r, n) = (add_status("refunded_status", refunded, &word, lang), add_status("normal_status", normal, &word, lang));
            match lang {
                Lang::Zh => format!("{} `{}` 既不算退单也不算正常成交，金额不能靠猜：如果是退单，{r}；如果是正常成交，{n}", col_in("status", lang), sh(value)),
                Lang::En => format!(
                    "`status` `{}` is neither a refunded nor a normal status, and money is never guessed: if it means refunded, {r}; if it is a normal deal, {n}",
                    sh(value)
                ),
            }
        }
        Found::RefundBeforeDeal { refund, deal } => match lang {
            Lang::Zh => format!("{} {refund} 早于这单自己的日期 {deal}：退单日期不能早于成交日期", col_in("refund_date", lang)),
            Lang::En => format!("`refund_date` {refund} is before the deal's own day {deal}: a deal is refunded on or after its day"),
        },
        Found::NegativeWithoutRefundOf { amount } => match lang {
            Lang::Zh => format!("{} `{}` 是负数，但{}是空的：退单行必须写明退的是哪个单号", col_in("amount", lang), sh(amount), col_in("refund_of", lang)),
            Lang::En => format!(
                "`amount` `{}` is negative but `refund_of` (原单号) is empty: a refund row must name the deal_id it refunds",
                sh(amount)
            ),
        },
        Found::RefundOfNotNegative { amount, of, negated } => {
            let write = match (negated, lang) {
                (Some(n), Lang::Zh) => format!("请改成 {n}"),
                (Some(n), Lang::En) => format!("write {n}"),
                (None, Lang::Zh) => "退了多少就写负多少，比如退 1000 写 -1000".to_string(),
                (None, Lang::En) => "write the amount refunded, negative: -1000 for a refund of 1000".to_string(),
            };
            match lang {
                Lang::Zh => format!(
                    "{} `{}` 不是负数，但这一行写了{} `{}`：退单行的金额就是退款额，要写成负数；{write}",
                    col_in("amount", lang),
                    sh(amount),
                    col_in("refund_of", lang),
                    sh(of)
                ),
                Lang::En => format!(
                    "`amount` `{}` is not negative on a row whose `refund_of` is `{}`: a refund row's amount is the refund, written negative; {write}",
                    sh(amount),
                    sh(of)
                ),
            }
        }
        Found::NamesNoDeal { of } => match lang {
            Lang::Zh => format!("{} `{}` 在这份成交台账里找不到这个单号：退单必须对应一笔成交", col_in("refund_of", lang), sh(of)),
            Lang::En => format!("`refund_of` `{}` names no deal_id of this customer ledger: a refund must name the deal it refunds", sh(of)),
        },
        Found::NamesRefund { of, at } => match lang {
            Lang::Zh => format!(
                "{} `{}` 是退单行（{at}）自己的单号，不是一笔成交：退单不能退另一笔退单，{}要写原来那笔成交的单号",
                col_in("refund_of", lang),
                sh(of),
                col_in("refund_of", lang)
            ),
            Lang::En => format!(
                "`refund_of` `{}` is the own deal_id of a refund row ({at}), not a deal: a refund names the original deal's deal_id",
                sh(of)
            ),
        },
        Found::DealAfterRefund { of, at, deal, refund } => match lang {
            Lang::Zh => format!("{} `{}` 对应的成交（{at}）日期是 {deal}，晚于这次退单的 {refund}：退单日期不能早于成交日期", col_in("refund_of", lang), sh(of)),
            Lang::En => format!(
                "`refund_of` `{}` names a deal ({at}) dated {deal}, after this refund on {refund}: a deal is refunded on or after its day",
                sh(of)
            ),
        },
        Found::AlreadyRefundedInFull { of, at } => match lang {
            Lang::Zh => format!("{} `{}` 对应的成交（{at}）状态已是全额退单：再部分退单会重复扣", col_in("refund_of", lang), sh(of)),
            Lang::En => format!(
                "`refund_of` `{}` names a deal ({at}) whose status already marks it refunded in full: a partial refund of it would count twice",
                sh(of)
            ),
        },
        Found::RefundsExceed { of, at, total, amount } => match lang {
            Lang::Zh => format!(
                "`{}`（{at}）的退款加上这一行共 {}，超过了成交金额 {}：一单的退款不能超过成交额",
                sh(of),
                cents(*total),
                cents(*amount)
            ),
            Lang::En => format!(
                "the refunds of `{}` ({at}) add up to {} with this row, more than its amount {}: refunds of a deal never exceed it",
                sh(of),
                cents(*total),
                cents(*amount)
            ),
        },
        Found::NoRep => match lang {
            Lang::Zh => "没写业务员；每条报备都要写明是谁报的".into(),
            Lang::En => "no rep named; every claim needs the rep who registers it".into(),
        },
        Found::UnknownRep { column: "rep", name, hint } => {
            let text = match lang {
                Lang::Zh => format!("`{}` 不在业务员名单里（rules.toml 的 [reps]）", sh(name)),
                Lang::En => format!("`{}` is not in the roster ([reps] in rules.toml)", sh(name)),
            };
            match (hint, lang) {
                (None, Lang::Zh) => format!("{text}：名字写错了就改正，新人先加进名单"),
                (None, Lang::En) => text,
                (Some(hint), Lang::Zh) => format!("{text}；是不是{hint}？"),
                (Some(hint), Lang::En) => format!("{text}; did you mean {hint}?"),
            }
        }
        Found::UnknownRep { column, name, hint } => match (hint, lang) {
            (Some(h), Lang::Zh) => format!("{} `{}` 不在业务员名单里；是不是{h}？", col_in(column, lang), sh(name)),
            (Some(h), Lang::En) => format!("{} `{}` is not in the roster; did you mean {h}?", col(column), sh(name)),
            (None, Lang::Zh) => format!("{} `{}` 不在业务员名单里（rules.toml 的 [reps]）：名字写错了就改正，新人先加进名单", col_in(column, lang), sh(name)),
            (None, Lang::En) => format!("{} `{}` is not in the roster ([reps] in rules.toml)", col(column), sh(name)),
        },
        Found::MissingFields { fields: f, required } => match lang {
            Lang::Zh => format!("资料不全：缺{}；报备资料{}缺一不可（claims.required）", fields(*f, lang), fields(*required, lang)),
            Lang::En => format!("{} missing (claims.required)", fields(*f, lang)),
        },
        Found::NoPhone => match lang {
            Lang::Zh => "没有电话：认不出是哪位客户".into(),
            Lang::En => "no phone: the customer cannot be identified".into(),
        },
        Found::AfterDeal { deal, at, first_deal } => match lang {
            Lang::Zh => format!("成交后才报备：这位客户 {first_deal} 已首次成交（单号 {deal}，{at}）；报备必须在成交当天或之前"),
            Lang::En => format!(
                "registered after the customer's first deal {deal} ({at}) on {first_deal}; a claim must come on or before the deal day"
            ),
        },
        Found::LateClaim { days, first_contact, within } => match lang {
            Lang::Zh => {
                let limit = if *within == 1 { "24小时".to_string() } else { format!("{within}天") };
                format!("报备超时：首次接触是 {first_contact}，{days}天后才报备，未在{limit}内报备（claims.claim_within_days = {within}）")
            }
            Lang::En => format!("registered {} after first contact on {first_contact}; claims.claim_within_days = {within}", plural(*days, "day")),
        },
        Found::CrossRegion { region, rep, rep_region, allowed } => match (lang, allowed.is_empty()) {
            (Lang::Zh, false) => format!(
                "跨区：客户在 `{region}` 区，{rep}负责的是 `{rep_region}` 区；跨区报备要在「跨区原因」一栏写允许的原因：{}",
                allowed.iter().map(|a| sh(a)).collect::<Vec<_>>().join("、")
            ),
            (Lang::Zh, true) => format!("跨区：客户在 `{region}` 区，{rep}负责的是 `{rep_region}` 区；本联盟不允许跨区报备（territory.allowed_reasons 为空）"),
            (Lang::En, false) => format!(
                "customer region `{region}` is outside {rep}'s region `{rep_region}`; a claim across regions needs cross_region_reason to be one of: {}",
                allowed.iter().map(|a| sh(a)).collect::<Vec<_>>().join(", ")
            ),
            (Lang::En, true) => format!(
                "customer region `{region}` is outside {rep}'s region `{rep_region}`; no reason allows a claim across regions (territory.allowed_reasons is empty)"
            ),
        },
        Found::Duplicate { holder, at, start, end } => match lang {
            Lang::Zh => format!("重复报备：这位客户已由{holder}于 {start} 报备（{at}），保护至 {end}；先报先保，后报放弃"),
            Lang::En => format!("{holder} {at} protects this customer {start} → {end} (先报先保)"),
        },
        Found::OverQuota { held, channel, quota } => match lang {
            Lang::Zh => format!("超出每月限额{quota}个：本月已有{held}个未成交客户的有效报备，这些客户成交后才空出名额（channels.{channel}.monthly_quota = {quota}）"),
            Lang::En => format!("already {} this month on customers without a deal; channels.{channel}.monthly_quota = {quota}", plural(*held, "valid claim")),
        },
        Found::Orphan { event, why } => match lang {
            Lang::Zh => format!("这条{}不算数：{}", event_name(*event, lang), orphan_why(why, lang)),
            Lang::En => format!("{} is ignored: {}", event_name(*event, lang), orphan_why(why, lang)),
        },
        Found::AfterAsOf { day, as_of: Some(as_of) } => match lang {
            Lang::Zh => format!("日期 {day} 晚于截止日 {as_of}：这一行不计入；核对日期，或用 --as-of 指定截止日"),
            Lang::En => format!("dated {day}, after the as-of day {as_of}: left out; check the date, or give --as-of"),
        },
        Found::AfterAsOf { day, as_of: None } => match lang {
            Lang::Zh => format!("日期 {day}：不计入"),
            Lang::En => format!("dated {day}: left out"),
        },
        Found::SlowFollowUp { gap, last, every } => match lang {
            Lang::Zh => format!("距上次跟进（{last}）隔了{gap}天；要求每{every}天跟进一次（claims.follow_up_every_days = {every}）"),
            Lang::En => format!("{} after the last touch on {last}; claims.follow_up_every_days = {every}", plural(*gap, "day")),
        },
        Found::NoFollowUpSince { last, quiet, as_of, every } => match lang {
            Lang::Zh => format!("{last} 之后就没再跟进（到 {as_of} 已{quiet}天）；要求每{every}天跟进一次（claims.follow_up_every_days = {every}）"),
            Lang::En => format!("no follow-up since {last} ({} by {as_of}); claims.follow_up_every_days = {every}", plural(*quiet, "day")),
        },
        Found::WillLapse { end, left, last_touch, lapse } => match lang {
            Lang::Zh => format!(
                "保护期到 {end} 为止（{}）：上次跟进是 {last_touch}，{}（claims.lapse_after_days = {lapse}）；要保住就及时跟进",
                in_days(*left, lang),
                super::decisions::lapse_rule(lang, *lapse)
            ),
            Lang::En => format!(
                "protection lapses after {end} ({}): last touch {last_touch} + claims.lapse_after_days {lapse}; follow up to keep it",
                in_days(*left, lang)
            ),
        },
        Found::WillExpire { end, left, start, days, channel } => match lang {
            Lang::Zh => format!(
                "保护期到 {end} 为止（{}）：{start} 报备，{}（channels.{channel}.expire_without_visit_days = {days}）；要保住就在这之前上门量尺或下定",
                in_days(*left, lang),
                super::decisions::expiry_rule(lang, *days)
            ),
            Lang::En => format!(
                "protection expires after {end} ({}) without a visit (量尺): claimed {start}, channels.{channel}.expire_without_visit_days = {days}; visit to keep it",
                in_days(*left, lang)
            ),
        },
        Found::PossibleDuplicate { reason, name, other_name, address, other, at } => {
            use crate::check::dupes::Reason;
            let (name, other_name, address) = (sh(name), sh(other_name), sh(address));
            match (reason, lang) {
                (Reason::SameNameAddress, Lang::Zh) => format!("{name}（{address}）也用 {other} 登记过（{at}）；是同一位客户用了两个电话吗？是的话，在 links.csv 里把两个电话关联起来"),
                (Reason::SameNameAddress, Lang::En) => {
                    format!("{name} at {address} is also registered under {other} ({at}); the same customer under two phones?")
                }
                (Reason::SurnameTitle, Lang::Zh) => format!(
                    "{name}（{address}）和 {other} 登记的{other_name}（{at}）同姓；是同一位客户用了两个电话吗？是的话，在 links.csv 里把两个电话关联起来"
                ),
                (Reason::SurnameTitle, Lang::En) => format!(
                    "{name} at {address} shares a surname with {other_name} under {other} ({at}); the same customer under two phones? \
                     if so, link them in links.csv"
                ),
                (Reason::SimilarPhone, Lang::Zh) => format!(
                    "{name}也用 {other} 登记过（{at}），两个号码只差一位或两位颠倒；是不是号码输错了？改正它，或在 links.csv 里把两个电话关联起来"
                ),
                (Reason::SimilarPhone, Lang::En) => format!(
                    "{name} is also registered under {other} ({at}), one digit or one swap apart; a mistyped phone? \
                     correct it, or link the two in links.csv"
                ),
            }
        }
        Found::LinkedClaimsConflict { phone, holder, at, holder_phone, links } => {
            let links: Vec<String> = links.iter().map(|l| link_place(l, lang)).collect();
            match lang {
                Lang::Zh => format!(
                    "{phone} 和{holder}报备的 {holder_phone}（{at}）是同一位客户（关联：{}）；两条报备这天都在保护期内，后报的这条算重复报备",
                    links.join("、")
                ),
                Lang::En => format!(
                    "{phone} and {holder}'s claim {at} on {holder_phone} are one customer (linked by {}); \
                     both claims protect on this day, so this later one is a duplicate",
                    links.join(", ")
                ),
            }
        }
        Found::RepeatedRuling => match lang {
            Lang::Zh => "同一客户已有更早的裁决，以那条为准；这条不生效".into(),
            Lang::En => "an earlier ruling on the same customer wins; this one is ignored".into(),
        },
        Found::PolicySkipped { file, errors, rows: true } => match lang {
            Lang::Zh => format!("{file} 有{errors}个错误，`attribute` 也会因此停下：每行自身的问题照常列出，跨行的检查（先报先保、限额、跟进）没做；改好再查一遍"),
            Lang::En => format!(
                "{file} has {}, and `attribute` stops on {}: each row's own problems are listed, the checks across rows (duplicates, quotas, follow-ups) were skipped; fix and check again",
                plural(*errors, "error"),
                if *errors == 1 { "it" } else { "them" }
            ),
        },
        Found::PolicySkipped { file, errors, rows: false } => match lang {
            Lang::Zh => format!("跳过规则检查：{file} 有{errors}个错误，`attribute` 也会因此停下"),
            Lang::En => format!("policy checks skipped: {file} has {}, and `attribute` stops on {}", plural(*errors, "error"), if *errors == 1 { "it" } else { "them" }),
        },
        Found::ClosedPeriodEdited { change, period, snapshot, next_open } => {
            use crate::engine::closing::Change;
            let what = match (change, lang) {
                (Change::Changed, Lang::Zh) => format!("已结账期间 {period} 的这一行在结账后被改过（{snapshot}）"),
                (Change::Changed, Lang::En) => format!("this row of closed period {period} changed after it was closed ({snapshot})"),
                (Change::Appeared, Lang::Zh) => format!("这一行是结账后才加进已结账期间 {period} 的（{snapshot}）"),
                (Change::Appeared, Lang::En) => format!("this row was added to closed period {period} after it was closed ({snapshot})"),
                (Change::Vanished, Lang::Zh) => format!("{period} 结账时在这一行的记录（{snapshot}）已经不在了"),
                (Change::Vanished, Lang::En) => format!("the row on this line when {period} was closed ({snapshot}) is gone"),
            };
            match (next_open, lang) {
                (Some(p), Lang::Zh) => format!("{what}；它的提成保持冻结，差额作为调整计入 {p}"),
                (Some(p), Lang::En) => format!("{what}; its commission stays frozen; any difference is paid in {p} as an adjustment"),
                (None, Lang::Zh) => format!("{what}；它的提成保持冻结"),
                (None, Lang::En) => format!("{what}; its commission stays frozen"),
            }
        }
        Found::OpenBeforeClosed { period, closed, snapshot } => match lang {
            Lang::Zh => format!(
                "{period} 没有结账，却排在已结账的 {closed}（{snapshot}）前面：它的提成每次都按当时的台账重算，不会冻结，退单、改行都会让它变；结账要按顺序，{period} 已经结不了账"
            ),
            Lang::En => format!(
                "{period} is open but comes before the closed {closed} ({snapshot}): its commission is recomputed on every run and never frozen, so refunds and edited rows move it; periods close in order, so {period} can no longer be closed"
            ),
        },
    }
}

/// `as of 2026-11-29 (today in Asia/Shanghai)`: the day `check` took as today.
pub fn as_of_today(day: NaiveDate, timezone: &str, lang: Lang) -> String {
    match lang {
        Lang::Zh => format!("截止日 {day}（今天，按 {timezone} 时间）"),
        Lang::En => format!("as of {day} (today in {timezone})"),
    }
}

/// Findings not shown because of `--max-errors`: `… and 3 more`, of one
/// severity (`errors`) or of both (`None`).
pub fn more_findings(n: u64, errors: Option<bool>, lang: Lang) -> String {
    match (errors, lang) {
        (None, Lang::Zh) => format!("……还有{n}条没显示（调高 --max-errors 可以看到）"),
        (None, Lang::En) => format!("… and {n} more (raise --max-errors to see them)"),
        (Some(true), Lang::Zh) => format!("……还有{n}个错误没显示（调高 --max-errors 可以看到）"),
        (Some(true), Lang::En) => format!("… and {} (raise --max-errors to see them)", plural(n, "more error")),
        (Some(false), Lang::Zh) => format!("……还有{n}个提醒没显示（调高 --max-errors 可以看到）"),
        (Some(false), Lang::En) => format!("… and {} (raise --max-errors to see them)", plural(n, "more warning")),
    }
}

/// One file `check` looked at, for its summary line.
pub enum CheckedFile<'a> {
    Empty(&'a str),
    Unknown(&'a str),
    Skipped(&'a str, Option<SheetWhat>),
    Table { file: &'a str, kind: TableKind, format: &'a str, rows: u64 },
}

/// `checked claims.csv (claim ledger, UTF-8, 3 rows) with rules.toml, as
/// of …: 1 error, 0 warnings`.
pub fn checked(files: &[CheckedFile], rules: &str, as_of: Option<String>, errors: u64, warnings: u64, lang: Lang) -> String {
    let files: Vec<String> = files
        .iter()
        .map(|c| match (c, lang) {
            (CheckedFile::Empty(file), Lang::Zh) => format!("{file}（空文件）"),
            (CheckedFile::Empty(file), Lang::En) => format!("{file} (empty)"),
            (CheckedFile::Unknown(file), Lang::Zh) => format!("{file}（认不出是什么表）"),
            (CheckedFile::Unknown(file), Lang::En) => format!("{file} (unknown)"),
            (CheckedFile::Skipped(file, what), Lang::Zh) => format!("{file}（跳过：{}）", what.map(|w| sheet_skipped(w, lang)).unwrap_or_default()),
            (CheckedFile::Skipped(file, what), Lang::En) => format!("{file} (skipped: it {})", what.map(|w| sheet_skipped(w, lang)).unwrap_or_default()),
            (CheckedFile::Table { file, kind, format, rows }, Lang::Zh) => format!("{file}（{}，{format}，{rows}行）", kind_name(*kind, lang)),
            (CheckedFile::Table { file, kind, format, rows }, Lang::En) => format!("{file} ({kind}, {format}, {})", plural(*rows, "row")),
        })
        .collect();
    match lang {
        Lang::Zh => {
            let as_of = as_of.map(|a| format!("，{a}")).unwrap_or_default();
            format!("已检查 {}，规则文件 {rules}{as_of}：{errors}个错误，{warnings}个提醒", files.join("、"))
        }
        Lang::En => {
            let as_of = as_of.map(|a| format!(", {a}")).unwrap_or_default();
            format!("checked {} with {rules}{as_of}: {}, {}", files.join(", "), plural(errors, "error"), plural(warnings, "warning"))
        }
    }
}

/// `-v`: what was read from one file.
pub fn read_file(file: &str, kind: TableKind, format: &str, rows: u64, blank: u64, totals: u64, lang: Lang) -> String {
    match lang {
        Lang::Zh => {
            let totals = if totals > 0 { format!("，合计行{totals}行") } else { String::new() };
            format!("读取 {file}：{}，{format}，{rows}行（其中空行{blank}行{totals}）", kind_name(kind, lang))
        }
        Lang::En => {
            let totals = if totals > 0 { format!(", {totals} totals") } else { String::new() };
            format!("read {file}: {kind}, {format}, {} ({blank} blank{totals})", plural(rows, "row"))
        }
    }
}

/// `-v`: a sheet not read, and why.
pub fn sheet_not_read(place: &str, what: SheetWhat, lang: Lang) -> String {
    match lang {
        Lang::Zh => format!("跳过 {place}：{}", sheet_skipped(what, lang)),
        Lang::En => format!("skipped {place}: it {}", sheet_skipped(what, lang)),
    }
}

/// `-v`: which rules file is read.
pub fn rules_read(path: &str, lang: Lang) -> String {
    match lang {
        Lang::Zh => format!("规则：{path}"),
        Lang::En => format!("rules: {path}"),
    }
}

/// `-v`: how long reading or deciding took.
pub fn took(deciding: bool, seconds: f64, lang: Lang) -> String {
    match (deciding, lang) {
        (false, Lang::Zh) => format!("读取用时 {seconds:.2} 秒"),
        (false, Lang::En) => format!("read in {seconds:.2} s"),
        (true, Lang::Zh) => format!("裁定用时 {seconds:.2} 秒"),
        (true, Lang::En) => format!("decided in {seconds:.2} s"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::check::dupes::Reason;
    use crate::diag::{Code, Diagnostic};
    use crate::domain::columns::customer;
    use crate::domain::money::Money;
    use crate::domain::phone::Phone;
    use crate::engine::closing::Change;

    fn day(d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 3, d).unwrap()
    }

    /// One of every kind of finding.
    fn samples() -> Vec<Found> {
        let phone = Phone::parse("13800138000").unwrap();
        let money = Money::new(12800, 0);
        let report = KindReport { kind: TableKind::Claims, found: vec!["date"], missing: vec![(&TableKind::Customers.columns()[customer::AMOUNT], Some("金额(元)".into()))] };
        let text = |s: &str| s.to_string();
        vec![
            Found::EmptyFile { kind: Some(TableKind::Claims) },
            Found::EmptyFile { kind: None },
            Found::NoHeader { within: 30, line: Some(2), reports: vec![report.clone()], sheet: true, squeezed: None },
            Found::NoHeader { within: 30, line: None, reports: vec![report.clone()], sheet: false, squeezed: None },
            Found::NoHeader { within: 30, line: Some(1), reports: vec![], sheet: false, squeezed: Some(Squeezed { sep: ',', read_as: ReadAs::Utf16 }) },
            Found::NoHeader { within: 30, line: Some(1), reports: vec![], sheet: false, squeezed: Some(Squeezed { sep: ';', read_as: ReadAs::Text }) },
            Found::NoHeader { within: 30, line: Some(1), reports: vec![], sheet: true, squeezed: Some(Squeezed { sep: '\t', read_as: ReadAs::Workbook }) },
            Found::MissingColumn { column: &TableKind::Customers.columns()[customer::AMOUNT], kind: TableKind::Customers, header: vec![text("单号")], closest: None },
            Found::WrongKind { found: TableKind::Customers, wanted: TableKind::Claims },
            Found::NoSheetOfKind { wanted: TableKind::Claims, sheets: vec![(text("汇总"), SheetWhat::NoHeader), (text("成交"), SheetWhat::Other(TableKind::Customers))] },
            Found::TotalsMismatch { word: "合计", stated: money, sum: money, net: Some(money) },
            Found::NoFinalNewline,
            Found::ExtraCells { cells: 7, columns: 6 },
            Found::BadEncoding { encoding: "UTF-8" },
            Found::BadCsv(CsvWhy::TooManyLines),
            Found::OpenQuote,
            Found::CutShort { cells: 3, columns: 5 },
            Found::TooMuchText,
            Found::MissingField { column: "phone", then: Then::DealToCloser },
            Found::BadCell { column: "date", value: text("3月5日"), why: BadValue::Date(BadDate::NoYear) },
            Found::BadCell { column: "amount", value: text("-5"), why: BadValue::Amount(BadAmount::Negative) },
            Found::BadCell { column: "amount", value: text("#VALUE!"), why: BadValue::ExcelError },
            Found::BadCell { column: "date", value: text("46086"), why: BadValue::ExcelDay(day(5)) },
            Found::bad_phone("phone", "#N/A", BadPhone::ExcelError, Then::DealToCloser),
            Found::bad_phone("phone", "1.38E+10", BadPhone::ENotation, Then::RowLost),
            Found::bad_phone("phone", "13800000001或1380000000", BadPhone::Digits { count: 10 }, Then::RulingIgnored),
            Found::UnknownEvent { value: text("约谈") },
            Found::DealWordEvent { value: text("成交") },
            Found::DuplicateDealId { id: text("D1"), first: text("customers.csv:2") },
            Found::Formula { column: text("customer"), value: text("=A1") },
            Found::SelfLink { phone: phone.to_string() },
            Found::BadStatus { value: text("挂起"), refunded: StatusList::BuiltIn(vec![text("退单")]), normal: StatusList::Given },
            Found::RefundBeforeDeal { refund: day(1), deal: day(2) },
            Found::NegativeWithoutRefundOf { amount: text("-500") },
            Found::RefundOfNotNegative { amount: text("500"), of: text("D1"), negated: Some(-money) },
            Found::RefundOfNotNegative { amount: text("0"), of: text("D1"), negated: None },
            Found::NamesNoDeal { of: text("D9") },
            Found::NamesRefund { of: text("R2"), at: text("customers.csv:4") },
            Found::DealAfterRefund { of: text("D1"), at: text("customers.csv:2"), deal: day(5), refund: day(1) },
            Found::AlreadyRefundedInFull { of: text("D3"), at: text("customers.csv:10") },
            Found::RefundsExceed { of: text("D1"), at: text("customers.csv:2"), total: money, amount: money },
            Found::NoRep,
            Found::UnknownRep { column: "rep", name: text("张玮"), hint: Some(text("张伟")) },
            Found::UnknownRep { column: "closed_by", name: text("刘阳"), hint: None },
            Found::MissingFields { fields: Fields::default(), required: Fields::default() },
            Found::NoPhone,
            Found::AfterDeal { deal: text("D1"), at: text("customers.csv:2"), first_deal: day(5) },
            Found::LateClaim { days: 2, first_contact: day(3), within: 1 },
            Found::CrossRegion { region: text("west"), rep: text("张伟"), rep_region: text("east"), allowed: vec![text("group_design")] },
            Found::Duplicate { holder: text("张伟"), at: text("claims.csv:2"), start: day(1), end: day(11) },
            Found::OverQuota { held: 20, channel: text("field"), quota: 20 },
            Found::Orphan { event: Event::Visit, why: OrphanWhy::Ended { row: text("claims.csv:3"), end: day(12) } },
            Found::AfterAsOf { day: day(20), as_of: Some(day(10)) },
            Found::SlowFollowUp { gap: 5, last: day(3), every: 3 },
            Found::NoFollowUpSince { last: day(1), quiet: 9, as_of: day(10), every: 3 },
            Found::WillLapse { end: day(11), left: 1, last_touch: day(1), lapse: 10 },
            Found::WillExpire { end: day(16), left: 0, start: day(1), days: 15, channel: text("field") },
            Found::PossibleDuplicate { reason: Reason::SimilarPhone, name: text("赵敏"), other_name: text("赵敏"), address: text(""), other: phone, at: text("claims.csv:5") },
            Found::LinkedClaimsConflict { phone, holder: text("张伟"), at: text("claims.csv:2"), holder_phone: phone, links: vec![LinkPlace { row: text("claims.csv:4"), one_cell: true }] },
            Found::RepeatedRuling,
            Found::PolicySkipped { file: text("customers.csv"), errors: 2, rows: false },
            Found::PolicySkipped { file: text("claims.xlsx[4月]"), errors: 1, rows: true },
            Found::ClosedPeriodEdited { change: Change::Vanished, period: crate::domain::period::Period::parse("2026Q1").unwrap(), snapshot: text("closed/2026Q1.json"), next_open: None },
        ]
    }

    #[test]
    fn chinese_findings_name_columns_as_a_sheet_does() {
        let ids: Vec<String> = TableKind::ALL.iter().flat_map(|k| k.columns()).map(|c| format!("`{}`", c.name)).collect();
        for found in samples() {
            // Naming the column to map under [columns] is the point of this one.
            if matches!(found, Found::MissingColumn { .. }) {
                continue;
            }
            let zh = finding(&found, Lang::Zh);
            assert!(!ids.iter().any(|id| zh.contains(id.as_str())), "a column id in {zh}");
        }
    }

    #[test]
    fn every_finding_reads_in_chinese_without_english_prose() {
        // English glue words that never belong in the Chinese text.
        let english = [" the ", " is ", " a ", " and ", " of ", " in ", " not ", " to ", " has ", " or "];
        for found in samples() {
            let (zh, en) = (finding(&found, Lang::Zh), finding(&found, Lang::En));
            assert!(!zh.is_empty() && !en.is_empty() && zh != en, "{found:?}");
            assert!(zh.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c)), "no Chinese in {zh}");
            let spaced = format!(" {zh} ");
            assert!(!english.iter().any(|w| spaced.contains(w)), "English in the Chinese of {found:?}: {zh}");
            assert!(!zh.contains("; ") && !zh.contains(": "), "half-width punctuation in prose: {zh}");
        }
    }

    #[test]
    fn mask_phones_masks_the_quoted_phone_and_its_bad_part_in_both_languages() {
        let found = Found::bad_phone("phone", "13800000001或1380000000", BadPhone::Digits { count: 10 }, Then::DealToCloser);
        let mut d = Diagnostic::warning("customers.csv", Some(3), Some(4), Code::BadPhone, found);
        d.mask_phones(|p| "*".repeat(p.chars().count()));
        for lang in Lang::ALL {
            let text = d.message(lang);
            assert!(!text.contains("1380000000"), "{text}");
        }
        assert!(d.paint(false, Lang::Zh).starts_with("customers.csv:3:4: warning[bad_phone]: 电话 `"));
    }

    #[test]
    fn the_summary_speaks_both_languages() {
        let files = [CheckedFile::Table { file: "claims.csv", kind: TableKind::Claims, format: "UTF-8", rows: 1 }];
        let as_of = Some(as_of_today(day(10), "Asia/Shanghai", Lang::Zh));
        assert_eq!(
            checked(&files, "rules.toml", as_of, 1, 2, Lang::Zh),
            "已检查 claims.csv（报备台账，UTF-8，1行），规则文件 rules.toml，截止日 2026-03-10（今天，按 Asia/Shanghai 时间）：1个错误，2个提醒"
        );
        assert_eq!(
            checked(&files, "rules.toml", None, 1, 1, Lang::En),
            "checked claims.csv (claim ledger, UTF-8, 1 row) with rules.toml: 1 error, 1 warning"
        );
    }
}

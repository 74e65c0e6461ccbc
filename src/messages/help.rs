//! The words of `--help`, usage errors and the man page, in both
//! languages: each command's about and examples, each flag's help and value
//! name, the headings. `cli.rs` applies them to the clap command; the doc
//! comments on the clap structs are for developers only.

use super::Lang;

/// What a command says about itself.
pub struct CommandHelp {
    pub about: &'static str,
    pub long_about: Option<&'static str>,
    pub after_help: &'static str,
}

/// A command's help; `""` is leadctl itself.
pub fn command(name: &str, lang: Lang) -> Option<CommandHelp> {
    let h = |about, long_about, after_help| Some(CommandHelp { about, long_about, after_help });
    match (name, lang) {
        ("", Lang::Zh) => h(
            "裁定每一单归谁：报备是否有效、保护期、归属和提成",
            Some("leadctl 读报备台账、成交台账和 rules.toml 里的规则，裁定每一单归谁、哪些报备无效及原因，\n并算出每个业务员的提成。"),
            "示例：\n  leadctl init && leadctl attribute\n  leadctl check 意向客户跟踪表.xlsx\n  leadctl attribute --period 2026Q1 --out out/\n  leadctl explain 13800138000\n\n\
             退出码：0 完成（check：没有错误），1 check 发现错误，2 没能运行。",
        ),
        ("", Lang::En) => h(
            "Settles who owns each sale: claim validity, protection, ownership and commissions",
            Some("leadctl reads the claim ledger (报备), the customer (deal) ledger and the policy in rules.toml, and decides who owns each deal, which claims are invalid and why, and each rep's commission."),
            "Examples:\n  leadctl init && leadctl attribute\n  leadctl check 意向客户跟踪表.xlsx\n  leadctl attribute --period 2026Q1 --out out/\n  leadctl explain 13800138000\n\n\
             Exit status: 0 done (check: no error), 1 check found errors, 2 could not run.",
        ),
        ("attribute", Lang::Zh) => h(
            "裁定每一单归谁、哪些报备无效，并算提成",
            None,
            "示例：\n  leadctl attribute\n  leadctl attribute --as-of 2026-03-31 --period 2026Q1\n  leadctl attribute --out out/            # 写出 out/deals.csv、claims.csv、commissions.csv\n  leadctl attribute --format json > month.json\n  leadctl attribute --format xlsx --out 2026Q1.xlsx\n  leadctl attribute --format csv --claims - < claims.csv | xsv search -s report commissions",
        ),
        ("attribute", Lang::En) => h(
            "Decide who owns each deal, which claims are invalid, and commissions",
            None,
            "Examples:\n  leadctl attribute\n  leadctl attribute --as-of 2026-03-31 --period 2026Q1\n  leadctl attribute --out out/            # writes out/deals.csv, claims.csv, commissions.csv\n  leadctl attribute --format json > month.json\n  leadctl attribute --format xlsx --out 2026Q1.xlsx\n  leadctl attribute --format csv --claims - < claims.csv | xsv search -s report commissions",
        ),
        ("check", Lang::Zh) => h(
            "交表前先检查：列出每一处问题和位置",
            None,
            "退出码：0 没有错误，1 有错误（加 --strict 时提醒也算），2 没能运行。\n\n\
             示例：\n  leadctl check                               # 检查 rules.toml 里写的台账\n  leadctl check 意向客户跟踪表.xlsx\n  leadctl check claims.csv customers.csv --as-of 2026-03-31 --warn-days 5\n  leadctl check --format json claims.csv",
        ),
        ("check", Lang::En) => h(
            "Check spreadsheets before they are handed in: every problem, with its place",
            None,
            "Exit status: 0 no error, 1 errors found (or warnings with --strict), 2 could not run.\n\n\
             Examples:\n  leadctl check                               # the ledgers named in rules.toml\n  leadctl check 意向客户跟踪表.xlsx\n  leadctl check claims.csv customers.csv --as-of 2026-03-31 --warn-days 5\n  leadctl check --format json claims.csv",
        ),
        ("dupes", Lang::Zh) => h(
            "列出可能是同一客户、还没关联的电话，输出成可编辑的 links.csv",
            None,
            "经理把确认无误的几对电话保存到关联电话文件（rules.toml 的 [ledgers] links）之前，什么都不会关联。\n\n\
             示例：\n  leadctl dupes\n  leadctl dupes --out 待确认.csv          # 改好后把要保留的行放进 links.csv\n  leadctl dupes --format csv | head",
        ),
        ("dupes", Lang::En) => h(
            "List phones that are probably one customer and not linked yet, as a links.csv to edit",
            None,
            "Nothing is linked until a manager keeps the pairs that are right in the links file ([ledgers] links in rules.toml).\n\n\
             Examples:\n  leadctl dupes\n  leadctl dupes --out 待确认.csv          # edit it, then keep its rows in links.csv\n  leadctl dupes --format csv | head",
        ),
        ("close", Lang::Zh) => h(
            "结账：把已付提成的结算期冻结成快照（closed/2026Q1.json）",
            None,
            "示例：\n  leadctl close 2026Q1                     # 2026Q1 的提成付完后；写出 closed/2026Q1.json\n  leadctl close 2026Q1 --as-of 2026-04-05  # 按付款那天的台账结账\n\n\
             快照不会重写。之后再运行时，这个结算期显示为已冻结，任何差额（退单、补录的行、裁决）\n都作为调整记到下一个未结账的结算期。",
        ),
        ("close", Lang::En) => h(
            "Close a paid commission period: freeze its lines in a snapshot (closed/2026Q1.json)",
            None,
            "Examples:\n  leadctl close 2026Q1                     # once 2026Q1 is paid; writes closed/2026Q1.json\n  leadctl close 2026Q1 --as-of 2026-04-05  # the ledgers as they stood when it was paid\n\n\
             A snapshot is never rewritten. Later runs show the period as frozen and post any\ndifference (a refund, a late row, a ruling) as an adjustment in the next open period.",
        ),
        ("explain", Lang::Zh) => h(
            "看一个客户的时间线：每一条报备、跟进、成交和裁决，以及原因",
            None,
            "示例：\n  leadctl explain 13800138000\n  leadctl explain \"+86 138 0013 8000\"\n  leadctl explain SO-2026-0007\n  leadctl explain examples/claims.csv:41 --format json",
        ),
        ("explain", Lang::En) => h(
            "Show one customer's timeline: every claim, touch, deal and ruling, and why",
            None,
            "Examples:\n  leadctl explain 13800138000\n  leadctl explain \"+86 138 0013 8000\"\n  leadctl explain SO-2026-0007\n  leadctl explain examples/claims.csv:41 --format json",
        ),
        ("statement", Lang::Zh) => h(
            "写出每个业务员某个结算期的提成明细：结算期-姓名.xlsx 和 .html",
            None,
            "示例：\n  leadctl statement --out statements/                 # 每人最近一个已结束的结算期\n  leadctl statement --period 2026Q1 --out statements/  # 每人一份 2026Q1-姓名.html 和 .xlsx\n  leadctl statement --period 2026Q1 --rep 张伟 --mask-phones --out statements/",
        ),
        ("statement", Lang::En) => h(
            "Write each rep's statement (提成明细) for a period: PERIOD-NAME.xlsx and .html",
            None,
            "Examples:\n  leadctl statement --out statements/                 # every rep's last ended period\n  leadctl statement --period 2026Q1 --out statements/  # writes statements/2026Q1-张伟.html and .xlsx, …\n  leadctl statement --period 2026Q1 --rep 张伟 --mask-phones --out statements/",
        ),
        ("report", Lang::Zh) => h(
            "把一个结算期的经营概览写成一页可打印的 HTML",
            None,
            "示例：\n  leadctl report --html overview.html\n  leadctl report --html 2026Q1.html --period 2026Q1 --as-of 2026-03-31 --warn-days 5",
        ),
        ("report", Lang::En) => h(
            "Write the manager's overview of a period as one printable HTML page",
            None,
            "Examples:\n  leadctl report --html overview.html\n  leadctl report --html 2026Q1.html --period 2026Q1 --as-of 2026-03-31 --warn-days 5",
        ),
        ("init", Lang::Zh) => h(
            "新建一个文件夹：带注释的 rules.toml 和示例台账（不覆盖已有文件）",
            None,
            "示例：\n  leadctl init             # 在当前文件夹\n  leadctl init 2026-alliance && cd 2026-alliance && leadctl attribute",
        ),
        ("init", Lang::En) => h(
            "Start a folder: a commented rules.toml and sample ledgers (never overwrites)",
            None,
            "Examples:\n  leadctl init             # in this folder\n  leadctl init 2026-alliance && cd 2026-alliance && leadctl attribute",
        ),
        ("completions", Lang::Zh) => h(
            "输出命令行补全脚本（bash、zsh、fish、powershell、elvish）",
            None,
            "示例：\n  leadctl completions bash > ~/.local/share/bash-completion/completions/leadctl\n  leadctl completions zsh > ~/.zfunc/_leadctl\n  leadctl completions fish > ~/.config/fish/completions/leadctl.fish\n  leadctl completions powershell >> $PROFILE",
        ),
        ("completions", Lang::En) => h(
            "Print shell completions (bash, zsh, fish, powershell, elvish)",
            None,
            "Examples:\n  leadctl completions bash > ~/.local/share/bash-completion/completions/leadctl\n  leadctl completions zsh > ~/.zfunc/_leadctl\n  leadctl completions fish > ~/.config/fish/completions/leadctl.fish\n  leadctl completions powershell >> $PROFILE",
        ),
        ("man", Lang::Zh) => h(
            "输出 man 手册页（roff 格式）",
            None,
            "示例：\n  leadctl man > leadctl.1 && man ./leadctl.1\n  leadctl man | gzip > /usr/local/share/man/man1/leadctl.1.gz",
        ),
        ("man", Lang::En) => h(
            "Print the man page (roff)",
            None,
            "Examples:\n  leadctl man > leadctl.1 && man ./leadctl.1\n  leadctl man | gzip > /usr/local/share/man/man1/leadctl.1.gz",
        ),
        ("help", Lang::Zh) => h("显示某个命令的帮助", None, ""),
        ("help", Lang::En) => h("Print this message or the help of the given subcommand(s)", None, ""),
        _ => None,
    }
}

/// A flag's or argument's help in command `cmd` (its id as clap names it);
/// `None` for an id with no words here (hidden flags).
pub fn arg(cmd: &str, id: &str, lang: Lang) -> Option<&'static str> {
    let zh = lang == Lang::Zh;
    let pick = |z: &'static str, e: &'static str| Some(if zh { z } else { e });
    match (cmd, id) {
        (_, "help") => pick("显示帮助（-h 简要，--help 详细）", "Print help (see more with '--help')"),
        (_, "version") => pick("显示版本", "Print version"),
        (_, "quiet") => pick("只显示错误，其余看退出码", "Print only errors; the exit status says the rest"),
        (_, "verbose") => pick("说明读了什么：用的规则文件，每个文件的类型、编码和行数", "Say what was read: the rules file used, each file's kind, encoding and row count"),
        (_, "color") => pick("什么时候用颜色（auto 时遵守 NO_COLOR 和 CLICOLOR_FORCE）", "When to color output (NO_COLOR and CLICOLOR_FORCE are honoured with auto)"),
        (_, "lang") => pick(
            "消息、表格和帮助的语言：zh 或 en [默认：rules.toml 的 lang，否则看系统语言]",
            "The language of messages, tables and help: zh or en [default: rules.toml lang, else the locale]",
        ),
        (_, "rules") => pick("规则文件 [默认：./rules.toml]", "The rules file [default: ./rules.toml]"),
        (_, "max_errors") => pick("最多显示这么多条错误（提醒也一样），其余只报条数", "Show at most this many errors (and as many warnings) before \"and N more\""),
        (_, "threads") => pick(
            "读写用几个线程：1 就是一次一个文件 [默认：机器有两个核时用 2]",
            "Threads to read and write with: 1 does one file at a time [default: 2 when the machine has two cores]",
        ),
        (_, "sheets") => pick("只读工作簿里这个工作表（可重复写多个） [默认：每个工作表]", "Read only this sheet of a workbook (repeat for several) [default: every sheet]"),
        (_, "customers") => pick("成交台账 [默认：rules.toml 的 ledgers.customers]", "The customer (deal) ledger [default: ledgers.customers in rules.toml]"),
        (_, "claims") => pick("报备台账 [默认：rules.toml 的 ledgers.claims]", "The claim ledger [default: ledgers.claims in rules.toml]"),
        (_, "rulings") => pick("裁决文件 [默认：rules.toml 的 ledgers.rulings（如有）]", "The rulings file [default: ledgers.rulings in rules.toml, if set]"),
        (_, "links") => pick(
            "关联电话：同一客户的几个电话 [默认：rules.toml 的 ledgers.links（如有）]",
            "Links between phones of one customer (SPEC §15) [default: ledgers.links in rules.toml, if set]",
        ),
        ("check", "as_of") => pick("按这一天检查，并提醒之后几天内就要失效或过期的报备 [默认：今天]", "Warn about claims that lapse or expire soon after this day [default: today]"),
        (_, "as_of") => pick("按这一天结束时的台账重算 [默认：台账里最晚的一天]", "Replay the ledgers as they stood at the end of this day [default: the latest day in them]"),
        ("check", "files") => pick(
            "报备台账、成交台账和裁决（.csv、.tsv、.txt、.xlsx、.xls、.ods）；按列认出每个文件是什么 [默认：rules.toml 里的台账]",
            "Claim ledgers, customer ledgers and rulings (.csv, .tsv, .txt, .xlsx, .xls, .ods); each file's kind is recognised from its columns [default: the ledgers in rules.toml]",
        ),
        ("check", "warn_days") => pick("提前几天提醒快要失效、过期的报备", "How many days ahead to warn about lapsing and expiring claims"),
        ("check", "strict") => pick("提醒也按错误算退出码", "Warnings count as errors for the exit status"),
        ("check", "format") => pick("text 给人看，json 给脚本读", "Text for people, JSON for scripts"),
        ("attribute", "period") => pick("只列这段时间里各结算期的提成：2026Q1、2026-03 或 2026", "Only report commission periods inside this one: 2026Q1, 2026-03 or 2026"),
        ("attribute", "out") => pick(
            "写出报表：给文件夹就写 deals.csv、claims.csv 和 commissions.csv；配 --format json 或 xlsx 时给文件；`-` 把 csv 或 json 写到标准输出",
            "Write the reports: a folder gets deals.csv, claims.csv and commissions.csv; with --format json or xlsx, a file; `-` streams csv or json to standard output",
        ),
        ("attribute", "format") => pick(
            "table（终端）、csv、json，或 xlsx（一个工作簿，配 --out 文件.xlsx）",
            "table (terminal), csv, json, or xlsx (one workbook, with --out FILE.xlsx)",
        ),
        (_, "no_bom") => pick("CSV 不加 Excel 需要的 UTF-8 BOM", "Write CSV without the UTF-8 byte-order mark Excel needs"),
        ("attribute", "raw") => pick("不处理表格软件会当成公式执行的 CSV 单元格", "Do not neutralise CSV cells that a spreadsheet would run as formulas"),
        ("attribute", "mask_phones") => pick(
            "电话一律显示成 138****8000：表格、提醒、文件、JSON 和 CSV",
            "Show phones as 138****8000 everywhere: tables, warnings, files, JSON and CSV",
        ),
        ("attribute", "wait") => pick("配 --out 文件夹：另一个运行正在写这个文件夹时，最多等这么多秒", "With --out DIR: wait this long for another run writing DIR to end"),
        ("dupes", "out") => pick("把这些电话对写成 links.csv 到这个文件（不会覆盖输入）", "Write the pairs as a links.csv to FILE (never over an input)"),
        ("dupes", "format") => pick("table 或 csv [默认：终端上用 table，否则 csv]", "table or csv [default: table on a terminal, else csv]"),
        ("close", "period") => pick(
            "要结账的结算期：2026Q1，或在 commission.period = \"month\" 时写 2026-03",
            "The commission period to close: 2026Q1, or 2026-03 with commission.period = \"month\"",
        ),
        ("explain", "key") => pick(
            "一个电话（怎么写都行）、一个单号，或报备台账的一行，如 claims.csv:41",
            "A phone (any written form), a deal id, or a claim-ledger row like claims.csv:41",
        ),
        ("explain", "format") => pick("table 给人看，json 给脚本读", "Table for people, JSON for scripts"),
        ("explain", "mask_phones") => pick("电话显示成 138****8000（查询的电话仍写全号）", "Show phones as 138****8000 (KEY is still the full number)"),
        ("statement" | "report", "period") => pick(
            "结算期 [默认：截止日前最近一个已结束的结算期]",
            "The commission period [default: the latest period that has ended by the as-of day]",
        ),
        ("statement", "rep") => pick("只写这个业务员的明细，没有提成记录也写", "Only this rep's statement, written even when the rep has no commission line"),
        ("statement", "out") => pick("把 结算期-姓名.xlsx 和 结算期-姓名.html 写进这个文件夹（没有就新建）", "The folder to write PERIOD-NAME.xlsx and PERIOD-NAME.html into (created if needed)"),
        ("statement" | "report", "mask_phones") => pick("电话显示成 138****8000", "Print phones as 138****8000"),
        ("report", "html") => pick("把概览页写到这个文件", "Write the overview page to this file"),
        ("report", "warn_days") => pick("列出保护期在截止日后这么多天内结束的报备", "List claims whose protection ends within this many days of the as-of day"),
        ("init", "dir") => pick("在这个文件夹里新建（没有就新建文件夹）", "The folder to start in (created if needed)"),
        ("completions", "shell") => pick("bash、zsh、fish、powershell 或 elvish", "bash, zsh, fish, powershell or elvish"),
        ("help", "subcommand") => pick("要看帮助的命令", "The subcommand whose help to print"),
        _ => None,
    }
}

/// `--encoding`'s help, naming the encodings leadctl reads.
pub fn encoding(choices: &str, lang: Lang) -> String {
    match lang {
        Lang::Zh => format!("按这个编码读文本文件：{} [默认：自动识别]", zh_list(choices)),
        Lang::En => format!("Read text files in this encoding: {choices} [default: detected]"),
    }
}

/// `a, b (c)` as Chinese writes a list: `a、b（c）`.
pub(crate) fn zh_list(list: &str) -> String {
    list.replace(", ", "、").replace(" (", "（").replace(')', "）")
}

/// ` [可选：a、b]`: the values a flag takes, for the language clap does not speak.
pub fn choices(values: &[String], lang: Lang) -> String {
    match lang {
        Lang::Zh => format!(" [可选：{}]", values.join("、")),
        Lang::En => format!(" [possible values: {}]", values.join(", ")),
    }
}

/// ` [默认：x]`: a flag's default value.
pub fn default_value(value: &str, lang: Lang) -> String {
    match lang {
        Lang::Zh => format!(" [默认：{value}]"),
        Lang::En => format!(" [default: {value}]"),
    }
}

/// A value name (`PATH`, `DAY`) as shown in `zh`; English keeps clap's.
pub fn value_name(name: &str, lang: Lang) -> Option<&'static str> {
    match lang {
        Lang::En => None,
        Lang::Zh => match name {
            "PATH" => Some("路径"),
            "DAY" => Some("日期"),
            "PERIOD" => Some("结算期"),
            "N" => Some("数量"),
            "DAYS" => Some("天数"),
            "NAME" => Some("名称"),
            "FILE" => Some("文件"),
            "DIR" => Some("文件夹"),
            "DIR|FILE|-" => Some("文件夹|文件|-"),
            "SECS" => Some("秒数"),
            "WHEN" => Some("何时"),
            "LANG" => Some("语言"),
            "KEY" => Some("查询"),
            "SHELL" => Some("外壳"),
            "COMMAND" => Some("命令"),
            "FORMAT" => Some("格式"),
            _ => None,
        },
    }
}

/// A man page section clap_mangen names (`NAME`, `SYNOPSIS`…), in `lang`;
/// `None` keeps it as it is.
pub fn man_section(name: &str, lang: Lang) -> Option<&'static str> {
    match lang {
        Lang::En => None,
        Lang::Zh => match name {
            "NAME" => Some("名称"),
            "SYNOPSIS" => Some("用法"),
            "DESCRIPTION" => Some("说明"),
            "OPTIONS" => Some("选项"),
            "SUBCOMMANDS" => Some("命令"),
            "EXTRA" => Some("示例"),
            "VERSION" => Some("版本"),
            "AUTHORS" => Some("作者"),
            _ => None,
        },
    }
}

/// clap's own placeholders in a usage line (`[OPTIONS]`, `<COMMAND>`), in `lang`.
pub fn placeholders(text: &str, lang: Lang) -> String {
    match lang {
        Lang::En => text.to_string(),
        Lang::Zh => text.replace("[OPTIONS]", "[选项]").replace("<COMMAND>", "<命令>").replace("[COMMAND]", "[命令]"),
    }
}

/// The headings of a help page.
pub struct Headings {
    pub usage: &'static str,
    pub arguments: &'static str,
    pub options: &'static str,
    pub commands: &'static str,
}

pub fn headings(lang: Lang) -> Headings {
    match lang {
        Lang::Zh => Headings { usage: "用法：", arguments: "参数", options: "选项", commands: "命令" },
        Lang::En => Headings { usage: "Usage:", arguments: "Arguments", options: "Options", commands: "Commands" },
    }
}

/// A usage error from clap, as data: its kind and the values it is about.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum UsageWhy {
    UnknownFlag { flag: String, suggested: Option<String> },
    UnknownCommand { command: String, suggested: Option<String> },
    /// A value not among the possible ones.
    BadChoice { flag: String, value: String, choices: Vec<String> },
    /// A value the flag's parser refused; `why` its reason, in the language.
    BadValue { flag: String, value: String, why: Option<String> },
    MissingValue { flag: String },
    Missing { args: Vec<String> },
    Conflict { flag: String, other: Option<String> },
    TooMany { value: String },
    NoCommand,
    /// Any other kind: leadctl did not understand the command line.
    Other,
}

/// A usage error in `lang`, then how to see the whole help.
pub fn usage_error(why: &UsageWhy, usage: &str, help: &str, lang: Lang) -> String {
    let sentence = match (why, lang) {
        // A word that is not a flag: one argument too many.
        (UsageWhy::UnknownFlag { flag, suggested: None }, Lang::Zh) if !flag.starts_with('-') => format!("多写了参数 `{flag}`；去掉它，或看下面的用法"),
        // The same flag twice.
        (UsageWhy::Conflict { flag, other: Some(o) }, Lang::Zh) if o == flag => format!("`{flag}` 只能写一次"),
        (UsageWhy::Conflict { flag, other: Some(o) }, Lang::En) if o == flag => format!("`{flag}` cannot be used multiple times"),
        (UsageWhy::UnknownFlag { flag, suggested: Some(s) }, Lang::Zh) => format!("没有 `{flag}` 这个选项；是不是要写 `{s}`？"),
        (UsageWhy::UnknownFlag { flag, suggested: None }, Lang::Zh) => format!("没有 `{flag}` 这个选项；去掉它，或看下面的用法"),
        (UsageWhy::UnknownFlag { flag, suggested: Some(s) }, Lang::En) => format!("unexpected argument `{flag}`; did you mean `{s}`?"),
        (UsageWhy::UnknownFlag { flag, suggested: None }, Lang::En) => format!("unexpected argument `{flag}`; remove it, or see the usage below"),
        (UsageWhy::UnknownCommand { command, suggested: Some(s) }, Lang::Zh) => format!("没有 `{command}` 这个命令；是不是要写 `{s}`？"),
        (UsageWhy::UnknownCommand { command, suggested: None }, Lang::Zh) => format!("没有 `{command}` 这个命令"),
        (UsageWhy::UnknownCommand { command, suggested: Some(s) }, Lang::En) => format!("unrecognized subcommand `{command}`; did you mean `{s}`?"),
        (UsageWhy::UnknownCommand { command, suggested: None }, Lang::En) => format!("unrecognized subcommand `{command}`"),
        (UsageWhy::BadChoice { flag, value, choices }, Lang::Zh) => format!("`{flag}` 不能写 `{value}`；可以写：{}", choices.join("、")),
        (UsageWhy::BadChoice { flag, value, choices }, Lang::En) => format!("invalid value `{value}` for `{flag}`; possible values: {}", choices.join(", ")),
        (UsageWhy::BadValue { flag, value, why: Some(why) }, Lang::Zh) => format!("`{flag}` 的值 `{value}` 不对：{why}"),
        (UsageWhy::BadValue { flag, value, why: None }, Lang::Zh) => format!("`{flag}` 的值 `{value}` 不对"),
        (UsageWhy::BadValue { flag, value, why: Some(why) }, Lang::En) => format!("invalid value `{value}` for `{flag}`: {why}"),
        (UsageWhy::BadValue { flag, value, why: None }, Lang::En) => format!("invalid value `{value}` for `{flag}`"),
        (UsageWhy::MissingValue { flag }, Lang::Zh) => format!("`{flag}` 后面要写一个值"),
        (UsageWhy::MissingValue { flag }, Lang::En) => format!("a value is required for `{flag}` but none was supplied"),
        (UsageWhy::Missing { args }, Lang::Zh) => format!("缺少必填的参数：{}", args.join("、")),
        (UsageWhy::Missing { args }, Lang::En) => format!("the following required arguments were not provided: {}", args.join(", ")),
        (UsageWhy::Conflict { flag, other: Some(o) }, Lang::Zh) => format!("`{flag}` 不能和 `{o}` 一起用"),
        (UsageWhy::Conflict { flag, other: None }, Lang::Zh) => format!("`{flag}` 不能和其他选项一起用"),
        (UsageWhy::Conflict { flag, other: Some(o) }, Lang::En) => format!("`{flag}` cannot be used with `{o}`"),
        (UsageWhy::Conflict { flag, other: None }, Lang::En) => format!("`{flag}` cannot be used with one or more of the other arguments"),
        (UsageWhy::TooMany { value }, Lang::Zh) => format!("多写了 `{value}`；去掉它"),
        (UsageWhy::TooMany { value }, Lang::En) => format!("unexpected value `{value}`; remove it"),
        (UsageWhy::NoCommand, Lang::Zh) => "请写一个命令，如 leadctl check".into(),
        (UsageWhy::NoCommand, Lang::En) => "give a command, like leadctl check".into(),
        (UsageWhy::Other, Lang::Zh) => "命令行写得不对".into(),
        (UsageWhy::Other, Lang::En) => "the command line does not read".into(),
    };
    let h = headings(lang);
    match lang {
        Lang::Zh => format!("error: {sentence}\n\n{}{usage}\n\n想看全部选项，请运行 `{help}`。\n", h.usage),
        Lang::En => format!("error: {sentence}\n\n{} {usage}\n\nFor more information, try '{help}'.\n", h.usage),
    }
}

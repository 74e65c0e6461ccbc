//! What a run says about itself on standard error: findings not shown,
//! and the `-v` lines (how long reading and deciding took, sheets skipped).

use super::Lang;

/// `… and N more errors (raise --max-errors to see them)`.
pub fn more_not_shown(n: u64, errors: bool, lang: Lang) -> String {
    match lang {
        Lang::Zh => format!("……还有 {n} 条{}没显示（加大 --max-errors 可以看到）", if errors { "错误" } else { "提醒" }),
        Lang::En => format!("… and {n} more {} (raise --max-errors to see them)", if errors { "errors" } else { "warnings" }),
    }
}

/// `-v`: the seconds reading took.
pub fn read_in(secs: f64, lang: Lang) -> String {
    match lang {
        Lang::Zh => format!("读取用了 {secs:.2} 秒"),
        Lang::En => format!("read in {secs:.2} s"),
    }
}

/// `-v`: the seconds deciding took.
pub fn decided_in(secs: f64, lang: Lang) -> String {
    match lang {
        Lang::Zh => format!("裁定用了 {secs:.2} 秒"),
        Lang::En => format!("decided in {secs:.2} s"),
    }
}

/// `-v`: the rules file used.
pub fn rules_used(path: &std::path::Path, lang: Lang) -> String {
    match lang {
        Lang::Zh => format!("规则：{}", path.display()),
        Lang::En => format!("rules: {}", path.display()),
    }
}

/// `-v`: a sheet not read, and why.
pub fn skipped(place: &str, why: &str, lang: Lang) -> String {
    match lang {
        Lang::Zh => format!("跳过 {place}：{why}"),
        Lang::En => format!("skipped {place}: it {why}"),
    }
}

/// `init`: a file written.
pub fn init_wrote(path: &std::path::Path, lang: Lang) -> String {
    match lang {
        Lang::Zh => format!("已写出 {}", path.display()),
        Lang::En => format!("wrote {}", path.display()),
    }
}

/// `init`: a file kept as it was.
pub fn init_kept(path: &std::path::Path, lang: Lang) -> String {
    match lang {
        Lang::Zh => format!("保留 {}（已存在；leadctl init 从不覆盖）", path.display()),
        Lang::En => format!("kept {} (it exists; leadctl init never overwrites)", path.display()),
    }
}

/// `init`: what to do next; `cd` is `cd DIR && ` or empty.
pub fn init_next(cd: &str, lang: Lang) -> [String; 2] {
    match lang {
        Lang::Zh => [
            format!("下一步：在 rules.toml 里改好业务员名单，然后运行：{cd}leadctl check && leadctl attribute"),
            format!("想看看出错是什么样子：{cd}leadctl check claims-mistakes.csv"),
        ],
        Lang::En => [
            format!("next: edit the roster in rules.toml, then run: {cd}leadctl check && leadctl attribute"),
            format!("to see what a mistake looks like: {cd}leadctl check claims-mistakes.csv"),
        ],
    }
}

/// The progress bar's label while reading.
pub fn reading(lang: Lang) -> &'static str {
    match lang {
        Lang::Zh => "读取中",
        Lang::En => "reading",
    }
}

/// The progress bar's template (indicatif's keys in braces).
pub fn progress_template(lang: Lang) -> &'static str {
    match lang {
        Lang::Zh => "{spinner} {msg} {human_pos} 行（{per_sec}）{elapsed}",
        Lang::En => "{spinner} {msg} {human_pos} rows ({per_sec}) {elapsed}",
    }
}

/// `-v`: a file read, its kind, encoding or format, and its rows.
pub fn read_file(name: &str, kind: crate::domain::columns::TableKind, format: &str, rows: u64, blank: u64, totals: u64, lang: Lang) -> String {
    use crate::domain::columns::TableKind;
    match lang {
        Lang::Zh => {
            let kind = match kind {
                TableKind::Claims => "报备台账",
                TableKind::Customers => "成交台账",
                TableKind::Rulings => "裁决",
                TableKind::Links => "关联电话",
            };
            let totals = if totals > 0 { format!("，合计行 {totals}") } else { String::new() };
            format!("读取 {name}：{kind}，{format}，{rows} 行（空行 {blank}{totals}）")
        }
        Lang::En => {
            let s = if rows == 1 { "" } else { "s" };
            let totals = if totals > 0 { format!(", {totals} totals") } else { String::new() };
            format!("read {name}: {kind}, {format}, {rows} row{s} ({blank} blank{totals})")
        }
    }
}

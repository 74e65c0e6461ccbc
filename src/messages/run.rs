//! What `init` says.

use super::Lang;

/// `init`: a file written.
pub fn init_wrote(path: &std::path::Path, lang: Lang) -> String {
    match lang {
        Lang::Zh => format!("已写入 {}", path.display()),
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

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

/// `init`: the language the rules.toml it wrote pins for everyone who uses
/// the folder; `flag` when `--lang` chose it (else it is Chinese, as the
/// samples are).
pub fn init_lang(pinned: Lang, flag: bool, lang: Lang) -> String {
    let (code, other) = match pinned {
        Lang::Zh => ("zh", "en"),
        Lang::En => ("en", "zh"),
    };
    match lang {
        Lang::Zh => {
            let by = if flag { format!("（按 --lang {code}）") } else { String::new() };
            let (is, want) = if pinned == Lang::Zh { ("中文", "英文") } else { ("英文", "中文") };
            format!("rules.toml 里写了 lang = \"{code}\"{by}：用这个文件夹的人看到的提示、提成明细和报表都是{is}；要用{want}，改成 lang = \"{other}\"")
        }
        Lang::En => {
            let by = if flag { format!(" (from --lang {code})") } else { String::new() };
            let (is, want) = if pinned == Lang::Zh { ("Chinese", "English") } else { ("English", "Chinese") };
            format!("rules.toml says lang = \"{code}\"{by}: everyone using this folder reads messages, statements and reports in {is}; for {want}, change it to lang = \"{other}\"")
        }
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

//! Summary lines of the commands that write results: what was written,
//! and what `-v` says about a run.

use std::fmt::Display;

use super::Lang;

/// `wrote out/deals.csv`: a file the run wrote.
pub fn wrote(lang: Lang, path: impl Display) -> String {
    match lang {
        Lang::Zh => format!("已写入 {path}"),
        Lang::En => format!("wrote {path}"),
    }
}

/// `-v`: the as-of day a run took.
pub fn as_of(lang: Lang, day: Option<impl Display>) -> String {
    let day = day.map_or("-".to_string(), |d| d.to_string());
    match lang {
        Lang::Zh => format!("截止日 {day}"),
        Lang::En => format!("as of {day}"),
    }
}

/// `-v`: how long writing took.
pub fn wrote_in(lang: Lang, secs: f64) -> String {
    match lang {
        Lang::Zh => format!("写入用时 {secs:.2} 秒"),
        Lang::En => format!("wrote in {secs:.2} s"),
    }
}

/// `-v`: how long reading took.
pub fn read_in(lang: Lang, secs: f64) -> String {
    match lang {
        Lang::Zh => format!("读取用时 {secs:.2} 秒"),
        Lang::En => format!("read in {secs:.2} s"),
    }
}

/// `-v`: how many likely pairs `dupes` found, and how fast.
pub fn pairs_found_in(lang: Lang, pairs: usize, secs: f64) -> String {
    match lang {
        Lang::Zh => format!("找到{pairs}对，用时 {secs:.2} 秒"),
        Lang::En => format!("{} found in {secs:.2} s", super::plural(pairs as u64, "pair")),
    }
}

//! Which language to speak, decided once before the command line is parsed
//! (SPEC §12), so that help and usage errors are in it too: `--lang` from
//! anywhere on the command line, else rules.toml `lang` when the file reads,
//! else the locale.

use std::ffi::OsString;
use std::path::PathBuf;

use crate::messages::Lang;

/// The language for this command line.
pub fn choose(args: &[OsString]) -> Lang {
    let flag = flag_value(args, "--lang").and_then(|v| Lang::parse(&v));
    let rules = || {
        let path = flag_value(args, "--rules").map(PathBuf::from).or_else(super::discover::find_rules)?;
        rules_lang(&path)
    };
    let locale: Vec<Option<String>> = ["LC_ALL", "LC_MESSAGES", "LANG"].iter().map(|k| std::env::var(k).ok()).collect();
    Lang::choose(flag.or_else(rules), None, &locale)
}

/// The value of `--NAME VALUE` or `--NAME=VALUE`, the last one given,
/// before any `--`.
fn flag_value(args: &[OsString], name: &str) -> Option<String> {
    let mut found = None;
    let mut words = args.iter().skip(1).map(|a| a.to_string_lossy());
    while let Some(word) = words.next() {
        if word == "--" {
            break;
        }
        if word == name {
            found = words.next().map(|v| v.into_owned());
        } else if let Some(v) = word.strip_prefix(name).and_then(|rest| rest.strip_prefix('=')) {
            found = Some(v.to_string());
        }
    }
    found
}

/// `lang` of a rules file, when it reads and says one; nothing else of the
/// file is looked at here (its errors are reported when it is loaded).
fn rules_lang(path: &std::path::Path) -> Option<Lang> {
    #[derive(serde::Deserialize)]
    struct OnlyLang {
        lang: Option<String>,
    }
    let meta = std::fs::metadata(path).ok()?;
    if !meta.is_file() || meta.len() > super::RULES_LIMIT {
        return None;
    }
    let text = std::fs::read_to_string(path).ok()?;
    let only: OnlyLang = toml::from_str(text.strip_prefix('\u{feff}').unwrap_or(&text)).ok()?;
    only.lang.and_then(|l| Lang::parse(&l))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn args(words: &[&str]) -> Vec<OsString> {
        words.iter().map(OsString::from).collect()
    }

    #[test]
    fn the_flag_is_found_anywhere_before_a_double_dash() {
        assert_eq!(flag_value(&args(&["leadctl", "check", "--lang", "zh", "a.csv"]), "--lang").as_deref(), Some("zh"));
        assert_eq!(flag_value(&args(&["leadctl", "--lang=en", "check", "--help"]), "--lang").as_deref(), Some("en"));
        assert_eq!(flag_value(&args(&["leadctl", "check", "--", "--lang", "zh"]), "--lang"), None);
        assert_eq!(flag_value(&args(&["leadctl", "--language", "zh"]), "--lang"), None);
    }
}

//! Which language people read (SPEC §12): `zh` or `en`.
//!
//! Pure: the choice is made from values the edge reads (the flag, the rules
//! file, the locale variables), never from the environment directly.

use std::fmt;

/// A language of the interface. Both are complete; scripts read codes and
/// column names, which never change with it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Lang {
    Zh,
    En,
}

impl Lang {
    /// Every language, for messages that list them.
    pub const ALL: [Lang; 2] = [Lang::Zh, Lang::En];

    /// `zh` or `en` (any case), as written in `--lang` and rules.toml.
    pub fn parse(text: &str) -> Option<Lang> {
        Lang::ALL.into_iter().find(|l| l.as_str().eq_ignore_ascii_case(text.trim()))
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Lang::Zh => "zh",
            Lang::En => "en",
        }
    }

    /// The language of a locale value such as `zh_CN.UTF-8` or `en_US`.
    pub fn of_locale(locale: &str) -> Lang {
        if locale.starts_with("zh") { Lang::Zh } else { Lang::En }
    }

    /// SPEC §12: `--lang`, else rules.toml `lang`, else the first of
    /// `LC_ALL`, `LC_MESSAGES`, `LANG` that is set and not empty (given in
    /// that order), else English.
    pub fn choose(flag: Option<Lang>, rules: Option<Lang>, locale: &[Option<String>]) -> Lang {
        flag.or(rules)
            .or_else(|| locale.iter().flatten().find(|v| !v.is_empty()).map(|v| Lang::of_locale(v)))
            .unwrap_or(Lang::En)
    }
}

impl fmt::Display for Lang {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn env(values: &[&str]) -> Vec<Option<String>> {
        values.iter().map(|v| if *v == "-" { None } else { Some(v.to_string()) }).collect()
    }

    #[test]
    fn the_flag_wins_then_the_rules_then_the_first_locale_variable_set() {
        let zh_locale = env(&["-", "", "zh_CN.UTF-8"]);
        assert_eq!(Lang::choose(Some(Lang::En), Some(Lang::Zh), &zh_locale), Lang::En);
        assert_eq!(Lang::choose(None, Some(Lang::En), &zh_locale), Lang::En);
        assert_eq!(Lang::choose(None, None, &zh_locale), Lang::Zh, "an empty LC_MESSAGES is skipped");
        assert_eq!(Lang::choose(None, None, &env(&["C.UTF-8", "-", "zh_CN"])), Lang::En, "LC_ALL comes first");
        assert_eq!(Lang::choose(None, None, &env(&["-", "-", "-"])), Lang::En);
    }

    #[test]
    fn words_are_zh_and_en_in_any_case() {
        assert_eq!(Lang::parse("ZH"), Some(Lang::Zh));
        assert_eq!(Lang::parse(" en "), Some(Lang::En));
        assert_eq!(Lang::parse("cn"), None);
    }
}

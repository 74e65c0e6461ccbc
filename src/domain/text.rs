//! Text folding (SPEC §3) and the interner that stores every folded text once.
//!
//! Pure: no IO. Names, regions, reason codes and free text are all folded the
//! same way before they are compared or stored.

use std::borrow::Cow;

use lasso::{Rodeo, Spur};
use rustc_hash::FxBuildHasher;

/// Trims a cell and folds every run of Unicode white space (U+3000 included)
/// to one ASCII space. An empty result means the field is missing.
pub fn fold(raw: &str) -> Cow<'_, str> {
    let trimmed = raw.trim();
    if is_folded(trimmed) {
        return Cow::Borrowed(trimmed);
    }
    let mut out = String::with_capacity(trimmed.len());
    for word in trimmed.split(char::is_whitespace).filter(|w| !w.is_empty()) {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(word);
    }
    Cow::Owned(out)
}

/// True when `s` (already trimmed) has no white space but single ASCII spaces.
fn is_folded(s: &str) -> bool {
    let mut after_space = false;
    for c in s.chars() {
        if c == ' ' {
            if after_space {
                return false;
            }
            after_space = true;
        } else if c.is_whitespace() {
            return false;
        } else {
            after_space = false;
        }
    }
    true
}

/// Maps full-width digits (U+FF10..U+FF19) to ASCII digits; other chars pass.
pub fn ascii_digit(c: char) -> Option<u8> {
    match c {
        '0'..='9' => Some(c as u8 - b'0'),
        '\u{FF10}'..='\u{FF19}' => Some((c as u32 - 0xFF10) as u8),
        _ => None,
    }
}

/// A folded text stored once in [`Strings`].
pub type Sym = Spur;

/// Every folded text of a set of ledgers, stored once.
pub struct Strings(Rodeo<Spur, FxBuildHasher>);

impl Strings {
    pub fn new() -> Self {
        Strings(Rodeo::with_hasher(FxBuildHasher))
    }

    /// Stores `text` (already folded) and returns its symbol.
    pub fn intern(&mut self, text: &str) -> Sym {
        self.0.get_or_intern(text)
    }

    /// Folds `raw` and stores it; `None` when it folds to nothing.
    pub fn intern_folded(&mut self, raw: &str) -> Option<Sym> {
        let folded = fold(raw);
        (!folded.is_empty()).then(|| self.intern(&folded))
    }

    /// The symbol of `text` when it was stored.
    pub fn get(&self, text: &str) -> Option<Sym> {
        self.0.get(text)
    }

    pub fn resolve(&self, sym: Sym) -> &str {
        self.0.resolve(&sym)
    }

    /// How many distinct texts are stored.
    pub fn len(&self) -> usize {
        self.0.len()
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// A dense index of a symbol, from 0 to `len() - 1`, for lookup tables.
    pub fn index(&self, sym: Sym) -> usize {
        lasso::Key::into_usize(sym)
    }
}

impl Default for Strings {
    fn default() -> Self {
        Strings::new()
    }
}

impl std::fmt::Debug for Strings {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Strings({} texts)", self.0.len())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folds_runs_of_unicode_white_space() {
        assert_eq!(fold("  Li   Lei "), "Li Lei");
        assert_eq!(fold("张\u{3000}\u{3000}伟"), "张 伟");
        assert_eq!(fold("a\tb\r\nc"), "a b c");
        assert_eq!(fold("\u{3000}"), "");
        assert!(matches!(fold("已 折叠"), Cow::Borrowed(_)));
    }

    #[test]
    fn full_width_digits_become_ascii() {
        assert_eq!(ascii_digit('７'), Some(7));
        assert_eq!(ascii_digit('0'), Some(0));
        assert_eq!(ascii_digit('a'), None);
    }

    #[test]
    fn interning_folds_and_dedups() {
        let mut s = Strings::new();
        let a = s.intern_folded(" 张伟 ").unwrap();
        let b = s.intern_folded("张伟").unwrap();
        assert_eq!(a, b);
        assert_eq!(s.resolve(a), "张伟");
        assert_eq!(s.intern_folded(" \u{3000} "), None);
    }
}

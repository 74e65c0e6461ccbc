//! Text folding (SPEC §3) and the interner that stores every folded text once.
//!
//! Pure: no IO. Names, regions, reason codes and free text are all folded the
//! same way before they are compared or stored.

use std::borrow::Cow;

use std::num::NonZeroU32;

use rustc_hash::FxHashMap;

/// Trims a cell and folds every run of Unicode white space (U+3000 included)
/// to one ASCII space. An empty result means the field is missing.
pub fn fold(raw: &str) -> Cow<'_, str> {
    if is_plainly_folded(raw.as_bytes()) {
        return Cow::Borrowed(raw);
    }
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

/// A byte-level answer for the common cell: no ASCII control or white space
/// but single inner spaces, and no byte that can start a non-ASCII white
/// space character (U+0085, U+00A0, U+1680, U+2000–U+205F, U+3000 start with
/// 0xC2, 0xE1, 0xE2 or 0xE3; Chinese text starts with 0xE4–0xE9).
fn is_plainly_folded(b: &[u8]) -> bool {
    // Most cells hold no space at all: one pass with no branch per byte
    // (the compiler runs it several bytes at a time) answers for them.
    let odd = b.iter().fold(false, |odd, &c| odd | (c <= b' ') | (c == 0x7F) | (c == 0xC2) | (c.wrapping_sub(0xE1) < 3));
    if !odd {
        return true;
    }
    if b.first() == Some(&b' ') || b.last() == Some(&b' ') {
        return false;
    }
    let mut prev_space = false;
    for &c in b {
        match c {
            b' ' if prev_space => return false,
            b' ' => prev_space = true,
            0..=0x1F | 0x7F | 0xC2 | 0xE1..=0xE3 => return false,
            _ => prev_space = false,
        }
    }
    true
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

/// Excel's error values: what a cell shows when its formula failed (`#N/A`
/// from a VLOOKUP that found nothing). Never data.
pub const EXCEL_ERRORS: [&str; 10] = ["#N/A", "#VALUE!", "#REF!", "#DIV/0!", "#NAME?", "#NUM!", "#NULL!", "#SPILL!", "#CALC!", "#GETTING_DATA"];

/// The cell holds one of [`EXCEL_ERRORS`] (any case, trimmed): as an `.xlsx`
/// error cell reads, or as a CSV export writes it.
pub fn is_excel_error(raw: &str) -> bool {
    // Every cell is asked: one that starts with neither `#` nor white
    // space (nearly all) is answered by its first byte.
    if !raw.as_bytes().first().is_some_and(|&b| b == b'#' || may_start_white_space(b)) {
        return false;
    }
    let t = raw.trim();
    t.starts_with('#') && EXCEL_ERRORS.iter().any(|e| t.eq_ignore_ascii_case(e))
}

/// Whether a text whose first byte is `first` may start with white space
/// that `trim` drops: ASCII white space, or the first byte of a Unicode one
/// (0xC2: U+0085, U+00A0; 0xE1–0xE3: U+1680, U+2000–U+205F, U+3000). Other
/// first bytes start the character trimming would keep, so most cells are
/// told by it without decoding.
pub fn may_start_white_space(first: u8) -> bool {
    first.is_ascii_whitespace() || first == 0x0B || matches!(first, 0xC2 | 0xE1..=0xE3)
}

/// Full-width forms of ASCII (U+FF01..U+FF5E: `－` `／` `．` `，` `：` and the
/// digits) as ASCII, as a date or amount typed in full-width mode is read;
/// other characters pass.
pub fn half_width(raw: &str) -> Cow<'_, str> {
    if !raw.chars().any(|c| FULL_WIDTH.contains(&c)) {
        return Cow::Borrowed(raw);
    }
    Cow::Owned(raw.chars().map(half_width_char).collect())
}

/// The full-width forms of ASCII `!` to `~`.
const FULL_WIDTH: std::ops::RangeInclusive<char> = '\u{FF01}'..='\u{FF5E}';

/// One full-width form of ASCII (`Ａ`, `－`, `５`) as its ASCII character;
/// any other character as it is.
pub fn half_width_char(c: char) -> char {
    if FULL_WIDTH.contains(&c) { char::from_u32(c as u32 - 0xFEE0).unwrap_or(c) } else { c }
}

/// Maps full-width digits (U+FF10..U+FF19) to ASCII digits; other chars pass.
pub fn ascii_digit(c: char) -> Option<u8> {
    match c {
        '0'..='9' => Some(c as u8 - b'0'),
        '\u{FF10}'..='\u{FF19}' => Some((c as u32 - 0xFF10) as u8),
        _ => None,
    }
}

/// A folded text in [`Strings`]: 4 bytes, never zero (so `Option<Sym>` is too).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Sym(NonZeroU32);

/// Every folded text of a set of ledgers, back to back in one buffer.
///
/// Names (reps, closers, owners, regions, reason codes, deal ids) repeat and
/// are compared, so [`Strings::intern`] stores each once and equal names get
/// equal symbols. Free text (customer names, addresses, bad phones as written)
/// is mostly unique and only displayed, so [`Strings::push`] appends it with
/// no hashing: symbols of pushed text are compared by [`Strings::resolve`].
pub struct Strings {
    text: String,
    /// End offset in `text` of each stored text; symbol `n` is entry `n - 1`.
    ends: Vec<u32>,
    names: FxHashMap<Box<str>, Sym>,
    /// Set when more than 4 GiB of text was offered: the rest is not stored.
    overflowed: bool,
    /// The last text given to [`Strings::intern_static`] and its symbol.
    last_static: Option<(&'static str, Sym)>,
}

impl Strings {
    pub fn new() -> Self {
        Strings { text: String::new(), ends: Vec::new(), names: FxHashMap::default(), overflowed: false, last_static: None }
    }

    /// Stores a name once; equal names get equal symbols.
    pub fn intern(&mut self, name: &str) -> Sym {
        if let Some(sym) = self.names.get(name) {
            return *sym;
        }
        let sym = self.push(name);
        self.names.insert(name.into(), sym);
        sym
    }

    /// [`Strings::intern`] for a text the program holds (a placeholder
    /// stored on every row): the same text as the last call answers without
    /// hashing.
    pub fn intern_static(&mut self, name: &'static str) -> Sym {
        if let Some((last, sym)) = self.last_static
            && std::ptr::eq(last, name)
        {
            return sym;
        }
        let sym = self.intern(name);
        self.last_static = Some((name, sym));
        sym
    }

    /// Folds a name cell and stores it once; `None` when it folds to nothing.
    pub fn intern_folded(&mut self, raw: &str) -> Option<Sym> {
        let folded = fold(raw);
        (!folded.is_empty()).then(|| self.intern(&folded))
    }

    /// Appends a text without looking for an equal one.
    pub fn push(&mut self, text: &str) -> Sym {
        if self.text.len() + text.len() > u32::MAX as usize - 1 || self.ends.len() >= u32::MAX as usize - 1 {
            self.overflowed = true;
        } else {
            self.text.push_str(text);
        }
        self.ends.push(self.text.len() as u32);
        Sym(NonZeroU32::MIN.saturating_add(self.ends.len() as u32 - 1))
    }

    /// Folds a free-text cell and appends it; `None` when it folds to nothing.
    pub fn push_folded(&mut self, raw: &str) -> Option<Sym> {
        let folded = fold(raw);
        (!folded.is_empty()).then(|| self.push(&folded))
    }

    /// The symbol of a name stored with [`Strings::intern`].
    pub fn get(&self, name: &str) -> Option<Sym> {
        self.names.get(name).copied()
    }

    pub fn resolve(&self, sym: Sym) -> &str {
        let i = sym.0.get() as usize - 1;
        let start = if i == 0 { 0 } else { self.ends[i - 1] as usize };
        self.text.get(start..self.ends[i] as usize).unwrap_or("")
    }

    /// Moves every text of `other` after this one's; returns how to map
    /// `other`'s symbols to their new ones. A name both hold maps to this
    /// one's symbol, so equal names keep equal symbols.
    pub fn append(&mut self, other: Strings) -> impl Fn(Sym) -> Sym + use<> {
        let shift = self.ends.len() as u32;
        let base = self.text.len() as u64;
        if base + other.text.len() as u64 > u64::from(u32::MAX) - 1 {
            self.overflowed = true;
        }
        self.text.push_str(&other.text);
        self.ends.extend(other.ends.iter().map(|e| (base + u64::from(*e)).min(u64::from(u32::MAX)) as u32));
        let moved = move |s: Sym| Sym(s.0.saturating_add(shift));
        let mut same: FxHashMap<Sym, Sym> = FxHashMap::default();
        for (name, sym) in other.names {
            match self.names.get(&name) {
                Some(existing) => {
                    same.insert(sym, *existing);
                }
                None => {
                    self.names.insert(name, moved(sym));
                }
            }
        }
        self.overflowed |= other.overflowed;
        move |s: Sym| same.get(&s).copied().unwrap_or_else(|| moved(s))
    }

    /// Gives back spare capacity.
    pub fn shrink_to_fit(&mut self) {
        self.text.shrink_to_fit();
        self.ends.shrink_to_fit();
    }

    /// True when the texts offered did not fit in 4 GiB and some were lost.
    pub fn overflowed(&self) -> bool {
        self.overflowed
    }
}

impl Default for Strings {
    fn default() -> Self {
        Strings::new()
    }
}

impl std::fmt::Debug for Strings {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Strings({} texts, {} names)", self.ends.len(), self.names.len())
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
        assert!(matches!(fold("上海市浦东新区张杨路100号"), Cow::Borrowed(_)));
        for ws in ["\u{85}", "\u{a0}", "\u{1680}", "\u{2000}", "\u{200a}", "\u{2028}", "\u{202f}", "\u{205f}", "\u{3000}"] {
            assert_eq!(fold(&format!("{ws}张{ws}{ws}伟{ws}")), "张 伟", "{ws:?}");
        }
    }

    #[test]
    fn excel_error_values_and_full_width_forms() {
        assert!(is_excel_error(" #N/A ") && is_excel_error("#div/0!") && is_excel_error("#VALUE!"));
        assert!(!is_excel_error("#N") && !is_excel_error("N/A") && !is_excel_error("#1"));
        // White space of any kind before it, as trimming sees it.
        assert!(is_excel_error("\u{3000}#N/A") && is_excel_error("\u{a0}#REF!") && is_excel_error("\u{b}#NUM!"));
        assert!(!is_excel_error("王#N/A") && !is_excel_error(""));
        assert_eq!(half_width("２０２６－０３－０５"), "2026-03-05");
        assert_eq!(half_width("１２，８００．５０"), "12,800.50");
        assert_eq!(half_width("２０２６年３月５日 １４：３０"), "2026年3月5日 14:30");
        assert!(matches!(half_width("2026-03-05"), Cow::Borrowed(_)));
    }

    #[test]
    fn full_width_digits_become_ascii() {
        assert_eq!(ascii_digit('７'), Some(7));
        assert_eq!(ascii_digit('0'), Some(0));
        assert_eq!(ascii_digit('a'), None);
    }

    #[test]
    fn pushed_texts_are_not_merged_but_resolve() {
        let mut s = Strings::new();
        let a = s.push_folded(" 上海市  浦东新区 ").unwrap();
        let b = s.push("上海市 浦东新区");
        assert_ne!(a, b);
        assert_eq!(s.resolve(a), s.resolve(b));
        assert_eq!(s.push_folded("\u{3000}"), None);
        let n = s.intern("张伟");
        assert_eq!((s.get("张伟"), s.resolve(n)), (Some(n), "张伟"));
        assert_eq!(s.resolve(a), "上海市 浦东新区");
    }

    #[test]
    fn appending_keeps_every_text_and_name() {
        let mut a = Strings::new();
        let x = a.intern("张伟");
        let mut b = Strings::new();
        let y = b.push("上海市");
        let z = b.intern("刘洋");
        let w = b.intern("张伟");
        let remap = a.append(b);
        assert_eq!(a.resolve(x), "张伟");
        assert_eq!(a.resolve(remap(y)), "上海市");
        assert_eq!(a.resolve(remap(z)), "刘洋");
        assert_eq!(remap(w), x, "a name both hold keeps one symbol");
        assert_eq!(a.get("刘洋"), Some(remap(z)));
        assert_eq!(a.get("张伟"), Some(x));
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

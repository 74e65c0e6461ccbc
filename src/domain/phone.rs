//! Customer phone numbers: the normalisation of SPEC §3 and the [`Phone`] key.
//!
//! Pure: no IO. A `Phone` can only hold a valid, normalised number.

use std::fmt;

use super::text::ascii_digit;

/// A normalised customer phone: 7 to 12 ASCII digits, leading zeros kept.
///
/// Stored packed in one `u64` (digit count in the top bits) so that it hashes
/// and compares as cheaply as an integer — aligned to 4 bytes, so the rows,
/// claims and map entries that hold one (a row per claim-ledger line) carry
/// no padding for it.
#[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[repr(C, packed(4))]
pub struct Phone(u64);

const LEN_SHIFT: u32 = 48;

/// Why a phone cell is not a valid number.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BadPhone {
    /// Excel's E-notation (`1.38E+10`): the real digits are lost.
    ENotation,
    /// The cell has no digit at all (`不详`).
    NoDigits,
    /// The digits do not make a mobile, landline or local number.
    Digits { count: u32 },
    /// Digits hidden behind `*` or `x` (`138****5678`, SPEC §11).
    Masked,
    /// Not a number as written, but a landline once a `0` is put in front
    /// (`2158887777`): a number cell dropped it.
    LostZero { count: u32 },
    /// One of Excel's error values (`#N/A`): the cell's formula failed.
    ExcelError,
}

impl BadPhone {
    /// The number as written is not the customer's number at all: the row
    /// will be lost, whatever its event (an error in `check`).
    pub fn is_lost(self) -> bool {
        matches!(self, BadPhone::ENotation | BadPhone::Masked | BadPhone::ExcelError)
    }
}

impl Phone {
    /// Normalises a phone as written (SPEC §3).
    pub fn parse(raw: &str) -> Result<Phone, BadPhone> {
        let raw = raw.trim();
        if (1..=24).contains(&raw.len()) && raw.bytes().all(|b| b.is_ascii_digit()) {
            // The common cell, ASCII digits only: no E-notation, mask or
            // `.0` to look for.
            let mut digits = [0u8; 24];
            digits.iter_mut().zip(raw.bytes()).for_each(|(slot, b)| *slot = b - b'0');
            return Phone::of_digits(&digits[..raw.len()]);
        }
        if is_e_notation(raw) {
            return Err(BadPhone::ENotation);
        }
        if is_masked(raw) {
            return Err(BadPhone::Masked);
        }
        let raw = without_point_zero(raw);
        let mut digits = [0u8; 24];
        let mut n = 0usize;
        for d in raw.chars().filter_map(ascii_digit) {
            if let Some(slot) = digits.get_mut(n) {
                *slot = d;
            }
            n += 1;
        }
        if n > digits.len() {
            // Far too long to be a phone: say how long, all of it.
            return Err(BadPhone::Digits { count: u32::try_from(n).unwrap_or(u32::MAX) });
        }
        if n == 0 {
            return Err(BadPhone::NoDigits);
        }
        Phone::of_digits(&digits[..n])
    }

    /// The phone of 1 to 24 digit values (0–9), country code and all.
    fn of_digits(digits: &[u8]) -> Result<Phone, BadPhone> {
        let national = strip_country_code(digits);
        if !is_valid_shape(national) {
            let count = national.len() as u32;
            return Err(if lost_zero(national) { BadPhone::LostZero { count } } else { BadPhone::Digits { count } });
        }
        let value = national.iter().fold(0u64, |v, &d| v * 10 + u64::from(d));
        Ok(Phone(((national.len() as u64) << LEN_SHIFT) | value))
    }

    fn len(self) -> usize {
        (self.0 >> LEN_SHIFT) as usize
    }

    fn value(self) -> u64 {
        self.0 & ((1 << LEN_SHIFT) - 1)
    }

    /// The digits as values 0–9, leading zeros kept, and how many (a valid
    /// phone has at most 12): for comparing digits without formatting.
    pub fn digit_values(self) -> ([u8; 12], usize) {
        let (mut d, n) = ([0u8; 12], self.len().min(12));
        let mut v = self.value();
        for slot in d[..n].iter_mut().rev() {
            *slot = (v % 10) as u8;
            v /= 10;
        }
        (d, n)
    }

    /// Appends the number as [`Display`](fmt::Display) writes it, without
    /// the formatting machinery (report writers call this once a row).
    pub fn push_digits(self, out: &mut Vec<u8>) {
        let mut digits = [b'0'; 24];
        let (mut v, mut i) = (self.value(), digits.len());
        while v > 0 {
            i -= 1;
            digits[i] = b'0' + (v % 10) as u8;
            v /= 10;
        }
        let start = i.min(digits.len().saturating_sub(self.len().max(1)));
        out.extend_from_slice(&digits[start..]);
    }
}

/// Removes a leading `0086`, or a leading `86` of a 13-digit number, once.
fn strip_country_code(d: &[u8]) -> &[u8] {
    if d.starts_with(&[0, 0, 8, 6]) {
        &d[4..]
    } else if d.len() == 13 && d.starts_with(&[8, 6]) {
        &d[2..]
    } else {
        d
    }
}

/// 11 digits starting with 1 (mobile), 10–12 starting with 0 (landline with
/// area code), or 7–8 digits (local number).
fn is_valid_shape(d: &[u8]) -> bool {
    matches!((d.len(), d.first()), (11, Some(1)) | (10..=12, Some(0)) | (7..=8, _))
}

/// A mask character (`*`, `＊`, `×`, `x`, `X`) with a digit somewhere
/// before it and somewhere after it.
fn is_masked(s: &str) -> bool {
    let mask = |c: char| matches!(c, '*' | '＊' | '×' | 'x' | 'X');
    let (Some(first), Some(last)) = (s.find(|c| ascii_digit(c).is_some()), s.rfind(|c| ascii_digit(c).is_some())) else {
        return false;
    };
    s[first..last].contains(mask)
}

/// `13900001111.0` → `13900001111`: a number cell exported as text.
fn without_point_zero(s: &str) -> &str {
    let cut = s.strip_suffix(".00").or_else(|| s.strip_suffix(".0"));
    match cut {
        Some(rest) if rest.ends_with(|c| ascii_digit(c).is_some()) => rest,
        _ => s,
    }
}

/// Digits that are no number but a landline with a `0` in front: 9–11
/// digits not starting with 0, nor with a mobile's 13–19, nor with the
/// country code 86 (a mobile with a digit lost).
fn lost_zero(d: &[u8]) -> bool {
    let mobile_start = d.first() == Some(&1) && d.get(1).is_some_and(|&x| x >= 3);
    (9..=11).contains(&d.len()) && d[0] != 0 && !mobile_start && !d.starts_with(&[8, 6])
}

/// `1.38E+10`, `1.38001e10`, `13800138000E0`: digits, an optional fraction,
/// `e` or `E`, an optional sign and exponent digits.
fn is_e_notation(s: &str) -> bool {
    let Some(e) = s.find(['e', 'E']) else {
        return false;
    };
    let (mantissa, exponent) = (&s[..e], &s[e + 1..]);
    let mantissa = mantissa.strip_prefix(['+', '-']).unwrap_or(mantissa);
    let (int, frac) = mantissa.split_once('.').unwrap_or((mantissa, ""));
    let exponent = exponent.strip_prefix(['+', '-']).unwrap_or(exponent);
    let all_digits = |t: &str| t.bytes().all(|b| b.is_ascii_digit());
    !int.is_empty() && all_digits(int) && all_digits(frac) && !exponent.is_empty() && all_digits(exponent)
}

impl fmt::Display for Phone {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:0width$}", self.value(), width = self.len())
    }
}

impl fmt::Debug for Phone {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Phone({self})")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn norm(s: &str) -> Result<String, BadPhone> {
        Phone::parse(s).map(|p| p.to_string())
    }

    #[test]
    fn mobile_spellings_normalise_to_one_key() {
        for s in ["138 0013 8000", "+86 13800138000", "0086 138 0013 8000", "86-138-0013-8000",
                  "１３８００１３８０００", "(+86) 138\u{3000}0013\u{3000}8000"] {
            assert_eq!(norm(s).as_deref(), Ok("13800138000"), "{s}");
        }
    }

    #[test]
    fn landlines_keep_their_leading_zero() {
        assert_eq!(norm("021-55556666").as_deref(), Ok("02155556666"));
        assert_eq!(norm("+86 021 5555 6666").as_deref(), Ok("02155556666"));
        assert_eq!(norm("０２１－５５５５６６６６").as_deref(), Ok("02155556666"));
        assert_eq!(norm("0755-1234567").as_deref(), Ok("07551234567"));
        assert_eq!(norm("6234567").as_deref(), Ok("6234567"));
        assert_eq!(norm("0123456").as_deref(), Ok("0123456"));
    }

    #[test]
    fn a_thousand_digits_are_counted_whole() {
        assert_eq!(norm(&"1".repeat(1000)), Err(BadPhone::Digits { count: 1000 }));
        assert_eq!(norm(&"1".repeat(25)), Err(BadPhone::Digits { count: 25 }));
        let shown = crate::messages::bad_phone_why(BadPhone::Digits { count: 1000 }, crate::messages::Lang::En);
        assert!(shown.starts_with("has 1000 digits"), "{shown}");
    }

    #[test]
    fn country_code_is_removed_once() {
        assert_eq!(norm("0086 8613800138003"), Err(BadPhone::Digits { count: 13 }));
        assert_eq!(norm("8613800138"), Err(BadPhone::Digits { count: 10 }));
    }

    /// Found by fuzzing (fuzz/regressions/parsers/): because `0086` goes
    /// only once, a number written with it twice normalises to one that
    /// still starts with `0086` and is a different key when read again.
    /// That is SPEC §3 as written, so the key is pinned here and the fuzz
    /// target's round trip allows it.
    #[test]
    fn country_code_written_twice_keeps_the_second() {
        assert_eq!(norm("0086 0086123456").as_deref(), Ok("0086123456"));
        assert_eq!(norm("0086123456"), Err(BadPhone::Digits { count: 6 }));
        assert_eq!(norm("0086 0086 1234 5678").as_deref(), Ok("008612345678"));
        assert_eq!(norm("0086 1234 5678").as_deref(), Ok("12345678"));
    }

    #[test]
    fn bad_phones_say_why() {
        assert_eq!(norm("1.38E+10"), Err(BadPhone::ENotation));
        assert_eq!(norm("1.38001e10"), Err(BadPhone::ENotation));
        assert_eq!(norm("不详"), Err(BadPhone::NoDigits));
        assert_eq!(norm("012345678"), Err(BadPhone::Digits { count: 9 }));
        assert_eq!(norm("1380013800O"), Err(BadPhone::Digits { count: 10 }));
        assert_eq!(norm("1380000000"), Err(BadPhone::Digits { count: 10 }));
        assert!(norm(&"1".repeat(40)).is_err());
    }

    #[test]
    fn masked_point_zero_and_lost_zero() {
        for s in ["138****5678", "138＊＊＊＊5678", "138××××5678", "138xxxx5678", "138 XXXX 5678", "1*2"] {
            assert_eq!(norm(s), Err(BadPhone::Masked), "{s}");
        }
        assert_eq!(norm("*13800138000").as_deref(), Ok("13800138000"));
        assert_eq!(norm("13900001111.0").as_deref(), Ok("13900001111"));
        assert_eq!(norm("13900001111.00").as_deref(), Ok("13900001111"));
        assert_eq!(norm("13900001111.000"), Err(BadPhone::Digits { count: 14 }));
        assert_eq!(norm("2158887777"), Err(BadPhone::LostZero { count: 10 }));
        assert_eq!(norm("57188887777"), Err(BadPhone::LostZero { count: 11 }));
        assert_eq!(norm("1012345678"), Err(BadPhone::LostZero { count: 10 }));
        assert_eq!(norm("1380000000"), Err(BadPhone::Digits { count: 10 }));
        assert!(BadPhone::Masked.is_lost() && BadPhone::ENotation.is_lost() && !BadPhone::NoDigits.is_lost());
    }

    #[test]
    fn e_is_only_e_notation_between_digits() {
        assert!(!is_e_notation("tel 13800138000"));
        assert!(!is_e_notation("E10"));
        assert!(is_e_notation("13800138000E0"));
    }
}

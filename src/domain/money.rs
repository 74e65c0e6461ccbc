//! Money: exact decimals, the amount forms of SPEC §2 and half-up rounding (§8).
//!
//! Pure: no IO. Money is never binary floating point.

use std::fmt;
use std::str::FromStr;

use rust_decimal::{Decimal, RoundingStrategy};

use super::text::ascii_digit;

/// An exact amount of yuan.
pub type Money = Decimal;

/// Amounts must stay below this (ten trillion yuan), so that no sum of any
/// ledger can overflow the decimal type.
pub const AMOUNT_LIMIT: Decimal = Decimal::from_parts(0x4E72_A000, 0x0918, 0, false, 0);

/// Why an amount cell could not be read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum BadAmount {
    Form,
    Negative,
    /// More than two decimals: fractions of a cent are never rounded away.
    Decimals(u32),
    TooLarge,
}

/// Reads an amount that may be negative (a refund row, SPEC §13): the
/// forms of [`parse_amount`] with a minus sign.
pub fn parse_signed_amount(raw: &str) -> Result<Money, BadAmount> {
    match parse_amount(raw) {
        Err(BadAmount::Negative) => parse_amount(&super::text::half_width(raw).replacen('-', "", 1)).map(|m| -m),
        other => other,
    }
}

/// Reads an amount: `12800`, `12,800.50`, `¥12800`, `￥12800`, `12800元`,
/// and (SPEC §11) `1.28万`, `3.5万元`, `RMB 8,800`, `CNY 3.5万`.
/// Thousands separators must group by three; full-width digits are digits.
pub fn parse_amount(raw: &str) -> Result<Money, BadAmount> {
    if let Some(value) = plain_amount(raw.trim().as_bytes()) {
        return if value >= AMOUNT_LIMIT { Err(BadAmount::TooLarge) } else { Ok(value) };
    }
    // Full-width `－` `．` `，` read as their ASCII forms, as digits are.
    let raw = super::text::half_width(raw);
    let (negative, s) = sign(raw.trim());
    let s = strip_currency(s);
    let (negative, s) = if negative { (true, s) } else { sign(s) };
    let s = s.strip_suffix('元').unwrap_or(s).trim_end();
    let (wan, s) = match s.strip_suffix('万') {
        Some(rest) => (true, rest.trim_end()),
        None => (false, s),
    };
    let plain = plain_digits(s).ok_or(BadAmount::Form)?;
    let mut value = Decimal::from_str(&plain).map_err(|_| BadAmount::TooLarge)?;
    if negative && !value.is_zero() {
        return Err(BadAmount::Negative);
    }
    if wan {
        value = value.checked_mul(Decimal::from(10_000)).ok_or(BadAmount::TooLarge)?.normalize();
    }
    if value.scale() > 2 {
        return Err(BadAmount::Decimals(value.scale()));
    }
    if value >= AMOUNT_LIMIT {
        return Err(BadAmount::TooLarge);
    }
    Ok(value)
}

/// A leading `-` (true) or `+`, then what follows it.
/// The common cell, read without allocating: ASCII digits, then at most
/// one `.` and one or two more digits (`12800`, `12800.5`, `12800.50`), at
/// most 18 digits in all; the same value and scale as `Decimal::from_str`
/// gives. `None` for anything else, which takes the long way.
fn plain_amount(b: &[u8]) -> Option<Decimal> {
    let (int, frac) = match b.iter().position(|&c| c == b'.') {
        Some(dot) => (&b[..dot], &b[dot + 1..]),
        None => (b, &b[..0]),
    };
    let frac_ok = b.len() == int.len() || (1..=2).contains(&frac.len());
    if int.is_empty() || !frac_ok || int.len() + frac.len() > 18 {
        return None;
    }
    let mut mantissa: i64 = 0;
    for &c in int.iter().chain(frac) {
        if !c.is_ascii_digit() {
            return None;
        }
        mantissa = mantissa * 10 + i64::from(c - b'0');
    }
    Some(Decimal::new(mantissa, frac.len() as u32))
}

fn sign(s: &str) -> (bool, &str) {
    match s.strip_prefix('-') {
        Some(rest) => (true, rest.trim_start()),
        None => (false, s.strip_prefix('+').unwrap_or(s).trim_start()),
    }
}

/// Drops a leading `¥`, `￥`, `RMB` or `CNY` (any letter case).
fn strip_currency(s: &str) -> &str {
    if let Some(rest) = s.strip_prefix(['¥', '￥']) {
        return rest.trim_start();
    }
    match s.get(..3) {
        Some(p) if p.eq_ignore_ascii_case("rmb") || p.eq_ignore_ascii_case("cny") => s[3..].trim_start(),
        _ => s,
    }
}

/// `12,800.50` → `12800.50`, checking the grouping; `None` if not a number.
fn plain_digits(s: &str) -> Option<String> {
    let (int, frac) = match s.split_once('.') {
        Some((i, f)) => (i, Some(f)),
        None => (s, None),
    };
    let mut out = String::with_capacity(s.len());
    let groups: Vec<&str> = int.split(',').collect();
    for (i, group) in groups.iter().enumerate() {
        let len = group.chars().count();
        let ok = if groups.len() == 1 { len > 0 } else if i == 0 { (1..=3).contains(&len) } else { len == 3 };
        if !ok {
            return None;
        }
        push_digits(&mut out, group)?;
    }
    if let Some(frac) = frac {
        if frac.is_empty() {
            return None;
        }
        out.push('.');
        push_digits(&mut out, frac)?;
    }
    Some(out)
}

fn push_digits(out: &mut String, s: &str) -> Option<()> {
    for c in s.chars() {
        out.push(char::from(b'0' + ascii_digit(c)?));
    }
    Some(())
}

/// Rounds to cents, half away from zero (Excel's ROUND), not banker's rounding.
pub fn round_cents(value: Money) -> Money {
    value.round_dp_with_strategy(2, RoundingStrategy::MidpointAwayFromZero)
}

/// Money as written in outputs: exactly two decimals.
pub fn cents(value: Money) -> impl fmt::Display {
    struct Cents(Money);
    impl fmt::Display for Cents {
        fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            let mut v = round_cents(self.0);
            v.rescale(2);
            if v.is_zero() {
                // A difference of equal amounts is 0.00, never -0.00.
                v.set_sign_positive(true);
            }
            fmt::Display::fmt(&v, f)
        }
    }
    Cents(value)
}

#[cfg(test)]
mod tests {
    use super::*;
    use rust_decimal_macros::dec;

    #[test]
    fn plain_amounts_read_as_the_long_way_reads_them() {
        for raw in ["0", "007", "12800", "12800.5", "12800.50", "0.01", "99999999999999.99", "999999999999999999", "1e5", "12.", ".5", "1.234", "12,800", " 12800 ", "١٢", "100000000000000"] {
            let long = |raw: &str| -> Option<Decimal> { Decimal::from_str(&plain_digits(raw.trim())?).ok() };
            if let Some(fast) = plain_amount(raw.trim().as_bytes()) {
                let slow = long(raw).unwrap();
                assert_eq!((fast.mantissa(), fast.scale()), (slow.mantissa(), slow.scale()), "{raw}");
            }
        }
        assert_eq!(parse_amount("100000000000000"), Err(BadAmount::TooLarge));
        assert_eq!(parse_amount("1.234"), Err(BadAmount::Decimals(3)));
        assert_eq!(parse_amount("12."), Err(BadAmount::Form));
        assert_eq!(parse_amount("12800.50").map(|m| (m.mantissa(), m.scale())), Ok((1_280_050, 2)));
    }

    #[test]
    fn amount_forms() {
        assert_eq!(parse_amount("12800"), Ok(dec!(12800)));
        assert_eq!(parse_amount("12,800.50"), Ok(dec!(12800.50)));
        assert_eq!(parse_amount("¥150000"), Ok(dec!(150000)));
        assert_eq!(parse_amount("￥ 1,234,567.8"), Ok(dec!(1234567.8)));
        assert_eq!(parse_amount("8000元"), Ok(dec!(8000)));
        assert_eq!(parse_amount("８０００"), Ok(dec!(8000)));
        assert_eq!(parse_amount("0.35"), Ok(dec!(0.35)));
        assert_eq!(parse_amount("-0"), Ok(dec!(0)));
    }

    #[test]
    fn full_width_points_commas_and_minus_are_their_ascii_forms() {
        assert_eq!(parse_amount("12800．00"), Ok(dec!(12800.00)));
        assert_eq!(parse_amount("１２，８００．５"), Ok(dec!(12800.5)));
        assert_eq!(parse_amount("12，80"), Err(BadAmount::Form));
        assert_eq!(parse_amount("－100"), Err(BadAmount::Negative));
        assert_eq!(parse_signed_amount("－１００"), Ok(dec!(-100)));
        assert_eq!(parse_signed_amount("￥－1，000"), Ok(dec!(-1000)));
    }

    #[test]
    fn wan_and_currency_prefixes() {
        assert_eq!(parse_amount("1.28万"), Ok(dec!(12800)));
        assert_eq!(parse_amount("3.5万元"), Ok(dec!(35000)));
        assert_eq!(parse_amount("RMB 8,800"), Ok(dec!(8800)));
        assert_eq!(parse_amount("rmb8800.5"), Ok(dec!(8800.5)));
        assert_eq!(parse_amount("CNY 3.5万"), Ok(dec!(35000)));
        assert_eq!(parse_amount("¥1.2345万"), Ok(dec!(12345)));
        assert_eq!(parse_amount("1.234567万"), Ok(dec!(12345.67)));
        assert_eq!(parse_amount("1.2345678万"), Err(BadAmount::Decimals(3)));
        assert_eq!(parse_amount("-RMB 100"), Err(BadAmount::Negative));
        assert_eq!(parse_amount("CNY -100"), Err(BadAmount::Negative));
        assert_eq!(parse_amount("-CNY 1万"), Err(BadAmount::Negative));
        assert_eq!(parse_amount("万"), Err(BadAmount::Form));
        assert_eq!(parse_amount("RMB"), Err(BadAmount::Form));
        assert_eq!(parse_amount("USD 100"), Err(BadAmount::Form));
        assert_eq!(parse_amount("999999999.9999万"), Ok(dec!(9999999999999)));
        assert_eq!(parse_amount("1000000000万"), Err(BadAmount::TooLarge));
    }

    #[test]
    fn amounts_never_silently_change() {
        assert_eq!(parse_amount("-5"), Err(BadAmount::Negative));
        assert_eq!(parse_amount("12.345"), Err(BadAmount::Decimals(3)));
        assert_eq!(parse_amount("12800,50"), Err(BadAmount::Form));
        assert_eq!(parse_amount("1,28,00"), Err(BadAmount::Form));
        assert_eq!(parse_amount("1.28E+04"), Err(BadAmount::Form));
        assert_eq!(parse_amount(""), Err(BadAmount::Form));
        assert_eq!(parse_amount("12."), Err(BadAmount::Form));
        assert_eq!(parse_amount("1 000"), Err(BadAmount::Form));
        assert_eq!(parse_amount("10000000000000"), Err(BadAmount::TooLarge));
        assert_eq!(parse_amount(&"9".repeat(40)), Err(BadAmount::TooLarge));
        assert_eq!(parse_amount("9999999999999.99"), Ok(dec!(9999999999999.99)));
    }

    #[test]
    fn refunds_may_be_negative() {
        assert_eq!(parse_signed_amount("-10000"), Ok(dec!(-10000)));
        assert_eq!(parse_signed_amount("¥-1,000.50"), Ok(dec!(-1000.50)));
        assert_eq!(parse_signed_amount("-0"), Ok(dec!(0)));
        assert_eq!(parse_signed_amount("-1.234"), Err(BadAmount::Decimals(3)));
        assert_eq!(parse_signed_amount("--5"), Err(BadAmount::Form));
    }

    #[test]
    fn half_cents_round_away_from_zero() {
        assert_eq!(round_cents(dec!(0.125)), dec!(0.13));
        assert_eq!(round_cents(dec!(0.135)), dec!(0.14));
        assert_eq!(round_cents(dec!(250.00825)), dec!(250.01));
        assert_eq!(round_cents(dec!(0.01375)), dec!(0.01));
        assert_eq!(cents(dec!(12800.5)).to_string(), "12800.50");
        assert_eq!(cents(dec!(0)).to_string(), "0.00");
        assert_eq!(cents(-dec!(0.00)).to_string(), "0.00");
    }

    #[test]
    fn limit_is_ten_trillion() {
        assert_eq!(AMOUNT_LIMIT, dec!(10000000000000));
    }
}

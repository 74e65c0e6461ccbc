//! The pure cell parsers of SPEC §2–§3: dates, amounts, phones, text folding.
//!
//! The input is read as UTF-8 (lossily) and every line of it, and the whole
//! of it, is fed to each parser. None may panic; each value it returns must
//! keep the invariants below.
#![no_main]

use libfuzzer_sys::fuzz_target;

use leadctl::domain::day::{YEARS, parse_stamp};
use leadctl::domain::money::{AMOUNT_LIMIT, parse_amount};
use leadctl::domain::phone::Phone;
use leadctl::domain::text::fold;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    check(&text);
    for line in text.split(['\n', '\u{1e}']) {
        check(line);
    }
});

fn check(cell: &str) {
    if let Ok(stamp) = parse_stamp(cell) {
        assert!(YEARS.contains(&chrono::Datelike::year(&stamp.day)), "{cell:?} → {stamp:?}");
        // What was read is read again the same when written canonically.
        let canonical = match stamp.time {
            Some(t) => format!("{} {}", stamp.day, t),
            None => stamp.day.to_string(),
        };
        assert_eq!(parse_stamp(&canonical), Ok(stamp), "{cell:?} → {canonical:?}");
    }

    if let Ok(amount) = parse_amount(cell) {
        assert!(amount.scale() <= 2, "{cell:?} → {amount} has scale {}", amount.scale());
        assert!(!amount.is_sign_negative() || amount.is_zero(), "{cell:?} → negative {amount}");
        assert!(amount >= rust_decimal::Decimal::ZERO, "{cell:?} → {amount} < 0");
        assert!(amount < AMOUNT_LIMIT, "{cell:?} → {amount} not below the limit");
        assert_eq!(parse_amount(&amount.to_string()), Ok(amount), "{cell:?} → {amount}");
    }

    if let Ok(phone) = Phone::parse(cell) {
        let shown = phone.to_string();
        assert!((7..=12).contains(&shown.len()), "{cell:?} → {shown:?}");
        assert!(shown.bytes().all(|b| b.is_ascii_digit()), "{cell:?} → {shown:?}");
        // SPEC §3 removes `0086` once: `0086 0086123456` is the key
        // `0086123456`, which read again loses its own `0086` (pinned in
        // src/domain/phone.rs; found here, regressions/parsers/).
        if !shown.starts_with("0086") {
            assert_eq!(Phone::parse(&shown), Ok(phone), "{cell:?} → {shown:?} does not re-parse to itself");
        }
    }

    let folded = fold(cell);
    assert_eq!(folded.trim(), &*folded, "{cell:?} → {folded:?} is not trimmed");
    assert!(!folded.contains("  "), "{cell:?} → {folded:?} has a run of spaces");
    assert!(folded.chars().all(|c| c == ' ' || !c.is_whitespace()), "{cell:?} → {folded:?} keeps white space");
    assert_eq!(fold(&folded), folded, "fold is not idempotent on {cell:?}");
}

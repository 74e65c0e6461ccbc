//! Days and times as written in the ledgers (SPEC §2–§3).
//!
//! Pure: no IO, no clock. These date forms are accepted, each with an
//! optional time of day: `2026-03-05`, `2026/3/5`, `2026年3月5日`, `2026.3.5`
//! and eight digits `20260305` (SPEC §11), then `14:30` or `14:30:05` —
//! also with a fraction of zeros (`14:30:05.000`, as CRM exports write it)
//! and in the 12-hour forms of Chinese Excel and WPS (`下午 2:30`) or of
//! English ones (`2:30 PM`).

use std::fmt;

use chrono::{Datelike, Days, NaiveDate, NaiveTime};

use super::text::ascii_digit;

/// The earliest and latest years a ledger date may carry.
pub const YEARS: std::ops::RangeInclusive<i32> = 2000..=2100;

/// A day with the time of day when one was written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Stamp {
    pub day: NaiveDate,
    pub time: Option<NaiveTime>,
}

/// Why a date cell could not be read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum BadDate {
    /// Not one of the three forms.
    Form,
    /// The form is right but no such day exists (`2026-02-30`).
    NoSuchDay,
    /// The year is outside [`YEARS`] (`26/3/5` is not 2026).
    Year(i64),
    /// The time after the day cannot be read.
    Time,
    /// A month and day without a year (`3月5日`).
    NoYear,
    /// A time with a fraction of a second that is not zero
    /// (`14:30:05.250`): claims are ordered to the second.
    SubSecond,
}

/// Reads a day with an optional time of day.
pub fn parse_stamp(raw: &str) -> Result<Stamp, BadDate> {
    match read_stamp(raw)? {
        (_, Precision::Dropped) => Err(BadDate::SubSecond),
        (stamp, Precision::Exact) => Ok(stamp),
    }
}

/// Whether a time's fraction of a second, if any, was zero.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Precision {
    Exact,
    Dropped,
}

fn read_stamp(raw: &str) -> Result<(Stamp, Precision), BadDate> {
    if let Some(stamp) = iso_stamp(raw.as_bytes()) {
        return Ok((stamp, Precision::Exact));
    }
    // Full-width `－` `／` `．` `：` read as their ASCII forms, as digits are.
    let raw = super::text::half_width(raw);
    let mut s = Scanner::new(raw.trim());
    let day = s.date().map_err(|e| if e == BadDate::Form && no_year(raw.trim()) { BadDate::NoYear } else { e })?;
    let time = if s.at_end() {
        None
    } else {
        if !s.skip_time_separator() {
            return Err(BadDate::Form);
        }
        Some(s.time()?)
    };
    if !s.at_end() {
        return Err(if time.is_some() { BadDate::Time } else { BadDate::Form });
    }
    let precision = time.map_or(Precision::Exact, |(_, p)| p);
    Ok((Stamp { day, time: time.map(|(t, _)| t) }, precision))
}

/// The common `2026-03-05`, `2026-03-05 14:30` and `2026-03-05 14:30:05`,
/// read without the general scanner; `None` sends anything else to it.
fn iso_stamp(b: &[u8]) -> Option<Stamp> {
    let digits = |r: std::ops::Range<usize>| -> Option<u32> {
        b.get(r)?.iter().try_fold(0u32, |v, &c| c.is_ascii_digit().then(|| v * 10 + u32::from(c - b'0')))
    };
    if b.len() < 10 || b[4] != b'-' || b[7] != b'-' {
        return None;
    }
    let year = digits(0..4)? as i32;
    if !YEARS.contains(&year) {
        return None;
    }
    let day = NaiveDate::from_ymd_opt(year, digits(5..7)?, digits(8..10)?)?;
    let time = match b.len() {
        10 => None,
        16 if b[10] == b' ' && b[13] == b':' => Some(NaiveTime::from_hms_opt(digits(11..13)?, digits(14..16)?, 0)?),
        19 if b[10] == b' ' && b[13] == b':' && b[16] == b':' => {
            Some(NaiveTime::from_hms_opt(digits(11..13)?, digits(14..16)?, digits(17..19)?)?)
        }
        _ => return None,
    };
    Some(Stamp { day, time })
}

/// `3月5日` (a month and a day, with anything after them): a date whose
/// year was left out.
fn no_year(s: &str) -> bool {
    let mut s = Scanner::new(s);
    s.number(2).is_some() && s.eat('月') && s.number(2).is_some() && s.eat('日')
}

/// Reads a day; a time of day, if written, is checked and dropped (its
/// fraction of a second may be anything).
pub fn parse_day(raw: &str) -> Result<NaiveDate, BadDate> {
    read_stamp(raw).map(|(s, _)| s.day)
}

/// A time of day in four bytes (`Option<Clock>` too): seconds after
/// midnight, ordered like the times they stand for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Clock(std::num::NonZeroU32);

impl Clock {
    pub fn seconds(self) -> u32 {
        self.0.get() - 1
    }
}

impl From<NaiveTime> for Clock {
    fn from(t: NaiveTime) -> Clock {
        use chrono::Timelike;
        Clock(std::num::NonZeroU32::MIN.saturating_add(t.num_seconds_from_midnight()))
    }
}

impl fmt::Display for Clock {
    /// `14:30`, or `14:30:05` when the seconds were written.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let s = self.seconds();
        write!(f, "{:02}:{:02}", s / 3600, s / 60 % 60)?;
        if !s.is_multiple_of(60) {
            write!(f, ":{:02}", s % 60)?;
        }
        Ok(())
    }
}

/// A day printed as `YYYY-MM-DD`, faster than chrono's general formatter
/// (outputs print millions of days).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Ymd(pub NaiveDate);

impl fmt::Display for Ymd {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let (y, m, d) = (self.0.year(), self.0.month(), self.0.day());
        if !(0..=9999).contains(&y) {
            return write!(f, "{}", self.0);
        }
        let mut b = *b"0000-00-00";
        let y = y as u32;
        for (i, v) in [(0, y / 1000), (1, y / 100 % 10), (2, y / 10 % 10), (3, y % 10), (5, m / 10), (6, m % 10), (8, d / 10), (9, d % 10)] {
            b[i] = b'0' + v as u8;
        }
        f.write_str(std::str::from_utf8(&b).unwrap_or("0000-00-00"))
    }
}

/// `day + n` days, saturating at the end of the calendar instead of panicking.
pub fn add_days(day: NaiveDate, n: u32) -> NaiveDate {
    day.checked_add_days(Days::new(u64::from(n))).unwrap_or(NaiveDate::MAX)
}

/// Whole calendar days from `from` to `to` (negative when `to` is earlier).
pub fn days_between(from: NaiveDate, to: NaiveDate) -> i64 {
    (to - from).num_days()
}

/// The calendar month of a day as `(year, month)`.
pub fn month_of(day: NaiveDate) -> (i32, u32) {
    (day.year(), day.month())
}

/// A bare number that Excel shows as a day of [`YEARS`] in its 1900 system
/// (`46086`, or `46086.5` with a time, is 2026-03-05): a date column
/// formatted as a number. For a hint only: such a cell is never read as a
/// day, since the 1904 system would make it another day.
pub fn excel_day(raw: &str) -> Option<NaiveDate> {
    let t = raw.trim();
    let whole = match t.split_once('.') {
        Some((whole, fraction)) if fraction.bytes().all(|b| b.is_ascii_digit()) => whole,
        Some(_) => return None,
        None => t,
    };
    if whole.len() != 5 || !whole.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let day = NaiveDate::from_ymd_opt(1899, 12, 30)?.checked_add_days(Days::new(whole.parse().ok()?))?;
    YEARS.contains(&day.year()).then_some(day)
}

/// `20260305`: eight digits that form a real day of [`YEARS`]; any other
/// eight digits are not a date (an order number, a phone part).
fn eight_digits(n: i64) -> Result<NaiveDate, BadDate> {
    let (year, month, day) = (n / 10_000, n / 100 % 100, n % 100);
    if !YEARS.contains(&(year as i32)) {
        return Err(BadDate::Form);
    }
    NaiveDate::from_ymd_opt(year as i32, month as u32, day as u32).ok_or(BadDate::Form)
}

struct Scanner<'a> {
    chars: std::iter::Peekable<std::str::Chars<'a>>,
}

impl<'a> Scanner<'a> {
    fn new(s: &'a str) -> Self {
        Scanner { chars: s.chars().peekable() }
    }

    fn at_end(&mut self) -> bool {
        self.chars.peek().is_none()
    }

    /// Up to `max` digits (ASCII or full-width); `None` when there are none.
    fn number(&mut self, max: usize) -> Option<(i64, usize)> {
        let (mut value, mut len) = (0i64, 0usize);
        while let Some(d) = self.chars.peek().copied().and_then(ascii_digit) {
            if len == max {
                return None;
            }
            value = value * 10 + i64::from(d);
            len += 1;
            self.chars.next();
        }
        (len > 0).then_some((value, len))
    }

    fn eat(&mut self, c: char) -> bool {
        self.chars.next_if_eq(&c).is_some()
    }

    fn date(&mut self) -> Result<NaiveDate, BadDate> {
        let (year, year_len) = self.number(8).ok_or(BadDate::Form)?;
        if year_len == 8 {
            return eight_digits(year);
        }
        let sep = self.chars.next().ok_or(BadDate::Form)?;
        let (month_sep, day_end) = match sep {
            '-' => ('-', None),
            '/' => ('/', None),
            '.' => ('.', None),
            '年' => ('月', Some('日')),
            _ => return Err(BadDate::Form),
        };
        let (month, _) = self.number(2).ok_or(BadDate::Form)?;
        if !self.eat(month_sep) {
            return Err(BadDate::Form);
        }
        let (day, _) = self.number(2).ok_or(BadDate::Form)?;
        if let Some(end) = day_end
            && !self.eat(end) {
                return Err(BadDate::Form);
            }
        if year_len != 4 || !YEARS.contains(&(year as i32)) {
            return Err(BadDate::Year(year));
        }
        NaiveDate::from_ymd_opt(year as i32, month as u32, day as u32).ok_or(BadDate::NoSuchDay)
    }

    /// One or more spaces, or an ISO `T`; nothing before `上午`/`下午`.
    fn skip_time_separator(&mut self) -> bool {
        if self.eat('T') {
            return true;
        }
        let mut any = false;
        while self.chars.next_if(|c| c.is_whitespace()).is_some() {
            any = true;
        }
        any || matches!(self.chars.peek(), Some('上' | '下'))
    }

    fn skip_spaces(&mut self) {
        while self.chars.next_if(|c| c.is_whitespace()).is_some() {}
    }

    /// `上午`/`下午` or `AM`/`PM` (any case): true for the afternoon.
    fn meridiem(&mut self) -> Option<bool> {
        let mut ahead = self.chars.clone();
        let pm = match (ahead.next()?, ahead.next()?) {
            ('上', '午') => false,
            ('下', '午') => true,
            (a, m) if m.eq_ignore_ascii_case(&'m') && a.eq_ignore_ascii_case(&'a') => false,
            (p, m) if m.eq_ignore_ascii_case(&'m') && p.eq_ignore_ascii_case(&'p') => true,
            _ => return None,
        };
        self.chars = ahead;
        Some(pm)
    }

    /// `14:30`, `14:30:05`, `14:30:05.000`; `下午 2:30` or `2:30 PM`.
    fn time(&mut self) -> Result<(NaiveTime, Precision), BadDate> {
        let before = self.meridiem();
        self.skip_spaces();
        let (h, _) = self.number(2).ok_or(BadDate::Time)?;
        if !self.eat(':') {
            return Err(BadDate::Time);
        }
        let (m, m_len) = self.number(2).ok_or(BadDate::Time)?;
        let mut precision = Precision::Exact;
        let s = if self.eat(':') {
            let (s, s_len) = self.number(2).ok_or(BadDate::Time)?;
            if s_len != 2 {
                return Err(BadDate::Time);
            }
            if self.eat('.') {
                let mut digits = 0;
                while let Some(d) = self.chars.next_if(char::is_ascii_digit) {
                    digits += 1;
                    if d != '0' {
                        precision = Precision::Dropped;
                    }
                }
                if digits == 0 {
                    return Err(BadDate::Time);
                }
            }
            s
        } else {
            0
        };
        if m_len != 2 {
            return Err(BadDate::Time);
        }
        let after = if before.is_none() {
            self.skip_spaces();
            self.meridiem()
        } else {
            None
        };
        let h = match before.or(after) {
            None => h,
            Some(_) if !(1..=12).contains(&h) => return Err(BadDate::Time),
            Some(pm) => h % 12 + if pm { 12 } else { 0 },
        };
        let time = NaiveTime::from_hms_opt(h as u32, m as u32, s as u32).ok_or(BadDate::Time)?;
        Ok((time, precision))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn three_forms_with_one_or_two_digits() {
        for s in ["2026-03-05", "2026-3-5", "2026/3/5", "2026/03/05", "2026年3月5日", " 2026年03月05日 "] {
            assert_eq!(parse_stamp(s), Ok(Stamp { day: d(2026, 3, 5), time: None }), "{s}");
        }
    }

    #[test]
    fn optional_time_of_day() {
        let t = |h, m, s| Some(NaiveTime::from_hms_opt(h, m, s).unwrap());
        assert_eq!(parse_stamp("2026-03-05 14:30").unwrap().time, t(14, 30, 0));
        assert_eq!(parse_stamp("2026/3/5 9:05:07").unwrap().time, t(9, 5, 7));
        assert_eq!(parse_stamp("2026年3月5日 14:30").unwrap().time, t(14, 30, 0));
        assert_eq!(parse_stamp("2026-03-05T14:30:05").unwrap().time, t(14, 30, 5));
        assert_eq!(parse_day("2026/3/2 18:00"), Ok(d(2026, 3, 2)));
    }

    #[test]
    fn times_as_crm_exports_and_chinese_excel_write_them() {
        let t = |h, m, s| Some(NaiveTime::from_hms_opt(h, m, s).unwrap());
        assert_eq!(parse_stamp("2026-03-05 14:30:05.000").unwrap().time, t(14, 30, 5));
        assert_eq!(parse_stamp("2026-03-05T14:30:05.0").unwrap().time, t(14, 30, 5));
        assert_eq!(parse_stamp("2026/3/6 下午 2:30").unwrap().time, t(14, 30, 0));
        assert_eq!(parse_stamp("2026/3/6 下午2:30:15").unwrap().time, t(14, 30, 15));
        assert_eq!(parse_stamp("2026/3/6下午 12:05").unwrap().time, t(12, 5, 0));
        assert_eq!(parse_stamp("2026/3/6 上午 12:05").unwrap().time, t(0, 5, 0));
        assert_eq!(parse_stamp("2026/3/6 上午 9:05").unwrap().time, t(9, 5, 0));
        assert_eq!(parse_stamp("2026/3/6 2:30 PM").unwrap().time, t(14, 30, 0));
        assert_eq!(parse_stamp("2026/3/6 11:59:59 am").unwrap().time, t(11, 59, 59));
        // A fraction that is not zero: a claim is ordered to the second, a deal's time is dropped.
        assert_eq!(parse_stamp("2026-03-05 14:30:05.250"), Err(BadDate::SubSecond));
        assert_eq!(parse_day("2026-03-05 14:30:05.250"), Ok(d(2026, 3, 5)));
        assert_eq!(parse_day("2026/3/6 下午 2:30"), Ok(d(2026, 3, 6)));
        for bad in ["2026/3/6 下午 13:30", "2026/3/6 下午 0:30", "2026/3/6 下午 2:30 PM", "2026/3/6 中午 2:30",
            "2026-03-05 14:30:05.", "2026-03-05 14:30.000", "2026/3/6 下午", "2026/3/6 2:30 下"] {
            assert_eq!(parse_stamp(bad), Err(BadDate::Time), "{bad}");
        }
        assert_eq!(parse_stamp("2026/3/6上 2:30"), Err(BadDate::Time));
    }

    #[test]
    fn what_is_not_a_date() {
        assert_eq!(parse_stamp(""), Err(BadDate::Form));
        assert_eq!(parse_stamp("05/03/2026"), Err(BadDate::Form));
        assert_eq!(parse_stamp("26/3/5"), Err(BadDate::Year(26)));
        assert_eq!(parse_stamp("1999-12-31"), Err(BadDate::Year(1999)));
        assert_eq!(parse_stamp("2026-02-30"), Err(BadDate::NoSuchDay));
        assert_eq!(parse_stamp("2026-3/5"), Err(BadDate::Form));
        assert_eq!(parse_stamp("2026年3月5"), Err(BadDate::Form));
        assert_eq!(parse_stamp("2026-03-05 25:00"), Err(BadDate::Time));
        assert_eq!(parse_stamp("2026-03-05 14:3"), Err(BadDate::Time));
        assert_eq!(parse_stamp("2026-03-05x"), Err(BadDate::Form));
        assert_eq!(parse_stamp("2026-003-05"), Err(BadDate::Form));
        assert_eq!(parse_stamp("46086"), Err(BadDate::Form));
    }

    #[test]
    fn dotted_and_eight_digit_forms() {
        for s in ["2026.3.5", "2026.03.05", "20260305", "２０２６.３.５"] {
            assert_eq!(parse_stamp(s), Ok(Stamp { day: d(2026, 3, 5), time: None }), "{s}");
        }
        assert_eq!(parse_stamp("20260305 14:30").unwrap().time, Some(NaiveTime::from_hms_opt(14, 30, 0).unwrap()));
        assert_eq!(parse_stamp("2026.3.5 9:05").unwrap().day, d(2026, 3, 5));
        assert_eq!(parse_stamp("19990305"), Err(BadDate::Form));
        assert_eq!(parse_stamp("21010101"), Err(BadDate::Form));
        assert_eq!(parse_stamp("20260230"), Err(BadDate::Form));
        assert_eq!(parse_stamp("2026.3-5"), Err(BadDate::Form));
        assert_eq!(parse_stamp("26.3.5"), Err(BadDate::Year(26)));
        assert_eq!(parse_stamp("202603051"), Err(BadDate::Form));
    }

    #[test]
    fn a_day_without_its_year_says_so() {
        assert_eq!(parse_stamp("3月5日"), Err(BadDate::NoYear));
        assert_eq!(parse_stamp("03月05日 14:30"), Err(BadDate::NoYear));
        assert!(crate::messages::bad_date_why(&BadDate::NoYear, crate::messages::Lang::En).contains("year"));
        assert!(crate::messages::bad_date_why(&BadDate::NoYear, crate::messages::Lang::Zh).contains("年份"));
    }

    #[test]
    fn full_width_digits_are_digits() {
        assert_eq!(parse_day("２０２６年３月５日"), Ok(d(2026, 3, 5)));
    }

    #[test]
    fn full_width_separators_are_their_ascii_forms() {
        assert_eq!(parse_day("２０２６－０３－０５"), Ok(d(2026, 3, 5)));
        assert_eq!(parse_day("2026／3／5"), Ok(d(2026, 3, 5)));
        assert_eq!(parse_day("２０２６．３．５"), Ok(d(2026, 3, 5)));
        assert_eq!(parse_stamp("２０２６－０３－０５　１４：３０").map(|s| s.time), Ok(NaiveTime::from_hms_opt(14, 30, 0)));
        assert_eq!(parse_day("２０２６－０２－３０"), Err(BadDate::NoSuchDay));
    }

    #[test]
    fn excel_day_numbers_are_named_but_never_read() {
        assert_eq!(excel_day("46086"), Some(d(2026, 3, 5)));
        assert_eq!(excel_day(" 46086.5 "), Some(d(2026, 3, 5)));
        assert_eq!(excel_day("36526"), Some(d(2000, 1, 1)));
        assert_eq!((excel_day("36525"), excel_day("1234"), excel_day("46086.x"), excel_day("4608a")), (None, None, None, None));
        assert_eq!(parse_day("46086"), Err(BadDate::Form));
    }

    #[test]
    fn ymd_prints_like_chrono() {
        for day in [d(2026, 3, 5), d(2000, 1, 1), d(2100, 12, 31), NaiveDate::MIN, NaiveDate::MAX] {
            assert_eq!(Ymd(day).to_string(), day.to_string());
        }
    }

    #[test]
    fn day_arithmetic_never_panics() {
        assert_eq!(add_days(d(2026, 1, 22), 10), d(2026, 2, 1));
        assert_eq!(add_days(NaiveDate::MAX, 5), NaiveDate::MAX);
        assert_eq!(days_between(d(2026, 2, 28), d(2026, 3, 2)), 2);
    }
}

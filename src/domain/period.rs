//! Commission periods: calendar quarters (`2026Q1`) or months (`2026-03`).
//!
//! Pure: no IO.

use std::fmt;

use chrono::{Datelike, NaiveDate};

/// How commissions are grouped in time (`commission.period`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PeriodKind {
    Quarter,
    Month,
}

impl PeriodKind {
    pub fn months(self) -> u32 {
        match self {
            PeriodKind::Quarter => 3,
            PeriodKind::Month => 1,
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            PeriodKind::Quarter => "quarter",
            PeriodKind::Month => "month",
        }
    }
}

/// One commission period. Orders by time.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Period {
    year: i32,
    /// Months since the start of the year, 0–11, of the period's first month.
    first_month: u32,
    months: u32,
}

impl Period {
    /// The period of `kind` that holds `day`.
    pub fn of(day: NaiveDate, kind: PeriodKind) -> Period {
        let m0 = day.month0();
        match kind {
            PeriodKind::Quarter => Period { year: day.year(), first_month: m0 / 3 * 3, months: 3 },
            PeriodKind::Month => Period { year: day.year(), first_month: m0, months: 1 },
        }
    }

    /// Reads `2026Q1`, `2026-03` or `2026` (a whole year, for filters).
    pub fn parse(s: &str) -> Option<Period> {
        let s = s.trim();
        let year: i32 = s.get(..4)?.parse().ok()?;
        let rest = &s[4..];
        let (first_month, months) = if rest.is_empty() {
            (0, 12)
        } else if let Some(q) = rest.strip_prefix(['Q', 'q']) {
            let q: u32 = q.parse().ok().filter(|q| (1..=4).contains(q))?;
            ((q - 1) * 3, 3)
        } else {
            let m: u32 = rest.strip_prefix('-')?.parse().ok().filter(|m| (1..=12).contains(m))?;
            (m - 1, 1)
        };
        Some(Period { year, first_month, months })
    }

    /// How many months the period spans: 1, 3 or 12.
    pub fn months(&self) -> u32 {
        self.months
    }

    /// The period of the same length right after this one.
    pub fn next(&self) -> Period {
        let m = self.first_month + self.months;
        Period { year: self.year + (m / 12) as i32, first_month: m % 12, months: self.months }
    }

    /// The period of the same length right before this one.
    pub fn prev(&self) -> Period {
        let m = self.first_month as i32 - self.months as i32;
        Period { year: self.year + m.div_euclid(12), first_month: m.rem_euclid(12) as u32, months: self.months }
    }

    /// The first day of the period.
    pub fn first_day(&self) -> NaiveDate {
        NaiveDate::from_ymd_opt(self.year, self.first_month + 1, 1).unwrap_or(NaiveDate::MIN)
    }

    /// The last day of the period.
    pub fn last_day(&self) -> NaiveDate {
        self.next().first_day().pred_opt().unwrap_or(NaiveDate::MAX)
    }

    /// True when `day` lies in the period.
    pub fn holds(&self, day: NaiveDate) -> bool {
        self.first_day() <= day && day <= self.last_day()
    }

    /// True when every day of `other` lies in `self`.
    pub fn contains(&self, other: &Period) -> bool {
        self.year == other.year
            && self.first_month <= other.first_month
            && other.first_month + other.months <= self.first_month + self.months
    }
}

impl fmt::Display for Period {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.months {
            3 => write!(f, "{}Q{}", self.year, self.first_month / 3 + 1),
            1 => write!(f, "{}-{:02}", self.year, self.first_month + 1),
            _ => write!(f, "{}", self.year),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    #[test]
    fn quarters_and_months() {
        assert_eq!(Period::of(day(2026, 3, 31), PeriodKind::Quarter).to_string(), "2026Q1");
        assert_eq!(Period::of(day(2026, 4, 1), PeriodKind::Quarter).to_string(), "2026Q2");
        assert_eq!(Period::of(day(2026, 12, 1), PeriodKind::Month).to_string(), "2026-12");
    }

    #[test]
    fn next_previous_and_bounds() {
        let q4 = Period::parse("2025Q4").unwrap();
        assert_eq!(q4.next().to_string(), "2026Q1");
        assert_eq!(q4.next().prev(), q4);
        assert_eq!(Period::parse("2026-01").unwrap().prev().to_string(), "2025-12");
        assert_eq!(q4.last_day(), day(2025, 12, 31));
        assert_eq!(Period::parse("2024-02").unwrap().last_day(), day(2024, 2, 29));
        assert!(q4.holds(day(2025, 10, 1)) && !q4.holds(day(2026, 1, 1)));
    }

    #[test]
    fn filters_contain_finer_periods() {
        let q1 = Period::parse("2026Q1").unwrap();
        let march = Period::parse("2026-03").unwrap();
        assert!(q1.contains(&march));
        assert!(!march.contains(&q1));
        assert!(Period::parse("2026").unwrap().contains(&q1));
        assert!(!q1.contains(&Period::parse("2026-04").unwrap()));
        assert_eq!(Period::parse("2026Q5"), None);
        assert_eq!(Period::parse("2026-13"), None);
        assert_eq!(Period::parse("Q1"), None);
    }
}

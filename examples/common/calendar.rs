//! The calendar year 2026 for generated ledgers: each day written the three
//! ways the SPEC reads, and how busy the day is (season and weekend).

pub const DAYS: usize = 365;

const MONTH_LENGTHS: [u32; 12] = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/// Busyness per month, in percent: quiet around the Spring Festival
/// (February), busy in spring and around the October holidays.
const MONTH_BUSY: [u64; 12] = [80, 60, 100, 110, 110, 100, 90, 90, 110, 120, 110, 100];

/// 2026-01-01 is a Thursday (Monday = 0).
const FIRST_WEEKDAY: usize = 3;

pub struct Calendar {
    iso: Vec<String>,
    slash: Vec<String>,
    chinese: Vec<String>,
    busy: Vec<u64>,
}

impl Calendar {
    pub fn year_2026() -> Self {
        let mut cal = Calendar { iso: vec![], slash: vec![], chinese: vec![], busy: vec![] };
        for (m, &len) in MONTH_LENGTHS.iter().enumerate() {
            let month = m as u32 + 1;
            for day in 1..=len {
                cal.iso.push(format!("2026-{month:02}-{day:02}"));
                cal.slash.push(format!("2026/{month}/{day}"));
                cal.chinese.push(format!("2026年{month}月{day}日"));
                let weekday = (cal.busy.len() + FIRST_WEEKDAY) % 7;
                let weekend = if weekday >= 5 { 125 } else { 100 };
                cal.busy.push(MONTH_BUSY[m] * weekend);
            }
        }
        cal
    }

    /// `2026-03-05`
    pub fn iso(&self, day: usize) -> &str {
        &self.iso[day]
    }

    /// `2026/3/5`
    pub fn slash(&self, day: usize) -> &str {
        &self.slash[day]
    }

    /// `2026年3月5日`
    pub fn chinese(&self, day: usize) -> &str {
        &self.chinese[day]
    }

    /// This day's share of the year's activity, as `(weight, total)`.
    pub fn busy(&self, day: usize) -> (u64, u64) {
        (self.busy[day], self.busy.iter().sum())
    }
}

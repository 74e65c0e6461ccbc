//! What day it is today, in the alliance's time zone (SPEC §12).
//!
//! The one place leadctl reads the clock. `LEADCTL_TODAY=YYYY-MM-DD` stands
//! in for it (tests, replays of an old run).

use chrono::{DateTime, NaiveDate, Utc};
use chrono_tz::Tz;

/// The variable that stands in for the clock.
pub const TODAY_VAR: &str = "LEADCTL_TODAY";

/// Today in `tz`: a server on UTC in Shanghai sees the new day at 00:00
/// Shanghai time, not at 08:00.
pub fn today(tz: Tz) -> anyhow::Result<NaiveDate> {
    match std::env::var(TODAY_VAR) {
        Ok(text) => NaiveDate::parse_from_str(text.trim(), "%Y-%m-%d")
            .map_err(|_| crate::messages::errors::Fatal::BadToday { var: TODAY_VAR, value: text.clone() }.into()),
        Err(_) => Ok(day_in(Utc::now(), tz)),
    }
}

/// The calendar day an instant falls on in `tz`.
pub fn day_in(instant: DateTime<Utc>, tz: Tz) -> NaiveDate {
    instant.with_timezone(&tz).date_naive()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_utc_server_in_shanghai_sees_the_new_day_at_midnight_shanghai_time() {
        let shanghai = chrono_tz::Asia::Shanghai;
        let at = |s: &str| DateTime::parse_from_rfc3339(s).unwrap().with_timezone(&Utc);
        let day = |y, m, d| NaiveDate::from_ymd_opt(y, m, d).unwrap();
        assert_eq!(day_in(at("2026-03-31T15:59:59Z"), shanghai), day(2026, 3, 31));
        assert_eq!(day_in(at("2026-03-31T16:00:00Z"), shanghai), day(2026, 4, 1), "00:00 in Shanghai, 16:00 UTC");
        assert_eq!(day_in(at("2026-03-31T16:00:00Z"), chrono_tz::UTC), day(2026, 3, 31));
    }
}

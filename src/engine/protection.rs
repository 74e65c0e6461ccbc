//! The two clocks of a valid claim (SPEC §5): lapse without follow-up and
//! expiry without a visit.
//!
//! Pure: no IO. A claim is touched only while it protects, so every gap
//! between accepted touches is at most `lapse_after_days` and the end day
//! follows from the last touch and the first visit alone.

use chrono::NaiveDate;

use crate::domain::day::{add_days, days_between};

/// Which clock ended a claim.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum EndCause {
    /// `lapse_after_days` passed after the last touch (十日内未跟进).
    Lapse,
    /// `expire_without_visit_days` passed without a visit (未上门量尺).
    Expiry,
}

/// The protection of one valid claim, as its touches arrive in ledger order.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Protection {
    pub start: NaiveDate,
    pub last_touch: NaiveDate,
    pub first_visit: Option<NaiveDate>,
    /// Touch days after the claim day (refreshes included), counted once a day.
    pub touch_days: u32,
    pub lapse_after_days: u32,
    /// `expire_without_visit_days` of the rep's channel, when it sets one.
    pub expire_without_visit_days: Option<u32>,
}

impl Protection {
    pub fn new(start: NaiveDate, lapse_after_days: u32, expire_without_visit_days: Option<u32>) -> Self {
        Protection { start, last_touch: start, first_visit: None, touch_days: 0, lapse_after_days, expire_without_visit_days }
    }

    /// The end day as far as the touches so far tell, and which clock sets it.
    /// On a tie the claim expired (SPEC §7).
    pub fn end(&self) -> (NaiveDate, EndCause) {
        let lapse = add_days(self.last_touch, self.lapse_after_days);
        match (self.expire_without_visit_days, self.first_visit) {
            (Some(days), None) => {
                let expiry = add_days(self.start, days);
                if expiry <= lapse { (expiry, EndCause::Expiry) } else { (lapse, EndCause::Lapse) }
            }
            _ => (lapse, EndCause::Lapse),
        }
    }

    /// True when the claim protects its customer on `day`: from the claim
    /// day through the end day, both included.
    pub fn protects(&self, day: NaiveDate) -> bool {
        self.start <= day && day <= self.end().0
    }

    /// Records a touch on `day`; the caller has checked that the claim
    /// protects on that day. A visit within the expiry window stops expiry.
    pub fn touch(&mut self, day: NaiveDate, is_visit: bool) {
        debug_assert!(self.protects(day));
        if day > self.last_touch {
            self.last_touch = day;
            self.touch_days += 1;
        }
        let within = |days: u32| days_between(self.start, day) <= i64::from(days);
        if is_visit && self.first_visit.is_none() && self.expire_without_visit_days.is_none_or(within) {
            self.first_visit = Some(day);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, m, day).unwrap()
    }

    #[test]
    fn a_gap_of_exactly_the_lapse_keeps_it_alive() {
        let mut p = Protection::new(d(1, 1), 10, None);
        assert!(p.protects(d(1, 11)));
        p.touch(d(1, 11), false);
        assert_eq!(p.end(), (d(1, 21), EndCause::Lapse));
    }

    #[test]
    fn a_gap_of_lapse_plus_one_ends_it() {
        let p = Protection::new(d(1, 1), 10, None);
        assert!(!p.protects(d(1, 12)));
        assert_eq!(p.end(), (d(1, 11), EndCause::Lapse));
    }

    #[test]
    fn the_end_day_itself_is_protected() {
        let p = Protection::new(d(2, 1), 10, Some(15));
        assert!(p.protects(d(2, 11)));
        assert!(!p.protects(d(2, 12)));
        assert!(!p.protects(d(1, 31)));
    }

    #[test]
    fn expiry_without_a_visit() {
        let mut p = Protection::new(d(2, 1), 10, Some(15));
        p.touch(d(2, 8), false);
        p.touch(d(2, 14), false);
        assert_eq!(p.end(), (d(2, 16), EndCause::Expiry));
        assert!(p.protects(d(2, 16)));
        assert!(!p.protects(d(2, 17)));
    }

    #[test]
    fn a_visit_on_the_last_day_of_the_window_counts() {
        let mut p = Protection::new(d(3, 1), 10, Some(15));
        p.touch(d(3, 10), false);
        assert!(p.protects(d(3, 16)));
        p.touch(d(3, 16), true);
        assert_eq!(p.end(), (d(3, 26), EndCause::Lapse));
    }

    #[test]
    fn expiry_and_lapse_on_the_same_day_is_expiry() {
        let mut p = Protection::new(d(3, 1), 10, Some(15));
        p.touch(d(3, 6), false);
        assert_eq!(p.end(), (d(3, 16), EndCause::Expiry));
    }

    #[test]
    fn lapse_before_expiry() {
        let p = Protection::new(d(1, 7), 10, Some(15));
        assert_eq!(p.end(), (d(1, 17), EndCause::Lapse));
    }

    #[test]
    fn same_day_touches_count_once() {
        let mut p = Protection::new(d(3, 1), 10, None);
        p.touch(d(3, 1), false);
        p.touch(d(3, 3), false);
        p.touch(d(3, 3), true);
        assert_eq!((p.touch_days, p.first_visit), (1, Some(d(3, 3))));
    }
}

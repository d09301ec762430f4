//! Calendar facts the standard relies on: whole calendar months (CS340, CS337) and
//! Dutch working days for the 10-working-day answer term of a 325 (OP090x4).

use chrono::{Datelike, Duration, NaiveDate, Weekday};

pub fn first_of_month(date: NaiveDate) -> NaiveDate {
    date.with_day(1).unwrap_or(date)
}

pub fn last_of_month(date: NaiveDate) -> NaiveDate {
    let first = first_of_month(date);
    let next = if first.month() == 12 {
        NaiveDate::from_ymd_opt(first.year() + 1, 1, 1)
    } else {
        NaiveDate::from_ymd_opt(first.year(), first.month() + 1, 1)
    };
    next.and_then(|n| n.pred_opt()).unwrap_or(date)
}

pub(crate) fn same_month(a: NaiveDate, b: NaiveDate) -> bool {
    a.year() == b.year() && a.month() == b.month()
}

/// True when `begin..=end` is exactly one calendar month.
pub(crate) fn is_whole_month(begin: NaiveDate, end: NaiveDate) -> bool {
    begin.day() == 1 && end == last_of_month(begin)
}

/// First day of the month after the month of `date`.
pub fn next_month(date: NaiveDate) -> NaiveDate {
    last_of_month(date).succ_opt().unwrap_or(date)
}

/// Easter Sunday (Gregorian calendar), by the anonymous Gregorian algorithm.
pub(crate) fn easter_sunday(year: i32) -> Option<NaiveDate> {
    let a = year.rem_euclid(19);
    let b = year.div_euclid(100);
    let c = year.rem_euclid(100);
    let d = b / 4;
    let e = b % 4;
    let f = (b + 8) / 25;
    let g = (b - f + 1) / 3;
    let h = (19 * a + b - d - g + 15).rem_euclid(30);
    let i = c / 4;
    let k = c % 4;
    let l = (32 + 2 * e + 2 * i - h - k).rem_euclid(7);
    let m = (a + 11 * h + 22 * l) / 451;
    let month = (h + l - 7 * m + 114) / 31;
    let day = (h + l - 7 * m + 114) % 31 + 1;
    NaiveDate::from_ymd_opt(year, month as u32, day as u32)
}

/// The general holidays of the Algemene termijnenwet: New Year, Easter Monday, King's Day
/// (27 April, the 26th when the 27th is a Sunday), Liberation Day, Ascension Day,
/// Whit Monday and both Christmas days. Sundays (Easter, Pentecost) are weekend anyway.
pub(crate) fn is_public_holiday(date: NaiveDate) -> bool {
    let year = date.year();
    let fixed = |month, day| NaiveDate::from_ymd_opt(year, month, day) == Some(date);
    if fixed(1, 1) || fixed(5, 5) || fixed(12, 25) || fixed(12, 26) {
        return true;
    }
    let kings_day = NaiveDate::from_ymd_opt(year, 4, 27).map(|d| if d.weekday() == Weekday::Sun { d - Duration::days(1) } else { d });
    if kings_day == Some(date) {
        return true;
    }
    match easter_sunday(year) {
        Some(easter) => [1, 39, 50].iter().any(|offset| easter + Duration::days(*offset) == date),
        None => false,
    }
}

pub(crate) fn is_working_day(date: NaiveDate) -> bool {
    !matches!(date.weekday(), Weekday::Sat | Weekday::Sun) && !is_public_holiday(date)
}

/// The date `count` working days after `start` (not counting `start` itself).
pub fn add_working_days(start: NaiveDate, count: u32) -> NaiveDate {
    let mut date = start;
    let mut left = count;
    while left > 0 {
        match date.succ_opt() {
            Some(next) => date = next,
            None => return date,
        }
        if is_working_day(date) {
            left -= 1;
        }
    }
    date
}

/// The working days after `start` up to and including `end` (0 when `end` is not later):
/// how long a gemeente took to answer.
pub(crate) fn working_days_between(start: NaiveDate, end: NaiveDate) -> u32 {
    let mut count = 0;
    let mut date = start;
    while date < end {
        match date.succ_opt() {
            Some(next) => date = next,
            None => break,
        }
        if is_working_day(date) {
            count += 1;
        }
    }
    count
}

/// Serde for a date as its day number (days since 1 January of year 1), for the model cache:
/// a start-up at a million lines decodes two million dates, and chrono's own serde writes
/// each as text that must be parsed again.
pub mod as_day_number {
    use chrono::{Datelike, NaiveDate};
    use serde::{Deserialize, Deserializer, Serializer, de::Error};

    pub fn serialize<S: Serializer>(date: &NaiveDate, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_i32(date.num_days_from_ce())
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(deserializer: D) -> Result<NaiveDate, D::Error> {
        let days = i32::deserialize(deserializer)?;
        NaiveDate::from_num_days_from_ce_opt(days).ok_or_else(|| D::Error::custom("day number out of range"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn easter_dates_match_published_tables() {
        assert_eq!(easter_sunday(2024), Some(d(2024, 3, 31)));
        assert_eq!(easter_sunday(2025), Some(d(2025, 4, 20)));
        assert_eq!(easter_sunday(2026), Some(d(2026, 4, 5)));
        assert_eq!(easter_sunday(2027), Some(d(2027, 3, 28)));
        assert_eq!(easter_sunday(2038), Some(d(2038, 4, 25)));
    }

    #[test]
    fn dutch_holidays() {
        assert!(is_public_holiday(d(2025, 4, 21))); // tweede paasdag
        assert!(is_public_holiday(d(2025, 5, 29))); // hemelvaart
        assert!(is_public_holiday(d(2025, 6, 9))); // tweede pinksterdag
        assert!(is_public_holiday(d(2025, 4, 26))); // koningsdag on Saturday 26th (27th is Sunday)
        assert!(!is_public_holiday(d(2025, 4, 27)));
        assert!(is_public_holiday(d(2026, 4, 27)));
        assert!(!is_public_holiday(d(2025, 6, 10)));
    }

    #[test]
    fn working_days_skip_weekends_and_holidays() {
        // Thursday 2025-06-05 + 10 working days, skipping Whit Monday 9 June → Friday 2025-06-20.
        assert_eq!(add_working_days(d(2025, 6, 5), 10), d(2025, 6, 20));
        // Without holidays: two plain weeks.
        assert_eq!(add_working_days(d(2025, 9, 4), 10), d(2025, 9, 18));
        // Across Ascension (29 May) and Whit Monday (9 June) 2025.
        assert_eq!(add_working_days(d(2025, 5, 26), 10), d(2025, 6, 11));
        // Across Christmas and New Year.
        assert_eq!(add_working_days(d(2025, 12, 22), 5), d(2025, 12, 31));
        assert_eq!(add_working_days(d(2025, 12, 22), 6), d(2026, 1, 2));
    }

    #[test]
    fn working_days_between_counts_what_add_working_days_adds() {
        for (start, n) in [(d(2025, 6, 5), 10), (d(2025, 12, 22), 6), (d(2025, 5, 26), 10)] {
            assert_eq!(working_days_between(start, add_working_days(start, n)), n);
        }
        assert_eq!(working_days_between(d(2025, 6, 5), d(2025, 6, 5)), 0);
        assert_eq!(working_days_between(d(2025, 6, 5), d(2025, 6, 1)), 0);
        // Friday to Monday: one working day.
        assert_eq!(working_days_between(d(2025, 9, 5), d(2025, 9, 8)), 1);
    }

    #[test]
    fn month_helpers() {
        assert_eq!(last_of_month(d(2024, 2, 10)), d(2024, 2, 29));
        assert_eq!(last_of_month(d(2025, 12, 31)), d(2025, 12, 31));
        assert!(is_whole_month(d(2025, 5, 1), d(2025, 5, 31)));
        assert!(!is_whole_month(d(2025, 5, 1), d(2025, 5, 30)));
        assert!(!is_whole_month(d(2025, 5, 2), d(2025, 5, 31)));
        assert_eq!(next_month(d(2025, 12, 15)), d(2026, 1, 1));
    }
}

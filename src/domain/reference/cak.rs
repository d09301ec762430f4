//! CAK periods: the 13 four-week periods of a year in which the CAK counts the client's own
//! contribution, and which some gemeenten use for a fixed Wmo price per 4 weeks. A period
//! may be declared in full when care started on or before its last day and stopped on or
//! after its first day (DOMAIN.md §8).
//!
//! The periods follow ISO weeks (Monday to Sunday): period n is weeks 4n−3 to 4n of the ISO
//! year, so period 1 can start in late December. An ISO year of 53 weeks gives its 13th
//! period the extra week, as four-weekly payroll periods do.

use chrono::{Datelike, Duration, NaiveDate, Weekday};

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct CakPeriod {
    pub year: i32,
    /// 1 to 13.
    pub number: u8,
    pub first: NaiveDate,
    pub last: NaiveDate,
}

impl CakPeriod {
    /// The calendar month whose declaration carries the period: the month it ends in
    /// (a period is declared after it ends). As (year, month).
    pub fn declaration_month(&self) -> (i32, u32) {
        (self.last.year(), self.last.month())
    }
}

/// The 13 periods of `year` (an ISO year), in order. Empty for a year chrono cannot represent.
pub fn periods(year: i32) -> Vec<CakPeriod> {
    let (Some(start), Some(next)) =
        (NaiveDate::from_isoywd_opt(year, 1, Weekday::Mon), NaiveDate::from_isoywd_opt(year + 1, 1, Weekday::Mon))
    else {
        return Vec::new();
    };
    (0..13u8)
        .map(|i| {
            let first = start + Duration::weeks(4 * i64::from(i));
            let last = if i == 12 { next - Duration::days(1) } else { first + Duration::days(27) };
            CakPeriod { year, number: i + 1, first, last }
        })
        .collect()
}

/// The periods of `year` that may be declared for care from `start` to `end` (`None`: still
/// going): those that begin on or before the end of care and end on or after its start.
pub fn declarable(start: NaiveDate, end: Option<NaiveDate>, year: i32) -> Vec<CakPeriod> {
    periods(year).into_iter().filter(|p| start <= p.last && end.is_none_or(|end| end >= p.first)).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn thirteen_periods_covering_the_iso_year_without_gaps() {
        for year in 2020..=2032 {
            let ps = periods(year);
            assert_eq!(ps.len(), 13, "{year}");
            for pair in ps.windows(2) {
                assert_eq!(pair[0].last + Duration::days(1), pair[1].first, "{year}");
            }
            for p in &ps[..12] {
                assert_eq!((p.last - p.first).num_days(), 27, "{year} {}", p.number);
                assert_eq!(p.first.weekday(), Weekday::Mon);
            }
            let weeks_in_year = NaiveDate::from_ymd_opt(year, 12, 28).unwrap().iso_week().week();
            let last = ps[12];
            assert_eq!((last.last - last.first).num_days() + 1, 7 * (i64::from(weeks_in_year) - 48), "{year}");
            assert_eq!(last.last.weekday(), Weekday::Sun);
        }
    }

    #[test]
    fn known_years() {
        // 2024 starts on a Monday; 2025's ISO year on 30 December 2024; 2026 has 53 weeks.
        let p = periods(2024);
        assert_eq!((p[0].first, p[0].last), (d(2024, 1, 1), d(2024, 1, 28)));
        assert_eq!(periods(2025)[0].first, d(2024, 12, 30));
        let p = periods(2026);
        assert_eq!(p[0].first, d(2025, 12, 29));
        assert_eq!((p[12].first, p[12].last), (d(2026, 11, 30), d(2027, 1, 3)));
        assert_eq!(p[12].declaration_month(), (2027, 1));
        assert_eq!(periods(2024)[1].declaration_month(), (2024, 2));
    }

    #[test]
    fn declarable_periods_count_partial_weeks_at_both_ends() {
        // Care from Wednesday 15 January 2025 to Tuesday 25 March 2025.
        let ps = declarable(d(2025, 1, 15), Some(d(2025, 3, 25)), 2025);
        let numbers: Vec<u8> = ps.iter().map(|p| p.number).collect();
        // Period 1 (30-12 to 26-01), 2 (27-01 to 23-02), 3 (24-02 to 23-03), 4 (24-03 to 20-04).
        assert_eq!(numbers, [1, 2, 3, 4]);
        // Stopping on the first day of a period still counts that period; the day before does not.
        let p4 = periods(2025)[3];
        assert_eq!(declarable(d(2025, 1, 15), Some(p4.first), 2025).len(), 4);
        assert_eq!(declarable(d(2025, 1, 15), Some(p4.first - Duration::days(1)), 2025).len(), 3);
        // Starting on the last day of a period counts it.
        assert_eq!(declarable(periods(2025)[5].last, None, 2025).first().map(|p| p.number), Some(6));
        // Care still going: every period from the start.
        assert_eq!(declarable(d(2024, 6, 1), None, 2025).len(), 13);
        // Care that ended before the year.
        assert!(declarable(d(2023, 1, 1), Some(d(2024, 12, 1)), 2025).is_empty());
    }
}

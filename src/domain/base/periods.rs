//! Fixed-length periods for contracts that pay a price per period (say, per four weeks):
//! which periods care from a start to an end date may declare, and in which month's
//! declaration each goes. A period may be declared in full when care started on or before its
//! last day and stopped on or after its first day (DOMAIN.md §8).
//!
//! No calendar is assumed: since 2020 the CAK bills the Wmo contribution per calendar month
//! and publishes no four-week calendar for the Wmo, so the user gives the first day of one
//! period from their contract and its length (or chooses calendar months).

use chrono::{Datelike, Duration, NaiveDate};

use crate::base::calendar::{last_of_month, next_month};

/// How long a period is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Length {
    Days(u32),
    CalendarMonth,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct Period {
    /// 1-based, in order among the periods that overlap the year asked for.
    pub number: u32,
    pub first: NaiveDate,
    pub last: NaiveDate,
}

impl Period {
    /// The calendar month whose declaration carries the period: the month it ends in
    /// (a period is declared after it ends). As (year, month).
    pub fn declaration_month(&self) -> (i32, u32) {
        (self.last.year(), self.last.month())
    }
}

/// The periods that overlap `year`, for periods of `length` one of which starts on `anchor`.
/// Empty for a length of 0 days or a year chrono cannot represent.
pub fn periods(anchor: NaiveDate, length: Length, year: i32) -> Vec<Period> {
    let (Some(jan1), Some(dec31)) = (NaiveDate::from_ymd_opt(year, 1, 1), NaiveDate::from_ymd_opt(year, 12, 31)) else {
        return Vec::new();
    };
    let mut out = Vec::new();
    match length {
        Length::Days(0) => {}
        Length::Days(n) => {
            let n = i64::from(n);
            // The period that holds 1 January: anchor + k·n with k rounded down (also for an
            // anchor after the year).
            let k = (jan1 - anchor).num_days().div_euclid(n);
            let mut first = anchor + Duration::days(k * n);
            while first <= dec31 {
                let last = first + Duration::days(n - 1);
                out.push(Period { number: out.len() as u32 + 1, first, last });
                first = last + Duration::days(1);
            }
        }
        Length::CalendarMonth => {
            let mut first = jan1;
            while first <= dec31 {
                out.push(Period { number: out.len() as u32 + 1, first, last: last_of_month(first) });
                first = next_month(first);
            }
        }
    }
    out
}

/// The periods of `year` that care from `start` to `end` (`None`: still going) may declare:
/// those that begin on or before the end of care and end on or after its start.
pub fn declarable(anchor: NaiveDate, length: Length, start: NaiveDate, end: Option<NaiveDate>, year: i32) -> Vec<Period> {
    periods(anchor, length, year).into_iter().filter(|p| start <= p.last && end.is_none_or(|end| end >= p.first)).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn four_weeks_from_the_anchor_cover_the_year_without_gaps() {
        for anchor in [d(2025, 12, 29), d(2019, 3, 7), d(2031, 6, 1)] {
            for year in 2020..=2032 {
                let ps = periods(anchor, Length::Days(28), year);
                assert!(ps.first().unwrap().first <= d(year, 1, 1) && ps.last().unwrap().last >= d(year, 12, 31), "{anchor} {year}");
                for pair in ps.windows(2) {
                    assert_eq!(pair[0].last + Duration::days(1), pair[1].first);
                }
                assert!(ps.iter().all(|p| (p.last - p.first).num_days() == 27 && (p.first - anchor).num_days() % 28 == 0));
            }
        }
    }

    #[test]
    fn declarable_periods_and_their_month() {
        let ps = declarable(d(2025, 12, 29), Length::Days(28), d(2026, 3, 10), Some(d(2026, 5, 20)), 2026);
        let got: Vec<_> = ps.iter().map(|p| (p.number, p.first, p.last, p.declaration_month())).collect();
        assert_eq!(
            got,
            vec![
                (3, d(2026, 2, 23), d(2026, 3, 22), (2026, 3)),
                (4, d(2026, 3, 23), d(2026, 4, 19), (2026, 4)),
                (5, d(2026, 4, 20), d(2026, 5, 17), (2026, 5)),
                (6, d(2026, 5, 18), d(2026, 6, 14), (2026, 6)),
            ]
        );
        // The last period that overlaps 2026 runs from 28-12-2026 to 24-01-2027.
        assert_eq!(declarable(d(2025, 12, 29), Length::Days(28), d(2027, 1, 10), None, 2026).len(), 1);
        assert!(declarable(d(2025, 12, 29), Length::Days(28), d(2027, 2, 10), None, 2026).is_empty());
    }

    #[test]
    fn calendar_months_and_nonsense_lengths() {
        let ps = periods(d(2000, 1, 1), Length::CalendarMonth, 2024);
        assert_eq!(ps.len(), 12);
        assert_eq!(ps[1].last, d(2024, 2, 29));
        assert!(periods(d(2025, 1, 1), Length::Days(0), 2025).is_empty());
    }
}

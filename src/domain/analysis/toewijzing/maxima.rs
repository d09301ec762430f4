//! How much a toewijzing allows (IV076–IV079), in the toewijzing's unit: per ProductPeriode
//! (TR321) and over its whole duration (TR322).
//!
//! - per dag: Volume × the days of the period within the toewijzing;
//! - per week: Volume × the ISO weeks the period touches within the toewijzing (4 to 6 in a
//!   whole month); Wmo category 01 (huishoudelijke hulp) may declare up to 6 × the weekly
//!   volume in a period (TR321, Wmo only);
//! - per maand: the whole Volume, also in a broken month (IV078);
//! - totaal: the Volume, over the whole duration.
//!
//! Monthly maxima may add up to more than the total (a week split over two months counts in
//! both), so both are checked. Without an Einddatum only per-period maxima exist.

use chrono::{Datelike, NaiveDate};

use crate::formats::message::{Domein, Periode};
use crate::formats::toewijzing::{Frequentie, Omvang, ToegewezenProduct};

/// The part of `periode` within the toewijzing, or `None` when they do not overlap.
pub(crate) fn clip(periode: &Periode, product: &ToegewezenProduct) -> Option<(NaiveDate, NaiveDate)> {
    let begin = periode.begindatum.max(product.ingangsdatum);
    let end = match product.einddatum {
        Some(e) => periode.einddatum.min(e),
        None => periode.einddatum,
    };
    (begin <= end).then_some((begin, end))
}

/// Days from `begin` to `end`, both included.
fn days(begin: NaiveDate, end: NaiveDate) -> u64 {
    (end - begin).num_days().max(-1) as u64 + 1
}

/// ISO weeks touched from `begin` to `end`, both included: a week counts when any of its days
/// lies in the span (IV077, inspanningsgericht).
pub(crate) fn iso_weeks(begin: NaiveDate, end: NaiveDate) -> u64 {
    if end < begin {
        return 0;
    }
    let monday = |d: NaiveDate| d - chrono::Days::new(d.weekday().num_days_from_monday() as u64);
    (monday(end) - monday(begin)).num_days() as u64 / 7 + 1
}

/// Whole or broken calendar months from `begin` to `end`.
fn months(begin: NaiveDate, end: NaiveDate) -> u64 {
    let index = |d: NaiveDate| d.year() as i64 * 12 + d.month0() as i64;
    (index(end) - index(begin)).max(-1) as u64 + 1
}

/// True when the Wmo household-help exception of TR321 applies.
fn huishoudelijke_hulp(domein: Domein, product: &ToegewezenProduct) -> bool {
    domein == Domein::Wmo && product.product.as_ref().is_some_and(|p| p.categorie.code() == "01")
}

/// The most a line for `periode` may declare, in the toewijzing's unit; `None` without Omvang
/// or when the period lies outside the toewijzing.
pub fn per_periode(domein: Domein, product: &ToegewezenProduct, periode: &Periode) -> Option<u64> {
    let omvang = product.omvang.as_ref()?;
    let (begin, end) = clip(periode, product)?;
    let factor = match omvang.frequentie {
        Frequentie::PerDag => days(begin, end),
        Frequentie::PerWeek if huishoudelijke_hulp(domein, product) => 6,
        Frequentie::PerWeek => iso_weeks(begin, end),
        Frequentie::PerMaand | Frequentie::Totaal => 1,
    };
    Some(omvang.volume.saturating_mul(factor))
}

/// The most all lines together may declare over the whole toewijzing; `None` without Omvang,
/// and for open-ended toewijzingen other than "totaal".
pub fn totaal(product: &ToegewezenProduct) -> Option<u64> {
    let Omvang { volume, frequentie, .. } = product.omvang.as_ref()?;
    if *frequentie == Frequentie::Totaal {
        return Some(*volume);
    }
    let end = product.einddatum?;
    let begin = product.ingangsdatum;
    let factor = match frequentie {
        Frequentie::PerDag => days(begin, end),
        Frequentie::PerWeek => iso_weeks(begin, end),
        Frequentie::PerMaand => months(begin, end),
        Frequentie::Totaal => 1,
    };
    Some(volume.saturating_mul(factor))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    #[test]
    fn iso_weeks_count_weeks_touched() {
        // IV077: 07-10 to 31-10-2025 touches weeks 41 to 44.
        assert_eq!(iso_weeks(d("2025-10-07"), d("2025-10-31")), 4);
        assert_eq!(iso_weeks(d("2025-11-01"), d("2025-11-30")), 5);
        assert_eq!(iso_weeks(d("2025-12-01"), d("2025-12-30")), 5);
        assert_eq!(iso_weeks(d("2025-10-07"), d("2025-12-30")), 13);
        assert_eq!(iso_weeks(d("2025-06-02"), d("2025-06-02")), 1);
        assert_eq!(iso_weeks(d("2025-06-03"), d("2025-06-02")), 0);
    }

    #[test]
    fn months_count_broken_months() {
        assert_eq!(months(d("2025-04-01"), d("2025-12-31")), 9);
        assert_eq!(months(d("2025-04-15"), d("2025-05-02")), 2);
        assert_eq!(months(d("2024-12-31"), d("2025-01-01")), 2);
    }
}

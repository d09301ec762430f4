//! IV081: an hourly contract tariff declared in minutes.
//!
//! Wmo begeleiding is usually contracted per hour and declared per minute. The standard then
//! has ProductTarief = hourly tariff / 60 and IngediendBedrag = hourly tariff × minutes / 60,
//! each rounded to whole cents (half up). Because both are rounded, volume × ProductTarief may
//! differ from the amount, and TR346 accepts that. All arithmetic is on whole cents, exact.

use std::ops::RangeInclusive;

/// `numerator / 60` rounded half up.
fn per_minuut(numerator: u128) -> u128 {
    (numerator + 30) / 60
}

/// ProductTarief for an hourly tariff (cents per hour → cents per minute).
pub(crate) fn minuut_tarief(uurtarief: u64) -> u64 {
    per_minuut(u128::from(uurtarief)) as u64
}

/// IngediendBedrag for `minuten` minutes at an hourly tariff, or `None` when it does not fit
/// in an amount.
pub(crate) fn minuut_bedrag(uurtarief: u64, minuten: u64) -> Option<u64> {
    u64::try_from(per_minuut(u128::from(uurtarief) * u128::from(minuten))).ok()
}

/// Every hourly tariff (cents per hour) under which a minute line with this ProductTarief and
/// amount is correct per IV081; empty when none is. Computed from the two rounding intervals,
/// not by search: round(h / 60) = t holds for 60t − 30 ≤ h ≤ 60t + 29, and
/// round(h · m / 60) = b for 60b − 30 ≤ h · m ≤ 60b + 29.
pub fn uurtarieven(minuten: u64, product_tarief: u64, bedrag: u64) -> RangeInclusive<u64> {
    let t = i128::from(product_tarief);
    let (mut low, mut high) = ((60 * t - 30).max(0), 60 * t + 29);
    if minuten == 0 {
        return if bedrag == 0 { clamp(low, high) } else { empty() };
    }
    let m = i128::from(minuten);
    let b = i128::from(bedrag);
    // ceil((60b − 30) / m) and floor((60b + 29) / m), for a non-negative numerator.
    let from = (60 * b - 30).max(0);
    low = low.max((from + m - 1) / m);
    high = high.min((60 * b + 29) / m);
    clamp(low, high)
}

fn clamp(low: i128, high: i128) -> RangeInclusive<u64> {
    match (u64::try_from(low), u64::try_from(high)) {
        (Ok(low), Ok(high)) if low <= high => low..=high,
        _ => empty(),
    }
}

#[allow(clippy::reversed_empty_ranges)] // deliberately empty
fn empty() -> RangeInclusive<u64> {
    1..=0
}

#[cfg(test)]
mod tests {
    use super::*;

    /// €65, €70,25 and €83,50 per hour: none divisible by 60.
    const UURTARIEVEN: [u64; 3] = [6500, 7025, 8350];
    const MINUTEN: [u64; 6] = [1, 7, 45, 59, 61, 600];

    #[test]
    fn the_product_tarief_is_the_hourly_tariff_per_minute_rounded_half_up() {
        assert_eq!(minuut_tarief(6500), 108); // 108.33
        assert_eq!(minuut_tarief(7025), 117); // 117.08
        assert_eq!(minuut_tarief(8350), 139); // 139.17
        assert_eq!(minuut_tarief(6030), 101); // 100.5 rounds up
        assert_eq!(minuut_bedrag(6500, 45), Some(4875));
        assert_eq!(minuut_bedrag(7025, 7), Some(820)); // 819.58
        assert_eq!(minuut_bedrag(8350, 61), Some(8489)); // 8489.17
    }

    #[test]
    fn every_line_made_per_iv081_is_explained_by_its_own_hourly_tariff() {
        for uurtarief in UURTARIEVEN {
            for minuten in MINUTEN {
                let tarief = minuut_tarief(uurtarief);
                let bedrag = minuut_bedrag(uurtarief, minuten).unwrap();
                let range = uurtarieven(minuten, tarief, bedrag);
                assert!(range.contains(&uurtarief), "{uurtarief} ct/uur, {minuten} min: {range:?}");
            }
        }
    }

    #[test]
    fn a_cent_off_is_not_explained_once_the_minutes_pin_the_tariff_down() {
        for uurtarief in UURTARIEVEN {
            for minuten in [59, 61, 600] {
                let tarief = minuut_tarief(uurtarief);
                let bedrag = minuut_bedrag(uurtarief, minuten).unwrap();
                // 60 or more minutes: each cent of the hourly tariff moves the amount by a cent
                // or more, so amounts outside the tariff's rounding window are impossible.
                let far = bedrag + minuten; // one cent per minute more than the tariff allows
                assert!(uurtarieven(minuten, tarief, far).is_empty(), "{uurtarief} {minuten} {far}");
                assert!(uurtarieven(minuten, tarief, bedrag.saturating_sub(minuten)).is_empty());
            }
        }
    }

    #[test]
    fn small_volumes_allow_what_rounding_allows_and_nothing_more() {
        // 1 minute at ProductTarief 108: the amount is 108 (h in 6450..=6509 rounds to 108).
        assert_eq!(uurtarieven(1, 108, 108), 6450..=6509);
        assert!(uurtarieven(1, 108, 109).is_empty());
        // 7 minutes at 117 ct/min: hourly tariffs 69,90..70,49 give 815,5..822,4 cents, so
        // 816..=822 are possible and 815 and 823 are not (7 × 117 = 819 is just one of them).
        assert_eq!(uurtarieven(7, 117, 816), 6990..=6998);
        assert!(!uurtarieven(7, 117, 822).is_empty());
        assert!(uurtarieven(7, 117, 815).is_empty());
        assert!(uurtarieven(7, 117, 823).is_empty());
        assert!(uurtarieven(0, 117, 1).is_empty());
        assert!(!uurtarieven(0, 117, 0).is_empty());
    }
}

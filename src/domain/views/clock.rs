//! The computer's clock, checked against the archive: Kloppend has no clock of its own, so
//! answer terms and Te doen count from the computer's date. A date before the day a stored
//! file was added can only be a clock set back (or a file from a computer set ahead): the
//! deadlines shown would be wrong, so the screen says so. A clock set ahead cannot be told
//! from a late visit; its deadlines simply follow the date.

use chrono::NaiveDate;

use crate::base::text::datum;

/// The warning for today's date, when a stored file was added on a later day.
pub fn warning(today: NaiveDate, newest_added: Option<NaiveDate>) -> Option<String> {
    let added = newest_added.filter(|&added| added > today)?;
    Some(format!(
        "De datum van deze computer is {}, maar er is op {} al een bestand aan het archief toegevoegd. \
         Staat de klok goed? Termijnen en Te doen rekenen met de datum van de computer: zet hem goed, \
         dan rekent Kloppend vanzelf opnieuw.",
        datum(today),
        datum(added)
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    #[test]
    fn only_a_date_before_the_newest_file_is_doubted() {
        assert_eq!(warning(day(2026, 12, 7), None), None, "an empty archive says nothing");
        assert_eq!(warning(day(2026, 12, 7), Some(day(2026, 12, 7))), None, "added today");
        assert_eq!(warning(day(2031, 1, 1), Some(day(2026, 12, 7))), None, "years later is a late visit");
        let text = warning(day(2020, 5, 3), Some(day(2026, 12, 7))).expect("a clock set back");
        assert!(text.starts_with("De datum van deze computer is 03-05-2020, maar er is op 07-12-2026 al een bestand"), "{text}");
    }
}

//! Declaration terms: by when a period must be declared (and a rejected line declared
//! again). They differ per region and contract, so each gemeente can have its own; the
//! default is the Standaard Administratieprotocol's, the strictest one in common use, so a
//! deadline Kloppend shows is never later than the real one.

use std::collections::BTreeMap;

use chrono::{Months, NaiveDate};

use crate::base::calendar::{last_of_month, next_month};

/// A term, counted from the end of the declaration period.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Term {
    /// The last day of the month after the period (Standaard Administratieprotocol).
    EndOfNextMonth,
    /// The last day of the n-th month after the period ("binnen drie maanden na afloop").
    MonthsAfter(u8),
}

impl Term {
    pub const DEFAULT: Term = Term::EndOfNextMonth;
    /// The terms a user can choose from, in the settings.
    pub const CHOICES: [Term; 4] = [Term::EndOfNextMonth, Term::MonthsAfter(2), Term::MonthsAfter(3), Term::MonthsAfter(6)];

    /// The last day to declare a period that ends on `period_end`.
    pub fn deadline(self, period_end: NaiveDate) -> NaiveDate {
        match self {
            Term::EndOfNextMonth => last_of_month(next_month(period_end)),
            Term::MonthsAfter(months) => {
                let later = last_of_month(period_end).checked_add_months(Months::new(u32::from(months)));
                later.map(last_of_month).unwrap_or(period_end)
            }
        }
    }

    pub fn label(self) -> String {
        match self {
            Term::EndOfNextMonth => "uiterlijk de laatste dag van de maand na de periode".into(),
            Term::MonthsAfter(months) => format!("binnen {months} maanden na afloop van de periode"),
        }
    }

    /// The term in a few words, for a choice in a list.
    pub fn short_label(self) -> String {
        match self {
            Term::EndOfNextMonth => "einde volgende maand".into(),
            Term::MonthsAfter(months) => format!("{months} maanden na de periode"),
        }
    }

    /// Where the term comes from, for the note beside it.
    pub fn source(self) -> &'static str {
        match self {
            Term::EndOfNextMonth => "Standaard Administratieprotocol, de standaard in Kloppend",
            Term::MonthsAfter(_) => "uw contract of de declaratiepagina van de gemeente",
        }
    }

    /// How the term is written in the settings and back-ups.
    pub fn slug(self) -> String {
        match self {
            Term::EndOfNextMonth => "maand-na".into(),
            Term::MonthsAfter(months) => format!("{months}-maanden"),
        }
    }

    pub fn from_slug(slug: &str) -> Option<Term> {
        if slug == "maand-na" {
            return Some(Term::EndOfNextMonth);
        }
        let months: u8 = slug.strip_suffix("-maanden")?.parse().ok()?;
        (1..=12).contains(&months).then_some(Term::MonthsAfter(months))
    }
}

/// The term of every gemeente: the default, and the ones the user set.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Terms {
    pub per_gemeente: BTreeMap<String, Term>,
}

impl Terms {
    pub fn of(&self, gemeente: &str) -> Term {
        self.per_gemeente.get(gemeente).copied().unwrap_or(Term::DEFAULT)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn end_of_next_month() {
        assert_eq!(Term::EndOfNextMonth.deadline(d(2026, 1, 31)), d(2026, 2, 28));
        assert_eq!(Term::EndOfNextMonth.deadline(d(2028, 1, 31)), d(2028, 2, 29));
        assert_eq!(Term::EndOfNextMonth.deadline(d(2026, 12, 31)), d(2027, 1, 31));
        // A period that ends mid-month (a toewijzing that stopped) counts from its month.
        assert_eq!(Term::EndOfNextMonth.deadline(d(2026, 3, 14)), d(2026, 4, 30));
    }

    #[test]
    fn months_after() {
        assert_eq!(Term::MonthsAfter(3).deadline(d(2026, 11, 30)), d(2027, 2, 28));
        assert_eq!(Term::MonthsAfter(3).deadline(d(2027, 11, 30)), d(2028, 2, 29));
        assert_eq!(Term::MonthsAfter(2).deadline(d(2026, 8, 31)), d(2026, 10, 31));
        assert_eq!(Term::MonthsAfter(6).deadline(d(2026, 6, 30)), d(2026, 12, 31));
    }

    #[test]
    fn slugs_round_trip() {
        for term in Term::CHOICES {
            assert_eq!(Term::from_slug(&term.slug()), Some(term));
        }
        assert_eq!(Term::from_slug("0-maanden"), None);
        assert_eq!(Term::from_slug("99-maanden"), None);
        assert_eq!(Term::from_slug("altijd"), None);
    }

    #[test]
    fn per_gemeente_with_default() {
        let mut terms = Terms::default();
        terms.per_gemeente.insert("0344".into(), Term::MonthsAfter(3));
        assert_eq!(terms.of("0344"), Term::MonthsAfter(3));
        assert_eq!(terms.of("0363"), Term::DEFAULT);
    }
}

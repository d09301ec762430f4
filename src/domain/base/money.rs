//! Money as the standard writes it: whole eurocents plus a separate debit/credit sign.
//!
//! The XSDs carry an unsigned amount and a sibling `DebetCredit`; arithmetic happens on
//! [`Saldo`], a signed number of cents, so a sign can never be forgotten halfway.

use serde::{Deserialize, Serialize};
use std::fmt;

use compact_str::CompactString;

/// `LDT_DebetCredit`: `D` or `C`. Any other value is kept as read and reported by the validator.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum DebetCredit {
    Debet,
    Credit,
    Onbekend(CompactString),
}

impl DebetCredit {
    pub fn parse(code: &str) -> Self {
        match code {
            "D" => DebetCredit::Debet,
            "C" => DebetCredit::Credit,
            other => DebetCredit::Onbekend(other.into()),
        }
    }

    pub fn code(&self) -> &str {
        match self {
            DebetCredit::Debet => "D",
            DebetCredit::Credit => "C",
            DebetCredit::Onbekend(code) => code,
        }
    }

    pub fn is_credit(&self) -> bool {
        matches!(self, DebetCredit::Credit)
    }
}

/// `CDT_BedragMetDC` / `CDT_TotaalBedragMetDC`: an unsigned amount in eurocents with its sign.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct BedragMetDc {
    pub bedrag: u64,
    pub debet_credit: DebetCredit,
}

impl BedragMetDc {
    pub fn debet(bedrag: u64) -> Self {
        BedragMetDc { bedrag, debet_credit: DebetCredit::Debet }
    }

    pub fn credit(bedrag: u64) -> Self {
        BedragMetDc { bedrag, debet_credit: DebetCredit::Credit }
    }

    /// The amount with its sign applied. An unknown sign counts as debit (the validator
    /// reports the unknown code separately, so no amount silently disappears from a sum).
    pub fn saldo(&self) -> Saldo {
        let cents = i64::try_from(self.bedrag).unwrap_or(i64::MAX);
        match self.debet_credit {
            DebetCredit::Credit => Saldo(-cents),
            _ => Saldo(cents),
        }
    }

    /// How the standard writes a signed total: amount plus `D`/`C`, zero as `D` (CS325).
    pub fn from_saldo(saldo: Saldo) -> Self {
        if saldo.0 < 0 { BedragMetDc::credit(saldo.0.unsigned_abs()) } else { BedragMetDc::debet(saldo.0 as u64) }
    }
}

/// A signed number of eurocents (debit positive, credit negative).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default, Serialize, Deserialize)]
pub struct Saldo(pub i64);

impl Saldo {
    pub(crate) const ZERO: Saldo = Saldo(0);

    pub fn cents(self) -> i64 {
        self.0
    }
}

impl std::ops::Add for Saldo {
    type Output = Saldo;
    fn add(self, rhs: Saldo) -> Saldo {
        Saldo(self.0.saturating_add(rhs.0))
    }
}

impl std::ops::AddAssign for Saldo {
    fn add_assign(&mut self, rhs: Saldo) {
        *self = *self + rhs;
    }
}

impl std::ops::Sub for Saldo {
    type Output = Saldo;
    fn sub(self, rhs: Saldo) -> Saldo {
        Saldo(self.0.saturating_sub(rhs.0))
    }
}

impl std::ops::Neg for Saldo {
    type Output = Saldo;
    fn neg(self) -> Saldo {
        Saldo(self.0.saturating_neg())
    }
}

impl std::iter::Sum for Saldo {
    fn sum<I: Iterator<Item = Saldo>>(iter: I) -> Saldo {
        iter.fold(Saldo::ZERO, |a, b| a + b)
    }
}

/// Dutch notation: `€ 1.234,56`, negative as `-€ 1.234,56`.
impl fmt::Display for Saldo {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let sign = if self.0 < 0 { "-" } else { "" };
        write!(f, "{sign}€ {}", format_cents(self.0.unsigned_abs()))
    }
}

/// `123456` → `1.234,56` (no currency sign, no sign).
pub fn format_cents(cents: u64) -> String {
    let euros = (cents / 100).to_string();
    let mut grouped = String::with_capacity(euros.len() + euros.len() / 3 + 3);
    for (i, digit) in euros.chars().enumerate() {
        if i > 0 && (euros.len() - i).is_multiple_of(3) {
            grouped.push('.');
        }
        grouped.push(digit);
    }
    format!("{grouped},{:02}", cents % 100)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats_dutch_amounts() {
        assert_eq!(Saldo(0).to_string(), "€ 0,00");
        assert_eq!(Saldo(5).to_string(), "€ 0,05");
        assert_eq!(Saldo(123_456).to_string(), "€ 1.234,56");
        assert_eq!(Saldo(-100_000_000).to_string(), "-€ 1.000.000,00");
    }

    #[test]
    fn signed_totals_round_trip_with_zero_as_debit() {
        for cents in [-48_000, 0, 1, 70_000] {
            assert_eq!(BedragMetDc::from_saldo(Saldo(cents)).saldo(), Saldo(cents));
        }
        assert_eq!(BedragMetDc::from_saldo(Saldo(0)).debet_credit, DebetCredit::Debet);
        assert_eq!(BedragMetDc::credit(480).saldo(), Saldo(-480));
    }
}

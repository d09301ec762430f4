//! Amounts and dates as insurers write them in CSV: Dutch (`1.234,56`, `€ 12,50`, `-12,50`)
//! or plain (`1234.56`) amounts, parsed exactly with rust_decimal into eurocents; dates as
//! `dd-mm-yyyy`, `dd/mm/yyyy` or ISO.

use std::fmt;
use std::str::FromStr;

use chrono::NaiveDate;
use rust_decimal::Decimal;

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum AmountError {
    NotANumber(String),
    FractionOfCent(String),
    TooLarge(String),
}

impl fmt::Display for AmountError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            AmountError::NotANumber(text) => write!(f, "'{text}' is geen bedrag"),
            AmountError::FractionOfCent(text) => write!(f, "'{text}' heeft meer dan twee decimalen"),
            AmountError::TooLarge(text) => write!(f, "'{text}' is te groot"),
        }
    }
}

/// A date cell that is none of the date forms insurers write (the cell's text).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DateError(pub String);

impl fmt::Display for DateError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "'{}' is geen datum (verwacht dd-mm-jjjj of jjjj-mm-dd)", self.0)
    }
}

/// Parse an amount into signed eurocents. Empty text is `Ok(None)`.
pub fn parse_amount(text: &str) -> Result<Option<i64>, AmountError> {
    let raw = text.trim();
    let mut s: String = raw.chars().filter(|c| !matches!(c, '€' | ' ' | '\u{a0}' | '\u{202f}' | '\'')).collect();
    if s.is_empty() {
        return Ok(None);
    }
    let err = || AmountError::NotANumber(raw.to_string());
    // Sign: leading or trailing minus, or accounting parentheses.
    let mut negative = false;
    if s.starts_with('(') && s.ends_with(')') {
        negative = true;
        s = s[1..s.len() - 1].to_string();
    }
    if let Some(rest) = s.strip_prefix('-') {
        negative = !negative;
        s = rest.to_string();
    } else if let Some(rest) = s.strip_suffix('-') {
        negative = !negative;
        s = rest.to_string();
    } else if let Some(rest) = s.strip_prefix('+') {
        s = rest.to_string();
    }
    let s = s.strip_prefix("EUR").unwrap_or(&s).to_string();
    if s.is_empty() || !s.chars().all(|c| c.is_ascii_digit() || c == '.' || c == ',') || !s.starts_with(|c: char| c.is_ascii_digit()) {
        return Err(err());
    }
    // Which separator is the decimal one: the last of two kinds; a lone ',' is Dutch decimal;
    // a lone '.' is decimal unless it groups thousands (exactly three digits per group).
    let last_dot = s.rfind('.');
    let last_comma = s.rfind(',');
    let normalized = match (last_dot, last_comma) {
        // Both kinds: the last is the decimal one, and the other may only group thousands
        // before it ("1.234,56"); "1,2.3" or "1,23.45" are typing errors, not 12,30 or 123,45.
        (Some(d), Some(c)) => {
            let (decimal, group) = if c > d { (c, '.') } else { (d, ',') };
            if !thousands_grouped(&s[..decimal], group) || !s[decimal + 1..].chars().all(|c| c.is_ascii_digit()) {
                return Err(err());
            }
            format!("{}.{}", s[..decimal].replace(group, ""), &s[decimal + 1..])
        }
        (None, Some(_)) => {
            if s.matches(',').count() > 1 {
                return Err(err());
            }
            s.replace(',', ".")
        }
        (Some(_), None) => {
            let groups: Vec<&str> = s.split('.').collect();
            let thousands = groups.len() > 2 || groups.last().is_some_and(|g| g.len() == 3);
            if thousands {
                if groups[1..].iter().any(|g| g.len() != 3) {
                    return Err(err());
                }
                s.replace('.', "")
            } else {
                s.clone()
            }
        }
        (None, None) => s.clone(),
    };
    let value = Decimal::from_str(&normalized).map_err(|_| err())?;
    let cents = value.checked_mul(Decimal::from(100)).ok_or_else(|| AmountError::TooLarge(raw.to_string()))?;
    if cents.fract() != Decimal::ZERO {
        return Err(AmountError::FractionOfCent(raw.to_string()));
    }
    let cents = i64::try_from(cents).map_err(|_| AmountError::TooLarge(raw.to_string()))?;
    Ok(Some(if negative { -cents } else { cents }))
}

/// Whether `whole` is digits grouped by `separator` in threes ("1.234.567"; "12" too).
fn thousands_grouped(whole: &str, separator: char) -> bool {
    let mut groups = whole.split(separator);
    let first = groups.next().unwrap_or("");
    (1..=3).contains(&first.len())
        && first.chars().all(|c| c.is_ascii_digit())
        && groups.all(|g| g.len() == 3 && g.chars().all(|c| c.is_ascii_digit()))
        || !whole.contains(separator) && whole.chars().all(|c| c.is_ascii_digit()) && !whole.is_empty()
}

/// Parse a date. Empty text is `Ok(None)`.
pub(crate) fn parse_date(text: &str) -> Result<Option<NaiveDate>, DateError> {
    let t = text.trim();
    if t.is_empty() {
        return Ok(None);
    }
    let t = t.split(['T', ' ']).next().unwrap_or(t);
    for format in ["%d-%m-%Y", "%d/%m/%Y", "%Y-%m-%d", "%d.%m.%Y", "%Y%m%d"] {
        if let Ok(date) = NaiveDate::parse_from_str(t, format)
            && (1990..=2100).contains(&chrono::Datelike::year(&date))
        {
            return Ok(Some(date));
        }
    }
    Err(DateError(text.to_string()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dutch_and_plain_amounts() {
        let cases = [
            ("1.234,56", 123_456),
            ("€ 12,50", 1_250),
            ("-12,50", -1_250),
            ("1234.56", 123_456),
            ("1234", 123_400),
            ("0,05", 5),
            ("€\u{a0}1.000.000,00", 100_000_000),
            ("12,50-", -1_250),
            ("(7,00)", -700),
            ("1.234", 123_400),
            ("1,234.50", 123_450),
            ("EUR 3,10", 310),
        ];
        for (text, cents) in cases {
            assert_eq!(parse_amount(text), Ok(Some(cents)), "{text}");
        }
        assert_eq!(parse_amount("  "), Ok(None));
        assert!(matches!(parse_amount("12,345"), Err(AmountError::FractionOfCent(_))));
        assert!(matches!(parse_amount("twaalf"), Err(AmountError::NotANumber(_))));
        assert!(matches!(parse_amount("1.23.4"), Err(AmountError::NotANumber(_))));
        assert_eq!(parse_amount("12.345.678,90"), Ok(Some(1_234_567_890)));
        assert_eq!(parse_amount("1234,56"), Ok(Some(123_456)));
        // Misplaced separators are refused, not read as something else.
        for text in ["1,2.3", "1,23.45", "1.23,4", "1.234,5.6", "12.34,56", ",5.00"] {
            assert!(matches!(parse_amount(text), Err(AmountError::NotANumber(_))), "{text}: {:?}", parse_amount(text));
        }
    }

    #[test]
    fn dates() {
        let d = NaiveDate::from_ymd_opt(2025, 3, 14).unwrap();
        for text in ["14-03-2025", "14/03/2025", "2025-03-14", "14-3-2025", "2025-03-14T00:00:00"] {
            assert_eq!(parse_date(text), Ok(Some(d)), "{text}");
        }
        assert!(parse_date("31-02-2025").is_err());
        assert_eq!(parse_date(""), Ok(None));
    }
}

//! Dutch text for numbers and dates: thousands separators, counts with the right noun, sizes,
//! month names and dd-mm-jjjj. The bottom layer, so that every layer words them the same way.

use chrono::NaiveDate;

/// "05-06-2025": a date as the screens, messages to people and exports write it.
pub fn datum(date: NaiveDate) -> String {
    date.format("%d-%m-%Y").to_string()
}

/// A count with Dutch thousands separators: 33000 → "33.000".
pub fn thousands(n: usize) -> String {
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push('.');
        }
        out.push(c);
    }
    out
}

/// "1 bestand", "2 bestanden", "12.000 regels": a count with the right noun.
pub fn count(n: usize, one: &str, many: &str) -> String {
    format!("{} {}", thousands(n), if n == 1 { one } else { many })
}

/// A size as people read it: "800 bytes", "12 kB", "3,4 MB" (decimal units, Dutch comma).
pub fn size(bytes: usize) -> String {
    const KB: usize = 1_000;
    const MB: usize = 1_000_000;
    const GB: usize = 1_000_000_000;
    // One decimal, rounded half up, in whole arithmetic.
    let tenths = |unit: usize| (bytes as u128 * 10 + unit as u128 / 2) / unit as u128;
    if bytes < KB {
        count(bytes, "byte", "bytes")
    } else if bytes < MB {
        format!("{} kB", thousands(bytes.div_ceil(KB)))
    } else if bytes < GB {
        let t = tenths(MB);
        format!("{},{} MB", t / 10, t % 10)
    } else {
        let t = tenths(GB);
        format!("{},{} GB", t / 10, t % 10)
    }
}

/// "mei 2025": a calendar month as the screens name it (`month` 1 to 12).
pub fn maand(year: i32, month: u32) -> String {
    const MAANDEN: [&str; 12] =
        ["januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus", "september", "oktober", "november", "december"];
    let name = MAANDEN.get(month.saturating_sub(1) as usize).copied().unwrap_or("?");
    format!("{name} {year}")
}

//! Who and what a message names: the BSN's 11-proef (CS002), how a BSN is masked on screen and
//! in file names, and the DeclaratieNummer's form (CS319). One home each, so the validator, the
//! readers, the builders and the generators cannot drift apart.

/// CS002: 9·d1 + 8·d2 + … + 2·d8 − 1·d9 is divisible by 11 (and the number is not all zeros).
pub fn elfproef(bsn: &str) -> bool {
    let Some(first) = bsn.get(..8) else { return false };
    bsn.len() == 9 && !bsn.bytes().all(|b| b == b'0') && check_digit(first).is_some_and(|c| bsn.as_bytes()[8] == c)
}

/// The ninth digit that makes `first` (eight digits) pass the 11-proef, if there is one
/// (a weighted sum leaving 10 has none). Shared by the check and the test-number generators.
pub(crate) fn check_digit(first: &str) -> Option<u8> {
    if first.len() != 8 || !first.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let sum: u32 = first.bytes().zip((2..=9).rev()).map(|(b, w)| u32::from(b - b'0') * w).sum();
    let rest = sum % 11;
    (rest < 10).then(|| b'0' + rest as u8)
}

/// Show only the last three digits of a BSN.
pub fn mask_bsn(bsn: &str) -> String {
    let keep = bsn.chars().count().saturating_sub(3);
    bsn.chars().enumerate().map(|(i, c)| if i < keep { '•' } else { c }).collect()
}

/// `text` (a file name, say) with every BSN in it masked: each run of exactly nine digits
/// that passes the 11-proef keeps its last three, the rest become `mask`. Other numbers
/// (dates, declaration numbers) stay as they are.
pub fn mask_bsns_in(text: &str, mask: char) -> String {
    let bytes = text.as_bytes();
    let mut out = String::with_capacity(text.len());
    let mut i = 0;
    while i < bytes.len() {
        let run = bytes[i..].iter().take_while(|b| b.is_ascii_digit()).count();
        if run == 0 {
            // Not a digit: copy one whole character.
            let c = text[i..].chars().next().unwrap_or(' ');
            out.push(c);
            i += c.len_utf8();
            continue;
        }
        let digits = &text[i..i + run];
        if run == 9 && elfproef(digits) {
            out.extend(std::iter::repeat_n(mask, 6));
            out.push_str(&digits[6..]);
        } else {
            out.push_str(digits);
        }
        i += run;
    }
    out
}

/// CS319: a DeclaratieNummer is 1 to 12 letters or digits, nothing else.
pub(crate) fn is_declaratie_nummer(nummer: &str) -> bool {
    (1..=12).contains(&nummer.len()) && nummer.bytes().all(|b| b.is_ascii_alphanumeric())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_elfproef_and_its_check_digit_agree() {
        assert!(elfproef("111222333"));
        assert_eq!(check_digit("11122233"), Some(b'3'));
        for bad in ["111222334", "000000000", "11122233", "1112223333", "11122233a", "é11222333"] {
            assert!(!elfproef(bad), "{bad}");
        }
        // 8·1 + 7·1 + … leaving 10 has no check digit: such numbers never pass.
        let no_digit = (0..100_000u32).map(|n| format!("{n:08}")).find(|f| check_digit(f).is_none()).expect("one exists");
        assert!((0..10).all(|d| !elfproef(&format!("{no_digit}{d}"))));
    }

    #[test]
    fn a_declaratie_nummer_is_one_to_twelve_letters_or_digits() {
        for good in ["1", "KL20250601", "ABCDEF123456"] {
            assert!(is_declaratie_nummer(good), "{good}");
        }
        for bad in ["", "ABCDEFG1234567", "A-1", "A 1", "é1"] {
            assert!(!is_declaratie_nummer(bad), "{bad}");
        }
    }
}

//! Field rules shared by every form: phones, plates, VINs, dates, lengths.
//! Each returns the normalised value (what is stored and compared for
//! duplicates) or an [`Issue`] naming the field.

use chrono::NaiveDate;

use crate::error::{ErrorKind, Issue};

/// Provinces' one-character abbreviations on mainland plates.
pub const PROVINCES: &str = "京津沪渝冀豫云辽黑湘皖鲁新苏浙赣鄂桂甘晋蒙陕吉闽贵粤青藏川宁琼";

/// Plate series letters: the Latin alphabet without I and O, which plates avoid
/// because they read as 1 and 0.
fn is_plate_letter(c: char) -> bool {
    c.is_ascii_uppercase() && c != 'I' && c != 'O'
}

fn is_plate_char(c: char) -> bool {
    c.is_ascii_digit() || is_plate_letter(c)
}

/// Required text, trimmed, at most `max` characters.
pub fn text(field: &str, value: &str, max: usize) -> Result<String, Issue> {
    let value = optional_text(field, value, max)?;
    if value.is_empty() {
        return Err(Issue::new(ErrorKind::Required, field, format!("{field} is required")));
    }
    Ok(value)
}

/// Optional text, trimmed, at most `max` characters (empty is fine). Full-width
/// letters and digits (`ＡＢＣ１２３`, typed with a Chinese input method) become
/// ordinary ones; full-width punctuation, which Chinese text uses, stays.
pub fn optional_text(field: &str, value: &str, max: usize) -> Result<String, Issue> {
    let value = fold_alphanumerics(value);
    let value = value.trim();
    if value.chars().count() > max {
        return Err(Issue::new(
            ErrorKind::TooLong,
            field,
            format!("{field} is longer than {max} characters"),
        ));
    }
    Ok(value.to_owned())
}

/// A full-width form (U+FF01–U+FF5E, the ideographic space) as its ASCII character.
fn half_width(c: char) -> Option<char> {
    match c {
        '\u{3000}' => Some(' '),
        '\u{FF01}'..='\u{FF5E}' => char::from_u32(c as u32 - 0xFEE0),
        _ => None,
    }
}

/// Every full-width form as its ASCII character: `京Ａ１２３４５` → `京A12345`,
/// `１３８－００１３－８０００` → `138-0013-8000`. For numbers, plates and VINs.
pub fn fold_width(value: &str) -> String {
    value.chars().map(|c| half_width(c).unwrap_or(c)).collect()
}

/// Full-width letters, digits and spaces as ASCII; other full-width forms
/// (`，`, `：`, `（`) stay. For free text.
pub fn fold_alphanumerics(value: &str) -> String {
    value
        .chars()
        .map(|c| match half_width(c) {
            Some(h) if h.is_ascii_alphanumeric() || h == ' ' => h,
            _ => c,
        })
        .collect()
}

/// Spaces, dashes and dots people type inside numbers, which carry no meaning;
/// full-width characters folded first.
fn strip_separators(value: &str) -> String {
    fold_width(value)
        .chars()
        .filter(|c| !matches!(c, ' ' | '-' | '·' | '・' | '•' | '.' | '(' | ')' | '\t'))
        .collect()
}

/// A mainland mobile number: 11 digits starting with 1 (second digit 3–9).
/// Accepts `+86`/`0086` prefixes and separators, stores the bare 11 digits.
pub fn mobile(field: &str, value: &str) -> Result<String, Issue> {
    let digits = strip_separators(value);
    if digits.is_empty() {
        return Err(Issue::new(ErrorKind::Required, field, format!("{field} is required")));
    }
    let digits = digits.strip_prefix("+86").or_else(|| digits.strip_prefix("0086")).unwrap_or(&digits);
    let bytes = digits.as_bytes();
    let ok = bytes.len() == 11
        && bytes.iter().all(u8::is_ascii_digit)
        && bytes[0] == b'1'
        && (b'3'..=b'9').contains(&bytes[1]);
    if ok {
        Ok(digits.to_owned())
    } else {
        Err(Issue::new(
            ErrorKind::InvalidMobile,
            field,
            format!("{field} must be a mainland mobile number: 11 digits starting with 1"),
        ))
    }
}

/// A further phone: a mobile number, or a landline with its area code
/// (`010-12345678`, `0571 8765 4321`), stored with one dash after the area code.
pub fn phone(field: &str, value: &str) -> Result<String, Issue> {
    if let Ok(mobile) = mobile(field, value) {
        return Ok(mobile);
    }
    let trimmed = value.trim();
    // The area code is 3 digits for 010 and 02x, 4 digits elsewhere.
    let digits = strip_separators(trimmed);
    let digits = digits.strip_prefix("+86").map(|d| format!("0{d}")).unwrap_or(digits);
    if digits.len() >= 10
        && digits.len() <= 12
        && digits.starts_with('0')
        && digits.bytes().all(|b| b.is_ascii_digit())
    {
        let area = if digits.starts_with("010") || digits.starts_with("02") { 3 } else { 4 };
        let local = &digits[area..];
        if (7..=8).contains(&local.len()) {
            return Ok(format!("{}-{local}", &digits[..area]));
        }
    }
    Err(Issue::new(
        ErrorKind::InvalidPhone,
        field,
        format!("{field} must be a mobile number or a landline with its area code"),
    ))
}

/// A mainland plate: province character, the issuing office's letter, then 5
/// characters (the last may be 学/警/挂/领/港/澳/试/超), or 6 for a
/// new-energy plate (D/F-type: `京AD12345`, `粤B12345F`). Stored upper-case,
/// without separators.
pub fn plate(field: &str, value: &str) -> Result<String, Issue> {
    let normalised: String = strip_separators(value).to_uppercase();
    let chars: Vec<char> = normalised.chars().collect();
    let bad = || {
        Issue::new(
            ErrorKind::InvalidPlate,
            field,
            format!(
                "{field} must be a province character, a letter and 5 characters (6 for a new-energy plate), e.g. 京A12345"
            ),
        )
    };
    if chars.len() < 7 || !PROVINCES.contains(chars[0]) || !is_plate_letter(chars[1]) {
        return Err(bad());
    }
    let serial = &chars[2..];
    let ok = match serial.len() {
        5 => {
            let (last, body) = serial.split_last().ok_or_else(bad)?;
            body.iter().all(|&c| is_plate_char(c))
                && (is_plate_char(*last) || "学警挂领港澳试超".contains(*last))
        }
        // New-energy plates: small vehicles put the energy letter first
        // (D, A, B, C, E: pure electric; F, G, H, J, K: other), then a letter or
        // digit and four digits; large vehicles put five digits first and D/F last.
        6 => {
            let small = "DABCEFGHJK".contains(serial[0])
                && is_plate_char(serial[1])
                && serial[2..].iter().all(char::is_ascii_digit);
            let large = serial[..5].iter().all(char::is_ascii_digit) && matches!(serial[5], 'D' | 'F');
            small || large
        }
        _ => false,
    };
    if ok { Ok(normalised) } else { Err(bad()) }
}

/// The value of a VIN character in the check-digit sum (ISO 3779 / GB 16735).
fn vin_value(c: char) -> Option<u32> {
    match c {
        '0'..='9' => c.to_digit(10),
        'A' | 'J' => Some(1),
        'B' | 'K' | 'S' => Some(2),
        'C' | 'L' | 'T' => Some(3),
        'D' | 'M' | 'U' => Some(4),
        'E' | 'N' | 'V' => Some(5),
        'F' | 'W' => Some(6),
        'G' | 'P' | 'X' => Some(7),
        'H' | 'Y' => Some(8),
        'R' | 'Z' => Some(9),
        _ => None,
    }
}

const VIN_WEIGHTS: [u32; 17] = [8, 7, 6, 5, 4, 3, 2, 10, 0, 9, 8, 7, 6, 5, 4, 3, 2];

/// The check digit (position 9) that the other 16 characters of `vin` give.
/// `vin` must be 17 valid VIN characters.
pub fn vin_check_digit(vin: &str) -> Option<char> {
    let mut sum = 0;
    for (c, weight) in vin.chars().zip(VIN_WEIGHTS) {
        sum += vin_value(c)? * weight;
    }
    Some(match sum % 11 {
        10 => 'X',
        n => char::from_digit(n, 10)?,
    })
}

/// A VIN: 17 characters, digits and letters but I, O and Q. A wrong check digit
/// is refused with [`ErrorKind::VinCheckDigit`] unless `check_confirmed` (the
/// advisor looked at the vehicle: imported VINs need not carry one).
pub fn vin(field: &str, value: &str, check_confirmed: bool) -> Result<String, Issue> {
    let vin: String = strip_separators(value).to_uppercase();
    if vin.is_empty() {
        return Err(Issue::new(ErrorKind::Required, field, format!("{field} is required")));
    }
    if vin.chars().count() != 17 || !vin.chars().all(|c| vin_value(c).is_some()) {
        return Err(Issue::new(
            ErrorKind::InvalidVin,
            field,
            format!("{field} must be 17 letters and digits, without I, O or Q"),
        ));
    }
    let expected = vin_check_digit(&vin);
    if !check_confirmed && expected != vin.chars().nth(8) {
        return Err(Issue::new(
            ErrorKind::VinCheckDigit,
            field,
            format!(
                "{field}: the 9th character should be the check digit {}; confirm the VIN if the vehicle is imported",
                expected.unwrap_or('?')
            ),
        ));
    }
    Ok(vin)
}

/// An optional date typed as `YYYY-MM-DD`; empty means none.
pub fn date(field: &str, value: Option<&str>) -> Result<Option<NaiveDate>, Issue> {
    let Some(value) = value.map(str::trim).filter(|v| !v.is_empty()) else {
        return Ok(None);
    };
    NaiveDate::parse_from_str(value, "%Y-%m-%d")
        .ok()
        .filter(|d| (1900..=2200).contains(&chrono::Datelike::year(d)))
        .map(Some)
        .ok_or_else(|| {
            Issue::new(ErrorKind::InvalidDate, field, format!("{field} must be a date written as YYYY-MM-DD"))
        })
}

/// An optional date that cannot lie after `today` (a birthday, a purchase).
pub fn past_date(field: &str, value: Option<&str>, today: NaiveDate) -> Result<Option<NaiveDate>, Issue> {
    let date = date(field, value)?;
    if date.is_some_and(|d| d > today) {
        return Err(Issue::new(ErrorKind::DateInFuture, field, format!("{field} cannot be after today")));
    }
    Ok(date)
}

/// A whole number within `range`, when given.
pub fn in_range<T>(
    field: &str,
    value: Option<T>,
    range: std::ops::RangeInclusive<T>,
) -> Result<Option<T>, Issue>
where
    T: PartialOrd + std::fmt::Display + Copy,
{
    match value {
        Some(v) if !range.contains(&v) => Err(Issue::new(
            ErrorKind::OutOfRange,
            field,
            format!("{field} must be between {} and {}", range.start(), range.end()),
        )),
        _ => Ok(value),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kind<T: std::fmt::Debug>(r: Result<T, Issue>) -> ErrorKind {
        r.expect_err("should be refused").kind
    }

    #[test]
    fn mobiles_are_normalised_to_eleven_digits() {
        assert_eq!(mobile("mobile", "138 0013 8000").unwrap(), "13800138000");
        assert_eq!(mobile("mobile", "+86 139-1234-5678").unwrap(), "13912345678");
        assert_eq!(mobile("mobile", "008615012345678").unwrap(), "15012345678");
        assert_eq!(kind(mobile("mobile", "")), ErrorKind::Required);
        for bad in ["1380013800", "138001380001", "23800138000", "12800138000", "1380013800a"] {
            let issue = mobile("mobile", bad).expect_err(bad);
            assert_eq!(issue.kind, ErrorKind::InvalidMobile, "{bad}");
            assert_eq!(issue.field.as_deref(), Some("mobile"));
        }
    }

    #[test]
    fn further_phones_take_landlines_with_area_codes() {
        assert_eq!(phone("p", "010-62345678").unwrap(), "010-62345678");
        assert_eq!(phone("p", "0571 8765 4321").unwrap(), "0571-87654321");
        assert_eq!(phone("p", "020 1234567").unwrap(), "020-1234567");
        assert_eq!(phone("p", "13800138000").unwrap(), "13800138000");
        assert_eq!(kind(phone("p", "62345678")), ErrorKind::InvalidPhone);
        assert_eq!(kind(phone("p", "abc")), ErrorKind::InvalidPhone);
    }

    #[test]
    fn plates_ordinary_new_energy_and_special() {
        for ok in [
            "京A12345",
            "粤B·8K7J2",
            "沪a 1b2c3",
            "吉A1234学",
            "京AD12345",
            "粤BF12345",
            "粤BDA1234",
            "苏E12345D",
            "川A1234警",
        ] {
            assert!(plate("plate", ok).is_ok(), "{ok}");
        }
        assert_eq!(plate("plate", "沪a 1b2c3").unwrap(), "沪A1B2C3");
        for bad in [
            "A12345",
            "京12345",
            "京A1234",
            "京A1234567",
            "京AI1234",
            "美A12345",
            "京AX12345",
            "京A12345X",
            "粤BF1A234",
            "",
        ] {
            assert_eq!(kind(plate("plate", bad)), ErrorKind::InvalidPlate, "{bad}");
        }
    }

    #[test]
    fn vin_check_digit_follows_iso_3779() {
        // A well-known valid VIN, and the textbook example.
        assert_eq!(vin_check_digit("1M8GDM9AXKP042788"), Some('X'));
        assert_eq!(vin("vin", "1m8gdm9axkp042788", false).unwrap(), "1M8GDM9AXKP042788");
        assert_eq!(vin_check_digit("LFV2A21K767042918"), Some('7'));
        assert!(vin("vin", "LFV2A21K767042918", false).is_ok());
    }

    #[test]
    fn vins_refuse_bad_characters_length_and_check_digit() {
        assert_eq!(kind(vin("vin", "LFV2A21K16704291", false)), ErrorKind::InvalidVin);
        assert_eq!(kind(vin("vin", "LFV2A21K16704291O", false)), ErrorKind::InvalidVin);
        assert_eq!(kind(vin("vin", "LFV2A21KI67042918", false)), ErrorKind::InvalidVin);
        assert_eq!(kind(vin("vin", "", false)), ErrorKind::Required);
        let wrong = "LFV2A21K267042918";
        assert_eq!(kind(vin("vin", wrong, false)), ErrorKind::VinCheckDigit);
        // An imported vehicle's VIN the advisor has confirmed is kept as typed.
        assert_eq!(vin("vin", wrong, true).unwrap(), wrong);
    }

    #[test]
    fn dates_lengths_and_ranges() {
        let today = NaiveDate::from_ymd_opt(2026, 11, 22).unwrap();
        assert_eq!(date("d", Some("")).unwrap(), None);
        assert_eq!(date("d", Some("2024-02-29")).unwrap(), NaiveDate::from_ymd_opt(2024, 2, 29));
        assert_eq!(kind(date("d", Some("2023-02-29"))), ErrorKind::InvalidDate);
        assert_eq!(kind(date("d", Some("22/11/2026"))), ErrorKind::InvalidDate);
        assert_eq!(kind(past_date("d", Some("2026-11-23"), today)), ErrorKind::DateInFuture);
        assert_eq!(text("name", "  张伟 ", 10).unwrap(), "张伟");
        assert_eq!(kind(text("name", "   ", 10)), ErrorKind::Required);
        assert_eq!(kind(text("name", "张伟张伟张伟", 5)), ErrorKind::TooLong);
        assert_eq!(kind(in_range("y", Some(1800), 1950..=2030)), ErrorKind::OutOfRange);
        assert_eq!(in_range("y", None::<i32>, 1950..=2030).unwrap(), None);
    }

    #[test]
    fn full_width_characters_are_ordinary_ones() {
        assert_eq!(plate("plate", "京Ａ１２３４５").unwrap(), "京A12345");
        assert_eq!(plate("plate", "京ａ·１２３４５").unwrap(), "京A12345");
        assert_eq!(mobile("mobile", "１３８００１３８０００").unwrap(), "13800138000");
        assert_eq!(mobile("mobile", "＋８６ １３８－００１３－８０００").unwrap(), "13800138000");
        assert_eq!(phone("phone", "０１０－１２３４５６７８").unwrap(), "010-12345678");
        assert_eq!(vin("vin", "ＬＳＶＡＭ４１８７Ｃ２１８４８４７", true).unwrap(), "LSVAM4187C2184847");
        assert_eq!(text("name", "　Ｔｏｍ　", 10).unwrap(), "Tom");
        // Chinese punctuation in free text stays as typed.
        assert_eq!(optional_text("address", "北京市，朝阳区（东）", 50).unwrap(), "北京市，朝阳区（东）");
    }
}

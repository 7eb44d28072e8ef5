//! How numbers and times read on paper. Money is yuan with the ¥ sign and
//! thousands separators in both languages: it is what the invoice shows.

use caredesk_domain::Fen;
use chrono::{NaiveDate, NaiveDateTime};

/// `¥1,234.50`; a negative amount (a refund, a discount line) as `-¥1,234.50`.
pub fn money(amount: Fen) -> String {
    let fen = amount.0.unsigned_abs();
    let sign = if amount.0 < 0 { "-" } else { "" };
    format!("{sign}¥{}.{:02}", thousands(fen / 100), fen % 100)
}

/// Hours or a quantity kept in hundredths, without trailing zeros: 150 → `1.5`, 200 → `2`.
pub fn quantity(centi: u32) -> String {
    decimal(centi, 100)
}

/// A tax rate in basis points as a percentage: 1300 → `13%`, 650 → `6.5%`.
pub fn tax_rate(basis_points: u32) -> String {
    format!("{}%", decimal(basis_points, 100))
}

fn decimal(value: u32, scale: u32) -> String {
    let (whole, fraction) = (value / scale, value % scale);
    if fraction == 0 {
        whole.to_string()
    } else {
        format!("{whole}.{fraction:02}").trim_end_matches('0').to_owned()
    }
}

/// `YYYY-MM-DD HH:MM`.
pub(crate) fn date_time(at: NaiveDateTime) -> String {
    at.format("%Y-%m-%d %H:%M").to_string()
}

/// `YYYY-MM-DD`.
pub(crate) fn date(day: NaiveDate) -> String {
    day.format("%Y-%m-%d").to_string()
}

/// Kilometres with thousands separators: `45,210 km`.
pub(crate) fn kilometres(km: u32) -> String {
    format!("{} km", thousands(u64::from(km)))
}

/// `1234567` → `1,234,567`.
fn thousands(n: u64) -> String {
    let digits = n.to_string();
    let mut grouped = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, digit) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            grouped.push(',');
        }
        grouped.push(digit);
    }
    grouped
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn money_is_yuan_with_separators_and_two_decimals() {
        assert_eq!(money(Fen(0)), "¥0.00");
        assert_eq!(money(Fen(5)), "¥0.05");
        assert_eq!(money(Fen(99_999)), "¥999.99");
        assert_eq!(money(Fen(123_450)), "¥1,234.50");
        assert_eq!(money(Fen(100_000_000)), "¥1,000,000.00");
        assert_eq!(money(Fen(-123_450)), "-¥1,234.50");
        assert_eq!(money(Fen(i64::MIN)), "-¥92,233,720,368,547,758.08");
    }

    #[test]
    fn quantities_and_rates_drop_trailing_zeros() {
        assert_eq!(quantity(150), "1.5");
        assert_eq!(quantity(200), "2");
        assert_eq!(quantity(125), "1.25");
        assert_eq!(quantity(5), "0.05");
        assert_eq!(tax_rate(1300), "13%");
        assert_eq!(tax_rate(650), "6.5%");
        assert_eq!(tax_rate(0), "0%");
    }

    #[test]
    fn times_are_minutes_and_kilometres_are_grouped() {
        let at = NaiveDate::from_ymd_opt(2026, 11, 22).and_then(|d| d.and_hms_opt(9, 5, 59));
        assert_eq!(at.map(date_time).as_deref(), Some("2026-11-22 09:05"));
        assert_eq!(kilometres(45_210), "45,210 km");
        assert_eq!(kilometres(999), "999 km");
        assert_eq!(kilometres(1_000_000), "1,000,000 km");
    }
}

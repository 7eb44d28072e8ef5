//! One cell into the text a field's domain rule checks (`validate::mobile`,
//! `validate::date`, …), or an issue the rules cannot see: a number Excel
//! already rounded, an error value, a date in no known form. These functions
//! do not judge the value (an invalid plate stays a plate for the rules to
//! refuse); they undo what spreadsheets do to values.

use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use caredesk_domain::validate::fold_width;

use crate::cell::Cell;
use crate::header::Field;

/// Why a cell's value cannot be taken.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum CellIssueKind {
    /// The cell holds an error value (`#N/A`, `#REF!`): a formula failed in the old system.
    ErrorValue,
    /// A long number in scientific notation (`1.38001E+10`): Excel rounded it
    /// before it was saved as text, and the lost digits cannot be recovered.
    LostDigits,
    NotANumber,
    InvalidDate,
    /// A yes/no or male/female column holds something else.
    UnknownValue,
    /// A cell of the wrong type, e.g. a date or TRUE/FALSE where a phone number belongs.
    WrongType,
}

/// What is wrong with one cell; the row and column are added by the caller.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct CellIssue {
    pub kind: CellIssueKind,
    /// English, for logs and as the UI's last resort.
    pub message: String,
}

impl CellIssue {
    fn new(kind: CellIssueKind, message: impl Into<String>) -> Self {
        CellIssue { kind, message: message.into() }
    }
}

/// The text the domain rules check for `field`. Consent becomes `true`,
/// `false` or empty (not given), gender `male`, `female` or empty.
pub fn convert(field: Field, cell: &Cell) -> Result<String, CellIssue> {
    match field {
        Field::Mobile | Field::OtherPhone => phone(cell),
        Field::Plate | Field::Vin | Field::RoNumber => identifier(cell),
        Field::Birthday
        | Field::PurchaseDate
        | Field::WarrantyEnd
        | Field::InsuranceExpiry
        | Field::AnnualInspectionDue
        | Field::VisitDate => date(cell),
        Field::MileageKm => mileage(cell),
        Field::Amount => amount(cell),
        Field::ModelYear => model_year(cell),
        Field::MarketingConsent => Ok(consent(cell)?.map(|given| given.to_string()).unwrap_or_default()),
        Field::Gender => gender(cell),
        Field::CustomerName
        | Field::Address
        | Field::Notes
        | Field::Brand
        | Field::Model
        | Field::Colour
        | Field::Advisor
        | Field::WorkDone => text(cell),
    }
}

fn error_value(error: &str) -> CellIssue {
    CellIssue::new(
        CellIssueKind::ErrorValue,
        format!("the cell holds the error value {error}: a formula failed in the old system"),
    )
}

fn wrong_type(cell: &Cell, expected: &str) -> CellIssue {
    let found = match cell {
        Cell::Date(_) | Cell::DateTime(_) => "a date",
        Cell::Bool(_) => "TRUE/FALSE",
        Cell::Number(_) => "a number",
        _ => "text",
    };
    CellIssue::new(CellIssueKind::WrongType, format!("the cell holds {found} where {expected} belongs"))
}

/// A number as a person would write it: `13800138000`, not `13800138000.0`.
fn number_text(n: f64) -> String {
    if n.fract() == 0.0 && n.abs() < 1e15 { format!("{}", n as i64) } else { format!("{n}") }
}

/// Free text, trimmed; numbers, dates and TRUE/FALSE written out.
pub fn text(cell: &Cell) -> Result<String, CellIssue> {
    Ok(match cell {
        Cell::Empty => String::new(),
        Cell::Text(text) => text.trim().to_owned(),
        Cell::Number(n) => number_text(*n),
        Cell::Date(d) => d.format("%Y-%m-%d").to_string(),
        Cell::DateTime(at) => at.format("%Y-%m-%d %H:%M").to_string(),
        Cell::Bool(b) => if *b { "TRUE" } else { "FALSE" }.to_owned(),
        Cell::Error(e) => return Err(error_value(e)),
    })
}

/// A plate, VIN or repair-order number: full-width characters folded,
/// trimmed; a number as its digits.
pub fn identifier(cell: &Cell) -> Result<String, CellIssue> {
    match cell {
        Cell::Text(text) => Ok(fold_width(text).trim().to_owned()),
        Cell::Date(_) | Cell::DateTime(_) | Cell::Bool(_) => Err(wrong_type(cell, "a plate, VIN or number")),
        _ => text(cell),
    }
}

/// `1.38001E+10`: a number Excel showed in scientific notation, saved as text.
fn is_scientific(text: &str) -> bool {
    let Some((mantissa, exponent)) = text.split_once(['e', 'E']) else {
        return false;
    };
    let mantissa = mantissa.strip_prefix(['+', '-']).unwrap_or(mantissa);
    let exponent = exponent.strip_prefix(['+', '-']).unwrap_or(exponent);
    let (whole, fraction) = mantissa.split_once('.').unwrap_or((mantissa, ""));
    !whole.is_empty()
        && whole.bytes().all(|b| b.is_ascii_digit())
        && fraction.bytes().all(|b| b.is_ascii_digit())
        && !exponent.is_empty()
        && exponent.bytes().all(|b| b.is_ascii_digit())
}

/// A phone number. One stored as a number (`13800138000`, or the text
/// `13800138000.0` a number becomes in some exports) is given as its digits;
/// one in scientific notation has lost digits and is refused, never guessed.
pub fn phone(cell: &Cell) -> Result<String, CellIssue> {
    match cell {
        Cell::Number(n) if n.fract() == 0.0 && *n >= 0.0 && *n < 1e15 => Ok(number_text(*n)),
        Cell::Number(n) => Err(CellIssue::new(
            CellIssueKind::NotANumber,
            format!("{} is not a phone number", number_text(*n)),
        )),
        Cell::Text(text) => {
            let text = fold_width(text);
            let text = text.trim();
            if is_scientific(text) {
                return Err(CellIssue::new(
                    CellIssueKind::LostDigits,
                    format!(
                        "{text} is a phone number Excel shortened to scientific notation; its last digits are lost, \
                         take it from the old system or set the column to text before exporting"
                    ),
                ));
            }
            let digits = match text.split_once('.') {
                Some((whole, zeros))
                    if !whole.is_empty()
                        && whole.bytes().all(|b| b.is_ascii_digit())
                        && !zeros.is_empty()
                        && zeros.bytes().all(|b| b == b'0') =>
                {
                    whole
                }
                _ => text,
            };
            Ok(digits.to_owned())
        }
        Cell::Date(_) | Cell::DateTime(_) | Cell::Bool(_) => Err(wrong_type(cell, "a phone number")),
        Cell::Empty | Cell::Error(_) => text(cell),
    }
}

/// Excel's serial day number as a date. Excel counts 1900-01-01 as day 1 and
/// takes 1900 for a leap year, so day 60 is the 29 February 1900 that never
/// was and later days are one ahead of a plain count.
pub fn excel_serial_date(serial: f64) -> Option<NaiveDate> {
    if !serial.is_finite() || !(1.0..2_958_466.0).contains(&serial) {
        return None;
    }
    let day = serial.floor() as i64;
    let (epoch, day) = match day {
        60 => return None,
        ..60 => (NaiveDate::from_ymd_opt(1899, 12, 31)?, day),
        _ => (NaiveDate::from_ymd_opt(1899, 12, 30)?, day),
    };
    epoch.checked_add_signed(chrono::TimeDelta::try_days(day)?)
}

/// A date as people type it: `2019-3-5`, `2019/3/5`, `2019.03.05`,
/// `2019年3月5日`, `20190305`, with or without a time after it.
fn parse_date(text: &str) -> Option<NaiveDate> {
    let text = text.split([' ', 'T']).next().unwrap_or_default();
    if text.len() == 8 && text.bytes().all(|b| b.is_ascii_digit()) {
        let number = |range: std::ops::Range<usize>| text.get(range).and_then(|t| t.parse::<u32>().ok());
        return NaiveDate::from_ymd_opt(number(0..4)? as i32, number(4..6)?, number(6..8)?);
    }
    let text = text.strip_suffix(['日', '号']).unwrap_or(text);
    let mut parts = text.split(['-', '/', '.', '年', '月']);
    let (year, month, day) = (parts.next()?, parts.next()?, parts.next()?);
    if parts.next().is_some() || year.len() != 4 || month.len() > 2 || day.len() > 2 {
        return None;
    }
    NaiveDate::from_ymd_opt(year.parse().ok()?, month.parse().ok()?, day.parse().ok()?)
}

/// A date as `YYYY-MM-DD`, from a date cell, an Excel serial number (a date
/// column formatted as General), or text in the forms people type.
pub fn date(cell: &Cell) -> Result<String, CellIssue> {
    let invalid = |shown: &str| {
        CellIssue::new(
            CellIssueKind::InvalidDate,
            format!("{shown} is not a date (expected e.g. 2019-03-05, 2019/3/5 or 2019年3月5日)"),
        )
    };
    let date = match cell {
        Cell::Empty => return Ok(String::new()),
        Cell::Date(d) => *d,
        Cell::DateTime(at) => at.date(),
        Cell::Number(n) => excel_serial_date(*n).ok_or_else(|| invalid(&number_text(*n)))?,
        Cell::Text(text) => {
            let text = fold_width(text);
            let text = text.trim();
            if text.is_empty() {
                return Ok(String::new());
            }
            // A serial number that reached a CSV file as text.
            let serial = (text.len() == 5 && text.bytes().all(|b| b.is_ascii_digit()))
                .then(|| text.parse::<f64>().ok().and_then(excel_serial_date))
                .flatten();
            serial.or_else(|| parse_date(text)).ok_or_else(|| invalid(text))?
        }
        Cell::Bool(_) => return Err(wrong_type(cell, "a date")),
        Cell::Error(e) => return Err(error_value(e)),
    };
    Ok(date.format("%Y-%m-%d").to_string())
}

/// A number written with units, currency signs and thousands separators
/// (`12,345 km`, `¥1,234.50`, `1.2万公里`).
fn parse_quantity(text: &str, units: &[&str]) -> Option<f64> {
    let mut text = fold_width(text).trim().to_lowercase().replace([',', '，', ' ', '\u{a0}'], "");
    for unit in units {
        if let Some(rest) = text.strip_suffix(unit) {
            text = rest.to_owned();
        }
        if let Some(rest) = text.strip_prefix(unit) {
            text = rest.to_owned();
        }
    }
    let (text, factor) = match text.strip_suffix('万') {
        Some(rest) => (rest, 10_000.0),
        None => (text.as_str(), 1.0),
    };
    if text.is_empty() || !text.bytes().all(|b| b.is_ascii_digit() || b == b'.' || b == b'-') {
        return None;
    }
    text.parse::<f64>().ok().filter(|n| n.is_finite()).map(|n| n * factor)
}

fn quantity(cell: &Cell, what: &str, units: &[&str]) -> Result<Option<f64>, CellIssue> {
    match cell {
        Cell::Empty => Ok(None),
        Cell::Number(n) if n.is_finite() => Ok(Some(*n)),
        Cell::Text(text) if text.trim().is_empty() => Ok(None),
        Cell::Text(text) => parse_quantity(text, units).map(Some).ok_or_else(|| {
            CellIssue::new(CellIssueKind::NotANumber, format!("{} is not {what}", text.trim()))
        }),
        Cell::Error(e) => Err(error_value(e)),
        _ => Err(wrong_type(cell, what)),
    }
}

/// An odometer reading in whole kilometres.
pub fn mileage(cell: &Cell) -> Result<String, CellIssue> {
    let Some(km) = quantity(cell, "a mileage", &["公里", "千米", "km", "里程"])? else {
        return Ok(String::new());
    };
    if km < 0.0 {
        return Err(CellIssue::new(CellIssueKind::NotANumber, "a mileage cannot be negative"));
    }
    Ok(number_text(km.round()))
}

/// An amount in yuan with two decimals (`1234.50`); negative for a refund.
pub fn amount(cell: &Cell) -> Result<String, CellIssue> {
    let Some(yuan) = quantity(cell, "an amount", &["¥", "￥", "元", "rmb", "cny"])? else {
        return Ok(String::new());
    };
    Ok(format!("{yuan:.2}"))
}

/// A model year (`2019`, `2019款`, `2019年款`).
pub fn model_year(cell: &Cell) -> Result<String, CellIssue> {
    let year = match cell {
        Cell::Empty => return Ok(String::new()),
        Cell::Number(n) if n.fract() == 0.0 && (0.0..10_000.0).contains(n) => Some(*n as i32),
        Cell::Date(d) => Some(d.year()),
        Cell::Text(text) => {
            let text = fold_width(text);
            let text = text.trim();
            if text.is_empty() {
                return Ok(String::new());
            }
            let digits = text.strip_suffix("年款").or_else(|| text.strip_suffix('款')).unwrap_or(text);
            let digits = digits.strip_suffix('年').unwrap_or(digits);
            digits.parse::<i32>().ok().filter(|_| digits.len() == 4)
        }
        Cell::Error(e) => return Err(error_value(e)),
        _ => None,
    };
    year.map(|y| y.to_string()).ok_or_else(|| {
        CellIssue::new(CellIssueKind::NotANumber, "the model year must be a year such as 2019 or 2019款")
    })
}

/// Marketing consent: yes, no, or not given (empty). Never assumed: a value
/// that is neither yes nor no is an issue, not a no.
pub fn consent(cell: &Cell) -> Result<Option<bool>, CellIssue> {
    let unknown = |shown: &str| {
        CellIssue::new(
            CellIssueKind::UnknownValue,
            format!("{shown} is not a yes or no for marketing consent (是/否, Y/N, 1/0, 同意/不同意)"),
        )
    };
    match cell {
        Cell::Empty => Ok(None),
        Cell::Bool(b) => Ok(Some(*b)),
        Cell::Number(n) if *n == 1.0 => Ok(Some(true)),
        Cell::Number(n) if *n == 0.0 => Ok(Some(false)),
        Cell::Number(n) => Err(unknown(&number_text(*n))),
        Cell::Text(text) => {
            let folded = fold_width(text).trim().to_lowercase();
            match folded.as_str() {
                "" => Ok(None),
                "是" | "y" | "yes" | "1" | "同意" | "true" | "√" | "✓" | "✔" | "允许" | "接受" => {
                    Ok(Some(true))
                }
                "否" | "n" | "no" | "0" | "不同意" | "false" | "×" | "✗" | "✘" | "x" | "不允许" | "拒绝"
                | "不接受" => Ok(Some(false)),
                _ => Err(unknown(text.trim())),
            }
        }
        Cell::Error(e) => Err(error_value(e)),
        Cell::Date(_) | Cell::DateTime(_) => Err(wrong_type(cell, "a yes or no")),
    }
}

/// Gender as `male`, `female`, or empty when not given.
pub fn gender(cell: &Cell) -> Result<String, CellIssue> {
    let value = text(cell)?;
    match fold_width(&value).to_lowercase().as_str() {
        "" => Ok(String::new()),
        "男" | "m" | "male" | "先生" => Ok("male".to_owned()),
        "女" | "f" | "female" | "女士" => Ok("female".to_owned()),
        _ => Err(CellIssue::new(CellIssueKind::UnknownValue, format!("{value} is not a gender (男/女)"))),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn t(text: &str) -> Cell {
        Cell::Text(text.into())
    }

    fn kind(result: Result<impl std::fmt::Debug, CellIssue>) -> CellIssueKind {
        result.expect_err("should be an issue").kind
    }

    #[test]
    fn phones_stored_as_numbers_keep_their_digits() {
        assert_eq!(phone(&Cell::Number(13800138000.0)).unwrap(), "13800138000");
        assert_eq!(phone(&t("13800138000.0")).unwrap(), "13800138000");
        assert_eq!(phone(&t(" １３８００１３８０００ ")).unwrap(), "13800138000");
        assert_eq!(phone(&t("138-0013-8000")).unwrap(), "138-0013-8000");
        assert_eq!(phone(&Cell::Empty).unwrap(), "");
        let issue = phone(&t("1.38001E+10")).unwrap_err();
        assert_eq!(issue.kind, CellIssueKind::LostDigits);
        assert!(issue.message.contains("1.38001E+10"), "{}", issue.message);
        assert_eq!(kind(phone(&t("1.38E10"))), CellIssueKind::LostDigits);
        assert_eq!(kind(phone(&Cell::Error("#N/A".into()))), CellIssueKind::ErrorValue);
        assert_eq!(kind(phone(&Cell::Bool(true))), CellIssueKind::WrongType);
        assert_eq!(convert(Field::Mobile, &Cell::Number(13912345678.0)).unwrap(), "13912345678");
    }

    #[test]
    fn excel_serial_dates_count_the_missing_leap_day() {
        let d = |y, m, d| NaiveDate::from_ymd_opt(y, m, d);
        assert_eq!(excel_serial_date(43529.0), d(2019, 3, 5));
        assert_eq!(excel_serial_date(1.0), d(1900, 1, 1));
        assert_eq!(excel_serial_date(59.0), d(1900, 2, 28));
        assert_eq!(excel_serial_date(60.0), None);
        assert_eq!(excel_serial_date(61.0), d(1900, 3, 1));
        assert_eq!(excel_serial_date(45658.75), d(2025, 1, 1));
        assert_eq!(excel_serial_date(2_958_465.0), d(9999, 12, 31));
        for bad in [0.0, -1.0, 2_958_466.0, f64::NAN, f64::INFINITY] {
            assert_eq!(excel_serial_date(bad), None, "{bad}");
        }
        assert_eq!(date(&Cell::Number(43529.0)).unwrap(), "2019-03-05");
    }

    #[test]
    fn dates_in_the_forms_people_type() {
        for text in
            ["2019/3/5", "2019.03.05", "2019-3-5", "2019年3月5日", "20190305", "2019-03-05 10:30:00", "43529"]
        {
            assert_eq!(date(&t(text)).unwrap(), "2019-03-05", "{text}");
        }
        assert_eq!(date(&t("２０１９／３／５")).unwrap(), "2019-03-05");
        assert_eq!(date(&Cell::Date(NaiveDate::from_ymd_opt(2024, 2, 29).unwrap())).unwrap(), "2024-02-29");
        assert_eq!(date(&Cell::Empty).unwrap(), "");
        assert_eq!(date(&t("  ")).unwrap(), "");
        for bad in ["2019/2/30", "3/5/2019", "明天", "20191305", "2019-3", "19-3-5"] {
            assert_eq!(kind(date(&t(bad))), CellIssueKind::InvalidDate, "{bad}");
        }
        assert_eq!(kind(date(&Cell::Error("#VALUE!".into()))), CellIssueKind::ErrorValue);
    }

    #[test]
    fn mileage_and_amounts_with_units_and_separators() {
        assert_eq!(mileage(&Cell::Number(12345.0)).unwrap(), "12345");
        assert_eq!(mileage(&Cell::Number(12345.6)).unwrap(), "12346");
        assert_eq!(mileage(&t("12,345 km")).unwrap(), "12345");
        assert_eq!(mileage(&t("12345公里")).unwrap(), "12345");
        assert_eq!(mileage(&t("1.2万公里")).unwrap(), "12000");
        assert_eq!(mileage(&t("１２３４５ＫＭ")).unwrap(), "12345");
        assert_eq!(mileage(&t("")).unwrap(), "");
        assert_eq!(kind(mileage(&t("很多"))), CellIssueKind::NotANumber);
        assert_eq!(kind(mileage(&t("-5"))), CellIssueKind::NotANumber);
        assert_eq!(amount(&t("¥1,234.5")).unwrap(), "1234.50");
        assert_eq!(amount(&t("￥1,234.50元")).unwrap(), "1234.50");
        assert_eq!(amount(&t("880元")).unwrap(), "880.00");
        assert_eq!(amount(&Cell::Number(99.999)).unwrap(), "100.00");
        assert_eq!(amount(&t("-50")).unwrap(), "-50.00");
        assert_eq!(kind(amount(&t("1.2.3"))), CellIssueKind::NotANumber);
        assert_eq!(kind(amount(&Cell::Date(NaiveDate::MIN))), CellIssueKind::WrongType);
    }

    #[test]
    fn consent_is_never_assumed() {
        for yes in ["是", "Y", "yes", "1", "同意", "ＹＥＳ", " 是 "] {
            assert_eq!(consent(&t(yes)).unwrap(), Some(true), "{yes}");
        }
        for no in ["否", "N", "no", "0", "不同意"] {
            assert_eq!(consent(&t(no)).unwrap(), Some(false), "{no}");
        }
        assert_eq!(consent(&Cell::Empty).unwrap(), None);
        assert_eq!(consent(&t(" ")).unwrap(), None);
        assert_eq!(consent(&Cell::Number(1.0)).unwrap(), Some(true));
        assert_eq!(consent(&Cell::Bool(false)).unwrap(), Some(false));
        assert_eq!(kind(consent(&t("可能"))), CellIssueKind::UnknownValue);
        assert_eq!(kind(consent(&Cell::Number(2.0))), CellIssueKind::UnknownValue);
        assert_eq!(convert(Field::MarketingConsent, &Cell::Empty).unwrap(), "");
        assert_eq!(convert(Field::MarketingConsent, &t("是")).unwrap(), "true");
    }

    #[test]
    fn identifiers_and_text_are_folded_and_trimmed() {
        assert_eq!(identifier(&t(" 京Ａ１２３４５ ")).unwrap(), "京A12345");
        assert_eq!(identifier(&t("ＬＳＶＡＭ４１８７Ｃ２１８４８４７")).unwrap(), "LSVAM4187C2184847");
        assert_eq!(identifier(&Cell::Number(20190305001.0)).unwrap(), "20190305001");
        assert_eq!(text(&t("  张伟 ")).unwrap(), "张伟");
        assert_eq!(text(&Cell::Number(3.5)).unwrap(), "3.5");
        assert_eq!(kind(text(&Cell::Error("#N/A".into()))), CellIssueKind::ErrorValue);
        assert_eq!(model_year(&t("2019款")).unwrap(), "2019");
        assert_eq!(model_year(&Cell::Number(2021.0)).unwrap(), "2021");
        assert_eq!(kind(model_year(&t("新款"))), CellIssueKind::NotANumber);
        assert_eq!(gender(&t("男")).unwrap(), "male");
        assert_eq!(gender(&t("Ｆ")).unwrap(), "female");
        assert_eq!(kind(gender(&t("未知"))), CellIssueKind::UnknownValue);
    }
}
